"""公共施設 (public facilities): community centres, library, sports, schools, parks, toilets, bicycle
parking, and the 管財課's facility register.  SAMPLE data only."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from .common import (
    PLACES,
    fw,
    jitter,
    lot,
    normalise_zip,
    out_path,
    phone,
    rng,
    wareki,
    write_csv,
    xlsx_workbook,
)


def _hira(s: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in s)


def community_center() -> None:
    """生涯学習・スポーツ課's list of 地区公民館 as an old Excel 97-2003 workbook (2021/public_facility).

    Not conformant yet, on purpose: the フリガナ column was filled in only for the centres added since
    2019, and 名称_カナ is required by the 2021 standard.
    """
    import xlwt

    r = rng("community-center")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("地区公民館")
    bold = xlwt.easyxf("font: bold on; borders: left thin, right thin, top thin, bottom thin; align: horiz center")
    ws.write(0, 0, "地区公民館一覧【サンプル】", xlwt.easyxf("font: bold on, height 280"))
    ws.write(1, 0, "平成30年4月1日作成　令和7年4月1日更新")
    head = ["番号", "公民館名", "フリガナ", "所在地", "電話番号", "開館時間", "休館日", "ホール定員", "備考"]
    for j, v in enumerate(head):
        ws.write(3, j, v, bold)
    row = 4
    for i in range(26):
        p = PLACES[i % len(PLACES)]
        name = f"サンプル{p.short}{'第二' if i >= len(PLACES) else ''}地区公民館"
        kana = f"サンプル{p.short_kana}{'ダイニ' if i >= len(PLACES) else ''}チククミンカン" if i % 3 == 0 else ""
        vals = [i + 1, name, kana, f"鳥取市{p.town}{lot(r)}", phone(r, p), "8:30～22:00" if i % 4 else "9:00～21:30",
                "年末年始" if i % 2 else "月曜日・年末年始", f"{r.randint(5, 20) * 10}人", "" if i % 5 else "地区の避難所を兼ねる"]
        for j, cv in enumerate(vals):
            ws.write(row, j, cv)
        row += 1
    ws.write(row + 1, 0, "※開館時間は貸館の利用可能時間です。")
    wb.save(str(out_path("community-center", "地区公民館一覧.xls")))


def library() -> None:
    """中央図書館's file as published in the 2021 推奨データセット format (2021/public_facility header,
    UTF-8 with BOM), to be upgraded to 2026/public_facility."""
    r = rng("library")
    header = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "名称_通称", "POIコード",
              "住所", "方書", "緯度", "経度", "電話番号", "内線番号", "法人番号", "団体名", "利用可能曜日", "開始時間", "終了時間",
              "利用可能日時特記事項", "説明", "バリアフリー情報", "URL", "備考"]
    rows: list[list[Any]] = [header]
    libs = [("サンプル中央図書館", "サンプルチュウオウトショカン", 0), ("サンプル湖山分館", "サンプルコヤマブンカン", 4),
            ("サンプル国府町図書館", "サンプルコクフチョウトショカン", 11), ("サンプル福部町図書館", "サンプルフクベチョウトショカン", 12),
            ("サンプル河原町図書館", "サンプルカワハラチョウトショカン", 13), ("サンプル用瀬町図書館", "サンプルモチガセチョウトショカン", 14),
            ("サンプル気高町図書館", "サンプルケタカチョウトショカン", 16), ("サンプル鹿野町図書館", "サンプルシカノチョウトショカン", 17),
            ("サンプル青谷町図書館", "サンプルアオヤチョウトショカン", 18)]
    for i, (name, kana, pi) in enumerate(libs):
        p = PLACES[pi]
        lat, lon = jitter(r, p, 0.003)
        rows.append(["312011", str(i + 1), "鳥取県", "鳥取市", name, kana, "", "", f"鳥取県鳥取市{p.town}{fw(lot(r))}",
                     "サンプル複合施設2階" if i % 3 == 1 else "", f"{lat}", f"{lon}", phone(r, p), "", "", "鳥取市",
                     "火;水;木;金;土;日", "10:00" if i == 0 else "9:00", "19:00" if i == 0 else "17:00",
                     "月曜日・祝日の翌日・年末年始は休館（サンプル）", f"{name}（サンプル）", "車椅子対応トイレ;スロープ" if i % 2 == 0 else "",
                     "", ""])
    write_csv(out_path("library", "312011_public_facility_library.csv"), rows, encoding="utf-8-sig")


def sports_facility() -> None:
    """生涯学習・スポーツ課's workbook of sports facilities (2021/public_facility): 開館時間 written as
    9時～21時30分, 休館日 text, 使用料 (not a standard item: kept in 備考), a blank row inside the table."""
    r = rng("sports-facility")
    path = out_path("sports-facility", "体育施設一覧.xlsx")
    wb = xlsx_workbook(path)
    ws = wb.add_worksheet("体育施設")
    b = wb.add_format({"bold": True, "border": 1})
    ws.write("A1", "市立体育施設一覧【サンプル】", wb.add_format({"bold": True, "font_size": 13}))
    ws.write("A2", "令和7年4月1日現在")
    ws.write_row(3, 0, ["施設名", "施設名カナ", "所在地", "電話番号", "開館時間", "休館日", "使用料（一般・1時間）", "設備"], b)
    facilities = [("サンプル市民体育館", "サンプルシミンタイイクカン", 10), ("サンプル武道館", "サンプルブドウカン", 9),
                  ("サンプル市民プール", "サンプルシミンプール", 7), ("サンプル陸上競技場", "サンプルリクジョウキョウギジョウ", 10),
                  ("サンプル野球場", "サンプルヤキュウジョウ", 4), ("サンプル庭球場", "サンプルテイキュウジョウ", 11),
                  ("サンプル河原体育館", "サンプルカワハラタイイクカン", 13), ("サンプル気高体育館", "サンプルケタカタイイクカン", 16),
                  ("サンプル青谷体育館", "サンプルアオヤタイイクカン", 18)]
    row = 4
    for i, (name, kana, pi) in enumerate(facilities):
        if i == 6:
            row += 1        # a blank row the clerk left between the city centre and the 総合支所 areas
        p = PLACES[pi]
        ws.write_row(row, 0, [name, kana, f"鳥取市{p.town}{lot(r)}", phone(r, p),
                              "9時～21時30分" if i % 3 else "8時30分～21時", "月曜日（祝日の場合は翌日）",
                              f"{r.choice([200, 310, 520, 1050])}円", r.choice(["アリーナ;トレーニング室", "更衣室;シャワー", "照明設備"])])
        row += 1
    wb.close()


def school() -> None:
    """学校教育課's CP932 CSV of city schools (2026/public_facility): 学校種別 as 種別, 児童生徒数 with 名
    (not a standard item: kept in 備考), 全角 digits."""
    r = rng("school")
    rows: list[list[Any]] = [["学校番号", "学校名", "ふりがな", "学校種別", "郵便番号", "所在地", "電話番号", "FAX番号",
                                 "児童生徒数", "備考"]]
    for i in range(24):
        p = PLACES[i % len(PLACES)]
        kind = "小学校" if i < 16 else ("中学校" if i < 22 else "義務教育学校")
        yomi = {"小学校": "しょうがっこう", "中学校": "ちゅうがっこう", "義務教育学校": "ぎむきょういくがっこう"}[kind]
        nth = "第二" if i >= len(PLACES) or (i >= 16 and i - 16 >= 3) else ""
        name = f"サンプル{p.short}{nth}{kind}"
        rows.append([fw(f"{i + 1:03d}"), name, f"さんぷる{_hira(p.short_kana)}{'だいに' if nth else ''}{yomi}", kind,
                     p.postcode, f"鳥取市{p.town}{fw(lot(r))}", phone(r, p), phone(r, p), fw(f"{r.randint(30, 700)}") + "名", ""])
    write_csv(out_path("school", "市立学校一覧.csv"), rows, encoding="cp932")


def public_facility() -> None:
    """管財課's facility register kept in kintone and exported as CSV (2026/public_facility):
    UTF-8 with BOM, every field quoted, a leading レコード番号, kintone's 作成者/更新者/更新日時 columns,
    利用可能曜日 as a kintone check box (月, 火, … joined with line breaks)."""
    r = rng("public-facility")
    header = ["レコード番号", "施設ID", "施設名", "施設名（カナ）", "施設分類", "郵便番号", "所在地", "建物名", "緯度", "経度",
              "電話番号", "開庁日", "開庁時間_開始", "開庁時間_終了", "ホームページ", "作成者", "更新者", "更新日時"]
    rows: list[list[Any]] = [header]
    offices = [("サンプル本庁舎", "サンプルホンチョウシャ", "市役所", 0), ("サンプル駅南庁舎", "サンプルエキナンチョウシャ", "市役所", 1)]
    for k, p in enumerate(PLACES[11:]):
        offices.append((f"サンプル{p.short}町総合支所", f"サンプル{p.short_kana}チョウソウゴウシショ", "総合支所", 11 + k))
    offices += [("サンプル市民会館", "サンプルシミンカイカン", "文化施設", 2), ("サンプル保健センター", "サンプルホケンセンター", "保健施設", 8),
                ("サンプル人権交流プラザ", "サンプルジンケンコウリュウプラザ", "集会施設", 9),
                ("サンプル男女共同参画センター", "サンプルダンジョキョウドウサンカクセンター", "集会施設", 3)]
    for i, (name, kana, cls, pi) in enumerate(offices):
        p = PLACES[pi]
        lat, lon = jitter(r, p, 0.003)
        rows.append([str(100 + i), f"F{i + 1:04d}", name, kana, cls, p.postcode, f"鳥取市{p.town}{lot(r)}",
                     "サンプルビル3階" if cls == "集会施設" else "", f"{lat}", f"{lon}", phone(r, p),
                     "月\n火\n水\n木\n金", "08:30", "17:15", "", "kanzai-user", "kanzai-user",
                     f"2025-03-{10 + i % 18:02d}T0{i % 9}:15:00+09:00"])
    write_csv(out_path("public-facility", "施設台帳_kintone.csv"), rows, encoding="utf-8-sig", quoting=csv.QUOTE_ALL)


def park() -> None:
    """公園課's park ledger as an old Excel 97-2003 workbook (2026/public_facility): 公園種別 as 種別,
    面積 in ha, 開設年月日 in 和暦, トイレ 有/無 and 駐車場 台数 (kept in 備考)."""
    import xlwt

    r = rng("park")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("都市公園")
    bold = xlwt.easyxf("font: bold on; borders: left thin, right thin, top thin, bottom thin")
    ws.write(0, 0, "都市公園一覧【サンプル】", xlwt.easyxf("font: bold on, height 260"))
    head = ["公園番号", "公園名", "ふりがな", "公園種別", "所在地", "緯度", "経度", "面積", "開設年月日", "トイレ", "駐車場"]
    for j, v in enumerate(head):
        ws.write(2, j, v, bold)
    kinds = ["街区公園", "街区公園", "近隣公園", "地区公園", "総合公園", "運動公園"]
    row = 3
    for i in range(28):
        p = PLACES[i % len(PLACES)]
        kind = kinds[i % len(kinds)]
        lat, lon = jitter(r, p, 0.008)
        area = {"街区公園": r.uniform(0.1, 0.3), "近隣公園": r.uniform(1, 2), "地区公園": r.uniform(4, 6),
                "総合公園": r.uniform(10, 30), "運動公園": r.uniform(15, 40)}[kind]
        nth = ("第一", "第二")[i // len(PLACES)]
        vals = [f"{i + 1:03d}", f"サンプル{p.short}{nth}公園", f"さんぷる{_hira(p.short_kana)}{('だいいち', 'だいに')[i // len(PLACES)]}こうえん",
                kind, f"鳥取市{p.town}{lot(r)}", lat, lon, f"{area:.2f}ha",
                wareki(dt.date(1970 + (i * 3) % 50, 1 + i % 12, 1 + i % 28)), "有" if kind != "街区公園" or i % 3 == 0 else "無",
                f"{r.randint(1, 20) * 5}台" if kind != "街区公園" else "なし"]
        for j, cv in enumerate(vals):
            ws.write(row, j, cv)
        row += 1
    wb.save(str(out_path("park", "都市公園一覧.xls")))


def public_toilet() -> None:
    """公園課's print-style list of park toilets (2026/public_toilet), written with openpyxl: 男性/女性/共用
    merged over 小便器/和式/洋式, － for none, ○/－ flags, 利用時間 as a range or 終日.

    Not conformant yet, on purpose: the list has no 設置位置 column (where in the park the toilet is),
    which the 2026 standard requires; the division has to survey it.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    r = rng("public-toilet")
    wb = Workbook()
    ws = wb.active
    ws.title = "公園トイレ"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws["A1"] = "公園トイレ一覧（令和7年4月）【サンプル】"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "都市整備部 公園課"
    top = ["No", "トイレ名称", "フリガナ", "所在地", "緯度", "経度", "男性", None, None, "女性", None, "男女共用",
           "多目的トイレ", "車いす", "ベビーシート", "オストメイト", "利用時間", "備考"]
    sub = [None] * 6 + ["小便器", "和式", "洋式", "和式", "洋式", "洋式"] + [None] * 6
    for j, v in enumerate(top, start=1):
        if v is not None:
            ws.cell(4, j, v)
    for j, v in enumerate(sub, start=1):
        if v is not None:
            ws.cell(5, j, v)
    for j in (1, 2, 3, 4, 5, 6, 13, 14, 15, 16, 17, 18):
        ws.merge_cells(start_row=4, start_column=j, end_row=5, end_column=j)
    ws.merge_cells("G4:I4")
    ws.merge_cells("J4:K4")
    for row in ws.iter_rows(min_row=4, max_row=5, max_col=18):
        for c in row:
            c.border = box
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            c.font = Font(bold=True)
    row = 6
    for i in range(24):
        p = PLACES[(i * 4) % len(PLACES)]
        lat, lon = jitter(r, p, 0.008)
        nth = ("第一", "第二")[i // len(PLACES)]
        multi = 1 if i % 3 else 0
        vals = [i + 1, f"サンプル{p.short}{nth}公園トイレ", f"サンプル{p.short_kana}{('ダイイチ', 'ダイニ')[i // len(PLACES)]}コウエントイレ",
                f"鳥取市{p.town}{lot(r)}", lat, lon, r.randint(1, 3), r.randint(0, 1), r.randint(1, 2),
                r.randint(0, 1), r.randint(1, 3), 1 if i % 4 == 0 else "－", multi,
                "○" if multi else "－", "○" if multi and i % 2 else "－", "○" if multi and i % 5 == 1 else "－",
                "終日" if i % 6 == 0 else "7:00～21:00", "冬期閉鎖（12月～3月）" if p.area in ("佐治", "用瀬") else ""]
        for j, cv in enumerate(vals, start=1):
            ws.cell(row, j, cv).border = box
        row += 1
    ws.cell(row + 1, 1, "※個数は便器の数（単位：基）。－は設置なし。")
    wb.properties.creator = "鳥取市"
    wb.properties.created = dt.datetime(2025, 4, 1, 9, 0, 0)
    wb.properties.modified = dt.datetime(2025, 4, 1, 9, 0, 0)
    path = out_path("public-toilet", "公園トイレ一覧.xlsx")
    wb.save(str(path))
    normalise_zip(path)


def bicycle_parking() -> None:
    """交通政策課's CP932 CSV of bicycle parking (駐輪場, no standard): 収容台数 with 台, 料金 text,
    利用時間 as a range, 全角 digits."""
    r = rng("bicycle-parking")
    rows: list[list[Any]] = [["番号", "駐輪場名", "所在地", "緯度", "経度", "収容台数（自転車）", "収容台数（原付）", "料金",
                                 "利用時間", "管理者", "備考"]]
    spots = [("サンプル駅北口第１駐輪場", 1), ("サンプル駅北口第２駐輪場", 1), ("サンプル駅南口駐輪場", 1),
             ("サンプル湖山駅前駐輪場", 4), ("サンプル津ノ井駅前駐輪場", 3), ("サンプル末恒駅前駐輪場", 5),
             ("サンプル浜村駅前駐輪場", 16), ("サンプル鳥取大学前駅駐輪場", 5), ("サンプル青谷駅前駐輪場", 18),
             ("サンプル河原駐輪場", 13), ("サンプル用瀬駅前駐輪場", 14), ("サンプル中心市街地駐輪場", 2)]
    for i, (name, pi) in enumerate(spots):
        p = PLACES[pi]
        lat, lon = jitter(r, p, 0.003)
        fee = "無料" if i % 3 else "１回１００円（定期あり）"
        rows.append([fw(str(i + 1)), name, f"鳥取市{p.town}{fw(lot(r))}", f"{lat}", f"{lon}", f"{fw(str(r.randint(2, 40) * 10))}台",
                     f"{fw(str(r.randint(0, 4) * 5))}台", fee, "５：００～２３：３０" if i == 0 else "６：００～２３：００",
                     "鳥取市" if i % 2 else "サンプル自転車等駐車場管理協会", "放置自転車は撤去します" if i < 3 else ""])
    write_csv(out_path("bicycle-parking", "駐輪場一覧.csv"), rows, encoding="cp932")


GENERATORS = {
    "community-center": community_center,
    "library": library,
    "sports-facility": sports_facility,
    "school": school,
    "public-facility": public_facility,
    "park": park,
    "public-toilet": public_toilet,
    "bicycle-parking": bicycle_parking,
}
