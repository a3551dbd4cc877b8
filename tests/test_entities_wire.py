"""Entities in wire copy: headlines in capitals, datelines, results lines; the gazetteer."""

from newsfeed.extract import gazetteer
from newsfeed.extract.facts import extract_facts
from newsfeed.extract.given_names import is_given_name
from newsfeed.extract.headlines import caps_lines, lines, results_teams
from newsfeed.extract.nlp import load_nlp

SOCCER = (
    "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\n"
    "AL-AIN , United Arab Emirates 1996-12-06\n"
    "Japan began the defence of their Asian title with a lucky 2-1 win against Syria on "
    "Friday .\n"
    "China lost 2-0 to Uzbekistan ."
)
RUGBY = (
    "RUGBY UNION - RESULTS .\n"
    "LONDON 1996-12-07\n"
    "Results of English rugby union matches on Saturday :\n"
    "Bath 26 Leicester 15\n"
    "Saracens 12 Wasps 9\n"
    "Bath 10 8 1 1 290 150 17\n"
    "England 3 Scotland 1"
)


def _entities(body: str) -> dict[str, tuple[str, list[str], float]]:
    return {e.name: (e.label, [m.text for m in e.mentions], e.confidence)
            for e in extract_facts(body).entities}


def test_capitals_lines_are_found() -> None:
    doc = load_nlp()(SOCCER)
    assert len(lines(doc)) == 4
    assert [doc[s:e].text for s, e in caps_lines(doc)] == [SOCCER.split("\n")[0]]


def test_headline_guesses_give_way_to_the_article() -> None:
    ents = _entities(SOCCER)
    assert ents["Japan"][:2] == ("GPE", ["JAPAN", "Japan"])  # known from the body
    assert ents["China"][:2] == ("GPE", ["CHINA", "China"])
    assert "DEFEAT" not in ents and "Defeat" not in ents  # the model's headline "place"


def test_dateline_places_are_places() -> None:
    ents = _entities(SOCCER)
    assert ents["Al-Ain"][:2] == ("GPE", ["AL-AIN"])  # the model says ORG
    assert ents["United Arab Emirates"][0] == "GPE"
    assert ents["Al-Ain"][2] >= 0.9
    wire = _entities("PARIS, Dec 6 (Reuters) - French farmers blocked roads on Friday.")
    assert wire["Paris"][:2] == ("GPE", ["PARIS"])


def test_a_country_only_in_the_headline_is_a_low_confidence_place() -> None:
    ents = _entities("TALKS WITH KENYA STALL\nThe two delegations left the capital on Friday.")
    label, mentions, confidence = ents["Kenya"]
    assert (label, mentions) == ("GPE", ["KENYA"])
    assert confidence < 0.5


def test_results_lines_name_teams() -> None:
    ents = _entities(RUGBY)
    assert ents["Bath"][:2] == ("ORG", ["Bath", "Bath"])
    for team in ("Leicester", "Saracens", "Wasps"):
        assert ents[team][0] == "ORG", team
    assert ents["England"][0] == "GPE" and ents["Scotland"][0] == "GPE"  # national sides
    assert ents["London"][0] == "GPE"


def test_results_need_the_shape_of_a_result() -> None:
    nlp = load_nlp()
    doc = nlp("Standings\nBath 26 Leicester 15\nIn 1996 Clinton won 49 states and Dole 1 .")
    assert [(s.text, s.label_) for s in results_teams(doc)] == [("Bath", "ORG"),
                                                                ("Leicester", "ORG")]


def test_gazetteer_kinds_and_weights() -> None:
    assert gazetteer.place("France").kind == "country"
    assert gazetteer.place("Wales").kind == "country"
    assert gazetteer.place("Paris").kind == "capital"
    assert gazetteer.place("Europe").label == "LOC"
    assert gazetteer.place("Hamburg").kind == "big city"
    assert gazetteer.place("Scientology") is None
    assert gazetteer.place("France").weight > gazetteer.place("Hamburg").weight
    assert gazetteer.place_in_capitals("CHINA").name == "China"
    assert gazetteer.place_in_capitals("NICE") is None  # a city, but a word in capitals
    assert is_given_name("Vaclav") and not is_given_name("Warhol")


