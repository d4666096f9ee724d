"""Converting tables without a header row: columns mapped by their values (converters.value_mapping), in both
engines, from CSV and xlsx, with recipes that reproduce the conversion and convert the next file of the layout.

The files are synthetic (a 2021 AED list, a 2026 evacuation list, a sheet with a title and no header row); the
real one, 千葉労働局's hospital list, is in test_unseen_files_2.py.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from converters.mapping import auto_map, detect_dataset
from converters.pipeline import ConversionError, ConvertOptions, convert
from converters.readers import read_tables
from converters.readers.base import sample_values
from converters.recipe import Recipe
from converters.value_mapping import value_columns
from opendata.convert import convert_file
from tests.conftest import write_csv

from .test_columnar_equivalence import assert_same
from .workbooks import write_headerless

ENGINES = ["rows", "columnar"]
FACILITIES = ["中央公民館", "南部図書館", "市民体育館", "第一小学校", "北部保健センター", "市役所本庁舎", "東部公民館",
              "西部図書館", "大洲防災公園", "市民会館", "第二中学校", "こども館"]
KANA = ["チュウオウコウミンカン", "ナンブトショカン", "シミンタイイクカン", "ダイイチショウガッコウ", "ホクブホケンセンター",
        "シヤクショホンチョウシャ", "トウブコウミンカン", "セイブトショカン", "オオスボウサイコウエン", "シミンカイカン",
        "ダイニチュウガッコウ", "コドモカン"]
PLACES = ["1階 事務室", "2階 ロビー", "正面玄関", "体育館入口", "1階 受付", "本庁舎1階 総合案内", "事務室前", "2階 閲覧室前",
          "管理棟", "大ホール入口", "職員室前", "1階 ホール"]


def aed_rows(n: int, start: int = 1) -> list[list[str]]:
    """NO, 名称, カナ, 住所, 緯度, 経度, 電話番号, 設置位置, URL: a 2021 AED list's order, no header row."""
    out = []
    for i in range(start, start + n):
        k = (i - 1) % len(FACILITIES)
        out.append([str(i), FACILITIES[k] + ("" if i <= len(FACILITIES) else f"分館{i}"), KANA[k],
                    f"市川市八幡{i}丁目{i % 7 + 1}番{i % 5 + 1}号", f"35.{721000 + 37 * i}", f"139.{931000 + 41 * i}",
                    f"047-334-{1100 + i}", PLACES[k], f"https://www.city.ichikawa.lg.jp/aed/{i}.html"])
    return out


def _run(src: Path, out: Path, **kw: Any) -> dict[str, Any]:
    r = convert(src, out, ConvertOptions(**kw))
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    d = {"rows": rows, "mapping": {m["target"]: m for m in r.mapping}, "unmapped": r.unmapped, "recipe": r.recipe,
         "accounting": r.accounting, "rows_in": r.rows_in, "table": r.table, "engine": r.engine,
         "issues": list(r.iter_issues()), "csv": r.output.read_bytes(), "guess": r.guess}
    r.cleanup()
    return d


# --- an AED list without its header row -------------------------------------------------------------------
@pytest.mark.parametrize("engine", ENGINES)
def test_aed_list_without_header_mapped_by_values(tmp_path: Path, engine: str) -> None:
    src = write_csv(tmp_path / "aed_list.csv", aed_rows(12))
    d = _run(src, tmp_path / "out", dataset="2021/aed", publisher_code="122033", engine=engine)
    assert d["engine"] == engine and d["rows_in"] == 12
    m = d["mapping"]
    expected = {"NO": "A", "名称": "B", "名称_カナ": "C", "住所": "D", "緯度": "E", "経度": "F", "電話番号": "G", "URL": "I"}
    assert {t: m[t]["source"] for t in expected} == expected
    assert all(m[t]["method"] == "value" and 0.5 <= m[t]["score"] <= 0.8 and m[t]["reason_ja"] for t in expected)
    assert "12件中12件が緯度の形" in m["緯度"]["reason_ja"]
    first = d["rows"][0]
    assert (first["NO"], first["名称"], first["名称_カナ"]) == ("1", "中央公民館", "チュウオウコウミンカン")
    assert first["住所"] == "千葉県市川市八幡1丁目2番2号"
    assert (first["緯度"], first["経度"]) == ("35.721037", "139.931041")
    assert first["電話番号"] == "047-334-1101" and first["URL"] == "https://www.city.ichikawa.lg.jp/aed/1.html"
    # the 設置位置 column competes with the names: listed with its reason, never dropped
    (place,) = d["unmapped"]
    assert place["header"] == "H" and place["nonempty"] == 12 and "1階 事務室" in place["samples"]
    assert "名前らしい列がほかにもあり" in place["reason_ja"] and "B列" in place["reason_ja"]
    assert d["accounting"]["balanced"] == 1
    assert d["table"]["header_rows"] == [0, 0]


