"""Run the benchmarks and write docs/performance.md  (``make bench``).

Method (as in ../shared/research/libs.md §3, Appendix B): every benchmark is a whole process — the
interpreter start, the imports and the work — run ``BENCH_RUNS`` times (3) under
``/usr/bin/time -f "%e %M"``; the median wall time and the median peak RSS are reported, and
rows/s = rows / median wall.  All validators run on the same generated files in the same run.  Benchmarks of
one ``interleave`` group run in turns (the xlsx pair, ``BENCH_XLSX_RUNS`` times each, 5): their ratio is taken
pair by pair.

Environment:
  BENCH_QUICK=1          small sizes (20,000 / 100,000 rows), about a minute; the report goes to
                         bench/out/performance-quick.md so the committed docs/performance.md stays
  BENCH_FULL=1           also run the plain frictionless CLI on the large file (takes minutes)
  BENCH_ROWS=200000      the "small" size        BENCH_ROWS_LARGE=1000000   the "large" size
  BENCH_RUNS=3           runs per benchmark      BENCH_BAD_EVERY=1000       one planted defect every N rows (0: none)
  BENCH_OUTPUT=PATH      where to write the report

Generated data lives in bench/out/ (git-ignored) and is reused when its parameters are unchanged.
To add benchmarks (conversion, API …), write a function that returns ``Benchmark`` entries and add
it to ``SUITES``; a ``Benchmark`` names its data file, its command and how to read its output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
SCHEMA = ROOT / "schemas" / "2026" / "fire_hydrant.json"
sys.path.insert(0, str(ROOT / "bench"))

import gen_fire_hydrant  # noqa: E402
import gen_legacy  # noqa: E402


def _env_int(name: str, default: int) -> int:
    v = os.environ.get(name, "").strip()
    return int(v.replace("_", "").replace(",", "")) if v else default


QUICK = os.environ.get("BENCH_QUICK") == "1"
FULL = os.environ.get("BENCH_FULL") == "1"
ROWS = _env_int("BENCH_ROWS", 20_000 if QUICK else 200_000)
ROWS_LARGE = _env_int("BENCH_ROWS_LARGE", 100_000 if QUICK else 1_000_000)
RUNS = _env_int("BENCH_RUNS", 3)
BAD_EVERY = _env_int("BENCH_BAD_EVERY", 1000)
OUTPUT = Path(os.environ.get("BENCH_OUTPUT") or (OUT / "performance-quick.md" if QUICK else ROOT / "docs" / "performance.md"))


# --- data ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DataFile:
    """A generated input file; ``path`` is created on first use and reused while its parameters hold."""

    rows: int
    encoding: str = "utf-8"
    bad_every: int = BAD_EVERY

    @property
    def path(self) -> Path:
        tag = f"{self.rows}_{self.encoding.replace('-', '')}_bad{self.bad_every}"
        # the dataset's own file-name convention, so detection and the file-name check behave as for real files
        return OUT / "data" / tag / "312011_fire_hydrant.csv"

    @property
    def label(self) -> str:
        enc = "UTF-8" if self.encoding == "utf-8" else self.encoding.upper()
        return f"{self.rows:,} rows, {enc}"

    def ensure(self) -> Path:
        params = {"rows": self.rows, "encoding": self.encoding, "bad_every": self.bad_every,
                  "generator": _file_digest(ROOT / "bench" / "gen_fire_hydrant.py"), "schema": _file_digest(SCHEMA)}
        side = self.path.with_suffix(".params.json")
        if self.path.is_file() and side.is_file() and json.loads(side.read_text(encoding="utf-8")) == params:
            return self.path
        t0 = time.perf_counter()
        gen_fire_hydrant.write(self.rows, self.path, encoding=self.encoding, bad_every=self.bad_every)
        side.write_text(json.dumps(params), encoding="utf-8")
        print(f"  generated {self.path.relative_to(ROOT)} ({self.path.stat().st_size / 2**20:.1f} MiB, "
              f"{time.perf_counter() - t0:.1f} s)", flush=True)
        return self.path

    def command(self) -> str:
        bad = f" --bad-every {self.bad_every}" if self.bad_every else ""
        enc = f" --encoding {self.encoding}" if self.encoding != "utf-8" else ""
        return f"python bench/gen_fire_hydrant.py {self.rows} {self.path.relative_to(ROOT)}{enc}{bad}"


@dataclass(frozen=True)
class LegacyFile:
    """A legacy fire-hydrant list (2021 headers, 全角, addresses without the prefecture) from bench/gen_legacy.py."""

    rows: int
    encoding: str = "cp932"

    @property
    def path(self) -> Path:
        return OUT / "data" / f"legacy_{self.rows}_{self.encoding.replace('-', '')}" / "312011_shokasen_kyu.csv"

    @property
    def label(self) -> str:
        return f"{self.rows:,} legacy rows, {self.encoding.upper()}"

    def ensure(self) -> Path:
        params = {"rows": self.rows, "encoding": self.encoding, "generator": _file_digest(ROOT / "bench" / "gen_legacy.py")}
        side = self.path.with_suffix(".params.json")
        if self.path.is_file() and side.is_file() and json.loads(side.read_text(encoding="utf-8")) == params:
            return self.path
        t0 = time.perf_counter()
        gen_legacy.write(self.rows, self.path, encoding=self.encoding)
        side.write_text(json.dumps(params), encoding="utf-8")
        print(f"  generated {self.path.relative_to(ROOT)} ({self.path.stat().st_size / 2**20:.1f} MiB, "
              f"{time.perf_counter() - t0:.1f} s)", flush=True)
        return self.path

    def command(self) -> str:
        return f"python bench/gen_legacy.py {self.rows} {self.path.relative_to(ROOT)} --encoding {self.encoding}"


@dataclass(frozen=True)
class XlsxFile:
    """The fire-hydrant rows of DataFile (one defect in 1,000) as an .xlsx workbook (numbers as numbers)."""

    rows: int
    encoding: str = "xlsx"

    @property
    def path(self) -> Path:
        return OUT / "data" / f"{self.rows}_xlsx" / "312011_fire_hydrant.xlsx"

    @property
    def label(self) -> str:
        return f"{self.rows:,} rows, xlsx"

    def ensure(self) -> Path:
        params = {"rows": self.rows, "generator": _file_digest(ROOT / "bench" / "gen_fire_hydrant.py"),
                  "writer": _file_digest(ROOT / "bench" / "baselines.py")}
        side = self.path.with_suffix(".params.json")
        if self.path.is_file() and side.is_file() and json.loads(side.read_text(encoding="utf-8")) == params:
            return self.path
        import baselines

        t0 = time.perf_counter()
        baselines.write_xlsx(self.rows, self.path)
        side.write_text(json.dumps(params), encoding="utf-8")
        print(f"  generated {self.path.relative_to(ROOT)} ({self.path.stat().st_size / 2**20:.1f} MiB, "
              f"{time.perf_counter() - t0:.1f} s)", flush=True)
        return self.path

    def command(self) -> str:
        return f"python bench/baselines.py xlsx {self.rows} {self.path.relative_to(ROOT)}"


def _file_digest(p: Path) -> str:
    import hashlib

    return hashlib.sha256(p.read_bytes()).hexdigest()[:16]


# --- benchmarks ---------------------------------------------------------------------------------------
@dataclass
class Benchmark:
    name: str
    group: str
    rows: int
    argv: list[str]                                   # "{file}" is replaced by the data file
    data: DataFile | LegacyFile | XlsxFile | None = None
    parse: Callable[[str], dict[str, Any]] | None = None   # stdout of the last run -> facts for the notes
    note: str = ""
    # benchmarks of one ``interleave`` group are run in turns (a, b, a, b …) and ``runs`` times each: a pair whose
    # ratio is the result (the xlsx target) then sees the same machine, whose speed moves between minutes here
    interleave: str | None = None
    runs: int = 0                                     # 0: RUNS
    # filled in by run()
    walls: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    stdout: str = ""
    failure: str = ""                                 # why the result is not usable ("" = fine)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def rss_mib(self) -> float:
        return statistics.median(self.rss_kib) / 1024

    @property
    def rows_per_s(self) -> float | None:
        return self.rows / self.wall if self.rows and self.wall else None

    def display_command(self) -> str:
        args = [str(self.data.path.relative_to(ROOT)) if a == "{file}" and self.data else a for a in self.argv]
        return " ".join(shlex.quote(a) for a in args)


def _parse_validate_json(out: str) -> dict[str, Any]:
    d = json.loads(out)
    return {"rows": d["stats"]["rows"], "errors": d["stats"]["errors"], "warnings": d["stats"]["warnings"],
            "engine": d["engine"], "counts": d["counts"],
            "findings": [(p.get("row"), p.get("column"), p["code"], p.get("value"), p.get("suggestion"))
                         for p in d["problems"]]}


def _parse_frictionless_text(out: str) -> dict[str, Any]:
    types: dict[str, int] = {}
    for m in re.finditer(r"^│\s*\d+\s*│\s*\d+\s*│\s*([a-z-]+)\s*│", out, re.M):
        types[m.group(1)] = types.get(m.group(1), 0) + 1
    status = "INVALID" if "INVALID" in out else ("VALID" if "VALID" in out else "?")
    if status == "?" or (status == "INVALID" and not types):
        raise ValueError("no validation table in the output: " + " ".join(out.split())[:200])
    return {"status": status, "error_types": types, "errors": sum(types.values())}


def validation_suite() -> list[Benchmark]:
    small, large = DataFile(ROWS), DataFile(ROWS_LARGE)
    cp932, tiny = DataFile(ROWS, "cp932"), DataFile(100, bad_every=0)
    od, fl = str(BIN / "opendata"), str(BIN / "frictionless")
    schema = str(SCHEMA.relative_to(ROOT))
    out = [
        Benchmark("`opendata validate --json` (fast engine), fixed cost", "fixed cost", tiny.rows,
                  [od, "validate", "{file}", "--json"], tiny, _parse_validate_json,
                  note="start-up, imports, encoding and dataset detection"),
        Benchmark("`opendata validate --json` (fast engine)", "validation", small.rows, [od, "validate", "{file}", "--json"],
                  small, _parse_validate_json),
        Benchmark("`opendata validate --json` (fast engine)", "validation", large.rows, [od, "validate", "{file}", "--json"],
                  large, _parse_validate_json),
        Benchmark("`opendata validate --json` (fast engine), CP932 file", "validation", cp932.rows,
                  [od, "validate", "{file}", "--json"], cp932, _parse_validate_json),
        Benchmark("`opendata validate --engine frictionless --json` (reference engine)", "validation", small.rows,
                  [od, "validate", "{file}", "--engine", "frictionless", "--json"], small, _parse_validate_json),
        Benchmark(f"plain `frictionless validate --schema {schema}`", "validation", small.rows,
                  [fl, "validate", "{file}", "--schema", schema], small, _parse_frictionless_text,
                  note="frictionless only: no Japanese checks"),
    ]
    if FULL:
        out.append(Benchmark(f"plain `frictionless validate --schema {schema}`", "validation", large.rows,
                             [fl, "validate", "{file}", "--schema", schema], large, _parse_frictionless_text,
                             note="frictionless only: no Japanese checks"))
    return out


def _parse_convert_json(out: str) -> dict[str, Any]:
    d = json.loads(out)
    v = d.get("validation") or {}
    st = v.get("stats", {})
    return {"rows": d["rows"]["in"], "status": d["status"], "changes": d["changes"]["total"],
            "issues": d["issues"]["total"], "output_errors": st.get("errors"), "accounting": d["accounting"],
            "summary": f"{d['status']}: {d['changes']['total']:,} changes, {d['issues']['total']:,} issues logged; "
                       f"output {st.get('errors', '?'):,} errors, {st.get('warnings', '?'):,} warnings; "
                       f"balanced {d['accounting'].get('balanced')}"}


def _parse_line_json(out: str) -> dict[str, Any]:
    d = json.loads(out.strip().splitlines()[-1])
    parts = [f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in d.items() if v is not None]
    return {**d, "summary": ", ".join(parts)}


def _convert_argv(tag: str, *extra: str) -> list[str]:
    return [str(BIN / "opendata"), "convert", "{file}", "--code", "312011", "--out", str(OUT / "convert" / tag),
            "--json", *extra]


def conversion_suite() -> list[Benchmark]:
    """opendata convert (convert + validate) next to plain frictionless validate and a pandas read + write of
    the same CP932 files: the 16-column 2026 file at two sizes, and a legacy 2021 file that needs work."""
    py = str(BIN / "python")
    fl = str(BIN / "frictionless")
    out: list[Benchmark] = []
    files: list[tuple[DataFile | LegacyFile, str, str, list[str]]] = [
        (DataFile(ROWS, "cp932"), "2026 file", "schemas/2026/fire_hydrant.json", []),
        (DataFile(ROWS_LARGE, "cp932"), "2026 file", "schemas/2026/fire_hydrant.json", []),
        (LegacyFile(ROWS), "legacy 2021 file", "schemas/2021/fire_hydrant.json", ["--dataset", "2026/fire_hydrant"]),
        (LegacyFile(ROWS_LARGE), "legacy 2021 file", "schemas/2021/fire_hydrant.json",
         ["--dataset", "2026/fire_hydrant"]),
    ]
    for data, what, schema, extra in files:
        tag = f"{'legacy' if isinstance(data, LegacyFile) else 'fh'}_{data.rows}"
        out.append(Benchmark(f"`opendata convert --json` (convert + validate), {what}", "conversion", data.rows,
                             _convert_argv(tag, *extra), data, _parse_convert_json,
                             note="columnar engine (auto)"))
        out.append(Benchmark(f"plain `frictionless validate --schema {schema}`, {what}", "conversion", data.rows,
                             [fl, "validate", "{file}", "--schema", schema], data, _parse_frictionless_text,
                             note="frictionless only: types and constraints"))
        out.append(Benchmark(f"pandas `read_csv` + `to_csv` (all text), {what}", "conversion", data.rows,
                             [py, "bench/baselines.py", "pandas", "{file}", str(OUT / "convert" / f"{tag}_pandas.csv"),
                              "--encoding", data.encoding], data, _parse_line_json))
    ref = DataFile(ROWS, "cp932")
    out.append(Benchmark("convert + validate with the row engine (the reference), 2026 file", "conversion", ref.rows,
                         [py, "bench/baselines.py", "convert", "{file}", str(OUT / "convert" / "fh_rows_engine"),
                          "--engine", "rows", "--code", "312011"], ref, _parse_line_json))
    return out


def xlsx_suite() -> list[Benchmark]:
    """A 200,000-row workbook: opendata convert next to python-calamine's bare read of the same file."""
    x = XlsxFile(ROWS)
    runs = _env_int("BENCH_XLSX_RUNS", 5)
    return [
        Benchmark("`opendata convert --json` (convert + validate), xlsx", "xlsx", x.rows,
                  _convert_argv(f"xlsx_{x.rows}"), x, _parse_convert_json, interleave="xlsx", runs=runs),
        Benchmark("python-calamine `iter_rows` (bare read), xlsx", "xlsx", x.rows,
                  [str(BIN / "python"), "bench/baselines.py", "calamine", "{file}"], x, _parse_line_json,
                  interleave="xlsx", runs=runs),
    ]


