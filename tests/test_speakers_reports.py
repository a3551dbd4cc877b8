"""Speakers over composed news reports: the fullest name, cues in the neighbouring sentence
or paragraph, runs of quote paragraphs, and people the tagger mislabels.

Each article is composed for this test (invented people and events).  ``_check`` (from
test_speakers_news) names a quote by its first three words.
"""

from tests.test_speakers_news import _check


def test_a_person_the_tagger_took_for_a_place_speaks_by_surname() -> None:
    # the tagger labels "Helen Ward" a place and leaves "Ward" without a label
    _check(
        "The two candidates for governor clashed over taxes in their only televised debate.\n\n"
        "Republican Brian Castillo accused his opponent of planning to raise property taxes.\n\n"
        '"Every family in this state will pay more under her plan," Castillo said.\n\n'
        "Democrat Helen Ward shot back that Castillo's numbers were invented.\n\n"
        '"He knows that\'s not true," Ward said. "I have never proposed a tax increase."',
        {"Every family in": "Brian Castillo", "He knows that's": "Helen Ward",
         "I have never": "Helen Ward"},
    )


def test_a_spokeswoman_speaks_for_the_full_name_of_the_organisation() -> None:
    _check(
        "Northwind Airlines cancelled more than 200 flights on Friday after a computer "
        "failure grounded its fleet.\n\n"
        '"We sincerely apologise to every passenger affected," a Northwind spokeswoman said '
        "in an emailed statement.",
        {"We sincerely apologise": "Northwind Airlines"},
    )
