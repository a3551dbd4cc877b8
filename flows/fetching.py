"""HTTP for feeds and pages: conditional GET, total deadline, size cap, retries with backoff.

Every outcome is a ``Fetched`` value, never an exception: the caller records failures and
goes on with the rest of the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import math
import threading
import time
import urllib.request
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsfeed.config import Settings
from newsfeed.flows.netguard import BlockedAddress, GuardedBackend, check_url
from newsfeed.retrying import http_attempts

RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
MAX_RETRY_AFTER_S = 60.0


@dataclass(frozen=True)
class Fetched:
    """The result of one GET (after redirects and retries)."""

    url: str
    final_url: str | None = None
    status: int | None = None
    content: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    permanent_redirect: str | None = None  # where 301/308 redirects (only) led
    error_kind: str | None = None  # http_status, timeout, connection, too_large, ...
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_kind is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _TooLarge(Exception):
    pass


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport whose connections go only to checked public addresses."""

    def __init__(self, limits: httpx.Limits) -> None:
        super().__init__(limits=limits)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(),
        )


def make_client(settings: Settings, concurrency: int) -> httpx.AsyncClient:
    """An HTTP client with our User-Agent, timeouts and connection limits.

    Redirects are followed by ``fetch`` itself, one checked hop at a time. Unless private
    networks are allowed, connections go only to the public addresses checked by
    ``flows.netguard`` (with an HTTP(S)_PROXY set, the proxy connects: each hop is still
    checked before the request).
    """
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    guarded = not settings.allow_private_network and not urllib.request.getproxies()
    return httpx.AsyncClient(
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(settings.request_deadline_s, connect=settings.connect_timeout_s),
        follow_redirects=False,
        limits=limits,
        transport=_GuardedTransport(limits) if guarded else None,
    )


