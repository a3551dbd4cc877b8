"""Quotes: pairing quote marks, speech or fragment, speakers over the discourse, confidence."""

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.quotes import find_quote_spans
from newsfeed.extract.types import CONFIDENT


def _quotes(body: str) -> dict[str, object]:
    """Quotes by the first three words of their text."""
    return {" ".join(q.text.split()[:3]): q for q in extract_facts(body).quotes}


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    body = 'He said: "They told us \'leave now\' and we left." Then he went home.'
    spans = find_quote_spans(body)
    assert len(spans) == 1
    assert spans[0].text(body) == "They told us 'leave now' and we left."


def test_a_quote_over_two_paragraphs_gives_one_piece_per_paragraph() -> None:
    body = (
        '"We walked for three days. Nobody helped us.\n\n'
        '"When we arrived, the camp was full," she said.'
    )
    first, second = find_quote_spans(body)
    assert first.text(body) == "We walked for three days. Nobody helped us."
    assert second.text(body) == "When we arrived, the camp was full"
    assert second.continues and not first.continues


def test_a_paragraph_that_only_closes_the_quote_continues_it() -> None:
    body = 'Tom Reed said, "We played well.\n\nWe should have scored twice." Then he left.'
    spans = find_quote_spans(body)
    assert [s.text(body) for s in spans] == ["We played well.", "We should have scored twice."]
    assert spans[1].continues
    assert [q.speaker for q in extract_facts(body).quotes] == ["Tom Reed", "Tom Reed"]


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
    assert quotes[0].is_fragment is False and quotes[0].confidence >= 0.85
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
    assert CONFIDENT <= quotes[0].confidence < 0.9  # a pronoun, not a name
    # a one-word predicate of what he said is a partial quote of speech
    assert quotes[1].speaker == "Carlos Ortega" and not quotes[1].is_fragment


def test_he_and_she_follow_the_gender_of_first_names() -> None:
    body = (
        "Prime Minister Anna Berg met President Luis Moreno in Geneva on Friday.\n\n"
        '"We agreed on a ceasefire," she said.\n\n'
        'Moreno, who spoke after Berg, was less optimistic. "Nothing is signed yet," he said.'
    )
    quotes = _quotes(body)
    assert quotes["We agreed on"].speaker == "Anna Berg"
    assert quotes["Nothing is signed"].speaker == "Luis Moreno"


def test_a_run_of_quote_paragraphs_keeps_its_speaker() -> None:
    body = (
        "Maria Lopez, the mayor of Riverton, said the flood had destroyed the main bridge.\n\n"
        '"We have never seen the water this high," Lopez said. "The old bridge was built '
        'in 1920."\n\n'
        '"We will rebuild it, but it will take years."\n\n'
        "The province sent two helicopters, according to Emergency Minister Paul Chen.\n\n"
        '"The boats arrived too late."'
    )
    quotes = _quotes(body)
    assert quotes["We have never"].speaker == "Maria Lopez"
    assert quotes["The old bridge"].speaker == "Maria Lopez"
    run = quotes["We will rebuild"]
    assert run.speaker == "Maria Lopez" and run.confidence < quotes["We have never"].confidence
    # another person named in between: no speaker rather than the last person named
    assert quotes["The boats arrived"].speaker is None


def test_each_paragraph_of_a_quotation_takes_the_cue_at_its_end() -> None:
    body = (
        "Dr Helen Park described the scene at the hospital.\n\n"
        '"There were people everywhere. Nobody knew where to go.\n\n'
        '"We worked for two days without sleep," she said.'
    )
    first, second = extract_facts(body).quotes
    assert first.text == "There were people everywhere. Nobody knew where to go."
    assert (first.speaker, second.speaker) == ("Helen Park", "Helen Park")
    assert first.confidence < second.confidence  # the cue is in the second paragraph


def test_the_sentence_before_and_the_colon_introduce_the_speaker() -> None:
    body = (
        "Omar Haddad told reporters the talks had failed. \"It was a mistake from the start.\""
        "\n\nThe union's leader, Karen Holt, told the crowd:\n\n"
        '"We will strike on Monday."'
    )
    quotes = _quotes(body)
    assert quotes["It was a"].speaker == "Omar Haddad"
    assert quotes["We will strike"].speaker == "Karen Holt"
    assert quotes["It was a"].confidence < quotes["We will strike"].confidence


def test_bylines_credits_and_places_are_never_speakers() -> None:
    body = (
        "Jane Doe · CBC News\n\n"
        "Firefighters battled the blaze for six hours on Tuesday. Photo: Julia Stone/Reuters\n\n"
        '"It was terrifying," she said.\n\n'
        '"We lost everything," said Ruth Adams of Truro, N.S.'
    )
    quotes = _quotes(body)
    assert quotes["It was terrifying"].speaker is None
    assert quotes["We lost everything"].speaker == "Ruth Adams"
    assert quotes["We lost everything"].speaker_role is None


