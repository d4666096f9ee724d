"""Regenerate the sample sources: ``python -m tools.sample_sources [--check] [dataset-id ...]``."""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

from . import bosai, fukushi, joho, kanko, shimin, shisetsu
from .common import DATASETS

GENERATORS: dict[str, Callable[[], None]] = {}
for module in (bosai, fukushi, kanko, shisetsu, shimin, joho):
    GENERATORS.update(module.GENERATORS)


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(DATASETS)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("ids", nargs="*", help="dataset ids (default: all)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate and report sources whose bytes differ from the committed ones")
    args = ap.parse_args(argv)
    unknown = [i for i in args.ids if i not in GENERATORS]
    if unknown:
        print(f"unknown dataset ids: {', '.join(unknown)}", file=sys.stderr)
        return 2
    changed = []
    for ds in args.ids or sorted(GENERATORS):
        before = _digest(DATASETS / ds / "source")
        GENERATORS[ds]()
        after = _digest(DATASETS / ds / "source")
        if before != after:
            changed.append(ds)
        print(f"{ds}: {', '.join(Path(k).name for k in after)}")
    if args.check and changed:
        print(f"changed: {', '.join(changed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
