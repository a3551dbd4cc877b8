"""Read-only SQL for users: ``newsfeed query`` and ``newsfeed schema``."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "csv", "json", "markdown")


class QueryError(Exception):
    """The query could not run; the message is one clear line."""


def run_query(db: Path | str, sql: str) -> tuple[list[str], list[tuple]]:
    """Run SQL on a read-only connection; return column names and rows."""
    if not sql.strip():
        raise QueryError("no SQL given (pass it as an argument, with -f FILE, or on stdin)")
    with open_read_only(db) as con:
        try:
            cur = con.execute(sql)
            if cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except duckdb.Error as exc:
            raise QueryError(_first_line(exc)) from exc


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
    from newsfeed.storage.backend import is_lake
    from newsfeed.storage.search import SearchUnavailableError, load_fts

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
    from newsfeed.storage.backend import LakeError, lake_connection, remote_data_path
    from newsfeed.storage.extensions import ExtensionUnavailableError

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
    deadline = time.monotonic() + wait_s
    delay = 0.05
    path = str(db).replace("'", "''")
    name = _catalog_name(db)
    while True:
        try:
            con.execute(f"ATTACH '{path}' AS \"{name}\" (READ_ONLY)")
            con.execute(f'USE "{name}"')
            return
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise QueryError(f"cannot open {db}: {_first_line(exc)}") from exc
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def parse_day(text: str | None) -> dt.date | None:
    """A ``--since`` value: an ISO date (2026-11-17), or None."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise QueryError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def _catalog_name(db: Path) -> str:
    """The name DuckDB gives the file when opened directly (its stem), where it is usable."""
    stem = db.name.split(".")[0]
    if stem.isidentifier() and stem.lower() not in ("memory", "temp", "system", "main"):
        return stem
    return "news"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _text(value: object) -> str:
    """A cell as text, for CSV, Markdown and tables: lists as [a, b], as DuckDB prints them."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(_cell(value))


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
        writer.writerows([[_text(v) for v in row] for row in rows])
        console.out(buffer.getvalue().rstrip("\n"), highlight=False)
    elif format == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_text(v).replace("|", "\\|")
                                    for v in row) + " |" for row in rows]
        console.out("\n".join(lines), highlight=False)
    else:
        table = Table(show_lines=False)
        for column in columns:
            table.add_column(Text(column))
        for row in rows:  # Text: the data is never read as rich markup
            table.add_row(*(Text(_text(v)) for v in row))
        console.print(table)
        console.print(f"{len(rows)} row(s)", style="dim")


def print_hits(hits: list, console: Console) -> None:
    """Print search hits: rank, score, date, feed and title, then the snippet, matches bold."""
    if not hits:
        console.print("no matching articles")
        return
    for rank, hit in enumerate(hits, 1):
        day = hit.published_at.date().isoformat() if hit.published_at else "undated"
        head = Text(f"{rank:>2}. ", style="bold")
        head.append(hit.title or "(untitled)", style="bold")
        head.append(f"\n    {day} · {hit.feeds or 'no feed'} · score {hit.score:.2f}", style="dim")
        console.print(head)
        snippet = Text("    " + hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start + 4, end + 4)
        console.print(snippet)


def schema_docs(db: Path | str | None = None) -> list:
    """Tables and views with their documentation: of ``db``, or of a new database."""
    from newsfeed.storage.backend import is_lake
    from newsfeed.storage.schema import describe, migrate

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
