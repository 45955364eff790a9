"""What a run tells its user on stderr besides errors: a live bar, and a closing summary line.

The bar (rich) measures the input as stored: bytes of files and archives (compressed ones at
their compressed size), so its total is known from the file sizes and its ETA is honest.  The
summary measures the text itself: MB/s there is UTF-8 bytes of article text per second of the
whole run, start-up included.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


@dataclass
class Tally:
    """Counts for the summary line."""

    read: int = 0  # articles extracted
    failed: int = 0  # articles, files or lines reported as failed
    mentions: int = 0
    text_bytes: int = 0
    started: float = field(default_factory=time.perf_counter)

    def summary(self) -> str:
        seconds = time.perf_counter() - self.started
        rate = self.text_bytes / 1e6 / seconds if seconds > 0 else 0.0
        return (
            f"{_count(self.read, 'article')} read, {self.failed} failed, "
            f"{_count(self.mentions, 'mention')}, {seconds:.1f} s, {rate:.2f} MB/s"
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class Bar:
    """A rich progress bar on stderr; ``Bar(None)`` shows nothing and costs nothing."""

    def __init__(self, total: Callable[[], int | None] | None) -> None:
        """``total`` computes the stored bytes of the whole input (in a thread); None: no bar."""
        self._total = total
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Bar:
        if self._total is None:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._progress = Progress(
            SpinnerColumn(),
            BarColumn(),
            TextColumn("{task.fields[articles]} articles"),
            DownloadColumn(binary_units=False),
            TransferSpeedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,  # the summary line stays; the bar goes
            redirect_stdout=False,  # stdout may be the data
            redirect_stderr=True,  # error lines print above the bar instead of through it
        )
        self._progress.start()
        self._task = self._progress.add_task("extract", total=None, articles=0)
        # Sizing a big folder takes a while: the bar starts at once and gets its total later.
        threading.Thread(target=self._set_total, args=(self._total,), daemon=True).start()
        return self

    def _set_total(self, total: Callable[[], int | None]) -> None:
        size = total()
        if size is not None and self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=size)

    def advance(self, stored_bytes: int, tally: Tally) -> None:
        if self._progress is not None and self._task is not None:
            articles = tally.read + tally.failed
            self._progress.update(self._task, advance=stored_bytes, articles=articles)

    def __exit__(self, *_: object) -> None:
        progress, self._progress = self._progress, None
        if progress is not None:
            progress.stop()
