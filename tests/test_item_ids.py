"""canonical_url and item_id: tracker stripping, stable ids, cross-feed agreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfeed.extract.feed import parse_feed
from newsfeed.extract.ids import canonical_url, item_id

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://WWW.Example.COM:443/News/a?utm_source=rss&b=2&a=1&fbclid=xyz#comments",
            "https://www.example.com/News/a?a=1&b=2",
        ),
        ("http://example.com/story?gclid=abc&utm_medium=feed", "http://example.com/story"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:8080/a?id=7", "https://example.com:8080/a?id=7"),
        ("  https://example.com/a?utm_campaign=spring  ", "https://example.com/a"),
        ("urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6",) * 2,
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent() -> None:
    url = "https://News.Example.org/a/b?z=1&y=2&utm_source=x#top"
    assert canonical_url(canonical_url(url)) == canonical_url(url)


def test_item_id_is_short_stable_hex() -> None:
    first = item_id("courier-88213", None)
    assert first == item_id("courier-88213", "https://other.example/")
    assert len(first) == 16
    int(first, 16)


def test_guid_wins_over_link_and_link_over_title() -> None:
    link = "https://example.com/a"
    assert item_id("guid-1", link, "T") == item_id("guid-1", None)
    assert item_id("guid-1", link) != item_id(None, link)
    assert item_id(None, link, "Title") == item_id(None, link)
    assert item_id(None, None, "Title") != item_id(None, link, "Title")
    assert item_id("  ", link) == item_id(None, link)  # blank GUID ignored


def test_permalink_guid_and_tracked_link_give_the_same_id() -> None:
    # feed A: <guid isPermaLink="true">URL</guid>; feed B: no guid, <link>URL?utm_...</link>
    feed_a = item_id("https://example.com/news/flood", "https://example.com/news/flood")
    feed_b = item_id(None, "https://example.com/news/flood?utm_source=rss&utm_medium=feed")
    feed_c = item_id("http://EXAMPLE.com/news/flood#top", None)  # http vs https, case, fragment
    assert feed_a == feed_b == feed_c


def test_different_articles_get_different_ids() -> None:
    assert item_id(None, "https://example.com/a") != item_id(None, "https://example.com/b")
    assert item_id(None, "https://example.com/a?id=1") != item_id(None, "https://example.com/a?id=2")


def test_title_fallback_ignores_case_and_spacing() -> None:
    assert item_id(None, None, "Floods  hit\nvalley") == item_id(None, None, "floods hit valley")


def test_nothing_to_identify_raises() -> None:
    with pytest.raises(ValueError):
        item_id(None, None, None)
    with pytest.raises(ValueError):
        item_id("", " ", "")


def test_same_article_in_two_fixture_feeds_gets_one_id() -> None:
    courier = parse_feed(
        (FIXTURES / "rss20.xml").read_bytes(), "https://www.northshire-courier.example/rss"
    )
    item = courier.items[0]
    assert item.guid != item.link  # GUID is the permalink, link carries utm_ parameters
    other_feed = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Aggregator</title>"
        b"<link>https://aggregator.example/</link><description>x</description><item>"
        b"<title>Floods force thousands from homes</title>"
        b"<link>https://www.northshire-courier.example/news/floods-river-valley-2024"
        b"?utm_source=aggregator&amp;fbclid=1</link></item></channel></rss>"
    )
    aggregated = parse_feed(other_feed, "https://aggregator.example/rss")
    assert aggregated.items[0].item_id == item.item_id
