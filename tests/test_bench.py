"""The benchmark's synthetic corpus and large database are what they claim to be."""

from __future__ import annotations

import duckdb

from newsfeed.bench import generate_site
from newsfeed.extract.body import extract_article
from newsfeed.storage.synthetic import QUERIES, fill_large_db, time_queries


def test_generated_pages_are_large_and_messy_around_a_real_story(tmp_path):
    pages = generate_site(tmp_path, feeds=2, items=3)
    assert len(pages) == 6 and len(list((tmp_path / "feeds").glob("*.rss"))) == 2
    for page in pages:
        html = page.read_bytes()
        assert 50_000 <= len(html) <= 160_000
        assert b"<nav" in html and b"<script>" in html and b"comments" in html
        words = len(extract_article(html).body.split())
        assert 350 <= words <= 1600


def test_large_database_answers_every_typical_query(tmp_path):
    path = tmp_path / "large.duckdb"
    facts = fill_large_db(path, 2_000)
    assert facts == 2_000 * (5 + 3 + 2)
    con = duckdb.connect(str(path), read_only=True)
    try:
        for name, sql in QUERIES.items():
            assert con.execute(sql).fetchall(), f"{name} returned no rows"
    finally:
        con.close()
    assert set(time_queries(path, repeat=1)) == set(QUERIES)
