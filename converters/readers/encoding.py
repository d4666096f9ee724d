"""Decide a text file's encoding from the whole file, and say why.

The chain (research/libs.md §2.1, 26/27 on short Japanese samples):
BOM (UTF-8 / UTF-16) → strict UTF-8 over the *whole* file → chardet limited to CP932/EUC-JP on the
first 64 KiB → a strict decode of the whole file with that codec (CP932 first: it is Shift_JIS plus
the NEC/IBM extensions ①②㈲Ⅰ№ that break Python's strict ``shift_jis``).  Never a Western code page:
if nothing decodes the whole file cleanly, the file is reported as undecodable.

Streaming: the file is read in 1 MiB chunks through incremental decoders, so memory does not grow
with the file.  The pass that decides also counts record terminators (CRLF / LF / CR outside quoted
fields) and, for a large CP932 file, answers "would strict shift_jis decode it?" from the decoded
text, so a CP932 file is read once instead of four times.  chardet runs only when the first 64 KiB
decode both as CP932 and as EUC-JP: otherwise only one of the two can decode the whole file and the
guess could not change the result.
"""

from __future__ import annotations

import codecs
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

CHUNK = 1 << 20

ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8（BOM付き）",
    "cp932": "Shift_JIS（CP932）",
    "euc_jp": "EUC-JP",
    "utf-16": "UTF-16（BOM付き）",
}
ENCODING_LABELS_EN = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "cp932": "Shift_JIS (CP932)",
    "euc_jp": "EUC-JP",
    "utf-16": "UTF-16 with BOM",
}


class UndecodableError(Exception):
    """No supported Japanese encoding decodes the whole file."""

    def __init__(self, message_ja: str, message_en: str, offset: int | None = None):
        super().__init__(message_en)
        self.message_ja = message_ja
        self.message_en = message_en
        self.offset = offset


@dataclass
class EncodingInfo:
    encoding: str                 # Python codec name: utf-8, utf-8-sig, cp932, euc_jp, utf-16
    bom: bool
    reason_ja: str
    reason_en: str
    size: int = 0
    line_endings: dict[str, int] = field(default_factory=lambda: {"crlf": 0, "lf": 0, "cr": 0})
    strict_shift_jis_ok: bool | None = None   # for CP932 files: would Python's strict shift_jis decode it?

    @property
    def label(self) -> str:
        return ENCODING_LABELS.get(self.encoding, self.encoding)

    @property
    def label_en(self) -> str:
        return ENCODING_LABELS_EN.get(self.encoding, self.encoding)

    @property
    def is_utf8(self) -> bool:
        return self.encoding in ("utf-8", "utf-8-sig")

    def to_dict(self) -> dict[str, object]:
        return {"encoding": self.encoding, "label": self.label, "label_en": self.label_en, "bom": self.bom,
                "reason_ja": self.reason_ja, "reason_en": self.reason_en, "size": self.size,
                "line_endings": dict(self.line_endings)}


def _strict_decodes(path: Path, codec: str, skip: int = 0) -> tuple[bool, int | None]:
    """Decode the whole file incrementally; return (ok, byte offset of the first error)."""
    r = _scan(path, codec, skip)
    return r.ok, r.offset


def whole_file_decodes(path: str | Path, codec: str) -> tuple[bool, int | None]:
    """Does the whole file decode strictly with ``codec`` (a given encoding, e.g. a recipe's)?  (ok, offset of the
    first error).  An unknown codec answers yes: the caller's own lookup reports it."""
    skip = 0
    if codec == "utf-8-sig":
        codec, skip = "utf-8", 3
    try:
        codecs.lookup(codec)
    except LookupError:
        return True, None
    return _strict_decodes(Path(path), codec, skip)


