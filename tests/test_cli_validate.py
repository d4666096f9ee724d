"""The `opendata validate` command as a user runs it: exit codes, Japanese report, JSON, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.validation.helpers import preschool_file, preschool_row

OPENDATA = [sys.executable, "-m", "opendata"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*OPENDATA, *args], capture_output=True, text=True, timeout=120)


def test_valid_file_exits_0(tmp_path: Path):
    f = preschool_file(tmp_path / "312011_preschool.csv", [preschool_row()])
    p = run("validate", str(f))
    assert p.returncode == 0, p.stdout + p.stderr
    assert "判定: 適合" in p.stdout and "子育て施設一覧" in p.stdout


def test_invalid_file_exits_1_with_cell_locations(tmp_path: Path):
    f = preschool_file(tmp_path / "312011_preschool.csv", [preschool_row(**{"都道府県コード又は市区町村コード": "31201"})])
    p = run("validate", str(f))
    assert p.returncode == 1
    assert "A列2行目: 都道府県コード又は市区町村コード「31201」は5桁です" in p.stdout
    assert "cell A2" in p.stdout          # English beside the Japanese


def test_json_output(tmp_path: Path):
    f = preschool_file(tmp_path / "312011_preschool.csv", [preschool_row(開始時間="7:30")])
    p = run("validate", str(f), "--json")
    assert p.returncode == 1
    d = json.loads(p.stdout)
    assert d["valid"] is False and d["dataset"]["id"] == "2021/preschool"
    prob = d["problems"][0]
    assert prob["code"] == "time-format" and prob["row"] == 2 and prob["column_letter"] == "W"
    assert prob["suggestion"] == "07:30" and prob["message_en"]


def test_unreadable_and_usage_errors_exit_2_without_traceback(tmp_path: Path):
    for args in (["validate", str(tmp_path / "nope.csv")], ["validate", str(tmp_path)], ["validate"],
                 ["validate", "--engine", "turbo", "x.csv"]):
        p = run(*args)
        assert p.returncode == 2, (args, p.stdout, p.stderr)
        assert "Traceback" not in p.stderr + p.stdout
    pdf = tmp_path / "report.csv"
    pdf.write_bytes(b"%PDF-1.4 ...")
    p = run("validate", str(pdf), "--json")
    assert p.returncode == 2 and json.loads(p.stdout)["error"]["code"] == "not-csv"


def test_given_dataset(tmp_path: Path):
    f = preschool_file(tmp_path / "data.csv", [preschool_row()])
    p = run("validate", str(f), "--dataset", "preschool@2021", "--json")
    d = json.loads(p.stdout)
    assert d["dataset"]["id"] == "2021/preschool" and d["detection"]["given"] is True
    p = run("validate", str(f), "--dataset", "no_such_dataset")
    assert p.returncode == 2 and "dataset-unknown" in p.stderr


def test_schemas_list_and_show():
    p = run("schemas", "list", "--json")
    ids = {e["id"]: e for e in json.loads(p.stdout)["datasets"]}
    assert ids["2026/public_toilet"]["confidence"] == "high"
    assert ids["2026/tourism"]["status"] == "unconfirmed"
    assert len([i for i in ids if i.startswith("2021/")]) == 14
    p = run("schemas", "show", "public_toilet")
    assert p.returncode == 0 and "バリアフリートイレ数" in p.stdout


def test_dataset_option_as_a_clerk_types_it(tmp_path) -> None:
    """opendata validate/schemas resolve names the way convert does (converters.mapping.schema_ids_named)."""
    from opendata.validation.detect import resolve_dataset

    assert resolve_dataset("ＡＥＤ@2026") == "2026/aed"
    assert resolve_dataset("公衆トイレ") == resolve_dataset("public_toilet")
    assert resolve_dataset("2026/AED") == "2026/aed"
