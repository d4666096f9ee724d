"""Shared helpers for the sample-source generators: places in Tottori City, deterministic randomness,
and writers that produce byte-identical files on every run (fixed workbook properties, fixed ZIP
timestamps, explicit encodings and line ends).

Every value written here is SAMPLE data (サンプル): the town names are real places in 鳥取市, but the
facilities, lot numbers, phone numbers and coordinates are invented and only plausible.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
CODE = "312011"
FIXED_TIME = dt.datetime(2025, 4, 1, 9, 0, 0)


@dataclass(frozen=True)
class Place:
    town: str            # 町字 as written after 鳥取市 (real town names; lot numbers are invented)
    kana: str            # reading of the town part, for sample 名称_カナ
    lat: float           # approximate centre (sample precision)
    lon: float
    postcode: str        # sample postcode (680-…/689-…), not checked against the postal list
    area: str            # 地域 (旧市町村) used by the city's own summaries
    short: str           # short name used in sample facility names (湖山 → サンプル湖山公園)
    short_kana: str


PLACES: list[Place] = [
    Place("尚徳町", "ショウトクチョウ", 35.5011, 134.2351, "680-0000", "鳥取", "尚徳", "ショウトク"),
    Place("富安二丁目", "トミヤス", 35.4955, 134.2270, "680-0845", "鳥取", "富安", "トミヤス"),
    Place("西町三丁目", "ニシマチ", 35.5022, 134.2322, "680-0011", "鳥取", "西町", "ニシマチ"),
    Place("吉方温泉三丁目", "ヨシカタオンセン", 35.4972, 134.2331, "680-0834", "鳥取", "吉方", "ヨシカタ"),
    Place("湖山町東四丁目", "コヤマチョウ", 35.5118, 134.1792, "680-0942", "鳥取", "湖山", "コヤマ"),
    Place("湖山町北三丁目", "コヤマチョウ", 35.5152, 134.1735, "680-0947", "鳥取", "湖山北", "コヤマキタ"),
    Place("賀露町北一丁目", "カロチョウ", 35.5321, 134.1880, "680-0908", "鳥取", "賀露", "カロ"),
    Place("末広温泉町", "スエヒロオンセンチョウ", 35.4998, 134.2371, "680-0833", "鳥取", "末広", "スエヒロ"),
    Place("扇町", "オウギマチ", 35.4927, 134.2304, "680-0846", "鳥取", "扇町", "オウギマチ"),
    Place("立川町五丁目", "タチカワチョウ", 35.5055, 134.2468, "680-0061", "鳥取", "立川", "タチカワ"),
    Place("江津", "ゴウツ", 35.5210, 134.2185, "680-0901", "鳥取", "江津", "ゴウツ"),
    Place("国府町宮下", "コクフチョウ", 35.4802, 134.2851, "680-0151", "国府", "国府", "コクフ"),
    Place("福部町湯山", "フクベチョウ", 35.5401, 134.2452, "689-0105", "福部", "福部", "フクベ"),
    Place("河原町渡一木", "カワハラチョウ", 35.4002, 134.2451, "680-1201", "河原", "河原", "カワハラ"),
    Place("用瀬町用瀬", "モチガセチョウ", 35.3652, 134.2238, "689-1201", "用瀬", "用瀬", "モチガセ"),
    Place("佐治町加瀬木", "サジチョウ", 35.3700, 134.1550, "689-1311", "佐治", "佐治", "サジ"),
    Place("気高町浜村", "ケタカチョウ", 35.5032, 134.0421, "689-0333", "気高", "気高", "ケタカ"),
    Place("鹿野町鹿野", "シカノチョウ", 35.4662, 134.0601, "689-0405", "鹿野", "鹿野", "シカノ"),
    Place("青谷町青谷", "アオヤチョウ", 35.5165, 133.9983, "689-0501", "青谷", "青谷", "アオヤ"),
]

# 地域 (area) -> 総合支所 sample phone exchange prefix, for plausible local numbers
AREA_EXCHANGE = {"鳥取": "2", "国府": "2", "福部": "7", "河原": "8", "用瀬": "8", "佐治": "8",
                 "気高": "8", "鹿野": "8", "青谷": "8"}

DIGITS_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANJI_DIGITS = "〇一二三四五六七八九"


def rng(name: str) -> random.Random:
    """A random source seeded by the dataset id (stable across Python runs: no hash randomisation)."""
    seed = sum((i + 1) * ord(c) for i, c in enumerate(name))
    return random.Random(seed)


def fw(s: str) -> str:
    """Full-width digits and hyphen, as a clerk types them with the IME on."""
    return s.translate(DIGITS_FW)


def phone(r: random.Random, place: Place) -> str:
    ex = AREA_EXCHANGE.get(place.area, "2")
    return f"0857-{ex}{r.randint(0, 9)}-{r.randint(1000, 9899)}"


def lot(r: random.Random) -> str:
    return f"{r.randint(1, 400)}" if r.random() < 0.6 else f"{r.randint(1, 400)}-{r.randint(1, 30)}"


def jitter(r: random.Random, place: Place, spread: float = 0.006) -> tuple[float, float]:
    lat = round(place.lat + r.uniform(-spread, spread), 6)
    lon = round(place.lon + r.uniform(-spread, spread), 6)
    return lat, lon


def wareki(d: dt.date, style: str = "kanji") -> str:
    """令和6年4月1日 / R6.4.1 / 平成31年4月30日 (only the eras the samples need)."""
    if d >= dt.date(2019, 5, 1):
        era, k, y = "令和", "R", d.year - 2018
    elif d >= dt.date(1989, 1, 8):
        era, k, y = "平成", "H", d.year - 1988
    else:
        era, k, y = "昭和", "S", d.year - 1925
    if style == "short":
        return f"{k}{y}.{d.month}.{d.day}"
    ys = "元" if y == 1 else str(y)
    return f"{era}{ys}年{d.month}月{d.day}日"


# --- writers -------------------------------------------------------------------------------------
def out_path(dataset_id: str, filename: str) -> Path:
    p = DATASETS / dataset_id / "source" / filename
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def write_csv(path: Path, rows: Iterable[Sequence[Any]], *, encoding: str = "utf-8", newline: str = "\r\n",
              quoting: Any = csv.QUOTE_MINIMAL, delimiter: str = ",") -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline, quoting=quoting, delimiter=delimiter)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def xlsx_workbook(path: Path) -> Any:
    """An xlsxwriter workbook whose bytes do not depend on the time of the run."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    wb.set_properties({"created": FIXED_TIME, "author": "鳥取市", "company": "鳥取市（サンプル）",
                       "comments": "サンプルデータ / sample data generated by tools/sample_sources"})
    return wb


def normalise_zip(path: Path) -> None:
    """Rewrite a ZIP-based workbook (openpyxl) with fixed member timestamps and a fixed modified date
    (openpyxl stamps the time of saving into docProps/core.xml)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    fixed = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    members = [(name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + fixed, data)
                if name == "docProps/core.xml" else data) for name, data in members]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 4, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data)
