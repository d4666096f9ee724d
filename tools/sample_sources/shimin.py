"""市民生活 (residents): population tables, polling stations, garbage collection days.  SAMPLE data:
the town names are real, every count and schedule is invented."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import PLACES, fw, jitter, lot, out_path, rng, write_csv, xlsx_workbook

# 地区 -> real 町丁 names (population counts are SAMPLE values)
AREAS: list[tuple[str, list[str]]] = [
    ("鳥取（中央）", ["尚徳町", "東町一丁目", "東町二丁目", "西町一丁目", "西町二丁目", "西町三丁目", "栄町", "末広温泉町",
                   "永楽温泉町", "弥生町", "扇町", "富安一丁目", "富安二丁目", "吉方温泉一丁目", "吉方温泉二丁目", "吉方温泉三丁目"]),
    ("鳥取（湖山・賀露）", ["湖山町東一丁目", "湖山町東二丁目", "湖山町北一丁目", "湖山町北二丁目", "賀露町", "江津"]),
    ("国府", ["国府町宮下", "国府町町屋", "国府町新通り"]),
    ("福部", ["福部町湯山", "福部町海士", "福部町細川"]),
    ("河原", ["河原町渡一木", "河原町河原", "河原町郷原"]),
    ("用瀬", ["用瀬町用瀬", "用瀬町別府"]),
    ("佐治", ["佐治町加瀬木", "佐治町古市"]),
    ("気高", ["気高町浜村", "気高町宝木"]),
    ("鹿野", ["鹿野町鹿野", "鹿野町今市"]),
    ("青谷", ["青谷町青谷", "青谷町井手"]),
]
AGES = [f"{a}～{a + 4}歳" for a in range(0, 85, 5)] + ["85歳以上"]


def population() -> None:
    """市民課's print-style table of population by 町丁, 5-year age group and sex (2021/population):
    a two-row header (総数 / 0～4歳 … merged over 男・女), 地区 merged down, 小計 rows per 地区 and a 合計 row,
    the survey date only in the title."""
    r = rng("population")
    path = out_path("population", "町丁別年齢別人口_R7.3末.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("町丁別年齢別")
    b = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "font_size": 9})
    n = wb.add_format({"border": 1, "num_format": "#,##0", "font_size": 9})
    t = wb.add_format({"border": 1, "font_size": 9, "valign": "vcenter"})
    ws.write("A1", "町丁別・年齢（5歳階級）別・男女別人口（令和7年3月31日現在、住民基本台帳）【サンプルデータ】",
             wb.add_format({"bold": True, "font_size": 13}))
    ws.write("A2", "鳥取市 市民生活部 市民課　※数値はサンプルです")
    for j, v in enumerate(["地区", "町丁コード", "町丁名", "世帯数"]):
        ws.merge_range(3, j, 4, j, v, b)
    ws.merge_range(3, 4, 3, 6, "総数", b)
    ws.write_row(4, 4, ["計", "男", "女"], b)
    for k, age in enumerate(AGES):
        c0 = 7 + 2 * k
        ws.merge_range(3, c0, 3, c0 + 1, age, b)
        ws.write_row(4, c0, ["男", "女"], b)
    row = 5
    code = 0
    grand = [0] * (4 + 2 * len(AGES))
    for area, towns in AREAS:
        start = row
        sub = [0] * (4 + 2 * len(AGES))
        for town in towns:
            code += 1
            size = r.randint(150, 2500) if area.startswith("鳥取") else r.randint(80, 900)
            ages: list[int] = []
            for k in range(len(AGES)):
                w = 1.0 if 4 <= k <= 14 else 0.7 if k < 4 else 0.9 if k < 17 else 0.6
                for _sex in range(2):
                    ages.append(max(0, int(size / 36 * w * r.uniform(0.5, 1.5))))
            men, women = sum(ages[0::2]), sum(ages[1::2])
            households = int((men + women) / r.uniform(1.9, 2.6))
            counts = [households, men + women, men, women, *ages]
            ws.write(row, 1, f"{code:03d}", t)
            ws.write(row, 2, town, t)
            for j, c in enumerate(counts):
                ws.write_number(row, 3 + j, c, n)
                sub[j] += c
            row += 1
        if len(towns) > 1:
            ws.merge_range(start, 0, row - 1, 0, area, t)
        else:
            ws.write(start, 0, area, t)
        ws.write(row, 2, "小計", t)
        for j, c in enumerate(sub):
            ws.write_number(row, 3 + j, c, n)
            grand[j] += c
        row += 1
    ws.write(row, 0, "合計", t)
    for j, c in enumerate(grand):
        ws.write_number(row, 3 + j, c, n)
    ws.write(row + 2, 0, "（注）外国人住民を含む。町丁コードは市の集計用コード（サンプル）。")
    ws.freeze_panes(5, 3)
    wb.close()


def population_monthly() -> None:
    """市民課's monthly 住民基本台帳 figures per 地域 as CP932 CSV (no standard): 基準日 as R7.3.31,
    counts with thousands separators, some typed with full-width digits, a 前月比 column."""
    r = rng("population-monthly")
    rows: list[list[Any]] = [["基準日", "地域", "世帯数", "人口総数", "男", "女", "前月比"]]
    regions = {"鳥取": 150000, "国府": 7500, "福部": 2800, "河原": 6600, "用瀬": 3100, "佐治": 1700, "気高": 8400,
               "鹿野": 3400, "青谷": 5800}
    pops = dict(regions)
    for m in range(12):
        y, mo = (2024, 4 + m) if m < 9 else (2025, m - 8)
        last = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1))
        era = f"R{last.year - 2018}.{last.month}.{last.day}"
        for name in regions:
            before = pops[name]
            pops[name] = before + r.randint(-int(before * 0.002) - 5, int(before * 0.0005) + 2)
            total = pops[name]
            men = int(total * r.uniform(0.47, 0.49))
            hh = int(total / r.uniform(2.2, 2.6))
            diff = total - before
            vals = [f"{hh:,}", f"{total:,}", f"{men:,}", f"{total - men:,}"]
            if name in ("佐治", "鹿野"):
                vals = [fw(v.replace(",", "")) for v in vals]     # typed with the IME on
            rows.append([era, f"{name}地域", *vals, f"{diff:+d}".replace("-", "△")])
    write_csv(out_path("population-monthly", "住基人口_地域別月報_R6年度.csv"), rows, encoding="cp932")


def polling_station() -> None:
    """選挙管理委員会事務局's CP932 list of polling stations (no standard): 投票区 as full-width digits,
    投票時間 as a range (some close early), 対象地区 as a list joined with 、."""
    r = rng("polling-station")
    rows: list[list[Any]] = [["投票区", "投票所名", "所在地", "緯度", "経度", "投票時間", "対象地区", "備考"]]
    no = 0
    for area, towns in AREAS:
        for k in range(0, len(towns), 3):
            no += 1
            group = towns[k:k + 3]
            p = next((pl for pl in PLACES if pl.town.startswith(group[0][:3])), PLACES[0])
            lat, lon = jitter(r, p, 0.004)
            early = not area.startswith("鳥取") and no % 2 == 0
            rows.append([fw(str(no)), f"サンプル{group[0]}投票所", f"鳥取市{group[0]}{lot(r)}", f"{lat}", f"{lon}",
                         "７：００～１９：００" if early else "７：００～２０：００", "、".join(group),
                         "投票時間を1時間繰り上げ" if early else ""])
    write_csv(out_path("polling-station", "投票所一覧.csv"), rows, encoding="cp932")


def garbage_collection() -> None:
    """生活環境課's collection calendar workbook (ごみ収集日, no standard): one row per 収集地区,
    one column per kind of waste — unpivoted by the recipe into one row per 地区 and kind."""
    r = rng("garbage-collection")
    path = out_path("garbage-collection", "ごみ収集日一覧_R7.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("収集日")
    b = wb.add_format({"bold": True, "border": 1, "align": "center", "text_wrap": True, "bg_color": "#E2EFDA"})
    t = wb.add_format({"border": 1})
    ws.write("A1", "令和7年度 家庭ごみ収集日一覧【サンプル】", wb.add_format({"bold": True, "font_size": 14}))
    ws.write("A2", "生活環境課　※収集日は地区ごとのサンプルです。祝日も収集します（年末年始を除く）。")
    kinds = ["可燃ごみ", "不燃ごみ", "プラスチック製容器包装", "缶・びん・ペットボトル", "古紙・古布"]
    ws.write_row(3, 0, ["収集地区", "主な町名", *kinds, "備考"], b)
    days = "月火水木金"
    row = 4
    for area, towns in AREAS:
        for k in range(0, len(towns), 4):
            group = towns[k:k + 4]
            a, bday = r.sample(range(5), 2)
            burn = f"{days[min(a, bday)]}・{days[max(a, bday)]}"
            vals = [f"{area}{k // 4 + 1}", "、".join(group), burn, f"第{r.randint(1, 4)}{days[r.randint(0, 4)]}曜日",
                    f"毎週{days[r.randint(0, 4)]}曜日", f"第{r.choice(['1・3', '2・4'])}{days[r.randint(0, 4)]}曜日",
                    f"第{r.randint(1, 4)}{days[r.randint(0, 4)]}曜日" if area.startswith("鳥取") else "",
                    "" if area.startswith("鳥取") else "古紙・古布は拠点回収"]
            ws.write_row(row, 0, vals, t)
            row += 1
    wb.close()


GENERATORS = {
    "population": population,
    "population-monthly": population_monthly,
    "polling-station": polling_station,
    "garbage-collection": garbage_collection,
}
