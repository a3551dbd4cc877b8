"""Bytes to text for pages, and the parts of a Content-Type header: one place, over w3lib.

``decode_html`` follows w3lib's ``html_to_unicode`` (the order browsers use: a BOM, the HTTP
charset, the page's ``<meta charset>``, then detection, with the WHATWG aliases such as
latin-1 read as windows-1252). One addition: a page whose declared charset cannot decode it
(UTF-8 declared, Latin-1 written, a common server mistake) is decoded as if undeclared, by
detection, instead of filling it with replacement characters.
"""

from __future__ import annotations

from email.message import Message

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode, http_content_type_encoding, to_unicode


def media_type(content_type: str | None) -> str | None:
    """"text/html" of "text/html; charset=UTF-8" (lower case), None when there is none."""
    if not content_type or not content_type.strip():
        return None
    message = Message()
    message["content-type"] = content_type
    return message.get_content_type() if "/" in content_type else content_type.strip().lower()


def charset(content_type: str | None) -> str | None:
    """The (normalised) charset of a Content-Type header, None when it names none."""
    return http_content_type_encoding(content_type) if content_type else None


def _detect(content: bytes) -> str | None:
    """UTF-8 when the bytes are valid UTF-8, else charset-normalizer's guess."""
    try:
        content.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(content).best()
        return best.encoding if best is not None else None


def decode_html(content: bytes, content_type: str | None = None) -> str:
    """The text of a page's bytes, ``content_type`` being the HTTP header (or None)."""
    _, text = html_to_unicode(content_type, content, auto_detect_fun=_detect)
    if "\ufffd" in text and b"\xef\xbf\xbd" not in content:  # the declared charset was wrong
        text = to_unicode(content, _detect(content) or "cp1252")
    return text
