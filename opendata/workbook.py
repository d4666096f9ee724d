"""Import the Digital Agency's definition workbook (データ項目定義書A) into Table Schemas.

The workbook has one sheet per dataset, named like 「13.公衆トイレ一覧」, with a few title rows, a
header row (項目No., 項目名, 区分, 説明, 形式, 記入例, 英語名, 共通語彙基盤, 共通語彙基盤での値型,
GIF参照データモデル, GIF区分 — older copies lack 英語名) and one item per row, followed by notes
(※ …, （注1）…).  A sheet 「データ項目特記事項」 holds the common rules.

    plan = plan_import("20260801_..._table_a.xlsx")   # read and compare, nothing written
    plan.sheets[0].changes                            # differences from the current schema
    write_import(plan)                                # write schemas/2026/*.json and index.json

The header row is found by its labels, not by position; item names are kept exactly as written
(full-width and half-width parentheses are different names), only surrounding whitespace and line
breaks inside a name are removed, and each such clean-up is reported.  Types, patterns and checks
come from the same rules as ``tools/build_schemas.py`` (``opendata.schemagen``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from converters.jp.chars import canonical_name

from .schemagen import GEN_NAMES, header_meta, index_entry, make_field, requirement_of

__all__ = [
    "Change",
    "ImportPlan",
    "Message",
    "SheetImport",
    "WorkbookError",
    "diff_fields",
    "parse_vocabulary",
    "plan_import",
    "render_report",
    "write_import",
]

GENERATION = "2026"
#: how far down a sheet the header row is searched for
HEADER_SEARCH_ROWS = 30
NOTES_SHEET = "データ項目特記事項"

# Header labels, compared after _label_key (NFKC, no whitespace, no trailing dot, case-folded).
# 区分 must match exactly: GIF区分 is a different attribute that also uses ◎.
_LABELS: dict[str, tuple[str, ...]] = {
    "no": ("項目no", "no", "項番", "項目番号"),
    "name": ("項目名", "データ項目名"),
    "kubun": ("区分",),
    "description": ("説明", "項目説明"),
    "format": ("形式", "データ形式"),
    "example": ("記入例", "記載例"),
    "english": ("英語名", "英語項目名", "項目名(英語)"),
    "vocabulary": ("共通語彙基盤",),
    "vocabulary_type": ("共通語彙基盤での値型",),
    "gif_model": ("gif参照データモデル",),
    "gif_kubun": ("gif区分",),
}
_LABEL_JA = {"no": "項目No.", "name": "項目名", "kubun": "区分", "description": "説明", "format": "形式",
             "example": "記入例", "english": "英語名"}

# 「13.公衆トイレ一覧」「13_公衆トイレ一覧」「１３．公衆トイレ一覧」「3.…」
_SHEET_RE = re.compile(r"^\s*([0-9０-９]{1,2})\s*(?:[.．。_＿]\s*|\s+)(\S.*?)\s*$")
# ※ …, ＊ …, 注1 …, 注：…, （注1）…, 【注】… — but not an item name such as 注意事項
_NOTE_RE = re.compile(r"^(?:[※＊*]|[（(【［\[]?\s*注\s*[0-9０-９]*\s*[)）】］\]:：.．、]|注\s*[0-9０-９])")
_EMPTY_VALUE_WORDS = {"空文字", "空欄", "空白", "空", "ブランク", "なし（空文字）", "空文字列"}


class WorkbookError(Exception):
    """The workbook cannot be imported at all; nothing is written."""

    def __init__(self, message_ja: str, message_en: str, code: str = "workbook"):
        super().__init__(message_en)
        self.message_ja = message_ja
        self.message_en = message_en
        self.code = code


@dataclass
class Message:
    level: str            # info | warning | error
    ja: str
    en: str
    row: int | None = None

    def text(self) -> str:
        where = f"行{self.row}: " if self.row else ""
        return f"{where}{self.ja} / {self.en}"


@dataclass
class Item:
    row: int
    no: int | None
    name: str
    raw_name: str
    kubun: str
    description: str
    format: str
    example: str
    english: str


@dataclass
class Change:
    kind: str             # added | removed | renamed | moved | requirement | format | englishName | type | enum
    field: str
    old: Any = None
    new: Any = None
    ja: str = ""
    en: str = ""


@dataclass
class SheetImport:
    sheet: str                        # sheet name as in the workbook
    number: str                       # "13"
    name_ja: str                      # 「公衆トイレ一覧」
    schema_id: str                    # "2026/public_toilet"
    header_row: int
    first_row: int
    last_row: int
    columns: dict[str, int]           # header key -> 1-based column
    items: list[Item]
    schema: dict[str, Any]
    target: Path
    compared_with: str | None         # the schema file the changes are relative to (None: new dataset)
    changes: list[Change]
    messages: list[Message] = field(default_factory=list)


@dataclass
class ImportPlan:
    path: Path
    out_dir: Path
    index_path: Path | None
    sheets: list[SheetImport]
    messages: list[Message]           # workbook-level: skipped sheets, notes sheet …
    written: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "workbook": str(self.path),
            "outDir": str(self.out_dir),
            "index": str(self.index_path) if self.index_path else None,
            "written": [str(p) for p in self.written],
            "messages": [asdict(m) for m in self.messages],
            "sheets": [{
                "sheet": s.sheet, "number": s.number, "nameJa": s.name_ja, "id": s.schema_id,
                "headerRow": s.header_row, "rows": [s.first_row, s.last_row], "items": len(s.items),
                "columns": s.columns, "target": str(s.target), "comparedWith": s.compared_with,
                "changes": [asdict(c) for c in s.changes], "messages": [asdict(m) for m in s.messages],
                "fields": [f["name"] for f in s.schema["fields"]],
            } for s in self.sheets],
        }


# --- reading ----------------------------------------------------------------------------------------
def _label_key(text: str) -> str:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return s.rstrip(".").casefold()


_LABEL_LOOKUP = {_label_key(v): k for k, vs in _LABELS.items() for v in vs}


def _match_label(text: str) -> str | None:
    key = _label_key(text)
    if not key:
        return None
    if key in _LABEL_LOOKUP:
        return _LABEL_LOOKUP[key]
    # 「区分（◎：必須、○：推奨）」: a known label followed by a bracketed explanation
    for known, k in _LABEL_LOOKUP.items():
        if key.startswith(known + "(") or key.startswith(known + "["):
            return k
    return None


def cell_text(v: Any) -> str:
    """A cell value as the text a person sees (09:00, 6, 43.06431, 2024-04-01)."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.date().isoformat()
        return v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.time):
        return v.strftime("%H:%M") if not v.second else v.strftime("%H:%M:%S")
    return str(v)


