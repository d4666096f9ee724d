"""健康・福祉・子育て (health, welfare, childcare).  SAMPLE data only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import PLACES, fw, jitter, lot, out_path, phone, rng, wareki, write_csv, xlsx_workbook

HW_KANA = str.maketrans({
    "ア": "ｱ", "イ": "ｲ", "ウ": "ｳ", "エ": "ｴ", "オ": "ｵ", "カ": "ｶ", "キ": "ｷ", "ク": "ｸ", "ケ": "ｹ", "コ": "ｺ",
    "サ": "ｻ", "シ": "ｼ", "ス": "ｽ", "セ": "ｾ", "ソ": "ｿ", "タ": "ﾀ", "チ": "ﾁ", "ツ": "ﾂ", "テ": "ﾃ", "ト": "ﾄ",
    "ナ": "ﾅ", "ニ": "ﾆ", "ヌ": "ﾇ", "ネ": "ﾈ", "ノ": "ﾉ", "ハ": "ﾊ", "ヒ": "ﾋ", "フ": "ﾌ", "ヘ": "ﾍ", "ホ": "ﾎ",
    "マ": "ﾏ", "ミ": "ﾐ", "ム": "ﾑ", "メ": "ﾒ", "モ": "ﾓ", "ヤ": "ﾔ", "ユ": "ﾕ", "ヨ": "ﾖ", "ラ": "ﾗ", "リ": "ﾘ",
    "ル": "ﾙ", "レ": "ﾚ", "ロ": "ﾛ", "ワ": "ﾜ", "ヲ": "ｦ", "ン": "ﾝ", "ー": "ｰ", "ッ": "ｯ", "ャ": "ｬ", "ュ": "ｭ",
    "ョ": "ｮ", "ァ": "ｧ", "ィ": "ｨ", "ゥ": "ｩ", "ェ": "ｪ", "ォ": "ｫ",
    "ガ": "ｶﾞ", "ギ": "ｷﾞ", "グ": "ｸﾞ", "ゲ": "ｹﾞ", "ゴ": "ｺﾞ", "ザ": "ｻﾞ", "ジ": "ｼﾞ", "ズ": "ｽﾞ", "ゼ": "ｾﾞ",
    "ゾ": "ｿﾞ", "ダ": "ﾀﾞ", "ヂ": "ﾁﾞ", "ヅ": "ﾂﾞ", "デ": "ﾃﾞ", "ド": "ﾄﾞ", "バ": "ﾊﾞ", "ビ": "ﾋﾞ", "ブ": "ﾌﾞ",
    "ベ": "ﾍﾞ", "ボ": "ﾎﾞ", "パ": "ﾊﾟ", "ピ": "ﾋﾟ", "プ": "ﾌﾟ", "ペ": "ﾍﾟ", "ポ": "ﾎﾟ", "ヴ": "ｳﾞ", "　": " ",
})


def hira(s: str) -> str:
    """Katakana to hiragana (the ふりがな column of a print-style list)."""
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in s)


def hw(s: str) -> str:
    """Half-width katakana, as old host systems print readings."""
    return s.translate(HW_KANA)


def hospital() -> None:
    """保健医療課's print-style list of hospitals and clinics (2021/hospital).

    Not conformant yet, on purpose: URL is required by the 2021 standard but most clinics have no
    web site, and a few phone numbers were typed without the area code (22-xxxx).
    """
    r = rng("hospital")
    path = out_path("hospital", "医療機関一覧（鳥取市保健所管内・鳥取市分）.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("医療機関")
    b = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    c = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    ws.merge_range("A1:O1", "医療機関一覧（令和7年4月1日現在）【サンプルデータ】", wb.add_format({"bold": True, "font_size": 14}))
    ws.write("A2", "鳥取市保健所 保健医療課")
    head = ["No.", "医療機関名", "フリガナ", "種別", "所在地", "電話番号", "FAX", "診療科目", "診療日", "診療時間",
            None, "休診日・時間外", "病床数", "ホームページ", "備考"]
    for j, v in enumerate(head):
        if j in (9, 10):
            continue
        ws.merge_range(3, j, 4, j, v, b)
    ws.merge_range(3, 9, 3, 10, "診療時間", b)
    ws.write(4, 9, "開始", b)
    ws.write(4, 10, "終了", b)
    specs = ["内科、小児科", "内科、消化器内科", "整形外科、リハビリテーション科", "眼科", "耳鼻咽喉科", "皮膚科",
             "歯科", "内科、循環器内科、呼吸器内科", "産婦人科", "精神科、心療内科"]
    row = 5
    for i in range(30):
        p = PLACES[(i * 3) % len(PLACES)]
        if i < 3:
            name, kana, kind, beds = f"サンプル{p.short}総合病院", f"サンプル{p.short_kana}ソウゴウビョウイン", "病院", f"{r.randint(10, 40) * 10}床"
            spec = "内科、外科、小児科、整形外科、脳神経外科、救急科"
        else:
            sp = specs[i % len(specs)]
            first = sp.split("、")[0]
            name = f"サンプル{p.short}{first}クリニック"
            kana = f"サンプル{p.short_kana}クリニック"
            kind = "有床診療所" if i % 7 == 0 else "無床診療所"
            beds = f"{r.randint(4, 19)}床" if kind == "有床診療所" else "－"
            spec = sp
        tel = phone(r, p)
        if i in (6, 17, 23):
            tel = tel[5:]          # typed without the area code
        url = f"https://sample-clinic-{i + 1:02d}.example.jp/" if i < 3 or i % 5 == 0 else ""
        vals = [i + 1, name, kana, kind, f"鳥取市{p.town}{lot(r)}", tel, phone(r, p), spec,
                "月・火・水・金・土" if i % 2 else "月～金", "8:30" if i < 3 else "9:00", "17:00" if i < 3 else "18:00",
                "日曜・祝日" if i >= 3 else "土日祝（救急は24時間対応）", beds, url,
                "木曜は午前のみ" if i % 4 == 1 else ""]
        for j, cv in enumerate(vals):
            ws.write(row, j, cv, c)
        row += 1
    ws.write(row + 1, 0, "※診療日・時間は変更となる場合があります。受診前に各医療機関へご確認ください。")
    wb.close()


def food_business() -> None:
    """生活安全課 (保健所)'s export of food business permits from the 食品衛生 system (2026/food_business):
    CP932, half-width kana readings, ㈱/㈲ in 営業者, 全角 digits in addresses, 和暦 dates."""
    r = rng("food-business")
    header = ["管理番号", "許可番号", "営業者氏名", "施設名称", "施設名称ｶﾅ", "施設所在地", "施設電話番号", "営業の種類",
              "業態", "許可年月日", "有効期限", "初回許可年月日", "備考"]
    kinds = [("飲食店営業", "一般食堂"), ("飲食店営業", "すし屋"), ("飲食店営業", "喫茶店"), ("菓子製造業", "和菓子"),
             ("水産製品製造業", "干物"), ("食肉販売業", ""), ("魚介類販売業", ""), ("飲食店営業", "仕出し屋・弁当屋"),
             ("そうざい製造業", ""), ("酒類製造業", "")]
    shops = [("サンプル食堂", "サンプルショクドウ"), ("すしサンプル", "スシサンプル"), ("喫茶サンプル", "キッササンプル"),
             ("サンプル菓子舗", "サンプルカシホ"), ("サンプル水産", "サンプルスイサン"), ("サンプル精肉店", "サンプルセイニクテン"),
             ("サンプル鮮魚店", "サンプルセンギョテン"), ("サンプル弁当", "サンプルベントウ"), ("サンプル惣菜工房", "サンプルソウザイコウボウ"),
             ("サンプル酒造", "サンプルシュゾウ")]
    owners = ["㈱サンプルフーズ", "㈲サンプル商店", "個人", "サンプル水産㈱", "合同会社サンプル"]
    rows: list[list[Any]] = [header]
    for i in range(80):
        p = PLACES[(i * 11) % len(PLACES)]
        k = i % len(kinds)
        kind, style = kinds[k]
        shop, kana = shops[k]
        name = f"{shop}　{p.short}店" if i >= 10 else shop
        kana_full = f"{kana} {p.short_kana}テン" if i >= 10 else kana
        granted = dt.date(2019 + i % 6, 1 + (i * 7) % 12, 1 + (i * 13) % 28)
        first = granted if i % 3 else dt.date(2001 + i % 15, 4, 1)
        expiry = dt.date(granted.year + 6, granted.month, 1) - dt.timedelta(days=1)
        owner = owners[i % len(owners)]
        rows.append([f"{i + 1:06d}", f"鳥保第{fw(str(1000 + i * 17))}号", "（個人）" if owner == "個人" else owner, name,
                     hw(kana_full), f"鳥取市{p.town}{fw(lot(r))}", phone(r, p), kind, style, wareki(granted),
                     wareki(expiry), wareki(first), "自動車による移動販売" if i % 29 == 5 else ""])
    write_csv(out_path("food-business", "食品営業許可一覧_R7.csv"), rows, encoding="cp932")


def cooling_shelter() -> None:
    """保健医療課's list of 指定暑熱避難施設 (cooling shelters) as a small workbook (2026/public_facility):
    開放時間 as a range, 受入可能人数 with a unit (not a standard item: kept in 備考)."""
    r = rng("cooling-shelter")
    path = out_path("cooling-shelter", "指定暑熱避難施設一覧.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("クーリングシェルター")
    b = wb.add_format({"bold": True, "border": 1, "bg_color": "#DDEEFF"})
    ws.write("A1", "指定暑熱避難施設（クーリングシェルター）一覧【サンプル】", wb.add_format({"bold": True, "font_size": 13}))
    head = ["番号", "施設名", "施設名（カナ）", "所在地", "緯度", "経度", "開放日", "開放時間", "受入可能人数", "電話番号", "備考"]
    ws.write_row(2, 0, head, b)
    names = [("サンプル本庁舎 市民ロビー", "サンプルホンチョウシャ シミンロビー"), ("サンプル中央図書館", "サンプルチュウオウトショカン"),
             ("サンプル市民会館", "サンプルシミンカイカン"), ("サンプル駅南庁舎 1階ロビー", "サンプルエキナンチョウシャ イッカイロビー")]
    row = 3
    for i in range(22):
        p = PLACES[i % len(PLACES)]
        if i < len(names):
            n, k = names[i]
        else:
            n, k = f"サンプル{p.short}地区公民館", f"サンプル{p.short_kana}チククミンカン"
        lat, lon = jitter(r, p)
        vals = [i + 1, n, k, f"鳥取市{p.town}{lot(r)}", lat, lon, "月～金（祝日を除く）" if i % 3 else "毎日",
                "8:30～17:15" if i % 3 else "9:00～19:00", f"{r.randint(1, 8) * 5}人", phone(r, p),
                "冷房の効いたロビーを開放" if i % 5 == 0 else ""]
        ws.write_row(row, 0, vals)
        row += 1
    ws.write(row + 1, 0, "開設期間：令和7年4月下旬～10月下旬（熱中症特別警戒情報の発表時）")
    wb.close()


def care_service() -> None:
    """長寿社会課's export from the 介護保険 system (2021/care_service): CP932, ① and ㈱ in names,
    half-width kana, 全角 digits, 定員 with 人, postcode column (no 2021 item: kept in 備考)."""
    r = rng("care-service")
    header = ["事業所番号", "サービス種類", "事業所名称", "事業所名称（ｶﾅ）", "郵便番号", "所在地", "電話番号", "FAX番号",
              "法人名", "定員", "営業日", "備考"]
    services = [("訪問介護", "ホームヘルプ"), ("通所介護", "デイサービス"), ("居宅介護支援", "ケアプランセンター"),
                ("認知症対応型共同生活介護", "グループホーム"), ("短期入所生活介護", "ショートステイ"), ("訪問看護", "訪問看護ステーション"),
                ("小規模多機能型居宅介護", "小規模多機能ホーム"), ("福祉用具貸与", "福祉用具センター")]
    kana = {"ホームヘルプ": "ホームヘルプ", "デイサービス": "デイサービス", "ケアプランセンター": "ケアプランセンター",
            "グループホーム": "グループホーム", "ショートステイ": "ショートステイ", "訪問看護ステーション": "ホウモンカンゴステーション",
            "小規模多機能ホーム": "ショウキボタキノウホーム", "福祉用具センター": "フクシヨウグセンター"}
    corps = ["社会福祉法人サンプル福祉会", "㈱サンプルケア", "医療法人社団サンプル会", "特定非営利活動法人サンプル", "㈲サンプル介護"]
    rows: list[list[Any]] = [header]
    for i in range(60):
        p = PLACES[(i * 5) % len(PLACES)]
        svc, suffix = services[i % len(services)]
        unit = "ユニット①" if svc.startswith("認知症") and i % 2 == 0 else ("ユニット②" if svc.startswith("認知症") else "")
        name = f"サンプル{p.short}{suffix}{unit}"
        kname = f"サンプル{p.short_kana}{kana[suffix]}" + ("ユニット1" if unit == "ユニット①" else "ユニット2" if unit else "")
        cap = {"通所介護": f"{r.randint(2, 6) * 5}", "認知症対応型共同生活介護": "9", "短期入所生活介護": f"{r.randint(1, 4) * 10}",
               "小規模多機能型居宅介護": "29"}.get(svc, "")
        rows.append([f"317{r.randint(1000000, 1999999)}", svc, name, hw(kname), p.postcode, f"鳥取市{p.town}{fw(lot(r))}",
                     phone(r, p), phone(r, p), corps[i % len(corps)], fw(cap) + ("人" if cap and i % 2 else ""),
                     "月～土" if svc in ("通所介護", "訪問介護") else "毎日", ""])
    write_csv(out_path("care-service", "介護サービス事業所一覧.csv"), rows, encoding="cp932")


def nursing_home() -> None:
    """長寿社会課's print-style list of residential care homes grouped under section rows
    (【特別養護老人ホーム】 …) with 小計 rows (2021/care_service)."""
    r = rng("nursing-home")
    path = out_path("nursing-home", "入所施設一覧.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("入所施設")
    b = wb.add_format({"bold": True, "border": 1, "align": "center"})
    c = wb.add_format({"border": 1})
    ws.write("A1", "高齢者入所施設一覧（令和7年4月1日現在）【サンプルデータ】", wb.add_format({"bold": True, "font_size": 13}))
    ws.write("A2", "鳥取市 福祉部 長寿社会課")
    head = ["施設種別", "施設名", "フリガナ", "所在地", "電話番号", "定員（人）", "設置主体"]
    ws.write_row(3, 0, head, b)
    groups = [("介護老人福祉施設", "特別養護老人ホーム", "トクベツヨウゴロウジンホーム", 5),
              ("介護老人保健施設", "介護老人保健施設", "カイゴロウジンホケンシセツ", 3),
              ("地域密着型介護老人福祉施設入所者生活介護", "小規模特養", "ショウキボトクヨウ", 4)]
    row = 4
    for kind, label, kana, n in groups:
        start = row
        total = 0
        for k in range(n):
            p = PLACES[(row * 3) % len(PLACES)]
            cap = r.choice([29, 50, 60, 80, 100]) if kind != "地域密着型介護老人福祉施設入所者生活介護" else 29
            total += cap
            ws.write_row(row, 1, [f"サンプル{p.short}{label}", f"サンプル{p.short_kana}{kana}", f"鳥取市{p.town}{lot(r)}",
                                  phone(r, p), cap, "社会福祉法人サンプル会" if k % 2 == 0 else "医療法人サンプル会"], c)
            row += 1
        ws.merge_range(start, 0, row - 1, 0, kind, c)
        ws.write(row, 1, "小計", c)
        ws.write_formula(row, 5, f"=SUM(F{start + 1}:F{row})", c, total)
        row += 1
    ws.write(row + 1, 0, "※定員は入所定員です（短期入所を除く）。")
    wb.close()


def preschool() -> None:
    """保育幼稚園課's print-style list of nurseries and kindergartens (2026/preschool): 地区 merged down in
    the first column, 定員 with 人, 受入年齢 text, 開所時間 as a range, ○/× for 一時預かり and 病児保育,
    認可年月日 in 和暦, 小計 rows per 地区."""
    r = rng("preschool")
    path = out_path("preschool", "保育施設一覧_令和7年度.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("保育所等一覧")
    b = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    c = wb.add_format({"border": 1, "valign": "vcenter"})
    ws.merge_range("A1:N1", "令和7年度 保育所・認定こども園・幼稚園一覧【サンプル】", wb.add_format({"bold": True, "font_size": 14}))
    ws.write("A2", "鳥取市 こども家庭局 保育幼稚園課（令和7年4月1日現在）")
    head = ["地区", "施設名", "ふりがな", "種別", "所在地", "電話番号", "FAX", "定員", "受入年齢", "開所時間",
            "一時預かり", "病児保育", "認可年月日", "備考"]
    ws.write_row(3, 0, head, b)
    kinds = [("認可私立保育所", "保育園", "ほいくえん"), ("認定こども園（幼保連携型）", "こども園", "こどもえん"),
             ("認可公立保育所", "保育園", "ほいくえん"), ("私立幼稚園", "幼稚園", "ようちえん")]
    areas = [("中央", [0, 2, 3, 7]), ("湖山", [4, 5, 6]), ("国府・福部", [11, 12]), ("南部（河原・用瀬・佐治）", [13, 14, 15]),
             ("西部（気高・鹿野・青谷）", [16, 17, 18])]
    row = 4
    no = 0
    for area, idxs in areas:
        start = row
        cap_total = 0
        for k, pi in enumerate(idxs):
            p = PLACES[pi]
            kind, word, yomi = kinds[(pi + k) % len(kinds)]
            no += 1
            cap = r.randint(4, 16) * 10
            cap_total += cap
            hours = "7:00～19:00" if "保育" in kind or "こども" in kind else "8:30～14:00"
            ages = "生後6か月～" if "保育" in kind or "こども" in kind else "満3歳～"
            vals = [area, f"サンプル{p.short}第{k + 1}{word}", f"さんぷる{hira(p.short_kana)}だい{('いち', 'に', 'さん', 'よん')[k]}{yomi}", kind, f"鳥取市{p.town}{lot(r)}", phone(r, p),
                    phone(r, p), f"{cap}人", ages, hours, "○" if k % 2 == 0 else "×", "○" if pi in (0, 4) else "×",
                    wareki(dt.date(1975 + (pi * 3) % 45, 4, 1)), "延長保育あり" if k == 0 else ""]
            ws.write_row(row, 0, vals, c)
            row += 1
        if row - start > 1:
            ws.merge_range(start, 0, row - 1, 0, area, c)
        ws.write(row, 1, "小計", c)
        ws.write(row, 7, f"{cap_total}人", c)
        row += 1
    ws.write(row + 1, 0, "※ふりがなの施設名部分は仮のものです（サンプル）。")
    wb.close()


def child_support_center() -> None:
    """こども家庭課's list of 地域子育て支援センター kept in the LinkData layout (2021/preschool):
    #-meta rows, a #property header with ic: prefixes, #object_type_xsd / #property_context rows."""
    r = rng("child-support-center")
    rows: list[list[Any]] = [
        ["#LINK"] + [""] * 11,
        ["#lang", "ja"] + [""] * 10,
        ["#attribution_name", "鳥取市こども家庭課（サンプル）"] + [""] * 10,
        ["#license", "http://creativecommons.org/licenses/by/4.0/deed.ja"] + [""] * 10,
        ["#file_name", "tottori_kosodate_shien_center_sample"] + [""] * 10,
        ["#namespace", "ic", "http://imi.ipa.go.jp/ns/core/rdf#"] + [""] * 9,
        ["#property", "ic:市区町村コード", "施設名", "施設名カナ", "種別", "ic:住所", "ic:緯度", "ic:経度", "ic:電話番号",
         "開所曜日", "開所時間", "閉所時間"],
        ["#object_type_xsd", "string", "string", "string", "string", "string", "double", "double", "string", "string",
         "string", "string"],
        ["#property_context"] + ["\tAssertion"] * 11,
    ]
    for i in range(12):
        p = PLACES[(i * 2) % len(PLACES)]
        lat, lon = jitter(r, p)
        rows.append([str(i + 1), "312011", f"サンプル{p.short}子育て支援センター", f"サンプル{p.short_kana}コソダテシエンセンター",
                     "", f"鳥取県鳥取市{p.town}{lot(r)}", f"{lat}", f"{lon}", phone(r, p), "月;火;水;木;金",
                     "9:00" if i % 2 else "09:00", "16:00"])
    write_csv(out_path("child-support-center", "kosodate_shien_center.csv"), rows, encoding="utf-8")


GENERATORS = {
    "hospital": hospital,
    "food-business": food_business,
    "cooling-shelter": cooling_shelter,
    "care-service": care_service,
    "nursing-home": nursing_home,
    "preschool": preschool,
    "child-support-center": child_support_center,
}
