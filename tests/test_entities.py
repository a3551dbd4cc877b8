"""Entity extraction: labels, canonical names, mentions."""

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.nlp import load_nlp

BODY = (
    "The International Organization for Migration (IOM) said on Monday that fighting had "
    "reached the town of Dembara.\n\n"
    "Italy's Foreign Minister, Paolo Ricci, said the talks would resume. Mr Ricci added that "
    "the IOM would be invited.\n\n"
    "Gen Adama Kone told the BBC that his troops controlled Dembara. Kone did not say when "
    "civilians could return.\n\n"
    "The state news agency, Tamu, reported that roads had reopened."
)


def _entities() -> dict[str, str]:
    return {e.name: e.label for e in extract_facts(BODY).entities}


def test_load_nlp_is_cached_and_has_repairs() -> None:
    nlp = load_nlp()
    assert load_nlp() is nlp
    assert "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")
    assert "newsfeed_entity_repair" in nlp.pipe_names


def test_titles_are_stripped_and_short_names_join_full_names() -> None:
    ents = _entities()
    assert ents.get("Adama Kone") == "PERSON"
    assert ents.get("Paolo Ricci") == "PERSON"
    assert "Kone" not in ents and "Ricci" not in ents and "Gen Adama Kone" not in ents


def test_acronym_joins_its_definition() -> None:
    facts = extract_facts(BODY)
    iom = [e for e in facts.entities if e.name == "International Organization for Migration"]
    assert len(iom) == 1 and iom[0].label == "ORG"
    assert iom[0].mention_count == 3
    assert not any(e.name == "IOM" for e in facts.entities)


def test_context_repairs_labels() -> None:
    ents = _entities()
    assert ents.get("Dembara") == "GPE"  # "the town of Dembara"
    assert ents.get("Tamu") == "ORG"  # "The state news agency, Tamu,"


def test_mentions_point_into_the_body() -> None:
    facts = extract_facts(BODY)
    for entity in facts.entities:
        assert entity.mentions, entity
        for m in entity.mentions:
            assert BODY[m.start:m.end] == m.text
        assert BODY[entity.start:entity.end] in entity.sentence
    assert {e.label for e in facts.entities} <= {"PERSON", "ORG", "GPE", "LOC", "NORP"}
