"""Export every table to Parquet, CSV or JSON Lines, for loading the data elsewhere; or the
articles as one GDELT GKG 2.1 file (format ``gkg``, storage/gkg.py).

Parquet files of articles and their facts are partitioned by publication day (UTC), Hive
style: ``articles/published_date=2026-11-17/data_0.parquet``. Read them back with
``read_parquet('out/articles/**/*.parquet', hive_partitioning = true)``. Other tables, and
every table in CSV or JSON Lines, are one file each: ``out/feeds.parquet``, ``out/runs.csv``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsfeed.storage import gkg

FORMATS = ("parquet", "csv", "jsonl", "gkg")
# Tables partitioned by the publication day of their article (column published_date).
ARTICLE_TABLES = ("articles", "entities", "entity_mentions", "quantities", "quotes", "dates",
                  "locations", "article_signatures", "story_bands")
# The time that --since filters on, for the tables not tied to an article's publication.
SINCE_COLUMNS = {
    "runs": "started_at",
    "feed_fetches": "fetched_at",
    "failures": "occurred_at",
    "items": "coalesce(published_at, first_seen_at)",
    "item_feeds": "first_seen_at",
    "stories": "last_seen_at",
}
PARTITION_COLUMN = "published_date"
COPY_OPTIONS = {
    "parquet": "FORMAT parquet, COMPRESSION zstd",
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",  # newline-delimited: one object per line
}


class ExportError(RuntimeError):
    """The export could not be written; the message says why."""


@dataclass(frozen=True)
class ExportedTable:
    table: str
    rows: int
    path: Path


def exported_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The database's tables, by name (schema bookkeeping left out)."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name <> 'schema_migrations' ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def table_query(table: str, since: dt.date | None, partitioned: bool) -> str:
    """SELECT for one table: filtered by ``since`` (UTC day), with published_date if asked."""
    since_sql = f"TIMESTAMP '{since.isoformat()}'" if since else None
    if table in ARTICLE_TABLES:
        published = "t.published_at" if table == "articles" else "a.published_at"
        day = f"CAST(timezone('UTC', {published}) AS DATE) AS {PARTITION_COLUMN}"
        sql = f"SELECT t.*, {day}" if partitioned else "SELECT t.*"
        sql += f" FROM {table} AS t"
        if table != "articles":
            sql += " LEFT JOIN articles AS a USING (article_id)"
        if since_sql:
            sql += f" WHERE timezone('UTC', {published}) >= {since_sql}"
        return sql
    sql = f"SELECT * FROM {table}"
    if since_sql and table in SINCE_COLUMNS:
        sql += f" WHERE timezone('UTC', {SINCE_COLUMNS[table]}) >= {since_sql}"
    return sql


def export(con: duckdb.DuckDBPyConnection, out: Path, format: str = "parquet",
           since: dt.date | None = None, overwrite: bool = False,
           header: bool = False) -> list[ExportedTable]:
    """Write every table of ``con``'s database under ``out``; return what was written.

    Format ``gkg`` writes one file, ``out``, of one GKG 2.1 row per article instead (with a
    first line of column names when ``header``; CSV files always have one).
    """
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    out = Path(out)
    if format == "gkg":
        return [export_gkg(con, out, since=since, overwrite=overwrite, header=header)]
    tables = exported_tables(con)
    targets = {t: _target(out, t, format) for t in tables}
    existing = [p for p in targets.values() if p.exists()]
    if existing and not overwrite:
        raise ExportError(f"{existing[0]} exists: use --overwrite to replace the export")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        target = targets[table]
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        partitioned = format == "parquet" and table in ARTICLE_TABLES
        options = COPY_OPTIONS[format]
        if partitioned:
            options += f", PARTITION_BY ({PARTITION_COLUMN})"
        path = str(target).replace("'", "''")
        count = con.execute(
            f"COPY ({table_query(table, since, partitioned)}) TO '{path}' ({options})"
        ).fetchone()[0]
        written.append(ExportedTable(table, count, target))
    return written


def export_gkg(con: duckdb.DuckDBPyConnection, out: Path, since: dt.date | None = None,
               overwrite: bool = False, header: bool = False) -> ExportedTable:
    """Write the articles to the file ``out`` in GDELT GKG 2.1 format (storage/gkg.py)."""
    if out.is_dir():
        raise ExportError(f"{out} is a directory: --format gkg writes one file, name it")
    if out.exists() and not overwrite:
        raise ExportError(f"{out} exists: use --overwrite to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    return ExportedTable("gkg", gkg.write_gkg(gkg.gkg_rows(con, since), out, header), out)


def _target(out: Path, table: str, format: str) -> Path:
    if format == "parquet" and table in ARTICLE_TABLES:
        return out / table
    return out / f"{table}.{format}"


def read_back_sql(path: Path) -> str:
    """SELECT that reads one exported Parquet table (a file or a partitioned directory)."""
    pattern = f"{path}/**/*.parquet" if path.is_dir() else str(path)
    return f"SELECT * FROM read_parquet('{pattern}', hive_partitioning = true)"
