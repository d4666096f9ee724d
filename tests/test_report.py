"""`opendata report` on a small catalogue built here (docs/catalogue-files.md): a conformant CSV, a
legacy CP932 CSV with a recipe that stays invalid, and a city dataset with no standard (schema.json)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from opendata.cli import app
from opendata.convert import convert_file
from opendata.report import ReportInputError, build_report, score_published
from opendata.report.render import render_json, render_junit, render_markdown
from opendata.validation import validate_file
from tests.score.helpers import METADATA, TODAY, rows, write

HEADLINE = "推奨データセット形式での公開: 2/3 (66.7%)"
CITY_SCHEMA = {
    "name": "shisetsu_riyou", "title": "市民会館の利用者数",
    "fields": [{"name": "施設名", "type": "string", "constraints": {"required": True}},
               {"name": "年度", "type": "integer"},
               {"name": "利用者数", "type": "integer", "constraints": {"minimum": 0}}],
}


def _dataset(folder: Path, meta: dict) -> Path:
    (folder / "source").mkdir(parents=True)
    (folder / "dataset.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    return folder / "source"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("datasets")
    (root / "organizations.yaml").write_text(yaml.safe_dump([
        {"id": "kosodate", "name": "こども家庭課", "email": "kosodate@city.tottori.lg.jp"},
        {"id": "bunka", "name": "文化芸術推進課", "email": "bunka@city.tottori.lg.jp", "phone": "0857-30-8000"},
    ], allow_unicode=True), encoding="utf-8")
    # 1. a conformant standard CSV (no recipe: converted automatically, as opendata build does)
    write(_dataset(root / "hoikusho", METADATA))
    # 2. a legacy CP932 CSV with a recipe; 名称_カナ is blank in 3 rows, which no conversion can fill
    src = _dataset(root / "hoikusho-legacy", {**METADATA, "title": "子育て施設一覧（旧形式）"})
    legacy = write(src, [dict(r, 名称_カナ="") if i < 3 else r for i, r in enumerate(rows())],
                   name="保育施設一覧.csv", encoding="cp932")
    convert_file(legacy, root / "_work", dataset="2021/preschool", code="312011",
                 save_recipe=root / "hoikusho-legacy" / "recipe.yaml")
    # 3. no standard applies: the city's own Table Schema
    src = _dataset(root / "kaikan-riyou", {"title": "市民会館の利用者数", "description": "年度ごとの利用者数（サンプル）。",
                                           "organization": "bunka", "standard": "none", "keywords": ["文化"],
                                           "license": "CC-BY-4.0"})
    (root / "kaikan-riyou" / "schema.json").write_text(json.dumps(CITY_SCHEMA, ensure_ascii=False), encoding="utf-8")
    (src / "riyou.csv").write_text("施設名,年度,利用者数\r\n市民会館,2023,120000\r\n市民会館,2024,131000\r\n",
                                   encoding="utf-8")
    import shutil

    shutil.rmtree(root / "_work")
    return root


@pytest.fixture(scope="module")
def report(catalogue, tmp_path_factory):
    return build_report(catalogue, out_dir=tmp_path_factory.mktemp("out"), today=TODAY)


def test_headline_and_counting(report):
    assert report.headline == HEADLINE
    by = {r.id: r for r in report.results}
    assert by["hoikusho"].conformant and by["hoikusho"].how == "auto"
    assert by["hoikusho"].counted_ja == "2021/preschool のスキーマに適合"
    legacy = by["hoikusho-legacy"]
    assert not legacy.conformant and legacy.how == "recipe" and legacy.errors == 3
    assert legacy.first_problems[0]["text_ja"].startswith("F列2行目: 「名称_カナ」は必須項目です")
    assert "同じ列でほか 2 件" in legacy.first_problems[0]["text_ja"]
    city = by["kaikan-riyou"]
    assert city.no_standard and city.conformant and city.standard == "city/shisetsu_riyou"
    assert city.counted_ja == "標準なし: Table Schema あり、機械可読性 40/40 → 適合として数える"
    assert all(r.score is not None for r in report.results)


def test_figures_match_validate_file_on_the_same_converted_file(report):
    for r in report.results:
        v = validate_file(r.output, r.standard)
        assert (v.valid, v.error_count, v.warning_count, v.rows) == (r.valid, r.errors, r.warnings, r.rows), r.id
        assert v.counts == r.counts
    standard = [r for r in report.results if not r.no_standard]
    assert sum(r.conformant for r in standard) == sum(validate_file(r.output, r.standard).valid for r in standard)


def test_markdown_is_a_job_summary(report):
    md = render_markdown(report)
    lines = md.splitlines()
    assert lines[0] == f"## {HEADLINE}"
    assert "| | 管理ID / dataset | 標準 / standard | 世代 / generation | スコア / score | 数え方 / counted | 最初の問題 / first problems |" in lines
    row = next(line for line in lines if "`hoikusho-legacy`" in line)
    assert row.startswith("| ✗ | `hoikusho-legacy` 子育て施設一覧（旧形式） | 2021/preschool 子育て施設一覧 | 推奨データセット 基本編（2021） |")
    assert "「名称_カナ」は必須項目です" in row
    city = next(line for line in lines if "`kaikan-riyou`" in line)
    assert city.startswith("| ✓ |") and "標準なし（市独自） / no standard applies" in city
    assert all(line.count("|") - line.count("\\|") == 8 for line in lines if line.startswith("| ✓") or line.startswith("| ✗"))


def test_junit_has_one_testcase_per_dataset(report):
    root = ET.fromstring(render_junit(report).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == HEADLINE
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"hoikusho", "hoikusho-legacy", "kaikan-riyou"}
    assert root.get("tests") == "3" and root.get("failures") == "1" and root.get("errors") == "0"
    failure = cases["hoikusho-legacy"].find("failure")
    assert failure is not None and "名称_カナ" in (failure.text or "")
    assert cases["hoikusho"].find("failure") is None


def test_json(report):
    d = json.loads(render_json(report))
    assert d["headline"] == HEADLINE and d["conformant"] == 2 and d["total"] == 3 and d["percent"] == 66.7
    assert {x["id"]: x["status"] for x in d["datasets"]} == {
        "hoikusho": "conformant", "hoikusho-legacy": "not-conformant", "kaikan-riyou": "conformant"}
    assert d["datasets"][0]["score_detail"]["layers"][0]["id"] == "stars"


def test_cli_min_history_and_formats(catalogue, tmp_path):
    runner = CliRunner()
    hist = tmp_path / "history.jsonl"
    r = runner.invoke(app, ["report", "--from", str(catalogue), "--format", "markdown", "--min", "100",
                            "--history", str(hist)])
    assert r.exit_code == 1, r.output
    assert r.stdout.splitlines()[0] == f"## {HEADLINE}"
    r = runner.invoke(app, ["report", "--from", str(catalogue), "--format", "junit", "--min", "66.7",
                            "--history", str(hist)])
    assert r.exit_code == 0, r.output
    ET.fromstring(r.stdout.encode("utf-8"))
    records = [json.loads(line) for line in hist.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    assert {k: records[0][k] for k in ("conformant", "total", "percent")} == {"conformant": 2, "total": 3, "percent": 66.7}
    assert set(records[0]) == {"date", "commit", "conformant", "total", "percent", "mean_score"}
    r = runner.invoke(app, ["report", "--from", str(catalogue), "--format", "markdown", "--history", str(hist)])
    assert "前回: 2/3 (66.7%)" in r.stdout
    r = runner.invoke(app, ["report", "--from", str(catalogue)])
    assert r.exit_code == 0 and HEADLINE in r.stdout


def test_cli_unreadable_input_exits_2(tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["report", "--from", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(app, ["report", "--from", str(tmp_path)]).exit_code == 2          # no dataset folders
    assert runner.invoke(app, ["report", "--from", str(tmp_path), "--format", "pdf"]).exit_code == 2
    with pytest.raises(ReportInputError):
        build_report(tmp_path / "missing")


def test_a_broken_dataset_is_listed_and_not_counted(catalogue, tmp_path):
    import shutil

    root = tmp_path / "datasets"
    shutil.copytree(catalogue, root)
    (root / "broken").mkdir()
    (root / "broken" / "dataset.yaml").write_text("title: 壊れた\n", encoding="utf-8")
    rep = build_report(root, today=TODAY)
    assert rep.headline == "推奨データセット形式での公開: 2/4 (50.0%)"
    broken = next(r for r in rep.results if r.id == "broken")
    assert broken.status == "error" and broken.counted_ja.startswith("数えない: dataset.yaml:")
    root_xml = ET.fromstring(render_junit(rep).encode("utf-8"))
    assert root_xml.get("errors") == "1"


def test_cli_score(tmp_path, catalogue):
    runner = CliRunner()
    p = write(tmp_path, [dict(r, 名称="㈱" + r["名称"]) if i == 0 else r for i, r in enumerate(rows())])
    r = runner.invoke(app, ["score", str(p), "--json", "--metadata", str(catalogue / "hoikusho" / "dataset.yaml")])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["dataset"]["id"] == "2021/preschool" and d["layers"][3]["assessed"] is True
    assert d["advice"][0]["text_ja"].startswith("機種依存文字 1件（名称）を直してください（L1-08）")
    r = runner.invoke(app, ["score", str(p)])
    assert r.exit_code == 0 and "まず直す点" in r.stdout
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.4 ...")
    assert runner.invoke(app, ["score", str(bad)]).exit_code == 2


def test_db_report_matches_the_folder_report(catalogue, report, tmp_path, monkeypatch):
    """--db scores what `opendata build` published: the same counting and scores as --from."""
    store_mod = pytest.importorskip("opendata.store")
    build_mod = pytest.importorskip("opendata.build")
    monkeypatch.setenv("OPENDATA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("OPENDATA_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    store = store_mod.Store()
    store.migrate()
    summary = build_mod.build_catalogue(catalogue, store)
    store.close()
    assert [r.action for r in summary.results] == ["published"] * 3, summary.to_dict()
    rep = build_report(db=True, today=TODAY)
    assert rep.headline == HEADLINE

    def figures(results):   # the metadata layer may differ: the store fills issued/modified (docs/report.md)
        return {r.id: (r.conformant, r.errors, [la.points for la in r.score.layers if la.id != "metadata"],
                       r.score.source.points if r.score.source else None) for r in results}

    assert figures(rep.results) == figures(report.results)
    r = CliRunner().invoke(app, ["report", "--db", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["origin"] == "db"
    one = score_published("hoikusho-legacy", today=TODAY)       # the hook for the API's score field
    assert one is not None and one.score is not None and not one.conformant
    assert one.score.to_dict()["total"] == next(r for r in rep.results if r.id == "hoikusho-legacy").score.total
    assert score_published("no-such-dataset") is None
