"""The output validated while it is written (opendata.validation.follow) gives the report of the usual
validation of the finished file, and any trouble falls back to the usual validation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from opendata.convert import convert_file, report_dict
from opendata.validation import follow
from tests.conftest import write_csv

from ..convert.workbooks import aed_rows, write_print_style

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "unseen"


def _run(monkeypatch: pytest.MonkeyPatch, mode: str, src: Path, out: Path, **kw: Any) -> tuple[dict[str, Any], bool]:
    monkeypatch.setenv(follow.ENV, mode)
    o = convert_file(src, out, keep_logs=True, **kw)
    d = report_dict(o, max_items=50)
    if o.result is not None:
        o.result.cleanup()
    if d.get("validation"):
        d["validation"]["stats"].pop("seconds")
    followed = bool(o.extra.get("validated_while_written"))
    # only the columnar engine reports the output as it grows
    return d, followed or (mode == "on" and o.result is not None and o.result.engine == "rows")


def assert_same(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, src: Path, **kw: Any) -> dict[str, Any]:
    a, followed = _run(monkeypatch, "on", src, tmp_path / "on", **kw)
    b, usual = _run(monkeypatch, "off", src, tmp_path / "off", **kw)
    if a["status"] == "failed":     # no dataset detected: nothing was written
        assert a == b
        return {}
    assert followed and not usual
    a_val, b_val = a.pop("validation"), b.pop("validation")
    assert a_val["file"] == a["output"] and b_val["file"] == b["output"]
    a_val.pop("file"), b_val.pop("file")
    assert a_val == b_val
    a.pop("output"), b.pop("output")
    assert a == b
    return a_val


@pytest.mark.parametrize("name", sorted(p.name for p in UNSEEN.glob("*.csv")))
def test_real_files_same_report(monkeypatch, tmp_path, name):
    assert_same(monkeypatch, tmp_path, UNSEEN / name, code="131016")


def test_no_code_bom_and_detection(monkeypatch, tmp_path):
    """The file name is decided after the last row (no --code: from the data, or without a code)."""
    v = assert_same(monkeypatch, tmp_path, UNSEEN / "komae_aed.csv", bom=True)
    assert v["encoding"]["bom"] is True


def test_workbook_same_report(monkeypatch, tmp_path):
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(40), second_table=True)
    assert_same(monkeypatch, tmp_path, book, code="312011")


def test_many_rows_duplicates_and_problems(monkeypatch, tmp_path):
    """Several batches, duplicate IDs (the second read of the unique check goes through the growing file) and
    more problems than the report keeps."""
    rows = [["ID", "名称", "所在地_連結表記", "緯度", "経度"]]
    for i in range(60_000):
        rows.append([f"{i % 50_000:05d}", f"公衆トイレ{i}", f"鳥取市尚徳町{i % 300 + 1}", "35.5" if i % 7 else "135.5",
                     "134.2"])
    src = write_csv(tmp_path / "toilet.csv", rows)
    v = assert_same(monkeypatch, tmp_path, src, code="312011", dataset="2026/public_toilet")
    assert v["stats"]["rows"] == 60_000
    assert v["counts"]["duplicate-value"] == 10_000
    assert v["truncated"]


def _spy_followers(monkeypatch: pytest.MonkeyPatch) -> list[follow.Follower]:
    """The followers the conversions create, to look at afterwards."""
    seen: list[follow.Follower] = []
    maybe = follow.Follower.maybe

    def spy(source: Path) -> follow.Follower | None:
        f = maybe(source)
        if f is not None:
            seen.append(f)
        return f

    monkeypatch.setattr(follow.Follower, "maybe", staticmethod(spy))
    return seen


def test_engine_switch_falls_back(monkeypatch, tmp_path):
    """The columnar engine gives up after the header was written: the output is written again by the row
    engine and validated the usual way."""
    src = tmp_path / "t.csv"
    src.write_bytes('注意: "重要\r\nNO,名称,住所\r\n1,a,鳥取市尚徳町1\r\n2,b,鳥取市尚徳町2\r\n'.encode())
    seen = _spy_followers(monkeypatch)
    monkeypatch.setenv(follow.ENV, "on")
    o = convert_file(src, tmp_path / "out", dataset="2021/public_toilet", code="312011")
    assert o.result is not None
    if o.result.engine == "rows":
        assert not o.extra["validated_while_written"]
    assert seen and seen[0].proc is None          # no child left running
    monkeypatch.setenv(follow.ENV, "off")
    usual = convert_file(src, tmp_path / "off", dataset="2021/public_toilet", code="312011")
    assert o.validation is not None and usual.validation is not None
    assert o.validation.counts == usual.validation.counts


@pytest.mark.parametrize("child", ["/bin/false", "/bin/cat"])
def test_broken_child_falls_back(monkeypatch, tmp_path, child):
    """A child that dies at once or answers nonsense: the usual validation runs, same report."""
    src = UNSEEN / "saitama_aed.csv"
    monkeypatch.setenv(follow.ENV, "off")
    usual = convert_file(src, tmp_path / "off", code="112003")
    monkeypatch.setenv(follow.ENV, "on")
    monkeypatch.setattr(sys, "executable", child)
    o = convert_file(src, tmp_path / "on", code="112003")
    assert not o.extra["validated_while_written"]
    assert o.validation is not None and usual.validation is not None
    assert o.validation.counts == usual.validation.counts and o.status == usual.status


def test_small_files_validated_afterwards(monkeypatch, tmp_path):
    monkeypatch.setenv(follow.ENV, "auto")
    o = convert_file(UNSEEN / "saitama_aed.csv", tmp_path, code="112003")
    assert not o.extra["validated_while_written"]


def test_conversion_failing_midway_leaves_no_child(monkeypatch, tmp_path):
    """An error after the header was written: the child is stopped, nothing is kept, the error is the converter's."""
    import converters.pipeline_columnar as pcm

    def boom(self: Any, *a: Any, **k: Any) -> None:
        raise RuntimeError("disk full")

    seen = _spy_followers(monkeypatch)
    monkeypatch.setattr(pcm._Converter, "_write", boom)
    monkeypatch.setenv(follow.ENV, "on")
    with pytest.raises(RuntimeError, match="disk full"):
        convert_file(UNSEEN / "saitama_aed.csv", tmp_path / "out", code="112003")
    assert seen and seen[0].proc is None and seen[0].broken
    assert not list((tmp_path / "out").glob("*.csv"))
