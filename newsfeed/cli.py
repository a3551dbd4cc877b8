"""The ``newsfeed`` command: each command parses its options, makes one call of the Python
API (``newsfeed.ingest``, ``newsfeed.Database``, ``newsfeed.extract``, ...) and prints.

Prefect and the NLP model are imported only by the commands that need them, so that
``newsfeed --help`` and ``newsfeed query`` start fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

import newsfeed
from newsfeed.config import ConfigError

app = typer.Typer(help="newsfeed: RSS/Atom feeds → articles → facts → DuckDB.",
                  no_args_is_help=True, add_completion=False)
feeds_app = typer.Typer(help="Manage the feeds file.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")
console = Console()
err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option(
    "--db", help="DuckDB file, or a DuckLake: 'ducklake:postgres:dbname=… host=…'.")]
RunnerOption = Annotated[str | None, typer.Option(
    help="Where extraction runs: 'local' (process pool, the default) or 'dask'.")]
DaskAddressOption = Annotated[str | None, typer.Option(
    "--dask-address", help="Dask scheduler for --runner dask, e.g. tcp://host:8786 "
                           "(default: a LocalCluster of --workers processes).")]


def fail(message: str) -> typer.Exit:
    """Print one clear error line and return the exit to raise."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


@app.command()
def run(
    feeds: Annotated[Path, typer.Option("--feeds", help="Feeds file (TOML).")] = Path("feeds.toml"),
    db: DbOption = Path("newsfeed.duckdb"),
    workers: Annotated[int | None, typer.Option(
        help="Extraction processes (default: one per core; 0: in this process).")] = None,
    no_pages: Annotated[bool, typer.Option(
        "--no-pages", help="Do not download pages; use the feeds' own text.")] = False,
    allow_private_network: Annotated[bool, typer.Option(
        "--allow-private-network",
        help="Also fetch loopback, private and link-local addresses (intranet feeds).")] = False,
    runner: RunnerOption = None,
    dask_address: DaskAddressOption = None,
    data_path: Annotated[str | None, typer.Option(
        "--data-path", help="Directory (or s3://…) for the Parquet files of a new DuckLake "
                            "(--db ducklake:…); needed only the first time.")] = None,
) -> None:
    """Run the ingest flow once, now, in this process (no Prefect server needed)."""
    try:
        summary = newsfeed.ingest(
            feeds, db, workers=workers, fetch_articles=False if no_pages else None,
            allow_private_network=allow_private_network or None, runner=runner,
            dask_address=dask_address, lake_data_path=data_path)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    _print_summary(summary)
    if not summary.ok:
        raise fail(f"run {summary.status}: {summary.error}")


def _print_summary(summary: newsfeed.RunSummary) -> None:
    from dataclasses import asdict

    from rich.table import Table

    from newsfeed.flows.summary import alert_lines, summary_rows

    table = Table(title=f"run {summary.run_id} — {summary.status}", show_header=False)
    for label, value in summary_rows(asdict(summary)):
        table.add_row(label, value)
    console.print(table)
    for line in alert_lines(asdict(summary)):
        console.print(f"[yellow]alert:[/yellow] {line}", highlight=False, soft_wrap=True)


@app.command()
def backfill(
    warc: Annotated[list[Path], typer.Option(
        "--warc", help="WARC file (.warc or .warc.gz); repeat for several.")],
    db: DbOption = Path("newsfeed.duckdb"),
    host: Annotated[list[str] | None, typer.Option(
        "--host", help="Keep pages of this host or its subdomains (repeatable).")] = None,
    url_pattern: Annotated[str | None, typer.Option(
        "--url-pattern", help="Keep URLs matching this regular expression, or glob "
                              "('*/articles/*').")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Keep pages captured on or after this day or time (UTC).")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Keep pages captured on or before this day or time (UTC).")] = None,
    language: Annotated[list[str] | None, typer.Option(
        "--language", help="Keep articles in this detected language, e.g. en "
                           "(repeatable).")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Extraction processes (default: one per core; 0: in this process).")] = None,
) -> None:
    """Store the articles of pages archived in WARC files (no network; safe to repeat)."""
    try:
        with console.status(f"backfilling from {len(warc)} WARC file(s) …"):
            summary = newsfeed.backfill(
                warc, db, hosts=host or (), url_pattern=url_pattern, since=since,
                until=until, languages=language or (),
                **({"workers": workers} if workers is not None else {}))
    except ConfigError as exc:
        raise fail(str(exc)) from None
    _print_summary(summary)
    if not summary.ok:
        raise fail(f"backfill {summary.status}: {summary.error}")


