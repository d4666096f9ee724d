"""The real CSVs of tests/fixtures/unseen, typed into .xlsx workbooks the way Excel stores what a clerk types.

Real city workbooks hold typed cells, not the text a CSV holds: 35.4601 is a float, 312011 an int, 2024/4/1 an
Excel date, 8:30 an Excel time.  Each fixture that converts with ``--dataset`` given is rebuilt as a workbook
whose cells are typed by Excel's own input rules (``excel_value``), in three layouts:

* ``typed``: header in row 1, one typed cell per CSV cell;
* ``titled``: a title merged over the table's width in row 1, a blank row, the table, a blank row and a
  ※ note row under it (the print-style sheet departments keep);
* ``zero_format``: like ``titled``, but digit strings with leading zeros (IDs ``001``, ``0000000001``) are typed
  as numbers and shown with a zero-padding format (``000``), the other way clerks keep their zeros instead of
  the ``'`` prefix.
* ``offset``: an unmerged title in B1, a 「…現在」 date at the right of row 2, the table from B3; dates shown in
  the Japanese era (``[$-ja-JP-x-gannen]ggge"年"m"月"d"日"``), times with seconds and decimals with the CSV's
  number of places (display formats only: the stored values are the same).

The CSV and the workbook are converted by ``convert_file`` with the same dataset, and the output CSVs must be
equal cell for cell, except for the differences Excel itself makes when it stores a typed value
(``EXCEL_ALLOWANCES``, each with its reason).  Any other difference is a converter bug.

The LinkData files (``#`` meta rows, ``#property`` header) are built in the ``typed`` layout only: LinkData
starts at A1 by definition, and a title above it is not LinkData any more.  The ``-sjis`` copies are left out
(a workbook has no encoding; their UTF-8 twins are here), except 柳井市's, published as CP932 only.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from converters.readers import read_tables
from opendata.convert import convert_file

from .test_columnar_equivalence import assert_same
from .test_unseen_files import EXPECTED as EXPECTED_1
from .test_unseen_files import UNSEEN
from .test_unseen_files_2 import EXPECTED as EXPECTED_2
from .test_unseen_files_3 import EXPECTED as EXPECTED_3

DATASET = {**EXPECTED_1, **EXPECTED_2, **EXPECTED_3}
# LinkData files (# meta rows, #property header) start at A1 by definition: typed layout only
LINKDATA = sorted(s for s in DATASET if "_property" in s or s == "echizen_event_linkdata")


def _has_utf8_twin(slug: str) -> bool:
    return slug.endswith("-sjis") and (UNSEEN / f"{slug[:-5]}.csv").is_file()


# a -sjis copy is left out when its UTF-8 twin is here; 柳井市's file exists as CP932 only and is read as such
SLUGS = sorted(s for s in DATASET if not _has_utf8_twin(s) and s not in LINKDATA)
LAYOUTS = ("typed", "titled", "zero_format", "offset")
CASES = [(s, lay) for s in SLUGS for lay in LAYOUTS] + [(s, "typed") for s in LINKDATA]

# --- Excel's input rules ---------------------------------------------------------------------------------------
_INT = re.compile(r"-?(?:0|[1-9]\d{0,14})")            # 15 digits: Excel's precision; longer stays as typed (')
_ZERO_LED = re.compile(r"0\d{1,14}")                    # 001, 0000000001: text unless typed with a 000 format
_DECIMAL = re.compile(r"-?\d+\.\d+")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")     # 1,290 -> 1290 shown as #,##0
_DATE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def excel_value(text: str, *, zero_format: bool = False) -> tuple[Any, str | None]:
    """(value, number format) Excel stores when ``text`` is typed into a General cell.

    Leading-zero digit strings stay text (typed with a ``'`` prefix) unless ``zero_format``: then the number is
    stored and a ``000`` format shows the zeros.  Anything Excel does not parse (full-width digits, ``8:30～17:00``,
    ``R6.4.1``, phone numbers with hyphens, text with spaces) stays text.
    """
    if _ZERO_LED.fullmatch(text):
        return (int(text), "0" * len(text)) if zero_format else (text, None)
    if _INT.fullmatch(text):
        return int(text), None
    if _DECIMAL.fullmatch(text):
        return float(text), None
    if _THOUSANDS.fullmatch(text):
        return int(text.replace(",", "")), "#,##0"
    m = _DATETIME.fullmatch(text)
    if m:
        return dt.datetime(*map(int, m.groups())), "yyyy/m/d h:mm"
    m = _DATE.fullmatch(text)
    if m:
        try:
            return dt.datetime(*map(int, m.groups())), "yyyy/m/d"
        except ValueError:
            return text, None          # 2023/2/30 is not a date: Excel keeps the text
    m = _TIME.fullmatch(text)
    if m and int(m[1]) < 24 and int(m[2]) < 60 and int(m[3] or 0) < 60:
        return dt.time(int(m[1]), int(m[2]), int(m[3] or 0)), "h:mm:ss" if m[3] else "h:mm"
    return text, None


# the offset layout shows dates in the Japanese era and times with seconds: display only, same values
OFFSET_FORMATS = {"yyyy/m/d": '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"', "h:mm": "h:mm:ss"}


def write_workbook(slug: str, path: Path, layout: str) -> Path:
    with (UNSEEN / f"{slug}.csv").open(encoding="cp932" if slug.endswith("-sjis") else "utf-8-sig", newline="") as f:
        records = list(csv.reader(f))
    width = max(len(r) for r in records)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "一覧"
    top, left = 1, 1
    if layout == "offset":
        ws.cell(1, 2, f"{slug} 一覧")
        ws.cell(2, width + 1, "令和6年4月1日現在")
        top, left = 3, 2
    elif layout != "typed":
        ws.cell(1, 1, f"{slug} 一覧（令和6年4月1日現在）")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        top = 3
    for i, record in enumerate(records):
        for j, text in enumerate(record):
            if text == "":
                continue
            value, number_format = (text, None) if i == 0 else excel_value(text, zero_format=layout == "zero_format")
            cell = ws.cell(top + i, left + j, value)
            if layout == "offset" and number_format:
                number_format = OFFSET_FORMATS.get(number_format, number_format)
            elif layout == "offset" and isinstance(value, float):
                number_format = "0." + "0" * len(text.split(".")[1])   # shows the CSV's digits, zeros too
            if number_format:
                cell.number_format = number_format
    if layout in ("titled", "zero_format"):
        ws.cell(top + len(records) + 1, 1, "※この一覧は令和6年4月1日現在のものです。")
    wb.save(path)
    return path


# --- what Excel changes, and only that ------------------------------------------------------------------------
def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if _DECIMAL.fullmatch(text) or _INT.fullmatch(text) else None
    except InvalidOperation:
        return None


def _trailing_zeros(csv_v: str, xlsx_v: str) -> bool:
    """35.659120 -> 35.65912, and 1.0 -> 1 (a whole number typed with a decimal point is stored as 1)."""
    a, b = _decimal(csv_v), _decimal(xlsx_v)
    return bool(_DECIMAL.fullmatch(csv_v)) and csv_v.endswith("0") and a is not None and a == b


def _thousands(csv_v: str, xlsx_v: str) -> bool:
    return bool(_THOUSANDS.fullmatch(csv_v)) and csv_v.replace(",", "") == xlsx_v


def _fifteen_digits(csv_v: str, xlsx_v: str) -> bool:
    """34.344356374684175 -> 34.3443563746842: Excel keeps 15 significant digits of a number typed into a cell."""
    if not _DECIMAL.fullmatch(csv_v) or len(csv_v.lstrip("-").replace(".", "").lstrip("0")) <= 15:
        return False
    return _decimal(xlsx_v) == Decimal(f"{float(csv_v):.15g}")


EXCEL_ALLOWANCES: dict[str, tuple[Callable[[str, str], bool], str]] = {
    # 35.659120 (日野市, 江東区, 今治市 meqqe, 医療情報ネット): a decimal typed into a cell is stored as a
    # double; Excel keeps no trailing zeros (only a display format could show them, and the value read is the
    # number).  Same coordinate, so nothing is lost.
    "decimal-trailing-zeros": (_trailing_zeros, "Excel stores the number; trailing zeros are not kept"),
    # 1,290 (栃木県 想定収容人数, a text item in 2026/evacuation_space, so the CSV's text is kept as written):
    # Excel stores 1290 and shows the comma through #,##0.  The stored number is the value, and a number
    # without the separator is what the standard wants anyway.
    "thousands-separator": (_thousands, "Excel stores 1290; the comma is only its #,##0 display format"),
    # 34.344356374684175 (高松市's event list: coordinates with 17 significant digits): Excel keeps 15 significant
    # digits of a typed number (34.3443563746842); the difference is below a millimetre.
    "fifteen-digits": (_fifteen_digits, "Excel keeps 15 significant digits of a typed number"),
}


def excel_allowance(csv_v: str, xlsx_v: str) -> str | None:
    for name, (fits, _reason) in EXCEL_ALLOWANCES.items():
        if fits(csv_v, xlsx_v):
            return name
    return None


# --- converting ------------------------------------------------------------------------------------------------
_CACHE: dict[tuple[str, str], tuple[dict[str, Any] | None, list[list[str]], dict[str, Any]]] = {}


def _convert(src: Path, dataset: str) -> tuple[dict[str, Any] | None, list[list[str]], dict[str, Any]]:
    o = convert_file(src, src.parent / f"out-{src.suffix[1:]}", dataset=dataset, keep_logs=True)
    if o.result is None:
        return o.error, [], {}
    r = o.result
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    table = dict(r.table)
    r.cleanup()
    return None, rows, table


def converted(slug: str, layout: str, tmp: Path) -> tuple[dict[str, Any] | None, list[list[str]], dict[str, Any]]:
    """``layout`` = ``csv`` for the fixture itself."""
    key = (slug, layout)
    if key not in _CACHE:
        work = tmp / f"{slug}-{layout}"
        work.mkdir(parents=True)
        if layout == "csv":
            src = work / f"{slug}.csv"
            shutil.copyfile(UNSEEN / f"{slug}.csv", src)
        else:
            src = write_workbook(slug, work / f"{slug}.xlsx", layout)
        _CACHE[key] = _convert(src, DATASET[slug])
    return _CACHE[key]


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("real-as-xlsx")


# --- the comparison ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("slug", "layout"), CASES)
def test_workbook_converts_like_the_csv(slug: str, layout: str, tmp: Path) -> None:
    e1, a, _ = converted(slug, "csv", tmp)
    e2, b, _ = converted(slug, layout, tmp)
    assert e1 is None, e1
    assert e2 is None, e2
    assert a[0] == b[0], "output header differs"
    assert len(a) == len(b), f"{len(a) - 1} rows from the CSV, {len(b) - 1} from the workbook"
    unexplained = []
    for i, (ra, rb) in enumerate(zip(a[1:], b[1:], strict=True), start=1):
        for name, x, y in zip(a[0], ra, rb, strict=True):
            if x != y and excel_allowance(x, y) is None:
                unexplained.append(f"output row {i} {name}: csv={x!r} xlsx={y!r}")
    assert not unexplained, "\n".join(unexplained[:20])


def test_allowances_are_used(tmp: Path) -> None:
    """Each allowance explains a difference some fixture really shows (none is kept for nothing)."""
    used: set[str] = set()
    for slug in SLUGS:
        e1, a, _ = converted(slug, "csv", tmp)
        e2, b, _ = converted(slug, "typed", tmp)
        if e1 or e2 or len(a) != len(b):
            continue
        for ra, rb in zip(a[1:], b[1:], strict=True):
            for x, y in zip(ra, rb, strict=True):
                if x != y and (name := excel_allowance(x, y)):
                    used.add(name)
    assert used == set(EXCEL_ALLOWANCES)


def test_zero_padded_ids_are_read_as_shown(tmp: Path) -> None:
    """浜松市's ID 001 and 目黒区's NO 0000000001, typed as numbers with 000 formats: read as the text Excel
    shows (and a CSV export writes), with a ``zero-padded`` note."""
    for slug, column, first in (("hamamatsu_hinanjo", "ID", "001"), ("meguro_aed_v1", "NO", "0000000001")):
        _, rows, table = converted(slug, "zero_format", tmp)
        assert rows[1][rows[0].index(column)] == first
        notes = [n for n in table.get("notes", []) if n.get("code") == "zero-padded"]
        assert notes and notes[0]["value"] == first, table.get("notes")


def test_zero_padding_format_rules(tmp: Path) -> None:
    """Only a format made of zeros pads; a code typed as 12025 under ``000000`` reads 012025; the same number
    under General, or a decimal / negative number under ``000``, is left alone."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["団体コード", "ID", "名称", "件数"])
    for i, (code, fmt) in enumerate([(12025, "000000"), (12025, "General"), (131016, "000000"),
                                     (12025, "[Blue]000000"), (12025, "000000;-000000")], start=1):
        ws.append([code, i, f"施設{i}", 1.5 if i == 2 else -3 if i == 3 else 7])
        ws.cell(i + 1, 1).number_format = fmt
        ws.cell(i + 1, 2).number_format = "000"
        ws.cell(i + 1, 4).number_format = "000"
    path = tmp / "zero_pad_rules.xlsx"
    wb.save(path)
    (t,) = read_tables(path)
    rows = [r.values for r in t.rows]
    assert [r[0] for r in rows] == ["012025", 12025, "131016", "012025", "012025"]
    assert [r[1] for r in rows] == ["001", "002", "003", "004", "005"]
    assert [r[3] for r in rows] == ["007", 1.5, -3, "007", "007"]
    codes = {(n.code, n.column) for n in t.notes}
    assert {("zero-padded", 1), ("zero-padded", 2), ("zero-padded", 4)} <= codes


@pytest.mark.parametrize("slug", ["hamamatsu_hinanjo", "tochigi_evacuation_gsi", "hino_public_toilet",
                                  "tokyo_kyoten_hospital", "tokyo_historic_sites"])
def test_both_engines_agree_on_typed_workbooks(slug: str, tmp: Path) -> None:
    work = tmp / f"engines-{slug}"
    work.mkdir()
    src = write_workbook(slug, work / f"{slug}.xlsx", "zero_format")
    assert_same(src, dataset=DATASET[slug])
