"""Headers with a 親_子 shape (joined from two header rows, or written so): the last part alone is a candidate,
but a generic last part (備考, 名称, 電話番号 …) under an unrelated first part is only a weak one
(converters.mapping.candidates)."""

from __future__ import annotations

import pytest

from converters.mapping import FUZZY_MIN, WEAK_CHILD_SCORE, auto_map, candidates


@pytest.mark.parametrize("header", ["運動場面積_備考", "バリアフリー詳細情報_他_備考"])
def test_generic_last_part_is_a_weak_candidate_only(header: str) -> None:
    (t, method, score), *_ = candidates(header, "2026/evacuation_space")
    assert t == "備考" and method != "exact"
    assert score == WEAK_CHILD_SCORE < FUZZY_MIN * 0.85          # below any look-alike match


def test_a_real_remarks_column_wins_over_a_qualified_one() -> None:
    header = ["名称", "運動場面積_m2", "運動場面積_備考", "備考"]
    m = auto_map(header, "2026/evacuation_space")
    assert m.fields["備考"].source == "備考" and m.fields["備考"].method == "exact"
    assert (2, "運動場面積_備考") in m.unmapped


def test_a_qualified_remarks_column_alone_is_mapped_weakly() -> None:
    # 浜松市's 避難所 list: no 備考 column of its own
    m = auto_map(["避難所名称", "所在地", "運動場面積_m2", "運動場面積_備考"], "2026/evacuation_space")
    fm = m.fields["備考"]
    assert fm.source == "運動場面積_備考" and fm.method == "fuzzy" and fm.score == WEAK_CHILD_SCORE


@pytest.mark.parametrize(("header", "sid", "target"), [
    ("所在地_住所", "2021/aed", "住所"),                  # the first part names the same item: a two-row address
    ("施設名_名称", "2021/aed", "名称"),
    ("AED_設置位置", "2021/aed", "設置位置"),             # a last part few datasets have stays a good candidate
    ("資料_災害種別_地震", "2026/evacuation_space", "災害種別_地震"),
])
def test_specific_or_confirmed_last_part_stays_a_good_candidate(header: str, sid: str, target: str) -> None:
    (t, method, score), *_ = candidates(header, sid)
    assert t == target and method != "fuzzy" and score >= 0.85


def test_whole_names_with_an_underscore_are_unchanged() -> None:
    assert candidates("所在地_都道府県", "2026/public_toilet")[0] == ("所在地_都道府県", "exact", 1.0)
    assert candidates("名称_カナ", "2021/aed")[0] == ("名称_カナ", "exact", 1.0)
    assert candidates("画像_ライセンス", "2026/public_toilet")[0] == ("画像_ライセンス", "exact", 1.0)


# --- a known name with a qualifier in parentheses; names cities really use (third batch of unseen files) ---------
@pytest.mark.parametrize(("header", "sid", "target"), [
    ("問い合わせ先（市の担当課）", "2021/event", "連絡先名称"),        # 高松市's own event list
    ("TEL（代表）", "2021/aed", "電話番号"),
    ("住所(地番)", "2021/aed", "住所"),
])
def test_qualified_known_name_maps_a_little_less_surely(header: str, sid: str, target: str) -> None:
    (t, method, score), *_ = candidates(header, sid)
    base = header.split("（")[0].split("(")[0]
    assert t == target and method != "fuzzy" and score == round(candidates(base, sid)[0][2] * 0.95, 3)


@pytest.mark.parametrize(("header", "sid", "target"), [
    ("事業所名（カナ）", "2021/care_service", "介護サービス事業所名称_カナ"),    # the kana pattern, not the name item
    ("85歳以上（女）", "2021/population", "85歳以上の女性"),                   # a population band
    ("収容可能人員（屋内）", "2026/evacuation_space", "想定収容人数"),          # a listed synonym keeps its score
])
def test_qualifier_rule_comes_after_patterns_and_listed_names(header: str, sid: str, target: str) -> None:
    assert candidates(header, sid)[0][0] == target


