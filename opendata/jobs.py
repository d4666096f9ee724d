"""Background jobs of the staff flow: conversions of uploads (and their adjusted re-runs) and publications.

The database is the queue (``jobs`` table, ``opendata.store.models.Job``): a job is written ``queued``,
then a :class:`JobRunner` of any application process claims it (an ``UPDATE … WHERE state = 'queued'``
that only one process can win), runs it in a bounded thread pool and writes ``done`` or ``failed``.
No Redis, no separate worker process.  A claimed job carries its worker's id and a heartbeat; when a
process dies, the next runner to start on the same host (or any runner, once the heartbeat is older than
``stale_after``) marks its running jobs ``failed`` with ``retryable`` set — ``retry`` queues them again.

The uploaded original is put into the content-addressed store *before* the job exists, so it is kept
(and downloadable) whatever happens to the conversion.

Conversion (``kind = convert``): ``opendata.convert.convert_file(..., progress=…)`` on a hard link of the
stored original named as uploaded (the file name is a detection hint); the converted CSV, the full JSON
report, the change log and the issue log become stored files; the report without its item lists, the
recipe and the counts go into the job row.  Publication (``kind = publish``): ``Store.publish_version``
(atomic: the old version is served until the new one is committed), then the recipe is saved as the
dataset's recipe, so the dataset's next upload converts with it unattended.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import shutil
import socket
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import yaml
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from .store import Store, StoreError
from .store.files import Blob
from .store.models import Dataset, Job, StoredFile, User, Version, utcnow
from .store.search import reindex
from .store.staff import StaffError, dataset_recipe, save_recipe

log = logging.getLogger("opendata.jobs")

KINDS = ("convert", "publish")
STATES = ("queued", "running", "done", "failed")
FINISHED = ("done", "failed")
PROGRESS_EVERY = 0.5            # seconds between progress writes
HEARTBEAT_EVERY = 10.0          # seconds between heartbeats of running jobs
SWEEP_EVERY = 30.0              # seconds between looks for jobs of dead processes


def new_job_id() -> str:
    return uuid.uuid4().hex


def safe_name(name: str | None, default: str = "upload") -> str:
    """The uploaded file's own name, without folders or control characters (it is a detection hint)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C").strip()
    base = base.lstrip(".") or default
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[:190] + dot + ext[:9]) if dot and len(ext) < 10 else base[:200]
    return base


def register_blobs(s: Session, blobs: list[Blob]) -> None:
    ins = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    for b in {b.sha256: b for b in blobs}.values():
        s.execute(ins(StoredFile).values(sha256=b.sha256, size=b.size, created_at=utcnow())
                  .on_conflict_do_nothing(index_elements=["sha256"]))


# --- creating jobs ---------------------------------------------------------------------------------------
def store_upload(store: Store, src: IO[bytes], max_bytes: int) -> Blob:
    """Copy an upload into the content store (streamed); StaffError 413 when larger than ``max_bytes``."""
    with store.files.writer() as w:
        while chunk := src.read(1 << 20):
            if w.size + len(chunk) > max_bytes:
                raise StaffError(413, "upload-too-large", f"ファイルが大きすぎます（上限 {max_bytes >> 20} MB）。",
                                 f"the file is too large (limit {max_bytes >> 20} MB)", {"max_bytes": max_bytes})
            w.write(chunk)
    assert w.blob is not None
    if w.blob.size == 0:
        raise StaffError(422, "upload-empty", "空のファイルです。", "the file is empty")
    return w.blob


