"""Problems found by a robustness sweep over unseen municipal files (real files read from public GitHub copies,
run through the CLI with and without ``--dataset``; provenance of the cells used here in
tests/fixtures/sweep/SOURCES.md).  Small synthetic inputs modelled on the real cells: each test names the file
whose shape it reproduces.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from converters.mapping import candidates
from opendata.convert import convert_file


def run(tmp_path: Path, name: str, text: str, dataset: str | None = None, encoding: str = "utf-8") -> tuple:
    src = tmp_path / name
    src.write_bytes(text.encode(encoding))
    o = convert_file(src, tmp_path / "out", dataset=dataset, keep_logs=True)
    assert o.result is not None, o.error
    r = o.result
    with r.output.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    mapping = {m["target"]: m["source"] for m in r.mapping}
    unmapped = [u["header"] for u in r.unmapped]
    acc = dict(r.accounting)
    issues = list(r.iter_issues())
    r.cleanup()
    return rows, mapping, unmapped, acc, issues


# --- header names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("header", "sid", "target"), [
    ("設　　置　　施　　設", "2021/aed", "名称"),             # 小金井市 AED list (ideographic spaces)
    ("住所表記", "2021/tourism", "住所"),                     # 半田市 観光
    ("住所表記", "2026/public_facility", "所在地_連結表記"),
    ("指定年月日", "2021/cultural_property", "文化財指定日"),   # 小金井市 文化財
    ("X座標", "2026/public_toilet", "経度"),                   # 台東区 toilet map (degrees, as X / Y)
    ("Y座標", "2026/public_toilet", "緯度"),
    ("ido", "2021/public_toilet", "緯度"),                     # a hand-made list: NO,name,ido,keido
    ("keido", "2021/public_toilet", "経度"),
])
def test_sweep_header_names(header: str, sid: str, target: str) -> None:
    assert candidates(header, sid)[0][0] == target


@pytest.mark.parametrize("header", ["機種名（リース及び委託先・指定管理者調達を除く）", "機種名", "製品名", "メーカー名"])
def test_a_device_or_product_name_is_not_the_records_name(header: str) -> None:
    # 小金井市's AED list has 機種名（…） (日本光電 AED-2150) beside 設置施設: the model is not the facility
    assert all(t != "名称" for t, _, _ in candidates(header, "2021/aed"))


def test_aed_list_with_model_column_maps_the_facility_not_the_model(tmp_path: Path) -> None:
    text = ("自動体外式除細動器（ＡＥＤ）設置場所について,,,,,,,\n"
            "令和4年9月22日,,,,,,,現在\n"
            "№,設　　置　　施　　設,設　置　場　所　,所 管 課,機種名（リース及び委託先・指定管理者調達を除く）,"
            "\"納品年月日／\nリース期間\",\"パッド交換\n年月日\",台数\n"
            "1,総合体育館,1階ロビー,生涯学習課スポーツ振興係,日本光電 AED-2150,H31.2.19,R3.5,1\n"
            "2,市役所本庁舎,1階施設管理室,管財課,,H30.6.1～H35.5.31,賃貸借（交換付）,1\n"
            "3,市役所第二庁舎,1階受付（広聴係執務室）,広報秘書課,フィリップス FRx+e,R2.7.31,R4.5.25,1\n"
            "合　     　計,,,,,,,3\n")
    rows, _, unmapped, acc, _ = run(tmp_path, "aed.csv", text, "2021/aed")
    assert [r["名称"] for r in rows] == ["総合体育館", "市役所本庁舎", "市役所第二庁舎"]
    assert "機種名（リース及び委託先・指定管理者調達を除く）" in unmapped
    assert acc["balanced"]


def test_tourism_address_under_jusho_hyoki_lands(tmp_path: Path) -> None:
    text = ("全国地方公共団体コード,識別子,分類,名称,種別,目的,住所表記,郵便番号,緯度,経度\n"
            "232050,KN0001,観光,半田赤レンガ建物,歴史・郷土文化,見る,愛知県半田市榎下町8,4750867,34.901626,136.928439\n"
            "232050,KN0011,観光,紺屋海道,観光案内,見る,愛知県半田市堀崎町周辺,4750851,34.898395,136.929762\n")
    rows, mapping, _, acc, _ = run(tmp_path, "kanko.csv", text, "2021/tourism")
    assert mapping["住所"] == "住所表記"
    assert rows[0]["住所"] == "愛知県半田市榎下町8" and acc["balanced"]


def test_cultural_property_designation_date_with_one_kanji_era(tmp_path: Path) -> None:
    # 小金井市 heads it 指定年月日 (平成15.08.27); 東村山市 writes 平17．4.20
    text = (",,指定番号,条例種別,分類,名称,員数,時代,所在地,所有者等,指定年月日\n"
            "国指定文化財等一覧,1,―,史跡,,玉川上水,,近世～,東京都羽村市～東京都渋谷区,東京都,平成15.08.27\n"
            "小金井市指定文化財一覧,1,第1号,有形文化財,彫刻,薬師如来立像,1体,1422,東京都小金井市梶野町2-7-5,長昌寺,平17．4.20\n")
    rows, mapping, _, acc, issues = run(tmp_path, "bunkazai.csv", text, "2021/cultural_property")
    assert mapping["文化財指定日"] == "指定年月日"
    assert [r["文化財指定日"] for r in rows] == ["2003-08-27", "2005-04-20"]
    assert not [i for i in issues if i.get("field") == "文化財指定日"] and acc["balanced"]


def test_toilet_map_x_y_degrees_land_as_longitude_latitude(tmp_path: Path) -> None:
    text = ("大分類,小分類,名称,所在地,電話番号,情報,X座標,Y座標\n"
            "公衆・公園トイレ,公衆・公園トイレ,上野公園大黒天横公衆トイレ,台東区上野公園１０－１７前,"
            "０３－５２４６－１３１６,男女兼用,139.7699202,35.71943546\n"
            "公衆・公園トイレ,公衆・公園トイレ,浅草公会堂施設内トイレ,台東区浅草1丁目38番6号,,,139.7952377,35.71263164\n")
    rows, _, _, acc, _ = run(tmp_path, "toilet.csv", text, "2026/public_toilet")
    assert (rows[0]["緯度"], rows[0]["経度"]) == ("35.71943546", "139.7699202")
    assert acc["balanced"]


# --- a footer with a stamp under a narrow table ---------------------------------------------------------
# 港区's 5-column 公衆便所一覧 ends in a blank line and "公衆便所一覧(令和4年4月1日現在)","Ver202204",,, : two cells,
# more than a quarter of five columns, each fitting 名称 / 所在地 as text; it became a data row (名称 = the title,
# 所在地 = Ver202204).  Both engines, a file the reader plans whole and one whose footer is far below its sample.
def _toilets(n: int) -> str:
    lines = ['"名称","所在地","開設年月日","緯度","経度"']
    lines += [f'"第{i}公衆便所","東京都港区新橋二丁目{i % 40 + 1}番4号","19690131","35.66{i % 100:02d}","139.752"'
              for i in range(1, n + 1)]
    return "\n".join([*lines, "", '"公衆便所一覧(令和4年4月1日現在)","Ver202204",,,', ""])


@pytest.mark.parametrize("n", [10, 3000])
@pytest.mark.parametrize("engine", ["rows", "columnar"])
def test_stamp_footer_under_a_narrow_table_is_a_note(tmp_path: Path, n: int, engine: str) -> None:
    from converters.pipeline import ConvertOptions, convert

    src = tmp_path / "koshubenjo.csv"
    src.write_text(_toilets(n), encoding="utf-8")
    r = convert(src, tmp_path / "out", ConvertOptions(engine=engine, dataset="2026/public_toilet"))
    try:
        assert (r.rows_in, r.rows_out) == (n, n)
        skipped = [(s["number"], s["reason"]) for s in r.table["skipped"]]
        assert (n + 3, "note") in skipped
        with r.output.open(encoding="utf-8-sig", newline="") as f:
            names = [row["名称"] for row in csv.DictReader(f)]
        assert "公衆便所一覧(令和4年4月1日現在)" not in names
    finally:
        r.cleanup()


@pytest.mark.parametrize("last", [
    ['"第11公衆便所"', '"東京都港区芝一丁目1番26号"', "", "", ""],     # a genuine short last record stays data
    ['"令和4年4月1日現在"', "", "", "", ""],                         # one cell, an as-of date: a footer
])
def test_short_last_records_without_a_stamp_pair_are_unchanged(tmp_path: Path, last: list[str]) -> None:
    from converters.readers import read_tables

    text = _toilets(10).rsplit("\n", 2)[0] + "\n" + ",".join(last) + "\n"
    src = tmp_path / "k.csv"
    src.write_text(text, encoding="utf-8")
    (t,) = read_tables(src)
    n = len(list(t.rows))
    assert n == (11 if last[1] else 10)


# --- a latitude,longitude pair in one column (converters.mapping._latlon_pair) ---------------------------------
def test_latlon_pair_in_one_column_lands_in_both_items(tmp_path: Path) -> None:
    text = ("#property,name,address,telephoneNumber,referenceObject,note,location\n"
            '1,高松市消防局,高松市番町一丁目8-15,087-861-2500,,,"34.34277,134.04654"\n'
            '2,高松市北消防署,高松市宮脇町一丁目2-34,087-861-1551,,,"34.33875,134.03884"\n')
    rows, _, _, acc, _ = run(tmp_path, "fire_station.csv", text, "2026/public_facility")
    assert (rows[0]["緯度"], rows[0]["経度"]) == ("34.34277", "134.04654") and acc["balanced"]


def test_latlon_pair_split_is_logged_swapped_back_and_saved_in_the_recipe(tmp_path: Path) -> None:
    text = ("名称,住所,緯度経度\n"
            '中央公民館,鳥取市尚徳町116,"35.5011,134.2351"\n'
            '駅前会館,鳥取市富安二丁目104-2,"134.2330, 35.4937"\n'      # longitude first
            '文化センター,鳥取市富安二丁目,"35.4941,134.2301"\n'
            '体育館,鳥取市湖山町東4丁目,"35.5102,134.1799"\n'
            '図書館,鳥取市尚徳町101,"35.5012,134.2360"\n'
            "市民会館,鳥取市西町一丁目,不明\n")                          # no pair: kept whole in 緯度, reported
    src = tmp_path / "aed.csv"
    src.write_text(text, encoding="utf-8")
    recipe = tmp_path / "r.yaml"
    o = convert_file(src, tmp_path / "out", dataset="2021/aed", code="312011", keep_logs=True, save_recipe=recipe)
    r = o.result
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(x["緯度"], x["経度"]) for x in rows][:2] == [("35.5011", "134.2351"), ("35.4937", "134.2330")]
    assert (rows[-1]["緯度"], rows[-1]["経度"]) == ("不明", "")
    m = {e["target"]: e for e in r.mapping}
    assert m["緯度"]["source"] == m["経度"]["source"] == "緯度経度" and m["経度"]["method"] == "pair"
    splits = [c for c in r.iter_changes() if c["step"] == "latlon-split"]
    assert len(splits) == 10 and sum("入れ替えました" in c["note_ja"] for c in splits) == 2
    assert any(i["field"] == "緯度" and i["value"] == "不明" for i in r.iter_issues())
    assert r.accounting["balanced"] == 1 and r.accounting["landed"] == r.accounting["source_nonempty_cells"]
    assert r.recipe.mapping["経度"] == {"column": "緯度経度", "pick": "lon"}
    r.cleanup()
    # the recipe reproduces it
    from converters.recipe import Recipe

    o2 = convert_file(src, tmp_path / "out2", recipe=Recipe.load(recipe))
    assert o2.result.output.read_bytes() == r.output.read_bytes()


def test_pair_column_named_latitude_and_no_longitude_column(tmp_path: Path) -> None:
    text = "名称,緯度\n中央公民館,\"35.5011,134.2351\"\n駅前会館,\"35.4937,134.2330\"\n"
    rows, mapping, unmapped, acc, _ = run(tmp_path, "aed.csv", text, "2021/aed")
    assert mapping["緯度"] == mapping["経度"] == "緯度" and not unmapped
    assert (rows[1]["緯度"], rows[1]["経度"]) == ("35.4937", "134.2330") and acc["balanced"]


def test_no_pair_mapping_without_pairs(tmp_path: Path) -> None:
    # a "location" column of place names, and separate coordinate columns: nothing is split
    text = "名称,location,緯度,経度\n中央公民館,1階ロビー,35.5011,134.2351\n"
    rows, mapping, _, _, _ = run(tmp_path, "aed.csv", text, "2021/aed")
    assert mapping["緯度"] == "緯度" and mapping["経度"] == "経度" and (rows[0]["緯度"], rows[0]["経度"]) == ("35.5011", "134.2351")
    text2 = "名称,location\n中央公民館,1階ロビー\n"
    (tmp_path / "b").mkdir()
    _, mapping2, unmapped2, _, _ = run(tmp_path / "b", "aed.csv", text2, "2021/aed")
    assert unmapped2 == ["location"]
    assert mapping2["緯度"] is None and mapping2["経度"] is None


def test_ward_column_joins_the_address_of_a_designated_city(tmp_path: Path) -> None:
    """さいたま市 writes the ward in a column of its own (区: 西区) and the address without city or ward: joined."""
    wards = ["西区", "北区", "大宮区", "見沼区", "中央区"]
    lines = ["施設名等,区,所在地"] + [f"施設{i},{wards[i % 5]},錦町{i}-1" for i in range(10)]
    rows, _, unmapped, acc, _ = run(tmp_path, "aed.csv", "\n".join(lines) + "\n", "2021/aed")
    assert rows[2]["住所"] == "埼玉県さいたま市大宮区錦町2-1" and not unmapped and acc["balanced"]
    # a 市区町村名 column (a Tokyo ward, a municipality) or addresses that name their ward are left alone
    (tmp_path / "b").mkdir()
    text = "名称,市区町村名,所在地\n" + "".join(f"施設{i},新宿区,新宿区西新宿{i}-1\n" for i in range(5))
    _, mapping2, _, _, _ = run(tmp_path / "b", "aed.csv", text, "2021/aed")
    assert mapping2["住所"] == "所在地"


@pytest.mark.parametrize(("header", "sid", "target"), [
    ("利用可能時間", "2021/aed", "開始時間"),       # 9:00～17:00: split by the time-range rule
    ("休診日", "2021/hospital", "診療日時特記事項"),
    ("定休日", "2021/tourism", "利用可能日時特記事項"),
    ("駐車場", "2021/tourism", "駐車場情報"),
    ("男性用", "2026/public_toilet", "男性トイレ総数"),
    ("車いす対応", "2026/public_toilet", "車椅子使用者用トイレ有無"),
    ("対象年齢", "2026/preschool", "受入年齢"),
])
def test_common_municipal_names(header: str, sid: str, target: str) -> None:
    assert candidates(header, sid)[0][0] == target


def test_time_range_column_fills_start_and_end(tmp_path: Path) -> None:
    text = "施設名,所在地,利用可能時間\n中央公民館,鳥取市尚徳町116,9:00～17:00\n駅前会館,鳥取市富安二丁目104-2,8:30〜22:00\n"
    rows, mapping, _, acc, _ = run(tmp_path, "aed.csv", text, "2021/aed")
    assert mapping["開始時間"] == "利用可能時間" and acc["balanced"]
    assert [(r["開始時間"], r["終了時間"]) for r in rows] == [("09:00", "17:00"), ("08:30", "22:00")]
