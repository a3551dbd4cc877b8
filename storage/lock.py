"""One writer per database file: a lock file next to it, held for a whole run.

DuckDB lets one process write a file at a time, and the pipeline opens short connections so
that users can query between batches. Two runs (a scheduled ingest and a manual one, or an
ingest and a reprocess) would interleave their writes and the second would take the first
for crashed; the writer lock makes them take turns. The operating system releases the lock
when its process dies, so a crashed run never leaves it behind.

A DuckLake (``ducklake:…``) has no file to lock and is meant for several writers at once, on
several machines: there the lock is not taken, and concurrent write transactions are
serialised inside the lake instead (storage/transactions.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from newsfeed.storage.backend import is_lake


class WriterBusyError(RuntimeError):
    """Another run held the database's writer lock for longer than we were willing to wait."""


def lock_path(db: str | Path) -> Path:
    """The lock file of a database: ``news.duckdb`` → ``news.duckdb.writer.lock``."""
    db = Path(db)
    return db.with_name(db.name + ".writer.lock")


@contextlib.contextmanager
def writer_lock(db: str | Path, wait_s: float = 3600.0,
                on_wait: Callable[[Path], None] | None = None) -> Iterator[Path | None]:
    """Hold the writer lock of ``db`` for the block; wait up to ``wait_s`` seconds for it.

    ``on_wait`` is called once, before waiting, when another run holds the lock.
    Raises WriterBusyError after ``wait_s``. For a DuckLake, yields None at once.
    """
    if is_lake(db):
        yield None
        return
    path = lock_path(db)
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait(path)
        try:
            lock.acquire(timeout=max(wait_s, 0))
        except Timeout:
            raise WriterBusyError(
                f"another run is writing {db} (lock {path} held for more than {wait_s:.0f} s)"
            ) from None
    try:
        yield path
    finally:
        lock.release()