def test_qualifier_alone_or_unknown_name_gives_nothing() -> None:
    assert candidates("（市の担当課）", "2021/event") == []
    assert not any(t == "連絡先名称" for t, _, _ in candidates("対象（年齢）", "2021/event"))


@pytest.mark.parametrize(("header", "sid", "target"), [
    ("町丁", "2021/population", "地域名"), ("男", "2021/population", "男性"), ("女", "2021/population", "女性"),
    ("合計", "2021/population", "総人口"), ("調査年月日入力", "2021/population", "調査年月日"),
    ("行事名", "2021/event", "イベント名"), ("開催日", "2021/event", "開始日"), ("料金", "2021/event", "料金(詳細)"),
    ("fullNameInKana", "2021/hospital", "名称_カナ"), ("medicalSubjects", "2021/hospital", "診療科目"),
    ("numberOfBeds", "2021/hospital", "病床数"), ("overtimeResponse", "2021/hospital", "時間外における対応"),
    ("medicalCode", "2021/hospital", "医療機関コード"), ("katagaki", "2021/hospital", "方書"),
    ("pref", "2021/hospital", "都道府県名"), ("city", "2021/hospital", "市区町村名"),
    ("pref", "2026/public_toilet", "所在地_都道府県"), ("city", "2026/public_toilet", "所在地_市区町村"),
])
def test_third_batch_names(header: str, sid: str, target: str) -> None:
    assert candidates(header, sid)[0][0] == target


# --- a column holding one vocabulary item's values (医療機関の種類 under 高松市's alternativeName) -----------------
def test_column_of_one_items_vocabulary_values_is_mapped_from_its_values() -> None:
    header = ["name", "alternativeName", "address"]
    samples = [["A病院", "病院", "高松市1"], ["B医院", "有床診療所", "高松市2"], ["C病院", "病院", "高松市3"]]
    m = auto_map(header, "2021/hospital", samples=samples)
    fm = m.fields["医療機関の種類"]
    assert (fm.method, fm.source, fm.score) == ("values", "alternativeName", 0.8)


@pytest.mark.parametrize("samples", [
    [["A病院", "病院", "高松市1"]],                                       # one value only: too little evidence
    [["A病院", "病院", "高松市1"], ["B医院", "クリニック", "高松市2"]],       # a value outside the vocabulary
])
def test_vocabulary_values_need_two_allowed_values(samples) -> None:
    m = auto_map(["name", "alternativeName", "address"], "2021/hospital", samples=samples)
    assert "医療機関の種類" not in m.fields


def test_vocabulary_values_never_take_a_named_item_or_a_yes_no_flag() -> None:
    samples = [["A", "病院", "病院", "有"], ["B", "病院", "無床診療所", "無"]]
    m = auto_map(["名称", "医療機関の種類", "種類2", "flag"], "2021/hospital", samples=samples)
    assert m.fields["医療機関の種類"].source == "医療機関の種類"           # named by its header: the value rule never runs
    m = auto_map(["名称", "x", "y"], "2021/hospital", samples=[["A", "病院", "病院"], ["B", "病院", "無床診療所"]])
    assert "医療機関の種類" not in m.fields                                  # two columns fit: neither is taken
    m = auto_map(["名称", "z"], "2021/aed", samples=[["A", "有"], ["B", "無"]])
    assert all(f.method != "values" for f in m.fields.values())


