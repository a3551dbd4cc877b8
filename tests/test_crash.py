"""SIGKILL a real ``newsfeed run`` at varied points, run again: every item stored exactly once,
every article with exactly the facts a clean run gives it, the killed runs marked crashed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfeed.demo.server import FixtureServer
from tests.dbutil import rows

pytestmark = pytest.mark.usefixtures("prefect_harness")

ITEMS = 24
PEOPLE = ["Amina Yusuf", "Lars Henning", "Maria Costa", "Omar Haddad", "Chen Wei", "Ruth Adler"]
PLACES = ["Aleppo", "Mosul", "Kharkiv", "Goma", "Tripoli", "Mandalay"]
SETTINGS = ("[settings]\nallow_private_network = true\nhost_delay_s = 0.0\nbatch_size = 4\n"
            "article_concurrency = 2\nhost_concurrency = 2\nretries = 0\n")
# kill points: a delay after start (maybe before the run began), then after N pages served
KILLS = [("seconds", 1.0), ("pages", 1), ("pages", 3), ("pages", 6), ("pages", 9)]
FACT_TABLES = ("entities", "entity_mentions", "quantities", "quotes", "dates")


def page(n: int) -> bytes:
    who, where = PEOPLE[n % len(PEOPLE)], PLACES[n % len(PLACES)]
    paragraphs = [
        f"More than {1200 + n * 37} people have fled {where} since Monday, the UN said.",
        f'"We have never seen anything like this," said {who}, a doctor in {where}.',
        f"At least {n + 3} people were killed and {2 * n + 5} wounded on Tuesday, officials "
        f"said, and {who} told reporters that aid convoys had been stopped for {n + 2} days.",
        f"The city of {where} had a population of about {n + 1}.5 million before the war.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>Story {n} from {where}</title></head><body><article>"
            f"<h1>Story {n} from {where}</h1>{body}</article></body></html>").encode()


def serve(server: FixtureServer) -> None:
    items = "".join(
        f"<item><title>Story {n}</title><link>{server.url(f'/a/{n}.html')}</link>"
        f"<guid>story-{n}</guid><description>Summary of story {n}.</description>"
        f"<pubDate>Tue, 17 Nov 2026 0{n % 10}:00:00 GMT</pubDate></item>" for n in range(ITEMS))
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Crash Courier</title>'
            f"<link>{server.url('/')}</link>{items}</channel></rss>").encode()
    server.status("/feed.rss", 200, feed, content_type="application/rss+xml")
    for n in range(ITEMS):
        body = page(n)

        def slow_page(req, body=body):
            if req.wait(0.4):  # slow pages: the run lasts long enough to be killed mid-way
                req.send_body(200, body, "text/html; charset=utf-8")

        server.add_route(f"/a/{n}.html", slow_page)


def pages_served(server: FixtureServer) -> int:
    return sum(1 for r in server.requests if r.path.startswith("/a/"))


def newsfeed_run(feeds: Path, db: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsfeed.cli", "run", "--feeds", str(feeds), "--db", str(db),
         "--workers", "0"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)  # its own process group: the kill takes its helpers too


def kill_at(proc: subprocess.Popen, server: FixtureServer, how: str, when: float) -> bool:
    """SIGKILL the run's process group at the kill point; False if the run ended first."""
    started, before = time.monotonic(), pages_served(server)
    while proc.poll() is None:
        if how == "seconds" and time.monotonic() - started >= when:
            break
        if how == "pages" and pages_served(server) - before >= when:
            break
        if time.monotonic() - started > 300:
            break
        time.sleep(0.02)
    else:
        return False
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    return True



def fact_counts(db: Path) -> dict[str, tuple[int, ...]]:
    counts = ", ".join(f"(SELECT count(*) FROM {t} x WHERE x.article_id = a.article_id)"
                       for t in FACT_TABLES)
    return {r[0]: r[1:] for r in rows(db, f"SELECT a.article_id, {counts} FROM articles a")}


def test_killed_runs_lose_nothing_and_store_nothing_twice(tmp_path):
    from newsfeed.flows.ingest import ingest

    with FixtureServer(tmp_path) as server:
        serve(server)
        feeds = tmp_path / "feeds.toml"
        feeds.write_text(SETTINGS + f'\n[[feeds]]\nurl = "{server.url("/feed.rss")}"\n')
        reference = tmp_path / "reference.duckdb"
        assert ingest(feeds_file=str(feeds), db=str(reference), workers=0)["status"] == \
            "completed"

        db = tmp_path / "crashed.duckdb"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
        env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_LOGGING_LEVEL="WARNING")
        kills = sum(kill_at(newsfeed_run(feeds, db, env), server, how, when)
                    for how, when in KILLS)
        final = newsfeed_run(feeds, db, env)
        assert final.wait(300) == 0

    assert kills >= 4
    statuses = [r[0] for r in rows(db, "SELECT status FROM runs ORDER BY started_at")]
    assert statuses[-1] == "completed"
    assert set(statuses[:-1]) == {"crashed"} and len(statuses) - 1 >= 3
    # exactly once: as many items and articles as the feed has, no key twice
    for table, key in [("items", "item_id"), ("articles", "article_id"),
                       ("item_feeds", "item_id, feed_id"), ("entities", "article_id, entity_index"),
                       ("quantities", "article_id, quantity_index"),
                       ("quotes", "article_id, quote_index"), ("dates", "article_id, date_index")]:
        sql = f"SELECT count(*), count(DISTINCT ({key})) FROM {table}"
        total, distinct = rows(db, sql)[0]
        assert total == distinct, table
    assert rows(db, "SELECT count(*) FROM items") == [(ITEMS,)]
    assert rows(db, "SELECT count(*) FROM articles") == [(ITEMS,)]
    # every article has exactly the facts of a clean run (none lost, none doubled)
    expected = fact_counts(reference)
    assert all(sum(c[:4]) > 0 for c in expected.values())
    assert fact_counts(db) == expected
