"""`newsfeed export`: every table to Parquet (partitioned by day), CSV or JSON Lines."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pytest
from demo_db import build_demo_db
from typer.testing import CliRunner

from newsfeed.cli import app
from newsfeed.storage.export import ARTICLE_TABLES, ExportError, export, read_back_sql
from newsfeed.storage.readonly import open_read_only

TABLES = ("alerts", "article_signatures", "articles", "dates", "entities", "entity_mentions",
          "failures", "feed_fetches", "feeds", "item_feeds", "items", "locations",
          "quantities", "quotes", "runs", "sitemap_children", "stories", "story_bands")
EMPTY_IN_DEMO = ("alerts", "sitemap_children")  # no health problem, no sitemap


@pytest.fixture(scope="module")
def db(prefect_harness, tmp_path_factory) -> Path:
    return build_demo_db(tmp_path_factory)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_export(db: Path, out: Path, format: str, **options):
    with open_read_only(db, lock_down=False) as con:
        return export(con, out, format, **options)


def test_parquet_reads_back_as_the_same_rows(db, tmp_path):
    before = digest(db)
    written = {t.table: t for t in run_export(db, tmp_path / "out", "parquet")}
    assert tuple(sorted(written)) == TABLES
    assert digest(db) == before  # the database is only read
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, exported in written.items():
            back = read_back_sql(exported.path)
            if table in ARTICLE_TABLES:
                back = f"SELECT * EXCLUDE (published_date) FROM ({back})"
            count = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert exported.rows == count, table
            assert count > 0 or table in EMPTY_IN_DEMO, table
            differ = con.execute(
                f"SELECT count(*) FROM ((SELECT * FROM {table} EXCEPT ALL {back}) "
                f"UNION ALL ({back} EXCEPT ALL SELECT * FROM {table}))").fetchone()[0]
            assert differ == 0, f"{table}: {differ} rows differ after the round trip"
            assert con.execute(f"SELECT count(*) FROM ({back})").fetchone()[0] == count
    finally:
        con.close()


def test_article_tables_are_partitioned_by_publication_day(db, tmp_path):
    written = {t.table: t for t in run_export(db, tmp_path / "out", "parquet")}
    days = sorted(p.name for p in written["articles"].path.iterdir())
    assert days == [f"published_date=2026-11-{d}" for d in (16, 17, 18, 19, 20)]
    assert written["feeds"].path.name == "feeds.parquet"
    con = duckdb.connect()
    mismatched = con.execute(
        f"SELECT count(*) FROM ({read_back_sql(written['articles'].path)}) "
        "WHERE published_date <> CAST(timezone('UTC', published_at) AS DATE)").fetchone()[0]
    assert mismatched == 0
    quotes_days = con.execute(
        f"SELECT DISTINCT published_date FROM ({read_back_sql(written['quotes'].path)})"
    ).fetchall()
    assert dt.date(2026, 11, 17) in {r[0] for r in quotes_days}


@pytest.mark.parametrize(("format", "reader"), [("csv", "read_csv"), ("jsonl", "read_json")])
def test_csv_and_jsonl_hold_every_row(db, tmp_path, format, reader):
    written = run_export(db, tmp_path / "out", format)
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in written:
            assert table.path == tmp_path / "out" / f"{table.table}.{format}"
            count = con.execute(f"SELECT count(*) FROM {table.table}").fetchone()[0]
            back = con.execute(f"SELECT count(*) FROM {reader}('{table.path}')").fetchone()[0]
            assert table.rows == back == count, table.table
        titles = con.execute(f"SELECT title FROM {reader}('{tmp_path}/out/articles.{format}') "
                             "EXCEPT SELECT title FROM articles").fetchall()
        assert titles == []
    finally:
        con.close()


def test_since_keeps_articles_published_from_that_day(db, tmp_path):
    written = {t.table: t.rows for t in run_export(db, tmp_path / "out", "parquet",
                                                   since=dt.date(2026, 11, 19))}
    con = duckdb.connect(str(db), read_only=True)
    try:
        expected = con.execute(
            "SELECT count(*) FROM articles "
            "WHERE published_at >= TIMESTAMPTZ '2026-11-19 00:00:00+00'").fetchone()[0]
        quotes = con.execute(
            "SELECT count(*) FROM quotes JOIN articles USING (article_id) "
            "WHERE published_at >= TIMESTAMPTZ '2026-11-19 00:00:00+00'").fetchone()[0]
    finally:
        con.close()
    assert 0 < written["articles"] == expected < 10
    assert written["quotes"] == quotes
    assert written["feeds"] == 3  # not tied to a day


def test_an_existing_export_is_replaced_only_when_asked(db, tmp_path):
    run_export(db, tmp_path / "out", "csv")
    with pytest.raises(ExportError, match="--overwrite"):
        run_export(db, tmp_path / "out", "csv")
    assert len(run_export(db, tmp_path / "out", "csv", overwrite=True)) == len(TABLES)


def test_export_command(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "--format", "parquet", "--out", str(out),
                                 "--db", str(db), "--since", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert "articles" in result.output and (out / "articles").is_dir()
    bad = runner.invoke(app, ["export", "--format", "xlsx", "--out", str(out), "--db", str(db)])
    assert bad.exit_code == 1
    assert bad.output.strip() == (
        "error: unknown format 'xlsx': use one of parquet, csv, jsonl, gkg")
