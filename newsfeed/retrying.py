"""Every retry of newsfeed, as named policies over one library (tenacity).

* ``lock_wait``: a DuckDB file held by another process (a run writing, a reader): short,
  growing waits until a deadline.
* ``lake_commit``: a DuckLake write transaction that conflicted with another writer's: run
  again after a randomised, growing delay (full jitter: writers do not retry in step).
* ``lake_attach``: a new DuckLake that two writers create at the same moment.
* ``http_attempts``: one HTTP request's attempts: on timeouts, connection errors, 429 and 5xx,
  after the server's ``Retry-After`` when it gave one, else an exponential backoff.

Each returns a tenacity ``Retrying`` (``AsyncRetrying`` for HTTP) to iterate over::

    for attempt in lock_wait(60.0, is_busy):
        with attempt:
            con = connect()

What is retried is given by the caller (a predicate on the exception or the result), so this
module knows nothing of DuckDB or HTTP.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    retry_if_result,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
    wait_random,
    wait_random_exponential,
)

LOCK_FIRST_WAIT_S, LOCK_MAX_WAIT_S = 0.05, 1.0
LAKE_COMMIT_ATTEMPTS = 40
LAKE_COMMIT_FIRST_WAIT_S, LAKE_COMMIT_MAX_WAIT_S = 0.05, 2.0
LAKE_ATTACH_ATTEMPTS = 8


def lock_wait(wait_s: float, is_busy: Callable[[BaseException], bool]) -> Retrying:
    """Retry while ``is_busy(exception)``, waiting 0.05 s, 0.1 s, … 1 s, for ``wait_s`` in all.

    The last exception is raised when the time is up.
    """
    return Retrying(retry=retry_if_exception(is_busy), stop=stop_after_delay(wait_s),
                    wait=wait_exponential(multiplier=LOCK_FIRST_WAIT_S, max=LOCK_MAX_WAIT_S),
                    reraise=True)


def lake_commit(is_conflict: Callable[[BaseException], bool],
                before_sleep: Callable[[RetryCallState], None] | None = None) -> Retrying:
    """Retry a whole transaction while ``is_conflict(exception)``, up to 40 attempts."""
    return Retrying(retry=retry_if_exception(is_conflict),
                    stop=stop_after_attempt(LAKE_COMMIT_ATTEMPTS),
                    wait=wait_random_exponential(multiplier=LAKE_COMMIT_FIRST_WAIT_S,
                                                 max=LAKE_COMMIT_MAX_WAIT_S),
                    before_sleep=before_sleep, reraise=True)


def lake_attach(is_transient: Callable[[BaseException], bool]) -> Retrying:
    """Retry attaching a DuckLake while ``is_transient(exception)``, up to 8 attempts."""
    return Retrying(retry=retry_if_exception(is_transient),
                    stop=stop_after_attempt(LAKE_ATTACH_ATTEMPTS), wait=wait_random(0.1, 0.5),
                    reraise=True)


def http_attempts(retries: int, backoff_s: float, retry_after: Callable[[Any], float | None],
                  min_wait_s: float = 0.0) -> AsyncRetrying:
    """Attempts of one request: ``retries`` more after the first when the outcome asks.

    ``retry_after(outcome)`` says whether to try again: None for no, a number of seconds the
    server asked to wait (``Retry-After``), or a negative number for the default backoff,
    ``backoff_s`` doubled at each attempt; never less than ``min_wait_s``. The last outcome
    is returned when attempts run out.
    """

    def wait(state: RetryCallState) -> float:
        asked = retry_after(state.outcome.result()) if state.outcome else None
        if asked is not None and asked >= 0:
            return max(asked, min_wait_s)
        return max(backoff_s * 2 ** (state.attempt_number - 1), min_wait_s)

    return AsyncRetrying(retry=retry_if_result(lambda outcome: retry_after(outcome) is not None),
                         stop=stop_after_attempt(retries + 1), wait=wait,
                         retry_error_callback=lambda state: state.outcome.result())
