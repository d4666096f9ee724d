"""The score of known inputs is pinned: a perfect file, one file per kind of defect, metadata gaps.
The expected figures are worked out from the rubric in docs/score.md (10 data rows × 28 columns =
280 cells; rows-valid 9 × valid rows / rows, cells-valid 9 × valid cells / cells)."""

from __future__ import annotations

import re

import pytest

from opendata.score import score_file
from opendata.score.model import band_of

from .helpers import FIELDS, METADATA, ROWS, TODAY, rows, with_cell, write

ONE_CELL = 9 / ROWS + 9 / (ROWS * len(FIELDS))      # conformance lost by one bad cell in one row


def score(path, metadata=METADATA, dataset="2021/preschool", **kw):
    return score_file(path, dataset, metadata, today=TODAY, **kw)


def layers(s):
    return {la.id: round(la.points, 6) for la in s.layers}


def test_perfect_file_scores_100(tmp_path):
    s = score(write(tmp_path))
    assert s.total == 100.0 and s.band == "A" and s.valid
    assert layers(s) == {"stars": 10, "readability": 40, "conformance": 30, "metadata": 20}
    assert s.stars == 5 and not s.advice


def test_perfect_file_without_metadata_scores_100_of_what_is_measured(tmp_path):
    s = score(write(tmp_path), metadata=None)
    assert s.total == 100.0 and s.assessed_max == 78     # ★1 and the metadata layer are not measured
    assert s.layer("metadata").assessed is False and s.stars_licence_unknown


# (defect, file builder, expected layers, expected total)
DEFECTS = [
    ("machine-dependent-char", lambda d: write(d, with_cell("名称", "㈱さくら保育園")),
     {"readability": 37, "conformance": 30 - ONE_CELL}, 96.1),
    ("surrounding-space (warning)", lambda d: write(d, with_cell("名称", " さくら保育園 ")),
     {"readability": 38, "conformance": 30}, 98.0),
    ("cell-newline (warning)", lambda d: write(d, with_cell("名称", "さくら\n保育園")),
     {"readability": 38, "conformance": 30}, 98.0),
    ("blank-row", lambda d: write(d, blank_after=4),
     {"readability": 37, "conformance": 30 - 9 / (ROWS + 1)}, 96.2),
    ("title-rows-above-header", lambda d: write(d, above=[["子育て施設一覧"], ["令和7年4月1日現在"]]),
     {"readability": 34, "conformance": 26}, 90.0),
    ("number with a unit", lambda d: write(d, with_cell("収容定員", "90人")),
     {"readability": 35, "conformance": 30 - ONE_CELL}, 94.1),
    ("number with a digit separator", lambda d: write(d, with_cell("収容定員", "1,200")),
     {"readability": 37, "conformance": 30 - ONE_CELL}, 96.1),
    ("encoding CP932", lambda d: write(d, encoding="cp932"),
     {"readability": 38, "conformance": 26}, 94.0),
    ("header-blank", lambda d: write(d, header=[("" if h == "駐車場情報" else h) for h in FIELDS]),
     {"readability": 37, "conformance": 24}, 91.0),
    ("header-duplicate", lambda d: write(d, header=[("アクセス方法" if h == "駐車場情報" else h) for h in FIELDS]),
     {"readability": 38, "conformance": 24}, 92.0),
    ("enum-value", lambda d: write(d, with_cell("一時預かりの有無", "あり")),
     {"readability": 38, "conformance": 30 - ONE_CELL}, 97.1),
    ("date-wareki", lambda d: write(d, with_cell("認可等年月日", "令和2年4月1日")),
     {"readability": 38, "conformance": 30 - ONE_CELL}, 97.1),
    ("time-range-in-cell", lambda d: write(d, with_cell("開始時間", "7:30～18:30")),
     {"readability": 37, "conformance": 30 - ONE_CELL}, 96.1),
    ("localgov-code-length (also ★5)", lambda d: write(d, with_cell("都道府県コード又は市区町村コード", "31201")),
     {"stars": 8, "readability": 39, "conformance": 30 - ONE_CELL}, 96.1),
    ("duplicate-value in NO (★4)", lambda d: write(d, with_cell("NO", "1", row=1)),
     {"stars": 8, "readability": 40, "conformance": 30 - ONE_CELL}, 97.1),
    ("required-missing ×4", lambda d: write(d, [dict(r, 名称_カナ="") if i < 4 else r for i, r in enumerate(rows())]),
     {"readability": 40, "conformance": 30 - 9 * 4 / ROWS - 9 * 4 / (ROWS * len(FIELDS))}, 96.3),
    ("file-name (warning)", lambda d: write(d, name="hoikuen.csv"),
     {"readability": 40, "conformance": 28}, 98.0),
]


