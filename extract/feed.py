"""Parse RSS 0.9x/1.0/2.0 and Atom feeds (feedparser) into plain dataclasses."""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import feedparser

from newsfeed.extract.body import html_fragment_text
from newsfeed.extract.encoding import charset, media_type
from newsfeed.extract.ids import canonical_url, is_web_url, item_id

_HTML_START_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                            re.IGNORECASE | re.DOTALL)
_EMAIL_RE = re.compile(r"[^\s@()]+@[^\s@()]+")
_EMAIL_NAME_RE = re.compile(r"^[^\s@()]+@[^\s@()]+\s*\((.*)\)$")
# an internal DTD subset: <!DOCTYPE rss [ ... ]>
_INTERNAL_SUBSET_RE = re.compile(rb"<!DOCTYPE[^>\[]*\[(.*?)\]\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY_DECL_RE = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s>]+\s+(.*?)>", re.IGNORECASE | re.DOTALL)
MAX_ENTITY_CHARS = 256  # longer entity values amplify (quadratic blow-up); a feed needs none
FUTURE_TOLERANCE = timedelta(hours=1)  # clock skew; later dates are flagged (and clamped)


class FeedParseError(Exception):
    """The content is not a feed (empty, an HTML page, or XML too broken to yield items).

    ``kind`` classifies it for the failures table: not_a_feed, or unsafe_xml for entity
    declarations that could expand without bound or reach outside (files, network).
    """

    def __init__(self, reason: str, kind: str = "not_a_feed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


@dataclass(frozen=True)
class FeedIssue:
    """Something wrong in a feed that still yielded items; recorded, never fatal.

    kind: malformed (XML errors), encoding (wrong or missing charset), item_skipped,
    duplicate_item, bad_date, future_date.
    """

    kind: str
    message: str


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed; ``summary``/``content`` are HTML as the feed gave them."""

    item_id: str
    guid: str | None
    link: str | None
    canonical_url: str | None
    title: str | None
    published: datetime | None  # aware, UTC
    author: str | None
    summary: str | None
    content: str | None
    language: str | None = None  # a Google News sitemap's news:language; None from feeds


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and link, its distinct items, and what was odd about it."""

    title: str | None
    link: str | None
    items: list[FeedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the issues' messages
    issues: list[FeedIssue] = field(default_factory=list)


def parse_feed(content: bytes, url: str, content_type: str | None = None,
               now: datetime | None = None) -> ParsedFeed:
    """Parse feed bytes fetched from ``url`` (relative links resolve against it).

    ``content_type`` is the HTTP Content-Type; an XML type without charset lets
    the XML declaration decide the encoding.  Malformed XML that still yields
    entries becomes a warning; items sharing an ``item_id`` are kept once (the
    first); items with no link, GUID or title are skipped with a warning.
    Dates later than ``now`` (default: the current time) are clamped to it; when more than
    ``FUTURE_TOLERANCE`` later, or unparseable, an issue says so.
    Raises ``FeedParseError`` when the content is not a feed, or declares unsafe entities.
    """
    if not content.strip():
        raise FeedParseError("empty body")
    _refuse_unsafe_entities(content)
    now = now or datetime.now(UTC)
    headers = {"content-location": url, "content-type": _feed_content_type(content_type)}
    parsed = feedparser.parse(
        content,
        response_headers=headers,
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    problem = parsed.get("bozo_exception")
    if not entries:
        if _looks_like_html(content, version):
            raise FeedParseError("HTML page, not a feed")
        if not version:
            detail = _describe(problem) if problem else "unknown format"
            raise FeedParseError(f"not a feed: {detail}")
        if parsed.get("bozo"):
            raise FeedParseError(f"XML error with no items: {_describe(problem)}")

    issues: list[FeedIssue] = []
    if parsed.get("bozo") and problem is not None:
        kind = "encoding" if "Encoding" in type(problem).__name__ else "malformed"
        issues.append(FeedIssue(kind, _describe(problem)))
    items: list[FeedItem] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        item = _feed_item(entry, url)
        if item is None:
            issues.append(FeedIssue("item_skipped",
                                    f"entry {position} skipped: no link, guid or title"))
            continue
        if item.item_id in seen:
            issues.append(FeedIssue("duplicate_item",
                                    f"entry {position} skipped: duplicate of item {item.item_id}"))
            continue
        item, issue = _checked_date(item, entry, position, now)
        if issue is not None:
            issues.append(issue)
        seen.add(item.item_id)
        items.append(item)

    meta = parsed.get("feed") or {}
    link = meta.get("link")
    return ParsedFeed(
        title=_plain(meta.get("title")),
        link=urljoin(url, link) if link else None,
        items=items,
        warnings=[i.message for i in issues],
        issues=issues,
    )


def _refuse_unsafe_entities(content: bytes) -> None:
    """Raise FeedParseError for entity declarations that amplify or reach outside.

    feedparser already drops such declarations and expat limits amplification; refusing them
    here keeps that guarantee whatever the parser versions (no defusedxml needed).
    """
    subset = _INTERNAL_SUBSET_RE.search(content[:65536])
    if subset is None:
        return
    for parameter, definition in _ENTITY_DECL_RE.findall(subset.group(1)):
        definition = definition.strip()
        if parameter:
            reason = "a parameter entity"
        elif definition[:6].upper() in (b"SYSTEM", b"PUBLIC"):
            reason = "an external entity (a file or URL)"
        elif b"&" in definition or b"%" in definition:
            reason = "an entity made of other entities (an entity bomb)"
        elif len(definition) > MAX_ENTITY_CHARS:
            reason = f"an entity longer than {MAX_ENTITY_CHARS} characters"
        else:
            continue
        raise FeedParseError(f"unsafe XML: the DOCTYPE declares {reason}; not parsed",
                             kind="unsafe_xml")


def _checked_date(item: FeedItem, entry: Any, position: int,
                  now: datetime) -> tuple[FeedItem, FeedIssue | None]:
    """Clamp a future publication date to ``now``; report unparseable and far-future dates."""
    if item.published is None:
        raw = next((entry.get(k) for k in ("published", "updated", "created") if entry.get(k)),
                   None)
        if isinstance(raw, str) and raw.strip():
            return item, FeedIssue("bad_date", f"entry {position}: unparseable date {raw[:80]!r}")
        return item, None
    if item.published <= now:
        return item, None
    issue = None
    if item.published > now + FUTURE_TOLERANCE:
        issue = FeedIssue("future_date", f"entry {position}: date {item.published.isoformat()} "
                                         f"is in the future; set to the fetch time")
    return replace(item, published=now), issue


def _feed_content_type(content_type: str | None) -> str:
    media = media_type(content_type)
    if not content_type or not media:
        return "application/xml"
    textual_xml = media.startswith("text/") and media.endswith("xml")
    if textual_xml and charset(content_type) is None:
        return "application/xml"  # RFC 7303: the XML declaration decides, not us-ascii
    return content_type


def _looks_like_html(content: bytes, version: str) -> bool:
    if _HTML_START_RE.match(content[:2048]):
        return True
    return not version and b"<html" in content[:4096].lower()


def _describe(problem: Exception | None) -> str:
    if problem is None:
        return "malformed feed"
    return f"{type(problem).__name__}: {problem}"


def _plain(value: str | None) -> str | None:
    if not value:
        return None
    if "<" in value or "&" in value:
        value = html_fragment_text(value)
    value = " ".join(value.split())
    return value or None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def _author(entry: Any) -> str | None:
    """RSS gives "email (Name)" or an email alone; keep the name only."""
    raw = _text(entry.get("author"))
    if raw:
        named = _EMAIL_NAME_RE.match(raw)
        if named:
            return named.group(1).strip() or None
        return None if _EMAIL_RE.fullmatch(raw) else raw
    detail = entry.get("author_detail") or {}
    return _text(detail.get("name"))


def _feed_item(entry: Any, feed_url: str) -> FeedItem | None:
    guid = _text(entry.get("id"))
    link = _text(entry.get("link"))
    if link:
        link = urljoin(feed_url, link)
    elif guid and is_web_url(guid):
        link = guid
    title = _plain(entry.get("title"))
    if not (guid or link or title):
        return None
    contents = entry.get("content") or []
    return FeedItem(
        item_id=item_id(guid, link, title),
        guid=guid,
        link=link,
        canonical_url=canonical_url(link) if link and is_web_url(link) else None,
        title=title,
        published=_published(entry),
        author=_author(entry),
        summary=_text(entry.get("summary")),
        content=_text(contents[0].get("value")) if contents else None,
    )