def _read_sheets(path: Path) -> list[tuple[str, list[list[str]]]]:
    """All sheets of the workbook as text grids (row i of the list is physical row i + 1)."""
    if not path.is_file():
        raise WorkbookError(f"ファイル「{path}」が見つかりません。", f"file not found: {path}", "file-not-found")
    with path.open("rb") as f:
        head = f.read(8)
    if not head.startswith(b"PK\x03\x04"):
        kind = "Excel 97-2003（.xls）" if head.startswith(b"\xd0\xcf\x11\xe0") else "Excel ブック（.xlsx）ではない形式"
        raise WorkbookError(
            f"「{path.name}」は {kind} のファイルです。定義書A の .xlsx ファイルを指定してください"
            "（.xls の場合は Excel で .xlsx 形式に保存し直してください）。",
            f"{path.name} is not an .xlsx workbook; give the 定義書A .xlsx file (save an .xls as .xlsx first).",
            "not-xlsx")
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        out: list[tuple[str, list[list[str]]]] = []
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            out.append((name, [[cell_text(v) for v in r] for r in rows]))
    except Exception as e:  # calamine raises its own error types for corrupt or encrypted files
        raise WorkbookError(
            f"「{path.name}」を Excel ブックとして読めません（{type(e).__name__}）。ファイルが壊れているか、"
            "パスワードで保護されている可能性があります。",
            f"cannot read {path.name} as an .xlsx workbook: {type(e).__name__}: {e}", "not-xlsx") from e
    return out


