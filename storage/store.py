"""Every read and write the pipeline makes. Writes are idempotent and one transaction per batch.

Rows go in bulk through Arrow (``INSERT ... BY NAME SELECT * FROM batch``), never row by row.
Connections are short-lived (``open_db``) so that users can query the file between batches.

The same SQL serves a DuckDB file and a DuckLake (storage/backend.py). A lake has no keys,
so rows are inserted only when their key is absent (``_insert_new``, ``_upsert``), inside
transactions that are serialised and retried on conflict (storage/transactions.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from newsfeed.config import Settings
from newsfeed.extract.ids import item_id as url_id
from newsfeed.extract.stories import StoryScheme, signature
from newsfeed.retrying import lock_wait
from newsfeed.storage import stories
from newsfeed.storage.backend import LAKE_CATALOG, database_is_lake, is_lake, lake_connection
from newsfeed.storage.schema import migrate
from newsfeed.storage.transactions import WriteConflictError, in_transaction

__all__ = ["WriteConflictError", "in_transaction"]

if TYPE_CHECKING:
    from newsfeed.extract.feed import FeedItem
    from newsfeed.extract.process import ProcessedArticle
    from newsfeed.extract.types import Facts


class DatabaseBusyError(RuntimeError):
    """Another process held the database file for longer than we were willing to wait."""


def is_lock_conflict(exc: BaseException) -> bool:
    """True when DuckDB could not open a file because another process holds its lock."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


