"""Recipes across files of one layout, in both engines: a column the recipe names that is gone, and the
``ignore`` list a saved recipe keeps."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from converters.pipeline import ConvertOptions, convert
from converters.readers.base import ReadOptions
from converters.recipe import Recipe
from tests.conftest import write_csv

from .test_columnar_equivalence import assert_same

ENGINES = ["rows", "columnar"]


def _run(src: Path, out: Path, opts: ConvertOptions) -> dict[str, Any]:
    r = convert(src, out / opts.engine, opts)
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    d = {"rows": rows, "issues": list(r.iter_issues()), "recipe": r.recipe, "mapping": r.mapping,
         "unmapped": r.unmapped, "engine": r.engine, "accounting": r.accounting}
    r.cleanup()
    return d


def _saved(recipe: Recipe, path: Path) -> Recipe:
    """The recipe as --save-recipe writes it and --recipe reads it back."""
    recipe.save(path)
    return Recipe.load(path)


def _recipe_kw(r: Recipe) -> dict[str, Any]:
    """ConvertOptions.from_recipe's fields, for assert_same (which builds the options itself)."""
    o = ConvertOptions.from_recipe(r)
    return {"dataset": o.dataset, "publisher_code": o.publisher_code, "read": o.read, "mapping": o.mapping,
            "ignore": o.ignore, "extra_to_remarks": o.extra_to_remarks}


# --- a recipe column missing from the next file ---------------------------------------------------
FIRST = ["NO", "施設名称", "住所", "電話番号", "設置場所", "メモ"]
NEXT = ["NO", "名称", "所在地", "電話", "メモ"]          # 施設名称 / 住所 / 電話番号 renamed, 設置場所 gone


def _first_recipe(tmp_path: Path) -> Recipe:
    rows = [[str(i), f"施設{i}", f"鳥取県鳥取市尚徳町{i}", "0857-22-8111", "1階", "x"] for i in range(1, 4)]
    src = write_csv(tmp_path / "first.csv", [FIRST, *rows])
    d = _run(src, tmp_path / "first", ConvertOptions(dataset="2021/aed", publisher_code="312011"))
    assert d["recipe"].mapping["名称"] == {"column": "施設名称"}
    assert d["recipe"].mapping["設置位置"] == {"column": "設置場所"}
    return _saved(d["recipe"], tmp_path / "aed.recipe.yaml")


def _next_file(tmp_path: Path) -> Path:
    rows = [[str(i), f"施設{i}", f"鳥取県鳥取市尚徳町{i}", "0857-22-8111", "x"] for i in range(1, 40)]
    return write_csv(tmp_path / "next.csv", [NEXT, *rows])


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_recipe_column_is_reported_and_matched_again(tmp_path, engine):
    recipe = _first_recipe(tmp_path)
    d = _run(_next_file(tmp_path), tmp_path / "next", ConvertOptions.from_recipe(recipe, engine=engine))
    assert d["engine"] == engine
    first = d["rows"][0]
    # renamed columns are found by the ordinary matching instead of leaving the items empty
    assert first["名称"] == "施設1" and first["住所"] == "鳥取県鳥取市尚徳町1" and first["電話番号"] == "0857-22-8111"
    assert first["設置位置"] == ""                        # no column matches it: empty, and said so
    missing = {i["field"]: i for i in d["issues"] if i["code"] == "recipe-column-missing"}
    assert set(missing) == {"名称", "住所", "電話番号", "設置位置"}
    for target, column in (("名称", "施設名称"), ("住所", "住所"), ("電話番号", "電話番号"), ("設置位置", "設置場所")):
        i = missing[target]
        assert i["row"] is None and i["value"] == column
        assert f"「{column}」" in i["message_ja"] and f"'{column}'" in i["message_en"]
    assert "「所在地」" in missing["住所"]["message_ja"] and "所在地" in missing["住所"]["message_en"]
    assert "空欄" in missing["設置位置"]["message_ja"] and "empty" in missing["設置位置"]["message_en"]
    methods = {m["target"]: m["method"] for m in d["mapping"]}
    assert methods["NO"] == "recipe" and methods["名称"] == "exact" and methods["住所"] == "synonym"
    # the recipe of this run names the columns it found
    assert d["recipe"].mapping["名称"] == {"column": "名称"} and d["recipe"].mapping["住所"] == {"column": "所在地"}
    assert d["accounting"]["balanced"] == 1


def test_missing_recipe_column_same_in_both_engines(tmp_path):
    recipe = _first_recipe(tmp_path)
    assert_same(_next_file(tmp_path), **_recipe_kw(recipe))


