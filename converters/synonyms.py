"""Known alternative names of standard items: 2021 ↔ 2026 names, English item names and physical
names, LinkData/IMI prefixes, and variants municipalities really use (spec §2.1,
standard-datasets-2026.md "Deviations", the corpus).  Used by the header mapping; the schemas' own
``englishName`` and ``x-aliases`` are added automatically.
"""

from __future__ import annotations

SYNONYMS: dict[str, tuple[str, ...]] = {
    "全国地方公共団体コード": ("都道府県コード又は市区町村コード", "地方公共団体コード", "自治体コード", "団体コード",
                      "市町村コード", "市区町村コード", "localGovernmentCode", "localgov_code", "lg_code",
                      "municipality_code", "ic:市区町村コード", "全国地方公共団体コード（6桁）", "標準地域コード"),
    "都道府県コード又は市区町村コード": ("全国地方公共団体コード", "地方公共団体コード", "自治体コード", "団体コード",
                            "市町村コード", "市区町村コード", "localGovernmentCode", "localgov_code",
                            "ic:市区町村コード", "標準地域コード"),
    # 2021 指定緊急避難場所 names its code column 市区町村コード (and lists it 11th); files made from other 2021
    # templates head it 都道府県コード又は市区町村コード.  Where a schema has both items, the first one wins.
    "市区町村コード": ("都道府県コード又は市区町村コード", "全国地方公共団体コード", "地方公共団体コード", "自治体コード",
                "団体コード", "市町村コード", "標準地域コード"),
    "ID": ("NO", "No", "No.", "番号", "整理番号", "通し番号", "id", "identifier", "ID番号", "管理番号", "施設番号",
           "施設ID", "交付番号"),
    "NO": ("ID", "No", "No.", "番号", "整理番号", "通し番号", "id", "identifier", "№", "管理番号", "施設番号",
           "施設ID", "交付番号"),
    "地方公共団体名": ("自治体名", "localGovernmentName", "localgov_name"),
    "名称": ("施設名", "施設名称", "名前", "施設の名称", "name", "施設名（漢字）", "避難場所名", "避難所名",
           "事業所名", "名称（施設名）", "場所名", "施設名等"),
    "名称_カナ": ("名称カナ", "施設名カナ", "施設名称カナ", "施設名_カナ", "フリガナ", "ふりがな", "よみがな", "カナ",
              "読み", "施設名（カナ）", "名称（カナ）", "nameKana", "name_kana", "名称_ｶﾅ"),
    "名称_英語": ("名称_英字", "英語名", "英語名称", "英語表記", "施設名（英語）", "名称（英語）", "nameEn", "name_en",
              "name_english"),
    "名称_英字": ("名称_英語", "英語名", "英語名称", "英語表記", "施設名（英語）", "名称（英語）", "nameEn", "name_en",
              "name_english"),
    "所在地_連結表記": ("住所", "所在地", "設置場所住所", "施設住所", "所在地住所", "address", "fullAddress",
                 "full_address", "所在地_連結標記"),
    "住所": ("所在地_連結表記", "所在地", "設置場所住所", "施設住所", "所在地住所", "address", "fullAddress",
           "所在地_連結標記"),
    "建物名等(方書)": ("方書", "建物名", "建物名等", "建物名等（方書）", "建物名等_方書", "buildingNameEtc"),
    "方書": ("建物名等(方書)", "建物名", "建物名等", "建物名等（方書）", "建物名等_方書"),
    "緯度": ("lat", "latitude", "北緯", "緯度（世界測地系）", "緯度（度：世界測地系）", "緯度（度）", "所在地座標（緯度）", "Y"),
    "経度": ("lon", "lng", "long", "longitude", "東経", "経度（世界測地系）", "経度（度：世界測地系）", "経度（度）", "所在地座標（経度）", "X"),
    "電話番号": ("電話", "TEL", "Tel", "電話番号（代表）", "代表電話", "phone", "telephone",
             "contactPointPhoneNumber", "施設電話番号", "連絡先電話番号", "電話1", "電話番号1", "管理担当連絡先"),
    "連絡先電話番号": ("電話番号", "電話", "TEL", "連絡先電話"),
    "FAX番号": ("FAX", "Fax", "ファックス", "ファクス", "fax"),
    "郵便番号": ("〒", "郵便", "postal_code", "postcode", "zip", "zipcode", "contactPointPostalCode"),
    "URL": ("ホームページ", "HP", "ホームページURL", "ウェブサイト", "Webサイト", "url", "詳細URL", "リンク",
            "案内用ホームページアドレス", "ホームページアドレス"),
    "画像": ("画像URL", "写真", "画像ファイル"),
    "備考": ("摘要", "その他", "注記", "remarks", "notes", "備考欄", "特記事項"),
    "設置位置": ("設置場所", "設置箇所", "設置場所詳細", "設置位置詳細", "installationLocation"),
    "開始時間": ("開館時間", "開始時刻", "利用開始時間", "利用開始時刻", "開所時間", "startTime"),
    "終了時間": ("閉館時間", "終了時刻", "利用終了時間", "利用終了時刻", "閉所時間", "endTime"),
    "利用開始時間": ("開始時間", "開館時間", "開始時刻", "利用開始時刻", "利用可能時間OPENS", "startTime"),
    "利用終了時間": ("終了時間", "閉館時間", "終了時刻", "利用終了時刻", "利用可能時間CLOSES", "endTime"),
    "利用可能曜日": ("曜日", "開館日", "利用曜日", "利用可能日"),
    "利用可能日時特記事項": ("利用可能時間特記事項", "利用時間特記事項", "利用日時特記事項", "開館時間備考"),
    "利用可能時間特記事項": ("利用可能日時特記事項", "利用時間特記事項", "dateTimeRemarks"),
    "小児対応設備の有無": ("小児対応", "小児用パッド", "小児対応機器設備の有無", "小児用パッドの有無"),
    "連絡先備考（その他、SNSなど）": ("連絡先備考", "連絡先備考_その他SNSなど", "連絡先備考(その他、SNSなど)"),
    "連絡先メールアドレス": ("メールアドレス", "メール", "e-mail", "email", "E-mail"),
    "バリアフリートイレ数": ("多機能トイレ数", "多目的トイレ数", "バリアフリートイレトイレ数"),
    "多機能トイレ数": ("バリアフリートイレ数", "多目的トイレ数"),
    "想定収容人数": ("収容人数", "収容可能人数", "最大収容人数", "収容可能人員", "収容可能人員（屋内）",
               "一時受入人員可能数", "一時受入人員可能数[人]"),
    # public toilets: counts by kind as municipalities label them (中野区: 男子大便器洋式, 男子小便器 …;
    # 品川区: 男性トイレ数, ベビーベッド(有、無), オストメイト(有、無))
    "男性トイレ総数": ("男性トイレ数", "男子トイレ数"),
    "女性トイレ総数": ("女性トイレ数", "女子トイレ数"),
    "男女共用トイレ総数": ("男女共用トイレ数", "共用トイレ数"),
    "男性トイレ数（小便器）": ("男子小便器", "男性小便器", "小便器"),
    "男性トイレ数（和式）": ("男子大便器和式", "男子和式", "男性和式"),
    "男性トイレ数（洋式）": ("男子大便器洋式", "男子洋式", "男性洋式"),
    "女性トイレ数（和式）": ("女子便器和式", "女子和式", "女性和式"),
    "女性トイレ数（洋式）": ("女子便器洋式", "女子洋式", "女性洋式"),
    "男女共用トイレ数（和式）": ("共用便器和式", "男女共用和式"),
    "男女共用トイレ数（洋式）": ("共用便器洋式", "男女共用洋式"),
    "車椅子使用者用トイレ有無": ("車いす使用者用トイレ", "車椅子使用者用トイレ", "車いす対応トイレ", "車椅子対応トイレ"),
    "乳幼児用設備設置トイレ有無": ("ベビーシート", "ベビーベッド", "ベビーベッド(有、無)", "おむつ交換台"),
    "オストメイト設置トイレ有無": ("オストメイト", "オストメイト(有、無)", "オストメイト対応"),
    "種別": ("類型", "分類", "施設分類", "水利種別", "水利種別名", "消防水利種別"),
    "提供エリア": ("カバーエリア", "利用可能エリア", "利用エリア"),
    "一時預かりの有無": ("一時保育", "一時預かり"),
    "対象となる町会・自治会": ("対象地区", "対象となる地区", "対象自治会", "対象町内会"),
    # 指定緊急避難場所: also the 国土地理院 collection format (異常な現象：洪水 …, as 栃木県's towns publish it)
    "災害種別_崖崩れ、土石流及び地滑り": ("災害種別_崖崩れ・土石流及び地滑り", "土砂災害", "崖崩れ、土石流及び地滑り",
                              "異常な現象：崖崩れ、土石流及び地滑り", "土砂"),
    "災害種別_地震": ("災害種別_地震(火災)", "地震", "異常な現象：地震"),
    "災害種別_洪水": ("洪水", "異常な現象：洪水"),
    "災害種別_津波": ("津波", "異常な現象：津波"),
    "災害種別_高潮": ("高潮", "異常な現象：高潮"),
    "災害種別_大規模な火事": ("大規模な火事", "大規模火災", "異常な現象：大規模な火事"),
    "災害種別_内水氾濫": ("内水氾濫", "異常な現象：内水氾濫"),
    "災害種別_火山現象": ("火山現象", "火山", "異常な現象：火山現象"),
    "指定避難所との重複": ("指定避難所", "避難所との重複", "指定避難所の指定", "指定避難所との重複指定",
                  "指定避難所との住所同一"),
    "口径": ("口径(管径ｍｍ)", "口径(mm)", "管径", "配管径"),
    "認可等年月日": ("許可等年月日", "認可年月日"),
    "収容定員": ("定員", "利用定員"),
    "標高": ("標高(m)",),
    # 医療機関一覧 in 厚生労働省's 医療情報ネット open data (所在地座標（緯度）, 案内用ホームページアドレス, 合計病床数)
    "病床数": ("合計病床数", "総病床数", "許可病床数"),
    "料金(基本)": ("料金（基本）", "基本料金", "利用料金", "参加費"),
    "料金(詳細)": ("料金（詳細）", "料金詳細", "料金"),
    # イベント一覧 as LinkData event files head it (越前市: 開催日開始, 開催日終了, 内容, 問い合わせ先, 開催地, 交通手段)
    "開始日": ("開催日開始", "開催開始日", "開催日（開始）", "開催期間開始", "開始年月日", "開催日"),
    "終了日": ("開催日終了", "開催終了日", "開催日（終了）", "開催期間終了", "終了年月日"),
    "説明": ("内容", "概要", "イベント内容"),
    "連絡先名称": ("問い合わせ先", "問合せ先", "お問い合わせ先", "お問合せ先", "問合先", "問い合せ先"),
    "場所名称": ("開催地", "開催場所", "会場", "会場名", "開催場所名", "開催場所施設名", "開催会場"),
    "アクセス方法": ("交通手段", "交通アクセス", "アクセス"),
    "市区町村名": ("市町村名", "市町", "市町村", "区市町村", "区市町村名"),   # 区市町村: 東京都's own order
    "文化財指定日": ("指定年月日", "指定日"),
    # イベント一覧 as a department's own list heads it (高松市: 行事名, 開催日, 料金, 問い合わせ先（市の担当課）)
    "イベント名": ("行事名", "催し名", "催し物名", "催事名", "イベント名称"),
    # 地域・年齢別人口 by 町丁 as a city's own table heads it (国立市: 調査年月日入力, 町丁, 男, 女, 合計)
    "地域名": ("町丁", "町丁名", "町丁目", "町丁目名", "町名", "町字", "地区名"),
    "総人口": ("合計", "総数", "人口総数", "人口計", "総人口数"),
    "男性": ("男", "男性人口", "男計", "男性数"),
    "女性": ("女", "女性人口", "女計", "女性数"),
    "調査年月日": ("調査年月日入力", "調査日", "基準日", "基準年月日", "集計日"),
}

