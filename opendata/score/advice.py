""""Fix first" advice: each fix is an edit of the inputs (problem groups removed, a metadata field
filled) and its gain is the difference of two scores, so the advice and the rubric cannot disagree.

File problems are grouped so that one advice is one thing a clerk does: all header problems together,
problems failing the same readability rules together (machine-dependent characters in any column),
and otherwise one code in one column ("名称_カナ が 40 件空欄です").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from .facts import HEADER_CODES, FileFacts, Group, GroupKey
from .labels import label
from .model import FAIL, Advice, Layer, r1
from .readability import rules_of

Scorer = Callable[[FileFacts, Mapping[str, Any] | None], list[Layer]]


def _changed(before: list[Layer], after: list[Layer]) -> list[str]:
    return [a.id for a, b in zip(before, after, strict=True) if abs(a.points - b.points) > 1e-9]


def total_of(layers: list[Layer]) -> float:
    mx = sum(la.assessed_max for la in layers)
    return 100 * sum(la.points for la in layers) / mx if mx else 0.0


def _group_key(g: Group) -> str:
    if g.code in HEADER_CODES:
        return "header"
    rules = rules_of(g)
    return "rules:" + ",".join(sorted(rules)) if rules else f"{g.code}:{g.column}"


def partition(groups: list[Group]) -> dict[str, list[Group]]:
    """Advice units: groups by :func:`_group_key`, then units that share a cell merged (one edit of
    "90人" fixes both its type-integer and its not-halfwidth problem)."""
    units: dict[str, list[Group]] = {}
    for g in groups:
        units.setdefault(_group_key(g), []).append(g)
    parent = {k: k for k in units}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    owner: dict[tuple[int, int], str] = {}
    for k, gs in units.items():
        for g in gs:
            for p in g.problems:
                if p.row is None or not p.column or not g.is_cell_level:
                    continue
                other = owner.setdefault((p.row, p.column), k)
                a, b = find(other), find(k)
                if a != b:
                    keep, drop = sorted((a, b), key=_rank)
                    parent[drop] = keep
    merged: dict[str, list[Group]] = {}
    for k, gs in units.items():
        merged.setdefault(find(k), []).extend(gs)
    return merged


def _rank(key: str) -> tuple[int, str]:
    """Which key names a merged unit: header, then readability rules, then a plain code."""
    return (0 if key == "header" else 1 if key.startswith("rules:") else 2, key)


def _cols(gs: list[Group]) -> tuple[str, str]:
    cols = sorted({g.field for g in gs if g.field})
    return ("（" + "、".join(cols) + "）", " (" + ", ".join(cols) + ")") if cols else ("", "")


def _text(key: str, gs: list[Group]) -> tuple[str, str]:
    n = sum(g.count for g in gs)
    if key == "header":
        parts = [(label(g.code), g.count) for g in sorted(gs, key=lambda g: (g.code, g.column))]
        merged: dict[tuple[str, str], int] = {}
        for lab, c in parts:
            merged[lab] = merged.get(lab, 0) + c
        ja = "、".join(f"{lab[0]} {c}件" for lab, c in merged.items())
        en = ", ".join(f"{lab[1]}: {c}" for lab, c in merged.items())
        return f"見出し（項目名の行）を標準どおりに直してください: {ja}", f"Make the header match the standard: {en}"
    g0 = gs[0]
    field = g0.field or ""
    if g0.code == "required-missing":
        return f"{field} が {n} 件空欄です", f"{field} is blank in {n} rows"
    if g0.code == "duplicate-value":
        return f"{field} に重複した値が {n} 件あります", f"{field} has {n} duplicate values"
    if g0.code == "file-name":
        p = g0.problems[0] if g0.problems else None
        exp = str((p.params if p else {}).get("expected") or "")
        return f"ファイル名を命名規則「{exp}」に合わせてください", f"Rename the file as {exp}"
    codes = sorted({g.code for g in gs})
    if key.startswith("rules:"):
        cj, ce = _cols(gs)
        rules = key.split(":", 1)[1].replace(",", "・")
        ja = "、".join(f"{label(c)[0]} {sum(g.count for g in gs if g.code == c)}件" for c in codes)
        en = ", ".join(f"{label(c)[1]}: {sum(g.count for g in gs if g.code == c)}" for c in codes)
        return f"{ja}{cj}を直してください（{rules}）", f"Fix {en}{ce} ({rules.replace('・', ', ')})"
    lj, le = label(g0.code)
    if lj == g0.code and g0.problems:      # no short label: the validator's own message
        return f"{g0.problems[0].message_ja}（{n}件）", f"{g0.problems[0].message_en} ({n})"
    cj, ce = _cols(gs)
    return f"{lj}{cj} {n}件を直してください", f"Fix {le}{ce}: {n}"


#: metadata fixes: (criteria it flips, edit, Japanese, English)
def _meta_fixes(today: dt.date) -> list[tuple[tuple[str, ...], Callable[[dict[str, Any]], None], str, str]]:
    def setter(**kv: Any) -> Callable[[dict[str, Any]], None]:
        return lambda d: d.update(kv)

    return [
        (("license", "license-vocabulary"), setter(license="CC-BY-4.0"),
         "ライセンス（license）を語彙から記入してください（例 CC-BY-4.0、PDL-1.0）",
         "State the licence from the vocabulary (e.g. CC-BY-4.0, PDL-1.0)"),
        (("keywords",), setter(keywords=["_"]), "キーワード（keywords）を記入してください", "Add keywords"),
        (("theme",), setter(theme="_"), "テーマ（theme）を記入してください（例 防災、健康・福祉）", "Add a theme"),
        (("spatial",), setter(spatial="鳥取県鳥取市"), "対象地域（spatial）を記入してください", "Add the spatial coverage"),
        (("temporal",), setter(temporal={"start": today.isoformat()}),
         "対象期間（temporal: {start, end}）を記入してください", "Add the temporal coverage"),
        (("contact",), setter(contact={"email": "x@example.jp"}),
         "連絡先（contact の email か phone）を記入してください", "Add a contact e-mail or phone"),
        (("publisher",), setter(organization="_"), "提供者（organization）を記入してください", "Add the publisher"),
        (("dates",), setter(issued=today.isoformat(), modified=today.isoformat()),
         "公開日（issued）と最終更新日（modified）を YYYY-MM-DD で記入してください", "Add issued and modified dates"),
        (("frequency",), setter(accrual_periodicity="annual"),
         "更新頻度（accrual_periodicity）を記入してください", "State the update frequency"),
        (("update-kept",), setter(modified=today.isoformat()),
         "データを更新し、最終更新日（modified）を更新してください", "Update the data and its modified date"),
    ]


def advise(facts: FileFacts, meta: Mapping[str, Any] | None, scorer: Scorer, today: dt.date) -> list[Advice]:
    base_layers = scorer(facts, meta)
    base = total_of(base_layers)
    out: list[Advice] = []

    groups = partition([g for g in facts.groups.values() if g.severity != "info"])
    for key, gs in groups.items():
        keys: set[GroupKey] = {g.key for g in gs}
        after = scorer(facts.without(keys), meta)
        gain = r1(total_of(after) - base)
        if gain <= 0:
            continue
        ja, en = _text(key, gs)
        out.append(Advice(key, ja, en, gain, _changed(base_layers, after), sorted({g.code for g in gs}),
                          sum(g.count for g in gs)))

    if meta is not None:
        md = next(la for la in base_layers if la.id == "metadata")
        failing = {c.id for c in md.criteria if c.status == FAIL}
        for cids, edit, ja, en in _meta_fixes(today):
            if not failing & set(cids):
                continue
            m2 = dict(meta)
            edit(m2)
            after = scorer(facts, m2)
            gain = r1(total_of(after) - base)
            if gain > 0:
                out.append(Advice("metadata:" + cids[0], ja, en, gain, _changed(base_layers, after), [], 0))
    out.sort(key=lambda a: (-a.gain, a.key))
    return out
