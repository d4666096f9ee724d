"""The CSV reader's whole-file passes run in a second process (converters.readers.whole_file): the conversion
gives exactly what it gives with the passes run first, also when they contradict the guess from the file's
start (another encoding, no encoding, a wider record later on) or the second process fails."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from converters.pipeline import ConversionError, ConvertOptions, convert
from converters.readers import whole_file
from converters.readers.encoding import provisional_encoding

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "unseen"
HEADER = "NO,名称,住所,緯度,経度,電話番号,備考"


def _rows(n: int, start: int = 1) -> list[str]:
    return [f"{i},鳥取市役所第{i}庁舎①,鳥取市尚徳町{i % 300 + 1},35.5{i % 10},134.2{i % 7},0857-22-{8000 + i % 1000},㈱テスト"
            for i in range(start, start + n)]


def _write(path: Path, lines: list[str], encoding: str = "cp932", newline: str = "\r\n", tail: bytes = b"") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding) + tail)
    return path


ATTEMPTS: list[bool] = []


@pytest.fixture(autouse=True)
def _count_attempts(monkeypatch: pytest.MonkeyPatch) -> None:
    import converters.pipeline as pl

    real = pl._convert

    def spy(*a: Any, **k: Any) -> Any:
        ATTEMPTS.append(k["background"])
        return real(*a, **k)

    monkeypatch.setattr(pl, "_convert", spy)


def _run(monkeypatch: pytest.MonkeyPatch, mode: str, src: Path, **kw: Any) -> dict[str, Any]:
    monkeypatch.setenv(whole_file.ENV, mode)
    ATTEMPTS.clear()
    out = Path(tempfile.mkdtemp(prefix="wf-"))
    try:
        r = convert(src, out, ConvertOptions(**kw))
    except ConversionError as e:
        return {"error": (e.code, e.message_ja, e.message_en)}
    d = {
        "name": r.output.name, "csv": r.output.read_bytes(),
        "changes": r.changes_path.read_text(encoding="utf-8"), "issues": r.issues_path.read_text(encoding="utf-8"),
        "counts": (r.change_counts, r.issue_counts), "unmapped": r.unmapped, "accounting": r.accounting,
        "rows": (r.rows_in, r.rows_out), "table": json.dumps(r.table, ensure_ascii=False, default=str),
        "mapping": r.mapping, "recipe": r.recipe.to_dict(), "engine": r.engine,
    }
    r.cleanup()
    return d


def assert_same(monkeypatch: pytest.MonkeyPatch, src: Path, *, guessed: bool = True, **kw: Any) -> dict[str, Any]:
    assert (provisional_encoding(src) is not None) == guessed
    a = _run(monkeypatch, "background", src, **kw)
    a["attempts"] = len(ATTEMPTS)
    b = _run(monkeypatch, "inline", src, **kw)
    for k in b:
        assert a.get(k) == b[k], k
    b["attempts"] = a["attempts"]
    return b


def test_cp932_file_same(monkeypatch, tmp_path):
    src = _write(tmp_path / "aed.csv", [HEADER, *_rows(3000)])
    d = assert_same(monkeypatch, src, dataset="2021/aed", publisher_code="312011")
    assert d["attempts"] == 1
    assert "ファイル全体がShift_JIS（CP932）として読めます" in d["table"]
    assert "NEC/IBM拡張文字" in d["table"]        # ① ㈱: strict shift_jis would not decode it


def test_euc_jp_file_same(monkeypatch, tmp_path):
    src = _write(tmp_path / "aed.csv", [HEADER, *[r.replace("①", "1").replace("㈱", "(株)") for r in _rows(3000)]],
                 encoding="euc_jp")
    assert provisional_encoding(src) is not None
    d = assert_same(monkeypatch, src, dataset="2021/aed", publisher_code="312011")
    assert "EUC-JP" in d["table"]


def test_other_encoding_later_starts_again(monkeypatch, tmp_path):
    """The start decodes as CP932, a byte further down does not: the whole file is EUC-JP, or nothing."""
    lines = [HEADER, *[r.replace("①", "1").replace("㈱", "カブ") for r in _rows(3000)]]
    src = _write(tmp_path / "a.csv", lines, encoding="euc_jp", tail=("9999,施設ｱ,鳥取市,35.5,134.2,,\r\n").encode("euc_jp"))
    # the half-width katakana of EUC-JP (8E xx) is valid CP932 too; the head alone cannot tell them apart
    assert_same(monkeypatch, src, guessed=provisional_encoding(src) is not None, dataset="2021/aed",
                publisher_code="312011")
    bad = _write(tmp_path / "bad.csv", [HEADER, *_rows(3000)], tail=b"9999,\x81\x20broken,,,,,\r\n")
    d = assert_same(monkeypatch, bad, dataset="2021/aed", publisher_code="312011")
    assert d["error"][0] == "undecodable" and d["attempts"] == 2


def test_wider_record_later_starts_again(monkeypatch, tmp_path):
    src = _write(tmp_path / "aed.csv", [HEADER, *_rows(3000), "3001,名称,鳥取市,35.5,134.2,,,余分な列"])
    d = assert_same(monkeypatch, src, dataset="2021/aed", publisher_code="312011")
    assert "extra-columns" in d["table"] and d["attempts"] == 2


def test_line_endings_and_short_rows_noted_in_place(monkeypatch, tmp_path):
    lines = [HEADER, *_rows(3000)]
    body = ("\r\n".join(lines[:2000]) + "\r\n" + "\n".join(lines[2000:]) + "\n" + "3001,短い行\r\n").encode("cp932")
    src = tmp_path / "aed.csv"
    src.write_bytes(body)
    d = assert_same(monkeypatch, src, dataset="2021/aed", publisher_code="312011")
    assert "line-endings" in d["table"] and "short-rows" in d["table"] and d["attempts"] == 1


@pytest.mark.parametrize("child", ["/bin/false", "/bin/cat"])
def test_broken_child_starts_again(monkeypatch, tmp_path, child):
    src = _write(tmp_path / "aed.csv", [HEADER, *_rows(3000)])
    b = _run(monkeypatch, "inline", src, dataset="2021/aed", publisher_code="312011")
    monkeypatch.setattr(sys, "executable", child)
    a = _run(monkeypatch, "background", src, dataset="2021/aed", publisher_code="312011")
    assert a == b and ATTEMPTS == [True, False]


def test_detection_error_waits_for_the_checks(monkeypatch, tmp_path):
    """A conversion that fails before converting (no dataset found) fails the same way."""
    src = _write(tmp_path / "x.csv", ["あ,い,う", *[f"{i},値{i},テキスト{i}" for i in range(6000)]])
    d = assert_same(monkeypatch, src)
    assert d["error"][0] == "dataset-unknown"


@pytest.mark.parametrize("name", sorted(p.name for p in UNSEEN.glob("*-sjis.csv")))
def test_real_sjis_files_same(monkeypatch, tmp_path, name):
    src = UNSEEN / name
    assert_same(monkeypatch, src, guessed=provisional_encoding(src) is not None, publisher_code="131016")
