"""opendata build: one broken dataset does not stop the others; exit codes; the Japanese summary."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from opendata.build import build_catalogue
from opendata.cli import app
from tests.catalogue_support import FIXTURE, open_store


def _copy(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "datasets"
    folder.mkdir()
    shutil.copy(FIXTURE / "organizations.yaml", folder)
    for n in names:
        shutil.copytree(FIXTURE / n, folder / n)
    return folder


def test_broken_datasets_are_reported_and_the_rest_imported(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "aed", "population")
    (folder / "no-yaml").mkdir()
    bad_org = folder / "bad-org"
    shutil.copytree(FIXTURE / "aed", bad_org)
    (bad_org / "dataset.yaml").write_text("title: x\ndescription: y\norganization: somewhere\nstandard: 2021/aed\n",
                                          encoding="utf-8")
    two = folder / "two-sources"
    shutil.copytree(FIXTURE / "aed", two)
    shutil.copy(two / "source" / "AED設置場所.csv", two / "source" / "copy.csv")
    broken_yaml = folder / "broken-yaml"
    shutil.copytree(FIXTURE / "aed", broken_yaml)
    (broken_yaml / "dataset.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with open_store("sqlite", tmp_path / "data") as st:
        s = build_catalogue(folder, st)
        by = {r.id: r for r in s.results}
        assert {k: r.action for k, r in by.items()} == {
            "aed": "published", "population": "published", "no-yaml": "failed", "bad-org": "failed",
            "two-sources": "failed", "broken-yaml": "failed"}
        assert by["no-yaml"].code == "metadata-missing"
        assert by["bad-org"].code == "metadata-invalid" and "somewhere" in (by["bad-org"].message_ja or "")
        assert by["two-sources"].code == "source-ambiguous"
        assert by["broken-yaml"].code == "yaml-invalid"
        assert s.exit_code == 1
        shutil.rmtree(folder / "population")
        s2 = build_catalogue(folder, st)
        assert s2.missing == ["population"]                  # reported, still published


def test_missing_folder_and_bad_organizations(tmp_path: Path) -> None:
    with open_store("sqlite", tmp_path / "data") as st:
        assert build_catalogue(tmp_path / "nope", st).exit_code == 2
        folder = tmp_path / "d"
        folder.mkdir()
        (folder / "organizations.yaml").write_text("- id: 危機\n  name: ''\n", encoding="utf-8")
        s = build_catalogue(folder, st)
        assert s.exit_code == 2 and s.fatal and "organizations.yaml" in s.fatal["message_ja"]
        empty = tmp_path / "empty"
        empty.mkdir()
        assert build_catalogue(empty, st).exit_code == 0      # an empty catalogue is fine (make run on a fresh clone)


def test_cli_build_prints_a_japanese_summary(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(tmp_path, "aed")
    monkeypatch.setenv("OPENDATA_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("OPENDATA_DATABASE_URL", raising=False)
    runner = CliRunner()
    r = runner.invoke(app, ["build", str(folder)])
    assert r.exit_code == 0, r.output
    assert "第1版を公開" in r.output and "新しい版 1件" in r.output and "1 published" in r.output
    assert (tmp_path / "var" / "opendata.sqlite3").is_file() and (tmp_path / "var" / "files").is_dir()
    r = runner.invoke(app, ["build", str(folder)])
    assert r.exit_code == 0 and "変更なし" in r.output and "新しい版 0件" in r.output
    r = runner.invoke(app, ["build", str(folder), "--json"])
    assert '"unchanged": 1' in r.output
