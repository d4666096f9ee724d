"""validate_file on planted-defect files: specific codes at specific cells, both engines agreeing."""

from __future__ import annotations

import pytest

from opendata.validation import FatalValidationError, validate_file
from opendata.validation.problems import column_letter
from tests.conftest import write_csv

from .helpers import PLANTED, PRESCHOOL, preschool_file, preschool_row

ENGINES = ["fast", "frictionless"]


def keyed(report):
    return [(p.row, p.column, p.code, p.value, p.suggestion) for p in report.problems]


@pytest.fixture()
def planted(tmp_path):
    rows = [preschool_row(NO="1")]
    for i, (col, bad, _code, _fix) in enumerate(PLANTED):
        over = {col: bad}
        if col != "NO":
            over["NO"] = str(i + 2)
        rows.append(preschool_row(**over))
    return preschool_file(tmp_path / "312011_preschool.csv", rows)


@pytest.mark.parametrize("engine", ENGINES)
def test_valid_file_is_valid(tmp_path, engine):
    f = preschool_file(tmp_path / "312011_preschool.csv", [preschool_row(NO=str(i)) for i in range(1, 6)])
    r = validate_file(f, engine=engine)
    assert r.dataset["id"] == "2021/preschool"
    assert r.valid, [p.message_ja for p in r.problems]
    assert r.rows == 5 and r.header_exact and r.problems == []


@pytest.mark.parametrize("engine", ENGINES)
def test_each_planted_defect_is_found_where_it_is(planted, engine):
    r = validate_file(planted, engine=engine)
    assert not r.valid
    found = {(p.row, p.column): p for p in r.problems}
    for i, (col, bad, code, fix) in enumerate(PLANTED):
        row = i + 3                           # header row 1, the good row 2
        column = PRESCHOOL.index(col) + 1
        p = found.get((row, column))
        assert p is not None, f"{code} not found at {column_letter(column)}{row}"
        assert p.code == code and p.suggestion == fix, (p.code, p.suggestion)
        if bad:
            assert p.value == bad
        assert p.message_ja and p.message_en
        assert p.location_ja == f"{column_letter(column)}列{row}行目"


def test_engines_agree_on_planted_defects(planted):
    assert keyed(validate_file(planted, engine="fast")) == keyed(validate_file(planted, engine="frictionless"))


def test_message_example_from_the_issue(tmp_path):
    f = preschool_file(tmp_path / "312011_preschool.csv", [preschool_row(**{"都道府県コード又は市区町村コード": "31201"})])
    p = validate_file(f).problems[0]
    assert f"{p.location_ja}: {p.message_ja}" == (
        "A列2行目: 都道府県コード又は市区町村コード「31201」は5桁です。6桁（検査数字付き）で「312011」と記入してください。")


@pytest.mark.parametrize("engine", ["auto", "frictionless"])
def test_blank_rows_and_row_shape(tmp_path, engine):
    good = preschool_row()
    rows = [good, [""] * len(PRESCHOOL), preschool_row(NO="3"), preschool_row(NO="4")[:-2],
            [*preschool_row(NO="5"), "余り"]]
    f = preschool_file(tmp_path / "312011_preschool.csv", rows)
    r = validate_file(f, engine=engine)
    codes = {(p.row, p.code) for p in r.problems}
    assert (3, "blank-row") in codes
    assert (5, "missing-cell") in codes
    assert (6, "extra-cell") in codes


def test_fast_engine_falls_back_on_ragged_rows(tmp_path):
    from opendata.validation.engine_fast import FastEngineUnsupported

    rows = [preschool_row(), preschool_row(NO="2")[:-3]]
    f = preschool_file(tmp_path / "312011_preschool.csv", rows)
    with pytest.raises(FastEngineUnsupported):
        validate_file(f, engine="fast")
    r = validate_file(f)   # auto
    assert r.engine.startswith("frictionless")
    assert keyed(r) == keyed(validate_file(f, engine="frictionless"))