def api_suite() -> list[Benchmark]:
    """The catalogue API against a real uvicorn server (bench/bench_api.py): search latency with 10,000
    datasets, rows endpoint latency, streaming download throughput and server memory for a 1 GiB CSV (preparing it takes ~15 min once).
    The stores are prepared once here (cached in bench/out/api); the timed runs only start the server and query."""
    py = str(BIN / "python")
    datasets = _env_int("BENCH_API_DATASETS", 10_000)
    rows = _env_int("BENCH_API_ROWS", 20_000 if QUICK else 100_000)
    mib = _env_int("BENCH_DOWNLOAD_MIB", 20 if QUICK else 1024)   # the issue asks for a 1 GB CSV
    repeat = str(_env_int("BENCH_API_REPEAT", 20))
    for what, arg in (("search", ["--datasets", str(datasets)]), ("rows", ["--rows", str(rows)]),
                      ("download", ["--mib", str(mib)])):
        subprocess.run([py, "bench/bench_api.py", "prepare", what, *arg], cwd=ROOT, check=False)
    api = [py, "bench/bench_api.py"]
    return [
        Benchmark(f"API search `GET /api/v1/datasets` (p50/p95 over the request mix), {datasets:,} datasets", "api", 0,
                  [*api, "search", "--datasets", str(datasets), "--repeat", repeat], None, _parse_api_json,
                  note="wall and RSS include starting uvicorn"),
        Benchmark(f"API rows `GET /api/v1/datasets/{{id}}/rows` (filters, sort, pages), {rows:,} rows", "api", 0,
                  [*api, "rows", "--rows", str(rows), "--repeat", repeat], None, _parse_api_json,
                  note="wall and RSS include starting uvicorn"),
        Benchmark(f"API streaming download `/download/csv` and `/download/json`, {mib:,} MiB CSV", "api", 0,
                  [*api, "download", "--mib", str(mib)], None, _parse_api_json,
                  note="server RSS sampled from /proc every 50 ms"),
    ]


