"""A reader in another process holds the database file during a run: the writer waits for
it, and with a short ``db_lock_wait_s`` fails cleanly with a clear message."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

import newsfeed

pytestmark = pytest.mark.usefixtures("prefect_harness")

HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
released = time.time()  # before closing: the writer cannot get in earlier
con.close()
print(released, flush=True)
"""


def hold(db: Path, seconds: float) -> subprocess.Popen:
    """A process holding a read-only connection to ``db`` for ``seconds``."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def fresh_db(db_path: Path) -> Path:
    from newsfeed.storage import store

    with store.open_db(db_path):
        pass  # the schema, so that a reader can open the file
    return db_path


def test_the_writer_waits_for_the_reader_then_succeeds(demo_feeds, fresh_db):
    reader = hold(fresh_db, 3.0)
    summary = newsfeed.ingest(demo_feeds, fresh_db, workers=0)
    released = datetime.fromtimestamp(float(reader.stdout.readline()), UTC)
    reader.wait(10)
    assert summary.status == "completed" and summary.articles_written == 11
    assert summary.started_at > released  # the run began only once the reader let go


def test_with_a_short_wait_the_run_fails_with_a_clear_message(demo_feeds, fresh_db):
    with demo_feeds.open("a") as f:
        f.write("db_lock_wait_s = 1.0\n")  # appended to the fixture's [settings]
    reader = hold(fresh_db, 30.0)
    try:
        summary = newsfeed.ingest(demo_feeds, fresh_db, workers=0)
    finally:
        reader.kill()
        reader.wait(10)
    assert summary.status == "failed"
    assert "held by another process" in summary.error and "waited 1 s" in summary.error
    con = duckdb.connect(str(fresh_db), read_only=True)
    try:  # nothing half-done: the run could not start, so it wrote nothing
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM items").fetchone() == (0,)
    finally:
        con.close()
    again = newsfeed.ingest(demo_feeds, fresh_db, workers=0)  # the next run does the work
    assert again.status == "completed" and again.articles_written == 11