def create_convert_job(store: Store, blob: Blob, input_name: str, *, organization: str, user: User | None,
                       dataset_id: str | None = None, options: dict[str, Any] | None = None,
                       parent_id: str | None = None, use_dataset_recipe: bool = True) -> Job:
    """A queued conversion of a stored upload.  ``options``: standard, code, recipe (YAML), overrides,
    ignore, extra_to_remarks, disabled_steps (see :func:`run_convert`).  Uploaded for a dataset, the
    dataset's recipe, standard and publisher code are used unless the options say otherwise."""
    opts = dict(options or {})
    with store.session() as s:
        register_blobs(s, [blob])
        if dataset_id and use_dataset_recipe:
            ds = s.get(Dataset, dataset_id)
            if ds is not None:
                recipe = dataset_recipe(s, ds)
                if recipe and "recipe" not in opts:
                    opts["recipe"], opts["recipe_from"] = recipe, "dataset"
                if not opts.get("standard"):
                    opts["standard"] = ds.standard
                if not opts.get("code"):
                    opts["code"] = ds.publisher_code
        job = Job(id=new_job_id(), kind="convert", state="queued", organization_id=organization,
                  dataset_id=dataset_id, user_id=user.id if user else None, created_by=user.name if user else None,
                  parent_id=parent_id, input_sha256=blob.sha256, input_name=safe_name(input_name),
                  input_size=blob.size, options=opts, created_at=utcnow(), retryable=False, attempts=0,
                  progress_rows=0)
        s.add(job)
    return job


def create_publish_job(store: Store, convert_job: Job, dataset_id: str, user: User | None,
                       note: str | None = None) -> Job:
    with store.session() as s:
        busy = s.scalar(select(Job.id).where(Job.kind == "publish", Job.parent_id == convert_job.id,
                                             Job.state.in_(("queued", "running"))))
        if busy:
            raise StaffError(409, "publish-in-progress", "この変換結果はすでに公開処理中です。",
                             "this conversion is already being published", {"job": busy})
        job = Job(id=new_job_id(), kind="publish", state="queued", organization_id=convert_job.organization_id,
                  dataset_id=dataset_id, user_id=user.id if user else None, created_by=user.name if user else None,
                  parent_id=convert_job.id, input_sha256=convert_job.input_sha256, input_name=convert_job.input_name,
                  input_size=convert_job.input_size, options={"note": note} if note else {}, created_at=utcnow(),
                  retryable=False, attempts=0, progress_rows=0, schema_id=convert_job.schema_id)
        s.add(job)
    return job


def retry_job(store: Store, job_id: str) -> Job:
    with store.session() as s:
        job = s.get(Job, job_id, with_for_update=True)
        if job is None:
            raise StaffError(404, "job-not-found", f"ジョブ「{job_id}」は見つかりません。", f"job {job_id!r} not found")
        if job.state != "failed" or not job.retryable:
            raise StaffError(409, "job-not-retryable", "このジョブはやり直せません（中断されて失敗したジョブだけやり直せます）。",
                             "only a job that failed because it was interrupted can be retried",
                             {"state": job.state, "retryable": job.retryable})
        job.state, job.retryable, job.phase = "queued", False, None
        job.error_code = job.error_ja = job.error_en = job.error_details = None
        job.worker = job.heartbeat_at = job.finished_at = None
    return job