def _parse_api_json(out: str) -> dict[str, Any]:
    d = json.loads(out.strip().splitlines()[-1])
    return {k: d[k] for k in ("summary", "p50_ms", "p95_ms", "server_rss_peak_mib") if k in d}


def conversion_comparisons(benches: list[Benchmark]) -> list[str]:
    """The conversion targets: convert + validate >= 100k rows/s on the 16-column file and 10x plain frictionless
    validate; memory flat with rows; a 200k-row xlsx within 1.5x of python-calamine's bare read."""
    lines: list[str] = []
    conv = "`opendata convert --json`"
    for label, cls in (("2026 file (16 columns)", DataFile), ("legacy 2021 file (11 columns -> 16)", LegacyFile)):
        what = "2026 file" if cls is DataFile else "legacy 2021 file"
        runs = []
        for rows in (ROWS, ROWS_LARGE):
            data: DataFile | LegacyFile = DataFile(rows, "cp932") if cls is DataFile else LegacyFile(rows)
            c = _find(benches, f"{conv} (convert + validate), {what}", rows, data)
            f = _find(benches, "plain `frictionless validate", rows, data)
            pd_ = _find(benches, "pandas", rows, data)
            if not c or not c.rows_per_s:
                continue
            runs.append(c)
            part = f"- **{label}, {rows:,} rows (CP932):** convert + validate {_fmt_rate(c.rows_per_s)} rows/s " \
                   f"({c.wall:.2f} s, {c.rss_mib:.0f} MiB)"
            if f and f.rows_per_s:
                ratio = c.rows_per_s / f.rows_per_s
                part += f"; plain frictionless validate {_fmt_rate(f.rows_per_s)} rows/s ({f.wall:.2f} s), ratio {ratio:.2f}×"
                if cls is DataFile:
                    part += f" (target ≥ 10×: **{'met' if ratio >= 10 else 'not met'}**)"
                if f.facts.get("errors", 0) >= 1000:
                    part += (" — frictionless stopped at its default limit of 1,000 errors and did not read the whole "
                             "file, so this ratio does not compare like with like")
            if pd_ and pd_.rows_per_s:
                part += f"; pandas read + write {_fmt_rate(pd_.rows_per_s)} rows/s ({pd_.wall:.2f} s, {pd_.rss_mib:.0f} MiB)"
            if cls is DataFile:
                part += f". Target ≥ 100,000 rows/s: **{'met' if c.rows_per_s >= 100_000 else 'not met'}**."
            lines.append(part)
        if len(runs) == 2:
            a, b = runs
            growth = b.rss_mib - a.rss_mib
            lines.append(f"- **Memory, {label}:** {a.rss_mib:.0f} MiB at {a.rows:,} rows, {b.rss_mib:.0f} MiB at "
                         f"{b.rows:,} rows ({growth:+.0f} MiB for {b.rows - a.rows:,} more rows, "
                         f"{growth * 2**20 / max(b.rows - a.rows, 1):.0f} bytes per row, peak of the whole process "
                         "including the validation).")
    ref = _find(benches, "convert + validate with the row engine", ROWS)
    col = _find(benches, f"{conv} (convert + validate), 2026 file", ROWS, DataFile(ROWS, "cp932"))
    if ref and col:
        same = all(ref.facts.get(k) == col.facts.get(k2) for k, k2 in
                   (("changes", "changes"), ("issues", "issues"), ("errors", "output_errors")))
        lines.append(f"- **Columnar vs row engine, {ROWS:,} rows:** {ref.wall / col.wall:.2f}× faster end to end "
                     f"({col.wall:.2f} s vs {ref.wall:.2f} s, the row engine in-process without the CLI); same "
                     f"changes, issues and output errors: **{'yes' if same else 'NO'}** (byte-identical outputs and logs "
                     "are asserted by tests/convert/test_columnar_equivalence.py).")
    x = _find(benches, f"{conv} (convert + validate), xlsx", ROWS)
    cal = _find(benches, "python-calamine", ROWS)
    if x and cal:
        # the runs alternate (run_in_turns): each convert is compared with the bare read run right after it
        pairs = sorted(a / b for a, b in zip(x.walls, cal.walls, strict=False))
        ratio = statistics.median(pairs)
        lines.append(f"- **xlsx, {ROWS:,} rows:** opendata convert {x.wall:.2f} s ({_fmt_rate(x.rows_per_s)} rows/s, "
                     f"{x.rss_mib:.0f} MiB) vs python-calamine bare read {cal.wall:.2f} s ({cal.rss_mib:.0f} MiB), "
                     f"run in turns: {ratio:.2f}×, the median of {len(pairs)} pairs "
                     f"({', '.join(f'{r:.2f}' for r in pairs)}; target ≤ 1.5×: "
                     f"**{'met' if ratio <= 1.5 else 'not met'}**).")
    return lines


