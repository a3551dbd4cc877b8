"""The run summary as users see it: in the CLI, and as a Prefect Markdown artifact."""

from __future__ import annotations

SUMMARY_ROWS = [
    ("Feeds fetched", "feeds_ok"), ("Feeds not modified (304)", "feeds_not_modified"),
    ("Feeds failed", "feeds_failed"), ("New items", "items_new"),
    ("Articles stored", "articles_written"), ("… from the feed's own text", "articles_from_feed"),
    ("Entities", "entities"), ("Quantities", "quantities"), ("Quotes", "quotes"),
    ("Dates", "dates"), ("Failures", "failures"), ("Duration (s)", "duration_s"),
]


def _fmt(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def summary_rows(summary: dict) -> list[tuple[str, str]]:
    """(label, value) pairs of a runs row, in display order."""
    return [(label, _fmt(summary.get(key))) for label, key in SUMMARY_ROWS]


def alert_lines(summary: dict) -> list[str]:
    """What the run's health check found wrong, one line per problem (none: all is well)."""
    return list(summary.get("alerts") or [])


def summary_markdown(summary: dict) -> str:
    """The run summary as a Markdown table, then the health alerts, one line each."""
    lines = ["| | |", "|---|---:|"]
    lines += [f"| {label} | {value} |" for label, value in summary_rows(summary)]
    alerts = alert_lines(summary)
    if alerts:
        lines += ["", f"**Health alerts ({len(alerts)})**", ""]
        lines += [f"- {line}" for line in alerts]
    elif summary.get("alerts") is not None:
        lines += ["", "No health alerts."]
    return "\n".join(lines)
