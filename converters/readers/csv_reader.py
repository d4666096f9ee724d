"""CSV / TSV reader.

Decides, and notes: the encoding (whole file, ``encoding.detect_encoding``), the delimiter and
quoting (``csv_shape.sniff_delimiter``), the header row(s) (LinkData ``#property`` row, or the
first header-like row of the first records, with title rows above it skipped), the width (the
widest record of the whole file, so extra values get '' names instead of being dropped).

Rows are produced lazily: ``SourceTable.rows`` is a re-iterable object that reopens the file and
streams records through ``csv.reader``, so a million-row file reads with flat memory.  Blank,
note (※/注/出典), total (合計/計) and repeated-header records met while streaming are appended to
``SourceTable.skipped`` (complete once the rows have been iterated), and so is a footer: the last
records of the file after a blank line that are short and do not fit the columns (``footer.py``; held
back at most ``FOOTER_MAX`` records at a time, and reported in a note).  ``SourceRow.number`` is the
record number as a spreadsheet shows it (the first record is 1; a quoted cell with line breaks
is one record).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .base import SAMPLE_ROWS, CellValue, ReadNote, ReadOptions, SkippedRow, SourceRow, SourceTable
from .cells import SUSPECT_START, classify_row, column_letter, is_blank_row, row_text
from .csv_shape import delimiter_name, field_counts, sniff_delimiter
from .encoding import (
    EncodingInfo,
    UndecodableError,
    detect_encoding,
    provisional_encoding,
    whole_file_decodes,
)
from .errors import read_error
from .footer import FOOTER_MAX, FooterTest
from .header import HeaderFinder, headerless_note
from .linkdata import detect as detect_linkdata
from .notes import footer_note, header_notes, skipped_notes

HEAD_CHARS = 256 * 1024
HEAD_RECORDS = 60
FIELD_LIMIT = 64 * 1024 * 1024
_SEP_LINE = re.compile(r"\ufeff?sep=([,;\t|])\r?\n", re.IGNORECASE)   # Excel's dialect hint line
_ASCII_COMPATIBLE = {"utf-8", "utf-8-sig", "cp932", "euc_jp", "shift_jis"}


@dataclass
class Plan:
    """Everything decided before streaming (0-based record indices)."""

    header_first: int
    header_last: int
    data_first: int
    data_last: int | None
    c0: int
    c1: int
    header: list[str]
    header_cells: list[str] = field(default_factory=list)   # the last header record, to spot repeats
    marker_column: bool = False                             # LinkData: column A left out
    footer: FooterTest | None = None                        # the test for a footer below the table (footer.py)


def _encoding(path: Path, options: ReadOptions) -> EncodingInfo:
    if options.encoding:
        try:
            name = codecs.lookup(options.encoding).name
        except LookupError as e:
            raise read_error("undecodable", message_ja=f"文字コード「{options.encoding}」は使えません。",
                             message_en=f"unknown encoding {options.encoding!r}") from e
        name = {"shift_jis": "cp932", "euc-jp": "euc_jp", "utf-8": "utf-8"}.get(name, name)
        with path.open("rb") as f:
            bom = f.read(3) == codecs.BOM_UTF8
        if name == "utf-8" and bom:
            name = "utf-8-sig"
        ok, off = whole_file_decodes(path, name)
        if not ok:
            # a recipe's encoding was last month's file's: this one was saved otherwise (decide from the file)
            info = _detect(path)
            where = "先頭から" if not off else f"{off}バイト目以降を"
            info.reason_ja = f"指定された文字コード（{name}）では{where}読めないため、ファイル全体から判定しなおしました。" + info.reason_ja
            info.reason_en = f"the file does not decode as {name} (byte {off}), as specified; decided again: " + info.reason_en
            return info
        info = EncodingInfo(name, bom, f"指定どおり{name}として読みます", f"{name}, as specified")
        info.size = path.stat().st_size
        return info
    return _detect(path)


def _detect(path: Path) -> EncodingInfo:
    try:
        return detect_encoding(path)
    except UndecodableError as e:
        raise read_error("undecodable", message_ja=e.message_ja, message_en=e.message_en) from e


def _head(path: Path, enc: str) -> str:
    with path.open("r", encoding=enc, errors="replace", newline="") as f:
        return f.read(HEAD_CHARS)


def _check_text(head: str) -> None:
    if not head.strip(" \t\r\n\u3000\ufeff"):
        raise read_error("empty")
    sample = head[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\x0c\x1a")
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise read_error("binary")


def _reader(f: io.TextIOBase, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(f, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)  # type: ignore[arg-type]


def _head_records(path: Path, enc: str, delimiter: str, limit: int = HEAD_RECORDS, extra: int = 0) -> list[list[str]]:
    """The first ``limit`` records, then up to ``extra`` more (the detection sample: a malformed record there
    only ends the read; streaming the rows reports it)."""
    out: list[list[str]] = []
    with path.open("r", encoding=enc, errors="replace", newline="") as f:
        try:
            for rec in _reader(f, delimiter):
                out.append(rec)
                if len(out) >= limit + extra:
                    break
        except csv.Error as e:
            if len(out) < limit:
                raise read_error("csv-malformed", record=len(out) + 1, detail=str(e)) from e
    return out


def _plan(head: list[list[str]], width: int, options: ReadOptions) -> tuple[Plan, list[ReadNote], list[tuple[int, str]]]:
    """Header rows, data start and columns from the first records; options fix any of them."""
    grid: list[list[CellValue]] = [[*r, *([""] * (width - len(r)))] for r in head]
    c0, c1 = (options.columns[0] - 1, options.columns[1] - 1) if options.columns else (0, width - 1)
    notes: list[ReadNote] = []
    skipped: list[tuple[int, str]] = []
    ld = detect_linkdata(grid)
    if ld is not None:
        notes.extend(ld.notes)
        skipped.extend((r, "linkdata-meta") for r in ld.meta_rows)
        if not options.columns:
            c0 = ld.c0
        first = last = ld.property_row
        if options.header_rows:
            first, last = options.header_rows[0] - 1, options.header_rows[1] - 1
        header = _slice_names(ld.header, ld.c0, c0, c1)
        plan = Plan(first, last, ld.data_start, None, c0, c1, header, marker_column=ld.strip_marker and c0 >= 1)
        return _apply_data_rows(plan, options), notes, skipped
    hf = HeaderFinder(grid, c0, c1)
    nonblank = [i for i in range(len(grid)) if not hf.blank(i)]
    record: list[str] | None = None        # the first record where the header was expected (no header row)
    data_first = nonblank[0] if nonblank else 0
    if options.header_rows:
        a, b = options.header_rows
        first, last = (a - 1, b - 1) if a > 0 else (-1, -1)
    elif not nonblank:
        first = last = -1
    else:
        top = nonblank[0]
        found = hf.find(top)
        if found is not None and found[0] > top:
            above = [i for i in nonblank if i < found[0]]
            if any(hf.count(i) > max(1, (c1 - c0 + 1) // 3) for i in above):
                found = None      # the rows above look like data, not titles: trust the first record
        first, last = found if found is not None else (top, top)
        record = hf.record_values(first) if first == last else None
        if record is not None:
            data_first, first, last = first, -1, -1
        elif found is None and (rec := hf.first_record(top)) is not None:
            # no header-like row at all (records of numbers and coordinates), titles above them
            (data_first, record), first, last = rec, -1, -1
    if first >= 0:
        guess = hf.names(first, last)
        header = guess.names
        notes.extend(guess.notes)
        header_cells = [str(v) for v in grid[last][c0:c1 + 1]]
        skipped.extend((i, "title") for i in nonblank if i < first)
        data_first = last + 1
    else:
        header = [column_letter(j) for j in range(c0, c1 + 1)]
        header_cells = []
        given = "（指定どおり）" if options.header_rows else ""
        notes.append(headerless_note(data_first, record) if record is not None else ReadNote(
            "no-header", f"見出し行がないため{given}、列名を列記号（A, B, …）にしました",
            "no header row" + (" (as specified)" if given else "") + ": columns are named by their letters (A, B, …)"))
    plan = _apply_data_rows(Plan(first, last, data_first, None, c0, c1, header, header_cells), options)
    if first < 0:
        # no header row: the records above the data (a title, or rows a recipe starts below) are listed
        skipped.extend((i, "title") for i in nonblank if i < plan.data_first)
    return plan, notes, skipped


def _slice_names(names: list[str], n0: int, c0: int, c1: int) -> list[str]:
    full = {n0 + j: n for j, n in enumerate(names)}
    return [full.get(c, "") for c in range(c0, c1 + 1)]


def _apply_data_rows(p: Plan, options: ReadOptions) -> Plan:
    if options.data_rows:
        a, b = options.data_rows
        p.data_first = a - 1
        p.data_last = None if b is None else b - 1
    return p


class CsvRows:
    """Re-iterable, lazy rows of one CSV table."""

    def __init__(self, table: SourceTable, path: Path, encoding: str, delimiter: str, plan: Plan):
        self.table, self.path, self.encoding, self.delimiter, self.plan = table, path, encoding, delimiter, plan
        self._recorded: set[int] = {s.number for s in table.skipped}
        self._noted: set[str] = set()

    def _skip(self, number: int, reason: str, rec: list[str]) -> None:
        if number not in self._recorded:
            self._recorded.add(number)
            self.table.skipped.append(SkippedRow(number, reason, row_text(rec)))

    def _note_once(self, key: str, note: ReadNote) -> None:
        if key not in self._noted and not any(n.code == note.code and n.value == note.value for n in self.table.notes):
            self._noted.add(key)
            self.table.notes.append(note)

    def _release(self, held: list[tuple[int, list[CellValue], list[str], str]]) -> Iterator[SourceRow]:
        """Records held back as a possible footer that were not one: read as they would have been."""
        for number, vals, rec, what in held:
            if what:
                self._skip(number, what, rec)
            else:
                yield SourceRow(number, vals)

    def _footer(self, held: list[tuple[int, str, list[str]]]) -> None:
        """The records still held back at the end of the file: the footer, skipped and reported.
        (number, reason the record had when read, the record); shared with the columnar engine."""
        for number, what, rec in held:
            self._skip(number, what or "note", rec)
        self._note_once("footer", footer_note([n for n, _, _ in held], row_text(held[0][2])))

    def __iter__(self) -> Iterator[SourceRow]:
        p = self.plan
        header = self.table.header
        c0 = p.c0
        hc = p.header_cells
        first_hc = hc[0] if hc else None
        width = len(header)
        sus = SUSPECT_START
        footer = p.footer if p.data_last is None else None
        watch = footer is not None          # a blank record starts holding records back (footer.py)
        after_blank = False
        held: list[tuple[int, list[CellValue], list[str], str]] = []
        with self.path.open("r", encoding=self.encoding, newline="") as f:
            reader = _reader(f, self.delimiter)
            number = 0
            while True:
                try:
                    rec = next(reader)
                except StopIteration:
                    break
                except csv.Error as e:
                    raise read_error("csv-malformed", record=number + 1, detail=str(e)) from e
                except UnicodeDecodeError as e:
                    raise read_error("undecodable", message_ja=f"{number + 1}行目付近が{self.encoding}として読めません。",
                                     message_en=f"record {number + 1} does not decode as {self.encoding}") from e
                number += 1
                if number <= p.data_first:
                    continue
                if p.data_last is not None and number > p.data_last + 1:
                    break
                if not rec:
                    self._skip(number, "blank", rec)
                    after_blank = watch
                    continue
                if p.marker_column:
                    marker = rec[0].strip() if rec else ""
                    if marker and not marker.isdigit():
                        self._note_once(f"marker{number}", ReadNote(
                            "linkdata-marker-value",
                            f"{number}行目のA列（LinkDataの行番号の列）に「{marker}」があります（表の列には含めていません）",
                            f"record {number}: column A (LinkData row numbers) holds {marker!r} (not part of the table)",
                            row=number, column=1, value=marker))
                vals: list[CellValue] = rec[c0:] if c0 else rec  # type: ignore[assignment]
                if self.table.layout.get("columns") and len(vals) > p.c1 - c0 + 1:
                    vals = vals[: p.c1 - c0 + 1]
                if len(vals) > len(header):
                    extra = len(vals) - len(header)
                    header.extend([""] * extra)
                    self.table.columns.extend(range(len(self.table.columns) + c0 + 1,
                                                    len(self.table.columns) + c0 + 1 + extra))
                    self._note_once(f"wide{number}", ReadNote(
                        "extra-columns",
                        f"{number}行目は見出しより列が多いため、見出しのない列（名前は空）を{extra}列加えました",
                        f"record {number} has more fields than the header: {extra} unnamed column(s) added",
                        row=number, value=str(len(vals))))
                elif len(vals) < len(header):
                    vals.extend([""] * (len(header) - len(vals)))
                what: str | None = None
                if first_hc is not None and vals and vals[0] == first_hc and vals[:len(hc)] == hc:
                    what = "header-repeat"
                elif len(vals) >= 3:
                    a, b, c = vals[0], vals[1], vals[2]
                    # the fast path: three plain first cells make a data row (what classify_row would say)
                    if (a and b and c and a[0] not in sus and b[0] not in sus and c[0] not in sus  # type: ignore[index]
                            and "計" not in a and "計" not in b and "計" not in c):  # type: ignore[operator]
                        what = ""
                if what is None:
                    what = classify_row(vals, width)
                if after_blank and what != "blank" and what != "note":
                    if len(held) < FOOTER_MAX and footer is not None and footer.looks_like_footer(vals):
                        held.append((number, vals, rec, what))
                        continue
                    if held:
                        yield from self._release(held)
                        held = []
                    after_blank = False
                if what:
                    self._skip(number, what, rec)
                    if what == "blank":
                        after_blank = watch
                    continue
                yield SourceRow(number, vals)
        if held:
            self._footer([(number, what, rec) for number, _, rec, what in held])
        self.table.skipped.sort(key=lambda s: s.number)


def read_csv(path: str | Path, options: ReadOptions | None = None, fmt_note: ReadNote | None = None, *,
             background: bool = False) -> SourceTable:
    """Read a CSV file's layout; its rows stream when iterated.

    ``background``: the whole-file passes (the encoding, the fields per record) may run in a second process
    (converters.readers.whole_file) while the caller converts; the caller must then call
    ``table.pending.settle()`` before keeping anything (it raises ReadRestart when the guess was wrong) or
    ``table.pending.cancel()``."""
    p = Path(path)
    options = options or ReadOptions()
    if p.stat().st_size == 0:
        raise read_error("empty")
    info: EncodingInfo | None = None
    if background and not options.encoding:
        from .whole_file import wanted

        if wanted(p):
            info = provisional_encoding(p)
    provisional = info is not None
    if info is None:
        info = _encoding(p, options)
    head = _head(p, info.encoding)
    _check_text(head)
    csv.field_size_limit(min(FIELD_LIMIT, sys.maxsize))
    notes: list[ReadNote] = [_encoding_note(info)]
    if fmt_note is not None:
        notes.append(fmt_note)
    prefer = "\t" if p.suffix.lower() in (".tsv", ".tab") else None
    sep_line = _SEP_LINE.match(head)
    if options.delimiter or sep_line:
        delimiter = options.delimiter or (sep_line.group(1) if sep_line else ",")
        delimiter = "\t" if delimiter in ("\\t", "tab", "TAB") else delimiter
        ja, en = delimiter_name(delimiter)
        if options.delimiter:
            notes.append(ReadNote("delimiter", f"区切り文字: {ja}（指定どおり）", f"delimiter: {en} (as specified)",
                                  value=delimiter))
        else:
            notes.append(ReadNote("delimiter", f"区切り文字: {ja}（1行目の「sep=」の指定による）",
                                  f"delimiter: {en} (from the 'sep=' first line)", value=delimiter))
        quoted = "some" if '"' in head[:65536] else "none"
    else:
        guess = sniff_delimiter(head, prefer)
        delimiter = guess.delimiter
        quoted = guess.quoted
        ja, en = delimiter_name(delimiter)
        notes.append(ReadNote(
            "delimiter",
            f"区切り文字: {ja}（最初の行で、引用符の外の{ja}の数が{guess.consistency:.0%}の行で同じ{guess.fields - 1}個）",
            f"delimiter: {en} (outside quotes, {guess.consistency:.0%} of the first records have "
            f"{guess.fields - 1} of them)", value=delimiter))
    if quoted != "none":
        notes.append(ReadNote("quoting",
                              "値が二重引用符（\"）で囲まれています" + ("（すべての値）" if quoted == "all" else "（一部の値）"),
                              'values are quoted with double quotes (' + ("all" if quoted == "all" else "some") + ")",
                              value=quoted))
    checks = None
    if provisional and info.encoding in _ASCII_COMPATIBLE and len(delimiter) == 1:
        from .whole_file import WholeFileChecks

        checks = WholeFileChecks(p, delimiter, 3 if info.bom else 0)
        if checks.proc is None:
            checks = None
    if provisional and checks is None:      # the guess cannot be checked in the background: the passes now
        info = _encoding(p, options)
        notes[0] = _encoding_note(info)
    le_at = len(notes)
    notes.extend(_line_ending_notes(info))
    forced_last = options.header_rows[1] if options.header_rows else 0
    n_plan = max(HEAD_RECORDS, forced_last + 5)
    # one read of the first records: the first n_plan decide the layout, the rest only fill the detection sample
    read = _head_records(p, info.encoding, delimiter, n_plan, extra=SAMPLE_ROWS)
    records = read[:n_plan]
    if not records or all(is_blank_row(r) for r in records):
        raise read_error("empty")
    if forced_last > len(records):
        raise read_error("no-table")
    try:
        if checks is not None:
            hist: Counter[int] = Counter()        # known when the checks answer (PendingChecks.settle)
        elif info.encoding in _ASCII_COMPATIBLE and len(delimiter) == 1:
            hist = field_counts(p, delimiter, skip=3 if info.bom else 0)
        else:
            hist = _python_field_counts(p, info.encoding, delimiter)
    except BaseException:
        if checks is not None:
            checks.cancel()
        raise
    width = max([*(len(r) for r in records), *hist.keys()])
    plan, plan_notes, plan_skipped = _plan(records, width, options)
    notes.extend(plan_notes)
    skipped = [SkippedRow(r + 1, why, row_text(records[r])) for r, why in plan_skipped]
    notes.extend(n for n in skipped_notes(records, plan_skipped, 0, width - 1))
    header = plan.header
    if plan.data_last is None:
        c1 = min(plan.c1, width - 1) if options.columns else width - 1
        plan.footer = FooterTest.from_records([r[plan.c0:c1 + 1] for r in records[plan.data_first:]], len(header),
                                              plan.header_cells)
    header_len = len(records[plan.header_last]) if 0 <= plan.header_last < len(records) else width
    shape_at = len(notes)
    notes.extend(_shape_notes(hist, header_len, width, plan.header_first >= 0))
    if plan.header_first >= 0:
        notes.extend(header_notes(header, plan.c0, named_width=header_len - plan.c0))
    layout: dict[str, object] = {
        "encoding": info.encoding, "delimiter": delimiter,
        "header_rows": [plan.header_first + 1, plan.header_last + 1] if plan.header_first >= 0 else [0, 0],
        "data_rows": [plan.data_first + 1, None if plan.data_last is None else plan.data_last + 1],
    }
    if options.columns:
        layout["columns"] = list(options.columns)
    table = SourceTable(
        source=str(p), sheet=None, header=header, rows=[],
        header_rows=((plan.header_first + 1, plan.header_last + 1) if plan.header_first >= 0 else (0, 0)),
        columns=list(range(plan.c0 + 1, plan.c0 + len(header) + 1)), notes=notes, skipped=skipped,
        encoding=info.to_dict(), layout=layout, sample=_sample(read, plan, len(header)))
    table.rows = CsvRows(table, p, info.encoding, delimiter, plan)
    if checks is not None:
        table.pending = PendingChecks(checks, table, info.encoding, width, records, header_len,
                                      plan.header_first >= 0, le_at, shape_at)
    return table


def _encoding_note(info: EncodingInfo) -> ReadNote:
    return ReadNote("encoding", f"文字コード: {info.label}（{info.reason_ja}）",
                    f"encoding: {info.label_en} ({info.reason_en})", value=info.encoding)


def _line_ending_notes(info: EncodingInfo) -> list[ReadNote]:
    le = info.line_endings
    kinds = [k for k, v in le.items() if v]
    if len(kinds) > 1:
        return [ReadNote("line-endings", f"改行コードが混在しています（{le}）", f"mixed line endings ({le})",
                         value=str(le))]
    return []


def _shape_notes(hist: Counter[int], header_len: int, width: int, has_header: bool) -> list[ReadNote]:
    out: list[ReadNote] = []
    short = sum(v for k, v in hist.items() if 1 < k < header_len)
    wide = sum(v for k, v in hist.items() if k > header_len)
    if short:
        out.append(ReadNote("short-rows", f"見出しより列の少ない行が{short}行あります（足りない列は空として読みます）",
                            f"{short} record(s) have fewer fields than the header (missing fields read as empty)",
                            value=str(short)))
    if wide and has_header:
        extra = width - header_len
        out.append(ReadNote("extra-columns",
                            f"見出しより列の多い行が{wide}行あるため、見出しのない列（名前は空）を{extra}列加えました",
                            f"{wide} record(s) have more fields than the header: {extra} unnamed column(s) added",
                            value=str(extra)))
    return out


class PendingChecks:
    """A CSV table read with its whole-file passes still running (converters.readers.whole_file)."""

    def __init__(self, checks: Any, table: SourceTable, codec: str, width: int, records: list[list[str]],
                 header_len: int, has_header: bool, le_at: int, shape_at: int):
        self.checks, self.table, self.codec, self.width = checks, table, codec, width
        self.records, self.header_len, self.has_header = records, header_len, has_header
        self.le_at, self.shape_at = le_at, shape_at

    def settle(self) -> None:
        """Complete the table with the passes' answers; raises ReadRestart when they differ from the guess
        (another codec, no codec at all, or a record wider than the first ones)."""
        from .errors import ReadRestart

        self.table.pending = None
        answer = self.checks.answer()
        if answer is None:
            raise ReadRestart("the whole-file checks gave no answer")
        info, hist = answer
        if info is None or info.encoding != self.codec:
            raise ReadRestart("the whole file reads in another encoding")
        if max([*(len(r) for r in self.records), *hist.keys()]) != self.width:
            raise ReadRestart("a record is wider than the first ones")
        notes = self.table.notes
        # in place, as read_csv would have written them (notes added since come after both places)
        notes[self.shape_at:self.shape_at] = _shape_notes(hist, self.header_len, self.width, self.has_header)
        notes[self.le_at:self.le_at] = _line_ending_notes(info)
        notes[0] = _encoding_note(info)
        self.table.encoding = info.to_dict()

    def cancel(self) -> None:
        self.table.pending = None
        self.checks.cancel()


def _sample(read: list[list[str]], plan: Plan, width: int) -> list[list[CellValue]]:
    """The first data rows among the records already read (at most SAMPLE_ROWS), as ``CsvRows`` would give
    them (blank, note, total and repeated header records left out): the values dataset detection looks at."""
    stop = None if plan.data_last is None else plan.data_last + 1
    out: list[list[CellValue]] = []
    for rec in read[plan.data_first:stop]:
        vals: list[CellValue] = [*rec[plan.c0:plan.c0 + width]]
        vals.extend([""] * (width - len(vals)))
        if (plan.header_cells and vals[:len(plan.header_cells)] == plan.header_cells) or classify_row(vals, width):
            continue
        out.append(vals)
        if len(out) >= SAMPLE_ROWS:
            break
    return out


def _python_field_counts(path: Path, enc: str, delimiter: str) -> Counter[int]:
    hist: Counter[int] = Counter()
    with path.open("r", encoding=enc, errors="replace", newline="") as f:
        try:
            for rec in _reader(f, delimiter):
                hist[max(1, len(rec))] += 1
        except csv.Error as e:
            raise read_error("csv-malformed", record=sum(hist.values()) + 1, detail=str(e)) from e
    return hist

