"""Build synthetic print-style workbooks and CSVs for the reader tests (no files are checked in)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def print_style_openpyxl(path: Path) -> Path:
    """A print-style sheet as clerks make them, written with openpyxl.

    Rows (1-based):
     1  令和5年度 市内施設一覧 (merged A1:F1)
     2  (F2) 令和5年4月1日現在
     3  (blank)
     4  番号 | 名称 | 所在地 (merged C4:D4) | 開設日 | 面積
     5  (番号/名称/開設日/面積 merged down from row 4) | 都道府県 | 市区町村
     6  1 | 中央公民館 | 鳥取県 (merged C6:C8) | 鳥取市 | 平成15年4月1日 | 120㎡
     7  2 | 東部公民館 |  | 同上 | R2.4.1 | 85㎡
     8  3 | 西部公民館 |  | 倉吉市 | 2020-04-01 (date cell) | 1,200
     9  (hidden) 4 | 非公開倉庫 | 鳥取県 | 鳥取市 | | =10*3 (a formula without a cached value)
    10  小計 | | | | | =SUM(F6:F9) (openpyxl writes no cached value)
    11  (blank)
    12  ※面積は延床面積
    13  (blank)
    14  表2 利用者数（単位：人）
    15  区分 | 4月 | 5月 | 6月
    16  大人 | 100 | 120 | 130
    17  子ども | 50 | 60 | 70
    18  合計 | 150 | 180 | 200
    19  出典：市民課調べ
    Column G is hidden and holds nothing.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "施設一覧"
    ws["A1"] = "令和5年度 市内施設一覧"
    ws.merge_cells("A1:F1")
    ws["F2"] = "令和5年4月1日現在"
    for c, v in zip("ABCEF", ["番号", "名称", "所在地", "開設日", "面積"], strict=True):
        ws[f"{c}4"] = v
    ws.merge_cells("C4:D4")
    for c in "ABEF":
        ws.merge_cells(f"{c}4:{c}5")
    ws["C5"], ws["D5"] = "都道府県", "市区町村"
    rows = [
        [1, "中央公民館", "鳥取県", "鳥取市", "平成15年4月1日", "120㎡"],
        [2, "東部公民館", None, "同上", "R2.4.1", "85㎡"],
        [3, "西部公民館", None, "倉吉市", dt.date(2020, 4, 1), "1,200"],
        [4, "非公開倉庫", "鳥取県", "鳥取市", None, "=10*3"],
    ]
    for i, row in enumerate(rows, start=6):
        for j, v in enumerate(row):
            if v is not None:
                ws.cell(i, j + 1, v)
    ws.merge_cells("C6:C8")
    ws.row_dimensions[9].hidden = True
    ws.column_dimensions["G"].hidden = True
    ws["A10"] = "小計"
    ws["F10"] = "=SUM(F6:F9)"
    ws["A12"] = "※面積は延床面積"
    ws["A14"] = "表2 利用者数（単位：人）"
    for j, v in enumerate(["区分", "4月", "5月", "6月"]):
        ws.cell(15, j + 1, v)
    for i, row in enumerate([["大人", 100, 120, 130], ["子ども", 50, 60, 70], ["合計", 150, 180, 200]], start=16):
        for j, v in enumerate(row):
            ws.cell(i, j + 1, v)
    ws["A19"] = "出典：市民課調べ"
    wb.save(path)
    return path


