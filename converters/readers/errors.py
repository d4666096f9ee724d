"""Every reason a file cannot be read at all, with the message a clerk reads (Japanese) and English.

``read_error(code, **fields)`` builds the ``ReadError``; the catalogue below is the single place
where these messages live (docs/readers.md lists the codes).
"""

from __future__ import annotations

from .base import ReadError, ReadRestart

__all__ = ["MESSAGES", "ReadError", "ReadRestart", "read_error"]

# code -> (Japanese, English); {placeholders} are filled by read_error().
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (
        "ファイルが空です（0バイト、または空白だけ）。中身のあるファイルを選んでください。",
        "The file is empty (0 bytes or only whitespace).",
    ),
    "not-found": (
        "ファイルが見つかりません: {path}",
        "File not found: {path}",
    ),
    "encrypted": (
        "パスワードで保護（暗号化）されたファイルです。Excelでパスワードを解除して保存し直してから、もう一度読み込んでください。",
        "The file is password-protected (encrypted). Remove the password in Excel, save it again and retry.",
    ),
    "corrupt-zip": (
        "Excelファイル（.xlsx）が壊れているか、途中までしかありません。元のファイルをExcelで開けるか確かめ、保存し直してください。（{detail}）",
        "The .xlsx file is corrupt or truncated ({detail}).",
    ),
    "corrupt-workbook": (
        "表計算ファイルを読めませんでした。ファイルが壊れている可能性があります。Excelで開いて保存し直してください。（{detail}）",
        "The spreadsheet could not be read; it may be corrupt ({detail}).",
    ),
    "pdf": (
        "PDFファイルです。PDFからは表を読み取れません。元のExcelまたはCSVファイルを用意してください。",
        "This is a PDF file; tables cannot be read from PDF. Provide the original Excel or CSV file.",
    ),
    "image": (
        "画像ファイル（{kind}）です。画像からは表を読み取れません。元のExcelまたはCSVファイルを用意してください。",
        "This is an image file ({kind}); tables cannot be read from images. Provide the original Excel or CSV file.",
    ),
    "html": (
        "中身がHTML（Webページ）のファイルです。Excelで開き「Excelブック（.xlsx）」または「CSV」で保存し直してください。",
        "The file is HTML (a web page), not a spreadsheet. Open it in Excel and save it as .xlsx or CSV.",
    ),
    "xml-spreadsheet": (
        "Excel 2003 XML形式のファイルです。Excelで開き「Excelブック（.xlsx）」で保存し直してください。",
        "This is an Excel 2003 XML spreadsheet. Open it in Excel and save it as .xlsx.",
    ),
    "word": (
        "Wordなど表計算以外のOfficeファイルです（{kind}）。表はExcelまたはCSVで用意してください。",
        "This is a non-spreadsheet Office document ({kind}). Provide the table as Excel or CSV.",
    ),
    "zip-not-workbook": (
        "ZIP形式ですが、Excel（.xlsx）やODSの表計算ファイルではありません。中の表計算ファイルを取り出して読み込んでください。",
        "The file is a ZIP archive but not an .xlsx/.ods workbook. Extract the spreadsheet inside and retry.",
    ),
    "ole-unknown": (
        "古いOffice形式のファイルですが、Excelのブック（Workbook）が見つかりません。Excelで開いて保存し直してください。",
        "An OLE (legacy Office) file without an Excel workbook stream.",
    ),
    "binary": (
        "文字のファイル（CSV）ではなく、読めない形式のファイルです（制御文字やNULが含まれています）。",
        "The file is binary, not text (it contains NUL or control characters).",
    ),
    "undecodable": (
        "{message_ja}",
        "{message_en}",
    ),
    "no-values": (
        "ブックのどのシートにもセルの値がありません（画像や図形だけのシートからは表を読めません）。",
        "No sheet of the workbook contains any cell value (sheets with only images or shapes cannot be read).",
    ),
    "no-table": (
        "表が見つかりません。見出し行とデータ行のある表を含むファイルを選んでください。",
        "No table was found (no header row followed by data).",
    ),
    "sheet-not-found": (
        "シート「{sheet}」が見つかりません。このブックのシート: {sheets}",
        "Sheet {sheet!r} not found. Sheets in this workbook: {sheets}",
    ),
    "table-not-found": (
        "シート「{sheet}」に{index}番目の表はありません（表は{count}個です）。",
        "Sheet {sheet!r} has no table number {index} (it has {count}).",
    ),
    "csv-malformed": (
        "CSVの{record}行目付近を読めませんでした（{detail}）。引用符（\"）の閉じ忘れがないか確かめてください。",
        "The CSV could not be parsed near record {record} ({detail}). Check for an unclosed quote.",
    ),
    "unsupported": (
        "この形式のファイル（{kind}）は読み込めません。ExcelまたはCSVで用意してください。",
        "Unsupported file type ({kind}). Provide Excel or CSV.",
    ),
}


def read_error(code: str, **fields: object) -> ReadError:
    ja, en = MESSAGES[code]
    return ReadError(code, ja.format(**fields), en.format(**fields))
