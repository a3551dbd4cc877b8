"""parse_feed on RSS 0.91 / 1.0 / 2.0 and Atom fixtures, and on things that are not feeds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsfeed.extract.feed import FeedParseError, parse_feed
from newsfeed.extract.ids import item_id

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def feed(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_rss20() -> None:
    parsed = parse_feed(feed("rss20.xml"), "https://www.northshire-courier.example/feeds/news.xml")
    assert parsed.title == "Northshire Courier \u2013 News"
    assert parsed.link == "https://www.northshire-courier.example/news"
    assert [i.title for i in parsed.items] == [
        "Floods force thousands from homes in river valley",
        "Council approves \u00a325m flood barrier budget",
        "Rail services suspended between Kingsford and Aldwater",
    ]
    first, second, third = parsed.items
    assert first.guid == "https://www.northshire-courier.example/news/floods-river-valley-2024"
    assert first.link.endswith("?utm_source=rss&utm_medium=feed")
    assert first.canonical_url == first.guid
    assert first.published == datetime(2024, 3, 14, 8, 30, tzinfo=UTC)
    assert first.author == "Helen Marsh"
    assert first.summary.startswith("<p>Emergency services")
    assert "12 severe flood warnings" in first.content
    assert first.item_id == item_id(first.guid, first.link, first.title)
    # relative link resolved against the feed URL; "email (Name)" author -> the name
    assert second.link == "https://www.northshire-courier.example/news/flood-barrier-budget"
    assert second.guid == "courier-88213"
    assert second.author == "Tom Reid"
    assert second.content is None
    # no guid: the id comes from the canonical link (fragment dropped)
    assert third.guid is None
    assert third.canonical_url == "https://www.northshire-courier.example/news/rail-suspended"
    assert third.item_id == item_id(None, third.canonical_url)
    # the fourth entry has no link, guid or title
    assert parsed.warnings == ["entry 4 skipped: no link, guid or title"]


def test_rss10_rdf() -> None:
    parsed = parse_feed(feed("rss10.rdf"), "https://valley-gazette.example/rss")
    assert parsed.title == "Valley Gazette"
    assert len(parsed.items) == 2
    bridge, schools = parsed.items
    assert bridge.link == "https://valley-gazette.example/2024/03/bridge-reopens"
    assert bridge.author == "Anna Berg"
    assert bridge.published == datetime(2024, 3, 18, 7, 45, tzinfo=UTC)
    assert schools.published == datetime(2024, 3, 18, 4, 0, tzinfo=UTC)  # +02:00 -> UTC
    assert schools.summary == "Pupils will be taught online until Friday."
    assert parsed.warnings == []


def test_rss091() -> None:
    parsed = parse_feed(feed("rss091.xml"), "http://harbour-weekly.example/rss.xml")
    assert parsed.title == "Harbour Weekly"
    assert [i.link for i in parsed.items] == [
        "http://harbour-weekly.example/stories/ferry-fares.html",
        "http://harbour-weekly.example/stories/lifeboat.html",
    ]
    assert all(i.guid is None and i.published is None for i in parsed.items)
    assert len({i.item_id for i in parsed.items}) == 2


def test_atom() -> None:
    parsed = parse_feed(feed("atom.xml"), "https://metro-observer.example/world/atom.xml")
    assert parsed.title == "Metro Observer: World"
    assert parsed.link == "https://metro-observer.example/world/"
    talks, convoy = parsed.items
    assert talks.guid == "tag:metro-observer.example,2024:article-5521"
    assert talks.item_id == item_id("tag:metro-observer.example,2024:article-5521", None)
    assert talks.canonical_url == (
        "https://metro-observer.example/world/2024/03/15/ceasefire-talks"  # fbclid gone
    )
    assert talks.published == datetime(2024, 3, 15, 9, 15, tzinfo=UTC)
    assert talks.author == "Samir Haddad"
    assert talks.summary == "Delegations from both sides arrived on Thursday."
    assert "third round of talks" in talks.content
    assert convoy.title == "Aid convoy reaches northern city"  # HTML title made plain
    assert convoy.link == "https://metro-observer.example/world/2024/03/14/aid-convoy"
    assert convoy.published == datetime(2024, 3, 14, 18, 40, tzinfo=UTC)  # from <updated>


def test_duplicate_guids_and_links_are_kept_once() -> None:
    parsed = parse_feed(feed("duplicate_guids.xml"), "https://daily-ledger.example/rss")
    assert [i.title for i in parsed.items] == [
        "Factory to cut 450 jobs",
        "Interest rates held at 5.25%",
    ]
    assert parsed.items[1].link.endswith("?utm_campaign=x")  # the first one is kept
    assert len(parsed.warnings) == 2
    assert all("duplicate" in w for w in parsed.warnings)


def test_latin1_declared_feed() -> None:
    content = feed("latin1.xml")
    assert b"encoding=\"ISO-8859-1\"" in content
    for content_type in (None, "text/xml", "application/rss+xml"):
        parsed = parse_feed(content, "https://zeitung-am-fluss.example/rss", content_type)
        (item,) = parsed.items
        assert item.title == "Hochwasser: B\u00fcrgermeister fordert schnellere Hilfe f\u00fcr " + (
            "M\u00fchlendorf"
        )
        assert item.summary == "Die Stra\u00dfen in M\u00fchlendorf stehen seit Dienstag " + (
            "unter Wasser."
        )
        assert parsed.warnings == []


def test_malformed_xml_with_entries_is_a_warning() -> None:
    parsed = parse_feed(feed("bozo_entities.xml"), "https://town-country-post.example/rss")
    assert [i.title for i in parsed.items] == [
        "Fish & chip shop wins national award",
        "Market square to be pedestrianised",
    ]
    assert len(parsed.warnings) == 1
    assert "not well-formed" in parsed.warnings[0]


def test_html_page_at_feed_url_raises() -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(feed("html_as_feed.html"), "https://daily-ledger.example/rss", "text/html")
    assert caught.value.reason == "HTML page, not a feed"


@pytest.mark.parametrize("content", [b"", b"   \n\t"])
def test_empty_body_raises(content: bytes) -> None:
    assert feed("empty.xml") == b""
    with pytest.raises(FeedParseError) as caught:
        parse_feed(content, "https://daily-ledger.example/rss")
    assert caught.value.reason == "empty body"


@pytest.mark.parametrize(
    "content",
    [
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken",
        b"<?xml version='1.0'?><catalog><book id='1'>Not a feed</book></catalog>",
        b'{"items": []}',
    ],
)
def test_not_a_feed_raises(content: bytes) -> None:
    with pytest.raises(FeedParseError):
        parse_feed(content, "https://example.org/feed")


def test_valid_feed_without_items_is_empty_not_an_error() -> None:
    content = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet day</title>"
        b"<link>https://quiet.example/</link><description>x</description></channel></rss>"
    )
    parsed = parse_feed(content, "https://quiet.example/rss")
    assert parsed.title == "Quiet day"
    assert parsed.items == []