def formulas_xlsxwriter(path: Path) -> Path:
    """Formulas with cached results (as Excel saves them), a 和暦 date format, a time, a hidden row and
    a hidden column (F, 備考)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("集計")
    wareki = wb.add_format({"num_format": '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"'})
    hhmm = wb.add_format({"num_format": "hh:mm"})
    ws.merge_range("A1:E1", "施設別利用状況")
    ws.write_row(2, 0, ["施設名", "開設日", "開館時刻", "利用者数", "前年比", "備考"])
    data = [("中央図書館", dt.datetime(2019, 5, 1), dt.time(9, 0), 1200, 1000),
            ("東図書館", dt.datetime(2020, 4, 1), dt.time(9, 30), 800, 900),
            ("西図書館", dt.datetime(1989, 1, 8), dt.time(10, 0), 450, 500)]
    for i, (name, opened, t, users, last) in enumerate(data, start=3):
        ws.write_string(i, 0, name)
        ws.write_datetime(i, 1, opened, wareki)
        ws.write_datetime(i, 2, dt.datetime.combine(dt.date(1899, 12, 31), t), hhmm)
        ws.write_number(i, 3, users)
        ws.write_formula(i, 4, f"=D{i + 1}/{last}", None, round(users / last, 4))
        ws.write_string(i, 5, "内部メモ")
    ws.set_row(5, None, None, {"hidden": True})
    ws.set_column("F:F", None, None, {"hidden": True})
    wb.close()
    return path


def legacy_xls(path: Path) -> Path:
    """A .xls (BIFF8, xlwt): merged title, two-row merged header, merged body cell, date cells, hidden row."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("一覧")
    date_style = xlwt.easyxf(num_format_str="yyyy/mm/dd")
    ws.write_merge(0, 0, 0, 4, "避難所一覧（令和6年）")
    ws.write_merge(2, 3, 0, 0, "名称")
    ws.write_merge(2, 2, 1, 2, "所在地")
    ws.write(3, 1, "町字")
    ws.write(3, 2, "番地")
    ws.write_merge(2, 3, 3, 3, "収容人数")
    ws.write_merge(2, 3, 4, 4, "指定日")
    rows = [("第一小学校", "湖山町", "1-1", 300, dt.date(2024, 4, 1)),
            ("第二小学校", None, "2-5", 250, dt.date(2024, 4, 1)),
            ("旧第三小学校", "吉方", "3", 0, dt.date(2010, 3, 31))]
    for i, (name, town, lot, cap, day) in enumerate(rows, start=4):
        ws.write(i, 0, name)
        if town and i != 4:
            ws.write(i, 1, town)
        ws.write(i, 2, lot)
        ws.write(i, 3, cap)
        ws.write(i, 4, day, date_style)
    ws.write_merge(4, 5, 1, 1, "湖山町")
    ws.row(6).hidden = True
    ws.write(7, 0, "計")
    ws.write(7, 3, xlwt.Formula("SUM(D5:D7)"))
    wb.save(str(path))
    return path


def simple_ods(path: Path) -> Path:
    """An .ods (odfpy) with a title row, a header whose parent cell spans two columns, and data."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="公園")

    def cell(value: object = None, **kw: object) -> TableCell:
        if isinstance(value, int | float):
            c = TableCell(valuetype="float", value=value, **kw)
            c.addElement(P(text=str(value)))
        elif value is None:
            c = TableCell(**kw)
        else:
            c = TableCell(valuetype="string", **kw)
            c.addElement(P(text=str(value)))
        return c

    def row(*cells: TableCell, **kw: object) -> TableRow:
        r = TableRow(**kw)
        for c in cells:
            r.addElement(c)
        return r

    table.addElement(row(cell("都市公園一覧")))
    table.addElement(row(cell()))
    table.addElement(row(cell("公園名"), cell("位置", numbercolumnsspanned=2), CoveredTableCell(), cell("面積")))
    table.addElement(row(cell(), cell("緯度"), cell("経度"), cell()))
    table.addElement(row(cell("若葉台公園"), cell(35.5), cell(134.2), cell(1200)))
    table.addElement(row(cell("湖山池公園"), cell(35.51), cell(134.17), cell(9800)))
    table.addElement(row(cell("秘密の庭"), cell(35.4), cell(134.1), cell(10), visibility="collapse"))
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def tiny_png() -> bytes:
    """A valid 1×1 PNG, made without an imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def image_only_xlsx(path: Path) -> Path:
    """A workbook whose only sheet holds a picture (a scanned list pasted into Excel) and no cell value."""
    import xlsxwriter

    png = path.with_suffix(".png")
    png.write_bytes(tiny_png())
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("スキャン")
    ws.insert_image("B2", str(png))
    wb.close()
    png.unlink()
    return path


def prefix_sheet_xml(src: Path, out: Path) -> Path:
    """Rewrite the worksheets of an .xlsx with a namespace prefix (<x:row …>), as some generators do."""
    import re
    import zipfile

    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<(/?)([A-Za-z]\w*)", rb"<\1x:\2", data).replace(ns, ns.replace(b"xmlns", b"xmlns:x"))
            zo.writestr(item, data)
    return out
