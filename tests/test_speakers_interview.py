"""Speakers in question-and-answer articles and of headline pull quotes.

Each article is composed for this test.  A quote is named by its first three words; every
quote listed must get the speaker given (None: no speaker rather than a wrong one), and no
quote may get a speaker outside the article's list of people who speak.
"""

from newsfeed.extract.facts import extract_facts
from tests.test_speakers_news import _check


def _quotes(body: str) -> dict[str, tuple[str | None, bool]]:
    return {" ".join(q.text.split()[:3]): (q.speaker, q.is_fragment)
            for q in extract_facts(body).quotes}


def test_quoted_answers_belong_to_the_interviewee_of_the_headline() -> None:
    _check(
        '"We were never going to sell the farm": Ruth Calder on drought, debt and her '
        "family's land\n\n"
        "Ruth Calder, 58, has farmed sheep in the Borders for 30 years. As a second dry "
        "summer hits the region, she spoke to our rural affairs reporter, Peter Mullan.\n\n"
        "How bad has this summer been?\n\n"
        '"The worst I have seen. The burn behind the house dried up in July, and we were '
        'carrying water to the top fields by hand."\n\n'
        "Did you think about giving up?\n\n"
        '"Never. My grandfather bought this land in 1931. You do not walk away from that '
        'because of two bad years."\n\n'
        "Local MP James Reid said he had raised the issue in Parliament. \"Farmers like Ruth "
        'deserve certainty," he said.',
        {"We were never": "Ruth Calder", "The worst I": "Ruth Calder",
         "Never. My grandfather": "Ruth Calder", "Farmers like Ruth": "James Reid"},
    )


def test_q_and_a_answers_belong_to_the_one_person_the_intro_introduces() -> None:
    # "She talked to Alan Pascoe": the one she talked to is the interviewer
    _check(
        "Q&A: A lifeboat coxswain on forty years at sea\n\n"
        "Mary Tremayne joined the Porthleven lifeboat crew in 1984 and retires this month as "
        "its first female coxswain. She talked to Alan Pascoe.\n\n"
        "Q: What was your first rescue?\n\n"
        '"A fishing boat on the rocks off Loe Bar, in a gale. I was so frightened I could '
        'not speak afterwards."\n\n'
        "Q: Has the job changed?\n\n"
        '"The boats are faster and the radios work. The sea has not changed at all."\n\n'
        "Q: What will you miss?\n\n"
        '"The crew. They are my family."',
        {"A fishing boat": "Mary Tremayne", "The boats are": "Mary Tremayne",
         "The crew. They": "Mary Tremayne"},
    )


def test_answers_stay_unattributed_when_the_interviewee_is_not_clear() -> None:
    # two people introduced: nobody can say whose answers these are
    _check(
        "Reporter Alan Pascoe spoke to Mary Tremayne and her deputy, John Hosking, as the "
        "station marked its centenary.\n\n"
        "What was the first rescue like?\n\n"
        '"A fishing boat on the rocks, in a gale."\n\n'
        "Has the job changed?\n\n"
        '"The boats are faster and the radios work."',
        {"A fishing boat": None, "The boats are": None},
    )
    # one question and one answer is a rhetorical question, not an interview; an answer
    # with a cue of its own keeps it
    _check(
        "Flood defences along the River Ouse will be raised by a metre under plans approved "
        "on Tuesday.\n\n"
        '"We cannot keep asking families to mop up every winter," Mayor Karen Doyle said.\n\n'
        "Why does it matter?\n\n"
        '"Because the river is rising," said engineer Tom Birch, who led the survey.\n\n'
        "What comes next?\n\n"
        '"We start digging in April."',
        {"We cannot keep": "Karen Doyle", "Because the river": "Tom Birch",
         "We start digging": None},
    )


def test_a_transcript_without_quote_marks_gives_no_quotes() -> None:
    quotes = _quotes(
        "Interviewer: Where did the book begin?\n\n"
        "Elena Marsh: It began with my father's boat. After he died I kept going down to "
        "the harbour and sitting in it.\n\n"
        "Interviewer: Was the darker tone deliberate?\n\n"
        "Elena Marsh: Not really. I think grief made me gentler."
    )
    assert quotes == {}


def test_a_pull_quote_signed_with_a_role_and_name() -> None:
    _check(
        '"The river is our responsibility now" — Mayor Karen Doyle\n\n'
        "Flood defences along the River Ouse will be raised by a metre under plans approved "
        "on Tuesday.\n\n"
        '"We cannot keep asking families to mop up every winter," Doyle said at the council '
        "meeting.",
        {"The river is": "Karen Doyle", "We cannot keep": "Karen Doyle"},
    )


def test_a_headline_quote_with_a_colon_names_its_speaker_only_when_a_person_follows() -> None:
    quotes = _quotes(
        '"The trains simply did not come": Commuters describe a week of chaos\n\n'
        "Thousands of passengers were stranded on Monday when signalling failed at Leeds. "
        "Network Rail said engineers had worked through the night."
    )
    assert quotes["The trains simply"][0] is None
    # a name followed by dates is an obituary headline, not a speaker
    quotes = _quotes(
        '"She never stopped teaching": Ann Lee, 1931-2024\n\n'
        "Ann Lee, who taught at Hexby Primary for 40 years, has died at the age of 93."
    )
    assert quotes["She never stopped"][0] is None


def test_questions_and_quotes_in_an_explainer_are_no_interview() -> None:
    # nothing says the minister was interviewed: the quoted rules are not her answers
    _check(
        "Housing Minister Ann Price announced new rules for landlords on Monday.\n\n"
        "What does the law say?\n\n"
        '"Every rented home must have a working smoke alarm on each floor."\n\n'
        "When does it start?\n\n"
        '"The duty applies to tenancies that begin after 1 April."',
        {"Every rented home": None, "The duty applies": None},
    )


def test_q_and_a_prefixes_and_a_paper_spoken_to() -> None:
    # "the Gazette" takes an article: a paper, not a second person
    _check(
        "Council leader Sarah Booth spoke to the Gazette about the budget.\n\n"
        "Q: Will council tax rise?\n\n"
        'A: "Yes, by 4.9 per cent. We have no choice."\n\n'
        "Q: What about libraries?\n\n"
        'A: "Every library stays open. That was my promise."',
        {"Yes, by 4.9": "Sarah Booth", "Every library stays": "Sarah Booth"},
    )
