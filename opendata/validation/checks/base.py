"""Base of the per-field Japanese checks.

A check is a pure function of one cell's raw text.  ``safe_pattern`` is an under-approximation of
"no finding": a value matching it fully can never produce a finding.  The fast engine uses it as a
vectorised pre-filter (pyarrow / RE2), so the pattern uses only syntax that Python ``re`` and RE2
read alike (literal characters, ``[0-9]``, no ``\\d``/``\\s``/``\\u`` escapes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Finding:
    code: str
    suggestion: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


class CellCheck:
    name: ClassVar[str]
    safe_pattern: ClassVar[str | None] = None
    #: the check explains a frictionless type/pattern error on the same cell (e.g. 和暦 in a date field)
    explains_errors: ClassVar[bool] = True
    #: run on every string field, not only where the schema declares it
    applies_to_all: ClassVar[bool] = False

    def check(self, value: str) -> list[Finding]:  # pragma: no cover - interface
        raise NotImplementedError
