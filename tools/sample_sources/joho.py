"""情報政策課: the public Wi-Fi list already in the 2026 standard format, and the オープンデータ一覧 workbook
that lists this catalogue.  SAMPLE data only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .common import DATASETS, PLACES, jitter, lot, out_path, phone, rng, wareki, write_csv, xlsx_workbook

WIFI_HEADER = ["全国地方公共団体コード", "法人番号", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英語",
               "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字",
               "所在地_番地以下", "建物名等(方書)", "緯度", "経度", "設置者", "電話番号", "内線番号", "連絡先メールアドレス",
               "連絡先FormURL", "連絡先備考（その他、SNSなど）", "郵便番号", "SSID", "提供エリア", "URL", "備考"]


def public_wireless_lan() -> None:
    """A file that already follows 2026/public_wireless_lan (UTF-8, no BOM, CRLF): it needs no recipe."""
    r = rng("public-wireless-lan")
    rows: list[list[Any]] = [WIFI_HEADER]
    sites = [("サンプル本庁舎", "サンプルホンチョウシャ", "Sample City Hall", 0, "1階市民ロビー"),
             ("サンプル駅南庁舎", "サンプルエキナンチョウシャ", "Sample Ekinan Office", 1, "1階待合"),
             ("サンプル市民会館", "サンプルシミンカイカン", "Sample Civic Hall", 2, "ロビー"),
             ("サンプル中央図書館", "サンプルチュウオウトショカン", "Sample Central Library", 3, "閲覧室"),
             ("サンプル湖山地区公民館", "サンプルコヤマチククミンカン", "Sample Koyama Community Center", 4, "講堂"),
             ("サンプル賀露地区公民館", "サンプルカロチククミンカン", "Sample Karo Community Center", 6, "講堂")]
    for k, p in enumerate(PLACES[11:]):
        sites.append((f"サンプル{p.short}町総合支所", f"サンプル{p.short_kana}チョウソウゴウシショ", f"Sample Branch Office {k + 1}", 11 + k,
                      "1階ロビー"))
    for i, (name, kana, en, pi, area) in enumerate(sites):
        p = PLACES[pi]
        lat, lon = jitter(r, p, 0.002)
        block = lot(r)
        rows.append(["312011", "", f"{i + 1}", "鳥取県鳥取市", name, kana, en, "312011", "", f"鳥取県鳥取市{p.town}{block}",
                     "鳥取県", "鳥取市", p.town, block, "", f"{lat}", f"{lon}", "鳥取市", phone(r, p), "", "", "", "",
                     p.postcode.replace("-", ""), "Sample_Tottori_City_WiFi", area, "", ""])
    write_csv(out_path("public-wireless-lan", "312011_public_wireless_lan.csv"), rows, encoding="utf-8")


# 2021 オープンデータ一覧 分類 per dataset theme
THEME_CLASS = {"防災": "司法・安全・環境", "健康・福祉": "社会保障・衛生", "子育て": "社会保障・衛生", "観光": "運輸・観光",
               "文化": "教育・文化・スポーツ・生活", "教育": "教育・文化・スポーツ・生活", "スポーツ": "教育・文化・スポーツ・生活",
               "人口": "人口・世帯", "行政": "行財政", "くらし": "教育・文化・スポーツ・生活", "環境": "司法・安全・環境",
               "交通": "運輸・観光", "選挙": "行財政", "情報化": "情報通信・科学技術", "食品": "社会保障・衛生"}
LICENCE_JA = {"CC-BY-4.0": "CC BY 4.0", "PDL-1.0": "公共データ利用規約（第1.0版）", "CC0-1.0": "CC0"}
FREQ_JA = {"daily": "毎日", "weekly": "毎週", "monthly": "毎月", "quarterly": "四半期", "annual": "毎年", "irregular": "随時"}


def opendata_list() -> None:
    """情報政策課's workbook listing the city's open data (2021/opendata_list), made from datasets/*/dataset.yaml:
    dates in 和暦, 形式 as CSV, 分類 from the dataset's theme, 担当課 (not a standard item: kept in 備考)."""
    orgs = {o["id"]: o["name"] for o in yaml.safe_load((DATASETS / "organizations.yaml").read_text(encoding="utf-8"))}
    metas = []
    for f in sorted(DATASETS.glob("*/dataset.yaml")):
        if f.parent.name == "opendata-list":
            continue
        metas.append((f.parent.name, yaml.safe_load(f.read_text(encoding="utf-8"))))
    path = out_path("opendata-list", "オープンデータ一覧.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("一覧")
    b = wb.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7"})
    ws.write("A1", "鳥取市オープンデータ一覧【サンプル】", wb.add_format({"bold": True, "font_size": 14}))
    ws.write("A2", "情報政策課")
    ws.write_row(3, 0, ["No.", "データ名", "概要", "形式", "分類", "更新頻度", "担当課", "URL", "API", "ライセンス", "公開日", "最終更新日", "備考"], b)
    row = 4
    for i, (ds, m) in enumerate(metas):
        theme = m.get("theme") or "行政"
        theme = theme[0] if isinstance(theme, list) else theme
        issued = m.get("issued") or dt.date(2025, 4, 1)
        modified = m.get("modified") or issued
        desc = str(m.get("description", "")).split("。")[0] + "。"
        ws.write_row(row, 0, [i + 1, m["title"], desc, "CSV", THEME_CLASS.get(theme, "その他"),
                              FREQ_JA.get(m.get("accrual_periodicity", ""), "随時"), orgs.get(m["organization"], ""),
                              f"https://opendata.example.jp/tottori/datasets/{ds}", "○" if i % 4 == 0 else "×",
                              LICENCE_JA.get(m.get("license", "CC-BY-4.0"), "CC BY 4.0"), wareki(issued), wareki(modified),
                              "サンプル"])
        row += 1
    wb.close()


GENERATORS = {
    "public-wireless-lan": public_wireless_lan,
    "opendata-list": opendata_list,
}
