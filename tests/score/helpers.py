"""Known inputs for the score tests: a perfect 子育て施設一覧 (2021/preschool) file of 10 rows × 28
columns and complete metadata, and one-defect variants of them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import schemas

DATASET = "2021/preschool"
ROWS = 10
TODAY = dt.date(2025, 6, 1)
FIELDS = [f["name"] for f in schemas.load(DATASET)["fields"]]
COLUMNS = len(FIELDS)          # 28

BASE = {
    "都道府県コード又は市区町村コード": "312011", "NO": "1", "都道府県名": "鳥取県", "市区町村名": "鳥取市",
    "名称": "鳥取市立さくら保育園", "名称_カナ": "トットリシリツサクラホイクエン", "種別": "認可公立保育所",
    "住所": "鳥取県鳥取市尚徳町116", "方書": "", "緯度": "35.501", "経度": "134.235", "アクセス方法": "",
    "駐車場情報": "", "電話番号": "0857-20-3000", "内線番号": "", "FAX番号": "", "法人番号": "", "団体名": "鳥取市",
    "認可等年月日": "2020-04-01", "収容定員": "90", "受入年齢": "", "利用可能曜日": "月火水木金", "開始時間": "07:30",
    "終了時間": "18:30", "利用可能日時特記事項": "", "一時預かりの有無": "有", "URL": "https://www.city.tottori.lg.jp/",
    "備考": "",
}

METADATA: dict[str, Any] = {
    "title": "子育て施設一覧", "description": "市内の保育所・幼稚園・認定こども園の一覧です（サンプル）。",
    "organization": "kosodate", "standard": DATASET, "keywords": ["保育所", "幼稚園"], "theme": "子育て",
    "spatial": "鳥取県鳥取市", "temporal": {"start": "2025-04-01", "end": "2026-03-31"}, "license": "CC-BY-4.0",
    "contact": {"name": "こども家庭課", "email": "kosodate@city.tottori.lg.jp"}, "issued": "2024-04-01",
    "modified": "2025-04-01", "accrual_periodicity": "annual", "sample": True,
}


def rows(n: int = ROWS) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        r = dict(BASE)
        r["NO"] = str(i + 1)
        r["名称"] = f"鳥取市立保育園{i + 1}"
        out.append(r)
    return out


def write(folder: Path, data: list[dict[str, str]] | None = None, *, name: str = "312011_preschool.csv",
          header: list[str] | None = None, encoding: str = "utf-8", above: list[list[str]] | None = None,
          blank_after: int | None = None) -> Path:
    header = header or FIELDS
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for line in above or []:
        w.writerow(line)
    w.writerow(header)
    for i, r in enumerate(rows() if data is None else data):
        w.writerow([r.get(h, "") for h in header])
        if blank_after is not None and i == blank_after:
            w.writerow([])
    p = folder / name
    p.write_bytes(buf.getvalue().encode(encoding))
    return p


def with_cell(col: str, value: str, row: int = 2, data: list[dict[str, str]] | None = None) -> list[dict[str, str]]:
    """Data rows with one cell changed (``row``: 0-based data row)."""
    d = rows() if data is None else data
    d[row][col] = value
    return d
