"""Canonical URLs and stable item ids for feed entries.

``canonical_url`` relies on courlan (trafilatura's URL library) for scrubbing,
tracker removal (``utm_*``, ``fbclid``, ``gclid``, ...), query sorting and host
lower-casing; fragments are always dropped.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from courlan.clean import normalize_url, scrub_url

ITEM_ID_HEX_CHARS = 16

_WEB_URL_RE = re.compile(r"^https?://", re.IGNORECASE)
_SPACES_RE = re.compile(r"\s+")


def canonical_url(url: str) -> str:
    """Return a canonical form of ``url`` for comparison and storage.

    Lower-cases scheme and host, drops default ports, the fragment and tracking
    query parameters, sorts the remaining query.  Non-web URLs (``urn:``,
    ``tag:``) and strings courlan cannot parse come back stripped but unchanged.
    """
    url = url.strip()
    if not _WEB_URL_RE.match(url):
        return url
    try:
        cleaned = normalize_url(scrub_url(url), strict=False)
    except (AttributeError, ValueError):
        return url
    parts = urlsplit(cleaned)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def is_web_url(value: str) -> bool:
    """True when ``value`` is an absolute http(s) URL."""
    return bool(_WEB_URL_RE.match(value.strip()))


def item_id(guid: str | None, link: str | None, title: str | None = None) -> str:
    """Stable 16-hex-char id (truncated SHA-256) for one feed item.

    Rule, first match wins:

    1. a non-empty GUID: when it is an http(s) URL (a permalink GUID) it is
       canonicalised like a link, otherwise it is used verbatim (stripped);
    2. else the canonical link;
    3. else the title, case-folded with whitespace collapsed.

    URLs are hashed without their scheme, so ``http://`` and ``https://`` copies
    of one article agree, and a GUID that is a permalink hashes exactly like the
    same link: one article carried by two feeds, one with ``<guid>URL</guid>``,
    the other with only ``<link>URL?utm_source=x</link>``, gets one id.  A feed
    whose GUIDs are opaque (``tag:``, numbers) keeps ids of its own.

    Raises ``ValueError`` when guid, link and title are all empty.
    """
    for candidate in (guid, link):
        if candidate and candidate.strip():
            return _digest(_url_key(candidate) if is_web_url(candidate) else candidate.strip())
    if title and title.strip():
        return _digest("title:" + _SPACES_RE.sub(" ", title).strip().casefold())
    raise ValueError("item_id needs a guid, a link or a title")


def _url_key(url: str) -> str:
    canonical = canonical_url(url)
    return canonical.split(":", 1)[1] if _WEB_URL_RE.match(canonical) else canonical


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ITEM_ID_HEX_CHARS]
