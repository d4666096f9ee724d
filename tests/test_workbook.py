"""opendata schemas import-workbook: the 定義書A layout read into Table Schemas, the diff, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import schemas
from opendata.cli import app
from opendata.workbook import WorkbookError, diff_fields, parse_vocabulary, plan_import, write_import

HEADER_2026 = ["項目\nNo.", "項目名", "区　分", "説明", "形式", "記入例", "英語名", "共通語彙基盤",
               "共通語彙基盤での値型", "GIF参照データモデル", "GIF区分"]
# An older copy: no 英語名, and the columns in another order.
HEADER_OLD = ["項目No.", "項目名", "説明", "区分", "記入例", "形式", "共通語彙基盤"]

# (項目名 as written in the cell, 区分, 形式, 記入例, 英語名, GIF区分) — a subset of the real sheet 13
TOILET_ITEMS: list[tuple[str, str, str, Any, str, str]] = [
    ("全国地方公共団体コード", "○", "文字列（半角数字）", "011002", "localGovernmentCode", "◎"),
    ("ID", "○", "文字列（半角英数字）", "LL0100022200", "identifier", ""),
    ("地方公共団体名", "", "文字列", "北海道札幌市", "localGovernmentName", ""),
    ("名称", "◎", "文字列", "○○駅", "name", "◎"),
    ("名称_カナ", "○", "文字列（全角カナ）", "○○エキ", "nameKana", ""),
    ("建物名等(方書)", "", "文字列", "○○ビル1階", "buildingNameEtc", ""),
    ("緯度", "○", "文字列（半角文字）", "43.064310", "latitude", "◎"),
    ("高度の種別", "", "文字列（全角日本語）", "階数", "heightType", ""),
    ("男性トイレ数\n（小便器）", "", "数値（半角数字）", 2, "urinalMaleToilet", ""),
    ("バリアフリートイレ数", "〇", "数値（半角数字）", 2, "numberOfmMultipurposeToilet", ""),
    ("車椅子使用者用トイレ有無", "〇", "文字列（統制語彙）", "有", "multipurposeToilet", ""),
    (" オストメイト設置トイレ有無　", "〇", "文字列（統制語彙：有/無）", "有", "toiletForOstomates", ""),
    ("利用開始時間", "○", "時刻（hh:mm）", dt.time(9, 0), "startTime", ""),
    ("画像", "○", "URI", "http://www.city.ooo.lg.jp/image/file0101.jpg", "pictureUrl", ""),
    ("備考", "", "文字列", None, "remarks", ""),
]

EVAC_ITEMS = [
    ("全国地方公共団体コード", "○", "文字列（半角数字）", "011002"),
    ("名称", "◎", "文字列", "○○小学校"),
    ("災害種別_洪水", "◎", "対応あり：1、対応なし：空文字", None),
    ("災害種別_崖崩れ、土石流及び地滑り", "◎", "対応あり：1、対応なし：空文字", None),
    ("指定避難所との重複", "◎", "重複している：1、重複していない：空文字", None),
    ("想定収容人数", "○", "文字列", "810人"),
]


def make_definition_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "表紙"
    cover["A1"] = "自治体標準オープンデータセット データ項目定義書A"

    # sheet 13: two title rows, header in row 3 starting at column B (columns may move)
    ws = wb.create_sheet("13.公衆トイレ一覧")
    ws["B1"] = "13.公衆トイレ一覧"
    ws["B2"] = "区分：◎必須、○推奨、空欄は任意"
    for c, label in enumerate(HEADER_2026, start=2):
        ws.cell(row=3, column=c, value=label)
    for i, (name, kubun, fmt, example, english, gif) in enumerate(TOILET_ITEMS, start=1):
        row = [i, name, kubun or None, f"{name.strip()}を記載。", fmt, example, english, None, None, "公衆トイレ", gif or None]
        for c, v in enumerate(row, start=2):
            ws.cell(row=3 + i, column=c, value=v)
    last = 3 + len(TOILET_ITEMS)
    ws.cell(row=last + 2, column=2, value="（注1）名称と設置位置は必ず記載してください。")
    ws.cell(row=last + 3, column=2, value="※区分の◎は必須、○は推奨を表します。")

    # sheet 03 with full-width digits and dot, an older layout without 英語名, header in row 2
    ev = wb.create_sheet("０３．指定緊急避難場所一覧")
    ev["A1"] = "指定緊急避難場所一覧"
    for c, label in enumerate(HEADER_OLD, start=1):
        ev.cell(row=2, column=c, value=label)
    r = 3
    for i, (name, kubun, fmt, example) in enumerate(EVAC_ITEMS, start=1):
        if name == "災害種別_洪水":       # a group heading with a blank 項目名 inside the table
            ev.cell(row=r, column=HEADER_OLD.index("説明") + 1, value="【災害種別】")
            r += 1
        values = {"項目No.": i, "項目名": name, "説明": "説明", "区分": kubun, "記入例": example, "形式": fmt}
        for c, label in enumerate(HEADER_OLD, start=1):
            ev.cell(row=r, column=c, value=values.get(label))
        r += 1
    ev.cell(row=r, column=1, value="注1：旧版の定義書です。")
    ev.cell(row=r + 1, column=1, value=len(EVAC_ITEMS) + 1)      # an item-like row below the notes
    ev.cell(row=r + 1, column=2, value="備考")

    notes = wb.create_sheet("データ項目特記事項")
    notes["A1"] = "【共通ルール】"
    notes["A2"] = "有無は「有」または「無」で記載する。"
    unknown = wb.create_sheet("99.未知のデータセット")
    unknown["A1"] = "項目名"
    wb.save(path)
    return path


def workbook_from_schema(path: Path, schema: dict[str, Any], sheet: str) -> Path:
    """A 定義書A sheet holding exactly what a schema says (区分 from x-ja.requirement)."""
    mark = {"必須": "◎", "推奨": "○", "任意": None}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = sheet
    ws.append([])
    ws.append([h.replace("\n", "") for h in HEADER_2026])
    for f in schema["fields"]:
        ja = f.get("x-ja", {})
        ws.append([ja.get("no"), f["name"], mark[ja["requirement"]], f.get("description"), ja.get("format"),
                   f.get("example"), f.get("englishName")])
    wb.save(path)
    return path


@pytest.fixture()
def schema_copy(tmp_path: Path) -> Path:
    """A writable copy of schemas/ (index.json and 2026/) — the real folder is never written by tests."""
    dst = tmp_path / "schemas"
    dst.mkdir()
    shutil.copy(schemas.SCHEMA_DIR / "index.json", dst / "index.json")
    shutil.copytree(schemas.SCHEMA_DIR / "2026", dst / "2026")
    return dst


@pytest.fixture()
def plan(tmp_path: Path, schema_copy: Path):
    return plan_import(make_definition_workbook(tmp_path / "table_a.xlsx"), schema_copy / "2026")


def fields_by_name(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in schema["fields"]}


# --- reading the layout -------------------------------------------------------------------------------
def test_dataset_sheets_are_found_and_mapped_to_known_ids(plan):
    assert [(s.sheet, s.schema_id, s.number) for s in plan.sheets] == [
        ("13.公衆トイレ一覧", "2026/public_toilet", "13"),
        ("０３．指定緊急避難場所一覧", "2026/evacuation_space", "03"),
    ]
    toilet, evac = plan.sheets
    assert (toilet.header_row, toilet.first_row, toilet.last_row) == (3, 4, 3 + len(TOILET_ITEMS))
    assert toilet.columns["name"] == 3 and toilet.columns["kubun"] == 4 and toilet.columns["english"] == 8
    assert evac.header_row == 2 and "english" not in evac.columns
    text = " ".join(m.ja for m in plan.messages)
    assert "データ項目特記事項" in text and "注記のシート" in text
    assert "99.未知のデータセット" in text and "対応付けられません" in text
    assert "表紙" in text


def test_names_are_kept_exactly_and_cleanups_are_reported(plan):
    toilet = plan.sheets[0]
    names = [f["name"] for f in toilet.schema["fields"]]
    assert names == [n.strip().replace("\n", "") for n, *_ in TOILET_ITEMS]
    assert "建物名等(方書)" in names and "建物名等（方書）" not in names      # half-width parentheses as written
    assert "男性トイレ数（小便器）" in names                                # full-width, line break removed
    msgs = [m for m in toilet.messages if m.row is not None]
    assert any("改行を除去" in m.ja and m.row == 12 for m in msgs)
    assert any("前後の空白" in m.ja and m.row == 15 for m in msgs)
    # the header cell 「項目\nNo.」 and 「区　分」 were read, and said so
    assert any("項目No." in m.ja and m.row == 3 for m in toilet.messages)
    # the two note rows below the table are not items, and are reported
    notes = [m for m in toilet.messages if "注記" in m.ja]
    assert [m.row for m in notes] == [toilet.last_row + 2, toilet.last_row + 3]


def test_requirement_types_and_vocabularies(plan):
    s = plan.sheets[0].schema
    f = fields_by_name(s)
    required = [n for n, x in f.items() if x.get("constraints", {}).get("required")]
    assert required == ["名称"]                                   # only ◎; GIF区分 ◎ is another attribute
    assert {n: x["x-ja"]["requirement"] for n, x in f.items()} == {
        "全国地方公共団体コード": "推奨", "ID": "推奨", "地方公共団体名": "任意", "名称": "必須", "名称_カナ": "推奨",
        "建物名等(方書)": "任意", "緯度": "推奨", "高度の種別": "任意", "男性トイレ数（小便器）": "任意",
        "バリアフリートイレ数": "推奨", "車椅子使用者用トイレ有無": "推奨", "オストメイト設置トイレ有無": "推奨",
        "利用開始時間": "推奨", "画像": "推奨", "備考": "任意"}
    assert f["全国地方公共団体コード"]["constraints"] == {"pattern": "[0-9]{6}"}
    assert f["全国地方公共団体コード"]["x-checks"] == ["localgov-code"]
    assert f["ID"]["constraints"] == {"pattern": "[0-9A-Za-z]+", "unique": True}
    assert f["緯度"]["type"] == "number" and f["緯度"]["x-checks"] == ["latitude"]
    assert f["緯度"]["example"] == "43.064310"
    assert f["バリアフリートイレ数"]["type"] == "integer"
    assert f["バリアフリートイレ数"]["constraints"] == {"minimum": 0}
    assert f["バリアフリートイレ数"]["example"] == "2"                  # a numeric cell, written as typed
    assert f["利用開始時間"]["type"] == "time" and f["利用開始時間"]["format"] == "%H:%M"
    assert f["利用開始時間"]["example"] == "09:00"                      # an Excel time cell
    assert f["車椅子使用者用トイレ有無"]["constraints"]["enum"] == ["有", "無"]
    assert f["オストメイト設置トイレ有無"]["constraints"]["enum"] == ["有", "無"]
    assert f["高度の種別"]["constraints"]["enum"] == ["階数", "標高", "地表高"]
    assert f["名称_カナ"]["x-checks"] == ["katakana"]
    assert f["画像"]["x-checks"] == ["url"]
    assert f["名称"]["englishName"] == "name"
    assert f["バリアフリートイレ数"]["englishName"] == "numberOfmMultipurposeToilet"   # verbatim
    assert f["利用開始時間"]["x-ja"] == {"no": 13, "requirement": "推奨", "format": "時刻（hh:mm）"}
    assert "example" not in f["備考"]


def test_disaster_flags_are_present_columns_whose_empty_cell_means_none(plan):
    evac = plan.sheets[1].schema
    f = fields_by_name(evac)
    for name in ("災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "指定避難所との重複"):
        assert f[name]["constraints"] == {"enum": ["1"]}              # not required: empty = 対応なし
        assert f[name]["x-ja"]["requirement"] == "必須"
        assert f[name]["x-ja"]["emptyMeans"]
    assert f["名称"]["constraints"] == {"required": True}
    assert not any("englishName" in x for x in evac["fields"])           # older copy without 英語名
    assert [x["name"] for x in evac["fields"]] == [n for n, *_ in EVAC_ITEMS]


def test_table_end_blank_names_and_rows_after_the_notes(plan):
    evac = plan.sheets[1]
    assert (evac.first_row, evac.last_row) == (3, 9)
    by_row = {m.row: m for m in evac.messages}
    assert "項目名が空欄" in by_row[5].ja and "【災害種別】" in by_row[5].ja and by_row[5].level == "warning"
    assert "注記の行" in by_row[10].ja
    assert "取り込みませんでした" in by_row[11].ja and "備考" in by_row[11].ja and by_row[11].level == "warning"
    assert "備考" not in [f["name"] for f in evac.schema["fields"]]


def test_x_opendata_metadata(plan):
    meta = plan.sheets[0].schema["x-opendata"]
    assert meta["id"] == "2026/public_toilet" and meta["sheet"] == "13" and meta["generation"] == "2026"
    assert meta["nameJa"] == "公衆トイレ一覧" and meta["confidence"] == "high" and meta["orderConfirmed"] is True
    assert "table_a.xlsx" in meta["columnsStatus"] and "13.公衆トイレ一覧" in meta["columnsStatus"]
    assert meta["evidence"] and "rows 4-18" in meta["evidence"][0]
    assert meta["slug"] == "public_toilet" and meta["fileNamePattern"] == "{code}_public_toilet.csv"
    assert plan.sheets[0].schema["name"] == "public-toilet-2026"


@pytest.mark.parametrize(("fmt", "values"), [
    ("対応あり：1、対応なし：空文字", ["1", ""]),
    ("重複している：1、重複していない：空文字", ["1", ""]),
    ("文字列（統制語彙：有/無）", ["有", "無"]),
    ("統制語彙（有・無）", ["有", "無"]),
    ("有/無", ["有", "無"]),
    ("文字列（統制語彙）", None),
    ("文字列（半角数字）", None),
    ("日付（YYYY/MM/DD）", None),
    ("時刻（hh:mm）", None),
    ("", None),
])
def test_parse_vocabulary(fmt, values):
    assert parse_vocabulary(fmt) == values


# --- the diff -----------------------------------------------------------------------------------------
def test_reimporting_the_current_public_toilet_schema_gives_an_empty_diff(tmp_path, schema_copy):
    current = json.loads((schema_copy / "2026" / "public_toilet.json").read_text(encoding="utf-8"))
    wb = workbook_from_schema(tmp_path / "toilet.xlsx", current, "13.公衆トイレ一覧")
    p = plan_import(wb, schema_copy / "2026")
    (sheet,) = p.sheets
    assert sheet.changes == []
    assert len(sheet.items) == 39
    # not only "no differences": the fields are the same descriptors, byte for byte
    assert sheet.schema["fields"] == current["fields"]


def test_diff_names_renames_moves_requirements_additions_and_removals(schema_copy):
    old = json.loads((schema_copy / "2026" / "public_toilet.json").read_text(encoding="utf-8"))["fields"]
    new = json.loads(json.dumps(old))
    new[13]["name"] = "建物名等（方書）"                        # full-width parentheses
    new[15], new[16] = new[16], new[15]                          # 経度 before 緯度
    new[14]["x-ja"]["requirement"] = "推奨"                      # 設置位置 ◎ → ○
    new[14]["constraints"].pop("required")
    del new[38]                                                  # 備考 removed
    new.append({"name": "備考_英語", "type": "string", "x-ja": {"no": 40, "requirement": "任意"}})
    changes = diff_fields(old, new)
    kinds = {(c.kind, c.field) for c in changes}
    assert ("renamed", "建物名等（方書）") in kinds
    assert ("added", "備考_英語") in kinds and ("removed", "備考") in kinds
    assert ("requirement", "設置位置") in kinds
    assert len([c for c in changes if c.kind == "moved"]) == 1
    renamed = next(c for c in changes if c.kind == "renamed")
    assert renamed.old == "建物名等(方書)" and "名称変更" in renamed.ja and "renamed" in renamed.en


# --- writing ------------------------------------------------------------------------------------------
def test_write_updates_the_schema_files_and_the_index(plan, schema_copy):
    written = write_import(plan)
    assert set(written) == {schema_copy / "2026" / "public_toilet.json",
                            schema_copy / "2026" / "evacuation_space.json", schema_copy / "index.json"}
    on_disk = json.loads((schema_copy / "2026" / "public_toilet.json").read_text(encoding="utf-8"))
    assert on_disk == plan.sheets[0].schema
    index = json.loads((schema_copy / "index.json").read_text(encoding="utf-8"))
    entry = next(e for e in index["datasets"] if e["id"] == "2026/public_toilet")
    assert entry["status"] == "available" and entry["columns"] == len(TOILET_ITEMS)
    assert entry["confidence"] == "high" and entry["schema"] == "2026/public_toilet.json"
    assert len(index["datasets"]) == 31                            # entries replaced in place, none added
    assert not list((schema_copy / "2026").glob("*.tmp"))


def test_not_an_xlsx_and_no_dataset_sheet_are_errors(tmp_path, schema_copy):
    csv = tmp_path / "table_a.xlsx"
    csv.write_text("項目名,区分\n名称,◎\n", encoding="utf-8")
    with pytest.raises(WorkbookError) as e:
        plan_import(csv, schema_copy / "2026")
    assert e.value.code == "not-xlsx" and "xlsx" in e.value.message_ja
    wb = openpyxl.Workbook()
    wb.active.title = "データ項目特記事項"
    wb.save(tmp_path / "notes_only.xlsx")
    with pytest.raises(WorkbookError) as e:
        plan_import(tmp_path / "notes_only.xlsx", schema_copy / "2026")
    assert e.value.code == "no-dataset-sheet"


# --- CLI ----------------------------------------------------------------------------------------------
def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cli_dry_run_prints_the_diff_and_writes_nothing(tmp_path, schema_copy):
    wb = make_definition_workbook(tmp_path / "table_a.xlsx")
    before = _snapshot(schema_copy)
    r = CliRunner().invoke(app, ["schemas", "import-workbook", str(wb), "--out", str(schema_copy / "2026"), "--dry-run"])
    assert r.exit_code == 0, r.output
    assert "13.公衆トイレ一覧" in r.stdout and "2026/public_toilet" in r.stdout
    assert "15項目" in r.stdout and "削除: 「設置位置」" in r.stdout and "removed: 設置位置" in r.stdout
    assert "何も書き込んでいません" in r.stdout
    assert _snapshot(schema_copy) == before


def test_cli_writes_and_reports_json(tmp_path, schema_copy):
    wb = make_definition_workbook(tmp_path / "table_a.xlsx")
    r = CliRunner().invoke(app, ["schemas", "import-workbook", str(wb), "--out", str(schema_copy / "2026"), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["ok"] is True and out["dryRun"] is False
    assert [s["id"] for s in out["sheets"]] == ["2026/public_toilet", "2026/evacuation_space"]
    assert str(schema_copy / "index.json") in out["written"]
    s = json.loads((schema_copy / "2026" / "evacuation_space.json").read_text(encoding="utf-8"))
    assert len(s["fields"]) == len(EVAC_ITEMS)


@pytest.mark.parametrize("as_json", [False, True])
def test_cli_exit_code_2_and_nothing_written_on_errors(tmp_path, schema_copy, as_json):
    bad = tmp_path / "table_a.xlsx"
    bad.write_bytes(b"not a workbook at all")
    before = _snapshot(schema_copy)
    args = ["schemas", "import-workbook", str(bad), "--out", str(schema_copy / "2026")] + (["--json"] if as_json else [])
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 2
    if as_json:
        assert json.loads(r.stdout)["error"]["code"] == "not-xlsx"
    else:
        assert "エラー" in r.stderr and "not an .xlsx workbook" in r.stderr
    assert _snapshot(schema_copy) == before
    r = CliRunner().invoke(app, ["schemas", "import-workbook", str(tmp_path / "missing.xlsx")])
    assert r.exit_code == 2 and "見つかりません" in r.stderr
