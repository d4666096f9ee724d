"""The standard datasets as Frictionless Table Schemas (data only; see README.md).

This module only locates and loads the JSON files (and keeps the city's own schemas registered at run
time); all logic lives in ``opendata`` and ``converters``.
"""

from __future__ import annotations

import json
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(os.environ.get("OPENDATA_SCHEMAS_DIR") or Path(__file__).resolve().parent)

_CUSTOM: dict[str, dict[str, Any]] = {}


@lru_cache(maxsize=1)
def index() -> dict[str, Any]:
    """schemas/index.json: every standard dataset known, with generation, slug and confidence."""
    return json.loads((SCHEMA_DIR / "index.json").read_text(encoding="utf-8"))


def load(schema_id: str) -> dict[str, Any]:
    """Load one schema descriptor by id: ``2026/public_toilet``, ``2021/aed``, or a registered ``city/…``."""
    if schema_id in _CUSTOM:
        return _CUSTOM[schema_id]
    return _load_standard(schema_id)


@cache
def _load_standard(schema_id: str) -> dict[str, Any]:
    gen, _, slug = schema_id.partition("/")
    path = SCHEMA_DIR / gen / f"{slug}.json"
    if not gen or not slug or not path.is_file():
        raise KeyError(schema_id)
    return json.loads(path.read_text(encoding="utf-8"))


def available_ids() -> list[str]:
    """The standard schemas (the city's own are not candidates for detection)."""
    return [e["id"] for e in index()["datasets"] if e.get("status") == "available"]


def register(descriptor: dict[str, Any]) -> str:
    """Make a city's own Table Schema (a dataset with no standard) loadable by id, e.g. ``city/school_lunch_menu``.

    The descriptor needs a non-empty ``fields`` list; its id comes from ``x-opendata.id`` or ``name``.
    Registering the same id again replaces the schema.
    """
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("fields"), list) or not descriptor["fields"]:
        raise ValueError("a Table Schema needs a non-empty 'fields' list")
    meta = descriptor.setdefault("x-opendata", {})
    sid = str(meta.get("id") or f"city/{descriptor.get('name') or 'custom'}")
    if not sid.startswith("city/"):
        sid = "city/" + sid.split("/")[-1]
    meta["id"] = sid
    meta.setdefault("generation", "city")
    meta.setdefault("generationName", "市独自（標準なし）")
    meta.setdefault("nameJa", descriptor.get("title") or sid.split("/", 1)[1])
    meta.setdefault("slug", sid.split("/", 1)[1])
    meta.setdefault("confidence", "city")
    meta.setdefault("orderConfirmed", True)
    for f in descriptor["fields"]:
        # times are hh:mm in Japanese open data (統一ルール); frictionless' default would be hh:mm:ss
        if f.get("type") == "time" and "format" not in f:
            f["format"] = "%H:%M"
    _CUSTOM[sid] = descriptor
    return sid


def load_file(path: str | Path) -> str:
    """Register a schema file and return its id."""
    return register(json.loads(Path(path).read_text(encoding="utf-8")))
