"""The DuckDB schema: declared once, in numbered SQL migrations under ``migrations/``.

``migrate`` applies the ones a database has not seen yet, each in its own transaction,
and records them in ``schema_migrations``. Tables and columns are documented with
``COMMENT ON`` in the migrations themselves; ``describe`` reads them back.

The same migrations serve a DuckLake, which has no primary keys, unique constraints or
indexes: ``lake_sql`` drops them (a DuckDB file keeps them, as a safety net). Writers keep
rows unique themselves (storage/store.py, storage/transactions.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import duckdb

from newsfeed.storage.backend import database_is_lake
from newsfeed.storage.transactions import COMMIT_TOKEN_TABLE, in_transaction

MIGRATIONS_PACKAGE = "newsfeed.storage.migrations"
# bookkeeping tables, left out of `newsfeed schema` and exports
INTERNAL_TABLES = ("schema_migrations", COMMIT_TOKEN_TABLE)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """All migrations shipped with the code, in order (files named ``NNN_name.sql``)."""
    found = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        if entry.name.endswith(".sql"):
            number, _, name = entry.name.removesuffix(".sql").partition("_")
            found.append(Migration(int(number), name, entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to this database (0 for a new one)."""
    if not _table_exists(con, "schema_migrations"):
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


_LINE_COMMENT = re.compile(r"--[^\n]*")
_INDEX = re.compile(r"^\s*CREATE\s+(UNIQUE\s+)?INDEX\b", re.IGNORECASE)
_TABLE = re.compile(r"^\s*CREATE\s+(OR\s+REPLACE\s+)?TABLE\s+(\w+)", re.IGNORECASE)
_TABLE_KEY = re.compile(r",\s*(PRIMARY\s+KEY|UNIQUE)\s*\([^)]*\)", re.IGNORECASE)
_COLUMN_PRIMARY_KEY = re.compile(r"(\s+NOT\s+NULL)?\s+PRIMARY\s+KEY\b", re.IGNORECASE)
_COLUMN_UNIQUE = re.compile(r"\s+UNIQUE\b", re.IGNORECASE)
_VIEW = re.compile(r"^\s*CREATE\s+(OR\s+REPLACE\s+)?VIEW\s+(\w+)", re.IGNORECASE)
_COLUMN_COMMENT = re.compile(r"^\s*COMMENT\s+ON\s+COLUMN\s+(\w+)\.", re.IGNORECASE)


def lake_sql(sql: str) -> str:
    """A migration's SQL for a DuckLake: without PRIMARY KEY, UNIQUE and CREATE INDEX, and
    without comments on the columns of views (DuckLake keeps those of tables only).

    A primary key column stays NOT NULL. Everything else (NOT NULL, views, COMMENT ON) is
    kept as written.
    """
    kept = []
    views = set()
    for statement in duckdb.extract_statements(sql):
        text = _LINE_COMMENT.sub("", statement.query).strip()
        if view := _VIEW.match(text):
            views.add(view.group(2).lower())
        comment = _COLUMN_COMMENT.match(text)
        if not text or _INDEX.match(text) or (comment and comment.group(1).lower() in views):
            continue
        if _TABLE.match(text):
            if "'" in text or '"' in text:
                raise ValueError(f"lake_sql cannot rewrite a CREATE TABLE with quotes: {text}")
            text = _TABLE_KEY.sub("", text)
            text = _COLUMN_UNIQUE.sub("", _COLUMN_PRIMARY_KEY.sub(" NOT NULL", text))
        kept.append(text)
    return ";\n".join(kept) + ";\n" if kept else ""


def _create_bookkeeping(con: duckdb.DuckDBPyConnection, lake: bool) -> None:
    key = "" if lake else " PRIMARY KEY"
    con.execute(
        f"""
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER{key}, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL
        )
        """
    )
    if lake:  # the row every write transaction updates (storage/transactions.py)
        con.execute(f"CREATE TABLE IF NOT EXISTS {COMMIT_TOKEN_TABLE} (n BIGINT NOT NULL)")
        con.execute(f"INSERT INTO {COMMIT_TOKEN_TABLE} SELECT 0 "
                    f"WHERE NOT EXISTS (SELECT 1 FROM {COMMIT_TOKEN_TABLE})")


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database to the latest schema; return the version it is now at.

    Safe when several writers of one DuckLake start at once: each migration is applied by
    the first to commit it, and the others see it applied when they retry.
    """
    lake = database_is_lake(con)
    current = schema_version(con)
    pending = [m for m in migrations() if m.version > current]
    if not pending and (not lake or _table_exists(con, COMMIT_TOKEN_TABLE)):
        return current
    in_transaction(con, lambda: _create_bookkeeping(con, lake), token=False, lake=lake)
    for migration in pending:
        in_transaction(con, lambda m=migration: _apply(con, m, lake), lake=lake)
    return schema_version(con)


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the database in use has table ``name`` in its current schema."""
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ? "
        "AND table_catalog = current_database() AND table_schema = current_schema()",
        [name]).fetchone()[0])


def _apply(con: duckdb.DuckDBPyConnection, migration: Migration, lake: bool) -> None:
    """Apply one migration unless another writer already has (read in this transaction)."""
    if schema_version(con) >= migration.version:
        return
    con.execute(lake_sql(migration.sql) if lake else migration.sql)
    con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())",
                [migration.version, migration.name])


@dataclass(frozen=True)
class ColumnDoc:
    table: str
    column: str
    type: str
    comment: str | None


@dataclass(frozen=True)
class TableDoc:
    name: str
    kind: str  # table or view
    comment: str | None
    columns: list[ColumnDoc]


def describe(con: duckdb.DuckDBPyConnection) -> list[TableDoc]:
    """Tables and views with their columns, types and comments, as the database holds them."""
    relations = con.execute(
        """
        SELECT table_name, 'table', comment FROM duckdb_tables()
        WHERE database_name = current_database() AND schema_name = 'main'
          AND NOT list_contains($internal, table_name)
        UNION ALL
        SELECT view_name, 'view', comment FROM duckdb_views()
        WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
        """, {"internal": list(INTERNAL_TABLES)}
    ).fetchall()
    columns = con.execute(
        """
        SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
        WHERE database_name = current_database() AND schema_name = 'main'
        ORDER BY table_name, column_index
        """
    ).fetchall()
    by_table: dict[str, list[ColumnDoc]] = {}
    for table, column, type_, comment in columns:
        by_table.setdefault(table, []).append(ColumnDoc(table, column, type_, comment))
    order = {m: i for i, m in enumerate(_declaration_order())}
    docs = [TableDoc(n, k, c, by_table.get(n, [])) for n, k, c in relations]
    return sorted(docs, key=lambda d: (d.kind, order.get(d.name, 999), d.name))


def _declaration_order() -> list[str]:
    """Tables in the order the migrations create them (views come after, by name)."""
    names: list[str] = []
    for migration in migrations():
        for statement in duckdb.extract_statements(migration.sql):
            text = _LINE_COMMENT.sub("", statement.query).strip()
            match = _TABLE.match(text)
            if match and match.group(2) not in names:
                names.append(match.group(2))
    return names
