"""The catalogue of problem codes: severity and the Japanese / English message of each.

Codes are stable (tests, the API and CI depend on them).  A message says what is wrong and what to
write instead, in words a clerk can act on; the location ("B列12行目") is prefixed by the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class P(dict[str, Any]):
    """Message parameters with attribute access; a missing parameter reads as ''."""

    def __getattr__(self, k: str) -> Any:
        return self.get(k, "")


def _fix(p: P, ja: bool = True) -> str:
    if p.suggestion not in (None, ""):
        return f"「{p.suggestion}」と記入してください。" if ja else f" Write \"{p.suggestion}\"."
    return ""


Msg = Callable[[P], str]
E, W, I = "error", "warning", "info"  # noqa: E741

MESSAGES: dict[str, tuple[str, Msg, Msg]] = {
    # --- file level --------------------------------------------------------------------------
    "file-unreadable": (E, lambda p: f"ファイルを読み込めません（{p.reason}）。",
                        lambda p: f"The file cannot be read ({p.reason_en or p.reason})."),
    "file-empty": (E, lambda p: "ファイルが空です。見出し行とデータを入れてください。",
                   lambda p: "The file is empty."),
    "not-csv": (E, lambda p: f"CSVファイルではありません（{p.kind}）。表をCSV形式（UTF-8）で保存してください。",
                lambda p: f"Not a CSV file ({p.kind}). Save the table as CSV (UTF-8)."),
    "encoding-not-utf8": (E, lambda p: f"文字コードが{p.encoding_ja}です。UTF-8で保存してください（{p.reason}）。",
                          lambda p: f"The encoding is {p.encoding}, not UTF-8 ({p.reason_en})."),
    "encoding-bom": (I, lambda p: "UTF-8（BOM付き）です。BOMの有無は公開ページに明記してください（機械可読性ルール L3-08）。",
                     lambda p: "UTF-8 with a byte-order mark; state the BOM on the download page (rule L3-08)."),
    "line-endings-mixed": (W, lambda p: f"改行コードが混在しています（CRLF {p.crlf}行、LF {p.lf}行、CR {p.cr}行）。どちらか一方に揃えてください（CRLF推奨）。",
                           lambda p: f"Mixed line endings (CRLF {p.crlf}, LF {p.lf}, CR {p.cr}); use one (CRLF recommended)."),
    "file-name": (W, lambda p: f"ファイル名「{p.value}」は命名規則「{p.expected}」に沿っていません。{p.detail}",
                  lambda p: f"File name \"{p.value}\" does not follow \"{p.expected}\". {p.detail_en}"),
    "title-rows-above-header": (E, lambda p: f"見出し行の上に表題などの行があります（見出しは{p.header_row}行目）。1行目を見出し行にし、表題や注記は削除してください（L3-01）。",
                                lambda p: f"Rows above the header (the header is on row {p.header_row}); the header must be row 1 (L3-01)."),
    "multi-row-header": (E, lambda p: f"見出しが複数行にわたっているようです（{p.rows}行目）。見出しは1行にまとめてください（L3-01）。",
                         lambda p: f"The header seems to span several rows ({p.rows}); use one header row (L3-01)."),
    "dataset-unknown": (E, lambda p: "どの標準データセットの形式か判定できません。--dataset でデータセットを指定してください。",
                        lambda p: "Cannot tell which standard dataset this file follows; pass --dataset."),
    "schema-unconfirmed": (I, lambda p: f"この標準データセット（{p.name}）の列構成は信頼度「{p.confidence_ja}」です。{p.note}",
                           lambda p: f"The column list of this standard dataset ({p.name}) has confidence \"{p.confidence}\"."),
    # --- header --------------------------------------------------------------------------------
    "header-missing-column": (E, lambda p: f"必要な列「{p.field}」がありません。{p.position}列目に「{p.field}」列を追加してください（値がなければ空欄で構いません）。",
                              lambda p: f"Column \"{p.field}\" is missing; add it as column {p.position} (it may be empty)."),
    "header-extra-column": (E, lambda p: f"列「{p.value}」は標準の項目にありません。削除するか、内容を「備考」に移してください。",
                            lambda p: f"Column \"{p.value}\" is not a standard item; remove it or move its content to 備考."),
    "header-order": (E, lambda p: f"列「{p.field}」の位置が違います（{p.actual}列目にありますが、標準では{p.expected}列目です）。標準の順に並べ替えてください。",
                     lambda p: f"Column \"{p.field}\" is column {p.actual}; the standard puts it at {p.expected}."),
    "header-order-unconfirmed": (I, lambda p: f"列「{p.field}」の位置（{p.actual}列目）は参考の順序（{p.expected}列目）と違います。この項目の順序は未確認です。",
                                 lambda p: f"Column \"{p.field}\" at {p.actual}; the (unconfirmed) reference order has {p.expected}."),
    "header-lookalike": (E, lambda p: f"見出し「{p.value}」は「{p.field}」と似ていますが文字が違います：{p.detail}。「{p.field}」と入力し直してください。",
                         lambda p: f"Header \"{p.value}\" looks like \"{p.field}\" but differs: {p.detail_en}."),
    "header-alias": (W, lambda p: f"見出し「{p.value}」は「{p.field}」の別表記です。標準の表記「{p.field}」に揃えてください。",
                     lambda p: f"Header \"{p.value}\" is a known variant of \"{p.field}\"; use the standard spelling."),
    "header-duplicate": (E, lambda p: f"見出し「{p.value}」が重複しています（{p.other}列目にもあります）。",
                         lambda p: f"Duplicate header \"{p.value}\" (also column {p.other})."),
    "header-blank": (E, lambda p: "見出しが空欄の列があります。項目名を入れるか、空の列なら削除してください。",
                     lambda p: "A column has a blank header; name it or delete the empty column."),
    # --- rows ------------------------------------------------------------------------------------
    "blank-row": (E, lambda p: "空行があります。表の途中の空行は削除してください（データの分断、L1-03）。",
                  lambda p: "Blank row; remove it (the table must not be split, L1-03)."),
    "missing-cell": (E, lambda p: f"この行はセルが足りません（「{p.field}」の列がありません）。区切りのカンマ数を見出し行と揃えてください。",
                     lambda p: f"The row has too few cells (no \"{p.field}\")."),
    "extra-cell": (E, lambda p: f"この行は見出しより列が多くなっています（値「{p.value}」）。値にカンマが含まれる場合は \"\" で囲んでください（L1-15）。",
                   lambda p: f"The row has more cells than the header (value \"{p.value}\"); quote values containing commas."),
    # --- cells: generic ----------------------------------------------------------------------------
    "required-missing": (E, lambda p: f"「{p.field}」は必須項目です。値を入力してください。",
                         lambda p: f"\"{p.field}\" is required."),
    "type-integer": (E, lambda p: f"「{p.field}」は半角数字の整数で記入します（「{p.value}」{p.detail}）。{_fix(p)}",
                     lambda p: f"\"{p.field}\" must be a whole number in half-width digits (got \"{p.value}\").{_fix(p, False)}"),
    "type-number": (E, lambda p: f"「{p.field}」は半角の数値で記入します（「{p.value}」{p.detail}）。{_fix(p)}",
                    lambda p: f"\"{p.field}\" must be a number (got \"{p.value}\").{_fix(p, False)}"),
    "type-date": (E, lambda p: f"「{p.field}」の日付「{p.value}」を読み取れません。YYYY-MM-DD（例 2024-04-01）で記入してください。",
                  lambda p: f"\"{p.field}\": cannot read date \"{p.value}\"; use YYYY-MM-DD."),
    "type-time": (E, lambda p: f"「{p.field}」の時刻「{p.value}」を読み取れません。hh:mm（例 09:00）で記入してください。",
                  lambda p: f"\"{p.field}\": cannot read time \"{p.value}\"; use hh:mm."),
    "enum-value": (E, lambda p: f"「{p.field}」に「{p.value}」は使えません。{p.allowed}のいずれかを記入してください。{_fix(p)}",
                   lambda p: f"\"{p.field}\": \"{p.value}\" is not allowed; use one of {p.allowed_en}.{_fix(p, False)}"),
    "pattern-mismatch": (E, lambda p: f"「{p.field}」の「{p.value}」は形式（{p.format_ja}）に合いません。",
                         lambda p: f"\"{p.field}\": \"{p.value}\" does not match the format {p.pattern}."),
    "duplicate-value": (E, lambda p: f"「{p.field}」の「{p.value}」が重複しています（{p.first_row}行目と同じ）。一意の値にしてください。",
                        lambda p: f"\"{p.field}\": \"{p.value}\" is duplicated (same as row {p.first_row})."),
    "below-minimum": (E, lambda p: f"「{p.field}」の「{p.value}」は{p.minimum}以上の値にしてください。",
                      lambda p: f"\"{p.field}\": \"{p.value}\" must be at least {p.minimum}."),
    "surrounding-space": (W, lambda p: f"「{p.field}」の値の前後に空白があります。{_fix(p)}",
                          lambda p: f"\"{p.field}\": leading or trailing spaces.{_fix(p, False)}"),
    "cell-newline": (W, lambda p: f"「{p.field}」のセル内に改行があります。1レコード1行にしてください（L1-14）。",
                     lambda p: f"\"{p.field}\": line break inside the cell (one record = one line, L1-14)."),
    # --- cells: Japanese checks ------------------------------------------------------------------------
    "localgov-code-length": (E, lambda p: f"{p.field}「{p.value}」は{p.length}桁です。6桁（検査数字付き）で{_fix(p)}",
                             lambda p: f"{p.field} \"{p.value}\" has {p.length} digits; write 6 digits incl. the check digit.{_fix(p, False)}"),
    "localgov-code-checkdigit": (E, lambda p: f"{p.field}「{p.value}」の検査数字（6桁目）が正しくありません。{_fix(p)}",
                                 lambda p: f"{p.field} \"{p.value}\": wrong check digit.{_fix(p, False)}"),
    "localgov-code-unknown": (E, lambda p: f"{p.field}「{p.value}」は全国地方公共団体コードの一覧にありません。総務省の一覧で確認してください。",
                              lambda p: f"{p.field} \"{p.value}\" is not in the official list of local-government codes."),
    "localgov-code-format": (E, lambda p: f"{p.field}「{p.value}」は6桁の半角数字ではありません。{_fix(p)}",
                             lambda p: f"{p.field} \"{p.value}\" is not 6 half-width digits.{_fix(p, False)}"),
    "corporate-number-format": (E, lambda p: f"法人番号「{p.value}」は13桁の半角数字で記入します。{_fix(p)}",
                                lambda p: f"法人番号 \"{p.value}\" must be 13 half-width digits.{_fix(p, False)}"),
    "corporate-number-checkdigit": (E, lambda p: f"法人番号「{p.value}」の検査数字（1桁目）が正しくありません。国税庁法人番号公表サイトで確認してください。",
                                    lambda p: f"法人番号 \"{p.value}\": wrong check digit."),
    "latlon-not-number": (E, lambda p: f"「{p.field}」の「{p.value}」は数値ではありません。10進数の度（例 {p.example}）で記入してください。",
                          lambda p: f"\"{p.field}\": \"{p.value}\" is not a decimal number of degrees."),
    "latlon-out-of-japan": (E, lambda p: f"「{p.field}」の「{p.value}」は日本の範囲外です（{p.range}）。",
                            lambda p: f"\"{p.field}\": \"{p.value}\" is outside Japan ({p.range})."),
    "latlon-swapped": (E, lambda p: f"「{p.field}」の「{p.value}」は{p.other}の値のようです。緯度と経度が入れ替わっていないか確認してください。",
                       lambda p: f"\"{p.field}\": \"{p.value}\" looks like a {p.other_en}; latitude and longitude may be swapped."),
    "latlon-no-decimal-point": (E, lambda p: f"「{p.field}」の「{p.value}」は小数点が抜けているようです。{_fix(p)}",
                                lambda p: f"\"{p.field}\": \"{p.value}\" seems to lack its decimal point.{_fix(p, False)}"),
    "latlon-dms": (E, lambda p: f"「{p.field}」の「{p.value}」は度分秒表記です。10進数の度で{_fix(p)}",
                   lambda p: f"\"{p.field}\": \"{p.value}\" is degrees-minutes-seconds; use decimal degrees.{_fix(p, False)}"),
    "phone-format": (E, lambda p: f"電話番号「{p.value}」{p.detail}。{_fix(p) or '市外局番から半角数字とハイフンで記入してください（例 0857-22-8111）。'}",
                     lambda p: f"Phone number \"{p.value}\": {p.detail_en}.{_fix(p, False)}"),
    "postal-code-format": (E, lambda p: f"郵便番号「{p.value}」は7桁の半角数字（ハイフンなし）で記入します。{_fix(p)}",
                           lambda p: f"Postal code \"{p.value}\" must be 7 half-width digits without a hyphen.{_fix(p, False)}"),
    "url-format": (E, lambda p: f"「{p.field}」の「{p.value}」はURLの形式ではありません。http:// または https:// で始まる半角のURLを記入してください。",
                   lambda p: f"\"{p.field}\": \"{p.value}\" is not an http(s) URL."),
    "email-format": (E, lambda p: f"メールアドレス「{p.value}」の形式が正しくありません。",
                     lambda p: f"\"{p.value}\" is not an e-mail address."),
    "kana-halfwidth": (E, lambda p: f"「{p.field}」に半角カナが使われています。全角カタカナで{_fix(p)}",
                       lambda p: f"\"{p.field}\": half-width katakana; use full-width.{_fix(p, False)}"),
    "kana-hiragana": (E, lambda p: f"「{p.field}」にひらがなが使われています。全角カタカナで{_fix(p)}",
                      lambda p: f"\"{p.field}\": hiragana; use full-width katakana.{_fix(p, False)}"),
    "kana-not-katakana": (E, lambda p: f"「{p.field}」の「{p.value}」にカタカナ以外の文字（{p.chars}）があります。読みを全角カタカナで記入してください。",
                          lambda p: f"\"{p.field}\": characters other than katakana ({p.chars})."),
    "not-halfwidth": (E, lambda p: f"「{p.field}」は半角英数字で記入します（全角文字「{p.chars}」があります）。{_fix(p)}",
                      lambda p: f"\"{p.field}\" must be half-width (found \"{p.chars}\").{_fix(p, False)}"),
    "english-contains-japanese": (E, lambda p: f"「{p.field}」に日本語の文字（{p.chars}）があります。英語（半角英数字）で記入してください。",
                                  lambda p: f"\"{p.field}\" contains Japanese characters ({p.chars}); write it in English."),
    "english-looks-like-postcode": (W, lambda p: f"「{p.field}」の「{p.value}」は郵便番号のようです。別の列の値が入っていないか確認してください。",
                                    lambda p: f"\"{p.field}\": \"{p.value}\" looks like a postal code (wrong column?)."),
    "date-wareki": (E, lambda p: f"「{p.field}」の「{p.value}」は和暦です。西暦のYYYY-MM-DD形式で{_fix(p)}",
                    lambda p: f"\"{p.field}\": \"{p.value}\" is a Japanese-era date; use YYYY-MM-DD.{_fix(p, False)}"),
    "date-format": (E, lambda p: f"「{p.field}」の「{p.value}」は日付の書き方が違います。YYYY-MM-DD形式（月日は2桁）で{_fix(p)}",
                    lambda p: f"\"{p.field}\": \"{p.value}\" must be written YYYY-MM-DD.{_fix(p, False)}"),
    "date-invalid": (E, lambda p: f"「{p.field}」の「{p.value}」は存在しない日付です。",
                     lambda p: f"\"{p.field}\": \"{p.value}\" is not a real date."),
    "date-era-mismatch": (E, lambda p: f"「{p.field}」の「{p.value}」は元号の期間外です（{p.detail}）。日付を確認してください。",
                          lambda p: f"\"{p.field}\": \"{p.value}\" is outside its era ({p.detail_en})."),
    "time-format": (E, lambda p: f"「{p.field}」の「{p.value}」は時刻の書き方が違います。hh:mm形式（時は2桁）で{_fix(p)}",
                    lambda p: f"\"{p.field}\": \"{p.value}\" must be written hh:mm.{_fix(p, False)}"),
    "time-invalid": (E, lambda p: f"「{p.field}」の「{p.value}」は時刻として正しくありません（00:00〜23:59）。{p.detail}",
                     lambda p: f"\"{p.field}\": \"{p.value}\" is not a time of day (00:00-23:59)."),
    "time-range-in-cell": (E, lambda p: f"「{p.field}」に時間帯「{p.value}」が入っています。開始時間と終了時間を別々の列に記入してください。",
                           lambda p: f"\"{p.field}\": a time range \"{p.value}\"; split it into start and end time."),
    "machine-dependent-char": (E, lambda p: f"「{p.field}」に機種依存文字 {p.chars} があります。{_fix(p)}",
                               lambda p: f"\"{p.field}\": platform-dependent characters {p.chars_en}.{_fix(p, False)}"),
    "multi-value-separator": (E, lambda p: f"「{p.field}」の複数の値は半角セミコロン「;」で区切ります（「{p.sep}」が使われています）。{_fix(p)}",
                              lambda p: f"\"{p.field}\": separate multiple values with \";\" (found \"{p.sep}\").{_fix(p, False)}"),
}


def render(code: str, params: dict[str, Any]) -> tuple[str, str, str]:
    severity, ja, en = MESSAGES[code]
    p = P(params)
    return severity, " ".join(ja(p).split()), " ".join(en(p).split())
