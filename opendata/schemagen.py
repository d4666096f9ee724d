"""Schema generation rules shared by ``tools/build_schemas.py`` and ``opendata schemas import-workbook``.

Everything here derives a Frictionless field descriptor from what a definition sheet says about an
item: its name (``field_rules`` knows the item names whose type and checks are the same in every
dataset: codes, coordinates, phone numbers, dates, times, counts ...), its 形式 (format column), its
区分 (◎ required / ○ or 〇 recommended / blank optional) and its English name.  The functions are pure
and deterministic, so regenerating ``schemas/`` from the same inputs gives byte-identical files.
"""

from __future__ import annotations

from typing import Any

#: Display names of the two generations of standard datasets.
GEN_NAMES = {
    "2021": "推奨データセット 基本編（2021）",
    "2026": "自治体標準オープンデータセット（定義書A 20260801版）",
}

# Item names whose type and checks are the same in every dataset (the name tables).
LOCALGOV_CODE_FIELDS = {"全国地方公共団体コード", "所在地_全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード"}
PHONE_FIELDS = {"電話番号", "FAX番号", "連絡先電話番号", "施設電話番号", "データセット_連絡先電話番号"}
URL_FIELDS = {"URL", "画像", "連絡先FormURL", "データセット_URL", "ファイル_アクセスURL", "ファイル_ダウンロードURL",
              "データセット_連絡先FormURL"}
EMAIL_FIELDS = {"連絡先メールアドレス", "データセット_連絡先メールアドレス"}
TIME_FIELDS = {"開始時間", "終了時間", "利用開始時間", "利用終了時間", "診療開始時間", "診療終了時間", "参加申込終了時間",
               "子供預かり開所時間", "子供預かり閉所時間"}
DATE_FIELDS = {"開始日", "終了日", "調査年月日", "文化財指定日", "認可等年月日", "登録日", "最終更新日", "参加申込終了日",
               "初回許可年月日", "許可年月日", "許可開始日", "許可満了日", "廃業年月日", "データセット_公開日",
               "データセット_最終更新日", "ファイル_公開日", "ファイル_最終更新日"}
DECIMAL_FIELDS = {"緯度", "経度", "標高", "高度の値", "口径", "員数（数）"}
MULTI_VALUE_FIELDS = {"対象となる町会・自治会", "診療科目", "バリアフリー情報", "文化財分類", "データセット_キーワード"}
# 2026 sheet 03 / 13 give 形式 数値（半角数字） for counts; legacy schema.org "Number" for counts.
INTEGER_HINTS = ("トイレ総数", "トイレ数", "定員", "病床数", "総人口", "世帯数", "料金(基本)", "料金（基本）")


def field_rules(name: str, *, fmt: str | None = None, legacy_type: str | None = None) -> dict[str, Any]:
    """Type, constraints and Japanese checks implied by an item name (and its 形式 when known)."""
    f: dict[str, Any] = {"type": "string"}
    cons: dict[str, Any] = {}
    checks: list[str] = []
    fmt = fmt or ""
    if name in LOCALGOV_CODE_FIELDS:
        cons["pattern"] = "[0-9]{6}"
        checks.append("localgov-code")
    elif name == "法人番号":
        cons["pattern"] = "[0-9]{13}"
        checks.append("corporate-number")
    elif name == "郵便番号":
        cons["pattern"] = "[0-9]{7}"
        checks.append("postal-code")
    elif name == "ID":
        cons["pattern"] = "[0-9A-Za-z]+"
        cons["unique"] = True
    elif name == "NO":
        cons["unique"] = True
    elif name == "町字ID":
        cons["pattern"] = "[0-9]{4}-?[0-9]{3}"
    elif name == "緯度":
        f["type"] = "number"
        checks.append("latitude")
    elif name == "経度":
        f["type"] = "number"
        checks.append("longitude")
    elif name in PHONE_FIELDS:
        checks.append("phone")
    elif name in URL_FIELDS or fmt == "URI" or legacy_type == "URL":
        checks.append("url")
    elif name in EMAIL_FIELDS:
        checks.append("email")
    elif name in TIME_FIELDS or fmt.startswith("時刻") or legacy_type == "Time":
        f["type"] = "time"
        f["format"] = "%H:%M"
        checks.append("time")
    elif name in DATE_FIELDS or legacy_type == "Date":
        f["type"] = "date"
        checks.append("date")
    elif name in DECIMAL_FIELDS:
        f["type"] = "number"
    elif fmt.startswith("数値") or legacy_type == "Number" or any(h in name for h in INTEGER_HINTS):
        f["type"] = "integer"
        cons["minimum"] = 0
    if name.endswith("_カナ"):
        checks.append("katakana")
    if name.endswith("_英字") or name.endswith("_英語"):
        checks.append("halfwidth")
    if name.endswith("有無") and name not in ("API対応有無",):
        cons["enum"] = ["有", "無"]
    if name == "API対応有無":
        cons["enum"] = ["有", "無"]
    if name.startswith("災害種別_") or name == "指定避難所との重複":
        cons["enum"] = ["1"]
    if name == "高度の種別":
        cons["enum"] = ["階数", "標高", "地表高"]
    if name in MULTI_VALUE_FIELDS:
        f["x-separator"] = ";"
        checks.append("multi-value")
    if cons:
        f["constraints"] = cons
    if checks:
        f["x-checks"] = checks
    return f


