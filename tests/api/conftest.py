"""The test catalogue (tests/fixtures/catalogue) built once per backend and served through TestClient."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from opendata.build import build_catalogue
from opendata.store import Store
from tests.catalogue_support import BACKENDS, FIXTURE, open_store


@pytest.fixture(scope="session", params=BACKENDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(request.param, tmp_path_factory.mktemp(f"catalogue-{request.param}")) as st:
        summary = build_catalogue(FIXTURE, st)
        assert summary.exit_code == 0, summary.to_dict()
        yield st


@pytest.fixture(scope="session")
def client(built: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store_=built)) as c:
        yield c
