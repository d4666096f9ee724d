"""Synthetic print-style workbooks convert correctly, and recipes convert the next file unattended."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from converters.recipe import Recipe
from opendata.convert import convert_file

from .workbooks import aed_rows, write_print_style


def read_out(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "CRLF line endings"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture()
def book(tmp_path):
    return write_print_style(tmp_path / "AED一覧（R6.4.1現在）.xlsx", aed_rows(5), second_table=True)


def test_print_style_workbook_converts(book, tmp_path):
    o = convert_file(book, tmp_path / "out", code="312011", keep_logs=True)
    assert o.ok, o.error
    r = o.result
    assert r.schema_id == "2021/aed"
    assert r.output.name == "312011_aed.csv"
    rows = read_out(r.output)
    assert len(rows) == 5                                   # title, 合計, 注 and the second table are not data
    first = rows[0]
    assert first["都道府県コード又は市区町村コード"] == "312011"
    assert first["NO"] == "1" and first["名称"] == "鳥取市施設1号館"
    assert first["都道府県名"] == "鳥取県" and first["市区町村名"] == "鳥取市"
    assert first["住所"] == "鳥取県鳥取市富安二丁目104-2"      # prefecture prepended (from the publisher code)
    assert rows[1]["設置位置"] == rows[0]["設置位置"] == "1階 総合案内"   # 同上 resolved from the row above
    assert rows[3]["住所"] == "鳥取県鳥取市湖山町東4丁目101"
    assert rows[2]["住所"] == "鳥取県鳥取市吉方温泉3丁目751-5"   # full-width digits and − normalised
    skipped = {s["reason"] for s in r.table["skipped"]}
    assert {"title", "total", "note"} <= skipped
    assert r.table["other_tables"], "the second table is reported, not silently dropped"
    unmapped = {u["header"]: u for u in r.unmapped}
    assert unmapped["設置台数"]["nonempty"] == 5 and unmapped["設置日"]["nonempty"] == 5
    assert r.accounting["balanced"] == 1
    steps = {c["step"] for c in r.iter_changes()}
    assert {"ditto", "address"} <= steps
    r.cleanup()


def test_recipe_converts_next_month_unattended_and_reproduces(book, tmp_path):
    recipe_path = tmp_path / "aed.recipe.yaml"
    o1 = convert_file(book, tmp_path / "out1", code="312011", save_recipe=recipe_path)
    assert o1.ok and recipe_path.is_file()
    recipe = Recipe.load(recipe_path)
    assert recipe.dataset == "2021/aed" and recipe.read["data_rows"][1] is None

    # re-running with the recipe reproduces the output byte for byte
    o2 = convert_file(book, tmp_path / "out2", recipe=recipe)
    assert o2.result.output.read_bytes() == o1.result.output.read_bytes()

    # next month: more rows, same layout, a different file name, no options at all
    nxt = write_print_style(tmp_path / "AED一覧（R6.5.1現在）.xlsx", aed_rows(8), second_table=True)
    o3 = convert_file(nxt, tmp_path / "out3", recipe=recipe)
    assert o3.ok and o3.result.schema_id == "2021/aed"
    rows = read_out(o3.result.output)
    assert len(rows) == 8 and rows[-1]["NO"] == "8" and rows[-1]["名称"] == "鳥取市施設8号館"
    assert next(m for m in o3.result.mapping if m["target"] == "名称")["method"] == "recipe"


def test_hidden_rows_and_formulas_are_reported(tmp_path):
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(3), hidden_row=True)
    o = convert_file(book, tmp_path / "out", code="312011", dataset="aed", keep_logs=True)
    notes = {n["code"] for n in o.result.table["notes"]}
    assert "hidden-row" in notes
    rows = read_out(o.result.output)
    assert len(rows) == 3          # a hidden row is still data: reported, not dropped
    o.result.cleanup()


def test_wareki_dates_units_and_flags_in_a_2026_target(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["公衆トイレ一覧"])
    ws.append([])
    ws.append(["名称", "所在地", "設置位置", "男性トイレ総数", "女性トイレ総数", "車椅子使用者用トイレ", "利用時間"])
    ws.append(["鳥取駅前トイレ", "鳥取市東品治町", "駅前広場", "3基", "２", "○", "9:00～17:00"])
    ws.append(["久松公園トイレ", "鳥取市東町二丁目", "公園内", "-", "1", "×", "8時"])
    wb.save(tmp_path / "トイレ一覧.xlsx")
    o = convert_file(tmp_path / "トイレ一覧.xlsx", tmp_path / "out", code="312011", keep_logs=True)
    assert o.ok and o.result.schema_id == "2026/public_toilet"
    rows = read_out(o.result.output)
    a, b = rows
    assert a["男性トイレ総数"] == "3" and a["女性トイレ総数"] == "2"
    assert b["男性トイレ総数"] == ""                       # '-' means none: empty, not 0
    assert a["車椅子使用者用トイレ有無"] == "有" and b["車椅子使用者用トイレ有無"] == "無"
    assert (a["利用開始時間"], a["利用終了時間"]) == ("09:00", "17:00")
    assert b["利用開始時間"] == "08:00"
    assert a["所在地_都道府県"] == "鳥取県" and a["所在地_市区町村"] == "鳥取市"
    assert a["所在地_全国地方公共団体コード"] == "312011"
    assert a["地方公共団体名"] == "鳥取県鳥取市"
    assert "基" in a["備考"]                                # the unit moved to 備考, not lost
    o.result.cleanup()


def test_english_physical_headers_convert(tmp_path):
    """Files published with physical (English) headers, as some prefectures do, map to the standard items."""
    header = ["localgov_code", "id", "name", "name_kana", "seat_copulative_spell", "set_position", "latitude",
              "longitude", "male_wc_total", "female_wc_total", "wheelchair_wc", "available_start_time", "note"]
    row = ["312011", "T001", "サンプル駅前トイレ", "サンプルエキマエトイレ", "鳥取県鳥取市東品治町111", "駅前広場",
           "35.4940", "134.2270", "3", "2", "有", "6:00", ""]
    src = tmp_path / "toilets.csv"
    src.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    o = convert_file(src, tmp_path / "out", keep_logs=True)
    assert o.ok and o.result.schema_id == "2026/public_toilet", o.error
    out = read_out(o.result.output)[0]
    assert out["名称_カナ"] == "サンプルエキマエトイレ" and out["設置位置"] == "駅前広場"
    assert out["所在地_町字"] == "東品治町" and out["利用開始時間"] == "06:00"
    methods = {m["target"]: m["method"] for m in o.result.mapping}
    assert methods["所在地_連結表記"] == "synonym"
    o.result.cleanup()
