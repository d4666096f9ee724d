"""Deterministic generator of a 2026/fire_hydrant CSV (消防水利施設一覧) for the benchmarks.

    python bench/gen_fire_hydrant.py ROWS OUT.csv [--encoding utf-8|cp932] [--bad-every N] [--seed S]

The header is exactly the field list of schemas/2026/fire_hydrant.json (16 columns); the rows are
realistic Tottori City values (312011, 鳥取県鳥取市, 消火栓/防火水そう …, lat 35.4–35.6, lon 134.1–134.4,
口径 an integer for hydrants) with CRLF line endings, and the output is the same bytes for the same
arguments.  With ``--bad-every N`` every N-th data row carries one planted defect, in turn:

1. 全国地方公共団体コード with 5 digits (check digit lost): 31201
2. half-width katakana in a text field (備考): ｼｮｳｶｾﾝ ﾃﾝｹﾝｽﾞﾐ
3. latitude and longitude swapped
4. an ID with a character outside [0-9A-Za-z]: FH-0000123
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "2026" / "fire_hydrant.json"

CODE = "312011"
CITY = "鳥取県鳥取市"
# (種別, weight, has a 口径)
KINDS = [("消火栓", 60, True), ("私設消火栓", 6, True), ("防火水そう", 22, False), ("プール", 3, False),
         ("河川・溝等", 3, False), ("濠・池等", 2, False), ("海・湖", 1, False), ("井戸", 1, False),
         ("下水道", 1, False), ("その他", 1, False)]
BORES = [40, 50, 65, 75, 100, 150]
TOWNS = ["尚徳町", "栄町", "富安", "西町", "東町", "吉方温泉", "田園町", "緑ケ丘", "湖山町東", "湖山町西", "湖山町南",
         "湖山町北", "福部町湯山", "国府町宮下", "河原町渡一木", "用瀬町用瀬", "気高町浜村", "鹿野町鹿野", "青谷町青谷",
         "千代水", "雲山", "叶", "今町", "扇町", "若葉台南", "若葉台北", "南隈", "徳尾", "千代水", "秋里"]
CHOME = ["", "一丁目", "二丁目", "三丁目", "四丁目", "五丁目"]
BUILDINGS = ["鳥取市役所駅南庁舎", "市営住宅A棟", "県営住宅2号棟", "湖山小学校", "鳥取駅前ビル"]
REMARKS = ["", "", "", "", "", "", "冬期は除雪が必要", "地下式", "地上式", "道路改良工事中", "有蓋", "無蓋"]
DEFECTS = ["localgov-code-5-digits", "halfwidth-kana-in-text", "latlon-swapped", "bad-id-char"]


def header() -> list[str]:
    return [f["name"] for f in json.loads(SCHEMA.read_text(encoding="utf-8"))["fields"]]


def rows(n: int, *, bad_every: int = 0, seed: int = 312011):
    rnd = random.Random(seed)
    kinds = [k for k, w, _ in KINDS for _ in range(w)]
    bore_for = {k: b for k, _, b in KINDS}
    for i in range(1, n + 1):
        kind = kinds[rnd.randrange(len(kinds))]
        t = rnd.randrange(len(TOWNS))
        town = TOWNS[t]
        c = rnd.randrange(len(CHOME))
        chome = CHOME[c]
        ban, go = rnd.randrange(1, 400), rnd.randrange(1, 30)
        building = BUILDINGS[rnd.randrange(len(BUILDINGS))] if rnd.random() < 0.05 else ""
        lat = f"{35.4 + rnd.random() * 0.2:.6f}"
        lon = f"{134.1 + rnd.random() * 0.3:.6f}"
        row = [
            CODE, f"FH{i:07d}", CITY, kind, CODE, f"{t + 1:04d}{c + 1:03d}",
            f"{CITY}{town}{chome}{ban}-{go}" + (f"　{building}" if building else ""),
            "鳥取県", "鳥取市", f"{town}{chome}", f"{ban}-{go}", building, lat, lon,
            str(BORES[rnd.randrange(len(BORES))]) if bore_for[kind] else "",
            REMARKS[rnd.randrange(len(REMARKS))],
        ]
        if bad_every and i % bad_every == 0:
            defect = DEFECTS[(i // bad_every - 1) % len(DEFECTS)]
            if defect == "localgov-code-5-digits":
                row[0] = CODE[:5]
            elif defect == "halfwidth-kana-in-text":
                row[15] = "ｼｮｳｶｾﾝ ﾃﾝｹﾝｽﾞﾐ"
            elif defect == "latlon-swapped":
                row[12], row[13] = row[13], row[12]
            else:
                row[1] = f"FH-{i:07d}"
        yield row


def write(n: int, out: Path, *, encoding: str = "utf-8", bad_every: int = 0, seed: int = 312011) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".part")
    with tmp.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header())
        w.writerows(rows(n, bad_every=bad_every, seed=seed))
    tmp.replace(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--encoding", default="utf-8", choices=["utf-8", "cp932"])
    ap.add_argument("--bad-every", type=int, default=0, help="plant one defect every N rows (0: none)")
    ap.add_argument("--seed", type=int, default=312011)
    a = ap.parse_args()
    write(a.rows, a.out, encoding=a.encoding, bad_every=a.bad_every, seed=a.seed)


if __name__ == "__main__":
    main()
