"""``newsfeed serve``: one long-running process that runs the ingest flow on a schedule.

It uses Prefect's ``serve``: the ``ingest`` deployment (scheduled) and the ``reprocess``
deployment (manual only) are registered with a Prefect API and their runs executed here, one
at a time. Without ``PREFECT_API_URL``, a local Prefect server is started as a child process
on 127.0.0.1 (schedules need a server's scheduler; Prefect's temporary in-process server has
none) and stopped on exit; its UI shows the runs. SIGINT (Ctrl-C) and SIGTERM stop cleanly.
The server is started through ``newsfeed.serving_child``, so that it gets SIGTERM when this
process dies, even of a SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from newsfeed.config import ConfigError, load_feeds
from newsfeed.storage.backend import check_db_writable

DEFAULT_CRON = "0 * * * *"  # hourly, on the hour
SERVER_START_TIMEOUT_S = 90.0


@dataclass(frozen=True)
class ServeOptions:
    """What to serve: the ingest flow's inputs and its schedule."""

    feeds_file: Path
    db: Path
    cron: str | None = None  # default: DEFAULT_CRON unless interval_s is given
    interval_s: float | None = None
    timezone: str | None = None  # IANA name; default UTC
    workers: int | None = None


def check_options(options: ServeOptions) -> None:
    """Fail at once, with a clear message, on bad inputs or a bad schedule."""
    load_feeds(options.feeds_file)
    check_db_writable(options.db)
    if options.cron and options.interval_s is not None:
        raise ConfigError("give either --cron or --interval, not both")
    if options.interval_s is not None and options.interval_s <= 0:
        raise ConfigError(f"--interval must be positive, got {options.interval_s}")
    make_schedule(options)


def make_schedule(options: ServeOptions):
    """The Prefect schedule of the ingest deployment (ConfigError when invalid)."""
    from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule
    from prefect.schedules import Cron, Interval
    from pydantic import ValidationError

    timezone = options.timezone or "UTC"
    try:
        if options.interval_s is not None:
            IntervalSchedule(interval=timedelta(seconds=options.interval_s), timezone=timezone)
            return Interval(options.interval_s, timezone=timezone)
        CronSchedule(cron=options.cron or DEFAULT_CRON, timezone=timezone)  # validates both
        return Cron(options.cron or DEFAULT_CRON, timezone=timezone)
    except (ValidationError, ValueError) as exc:
        raise ConfigError(f"invalid schedule: {exc}") from None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(api_url: str, process: subprocess.Popen, timeout_s: float) -> None:
    """Wait until the Prefect API at ``api_url`` answers; fail early if ``process`` exits."""
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"the Prefect server did not answer at {api_url} in {timeout_s:.0f} s")


def stop_process(process: subprocess.Popen, timeout_s: float = 15.0) -> None:
    """Stop a child started in its own session: SIGTERM to its group, then SIGKILL."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, timeout_s), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def prefect_api(port: int, say: Callable[[str], None]) -> Iterator[str]:
    """The Prefect API to use: ``PREFECT_API_URL`` if set, else a local server started here."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(
                f"port {port} is in use: to use a Prefect server already running there, set "
                f"PREFECT_API_URL={api_url}; else choose another --port")
    prefect = Path(sys.executable).with_name("prefect")
    # through the wrapper: the server dies with this process, even of a SIGKILL (Popen from
    # the main thread: PR_SET_PDEATHSIG fires when the starting thread ends)
    command = [sys.executable, "-m", "newsfeed.serving_child", str(os.getpid()),
               str(prefect) if prefect.exists() else "prefect", "server", "start",
               "--host", "127.0.0.1", "--port", str(port)]
    say(f"Starting a local Prefect server: UI at http://127.0.0.1:{port}")
    # stderr to a file, not a pipe: a pipe nobody reads would block the server once full
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors,
                                   start_new_session=True)  # its own group, stopped as a whole
        try:
            try:
                wait_healthy(api_url, process, SERVER_START_TIMEOUT_S)
            except RuntimeError as exc:
                stop_process(process)
                errors.seek(0)
                detail = errors.read().decode(errors="replace")[-2000:]
                raise RuntimeError(f"{exc}\n{detail}".strip()) from None
            from prefect.settings import PREFECT_API_URL, temporary_settings

            os.environ["PREFECT_API_URL"] = api_url  # for the flow runs' subprocesses
            with temporary_settings(updates={PREFECT_API_URL: api_url}):  # for this process
                yield api_url
        finally:
            os.environ.pop("PREFECT_API_URL", None)
            with _signals_deferred():  # a second Ctrl-C must not leave the server running
                stop_process(process)


