"""The shape of a score: criteria grouped in layers, one 0–100 total with a band, advice.

Every criterion has fixed maximum points (docs/score.md).  A criterion that cannot be measured for the
input (no metadata given, no licence known) is ``n/a``: it is left out of the maximum, and the total is
the share of the points that could be measured (``earned / assessed × 100``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PASS, FAIL, PARTIAL, NA = "pass", "fail", "partial", "n/a"
STATUS_JA = {PASS: "合格", FAIL: "不合格", PARTIAL: "一部", NA: "対象外"}

#: (lowest total, band, Japanese, English) — four bands as the MQA rates (Excellent … Bad)
BANDS: tuple[tuple[float, str, str, str], ...] = (
    (90.0, "A", "優良", "excellent"),
    (75.0, "B", "良好", "good"),
    (50.0, "C", "要改善", "needs work"),
    (0.0, "D", "不十分", "poor"),
)


def band_of(total: float) -> tuple[str, str, str]:
    for low, b, ja, en in BANDS:
        if total >= low:
            return b, ja, en
    return BANDS[-1][1:]


def r1(x: float) -> float:
    """Round half up to one decimal (the same figure everywhere: JSON, text, tests)."""
    return float(f"{x + 1e-9:.1f}") if x >= 0 else -float(f"{-x + 1e-9:.1f}")


@dataclass
class Evidence:
    """Where a criterion failed: a count and up to a few locations, in both languages."""

    text_ja: str
    text_en: str
    count: int = 0
    locations: list[str] = field(default_factory=list)     # e.g. "E列3行目" (as the clerk counts)

    def to_dict(self) -> dict[str, Any]:
        return {"text_ja": self.text_ja, "text_en": self.text_en, "count": self.count, "locations": self.locations}


@dataclass
class Criterion:
    id: str                       # e.g. "L1-08", "star-4", "rows-valid", "keywords"
    title_ja: str
    title_en: str
    points: float                 # maximum
    earned: float = 0.0
    status: str = PASS            # pass | fail | partial | n/a
    refs: list[str] = field(default_factory=list)      # the rules it measures, e.g. ["L1-08", "2020: 1-10"]
    evidence: list[Evidence] = field(default_factory=list)
    measure_ja: str = ""          # how it is measured (short)

    @property
    def assessed(self) -> bool:
        return self.status != NA

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title_ja": self.title_ja, "title_en": self.title_en, "points": self.points,
                "earned": round(self.earned, 2), "status": self.status, "status_ja": STATUS_JA[self.status],
                "refs": self.refs, "evidence": [e.to_dict() for e in self.evidence]}


def passed(c: Criterion) -> Criterion:
    c.earned, c.status = c.points, PASS
    return c


def failed(c: Criterion, *evidence: Evidence) -> Criterion:
    c.earned, c.status = 0.0, FAIL
    c.evidence.extend(evidence)
    return c


def not_assessed(c: Criterion, why_ja: str, why_en: str) -> Criterion:
    c.earned, c.status = 0.0, NA
    c.evidence.append(Evidence(why_ja, why_en))
    return c


@dataclass
class Layer:
    id: str                       # stars | readability | conformance | metadata
    name_ja: str
    name_en: str
    criteria: list[Criterion]

    @property
    def max(self) -> float:
        return sum(c.points for c in self.criteria)

    @property
    def assessed_max(self) -> float:
        return sum(c.points for c in self.criteria if c.assessed)

    @property
    def points(self) -> float:
        return sum(c.earned for c in self.criteria if c.assessed)

    @property
    def assessed(self) -> bool:
        return self.assessed_max > 0

    def criterion(self, cid: str) -> Criterion:
        return next(c for c in self.criteria if c.id == cid)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name_ja": self.name_ja, "name_en": self.name_en, "points": r1(self.points),
                "max": self.max, "assessed_max": self.assessed_max, "assessed": self.assessed,
                "percent": r1(100 * self.points / self.assessed_max) if self.assessed_max else None,
                "criteria": [c.to_dict() for c in self.criteria]}


@dataclass
class Advice:
    """One thing to fix, with the points the total gains when it alone is fixed."""

    key: str
    text_ja: str
    text_en: str
    gain: float                   # points of the 0–100 total
    layers: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    count: int = 0

    @property
    def line_ja(self) -> str:
        return f"{self.text_ja}（+{fmt_points(self.gain)}点）"

    @property
    def line_en(self) -> str:
        return f"{self.text_en} (+{fmt_points(self.gain)} points)"

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "text_ja": self.line_ja, "text_en": self.line_en, "gain": self.gain,
                "layers": self.layers, "codes": self.codes, "count": self.count}


def fmt_points(x: float) -> str:
    """6.0 -> "6", 5.83 -> "5.8"."""
    v = r1(x)
    return str(int(v)) if v == int(v) else f"{v:.1f}"


@dataclass
class SourcePart:
    """How the city holds the data: the source file before conversion.  Not part of the total."""

    file: str
    format: str
    criteria: list[Criterion]

    @property
    def points(self) -> float:
        return sum(c.earned for c in self.criteria if c.assessed)

    @property
    def assessed_max(self) -> float:
        return sum(c.points for c in self.criteria if c.assessed)

    @property
    def percent(self) -> float | None:
        return r1(100 * self.points / self.assessed_max) if self.assessed_max else None

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "format": self.format, "points": r1(self.points),
                "assessed_max": self.assessed_max, "percent": self.percent,
                "criteria": [c.to_dict() for c in self.criteria]}


@dataclass
class Score:
    file: str
    dataset: dict[str, Any] | None
    valid: bool
    layers: list[Layer]
    advice: list[Advice] = field(default_factory=list)
    source: SourcePart | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def earned(self) -> float:
        return sum(la.points for la in self.layers)

    @property
    def assessed_max(self) -> float:
        return sum(la.assessed_max for la in self.layers)

    @property
    def raw_total(self) -> float:
        return 100 * self.earned / self.assessed_max if self.assessed_max else 0.0

    @property
    def total(self) -> float:
        return r1(self.raw_total)

    @property
    def band(self) -> str:
        return band_of(self.total)[0]

    @property
    def band_ja(self) -> str:
        return band_of(self.total)[1]

    @property
    def band_en(self) -> str:
        return band_of(self.total)[2]

    def layer(self, lid: str) -> Layer:
        return next(la for la in self.layers if la.id == lid)

    @property
    def stars(self) -> int:
        """The 5-star level as 5stardata.info counts it: the stars that hold, from ★1 up to the first
        that does not.  Without metadata ★1 (the licence) cannot be measured; it is then assumed and
        ``stars_licence_unknown`` says so."""
        n = 0
        for c in self.layer("stars").criteria:
            if c.status == PASS or (c.status == NA and c.id == "star-1"):
                n += 1
                continue
            break
        return n

    @property
    def stars_licence_unknown(self) -> bool:
        return self.layer("stars").criterion("star-1").status == NA

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "dataset": self.dataset, "valid": self.valid,
            "total": self.total, "band": self.band, "band_ja": self.band_ja, "band_en": self.band_en,
            "earned": r1(self.earned), "assessed_max": self.assessed_max, "stars": self.stars,
            "stars_licence_unknown": self.stars_licence_unknown,
            "layers": [la.to_dict() for la in self.layers],
            "advice": [a.to_dict() for a in self.advice],
            "source": self.source.to_dict() if self.source else None,
            "notes": self.notes,
        }
