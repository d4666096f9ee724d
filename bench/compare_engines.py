"""Do the fast and the frictionless engines report the same problems?

    python bench/compare_engines.py [FILE_OR_DIR ...]        (default: every CSV in ../shared/corpus)

For each CSV, validate_file(engine="fast") and validate_file(engine="frictionless") must give identical
(row, column, code, value, suggestion) lists and identical counts per code.  Files the fast engine
declines (rows with a wrong number of cells) and files neither engine can read are listed, not
compared.  Exit code 0 when every compared file agrees, 1 otherwise.  ``--dump FILE`` writes the fast
engine's findings as JSON (to compare one engine with itself before and after a change).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from opendata.validation import FatalValidationError, validate_file  # noqa: E402
from opendata.validation.engine_fast import FastEngineUnsupported  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def findings(path: Path, engine: str) -> tuple[list[tuple[Any, ...]], dict[str, int], int]:
    r = validate_file(path, engine=engine)
    rows = [(p.row, p.column, p.code, p.value, p.suggestion) for p in r.problems]
    return rows, dict(r.counts), r.rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--fast-only", action="store_true", help="run the fast engine only (with --dump)")
    ap.add_argument("--dump", type=Path, help="write the fast engine's findings per file as JSON")
    a = ap.parse_args()
    paths = a.paths or [DEFAULT_CORPUS]
    files: list[Path] = []
    for p in paths:
        files += sorted(p.rglob("*.csv")) if p.is_dir() else [p]
    if not files:
        print(f"no CSV files under {', '.join(map(str, paths))}", file=sys.stderr)
        return 2
    same = differ = declined = unreadable = 0
    dump: dict[str, Any] = {}
    for f in files:
        t0 = time.perf_counter()
        try:
            fast, fast_counts, rows = findings(f, "fast")
        except FastEngineUnsupported as e:
            declined += 1
            print(f"n/a    {f}  (fast engine declines: {e})")
            continue
        except FatalValidationError as e:
            unreadable += 1
            print(f"fatal  {f}  ({e.problem.code})")
            continue
        dump[str(f)] = {"problems": fast, "counts": fast_counts}
        if a.fast_only:
            print(f"fast   {f}  rows={rows} problems={len(fast)}")
            continue
        ref, ref_counts, _ = findings(f, "frictionless")
        if fast == ref and fast_counts == ref_counts:
            same += 1
            print(f"same   {f}  rows={rows} problems={len(fast)} ({time.perf_counter() - t0:.1f}s)")
        else:
            differ += 1
            print(f"DIFFER {f}  rows={rows} fast={len(fast)} frictionless={len(ref)}")
            for x in [x for x in fast if x not in ref][:5]:
                print(f"   only fast:         {x}")
            for x in [x for x in ref if x not in fast][:5]:
                print(f"   only frictionless: {x}")
            if fast_counts != ref_counts:
                print(f"   counts fast={fast_counts} frictionless={ref_counts}")
    if a.dump:
        a.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"\n{same} identical, {differ} different, {declined} declined by the fast engine, {unreadable} unreadable "
          f"({len(files)} files)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
