import pytest

from converters.steps.flags import FlagStep

from .helpers import field, run

STEP = FlagStep()
YN = field("小児対応設備の有無", enum=["有", "無"])
ONE = field("災害種別_津波", enum=["1"])
HEIGHT = field("高度の種別", enum=["階数", "標高", "地表高"])
KIND = field("種別", enum=["公立幼稚園", "私立幼稚園", "認可公立保育所", "認可私立保育所", "認可外保育所",
                          "認定こども園（幼保連携型）", "認定こども園（幼稚園型）", "認定こども園（保育所型）",
                          "認定こども園（地方裁量型）"])


@pytest.mark.parametrize("raw", ["○", "◯", "〇", "●", "◎", "✓", "有り", "あり", "1", "TRUE", "true", True, 1, 1.0, " ○ "])
def test_yes(raw):
    r = run(STEP, raw, YN)
    assert r.value == "有" and r.note_ja and r.issue is None


@pytest.mark.parametrize("raw", ["×", "なし", "無し", "0", "-", "FALSE", False, 0])
def test_no(raw):
    r = run(STEP, raw, YN)
    assert r.value == "無" and r.note_ja and r.issue is None


@pytest.mark.parametrize("raw", ["有", "無", ""])
def test_already_right(raw):
    r = run(STEP, raw, YN)
    assert r.value == raw and r.note_ja is None and r.issue is None


def test_parenthesis_is_moved_out():
    r = run(STEP, "有（2台）", YN)
    assert r.value == "有" and r.moved == {"note": "（2台）"}


@pytest.mark.parametrize("raw", ["可", "一部", "△", "要確認"])
def test_yes_no_refused(raw):
    r = run(STEP, raw, YN)
    assert r.value == raw and r.issue.code == "flag-unknown"


@pytest.mark.parametrize("raw,out", [("○", "1"), ("◯", "1"), ("●", "1"), ("1", "1"), ("有", "1"), (1, "1"),
                                     ("×", ""), ("なし", ""), ("0", ""), ("-", ""), (0, "")])
def test_one_flags(raw, out):
    r = run(STEP, raw, ONE)
    assert r.value == out and r.issue is None
    if out == "" or raw != "1":
        assert r.note_ja or raw == 1


def test_one_flag_kept_and_empty():
    assert run(STEP, "1", ONE).note_ja is None
    assert run(STEP, "", ONE).value == ""
    assert run(STEP, "△", ONE).issue.code == "flag-unknown"


def test_one_flag_empty_means_none_in_the_note():
    assert "対応なし" in run(STEP, "×", ONE).note_ja


@pytest.mark.parametrize("raw,out", [("階", "階数"), ("標高", "標高"), ("地表", "地表高"), ("階数 ", "階数")])
def test_other_enums(raw, out):
    assert run(STEP, raw, HEIGHT).value == out


def test_prefix_match_is_noted():
    assert "前方一致" in run(STEP, "階", HEIGHT).note_ja


def test_nfkc_spelling():
    r = run(STEP, "認定こども園(幼保連携型)", KIND)
    assert r.value == "認定こども園（幼保連携型）" and r.note_ja


@pytest.mark.parametrize("raw", ["認定こども園", "保育園", "○"])
def test_other_enum_refused(raw):
    r = run(STEP, raw, KIND)
    assert r.value == raw and r.issue.code == "enum-unknown"


def test_applies():
    assert STEP.applies(YN) and STEP.applies(ONE) and not STEP.applies(field("名称"))


CATEGORY = field("分類", enum=["国土・気象", "人口・世帯", "運輸・観光", "情報通信・科学技術", "教育・文化・スポーツ・生活",
                             "その他"])


@pytest.mark.parametrize("raw,out", [("運輸", "運輸・観光"), ("教育", "教育・文化・スポーツ・生活"),
                                     ("教育・文化", "教育・文化・スポーツ・生活"), ("人口・世帯", "人口・世帯")])
def test_prefix_of_a_compound_takes_whole_words(raw, out):
    assert run(STEP, raw, CATEGORY).value == out


@pytest.mark.parametrize("raw", ["情報", "教", "運輸・観"])
def test_prefix_inside_a_word_of_a_compound_is_refused(raw):
    # 豊島区's オープンデータ一覧 has 分類「情報」 for 人口 and 無線LAN: not 情報通信・科学技術
    r = run(STEP, raw, CATEGORY)
    assert r.value == raw and r.issue.code == "enum-unknown"


KIND_CP = field("種類", enum=["建造物", "美術工芸品", "芸能", "工芸技術", "その他"])


@pytest.mark.parametrize("raw", ["絵画・彫刻・工芸品", "考古資料", "歴史資料", "書跡・典籍", "絵画、彫刻"])
def test_narrower_terms_of_one_allowed_value(raw):
    # 豊島区's 文化財一覧: 美術工芸品 = 絵画, 彫刻, 工芸品, 書跡, 典籍, 古文書, 考古資料, 歴史資料 (文化財保護法 第2条)
    r = run(STEP, raw, KIND_CP)
    assert r.value == "美術工芸品" and r.issue is None and "内訳" in r.note_ja


@pytest.mark.parametrize("raw", ["民俗芸能", "民俗芸能用具", "風俗習慣", "絵画・建造物"])
def test_not_all_parts_narrower_is_refused(raw):
    r = run(STEP, raw, KIND_CP)
    assert r.value == raw and r.issue.code == "enum-unknown"
