"""``newsfeed.Database``: a newsfeed database for scripting, in the spirit of sqlite-utils.

::

    import newsfeed

    db = newsfeed.Database("news.duckdb")
    db.query("SELECT name, mentions FROM entity_daily WHERE day = ?", ["2026-11-17"])
    hits = db.search("flood relief", limit=5)
    article = db.article(hits[0].article_id)   # with article.facts.quotes, ...

Each call opens the database for as long as it runs and no longer, so that a run writing the
file at the same time is held up only for that moment (DuckDB lets one process write a file,
or several read it). Inside ``with newsfeed.Database(...) as db:`` one connection serves every
call of the block instead: faster for many small queries, but it holds the file throughout.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsfeed.storage import export as exporting
from newsfeed.storage import search as searching
from newsfeed.storage.health import health_alerts
from newsfeed.storage.readonly import QueryError, first_line, open_read_only
from newsfeed.storage.records import (
    Failure,
    HealthAlert,
    RunSummary,
    StoredArticle,
    facts_from_rows,
    tone_from_row,
)
from newsfeed.storage.schema import TableDoc, describe
from newsfeed.storage.store import FACT_TABLES, open_db

Params = Sequence[Any] | dict[str, Any] | None


class Database:
    """A newsfeed database: a DuckDB file, or a DuckLake (``ducklake:postgres:…``).

    ``read_only`` (the default) never writes; ``read_only=False`` opens it for writing too
    (and creates or migrates it), for SQL of your own. ``lock_down`` gives the sandbox of
    ``newsfeed query``: SQL can read the database and nothing else (no files, no network, no
    settings). ``wait_s``: how long to wait while another process holds the file.
    """

    def __init__(self, path: str | Path, read_only: bool = True, lock_down: bool = False,
                 wait_s: float = 10.0) -> None:
        if lock_down and not read_only:
            raise ValueError("lock_down needs read_only=True")
        self.path, self.read_only, self.lock_down, self.wait_s = path, read_only, lock_down, wait_s
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stack: contextlib.ExitStack | None = None

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r}, read_only={self.read_only})"

    # --- connections -----------------------------------------------------------------

    def __enter__(self) -> Database:
        self._stack = contextlib.ExitStack()
        self._con = self._stack.enter_context(self._open())
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection of a ``with`` block (nothing to do outside one)."""
        if self._stack is not None:
            self._stack.close()
        self._stack, self._con = None, None

    def _open(self, lock_down: bool | None = None) -> contextlib.AbstractContextManager:
        if not self.read_only:
            return open_db(self.path, wait_s=self.wait_s)
        return open_read_only(self.path, wait_s=self.wait_s,
                              lock_down=self.lock_down if lock_down is None else lock_down)

    @contextlib.contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The DuckDB connection to use now: the ``with`` block's, or a short-lived one."""
        if self._con is not None:
            yield self._con
            return
        with self._open() as con:
            yield con

    # --- SQL -------------------------------------------------------------------------

    def query_arrow(self, sql: str, params: Params = None) -> pa.Table:
        """Run SQL; the result as an Arrow table (``.to_pandas()``, ``polars.from_arrow``)."""
        if not sql.strip():
            raise QueryError("no SQL given")
        with self.connection() as con:
            try:
                cursor = con.execute(sql, params)
                if cursor.description is None:
                    return pa.table({})
                return cursor.fetch_arrow_table()
            except duckdb.Error as exc:
                raise QueryError(first_line(exc)) from exc

    def query(self, sql: str, params: Params = None) -> list[dict[str, Any]]:
        """Run SQL; the rows as dicts, column name → value."""
        return self.query_arrow(sql, params).to_pylist()

    def schema(self) -> list[TableDoc]:
        """Tables and views with their columns, types and documentation."""
        with self.connection() as con:
            return describe(con)

    # --- what newsfeed stores --------------------------------------------------------

    def search(self, words: str, since: dt.date | None = None, feed: str | None = None,
               limit: int = 10) -> list[searching.SearchHit]:
        """Articles matching ``words`` (BM25 over titles and bodies), best first.

        ``since``: published on or after that day (UTC); ``feed``: carried by the feed of
        that name, title or id. Raises ``SearchUnavailableError`` on a DuckLake or before
        the first run has built the index.
        """
        with self.connection() as con:
            return searching.search(con, words, since=since, feed=feed, limit=limit)

    def export(self, format: str, out: str | Path, since: dt.date | None = None,
               overwrite: bool = False, header: bool = False) -> list[exporting.ExportedTable]:
        """Write every table to ``out`` as parquet (partitioned by publication day), csv or
        jsonl files, or the articles to the file ``out`` as GDELT GKG 2.1 (``gkg``, a first
        line of column names with ``header``); only rows from ``since`` (a UTC day) on."""
        if self._con is not None and self.lock_down:
            raise QueryError("export writes files: not from a lock_down Database")
        opened = self._open(lock_down=False) if self._con is None else _borrowed(self._con)
        with opened as con:
            try:
                return exporting.export(con, Path(out), format, since=since,
                                        overwrite=overwrite, header=header)
            except duckdb.Error as exc:
                raise QueryError(first_line(exc)) from exc

    def article(self, article_id: str) -> StoredArticle | None:
        """One article with all its facts, or None when there is no such article."""
        with self.connection() as con:
            found = _dicts(con.execute("SELECT * FROM articles WHERE article_id = ?",
                                       [article_id]))
            if not found:
                return None
            row = found[0]
            facts = {table: _dicts(con.execute(
                f"SELECT * FROM {table} WHERE article_id = ? ORDER BY ALL", [article_id]))
                for table in FACT_TABLES}
        return StoredArticle(**row, facts=facts_from_rows(
            facts, row["extractor"], row["extractor_version"], tone_from_row(row)))

    def runs(self, limit: int | None = None) -> list[RunSummary]:
        """Ingest runs, the latest first."""
        with self.connection() as con:
            rows = _dicts(con.execute("SELECT * FROM runs ORDER BY started_at DESC LIMIT ?",
                                      [limit]))
        return [RunSummary.from_row(r) for r in rows]

    def failures(self, run_id: str | None = None, limit: int | None = None) -> list[Failure]:
        """What failed (of one run, or of all), the latest first."""
        with self.connection() as con:
            rows = _dicts(con.execute(
                "SELECT * FROM failures WHERE ? IS NULL OR run_id = ? "
                "ORDER BY occurred_at DESC LIMIT ?", [run_id, run_id, limit]))
        return [Failure.from_row(r) for r in rows]

    def health_alerts(self, all: bool = False) -> list[HealthAlert]:  # noqa: A002
        """What the health check found wrong at the end of the latest run (``all``: every
        alert ever raised), the newest first."""
        with self.connection() as con:
            try:
                found = health_alerts(con, current_only=not all)
            except duckdb.Error as exc:
                raise QueryError(first_line(exc)) from exc
        return [HealthAlert.from_row(r) for r in found]


@contextlib.contextmanager
def _borrowed(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    yield con


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