def test_aed_list_without_header_same_with_both_engines(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "aed_list.csv", aed_rows(40))
    for extra in (False, True):
        assert_same(src, dataset="2021/aed", publisher_code="122033", extra_to_remarks=extra)
    assert_same(src)                                     # detection (the file name says AED) and no code


def test_detection_from_values_and_file_name(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "aed_list.csv", aed_rows(12))
    d = _run(src, tmp_path / "out")
    assert d["guess"]["schema_id"].endswith("/aed")
    neutral = write_csv(tmp_path / "data.csv", aed_rows(12))
    with pytest.raises(ConversionError) as e:     # a facility list by its values: which one is not said
        convert(neutral, tmp_path / "out2", ConvertOptions())
    assert e.value.code == "dataset-unknown"
    assert e.value.details["candidates"]


# --- a 2026 evacuation list: code, postcode, address split, hazard flags ---------------------------------------
def _evacuation_rows(n: int) -> list[list[str]]:
    out = []
    for i in range(1, n + 1):
        out.append(["122033", f"市立第{i}中学校", f"272-00{21 + i}", f"千葉県市川市北方{i}-{i + 3}-1",
                    f"35.7{3000 + 11 * i}", f"139.9{2000 + 13 * i}", f"047-3{30 + i}-0000", "○" if i % 2 else "×",
                    "○", f"{200 + 10 * i}"])
    return out


@pytest.mark.parametrize("engine", ENGINES)
def test_evacuation_list_without_header(tmp_path: Path, engine: str) -> None:
    src = write_csv(tmp_path / "hinanjo.csv", _evacuation_rows(8))
    d = _run(src, tmp_path / "out", dataset="2026/evacuation_space", engine=engine)
    m = d["mapping"]
    assert {t: m[t]["source"] for t in ("全国地方公共団体コード", "名称", "郵便番号", "所在地_連結表記", "緯度", "経度",
                                       "電話番号")} == {"全国地方公共団体コード": "A", "名称": "B", "郵便番号": "C",
                                                    "所在地_連結表記": "D", "緯度": "E", "経度": "F", "電話番号": "G"}
    assert m["所在地_市区町村"]["derive"] == "address"
    r = d["rows"][0]
    assert (r["全国地方公共団体コード"], r["名称"], r["郵便番号"]) == ("122033", "市立第1中学校", "2720022")
    assert (r["所在地_連結表記"], r["所在地_都道府県"], r["所在地_市区町村"]) == ("千葉県市川市北方1-4-1", "千葉県", "市川市")
    assert (r["緯度"], r["経度"], r["電話番号"]) == ("35.73011", "139.92013", "047-331-0000")
    reasons = {u["header"]: u["reason_ja"] for u in d["unmapped"]}
    assert set(reasons) == {"H", "I", "J"}
    assert "記号・有無の列" in reasons["H"] and "数値の列" in reasons["J"]
    assert d["accounting"]["balanced"] == 1