#: Extra comparison paragraphs: each gets every benchmark and returns lines for the report.
COMPARISONS: list[Callable[[list[Benchmark]], list[str]]] = [conversion_comparisons]


#: Add conversion / API suites here: each returns a list of Benchmark entries.
SUITES: list[Callable[[], list[Benchmark]]] = [validation_suite, conversion_suite, xlsx_suite, api_suite]


# --- running ------------------------------------------------------------------------------------------
def run_once(b: Benchmark) -> None:
    # relative to the repository root (the working directory): frictionless refuses absolute paths
    argv = [str(b.data.ensure().relative_to(ROOT)) if a == "{file}" and b.data else a for a in b.argv]
    with tempfile.TemporaryDirectory() as tmp:
        tfile = Path(tmp) / "time"
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(tfile), *argv], cwd=ROOT,
                           capture_output=True, text=True)
        wall, rss = tfile.read_text().strip().splitlines()[-1].split()
    b.walls.append(float(wall))
    b.rss_kib.append(int(rss))
    b.exit_codes.append(p.returncode)
    b.stdout = p.stdout
    if p.returncode not in (0, 1) and not b.failure:
        b.failure = f"exit code {p.returncode}: " + " ".join(p.stderr.split())[-300:]
    elif b.parse and not p.stdout.strip() and not b.failure:
        b.failure = "no output: " + " ".join(p.stderr.split())[-300:]