# --- adjustments -----------------------------------------------------------------------------------------
def adjusted_options(parent: Job, body: dict[str, Any]) -> dict[str, Any]:
    """Options of a re-run of ``parent`` with the staff's adjustments (validated; StaffError 422).

    ``body`` keys: ``dataset`` (a standard schema id; changing it starts from automatic mapping),
    ``publisher_code``, ``mapping`` ({target: column name | {column|columns+join|constant|derive} | null}),
    ``constants`` ({target: value}), ``ignore`` (source columns not converted), ``extra_to_remarks``,
    ``disabled_steps``.
    """
    import schemas
    from converters.steps import STEP_NAMES
    from opendata.validation.detect import resolve_dataset

    problems: list[dict[str, Any]] = []
    # the parent's recipe holds its mapping, ignore list, steps and flags; only these travel beside it
    opts: dict[str, Any] = {k: v for k, v in (parent.options or {}).items() if k in ("standard", "code")}
    base = parent.recipe_yaml
    standard = parent.schema_id or opts.get("standard")
    if body.get("dataset"):
        try:
            wanted = resolve_dataset(str(body["dataset"]))
        except KeyError:
            raise StaffError(422, "dataset-unknown", f"標準データセット「{body['dataset']}」は見つかりません。",
                             f"unknown standard dataset {body['dataset']!r}", {"dataset": body["dataset"]}) from None
        if wanted != parent.schema_id:
            base = None                       # another standard: its mapping starts again automatically
        standard = wanted
    opts["standard"] = standard
    if body.get("publisher_code") is not None:
        from converters.jp.checkdigit import is_valid_localgov_code

        code = str(body["publisher_code"]).strip()
        if not is_valid_localgov_code(code):
            raise StaffError(422, "publisher-code-invalid", f"全国地方公共団体コード「{code}」が正しくありません（6桁、検査数字付き）。",
                             f"{code!r} is not a valid 6-digit local-government code")
        opts["code"] = code
    try:
        targets = [f["name"] for f in schemas.load(standard)["fields"]] if standard else []
    except KeyError:
        targets = []
    header = source_columns(parent)
    overrides: dict[str, dict[str, Any] | None] = {}
    mapping = body.get("mapping") or {}
    constants = body.get("constants") or {}
    if not isinstance(mapping, dict) or not isinstance(constants, dict):
        raise StaffError(422, "mapping-invalid", "mapping と constants は「項目名: 値」の形です。",
                         "mapping and constants must be objects {target: …}")
    for target, spec in [*mapping.items(), *((t, {"constant": "" if v is None else str(v)}) for t, v in constants.items())]:
        if targets and target not in targets:
            problems.append({"field": target, "message_ja": f"項目「{target}」は{standard}にありません。",
                             "message_en": f"{standard} has no item {target!r}"})
            continue
        entry = _mapping_entry(spec)
        if entry is False:
            problems.append({"field": target, "message_ja": f"項目「{target}」の指定の形が正しくありません（列名、"
                                                            "{column}、{columns, join}、{constant}、{derive}、null のいずれか）。",
                             "message_en": f"{target}: expected a column name, {{column}}, {{columns, join}}, "
                                           "{constant}, {derive} or null"})
            continue
        if isinstance(entry, dict):
            cols = [entry["column"]] if "column" in entry else list(entry.get("columns") or [])
            missing = [c for c in cols if header and c not in header]
            if missing:
                problems.append({"field": target, "message_ja": f"元のファイルに列「{'」「'.join(missing)}」はありません。",
                                 "message_en": f"no source column {', '.join(map(repr, missing))}",
                                 "columns": sorted(header)})
                continue
        overrides[target] = entry if isinstance(entry, dict) else None
    steps = body.get("disabled_steps")
    if steps is not None:
        unknown = [x for x in steps if x not in STEP_NAMES]
        if unknown:
            problems.append({"field": "disabled_steps", "message_ja": f"処理「{'」「'.join(unknown)}」はありません。",
                             "message_en": f"unknown step(s): {', '.join(unknown)}", "steps": list(STEP_NAMES)})
        opts["disabled_steps"] = sorted(set(steps))
    if body.get("ignore") is not None:
        opts["ignore"] = [str(x) for x in body["ignore"]]
    if body.get("extra_to_remarks") is not None:
        opts["extra_to_remarks"] = bool(body["extra_to_remarks"])
    if problems:
        raise StaffError(422, "adjustment-invalid", "調整の指定に誤りがあります: " + " ".join(p["message_ja"] for p in problems),
                         "invalid adjustment: " + "; ".join(p["message_en"] for p in problems), problems)
    if overrides:
        opts["overrides"] = overrides
    if base:
        opts["recipe"] = base
    opts["adjusted_from"] = parent.id
    return opts


def _mapping_entry(spec: Any) -> dict[str, Any] | bool | None:
    """A mapping override as a recipe entry; None = leave the item empty; False = not understood."""
    if spec is None:
        return None
    if isinstance(spec, str):
        return {"column": spec}
    if not isinstance(spec, dict):
        return False
    if "column" in spec and isinstance(spec["column"], str):
        return {"column": spec["column"]}
    if "columns" in spec and isinstance(spec["columns"], list) and spec["columns"]:
        return {"columns": [str(c) for c in spec["columns"]], "join": str(spec.get("join", " "))}
    if "constant" in spec:
        return {"constant": "" if spec["constant"] is None else str(spec["constant"])}
    if "derive" in spec and isinstance(spec["derive"], str):
        return {"derive": spec["derive"]}
    return False


