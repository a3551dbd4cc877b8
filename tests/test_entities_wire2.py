"""Entities in agency copy: business, politics and sports reports, results and tables.

The texts are invented (names, companies, clubs and events); each test failed before the
rule it checks.
"""

from newsfeed.extract.facts import extract_facts
from newsfeed.extract.headlines import results_teams, table_players
from newsfeed.extract.nlp import load_nlp

BANK = (
    "BANKING - KORVALD BANK POSTS HIGHER PROFIT .\n"
    "OSLO 1996-12-06\n"
    "Korvald Bank said on Friday its third-quarter net profit rose 12 percent , helped by "
    "strong lending in Norway .\n"
    "Shares of Korvald rose 3.5 crowns to 212 on the Oslo Stock Exchange .\n"
    "Analysts said the bank 's unit Korvald Finans had also done well .\n"
    "Halvorsen said Korvald would not bid for rival Tessby Sparebank .\n"
)
ENGINEERING = (
    "GERMANY - DRESSLER AG TO CUT 2,000 JOBS .\n"
    "FRANKFURT 1996-12-06\n"
    "German engineering group Dressler AG said on Friday it would cut 2,000 jobs at its "
    "Maschinenbau unit over the next two years .\n"
    "Dressler chairman Wolfgang Tiedemann told the Handelsblatt newspaper the cuts were "
    "unavoidable .\n"
)
CEMENT = (
    "MEXICO - BRANDELLO CORP BUYS STAKE IN CEMENT MAKER .\n"
    "MEXICO CITY 1996-12-06\n"
    "Brandello Corp said on Friday it had bought a 20 percent stake in cement maker "
    "Cementos Ruvalca for $ 45 million .\n"
    "The talks with Quintera Industrias had failed , the company said .\n"
)
PARTY = (
    "POLAND - OPPOSITION PARTY DEMANDS MINISTER QUIT .\n"
    "WARSAW 1996-12-06\n"
    "Poland 's opposition Civic Renewal party on Friday demanded that Finance Minister "
    "Tadeusz Wrobelski resign .\n"
    "Party leader Marek Zielonka told a news conference the ministry had hidden losses .\n"
    "Wrobelski told the daily Gazeta Poranna he had done nothing wrong .\n"
)
TENNIS = (
    "TENNIS - KAROLINA MEST BEATS SANDER IN STUTTGART .\n"
    "STUTTGART , Germany 1996-12-06\n"
    "Karolina Mest of Sweden beat German Heike Sander 6-3 7-5 on Friday to reach the "
    "semifinals .\n"
    "Sander said afterwards she had been troubled by a knee injury .\n"
)
LIGA = (
    "SOCCER - LEADERS STUMBLE IN SPAIN .\n"
    "MADRID 1996-12-07\n"
    "Leaders Valencia were held to a goalless draw at home on Saturday .\n"
    "Barcelona 's Portuguese winger Luis Figueras scored twice as they beat Zaragoza .\n"
    "Bilbao , who sacked their coach last week , lost at home to Oviedo .\n"
    "Valencia have now gone three games without a win .\n"
)
CRICKET = (
    "CRICKET - WEST INDIES BEAT AUSTRALIA BY FOUR WICKETS .\n"
    "MELBOURNE 1996-12-06\n"
    "West Indies beat Australia by four wickets in the one-day match in Melbourne on "
    "Friday .\n"
    "Scores : Australia 221 ( R. Harwood 64 ) , West Indies 222-6 ( C. Baptiste 72 not "
    "out ) .\n"
)
NBA = (
    "BASKETBALL - STANDINGS AFTER THURSDAY 'S GAMES .\n"
    "NEW YORK 1996-12-06\n"
    "Standings of basketball teams after games played on Thursday :\n"
    "W L PCT GB\n"
    "MIAMI 14 4 .778 -\n"
    "NEW YORK 10 6 .625 3\n"
    "Portland 4 12 .250 9\n"
    "FRIDAY 'S SCHEDULE\n"
    "TORONTO AT PHILADELPHIA\n"
)
SCORERS = (
    "SOCCER - GERMAN FIRST DIVISION RESULTS .\n"
    "BONN 1996-12-06\n"
    "Results of German first division matches on Friday :\n"
    "Borussia Kettwig 2 Eintracht Hallstadt 1\n"
    "Scorers : Borussia Kettwig - Dieter Vogl ( 12th ) , Markus Ehrl ( 71st ) ; Eintracht "
    "Hallstadt - Jens Poll ( 60th )\n"
)