# Derived item pairs: the 2021 split into prefecture + municipality names, joined for 2026.
LOCALGOV_NAME_PARTS = ("都道府県名", "市区町村名")

# English item names (GIF / 定義書A 英語名) and physical (snake_case) names seen in published files
# (Fukui-style `localgov_code,id,…`, Tottori-style `name,nameKana,category,…`).  Compared case- and
# separator-insensitively (name_kana == nameKana == Name Kana).
ENGLISH: dict[str, tuple[str, ...]] = {
    "全国地方公共団体コード": ("localGovernmentCode", "localgov_code", "lg_code", "municipality_code", "city_code"),
    "ID": ("identifier", "id", "no", "number"),
    "地方公共団体名": ("localGovernmentName", "localgov_name", "municipality", "municipality_name"),
    "名称": ("name", "facility_name", "title"),
    "名称_カナ": ("nameKana", "name_kana", "kana", "name_yomi", "furigana", "fullNameInKana", "nameInKana"),
    "名称_英語": ("nameEn", "name_english", "name_en", "english_name"),
    "名称_英字": ("nameEn", "name_english", "name_en", "english_name"),
    "所在地_全国地方公共団体コード": ("locatedLocalGovernmentCode", "seat_localgov_code"),
    "町字ID": ("streetAddressId", "choaza_id", "town_id"),
    "所在地_連結表記": ("fullAddress", "seat_copulative_spell", "address", "full_address", "addr"),
    "住所": ("fullAddress", "address", "full_address", "addr"),
    "所在地_都道府県": ("prefecture", "seat_prefecture", "pref"),
    "所在地_市区町村": ("city", "seat_city"),
    "所在地_町字": ("streetAddress", "seat_choaza", "town"),
    "所在地_番地以下": ("cityBlock", "seat_after_address", "block"),
    "建物名等(方書)": ("buildingNameEtc", "buillding_name_etc", "building_name", "building", "katagaki"),
    "方書": ("buildingNameEtc", "building_name", "building", "katagaki"),
    "緯度": ("latitude", "lat", "y"),
    "経度": ("longitude", "lon", "lng", "long", "x", "longtitude"),
    "設置位置": ("installationLocation", "installationPosition", "set_position", "location_detail"),
    "電話番号": ("contactPointPhoneNumber", "phone", "tel", "telephone", "phone_number", "telephoneNumber"),
    "FAX番号": ("fax", "fax_number"),
    "内線番号": ("extension", "ext"),
    "連絡先メールアドレス": ("email", "mail", "e_mail", "contactPointEmail"),
    "郵便番号": ("contactPointPostalCode", "postal_code", "postcode", "zip", "zipcode", "postal_num"),
    "URL": ("url", "website", "homepage", "web", "link", "referenceObject"),
    "画像": ("pictureUrl", "image", "image_url", "photo", "img"),
    "画像_ライセンス": ("pictureLicense", "image_licence", "image_license"),
    "備考": ("remarks", "note", "notes", "memo", "description_note", "comment", "comments"),
    "説明": ("description", "summary"),
    "種別": ("category", "type", "kind"),
    "開始時間": ("startTime", "open", "opens", "opening_time", "start_time"),
    "終了時間": ("endTime", "close", "closes", "closing_time", "end_time"),
    "利用開始時間": ("startTime", "available_start_time", "start_time"),
    "利用終了時間": ("endTime", "available_end_time", "end_time"),
    "利用可能時間特記事項": ("dateTimeRemarks", "available_time_note", "availableDateNote"),
    "利用可能日時特記事項": ("dateTimeRemarks", "available_time_note", "availableDateNote"),
    "利用可能曜日特記事項": ("availableDateNote",),
    "利用可能曜日": ("available_days", "days", "dayOfWeek", "availableDate", "availableDay"),
    "小児対応設備の有無": ("equipmentForChildren",),
    # 介護サービス事業所一覧 names its items differently (高松市 #property: name, service, capacity)
    "介護サービス事業所名称": ("name", "facility_name", "office_name"),
    "実施サービス": ("service", "services"),
    "定員": ("capacity",),
    "収容定員": ("capacity",),
    # 子育て施設 (越前市: https://code4fukui.github.io/rdf/#acceptage, #temporary_custody)
    "受入年齢": ("acceptage", "accept_age", "acceptableAge"),
    "一時預かりの有無": ("temporary_custody", "temporaryCustody", "temporary_care"),
    "法人番号": ("corporate_number", "corporateNumber", "houjin_bangou"),
    "高度の種別": ("heightType", "advanced_classification"),
    "高度の値": ("height", "advanced_value"),
    "男性トイレ総数": ("totalMaleToilet", "male_wc_total"),
    "男性トイレ数（小便器）": ("urinalMaleToilet", "male_wc_urinal"),
    "男性トイレ数（和式）": ("japaneseStyleMaleToilet", "male_wc_jstyle"),
    "男性トイレ数（洋式）": ("westernStyleMaleToilet", "male_wc_wstyle"),
    "女性トイレ総数": ("totalFemaleToilet", "female_wc_total"),
    "女性トイレ数（和式）": ("japaneseStyleFemaleToilet", "female_wc_jstyle"),
    "女性トイレ数（洋式）": ("westernStyleFemaleToilet", "female_wc_wstyle"),
    "男女共用トイレ総数": ("totalUnisexToilet", "unisex_wc_total"),
    "男女共用トイレ数（和式）": ("japaneseStyleUnisexToilet", "unisex_wc_jstyle"),
    "男女共用トイレ数（洋式）": ("westernStyleUnisexToilet", "unisex_wc_wstyle"),
    "バリアフリートイレ数": ("numberOfMultipurposeToilet", "numberOfmMultipurposeToilet", "barrier_free_wc"),
    "車椅子使用者用トイレ有無": ("multipurposeToilet", "wheelchair_wc"),
    "乳幼児用設備設置トイレ有無": ("babyCareToilet", "infant_wc"),
    "オストメイト設置トイレ有無": ("toiletForOstomates", "ostomate_wc"),
    "想定収容人数": ("maxCapacity", "capacity"),
    # 指定緊急避難場所 (高松市 #property: earthquake, tunami [sic], sedimentDisaster …).  flood_L1 / flood_L2
    # (planned / maximum flood) are left for a person: which one the 災害種別_洪水 flag means is a decision.
    "災害種別_洪水": ("typeOfDisasterFlood", "flood"),
    "災害種別_崖崩れ、土石流及び地滑り": ("sedimentDisaster", "landslide"),
    "災害種別_高潮": ("stormSurge",),
    "災害種別_地震": ("earthquake",),
    "災害種別_津波": ("tsunami", "tunami"),
    "災害種別_大規模な火事": ("typeOfDisasterGreatFire", "largeFire", "fire"),
    "災害種別_内水氾濫": ("inundation", "inlandFlooding"),
    "災害種別_火山現象": ("typeOfDisasterEruption", "volcano"),
    "対象となる町会・自治会": ("receptionTargetLocalCommunity", "residentsAssociation"),
    "標高": ("elevation", "altitude"),
    "口径": ("diameter",),
    # 医療機関一覧 (高松市 #property: fullNameInKana, medicalSubjects, numberOfBeds, overtimeResponse, medicalCode,
    # katagaki [方書 in romaji]).  Its alternativeName (病院 / 有床診療所) and establisher (開設者, a corporation or a
    # person) are left for a person: elsewhere they mean an alias and an owner.
    "診療科目": ("medicalSubjects", "medicalDepartments", "departments", "services"),
    "病床数": ("numberOfBeds", "beds", "sickbed_num", "sickbeds", "number_of_sickbeds"),
    "時間外における対応": ("overtimeResponse",),
    "医療機関コード": ("medicalCode", "medicalInstitutionCode"),
    "介護サービス事業所名称_カナ": ("nameKana", "name_kana", "fullNameInKana"),
}

