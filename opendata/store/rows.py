"""The rows of every version in a table of its own, ``rows_v{version_id}``.

Why a table per version rather than one generic JSON rows table: filters and sorting are plain column
comparisons that both SQLite and PostgreSQL plan well; a ``WHERE`` on one column never reads the
others; the unique ID column gets a real index (diffs between versions are index joins); loading uses
PostgreSQL ``COPY``; and dropping an old version's rows, should that ever be wanted, is one ``DROP``.
(CKAN's DataStore and Datasette make the same choice.)

Columns: ``_row`` (the data row number, 1 = first row under the header; primary key and the default
order), ``_hash`` (of the whole row, for diffs), ``c{i}`` the text of column i exactly as in the CSV
(``''`` when blank), and for integer/number columns ``n{i}``, the value as a double (NULL when blank or
not a number) used by range filters and numeric sorting.  Text compares by code point on both
databases (COLLATE "C" on PostgreSQL).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Float,
    Index,
    MetaData,
    String,
    Table,
    and_,
    case,
    func,
    literal,
    not_,
    or_,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from .models import ctext
from .paging import InvalidCursor, after, decode_cursor, encode_cursor, query_hash

PREFIX = "rows_v"
BATCH = 5000
NUMERIC_TYPES = ("integer", "number")
_NUM_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_INT_RE = re.compile(r"^[+-]?\d+$")


# --- values -----------------------------------------------------------------------------------------------
def to_number(value: str) -> float | None:
    if not value or not _NUM_RE.match(value):
        return None
    f = float(value)
    return f if math.isfinite(f) else None


def typed(value: str, type_: str) -> Any:
    """A CSV cell as a JSON value: blank → null, integer/number → a number, boolean → true/false; anything
    that does not parse stays text (the report lists it as a problem)."""
    if value == "":
        return None
    if type_ == "integer":
        return int(value) if _INT_RE.match(value) else value
    if type_ == "number":
        if _INT_RE.match(value):
            return int(value)
        f = to_number(value)
        return value if f is None else f
    if type_ == "boolean":
        low = value.lower()
        return True if low in ("true", "1", "yes") else False if low in ("false", "0", "no") else value
    return value


def row_hash(values: Sequence[str]) -> str:
    return hashlib.blake2b("\x1f".join(values).encode(), digest_size=16).hexdigest()


# --- table ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowsSpec:
    """What the rows code needs to know about a version."""

    version_id: int
    table: str
    columns: tuple[dict[str, Any], ...]
    row_count: int
    key_column: str | None = None

    @property
    def names(self) -> list[str]:
        return [c["name"] for c in self.columns]

    def index_of(self, name: str) -> int:
        return self.names.index(name)


def column_infos(header: Sequence[str], schema: dict[str, Any] | None) -> list[dict[str, Any]]:
    types = {f["name"]: f.get("type", "string") for f in (schema or {}).get("fields", [])}
    return [{"name": h, "type": types.get(h, "string"), "numeric": types.get(h) in NUMERIC_TYPES} for h in header]


def table_name(version_id: int) -> str:
    return f"{PREFIX}{version_id}"


def define_table(name: str, columns: Sequence[dict[str, Any]]) -> Table:
    cols: list[Column[Any]] = [Column("_row", BigInteger, primary_key=True, autoincrement=False),
                               Column("_hash", String(32), nullable=False)]
    for i, c in enumerate(columns):
        cols.append(Column(f"c{i}", ctext(), nullable=False))
        if c.get("numeric"):
            cols.append(Column(f"n{i}", Float))
    return Table(name, MetaData(), *cols)


@lru_cache(maxsize=256)
def _table_cached(name: str, key: tuple[tuple[str, bool], ...]) -> Table:
    return define_table(name, [{"name": n, "numeric": num} for n, num in key])


def table_for(spec: RowsSpec) -> Table:
    return _table_cached(spec.table, tuple((c["name"], bool(c.get("numeric"))) for c in spec.columns))


class RowLoader:
    """Create the table and stream rows into it (executemany batches on SQLite, COPY on PostgreSQL)."""

    def __init__(self, conn: Connection, name: str, columns: Sequence[dict[str, Any]]):
        self.conn = conn
        self.table = define_table(name, columns)
        self.width = len(columns)
        self.numeric = [bool(c.get("numeric")) for c in columns]
        self.count = 0
        self.table.create(conn)
        self._pg = conn.dialect.name == "postgresql"
        self._batch: list[tuple[Any, ...]] = []
        if self._pg:
            raw = conn.connection.driver_connection
            self._cur = raw.cursor()  # type: ignore[union-attr]
            self._copy_cm = self._cur.copy(f'COPY "{name}" FROM STDIN')
            self._copy = self._copy_cm.__enter__()
        else:
            n = 2 + self.width + sum(self.numeric)
            self._sql = f'INSERT INTO "{name}" VALUES ({",".join("?" * n)})'

    def add(self, values: Sequence[str]) -> None:
        self.count += 1
        rec: list[Any] = [self.count, row_hash(values)]
        for v, num in zip(values, self.numeric, strict=True):
            rec.append(v)
            if num:
                rec.append(to_number(v))
        if self._pg:
            self._copy.write_row(rec)
            return
        self._batch.append(tuple(rec))
        if len(self._batch) >= BATCH:
            self.conn.exec_driver_sql(self._sql, self._batch)
            self._batch = []

    def abort(self, exc: BaseException) -> None:
        """End a failed load so the connection can roll back (PostgreSQL: cancel the COPY)."""
        if self._pg:
            with contextlib.suppress(Exception):
                self._copy_cm.__exit__(type(exc), exc, exc.__traceback__)
            self._cur.close()
        self._batch = []

    def close(self, key_candidates: Iterable[str], names: Sequence[str]) -> str | None:
        """Flush, then choose the key column (the first candidate that is never blank and unique) and index it."""
        if self._pg:
            self._copy_cm.__exit__(None, None, None)
            self._cur.close()
        elif self._batch:
            self.conn.exec_driver_sql(self._sql, self._batch)
            self._batch = []
        t = self.table
        for cand in key_candidates:
            if cand not in names:
                continue
            col = t.c[f"c{list(names).index(cand)}"]
            n, distinct, blank = self.conn.execute(select(
                func.count(), func.count(col.distinct()), func.sum(case((col == "", 1), else_=0)))).one()
            if n == self.count and distinct == n and not blank:
                Index(f"ix_{t.name}_key", col, unique=True).create(self.conn)
                return cand
        Index(f"ix_{t.name}_hash", t.c._hash).create(self.conn)
        return None


def key_candidates(schema: dict[str, Any] | None, names: Sequence[str]) -> list[str]:
    out: list[str] = []
    pk = (schema or {}).get("primaryKey")
    if isinstance(pk, str):
        out.append(pk)
    elif isinstance(pk, list) and len(pk) == 1:
        out.append(pk[0])
    out += [f["name"] for f in (schema or {}).get("fields", []) if (f.get("constraints") or {}).get("unique")]
    out += [n for n in ("ID", "NO", "No", "番号") if n in names]
    return list(dict.fromkeys(out))


# --- queries ----------------------------------------------------------------------------------------------
class RowQueryError(ValueError):
    def __init__(self, code: str, message_ja: str, message_en: str, details: Any = None):
        super().__init__(message_en)
        self.code, self.message_ja, self.message_en, self.details = code, message_ja, message_en, details


OPS = {
    "exact": "等しい / equals", "not": "等しくない / not equal", "contains": "含む / contains",
    "startswith": "で始まる / starts with", "endswith": "で終わる / ends with",
    "gt": "より大きい / greater than", "gte": "以上 / at least", "lt": "より小さい / less than",
    "lte": "以下 / at most", "in": "いずれか（カンマ区切り）/ one of (comma-separated)",
    "notin": "いずれでもない / none of", "isblank": "空欄 / blank (=1)", "notblank": "空欄でない / not blank (=1)",
}


@dataclass(frozen=True)
class RowFilter:
    column: str
    op: str
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"column": self.column, "op": self.op, "value": self.value}


def parse_filters(items: Iterable[tuple[str, str]], names: Sequence[str]) -> list[RowFilter]:
    """``名称__contains=公園`` style parameters; names starting with ``_`` are options, not filters."""
    out = []
    for key, value in items:
        if key.startswith("_"):
            continue
        if key in names:
            out.append(RowFilter(key, "exact", value))
            continue
        col, sep, op = key.rpartition("__")
        if sep and col in names and op in OPS:
            out.append(RowFilter(col, op, value))
            continue
        if sep and col in names:
            raise RowQueryError("unknown-operator", f"「{op}」という条件はありません。使える条件: {', '.join(OPS)}。",
                                f"unknown filter operator {op!r}; use one of {', '.join(OPS)}",
                                {"parameter": key, "operators": OPS})
        raise RowQueryError("unknown-column", f"列「{col if sep else key}」はこのデータにありません。",
                            f"no column {col if sep else key!r} in this dataset",
                            {"parameter": key, "columns": list(names)})
    return out


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _condition(t: Table, spec: RowsSpec, f: RowFilter) -> ColumnElement[bool]:
    i = spec.index_of(f.column)
    c = t.c[f"c{i}"]
    n = t.c.get(f"n{i}")
    v = f.value
    num = to_number(v.strip()) if n is not None else None
    if f.op in ("exact", "not"):
        cond = (n == num) if n is not None and num is not None else (c == v)
        return not_(cond) if f.op == "not" else cond
    if f.op in ("contains", "startswith", "endswith"):
        e = _like_escape(v.lower())
        pat = {"contains": f"%{e}%", "startswith": f"{e}%", "endswith": f"%{e}"}[f.op]
        return func.lower(c).like(pat, escape="\\")
    if f.op in ("in", "notin"):
        vals = [x for x in v.split(",")]
        cond = c.in_(vals)
        return not_(cond) if f.op == "notin" else cond
    if f.op in ("isblank", "notblank"):
        want = v.strip().lower() not in ("0", "false", "no", "")
        blank = c == ""
        return blank if (f.op == "isblank") == want else not_(blank)
    # gt / gte / lt / lte
    if n is not None:
        if num is None:
            raise RowQueryError("invalid-number", f"「{f.column}」は数値の列です。「{v}」は数値ではありません。",
                                f"{f.column!r} is numeric; {v!r} is not a number", {"parameter": f"{f.column}__{f.op}"})
        target: Any = n
        val: Any = num
    else:
        target, val = c, v
    cmp = {"gt": target > val, "gte": target >= val, "lt": target < val, "lte": target <= val}[f.op]
    return and_(cmp, c != "") if n is None else cmp


@dataclass
class RowPage:
    rows: list[dict[str, Any]]
    next: str | None
    count: int
    filters: list[RowFilter] = field(default_factory=list)


def row_dict(spec: RowsSpec, r: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"_row": r._row}
    for i, c in enumerate(spec.columns):
        d[c["name"]] = typed(getattr(r, f"c{i}"), c.get("type", "string"))
    return d


def query_rows(conn: Connection, spec: RowsSpec, *, filters: Sequence[RowFilter] = (), sort: str | None = None,
               desc: bool = False, limit: int = 100, cursor: str | None = None) -> RowPage:
    t = table_for(spec)
    where = [_condition(t, spec, f) for f in filters]
    qh = query_hash([spec.version_id, [f.to_dict() for f in filters], sort, desc])
    sort_name = f"{'-' if desc else ''}{sort or '_row'}"
    if sort is None:
        keys: list[tuple[Any, bool]] = [(t.c._row, False)]
        flag: Any = None
    else:
        if sort not in spec.names:
            raise RowQueryError("unknown-column", f"並べ替えの列「{sort}」はこのデータにありません。",
                                f"cannot sort: no column {sort!r}", {"columns": spec.names})
        i = spec.index_of(sort)
        n = t.c.get(f"n{i}")
        value: Any = n if n is not None else t.c[f"c{i}"]
        blank = n.is_(None) if n is not None else t.c[f"c{i}"] == ""
        flag = case((blank, 1), else_=0)               # blanks last, in both directions
        keys = [(flag, False), (value, desc), (t.c._row, False)]
    cond_after = None
    if cursor:
        try:
            vals = decode_cursor(cursor, sort_name, qh, len(keys))
        except InvalidCursor:
            raise RowQueryError("invalid-cursor", "ページ送りの指定（_next）が正しくないか、別の検索条件のものです。",
                                "invalid _next cursor (or it belongs to other filters / sort)") from None
        if sort is not None and vals[0] == 1:
            cond_after = and_(flag == 1, t.c._row > vals[2])
        else:
            cond_after = after(keys, vals)
    q = select(t).where(*where)
    if cond_after is not None:
        q = q.where(cond_after)
    q = q.order_by(*[(k.desc() if d else k.asc()) for k, d in keys]).limit(limit + 1)
    got = conn.execute(q).all()
    more = len(got) > limit
    got = got[:limit]
    nxt = None
    if more and got:
        last = got[-1]
        if sort is None:
            kv: list[Any] = [last._row]
        else:
            i = spec.index_of(sort)
            raw = getattr(last, f"n{i}") if f"n{i}" in t.c else getattr(last, f"c{i}")
            is_blank = raw is None or raw == ""
            kv = [1 if is_blank else 0, None if is_blank else raw, last._row]
        nxt = encode_cursor(sort_name, kv, qh)
    count = spec.row_count if not where else conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one()
    return RowPage([row_dict(spec, r) for r in got], nxt, int(count), list(filters))


# --- diff -------------------------------------------------------------------------------------------------
def diff(conn: Connection, old: RowsSpec, new: RowsSpec, limit: int = 100) -> dict[str, Any]:
    """Rows added / removed / changed from ``old`` to ``new``, matched by the ID column when both versions
    have the same unique one, otherwise by whole-row content (then a change shows as removed + added)."""
    to, tn = table_for(old), table_for(new)
    key = old.key_column if old.key_column and old.key_column == new.key_column else None
    out: dict[str, Any] = {"key": key, "limit": limit}
    if key:
        ko, kn = to.c[f"c{old.index_of(key)}"], tn.c[f"c{new.index_of(key)}"]
        common = [n for n in new.names if n in old.names]
        same_layout = old.names == new.names
        differs: ColumnElement[bool]
        if same_layout:
            differs = to.c._hash != tn.c._hash
        elif common:
            differs = or_(*[to.c[f"c{old.index_of(n)}"] != tn.c[f"c{new.index_of(n)}"] for n in common])
        else:
            differs = literal(True)
        added_q = select(tn).outerjoin(to, ko == kn).where(to.c._row.is_(None))
        removed_q = select(to).outerjoin(tn, ko == kn).where(tn.c._row.is_(None))
        changed_q = select(to, tn).join(tn, ko == kn).where(differs)
        out["added"] = [row_dict(new, r) for r in conn.execute(added_q.order_by(tn.c._row).limit(limit))]
        out["removed"] = [row_dict(old, r) for r in conn.execute(removed_q.order_by(to.c._row).limit(limit))]
        changed = []
        nto = len(to.c)
        for r in conn.execute(changed_q.order_by(tn.c._row).limit(limit)):
            vals = tuple(r)
            before = row_dict(old, _Row(to, vals[:nto]))
            after_ = row_dict(new, _Row(tn, vals[nto:]))
            cols = [n for n in new.names if before.get(n) != after_.get(n)] + \
                   [n for n in old.names if n not in new.names]
            changed.append({"key": after_.get(key), "before": before, "after": after_, "columns": cols})
        out["changed"] = changed
        counts = {
            "added": conn.execute(select(func.count()).select_from(added_q.subquery())).scalar_one(),
            "removed": conn.execute(select(func.count()).select_from(removed_q.subquery())).scalar_one(),
            "changed": conn.execute(select(func.count()).select_from(
                select(tn.c._row).join(to, ko == kn).where(differs).subquery())).scalar_one(),
        }
        counts["unchanged"] = new.row_count - counts["added"] - counts["changed"]
    else:
        added_q = select(tn).where(tn.c._hash.not_in(select(to.c._hash)))
        removed_q = select(to).where(to.c._hash.not_in(select(tn.c._hash)))
        out["added"] = [row_dict(new, r) for r in conn.execute(added_q.order_by(tn.c._row).limit(limit))]
        out["removed"] = [row_dict(old, r) for r in conn.execute(removed_q.order_by(to.c._row).limit(limit))]
        out["changed"] = []
        counts = {
            "added": conn.execute(select(func.count()).select_from(added_q.subquery())).scalar_one(),
            "removed": conn.execute(select(func.count()).select_from(removed_q.subquery())).scalar_one(),
            "changed": 0,
        }
        counts["unchanged"] = new.row_count - counts["added"]
    out["counts"] = {k: int(v) for k, v in counts.items()}
    out["truncated"] = any(out["counts"][k] > len(out[k]) for k in ("added", "removed", "changed"))
    return out


class _Row:
    """Attribute access to one table's slice of a joined result row."""

    def __init__(self, t: Table, values: tuple[Any, ...]):
        for col, v in zip(t.c, values, strict=True):
            setattr(self, col.name, v)


def drop_table(conn: Connection, name: str) -> None:
    if not name.startswith(PREFIX) or not name[len(PREFIX):].isdigit():
        raise ValueError(name)
    conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