@contextlib.contextmanager
def open_db(
    path: str | Path, read_only: bool = False, wait_s: float = 60.0,
    data_path: str | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database for a short piece of work, waiting while another process holds it.

    A writable open also migrates the schema. Raises DatabaseBusyError after ``wait_s``.
    ``path`` may also name a DuckLake (``ducklake:postgres:…``); ``data_path`` is needed only
    to create one (storage/backend.py).
    """
    if is_lake(path):
        with _open_lake(str(path), data_path) as con:
            yield con
        return
    try:
        for attempt in lock_wait(wait_s, is_lock_conflict):
            with attempt:
                con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if not is_lock_conflict(exc):
            raise
        raise DatabaseBusyError(
            f"{path} is held by another process (waited {wait_s:.0f} s): {exc}") from exc
    try:
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()


# One DuckDB per process and lake, its extensions loaded and the lake attached and migrated
# once (that takes about half a second); each open_db gets a connection of its own to it.
_lakes: dict[str, duckdb.DuckDBPyConnection] = {}
_lakes_lock = threading.Lock()


@contextlib.contextmanager
def _open_lake(db: str, data_path: str | None) -> Iterator[duckdb.DuckDBPyConnection]:
    with _lakes_lock:
        instance = _lakes.get(db)
        if instance is None:
            instance = lake_connection(db, data_path=data_path)
            try:
                migrate(instance)
            except BaseException:
                instance.close()
                raise
            _lakes[db] = instance
    con = instance.cursor()
    try:
        con.execute(f"USE {LAKE_CATALOG}")
        yield con
    finally:
        con.close()


def close_lakes() -> None:
    """Close this process's lake connections (the next open_db attaches again)."""
    with _lakes_lock:
        for con in _lakes.values():
            con.close()
        _lakes.clear()


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Bulk-insert dict rows through Arrow."""
    if not rows:
        return
    batch = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB's replacement scan
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")


def _first_per_key(rows: list[dict], key: Sequence[str]) -> list[dict]:
    """The first row of each key, in order."""
    first: dict[tuple, dict] = {}
    for row in rows:
        first.setdefault(tuple(row[k] for k in key), row)
    return list(first.values())


def _insert_new(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict],
                key: Sequence[str]) -> None:
    """Insert the rows whose ``key`` the table does not hold yet (the first of equal keys)."""
    if not rows:
        return
    batch = pa.Table.from_pylist(_first_per_key(rows, key))  # noqa: F841 - replacement scan
    con.execute(f"INSERT INTO {table} BY NAME "
                f"SELECT * FROM batch ANTI JOIN {table} USING ({', '.join(key)})")


def _upsert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], key: Sequence[str],
            update: Sequence[str]) -> None:
    """Insert rows with a new ``key``; for the others, set the ``update`` columns."""
    if not rows:
        return
    batch = pa.Table.from_pylist(_first_per_key(rows, key))  # noqa: F841 - replacement scan
    on = " AND ".join(f"t.{k} = b.{k}" for k in key)
    sets = ", ".join(f"{c} = b.{c}" for c in update)
    con.execute(f"MERGE INTO {table} AS t USING batch AS b ON {on} "
                f"WHEN MATCHED THEN UPDATE SET {sets} WHEN NOT MATCHED THEN INSERT BY NAME")


def now() -> datetime:
    return datetime.now(UTC)


def feed_id_for(configured_url: str) -> str:
    """Stable id of a feed: a hash of the URL as configured."""
    return hashlib.sha256(configured_url.encode()).hexdigest()[:16]


def host_of(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


# --- runs -------------------------------------------------------------------------------


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, feeds_total: int,
              kind: str = "ingest") -> int:
    """Record a new run (``kind`` ingest or backfill); on a DuckDB file, mark runs left
    'running' as 'crashed'.

    Returns how many crashed runs were found. A DuckDB file has one writer at a time (the
    writer lock, storage/lock.py), so a run still marked 'running' when the next starts is one
    whose process died. A DuckLake has several writers at once: a 'running' run may be alive
    on another machine, so none is marked; a dead one stays 'running' (its unfinished items
    are picked up by the next run of the same feeds).
    """
    lake = database_is_lake(con)
    row = {"run_id": run_id, "started_at": now(), "status": "running", "feeds_total": feeds_total,
           "kind": kind}

    def work() -> int:
        crashed = 0
        if not lake:
            where = "WHERE status = 'running' AND run_id <> ?"
            crashed = con.execute(f"SELECT count(*) FROM runs {where}", [run_id]).fetchone()[0]
            con.execute("UPDATE runs SET status = 'crashed', "
                        f"error = 'the process ended before the run did' {where}", [run_id])
        _upsert(con, "runs", [row], ["run_id"], ["status"])
        return crashed

    return in_transaction(con, work, lake=lake)


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: str, stats: dict, error: str | None = None,
    alerts: list[str] | None = None,
) -> None:
    """Close a run with its status, counts and durations (keys named like runs' columns), and
    the one-line alerts of its health check (storage/health.py; None: it did not run)."""
    counts = con.execute(
        """
        SELECT
          (SELECT count(*) FROM feed_fetches WHERE run_id = $1 AND status = 'ok'),
          (SELECT count(*) FROM feed_fetches WHERE run_id = $1 AND status = 'not_modified'),
          (SELECT count(*) FROM feed_fetches WHERE run_id = $1 AND status = 'failed'),
          (SELECT count(*) FROM items WHERE first_run_id = $1),
          (SELECT count(*) FROM articles WHERE run_id = $1),
          (SELECT count(*) FROM articles WHERE run_id = $1 AND body_source = 'feed'),
          (SELECT count(*) FROM failures WHERE run_id = $1)
        """,
        [run_id],
    ).fetchone()
    names = ["feeds_ok", "feeds_not_modified", "feeds_failed", "items_new", "articles_written",
             "articles_from_feed", "failures"]
    values = dict(zip(names, counts, strict=True))
    for key in ("entities", "quantities", "quotes", "dates", "fetch_feeds_s",
                "fetch_articles_s", "extract_s", "store_s"):
        values[key] = stats.get(key, 0)
    started = con.execute("SELECT started_at FROM runs WHERE run_id = ?", [run_id]).fetchone()[0]
    finished = now()
    values.update(status=status, finished_at=finished, error=error, alerts=alerts,
                  duration_s=(finished - started).total_seconds())
    assignments = ", ".join(f"{k} = ?" for k in values)
    in_transaction(con, lambda: con.execute(f"UPDATE runs SET {assignments} WHERE run_id = ?",
                                            [*values.values(), run_id]))


def run_summary(con: duckdb.DuckDBPyConnection, run_id: str) -> dict:
    """The runs row of one run, as a dict."""
    cur = con.execute("SELECT * FROM runs WHERE run_id = ?", [run_id])
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    return dict(zip(names, row, strict=True)) if row else {}


# --- feeds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedState:
    """What the database knows about a feed before fetching it."""

    feed_id: str
    url: str
    name: str | None
    etag: str | None
    last_modified: str | None
    type: str | None = None  # as the feeds file says: feed, sitemap, or None (detect)


def sync_feeds(con: duckdb.DuckDBPyConnection, feeds: Sequence) -> list[FeedState]:
    """Add new feeds of the feeds file, update names and tags; return their fetch state
    (with the ``type`` the feeds file gives)."""
    rows = [
        {"feed_id": feed_id_for(f.url), "configured_url": f.url, "url": f.url,
         "name": f.name, "tags": list(f.tags)}
        for f in feeds
    ]
    in_transaction(con, lambda: _upsert(con, "feeds", rows, ["feed_id"], ["name", "tags"]))
    ids = [r["feed_id"] for r in rows]
    found = con.execute(
        "SELECT feed_id, url, name, etag, last_modified FROM feeds WHERE list_contains(?, feed_id)",
        [ids],
    ).fetchall()
    by_id = {r[0]: FeedState(*r) for r in found}
    return [replace(by_id[i], type=getattr(f, "type", None))
            for i, f in zip(ids, feeds, strict=True)]


@dataclass(frozen=True)
class SitemapChild:
    """A child sitemap of a sitemap index: where it is listed and its conditional-GET state."""

    url: str
    parent_url: str | None = None  # the nested index listing it; None: the feed's document
    lastmod: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_status: str | None = None  # ok, not_modified, failed, skipped
    last_fetched_at: datetime | None = None


def sitemap_children(con: duckdb.DuckDBPyConnection,
                     feed_ids: Sequence[str]) -> dict[str, list[SitemapChild]]:
    """The stored child sitemaps of these feeds, per feed (feeds without any are absent)."""
    found = con.execute(
        "SELECT feed_id, url, parent_url, lastmod, etag, last_modified, last_status, "
        "last_fetched_at FROM sitemap_children WHERE list_contains(?, feed_id) "
        "ORDER BY feed_id, url", [list(feed_ids)]).fetchall()
    children: dict[str, list[SitemapChild]] = {}
    for feed_id, *rest in found:
        children.setdefault(feed_id, []).append(SitemapChild(*rest))
    return children


@dataclass
class FeedOutcome:
    """The result of fetching and parsing one feed in one run."""

    feed_id: str
    url: str  # requested
    status: str  # ok, not_modified, failed
    fetched_at: datetime
    duration_ms: float
    http_status: int | None = None
    new_url: str | None = None  # after a permanent redirect
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    site_url: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    issues: list[tuple[str, str]] = field(default_factory=list)  # (kind, message): feed kept
    kind: str | None = None  # feed or sitemap, when the content said which
    # a sitemap index's children as now listed (replacing the stored ones); None: keep those
    children: list[SitemapChild] | None = None


def store_feed_outcome(con: duckdb.DuckDBPyConnection, run_id: str, outcome: FeedOutcome) -> int:
    """Record a feed's fetch, its new items and their feed links in one transaction.

    Returns the number of items not seen before. Safe to repeat. A sitemap's item whose
    article some stored item already links to (a feed's item with an opaque GUID) is not
    stored again: the sitemap is linked to that item instead. A sitemap index's children
    (``outcome.children``, when not None) replace the stored ones.
    """
    o = outcome
    seen_at = o.fetched_at
    item_rows = [
        {"item_id": i.item_id, "article_id": article_id_for(i), "guid": i.guid, "url": i.link,
         "canonical_url": i.canonical_url, "title": i.title, "author": i.author,
         "published_at": i.published, "summary": i.summary, "content": i.content,
         "language": i.language, "first_feed_id": o.feed_id,
         "first_run_id": run_id, "first_seen_at": seen_at}
        for i in o.items
    ]
    def work() -> int:
        rows = item_rows
        if o.kind == "sitemap" and rows:
            held = dict(con.execute(
                "SELECT article_id, min(item_id) FROM items WHERE list_contains(?, article_id) "
                "GROUP BY article_id", [[r["article_id"] for r in rows]]).fetchall())
            rows = [{**r, "item_id": held.get(r["article_id"], r["item_id"])} for r in rows]
        before = con.execute("SELECT count(*) FROM items").fetchone()[0]
        _insert_new(con, "items", rows, ["item_id"])
        items_new = con.execute("SELECT count(*) FROM items").fetchone()[0] - before
        _insert_new(con, "item_feeds",
                    [{"item_id": r["item_id"], "feed_id": o.feed_id, "first_seen_at": seen_at}
                     for r in rows], ["item_id", "feed_id"])
        _upsert(con, "feed_fetches", [{
            "run_id": run_id, "feed_id": o.feed_id, "url": o.url, "fetched_at": o.fetched_at,
            "status": o.status, "http_status": o.http_status, "items_seen": len(o.items),
            "items_new": items_new, "duration_ms": o.duration_ms, "error": o.error,
        }], ["run_id", "feed_id"], ["status", "error"])
        ok = o.status != "failed"
        con.execute(
            """
            UPDATE feeds SET
              url = coalesce(?, url),
              etag = CASE WHEN ? = 'ok' THEN ? ELSE etag END,
              last_modified = CASE WHEN ? = 'ok' THEN ? ELSE last_modified END,
              title = coalesce(?, title), site_url = coalesce(?, site_url),
              kind = coalesce(?, kind), last_status = ?, last_http_status = ?, last_fetched_at = ?,
              last_success_at = CASE WHEN ? THEN ? ELSE last_success_at END,
              last_error = CASE WHEN ? THEN NULL ELSE ? END
            WHERE feed_id = ?
            """,
            [o.new_url, o.status, o.etag, o.status, o.last_modified, o.title, o.site_url,
             o.kind, o.status, o.http_status, o.fetched_at, ok, o.fetched_at, ok, o.error,
             o.feed_id],
        )
        if o.children is not None:
            con.execute("DELETE FROM sitemap_children WHERE feed_id = ?", [o.feed_id])
            _insert(con, "sitemap_children", _first_per_key(
                [{"feed_id": o.feed_id, "url": c.url, "parent_url": c.parent_url,
                  "lastmod": c.lastmod, "etag": c.etag, "last_modified": c.last_modified,
                  "last_status": c.last_status, "last_fetched_at": c.last_fetched_at}
                 for c in o.children], ["url"]))
        problems = [(o.error_kind or "error", o.error)] if o.error else []
        _insert(con, "failures", [failure_row(
            run_id, "feed", kind, message, url=o.url, feed_id=o.feed_id,
            http_status=o.http_status) for kind, message in problems + o.issues])
        return items_new

    return in_transaction(con, work)


def article_id_for(item: FeedItem) -> str:
    """The article an item links to: a hash of its canonical link, else the item's own id.

    Copies of one story in several feeds (different GUIDs, tracking parameters) share it.
    """
    link = item.canonical_url or item.link
    return url_id(None, link) if link else item.item_id


def record_failures(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Store rows of ``failure_row`` in one transaction."""
    in_transaction(con, lambda: _insert(con, "failures", rows))


def failure_row(run_id: str, stage: str, kind: str, message: str, *, url: str | None = None,
                feed_id: str | None = None, article_id: str | None = None,
                http_status: int | None = None) -> dict:
    """A row for the failures table."""
    return {"run_id": run_id, "occurred_at": now(), "stage": stage, "kind": kind,
            "message": message, "url": url, "host": host_of(url), "feed_id": feed_id,
            "article_id": article_id, "http_status": http_status}


# --- articles and facts ---------------------------------------------------------------


@dataclass(frozen=True)
class PendingItem:
    """An article not stored yet, with the feed data of the first item that links to it."""

    article_id: str
    url: str | None
    title: str | None
    author: str | None
    published: datetime | None
    summary: str | None
    content: str | None


def pending_items(con: duckdb.DuckDBPyConnection, limit: int | None = None,
                  after: str | None = None,
                  feed_ids: Sequence[str] | None = None) -> list[PendingItem]:
    """Articles to make: new items' and those a crashed run left behind (one per article).

    Ordered by ``article_id``; ``after`` and ``limit`` page through them (keyset paging), so
    that a run holds one page in memory, never the whole backlog. ``feed_ids`` keeps the
    items of those feeds only: on a lake, each writer makes the articles of its own feeds.
    """
    sql = f"""
        SELECT DISTINCT ON (i.article_id) i.article_id, coalesce(i.canonical_url, i.url),
               i.title, i.author, i.published_at, i.summary, i.content
        FROM items i ANTI JOIN articles a ON a.article_id = i.article_id
        WHERE (? IS NULL OR i.article_id > ?) AND {_OF_FEEDS}
        ORDER BY i.article_id, i.first_seen_at, i.item_id
    """
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    ids = None if feed_ids is None else list(feed_ids)
    return [PendingItem(*row)
            for row in con.execute(sql, [after, after, ids, ids]).fetchall()]


def count_pending(con: duckdb.DuckDBPyConnection, feed_ids: Sequence[str] | None = None) -> int:
    """How many articles are waiting to be made (see ``pending_items``)."""
    ids = None if feed_ids is None else list(feed_ids)
    return con.execute(
        "SELECT count(DISTINCT i.article_id) FROM items i "
        f"ANTI JOIN articles a ON a.article_id = i.article_id WHERE {_OF_FEEDS}", [ids, ids]
    ).fetchone()[0]


_OF_FEEDS = """(?::VARCHAR[] IS NULL OR i.item_id IN (
    SELECT item_id FROM item_feeds WHERE list_contains(?::VARCHAR[], feed_id)))"""


FACT_TABLES = ("entities", "entity_mentions", "quantities", "quotes", "dates", "locations")
LOCATION_FIELDS = ("entity_index", "name", "feature_class", "country_code", "country_name",
                   "admin1_code", "admin1_name", "latitude", "longitude", "geonames_id",
                   "population", "confidence", "reason")


def _fact_rows(p: ProcessedArticle) -> dict[str, list[dict]]:
    """The rows of each fact table for one processed article."""
    return fact_rows(p.article_id, p.facts)


def fact_rows(article_id: str, facts: Facts) -> dict[str, list[dict]]:
    """The rows of each fact table (FACT_TABLES) for one article's facts."""
    stamp = {"article_id": article_id, "extractor": facts.extractor,
             "extractor_version": facts.extractor_version}

    def where(f, index_name: str, index: int) -> dict:
        return {**stamp, index_name: index, "sentence_index": f.sentence_index,
                "char_start": f.start, "char_end": f.end, "sentence": f.sentence,
                "confidence": f.confidence}

    rows: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}
    for n, e in enumerate(facts.entities):
        rows["entities"].append({**where(e, "entity_index", n), "name": e.name,
                                 "label": e.label, "mention_count": e.mention_count})
        rows["entity_mentions"].extend(
            {"article_id": article_id, "entity_index": n, "mention_index": m, "text": x.text,
             "sentence_index": x.sentence_index, "char_start": x.start, "char_end": x.end}
            for m, x in enumerate(e.mentions)
        )
    for n, q in enumerate(facts.quantities):
        rows["quantities"].append({
            **where(q, "quantity_index", n), "text": q.text, "value": q.value,
            "value_max": q.value_max, "approximate": q.approximate, "unit": q.unit,
            "qualifier": q.qualifier,
            "counted": q.counted, "category": q.category, "place": q.place, "source": q.source})
    for n, q in enumerate(facts.quotes):
        rows["quotes"].append({
            **where(q, "quote_index", n), "text": q.text, "speaker": q.speaker,
            "speaker_role": q.speaker_role, "verb": q.verb, "is_fragment": q.is_fragment,
            "tone": q.tone})
    for n, d in enumerate(facts.dates):
        rows["dates"].append({**where(d, "date_index", n), "text": d.text,
                              "resolved": d.resolved, "granularity": d.granularity})
    rows["locations"] = [{**stamp, **{k: getattr(loc, k) for k in LOCATION_FIELDS}}
                         for loc in facts.locations]
    return rows


def tone_columns(facts: Facts) -> dict:
    """The articles columns of the tone block (all None when the tone was not measured)."""
    t = facts.tone
    if t is None:
        return dict.fromkeys(("tone", "tone_positive", "tone_negative", "tone_polarity"))
    return {"tone": t.tone, "tone_positive": t.positive, "tone_negative": t.negative,
            "tone_polarity": t.polarity}


def _article_row(p: ProcessedArticle, run_id: str, extracted_at: datetime) -> dict:
    a = p.article
    return {
        "article_id": p.article_id, "url": p.url, "final_url": p.final_url,
        "http_status": p.http_status, "title": a.title, "author": a.author,
        "published_at": a.published, "site_name": a.site_name, "language": a.language,
        "body": a.body, "word_count": len(a.body.split()), "body_source": p.body_source,
        "fallback_reason": p.fallback_reason, "facts_skipped_reason": p.facts_skipped_reason,
        "run_id": run_id, "extracted_at": extracted_at, "extractor": p.facts.extractor,
        "extractor_version": p.facts.extractor_version, **tone_columns(p.facts),
        "image_url": a.image_url, "image_caption": a.image_caption,
        "canonical_url": a.canonical_url,
    }


def _article_batch_rows(run_id: str,
                        batch: Sequence[ProcessedArticle]) -> dict[str, list[dict]]:
    """The rows of articles, facts and failures for a batch of processed articles."""
    rows: dict[str, list[dict]] = {t: [] for t in ("articles", "failures", *FACT_TABLES)}
    extracted_at = now()
    for p in batch:
        rows["articles"].append(_article_row(p, run_id, extracted_at))
        for table, table_rows in _fact_rows(p).items():
            rows[table].extend(table_rows)
        rows["failures"].extend(
            failure_row(run_id, f.stage, f.kind, f.message, url=f.url, article_id=p.article_id,
                        http_status=f.http_status)
            for f in p.failures
        )
    return rows


def _write_articles(con: duckdb.DuckDBPyConnection, batch: Sequence[ProcessedArticle],
                    rows: dict[str, list[dict]], scheme: StoryScheme | None) -> None:
    """Insert the rows, replacing the articles of ``batch`` already stored, and place the
    articles in stories (inside a transaction; ``scheme``: how copies are found, default
    that of the default settings)."""
    scheme = scheme or stories.scheme_for(Settings())
    signed = [stories.Signed(p.article_id, signature(p.article.body, scheme)) for p in batch]
    ids = [p.article_id for p in batch]
    stored = con.execute("SELECT count(*) FROM articles WHERE list_contains(?, article_id)",
                         [ids]).fetchone()[0]
    previous = stories.story_ids_of(con, ids) if stored else set()
    if stored:  # a repeated batch (crash recovery, another writer): replace, never duplicate
        for table in (*FACT_TABLES, "articles"):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
    for table, table_rows in rows.items():
        _insert(con, table, table_rows)
    stories.assign_stories(con, signed, scheme, previous)


def store_articles(
    con: duckdb.DuckDBPyConnection, run_id: str, batch: Sequence[ProcessedArticle],
    scheme: StoryScheme | None = None,
) -> dict[str, int]:
    """Write a batch of articles with all their facts, and place them in stories, in one
    transaction.

    Re-writing an article replaces its facts, so a repeated batch leaves no duplicates.
    ``scheme``: how copies are found (default: that of the default settings).
    Returns the number of rows written per fact table.
    """
    rows = _article_batch_rows(run_id, batch)
    in_transaction(con, lambda: _write_articles(con, batch, rows, scheme))
    return {t: len(rows[t]) for t in FACT_TABLES}


# --- archived pages (WARC backfill) -------------------------------------------------------

ARCHIVE_URL_PREFIX = "warc:"


def archive_feed(con: duckdb.DuckDBPyConnection, path: str | Path) -> str:
    """The pseudo-feed of a WARC file (``warc:NAME``), added when new; its feed_id.

    Archived pages become items of it, so that items keep a feed and views their meaning.
    It is named after the file's name, not its folder: the same archive moved is the same feed.
    """
    name = Path(path).name
    configured = ARCHIVE_URL_PREFIX + name
    row = {"feed_id": feed_id_for(configured), "configured_url": configured,
           "url": str(path), "name": name, "tags": ["warc"]}
    in_transaction(con, lambda: _upsert(con, "feeds", [row], ["feed_id"], ["url"]))
    return row["feed_id"]


def stored_article_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` are stored articles already."""
    found = con.execute("SELECT article_id FROM articles WHERE list_contains(?, article_id)",
                        [list(ids)]).fetchall()
    return {row[0] for row in found}


@dataclass(frozen=True)
class ArchivedItem:
    """An archived page as an item of its WARC file's pseudo-feed."""

    article_id: str
    url: str
    canonical_url: str
    seen_at: datetime  # the capture time (WARC-Date)


def store_archived(con: duckdb.DuckDBPyConnection, run_id: str, feed_id: str,
                   items: Sequence[ArchivedItem], batch: Sequence[ProcessedArticle],
                   failures: Sequence[dict] = (),
                   scheme: StoryScheme | None = None) -> dict[str, int]:
    """Write archived pages as items of ``feed_id`` with their articles (placed in stories
    found with ``scheme``, as ``store_articles``), in one transaction.

    ``batch`` holds the articles to store (a subset of ``items``, keyed by article_id);
    ``failures`` are failure rows of pages that gave no article. Items already stored are
    kept as they are (an item's id is its article's: the hash of its canonical URL).
    """
    articles = {p.article_id: p.article for p in batch}
    item_rows = [
        {"item_id": i.article_id, "article_id": i.article_id, "guid": None, "url": i.url,
         "canonical_url": i.canonical_url, "title": articles[i.article_id].title,
         "author": articles[i.article_id].author,
         "published_at": articles[i.article_id].published, "summary": None, "content": None,
         "first_feed_id": feed_id, "first_run_id": run_id, "first_seen_at": i.seen_at}
        for i in items if i.article_id in articles
    ]
    rows = _article_batch_rows(run_id, batch)
    rows["failures"].extend(failures)

    def work() -> None:
        _insert_new(con, "items", item_rows, ["item_id"])
        _insert_new(con, "item_feeds", [
            {"item_id": r["item_id"], "feed_id": feed_id, "first_seen_at": r["first_seen_at"]}
            for r in item_rows], ["item_id", "feed_id"])
        _write_articles(con, batch, rows, scheme)

    in_transaction(con, work)
    return {t: len(rows[t]) for t in FACT_TABLES}


def store_archive_read(con: duckdb.DuckDBPyConnection, run_id: str, feed_id: str, path: str,
                       started_at: datetime, status: str, items_seen: int,
                       error: str | None = None) -> None:
    """Record the reading of one WARC file as its pseudo-feed's fetch (feed_fetches, feeds).

    ``status`` ok (read to the end) or failed (an unreadable part ended it, ``error``).
    """
    finished = now()

    def work() -> None:
        items_new = con.execute("SELECT count(*) FROM items WHERE first_feed_id = ? AND "
                                "first_run_id = ?", [feed_id, run_id]).fetchone()[0]
        _upsert(con, "feed_fetches", [{
            "run_id": run_id, "feed_id": feed_id, "url": path, "fetched_at": started_at,
            "status": status, "http_status": None, "items_seen": items_seen,
            "items_new": items_new,
            "duration_ms": (finished - started_at).total_seconds() * 1000, "error": error,
        }], ["run_id", "feed_id"], ["status", "items_seen", "items_new", "duration_ms", "error"])
        ok = status == "ok"
        con.execute(
            """
            UPDATE feeds SET last_status = ?, last_fetched_at = ?,
              last_success_at = CASE WHEN ? THEN ? ELSE last_success_at END,
              last_error = CASE WHEN ? THEN NULL ELSE ? END
            WHERE feed_id = ?
            """, [status, started_at, ok, finished, ok, error, feed_id])

    in_transaction(con, work)
