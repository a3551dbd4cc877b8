"""Dates: what counts as a date, and relative dates resolved against the publication date."""

from datetime import UTC, date, datetime

from newsfeed.extract.dates import resolve_date
from newsfeed.extract.facts import extract_facts
from newsfeed.extract.types import CONFIDENT

PUBLISHED = datetime(2013, 6, 5, 10, 0, tzinfo=UTC)  # a Wednesday
BODY = (
    "Officials met in Geneva on Wednesday. The UN reported on Tuesday that talks might be "
    "held in July. No talks are expected this month, two years after the uprising began in "
    "2011. The town had been held for more than two weeks. Last year the army retreated."
)


def found(body: str, published: datetime | None = PUBLISHED) -> dict[str, tuple]:
    """text -> (resolved, granularity, confidence) of each date mention."""
    return {d.text: (d.resolved, d.granularity, d.confidence)
            for d in extract_facts(body, published).dates}


def test_relative_dates_resolve_against_published() -> None:
    dates = found(BODY)
    assert dates["on Wednesday"][:2] == (date(2013, 6, 5), "day")
    assert dates["on Tuesday"][:2] == (date(2013, 6, 4), "day")
    assert dates["in July"][:2] == (date(2013, 7, 1), "month")
    assert dates["this month"][:2] == (date(2013, 6, 1), "month")
    assert dates["in 2011"][:2] == (date(2011, 1, 1), "year")
    assert dates["Last year"][:2] == (date(2012, 1, 1), "year")


def test_durations_are_not_dates() -> None:
    texts = list(found(BODY))
    assert not any("weeks" in t or "two years" in t for t in texts)


def test_ages_counts_and_recurrences_are_not_dates() -> None:
    body = ("Maria Lopez, 42, and her son, 19, were questioned. The 19-year-old had joined the "
            "club aged 14. The club meets every year, on Mondays and every Friday, and holds "
            "an annual fair. Neither side scored in the first half. It was a very emotional "
            "day for the players. A survey of 1709 pupils was published in 2012.")
    assert list(found(body)) == ["in 2012"]


def test_without_published_only_absolute_dates_resolve() -> None:
    dates = found(BODY, None)
    assert dates["in 2011"][:2] == (date(2011, 1, 1), "year")
    assert dates["on Tuesday"][0] is None and dates["in July"][0] is None
    assert dates["on Tuesday"][2] < CONFIDENT <= dates["in 2011"][2]


def test_dateline_stands_in_for_a_missing_publication_date() -> None:
    body = ("Tuesday, March 4, 2014\n\nThe mayor resigned on Friday. Her deputy said yesterday "
            "that elections would follow next month.")
    dates = found(body, None)
    assert dates["Tuesday, March 4, 2014"] == (date(2014, 3, 4), "day", 0.95)
    assert dates["on Friday"][:2] == (date(2014, 2, 28), "day")
    assert dates["yesterday"][:2] == (date(2014, 3, 3), "day")
    assert dates["next month"][:2] == (date(2014, 4, 1), "month")


def test_tense_chooses_the_next_or_the_last_weekday() -> None:
    dates = extract_facts("The ministers will meet again on Friday. They last met on Friday.",
                          PUBLISHED).dates
    assert [d.resolved for d in dates] == [date(2013, 6, 7), date(2013, 5, 31)]


def test_month_day_takes_the_nearest_year_and_ranges_split() -> None:
    january = datetime(2014, 1, 3, tzinfo=UTC)
    dates = found("The fire started on December 28 and burned for days.", january)
    assert dates["on December 28"][:2] == (date(2013, 12, 28), "day")
    dates = found("The exhibition runs from January 23 to March 9 2014.", january)
    assert dates["from January 23"][:2] == (date(2014, 1, 23), "day")
    assert dates["March 9 2014"][:2] == (date(2014, 3, 9), "day")


def test_counts_back_decades_and_seasons() -> None:
    dates = found("Seventeen years ago the plant closed. Prices rose in the 1990s and again last "
                  "summer. Sales fell by a third over the past 30 days.")
    assert dates["Seventeen years ago"][:2] == (date(1996, 1, 1), "year")
    assert dates["1990s"][:2] == (date(1990, 1, 1), "decade")
    assert dates["last summer"][:2] == (date(2012, 6, 1), "season")
    assert dates["past 30 days"][:2] == (date(2013, 5, 6), "day")


def test_generic_today_is_not_a_date() -> None:
    dates = found("Is the theatre still popular today? The minister resigned today.")
    assert list(dates) == ["today"]
    assert dates["today"][:2] == (date(2013, 6, 5), "day")


def test_confidence_follows_the_evidence() -> None:
    dates = found("The law passed on 5 June 2012. It took effect on Tuesday. The idea came up "
                  "a few years ago.")
    explicit, weekday, vague = (dates[k][2] for k in ("on 5 June 2012", "on Tuesday",
                                                       "few years ago"))
    assert explicit > weekday >= CONFIDENT > vague


def test_explicit_day() -> None:
    assert resolve_date("5 June 2013", None) == (date(2013, 6, 5), "day", 0.95)
    assert resolve_date("the 20th century", None)[:2] == (date(1900, 1, 1), "century")
    assert resolve_date("on Tuesday", None) is None
