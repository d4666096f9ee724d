"""The source (how the city holds the data) is scored apart: a print-style Excel source lowers only the
source part, never the total of the published file."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from opendata.convert import convert_file
from opendata.score import score_file, score_validation
from opendata.score.source import SourceFacts

from .helpers import BASE, FIELDS, METADATA, TODAY, rows, write


def print_style_workbook(path: Path) -> Path:
    """Title merged over the table, header on row 3, a formula for 収容定員, a note under the table."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("保育施設")
    ws.merge_range(0, 0, 0, 5, "子育て施設一覧（令和7年4月1日現在）")
    for j, h in enumerate(FIELDS):
        ws.write_string(2, j, h)
    for i, r in enumerate(rows()):
        for j, h in enumerate(FIELDS):
            if h == "収容定員":
                ws.write_formula(3 + i, j, "=60+30", None, 90)
            elif r[h]:
                ws.write_string(3 + i, j, r[h])
    ws.write_string(3 + len(rows()) + 1, 0, "※ 収容定員は令和7年4月1日現在")
    wb.close()
    return path


def failing(part) -> set[str]:
    return {c.id for c in part.criteria if c.status == "fail"}


def test_print_style_excel_lowers_only_the_source_part(tmp_path):
    src = print_style_workbook(tmp_path / "保育施設一覧.xlsx")
    out = tmp_path / "out"
    o = convert_file(src, out, dataset="2021/preschool", code="312011")
    assert o.ok and o.validation is not None and o.validation.valid
    assert o.result is not None
    with_source = score_validation(o.validation, METADATA, source=SourceFacts.from_conversion(o.result), today=TODAY)

    clean = tmp_path / "clean"
    clean.mkdir()
    plain = score_file(write(clean), "2021/preschool", METADATA, today=TODAY)
    # the published file is as good as a clean one: same total and layers
    assert with_source.total == plain.total == 100.0
    assert [la.points for la in with_source.layers] == [la.points for la in plain.layers]
    # the source is not: proprietary format, title/note rows, merged cells, formulas, header not on row 1
    assert with_source.source is not None and plain.source is None
    assert failing(with_source.source) == {"source:star-3", "source:L1-04", "source:L1-12", "source:L2-06",
                                           "source:L3-01"}
    assert with_source.source.percent is not None and with_source.source.percent < 100
    assert with_source.to_dict()["source"]["format"] == "XLSX"


def test_source_read_without_conversion_marks_change_based_rules_not_assessed(tmp_path):
    src = print_style_workbook(tmp_path / "保育施設一覧.xlsx")
    clean = tmp_path / "clean"
    clean.mkdir()
    s = score_file(write(clean), "2021/preschool", METADATA, src, today=TODAY)
    assert s.total == 100.0 and s.source is not None
    assert {"source:L1-12", "source:L2-06", "source:L3-01"} <= failing(s.source)
    na = {c.id for c in s.source.criteria if c.status == "n/a"}
    assert {"source:L1-08", "source:L2-01", "source:L2-02", "source:L3-09"} <= na


def test_legacy_csv_source_fails_encoding_and_counts_fixed_cells(tmp_path):
    data = rows()
    data[1]["名称"] = "㈱さくら保育園"
    data[2]["収容定員"] = "９０人"
    src = write(tmp_path, data, name="保育施設.csv", encoding="cp932")
    o = convert_file(src, tmp_path / "out", dataset="2021/preschool", code="312011")
    assert o.result is not None
    part = score_validation(o.validation, METADATA, source=SourceFacts.from_conversion(o.result), today=TODAY).source
    assert part is not None and part.format == "CSV"
    assert {"source:L3-08", "source:L1-08", "source:L2-01"} <= failing(part)
    assert {c.id for c in part.criteria if c.status == "n/a"} >= {"source:L1-12", "source:L2-06"}   # Excel only
    assert BASE["名称"]      # (helpers unchanged)


def test_headerless_csv_source_fails_one_header_row(tmp_path):
    """A CSV without a header row (its columns mapped by their values) fails L3-01 with its own evidence."""
    src = tmp_path / "clinics.csv"
    src.write_text("".join(f"みどり台クリニック{i},263-00{10 + i},千葉市稲毛区緑町{i}-2-3,043-555-{1000 + i}\n"
                           for i in range(1, 5)), encoding="utf-8")
    o = convert_file(src, tmp_path / "out", dataset="2021/hospital", code="121002")
    assert o.result is not None
    part = score_validation(o.validation, METADATA, source=SourceFacts.from_conversion(o.result), today=TODAY).source
    assert part is not None and "source:L3-01" in failing(part)
    (c,) = [c for c in part.criteria if c.id == "source:L3-01"]
    assert "見出し行がありません" in c.evidence[0].text_ja
