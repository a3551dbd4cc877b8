"""The bundled demo: an invented news site ("The Meridian") and a local server for it.

``newsfeed demo`` and the tests serve ``SITE_DIR`` with
:class:`newsfeed.demo.server.FixtureServer` and follow the feeds of ``feeds_toml``.
"""

from __future__ import annotations

from pathlib import Path

SITE_DIR: Path = Path(__file__).resolve().parent / "site"
FEEDS_TEMPLATE: Path = Path(__file__).resolve().parent / "feeds.toml.tmpl"
BASE_URL_PLACEHOLDER = "{{BASE_URL}}"

#: Paths (on the demo server) of the three bundled feeds.
FEED_PATHS: tuple[str, ...] = ("/feeds/world.rss", "/feeds/business.atom", "/feeds/science.rdf")


def feeds_toml(base_url: str) -> str:
    """The demo's feeds file (TOML) pointing at a server running at ``base_url``."""
    template = FEEDS_TEMPLATE.read_text(encoding="utf-8")
    return template.replace(BASE_URL_PLACEHOLDER, base_url.rstrip("/"))


__all__ = ["FEED_PATHS", "FEEDS_TEMPLATE", "SITE_DIR", "feeds_toml"]
