"""The sample article the project started from, after clean-up."""

from datetime import datetime
from pathlib import Path

import pytest

from newsfeed.extract.clean import clean_body
from newsfeed.extract.facts import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    extract_facts,
    extract_facts_batch,
)

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "qusair.txt"


@pytest.fixture(scope="module")
def seed() -> tuple[str, object]:
    if not SEED.exists():
        pytest.skip("seed article not available")
    body = clean_body(SEED.read_text(encoding="utf-8"))
    return body, extract_facts(body, datetime(2013, 6, 5, 12, 0))


def _quantity(facts, value):
    found = [q for q in facts.quantities if q.value == value]
    assert len(found) == 1, (value, facts.quantities)
    return found[0]


def test_casualty_and_displacement_figures(seed) -> None:
    _, facts = seed
    killed = _quantity(facts, 80000)
    assert (killed.category, killed.qualifier, killed.place, killed.source) == (
        "killed", "more than", "Syria", "UN"
    )
    fled = _quantity(facts, 1_500_000)
    assert (fled.category, fled.qualifier) == ("displaced", "more than")
    population = _quantity(facts, 30000)
    assert (population.category, population.qualifier) == ("population", "estimated")
    fled_towns = _quantity(facts, 10000)
    assert (fled_towns.category, fled_towns.qualifier, fled_towns.source) == (
        "displaced", "up to", "UN"
    )
    wounded = _quantity(facts, 1500)
    assert (wounded.category, wounded.source) == ("wounded", "UN")
    distance = _quantity(facts, 10)
    assert (distance.unit, distance.category, distance.place) == (
        "km", "distance", "Lebanese border"
    )
    assert not any(q.value == 2011 for q in facts.quantities)  # a year
    # "10km (six miles)": the conversion is kept, below the views' confidence threshold
    assert all(q.confidence < 0.5 for q in facts.quantities if q.value == 6)


def test_quotes_and_speakers(seed) -> None:
    _, facts = seed
    kamal = [q for q in facts.quotes if q.speaker == "Rima Kamal"]
    assert len(kamal) == 1
    assert kamal[0].speaker_role == "ICRC spokeswoman" and kamal[0].verb == "told"
    assert kamal[0].text.startswith("There are reports of hundreds")
    fabius = [q for q in facts.quotes if q.text.startswith("the regime")]
    # a partial quote of five words or more is speech, with the speaker of its sentence
    assert fabius and fabius[0].speaker == "Laurent Fabius" and not fabius[0].is_fragment
    fighter = [q for q in facts.quotes if q.text.startswith("We did a sudden")]
    assert fighter and fighter[0].speaker_role == "Hezbollah fighter"
    assert all(q.is_fragment for q in facts.quotes if q.text in ("terrorists", "invading"))


def test_entities(seed) -> None:
    _, facts = seed
    ents = {e.name: e.label for e in facts.entities}
    assert ents["Laurent Fabius"] == "PERSON"
    assert ents["Selim Idriss"] == "PERSON"
    assert ents["Sana"] == "ORG"
    assert ents["Qusair"] == "GPE"
    assert ents["International Committee of the Red Cross"] == "ORG"
    assert "ICRC" not in ents and "Fabius" not in ents and "Idriss" not in ents


def test_repeated_paragraphs_give_facts_once_and_offsets_hold(seed) -> None:
    body, facts = seed
    texts = [q.text for q in facts.quotes]
    assert len(texts) == len(set(texts))
    assert len([q for q in facts.quantities if q.value == 80000]) == 1
    for fact in [*facts.quantities, *facts.quotes, *facts.dates]:
        assert body[fact.start:fact.end] in fact.sentence or fact in facts.quotes
        assert 0 <= fact.start < fact.end <= len(body)
    assert (facts.extractor, facts.extractor_version) == (EXTRACTOR_NAME, EXTRACTOR_VERSION)


def test_batch_matches_single(seed) -> None:
    body, facts = seed
    batch = extract_facts_batch([(body, datetime(2013, 6, 5, 12, 0)), ("No facts here.", None)])
    assert batch[0] == facts
    assert batch[1].quantities == [] and batch[1].extractor == EXTRACTOR_NAME
