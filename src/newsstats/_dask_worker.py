"""Preloaded into the workers of ``--scheduler local``: Ctrl-C reaches the whole process group,
and the client alone should answer it (it stops the workers), so workers ignore SIGINT.

Their stderr is the command's too, and the client reports every failure a user must see (a
task's error, a worker that died).  What a worker logs itself, even at ERROR, is then only the
noise of a stop: a heartbeat in flight when the scheduler closes prints a traceback.  So a local
worker logs only what is CRITICAL."""

from __future__ import annotations

import logging
import signal
import threading


def dask_setup(worker: object) -> None:
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
