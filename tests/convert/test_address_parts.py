"""Address parts derived from a one-cell address for any part set of a schema (所在地_都道府県 …,
施設所在地_都道府県 … of 2026/food_business, a city's own schema), in both engines."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

import schemas
from converters.mapping import address_fields, auto_map
from converters.pipeline import ConvertOptions, convert
from converters.recipe import Recipe
from tests.conftest import write_csv

from .test_columnar_equivalence import assert_same

ENGINES = ["rows", "columnar"]
FOOD = "2026/food_business"
PARTS = ("施設所在地_都道府県", "施設所在地_市区町村", "施設所在地_町字", "施設所在地_番地以下")
LOC = ("所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下")


def _run(src: Path, out: Path, **kw: Any) -> dict[str, Any]:
    r = convert(src, out / kw.get("engine", "auto"), ConvertOptions(**kw))
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    d = {"rows": rows, "issues": list(r.iter_issues()), "mapping": {m["target"]: m for m in r.mapping},
         "recipe": r.recipe, "engine": r.engine}
    r.cleanup()
    return d


def _parts(row: dict[str, str], names: tuple[str, ...] = PARTS) -> tuple[str, ...]:
    return tuple(row[n] for n in names)


# --- which items are address parts -------------------------------------------------------------------
def test_every_part_set_of_the_standard_schemas_is_found():
    seen = 0
    for sid in schemas.available_ids():
        names = [f["name"] for f in schemas.load(sid)["fields"]]
        af = address_fields(tuple(names))
        expected = {n for n in names if n.endswith(("都道府県", "市区町村", "町字", "番地以下"))}
        assert set(af.parts) == expected, sid
        if expected:
            seen += 1
            assert af.one_cell == "所在地_連結表記" and len(af.buildings) == 1, sid
    assert seen >= 8
    food = address_fields(tuple(f["name"] for f in schemas.load(FOOD)["fields"]))
    assert food.parts == dict(zip(PARTS, ("prefecture", "city", "town", "block"), strict=True))
    assert food.buildings == ("施設方書",) and food.code == "所在地_全国地方公共団体コード"


def test_building_items_go_to_the_set_whose_prefix_they_share():
    af = address_fields(("所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "建物名等(方書)", "本部_都道府県",
                         "本部_市区町村", "本部_方書", "建物名等_カナ"))
    assert af.prefixes == ("所在地_", "本部_") and set(af.buildings) == {"建物名等(方書)", "本部_方書"}
    assert address_fields(("住所", "方書")).parts == {}                      # 2021: no part set, nothing derived
    # two sets and one building item that shares neither prefix: no guess
    assert address_fields(("所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "本部_都道府県", "本部_市区町村",
                           "建物名等(方書)")).buildings == ()


@pytest.mark.parametrize("header", ["施設所在地", "所在地", "住所", "施設住所"])
def test_one_cell_address_column_maps_and_derives_the_facility_parts(header):
    m = auto_map(["施設名称", header, "営業の種類"], FOOD, publisher_code="222127")
    assert m.fields["所在地_連結表記"].source == header
    for t in PARTS:
        assert m.fields[t].derive == "address"
    assert m.fields["所在地_全国地方公共団体コード"].derive == "address-code"
    assert "施設方書" not in m.fields                     # filled when it has no column of its own


# --- conversions ---------------------------------------------------------------------------------------
def _food(tmp_path: Path, header: str = "施設所在地", extra: list[str] | None = None) -> Path:
    cols = ["施設名称", header, "営業の種類", *(extra or [])]
    addresses = ["焼津市本町2丁目16-32　2階", "静岡県焼津市栄町1丁目3-8", "石津2259-358",
                 "焼津市北浜通、城之腰、鰯ケ島", "焼津市鰯ケ島"]
    rows = [[f"食堂{i}", addresses[i % len(addresses)], "飲食店営業", *(["別館"] if extra else [])] for i in range(25)]
    return write_csv(tmp_path / "food.csv", [cols, *rows])


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("header", ["施設所在地", "所在地"])
def test_food_business_parts_from_a_one_cell_address(tmp_path, engine, header):
    d = _run(_food(tmp_path, header), tmp_path / "out", dataset=FOOD, publisher_code="222127", engine=engine)
    assert d["engine"] == engine
    a, b, c, e, f = d["rows"][:5]
    assert a["所在地_連結表記"] == "静岡県焼津市本町2丁目16-32 2階"
    assert _parts(a) == ("静岡県", "焼津市", "本町2丁目", "16-32") and a["施設方書"] == "2階"
    assert a["所在地_全国地方公共団体コード"] == "222127"
    assert _parts(b) == ("静岡県", "焼津市", "栄町1丁目", "3-8") and b["施設方書"] == ""
    assert _parts(f) == ("静岡県", "焼津市", "鰯ケ島", "")        # no lot: the rest is the 町字
    # a town and a lot with no city, in the city's own file: completed with the publisher (noted, medium)
    assert _parts(c) == ("静岡県", "焼津市", "石津", "2259-358") and c["所在地_全国地方公共団体コード"] == "222127"
    # never guessed: the splitter's unsure parts stay empty and are reported
    assert _parts(e) == ("静岡県", "焼津市", "", "")
    unsure = {(i["row"], i["message_en"].split("the ")[1].split(" of")[0]) for i in d["issues"]
              if i["code"] == "address-unsure"}
    assert {(5, "town"), (5, "block")} <= unsure and not {u for u in unsure if u[0] == 4}
    assert all(i["field"] == "所在地_連結表記" for i in d["issues"] if i["code"] == "address-unsure")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_building_column_of_its_own_wins(tmp_path, engine):
    d = _run(_food(tmp_path, extra=["施設方書"]), tmp_path / "out", dataset=FOOD, publisher_code="222127",
             engine=engine)
    assert d["rows"][0]["施設方書"] == "別館" and d["rows"][0]["施設所在地_番地以下"] == "16-32"


def test_food_business_same_in_both_engines(tmp_path):
    for header in ("施設所在地", "住所"):
        src = _food(tmp_path, header)
        assert_same(src, dataset=FOOD, publisher_code="222127")
        assert_same(src, dataset=FOOD)                     # no publisher: more left unsure
    rows = [[f"食堂{i}", f"焼津市本町{i % 9 + 1}丁目{i}-{i % 7 + 1}" + ("　2階" if i % 4 == 0 else ""), "飲食店営業"]
            for i in range(1, 400)]                        # lot-number templates in the columnar engine
    assert_same(write_csv(tmp_path / "many.csv", [["施設名称", "施設所在地", "営業の種類"], *rows]), dataset=FOOD,
                publisher_code="222127")


@pytest.mark.parametrize("engine", ENGINES)
def test_recipe_keeps_the_derived_parts(tmp_path, engine):
    src = _food(tmp_path)
    first = _run(src, tmp_path / "first", dataset=FOOD, publisher_code="222127", engine=engine)
    path = tmp_path / "food.recipe.yaml"
    first["recipe"].save(path)
    recipe = Recipe.load(path)
    assert all(recipe.mapping[t] == {"derive": "address"} for t in PARTS)
    again = _run(src, tmp_path / "again", **{**ConvertOptions.from_recipe(recipe).__dict__, "engine": engine})
    assert again["rows"] == first["rows"]


def test_a_city_schema_with_its_own_part_set(tmp_path):
    """Nothing is tied to one schema: a city's schema with a 本部_ set and 本部住所 as the one-cell column."""
    schema = {"name": "test_branch_offices", "fields": [
        {"name": "名称", "type": "string"}, {"name": "所在地_連結表記", "type": "string"},
        {"name": "本部_都道府県", "type": "string"}, {"name": "本部_市区町村", "type": "string"},
        {"name": "本部_町字", "type": "string"}, {"name": "本部_番地以下", "type": "string"},
        {"name": "本部_方書", "type": "string"}]}
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    src = write_csv(tmp_path / "t.csv", [["名称", "本部住所"], ["事務所", "鳥取市尚徳町116 駅南庁舎"],
                                         ["支所", "駅南庁舎"]])
    for engine in ENGINES:
        d = _run(src, tmp_path / "out", schema_file=str(path), publisher_code="312011", engine=engine)
        a, b = d["rows"]
        assert d["mapping"]["所在地_連結表記"]["source"] == "本部住所"
        assert _parts(a, ("本部_都道府県", "本部_市区町村", "本部_町字", "本部_番地以下", "本部_方書")) == (
            "鳥取県", "鳥取市", "尚徳町", "116", "駅南庁舎")
        assert _parts(b, ("本部_都道府県", "本部_市区町村")) == ("", "")
        assert any(i["code"] == "address-unsure" and i["row"] == 3 for i in d["issues"])
    assert_same(src, schema_file=str(path), publisher_code="312011")


