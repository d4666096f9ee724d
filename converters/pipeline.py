"""Convert one legacy file into the standard CSV of its dataset, streaming, with a full change log.

read (converters.readers) → choose the table → detect the dataset → map headers (converters.mapping)
→ per row: normalise every value (converters.steps), derive items (address split, 地方公共団体名,
codes, coordinates) → write ``{code}_{slug}.csv`` (UTF-8, CRLF, optional BOM) atomically.

Nothing is lost: every non-empty source cell either lands in the output (possibly transformed, the
transformation logged with its before/after), or is listed in the report (unmapped columns with
their values' count and samples, skipped rows), or is appended to 備考 when asked.  The accounting
is in ``ConversionResult.accounting`` and tests assert it balances.

Validation of the output is not done here (layering: ``opendata`` validates); ``opendata.convert``
orchestrates both.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

import schemas
from converters.jp.address import file_prefecture, record_locality
from converters.jp.checkdigit import is_valid_localgov_code
from converters.jp.localgov import by_code
from converters.mapping import (
    ADDRESS_PARTS,
    DatasetGuess,
    FieldMapping,
    Mapping,
    address_fields,
    auto_map,
    best_dataset,
    detect_dataset,
)
from converters.readers.base import (
    ReadError,
    ReadNote,
    ReadOptions,
    ReadRestart,
    SourceRow,
    SourceTable,
    sample_values,
)
from converters.recipe import Recipe
from converters.steps.base import FieldSpec, StepContext

MAX_SAMPLES = 5
REMARKS = "備考"


class ConversionError(Exception):
    """The conversion cannot start (unreadable input, unknown dataset …).  Nothing was written."""

    def __init__(self, code: str, message_ja: str, message_en: str, details: dict[str, Any] | None = None):
        super().__init__(message_en)
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en
        self.details = details or {}


@dataclass
class ConvertOptions:
    dataset: str | None = None
    publisher_code: str | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    mapping: dict[str, dict[str, Any]] | None = None      # recipe mapping (complete when from a recipe)
    ignore: list[str] = field(default_factory=list)
    disabled_steps: set[str] = field(default_factory=set)
    extra_to_remarks: bool = False
    bom: bool = False
    fill_code: bool = True
    schema_file: str | None = None                        # a city's own Table Schema (dataset with no standard)
    reshape: dict[str, Any] | None = None                 # e.g. {"unpivot": {...}} (converters.reshape)
    markers: str = ""                                     # decoration characters to strip (★☆), moved to 備考
    progress: Callable[[int], None] | None = None         # called with the number of rows done
    engine: str = "auto"                                  # auto | rows | columnar (converters.pipeline_columnar)
    output_observer: OutputObserver | None = None         # told as the output grows (columnar engine only)

    @classmethod
    def from_recipe(cls, r: Recipe, **over: Any) -> ConvertOptions:
        o = cls(dataset=r.dataset, publisher_code=r.publisher_code, read=ReadOptions.from_dict(r.read),
                mapping={**r.mapping, "__complete__": {}}, ignore=list(r.ignore),
                disabled_steps=set(r.disabled_steps),
                extra_to_remarks=bool(r.options.get("extra_to_remarks", False)),
                bom=bool(r.options.get("bom", False)), fill_code=bool(r.options.get("fill_code", True)),
                schema_file=r.schema, reshape=r.reshape or None, markers=str(r.options.get("markers", "")))
        for k, v in over.items():
            if v is not None:
                setattr(o, k, v)
        return o


@dataclass
class ConversionResult:
    input: str
    output: Path
    schema_id: str
    guess: dict[str, Any] | None
    table: dict[str, Any]                  # sheet, layout, notes, skipped rows, encoding, other tables
    mapping: list[dict[str, Any]]          # per target item: source, method, score
    unmapped: list[dict[str, Any]]         # source columns not converted: header, non-empty count, samples
    rows_in: int
    rows_out: int
    change_counts: dict[str, int]          # per step
    changes_path: Path                     # JSON lines: {row, column, field, source, before, after, step, note_ja, note_en}
    issues_path: Path                      # JSON lines: {row, column, field, value, code, message_ja, message_en}
    issue_counts: dict[str, int]
    accounting: dict[str, int]
    recipe: Recipe
    publisher_code: str | None
    engine: str = "rows"                   # the engine that converted the rows (not part of the report)
    engine_note: str | None = None         # why the columnar engine was not used
    split: str | None = None               # a second process's part: "merged", or why it was converted here again

    def output_encoding(self) -> Any:
        """``detect_encoding``'s decision on the output (an ``EncodingInfo``) without reading it again."""
        return written_output_encoding(self.output, self.rows_out)

    def cleanup(self) -> None:
        """Remove the temporary change log (after the report has been written or stored)."""
        shutil.rmtree(self.changes_path.parent, ignore_errors=True)

    def iter_changes(self) -> Iterator[dict[str, Any]]:
        yield from _iter_jsonl(self.changes_path)

    def iter_issues(self) -> Iterator[dict[str, Any]]:
        yield from _iter_jsonl(self.issues_path)


def _iter_jsonl(p: Path) -> Iterator[dict[str, Any]]:
    with p.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _s(v: Any) -> str:
    """A cell value as text for logging and for the CSV (dates and numbers from Excel included)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "isoformat") and not isinstance(v, str):
        return str(v.isoformat())
    return str(v)


def _nonempty(v: Any) -> bool:
    return v is not None and _s(v).strip() != ""


# --- choosing the table and the dataset -------------------------------------------------------------
def headerless(table: SourceTable) -> bool:
    """The table has no header row (the readers name its columns by their letters): map it by its values."""
    return tuple(table.header_rows) == (0, 0)


def _choose(tables: list[SourceTable], opts: ConvertOptions, input_path: Path) -> tuple[SourceTable, str, DatasetGuess | None]:
    """The table to convert and its dataset.  A recipe's ``read.table_index`` was applied by the reader (it keeps
    only that table of each sheet), so it is not applied here again."""
    from converters.mapping import prefer_generation  # noqa: F401  (documented choice point)

    hints_base = [input_path.name]
    if opts.schema_file:
        try:
            opts.dataset = schemas.load_file(opts.schema_file)
        except (OSError, ValueError) as e:
            raise ConversionError("schema-invalid", f"スキーマ「{opts.schema_file}」を読めません（{e}）。",
                                  f"cannot read schema {opts.schema_file}: {e}") from e
    if opts.dataset and opts.dataset.startswith("city/"):
        try:
            schemas.load(opts.dataset)
        except KeyError:
            raise ConversionError("dataset-unknown", f"市独自のスキーマ「{opts.dataset}」が読み込まれていません（--schema で指定してください）。",
                                  f"city schema {opts.dataset} is not loaded; pass --schema") from None
        return tables[0], opts.dataset, None
    if opts.dataset:
        from converters.mapping import resolve_schema_id

        sid = resolve_schema_id(opts.dataset, tables[0].header if tables else None)
        if sid is None:
            from converters.mapping import suggest_datasets

            near = suggest_datasets(opts.dataset)
            hint_ja = f"（近い名前: {'、'.join(near)}）" if near else ""
            hint_en = f" (close: {', '.join(near)})" if near else ""
            raise ConversionError("dataset-unknown", f"データセット「{opts.dataset}」は見つかりません{hint_ja}。"
                                  "opendata schemas list で一覧を確認してください。",
                                  f"unknown dataset {opts.dataset}{hint_en}", {"suggestions": near})
        if len(tables) == 1:
            return tables[0], sid, None
        scored = [(detect_dataset(t.header, only=[sid], values=sample_values(t) if headerless(t) else None,
                                  headerless=headerless(t))[0].score, i) for i, t in enumerate(tables)]
        best = max(scored)[1]
        return tables[best], sid, None
    best_pair: tuple[float, int, DatasetGuess] | None = None
    for i, t in enumerate(tables):
        hints = [*hints_base, t.sheet or "", *[s.text for s in t.skipped[:5]]]
        g = best_dataset(t.header, hints=hints, values=sample_values(t), headerless=headerless(t))
        if g and (best_pair is None or g.score > best_pair[0]):
            best_pair = (g.score, i, g)
    if best_pair is None or not best_pair[2].accepted:
        cands = detect_dataset(tables[0].header, hints=hints_base, values=sample_values(tables[0]),
                               headerless=headerless(tables[0]))[:3] if tables else []
        raise ConversionError(
            "dataset-unknown",
            "どの標準データセットに変換するか判定できません。--dataset で指定してください（候補: "
            + "、".join(f"{c.schema_id}（{c.score:.0%}）" for c in cands) + "）。",
            "Cannot tell which standard dataset to convert to; pass --dataset (candidates: "
            + ", ".join(f"{c.schema_id} ({c.score:.0%})" for c in cands) + ").",
            {"candidates": [c.__dict__ for c in cands]})
    _, i, g = best_pair
    return tables[i], g.schema_id, g


def _same_header_tables(tables: list[SourceTable], chosen: SourceTable, opts: ConvertOptions) -> list[SourceTable]:
    """The tables to convert together with ``chosen``: every spreadsheet table with the very same header, in
    reading order, when no recipe or option picks one table.  A print-style workbook often keeps one list
    over several sheets (one per ward, per year) or sections of a sheet (「１ 北部地区」, 「２ 南部地区」),
    each under the same header; converting only one of them would leave the others' rows out."""
    if opts.read.table_index is not None or opts.reshape or len(tables) < 2 or headerless(chosen) \
            or not isinstance(chosen.rows, list) or not any(h.strip() for h in chosen.header):
        return [chosen]
    out = [t for t in tables if t is chosen or (
        isinstance(t.rows, list) and not headerless(t) and list(t.header) == list(chosen.header))]
    return out if len(out) > 1 else [chosen]


