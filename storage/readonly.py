"""Read-only connections for users: the locked-down sandbox of ``newsfeed query``.

``open_read_only`` attaches the database READ_ONLY to a private in-memory DuckDB; with
``lock_down`` (the default) that DuckDB then loses access to files, the network and its own
settings, so that SQL from a user can read the database and nothing else.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import duckdb

from newsfeed.retrying import lock_wait
from newsfeed.storage.backend import LakeError, is_lake, lake_connection, remote_data_path
from newsfeed.storage.extensions import ExtensionUnavailableError, sql_string
from newsfeed.storage.schema import TableDoc, describe, migrate
from newsfeed.storage.search import SearchUnavailableError, load_fts


class QueryError(Exception):
    """The database could not be read or the query could not run; the message is one line."""


@contextlib.contextmanager
def open_read_only(db: Path | str, wait_s: float = 10.0,
                   lock_down: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that can read ``db`` and nothing else: no file is written or read.

    The file is attached READ_ONLY to a private in-memory database, which then loses
    access to the file system (``enable_external_access``) and locks its configuration, so
    that ``COPY TO``, ``ATTACH``, ``INSTALL``, ``LOAD`` of other extensions, ``read_csv`` or
    ``SET`` cannot reach files either. The fts extension is loaded first, for search.
    While a run holds the file (it writes in short bursts), waits up to ``wait_s`` seconds.
    ``lock_down=False`` keeps file access, for ``newsfeed export``: ``db`` stays read-only.
    A DuckLake (``ducklake:…``) is attached READ_ONLY before the lock-down; DuckLake still
    reads its own Parquet files after it (on an object store: its prefix is allowed), and
    nothing else.
    """
    if is_lake(db):
        with _open_lake_read_only(str(db), lock_down) as con:
            yield con
        return
    if not Path(db).is_file():
        raise QueryError(f"database not found: {db}")
    con = duckdb.connect(config={"autoinstall_known_extensions": False,
                                 "autoload_known_extensions": False})
    try:
        with contextlib.suppress(SearchUnavailableError):
            load_fts(con)  # optional: plain SQL works without it
        _attach_waiting(con, Path(db), wait_s)
        if lock_down:
            _lock_down(con)
        yield con
    finally:
        con.close()


def _lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """No files, network or settings from here on: only SQL on what is attached."""
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


@contextlib.contextmanager
def _open_lake_read_only(db: str, lock_down: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        con = lake_connection(db, read_only=True)
    except (LakeError, ExtensionUnavailableError) as exc:
        raise QueryError(str(exc)) from exc
    try:
        if lock_down:
            # DuckLake reads local Parquet files after the lock-down, but an object store only
            # where allowed: allow the lake's own prefix, and nothing else
            remote = remote_data_path(con)
            if remote:
                con.execute("SET allowed_directories = ?", [[remote]])
            _lock_down(con)
        yield con
    finally:
        con.close()


def _attach_waiting(con: duckdb.DuckDBPyConnection, db: Path, wait_s: float) -> None:
    path = sql_string(str(db))
    name = _catalog_name(db)
    try:
        for attempt in lock_wait(wait_s, _is_lock_conflict):
            with attempt:
                con.execute(f"ATTACH '{path}' AS \"{name}\" (READ_ONLY)")
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db}: {first_line(exc)}") from exc
    con.execute(f'USE "{name}"')


def _is_lock_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.Error) and "lock" in str(exc).lower()


def _catalog_name(db: Path) -> str:
    """The name DuckDB gives the file when opened directly (its stem), where it is usable."""
    stem = db.name.split(".")[0]
    if stem.isidentifier() and stem.lower() not in ("memory", "temp", "system", "main"):
        return stem
    return "news"


def first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def schema_docs(db: Path | str | None = None) -> list[TableDoc]:
    """Tables and views with their documentation: of ``db``, or of a new database."""
    if db is not None and is_lake(db):
        with open_read_only(db) as con:
            return describe(con)
    if db is None:
        con = duckdb.connect()
        migrate(con)
    else:
        if not Path(db).is_file():
            raise QueryError(f"database not found: {db}")
        con = duckdb.connect(str(db), read_only=True)
    try:
        return describe(con)
    finally:
        con.close()
