"""Read the catalogue-as-files (datasets/, docs/catalogue-files.md) into report entries, by the same
rules as ``opendata build``: one folder per dataset (names starting with "." or "_" are skipped),
dataset.yaml validated by ``opendata.store.meta.DatasetMeta``, the source named by ``source:`` or the
only file in source/, recipe.yaml when present, schema.json for ``standard: none``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from opendata.score import with_catalogue_defaults

from .model import Entry


class ReportInputError(Exception):
    """The input as a whole cannot be read (exit code 2)."""

    def __init__(self, code: str, message_ja: str, message_en: str):
        super().__init__(message_en)
        self.code, self.message_ja, self.message_en = code, message_ja, message_en


def _err(code: str, ja: str, en: str) -> dict[str, str]:
    return {"code": code, "message_ja": ja, "message_en": en}


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_organizations(root: Path) -> dict[str, dict[str, Any]] | None:
    path = root / "organizations.yaml"
    if not path.is_file():
        return None
    try:
        data = _yaml(path) or []
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ReportInputError("organizations-invalid", f"organizations.yaml を読めません（{e}）。",
                               f"cannot parse organizations.yaml: {e}") from None
    if not isinstance(data, list):
        raise ReportInputError("organizations-invalid", "organizations.yaml は組織の一覧（- id: …）で書いてください。",
                               "organizations.yaml must be a list")
    return {str(o.get("id")): dict(o) for o in data if isinstance(o, dict) and o.get("id")}


def source_file(folder: Path, data: dict[str, Any]) -> Path:
    if data.get("source"):
        p = folder / str(data["source"])
        if not p.is_file():
            raise ValueError(_err("source-missing", f"元ファイル「{data['source']}」がありません。",
                                  f"source file {data['source']} not found"))
        return p
    files = sorted(p for p in (folder / "source").glob("*") if p.is_file() and not p.name.startswith("."))
    if len(files) != 1:
        raise ValueError(_err("source-missing" if not files else "source-ambiguous",
                              "source/ に元ファイルがありません。" if not files else
                              f"source/ に元ファイルが{len(files)}個あります。dataset.yaml の source で指定してください。",
                              "no source file in source/" if not files else f"{len(files)} files in source/"))
    return files[0]


def entry_for(folder: Path, organizations: dict[str, dict[str, Any]] | None) -> Entry:
    from opendata.store.meta import DatasetMeta, MetadataError

    e = Entry(id=folder.name)
    path = folder / "dataset.yaml"
    if not path.is_file():
        e.error = _err("metadata-missing", "dataset.yaml がありません。", "dataset.yaml is missing")
        return e
    try:
        data = _yaml(path) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as ex:
        e.error = _err("yaml-invalid", f"dataset.yaml を読めません（{ex}）。", f"cannot parse dataset.yaml: {ex}")
        return e
    if isinstance(data, dict):
        e.title = str(data.get("title") or "")
    try:
        meta = DatasetMeta.from_mapping(folder.name, data, organizations=set(organizations) if organizations is not None
                                        else None)
    except MetadataError as ex:
        e.error = _err("metadata-invalid", "dataset.yaml: " + ex.message_ja, "dataset.yaml: " + ex.message_en)
        return e
    e.title, e.standard, e.publisher_code = meta.title, meta.standard, meta.publisher_code
    e.metadata = with_catalogue_defaults(data, (organizations or {}).get(meta.organization))
    try:
        e.source = str(source_file(folder, data))
    except ValueError as ex:
        e.error = ex.args[0]
        return e
    if (folder / "recipe.yaml").is_file():
        e.recipe = str(folder / "recipe.yaml")
    if (folder / "schema.json").is_file():
        e.schema_file = str(folder / "schema.json")
    elif meta.standard is None:
        e.error = _err("schema-missing", "標準のないデータセット（standard: none）には schema.json が必要です。",
                       "a dataset with standard: none needs schema.json")
    return e


def folder_entries(root: str | Path) -> list[Entry]:
    r = Path(root)
    if not r.is_dir():
        raise ReportInputError("folder-missing", f"フォルダ「{r}」がありません。", f"folder {r} not found")
    orgs = load_organizations(r)
    folders = sorted(p for p in r.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    return [entry_for(f, orgs) for f in folders]
