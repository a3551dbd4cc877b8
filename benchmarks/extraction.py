"""Extraction speed per core: clean-up + body + facts, against bare spaCy on the same text.

    .venv/bin/python benchmarks/extraction.py [--repeat N]

Corpus: the demo site's article pages (HTML → trafilatura → clean-up → facts) and the
evaluation set's texts (clean-up → facts), repeated N times. Baseline, measured in the same
run on the same bodies: spaCy's pipeline alone (``nlp.pipe``), i.e. the cost of the model.
Prints words/s of both, their ratio, and the process's memory after loading the model.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    """Resident set size of this process now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(repeat: int) -> tuple[list[bytes], list[str]]:
    from newsfeed.demo import SITE_DIR

    pages = [p.read_bytes() for p in sorted((SITE_DIR / "articles").glob("*.html"))
             if "latin1" not in p.name]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "eval").glob("*.txt"))]
    return pages * repeat, texts * repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="copies of the corpus")
    args = parser.parse_args()

    from newsfeed.extract.body import article_from_text, extract_article
    from newsfeed.extract.facts import extract_facts_batch
    from newsfeed.extract.nlp import load_nlp

    before = rss_mb()
    started = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - started
    model_mb = rss_mb() - before
    pages, texts = corpus(args.repeat)
    extract_facts_batch([("Warm-up sentence with 12 people in Paris.", None)])

    cpu = time.process_time()
    bodies = [extract_article(p).body for p in pages] + [article_from_text(t).body for t in texts]
    clean_s = time.process_time() - cpu
    cpu = time.process_time()
    facts = extract_facts_batch([(b, None) for b in bodies])
    facts_s = time.process_time() - cpu
    full_s = clean_s + facts_s

    cpu = time.process_time()
    for _ in nlp.pipe(bodies, batch_size=32):
        pass
    baseline_s = time.process_time() - cpu

    from trafilatura.utils import load_html

    from newsfeed.extract.page_meta import page_meta
    from newsfeed.extract.tone import quote_tone, text_tone

    cpu = time.process_time()
    for b in bodies:
        text_tone(b)
    for f in facts:
        for q in f.quotes:
            quote_tone(q.text)
    tone_s = time.process_time() - cpu
    cpu = time.process_time()
    for p in pages:
        page_meta(load_html(p), None, "https://example.org/a")  # caption search included
    meta_s = time.process_time() - cpu

    words = sum(len(b.split()) for b in bodies)
    n_facts = sum(len(f.entities) + len(f.quantities) + len(f.quotes) + len(f.dates)
                  for f in facts)
    print(f"corpus: {len(bodies)} articles, {words} words, {n_facts} facts")
    print(f"model load: {load_s:.2f} s, +{model_mb:.0f} MB RSS (process now {rss_mb():.0f} MB)")
    print(f"baseline (spaCy nlp.pipe only): {words / baseline_s:8.0f} words/s per core")
    print(f"full extraction (body + clean-up + facts): {words / full_s:8.0f} words/s per core")
    print(f"  of which body + clean-up {clean_s:.2f} s, facts {facts_s:.2f} s (CPU)")
    print(f"ratio full / baseline throughput: {baseline_s / full_s:.2f}")
    print(f"tone (article block + quotes, inside facts above): "
          f"{1000 * tone_s / len(bodies):.1f} ms/article, {words / tone_s:.0f} words/s")
    print(f"lead image, caption, canonical (page_meta, with an HTML parse): "
          f"{1000 * meta_s / len(pages):.1f} ms/page")


if __name__ == "__main__":
    main()
