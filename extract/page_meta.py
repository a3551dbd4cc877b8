"""What a page declares about itself beyond its text: its lead image, that image's caption,
its canonical address.

The image is the one trafilatura's metadata reads (``og:image``, ``twitter:image``, ...: the
"sharing image" of GDELT's GKG); its caption is ``og:image:alt`` / ``twitter:image:alt``, else
the ``<figcaption>`` of the ``<figure>`` holding that image. The canonical address is
``<link rel="canonical">``. Relative addresses are resolved against the page's ``<base>`` and
URL; only absolute http(s) addresses are kept (no ``javascript:``, ``data:``, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

from newsfeed.extract.ids import is_web_url

_ALT_PROPERTIES = ("og:image:alt", "twitter:image:alt")
_IMAGE_SOURCES = ("src", "data-src", "data-original", "data-lazy-src")
MAX_CAPTION_CHARS = 1000


@dataclass(frozen=True)
class PageMeta:
    image_url: str | None = None
    image_caption: str | None = None
    canonical_url: str | None = None


def page_meta(tree: lxml.html.HtmlElement, declared_image: str | None,
              page_url: str | None) -> PageMeta:
    """Lead image (from ``declared_image``, trafilatura's ``image``), caption and canonical."""
    base = _base_url(tree, page_url)
    image = absolute_web_url(declared_image, base)
    caption = _image_caption(tree, image, base) if image else None
    canonical = None
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = absolute_web_url(link.get("href"), base)
            break
    return PageMeta(image, caption, canonical)


def absolute_web_url(value: str | None, base: str | None) -> str | None:
    """``value`` resolved against ``base``, when the result is an http(s) URL with a host."""
    if not value or not value.strip():
        return None
    value = "".join(value.split())  # attribute values may wrap
    try:
        resolved = urljoin(base, value) if base else value
        host = urlsplit(resolved).hostname
    except ValueError:
        return None
    return resolved if is_web_url(resolved) and host else None


def _base_url(tree: lxml.html.HtmlElement, page_url: str | None) -> str | None:
    page = page_url if page_url and is_web_url(page_url) else None
    base = tree.find(".//head/base[@href]")
    declared = absolute_web_url(base.get("href"), page) if base is not None else None
    return declared or page


def _image_caption(tree: lxml.html.HtmlElement, image: str, base: str | None) -> str | None:
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in _ALT_PROPERTIES:
            caption = _inline(meta.get("content"))
            if caption:
                return caption
    for img in tree.iterfind(".//figure//img"):
        if image not in _sources(img, base):
            continue
        figure = next(a for a in img.iterancestors() if a.tag == "figure")
        caption_element = figure.find(".//figcaption")
        if caption_element is not None:
            return _inline(caption_element.text_content())
    return None


def _sources(img: lxml.html.HtmlElement, base: str | None) -> set[str]:
    found = {img.get(name) for name in _IMAGE_SOURCES}
    for attribute in ("srcset", "data-srcset"):
        found.update(part.split()[0] for part in (img.get(attribute) or "").split(",")
                     if part.strip())
    return {url for url in (absolute_web_url(s, base) for s in found) if url}


def _inline(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text[:MAX_CAPTION_CHARS] or None
