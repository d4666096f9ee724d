"""The readers on the real municipal files of ../shared/corpus (skipped visibly when it is absent)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from converters.readers import ReadOptions, SourceTable, read_tables
from tests.conftest import CORPUS, corpus_file

pytestmark = pytest.mark.corpus


def _manifest() -> list[dict[str, str]]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


MANIFEST = _manifest()
CSV_FILES = [m["file"] for m in MANIFEST if m["format"] == "CSV"]
XLS_FILES = [m["file"] for m in MANIFEST if m["format"] == "XLS"]


def one(rel: str, options: ReadOptions | None = None) -> SourceTable:
    tables = read_tables(corpus_file(rel), options)
    assert len(tables) == 1
    return tables[0]


def test_corpus_present(corpus: Path) -> None:
    assert len(CSV_FILES) >= 20 and len(XLS_FILES) == 3


@pytest.mark.parametrize("rel", CSV_FILES or ["(corpus absent)"])
def test_every_corpus_csv_matches_the_manifest_shape(corpus: Path, rel: str) -> None:
    entry = next(m for m in MANIFEST if m["file"] == rel)
    records, cols = map(int, re.fullmatch(r"-:(\d+)x(\d+)", entry["sheets(rows x cols, merged)"]).groups())  # type: ignore[union-attr]
    t = one(rel)
    rows = list(t.rows)
    assert t.header_rows == (1, 1)
    assert len(t.header) == cols
    assert len(rows) == records - 1
    assert all(len(r.values) == cols for r in rows)
    assert rows[0].number == 2
    assert t.skipped == []
    expected = {"CP932": "cp932", "Shift_JIS": "cp932", "UTF-8 with BOM": "utf-8-sig", "UTF-8,": "utf-8"}
    enc = next(v for k, v in expected.items() if entry["encoding"].startswith(k.rstrip(",")) and
               (k != "UTF-8," or entry["encoding"].startswith("UTF-8,")))
    assert t.encoding is not None and t.encoding["encoding"] == enc
    assert any(n.code == "encoding" and n.message_ja and n.message_en for n in t.notes)
    assert t.layout["encoding"] == enc and t.layout["delimiter"] == ","


def test_kobe_cp932_row_2_and_machine_dependent_characters(corpus: Path) -> None:
    t = one("aed/kobe_aed-20141128-sjis.csv")
    assert t.encoding is not None and t.encoding["encoding"] == "cp932"
    assert "NEC/IBM" in next(n.message_ja for n in t.notes if n.code == "encoding")
    assert t.header[:4] == ["交付番号", "管轄", "管轄入り交付番号", "施設名称"]
    assert t.header[10] == "２４H使用可能"
    assert t.header[11] == ""                     # the trailing comma: an unnamed 12th column, kept
    assert any(n.code == "unnamed-column" and n.column == 12 for n in t.notes)
    rows = {r.number: r.values for r in t.rows}
    assert rows[2] == ["2", "01東灘", "01東灘2", "神戸新交通（株） 住吉駅", "658-0051", "神戸市東灘区住吉本町1-2",
                       "公共交通機関", "駅", "34.719504 ", "135.262343 ", "", ""]
    assert rows[28][3] == "ハイテック神戸訪問介（看）護サービス－①"
    assert rows[116][3] == "剣菱酒造株式会社 №1"
    assert rows[516][3] == "㈲神戸清掃舎"
    assert rows[274][5] == "神戸市灘区深田町4丁目Ⅰ－39メイン六甲"
    # a quoted cell with a line break is one record, and the break is kept
    assert rows[1279][3] == "神戸総合運動公園グリーンアリーナ神戸 トレーニングセンター\n （特定非営利法人 神戸アスリートタウンクラブ）"
    assert max(rows) == 1936


def test_kobe_sjis_and_utf8_variants_read_alike(corpus: Path) -> None:
    a = one("aed/kobe_aed-20141128-sjis.csv")
    b = one("aed/kobe_aed-20141128-utf8bom.csv")
    assert a.header == b.header
    ra, rb = list(a.rows), list(b.rows)
    assert [r.number for r in ra] == [r.number for r in rb]
    assert sum(x.values == y.values for x, y in zip(ra, rb, strict=True)) > 0.95 * len(ra)


def test_yaizu_cp932_numero_header_and_circled_digits(corpus: Path) -> None:
    t = one("kaigo/yaizu_yohairyosha-facilities-2026-07-sjis.csv")
    assert t.header[0] == "№"
    first = next(iter(t.rows))
    assert first.values[:3] == ["285", "くすのき", "障害福祉課"]
    assert first.values[8] == "①障害福祉サービス等提供施設"
    assert first.values[4] == "焼津市八楠1丁目5-19\u30001階"


def test_embedded_crlf_in_yaizu_sights(corpus: Path) -> None:
    t = one("tourism/yaizu_tourism-sights.csv")
    first = next(iter(t.rows))
    desc = first.values[t.header.index("説明")]
    assert isinstance(desc, str) and desc.endswith("index.html\r\n")


def test_kintone_export_all_quoted_lf(corpus: Path) -> None:
    t = one("tourism/yaizu_tourism-map-kintone-export-sjis.csv")
    assert t.header[0] == "レコード番号"
    assert next(n.value for n in t.notes if n.code == "quoting") == "all"
    assert t.encoding is not None and t.encoding["line_endings"]["lf"] == 218


def test_preschool_header_keeps_its_odd_dash(corpus: Path) -> None:
    t = one("kosodate/yaizu_preschool.csv")
    assert t.header[0] == "都道府県コ\u2015ド又は市区町村コ\u2015ド"
    assert next(iter(t.rows)).values[1] == "0013010001"       # leading zeros kept (CSV values are text)


def test_onsen_unnamed_50th_column(corpus: Path) -> None:
    t = one("tourism/yaizu_tourism-onsen.csv")
    assert len(t.header) == 50 and t.header[49] == ""


@pytest.mark.parametrize("rel", XLS_FILES or ["(corpus absent)"])
def test_handa_linkdata_xls(corpus: Path, rel: str) -> None:
    t = one(rel)
    assert t.sheet == "Sheet0"
    assert t.header_rows == (10, 10)
    assert t.header[:4] == ["市区町村コード", "年", "月", "日"]
    assert t.columns[0] == 2                   # the #property marker column A is left out
    prefix = {n.value for n in t.notes if n.code == "linkdata-prefix"}
    assert prefix == {"ic:市区町村コード", "ic:年", "ic:月", "ic:日"}
    meta = [s for s in t.skipped if s.reason == "linkdata-meta"]
    assert [s.number for s in meta] == [*list(range(1, 10)), 11, 12]
    assert meta[0].text == "#LINK"
    assert meta[-1].text.startswith("#property_context")
    rows = list(t.rows)
    assert rows[0].number == 13
    assert all(r.values[0] == "232050" for r in rows)
    assert "license=http://creativecommons.org/licenses/by/3.0/deed.ja" in next(
        n.value for n in t.notes if n.code == "linkdata-metadata")


def test_handa_menu_2017_first_row(corpus: Path) -> None:
    t = one("school_lunch/handa_lunch-menu-201702.xls")
    assert t.header == ["市区町村コード", "年", "月", "日", "主食（パン・ごはん）", "献立名１", "献立名２", "献立名３",
                        "献立名４", "飲み物", "カロリー（小学校）", "カロリー（中学校）"]
    rows = list(t.rows)
    assert len(rows) == 28
    assert rows[0].values == ["232050", "2017", "2", "1", "ごはん", "さんまのぎんがみやき", "なのはなあえ", "にくじゃが",
                              "", "", "660", "828"]
    assert rows[3].values[4:] == [""] * 8      # a holiday: the date only


def test_handa_menu_2023_mixed_year_types(corpus: Path) -> None:
    t = one("school_lunch/handa_lunch-menu-202302.xls")
    assert t.header[9:11] == ["献立名５", "献立名６"]
    rows = list(t.rows)
    assert rows[0].values[:6] == ["232050", "2023", "2", "1", "麦ごはん", "牛丼"]
    assert rows[1].values[1] == 2023            # a number cell (2023.0) read as an integer
    assert len(rows) == 31


def test_handa_allergens_matrix(corpus: Path) -> None:
    t = one("school_lunch/handa_lunch-allergens-chu-202402.xls")
    assert len(t.header) == 34 and t.header[4:8] == ["種別", "献立名", "小麦", "そば"]
    rows = list(t.rows)
    assert len(rows) == 102
    assert rows[0].values[4:6] == ["飲み物", "牛乳"]
    assert rows[0].values[t.header.index("乳")] == "1"
    assert any(n.code == "number-as-text" and n.value == "42" for n in t.notes)


@pytest.mark.parametrize("rel", (CSV_FILES[:3] + XLS_FILES) if MANIFEST else ["(corpus absent)"])
def test_recipe_layout_reproduces_corpus_reads(corpus: Path, rel: str) -> None:
    t = one(rel)
    again = one(rel, ReadOptions.from_dict(t.layout))
    assert again.header == t.header
    assert [(r.number, r.values) for r in again.rows] == [(r.number, r.values) for r in t.rows]
