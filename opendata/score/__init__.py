"""The quality score of a published file: one 0–100 figure with a band, four layers, advice.

    from opendata.score import score_file
    s = score_file("312011_preschool.csv", metadata=yaml.safe_load(open("dataset.yaml")))
    s.total, s.band, s.layer("readability").points, s.advice[0].line_ja

Layers (docs/score.md has every criterion, its points and how it is measured):

1. ``stars``        5-star open data (10)
2. ``readability``  machine readability of the file: 機械可読性ルール L1-01…L3-09 / 統一ルール 2020 (40)
3. ``conformance``  schema conformance: header, structure, valid rows and cells, file name (30)
4. ``metadata``     MQA-style metadata points on DCAT-GoJ fields (20)

The total is ``earned / measurable × 100``: without metadata the metadata layer and ★1 are not
measured, so a perfect file scores 100 on its own too.  The source (the Excel the department keeps) is
scored separately (``Score.source``) and never changes the total.  The score reuses the validation
report; it never re-checks cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from opendata.validation import FatalValidationError, ValidationReport, validate_file

from . import conformance, readability, stars
from . import metadata as metadata_layer
from .advice import advise
from .facts import FileFacts
from .metadata import with_catalogue_defaults
from .model import Advice, Criterion, Evidence, Layer, Score, SourcePart, band_of
from .source import SourceFacts, source_part

__all__ = ["Advice", "Criterion", "Evidence", "FatalValidationError", "Layer", "Score", "SourceFacts",
           "SourcePart", "band_of", "score_file", "score_validation", "with_catalogue_defaults"]


def layers_for(facts: FileFacts, meta: Mapping[str, Any] | None, today: dt.date) -> list[Layer]:
    """The four layers of one file (a pure function of its facts and metadata)."""
    return [stars.layer(facts, meta), readability.layer(facts), conformance.layer(facts),
            metadata_layer.layer(meta, facts.size, today)]


def score_validation(report: ValidationReport, metadata: Mapping[str, Any] | None = None, *,
                     source: SourceFacts | None = None, today: dt.date | None = None) -> Score:
    """Score a file from its validation report (the report's counts are reused as they are)."""
    today = today or dt.date.today()
    facts = FileFacts.from_report(report)
    scorer = partial(_layers, today=today)
    layers = scorer(facts, metadata)
    s = Score(file=report.path, dataset=report.dataset, valid=report.valid, layers=layers,
              advice=advise(facts, metadata, scorer, today))
    if source is not None:
        s.source = source_part(source)
    if metadata is None:
        s.notes.append("メタデータ未指定: メタデータの層と★1は採点していません（合計は採点した項目の割合） / "
                       "no metadata: the metadata layer and ★1 are not scored (the total is the share of what was)")
    return s


def _layers(facts: FileFacts, meta: Mapping[str, Any] | None, *, today: dt.date) -> list[Layer]:
    return layers_for(facts, meta, today)


def score_file(csv_path: str | Path, dataset: str | None = None, metadata: Mapping[str, Any] | None = None,
               source_path: str | Path | None = None, *, today: dt.date | None = None,
               engine: str = "auto") -> Score:
    """Validate and score one published CSV.  ``source_path``: the original file the CSV was made from
    (scored separately).  Raises ``FatalValidationError`` when the CSV cannot be read at all."""
    report = validate_file(csv_path, dataset, engine=engine)
    src = None
    notes: list[str] = []
    if source_path is not None:
        from converters.readers import ReadError

        try:
            src = SourceFacts.from_file(source_path)
        except ReadError as e:
            notes.append(f"元ファイルを読めません（{e.message_ja}） / cannot read the source ({e.message_en})")
    s = score_validation(report, metadata, source=src, today=today)
    s.notes.extend(notes)
    return s
