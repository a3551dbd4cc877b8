"""The feeds file (TOML) and the pipeline's settings.

A feeds file lists the feeds to follow and, optionally, settings::

    [settings]
    article_concurrency = 8

    [[feeds]]
    url = "https://example.org/world.rss"
    name = "World"
    tags = ["world", "news"]

    [[feeds]]
    url = "https://example.org/sitemap_index.xml"
    type = "sitemap"   # optional: "feed" or "sitemap"; without it, what the URL serves decides
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import tomli_w

__version__ = "0.1.0"  # the distribution's version too (pyproject.toml reads it here)


class ConfigError(ValueError):
    """The feeds file or a setting is unusable; the message says why."""


@dataclass(frozen=True)
class FeedConfig:
    """One feed to follow."""

    url: str
    name: str | None = None
    tags: tuple[str, ...] = ()
    type: str | None = None  # "feed", "sitemap", or None: detected from what the URL serves


FEED_TYPES = ("feed", "sitemap")


def default_workers() -> int:
    """Extraction processes by default: one per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


RUNNERS = ("local", "dask")
MODEL_ENV = "NEWSFEED_SPACY_MODEL"  # the default of the spacy_model setting
DASK_ADDRESS = re.compile(r"(?:[a-z]+://)?[^\s/]+")  # scheme://host:port, as Dask writes it


@dataclass(frozen=True)
class Settings:
    """Knobs of one ingest run. Defaults suit a laptop following a few hundred feeds."""

    user_agent: str = (
        f"newsfeed/{__version__} (+https://pypi.org/project/newsfeed-pipeline/; feed reader)"
    )
    connect_timeout_s: float = 10.0
    request_deadline_s: float = 30.0  # total time for one request, body included
    retries: int = 2  # extra attempts on timeouts, connection errors, 429 and 5xx
    retry_backoff_s: float = 1.0  # doubled on each attempt
    max_feed_bytes: int = 10 * 1024 * 1024
    max_page_bytes: int = 5 * 1024 * 1024
    feed_concurrency: int = 16
    article_concurrency: int = 8
    batch_size: int = 64  # articles per extraction / write batch
    workers: int = field(default_factory=lambda: default_workers())  # extraction processes
    fetch_articles: bool = True  # False: use only the feeds' own content
    # the spaCy pipeline of fact extraction; None: the default (extract/nlp.py, load_nlp)
    spacy_model: str | None = field(default_factory=lambda: os.environ.get(MODEL_ENV) or None)
    # where extraction runs: "local" (a process pool of `workers`) or "dask" (flows/dask_runner.py)
    runner: str = "local"
    dask_address: str | None = None  # Dask scheduler, e.g. tcp://host:8786; None: a LocalCluster
    # safety and politeness (flows/netguard.py, flows/robots.py)
    allow_private_network: bool = False  # True: also fetch loopback/private/link-local hosts
    respect_robots: bool = True  # obey robots.txt for article pages (not for the feeds)
    host_concurrency: int = 2  # requests in flight to one host at a time
    host_delay_s: float = 0.25  # minimum time between the starts of two requests to one host
    # sitemaps (flows/sitemaps.py): entries whose news:publication_date (else lastmod) is older
    # than this are left out, and so are entries without either date; child sitemaps whose
    # lastmod is older are not fetched
    sitemap_max_age_days: float = 2.0
    sitemap_max_children: int = 50  # child sitemaps fetched per sitemap index and run, newest first
    # items kept per sitemap and run, newest first: a site whose lastmod is always "now" cannot
    # flood a run either
    sitemap_max_items: int = 1000
    # a host's robots.txt Crawl-delay (for our User-Agent, else *) is honoured up to this many
    # seconds (one request at a time, that long from the end of one to the start of the next);
    # 0 ignores Crawl-delay
    max_crawl_delay_s: float = 60.0
    db_lock_wait_s: float = 60.0  # how long a write waits while another process holds the file
    writer_wait_s: float = 3600.0  # how long a run waits for another writer of the database
    # where a new DuckLake (--db ducklake:…) keeps its Parquet files: a directory or s3://…;
    # needed only the first time, the lake's catalog remembers it
    lake_data_path: str | None = None
    # the health check at the end of each run (storage/health.py; README, "Health alerts").
    # A site: its figures over the last health_window_h hours (at least health_min_pages
    # pages, some from this run) against the median of its daily figures of the
    # health_history_days days before (days of health_min_day_pages pages or more, at least
    # health_min_history_days of them); an alert when the share of bodies from the page or
    # of articles with facts fell by health_share_drop or more (0.4 = 40 points), or the
    # median body length by health_length_drop or more (0.5 = halved)
    health_window_h: float = 24.0
    health_history_days: int = 14
    health_min_pages: int = 5
    health_min_day_pages: int = 3
    health_min_history_days: int = 3
    health_share_drop: float = 0.4
    health_length_drop: float = 0.5
    # a feed is silent when its last new item is older than health_silent_factor times its
    # usual interval (median gap between the times it brought new items, learned from at
    # least health_min_gaps gaps) and than health_silent_min_h hours
    health_silent_factor: float = 4.0
    health_silent_min_h: float = 24.0
    health_min_gaps: int = 5
    health_failing_runs: int = 3  # a feed whose last this many fetches all failed
    # stories (extract/stories.py, storage/stories.py): bodies whose word shingles have an
    # estimated Jaccard similarity of story_threshold or more are copies of one story; a
    # change of any of the three makes new signatures (newsfeed reprocess regroups)
    story_threshold: float = 0.5
    story_num_perm: int = 128  # MinHash permutations per signature
    story_shingle_words: int = 5  # words per shingle

    def __post_init__(self) -> None:
        if self.runner not in RUNNERS:
            raise ConfigError(f"runner must be one of {', '.join(RUNNERS)}, got {self.runner!r}")
        if self.sitemap_max_age_days <= 0:
            raise ConfigError(f"sitemap_max_age_days must be positive, "
                              f"got {self.sitemap_max_age_days!r}")
        if self.dask_address is not None and not DASK_ADDRESS.fullmatch(self.dask_address):
            raise ConfigError(f"dask_address must look like tcp://host:8786, "
                              f"got {self.dask_address!r}")
        if not 0 < self.story_threshold <= 1:
            raise ConfigError(f"story_threshold must be in (0, 1], got {self.story_threshold}")
        if self.story_num_perm < 2 or self.story_shingle_words < 1:
            raise ConfigError("story_num_perm must be 2 or more, story_shingle_words 1 or more")

    def with_overrides(self, **overrides: object) -> Settings:
        """A copy with the given settings changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _settings_from_table(table: dict, source: Path | str,
                         base: Settings | None = None) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s): {', '.join(unknown)}")
    try:
        return (base or Settings()).with_overrides(**table)
    except (ConfigError, TypeError) as exc:
        raise ConfigError(f"{source}: {exc}") from None


def load_feeds_file(path: Path) -> tuple[list[FeedConfig], Settings]:
    """Read a feeds file; raise ConfigError with a clear message when it is unusable."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"feeds file not found: {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("feeds", []), start=1):
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"{path}: feed #{i} needs an http(s) url, got {url!r}")
        if url in seen:
            continue
        seen.add(url)
        tags = entry.get("tags", [])
        if isinstance(tags, str):
            tags = [tags]
        kind = entry.get("type")
        if kind is not None and kind not in FEED_TYPES:
            raise ConfigError(f"{path}: feed #{i} has type {kind!r}; use one of "
                              f"{', '.join(FEED_TYPES)} or leave it out")
        feeds.append(FeedConfig(url=url, name=entry.get("name"), tags=tuple(tags), type=kind))
    if not feeds:
        raise ConfigError(f"{path}: no [[feeds]] entries")
    return feeds, _settings_from_table(data.get("settings", {}), path)


