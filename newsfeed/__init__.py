"""newsfeed: a scheduled news-feed pipeline (RSS/Atom → articles → facts → DuckDB).

The Python API (see the README, "Python API")::

    import newsfeed

    summary = newsfeed.ingest("feeds.toml", "news.duckdb")      # a RunSummary
    db = newsfeed.Database("news.duckdb")
    db.query("SELECT title FROM articles LIMIT 5")              # rows as dicts
    article = newsfeed.extract(html, url="https://…")           # an Article with .facts

Names are imported when first used, so that ``import newsfeed`` stays fast (no Prefect,
no NLP model until they are needed).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from newsfeed.config import ConfigError, FeedConfig, Settings, __version__

if TYPE_CHECKING:
    from newsfeed import extract
    from newsfeed.api import ReprocessError, ReprocessSummary, backfill, ingest, reprocess
    from newsfeed.extract.types import Article, Facts
    from newsfeed.storage.database import Database
    from newsfeed.storage.readonly import QueryError
    from newsfeed.storage.records import Failure, HealthAlert, RunSummary, StoredArticle
    from newsfeed.storage.search import SearchHit, SearchUnavailableError

__all__ = [
    "Article", "ConfigError", "Database", "Facts", "Failure", "FeedConfig", "HealthAlert",
    "QueryError",
    "ReprocessError", "ReprocessSummary", "RunSummary", "SearchHit", "SearchUnavailableError",
    "Settings", "StoredArticle", "__version__", "backfill", "extract", "ingest", "reprocess",
]

_LAZY = {
    "Article": "newsfeed.extract.types", "Facts": "newsfeed.extract.types",
    "Database": "newsfeed.storage.database", "QueryError": "newsfeed.storage.readonly",
    "Failure": "newsfeed.storage.records", "RunSummary": "newsfeed.storage.records",
    "HealthAlert": "newsfeed.storage.records",
    "StoredArticle": "newsfeed.storage.records", "SearchHit": "newsfeed.storage.search",
    "SearchUnavailableError": "newsfeed.storage.search", "ingest": "newsfeed.api",
    "backfill": "newsfeed.api",
    "reprocess": "newsfeed.api", "ReprocessSummary": "newsfeed.api",
    "ReprocessError": "newsfeed.api",
}


def __getattr__(name: str) -> object:
    if name == "extract":  # the package newsfeed.extract, callable: newsfeed.extract(html)
        return importlib.import_module("newsfeed.extract")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsfeed' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
