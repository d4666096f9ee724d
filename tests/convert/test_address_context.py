"""What settles an address that does not say where it is, in both engines: the record's own columns
(都道府県名 / 市区町村名 / 地方公共団体名, a 全国地方公共団体コード the file holds) complete an address without a
municipality and pick between same-name municipalities; what nothing settles is reported, never dropped."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from converters.pipeline import ConvertOptions, convert
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
