"""Extraction and storage of article batches, pipelined: shared by ``ingest`` and ``backfill``.

While batch k is extracted, batch k+1 is made (downloaded, or read from a WARC file) and
queued in the pool behind it, and batch k-1 is written, so the extraction processes never wait.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Protocol

from newsfeed.config import Settings
from newsfeed.flows import tasks
from newsfeed.storage import store


class Stored(Protocol):
    def result(self) -> dict[str, float]: ...


def extract_and_store(job_batches: Iterator[list], extractors: tasks.Extractors,
                      store: Callable[[list], Stored], stats: dict[str, float],
                      progress: Callable[[int], None]) -> int:
    """Extract every batch of ``ArticleJob``s and hand the results to ``store``; how many.

    ``store`` submits a batch of ``ProcessedArticle``s for writing and returns its future (a
    dict of counts and seconds, added to ``stats``); ``progress`` gets the number extracted so
    far after each batch. ``extract_s`` in ``stats`` is the time spent waiting for extraction.
    """
    extracting: deque[tasks.Extraction] = deque()
    storing: Stored | None = None
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
        storing = store(processed)
        extracted += len(processed)
        progress(extracted)

    for jobs in job_batches:
        started = time.perf_counter()
        extracting.append(tasks.Extraction(jobs, extractors))
        count({"extract_s": time.perf_counter() - started})
        if len(extracting) > 1:
            store_next()
    while extracting:
        store_next()
    if storing is not None:
        count(storing.result())
    return extracted


def record_failed_run(db: str, run_id: str, stats: dict[str, float], exc: BaseException,
                      settings: Settings, logger: logging.Logger | logging.LoggerAdapter) -> None:
    """Record the run as failed with the error that stopped it. When the database is what
    failed (too busy to record it), say so in the log: the next run marks this one crashed."""
    try:
        with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
            store.finish_run(con, run_id, "failed", stats, error=f"{type(exc).__name__}: {exc}")
    except store.DatabaseBusyError as busy:
        logger.error("run %s failed (%s) and could not be recorded: %s", run_id, exc, busy)
