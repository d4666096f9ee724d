"""How the city holds the data: the machine-readability rules checked on the *source* file (the Excel
or CSV the department keeps), shown beside the score but never part of the total — citizens get the
published CSV, which is what the four layers score.

Evidence comes from what the reader and the conversion already recorded (``ConversionResult.table``
notes: merged cells filled, formulas, hidden rows, title rows, blank rows …; the steps' change counts:
ditto marks, machine-dependent characters, numbers with units), not from a second look at the cells.
Only L1-10 (objects) opens the workbook again, to list its drawings.  Each criterion is worth 1 point;
the source figure is the share of the criteria that apply to its format.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Criterion, Evidence, SourcePart, failed, not_assessed, passed

FORMATS = {".csv": "CSV", ".tsv": "CSV", ".txt": "CSV", ".xlsx": "XLSX", ".xlsm": "XLSX", ".xls": "XLS",
           ".ods": "ODS"}
EXCEL = {"XLSX", "XLS", "ODS"}


@dataclass
class SourceFacts:
    path: str
    format: str
    notes: list[dict[str, Any]] = field(default_factory=list)      # ReadNote.to_dict() of the table(s)
    header_rows: tuple[int, int] = (1, 1)
    other_tables_same_sheet: int = 0
    encoding: dict[str, Any] | None = None
    changes: dict[str, int] | None = None        # per step; None = not converted (unknown)
    reshaped: bool | None = None                 # the recipe unpivots a wide table (L3-09)

    @classmethod
    def from_conversion(cls, result: Any) -> SourceFacts:
        """From a ``converters.pipeline.ConversionResult`` (``Outcome.result``)."""
        t: Mapping[str, Any] = result.table
        sheet = t.get("sheet")
        others = [o for o in t.get("other_tables") or [] if o.get("sheet") == sheet]
        hr = t.get("header_rows") or [1, 1]
        return cls(path=str(result.input), format=_format(Path(result.input)), notes=list(t.get("notes") or []),
                   header_rows=(int(hr[0]), int(hr[1])), other_tables_same_sheet=len(others),
                   encoding=t.get("encoding"), changes=dict(result.change_counts),
                   reshaped=bool(getattr(result.recipe, "reshape", None)))

    @classmethod
    def from_report_dict(cls, d: Mapping[str, Any], path: str | Path | None = None) -> SourceFacts:
        """From a stored conversion report (``opendata.convert.report_dict``); ``path``: where the
        original file is now (the store keeps it under its hash), for L1-10."""
        t: Mapping[str, Any] = d.get("read") or {}
        sheet = t.get("sheet")
        hr = t.get("header_rows") or [1, 1]
        name = Path(str(d.get("input") or path or ""))
        changes = (d.get("changes") or {}).get("counts")
        s = cls(path=str(path or name), format=_format(name), notes=list(t.get("notes") or []),
                header_rows=(int(hr[0]), int(hr[1])),
                other_tables_same_sheet=len([o for o in t.get("other_tables") or [] if o.get("sheet") == sheet]),
                encoding=t.get("encoding"), changes=dict(changes) if isinstance(changes, Mapping) else None,
                reshaped=bool((d.get("recipe") or {}).get("reshape")) if d.get("recipe") is not None else None)
        return s

    @classmethod
    def from_file(cls, path: str | Path) -> SourceFacts:
        """Read the source's structure only (no conversion: the change-based criteria are n/a)."""
        from converters.readers import read_tables

        p = Path(path)
        tables = read_tables(p)
        first = tables[0]
        notes = [n.to_dict() for t in tables for n in t.notes]
        same = [t for t in tables[1:] if t.sheet == first.sheet]
        return cls(path=str(p), format=_format(p), notes=notes, header_rows=tuple(first.header_rows),  # type: ignore[arg-type]
                   other_tables_same_sheet=len(same), encoding=first.encoding)

    def notes_of(self, *codes: str) -> list[dict[str, Any]]:
        return [n for n in self.notes if n.get("code") in codes]


def _format(p: Path) -> str:
    return FORMATS.get(p.suffix.lower(), p.suffix.lstrip(".").upper() or "?")


def _drawings(path: str) -> list[str] | None:
    try:
        with zipfile.ZipFile(path) as z:
            return [n for n in z.namelist() if n.startswith(("xl/drawings/drawing", "xl/embeddings/"))]
    except (OSError, zipfile.BadZipFile):
        return None


def xlsx_merges(path: str) -> dict[str, int] | None:
    """Merged ranges per worksheet part of an .xlsx, anywhere in the sheet (the reader notes only those
    it fills inside the table).  Streams each sheet's XML; None when it is not a readable .xlsx."""
    needle = b"<mergeCell "
    out: dict[str, int] = {}
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not (name.startswith("xl/worksheets/sheet") and name.endswith(".xml")):
                    continue
                n, tail = 0, b""
                with z.open(name) as f:
                    while chunk := f.read(1 << 20):
                        buf = tail + chunk
                        n += buf.count(needle)
                        tail = buf[-(len(needle) - 1):]       # too short to hold a match: none counted twice
                if n:
                    out[name.rsplit("/", 1)[-1]] = n
    except (OSError, zipfile.BadZipFile, KeyError):
        return None
    return out


def _from_notes(c: Criterion, notes: list[dict[str, Any]]) -> Criterion:
    if not notes:
        return passed(c)
    return failed(c, *[Evidence(str(n.get("message_ja") or n.get("code")), str(n.get("message_en") or ""), 1)
                       for n in notes[:3]])


def _from_changes(c: Criterion, s: SourceFacts, step: str, ja: str, en: str) -> Criterion:
    if s.changes is None:
        return not_assessed(c, "変換していないため分かりません", "not converted: unknown")
    n = int(s.changes.get(step, 0))
    return failed(c, Evidence(f"{ja} {n}セル（変換で修正）", f"{en}: {n} cells (fixed by the conversion)", n)) if n \
        else passed(c)


