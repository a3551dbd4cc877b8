"""Prefect flows and tasks: they wire ``extract`` and ``storage`` together and own retries,
concurrency and scheduling. ``ingest`` (flows/ingest.py) and ``reprocess``
(flows/reprocess.py) are the flows; ``tasks`` holds their steps as plain functions.

Importing this package applies newsfeed's Prefect defaults, unless the user set them, before
any of its modules imports Prefect.
"""

import os

PREFECT_DEFAULTS = {
    # the temporary local server's telemetry logs "database is locked" errors otherwise
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
}
for _key, _value in PREFECT_DEFAULTS.items():
    os.environ.setdefault(_key, _value)
