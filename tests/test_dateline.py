"""Datelines: the date and place a story gives itself at the top of its body."""

from datetime import UTC, date, datetime

import pytest

from newsfeed.extract.body import article_from_text
from newsfeed.extract.dateline import find_dateline, trailing_date

LEDE = "The city council voted on Tuesday to close the old harbour bridge for repairs."


@pytest.mark.parametrize(("text", "day", "place", "agency"), [
    (f"Friday, July 21, 2017\n\n{LEDE}", date(2017, 7, 21), None, None),
    (f"Thursday, March 15, 2012 {LEDE}", date(2012, 3, 15), None, None),
    (f"Published: 3 March 2019\n\n{LEDE}", date(2019, 3, 3), None, None),
    (f"Anna Berg\n\nOSLO 1996-08-22\n\n{LEDE}", date(1996, 8, 22), "OSLO", None),
    (f"PORT LOUIS , Mauritius 1996-12-06\n\n{LEDE}", date(1996, 12, 6),
     "PORT LOUIS , Mauritius", None),
    (f"BEIJING, Jan. 5, 2019 (Xinhua) -- {LEDE}", date(2019, 1, 5), "BEIJING", "Xinhua"),
    (f"LONDON, Dec 6 (Reuters) - {LEDE}", None, "LONDON", "Reuters"),
    (f"WASHINGTON (AP) — {LEDE}", None, "WASHINGTON", "AP"),
    (f"NEW DELHI — {LEDE}", None, "NEW DELHI", None),
])
def test_dateline_forms(text: str, day: date | None, place: str | None,
                        agency: str | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.date, found.place, found.agency) == (day, place, agency)
    if found.date_text:
        assert text[found.date_start:found.date_end] == found.date_text


@pytest.mark.parametrize("text", [
    LEDE,
    "The council met on Tuesday - and then again on Friday.",
    "Officials in Delhi — not the ministry — said nothing.",
    f"Harbour bridge to close\n\n{LEDE}\n\nFriday, July 21, 2017",
])
def test_no_dateline(text: str) -> None:
    found = find_dateline(text)
    assert found is None or found.date is None and found.place is None


def test_wire_date_without_year_is_text_only() -> None:
    found = find_dateline(f"LONDON, Dec 6 (Reuters) - {LEDE}")
    assert found.date is None and found.date_text == "Dec 6"


def test_trailing_date_of_a_headline() -> None:
    headline = "An interview with the harbour master Wednesday, October 3, 2007"
    assert trailing_date(headline) == (date(2007, 10, 3), headline.index("Wednesday"))
    assert trailing_date("Storm closes harbour in 2007") is None


def test_text_article_is_dated_by_its_dateline() -> None:
    article = article_from_text(f"Harbour bridge to close\n\nMonday, May 4, 2015\n\n{LEDE}")
    assert article.title == "Harbour bridge to close"
    assert article.published == datetime(2015, 5, 4, tzinfo=UTC)
    assert article.body.startswith("Monday, May 4, 2015\n\n")


def test_a_date_alone_on_the_first_line_is_not_the_title() -> None:
    article = article_from_text(f"Monday, May 4, 2015\n\n{LEDE}")
    assert article.title is None
    assert article.published == datetime(2015, 5, 4, tzinfo=UTC)
    assert article.body.startswith("Monday, May 4, 2015")


def test_text_article_dated_by_its_headline_or_not_at_all() -> None:
    dated = article_from_text(f"Harbour master speaks Sunday, May 3, 2015\n\n{LEDE}")
    assert dated.published == datetime(2015, 5, 3, tzinfo=UTC)
    assert article_from_text(f"Harbour bridge to close\n\n{LEDE}").published is None
