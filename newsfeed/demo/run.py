"""``newsfeed demo``: the whole pipeline on bundled feeds, offline, in one command."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console

from newsfeed.demo import SITE_DIR, feeds_toml
from newsfeed.demo.server import FixtureServer

EXAMPLE_QUERIES = {
    "Articles and where their body came from": """
        SELECT title, language, word_count, body_source FROM articles ORDER BY published_at""",
    "Most-mentioned people, organisations and places": """
        SELECT name, label, sum(mention_count) AS mentions, count(*) AS articles
        FROM entities GROUP BY name, label ORDER BY mentions DESC, name LIMIT 10""",
    "Numbers with what they count": """
        SELECT qualifier, value, unit, counted, category, place, source FROM quantities
        WHERE category IS NOT NULL ORDER BY category, value DESC LIMIT 12""",
    "Who said what": """
        SELECT speaker, speaker_role, left(quote, 60) AS quote, left(title, 30) AS article
        FROM quotes_by_speaker WHERE speaker IS NOT NULL
        ORDER BY day, article_id, quote_index LIMIT 10""",
    "Casualty figures by day and place": """
        SELECT day, category, place, reports, max_value, sources FROM event_counts
        WHERE category IN ('killed', 'wounded', 'displaced') ORDER BY day, category""",
    "Feed health": """
        SELECT name, last_status, last_success_at, items, last_error FROM feed_health
        ORDER BY name""",
    "What failed, and why": """
        SELECT stage, kind, host, failures, http_statuses, last_url FROM failure_summary
        ORDER BY failures DESC""",
}


def run_demo(db: Path, console: Console, workers: int | None = None) -> dict:
    """Serve the demo site on 127.0.0.1, ingest it into a fresh ``db``, print example queries."""
    from newsfeed.query import render, run_query
    from newsfeed.runner import run_ingest

    db = Path(db)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)  # the demo's URLs change with the port: start afresh
    with tempfile.TemporaryDirectory() as tmp, FixtureServer(SITE_DIR) as server:
        feeds_file = Path(tmp) / "feeds.toml"
        feeds_file.write_text(feeds_toml(server.base_url), encoding="utf-8")
        console.print(f"Serving the demo feeds at {server.base_url} (127.0.0.1 only)")
        # the demo server is on 127.0.0.1, which item links may not reach by default
        summary = run_ingest(feeds_file, db, workers=workers, allow_private_network=True)
    console.print(
        f"\n[bold]{db}[/bold]: run {summary.get('status')}, "
        f"{summary.get('articles_written')} articles, {summary.get('entities')} entities, "
        f"{summary.get('quantities')} quantities, {summary.get('quotes')} quotes\n"
    )
    for title, sql in EXAMPLE_QUERIES.items():
        console.rule(title)
        console.print(" ".join(sql.split()), style="dim", highlight=False)
        columns, rows = run_query(db, sql)
        render(columns, rows, "table", console)
    console.print(f'\nQuery it yourself: newsfeed query "SELECT * FROM facts LIMIT 20" --db {db}')
    console.print(f'Search it: newsfeed search "qalat mira" --db {db}')
    return summary
