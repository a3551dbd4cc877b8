"""The Python API: the README's session runs as written, and each public name does its job."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pyarrow as pa
import pytest
from demo_db import build_demo_db, copy_of

import newsfeed

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo(prefect_harness, tmp_path_factory) -> Path:
    return build_demo_db(tmp_path_factory)


def api_session() -> str:
    section = README.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)[0]


def test_the_readme_session_runs_on_the_demo_database(demo, tmp_path):
    copy_of(demo, tmp_path)
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(api_session(), "README.md", "exec"), {})  # noqa: S102
    finally:
        os.chdir(cwd)
    printed = out.getvalue()
    assert "completed" in printed and "'name':" in printed
    assert "(12.0, 'killed')" in printed and "2026-11-17" in printed  # "on Tuesday"


def test_every_public_name_is_documented():
    for name in newsfeed.__all__:
        value = getattr(newsfeed, name)
        if name != "__version__":
            assert (value.__doc__ or "").strip(), name


def test_query_gives_dicts_and_arrow(demo):
    db = newsfeed.Database(demo)
    rows = db.query("SELECT count(*) AS n FROM articles WHERE word_count > ?", [0])
    assert rows == [{"n": 11}]
    table = db.query_arrow("SELECT title FROM articles")
    assert isinstance(table, pa.Table) and table.num_rows == 11
    with pytest.raises(newsfeed.QueryError, match="nosuchtable"):
        db.query("SELECT * FROM nosuchtable")


def test_lock_down_reads_the_database_and_nothing_else(demo, tmp_path):
    db = newsfeed.Database(demo, lock_down=True)
    assert db.query("SELECT count(*) AS n FROM feeds")[0]["n"] > 0
    with pytest.raises(newsfeed.QueryError):
        db.query(f"COPY articles TO '{tmp_path / 'out.csv'}'")
    assert not (tmp_path / "out.csv").exists()


def test_article_comes_back_with_its_facts(demo):
    db = newsfeed.Database(demo)
    (row,) = db.query("SELECT article_id FROM articles ORDER BY word_count DESC LIMIT 1")
    article = db.article(row["article_id"])
    assert article is not None and article.body and article.facts.entities
    stored = db.query("SELECT count(*) AS n FROM quotes WHERE article_id = ?",
                      [article.article_id])[0]["n"]
    assert len(article.facts.quotes) == stored
    first = article.facts.entities[0]
    assert article.body[first.start:first.end] == first.mentions[0].text
    assert db.article("no-such-article") is None


def test_article_comes_back_with_its_tone_image_and_canonical_url(demo):
    db = newsfeed.Database(demo)
    (row,) = db.query("SELECT article_id FROM articles WHERE tone IS NOT NULL AND "
                      "image_url IS NOT NULL ORDER BY article_id LIMIT 1")
    article = db.article(row["article_id"])
    tone = article.facts.tone
    assert tone is not None and tone.tone == article.tone
    assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=1e-3)
    assert tone.word_count == article.word_count
    assert article.image_url.startswith("http://127.0.0.1")
    assert article.image_caption and article.canonical_url.startswith("http://127.0.0.1")
    assert all(q.tone is not None and -1 <= q.tone <= 1 for q in article.facts.quotes)


def test_stored_article_has_every_column_of_articles(demo):
    from dataclasses import fields

    columns = [c.column for t in newsfeed.Database(demo).schema() if t.name == "articles"
               for c in t.columns]
    assert [f.name for f in fields(newsfeed.StoredArticle)] == [*columns, "facts"]


def test_runs_failures_schema_and_export(demo, tmp_path):
    with newsfeed.Database(demo) as db:  # one connection for the block
        (run,) = db.runs()
        assert isinstance(run, newsfeed.RunSummary) and run.ok and run.articles_written == 11
        assert all(f.run_id == run.run_id for f in db.failures(run_id=run.run_id))
        assert {"articles", "quotes_by_speaker"} <= {t.name for t in db.schema()}
        written = db.export("csv", tmp_path / "out")
    assert {w.table for w in written} >= {"articles", "entities", "quotes"}


def test_run_summary_has_every_column_of_runs(demo):
    from dataclasses import fields

    columns = [c.column for t in newsfeed.Database(demo).schema() if t.name == "runs"
               for c in t.columns]
    assert [f.name for f in fields(newsfeed.RunSummary)] == columns


def test_ingest_from_a_list_of_feed_urls_then_reprocess(prefect_harness, demo_server, tmp_path):
    db = tmp_path / "api.duckdb"
    urls = [f"{demo_server.base_url}/feeds/world.rss"]
    summary = newsfeed.ingest(urls, db, workers=0, allow_private_network=True, host_delay_s=0)
    assert summary.ok and summary.articles_written and summary.feeds_total == 1
    redone = newsfeed.reprocess(db, force=True, workers=0)
    assert redone.articles_done == summary.articles_written


def test_ingest_says_what_is_wrong_before_running(tmp_path):
    with pytest.raises(newsfeed.ConfigError, match="unknown setting"):
        newsfeed.ingest(["https://example.org/feed"], tmp_path / "x.duckdb", no_such=1)
    with pytest.raises(newsfeed.ConfigError, match="feeds file not found"):
        newsfeed.ingest(tmp_path / "missing.toml", tmp_path / "x.duckdb")
    with pytest.raises(newsfeed.ConfigError, match="database not found"):
        newsfeed.reprocess(tmp_path / "missing.duckdb")
