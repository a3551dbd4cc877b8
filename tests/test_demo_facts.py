"""The facts on the demo's first screens are right (the demo is the first thing a user sees).

The demo site's articles are ours, so these are regression tests of what the screens show,
not a measure of quality (that is ``newsfeed eval --devset``).
"""

from __future__ import annotations

import pytest
from demo_db import build_demo_db

from newsfeed.storage.examples import EXAMPLE_QUERIES
from tests.dbutil import run_query

# name -> its label, as each article's own words say ("the border town of Qalat Mira",
# "Government forces in Tarkesh", "told The Meridian")
LABELS = {"Qalat Mira": "GPE", "Tarkesh": "GPE", "Serin": "GPE", "Maren Halvorsen": "PERSON",
          "Greenway": "ORG", "Nordlink": "ORG", "World Food Programme": "ORG",
          "International Committee of the Red Cross": "ORG", "Leila Haddad": "PERSON"}


@pytest.fixture(scope="module")
def db(prefect_harness, tmp_path_factory):
    return build_demo_db(tmp_path_factory)


def screen(db, title: str) -> list[dict]:
    columns, rows = run_query(db, EXAMPLE_QUERIES[title])
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_the_entity_screen_labels_names_as_the_articles_do(db):
    rows = screen(db, "Most-mentioned people, organisations and places")
    # entity_daily counts stories: the Halvorsen story and its syndicated copy (another
    # feed, another outlet) are one, though both copies' mentions count
    assert rows[0]["name"] == "Maren Halvorsen" and rows[0]["articles"] == 1
    assert next(r for r in rows if r["name"] == "Qalat Mira")["articles"] == 2
    for row in rows:
        assert LABELS.get(row["name"], row["label"]) == row["label"], row
    assert not [r for r in rows if "Meridian" in r["name"]]  # "The Meridian" is a newspaper


def test_confident_entities_have_one_label_per_name(db):
    _, rows = run_query(db, "SELECT name, label FROM entity_daily WHERE name IN "
                            f"{tuple(LABELS)} GROUP BY ALL")
    assert {name: label for name, label in rows} == {
        name: label for name, label in LABELS.items() if name in {n for n, _ in rows}}
    assert len({n for n, _ in rows}) == len(rows)


def test_the_figures_screen_counts_people_and_money(db):
    rows = screen(db, "Numbers with what they count")
    for row in rows:
        if row["category"] in ("killed", "displaced", "wounded"):
            assert row["counted"] in (None, "people"), row  # not "colonies", not "2/3"
            assert row["value"] >= 100, row  # "nearly two-thirds" is no count of two
        if row["category"] == "money":
            assert row["unit"] in ("USD", "EUR"), row
        assert row["place"] not in ("south", "north", "east", "west"), row
    killed = {(r["value"], r["place"]) for r in rows if r["category"] == "killed"}
    assert (214.0, "Qalat Mira") in killed


def test_the_country_screens_count_real_places_only(db):
    events = screen(db, "Events by country")
    assert [(r["country_code"], r["category"], r["places"]) for r in events] == [
        ("NO", "percentage", ["Oslo"])]  # Halvorsen's shares fell 4.1% in Oslo
    named = {r["country_code"]: r for r in screen(db, "Places named, by country")}
    assert named["GB"]["mentions"] >= 5 and named["GB"]["cities"] >= 2  # London, Leeds
    assert {"ML", "BF", "KE", "TZ"} <= set(named) or len(named) == 10
    # the fictional places of the world stories (Qalat Mira, Tarkesh, Serin) resolve nowhere
    _, rows = run_query(db, "SELECT count(*) FROM locations l JOIN entities e "
                            "USING (article_id, entity_index) WHERE e.name IN "
                            "('Qalat Mira', 'Tarkesh', 'Serin')")
    assert rows == [(0,)]