def join_tables(parts: list[SourceTable]) -> SourceTable:
    """One table of the rows of ``parts`` (same header), in order.  Row numbers stay each sheet's own; a
    ``joined-tables`` note says which sheet and rows each part comes from."""
    first = parts[0]
    where = [f"{t.sheet or ''}!{_rows_of(t)}" for t in parts]
    note = ReadNote(
        "joined-tables",
        f"同じ見出しの表が{len(parts)}個あるため、続けて1つの表として変換しました（"
        + "、".join(f"シート「{t.sheet}」{_rows_of(t)}行目" for t in parts) + "）。行番号は各シートの行番号です。",
        f"{len(parts)} tables have the same header and were converted as one table ("
        + ", ".join(f"sheet {t.sheet!r} rows {_rows_of(t)}" for t in parts) + "); row numbers are each sheet's own.",
        sheet=first.sheet, value="; ".join(where))
    rows: list[Any] = []
    notes = [note]
    skipped = []
    for t in parts:
        rows.extend(t.rows)   # type: ignore[arg-type]
        for n in t.notes:
            if n.sheet is None:
                n.sheet = t.sheet
            notes.append(n)
        for s in t.skipped:
            if s.sheet is None:
                s.sheet = t.sheet
            skipped.append(s)
    return SourceTable(source=first.source, sheet=first.sheet, header=list(first.header), rows=rows,
                       header_rows=first.header_rows, columns=list(first.columns), notes=notes, skipped=skipped,
                       encoding=first.encoding, layout=dict(first.layout))


# items that hold the one date a whole table is as of: a print-style sheet writes it once, in a 「…現在」 line
AS_OF_ITEMS = ("調査年月日",)
_AS_OF = re.compile(
    r"((?:令和|平成|昭和|[RHS]\.?)\s*(?:元|[0-9０-９]{1,2})\s*[年./]\s*[0-9０-９]{1,2}\s*[月./]\s*[0-9０-９]{1,2}\s*日?"
    r"|[0-9０-９]{4}\s*[年/.\-]\s*[0-9０-９]{1,2}\s*[月/.\-]\s*[0-9０-９]{1,2}\s*日?)\s*(?:現在|時点)")


def with_as_of_date(table: SourceTable, item: str, schema_id: str,
                    overrides: dict[str, dict[str, Any]] | None = None) -> SourceTable:
    """``table`` with a column ``item`` holding, on every row, the date of the 「令和5年3月1日現在」 line above or below
    it, when no column of the table is that item and the title and note lines name exactly one such date.  The
    line stays listed as skipped; a ``date-from-title`` note says where the value comes from."""
    from converters.jp.datetime_ja import parse_date

    found: dict[Any, tuple[str, int, str | None]] = {}
    for s in table.skipped:
        if s.reason not in ("title", "note"):
            continue
        for m in _AS_OF.finditer(s.text):
            d = parse_date(m.group(1)).value
            if d is not None:
                found.setdefault(d, (m.group(1), s.number, s.sheet))
    if len(found) != 1:
        return table
    probe = auto_map(list(table.header), schema_id, overrides=overrides, samples=sample_values(table))
    fm = probe.fields.get(item)
    if fm is not None and fm.source is not None:
        return table
    (text, number, sheet), = found.values()
    note = ReadNote(
        "date-from-title",
        f"「{item}」の列がないため、{number}行目の「{text}現在」の日付をすべての行の{item}にしました。",
        f"no column is {item}: the date of row {number} ({text!r}, 'as of') was given to every row",
        sheet=sheet, row=number, value=text)
    rows = [SourceRow(r.number, [*r.values, text]) for r in table.rows]   # type: ignore[union-attr]
    return SourceTable(source=table.source, sheet=table.sheet, header=[*table.header, item], rows=rows,
                       header_rows=table.header_rows, columns=[*table.columns, 0], notes=[*table.notes, note],
                       skipped=table.skipped, encoding=table.encoding, layout=dict(table.layout))


def _rows_of(t: SourceTable) -> str:
    dr = t.layout.get("data_rows") or []
    if len(dr) == 2 and dr[0] is not None:
        return f"{dr[0]}-{dr[1] if dr[1] is not None else ''}"
    nums = [r.number for r in t.rows] if isinstance(t.rows, list) else []
    return f"{nums[0]}-{nums[-1]}" if nums else "-"


def written_output_encoding(path: str | Path, rows_out: int) -> Any:
    """``detect_encoding``'s decision on an output file of ``rows_out`` rows (an ``EncodingInfo``) without
    reading it again: both engines write UTF-8 from Python / Arrow strings (valid by construction), end every
    record with CRLF and quote any value holding CR or LF."""
    from converters.readers.encoding import written_utf8_info

    info = written_utf8_info(path)
    info.line_endings = {"crlf": rows_out + 1, "lf": 0, "cr": 0}
    return info


class OutputObserver(Protocol):
    """Told how the output file grows (opendata validates it meanwhile in a second process).  Only the
    columnar engine reports; the bytes announced are flushed to the file before each call."""

    def started(self, path: Path, schema_id: str, size: int) -> None: ...

    def wrote(self, size: int) -> None: ...

    def finished(self, final: Path, rows_out: int, size: int) -> None: ...

    def abandoned(self) -> None: ...