@pytest.mark.parametrize("name,build,expected,total", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_one_defect(tmp_path, name, build, expected, total):
    s = score(build(tmp_path))
    got = layers(s)
    full = {"stars": 10, "readability": 40, "conformance": 30, "metadata": 20}
    for k, v in {**full, **expected}.items():
        assert got[k] == pytest.approx(v, abs=1e-6), (k, got)
    assert s.total == total
    assert s.band == band_of(total)[0]


def test_extra_cell_fails_l1_15(tmp_path):
    p = write(tmp_path)
    lines = p.read_bytes().split(b"\r\n")
    lines[3] += b",x"
    p.write_bytes(b"\r\n".join(lines))
    s = score(p)
    assert s.layer("readability").criterion("L1-15").status == "fail"
    assert layers(s)["readability"] == 37 and s.total == 96.1


@pytest.mark.parametrize("defect,fixed_gain", [
    (lambda d: write(d, with_cell("名称", "㈱さくら保育園")), 3 + ONE_CELL),     # L1-08 + one cell
    (lambda d: write(d, with_cell("名称", " さくら保育園 ")), 2),                 # L1-06 (a warning)
    (lambda d: write(d, encoding="cp932"), 2 + 4),                               # L3-08 + file structure
    (lambda d: write(d, with_cell("収容定員", "90人")), 3 + 2 + ONE_CELL),       # L2-01 + L3-04 + one cell
    (lambda d: write(d, above=[["子育て施設一覧"]]), 3 + 3 + 4),                 # L1-04 + L3-01 + structure
])
def test_fixing_a_defect_raises_the_score_by_the_documented_points(tmp_path, defect, fixed_gain):
    bad_dir, good_dir = tmp_path / "bad", tmp_path / "good"
    bad_dir.mkdir()
    good_dir.mkdir()
    bad = score(defect(bad_dir))
    good = score(write(good_dir))
    assert good.raw_total - bad.raw_total == pytest.approx(fixed_gain)
    # and the first advice promises exactly that
    assert len(bad.advice) == 1
    assert bad.advice[0].gain == pytest.approx(round(fixed_gain, 1))


def test_advice_wording_and_order(tmp_path):
    data = [dict(r, 名称_カナ="") if i < 4 else r for i, r in enumerate(rows())]
    data[5]["名称"] = "㈱さくら"
    meta = {k: v for k, v in METADATA.items() if k not in ("keywords", "license")}
    s = score(write(tmp_path, data), metadata=meta)
    texts = [a.line_ja for a in s.advice]
    assert texts[0] == "ライセンス（license）を語彙から記入してください（例 CC-BY-4.0、PDL-1.0）（+5点）"
    assert "名称_カナ が 4 件空欄です（+3.7点）" in texts
    assert [a.gain for a in s.advice] == sorted((a.gain for a in s.advice), reverse=True)
    assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", t) for t in texts)        # Japanese for the clerk
    assert all(a.line_en.endswith("points)") for a in s.advice)


@pytest.mark.parametrize("change,metadata_points,stars", [
    ({"keywords": None}, 17, 10),
    ({"theme": None}, 17, 10),
    ({"license": None}, 17, 8),                       # licence 2 + vocabulary 1, and ★1
    ({"license": "自由に使ってください"}, 19, 8),       # stated, but not from the vocabulary
    ({"license": "PDL1.0"}, 20, 10),                  # an alias of PDL-1.0
    ({"license": "https://creativecommons.org/publicdomain/zero/1.0/"}, 20, 10),
    ({"temporal": None}, 18, 10),
    ({"contact": None}, 18, 10),
    ({"organization": None}, 19, 10),
    ({"accrual_periodicity": None}, 18, 10),          # frequency, and so update-kept
    ({"modified": "2024-01-01"}, 19, 10),             # annual, last updated 17 months before TODAY
    ({"accrual_periodicity": "irregular", "modified": "2020-01-01"}, 20, 10),
])
def test_metadata_gaps_lower_the_metadata_layer_by_the_documented_points(tmp_path, change, metadata_points, stars):
    meta = {k: v for k, v in {**METADATA, **change}.items() if v is not None}
    s = score(write(tmp_path), metadata=meta)
    assert layers(s)["metadata"] == metadata_points
    assert layers(s)["stars"] == stars
    assert s.total == 100 - (20 - metadata_points) - (10 - stars)


def test_without_metadata_the_total_is_the_share_of_the_measured_points(tmp_path):
    s = score(write(tmp_path, with_cell("名称", "㈱さくら保育園")), metadata=None)
    assert s.raw_total == pytest.approx(100 * (8 + 37 + 30 - ONE_CELL) / 78)
    assert s.total == 95.0


def test_score_is_deterministic_and_serialisable(tmp_path):
    p = write(tmp_path, with_cell("収容定員", "90人"))
    a, b = score(p).to_dict(), score(p).to_dict()
    assert a == b
    assert a["total"] == 94.1 and a["band"] == "A" and a["layers"][1]["id"] == "readability"
    assert {c["id"] for c in a["layers"][1]["criteria"] if c["status"] == "fail"} == {"L2-01", "L3-04"}
    ev = next(c for c in a["layers"][1]["criteria"] if c["id"] == "L3-04")["evidence"][0]
    assert ev["locations"] == ["T列4行目"] and ev["count"] == 1
