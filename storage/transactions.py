"""Write transactions that are exactly-once on a DuckDB file and on a DuckLake alike.

A DuckDB file has one writer at a time, and primary keys as a safety net. A DuckLake has
several writers (one per machine or process) and no keys: two transactions that only insert
into a table both commit, so an insert-if-absent in each could store a row twice. So every
write transaction on a lake also bumps the single row of ``lake_commits``. DuckLake's
optimistic concurrency lets only one of two overlapping transactions that changed the same
row commit; the other's COMMIT fails with a conflict, and it is retried whole, on a fresh
snapshot that sees what the winner wrote. Write transactions on a lake are thereby
serialised (they are short: one batch each); downloads and extraction are not.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

import duckdb

from newsfeed.storage.backend import database_is_lake

COMMIT_TOKEN_TABLE = "lake_commits"
MAX_ATTEMPTS = 40
FIRST_DELAY_S = 0.05
MAX_DELAY_S = 2.0

T = TypeVar("T")
log = logging.getLogger(__name__)


class WriteConflictError(RuntimeError):
    """A DuckLake write transaction kept conflicting with other writers' and was given up."""


def bump_commit_token(con: duckdb.DuckDBPyConnection) -> None:
    """Make this transaction conflict with every other concurrent write transaction."""
    con.execute(f"UPDATE {COMMIT_TOKEN_TABLE} SET n = n + 1")


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.TransactionException):  # a failed COMMIT rolled back
        con.execute("ROLLBACK")


def in_transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], T], *,
                   token: bool = True, lake: bool | None = None) -> T:
    """Run ``work()`` in one transaction on ``con``: all of it is written, or none.

    On a DuckLake the transaction bumps the commit token (``token``) and, when its commit
    conflicts with another writer's, is rolled back and run again after a randomised,
    growing delay, up to MAX_ATTEMPTS times; ``work`` must therefore read what it depends on
    inside the transaction, and write only through ``con``. Raises WriteConflictError when
    all attempts conflict.
    """
    if lake is None:
        lake = database_is_lake(con)
    delay = FIRST_DELAY_S
    for attempt in range(1, MAX_ATTEMPTS + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            if lake and token:
                bump_commit_token(con)
            result = work()
            con.execute("COMMIT")
            return result
        except duckdb.TransactionException as exc:
            _rollback(con)
            if not lake:
                raise
            if attempt == MAX_ATTEMPTS:
                raise WriteConflictError(
                    f"DuckLake write still conflicting with other writers after "
                    f"{MAX_ATTEMPTS} attempts: {str(exc).splitlines()[-1]}") from exc
        except BaseException:
            _rollback(con)
            raise
        log.info("DuckLake write conflicted with another writer's; retry %d", attempt)
        time.sleep(random.uniform(0, delay))  # full jitter: writers do not retry in step
        delay = min(delay * 2, MAX_DELAY_S)
    raise AssertionError("unreachable")
