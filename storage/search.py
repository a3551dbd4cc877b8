"""Full-text search over article titles and bodies: DuckDB's ``fts`` extension (BM25).

The extension is loaded offline from the ``duckdb-extension-fts`` wheel, which ships the
signed extension file for this DuckDB version; nothing is downloaded and signature checks
stay on (storage/extensions.py). The index lives in the database (schema
``fts_main_articles``) and is rebuilt by ``refresh_index`` at the end of each ingest run.

Not on a DuckLake: the index is made of macros and tables DuckLake cannot hold.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsfeed.storage.backend import database_is_lake
from newsfeed.storage.extensions import ExtensionUnavailableError, load_extension, shipped_file

INDEX_SCHEMA = "fts_main_articles"
STEMMER = "porter"
SNIPPET_WORDS = 30


class SearchUnavailableError(RuntimeError):
    """The fts extension cannot be loaded, or the database has no search index yet."""


NOT_ON_LAKE = ("full-text search is not available on a DuckLake (it cannot hold the search "
               "index); use `newsfeed query` with ILIKE or regexp_matches instead")


def fts_extension_file() -> Path | None:
    """The fts extension file shipped by ``duckdb-extension-fts`` for this DuckDB, if any."""
    return shipped_file("fts")


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the fts extension into ``con``: from the wheel, else an already installed copy."""
    try:
        load_extension(con, "fts")
    except ExtensionUnavailableError as exc:
        raise SearchUnavailableError(str(exc)) from exc


def has_index(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the current database holds the article search index."""
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = ? AND table_name = 'docs'", [INDEX_SCHEMA]).fetchone()[0])


def refresh_index(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build the BM25 index over articles.title and articles.body; return articles indexed.

    DuckDB's fts index does not follow inserts, so it is rebuilt whole, in one transaction:
    readers see the old index or the new one. Cost grows with the corpus (about 30 s for
    50,000 articles of 400 words on 2 cores), which is why runs that add nothing skip it.
    Raises SearchUnavailableError on a DuckLake.
    """
    if database_is_lake(con):
        raise SearchUnavailableError(NOT_ON_LAKE)
    load_fts(con)
    con.execute("SET enable_progress_bar = false")  # runs inside the flow: no bar on stdout
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            f"PRAGMA create_fts_index('articles', 'article_id', 'title', 'body', "
            f"stemmer = '{STEMMER}', stopwords = 'english', strip_accents = 1, lower = 1, "
            f"overwrite = 1)")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return con.execute(f"SELECT count(*) FROM {INDEX_SCHEMA}.docs").fetchone()[0]


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    published_at: dt.datetime | None
    feeds: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # spans in snippet


SEARCH_SQL = f"""
WITH scored AS (
    SELECT article_id, {INDEX_SCHEMA}.match_bm25(article_id, $query) AS score FROM articles
), article_feeds AS (
    SELECT i.article_id, string_agg(DISTINCT coalesce(f.name, f.title, f.url), ', '
                                    ORDER BY coalesce(f.name, f.title, f.url)) AS feeds,
           list(DISTINCT lower(f.name)) || list(DISTINCT lower(f.title))
               || list(DISTINCT f.feed_id) AS keys
    FROM items AS i JOIN item_feeds AS x USING (item_id) JOIN feeds AS f USING (feed_id)
    GROUP BY i.article_id
)
SELECT a.article_id, a.title, a.published_at, af.feeds, s.score, a.body
FROM scored AS s JOIN articles AS a USING (article_id)
LEFT JOIN article_feeds AS af USING (article_id)
WHERE s.score IS NOT NULL
  AND ($since IS NULL OR timezone('UTC', a.published_at) >= $since)
  AND ($feed IS NULL OR list_contains(af.keys, lower($feed)) OR list_contains(af.keys, $feed))
ORDER BY s.score DESC, a.published_at DESC NULLS LAST, a.article_id
LIMIT $limit
"""


def search(con: duckdb.DuckDBPyConnection, query: str, *, since: dt.date | None = None,
           feed: str | None = None, limit: int = 10) -> list[SearchHit]:
    """Articles matching ``query`` by BM25 over title and body, best first, with a snippet.

    ``since`` keeps articles published on or after that day (UTC); ``feed`` keeps articles
    carried by the feed of that name, title or id.
    """
    if not query.strip():
        raise ValueError("empty search query")
    if database_is_lake(con):
        raise SearchUnavailableError(NOT_ON_LAKE)
    if not has_index(con):
        raise SearchUnavailableError(
            "this database has no search index yet: it is built at the end of each "
            "`newsfeed run`")
    since_ts = dt.datetime.combine(since, dt.time()) if since else None
    rows = con.execute(SEARCH_SQL, {"query": query, "since": since_ts, "feed": feed,
                                    "limit": limit}).fetchall()
    terms = query_stems(con, query)
    hits = []
    for article_id, title, published_at, feeds, score, body in rows:
        snippet, spans = make_snippet(con, body or "", terms)
        hits.append(SearchHit(article_id, title, published_at, feeds, score, snippet, spans))
    return hits


WORD = re.compile(r"\w+")


def _fold(word: str) -> str:
    """Lower-case and strip accents, as the index does."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stems(con: duckdb.DuckDBPyConnection, words: list[str]) -> list[str]:
    if not words:
        return []
    return con.execute(f"SELECT list_transform(?, w -> stem(w, '{STEMMER}'))",
                       [words]).fetchone()[0]


def query_stems(con: duckdb.DuckDBPyConnection, query: str) -> set[str]:
    """The stems the index matches for ``query`` (stopwords dropped)."""
    words = [_fold(w) for w in WORD.findall(query)]
    stop = {r[0] for r in con.execute(
        f"SELECT sw FROM {INDEX_SCHEMA}.stopwords WHERE list_contains(?, sw)", [words]
    ).fetchall()}
    return set(_stems(con, [w for w in words if w not in stop]))


def make_snippet(con: duckdb.DuckDBPyConnection, body: str, terms: set[str],
                 width: int = SNIPPET_WORDS) -> tuple[str, list[tuple[int, int]]]:
    """The window of ``width`` words of ``body`` holding most query terms, and their spans."""
    words = list(WORD.finditer(body))
    if not words:
        return "", []
    stems = _stems(con, [_fold(m.group()) for m in words])
    matched = [stem in terms for stem in stems]
    best_start, best_count = 0, -1
    for start in range(0, max(1, len(words) - width + 1)):
        window = matched[start:start + width]
        count = len({stems[start + i] for i, hit in enumerate(window) if hit})
        if count > best_count:
            best_start, best_count = start, count
    if best_count > 0:  # start a few words before the first match, for context
        first = next(i for i in range(best_start, len(words)) if matched[i])
        best_start = max(0, min(first - 5, len(words) - width))
    chosen = words[best_start:best_start + width]
    begin, end = chosen[0].start(), chosen[-1].end()
    text = " ".join(body[begin:end].split())
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(body.rstrip()) else ""
    snippet = prefix + text + suffix
    spans, cursor = [], len(prefix)
    for m, hit in zip(WORD.finditer(text), matched[best_start:best_start + width], strict=False):
        if hit:
            spans.append((cursor + m.start(), cursor + m.end()))
    return snippet, spans
