"""Sitemaps as sources: fetch a sitemap (index), its child sitemaps, and make feed items.

Every request goes through ``flows.fetching.fetch`` with the run's client and ``HostPacer``,
so a sitemap gets exactly what a feed gets: the private-network guard, politeness, retries,
the size cap and conditional GET (a sitemap index's children keep their own ETag and
Last-Modified, in ``sitemap_children``). Entries older than ``sitemap_max_age_days``, and
undated ones, are left out (``extract.sitemap.recent_items``); children whose ``lastmod`` is
older are not fetched, and at most ``sitemap_max_children`` are, newest first; at most
``sitemap_max_items`` items are kept per sitemap and run, newest first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from newsfeed.config import Settings
from newsfeed.extract.feed import FeedIssue, FeedItem, FeedParseError
from newsfeed.extract.sitemap import (
    ParsedSitemap,
    SitemapRef,
    parse_sitemap,
    recent_items,
    recent_sitemaps,
    sitemap_root,
)
from newsfeed.flows.fetching import Fetched, HostPacer, elapsed_ms, fetch
from newsfeed.storage.store import FeedOutcome, FeedState, SitemapChild

# an index may list indexes once: the protocol allows none, but some sites nest them
MAX_DEPTH = 2


def is_sitemap(feed: FeedState, fetched: Fetched, known: Sequence[SitemapChild]) -> bool:
    """Whether to treat this fetch as a sitemap's: the feeds file says so, or (no ``type``)
    the document is a <urlset> or <sitemapindex>, gzipped or not, or it is a sitemap index
    answering 304 (its children are known)."""
    if feed.type is not None:
        return feed.type == "sitemap"
    if fetched.not_modified:
        return bool(known)
    return fetched.ok and sitemap_root(fetched.content or b"") is not None


def _parse(fetched: Fetched) -> ParsedSitemap:
    return parse_sitemap(fetched.content or b"", fetched.final_url or fetched.url)


@dataclass
class _Walk:
    """One sitemap's fetches in one run: the items found, the issues, the children listed."""

    client: httpx.AsyncClient
    pacer: HostPacer
    settings: Settings
    now: datetime
    known: dict[str, SitemapChild]
    budget: int
    visited: set[str]
    items: dict[str, FeedItem] = field(default_factory=dict)
    issues: list[FeedIssue] = field(default_factory=list)
    children: list[SitemapChild] = field(default_factory=list)
    changed: bool = False  # a child answered 200 and parsed

    @property
    def max_age(self) -> timedelta:
        return timedelta(days=self.settings.sitemap_max_age_days)

    def take(self, parsed: ParsedSitemap, url: str | None = None) -> None:
        """Keep a URL set's recent entries (and every issue, prefixed with ``url``)."""
        found, issues = recent_items(parsed, self.now, self.max_age)
        for item in found:
            self.items.setdefault(item.item_id, item)
        prefix = f"{url}: " if url else ""
        self.issues += [FeedIssue(i.kind, prefix + i.message) for i in parsed.issues + issues]

    def stored(self, parent: str | None) -> list[SitemapRef]:
        """The children the last successful fetch of ``parent`` listed."""
        return [SitemapRef(c.url, c.lastmod) for c in self.known.values()
                if c.parent_url == parent]

    async def visit(self, refs: list[SitemapRef], parent: str | None, depth: int) -> None:
        """Fetch the recent ones of ``refs`` (conditionally), recording every one listed."""
        fresh = recent_sitemaps(refs, self.now, self.max_age, len(refs))
        chosen = {r.url for r in fresh[:self.budget] if r.url not in self.visited}
        if len(fresh) > self.budget:
            self.issues.append(FeedIssue("truncated", f"{len(fresh) - self.budget} recent child "
                                         f"sitemap(s) beyond sitemap_max_children = "
                                         f"{self.settings.sitemap_max_children} not fetched"))
        self.budget = max(0, self.budget - len(chosen))
        self.visited |= chosen
        for ref in refs:
            prior = self.known.get(ref.url) or SitemapChild(ref.url)
            state = SitemapChild(ref.url, parent, ref.lastmod, prior.etag, prior.last_modified,
                                 "skipped", prior.last_fetched_at)
            if ref.url in chosen:
                state = await self._child(state, depth)
            self.children.append(state)

    async def _child(self, state: SitemapChild, depth: int) -> SitemapChild:
        url, fetched_at = state.url, self.now
        async with self.pacer.slot(url):
            fetched = await fetch(self.client, url, self.settings,
                                  max_bytes=self.settings.max_feed_bytes, etag=state.etag,
                                  last_modified=state.last_modified,
                                  min_retry_wait_s=self.pacer.pause_s(url))
        kept = {"url": url, "parent_url": state.parent_url, "lastmod": state.lastmod,
                "last_fetched_at": fetched_at}
        if fetched.not_modified:
            nested = self.stored(url)
            if nested:
                await self._nested(nested, url, depth)
            return SitemapChild(**kept, etag=state.etag, last_modified=state.last_modified,
                                last_status="not_modified")
        failed = SitemapChild(**kept, etag=state.etag, last_modified=state.last_modified,
                              last_status="failed")
        if not fetched.ok:
            self.issues.append(FeedIssue(fetched.error_kind or "http_status",
                                         f"{url}: {fetched.error or f'HTTP {fetched.status}'}"))
            return failed
        try:
            parsed = await asyncio.to_thread(_parse, fetched)
        except FeedParseError as exc:
            self.issues.append(FeedIssue(exc.kind, f"{url}: {exc.reason}"))
            return failed
        except Exception as exc:  # a parser bug on hostile input must not cost the run
            self.issues.append(FeedIssue("error", f"{url}: {type(exc).__name__}: {exc}"))
            return failed
        self.changed = True
        if parsed.kind == "urlset":
            self.take(parsed, url)
        else:
            self.issues += [FeedIssue(i.kind, f"{url}: {i.message}") for i in parsed.issues]
            await self._nested(parsed.sitemaps, url, depth)
        return SitemapChild(**kept, etag=fetched.etag, last_modified=fetched.last_modified,
                            last_status="ok")

    async def _nested(self, refs: list[SitemapRef], parent: str, depth: int) -> None:
        if depth >= MAX_DEPTH:
            self.issues.append(FeedIssue("item_skipped", f"{parent}: a sitemap index nested "
                                         f"more than {MAX_DEPTH} deep; its children not fetched"))
            return
        await self.visit(refs, parent, depth + 1)


