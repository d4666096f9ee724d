"""Layer 4: metadata quality (20 points), MQA-style points mapped onto DCAT-GoJ fields.

Reads a dataset.yaml mapping (docs/catalogue-files.md) as it is given: the caller decides whether the
catalogue's defaults (licence CC-BY-4.0, 対象地域 鳥取県鳥取市, the organization's contact) are applied
first — the report and ``opendata score --metadata`` do, because that is what the catalogue publishes
(see :func:`with_catalogue_defaults`).  Weights follow the MQA's proportions (keywords 30, theme 30,
spatial 20, temporal 20, licence 20+10, contact 20, publisher 10, dates 5+5, byte size 5) plus uData's
update-frequency criteria; docs/score.md has the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Criterion, Evidence, Layer, failed, not_assessed, passed


@dataclass(frozen=True)
class Licence:
    id: str
    title_ja: str
    uri: str
    verified: bool        # the URI was checked against a stored copy of the publisher's page


#: The licences the catalogue accepts (docs/score.md "Licences").  PDL-1.0 and GSTOU-2.0 both declare
#: compatibility with CC BY 4.0.  The same list is kept by the catalogue metadata (opendata/metadata).
LICENCES: dict[str, Licence] = {x.id: x for x in (
    Licence("CC-BY-4.0", "クリエイティブ・コモンズ 表示 4.0 国際", "https://creativecommons.org/licenses/by/4.0/", True),
    Licence("CC0-1.0", "CC0 1.0 パブリック・ドメイン提供", "https://creativecommons.org/publicdomain/zero/1.0/", True),
    Licence("PDL-1.0", "公共データ利用規約（第1.0版）",
            "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0", True),
    Licence("GSTOU-2.0", "政府標準利用規約（第2.0版）",
            "https://www.kantei.go.jp/jp/singi/it2/densi/kettei/gl2_betten_1.pdf", False),
)}
_ALIASES = {
    "cc-by-4.0": "CC-BY-4.0", "cc by 4.0": "CC-BY-4.0", "cc-by": "CC-BY-4.0", "ccby4.0": "CC-BY-4.0",
    "cc0-1.0": "CC0-1.0", "cc0": "CC0-1.0",
    "pdl-1.0": "PDL-1.0", "pdl1.0": "PDL-1.0", "pdl 1.0": "PDL-1.0", "公共データ利用規約": "PDL-1.0",
    "公共データ利用規約（第1.0版）": "PDL-1.0", "公共データ利用規約(第1.0版)": "PDL-1.0",
    "gstou-2.0": "GSTOU-2.0", "政府標準利用規約": "GSTOU-2.0", "政府標準利用規約（第2.0版）": "GSTOU-2.0",
    "政府標準利用規約(第2.0版)": "GSTOU-2.0", "政府標準利用規約2.0": "GSTOU-2.0",
    **{lic.uri.lower(): lic.id for lic in LICENCES.values()},
}

#: days between updates for "update kept"; irregular has no deadline.  One day of grace, as uData.
FREQUENCY_DAYS: dict[str, int | None] = {"daily": 1, "weekly": 7, "monthly": 31, "quarterly": 92,
                                         "annual": 366, "irregular": None}
GRACE_DAYS = 1
DEFAULT_LICENCE = "CC-BY-4.0"
DEFAULT_SPATIAL = "鳥取県鳥取市"

MAX = 20


def licence_id(value: Any) -> str | None:
    s = str(value or "").strip()
    if s in LICENCES:
        return s
    return _ALIASES.get(s.lower().replace("　", " "))


def _list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        import re

        return [x.strip() for x in re.split(r"[,、，;；]", v) if x.strip()]
    if isinstance(v, list | tuple):
        return [str(x).strip() for x in v if str(x).strip()]
    return [str(v)]


def _date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v).strip()) if v not in (None, "") else None
    except ValueError:
        return None


def with_catalogue_defaults(meta: Mapping[str, Any], organization: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The metadata as the catalogue publishes it: licence CC-BY-4.0, 対象地域 鳥取県鳥取市 and the
    organization's contact when dataset.yaml leaves them out (docs/catalogue-files.md)."""
    d = dict(meta)
    if not d.get("license"):
        d["license"] = DEFAULT_LICENCE
    if not d.get("spatial"):
        d["spatial"] = DEFAULT_SPATIAL
    if not d.get("contact") and organization:
        d["contact"] = {k: organization.get(k) for k in ("name", "email", "phone") if organization.get(k)}
    return d


def _c(cid: str, ja: str, en: str, pts: int, dcat: str, mqa: str) -> Criterion:
    return Criterion(cid, ja, en, pts, refs=[dcat, mqa])


