"""Dataset detection (converters.mapping.detect_dataset / accept_detection): distinctive columns weigh more
than generic ones, the source's columns explained count, the name column and titles give hints, and a
guess is taken only with enough confidence and a lead over the best other dataset."""

from __future__ import annotations

import pytest

import schemas
from converters.mapping import (
    ACCEPT_CONFIDENCE,
    ACCEPT_MIN_LEAD,
    DatasetGuess,
    accept_detection,
    best_dataset,
    detect_dataset,
)


def _top(header: list[str], hints: list[str] | None = None) -> DatasetGuess:
    return detect_dataset(header, hints=hints)[0]


@pytest.mark.parametrize("sid", schemas.available_ids())
def test_every_standard_header_detects_its_own_dataset(sid: str) -> None:
    header = [f["name"] for f in schemas.load(sid)["fields"]]
    g = _top(header)
    assert g.schema_id == sid
    assert accept_detection(detect_dataset(header)) == (sid, g.decision)
    assert g.score >= 0.9 and g.lead >= 0.1


def test_short_header_with_a_distinctive_column_is_accepted() -> None:
    # さいたま市: six columns, all but 区 matched; 設置場所 (設置位置) is what only AED (and 2026 toilets) have
    header = ["施設名等", "設置場所", "区", "所在地", "緯度", "経度"]
    g = _top(header)
    assert g.schema_id == "2021/aed" and g.accepted
    assert g.fit < ACCEPT_CONFIDENCE <= g.score            # the lead over public_toilet lifts a middling fit
    assert 0.75 < g.explained <= 5 / 6                    # matched columns weighted by their match scores
    assert "設置位置" in g.distinctive
    assert any("特有の項目" in r for r in g.reasons) and any("次点" in r for r in g.reasons)


def test_only_generic_columns_is_not_accepted() -> None:
    # every dataset has these: no lead, whatever the fit
    guesses = detect_dataset(["名称", "住所", "緯度", "経度", "電話番号", "備考"])
    sid, why = accept_detection(guesses)
    assert sid is None and "僅差" in why
    assert guesses[0].lead < ACCEPT_MIN_LEAD


def test_long_city_header_is_not_won_by_a_small_generic_schema() -> None:
    # 浜松市: 23 columns, 12 the city's own; fire_hydrant (11 generic items) used to win on schema coverage
    header = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "管理NO", "区", "避難所No", "避難所名称",
              "所在地", "電話1", "電話1備考", "避難所運営協力自主防災組織", "開放区", "敷地面積_m2", "保有教室等の総面積_m2",
              "救護所", "運動場面積_m2", "運動場面積_備考", "体育館面積_m2", "格技場面積_m2", "収容可能人員（屋内）", "緯度", "経度"]
    g = _top(header)
    assert g.schema_id.endswith("/evacuation_space") and g.accepted
    assert "想定収容人数" in g.distinctive
    assert any("名称の列「避難所」" in r for r in g.reasons)
    fh = next(x for x in detect_dataset(header) if x.schema_id == "2021/fire_hydrant")
    assert fh.coverage > g.coverage                        # covers more of its small schema, still loses


def test_distinctive_column_beats_a_schema_of_similar_generic_items() -> None:
    # 港区: 一時受入人員可能数[人] is 想定収容人数, which only evacuation_space has; wireless LAN used to win
    header = ["地区", "自治体コード", "施設名", "ふりがな", "英語名称", "分類", "住所", "電話番号1", "電話番号2",
              "一時受入人員可能数[人]", "長期受入人員可能数[人]", "構造", "緯度", "経度"]
    g = _top(header)
    assert g.schema_id.endswith("/evacuation_space") and g.accepted


def test_name_column_names_the_kind_of_thing() -> None:
    header = ["観光スポット名称", "所在地", "緯度", "経度", "座標系", "説明", "八丈町ホームページ記載"]
    g = _top(header)
    assert g.schema_id == "2021/tourism" and g.accepted
    assert "名称の列「観光」" in g.reasons
    # without the word, public_facility and tourism tie on the same items: nothing is taken
    plain = detect_dataset(["スポット名称", "所在地", "緯度", "経度", "座標系", "説明", "ホームページ記載"])
    assert accept_detection(plain)[0] is None


