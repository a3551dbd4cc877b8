"""The ``backfill`` flow: archived pages (WARC files) → articles and facts → DuckDB.

No network request: the HTML responses of the WARC files (flows/warc.py) go through the
same extraction and storage as the pages of a live run (flows/pipeline.py). Each file is
streamed, batch by batch, so memory stays flat whatever its size. Each archived page becomes
an item of its file's pseudo-feed (``warc:NAME``); pages whose article is stored already
(by an earlier backfill, or a live run) are skipped before extraction: a WARC read twice
adds nothing.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from newsfeed.config import Settings, settings_with
from newsfeed.extract.ids import canonical_url
from newsfeed.extract.ids import item_id as url_id
from newsfeed.extract.process import ArticleJob, ProcessedArticle
from newsfeed.flows import tasks
from newsfeed.flows.ingest import refresh_search_index
from newsfeed.flows.pipeline import extract_and_store, record_failed_run
from newsfeed.flows.summary import summary_markdown
from newsfeed.flows.warc import ArchivedPage, BadRecord, PageFilter, read_pages
from newsfeed.storage import store, stories
from newsfeed.storage.backend import check_db_writable
from newsfeed.storage.lock import writer_lock


@task(name="store-archived", cache_policy=NO_CACHE)
def store_archived(db: str, run_id: str, feed_id: str, items: list, processed: list,
                   failures: list, settings: Settings) -> dict[str, float]:
    """Write a batch of archived pages with their articles, placed in stories; rows per fact
    table and seconds."""
    started = time.perf_counter()
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        written: dict[str, float] = dict(store.store_archived(
            con, run_id, feed_id, items, processed, failures, stories.scheme_for(settings)))
    written["store_s"] = time.perf_counter() - started
    return written


class _Batch:
    """The WARC-side state of the batches in flight: their items and failures to write."""

    def __init__(self) -> None:
        self.items: dict[str, store.ArchivedItem] = {}
        self.failures: list[dict] = []
        self.unreadable: str | None = None  # why the file could not be read to the end

    def take(self, processed: Sequence[ProcessedArticle]) -> tuple[list, list]:
        items = [self.items.pop(p.article_id) for p in processed if p.article_id in self.items]
        failures, self.failures = self.failures, []
        return items, failures


def _job_batches(db: str, run_id: str, feed_id: str, path: str, keep: PageFilter,
                 settings: Settings, state: _Batch,
                 counts: Counter) -> Iterator[list[ArticleJob]]:
    """Batches of extraction jobs of one WARC file's new pages (stored articles left out)."""

    def new_jobs(pages: list[ArchivedPage]) -> list[ArticleJob]:
        by_id: dict[str, ArchivedPage] = {}
        for page in pages:  # the first capture of a URL in a batch
            by_id.setdefault(url_id(None, page.url), page)
        with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
            stored = store.stored_article_ids(con, list(by_id))
        counts["skipped_stored"] += len(stored)
        counts["skipped_repeated"] += len(pages) - len(by_id)
        jobs = []
        for article_id, page in by_id.items():
            if article_id in stored or article_id in state.items:  # (or in a batch in flight)
                counts["skipped_repeated"] += article_id not in stored
                continue
            canonical = canonical_url(page.url)
            state.items[article_id] = store.ArchivedItem(article_id, page.url, canonical,
                                                         page.captured_at)
            jobs.append(ArticleJob(article_id=article_id, url=canonical, html=page.html,
                                   final_url=page.url, http_status=page.http_status,
                                   content_type=page.content_type))
        return jobs

    pages: list[ArchivedPage] = []
    for record in read_pages(path, keep, counts, max_bytes=settings.max_page_bytes):
        if isinstance(record, BadRecord):
            message = f"{path} at byte {record.offset}: {record.message}"
            state.failures.append(store.failure_row(run_id, "archive", record.kind, message,
                                                    url=record.url, feed_id=feed_id))
            if record.kind == "unreadable":
                state.unreadable = message
            continue
        pages.append(record)
        if len(pages) >= settings.batch_size:
            jobs = new_jobs(pages)
            pages = []
            if jobs:
                yield jobs
    if pages and (jobs := new_jobs(pages)):
        yield jobs


def _store_step(db: str, run_id: str, feed_id: str, state: _Batch,
                languages: tuple[str, ...], settings: Settings,
                counts: Counter) -> Callable[[list], object]:
    """What the pipeline calls with each extracted batch: keep the articles, submit the write.

    A page whose body could not be extracted gives no article (a live run would fall back to
    the feed's text; an archive has none): its failures are recorded. ``languages`` keeps the
    articles whose detected language is one of them.
    """

    def submit(processed: list[ProcessedArticle]):
        items, failures = state.take(processed)
        kept = []
        for p in processed:
            if p.body_source != "page":
                failures.extend(store.failure_row(
                    run_id, f.stage, f.kind, f.message, url=f.url, article_id=p.article_id,
                    http_status=f.http_status) for f in p.failures)
                counts["no_body"] += 1
            elif languages and (p.article.language or "") not in languages:
                counts["skipped_language"] += 1
            else:
                kept.append(p)
        return store_archived.submit(db, run_id, feed_id, quote(items), quote(kept),
                                     quote(failures), settings)

    return submit


