"""Entities in agency sports copy: standings rows, results lines, competitors.

The texts are invented; each test failed before the rule it checks.
"""

from newsfeed.extract.body import article_from_text
from tests.test_entities_wire2 import _labels

STANDINGS = (
    "HOCKEY - LEAGUE STANDINGS .\n"
    "DENVER 1996-09-14\n"
    "Standings after Friday's games (won, lost, percentage, games behind):\n"
    "W L PCT GB\n"
    "DENVER 14 8 .636 -\n"
    "DALLAS 12 10 .545 2\n"
    "PORTLAND 11 11 .500 3\n"
    "Saturday's schedule\n"
    "DALLAS AT DENVER\n"
)
RESULTS = (
    "SOCCER - WEEKEND RESULTS .\n"
    "DENVER 1996-09-14\n"
    "Scores from Major League\n"
    "Soccer matches on Saturday (home side first):\n"
    "Western Conference\n"
    "DENVER 2 Portland 1\n"
    "SEATTLE 0 Dallas 3\n"
)


def test_each_row_of_a_standings_table_names_a_team() -> None:
    # the games-behind dash ended the first row like a wrapped line's dash, and the rows
    # ran together into one paragraph where no row was recognised
    ents = _labels(article_from_text(STANDINGS).body)
    assert ents["DALLAS"] == {"ORG"}
    assert ents["PORTLAND"] == {"ORG"}
    assert "ORG" in ents["DENVER"]  # and the dateline's place stays a place
    assert "GPE" in ents["DENVER"]


def test_a_name_ending_a_line_does_not_take_the_line_break() -> None:
    ents = _labels(article_from_text(RESULTS).body)
    assert "Major League" in ents  # not 'Major League\n\n'
    assert not any(text != text.strip() for text in ents)

MATCHES = (
    "TENNIS - RESULTS AT THE HARBOUR OPEN .\n"
    "HALIFAX 1996-08-29\n"
    "Results on Thursday at the Harbour Open tennis championships:\n"
    "Women's singles, third round\n"
    "Marlene Tuck (France) beat Ines Vorgaard (Argentina) 4-6 6-2 6-1\n"
    "Men's singles, second round\n"
    "Tomas Brenko (Croatia) beat Scott Pellow (Australia) 6-7 6-3 6-4\n"
)
RACES = (
    "ATHLETICS - RESULTS IN OSLO .\n"
    "OSLO 1996-08-29\n"
    "Leading results at the Harbour Games athletics meeting on Thursday:\n"
    "Women's 5,000 metres\n"
    "1. Tegla Marut (Kenya) 15:01.21\n"
    "2. Annemari Kokko (Finland) 15:06.33\n"
    "Men's mile\n"
    "1. Noah Kiprop (Kenya) 3:51.02\n"
    "Women's 400 metres\n"
    "1. Ilke Damaske (Nigeria) 50.31 seconds\n"
)


def test_a_name_before_a_country_in_brackets_of_a_results_line_is_the_athlete() -> None:
    ents = _labels(article_from_text(RACES).body)
    assert ents["Tegla Marut"] == {"PERSON"}  # no given name the list knows; was ORG
    assert ents["Annemari Kokko"] == {"PERSON"}
    assert ents["Ilke Damaske"] == {"PERSON"}  # a line that ends in "seconds" is a table's
    ents = _labels(article_from_text(MATCHES).body)
    assert ents["Ines Vorgaard"] == {"PERSON"}  # the loser of "X ( France ) beat Y ( ... )"


def test_men_and_women_of_an_event_heading_are_no_names() -> None:
    for text in (RACES, MATCHES):
        ents = _labels(article_from_text(text).body)
        assert "Men" not in ents and "Women" not in ents

UPSET = (
    "TENNIS - FINALIST OUT IN FIRST ROUND .\n"
    "NEW YORK 1996-08-29\n"
    "Wimbledon finalist DeMarco Houston was beaten in the first round of the Harbour Open "
    "on Thursday.\n"
    "The 11th-seeded Houston lost to wildcard Pete Olander 6-3 6-4 5-7 3-6 6-3.\n"
    "Houston, who had won both their earlier meetings, served for the match in the fourth "
    "set.\n"
    "\"I got a little tight at the end,\" said Houston.\n"
)


def test_a_finalist_is_a_person_and_his_surname_stays_his_even_where_it_is_a_city() -> None:
    ents = _labels(article_from_text(UPSET).body)
    assert ents["DeMarco Houston"] == {"PERSON"}  # "finalist X": no given name the list knows
    assert ents["Houston"] == {"PERSON"}  # not the city: the article's Houston is the player

DRAW = (
    "SOCCER - TOLEDO HELD AT HOME .\n"
    "TOLEDO, Spain 1996-08-31\n"
    "A late goal by defender Ruben Olmo earned Deportivo Alcantara a 1-1 draw at fellow title "
    "contenders Toledo on Saturday.\n"
    "Deportivo started strongly, and Toledo were reduced to ten men after the break.\n"
    "But Deportivo were unable to capitalise on their numerical advantage.\n"
)


def test_a_club_is_named_by_its_first_word_in_a_team_sports_report() -> None:
    ents = _labels(article_from_text(DRAW).body)
    assert ents["Deportivo"] == {"ORG"}  # the model took "Deportivo" for a person