async def sitemap_outcome(client: httpx.AsyncClient, pacer: HostPacer, settings: Settings,
                          feed: FeedState, fetched: Fetched, started: float,
                          fetched_at: datetime,
                          known: Sequence[SitemapChild] = ()) -> FeedOutcome:
    """The outcome of a sitemap feed whose own document is ``fetched``: its recent items, or
    (an index, also when it answered 304) those of its recent children, fetched here."""
    outcome = FeedOutcome(
        feed_id=feed.feed_id, url=feed.url, status="failed", fetched_at=fetched_at,
        duration_ms=0.0, http_status=fetched.status, new_url=fetched.permanent_redirect,
        error=fetched.error, error_kind=fetched.error_kind, kind="sitemap",
    )
    walk = _Walk(client, pacer, settings, fetched_at, {c.url: c for c in known},
                 budget=settings.sitemap_max_children, visited={feed.url})
    if fetched.not_modified:
        outcome.status = "not_modified"
        if known:
            await walk.visit(walk.stored(None), None, 1)
            outcome.children = walk.children
    elif fetched.ok:
        try:
            parsed = await asyncio.to_thread(_parse, fetched)
        except FeedParseError as exc:
            outcome.error, outcome.error_kind = str(exc), exc.kind
        except Exception as exc:  # a parser bug on hostile input must not cost the run
            outcome.error, outcome.error_kind = f"{type(exc).__name__}: {exc}", "error"
        else:
            outcome.status = "ok"
            outcome.etag, outcome.last_modified = fetched.etag, fetched.last_modified
            if parsed.kind == "urlset":
                walk.take(parsed)
            else:
                walk.issues += parsed.issues
                await walk.visit(parsed.sitemaps, None, 1)
            outcome.children = walk.children
    if outcome.status == "not_modified" and walk.changed:
        # the index is unchanged but a child is not: new validators for the children only
        outcome.status, outcome.etag = "ok", feed.etag
        outcome.last_modified = feed.last_modified
    outcome.items = sorted(walk.items.values(), key=lambda i: i.published, reverse=True)
    if len(outcome.items) > settings.sitemap_max_items:
        walk.issues.append(FeedIssue("truncated", f"{len(outcome.items)} recent entries; the "
                                     f"newest {settings.sitemap_max_items} kept "
                                     f"(sitemap_max_items)"))
        del outcome.items[settings.sitemap_max_items:]
    outcome.issues = [(i.kind, i.message) for i in walk.issues]
    outcome.duration_ms = elapsed_ms(started)
    return outcome