def test_purpose_word_in_a_name_column_is_no_hint() -> None:
    # 指定暑熱避難施設 (cooling shelter) is no 避難所: bare 避難 only counts in file names and titles
    guesses = detect_dataset(["ID", "指定暑熱避難施設の名称", "所在地", "緯度", "経度"])
    ev = [g for g in guesses if g.schema_id.endswith("/evacuation_space")]
    assert ev and not any("名称の列" in r for g in ev for r in g.reasons)


def test_title_row_hint() -> None:
    header = ["二次保健医療圏", "施設名", "所在地", "電話番号", "病床数", "三次救急"]
    g = _top(header, hints=["data.csv", "", "東京都災害拠点病院一覧", "令和4年1月1日現在"])
    assert g.schema_id == "2021/hospital" and g.accepted and "ファイル名・表題" in g.reasons
    assert "病床数" in g.distinctive


def test_english_scraped_header_without_distinctive_columns_is_refused() -> None:
    # 今治市 (meqqe.jp): url,title,address,…; the rows are AEDs but nothing in the header says so
    sid, why = accept_detection(detect_dataset(["url", "title", "address", "descripction", "tel", "gmap", "img",
                                                "lat", "lon"]))
    assert sid is None and why
    # the file name says it
    g = best_dataset(["url", "title", "address", "descripction", "tel", "gmap", "img", "lat", "lon"],
                     hints=["imabari_aed_meqqe.csv"])
    assert g is not None and g.schema_id == "2021/aed" and g.accepted


def test_confidence_stays_in_range_and_below_one_when_not_perfect() -> None:
    for header in (["施設名等", "設置場所", "所在地"], ["名称", "住所"], ["収容可能人員", "災害種別_地震"]):
        for g in detect_dataset(header):
            assert 0.0 <= g.score <= 1.0 and 0.0 <= g.fit <= 1.0
            assert g.score < 1.0


def test_best_dataset_keeps_the_decision_across_generations() -> None:
    header = [f["name"] for f in schemas.load("2021/evacuation_space")["fields"]]
    g = best_dataset(header)
    assert g is not None and g.schema_id == "2026/evacuation_space" and g.accepted
    assert any("2026年版へ" in r for r in g.reasons)


def test_accept_detection_handles_nothing() -> None:
    assert accept_detection([]) == (None, "候補なし")
    assert accept_detection(None) == (None, "候補なし")


def test_conversion_refuses_a_near_tie(tmp_path) -> None:
    # 今治市's facility list without its 分類 column: 名称,所在地,URL,緯度,経度 is any facility list (公衆無線LAN 43 %,
    # AED 42 %, 公共施設 41 %).  With 分類 the file leads 公共施設 by 3.0 %, just at the bar, and is converted.
    import csv
    from pathlib import Path

    from converters.pipeline import ConversionError, ConvertOptions, convert

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "unseen" / "imabari_public_facility_a1.csv"
    with fixture.open(encoding="utf-8", newline="") as f:
        rows = [r[1:] for r in csv.reader(f)]
    assert rows[0] == ["名称", "所在地", "URL", "緯度", "経度"]
    src = tmp_path / "data.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    with pytest.raises(ConversionError) as e:
        convert(src, tmp_path / "out", ConvertOptions())
    assert e.value.code == "dataset-unknown"
    cands = e.value.details["candidates"]
    assert cands[0]["accepted"] is False and "僅差" in cands[0]["decision"]


# --- values: a dataset word in the values of one column (the first rows the reader holds) -----------------
IMABARI = ["url", "title", "address", "descripction", "tel", "gmap", "img", "lat", "lon"]


def _imabari_rows(titles: list[str]) -> list[list[str]]:
    return [[f"https://meqqe.jp/spots/{i}", t, "愛媛県今治市四村93-2", "", "", "https://local.google.co.jp/maps?q=34.0,133.0",
             f"https://images.meqqe.jp/post_images/{i}.jpg", "34.0336400", "132.9864400"] for i, t in enumerate(titles)]


