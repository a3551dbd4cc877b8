"""``newsfeed bench``: where a run's time goes, measured side by side with the work itself.

1. Generates a synthetic news site (N feeds × M items; article pages of 50–150 KB of HTML
   with navigation, scripts, ads and comments around a 400–1,500-word news body) and serves
   it from 127.0.0.1.
2. Runs the full ``ingest`` flow against it into a fresh DuckDB file.
3. In the same run, a **baseline**: a bare process pool over the same pages doing only body
   and fact extraction (no HTTP, no orchestration, no database), on the same cores.
4. A second pass over unchanged feeds (all 304).
5. Typical analyst queries on a large generated database (100k articles, ~1M facts).
"""

from __future__ import annotations

import contextlib
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

CITIES = ["Aleppo", "Mosul", "Kharkiv", "Goma", "Khartoum", "Tripoli", "Sanaa", "Kabul",
          "Mogadishu", "Bamako", "Juba", "Mariupol", "Rafah", "Idlib", "Marawi", "Kherson"]
COUNTRIES = ["Syria", "Iraq", "Ukraine", "Congo", "Sudan", "Libya", "Yemen", "Afghanistan",
             "Somalia", "Mali", "South Sudan", "Niger", "Ethiopia", "Myanmar", "Haiti", "Chad"]
PEOPLE = ["Amina Yusuf", "Peter Hall", "Sofia Marquez", "Daniel Okafor", "Lena Fischer",
          "Omar Haddad", "Grace Mensah", "Ivan Petrenko", "Maria Rossi", "Ahmed Karim",
          "Julia Novak", "Samuel Adeyemi", "Hannah Berg", "Yusuf Demir", "Clara Jensen"]
ROLES = ["UN spokeswoman", "aid worker", "local official", "army spokesman", "Red Cross director",
         "health minister", "refugee agency spokesman", "hospital director"]
ORGS = ["the UN", "the Red Cross", "Reuters", "the World Health Organization", "UNICEF",
        "Amnesty International", "the African Union", "the European Union"]
EVENTS = [("killed", "people have been killed"), ("wounded", "people were wounded"),
          ("displaced", "people have fled their homes"), ("arrested", "people were arrested")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentence(rng: random.Random) -> str:
    """One news-like sentence with entities, numbers, quotes or dates."""
    city, country = rng.choice(CITIES), rng.choice(COUNTRIES)
    person, role, org = rng.choice(PEOPLE), rng.choice(ROLES), rng.choice(ORGS)
    n = rng.choice([12, 45, 230, 1500, 8000, 25000, 120000])
    qualifier = rng.choice(["more than ", "at least ", "about ", "up to ", ""])
    _, event = rng.choice(EVENTS)
    day = rng.choice(WEEKDAYS)
    templates = [
        f"{org.capitalize()} says {qualifier}{n:,} {event} in {country} since {day}.",
        f'"We need access to {city} now, before more families are lost," {role} {person} '
        f"told {org}.",
        f"Fighting near {city} continued on {day}, with shelling reported in several districts "
        f"about {rng.randint(3, 40)} km from the border.",
        f"{person}, a {role}, said the situation in {city} was getting worse by the hour.",
        f"According to {org}, {qualifier}{n:,} {event} in the region, and supplies are running "
        f"low.",
        f"The government of {country} denied the reports and accused rebels of attacking "
        f"civilians in {city}.",
        f"Talks between the two sides are expected to resume in {rng.choice(CITIES)} next week, "
        f"officials said.",
        f"Prices of bread and fuel have risen by {rng.randint(5, 90)}% since the fighting began.",
    ]
    return rng.choice(templates)


def article_body(rng: random.Random, words: int) -> list[str]:
    """Paragraphs totalling about ``words`` words."""
    paragraphs, total = [], 0
    while total < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        total += len(paragraph.split())
    return paragraphs


def _padding(rng: random.Random, size: int) -> tuple[str, str]:
    """Navigation, scripts and ads before the story; related links and comments after it."""
    links = "".join(f'<li><a href="/section/{i}">Section {i} {rng.choice(CITIES)}</a></li>'
                    for i in range(60))
    before = [f"<nav class='menu'><ul>{links}</ul></nav>"]
    after = ["<section id='comments'><h2>Comments</h2>"]
    while sum(map(len, before)) + sum(map(len, after)) < size:
        kind = rng.random()
        if kind < 0.45:
            before.append("<script>var cfg = {" + ",".join(
                f'"k{i}": "{rng.getrandbits(64):x}"' for i in range(40)) + "};</script>")
        elif kind < 0.6:
            before.append("<div class='ad-slot'><p>Advertisement</p><a href='/ad'>Buy now: "
                          "great offers on flights and hotels</a></div>")
        else:
            after.append(f"<div class='comment'><p class='author'>{rng.choice(PEOPLE)}</p>"
                         f"<p>{_sentence(rng)}</p></div>")
    return "\n".join(before), "\n".join(after) + "</section>"


def article_page(rng: random.Random, title: str, published: str) -> str:
    """A 50–150 KB page around a 400–1,500-word story."""
    body = article_body(rng, rng.randint(400, 1500))
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    before, after = _padding(rng, rng.randint(45_000, 140_000))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{published}"></head><body>'
            f"<header>{before}</header><main><article><h1>{title}</h1>"
            f"<p class='byline'>By {rng.choice(PEOPLE)}</p>{paragraphs}"
            f"<p>Continue reading the main story</p></article></main>"
            f"<footer>{after}</footer></body></html>")