# From this size on (every file), the strict shift_jis question is answered during the CP932 pass (on the
# bytes, about 1 ms per MiB) instead of by a second strict decode of the whole file (about 10 ms per MiB).
# Tests raise it to compare both ways.
SJIS_FROM_DECODE_MIN = 0
class _LineEndings:
    """Record terminators (CRLF / LF / CR) outside double-quoted fields, counted chunk by chunk.

    A newline byte is inside quotes iff an odd number of quote bytes precede it; doubled quotes ("")
    keep the parity, so the rule holds for RFC 4180 files (an ASCII-compatible encoding is assumed).
    A chunk without a quote byte is counted directly; otherwise only the positions of the quotes and of
    the CR/LF bytes are looked at (numpy).  A CRLF split across two chunks counts once.
    (numpy's comparisons beat ``bytes.count``, which takes 0.5 ms per MiB for one byte and 1.1 for CRLF.)
    """

    def __init__(self, quote: int = 0x22):
        self.quote = quote
        self.q = bytes([quote])
        self.crlf = self.lf = self.cr = 0
        self.parity = 0
        self.carry_cr = False     # the previous chunk ended with a CR outside quotes

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        b = np.frombuffer(chunk, dtype=np.uint8)
        if chunk.find(self.q) < 0:           # a memchr: most chunks of most files have no quote
            nq = 0
            if self.parity:
                return           # the whole chunk is inside one quoted field (so no CR was carried)
            n_lf = int(np.count_nonzero(b == 0x0A))
            crp = np.flatnonzero(b == 0x0D)
            n_cr = len(crp)
            inner = crp[crp + 1 < len(b)]
            n_pair = int(np.count_nonzero(b[inner + 1] == 0x0A))
        else:
            qpos = np.flatnonzero(b == self.quote)
            nq = len(qpos)
            lfp = np.flatnonzero(b == 0x0A)
            crp = np.flatnonzero(b == 0x0D)
            lfp = lfp[((np.searchsorted(qpos, lfp) + self.parity) & 1) == 0]
            crp = crp[((np.searchsorted(qpos, crp) + self.parity) & 1) == 0]
            n_lf, n_cr = len(lfp), len(crp)
            inner = crp[crp + 1 < len(b)]
            n_pair = int(np.count_nonzero(b[inner + 1] == 0x0A))   # an LF right after an outside CR is outside
            self.parity = (self.parity + nq) & 1
        if self.carry_cr:
            if chunk[0] == 0x0A:
                self.crlf += 1
                n_lf -= 1
            else:
                self.cr += 1
        self.crlf += n_pair
        self.lf += n_lf - n_pair
        self.carry_cr = chunk[-1] == 0x0D and not self.parity
        self.cr += n_cr - n_pair - (1 if self.carry_cr else 0)

    def result(self) -> dict[str, int]:
        return {"crlf": self.crlf, "lf": self.lf, "cr": self.cr + (1 if self.carry_cr else 0)}


# CP932's own decoder: every byte 0x81-0x9F / 0xE0-0xFC starts a two-byte sequence, any other byte is a
# character by itself.  Strict shift_jis rejects exactly the CP932 sequences that start with one of the
# bytes in _SJIS_REJECTED_START (NEC row 13 at 0x87, the NEC-selected IBM extensions at 0xED/0xEE, the
# user-defined area 0xF0-0xF9, the IBM extensions 0xFA-0xFC, the single bytes 0x80, 0xA0, 0xFD-0xFF; 0xEF
# starts no valid CP932 sequence, so it is in the set too, which makes it 0x80, 0x87, 0xA0 and 0xED-0xFF);
# tests/readers/test_whole_file_passes.py checks this against the codecs.
_LEAD = np.zeros(256, dtype=bool)
_LEAD[0x81:0xA0] = True
_LEAD[0xE0:0xFD] = True
_SJIS_REJECTED_START = np.zeros(256, dtype=bool)
_SJIS_REJECTED_START[[0x80, 0x87, 0xA0]] = True
_SJIS_REJECTED_START[0xED:] = True
_RUN_LIMIT = 32


def _sjis_rejected_in(b: np.ndarray, starts_with_trail: bool) -> bool | None:
    """Does this chunk of a CP932 file hold a sequence that strict shift_jis rejects?  None when a run of
    lead-range bytes is too long to settle cheaply.

    Only the bytes that could start such a sequence are looked at: one is a sequence start iff the run
    of lead-range bytes right before it (back to the last other byte, or to the chunk start, whose first
    byte may complete the previous chunk's last character) has an even length.
    """
    # _SJIS_REJECTED_START by comparisons (five times faster than indexing the table with every byte)
    cand = np.flatnonzero((b >= 0xED) | (b == 0x87) | (b == 0x80) | (b == 0xA0))
    if not cand.size:
        return False
    run = np.zeros(len(cand), dtype=np.int64)        # lead-range bytes seen so far right before each
    active = np.arange(len(cand))
    for _ in range(_RUN_LIMIT):
        prev = cand[active] - run[active] - 1
        inside = prev >= 0
        lead = np.zeros(len(active), dtype=bool)
        lead[inside] = _LEAD[b[prev[inside]]]
        run[active[lead]] += 1
        # a run that reaches the chunk start: the first byte is a trail when the decoder held a lead byte
        at_start = active[~inside]
        if at_start.size and starts_with_trail:
            run[at_start] -= 1
        active = active[lead]
        if not active.size:
            return bool(((run & 1) == 0).any())
    return None


