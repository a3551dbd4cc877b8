"""One DuckDB file filled by a real ingest run over the demo site, shared by the tests of
views, search, export, query and the README's queries (built once per session).

Each test module wraps ``build_demo_db`` in a fixture (which needs ``prefect_harness``).
Tests must only read the file: ``copy_of`` it to change anything.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsfeed.demo import SITE_DIR, feeds_toml
from newsfeed.demo.server import FixtureServer

_built: dict[str, Path] = {}


def demo_feeds_file(base_url: str) -> str:
    """The demo feeds file, opted in to the 127.0.0.1 server as tests/conftest.py does."""
    text = feeds_toml(base_url)
    if "[settings]" not in text:
        text += "\n[settings]\nallow_private_network = true\nhost_delay_s = 0.0\n"
    return text


def build_demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the ``ingest`` flow (workers=0) over the demo site into a new file, once."""
    if "db" not in _built:
        from newsfeed.flows.ingest import ingest

        directory = tmp_path_factory.mktemp("demo_db")
        db = directory / "demo.duckdb"
        with FixtureServer(SITE_DIR) as server:
            feeds = directory / "feeds.toml"
            feeds.write_text(demo_feeds_file(server.base_url), encoding="utf-8")
            summary = ingest(feeds_file=str(feeds), db=str(db), workers=0)
        assert summary["status"] == "completed", summary
        _built["db"] = db
    return _built["db"]


def copy_of(db: Path, directory: Path) -> Path:
    """A private copy of ``db`` in ``directory``, free to change."""
    copy = directory / db.name
    shutil.copyfile(db, copy)
    return copy