@app.command()
def serve(
    feeds: Annotated[Path, typer.Option("--feeds", help="Feeds file (TOML).")] = Path("feeds.toml"),
    db: DbOption = Path("newsfeed.duckdb"),
    cron: Annotated[str | None, typer.Option(
        help="Cron schedule of the ingest runs (default: hourly, '0 * * * *').")] = None,
    interval: Annotated[float | None, typer.Option(
        help="Run every this many seconds instead of on a cron schedule.")] = None,
    timezone: Annotated[str | None, typer.Option(
        help="Time zone of the cron schedule, e.g. Europe/Paris (default: UTC).")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Extraction processes per run (default: one per core).")] = None,
    port: Annotated[int, typer.Option(
        help="Port of the local Prefect server started when PREFECT_API_URL is not set "
             "(0: any free port).")] = 4200,
) -> None:
    """Run ingest on a schedule, in this process, until stopped (Prefect's serve)."""
    from newsfeed.serving import ServeOptions, serve_ingest

    options = ServeOptions(feeds_file=feeds, db=db, cron=cron, interval_s=interval,
                           timezone=timezone, workers=workers)
    try:
        serve_ingest(options, port=port, say=lambda text: console.print(text, highlight=False))
    except (ConfigError, RuntimeError) as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


@app.command()
def reprocess(
    db: DbOption = Path("newsfeed.duckdb"),
    force: Annotated[bool, typer.Option(
        "--force", help="Redo every article, not only those of another extractor version.")
    ] = False,
    workers: Annotated[int | None, typer.Option(
        help="Extraction processes (default: one per core; 0: in this process).")] = None,
) -> None:
    """Extract facts again from stored article bodies (after the extractor changed)."""
    try:
        summary = newsfeed.reprocess(db, force=force, workers=workers)
    except (ConfigError, newsfeed.ReprocessError) as exc:
        raise fail(str(exc)) from None
    console.print(f"{summary.articles_done} of {summary.articles_total} articles got new "
                  f"facts (extractor {summary.extractor_version}), "
                  f"{summary.failures} failures, {summary.duration_s:.1f} s", highlight=False)
    if summary.stories_grouped:
        console.print(f"{summary.stories_grouped} articles placed in stories", highlight=False)


@app.command()
def query(
    sql: Annotated[str | None, typer.Argument(
        help="SQL to run; '-' or nothing: read stdin.")] = None,
    db: DbOption = Path("newsfeed.duckdb"),
    file: Annotated[Path | None, typer.Option("-f", "--file", help="Read SQL from a file.")] = None,
    format: Annotated[str, typer.Option(
        "--format", help="table, csv, json or markdown.")] = "table",
) -> None:
    """Run SQL against the database, read-only."""
    from newsfeed.render import render

    try:
        if file is not None:
            sql = file.read_text(encoding="utf-8")
        elif sql in (None, "-"):
            sql = sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read SQL from {file or 'stdin'}: {exc}") from None
    try:
        render(newsfeed.Database(db, lock_down=True).query_arrow(sql or ""), format, console)
    except newsfeed.QueryError as exc:
        raise fail(str(exc)) from None


@app.command()
def health(
    db: DbOption = Path("newsfeed.duckdb"),
    all_alerts: Annotated[bool, typer.Option(
        "--all", help="Every alert ever raised, not only those of the latest run.")] = False,
) -> None:
    """What the health check found wrong at the end of the latest run, one line per problem."""
    try:
        alerts = newsfeed.Database(db, lock_down=True).health_alerts(all=all_alerts)
    except newsfeed.QueryError as exc:
        raise fail(str(exc)) from None
    if not alerts:
        console.print("no health alerts", highlight=False)
    for alert in alerts:
        when = "" if alert.current else f"{alert.detected_at:%Y-%m-%d %H:%M} "
        console.print(f"{when}{alert.kind}: {alert.message}", highlight=False, soft_wrap=True)


@app.command()
def search(
    words: Annotated[str, typer.Argument(help="Words to look for in titles and bodies.")],
    db: DbOption = Path("newsfeed.duckdb"),
    since: Annotated[str | None, typer.Option(
        "--since", help="Only articles published on or after this day (YYYY-MM-DD, UTC).")] = None,
    feed: Annotated[str | None, typer.Option(
        "--feed", help="Only articles carried by this feed (name, title or id).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most articles to show.")] = 10,
) -> None:
    """Full-text search (BM25) over article titles and bodies, best matches first."""
    from newsfeed.render import parse_day, print_hits

    try:
        hits = newsfeed.Database(db, lock_down=True).search(
            words, since=parse_day(since), feed=feed, limit=limit)
    except (newsfeed.QueryError, newsfeed.SearchUnavailableError, ValueError) as exc:
        raise fail(str(exc)) from None
    print_hits(hits, console)


@app.command()
def export(
    out: Annotated[Path, typer.Option(
        "--out", help="Directory to write the files into (for gkg: the file).")],
    db: DbOption = Path("newsfeed.duckdb"),
    format: Annotated[str, typer.Option(
        "--format", help="parquet (partitioned by publication day), csv, jsonl, or gkg "
                         "(one GDELT GKG 2.1 file, a row per article).")] = "parquet",
    since: Annotated[str | None, typer.Option(
        "--since", help="Only rows from this day on (YYYY-MM-DD, UTC).")] = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Replace files of an earlier export.")] = False,
    header: Annotated[bool, typer.Option(
        "--header", help="gkg: start with a line of the column names (GDELT's have none).")
    ] = False,
) -> None:
    """Write every table to Parquet, CSV or JSON Lines files, or a GDELT GKG file."""
    from newsfeed.render import parse_day
    from newsfeed.storage.export import ExportError

    try:
        written = newsfeed.Database(db).export(format, out, since=parse_day(since),
                                               overwrite=overwrite, header=header)
    except (newsfeed.QueryError, ExportError, OSError) as exc:
        raise fail(str(exc)) from None
    for table in written:
        console.print(f"{table.rows:>8} rows  {table.table:<16} {table.path}", highlight=False)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="HTML or text files (.gz too).")],
    format: Annotated[str, typer.Option("--format", help="json, jsonl or table.")] = "json",
    no_facts: Annotated[bool, typer.Option("--no-facts", help="Body only.")] = False,
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date (YYYY-MM-DD or ISO time) that relative dates "
        "resolve against; default: the page's own, or a dateline's.")] = None,
) -> None:
    """Extract body and facts from local files, one result per file."""
    from newsfeed.local import extract_files
    from newsfeed.render import parse_moment

    if format not in ("json", "jsonl", "table"):
        raise fail(f"unknown format {format!r}: use json, jsonl or table")
    try:
        results = extract_files(paths, facts=not no_facts, published=parse_moment(published))
    except (OSError, newsfeed.QueryError) as exc:
        raise fail(str(exc)) from None
    if format == "jsonl":
        for result in results:
            console.out(json.dumps(result, ensure_ascii=False, default=str), highlight=False)
    elif format == "json":
        payload = results[0] if len(results) == 1 else results
        console.out(json.dumps(payload, ensure_ascii=False, indent=2, default=str),
                    highlight=False)
    else:
        from newsfeed.local import print_tables

        print_tables(results, console)


