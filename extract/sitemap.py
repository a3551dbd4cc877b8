"""Parse XML sitemaps (sitemaps.org 0.9) and Google News sitemaps into plain dataclasses.

Sitemap indexes (``<sitemapindex>``: child sitemaps with their ``lastmod``), URL sets
(``<urlset>``: pages with ``lastmod`` and, in a Google News sitemap, ``news:publication_date``,
``news:title`` and the publication's ``news:language``), gzipped or not (by magic bytes).

Parsed here with lxml rather than ultimate-sitemap-parser: that library is GPL-3.0-or-later,
which our MIT licence cannot take in, and it downloads sitemaps itself, which would bypass our
fetching (conditional GET, politeness, the private-network guard in ``flows``). Bytes in,
dataclasses out: no network, no files. Hostile input is bounded: gzip is decompressed up to a
cap (gzip bombs), a DOCTYPE is refused (a sitemap has none; entity bombs and external entities
need one), entities are never resolved nor anything fetched, lxml's ``huge_tree`` limits stay
on, and at most ``MAX_SITEMAP_ENTRIES`` entries are read.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

from lxml import etree

from newsfeed.extract.feed import FUTURE_TOLERANCE, FeedIssue, FeedItem, FeedParseError
from newsfeed.extract.ids import canonical_url, is_web_url, item_id

# the protocol's own limits: 50,000 URLs and 50 MB (uncompressed) per sitemap
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_SITEMAP_ENTRIES = 50_000
GZIP_MAGIC = b"\x1f\x8b"
SITEMAP_ROOTS = ("urlset", "sitemapindex")
_DOCTYPE_RE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class SitemapParseError(FeedParseError):
    """The content is not a usable sitemap.

    ``kind``: not_a_sitemap (not XML, another root element, XML too broken to yield entries),
    unsafe_xml (a DOCTYPE), too_large (decompresses beyond the cap).
    """

    def __init__(self, reason: str, kind: str = "not_a_sitemap") -> None:
        super().__init__(reason, kind)


@dataclass(frozen=True)
class SitemapRef:
    """A child sitemap listed by a sitemap index."""

    url: str
    lastmod: datetime | None = None  # aware, UTC


@dataclass(frozen=True)
class SitemapEntry:
    """A page listed by a URL set, with what a Google News sitemap adds about it."""

    url: str
    lastmod: datetime | None = None
    published: datetime | None = None  # news:publication_date
    title: str | None = None  # news:title
    language: str | None = None  # news:publication/news:language

    @property
    def date(self) -> datetime | None:
        """When the page was published (news) or else last changed (lastmod)."""
        return self.published or self.lastmod


@dataclass(frozen=True)
class ParsedSitemap:
    """A sitemap index (``sitemaps``) or a URL set (``entries``), and what was odd about it."""

    kind: str  # sitemapindex or urlset
    sitemaps: list[SitemapRef] = field(default_factory=list)
    entries: list[SitemapEntry] = field(default_factory=list)
    issues: list[FeedIssue] = field(default_factory=list)


def decompressed(content: bytes, max_bytes: int = MAX_SITEMAP_BYTES) -> bytes:
    """``content`` gunzipped when it starts with the gzip magic bytes, else as it is.

    Raises SitemapParseError (too_large) beyond ``max_bytes`` decompressed, and
    (not_a_sitemap) for a corrupt gzip stream.
    """
    if not content.startswith(GZIP_MAGIC):
        return content
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(content)) as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapParseError(f"not valid gzip: {type(exc).__name__}: {exc}") from None
    if len(data) > max_bytes:
        raise SitemapParseError(f"gzip content decompresses beyond the cap of {max_bytes} bytes",
                                kind="too_large")
    return data


def _local(tag: object) -> str | None:
    """An element's name without its namespace (``{uri}loc`` → ``loc``)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else None


