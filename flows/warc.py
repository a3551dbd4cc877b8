"""Archived HTTP responses from WARC files, streamed with fastwarc (gzip or not).

``read_pages`` walks a file record by record and yields the HTML responses (status 200) that
pass the filters, as ``ArchivedPage``s, and the records that could not be read as
``BadRecord``s; everything else (requests, metadata, images, redirects, 404s) is counted and
skipped. One record is in memory at a time. ``warc_record`` writes a record (tests, benchmark).
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsfeed.extract.encoding import media_type
from newsfeed.flows.tasks import HTML_TYPES


@dataclass(frozen=True)
class ArchivedPage:
    """An HTML response as archived: where it was, when, and its (decoded) payload bytes."""

    url: str  # WARC-Target-URI
    captured_at: datetime  # WARC-Date
    http_status: int
    content_type: str | None
    content_language: str | None
    html: bytes


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read; recorded as a failure, the file read on."""

    kind: str  # bad_http, truncated, unreadable
    message: str
    url: str | None
    offset: int  # of the record in the (compressed) file


def url_regex(pattern: str) -> re.Pattern:
    """A URL pattern as a regular expression: a glob (``*/articles/*``) when it has no
    regular-expression syntax other than ``*``, ``?`` and ``.``; else the expression itself.
    Raises ``re.error`` for a bad one."""
    if "*" in pattern and not set(pattern) & set("^$()[]{}|+\\"):
        pattern = fnmatch.translate(pattern)
    return re.compile(pattern)


@dataclass(frozen=True)
class PageFilter:
    """Which archived pages to keep; empty fields keep everything.

    ``hosts``: a page's host is one of these or a subdomain of one. ``url_pattern``: see
    ``url_regex``, searched in the URL. ``since``/``until``: the capture
    time (WARC-Date), inclusive. Languages are checked after extraction (flows/backfill.py).
    """

    hosts: tuple[str, ...] = ()
    url_pattern: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    _regex: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.url_pattern:
            object.__setattr__(self, "_regex", url_regex(self.url_pattern))
        object.__setattr__(self, "hosts", tuple(h.lower().strip(".") for h in self.hosts))

    def keeps_url(self, url: str) -> bool:
        if self.hosts:
            host = (urlsplit(url).hostname or "").lower()
            if not any(host == h or host.endswith("." + h) for h in self.hosts):
                return False
        return self._regex is None or self._regex.search(url) is not None

    def keeps_date(self, captured_at: datetime) -> bool:
        return ((self.since is None or captured_at >= self.since)
                and (self.until is None or captured_at <= self.until))


def _page(record: WarcRecord, url: str, captured_at: datetime) -> ArchivedPage | BadRecord | str:
    """The page of a response record, a BadRecord, or why it is skipped."""
    offset = record.stream_pos
    has_digest = "WARC-Block-Digest" in record.headers
    if has_digest and not record.verify_block_digest(consume=False):
        return BadRecord("truncated", "the record's block does not match its WARC-Block-Digest "
                         "(truncated or damaged)", url, offset)
    record.parse_http(auto_decode="all")
    if record.http_headers is None or not record.http_headers.status_code:
        return BadRecord("bad_http", "the record holds no HTTP response", url, offset)
    status = record.http_headers.status_code
    if status != 200:
        return f"http_{status}"
    content_type = record.http_headers.get("Content-Type")
    if (media_type(content_type) or "text/html") not in HTML_TYPES:
        return "not_html"
    payload = record.reader.read()
    declared = record.http_headers.get("Content-Length")
    encoded = record.http_headers.get("Content-Encoding") or record.http_headers.get(
        "Transfer-Encoding")
    if not has_digest and declared and declared.isdigit() and not encoded \
            and len(payload) < int(declared):
        return BadRecord("truncated", f"{len(payload)} of {declared} bytes of the payload",
                         url, offset)
    return ArchivedPage(url, captured_at, status, content_type,
                        record.http_headers.get("Content-Language"), payload)


GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."


