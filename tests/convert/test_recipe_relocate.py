"""Next month's file laid out a little differently still converts with last month's recipe (converters/relocate.py):
a renamed sheet, a title line added above the table, a column added; a layout the user fixed stays fixed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from converters.readers import read_tables
from converters.readers.base import ReadOptions
from converters.recipe import Recipe
from opendata.convert import convert_file

from .workbooks import aed_rows, write_print_style


def read_out(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture()
def recipe(tmp_path: Path) -> Recipe:
    book = write_print_style(tmp_path / "AED一覧（R6.4.1現在）.xlsx", aed_rows(5), second_table=True)
    path = tmp_path / "aed.recipe.yaml"
    o = convert_file(book, tmp_path / "first", code="312011", save_recipe=path)
    assert o.ok and o.status == "valid", o.error
    r = Recipe.load(path)
    assert r.read["sheet"] == "AED一覧" and r.read["header_rows"] == [4, 5] and r.read["columns"] == [1, 9]
    return r


def notes_of(o) -> dict[str, dict]:
    return {n["code"]: n for n in o.result.table["notes"]}


def test_same_layout_is_read_where_the_recipe_says(recipe: Recipe, tmp_path: Path) -> None:
    nxt = write_print_style(tmp_path / "next.xlsx", aed_rows(8), second_table=True)
    o = convert_file(nxt, tmp_path / "out", recipe=recipe)
    assert o.status == "valid"
    assert "recipe-layout-moved" not in notes_of(o)
    assert len(read_out(o.result.output)) == 8


def test_renamed_sheet(recipe: Recipe, tmp_path: Path) -> None:
    nxt = write_print_style(tmp_path / "next.xlsx", aed_rows(8), second_table=True, sheet="AED一覧（R6.5.1現在）")
    o = convert_file(nxt, tmp_path / "out", recipe=recipe)
    assert o.ok, o.error                                          # was: sheet-not-found, exit 2
    rows = read_out(o.result.output)
    assert len(rows) == 8 and rows[0]["名称"] == "鳥取市施設1号館" and rows[7]["NO"] == "8"
    note = notes_of(o)["recipe-layout-moved"]
    assert "シート「AED一覧（R6.5.1現在）」" in note["message_ja"] and "レシピでは" in note["message_ja"]
    # the recipe saved from this run names the new sheet
    assert o.result.recipe.read["sheet"] == "AED一覧（R6.5.1現在）"


def test_title_line_added_above_the_table(recipe: Recipe, tmp_path: Path) -> None:
    nxt = write_print_style(tmp_path / "next.xlsx", aed_rows(8), second_table=True,
                            extra_title="※令和6年5月1日更新")
    o = convert_file(nxt, tmp_path / "out", recipe=recipe)
    assert o.status == "valid"
    rows = read_out(o.result.output)
    # read at the saved rows, the header would be the title line and the first data row the second header line
    assert [r["NO"] for r in rows] == [str(i) for i in range(1, 9)]
    assert rows[0]["名称"] == "鳥取市施設1号館" and rows[0]["住所"] == "鳥取県鳥取市富安二丁目104-2"
    assert "見出し5〜6行目" in notes_of(o)["recipe-layout-moved"]["message_ja"]
    assert o.result.recipe.read["header_rows"] == [5, 6]


def test_column_added_is_read_not_cut_off(recipe: Recipe, tmp_path: Path) -> None:
    nxt = write_print_style(tmp_path / "next.xlsx", aed_rows(8), second_table=True, extra_column=(3, "管理者"))
    o = convert_file(nxt, tmp_path / "out", recipe=recipe, keep_logs=True)
    assert o.ok, o.error
    r = o.result
    rows = read_out(r.output)
    assert rows[0]["名称_カナ"] == "トットリシシセツ1ゴウカン" and rows[0]["住所"] == "鳥取県鳥取市富安二丁目104-2"
    # the last column (設置日) moved out of the saved columns 1-9: read anyway, listed as unmapped
    unmapped = {u["header"]: u["nonempty"] for u in r.unmapped}
    assert unmapped == {"管理者": 8, "設置台数": 8, "設置日": 8}
    assert r.accounting["balanced"] == 1
    assert "recipe-layout-moved" in notes_of(o) and r.recipe.read["columns"] == [1, 10]
    r.cleanup()


def test_layout_fixed_by_the_user_stays(tmp_path: Path) -> None:
    """A recipe that reads the sheet's second table on purpose keeps doing so (its header matches)."""
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(3), second_table=True)
    r = Recipe(dataset="2021/aed", publisher_code="312011", read={"sheet": "AED一覧", "table_index": 1},
               mapping={"名称": {"column": "貸出場所"}, "NO": {"column": "No."}})
    o = convert_file(book, tmp_path / "out", recipe=r)
    assert o.ok, o.error
    assert [row["名称"] for row in read_out(o.result.output)] == ["危機管理課", "消防局"]
    assert "recipe-layout-moved" not in notes_of(o)


