"""The ``ingest`` flow: feeds → items → pages → articles and facts → DuckDB.

Work is batched: one task run per stage and batch, never one per article. Page downloads
of the next batch overlap extraction of the current one; extraction runs in a process pool.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.events import emit_event
from prefect.runtime import flow_run
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from newsfeed.config import Settings, load_feeds, settings_with
from newsfeed.flows import tasks
from newsfeed.flows.pipeline import extract_and_store, record_failed_run
from newsfeed.flows.summary import summary_markdown
from newsfeed.storage import health, store, stories
from newsfeed.storage.backend import check_db_writable, is_lake
from newsfeed.storage.lock import writer_lock

# Network steps are retried as a whole, with backoff, when they raise (e.g. the database was
# busy); single requests already retry on their own (flows/fetching.py). Both steps are safe to
# repeat: stored items are not stored twice.
NETWORK_RETRIES = {"retries": 2, "retry_delay_seconds": exponential_backoff(backoff_factor=5),
                   "retry_jitter_factor": 0.5}


@task(name="fetch-feeds", cache_policy=NO_CACHE, **NETWORK_RETRIES)
def fetch_feeds(db: str, run_id: str, feeds: list, settings) -> int:
    """Fetch every feed and store its items; return how many items are new.

    Sitemaps are stored after the feeds: an article both list is the feed's item (with its
    GUID, summary and author), linked to the sitemap too.
    """
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        states = store.sync_feeds(con, feeds)
        children = store.sitemap_children(con, [s.feed_id for s in states])
    outcomes = tasks.fetch_feeds(states, settings, children)
    outcomes.sort(key=lambda o: o.kind == "sitemap")
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        return sum(store.store_feed_outcome(con, run_id, o) for o in outcomes)


@task(name="download-pages", cache_policy=NO_CACHE, **NETWORK_RETRIES)
def download_pages(items: list, settings) -> list:
    return tasks.download_pages(items, settings)


@task(name="store-articles", cache_policy=NO_CACHE)
def store_articles(db: str, run_id: str, processed: list,
                   settings: Settings) -> dict[str, float]:
    """Write a batch with its facts and stories; return rows per fact table and the seconds
    it took."""
    started = time.perf_counter()
    scheme = stories.scheme_for(settings)
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        written: dict[str, float] = dict(store.store_articles(con, run_id, processed, scheme))
    written["store_s"] = time.perf_counter() - started
    return written


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


@flow(name="ingest")
def ingest(feeds_file: str | list[str], db: str = "newsfeed.duckdb",
           workers: int | None = None, fetch_articles: bool | None = None,
           allow_private_network: bool | None = None, runner: str | None = None,
           dask_address: str | None = None, data_path: str | None = None,
           settings: dict | None = None) -> dict:
    """Fetch the feeds of ``feeds_file`` and store new articles with their facts in ``db``.

    ``feeds_file`` is a feeds file, or a list of feed URLs. ``runner`` "dask" extracts on the
    Dask cluster at ``dask_address`` (else a LocalCluster of ``workers`` processes) instead of
    a local process pool; these arguments, and any other setting in ``settings`` (a dict of
    ``newsfeed.config.Settings`` fields), override the feeds file's settings.

    The inputs are checked before anything is fetched, and the run holds the database's
    writer lock throughout: a second run waits for it (``writer_wait_s``), never interleaves.
    ``db`` may be a DuckLake (``ducklake:postgres:…``; ``data_path`` for a new one): several
    runs then write it at once, without a lock (storage/transactions.py).
    """
    logger = get_run_logger()
    feeds, from_file = load_feeds(feeds_file)
    check_db_writable(db)
    named = {"workers": workers, "fetch_articles": fetch_articles,
             "allow_private_network": allow_private_network or None, "runner": runner,
             "dask_address": dask_address, "lake_data_path": data_path}
    run_settings = settings_with(from_file, {
        **(settings or {}), **{k: v for k, v in named.items() if v is not None}})

    def waiting(lock: Path) -> None:
        logger.info("another run is writing %s (%s); waiting up to %.0f s", db, lock,
                    run_settings.writer_wait_s)

    with writer_lock(db, run_settings.writer_wait_s, on_wait=waiting):
        return _ingest(db, feeds, run_settings)


def _ingest(db: str, feeds: list, settings: Settings) -> dict:
    logger = get_run_logger()
    run_id = flow_run.get_id() or uuid.uuid4().hex
    with store.open_db(db, wait_s=settings.db_lock_wait_s,
                       data_path=settings.lake_data_path) as con:  # creates a new lake
        crashed = store.start_run(con, run_id, len(feeds))
    if crashed:
        logger.warning("%d earlier run(s) had crashed; their unfinished items are picked up now",
                       crashed)
    stats: dict[str, float] = {}
    # a file has one writer, which makes every pending article (a crashed run's too); a lake
    # has several, each making its own feeds' (the others' are theirs, not done twice)
    own_feeds = [store.feed_id_for(f.url) for f in feeds] if is_lake(db) else None
    extractors = None
    try:
        # the workers load the model while feeds download; a cluster that cannot do the work
        # fails the run here, before anything is fetched
        extractors = tasks.open_extractors(settings)
        started = time.perf_counter()
        new = fetch_feeds(db, run_id, feeds, settings)
        stats["fetch_feeds_s"] = time.perf_counter() - started
        with store.open_db(db, read_only=True, wait_s=settings.db_lock_wait_s) as con:
            pending = store.count_pending(con, own_feeds)
        logger.info("%d feeds fetched, %d new items, %d articles to make", len(feeds), new,
                    pending)

        _make_articles(db, run_id, pending, settings, extractors, stats, own_feeds)
    except BaseException as exc:
        record_failed_run(db, run_id, stats, exc, settings, logger)
        raise
    finally:
        if extractors is not None:
            extractors.close()
    refresh_search_index(db, articles_changed=pending > 0)
    alerts = check_health(db, run_id, settings)
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        store.finish_run(con, run_id, "completed", stats,
                         alerts=None if alerts is None else [a.message for a in alerts])
        summary = store.run_summary(con, run_id)
    _publish_summary(summary)
    logger.info(
        "run %s completed: %s new items, %s articles, %s failures in %.1f s", run_id,
        summary["items_new"], summary["articles_written"], summary["failures"],
        summary["duration_s"],
    )
    return summary


PAGE_BATCHES = 8  # pending items are read from the database this many batches at a time


def _pending_batches(db: str, settings: Settings,
                     feed_ids: list[str] | None) -> Iterator[list]:
    """The pending items, batch by batch, read a page at a time so memory stays flat."""
    after = None
    while True:
        # read-write like the concurrent writes of this process (DuckDB wants one mode)
        with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
            page = store.pending_items(con, limit=settings.batch_size * PAGE_BATCHES,
                                       after=after, feed_ids=feed_ids)
        if not page:
            return
        after = page[-1].article_id
        yield from _batches(page, settings.batch_size)


def _downloaded(batches: Iterator[list], settings: Settings,
                stats: dict[str, float]) -> Iterator[list]:
    """The jobs of each batch of items, the next batch downloading while this one is used."""
    first = next(batches, None)
    downloading = download_pages.submit(quote(first), settings) if first else None
    while downloading is not None:
        started = time.perf_counter()
        jobs = downloading.result()
        stats["fetch_articles_s"] = stats.get("fetch_articles_s", 0) + (
            time.perf_counter() - started)
        upcoming = next(batches, None)
        downloading = download_pages.submit(quote(upcoming), settings) if upcoming else None
        yield jobs


def _make_articles(db: str, run_id: str, pending: int, settings: Settings,
                   extractors: tasks.Extractors,
                   stats: dict[str, float], feed_ids: list[str] | None) -> None:
    """Download, extract and store the ``pending`` articles, batch by batch.

    Pipelined (flows/pipeline.py): while batch k is extracted, batch k+1 downloads and is
    queued in the pool behind it, and batch k-1 is written. Batches are handed to tasks
    ``quote``d: Prefect would otherwise walk every object in them looking for futures, which
    cost a fifth of this process's CPU time (py-spy).
    """
    logger = get_run_logger()
    jobs = _downloaded(_pending_batches(db, settings, feed_ids), settings, stats)
    extract_and_store(
        jobs, extractors,
        lambda processed: store_articles.submit(db, run_id, quote(processed), settings),
        stats, lambda done: logger.info("%d of %d articles extracted", done, pending))


@task(name="refresh-search-index", cache_policy=NO_CACHE)
def refresh_search_index(db: str, articles_changed: bool = True) -> int | None:
    """Rebuild the full-text index of articles (storage/search.py); None when it could not.

    Skipped when no article changed and the index exists, and on a DuckLake (no search
    there). A failure is logged, not raised: the articles are stored, only search lags behind
    until the next run.
    """
    from newsfeed.storage import search

    logger = get_run_logger()
    if is_lake(db):
        return None
    try:
        with store.open_db(db) as con:
            if not articles_changed and search.has_index(con):
                return None
            indexed = search.refresh_index(con)
    except Exception as exc:  # noqa: BLE001 - search is optional, the run's data is stored
        logger.warning("search index not refreshed: %s: %s", type(exc).__name__, exc)
        return None
    logger.info("search index: %d articles", indexed)
    return indexed


HEALTH_EVENT = "newsfeed.health.alert"  # the Prefect event each health alert emits


@task(name="check-health", cache_policy=NO_CACHE)
def check_health(db: str, run_id: str, settings: Settings) -> list[health.Alert] | None:
    """Run the health check on what this run stored, record its alerts, emit an event each.

    Returns None when the check itself failed: that is logged and recorded in ``failures``
    (stage health), never raised, since the run's data is stored.
    """
    logger = get_run_logger()
    try:
        with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
            alerts = health.check_health(con, run_id, settings)
            health.record_alerts(con, run_id, alerts)
    except Exception as exc:  # noqa: BLE001 - a broken check must not fail a stored run
        logger.warning("health check failed: %s: %s", type(exc).__name__, exc)
        try:
            with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
                store.record_failures(con, [store.failure_row(
                    run_id, "health", "error", f"{type(exc).__name__}: {exc}")])
        except Exception as again:  # noqa: BLE001
            logger.warning("health check failure not recorded: %s", again)
        return None
    for alert in alerts:
        logger.warning("health: %s", alert.message)
        emit_health_event(alert, run_id)
    return alerts


def emit_health_event(alert: health.Alert, run_id: str) -> None:
    """The Prefect event of one alert: ``newsfeed.health.alert`` about the site or feed.

    Its resource is ``newsfeed.site.<host>`` or ``newsfeed.feed.<feed_id>``, labelled with
    the alert's kind (``newsfeed.alert.kind``) and subject; the payload has the message and
    figures. A Prefect automation can turn it into a notification (deploy/README.md).
    """
    resource_id = (f"newsfeed.feed.{alert.feed_id}" if alert.feed_id
                   else f"newsfeed.site.{alert.subject}")
    emit_event(event=HEALTH_EVENT, resource={
        "prefect.resource.id": resource_id, "prefect.resource.name": alert.subject,
        "newsfeed.alert.kind": alert.kind},
        payload={"message": alert.message, "figures": alert.figures, "run_id": run_id})


def _publish_summary(summary: dict) -> None:
    create_markdown_artifact(
        key="ingest-summary", markdown=summary_markdown(summary),
        description=f"newsfeed ingest run {summary['run_id']}",
    )
