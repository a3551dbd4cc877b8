"""Reading a test's DuckDB file: each call opens and closes its own read-only connection."""

from __future__ import annotations

from pathlib import Path

import duckdb


def rows(db: str | Path, sql: str, params: list | None = None) -> list[tuple]:
    """All rows of ``sql`` on ``db``, read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def run_query(db: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of ``sql`` run as ``newsfeed query`` runs it (locked down)."""
    from newsfeed import Database

    result = Database(db, lock_down=True).query_arrow(sql)
    return result.column_names, list(zip(*(c.to_pylist() for c in result.columns), strict=True))
