"""Speakers over composed news reports (second set): names the tagger cuts or mislabels,
title words it leaves in a name, "That was the verdict of X", "according to" a role and name,
and a firm called by the first word of its name.

Each article is composed for this test (invented people and events).  ``_check`` (from
test_speakers_news) names a quote by its first three words.
"""

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.given_names import gender, is_given_name, is_surname
from tests.test_speakers_news import _check


def test_a_surname_whose_given_name_the_tagger_left_out_is_the_full_name() -> None:
    # the tagger reads "Aileen" as a number and labels "McTavish" a nationality
    _check(
        "A teacher in Glasgow has won a national award for her work with refugee children.\n\n"
        "Aileen McTavish, 47, teaches at a primary school where a third of pupils speak "
        "English as a second language.\n\n"
        '"Every child deserves to feel at home in their classroom," McTavish said.\n\n'
        "Headteacher Donald Kerr said the award was richly deserved.\n\n"
        '"Aileen is an inspiration to all of us," he said.\n\n'
        '"I am just doing my job," she said.',
        {
            "Every child deserves": "Aileen McTavish",
            "Aileen is an": "Donald Kerr",
            "I am just": "Aileen McTavish",
        },
    )


def test_a_title_word_that_is_no_ones_name_is_not_part_of_the_speaker() -> None:
    _check(
        "Reeve Alan Dufresne of the rural municipality said the drought had cost farmers "
        "millions.\n\n"
        '"Some of our producers will not survive another year like this," Dufresne said.\n\n'
        "Provincial agriculture minister Colette Marchand promised help.\n\n"
        '"We will be there for them," Marchand told reporters.',
        {"Some of our": "Alan Dufresne", "We will be": "Colette Marchand"},
    )


def test_the_verdict_of_a_person_after_or_before_a_quote() -> None:
    _check(
        "The council voted to close the library on Monday.\n\n"
        '"It is a sad day for the town." That was the verdict of Olwen Pritchard, who has '
        "run the reading group for 20 years.\n\n"
        "That was also the view of Ingrid Solberg, who chairs the friends of the library: "
        '"The building is worth saving."',
        {"It is a": "Olwen Pritchard", "The building is": "Ingrid Solberg"},
    )
    # a verdict of no one named: no speaker
    _check(
        "The council voted to close the library on Monday.\n\n"
        '"It is a sad day for the town." That was the verdict of many residents.',
        {"It is a": None},
    )


def test_according_to_a_role_and_a_name_the_tagger_took_for_a_firm() -> None:
    _check(
        "Shares in the retailer fell 12 per cent on Thursday.\n\n"
        '"We expect a difficult year," according to chief executive Imogen Blake.',
        {"We expect a": "Imogen Blake"},
    )


def test_a_firm_called_by_the_first_word_of_its_name_is_no_person() -> None:
    # an organisation as the source of a quote gets a role, not a speaker
    _check(
        "The mining company Aldermoor Resources said on Friday it would cut 400 jobs.\n\n"
        '"Copper prices have fallen sharply," Aldermoor said in a statement.\n\n'
        "Union leader Grace Mbeki said the cuts would devastate the town.\n\n"
        '"This town was built on that mine," Mbeki said.',
        {"Copper prices have": None, "This town was": "Grace Mbeki"},
    )


def test_a_person_noun_describing_a_surname_makes_an_unlisted_given_name_a_person() -> None:
    _check(
        "Residents say the new road has brought lorries past the school.\n\n"
        '"The noise starts at five in the morning," said Priyanka Deshmukh, who lives on '
        "the corner.\n\n"
        'Deshmukh, a mother of two, said: "I do not let my children walk to school."',
        {"The noise starts": "Priyanka Deshmukh", "I do not": "Priyanka Deshmukh"},
    )


def test_given_names_and_surnames_come_from_every_faker_list() -> None:
    assert is_given_name("Wei") and is_given_name("Chia-Wei")  # romanised lists
    assert gender("Ann") == "f" and gender("John") == "m"
    assert is_surname("Nguyen") and not is_surname("Reeve")