def run(b: Benchmark) -> None:
    for _ in range(b.runs or RUNS):
        run_once(b)
    finish(b)


def run_in_turns(group: list[Benchmark]) -> None:
    """The benchmarks of one ``interleave`` group, one run of each in turn."""
    for _ in range(max(b.runs or RUNS for b in group)):
        for b in group:
            if len(b.walls) < (b.runs or RUNS):
                run_once(b)
    for b in group:
        finish(b)


def finish(b: Benchmark) -> None:
    if b.parse and b.stdout and not b.failure:
        try:
            b.facts = b.parse(b.stdout)
        except (ValueError, KeyError) as e:
            b.failure = f"output not understood: {e}"
    if b.failure:
        print(f"FAILED ({b.failure})", end=" ", file=sys.stderr, flush=True)
    b.stdout = ""


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f"{kb / 2**20:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import frictionless
    import pyarrow

    return {"nproc": str(os.cpu_count()), "cpu": cpu, "memory": mem, "os": platform.platform(),
            "python": platform.python_version(), "pyarrow": pyarrow.__version__,
            "frictionless": frictionless.__version__ if hasattr(frictionless, "__version__") else "?"}


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# --- report -------------------------------------------------------------------------------------------
def _fmt_rate(x: float | None) -> str:
    return f"{x:,.0f}" if x else "—"


