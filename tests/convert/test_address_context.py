"""What settles an address that does not say where it is, in both engines: the record's own columns
(都道府県名 / 市区町村名 / 地方公共団体名, a 全国地方公共団体コード the file holds) complete an address without a
municipality and pick between same-name municipalities; the file's other addresses pick between them when
the record and the publisher do not; what nothing settles is reported, never dropped."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from converters.pipeline import ConvertOptions, convert, file_prefecture_of
from tests.conftest import write_csv

from .test_columnar_equivalence import assert_same

ENGINES = ["rows", "columnar"]


def _run(src: Path, out: Path, **kw: Any) -> dict[str, Any]:
    r = convert(src, out / kw.get("engine", "auto"), ConvertOptions(**kw))
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    d = {"rows": rows, "issues": list(r.iter_issues()), "changes": list(r.iter_changes()), "engine": r.engine}
    r.cleanup()
    return d


def _codes(d: dict[str, Any], row: int, field: str) -> list[str]:
    return [i["code"] for i in d["issues"] if i["row"] == row and i["field"] == field]


# --- the record's own columns ------------------------------------------------------------------------
WIFI = [
    ["施設名", "都道府県名", "市区町村名", "住所", "緯度", "経度"],
    ["新宿駅西口", "東京都", "新宿区", "西新宿1", "35.6911", "139.69777"],           # completed: 東京都新宿区
    ["新宿駅東口", "東京都", "新宿区", "新宿3-24-3", "35.69267", "139.70139"],
    ["都庁前", "東京都", "新宿区", "東京都西新宿2-8-1", "35.6896", "139.6917"],      # the city is put after 東京都
    ["八王子駅", "東京都", "新宿区", "八王子市旭町1-1", "35.6558", "139.3389"],       # another city written: kept
    ["竹芝", "東京都", "新宿区", "港区海岸1-1", "35.6545", "139.7617"],              # 港区: the row's 東京都 decides
    ["不明", "東京都", "", "西新宿3", "35.6850", "139.6900"],                        # no city in the row: not completed
    ["大阪", "東京都", "新宿区", "大阪府西新宿4", "35.6850", "139.6900"],             # another prefecture written
]


@pytest.mark.parametrize("engine", ENGINES)
def test_address_completed_from_the_rows_prefecture_and_city(tmp_path, engine):
    src = write_csv(tmp_path / "wifi.csv", WIFI)
    d = _run(src, tmp_path, engine=engine, dataset="2026/public_wireless_lan")
    assert d["engine"] == engine
    parts = [(r["所在地_連結表記"], r["所在地_都道府県"], r["所在地_市区町村"], r["所在地_町字"], r["所在地_番地以下"],
              r["所在地_全国地方公共団体コード"]) for r in d["rows"]]
    assert parts == [
        ("東京都新宿区西新宿1", "東京都", "新宿区", "西新宿", "1", "131041"),
        ("東京都新宿区新宿3-24-3", "東京都", "新宿区", "新宿", "3-24-3", "131041"),
        ("東京都新宿区西新宿2-8-1", "東京都", "新宿区", "西新宿", "2-8-1", "131041"),
        ("東京都八王子市旭町1-1", "東京都", "八王子市", "旭町", "1-1", "132012"),
        ("東京都港区海岸1-1", "東京都", "港区", "海岸", "1-1", "131032"),
        ("西新宿3", "", "", "", "", ""),
        ("大阪府西新宿4", "大阪府", "", "", "", ""),
    ]
    for line in (2, 3, 4, 5, 6):
        assert _codes(d, line, "所在地_連結表記") == []
    assert _codes(d, 7, "所在地_連結表記") == ["address-unsure"] * 4
    assert _codes(d, 8, "所在地_連結表記") == ["address-unsure"] * 3
    # the completion is logged as a change of the address, with its reason in both languages
    ch = next(c for c in d["changes"] if c["row"] == 2 and c["field"] == "所在地_連結表記")
    assert (ch["before"], ch["after"], ch["step"]) == ("西新宿1", "東京都新宿区西新宿1", "address")
    assert "同じ行" in ch["note_ja"] and "東京都新宿区" in ch["note_ja"] and "record's own columns" in ch["note_en"]


def test_address_completed_from_the_rows_columns_same_with_both_engines(tmp_path):
    assert_same(write_csv(tmp_path / "wifi.csv", WIFI), dataset="2026/public_wireless_lan")
    assert_same(write_csv(tmp_path / "wifi.csv", WIFI), dataset="2026/public_wireless_lan", publisher_code="111007")


AED_CODES = [
    ["都道府県コード又は市区町村コード", "名称", "住所"],
    ["131041", "新宿区役所", "歌舞伎町1-4-1"],        # the file's own code: completed
    ["", "さいたま市の施設", "西新宿1"],             # empty: the codes step fills the publisher's code, which does not complete
    ["131040", "誤ったコード", "西新宿2"],           # a wrong check digit: not a code
    ["13104", "5桁のコード", "西新宿3"],             # 5 digits: the step adds the check digit (131041): the file's own
]


@pytest.mark.parametrize("engine", ENGINES)
def test_code_column_completes_only_with_the_files_own_code(tmp_path, engine):
    src = write_csv(tmp_path / "aed.csv", AED_CODES)
    d = _run(src, tmp_path, engine=engine, dataset="2021/aed", publisher_code="111007")
    assert [r["住所"] for r in d["rows"]] == ["東京都新宿区歌舞伎町1-4-1", "西新宿1", "西新宿2", "東京都新宿区西新宿3"]
    assert d["rows"][1]["都道府県コード又は市区町村コード"] == "111007"            # filled by the step, as before
    assert _codes(d, 2, "住所") == [] and _codes(d, 5, "住所") == []
    assert _codes(d, 3, "住所") == ["address-unsure", "address-unsure"]           # 2021 住所: 都道府県 and 市区町村
    assert _codes(d, 4, "住所") == ["address-unsure", "address-unsure"]
    assert_same(src, dataset="2021/aed", publisher_code="111007")


# --- the file's other addresses ------------------------------------------------------------------------
TOKYO = [
    ["施設名", "所在地", "電話番号"],
    ["東京慈恵会医科大学附属病院", "港区西新橋3-19-18", "03-3433-1111"],     # before any row that settles it
    ["日本大学病院", "千代田区神田駿河台1-6", "03-3293-1711"],
    ["聖路加国際病院", "中央区明石町9-1", "03-3541-5151"],
    ["東京都立多摩総合医療センター", "府中市武蔵台2-8-29", "042-323-5111"],
    ["東京都健康長寿医療センター", "東京都板橋区栄町35-2", "03-3964-1141"],
]


@pytest.mark.parametrize("engine", ENGINES)
def test_same_name_municipality_settled_by_the_files_other_rows(tmp_path, engine):
    src = write_csv(tmp_path / "hospitals.csv", TOKYO)
    d = _run(src, tmp_path, engine=engine, dataset="2021/hospital")
    assert [r["住所"] for r in d["rows"]] == ["東京都港区西新橋3-19-18", "東京都千代田区神田駿河台1-6",
                                              "東京都中央区明石町9-1", "東京都府中市武蔵台2-8-29", "東京都板橋区栄町35-2"]
    assert not [i for i in d["issues"] if i["code"] == "address-unsure"]
    ch = next(c for c in d["changes"] if c["row"] == 2 and c["field"] == "住所")
    assert "ファイルの他の住所" in ch["note_ja"] and "file's other addresses" in ch["note_en"]


@pytest.mark.parametrize("engine", ENGINES)
def test_same_name_municipality_not_settled_is_reported(tmp_path, engine):
    rows = [*TOKYO, ["鳥取県立中央病院", "鳥取市江津730", "0857-26-2271"]]           # two prefectures: nothing settles
    src = write_csv(tmp_path / "hospitals.csv", rows)
    d = _run(src, tmp_path, engine=engine, dataset="2021/hospital")
    got = [r["住所"] for r in d["rows"]]
    assert got[0] == "港区西新橋3-19-18" and got[3] == "府中市武蔵台2-8-29"          # kept as written …
    assert _codes(d, 2, "住所") == ["address-unsure", "address-unsure"]               # … and reported
    assert _codes(d, 4, "住所") == ["address-unsure", "address-unsure"]               # 中央区 too
    assert _codes(d, 5, "住所") == ["address-unsure", "address-unsure"]
    assert got[1] == "東京都千代田区神田駿河台1-6" and got[5] == "鳥取県鳥取市江津730"
    assert_same(src, dataset="2021/hospital")


@pytest.mark.parametrize("engine", ENGINES)
def test_publisher_and_row_come_before_the_file(tmp_path, engine):
    src = write_csv(tmp_path / "hospitals.csv", TOKYO)
    d = _run(src, tmp_path, engine=engine, dataset="2021/hospital", publisher_code="271004")    # 大阪市
    assert d["rows"][0]["住所"] == "大阪府大阪市港区西新橋3-19-18"          # the publisher's ward
    rows = [["施設名", "都道府県名", "所在地"], ["A", "大阪府", "港区西新橋3-19-18"], *[[r[0], "", r[1]] for r in TOKYO[2:]]]
    d = _run(write_csv(tmp_path / "rows.csv", rows), tmp_path / "r", engine=engine, dataset="2021/hospital")
    assert d["rows"][0]["住所"] == "大阪府大阪市港区西新橋3-19-18"          # the row's own prefecture


def test_file_prefecture_same_with_both_engines_and_in_a_workbook(tmp_path):
    src = write_csv(tmp_path / "hospitals.csv", TOKYO)
    assert_same(src, dataset="2021/hospital")
    book = tmp_path / "hospitals.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("病院")
    for i, row in enumerate(TOKYO):
        ws.write_row(i, 0, row)
    wb.close()
    assert_same(book, dataset="2021/hospital")
    d = _run(book, tmp_path / "book", dataset="2021/hospital")
    assert d["rows"][0]["住所"] == "東京都港区西新橋3-19-18"


def test_file_prefecture_reads_without_touching_the_table(tmp_path):
    from converters.mapping import auto_map
    from converters.readers import read_tables

    rows = [["表題"], [], *TOKYO, ["合計", "5施設", ""]]
    t = read_tables(write_csv(tmp_path / "h.csv", rows))[0]
    m = auto_map(t.header, "2021/hospital")
    before = (list(t.header), list(t.notes), list(t.skipped))
    assert file_prefecture_of(t, m) == "東京都"
    assert (list(t.header), list(t.notes), list(t.skipped)) == before
    assert next(r.values[1] for r in t.rows) == "港区西新橋3-19-18"       # the rows still read from the start