def load_feeds(source: str | Path | Sequence[str]) -> tuple[list[FeedConfig], Settings]:
    """The feeds to follow and the settings: from a feeds file, or a list of feed URLs
    (with the default settings)."""
    if isinstance(source, str | Path):
        return load_feeds_file(Path(source))
    feeds = []
    for url in dict.fromkeys(source):
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"a feed needs an http(s) url, got {url!r}")
        feeds.append(FeedConfig(url=url))
    if not feeds:
        raise ConfigError("no feeds given")
    return feeds, Settings()


def settings_with(settings: Settings, overrides: dict[str, object] | None) -> Settings:
    """``settings`` with the given ones changed (``None`` values ignored); ConfigError names
    an unknown setting."""
    return _settings_from_table(
        {k: v for k, v in (overrides or {}).items() if v is not None}, "settings", settings)


def feeds_toml(feeds: list[FeedConfig]) -> str:
    """Render feeds as the TOML of a feeds file."""
    entries = []
    for feed in feeds:
        entry: dict[str, object] = {"url": feed.url}
        if feed.name:
            entry["name"] = feed.name
        if feed.tags:
            entry["tags"] = list(feed.tags)
        if feed.type:
            entry["type"] = feed.type
        entries.append(entry)
    return tomli_w.dumps({"feeds": entries})


def feeds_from_opml(source: str | bytes) -> list[FeedConfig]:
    """Feeds of an OPML subscription list (as every feed reader exports), folders → tags."""
    import listparser

    result = listparser.parse(source)
    if not result.feeds:
        reason = f": {result.bozo_exception}" if result.bozo else ""
        raise ConfigError(f"no feeds found in the OPML{reason}")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for feed in result.feeds:
        if feed.url in seen:
            continue
        seen.add(feed.url)
        tags = tuple(dict.fromkeys(t for cat in feed.categories for t in cat if t))
        feeds.append(FeedConfig(url=feed.url, name=feed.title or None, tags=tags))
    return feeds
