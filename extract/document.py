"""One document in, one article with its facts out: what ``newsfeed.extract(...)`` does.

HTML (bytes or text) goes through body extraction (``extract.body``), plain text through the
text clean-up; then fact extraction runs on the body, unless the language is not one the
model reads. Pure: the content is passed in, nothing is read or fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsfeed.extract.body import ExtractionError, article_from_text, extract_article
from newsfeed.extract.encoding import decode_html
from newsfeed.extract.facts import extract_facts_batch
from newsfeed.extract.process import FACT_LANGUAGES, fact_text
from newsfeed.extract.types import Article

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def looks_like_html(content: str | bytes, name: str | None = None) -> bool:
    """True for an HTML page: by its file name when given, else by its first bytes."""
    if name and name.lower().removesuffix(".gz").endswith(HTML_SUFFIXES):
        return True
    head = content[:4096].encode() if isinstance(content, str) else content[:4096]
    start = head[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


@dataclass(frozen=True)
class Document:
    """One document to extract: its content and what is known about it."""

    content: str | bytes
    published: datetime | None = None  # overrides the page's date
    url: str | None = None  # the page's address (for its metadata)
    name: str | None = None  # a file name, to tell HTML from text


def extract_document(content: str | bytes, published: datetime | None = None,
                     url: str | None = None, *, name: str | None = None,
                     model: str | None = None, facts: bool = True) -> Article:
    """The article in ``content`` (an HTML page or plain text) with its facts.

    ``published`` overrides the date the page gives (relative dates resolve against it);
    ``url`` is the page's address (for its metadata); ``name`` a file name, to tell HTML
    from text; ``model`` the spaCy pipeline (None: the default). Raises
    ``extract.body.ExtractionError`` for HTML without a usable body.
    """
    (article,) = extract_documents([Document(content, published, url, name)], model=model,
                                   facts=facts)
    return article


def extract_documents(documents: Sequence[Document], model: str | None = None,
                      facts: bool = True) -> list[Article]:
    """``extract_document`` of many documents, their facts parsed in batches (faster)."""
    articles = [_body(document) for document in documents]
    if not facts:
        return articles
    wanted = [i for i, a in enumerate(articles)
              if a.body.strip() and (a.language or "en") in FACT_LANGUAGES]
    found = extract_facts_batch([(fact_text(articles[i].body), articles[i].published)
                                 for i in wanted], model)
    for i, article_facts in zip(wanted, found, strict=True):
        articles[i] = replace(articles[i], facts=article_facts)
    return articles


def _body(document: Document) -> Article:
    content = document.content
    if looks_like_html(content, document.name):
        try:
            article = extract_article(content, document.url)
        except ExtractionError as exc:
            where = document.name or document.url
            raise ExtractionError(f"{where}: {exc}" if where else str(exc)) from exc
    else:
        article = article_from_text(decode_html(content) if isinstance(content, bytes)
                                    else content)
    if document.published is not None:
        article = replace(article, published=document.published)
    return article