# --- a joined address and the parts the file also gives ------------------------------------------------
ALL = ("prefecture", "city", "town", "block")


@pytest.mark.parametrize(("full", "pref", "city", "given"), [
    ("東京都板橋区板橋2-66-1", "東京都", "板橋区", ("東京都", "板橋区", "板橋2丁目", "66-1")),
    ("東京都板橋区板橋2-66-1", "東京都", "板橋区", ("東京都", "板橋区", "板橋二丁目", "66番1号")),
    ("東京都板橋区板橋2-66-1", "東京都", "板橋区", ("", "", "板橋2丁目", "")),      # a part left empty says less
    ("東京都板橋区板橋2丁目", "東京都", "板橋区", ("東京都", "板橋区", "板橋2丁目", "66-1")),   # the joined one says less
    ("長野県諏訪郡富士見町立沢字広原1-1322", "長野県", "諏訪郡富士見町", ("長野県", "富士見町", "立沢", "字広原1-1322")),
    ("鳥取県八頭郡智頭町大字智頭1875", "鳥取県", "八頭郡智頭町", ("鳥取県", "八頭郡智頭町", "智頭", "1875番地")),
    ("東京都板橋区舟渡4-16-6 板橋ビル2階", "東京都", "板橋区", ("東京都", "板橋区", "舟渡4丁目", "16-6")),
    ("静岡県焼津市三ケ名1550", "静岡県", "焼津市", ("静岡県", "焼津市", "三ヶ名", "1550")),
])
def test_joined_address_agreeing_with_the_parts(full, pref, city, given):
    from converters.pipeline import parts_disagreement

    assert parts_disagreement(full, pref, city, ALL, given) is None