def source_columns(job: Job) -> set[str]:
    """The header names of the converted table, as far as the report tells (mapped and unmapped columns)."""
    rep = job.report or {}
    out: set[str] = set()
    for m in rep.get("mapping") or []:
        if m.get("source"):
            out.add(m["source"])
        out.update(m.get("sources") or [])
    out.update(u["header"] for u in rep.get("unmapped") or [] if u.get("header"))
    return out


def apply_adjustments(recipe: Any, opts: dict[str, Any]) -> Any:
    """The recipe with the options' overrides, ignore list, steps and flags applied (a new Recipe)."""
    from converters.recipe import Recipe

    r = Recipe.from_dict(recipe.to_dict())
    r.schema = recipe.schema
    for target, entry in (opts.get("overrides") or {}).items():
        if entry is None:
            r.mapping.pop(target, None)
        else:
            r.mapping[target] = dict(entry)
            for c in [entry.get("column"), *(entry.get("columns") or [])]:
                if c in r.ignore:
                    r.ignore.remove(c)
    if opts.get("code"):
        r.publisher_code = opts["code"]
    if "disabled_steps" in opts:
        r.disabled_steps = list(opts["disabled_steps"])
    if "extra_to_remarks" in opts:
        # a recipe's ignore list holds only the columns someone chose to leave out: they stay out of 備考
        r.options["extra_to_remarks"] = bool(opts["extra_to_remarks"])
    if "ignore" in opts:
        r.ignore = list(opts["ignore"])
    return r


# --- running jobs ----------------------------------------------------------------------------------------
class JobFailed(Exception):
    def __init__(self, code: str, message_ja: str, message_en: str, details: Any = None, retryable: bool = False):
        super().__init__(message_en)
        self.code, self.message_ja, self.message_en = code, message_ja, message_en
        self.details, self.retryable = details, retryable


class Progress:
    """The ``progress`` callback of ``convert_file``: rows done, written at most every PROGRESS_EVERY s."""

    def __init__(self, store: Store, job_id: str):
        self.store, self.job_id = store, job_id
        self.last = 0.0

    def phase(self, phase: str) -> None:
        self._write(phase=phase, heartbeat_at=utcnow())

    def __call__(self, rows: int) -> None:
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY:
            self.last = now
            self._write(progress_rows=int(rows), heartbeat_at=utcnow())

    def _write(self, **values: Any) -> None:
        try:
            with self.store.session() as s:
                s.execute(update(Job).where(Job.id == self.job_id).values(**values))
        except Exception:                       # progress is informative: never fail a conversion for it
            log.warning("could not record progress of job %s", self.job_id, exc_info=True)


def _link_or_copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)