def test_cities_in_a_match_report_are_clubs() -> None:
    ents = _entities("Marseille drew 1-1 with Lyon , while Japan beat Syria 2-0 and Paris "
                     "lost 1-0 .")
    assert ents["Lyon"][0] == "ORG" and ents["Paris"][0] == "ORG"
    assert ents["Japan"][0] == "GPE" and ents["Syria"][0] == "GPE"  # national sides
    assert _entities("The Louvre in Paris reopened on Monday .")["Paris"][0] == "GPE"


def test_scores_are_not_part_of_names() -> None:
    ents = _entities("Pete Sampras beat Boris Becker 6-4 6-3 in the final .")
    assert ents["Boris Becker"][:2] == ("PERSON", ["Boris Becker"])


def test_a_legal_form_or_kind_of_body_confirms_an_organisation() -> None:
    ents = _entities("Analysts at Brenner Bank said the rate cut was likely .")
    assert ents["Brenner Bank"][0] == "ORG" and ents["Brenner Bank"][2] >= 0.5


def test_an_institution_named_after_a_person_is_an_organisation() -> None:
    ents = _entities("She now works for the Lucy Brenner Gallery in Leeds .")
    assert ents["Lucy Brenner Gallery"][0] == "ORG"


def test_newspapers_are_organisations() -> None:
    ents = _entities("Moussa Diallo , editor of the Nairobi Gazette , said the Toronto Star "
                     "and the Leeds Morning Herald had carried the story .")
    assert ents["Nairobi Gazette"][0] == "ORG"
    assert ents["Toronto Star"][0] == "ORG"
    assert ents["Leeds Morning Herald"][0] == "ORG"


def test_untagged_words_ending_in_an_organisation_word_are_an_organisation() -> None:
    from spacy.tokens import Span

    from newsfeed.extract.names import resolve_names

    doc = load_nlp()("Rescuers said , according to the Kenyan Interior Ministry , that the "
                     "Nairobi Star and the Sea-Air-Space Museum had closed .")
    kenyan = next(t.i for t in doc if t.text == "Kenyan")
    doc.ents = [Span(doc, kenyan, kenyan + 1, label="NORP")]  # the model missed the rest
    names = {c.name: c.label for c in resolve_names(doc)}
    assert names.get("Kenyan Interior Ministry") == "ORG"
    assert names.get("Nairobi Star") == "ORG"
    assert "Space Museum" not in names  # the tail of a hyphenated name


def test_a_news_agency_is_named_without_its_common_nouns() -> None:
    ents = _entities("Grain prices fell , Interfax news agency said . The Liberal party "
                     "said it would not comment .")
    assert ents["Interfax"][:2] == ("ORG", ["Interfax"])
    assert "Interfax news agency" not in ents
    assert ents["Liberal party"][0] == "ORG"


def test_a_city_the_model_takes_for_a_product_with_its_score_is_a_club() -> None:
    ents = _entities("Newcastle striker Alan Shearer scored twice as Newcastle beat Leeds 3-0 "
                     "on Saturday .")
    assert ents["Leeds"][:2] == ("ORG", ["Leeds"])  # the model: PRODUCT "Leeds 3-0"


def test_clubs_named_with_a_town_or_unknown_to_the_gazetteer_are_organisations() -> None:
    ents = _entities("Ajax Amsterdam lost 2-1 to Feyenoord on Sunday , while Japan beat "
                     "Syria 2-0 .")
    assert ents["Ajax Amsterdam"][0] == "ORG"  # the model: PERSON
    assert ents["Feyenoord"][0] == "ORG"  # the model: GPE
    assert ents["Japan"][0] == "GPE" and ents["Syria"][0] == "GPE"


def test_a_company_word_after_a_name_the_model_found_makes_an_organisation() -> None:
    ents = _entities("Shares in Kinross Minerals rose 4 percent on Tuesday .")
    assert ents["Kinross Minerals"][0] == "ORG"  # the model: GPE "Kinross"
    assert "Kinross" not in ents


