"""Read-only SQL for users: ``newsfeed query`` and ``newsfeed schema``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json", "markdown")


class QueryError(Exception):
    """The query could not run; the message is one clear line."""


def run_query(db: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run SQL on a read-only connection; return column names and rows."""
    if not sql.strip():
        raise QueryError("no SQL given (pass it as an argument, with -f FILE, or on stdin)")
    if not Path(db).is_file():
        raise QueryError(f"database not found: {db}")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db}: {_first_line(exc)}") from exc
    try:
        cur = con.execute(sql)
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    except duckdb.Error as exc:
        raise QueryError(_first_line(exc)) from exc
    finally:
        con.close()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def render(columns: list[str], rows: list[tuple], format: str, console: Console) -> None:
    """Print rows as a table, CSV, JSON (a list of objects) or Markdown."""
    if format not in FORMATS:
        raise QueryError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if format == "json":
        records = [{c: _cell(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        console.out(json.dumps(records, ensure_ascii=False, default=str), highlight=False)
    elif format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        console.out(buffer.getvalue().rstrip("\n"), highlight=False)
    elif format == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join("" if v is None else str(_cell(v)).replace("|", "\\|")
                                    for v in row) + " |" for row in rows]
        console.out("\n".join(lines), highlight=False)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(_cell(v)) for v in row))
        console.print(table)
        console.print(f"{len(rows)} row(s)", style="dim")


def schema_docs(db: Path | None = None) -> list:
    """Tables and views with their documentation: of ``db``, or of a new database."""
    from storage.schema import describe, migrate

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


def schema_markdown(db: Path | None = None) -> str:
    """The schema as Markdown: the README's schema section is this text."""
    out = []
    for doc in schema_docs(db):
        out += [f"#### `{doc.name}` ({doc.kind})", "", doc.comment or "", "",
                "| column | type | description |", "|---|---|---|"]
        out += [f"| `{c.column}` | {c.type} | {(c.comment or '').replace('|', '/')} |"
                for c in doc.columns]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def print_schema(db: Path | None, console: Console, markdown: bool = False) -> None:
    """Print every table and view with its columns, types and comments."""
    if markdown:
        console.out(schema_markdown(db), highlight=False)
        return
    for doc in schema_docs(db):
        table = Table("column", "type", "description", title=f"{doc.kind} {doc.name}",
                      caption=doc.comment, title_justify="left", caption_justify="left")
        for col in doc.columns:
            table.add_row(col.column, col.type, col.comment or "")
        console.print(table)
