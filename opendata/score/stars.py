"""Layer 1: Tim Berners-Lee's 5-star open data (10 points, 2 per star) for the published file.

Each star is scored on its own (so one fix never hides behind another); the star *level* shown beside
it counts from ★1 up to the first star that does not hold, as 5stardata.info does.  ★4 and ★5 are
measured on a CSV by proxies documented in docs/score.md: records carry an identifier (a unique ID/NO
or 法人番号 column), and the data uses shared codes that link elsewhere (全国地方公共団体コード,
法人番号, URLs), present and without errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .facts import FileFacts
from .metadata import LICENCES, licence_id
from .model import Criterion, Evidence, Layer, failed, not_assessed, passed
from .readability import evidence

POINTS = 2
MAX = 5 * POINTS
LINK_CHECKS = {"localgov-code": "全国地方公共団体コード", "corporate-number": "法人番号", "url": "URL"}


def _identifier_fields(facts: FileFacts) -> list[str]:
    return [f["name"] for f in facts.present_fields
            if (f.get("constraints") or {}).get("unique") or "corporate-number" in (f.get("x-checks") or [])]


def _link_fields(facts: FileFacts) -> list[str]:
    return [f["name"] for f in facts.present_fields if set(f.get("x-checks") or []) & set(LINK_CHECKS)]


def _column_errors(facts: FileFacts, names: list[str]) -> list[Any]:
    return [g for g in facts.groups.values() if g.severity == "error" and g.field in names and g.column]


def layer(facts: FileFacts, meta: Mapping[str, Any] | None) -> Layer:
    s1 = Criterion("star-1", "★1 オープンなライセンスでWebに公開", "★1 on the Web under an open licence", POINTS,
                   refs=["5stardata ★", "dct:license"])
    if meta is None:
        not_assessed(s1, "ライセンスが分かりません（--metadata dataset.yaml で指定）", "licence unknown (no metadata)")
    else:
        lic = licence_id(meta.get("license"))
        if lic:
            passed(s1).evidence.append(Evidence(f"{LICENCES[lic].title_ja}（{LICENCES[lic].uri}）", lic))
        else:
            failed(s1, Evidence(f"オープンなライセンスが分かりません（「{meta.get('license') or ''}」）",
                                f"no open licence recognised ({meta.get('license')!r})"))
    s2 = passed(Criterion("star-2", "★2 構造化データ（表として機械が読める）", "★2 structured data", POINTS,
                          refs=["5stardata ★★"]))
    s2.evidence.append(Evidence(f"{facts.rows}行 × {facts.columns}列の表", f"a table of {facts.rows} × {facts.columns}"))
    s3 = Criterion("star-3", "★3 オープンな形式（CSV）", "★3 non-proprietary format (CSV)", POINTS,
                   refs=["5stardata ★★★"])
    s3 = passed(s3) if facts.name.lower().endswith((".csv", ".tsv", ".txt")) else failed(
        s3, Evidence("CSVではありません", "not CSV"))

    s4 = Criterion("star-4", "★4 レコードを識別子で示す（ID・NO・法人番号の列）",
                   "★4 records carry identifiers (ID, NO, 法人番号)", POINTS, refs=["5stardata ★★★★"])
    ids = _identifier_fields(facts)
    errs = _column_errors(facts, ids)
    if not ids:
        failed(s4, Evidence("識別子の列（ID、NO、法人番号）がありません", "no identifier column"))
    elif errs:
        failed(s4, *evidence(errs))
    else:
        passed(s4).evidence.append(Evidence("識別子の列: " + "、".join(ids), "identifier columns: " + ", ".join(ids)))

    s5 = Criterion("star-5", "★5 共通のコードで他のデータとつながる（全国地方公共団体コード・法人番号・URL）",
                   "★5 linked through shared codes (local-government code, 法人番号, URL)", POINTS,
                   refs=["5stardata ★★★★★"])
    links = _link_fields(facts)
    errs = _column_errors(facts, links)
    if not links:
        failed(s5, Evidence("他のデータにつながるコードの列がありません", "no linking code column"))
    elif errs:
        failed(s5, *evidence(errs))
    else:
        passed(s5).evidence.append(Evidence("つながる列: " + "、".join(links), "linking columns: " + ", ".join(links)))
    return Layer("stars", "5つ星オープンデータ", "5-star open data", [s1, s2, s3, s4, s5])
