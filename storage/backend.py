"""Where the data lives: a DuckDB file, or a DuckLake (a PostgreSQL catalog + Parquet files).

``--db`` is a file path, or ``ducklake:postgres:CONNINFO`` where CONNINFO is a libpq
connection string (``host=db.example port=5432 user=newsfeed dbname=lake``; a password is best
left to ``~/.pgpass`` or ``PGPASSWORD``). A new lake also needs a data path, the directory or
object-store prefix (``s3://bucket/news/``) for its Parquet files; the catalog remembers it.

A lake is attached to an in-memory DuckDB as catalog ``lake`` and made the default, so that
the same SQL runs on both. The extensions come from their PyPI packages (storage/extensions.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsfeed.config import ConfigError
from newsfeed.retrying import lake_attach
from newsfeed.storage.extensions import load_extension, sql_string

LAKE_PREFIX = "ducklake:"
LAKE_CATALOG = "lake"
CATALOG_TYPES = ("postgres",)
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


class LakeError(RuntimeError):
    """A DuckLake address is malformed, or the lake could not be attached; says why."""


@dataclass(frozen=True)
class Lake:
    """A DuckLake: its catalog database (type and connection string)."""

    catalog_type: str
    conninfo: str

    @property
    def attach_path(self) -> str:
        return f"{LAKE_PREFIX}{self.catalog_type}:{self.conninfo}"

    def __str__(self) -> str:
        return self.attach_path


def is_lake(db: object) -> bool:
    """Whether ``db`` (a ``--db`` value) names a DuckLake rather than a DuckDB file."""
    return str(db).startswith(LAKE_PREFIX)


def parse_lake(db: str | Path) -> Lake:
    """The lake ``db`` names; LakeError when it is not ``ducklake:postgres:CONNINFO``."""
    text = str(db)
    if not text.startswith(LAKE_PREFIX):
        raise LakeError(f"not a DuckLake address (expected {LAKE_PREFIX}postgres:…): {text}")
    catalog_type, sep, conninfo = text[len(LAKE_PREFIX):].partition(":")
    if not sep or catalog_type not in CATALOG_TYPES:
        raise LakeError(
            f"unsupported DuckLake catalog in {text!r}: use "
            f"'{LAKE_PREFIX}postgres:host=HOST port=PORT user=USER dbname=DB'")
    if not conninfo.strip():
        raise LakeError(f"{text!r} lacks the PostgreSQL connection string after "
                        f"'{LAKE_PREFIX}{catalog_type}:' (e.g. 'dbname=lake host=localhost')")
    return Lake(catalog_type, conninfo.strip())


def lake_connection(db: str | Path, *, read_only: bool = False,
                    data_path: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached as ``lake`` and in use.

    ``data_path`` is needed only to create a lake; given for an existing lake, it must be the
    one the catalog holds. A local data path is created when missing. Nothing is installed
    or autoloaded: the extensions come from their packages. Raises LakeError.
    """
    lake = parse_lake(db)
    con = duckdb.connect(config={"autoinstall_known_extensions": False,
                                 "autoload_known_extensions": False})
    try:
        load_extension(con, "ducklake")
        load_extension(con, lake.catalog_type)
        # object-store data paths (s3://, gs://, r2://, https://); credentials are DuckDB
        # secrets, e.g. persistent ones in ~/.duckdb/stored_secrets, which DuckDB reads itself
        load_extension(con, "httpfs")
        options = []
        if data_path:
            if not _URL_SCHEME.match(data_path):
                _make_local_dir(Path(data_path))
            options.append(f"DATA_PATH '{sql_string(data_path)}'")
        if read_only:
            options.append("READ_ONLY")
        clause = f" ({', '.join(options)})" if options else ""
        try:  # two writers creating one new lake at once: the loser retries
            for attempt in lake_attach(_is_creation_race):
                with attempt:
                    con.execute(
                        f"ATTACH '{sql_string(lake.attach_path)}' AS {LAKE_CATALOG}{clause}")
        except duckdb.Error as exc:
            raise LakeError(_attach_message(lake, exc)) from exc
        con.execute(f"USE {LAKE_CATALOG}")
        return con
    except BaseException:
        con.close()
        raise


def _is_creation_race(exc: BaseException) -> bool:
    """Writers that create one lake at the same moment race on its catalog tables: the
    losers attach again, to the lake the winner made."""
    return isinstance(exc, duckdb.Error) and "Failed to initialize DuckLake" in str(exc)


def _make_local_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LakeError(f"cannot create the lake's data directory {path}: {exc}") from exc


def _attach_message(lake: Lake, exc: duckdb.Error) -> str:
    text = " ".join(str(exc).split())
    if "data_path is not set" in text:
        return (f"{lake} is a new DuckLake: give the directory or object-store prefix for its "
                f"Parquet files with --data-path (or the lake_data_path setting)")
    if "does not match existing data path" in text:
        return f"cannot attach {lake}: {text.split(' You can override')[0]}"
    if "Unable to connect to Postgres" in text or "connection to server" in text:
        reason = text.split("failed:", 1)[-1].strip() if "failed:" in text else text
        return f"cannot connect to the DuckLake catalog ({lake.conninfo}): {reason}"
    return f"cannot attach {lake}: {text}"


def database_is_lake(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``con``'s current database is a DuckLake."""
    row = con.execute("SELECT type FROM duckdb_databases() "
                      "WHERE database_name = current_database()").fetchone()
    return bool(row) and row[0] == "ducklake"


def remote_data_path(con: duckdb.DuckDBPyConnection) -> str | None:
    """The attached lake's data path when it is on an object store (``s3://…``), else None."""
    row = con.execute(f"SELECT value FROM __ducklake_metadata_{LAKE_CATALOG}.ducklake_metadata "
                      "WHERE key = 'data_path'").fetchone()
    return row[0] if row and _URL_SCHEME.match(row[0] or "") else None


def check_db_writable(db: Path | str) -> None:
    """Raise ConfigError unless the database file can be created or written at ``db``.

    For a DuckLake (``ducklake:postgres:…``), only checks that the address is well formed:
    whether its catalog can be reached shows when the run connects to it.
    """
    if is_lake(db):
        try:
            parse_lake(str(db))
        except LakeError as exc:
            raise ConfigError(str(exc)) from None
        return
    db = Path(db)
    parent = db.resolve().parent
    if not parent.is_dir():
        raise ConfigError(f"database directory does not exist: {parent}")
    if db.is_dir():
        raise ConfigError(f"database path is a directory: {db}")
    if not os.access(parent, os.W_OK) or (db.exists() and not os.access(db, os.W_OK)):
        raise ConfigError(f"database path is not writable: {db}")