def serve_ingest(options: ServeOptions, port: int = 0,
                 say: Callable[[str], None] = print) -> None:
    """Serve the ingest (scheduled) and reprocess (manual) deployments until stopped.

    At most one run at a time: a run that comes due while another runs waits for it; each
    deployment also has a concurrency limit of 1 (collision strategy CANCEL_NEW).
    """
    import newsfeed.flows  # noqa: F401 - applies newsfeed's Prefect defaults

    check_options(options)
    with _stop_signals():
        try:
            _serve(options, port, say)
        except KeyboardInterrupt:  # SIGTERM or Ctrl-C before the runner has started
            pass
        except SystemExit as exc:  # Prefect's SIGTERM handler before its runner has started
            if exc.code not in (0, None):
                raise
    say("Stopped.")


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done; they are delivered after."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _stop_signals() -> Iterator[None]:
    """SIGTERM and SIGINT stop serving the same way, whenever they come.

    Until Prefect's runner installs its own SIGTERM handler (a graceful shutdown), SIGTERM
    raises KeyboardInterrupt; SIGINT is handed to whichever SIGTERM handler is current.
    Left to itself, SIGINT would reach ``asyncio.run``'s handler, which only cancels the
    runner's task, and a cancellation that lands while the runner starts up can be
    swallowed: the process then never stops.
    """

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    def as_sigterm(signum: int, frame: object) -> None:
        handler = signal.getsignal(signal.SIGTERM)
        if not callable(handler):
            raise KeyboardInterrupt
        handler(signal.SIGTERM, frame)

    previous = {sig: signal.signal(sig, handler) for sig, handler in
                ((signal.SIGTERM, interrupt), (signal.SIGINT, as_sigterm))}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _serve(options: ServeOptions, port: int, say: Callable[[str], None]) -> None:
    feeds_file, db = str(options.feeds_file.resolve()), str(options.db.resolve())
    with prefect_api(port, say) as api_url:
        from prefect import serve
        from prefect.client.schemas.objects import (
            ConcurrencyLimitConfig,
            ConcurrencyLimitStrategy,
        )
        from prefect.types.entrypoint import EntrypointType

        from newsfeed.flows.ingest import ingest
        from newsfeed.flows.reprocess import reprocess

        one_at_a_time = ConcurrencyLimitConfig(
            limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
        ingest_params: dict = {"feeds_file": feeds_file, "db": db}
        reprocess_params: dict = {"db": db}
        if options.workers is not None:
            ingest_params["workers"] = reprocess_params["workers"] = options.workers
        deployments = [
            ingest.to_deployment(
                name="ingest", schedule=make_schedule(options), parameters=ingest_params,
                concurrency_limit=one_at_a_time, entrypoint_type=EntrypointType.MODULE_PATH,
                description="Fetch the feeds and store new articles with their facts."),
            reprocess.to_deployment(
                name="reprocess", parameters=reprocess_params, concurrency_limit=one_at_a_time,
                entrypoint_type=EntrypointType.MODULE_PATH,
                description="Extract facts again from stored bodies (manual runs only)."),
        ]
        say(f"Serving ingest ({_describe(options)}) and reprocess against {api_url}; "
            "Ctrl-C stops.")
        # limit=1: this process never runs two flows at once, whatever triggered them
        serve(*deployments, limit=1, print_starting_message=False)


def _describe(options: ServeOptions) -> str:
    tz = options.timezone or "UTC"
    if options.interval_s is not None:
        return f"every {options.interval_s:g} s"
    return f"cron {options.cron or DEFAULT_CRON!r} {tz}"