def test_organisations_speak_through_a_role() -> None:
    body = (
        '"The airport will reopen on Monday," a spokesman for Transport Canada said.\n\n'
        'The ministry said in a statement: "All schools will close until further notice."'
    )
    quotes = _quotes(body)
    airport = quotes["The airport will"]
    assert (airport.speaker, airport.speaker_role) == ("Transport Canada", "spokesman")
    schools = quotes["All schools will"]
    assert schools.speaker is None and schools.speaker_role == "ministry"


def test_titles_slogans_and_scare_quotes_are_fragments() -> None:
    body = (
        'The film "The Long Road Home" opened on Friday. A report titled "Water for All" '
        "was published.\n\n"
        'Protesters marched through the capital chanting "No more war" and waving flags.\n\n'
        'Critics call the levy a so-called "peace tax". The "Big Three" carmakers asked '
        'for help, and the government was granted "emergency" powers.\n\n'
        '"Storm hits coast" — The Daily Star, May 2, 2021'
    )
    quotes = extract_facts(body).quotes
    assert [q.text for q in quotes] == [
        "The Long Road Home", "Water for All", "No more war", "peace tax", "Big Three",
        "emergency", "Storm hits coast",
    ]
    assert all(q.is_fragment and q.confidence < CONFIDENT for q in quotes)


def test_a_quoted_name_is_no_quote() -> None:
    assert extract_facts('Peru sits on the Pacific "Ring of Fire" and is hit by tremors.'
                         ).quotes == []


def test_partial_quotes_of_a_speaker_are_speech() -> None:
    body = (
        'Anna Berg said the deal was "a historic step towards lasting peace".\n\n'
        'The minister called the plan "reckless".\n\n'
        '"I smacked them around," Tom Wu said.'
    )
    quotes = _quotes(body)
    assert not quotes["a historic step"].is_fragment
    assert quotes["a historic step"].speaker == "Anna Berg"
    assert not quotes["reckless"].is_fragment
    assert not quotes["I smacked them"].is_fragment


def test_a_signed_pull_quote_is_speech_with_its_speaker() -> None:
    body = (
        "The mayor opened the new library on Saturday.\n\n"
        '"Books are the best investment a city can make." — Laura Kim, mayor'
    )
    quote = extract_facts(body).quotes[0]
    assert not quote.is_fragment and quote.speaker == "Laura Kim"


def test_unattributed_quote_confidence_is_that_of_a_real_quote() -> None:
    body = 'The sign on the door was clear. "We are closed until the storm has passed."'
    quote = extract_facts(body).quotes[0]
    assert quote.speaker is None and not quote.is_fragment
    assert CONFIDENT <= quote.confidence < 0.9


def test_offsets_point_inside_the_marks() -> None:
    body = 'Officials said: "The bridge is closed." Traffic stopped.'
    q = extract_facts(body).quotes[0]
    assert body[q.start:q.end] == "The bridge is closed."
    assert q.sentence_index == 0


def test_tokenised_wire_text() -> None:
    body = (
        "FRANKFURT 1996-08-22\n\n"
        "Engineering group Kessler AG said on Thursday it would cut 2,000 jobs .\n\n"
        '" We have no alternative , " chief executive Werner Dieter told reporters .\n\n'
        "Peru 's rebels said they would free the hostages ."
    )
    (quote,) = extract_facts(body).quotes
    assert (quote.text, quote.speaker, quote.speaker_role) == (
        "We have no alternative", "Werner Dieter", "chief executive"
    )


def test_typewriter_marks_open_and_close_a_quote() -> None:
    body = "The coach was blunt. ``We lost because we were slow,'' he said after the game."
    spans = find_quote_spans(body)
    assert [s.text(body) for s in spans] == ["We lost because we were slow"]


def test_a_double_quote_closed_by_a_single_mark_ends_there() -> None:
    body = (
        'Fans call him the "River Giant\'. He never liked the name, and his shirt says '
        '"The Giant\' on the back.'
    )
    spans = find_quote_spans(body)
    assert [s.text(body) for s in spans] == ["River Giant", "The Giant"]


def test_a_quote_left_open_inside_brackets_ends_with_them() -> None:
    body = 'The probe reached the comet (known as "Tempel 9) in July and sent back "images".'
    spans = find_quote_spans(body)
    assert [s.text(body) for s in spans] == ["Tempel 9", "images"]


def test_a_one_word_quote_coordinated_with_another_is_said_too() -> None:
    body = (
        'Union leader Sara Holm called the offer "insulting" and "cynical":\n\n'
        '"Nobody can live on these wages," she said.'
    )
    quotes = _quotes(body)
    assert not quotes["insulting"].is_fragment and not quotes["cynical"].is_fragment
    assert quotes["cynical"].speaker == "Sara Holm"


