"""Regenerate docs/validation.md's table of problem codes from opendata/validation/messages.py.

    .venv/bin/python tools/gen_problem_codes.py
"""

from __future__ import annotations

import re
from pathlib import Path

from opendata.validation.messages import MESSAGES, P

DOC = Path(__file__).resolve().parent.parent / "docs" / "validation.md"
BEGIN, END = "<!-- codes:begin -->", "<!-- codes:end -->"
SAMPLE = P(field="名称", value="（値）", suggestion="（修正例）", length=5, encoding="Shift_JIS (CP932)",
           encoding_ja="Shift_JIS（CP932）", reason="…", reason_en="…", crlf=10, lf=2, cr=0, expected="…",
           detail="", detail_en="", header_row=3, rows="1〜2", name="…", confidence="low", confidence_ja="低",
           note="", position=5, actual=7, other=3, allowed="「有」、「無」", allowed_en="有, 無", format_ja="…",
           pattern="…", first_row=2, minimum=0, range="20〜46", other_en="longitude", example="35.5",
           chars="…", chars_en="…", sep="、", kind="PDF")


def table() -> str:
    sev = {"error": "エラー", "warning": "警告", "info": "情報"}
    lines = ["| code | 重要度 | message (ja) | message (en) |", "|---|---|---|---|"]
    for code, (s, ja, en) in sorted(MESSAGES.items()):
        lines.append(f"| `{code}` | {sev[s]} | {ja(SAMPLE).strip()} | {en(SAMPLE).strip()} |".replace("\n", " "))
    return "\n".join(lines)


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), BEGIN + "\n" + table() + "\n" + END, text, flags=re.S)
    DOC.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