# --- the conversion -------------------------------------------------------------------------------
def convert(input_path: str | Path, out_dir: str | Path, opts: ConvertOptions | None = None) -> ConversionResult:
    opts = opts or ConvertOptions()
    try:
        # a large CSV's whole-file passes run in a second process meanwhile (converters.readers.whole_file)
        return _convert(Path(input_path), Path(out_dir), opts, background=not opts.reshape)
    except ReadRestart:     # they contradicted the guess from the file's start: again, passes first
        return _convert(Path(input_path), Path(out_dir), opts, background=False)


def _convert(src: Path, out_dir: Path, opts: ConvertOptions, *, background: bool) -> ConversionResult:
    from converters.readers.excel import gc_paused

    # the cyclic GC paused for the whole conversion: a workbook's millions of cells (no cycles) would be walked by
    # every full collection while they are alive; nothing here builds cycles that must be freed meanwhile
    with gc_paused():
        return _read_and_convert(src, out_dir, opts, background)


def _read_and_convert(src: Path, out_dir: Path, opts: ConvertOptions, background: bool) -> ConversionResult:
    from converters.readers import read_tables
    from converters.relocate import fixed_layout, read_checked, recipe_columns

    try:
        if opts.mapping and fixed_layout(opts.read):
            # a recipe's table layout is checked against this file and found again when it moved
            tables = read_checked(src, opts.read, recipe_columns(opts.mapping), background=background)
        else:
            tables = read_tables(src, opts.read, background=background)
    except ReadError as e:
        raise ConversionError(e.code, e.message_ja, e.message_en) from e
    try:
        return _convert_tables(src, out_dir, opts, tables)
    except ReadRestart:
        raise
    except ReadError as e:      # found while streaming the rows (a record that does not decode, say)
        _settle(tables)         # unless the whole-file passes say the guess was wrong (ReadRestart then)
        raise ConversionError(e.code, e.message_ja, e.message_en) from e
    except BaseException:
        _settle(tables)     # an error after a wrong guess is not the file's: ReadRestart then
        raise
    finally:
        for t in tables:
            if t.pending is not None:
                t.pending.cancel()


def _settle(tables: list[SourceTable]) -> None:
    """Wait for the whole-file passes of a table read with ``background``; ReadRestart when they differ."""
    for t in tables:
        if t.pending is not None:
            t.pending.settle()


def _convert_tables(src: Path, out_dir: Path, opts: ConvertOptions, tables: list[SourceTable]) -> ConversionResult:
    if not tables:
        raise ConversionError("no-table", "ファイルに表が見つかりません。", "No table found in the file.")
    if opts.reshape:
        from converters.reshape import apply_reshape

        tables = [apply_reshape(t, opts.reshape) for t in tables]
    table, schema_id, guess = _choose(tables, opts, src)
    joined = _same_header_tables(tables, table, opts)
    if len(joined) > 1:
        table = join_tables(joined)
    schema = schemas.load(schema_id)
    targets = [f["name"] for f in schema["fields"]]
    as_of = next((t for t in targets if t in AS_OF_ITEMS), None)
    if as_of is not None and isinstance(table.rows, list):
        table = with_as_of_date(table, as_of, schema_id, opts.mapping)
    specs = {f["name"]: FieldSpec.from_schema_field(f) for f in schema["fields"]}
    header = list(table.header)
    code = opts.publisher_code
    samples = sample_values(table)
    mapping = auto_map(header, schema_id, overrides=opts.mapping, publisher_code=code, ignore=opts.ignore,
                       samples=samples, headerless=headerless(table))
    specs = _serial_text_specs(specs, mapping, samples)
    ignore = set(opts.ignore)

    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="opendata-convert-"))
    fd, tmp_name = tempfile.mkstemp(prefix=".converting-", suffix=".csv", dir=out_dir)
    os.close(fd)
    tmp_csv = Path(tmp_name)
    changes_path = work / "changes.jsonl"
    issues_path = work / "issues.jsonl"
    # the prefecture every address of the file's first rows lies in (settles 港区 / 府中市 without a publisher)
    file_pref = file_prefecture_of(table, mapping)
    state = _RowState(schema_id, targets, specs, mapping, header, code, opts, ignore, file_pref)
    engine, engine_note, split = "rows", None, None
    obs = opts.output_observer
    try:
        if opts.engine != "rows":
            # the columnar engine gives the same bytes, faster; it gives up (nothing kept) on what it does not handle
            from converters.pipeline_columnar import ColumnarUnsupported, convert_table, header_bytes, why_not

            engine_note = why_not(table, opts)
            if engine_note is None:
                try:
                    with tmp_csv.open("wb") as fb, changes_path.open("w", encoding="utf-8") as fc, \
                            issues_path.open("w", encoding="utf-8") as fi:
                        fb.write(header_bytes(targets, opts.bom))
                        if obs is not None:
                            fb.flush()
                            obs.started(tmp_csv, schema_id, fb.tell())
                        state.mapping_issues(fi)
                        split = convert_table(table, state, opts, targets, fb, fc, fi)
                    engine = "columnar"
                except ColumnarUnsupported as e:
                    _settle(tables)     # a wrong guess of the encoding also stops the columnar engine
                    engine_note = str(e)
                    if obs is not None:
                        obs.abandoned()
                        obs = None
                    state = _RowState(schema_id, targets, specs, mapping, header, code, opts, ignore, file_pref)
        if engine == "rows":
            with tmp_csv.open("w", encoding="utf-8-sig" if opts.bom else "utf-8", newline="") as fo, \
                    changes_path.open("w", encoding="utf-8") as fc, issues_path.open("w", encoding="utf-8") as fi:
                w = csv.writer(fo, lineterminator="\r\n")
                w.writerow(targets)
                state.mapping_issues(fi)
                for srow in table.rows:
                    out = state.convert_row(srow.number, srow.values, fc, fi)
                    w.writerow([_s(out.get(t, "")) for t in targets])
                    if opts.progress and state.rows_in % 1000 == 0:
                        opts.progress(state.rows_in)
        if code is None:
            code = state.most_common_code()
        code_note = None
        if code is None and (code := state.one_site_code()) is not None:
            code_note = publisher_from_site_code_note(code, fill="全国地方公共団体コード" in targets)
        slug = schema["x-opendata"].get("slug") or schema_id.split("/", 1)[1]
        name = f"{code}_{slug}.csv" if code else f"{slug}.csv"
        if code is None:
            state.issue(fi_path=issues_path, row=None, field=None, value=None, code="publisher-code-unknown",
                        ja="発行者の全国地方公共団体コードが分からないため、ファイル名にコードを付けられませんでした。--code で指定してください。",
                        en="The publisher's code is unknown, so the file name has no code; pass --code.")
        _settle(tables)         # the reader's whole-file passes agree before anything is kept
        final = out_dir / name
        size = tmp_csv.stat().st_size
        os.replace(tmp_csv, final)
        if obs is not None:
            if engine == "columnar":
                obs.finished(final, state.rows_in, size)
            else:
                obs.abandoned()
    except BaseException:
        if obs is not None:
            obs.abandoned()
        tmp_csv.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
        raise
    read_layout = dict(table.layout)
    if len(joined) > 1:
        # one table per sheet (or section): the next file is read and joined the same way, however many it has
        read_layout = {}
    if read_layout.get("data_rows"):
        # the next version of the file has more (or fewer) rows: the reader finds the end again
        read_layout["data_rows"] = [read_layout["data_rows"][0], None]
    recipe = Recipe(
        dataset=schema_id, publisher_code=code, read=read_layout,
        mapping=mapping.to_recipe(),
        ignore=list(dict.fromkeys(opts.ignore)),   # only the columns the user chose to leave out (not every unmapped one)
        disabled_steps=sorted(opts.disabled_steps),
        options={"extra_to_remarks": opts.extra_to_remarks, "bom": opts.bom, "fill_code": opts.fill_code,
                 **({"markers": opts.markers} if opts.markers else {})},
        source={"file": src.name, "sheet": table.sheet},
        schema=opts.schema_file, reshape=opts.reshape or {},
    )
    other = [{"sheet": t.sheet, "header": t.header[:12], "header_rows": list(t.header_rows)}
             for t in tables if t is not table and not any(t is j for j in joined)]
    return ConversionResult(
        input=str(src), output=final, schema_id=schema_id,
        guess=None if guess is None else {"schema_id": guess.schema_id, "score": guess.score,
                                          "reasons": guess.reasons},
        table={"sheet": table.sheet, "header_rows": list(table.header_rows), "layout": table.layout,
               "encoding": table.encoding,
               "notes": [n.to_dict() for n in table.notes] + ([code_note.to_dict()] if code_note else []),
               "skipped": [s.__dict__ for s in table.skipped], "other_tables": other},
        mapping=[_mapping_entry(t, mapping.fields.get(t)) for t in targets],
        unmapped=state.unmapped_report(),
        rows_in=state.rows_in, rows_out=state.rows_in, change_counts=dict(state.change_counts),
        changes_path=changes_path, issues_path=issues_path, issue_counts=dict(state.issue_counts),
        accounting=state.accounting(), recipe=recipe, publisher_code=code, engine=engine, engine_note=engine_note,
        split=split,
    )


