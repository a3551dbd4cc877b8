"""Quotes: pairing quote marks, speakers, roles, pronouns and fragments."""

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.quotes import find_quote_spans


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    body = 'He said: "They told us \'leave now\' and we left." Then he went home.'
    spans = find_quote_spans(body)
    assert len(spans) == 1
    assert spans[0].text(body) == "They told us 'leave now' and we left."


def test_quote_spanning_paragraphs() -> None:
    body = (
        '"We walked for three days. Nobody helped us.\n\n'
        '"When we arrived, the camp was full," she said.'
    )
    spans = find_quote_spans(body)
    assert len(spans) == 1
    text = spans[0].text(body)
    assert text.startswith("We walked") and text.endswith("the camp was full")


def test_curly_quotes_and_apostrophes() -> None:
    body = "The agency’s chief said: “We can’t wait.” The rebels’ leader disagreed."
    spans = find_quote_spans(body)
    assert [s.text(body) for s in spans] == ["We can’t wait."]


def test_speaker_role_and_verb() -> None:
    body = (
        '"Hundreds of people need treatment," WFP spokeswoman Leila Haddad told the BBC.\n\n'
        'One rebel fighter told the AFP news agency: "We did not expect the attack."'
    )
    quotes = extract_facts(body).quotes
    assert (quotes[0].speaker, quotes[0].speaker_role, quotes[0].verb) == (
        "Leila Haddad", "WFP spokeswoman", "told"
    )
    assert quotes[0].is_fragment is False
    assert quotes[1].speaker is None and quotes[1].speaker_role == "rebel fighter"


def test_pronoun_and_title_speakers() -> None:
    body = (
        "Spain's Interior Minister, Marta Ruiz, visited the port on Friday.\n\n"
        '"We will not leave anyone behind," she said.\n\n'
        'Mr Ortega said the plan was "unworkable".\n\n'
        "The opposition leader, Carlos Ortega, disagreed."
    )
    quotes = extract_facts(body).quotes
    assert quotes[0].speaker == "Marta Ruiz"
    assert quotes[1].speaker == "Carlos Ortega" and quotes[1].is_fragment


def test_scare_quotes_are_fragments_and_names_are_not_quotes() -> None:
    body = (
        'The government calls the rebels "terrorists" and has accepted talks "in principle". '
        'The region sits on the Pacific "Ring of Fire".'
    )
    quotes = extract_facts(body).quotes
    assert [q.text for q in quotes] == ["terrorists", "in principle"]
    assert all(q.is_fragment for q in quotes)


def test_offsets_point_inside_the_marks() -> None:
    body = 'Officials said: "The bridge is closed." Traffic stopped.'
    q = extract_facts(body).quotes[0]
    assert body[q.start:q.end] == "The bridge is closed."
    assert q.sentence_index == 0