def generate_site(root: Path, feeds: int, items: int, seed: int = 7) -> list[Path]:
    """Write feeds/feed-N.rss and articles/N-M.html under ``root``; return the page paths."""
    rng = random.Random(seed)
    (root / "feeds").mkdir(parents=True, exist_ok=True)
    (root / "articles").mkdir(exist_ok=True)
    pages = []
    for f in range(feeds):
        entries = []
        for i in range(items):
            title = f"{rng.choice(CITIES)}: {rng.choice(EVENTS)[1]} as fighting spreads ({f}-{i})"
            published = f"2026-10-{1 + (f * items + i) % 28:02d}T{i % 24:02d}:00:00+00:00"
            page = root / "articles" / f"{f}-{i}.html"
            page.write_text(article_page(rng, title, published), encoding="utf-8")
            pages.append(page)
            entries.append(
                f"<item><title>{title}</title><link>{{{{BASE_URL}}}}/articles/{f}-{i}.html</link>"
                f"<guid isPermaLink='false'>bench-{f}-{i}</guid>"
                f"<pubDate>{_rfc822(published)}</pubDate>"
                f"<description>{rng.choice(PEOPLE)} reports.</description></item>")
        (root / "feeds" / f"feed-{f}.rss").write_text(
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Bench feed {f}</title><link>{{{{BASE_URL}}}}/</link>"
            + "".join(entries) + "</channel></rss>", encoding="utf-8")
    return pages


def _rfc822(iso: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(iso))


def _baseline_chunk(paths: list[str]) -> int:
    """Body and fact extraction only, as a worker process does it."""
    from newsfeed.extract.process import ArticleJob, process_batch

    jobs = [ArticleJob(article_id=str(i), url=None, html=Path(p).read_bytes())
            for i, p in enumerate(paths)]
    return len(process_batch(jobs))