def _find_header(rows: Sequence[Sequence[str]]) -> tuple[int, dict[str, int], list[Message]] | None:
    """(0-based header row, key -> 0-based column, messages) for the first row holding 項目名 and 区分."""
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        msgs: list[Message] = []
        for c, text in enumerate(row):
            key = _match_label(text) if text else None
            if key is None:
                continue
            if key in found:
                msgs.append(Message("warning", f"見出し「{text.strip()}」が2回あります（{found[key] + 1}列目を使います）",
                                    f"duplicate header label {text.strip()!r}; using column {found[key] + 1}", r + 1))
                continue
            found[key] = c
            if text != text.strip() or re.search(r"\s", text.strip()):
                shown = _visible(text)
                msgs.append(Message("info", f"見出し「{shown}」{_legend(shown)}の改行・空白を無視して"
                                    f"「{_LABEL_JA.get(key, key)}」と読みました",
                                    f"header label {text!r} read as {_LABEL_JA.get(key, key)} (whitespace ignored)",
                                    r + 1))
        if "name" in found and "kubun" in found:
            return r, found, msgs
    return None


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9]+", unicodedata.normalize("NFKC", text).strip()))


def _clean_name(raw: str) -> tuple[str, list[str]]:
    """Strip surrounding whitespace and remove line breaks inside; everything else is kept as written."""
    fixes: list[str] = []
    name = raw.strip()
    if name != raw:
        fixes.append("前後の空白・改行を除去 / surrounding whitespace removed")
    if re.search(r"[\r\n\u2028\u2029\x0b]", name):
        name = re.sub(r"[\r\n\u2028\u2029\x0b]+", "", name)
        fixes.append("項目名の中の改行を除去 / line break inside the name removed")
    return name, fixes


def _read_items(rows: Sequence[Sequence[str]], header: int, cols: dict[str, int]
                ) -> tuple[list[Item], list[Message]]:
    def get(row: Sequence[str], key: str) -> str:
        c = cols.get(key)
        return row[c] if c is not None and c < len(row) else ""

    items: list[Item] = []
    msgs: list[Message] = []
    ended_at: int | None = None
    for r in range(header + 1, len(rows)):
        row = rows[r]
        physical = r + 1
        texts = [t.strip() for t in row if t and t.strip()]
        if not texts:
            continue
        raw_no = get(row, "no").strip()
        raw_name = get(row, "name")
        looks_like_item = bool(raw_name.strip()) and (_is_number(raw_no) or "no" not in cols or not raw_no)
        is_note = not _is_number(raw_no) and bool(_NOTE_RE.match(texts[0]))
        if is_note or (ended_at is not None and not looks_like_item):
            msgs.append(Message("info", f"注記の行を取り込みませんでした「{_short(texts[0])}」",
                                f"note row skipped: {_short(texts[0])!r}", physical))
            if items and ended_at is None:
                ended_at = physical
            continue
        if not raw_name.strip():
            msgs.append(Message("warning", f"項目名が空欄の行を飛ばしました「{_short(' '.join(texts))}」",
                                f"row without 項目名 skipped: {_short(' '.join(texts))!r}", physical))
            continue
        if ended_at is not None:
            msgs.append(Message("warning", f"注記（行{ended_at}）より後にある項目らしい行は取り込みませんでした"
                                f"「{_short(raw_name.strip())}」",
                                f"item-like row after the notes (row {ended_at}) not imported: "
                                f"{_short(raw_name.strip())!r}", physical))
            continue
        name, fixes = _clean_name(raw_name)
        for fx in fixes:
            ja, en = fx.split(" / ")
            shown = _visible(raw_name)
            msgs.append(Message("info", f"項目名「{shown}」{_legend(shown)}→「{name}」：{ja}",
                                f"item name {raw_name!r} -> {name!r}: {en}", physical))
        if re.search(r"\s", name):
            msgs.append(Message("warning", f"項目名「{name}」に空白が含まれています（書かれたとおりに残しました）",
                                f"item name {name!r} contains a space (kept as written)", physical))
        no = int(unicodedata.normalize("NFKC", raw_no)) if _is_number(raw_no) else None
        expected_no = (items[-1].no or len(items)) + 1 if items else 1
        if "no" in cols and no is None:
            msgs.append(Message("warning", f"「{name}」の項目No.が空欄です（{expected_no}として扱います）",
                                f"{name}: 項目No. is blank (taken as {expected_no})", physical))
            no = expected_no
        elif no is not None and no != expected_no:
            msgs.append(Message("warning", f"項目No.が連番ではありません（{expected_no}のはずが{no}）",
                                f"項目No. not consecutive: expected {expected_no}, found {no}", physical))
        items.append(Item(row=physical, no=no if "no" in cols else len(items) + 1, name=name, raw_name=raw_name,
                          kubun=get(row, "kubun").strip(), description=get(row, "description").strip(),
                          format=get(row, "format").strip(), example=get(row, "example").strip(),
                          english=get(row, "english").strip()))
    return items, msgs


