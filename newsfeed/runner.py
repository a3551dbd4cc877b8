"""Run the ingest flow in this process, with Prefect's local defaults made quiet."""

from __future__ import annotations

import os
from pathlib import Path

PREFECT_DEFAULTS = {
    # the temporary local server's telemetry logs "database is locked" errors otherwise
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
}


def quiet_prefect() -> None:
    """Apply our Prefect defaults unless the user set them; call before importing prefect."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def run_ingest(feeds_file: Path, db: Path, **options: object) -> dict:
    """Run ``flows.ingest.ingest`` once and return its runs row.

    A failed run is recorded in the database and returned with status 'failed'.
    """
    quiet_prefect()
    from flows.ingest import ingest
    from storage import store

    state = ingest(feeds_file=str(feeds_file), db=str(db), return_state=True, **options)
    if state.is_completed():
        return state.result()
    with store.open_db(db, read_only=True) as con:
        row = con.execute(
            "SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
        summary = store.run_summary(con, row[0]) if row else {}
    summary.setdefault("status", "failed")
    summary.setdefault("error", str(state.message))
    return summary