def _c(cid: str, ja: str, en: str, ref: str | None = None) -> Criterion:
    return Criterion(cid, ja, en, 1, refs=[cid.split(":")[-1]] + ([f"統一ルール {ref}"] if ref else []))


def source_part(s: SourceFacts) -> SourcePart:
    excel = s.format in EXCEL
    out: list[Criterion] = []

    c = _c("source:star-3", "★3 オープンな形式で保有（CSV・ODS）", "★3 kept in a non-proprietary format")
    out.append(passed(c) if s.format in ("CSV", "ODS") else failed(
        c, Evidence(f"{s.format} 形式（独自形式）", f"{s.format} (proprietary)")))
    c = _c("source:L1-02", "1シートに1つの表", "one table per sheet", "2-2")
    out.append(failed(c, Evidence(f"同じシートに別の表が {s.other_tables_same_sheet} 個", "another table on the sheet",
                                  s.other_tables_same_sheet)) if s.other_tables_same_sheet else passed(c))
    out.append(_from_notes(_c("source:L1-03", "データが分断されていない（空行）", "no blank rows splitting the table",
                              "2-1"), s.notes_of("skipped-blank")))
    out.append(_from_notes(_c("source:L1-04", "データ本体と無関係な行がない（表題・注記・合計）",
                              "no title, note or total rows"),
                           s.notes_of("title-rows", "skipped-note", "skipped-total", "header-repeat", "skipped-between")))
    out.append(_from_changes(_c("source:L1-08", "機種依存文字を使用していない", "no platform-dependent characters", "1-10"),
                             s, "machine_dependent", "機種依存文字", "platform-dependent characters"))
    c = _c("source:L1-10", "【Excel】オブジェクト（図形・画像）を使用していない", "[Excel] no objects", "1-8")
    if s.format != "XLSX":
        out.append(not_assessed(c, "XLSX のみ確認します", "checked for XLSX only"))
    else:
        d = _drawings(s.path)
        out.append(not_assessed(c, "確認できません", "cannot check") if d is None else failed(
            c, Evidence(f"図形・画像 {len(d)}個", f"{len(d)} drawing/object part(s)", len(d), d[:3])) if d else passed(c))
    c = _c("source:L1-12", "【Excel】セルを結合していない", "[Excel] no merged cells", "1-4")
    merges = xlsx_merges(s.path) if s.format == "XLSX" else None
    if merges:
        total = sum(merges.values())
        out.append(failed(c, Evidence(f"結合セル {total}か所（{'、'.join(merges)}）", f"{total} merged range(s)", total)))
    elif excel:
        out.append(_from_notes(c, s.notes_of("merged-fill", "merged-header")))
    else:
        out.append(not_assessed(c, "Excel のみ", "Excel only"))
    for cid, ja, en, ref, codes in (
            ("source:L1-13", "【Excel】非表示の行・列・シートがない", "[Excel] no hidden rows, columns or sheets", None,
             ("hidden-row", "hidden-column", "hidden-sheet")),
            ("source:L2-06", "【Excel】数式を値に直している", "[Excel] formulas replaced by values", "1-7", ("formula",))):
        c = _c(cid, ja, en, ref)
        out.append(_from_notes(c, s.notes_of(*codes)) if excel else not_assessed(c, "Excel のみ", "Excel only"))
    out.append(_from_changes(_c("source:L2-01", "数値に文字（単位・桁区切り・全角）を含まない", "numbers hold no text",
                                "1-3"), s, "numbers", "数値の修正", "numbers fixed"))
    out.append(_from_changes(_c("source:L2-02", "項目名・値を省略していない（〃・同上）", "nothing omitted (ditto marks)",
                                "1-6"), s, "ditto", "〃・同上", "ditto marks"))
    c = _c("source:L3-01", "見出しは1行目の1行", "one header row, on row 1")
    if s.header_rows == (0, 0):
        out.append(failed(c, Evidence("見出し行がありません（1行目からデータ。列は値から対応づけ）",
                                      "no header row (data from the first row; columns mapped by their values)")))
    else:
        out.append(passed(c) if s.header_rows == (1, 1) else failed(
            c, Evidence(f"見出しは{s.header_rows[0]}〜{s.header_rows[1]}行目", f"header on rows {s.header_rows[0]}-{s.header_rows[1]}")))
    c = _c("source:L3-05", "【Excel】和暦の表示形式を使っていない", "[Excel] no Japanese-era date formats", "1-11")
    out.append(_from_notes(c, s.notes_of("wareki-format")) if excel else not_assessed(c, "Excel のみ", "Excel only"))
    c = _c("source:L3-08", "文字コードが UTF-8", "encoded in UTF-8")
    if excel or not s.encoding:
        out.append(not_assessed(c, "文字のファイルのみ", "text files only"))
    else:
        enc = str(s.encoding.get("encoding") or "")
        out.append(passed(c) if enc in ("utf-8", "utf-8-sig") else failed(
            c, Evidence(f"文字コード: {s.encoding.get('label')}", f"encoding: {s.encoding.get('label_en')}")))
    c = _c("source:L3-09", "縦持ち（1行1レコード）の形", "long format (one record per row)")
    if s.reshaped is None:
        out.append(not_assessed(c, "変換していないため分かりません", "not converted: unknown"))
    else:
        out.append(failed(c, Evidence("横持ちの表をレシピで縦持ちに変換しています", "the recipe unpivots a wide table"))
                   if s.reshaped else passed(c))
    return SourcePart(file=Path(s.path).name, format=s.format, criteria=out)
