"""CSV/TSV reader on synthetic files: encodings, delimiters, quoting, titles, ragged rows, LinkData,
options, laziness and flat memory."""

from __future__ import annotations

import codecs
import tracemalloc
from pathlib import Path

import pytest

from converters.readers import ReadOptions, SourceTable, read_tables
from converters.readers.base import SAMPLE_ROWS, sample_values
from converters.readers.csv_shape import field_counts, sniff_delimiter
from tests.conftest import write_csv


def read1(path: Path, options: ReadOptions | None = None) -> SourceTable:
    (t,) = read_tables(path, options)
    return t


def rows_of(t: SourceTable) -> list[list[object]]:
    return [r.values for r in t.rows]


def note_value(t: SourceTable, code: str) -> str | None:
    return next(n.value for n in t.notes if n.code == code)


def test_title_rows_above_header_and_blank_rows(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "t.csv", [
        ["令和5年度 公衆トイレ一覧", "", "", ""],
        ["", "", "", ""],
        ["名称", "所在地", "緯度", "経度"],
        ["駅前トイレ", "鳥取市東品治町", "35.49", "134.22"],
        [],
        ["公園トイレ", "鳥取市湖山町", "35.51", "134.17"],
        ["※令和5年4月1日現在", "", "", ""],
    ], encoding="cp932")
    t = read1(p)
    assert t.header == ["名称", "所在地", "緯度", "経度"]
    assert t.header_rows == (3, 3)
    assert t.layout["data_rows"] == [4, None]
    rows = list(t.rows)
    assert [(r.number, r.values[0]) for r in rows] == [(4, "駅前トイレ"), (6, "公園トイレ")]
    assert [(s.number, s.reason) for s in t.skipped] == [(1, "title"), (5, "blank"), (7, "note")]
    assert t.skipped[0].text == "令和5年度 公衆トイレ一覧"
    assert note_value(t, "encoding") == "cp932"


def test_tab_and_semicolon_delimiters_with_commas_in_text(tmp_path: Path) -> None:
    rows = [["名称", "説明", "料金"], ["A館", "休館日は月曜、祝日の翌日", "5,280円～"], ["B館", "9:00～17:00, 土日休み", "無料"]]
    tsv = write_csv(tmp_path / "a.tsv", [], encoding="utf-8")
    tsv.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    t = read1(tsv)
    assert t.layout["delimiter"] == "\t" and t.header == rows[0] and rows_of(t) == rows[1:]
    semi = tmp_path / "a.txt"
    semi.write_text("\r\n".join(";".join(r) for r in rows), encoding="utf-8")
    t2 = read1(semi)
    assert t2.layout["delimiter"] == ";" and rows_of(t2) == rows[1:]


def test_sniffer_counts_outside_quotes() -> None:
    text = '名称,住所,備考\r\n"A,館","鳥取市,尚徳町","x"\r\n"B館","倉吉市","y;z"\r\n'
    g = sniff_delimiter(text)
    assert g.delimiter == "," and g.fields == 3 and g.consistency == 1.0 and g.quoted == "some"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n").delimiter == "\t"
    assert sniff_delimiter("only\none\ncolumn\n").fields == 1


def test_quoted_delimiters_quotes_and_newlines(tmp_path: Path) -> None:
    p = tmp_path / "q.csv"
    p.write_bytes('名称,説明,URL\r\n"A館","1行目\r\n2行目","https://x.jp/a,b"\r\n"B ""館""",普通,\r\nC館,,\r\n'
                  .encode("cp932"))
    t = read1(p)
    assert [(r.number, r.values) for r in t.rows] == [
        (2, ["A館", "1行目\r\n2行目", "https://x.jp/a,b"]),
        (3, ['B "館"', "普通", ""]),
        (4, ["C館", "", ""]),
    ]


