"""防災 (disaster prevention): AED, evacuation spaces, fire-fighting water.  SAMPLE data only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import PLACES, fw, jitter, lot, out_path, phone, rng, wareki, write_csv, xlsx_workbook

# sample facility names: (name, kana, place index)
CITY_FACILITIES = [
    ("サンプル本庁舎", "サンプルホンチョウシャ", 0),
    ("サンプル駅南庁舎", "サンプルエキナンチョウシャ", 1),
    ("サンプル市民会館", "サンプルシミンカイカン", 2),
    ("サンプル温泉保養会館", "サンプルオンセンホヨウカイカン", 3),
    ("サンプル湖山地区公民館", "サンプルコヤマチククミンカン", 4),
    ("サンプル湖山北小学校", "サンプルコヤマキタショウガッコウ", 5),
    ("サンプル賀露地区公民館", "サンプルカロチククミンカン", 6),
    ("サンプル末広市民プール", "サンプルスエヒロシミンプール", 7),
    ("サンプル扇町保健センター", "サンプルオウギマチホケンセンター", 8),
    ("サンプル立川中学校", "サンプルタチカワチュウガッコウ", 9),
    ("サンプル江津運動公園管理棟", "サンプルゴウツウンドウコウエンカンリトウ", 10),
    ("サンプル国府町総合支所", "サンプルコクフチョウソウゴウシショ", 11),
    ("サンプル福部町総合支所", "サンプルフクベチョウソウゴウシショ", 12),
    ("サンプル河原町総合支所", "サンプルカワハラチョウソウゴウシショ", 13),
    ("サンプル用瀬町総合支所", "サンプルモチガセチョウソウゴウシショ", 14),
    ("サンプル佐治町総合支所", "サンプルサジチョウソウゴウシショ", 15),
    ("サンプル気高町総合支所", "サンプルケタカチョウソウゴウシショ", 16),
    ("サンプル鹿野町総合支所", "サンプルシカノチョウソウゴウシショ", 17),
    ("サンプル青谷町総合支所", "サンプルアオヤチョウソウゴウシショ", 18),
]


def aed() -> None:
    """危機管理課's print-style workbook of AEDs in city facilities (2026/aed).

    Title rows, a merged 所在地 header over 住所/方書, facility names merged down over two AEDs,
    同上 in 設置場所, 利用時間 as a range in one cell, ○/× for 小児対応, 設置台数 with a unit,
    設置日 in 和暦 (R6.4.1), a 合計 row and a ※ note under the table.
    """
    r = rng("aed")
    path = out_path("aed", "AED設置一覧（市有施設）R7.4.1.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("AED一覧")
    bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True})
    cell = wb.add_format({"border": 1, "valign": "vcenter"})
    title = wb.add_format({"bold": True, "font_size": 14})
    ws.merge_range("A1:M1", "市有施設AED設置一覧（令和7年4月1日現在）【サンプルデータ】", title)
    ws.write("A2", "鳥取市 危機管理部 危機管理課")
    head = ["No.", "施設名", "フリガナ", "所在地", None, "設置場所", "利用可能曜日", "利用時間", "小児対応",
            "電話番号", "設置台数", "設置日", "備考"]
    for j, v in enumerate(head):
        if v is not None and j not in (3,):
            ws.merge_range(3, j, 4, j, v, bold)
    ws.merge_range(3, 3, 3, 4, "所在地", bold)
    ws.write(4, 3, "住所", bold)
    ws.write(4, 4, "方書", bold)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 2, 26)
    ws.set_column(3, 3, 28)
    row = 5
    no = 0
    total_units = 0
    for i, (name, kana, pi) in enumerate(CITY_FACILITIES):
        p = PLACES[pi]
        addr = f"鳥取市{p.town}{lot(r)}"
        if i % 4 == 1:
            addr = fw(addr)           # typed with the IME on
        two = i in (0, 2, 5, 10)      # two AEDs in the facility: the name cells are merged down
        spots = ["1階 正面玄関", "2階 事務室前"] if two else [r.choice(["1階 玄関ホール", "1階 事務室", "体育館入口", "1階 受付"])]
        hours = "8:30～17:15" if "支所" in name or "庁舎" in name else r.choice(["9:00～21:00", "8:30～17:00", "9:00～22:00"])
        days = "月～金" if "支所" in name or "庁舎" in name else r.choice(["火～日", "毎日", "月～土"])
        tel = phone(r, p)
        installed = dt.date(2019 + r.randint(0, 5), r.randint(4, 12), r.randint(1, 28))
        start = row
        for k, spot in enumerate(spots):
            no += 1
            units = 2 if name == "サンプル本庁舎" and k == 0 else 1
            total_units += units
            # the second AED of a facility: the clerk wrote 同上 instead of repeating the address
            vals = [no, name, kana, addr if k == 0 else "同上", "", spot, days, hours,
                    "○" if (i + k) % 3 else "×", tel, f"{units}台", wareki(installed, "short"),
                    "" if r.random() < 0.7 else "休館日は使用できません"]
            for j, cv in enumerate(vals):
                ws.write(row, j, cv, cell)
            row += 1
        if two:
            ws.merge_range(start, 1, row - 1, 1, name, cell)
            ws.merge_range(start, 2, row - 1, 2, kana, cell)
    ws.write(row, 0, "合計", cell)
    ws.write_formula(row, 10, f'=SUMPRODUCT(--SUBSTITUTE(K6:K{row},"台",""))&"台"', cell, f"{total_units}台")
    ws.write(row + 2, 0, "※小児対応：○は小児用パッド又は小児モードあり")
    ws.write(row + 3, 0, "※本表はサンプルデータです。実在の施設・設置状況を示すものではありません。")
    wb.close()


def aed_registered() -> None:
    """消防局's list of AEDs registered by businesses (2021/aed), exported as CP932 CSV.

    ㈱/㈲ in names, ① in 設置位置, 全角 digits, a header 「２４Ｈ使用可能」, 小児対応 as 有/無,
    address without 都道府県, and a trailing comma (an unnamed empty column).
    """
    r = rng("aed-registered")
    kinds = ["㈱サンプル商事", "㈲サンプル運送", "サンプル医院", "サンプルスーパー", "サンプルホテル",
             "サンプル自動車学校", "サンプル銀行", "サンプル工業㈱", "サンプル保育園", "サンプル温泉旅館"]
    header = ["登録番号", "事業所名", "事業所名（カナ）", "住所", "設置位置", "電話番号", "２４Ｈ使用可能",
              "小児対応", "登録年月日", "備考", ""]
    rows: list[list[Any]] = [header]
    for i in range(36):
        p = PLACES[(i * 7) % len(PLACES)]
        base = kinds[i % len(kinds)]
        suffix = ["本社", "鳥取営業所", "湖山店", "駅前店", "第２工場", "国府店"][i % 6]
        name = f"{base}　{suffix}"
        kana_base = {"㈱サンプル商事": "サンプルショウジ", "㈲サンプル運送": "サンプルウンソウ", "サンプル医院": "サンプルイイン",
                     "サンプルスーパー": "サンプルスーパー", "サンプルホテル": "サンプルホテル",
                     "サンプル自動車学校": "サンプルジドウシャガッコウ", "サンプル銀行": "サンプルギンコウ",
                     "サンプル工業㈱": "サンプルコウギョウ", "サンプル保育園": "サンプルホイクエン",
                     "サンプル温泉旅館": "サンプルオンセンリョカン"}[base]
        kana_suffix = ["ホンシャ", "トットリエイギョウショ", "コヤマテン", "エキマエテン", "ダイニコウジョウ", "コクフテン"][i % 6]
        addr = f"鳥取市{p.town}{fw(lot(r))}"
        spot = r.choice(["１階エントランス", "事務所内①", "受付カウンター横", "２階休憩室", "従業員通用口①"])
        rows.append([f"{31000 + i * 3:06d}", name, f"{kana_base}{kana_suffix}", addr, spot, fw(phone(r, p)),
                     "○" if i % 5 == 0 else "", "有" if i % 3 else "無",
                     wareki(dt.date(2016 + i % 9, 1 + i % 12, 1 + (i * 5) % 28)), "", ""])
    write_csv(out_path("aed-registered", "AED登録一覧_事業所.csv"), rows, encoding="cp932")


def evacuation_space() -> None:
    """The 指定緊急避難場所 file the city published in the 2021 推奨データセット format (UTF-8 with BOM);
    to be upgraded to the 2026 自治体標準オープンデータセット (2026/evacuation_space)."""
    r = rng("evacuation-space")
    header = ["NO", "名称", "名称_カナ", "住所", "方書", "緯度", "経度", "標高", "電話番号", "内線番号", "市区町村コード",
              "都道府県名", "市区町村名", "災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮", "災害種別_地震",
              "災害種別_津波", "災害種別_大規模な火事", "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複",
              "想定収容人数", "対象となる町会・自治会", "URL", "備考"]
    rows: list[list[Any]] = [header]
    kinds = [("小学校", "ショウガッコウ", "グラウンド"), ("中学校", "チュウガッコウ", "体育館"), ("地区公民館", "チククミンカン", ""),
             ("公園", "コウエン", "広場")]
    no = 0
    for pi, p in enumerate(PLACES):
        for k in range(2 if pi < 11 else 1):
            no += 1
            kind, kkana, spot = kinds[(pi + k) % len(kinds)]
            lat, lon = jitter(r, p)
            coastal = p.town.startswith(("賀露", "気高", "青谷", "福部", "湖山町北"))
            flags = ["1" if (pi + k) % 3 else "", "1" if pi in (13, 14, 15, 17) else "", "1" if coastal else "", "1",
                     "1" if coastal else "", "1" if kind == "公園" else "", "1" if (pi + k) % 4 == 0 else "", "", "1" if kind != "公園" else ""]
            rows.append([str(no), f"サンプル{p.short}{kind}", f"サンプル{p.short_kana}{kkana}",
                         f"鳥取県鳥取市{p.town}{lot(r)}", spot, f"{lat}", f"{lon}", f"{r.randint(2, 60)}.{r.randint(0, 9)}",
                         phone(r, p), "", "312011", "鳥取県", "鳥取市", *flags, str(r.randint(2, 40) * 50),
                         f"サンプル{p.short}第{k + 1}町内会", "", ""])
    write_csv(out_path("evacuation-space", "312011_evacuation_space.csv"), rows, encoding="utf-8-sig")


def tsunami_building() -> None:
    """危機管理課's workbook of 津波避難ビル (a subset of 指定緊急避難場所, 2021/evacuation_space):
    a merged 「対象とする災害」 parent header over ○ flag columns, 想定収容人数 with 約/人, 標高 with m."""
    r = rng("tsunami-evacuation-building")
    path = out_path("tsunami-evacuation-building", "津波避難ビル一覧.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("津波避難ビル")
    b = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    c = wb.add_format({"border": 1})
    ws.write("A1", "津波避難ビル等一覧【サンプル】", wb.add_format({"bold": True, "font_size": 14}))
    ws.write("A2", "令和7年3月31日現在　危機管理課")
    top = ["番号", "施設名", "ふりがな", "所在地", "標高（m）", "電話番号", "対象とする災害", None, None, "指定避難所", "収容人数", "対象地区", "備考"]
    sub = [None, None, None, None, None, None, "津波", "高潮", "地震", None, None, None, None]
    for j, v in enumerate(top):
        if j in (6, 7, 8):
            continue
        ws.merge_range(3, j, 4, j, v, b)
    ws.merge_range(3, 6, 3, 8, "対象とする災害", b)
    for j in (6, 7, 8):
        ws.write(4, j, sub[j], b)
    coastal = [p for p in PLACES if p.town.startswith(("賀露", "気高", "青谷", "福部", "湖山町北", "江津"))]
    names = ["サンプルマンション", "サンプルホテル", "サンプル水産加工場", "サンプル市営住宅", "サンプル病院", "サンプル商業ビル"]
    kanas = ["さんぷるまんしょん", "さんぷるほてる", "さんぷるすいさんかこうじょう", "さんぷるしえいじゅうたく",
             "さんぷるびょういん", "さんぷるしょうぎょうびる"]
    row = 5
    for i in range(14):
        p = coastal[i % len(coastal)]
        n = i % len(names)
        yomi = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in p.short_kana)
        vals = [i + 1, f"{names[n]}{p.short}", f"{kanas[n]}{yomi}", f"鳥取市{p.town}{lot(r)}", r.randint(3, 25),
                phone(r, p), "○", "○" if i % 2 else "", "○", "○" if n in (3, 4) else "",
                f"約{r.randint(5, 60) * 10}人", f"{p.short}地区", "4階以上の共用廊下" if i % 3 == 0 else ""]
        for j, cv in enumerate(vals):
            ws.write(row, j, cv, c)
        row += 1
    ws.write(row + 1, 0, "※収容人数は概数です。")
    wb.close()


def fire_hydrant() -> None:
    """消防局's hydrant ledger as an old Excel 97-2003 workbook (.xls, 2026/fire_hydrant).

    Positions in degrees-minutes-seconds, 口径 with mm, and — the reason this dataset is not yet
    conformant — addresses still written in the pre-2004 form (岩美郡国府町…, 気高郡鹿野町…) in the
    rows that came from the merged towns' ledgers.
    """
    import xlwt

    r = rng("fire-hydrant")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("消火栓台帳")
    bold = xlwt.easyxf("font: bold on; align: horiz center; borders: left thin, right thin, top thin, bottom thin")
    ws.write_merge(0, 0, 0, 8, "消防水利（消火栓）台帳　抜粋【サンプル】", xlwt.easyxf("font: bold on, height 280"))
    ws.write(1, 0, "鳥取県東部広域行政管理組合消防局　警防課")
    head = ["水利番号", "種別", "所在地", "目標物", "北緯", "東経", "口径（mm）", "設置年度", "備考"]
    for j, v in enumerate(head):
        ws.write(3, j, v, bold)
    old_forms = {"国府町宮下": "岩美郡国府町宮下", "鹿野町鹿野": "気高郡鹿野町鹿野", "用瀬町用瀬": "八頭郡用瀬町用瀬",
                 "青谷町青谷": "気高郡青谷町青谷"}
    row = 4
    for i in range(48):
        p = PLACES[i % len(PLACES)]
        lat, lon = jitter(r, p, 0.01)

        def dms(v: float) -> str:
            d = int(v)
            m = int((v - d) * 60)
            s = round(((v - d) * 60 - m) * 60, 1)
            return f"{d}°{m}′{s}″"

        town = p.town
        # rows from the merged towns' ledgers keep the address written before the 2004 merger
        addr = f"{old_forms[town]}{lot(r)}" if town in old_forms and i % 2 == 0 else f"鳥取市{town}{lot(r)}"
        kind = "消火栓" if i % 6 else "私設消火栓"
        vals = [f"{i + 1:05d}", kind, addr, r.choice(["", "交差点角", "公民館前", "電柱付近", "バス停横"]),
                dms(lat), dms(lon), r.choice([75, 100, 150]), f"H{r.randint(5, 30)}",
                "地下式" if i % 3 == 0 else "地上式"]
        for j, cv in enumerate(vals):
            ws.write(row, j, cv)
        row += 1
    ws.write(row + 1, 0, "※位置は旧日本測地系から変換済み（サンプル）")
    wb.save(str(out_path("fire-hydrant", "消火栓台帳.xls")))


def fire_cistern() -> None:
    """危機管理課's 防火水槽 list exported from the GIS as tab-separated text (2021/fire_hydrant):
    容量 with a unit (40t) is not a standard item and goes to 備考."""
    r = rng("fire-cistern")
    rows: list[list[Any]] = [["管理番号", "種別", "所在地", "緯度", "経度", "容量", "構造", "備考"]]
    for i in range(30):
        p = PLACES[(i * 5) % len(PLACES)]
        lat, lon = jitter(r, p, 0.008)
        rows.append([f"B{i + 1:03d}", "防火水そう", f"鳥取市{p.town}{lot(r)}", f"{lat:.6f}", f"{lon:.6f}",
                     f"{r.choice([20, 40, 40, 60, 100])}t", r.choice(["地下式", "地下式（耐震性）", "地上式"]),
                     "" if i % 4 else "公園内"])
    write_csv(out_path("fire-cistern", "防火水槽一覧.txt"), rows, encoding="utf-8", delimiter="\t")


GENERATORS = {
    "aed": aed,
    "aed-registered": aed_registered,
    "evacuation-space": evacuation_space,
    "tsunami-evacuation-building": tsunami_building,
    "fire-hydrant": fire_hydrant,
    "fire-cistern": fire_cistern,
}