# 地域・年齢別人口 (2021): 高松市 publishes the standard's columns in the standard's order under English
# names (prefCode, regionCode, …, man1/woman1 … man18/woman18, numberOfHouseholds); man1 is 0-4歳 and
# man18 85歳以上 (the 18 bands add up to `male` and `woman` in every row of
# tests/fixtures/unseen/takamatsu_population_property.csv).
ENGLISH.update({
    "都道府県コード又は市区町村コード": ("localGovernmentCode", "prefCode", "cityCode"),
    "地域コード": ("regionCode", "areaCode"),
    "都道府県名": ("prefName", "prefectureName", "pref", "prefecture"),
    "市区町村名": ("cityName", "municipalityName", "city"),
    "調査年月日": ("surveyDate",),
    "地域名": ("regionName", "areaName"),
    "総人口": ("totalPopulation",),
    "男性": ("male", "men"),
    "女性": ("female", "woman", "women"),
    "世帯数": ("numberOfHouseholds", "households"),
})
_BANDS = [f"{a}-{a + 4}歳" for a in range(0, 85, 5)] + ["85歳以上"]
for _i, _band in enumerate(_BANDS, start=1):
    ENGLISH[f"{_band}の男性"] = (f"man{_i}", f"male{_i}")
    ENGLISH[f"{_band}の女性"] = (f"woman{_i}", f"female{_i}")


