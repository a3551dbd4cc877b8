"""The SQL of stories: the incremental LSH index of article signatures, and story ids.

Each new article's MinHash signature (extract/stories.py) goes into ``article_signatures``
and its band keys into ``story_bands``. Its candidates are the stored articles that share a
band key (one join on ``story_bands``), confirmed when the estimated Jaccard similarity of
the two signatures reaches the threshold; it joins the story of the most similar one, else
starts a story of its own (``story_id`` = its ``article_id``). Old articles are never read
again beyond their stored signature, and articles already in a story keep it.

``assign_stories`` runs inside the caller's write transaction (that of ``store_articles``):
on a DuckLake, where write transactions are serialised and retried whole
(storage/transactions.py), two writers storing copies of one story at once see each other's
articles, as on a DuckDB file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from newsfeed.config import Settings
from newsfeed.extract.stories import (
    StoryScheme,
    band_keys,
    signature,
    similarity,
    story_scheme,
)
from newsfeed.storage.transactions import in_transaction


def scheme_for(settings: Settings) -> StoryScheme:
    """The story scheme of these settings (story_threshold, story_num_perm, ...)."""
    return story_scheme(settings.story_threshold, settings.story_num_perm,
                        settings.story_shingle_words)


@dataclass(frozen=True)
class Signed:
    """An article to place in a story, with its body's signature (None: too short)."""

    article_id: str
    signature: list[int] | None


def assign_stories(con: duckdb.DuckDBPyConnection, articles: Sequence[Signed],
                   scheme: StoryScheme, previous: Iterable[str] = ()) -> dict[str, str]:
    """Index the articles' signatures and give each a story; return article → story id.

    The articles are stored already, without a story. They are placed in order of
    publication (then id), so a copy in the same batch joins the story of its original.
    ``previous``: story ids these articles had before (re-stored), whose rows are refreshed.
    To run inside a write transaction.
    """
    if not articles:
        return {}
    ids = [a.article_id for a in articles]
    for table in ("story_bands", "article_signatures"):
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
    signed = [a for a in articles if a.signature is not None]
    _insert_rows(con, "article_signatures", [
        {"article_id": a.article_id, "scheme": scheme.name, "signature": a.signature}
        for a in signed], {"signature": pa.list_(pa.uint32())})
    _insert_rows(con, "story_bands", [
        {"article_id": a.article_id, "band": band, "band_key": key}
        for a in signed for band, key in enumerate(band_keys(a.signature, scheme))],
        {"band": pa.int16(), "band_key": pa.int64()})
    candidates = _candidates(con, ids, scheme.name)
    order = _publication_order(con, ids)
    signature_of = {a.article_id: a.signature for a in articles}
    story_of: dict[str, str] = {}
    for article_id in order:
        best: tuple[float, str] | None = None
        for candidate, stored_story, candidate_signature in candidates.get(article_id, ()):
            # one of this batch has no story until placed; placed later, it will join us
            story_id = story_of.get(candidate) if candidate in signature_of else stored_story
            if story_id is None:  # not placed yet (reprocess places old articles in order)
                continue
            score = similarity(signature_of[article_id], candidate_signature)
            if score >= scheme.threshold and (best is None or (score, story_id) > best):
                best = (score, story_id)
        story_of[article_id] = best[1] if best else article_id
    assigned = pa.Table.from_pylist(  # noqa: F841 - read by DuckDB's replacement scan
        [{"article_id": k, "story_id": v} for k, v in story_of.items()])
    con.execute("UPDATE articles SET story_id = s.story_id FROM assigned s "
                "WHERE articles.article_id = s.article_id")
    refresh_stories(con, {*story_of.values(), *previous})
    return story_of


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict],
                 types: dict[str, pa.DataType]) -> None:
    if not rows:
        return
    batch = pa.Table.from_pylist(rows)
    batch = batch.cast(pa.schema([pa.field(f.name, types.get(f.name, f.type))
                                  for f in batch.schema]))
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")


def _candidates(con: duckdb.DuckDBPyConnection, ids: list[str],
                scheme: str) -> dict[str, list[tuple[str, str | None, list[int]]]]:
    """For each new article, the articles sharing a band key: (id, story id, signature)."""
    rows = con.execute(
        """
        WITH pairs AS (
            SELECT DISTINCT b.article_id AS article_id, c.article_id AS candidate
            FROM story_bands AS b
            JOIN story_bands AS c ON c.band_key = b.band_key AND c.band = b.band
            WHERE list_contains($ids, b.article_id) AND c.article_id <> b.article_id
        )
        SELECT p.article_id, p.candidate, a.story_id, s.signature
        FROM pairs AS p
        JOIN article_signatures AS s ON s.article_id = p.candidate AND s.scheme = $scheme
        JOIN articles AS a ON a.article_id = p.candidate
        ORDER BY p.article_id, p.candidate
        """, {"ids": ids, "scheme": scheme}).fetchall()
    found: dict[str, list[tuple[str, str | None, list[int]]]] = {}
    for article_id, candidate, story_id, values in rows:
        found.setdefault(article_id, []).append((candidate, story_id, values))
    return found


