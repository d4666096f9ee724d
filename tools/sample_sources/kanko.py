"""観光・文化 (tourism and culture).  SAMPLE data only: no value describes a real attraction."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from .common import PLACES, fw, jitter, lot, out_path, phone, rng, wareki, write_csv, xlsx_workbook

SPOTS = [
    ("サンプル砂丘展望台", "サンプルサキュウテンボウダイ", 12, "見どころ"),
    ("サンプル砂の美術館", "サンプルスナノビジュツカン", 12, "文化施設"),
    ("サンプル城跡公園", "サンプルシロアトコウエン", 0, "見どころ"),
    ("サンプル洋館", "サンプルヨウカン", 2, "文化施設"),
    ("サンプル温泉足湯", "サンプルオンセンアシユ", 3, "温泉"),
    ("サンプル湖畔公園", "サンプルコハンコウエン", 4, "自然"),
    ("サンプル海鮮市場", "サンプルカイセンイチバ", 6, "食・買い物"),
    ("サンプル梨記念館", "サンプルナシキネンカン", 7, "文化施設"),
    ("サンプル因幡の里", "サンプルイナバノサト", 11, "体験"),
    ("サンプル流しびな館", "サンプルナガシビナカン", 14, "文化施設"),
    ("サンプル渓谷キャンプ場", "サンプルケイコクキャンプジョウ", 15, "自然"),
    ("サンプル浜村温泉館", "サンプルハマムラオンセンカン", 16, "温泉"),
    ("サンプル城下町通り", "サンプルジョウカマチドオリ", 17, "見どころ"),
    ("サンプル和紙工房", "サンプルワシコウボウ", 18, "体験"),
    ("サンプル漁港朝市", "サンプルギョコウアサイチ", 6, "食・買い物"),
    ("サンプル高原牧場", "サンプルコウゲンボクジョウ", 13, "体験"),
]


def tourism() -> None:
    """観光・ジオパーク推進課's kintone app exported as CSV (2021/tourism): CP932, every field quoted, LF,
    a leading レコード番号 and kintone's own 作成者/更新日時 columns.

    Not conformant yet, on purpose: the app's field 「名称_英語」 was reused for the postal code years ago,
    so the column holds 680-xxxx; the division must decide (fix the app, or ignore the column).
    """
    r = rng("tourism")
    header = ["レコード番号", "施設名", "施設名カナ", "名称_英語", "住所", "緯度", "経度", "営業曜日", "開始時間", "終了時間",
              "営業時間備考", "料金", "説明", "アクセス", "駐車場", "問合せ先", "電話番号", "URL", "区分", "作成者", "更新日時"]
    rows: list[list[Any]] = [header]
    for i, (name, kana, pi, cat) in enumerate(SPOTS):
        p = PLACES[pi]
        lat, lon = jitter(r, p, 0.01)
        outdoor = cat in ("見どころ", "自然")
        fee = "" if outdoor else f"{r.choice([300, 500, 600, 800])}"
        rows.append([str(200 - i * 3), name, kana, p.postcode, f"鳥取市{p.town}{lot(r)}", f"{lat}", f"{lon}",
                     "" if outdoor else "月;火;水;木;金;土;日", "" if outdoor else "09:00",
                     "" if outdoor else r.choice(["17:00", "18:00", "16:30"]),
                     "見学自由" if outdoor else "年末年始休館（サンプル）",
                     fee, f"{name}の説明文（サンプル）。{p.short}地域の観光スポットとして紹介している架空の施設です。",
                     r.choice(["鳥取駅からバスで約20分", "鳥取ICから車で約15分", "最寄りバス停から徒歩5分"]),
                     f"普通車{r.randint(1, 10) * 10}台", "サンプル観光協会", phone(r, p), "", cat, "観光・ジオパーク推進課",
                     f"2025-0{r.randint(1, 3)}-{r.randint(10, 28)} {r.randint(9, 17)}:{r.randint(10, 59)}"])
    write_csv(out_path("tourism", "観光施設_kintone_export.csv"), rows, encoding="cp932", newline="\n",
              quoting=csv.QUOTE_ALL)


def tourist_visitors() -> None:
    """観光・ジオパーク推進課's monthly visitor counts (観光入込客数, no standard): one row per facility,
    one column per month, a 合計 column and row, (単位：人) above the table, － for closed months."""
    r = rng("tourist-visitors")
    path = out_path("tourist-visitors", "観光入込客数_令和6年.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("R6月別")
    b = wb.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#FFF2CC"})
    n = wb.add_format({"border": 1, "num_format": "#,##0"})
    t = wb.add_format({"border": 1})
    ws.write("A1", "令和6年 主要観光施設 月別入込客数【サンプルデータ】", wb.add_format({"bold": True, "font_size": 14}))
    ws.write("A2", "（単位：人）")
    months = [f"{m}月" for m in range(1, 13)]
    ws.write_row(3, 0, ["施設名", "地域", *months, "合計", "前年比"], b)
    row = 4
    col_totals = [0] * 12
    for name, _kana, pi, cat in SPOTS[:12]:
        p = PLACES[pi]
        base = r.randint(8, 120) * 100
        ws.write(row, 0, name, t)
        ws.write(row, 1, p.area, t)
        total = 0
        for m in range(12):
            closed = cat == "自然" and m in (0, 1)
            if closed:
                ws.write(row, 2 + m, "－", t)
                continue
            season = 1.8 if m in (4, 7, 9) else 0.6 if m in (0, 1, 11) else 1.0
            v = int(base * season * r.uniform(0.8, 1.2))
            total += v
            col_totals[m] += v
            ws.write_number(row, 2 + m, v, n)
        ws.write_formula(row, 14, f"=SUM(C{row + 1}:N{row + 1})", n, total)
        ws.write(row, 15, f"{r.randint(85, 125)}%", t)
        row += 1
    ws.write(row, 0, "合計", t)
    for m in range(12):
        col = chr(ord("C") + m)
        ws.write_formula(row, 2 + m, f"=SUM({col}5:{col}{row})", n, col_totals[m])
    ws.write(row + 2, 0, "※－は休業期間。数値は各施設からの報告値（サンプル）です。")
    wb.close()


def event() -> None:
    """観光・ジオパーク推進課's event calendar workbook (2021/event): dates in 和暦 with the weekday,
    times as 18時30分, 料金 as text (無料 / 500円), 定員 with 名 or なし."""
    r = rng("event")
    path = out_path("event", "イベントカレンダー_R7.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("R7イベント")
    b = wb.add_format({"bold": True, "border": 1, "text_wrap": True})
    ws.write("A1", "令和7年度 イベント情報一覧【サンプル】", wb.add_format({"bold": True, "font_size": 14}))
    ws.write("A2", "観光・ジオパーク推進課 作成")
    head = ["No", "イベント名", "よみがな", "開始日", "終了日", "開始時刻", "終了時刻", "内容", "料金", "会場", "会場住所",
            "主催", "問合せ電話", "定員", "申込締切", "申込方法", "URL"]
    ws.write_row(3, 0, head, b)
    events = [("サンプル砂丘フェスタ", "さんぷるさきゅうふぇすた", 12), ("サンプル夏祭り", "さんぷるなつまつり", 0),
              ("サンプル花火大会", "さんぷるはなびたいかい", 16), ("サンプル梨狩り体験", "さんぷるなしがりたいけん", 11),
              ("サンプル流しびな行事", "さんぷるながしびなぎょうじ", 14), ("サンプル城下町ウォーク", "さんぷるじょうかまちうぉーく", 17),
              ("サンプル港まつり", "さんぷるみなとまつり", 6), ("サンプル星空観察会", "さんぷるほしぞらかんさつかい", 15),
              ("サンプル和紙すき体験", "さんぷるわしすきたいけん", 18), ("サンプル市民音楽祭", "さんぷるしみんおんがくさい", 2)]
    row = 4
    for i, (name, yomi, pi) in enumerate(events):
        p = PLACES[pi]
        start = dt.date(2025 + (i >= 9), (3 + i) % 12 + 1, 3 + (i * 5) % 20)
        end = start + dt.timedelta(days=i % 3)
        wd = "月火水木金土日"
        cap = "なし" if i % 3 == 0 else f"{r.randint(2, 30) * 10}名"
        deadline = "" if cap == "なし" else wareki(start - dt.timedelta(days=10))
        vals = [i + 1, name, yomi, f"{wareki(start)}（{wd[start.weekday()]}）", f"{wareki(end)}（{wd[end.weekday()]}）",
                *r.choice([("9時", "16時"), ("10時", "15時30分"), ("13時30分", "16時"), ("18時30分", "21時")]),
                f"{name}の案内文（サンプル）。", "無料" if i % 2 == 0 else f"{r.choice([300, 500, 1000])}円",
                f"サンプル{p.short}会場", f"鳥取市{p.town}{lot(r)}", f"{name}実行委員会", phone(r, p), cap, deadline,
                "" if cap == "なし" else "電話または申込フォーム", ""]
        ws.write_row(row, 0, vals)
        row += 1
    ws.write(row + 1, 0, "※天候等により中止・変更になる場合があります。")
    wb.close()


def tourist_toilet() -> None:
    """観光・ジオパーク推進課's 観光地トイレ file as published in the 2021 推奨データセット format
    (2021/public_toilet) — close to the standard, with 全角 digits, a trailing space and 9:00 times."""
    r = rng("tourist-toilet")
    header = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "名称_英語", "住所", "方書",
              "設置位置", "緯度", "経度", "男性トイレ総数", "男性トイレ数（小便器）", "男性トイレ数（和式）", "男性トイレ数（洋式）",
              "女性トイレ総数", "女性トイレ数（和式）", "女性トイレ数（洋式）", "男女共用トイレ総数", "男女共用トイレ数（和式）",
              "男女共用トイレ数（洋式）", "多機能トイレ数", "車椅子使用者用トイレ有無", "乳幼児用設備設置トイレ有無",
              "オストメイト設置トイレ有無", "利用開始時間", "利用終了時間", "利用可能時間特記事項", "画像", "画像_ライセンス", "備考"]
    rows: list[list[Any]] = [header]
    for i in range(16):
        name, kana, pi, _cat = SPOTS[i % len(SPOTS)]
        p = PLACES[pi]
        lat, lon = jitter(r, p, 0.004)
        m_u, m_j, m_y = r.randint(1, 4), r.randint(0, 1), r.randint(1, 3)
        f_j, f_y = r.randint(0, 2), r.randint(1, 4)
        multi = r.randint(0, 2)
        nm = f"{name}第{fw(str(i % 2 + 1))}駐車場トイレ" if i % 3 else f"{name}トイレ "
        rows.append(["312011", str(i + 1), "鳥取県", "鳥取市", nm, f"{kana}トイレ", "", f"鳥取県鳥取市{p.town}{lot(r)}", "",
                     "駐車場内" if i % 3 else "施設入口横", f"{lat}", f"{lon}", str(m_u + m_j + m_y), str(m_u), str(m_j),
                     str(m_y), str(f_j + f_y), str(f_j), str(f_y), "0", "0", "0", str(multi), "有" if multi else "無",
                     "有" if multi else "無", "有" if multi > 1 else "無", "9:00" if i % 2 else "", "17:00" if i % 2 else "",
                     "" if i % 2 else "24時間利用可", "", "", ""])
    write_csv(out_path("tourist-toilet", "312011_public_toilet.csv"), rows, encoding="utf-8")


def tourist_wifi() -> None:
    """観光・ジオパーク推進課's list of free Wi-Fi spots at tourist sites (2021/public_wireless_lan):
    English names typed with full-width letters, ✓ marks, and 提供エリア text."""
    r = rng("tourist-wifi")
    path = out_path("tourist-wifi", "観光Wi-Fiスポット.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("Wi-Fi")
    b = wb.add_format({"bold": True, "border": 1})
    ws.write("A1", "観光施設 無料Wi-Fiスポット一覧【サンプル】", wb.add_format({"bold": True}))
    ws.write_row(2, 0, ["No.", "スポット名", "ふりがな", "英語表記", "住所", "緯度", "経度", "SSID", "利用可能エリア", "設置者", "備考"], b)
    english = ["Sample Dune Observatory", "Sample Sand Museum", "Sample Castle Park", "Sample Western House",
               "Sample Foot Bath", "Sample Lakeside Park", "Sample Seafood Market", "Sample Pear Museum",
               "Sample Inaba Village", "Sample Hina Doll Museum", "Sample Valley Campsite", "Sample Hamamura Spa"]
    row = 3
    for i in range(12):
        name, kana, pi, _cat = SPOTS[i]
        p = PLACES[pi]
        lat, lon = jitter(r, p, 0.004)
        en = english[i]
        if i % 4 == 1:
            en = en.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})   # typed full-width
        yomi = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in kana)
        ws.write_row(row, 0, [i + 1, name, yomi, en, f"鳥取市{p.town}{lot(r)}", lat, lon, "Sample_Tottori_Free_WiFi",
                              r.choice(["館内全域", "1階ロビー", "駐車場周辺", "展望デッキ"]), "鳥取市", ""])
        row += 1
    wb.close()


def cultural_property() -> None:
    """文化財課's print-style register (2021/cultural_property): 指定区分 merged down over its rows,
    readings in hiragana, 員数 with its unit (1棟), 指定年月日 in 和暦 (昭和/平成/令和), a 計 row."""
    r = rng("cultural-property")
    path = out_path("cultural-property", "指定文化財一覧.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("指定文化財")
    b = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter"})
    c = wb.add_format({"border": 1, "valign": "vcenter", "text_wrap": True})
    ws.merge_range("A1:K1", "鳥取市内 指定文化財一覧【サンプル】", wb.add_format({"bold": True, "font_size": 14}))
    ws.write("A2", "教育委員会事務局 文化財課　令和7年4月1日現在")
    ws.write_row(3, 0, ["指定区分", "分類", "種類", "名称", "よみがな", "所在地", "所有者等", "員数", "指定年月日", "概要", "備考"], b)
    groups = [
        ("国指定", [("重要文化財", "建造物", "サンプル家住宅", "さんぷるけじゅうたく", "1棟"),
                   ("史跡", "その他", "サンプル城跡", "さんぷるじょうあと", ""),
                   ("天然記念物", "その他", "サンプル砂丘の風紋", "さんぷるさきゅうのふうもん", "")]),
        ("県指定", [("保護文化財", "美術工芸品", "木造サンプル如来坐像", "もくぞうさんぷるにょらいざぞう", "1躯"),
                   ("保護文化財", "建造物", "サンプル寺本堂", "さんぷるでらほんどう", "1棟"),
                   ("無形民俗文化財", "その他", "サンプル麒麟獅子舞", "さんぷるきりんじしまい", ""),
                   ("史跡", "その他", "サンプル古墳群", "さんぷるこふんぐん", "")]),
        ("市指定", [("有形文化財", "美術工芸品", "紙本著色サンプル図", "しほんちゃくしょくさんぷるず", "2幅"),
                   ("有形文化財", "建造物", "サンプル神社本殿", "さんぷるじんじゃほんでん", "1棟"),
                   ("有形文化財", "美術工芸品", "サンプル文書", "さんぷるもんじょ", "35点"),
                   ("天然記念物", "その他", "サンプルの大イチョウ", "さんぷるのおおいちょう", "1本"),
                   ("史跡", "その他", "サンプル一里塚", "さんぷるいちりづか", "")]),
    ]
    row = 4
    for label, items in groups:
        start = row
        for k, (cls, kind, name, yomi, count) in enumerate(items):
            p = PLACES[(row * 5) % len(PLACES)]
            day = dt.date(1950 + (row * 7) % 70, 1 + row % 12, 1 + (row * 3) % 27)
            ws.write_row(row, 1, [cls, kind, name, yomi, f"鳥取市{p.town}{lot(r)}", "個人" if k % 2 else "宗教法人サンプル寺",
                                  count, wareki(day), f"{name}の概要（サンプル）。", ""], c)
            row += 1
        ws.merge_range(start, 0, row - 1, 0, label, c)
    ws.write(row, 0, "計", c)
    ws.write(row, 3, f"{row - 4}件", c)
    ws.write(row + 2, 0, "※所有者等が個人の場合は「個人」と表記しています。")
    wb.close()


GENERATORS = {
    "tourism": tourism,
    "tourist-visitors": tourist_visitors,
    "event": event,
    "tourist-toilet": tourist_toilet,
    "tourist-wifi": tourist_wifi,
    "cultural-property": cultural_property,
}
