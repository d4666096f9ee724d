"""Time ranges written in the start column (9:00～17:00 in 開始時間) and the row rules around them, in both
engines: 同上 / 〃 below a split range, and a range whose end column is already filled."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from converters.pipeline import ConvertOptions, convert
from tests.conftest import write_csv

from .test_columnar_equivalence import _typed_book, assert_same

HEADER = ["NO", "名称", "住所", "開始時間", "終了時間"]
ENGINES = ["rows", "columnar"]


def _convert(src: Path, out: Path, engine: str, dataset: str = "2021/aed") -> dict[str, Any]:
    r = convert(src, out / engine, ConvertOptions(dataset=dataset, publisher_code="312011", engine=engine))
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    d = {"rows": rows, "changes": list(r.iter_changes()), "issues": list(r.iter_issues()), "engine": r.engine}
    r.cleanup()
    return d


def _row(i: int, start: str, end: str = "") -> list[str]:
    return [str(i), f"施設{i}", f"鳥取県鳥取市尚徳町{i}", start, end]


# --- 同上 below a range split into 開始/終了 --------------------------------------------------------
@pytest.mark.parametrize("engine", ENGINES)
def test_ditto_start_below_a_split_range_copies_the_end(tmp_path, engine):
    src = write_csv(tmp_path / "t.csv", [HEADER, _row(1, "9:00～17:00"), _row(2, "同上"), _row(3, "〃"),
                                         _row(4, "8:30"), _row(5, "同上")])
    d = _convert(src, tmp_path, engine)
    assert d["engine"] == engine
    assert [(r["開始時間"], r["終了時間"]) for r in d["rows"]] == [
        ("09:00", "17:00"), ("09:00", "17:00"), ("09:00", "17:00"), ("08:30", ""), ("08:30", "")]
    copied = [c for c in d["changes"] if c["field"] == "終了時間" and c["step"] == "ditto"]
    assert [(c["row"], c["before"], c["after"]) for c in copied] == [(3, "", "17:00"), (4, "", "17:00")]
    assert "〃" in copied[1]["note_ja"] and "開始時間" in copied[1]["note_en"]
    assert not d["issues"]


@pytest.mark.parametrize("engine", ENGINES)
def test_ditto_start_keeps_a_filled_end(tmp_path, engine):
    """Only an empty end is filled: an end written in the row stays."""
    src = write_csv(tmp_path / "t.csv", [HEADER, _row(1, "9:00", "17:00"), _row(2, "同上", "12:00")])
    d = _convert(src, tmp_path, engine)
    assert [(r["開始時間"], r["終了時間"]) for r in d["rows"]] == [("09:00", "17:00"), ("09:00", "12:00")]
    assert not [c for c in d["changes"] if c["field"] == "終了時間"]


def test_ditto_start_end_copy_same_in_both_engines(tmp_path, monkeypatch):
    import converters.pipeline_columnar as pc_mod

    rows = []
    for i in range(1, 200):
        start = ["9:00～17:00", "同上", "〃", "8:30", "同上", "９時から１７時まで", "同上"][i % 7]
        rows.append(_row(i, start, "18:00" if i % 11 == 0 else ""))
    src = write_csv(tmp_path / "t.csv", [HEADER, *rows])
    assert_same(src, dataset="2021/aed", publisher_code="312011")
    assert_same(src, dataset="2026/aed", publisher_code="312011")
    monkeypatch.setattr(pc_mod, "BLOCK", 512)           # 同上 in the first row of a batch
    monkeypatch.setattr(pc_mod, "GROUP_ROWS", 7)
    assert_same(src, dataset="2021/aed", publisher_code="312011")


def test_ditto_start_in_a_workbook_below_typed_times(tmp_path):
    """Excel time cells above a 同上: the end copied is the converted time, the same in both engines."""
    rows: list[list[Any]] = [[1, "施設1", "鳥取市尚徳町1", "9:00～17:00", None],
                             [2, "施設2", "鳥取市尚徳町2", "同上", None],
                             [3, "施設3", "鳥取市尚徳町3", dt.time(8, 30), dt.time(12, 0)],
                             [4, "施設4", "鳥取市尚徳町4", "〃", None]]
    book = _typed_book(tmp_path / "t.xlsx", HEADER, rows)
    assert_same(book, dataset="2021/aed", publisher_code="312011")
    d = _convert(book, tmp_path, "rows")
    assert [(r["開始時間"], r["終了時間"]) for r in d["rows"]] == [
        ("09:00", "17:00"), ("09:00", "17:00"), ("08:30", "12:00"), ("08:30", "12:00")]


# --- a range in the start column whose end column is already filled --------------------------------
@pytest.mark.parametrize("engine", ENGINES)
def test_range_with_a_different_end_is_reported_and_the_end_kept(tmp_path, engine):
    src = write_csv(tmp_path / "t.csv", [HEADER, _row(1, "9:00", "17:00"), _row(2, "9:00～17:00", "17:15")])
    d = _convert(src, tmp_path, engine)
    assert [(r["開始時間"], r["終了時間"]) for r in d["rows"]] == [("09:00", "17:00"), ("9:00～17:00", "17:15")]
    (issue,) = d["issues"]
    assert (issue["row"], issue["field"], issue["code"], issue["value"]) == (3, "開始時間", "range-end-conflict",
                                                                             "9:00～17:00")
    for text in (issue["message_ja"], issue["message_en"]):
        assert "9:00～17:00" in text and "17:15" in text and "17:00" in text
    assert "終了時間" in issue["message_ja"]
    assert not [c for c in d["changes"] if c["row"] == 3 and c["field"] in ("開始時間", "終了時間")]


@pytest.mark.parametrize("engine", ENGINES)
def test_range_whose_end_agrees_keeps_its_start(tmp_path, engine):
    src = write_csv(tmp_path / "t.csv", [HEADER, _row(1, "9:00～17:00", "17:00"), _row(2, "９時から１７時まで", "17:00")])
    d = _convert(src, tmp_path, engine)
    assert [(r["開始時間"], r["終了時間"]) for r in d["rows"]] == [("09:00", "17:00"), ("09:00", "17:00")]
    assert not d["issues"]
    starts = [c for c in d["changes"] if c["field"] == "開始時間" and c["step"] == "time-range"]
    assert [(c["row"], c["after"]) for c in starts] == [(2, "09:00"), (3, "09:00")]
    assert not [c for c in d["changes"] if c["field"] == "終了時間"]


def test_range_end_conflicts_same_in_both_engines(tmp_path, monkeypatch):
    import converters.pipeline_columnar as pc_mod

    rows = []
    for i in range(1, 300):
        start = ["9:00～17:00", "９時から１７時まで", "8:30", "同上", "9時", "午前9時〜午後5時", "10:00-12:00"][i % 7]
        end = ["", "17:00", "17:15", "", "12:00"][i % 5]
        rows.append(_row(i, start, end))
    src = write_csv(tmp_path / "t.csv", [HEADER, *rows])
    for dataset in ("2021/aed", "2026/aed", "2021/event"):
        assert_same(src, dataset=dataset, publisher_code="312011")
    monkeypatch.setattr(pc_mod, "BLOCK", 512)
    monkeypatch.setattr(pc_mod, "GROUP_ROWS", 7)
    assert_same(src, dataset="2021/aed", publisher_code="312011")


def test_range_end_conflict_in_a_workbook(tmp_path):
    """Excel time cells in the end column: compared as the times they are."""
    rows: list[list[Any]] = [[1, "施設1", "鳥取市尚徳町1", "9:00～17:00", dt.time(17, 0)],
                             [2, "施設2", "鳥取市尚徳町2", "9:00～17:00", dt.time(18, 0)],
                             [3, "施設3", "鳥取市尚徳町3", "同上", None]]
    book = _typed_book(tmp_path / "t.xlsx", HEADER, rows)
    assert_same(book, dataset="2021/aed", publisher_code="312011")
    d = _convert(book, tmp_path, "columnar")
    assert [(r["開始時間"], r["終了時間"]) for r in d["rows"]] == [
        ("09:00", "17:00"), ("9:00～17:00", "18:00"), ("9:00～17:00", "18:00")]
    assert [(i["row"], i["code"]) for i in d["issues"]] == [(3, "range-end-conflict"), (4, "range-end-conflict")]
