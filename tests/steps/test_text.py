import datetime as dt

import pytest

from converters.steps.text import TextStep

from .helpers import field, run

STEP = TextStep()
NAME = field("名称")


@pytest.mark.parametrize("raw,expected", [
    ("２４H使用可能", "24H使用可能"),                       # Kobe header-like value, full-width digits
    ("34.719504 ", "34.719504"),                          # Kobe coordinates with a trailing space
    ("ｺﾏｴｼﾔｸｼｮ", "コマエシヤクショ"),                        # Komae half-width kana
    ("ﾃﾞｨｽｶﾊﾞﾘｰﾊﾟｰｸ焼津水夢館", "ディスカバリーパーク焼津水夢館"),
    ("狛江市和泉本町１丁目１番5号", "狛江市和泉本町1丁目1番5号"),
    ("（０５４）６２６－１１３９", "(054)626-1139"),
    ("０８５７－２２－８１１１", "0857-22-8111"),
    ("0857ー22ー8111", "0857-22-8111"),
    ("7‐5", "7-5"), ("7−5", "7-5"), ("7―5", "7-5"), ("7ｰ5", "7-5"), ("7–5", "7-5"), ("7—5", "7-5"), ("7‑5", "7-5"),
    ("９：００", "9:00"),
    ("１００％", "100%"),
    ("ＯＫ！", "OK!"),
    ("＃１", "#1"),
    ("ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｊｐ", "https://www.city.jp"),
    ("５，２８０円", "5,280円"),
    ("名　称", "名称"), ("住 所", "住所"), ("備　　考", "備考"), ("電 話 番 号", "電話番号"),
    ("　市役所　", "市役所"),
    ("御菓子司\u3000角屋\u3000", "御菓子司\u3000角屋"),
    ("神戸市東灘区\r\n住吉本町", "神戸市東灘区 住吉本町"),
    ("一行目\n\n二行目", "一行目 二行目"),
    ("\t日曜・祝日", "日曜・祝日"),
    ("カ゛イド", "ガイド"), ("ハ゜ン", "パン"), ("カ\u3099", "ガ"),
    ("ABC\u3000DEF", "ABC DEF"),
    ("a\u200bb\ufeff", "ab"),
    ("x\u00a0y", "x y"),
    ("ランチ 11:30～14:30（LO.14:00）", "ランチ 11:30～14:30(LO.14:00)"),
])
def test_cleanup(raw, expected):
    r = run(STEP, raw, NAME)
    assert r.value == expected
    assert r.note_ja and r.note_en and r.issue is None


@pytest.mark.parametrize("raw", [
    "市役所（本館）",            # Japanese brackets in prose are kept
    "です！",
    "5,280円～",                # ～ is kept (NFKC would make it an ASCII tilde)
    "9時〜17時",
    "山田\u3000太郎",             # a person's name: family and given name, not layout
    "Tottori City Hall",
    "お茶の丸玉園 登呂田店（SANOWA）",
    "料金：300円",
    "髙﨑",                     # no compatibility folding of kanji
    "m²",
    "第1回（予定）",
    "",
    "東京都千代田区 霞が関 一丁目",   # words with spaces in longer text
])
def test_left_alone(raw):
    r = run(STEP, raw, NAME)
    assert r.value == raw and r.note_ja is None and r.issue is None


def test_machine_dependent_characters_are_not_touched_here():
    # ① would become 1 under NFKC: the machine_dependent step owns it
    assert run(STEP, "①番", NAME).value == "①番"
    assert run(STEP, "㍻", NAME).value == "㍻"


def test_newline_note_names_the_rule():
    r = run(STEP, "説明1\n説明2", field("説明"))
    assert r.value == "説明1 説明2"
    assert "改行" in r.note_ja and "line" in r.note_en


def test_layout_space_only_for_short_single_character_names():
    assert run(STEP, "公 民 館 前 広 場", NAME).value == "公 民 館 前 広 場"   # more than 4 characters
    assert run(STEP, "A B", NAME).value == "A B"


@pytest.mark.parametrize("value,expected", [(123, "123"), (4315.0, "4315"), (34.719504, "34.719504"),
                                            (0.1 + 0.2, "0.3"), (True, "TRUE")])
def test_typed_values_in_string_fields_become_text(value, expected):
    r = run(STEP, value, NAME)
    assert r.value == expected and r.note_ja is None and r.issue is None


def test_typed_values_in_typed_fields_are_left_to_their_step():
    for v in (1, 1.5, dt.date(2024, 4, 1), dt.time(9, 0), True, None):
        assert run(STEP, v, field("x", "integer")).value == v
    assert run(STEP, True, field("有無", enum=["有", "無"])).value is True


