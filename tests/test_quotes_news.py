"""Quotes in news-style paragraphs (fresh texts): speech kept, names and terms flagged."""

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.quotes import find_quote_spans


def _speech(body: str) -> dict[str, bool]:
    """Each quote's text → is it speech (not a fragment)?"""
    return {q.text: not q.is_fragment for q in extract_facts(body).quotes}


def test_a_quoted_verb_phrase_after_its_subject_is_said() -> None:
    body = (
        "A health department spokesman said it would ‘study the findings closely’.\n\n"
        "The water board's chairman urged residents to “think about every drop”."
    )
    assert _speech(body) == {"study the findings closely": True, "think about every drop": True}


def test_a_speech_verb_with_as_quotes_speech() -> None:
    body = (
        "Manager Lorna Reece described the result as “massive”.\n\n"
        "The minister, Helen Tsao, described him as “an inspiration”."
    )
    assert _speech(body) == {"massive": True, "an inspiration": True}


def test_what_they_call_introduces_a_term_not_speech() -> None:
    body = (
        "Hundreds of workers walked out on Friday over what they call “robot rules”, a system "
        "that times every task.\n\n"
        "Scientists have identified what they describe as “zombie reefs”: coral that no "
        "longer reproduces."
    )
    assert _speech(body) == {"robot rules": False, "zombie reefs": False}


def test_a_name_given_with_a_naming_verb_is_no_speech() -> None:
    body = 'Local racers, who call the bypass "the Strip", say they have nowhere else to go.'
    assert _speech(body) == {"the Strip": False}


def test_a_slogan_a_product_is_marketed_as_is_no_speech() -> None:
    body = (
        "Shoppers queued for the Vexa 9 phone, which the company markets as “the last phone "
        "you will ever need”."
    )
    assert _speech(body) == {"the last phone you will ever need": False}


def test_a_plural_possessive_inside_single_quotes_does_not_close_them() -> None:
    body = (
        "‘Our members’ patience has run out,’ said union leader Gwen Harrow. ‘The owners’ offer "
        "is an insult.’\n\n"
        "'The players' wages are too high,' the chairman said."
    )
    assert [s.text(body) for s in find_quote_spans(body)] == [
        "Our members’ patience has run out",
        "The owners’ offer is an insult.",
        "The players' wages are too high",
    ]


def test_scare_quotes_after_a_plural_still_close_at_their_mark() -> None:
    body = "The so-called 'experts' say the 'cure' works. Fans of the 'Giants' were angry."
    assert [s.text(body) for s in find_quote_spans(body)] == ["experts", "cure", "Giants"]


def test_elided_years_and_rock_n_roll_are_no_quote_marks() -> None:
    body = "He said the '90s were 'a golden age for rock 'n' roll' in the town."
    assert [s.text(body) for s in find_quote_spans(body)] == ["a golden age for rock 'n' roll"]


def test_a_quote_that_is_the_predicate_of_a_work_noun_is_speech() -> None:
    body = (
        "Organisers said the campaign “was never about money, it was about dignity”.\n\n"
        "The minister said the programme “has delivered real results for families”."
    )
    assert _speech(body) == {
        "was never about money, it was about dignity": True,
        "has delivered real results for families": True,
    }


def test_titles_in_apposition_or_with_a_final_period_are_titles() -> None:
    body = (
        "A new report, “Still waiting: how rural buses failed”, was published on Monday.\n\n"
        "The actor is best known for his role in “Murder on the Orient Express.” He retired "
        "in 2019."
    )
    assert _speech(body) == {
        "Still waiting: how rural buses failed": False,
        "Murder on the Orient Express.": False,
    }


def test_a_banner_demanding_words_carries_a_slogan() -> None:
    body = "Thousands marched behind a banner demanding “Justice for the 96 families now”."
    assert _speech(body) == {"Justice for the 96 families now": False}


def test_what_police_called_a_description_is_said() -> None:
    body = "Officers seized what police called “a significant quantity of weapons”."
    assert _speech(body) == {"a significant quantity of weapons": True}


