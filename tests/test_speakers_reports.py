"""Speakers over composed news reports: people the tagger mislabels, cues in the neighbouring
sentence or paragraph, and quote paragraphs that stay unattributed.

Each article is composed for this test (invented people and events).  ``_check`` (from
test_speakers_news) names a quote by its first three words.
"""

import newsfeed
from tests.test_speakers_news import _check


def test_a_person_the_tagger_took_for_a_place_speaks_by_surname() -> None:
    # the tagger labels "Helen Ward" a place and leaves "Ward" without a label
    _check(
        "The two candidates for governor clashed over taxes in their only televised debate.\n\n"
        "Republican Brian Castillo accused his opponent of planning to raise property taxes.\n\n"
        '"Every family in this state will pay more under her plan," Castillo said.\n\n'
        "Democrat Helen Ward shot back that Castillo's numbers were invented.\n\n"
        '"He knows that\'s not true," Ward said. "I have never proposed a tax increase."',
        {
            "Every family in": "Brian Castillo",
            "He knows that's": "Helen Ward",
            "I have never": "Helen Ward",
        },
    )


def test_a_person_reporting_more_right_after_a_quote_is_its_speaker() -> None:
    _check(
        "The strike has left shelves empty across the city.\n\n"
        '"We have had no deliveries since Monday." Grocer Samir Haddad said his shop would '
        "have to close by the weekend.\n\n"
        "Union organiser Beth Carroll said drivers had been offered a pay rise below "
        'inflation. "That is a pay cut," she said.',
        {"We have had": "Samir Haddad", "That is a": "Beth Carroll"},
    )
    # after "said:" the quote is the introducer's, not the next sentence's subject's
    _check(
        "Fire chief Dan Kowalski said:\n\n"
        '"Everyone got out safely." Neighbour Jill Ames said she had called 911 at midnight.',
        {"Everyone got out": "Dan Kowalski"},
    )


def test_a_quote_paragraph_takes_the_cue_of_the_next_quote_paragraph() -> None:
    _check(
        "The city's transit authority will cut service on six bus routes next month.\n\n"
        '"Ridership on these routes has fallen by half since 2019. We cannot keep running '
        'empty buses."\n\n'
        '"We have no choice," transit chief executive Howard Lin told reporters on Monday.',
        {"Ridership on these": "Howard Lin", "We have no": "Howard Lin"},
    )


def test_a_quote_paragraph_before_another_speakers_cue_stays_unattributed() -> None:
    # a question is a line of dialogue; after another speaker's quote the paragraph may be his
    _check(
        "The two men met on the bridge at dawn.\n\n"
        '"Are you ready to sell the farm to the council?"\n\n'
        '"Not for any price," said farmer Owen Pryce.',
        {"Are you ready": None, "Not for any": "Owen Pryce"},
    )
    _check(
        '"The plan is dead," said council leader Ray Dunmore.\n\n'
        "The council has voted twice on the bypass since 2021.\n\n"
        '"We will keep fighting for the residents of this town."\n\n'
        '"It is a disgrace," said opposition leader Mary Park.',
        {"The plan is": "Ray Dunmore", "We will keep": None, "It is a": "Mary Park"},
    )


def test_said_and_the_name_the_parser_gave_to_a_later_verb() -> None:
    # "Joseph Mensah" parses as the subject of "cut", leaving "said" without one
    _check(
        "“We have been waiting for this bridge for twenty years,” said Joseph Mensah, chief "
        "of the village of Asankrangwa, as President Nana Addo cut the ribbon on Monday.\n\n"
        "“Our children no longer have to cross the river by canoe,” Mensah said.",
        {"We have been": "Joseph Mensah", "Our children no": "Joseph Mensah"},
    )


def test_a_hard_wrapped_quote_keeps_its_cue_on_the_next_line() -> None:
    # a line ending '...,"' goes on: the cue on the next line is the same sentence's
    text = (
        "About 1,200 people forced from their homes by flooding will return this weekend.\n"
        '"The water has dropped enough that we\'re confident homes are safe,"\n'
        "Mayor Alan Dufresne said Friday.\n"
    )
    quotes = newsfeed.extract(text).facts.quotes
    assert [(q.text[:9], q.speaker) for q in quotes] == [("The water", "Alan Dufresne")]