def test_a_post_title_after_its_source_is_a_title() -> None:
    body = (
        '"The network is down again. Nobody knows why." Anonymous blogger, '
        '"Night of the long outage"'
    )
    quotes = _quotes(body)
    assert not quotes["The network is"].is_fragment
    assert quotes["Night of the"].is_fragment


def test_a_pull_quote_that_lost_its_marks_is_kept_when_signed_by_a_person() -> None:
    body = (
        "The council voted on Monday to close the library.\n\n"
        "We will fight this decision in every court we can. — Laura Kim\n\n"
        "The building opened in 1950. — City archive"
    )
    (quote,) = extract_facts(body).quotes
    assert quote.text == "We will fight this decision in every court we can."
    assert quote.speaker == "Laura Kim" and not quote.is_fragment


def test_words_on_signs_shirts_and_sayings_are_fragments() -> None:
    body = (
        'Supporters wore shirts that said "Vote for the river now". Others held a banner '
        'reading "We want clean water back". He recalled the old saying, "Still waters run '
        'deep and slow".'
    )
    quotes = extract_facts(body).quotes
    assert len(quotes) == 3 and all(q.is_fragment for q in quotes)


def test_an_abbreviated_rank_does_not_cut_the_cue_or_speak() -> None:
    body = (
        'Police closed the road on Sunday. "The driver was not hurt," Const. Dan Hale said.\n\n'
        '"We towed the truck away," said Cpl. Nina Ross of the provincial police.'
    )
    quotes = _quotes(body)
    assert quotes["The driver was"].speaker == "Dan Hale"
    assert quotes["We towed the"].speaker == "Nina Ross"


def test_a_place_abbreviation_after_a_quote_does_not_cut_the_cue() -> None:
    body = 'Crews worked all night. "Nobody will lose their home," Sask. Premier Scott Moe said.'
    (quote,) = extract_facts(body).quotes
    assert quote.speaker == "Scott Moe"


def test_a_quote_with_its_own_unresolved_cue_takes_no_speaker_from_the_next_sentence() -> None:
    body = 'She said, "We are tired." Her husband, Omar Diaz, said nothing.'
    (quote,) = extract_facts(body).quotes
    assert quote.speaker is None


def test_works_and_billings_named_before_the_quote_are_titles() -> None:
    body = (
        'Her memoir "A Long Walk Through the Winter Dark" sold well. The fair was billed as '
        '"the biggest party the valley has ever seen". He said it was "the best night we '
        'have had in years".'
    )
    quotes = _quotes(body)
    assert quotes["A Long Walk"].is_fragment and quotes["the biggest party"].is_fragment
    assert not quotes["the best night"].is_fragment


def test_spoke_before_a_quote_of_its_own_gives_the_speaker() -> None:
    body = (
        "Fire chief Dana Cole spoke to reporters outside the station on Monday. "
        '"The crews have been working for twenty hours."'
    )
    (quote,) = extract_facts(body).quotes
    assert quote.speaker == "Dana Cole" and quote.confidence < 0.6


def test_a_phrase_quoted_without_speech_is_a_fragment() -> None:
    body = (
        'What would a title like "the best mayor in the whole state" mean to voters?\n\n'
        'The charity wants to close "the gap between doctors and their patients."\n\n'
        'They call for "urgent action on the salt in bread" this year.'
    )
    quotes = {q.text: q.is_fragment for q in extract_facts(body).quotes}
    assert quotes == {
        "the best mayor in the whole state": True,  # a phrase mentioned, nobody says it
        "the gap between doctors and their patients.": False,  # ends a quoted sentence
        "urgent action on the salt in bread": False,  # governed by a speech verb
    }


def test_a_document_without_an_owner_is_the_source_of_its_quote() -> None:
    body = ('A leaked internal memo seen by reporters says "staff who refuse the transfer '
            'may lose their bonus this year".')
    (quote,) = extract_facts(body).quotes
    assert quote.speaker is None and quote.verb == "says"
    assert quote.speaker_role is not None and "memo" in quote.speaker_role


def test_reasoned_is_a_speech_verb() -> None:
    body = 'The council reasoned, "because the road is used by lorries, it must be rebuilt".'
    (quote,) = extract_facts(body).quotes
    assert (quote.speaker, quote.speaker_role, quote.verb) == (None, "council", "reasoned")


def test_a_person_named_right_before_a_speech_verb_without_subject_speaks() -> None:
    body = (
        'Maria Santos works at a museum in Lisbon. In a recently-accepted Ecology paper '
        'Santos and colleagues describe ants appearing to farm fungi.\n\n'
        '"I am sure many more farming insects will be found in the coming years"'
    )
    (quote,) = extract_facts(body).quotes
    assert quote.speaker == "Maria Santos"
    # someone else named between the name and the verb: no speaker
    other = body.replace("and colleagues", "and Tom Reed's team")
    assert [q.speaker for q in extract_facts(other).quotes] != ["Maria Santos"]
