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
    """Run ``newsfeed.flows.ingest.ingest`` once and return its runs row.

    A failed run is recorded in the database and returned with status 'failed'.
    """
    quiet_prefect()
    from newsfeed.flows.ingest import ingest
    from newsfeed.storage import store
    from newsfeed.storage.backend import is_lake

    state = ingest(feeds_file=str(feeds_file), db=str(db), return_state=True, **options)
    if state.is_completed():
        return state.result()
    run_id = str(state.state_details.flow_run_id or "")
    summary: dict = {}
    if run_id and (is_lake(db) or Path(db).exists()):
        try:  # this run's own row (absent when the database was held from the start)
            with store.open_db(db, read_only=True, wait_s=5.0) as con:
                summary = store.run_summary(con, run_id)
        except store.DatabaseBusyError:
            pass
    summary["run_id"] = run_id or summary.get("run_id")
    summary["status"] = "failed"
    summary["error"] = summary.get("error") or str(state.message)
    return summary
