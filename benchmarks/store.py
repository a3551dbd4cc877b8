"""Bulk-write speed of ``newsfeed.storage.store.store_articles``: fact rows per second.

    .venv/bin/python benchmarks/store.py [--batches N]

Writes N batches of 64 synthetic articles (55 facts each, 130 rows with mentions) into a
fresh DuckDB file, one short-lived connection per batch as the pipeline does. Prints rows/s
of the store call alone and including open/close (the close writes the checkpoint).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from newsfeed.extract.process import ProcessedArticle
from newsfeed.extract.types import Article, DateMention, Entity, Facts, Mention, Quantity, Quote
from newsfeed.storage import store

SENTENCE = "The UN says 80,000 people were killed in Syria on Tuesday."


def synthetic_article(n: int) -> ProcessedArticle:
    s = SENTENCE
    facts = Facts(
        entities=[Entity(f"E{j}", "ORG", j, 0, 5, s, [Mention("E", j, 0, 5)] * 3)
                  for j in range(20)],
        quantities=[Quantity("80,000 people", 80000, j, 0, 5, s, category="killed")
                    for j in range(15)],
        quotes=[Quote("words", j, 0, 5, s, speaker="X") for j in range(10)],
        dates=[DateMention("Tuesday", j, 0, 5, s) for j in range(10)],
        extractor="bench", extractor_version="1",
    )
    return ProcessedArticle(article_id=f"a{n}", url="https://news.example/a", final_url=None,
                            http_status=200, article=Article(body=s * 50), body_source="page",
                            facts=facts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=30)
    args = parser.parse_args()
    batches = [[synthetic_article(b * 64 + i) for i in range(64)] for b in range(args.batches)]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.duckdb"
        rows, inside = 0, 0.0
        started = time.perf_counter()
        for batch in batches:
            with store.open_db(db) as con:
                t0 = time.perf_counter()
                rows += sum(store.store_articles(con, "bench", batch).values())
                inside += time.perf_counter() - t0
        total = time.perf_counter() - started
    print(f"{rows} fact rows in {len(batches)} batches")
    print(f"store_articles alone: {rows / inside:.0f} rows/s")
    print(f"with open/close per batch: {rows / total:.0f} rows/s")


if __name__ == "__main__":
    main()