def _serial_text_specs(specs: dict[str, FieldSpec], mapping: Mapping, samples: list[list[Any]]) -> dict[str, FieldSpec]:
    """The specs, with ``serial_text`` set on the date and time items whose column's first rows are Excel serial
    numbers or day fractions written as text (converters.steps.dates.serial_text_column,
    converters.steps.times.fraction_text_column): each such cell is converted and logged."""
    from dataclasses import replace as _replace

    from converters.steps.dates import DateStep, serial_text_column
    from converters.steps.times import TimeStep, fraction_text_column

    out = dict(specs)
    kinds = ((DateStep(), serial_text_column), (TimeStep(), fraction_text_column))
    for t, spec in specs.items():
        fm = mapping.fields.get(t)
        if fm is None or fm.index is None or not samples:
            continue
        column = [row[fm.index] if fm.index < len(row) else None for row in samples]
        if any(step.applies(spec) and test(column) for step, test in kinds):
            out[t] = _replace(spec, serial_text=True)
    return out


def _mapping_entry(target: str, fm: FieldMapping | None) -> dict[str, Any]:
    if fm is None:
        return {"target": target, "method": "none", "score": 0.0, "source": None, "describe_ja": "（なし・空欄）"}
    entry = {"target": target, "method": fm.method, "score": fm.score, "source": fm.source,
             "sources": fm.sources or None, "constant": fm.constant, "derive": fm.derive,
             "describe_ja": fm.describe_ja()}
    if fm.reason:
        entry["reason_ja"] = fm.reason
    return entry


