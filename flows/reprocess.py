"""The ``reprocess`` flow: extract facts again from stored article bodies.

For when the fact extractor changes (``extract.facts.EXTRACTOR_VERSION``): articles whose
facts come from another version (or all of them, with ``force``) get new facts, batch by
batch, on the same extractors as ``ingest`` (a local process pool, this process, or a Dask
cluster: ``runner``), one transaction per batch. No page is downloaded. Interrupted, it
picks up where it stopped: finished batches carry the new version already.

Then articles without a story (stored before stories existed) or whose signature was made
with other story settings are signed from their stored bodies and placed in stories, in
order of publication; articles already in a story of the current settings keep it.
"""

from __future__ import annotations

import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from newsfeed.config import ConfigError, Settings, settings_with
from newsfeed.extract.facts import EXTRACTOR_VERSION
from newsfeed.extract.process import RefactedArticle, refacts_batch
from newsfeed.flows import tasks
from newsfeed.storage import reprocess as sql
from newsfeed.storage import store, stories
from newsfeed.storage.backend import check_db_writable
from newsfeed.storage.lock import writer_lock


@task(name="store-facts", cache_policy=NO_CACHE)
def store_facts(db: str, results: list) -> dict[str, int]:
    with store.open_db(db) as con:
        return sql.replace_facts(con, results)


@task(name="group-stories", cache_policy=NO_CACHE)
def group_stories(db: str, settings: Settings, batch_size: int, other_schemes: bool) -> int:
    """Place in stories the articles that have none (stored before stories existed), and with
    ``other_schemes`` those signed with other story settings; return how many were placed."""
    scheme = stories.scheme_for(settings)
    with store.open_db(db, read_only=True) as con:
        ids = stories.articles_to_group(con, scheme, other_schemes)
    for start in range(0, len(ids), batch_size):  # in order of publication: originals first
        with store.open_db(db) as con:
            stories.regroup(con, ids[start:start + batch_size], scheme)
    return len(ids)


def summary_markdown(summary: dict) -> str:
    """The reprocess summary as a Markdown table."""
    labels = [("Extractor version", "extractor_version"), ("Articles to redo", "articles_total"),
              ("Articles redone", "articles_done"), ("Entities", "entities"),
              ("Quantities", "quantities"), ("Quotes", "quotes"), ("Dates", "dates"),
              ("Fact extraction failures", "failures"),
              ("Articles placed in stories", "stories_grouped"), ("Duration (s)", "duration_s")]
    lines = ["| | |", "|---|---:|"]
    for label, key in labels:
        value = summary.get(key)
        lines.append(f"| {label} | {value:.1f} |" if isinstance(value, float)
                     else f"| {label} | {value} |")
    return "\n".join(lines)


@flow(name="reprocess")
def reprocess(db: str = "newsfeed.duckdb", force: bool = False, workers: int | None = None,
              batch_size: int = 64, runner: str | None = None,
              dask_address: str | None = None, story_settings: dict | None = None) -> dict:
    """Extract facts again from the stored bodies of ``db``'s articles.

    Only articles whose facts come from another extractor version, unless ``force``.
    ``runner`` and ``dask_address`` choose where extraction runs, as for ``ingest``.
    Articles without a story are placed in one; with ``story_settings`` (``story_threshold``,
    ``story_num_perm``, ``story_shingle_words``), also those signed with other story settings.
    """
    logger = get_run_logger()
    if not Path(db).is_file():
        raise ConfigError(f"database not found: {db}")
    check_db_writable(Path(db))
    settings = Settings().with_overrides(workers=workers, runner=runner,
                                         dask_address=dask_address)
    settings = settings_with(settings, story_settings)

    def waiting(lock: Path) -> None:
        logger.info("another run is writing %s (%s); waiting", db, lock)

    with writer_lock(db, settings.writer_wait_s, on_wait=waiting):
        return _reprocess(db, force, settings, max(1, batch_size), story_settings is not None)


def _reprocess(db: str, force: bool, settings: Settings, batch_size: int,
               regroup_other_schemes: bool) -> dict:
    logger = get_run_logger()
    started = time.perf_counter()
    with store.open_db(db, read_only=True) as con:
        ids = sql.articles_to_reprocess(con, EXTRACTOR_VERSION, force=force)
    summary: dict = {"extractor_version": EXTRACTOR_VERSION, "articles_total": len(ids),
                     "articles_done": 0, "entities": 0, "quantities": 0, "quotes": 0,
                     "dates": 0, "failures": 0}
    logger.info("%d articles to reprocess with extractor %s", len(ids), EXTRACTOR_VERSION)
    extractors = tasks.open_extractors(settings, most=len(ids)) if ids else None
    try:
        batches = [ids[i:i + batch_size] for i in range(0, len(ids), batch_size)]
        for number, batch in enumerate(batches, start=1):
            with store.open_db(db, read_only=True) as con:
                jobs = sql.facts_jobs(con, batch)
            # spread over the extractors, as ingest does (Dask chunks are task runs of their own)
            results: list[RefactedArticle] = tasks.Extraction(
                jobs, extractors, work=refacts_batch).result()
            written = store_facts(db, results)
            for key, count in written.items():
                if key in summary:
                    summary[key] += count
            summary["articles_done"] += len(results)
            summary["failures"] += sum(r.failure is not None for r in results)
            logger.info("batch %d/%d: facts of %d articles replaced", number, len(batches),
                        len(results))
    finally:
        if extractors is not None:
            extractors.close()
    summary["stories_grouped"] = group_stories(db, settings, batch_size, regroup_other_schemes)
    summary["duration_s"] = time.perf_counter() - started
    create_markdown_artifact(key="reprocess-summary", markdown=summary_markdown(summary),
                             description=f"newsfeed reprocess of {db}")
    logger.info("reprocess completed: %d articles, %d failures in %.1f s",
                summary["articles_done"], summary["failures"], summary["duration_s"])
    return summary
