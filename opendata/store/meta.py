"""Dataset and organization metadata as the catalogue accepts it (dataset.yaml, organizations.yaml, and
later the staff API), validated with Japanese messages.  Keys: docs/catalogue-files.md."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opendata.metadata.vocab import (
    DEFAULT_LICENCE,
    DEFAULT_PUBLISHER_CODE,
    DEFAULT_SPATIAL,
    FREQUENCIES,
    LICENCES,
)

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
URL_RE = re.compile(r"^https?://[^\s]+$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_LICENCE_ALIASES = {
    "cc-by-4.0": "CC-BY-4.0", "cc by 4.0": "CC-BY-4.0", "cc-by": "CC-BY-4.0", "ccby4.0": "CC-BY-4.0",
    "pdl-1.0": "PDL-1.0", "pdl1.0": "PDL-1.0", "pdl 1.0": "PDL-1.0", "公共データ利用規約": "PDL-1.0",
    "公共データ利用規約(第1.0版)": "PDL-1.0", "公共データ利用規約（第1.0版）": "PDL-1.0",
    "gstou-2.0": "GSTOU-2.0", "政府標準利用規約": "GSTOU-2.0", "政府標準利用規約(第2.0版)": "GSTOU-2.0",
    "政府標準利用規約（第2.0版）": "GSTOU-2.0", "政府標準利用規約2.0": "GSTOU-2.0",
    "cc0-1.0": "CC0-1.0", "cc0": "CC0-1.0",
}


class MetadataError(ValueError):
    """Invalid metadata; ``problems`` lists every problem found (not only the first)."""

    def __init__(self, problems: list[dict[str, str]]):
        super().__init__("; ".join(p["message_en"] for p in problems))
        self.problems = problems

    @property
    def message_ja(self) -> str:
        return "\n".join(p["message_ja"] for p in self.problems)

    @property
    def message_en(self) -> str:
        return "; ".join(p["message_en"] for p in self.problems)


def _p(key: str, ja: str, en: str) -> dict[str, str]:
    return {"field": key, "message_ja": ja, "message_en": en}


def licence_id(value: Any) -> str | None:
    s = str(value).strip()
    if s in LICENCES:
        return s
    return _LICENCE_ALIASES.get(s.lower().replace("　", " "))


def _date(v: Any) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v).strip())
    except ValueError:
        raise ValueError(str(v)) from None


def _str_list(v: Any) -> list[str]:
    if v is None:
        return []
    items = re.split(r"[,、，;；]", v) if isinstance(v, str) else list(v) if isinstance(v, list | tuple) else [v]
    out: dict[str, None] = {}
    for x in items:
        s = str(x).strip()
        if s:
            out.setdefault(s)
    return list(out)


@dataclass
class OrganizationMeta:
    id: str
    name: str
    name_en: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None

    @classmethod
    def from_mapping(cls, d: Mapping[str, Any]) -> OrganizationMeta:
        problems = []
        oid = str(d.get("id") or "").strip()
        if not ID_RE.match(oid):
            problems.append(_p("id", f"組織のid「{oid}」は半角英数字・ハイフン・下線で書いてください。",
                               f"organization id {oid!r} must be ASCII letters, digits, '-', '_' or '.'"))
        name = str(d.get("name") or "").strip()
        if not name:
            problems.append(_p("name", f"組織「{oid}」の name（課名）がありません。", f"organization {oid}: name is missing"))
        email = str(d["email"]).strip() if d.get("email") else None
        if email and not EMAIL_RE.match(email):
            problems.append(_p("email", f"組織「{oid}」のメールアドレス「{email}」の形式が正しくありません。",
                               f"organization {oid}: {email!r} is not an e-mail address"))
        if problems:
            raise MetadataError(problems)
        return cls(oid, name, str(d["name_en"]).strip() if d.get("name_en") else None, email,
                   str(d["phone"]).strip() if d.get("phone") else None, str(d["url"]).strip() if d.get("url") else None)


KNOWN_KEYS = {"title", "description", "organization", "standard", "source", "keywords", "theme", "themes",
              "spatial", "temporal", "license", "accrual_periodicity", "issued", "modified", "landing_page",
              "contact", "sample", "publisher_code", "source_note"}


@dataclass
class DatasetMeta:
    id: str
    title: str
    description: str
    organization: str
    standard: str | None                      # a schema id; None = no standard (the city's own schema)
    keywords: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    spatial: str = DEFAULT_SPATIAL
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    license: str = DEFAULT_LICENCE
    accrual_periodicity: str | None = None
    issued: dt.date | None = None
    modified: dt.date | None = None
    landing_page: str | None = None
    contact: dict[str, str] | None = None
    sample: bool = False
    source_note: str | None = None
    publisher_code: str = DEFAULT_PUBLISHER_CODE
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, dataset_id: str, d: Mapping[str, Any], *, organizations: set[str] | None = None,
                     resolve_standard: bool = True) -> DatasetMeta:
        """Validate dataset.yaml (already parsed).  Raises MetadataError listing every problem."""
        problems: list[dict[str, str]] = []
        if not isinstance(d, Mapping):
            raise MetadataError([_p("", "dataset.yaml はキーと値の組（YAMLのマッピング）で書いてください。",
                                    "dataset.yaml must be a YAML mapping")])
        if not ID_RE.match(dataset_id):
            problems.append(_p("id", f"管理ID（フォルダ名）「{dataset_id}」は半角英数字・ハイフン・下線・ピリオドで、100文字以内にしてください。",
                               f"dataset id {dataset_id!r} must be ASCII letters, digits, '-', '_' or '.' (≤ 100)"))
        title = str(d.get("title") or "").strip()
        description = str(d.get("description") or "").strip()
        for key, val, ja in (("title", title, "タイトル"), ("description", description, "説明")):
            if not val:
                problems.append(_p(key, f"{ja}（{key}）は必須です。", f"{key} is required"))
        org = str(d.get("organization") or "").strip()
        if not org:
            problems.append(_p("organization", "提供者（organization）は必須です。organizations.yaml の id を書いてください。",
                               "organization is required (an id from organizations.yaml)"))
        elif organizations is not None and org not in organizations:
            problems.append(_p("organization", f"提供者「{org}」は organizations.yaml にありません。",
                               f"organization {org!r} is not in organizations.yaml"))
        std_raw = d.get("standard")
        standard: str | None = None
        if std_raw is None or str(std_raw).strip() == "":
            problems.append(_p("standard", "準拠する標準（standard）は必須です。例: 2021/aed。標準がなければ none と書きます。",
                               "standard is required (e.g. 2021/aed, or none)"))
        elif str(std_raw).strip().lower() != "none":
            standard = str(std_raw).strip()
            if resolve_standard:
                from opendata.validation.detect import resolve_dataset

                try:
                    standard = resolve_dataset(standard)
                except KeyError:
                    problems.append(_p("standard", f"標準データセット「{standard}」は見つかりません（opendata schemas list で確認）。",
                                       f"unknown standard dataset {standard!r}"))
        lic = licence_id(d.get("license") or DEFAULT_LICENCE)
        if lic is None:
            problems.append(_p("license", f"ライセンス「{d.get('license')}」は使えません。{', '.join(LICENCES)} のいずれかです。",
                               f"unknown licence {d.get('license')!r}; use one of {', '.join(LICENCES)}"))
        freq = d.get("accrual_periodicity")
        if freq is not None and str(freq) not in FREQUENCIES:
            problems.append(_p("accrual_periodicity", f"更新頻度「{freq}」は {', '.join(FREQUENCIES)} のいずれかです。",
                               f"accrual_periodicity must be one of {', '.join(FREQUENCIES)}"))
        dates: dict[str, dt.date | None] = {}
        temporal = d.get("temporal") or {}
        if temporal and not isinstance(temporal, Mapping):
            problems.append(_p("temporal", "対象期間（temporal）は {start: YYYY-MM-DD, end: YYYY-MM-DD} の形で書きます。",
                               "temporal must be {start, end}"))
            temporal = {}
        date_items: list[tuple[str, Any]] = [("issued", d.get("issued")), ("modified", d.get("modified")),
                                             ("temporal.start", temporal.get("start")),
                                             ("temporal.end", temporal.get("end"))]
        for key, val in date_items:
            try:
                dates[key] = _date(val)
            except ValueError:
                problems.append(_p(key, f"{key} の日付「{val}」は YYYY-MM-DD（西暦）で書いてください。",
                                   f"{key}: {val!r} is not a YYYY-MM-DD date"))
        if dates.get("temporal.start") and dates.get("temporal.end") and dates["temporal.start"] > dates["temporal.end"]:  # type: ignore[operator]
            problems.append(_p("temporal", "対象期間の開始日が終了日より後です。", "temporal start is after its end"))
        landing = str(d["landing_page"]).strip() if d.get("landing_page") else None
        if landing and not URL_RE.match(landing):
            problems.append(_p("landing_page", f"ランディングページ「{landing}」は http:// か https:// で始まるURLです。",
                               f"landing_page {landing!r} is not an http(s) URL"))
        contact = d.get("contact")
        if contact is not None and not isinstance(contact, Mapping):
            problems.append(_p("contact", "連絡先（contact）は {name, email, phone} の形で書きます。",
                               "contact must be {name, email, phone}"))
            contact = None
        if contact and contact.get("email") and not EMAIL_RE.match(str(contact["email"])):
            problems.append(_p("contact.email", f"連絡先のメールアドレス「{contact['email']}」の形式が正しくありません。",
                               f"contact.email {contact['email']!r} is not an e-mail address"))
        code = str(d.get("publisher_code") or DEFAULT_PUBLISHER_CODE).strip()
        from converters.jp.checkdigit import is_valid_localgov_code

        if not is_valid_localgov_code(code):
            problems.append(_p("publisher_code", f"全国地方公共団体コード「{code}」が正しくありません（6桁、検査数字付き）。",
                               f"publisher_code {code!r} is not a valid 6-digit local-government code"))
        sample = d.get("sample", False)
        if not isinstance(sample, bool):
            problems.append(_p("sample", "sample は true か false です。", "sample must be true or false"))
        if problems:
            raise MetadataError(problems)
        themes = _str_list(d.get("themes", d.get("theme")))
        return cls(
            id=dataset_id, title=title, description=description, organization=org, standard=standard,
            keywords=_str_list(d.get("keywords")), themes=themes,
            spatial=str(d.get("spatial") or DEFAULT_SPATIAL).strip(),
            temporal_start=dates.get("temporal.start"), temporal_end=dates.get("temporal.end"),
            license=lic or DEFAULT_LICENCE, accrual_periodicity=str(freq) if freq else None,
            issued=dates.get("issued"), modified=dates.get("modified"), landing_page=landing,
            contact={k: str(v) for k, v in contact.items() if v is not None} if contact else None,
            sample=bool(sample), source_note=str(d["source_note"]) if d.get("source_note") else None,
            publisher_code=code, extra=json.loads(json.dumps({k: v for k, v in d.items() if k not in KNOWN_KEYS},
                                                              ensure_ascii=False, default=str)),
        )