class _RowState:
    """Per-file state of the row conversion (counters, samples, the previous row for 同上)."""

    def __init__(self, schema_id: str, targets: list[str], specs: dict[str, FieldSpec], mapping: Mapping,
                 header: list[str], code: str | None, opts: ConvertOptions, ignore: set[str],
                 file_prefecture: str | None = None):
        from converters.steps import normalise_value

        self._normalise = normalise_value
        self.schema_id = schema_id
        self.targets = targets
        self.col = {t: i + 1 for i, t in enumerate(targets)}
        self.specs = specs
        self.mapping = mapping
        self.header = header
        self.code = code
        self.opts = opts
        self.ignore = ignore
        self.rows_in = 0
        self.previous: dict[str, Any] | None = None
        self.change_counts: Counter[str] = Counter()
        self.issue_counts: Counter[str] = Counter()
        self.code_counts: Counter[str] = Counter()
        self.site_code_counts: Counter[str] = Counter()     # 市区町村コード (the 設置主体 of 指定緊急避難場所一覧 …)
        self.unmapped_idx = [i for i, _ in mapping.unmapped]
        self.unmapped_counts: Counter[int] = Counter()
        self.unmapped_samples: dict[int, list[str]] = {}
        self.src_nonempty = 0
        self.landed = 0
        self.to_remarks = 0
        self.derive_address = any(fm.derive in ("address", "address-code") for fm in mapping.fields.values())
        # the items filled from the address split: part -> split_address attribute, and building items
        # (those without a column of their own); any part set of the schema, by its items' names
        af = address_fields(tuple(targets))
        self.addr_parts: dict[str, str] = {}
        for t in targets:
            fm = mapping.fields.get(t)
            if fm is not None and fm.derive in ("address", "address-code"):
                attr = af.parts.get(t) or ("code" if fm.derive == "address-code" or t == af.code
                                           or t == "所在地_全国地方公共団体コード" else None)
                if attr is not None:
                    self.addr_parts[t] = attr
        self.addr_buildings = [t for t in af.buildings
                               if mapping.fields.get(t) is None or mapping.fields[t].derive]
        # the code item of the address (所在地_全国地方公共団体コード) when the file has a column for it: a row whose
        # cell is empty gets the code of its address's municipality, as the item gets it when the column is absent
        # (never the publisher's code: a publisher lists places in other municipalities, 板橋区's 長野県富士見町 lodge)
        cfm = mapping.fields.get(af.code) if af.code else None
        self.addr_code_fill = af.code if cfm is not None and not cfm.derive and cfm.constant is None else None
        # the parts of 所在地_連結表記 that the file also gives in columns of their own (板橋区's 公共施設一覧): compared
        # with the joined address, a disagreement is reported and neither is changed (the joined address is not
        # compared when it is itself joined from those columns)
        jfm = mapping.fields.get("所在地_連結表記")
        self.addr_given: tuple[tuple[str, str], ...] = ()
        if jfm is not None and jfm.index is not None and not jfm.derive:
            self.addr_given = tuple((t, attr) for t, attr in af.parts.items()
                                    if t in ADDRESS_PARTS and (gfm := mapping.fields.get(t)) is not None
                                    and not gfm.derive and gfm.constant is None
                                    and (gfm.index is not None or bool(gfm.indexes)))
        self.lg = by_code(code) if code else None
        self.file_prefecture = file_prefecture
        self.record = RecordColumns.of(mapping)
        self._vals: list[Any] = []
        self._fi: IO[str] | None = None
        # a row's issues from its first latlon-swapped on, held until the row's coordinate rule has run: a pair
        # it swaps back no longer needs the cells' "緯度と経度が逆ではありませんか" (the change log says it was done)
        self._held: list[tuple[str, str | None, str]] | None = None

    # logging ---------------------------------------------------------------------------------
    def change(self, fc: IO[str], row: int, target: str, source: str | None, before: Any, after: Any, step: str,
               ja: str | None, en: str | None) -> None:
        self.change_counts[step] += 1
        fc.write(json.dumps({"row": row, "column": self.col.get(target), "field": target, "source": source,
                             "before": _s(before), "after": _s(after), "step": step, "note_ja": ja, "note_en": en},
                            ensure_ascii=False) + "\n")

    def issue(self, fi: IO[str] | None = None, *, row: int | None, field: str | None, value: Any, code: str,
              ja: str, en: str, fi_path: Path | None = None) -> None:
        line = json.dumps({"row": row, "column": self.col.get(field or ""), "field": field, "value": _s(value),
                           "code": code, "message_ja": ja, "message_en": en}, ensure_ascii=False) + "\n"
        if self._held is not None and fi is not None:
            self._held.append((code, field, line))      # written at the end of the row (see _flush_held)
            return
        self.issue_counts[code] += 1
        if fi is not None:
            fi.write(line)
        elif fi_path is not None:
            with fi_path.open("a", encoding="utf-8") as f:
                f.write(line)

    def mapping_issues(self, fi: IO[str]) -> None:
        """Issues of the mapping itself, before the rows': recipe entries naming columns the file does not have."""
        for t, cols in self.mapping.missing:
            fm = self.mapping.fields.get(t)
            names_ja, names_en = "」「".join(cols), "', '".join(cols)
            if fm is None:
                now_ja = "自動の対応付けでも合う列が見つからないため、この項目は空欄です。レシピを直してください。"
                now_en = "no column matched it automatically either, so the item is left empty; please update the recipe."
            elif fm.method == "recipe":
                now_ja = f"レシピの残りの列（{fm.describe_ja()}）だけを使いました。確認してください。"
                now_en = f"only the recipe's remaining columns ({' + '.join(fm.sources)}) were used; please check."
            else:
                now_ja = f"代わりに自動の対応付けで{fm.describe_ja()}を使いました。確認してください。"
                src = fm.source or " + ".join(fm.sources) or fm.derive or fm.constant or ""
                now_en = f"it was matched automatically instead ({fm.method}: {src}); please check."
            self.issue(fi, row=None, field=t, value="、".join(cols), code="recipe-column-missing",
                       ja=f"レシピが「{t}」に指定した列「{names_ja}」がこのファイルにありません。{now_ja}",
                       en=f"the recipe maps '{t}' from column '{names_en}', which this file does not have; {now_en}")

    # the row ------------------------------------------------------------------------------------
    def convert_row(self, number: int, values: list[Any], fc: IO[str], fi: IO[str]) -> dict[str, Any]:
        self.rows_in += 1
        self._held = None
        vals = list(values) + [""] * (len(self.header) - len(values))
        self._vals = vals
        for v in vals:
            if _nonempty(v):
                self.src_nonempty += 1
        ctx = StepContext(publisher_code=self.code, row=number, previous=self.previous,
                          options={"fill_code": self.opts.fill_code})
        out: dict[str, Any] = {}
        remarks_extra: list[str] = []
        self._pending_ranges: dict[str, tuple[Any, Any]] = {}
        self._dittoed: dict[str, str] = {}        # targets a 同上 / 〃 filled from the previous row: the mark
        self._ctx, self._remarks_extra = ctx, remarks_extra
        for t in self.targets:
            fm = self.mapping.fields.get(t)
            if fm is None or fm.derive:
                continue
            if fm.index is not None:
                raw = vals[fm.index]
                source = fm.source
                if _nonempty(raw) and fm.pick != "lon":      # a pair's one cell lands in 緯度 and 経度: counted once
                    self.landed += 1
                if fm.pick:
                    raw = self._pick(t, fm, raw, number, fc)
            elif fm.indexes:
                parts = [_s(vals[i]).strip() for i in fm.indexes]
                for i in fm.indexes:
                    if _nonempty(vals[i]):
                        self.landed += 1
                raw = fm.join.join(p for p in parts if p)
                source = "+".join(fm.sources)
            else:
                raw = fm.constant
                source = None
            if t == self.addr_code_fill and self.opts.fill_code:
                # the location's code comes from its address, not from the publisher (see __init__)
                out[t] = self._norm(t, raw, source, StepContext(publisher_code=self.code, row=number,
                                                                previous=self.previous, options={"fill_code": False}),
                                    number, fc, fi, remarks_extra)
                continue
            out[t] = self._norm(t, raw, source, ctx, number, fc, fi, remarks_extra)
        self._derive(out, number, fc, fi)
        self._flush_held(fi)
        self._unmapped(vals, remarks_extra)
        if remarks_extra and REMARKS in self.specs:
            before = out.get(REMARKS, "")
            joined = "；".join(x for x in [_s(before), *remarks_extra] if x)
            out[REMARKS] = joined
            self.change(fc, number, REMARKS, None, before, joined, "to-remarks",
                        "変換できない情報を備考に移しました", "moved information to 備考")
        c = _s(out.get("全国地方公共団体コード") or out.get("都道府県コード又は市区町村コード"))
        if c:
            self.code_counts[c] += 1
        self.site_code_counts[_s(out.get("市区町村コード"))] += 1
        self.previous = out
        return out

    def _pick(self, t: str, fm: FieldMapping, raw: Any, number: int, fc: IO[str]) -> Any:
        """The latitude or the longitude of a "lat,lon" pair in one cell (``FieldMapping.pick``), logged.  A cell that
        is no pair stays whole in 緯度 (its step reports it) and leaves 経度 empty: nothing is lost."""
        from converters.steps.coordinates import fix_swapped, split_latlon

        p = split_latlon(_s(raw)) if _nonempty(raw) else None
        if p is None:
            return raw if fm.pick == "lat" else ""
        lat, lon, swapped = fix_swapped(*p)
        value = lat if fm.pick == "lat" else lon
        self.change(fc, number, t, fm.source, raw, value, "latlon-split",
                    "1つのセルの「緯度,経度」を分けました" + ("（経度・緯度の順だったため入れ替えました）" if swapped else ""),
                    "split the latitude,longitude pair of one cell" + (" (written longitude first: swapped)" if swapped else ""))
        return value

    def _norm(self, t: str, raw: Any, source: str | None, ctx: StepContext, number: int, fc: IO[str],
              fi: IO[str], remarks_extra: list[str], disabled: set[str] | None = None) -> Any:
        if self.opts.markers and isinstance(raw, str):
            stripped = raw.strip().strip(self.opts.markers)
            if stripped != raw.strip():
                found = "".join(dict.fromkeys(c for c in raw if c in self.opts.markers))
                self.change(fc, number, t, source, raw, stripped, "markers", f"記号「{found}」を外して備考に移しました",
                            f"removed the marker {found} (kept in 備考)")
                remarks_extra.append(f"{t}の記号: {found}")
                raw = stripped
        value, results = self._normalise(raw, self.specs[t], ctx, enabled=None,
                                         disabled=self.opts.disabled_steps if disabled is None else disabled)
        for step_name, res in results:
            if step_name == "ditto" and res.note_ja and not res.issue:
                self._dittoed[t] = _s(raw).strip()
            if res.issue and res.issue.code == "time-range-splittable" and t in _RANGE_PAIRS \
                    and _RANGE_PAIRS[t] in self.col:
                # the row step splits it into start/end; reported there only when it cannot
                self._pending_ranges[t] = (res.issue, raw)
                continue
            if res.note_ja:
                self.change(fc, number, t, source, res.before if hasattr(res, "before") else raw, res.value,
                            step_name, res.note_ja, res.note_en)
            if res.issue:
                if res.issue.code == "latlon-swapped" and self._held is None:
                    self._held = []
                self.issue(fi, row=number, field=t, value=raw, code=res.issue.code, ja=res.issue.message_ja,
                           en=res.issue.message_en)
            if res.moved:
                for k, v in res.moved.items():
                    remarks_extra.append(f"{t}の{_MOVED_JA.get(k, k)}: {v}")
        return value

    # derived items ---------------------------------------------------------------------------------
    def _derive(self, out: dict[str, Any], number: int, fc: IO[str], fi: IO[str]) -> None:
        fields = self.mapping.fields
        lg = self.lg
        for t, fm in fields.items():
            if fm.derive in ("localgov-name", "localgov-pref", "localgov-city") and lg is not None:
                out[t] = {"localgov-name": lg.full_name, "localgov-pref": lg.prefecture,
                          "localgov-city": lg.city}[fm.derive]
            elif fm.derive and fm.derive.startswith("copy:"):
                out[t] = out.get(fm.derive[5:], "")
        addr_field = "所在地_連結表記" if "所在地_連結表記" in out else ("住所" if "住所" in out else None)
        if addr_field and _nonempty(out.get(addr_field)):
            self._address(out, addr_field, number, fc, fi)
        self._coordinates(out, number, fc, fi)
        self._time_range(out, number, fc, fi)

    def _address(self, out: dict[str, Any], addr_field: str, number: int, fc: IO[str], fi: IO[str]) -> None:
        from converters.jp.address import split_address

        text = _s(out[addr_field])
        lg = self.lg
        rec = self.record
        record = None
        if rec is not None:
            record = record_locality(rec.name([_s(out.get(t, "")) for t in rec.names]),
                                     rec.code([_s(out.get(t, "")) for t, _ in rec.codes],
                                              [any(_nonempty(self._vals[i]) for i in ix if i < len(self._vals))
                                               for _, ix in rec.codes]))
        parts = split_address(text, default_prefecture=lg.prefecture if lg else None,
                              default_city_code=self.code, record_code=record, file_prefecture=self.file_prefecture)
        if parts.full and parts.full != text:
            out[addr_field] = parts.full
            self.change(fc, number, addr_field, None, text, parts.full, "address",
                        "；".join(ja for ja, _ in parts.notes) or "住所を正規化しました",
                        "; ".join(en for _, en in parts.notes) or "normalised the address")
        if self.derive_address:
            for t, attr in self.addr_parts.items():
                out[t] = getattr(parts, attr) or ""
            if parts.building:
                for t in self.addr_buildings:
                    if not _nonempty(out.get(t)):
                        out[t] = parts.building
        ct = self.addr_code_fill
        if ct is not None and parts.code and not _nonempty(out.get(ct)):
            before = _s(out.get(ct))
            out[ct] = parts.code
            self.change(fc, number, ct, None, before, parts.code, "address", *code_fill_notes(parts.code))
        # the part columns the file has: compared with the joined address; where they agree (or are empty), an empty
        # part cell is filled from the split, as the item is when the file has no column for it
        found = None
        fill_given = False
        if self.addr_given:
            given = tuple(_s(out.get(t, "")) for t, _ in self.addr_given)
            found = parts_disagreement(_s(out[addr_field]), parts.prefecture, parts.city,
                                       tuple(attr for _, attr in self.addr_given), given)
            if found is None:
                for (t, attr), g in zip(self.addr_given, given, strict=True):
                    value = getattr(parts, attr) or ""
                    if value and not g.strip():
                        out[t] = value
                        self.change(fc, number, t, None, g, value, "address", *parts_fill_notes(addr_field))
                        fill_given = True
        for part in reported_unsure(parts.unsure, self.derive_address or fill_given, parts.lacking):
            ja, en = unsure_message(text, part, parts.lacking)
            self.issue(fi, row=number, field=addr_field, value=text, code="address-unsure", ja=ja, en=en)
        if found is not None:
            t, value, ja, en = found
            self.issue(fi, row=number, field=t, value=value, code="address-parts-mismatch", ja=ja, en=en)

    def _coordinates(self, out: dict[str, Any], number: int, fc: IO[str], fi: IO[str]) -> None:
        if "緯度" not in out or "経度" not in out:
            return
        from converters.steps.coordinates import fix_swapped

        lat, lon = out["緯度"], out["経度"]
        if not (_nonempty(lat) and _nonempty(lon)):
            return
        try:
            la, lo, swapped = fix_swapped(lat, lon)
        except (TypeError, ValueError):
            return
        if swapped:
            if self._held is not None:
                self._held = [h for h in self._held if not (h[0] == "latlon-swapped" and h[1] in ("緯度", "経度"))]
            out["緯度"], out["経度"] = la, lo
            self.change(fc, number, "緯度", None, lat, la, "coordinates-swap", "緯度と経度が入れ替わっていたので戻しました",
                        "latitude and longitude were swapped")
            self.change(fc, number, "経度", None, lon, lo, "coordinates-swap", "緯度と経度が入れ替わっていたので戻しました",
                        "latitude and longitude were swapped")

    def _flush_held(self, fi: IO[str]) -> None:
        held, self._held = self._held, None
        for code, _field, line in held or ():
            self.issue_counts[code] += 1
            fi.write(line)

    def _time_range(self, out: dict[str, Any], number: int, fc: IO[str], fi: IO[str]) -> None:
        from converters.steps.times import split_time_range

        for start, end in _RANGE_PAIRS.items():
            pending = self._pending_ranges.pop(start, None)
            if start in self._dittoed and end in self.col and not _nonempty(out.get(end)):
                self._ditto_end(out, start, end, self._dittoed[start], number, fc, fi)
            if start not in out or not _nonempty(out.get(start)):
                continue
            r = split_time_range(_s(out[start]))
            if r is None:
                if pending is not None:
                    issue, raw = pending
                    self.issue(fi, row=number, field=start, value=raw, code=issue.code, ja=issue.message_ja,
                               en=issue.message_en)
                continue
            before = out[start]
            if not _nonempty(out.get(end)):
                out[start], out[end] = r
                self.change(fc, number, start, None, before, r[0], "time-range", "時間帯を開始・終了に分けました",
                            "split a time range into start and end")
                self.change(fc, number, end, None, "", r[1], "time-range", "時間帯を開始・終了に分けました",
                            "split a time range into start and end")
            elif _s(out[end]) == r[1]:
                out[start] = r[0]
                self.change(fc, number, start, None, before, r[0], "time-range",
                            f"時間帯の開始を残しました（終了 {r[1]} は{end}の値と同じ）",
                            f"kept the start of a time range (its end {r[1]} equals {end})")
            else:
                from converters.steps._common import shown

                have = _s(out[end])
                self.issue(fi, row=number, field=start, value=pending[1] if pending else before,
                           code="range-end-conflict",
                           ja=f"{start}「{shown(before)}」は時間帯（開始 {r[0]}、終了 {r[1]}）ですが、{end}にはすでに"
                              f"「{shown(have)}」があります。{end}はそのままにしました。どちらが正しいか確認して{start}を直してください。",
                           en=f"{start} holds the time range '{shown(before)}' (start {r[0]}, end {r[1]}) but {end} "
                              f"already holds '{shown(have)}'; {end} was kept. Check which is right and correct {start}.")

    def _ditto_end(self, out: dict[str, Any], start: str, end: str, mark: str, number: int, fc: IO[str],
                   fi: IO[str]) -> None:
        """The start time was 同上 / 〃 and the end is empty: the mark stands for the row above's whole time
        range (often one cell split into 開始/終了 there), so the end is the previous row's end too."""
        prev = (self.previous or {}).get(end)
        if not _nonempty(prev):
            return
        self.change(fc, number, end, None, out.get(end, ""), prev, "ditto",
                    f"{start}の「{mark}」（上と同じ）に合わせて、{end}も前の行の値「{_s(prev)}」にしました",
                    f"{end} copied from the previous row ('{_s(prev)}') along with the ditto mark '{mark}' in {start}")
        # the copied value goes through the end field's steps (not ditto) as any value of that field does
        out[end] = self._norm(end, prev, None, self._ctx, number, fc, fi, self._remarks_extra,
                              disabled={*self.opts.disabled_steps, "ditto"})

    # unmapped columns ------------------------------------------------------------------------
    def _unmapped(self, vals: list[Any], remarks_extra: list[str]) -> None:
        for i in self.unmapped_idx:
            v = vals[i] if i < len(vals) else ""
            if not _nonempty(v):
                continue
            self.unmapped_counts[i] += 1
            s = self.unmapped_samples.setdefault(i, [])
            if len(s) < MAX_SAMPLES and _s(v) not in s:
                s.append(_s(v))
            name = self.header[i] if i < len(self.header) else ""
            if self.opts.extra_to_remarks and name not in self.ignore and REMARKS in self.specs:
                remarks_extra.append(f"{self.remarks_label(i)}: {_s(v)}")
                self.to_remarks += 1

    def remarks_label(self, i: int) -> str:
        """How an unmapped column's values are named in 備考: its header, or (a table without a header row) what
        its values are (郵便番号), else its position."""
        name = self.header[i] if i < len(self.header) else ""
        return self.mapping.labels.get(i) or name or f"{i + 1}列目"

    def unmapped_report(self) -> list[dict[str, Any]]:
        out = []
        for i in self.unmapped_idx:
            name = self.header[i] if i < len(self.header) else ""
            entry = {"index": i, "column": i + 1, "header": name, "nonempty": self.unmapped_counts.get(i, 0),
                     "samples": self.unmapped_samples.get(i, []), "ignored_by_recipe": name in self.ignore,
                     "to_remarks": bool(self.opts.extra_to_remarks and name not in self.ignore)}
            if i in self.mapping.reasons:
                entry["reason_ja"] = self.mapping.reasons[i]
            out.append(entry)
        return out

    def most_common_code(self) -> str | None:
        for c, _ in self.code_counts.most_common():
            if is_valid_localgov_code(c):
                return c
        return None

    def one_site_code(self) -> str | None:
        """The code every row's 市区町村コード holds, when they all hold the same valid one (a municipality's own list
        of its 指定緊急避難場所: itself as 設置主体 on every row).  Not the most common: a prefecture's list names many."""
        codes = list(self.site_code_counts)
        return codes[0] if len(codes) == 1 and is_valid_localgov_code(codes[0]) else None

    def accounting(self) -> dict[str, int]:
        unm = sum(self.unmapped_counts.values())
        return {"source_nonempty_cells": self.src_nonempty, "landed": self.landed,
                "unmapped_listed": unm, "moved_to_remarks": self.to_remarks,
                "balanced": int(self.src_nonempty == self.landed + unm)}