def _add(table: dict[str, tuple[str, ...]], extra: dict[str, tuple[str, ...]]) -> None:
    """Append spellings to items that may already have some (kept apart from the tables above, additive)."""
    for item, names in extra.items():
        table[item] = table.get(item, ()) + tuple(n for n in names if n not in table.get(item, ()))


# Found by the sweep of unseen municipal files (docs/sweep: 小金井市's AED list 設置施設, its 文化財 list
# 指定年月日, 半田市's 観光 list 住所表記, 台東区's toilet map X座標 / Y座標 [longitude / latitude in degrees, as the
# X / Y already listed], a hand-made toilet list's romaji ido / keido).
_add(SYNONYMS, {
    "名称": ("設置施設", "設置施設名"),
    "住所": ("住所表記",),
    "所在地_連結表記": ("住所表記",),
    "文化財指定日": ("指定年月日", "指定日"),
    "緯度": ("Y座標",),
    "経度": ("X座標",),
})
_add(ENGLISH, {"緯度": ("ido",), "経度": ("keido",)})

# イベント一覧 under English names (schema.org Event's startDate / endDate / location, and snake_case exports:
# event_name, start_date, venue, fee, organizer …).  Only names that say "event" or name an item the event list
# alone has, so that a generic header (name, title) does not pull other files towards it.
_add(ENGLISH, {
    "イベント名": ("event_name", "eventName", "event_title", "eventTitle", "event"),
    "イベント名_カナ": ("event_name_kana", "eventNameKana"),
    "イベント名_英語": ("event_name_en", "eventNameEn", "event_name_english"),
    "開始日": ("start_date", "startDate", "date_start", "event_date", "eventDate", "from_date"),
    "終了日": ("end_date", "endDate", "date_end", "to_date"),
    "場所名称": ("venue", "venue_name", "venueName", "place_name", "location_name"),
    "料金(基本)": ("fee", "price", "admission_fee", "entry_fee"),
    "連絡先名称": ("contact", "contact_name", "contactName"),
    "連絡先電話番号": ("contact_tel", "contact_phone", "contactPhone"),
    "主催者": ("organizer", "organiser", "host", "sponsor"),
    "参加申込方法": ("application_method", "how_to_apply", "registration"),
    "参加申込終了日": ("application_deadline", "registration_deadline", "deadline"),
    "アクセス方法": ("access",),
    "駐車場情報": ("parking",),
})

