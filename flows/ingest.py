"""The ``ingest`` flow: feeds → items → pages → articles and facts → DuckDB.

Work is batched: one task run per stage and batch, never one per article. Page downloads
of the next batch overlap extraction of the current one; extraction runs in a process pool.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.tasks import exponential_backoff

from flows import tasks
from flows.summary import summary_markdown
from newsfeed.config import Settings, check_run_inputs
from storage import store
from storage.lock import writer_lock

# Network steps are retried as a whole, with backoff, when they raise (e.g. the database was
# busy); single requests already retry on their own (flows/fetching.py). Both steps are safe to
# repeat: stored items are not stored twice.
NETWORK_RETRIES = {"retries": 2, "retry_delay_seconds": exponential_backoff(backoff_factor=5),
                   "retry_jitter_factor": 0.5}


@task(name="fetch-feeds", cache_policy=NO_CACHE, **NETWORK_RETRIES)
def fetch_feeds(db: str, run_id: str, feeds: list, settings) -> int:
    """Fetch every feed and store its items; return how many items are new."""
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        states = store.sync_feeds(con, feeds)
    outcomes = tasks.fetch_feeds(states, settings)
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        return sum(store.store_feed_outcome(con, run_id, o) for o in outcomes)


@task(name="download-pages", cache_policy=NO_CACHE, **NETWORK_RETRIES)
def download_pages(items: list, settings) -> list:
    return tasks.download_pages(items, settings)


@task(name="store-articles", cache_policy=NO_CACHE)
def store_articles(db: str, run_id: str, processed: list,
                   wait_s: float = 60.0) -> dict[str, float]:
    """Write a batch with its facts; return rows per fact table and the seconds it took."""
    started = time.perf_counter()
    with store.open_db(db, wait_s=wait_s) as con:
        written: dict[str, float] = dict(store.store_articles(con, run_id, processed))
    written["store_s"] = time.perf_counter() - started
    return written


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


@flow(name="ingest")
def ingest(feeds_file: str, db: str = "newsfeed.duckdb", workers: int | None = None,
           fetch_articles: bool | None = None, allow_private_network: bool | None = None) -> dict:
    """Fetch the feeds of ``feeds_file`` and store new articles with their facts in ``db``.

    The inputs are checked before anything is fetched, and the run holds the database's
    writer lock throughout: a second run waits for it (``writer_wait_s``), never interleaves.
    """
    logger = get_run_logger()
    feeds, settings = check_run_inputs(Path(feeds_file), Path(db))
    settings = settings.with_overrides(workers=workers, fetch_articles=fetch_articles,
                                       allow_private_network=allow_private_network or None)

    def waiting(lock: Path) -> None:
        logger.info("another run is writing %s (%s); waiting up to %.0f s", db, lock,
                    settings.writer_wait_s)

    with writer_lock(db, settings.writer_wait_s, on_wait=waiting):
        return _ingest(db, feeds, settings)


def _ingest(db: str, feeds: list, settings: Settings) -> dict:
    logger = get_run_logger()
    run_id = flow_run.get_id() or uuid.uuid4().hex
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        crashed = store.start_run(con, run_id, len(feeds))
    if crashed:
        logger.warning("%d earlier run(s) had crashed; their unfinished items are picked up now",
                       crashed)
    stats: dict[str, float] = {}
    # the pool loads the model while feeds download
    pool = tasks.start_extractors(settings.workers, settings.spacy_model)
    try:
        started = time.perf_counter()
        new = fetch_feeds(db, run_id, feeds, settings)
        stats["fetch_feeds_s"] = time.perf_counter() - started
        with store.open_db(db, read_only=True, wait_s=settings.db_lock_wait_s) as con:
            pending = store.pending_items(con)
        logger.info("%d feeds fetched, %d new items, %d articles to make", len(feeds), new,
                    len(pending))

        _make_articles(db, run_id, pending, settings, pool, stats)
    except BaseException as exc:
        try:  # when the database is what failed, the next run marks this one crashed
            with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
                store.finish_run(con, run_id, "failed", stats,
                                 error=f"{type(exc).__name__}: {exc}")
        except store.DatabaseBusyError as busy:
            logger.error("run %s failed (%s) and could not be recorded: %s", run_id, exc, busy)
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    refresh_search_index(db, articles_changed=bool(pending))
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        store.finish_run(con, run_id, "completed", stats)
        summary = store.run_summary(con, run_id)
    _publish_summary(summary)
    logger.info(
        "run %s completed: %s new items, %s articles, %s failures in %.1f s", run_id,
        summary["items_new"], summary["articles_written"], summary["failures"],
        summary["duration_s"],
    )
    return summary


def _make_articles(db: str, run_id: str, pending: list, settings: Settings, pool,
                   stats: dict[str, float]) -> None:
    """Download, extract and store the pending articles, batch by batch.

    Pipelined so that the extraction processes never wait: while batch k is extracted, batch
    k+1 downloads and is queued in the pool behind it, and batch k-1 is written.
    """
    logger = get_run_logger()
    batches = _batches(pending, settings.batch_size)
    downloading = download_pages.submit(batches[0], settings) if batches else None
    extracting: deque[tasks.Extraction] = deque()
    storing = None
    extracted = 0

    def count(written: dict[str, float]) -> None:
        for key, value in written.items():
            stats[key] = stats.get(key, 0) + value

    def store_next() -> None:
        nonlocal storing, extracted
        started = time.perf_counter()
        processed = extracting.popleft().result()
        count({"extract_s": time.perf_counter() - started})
        if storing is not None:
            count(storing.result())
        storing = store_articles.submit(db, run_id, processed, settings.db_lock_wait_s)
        extracted += len(processed)
        logger.info("%d of %d articles extracted", extracted, len(pending))

    for number in range(1, len(batches) + 1):
        started = time.perf_counter()
        jobs = downloading.result()
        count({"fetch_articles_s": time.perf_counter() - started})
        if number < len(batches):
            downloading = download_pages.submit(batches[number], settings)
        started = time.perf_counter()
        extracting.append(tasks.Extraction(jobs, pool))  # in this process when pool is None
        count({"extract_s": time.perf_counter() - started})
        if len(extracting) > 1:
            store_next()
    while extracting:
        store_next()
    if storing is not None:
        count(storing.result())


@task(name="refresh-search-index", cache_policy=NO_CACHE)
def refresh_search_index(db: str, articles_changed: bool = True) -> int | None:
    """Rebuild the full-text index of articles (storage/search.py); None when it could not.

    Skipped when no article changed and the index exists. A failure is logged, not raised:
    the articles are stored, only search lags behind until the next run.
    """
    from storage import search

    logger = get_run_logger()
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


def _publish_summary(summary: dict) -> None:
    create_markdown_artifact(
        key="ingest-summary", markdown=summary_markdown(summary),
        description=f"newsfeed ingest run {summary['run_id']}",
    )