def test_two_phone_columns_second_is_listed(tmp_path: Path) -> None:
    rows = [[f"八幡診療所{i}", f"千葉県市川市八幡{i}-1-1", f"047-334-{1000 + i}", f"047-334-{2000 + i}"] for i in range(1, 6)]
    src = write_csv(tmp_path / "center.csv", rows)
    d = _run(src, tmp_path / "out", dataset="2021/hospital", extra_to_remarks=True)
    assert d["mapping"]["電話番号"]["source"] == "C" and d["mapping"]["FAX番号"]["method"] == "none"
    (fax,) = d["unmapped"]
    assert fax["header"] == "D" and "電話番号の列が2つあり" in fax["reason_ja"]
    # in 備考 the values of an ambiguous column are named by the column, not by a guess
    assert d["rows"][0]["備考"] == "D列: 047-334-2001"


def test_unmapped_kind_names_the_value_in_remarks(tmp_path: Path) -> None:
    """2021/hospital has no 郵便番号: the postcode column is listed, and with --extra-to-remarks it goes to 備考
    as 郵便番号: …"""
    rows = [[f"みどり台クリニック{i}", f"263-00{10 + i}", f"千葉市稲毛区緑町{i}-2-3", f"043-555-{1000 + i}"] for i in range(1, 5)]
    src = write_csv(tmp_path / "clinics.csv", rows)
    d = _run(src, tmp_path / "out", dataset="2021/hospital", extra_to_remarks=True)
    assert d["rows"][0]["備考"] == "郵便番号: 263-0011"
    (pc,) = d["unmapped"]
    assert pc["header"] == "B" and "この標準には「郵便番号」の項目がありません" in pc["reason_ja"]


# --- an xlsx sheet with a title and no header row ---------------------------------------------------------------
def _book(tmp_path: Path) -> Path:
    rows = [[int(r[0]), r[1], r[2], r[3], float(r[4]), float(r[5]), r[6], r[7], r[8]] for r in aed_rows(15)]
    return write_headerless(tmp_path / "aed.xlsx", rows, title="AED設置場所一覧（令和6年4月1日現在）")


@pytest.mark.parametrize("engine", ENGINES)
def test_xlsx_sheet_without_header_row(tmp_path: Path, engine: str) -> None:
    d = _run(_book(tmp_path), tmp_path / "out", dataset="2021/aed", publisher_code="122033", engine=engine)
    assert d["rows_in"] == 15 and d["table"]["header_rows"] == [0, 0]
    assert [s["reason"] for s in d["table"]["skipped"]] == ["title"]
    m = d["mapping"]
    assert {t: m[t]["source"] for t in ("NO", "名称", "住所", "緯度", "経度")} == \
        {"NO": "A", "名称": "B", "住所": "D", "緯度": "E", "経度": "F"}
    r = d["rows"][0]
    assert (r["NO"], r["名称"], r["緯度"], r["経度"]) == ("1", "中央公民館", "35.721037", "139.931041")


def test_xlsx_without_header_same_with_both_engines_and_detected(tmp_path: Path) -> None:
    book = _book(tmp_path)
    assert_same(book, dataset="2021/aed", publisher_code="122033")
    assert_same(book)                 # the title names the dataset (AED)
    d = _run(book, tmp_path / "auto")
    assert d["guess"]["schema_id"].endswith("/aed")


