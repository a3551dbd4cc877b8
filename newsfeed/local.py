"""``newsfeed extract``: body and facts from local HTML or text files."""

from __future__ import annotations

import gzip
from pathlib import Path

from rich.console import Console
from rich.table import Table

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def read_file(path: Path) -> bytes:
    """The file's bytes, decompressed when it ends in .gz."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _looks_like_html(path: Path, data: bytes) -> bool:
    name = path.name.removesuffix(".gz") if path.suffix == ".gz" else path.name
    if name.lower().endswith(HTML_SUFFIXES):
        return True
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:4096]


def extract_files(paths: list[Path], facts: bool = True) -> list[dict]:
    """One result dict per file: path, title, body, and the facts (model loaded once)."""
    from newsfeed.extract.body import ExtractionError, article_from_text, extract_article

    articles = []
    for path in paths:
        data = read_file(path)
        if _looks_like_html(path, data):
            try:
                article = extract_article(data, path.resolve().as_uri())
            except ExtractionError as exc:
                raise OSError(f"{path}: {exc}") from exc
        else:
            article = article_from_text(data.decode("utf-8", errors="replace"))
        articles.append(article)
    found = [None] * len(articles)
    if facts:
        from newsfeed.extract.facts import extract_facts_batch

        found = extract_facts_batch([(a.body, a.published) for a in articles])
    results = []
    for path, article, article_facts in zip(paths, articles, found, strict=True):
        result = {"path": str(path), "title": article.title, "published": article.published,
                  "language": article.language, "body": article.body}
        fact_dict = article_facts.as_dict() if article_facts is not None else {}
        for key in ("entities", "quantities", "quotes", "dates"):
            result[key] = fact_dict.get(key, [])
        # as in the views: full quotes under "quotes", scare quotes and fragments apart
        result["quote_fragments"] = [q for q in result["quotes"] if q["is_fragment"]]
        result["quotes"] = [q for q in result["quotes"] if not q["is_fragment"]]
        results.append(result)
    return results


def print_tables(results: list[dict], console: Console) -> None:
    """Human-readable tables of each file's facts."""
    for result in results:
        console.rule(f"{result['path']} — {result['title'] or '(no title)'}")
        console.print(f"{len(result['body'].split())} words", style="dim")
        ents = Table("entity", "label", "mentions", title="entities", title_justify="left")
        for e in result["entities"]:
            ents.add_row(e["name"], e["label"], str(e["mention_count"]))
        qty = Table("text", "value", "unit", "qualifier", "counted", "category", "place",
                    "source", title="quantities", title_justify="left")
        for q in result["quantities"]:
            qty.add_row(*(str(q.get(k) or "") for k in (
                "text", "value", "unit", "qualifier", "counted", "category", "place", "source")))
        quotes = Table("quote", "speaker", "role", "verb", "fragment", title="quotes",
                       title_justify="left")
        for q in result["quotes"]:
            quotes.add_row(q["text"][:80], q["speaker"] or "", q["speaker_role"] or "",
                           q["verb"] or "", "yes" if q["is_fragment"] else "")
        dates = Table("text", "resolved", "granularity", title="dates", title_justify="left")
        for d in result["dates"]:
            dates.add_row(d["text"], str(d["resolved"] or ""), d["granularity"] or "")
        for table in (ents, qty, quotes, dates):
            console.print(table)