@pytest.mark.parametrize(("full", "pref", "city", "attrs", "given", "item"), [
    ("東京都板橋区常盤台3-27-1", "東京都", "板橋区", ALL, ("東京都", "板橋区", "富士見3丁目", "1"), "所在地_町字"),
    ("東京都板橋区舟渡4-16-6", "東京都", "板橋区", ALL, ("東京都", "北区", "舟渡4丁目", "16-6"), "所在地_市区町村"),
    ("東京都板橋区舟渡4-16-6", "東京都", "板橋区", ALL, ("埼玉県", "板橋区", "舟渡4丁目", "16-6"), "所在地_都道府県"),
    ("東京都板橋区舟渡4-16-6", "東京都", "板橋区", ("town", "block"), ("舟渡4丁目", "17-6"), "所在地_町字"),
    ("東京都板橋区舟渡4-16-6", "東京都", "板橋区", ("block",), ("17-6",), "所在地_番地以下"),
])
def test_joined_address_disagreeing_with_the_parts(full, pref, city, attrs, given, item):
    from converters.pipeline import parts_disagreement

    found = parts_disagreement(full, pref, city, attrs, given)
    assert found is not None and found[0] == item and full in found[2]


def test_disagreeing_parts_reported_and_kept_in_both_engines(tmp_path):
    """Neither the joined address nor the given parts are changed; a disagreement is an issue on the part's item.
    A joined address made from the parts themselves is not compared."""
    header = ["名称", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "緯度", "経度"]
    cases = [("東京都板橋区板橋2-66-1", "東京都", "板橋区", "板橋2丁目", "66-1"),
             ("東京都板橋区常盤台3-27-1", "東京都", "板橋区", "富士見3丁目", "1"),
             ("板橋区舟渡４－１６－６", "東京都", "板橋区", "舟渡4丁目", "16-6"),
             ("東京都板橋区舟渡4-16-6", "東京都", "北区", "舟渡4丁目", "16-6"),
             ("", "東京都", "板橋区", "舟渡4丁目", "16-6")]
    rows = [[f"施設{i}", *cases[i % len(cases)], "35.7", "139.7"] for i in range(1, 120)]
    src = write_csv(tmp_path / "toilet.csv", [header, *rows])
    for code in (None, "131199"):
        assert_same(src, dataset="2026/public_toilet", publisher_code=code)
    d = _run(src, tmp_path / "out", dataset="2026/public_toilet", engine="rows")
    bad = [(i["row"], i["field"], i["value"]) for i in d["issues"] if i["code"] == "address-parts-mismatch"]
    assert {(f, v) for _, f, v in bad} == {("所在地_町字", "富士見3丁目"), ("所在地_市区町村", "北区")}
    assert len(bad) == sum(1 for i in range(1, 120) if i % len(cases) in (1, 3))
    r = d["rows"][0]                     # 施設1: kept as written on both sides
    assert (r["所在地_連結表記"], r["所在地_町字"], r["所在地_番地以下"]) == ("東京都板橋区常盤台3-27-1", "富士見3丁目", "1")
    # the joined address made from the parts: nothing to compare
    src2 = write_csv(tmp_path / "parts.csv", [header[:1] + header[2:], *[[r[0], *r[2:]] for r in rows]])
    d2 = _run(src2, tmp_path / "out2", dataset="2026/public_toilet", engine="rows")
    assert not any(i["code"] == "address-parts-mismatch" for i in d2["issues"])