# items of a record that say where it is, when they come from the file's own columns (not from the publisher):
# names (joined: 都道府県名 + 市区町村名 = 東京都新宿区, or 地方公共団体名) and codes
RECORD_NAME_ITEMS = (("都道府県名", "市区町村名"), ("地方公共団体名",), ("所在地_都道府県", "所在地_市区町村"))
RECORD_CODE_ITEMS = ("所在地_全国地方公共団体コード", "全国地方公共団体コード", "市区町村コード", "都道府県コード又は市区町村コード")
FILE_SAMPLE_ROWS = 2000         # rows read ahead to find the prefecture of the file's addresses


@dataclass(frozen=True)
class RecordColumns:
    """The items of a row that name its own municipality, mapped from the file's columns (``RECORD_NAME_ITEMS``,
    ``RECORD_CODE_ITEMS``): the address of that row is completed with it when it names none, and its prefecture
    picks between same-name municipalities first (converters.jp.address.split_address ``record_code``)."""

    names: tuple[str, ...]                            # the first name set with a column: its items
    codes: tuple[tuple[str, tuple[int, ...]], ...]    # code items with their source columns

    @classmethod
    def of(cls, mapping: Mapping) -> RecordColumns | None:
        def from_columns(t: str) -> bool:
            fm = mapping.fields.get(t)
            return fm is not None and not fm.derive and fm.constant is None and (fm.index is not None or bool(fm.indexes))

        names: tuple[str, ...] = ()
        for group in RECORD_NAME_ITEMS:
            names = tuple(t for t in group if from_columns(t))
            if names:
                break
        codes = []
        for t in RECORD_CODE_ITEMS:
            if from_columns(t):
                fm = mapping.fields[t]
                codes.append((t, (fm.index,) if fm.index is not None else tuple(fm.indexes)))
        return cls(names, tuple(codes)) if names or codes else None

    @staticmethod
    def name(values: list[str]) -> str:
        return "".join(v.strip() for v in values)

    @staticmethod
    def code(values: list[str], from_source: list[bool]) -> str:
        """The first code the file itself holds (an empty source cell filled with the publisher's code is not)."""
        return next((v.strip() for v, src in zip(values, from_source, strict=True) if src and v.strip()), "")


