"""Full-text search: the index the ingest run builds, storage/search.py and `newsfeed search`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from demo_db import build_demo_db, copy_of
from typer.testing import CliRunner

from newsfeed.cli import app
from newsfeed.storage import search as fts
from newsfeed.storage import store
from newsfeed.storage.readonly import open_read_only

ARMY = "Army retakes besieged border town of Qalat Mira after three-week assault"
FLIGHT = "‘We left with nothing’: Families describe flight from Qalat Mira"
VACCINE = "Malaria vaccine cuts infections in young children by 77%, trial finds"
LYON = "Eau potable : 1 200 maires européens réunis à Lyon pour un plan d'urgence"


@pytest.fixture(scope="module")
def db(prefect_harness, tmp_path_factory) -> Path:
    return build_demo_db(tmp_path_factory)


def find(db: Path, words: str, **options) -> list[fts.SearchHit]:
    with open_read_only(db) as con:
        return fts.search(con, words, **options)


def test_fts_loads_offline_from_the_wheel():
    path = fts.fts_extension_file()
    assert path is not None and path.is_file()
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    fts.load_fts(con)
    assert con.execute("SELECT stem('vaccines', 'porter')").fetchone()[0] == "vaccin"
    assert con.execute("SELECT current_setting('allow_unsigned_extensions')").fetchone()[0] is False


def test_the_run_builds_an_index_of_every_article(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        fts.load_fts(con)
        assert fts.has_index(con)
        indexed = con.execute(f"SELECT count(*) FROM {fts.INDEX_SCHEMA}.docs").fetchone()[0]
        assert indexed == con.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    finally:
        con.close()


def test_finds_an_article_by_a_word_only_in_its_body(db):
    with open_read_only(db) as con:
        title, in_body = con.execute(
            "SELECT title, position('Lindqvist' IN body) > 0 FROM articles WHERE title = ?",
            [ARMY]).fetchone()
    assert in_body and "lindqvist" not in title.lower()
    hits = find(db, "lindqvist")
    assert [h.title for h in hits] == [ARMY]
    hit = hits[0]
    assert hit.score > 0 and hit.feeds == "World"
    assert hit.published_at == dt.datetime(2026, 11, 17, 6, 40, tzinfo=dt.UTC)
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["Lindqvist"]


def test_ranks_by_bm25_with_stemming_and_accent_folding(db):
    hits = find(db, "qalat mira shelling")
    assert [h.title for h in hits[:2]] == [ARMY, FLIGHT]
    assert hits[0].score > hits[1].score
    assert [h.title for h in find(db, "vaccines")] == [VACCINE]  # stemmed: vaccine
    assert [h.title for h in find(db, "europeens")] == [LYON]  # accents folded
    assert find(db, "the of and") == []  # stopwords only


def test_filters_by_day_feed_and_limit(db):
    assert [h.title for h in find(db, "qalat mira", since=dt.date(2026, 11, 18))] == [FLIGHT]
    assert find(db, "qalat mira", since=dt.date(2026, 11, 19)) == []
    assert [h.title for h in find(db, "vaccine", feed="science")] == [VACCINE]
    assert find(db, "vaccine", feed="Business") == []
    assert len(find(db, "qalat mira", limit=1)) == 1


def test_index_follows_new_articles(db, tmp_path):
    copy = copy_of(db, tmp_path)
    with store.open_db(copy) as con:
        con.execute("UPDATE articles SET body = body || '\n\nZanzibarian postscript.' "
                    "WHERE title = ?", [VACCINE])
        assert fts.refresh_index(con) == 11
    assert [h.title for h in find(copy, "zanzibarian")] == [VACCINE]


def test_a_database_without_index_says_so(tmp_path):
    db = tmp_path / "empty.duckdb"
    with store.open_db(db):
        pass
    with pytest.raises(fts.SearchUnavailableError, match="no search index"):
        find(db, "anything")


def test_search_command_prints_ranked_articles_with_snippets(db):
    result = CliRunner().invoke(app, ["search", "lindqvist analyst", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Army retakes besieged border town" in result.output
    assert "2026-11-17 · World · score" in result.output
    assert "Lindqvist" in result.output.split("score", 1)[1]  # in the snippet


def test_search_command_errors_are_one_line(db, tmp_path):
    runner = CliRunner()
    bad_day = runner.invoke(app, ["search", "x", "--db", str(db), "--since", "last week"])
    assert bad_day.exit_code == 1
    assert bad_day.output.strip() == "error: not a date: 'last week' (use YYYY-MM-DD)"
    missing = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and len(missing.output.strip().splitlines()) == 1
