"""Keyset pagination: opaque cursors and the WHERE clause that continues after the last item.

A cursor is base64url(JSON) of the sort keys of the last item, the sort name and a short hash of the
query it belongs to, so a cursor used with other filters is refused instead of silently skipping rows.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement


class InvalidCursor(ValueError):
    pass


def query_hash(params: Any) -> str:
    return hashlib.sha256(json.dumps(params, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:12]


def encode_cursor(sort: str, values: Sequence[Any], qhash: str) -> str:
    raw = json.dumps({"s": sort, "k": list(values), "q": qhash}, ensure_ascii=False, separators=(",", ":"),
                     default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str, sort: str, qhash: str, n_keys: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        d = json.loads(raw)
        values = d["k"]
        ok = d["s"] == sort and d["q"] == qhash and isinstance(values, list) and len(values) == n_keys
    except (ValueError, KeyError, TypeError) as e:
        raise InvalidCursor(str(e)) from None
    if not ok:
        raise InvalidCursor("the cursor belongs to another query or sort order")
    return values


def after(keys: Sequence[tuple[Any, bool]], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the order of ``keys`` ((expression, descending) pairs).

    (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, with < for descending keys.  No key may be NULL: callers
    sort on non-null expressions (COALESCE, or a separate is-blank flag).
    """
    ors = []
    for i, (expr, desc) in enumerate(keys):
        eqs = [k == v for (k, _), v in zip(keys[:i], values[:i], strict=True)]
        cmp = expr < values[i] if desc else expr > values[i]
        ors.append(and_(*eqs, cmp))
    return or_(*ors)
