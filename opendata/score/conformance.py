"""Layer 3: conformance to the dataset's schema (30 points).

The layer is full exactly when ``opendata validate`` says the file is valid and its name follows the
naming rule: the header (exact item names, order, no missing/extra columns), the file structure
(UTF-8, header on row 1 in one row), the share of data rows and of cells without an error, the name.
"""

from __future__ import annotations

from .facts import HEADER_CODES, STRUCTURE_CODES, FileFacts
from .model import FAIL, PARTIAL, Criterion, Evidence, Layer, failed, passed
from .readability import evidence

HEADER_POINTS = 6
STRUCTURE_POINTS = 4
ROWS_POINTS = 9
CELLS_POINTS = 9
NAME_POINTS = 2
MAX = HEADER_POINTS + STRUCTURE_POINTS + ROWS_POINTS + CELLS_POINTS + NAME_POINTS


def _share(c: Criterion, bad: int, total: int, what_ja: str, what_en: str) -> Criterion:
    if total <= 0 or bad <= 0:
        c = passed(c)
        c.evidence.append(Evidence(f"{what_ja} {total}件すべてエラーなし", f"all {total} {what_en} without errors", 0))
        return c
    bad = min(bad, total)
    c.earned = c.points * (total - bad) / total
    c.status = PARTIAL if bad < total else FAIL
    c.evidence.append(Evidence(f"{what_ja} {total}件のうち {bad}件にエラー（{100 * (total - bad) / total:.1f}% 適合）",
                               f"{bad} of {total} {what_en} have errors ({100 * (total - bad) / total:.1f}% valid)", bad))
    return c


def layer(facts: FileFacts) -> Layer:
    name = facts.schema_id or "?"
    head = Criterion("header-exact", "見出しが標準どおり（項目名・順序・列の過不足）",
                     "header exactly as the standard (names, order, columns)", HEADER_POINTS, refs=[name],
                     measure_ja="header-* のエラーがない（validate の header_exact）")
    header_groups = [g for g in facts.groups.values() if g.code in HEADER_CODES and g.severity == "error"]
    head = failed(head, *evidence(header_groups)) if header_groups else passed(head)

    struct = Criterion("file-structure", "ファイルの構造（UTF-8、見出しは1行目の1行）",
                       "file structure (UTF-8, a single header on row 1)", STRUCTURE_POINTS,
                       measure_ja="encoding-not-utf8, title-rows-above-header, multi-row-header がない")
    sgroups = facts.of(*STRUCTURE_CODES)
    struct = failed(struct, *evidence(sgroups)) if sgroups else passed(struct)

    bad_cells, bad_rows = facts.error_cells_and_rows()
    rows = _share(Criterion("rows-valid", "エラーのない行の割合", "share of rows without errors", ROWS_POINTS,
                            measure_ja="9点 ×（エラーのない行 ÷ データ行）"),
                  bad_rows, facts.rows, "データ行", "data rows")
    cells = _share(Criterion("cells-valid", "エラーのないセルの割合", "share of cells without errors", CELLS_POINTS,
                             measure_ja="9点 ×（エラーのないセル ÷（データ行 × 列））"),
                   bad_cells, facts.rows * facts.columns, "セル", "cells")

    fname = Criterion("file-name", "ファイル名が命名規則どおり（{コード}_{データセット}.csv）",
                      "file name follows {code}_{slug}.csv", NAME_POINTS, measure_ja="file-name の警告がない")
    ngroups = facts.of("file-name")
    fname = failed(fname, *evidence(ngroups)) if ngroups else passed(fname)
    return Layer("conformance", "スキーマ適合", "schema conformance", [head, struct, rows, cells, fname])
