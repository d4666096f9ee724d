"""Header checks: exact item names and order, look-alike characters named, duplicates, blanks.

The analysis also decides which schema field each file column holds (exact name, then a known
alias, then the same name up to look-alike characters), so that cell checks still run on the right
field when the header has problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from converters.jp.chars import canonical_name, describe_differences

from .problems import Problem, make_problem


@dataclass
class ColumnMatch:
    index: int                      # 0-based file column
    label: str
    field: dict[str, Any] | None    # schema field descriptor, or None for a column the schema lacks
    how: str                        # exact | alias | lookalike | extra | blank | duplicate


@dataclass
class HeaderAnalysis:
    columns: list[ColumnMatch]
    problems: list[Problem]
    matched: int
    expected: int

    @property
    def exact(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def _lis_indices(seq: list[int]) -> set[int]:
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


def analyse_header(labels: list[str], schema: dict[str, Any], header_row: int = 1) -> HeaderAnalysis:
    fields: list[dict[str, Any]] = schema["fields"]
    meta = schema.get("x-opendata", {})
    order_confirmed = meta.get("orderConfirmed", True)
    confirmed_through = meta.get("orderConfirmedThrough", len(fields) if order_confirmed else 0)
    by_name = {f["name"]: i for i, f in enumerate(fields)}
    by_alias = {a: i for i, f in enumerate(fields) for a in f.get("x-aliases", [])}
    by_canon: dict[str, int] = {}
    for i, f in enumerate(fields):
        for n in [f["name"], *f.get("x-aliases", [])]:
            by_canon.setdefault(canonical_name(n), i)

    problems: list[Problem] = []
    taken: dict[int, int] = {}  # field index -> file column
    cols: list[ColumnMatch] = []
    seen_labels: dict[str, int] = {}

    # pass 1: exact names (so that an exact column wins over a look-alike duplicate elsewhere)
    exact_for: dict[int, int] = {}
    for ci, lab in enumerate(labels):
        fi = by_name.get(lab)
        if fi is not None and fi not in exact_for.values():
            exact_for[ci] = fi

    for ci, lab in enumerate(labels):
        col = ci + 1
        if lab in seen_labels:
            problems.append(make_problem("header-duplicate", row=header_row, column=col, value=lab,
                                         other=seen_labels[lab]))
            cols.append(ColumnMatch(ci, lab, None, "duplicate"))
            continue
        seen_labels[lab] = col
        if lab.strip() == "":
            problems.append(make_problem("header-blank", row=header_row, column=col, value=lab))
            cols.append(ColumnMatch(ci, lab, None, "blank"))
            continue
        if ci in exact_for:
            fi = exact_for[ci]
            taken[fi] = ci
            cols.append(ColumnMatch(ci, lab, fields[fi], "exact"))
            continue
        fi2 = by_alias.get(lab)
        if fi2 is not None and fi2 not in taken and fi2 not in exact_for.values():
            taken[fi2] = ci
            problems.append(make_problem("header-alias", row=header_row, column=col, value=lab,
                                         field=fields[fi2]["name"]))
            cols.append(ColumnMatch(ci, lab, fields[fi2], "alias"))
            continue
        fi3 = by_canon.get(canonical_name(lab))
        if fi3 is not None and fi3 not in taken and fi3 not in exact_for.values():
            taken[fi3] = ci
            target = fields[fi3]["name"]
            diffs = describe_differences(lab, target)
            missing_chars = [c for c in target if c not in lab]
            if missing_chars and not diffs:
                diffs = [f"「{''.join(dict.fromkeys(missing_chars))}」が正しい表記です"]
            detail = "、".join(diffs) or "文字の種類（全角・半角など）が違います"
            problems.append(make_problem("header-lookalike", row=header_row, column=col, value=lab, field=target,
                                         detail=detail, detail_en="; ".join(dict.fromkeys(
                                             f"U+{ord(c):04X}" for c in lab if c not in target)) or "character widths"))
            cols.append(ColumnMatch(ci, lab, fields[fi3], "lookalike"))
            continue
        problems.append(make_problem("header-extra-column", row=header_row, column=col, value=lab))
        cols.append(ColumnMatch(ci, lab, None, "extra"))

    for fi, f in enumerate(fields):
        if fi not in taken:
            problems.append(make_problem("header-missing-column", row=header_row, field=f["name"], position=fi + 1))

    # order: matched fields must appear in schema order
    matched = sorted(taken.items(), key=lambda kv: kv[1])  # (field index, file column) in file order
    seq = [fi for fi, _ in matched]
    keep = _lis_indices(seq)
    for k, (fi, ci) in enumerate(matched):
        if k in keep:
            continue
        confirmed = fi < confirmed_through
        code = "header-order" if confirmed else "header-order-unconfirmed"
        problems.append(make_problem(code, row=header_row, column=ci + 1, field=fields[fi]["name"],
                                     actual=ci + 1, expected=fi + 1))
    problems.sort(key=lambda p: (p.column or 10_000, p.code))
    return HeaderAnalysis(cols, problems, matched=len(taken), expected=len(fields))