class HostPacer:
    """Politeness per host: at most ``concurrency`` requests in flight, starts ``delay_s`` apart.

    A host with a floor (its robots.txt ``Crawl-delay``, see ``set_floor``) gets one request
    at a time, each starting at least the floor (or ``delay_s`` when larger) after the previous
    one to that host ended. Start times, end times and floors are process-wide, so consecutive
    batches of one run (and the runs of a long-lived process) keep the pace.
    """

    _last_start: dict[str, float] = {}
    _last_end: dict[str, float] = {}
    _floors: dict[str, float] = {}
    _lock = threading.Lock()

    def __init__(self, concurrency: int, delay_s: float) -> None:
        self.concurrency, self.delay_s = max(1, concurrency), max(0.0, delay_s)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._serial: dict[str, asyncio.Lock] = {}

    @staticmethod
    def host_of(url: str) -> str:
        return (urlsplit(url).netloc or url).lower()

    @classmethod
    def set_floor(cls, url: str, seconds: float | None) -> None:
        """Make ``seconds`` the least time between two requests to the host of ``url``
        (from the end of one to the start of the next); None or 0 removes the floor."""
        host = cls.host_of(url)
        with cls._lock:
            if seconds and seconds > 0:
                cls._floors[host] = seconds
            else:
                cls._floors.pop(host, None)

    @classmethod
    def floor(cls, url: str) -> float:
        with cls._lock:
            return cls._floors.get(cls.host_of(url), 0.0)

    @classmethod
    def clear_floors(cls) -> None:
        with cls._lock:
            cls._floors.clear()

    def pause_s(self, url: str) -> float:
        """The least time from the end of a request to the host of ``url`` to the start of the
        next one (0 unless the host has a floor); retries within a slot wait that long too."""
        floor = self.floor(url)
        return max(floor, self.delay_s) if floor else 0.0

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = self.host_of(url)
        semaphore = self._slots.setdefault(host, asyncio.Semaphore(self.concurrency))
        async with semaphore:
            floor = self.pause_s(url)
            serial = (self._serial.setdefault(host, asyncio.Lock()) if floor
                      else contextlib.nullcontext())
            async with serial:
                with HostPacer._lock:
                    now = time.monotonic()
                    start = max(now, HostPacer._last_start.get(host, -math.inf) + self.delay_s,
                                HostPacer._last_end.get(host, -math.inf) + floor)
                    HostPacer._last_start[host] = start
                while (wait := start - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                try:
                    yield
                finally:
                    with HostPacer._lock:
                        HostPacer._last_end[host] = max(time.monotonic(),
                                                        HostPacer._last_end.get(host, 0.0))


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    parsed = email.utils.parsedate_to_datetime(value)
    if parsed is None:
        return None
    return max(0.0, (parsed - datetime.now(UTC)).total_seconds())


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _TooLarge(f"Content-Length {declared} exceeds the cap of {max_bytes} bytes")
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _TooLarge(f"body exceeds the cap of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


class _TooManyRedirects(Exception):
    pass


def _redirect_target(response: httpx.Response) -> str | None:
    location = response.headers.get("Location")
    if response.status_code not in REDIRECT_STATUSES or not location:
        return None
    return urljoin(str(response.url), location.strip())


async def _get_once(client: httpx.AsyncClient, url: str, headers: dict[str, str],
                    max_bytes: int, settings: Settings) -> tuple[Fetched, float | None]:
    """One attempt, following redirects hop by hop (each hop's address checked).

    Returns the result and, when worth retrying, how long to wait first.
    """
    current, visited, statuses = url, {url}, []
    for _ in range(MAX_REDIRECTS + 1):
        await check_url(current, addresses=not settings.allow_private_network)
        async with client.stream("GET", current, headers=headers) as response:
            target = _redirect_target(response)
            if target is not None:
                if target in visited:
                    raise _TooManyRedirects(f"redirect loop: {current} -> {target}")
                visited.add(target)
                statuses.append(response.status_code)
                current = target
                continue
            permanent = statuses and all(s in (301, 308) for s in statuses)
            common = {
                "url": url, "final_url": str(response.url), "status": response.status_code,
                "content_type": response.headers.get("Content-Type"),
                "permanent_redirect": str(response.url) if permanent else None,
            }
            if response.status_code == 304:
                return Fetched(**common), None
            if response.status_code != 200:
                retry = None
                if response.status_code in RETRY_STATUSES:
                    retry = _retry_after(response)
                    retry = min(retry, MAX_RETRY_AFTER_S) if retry is not None else -1.0
                reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                return Fetched(**common, error_kind="http_status", error=reason), retry
            content = await _read_capped(response, max_bytes)
            return Fetched(
                **common, content=content, etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            ), None
    raise _TooManyRedirects(f"more than {MAX_REDIRECTS} redirects from {url}")


async def fetch(client: httpx.AsyncClient, url: str, settings: Settings, *, max_bytes: int,
                etag: str | None = None, last_modified: str | None = None,
                min_retry_wait_s: float = 0.0) -> Fetched:
    """GET ``url`` with conditional headers, a total deadline per attempt and retries.

    A retry waits at least ``min_retry_wait_s`` (the host's pause, ``HostPacer.pause_s``).
    Non-public addresses are refused (error_kind ``blocked``) unless the settings allow them.
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    attempts = http_attempts(settings.retries, settings.retry_backoff_s,
                             retry_after=lambda outcome: outcome[1], min_wait_s=min_retry_wait_s)
    result, _ = await attempts(_attempt, client, url, headers, max_bytes, settings)
    return result


async def _attempt(client: httpx.AsyncClient, url: str, headers: dict[str, str],
                   max_bytes: int, settings: Settings) -> tuple[Fetched, float | None]:
    """One attempt within the total deadline; the outcome and whether to retry (see
    ``newsfeed.retrying.http_attempts``: None no, seconds to wait, or -1 for the backoff)."""
    try:
        async with asyncio.timeout(settings.request_deadline_s):
            return await _get_once(client, url, headers, max_bytes, settings)
    except TimeoutError:
        return Fetched(url=url, error_kind="timeout",
                       error=f"no complete response within {settings.request_deadline_s} s"), -1.0
    except BlockedAddress as exc:
        return Fetched(url=url, error_kind="blocked", error=str(exc)), None
    except (_TooManyRedirects, httpx.TooManyRedirects) as exc:
        return Fetched(url=url, error_kind="redirects", error=str(exc)), None
    except httpx.TimeoutException as exc:
        return Fetched(url=url, error_kind="timeout",
                       error=f"{type(exc).__name__}: {exc}"), -1.0
    except (httpx.TransportError, OSError) as exc:
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return Fetched(url=url, error_kind="connection", error=detail), -1.0
    except _TooLarge as exc:
        return Fetched(url=url, error_kind="too_large", error=str(exc)), None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:  # bad URLs, decoding
        return Fetched(url=url, error_kind="error", error=f"{type(exc).__name__}: {exc}"), None


def elapsed_ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000
