"""Typed rows of the database, as the Python API returns them.

Each dataclass mirrors a table (its fields are the table's columns, in the schema's order;
a test keeps them in step): ``RunSummary`` a row of ``runs``, ``Failure`` a row of
``failures``, ``StoredArticle`` a row of ``articles`` with its facts as the extractor's own
dataclasses (``extract.types``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from newsfeed.extract.types import DateMention, Entity, Facts, Mention, Quantity, Quote


def _from_row(cls: type, row: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in row.items() if k in names})


@dataclass(frozen=True)
class RunSummary:
    """One ingest run: its counts, durations and status (a row of ``runs``)."""

    run_id: str
    started_at: datetime | None = None
    finished_at: datetime | None = None
    status: str = "running"  # running, completed, failed or crashed
    feeds_total: int | None = None
    feeds_ok: int | None = None
    feeds_not_modified: int | None = None
    feeds_failed: int | None = None
    items_new: int | None = None
    articles_written: int | None = None
    articles_from_feed: int | None = None
    entities: int | None = None
    quantities: int | None = None
    quotes: int | None = None
    dates: int | None = None
    failures: int | None = None
    duration_s: float | None = None
    fetch_feeds_s: float | None = None
    fetch_articles_s: float | None = None
    extract_s: float | None = None
    store_s: float | None = None
    error: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RunSummary:
        """From a ``runs`` row as a dict (unknown keys ignored)."""
        return _from_row(cls, row)

    @property
    def ok(self) -> bool:
        """True when the run completed."""
        return self.status == "completed"


@dataclass(frozen=True)
class Failure:
    """Something that went wrong in a run, and where (a row of ``failures``)."""

    run_id: str
    occurred_at: datetime
    stage: str  # feed, page or extract
    kind: str
    message: str
    url: str | None = None
    host: str | None = None
    feed_id: str | None = None
    article_id: str | None = None
    http_status: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Failure:
        """From a ``failures`` row as a dict."""
        return _from_row(cls, row)


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored (a row of ``articles``), with all its facts."""

    article_id: str
    url: str | None
    final_url: str | None
    http_status: int | None
    title: str | None
    author: str | None
    published_at: datetime | None
    site_name: str | None
    language: str | None
    body: str
    word_count: int
    body_source: str
    fallback_reason: str | None
    facts_skipped_reason: str | None
    run_id: str | None
    extracted_at: datetime | None
    extractor: str | None
    extractor_version: str | None
    facts: Facts
    story_id: str | None = None  # its story (stories.story_id); None before schema version 7


def _located(row: dict[str, Any]) -> dict[str, Any]:
    return {"sentence_index": row["sentence_index"], "start": row["char_start"],
            "end": row["char_end"], "sentence": row["sentence"],
            "confidence": row["confidence"]}


def facts_from_rows(rows: dict[str, list[dict[str, Any]]], extractor: str | None,
                    version: str | None) -> Facts:
    """The ``Facts`` of one article from its rows of each fact table (in index order)."""
    mentions: dict[int, list[Mention]] = {}
    for m in rows["entity_mentions"]:
        mentions.setdefault(m["entity_index"], []).append(
            Mention(m["text"], m["sentence_index"], m["char_start"], m["char_end"]))
    entities = [Entity(name=e["name"], label=e["label"], **_located(e),
                       mentions=mentions.get(e["entity_index"], []))
                for e in rows["entities"]]
    quantities = [Quantity(text=q["text"], value=q["value"], unit=q["unit"],
                           approximate=q["approximate"], qualifier=q["qualifier"],
                           counted=q["counted"], category=q["category"], place=q["place"],
                           source=q["source"], value_max=q["value_max"], **_located(q))
                  for q in rows["quantities"]]
    quotes = [Quote(text=q["text"], speaker=q["speaker"], speaker_role=q["speaker_role"],
                    verb=q["verb"], is_fragment=q["is_fragment"], **_located(q))
              for q in rows["quotes"]]
    dates = [DateMention(text=d["text"], resolved=_day(d["resolved"]),
                         granularity=d["granularity"], **_located(d))
             for d in rows["dates"]]
    return Facts(entities=entities, quantities=quantities, quotes=quotes, dates=dates,
                 extractor=extractor or "", extractor_version=version or "")


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value
