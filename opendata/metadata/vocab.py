"""Controlled vocabularies of the catalogue metadata (DCAT-GoJ): licences, update frequencies, themes.

Licences: 公共データ利用規約（第1.0版）and 政府標準利用規約（第2.0版）both state compatibility with CC BY 4.0
(../shared/research/anchors.md §1.1); ``compatible`` records that for tools that only know the
Creative Commons / EU licence vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    id: str
    title_ja: str
    title_en: str
    uri: str
    compatible: str | None = None          # the licence id it is declared compatible with
    eu_uri: str | None = None              # EU licence authority table (MQA licence-vocabulary check)

    def to_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "title_ja": self.title_ja, "title_en": self.title_en, "uri": self.uri,
                "compatible_with": self.compatible}


EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/"

LICENCES: dict[str, Licence] = {x.id: x for x in (
    Licence("CC-BY-4.0", "クリエイティブ・コモンズ 表示 4.0 国際", "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/", None, EU_LICENCE + "CC_BY_4_0"),
    Licence("PDL-1.0", "公共データ利用規約（第1.0版）", "Public Data License 1.0 (Japan)",
            "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0", "CC-BY-4.0",
            EU_LICENCE + "CC_BY_4_0"),
    Licence("GSTOU-2.0", "政府標準利用規約（第2.0版）", "Government of Japan Standard Terms of Use 2.0",
            "https://www.kantei.go.jp/jp/singi/it2/densi/kettei/gl2_betten_1.pdf", "CC-BY-4.0",
            EU_LICENCE + "CC_BY_4_0"),
    Licence("CC0-1.0", "CC0 1.0 全世界 パブリック・ドメイン提供", "Creative Commons Zero 1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/", None, EU_LICENCE + "CC0"),
)}
DEFAULT_LICENCE = "CC-BY-4.0"


@dataclass(frozen=True)
class Frequency:
    id: str
    label_ja: str
    label_en: str
    uri: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "label_ja": self.label_ja, "label_en": self.label_en, "uri": self.uri}


EU_FREQ = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCIES: dict[str, Frequency] = {x.id: x for x in (
    Frequency("daily", "毎日", "daily", EU_FREQ + "DAILY"),
    Frequency("weekly", "毎週", "weekly", EU_FREQ + "WEEKLY"),
    Frequency("monthly", "毎月", "monthly", EU_FREQ + "MONTHLY"),
    Frequency("quarterly", "四半期ごと", "quarterly", EU_FREQ + "QUARTERLY"),
    Frequency("annual", "毎年", "annual", EU_FREQ + "ANNUAL"),
    Frequency("irregular", "不定期", "irregular", EU_FREQ + "IRREG"),
)}

DEFAULT_SPATIAL = "鳥取県鳥取市"
DEFAULT_PUBLISHER_CODE = "312011"

#: The kinds of download every version offers (GeoJSON only with 緯度 and 経度).
FORMATS: dict[str, dict[str, str]] = {
    "csv": {"format": "CSV", "media_type": "text/csv", "encoding": "UTF-8",
            "title_ja": "CSV（UTF-8、標準形式）", "title_en": "CSV (UTF-8, the standard format)"},
    "csv-bom": {"format": "CSV", "media_type": "text/csv", "encoding": "UTF-8 (BOM)",
                "title_ja": "CSV（Excel用、BOM付きUTF-8）", "title_en": "CSV for Excel (UTF-8 with BOM)"},
    "json": {"format": "JSON", "media_type": "application/json", "encoding": "UTF-8",
             "title_ja": "JSON", "title_en": "JSON"},
    "geojson": {"format": "GeoJSON", "media_type": "application/geo+json", "encoding": "UTF-8",
                "title_ja": "GeoJSON（地図用）", "title_en": "GeoJSON (for maps)"},
    "datapackage": {"format": "Data Package", "media_type": "application/json", "encoding": "UTF-8",
                    "title_ja": "Frictionless Data Package（datapackage.json、Table Schema付き）",
                    "title_en": "Frictionless Data Package (datapackage.json with the Table Schema)"},
    "original": {"format": "", "media_type": "application/octet-stream", "encoding": "",
                 "title_ja": "元のファイル（担当課が提出したもの）", "title_en": "Original file (as submitted)"},
}

ORIGINAL_MEDIA_TYPES = {
    ".csv": ("CSV", "text/csv"), ".tsv": ("TSV", "text/tab-separated-values"), ".txt": ("TXT", "text/plain"),
    ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".xlsm": ("XLSM", "application/vnd.ms-excel.sheet.macroEnabled.12"),
    ".xls": ("XLS", "application/vnd.ms-excel"),
    ".ods": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
}
