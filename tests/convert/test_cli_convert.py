"""`opendata convert` as a clerk runs it: exit codes, nothing half-written, folders, recipes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.validation.helpers import PRESCHOOL, preschool_row

from .workbooks import aed_rows, write_print_style

OPENDATA = [sys.executable, "-m", "opendata"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*OPENDATA, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def csv_bytes(rows: list[list[str]], encoding: str = "cp932") -> bytes:
    return "\r\n".join(",".join(r) for r in rows).encode(encoding) + b"\r\n"


def test_valid_conversion_exits_0(tmp_path):
    src = tmp_path / "hoikuen.csv"
    src.write_bytes(csv_bytes([PRESCHOOL, preschool_row()]))
    p = run("convert", str(src), "--dataset", "preschool@2021", "--out", str(tmp_path / "out"))
    assert p.returncode == 0, p.stdout + p.stderr
    out = tmp_path / "out" / "312011_preschool.csv"
    assert out.is_file()
    assert out.read_bytes().startswith("都道府県コード".encode())     # UTF-8, no BOM by default
    assert "結果: 変換・検証とも問題なし" in p.stdout


def test_problems_exit_1_and_json_report(tmp_path):
    rows = aed_rows(4)
    rows[1][6] = "22-8111"                                   # no area code: needs a human
    book = write_print_style(tmp_path / "AED一覧.xlsx", rows)
    report = tmp_path / "report.json"
    recipe = tmp_path / "aed.recipe.yaml"
    p = run("convert", str(book), "--code", "312011", "--out", str(tmp_path / "out"), "--report", str(report),
            "--save-recipe", str(recipe), "--bom")
    assert p.returncode == 1, p.stdout + p.stderr          # converted, problems remain (listed)
    assert "人の確認が必要な箇所" in p.stdout
    d = json.loads(report.read_text(encoding="utf-8"))
    assert d["dataset"]["id"] == "2021/aed" and d["status"] == "problems"
    assert d["changes"]["total"] == len(d["changes"]["items"]) > 0
    assert {"row", "field", "before", "after", "step"} <= set(d["changes"]["items"][0])
    assert any(m["target"] == "名称" and m["source"] == "施設名称" for m in d["mapping"])
    out = tmp_path / "out" / "312011_aed.csv"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")     # --bom for Excel users
    assert recipe.is_file()
    p2 = run("convert", str(book), "--recipe", str(recipe), "--out", str(tmp_path / "again"), "--bom")
    assert p2.returncode == 1
    assert (tmp_path / "again" / "312011_aed.csv").read_bytes() == out.read_bytes()


@pytest.mark.parametrize("content,code", [
    (b"%PDF-1.4\n%...", "not-supported"),
    (b"\x89PNG\r\n\x1a\n....", "image"),
    (b"PK\x03\x04garbage-not-a-zip", "corrupt"),
])
def test_unreadable_input_exits_2_and_writes_nothing(tmp_path, content, code):
    src = tmp_path / "list.xlsx"
    src.write_bytes(content)
    out = tmp_path / "out"
    p = run("convert", str(src), "--out", str(out), "--json")
    assert p.returncode == 2, p.stdout + p.stderr
    assert "Traceback" not in p.stdout + p.stderr
    d = json.loads(p.stdout)
    assert d["status"] == "failed" and d["error"]["message_ja"]
    assert not out.exists() or not any(out.iterdir())


def test_unknown_dataset_asks_for_it(tmp_path):
    src = tmp_path / "misc.csv"
    src.write_bytes(csv_bytes([["列A", "列B"], ["1", "2"]]))
    p = run("convert", str(src), "--out", str(tmp_path / "out"))
    assert p.returncode == 2 and "--dataset" in p.stdout


def test_folder_summary(tmp_path):
    folder = tmp_path / "shared-folder"
    folder.mkdir()
    (folder / "hoikuen.csv").write_bytes(csv_bytes([PRESCHOOL, preschool_row()]))
    write_print_style(folder / "AED一覧.xlsx", aed_rows(3))
    (folder / "memo.csv").write_bytes(csv_bytes([["列A", "列B"], ["1", "2"]]))
    (folder / "readme.txt.bak").write_text("not an input")
    p = run("convert", str(folder), "--code", "312011", "--out", str(tmp_path / "out"))
    assert p.returncode == 2                      # the worst outcome: one file could not be converted
    assert "変換結果" in p.stdout and "失敗" in p.stdout and "適合" in p.stdout
    assert (tmp_path / "out" / "312011_preschool.csv").is_file()
    assert (tmp_path / "out" / "312011_aed.csv").is_file()


def test_bad_recipe_and_code_are_usage_errors(tmp_path):
    src = tmp_path / "hoikuen.csv"
    src.write_bytes(csv_bytes([PRESCHOOL, preschool_row()]))
    bad = tmp_path / "bad.yaml"
    bad.write_text("mapping: [1, 2", encoding="utf-8")
    p = run("convert", str(src), "--recipe", str(bad))
    assert p.returncode == 2 and "レシピ" in p.stderr
    p = run("convert", str(src), "--code", "3120")
    assert p.returncode == 2 and "6桁" in p.stderr


def test_convert_command_does_not_import_pandas(tmp_path):
    """pyarrow's one-off probe for pandas objects (an import of pandas, ~0.4 s) is spared in the file commands,
    and pandas stays importable afterwards for whoever needs it."""
    src = tmp_path / "hoikuen.csv"
    src.write_bytes(csv_bytes([PRESCHOOL, preschool_row()]))
    code = ("import sys\n"
            f"sys.argv = ['opendata', 'convert', {str(src)!r}, '--dataset', 'preschool@2021', '--out', "
            f"{str(tmp_path / 'out')!r}]\n"
            "from opendata.cli import main\n"
            "try:\n    main()\nexcept SystemExit as e:\n    rc = e.code\n"
            "print('pandas-loaded', 'pandas' in sys.modules, 'rc', rc)\n"
            "import pyarrow as pa\n"
            "print('to_pandas', pa.table({'a': [1]}).to_pandas().shape)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert "pandas-loaded False rc 0" in p.stdout, p.stdout + p.stderr
    assert "to_pandas (1, 1)" in p.stdout
    assert (tmp_path / "out" / "312011_preschool.csv").is_file()


def test_report_dict_keeps_the_first_entries_of_long_logs(tmp_path):
    """The API's report inlines the first entries of the change and issue logs, counts and totals for all."""
    from opendata.convert import convert_file, report_dict

    rows = aed_rows(12)
    for r in rows:
        r[6] = "22-8111"                                  # no area code: an issue per row
    book = write_print_style(tmp_path / "AED一覧.xlsx", rows)
    o = convert_file(book, tmp_path / "out", code="312011", keep_logs=True)
    d = report_dict(o, max_items=3)
    assert d["issues"]["total"] >= 11 and len(d["issues"]["items"]) == 3
    assert d["issues"]["items"] == list(o.result.iter_issues())[:3]
    assert len(d["changes"]["items"]) == min(3, d["changes"]["total"])
    o.result.cleanup()


def test_python_m_opendata_cli_runs_the_command(tmp_path):
    """``python -m opendata.cli convert …`` (as a helper's brief wrote it) ran nothing and exited 0: the module
    had no ``__main__`` guard.  It now behaves as ``python -m opendata``."""
    src = tmp_path / "stats.csv"
    src.write_text("年度[西暦],区 公園数[か所],面積 合計[平方メートル]\n2017,49,1363676\n", encoding="utf-8")
    import os

    root = str(Path(__file__).resolve().parents[2])             # this checkout's opendata, whatever is installed
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    p = subprocess.run([sys.executable, "-m", "opendata.cli", "convert", str(src), "--out", str(tmp_path / "o"),
                        "--json"], capture_output=True, text=True, timeout=300, env=env)
    assert p.returncode == 2 and '"dataset-unknown"' in p.stdout, p.stdout + p.stderr
