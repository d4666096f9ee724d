"""The city's catalogue as files (datasets/, docs/catalogue-files.md): every dataset folder is complete,
labelled as sample data, and converts with its recipe to the status its dataset.yaml declares.

``expected_status`` is the status of ``opendata convert`` (``valid`` = the output validates and the
conversion raised nothing for a person to check; ``problems`` = it converted but something remains).
The datasets expected to stay ``problems`` explain why in ``notes`` (see datasets/README.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import schemas
from converters.recipe import Recipe
from opendata.convert import convert_file
from opendata.validation import validate_file
from opendata.validation.detect import resolve_dataset

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
FOLDERS = sorted(p for p in DATASETS.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))) \
    if DATASETS.is_dir() else []
IDS = [p.name for p in FOLDERS]
REQUIRED = ("title", "description", "organization", "standard")
FREQUENCIES = {"daily", "weekly", "monthly", "quarterly", "annual", "irregular"}
LICENCES = {"CC-BY-4.0", "PDL-1.0", "GSTOU-2.0", "CC0-1.0"}


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _meta(folder: Path) -> dict[str, Any]:
    data = _yaml(folder / "dataset.yaml")
    assert isinstance(data, dict), f"{folder.name}/dataset.yaml is not a mapping"
    return data


def _source(folder: Path, meta: dict[str, Any]) -> Path:
    if meta.get("source"):
        return folder / str(meta["source"])
    files = [p for p in (folder / "source").glob("*") if p.is_file() and not p.name.startswith(".")]
    assert len(files) == 1, f"{folder.name}: name the source in dataset.yaml (source/ holds {len(files)} files)"
    return files[0]


@pytest.fixture(scope="module")
def organizations() -> set[str]:
    data = _yaml(DATASETS / "organizations.yaml")
    assert isinstance(data, list) and data
    ids = [str(o["id"]) for o in data]
    assert len(ids) == len(set(ids)), "duplicate organization ids"
    for o in data:
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", str(o["id"])) and o.get("name"), o
    return set(ids)


def test_catalogue_size_and_spread() -> None:
    """At least 30 datasets over at least 12 standards of both generations, plus city datasets."""
    metas = {p.name: _meta(p) for p in FOLDERS}
    assert len(metas) >= 30
    standards = {str(m["standard"]) for m in metas.values() if str(m["standard"]).lower() != "none"}
    assert len(standards) >= 12
    assert any(s.startswith("2021/") for s in standards) and any(s.startswith("2026/") for s in standards)
    assert sum(str(m["standard"]).lower() == "none" for m in metas.values()) >= 2
    expected = [m.get("expected_status") for m in metas.values()]
    assert 3 <= expected.count("problems") <= 6


@pytest.mark.parametrize("folder", FOLDERS, ids=IDS)
def test_dataset_folder_is_complete(folder: Path, organizations: set[str]) -> None:
    meta = _meta(folder)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", folder.name), "the folder name is the 管理ID (ASCII)"
    for key in REQUIRED:
        assert str(meta.get(key) or "").strip(), f"{folder.name}: {key} is required"
    assert meta["organization"] in organizations
    assert meta.get("sample") is True or meta.get("source_note"), f"{folder.name}: sample: true or a source_note"
    if meta.get("sample") is True:
        assert "サンプル" in meta["description"], "sample data says so in the description"
    assert meta.get("license", "CC-BY-4.0") in LICENCES
    assert meta.get("accrual_periodicity", "irregular") in FREQUENCIES
    assert meta.get("expected_status") in ("valid", "problems")
    if meta["expected_status"] == "problems":
        assert len(str(meta.get("notes") or "")) > 40, f"{folder.name}: explain in notes why it is not conformant"
    source = _source(folder, meta)
    assert source.is_file(), f"{folder.name}: source {source} is missing"
    standard = str(meta["standard"])
    recipe_path = folder / "recipe.yaml"
    if standard.lower() == "none":
        assert (folder / "schema.json").is_file(), "a dataset with no standard has its own schema.json"
        assert recipe_path.is_file()
    else:
        assert resolve_dataset(standard) == standard, f"{standard} is not an available schema id"
    if recipe_path.is_file():
        recipe = Recipe.load(recipe_path)
        assert recipe.publisher_code == "312011"
        if standard.lower() == "none":
            assert recipe.schema and Path(recipe.schema).is_file()
            assert recipe.dataset == schemas.load_file(recipe.schema)
        else:
            assert recipe.dataset == standard
        assert recipe.source.get("file") == source.name, "the recipe names the file it was made for"
    else:
        # no recipe: the source must already be the standard format
        report = validate_file(source, dataset=standard)
        assert report.valid, f"{folder.name}: no recipe and the source does not validate"


@pytest.mark.parametrize("folder", FOLDERS, ids=IDS)
def test_dataset_converts_to_expected_status(folder: Path, tmp_path: Path) -> None:
    meta = _meta(folder)
    source = _source(folder, meta)
    recipe_path = folder / "recipe.yaml"
    recipe = Recipe.load(recipe_path) if recipe_path.is_file() else None
    if recipe is not None:
        out = convert_file(source, tmp_path, recipe=recipe)
    else:
        out = convert_file(source, tmp_path, dataset=str(meta["standard"]), code="312011")
    assert out.status in ("valid", "problems"), f"{folder.name}: conversion failed: {out.error}"
    assert out.result is not None and out.result.rows_out > 0
    if recipe is not None:
        # a source column named in the recipe but absent from the file is dropped without a message by the
        # converter, so check here that every named column was found
        used = {m["target"] for m in out.result.mapping if m["method"] != "none"}
        lost = [t for t, spec in recipe.mapping.items() if ("column" in spec or "columns" in spec) and t not in used]
        assert not lost, f"{folder.name}: recipe columns not found in the source for {lost}"
    assert out.result.publisher_code == "312011"
    assert out.status == meta["expected_status"], (
        f"{folder.name}: expected {meta['expected_status']}, got {out.status} "
        f"(issues {out.result.issue_counts}, validation errors {out.error_total})")
