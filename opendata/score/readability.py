"""Layer 2: machine readability of the published file (40 points).

Every rule of 行政データにおける機械可読性に関するルール (2026, L1-01 … L3-09) that can be checked
automatically on a CSV, each pass/fail with evidence, the 統一ルール (2020) item beside it.  A rule is
failed by the validator's problem codes mapped to it (docs/score.md); nothing is re-checked here.
Rules about Excel features (L1-10…L1-13, L2-06) concern the source and are scored in ``source.py``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .facts import FileFacts, Group, locations
from .labels import label
from .model import Criterion, Evidence, Layer, failed, passed


@dataclass(frozen=True)
class Rule:
    id: str
    ref2020: str | None
    title_ja: str
    title_en: str
    points: int
    codes: tuple[str, ...]
    measure_ja: str


RULES: tuple[Rule, ...] = (
    Rule("L1-01", "1-1", "機械が直接読み取れる形式（CSV等）", "a format machines read directly (CSV …)", 1, (),
         "CSVとして読めれば合格（読めないファイルは採点しない）"),
    Rule("L1-03", "2-1", "データが分断されていない", "the table is not split", 3, ("blank-row",),
         "blank-row"),
    Rule("L1-04", None, "データ本体と無関係な情報がない", "nothing unrelated to the data", 3,
         ("title-rows-above-header",), "title-rows-above-header"),
    Rule("L1-05", "1-6", "すべての列に項目名がある", "every column has a name", 3, ("header-blank",), "header-blank"),
    Rule("L1-06", "1-5", "スペースや改行で体裁を整えていない", "no spaces/line breaks for layout", 2,
         ("surrounding-space",), "surrounding-space"),
    Rule("L1-07", "1-2", "1セル1データ", "one datum per cell", 3, ("time-range-in-cell", "multi-value-separator"),
         "time-range-in-cell, multi-value-separator"),
    Rule("L1-08", "1-10", "機種依存文字を使用していない", "no platform-dependent characters", 3,
         ("machine-dependent-char",), "machine-dependent-char"),
    Rule("L1-14", None, "【CSV】1行1データ（レコード内に改行がない）", "[CSV] one record per line", 2,
         ("cell-newline",), "cell-newline"),
    Rule("L1-15", None, "【CSV】カンマを含む値をダブルクォートで囲んでいる", "[CSV] values with commas are quoted", 3,
         ("extra-cell", "missing-cell"), "extra-cell, missing-cell"),
    Rule("L2-01", "1-3", "数値データは数値属性で文字列を含まない", "numbers are numbers, no text", 3,
         ("type-integer", "type-number", "latlon-not-number"), "type-integer, type-number, latlon-not-number"),
    Rule("L2-03", None, "各列が一意な項目名を持つ", "every column name is unique", 2, ("header-duplicate",),
         "header-duplicate"),
    Rule("L2-04", None, "選択肢回答が標準化されている", "choices use the standard values", 2, ("enum-value",),
         "enum-value"),
    Rule("L3-01", None, "項目名の行から始まり、次の行からデータ", "the header is row 1, data from row 2", 3,
         ("title-rows-above-header", "multi-row-header"), "title-rows-above-header, multi-row-header"),
    Rule("L3-04", "1-9", "単位は項目名などに記載し、数値に付けない", "units are stated, not written into numbers", 2,
         (), "type-integer / type-number の値が「数値+単位」（90人、1,200円）"),
    Rule("L3-05", "1-11", "時間軸の表記が標準化されている（西暦）", "dates use a standard notation (Western calendar)", 2,
         ("date-wareki", "date-format", "type-date", "date-era-mismatch"),
         "date-wareki, date-format, type-date, date-era-mismatch"),
    Rule("L3-06", "1-12", "地域コード（全国地方公共団体コード）が正しい", "area codes are valid", 1,
         ("localgov-code-format", "localgov-code-length", "localgov-code-checkdigit", "localgov-code-unknown"),
         "localgov-code-*"),
    Rule("L3-08", None, "文字コードの明示（UTF-8）とデータの定義", "encoding stated (UTF-8) and data defined", 2,
         ("encoding-not-utf8",), "encoding-not-utf8（BOMは情報として表示）"),
)
MAX = sum(r.points for r in RULES)

_UNIT = re.compile(r"(約|およそ|[¥$])?\s*[-+]?[0-9][0-9,]*(\.[0-9]+)?\s*([^0-9\s,.+\-]+)")


def has_unit(value: str | None) -> bool:
    """'90人', '1,200円', '約30' (a number with text around it) — not '1,200' or 'abc'."""
    if not value:
        return False
    m = _UNIT.fullmatch(unicodedata.normalize("NFKC", value).strip())
    return bool(m and (m.group(3) or m.group(1)))


def unit_groups(facts: FileFacts) -> list[Group]:
    return [g for g in facts.of("type-integer", "type-number") if any(has_unit(p.value) for p in g.problems)]


def groups_for(rule: Rule, facts: FileFacts) -> list[Group]:
    if rule.id == "L3-04":
        return unit_groups(facts)
    return facts.of(*rule.codes)


def evidence(groups: list[Group], code_label: str | None = None) -> list[Evidence]:
    by_code: dict[str, list[Group]] = {}
    for g in groups:
        by_code.setdefault(code_label or g.code, []).append(g)
    out = []
    for code, gs in by_code.items():
        n = sum(g.count for g in gs)
        ja, en = label(code)
        cols = sorted({g.field for g in gs if g.field})
        where_ja = f"（{'、'.join(cols)}）" if cols else ""
        where_en = f" ({', '.join(cols)})" if cols else ""
        out.append(Evidence(f"{ja} {n}件{where_ja}", f"{en}: {n}{where_en}", n, locations(gs)))
    return out


def criterion(rule: Rule) -> Criterion:
    refs = [rule.id] + ([f"統一ルール {rule.ref2020}"] if rule.ref2020 else [])
    return Criterion(rule.id, rule.title_ja, rule.title_en, rule.points, refs=refs, measure_ja=rule.measure_ja)


def layer(facts: FileFacts) -> Layer:
    crits = []
    for rule in RULES:
        c = criterion(rule)
        gs = groups_for(rule, facts)
        crits.append(failed(c, *evidence(gs, "units" if rule.id == "L3-04" else None)) if gs else passed(c))
        if rule.id == "L3-08" and facts.has("encoding-bom") and not gs:
            c.evidence.append(Evidence("BOM付きUTF-8です（公開ページにBOMありと明記してください）",
                                       "UTF-8 with BOM (state it on the download page)"))
    return Layer("readability", "機械可読性", "machine readability", crits)


def rules_of(group: Group) -> list[str]:
    """The rules a problem group fails (used to group advice)."""
    out = [r.id for r in RULES if group.code in r.codes]
    if group.code in ("type-integer", "type-number") and any(has_unit(p.value) for p in group.problems):
        out.append("L3-04")
    return out