@dataclass
class _ScanResult:
    ok: bool
    offset: int | None = None                     # byte offset of the first decoding error
    line_endings: dict[str, int] | None = None
    strict_shift_jis_ok: bool | None = None


# From this size on (from 64 KiB once pyarrow is imported anyway, as in the validator and the converter),
# UTF-8 is validated by Arrow (about 0.8 ms per MiB) instead of decoded by Python (about 2.5 ms per MiB);
# Python still decodes a file Arrow refuses, to say where the error is.
UTF8_ARROW_MIN = 8 << 20
UTF8_ARROW_MIN_LOADED = 64 << 10


def _arrow_for_utf8(size: int) -> bool:
    return size >= UTF8_ARROW_MIN or (size >= UTF8_ARROW_MIN_LOADED and "pyarrow" in sys.modules)


def _utf8_valid(data: bytes) -> bool:
    """Is ``data`` complete, valid UTF-8?  Arrow's validation of a one-value string array built on the
    bytes (no copy); the same acceptance as Python's strict decoder (a test compares them)."""
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    arr = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        arr.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _utf8_cut(data: bytes) -> int:
    """Where the last, incomplete character of ``data`` starts (``len(data)`` when none is cut off)."""
    n = len(data)
    for i in range(n - 1, max(n - 4, -1), -1):
        b = data[i]
        if b < 0x80:
            return n
        if b >= 0xC0:
            need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
            return i if n - i < need else n
    return n


def _scan_utf8_arrow(path: Path, skip: int, line_endings: bool) -> _ScanResult | None:
    """``_scan`` for UTF-8 with Arrow's validator; None when the file is not valid UTF-8."""
    counter = _LineEndings() if line_endings else None
    carry = b""
    with path.open("rb") as f:
        f.seek(skip)
        while chunk := f.read(CHUNK):
            if counter is not None:
                counter.feed(chunk)
            data = carry + chunk if carry else chunk
            cut = _utf8_cut(data)
            if not _utf8_valid(data[:cut] if cut < len(data) else data):
                return None
            carry = data[cut:]
    if carry:
        return None
    return _ScanResult(True, None, counter.result() if counter is not None else None, None)


def _scan(path: Path, codec: str, skip: int = 0, *, line_endings: bool = False,
          shift_jis: bool = False) -> _ScanResult:
    """One streaming pass over the file: a strict incremental decode with ``codec``, and on the same
    chunks, optionally, the line-ending count and (for CP932) whether strict ``shift_jis`` would decode it.

    The shift_jis answer comes from the bytes (``_sjis_rejected_in``): a sequence that starts with a byte
    strict shift_jis rejects decides "no", a file without one decides "yes".  Only a file with a chunk
    the bytes cannot settle cheaply (a run of more than ``_RUN_LIMIT`` lead-range bytes before a
    candidate) and no rejected sequence elsewhere is decoded a second time with strict shift_jis.
    """
    if codec == "utf-8" and _arrow_for_utf8(path.stat().st_size):
        fast = _scan_utf8_arrow(path, skip, line_endings)
        if fast is not None:
            return fast
    dec = codecs.getincrementaldecoder(codec)(errors="strict")
    counter = _LineEndings() if line_endings else None
    sjis: bool | None = None
    undecided = False
    trail = False
    pos = skip
    with path.open("rb") as f:
        f.seek(skip)
        while True:
            chunk = f.read(CHUNK)
            final = not chunk
            try:
                dec.decode(chunk, final=final)
            except UnicodeDecodeError as e:
                return _ScanResult(False, pos + e.start)
            if final:
                break
            if counter is not None:
                counter.feed(chunk)
            if shift_jis and sjis is None:
                # on the bytes: a sequence split across chunks starts (and is found) in the first one
                found = _sjis_rejected_in(np.frombuffer(chunk, dtype=np.uint8), trail)
                if found is None:
                    undecided = True    # a very long run of lead-range bytes: settled by a strict pass
                elif found:
                    sjis = False
            if shift_jis:
                trail = len(dec.getstate()[0]) == 1     # a lead byte waits for this chunk's successor
            pos += len(chunk)
    if shift_jis and sjis is None:
        sjis = _scan(path, "shift_jis", skip).ok if undecided else True
    return _ScanResult(True, None, counter.result() if counter is not None else None, sjis)


