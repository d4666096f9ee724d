import datetime as dt

import pytest

from converters.steps.numbers import NumberStep

from .helpers import field, run

STEP = NumberStep()
INT = field("駐車場台数", "integer")
NUM = field("高度の値", "number")


@pytest.mark.parametrize("raw,value,moved", [
    ("387台", "387", {"unit": "台"}),
    ("4,315 ", "4315", None),
    ("約50人", "50", {"qualifier": "約", "unit": "人"}),
    ("１２３", "123", None),
    ("50人（2平方メートルあたり1人）", "50", {"unit": "人", "note": "（2平方メートルあたり1人）"}),
    ("5,280円～", "5280", {"unit": "円", "qualifier": "～"}),      # Yaizu 料金
    ("23人", "23", {"unit": "人"}),
    ("50人以上", "50", {"unit": "人", "qualifier": "以上"}),
    ("100m2", "100", {"unit": "m2"}),
    ("¥500", "500", {"unit": "¥"}),
    ("12.0", "12", None),
    ("007", "7", None),
    ("−5", "-5", None),
])
def test_integer_values(raw, value, moved):
    r = run(STEP, raw, INT)
    assert r.value == value and r.moved == moved and r.note_ja and r.issue is None


def test_moved_parts_are_named_in_the_note():
    r = run(STEP, "約50人", INT)
    assert "約" in r.note_ja and "人" in r.note_ja and "約" in r.note_en


@pytest.mark.parametrize("raw", ["-", "―", "ー", "なし", "無し", "該当なし", "－"])
def test_none_words_become_empty(raw):
    r = run(STEP, raw, INT)
    assert r.value == "" and r.note_ja and r.issue is None


@pytest.mark.parametrize("raw", ["0", "", "12", "-3"])
def test_blank_and_zero_kept_distinct(raw):
    r = run(STEP, raw, INT)
    assert r.value == raw and r.note_ja is None and r.issue is None


def test_zero_is_never_emptied_and_blank_never_zero():
    assert run(STEP, 0, INT).value == "0"
    assert run(STEP, 0.0, INT).value == "0"
    assert run(STEP, None, INT).value is None


@pytest.mark.parametrize("raw,code", [
    ("12.5", "number-decimal-in-integer"), ("3.5m", "number-decimal-in-integer"),
    ("普通3台", "number-unreadable"),
    ("店舗前4台、店舗横14台　計18台", "number-several"),             # Yaizu 駐車場情報
    ("10～20", "number-several"), ("1,2", "number-several"), ("2442・2421", "number-several"),
    ("▲5", "number-triangle-negative"), ("△3", "number-triangle-negative"),
    ("五十", "number-kanji"),
    ("不明", "number-unreadable"), ("***", "number-unreadable"), ("X", "number-unreadable"), ("50台不明", "number-unreadable"),
])
def test_refused(raw, code):
    r = run(STEP, raw, INT)
    assert r.value == raw and r.issue.code == code


@pytest.mark.parametrize("raw,value", [("12.50", "12.50"), ("1.5", "1.5"), ("-1", "-1"), (".5", "0.5"),
                                       ("１．５階", "1.5"), ("3,776.24m", "3776.24")])
def test_number_fields_keep_decimals(raw, value):
    assert run(STEP, raw, NUM).value == value


@pytest.mark.parametrize("value,out", [(387, "387"), (387.0, "387"), (1.5, "1.5"), (0.1 + 0.2, "0.3")])
def test_typed_numbers(value, out):
    f = NUM if value in (1.5, 0.1 + 0.2) else INT
    r = run(STEP, value, f)
    assert r.value == out and r.issue is None


@pytest.mark.parametrize("value", [1.5, float("nan"), float("inf"), True, dt.date(2024, 1, 1)])
def test_typed_refusals(value):
    r = run(STEP, value, INT)
    assert r.issue is not None and r.value is value


def test_applies_not_to_coordinates():
    assert STEP.applies(INT) and STEP.applies(NUM)
    assert not STEP.applies(field("緯度", "number", ["latitude"]))
    assert not STEP.applies(field("名称"))


# --- 無料 in a fee field ------------------------------------------------------------------------------
FEE = field("料金(基本)", "integer")     # 2021 観光施設 / イベント: 基本料金を日本円で記載 (1円単位), an integer


@pytest.mark.parametrize(("raw", "moved"), [("無料", None), ("無償", None), (" 無料 ", None),
                                            ("無料（要予約）", {"note": "（要予約）"})])
def test_free_in_a_fee_field_is_zero_yen(raw, moved):
    r = run(STEP, raw, FEE)
    assert r.value == "0" and r.issue is None and r.moved == moved
    assert "無" in r.note_ja and "0" in r.note_en                    # logged, never silent


@pytest.mark.parametrize("f", [INT, NUM, field("収容定員", "integer")])
def test_free_outside_a_fee_field_is_a_word(f):
    r = run(STEP, "無料", f)
    assert r.value == "無料" and r.issue.code == "number-unreadable"


@pytest.mark.parametrize("raw", ["無料です", "一部無料", "無料・有料", "有料"])
def test_free_with_other_words_is_not_read(raw):
    r = run(STEP, raw, FEE)
    assert r.value == raw and r.issue is not None


def test_fee_field_names():
    from converters.steps.numbers import is_fee_field

    assert all(is_fee_field(n) for n in ("料金(基本)", "料金（基本）", "子供預かり料金", "利用料", "入場料", "参加費"))
    assert not any(is_fee_field(n) for n in ("収容定員", "駐車場台数", "料金種別備考", "高度の値"))
