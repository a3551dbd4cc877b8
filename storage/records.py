"""Typed rows of the database, as the Python API returns them.

Each dataclass mirrors a table or view (its fields are the columns, in the schema's order;
a test keeps them in step): ``RunSummary`` a row of ``runs``, ``Failure`` a row of
``failures``, ``HealthAlert`` a row of the ``health_alerts`` view, ``StoredArticle`` a row
of ``articles`` with its facts as the extractor's own dataclasses (``extract.types``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from newsfeed.extract.types import (
    DateMention,
    Entity,
    Facts,
    Location,
    Mention,
    Quantity,
    Quote,
    Tone,
)


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
    kind: str | None = None  # ingest or backfill
    alerts: list[str] | None = None  # what the health check found wrong, one line each

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
class HealthAlert:
    """A problem the end-of-run health check found (a row of the ``health_alerts`` view)."""

    detected_at: datetime
    kind: str  # site_extraction, feed_silent or feed_failing
    subject: str  # the site (host name) or the feed (URL)
    message: str  # one line
    current: bool  # raised by the latest run that checked health
    runs: int
    first_detected_at: datetime
    feed_id: str | None = None
    figures: dict[str, Any] | None = None
    run_id: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> HealthAlert:
        """From a ``health_alerts`` row as a dict (``figures`` JSON text decoded)."""
        figures = row.get("figures")
        return _from_row(cls, {**row, "figures": json.loads(figures) if figures else None})


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
    story_id: str | None  # its story (stories.story_id); None before schema version 7
    tone: float | None
    tone_positive: float | None
    tone_negative: float | None
    tone_polarity: float | None
    image_url: str | None
    image_caption: str | None
    canonical_url: str | None
    facts: Facts


def _located(row: dict[str, Any]) -> dict[str, Any]:
    return {"sentence_index": row["sentence_index"], "start": row["char_start"],
            "end": row["char_end"], "sentence": row["sentence"],
            "confidence": row["confidence"]}


def tone_from_row(article: dict[str, Any]) -> Tone | None:
    """The tone block of an ``articles`` row (None when it was not measured)."""
    if article.get("tone") is None:
        return None
    return Tone(tone=article["tone"], positive=article["tone_positive"],
                negative=article["tone_negative"], polarity=article["tone_polarity"],
                word_count=article["word_count"])


def facts_from_rows(rows: dict[str, list[dict[str, Any]]], extractor: str | None,
                    version: str | None, tone: Tone | None = None) -> Facts:
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
                    verb=q["verb"], is_fragment=q["is_fragment"], tone=q.get("tone"),
                    **_located(q))
              for q in rows["quotes"]]
    dates = [DateMention(text=d["text"], resolved=_day(d["resolved"]),
                         granularity=d["granularity"], **_located(d))
             for d in rows["dates"]]
    locations = [_from_row(Location, row) for row in rows.get("locations", [])]
    return Facts(entities=entities, quantities=quantities, quotes=quotes, dates=dates,
                 locations=locations, extractor=extractor or "",
                 extractor_version=version or "", tone=tone)


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value
