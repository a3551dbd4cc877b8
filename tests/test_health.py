"""The end-of-run health check: real ingest runs against a site on 127.0.0.1, real DuckDB.

Days of history are made by real runs whose timestamps are then moved back (``backdate``),
as if they had run earlier: the check compares a site or feed with its own past.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import duckdb
import pytest

import newsfeed
from newsfeed.demo.server import FixtureServer
from tests.dbutil import rows

pytestmark = pytest.mark.usefixtures("prefect_harness")
ROOT = Path(__file__).resolve().parents[1]

TOWNS = ["Arlen", "Brisk", "Calder", "Dunmore", "Elsworth", "Farrow", "Glenby", "Harlow"]


def article_html(n: int) -> str:
    """A well-formed article page (long enough to be the body, with names and figures)."""
    town = TOWNS[n % len(TOWNS)]
    paragraphs = [
        f"The council of {town} voted on Tuesday to rebuild the old river bridge, a project "
        f"that will cost about {n + 3} million dollars and take two years to finish.",
        f"Mayor Helena Okafor said the vote ended a long dispute. \"We have waited for this "
        f"bridge for a decade, and now the work can begin,\" she told reporters in {town}.",
        "Engineers from the regional transport office found cracks in three of the five "
        "pillars last spring, and lorries heavier than twelve tonnes were banned at once.",
        "Shop owners on both banks said trade had fallen by a third since the ban, as "
        "delivery vans took a detour of more than 20 kilometres through the hills.",
    ]
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<!doctype html><html lang=en><head><title>Bridge vote in {town}</title></head>"
            f"<body><nav><a href=/>Home</a></nav><article><h1>Bridge vote in {town}</h1>"
            f"{body}</article><footer>The Riverside Courier</footer></body></html>")


def broken_html(n: int) -> str:
    """The same site after a redesign: the text is loaded by a script, the page is a shell."""
    return ("<!doctype html><html><head><title>Riverside Courier</title></head><body>"
            f"<div id=app data-story={n}></div><p>Loading…</p>"
            "<script src=/static/app.js></script></body></html>")


class Site:
    """A news site in a directory: one RSS feed per name, pages under /a/."""

    server: FixtureServer

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "a").mkdir(parents=True)
        self.items: dict[str, list[int]] = {}
        self.count = 0

    def publish(self, feed: str, pages: int, broken: bool = False) -> None:
        """Add ``pages`` new articles to ``feed`` (written in the old layout or the broken one)."""
        for _ in range(pages):
            self.count += 1
            html = broken_html(self.count) if broken else article_html(self.count)
            (self.root / "a" / f"{self.count}.html").write_text(html, encoding="utf-8")
            self.items.setdefault(feed, []).append(self.count)
        self.write_feed(feed)

    def write_feed(self, feed: str) -> None:
        base = "{{BASE_URL}}"
        published = format_datetime(datetime(2026, 11, 30, 8, tzinfo=UTC), usegmt=True)
        entries = "".join(
            f"<item><title>Bridge story {n}</title><link>{base}/a/{n}.html</link>"
            f"<guid>{base}/a/{n}.html</guid><pubDate>{published}</pubDate>"
            f"<description>Short teaser of story {n} about the bridge.</description></item>"
            for n in self.items.get(feed, []))
        (self.root / f"{feed}.rss").write_text(
            f"<?xml version='1.0'?><rss version='2.0'><channel><title>{feed}</title>"
            f"<link>{base}/</link><description>{feed}</description>{entries}"
            "</channel></rss>", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path):
    site = Site(tmp_path / "site")
    with FixtureServer(site.root) as server:
        site.server = server
        yield site


def feeds_file(tmp_path: Path, server: FixtureServer, feeds: list[str], **settings) -> Path:
    path = tmp_path / "feeds.toml"
    lines = [f'[[feeds]]\nurl = "{server.url(f"/{name}.rss")}"\nname = "{name}"\n'
             for name in feeds]
    options = {"allow_private_network": "true", "host_delay_s": "0.0", "retries": "0",
               **{k: json.dumps(v) for k, v in settings.items()}}
    lines.append("[settings]\n" + "".join(f"{k} = {v}\n" for k, v in options.items()))
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def ingest(feeds: Path, db: Path) -> dict:
    from newsfeed.flows.ingest import ingest as flow

    return flow(feeds_file=str(feeds), db=str(db), workers=0)


def backdate(db: Path, run_id: str, hours: float) -> None:
    """Move a run back in time: as if it had run ``hours`` earlier (items, fetches too)."""
    shift = timedelta(hours=hours)
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE item_feeds SET first_seen_at = first_seen_at - ? WHERE item_id IN "
                    "(SELECT item_id FROM items WHERE first_run_id = ?)", [shift, run_id])
        con.execute("UPDATE items SET first_seen_at = first_seen_at - ? WHERE first_run_id = ?",
                    [shift, run_id])
        con.execute("UPDATE feed_fetches SET fetched_at = fetched_at - ? WHERE run_id = ?",
                    [shift, run_id])
        con.execute("UPDATE runs SET started_at = started_at - ?, finished_at = finished_at - ?"
                    " WHERE run_id = ?", [shift, shift, run_id])
    finally:
        con.close()


def health_events(resource_id: str) -> list:
    """The ``newsfeed.health.alert`` events about ``resource_id`` the Prefect server holds.

    Events reach the server's database in the background: sent, then written in batches.
    """
    from prefect.client.orchestration import get_client
    from prefect.events.filters import EventFilter, EventNameFilter, EventResourceFilter
    from prefect.events.worker import EventsWorker

    EventsWorker.drain_all(timeout=30)
    wanted = EventFilter(event=EventNameFilter(name=["newsfeed.health.alert"]),
                         resource=EventResourceFilter(id=[resource_id]))
    with get_client(sync_client=True) as client:
        for _ in range(60):
            if found := client.read_events(wanted, limit=50).events:
                return found
            time.sleep(0.5)
    return []


def summary_artifact(run_id: str) -> str:
    """The Markdown of the ``ingest-summary`` artifact of a flow run, from the server."""
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[UUID(run_id)])))
    (artifact,) = [a for a in found if a.key == "ingest-summary"]
    return artifact.data


def documented_automations() -> list:
    """deploy/automations.yaml as ``prefect automation create --from-file`` reads it, with a
    real notification block, created on the Prefect server."""
    import yaml
    from prefect.blocks.notifications import SlackWebhook
    from prefect.client.orchestration import get_client
    from prefect.events.schemas.automations import AutomationCore

    block_id = SlackWebhook(url="http://127.0.0.1:9/hook").save("newsfeed-test", overwrite=True)
    text = (ROOT / "deploy" / "automations.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text.replace("BLOCK_DOCUMENT_ID", str(block_id)))
    automations = [AutomationCore.model_validate(a) for a in data["automations"]]
    with get_client(sync_client=True) as client:
        for automation in automations:
            created = client.read_automation(client.create_automation(automation))
            assert created.name == automation.name
            assert created.actions[0].block_document_id == block_id
    return automations


def current_alerts(db: Path) -> list[tuple]:
    return rows(db, "SELECT kind, subject, message FROM health_alerts WHERE current "
                    "ORDER BY kind, subject")


def test_a_site_whose_pages_stop_giving_their_body_raises_an_alert(site, tmp_path, db_path):
    feeds = feeds_file(tmp_path, site.server, ["news"])
    for days_ago in (4, 3, 2):  # three days of history, three good pages a day
        site.publish("news", 3)
        run = ingest(feeds, db_path)
        assert run["alerts"] == []  # too little history to judge yet
        backdate(db_path, run["run_id"], 24 * days_ago)
    site.publish("news", 5)  # a normal day: no alert
    stable = ingest(feeds, db_path)
    assert stable["articles_written"] == 5 and stable["alerts"] == []
    assert current_alerts(db_path) == []
    backdate(db_path, stable["run_id"], 24)

    site.publish("news", 5, broken=True)  # the redesign: the pages no longer hold the text
    broken = ingest(feeds, db_path)
    assert broken["articles_from_feed"] == 5
    (line,) = broken["alerts"]
    assert line.startswith("site 127.0.0.1: extraction dropped, layout changed?")
    assert "body from the page 0% (usually 100%)" in line and "median body" in line
    [(kind, subject, message)] = current_alerts(db_path)
    assert (kind, subject, message) == ("site_extraction", "127.0.0.1", line)
    figures = rows(db_path, "SELECT figures->>'usual_share_from_page', "
                            "figures->>'history_days' FROM health_alerts")
    assert figures == [("1.0", "4")]

    health = rows(db_path, "SELECT pages, share_from_page, share_no_facts, top_fallback_reason"
                           " FROM site_health WHERE site = '127.0.0.1' ORDER BY day")
    assert [h[0] for h in health] == [3, 3, 3, 5, 5]
    assert [h[1] for h in health] == [1.0, 1.0, 1.0, 1.0, 0.0]
    assert health[0][2] == 0.0 and health[-1][2] == 1.0  # the teasers give no fact
    assert health[-1][3].startswith("no_body")

    assert f"- {line}" in summary_artifact(broken["run_id"])


def test_a_feed_silent_past_its_usual_interval_is_flagged(site, tmp_path, db_path):
    feeds = feeds_file(tmp_path, site.server, ["quiet", "busy"], fetch_articles=False,
                       health_min_gaps=3)
    for hours_ago in (40, 39, 38, 37):  # both feeds bring an item every hour
        site.publish("quiet", 1)
        site.publish("busy", 1)
        run = ingest(feeds, db_path)
        assert run["alerts"] == []
        backdate(db_path, run["run_id"], hours_ago)
    site.publish("busy", 1)  # "quiet" has had nothing new for 37 hours
    run = ingest(feeds, db_path)
    assert run["feeds_not_modified"] == 1 and run["items_new"] == 1
    (line,) = run["alerts"]
    assert line.startswith(f"feed quiet ({site.server.url('/quiet.rss')}): no new item for 37")
    assert "usually one every 1.0 h" in line
    [(kind, subject, _)] = current_alerts(db_path)
    assert (kind, subject) == ("feed_silent", site.server.url("/quiet.rss"))


def test_a_feed_failing_run_after_run_is_flagged(site, tmp_path, db_path):
    from typer.testing import CliRunner

    from newsfeed.cli import app

    site.server.status("/gone.rss", 500)
    site.publish("fine", 1)
    feeds = feeds_file(tmp_path, site.server, ["gone", "fine"], fetch_articles=False)
    for _ in range(2):
        assert ingest(feeds, db_path)["alerts"] == []  # failing, but not yet three times
    done = CliRunner().invoke(app, ["run", "--feeds", str(feeds), "--db", str(db_path),
                                    "--workers", "0"])
    assert done.exit_code == 0, done.output
    url = site.server.url("/gone.rss")
    assert f"alert: feed gone ({url}): the last 3 fetches failed (never succeeded)" in " ".join(
        done.output.split())
    [(kind, subject, message)] = current_alerts(db_path)
    assert (kind, subject) == ("feed_failing", url) and "500" in message
    (summary,) = rows(db_path, "SELECT alerts FROM runs ORDER BY started_at DESC LIMIT 1")
    assert summary == ([message],)
    shown = CliRunner().invoke(app, ["health", "--db", str(db_path)])
    assert shown.exit_code == 0 and f"feed_failing: {message}" in " ".join(shown.output.split())
    feed_id = rows(db_path, "SELECT feed_id FROM feeds WHERE url = ?", [url])[0][0]
    (event,) = health_events(f"newsfeed.feed.{feed_id}")
    assert event.payload["message"] == message
    assert event.resource["newsfeed.alert.kind"] == "feed_failing"
    (on_alert, on_failure) = documented_automations()
    assert event.event in on_alert.trigger.expect and on_alert.trigger.match.matches(
        event.resource)
    assert {"prefect.flow-run.Failed", "prefect.flow-run.Crashed"} <= on_failure.trigger.expect

    site.server.status("/gone.rss", 200, (site.root / "fine.rss").read_bytes(),
                       content_type="application/rss+xml")  # back: the alert is over
    assert ingest(feeds, db_path)["alerts"] == []
    assert current_alerts(db_path) == [] and newsfeed.Database(db_path).health_alerts() == []
    (past,) = newsfeed.Database(db_path).health_alerts(all=True)
    assert (past.kind, past.current, past.runs, past.feed_id) == (
        "feed_failing", False, 1, feed_id)
    assert past.figures["failed_fetches"] == 3


def test_health_alert_has_every_column_of_the_view(db_path):
    from dataclasses import fields

    from newsfeed.storage import store

    with store.open_db(db_path):  # creates the schema
        pass
    columns = [c.column for t in newsfeed.Database(db_path).schema()
               if t.name == "health_alerts" for c in t.columns]
    assert [f.name for f in fields(newsfeed.HealthAlert)] == columns