def run_baseline(pages: list[Path], workers: int, batch_size: int) -> float:
    """Seconds for a bare process pool to extract every page (model loading excluded)."""
    from newsfeed.flows.tasks import start_extractors

    pool = start_extractors(workers)
    assert pool is not None
    try:
        list(pool.map(_baseline_chunk, [[str(pages[0])]] * workers))  # load the model
        chunks = [[str(p) for p in pages[i:i + batch_size // workers or 1]]
                  for i in range(0, len(pages), batch_size // workers or 1)]
        started = time.perf_counter()
        done = sum(pool.map(_baseline_chunk, chunks))
        assert done == len(pages)
        return time.perf_counter() - started
    finally:
        pool.shutdown()


def _peak_rss_mb() -> tuple[float, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, children_kb / 1024


@dataclass
class BenchResult:
    articles: int
    pipeline_s: float
    baseline_s: float
    second_pass_s: float
    stages: dict[str, float]
    fact_rows: int
    peak_rss_mb: tuple[float, float]
    queries_ms: dict[str, float]
    large_facts: int
    runner: str = "local"
    workers: int = 1


@contextlib.contextmanager
def site_server(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 from a process of its own; yield its base URL.

    A real site is not in the pipeline's process: served from a thread of it, the site's
    request handling and gzip took a third of that process's CPU time (py-spy).
    """
    server = subprocess.Popen([sys.executable, "-m", "newsfeed.demo.server", str(root)],
                              stdout=subprocess.PIPE, text=True)
    try:
        base_url = server.stdout.readline().strip() if server.stdout else ""
        if not base_url:
            raise RuntimeError("the benchmark's site server did not start")
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_bench(feeds: int, items: int, workers: int | None, large_articles: int,
              console: Console, runner: str | None = None,
              dask_address: str | None = None) -> BenchResult:
    """Run every measurement, saying on ``console`` what it is doing; the figures.

    ``workers``: extraction processes (None: one per core). ``runner`` "dask" runs the flow's
    extraction on the Dask cluster at ``dask_address`` (else a LocalCluster of ``workers``
    processes); the baseline is a local pool either way. ConfigError for a bad setting.
    """
    import newsfeed
    from newsfeed.config import Settings, settings_with
    from newsfeed.storage.synthetic import fill_large_db, time_queries

    settings = settings_with(Settings(), {"workers": workers, "runner": runner,
                                          "dask_address": dask_address})
    workers, runner = settings.workers, settings.runner

    with tempfile.TemporaryDirectory(prefix="newsfeed-bench-") as tmp:
        root = Path(tmp) / "site"
        console.print(f"generating {feeds} feeds × {items} items …")
        pages = generate_site(root, feeds, items)
        console.print(f"{len(pages)} pages, {sum(p.stat().st_size for p in pages) / 1e6:.0f} MB")
        db = Path(tmp) / "bench.duckdb"
        with site_server(root) as base_url:
            feeds_file = Path(tmp) / "feeds.toml"
            # one local host stands for many: no per-host pacing, as many requests as pages
            settings = ("[settings]\nallow_private_network = true\nhost_delay_s = 0\n"
                        "host_concurrency = 8\n\n")
            feeds_file.write_text(settings + "".join(
                f'[[feeds]]\nurl = "{base_url}/feeds/feed-{f}.rss"\n\n'
                for f in range(feeds)), encoding="utf-8")
            options = {"workers": workers, "runner": runner, "dask_address": dask_address}
            first = newsfeed.ingest(feeds_file, db, **options)
            second = newsfeed.ingest(feeds_file, db, **options)
        if not first.ok:
            raise RuntimeError(f"the benchmark's ingest run failed: {first.error}")
        baseline_s = run_baseline(pages, workers, 64)
        large = Path(tmp) / "large.duckdb"
        console.print(f"generating a database of {large_articles:,} articles …")
        large_facts = fill_large_db(large, large_articles)
        queries = time_queries(large)
    fact_rows = sum(getattr(first, k) or 0 for k in ("entities", "quantities", "quotes",
                                                      "dates"))
    return BenchResult(
        articles=first.articles_written or 0, pipeline_s=first.duration_s or 0.0,
        baseline_s=baseline_s, second_pass_s=second.duration_s or 0.0,
        stages={k: getattr(first, k) or 0.0 for k in ("fetch_feeds_s", "fetch_articles_s",
                                                       "extract_s", "store_s")},
        fact_rows=fact_rows, peak_rss_mb=_peak_rss_mb(), queries_ms=queries,
        large_facts=large_facts, runner=runner if not dask_address else f"dask at {dask_address}",
        workers=workers,
    )


def print_result(r: BenchResult, console: Console) -> None:
    """The figures as a table."""
    table = Table("measure", "value", title=f"newsfeed bench (runner {r.runner}, {r.workers} "
                                            f"worker processes, {os.cpu_count()} cores)",
                  title_justify="left")
    pipeline_rate = r.articles / r.pipeline_s
    baseline_rate = r.articles / r.baseline_s
    table.add_row("articles", str(r.articles))
    table.add_row(f"end to end (ingest flow, runner {r.runner})",
                  f"{pipeline_rate:.1f} articles/s ({r.pipeline_s:.1f} s)")
    table.add_row("baseline (bare extraction pool)",
                  f"{baseline_rate:.1f} articles/s ({r.baseline_s:.1f} s)")
    table.add_row("ratio end to end / baseline", f"{pipeline_rate / baseline_rate:.2f}")
    for stage, seconds in r.stages.items():
        table.add_row(f"  stage {stage.removesuffix('_s')}", f"{seconds:.1f} s")
    table.add_row("fact rows written", f"{r.fact_rows} ({r.fact_rows / r.stages['store_s']:.0f}"
                  " rows/s of store time)" if r.stages["store_s"] else str(r.fact_rows))
    table.add_row("second pass, all 304", f"{r.second_pass_s:.2f} s")
    table.add_row("peak RSS main / largest child", f"{r.peak_rss_mb[0]:.0f} / "
                                                   f"{r.peak_rss_mb[1]:.0f} MB")
    table.add_row("large database", f"{r.large_facts:,} fact rows")
    for name, ms in r.queries_ms.items():
        table.add_row(f"  query: {name}", f"{ms:.1f} ms")
    console.print(table)

