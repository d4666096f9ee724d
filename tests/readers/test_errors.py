"""Files that cannot be read give a specific ReadError (Japanese and English), and nothing is written."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from converters.readers import ReadError, ole, read_tables
from tests.readers import builders


def error_of(path: Path) -> ReadError:
    before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(ReadError) as e:
        read_tables(path)
    assert sorted(p.name for p in path.parent.iterdir()) == before, "nothing is written on error"
    assert e.value.message_ja and e.value.message_en
    return e.value


def put(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def ole_with_stream(name: str) -> bytes:
    """A real compound file (xlwt's writer) whose only stream is renamed to ``name``."""
    from xlwt.CompoundDoc import XlsDoc

    buf = io.BytesIO()
    XlsDoc().save(buf, b"\x09\x08" + b"\x00" * 600)
    data = buf.getvalue()
    at = data.find("Workbook\x00".encode("utf-16-le"))
    assert at > 0
    entry_name = (name + "\x00").encode("utf-16-le")
    return data[:at] + entry_name.ljust(64, b"\x00") + struct.pack("<H", len(entry_name)) + data[at + 66:]


def test_encrypted_office_file_by_its_ole_directory(tmp_path: Path) -> None:
    pytest.importorskip("xlwt")
    data = ole_with_stream("EncryptionInfo")
    assert ole.stream_names(put(tmp_path, "probe.bin", data)) == ["EncryptionInfo"]
    (tmp_path / "probe.bin").unlink()
    e = error_of(put(tmp_path, "locked.xlsx", data))
    assert e.code == "encrypted" and "パスワード" in e.message_ja


def test_really_encrypted_xlsx(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = builders.print_style_openpyxl(tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as f, locked.open("wb") as out:
        ooxml.OOXMLFile(f).encrypt("himitsu", out)
    plain.unlink()
    assert ole.classify(locked) == "encrypted"
    assert error_of(locked).code == "encrypted"


def test_calamine_password_error_maps_to_encrypted() -> None:
    import python_calamine as pc

    from converters.readers.excel import _calamine_error

    err = _calamine_error(pc.PasswordError("Workbook is password protected"))
    assert isinstance(err, ReadError) and err.code == "encrypted"
    assert _calamine_error(pc.ZipError("bad")).code == "corrupt-zip"  # type: ignore[attr-defined]
    assert _calamine_error(ValueError("odd")).code == "corrupt-workbook"  # type: ignore[attr-defined]


def test_word_document_in_ole(tmp_path: Path) -> None:
    pytest.importorskip("xlwt")
    assert error_of(put(tmp_path, "memo.doc", ole_with_stream("WordDocument"))).code == "word"


@pytest.mark.parametrize("name,data,code", [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "pdf"),
    ("report.csv", b"%PDF-1.4\n", "pdf"),                         # magic bytes win over the extension
    ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00", "image"),
    ("pic.xlsx", b"\x89PNG\r\n\x1a\n", "image"),
    ("empty.csv", b"", "empty"),
    ("blank.csv", " \r\n\r\n\t\u3000".encode(), "empty"),
    ("broken.csv", b"\x8a\xff\xfe\x00\x81", "undecodable"),
    ("binary.csv", b"\x00\x01\x02\x03abc\x00\x00\x10\x11\x12" * 20, "binary"),
    ("page.xls", b"<!DOCTYPE html><html><body><table><tr><td>a</td></tr></table></body></html>", "html"),
    ("old.xml", b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', "xml-spreadsheet"),
    ("trunc.xlsx", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40, "corrupt-zip"),
    ("garbage.xlsx", b"\x00\x13\x99garbage\x00" * 10, "corrupt-zip"),
])
def test_unreadable_inputs(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    assert error_of(put(tmp_path, name, data)).code == code


def test_truncated_real_xlsx(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    whole = builders.print_style_openpyxl(tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "whole.xlsx").unlink()
    e = error_of(put(tmp_path, "cut.xlsx", whole[: len(whole) // 2]))
    assert e.code == "corrupt-zip" and "壊れて" in e.message_ja


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("data/readme.txt", "hello")
    assert error_of(put(tmp_path, "bundle.zip", buf.getvalue())).code == "zip-not-workbook"
    buf2 = io.BytesIO()
    with zipfile.ZipFile(buf2, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert error_of(put(tmp_path, "letter.docx", buf2.getvalue())).code == "word"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as e:
        read_tables(tmp_path / "nothing.csv")
    assert e.value.code == "not-found"


def test_ole_names_of_real_xls(tmp_path: Path) -> None:
    pytest.importorskip("xlwt")
    p = builders.legacy_xls(tmp_path / "l.xls")
    assert "Workbook" in ole.stream_names(p)
    assert ole.classify(p) == "xls"
    olefile = pytest.importorskip("olefile")
    with olefile.OleFileIO(str(p)) as o:
        assert {e[0] for e in o.listdir()} <= set(ole.stream_names(p))


def test_ole_on_corrupt_input(tmp_path: Path) -> None:
    bad = put(tmp_path, "bad.xls", ole.OLE_MAGIC + b"\x00" * 100)
    assert ole.classify(bad) == "unknown"
    data = bytearray(ole_with_stream("Workbook"))
    struct.pack_into("<I", data, 0x30, 0xFFFFFF00)      # directory sector far out of range
    assert ole.classify(put(tmp_path, "bad2.xls", bytes(data))) == "unknown"