@pytest.mark.parametrize("engine", ENGINES)
def test_fallback_skips_ignored_columns_and_keeps_partial_joins(tmp_path, engine):
    """Only the lost items are matched again, never from a column the recipe ignores; a join that lost one
    of its columns keeps the others and says so."""
    recipe = Recipe(dataset="2021/aed", publisher_code="312011",
                    read=ReadOptions(header_rows=(1, 1), data_rows=(2, None)).to_dict(),
                    mapping={"NO": {"column": "番号"}, "名称": {"column": "施設名称"},
                             "設置位置": {"columns": ["階", "場所"], "join": " "}},
                    ignore=["名称"])
    src = write_csv(tmp_path / "t.csv", [["NO", "名称", "場所", "電話番号"], ["1", "市役所", "玄関", "0857-22-8111"]])
    d = _run(src, tmp_path / "out", ConvertOptions.from_recipe(recipe, engine=engine))
    row = d["rows"][0]
    assert row["NO"] == "1"                              # matched again (exact)
    assert row["名称"] == ""                              # 名称 is in ignore: not taken
    assert row["設置位置"] == "玄関"
    assert row["電話番号"] == ""                          # not in the recipe, not lost: a complete recipe adds nothing
    missing = {i["field"]: i for i in d["issues"] if i["code"] == "recipe-column-missing"}
    assert set(missing) == {"NO", "名称", "設置位置"}
    assert missing["設置位置"]["value"] == "階" and "「場所」" in missing["設置位置"]["message_ja"]
    assert {u["header"] for u in d["unmapped"]} == {"名称", "電話番号"}
    assert_same(src, **_recipe_kw(recipe))


# --- ignore: only what the user chose ---------------------------------------------------------------
EXTRA = ["NO", "名称", "住所", "設置日", "メモ"]        # 設置日 and メモ are not 2021/aed items


def _extra_file(tmp_path: Path, name: str, n: int) -> Path:
    rows = [[str(i), f"施設{i}", f"鳥取県鳥取市尚徳町{i}", f"2024/4/{i}", f"メモ{i}"] for i in range(1, n + 1)]
    return write_csv(tmp_path / name, [EXTRA, *rows])


@pytest.mark.parametrize("engine", ENGINES)
def test_saved_recipe_keeps_unmapped_columns_going_to_remarks(tmp_path, engine):
    """--extra-to-remarks, --save-recipe, then --recipe on next month's file: the unmapped columns the user did
    not act on still go to 備考 (the saved recipe does not list them under ignore)."""
    first = _run(_extra_file(tmp_path, "first.csv", 3), tmp_path / "first",
                 ConvertOptions(dataset="2021/aed", publisher_code="312011", extra_to_remarks=True, engine=engine))
    assert first["rows"][0]["備考"] == "設置日: 2024/4/1；メモ: メモ1"
    recipe = _saved(first["recipe"], tmp_path / "aed.recipe.yaml")
    assert recipe.ignore == [] and recipe.options["extra_to_remarks"] is True
    nxt = _run(_extra_file(tmp_path, "next.csv", 5), tmp_path / "next", ConvertOptions.from_recipe(recipe, engine=engine))
    assert [r["備考"] for r in nxt["rows"]] == [f"設置日: 2024/4/{i}；メモ: メモ{i}" for i in range(1, 6)]
    assert {u["header"]: u["to_remarks"] for u in nxt["unmapped"]} == {"設置日": True, "メモ": True}
    assert nxt["recipe"].ignore == []


@pytest.mark.parametrize("engine", ENGINES)
def test_saved_recipe_keeps_the_columns_the_user_ignored(tmp_path, engine):
    first = _run(_extra_file(tmp_path, "first.csv", 3), tmp_path / "first",
                 ConvertOptions(dataset="2021/aed", publisher_code="312011", extra_to_remarks=True, ignore=["メモ"],
                                engine=engine))
    assert first["rows"][0]["備考"] == "設置日: 2024/4/1"
    recipe = _saved(first["recipe"], tmp_path / "aed.recipe.yaml")
    assert recipe.ignore == ["メモ"]
    nxt = _run(_extra_file(tmp_path, "next.csv", 4), tmp_path / "next", ConvertOptions.from_recipe(recipe, engine=engine))
    assert [r["備考"] for r in nxt["rows"]] == [f"設置日: 2024/4/{i}" for i in range(1, 5)]
    unmapped = {u["header"]: u for u in nxt["unmapped"]}
    assert unmapped["メモ"]["ignored_by_recipe"] and not unmapped["メモ"]["to_remarks"]
    assert not unmapped["設置日"]["ignored_by_recipe"] and unmapped["設置日"]["to_remarks"]
    assert nxt["recipe"].ignore == ["メモ"]


def test_saved_recipe_round_trip_through_convert_file(tmp_path):
    """The same through opendata.convert.convert_file, as `opendata convert --save-recipe` / `--recipe` run it."""
    from opendata.convert import convert_file

    path = tmp_path / "r.yaml"
    o1 = convert_file(_extra_file(tmp_path, "a.csv", 2), tmp_path / "o1", dataset="2021/aed", code="312011",
                      extra_to_remarks=True, save_recipe=path)
    assert o1.ok and Recipe.load(path).ignore == []
    o2 = convert_file(_extra_file(tmp_path, "b.csv", 2), tmp_path / "o2", recipe=Recipe.load(path), keep_logs=True)
    assert o2.ok and o2.result is not None
    with o2.result.output.open(encoding="utf-8", newline="") as f:
        assert [r["備考"] for r in csv.DictReader(f)] == ["設置日: 2024/4/1；メモ: メモ1", "設置日: 2024/4/2；メモ: メモ2"]
    o2.result.cleanup()
    src = _extra_file(tmp_path, "c.csv", 30)
    assert_same(src, **_recipe_kw(Recipe.load(path)))
