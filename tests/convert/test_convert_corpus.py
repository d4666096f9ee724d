"""Every legacy file in ../shared/corpus converts to its dataset (MANIFEST maps_to_template) without a
traceback, no source value is lost, and the known defects are repaired in specific cells."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from converters.jp.localgov import by_name
from opendata.convert import convert_file
from tests.conftest import CORPUS, corpus_file

pytestmark = pytest.mark.corpus

TEMPLATE_TO_DATASET = {
    "AED設置箇所一覧": "aed", "指定緊急避難場所一覧": "evacuation_space", "介護サービス事業所一覧": "care_service",
    "子育て施設一覧": "preschool", "医療機関一覧": "hospital", "公共施設一覧": "public_facility",
    "公衆トイレ一覧": "public_toilet", "公衆無線LANアクセスポイント一覧": "public_wireless_lan",
    "観光施設一覧": "tourism", "学校給食献立情報": None,
}


def manifest() -> list[dict[str, str]]:
    p = CORPUS / "MANIFEST.tsv"
    if not p.is_file():
        return []
    with p.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def dataset_for(template: str) -> str | None:
    for name, ds in TEMPLATE_TO_DATASET.items():
        if template.startswith(name):
            return ds
    raise AssertionError(f"unknown template {template}")


def code_for(municipality: str) -> str:
    pref = municipality[:3] if municipality[2] in "都道府県" else municipality[:4]
    g = by_name(pref, municipality[len(pref):])
    assert g is not None, municipality
    return g.code


ROWS = [r for r in manifest() if dataset_for(r["maps_to_template"])]


@pytest.mark.parametrize("entry", ROWS, ids=[r["file"] for r in ROWS])
def test_every_legacy_file_converts(entry, tmp_path):
    src = corpus_file(entry["file"])
    ds = dataset_for(entry["maps_to_template"])
    o = convert_file(src, tmp_path, dataset=ds, code=code_for(entry["municipality"]), keep_logs=True)
    assert o.ok, o.error
    r = o.result
    assert r.output.is_file() and r.output.name.startswith(code_for(entry["municipality"]) + "_")
    assert r.schema_id.split("/", 1)[1] == ds
    assert r.accounting["balanced"] == 1, r.accounting            # nothing lost
    assert o.validation is not None                               # the output is readable by the validator
    assert not any(p.code.startswith("header-") for p in o.validation.problems)
    with r.output.open(encoding="utf-8", newline="") as f:
        out = list(csv.reader(f))
    assert len(out) - 1 == r.rows_in > 0
    r.cleanup()


def _kobe(tmp_path: Path) -> list[dict[str, str]]:
    o = convert_file(corpus_file("aed/kobe_aed-20141128-sjis.csv"), tmp_path, dataset="2026/aed", code="281000",
                     extra_to_remarks=True, keep_logs=True)
    assert o.ok
    with o.result.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert o.result.accounting["balanced"] == 1
    o.result.cleanup()
    return rows


def test_kobe_cp932_aed_cells(tmp_path):
    rows = _kobe(tmp_path)
    assert len(rows) == 1935
    r = rows[0]                                                   # source row 2
    assert r["全国地方公共団体コード"] == "281000" and r["地方公共団体名"] == "兵庫県神戸市"
    assert r["所在地_連結表記"] == "兵庫県神戸市東灘区住吉本町1-2"     # 兵庫県 prepended
    assert (r["所在地_都道府県"], r["所在地_市区町村"], r["所在地_町字"], r["所在地_番地以下"]) == (
        "兵庫県", "神戸市東灘区", "住吉本町", "1-2")
    assert r["所在地_全国地方公共団体コード"] == "281018"            # the ward's code
    assert r["緯度"] == "34.719504" and r["経度"] == "135.262343"     # trailing spaces gone
    assert r["郵便番号"] == "6580051"                               # 658-0051 -> 7 digits
    assert "大カテゴリ: 公共交通機関" in r["備考"]                     # extra columns kept in 備考 when asked
    by_name_ = {x["名称"]: x for x in rows}
    assert "ハイテック神戸訪問介（看）護サービス-(2)" in by_name_          # ② -> (2)
    assert by_name_["剣菱酒造株式会社 No.2"]["所在地_番地以下"] == "53番地"  # №２ -> No.2
    assert "(有)神戸清掃舎" in by_name_                                   # ㈲
    assert by_name_["株式会社NSKホールディングス（ライオンズII）"]["所在地_町字"] == "青木6丁目"  # 全角 -> 半角, Ⅱ -> II


def test_yaizu_v1_evacuation_upgraded_to_2026(tmp_path):
    o = convert_file(corpus_file("evacuation_space/yaizu_evacuation-space.csv"), tmp_path, code="222127",
                     keep_logs=True)
    assert o.ok and o.result.schema_id == "2026/evacuation_space"
    with o.result.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    r = rows[0]
    assert r["全国地方公共団体コード"] == "222127"
    assert r["地方公共団体名"] == "静岡県焼津市"                      # 都道府県名 + 市区町村名
    assert r["所在地_連結表記"].startswith("静岡県焼津市")
    assert r["所在地_市区町村"] == "焼津市"
    flags = {v for row in rows for k, v in row.items() if k.startswith("災害種別_")}
    assert flags <= {"1", ""}                                        # ○ -> 1
    m = {x["target"]: x for x in o.result.mapping}
    assert m["ID"]["source"] == "NO" and m["建物名等(方書)"]["source"] == "方書"
    o.result.cleanup()


def test_komae_halfwidth_kana_and_times(tmp_path):
    o = convert_file(corpus_file("aed/komae_aed.csv"), tmp_path, code="132195", keep_logs=True)
    with o.result.output.open(encoding="utf-8", newline="") as f:
        r = next(csv.DictReader(f))
    assert r["名称_カナ"] == "コマエシヤクショ"
    assert r["開始時間"] == "08:30"
    assert r["住所"] == "東京都狛江市和泉本町1丁目1番5号"
    issues = {i["code"] for i in o.result.iter_issues()}
    assert issues                                                    # 内線番号 "2442・2421" etc. need a human
    o.result.cleanup()


def test_preschool_lookalike_header_is_matched(tmp_path):
    o = convert_file(corpus_file("kosodate/yaizu_preschool.csv"), tmp_path, code="222127", keep_logs=True)
    m = {x["target"]: x for x in o.result.mapping}
    assert m["全国地方公共団体コード"]["source"] == "都道府県コ―ド又は市区町村コ―ド"
    assert o.validation.valid or all(not p.code.startswith("header") for p in o.validation.problems)
    o.result.cleanup()


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "school_lunch"


@pytest.mark.parametrize("name", ["handa_lunch-menu-202302.xls", "handa_lunch-menu-201702.xls"])
def test_linkdata_menus_convert_with_one_recipe_across_years(name, tmp_path):
    """学校給食献立情報 has no confirmed standard: the city's own schema, one row per dish (unpivot),
    the date from three columns, ★ markers moved to 備考; the 2017 file has fewer dish columns."""
    from converters.recipe import Recipe

    o = convert_file(corpus_file(f"school_lunch/{name}"), tmp_path, recipe=Recipe.load(FIXTURES / "recipe.yaml"),
                     keep_logs=True)
    assert o.ok and o.status == "valid", (o.error, o.validation and o.validation.counts)
    r = o.result
    assert r.output.name == "232050_school_lunch_menu.csv"
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    first = rows[0]
    assert first["提供日"].startswith(("2023-02-01", "2017-02-01"))
    assert first["料理の区分"] == "主食" and first["順番"] == "1"
    days = {x["提供日"] for x in rows}
    assert len(days) >= 15
    holiday = [s for s in r.table["skipped"] if s["reason"] == "empty-after-reshape"]
    assert holiday and all(s["text"].startswith("232050") for s in holiday)   # listed, not lost
    if "2023" in name:
        star = next(x for x in rows if x["料理名"] == "野菜はんぺん")
        assert "★" in star["備考"]
    assert r.accounting["balanced"] == 1
    r.cleanup()


def test_linkdata_allergen_matrix(tmp_path):
    from converters.recipe import Recipe

    o = convert_file(corpus_file("school_lunch/handa_lunch-allergens-chu-202402.xls"), tmp_path,
                     recipe=Recipe.load(FIXTURES / "allergens.recipe.yaml"), keep_logs=True)
    assert o.ok and o.status == "valid", o.validation and o.validation.counts
    with o.result.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    milk = rows[0]
    assert (milk["料理名"], milk["乳"], milk["提供日"]) == ("牛乳", "1", "2024-02-01")
    assert len(rows) == o.result.rows_in == 102
    o.result.cleanup()
