"""Ingest rate into a DuckLake: one writer against two concurrent writers.

    .venv/bin/python -m benchmarks.ducklake [--feeds 8] [--items 12] [--store-batches 40]

Starts a scratch PostgreSQL server for the lakes' catalogs (tests/pgserver.py; needs Debian's
``postgresql`` package); run it from the repository's root.

1. **End to end**: serves ``newsfeed bench``'s synthetic site (feeds × items article pages)
   and runs ``newsfeed run`` into a new lake: once with every feed (``--workers`` = all
   cores), then as two processes started together, each with half the feeds and half the
   workers, into another new lake. The rate is articles / seconds from the first run's start
   to the last one's end (read from the ``runs`` table).
2. **Storing alone**: writes synthetic extracted articles (benchmarks/store.py) with
   ``store_articles``, one batch of 64 per transaction: N batches by one process, then N/2
   by each of two processes at once. This is the part concurrent writers contend on.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

STORE_CHILD = """
import sys, time
from benchmarks.store import synthetic_article
from newsfeed.storage import store
db, first, count, start_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
batches = [[synthetic_article(b * 64 + i) for i in range(64)] for b in range(first, first + count)]
with store.open_db(db) as con:
    pass  # extensions loaded, lake attached: not timed
while time.time() < start_at:
    time.sleep(0.01)
started = time.time()
for batch in batches:
    with store.open_db(db) as con:
        store.store_articles(con, "bench", batch)
print(started, time.time())
"""


@contextlib.contextmanager
def catalogs() -> Iterator:
    """A scratch PostgreSQL server, as a function making a new catalog database each call."""
    from tests.pgserver import scratch_postgres

    with scratch_postgres() as pg:
        names = (f"bench{i}" for i in range(1000))

        def create() -> str:
            name = next(names)
            pg.create_database(name)
            return pg.dsn(name)

        yield create


def newsfeed_run(feeds: Path, db: str, data: Path, workers: int, home: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(home), PREFECT_LOGGING_LEVEL="WARNING")
    return subprocess.Popen(
        [sys.executable, "-m", "newsfeed.cli", "run", "--feeds", str(feeds), "--db", db,
         "--data-path", str(data), "--workers", str(workers)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def lake_span(db: str) -> tuple[int, float, float]:
    """Articles in the lake, seconds from the first run's start to the last one's end, and
    seconds the runs spent storing (summed)."""
    from newsfeed.storage.backend import lake_connection

    con = lake_connection(db, read_only=True)
    try:
        return con.execute(
            "SELECT (SELECT count(*) FROM articles), "
            "epoch(max(finished_at)) - epoch(min(started_at)), sum(store_s) FROM runs"
        ).fetchone()
    finally:
        con.close()


def end_to_end(new_catalog, tmp: Path, feeds: int, items: int, workers: int) -> dict:
    from newsfeed.bench import generate_site
    from newsfeed.demo.server import FixtureServer

    root = tmp / "site"
    generate_site(root, feeds, items)
    results = {}
    with FixtureServer(root) as server:
        def feeds_file(name: str, numbers: range) -> Path:
            path = tmp / f"{name}.toml"
            path.write_text("[settings]\nallow_private_network = true\nhost_delay_s = 0\n"
                            "host_concurrency = 8\n\n" + "".join(
                                f'[[feeds]]\nurl = "{server.url(f"/feeds/feed-{f}.rss")}"\n\n'
                                for f in numbers), encoding="utf-8")
            return path

        half = feeds // 2
        scenarios = {
            "one writer": [(feeds_file("all", range(feeds)), workers)],
            "two writers": [(feeds_file("first", range(half)), max(1, workers // 2)),
                            (feeds_file("second", range(half, feeds)), max(1, workers // 2))],
        }
        for label, writers in scenarios.items():
            db = f"ducklake:postgres:{new_catalog()}"
            data = tmp / f"data-{label.replace(' ', '-')}"
            procs = [newsfeed_run(f, db, data, w, tmp / f"prefect-{label}-{i}")
                     for i, (f, w) in enumerate(writers)]
            for proc in procs:
                out, _ = proc.communicate()
                if proc.returncode:
                    raise SystemExit(f"{label}: newsfeed run failed:\n{out}")
            articles, seconds, storing = lake_span(db)
            results[label] = (articles, seconds)
            print(f"end to end, {label}: {articles} articles in {seconds:.1f} s = "
                  f"{articles / seconds:.2f} articles/s ({storing:.1f} s storing)", flush=True)
    return results


def store_only(new_catalog, tmp: Path, batches: int) -> dict:
    from newsfeed.storage import store

    results = {}
    for label, parts in (("one writer", [(0, batches)]),
                         ("two writers", [(0, batches // 2), (batches // 2, batches // 2)])):
        db = f"ducklake:postgres:{new_catalog()}"
        with store.open_db(db, data_path=str(tmp / f"store-{len(parts)}")):
            pass  # create and migrate the lake first
        start_at = time.time() + 15  # after every child has built its batches
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        procs = [subprocess.Popen([sys.executable, "-c", STORE_CHILD, db, str(first),
                                   str(count), str(start_at)], env=env,
                                  stdout=subprocess.PIPE, text=True) for first, count in parts]
        spans = []
        for proc in procs:
            out, _ = proc.communicate()
            if proc.returncode:
                raise SystemExit(f"{label}: store child failed")
            spans.append([float(x) for x in out.split()])
        seconds = max(e for _, e in spans) - min(s for s, _ in spans)
        articles = sum(c for _, c in parts) * 64
        results[label] = (articles, seconds)
        print(f"storing alone, {label}: {articles} articles in {seconds:.1f} s = "
              f"{articles / seconds:.0f} articles/s", flush=True)
    return results


def main() -> None:
    from newsfeed.config import default_workers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=8)
    parser.add_argument("--items", type=int, default=12)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--store-batches", type=int, default=40)
    parser.add_argument("--skip-end-to-end", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsfeed-lake-bench-") as tmp, \
            catalogs() as new_catalog:
        results = {}
        if not args.skip_end_to_end:
            results["end to end"] = end_to_end(new_catalog, Path(tmp), args.feeds, args.items,
                                               args.workers)
        results["storing alone"] = store_only(new_catalog, Path(tmp), args.store_batches)
    print(f"\n{os.cpu_count()} cores")
    for name, result in results.items():
        (a1, s1), (a2, s2) = result["one writer"], result["two writers"]
        print(f"{name}: one writer {a1 / s1:.2f} articles/s, two writers {a2 / s2:.2f} "
              f"articles/s: ratio {(a2 / s2) / (a1 / s1):.2f}")


if __name__ == "__main__":
    main()
