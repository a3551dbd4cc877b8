"""Shared fixtures: a real local HTTP server, real DuckDB files, Prefect's test harness."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfeed.demo import SITE_DIR, feeds_toml
from newsfeed.demo.server import FixtureServer

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "qusair.txt"


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect server and database for the whole test session."""
    from prefect.testing.utilities import prefect_test_harness

    import newsfeed.flows  # noqa: F401 - newsfeed's Prefect defaults, before Prefect starts

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def demo_server():
    """The bundled demo site, served on 127.0.0.1."""
    with FixtureServer(SITE_DIR) as server:
        yield server


@pytest.fixture
def demo_feeds(tmp_path: Path, demo_server: FixtureServer) -> Path:
    """A feeds file pointing at the demo server."""
    path = tmp_path / "feeds.toml"
    # the server is on 127.0.0.1: opt in to private addresses; no politeness delay needed
    settings = "\n[settings]\nallow_private_network = true\nhost_delay_s = 0.0\n"
    path.write_text(feeds_toml(demo_server.base_url) + settings, encoding="utf-8")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.duckdb"


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")
