"""Speakers over whole news articles: wire, court, sport, politics and feature styles.

Each article is composed for this test.  A quote is named by its first three words; every
quote listed must get the speaker given (None: no speaker rather than a wrong one), and no
quote may get a speaker outside the article's list of people who speak.
"""

from newsfeed.extract.facts import extract_facts


def _check(body: str, expected: dict[str, str | None]) -> None:
    quotes = {" ".join(q.text.split()[:3]): q for q in extract_facts(body).quotes}
    for key, speaker in expected.items():
        assert key in quotes, key
        assert quotes[key].speaker == speaker, (key, quotes[key].speaker)
    allowed = {s for s in expected.values() if s}
    assert {q.speaker for q in quotes.values() if q.speaker} <= allowed


def test_a_court_report_with_judge_prosecutor_and_defence() -> None:
    # "said he had ..." in the judge's sentence is someone else: no vote for her gender
    _check(
        "Gareth Price, 52, of Cardiff, admitted 14 counts of fraud at an earlier hearing.\n\n"
        "Sentencing him at Cardiff Crown Court, Judge Helen Rowlands said he had \"betrayed "
        'the trust of everyone who worked with him".\n\n'
        '"You took money that was meant for sick children," she told him.\n\n'
        "Prosecutor David Lloyd said Price had created false invoices over six years.\n\n"
        '"This was a calculated and sustained deception," Mr Lloyd told the court.\n\n'
        "Outside court, the charity's chief executive, Rachel Evans, said staff were "
        'relieved. "Today we can finally start to move on," she said.',
        {"betrayed the trust": "Helen Rowlands", "You took money": "Helen Rowlands",
         "This was a": "David Lloyd", "Today we can": "Rachel Evans"},
    )


def test_a_post_match_report_with_two_managers() -> None:
    _check(
        "Villa manager Unai Emery was furious with the decision to award the penalty.\n\n"
        '"For me it is not a penalty," Emery said. "We deserved the three points."\n\n'
        "United boss Erik ten Hag praised his side's character.\n\n"
        '"We never give up," he said.\n\n'
        'Asked about Rashford\'s form, ten Hag said: "He is working very hard."',
        {"For me it": "Unai Emery", "We deserved the": "Unai Emery",
         "We never give": "Erik ten Hag", "He is working": "Erik ten Hag"},
    )


def test_a_person_the_tagger_missed_stops_the_previous_speaker() -> None:
    # the tagger takes the ferryman for an organisation: "he" after "MacLeod is not
    # convinced" must not go back to the council leader
    _check(
        "For forty years Angus MacLeod has carried passengers across Loch Arden.\n\n"
        "Council leader Iain Ross said no decision had been taken. \"We are listening to the "
        'community," he said.\n\n'
        "MacLeod is not convinced. Asked whether he would keep rowing, he laughed. \"As long "
        'as these arms work," he said.',
        {"We are listening": "Iain Ross", "As long as": None},
    )
    _check(
        "Housing Minister Chris Bishop said the government was building more homes.\n\n"
        '"I understand the frustration," Bishop said.\n\n'
        'Pene dismissed that. She said the minister was "living in a fantasy land".\n\n'
        'Student Liam Chen, 19, said he paid $350 a week for a room. "It\'s basically my '
        'whole wage," he said.',
        {"I understand the": "Chris Bishop", "living in a": None,
         "It's basically my": "Liam Chen"},
    )


def test_he_is_neither_an_object_nor_the_topic_of_the_quote() -> None:
    _check(
        "Police arrested John Doe, 34, at his home on Friday morning.\n\n"
        '"We believe he acted alone," he said.\n\n'
        "The shop's owner, Raj Patel, was not injured. Patel said he had been threatened "
        'with a knife.\n\n"I thought I was going to die," he said.',
        {"We believe he": None, "I thought I": "Raj Patel"},
    )
    _check(
        "Coach Dan Murphy was all smiles after his team beat Rovers 3-0 on Saturday.\n\n"
        '"The boys were magnificent today," Murphy said.\n\n'
        "Teenager Sean Kelly, 17, scored twice on his debut.\n\n"
        '"He has a great future ahead of him," he said.',
        {"The boys were": "Dan Murphy", "He has a": None},
    )


def test_a_quote_after_the_subject_the_parser_put_inside_it() -> None:
    _check(
        "Industry group the Retail Council said in a report that sales would fall 2%. "
        '"It will be a tough Christmas," the council\'s chief executive, Helen Park, said.',
        {"It will be": "Helen Park"},
    )


