"""Dates: relative expressions resolved against the publication date."""

from datetime import date, datetime

from newsfeed.extract.dates import resolve_date
from newsfeed.extract.facts import extract_facts

PUBLISHED = datetime(2013, 6, 5, 10, 0)  # a Wednesday
BODY = (
    "Officials met in Geneva on Wednesday. The UN reported on Tuesday that talks might be "
    "held in July. No talks are expected this month, two years after the uprising began in "
    "2011. The town had been held for more than two weeks. Last year the army retreated."
)


def test_relative_dates_resolve_against_published() -> None:
    found = {d.text: (d.resolved, d.granularity) for d in extract_facts(BODY, PUBLISHED).dates}
    assert found["on Wednesday"] == (date(2013, 6, 5), "day")
    assert found["on Tuesday"] == (date(2013, 6, 4), "day")
    assert found["in July"] == (date(2013, 7, 1), "month")
    assert found["this month"] == (date(2013, 6, 1), "month")
    assert found["in 2011"] == (date(2011, 1, 1), "year")
    assert found["Last year"] == (date(2012, 1, 1), "year")


def test_durations_are_not_dates() -> None:
    texts = [d.text for d in extract_facts(BODY, PUBLISHED).dates]
    assert not any("weeks" in t or "two years" in t for t in texts)


def test_without_published_only_absolute_dates_resolve() -> None:
    found = {d.text: d.resolved for d in extract_facts(BODY).dates}
    assert found["in 2011"] == date(2011, 1, 1)
    assert found["on Tuesday"] is None and found["in July"] is None


def test_explicit_day() -> None:
    assert resolve_date("5 June 2013", None) == (date(2013, 6, 5), "day")
