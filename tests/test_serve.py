"""``newsfeed serve``: scheduled runs from one process, and a clean stop on SIGTERM or SIGINT."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsfeed.cli import app
from newsfeed.serving import stop_process

NEWSFEED = str(Path(sys.executable).with_name("newsfeed"))


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_serve_refuses_a_missing_feeds_file(tmp_path):
    result = invoke("serve", "--feeds", str(tmp_path / "missing.toml"),
                    "--db", str(tmp_path / "news.duckdb"))
    assert result.exit_code == 1 and "feeds file not found" in result.stderr


def test_serve_refuses_a_bad_schedule(demo_feeds, tmp_path):
    db = str(tmp_path / "news.duckdb")
    result = invoke("serve", "--feeds", str(demo_feeds), "--db", db, "--cron", "every hour")
    assert result.exit_code == 1 and "invalid schedule" in result.stderr
    result = invoke("serve", "--feeds", str(demo_feeds), "--db", db, "--cron", "0 * * * *",
                    "--timezone", "Mars/Olympus_Mons")
    assert result.exit_code == 1 and "invalid schedule" in result.stderr
    result = invoke("serve", "--feeds", str(demo_feeds), "--db", db, "--cron", "0 * * * *",
                    "--interval", "60")
    assert result.exit_code == 1 and "not both" in result.stderr


def start_serve(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), COLUMNS="200",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_RUNNER_POLL_FREQUENCY="2")
    log = (tmp_path / "serve.log").open("w")
    return subprocess.Popen([NEWSFEED, "serve", "--port", "0", *args], cwd=tmp_path, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def log_of(tmp_path: Path) -> str:
    return (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")


def wait_for(condition, timeout_s: float, what: str, process: subprocess.Popen, tmp_path: Path):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.poll() is None, f"serve exited early:\n{log_of(tmp_path)[-3000:]}"
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}:\n{log_of(tmp_path)[-3000:]}")


def completed_runs(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:  # being written right now
        return []
    try:
        return con.execute("SELECT run_id, articles_written FROM runs "
                           "WHERE status = 'completed' ORDER BY started_at").fetchall()
    except duckdb.Error:  # the schema is being created
        return []
    finally:
        con.close()


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def assert_stops_cleanly(process: subprocess.Popen, tmp_path: Path, sig: int) -> None:
    process.send_signal(sig)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"serve did not stop:\n{log_of(tmp_path)[-3000:]}") from None
    log = log_of(tmp_path)
    assert process.returncode in (0, 130), log[-3000:]
    assert "Stopped." in log and "Traceback" not in log, log[-3000:]
    # flow runs (serve's process group) and the local Prefect server went with it
    deadline = time.monotonic() + 10
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not group_alive(process.pid)
    port = int(re.search(r"UI at http://127\.0\.0\.1:(\d+)", log).group(1))
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


@pytest.mark.integration
def test_serve_runs_ingest_on_its_schedule_and_stops_on_sigterm(demo_feeds, tmp_path):
    db = tmp_path / "news.duckdb"
    serve = start_serve(tmp_path, "--feeds", str(demo_feeds), "--db", str(db),
                        "--interval", "5", "--workers", "0")
    try:
        wait_for(lambda: completed_runs(db), 150, "a scheduled run", serve, tmp_path)
        assert completed_runs(db)[0][1] == 11
        assert_stops_cleanly(serve, tmp_path, signal.SIGTERM)
    finally:
        stop_process(serve)
    log = log_of(tmp_path)
    assert "Serving ingest (every 5 s)" in log
    assert "Flow run" in log and "completed: 12 new items, 11 articles" in log


@pytest.mark.integration
def test_serve_stops_on_sigint(demo_feeds, tmp_path):
    serve = start_serve(tmp_path, "--feeds", str(demo_feeds), "--db",
                        str(tmp_path / "news.duckdb"))
    try:
        wait_for(lambda: "Serving ingest" in log_of(tmp_path), 120, "serve to start", serve,
                 tmp_path)
        assert_stops_cleanly(serve, tmp_path, signal.SIGINT)
    finally:
        stop_process(serve)
    assert "cron '0 * * * *' UTC" in log_of(tmp_path)


def server_port(tmp_path: Path) -> int:
    return int(re.search(r"UI at http://127\.0\.0\.1:(\d+)", log_of(tmp_path)).group(1))


def answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


def server_group(port: int) -> int | None:
    """The process group of the process listening on ``port`` (from /proc), if any."""
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inode = fields[9]  # state 0A: LISTEN
    if inode is None:
        return None
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]" for fd in fds):
                return os.getpgid(int(pid))
        except OSError:  # gone meanwhile, or not ours to look at
            continue
    return None


@pytest.mark.integration
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_sigkilled_serve_does_not_leave_its_prefect_server_running(demo_feeds, tmp_path):
    serve = start_serve(tmp_path, "--feeds", str(demo_feeds), "--db",
                        str(tmp_path / "news.duckdb"))
    group = None
    try:
        wait_for(lambda: "Serving ingest" in log_of(tmp_path), 120, "serve to start", serve,
                 tmp_path)
        port = server_port(tmp_path)
        group = server_group(port)
        assert group is not None and group != serve.pid  # its own session, as before
        serve.kill()  # no chance to stop the server itself
        serve.wait(10)
        deadline = time.monotonic() + 60  # generous: a loaded machine; no fixed sleep
        while (answers(port) or group_alive(group)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not answers(port), "the Prefect server still answers"
        assert not group_alive(group), "the Prefect server's process group is still there"
    finally:
        stop_process(serve)
        if group is not None and group_alive(group):  # the test failed: leave nothing behind
            os.killpg(group, signal.SIGKILL)
