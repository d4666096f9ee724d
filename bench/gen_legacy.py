"""Deterministic generator of a LEGACY fire-hydrant list (2021 headers) that needs real conversion work.

    python bench/gen_legacy.py ROWS OUT.csv [--encoding cp932|utf-8] [--seed S]

The header is the 2021 消防水利施設一覧 field list (schemas/2021/fire_hydrant.json, 11 columns) as
departments kept it; converting it to ``2026/fire_hydrant`` maps NO -> ID, 住所 -> 所在地_連結表記,
方書 -> 建物名等(方書), 都道府県名 + 市区町村名 -> 地方公共団体名, and derives 所在地_都道府県 /
_市区町村 / _町字 / _番地以下 / _全国地方公共団体コード from the address.  What the rows hold:

* every 住所 lacks the prefecture (鳥取市尚徳町116-5): the converter prepends 鳥取県 and splits it;
  30 % are written with full-width digits and dashes (鳥取市尚徳町１１６−５);
* 20 % of the NO values are full-width (０００１２３);
* 口径 sometimes carries its unit (100mm, 75ミリ) that moves to 備考;
* 緯度/経度 sometimes full-width, one pair in 500 swapped;
* 種別 is 同上 (the row above) in 2 % of the rows; the code has lost its check digit in 1 in 1,000.

CRLF line endings, CP932 by default (as legacy files are); the same bytes for the same arguments.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_2021 = ROOT / "schemas" / "2021" / "fire_hydrant.json"

CODE = "312011"
KINDS = ["消火栓", "消火栓", "消火栓", "消火栓", "私設消火栓", "防火水そう", "防火水そう", "プール", "井戸", "その他"]
BORES = ["40", "50", "65", "75", "100", "150"]
TOWNS = ["尚徳町", "栄町", "富安", "西町", "東町", "吉方温泉", "田園町", "緑ケ丘", "湖山町東", "湖山町西", "湖山町南",
         "湖山町北", "福部町湯山", "国府町宮下", "河原町渡一木", "用瀬町用瀬", "気高町浜村", "鹿野町鹿野", "青谷町青谷",
         "千代水", "雲山", "叶", "今町", "扇町", "若葉台南", "若葉台北", "南隈", "徳尾", "秋里", "幸町"]
CHOME = ["", "一丁目", "二丁目", "三丁目", "四丁目", "五丁目"]
BUILDINGS = ["鳥取市役所駅南庁舎", "市営住宅A棟", "県営住宅", "湖山小学校", "鳥取駅前ビル"]
REMARKS = ["", "", "", "", "", "", "冬期は除雪が必要", "地下式", "地上式", "道路改良工事中", "有蓋", "無蓋"]
_FW = str.maketrans("0123456789-.", "０１２３４５６７８９−．")


def header() -> list[str]:
    return [f["name"] for f in json.loads(SCHEMA_2021.read_text(encoding="utf-8"))["fields"]]


def rows(n: int, *, seed: int = 312011):
    rnd = random.Random(seed)
    for i in range(1, n + 1):
        kind = KINDS[rnd.randrange(len(KINDS))]
        if i > 1 and rnd.random() < 0.02:
            kind = "同上"
        town = TOWNS[rnd.randrange(len(TOWNS))] + CHOME[rnd.randrange(len(CHOME))]
        lot = f"{rnd.randrange(1, 400)}-{rnd.randrange(1, 30)}"
        address = f"鳥取市{town}{lot}"
        if rnd.random() < 0.3:
            address = address.translate(_FW)
        no = f"{i:06d}"
        if rnd.random() < 0.2:
            no = no.translate(_FW)
        lat = f"{35.4 + rnd.random() * 0.2:.6f}"
        lon = f"{134.1 + rnd.random() * 0.3:.6f}"
        if rnd.random() < 0.1:
            lat, lon = lat.translate(_FW), lon.translate(_FW)
        if i % 500 == 0:
            lat, lon = lon, lat
        bore = ""
        if kind in ("消火栓", "私設消火栓"):
            bore = BORES[rnd.randrange(len(BORES))]
            u = rnd.random()
            bore = bore + "mm" if u < 0.1 else (bore + "ミリ" if u < 0.15 else bore)
        building = BUILDINGS[rnd.randrange(len(BUILDINGS))] if rnd.random() < 0.05 else ""
        code = CODE[:5] if i % 1000 == 0 else CODE
        yield [code, no, "鳥取県", "鳥取市", kind, address, building, lat, lon, bore,
               REMARKS[rnd.randrange(len(REMARKS))]]


def write(n: int, out: Path, *, encoding: str = "cp932", seed: int = 312011) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".part")
    with tmp.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header())
        w.writerows(rows(n, seed=seed))
    tmp.replace(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--encoding", default="cp932", choices=["utf-8", "cp932"])
    ap.add_argument("--seed", type=int, default=312011)
    a = ap.parse_args()
    write(a.rows, a.out, encoding=a.encoding, seed=a.seed)


if __name__ == "__main__":
    main()
