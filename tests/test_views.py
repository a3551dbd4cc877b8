"""The views of 002_views.sql, on a database filled by a real run over the demo site."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from demo_db import build_demo_db

from newsfeed.storage.schema import describe, migrate, migrations

VIEWS = ("facts", "entity_daily", "quotes_by_speaker", "event_counts", "feed_health",
         "failure_summary", "events_by_country", "mentions_by_country", "conflicting_figures")


@pytest.fixture(scope="module")
def db(prefect_harness, tmp_path_factory) -> Path:
    return build_demo_db(tmp_path_factory)


@pytest.fixture
def con(db):
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def scalar(con, sql: str, params=None):
    return con.execute(sql, params or []).fetchone()[0]


def test_every_view_and_view_column_is_documented(con):
    docs = {d.name: d for d in describe(con) if d.kind == "view"}
    assert set(VIEWS) <= set(docs)
    for name in VIEWS:
        assert docs[name].comment, f"view {name} has no COMMENT"
        for column in docs[name].columns:
            assert column.comment, f"{name}.{column.column} has no COMMENT"


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_has_rows(con, view):
    assert scalar(con, f"SELECT count(*) FROM {view}") > 0


def test_facts_holds_every_fact_once(con):
    tables = scalar(con, "SELECT (SELECT count(*) FROM entities) + (SELECT count(*) FROM "
                         "quantities) + (SELECT count(*) FROM quotes) + "
                         "(SELECT count(*) FROM dates)")
    assert scalar(con, "SELECT count(*) FROM facts") == tables
    assert scalar(con, "SELECT count(*) FROM facts WHERE day IS NULL") == 0
    assert {r[0] for r in con.execute("SELECT DISTINCT fact_type FROM facts").fetchall()} == {
        "entity", "quantity", "quote", "date"}


def test_entity_daily_counts_articles_per_day(con):
    rows = dict(con.execute(
        "SELECT day::VARCHAR, articles FROM entity_daily WHERE name = 'Leila Haddad'").fetchall())
    assert rows == {"2026-11-17": 1}
    # entities of confidence 0.5 or more, counted once per story: the syndicated copy of
    # the Halvorsen story (another URL, another feed) does not count again
    per_story = scalar(con, """
        SELECT count(*) FROM (SELECT DISTINCT timezone('UTC', a.published_at)::DATE, e.name,
               e.label, a.story_id FROM entities e JOIN articles a USING (article_id)
               WHERE e.confidence >= 0.5)""")
    assert scalar(con, "SELECT sum(articles) FROM entity_daily") == per_story < scalar(
        con, "SELECT count(*) FROM entities WHERE confidence >= 0.5")
    assert scalar(con, "SELECT articles FROM entity_daily WHERE name = 'Maren Halvorsen'") == 1
    assert scalar(con, "SELECT sum(mentions) FROM entity_daily") == scalar(
        con, "SELECT sum(mention_count) FROM entities WHERE confidence >= 0.5")
    assert scalar(con, "SELECT count(*) FROM entities WHERE confidence < 0.5") > 0


def test_days_are_utc_whatever_the_session_time_zone(con):
    con.execute("SET TimeZone = 'America/Los_Angeles'")  # 06:40 UTC is the day before there
    day = scalar(con, "SELECT min(day)::VARCHAR FROM entity_daily WHERE name = 'Leila Haddad'")
    assert day == "2026-11-17"


def test_quotes_by_speaker_names_speaker_and_article(con):
    rows = con.execute(
        "SELECT DISTINCT title FROM quotes_by_speaker WHERE speaker = 'Leila Haddad'").fetchall()
    assert rows == [("Army retakes besieged border town of Qalat Mira after three-week assault",)]
    # full quotes of confidence 0.5 or more: no fragments or scare quotes
    assert scalar(con, "SELECT count(*) FROM quotes_by_speaker") == scalar(
        con, "SELECT count(*) FROM quotes WHERE NOT is_fragment AND confidence >= 0.5")
    assert scalar(con, "SELECT count(*) FROM quotes WHERE is_fragment") > 0


def test_event_counts_group_figures_by_category_place_and_day(con):
    row = con.execute(
        "SELECT reports, articles, max_value, sources FROM event_counts WHERE category = "
        "'killed' AND place = 'Qalat Mira' AND day = '2026-11-17'").fetchone()
    assert row == (1, 1, 214.0, ["Tarkesh Monitor for Human Rights"])
    # a report is a story: copies of one story count once
    assert scalar(con, "SELECT sum(reports) FROM event_counts") == scalar(con, """
        SELECT count(*) FROM (SELECT DISTINCT timezone('UTC', a.published_at)::DATE,
               q.category, q.place, a.story_id FROM quantities q JOIN articles a USING (article_id)
               WHERE q.category IS NOT NULL AND q.confidence >= 0.5)""")
    assert scalar(con, "SELECT sum(articles) FROM event_counts") > scalar(
        con, "SELECT sum(reports) FROM event_counts")


def test_feed_health_shows_each_feed_last_success_and_items(con):
    rows = con.execute(
        "SELECT name, last_status, last_success_at IS NOT NULL, fetches, failed_fetches, items, "
        "last_items_new FROM feed_health ORDER BY name").fetchall()
    assert [r[0] for r in rows] == ["Business", "Science", "World"]
    for _, status, succeeded, fetches, failed, items, last_new in rows:
        assert (status, succeeded, fetches, failed) == ("ok", True, 1, 0)
        assert items == last_new > 0
    assert sum(r[5] for r in rows) == scalar(con, "SELECT count(*) FROM item_feeds")


def test_failure_summary_groups_by_stage_kind_and_host(con):
    rows = con.execute(
        "SELECT stage, kind, host, failures, runs, http_statuses, last_url FROM "
        "failure_summary").fetchall()
    assert len(rows) == 1
    stage, kind, host, failures, runs, statuses, url = rows[0]
    assert (stage, kind, host, failures, runs, statuses) == (
        "page", "http_status", "127.0.0.1", 1, 1, [404])
    assert url.endswith("/articles/geneva-ceasefire-talks.html")


def test_views_migration_applies_to_a_version_1_database(tmp_path):
    con = duckdb.connect(str(tmp_path / "v1.duckdb"))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR "
                "NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
    first = migrations()[0]
    con.execute(first.sql)
    con.execute("INSERT INTO schema_migrations VALUES (1, ?, now())", [first.name])
    assert scalar(con, "SELECT comment FROM duckdb_columns() WHERE table_name = 'facts' "
                       "AND column_name = 'text'") is None
    assert migrate(con) == max(m.version for m in migrations())
    assert scalar(con, "SELECT count(*) FROM duckdb_views() WHERE view_name IN "
                       f"{VIEWS}") == len(VIEWS)
    assert scalar(con, "SELECT comment FROM duckdb_columns() WHERE table_name = 'facts' "
                       "AND column_name = 'text'")
    con.close()


TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&[a-z]+;|&#\d+;")


def test_stored_text_is_clean(con):
    texts = con.execute(
        "SELECT 'title', title FROM articles UNION ALL SELECT 'body', body FROM articles "
        "UNION ALL SELECT 'quote', text FROM quotes UNION ALL SELECT 'sentence', sentence "
        "FROM quantities").fetchall()
    assert len(texts) > 100
    for kind, text in texts:
        if text is None:
            continue
        assert not TAG.search(text), f"HTML in {kind}: {text[:80]!r}"
        assert text == text.strip(), f"{kind} has leading/trailing whitespace: {text[:80]!r}"
        for paragraph in text.split("\n\n"):
            assert paragraph.strip(), f"{kind} has an empty paragraph: {text[:80]!r}"
            assert paragraph == " ".join(paragraph.split()), (
                f"{kind} has a run of whitespace: {paragraph[:80]!r}")