def test_recipe_place_gone_and_columns_nowhere_is_the_usual_error(tmp_path: Path) -> None:
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(3), sheet="別のシート")
    r = Recipe(dataset="2021/aed", publisher_code="312011", read={"sheet": "AED一覧"},
               mapping={"名称": {"column": "設置施設名"}})
    o = convert_file(book, tmp_path / "out", recipe=r)
    assert not o.ok and o.error["code"] == "sheet-not-found"
    assert "AED一覧" in o.error["message_ja"]


def test_csv_with_a_title_line_added(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    a.write_text("施設名称,住所,電話番号\n中央公民館,鳥取市尚徳町116,0857-22-8111\n", encoding="utf-8")
    path = tmp_path / "r.yaml"
    assert convert_file(a, tmp_path / "o1", dataset="aed", code="312011", save_recipe=path).ok
    b = tmp_path / "b.csv"
    b.write_text("AED一覧（令和6年5月1日現在）\n施設名称,住所,電話番号\n中央公民館,鳥取市尚徳町116,0857-22-8111\n"
                 "駅前会館,鳥取市富安二丁目104-2,0857-22-8112\n", encoding="utf-8")
    o = convert_file(b, tmp_path / "o2", recipe=Recipe.load(path))
    assert o.ok, o.error
    rows = read_out(o.result.output)
    assert [r["名称"] for r in rows] == ["中央公民館", "駅前会館"]
    assert "recipe-layout-moved" in notes_of(o)


def test_reader_reports_values_outside_fixed_columns(tmp_path: Path) -> None:
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(4))
    t = read_tables(book, ReadOptions(sheet="AED一覧", header_rows=(4, 5), columns=(1, 8)))[0]
    note = next(n for n in t.notes if n.code == "outside-columns")
    assert note.column == 9 and "I列 5セル" in note.message_ja      # header 設置日 + 4 values
    assert "設置日" not in t.header


def test_recipe_naming_the_second_table_of_a_sheet(tmp_path: Path) -> None:
    """read.table_index is applied once, by the reader (a recipe of the second table raised IndexError)."""
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(3), second_table=True)
    r = Recipe(dataset="2021/aed", publisher_code="312011", read={"sheet": "AED一覧", "table_index": 1})
    o = convert_file(book, tmp_path / "out", recipe=r)
    assert o.ok, o.error
    assert o.result.table["layout"]["table_index"] == 1 and o.result.table["header_rows"] == [16, 16]


def test_recipe_encoding_that_no_longer_fits_is_decided_again(tmp_path: Path) -> None:
    """Last month's file was UTF-8, this month's is Shift_JIS: the recipe's encoding is checked on the whole file."""
    text = "施設名称,住所,電話番号\n中央公民館①,鳥取市尚徳町116,0857-22-8111\n"
    a = tmp_path / "a.csv"
    a.write_text(text, encoding="utf-8")
    path = tmp_path / "r.yaml"
    assert convert_file(a, tmp_path / "o1", dataset="aed", code="312011", save_recipe=path).ok
    assert Recipe.load(path).read["encoding"] == "utf-8"
    b = tmp_path / "b.csv"
    b.write_bytes(text.encode("cp932"))
    o = convert_file(b, tmp_path / "o2", recipe=Recipe.load(path))
    assert o.ok, o.error
    enc = o.result.table["encoding"]
    assert enc["encoding"] == "cp932" and "指定された文字コード（utf-8）では" in enc["reason_ja"]
    assert read_out(o.result.output)[0]["名称"] == "中央公民館(1)"
    # the same file again with its own (fitting) encoding in the recipe: read as specified
    o2 = convert_file(b, tmp_path / "o3", recipe=o.result.recipe)
    assert o2.result.table["encoding"]["reason_ja"].startswith("指定どおり")


def test_read_error_while_streaming_is_a_clean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ReadError raised while the rows stream (after the header was read) ends as the file's error, exit 2."""
    import converters.readers as readers
    from converters.readers.base import SourceRow, SourceTable
    from converters.readers.errors import read_error

    def rows():
        yield SourceRow(2, ["中央公民館", "鳥取市尚徳町116"])
        raise read_error("undecodable", message_ja="3行目付近がutf-8として読めません。",
                         message_en="record 3 does not decode as utf-8")

    def fake(path, options=None, *, background=False):
        return [SourceTable(source=str(path), sheet=None, header=["施設名称", "住所"], rows=rows())]

    monkeypatch.setattr(readers, "read_tables", fake)
    src = tmp_path / "a.csv"
    src.write_text("x\n", encoding="utf-8")
    o = convert_file(src, tmp_path / "out", dataset="aed", code="312011")
    assert not o.ok and o.error["code"] == "undecodable" and "3行目" in o.error["message_ja"]
    assert not list((tmp_path / "out").glob("*.csv"))          # nothing half-written kept
