from __future__ import annotations

from pathlib import Path

import pytest

from eenzaamheid import loader
from eenzaamheid.snapshot import shared_dir

from .odata_server import StandIn

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "exports").is_dir():
        pytest.fail(f"the real CBS material is missing: {SHARED} (clone with ../shared beside it)")
    return SHARED


@pytest.fixture
def stand_in(shared, monkeypatch, tmp_path):
    """The real cbsodata client pointed at a local OData server; a private cache folder."""
    server = StandIn(shared, page_size=50)
    monkeypatch.setenv("CBS_ODATA_URL", server.url)
    monkeypatch.setenv("EENZAAMHEID_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("eenzaamheid.odata.TIMEOUT", 0.5)
    monkeypatch.setattr("eenzaamheid.odata.BACKOFF", 0.01)
    monkeypatch.setattr("eenzaamheid.odata.RETRIES", 2)
    monkeypatch.setattr(loader, "_offline_since", None)
    yield server
    server.close()