def _entities(body: str) -> dict[str, tuple[str, list[str]]]:
    return {e.name: (e.label, [m.text for m in e.mentions]) for e in extract_facts(body).entities}


def _labels(body: str) -> dict[str, set[str]]:
    """Mention text → the labels it has in the article."""
    out: dict[str, set[str]] = {}
    for e in extract_facts(body).entities:
        for m in e.mentions:
            out.setdefault(m.text, set()).add(e.label)
    return out


def test_a_body_noun_before_or_after_a_name_makes_an_organisation() -> None:
    ents = _labels(BANK)
    assert ents["Korvald Finans"] == {"ORG"}  # "the bank 's unit Korvald Finans"
    assert ents["Tessby Sparebank"] == {"ORG"}  # a "-bank" name
    ents = _labels(ENGINEERING)
    assert ents["Maschinenbau"] == {"ORG"}  # "its Maschinenbau unit"
    assert ents["Handelsblatt"] == {"ORG"}  # "the Handelsblatt newspaper"
    assert ents["Wolfgang Tiedemann"] == {"PERSON"}


def test_company_words_of_other_languages_and_trades() -> None:
    ents = _labels(CEMENT)
    assert ents["Cementos Ruvalca"] == {"ORG"}  # "cement maker Cementos Ruvalca"
    assert ents["Quintera Industrias"] == {"ORG"}
    dongbu = _entities(
        "South Korea 's steelmaker Dongbu Metals said on Friday it was in "
        "talks .\nA Dongbu spokesman said no decision had been made .\n"
        "Dongbu is a unit of the Sunwoo group ."
    )
    assert dongbu["Dongbu Metals"] == ("ORG", ["Dongbu Metals", "Dongbu", "Dongbu"])


def test_a_legal_form_alone_takes_the_name_before_it() -> None:
    ents = _entities(
        "Brazilian telephone company Telenorte SA said on Friday its profit "
        "fell .\nTelenorte , controlled by the state , said costs had risen ."
    )
    assert ents["Telenorte SA"][0] == "ORG"
    assert "Telenorte" in ents["Telenorte SA"][1]


def test_party_newspaper_and_body_noun_at_a_sentence_start() -> None:
    ents = _labels(PARTY)
    assert "Party" not in ents  # "Party leader Marek Zielonka"
    assert ents["Gazeta Poranna"] == {"ORG"}  # "the daily Gazeta Poranna"
    assert ents["Marek Zielonka"] == {"PERSON"}


def test_persons_the_text_gives_a_country() -> None:
    ents = _entities(TENNIS)
    assert ents["Karolina Mest"] == ("PERSON", ["KAROLINA MEST", "Karolina Mest"])
    assert ents["Heike Sander"] == ("PERSON", ["SANDER", "Heike Sander", "Sander"])


def test_clubs_of_a_team_sport_report_without_a_score() -> None:
    ents = _labels(LIGA)
    for club in ("Valencia", "Barcelona", "Zaragoza", "Oviedo"):
        assert ents[club] == {"ORG"}, club
    assert ents["Luis Figueras"] == {"PERSON"}
    assert ents["MADRID"] == {"GPE"}  # the dateline


def test_a_national_side_without_a_score_stays_a_place() -> None:
    ents = _labels(CRICKET)
    assert ents["West Indies"] == {"GPE"}  # not a club, nor a "person" of the scorecard
    assert ents["Australia"] == {"GPE"}
    assert ents["R. Harwood"] == {"PERSON"}  # not "R. Harwood 64"


def test_percentage_standings_and_fixtures_name_teams() -> None:
    doc = load_nlp()(NBA)
    teams = {s.text: s.label_ for s in results_teams(doc)}
    assert teams == {
        "MIAMI": "ORG",
        "NEW YORK": "ORG",
        "Portland": "ORG",
        "TORONTO": "ORG",
        "PHILADELPHIA": "ORG",
    }
    ents = _labels(NBA)
    assert ents["NEW YORK"] == {"GPE", "ORG"}  # the dateline's city, the standings' team


def test_a_fixture_needs_two_places() -> None:
    doc = load_nlp()("TEAMS MEET TODAY\nMr Smith at Home\nFriends at Work")
    assert results_teams(doc) == []


def test_scorers_lines_split_team_and_player() -> None:
    ents = _labels(SCORERS)
    assert ents["Borussia Kettwig"] == {"ORG"}
    assert ents["Eintracht Hallstadt"] == {"ORG"}
    for player in ("Dieter Vogl", "Markus Ehrl", "Jens Poll"):
        assert ents[player] == {"PERSON"}, player


