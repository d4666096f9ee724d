"""Normalisation steps: one small module per step, each logging what it changed.

``DEFAULT_STEPS`` is the order the converter runs them in:

1. ``ditto``            同上 / 〃 -> the previous row's value (first, so the copied value is clean already)
   ``multi_value``      、 ， / and line breaks between the values of a ;-list item -> ";" (before text)
2. ``machine_dependent`` ① ㈱ Ⅲ № ㍻ -> (1) (株) III No. 平成 (before any NFKC, which would lose ① -> 1)
3. ``text``             widths, spaces, line breaks, dashes between digits (every field)
4. type-specific steps, each only where the schema asks for it: ``codes``, ``dates``, ``times``,
   ``numbers``, ``coordinates``, ``flags``, ``phone``, ``postcode``, ``url``, ``kana``, ``halfwidth``.

:func:`normalise_value` runs the applicable steps on one value; recipes switch steps on and off by
name (``enabled``).  For a whole column, :func:`column_plan` once and :func:`run_plan` per cell.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .base import CellStep, FieldSpec, Issue, StepContext, StepResult
from .codes import CodeStep
from .coordinates import CoordinateStep, fix_swapped, split_latlon
from .dates import DateStep
from .ditto import DittoStep
from .flags import FlagStep
from .halfwidth import HalfwidthStep
from .kana import KanaStep
from .machine_dependent import MachineDependentStep
from .multi_value import MultiValueStep
from .numbers import NumberStep
from .phone import PhoneStep
from .postcode import PostcodeStep
from .text import TextStep
from .times import TimeStep, split_time_range
from .url import UrlStep

DEFAULT_STEPS: tuple[CellStep, ...] = (
    DittoStep(),
    MultiValueStep(),
    MachineDependentStep(),
    TextStep(),
    CodeStep(),
    DateStep(),
    TimeStep(),
    NumberStep(),
    CoordinateStep(),
    FlagStep(),
    PhoneStep(),
    PostcodeStep(),
    UrlStep(),
    KanaStep(),
    HalfwidthStep(),
)
STEP_NAMES: tuple[str, ...] = tuple(s.name for s in DEFAULT_STEPS)


@dataclass
class StepOutcome(StepResult):
    """A step's result that changed, reported or moved something, with the step's name and the value
    the step was given (``before``).  Iterating it yields ``(step, outcome)``, so both
    ``o.step`` and ``for name, o in outcomes`` read it."""

    step: str = ""
    before: Any = None

    def __iter__(self) -> Iterator[Any]:
        yield self.step
        yield self

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: v for k, v in d.items() if v is not None}


def column_plan(field: FieldSpec, steps: Sequence[CellStep] = DEFAULT_STEPS,
                enabled: Collection[str] | None = None) -> tuple[CellStep, ...]:
    """The steps that apply to this field, in order (compute once per column)."""
    return tuple(s for s in steps if (enabled is None or s.name in enabled) and s.applies(field))


def run_plan(value: Any, field: FieldSpec, ctx: StepContext,
             plan: Sequence[CellStep]) -> tuple[Any, list[StepOutcome]]:
    """Thread one value through the planned steps; keep every note, issue and moved part."""
    outcomes: list[StepOutcome] = []
    for step in plan:
        r = step.apply(value, field, ctx)
        if r.note_ja is not None or r.issue is not None or r.moved:
            outcomes.append(StepOutcome(r.value, r.note_ja, r.note_en, r.issue, r.moved, step=step.name, before=value))
        value = r.value
    return value, outcomes


# (id(field), id(steps), enabled, disabled) -> (field, steps, plan); the entry holds the field and the
# step list so their ids stay theirs while cached.  A FieldSpec is not changed once a column is planned.
_PLANS: dict[tuple[int, int, frozenset[str] | None, frozenset[str]],
             tuple[FieldSpec, Sequence[CellStep], tuple[CellStep, ...]]] = {}
_NO_NAMES: frozenset[str] = frozenset()


def normalise_value(value: Any, field: FieldSpec, ctx: StepContext, steps: Sequence[CellStep] = DEFAULT_STEPS,
                    enabled: Collection[str] | None = None,
                    disabled: Collection[str] | None = None) -> tuple[Any, list[StepOutcome]]:
    """Apply the applicable steps in order: those named in ``enabled`` (all when None) minus those
    named in ``disabled``.  Returns the new value and what happened."""
    on = frozenset(enabled) if enabled is not None else None
    off = frozenset(disabled) if disabled else _NO_NAMES
    key = (id(field), id(steps), on, off)
    entry = _PLANS.get(key)
    if entry is None:
        if len(_PLANS) > 4096:
            _PLANS.clear()
        names = {s.name for s in steps} if on is None else set(on)
        entry = _PLANS[key] = (field, steps, column_plan(field, steps, names - off))
    return run_plan(value, field, ctx, entry[2])


__all__ = [
    "DEFAULT_STEPS", "STEP_NAMES", "CellStep", "FieldSpec", "Issue", "StepContext", "StepOutcome", "StepResult",
    "column_plan", "fix_swapped", "normalise_value", "run_plan", "split_latlon", "split_time_range",
]
