"""The standard datasets as Frictionless Table Schemas (data only; see README.md).

This module only locates and loads the JSON files; all logic lives in ``opendata`` and ``converters``.
"""

from __future__ import annotations

import json
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(os.environ.get("OPENDATA_SCHEMAS_DIR") or Path(__file__).resolve().parent)


@lru_cache(maxsize=1)
def index() -> dict[str, Any]:
    """schemas/index.json: every standard dataset known, with generation, slug and confidence."""
    return json.loads((SCHEMA_DIR / "index.json").read_text(encoding="utf-8"))


@cache
def load(schema_id: str) -> dict[str, Any]:
    """Load one schema descriptor by id, e.g. ``2026/public_toilet`` or ``2021/aed``."""
    gen, _, slug = schema_id.partition("/")
    path = SCHEMA_DIR / gen / f"{slug}.json"
    if not gen or not slug or not path.is_file():
        raise KeyError(schema_id)
    return json.loads(path.read_text(encoding="utf-8"))


def available_ids() -> list[str]:
    return [e["id"] for e in index()["datasets"] if e.get("status") == "available"]
