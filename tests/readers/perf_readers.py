"""Reader performance check (not a pytest module: no timed assertions in the test suite).

    .venv/bin/python -m tests.readers.perf_readers [--rows-xlsx 200000] [--rows-csv 1000000] [--keep DIR]

1. A 200k-row xlsx (written with xlsxwriter, constant memory): python-calamine's bare ``iter_rows``
   against ``read_tables`` (values + table finding + structure scan + column notes).  Target: ≤ 1.5×.
2. A 1,000,000-row CP932 CSV: ``read_tables`` then iterating every row; peak memory of a child
   process that only streams (flat: it does not grow with the file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "種別",
          "住所", "方書", "緯度", "経度", "電話番号", "開設日", "更新日", "URL"]


def make_xlsx(path: Path, rows: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("施設一覧")
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, HEADER)
    for i in range(1, rows + 1):
        ws.write_row(i, 0, ["312011", i, "鳥取県", "鳥取市", f"公民館{i}", "コウミンカン", "公民館",
                            f"鳥取県鳥取市尚徳町{i % 500}番地", "", 35.4 + (i % 97) / 1000, 134.1 + (i % 89) / 1000,
                            "0857-22-8111"])
        ws.write_datetime(i, 12, dt.datetime(2019, 5, 1), date)
        ws.write_datetime(i, 13, dt.datetime(2024, 4, 1), date)
        ws.write_string(i, 14, "https://www.city.tottori.lg.jp/")
    wb.close()


def make_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="cp932", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        for i in range(1, rows + 1):
            f.write(f"312011,{i},鳥取県,鳥取市,公民館{i},コウミンカン,公民館,鳥取県鳥取市尚徳町{i % 500}番地,,"
                    f"35.5,134.2,0857-22-8111,2019-05-01,2024-04-01,\"https://x.jp/{i},①\"\r\n")


# VmHWM (this process's own peak RSS; ru_maxrss would include the parent's peak inherited at fork)
STREAM = """
import re, sys, time
from converters.readers import read_tables
t0 = time.perf_counter()
(t,) = read_tables(sys.argv[1])
n = sum(1 for _ in t.rows)
hwm = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(n, round(time.perf_counter() - t0, 2), hwm)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows-xlsx", type=int, default=200_000)
    ap.add_argument("--rows-csv", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path)
    a = ap.parse_args()
    d = a.keep or Path(tempfile.mkdtemp(prefix="perf-readers-"))
    d.mkdir(parents=True, exist_ok=True)
    from python_calamine import CalamineWorkbook

    from converters.readers import read_tables

    if a.rows_xlsx:
        x = d / f"fac_{a.rows_xlsx}.xlsx"
        if not x.exists():
            make_xlsx(x, a.rows_xlsx)
        t0 = time.perf_counter()
        n = sum(1 for _ in CalamineWorkbook.from_path(str(x)).get_sheet_by_index(0).iter_rows())
        base = time.perf_counter() - t0
        t0 = time.perf_counter()
        (t,) = read_tables(x)
        rows = sum(1 for _ in t.rows)
        ours = time.perf_counter() - t0
        print(f"xlsx {a.rows_xlsx} rows: calamine iter_rows {base:.2f}s ({n} rows); read_tables {ours:.2f}s "
              f"({rows} rows) = {ours / base:.2f}x")
    if a.rows_csv:
        c = d / f"fac_{a.rows_csv}_cp932.csv"
        if not c.exists():
            make_csv(c, a.rows_csv)
        out = subprocess.run([sys.executable, "-c", STREAM, str(c)], capture_output=True, text=True, check=True)
        n, secs, rss = out.stdout.split()
        size = c.stat().st_size // (1024 * 1024)
        print(f"csv {a.rows_csv} rows CP932 ({size} MiB): read + iterate {secs}s, peak RSS {rss} MiB")
    print(f"(files in {d}; this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB)")


if __name__ == "__main__":
    main()
