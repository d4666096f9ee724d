"""Builders for planted-defect files (a valid base row, then one defect per row)."""

from __future__ import annotations

from pathlib import Path

import schemas
from tests.conftest import write_csv

PRESCHOOL = [f["name"] for f in schemas.load("2021/preschool")["fields"]]


def preschool_row(**over: str) -> list[str]:
    base = {
        "都道府県コード又は市区町村コード": "312011", "NO": "1", "都道府県名": "鳥取県", "市区町村名": "鳥取市",
        "名称": "鳥取市立わかば保育園", "名称_カナ": "トットリシリツワカバホイクエン", "種別": "認可公立保育所",
        "住所": "鳥取県鳥取市尚徳町116番地", "方書": "", "緯度": "35.501100", "経度": "134.235100",
        "アクセス方法": "", "駐車場情報": "", "電話番号": "0857-22-8111", "内線番号": "", "FAX番号": "0857-22-8112",
        "法人番号": "9000020312011", "団体名": "鳥取市", "認可等年月日": "2019-04-01", "収容定員": "90",
        "受入年齢": "0歳から", "利用可能曜日": "月;火;水;木;金", "開始時間": "07:30", "終了時間": "18:30",
        "利用可能日時特記事項": "", "一時預かりの有無": "有", "URL": "https://www.city.tottori.lg.jp/", "備考": "",
    }
    base.update(over)
    return [base[n] for n in PRESCHOOL]


def preschool_file(path: Path, rows: list[list[str]], header: list[str] | None = None, **kw: str) -> Path:
    return write_csv(path, [header or PRESCHOOL, *rows], **kw)


# (column name, bad value, expected code, expected suggestion) — one per row, row n+2
PLANTED = [
    ("都道府県コード又は市区町村コード", "31201", "localgov-code-length", "312011"),
    ("都道府県コード又は市区町村コード", "312012", "localgov-code-checkdigit", "312011"),
    ("名称_カナ", "ﾜｶﾊﾞ", "kana-halfwidth", "ワカバ"),
    ("名称_カナ", "わかば", "kana-hiragana", "ワカバ"),
    ("種別", "保育園", "enum-value", None),
    ("緯度", "134.2351", "latlon-swapped", None),
    ("経度", "1342351", "latlon-no-decimal-point", "134.2351"),
    ("電話番号", "22-8111", "phone-format", None),
    ("法人番号", "9000020312012", "corporate-number-checkdigit", None),
    ("認可等年月日", "R1.5.1", "date-wareki", "2019-05-01"),
    ("認可等年月日", "2019/5/1", "date-format", "2019-05-01"),
    ("収容定員", "90人", "type-integer", "90"),
    ("開始時間", "7:30", "time-format", "07:30"),
    ("一時預かりの有無", "あり", "enum-value", "有"),
    ("URL", "city.tottori.lg.jp", "url-format", None),
    ("名称", "㈱わかば①", "machine-dependent-char", "(株)わかば(1)"),
    ("名称", "", "required-missing", None),
    ("NO", "1", "duplicate-value", None),
]