def run_convert(store: Store, job: Job, progress: Progress) -> dict[str, Any]:
    """Convert the job's stored original.  Returns the job columns to set; raises JobFailed."""
    from converters.recipe import Recipe, RecipeError

    from .convert import convert_file, report_dict, write_json_report

    opts = job.options or {}
    if not job.input_sha256 or not store.files.exists(job.input_sha256):
        raise JobFailed("original-missing", "元のファイルが保存場所にありません。", "the stored original is missing")
    work = store.settings.work_dir / job.id
    shutil.rmtree(work, ignore_errors=True)
    try:
        src = work / "in" / safe_name(job.input_name)
        _link_or_copy(store.files.path(job.input_sha256), src)
        recipe = None
        if opts.get("recipe"):
            try:
                recipe = Recipe.from_dict(yaml.safe_load(opts["recipe"]))
            except (RecipeError, yaml.YAMLError) as e:
                ja = getattr(e, "message_ja", "レシピを読めません。")
                raise JobFailed("recipe-invalid", f"保存されたレシピを使えません: {ja}",
                                f"the saved recipe cannot be used: {e}") from None
            if opts.get("standard") and recipe.dataset and recipe.dataset != opts["standard"]:
                recipe = None                   # the standard was changed: map again automatically
        needs_recipe = bool(opts.get("overrides") or "disabled_steps" in opts or "ignore" in opts)
        common: dict[str, Any] = {"code": opts.get("code"), "progress": progress, "keep_logs": True}
        if recipe is None and needs_recipe:
            # a first, automatic pass gives the complete recipe the adjustments apply to
            progress.phase("mapping")
            first = convert_file(src, work / "first", dataset=opts.get("standard"), **common)
            if not first.ok or first.result is None:
                raise _failed(first.error)
            recipe = first.result.recipe
            first.result.cleanup()
        if recipe is not None:
            recipe = apply_adjustments(recipe, opts)
        else:
            common["extra_to_remarks"] = opts.get("extra_to_remarks")
        progress.phase("converting")
        outcome = convert_file(src, work / "out", dataset=None if recipe is not None else opts.get("standard"),
                               recipe=recipe, **common)
        if not outcome.ok or outcome.result is None:
            raise _failed(outcome.error)
        res = outcome.result
        try:
            progress.phase("storing")
            out_name = res.output.name
            output = store.files.put_file(res.output)
            changes = store.files.put_file(res.changes_path)
            issues = store.files.put_file(res.issues_path)
            res.input, res.output = job.input_name or src.name, Path(out_name)     # names, not scratch paths
            if outcome.validation is not None:
                outcome.validation.path = out_name
            report_path = work / "report.json"
            write_json_report(outcome, report_path)
            report = store.files.put_file(report_path)
            summary = report_dict(outcome, include_items=False)
            summary["engine"] = res.engine
            return {"blobs": [output, changes, issues, report], "output_sha256": output.sha256,
                    "output_name": out_name, "changes_sha256": changes.sha256, "issues_sha256": issues.sha256,
                    "report_sha256": report.sha256, "report": json.loads(json.dumps(summary, default=str)),
                    "schema_id": res.schema_id, "status": outcome.status, "rows_out": res.rows_out,
                    "progress_rows": res.rows_in, "recipe_yaml": res.recipe.dump()}
        finally:
            res.cleanup()
    finally:
        shutil.rmtree(work, ignore_errors=True)


HINTS = {
    "dataset-unknown": ("アップロードするときに変換先の標準（standard、例: 2021/aed）を指定してください。",
                        "upload again with the standard to convert to (standard, e.g. 2021/aed)"),
}


def _failed(error: dict[str, Any] | None) -> JobFailed:
    e = error or {}
    code = str(e.get("code") or "conversion-failed")
    details = dict(e.get("details") or {})
    if code in HINTS:                  # the converter's messages speak of CLI options; say what the API takes
        details["hint_ja"], details["hint_en"] = HINTS[code]
    return JobFailed(code, str(e.get("message_ja") or "ファイルを変換できませんでした。"),
                     str(e.get("message_en") or "the file could not be converted"), details or None)


def run_publish(store: Store, job: Job, progress: Progress) -> dict[str, Any]:
    with store.Session() as s:
        parent = s.get(Job, job.parent_id) if job.parent_id else None
    if parent is None or parent.state != "done" or not parent.output_sha256:
        raise JobFailed("conversion-missing", "公開する変換結果がありません。", "there is no conversion result to publish")
    if not job.dataset_id:
        raise JobFailed("dataset-missing", "公開先のデータセットがありません。", "no dataset to publish to")
    # an interrupted earlier attempt may have committed its version already
    done: Version | None = None
    if job.attempts > 1:
        with store.Session() as s:
            done = s.scalars(select(Version).where(Version.dataset_id == job.dataset_id,
                                                   Version.csv_sha256 == parent.output_sha256,
                                                   Version.report_sha256 == parent.report_sha256,
                                                   Version.created_at >= job.created_at)
                             .order_by(Version.number.desc()).limit(1)).first()
    progress.phase("publishing")
    if done is None:
        done = store.publish_version(
            job.dataset_id, store.files.path(parent.input_sha256) if parent.input_sha256 else None,
            store.files.path(parent.output_sha256),
            report=store.files.path(parent.report_sha256) if parent.report_sha256 else None,
            summary=parent.report or {}, recipe=parent.recipe_yaml, original_name=parent.input_name,
            schema_id=parent.schema_id, fingerprint=_keep_fingerprint(store, job.dataset_id),
            published_by=job.created_by, note=(job.options or {}).get("note"), republish=True)
    with store.session() as s:
        save_recipe(s, job.dataset_id, parent.recipe_yaml)
        s.execute(update(Job).where(Job.id == parent.id).values(version_id=done.id))
        ds = s.get(Dataset, job.dataset_id)
        if ds is not None and ds.standard is None and parent.schema_id and not parent.schema_id.startswith("city/"):
            ds.standard = parent.schema_id            # the dataset follows the standard it was converted to
            s.flush()
            reindex(s, ds)
    return {"version_id": done.id, "rows_out": done.row_count, "status": done.status}


