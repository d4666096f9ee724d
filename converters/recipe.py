"""Recipes: every decision of a conversion, saved as readable YAML, so that next month's file of the
same layout converts unattended and a re-run reproduces the output exactly.

    recipe_version: 1
    dataset: 2021/aed
    publisher_code: '312011'
    read: {sheet: AED一覧, header_rows: [3, 4], data_rows: [5, null]}
    mapping:
      名称: {column: 施設名称}
      全国地方公共団体コード: {constant: '312011'}
      所在地_都道府県: {derive: address}
    ignore: [管轄入り交付番号]        # source columns the user chose not to convert (kept out of 備考)
    steps: {disabled: []}
    options: {extra_to_remarks: false, bom: false, fill_code: true}

A recipe's mapping is complete: items it does not list stay as they were decided (empty, or derived).
When the next file lacks a column the recipe names (renamed or removed), the conversion reports
``recipe-column-missing`` for that item and matches it automatically instead (never from an ``ignore``d
column); an item joined from several columns keeps the ones still there.  ``ignore`` lists only the columns
the user chose to leave out: a column merely left unmapped is not saved there, so with ``extra_to_remarks``
it still goes to 備考 in the next run (as 列名: 値).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

RECIPE_VERSION = 1


class RecipeError(Exception):
    def __init__(self, message_ja: str, message_en: str):
        super().__init__(message_en)
        self.message_ja = message_ja
        self.message_en = message_en


@dataclass
class Recipe:
    dataset: str | None = None
    publisher_code: str | None = None
    read: dict[str, Any] = field(default_factory=dict)
    mapping: dict[str, dict[str, Any]] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)
    disabled_steps: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    source: dict[str, Any] = field(default_factory=dict)   # informative: the file it was made from
    schema: str | None = None      # a city's own Table Schema file (datasets with no standard)
    reshape: dict[str, Any] = field(default_factory=dict)  # e.g. {"unpivot": {...}}, see converters/reshape.py

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"recipe_version": RECIPE_VERSION, "dataset": self.dataset,
                             "publisher_code": self.publisher_code}
        if self.source:
            d["source"] = self.source
        if self.schema:
            d["schema"] = self.schema
        d["read"] = self.read
        if self.reshape:
            d["reshape"] = self.reshape
        d["mapping"] = self.mapping
        d["ignore"] = self.ignore
        d["steps"] = {"disabled": self.disabled_steps}
        d["options"] = self.options
        return d

    def dump(self) -> str:
        head = "# opendata conversion recipe (変換レシピ). Edit with care: mapping keys are target items,\n" \
               "# values name the source column (column), several columns (columns + join), a constant,\n" \
               "# or a derivation (derive: address | localgov-name | localgov-pref | localgov-city | address-code | copy:<item>).\n"
        if list(self.read.get("header_rows") or []) == [0, 0]:
            head += ("# read.header_rows [0, 0]: the table has no header row (見出し行なし); columns are named by their\n"
                     "# letters (A, B, …) as a spreadsheet shows them, and the mapping names them so.\n")
        return head + yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=1000)

    def save(self, path: str | Path) -> None:
        p = Path(path)
        tmp = p.with_name(p.name + ".tmp")
        tmp.write_text(self.dump(), encoding="utf-8")
        tmp.replace(p)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Recipe:
        if not isinstance(d, dict):
            raise RecipeError("レシピの形式が正しくありません。", "A recipe must be a YAML mapping.")
        v = d.get("recipe_version", RECIPE_VERSION)
        if v != RECIPE_VERSION:
            raise RecipeError(f"レシピの版（{v}）に対応していません。", f"Unsupported recipe_version {v}.")
        mapping = d.get("mapping") or {}
        if not isinstance(mapping, dict) or not all(isinstance(x, dict) for x in mapping.values()):
            raise RecipeError("レシピの mapping は「項目名: {column: 列名}」の形で書いてください。",
                              "recipe mapping must be {target: {column|columns|constant|derive: …}}")
        code = d.get("publisher_code")
        return cls(
            dataset=d.get("dataset"), publisher_code=str(code) if code is not None else None,
            read=dict(d.get("read") or {}), mapping={str(k): dict(v) for k, v in mapping.items()},
            ignore=[str(x) for x in d.get("ignore") or []],
            disabled_steps=[str(x) for x in (d.get("steps") or {}).get("disabled") or []],
            options=dict(d.get("options") or {}), source=dict(d.get("source") or {}),
            schema=str(d["schema"]) if d.get("schema") else None, reshape=dict(d.get("reshape") or {}),
        )

    @classmethod
    def load(cls, path: str | Path) -> Recipe:
        """Load a recipe; a relative ``schema`` path is resolved against the recipe's folder."""
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RecipeError(f"レシピ「{path}」が見つかりません。", f"recipe not found: {path}") from None
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise RecipeError(f"レシピ「{path}」を読めません（YAMLの書式の誤り）。", f"cannot parse recipe {path}: {e}") from e
        r = cls.from_dict(data)
        if r.schema and not Path(r.schema).is_absolute():
            r.schema = str(Path(path).resolve().parent / r.schema)
        return r