# --- recipes ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("engine", ENGINES)
def test_recipe_records_no_header_and_converts_the_next_file(tmp_path: Path, engine: str) -> None:
    first = write_csv(tmp_path / "aed_list.csv", aed_rows(12))
    d = _run(first, tmp_path / "first", dataset="2021/aed", publisher_code="122033", engine=engine)
    path = tmp_path / "aed.recipe.yaml"
    d["recipe"].save(path)
    text = path.read_text(encoding="utf-8")
    assert "the table has no header row" in text
    recipe = Recipe.load(path)
    assert recipe.read["header_rows"] == [0, 0] and recipe.read["data_rows"] == [1, None]
    assert recipe.mapping["名称"] == {"column": "B"} and recipe.mapping["緯度"] == {"column": "E"}
    # the same file again: the same output
    again = convert(first, tmp_path / "again", ConvertOptions.from_recipe(recipe, engine=engine))
    assert again.output.read_bytes() == d["csv"]
    again.cleanup()
    # next month's file: the same layout, more rows (and a first row whose name has no facility word)
    rows = aed_rows(30, start=1)
    rows[0][1] = "ふれあいプラザ本館"
    nxt = write_csv(tmp_path / "aed_next.csv", rows)
    n = _run(nxt, tmp_path / "next", **_recipe_options(recipe, engine))
    assert n["rows_in"] == 30
    assert n["rows"][0]["名称"] == "ふれあいプラザ本館" and n["rows"][29]["NO"] == "30"
    columns = {t for t, spec in recipe.mapping.items() if "column" in spec}
    assert {t: n["mapping"][t]["method"] for t in columns} == dict.fromkeys(columns, "recipe")
    assert not [i for i in n["issues"] if i["code"] == "recipe-column-missing"]
    assert n["accounting"]["balanced"] == 1


def _recipe_options(r: Recipe, engine: str) -> dict[str, Any]:
    o = ConvertOptions.from_recipe(r, engine=engine)
    return {"dataset": o.dataset, "publisher_code": o.publisher_code, "read": o.read, "mapping": o.mapping,
            "ignore": o.ignore, "extra_to_remarks": o.extra_to_remarks, "engine": engine}


def test_recipe_item_whose_column_is_gone_is_matched_by_values(tmp_path: Path) -> None:
    """A recipe naming column K in a file of 9 columns: the item is matched by its values again, and said so."""
    recipe = Recipe(dataset="2021/aed", publisher_code="122033",
                    read={"header_rows": [0, 0], "data_rows": [1, None]},
                    mapping={"名称": {"column": "B"}, "電話番号": {"column": "K"}})
    src = write_csv(tmp_path / "aed_list.csv", aed_rows(6))
    d = _run(src, tmp_path / "out", **_recipe_options(recipe, "rows"))
    assert d["mapping"]["電話番号"]["source"] == "G" and d["mapping"]["電話番号"]["method"] == "value"
    assert [i["field"] for i in d["issues"] if i["code"] == "recipe-column-missing"] == ["電話番号"]


# --- the mapping and detection functions -----------------------------------------------------------------------
def test_value_columns_read_each_column(tmp_path: Path) -> None:
    (t,) = read_tables(write_csv(tmp_path / "a.csv", aed_rows(12)))
    cols = value_columns(sample_values(t), t.header)
    assert {j: g.kind for j, g in cols.guesses.items()} == {
        0: "sequence", 1: "name", 2: "kana", 3: "address", 4: "latitude", 5: "longitude", 6: "phone", 8: "url"}
    assert set(cols.unknown) == {7}


def test_header_matching_is_not_used_for_letters(tmp_path: Path) -> None:
    """Letters are not names: X and Y (synonyms of 経度 and 緯度) map nothing in a table without a header row."""
    header = [chr(65 + j) for j in range(26)]
    samples = [["" for _ in header] for _ in range(3)]
    m = auto_map(header, "2021/aed", samples=samples, headerless=True)
    assert "緯度" not in m.fields and "経度" not in m.fields
    g = detect_dataset(header, values=samples, headerless=True)
    assert not g[0].accepted


def test_file_name_and_values_detect_without_dataset(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "hinanjo.csv", _evacuation_rows(8))
    o = convert_file(src, tmp_path / "out")
    assert o.result is not None and o.result.schema_id.endswith("/evacuation_space")
    o.result.cleanup()


def test_chiba_hospital_list_same_with_both_engines() -> None:
    src = Path(__file__).resolve().parent.parent / "fixtures" / "unseen" / "chiba_rousai_hospital_noheader.csv"
    for extra in (False, True):
        assert_same(src, dataset="2021/hospital", extra_to_remarks=extra)
    assert_same(src)           # detected from the values and the file name (hospital)


