"""Stories: pairwise precision and recall of the grouping on the fixtures, and its cost.

    .venv/bin/python -m benchmarks.stories [--articles N]

1. The texts of tests/fixtures/stories (copies of one report: changed headline, an added
   paragraph, another footer, republished, updated; and distinct reports on the same topics)
   are stored through ``store_articles`` into a fresh DuckDB file for each threshold, in two
   batches; every pair of texts is then right or wrong (same story or not).
2. Cost per article: N generated bodies of 600 words (a tenth of them copies of another with
   a changed paragraph) stored in batches of 64 into one file; the signature alone, and the
   grouping (LSH join, confirmation, stories rows) as the index grows.
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
from pathlib import Path

from newsfeed.config import Settings
from newsfeed.extract.process import EMPTY_FACTS, ProcessedArticle
from newsfeed.extract.stories import signature, story_scheme
from newsfeed.extract.types import Article
from newsfeed.storage import store, stories

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "stories"


def fixture_texts() -> dict[str, tuple[str, str]]:
    """name → (story label, body)."""
    texts = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        texts[path.stem] = (meta["Story"], body)
    return texts


def article(article_id: str, body: str) -> ProcessedArticle:
    return ProcessedArticle(article_id=article_id, url=f"https://news.example/{article_id}",
                            final_url=None, http_status=200, article=Article(body=body),
                            body_source="page", facts=EMPTY_FACTS)


def precision_recall(threshold: float, directory: Path) -> tuple[float, float, int, int, int]:
    texts = fixture_texts()
    scheme = story_scheme(threshold, Settings().story_num_perm, Settings().story_shingle_words)
    names = list(texts)
    with store.open_db(directory / f"pr-{threshold}.duckdb") as con:
        for half in (names[::2], names[1::2]):
            store.store_articles(con, "bench", [article(n, texts[n][1]) for n in half], scheme)
        found = dict(con.execute("SELECT article_id, story_id FROM articles").fetchall())
    tp = fp = fn = 0
    for a, b in itertools.combinations(names, 2):
        same, grouped = texts[a][0] == texts[b][0], found[a] == found[b]
        tp, fp, fn = tp + (same and grouped), fp + (grouped and not same), fn + (same and not
                                                                                 grouped)
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn


def generated_bodies(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for _, body in fixture_texts().values() for w in body.split()})
    bodies: list[str] = []
    for i in range(n):
        if i and i % 10 == 0:  # a copy of an earlier one, its second paragraph rewritten
            paragraphs = rng.choice(bodies).split("\n\n")
            paragraphs[1] = " ".join(rng.choices(words, k=100))
            bodies.append("\n\n".join(paragraphs))
        else:
            bodies.append("\n\n".join(" ".join(rng.choices(words, k=100)) for _ in range(6)))
    return bodies


def cost(n: int, directory: Path) -> dict[str, float]:
    scheme = stories.scheme_for(Settings())
    bodies = generated_bodies(n)
    started = time.perf_counter()
    for body in bodies:
        signature(body, scheme)
    sign_s = time.perf_counter() - started
    store_s = group_s = 0.0
    with store.open_db(directory / "cost.duckdb") as con:
        for start in range(0, n, 64):
            batch = [article(f"a{i:06d}", bodies[i]) for i in range(start, min(n, start + 64))]
            started = time.perf_counter()
            store.store_articles(con, "bench", batch, scheme)
            store_s += time.perf_counter() - started
            started = time.perf_counter()  # the same batch placed again: signature + grouping
            stories.regroup(con, [p.article_id for p in batch], scheme)
            group_s += time.perf_counter() - started
        grouped = con.execute("SELECT count(*) FROM articles WHERE story_id <> article_id"
                              ).fetchone()[0]
    return {"signature_ms": 1000 * sign_s / n, "grouping_ms": 1000 * (group_s - sign_s) / n,
            "store_articles_ms": 1000 * store_s / n, "copies_grouped": grouped,
            "copies": (n - 1) // 10}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        print("threshold  precision  recall  (pairs: right, wrongly grouped, missed)")
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            p, r, tp, fp, fn = precision_recall(threshold, directory)
            print(f"{threshold:9.1f}  {p:9.2f}  {r:6.2f}  ({tp}, {fp}, {fn})")
        figures = cost(args.articles, directory)
    print(f"{args.articles} articles of 600 words, batches of 64, threshold "
          f"{Settings().story_threshold}: signature {figures['signature_ms']:.2f} ms/article, "
          f"grouping {figures['grouping_ms']:.2f} ms/article, store_articles in all "
          f"{figures['store_articles_ms']:.2f} ms/article; "
          f"{figures['copies_grouped']} of {figures['copies']} copies grouped")


if __name__ == "__main__":
    main()