def _next_start(stream, after: int, magic: bytes, chunk: int = 1 << 20) -> int | None:
    """The offset of the next ``magic`` (a gzip member, a WARC record) after ``after``."""
    position = after + 1
    while True:
        stream.seek(position)
        data = stream.read(chunk + len(magic))
        if not data:
            return None
        found = data.find(magic)
        if found >= 0:
            return position + found
        position += chunk


def read_pages(path: str | Path, keep: PageFilter = PageFilter(),
               counts: Counter | None = None,
               max_bytes: int | None = None) -> Iterator[ArchivedPage | BadRecord]:
    """The HTML responses of a WARC file that ``keep`` keeps, one at a time, and bad records.

    ``counts`` (when given) counts the records read and why the others were skipped; records
    of more than ``max_bytes`` are skipped unread (a page is buffered whole to check it). A part
    of the file that cannot be decompressed or parsed is a BadRecord ``unreadable``; reading
    goes on at the next gzip member (.warc.gz) or ``WARC/1.`` line (.warc) after it.
    """
    counts = counts if counts is not None else Counter()
    with open(path, "rb") as stream:
        magic = GZIP_MAGIC if stream.read(3) == GZIP_MAGIC else WARC_MAGIC
        start = 0
        while start is not None:
            stream.seek(start)
            records = iter(ArchiveIterator(stream, record_types=WarcRecordType.response,
                                           parse_http=False, max_content_length=max_bytes))
            last = None  # offset of the last record read from ``start``
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    return
                except OSError as exc:
                    if last is None:  # the part at ``start`` itself is damaged
                        yield BadRecord("unreadable", str(exc), None, start)
                    # else: a record after ``last`` is; the next try starts right at it
                    start = _next_start(stream, start if last is None else last, magic)
                    break
                last = record.stream_pos
                yield from _kept(record, keep, counts)


def _kept(record: WarcRecord, keep: PageFilter,
          counts: Counter) -> Iterator[ArchivedPage | BadRecord]:
    """The record as a page or a bad record, when it is an HTML page ``keep`` keeps."""
    counts["responses"] += 1
    url = (record.headers.get("WARC-Target-URI") or "").strip("<> ")
    captured_at = record.record_date or datetime.now(UTC)
    if not url.startswith(("http://", "https://")):
        counts["skipped_not_http"] += 1
        return
    if not keep.keeps_url(url) or not keep.keeps_date(captured_at):
        counts["skipped_filter"] += 1
        return
    try:
        outcome = _page(record, url, captured_at)
    except OSError as exc:
        outcome = BadRecord("bad_http", str(exc), url, record.stream_pos)
    if isinstance(outcome, str):
        counts[f"skipped_{outcome}"] += 1
        return
    counts["html" if isinstance(outcome, ArchivedPage) else "bad"] += 1
    yield outcome


# --- writing (tests and the benchmark) ---------------------------------------------------


def warc_record(url: str, http: bytes, record_type: WarcRecordType = WarcRecordType.response,
                date: str = "2026-11-20T12:00:00Z", gzipped: bool = False) -> bytes:
    """One WARC record holding ``http`` (an HTTP message, or any block), with its digest;
    a gzip member of its own when ``gzipped`` (as in a .warc.gz)."""
    record = WarcRecord()
    record.init_headers(record_type=record_type)
    record.headers["WARC-Target-URI"] = url
    record.headers["WARC-Date"] = date
    if record_type in (WarcRecordType.response, WarcRecordType.request):
        kind = "response" if record_type == WarcRecordType.response else "request"
        record.headers["Content-Type"] = f"application/http; msgtype={kind}"
    record.set_bytes_content(http)
    out = io.BytesIO()
    record.write(out, checksum_data=True)
    return gzip.compress(out.getvalue(), compresslevel=1) if gzipped else out.getvalue()


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8",
                  status: int = 200, reason: str = "OK") -> bytes:
    """An HTTP/1.1 response message as a WARC response record holds it."""
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("ascii") + body