def test_values_naming_the_dataset_are_strong_evidence() -> None:
    # 今治市 (meqqe.jp): nothing in the header says AED; every title does (AED @清水公民館 １階フロアー)
    rows = _imabari_rows([f"AED @{n}公民館 １階ロビー" for n in ("清水", "富田", "桜井", "波方", "常盤", "中央")]
                         + ["AED @関前岡村診療所 玄関入口"])        # one 診療所 (hospital) among them: nothing
    g = detect_dataset(IMABARI, values=rows)[0]
    assert g.schema_id == "2021/aed" and g.accepted
    assert "値に「AED」（列「title」の7件中7件）" in g.reasons
    header_only = next(x for x in detect_dataset(IMABARI) if x.schema_id == "2021/aed")
    assert round(g.fit - header_only.fit, 3) == 0.15                 # as strong as the file name
    assert not header_only.accepted
    assert not any("値" in r for x in detect_dataset(IMABARI, values=rows) if x.schema_id.endswith("/hospital")
                   for r in x.reasons)
    b = best_dataset(IMABARI, values=rows)
    assert b is not None and b.schema_id == "2021/aed" and b.accepted


def test_one_value_in_fifty_does_not_flip_detection() -> None:
    # a keyword in 1 of 50 values is no evidence at all: the guesses are those of the header alone
    titles = [f"{n}公民館 １階ロビー" for n in range(49)] + ["AED @今治城 職員玄関口"]
    for header, rows in ((IMABARI, _imabari_rows(titles)),
                         (["施設名等", "設置場所", "区", "所在地", "緯度", "経度"],
                          [[f"{'市民病院' if i == 7 else f'公民館{i}'}", "1階", "中央区", "さいたま市", "35.8", "139.6"]
                           for i in range(50)])):
        plain, with_values = detect_dataset(header), detect_dataset(header, values=rows)
        assert [(g.schema_id, g.score, g.accepted) for g in with_values] == \
            [(g.schema_id, g.score, g.accepted) for g in plain]
        assert not any("値に" in r for g in with_values for r in g.reasons)
    assert accept_detection(detect_dataset(IMABARI, values=_imabari_rows(titles)))[0] is None


def test_a_keyword_in_a_few_values_is_weak_evidence() -> None:
    # 15 of 50 (30 %): a little, not enough to take a header that says nothing
    titles = [f"AED @{n}公民館" if n % 10 < 3 else f"{n}公民館" for n in range(50)]
    g = next(x for x in detect_dataset(IMABARI, values=_imabari_rows(titles)) if x.schema_id == "2021/aed")
    plain = next(x for x in detect_dataset(IMABARI) if x.schema_id == "2021/aed")
    assert round(g.fit - plain.fit, 3) == 0.05
    assert "一部の値に「AED」（列「title」の50件中15件）" in g.reasons
    assert accept_detection(detect_dataset(IMABARI, values=_imabari_rows(titles)))[0] is None


@pytest.mark.parametrize("header", [
    IMABARI,
    ["施設名等", "設置場所", "区", "所在地", "緯度", "経度"],
    ["名称", "住所", "緯度", "経度", "電話番号", "備考"],
    [f["name"] for f in schemas.load("2021/tourism")["fields"]],
])
def test_header_only_detection_is_unchanged(header: list[str]) -> None:
    # no values, no sample (a reshaped table) or values without a dataset word: the header's own result
    plain = [(g.schema_id, g.score, g.fit, g.accepted, g.reasons) for g in detect_dataset(header)]
    for values in (None, [], [["市役所", "1階", "中央区", "35.8"] + [""] * max(0, len(header) - 4)] * 30):
        got = [(g.schema_id, g.score, g.fit, g.accepted, g.reasons) for g in detect_dataset(header, values=values)]
        assert got == plain


def test_prose_urls_and_departments_are_not_read_for_words() -> None:
    # a description mentioning the toilets, a URL path with /aed/ and the department (保育課) that answers
    # say nothing about what the rows are
    header = ["名称", "説明", "URL", "担当課"]
    rows = [[f"公園{i}", "園内には遊具、ベンチ、トイレ、駐車場（10台）があり、春には桜の名所として多くの人が訪れます。" * 2,
             f"https://www.city.example.lg.jp/aed/{i}.html", "こども未来部保育課"] for i in range(20)]
    for g in detect_dataset(header, values=rows):
        assert not any("値に" in r for r in g.reasons)
    # the same words as short values of their own column are evidence
    short = [[f"公園{i}", "公衆トイレ", "AED", "保育園"] for i in range(20)]
    hinted = {g.schema_id.split("/")[1] for g in detect_dataset(header, values=short) if any("値に" in r for r in g.reasons)}
    assert hinted == {"public_toilet", "aed", "preschool"}


