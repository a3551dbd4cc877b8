"""DuckLake storage on a real PostgreSQL catalog: the same schema and queries as a DuckDB file,
and several concurrent writers storing every row exactly once.

A scratch PostgreSQL server is started once per session (tests/pgserver.py). Without its
binaries the tests are skipped, unless NEWSFEED_REQUIRE_POSTGRES=1 (as in .ci/run), where
they fail.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from newsfeed.config import FeedConfig
from newsfeed.demo.server import FixtureServer
from newsfeed.storage import store
from newsfeed.storage.backend import LakeError, is_lake, lake_connection, parse_lake
from newsfeed.storage.schema import describe, lake_sql, migrations, schema_version
from newsfeed.storage.transactions import COMMIT_TOKEN_TABLE, in_transaction
from tests.dbutil import rows
from tests.pgserver import (
    PostgresUnavailableError,
    ScratchPostgres,
    scratch_postgres,
    server_bin_dir,
)

FACT_TABLES = ("entities", "entity_mentions", "quantities", "quotes", "dates")
KEYS = {
    "items": "item_id", "item_feeds": "item_id, feed_id", "articles": "article_id",
    "feeds": "feed_id", "runs": "run_id", "feed_fetches": "run_id, feed_id",
    "entities": "article_id, entity_index", "quantities": "article_id, quantity_index",
    "entity_mentions": "article_id, entity_index, mention_index",
    "quotes": "article_id, quote_index", "dates": "article_id, date_index",
}
_names = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> ScratchPostgres:
    """One scratch PostgreSQL server for the session."""
    if server_bin_dir() is None and os.environ.get("NEWSFEED_REQUIRE_POSTGRES") != "1":
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    stack = contextlib.ExitStack()
    try:
        pg = stack.enter_context(scratch_postgres())
    except PostgresUnavailableError as exc:
        pytest.fail(f"could not start PostgreSQL: {exc}")
    with stack:
        yield pg
    store.close_lakes()


@pytest.fixture
def lake(postgres: ScratchPostgres, tmp_path: Path) -> tuple[str, str]:
    """A new, empty DuckLake: its --db address and its data directory."""
    name = f"lake{next(_names)}"
    postgres.create_database(name)
    return f"ducklake:postgres:{postgres.dsn(name)}", str(tmp_path / "lake-data")


def lake_rows(db: str, sql: str) -> list[tuple]:
    con = lake_connection(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()



def assert_no_duplicate_keys(query) -> None:
    for table, key in KEYS.items():
        total, distinct = query(f"SELECT count(*), count(DISTINCT ({key})) FROM {table}")[0]
        assert total == distinct, f"{table}: {total - distinct} duplicate keys"


# --- schema ---------------------------------------------------------------------------------


def test_lake_sql_drops_keys_and_indexes_and_keeps_the_rest():
    sql = ("CREATE TABLE t (a VARCHAR PRIMARY KEY, b VARCHAR NOT NULL UNIQUE, c INTEGER,\n"
           "  PRIMARY KEY (a, c), UNIQUE (b));\n"
           "CREATE INDEX t_c ON t (c);\nCREATE UNIQUE INDEX t_b ON t (b);\n"
           "COMMENT ON COLUMN t.a IS 'a UNIQUE PRIMARY KEY, in words';\n"
           "CREATE VIEW v AS SELECT a FROM t;\nCOMMENT ON VIEW v IS 'kept';\n"
           "COMMENT ON COLUMN v.a IS 'dropped';")
    out = lake_sql(sql)
    assert "INDEX" not in out
    assert "CREATE TABLE t (a VARCHAR NOT NULL, b VARCHAR NOT NULL, c INTEGER)" in \
        " ".join(out.split())
    assert "'a UNIQUE PRIMARY KEY, in words'" in out  # string literals untouched
    assert "CREATE VIEW v AS SELECT a FROM t" in out
    assert "'kept'" in out and "'dropped'" not in out
    con = duckdb.connect()
    con.execute(out)  # still valid SQL
    assert con.execute("SELECT count(*) FROM duckdb_constraints() "
                       "WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchone()[0] == 0


def test_every_migration_runs_on_a_real_ducklake_with_the_same_schema(lake):
    db, data = lake
    with store.open_db(db, data_path=data) as con:
        assert schema_version(con) == migrations()[-1].version
        on_lake = describe(con)
    plain = duckdb.connect()
    try:
        store.migrate(plain)
        in_file = describe(plain)
    finally:
        plain.close()
    assert [(d.name, d.kind, d.comment) for d in on_lake] == \
        [(d.name, d.kind, d.comment) for d in in_file]
    tables = {d.name for d in in_file if d.kind == "table"}
    assert {d.name: d.columns for d in on_lake if d.name in tables} == \
        {d.name: d.columns for d in in_file if d.name in tables}
    for view in (d for d in on_lake if d.kind == "view"):  # DuckLake keeps no view column docs
        expected = next(d for d in in_file if d.name == view.name)
        assert [(c.column, c.type) for c in view.columns] == \
            [(c.column, c.type) for c in expected.columns]
    assert "lake_commits" not in {d.name for d in on_lake}


def test_lake_addresses_are_checked():
    assert is_lake("ducklake:postgres:dbname=x") and not is_lake("news.duckdb")
    assert parse_lake("ducklake:postgres: dbname=x host=h ").conninfo == "dbname=x host=h"
    for bad in ("ducklake:sqlite:x.db", "ducklake:postgres:", "ducklake:postgres:  "):
        with pytest.raises(LakeError):
            parse_lake(bad)


def test_a_new_lake_without_a_data_path_or_catalog_says_what_is_missing(lake, postgres):
    db, _ = lake
    with pytest.raises(LakeError, match="--data-path"):
        lake_connection(db)
    unreachable = f"ducklake:postgres:host=127.0.0.1 port={postgres.port + 1} dbname=none"
    with pytest.raises(LakeError, match="cannot connect to the DuckLake catalog"):
        lake_connection(unreachable, data_path="/tmp/unused")


# --- concurrent writers ---------------------------------------------------------------------


def _outcome(feed_id: str, numbers: range) -> store.FeedOutcome:
    from newsfeed.extract.feed import FeedItem

    items = [FeedItem(item_id=f"item-{n}", guid=f"g{n}", link=f"https://news.example/{n}",
                      canonical_url=f"https://news.example/{n}", title=f"Story {n}",
                      published=None, author=None, summary=None, content=None)
             for n in numbers]
    return store.FeedOutcome(feed_id=feed_id, url=f"https://news.example/{feed_id}.rss",
                             status="ok", fetched_at=datetime.now(UTC), duration_ms=1.0,
                             items=items)


def test_conflicting_writers_retry_and_store_each_row_once(lake):
    """Two writers (separate DuckDB instances, separate catalog connections) each store an
    overlapping batch; both transactions are open at once, so one commit conflicts, is
    retried, and sees the other's rows."""
    db, data = lake
    with store.open_db(db, data_path=data) as con:
        store.start_run(con, "r", 2)
    barrier = threading.Barrier(2, timeout=60)
    attempts = {"a": 0, "b": 0}
    new: dict[str, int] = {}
    errors: list[BaseException] = []

    def writer(name: str, feed_id: str, numbers: range) -> None:
        con = lake_connection(db)
        try:
            outcome = _outcome(feed_id, numbers)

            def work() -> int:
                attempts[name] += 1
                con.execute(f"UPDATE {COMMIT_TOKEN_TABLE} SET n = n + 1")
                before = con.execute("SELECT count(*) FROM items").fetchone()[0]
                store._insert_new(con, "items", [
                    {"item_id": i.item_id, "article_id": i.item_id, "first_feed_id": feed_id,
                     "first_run_id": "r", "first_seen_at": outcome.fetched_at}
                    for i in outcome.items], ["item_id"])
                if attempts[name] == 1:
                    barrier.wait()  # both have written, neither has committed
                return con.execute("SELECT count(*) FROM items").fetchone()[0] - before

            new[name] = in_transaction(con, work, token=False)
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            errors.append(exc)
        finally:
            con.close()

    threads = [threading.Thread(target=writer, args=("a", "fa", range(0, 30))),
               threading.Thread(target=writer, args=("b", "fb", range(20, 50)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sorted(attempts.values()) == [1, 2]  # exactly one conflict, one retry
    assert new["a"] + new["b"] == 50  # the retried one counted only what the other had not
    assert lake_rows(db, "SELECT count(*), count(DISTINCT item_id) FROM items") == [(50, 50)]


def processed_articles(count: int) -> list:
    """Articles with a few facts of each kind, ready to store."""
    from newsfeed.extract.process import ProcessedArticle
    from newsfeed.extract.types import Article, DateMention, Entity, Facts, Mention, Quantity, Quote

    s = "The UN says 80,000 people were killed in Syria on Tuesday."
    facts = Facts(
        entities=[Entity(f"E{j}", "ORG", j, 0, 5, s, [Mention("E", j, 0, 5)] * 2)
                  for j in range(3)],
        quantities=[Quantity("80,000 people", 80000, 0, 0, 5, s, category="killed")],
        quotes=[Quote("words", 0, 0, 5, s, speaker="X")],
        dates=[DateMention("Tuesday", 0, 0, 5, s)],
        extractor="test", extractor_version="1",
    )
    return [ProcessedArticle(article_id=f"item-{n}", url=f"https://news.example/{n}",
                             final_url=None, http_status=200, article=Article(body=s * 3),
                             body_source="page", facts=facts) for n in range(count)]


def test_storing_the_same_feed_and_articles_again_stores_nothing_twice(lake):
    db, data = lake
    with store.open_db(db, data_path=data) as con:
        store.start_run(con, "r1", 1)
        store.sync_feeds(con, [])
        for _ in range(2):
            store.store_feed_outcome(con, "r1", _outcome("f1", range(10)))
            store.store_articles(con, "r1", processed_articles(5))
        store.finish_run(con, "r1", "completed", {})
    assert lake_rows(db, "SELECT count(*) FROM items") == [(10,)]
    assert lake_rows(db, "SELECT count(*) FROM articles") == [(5,)]
    assert lake_rows(db, "SELECT count(*) FROM feed_fetches") == [(1,)]
    assert lake_rows(db, "SELECT status FROM runs") == [("completed",)]
    assert_no_duplicate_keys(lambda sql: lake_rows(db, sql))


# --- two ingest processes into one lake -----------------------------------------------------

PEOPLE = ["Amina Yusuf", "Lars Henning", "Maria Costa", "Omar Haddad", "Chen Wei", "Ruth Adler"]
PLACES = ["Aleppo", "Mosul", "Kharkiv", "Goma", "Tripoli", "Mandalay"]
# feed → the stories it carries: b overlaps a and c, and both processes follow b
FEEDS = {"a": range(0, 12), "b": range(6, 18), "c": range(12, 24)}
SETTINGS = ("[settings]\nallow_private_network = true\nhost_delay_s = 0.0\nbatch_size = 2\n"
            "article_concurrency = 2\nretries = 0\n")


def story_page(n: int) -> bytes:
    who, where = PEOPLE[n % len(PEOPLE)], PLACES[n % len(PLACES)]
    text = (f"<p>More than {1200 + n * 37} people have fled {where} since Monday, the UN "
            f"said.</p><p>\"We have never seen anything like this,\" said {who}, a doctor in "
            f"{where}.</p><p>At least {n + 3} people were killed on Tuesday, officials said.</p>")
    return (f"<html><head><title>Story {n} from {where}</title></head><body><article>"
            f"<h1>Story {n} from {where}</h1>{text}</article></body></html>").encode()


def serve_stories(server: FixtureServer) -> None:
    for feed, numbers in FEEDS.items():
        items = "".join(
            f"<item><title>Story {n}</title><link>{server.url(f'/s/{n}.html')}</link>"
            f"<guid>story-{n}</guid><pubDate>Tue, 17 Nov 2026 {n % 24:02d}:00:00 GMT</pubDate>"
            f"</item>" for n in numbers)
        rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
               f"<link>{server.url('/')}</link>{items}</channel></rss>").encode()
        server.status(f"/{feed}.rss", 200, rss, content_type="application/rss+xml")
    for n in range(24):
        body = story_page(n)

        def page(req, body=body):
            if req.wait(0.1):  # a little slow: the two runs overlap
                req.send_body(200, body, "text/html; charset=utf-8")

        server.add_route(f"/s/{n}.html", page)


def feeds_file(path: Path, server: FixtureServer, feeds: str) -> Path:
    path.write_text(SETTINGS + "".join(f'\n[[feeds]]\nurl = "{server.url(f"/{f}.rss")}"\n'
                                       for f in feeds), encoding="utf-8")
    return path


def newsfeed(*args: str, home: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(home), PREFECT_LOGGING_LEVEL="WARNING")
    return subprocess.Popen([sys.executable, "-m", "newsfeed.cli", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def per_article_facts(rows) -> dict[str, tuple]:
    counts = ", ".join(f"(SELECT count(*) FROM {t} x WHERE x.article_id = a.article_id)"
                       for t in FACT_TABLES)
    return {r[0]: r[1:] for r in rows(f"SELECT a.article_id, {counts} FROM articles a")}


@pytest.mark.integration
def test_two_concurrent_ingest_processes_store_every_row_once(lake, tmp_path, prefect_harness):
    from newsfeed.flows.ingest import ingest

    db, data = lake
    with FixtureServer(tmp_path) as server:
        serve_stories(server)
        reference = tmp_path / "reference.duckdb"
        summary = ingest(feeds_file=str(feeds_file(tmp_path / "all.toml", server, "abc")),
                         db=str(reference), workers=0)
        assert summary["status"] == "completed" and summary["articles_written"] == 24

        runs = [newsfeed("run", "--feeds", str(feeds_file(tmp_path / f"{name}.toml", server,
                                                           feeds)),
                         "--db", db, "--data-path", data, "--workers", "0",
                         home=tmp_path / f"prefect-{name}")
                for name, feeds in (("one", "ab"), ("two", "bc"))]
        outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err

    def on_lake(sql: str) -> list[tuple]:
        return lake_rows(db, sql)

    def in_file(sql: str) -> list[tuple]:
        return rows(reference, sql)

    assert_no_duplicate_keys(on_lake)
    assert on_lake("SELECT status, count(*) FROM runs GROUP BY ALL") == [("completed", 2)]
    for sql in ("SELECT item_id FROM items", "SELECT item_id, feed_id FROM item_feeds",
                "SELECT article_id FROM articles", "SELECT feed_id FROM feeds"):
        assert sorted(on_lake(sql)) == sorted(in_file(sql)), sql
    assert len(on_lake("SELECT * FROM item_feeds")) == 36  # the stories b shares are in two feeds
    expected = per_article_facts(in_file)
    assert len(expected) == 24 and all(sum(c) > 0 for c in expected.values())
    assert per_article_facts(on_lake) == expected
    # the runs' own counts add up: each new item was counted by the one run that stored it
    assert on_lake("SELECT sum(items_new) FROM runs") == [(24,)]

    # and `newsfeed query` reads the lake, views included
    query = newsfeed("query", "--db", db, "--format", "json",
                     "SELECT (SELECT count(*) FROM articles) AS articles, "
                     "(SELECT count(*) FROM facts) AS facts", home=tmp_path / "prefect-query")
    out, err = query.communicate(timeout=120)
    assert query.returncode == 0, err
    facts = in_file("SELECT count(*) FROM facts")[0][0]
    assert json.loads(out) == [{"articles": 24, "facts": facts}]


@pytest.fixture
def s3_endpoint(tmp_path: Path, monkeypatch) -> str:
    """An S3-compatible server on 127.0.0.1 (moto's) with a bucket ``news``, and a persistent
    DuckDB secret for it in a fresh home directory, as a user would create once."""
    import socket

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                               str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"127.0.0.1:{port}"
    try:
        for _ in range(200):
            with contextlib.suppress(httpx.HTTPError):
                httpx.put(f"http://{endpoint}/news").raise_for_status()  # the bucket
                break
            threading.Event().wait(0.1)
        else:
            pytest.fail("the S3 test server did not start")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))  # ~/.duckdb/stored_secrets
        con = duckdb_with_httpfs()
        con.execute(f"CREATE PERSISTENT SECRET news_s3 (TYPE s3, KEY_ID 'test', SECRET 'test', "
                    f"REGION 'us-east-1', ENDPOINT '{endpoint}', URL_STYLE 'path', "
                    f"USE_SSL false)")
        con.close()
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def duckdb_with_httpfs() -> duckdb.DuckDBPyConnection:
    """A plain DuckDB with httpfs loaded from its package (to define an S3 secret)."""
    from newsfeed.storage.extensions import load_extension

    con = duckdb.connect(config={"autoinstall_known_extensions": False,
                                 "autoload_known_extensions": False})
    load_extension(con, "httpfs")
    return con


def test_a_lake_keeps_its_data_on_an_object_store(lake, s3_endpoint):
    import httpx

    db, _ = lake
    with store.open_db(db, data_path="s3://news/lake/") as con:
        store.sync_feeds(con, [FeedConfig("http://a/feed")])
        store.start_run(con, "r1", 1)
    with store.open_db(db) as con:  # the catalog remembers the data path
        con.execute("CALL ducklake_flush_inlined_data('lake')")  # small writes: into Parquet
    store.close_lakes()
    listing = httpx.get(f"http://{s3_endpoint}/news?list-type=2").text
    assert "<Key>lake/" in listing and ".parquet</Key>" in listing
    assert lake_rows(db, "SELECT count(*) FROM feeds") == [(1,)]
    assert lake_rows(db, "SELECT count(*) FROM runs WHERE run_id = 'r1'") == [(1,)]
    from newsfeed.storage.readonly import QueryError
    from tests.dbutil import run_query

    assert run_query(db, "SELECT url FROM feeds")[1] == [("http://a/feed",)]  # locked down
    with pytest.raises(QueryError, match="disabled"):  # nothing outside the lake's prefix
        run_query(db, "COPY (SELECT 1) TO 's3://news/elsewhere.parquet'")
