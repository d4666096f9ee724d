"""Generate schemas/ (Frictionless Table Schemas) from the research spec.

Run from the repository root:  python tools/build_schemas.py [--spec ../shared/spec]

Inputs (read-only reference material, not shipped):
  * standard-datasets.json  — 推奨データセット 基本編14種 (2021, complete) and the 2026 sheets 03/13/14/15
  * standard-datasets-2026.md — further 2026 column lists with confidence; the ordered lists that exist
    only in that note are transcribed below in ``EXTRA_2026`` with their evidence, never invented.

Output: schemas/2021/*.json, schemas/2026/*.json, schemas/index.json.  The generated files are
committed, so the product never needs ../shared at run time.  Type/format rules that are the same for
every dataset (codes, coordinates, dates, …) come from ``field_rules`` (by item name), which is the
same convention the definition sheets state in their 形式 column.  Those rules live in
``opendata/schemagen.py`` and are shared with ``opendata schemas import-workbook``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "schemas"

# Run as a script (``python tools/build_schemas.py``): make the package importable without installing it.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from opendata.schemagen import GEN_NAMES, header_meta, index_entry, make_field, requirement_of  # noqa: E402

# 2021 spellings that real files write differently while the official form is UNCONFIRMED
# (standard-datasets.md §4b: Yaizu writes 料金（基本）/料金（詳細） with full-width parentheses where the
# encoded model has half-width ones).  The other form is accepted as an alias (a warning, not an error).
LEGACY_ALIASES: dict[str, list[str]] = {
    "料金(基本)": ["料金（基本）"],
    "料金(詳細)": ["料金（詳細）"],
}


def legacy_schemas(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for key, d in spec["legacy_datasets"].items():
        no, name_ja = key.split("_", 1)
        pat = d.get("file_pattern")
        slug = re.sub(r"^\{団体コード\}_(.+)\.csv$", r"\1", pat) if pat else None
        sid = slug or "opendata_list"
        fields = []
        for c in d["columns"]:
            enum = c.get("enum")
            # Flag columns (災害種別_* …) are "必須" as columns, but an empty cell is a value (対応なし).
            col_required = bool(c.get("required")) and not (enum and "" in enum)
            fields.append(make_field(
                c["name"], no=c["no"], required=col_required,
                requirement="必須" if c.get("required") else "任意",
                fmt=None, legacy_type=c.get("schema_org_type"), description=c.get("description"),
                enum=enum, example=c.get("example"), aliases=LEGACY_ALIASES.get(c["name"]),
            ))
        out.append({
            "name": sid.replace("_", "-") + "-2021",
            "title": name_ja,
            "description": d.get("description"),
            "fields": fields,
            "missingValues": [""],
            "x-opendata": header_meta(
                id=f"2021/{sid}", slug=slug, generation="2021", generationName=GEN_NAMES["2021"], sheet=no,
                nameJa=name_ja, fileNamePattern=f"{{code}}_{slug}.csv" if slug else None,
                slugStatus="confirmed" if slug else "UNCONFIRMED",
                confidence="high", orderConfirmed=True,
                columnsStatus="complete (推奨データセット 基本編14種, 2021)",
                evidence=[d.get("source")],
                notes=None if slug else ["ファイル名のスラッグは未確認です（file-name slug UNCONFIRMED）"],
            ),
        })
    return out


def official_2026(spec: dict[str, Any], key: str, confidence: str, order_confirmed: bool = True,
                  aliases: dict[str, list[str]] | None = None) -> dict[str, Any]:
    d = spec["datasets"][key]
    aliases = aliases or {}
    fields = []
    for c in d["columns"]:
        req, label = requirement_of(c.get("kubun"), c.get("required"))
        enum = c.get("enum")
        if enum and "" in enum:
            req = False
        fields.append(make_field(
            c["name"], no=c["no"], required=req, requirement=label or "未確認", fmt=c.get("format"),
            example=c.get("example"), english=c.get("english_name") or c.get("english_name_observed"),
            description=c.get("description"), enum=enum, aliases=aliases.get(c["name"]),
            format_source=None if c.get("format") else "inferred from the item name (形式 UNCONFIRMED)",
        ))
    slug = re.sub(r"^\{全国地方公共団体コード6桁\}_(.+)\.csv$", r"\1", d["file_pattern"])
    return {
        "name": slug.replace("_", "-") + "-2026",
        "title": d["name_ja"],
        "fields": fields,
        "missingValues": [""],
        "x-opendata": header_meta(
            id=f"2026/{key}", slug=slug, generation="2026", generationName=GEN_NAMES["2026"], sheet=d["sheet_no"],
            nameJa=d["name_ja"], nameEn=d.get("name_en"), fileNamePattern=f"{{code}}_{slug}.csv",
            slugStatus=d.get("slug_status"), confidence=confidence, orderConfirmed=order_confirmed,
            columnsStatus=d.get("columns_status"), evidence=[d.get("source")],
            notes=[d["notes"]] if d.get("notes") else None,
        ),
    }


# Ordered 2026 lists that exist only in standard-datasets-2026.md (transcribed; standard names restored
# where the only source renamed a column, as that note's tables say).
EXTRA_2026: dict[str, dict[str, Any]] = {
    "public_wireless_lan": {
        "sheet": "07", "nameJa": "公衆無線LANアクセスポイント一覧", "nameEn": "Public wireless LAN access points",
        "confidence": "medium", "orderConfirmed": True,
        "columnsStatus": "MEDIUM: 28 columns from Kumamoto 15_lan_431001_public_wireless_lan.csv (DDL transcription); "
                         "items 1-7 equal the official items 1-7 of sheet 11",
        "evidence": ["Kumamoto Snowflake DDL (id 67355948605)", "Tokushima copy of sheet 11 (items 1-7)",
                     "queria-io/dataset-metro-tokyo ods_datasets.yml (id 61224674620)"],
        "columns": ["全国地方公共団体コード", "法人番号", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英語",
                    "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村",
                    "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度", "設置者", "電話番号", "内線番号",
                    "連絡先メールアドレス", "連絡先FormURL", "連絡先備考（その他、SNSなど）", "郵便番号", "SSID",
                    "提供エリア", "URL", "備考"],
        "notes": ["区分（必須/推奨/任意）と形式は未確認です。面的なアクセスポイントでは緯度・経度が空欄の例があります。"],
    },
    "fire_hydrant": {
        "sheet": "14", "nameJa": "消防水利施設一覧", "nameEn": "Fire-fighting water facilities",
        "confidence": "medium", "orderConfirmed": True,
        "columnsStatus": "MEDIUM: 16 columns from 2 real-file headers (Yaizu 222127_fire_hydrant.csv, 南さつま fixture); 区分/形式 UNCONFIRMED",
        "evidence": ["yaizu-city/opendata data/消防水利施設一覧/222127_fire_hydrant.csv", "南さつま市 fixture (id 58018405075)"],
        "columns": ["全国地方公共団体コード", "ID", "地方公共団体名", "種別", "所在地_全国地方公共団体コード", "町字ID",
                    "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下",
                    "建物名等(方書)", "緯度", "経度", "口径", "備考"],
        "aliases": {"口径": ["口径(管径ｍｍ)"]},
        "notes": ["種別の統制語彙は旧推奨データセットのもの（消火栓、私設消火栓、防火水そう…）が参考ですが、2026年版では未確認です。"],
    },
    "preschool": {
        "sheet": "05", "nameJa": "子育て施設一覧", "nameEn": "Child-care facilities",
        "confidence": "medium", "orderConfirmed": False,
        "columnsStatus": "MEDIUM for names (BODIK, Maizuru, queria corroborate), LOW for order (one renamed transcription: Kumamoto 21__431001_preschool.csv, 53 columns)",
        "evidence": ["Kumamoto Snowflake DDL (id 67355948605)", "BODIK dataModel (id 3661808744)", "Maizuru adapter (id 63444744013)",
                     "queria-io ods_datasets.yml (id 61224674620)"],
        "columns": ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字", "種別",
                    "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村",
                    "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度", "高度の種別", "高度の値",
                    "アクセス方法", "駐車場情報", "電話番号", "内線番号", "FAX番号", "連絡先メールアドレス", "連絡先FormURL",
                    "連絡先備考（その他、SNSなど）", "郵便番号", "法人番号", "団体名", "認可等年月日", "収容定員", "受入年齢",
                    "利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項", "一時預かりの有無", "子供預かり料金種別",
                    "子供預かり料金", "子供預かり料金備考", "子供預かり開所時間", "子供預かり閉所時間", "病児保育の有無",
                    "授乳室", "おむつ替えコーナー", "飲食可否", "ベビーカー貸出", "ベビーカー利用", "URL", "画像",
                    "画像_ライセンス", "備考"],
        "aliases": {"認可等年月日": ["許可等年月日"]},
        "notes": ["項目31は舞鶴市の実ファイルでは「認可等年月日」、熊本市の転記では「許可等年月日」で、どちらが定義書の表記かは未確認です。",
                  "列の順序は1団体の転記のみが根拠です（順序は参考）。"],
    },
    "public_facility": {
        "sheet": "01", "nameJa": "公共施設一覧", "nameEn": "Public facilities",
        "confidence": "low", "orderConfirmed": False,
        "columnsStatus": "LOW: 29 columns, order from one renamed transcription (Kumamoto 13__431001_public_facility.csv); no 地方公共団体名 in that source",
        "evidence": ["Kumamoto Snowflake DDL (id 67355948605)", "queria-io ods_datasets.yml (id 61224674620)",
                     "Edogawa standard rows (id 57856834088)"],
        "columns": ["全国地方公共団体コード", "ID", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード", "町字ID",
                    "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)",
                    "緯度", "経度", "種別", "電話番号", "内線番号", "連絡先メールアドレス", "連絡先FormURL",
                    "連絡先備考（その他、SNSなど）", "郵便番号", "利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項",
                    "URL", "画像", "備考"],
        "aliases": {"利用可能日時特記事項": ["利用可能時間特記事項"]},
        "notes": ["根拠は1団体の転記（列名の一部を改名）のみで、定義書そのものは未確認です。旧推奨データセット（2021）の公共施設一覧もご利用ください。"],
    },
    "cultural_property": {
        "sheet": "02", "nameJa": "文化財一覧", "nameEn": "Cultural properties",
        "confidence": "low", "orderConfirmed": False,
        "columnsStatus": "LOW: 45 columns in the order of one real file (市川市 122033_102_cultural_property.csv); the count "
                         "and the 20 names of 国立市's new-format file agree; 区分/形式 UNCONFIRMED",
        "evidence": ["whitecat-22/ichikawa_city_info open_data/102_文化財一覧/122033_102_cultural_property.csv @ 9b152393",
                     "国立市 132152_cultural_property.csv (adapter id 63020031479, test id 62655877617)",
                     "queria-io/dataset-metro-tokyo models/ods/mart/_schema.yml (id 61033536595)"],
        "columns": ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_通称", "名称_英語", "文化財分類",
                    "種類", "場所名称", "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県",
                    "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度", "高度の種別",
                    "高度の値", "電話番号", "内線番号", "連絡先メールアドレス", "連絡先FormURL", "連絡先備考（その他、SNSなど）",
                    "郵便番号", "員数（数）", "員数（単位）", "法人番号", "所有者等", "文化財指定日", "利用可能曜日", "開始時間",
                    "終了時間", "利用可能日時特記事項", "画像", "画像_ライセンス", "概要", "概要_英語", "説明", "説明_英語",
                    "URL", "備考"],
        "notes": ["列の名称と順序は1団体の実ファイル（市川市）によるもので、定義書そのものは未確認です。"
                  "文化財分類・種類の統制語彙も未確認です。旧推奨データセット（2021）の文化財一覧もご利用ください。"],
    },
}

AED_2026_NOTE = ("項目1〜7は定義書（徳島県の写し）で確認済み。8項目目以降は実ファイルの取込コードに現れる名称で、順序は未確認です。"
                 "町字ID・画像・画像_ライセンスの有無も未確認です。")

UNCONFIRMED_2026 = {
    "population": "一部の列名のみ確認（年齢階級の列名表記は未確認）。旧推奨データセット（2021）の地域・年齢別人口を使ってください。",
    "opendata_list": "42列のうち35列の名称のみ確認、順序は未確認です。旧推奨データセット（2021）のオープンデータ一覧を使ってください。",
    "care_service": "列名の一部のみ確認。旧推奨データセット（2021）の介護サービス事業所一覧を使ってください。",
    "hospital": "列名の一部のみ確認。旧推奨データセット（2021）の医療機関一覧を使ってください。",
    "tourism": "項目1〜7のみ確認。旧推奨データセット（2021）の観光施設一覧を使ってください。",
    "event": "日本語の列名が未確認です。旧推奨データセット（2021）のイベント一覧を使ってください。",
    "school_lunch_menu": "列名・ファイル名とも未確認です（メタデータと本体の2ファイル構成）。",
    "school_district": "列名・ファイル名とも未確認です（ポリゴンデータを含む）。",
}


def extra_2026(key: str, e: dict[str, Any]) -> dict[str, Any]:
    aliases = e.get("aliases", {})
    fields = [make_field(n, no=i + 1, required=False, requirement="未確認", fmt=None, aliases=aliases.get(n),
                         format_source="inferred from the item name (形式 UNCONFIRMED)")
              for i, n in enumerate(e["columns"])]
    return {
        "name": key.replace("_", "-") + "-2026",
        "title": e["nameJa"],
        "fields": fields,
        "missingValues": [""],
        "x-opendata": header_meta(
            id=f"2026/{key}", slug=key, generation="2026", generationName=GEN_NAMES["2026"], sheet=e["sheet"],
            nameJa=e["nameJa"], nameEn=e.get("nameEn"), fileNamePattern=f"{{code}}_{key}.csv",
            slugStatus="observed in real file names / third-party catalog code", confidence=e["confidence"],
            orderConfirmed=e["orderConfirmed"], columnsStatus=e["columnsStatus"], evidence=e["evidence"],
            notes=e.get("notes"),
        ),
    }


def aed_2026(spec: dict[str, Any]) -> dict[str, Any]:
    d = spec["datasets"]["aed"]
    s = official_2026(spec, "aed", "low", order_confirmed=False)
    for f in s["fields"]:
        f["x-ja"]["requirement"] = "未確認"
    n = len(s["fields"])
    for i, name in enumerate(d["other_names_order_unconfirmed"]):
        s["fields"].append(make_field(name, no=None, required=False, requirement="未確認", fmt=None,
                                      note="name seen in real new-format AED files; position UNCONFIRMED",
                                      format_source="inferred from the item name (形式 UNCONFIRMED)"))
        s["fields"][-1]["x-ja"]["position"] = n + i + 1
    s["x-opendata"]["orderConfirmedThrough"] = 7
    s["x-opendata"]["notes"] = [AED_2026_NOTE]
    return s


def food_business(spec: dict[str, Any]) -> dict[str, Any]:
    s = official_2026(spec, "food_business", "high")
    for f in s["fields"]:
        f["x-ja"]["requirement"] = "未確認"
        if f["name"] == "連絡先備考":
            # Three spellings are attested (standard-datasets-2026.md §15); the GIF contact block uses the long one.
            f["name"] = "連絡先備考（その他、SNSなど）"
            f["x-aliases"] = ["連絡先備考", "連絡先備考_その他SNSなど"]
            f["x-ja"]["note"] = "exact header UNCONFIRMED: 連絡先備考（その他、SNSなど） / 連絡先備考_その他SNSなど / 連絡先備考"
    s["x-opendata"].update(
        slug="food_business_all", fileNamePattern="{code}_food_business_all.csv",
        fileNameSlugs=["food_business_all", "food_business_new"],
        columnsStatus="HIGH for names/order (岡崎市, 青梅市, 東大阪市 real files agree); 区分/形式 UNCONFIRMED",
        evidence=[*s["x-opendata"]["evidence"], "東大阪市 272272_food_business_all_20260401.csv (id 70944295039)"],
        notes=["全許可一覧（food_business_all）と新規許可一覧（food_business_new、期間の接尾辞付き）は同じ列構成です。"],
    )
    return s


def write(schema: dict[str, Any]) -> Path:
    gen = schema["x-opendata"]["generation"]
    sid = schema["x-opendata"]["id"].split("/", 1)[1]
    p = OUT / gen / f"{sid}.json"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return p


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", default=str(ROOT.parent / "shared" / "spec"))
    a = ap.parse_args()
    spec = json.loads((Path(a.spec) / "standard-datasets.json").read_text(encoding="utf-8"))
    schemas = legacy_schemas(spec)
    schemas.append(official_2026(spec, "evacuation_space", "high"))
    schemas.append(official_2026(spec, "public_toilet", "high"))
    schemas.append(official_2026(spec, "fire_hydrant", "medium", aliases=EXTRA_2026["fire_hydrant"]["aliases"]))
    schemas.append(food_business(spec))
    schemas.append(aed_2026(spec))
    for key, e in EXTRA_2026.items():
        if key == "fire_hydrant":
            continue
        schemas.append(extra_2026(key, e))
    for s in schemas:
        if s["x-opendata"]["id"] == "2026/fire_hydrant":
            for f in s["fields"]:
                f["x-ja"]["requirement"] = "未確認"
            s["x-opendata"]["notes"] = EXTRA_2026["fire_hydrant"]["notes"]
        write(s)
    entries = [index_entry(s) for s in schemas]
    have = {e["id"] for e in entries}
    for key, d in spec["datasets"].items():
        sid = f"2026/{key}"
        if sid in have:
            continue
        slug = re.sub(r"^\{全国地方公共団体コード6桁\}_(.+)\.csv$", r"\1", d["file_pattern"]) if d.get("file_pattern") else None
        entries.append(header_meta(
            id=sid, nameJa=d["name_ja"], generation="2026", generationName=GEN_NAMES["2026"], sheet=d["sheet_no"],
            slug=slug, confidence="unconfirmed", status="unconfirmed", columnsStatus=d.get("columns_status"),
            note=UNCONFIRMED_2026.get(key, "列構成は未確認です。"),
        ))
    entries.sort(key=lambda e: (e["generation"], e["sheet"]))
    index = {
        "description": "Standard datasets known to this project. status=available: a Table Schema exists; "
                       "status=unconfirmed: the 2026 column list could not be confirmed, no schema is guessed.",
        "generations": GEN_NAMES,
        "datasets": entries,
    }
    (OUT / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(schemas)} schemas and index.json ({len(entries)} entries)")


if __name__ == "__main__":
    main()