def _keep_fingerprint(store: Store, dataset_id: str) -> str | None:
    """A dataset built from datasets/ keeps its build fingerprint, so ``opendata build`` republishes from the
    folder only when the folder changes (the latest change wins, whichever side made it)."""
    with store.Session() as s:
        ds = s.get(Dataset, dataset_id)
        if ds is None or ds.origin != "catalogue":
            return None
    return store.current_fingerprint(dataset_id)


RUNNERS: dict[str, Callable[[Store, Job, Progress], dict[str, Any]]] = {"convert": run_convert, "publish": run_publish}


def execute(store: Store, job_id: str) -> None:
    """Run one claimed job to its end: ``done`` with its results, or ``failed`` with a bilingual error."""
    with store.Session() as s:
        job = s.get(Job, job_id)
    if job is None:
        return
    progress = Progress(store, job_id)
    try:
        result = RUNNERS[job.kind](store, job, progress)
    except JobFailed as e:
        _finish(store, job_id, "failed", error=(e.code, e.message_ja, e.message_en, e.details), retryable=e.retryable)
        return
    except StoreError as e:                    # StaffError too
        _finish(store, job_id, "failed", error=(e.code, e.message_ja, e.message_en, getattr(e, "details", None)))
        return
    except Exception:
        error_id = uuid.uuid4().hex[:12]
        log.exception("job %s failed unexpectedly (error id %s)", job_id, error_id)
        _finish(store, job_id, "failed", retryable=True, error=(
            "internal-error", f"処理中に内部エラーが発生しました。やり直すか、管理者に連絡してください（エラーID: {error_id}）。",
            f"internal error while processing (error id {error_id}); retry or contact the administrator",
            {"error_id": error_id}))
        return
    _finish(store, job_id, "done", result=result)


def _finish(store: Store, job_id: str, state: str, *, result: dict[str, Any] | None = None,
            error: tuple[str, str, str, Any] | None = None, retryable: bool = False) -> None:
    values: dict[str, Any] = {"state": state, "finished_at": utcnow(), "phase": None, "retryable": retryable}
    blobs: list[Blob] = []
    if result:
        blobs = result.pop("blobs", [])
        values.update(result)
    if error:
        values.update(error_code=error[0], error_ja=error[1], error_en=error[2], error_details=error[3])
    with store.session() as s:
        register_blobs(s, blobs)
        s.execute(update(Job).where(Job.id == job_id).values(**values))


# --- the runner ------------------------------------------------------------------------------------------
def _host() -> str:
    return socket.gethostname()[:100]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_WORKER_RE = re.compile(r"^(?P<host>.*):(?P<pid>\d+):(?P<run>[0-9a-f]+)$")


