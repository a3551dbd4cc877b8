"""The health check that ends every ingest run: what went wrong, one alert per problem.

Three rules, each one query, each against the subject's own history (thresholds are
``newsfeed.config.Settings`` fields ``health_*``):

- ``site_extraction``: a site's pages of the last ``health_window_h`` hours give their own
  body, a long one, or facts, much less often than on its usual day (layout changed?).
- ``feed_silent``: a feed that answers has brought no new item for far longer than usual.
- ``feed_failing``: a feed's last ``health_failing_runs`` fetches all failed.

Precision first: a site or feed with too little history raises nothing. The alerts are
written to ``alerts`` (read through the ``health_alerts`` view) by ``record_alerts``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from newsfeed.storage.store import _insert, in_transaction, now

if TYPE_CHECKING:
    from newsfeed.config import Settings


@dataclass(frozen=True)
class Alert:
    """One problem: what kind, about which site or feed, in one line, and its figures."""

    kind: str  # site_extraction, feed_silent, feed_failing
    subject: str  # a host name or a feed URL
    message: str
    figures: dict[str, object] = field(default_factory=dict)
    feed_id: str | None = None


_SITE_FIGURES = """
    count(*) AS pages,
    avg(CASE WHEN body_source = 'page' THEN 1 ELSE 0 END) AS share_from_page,
    median(word_count) AS median_body_words,
    avg(CASE WHEN has_facts THEN 1 ELSE 0 END) AS share_with_facts
"""

_SITE_DROPS = f"""
    WITH this_run AS (SELECT started_at AS t FROM runs WHERE run_id = $run_id),
    sites AS (SELECT DISTINCT site FROM site_articles WHERE run_id = $run_id AND site IS NOT NULL),
    mine AS (
        SELECT s.* FROM site_articles AS s JOIN sites USING (site), this_run
        WHERE s.fetched_at <= t
          AND s.fetched_at > t - to_seconds($window_h * 3600)
                               - to_seconds($history_days * 86400)
    ), recent AS (
        SELECT site, {_SITE_FIGURES} FROM mine, this_run
        WHERE fetched_at > t - to_seconds($window_h * 3600)
        GROUP BY site HAVING count(*) >= $min_pages
    ), daily AS (
        SELECT site, day, {_SITE_FIGURES} FROM mine, this_run
        WHERE fetched_at <= t - to_seconds($window_h * 3600)
        GROUP BY site, day HAVING count(*) >= $min_day_pages
    ), usual AS (
        SELECT site, count(*) AS history_days, median(share_from_page) AS share_from_page,
               median(median_body_words) AS median_body_words,
               median(share_with_facts) AS share_with_facts
        FROM daily GROUP BY site HAVING count(*) >= $min_history_days
    )
    SELECT r.site, r.pages, u.history_days,
           r.share_from_page, u.share_from_page AS usual_share_from_page,
           r.median_body_words, u.median_body_words AS usual_median_body_words,
           r.share_with_facts, u.share_with_facts AS usual_share_with_facts,
           r.share_from_page <= u.share_from_page - $share_drop AS page_dropped,
           r.median_body_words <= u.median_body_words * (1 - $length_drop) AS length_dropped,
           r.share_with_facts <= u.share_with_facts - $share_drop AS facts_dropped
    FROM recent AS r JOIN usual AS u USING (site)
    WHERE r.share_from_page <= u.share_from_page - $share_drop
       OR r.median_body_words <= u.median_body_words * (1 - $length_drop)
       OR r.share_with_facts <= u.share_with_facts - $share_drop
    ORDER BY r.site
"""


def site_alerts(con: duckdb.DuckDBPyConnection, run_id: str, settings: Settings) -> list[Alert]:
    """Sites of this run whose extraction figures dropped sharply against their history."""
    rows = _dicts(con.execute(_SITE_DROPS, {
        "run_id": run_id, "window_h": settings.health_window_h,
        "history_days": settings.health_history_days, "min_pages": settings.health_min_pages,
        "min_day_pages": settings.health_min_day_pages,
        "min_history_days": settings.health_min_history_days,
        "share_drop": settings.health_share_drop, "length_drop": settings.health_length_drop}))
    alerts = []
    for r in rows:
        dropped = []
        if r["page_dropped"]:
            dropped.append(f"body from the page {r['share_from_page']:.0%} "
                           f"(usually {r['usual_share_from_page']:.0%})")
        if r["length_dropped"]:
            dropped.append(f"median body {r['median_body_words']:.0f} words "
                           f"(usually {r['usual_median_body_words']:.0f})")
        if r["facts_dropped"]:
            dropped.append(f"articles with facts {r['share_with_facts']:.0%} "
                           f"(usually {r['usual_share_with_facts']:.0%})")
        message = (f"site {r['site']}: extraction dropped, layout changed? "
                   f"{', '.join(dropped)}; {r['pages']} pages in the last "
                   f"{settings.health_window_h:g} h")
        figures = {k: v for k, v in r.items() if not k.endswith("_dropped") and k != "site"}
        alerts.append(Alert("site_extraction", r["site"], message, figures))
    return alerts


_SILENT_FEEDS = """
    WITH fetched AS (
        SELECT ff.feed_id, ff.fetched_at, f.url, f.name FROM feed_fetches AS ff
        JOIN feeds AS f USING (feed_id)
        WHERE ff.run_id = $run_id AND ff.status <> 'failed'
    ), times AS (
        SELECT DISTINCT feed_id, first_seen_at AS t FROM item_feeds
        WHERE feed_id IN (SELECT feed_id FROM fetched)
    ), gaps AS (
        SELECT feed_id, t, epoch(t - lag(t) OVER (PARTITION BY feed_id ORDER BY t)) AS gap_s
        FROM times
    ), usual AS (
        SELECT feed_id, count(gap_s) AS gaps, median(gap_s) AS usual_s, max(t) AS last_new_at
        FROM gaps GROUP BY feed_id
    )
    SELECT f.feed_id, f.url, f.name, u.gaps, u.usual_s / 3600 AS usual_interval_h,
           epoch(f.fetched_at - u.last_new_at) / 3600 AS hours_since_new_item, u.last_new_at
    FROM fetched AS f JOIN usual AS u USING (feed_id)
    WHERE u.gaps >= $min_gaps
      AND epoch(f.fetched_at - u.last_new_at) > $factor * u.usual_s
      AND epoch(f.fetched_at - u.last_new_at) >= $min_silent_h * 3600
    ORDER BY f.url
