"""Place entities resolved to gazetteer entries (extract/geocode.py), stored in ``locations``
and counted by country (``events_by_country``, ``mentions_by_country``).

The texts are written here; the gazetteer is the real offline GeoNames data package.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

import newsfeed
from newsfeed.extract.facts import extract_facts
from newsfeed.extract.geocode import geocode
from newsfeed.extract.process import ProcessedArticle
from newsfeed.extract.types import Article, Entity, Facts, Location, Mention, Quantity
from newsfeed.storage import store


def places(text: str, *names: str, label: str = "GPE") -> list[Entity]:
    """Entities for ``names`` at their first occurrence in ``text`` (every occurrence a
    mention)."""
    out = []
    for name in names:
        starts = [i for i in range(len(text)) if text.startswith(name, i)]
        assert starts, name
        mentions = [Mention(name, 0, s, s + len(name)) for s in starts]
        out.append(Entity(name, label, 0, starts[0], starts[0] + len(name), text, mentions))
    return out


def resolve(text: str, *names: str) -> dict[str, Location]:
    entities = places(text, *names)
    return {entities[loc.entity_index].name: loc for loc in geocode(entities, text)}


# --------------------------------------------------------------- ambiguity from context


def test_paris_is_in_france_next_to_lyon_and_in_texas_next_to_texas():
    french = resolve("Strikes spread from Paris to Lyon across France.", "Paris", "Lyon",
                     "France")["Paris"]
    texan = resolve("A tornado hit Paris on Sunday, officials in Texas said.", "Paris",
                    "Texas")["Paris"]
    assert (french.country_code, french.geonames_id) == ("FR", 2988507)
    assert (texan.country_code, texan.admin1_code, texan.admin1_name) == ("US", "TX", "Texas")
    assert texan.geonames_id == 4717560 and texan.feature_class == "city"
    assert french.latitude == pytest.approx(48.85, abs=0.05)


def test_paris_alone_is_the_capital_by_its_population():
    paris = resolve("Talks resume in Paris.", "Paris")["Paris"]
    assert paris.country_code == "FR" and paris.reason == "most populous by a wide margin"


def test_georgia_is_the_country_with_tbilisi_and_the_state_with_atlanta():
    country = resolve("Protests in Tbilisi shook Georgia.", "Tbilisi", "Georgia")["Georgia"]
    state = resolve("Voters in Atlanta, the capital of Georgia, queued.", "Atlanta",
                    "Georgia")["Georgia"]
    assert (country.feature_class, country.country_code, country.geonames_id) == (
        "country", "GE", 614540)
    assert (state.feature_class, state.country_code, state.admin1_code) == ("region", "US", "GA")


def test_georgia_without_other_places_stays_unresolved():
    assert resolve("Georgia has voted.", "Georgia") == {}


def test_tripoli_is_in_libya_or_in_lebanon_as_the_article_says():
    libyan = resolve("Clashes in Tripoli, Libya's capital.", "Tripoli", "Libya")["Tripoli"]
    lebanese = resolve("Shelling in Tripoli, in northern Lebanon.", "Tripoli",
                       "Lebanon")["Tripoli"]
    assert (libyan.country_code, libyan.geonames_id) == ("LY", 2210247)
    assert (lebanese.country_code, lebanese.geonames_id) == ("LB", 266826)


def test_a_place_comma_its_region_decides_both():
    text = "She grew up in Preston, Victoria, before moving to London."
    found = resolve(text, "Preston", "Victoria", "London")
    assert (found["Preston"].country_code, found["Preston"].reason) == ("AU", "comma context")
    assert (found["Victoria"].feature_class, found["Victoria"].country_code) == ("region", "AU")
    washington = resolve("A museum in Seattle, Washington.", "Seattle", "Washington")
    assert washington["Washington"].admin1_code == "WA"
    assert washington["Washington"].feature_class == "region"


def test_new_york_is_the_city_and_after_a_town_of_the_state_the_state():
    assert resolve("Flights to New York were cancelled.", "New York")[
        "New York"].name == "New York City"
    state = resolve("The gallery in Saratoga Springs, New York, reopened.", "Saratoga Springs",
                    "New York")["New York"]
    assert (state.feature_class, state.admin1_code) == ("region", "NY")


def test_a_state_is_not_a_town_of_its_name_in_another_state():
    found = resolve("Museums in Ohio and Oregon took one each.", "Ohio", "Oregon")
    assert (found["Oregon"].feature_class, found["Oregon"].admin1_code) == ("region", "OR")


# --------------------------------------------------------------- left unresolved


@pytest.mark.parametrize("name", [
    "Qalat Mira",  # not in the gazetteer
    "Washington",  # the state or the capital: nothing in the text says
    "White House", "Court", "Styles", "West Coast", "South",  # words, buildings
    "Soviet Union",  # no longer a country
])
def test_names_without_an_entry_or_without_evidence_stay_unresolved(name):
    assert resolve(f"It happened in {name} yesterday.", name) == {}


def test_a_town_named_in_no_context_of_its_own_stays_unresolved():
    # Buxton (20,000 people, England): alone it could be a surname; with England it is the town
    assert resolve("A letter from Buxton arrived.", "Buxton") == {}
    found = resolve("The convention in Buxton, England.", "Buxton", "England")
    assert found["Buxton"].geonames_id == 2654141


def test_only_place_labels_are_geocoded():
    text = "Paris Hilton flew to France."
    entities = [*places(text, "Paris Hilton", label="PERSON"), *places(text, "France")]
    assert [(loc.entity_index, loc.country_code) for loc in geocode(entities, text)] == [
        (1, "FR")]


# --------------------------------------------------------------- countries and regions


@pytest.mark.parametrize(("name", "code"), [
    ("U.S.", "US"), ("US", "US"), ("U.S", "US"), ("America", "US"), ("United States", "US"),
    ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"), ("Russia", "RU"), ("Burma", "MM"),
    ("Ivory Coast", "CI"), ("the Netherlands", "NL"), ("South Korea", "KR"), ("Mexico", "MX"),
])
def test_country_names_and_news_aliases_resolve_to_their_iso_code(name, code):
    found = resolve(f"Officials in {name} said so.", name)[name]
    assert (found.feature_class, found.country_code) == ("country", code)
    assert found.geonames_id and found.latitude is not None and found.confidence >= 0.8


def test_regions_and_continents_resolve():
    found = resolve("Floods in Queensland, England and Texas; aid from Europe.",
                    "Queensland", "England", "Texas", "Europe")
    assert (found["Queensland"].feature_class, found["Queensland"].country_code) == (
        "region", "AU")
    assert (found["England"].country_code, found["England"].admin1_code) == ("GB", "ENG")
    assert found["Texas"].geonames_id == 4736286
    assert (found["Europe"].feature_class, found["Europe"].country_code) == ("continent", None)


def test_other_names_of_big_cities_resolve_and_every_mention_keeps_one_entry():
    found = resolve("Pilgrims reached Mecca in Saudi Arabia; Mecca was full.", "Mecca",
                    "Saudi Arabia")
    assert (found["Mecca"].name, found["Mecca"].country_code) == ("Makkah", "SA")


# --------------------------------------------------------------- wired through


def test_extract_facts_geocodes_the_place_entities_it_finds():
    body = ("Officials in France said 12 people were killed in Paris on Monday. "
            "Flights to Texas were cancelled.")
    facts = extract_facts(body)
    by_name = {facts.entities[loc.entity_index].name: loc for loc in facts.locations}
    assert (by_name["Paris"].country_code, by_name["Paris"].geonames_id) == ("FR", 2988507)
    assert by_name["France"].feature_class == "country"
    assert by_name["Texas"].admin1_code == "TX"
    assert all(facts.entities[loc.entity_index].label in ("GPE", "LOC")
               for loc in facts.locations)
    assert facts.as_dict()["locations"][0]["entity_index"] == facts.locations[0].entity_index


def _article(article_id: str, body: str, names: list[str], quantities: list[Quantity],
             published: datetime) -> ProcessedArticle:
    entities = places(body, *names)
    facts = Facts(entities=entities, quantities=quantities, locations=geocode(entities, body),
                  extractor="test", extractor_version="1")
    return ProcessedArticle(article_id=article_id, url=f"http://example.org/{article_id}",
                            final_url=None, http_status=200,
                            article=Article(body=body, title=article_id, published=published),
                            body_source="page", facts=facts)


def _killed(body: str, text: str, value: float, place: str) -> Quantity:
    start = body.index(text)
    return Quantity(text, value, 0, start, start + len(text), body, counted="people",
                    category="killed", place=place)


@pytest.fixture
def stored(tmp_path):
    day = datetime(2026, 11, 17, 9, tzinfo=UTC)
    one = "Shelling killed 12 people in Tripoli, Lebanon. Beirut condemned it."
    two = "A bomb killed 30 people in Tripoli. Libya mourned."
    three = "Floods killed 4 people in Qalat Mira."
    batch = [
        _article("a1", one, ["Tripoli", "Lebanon", "Beirut"],
                 [_killed(one, "12 people", 12, "Tripoli")], day),
        _article("a2", two, ["Tripoli", "Libya"], [_killed(two, "30 people", 30, "Tripoli")],
                 day),
        _article("a3", three, ["Qalat Mira"], [_killed(three, "4 people", 4, "Qalat Mira")],
                 day),
    ]
    db = tmp_path / "geo.duckdb"
    with store.open_db(db) as con:
        store.store_articles(con, "run-1", batch)
        store.store_articles(con, "run-2", batch)  # a repeated batch replaces, never adds
    return db


def test_locations_are_stored_once_per_place_entity(stored):
    con = duckdb.connect(str(stored), read_only=True)
    rows = con.execute(
        "SELECT l.article_id, e.name, l.country_code, l.feature_class, l.geonames_id "
        "FROM locations l JOIN entities e USING (article_id, entity_index) "
        "ORDER BY l.article_id, l.entity_index").fetchall()
    con.close()
    assert rows == [("a1", "Tripoli", "LB", "city", 266826), ("a1", "Lebanon", "LB", "country",
                                                             272103),
                    ("a1", "Beirut", "LB", "city", 276781),
                    ("a2", "Tripoli", "LY", "city", 2210247),
                    ("a2", "Libya", "LY", "country", 2215636)]


def test_events_by_country_counts_figures_by_the_country_of_their_place(stored):
    con = duckdb.connect(str(stored), read_only=True)
    rows = con.execute("SELECT day::VARCHAR, country_code, country, category, reports, "
                       "max_value, places FROM events_by_country ORDER BY country_code"
                       ).fetchall()
    mentions = dict(con.execute(
        "SELECT country_code, mentions FROM mentions_by_country").fetchall())
    con.close()
    assert rows == [("2026-11-17", "LB", "Lebanon", "killed", 1, 12.0, ["Tripoli"]),
                    ("2026-11-17", "LY", "Libya", "killed", 1, 30.0, ["Tripoli"])]
    assert mentions == {"LB": 3, "LY": 2}  # Qalat Mira is in no country of the gazetteer


def test_the_python_api_returns_an_articles_locations(stored):
    article = newsfeed.Database(stored).article("a1")
    assert [(loc.entity_index, loc.country_code) for loc in article.facts.locations] == [
        (0, "LB"), (1, "LB"), (2, "LB")]
    assert article.facts.locations[0].reason and article.facts.locations[0].confidence > 0.5


def test_newsfeed_extract_and_the_extract_command_give_the_locations(tmp_path):
    from newsfeed.local import extract_files

    text = "Floods in Texas\n\nOfficials in Paris, Texas, said 12 people were killed on Monday."
    article = newsfeed.extract(text)
    assert {loc.name: loc.admin1_code for loc in article.facts.locations} == {
        "Paris": "TX", "Texas": "TX"}
    path = tmp_path / "floods.txt"
    path.write_text(text, encoding="utf-8")
    (result,) = extract_files([path])  # what `newsfeed extract` prints as JSON
    paris = [loc for loc in result["locations"]
             if result["entities"][loc["entity_index"]]["name"] == "Paris"]
    assert [(p["geonames_id"], p["reason"]) for p in paris] == [(4717560, "comma context")]
