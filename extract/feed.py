"""Parse RSS 0.9x/1.0/2.0 and Atom feeds (feedparser) into plain dataclasses."""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from extract.body import html_fragment_text
from extract.ids import canonical_url, is_web_url, item_id

_HTML_START_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                            re.IGNORECASE | re.DOTALL)
_EMAIL_RE = re.compile(r"[^\s@()]+@[^\s@()]+")
_EMAIL_NAME_RE = re.compile(r"^[^\s@()]+@[^\s@()]+\s*\((.*)\)$")


class FeedParseError(Exception):
    """The content is not a feed (empty, an HTML page, or XML too broken to yield items)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and link, its distinct items, and what was odd about it."""

    title: str | None
    link: str | None
    items: list[FeedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_feed(content: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse feed bytes fetched from ``url`` (relative links resolve against it).

    ``content_type`` is the HTTP Content-Type; an XML type without charset lets
    the XML declaration decide the encoding.  Malformed XML that still yields
    entries becomes a warning; items sharing an ``item_id`` are kept once (the
    first); items with no link, GUID or title are skipped with a warning.
    Raises ``FeedParseError`` when the content is not a feed.
    """
    if not content.strip():
        raise FeedParseError("empty body")
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

    warnings: list[str] = []
    if parsed.get("bozo") and problem is not None:
        warnings.append(_describe(problem))
    items: list[FeedItem] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        item = _feed_item(entry, url)
        if item is None:
            warnings.append(f"entry {position} skipped: no link, guid or title")
            continue
        if item.item_id in seen:
            warnings.append(f"entry {position} skipped: duplicate of item {item.item_id}")
            continue
        seen.add(item.item_id)
        items.append(item)

    meta = parsed.get("feed") or {}
    link = meta.get("link")
    return ParsedFeed(
        title=_plain(meta.get("title")),
        link=urljoin(url, link) if link else None,
        items=items,
        warnings=warnings,
    )


def _feed_content_type(content_type: str | None) -> str:
    if not content_type:
        return "application/xml"
    media_type = content_type.split(";", 1)[0].strip().lower()
    textual_xml = media_type.startswith("text/") and media_type.endswith("xml")
    if textual_xml and "charset" not in content_type.lower():
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
