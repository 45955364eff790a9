"""Preloaded into the workers of ``--scheduler local``: Ctrl-C reaches the whole process group,
and the client alone should answer it (it stops the workers), so workers ignore SIGINT."""

from __future__ import annotations

import signal
import threading


def dask_setup(worker: object) -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
