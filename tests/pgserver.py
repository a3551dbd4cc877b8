"""A scratch PostgreSQL server on 127.0.0.1, for DuckLake tests and benchmarks.

Uses the server binaries of Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``,
or ``initdb`` on PATH). ``initdb`` refuses to run as root: as root, the cluster is created and
run as the ``postgres`` user, in a directory that user owns. Trust authentication, no
password; the server listens on 127.0.0.1 only, on a free port, and its socket directory is
inside the cluster's directory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server binaries, or the server did not start."""


def server_bin_dir() -> Path | None:
    """The directory holding initdb and pg_ctl, newest major version first; None if absent."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                   else 0, reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class ScratchPostgres:
    host: str
    port: int
    user: str

    def dsn(self, dbname: str) -> str:
        """A libpq key=value connection string for one database of this server."""
        return f"host={self.host} port={self.port} user={self.user} dbname={dbname}"

    bin_dir: Path

    def create_database(self, dbname: str) -> None:
        """CREATE DATABASE with the server's own ``createdb``."""
        _run([str(self.bin_dir / "createdb"), "-h", self.host, "-p", str(self.port),
              "-U", self.user, dbname])


@contextlib.contextmanager
def scratch_postgres(root: Path | None = None) -> Iterator[ScratchPostgres]:
    """Start a throw-away PostgreSQL server; stop it and delete its files afterwards."""
    bin_dir = server_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailableError(
            "PostgreSQL server binaries not found (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    owner = "postgres" if as_root else None
    base = Path(tempfile.mkdtemp(prefix="newsfeed-pg-", dir=root))
    data, run = base / "data", base / "run"
    run.mkdir()
    if owner:
        shutil.chown(base, owner)
        shutil.chown(run, owner)
        base.chmod(0o700)

    def as_owner(args: list[str]) -> list[str]:
        return ["runuser", "-u", owner, "--", *args] if owner else args

    port = _free_port()
    log = base / "server.log"
    try:
        _run(as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                       "--auth=trust", "--no-sync", "-E", "UTF8"]))
        options = (f"-c listen_addresses=127.0.0.1 -c port={port} "
                   f"-c unix_socket_directories={run} -c fsync=off "
                   f"-c max_connections=100")
        _run(as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                       "-w", "-t", "60", "start"]))
    except PostgresUnavailableError as exc:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        raise PostgresUnavailableError(f"{exc}\n{tail}") from None
    try:
        yield ScratchPostgres("127.0.0.1", port, "postgres", bin_dir)
    finally:
        with contextlib.suppress(PostgresUnavailableError):
            _run(as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                           "-w", "stop"]))
        shutil.rmtree(base, ignore_errors=True)


def _run(args: list[str]) -> None:
    try:
        subprocess.run(args, check=True, capture_output=True, text=True, timeout=120,
                       cwd="/")
    except (OSError, subprocess.SubprocessError) as exc:
        out = getattr(exc, "stderr", "") or getattr(exc, "stdout", "") or ""
        raise PostgresUnavailableError(f"{' '.join(args[:6])} failed: {exc} {out}") from exc


def wait_until_accepting(pg: ScratchPostgres, timeout_s: float = 30.0) -> None:
    """Wait until the server accepts TCP connections."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with socket.create_connection((pg.host, pg.port), timeout=1):
                return
        except OSError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)