def test_header_defects(tmp_path):
    header = list(PRESCHOOL)
    header[0] = "都道府県コ―ド又は市区町村コ―ド"   # U+2015
    header[5] = "名称＿カナ"                         # full-width low line
    header[7] = "住　所"                             # space inside
    header[8], header[9] = header[9], header[8]      # 緯度 before 方書
    header[20] = "受入年齢"                          # unchanged
    header.append("独自項目")                        # extra
    del header[12]                                   # 駐車場情報 missing
    rows = [[v for i, v in enumerate(preschool_row()) if i != 12] + ["x"]]
    rows[0][8], rows[0][9] = rows[0][9], rows[0][8]
    f = write_csv(tmp_path / "312011_preschool.csv", [header, *rows])
    r = validate_file(f, dataset="2021/preschool")
    by_code = {}
    for p in r.problems:
        by_code.setdefault(p.code, []).append(p)
    look = {p.column: p for p in by_code["header-lookalike"]}
    assert set(look) == {1, 6, 8}
    assert "U+2015" in look[1].message_ja and "ー" in look[1].message_ja
    assert "全角アンダースコア" in look[6].message_ja
    assert "全角スペース" in look[8].message_ja
    assert [p.field for p in by_code["header-missing-column"]] == ["駐車場情報"]
    assert [p.value for p in by_code["header-extra-column"]] == ["独自項目"]
    assert [p.field for p in by_code["header-order"]] in (["方書"], ["緯度"])
    # cells are still checked against the right fields despite the header problems
    assert not any(p.code == "type-integer" for p in r.problems)


def test_duplicate_and_blank_headers(tmp_path):
    header = [*PRESCHOOL, "備考", ""]
    f = write_csv(tmp_path / "312011_preschool.csv", [header, [*preschool_row(), "", ""]])
    r = validate_file(f)
    codes = [(p.code, p.column) for p in r.problems]
    assert ("header-duplicate", len(PRESCHOOL) + 1) in codes
    assert ("header-blank", len(PRESCHOOL) + 2) in codes


def test_file_level_problems(tmp_path):
    rows = [PRESCHOOL, preschool_row(名称="㈱わかば")]
    f = write_csv(tmp_path / "hoikuen.csv", rows, encoding="cp932")
    r = validate_file(f)
    codes = {p.code for p in r.problems}
    assert {"encoding-not-utf8", "file-name", "machine-dependent-char"} <= codes
    enc = next(p for p in r.problems if p.code == "encoding-not-utf8")
    assert "Shift_JIS" in enc.message_ja and "UTF-8で保存" in enc.message_ja

    bom = tmp_path / "312011_preschool.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (",".join(PRESCHOOL) + "\r\n" + ",".join(preschool_row()) + "\n").encode())
    r = validate_file(bom)
    codes = {p.code for p in r.problems}
    assert "encoding-bom" in codes and "line-endings-mixed" in codes
    assert r.valid    # a BOM and mixed line endings are not errors
    assert r.encoding["line_endings"] == {"crlf": 1, "lf": 1, "cr": 0}


def test_title_rows_above_header(tmp_path):
    rows = [["鳥取市 保育施設一覧（令和6年4月1日現在）"], [""], PRESCHOOL, preschool_row()]
    f = write_csv(tmp_path / "312011_preschool.csv", rows)
    for engine in ENGINES:
        r = validate_file(f, engine=engine)
        assert r.header_row == 3
        assert any(p.code == "title-rows-above-header" for p in r.problems)
        assert r.rows == 1
        assert not any(p.code.startswith("header-") for p in r.problems)


def test_fatal_inputs(tmp_path):
    with pytest.raises(FatalValidationError) as e:
        validate_file(tmp_path / "missing.csv")
    assert e.value.problem.code == "file-unreadable"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(FatalValidationError) as e:
        validate_file(empty)
    assert e.value.problem.code == "file-empty"
    x = tmp_path / "book.csv"
    x.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(FatalValidationError) as e:
        validate_file(x)
    assert e.value.problem.code == "not-csv"
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FatalValidationError) as e:
        validate_file(junk)
    assert e.value.problem.code == "dataset-unknown"


def test_problem_cap_keeps_counts(tmp_path):
    rows = [preschool_row(NO=str(i), 開始時間="7:30") for i in range(1, 41)]
    f = preschool_file(tmp_path / "312011_preschool.csv", rows)
    for engine in ENGINES:
        r = validate_file(f, engine=engine, keep=5)
        assert r.counts["time-format"] == 40
        kept = [p.row for p in r.problems if p.code == "time-format"]
        assert kept == [2, 3, 4, 5, 6] and r.truncated
