"""robots.txt for article pages (RFC 9309), parsed with Protego, fetched once per host.

The feeds a user subscribes to are fetched whatever robots.txt says, as feed readers do: the
user asked for them, by URL, and a feed exists to be fetched. Article pages are fetched like a
crawler would: only where the site's robots.txt allows our User-Agent.

RFC 9309: a robots.txt answered 4xx (or absent) allows everything; a 5xx answer or a network
error disallows everything (until the next run); redirects are followed (up to 5 hops).

A ``Crawl-delay`` for our User-Agent (else ``*``) becomes the host's delay floor in
``HostPacer``: one request at a time, at least that many seconds from the end of one to the
start of the next, capped at the ``max_crawl_delay_s`` setting (60 s by default) so that one
host cannot stall a run; the ``host_delay_s`` setting still applies when larger.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from protego import Protego

from newsfeed.config import Settings
from newsfeed.flows.fetching import Fetched, HostPacer, fetch

MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
CACHE_TTL_S = 3600.0  # one fetch per host per run (and per hour in a long-lived process)


@dataclass(frozen=True)
class RobotsRules:
    """What one host's robots.txt says: parsed rules, or allow/deny all with the reason."""

    parser: Protego | None = None
    allow_all: bool = True
    reason: str = "no robots.txt"

    def crawl_delay(self, user_agent: str) -> float | None:
        """The Crawl-delay for ``user_agent`` in seconds (None: none given, or unusable)."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        if delay is None or not math.isfinite(delay) or delay <= 0:
            return None
        return float(delay)

    def verdict(self, url: str, user_agent: str) -> str | None:
        """None when ``url`` may be fetched, else why not."""
        if self.parser is not None:
            if self.parser.can_fetch(url, user_agent):
                return None
            return "disallowed by robots.txt for our User-Agent"
        return None if self.allow_all else self.reason


def rules_from(fetched: Fetched) -> RobotsRules:
    """Rules from the answer to GET /robots.txt, as RFC 9309 prescribes."""
    if fetched.ok:
        text = (fetched.content or b"").decode("utf-8", errors="replace")
        try:
            return RobotsRules(parser=Protego.parse(text), reason="robots.txt")
        except Exception as exc:  # an unparseable file constrains nothing
            return RobotsRules(reason=f"robots.txt unparseable ({type(exc).__name__})")
    if fetched.status is not None and 400 <= fetched.status < 500:
        return RobotsRules(reason=f"robots.txt: HTTP {fetched.status}")
    if fetched.error_kind in ("blocked", "too_large", "redirects", "error"):
        return RobotsRules(reason=f"robots.txt not used ({fetched.error_kind})")
    return RobotsRules(allow_all=False,
                       reason=f"robots.txt unreachable ({fetched.error}): the site is treated "
                              "as disallowed for this run (RFC 9309)")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class RobotsCache:
    """Rules per origin, shared by every download of the process for CACHE_TTL_S seconds."""

    _entries: dict[str, tuple[float, RobotsRules]] = {}
    _lock = threading.Lock()

    def __init__(self, client: httpx.AsyncClient, settings: Settings, pacer: HostPacer) -> None:
        self.client, self.settings, self.pacer = client, settings, pacer
        self._pending: dict[str, asyncio.Task[RobotsRules]] = {}

    @classmethod
    def clear(cls) -> None:
        """Forget every host's rules and Crawl-delay floors (the next download fetches
        robots.txt again)."""
        with cls._lock:
            cls._entries.clear()
        HostPacer.clear_floors()

    async def verdict(self, url: str) -> str | None:
        """None when ``url`` may be fetched (or robots are not respected), else why not."""
        if not self.settings.respect_robots:
            return None
        rules = await self.rules(origin_of(url))
        return rules.verdict(url, self.settings.user_agent)

    async def rules(self, origin: str) -> RobotsRules:
        with RobotsCache._lock:
            cached = RobotsCache._entries.get(origin)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        task = self._pending.get(origin)
        if task is None:  # one fetch per origin, however many pages wait for it
            task = self._pending[origin] = asyncio.ensure_future(self._fetch(origin))
        return await task

    async def _fetch(self, origin: str) -> RobotsRules:
        url = origin + "/robots.txt"
        settings = self.settings.with_overrides(retries=0)
        async with self.pacer.slot(url):
            fetched = await fetch(self.client, url, settings, max_bytes=MAX_ROBOTS_BYTES)
        rules = rules_from(fetched)
        delay = rules.crawl_delay(self.settings.user_agent)
        HostPacer.set_floor(origin, min(delay, self.settings.max_crawl_delay_s) if delay else None)
        with RobotsCache._lock:
            RobotsCache._entries[origin] = (time.monotonic() + CACHE_TTL_S, rules)
        return rules