def _visible(text: str) -> str:
    """Text with its invisible characters shown: ↵ line break, □ full-width space, ␣ leading/trailing space."""
    t = re.sub(r"\r\n|[\r\n\u2028\u2029\x0b]", "↵", text).replace("\u3000", "□").replace("\t", "⇥")
    core = t.strip(" ")
    lead, trail = len(t) - len(t.lstrip(" ")), len(t) - len(t.rstrip(" "))
    return "␣" * lead + core + "␣" * trail if core else "␣" * len(t)


def _legend(*texts: str) -> str:
    marks = {"↵": "改行", "□": "全角空白", "␣": "半角空白", "⇥": "タブ"}
    used = [f"{k}={v}" for k, v in marks.items() if any(k in t for t in texts)]
    return f"（{'、'.join(used)}）" if used else ""


def _short(text: str, n: int = 40) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    return t if len(t) <= n else t[: n - 1] + "…"


# --- 形式 → controlled vocabulary ---------------------------------------------------------------------
def _vocab_value(v: str) -> str:
    v = v.strip().strip("「」『』\"'")
    return "" if v in _EMPTY_VALUE_WORDS else v


def parse_vocabulary(fmt: str | None) -> list[str] | None:
    """The values a 形式 lists, or None when it lists none.

    * 「対応あり：1、対応なし：空文字」 → ["1", ""] (an empty cell is a value: 対応なし)
    * 「文字列（統制語彙：有/無）」「統制語彙（有・無）」「有/無」 → ["有", "無"]
    * 「文字列（統制語彙）」 lists nothing (the values are in the common rules) → None
    """
    if not fmt:
        return None
    s = fmt.strip()
    # label：value pairs separated by 、 or ,
    parts = [p for p in re.split(r"[、,，]\s*", s) if p.strip()]
    if len(parts) >= 2 and all(re.fullmatch(r"[^：:]+[：:][^：:]*", p) for p in parts):
        values = [_vocab_value(re.split(r"[：:]", p, maxsplit=1)[1]) for p in parts]
        return list(dict.fromkeys(values))
    m = re.search(r"統制語彙\s*[：:]?\s*[（(]?\s*([^）)]*)", s)
    body = m.group(1) if m else None
    # a bare list such as 有/無 (not a date or time picture such as YYYY/MM/DD)
    if body is None and re.fullmatch(r"[^/／・（）()\s]{1,10}(\s*[/／・]\s*[^/／・（）()\s]{1,10})+", s) \
            and not re.search("[A-Za-z]", s):
        body = s
    if not body:
        return None
    values = [_vocab_value(v) for v in re.split(r"[/／・、,，|｜]", body) if v.strip()]
    return list(dict.fromkeys(values)) if len(values) >= 2 else None


# --- building schemas ---------------------------------------------------------------------------------
def _requirement(kubun: str) -> tuple[bool, str, str | None]:
    """(required, label, problem) for a 区分 cell: ◎ 必須, ○/〇 推奨, blank 任意."""
    if not kubun.strip():
        return False, "任意", None
    req, label = requirement_of(kubun, None)
    if label is None:
        return False, "未確認", kubun
    return req, label, None


def _generation_name(path: Path) -> str:
    m = re.search(r"(20[0-9]{6})_.*table_a", path.name)
    return f"自治体標準オープンデータセット（定義書A {m.group(1)}版）" if m else GEN_NAMES[GENERATION]