def _publication_order(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[str]:
    rows = con.execute(
        "SELECT article_id FROM articles WHERE list_contains(?, article_id) "
        "ORDER BY published_at NULLS LAST, article_id", [ids]).fetchall()
    return [r[0] for r in rows]


def refresh_stories(con: duckdb.DuckDBPyConnection, story_ids: Iterable[str]) -> None:
    """Recompute the ``stories`` rows of these stories from their articles (none: deleted)."""
    ids = sorted(story_ids)
    if not ids:
        return
    con.execute("DELETE FROM stories WHERE list_contains(?, story_id)", [ids])
    con.execute(
        """
        INSERT INTO stories BY NAME
        WITH member AS (
            SELECT a.article_id, a.story_id, a.title, a.site_name, a.final_url, a.url,
                   coalesce(a.published_at, a.extracted_at) AS seen_at
            FROM articles AS a WHERE list_contains($ids, a.story_id)
        ), first_feed AS (
            SELECT i.article_id, arg_min(coalesce(f.title, f.name), i.first_seen_at) AS title
            FROM items AS i JOIN feeds AS f ON f.feed_id = i.first_feed_id
            WHERE i.article_id IN (SELECT article_id FROM member)
            GROUP BY i.article_id
        ), carried AS (
            SELECT m.story_id, count(DISTINCT c.feed_id) AS feeds
            FROM member AS m JOIN items AS i USING (article_id)
            JOIN item_feeds AS c USING (item_id)
            GROUP BY m.story_id
        ), outlet AS (
            SELECT m.*, coalesce(m.site_name, ff.title,
                                 regexp_extract(coalesce(m.final_url, m.url), '//([^/:]+)', 1))
                        AS outlet
            FROM member AS m LEFT JOIN first_feed AS ff USING (article_id)
        )
        SELECT o.story_id, min(o.seen_at) AS first_seen_at, max(o.seen_at) AS last_seen_at,
               count(*) AS articles, count(DISTINCT o.outlet) AS outlets,
               list_sort(list_distinct(list(o.outlet))) AS outlet_names,
               coalesce(any_value(c.feeds), 0) AS feeds,
               arg_min(o.title, (o.seen_at, o.article_id)) AS title
        FROM outlet AS o LEFT JOIN carried AS c USING (story_id)
        GROUP BY o.story_id
        """, {"ids": ids})


def story_ids_of(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> set[str]:
    """The stories these stored articles are in now."""
    rows = con.execute("SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL "
                       "AND list_contains(?, article_id)", [list(article_ids)]).fetchall()
    return {r[0] for r in rows}


# --- reprocessing ---------------------------------------------------------------------


def articles_to_group(con: duckdb.DuckDBPyConnection, scheme: StoryScheme,
                      other_schemes: bool = False) -> list[str]:
    """Articles without a story (stored before schema version 7), and with ``other_schemes``
    those whose signature is of another scheme (other story settings), by publication."""
    rows = con.execute(
        """
        SELECT a.article_id FROM articles AS a LEFT JOIN article_signatures AS s USING (article_id)
        WHERE a.story_id IS NULL OR ($other AND s.scheme IS NOT NULL AND s.scheme <> $scheme)
        ORDER BY a.published_at NULLS LAST, a.article_id
        """, {"scheme": scheme.name, "other": other_schemes}).fetchall()
    return [r[0] for r in rows]


def regroup(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
            scheme: StoryScheme) -> dict[str, str]:
    """Sign stored articles again from their bodies and place them in stories anew, in one
    transaction; the stories they leave are refreshed. Returns article → story id."""
    found = {r[0]: r[1] for r in con.execute(
        "SELECT article_id, body FROM articles WHERE list_contains(?, article_id)",
        [list(article_ids)]).fetchall()}
    signed = [Signed(i, signature(found[i] or "", scheme)) for i in article_ids if i in found]
    ids = [a.article_id for a in signed]

    def work() -> dict[str, str]:
        previous = story_ids_of(con, ids)
        con.execute("UPDATE articles SET story_id = NULL WHERE list_contains(?, article_id)",
                    [ids])
        return assign_stories(con, signed, scheme, previous)

    return in_transaction(con, work)
