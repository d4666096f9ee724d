"""Which standard dataset does a file follow, and on which row is its header?

Scores every available schema against the first rows of the file (item names compared after
normalisation, so a look-alike header still counts) and the file name (``312011_aed.csv``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import schemas
from converters.jp.chars import canonical_name

MAX_HEADER_SCAN = 20


@dataclass
class Detection:
    schema_id: str | None
    score: float
    header_row: int
    candidates: list[tuple[str, float]] = field(default_factory=list)

    @property
    def confidence(self) -> str:
        return "high" if self.score >= 0.8 else "medium" if self.score >= 0.5 else "low"


@cache
def _canon_fields(schema_id: str) -> tuple[frozenset[str], int]:
    s = schemas.load(schema_id)
    names: set[str] = set()
    for f in s["fields"]:
        names.add(canonical_name(f["name"]))
        names.update(canonical_name(a) for a in f.get("x-aliases", []))
    return frozenset(names), len(s["fields"])


def header_score(labels: list[str], schema_id: str) -> float:
    """Share of items matched: 2·matched / (schema items + non-blank labels), in 0..1."""
    names, nfields = _canon_fields(schema_id)
    labs = [canonical_name(x) for x in labels if x and x.strip()]
    if not labs:
        return 0.0
    matched = len({x for x in labs if x in names})
    return 2 * matched / (nfields + len(labs))


def slug_from_filename(filename: str) -> str | None:
    m = re.match(r"^(?:.*?_)?[0-9]{6}_([a-z_]+?)(?:_[0-9].*)?\.(?:csv|CSV|xlsx|xls|tsv)$", filename)
    return m.group(1) if m else None


def detect(records: list[list[str]], filename: str = "", only: list[str] | None = None) -> Detection:
    ids = only or schemas.available_ids()
    slug = slug_from_filename(filename)
    best: tuple[float, int, str | None] = (0.0, 1, None)
    per_schema: dict[str, float] = {}
    for r, labels in enumerate(records[:MAX_HEADER_SCAN], start=1):
        if not any(x.strip() for x in labels):
            continue
        for sid in ids:
            sc = header_score(labels, sid)
            meta = schemas.load(sid).get("x-opendata", {})
            if slug and slug in (meta.get("slug"), *meta.get("fileNameSlugs", [])):
                sc += 0.05
            if sc > per_schema.get(sid, -1):
                per_schema[sid] = sc
            if sc > best[0] + 1e-9:
                best = (sc, r, sid)
    cands = sorted(per_schema.items(), key=lambda kv: -kv[1])[:5]
    return Detection(best[2] if best[0] >= 0.2 else None, round(min(best[0], 1.0), 3), best[1],
                     [(k, round(min(v, 1.0), 3)) for k, v in cands])


def resolve_dataset(name: str, labels: list[str] | None = None) -> str:
    """'2026/public_toilet', 'public_toilet', 'public_toilet@2021', '公衆トイレ一覧' -> a schema id."""
    ids = schemas.available_ids()
    n = name.strip()
    if n in ids:
        return n
    if n.startswith("city/"):
        schemas.load(n)          # a registered city schema (KeyError when it is not loaded)
        return n
    from converters.mapping import schema_ids_named

    n = unicodedata.normalize("NFKC", n).strip()
    if n.lower() in ids:
        return n.lower()
    m = re.match(r"^(.+?)[@:](2021|2026)$", n)
    if m:
        named = [sid for sid in schema_ids_named(m.group(1)) if sid.startswith(m.group(2) + "/")]
        if named:
            return named[0]
        n = m.group(1)
    matches = schema_ids_named(n)
    if not matches:
        raise KeyError(name)
    if len(matches) == 1:
        return matches[0]
    if labels:
        return max(matches, key=lambda sid: (header_score(labels, sid), sid))
    # the newest generation whose column list is confirmed enough, else the 2021 one
    good = [sid for sid in matches if schemas.load(sid)["x-opendata"].get("confidence") in ("high", "medium")]
    return sorted(good or matches)[-1] if good else sorted(matches)[0]


def describe(sid: str) -> dict[str, Any]:
    m = schemas.load(sid)["x-opendata"]
    return {k: m.get(k) for k in ("id", "nameJa", "generation", "generationName", "slug", "confidence",
                                  "orderConfirmed", "columnsStatus")}
