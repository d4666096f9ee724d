"""publish_version: atomic, numbered, files immutable and registered, rows loaded (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from opendata.store import (
    Dataset,
    DatasetMeta,
    Distribution,
    MetadataError,
    StoredFile,
    StoreError,
    Version,
    rows_spec,
)
from opendata.store import rows as rowsmod
from opendata.store.rows import RowFilter, query_rows
from tests.catalogue_support import BACKENDS, add_dataset, add_org, open_store, write_csv

HEADER = ["ID", "名称", "緯度", "経度", "収容人数"]
SCHEMA = {"fields": [{"name": "ID", "type": "string", "constraints": {"unique": True}}, {"name": "名称", "type": "string"},
                     {"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"},
                     {"name": "収容人数", "type": "integer"}]}


def _csv(tmp: Path, n: int, name: str = "data.csv") -> Path:
    rows = [HEADER] + [[str(i), f"避難所{i}", f"{35.4 + i / 1000:.4f}", f"{134.2 + i / 1000:.4f}", str(i * 10)]
                       for i in range(1, n + 1)]
    return write_csv(tmp / name, rows)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(request.param, tmp_path / "data") as st:
        add_org(st)
        add_dataset(st, "shelters", "避難所一覧")
        yield st


def test_publish_creates_numbered_versions(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = _csv(tmp_path, 5)
    v1 = store.publish_version("shelters", src, src, report={"status": "valid", "validation": {"valid": True}},
                               recipe={"dataset": None}, schema=SCHEMA, note="初版")
    v2 = store.publish_version("shelters", None, _csv(tmp_path, 7, "b.csv"), schema=SCHEMA)
    assert (v1.number, v2.number) == (1, 2) and (v1.row_count, v2.row_count) == (5, 7)
    assert v1.key_column == "ID" and v1.recipe_yaml and "dataset" in v1.recipe_yaml and v1.note == "初版"
    assert [d.kind for d in v1.distributions] == ["csv", "csv-bom", "json", "geojson", "datapackage", "original"]
    assert "original" not in [d.kind for d in v2.distributions]
    with store.Session() as s:
        ds = s.get(Dataset, "shelters")
        assert ds.state == "published" and ds.current_version_id == v2.id
        shas = {d.sha256 for d in s.scalars(select(Distribution))} | {v1.report_sha256}
        registered = set(s.scalars(select(StoredFile.sha256)))
        assert shas <= registered
        assert all(store.files.verify(sha) for sha in registered)
    spec = rows_spec(v1)
    with store.engine.connect() as c:
        page = query_rows(c, spec, filters=[RowFilter("収容人数", "gte", "30")], sort="収容人数", desc=True)
    assert [r["収容人数"] for r in page.rows] == [50, 40, 30] and page.count == 3


def test_publish_is_atomic(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    src = _csv(tmp_path, 20)
    store.publish_version("shelters", src, src, schema=SCHEMA)
    calls = {"n": 0}
    real = rowsmod.RowLoader.add

    def failing(self, values):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 10:
            raise OSError("disk full")
        real(self, values)

    monkeypatch.setattr(rowsmod.RowLoader, "add", failing)
    with pytest.raises(OSError):
        store.publish_version("shelters", src, _csv(tmp_path, 30, "big.csv"), schema=SCHEMA)
    with store.Session() as s:
        assert [v.number for v in s.scalars(select(Version))] == [1]
        assert s.get(Dataset, "shelters").current_version.number == 1
    tables = [t for t in inspect(store.engine).get_table_names() if t.startswith("rows_v")]
    assert len(tables) == 1                                          # the half-loaded table was rolled back
    monkeypatch.setattr(rowsmod.RowLoader, "add", real)
    assert store.publish_version("shelters", src, src, schema=SCHEMA).number == 2


def test_unknown_dataset_and_empty_csv(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = _csv(tmp_path, 1)
    with pytest.raises(StoreError) as e:
        store.publish_version("nope", src, src)
    assert e.value.code == "dataset-unknown" and "nope" in e.value.message_ja
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(StoreError) as e:
        store.publish_version("shelters", None, empty)
    assert e.value.code == "csv-empty"


def test_duplicate_ids_mean_no_key(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_csv(tmp_path / "dup.csv", [HEADER, ["1", "a", "", "", ""], ["1", "b", "", "", ""]])
    v = store.publish_version("shelters", None, src, schema=SCHEMA)
    assert v.key_column is None and v.row_count == 2
    assert "geojson" in [d.kind for d in v.distributions]


def test_bom_in_converted_csv_is_removed(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "bom.csv"
    src.write_bytes(b"\xef\xbb\xbf" + "ID,名称\r\n1,鳥取砂丘\r\n".encode())
    v = store.publish_version("shelters", None, src)
    csv = next(d for d in v.distributions if d.kind == "csv")
    bom = next(d for d in v.distributions if d.kind == "csv-bom")
    assert store.files.path(csv.sha256).read_bytes() == "ID,名称\r\n1,鳥取砂丘\r\n".encode()
    assert store.files.path(bom.sha256).read_bytes() == src.read_bytes()
    assert csv.file_name == "312011_shelters.csv" and bom.file_name == "312011_shelters_excel.csv"


def test_metadata_problems_are_all_reported_in_japanese() -> None:
    with pytest.raises(MetadataError) as e:
        DatasetMeta.from_mapping("bad id!", {"organization": "nope", "standard": "2099/x", "license": "MIT",
                                             "issued": "令和7年4月1日", "publisher_code": "31201", "sample": "yes"},
                                 organizations={"kikikanri"})
    fields = {p["field"] for p in e.value.problems}
    assert fields == {"id", "title", "description", "organization", "standard", "license", "issued", "publisher_code",
                      "sample"}
    assert "YYYY-MM-DD" in e.value.message_ja and "ライセンス「MIT」" in e.value.message_ja


def test_metadata_defaults_and_aliases() -> None:
    m = DatasetMeta.from_mapping("aed", {"title": "AED", "description": "d", "organization": "kenko", "standard": "aed",
                                         "license": "公共データ利用規約（第1.0版）", "keywords": "AED、救命", "theme": "健康"})
    assert m.standard in ("2021/aed", "2026/aed") and m.license == "PDL-1.0" and m.keywords == ["AED", "救命"]
    assert m.themes == ["健康"] and m.spatial == "鳥取県鳥取市" and m.publisher_code == "312011"
