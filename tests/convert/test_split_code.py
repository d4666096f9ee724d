"""A 全国地方公共団体コード split over a prefecture-code and a municipality-code column (厚生労働省's 医療情報ネット:
都道府県コード 38, 市区町村コード 202) is joined into one combined mapping (converters.mapping._join_split_code),
decided from the first rows' values; the codes step then adds the check digit (38202 -> 382027)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from converters.mapping import auto_map
from converters.pipeline import ConvertOptions, convert

HEADER = ["ID", "正式名称", "都道府県コード", "市区町村コード", "所在地"]


def rows(*pairs: tuple[str, str]) -> list[list[str]]:
    return [[str(i), f"病院{i}", p, c, "愛媛県今治市北宝来町1"] for i, (p, c) in enumerate(pairs, start=1)]


def test_joined_when_the_values_are_a_prefecture_and_a_municipal_part() -> None:
    m = auto_map(HEADER, "2021/hospital", samples=rows(("38", "202"), ("38", "201"), ("1", "100"), ("", "")))
    fm = m.fields["都道府県コード又は市区町村コード"]
    assert (fm.method, fm.sources, fm.indexes, fm.join) == ("combined", ["都道府県コード", "市区町村コード"], [2, 3], "")
    assert fm.describe_ja() == "「都道府県コード」＋「市区町村コード」"
    assert [h for _, h in m.unmapped] == []                                  # both columns are used
    assert fm.to_recipe() == {"columns": ["都道府県コード", "市区町村コード"], "join": ""}


def test_a_saved_recipe_joins_the_same_columns() -> None:
    m = auto_map(HEADER, "2021/hospital", samples=rows(("38", "202")))
    again = auto_map(HEADER, "2021/hospital", overrides={**m.to_recipe(), "__complete__": {}})
    assert again.fields["都道府県コード又は市区町村コード"].indexes == [2, 3]


@pytest.mark.parametrize("sid, target", [("2026/aed", "全国地方公共団体コード"), ("2021/aed", "都道府県コード又は市区町村コード"),
                                         ("2021/hospital", "都道府県コード又は市区町村コード"),
                                         ("2026/evacuation_space", "市区町村コード")])   # its own item of that name
def test_the_code_item_of_each_generation(sid: str, target: str) -> None:
    m = auto_map(["名称", "都道府県コード", "市区町村コード", "住所"], sid,
                 samples=[["a", "38", "202", "今治市"], ["b", "38", "386", "上島町"]])
    assert m.fields[target].indexes == [1, 2]


def test_the_first_code_item_when_the_column_names_none() -> None:
    # 市町村CD matches no item by name: the joined code fills the schema's first code item, and 2026
    # evacuation_space's 市区町村コード (the 設置主体) is the row's own code, copied from it
    m = auto_map(["名称", "都道府県CD", "市町村CD", "住所"], "2026/evacuation_space",
                 samples=[["a", "38", "202", "今治市"]])
    assert m.fields["全国地方公共団体コード"].sources == ["都道府県CD", "市町村CD"]
    assert m.fields["市区町村コード"].derive == "copy:全国地方公共団体コード"


def test_english_headers() -> None:
    m = auto_map(["name", "prefCode", "cityCode", "address"], "2026/aed",
                 samples=[["a", "13", "101", "千代田区"], ["b", "13", "102", "中央区"]])
    assert m.fields["全国地方公共団体コード"].sources == ["prefCode", "cityCode"]


@pytest.mark.parametrize("pairs", [
    (("38", "38202"), ("38", "38201")),      # the municipality column holds the whole 5-digit code
    (("38", "382027"),),                     # ... or the 6-digit one
    (("48", "202"),),                        # not a prefecture
    (("380", "202"),),
    (("38", "2021"),),
    (("38", "202"), ("38", "38202")),        # not every sampled row is a split code
    (("愛媛県", "202"),),
])
def test_not_joined_when_the_values_do_not_say_so(pairs: tuple[tuple[str, str], ...]) -> None:
    m = auto_map(HEADER, "2021/hospital", samples=rows(*pairs))
    fm = m.fields["都道府県コード又は市区町村コード"]
    assert fm.source == "市区町村コード" and not fm.indexes               # as without values
    assert (2, "都道府県コード") in m.unmapped                                # never taken as the full code


def test_not_joined_without_values_or_without_a_prefecture_column() -> None:
    assert auto_map(HEADER, "2021/hospital").fields["都道府県コード又は市区町村コード"].source == "市区町村コード"
    header = ["ID", "正式名称", "市区町村コード", "所在地"]
    m = auto_map(header, "2021/hospital", samples=[["1", "a", "202", "今治市"]])
    assert m.fields["都道府県コード又は市区町村コード"].source == "市区町村コード"   # 3 digits alone: reported later


def test_a_prefecture_column_alone_is_not_the_code() -> None:
    m = auto_map(["名称", "都道府県コード", "住所"], "2026/aed", samples=[["a", "38", "今治市"]], publisher_code="382027")
    assert m.fields["全国地方公共団体コード"].constant == "382027"
    assert (1, "都道府県コード") in m.unmapped


def test_two_prefecture_columns_are_left_alone() -> None:
    header = ["名称", "都道府県コード", "県コード", "市区町村コード"]
    m = auto_map(header, "2026/aed", samples=[["a", "38", "38", "202"]])
    assert m.fields["全国地方公共団体コード"].source == "市区町村コード"


def test_a_full_code_column_is_kept() -> None:
    header = ["名称", "全国地方公共団体コード", "都道府県コード", "市区町村コード"]
    m = auto_map(header, "2026/aed", samples=[["a", "382027", "38", "202"]])
    assert m.fields["全国地方公共団体コード"].source == "全国地方公共団体コード"


def _convert(tmp_path: Path, header: list[str], body: list[list[str]], **kw: object) -> tuple[list[list[str]], list, list, dict]:
    import json

    buf = io.StringIO()
    csv.writer(buf).writerows([header, *body])
    (tmp_path / "in.csv").write_text(buf.getvalue(), encoding="utf-8")
    r = convert(tmp_path / "in.csv", tmp_path / "out", ConvertOptions(dataset="2021/hospital", engine="rows", **kw))
    out = list(csv.reader(io.StringIO(r.output.read_text(encoding="utf-8"))))
    changes = [json.loads(x) for x in r.changes_path.read_text(encoding="utf-8").splitlines()]
    issues = [json.loads(x) for x in r.issues_path.read_text(encoding="utf-8").splitlines()]
    return out, changes, issues, r.accounting


def test_conversion_joins_adds_the_check_digit_and_logs(tmp_path: Path) -> None:
    out, changes, issues, acc = _convert(tmp_path, HEADER, rows(("38", "202"), ("1", "100"), ("38", ""), ("38", "999")))
    codes = [r[out[0].index("都道府県コード又は市区町村コード")] for r in out[1:]]
    assert codes == ["382027", "011002", "38", "38999"]
    logged = [(c["row"], c["source"], c["before"], c["after"], c["step"]) for c in changes
              if c["field"] == "都道府県コード又は市区町村コード"]
    assert logged == [(2, "都道府県コード+市区町村コード", "38202", "382027", "codes"),
                      (3, "都道府県コード+市区町村コード", "1100", "011002", "codes")]
    # a row without its municipal part, or a code not in the list: reported, kept
    assert [(i["row"], i["code"]) for i in issues if i["field"] == "都道府県コード又は市区町村コード"] == [
        (4, "localgov-code-length"), (5, "localgov-code-unknown")]
    assert acc["balanced"] == 1 and acc["landed"] == acc["source_nonempty_cells"]
