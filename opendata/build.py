"""``opendata build datasets/``: import the catalogue-as-files (docs/catalogue-files.md) into the store.

For each ``<id>/dataset.yaml``: validate the metadata, convert the source with its recipe
(``opendata.convert.convert_file``, which also validates the output) and publish a new version —
only when the source file, the recipe, the city's schema, the standard or the publisher code changed
(their fingerprint is kept on the version), so running it twice publishes nothing the second time.
Metadata changes are applied every run without a new version.  One broken dataset does not stop the
others; datasets that disappeared from the folder are reported, never deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from .store import Dataset, DatasetMeta, MetadataError, Organization, OrganizationMeta, Store, StoreError
from .store.files import sha256_file

FINGERPRINT_VERSION = 1


@dataclass
class DatasetResult:
    id: str
    action: str                      # published | unchanged | failed
    title: str = ""
    version: int | None = None
    rows: int | None = None
    status: str | None = None        # valid | problems
    errors: int = 0
    warnings: int = 0
    issues: int = 0
    metadata_changed: bool = False
    code: str | None = None
    message_ja: str | None = None
    message_en: str | None = None
    seconds: float = 0.0


@dataclass
class BuildSummary:
    folder: str
    results: list[DatasetResult] = field(default_factory=list)
    organizations: int = 0
    missing: list[str] = field(default_factory=list)
    fatal: dict[str, str] | None = None
    seconds: float = 0.0

    def count(self, action: str) -> int:
        return sum(1 for r in self.results if r.action == action)

    @property
    def exit_code(self) -> int:
        if self.fatal:
            return 2
        return 1 if self.count("failed") else 0

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "organizations": self.organizations,
                "counts": {a: self.count(a) for a in ("published", "unchanged", "failed")},
                "datasets": [asdict(r) for r in self.results], "missing": self.missing, "fatal": self.fatal,
                "seconds": round(self.seconds, 2)}


class _Fail(Exception):
    def __init__(self, code: str, message_ja: str, message_en: str):
        super().__init__(message_en)
        self.code, self.message_ja, self.message_en = code, message_ja, message_en


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise _Fail("yaml-invalid", f"{path.name} を読めません（YAMLの書式の誤り: {e}）。", f"cannot parse {path}: {e}") from None


def _source_file(folder: Path, data: dict[str, Any]) -> Path:
    if data.get("source"):
        p = (folder / str(data["source"])).resolve()
        if not p.is_file():
            raise _Fail("source-missing", f"元ファイル「{data['source']}」がありません。", f"source file {data['source']} not found")
        return p
    files = sorted(p for p in (folder / "source").glob("*") if p.is_file() and not p.name.startswith("."))
    if len(files) != 1:
        ja = "source/ フォルダに元ファイルがありません。" if not files else \
             f"source/ に元ファイルが{len(files)}個あります。dataset.yaml の source でどれかを指定してください。"
        raise _Fail("source-missing" if not files else "source-ambiguous", ja,
                    "no source file in source/" if not files else f"{len(files)} files in source/; name one with `source:`")
    return files[0]


def _sha(path: Path | None) -> str | None:
    return sha256_file(path) if path and path.is_file() else None


def fingerprint(source: Path, recipe: Path | None, schema_file: Path | None, meta: DatasetMeta) -> str:
    d = {"v": FINGERPRINT_VERSION, "source": _sha(source), "name": source.name, "recipe": _sha(recipe),
         "schema": _sha(schema_file), "standard": meta.standard, "code": meta.publisher_code}
    return hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()


def load_organizations(folder: Path, store: Store) -> int:
    path = folder / "organizations.yaml"
    if not path.is_file():
        return 0
    data = _read_yaml(path) or []
    if not isinstance(data, list):
        raise _Fail("organizations-invalid", "organizations.yaml は組織の一覧（- id: … の並び）で書いてください。",
                    "organizations.yaml must be a list")
    metas, problems = [], []
    for item in data:
        try:
            metas.append(OrganizationMeta.from_mapping(item if isinstance(item, dict) else {}))
        except MetadataError as e:
            problems.append(e)
    if problems:
        raise _Fail("organizations-invalid", "organizations.yaml: " + " ".join(e.message_ja for e in problems),
                    "organizations.yaml: " + "; ".join(e.message_en for e in problems))
    for m in metas:
        store.upsert_organization(m)
    return len(metas)


def build_dataset(folder: Path, store: Store, organizations: set[str], *, force: bool = False) -> DatasetResult:
    from .convert import convert_file, report_dict, write_json_report

    t0 = time.perf_counter()
    res = DatasetResult(id=folder.name, action="failed")
    try:
        if not (folder / "dataset.yaml").is_file():
            raise _Fail("metadata-missing", "dataset.yaml がありません。", "dataset.yaml is missing")
        data = _read_yaml(folder / "dataset.yaml")
        try:
            meta = DatasetMeta.from_mapping(folder.name, data or {}, organizations=organizations)
        except MetadataError as e:
            raise _Fail("metadata-invalid", "dataset.yaml: " + " ".join(p["message_ja"] for p in e.problems),
                        "dataset.yaml: " + e.message_en) from None
        res.title = meta.title
        source = _source_file(folder, data)
        recipe_path = folder / "recipe.yaml" if (folder / "recipe.yaml").is_file() else None
        schema_path = folder / "schema.json" if (folder / "schema.json").is_file() else None
        if meta.standard is None and schema_path is None:
            raise _Fail("schema-missing", "標準のないデータセット（standard: none）には schema.json（市独自のTable Schema）が必要です。",
                        "a dataset with standard: none needs schema.json")
        recipe = None
        if recipe_path:
            from converters.recipe import Recipe, RecipeError

            try:
                recipe = Recipe.load(recipe_path)
            except RecipeError as e:
                raise _Fail("recipe-invalid", f"recipe.yaml: {e.message_ja}", f"recipe.yaml: {e.message_en}") from None
        fp = fingerprint(source, recipe_path, schema_path if meta.standard is None else None, meta)
        _, res.metadata_changed = store.upsert_dataset(meta, origin="catalogue")
        if not force and store.current_fingerprint(meta.id) == fp:
            res.action = "unchanged"
            with store.Session() as s:
                ds = s.get(Dataset, meta.id)
                v = ds.current_version if ds else None
                if v:
                    res.version, res.rows, res.status = v.number, v.row_count, v.status
                    res.errors, res.warnings, res.issues = v.error_count, v.warning_count, v.issue_count
            return res
        extra: dict[str, Any] = {"schema_file": schema_path} if meta.standard is None else {}
        with tempfile.TemporaryDirectory(prefix="opendata-build-") as tmp:
            outcome = convert_file(source, tmp, dataset=meta.standard, code=meta.publisher_code, recipe=recipe,
                                   keep_logs=True, **extra)
            if not outcome.ok or outcome.result is None:
                err = outcome.error or {}
                raise _Fail(str(err.get("code") or "conversion-failed"), f"変換できません: {err.get('message_ja', '')}",
                            f"conversion failed: {err.get('message_en', '')}")
            try:
                report_path = Path(tmp) / "report.json"
                write_json_report(outcome, report_path)
                summary = report_dict(outcome, include_items=False)
                v = store.publish_version(meta.id, source, outcome.result.output, report=report_path, summary=summary,
                                          recipe=outcome.result.recipe, fingerprint=fp, original_name=source.name,
                                          schema_id=outcome.result.schema_id)
            finally:
                outcome.result.cleanup()
        res.action, res.version, res.rows, res.status = "published", v.number, v.row_count, v.status
        res.errors, res.warnings, res.issues = v.error_count, v.warning_count, v.issue_count
    except _Fail as e:
        res.code, res.message_ja, res.message_en = e.code, e.message_ja, e.message_en
    except StoreError as e:
        res.code, res.message_ja, res.message_en = e.code, e.message_ja, e.message_en
    except Exception as e:       # one broken dataset must not stop the others
        if os.environ.get("OPENDATA_DEBUG"):
            traceback.print_exc()
        res.code = "internal-error"
        res.message_ja = f"内部エラー（{type(e).__name__}: {e}）。OPENDATA_DEBUG=1 で詳細を表示します。"
        res.message_en = f"internal error ({type(e).__name__}: {e})"
    finally:
        res.seconds = time.perf_counter() - t0
    return res


def build_catalogue(folder: str | Path, store: Store, *, force: bool = False, only: list[str] | None = None,
                    progress: Callable[[DatasetResult], None] | None = None) -> BuildSummary:
    t0 = time.perf_counter()
    root = Path(folder)
    summary = BuildSummary(folder=str(root))
    if not root.is_dir():
        summary.fatal = {"code": "folder-missing", "message_ja": f"フォルダ「{root}」がありません。",
                         "message_en": f"folder {root} not found"}
        return summary
    try:
        summary.organizations = load_organizations(root, store)
    except _Fail as e:
        summary.fatal = {"code": e.code, "message_ja": e.message_ja, "message_en": e.message_en}
        return summary
    with store.Session() as s:
        orgs = set(s.scalars(select(Organization.id)))
        known = set(s.scalars(select(Dataset.id).where(Dataset.origin == "catalogue")))
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    if only:
        folders = [p for p in folders if p.name in only]
    for f in folders:
        r = build_dataset(f, store, orgs, force=force)
        summary.results.append(r)
        if progress:
            progress(r)
    if not only:
        summary.missing = sorted(known - {p.name for p in folders})
    summary.seconds = time.perf_counter() - t0
    return summary
