from __future__ import annotations

from pathlib import Path

import pytest

from eenzaamheid.data import loader

from .odata_server import StandIn

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def raw() -> Path:
    """The project's unmodified copies of the CBS files its snapshot is built from."""
    return RAW


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """Real recorded CBS responses and a StatLine download used only by tests."""
    return FIXTURES


@pytest.fixture
def stand_in(monkeypatch, tmp_path):
    """The real cbsodata client pointed at a local OData server; a private cache folder."""
    server = StandIn(FIXTURES, page_size=50)
    monkeypatch.setenv("CBS_ODATA_URL", server.url)
    monkeypatch.setenv("EENZAAMHEID_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("eenzaamheid.data.odata.TIMEOUT", 0.5)
    monkeypatch.setattr("eenzaamheid.data.odata.BACKOFF", 0.01)
    monkeypatch.setattr("eenzaamheid.data.odata.RETRIES", 2)
    monkeypatch.setattr(loader, "_offline_since", None)
    yield server
    server.close()
