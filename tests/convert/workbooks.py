"""Print-style workbooks built in the tests (what departments really keep), written with xlsxwriter so
that formulas carry cached values as Excel saves them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter

HEADER_TOP = ["No.", "施設名称", "フリガナ", "所在地", None, "設置場所", "電話番号", "設置台数", "設置日"]
HEADER_SUB = [None, None, None, "住所", "方書", None, None, None, None]


def aed_rows(n: int, start: int = 1) -> list[list[Any]]:
    towns = ["尚徳町116", "富安二丁目104-2", "西町三丁目202番地", "吉方温泉３丁目７５１−５", "湖山町東4丁目101"]
    out = []
    for i in range(start, start + n):
        out.append([i, f"鳥取市施設{i}号館", f"トットリシシセツ{i}ゴウカン", "鳥取市" + towns[i % len(towns)],
                    "", "1階 総合案内" if i % 2 else "同上", "0857-22-8111", f"{1 + i % 2}台", "R6.4.1"])
    return out


def write_print_style(path: Path, rows: list[list[Any]], *, second_table: bool = False, hidden_row: bool = False,
                      total_formula: bool = True, sheet: str = "AED一覧", extra_title: str | None = None,
                      extra_column: tuple[int, str] | None = None) -> Path:
    """``extra_title``: one more line under the title (the table moves down a row); ``extra_column``: a column
    (position among the 9, its header) inserted with a value in every row (the columns after it move right)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    fmt = wb.add_format({"bold": True})
    top, sub = list(HEADER_TOP), list(HEADER_SUB)
    if extra_column is not None:
        at, name = extra_column
        top.insert(at, name)
        sub.insert(at, None)
        rows = [[*row[:at], f"{name}{i + 1}", *row[at:]] for i, row in enumerate(rows)]
    last = len(top) - 1
    ws.merge_range(0, 0, 0, last, "AED設置箇所一覧（令和6年4月1日現在）", fmt)
    ws.write("A2", "鳥取市 危機管理課")
    h = 3
    if extra_title is not None:
        ws.write("A3", extra_title)
        h = 4
    for j, v in enumerate(top):
        if v is not None and sub[j] is None:
            ws.merge_range(h, j, h + 1, j, v, fmt)
    a = top.index("所在地")
    ws.merge_range(h, a, h, a + 1, "所在地", fmt)
    ws.write(h + 1, a, "住所", fmt)
    ws.write(h + 1, a + 1, "方書", fmt)
    r = h + 2
    for row in rows:
        for j, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, j, dt.datetime(v.year, v.month, v.day), wb.add_format({"num_format": "yyyy/m/d"}))
            else:
                ws.write(r, j, v)
        r += 1
    if hidden_row:
        ws.set_row(h + 2, None, None, {"hidden": True})
    if total_formula:
        ws.write(r, 0, "合計")
        # cached value as Excel stores it
        k = top.index("設置台数")
        col = chr(ord("A") + k)
        ws.write_formula(r, k, f'=COUNTA({col}{h + 3}:{col}{r})&"件"', None, f"{len(rows)}件")
        r += 1
    ws.write(r + 1, 0, "※設置台数は令和6年4月1日現在")
    if second_table:
        r += 4
        ws.write(r, 0, "参考：移動式AED（イベント貸出用）")
        ws.write_row(r + 2, 0, ["No.", "貸出場所", "台数"])
        ws.write_row(r + 3, 0, [1, "危機管理課", 3])
        ws.write_row(r + 4, 0, [2, "消防局", 2])
    wb.close()
    return path


def write_headerless(path: Path, rows: list[list[Any]], *, title: str | None = None, sheet: str = "一覧") -> Path:
    """A sheet of records without a header row (a title line and a blank row above them when ``title``)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    r = 0
    if title:
        ws.write(0, 0, title)
        r = 2
    for row in rows:
        for j, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, j, dt.datetime(v.year, v.month, v.day), wb.add_format({"num_format": "yyyy/m/d"}))
            elif v is not None and v != "":
                ws.write(r, j, v)
        r += 1
    wb.close()
    return path
