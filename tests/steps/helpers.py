"""Helpers for the step tests: field specs as the schemas declare them, and a context."""

from __future__ import annotations

from converters.steps.base import FieldSpec, StepContext, StepResult


def field(name: str = "名称", type: str = "string", checks: list[str] | None = None,
          enum: list[str] | None = None) -> FieldSpec:
    constraints = {"enum": enum} if enum is not None else {}
    return FieldSpec(name=name, type=type, checks=checks or [], constraints=constraints)


def run(step, value, f: FieldSpec, ctx: StepContext | None = None) -> StepResult:
    r = step.apply(value, f, ctx or StepContext())
    assert isinstance(r, StepResult)
    if r.issue is not None:
        assert r.issue.message_ja and r.issue.message_en and r.issue.code
    if r.note_ja is not None:
        assert r.note_en, "every note has its English beside it"
    return r
