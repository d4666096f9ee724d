"""The whole-file passes of the CSV reader against plain byte-by-byte references, at any chunk size:
the encoding decision (converters/readers/encoding.py: line endings counted while decoding, the strict
shift_jis answer taken from the CP932 decode, chardet only when the head decodes both ways) and the
field count per record (csv_shape.field_counts)."""

from __future__ import annotations

import codecs
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.readers import csv_shape
from converters.readers import encoding as enc


def _line_endings_reference(data: bytes) -> dict[str, int]:
    """Byte by byte: CRLF / LF / CR outside double quotes."""
    inside = False
    crlf = lf = cr = 0
    i = 0
    while i < len(data):
        c = data[i]
        if c == 0x22:
            inside = not inside
        elif not inside and c == 0x0D:
            if i + 1 < len(data) and data[i + 1] == 0x0A:
                crlf += 1
                i += 1
            else:
                cr += 1
        elif not inside and c == 0x0A:
            lf += 1
        i += 1
    return {"crlf": crlf, "lf": lf, "cr": cr}


def _strict(data: bytes, codec: str) -> bool:
    try:
        codecs.decode(data, codec, "strict")
    except UnicodeDecodeError:
        return False
    return True


def _field_counts_reference(data: bytes, delimiter: int = 0x2C) -> Counter[int]:
    """Byte by byte: fields per record (delimiters outside quotes + 1); LF, CRLF or a bare CR end a record."""
    hist: Counter[int] = Counter()
    inside = pending = False
    fields = 1
    i = 0
    while i < len(data):
        c = data[i]
        if c == 0x22:
            inside = not inside
            pending = True
        elif not inside and c in (0x0A, 0x0D):
            hist[fields] += 1
            fields = 1
            pending = False
            if c == 0x0D and i + 1 < len(data) and data[i + 1] == 0x0A:
                i += 1
        else:
            fields += not inside and c == delimiter
            pending = True
        i += 1
    if pending:
        hist[fields] += 1
    return hist


