"""The command line, on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsfeed.cli import app
from newsfeed.storage import store

runner = CliRunner()


@pytest.fixture
def small_db(db_path: Path) -> Path:
    with store.open_db(db_path) as con:
        store.start_run(con, "r1", 1)
        con.execute("INSERT INTO failures (run_id, occurred_at, stage, kind, message, host) "
                    "VALUES ('r1', now(), 'page', 'timeout', 'too slow, really', 'a.example')")
    return db_path


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_query_formats(small_db):
    sql = "SELECT stage, kind, message FROM failures"
    as_json = invoke("query", sql, "--db", str(small_db), "--format", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == [
        {"stage": "page", "kind": "timeout", "message": "too slow, really"}]
    as_csv = invoke("query", sql, "--db", str(small_db), "--format", "csv")
    assert as_csv.stdout.splitlines() == ["stage,kind,message", 'page,timeout,"too slow, really"']
    as_md = invoke("query", sql, "--db", str(small_db), "--format", "markdown")
    assert "| page | timeout | too slow, really |" in as_md.stdout
    table = invoke("query", sql, "--db", str(small_db))
    assert "timeout" in table.stdout and "1 row(s)" in table.stdout


def test_query_reads_sql_from_a_file_and_stdin(small_db, tmp_path):
    sql_file = tmp_path / "q.sql"
    sql_file.write_text("SELECT count(*) AS n FROM failures")
    from_file = invoke("query", "-f", str(sql_file), "--db", str(small_db), "--format", "json")
    assert json.loads(from_file.stdout) == [{"n": 1}]
    from_stdin = invoke("query", "--db", str(small_db), "--format", "csv",
                        input="SELECT 40 + 2 AS answer")
    assert from_stdin.stdout.split() == ["answer", "42"]


def test_query_never_writes(small_db):
    result = invoke("query", "DELETE FROM failures", "--db", str(small_db))
    assert result.exit_code == 1
    assert "read-only" in result.stderr
    con = duckdb.connect(str(small_db), read_only=True)
    assert con.execute("SELECT count(*) FROM failures").fetchone() == (1,)
    con.close()


def test_query_errors_are_one_line(small_db, tmp_path):
    bad = invoke("query", "SELEC nonsense", "--db", str(small_db))
    assert bad.exit_code == 1 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    missing = invoke("query", "SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert missing.exit_code == 1 and "database not found" in missing.stderr


def test_run_checks_its_parameters_before_fetching(tmp_path):
    missing = invoke("run", "--feeds", str(tmp_path / "nope.toml"), "--db", str(tmp_path / "x"))
    assert missing.exit_code == 1 and "feeds file not found" in missing.stderr
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[[feeds]]\nurl = "http://127.0.0.1:9/feed"\n')
    nowhere = invoke("run", "--feeds", str(feeds), "--db", str(tmp_path / "no" / "dir" / "x.db"))
    assert nowhere.exit_code == 1 and "does not exist" in nowhere.stderr


def test_import_opml_writes_a_feeds_file(tmp_path):
    from newsfeed.config import load_feeds_file
    from tests.test_config import OPML

    opml = tmp_path / "subs.opml"
    opml.write_bytes(OPML)
    out = tmp_path / "feeds.toml"
    result = invoke("feeds", "import-opml", str(opml), "--out", str(out))
    assert result.exit_code == 0 and "wrote 3 feeds" in result.stdout
    feeds, _ = load_feeds_file(out)
    assert feeds[0].name == "Daily Ledger World" and feeds[0].tags == ("World",)
    again = invoke("feeds", "import-opml", str(opml), "--out", str(out))
    assert again.exit_code == 1 and "--force" in again.stderr


def test_schema_prints_documented_tables(small_db):
    result = invoke("schema", "--db", str(small_db))
    assert result.exit_code == 0
    assert "quantities" in result.stdout and "Normalised value" in result.stdout


@pytest.mark.parametrize("command", ["help", "query"])
def test_help_and_query_do_not_import_prefect_or_spacy(command, small_db):
    argv = (["--help"] if command == "help"
            else ["query", "SELECT count(*) FROM runs", "--db", str(small_db)])
    code = ("import sys; from newsfeed.cli import app\n"
            f"sys.argv = ['newsfeed', *{argv!r}]\n"
            "try: app()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('prefect', 'spacy', 'trafilatura') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "COLUMNS": "100"})
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_extract_prints_one_result_per_file(tmp_path):
    import gzip

    from newsfeed.demo import SITE_DIR

    html = SITE_DIR / "articles" / "malaria-vaccine-trial.html"
    zipped = tmp_path / "page.html.gz"
    zipped.write_bytes(gzip.compress(html.read_bytes()))
    text = tmp_path / "note.txt"
    text.write_text("Aid agencies say more than 2,000 people\nfled the town on Tuesday.\n")
    single = invoke("extract", str(html), "--format", "json")
    assert single.exit_code == 0, single.stderr
    result = json.loads(single.stdout)
    assert set(result) >= {"path", "title", "body", "entities", "quantities", "quotes", "dates"}
    assert "77%" in result["body"] and result["quantities"]
    assert result["tone"]["word_count"] == len(result["body"].split())
    assert -100 <= result["tone"]["tone"] <= 100
    assert all(-1 <= q["tone"] <= 1 for q in result["quotes"])
    assert set(result) >= {"image_url", "image_caption", "canonical_url"}
    lines = invoke("extract", str(zipped), str(text), "--format", "jsonl").stdout.splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["body"] == result["body"]
    assert second["body"] == "Aid agencies say more than 2,000 people fled the town on Tuesday."
    assert any(q["value"] == 2000 for q in second["quantities"])
    bare = json.loads(invoke("extract", str(text), "--no-facts").stdout)
    assert bare["quantities"] == [] and bare["body"] == second["body"]
    table = invoke("extract", str(html), "--format", "table")
    assert table.exit_code == 0 and "quantities" in table.stdout


def test_extract_prints_the_lead_image_and_canonical_url(tmp_path):
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>Paragraph {n} tells how the Brenmoor council met residents of "
                         f"ward {n} and approved the riverside park plan.</p>" for n in range(5))
    page.write_text(
        '<html><head><title>Park</title><meta property="og:image" '
        'content="https://img.example/park.jpg"><meta property="og:image:alt" content="The '
        'park"><link rel="canonical" href="https://news.example/park"></head><body><article>'
        f"{paragraphs}</article></body></html>", encoding="utf-8")
    result = json.loads(invoke("extract", str(page), "--no-facts").stdout)
    assert (result["image_url"], result["image_caption"], result["canonical_url"]) == (
        "https://img.example/park.jpg", "The park", "https://news.example/park")
    assert result["tone"] is None  # measured with the facts


def test_extract_resolves_relative_dates_against_the_given_publication_date(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("The council met on Tuesday and will vote again next month.\n")
    result = json.loads(invoke("extract", str(text), "--published", "2026-11-19").stdout)
    resolved = {d["text"]: d["resolved"] for d in result["dates"]}
    assert resolved == {"on Tuesday": "2026-11-17", "next month": "2026-12-01"}
    assert result["published"].startswith("2026-11-19")
    bad = invoke("extract", str(text), "--published", "last week")
    assert bad.exit_code == 1 and "not a date" in bad.stderr


def test_extract_reports_unreadable_files(tmp_path):
    result = invoke("extract", str(tmp_path / "missing.html"))
    assert result.exit_code == 1 and "missing.html" in result.stderr


@pytest.mark.integration
def test_demo_runs_offline_in_a_fresh_directory(tmp_path):
    env = {**os.environ, "COLUMNS": "120"}
    cli = Path(sys.executable).with_name("newsfeed")
    done = subprocess.run([str(cli), "demo"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Who said what" in done.stdout and "run completed" in done.stdout
    assert "Traceback" not in done.stderr
    con = duckdb.connect(str(tmp_path / "demo.duckdb"), read_only=True)
    counts = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entities),"
                         " (SELECT count(*) FROM quantities), (SELECT count(*) FROM quotes)"
                         ).fetchone()
    con.close()
    assert counts[0] == 11 and all(n > 0 for n in counts)


def test_eval_prints_precision_and_recall():
    result = invoke("eval", str(Path(__file__).parent / "eval"))
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:3] for line in result.stdout.splitlines()[1:]}
    assert set(rows) >= {"entities", "quantities", "quotes"}
    assert all(0.0 <= float(v) <= 1.0 for pr in rows.values() for v in pr)
    assert invoke("eval", str(Path(__file__).parent)).exit_code == 1


def test_extract_on_the_seed_article_gives_its_key_facts(seed_text):
    from tests.conftest import SEED

    result = json.loads(invoke("extract", str(SEED)).stdout)
    numbers = {(q["value"], q["category"], q["qualifier"]) for q in result["quantities"]}
    assert {(80000, "killed", "more than"), (1500000, "displaced", "more than"),
            (30000, "population", "estimated"), (10000, "displaced", "up to"),
            (1500, "wounded", None)} <= numbers
    assert any(q["value"] == 10 and q["unit"] == "km" for q in result["quantities"])
    kamal = [q for q in result["quotes"] if q["speaker"] == "Rima Kamal"]
    assert kamal and kamal[0]["speaker_role"] == "ICRC spokeswoman"
    assert result["body"].count("massive firepower") == 1  # the repeated paragraph, once
    assert len([q for q in result["quantities"] if q["value"] == 80000]) == 1
