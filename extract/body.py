"""Article body and metadata from an HTML page, a plain text or a feed entry.

trafilatura finds the main text and the metadata (title, author, date, site
name, lead image; ``extract.page_meta`` adds the image's caption and the canonical
URL); py3langid (trafilatura's own optional detector) names the language; the
text then goes through ``clean_body``.  No network, no database.
"""

from __future__ import annotations

import html as html_lib
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import lxml.html
import py3langid
import trafilatura
from lxml import etree
from trafilatura.utils import repair_faulty_html

from newsfeed.extract.clean import CleanSettings, clean_body, split_paragraphs
from newsfeed.extract.dateline import find_dateline, is_date_only, trailing_date
from newsfeed.extract.encoding import decode_html
from newsfeed.extract.page_meta import page_meta
from newsfeed.extract.types import Article

DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
MIN_LANGUAGE_CONFIDENCE = 0.9  # below it, the language is undetermined (None)
MIN_LANGUAGE_LETTERS = 12  # in words not capitalised, for a language to be told
_LOWER_WORD_RE = re.compile(r"(?<![\w'’])[^\W\d_][^\W\d_]*(?:['’][^\W\d_]+)?")
MAX_STRAY_NULS = 4  # more NUL characters than this in the first 1,024: a binary file
_TAG_RE = re.compile(r"<\s*(html|head|body|p|div|article|main|section|span|br|a)\b", re.I)
_KEY_RE = re.compile(r"[\W_]+")
# trafilatura's own parser options, plus ``huge_tree``: libxml2 otherwise drops every element
# nested deeper than 256, and pages with hundreds of unclosed <font> or <div> tags exist.
_HTML_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                    remove_comments=True, remove_pis=True, huge_tree=True)
_BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "pre", "table", "tr", "section", "article", "figure"})


class ExtractionError(Exception):
    """The input has no usable article body."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class BodySettings:
    """Options for ``extract_article``."""

    min_body_chars: int = 200  # a cleaned body shorter than this is "no article"
    include_tables: bool = False
    include_comments: bool = False  # reader comments below the article
    favor_precision: bool = False  # trafilatura: less text, less noise
    fast: bool = False  # trafilatura: skip the readability/jusText fallbacks
    clean: CleanSettings = field(default_factory=CleanSettings)


DEFAULT_SETTINGS = BodySettings()


def extract_article(
    html: str | bytes,
    url: str | None = None,
    settings: BodySettings | None = None,
    *,
    content_type: str | None = None,
) -> Article:
    """Extract the article of one HTML page.

    ``html`` may be bytes: they are decoded by ``extract.encoding.decode_html``, with the
    charset of ``content_type`` (the HTTP header) when it gives one.
    ``published`` is an aware UTC datetime when the page gives a date.
    Raises ``ExtractionError`` when the input is not HTML or holds no body of at
    least ``settings.min_body_chars`` characters.
    """
    settings = settings or DEFAULT_SETTINGS
    text = decode_html(html, content_type) if isinstance(html, bytes) else html
    if not text.strip():
        raise ExtractionError("empty document")
    if text[:1024].count("\x00") > MAX_STRAY_NULS or not _TAG_RE.search(text[:5000]):
        raise ExtractionError("not HTML")
    tree = parse_html(text)
    if tree is None:
        raise ExtractionError("not HTML")
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=settings.fast,
        favor_precision=settings.favor_precision,
        include_comments=settings.include_comments,
        include_tables=settings.include_tables,
        with_metadata=True,
        date_extraction_params={
            "outputformat": DATE_FORMAT,
            "original_date": True,
            "extensive_search": True,
        },
    )
    if document is None or document.body is None:
        raise ExtractionError("no main text found")
    title = _clean_inline(document.title)
    author = _clean_inline(document.author)
    body = clean_body(_blocks_text(document.body), settings.clean)
    body = _drop_byline(_drop_leading_title(body, title), author)
    if len(body) < settings.min_body_chars:
        raise ExtractionError(f"body too short ({len(body)} < {settings.min_body_chars} chars)")
    meta = page_meta(tree, document.image, url)
    return Article(
        body=body,
        title=title,
        author=author,
        published=parse_published(document.date),
        site_name=_clean_inline(document.sitename),
        language=detect_language(body) or html_language(tree),
        image_url=meta.image_url,
        image_caption=meta.image_caption,
        canonical_url=meta.canonical_url,
    )


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The lxml tree of a page, or None when it is not HTML.

    Stray NUL characters are dropped (browsers skip them too) and libxml2's known
    trouble spots repaired as trafilatura does; deep trees are kept whole (up to
    libxml2's hard limit of 2,048 levels).
    """
    beginning = text[:50].lower()
    text = repair_faulty_html(text.replace("\x00", ""), beginning)
    try:
        tree = lxml.html.fromstring(text.encode("utf-8", "replace"), parser=_HTML_PARSER)
    except (etree.ParserError, ValueError):
        return None
    if "html" not in beginning and len(tree) < 2:  # trafilatura's test for a non-page
        return None
    return tree