def build_schema(items: list[Item], *, key: str, number: str, name_ja: str, sheet: str, workbook: Path,
                 header_row: int, base: dict[str, Any] | None, index_entry_: dict[str, Any] | None,
                 sha256: str) -> tuple[dict[str, Any], list[Message]]:
    """The Table Schema of one dataset sheet, in the shape of schemas/2026/*.json."""
    msgs: list[Message] = []
    base = base or {}
    base_meta = base.get("x-opendata", {})
    entry = index_entry_ or {}
    aliases = {f["name"]: f["x-aliases"] for f in base.get("fields", []) if f.get("x-aliases")}
    fields = []
    for it in items:
        required, label, bad = _requirement(it.kubun)
        if bad is not None:
            msgs.append(Message("warning", f"「{it.name}」の区分「{bad}」を解釈できません（未確認として扱います）",
                                f"{it.name}: 区分 {bad!r} not understood (recorded as 未確認)", it.row))
        enum = parse_vocabulary(it.format)
        if enum and "" in enum:
            # 災害種別_* and the like: the column is required, an empty cell means 対応なし
            required = False
        fields.append(make_field(
            it.name, no=it.no, required=required, requirement=label, fmt=it.format or None,
            example=it.example or None, english=it.english or None, description=it.description or None,
            enum=enum, aliases=aliases.get(it.name)))
    slug = base_meta.get("slug") or entry.get("slug")
    first, last = (items[0].row, items[-1].row) if items else (header_row + 1, header_row)
    where = f"{workbook.name} sheet 「{sheet}」 rows {first}-{last} (header row {header_row})"
    meta = header_meta(
        id=f"{GENERATION}/{key}", slug=slug, generation=GENERATION, generationName=_generation_name(workbook),
        sheet=number, nameJa=name_ja, nameEn=base_meta.get("nameEn"),
        fileNamePattern=f"{{code}}_{slug}.csv" if slug else None, fileNameSlugs=base_meta.get("fileNameSlugs"),
        slugStatus=base_meta.get("slugStatus") or ("from schemas/index.json" if slug else "UNCONFIRMED"),
        confidence="high", orderConfirmed=True,
        columnsStatus=f"HIGH: imported from the definition workbook {where} by opendata schemas import-workbook",
        evidence=[where],
        importedFrom={"file": workbook.name, "sha256": sha256, "sheet": sheet, "headerRow": header_row,
                      "firstRow": first, "lastRow": last},
    )
    name = base.get("name") or (slug or key).replace("_", "-") + f"-{GENERATION}"
    schema = {"name": name, "title": name_ja, "fields": fields, "missingValues": [""], "x-opendata": meta}
    return schema, msgs


# --- comparing ----------------------------------------------------------------------------------------
def _lis(seq: list[int]) -> set[int]:
    """Positions (in seq) of one longest strictly increasing subsequence."""
    import bisect

    tails: list[int] = []
    tails_pos: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_pos.append(i)
        else:
            tails[k] = v
            tails_pos[k] = i
        prev[i] = tails_pos[k - 1] if k else -1
    out: set[int] = set()
    i = tails_pos[-1] if tails_pos else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def _req(f: dict[str, Any]) -> str:
    label = (f.get("x-ja") or {}).get("requirement") or ""
    flag = "required" if (f.get("constraints") or {}).get("required") else ""
    return f"{label}{'（required）' if flag else ''}"


