"""連絡先メールアドレス: one address, half-width."""

from __future__ import annotations

import re

from .base import CellCheck, Finding

_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+"


class Email(CellCheck):
    name = "email"
    safe_pattern = _EMAIL

    def check(self, value: str) -> list[Finding]:
        return [] if re.fullmatch(_EMAIL, value) else [Finding("email-format")]