def test_alternating_candidates_keep_their_own_quotes() -> None:
    _check(
        "Senator Maria Alvarez and Governor John Whitaker traded attacks on Tuesday night.\n\n"
        'Alvarez accused her opponent of cutting school funding. "You closed 40 schools," '
        'she said, turning to face him. "Parents have not forgotten."\n\n'
        'Whitaker fired back. "I make no apology for balancing the books," he said.\n\n'
        '"The senator has never had to balance anything," he added.\n\n'
        '"We need a system that works," Alvarez replied.\n\n'
        "Political analyst Greg Tanner said neither candidate had landed a blow. \"It was a "
        'draw," Tanner said.\n\n'
        '"Whitaker needed something big tonight and he did not get it."',
        {"You closed 40": "Maria Alvarez", "Parents have not": "Maria Alvarez",
         "I make no": "John Whitaker", "The senator has": "John Whitaker",
         "We need a": "Maria Alvarez", "It was a": "Greg Tanner",
         "Whitaker needed something": "Greg Tanner"},
    )


def test_wire_story_with_byline_credit_and_state_abbreviations() -> None:
    _check(
        "By JOHN SMITH and ANNA PEREZ Associated Press\n\n"
        "WASHINGTON (AP) — The House narrowly passed a border security bill on Thursday.\n\n"
        '"This bill keeps Americans safe," said Rep. Jim Cole, R-Texas. "It is long past '
        'time we acted."\n\n'
        '"This is not the way to get it," said Rep. Amy Lowe, D-Minn.\n\n'
        "The White House said in a statement that the president would veto the bill.\n\n"
        "Migrants wait to cross the border near El Paso, Texas. (AP Photo/Andres Leighton)\n\n"
        '"If the president wants to veto border security, let him explain that," House '
        "Speaker Mike Johnson said.",
        {"This bill keeps": "Jim Cole", "It is long": "Jim Cole",
         "This is not": "Amy Lowe", "If the president": "Mike Johnson"},
    )


def test_less_common_speech_verbs_are_cues() -> None:
    _check(
        'Senator Tina Marsh reiterated her support. "We are going to get this done," she '
        "assured reporters.\n\n"
        '"Every wealthy country negotiates drug prices," Marsh pointed out.\n\n'
        'Her colleague, Senator Ron Hale, was sceptical. "I\'ve seen this movie before," he '
        "laughed.",
        {"We are going": "Tina Marsh", "Every wealthy country": "Tina Marsh",
         "I've seen this": "Ron Hale"},
    )


def test_a_plural_noun_tagged_as_a_name_never_speaks() -> None:
    body = ("Post Office spokesman Ben Tate said the company was \"delighted\".\n\n"
            'Campaigners had marched through the village last year chanting "Keep Our '
            'Counter Open" and carrying banners.')
    assert [q.speaker for q in extract_facts(body).quotes] == ["Ben Tate", None]


def test_quoted_as_saying_is_speech_of_the_one_quoted() -> None:
    body = ("Transport Minister Alan Ford resigned on Sunday.\n\n"
            'The statement quoted Ford as saying: "I apologise to my constituents."\n\n'
            'As the old saying "Pride Comes Before a Fall" goes, nobody was surprised.')
    first, second = extract_facts(body).quotes
    assert (first.speaker, first.is_fragment) == ("Alan Ford", False)
    assert second.is_fragment and second.speaker is None


def test_an_untagged_given_name_and_surname_after_said_speaks() -> None:
    _check(
        'Police said they were investigating reports of "intimidation" at polling stations.'
        '\n\n"People should be able to say what they think without fear," said Chief '
        "Constable Iain Livingstone.",
        {"People should be": "Iain Livingstone"},
    )


def test_a_title_named_as_one_is_a_fragment() -> None:
    body = ('The rival campaign has run television adverts under the title "What Happens '
            'Next?" featuring a worried mother.')
    (quote,) = extract_facts(body).quotes
    assert quote.is_fragment


def test_a_firm_the_tagger_took_for_a_person_is_no_speaker() -> None:
    body = ('"Approvals have fallen for six months," said Sarah Coles, an analyst at '
            'Hargreaves Lansdown.\n\n"We remain cautious," Hargreaves Lansdown said in a note.')
    first, second = extract_facts(body).quotes
    assert first.speaker == "Sarah Coles"
    assert second.speaker is None and second.speaker_role == "Hargreaves Lansdown"