@pytest.mark.parametrize("encoding,expected", [("euc_jp", "euc_jp"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"),
                                               ("cp932", "cp932")])
def test_japanese_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    data = [["施設名", "住所", "電話番号"], ["鳥取市役所本庁舎", "鳥取県鳥取市幸町71番地", "0857-22-8111"],
            ["わらべ館", "鳥取県鳥取市西町三丁目202番地", "0857-22-7070"]]
    t = read1(write_csv(tmp_path / "e.csv", data, encoding=encoding))
    assert note_value(t, "encoding") == expected
    assert t.header == data[0] and rows_of(t) == data[1:]


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    p = tmp_path / "unicode.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + "名称\t件数\r\n公民館\t12\r\n図書館\t3\r\n".encode("utf-16-le"))
    t = read1(p)
    assert t.layout["encoding"] == "utf-16" and t.layout["delimiter"] == "\t"
    assert rows_of(t) == [["公民館", "12"], ["図書館", "3"]]


def test_short_rows_padded_long_rows_keep_their_values(tmp_path: Path) -> None:
    p = tmp_path / "ragged.csv"
    p.write_text("a,b,c\n1,2\n3,4,5,6,7\n8,9,10\n", encoding="utf-8")
    t = read1(p)
    assert t.header == ["a", "b", "c", "", ""]
    assert rows_of(t) == [["1", "2", "", "", ""], ["3", "4", "5", "6", "7"], ["8", "9", "10", "", ""]]
    assert note_value(t, "short-rows") == "1"
    assert note_value(t, "extra-columns") == "2"
    assert t.columns == [1, 2, 3, 4, 5]


def test_trailing_comma_gives_an_unnamed_column(tmp_path: Path) -> None:
    p = tmp_path / "kobe_like.csv"
    p.write_bytes("交付番号,施設名称,２４H使用可能,\r\n1,神戸市役所①号館,○,\r\n".encode("cp932"))
    t = read1(p)
    assert t.header == ["交付番号", "施設名称", "２４H使用可能", ""]
    assert rows_of(t) == [["1", "神戸市役所①号館", "○", ""]]
    assert any(n.code == "unnamed-column" and n.column == 4 for n in t.notes)


def test_two_row_header_in_csv(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "h2.csv", [
        ["名称", "所在地", "", "電話"],
        ["", "都道府県", "市区町村", ""],
        ["A館", "鳥取県", "鳥取市", "0857-22-1111"],
    ])
    t = read1(p)
    assert t.header == ["名称", "所在地_都道府県", "所在地_市区町村", "電話"]
    assert t.header_rows == (1, 2) and rows_of(t) == [["A館", "鳥取県", "鳥取市", "0857-22-1111"]]


def test_english_and_numeric_headers(tmp_path: Path) -> None:
    t = read1(write_csv(tmp_path / "en.csv", [["name", "address", "lat", "lon"], ["a", "b", "35.1", "134.2"]]))
    assert t.header == ["name", "address", "lat", "lon"]
    # a first record of numbers is still the header in a CSV (the rows below it are data)
    t2 = read1(write_csv(tmp_path / "years.csv", [["2021", "2022"], ["10", "20"], ["30", "40"]]))
    assert t2.header == ["2021", "2022"] and len(rows_of(t2)) == 2


def test_totals_and_repeated_headers_skipped(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "tot.csv", [["地区", "人口"], ["東部", "100"], ["地区", "人口"], ["西部", "50"],
                                         ["合計", "150"]])
    t = read1(p)
    assert rows_of(t) == [["東部", "100"], ["西部", "50"]]
    assert [(s.number, s.reason) for s in t.skipped] == [(3, "header-repeat"), (5, "total")]


LINKDATA_META = [
    ["#LINK", "", ""], ["#license", "http://creativecommons.org/licenses/by/3.0/deed.ja", ""],
    ["#namespace", "ic", "http://imi.ipa.go.jp/ns/core/rdf#"],
    ["#property", "ic:市区町村コード", "献立名"], ["#object_type_xsd", "string:ja", "string"],
    ["#property_context", "\tAssertion", "\tAssertion"],
]


def test_linkdata_csv(tmp_path: Path) -> None:
    data = [[str(i), "232050", f"献立{i}"] for i in range(1, 81)] + [["x", "232050", "そば"]]
    p = write_csv(tmp_path / "ld.csv", LINKDATA_META + data, encoding="cp932")
    t = read1(p)
    assert t.header == ["市区町村コード", "献立名"]
    assert t.header_rows == (4, 4) and t.columns == [2, 3]
    rows = rows_of(t)
    assert rows[0] == ["232050", "献立1"] and rows[-1] == ["232050", "そば"] and len(rows) == 81
    assert [(s.number, s.reason) for s in t.skipped] == [(1, "linkdata-meta"), (2, "linkdata-meta"),
                                                         (3, "linkdata-meta"), (5, "linkdata-meta"),
                                                         (6, "linkdata-meta")]
    assert any(n.code == "linkdata-prefix" and n.value == "ic:市区町村コード" for n in t.notes)
    # column A was left out from the first records (row numbers only); a later odd value is noted
    assert any(n.code == "linkdata-marker-value" and n.value == "x" for n in t.notes)
    again = read1(p, ReadOptions.from_dict(t.layout))
    assert again.header == t.header and rows_of(again) == rows_of(t)


def test_linkdata_marker_column_kept_when_it_holds_values(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "ld2.csv", [*LINKDATA_META, ["a", "232050", "カレー"], ["b", "232050", "うどん"]])
    t = read1(p)
    assert t.header == ["", "市区町村コード", "献立名"]
    assert rows_of(t) == [["a", "232050", "カレー"], ["b", "232050", "うどん"]]


def test_options_fix_the_decisions(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "o.csv", [["x", "y", "z"], ["名称", "住所", "定員"], ["A", "a", "1"], ["B", "b", "2"],
                                       ["C", "c", "3"]], encoding="cp932")
    t = read1(p, ReadOptions(encoding="shift_jis", delimiter=",", header_rows=(2, 2), data_rows=(3, 4),
                             columns=(1, 2)))
    assert t.header == ["名称", "住所"]
    assert rows_of(t) == [["A", "a"], ["B", "b"]]
    assert t.layout["columns"] == [1, 2] and t.layout["encoding"] == "cp932"
    again = read1(p, ReadOptions.from_dict(t.layout))
    assert again.header == t.header and rows_of(again) == rows_of(t)


def test_rows_are_lazy_and_reiterable(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "lazy.csv", [["a", "b"], ["1", "2"], ["3", "4"]])
    t = read1(p)
    assert not isinstance(t.rows, list)
    assert rows_of(t) == rows_of(t) == [["1", "2"], ["3", "4"]]


def test_workbook_extension_on_a_csv(tmp_path: Path) -> None:
    p = tmp_path / "export.xls"
    write_csv(p, [["名称", "住所"], ["A", "a"]], encoding="cp932")
    t = read1(p)
    assert any(n.code == "format-mismatch" for n in t.notes) and rows_of(t) == [["A", "a"]]


def test_field_counts_matches_csv_module(tmp_path: Path) -> None:
    p = tmp_path / "fc.csv"
    p.write_bytes(b'a,b,c\r\n"x,y",2\r\n\r\n"multi\r\nline",2,3,4\r\nlast,no,newline')
    assert dict(field_counts(p, ",")) == {3: 2, 2: 1, 1: 1, 4: 1}


def test_streaming_memory_stays_flat(tmp_path: Path) -> None:
    p = tmp_path / "big.csv"
    line = "312011,{i},鳥取県,鳥取市,公民館{i},コウミンカン,鳥取県鳥取市尚徳町{i}番地,,35.5,134.2,0857-22-8111,①\r\n"
    with p.open("w", encoding="cp932", newline="") as f:
        f.write("コード,NO,都道府県,市区町村,名称,カナ,住所,方書,緯度,経度,電話,備考\r\n")
        for i in range(100_000):
            f.write(line.format(i=i))
    t = read1(p)
    assert t.encoding is not None and t.encoding["encoding"] == "cp932"
    tracemalloc.start()
    n = 0
    last = None
    for r in t.rows:
        n += 1
        last = r
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 100_000 and last is not None and last.number == 100_001 and last.values[11] == "①"
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes: rows are not streamed"


def test_excel_sep_line(tmp_path: Path) -> None:
    p = tmp_path / "sep.csv"
    p.write_text("sep=;\r\n名称;住所\r\nA館;鳥取市\r\n", encoding="utf-8")
    t = read1(p)
    assert t.layout["delimiter"] == ";" and t.header == ["名称", "住所"] and rows_of(t) == [["A館", "鳥取市"]]
    assert [(s.number, s.reason) for s in t.skipped] == [(1, "title")]


def test_header_rows_option_far_down_and_out_of_range(tmp_path: Path) -> None:
    rows = [[f"表題{i}", ""] for i in range(80)] + [["名称", "住所"], ["A", "x"]]
    p = write_csv(tmp_path / "far.csv", rows)
    t = read1(p, ReadOptions(header_rows=(81, 81)))
    assert t.header == ["名称", "住所"] and rows_of(t) == [["A", "x"]]
    from converters.readers import ReadError

    with pytest.raises(ReadError) as e:
        read1(p, ReadOptions(header_rows=(500, 500)))
    assert e.value.code == "no-table"


@pytest.mark.parametrize("shape", ["plain", "titles-notes", "totals-repeats", "linkdata", "options"])
def test_detection_sample_is_the_first_rows_as_streamed(tmp_path: Path, shape: str) -> None:
    # SourceTable.sample (dataset detection's values) holds the first data rows as CsvRows gives them,
    # from the records the reader read anyway: never more than SAMPLE_ROWS, no title, note, total or blank row
    body = [[f"施設{i}", f"住所{i}", str(i)] for i in range(1, 301)]
    options = None
    if shape == "plain":
        rows = [["名称", "住所", "定員"], *body]
    elif shape == "titles-notes":
        rows = [["令和5年度 施設一覧", "", ""], ["", "", ""], ["名称", "住所", "定員"], *body[:3], [],
                ["※注記", "", ""], *body[3:]]
    elif shape == "totals-repeats":
        rows = [["名称", "住所", "定員"], *body[:5], ["名称", "住所", "定員"], ["合計", "", "15"], *body[5:]]
    elif shape == "linkdata":
        rows = [*LINKDATA_META, *[[str(i), "232050", f"献立{i}"] for i in range(1, 301)]]
    else:
        rows = [["x", "y", "z"], ["名称", "住所", "定員"], *body]
        options = ReadOptions(header_rows=(2, 2), data_rows=(5, 150), columns=(1, 2))
    t = read1(write_csv(tmp_path / f"{shape}.csv", rows), options)
    streamed = rows_of(t)
    assert t.sample == streamed[:SAMPLE_ROWS]
    assert len(t.sample) == min(SAMPLE_ROWS, len(streamed))
    assert sample_values(t) == t.sample


def test_detection_sample_never_streams_the_file(tmp_path: Path) -> None:
    # a total row far below the sample is met only by streaming: taking the sample must not record it
    rows = [["名称", "住所"], *[[f"施設{i}", f"住所{i}"] for i in range(1, 1001)], ["合計", "1000"]]
    t = read1(write_csv(tmp_path / "big.csv", rows))
    assert len(sample_values(t)) == SAMPLE_ROWS and sample_values(t, 10) == t.sample[:10]
    assert not any(s.reason == "total" for s in t.skipped)
    assert rows_of(t)[-1] == ["施設1000", "住所1000"] and any(s.reason == "total" for s in t.skipped)


# --- a file without a header row: its first record is read as the header, and the clerk is told -------------
def test_header_of_data_values_is_read_as_the_first_record(tmp_path):
    """A first record where the header was expected: read without a header row (tests/readers/test_headerless.py)."""
    rows = [["千葉", "1210017", "千葉大学医学部附属病院", "260-0856", "千葉市中央区亥鼻1-8-1", "043-222-7171"],
            ["千葉", "1210025", "千葉医療センター", "260-0042", "千葉市中央区椿森4-1-2", "043-251-5311"],
            ["千葉", "1210033", "下総精神医療センター", "266-0007", "千葉市緑区辺田町578", "043-291-1221"]]
    t = read1(write_csv(tmp_path / "noheader.csv", rows))
    assert t.header_rows == (0, 0) and rows_of(t) == rows
    notes = [n for n in t.notes if n.code == "headerless"]
    assert len(notes) == 1
    assert notes[0].row == 1 and notes[0].value == "1210017"
    assert "見出し行のない表" in notes[0].message_ja and "without a header row" in notes[0].message_en


@pytest.mark.parametrize("header", [
    ["名称", "郵便番号", "住所", "電話番号", "緯度", "経度"],
    ["2024年度", "0歳", "1歳", "2歳", "令和6年4月1日現在", "合計"],
    ["https://schema.org/name", "https://schema.org/address", "http://www.w3.org/2003/01/geo/wgs84_pos#lat",
     "http://www.w3.org/2003/01/geo/wgs84_pos#long", "url", "tel"],
    ["名称", "電話番号 043-222-7171", "住所", "緯度", "経度", "備考"],     # one value-like name is not enough
])
def test_real_headers_are_not_reported_as_data(tmp_path, header):
    rows = [header, ["千葉大学医学部附属病院", "260-0856", "千葉市中央区亥鼻1-8-1", "043-222-7171", "35.6", "140.1"]]
    t = read1(write_csv(tmp_path / "h.csv", rows))
    assert not [n for n in t.notes if n.code == "header-looks-like-data"]