def _notes(b: Benchmark) -> str:
    if b.failure:
        return f"**FAILED** — {b.failure}"
    f = b.facts
    parts = []
    if "engine" in f:
        parts.append(f"{f['errors']:,} errors, {f['warnings']:,} warnings")
        if not str(f["engine"]).startswith(("fast", "frictionless")) or f["rows"] != b.rows:
            parts.append(f"engine {f['engine']}, rows {f['rows']:,}")
    elif "error_types" in f:
        parts.append(f"{f['status']}, {f['errors']:,} errors " + ", ".join(f"{k} {v}" for k, v in f["error_types"].items()))
    elif "summary" in f:
        parts.append(str(f["summary"]))
    if b.note:
        parts.append(b.note)
    if any(c not in (0, 1) for c in b.exit_codes):
        parts.append(f"exit codes {b.exit_codes}")
    return "; ".join(parts)


def _find(benches: list[Benchmark], prefix: str, rows: int, data: DataFile | None = None) -> Benchmark | None:
    """The benchmark of that name, size and data file — None when it is absent or failed."""
    for b in benches:
        if b.name.startswith(prefix) and b.rows == rows and (data is None or b.data == data) and not b.failure:
            return b
    return None


def comparisons(benches: list[Benchmark]) -> list[str]:
    small, large, cp932 = DataFile(ROWS), DataFile(ROWS_LARGE), DataFile(ROWS, "cp932")
    fast = _find(benches, "`opendata validate --json`", ROWS, small)
    fast_l = _find(benches, "`opendata validate --json`", ROWS_LARGE, large)
    fast_cp = _find(benches, "`opendata validate --json`", ROWS, cp932)
    ref = _find(benches, "`opendata validate --engine frictionless", ROWS, small)
    plain = _find(benches, "plain `frictionless", ROWS, small)
    plain_l = _find(benches, "plain `frictionless", ROWS_LARGE, large)
    lines = []
    if fast and ref:
        same = fast.facts.get("findings") == ref.facts.get("findings") and fast.facts.get("counts") == ref.facts.get("counts")
        ratio = ref.wall / fast.wall
        lines.append(f"- **Fast engine vs the frictionless (reference) engine, {ROWS:,} rows:** {ratio:.2f}× the rows/s "
                     f"({_fmt_rate(fast.rows_per_s)} vs {_fmt_rate(ref.rows_per_s)}); same findings: "
                     f"**{'yes' if same else 'NO'}** ({len(fast.facts.get('findings', []))} problems listed, counts "
                     f"{json.dumps(fast.facts.get('counts', {}), ensure_ascii=False)}). Target ≥ 10×: "
                     f"**{'met' if ratio >= 10 else 'not met'}**.")
    if fast_l and ref:
        lines.append(f"- At {ROWS_LARGE:,} rows the fast engine runs at {_fmt_rate(fast_l.rows_per_s)} rows/s, "
                     f"{fast_l.rows_per_s / ref.rows_per_s:.2f}× the reference engine's rate at {ROWS:,} rows "
                     "(the reference engine's cost per row is constant: frictionless streams row by row)."
                     if fast_l.rows_per_s and ref.rows_per_s else "")
    for p in (plain, plain_l):
        f = fast if p is plain else fast_l
        if p and f and p.rows_per_s and f.rows_per_s:
            lines.append(f"- **Fast engine vs plain `frictionless validate`, {p.rows:,} rows:** "
                         f"{f.rows_per_s / p.rows_per_s:.2f}× the rows/s ({_fmt_rate(f.rows_per_s)} vs "
                         f"{_fmt_rate(p.rows_per_s)}). Not the same findings: plain frictionless checks only types and "
                         f"the schema's constraints ({p.facts.get('errors', '?')} errors); our validator adds the "
                         f"Japanese checks ({f.facts.get('errors', '?')} errors). Target ≥ 10×: "
                         f"**{'met' if f.rows_per_s / p.rows_per_s >= 10 else 'not met'}**.")
    if fast and fast_l:
        growth = fast_l.rss_mib - fast.rss_mib
        lines.append(f"- **Memory, fast engine:** {fast.rss_mib:.0f} MiB at {ROWS:,} rows, {fast_l.rss_mib:.0f} MiB at "
                     f"{ROWS_LARGE:,} rows ({growth:+.0f} MiB for {ROWS_LARGE - ROWS:,} more rows, "
                     f"{growth * 2**20 / max(ROWS_LARGE - ROWS, 1):.0f} bytes per row): flat apart from the exact "
                     "`unique` check of the ID column, which keeps one 8-byte hash per row.")
    if fast and fast_cp:
        a = {k: v for k, v in fast.facts.get("counts", {}).items()}
        b = {k: v for k, v in fast_cp.facts.get("counts", {}).items() if k != "encoding-not-utf8"}
        lines.append(f"- **CP932:** {fast_cp.wall:.2f} s vs {fast.wall:.2f} s for UTF-8 "
                     f"({fast_cp.rss_mib:.0f} vs {fast.rss_mib:.0f} MiB); same findings apart from the "
                     f"encoding notice: **{'yes' if a == b else 'NO'}**.")
    for extra in COMPARISONS:
        lines.extend(extra(benches))
    failed = [b for b in benches if b.failure]
    if failed:
        lines.append("- **Not compared, failed:** " + "; ".join(f"{b.name} ({b.rows:,} rows)" for b in failed))
    return [x for x in lines if x]