class JobRunner:
    """Claims queued jobs from the database and runs them in a bounded thread pool (``workers``)."""

    def __init__(self, store: Store, workers: int | None = None, *, poll_interval: float = 2.0,
                 stale_after: float = 120.0):
        self.store = store
        self.workers = max(1, workers or store.settings.job_workers)
        self.poll_interval, self.stale_after = poll_interval, stale_after
        self.worker_id = f"{_host()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._pool: ThreadPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._running: set[str] = set()
        self._last_sweep = 0.0
        self._last_beat = 0.0

    # lifecycle
    @property
    def started(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        with self._lock:
            if self.started:
                return
            self._stop.clear()
            self.recover()
            self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="opendata-job")
            self._thread = threading.Thread(target=self._loop, name="opendata-jobs", daemon=True)
            self._thread.start()

    def stop(self, wait: bool = True) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None

    def notify(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self._wake.set()

    # the loop
    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._dispatch()
                now = time.monotonic()
                if self._running and now - self._last_beat >= HEARTBEAT_EVERY:
                    self._heartbeat()
                    self._last_beat = now
                if now - self._last_sweep >= SWEEP_EVERY:
                    self.recover()
                    self._last_sweep = now
            except Exception:
                log.exception("job runner loop")
            self._wake.wait(self.poll_interval)
            self._wake.clear()

    def _dispatch(self) -> None:
        with self._lock:
            free = self.workers - len(self._running)
        if free <= 0 or self._pool is None:
            return
        with self.store.Session() as s:
            ids = list(s.scalars(select(Job.id).where(Job.state == "queued").order_by(Job.created_at, Job.id)
                                 .limit(free)))
        for job_id in ids:
            if self._claim(job_id):
                with self._lock:
                    self._running.add(job_id)
                self._pool.submit(self._run, job_id)

    def _claim(self, job_id: str) -> bool:
        now = utcnow()
        with self.store.session() as s:
            res = s.execute(update(Job).where(Job.id == job_id, Job.state == "queued")
                            .values(state="running", worker=self.worker_id, started_at=now, heartbeat_at=now,
                                    attempts=Job.attempts + 1, phase="starting"))
            return bool(getattr(res, "rowcount", 0) == 1)

    def _run(self, job_id: str) -> None:
        try:
            execute(self.store, job_id)
        except Exception:                       # execute() records failures itself; this is the last resort
            log.exception("job %s", job_id)
        finally:
            with self._lock:
                self._running.discard(job_id)
            self._wake.set()

    def _heartbeat(self) -> None:
        with self._lock:
            ids = list(self._running)
        if ids:
            with self.store.session() as s:
                s.execute(update(Job).where(Job.id.in_(ids), Job.worker == self.worker_id)
                          .values(heartbeat_at=utcnow()))

    def recover(self) -> list[str]:
        """Mark ``failed`` (retryable) the running jobs of processes that are gone: a dead process on this
        host, or any worker whose heartbeat is older than ``stale_after`` seconds."""
        host = _host()
        cutoff = utcnow() - dt.timedelta(seconds=self.stale_after)
        lost: list[str] = []
        with self.store.Session() as s:
            rows = s.execute(select(Job.id, Job.worker, Job.heartbeat_at).where(Job.state == "running")).all()
        for job_id, worker, beat in rows:
            if worker == self.worker_id:
                continue
            m = _WORKER_RE.match(worker or "")
            dead = m is not None and m["host"] == host and not _pid_alive(int(m["pid"]))
            if dead or beat is None or beat < cutoff:
                lost.append(job_id)
        for job_id in lost:
            with self.store.session() as s:
                s.execute(update(Job).where(Job.id == job_id, Job.state == "running").values(
                    state="failed", retryable=True, finished_at=utcnow(), phase=None, error_code="interrupted",
                    error_ja="処理が中断されました（サーバーの再起動など）。やり直してください（retry）。",
                    error_en="the job was interrupted (e.g. a server restart); retry it", error_details=None))
            shutil.rmtree(self.store.settings.work_dir / job_id, ignore_errors=True)    # its scratch files
            log.warning("job %s was interrupted; marked failed (retryable)", job_id)
        return lost

    def wait(self, job_id: str, timeout: float) -> Job | None:
        """The job once finished, or as it stands after ``timeout`` seconds."""
        deadline = time.monotonic() + max(0.0, timeout)
        delay = 0.02
        while True:
            with self.store.Session() as s:
                job = s.get(Job, job_id)
            if job is None or job.state in FINISHED or time.monotonic() >= deadline:
                return job
            time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
            delay = min(delay * 2, 0.25)


def iter_jsonl(store: Store, sha256: str | None) -> Iterator[dict[str, Any]]:
    """The entries of a stored JSON-lines log (changes, issues)."""
    if not sha256:
        return
    with contextlib.closing(store.files.open(sha256)) as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
