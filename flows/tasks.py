"""The pipeline's steps as plain functions: fetch feeds, download pages, extract articles.

They do the I/O around the pure ``extract`` functions and return values for ``storage``.
``flows.ingest`` wraps them in Prefect tasks; tests call them directly.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import threading
import time
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, Protocol, TypeVar

from newsfeed.config import Settings
from newsfeed.extract.encoding import media_type
from newsfeed.extract.feed import FeedParseError, parse_feed
from newsfeed.extract.process import ArticleFailure, ArticleJob, process_batch
from newsfeed.extract.sitemap import decompressed
from newsfeed.flows.fetching import Fetched, HostPacer, elapsed_ms, fetch, make_client
from newsfeed.flows.robots import RobotsCache
from newsfeed.flows.sitemaps import is_sitemap, sitemap_outcome
from newsfeed.storage.store import FeedOutcome, FeedState, PendingItem, SitemapChild, now

T = TypeVar("T")


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion, also from a thread that already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # handed back to the caller below
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


# --- feeds -----------------------------------------------------------------------------


def _feed_outcome(feed: FeedState, fetched: Fetched, started: float, fetched_at) -> FeedOutcome:
    outcome = FeedOutcome(
        feed_id=feed.feed_id, url=feed.url, status="failed", fetched_at=fetched_at,
        duration_ms=0.0, http_status=fetched.status, new_url=fetched.permanent_redirect,
        error=fetched.error, error_kind=fetched.error_kind,
    )
    if fetched.not_modified:
        outcome.status = "not_modified"
    elif fetched.ok:
        try:
            parsed = parse_feed(decompressed(fetched.content or b""),  # a .rss.gz too
                                fetched.final_url or feed.url, fetched.content_type,
                                now=fetched_at)
        except FeedParseError as exc:
            outcome.error, outcome.error_kind = str(exc), exc.kind
        except Exception as exc:  # a parser bug on hostile input must not cost the run
            outcome.error, outcome.error_kind = f"{type(exc).__name__}: {exc}", "error"
        else:
            outcome.status, outcome.kind = "ok", "feed"
            outcome.items = parsed.items
            outcome.issues = [(issue.kind, issue.message) for issue in parsed.issues]
            outcome.title, outcome.site_url = parsed.title, parsed.link
            outcome.etag, outcome.last_modified = fetched.etag, fetched.last_modified
    outcome.duration_ms = elapsed_ms(started)
    return outcome


async def _fetch_feeds(feeds: Sequence[FeedState], settings: Settings,
                       children: dict[str, list[SitemapChild]]) -> list[FeedOutcome]:
    limit = asyncio.Semaphore(settings.feed_concurrency)
    pacer = HostPacer(settings.host_concurrency, settings.host_delay_s)
    async with make_client(settings, settings.feed_concurrency) as client:

        async def one(feed: FeedState) -> FeedOutcome:
            async with limit:
                started, fetched_at = time.perf_counter(), now()
                async with pacer.slot(feed.url):
                    fetched = await fetch(client, feed.url, settings,
                                          max_bytes=settings.max_feed_bytes, etag=feed.etag,
                                          last_modified=feed.last_modified,
                                          min_retry_wait_s=pacer.pause_s(feed.url))
                # parsing is CPU work: keep it off the event loop so downloads go on
                known = children.get(feed.feed_id, [])
                if await asyncio.to_thread(is_sitemap, feed, fetched, known):
                    # the slot is free again: a child on the same host waits for its own
                    return await sitemap_outcome(client, pacer, settings, feed, fetched,
                                                 started, fetched_at, known)
                return await asyncio.to_thread(_feed_outcome, feed, fetched, started, fetched_at)

        return await asyncio.gather(*(one(f) for f in feeds))


def fetch_feeds(feeds: Sequence[FeedState], settings: Settings,
                children: dict[str, list[SitemapChild]] | None = None) -> list[FeedOutcome]:
    """Fetch and parse every feed concurrently (conditional GET); one outcome per feed.

    A sitemap (flows/sitemaps.py) is fetched with its recent child sitemaps; ``children``
    holds the stored children of sitemap indexes, per feed id (``store.sitemap_children``).
    """
    return run_async(_fetch_feeds(feeds, settings, children or {}))


# --- pages -----------------------------------------------------------------------------

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _job(item: PendingItem, fetched: Fetched | None) -> ArticleJob:
    base = {"article_id": item.article_id, "url": item.url, "title": item.title,
            "author": item.author, "published": item.published, "summary": item.summary,
            "content": item.content}
    if fetched is None:
        reason = "no link" if not item.url else "page downloads are turned off"
        return ArticleJob(**base, page_error=ArticleFailure("page", "skipped", reason, item.url))
    failure = None
    content_type = media_type(fetched.content_type)
    if not fetched.ok:
        failure = ArticleFailure("page", fetched.error_kind or "http_status",
                                 fetched.error or f"HTTP {fetched.status}", item.url,
                                 fetched.status)
    elif content_type and content_type not in HTML_TYPES:
        failure = ArticleFailure("page", "not_html", f"content type {content_type}", item.url,
                                 fetched.status)
    return ArticleJob(**base, html=None if failure else fetched.content,
                      final_url=fetched.final_url, http_status=fetched.status,
                      content_type=fetched.content_type, page_error=failure)


async def _download(items: Sequence[PendingItem], settings: Settings) -> list[ArticleJob]:
    limit = asyncio.Semaphore(settings.article_concurrency)
    pacer = HostPacer(settings.host_concurrency, settings.host_delay_s)
    async with make_client(settings, settings.article_concurrency) as client:
        robots = RobotsCache(client, settings, pacer)

        async def one(item: PendingItem) -> ArticleJob:
            if not item.url or not settings.fetch_articles:
                return _job(item, None)
            async with limit:
                refused = await robots.verdict(item.url)
                if refused is not None:
                    return _job(item, Fetched(url=item.url, error_kind="robots", error=refused))
                async with pacer.slot(item.url):
                    fetched = await fetch(client, item.url, settings,
                                          max_bytes=settings.max_page_bytes,
                                          min_retry_wait_s=pacer.pause_s(item.url))
            return _job(item, fetched)

        return await asyncio.gather(*(one(i) for i in items))


def download_pages(items: Sequence[PendingItem], settings: Settings) -> list[ArticleJob]:
    """Download the pages of items with bounded concurrency; failures become part of the job."""
    return run_async(_download(items, settings))


# --- extraction ------------------------------------------------------------------------


def _warm_up(model: str | None) -> None:
    """Load the NLP model once per worker process, when the pool starts."""
    from newsfeed.extract.nlp import load_nlp

    load_nlp(model)


def start_extractors(workers: int,
                     model: str | None = None) -> concurrent.futures.Executor | None:
    """A process pool for extraction (None: extract in this process).

    ``model`` names the spaCy pipeline each worker loads (None: the default).
    """
    if workers <= 0:
        return None
    context = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded process
    return concurrent.futures.ProcessPoolExecutor(workers, mp_context=context,
                                                  initializer=_warm_up, initargs=(model,))


# The extraction work a chunk of jobs goes through, in a worker: ``process_batch`` (pages
# and feed entries → articles with facts) or ``refacts_batch`` (stored bodies → new facts).
Work = Callable[[list, str | None], list]


class ChunkFuture(Protocol):
    def result(self) -> list: ...


class Extractors(Protocol):
    """Where extraction runs: chunks of a batch go in, futures of their results come out."""

    @property
    def slots(self) -> int:
        """Chunks that run at the same time (processes, or threads of a cluster's workers)."""
        ...

    def submit(self, work: Work, jobs: list) -> ChunkFuture:
        """Run ``work(jobs, model)`` where the extractors are."""
        ...

    def close(self) -> None:
        """Stop the workers (a pool, a temporary cluster); waiting chunks are cancelled."""
        ...


class InlineExtractors:
    """Extraction in this process, at once (``workers = 0``)."""

    slots = 1

    def __init__(self, model: str | None) -> None:
        self.model = model

    def submit(self, work: Work, jobs: list) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        future.set_result(work(jobs, self.model))
        return future

    def close(self) -> None:
        pass


class PoolExtractors:
    """Extraction in a local process pool (``runner = "local"``)."""

    def __init__(self, pool: concurrent.futures.Executor, workers: int,
                 model: str | None) -> None:
        self._pool, self.slots, self.model = pool, workers, model

    def submit(self, work: Work, jobs: list) -> concurrent.futures.Future:
        return self._pool.submit(work, jobs, self.model)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def open_extractors(settings: Settings, most: int | None = None) -> Extractors:
    """Start this run's extraction workers (at most ``most`` local processes).

    ``runner = "dask"`` sends chunks to a Dask cluster (flows/dask_runner.py); otherwise a
    local process pool of ``workers`` processes, each loading the model once, or this process
    itself when ``workers`` is 0.
    """
    if settings.runner == "dask":
        from newsfeed.flows.dask_runner import DaskExtractors

        return DaskExtractors(settings)
    workers = settings.workers if most is None else min(settings.workers, most)
    pool = start_extractors(workers, settings.spacy_model)
    if pool is None:
        return InlineExtractors(settings.spacy_model)
    return PoolExtractors(pool, workers, settings.spacy_model)


CHUNKS_PER_WORKER = 4


class Extraction:
    """A batch handed to the extractors; ``result()`` waits for its results, in order.

    Handing over the next batch before waiting for this one keeps every worker busy across
    batch boundaries. Each worker gets a few chunks rather than one, so that a slow article
    does not leave the others idle at the end of the batch.
    """

    def __init__(self, jobs: list, extractors: Extractors, work: Work = process_batch) -> None:
        size = max(1, -(-len(jobs) // (extractors.slots * CHUNKS_PER_WORKER)))
        self._done: list | None = None
        self._futures = [extractors.submit(work, jobs[i:i + size])
                         for i in range(0, len(jobs), size)]

    def result(self) -> list:
        if self._done is None:
            self._done = [p for future in self._futures for p in future.result()]
        return self._done
