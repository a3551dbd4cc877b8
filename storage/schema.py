"""The DuckDB schema: declared once, in numbered SQL migrations under ``migrations/``.

``migrate`` applies the ones a database has not seen yet, each in its own transaction,
and records them in ``schema_migrations``. Tables and columns are documented with
``COMMENT ON`` in the migrations themselves; ``describe`` reads them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import duckdb

MIGRATIONS_PACKAGE = "storage.migrations"


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
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database to the latest schema; return the version it is now at."""
    con.execute(
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL
        )
        """
    )
    current = schema_version(con)
    for migration in migrations():
        if migration.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, now())",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = migration.version
    return current


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
        WHERE schema_name = 'main' AND table_name <> 'schema_migrations'
        UNION ALL
        SELECT view_name, 'view', comment FROM duckdb_views()
        WHERE schema_name = 'main' AND NOT internal
        """
    ).fetchall()
    columns = con.execute(
        """
        SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
        WHERE schema_name = 'main' ORDER BY table_name, column_index
        """
    ).fetchall()
    by_table: dict[str, list[ColumnDoc]] = {}
    for table, column, type_, comment in columns:
        by_table.setdefault(table, []).append(ColumnDoc(table, column, type_, comment))
    order = {m: i for i, m in enumerate(_declaration_order(con))}
    docs = [TableDoc(n, k, c, by_table.get(n, [])) for n, k, c in relations]
    return sorted(docs, key=lambda d: (d.kind, order.get(d.name, 999), d.name))


def _declaration_order(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_oid"
    ).fetchall()
    return [r[0] for r in rows]
