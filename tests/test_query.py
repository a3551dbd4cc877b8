"""`newsfeed query` reads the database and nothing else, and says clearly what went wrong."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest
from demo_db import build_demo_db
from typer.testing import CliRunner

from newsfeed.cli import app
from newsfeed.storage.readonly import QueryError, open_read_only
from tests.dbutil import run_query


@pytest.fixture(scope="module")
def db(prefect_harness, tmp_path_factory) -> Path:
    return build_demo_db(tmp_path_factory)


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sql", [
    "COPY articles TO '{out}/articles.csv'",
    "COPY (SELECT 1) TO '{out}/one.parquet' (FORMAT parquet)",
    "EXPORT DATABASE '{out}/dump'",
    "ATTACH '{out}/new.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SET temp_directory = '{out}/spill'",
    "RESET lock_configuration",
    "SELECT * FROM read_csv('{secret}')",
    "SELECT * FROM read_text('{secret}')",
    "INSERT INTO feeds (feed_id, configured_url, url) VALUES ('x', 'y', 'z')",
    "DROP TABLE quotes",
    "CREATE TABLE notes AS SELECT 1",
])
def test_query_refuses_to_write_or_reach_files(db, tmp_path, sql):
    secret = tmp_path / "secret.csv"
    secret.write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = digest(db)
    with pytest.raises(QueryError) as caught:
        run_query(db, sql.format(out=out, secret=secret))
    message = str(caught.value)
    assert message and "\n" not in message
    assert list(out.iterdir()) == []
    assert digest(db) == before


def test_query_connection_does_not_lock_down_other_connections(db, tmp_path):
    other = duckdb.connect(str(db), read_only=True)  # e.g. a notebook in the same process
    try:
        assert run_query(db, "SELECT count(*) FROM articles")[1] == [(11,)]
        other.execute(f"COPY (SELECT 1 AS one) TO '{tmp_path}/still.csv'")
        assert (tmp_path / "still.csv").is_file()
    finally:
        other.close()


def test_query_can_use_views_catalog_name_and_search_macros(db):
    columns, rows = run_query(db, "SELECT name, fetches FROM demo.main.feed_health ORDER BY 1")
    assert columns == ["name", "fetches"] and rows == [("Business", 1), ("Science", 1),
                                                        ("World", 1)]
    _, hits = run_query(db, "SELECT title FROM (SELECT title, fts_main_articles.match_bm25("
                            "article_id, 'lindqvist') AS score FROM articles) WHERE score > 0")
    assert hits == [("Army retakes besieged border town of Qalat Mira after three-week assault",)]


def test_query_reads_sql_from_argument_file_and_stdin(db, tmp_path):
    sql = "SELECT count(*) AS n FROM quotes_by_speaker WHERE speaker = 'Leila Haddad'"
    from_arg = invoke("query", sql, "--db", str(db), "--format", "json")
    script = tmp_path / "q.sql"
    script.write_text(sql + ";\n", encoding="utf-8")
    from_file = invoke("query", "-f", str(script), "--db", str(db), "--format", "json")
    from_stdin = invoke("query", "--db", str(db), "--format", "json", input=sql)
    for result in (from_arg, from_file, from_stdin):
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == [{"n": 2}]


def test_query_formats_on_a_view(db):
    sql = "SELECT stage, kind, http_statuses FROM failure_summary"
    markdown = invoke("query", sql, "--db", str(db), "--format", "markdown").output
    assert markdown.splitlines() == ["| stage | kind | http_statuses |", "|---|---|---|",
                                     "| page | http_status | [404] |"]
    csv = invoke("query", sql, "--db", str(db), "--format", "csv").output
    assert csv.splitlines()[0] == "stage,kind,http_statuses"
    table = invoke("query", sql, "--db", str(db)).output
    assert "http_status" in table and "1 row(s)" in table


@pytest.mark.parametrize(("args", "message"), [
    (["SELEC 1"], "error: Parser Error: syntax error at or near \"SELEC\""),
    (["SELECT * FROM nowhere"], "error: Catalog Error: Table with name nowhere does not exist!"),
    (["-f", "missing.sql"], "error: cannot read SQL from missing.sql:"),
    (["SELECT 1", "--format", "xml"], "error: unknown format 'xml'"),
])
def test_query_errors_are_one_clear_line(db, args, message):
    result = invoke("query", *args, "--db", str(db))
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert result.output.startswith(message), result.output


def test_query_on_a_missing_database(tmp_path):
    with pytest.raises(QueryError, match="database not found"), open_read_only(
            tmp_path / "none.duckdb"):
        pass