# More datasets under English names: 文化財一覧 (designation, designated_date, owner), 食品等営業許可 (license_*),
# オープンデータ一覧 (the 2026 list's own keys as queria's mart names them: dataset_title, dataset_description,
# published_date, update_frequency …; spec/standard-datasets-2026.md §06).
_add(ENGLISH, {
    "文化財分類": ("designation", "designation_type", "designationType", "heritage_class"),
    "種類": ("heritage_type", "kind"),
    "文化財指定日": ("designated_date", "designation_date", "designatedDate", "designationDate"),
    "所有者等": ("owner", "holder"),
    "員数（数）": ("quantity",),
    "許可番号": ("license_number", "licence_number", "permit_number", "licenseNumber"),
    "許可年月日": ("license_date", "licence_date", "permit_date", "licenseDate"),
    "初回許可年月日": ("first_license_date", "firstLicenseDate"),
    "許可開始日": ("license_start", "valid_from", "licenseStartDate"),
    "許可満了日": ("expiry_date", "license_expiry", "valid_until", "expiration_date", "licenseEndDate"),
    "営業の種類": ("license_type", "business_type", "businessType"),
    "法人名": ("business_name", "corporation_name", "corporate_name", "operator"),
    "データ名称": ("dataset_title", "datasetTitle", "dataset_name", "data_name"),
    "データ概要": ("dataset_description", "datasetDescription", "data_description"),
    "データ形式": ("format", "file_format", "data_format"),
    "更新頻度": ("update_frequency", "updateFrequency", "accrual_periodicity", "frequency"),
    "ライセンス": ("license", "licence", "dataset_license"),
    "登録日": ("published_date", "publishedDate", "issued", "release_date"),
    "最終更新日": ("updated_date", "dataset_updated", "modified", "last_modified", "updatedDate"),
    "API対応有無": ("api", "api_available"),
})

# Common municipal column names still unmatched (checked against realistic headers of each dataset): a time range
# column (利用可能時間 9:00～17:00: the time-range rule splits it into 開始時間 / 終了時間, as for 開館時間), days off as
# the date-time remarks, toilet counts by sex, 駐車場, 対象年齢.
_add(SYNONYMS, {
    "開始時間": ("利用可能時間", "利用時間", "営業時間", "開館時間帯"),
    "利用開始時間": ("利用可能時間", "利用時間", "開放時間"),
    "診療開始時間": ("診療時間", "受付時間"),
    "利用可能日時特記事項": ("休館日", "定休日", "休業日"),
    "診療日時特記事項": ("休診日",),
    "男性トイレ総数": ("男性用", "男子用", "男性用トイレ", "男子トイレ"),
    "女性トイレ総数": ("女性用", "女子用", "女性用トイレ", "女子トイレ"),
    "車椅子使用者用トイレ有無": ("車いす対応", "車椅子対応", "車いす用", "車椅子用"),
    "駐車場情報": ("駐車場", "駐車場の有無", "駐車台数"),
    "受入年齢": ("対象年齢", "受入れ年齢", "入所可能年齢"),
})