def test_a_subject_the_tagger_missed_is_a_person_for_later_pronouns() -> None:
    _check(
        "Organiser Aroha Pene told the crowd that rents had doubled in a decade. \"We are not "
        'asking for charity," she said.\n\n'
        "Housing Minister Chris Bishop said the government was building more homes.\n\n"
        '"I understand the frustration," Bishop said.\n\n'
        'Pene dismissed that. She said the minister was "living in a fantasy land".',
        {"We are not": "Aroha Pene", "I understand the": "Chris Bishop",
         "living in a": "Aroha Pene"},
    )


def test_firms_speak_as_sources_not_people() -> None:
    body = ('"The outlook remains uncertain," said Johnson Matthey, which makes catalytic '
            'converters.\n\n"We are disappointed by the decision," Morgan Stanley said.\n\n'
            'Marks and Spencer said sales had risen. "Our food business is doing well," it '
            "said.")
    quotes = extract_facts(body).quotes
    assert [q.speaker for q in quotes] == [None, None, None]
    assert [q.speaker_role for q in quotes] == ["Johnson Matthey", "Morgan Stanley", None]


def test_the_striker_is_the_person_the_article_described_as_one() -> None:
    # the role noun before the name, in apposition after it, and an age in apposition
    _check(
        "Rovers have signed striker Tom Jones from Hexby United on a two-year deal.\n\n"
        '"I have wanted to play here since I was a boy," the striker said.\n\n'
        "The club also confirmed that goalkeeper Sam Hill, 34, had agreed a one-year "
        'extension. "It\'s a great time to be here," the 34-year-old said.',
        {"I have wanted": "Tom Jones", "It's a great": "Sam Hill"},
    )
    _check(
        "The inquiry heard on Tuesday from Karen Shaw, the hospital's medical director.\n\n"
        '"We did not have enough staff on the ward that night," the director told the '
        "panel.\n\n"
        "Tom Reid scored twice for Rovers. Dan Lee, the striker who replaced him, also "
        'found the net. "It was a great afternoon," the striker said.',
        {"We did not": "Karen Shaw", "It was a": "Dan Lee"},
    )


def test_a_description_nobody_was_given_stays_a_role() -> None:
    # no one was described as a nurse or as 34; a plural role is never one person
    _check(
        "Health Minister Ian Boyd said lessons would be learned.\n\n"
        'A nurse who worked that shift also gave evidence. "We were exhausted," the nurse '
        "said.\n\n"
        "Goalkeeper Sam Hill, who signed last week, was in the crowd. \"It's a great time "
        'to be here," the 34-year-old said.\n\n'
        "Police officers Tom Reid and Ann Webb were first at the scene. \"We did what "
        'anyone would do," the officers said.',
        {"We were exhausted": None, "It's a great": None, "We did what": None},
    )


def test_a_spokesman_speaks_for_the_organisation_never_as_a_bare_role() -> None:
    # speaker = the named organisation with the role "spokesman"; an unnamed one is a role
    # alone (no speaker), and so is "the spokesman" nobody was introduced as
    quotes = {q.text[:12]: q for q in extract_facts(
        'Trains were cancelled across the north. "We are sorry for the disruption," a '
        "spokesman for Network Rail said.\n\n"
        '"Passengers should check before they travel," a spokeswoman for the ministry '
        "said.\n\n"
        '"Refunds will be paid in full," the spokesman said.'
    ).quotes}
    assert (quotes["We are sorry"].speaker, quotes["We are sorry"].speaker_role) == (
        "Network Rail", "spokesman")
    assert quotes["Passengers s"].speaker is None
    assert quotes["Passengers s"].speaker_role == "spokeswoman for the ministry"
    assert (quotes["Refunds will"].speaker, quotes["Refunds will"].speaker_role) == (
        None, "spokesman")


def test_a_capitalised_role_before_a_given_name_is_no_part_of_the_name() -> None:
    _check(
        "Goalkeeper Sam Hill, 34, has joined Rovers on a one-year deal.\n\n"
        '"It\'s a great time to be here," the 34-year-old said.\n\n'
        '"We have the players to go up," said Bishop Auckland manager Dan Reed.',
        {"It's a great": "Sam Hill", "We have the": "Dan Reed"},
    )
