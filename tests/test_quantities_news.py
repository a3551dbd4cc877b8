"""Quantities in news-style sentences (written for these tests): signs, scales, ranges,
alternatives, fractions, currencies, categories from the verb, places, names and scores."""

import pytest

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.types import CONFIDENT

# (sentence, expected quantities: value and the fields to check, values that must be absent,
#  exact: no other quantity in the sentence)
CASES = [
    ("Shares in the carmaker fell 1.3% on Monday, while the wider index slipped -0.4 per cent.",
     [dict(value=1.3, unit="%", category="percentage"), dict(value=-0.4, unit="%")], [], True),
    ("The economy shrank by -1.3% in the third quarter.",
     [dict(value=-1.3, unit="%")], [1.3, 3], True),
    ("The regulator could fine the bank up to $8 million.",
     [dict(value=8e6, unit="USD", qualifier="up to", category="money", counted=None)], [8], True),
    ("The airline reported a loss of 1.2bn euros last year.",
     [dict(value=1.2e9, unit="EUR", category="money")], [1.2], True),
    ("The council spent £3.5m on the new bridge.",
     [dict(value=3.5e6, unit="GBP")], [3.5], True),
    ("The petition gathered 25k signatures in a single day.",
     [dict(value=25_000, unit=None, counted="signatures")], [25], True),
    ("Between 10 and 20 villages were flooded overnight.",
     [dict(value=10, value_max=20, qualifier="between", counted="villages")], [20], True),
    ("Officials said 10-20 houses were damaged by the storm.",
     [dict(value=10, value_max=20, counted="houses")], [20], True),
    ("A coffee in the old town costs eight or nine euros.",
     [dict(value=8, value_max=9, unit="EUR")], [9], True),
    ("Nearly two-thirds of the residents have been displaced by the fighting.",
     [dict(value=2 / 3, unit="fraction", category=None, qualifier="nearly",
           counted="residents")], [2], True),
    ("One in five children in the region is malnourished.",
     [dict(value=0.2, unit="fraction", counted="children")], [1, 5], True),
    ("The quake struck 30km to the south of the capital, Lima.",
     [dict(value=30, unit="km", category="distance", place="Lima")], [], True),
    ("The epicentre was 40 miles north-east of Kathmandu, the survey said.",
     [dict(value=40, unit="mi", place="Kathmandu")], [], True),
    ("More than 2.3 million people have been forced from their homes since the war began.",
     [dict(value=2.3e6, category="displaced", qualifier="more than")], [], True),
    ("The vaccine could save tens of thousands of lives, the WHO said.",
     [dict(value=20_000, approximate=True, category=None, source="WHO")], [], True),
    ("The fighting has claimed more than 300 lives this year.",
     [dict(value=300, category="killed", counted="lives")], [], True),
    ("Samsung sold 5 million Galaxy S21 phones in the first month.",
     [dict(value=5e6, counted="phones")], [21], True),
    ("The Boeing 747 landed at Heathrow with 350 passengers on board.",
     [dict(value=350, counted="passengers")], [747], True),
    ("The 2012 Olympics cost £9bn, according to the National Audit Office.",
     [dict(value=9e9, unit="GBP", source="National Audit Office")], [2012], True),
    ("Police arrested 45 protesters in Nairobi on Saturday.",
     [dict(value=45, category="arrested", place="Nairobi", counted="protesters")], [], True),
    ("At least 12 people were killed and 30 wounded when a bomb exploded in Kabul.",
     [dict(value=12, category="killed", qualifier="at least", place="Kabul"),
      dict(value=30, category="wounded")], [], True),
    ("The storm left 300 families homeless.",
     [dict(value=300, category="displaced", counted="families")], [], True),
    ("Three gunmen killed five villagers near the border.",
     [dict(value=3, category=None, counted="gunmen"), dict(value=5, category="killed")], [],
     True),
    ("Real Madrid beat Barcelona 3-1 on Sunday, and Liverpool sealed a 2-0 win.", [], [], True),
    ("Call the hotline on 0800 555 0199 or visit the office at 9:30 on 5 June 2024.", [], [],
     True),
    ("The A$2.5 billion deal was approved, and the driver was fined HK$300,000.",
     [dict(value=2.5e9, unit="AUD"), dict(value=300_000, unit="HKD")], [], True),
    ("The painting sold for C$1.2 million at auction.",
     [dict(value=1.2e6, unit="CAD")], [], True),
    ("Unemployment rose 0.3 percentage points to 5.1 per cent.",
     [dict(value=0.3, unit="pp", category="percentage"), dict(value=5.1, unit="%")], [], True),
    ("A third of voters remain undecided, and almost half of the population lives in poverty.",
     [dict(value=1 / 3, unit="fraction", counted="voters"),
      dict(value=0.5, unit="fraction", qualifier="nearly")], [], True),
    ("About 200 people are missing after the landslide.",
     [dict(value=200, category="missing", qualifier="about", approximate=False)], [], True),
    ("The death toll rose to 85, health officials said.",
     [dict(value=85, category="killed", source="health officials")], [], True),
    ("The army says it holds the town, as aid agencies warn that hundreds of wounded "
     "civilians are without care.",
     [dict(value=200, category="wounded", source="aid agencies")], [], True),
    ("Apple's iPhone 15 went on sale in 40 countries.",
     [dict(value=40, counted="countries")], [15], True),
    ("Revenue grew 12 per cent to ¥300bn.",
     [dict(value=12, unit="%"), dict(value=3e11, unit="JPY")], [], True),
    ("Two people died and dozens were injured in the crash.",
     [dict(value=2, category="killed"), dict(value=24, category="wounded", approximate=True)],
     [], True),
    ("Hyundai will invest 5 trillion won in the plant.",
     [dict(value=5e12, unit="KRW")], [], True),
    ("The fund bought $50 million of shares in the bank.",
     [dict(value=5e7, unit="USD", counted=None, category="money")], [], True),
    ("Between 3 and 5 million people are expected to attend.",
     [dict(value=3e6, value_max=5e6, counted="people")], [3, 5e6], True),
    ("The project will cost $8-10 million.",
     [dict(value=8e6, value_max=1e7, unit="USD")], [], True),
    ("About 150 homes were destroyed and 2,000 people evacuated in Sichuan province.",
     [dict(value=150, category=None), dict(value=2000, category="displaced")], [], True),
    ("The measure passed with 312 votes to 250.",
     [dict(value=312, counted="votes"), dict(value=250, counted="votes")], [], True),
    ("Temperatures hit 40C in Madrid as half a million people joined the protest.",
     [dict(value=40, unit="°C"), dict(value=500_000, counted="people")], [], True),
    ("Exports rose 5.2 pct to 1.5 mln dlrs in May.",
     [dict(value=5.2, unit="%"), dict(value=1.5e6, unit="USD")], [], True),
    ("The plan will cost £1.5bn ($2bn) over five years.",
     [dict(value=1.5e9, unit="GBP", confidence=1.0), dict(value=5, unit="year"),
      dict(value=2e9, unit="USD", confidence=0.4)], [], True),
    ("Two of the dead were children, and forty-one people had been taken to hospital.",
     [dict(value=2, category="killed"), dict(value=41, category="wounded")], [], True),
    ("The disease killed 5 people per 100,000 inhabitants last year.",
     [dict(value=5, category=None), dict(value=100_000, category=None)], [], True),
    ("Gold gained $12 to $1,950 an ounce, and prices rose 2 to 3 percent.",
     [dict(value=12, unit="USD", value_max=None), dict(value=1950, unit="USD"),
      dict(value=2, unit="%", value_max=3)], [], True),
    ("Boeing delivered 40 of its 737 MAX jets in March.",
     [dict(value=40, counted="jets")], [737], True),
]