def test_no_speaker_name_runs_across_a_line_break() -> None:
    # the tagger runs "Kelly" into the paragraph break after it
    text = (
        "Two men have been arrested after a shop was robbed at knifepoint in Bristol.\n\n"
        '"This was a terrifying experience for the staff," said Det Sgt Kelly\n\n'
        'Osei. "We are grateful to the members of the public who helped us."'
    )
    speakers = [q.speaker for q in newsfeed.extract(text).facts.quotes if q.speaker]
    assert speakers and all(s == " ".join(s.split()) for s in speakers), speakers


def test_a_person_the_tagger_took_for_an_organisation_speaks_by_surname() -> None:
    # the tagger labels "Colleen Reyes" and "Reyes" organisations
    _check(
        "The founder of the Brightwater food bank, Colleen Reyes, has seen demand triple "
        "since January.\n\n"
        '"We used to feed 200 families a week. Now it\'s closer to 600," Reyes explained.',
        {"We used to": "Colleen Reyes"},
    )


def test_his_message_is_the_speech_of_the_person_he_refers_to() -> None:
    _check(
        "Greenfield Energy will close its coal plant in Ashby three years early.\n\n"
        "Local union president Gary Holm said the news had come as a shock. His message to "
        'the company was blunt: "Where are the new jobs?"',
        {"Where are the": "Gary Holm"},
    )


def test_speech_reported_inside_the_sentence_before_is_not_the_quotes_speaker() -> None:
    # "the plant's owner ... had promised" is what the official said, not who speaks next
    _check(
        "Jamal Hughes lost his job at the steel works in March.\n\n"
        '"I gave that company 22 years," Hughes said.\n\n'
        "A union official said the plant's owner, Victor Brandt, had promised there would be "
        'no job losses. "He lied to every one of us on the shop floor."',
        {"I gave that": "Jamal Hughes", "He lied to": None},
    )


def test_the_person_a_spokesman_or_lawyer_belongs_to_is_not_the_speaker() -> None:
    quotes = {
        q.text[:12]: q
        for q in newsfeed.extract(
            "President Donald Trump left the summit early on Friday.\n\n"
            '"The president had other commitments," a Trump spokesman said.\n\n'
            "Gareth Price, 52, admitted fraud at Cardiff Crown Court on Monday. "
            '"He is not a bad man," Gareth Price\'s wife said.'
        ).facts.quotes
    }
    spokesman = quotes["The presiden"]
    assert (spokesman.speaker, spokesman.speaker_role) == ("Trump", "spokesman")
    assert quotes["He is not a "].speaker is None


def test_she_is_the_paragraphs_topic_not_the_mother_in_a_relative_clause() -> None:
    _check(
        "Nurse Abigail Moss has worked on the children's ward at St Luke's for 15 years.\n\n"
        "Last week, she cared for a premature baby girl whose mother, Tanya Wells, had been "
        'in labour for 30 hours. "You never forget the ones who fight that hard," she said.',
        {"You never forget": "Abigail Moss"},
    )


def test_a_named_reader_of_a_statement_does_not_outrank_the_governing_cue() -> None:
    quotes = {
        q.text[:12]: q
        for q in newsfeed.extract(
            "The family of missing hiker Sean Doyle has thanked rescuers for their efforts.\n\n"
            'In a statement read by his sister, Niamh Doyle, the family said: "We will never '
            'give up hope."'
        ).facts.quotes
    }
    assert quotes["We will neve"].speaker is None
    assert quotes["We will neve"].speaker_role == "family"


def test_he_after_a_spokesman_reporting_on_a_suspect_is_the_spokesman() -> None:
    quotes = {
        q.text[:12]: q
        for q in newsfeed.extract(
            "A man has been charged after a woman was attacked in a park in Derby.\n\n"
            "A Derbyshire Police spokesman said John Tolley, 34, was arrested at his home on "
            'Saturday. "He will appear before magistrates on Monday," he said.\n\n'
            'Detectives said Martin Shaw, 41, had been seen near the scene. "We would urge '
            'anyone who saw him to come forward," he said.'
        ).facts.quotes
    }
    spokesman = quotes["He will appe"]
    assert (spokesman.speaker, spokesman.speaker_role) == ("Derbyshire Police", "spokesman")
    assert quotes["We would urg"].speaker is None
