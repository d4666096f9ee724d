"""Sniff a CSV dialect and measure the shape of the whole file without parsing it in Python.

``sniff_delimiter`` counts comma, tab and semicolon *outside double quotes* per record over the
first records and keeps the one with the most consistent count (``csv.Sniffer`` guesses wrong on
Japanese text).  ``field_counts`` counts fields per record over the whole file with numpy, chunk by
chunk (record ends and delimiters outside quotes), so the reader knows the widest record before
it streams the rows; it needs an ASCII-compatible encoding (UTF-8, CP932, EUC-JP: none of their
multi-byte sequences contains a byte below 0x40).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CHUNK = 1 << 20
CANDIDATES = (",", "\t", ";")
_NAMES = {",": ("カンマ", "comma"), "\t": ("タブ", "tab"), ";": ("セミコロン", "semicolon")}


def delimiter_name(d: str) -> tuple[str, str]:
    return _NAMES.get(d, (repr(d), repr(d)))


def split_records(text: str, limit: int = 60) -> list[str]:
    """The first ``limit`` complete records of ``text`` (line breaks inside quotes kept)."""
    out: list[str] = []
    start = 0
    inside = False
    i, n = 0, len(text)
    while i < n and len(out) < limit:
        ch = text[i]
        if ch == '"':
            inside = not inside
        elif not inside and ch in "\r\n":
            out.append(text[start:i])
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            start = i + 1
        i += 1
    return out


def count_outside_quotes(record: str, delimiter: str) -> int:
    inside = False
    n = 0
    for ch in record:
        if ch == '"':
            inside = not inside
        elif ch == delimiter and not inside:
            n += 1
    return n


def _quoted_fields(records: list[str], delimiter: str) -> tuple[int, int]:
    """(fields, fields that start with a double quote) over some records."""
    fields = quoted = 0
    for rec in records:
        inside = False
        at_start = True
        for ch in rec:
            if at_start:
                fields += 1
                quoted += ch == '"'
                at_start = False
            if ch == '"':
                inside = not inside
            elif ch == delimiter and not inside:
                at_start = True
        if at_start:
            fields += 1      # an empty last field
    return fields, quoted


@dataclass
class DelimiterGuess:
    delimiter: str
    fields: int            # the usual number of fields per record
    consistency: float     # share of records with that number
    quoted: str            # "all" | "some" | "none"


def sniff_delimiter(text: str, prefer: str | None = None) -> DelimiterGuess:
    records = [r for r in split_records(text) if r.strip()]
    if len(records) > 1 and not text.endswith(("\n", "\r")):
        records = records[:-1] or records
    best: tuple[float, int, str] | None = None
    stats: dict[str, tuple[int, float]] = {}
    for d in CANDIDATES:
        counts = [count_outside_quotes(r, d) for r in records]
        nonzero = [c for c in counts if c]
        if not nonzero:
            continue
        mode, freq = Counter(nonzero).most_common(1)[0]
        consistency = freq / len(counts)
        at_least = sum(1 for c in counts if c >= mode) / len(counts)
        stats[d] = (mode + 1, consistency)
        score = (min(1.0, at_least) ** 2) * (0.5 + consistency) * min(mode, 50) * (1.5 if d == prefer else 1.0)
        if best is None or score > best[0]:
            best = (score, mode + 1, d)
    fields, quoted_fields = _quoted_fields(records[:20], best[2] if best else ",")
    quoted = "none" if quoted_fields == 0 else ("all" if quoted_fields == fields else "some")
    if best is None:
        d = prefer if prefer in CANDIDATES else ","
        return DelimiterGuess(d, 1, 1.0, quoted)
    return DelimiterGuess(best[2], best[1], stats[best[2]][1], quoted)


def field_counts(path: str | Path, delimiter: str, skip: int = 0, quote: int = 0x22) -> Counter[int]:
    """Histogram {fields per record: records} over the whole file (blank lines count as 1 field).

    Only positions are handled: the quotes, the CR/LF bytes and the delimiters of each chunk
    (``np.flatnonzero``), and a position is inside quotes iff an odd number of quotes precede it
    (``np.searchsorted``).  A chunk without a quote skips that step.  A bare CR ends a record; the LF
    of a CRLF split across two chunks does not end another one.
    """
    p = Path(path)
    d = ord(delimiter)
    qb = bytes([quote])
    hist: Counter[int] = Counter()
    parity = 0
    carry = 0            # delimiters seen since the last record end
    pending = False      # bytes seen since the last record end
    prev_cr = False      # the previous chunk ended with a CR outside quotes
    with p.open("rb") as f:
        f.seek(skip)
        while chunk := f.read(CHUNK):
            n = len(chunk)
            quoted = chunk.find(qb) >= 0        # a memchr, unlike bytes.count
            if not quoted and parity:
                pending = True          # the whole chunk is inside one quoted field
                prev_cr = False
                continue
            b = np.frombuffer(chunk, dtype=np.uint8)
            lf = np.flatnonzero(b == 0x0A)
            cr = np.flatnonzero(b == 0x0D)
            delims = np.flatnonzero(b == d)
            if quoted:
                qpos = np.flatnonzero(b == quote)
                nq = len(qpos)
                lf = lf[((np.searchsorted(qpos, lf) + parity) & 1) == 0]
                cr = cr[((np.searchsorted(qpos, cr) + parity) & 1) == 0]
                delims = delims[((np.searchsorted(qpos, delims) + parity) & 1) == 0]
                parity = (parity + nq) & 1
            if len(cr):
                # a CR followed by an LF ends its record at the LF (an LF right after an outside CR is outside)
                inner = cr[cr + 1 < n]
                bare = np.concatenate([inner[b[inner + 1] != 0x0A], cr[cr + 1 >= n]])
            else:
                bare = cr
            split_lf = prev_cr and len(lf) > 0 and lf[0] == 0
            if split_lf:
                lf = lf[1:]             # the LF of a CRLF split across chunks: the CR already ended it
            prev_cr = bool(len(bare) and bare[-1] == n - 1)
            ends = np.sort(np.concatenate([lf, bare])) if len(bare) else lf
            if len(ends):
                before = np.searchsorted(delims, ends)
                per = np.diff(before, prepend=0)
                per[0] += carry
                for k, v in enumerate(np.bincount(per + 1).tolist()):
                    if v:
                        hist[k] += v
                carry = len(delims) - int(before[-1])
                pending = bool(ends[-1] + 1 < n)
            else:
                carry += len(delims)
                pending = pending or n > (1 if split_lf else 0)   # that LF alone is not a new record
    if pending or carry:
        hist[carry + 1] += 1
    return hist
