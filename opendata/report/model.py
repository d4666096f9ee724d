"""The conversion report's data: one result per dataset, the headline figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from opendata.score import Score
from opendata.score.model import r1

HEADLINE_JA = "推奨データセット形式での公開"
HEADLINE_EN = "published in the standard dataset formats"


@dataclass
class Entry:
    """One dataset to report on, from datasets/ or from the catalogue store."""

    id: str
    title: str = ""
    standard: str | None = None             # resolved schema id; None = no standard ("standard: none")
    metadata: dict[str, Any] | None = None  # as the catalogue publishes it (defaults applied)
    publisher_code: str | None = None
    source: str | None = None               # the department's file
    recipe: str | None = None
    schema_file: str | None = None          # the city's Table Schema file (standard: none)
    city_schema: str | None = None          # --db: that schema, already registered (a city/… id)
    csv: str | None = None                  # already published CSV (--db); None = convert the source
    stored_report: dict[str, Any] | None = None   # --db: the conversion report kept with the version
    error: dict[str, str] | None = None     # {code, message_ja, message_en}: cannot be reported on

    @property
    def has_schema(self) -> bool:
        return bool(self.schema_file or self.city_schema)


@dataclass
class DatasetResult:
    id: str
    title: str
    standard: str | None                    # schema id (a city/… id for standard: none)
    standard_name: str | None
    generation: str | None
    no_standard: bool
    conformant: bool
    counted_ja: str                         # how it was counted
    counted_en: str
    valid: bool | None = None
    rows: int | None = None
    errors: int = 0
    warnings: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    first_problems: list[dict[str, str]] = field(default_factory=list)   # {text_ja, text_en}
    score: Score | None = None
    how: str = ""                           # recipe | auto | published
    output: str | None = None               # the converted CSV (when kept)
    error: dict[str, str] | None = None
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return "error" if self.error else "conformant" if self.conformant else "not-conformant"

    def to_dict(self, with_score: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "title": self.title, "standard": self.standard, "standard_name": self.standard_name,
            "generation": self.generation, "no_standard": self.no_standard, "status": self.status,
            "conformant": self.conformant, "counted_ja": self.counted_ja, "counted_en": self.counted_en,
            "valid": self.valid, "rows": self.rows, "errors": self.errors, "warnings": self.warnings,
            "counts": dict(sorted(self.counts.items())), "first_problems": self.first_problems,
            "score": self.score.total if self.score else None, "band": self.score.band if self.score else None,
            "how": self.how, "output": self.output, "error": self.error, "seconds": round(self.seconds, 2),
        }
        if with_score:
            d["score_detail"] = self.score.to_dict() if self.score else None
        return d


@dataclass
class Report:
    origin: str                             # the folder, or "db"
    results: list[DatasetResult]
    date: str = ""
    commit: str | None = None
    previous: dict[str, Any] | None = None  # the last --history record before this run

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def conformant(self) -> int:
        return sum(1 for r in self.results if r.conformant)

    @property
    def percent(self) -> float:
        return r1(100 * self.conformant / self.total) if self.total else 0.0

    @property
    def mean_score(self) -> float | None:
        """The mean total score; a dataset that could not be scored counts as 0."""
        if not self.results:
            return None
        return r1(sum(r.score.raw_total if r.score else 0.0 for r in self.results) / len(self.results))

    @property
    def headline(self) -> str:
        return f"{HEADLINE_JA}: {self.conformant}/{self.total} ({self.percent:.1f}%)"

    @property
    def headline_en(self) -> str:
        return f"{HEADLINE_EN}: {self.conformant} of {self.total} datasets ({self.percent:.1f}%)"

    def history_record(self) -> dict[str, Any]:
        return {"date": self.date, "commit": self.commit, "conformant": self.conformant, "total": self.total,
                "percent": self.percent, "mean_score": self.mean_score}

    def to_dict(self) -> dict[str, Any]:
        return {"headline": self.headline, "headline_en": self.headline_en, "origin": self.origin,
                **self.history_record(), "previous": self.previous,
                "datasets": [r.to_dict() for r in self.results]}