def test_empty_part_columns_are_filled_from_the_joined_address(tmp_path: Path) -> None:
    """A file with the part columns of its schema, left empty (松山市's 指定緊急避難場所一覧 writes only
    所在地_連結表記; 倉敷市's 消防水利 gives 都道府県 and 市区町村 only): each empty part cell of a row whose given parts
    agree with the joined address is filled from the split, logged as a change of that cell; a row whose parts
    disagree is reported and left alone; an unsure part is reported."""
    header = ["名称", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "緯度", "経度"]
    cases = [("愛媛県松山市東雲町7-2", "", "", "", ""),
             ("愛媛県松山市枝松4-229-1", "", "", "", ""),
             ("東京都板橋区常盤台3-27-1", "東京都", "板橋区", "富士見3丁目", "1"),       # given (and disagreeing)
             ("愛媛県松山市東野3-甲278-1", "", "", "", ""),                            # the lot cannot be read
             ("岡山県倉敷市西田201番1号", "岡山県", "倉敷市", "", "")]                   # 倉敷市: two given, two empty
    rows = [[f"施設{i}", *cases[i % len(cases)], "33.8", "132.7"] for i in range(1, 120)]
    src = write_csv(tmp_path / "hinan.csv", [header, *rows])
    for code in (None, "382019"):
        assert_same(src, dataset="2026/public_toilet", publisher_code=code)
    for engine in ENGINES:
        r = convert(src, tmp_path / engine, ConvertOptions(dataset="2026/public_toilet", engine=engine))
        with r.output.open(encoding="utf-8", newline="") as f:
            by = {row["名称"]: row for row in csv.DictReader(f)}
        changes, issues = list(r.iter_changes()), list(r.iter_issues())
        r.cleanup()
        # 施設N holds cases[N % 5] and is on line N + 1
        assert _parts(by["施設5"], LOC) == ("愛媛県", "松山市", "東雲町", "7-2")
        assert _parts(by["施設1"], LOC) == ("愛媛県", "松山市", "枝松", "4-229-1")
        assert _parts(by["施設2"], LOC) == ("東京都", "板橋区", "富士見3丁目", "1")     # as written, and reported
        assert _parts(by["施設3"], LOC)[:3] == ("愛媛県", "松山市", "東野")
        assert _parts(by["施設4"], LOC)[:3] == ("岡山県", "倉敷市", "西田") and by["施設4"]["所在地_番地以下"]
        row5 = [(c["field"], c["before"], c["after"]) for c in changes if c["row"] == 6 and c["step"] == "address"]
        assert row5 == [("所在地_都道府県", "", "愛媛県"), ("所在地_市区町村", "", "松山市"), ("所在地_町字", "", "東雲町"),
                        ("所在地_番地以下", "", "7-2")]
        assert all(c["note_ja"] == "空欄を所在地_連結表記の分割結果で補いました" for c in changes if c["row"] == 6)
        # 倉敷市's rows give 都道府県 and 市区町村 and leave the rest: only the empty cells are filled
        assert [c["field"] for c in changes if c["row"] == 5 and c["step"] == "address"] == ["所在地_町字", "所在地_番地以下"]
        mismatch = {(i["field"], i["value"]) for i in issues if i["code"] == "address-parts-mismatch"}
        assert mismatch == {("所在地_町字", "富士見3丁目")}
        assert not any(c["row"] % 5 == 3 and c["step"] == "address" and c["field"] != "所在地_連結表記" for c in changes)
        unsure = {i["row"] for i in issues if i["code"] == "address-unsure"}
        assert unsure and all(by[f"施設{n - 1}"]["所在地_連結表記"].startswith("愛媛県松山市東野") for n in unsure)