def test_a_surname_the_tagger_cut_off_a_given_name_is_put_back() -> None:
    # the tagger labels "Neil" alone a person; the speaker is the full name, not "Farraday"
    _check(
        "The city's new stadium will cost twice the original estimate.\n\n"
        "Stadium chief executive Neil Farraday rejected the criticism.\n\n"
        '"Every big project has overruns," Farraday said.',
        {"Every big project": "Neil Farraday"},
    )


def test_an_age_after_the_name_is_no_role() -> None:
    body = (
        "Farmers in the valley say the new dam has dried up their wells.\n\n"
        '"My family has farmed here for four generations," said Chukwuemeka Obi, 58.'
    )
    (quote,) = extract_facts(body).quotes
    assert (quote.speaker, quote.speaker_role) == ("Chukwuemeka Obi", None)


def test_a_lone_he_said_paragraph_after_a_quote_paragraph_is_its_cue() -> None:
    _check(
        "Housing minister Colm Brady visited the estate on Tuesday.\n\n"
        '"These homes are not fit for people to live in."\n\n'
        "He said.\n\n"
        "Tenant leader Marisol Ortega met him at the gate.\n\n"
        '"We have waited long enough."\n\n'
        "She added.",
        {"These homes are": "Colm Brady", "We have waited": "Marisol Ortega"},
    )
    # a reported sentence of its own paragraph is no bare cue of the quote before it
    _check(
        "Housing minister Colm Brady visited the estate on Tuesday.\n\n"
        '"Are these homes fit for people to live in?"\n\n'
        "Tenant leader Marisol Ortega said the council had ignored the damp for years.",
        {"Are these homes": None},
    )


def test_a_title_before_an_unlisted_given_name_and_a_surname_the_tagger_took_for_a_firm() -> None:
    _check(
        "Delegates applauded as Councillor Haruto Sato took the stage.\n\n"
        '"Our city can lead the world on clean air," Councillor Sato said.',
        {"Our city can": "Haruto Sato"},
    )


def test_an_age_before_the_name_is_not_the_speakers_role() -> None:
    facts = extract_facts(
        "Dozens of families waited at the border crossing on Friday.\n\n"
        '"We have waited here since dawn," said 20-year-old Omar Haddad from the camp.\n\n'
        '"Nobody tells us anything," said the 31-year-old nurse Leila Mansour.'
    )
    said = {q.text.split()[0]: (q.speaker, q.speaker_role) for q in facts.quotes}
    assert said == {"We": ("Omar Haddad", None), "Nobody": ("Leila Mansour", "nurse")}


def test_a_speaker_named_after_the_verb_behind_a_description() -> None:
    # "ranked 65th" parsed as the verb whose subject is the name, so "said" has no subject
    facts = extract_facts(
        "Tom Keller knocked out the top seed on Monday night.\n\n"
        '"I just kept fighting," said the 26-year-old Keller, ranked 65th.\n\n'
        '"He never gave up," said the veteran coach Anna Brandt, watching from the stands.'
    )
    said = {q.text.split()[0]: (q.speaker, q.speaker_role) for q in facts.quotes}
    assert said == {"I": ("Tom Keller", None), "He": ("Anna Brandt", "veteran coach")}


def test_a_surname_the_tagger_reads_as_a_plural_noun_after_a_quote_is_the_person() -> None:
    # "Rivers" after the closing quote is tagged as the noun "rivers": the name's surname
    # (the article never writes "rivers" in lower case) is still the person, in the
    # entities and as the speaker of both quotes
    facts = extract_facts(
        "Lena Rivers finished the tournament in style.\n\n"
        '"Yesterday was the toughest day I\'ve had for a long time," Rivers said. '
        '"Today, I got to play golf."'
    )
    assert [q.speaker for q in facts.quotes] == ["Lena Rivers", "Lena Rivers"]
    [rivers] = [e for e in facts.entities if e.label == "PERSON"]
    assert [m.text for m in rivers.mentions] == ["Lena Rivers", "Rivers"]

