"""A small threaded HTTP server on 127.0.0.1 for the demo and the tests.

It serves a directory of fixture files the way a well-behaved news site does
(strong ETag, Last-Modified, 304 on conditional requests, gzip) and lets tests
register hostile routes: redirects, error statuses, slow trickles, huge bodies
and connections closed without a response. Every request is recorded.

    with FixtureServer(SITE_DIR) as server:
        httpx.get(server.url("/feeds/world.rss"))
        assert server.requests[0].status == 200
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

BASE_URL_PLACEHOLDER = b"{{BASE_URL}}"

#: Extensions whose files may contain ``{{BASE_URL}}`` and get a charset.
TEXT_EXTENSIONS = {".xml", ".rss", ".atom", ".rdf", ".html", ".htm", ".txt", ".opml", ".json"}

CONTENT_TYPES = {
    ".xml": "application/rss+xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
    ".opml": "text/x-opml",
    ".json": "application/json",
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
}

#: A filename part that names the file's encoding: ``page.latin1.html``.
CHARSET_MARKERS = {
    "latin1": "iso-8859-1",
    "iso-8859-1": "iso-8859-1",
    "cp1252": "windows-1252",
    "utf8": "utf-8",
}

RouteHandler = Callable[["FixtureRequestHandler"], None]


@dataclass(frozen=True)
class RequestRecord:
    """One request the server answered (or dropped)."""

    method: str
    path: str  # without the query string
    query: str  # "" when there is none
    headers: dict[str, str]  # request headers, names lower-cased
    status: int | None  # None: the connection was closed without a response
    bytes_sent: int  # body bytes written (headers not counted)
    received: float = 0.0  # time.monotonic() when the request line had been read

    def header(self, name: str) -> str | None:
        """A request header by case-insensitive name."""
        return self.headers.get(name.lower())


def content_type_for(path: Path) -> str:
    """Content-Type for a fixture file: by extension, charset by filename marker."""
    suffix = path.suffix.lower()
    base = CONTENT_TYPES.get(suffix, "application/octet-stream")
    if suffix not in TEXT_EXTENSIONS:
        return base
    return f"{base}; charset={charset_for(path)}"


def charset_for(path: Path) -> str:
    """The charset a fixture file is written in: utf-8 unless its name says otherwise."""
    for part in path.name.lower().split(".")[1:-1]:
        if part in CHARSET_MARKERS:
            return CHARSET_MARKERS[part]
    return "utf-8"


def strong_etag(body: bytes) -> str:
    """A strong entity tag: a hash of the bytes as served."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _reason(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


def _accepts_gzip(header: str | None) -> bool:
    if not header:
        return False
    for part in header.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=").strip() if "q=" in params else "1"
            try:
                return float(q) > 0
            except ValueError:
                return True
    return False


def _etag_matches(if_none_match: str, etags: set[str]) -> bool:
    """Weak comparison, as RFC 9110 prescribes for If-None-Match."""
    candidates = [tag.strip() for tag in if_none_match.split(",")]
    return any(tag == "*" or tag.removeprefix("W/") in etags for tag in candidates)