def _iterparse(data: bytes, events: tuple[str, ...], tag: str | None = None) -> etree.iterparse:
    return etree.iterparse(io.BytesIO(data), events=events, tag=tag, resolve_entities=False,
                           no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def _root_name(data: bytes) -> str:
    """The root element's name, when it is a sitemap's; else SitemapParseError."""
    try:
        for _, element in _iterparse(data, ("start",)):
            name = _local(element.tag)
            if name not in SITEMAP_ROOTS:
                raise SitemapParseError(f"not a sitemap: the root element is <{name}>")
            return name
    except etree.XMLSyntaxError as exc:
        raise SitemapParseError(f"not a sitemap: XML error with no entries: {exc}") from None
    raise SitemapParseError("not a sitemap: no root element")


def sitemap_root(content: bytes, max_bytes: int = MAX_SITEMAP_BYTES) -> str | None:
    """``urlset`` or ``sitemapindex`` when ``content`` (gzipped or not) is a sitemap, else None.

    Reads only up to the root element's start tag.
    """
    try:
        data = decompressed(content, max_bytes)
    except SitemapParseError:
        return None
    if data.lstrip()[:1] != b"<":
        return None
    try:
        return _root_name(data)
    except SitemapParseError:
        return None


def parse_w3c_datetime(value: str | None) -> datetime | None:
    """A W3C datetime (``2026-12-03``, ``2026-12-03T10:00Z``, with offset...) in UTC, or None.

    A date alone is midnight UTC; a time without offset is taken as UTC.
    """
    if not value or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _text(element: etree._Element) -> str | None:
    text = (element.text or "").strip()
    return " ".join(text.split()) or None


class _Counts:
    """Problems seen many times in one sitemap, reported once each with a count."""

    def __init__(self) -> None:
        self.bad_dates: list[str] = []
        self.skipped = 0

    def issues(self) -> list[FeedIssue]:
        out = []
        if self.bad_dates:
            out.append(FeedIssue("bad_date", f"{len(self.bad_dates)} unparseable date(s), e.g. "
                                             f"{self.bad_dates[0][:80]!r}; taken as undated"))
        if self.skipped:
            out.append(FeedIssue("item_skipped", f"{self.skipped} entries skipped: no http(s) "
                                                 f"<loc>"))
        return out


def _date(raw: str | None, counts: _Counts) -> datetime | None:
    parsed = parse_w3c_datetime(raw)
    if parsed is None and raw and raw.strip():
        counts.bad_dates.append(raw.strip())
    return parsed


def _location(raw: str | None, base_url: str, counts: _Counts) -> str | None:
    if raw:
        url = raw if is_web_url(raw) else urljoin(base_url, raw)  # locs are absolute, mostly
        if is_web_url(url):
            return url
    counts.skipped += 1
    return None


def _entry(element: etree._Element, base_url: str, counts: _Counts) -> SitemapEntry | None:
    values: dict[str, str | None] = {}
    for child in element:
        name = _local(child.tag)
        if name in ("loc", "lastmod"):
            values[name] = _text(child)
        elif name == "news":
            for part in child.iter():
                part_name = _local(part.tag)
                if part_name in ("publication_date", "title", "language"):
                    values[part_name] = _text(part)
    url = _location(values.get("loc"), base_url, counts)
    if url is None:
        return None
    return SitemapEntry(url=url, lastmod=_date(values.get("lastmod"), counts),
                        published=_date(values.get("publication_date"), counts),
                        title=values.get("title"), language=values.get("language"))


def _ref(element: etree._Element, base_url: str, counts: _Counts) -> SitemapRef | None:
    values = {_local(c.tag): _text(c) for c in element if _local(c.tag) in ("loc", "lastmod")}
    url = _location(values.get("loc"), base_url, counts)
    return None if url is None else SitemapRef(url, _date(values.get("lastmod"), counts))


def parse_sitemap(content: bytes, url: str, max_bytes: int = MAX_SITEMAP_BYTES,
                  max_entries: int = MAX_SITEMAP_ENTRIES) -> ParsedSitemap:
    """Parse sitemap bytes (gzipped or not) fetched from ``url`` (relative locs resolve
    against it).

    XML that breaks off after some entries keeps them, with a ``malformed`` issue; entries
    beyond ``max_entries`` are left out (``truncated``). Raises SitemapParseError when the
    content is not a sitemap, declares a DOCTYPE, or decompresses beyond ``max_bytes``.
    """
    data = decompressed(content, max_bytes)
    if len(data) > max_bytes:
        raise SitemapParseError(f"sitemap exceeds the cap of {max_bytes} bytes", kind="too_large")
    if not data.strip():
        raise SitemapParseError("empty body")
    if _DOCTYPE_RE.search(data[:65536]):
        raise SitemapParseError("unsafe XML: a sitemap has no DOCTYPE; not parsed",
                                kind="unsafe_xml")
    kind = _root_name(data)
    counts = _Counts()
    refs: list[SitemapRef] = []
    entries: list[SitemapEntry] = []
    issues: list[FeedIssue] = []
    wanted = "url" if kind == "urlset" else "sitemap"
    try:
        for _, element in _iterparse(data, ("end",), tag=f"{{*}}{wanted}"):
            parent = element.getparent()
            if parent is None or parent.getparent() is not None:
                continue  # only the root's own children are entries
            if len(refs) + len(entries) >= max_entries:
                issues.append(FeedIssue("truncated", f"more than {max_entries} entries; the "
                                                     f"rest left out"))
                break
            if kind == "urlset":
                entries += filter(None, [_entry(element, url, counts)])
            else:
                refs += filter(None, [_ref(element, url, counts)])
            element.clear()  # keep memory flat: drop what was read
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        if not (refs or entries):
            raise SitemapParseError(f"not a sitemap: XML error with no entries: {exc}") from None
        issues.append(FeedIssue("malformed", f"XMLSyntaxError: {exc}; the entries before it "
                                             f"kept"))
    return ParsedSitemap(kind=kind, sitemaps=refs, entries=entries,
                         issues=counts.issues() + issues)


def recent_items(parsed: ParsedSitemap, now: datetime,
                 max_age: timedelta) -> tuple[list[FeedItem], list[FeedIssue]]:
    """The entries published (or changed) within ``max_age`` before ``now``, as feed items.

    Precision first: an entry with no date (no ``news:publication_date``, no ``lastmod``) is
    left out, since nothing says it is recent (one ``undated`` issue counts them). A date
    later than ``now`` is clamped to it (``future_date`` when beyond ``FUTURE_TOLERANCE``).
    The item is what a feed entry linking to the page would be (no GUID, no summary), so the
    same article from a feed and a sitemap gets one id.
    """
    cutoff = now - max_age
    items: list[FeedItem] = []
    issues: list[FeedIssue] = []
    seen: set[str] = set()
    undated = 0
    for entry in parsed.entries:
        published = entry.date
        if published is None:
            undated += 1
            continue
        if published < cutoff:
            continue
        if published > now:
            if published > now + FUTURE_TOLERANCE:
                issues.append(FeedIssue("future_date", f"{entry.url}: date "
                                        f"{published.isoformat()} is in the future; set to the "
                                        f"fetch time"))
            published = now
        item = FeedItem(item_id=item_id(None, entry.url), guid=None, link=entry.url,
                        canonical_url=canonical_url(entry.url), title=entry.title,
                        published=published, author=None, summary=None, content=None,
                        language=entry.language)
        if item.item_id in seen:
            continue
        seen.add(item.item_id)
        items.append(item)
    if undated:
        issues.append(FeedIssue("undated", f"{undated} entries without lastmod or "
                                           f"news:publication_date left out"))
    return items, issues


def recent_sitemaps(refs: list[SitemapRef], now: datetime, max_age: timedelta,
                    limit: int) -> list[SitemapRef]:
    """The child sitemaps worth fetching: not changed before ``now - max_age`` (undated ones
    too: they may hold recent entries), newest first, at most ``limit``."""
    cutoff = now - max_age
    fresh = [r for r in refs if r.lastmod is None or r.lastmod >= cutoff]
    dated = sorted((r for r in fresh if r.lastmod is not None), key=lambda r: r.lastmod,
                   reverse=True)
    return (dated + [r for r in fresh if r.lastmod is None])[:max(0, limit)]