@app.command()
def demo(
    db: DbOption = Path("demo.duckdb"),
    workers: Annotated[int | None, typer.Option(help="Extraction processes.")] = None,
) -> None:
    """Serve the bundled demo feeds on 127.0.0.1, ingest them into demo.duckdb, show queries."""
    from newsfeed.demo.run import run_demo

    run_demo(db, console, workers=workers)


@app.command()
def schema(
    db: Annotated[Path | None, typer.Option(
        "--db", help="DuckDB file (default: the schema of this version).")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown.")] = False,
) -> None:
    """Print tables, columns, types and their documentation."""
    from newsfeed.render import print_schema

    try:
        print_schema(db, console, markdown=markdown)
    except newsfeed.QueryError as exc:
        raise fail(str(exc)) from None


@app.command()
def bench(
    feeds: Annotated[int, typer.Option(help="Synthetic feeds.")] = 10,
    items: Annotated[int, typer.Option(help="Items per feed.")] = 20,
    workers: Annotated[int | None, typer.Option(
        help="Extraction processes (default: one per core).")] = None,
    large: Annotated[int, typer.Option(
        help="Articles in the generated database for the query timings.")] = 100_000,
    runner: RunnerOption = None,
    dask_address: DaskAddressOption = None,
) -> None:
    """Benchmark: the ingest flow against a bare extraction pool, and typical queries."""
    from newsfeed.bench import print_result, run_bench

    try:
        result = run_bench(feeds, items, workers, large, console, runner=runner,
                           dask_address=dask_address)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    print_result(result, console)


@app.command("eval")
def evaluate(
    directory: Annotated[Path, typer.Argument(
        help="Folder of annotated articles (NAME.txt + NAME.json).")] = Path("tests/eval"),
    details: Annotated[bool, typer.Option("--details", help="List every miss.")] = False,
    devset: Annotated[list[Path] | None, typer.Option(
        "--devset", help="A dev set of real news annotated by others, scored by its own "
                         "score.py, e.g. ../shared/devsets/gum_news (repeatable).")] = None,
) -> None:
    """Precision and recall of fact extraction: on a dev set, or the regression set."""
    if devset:
        from newsfeed.devset import DevsetError, evaluate_devset

        for folder in devset:
            try:
                result = evaluate_devset(folder, details=20 if details else 0)
            except DevsetError as exc:
                raise fail(str(exc)) from None
            console.out(result.report, highlight=False)
        return
    from newsfeed.evaluate import evaluate as run_evaluation
    from newsfeed.evaluate import format_report

    if not directory.is_dir() or not any(directory.glob("*.json")):
        raise fail(f"no annotated articles (*.json + *.txt) in {directory}")
    console.out(format_report(run_evaluation(directory), details=details), highlight=False)


@feeds_app.command("import-opml")
def import_opml(
    opml: Annotated[Path, typer.Argument(help="OPML file exported by a feed reader.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Feeds file to write.")] = Path(
        "feeds.toml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing feeds file.")] = False,
) -> None:
    """Turn an OPML subscription list into a feeds file."""
    from newsfeed.config import feeds_from_opml, feeds_toml

    if out.exists() and not force:
        raise fail(f"{out} exists: use --force to overwrite it")
    try:
        feeds = feeds_from_opml(opml.read_bytes())
    except (OSError, ConfigError) as exc:
        raise fail(str(exc)) from None
    out.write_text(feeds_toml(feeds), encoding="utf-8")
    console.print(f"wrote {len(feeds)} feeds to {out}")


if __name__ == "__main__":
    app()
