"""``newsfeed extract``: body and facts from local HTML or text files."""

from __future__ import annotations

import gzip
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsfeed.config import Settings
from newsfeed.extract.types import Article


def read_file(path: Path) -> bytes:
    """The file's bytes, decompressed when it ends in .gz."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def extract_files(paths: list[Path], facts: bool = True,
                  published: datetime | None = None) -> list[dict]:
    """``newsfeed.extract`` of each file (facts parsed in batches), as the JSON objects
    ``newsfeed extract`` prints: path, title, published, language, body and the facts (full
    quotes under ``quotes``, scare quotes and fragments under ``quote_fragments``, as the
    views separate them). ``published``, when given, is every file's publication date
    (relative dates resolve against it) over the one the page or a dateline gives."""
    from newsfeed.extract.body import ExtractionError
    from newsfeed.extract.document import Document, extract_documents

    documents = [Document(read_file(p), published, p.resolve().as_uri(), p.name) for p in paths]
    try:
        articles = extract_documents(documents, model=Settings().spacy_model, facts=facts)
    except ExtractionError as exc:
        raise OSError(str(exc)) from exc
    return [_as_dict(path, article) for path, article in zip(paths, articles, strict=True)]


def _as_dict(path: Path, article: Article) -> dict:
    result = {"path": str(path), "title": article.title, "published": article.published,
              "language": article.language, "image_url": article.image_url,
              "image_caption": article.image_caption, "canonical_url": article.canonical_url,
              "body": article.body}
    fact_dict = article.facts.as_dict() if article.facts is not None else {}
    result["tone"] = fact_dict.get("tone")
    for key in ("entities", "quantities", "quotes", "dates", "locations"):
        result[key] = fact_dict.get(key, [])
    result["quote_fragments"] = [q for q in result["quotes"] if q["is_fragment"]]
    result["quotes"] = [q for q in result["quotes"] if not q["is_fragment"]]
    return result


def print_tables(results: list[dict], console: Console) -> None:
    """Human-readable tables of each file's facts."""
    for result in results:
        console.rule(f"{result['path']} — {result['title'] or '(no title)'}")
        tone = result.get("tone")
        tone_text = (f" · tone {tone['tone']:+.1f} (positive {tone['positive']:.1f}%, "
                     f"negative {tone['negative']:.1f}%)" if tone else "")
        console.print(f"{len(result['body'].split())} words{tone_text}", style="dim")
        if result.get("image_url"):
            console.print(f"image: {result['image_url']}"
                          + (f" — {result['image_caption']}" if result["image_caption"] else ""),
                          style="dim", highlight=False)
        ents = Table("entity", "label", "mentions", title="entities", title_justify="left")
        for e in result["entities"]:
            ents.add_row(e["name"], e["label"], str(e["mention_count"]))
        qty = Table("text", "value", "unit", "qualifier", "counted", "category", "place",
                    "source", title="quantities", title_justify="left")
        for q in result["quantities"]:
            qty.add_row(*(str(q.get(k) or "") for k in (
                "text", "value", "unit", "qualifier", "counted", "category", "place", "source")))
        quotes = Table("quote", "speaker", "role", "verb", "tone", title="quotes",
                       title_justify="left")
        for q in result["quotes"]:
            quotes.add_row(q["text"][:80], q["speaker"] or "", q["speaker_role"] or "",
                           q["verb"] or "", "" if q.get("tone") is None else f"{q['tone']:+.2f}")
        dates = Table("text", "resolved", "granularity", title="dates", title_justify="left")
        for d in result["dates"]:
            dates.add_row(d["text"], str(d["resolved"] or ""), d["granularity"] or "")
        places = Table("place", "entry", "class", "country", "region", "geonames id",
                       "confidence", title="places geocoded", title_justify="left")
        for loc in result["locations"]:
            place = result["entities"][loc["entity_index"]]["name"]
            places.add_row(place, loc["name"], loc["feature_class"], loc["country_code"] or "",
                           loc["admin1_name"] or loc["admin1_code"] or "",
                           str(loc["geonames_id"] or ""), f"{loc['confidence']:.2f}")
        for table in (ents, qty, quotes, dates, places):
            console.print(table)
