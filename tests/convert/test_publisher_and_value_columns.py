"""Two things a header alone does not say, read from the values:

- the publisher's code when neither ``--code`` nor a publisher column gives it, but every row's 市区町村コード
  (the 設置主体 of a municipality's own 指定緊急避難場所 list, 2021 template) holds the same code: the file is named
  with it, and a note says so (never the most common of several: a prefecture's list names many);
- a column whose header names no item (``detail``) but whose values are all URLs (e-mail addresses, postcodes,
  法人番号): it fills that item when the schema has it and nothing else does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import converters.part_process as pp
from converters.mapping import auto_map
from converters.pipeline import ConvertOptions, convert
from tests.conftest import write_csv

HEADER = ["NO", "名称", "住所", "電話番号", "市区町村コード", "都道府県名", "市区町村名", "災害種別_洪水", "災害種別_地震"]


def _rows(codes: list[str]) -> list[list[str]]:
    return [HEADER] + [[f"{i:03d}", f"第{i}公民館", f"大宜味村字大兼久{100 + i}番地", "0980-44-3001", c, "沖縄県", "大宜味村",
                        "1", ""] for i, c in enumerate(codes, start=1)]


def _convert(src: Path, out: Path, **kw: Any) -> Any:
    return convert(src, out, ConvertOptions(dataset="2026/evacuation_space", **kw))


@pytest.mark.parametrize("engine", ["rows", "columnar"])
def test_publisher_from_one_site_code(tmp_path: Path, engine: str) -> None:
    src = write_csv(tmp_path / "hinan.csv", _rows(["473022"] * 5))
    r = _convert(src, tmp_path / engine, engine=engine)
    assert r.output.name == "473022_evacuation_space.csv" and r.publisher_code == "473022"
    assert r.recipe.publisher_code == "473022"        # the next conversion with the recipe fills the column too
    note = next(n for n in r.table["notes"] if n["code"] == "publisher-code-from-column")
    assert "473022（沖縄県大宜味村）" in note["message_ja"] and "--code 473022" in note["message_ja"]
    assert "publisher-code-unknown" not in r.issue_counts
    r.cleanup()


def test_publisher_from_one_site_code_in_a_split_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pp.ENV, "always")
    src = write_csv(tmp_path / "hinan.csv", _rows(["473022"] * 40))
    r = _convert(src, tmp_path / "out")
    assert r.split == "merged" and r.output.name == "473022_evacuation_space.csv"
    r.cleanup()


@pytest.mark.parametrize("engine", ["rows", "columnar"])
@pytest.mark.parametrize("codes", [["473022", "473022", "473014"],     # a prefecture's list: several 設置主体
                                   ["473022", "473022", ""],           # a row without it
                                   ["473023"] * 3])                    # not a valid code (check digit)
def test_no_publisher_unless_every_row_has_the_same_valid_code(tmp_path: Path, engine: str, codes: list[str]) -> None:
    src = write_csv(tmp_path / "hinan.csv", _rows(codes))
    r = _convert(src, tmp_path / engine, engine=engine)
    assert r.output.name == "evacuation_space.csv" and r.publisher_code is None
    assert r.issue_counts["publisher-code-unknown"] == 1
    assert not any(n["code"] == "publisher-code-from-column" for n in r.table["notes"])
    r.cleanup()


def test_given_code_wins(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "hinan.csv", _rows(["473022"] * 3))
    r = _convert(src, tmp_path / "out", publisher_code="312011")
    assert r.output.name == "312011_evacuation_space.csv"
    assert not any(n["code"] == "publisher-code-from-column" for n in r.table["notes"])
    r.cleanup()


# --- columns named by their values -------------------------------------------------------------------------------
URLS = [["上田第一中学校", "http://www.school.umic.jp/ueda1/"], ["上田第二中学校", "http://www.school.umic.jp/ueda2/"],
        ["上田市役所", "https://www.city.ueda.nagano.jp/"]]


def test_a_column_of_urls_fills_url() -> None:
    m = auto_map(["name", "detail"], "2021/aed", samples=URLS)
    fm = m.fields["URL"]
    assert (fm.source, fm.method) == ("detail", "value") and fm.score <= 0.8
    assert "URL" in (fm.reason or "")
    assert m.unmapped == []


@pytest.mark.parametrize(("header", "samples", "why"), [
    (["name", "detail"], URLS[:2], "two values are too few to be sure"),
    (["name", "detail"], [*URLS, ["x", "詳細は窓口へ"]], "not every value is a URL"),
    (["name", "detail", "link"], [[a, b, b] for a, b in URLS], "two columns of URLs: which one?"),
    (["name", "URL", "detail"], [[a, b, b] for a, b in URLS], "URL is filled by its own column"),
    (["name", "携帯"], [["A", "090-1234-5678"], ["B", "080-1234-5678"], ["C", "070-1234-5678"]], "a phone: 電話 or FAX?"),
])
def test_no_value_match_when_in_doubt(header: list[str], samples: list[list[str]], why: str) -> None:
    m = auto_map(header, "2021/aed", samples=samples)
    assert not any(fm.method == "value" for fm in m.fields.values()), why


def test_linkdata_detail_column_end_to_end(tmp_path: Path) -> None:
    lines = ["#LINK", "#lang\tja", "#property\tname\taddress\ttel\tdetail",
             "#object_type_xsd\tstring\tstring\tstring\tstring"]
    lines += [f"aed_{i}\t{n}\t長野県上田市国分{200 + i}\t0268-22-41{i:02d}\t{u}" for i, (n, u) in enumerate(URLS)]
    src = tmp_path / "aed_ueda.csv"
    src.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    r = convert(src, tmp_path / "out", ConvertOptions(dataset="2021/aed", publisher_code="202118"))
    mapping = {m["target"]: m for m in r.mapping}
    assert mapping["URL"]["source"] == "detail"
    import csv
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [row["URL"] for row in rows] == [u for _, u in URLS]
    r.cleanup()