def test_values_from_the_reader_reach_the_conversion(tmp_path) -> None:
    # the CSV reader's first rows are what _choose gives detection: the Imabari file converts without a hint
    import shutil
    from pathlib import Path

    from converters.pipeline import convert

    src = tmp_path / "data.csv"
    shutil.copyfile(Path(__file__).resolve().parent.parent / "fixtures" / "unseen" / "imabari_aed_meqqe.csv", src)
    r = convert(src, tmp_path / "out")
    assert r.schema_id == "2021/aed"
    assert r.guess is not None and any(x.startswith("値に「AED」") for x in r.guess["reasons"])
    r.cleanup()


def test_sample_values_of_workbook_rows_and_reshaped_tables() -> None:
    # workbook tables hold their rows in a list: their first rows are the sample; a reshaped table (rows made
    # on the fly, columns renamed) has none rather than values under the wrong columns
    from converters.readers.base import SAMPLE_ROWS, SourceRow, SourceTable, sample_values
    from converters.reshape import apply_reshape

    rows = [SourceRow(i + 2, [f"AED @{i}", str(i)]) for i in range(300)]
    t = SourceTable("f.xlsx", "Sheet1", ["title", "x"], rows)
    assert sample_values(t) == [r.values for r in rows[:SAMPLE_ROWS]]
    assert sample_values(apply_reshape(t, {"unpivot": {"columns": ["x"]}})) == []


def test_exact_2026_header_beats_the_2021_generation_when_both_reach_the_cap():
    """File name and values add to both generations of a dataset; capped at 1.0 they would tie and the 2021
    generation (sorted first by name) would be taken and "upgraded".  The full 2026 header must win."""
    header = [f["name"] for f in schemas.load("2026/fire_hydrant")["fields"]]
    row = ["312011", "FH1", "鳥取県鳥取市", "消火栓", "312011", "", "鳥取県鳥取市尚徳町116", "鳥取県", "鳥取市",
           "尚徳町", "116", "", "35.5", "134.2", "100", ""]
    guesses = detect_dataset(header, hints=["312011_fire_hydrant.csv"], values=[row] * 50)
    assert guesses[0].schema_id == "2026/fire_hydrant"
    assert any(r.startswith("値に「消火栓」") for r in guesses[0].reasons)


def test_the_other_generations_items_count_for_the_dataset() -> None:
    """The 2026 公共施設一覧 template as Tokyo's wards publish it (八王子市, 板橋区): the project's 2026/public_facility
    (29 items, unconfirmed) lacks 名称_通称 and POIコード, which only 公共施設一覧 has (its 2021 list): they count for
    the dataset against 2026/aed, which has 31 of the 56 generic items, and the file is written in the 2026 list."""
    import csv
    from pathlib import Path

    from converters.mapping import best_dataset

    path = Path(__file__).resolve().parent.parent / "fixtures" / "unseen" / "hachioji_library.csv"
    with path.open(encoding="utf-8") as f:
        header = next(csv.reader(f))[:56]
    guesses = detect_dataset(header)
    g = guesses[0]
    assert g.schema_id == "2026/public_facility" and g.accepted and g.lead >= 0.05
    assert any("別の世代の特有の項目「名称_通称」「POIコード」" in r for r in g.reasons)
    assert not any(o.accepted for o in guesses[1:])
    best = best_dataset(header)
    assert best is not None and best.schema_id == "2026/public_facility"      # not the 2021 list: written in 2026's
    # the 2021 header itself stays 2021's (its own items), and the 2026 one 2026's
    h21 = [f["name"] for f in schemas.load("2021/public_facility")["fields"]]
    assert detect_dataset(h21)[0].schema_id == "2021/public_facility"
    assert best_dataset(h21).schema_id == "2021/public_facility"

