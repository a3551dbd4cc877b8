"""Stories: near-duplicate articles grouped through a real DuckDB file (storage/stories.py),
conflicting figures, and the views that count stories. Texts: tests/fixtures/stories/."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from newsfeed.config import ConfigError, Settings
from newsfeed.extract.facts import extract_facts_batch
from newsfeed.extract.process import EMPTY_FACTS, ProcessedArticle
from newsfeed.extract.stories import MIN_WORDS, signature, similarity, story_scheme
from newsfeed.extract.types import Article, Facts
from newsfeed.storage import store, stories

FIXTURES = Path(__file__).parent / "fixtures" / "stories"
SCHEME = stories.scheme_for(Settings())
START = datetime(2026, 11, 17, 6, 0, tzinfo=UTC)


def fixture_texts() -> dict[str, dict[str, str]]:
    """name → title, outlet, story (the label) and body of each fixture text."""
    texts = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        texts[path.stem] = {"title": meta["Title"], "outlet": meta["Outlet"],
                            "story": meta["Story"], "body": body}
    return texts


TEXTS = fixture_texts()


def processed(name: str, hours: int = 0, facts: Facts = EMPTY_FACTS) -> ProcessedArticle:
    text = TEXTS[name]
    article = Article(body=text["body"], title=text["title"], site_name=text["outlet"],
                      published=START + timedelta(hours=hours), language="en")
    return ProcessedArticle(article_id=name, url=f"http://{name}.example/story",
                            final_url=None, http_status=200, article=article,
                            body_source="page", facts=facts)


def story_ids(con) -> dict[str, str]:
    return dict(con.execute("SELECT article_id, story_id FROM articles").fetchall())


def same_story_pairs(groups: dict[str, str]) -> set[frozenset]:
    return {frozenset((a, b)) for a, b in itertools.combinations(sorted(groups), 2)
            if groups[a] == groups[b]}


def test_copies_share_a_story_and_distinct_stories_stay_apart(db_path):
    names = list(TEXTS)
    with store.open_db(db_path) as con:
        # two batches, copies before and after their original, and in the same batch
        store.store_articles(con, "r1", [processed(n, h) for h, n in enumerate(names[::2])])
        store.store_articles(con, "r1", [processed(n, h) for h, n in enumerate(names[1::2])])
        found = story_ids(con)
        expected = {name: text["story"] for name, text in TEXTS.items()}
        assert same_story_pairs(found) == same_story_pairs(expected)
        quake = found["quake_wire"]
        assert {n for n, s in found.items() if s == quake} == {
            "quake_wire", "quake_new_headline", "quake_added_paragraph", "quake_other_footer",
            "quake_republished", "quake_updated"}
        # the hard negatives: another earthquake, a follow-up reusing two background
        # paragraphs, a feature on the same quake, another ruling of a Kenyan court
        for other in ("quake_peru", "quake_appeal", "quake_survivors"):
            assert found[other] != quake
        assert found["court_levy"] == found["court_levy_syndicated"] != found["court_tender"]
        row = con.execute("SELECT articles, outlets, outlet_names, title FROM stories "
                          "WHERE story_id = ?", [quake]).fetchone()
        assert row[0] == 6 and row[1] == 5 and "Meridian Wire" in row[2]  # wire: 2 versions
        published = {n: h for batch in (names[::2], names[1::2]) for h, n in enumerate(batch)}
        earliest = min((published[n], n) for n in found if found[n] == quake)[1]
        assert row[3] == TEXTS[earliest]["title"]
        assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == len(
            set(expected.values()))
        assert con.execute("SELECT sum(articles) FROM stories").fetchone()[0] == len(names)


def test_a_later_run_places_a_copy_in_an_earlier_story(db_path):
    with store.open_db(db_path) as con:
        store.store_articles(con, "r1", [processed("quake_wire"), processed("quake_peru"),
                                         processed("court_tender")])
        before = con.execute("SELECT article_id, signature, story_id FROM articles "
                             "JOIN article_signatures USING (article_id) ORDER BY 1").fetchall()
        stamped = con.execute("SELECT article_id, extracted_at FROM articles ORDER BY 1").fetchall()
    with store.open_db(db_path) as con:  # the next run: a new connection, one new article
        store.store_articles(con, "r2", [processed("quake_other_footer", hours=5)])
        found = story_ids(con)
        assert found["quake_other_footer"] == found["quake_wire"] == "quake_wire"
        assert len(set(found.values())) == 3
        # earlier articles were neither signed nor stored again
        assert con.execute("SELECT article_id, signature, story_id FROM articles JOIN "
                           "article_signatures USING (article_id) WHERE article_id <> "
                           "'quake_other_footer' ORDER BY 1").fetchall() == before
        assert con.execute("SELECT article_id, extracted_at FROM articles WHERE article_id <> "
                           "'quake_other_footer' ORDER BY 1").fetchall() == stamped
        assert con.execute("SELECT articles, outlet_names, first_seen_at, last_seen_at FROM "
                           "stories WHERE story_id = 'quake_wire'").fetchone() == (
            2, ["Eastern Times", "Meridian Wire"], START, START + timedelta(hours=5))


def test_storing_a_batch_again_changes_nothing(db_path):
    batch = [processed(n, h) for h, n in enumerate(TEXTS)]
    with store.open_db(db_path) as con:
        store.store_articles(con, "r1", batch)
        first = (story_ids(con), con.execute("SELECT * FROM stories ORDER BY 1").fetchall())
        for _ in range(2):
            store.store_articles(con, "r1", batch[3:7])
            store.store_articles(con, "r1", batch)
        assert (story_ids(con), con.execute("SELECT * FROM stories ORDER BY 1").fetchall()) \
            == first
        bands, signed = con.execute("SELECT (SELECT count(*) FROM story_bands), "
                                    "(SELECT count(*) FROM article_signatures)").fetchone()
        assert signed == len(batch) and bands == len(batch) * SCHEME.bands


def test_short_bodies_are_stories_of_their_own(db_path):
    short = processed("quake_wire")
    short.article = Article(body="Earthquake in Nepal. More soon.", title="Quake")
    other = processed("quake_peru")
    other.article_id = "copy"
    other.article = Article(body="Earthquake in Nepal. More soon.", title="Quake")
    assert signature(short.article.body, SCHEME) is None
    with store.open_db(db_path) as con:
        store.store_articles(con, "r1", [short, other])
        assert story_ids(con) == {"quake_wire": "quake_wire", "copy": "copy"}


def test_the_scheme_comes_from_datasketch_and_settings():
    assert (SCHEME.threshold, SCHEME.num_perm, SCHEME.shingle_words) == (0.5, 128, 5)
    assert (SCHEME.bands, SCHEME.rows) == (30, 4)  # MinHashLSH's for 0.5, 128, LSH_WEIGHTS
    assert story_scheme(0.8, 64, 3).name != SCHEME.name
    body = TEXTS["quake_wire"]["body"]
    assert similarity(signature(body, SCHEME), signature(body.upper(), SCHEME)) == 1.0
    assert len(body.split()) > MIN_WORDS
    with pytest.raises(ConfigError, match="story_threshold"):
        Settings(story_threshold=1.5)


@pytest.fixture(scope="module")
def with_facts(tmp_path_factory) -> Path:
    """The wire report, its update (a higher toll) and a copy, with facts extracted for real."""
    names = ["quake_wire", "quake_updated", "quake_other_footer", "quake_peru"]
    facts = extract_facts_batch([(TEXTS[n]["body"], START) for n in names])
    db = tmp_path_factory.mktemp("stories") / "facts.duckdb"
    with store.open_db(db) as con:
        store.store_articles(con, "r1", [processed(n, h, f) for h, (n, f)
                                         in enumerate(zip(names, facts, strict=True))])
    return db


def test_conflicting_figures_lists_reports_of_one_story_that_disagree(with_facts):
    con = duckdb.connect(str(with_facts), read_only=True)
    rows = con.execute(
        "SELECT basis, story_id, category, value_a, value_b, text_a, text_b, outlet_a, outlet_b,"
        " sentence_a, sentence_b FROM conflicting_figures WHERE category = 'killed'").fetchall()
    con.close()
    pairs = {(r[3], r[4]) for r in rows}
    # the updated toll against the first one, from each article that has it; never the 2015
    # toll both report ("nearly 9,000"), and never two copies that agree
    assert pairs == {(214.0, 300.0), (300.0, 214.0)}
    row = next(r for r in rows if r[3:5] == (214.0, 300.0))
    assert row[:3] == ("story", "quake_wire", "killed")
    assert (row[5], row[6]) == ("at least 214", "more than 300")
    assert row[7] in ("Meridian Wire", "Eastern Times") and row[8] == "Meridian Wire"
    assert "214" in row[9] and "300" in row[10]


def test_the_views_count_stories_not_copies(with_facts):
    con = duckdb.connect(str(with_facts), read_only=True)
    reports, articles, top = con.execute(
        "SELECT sum(reports), sum(articles), max(max_value) FROM event_counts "
        "WHERE category = 'wounded'").fetchone()
    # three articles of the Nepal story report "at least 600 injured", one of Peru's 400
    assert (reports, articles, top) == (2, 4, 600)
    named = dict(con.execute("SELECT name, articles FROM entity_daily WHERE name IN "
                             "('Sindhuli', 'Pisco')").fetchall())
    assert named == {"Sindhuli": 1, "Pisco": 1}
    assert con.execute("SELECT count(DISTINCT e.article_id) FROM entities e "
                       "WHERE name = 'Sindhuli'").fetchone()[0] == 3
    con.close()


def test_conflicting_figures_of_one_place_and_day_across_stories(db_path):
    from newsfeed.extract.types import Quantity

    def report(name: str, value: float, text: str) -> ProcessedArticle:
        sentence = f"{text} people were killed in Sake, the Red Cross said."
        facts = Facts(quantities=[Quantity(text, value, 0, 0, len(text), sentence,
                                           counted="people", category="killed", place="Sake",
                                           source="the Red Cross", confidence=1.0)],
                      extractor="test", extractor_version="1")
        return processed(name, 1, facts)

    with store.open_db(db_path) as con:
        store.store_articles(con, "r1", [report("quake_peru", 12, "At least 12"),
                                         report("court_tender", 20, "20"),
                                         report("court_levy", 12, "12")])
        rows = con.execute("SELECT basis, story_id, place, value_a, value_b, outlet_a, outlet_b "
                           "FROM conflicting_figures ORDER BY value_a, value_b").fetchall()
    assert rows == [
        ("category, place and day", None, "Sake", 12.0, 20.0, "Nairobi Standard",
         "Coast Observer"),
        ("category, place and day", None, "Sake", 20.0, 12.0, "Coast Observer",
         "Andes Daily")]


@pytest.mark.usefixtures("prefect_harness")
def test_reprocess_places_articles_stored_before_stories(db_path):
    from newsfeed.flows.reprocess import reprocess

    with store.open_db(db_path) as con:
        store.store_articles(con, "r1", [processed(n, h) for h, n in enumerate(TEXTS)])
        expected = same_story_pairs(story_ids(con))
        # as a database of schema version 6 holds them: no story, no signature
        con.execute("UPDATE articles SET story_id = NULL")
        for table in ("stories", "story_bands", "article_signatures"):
            con.execute(f"DELETE FROM {table}")
    summary = reprocess(db=str(db_path), workers=0, batch_size=4)
    assert summary["stories_grouped"] == len(TEXTS) and summary["articles_total"] == 0
    with store.open_db(db_path) as con:
        found = story_ids(con)
        assert None not in found.values() and same_story_pairs(found) == expected
        assert con.execute("SELECT sum(articles) FROM stories").fetchone()[0] == len(TEXTS)
    again = reprocess(db=str(db_path), workers=0)
    assert again["stories_grouped"] == 0
    # other story settings: every article signed and placed again, with the same stories here
    stricter = reprocess(db=str(db_path), workers=0, story_settings={"story_threshold": 0.7})
    assert stricter["stories_grouped"] == len(TEXTS)
    with store.open_db(db_path) as con:
        assert same_story_pairs(story_ids(con)) == expected
        assert con.execute("SELECT DISTINCT scheme FROM article_signatures").fetchall() == [
            (story_scheme(0.7, 128, 5).name,)]
