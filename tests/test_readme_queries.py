"""Every SQL example in the README's Querying section runs and finds rows in the demo database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from demo_db import build_demo_db

from newsfeed.storage.examples import EXAMPLE_QUERIES
from tests.dbutil import run_query

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
VIEWS = ("facts", "entity_daily", "quotes_by_speaker", "event_counts", "feed_health",
         "failure_summary", "site_health", "events_by_country", "mentions_by_country",
         "conflicting_figures")


def querying_examples() -> list[str]:
    section = README.split("\n## Querying\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


EXAMPLES = querying_examples()


@pytest.fixture(scope="module")
def db(prefect_harness, tmp_path_factory) -> Path:
    return build_demo_db(tmp_path_factory)


def test_each_example_is_one_statement_and_every_view_has_one():
    assert len(EXAMPLES) >= 8
    for sql in EXAMPLES:
        assert sql.strip().endswith(";") and sql.count(";") == 1, sql
    used = " ".join(EXAMPLES)
    for view in VIEWS:
        assert re.search(rf"\bFROM {view}\b", used), f"no README example queries {view}"


@pytest.mark.parametrize("sql", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_readme_example_gives_rows(db, sql):
    columns, rows = run_query(db, sql)
    assert columns and rows, sql


@pytest.mark.parametrize("title", list(EXAMPLE_QUERIES))
def test_demo_example_gives_rows(db, title):
    columns, rows = run_query(db, EXAMPLE_QUERIES[title])
    assert columns and rows, title
