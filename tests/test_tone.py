"""extract.tone: GDELT-style tone block of a text and the tone of quotes, from VADER."""

from __future__ import annotations

import pytest

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.tone import quote_tone, split_sentences, text_tone

POSITIVE = ("Volunteers celebrated a wonderful success on Sunday. The new hospital opened "
            "to grateful families, and doctors praised the generous donors who made it "
            "possible. Residents said they were delighted and hopeful.")
NEGATIVE = ("The attack killed twelve people and wounded dozens more. Survivors described "
            "terror, grief and anger. Officials condemned the brutal violence and warned of "
            "a worsening crisis.")
NEUTRAL = "The committee meets on Tuesday in room 4. The agenda lists three items."


def test_a_clearly_positive_text_has_a_positive_tone() -> None:
    tone = text_tone(POSITIVE)
    assert tone.tone > 10
    assert tone.positive > 10 and tone.negative == 0
    assert tone.word_count == len(POSITIVE.split())


def test_a_clearly_negative_text_has_a_negative_tone() -> None:
    tone = text_tone(NEGATIVE)
    assert tone.tone < -10
    assert tone.negative > 10 and tone.positive < tone.negative


@pytest.mark.parametrize("text", [POSITIVE, NEGATIVE, NEUTRAL, "", "good " * 50])
def test_the_block_is_in_range_and_consistent(text: str) -> None:
    tone = text_tone(text)
    assert -100 <= tone.tone <= 100
    assert 0 <= tone.positive <= 100 and 0 <= tone.negative <= 100
    assert tone.tone == pytest.approx(tone.positive - tone.negative, abs=1e-3)
    assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=1e-3)
    assert tone.polarity <= 100


def test_a_factual_text_is_neutral() -> None:
    tone = text_tone(NEUTRAL)
    assert tone.tone == 0 and tone.polarity == 0


def test_negation_turns_a_positive_word_negative() -> None:
    assert text_tone("The results were good.").tone > 0
    assert text_tone("The results were not good.").tone < 0


def test_a_balanced_text_has_polarity_without_tone() -> None:
    tone = text_tone("The food was wonderful. The service was terrible.")
    assert tone.tone == 0 and tone.polarity > 20


def test_quote_tone_is_vader_compound_in_range() -> None:
    happy = quote_tone("This is a great day for our town and we are proud")
    sad = quote_tone("We are devastated, angry and afraid")
    assert 0.3 < happy <= 1 and -1 <= sad < -0.3
    assert quote_tone("") == 0.0


def test_sentences_split_on_end_punctuation_and_lines() -> None:
    assert split_sentences('He said "no." Then left!\nNew line') == [
        'He said "no."', "Then left!", "New line"]


def test_facts_carry_the_tone_of_the_body_and_of_each_quote() -> None:
    body = ('Flood waters destroyed 40 homes in Aldwater on Monday. "We have lost everything, '
            'it is a disaster," said Mary Hill, a resident. "The volunteers were wonderful '
            'and kind," she added.')
    facts = extract_facts(body)
    assert facts.tone is not None and facts.tone.word_count == len(body.split())
    assert facts.tone.negative > 0
    tones = {q.text[:10]: q.tone for q in facts.quotes}
    assert tones["We have lo"] < 0 < tones["The volunt"]
