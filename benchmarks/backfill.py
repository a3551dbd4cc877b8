"""Backfill from a WARC file against a live run of the same pages, side by side.

    .venv/bin/python benchmarks/backfill.py [--feeds 4] [--items 16] [--workers W]
                                            [--pad-mb 1024]

Generates the benchmark site of ``newsfeed bench`` (newsfeed/bench.py: 50–150 KB pages around
a 400–1,500-word story), runs the live ``ingest`` flow over it from a local server, writes the
same pages, at the same URLs, into a .warc.gz, and backfills it into a fresh database. Each
run is a process of its own: its peak RSS (ru_maxrss; the extraction workers' separately)
is its own. ``--pad-mb`` adds incompressible image records between the pages until the WARC
holds that many MB: the same articles, a file of any size, to show that memory stays flat.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAD_RECORD = 1 << 20  # bytes of one padding record


def write_warc(pages: list[Path], base_url: str, out: Path, pad_mb: int = 0) -> int:
    """The pages as gzipped response records at their site URLs (with padding); the size."""
    import os

    from newsfeed.flows.warc import http_response, warc_record

    padding = os.urandom(PAD_RECORD)
    pads = max(0, (pad_mb << 20) // PAD_RECORD - 1)
    per_page = -(-pads // len(pages)) if pads else 0
    written = 0
    with out.open("wb") as stream:
        for n, page in enumerate(pages):
            url = f"{base_url}/articles/{page.name}"
            stream.write(warc_record(url, http_response(page.read_bytes()), gzipped=True))
            for k in range(min(per_page, pads - written)):
                stream.write(warc_record(f"{base_url}/media/{n}-{k}.jpg",
                                         http_response(padding, "image/jpeg"), gzipped=True))
                written += 1
    return out.stat().st_size


def child(kind: str, source: str, db: str, workers: int) -> None:
    """One run in this process; prints its summary and peak RSS as JSON."""
    import newsfeed

    if kind == "live":
        summary = newsfeed.ingest(source, db, workers=workers)
    else:
        summary = newsfeed.backfill([source], db, workers=workers)
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"status": summary.status, "error": summary.error,
                      "articles": summary.articles_written, "duration_s": summary.duration_s,
                      "extract_s": summary.extract_s, "store_s": summary.store_s,
                      "fetch_articles_s": summary.fetch_articles_s,
                      "rss_mb": self_kb / 1024, "workers_rss_mb": children_kb / 1024}))


def run_child(kind: str, source: Path, db: Path, workers: int) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", kind, str(source), str(db),
                           str(workers)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} run failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["status"] != "completed":
        raise RuntimeError(f"{kind} run {result['status']}: {result['error']}")
    result["process_s"] = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=4)
    parser.add_argument("--items", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pad-mb", type=int, default=0,
                        help="pad the WARC with image records to this many MB")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, source, db, workers = args.child
        child(kind, source, db, int(workers))
        return

    from newsfeed.bench import generate_site, site_server

    with tempfile.TemporaryDirectory(prefix="newsfeed-backfill-bench-") as tmp:
        root = Path(tmp) / "site"
        pages = generate_site(root, args.feeds, args.items)
        print(f"{len(pages)} pages, {sum(p.stat().st_size for p in pages) / 1e6:.1f} MB of HTML")
        with site_server(root) as base_url:
            feeds = Path(tmp) / "feeds.toml"
            feeds.write_text("[settings]\nallow_private_network = true\nhost_delay_s = 0\n"
                             "host_concurrency = 8\n\n" + "".join(
                                 f'[[feeds]]\nurl = "{base_url}/feeds/feed-{f}.rss"\n\n'
                                 for f in range(args.feeds)), encoding="utf-8")
            live = run_child("live", feeds, Path(tmp) / "live.duckdb", args.workers)
        warc = Path(tmp) / "bench.warc.gz"
        started = time.perf_counter()
        size = write_warc(pages, base_url, warc, args.pad_mb)
        print(f"WARC: {size / 1e6:.0f} MB written in {time.perf_counter() - started:.0f} s")
        backfill = run_child("backfill", warc, Path(tmp) / "warc.duckdb", args.workers)
    print(f"{'':<26}{'live run':>14}{'backfill':>14}")
    for label, key in [("articles", "articles"), ("run (s)", "duration_s"),
                       ("  download pages (s)", "fetch_articles_s"),
                       ("  extract (s, waited)", "extract_s"), ("  store (s)", "store_s"),
                       ("process incl. start (s)", "process_s"),
                       ("peak RSS flow process MB", "rss_mb"),
                       ("peak RSS worker MB", "workers_rss_mb")]:
        print(f"{label:<26}{live[key] or 0:>14.1f}{backfill[key] or 0:>14.1f}")
    rates = [r["articles"] / r["duration_s"] for r in (live, backfill)]
    print(f"{'articles/s':<26}{rates[0]:>14.2f}{rates[1]:>14.2f}")
    print(f"backfill / live: {rates[1] / rates[0]:.2f}; WARC {size / 1e6:.0f} MB, "
          f"{args.workers} workers")


if __name__ == "__main__":
    main()