class _CountingWriter:
    """Wraps the socket writer to count bytes; body bytes are those after the headers."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.total = 0
        self.header_bytes: int | None = None

    def write(self, data: bytes) -> int:
        written = self.raw.write(data)
        self.total += len(data)
        return written if written is not None else len(data)

    def flush(self) -> None:
        self.raw.flush()

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return self.raw.closed

    @property
    def body_bytes(self) -> int:
        return self.total - (self.header_bytes if self.header_bytes is not None else self.total)


class FixtureRequestHandler(BaseHTTPRequestHandler):
    """Serves one connection; route handlers receive this object."""

    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    # -- bookkeeping -------------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)  # type: ignore[assignment]
        self.server.fixture._connection_opened(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server.fixture._connection_closed(self.connection)

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        super().end_headers()
        self.wfile.header_bytes = self.wfile.total  # type: ignore[attr-defined]

    def parse_request(self) -> bool:
        self._received = time.monotonic()
        parsed = super().parse_request()
        if parsed:
            with self.server.fixture._settled:
                self.server.fixture._in_flight += 1
            self._counted = True
        return parsed

    def handle_one_request(self) -> None:
        self._counted = False
        self._status: int | None = None
        self._received = 0.0
        self.wfile.total = 0  # type: ignore[attr-defined]
        self.wfile.header_bytes = None  # type: ignore[attr-defined]
        self.command = ""
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            if self.command:  # a request line was read
                self.server.fixture._record(self)
            if self._counted:
                with self.server.fixture._settled:
                    self.server.fixture._in_flight -= 1
                    self.server.fixture._settled.notify_all()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the requests are recorded in ``FixtureServer.requests`` instead."""

    # -- helpers for route handlers ----------------------------------------------------------

    @property
    def fixture(self) -> FixtureServer:
        """The FixtureServer this request came to."""
        return self.server.fixture

    @property
    def request_path(self) -> str:
        """The request path without query string, percent-decoded."""
        return unquote(urlsplit(self.path).path)

    def send_body(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/plain; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Send a complete response with a Content-Length (no body for HEAD)."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def stopping(self) -> bool:
        """True once the server is closing: long-running routes should return."""
        return self.fixture._closing.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; False when the server started closing meanwhile."""
        return not self.fixture._closing.wait(seconds)

    def reset_connection(self) -> None:
        """Drop the connection without a response (the client sees a reset or EOF)."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.fixture._reset_sockets.add(self.connection)

    # -- dispatch ----------------------------------------------------------------------------

    def do_GET(self) -> None:
        route = self.fixture._routes.get(self.request_path)
        if route is not None:
            route(self)
        else:
            self._serve_file()

    do_HEAD = do_GET

    def _serve_file(self) -> None:
        file = self.fixture._resolve(self.request_path)
        if file is None:
            body = b"<!doctype html><title>404 Not Found</title><h1>Not Found</h1>\n"
            self.send_body(404, body, "text/html; charset=utf-8")
            return
        body = file.read_bytes()
        if file.suffix.lower() in TEXT_EXTENSIONS:
            body = body.replace(BASE_URL_PLACEHOLDER, self.fixture.base_url.encode("ascii"))
        identity_tag = strong_etag(body)
        gzip_tag = identity_tag[:-1] + '-gz"'
        mtime = self.fixture.last_modified or file.stat().st_mtime
        use_gzip = _accepts_gzip(self.headers.get("Accept-Encoding"))
        etag = gzip_tag if use_gzip else identity_tag
        common = {
            "ETag": etag,
            "Last-Modified": formatdate(mtime, usegmt=True),
            "Vary": "Accept-Encoding",
            "Cache-Control": "max-age=0, must-revalidate",
        }
        if self._not_modified({identity_tag, gzip_tag}, mtime):
            self.send_response(304)
            for name, value in common.items():
                self.send_header(name, value)
            self.end_headers()
            return
        if use_gzip:
            body = gzip.compress(body, mtime=0)
            common["Content-Encoding"] = "gzip"
        self.send_body(200, body, content_type_for(file), common)

    def _not_modified(self, etags: set[str], mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return _etag_matches(if_none_match, etags)
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
            return int(mtime) <= since
        return False


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True  # server_close() joins the handler threads
    fixture: FixtureServer

    def shutdown_request(self, request: Any) -> None:
        if request in self.fixture._reset_sockets:
            self.fixture._reset_sockets.discard(request)
            request.close()  # SO_LINGER 0: the peer gets a RST, not a FIN
            return
        super().shutdown_request(request)


class FixtureServer:
    """Serve ``root`` on 127.0.0.1 (a free port) from a daemon thread; a context manager."""

    def __init__(
        self,
        root: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        last_modified: float | None = None,
    ) -> None:
        """``last_modified`` (a Unix time) overrides the files' mtimes in Last-Modified."""
        self.root = Path(root).resolve()
        self.last_modified = last_modified
        self._routes: dict[str, RouteHandler] = {}
        self._requests: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._in_flight = 0  # requests read but not yet recorded
        self._settled = threading.Condition(self._lock)
        self._closing = threading.Event()
        self._connections: set[socket.socket] = set()
        self._reset_sockets: set[socket.socket] = set()
        self._httpd = _HTTPServer((host, port), FixtureRequestHandler)
        self._httpd.fixture = self
        bound_host, bound_port = self._httpd.server_address[:2]
        self.base_url = f"http://{bound_host}:{bound_port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FixtureServer:{bound_port}",
            daemon=True,
        )
        self._thread.start()

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> FixtureServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving, drop open connections and join every thread. Idempotent."""
        if self._closing.is_set():
            return
        self._closing.set()
        self._httpd.shutdown()
        with self._lock:
            open_connections = list(self._connections)
        for conn in open_connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join()

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- request log -------------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of the requests recorded so far, oldest first.

        Waits (up to 2 s) for requests still being answered, so that a client that has
        its response also finds the request recorded.
        """
        with self._settled:
            self._settled.wait_for(lambda: self._in_flight == 0, timeout=2.0)
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def requests_for(self, path: str) -> list[RequestRecord]:
        """Recorded requests whose path (without query) is ``path``."""
        return [r for r in self.requests if r.path == path]

    # -- routes ------------------------------------------------------------------------------

    def add_route(self, path: str, handler: RouteHandler) -> None:
        """Answer GET/HEAD on ``path`` (query ignored) with ``handler(request_handler)``."""
        self._routes[path] = handler

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        """Redirect ``path`` to ``to`` (a path on this server or an absolute URL)."""
        if status not in (301, 302, 303, 307, 308):
            raise ValueError(f"not a redirect status: {status}")
        location = self.url(to) if to.startswith("/") else to

        def handler(req: FixtureRequestHandler) -> None:
            req.send_body(status, b"", headers={"Location": location})

        self.add_route(path, handler)

    def status(
        self,
        path: str,
        code: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        content_type: str = "text/plain; charset=utf-8",
    ) -> None:
        """Answer ``path`` with a fixed status, body and headers (e.g. 429 + Retry-After)."""
        if not body and code >= 400:
            body = f"{code} {_reason(code)}\n".encode()

        def handler(req: FixtureRequestHandler) -> None:
            req.send_body(code, body, content_type, headers)

        self.add_route(path, handler)

    def slow(
        self,
        path: str,
        body: bytes,
        delay_s: float,
        chunk: int = 64,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        """Trickle ``body``: headers at once, then ``chunk`` bytes after each ``delay_s`` pause."""

        def handler(req: FixtureRequestHandler) -> None:
            req.send_response(200)
            req.send_header("Content-Type", content_type)
            req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            if req.command == "HEAD":
                return
            req.wfile.flush()
            for start in range(0, len(body), chunk):
                if not req.wait(delay_s):
                    req.close_connection = True
                    return
                req.wfile.write(body[start : start + chunk])
                req.wfile.flush()

        self.add_route(path, handler)

    def huge(
        self,
        path: str,
        size_bytes: int,
        content_type: str = "text/html; charset=utf-8",
        declare_length: bool = True,
        chunk: int = 64 * 1024,
    ) -> None:
        """Stream ``size_bytes`` of generated text without holding it in memory.

        With ``declare_length=False`` no Content-Length is sent and the body ends when
        the connection closes, so a client cannot know the size in advance.
        """

        def handler(req: FixtureRequestHandler) -> None:
            req.send_response(200)
            req.send_header("Content-Type", content_type)
            if declare_length:
                req.send_header("Content-Length", str(size_bytes))
            else:
                req.send_header("Connection", "close")
                req.close_connection = True
            req.end_headers()
            if req.command == "HEAD":
                return
            for piece in generated_bytes(size_bytes, chunk):
                if req.stopping():
                    req.close_connection = True
                    return
                req.wfile.write(piece)

        self.add_route(path, handler)

    def reset(self, path: str) -> None:
        """Close the connection on ``path`` without sending any response."""
        self.add_route(path, FixtureRequestHandler.reset_connection)

    # -- internals ---------------------------------------------------------------------------

    def _resolve(self, request_path: str) -> Path | None:
        relative = request_path.lstrip("/")
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _record(self, req: FixtureRequestHandler) -> None:
        parts = urlsplit(req.path)
        raw_headers = getattr(req, "headers", None)
        headers = {k.lower(): v for k, v in raw_headers.items()} if raw_headers else {}
        record = RequestRecord(
            method=req.command,
            path=unquote(parts.path),
            query=parts.query,
            headers=headers,
            status=req._status,
            bytes_sent=req.wfile.body_bytes,  # type: ignore[attr-defined]
            received=req._received,
        )
        with self._lock:
            self._requests.append(record)

    def _connection_opened(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)

    def _connection_closed(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.discard(conn)


def generated_bytes(size: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """``size`` bytes of filler HTML paragraphs, yielded ``chunk`` bytes at a time."""
    line = b"<p>All work and no play makes a very long page that never seems to end.</p>\n"
    block = line * (chunk // len(line) + 1)
    remaining = size
    while remaining > 0:
        piece = block[: min(chunk, remaining)]
        remaining -= len(piece)
        yield piece


def main(argv: list[str] | None = None) -> None:
    """``python -m newsfeed.demo.server ROOT``: serve ROOT, print the base URL, run until killed.

    The benchmark serves its synthetic site from such a process, as a real site would be.
    """
    import signal
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python -m newsfeed.demo.server ROOT")
    stop = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop)  # delivered to sigwait below, not fatal
    with FixtureServer(args[0]) as server:
        print(server.base_url, flush=True)
        signal.sigwait(stop)


if __name__ == "__main__":
    main()
