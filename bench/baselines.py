"""Baselines the conversion benchmarks are measured against (each run as its own process).

    python bench/baselines.py pandas IN.csv OUT.csv [--encoding cp932]   # pandas read + write, all columns as text
    python bench/baselines.py calamine IN.xlsx                            # python-calamine: iterate every row
    python bench/baselines.py convert IN OUT_DIR --engine rows|columnar [--dataset D] [--code C]
                                                                          # convert + validate in-process (engine forced)
    python bench/baselines.py xlsx ROWS OUT.xlsx                          # write the fire-hydrant rows as a workbook

Each prints one line of JSON (rows and what was done) for bench/run_all.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pandas_roundtrip(src: Path, out: Path, encoding: str) -> dict[str, object]:
    import pandas as pd

    df = pd.read_csv(src, encoding=encoding, dtype=str, keep_default_na=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(out, index=False, encoding="utf-8", lineterminator="\r\n")
    return {"rows": len(df), "columns": len(df.columns)}


def calamine_read(src: Path) -> dict[str, object]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(src))
    n = 0
    cells = 0
    for row in wb.get_sheet_by_index(0).iter_rows():
        n += 1
        cells += len(row)
    return {"rows": n - 1, "cells": cells}


def convert(src: Path, out: Path, engine: str, dataset: str | None, code: str | None) -> dict[str, object]:
    from converters.pipeline import ConvertOptions
    from converters.pipeline import convert as run
    from opendata.validation import validate_file

    r = run(src, out, ConvertOptions(dataset=dataset, publisher_code=code, engine=engine))
    v = validate_file(r.output, dataset=r.schema_id, encoding=r.output_encoding())
    d = {"rows": r.rows_in, "converted_by": r.engine, "why": r.engine_note, "changes": sum(r.change_counts.values()),
         "issues": sum(r.issue_counts.values()), "errors": v.error_count}
    r.cleanup()
    return d


def write_xlsx(rows: int, out: Path) -> dict[str, object]:
    """The fire-hydrant rows (bench/gen_fire_hydrant.py, one defect in 1,000) as a workbook: numbers as numbers."""
    import gen_fire_hydrant as g
    import xlsxwriter

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.stem + ".part.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    ws = wb.add_worksheet("消防水利施設")
    ws.write_row(0, 0, g.header())
    for i, row in enumerate(g.rows(rows, bad_every=1000), start=1):
        for j, v in enumerate(row):
            if j in (12, 13, 14) and v:        # 緯度, 経度, 口径 as Excel numbers
                try:
                    ws.write_number(i, j, float(v))
                    continue
                except ValueError:
                    pass
            ws.write_string(i, j, v)
    wb.close()
    tmp.replace(out)
    return {"rows": rows}


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pandas")
    p.add_argument("src", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--encoding", default="utf-8")
    p = sub.add_parser("calamine")
    p.add_argument("src", type=Path)
    p = sub.add_parser("convert")
    p.add_argument("src", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--engine", default="auto")
    p.add_argument("--dataset")
    p.add_argument("--code")
    p = sub.add_parser("xlsx")
    p.add_argument("rows", type=int)
    p.add_argument("out", type=Path)
    a = ap.parse_args()
    if a.cmd == "pandas":
        d = pandas_roundtrip(a.src, a.out, a.encoding)
    elif a.cmd == "calamine":
        d = calamine_read(a.src)
    elif a.cmd == "convert":
        d = convert(a.src, a.out, a.engine, a.dataset, a.code)
    else:
        d = write_xlsx(a.rows, a.out)
    print(json.dumps(d, ensure_ascii=False))


if __name__ == "__main__":
    main()
