"""The reprocess flow: facts extracted again from stored bodies, for a new extractor version."""

from __future__ import annotations

import duckdb
import pytest

from newsfeed.config import ConfigError
from newsfeed.extract.facts import EXTRACTOR_VERSION

pytestmark = pytest.mark.usefixtures("prefect_harness")

FACT_TABLES = ("entities", "entity_mentions", "quantities", "quotes", "dates", "locations")


def fact_counts(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in FACT_TABLES}
    finally:
        con.close()


def execute(db, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db))
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def ingested(demo_feeds, db_path):
    from newsfeed.flows.ingest import ingest

    summary = ingest(feeds_file=str(demo_feeds), db=str(db_path), workers=0)
    assert summary["status"] == "completed" and summary["articles_written"] == 11
    return db_path


def test_only_articles_of_another_extractor_version_are_redone(ingested):
    from newsfeed.flows.reprocess import reprocess

    before = fact_counts(ingested)
    old = execute(ingested, "SELECT article_id FROM articles WHERE language = 'en' "
                            "ORDER BY article_id LIMIT 3")
    old_ids = [r[0] for r in old]
    untouched = execute(ingested, "SELECT article_id, extracted_at FROM articles "
                                  "WHERE NOT list_contains(?, article_id)", [old_ids])
    # an older extractor left these articles with other facts: drop them and stamp them old
    for table in FACT_TABLES:
        execute(ingested, f"DELETE FROM {table} WHERE list_contains(?, article_id)", [old_ids])
    execute(ingested, "UPDATE articles SET extractor_version = '0.0.1' "
                      "WHERE list_contains(?, article_id)", [old_ids])
    assert fact_counts(ingested)["entities"] < before["entities"]

    summary = reprocess(db=str(ingested), workers=0, batch_size=2)

    assert summary["articles_total"] == summary["articles_done"] == 3
    assert summary["failures"] == 0
    assert fact_counts(ingested) == before
    versions = execute(ingested, "SELECT DISTINCT extractor_version FROM articles")
    assert versions == [(EXTRACTOR_VERSION,)]
    assert execute(ingested, "SELECT article_id, extracted_at FROM articles "
                             "WHERE NOT list_contains(?, article_id)", [old_ids]) == untouched
    again = reprocess(db=str(ingested), workers=0)
    assert again["articles_total"] == 0 and fact_counts(ingested) == before


def test_force_redoes_every_article_without_duplicates(ingested):
    from newsfeed.flows.reprocess import reprocess

    before = fact_counts(ingested)
    summary = reprocess(db=str(ingested), force=True, workers=1, batch_size=4)
    assert summary["articles_done"] == 11
    assert summary["entities"] == before["entities"]
    assert fact_counts(ingested) == before


def test_reprocess_fills_the_tone_of_articles_stored_before(ingested):
    from newsfeed.flows.reprocess import reprocess

    tone_sql = ("SELECT article_id, tone, tone_positive, tone_negative, tone_polarity "
                "FROM articles ORDER BY article_id")
    measured = execute(ingested, tone_sql)
    quote_tones = execute(ingested, "SELECT article_id, quote_index, tone FROM quotes ORDER BY ALL")
    assert any(row[1] is not None for row in measured)
    assert quote_tones and all(row[2] is not None for row in quote_tones)
    # as an article stored before schema version 9: no tone anywhere
    execute(ingested, "UPDATE articles SET tone = NULL, tone_positive = NULL, "
                      "tone_negative = NULL, tone_polarity = NULL, extractor_version = '0.0.1'")
    execute(ingested, "UPDATE quotes SET tone = NULL")

    reprocess(db=str(ingested), workers=0)

    assert execute(ingested, tone_sql) == measured
    assert execute(ingested, "SELECT article_id, quote_index, tone FROM quotes "
                             "ORDER BY ALL") == quote_tones


def test_a_missing_database_fails_at_once(tmp_path):
    from newsfeed.flows.reprocess import reprocess

    with pytest.raises(ConfigError, match="database not found"):
        reprocess(db=str(tmp_path / "nowhere.duckdb"))


def test_the_reprocess_command(ingested, tmp_path):
    from typer.testing import CliRunner

    from newsfeed.cli import app

    result = CliRunner().invoke(app, ["reprocess", "--db", str(ingested), "--force",
                                      "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert "11 of 11 articles got new facts" in result.stdout
    missing = CliRunner().invoke(app, ["reprocess", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "database not found" in missing.stderr
