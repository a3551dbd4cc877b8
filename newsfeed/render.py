"""How the command line shows results: query rows, search hits, the schema."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow as pa
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsfeed.storage.readonly import QueryError, schema_docs
from newsfeed.storage.search import SearchHit

FORMATS = ("table", "csv", "json", "markdown")


def parse_day(text: str | None) -> dt.date | None:
    """A ``--since`` value: an ISO date (2026-11-17), or None."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise QueryError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def parse_moment(text: str | None) -> dt.datetime | None:
    """A ``--published`` value: an ISO date or date and time (UTC unless it says), or None."""
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise QueryError(f"not a date or time: {text!r} (use YYYY-MM-DD or "
                         "YYYY-MM-DDTHH:MM[+HH:MM])") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


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


def render(result: pa.Table, format: str, console: Console) -> None:
    """Print a query result as a table, CSV, JSON (a list of objects) or Markdown."""
    columns = result.column_names
    rows = list(zip(*(column.to_pylist() for column in result.columns), strict=True))
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


def print_hits(hits: list[SearchHit], console: Console) -> None:
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
