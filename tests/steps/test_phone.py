import pytest

from converters.steps.phone import PhoneStep

from .helpers import field, run

STEP = PhoneStep()
TEL = field("電話番号", checks=["phone"])
EXT = field("内線番号")


@pytest.mark.parametrize("raw,out", [
    ("(054)626-1139", "054-626-1139"),       # Yaizu: hyphenated national format chosen
    ("０８５７－２２－８１１１", "0857-22-8111"),
    ("0857228111", "0857-22-8111"),
    ("0857ー22ー8111", "0857-22-8111"), ("0857‐22‐8111", "0857-22-8111"), ("0857−22−8111", "0857-22-8111"),
    ("0857 22 8111", "0857-22-8111"),
    ("+81 857-22-8111", "0857-22-8111"),
    ("TEL:0857-22-8111", "0857-22-8111"),
    ("(054)622-7420 ", "054-622-7420"),
])
def test_normalised_with_note(raw, out):
    r = run(STEP, raw, TEL)
    assert r.value == out and r.note_ja and r.issue is None


@pytest.mark.parametrize("raw", ["0857-22-8111", "03-3430-1111", "090-1234-5678", "0120-123-456", "050-1234-5678"])
def test_clean_unchanged(raw):
    r = run(STEP, raw, TEL)
    assert r.value == raw and r.note_ja is None and r.issue is None


def test_parenthesis_and_extension_moved():
    r = run(STEP, "0857-22-8111（代表）", TEL)
    assert r.value == "0857-22-8111" and r.moved == {"note": "(代表)"}
    r = run(STEP, "0857-22-8111 内線123", TEL)
    assert r.value == "0857-22-8111" and r.moved == {"extension": "123"}


@pytest.mark.parametrize("raw,code", [
    ("0857-22-8111・8112", "phone-several"), ("0857-22-8111、0857-22-8112", "phone-several"),
    ("0857-22-8111 0857-22-8112", "phone-several"),
    ("857228111", "phone-no-area-code"), ("22-8111", "phone-no-area-code"),
    ("0857-22-811", "phone-invalid"), ("0857-22-81111", "phone-invalid"), ("E-mail:a@b.jp", "phone-invalid"),
    ("054?330?8283", "phone-invalid"),
])
def test_refused(raw, code):
    r = run(STEP, raw, TEL)
    assert r.value == raw and r.issue.code == code


def test_lost_leading_zero_is_hinted_not_fixed():
    r = run(STEP, 857228111, TEL)
    assert r.value == 857228111 and r.issue.code == "phone-no-area-code" and "0857228111" in r.issue.message_ja


def test_none_word():
    r = run(STEP, "なし", TEL)
    assert r.value == "" and r.note_ja


def test_extension_field():
    r = run(STEP, "2442・2421", EXT)           # Komae 内線番号: two values in one cell
    assert r.value == "2442・2421" and r.issue.code == "phone-several"
    assert run(STEP, "2442", EXT).value == "2442"
    assert run(STEP, "２４４２", EXT).value == "2442"


def test_applies():
    assert STEP.applies(TEL) and STEP.applies(EXT) and STEP.applies(field("連絡先内線番号"))
    assert not STEP.applies(field("名称"))
