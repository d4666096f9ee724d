"""Collects findings from either engine and turns them into Problems.

* Generic errors (frictionless' type/constraint/row errors) are translated into our codes with
  Japanese messages; a generic error is dropped when a Japanese check explains the same cell more
  precisely (和暦 in a date field, 5 digits in a code field …).
* Memory does not grow with rows: every code is counted in full, but only the first ``keep``
  problems per code (in row/column order, whatever order they arrive in) are kept.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from typing import Any

from .checks import Finding
from .plan import ColumnSpec, Plan
from .problems import Problem, make_problem

DEFAULT_KEEP = 1000

_ENUM_SYNONYMS = {
    "有": ("有", "あり", "有り", "○", "◯", "〇", "●", "◎", "✓", "✔", "レ", "1", "yes", "Yes", "YES", "true", "TRUE"),
    "無": ("無", "なし", "無し", "×", "✕", "✖", "-", "－", "ー", "0", "no", "No", "NO", "false", "FALSE"),
    "1": ("1", "１", "○", "◯", "〇", "●", "◎", "✓", "✔", "有", "あり", "有り", "1.0"),
}


def enum_suggestion(value: str, allowed: list[str]) -> str | None:
    v = value.strip()
    norm = unicodedata.normalize("NFKC", v)
    for a in allowed:
        if norm == a:
            return a
        if v in _ENUM_SYNONYMS.get(a, ()):
            return a
    starts = [a for a in allowed if a.startswith(v) and v]
    if len(starts) == 1:
        return starts[0]  # 階 -> 階数
    return None


def _number_detail(value: str, integer: bool) -> tuple[str, str | None]:
    v = unicodedata.normalize("NFKC", value).strip()
    m = re.fullmatch(r"(約|およそ)?\s*([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*([^\d\s,.]*)", v)
    if m:
        num = m.group(2).replace(",", "")
        unit = m.group(3)
        if integer and "." in num:
            return "：小数は使えません", None
        parts = []
        if m.group(1):
            parts.append(f"「{m.group(1)}」")
        if unit:
            parts.append(f"単位「{unit}」")
        if "," in m.group(2):
            parts.append("桁区切りのカンマ")
        if parts:
            return "：" + "と".join(parts) + "が含まれています", num
        return "", num
    if v in ("-", "―", "ー", "－", "なし", "無し", "不明", "―", "—"):
        return "：値がない場合は空欄にしてください", ""
    return "", None


class Collector:
    def __init__(self, plan: Plan, keep: int = DEFAULT_KEEP):
        self.plan = plan
        self.keep = keep
        self.counts: Counter[str] = Counter()
        self.counts_by_column: Counter[tuple[str, int]] = Counter()
        self._heaps: dict[str, list[Any]] = {}
        self._seq = 0
        self._explain_cache: dict[tuple[int, str], bool] = {}

    # --- adding ---------------------------------------------------------------------------
    def add(self, p: Problem) -> None:
        self.counts[p.code] += 1
        self.counts_by_column[(p.code, p.column or 0)] += 1
        heap = self._heaps.setdefault(p.code, [])
        key = p.sort_key()
        self._seq += 1
        # max-heap of the `keep` smallest keys: store negated ordering via a wrapper tuple
        item: Any = (_neg(key), -self._seq, p)
        if len(heap) < self.keep:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)

    def explained(self, spec: ColumnSpec, value: str) -> bool:
        """True when a Japanese check of this column reports something for this value."""
        if not spec.explaining:
            return False
        k = (spec.index, value)
        r = self._explain_cache.get(k)
        if r is None:
            r = any(c.check(value) for c in spec.explaining)
            if len(self._explain_cache) < 100_000:
                self._explain_cache[k] = r
        return r

    def add_finding(self, row: int, spec: ColumnSpec, value: str, f: Finding) -> None:
        self.add(make_problem(f.code, row=row, column=spec.index + 1, field=spec.display_name, value=value,
                              suggestion=f.suggestion, **f.params))

    def add_generic(self, kind: str, row: int, spec: ColumnSpec | None, value: Any = None,
                    constraint: str | None = None, first_row: int | None = None, column: int | None = None) -> None:
        if kind == "blank-row":
            self.add(make_problem("blank-row", row=row))
            return
        if kind == "extra-cell":
            self.add(make_problem("extra-cell", row=row, column=column, value=str(value)))
            return
        assert spec is not None
        col = spec.index + 1
        name = spec.display_name
        sval = "" if value is None else str(value)
        if kind == "missing-cell":
            self.add(make_problem("missing-cell", row=row, column=col, field=name))
            return
        if kind in ("type-error", "constraint-error") and (kind == "type-error" or constraint == "pattern") \
                and self.explained(spec, sval):
            return
        d = spec.descriptor
        if kind == "type-error":
            t = d.get("type")
            if t in ("integer", "number"):
                detail, fix = _number_detail(sval, t == "integer")
                self.add(make_problem("type-integer" if t == "integer" else "type-number", row=row, column=col,
                                      field=name, value=sval, suggestion=fix, detail=detail))
            elif t == "date":
                self.add(make_problem("type-date", row=row, column=col, field=name, value=sval))
            elif t == "time":
                self.add(make_problem("type-time", row=row, column=col, field=name, value=sval))
            else:
                self.add(make_problem("pattern-mismatch", row=row, column=col, field=name, value=sval,
                                      format_ja=t, pattern=t))
            return
        if kind == "unique-error":
            self.add(make_problem("duplicate-value", row=row, column=col, field=name, value=sval, first_row=first_row))
            return
        cons = d.get("constraints", {})
        if constraint == "required":
            self.add(make_problem("required-missing", row=row, column=col, field=name))
        elif constraint == "enum":
            allowed = [str(a) for a in cons.get("enum", [])]
            self.add(make_problem("enum-value", row=row, column=col, field=name, value=sval,
                                  suggestion=enum_suggestion(sval, allowed),
                                  allowed="、".join(f"「{a}」" for a in allowed) + (
                                      "（該当しない場合は空欄）" if allowed == ["1"] else ""),
                                  allowed_en=", ".join(allowed)))
        elif constraint == "pattern":
            fmt = (self._field_meta(spec).get("x-ja") or {}).get("format") or cons.get("pattern")
            self.add(make_problem("pattern-mismatch", row=row, column=col, field=name, value=sval,
                                  format_ja=fmt, pattern=cons.get("pattern")))
        elif constraint in ("minimum", "exclusiveMinimum"):
            self.add(make_problem("below-minimum", row=row, column=col, field=name, value=sval,
                                  minimum=cons.get(constraint)))
        else:
            self.add(make_problem("pattern-mismatch", row=row, column=col, field=name, value=sval,
                                  format_ja=str(constraint), pattern=str(constraint)))

    @staticmethod
    def _field_meta(spec: ColumnSpec) -> dict[str, Any]:
        return spec.source or {}

    # --- reading ---------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        out = [item[2] for heap in self._heaps.values() for item in heap]
        out.sort(key=lambda p: p.sort_key())
        return out

    @property
    def truncated(self) -> bool:
        return any(self.counts[c] > len(h) for c, h in self._heaps.items())


class _Neg:
    """Inverts ordering so heapq (a min-heap) keeps the largest of the kept keys on top."""

    __slots__ = ("k",)

    def __init__(self, k: tuple[int, int, str, str]):
        self.k = k

    def __lt__(self, other: _Neg) -> bool:
        return self.k > other.k

    def __gt__(self, other: _Neg) -> bool:
        return self.k < other.k

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Neg) and self.k == other.k


def _neg(k: tuple[int, int, str, str]) -> _Neg:
    return _Neg(k)