# --- a contact item named after whose it is (下関市's 管理先電話番号) ------------------------------------------------------
@pytest.mark.parametrize(("header", "schema_id", "item"), [
    ("管理先電話番号", "2026/evacuation_space", "電話番号"),
    ("問合せ先電話番号", "2021/aed", "電話番号"),
    ("施設の電話番号", "2021/aed", "電話番号"),
    ("担当課ＦＡＸ番号", "2021/hospital", "FAX番号"),
    ("管理者メールアドレス", "2026/evacuation_space", "連絡先メールアドレス"),
])
def test_contact_item_after_whose_it_is(header: str, schema_id: str, item: str) -> None:
    from converters.mapping import candidates

    (t, method, score), *_ = candidates(header, schema_id)
    assert (t, method) == (item, "pattern") and score < 0.9
    assert auto_map(["名称", header], schema_id).fields[item].source == header


@pytest.mark.parametrize("header", ["管理先住所", "緊急時電話番号", "担当課FAX番号"])
def test_not_a_contact_item_of_this_schema(header: str) -> None:
    # an address is not a contact item (the manager's address is not the place's); 緊急時 says when, not whose;
    # 2026/evacuation_space has no FAX番号
    from converters.mapping import candidates

    assert all(m != "pattern" for _, m, _ in candidates(header, "2026/evacuation_space"))


def test_a_plain_phone_column_wins_over_a_qualified_one() -> None:
    m = auto_map(["名称", "管理先電話番号", "電話番号"], "2026/evacuation_space")
    assert m.fields["電話番号"].source == "電話番号"
    assert (1, "管理先電話番号") in m.unmapped


# --- a system export's headers (彦根市's 消火栓: 水利種別(消火栓), 水利種別(消火栓)名, 配管径) ------------------------------------
def test_qualifier_inside_the_name_and_the_name_of_a_code() -> None:
    header = ["水利種別(消火栓)", "水利種別(消火栓)名", "市町村(消火栓)名", "配管径", "緯度(栓)(座標)", "経度(栓)(座標)"]
    assert candidates("水利種別(消火栓)名", "2026/fire_hydrant")[0][0] == "種別"
    m = auto_map(header, "2026/fire_hydrant")
    # the code (01) and its name (消火栓) both say 種別: the name fills the text item
    assert (m.fields["種別"].source, m.fields["口径"].source) == ("水利種別(消火栓)名", "配管径")
    assert (m.fields["緯度"].source, m.fields["経度"].source) == ("緯度(栓)(座標)", "経度(栓)(座標)")


def test_a_name_column_wins_only_over_its_own_code() -> None:
    # 介護保険事業所番号名 is no name of 事業所名's: the tie between the two stays with the first column
    m = auto_map(["事業所名", "介護保険事業所番号", "介護保険事業所番号名"], "2021/care_service")
    assert m.fields["介護サービス事業所名称"].source == "事業所名"
    # a code item is filled by the code column, not by its name
    m = auto_map(["名称", "医療機関コード", "医療機関コード名"], "2021/hospital")
    assert m.fields["医療機関コード"].source == "医療機関コード"


def test_first_of_a_series() -> None:
    assert candidates("設置場所-1", "2021/aed")[0][0] == "設置位置"
    assert candidates("備考１", "2021/aed")[0][0] == "備考"
    assert candidates("第1", "2021/aed") == []


# --- 鯖江市's event list: the dataset's subject before an item's name, and the city's own words ---------------------------
@pytest.mark.parametrize(("header", "item"), [
    ("イベント説明", "説明"), ("イベント開始時刻", "開始時間"), ("イベント終了時刻", "終了時間"), ("問合先", "連絡先名称"),
    ("開催場所施設名", "場所名称"), ("利用料金", "料金(基本)"), ("問合先電話番号", "連絡先電話番号"),
])
def test_sabae_event_headers(header: str, item: str) -> None:
    assert candidates(header, "2021/event")[0][0] == item


def test_subject_prefix_never_gives_a_bare_identifier() -> None:
    assert all(t not in ("NO", "ID") for t, _, _ in candidates("事業所番号", "2021/aed"))
    (t, method, score), *_ = candidates("イベント説明", "2021/event")
    assert (t, method) == ("説明", "pattern") and score < 0.9