def test_an_unconfirmed_2026_list_needs_a_header_written_in_it() -> None:
    """One name that only the 2026 list has (郵便番号, common in city lists of any age) does not keep an unconfirmed
    2026 list: 神戸市's 2014 AED list goes to 2021/aed; a header naming several of its own items does."""
    from converters.mapping import GENERATION_MIN_NAMES, _generation_names, best_dataset

    kobe = ["交付番号", "管轄", "管轄入り交付番号", "施設名称", "郵便番号", "設置場所住所", "大カテゴリ", "小カテゴリ", "緯度",
            "経度", "24H使用可能"]
    assert _generation_names(kobe, "2026/aed", "2021/aed") == (1, 0) and GENERATION_MIN_NAMES > 1
    g = best_dataset(kobe, hints=["aed"])
    assert g is not None and g.schema_id == "2021/aed"
    h26 = [f["name"] for f in schemas.load("2026/public_facility")["fields"]]
    assert best_dataset(h26).schema_id == "2026/public_facility"


def test_event_list_under_english_names() -> None:
    """An event list exported with English keys (event_name, start_date, venue, fee …) is an event list."""
    from converters.mapping import auto_map

    header = ["event_name", "start_date", "end_date", "venue", "address", "fee", "contact", "url"]
    g = best_dataset(header)
    assert g is not None and g.schema_id == "2021/event" and g.accepted
    m = auto_map(header, "2021/event")
    got = {t: fm.source for t, fm in m.fields.items() if fm.source}
    assert got["イベント名"] == "event_name" and got["開始日"] == "start_date" and got["場所名称"] == "venue"
    assert got["料金(基本)"] == "fee" and got["連絡先名称"] == "contact"
    # a tourism list with access / parking / fee stays a tourism list
    assert _top(["name", "address", "lat", "lon", "opening_hours", "holiday", "fee", "url", "access",
                 "parking"]).schema_id == "2021/tourism"


@pytest.mark.parametrize(("header", "sid"), [
    (["name", "designation", "category", "designated_date", "address", "lat", "lon", "owner", "description"],
     "2021/cultural_property"),
    (["business_name", "facility_name", "address", "license_type", "license_number", "license_date",
      "expiry_date"], "2026/food_business"),
    (["dataset_title", "dataset_description", "keywords", "category", "published_date", "updated_date", "url",
      "license", "update_frequency"], "2021/opendata_list"),
])
def test_more_datasets_under_english_names(header: list[str], sid: str) -> None:
    g = best_dataset(header)
    assert g is not None and g.schema_id == sid and g.accepted


@pytest.mark.parametrize(("typed", "sid"), [
    ("aed", "2021/aed"), ("AED", "2021/aed"), ("ＡＥＤ", "2021/aed"), ("aed@2026", "2026/aed"),
    ("ＡＥＤ@2026", "2026/aed"), ("2026/AED", "2026/aed"), ("PUBLIC_TOILET", "2026/public_toilet"),
    ("公衆トイレ一覧", "2026/public_toilet"), ("公衆トイレ", "2026/public_toilet"), ("医療機関", "2021/hospital"),
])
def test_dataset_as_a_clerk_types_it(typed: str, sid: str) -> None:
    """--dataset as typed: any width or case, the Japanese title with or without 一覧."""
    from converters.mapping import resolve_schema_id

    assert resolve_schema_id(typed) == sid


def test_unknown_dataset_name_is_none() -> None:
    from converters.mapping import resolve_schema_id

    assert resolve_schema_id("避難所") is None and resolve_schema_id("toilet") is None


def test_unknown_dataset_message_suggests_close_names(tmp_path) -> None:
    from opendata.convert import convert_file

    src = tmp_path / "a.csv"
    src.write_text("名称,住所\n中央公民館,鳥取市尚徳町116\n", encoding="utf-8")
    o = convert_file(src, tmp_path / "out", dataset="避難所")
    assert not o.ok and o.error["code"] == "dataset-unknown"
    assert "近い名前: 2021/evacuation_space" in o.error["message_ja"] and "close: 2021/evacuation_space" in o.error["message_en"]
    assert o.error["details"]["suggestions"][0] == "2021/evacuation_space"