def test_a_country_in_brackets_after_a_player_is_the_place_not_an_acronym() -> None:
    ents = _entities("Tennis results on Friday :\nPete Sampras ( U.S. ) beat Goran Ivanisevic "
                     "( Croatia ) 6-3 6-4 .\nThe World Health Organization ( WHO ) said .")
    assert ents["Goran Ivanisevic"][:2] == ("PERSON", ["Goran Ivanisevic"])
    assert ents["Croatia"][:2] == ("GPE", ["Croatia"])
    assert ents["World Health Organization"][1] == ["World Health Organization", "WHO"]


def test_a_town_before_a_team_role_is_the_club() -> None:
    ents = _entities("Valencia striker Claudio Lopez scored twice . Barcelona coach Bobby "
                     "Robson said his side had played well , and England coach Glenn Hoddle "
                     "watched from the stand . Prices in Valencia rose .")
    assert ents["Valencia"][0] == "ORG" and ents["Barcelona"][0] == "ORG"
    assert ents["Claudio Lopez"][0] == "PERSON" and ents["Bobby Robson"][0] == "PERSON"
    assert ents["England"][0] == "GPE"  # a national side stays the country
    assert _entities("The Barcelona coach station was closed .")["Barcelona"][0] == "GPE"


def test_a_club_word_ends_an_organisation_and_a_team_held_by_another_is_a_club() -> None:
    ents = _entities("Leeds United manager Howard Wilkinson was pleased after Blackburn Rovers "
                     "were held 1-1 by Marseille on Saturday .")
    assert ents["Leeds United"][0] == "ORG"  # the model: PERSON
    assert ents["Blackburn Rovers"][0] == "ORG"
    assert ents["Marseille"][0] == "ORG"


def test_a_caption_word_is_not_part_of_the_name_before_it() -> None:
    ents = _entities("The first trains ran last week in Kuala Lumpur Image: Prasarana Malaysia .")
    assert ents["Kuala Lumpur"][:2] == ("GPE", ["Kuala Lumpur"])  # the model: "... Image"
    assert not any("Image" in name for name in ents)


def test_a_name_inside_a_pro_or_anti_adjective_is_no_mention() -> None:
    ents = _entities("The pro-Beijing camp won 40 seats in Hong Kong , and anti-Clinton "
                     "protesters gathered in Seoul . Beijing said nothing .\nThe "
                     "Anti-Defamation League said anti-American slogans were painted in Cairo .")
    assert ents["Beijing"][1] == ["Beijing"]  # not the one of "pro-Beijing"
    assert "Clinton" not in ents and "Anti-American" not in ents
    assert ents["Anti-Defamation League"][0] == "ORG"  # an organisation named so stays whole


def test_an_organisation_goes_on_with_what_it_is_for() -> None:
    ents = _entities("The Lena Brook Foundation for the Visual Arts made two donations , and "
                     "Joint Council for the Welfare of Migrants campaigner Rosa Boyd agreed . "
                     "The Security Council on Tuesday voted . The Finance Committee for "
                     "Mark Hill met .")
    assert ents["Lena Brook Foundation for the Visual Arts"][0] == "ORG"
    assert "Visual Arts" not in ents
    assert ents["Joint Council for the Welfare of Migrants"][0] == "ORG"
    assert ents["Security Council"][0] == "ORG"  # not "... on Tuesday"
    assert ents["Mark Hill"][0] == "PERSON" and "Finance Committee" in ents


def test_a_job_title_after_an_organisation_is_no_part_of_it() -> None:
    from spacy.tokens import Span

    from newsfeed.extract.names import resolve_names

    doc = load_nlp()("Mark Toner , the Foreign Office Spokesman , said the Office of the "
                     "Prime Minister would reply .")
    assert [t.text for t in doc[4:7]] == ["Foreign", "Office", "Spokesman"]
    assert [t.text for t in doc[10:15]] == ["Office", "of", "the", "Prime", "Minister"]
    doc.ents = [Span(doc, 4, 7, label="ORG"), Span(doc, 10, 15, label="ORG")]  # the model's
    names = {c.name: c.label for c in resolve_names(doc)}
    assert names.get("Foreign Office") == "ORG" and "Foreign Office Spokesman" not in names
    assert names.get("Office of the Prime Minister") == "ORG"
