"""The Python API: what the ``newsfeed`` command does, as functions (``newsfeed.ingest``, ...).

``ingest``, ``backfill`` and ``reprocess`` run the same Prefect flows as ``newsfeed run``,
``newsfeed backfill`` and ``newsfeed reprocess`` (without a Prefect server, Prefect starts a
temporary local one, a few seconds); ``Database`` reads what they stored; ``extract`` is the
extraction of one document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsfeed.config import ConfigError, load_feeds, settings_with
from newsfeed.storage.backend import check_db_writable, is_lake
from newsfeed.storage.records import RunSummary


def ingest(feeds: str | Path | Sequence[str], db: str | Path = "newsfeed.duckdb",
           **settings: object) -> RunSummary:
    """Fetch the feeds, store their new articles with facts in ``db``; the run's summary.

    ``feeds``: a feeds file (TOML, see the README) or a list of feed URLs. ``settings``
    override the feeds file's (any field of ``newsfeed.config.Settings``: ``workers=0``,
    ``runner="dask"``, ``allow_private_network=True``, ...). The inputs are checked first
    (``ConfigError``); a run that fails later is recorded and returned with status
    ``failed`` and its ``error``.
    """
    feed_list, file_settings = load_feeds(feeds)
    settings_with(file_settings, settings)  # fail now on an unknown or invalid setting
    check_db_writable(db)
    from newsfeed.flows.ingest import ingest as ingest_flow

    source = str(feeds) if isinstance(feeds, str | Path) else [f.url for f in feed_list]
    state = ingest_flow(feeds_file=source, db=str(db), settings=settings or None,
                        return_state=True)
    if state.is_completed():
        return RunSummary.from_row(state.result())
    return _failed_run(db, str(state.state_details.flow_run_id or ""), str(state.message))


def backfill(warc_files: str | Path | Sequence[str | Path], db: str | Path = "newsfeed.duckdb",
             *, hosts: Sequence[str] = (), url_pattern: str | None = None,
             since: str | None = None, until: str | None = None,
             languages: Sequence[str] = (), **settings: object) -> RunSummary:
    """Store the articles of the HTML pages archived in WARC files (.warc, .warc.gz) in ``db``.

    The same extraction and storage as ``ingest``, without any network request; pages whose
    article is stored already are skipped (a WARC read twice adds nothing). Filters:
    ``hosts`` (a host or its subdomains), ``url_pattern`` (a regular expression searched in
    the URL, or a glob such as ``*/articles/*``), ``since``/``until`` (capture time,
    WARC-Date: ``YYYY-MM-DD`` or an ISO time, UTC when naive; inclusive), ``languages`` (the
    language detected in the extracted article, e.g. ``["en"]``). ``settings``: fields of
    ``newsfeed.config.Settings`` (``workers``, ``batch_size``, ...). ``ConfigError`` for
    missing files or bad filters; a run that fails later is returned with status ``failed``.
    """
    import re
    from datetime import datetime

    from newsfeed.config import Settings
    from newsfeed.flows.warc import url_regex

    files = [warc_files] if isinstance(warc_files, str | Path) else list(warc_files)
    if not files:
        raise ConfigError("no WARC file given")
    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:
        raise ConfigError(f"WARC file(s) not found: {', '.join(missing)}")
    for name, value in (("since", since), ("until", until)):
        try:
            if value is not None:
                datetime.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"{name}: not a date or ISO time: {value!r}") from None
    try:
        url_regex(url_pattern or "")
    except re.error as exc:
        raise ConfigError(f"url_pattern: {exc}") from None
    settings_with(Settings(), settings)  # fail now on an unknown or invalid setting
    check_db_writable(db)
    from newsfeed.flows.backfill import backfill as backfill_flow

    state = backfill_flow(warc_files=[str(f) for f in files], db=str(db), hosts=list(hosts),
                          url_pattern=url_pattern, since=since, until=until,
                          languages=list(languages), settings=settings or None,
                          return_state=True)
    if state.is_completed():
        return RunSummary.from_row(state.result())
    return _failed_run(db, str(state.state_details.flow_run_id or ""), str(state.message))


def _failed_run(db: str | Path, run_id: str, message: str) -> RunSummary:
    """The runs row of a failed run (absent when the database was held from the start)."""
    from newsfeed.storage import store

    row: dict = {}
    if run_id and (is_lake(db) or Path(db).exists()):
        try:
            with store.open_db(db, read_only=True, wait_s=5.0) as con:
                row = store.run_summary(con, run_id)
        except store.DatabaseBusyError:
            pass
    row.update(run_id=run_id or row.get("run_id", ""), status="failed",
               error=row.get("error") or message)
    return RunSummary.from_row(row)


@dataclass(frozen=True)
class ReprocessSummary:
    """What ``reprocess`` did."""

    extractor_version: str
    articles_total: int  # articles that needed new facts
    articles_done: int
    entities: int
    quantities: int
    quotes: int
    dates: int
    failures: int
    duration_s: float
    stories_grouped: int = 0  # articles (re)placed in stories: those stored before stories


class ReprocessError(RuntimeError):
    """The reprocess run failed; the message says why."""


def reprocess(db: str | Path = "newsfeed.duckdb", force: bool = False,
              **settings: object) -> ReprocessSummary:
    """Extract facts again from the stored bodies of ``db``, for articles whose facts come
    from another extractor version (all of them with ``force``).

    ``settings``: ``workers``, ``runner``, ``dask_address`` as for ``ingest``; the story
    settings (``story_threshold`` ...) to place every article signed otherwise again. Raises
    ``ConfigError`` for a missing or read-only database, ``ReprocessError`` when the run fails.
    """
    story_keys = {"story_threshold", "story_num_perm", "story_shingle_words"}
    unknown = sorted(set(settings) - {"workers", "runner", "dask_address", "batch_size",
                                      *story_keys})
    if unknown:
        raise ConfigError(f"unknown reprocess setting(s): {', '.join(unknown)}")
    story = {k: settings.pop(k) for k in story_keys & set(settings)}
    if story:
        settings["story_settings"] = story
    if not is_lake(db) and not Path(db).is_file():
        raise ConfigError(f"database not found: {db}")
    check_db_writable(db)
    from newsfeed.flows.reprocess import reprocess as reprocess_flow

    state = reprocess_flow(db=str(db), force=force, return_state=True, **settings)
    if not state.is_completed():
        raise ReprocessError(f"reprocess failed: {state.message}")
    return ReprocessSummary(**state.result())