def article_from_text(text: str, title: str | None = None) -> Article:
    """An ``Article`` from plain text (e.g. a text dump of a page), cleaned.

    Without ``title`` the first paragraph becomes the title when it looks like
    one (short, no end punctuation) and is not a dateline ("Friday, July 21, 2017").
    ``published`` is the date the text gives itself (see ``_text_published``); the body
    keeps its dateline.
    """
    body = clean_body(text)
    if title is None:
        paragraphs = split_paragraphs(body)
        if (len(paragraphs) > 1 and _looks_like_title(paragraphs[0])
                and not is_date_only(paragraphs[0])):
            title = paragraphs[0]
    title = _clean_inline(title)
    body = _drop_leading_title(body, title)
    return Article(body=body, title=title, published=_text_published(body, title),
                   language=detect_language(body))


def article_from_feed_entry(
    title: str | None,
    html_or_text_summary: str | None,
    *,
    published: datetime | None = None,
    author: str | None = None,
) -> Article:
    """An ``Article`` from a feed entry's summary/content, for when the page cannot be had.

    HTML is reduced to text block by block; plain text is unescaped.  Raises
    ``ExtractionError`` when nothing is left.
    """
    summary = (html_or_text_summary or "").strip()
    if "<" in summary and re.search(r"<[a-zA-Z/!]", summary):
        text = html_fragment_text(summary)
    else:
        text = html_lib.unescape(summary)
    if title and "<" in title:
        title = html_fragment_text(title)
    title = _clean_inline(html_lib.unescape(title) if title else None)
    body = _drop_leading_title(clean_body(text), title)
    if not body:
        raise ExtractionError("feed entry has no text")
    return Article(
        body=body,
        title=title,
        author=_clean_inline(author),
        published=published,
        language=detect_language(body),
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` by py3langid, or None when it cannot be told.

    The detector reads the words that are not capitalised: names and figures say little of
    a language, and a page of results ("1. Marta Okonkwo (Nigeria) 50.12") read whole came
    out as Nigerian Pidgin, which lost its facts. None when those words have fewer than
    ``MIN_LANGUAGE_LETTERS`` letters, or when the best language's probability
    (py3langid's scores normalised over its languages) is below
    ``MIN_LANGUAGE_CONFIDENCE``; the caller then falls back on the page's ``<html lang>``.
    """
    words = " ".join(w for w in _LOWER_WORD_RE.findall(text) if not w[0].isupper())
    if len(words) - words.count(" ") < MIN_LANGUAGE_LETTERS:
        return None
    ranked = py3langid.rank(words)  # (language, log-probability), best first
    best, best_score = ranked[0]
    confidence = 1 / sum(math.exp(score - best_score) for _, score in ranked)
    return best if confidence >= MIN_LANGUAGE_CONFIDENCE else None


def html_language(tree: lxml.html.HtmlElement) -> str | None:
    """Primary subtag of ``<html lang>`` ("en-GB" -> "en"), if any."""
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        return None
    primary = re.split(r"[-_]", lang.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def parse_published(value: str | None) -> datetime | None:
    """trafilatura/htmldate date string -> aware UTC datetime (naive dates taken as UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.strptime(value, DATE_FORMAT)
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, one block per paragraph, scripts and styles removed."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment))
    etree.strip_elements(root, "script", "style", "noscript", with_tail=False)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            prefix = "- " if element.tag == "li" else ""
            element.text = "\n\n" + prefix + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def _blocks_text(body: etree._Element) -> str:
    """trafilatura's XML body -> text with one blank line between blocks."""
    blocks: list[str] = []
    for element in body:
        if element.tag == "list":
            blocks.extend("- " + _inline_text(item) for item in element.iter("item"))
        elif element.tag == "table":
            for row in element.iter("row"):
                cells = [_inline_text(cell) for cell in row.iter("cell")]
                blocks.append(" | ".join(c for c in cells if c))
        elif element.tag == "quote" and any(child.tag == "p" for child in element):
            blocks.extend(_inline_text(child) for child in element)
        else:
            blocks.append(_inline_text(element))
    return "\n\n".join(b for b in blocks if b.strip())


def _inline_text(element: etree._Element) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _clean_inline(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _key(text: str) -> str:
    return _KEY_RE.sub(" ", text.casefold()).strip()


def _drop_leading_title(body: str, title: str | None) -> str:
    """Remove a first paragraph that only repeats the title."""
    if not title:
        return body
    first, _, rest = body.partition("\n\n")
    return rest if _key(first) == _key(title) else body


def _drop_byline(body: str, author: str | None) -> str:
    """Remove a short "By Jane Doe" / "Par ..." / "Von ..." paragraph near the top."""
    if not author:
        return body
    paragraphs = body.split("\n\n")
    for index, paragraph in enumerate(paragraphs[:3]):
        if author in paragraph and len(paragraph) <= len(author) + 40 and len(paragraphs) > 1:
            return "\n\n".join(paragraphs[:index] + paragraphs[index + 1 :])
    return body


def _looks_like_title(paragraph: str) -> bool:
    return len(paragraph) <= 150 and paragraph[-1] not in ".!?:;\"'”’" and "\n" not in paragraph


def _text_published(body: str, title: str | None) -> datetime | None:
    """The date of the body's dateline, else a full date ending the title, as UTC midnight.

    Text dumps carry no metadata; the dateline ("Friday, July 21, 2017", "LONDON
    1996-12-06") or a date run into the headline is what dates the story.
    """
    dateline = find_dateline(body)
    found = dateline.date if dateline is not None else None
    if found is None and title:
        in_title = trailing_date(title)
        found = in_title[0] if in_title is not None else None
    return datetime(found.year, found.month, found.day, tzinfo=UTC) if found else None
