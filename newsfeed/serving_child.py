"""``python -m newsfeed.serving_child PARENT_PID COMMAND...``: run COMMAND, dying with its parent.

``newsfeed serve`` starts its local Prefect server through this wrapper. On Linux it asks the
kernel to send SIGTERM when the parent dies (``prctl(PR_SET_PDEATHSIG)``, which survives the
``exec``), then checks that the parent is still PARENT_PID — it may have died before the
``prctl`` — and replaces itself with COMMAND. So even a SIGKILLed serve does not leave the
server running. ``preexec_fn`` would do the same in the parent's fork, but is unsafe in a
process with threads; this runs in a fresh interpreter instead. Elsewhere it only execs.

The kernel sends the signal when the *thread* that started the child exits: start it from the
main thread (``newsfeed serve`` does).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int, sig: int = signal.SIGTERM) -> None:
    """Have ``sig`` sent to this process when its parent dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            errno = ctypes.get_errno()
            raise OSError(errno, f"prctl(PR_SET_PDEATHSIG): {os.strerror(errno)}")
    if os.getppid() != parent_pid:  # the parent died before the prctl: nobody will signal us
        raise SystemExit(f"parent process {parent_pid} is gone")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or not args[0].isdigit():
        raise SystemExit("usage: python -m newsfeed.serving_child PARENT_PID COMMAND [ARG...]")
    die_with_parent(int(args[0]))
    os.execvp(args[1], args[1:])


if __name__ == "__main__":
    main()