def file_prefecture_of(table: SourceTable, mapping: Mapping) -> str | None:
    """The prefecture that every address of the table's first ``FILE_SAMPLE_ROWS`` records lies in, when they
    name only one (converters.jp.address.file_prefecture), from the one-cell address column as read (before
    the steps).  Read once, before either engine, so both split with the same value.  The rows are read without
    touching the table: a workbook's list, or a CSV's records again from where its data starts (the reader's
    plan, as the columnar engine reads them); another kind of table (a reshaped one: rows made once) gives None."""
    fm = next((mapping.fields[t] for t in ("所在地_連結表記", "住所") if t in mapping.fields
               and not mapping.fields[t].derive), None)
    if fm is None:
        return None
    if fm.constant is not None:
        return file_prefecture([fm.constant])
    first = fm.index if fm.index is not None else None

    def text(vals: list[Any], c0: int = 0) -> str:
        if first is not None:
            return _s(vals[c0 + first]) if c0 + first < len(vals) else ""
        return fm.join.join(p for p in (_s(vals[c0 + i]).strip() for i in fm.indexes if c0 + i < len(vals)) if p)

    rows = table.rows
    if isinstance(rows, list):
        return file_prefecture(text(list(r.values)) for r in rows[:FILE_SAMPLE_ROWS])
    plan = getattr(rows, "plan", None)
    path, encoding, delimiter = (getattr(rows, a, None) for a in ("path", "encoding", "delimiter"))
    if plan is None or path is None or not encoding or not delimiter:
        return None

    def records(f: IO[str]) -> Iterator[str]:
        for number, rec in enumerate(csv.reader(f, delimiter=delimiter, strict=False), start=1):
            if number <= plan.data_first:
                continue
            if (plan.data_last is not None and number > plan.data_last + 1) or \
                    number > plan.data_first + FILE_SAMPLE_ROWS:
                return
            yield text(rec, plan.c0)

    try:
        with Path(path).open("r", encoding=encoding, newline="") as f:
            return file_prefecture(records(f))
    except (OSError, UnicodeDecodeError, csv.Error):   # the conversion itself reports an unreadable file
        return None