"""


def silent_feeds(con: duckdb.DuckDBPyConnection, run_id: str, settings: Settings) -> list[Alert]:
    """Feeds fetched fine in this run that have brought nothing new for far longer than usual.

    Their usual interval is the median gap between the times they brought new items.
    """
    rows = _dicts(con.execute(_SILENT_FEEDS, {
        "run_id": run_id, "min_gaps": settings.health_min_gaps,
        "factor": settings.health_silent_factor,
        "min_silent_h": settings.health_silent_min_h}))
    alerts = []
    for r in rows:
        message = (f"feed {_feed_label(r)}: no new item for {_duration(r['hours_since_new_item'])}"
                   f" (since {r['last_new_at']:%Y-%m-%d %H:%M} UTC), usually one every "
                   f"{_duration(r['usual_interval_h'])}")
        figures = {"hours_since_new_item": r["hours_since_new_item"],
                   "usual_interval_h": r["usual_interval_h"], "gaps": r["gaps"],
                   "last_new_at": r["last_new_at"].isoformat()}
        alerts.append(Alert("feed_silent", r["url"], message, figures, r["feed_id"]))
    return alerts


_FAILING_FEEDS = """
    WITH recent AS (
        SELECT feed_id, status, error, fetched_at,
               row_number() OVER (PARTITION BY feed_id ORDER BY fetched_at DESC) AS n
        FROM feed_fetches
        WHERE feed_id IN (SELECT feed_id FROM feed_fetches WHERE run_id = $run_id)
    )
    SELECT r.feed_id, f.url, f.name, count(*) AS failed_fetches,
           arg_max(r.error, r.fetched_at) AS last_error, f.last_success_at
    FROM recent AS r JOIN feeds AS f USING (feed_id)
    WHERE r.n <= $runs
    GROUP BY r.feed_id, f.url, f.name, f.last_success_at
    HAVING count(*) = $runs AND count(*) FILTER (WHERE r.status = 'failed') = $runs
    ORDER BY f.url
"""


def failing_feeds(con: duckdb.DuckDBPyConnection, run_id: str,
                  settings: Settings) -> list[Alert]:
    """Feeds fetched in this run whose last ``health_failing_runs`` fetches all failed."""
    rows = _dicts(con.execute(_FAILING_FEEDS, {"run_id": run_id,
                                               "runs": settings.health_failing_runs}))
    alerts = []
    for r in rows:
        since = (f"last success {r['last_success_at']:%Y-%m-%d %H:%M} UTC"
                 if r["last_success_at"] else "never succeeded")
        message = (f"feed {_feed_label(r)}: the last {r['failed_fetches']} fetches failed "
                   f"({since}): {r['last_error'] or 'no reason given'}")
        figures = {"failed_fetches": r["failed_fetches"], "last_error": r["last_error"],
                   "last_success_at": r["last_success_at"].isoformat()
                   if r["last_success_at"] else None}
        alerts.append(Alert("feed_failing", r["url"], message, figures, r["feed_id"]))
    return alerts


def check_health(con: duckdb.DuckDBPyConnection, run_id: str,
                 settings: Settings) -> list[Alert]:
    """Every rule, on what the run ``run_id`` stored; the alerts found (not yet recorded)."""
    return [*site_alerts(con, run_id, settings), *failing_feeds(con, run_id, settings),
            *silent_feeds(con, run_id, settings)]


def record_alerts(con: duckdb.DuckDBPyConnection, run_id: str, alerts: list[Alert]) -> None:
    """Store a run's alerts, replacing any an earlier check of the same run stored."""
    detected_at = now()
    rows = [{"run_id": run_id, "detected_at": detected_at, "kind": a.kind,
             "subject": a.subject, "feed_id": a.feed_id, "message": a.message,
             "figures": json.dumps(a.figures, default=str)} for a in alerts]

    def work() -> None:
        con.execute("DELETE FROM alerts WHERE run_id = ?", [run_id])
        _insert(con, "alerts", rows)

    in_transaction(con, work)


def health_alerts(con: duckdb.DuckDBPyConnection, current_only: bool = True) -> list[dict]:
    """Rows of ``health_alerts``, the newest first: those of the latest run that checked
    health (what is wrong now), or all of them."""
    return _dicts(con.execute(
        "SELECT * FROM health_alerts WHERE current OR NOT ? "
        "ORDER BY detected_at DESC, kind, subject", [current_only]))


def _feed_label(row: dict) -> str:
    return f"{row['name']} ({row['url']})" if row["name"] else row["url"]


def _duration(hours: float) -> str:
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} h"


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