def make_field(name: str, *, no: int | None, required: bool, requirement: str | None, fmt: str | None,
               legacy_type: str | None = None, example: str | None = None, english: str | None = None,
               description: str | None = None, enum: list[str] | None = None, aliases: list[str] | None = None,
               note: str | None = None, format_source: str | None = None) -> dict[str, Any]:
    """Build one field descriptor: ``field_rules`` plus the sheet's own metadata.

    ``enum`` comes from a controlled vocabulary (統制語彙); an empty string in it means "an empty cell
    is a value" (e.g. 災害種別_*: 1 or empty) and is recorded as ``x-ja.emptyMeans`` instead of an
    enum member.  ``x-ja`` keeps the sheet's 項目No. (``no``), 区分 label (``requirement``) and 形式
    (``format``) verbatim.
    """
    f: dict[str, Any] = {"name": name}
    f.update(field_rules(name, fmt=fmt, legacy_type=legacy_type))
    if description:
        f["description"] = description
    if example:
        f["example"] = example
    if english:
        f["englishName"] = english
    if enum:
        vals = [v for v in enum if v != ""]
        if vals:
            f.setdefault("constraints", {})["enum"] = vals
    if required:
        f.setdefault("constraints", {})["required"] = True
    ja: dict[str, Any] = {}
    if no is not None:
        ja["no"] = no
    if requirement:
        ja["requirement"] = requirement
    if fmt:
        ja["format"] = fmt
    if legacy_type:
        ja["schemaOrgType"] = legacy_type
    if format_source:
        ja["formatSource"] = format_source
    if note:
        ja["note"] = note
    if enum and "" in enum:
        # e.g. 災害種別_*: the column must be present, an empty cell means 対応なし.
        ja["emptyMeans"] = "対応なし／該当なし"
    if ja:
        f["x-ja"] = ja
    if aliases:
        f["x-aliases"] = aliases
    return f


def requirement_of(kubun: str | None, required: Any) -> tuple[bool, str | None]:
    """Map 区分 (◎/○/〇/blank, or 必須/推奨/任意) to (frictionless required, label)."""
    k = (kubun or "").strip()
    if "◎" in k or k.startswith("必須"):
        return True, "必須"
    if "○" in k or "〇" in k or k.startswith("推奨"):
        return False, "推奨"
    if "任意" in k or "blank" in k:
        return False, "任意"
    if required is True:
        return True, "必須"
    return False, None


def header_meta(**kw: Any) -> dict[str, Any]:
    """A dict of the given keyword arguments without the ``None`` ones (keeps the argument order)."""
    return {k: v for k, v in kw.items() if v is not None}


def index_entry(s: dict[str, Any]) -> dict[str, Any]:
    """The ``schemas/index.json`` entry of an available schema."""
    m = s["x-opendata"]
    return header_meta(
        id=m["id"], nameJa=m["nameJa"], generation=m["generation"], generationName=m["generationName"],
        sheet=m["sheet"], slug=m.get("slug"), fileNameExample=f"312011_{m['slug']}.csv" if m.get("slug") else None,
        confidence=m["confidence"], orderConfirmed=m["orderConfirmed"], columns=len(s["fields"]),
        schema=f"{m['generation']}/{m['id'].split('/', 1)[1]}.json", status="available",
    )
