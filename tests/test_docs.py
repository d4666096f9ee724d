"""Docs that are generated from code must be current."""

from pathlib import Path

from tools.gen_problem_codes import BEGIN, END, table

ROOT = Path(__file__).resolve().parent.parent


def test_problem_code_table_is_current():
    text = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    current = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert current == table().strip(), "run: python tools/gen_problem_codes.py"


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:400]
    assert "make run" in head and "make test" in head
