"""``newsfeed demo``: the whole pipeline on bundled feeds, offline, in one command."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from newsfeed.demo import SITE_DIR, feeds_toml
from newsfeed.demo.server import FixtureServer

if TYPE_CHECKING:
    from newsfeed.storage.records import RunSummary


def run_demo(db: Path, console: Console, workers: int | None = None) -> RunSummary:
    """Serve the demo site on 127.0.0.1, ingest it into a fresh ``db``, print example queries."""
    import newsfeed
    from newsfeed.render import render
    from newsfeed.storage.examples import EXAMPLE_QUERIES

    db = Path(db)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)  # the demo's URLs change with the port: start afresh
    with tempfile.TemporaryDirectory() as tmp, FixtureServer(SITE_DIR) as server:
        feeds_file = Path(tmp) / "feeds.toml"
        feeds_file.write_text(feeds_toml(server.base_url), encoding="utf-8")
        console.print(f"Serving the demo feeds at {server.base_url} (127.0.0.1 only)")
        # the demo server is on 127.0.0.1, which item links may not reach by default
        summary = newsfeed.ingest(feeds_file, db, workers=workers, allow_private_network=True)
    console.print(
        f"\n[bold]{db}[/bold]: run {summary.status}, {summary.articles_written} articles, "
        f"{summary.entities} entities, {summary.quantities} quantities, {summary.quotes} "
        "quotes\n"
    )
    database = newsfeed.Database(db)
    for title, sql in EXAMPLE_QUERIES.items():
        console.rule(title)
        console.print(" ".join(sql.split()), style="dim", highlight=False)
        render(database.query_arrow(sql), "table", console)
    console.print(f'\nQuery it yourself: newsfeed query "SELECT * FROM facts LIMIT 20" --db {db}')
    console.print(f'Search it: newsfeed search "qalat mira" --db {db}')
    return summary
