"""Step fixes found with the unseen municipal files (tests/fixtures/unseen): 無料 in a fee field, 1/1/2023,
a U+3000 beside a space in an English name.  Both conversion engines give the same bytes (the population
file's table has a column range, so the columnar engine hands it to the row path)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from converters.pipeline import ConvertOptions, convert

UNSEEN = Path(__file__).resolve().parent.parent / "fixtures" / "unseen"


def _convert(tmp_path: Path, slug: str, dataset: str, engine: str) -> tuple[list[dict[str, str]], bytes, str]:
    src = tmp_path / engine / f"{slug}.csv"
    src.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(UNSEEN / f"{slug}.csv", src)
    r = convert(src, tmp_path / engine / "out", ConvertOptions(dataset=dataset, engine=engine))
    data = r.output.read_bytes()
    issues = r.issues_path.read_text(encoding="utf-8")
    r.cleanup()
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows, data, issues


@pytest.mark.parametrize(("slug", "dataset", "field", "index", "value"), [
    ("shimabara_tourism", "2021/tourism", "料金(基本)", 1, "0"),                       # 無料
    ("takamatsu_population_property", "2021/population", "調査年月日", 0, "2023-01-01"),  # 1/1/2023
    ("shinjuku_wifi_odp", "2026/public_wireless_lan", "名称_英語", 0,
     "Shinjuku Sta. West exit underground taxi stand"),                                 # exit 　underground
])
def test_fixed_values_in_both_engines(tmp_path: Path, slug: str, dataset: str, field: str, index: int,
                                      value: str) -> None:
    rows, data, issues = _convert(tmp_path, slug, dataset, "rows")
    assert rows[index][field] == value
    _, data_c, issues_c = _convert(tmp_path, slug, dataset, "columnar")
    assert data_c == data and issues_c == issues


def test_population_dates_are_no_longer_reported(tmp_path: Path) -> None:
    rows, _, issues = _convert(tmp_path, "takamatsu_population_property", "2021/population", "rows")
    assert {r["調査年月日"] for r in rows} == {"2023-01-01"}
    assert "date-unreadable" not in issues and "date-order-ambiguous" not in issues


def test_swapped_pair_repaired_keeps_no_swapped_issue(tmp_path):
    """The row rule swaps (139.69556, 35.72727) back; the cells' "緯度と経度が逆ではありませんか" would contradict the
    change log, so they are dropped.  A pair it cannot swap (two longitudes) is still reported."""
    from tests.conftest import write_csv

    src = write_csv(tmp_path / "aed.csv", [["名称", "住所", "緯度", "経度"],
                                            ["A", "東京都豊島区長崎1-9-2", "139.69556", "35.72727"],
                                            ["B", "東京都豊島区長崎1-9-2", "139.7", "139.8"]])
    for engine in ("rows", "columnar"):
        r = convert(src, tmp_path / engine, ConvertOptions(engine=engine, dataset="2021/aed", publisher_code="131164"))
        with r.output.open(encoding="utf-8", newline="") as f:
            out = list(csv.DictReader(f))
        assert (out[0]["緯度"], out[0]["経度"]) == ("35.72727", "139.69556")
        issues = [(i["row"], i["field"], i["code"]) for i in r.iter_issues()]
        assert not any(row == 2 for row, _, _ in issues), issues
        assert (3, "緯度", "latlon-swapped") in issues
        assert sum(1 for c in r.iter_changes() if c["step"] == "coordinates-swap") == 2
        assert r.issue_counts.get("latlon-swapped") == 1
        r.cleanup()