def diff_fields(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    """Added / removed / renamed / moved fields and changed 区分, 形式, 英語名, type and vocabulary."""
    old_names = [f["name"] for f in old]
    new_names = [f["name"] for f in new]
    old_pos = {n: i for i, n in enumerate(old_names)}
    new_pos = {n: i for i, n in enumerate(new_names)}
    removed = [i for i, n in enumerate(old_names) if n not in new_pos]
    added = [j for j, n in enumerate(new_names) if n not in old_pos]
    pairs: dict[int, int] = {old_pos[n]: new_pos[n] for n in old_names if n in new_pos}
    renamed: dict[int, int] = {}

    def pair_by(key: Any) -> None:
        for i in list(removed):
            ki = key(old[i], i)
            if ki is None:
                continue
            cands = [j for j in added if key(new[j], j) == ki]
            if len(cands) == 1:
                renamed[i] = cands[0]
                removed.remove(i)
                added.remove(cands[0])

    pair_by(lambda f, _i: canonical_name(f["name"]))                         # 建物名等(方書) ↔ 建物名等（方書）
    pair_by(lambda f, _i: f.get("englishName") or None)                      # same English name
    pair_by(lambda f, _i: (f.get("x-ja") or {}).get("no") or None)           # same 項目No.
    changes: list[Change] = []
    for i in removed:
        n = old_names[i]
        changes.append(Change("removed", n, old=i + 1, ja=f"削除: 「{n}」（旧{i + 1}番目）",
                              en=f"removed: {n} (was #{i + 1})"))
    for j in added:
        n = new_names[j]
        changes.append(Change("added", n, new=j + 1, ja=f"追加: 「{n}」（{j + 1}番目）", en=f"added: {n} (#{j + 1})"))
    for i, j in sorted(renamed.items(), key=lambda kv: kv[1]):
        a, b = old_names[i], new_names[j]
        changes.append(Change("renamed", b, old=a, new=b, ja=f"名称変更: 「{a}」→「{b}」（{j + 1}番目）",
                              en=f"renamed: {a} -> {b} (#{j + 1})"))
    both = sorted([*pairs.items(), *renamed.items()], key=lambda kv: kv[1])
    keep = _lis([i for i, _ in both])
    for k, (i, j) in enumerate(both):
        if k not in keep:
            n = new_names[j]
            changes.append(Change("moved", n, old=i + 1, new=j + 1, ja=f"順序変更: 「{n}」 {i + 1}番目 → {j + 1}番目",
                                  en=f"moved: {n} #{i + 1} -> #{j + 1}"))
    for i, j in both:
        a, b = old[i], new[j]
        n = b["name"]
        for kind, get, ja_label in (
            ("requirement", _req, "区分変更"),
            ("format", lambda f: (f.get("x-ja") or {}).get("format") or "", "形式変更"),
            ("englishName", lambda f: f.get("englishName") or "", "英語名変更"),
            ("type", lambda f: f.get("type") + (f" {f['format']}" if f.get("format") else ""), "型変更"),
            ("enum", lambda f: "/".join((f.get("constraints") or {}).get("enum") or []), "統制語彙変更"),
        ):
            va, vb = get(a), get(b)
            if va != vb:
                changes.append(Change(kind, n, old=va, new=vb, ja=f"{ja_label}: 「{n}」 {va or '（なし）'} → {vb or '（なし）'}",
                                      en=f"{kind} changed: {n} {va or '(none)'} -> {vb or '(none)'}"))
    return changes


# --- planning and writing -----------------------------------------------------------------------------
def _default_out_dir() -> Path:
    import schemas

    return schemas.SCHEMA_DIR / GENERATION


def _load_index(index_path: Path | None) -> dict[str, Any]:
    if index_path is not None:
        return json.loads(index_path.read_text(encoding="utf-8"))
    import schemas

    return schemas.index()


def _current_schema(target: Path, schema_id: str) -> tuple[dict[str, Any] | None, str | None]:
    if target.is_file():
        return json.loads(target.read_text(encoding="utf-8")), str(target)
    import schemas

    try:
        s = schemas.load(schema_id)
    except KeyError:
        return None, None
    return s, str(schemas.SCHEMA_DIR / f"{schema_id}.json")


def _dataset_key(number: str, name_ja: str, entries: list[dict[str, Any]]) -> tuple[str | None, list[Message]]:
    """The dataset id part (public_toilet) of a sheet: by sheet number, checked against the name."""
    gen = [e for e in entries if e.get("generation") == GENERATION]
    by_no = next((e for e in gen if e.get("sheet") == number), None)
    by_name = next((e for e in gen if e.get("nameJa") == name_ja), None)
    msgs: list[Message] = []
    chosen = by_no
    if by_no and by_name and by_no is not by_name:
        msgs.append(Message("warning", f"シート番号{number}は既存の「{by_no['nameJa']}」ですが、シート名「{name_ja}」は"
                            f"{by_name['id']} の名称です。名称で対応付けました。",
                            f"sheet number {number} is {by_no['id']} but the name matches {by_name['id']}; "
                            "matched by name", None))
        chosen = by_name
    elif by_no is None and by_name is not None:
        chosen = by_name
    elif by_no is not None and by_no.get("nameJa") != name_ja:
        msgs.append(Message("warning", f"シート名「{name_ja}」は一覧の名称「{by_no['nameJa']}」と違います"
                            "（シート番号で対応付けました）",
                            f"sheet name {name_ja!r} differs from the index name {by_no['nameJa']!r} "
                            "(matched by sheet number)", None))
    if chosen is None:
        return None, msgs
    return str(chosen["id"]).split("/", 1)[1], msgs


def plan_import(path: str | Path, out_dir: str | Path | None = None) -> ImportPlan:
    """Read the workbook and build every dataset sheet's schema and its differences.  Writes nothing.

    Raises WorkbookError when the file is not an .xlsx workbook or has no dataset sheet that can be read.
    """
    path = Path(path)
    out = Path(out_dir) if out_dir is not None else _default_out_dir()
    index_path = out.parent / "index.json"
    index_file: Path | None = index_path if index_path.is_file() else None
    sheets = _read_sheets(path)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    entries = _load_index(index_file)["datasets"]
    messages: list[Message] = []
    result: list[SheetImport] = []
    seen: dict[str, str] = {}
    for sheet_name, rows in sheets:
        m = _SHEET_RE.match(sheet_name)
        if not m:
            if sheet_name.strip() == NOTES_SHEET:
                messages.append(Message("info", f"シート「{sheet_name}」は注記のシートです（スキーマには取り込みません）",
                                        f"sheet {sheet_name!r} holds the notes (not imported into schemas)"))
            else:
                messages.append(Message("info", f"シート「{sheet_name}」はデータセットのシートではありません（飛ばしました）",
                                        f"sheet {sheet_name!r} is not a dataset sheet (skipped)"))
            continue
        number = unicodedata.normalize("NFKC", m.group(1)).zfill(2)
        name_ja = m.group(2)
        key, key_msgs = _dataset_key(number, name_ja, entries)
        if key is None:
            messages.append(Message("warning", f"シート「{sheet_name}」は既知のデータセットに対応付けられません"
                                    "（schemas/index.json にありません）。飛ばしました。",
                                    f"sheet {sheet_name!r} matches no known dataset in schemas/index.json; skipped"))
            continue
        if key in seen:
            messages.append(Message("warning", f"シート「{sheet_name}」は「{seen[key]}」と同じデータセット {GENERATION}/{key} です。"
                                    "最初のシートだけを取り込みます。",
                                    f"sheet {sheet_name!r} is the same dataset as {seen[key]!r}; only the first is imported"))
            continue
        header = _find_header(rows)
        if header is None:
            messages.append(Message("warning", f"シート「{sheet_name}」に「項目名」「区分」の見出し行が見つかりません（飛ばしました）",
                                    f"sheet {sheet_name!r}: no header row with 項目名 and 区分 (skipped)"))
            continue
        h, cols, hmsgs = header
        items, imsgs = _read_items(rows, h, cols)
        if not items:
            messages.append(Message("warning", f"シート「{sheet_name}」に項目がありません（飛ばしました）",
                                    f"sheet {sheet_name!r} has no items (skipped)"))
            continue
        dupes = sorted({it.name for it in items if sum(1 for x in items if x.name == it.name) > 1})
        if dupes:
            raise WorkbookError(
                f"シート「{sheet_name}」に同じ項目名が2回以上あります（{'、'.join(dupes)}）。"
                "スキーマは項目名で列を区別するため、取り込めません。",
                f"sheet {sheet_name!r} repeats item names ({', '.join(dupes)}); nothing written", "duplicate-items")
        seen[key] = sheet_name
        schema_id = f"{GENERATION}/{key}"
        target = out / f"{key}.json"
        base, compared = _current_schema(target, schema_id)
        entry = next((e for e in entries if e.get("id") == schema_id), None)
        schema, smsgs = build_schema(items, key=key, number=number, name_ja=name_ja, sheet=sheet_name,
                                     workbook=path, header_row=h + 1, base=base, index_entry_=entry, sha256=sha256)
        if "english" not in cols:
            hmsgs.append(Message("info", "「英語名」の列がありません（古い版の定義書です）。英語名は書き込まれません。",
                                 "no 英語名 column (an older copy of the workbook); no English names written", h + 1))
        changes = diff_fields(base["fields"], schema["fields"]) if base else []
        result.append(SheetImport(
            sheet=sheet_name, number=number, name_ja=name_ja, schema_id=schema_id, header_row=h + 1,
            first_row=items[0].row, last_row=items[-1].row, columns={k: c + 1 for k, c in cols.items()},
            items=items, schema=schema, target=target, compared_with=compared, changes=changes,
            messages=[*key_msgs, *hmsgs, *imsgs, *smsgs]))
    if not result:
        raise WorkbookError(
            f"「{path.name}」にデータセットのシート（「13.公衆トイレ一覧」のような名前で、「項目名」「区分」の見出しがあるもの）"
            "が見つかりません。何も書き込んでいません。",
            f"no dataset sheet (named like 13.公衆トイレ一覧, with 項目名 and 区分 headers) found in {path.name}; "
            "nothing written", "no-dataset-sheet")
    return ImportPlan(path=path, out_dir=out, index_path=index_file, sheets=result, messages=messages)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _updated_index(index: dict[str, Any], schemas_: Iterable[dict[str, Any]]) -> dict[str, Any]:
    datasets = list(index["datasets"])
    for s in schemas_:
        entry = index_entry(s)
        pos = next((k for k, e in enumerate(datasets) if e.get("id") == entry["id"]), None)
        if pos is None:
            datasets.append(entry)
        else:
            datasets[pos] = entry
    datasets.sort(key=lambda e: (e["generation"], e["sheet"]))
    return {**index, "datasets": datasets}


def write_import(plan: ImportPlan) -> list[Path]:
    """Write the planned schemas (and the index.json beside the output folder) atomically.

    Every file is first written in full to a temporary file in its destination folder, then all are
    renamed into place; a failure before the renames leaves every existing file untouched.
    """
    payloads: list[tuple[Path, str]] = [(s.target, _dumps(s.schema)) for s in plan.sheets]
    if plan.index_path is not None:
        index = json.loads(plan.index_path.read_text(encoding="utf-8"))
        payloads.append((plan.index_path, _dumps(_updated_index(index, (s.schema for s in plan.sheets)))))
    staged: list[tuple[Path, Path]] = []
    try:
        plan.out_dir.mkdir(parents=True, exist_ok=True)
        for target, text in payloads:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(tmp), target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
            os.chmod(tmp, mode)
        for tmp_path, target in staged:
            os.replace(tmp_path, target)
    except OSError as e:
        for tmp_path, _ in staged:
            tmp_path.unlink(missing_ok=True)
        raise WorkbookError(f"スキーマを書き込めませんでした（{e.strerror or e}）。", f"cannot write the schemas: {e}",
                            "write-failed") from e
    plan.written = [target for target, _ in payloads]
    return plan.written


# --- report -------------------------------------------------------------------------------------------
def render_report(plan: ImportPlan, *, dry_run: bool) -> list[str]:
    """Plain-text lines, Japanese first with English beside it."""
    lines = [f"定義書: {plan.path.name} / workbook: {plan.path}"]
    for m in plan.messages:
        lines.append(f"  {m.text()}")
    for s in plan.sheets:
        english = "あり" if "english" in s.columns else "なし"
        lines.append("")
        lines.append(f"シート「{s.sheet}」→ {s.schema_id}: {len(s.items)}項目（見出し{s.header_row}行目、"
                     f"項目{s.first_row}〜{s.last_row}行目、英語名の列{english}） / "
                     f"sheet {s.sheet!r} -> {s.schema_id}: {len(s.items)} items (header row {s.header_row}, "
                     f"rows {s.first_row}-{s.last_row})")
        if s.compared_with is None:
            lines.append("  新しいデータセットです（比較するスキーマはありません） / new dataset (no current schema)")
        elif not s.changes:
            lines.append(f"  現在のスキーマと同じです / no changes from the current schema ({s.compared_with})")
        else:
            lines.append(f"  現在のスキーマとの違い {len(s.changes)}件 / {len(s.changes)} differences from "
                         f"{s.compared_with}:")
            for c in s.changes:
                lines.append(f"    {c.ja} / {c.en}")
        for m in s.messages:
            lines.append(f"  {'注意' if m.level != 'info' else '情報'}: {m.text()}")
    lines.append("")
    if dry_run:
        lines.append("確認のみ（--dry-run）: 何も書き込んでいません / dry run: nothing written")
    else:
        for p in plan.written:
            lines.append(f"書き込みました / written: {p}")
        if plan.index_path is None:
            lines.append(f"index.json が {plan.out_dir.parent} にないため、一覧は更新していません / "
                         f"no index.json next to {plan.out_dir}; index not updated")
    return lines
