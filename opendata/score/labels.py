"""Short names of problem codes for evidence and advice ("機種依存文字 3件").  The full messages are in
opendata/validation/messages.py; a code missing here is shown by its first problem's message."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "blank-row": ("表の途中の空行", "blank rows inside the table"),
    "title-rows-above-header": ("見出し行の上の表題・注記の行", "title rows above the header"),
    "multi-row-header": ("複数行にわたる見出し", "a header spanning several rows"),
    "header-blank": ("見出しが空欄の列", "columns with a blank header"),
    "header-duplicate": ("重複した見出し", "duplicate headers"),
    "header-missing-column": ("足りない列", "missing columns"),
    "header-extra-column": ("標準にない列", "columns the standard does not have"),
    "header-lookalike": ("文字の違う見出し", "headers with look-alike characters"),
    "header-order": ("列の順序の違い", "columns out of order"),
    "header-alias": ("別表記の見出し", "headers in a variant spelling"),
    "surrounding-space": ("値の前後の空白", "leading/trailing spaces"),
    "cell-newline": ("セル内の改行", "line breaks inside cells"),
    "machine-dependent-char": ("機種依存文字", "platform-dependent characters"),
    "time-range-in-cell": ("1セルに入った時間帯（開始〜終了）", "time ranges in one cell"),
    "multi-value-separator": ("「;」以外で区切った複数の値", "multiple values not separated by ';'"),
    "extra-cell": ("見出しより多いセル（カンマの囲み忘れ）", "rows with more cells than the header"),
    "missing-cell": ("見出しより少ないセル", "rows with fewer cells than the header"),
    "type-integer": ("整数の列の数値以外の値", "non-integers in integer columns"),
    "type-number": ("数値の列の数値以外の値", "non-numbers in number columns"),
    "not-halfwidth": ("半角でない文字", "full-width characters"),
    "latlon-not-number": ("緯度経度の数値以外の値", "non-numeric coordinates"),
    "enum-value": ("選択肢にない値", "values outside the allowed choices"),
    "date-wareki": ("和暦の日付", "Japanese-era dates"),
    "date-format": ("YYYY-MM-DD でない日付", "dates not written YYYY-MM-DD"),
    "type-date": ("読み取れない日付", "unreadable dates"),
    "date-era-mismatch": ("元号の期間外の日付", "dates outside their era"),
    "localgov-code-format": ("全国地方公共団体コードの形式の誤り", "malformed local-government codes"),
    "localgov-code-length": ("5桁の全国地方公共団体コード", "5-digit local-government codes"),
    "localgov-code-checkdigit": ("全国地方公共団体コードの検査数字の誤り", "wrong check digits in local-government codes"),
    "localgov-code-unknown": ("一覧にない全国地方公共団体コード", "unknown local-government codes"),
    "encoding-not-utf8": ("UTF-8 でない文字コード", "an encoding other than UTF-8"),
    "required-missing": ("必須項目の空欄", "blank required cells"),
    "duplicate-value": ("重複した値", "duplicate values"),
    "file-name": ("命名規則に沿わないファイル名", "a file name not following the naming rule"),
    "units": ("単位の付いた数値", "numbers with units"),
}


def label(code: str) -> tuple[str, str]:
    return LABELS.get(code, (code, code))