def _count_line_endings(path: Path, skip: int, quote: int = 0x22) -> dict[str, int]:
    """Count record terminators outside double-quoted fields (an ASCII-compatible encoding is assumed)."""
    counter = _LineEndings(quote)
    with path.open("rb") as f:
        f.seek(skip)
        while chunk := f.read(CHUNK):
            counter.feed(chunk)
    return counter.result()


def _head_decodes(head: bytes, codec: str, whole: bool) -> bool:
    """Does the start of the file decode strictly (an incomplete last character is not an error unless
    ``head`` is the whole file)?  If not, the whole file cannot decode either."""
    try:
        codecs.getincrementaldecoder(codec)(errors="strict").decode(head, final=whole)
    except UnicodeDecodeError:
        return False
    return True


def _codec_order(head: bytes, whole: bool) -> list[str]:
    """The Japanese codecs to try on a file that is not UTF-8, in order: those that decode its first 64 KiB
    (``whole``: the file itself), CP932 first unless chardet, asked only when both do, says EUC-JP."""
    order = [c for c in ("cp932", "euc_jp") if _head_decodes(head, c, whole)]
    if len(order) == 2:
        import chardet

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = chardet.detect(head)
            guess = (res.get("encoding") or "").lower().replace("-", "_")
        if guess in ("euc_jp",):
            order = ["euc_jp", "cp932"]
    return order


def _utf8_info(head: bytes, size: int) -> EncodingInfo:
    """The decision for a file that decodes as UTF-8 throughout, from its first 64 KiB and its size."""
    if head.startswith(codecs.BOM_UTF8):
        return EncodingInfo("utf-8-sig", True, "先頭にUTF-8のBOMがあり、ファイル全体がUTF-8として読めます",
                            "UTF-8 byte-order mark, and the whole file decodes as UTF-8")
    reason = ("ファイル全体がUTF-8として読めます" if any(b >= 0x80 for b in head) or size > len(head)
              else "ASCII文字だけのファイルです（UTF-8として扱います）")
    return EncodingInfo("utf-8", False, reason, "the whole file decodes as UTF-8")


def written_utf8_info(path: str | Path) -> EncodingInfo:
    """``detect_encoding(path, count_line_endings=False)`` for a file this program wrote as UTF-8 from Python
    or Arrow strings (valid UTF-8 by construction), without the whole-file pass: only its start is read."""
    p = Path(path)
    size = p.stat().st_size
    with p.open("rb") as f:
        head = f.read(65536)
    info = _utf8_info(head, size)
    info.size = size
    return info


