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
from collections.abc import Callable
from typing import TypeVar

import duckdb
from tenacity import RetryCallState

from newsfeed.retrying import LAKE_COMMIT_ATTEMPTS, lake_commit
from newsfeed.storage.backend import database_is_lake

COMMIT_TOKEN_TABLE = "lake_commits"

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
    growing delay (``newsfeed.retrying.lake_commit``); ``work`` must therefore read what it
    depends on inside the transaction, and write only through ``con``. Raises
    WriteConflictError when all attempts conflict.
    """
    if lake is None:
        lake = database_is_lake(con)

    def attempt() -> T:
        con.execute("BEGIN TRANSACTION")
        try:
            if lake and token:
                bump_commit_token(con)
            result = work()
            con.execute("COMMIT")
            return result
        except BaseException:
            _rollback(con)
            raise

    if not lake:
        return attempt()
    try:
        return lake_commit(_is_conflict, before_sleep=_log_retry)(attempt)
    except duckdb.TransactionException as exc:
        raise WriteConflictError(
            f"DuckLake write still conflicting with other writers after "
            f"{LAKE_COMMIT_ATTEMPTS} attempts: {str(exc).splitlines()[-1]}") from exc


def _is_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.TransactionException)


def _log_retry(state: RetryCallState) -> None:
    log.info("DuckLake write conflicted with another writer's; retry %d", state.attempt_number)
