"""A large generated database for the query benchmark of ``newsfeed bench``.

``fill_large_db`` writes articles with facts in SQL (no extraction), ``time_queries`` times
the typical analyst queries on it.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from newsfeed.storage.store import open_db

QUERIES = {
    "top entities of a day": """
        SELECT e.name, e.label, sum(e.mention_count) AS mentions FROM entities e
        JOIN articles a USING (article_id)
        WHERE a.published_at >= TIMESTAMPTZ '2026-10-15 00:00:00+00'
          AND a.published_at < TIMESTAMPTZ '2026-10-16 00:00:00+00'
        GROUP BY ALL ORDER BY mentions DESC LIMIT 20""",
    "quotes by speaker": """
        SELECT q.text, a.title, a.published_at FROM quotes q JOIN articles a USING (article_id)
        WHERE q.speaker = 'Person 42' ORDER BY a.published_at DESC LIMIT 50""",
    "counts by category and place": """
        SELECT category, place, count(*) AS reports, sum(value) AS total FROM quantities
        WHERE category IS NOT NULL GROUP BY ALL ORDER BY total DESC LIMIT 50""",
    "full-day article listing": """
        SELECT article_id, title, published_at FROM articles
        WHERE published_at >= TIMESTAMPTZ '2026-10-15 00:00:00+00'
          AND published_at < TIMESTAMPTZ '2026-10-16 00:00:00+00'
        ORDER BY published_at""",
}


def fill_large_db(path: Path, articles: int) -> int:
    """Generate ``articles`` articles over 100 days, 10 facts each, in SQL; return fact rows."""
    with open_db(path) as con:
        con.execute("""
            INSERT INTO articles (article_id, url, title, published_at, language, body,
                word_count, body_source, run_id, extracted_at, extractor, extractor_version)
            SELECT 'a' || i, 'https://news.example/' || i, 'Headline number ' || i,
                   TIMESTAMPTZ '2026-08-01 00:00:00+00' + to_seconds(i * $spread), 'en',
                   'Body of article ' || i, 500, 'page', 'bench', now(), 'bench', '0'
            FROM range($n) t(i)""", {"n": articles, "spread": 100 * 86400 / articles})
        con.execute("""
            INSERT INTO entities SELECT 'a' || i, j, 'Entity ' || ((i * 7 + j * 13) % 5000),
                ['PERSON', 'ORG', 'GPE'][1 + (i + j) % 3], 1 + (i + j) % 4, j, 0, 10, 'Sentence.',
                'bench', '0', 0.9
            FROM range(?) a(i), range(5) b(j)""", [articles])
        con.execute("""
            INSERT INTO quantities (article_id, quantity_index, text, value, approximate,
                category, place, sentence_index, char_start, char_end, sentence, extractor,
                extractor_version)
            SELECT 'a' || i, j, 'n', (i * 31 + j) % 10000, false,
                ['killed', 'wounded', 'displaced', NULL][1 + (i + j) % 4],
                'Place ' || ((i + j) % 300), j, 0, 5, 'Sentence.', 'bench', '0'
            FROM range(?) a(i), range(3) b(j)""", [articles])
        con.execute("""
            INSERT INTO quotes (article_id, quote_index, text, speaker, is_fragment,
                sentence_index, char_start, char_end, sentence, extractor, extractor_version)
            SELECT 'a' || i, j, 'Words said ' || i, 'Person ' || ((i * 3 + j) % 2000), false,
                j, 0, 10, 'Sentence.', 'bench', '0'
            FROM range(?) a(i), range(2) b(j)""", [articles])
        return con.execute("SELECT (SELECT count(*) FROM entities) + (SELECT count(*) FROM "
                           "quantities) + (SELECT count(*) FROM quotes)").fetchone()[0]


def time_queries(path: Path, repeat: int = 5) -> dict[str, float]:
    """Best-of-``repeat`` milliseconds of each typical query, on a read-only connection."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        timings = {}
        for name, sql in QUERIES.items():
            best = float("inf")
            for _ in range(repeat):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                best = min(best, time.perf_counter() - started)
            timings[name] = best * 1000
        return timings
    finally:
        con.close()
