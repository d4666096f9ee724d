"""Examples shown in the OpenAPI documentation (/docs)."""

from __future__ import annotations

from typing import Any

BASE = "http://127.0.0.1:8000/api/v1/datasets/evacuation-space"

DISTRIBUTION: dict[str, Any] = {
    "kind": "csv", "title_ja": "CSV（UTF-8、標準形式）", "title_en": "CSV (UTF-8, the standard format)",
    "format": "CSV", "media_type": "text/csv", "encoding": "UTF-8", "byte_size": 7987,
    "sha256": "1a9ec010c44691c5096e0a687a8ce8300a80668f8c1f0ea3bade55473a1119e5",
    "file_name": "312011_evacuation_space.csv", "license": "CC-BY-4.0",
    "download_url": f"{BASE}/versions/2/download/312011_evacuation_space.csv",
    "latest_url": f"{BASE}/download/csv", "issued": "2026-11-28",
}

VERSION: dict[str, Any] = {
    "number": 2, "published_at": "2026-11-28T06:52:49.955636+00:00", "current": True, "status": "valid",
    "valid": True, "errors": 0, "warnings": 0, "issues": 0, "rows": 31, "standard": "2026/evacuation_space",
    "key_column": "ID", "columns": [{"name": "ID", "type": "string"}, {"name": "名称", "type": "string"},
                                    {"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"}],
    "original_name": "避難場所一覧.xlsx", "note": None, "url": f"{BASE}/versions/2",
    "report_url": f"{BASE}/versions/2/report",
}

DATASET: dict[str, Any] = {
    "id": "evacuation-space", "uri": BASE, "title": "指定緊急避難場所一覧",
    "description": "災害時に命を守るために緊急に避難する場所として市が指定した施設・場所の一覧です。", "sample": True,
    "sample_note": {"ja": "このデータはサンプルです。実際の鳥取市の公開データではありません。",
                    "en": "Sample data: these values are not published facts."},
    "organization": {"id": "kikikanri", "name": "危機管理課", "name_en": "Crisis Management Division",
                     "email": "kikikanri@city.tottori.lg.jp", "phone": "0857-30-8031", "url": None,
                     "uri": "http://127.0.0.1:8000/api/v1/organizations/kikikanri"},
    "publisher": {"name": "鳥取市 危機管理課", "code": "312011"},
    "keywords": ["防災", "避難"], "themes": ["防災"], "spatial": "鳥取県鳥取市",
    "temporal": {"start": "2025-04-01", "end": None},
    "license": {"id": "CC-BY-4.0", "title_ja": "クリエイティブ・コモンズ 表示 4.0 国際",
                "title_en": "Creative Commons Attribution 4.0 International",
                "uri": "https://creativecommons.org/licenses/by/4.0/", "compatible_with": None},
    "accrual_periodicity": {"id": "annual", "label_ja": "毎年", "label_en": "annual",
                            "uri": "http://publications.europa.eu/resource/authority/frequency/ANNUAL"},
    "issued": "2025-04-01", "modified": "2026-11-28", "landing_page": None,
    "contact": {"name": "危機管理課", "email": "kikikanri@city.tottori.lg.jp", "phone": "0857-30-8031"},
    "standard": {"id": "2026/evacuation_space", "name_ja": "指定緊急避難場所一覧", "generation": "2026",
                 "generation_name": "自治体標準オープンデータセット（定義書A 20260801版）",
                 "uri": "http://127.0.0.1:8000/api/v1/schemas/2026/evacuation_space"},
    "language": "ja", "source_note": None, "version": VERSION, "distributions": [DISTRIBUTION],
    "links": {"self": BASE, "dcat_jsonld": f"{BASE}?format=jsonld", "turtle": f"{BASE}?format=ttl",
              "schema_org": f"{BASE}?format=schemaorg", "rows": f"{BASE}/rows", "versions": f"{BASE}/versions",
              "diff": f"{BASE}/diff"},
}

SEARCH: dict[str, Any] = {
    "count": 1, "limit": 20, "sort": "relevance", "query": {"q": "避難", "filters": {}},
    "results": [{**{k: v for k, v in DATASET.items() if k not in ("contact", "source_note")},
                 "links": {"self": BASE}, "score": 16}],
    "facets": {
        "organization": [{"value": "kikikanri", "count": 1, "label_ja": "危機管理課", "label_en": "Crisis Management Division"}],
        "tag": [{"value": "防災", "count": 1, "label_ja": "防災", "label_en": "防災"}],
        "theme": [{"value": "防災", "count": 1, "label_ja": "防災", "label_en": "防災"}],
        "standard": [{"value": "2026/evacuation_space", "count": 1, "label_ja": "指定緊急避難場所一覧（2026）",
                      "label_en": "2026/evacuation_space"}],
        "format": [{"value": "CSV", "count": 1, "label_ja": "CSV", "label_en": "CSV"},
                   {"value": "GeoJSON", "count": 1, "label_ja": "GeoJSON", "label_en": "GeoJSON"}],
        "license": [{"value": "CC-BY-4.0", "count": 1, "label_ja": "クリエイティブ・コモンズ 表示 4.0 国際",
                     "label_en": "Creative Commons Attribution 4.0 International"}],
    },
    "next": None, "next_url": None,
}

ROWS: dict[str, Any] = {
    "dataset": "evacuation-space", "version": 2, "columns": ["ID", "名称", "緯度", "経度"],
    "rows": [{"_row": 1, "ID": "1", "名称": "鳥取市役所", "緯度": 35.5011, "経度": 134.2351}],
    "count": 1, "total_rows": 31, "limit": 100, "filters": [{"column": "名称", "op": "contains", "value": "市役所"}],
    "sort": None, "next": None, "next_url": None,
}

DIFF: dict[str, Any] = {
    "dataset": "evacuation-space", "from": 1, "to": 2, "key": "ID", "limit": 100,
    "counts": {"added": 1, "removed": 0, "changed": 1, "unchanged": 29},
    "added": [{"_row": 31, "ID": "31", "名称": "湖山池公園", "緯度": 35.5, "経度": 134.17}],
    "removed": [],
    "changed": [{"key": "5", "columns": ["想定収容人数"],
                 "before": {"_row": 5, "ID": "5", "想定収容人数": 300}, "after": {"_row": 5, "ID": "5", "想定収容人数": 350}}],
    "truncated": False,
}
