"""docs/score.md documents every criterion with the points the code gives it."""

from __future__ import annotations

from pathlib import Path

from opendata.score import score_file

from .helpers import METADATA, TODAY, write
from .test_source import print_style_workbook

DOC = Path(__file__).resolve().parents[2] / "docs" / "score.md"


def documented_points() -> dict[str, float]:
    out: dict[str, float] = {}
    col: int | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| id |"):
            col = cells.index("points") if "points" in cells else None
        elif line.startswith("| `") and col is not None:
            out[cells[0].strip("`")] = float(cells[col])
        elif not line.startswith("|"):
            col = None
    return out


def test_every_criterion_is_documented_with_its_points(tmp_path):
    src = print_style_workbook(tmp_path / "src.xlsx")
    s = score_file(write(tmp_path), "2021/preschool", METADATA, src, today=TODAY)
    assert s.source is not None
    criteria = [c for la in s.layers for c in la.criteria] + s.source.criteria
    docs = documented_points()
    assert {c.id: float(c.points) for c in criteria} == docs
    layer_max = {la.id: la.max for la in s.layers}
    assert layer_max == {"stars": 10, "readability": 40, "conformance": 30, "metadata": 20}