def detect_encoding(path: str | Path, *, count_line_endings: bool = True) -> EncodingInfo:
    """Decide the encoding of the whole file.  Raises UndecodableError when none fits.

    Every whole-file pass streams, and the line endings are counted in the pass that decides.  chardet
    only runs when the first 64 KiB decode both as CP932 and as EUC-JP (otherwise it could not change
    the order that matters), and the strict shift_jis question is answered from the CP932 decode.
    """
    p = Path(path)
    size = p.stat().st_size
    with p.open("rb") as f:
        head = f.read(65536)
    info: EncodingInfo | None = None
    counted: dict[str, int] | None = None
    if head.startswith(codecs.BOM_UTF8):
        r = _scan(p, "utf-8", 3, line_endings=count_line_endings)
        if not r.ok:
            off = r.offset
            raise UndecodableError(f"UTF-8のBOMがありますが、{off}バイト目以降がUTF-8として読めません。",
                                   f"UTF-8 BOM present but byte {off} is not valid UTF-8.", off)
        counted = r.line_endings
        info = _utf8_info(head, size)
    elif head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        ok, off = _strict_decodes(p, "utf-16")
        if not ok:
            raise UndecodableError("UTF-16のBOMがありますが、ファイル全体をUTF-16として読めません。",
                                   "UTF-16 BOM present but the file does not decode as UTF-16.", off)
        return EncodingInfo("utf-16", True, "先頭にUTF-16のBOMがあります", "UTF-16 byte-order mark", size)
    else:
        r = _scan(p, "utf-8", line_endings=count_line_endings)
        off = r.offset
        if r.ok:
            counted = r.line_endings
            info = _utf8_info(head, size)
        else:
            for codec in _codec_order(head, size <= len(head)):
                table = codec == "cp932" and size >= SJIS_FROM_DECODE_MIN
                r2 = _scan(p, codec, line_endings=count_line_endings, shift_jis=table)
                if r2.ok:
                    counted = r2.line_endings
                    sjis_ok = r2.strict_shift_jis_ok if table else (
                        _strict_decodes(p, "shift_jis")[0] if codec == "cp932" else None)
                    why_ja = (f"UTF-8としては{off}バイト目で読めず、ファイル全体が{ENCODING_LABELS[codec]}として読めます"
                              + ("（NEC/IBM拡張文字を含むため厳密なShift_JISでは読めません）" if sjis_ok is False else ""))
                    why_en = (f"not UTF-8 (byte {off}); the whole file decodes as {ENCODING_LABELS_EN[codec]}"
                              + (" (it has NEC/IBM extension characters that strict shift_jis rejects)"
                                 if sjis_ok is False else ""))
                    info = EncodingInfo(codec, False, why_ja, why_en, strict_shift_jis_ok=sjis_ok)
                    break
            if info is None:
                raise UndecodableError(
                    "文字コードを判定できません（UTF-8、Shift_JIS（CP932）、EUC-JPのいずれでもファイル全体を読めません）。"
                    "UTF-8で保存し直してください。",
                    "Cannot determine the encoding: the file is not valid UTF-8, CP932 or EUC-JP throughout.", off)
    info.size = size
    if count_line_endings and counted is not None:
        info.line_endings = counted
    return info


def provisional_encoding(path: str | Path) -> EncodingInfo | None:
    """The codec ``detect_encoding`` will choose, decided from the first 64 KiB when they settle it, or None.

    They settle it when they are not UTF-8 (an invalid sequence before their last bytes: then the whole file is
    not UTF-8 either) and CP932 or EUC-JP decodes them: ``detect_encoding`` then tries those codecs in the order
    this function takes the first of.  What only the whole file tells -- whether that codec decodes all of it,
    strict shift_jis, the line endings -- is left for ``detect_encoding`` itself, run meanwhile in another
    process (converters.readers.whole_file); the caller must compare its answer and start again on a
    difference.  The reasons given here are placeholders until then."""
    p = Path(path)
    size = p.stat().st_size
    with p.open("rb") as f:
        head = f.read(65536)
    if size <= len(head) or head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        head.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        if e.end >= len(head) - 3:      # maybe only a character cut at the end of the sample
            return None
    order = _codec_order(head, False)
    if not order:
        return None
    info = EncodingInfo(order[0], False, "", "")
    info.size = size
    return info


def record_end_offset(path: str | Path, n_records: int, *, start: int = 0, quote: int = 0x22,
                      opener: Callable[[], BinaryIO] | None = None) -> int:
    """Byte offset just after the first ``n_records`` CSV records (quoted line breaks respected).

    Returns the file size when the file has fewer records.  ASCII-compatible encodings only.
    ``opener`` returns a fresh binary file object of the file (by default the path is opened).
    """
    p = Path(path)
    if n_records <= 0:
        return start
    parity = 0
    pos = start
    seen = 0
    with (opener() if opener is not None else p.open("rb")) as f:
        f.seek(start)
        while chunk := f.read(CHUNK):
            b = np.frombuffer(chunk, dtype=np.uint8)
            q = (b == quote).astype(np.int64)
            cq = np.cumsum(q)
            inside = ((cq - q + parity) & 1).astype(bool)
            parity = int((parity + int(cq[-1])) & 1)
            ends = np.flatnonzero((b == 0x0A) & ~inside)
            # a bare CR (old Mac) also ends a record when not followed by LF
            crs = np.flatnonzero((b == 0x0D) & ~inside)
            if len(crs):
                bare = crs[(crs + 1 >= len(b)) | (b[np.minimum(crs + 1, len(b) - 1)] != 0x0A)]
                bare = bare[bare + 1 < len(b)]
                if len(bare):
                    ends = np.sort(np.concatenate([ends, bare]))
            if seen + len(ends) >= n_records:
                return pos + int(ends[n_records - seen - 1]) + 1
            seen += len(ends)
            pos += len(chunk)
    return pos