def _find(quantities: list, value: float) -> list:
    return [q for q in quantities if abs(q.value - value) <= 1e-6 * max(1.0, abs(value))]


@pytest.mark.parametrize(("sentence", "expected", "absent", "exact"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_news_sentence(sentence: str, expected: list[dict], absent: list[float],
                       exact: bool) -> None:
    quantities = extract_facts(sentence).quantities
    for want in expected:
        found = _find(quantities, want["value"])
        assert len(found) == 1, (want, quantities)
        for field, value in want.items():
            got = getattr(found[0], field)
            if isinstance(value, float) and got is not None:
                assert got == pytest.approx(value), (field, found[0])
            else:
                assert got == value, (field, found[0])
    for value in absent:
        assert not _find(quantities, value), (value, quantities)
    if exact:
        assert len(quantities) == len(expected), quantities


def test_confidence_follows_the_evidence() -> None:
    qs = extract_facts(
        "Police said 14 people were arrested, hundreds of shops were looted and the "
        "rebels were killing 107 in the town."
    ).quantities
    by_value = {q.value: q for q in qs}
    assert by_value[14].confidence == 1.0  # digits, a counted noun, an explicit verb
    assert 0.5 <= by_value[200].confidence < 1.0  # vague: the value is indicative
    assert 0.5 <= by_value[107].confidence < 1.0  # a bare number the verb makes a count
    assert all(q.confidence >= CONFIDENT for q in qs)


def test_weak_category_is_below_the_views_threshold() -> None:
    qs = extract_facts("The shelling killed civilians in 15 villages.").quantities
    villages = _find(qs, 15)[0]
    # "killed" is only near the figure, it does not govern it: kept, but not in the views
    assert villages.category is None or villages.confidence < CONFIDENT


def test_a_state_word_counts_only_its_own_subject() -> None:
    qs = extract_facts("The attack left 20 shops burnt and several people dead.").quantities
    shops = _find(qs, 20)[0]
    assert shops.category is None or shops.confidence < CONFIDENT
    assert extract_facts("The attack left 20 people dead.").quantities[0].category == "killed"
