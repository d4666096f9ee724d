"""Decide a text file's encoding from the whole file, and say why.

The chain (research/libs.md §2.1, 26/27 on short Japanese samples):
BOM (UTF-8 / UTF-16) → strict UTF-8 over the *whole* file → chardet limited to CP932/EUC-JP on the
first 64 KiB → a strict decode of the whole file with that codec (CP932 first: it is Shift_JIS plus
the NEC/IBM extensions ①②㈲Ⅰ№ that break Python's strict ``shift_jis``).  Never a Western code page:
if nothing decodes the whole file cleanly, the file is reported as undecodable.

Streaming: the file is read in 1 MiB chunks through incremental decoders, so memory does not grow
with the file.  The same pass counts record terminators (CRLF / LF / CR outside quoted fields).
"""

from __future__ import annotations

import codecs
import warnings
from dataclasses import dataclass, field
from pathlib import Path

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
    dec = codecs.getincrementaldecoder(codec)(errors="strict")
    pos = skip
    with path.open("rb") as f:
        f.seek(skip)
        while True:
            chunk = f.read(CHUNK)
            final = not chunk
            try:
                dec.decode(chunk, final=final)
            except UnicodeDecodeError as e:
                return False, pos + e.start
            if final:
                return True, None
            pos += len(chunk)


def _count_line_endings(path: Path, skip: int, quote: int = 0x22) -> dict[str, int]:
    """Count record terminators outside double-quoted fields (an ASCII-compatible encoding is assumed).

    A newline byte is inside quotes iff an odd number of quote bytes precede it; doubled quotes ("")
    keep the parity, so the rule holds for RFC 4180 files.  Vectorised with numpy per chunk.
    """
    crlf = lf = cr = 0
    parity = 0
    carry_cr = False  # the previous chunk ended with a CR outside quotes
    with path.open("rb") as f:
        f.seek(skip)
        while chunk := f.read(CHUNK):
            b = np.frombuffer(chunk, dtype=np.uint8)
            q = (b == quote).astype(np.int64)
            cq = np.cumsum(q)
            inside = ((cq - q + parity) & 1).astype(bool)
            parity = int((parity + int(cq[-1])) & 1)
            is_lf = (b == 0x0A) & ~inside
            is_cr = (b == 0x0D) & ~inside
            n_lf, n_cr = int(is_lf.sum()), int(is_cr.sum())
            if carry_cr:
                if is_lf[0]:
                    crlf += 1
                    n_lf -= 1
                else:
                    cr += 1
            n_pair = int((is_cr[:-1] & is_lf[1:]).sum())
            crlf += n_pair
            lf += n_lf - n_pair
            carry_cr = bool(is_cr[-1])
            cr += n_cr - n_pair - (1 if carry_cr else 0)
    if carry_cr:
        cr += 1
    return {"crlf": crlf, "lf": lf, "cr": cr}


def detect_encoding(path: str | Path, *, count_line_endings: bool = True) -> EncodingInfo:
    """Decide the encoding of the whole file.  Raises UndecodableError when none fits."""
    p = Path(path)
    size = p.stat().st_size
    with p.open("rb") as f:
        head = f.read(65536)
    info: EncodingInfo | None = None
    if head.startswith(codecs.BOM_UTF8):
        ok, off = _strict_decodes(p, "utf-8", skip=3)
        if not ok:
            raise UndecodableError(f"UTF-8のBOMがありますが、{off}バイト目以降がUTF-8として読めません。",
                                   f"UTF-8 BOM present but byte {off} is not valid UTF-8.", off)
        info = EncodingInfo("utf-8-sig", True, "先頭にUTF-8のBOMがあり、ファイル全体がUTF-8として読めます",
                            "UTF-8 byte-order mark, and the whole file decodes as UTF-8")
    elif head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        ok, off = _strict_decodes(p, "utf-16")
        if not ok:
            raise UndecodableError("UTF-16のBOMがありますが、ファイル全体をUTF-16として読めません。",
                                   "UTF-16 BOM present but the file does not decode as UTF-16.", off)
        return EncodingInfo("utf-16", True, "先頭にUTF-16のBOMがあります", "UTF-16 byte-order mark", size)
    else:
        ok, off = _strict_decodes(p, "utf-8")
        if ok:
            reason = ("ファイル全体がUTF-8として読めます" if any(b >= 0x80 for b in head) or size > len(head)
                      else "ASCII文字だけのファイルです（UTF-8として扱います）")
            info = EncodingInfo("utf-8", False, reason, "the whole file decodes as UTF-8")
        else:
            import chardet

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = chardet.detect(head)
                guess = (r.get("encoding") or "").lower().replace("-", "_")
            order = ["euc_jp", "cp932"] if guess in ("euc_jp",) else ["cp932", "euc_jp"]
            for codec in order:
                ok2, _ = _strict_decodes(p, codec)
                if ok2:
                    sjis_ok = _strict_decodes(p, "shift_jis")[0] if codec == "cp932" else None
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
    if count_line_endings:
        info.line_endings = _count_line_endings(p, 3 if info.bom else 0)
    return info


def record_end_offset(path: str | Path, n_records: int, *, start: int = 0, quote: int = 0x22) -> int:
    """Byte offset just after the first ``n_records`` CSV records (quoted line breaks respected).

    Returns the file size when the file has fewer records.  ASCII-compatible encodings only.
    """
    p = Path(path)
    if n_records <= 0:
        return start
    parity = 0
    pos = start
    seen = 0
    with p.open("rb") as f:
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