def _parse_time(value: str | datetime | None, end_of_day: bool = False) -> datetime | None:
    """A datetime of ``since``/``until``: an ISO time (UTC when naive), or a day: its first
    moment, or with ``end_of_day`` its last (an ``until`` day is included whole)."""
    if value is None or isinstance(value, datetime):
        parsed = value
    else:
        parsed = datetime.fromisoformat(value)
        if end_of_day and len(value.strip()) == len("YYYY-MM-DD"):
            parsed += timedelta(days=1, microseconds=-1)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


@flow(name="backfill")
def backfill(warc_files: list[str], db: str = "newsfeed.duckdb",
             hosts: list[str] | None = None, url_pattern: str | None = None,
             since: str | None = None, until: str | None = None,
             languages: list[str] | None = None, settings: dict | None = None) -> dict:
    """Store the articles of the HTML pages archived in ``warc_files`` (.warc or .warc.gz).

    Filters: ``hosts`` (a host or its subdomains), ``url_pattern`` (regular expression, or
    a glob), ``since``/``until`` (capture time, ISO day or time, UTC when naive; inclusive),
    ``languages`` (the article's detected language, after extraction). ``settings``: fields of
    ``newsfeed.config.Settings`` (``workers``, ``batch_size``, ...). The run is recorded in
    ``runs`` with kind ``backfill``; bad records go to ``failures`` and never stop it.
    """
    logger = get_run_logger()
    check_db_writable(db)
    missing = [f for f in warc_files if not Path(f).is_file()]
    if missing:
        raise FileNotFoundError(f"WARC file(s) not found: {', '.join(missing)}")
    run_settings = settings_with(Settings(), settings or {})
    keep = PageFilter(tuple(hosts or ()), url_pattern, _parse_time(since),
                      _parse_time(until, end_of_day=True))

    def waiting(lock: Path) -> None:
        logger.info("another run is writing %s (%s); waiting up to %.0f s", db, lock,
                    run_settings.writer_wait_s)

    with writer_lock(db, run_settings.writer_wait_s, on_wait=waiting):
        return _backfill(db, [str(f) for f in warc_files], keep,
                         tuple(languages or ()), run_settings)


def _backfill(db: str, warc_files: list[str], keep: PageFilter, languages: tuple[str, ...],
              settings: Settings) -> dict:
    logger = get_run_logger()
    run_id = flow_run.get_id() or uuid.uuid4().hex
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        store.start_run(con, run_id, len(warc_files), kind="backfill")
    stats: dict[str, float] = {}
    counts: Counter = Counter()
    extractors = None
    try:
        extractors = tasks.open_extractors(settings)
        for path in warc_files:
            _backfill_file(db, run_id, path, keep, languages, settings, extractors, stats,
                           counts)
    except BaseException as exc:
        record_failed_run(db, run_id, stats, exc, settings, logger)
        raise
    finally:
        if extractors is not None:
            extractors.close()
    refresh_search_index(db, articles_changed=counts["extracted"] > 0)
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        store.finish_run(con, run_id, "completed", stats)
        summary = store.run_summary(con, run_id)
    summary["records"] = dict(counts)
    create_markdown_artifact(key="backfill-summary", markdown=summary_markdown(summary),
                             description=f"newsfeed backfill run {run_id}")
    logger.info("backfill %s completed: %s new items, %s articles, %s failures in %.1f s "
                "(records: %s)", run_id, summary["items_new"], summary["articles_written"],
                summary["failures"], summary["duration_s"], dict(counts))
    return summary


def _backfill_file(db: str, run_id: str, path: str, keep: PageFilter,
                   languages: tuple[str, ...], settings: Settings,
                   extractors: tasks.Extractors, stats: dict[str, float],
                   counts: Counter) -> None:
    """Extract and store the new pages of one WARC file; record its reading."""
    logger = get_run_logger()
    started_at = store.now()
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        feed_id = store.archive_feed(con, path)
    state = _Batch()
    file_counts: Counter = Counter()
    started = time.perf_counter()

    def progress(done: int) -> None:
        rate = file_counts["html"] / max(time.perf_counter() - started, 1e-9)
        logger.info("%s: %d responses read, %d HTML pages, %d extracted (%.1f pages/s)",
                    Path(path).name, file_counts["responses"], file_counts["html"], done, rate)

    jobs = _job_batches(db, run_id, feed_id, path, keep, settings, state, file_counts)
    extracted = extract_and_store(
        jobs, extractors, _store_step(db, run_id, feed_id, state, languages, settings,
                                      file_counts), stats, progress)
    file_counts["extracted"] += extracted
    with store.open_db(db, wait_s=settings.db_lock_wait_s) as con:
        if state.failures:  # bad records after the last batch
            store.store_archived(con, run_id, feed_id, [], [], state.failures)
        store.store_archive_read(con, run_id, feed_id, path, started_at,
                                 "failed" if state.unreadable else "ok", file_counts["html"],
                                 error=state.unreadable)
    counts.update(file_counts)
    logger.info("%s: %s", Path(path).name, dict(file_counts))