def test_an_acronym_spelling_a_longer_name() -> None:
    ents = _entities(
        "ISRAEL - NETZER SAYS TALKS WITH PLO STALLED .\nJERUSALEM 1996-12-06\n"
        "Avram Netzer said on Friday talks with the Palestine Liberation "
        "Organisation had stalled ."
    )
    assert ents["Palestine Liberation Organisation"] == (
        "ORG",
        ["PLO", "Palestine Liberation Organisation"],
    )


def test_company_possessions_and_shares() -> None:
    ents = _labels(
        "Korvald 's chairman Ingrid Halvorsen told reporters the purchase would "
        "help .\nTessby shares closed 1.2 percent higher on Friday ."
    )
    assert ents["Korvald"] == {"ORG"}  # a person has no chairman
    assert ents["Tessby"] == {"ORG"}
    assert ents["Ingrid Halvorsen"] == {"PERSON"}


def test_a_table_keeps_a_running_text_place() -> None:
    doc = load_nlp()(CRICKET)
    assert ("West Indies", "GPE") in {(s.text, s.label_) for s in table_players(doc)}


def test_an_initial_and_a_surname_join_the_full_name() -> None:
    ents = _entities(CRICKET + "Man of the match Colin Baptiste hit 72 .\n")
    assert ents["Colin Baptiste"] == ("PERSON", ["C. Baptiste", "Colin Baptiste"])


def test_stock_indices_are_organisations() -> None:
    ents = _labels(
        "TOKYO 1996-12-06\nThe Nikkei average fell 212.45 points to 19,104.30 .\n"
        "In Frankfurt the DAX index fell 0.3 percent , and the Hang Seng index fell in Hong "
        "Kong ."
    )
    for index in ("Nikkei", "DAX", "Hang Seng"):
        assert ents[index] == {"ORG"}, index
    assert ents["Frankfurt"] == {"GPE"}


SCOREBOARD = (
    "CRICKET - ONE-DAY SCOREBOARD .\n"
    "LAHORE 1996-12-06\n"
    "Scoreboard of the one-day match between Pakistan and New Zealand on Friday :\n"
    "B. Hartley c Mansoor b Tariq 45\n"
    "N. Keogh not out 64\n"
    "Extras ( lb-4 w-3 ) 7\n"
    "Bowling : Tariq Javed 10-1-42-2 , Rafiq Ahmed 10-0-51-1\n"
)


def test_batsmen_are_persons_and_table_labels_no_names() -> None:
    ents = _labels(SCOREBOARD)
    assert ents["B. Hartley"] == {"PERSON"}  # the model says ORG
    assert ents["N. Keogh"] == {"PERSON"}
    assert "Extras" not in ents
    attendance = _labels(SCORERS.replace("Scorers", "Halftime 1-0 . Attendance 22,000 .\nScorers"))
    assert "Attendance" not in attendance


SERIE = (
    "SOCCER - ITALIAN LEAGUE ROUNDUP .\n"
    "ROME 1996-12-08\n"
    "Fiorentina stayed top of the league after a 2-1 win over Sampdoria on Sunday .\n"
    "Gianni Rossetti gave Fiorentina the lead after 12 minutes .\n"
    "Inter Milan beat Vicenza 3-0 , with Uruguayan Diego Ferreira scoring twice .\n"
)


def test_a_club_the_model_takes_for_a_person_and_a_place() -> None:
    ents = _labels(SERIE)
    assert ents["Fiorentina"] == {"ORG"}
    assert ents["Gianni Rossetti"] == {"PERSON"}


def test_a_nationality_is_no_part_of_a_person_name() -> None:
    ents = _labels(SERIE)
    assert ents["Diego Ferreira"] == {"PERSON"}
    assert "Uruguayan Diego Ferreira" not in ents


def test_a_company_without_its_legal_form_and_trade() -> None:
    ents = _entities(
        "BRITAIN - ASHCOMBE TO SELL PACKAGING UNIT .\nLONDON 1996-12-06\n"
        "British conglomerate Ashcombe Holdings Plc said on Friday it would sell a unit .\n"
        "Ashcombe said in a statement the sale would allow it to focus on chemicals .\n"
        "Newspaper The Morning Ledger reported that Ashcombe had approached a rival .\n"
    )
    label, mentions = ents["Ashcombe Holdings Plc"]
    assert label == "ORG" and mentions.count("Ashcombe") == 2
    assert ents["Morning Ledger"][0] == "ORG"