def test_field_counts_exhaustive_small_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every string of up to 4 bytes over quote / CR / LF / comma / other, and of 5 bytes over the first
    four, read in every chunk size."""
    import itertools

    p = tmp_path / "f.csv"
    for n in range(6):
        for combo in itertools.product(b'"\r\n,a' if n < 5 else b'"\r\n,', repeat=n):
            data = bytes(combo)
            p.write_bytes(data)
            expected = _field_counts_reference(data)
            for size in range(1, max(2, n + 1)):
                monkeypatch.setattr(csv_shape, "CHUNK", size)
                assert csv_shape.field_counts(p, ",") == expected, (data, size)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from([b'"', b"\r", b"\n", b"\r\n", b'""', b"a", b",", b";", "鳥".encode("cp932")]),
                      max_size=60), chunk=st.sampled_from([1, 2, 3, 7, 16, 1 << 20]))
def test_field_counts_random(parts: list[bytes], chunk: int) -> None:
    data = b"".join(parts)
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as d:
        mp.setattr(csv_shape, "CHUNK", chunk)
        p = Path(d) / "f.csv"
        p.write_bytes(b"\xef\xbb\xbf" + data)
        assert csv_shape.field_counts(p, ",", skip=3) == _field_counts_reference(data)
        assert csv_shape.field_counts(p, ";", skip=3) == _field_counts_reference(data, 0x3B)


def test_line_endings_exhaustive_small_inputs() -> None:
    """Every string of up to 6 bytes over quote / CR / LF / other, fed in every chunk size."""
    import itertools

    for n in range(7):
        for combo in itertools.product(b'"\r\na', repeat=n):
            data = bytes(combo)
            expected = _line_endings_reference(data)
            for size in range(1, max(2, n + 1)):
                counter = enc._LineEndings()
                for i in range(0, len(data), size):
                    counter.feed(data[i:i + size])
                assert counter.result() == expected, (data, size)


_UTF8_PIECES = [b"a", b"\n", "é".encode(), "鳥".encode(), "😀".encode(), b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80",
                b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xef\xbf\xbf", b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80",
                b"\xf5\x80\x80\x80", b"\xf8", b"\xff", b"\x80", b"\xbf", b"\xe3", b"\xe3\x81", b"\xf0\x9f", b"\xc2"]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_UTF8_PIECES), max_size=12).map(b"".join), st.binary(max_size=12)))
def test_arrow_utf8_validation_is_pythons(data: bytes) -> None:
    assert enc._utf8_valid(data) is _strict(data, "utf-8")
    cut = enc._utf8_cut(data)
    if _strict(data, "utf-8"):
        assert cut == len(data)
    elif cut < len(data):   # what is cut off is the start of a character that more bytes could complete
        assert len(data) - cut < 4 and data[cut] >= 0xC0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(_UTF8_PIECES), max_size=30), chunk=st.sampled_from([1, 2, 3, 5, 1 << 20]),
       bom=st.booleans())
def test_utf8_decision_with_arrow_at_any_chunk_size(parts: list[bytes], chunk: int, bom: bool) -> None:
    data = (codecs.BOM_UTF8 if bom else b"") + b"".join(parts)
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as d:
        mp.setattr(enc, "CHUNK", chunk)
        p = Path(d) / "u.csv"
        p.write_bytes(data)
        results = []
        for arrow in (True, False):
            mp.setattr(enc, "_arrow_for_utf8", lambda size, arrow=arrow: arrow)
            try:
                results.append(enc.detect_encoding(p).__dict__)
            except enc.UndecodableError as e:
                results.append({"error": e.message_en, "offset": e.offset})
        assert results[0] == results[1]


_PIECES = [b'"', b"\r", b"\n", b"\r\n", b'""', b"a", b",", "鳥取".encode("cp932"), "①".encode("cp932"),
           "∵".encode("cp932"), "≒".encode("cp932"), "ｱ".encode("cp932"), "髙".encode("cp932"),
           "あ".encode("euc_jp"), "鳥".encode("euc_jp"), "é".encode(), "鳥".encode(),
           b"\x80", b"\xa0", b"\xfd", b"\xf0\x40", b"\x87",
           # trail bytes that are lead-range bytes or rejected starts: 亜 園 ≒(NEC) 髙 忞 ＂ 勀 ㊦
           b"\x88\x9f", b"\x89\x80", b"\x87\x90", b"\xfb\xfc", b"\xed\x9f", b"\xee\xfc", b"\xfa\x87", b"\x87\x87"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(_PIECES), max_size=40), chunk=st.sampled_from([1, 2, 3, 5, 8, 64, 1 << 20]),
       from_decode=st.booleans(), arrow=st.booleans())
def test_single_pass_matches_separate_passes(parts: list[bytes], chunk: int, from_decode: bool, arrow: bool) -> None:
    data = b"".join(parts)
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as d:
        mp.setattr(enc, "CHUNK", chunk)
        mp.setattr(enc, "SJIS_FROM_DECODE_MIN", 0 if from_decode else 1 << 40)
        mp.setattr(enc, "_arrow_for_utf8", lambda size: arrow)
        p = Path(d) / "f.csv"
        p.write_bytes(data)
        assert enc._count_line_endings(p, 0) == _line_endings_reference(data)
        try:
            info = enc.detect_encoding(p)
        except enc.UndecodableError:
            assert not any(_strict(data, c) for c in ("utf-8", "cp932", "euc_jp"))
            return
        body = data[3:] if info.bom else data
        assert _strict(body, info.encoding.replace("-sig", ""))
        assert info.line_endings == _line_endings_reference(body)
        if info.encoding == "cp932":
            assert not _strict(data, "utf-8")
            assert info.strict_shift_jis_ok is _strict(data, "shift_jis")
        if info.encoding == "euc_jp":
            assert not _strict(data, "utf-8")


@pytest.mark.parametrize("text,expected", [
    ("名称,住所\r\n①号館,鳥取市\r\n", False),          # NEC row 13 (0x8740)
    ("名称,住所\r\nA館,鳥取市∵\r\n", True),            # ∵ from JIS X 0208 (0x81E6), the same character as 0x879A
    ("名称,住所\r\nA館,鳥取市\r\n", True),
    ("名称,住所\r\n髙橋,鳥取市\r\n", False),            # IBM extension 髙
])
def test_strict_shift_jis_answer_from_the_decode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                                                 expected: bool) -> None:
    p = tmp_path / "s.csv"
    p.write_bytes(text.encode("cp932") * 3)
    monkeypatch.setattr(enc, "SJIS_FROM_DECODE_MIN", 0)
    info = enc.detect_encoding(p)
    assert info.encoding == "cp932" and info.strict_shift_jis_ok is expected
    assert info.strict_shift_jis_ok is _strict(p.read_bytes(), "shift_jis")
    assert info.line_endings == {"crlf": 6, "lf": 0, "cr": 0}


def test_same_character_from_nec_row_13(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """∵ as NEC row 13 (0x879A) decodes like JIS ∵ (0x81E6) but strict shift_jis rejects it: decided on bytes."""
    p = tmp_path / "n.csv"
    p.write_bytes("名称\r\n".encode("cp932") + b"A\x87\x9a\r\n")
    monkeypatch.setattr(enc, "SJIS_FROM_DECODE_MIN", 0)
    info = enc.detect_encoding(p)
    assert info.encoding == "cp932" and info.strict_shift_jis_ok is False
    assert "NEC/IBM" in info.reason_en


def test_head_boundary_and_chardet_only_when_both_decode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a character split across the 64 KiB head: the head still counts as decodable
    p = tmp_path / "big.csv"
    row = "鳥取県,鳥取市\r\n".encode("cp932")
    data = b"a" * (65536 - 1) + "鳥".encode("cp932") + row * 10
    p.write_bytes(data)
    info = enc.detect_encoding(p)
    assert info.encoding == "cp932" and info.strict_shift_jis_ok is True
    assert info.line_endings == {"crlf": 10, "lf": 0, "cr": 0}
    # EUC-JP hiragana decode as CP932 half-width katakana too: chardet decides the order, as before
    q = tmp_path / "euc.csv"
    q.write_bytes(("あいうえお,かきくけこ\r\n" * 50).encode("euc_jp"))
    calls: list[bytes] = []
    import chardet

    real = chardet.detect

    def spy(b: bytes) -> dict[str, object]:
        calls.append(b)
        return real(b)  # type: ignore[return-value]

    monkeypatch.setattr(chardet, "detect", spy)
    info2 = enc.detect_encoding(q)
    assert calls and info2.encoding in ("euc_jp", "cp932")
    calls.clear()
    r = tmp_path / "sjis.csv"
    r.write_bytes(row * 10)
    assert enc.detect_encoding(r).encoding == "cp932"
    assert not calls            # the CP932 head does not decode as EUC-JP: no guess needed


def test_rejected_starts_agree_with_the_codecs() -> None:
    """Strict shift_jis rejects a valid CP932 sequence iff its first byte is in _SJIS_REJECTED_START, and
    CP932 starts a two-byte sequence at exactly the _LEAD bytes."""
    for first in range(256):
        seqs = [bytes([first])] if not enc._LEAD[first] else [bytes([first, t]) for t in range(256)]
        for seq in seqs:
            if not _strict(seq, "cp932") or len(seq.decode("cp932")) != 1:
                continue
            assert (not _strict(seq, "shift_jis")) is bool(enc._SJIS_REJECTED_START[first]), seq
    for first in range(256):      # a lead byte alone is an incomplete sequence, any other byte a character
        assert _strict(bytes([first]), "cp932") is (not enc._LEAD[first])
    b = np.arange(256, dtype=np.uint8)    # the comparisons _sjis_rejected_in uses are the table
    assert ((b >= 0xED) | (b == 0x87) | (b == 0x80) | (b == 0xA0)).tolist() == enc._SJIS_REJECTED_START.tolist()


def test_long_runs_of_lead_range_bytes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Runs longer than _RUN_LIMIT leave a chunk undecided (a strict shift_jis pass settles the file unless
    another chunk has a rejected sequence); every limit gives the codec's answer."""
    p = tmp_path / "runs.csv"
    for tail in ("", "①", "∵", "\u2235①"):
        text = "亜" * 100 + tail + "亜" * 50 + "\r\n"
        p.write_bytes(("名称\r\n" + text * 3).encode("cp932"))
        for limit in (2, 32, 1000):
            monkeypatch.setattr(enc, "_RUN_LIMIT", limit)
            monkeypatch.setattr(enc, "CHUNK", 7)
            info = enc.detect_encoding(p)
            assert info.strict_shift_jis_ok is _strict(p.read_bytes(), "shift_jis"), (tail, limit)