def test_names_without_facility_words() -> None:
    header = ["A", "B", "C"]
    one = [[f"さくら{i}号", f"千葉市中央区千葉港{i}-1", f"043-245-{5000 + i}"] for i in range(1, 6)]
    cols = value_columns(one, header)
    g = cols.guesses[0]
    assert g.kind == "name" and g.weak and g.score == 0.7     # the only text column of distinct values: taken, lower
    assert "5件中5件が異なる文字の値" in g.reason_ja()
    two = [[f"さくら{i}号", f"担当 山田{i}", f"043-245-{5000 + i}"] for i in range(1, 6)]
    cols = value_columns(two, header)
    assert 0 not in cols.guesses and 1 not in cols.guesses      # two such columns: neither is guessed
    assert "名前らしい列がほかにもあり" in cols.unknown[0] and "名前らしい列がほかにもあり" in cols.unknown[1]


def test_event_list_dates_and_times_in_order(tmp_path: Path) -> None:
    """Two date columns and two time columns fill the schema's start/end pairs in order; the name and phone items
    are the dataset's own (イベント名, 連絡先電話番号)."""
    rows = [[f"市民まつり{i}", f"2024/{i}/1", f"2024/{i}/3", "10:00", "16:00", "市民会館", f"千葉県市川市八幡{i}-1-1",
             "043-111-2222", f"https://example.jp/ev{i}"] for i in range(1, 7)]
    d = _run(write_csv(tmp_path / "ev.csv", rows), tmp_path / "out", dataset="2021/event")
    m = d["mapping"]
    assert {t: m[t]["source"] for t in ("イベント名", "開始日", "終了日", "開始時間", "終了時間", "連絡先電話番号", "URL")} == {
        "イベント名": "A", "開始日": "B", "終了日": "C", "開始時間": "D", "終了時間": "E", "連絡先電話番号": "H", "URL": "I"}
    r = d["rows"][0]
    assert (r["開始日"], r["終了日"], r["開始時間"], r["終了時間"]) == ("2024-01-01", "2024-01-03", "10:00", "16:00")
    assert [u["header"] for u in d["unmapped"]] == ["F"]


def test_the_headerless_sheet_is_chosen_among_tables(tmp_path: Path) -> None:
    """With --dataset and several tables, a sheet without a header row competes by its values (it fills the
    dataset's items), not by its letters (which fill none)."""
    import xlsxwriter

    path = tmp_path / "book.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("一覧")             # first: a tie would take the last table
    for i, row in enumerate(aed_rows(12)):
        ws.write_row(i, 0, row)
    memo = wb.add_worksheet("メモ")
    memo.write_row(0, 0, ["項目", "内容"])
    memo.write_row(1, 0, ["更新日", "令和6年4月1日"])
    memo.write_row(2, 0, ["担当", "危機管理課"])
    wb.close()
    d = _run(path, tmp_path / "out", dataset="2021/aed", publisher_code="122033")
    assert d["table"]["sheet"] == "一覧" and d["rows_in"] == 12
    assert d["rows"][0]["名称"] == "中央公民館"


def test_addresses_without_their_municipality(tmp_path: Path) -> None:
    """八幡1-8-1 (no municipality): taken for the address when most values have a lot (1-8-1, 丁目, 番地), a little
    less sure; the conversion treats it as it treats such an address under a header (the publisher, 市川市,
    completes it, noted)."""
    rows = [[f"{n}医院", f"272-00{20 + i}", f"八幡{i}-8-1", f"047-334-{7100 + i}"]
            for i, n in enumerate(["田中", "鈴木", "佐藤", "高橋", "伊藤"], 1)]
    d = _run(write_csv(tmp_path / "clinics.csv", rows), tmp_path / "out", dataset="2021/hospital",
             publisher_code="122033")
    m = d["mapping"]["住所"]
    assert m["source"] == "C" and m["method"] == "value" and m["score"] == 0.7
    assert d["rows"][0]["住所"] == "千葉県市川市八幡1-8-1"
    assert not [i for i in d["issues"] if i["field"] == "住所" and i["code"] == "address-unsure"]