def test_team_nicknames_and_player_positions_in_a_team_sport() -> None:
    ents = _labels(
        "BASKETBALL - NBA RESULTS .\nNEW YORK 1996-12-09\n"
        "Houston center Akeem Owusu scored 31 points as the Rockets beat Denver 112-98 .\n"
    )
    assert ents["Houston"] == {"ORG"}
    assert ents["Rockets"] == {"ORG"}
    assert ents["Akeem Owusu"] == {"PERSON"}


def test_a_newspaper_opening_a_sentence() -> None:
    ents = _labels(
        "The Financieele Courant newspaper reported that Vanderhoek was considering a bid ."
    )
    assert ents["Financieele Courant"] == {"ORG"}


def test_a_drivers_team_in_a_results_table() -> None:
    ents = _labels(
        "MOTOR RACING - LEADING QUALIFIERS .\nBUENOS AIRES 1996-12-06\n"
        "Leading times in qualifying on Friday :\n"
        "1. Jean-Marc Devaux ( France ) Ferrali 1:26.230\n"
        "2. Tomas Berglund ( Sweden ) Vantec 1:26.412\n"
    )
    assert ents["Ferrali"] == {"ORG"} and ents["Vantec"] == {"ORG"}
    assert ents["Tomas Berglund"] == {"PERSON"}


def test_a_scorers_club_in_brackets() -> None:
    ents = _labels(
        "SOCCER - LEADING GOALSCORERS .\nLONDON 1996-12-08\n"
        "Leading goalscorers in the first division after Saturday 's matches :\n"
        "12 - Ian Wrigley ( Castleford ) , Les Dunmore ( Newcastle )\n"
        "10 - Aston Fairley ( Kelmouth Athletic ) , Sean Doherty ( Northern Ireland )\n"
    )
    for club in ("Castleford", "Newcastle", "Kelmouth Athletic"):
        assert ents[club] == {"ORG"}, club
    assert "ORG" not in ents["Northern Ireland"]  # a national side
    assert ents["Ian Wrigley"] == {"PERSON"}
    athletics = _labels(
        "ATHLETICS - RESULTS .\nBRUSSELS 1996-12-06\n1. Grace Wanjiru ( Kenya ) 8:52.11\n"
        "2. Amra Hodzic ( Bosnia ) 8:54.30\n"
    )
    assert "ORG" not in athletics.get("Bosnia", set())  # a runner's country


def test_a_hyphenated_position_before_a_player() -> None:
    ents = _labels(
        "RUGBY UNION - CARDOW EDGE PAST MELLICK .\nLONDON 1996-12-07\n"
        "Cardow edged past Mellick 18-15 on Saturday , with fly-half Owen Pritchard kicking "
        "five penalties .\n"
    )
    assert ents["Owen Pritchard"] == {"PERSON"}  # the model says ORG


def test_a_one_word_person_next_to_a_result_is_a_club() -> None:
    ents = _labels(
        "SOCCER - ITALIAN LEAGUE RESULTS .\nROME 1996-12-08\n"
        "Sampaloro beat Venturia 2-1 on Sunday , while Castelrosso lost 3-0 to Bardano .\n"
        "Gianni Vessi scored twice for Sampaloro .\n"
    )
    assert ents["Castelrosso"] == {"ORG"}  # the model says PERSON
    assert ents["Gianni Vessi"] == {"PERSON"}


def test_a_name_before_a_goals_minute_is_the_scorer() -> None:
    ents = _labels(
        "SOCCER - ITALIAN LEAGUE RESULTS .\nROME 1996-12-08\n"
        "Results of Italian first division matches on Sunday :\nSampaloro 2 Venturia 1\n"
        "Scorers : Sampaloro - Vessi ( 12th ) , Dalmonte ( 67th ) ; Venturia - Carrizo ( 55th )\n"
    )
    assert ents["Vessi"] == {"PERSON"} and ents["Carrizo"] == {"PERSON"}
    assert ents["Sampaloro"] == {"ORG"} and ents["Venturia"] == {"ORG"}


def test_county_innings_and_grounds() -> None:
    ents = _labels(
        "CRICKET - COUNTY CHAMPIONSHIP SCORES .\nLONDON 1996-08-30\n"
        "Close of play scores in county championship matches on Friday :\n"
        "At Chelmsford : Essex 340 ( N. Hussain 100 , R. Irwin 64 ) . Kent 281 ( T. Warde 77 )\n"
        "At Leeds : Yorkshire 205-6 ( C. Whyte 66 ) v Sussex\n"
    )
    for team in ("Essex", "Kent", "Yorkshire", "Sussex"):
        assert ents[team] == {"ORG"}, team
    assert ents["Chelmsford"] == {"GPE"} and ents["Leeds"] == {"GPE"}
