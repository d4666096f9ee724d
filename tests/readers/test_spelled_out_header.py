"""A parent header spelled out one letter per cell over its children (病 | 床 | 数 over 一般 | 療養 | 計), as print-style
sheets centre a short label over several columns and CSV exports keep each letter in its own cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from converters.readers import read_tables
from converters.readers.header import spelled_out_runs
from converters.readers.layout import find_tables, table_rows

GRID = [
    ["診　療　所　名", "所　在　地", "病", "床", "数", "開設年月日"],
    ["", "", "一般", "療養", "計", ""],
    ["安達産婦人科", "大分市大字宮崎937-4", 14, "", 14, "H 1. 9. 1"],
    ["明野内科", "大分市明野東1842-11", "", 4, 4, "R1.6.1"],
    ["あそう在宅クリニック", "大分市大字中戸次5927-3", "", "", "", "2020/12/1"],
]


def test_runs_that_read_as_a_column_name() -> None:
    assert spelled_out_runs(["名称", "病", "床", "数", "住所"]) == [(1, 3, "病床数")]
    assert spelled_out_runs(["施", "設", "名", "", "電", "話", "番", "号"]) == [(0, 2, "施設名"), (4, 7, "電話番号")]
    # separate one-letter names, a lone letter, ASCII letters: left alone
    assert spelled_out_runs(["男", "女", "計"]) == []
    assert spelled_out_runs(["病", "", "床"]) == []
    assert spelled_out_runs(["I", "D"]) == []


def test_letters_over_children_are_one_parent() -> None:
    (t,) = find_tables(GRID)
    assert (t.header_first, t.header_last) == (0, 1)
    assert t.header[2:] == ["病床数_一般", "病床数_療養", "病床数_計", "開設年月日"]
    # the child row (計 in it) is the header's second row, not a total row; every record is data
    assert [r.values[0] for r in table_rows(GRID, t)] == ["安達産婦人科", "明野内科", "あそう在宅クリニック"]
    note = next(n for n in t.notes if n.code == "spelled-out-header")
    assert "「病」「床」「数」" in note.message_ja and "病床数" in note.message_ja and note.row == 1 and note.column == 3


def test_one_letter_names_over_children_stay_apart() -> None:
    grid = [
        ["地区", "男", "女", "計"],
        ["", "人", "人", "人"],
        ["東町", 10, 12, 22],
        ["西町", 8, 9, 17],
    ]
    (t,) = find_tables(grid)
    assert all("男女計" not in h for h in t.header)
    assert t.header[1].startswith("男") and t.header[2].startswith("女")


def test_one_header_row_of_letters_is_not_joined() -> None:
    grid = [["名称", "病", "床", "数"], ["A病院", 1, 2, 3], ["B病院", 4, 5, 6]]
    (t,) = find_tables(grid)
    assert t.header == ["名称", "病", "床", "数"]
    assert not any(n.code == "spelled-out-header" for n in t.notes)


def test_print_style_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["診療所一覧（令和6年4月1日現在）"])
    ws.append([])
    for row in GRID:
        ws.append(row)
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("F3:F4")
    path = tmp_path / "clinics.xlsx"
    wb.save(path)
    (t,) = read_tables(path)
    assert t.header[2:] == ["病床数_一般", "病床数_療養", "病床数_計", "開設年月日"]
    assert [r.values[4] for r in t.rows] == [14, 4, ""]