def publisher_from_site_code_note(code: str, fill: bool) -> ReadNote:
    """The note of a publisher's code taken from the 市区町村コード every row holds (no --code, no publisher column)."""
    gov = by_code(code)
    name = gov.full_name if gov is not None else code
    ja = f"発行者の全国地方公共団体コードは、すべての行の市区町村コードが {code}（{name}）のため {code} としました（ファイル名）"
    en = f"the publisher's code is {code} ({name}): every row's 市区町村コード holds it (the file name)"
    if fill:
        ja += f"。全国地方公共団体コードの列も埋めるには --code {code} を指定してください"
        en += f"; pass --code {code} to fill the 全国地方公共団体コード column as well"
    return ReadNote("publisher-code-from-column", ja, en, value=code)


def parts_fill_notes(addr_field: str) -> tuple[str, str]:
    """The change-log notes of an empty address part cell filled from the split of the one-cell address (the row's
    other part cells agree with it, or are empty too)."""
    return f"空欄を{addr_field}の分割結果で補いました", f"empty: filled from the split of {addr_field}"


def code_fill_notes(code: str) -> tuple[str, str]:
    """The change-log notes of an empty address code cell filled from the address's municipality."""
    return (f"空欄を住所の市区町村のコード {code} で補いました",
            f"empty: filled with the code {code} of the address's municipality")


def reported_unsure(unsure: tuple[str, ...] | list[str], parts_derived: bool,
                    lacking: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The unsure parts of an address split that become ``address-unsure`` issues: all of them when the address
    parts are filled from the split; otherwise (a schema with the one-cell 住所 only) the 都道府県 and 市区町村,
    which that cell should begin with (its 町字 / 番地以下 are not written anywhere else, and are kept as written),
    and a part the text lacks where every address has one (``AddressParts.lacking``: no 町字 in a city or ward)."""
    return [p for p in unsure if parts_derived or p in ("prefecture", "city") or p in lacking]


_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CHOME_KANJI = re.compile("([一二三四五六七八九十]+)(?=丁目|丁(?![目]))")
_LOT_WORDS = ((re.compile(r"([0-9]+)(?:丁目|丁|番地の?|番|の)(?=[0-9])"), r"\1-"),
              (re.compile(r"([0-9]+)(?:丁目|丁|番地|番|号)"), r"\1"),
              (re.compile(r"\s+"), ""), (re.compile("大字|字"), ""))


def _kanji_number(m: re.Match[str]) -> str:
    k = m.group(1)
    if "十" not in k:
        return "".join(str(_KANJI_DIGITS[c]) for c in k)
    tens, _, ones = k.partition("十")
    return str((_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (_KANJI_DIGITS.get(ones, 0) if ones else 0))


@functools.lru_cache(maxsize=4096)
def _address_key(text: str) -> str:
    """An address text written one way for comparing: 2丁目66番1号, 二丁目66-1 and 2-66-1 alike; 大字/字 and
    spaces left out; ヶ as ケ."""
    from converters.jp.address import normalise_address

    s = normalise_address(unicodedata.normalize("NFKC", text)).replace("ヶ", "ケ").replace("ヵ", "カ")
    s = _CHOME_KANJI.sub(_kanji_number, s)
    for rx, to in _LOT_WORDS:
        s = rx.sub(to, s)
    return s.rstrip("-")


_PARTS_ITEM_JA = {"prefecture": "都道府県", "city": "市区町村", "town": "町字", "block": "番地以下"}


def joined_as_written(full: str, prefecture: str, city: str, gp: str, gc: str, town: str, block: str) -> bool:
    """The joined address is the parts one after the other (the split's 都道府県 and 市区町村, which the given ones
    do not contradict, then the given 町字 and 番地以下), maybe followed by a space and more (a building): the
    parts cannot disagree with it.  ``parts_disagreement`` asks this first; the columnar engine asks it for whole
    columns at once (most files that give both wrote them so)."""
    if (gp and prefecture and gp != prefecture) or (gc and city and gc != city):
        return False
    joined = prefecture + city + town + block
    return full == joined or (full.startswith(joined) and full[len(joined):len(joined) + 1] in (" ", "\u3000"))


def parts_disagreement(full: str, prefecture: str, city: str, attrs: tuple[str, ...], given: tuple[str, ...]
                       ) -> tuple[str, str, str, str] | None:
    """Where the joined address ``full`` (split into ``prefecture`` / ``city``) and the parts the file gives in their
    own columns (``attrs`` of split_address, with ``given`` values; items 所在地_都道府県 …) say different things:
    (item, its value, Japanese, English) of the first part that disagrees, else None.  Differences of writing
    (2丁目 / 2-, 番地 / 号, 大字, a 郡 left out, spaces) are not disagreements, nor is one side saying less
    (an empty part, a joined address without its lot)."""
    vals = dict(zip(attrs, given, strict=True))
    gp, gc = vals.get("prefecture", "").strip(), vals.get("city", "").strip()
    if joined_as_written(full, prefecture, city, gp, gc, vals.get("town", ""), vals.get("block", "")):
        return None
    items = {a: "所在地_" + _PARTS_ITEM_JA[a] for a in attrs}
    bad: str | None = None
    if gp and prefecture and gp != prefecture:
        bad = "prefecture"
    elif gc and city and not (city.endswith(gc) or gc.endswith(city)):
        bad = "city"
    else:
        head = prefecture + city
        rest = _address_key(full[len(head):] if head and full.startswith(head) else full)
        town, block = _address_key(vals.get("town", "")), _address_key(vals.get("block", ""))
        if town:
            g = _address_key(vals.get("town", "") + vals.get("block", ""))
            if rest and not (rest.startswith(g) or g.startswith(rest)):
                bad = "town"
        elif block and rest and block not in rest:
            bad = "block"
    if bad is None:
        return None
    shown = "・".join(f"{items[a]}「{vals[a]}」" for a in attrs if vals.get(a, "").strip())
    shown_en = ", ".join(f"{items[a]} '{vals[a]}'" for a in attrs if vals.get(a, "").strip())
    return (items[bad], vals[bad],
            f"所在地_連結表記「{full}」と{shown}が合いません。どちらが正しいか確認してください（どちらも書かれたままです）。",
            f"所在地_連結表記 '{full}' disagrees with {shown_en}; please check which is right (both kept as written).")


def unsure_message(text: str, part: str, lacking: tuple[str, ...] | list[str] = ()) -> tuple[str, str]:
    """The messages (Japanese, English) of the ``address-unsure`` issue of one part."""
    name = _PART_JA.get(part, part)
    if part in lacking:
        return (f"住所「{text}」に{name}がありません（市区町村の直後が番地です）。抜けていないか確認して記入してください。",
                f"address \"{text}\" has no {part} (the lot number follows the municipality); please check and fill it in.")
    return (f"住所「{text}」の{name}を自動で判定できませんでした。確認して記入してください。",
            f"could not determine the {part} of address \"{text}\"; please fill it in.")


_MOVED_JA = {"unit": "単位", "qualifier": "補足", "note": "補足", "extension": "内線"}
_RANGE_PAIRS = {"開始時間": "終了時間", "利用開始時間": "利用終了時間", "診療開始時間": "診療終了時間",
                "子供預かり開所時間": "子供預かり閉所時間"}
_PART_JA = {"prefecture": "都道府県", "city": "市区町村", "town": "町字", "block": "番地以下", "building": "建物名等"}