def code_state() -> str:
    """The commit measured, and any uncommitted change to the code (which the figures then include)."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""
    head = git("rev-parse", "--short", "HEAD")
    if not head:
        return "not a git checkout"
    dirty = [line.split(maxsplit=1)[-1] for line in git("status", "--porcelain", "--untracked-files=no", "--", "opendata",
                                                        "converters", "schemas", "bench", "pyproject.toml").splitlines()
             if line.strip()]
    return f"commit {head}" + (f", **with uncommitted changes** in {', '.join(dirty)}" if dirty else ", clean")


def report(benches: list[Benchmark], info: dict[str, str], started: str, load: tuple[str, str],
           total_s: float) -> str:
    env = " ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("BENCH_"))
    cmd = f"{env} make bench".strip()
    data = sorted({b.data for b in benches if b.data}, key=lambda d: (d.encoding, d.rows))
    lines = [
        "# Performance / 性能測定",
        "",
        f"Generated by `{cmd}` (bench/run_all.py) — do not edit by hand; rerun the command instead.",
        "",
        "## Method / 測定方法",
        "",
        f"Every figure is a **whole process** (interpreter start, imports and the work), run {RUNS} times under "
        "`/usr/bin/time -f \"%e %M\"`. The table gives the median wall time, every run, the median peak RSS, and "
        "rows/s = rows ÷ median wall time (method of ../shared/research/libs.md §3 and Appendix B). "
        "All validators read the **same files** in the same run. The xlsx pair (opendata convert and "
        "python-calamine's bare read) is run in turns, convert then bare read, `BENCH_XLSX_RUNS` times (5), and "
        "its ratio is the median of the pairs' ratios: this machine's speed moves by a third between minutes, "
        "and two figures taken minutes apart gave ratios from 1.42× to 2.02× for the same code.",
        "",
        "`opendata convert` on a source of 16 MiB or more uses the second CPU: the CSV reader's whole-file passes "
        "(encoding, fields per record) run in a child process while the conversion starts "
        "(converters/readers/whole_file.py), and the output is validated while it is written by another "
        "(opendata/validation/follow.py); a workbook's first sheet is parsed in a thread while the program loads, "
        "in two halves by two threads when its XML is 16 MiB or more (converters/readers/xlsx_halves.py). "
        "A CSV with 48 MiB of data or more, or a workbook table of 60,000 rows or more, is converted in two parts: "
        "a forked child converts the second while the parent converts the first, and the parent appends the "
        "child's output, logs and counts (converters/part_process.py; the same bytes as one process). "
        "The wall time is the parent's, which waits for its children; the peak RSS is the largest process's "
        "(`%M`), not the sum: the whole-file child adds about 60 MiB while it runs, the validating one about 120 MiB. "
        "With one CPU, or `OPENDATA_WHOLE_FILE_CHECKS=inline`, `OPENDATA_FOLLOW_VALIDATION=off` and "
        "`OPENDATA_SPLIT=off`, everything runs in one process. "
        "The project's modules are byte-compiled before the first run (`compileall`), as an installed program has "
        "them from its second run on (the third-party packages were compiled by pip).",
        "",
        f"- Date: {started}",
        f"- Code: {code_state()}",
        f"- Machine: {info['nproc']} CPUs (`nproc`), {info['cpu']}, {info['memory']} RAM, {info['os']}",
        f"- Python {info['python']}, pyarrow {info['pyarrow']}, frictionless {info['frictionless']}",
        f"- Load average at start / end: {load[0]} / {load[1]} (other work on the machine slows every figure alike)",
        f"- Whole run: {total_s / 60:.1f} min",
        "",
        "Data: a valid `2026/fire_hydrant` file (16 columns, the header of `schemas/2026/fire_hydrant.json`, Tottori "
        "City values, CRLF) from `bench/gen_fire_hydrant.py`"
        + (f", with one planted defect every {BAD_EVERY:,} rows in turn: a 5-digit 全国地方公共団体コード, half-width "
           "katakana in 備考, latitude/longitude swapped, an ID with a `-`." if BAD_EVERY else "."),
        "",
    ]
    for d in data:
        size = d.path.stat().st_size / 2**20 if d.path.is_file() else 0
        lines.append(f"- `{d.command()}` — {size:.1f} MiB")
    lines += ["", "## Results / 結果", "",
              "| benchmark | rows | median s | runs (s) | rows/s | peak RSS MiB | findings / note |",
              "|---|---:|---:|---|---:|---:|---|"]
    for b in benches:
        runs = " / ".join(f"{w:.2f}" for w in b.walls)
        data_note = f" ({b.data.encoding.upper()})" if b.data and b.data.encoding != "utf-8" and "CP932" not in b.name else ""
        lines.append(f"| {b.name}{data_note} | {b.rows:,} | {b.wall:.2f} | {runs} | {_fmt_rate(b.rows_per_s)} | "
                     f"{b.rss_mib:.0f} | {_notes(b)} |")
    lines += ["", "## Comparison / 比較", "", *comparisons(benches)]
    if not FULL:
        lines += ["", f"Plain `frictionless validate` at {ROWS_LARGE:,} rows runs only with `BENCH_FULL=1` (minutes)."]
    lines += ["", "## Commands / 実行したコマンド", ""]
    for b in benches:
        lines.append(f"- {b.name}, {b.rows:,} rows: `{b.display_command()}`")
    return "\n".join(lines) + "\n"


def precompile() -> None:
    """Byte-compile the project's modules before timing: an installed program has them from its second run on,
    but with PYTHONDONTWRITEBYTECODE set (as on some CI and sandbox machines) every run would compile them from
    source again (about 0.25 s of each process).  Third-party packages were compiled by pip at install."""
    import compileall

    for pkg in ("opendata", "converters", "api"):
        if (ROOT / pkg).is_dir():
            compileall.compile_dir(str(ROOT / pkg), quiet=1)


def main() -> int:
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load0 = loadavg()
    t0 = time.perf_counter()
    benches = [b for suite in SUITES for b in suite()]
    print(f"bench: {len(benches)} benchmarks × {RUNS} runs, rows {ROWS:,} / {ROWS_LARGE:,}"
          f"{' (quick)' if QUICK else ''}{' (full)' if FULL else ''} -> {OUTPUT}", flush=True)
    for b in benches:
        if b.data:
            b.data.ensure()
    precompile()
    print(f"code: {code_state()}", flush=True)
    done: set[str] = set()
    for b in benches:
        if b.interleave is not None:
            if b.interleave in done:
                continue
            done.add(b.interleave)
            group = [o for o in benches if o.interleave == b.interleave]
            print(f"- in turns: {', '.join(o.name for o in group)}, {b.rows:,} rows ...", end=" ", flush=True)
            run_in_turns(group)
            print("; ".join(f"{o.wall:.2f} s, {o.rss_mib:.0f} MiB" for o in group), flush=True)
            continue
        print(f"- {b.name}, {b.rows:,} rows ...", end=" ", flush=True)
        run(b)
        print(f"{b.wall:.2f} s, {b.rss_mib:.0f} MiB, {_fmt_rate(b.rows_per_s)} rows/s", flush=True)
    text = report(benches, machine(), started, (load0, loadavg()), time.perf_counter() - t0)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUTPUT.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUTPUT)
    print(f"wrote {OUTPUT}")
    print("\n".join(comparisons(benches)))
    return 1 if any(b.failure for b in benches) else 0


if __name__ == "__main__":
    sys.exit(main())
