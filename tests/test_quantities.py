"""Quantities: values, units, qualifiers, categories, places and sources."""

import pytest

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.numbers import parse_number
from newsfeed.extract.types import CONFIDENT


@pytest.mark.parametrize(
    ("words", "value", "approximate"),
    [
        (["80,000"], 80000, False),
        (["1.5", "million"], 1_500_000, False),
        (["2bn"], 2_000_000_000, False),
        (["six"], 6, False),
        (["forty", "-", "one"], 41, False),
        (["two", "dozen"], 24, False),
        (["hundreds"], 200, True),
        (["dozens"], 24, True),
        (["tens", "of", "thousands"], 20_000, True),
        (["hundreds", "of", "thousands"], 200_000, True),
        (["a", "dozen"], 12, False),
        (["two", "and", "a", "half", "million"], 2_500_000, False),
        (["-1.3"], -1.3, False),
        (["minus", "5"], -5, False),
        (["1.2bn"], 1_200_000_000, False),
        (["25k"], 25_000, False),
        (["two", "-", "thirds"], 2 / 3, False),
        (["one", "in", "five"], 0.2, False),
        (["several", "hundred"], 300, True),
        (["fifty", "million"], 50_000_000, False),
    ],
)
def test_parse_number(words: list[str], value: float, approximate: bool) -> None:
    assert parse_number(words) == (value, approximate)


def _by_value(body: str) -> dict[float, object]:
    return {q.value: q for q in extract_facts(body).quantities}


def test_casualties_with_qualifier_place_and_source() -> None:
    body = (
        "More than 12,000 people have been killed in Yemen and more than 2.5 million have fled "
        "their homes since 2015, according to UN estimates."
    )
    qs = _by_value(body)
    killed = qs[12000]
    assert (killed.category, killed.qualifier, killed.place, killed.source) == (
        "killed", "more than", "Yemen", "UN"
    )
    assert killed.counted == "people"
    fled = qs[2_500_000]
    assert (fled.category, fled.qualifier) == ("displaced", "more than")
    assert 2015 not in qs  # a year is not a quantity
    assert body[killed.start:killed.end] == killed.text


def test_units_distance_money_percentage() -> None:
    body = (
        "The camp lies just 8km (five miles) from the Chadian border. The agency needs $240m "
        "and says only 22% of its appeal is funded."
    )
    qs = _by_value(body)
    assert qs[8].unit == "km" and qs[8].category == "distance"
    assert qs[8].place == "Chadian border"
    # the bracketed conversion is the same distance: kept, below the views' threshold
    assert qs[5].unit == "mi" and qs[5].confidence < CONFIDENT
    assert qs[240_000_000].unit == "USD" and qs[240_000_000].category == "money"
    assert qs[22].unit == "%" and qs[22].category == "percentage"


def test_vague_numbers_words_and_ranges() -> None:
    body = (
        "Between 10 and 20 villages were cut off, and hundreds of people were injured. "
        "Police said they had arrested forty-one people. Up to 3,000 people fled, the UN says."
    )
    qs = _by_value(body)
    assert qs[10].value_max == 20 and qs[10].counted == "villages"
    assert qs[200].approximate and qs[200].category == "wounded"
    assert qs[200].confidence < 1  # a vague number: its value is indicative
    assert qs[41].category == "arrested"
    assert (qs[3000].qualifier, qs[3000].category, qs[3000].source) == ("up to", "displaced", "UN")


def test_dates_and_ages_are_not_quantities_durations_have_a_time_unit() -> None:
    body = (
        "Amina Yusuf, 34, said one of the guards spoke French on 5 June 2013. "
        "The boy was held for three days."
    )
    (held,) = extract_facts(body).quantities
    assert (held.value, held.unit, held.category) == (3, "day", None)


def test_population_estimate() -> None:
    body = "The town has an estimated population of 30,000 people."
    q = _by_value(body)[30000]
    assert (q.category, q.qualifier) == ("population", "estimated")