def test_date_in_a_text_field_is_reported():
    r = run(STEP, dt.datetime(2024, 1, 2), field("所在地_番地以下"))
    assert r.value == "2024-01-02" and r.issue.code == "excel-date-in-text"


def test_nan_in_a_text_field_is_reported():
    assert run(STEP, float("nan"), NAME).issue.code == "text-not-a-value"


def test_idempotent_on_examples():
    for raw in ["（０５４）６２６－１１３９", "ｺﾏｴ", "名　称", "a\nb", " ９：００ "]:
        once = run(STEP, raw, NAME).value
        twice = run(STEP, once, NAME)
        assert twice.value == once and twice.note_ja is None


# --- probable mojibake: a character lost to '?' (or U+FFFD) is reported, never guessed -------------------
@pytest.mark.parametrize("raw", [
    "祇??園小学校",                 # 下野市: 祇 lost to '??' in an earlier encoding round trip
    "東京都?区",
    "下野市祇??園2-21-3",
    "東京都？区",                   # full-width too
    "ギ?オン",
    "文字\ufffd化け",               # U+FFFD: the replacement character of a lossy decoder
    "\ufffd",
    "詳細は https://example.jp/?q=1 をご覧ください。髙?橋",   # a URL elsewhere in the cell does not hide it
    "?賜豬碑（嘉永二年在銘）",      # 豊島区 文化財一覧: a '?' that starts the name
])
def test_probable_mojibake_is_reported_and_kept(raw):
    r = run(STEP, raw, NAME)
    assert r.value == raw and r.note_ja is None
    assert r.issue is not None and r.issue.code == "probable-mojibake"
    assert "文字化け" in r.issue.message_ja and "mojibake" in r.issue.message_en


def test_probable_mojibake_with_a_cleanup_keeps_the_cleanup():
    r = run(STEP, " ｷﾞ??ｵﾝ小学校 ", NAME)
    assert r.value == "ギ??オン小学校" and r.note_ja                     # trimmed, full-width kana
    assert r.issue is not None and r.issue.code == "probable-mojibake"


@pytest.mark.parametrize("raw", [
    "ありますか?",                  # a question at the end
    "ありますか？次の質問です",      # a question, then the next sentence
    "知ってる？それはね",
    "What?",                        # English
    "Is it open? Yes.",
    "https://例え.jp/観光?地=1",    # inside a URL
    "www.city.jp/検索?語",
    "東京?",                        # not between two Japanese characters (a leading '?' is: ?賜豬碑 above)
    "〒100?東京",
    "A?B",
    "1?2",
    "東京 ? 大阪",                  # spaced: written on purpose
    "何?",
])
def test_question_marks_that_are_no_mojibake(raw):
    r = run(STEP, raw, NAME)
    assert r.issue is None


def test_mojibake_is_reported_in_every_text_field():
    assert run(STEP, "祇??園", field("名称_カナ", checks=["katakana"])).issue.code == "probable-mojibake"
    assert run(STEP, "祇??園2-21-3", field("住所")).issue.code == "probable-mojibake"


def test_ascii_question_mark_after_hiragana_other_than_a_particle_is_reported():
    # a lossy encoder writes an ASCII '?'; prose writes '？' (知ってる？それは is not reported, above)
    assert run(STEP, "あま?しぐれ", NAME).issue.code == "probable-mojibake"
    assert run(STEP, "知ってる？それは", NAME).issue is None


@pytest.mark.parametrize("raw", [
    "直売所「うずしお母さんの店」は8:00?15:00。",      # 柳井市 観光施設一覧: 8:00～15:00, ～ lost to '?'
    "東京都八丈島八丈町樫立1812?3",                     # 八丈町: 1812‐3
    "会館12?3号",
])
def test_question_mark_between_digits_in_japanese_text_is_probable_mojibake(raw):
    r = run(STEP, raw, NAME)
    assert r.value == raw and r.issue is not None and r.issue.code == "probable-mojibake"
    assert "数字の間" in r.issue.message_ja


@pytest.mark.parametrize("raw", [
    "12?3",                                             # no Japanese text: a code, an answer key…
    "詳しくは https://example.jp/a?id=1?2 を見てください",   # inside a URL
    "8:00～15:00",
    "ホール? 1階",
])
def test_question_mark_between_digits_not_reported(raw):
    r = run(STEP, raw, NAME)
    assert r.issue is None or r.issue.code != "probable-mojibake" or "数字の間" not in r.issue.message_ja


@pytest.mark.parametrize("raw", ["?", "?abc", "? 不明", "？誰"])
def test_leading_question_mark_alone_or_before_non_japanese_is_not_mojibake(raw):
    r = run(STEP, raw, NAME)
    assert r.issue is None or r.issue.code != "probable-mojibake"