def test_a_british_single_quote_over_two_paragraphs_continues() -> None:
    body = (
        "Flood victim Aled Morgan described the night the river burst its banks.\n\n"
        "‘We waited for hours on the roof. Nobody came.\n\n"
        "‘Then the water rose to the gutters,’ he said."
    )
    spans = find_quote_spans(body)
    assert [(s.text(body), s.continues) for s in spans] == [
        ("We waited for hours on the roof. Nobody came.", False),
        ("Then the water rose to the gutters", True),
    ]
    assert all(not q.is_fragment for q in extract_facts(body).quotes)


def test_an_offence_named_after_charged_with_is_no_speech() -> None:
    body = "He was charged with “causing death by dangerous driving” and will appear in court."
    assert _speech(body) == {"causing death by dangerous driving": False}


def test_titles_with_small_words_or_final_marks_are_titles() -> None:
    body = (
        "Her favourite film is “As Good as It Gets”, she told the magazine.\n\n"
        "Protesters shouted “Stop the Cuts Now!” outside the town hall.\n\n"
        "“Where is everyone?” she asked as she walked into the empty hall."
    )
    assert _speech(body) == {
        "As Good as It Gets": False,
        "Stop the Cuts Now!": False,
        "Where is everyone?": True,
    }


def test_guillemets_mark_a_quote() -> None:
    body = "The minister said «we will not negotiate with the kidnappers» on Monday."
    assert _speech(body) == {"we will not negotiate with the kidnappers": True}


def test_a_short_clause_after_an_introductory_phrase_is_speech() -> None:
    body = (
        "After the show, “I was exhausted,” she said.\n\n"
        "Speaking after the game, “We were poor today,” the coach said.\n\n"
        "At the end of the campaign: “We won,” she said."
    )
    assert _speech(body) == {
        "I was exhausted": True,
        "We were poor today": True,
        "We won": True,
    }


def test_songs_sung_and_signs_read_are_no_speech() -> None:
    body = (
        "Fans sang “we love you, city, we do” until the final whistle.\n\n"
        "“Enough is enough,” read a sign held by one protester.\n\n"
        "Her talk “why we should all be angry” has been watched a million times."
    )
    assert _speech(body) == {
        "we love you, city, we do": False,
        "Enough is enough": False,
        "why we should all be angry": False,
    }


def test_descriptions_by_a_speaker_are_said() -> None:
    body = (
        "Local MP Graham Pryce described the decision as “the right one for the estuary and "
        "for the town”.\n\n"
        "Writer Femi Adebayo said the response had “blown us all away”.\n\n"
        "Local resident Joan Pettifer was less impressed, describing the noise as "
        "“unbearable”."
    )
    assert _speech(body) == {
        "the right one for the estuary and for the town": True,
        "blown us all away": True,
        "unbearable": True,
    }


def test_a_quoted_passive_predicate_after_saying_is_said() -> None:
    body = (
        "The academy trust rejected the claims, saying pupils' learning had been "
        '"needlessly disrupted."'
    )
    assert _speech(body) == {"needlessly disrupted.": True}


def test_a_linked_headline_in_its_own_paragraph_is_a_title() -> None:
    body = (
        "The council met on Monday to set the budget.\n\n"
        "READ MORE: “Council tax to rise by five per cent in April”\n\n"
        "“We will not give up”\n\n"
        "Residents said they would appeal."
    )
    assert _speech(body) == {
        "Council tax to rise by five per cent in April": False,
        "We will not give up": True,
    }


def test_a_capitalised_work_written_is_no_speech_but_an_answer_is() -> None:
    body = "He wrote “Imagine” in 1971. When asked if he would resign, he said “No”."
    assert _speech(body) == {"Imagine": False, "No": True}


def test_a_predicate_of_a_reported_clause_is_said() -> None:
    body = (
        "Council leader Sandra Osei said she was “disappointed but not surprised” by the "
        "result.\n\n"
        "Harbourside said it had “a robust plan” to tackle the problem.\n\n"
        "Mr Reilly said the merger was “unworkable”."
    )
    assert _speech(body) == {
        "disappointed but not surprised": True,
        "a robust plan": True,
        "unworkable": True,
    }


def test_a_passive_description_is_a_label() -> None:
    body = "The novelist was often described as “the master of the slow burn”."
    assert _speech(body) == {"the master of the slow burn": False}


def test_a_quoted_verb_phrase_before_an_adverbial_clause_is_said() -> None:
    body = "Owner Bethan Rees said she “burst into tears” when the winner was announced."
    assert _speech(body) == {"burst into tears": True}