def layer(meta: Mapping[str, Any] | None, byte_size: int | None = None,
             today: dt.date | None = None) -> Layer:
    crits = [
        _c("keywords", "キーワード", "keywords", 3, "dcat:keyword", "MQA 30"),
        _c("theme", "テーマ（分類）", "theme", 3, "dcat:theme", "MQA 30"),
        _c("spatial", "対象地域", "spatial coverage", 2, "dct:spatial", "MQA 20"),
        _c("temporal", "対象期間", "temporal coverage", 2, "dct:temporal", "MQA 20"),
        _c("license", "ライセンスの記載", "licence stated", 2, "dct:license", "MQA 20"),
        _c("license-vocabulary", "ライセンスが語彙にある（CC BY 4.0、CC0、PDL1.0、政府標準利用規約2.0）",
           "licence from the vocabulary", 1, "dct:license", "MQA 10"),
        _c("contact", "連絡先（メールまたは電話）", "contact point (e-mail or phone)", 2, "dcat:contactPoint", "MQA 20"),
        _c("publisher", "提供者（担当課）", "publisher", 1, "dct:publisher", "MQA 10"),
        _c("dates", "公開日と最終更新日（YYYY-MM-DD）", "issued and modified dates", 1, "dct:issued, dct:modified",
           "MQA 5+5"),
        _c("byte-size", "ファイルサイズ", "byte size", 1, "dcat:byteSize", "MQA 5"),
        _c("frequency", "更新頻度", "update frequency", 1, "dct:accrualPeriodicity", "uData update_frequency"),
        _c("update-kept", "更新頻度どおりに更新されている", "updated as often as stated", 1, "dct:modified",
           "uData update_fulfilled_in_time"),
    ]
    if meta is None:
        for c in crits:
            not_assessed(c, "メタデータ未指定（--metadata dataset.yaml）", "no metadata given")
        return Layer("metadata", "メタデータ", "metadata", crits)
    today = today or dt.date.today()
    by = {c.id: c for c in crits}

    def check(cid: str, ok: bool, ja: str = "", en: str = "") -> None:
        if ok:
            passed(by[cid])
        else:
            failed(by[cid], Evidence(ja or f"{by[cid].title_ja}がありません", en or f"no {by[cid].title_en}"))

    check("keywords", bool(_list(meta.get("keywords"))), "キーワード（keywords）がありません", "no keywords")
    check("theme", bool(_list(meta.get("themes", meta.get("theme")))), "テーマ（theme）がありません", "no theme")
    check("spatial", bool(str(meta.get("spatial") or "").strip()), "対象地域（spatial）がありません", "no spatial")
    temporal = meta.get("temporal") if isinstance(meta.get("temporal"), Mapping) else {}
    assert isinstance(temporal, Mapping)
    check("temporal", bool(_date(temporal.get("start")) or _date(temporal.get("end"))),
          "対象期間（temporal: {start, end}）がありません", "no temporal coverage")
    raw_lic = meta.get("license")
    lic = licence_id(raw_lic)
    check("license", bool(str(raw_lic or "").strip()), "ライセンス（license）の記載がありません", "no licence")
    check("license-vocabulary", lic is not None,
          f"ライセンス「{raw_lic or ''}」は語彙（{'、'.join(LICENCES)}）にありません",
          f"licence {raw_lic!r} is not one of {', '.join(LICENCES)}")
    contact = meta.get("contact") if isinstance(meta.get("contact"), Mapping) else {}
    assert isinstance(contact, Mapping)
    check("contact", bool(contact.get("email") or contact.get("phone")),
          "連絡先（contact の email か phone）がありません", "no contact e-mail or phone")
    check("publisher", bool(str(meta.get("organization") or "").strip()), "提供者（organization）がありません",
          "no publisher")
    issued, modified = _date(meta.get("issued")), _date(meta.get("modified"))
    check("dates", bool(issued and modified), "公開日（issued）と最終更新日（modified）を YYYY-MM-DD で書いてください",
          "issued and modified dates are missing or not YYYY-MM-DD")
    if byte_size is None:
        not_assessed(by["byte-size"], "ファイルなし", "no file")
    else:
        check("byte-size", byte_size > 0, "ファイルが空です", "the file is empty")
    freq = str(meta.get("accrual_periodicity") or "")
    check("frequency", freq in FREQUENCY_DAYS, f"更新頻度（accrual_periodicity）は {', '.join(FREQUENCY_DAYS)} のいずれかです",
          "accrual_periodicity missing or not in the vocabulary")
    if freq not in FREQUENCY_DAYS:
        check("update-kept", False, "更新頻度がないため判定できません", "no update frequency to keep")
    elif FREQUENCY_DAYS[freq] is None:
        check("update-kept", True)
    elif modified is None:
        check("update-kept", False, "最終更新日（modified）がありません", "no modified date")
    else:
        due = modified + dt.timedelta(days=int(FREQUENCY_DAYS[freq] or 0) + GRACE_DAYS)
        check("update-kept", today <= due, f"最終更新日 {modified} から更新されていません（{due} までに更新の予定）",
              f"not updated since {modified} (was due by {due})")
    return Layer("metadata", "メタデータ", "metadata", crits)
