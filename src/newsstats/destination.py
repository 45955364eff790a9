"""The ``-o FILE`` of a run: written under a temporary name, renamed into place at the end.

Rows go to ``.NAME.XXXXXXXX.part`` in the same folder (a rename within one filesystem is
atomic), so a reader of ``NAME``, or a second run writing the same ``NAME``, never sees a
file that mixes two runs or stops mid-row: ``NAME`` is either what it was before or one
run's whole output.

The output is cut back to whole articles: ``checkpoint()`` (called after each article is
written) records where the file ends, and a write that fails (disk full, ``ulimit -f``)
truncates the file back to that point before the error goes on.  A run that stops early
(Ctrl-C, SIGTERM, a full disk) still renames what it wrote: a valid file holding a prefix of
the input's articles is more use than nothing, and it ends where the run can be resumed.
Only SIGKILL (or a power cut) leaves the temporary file behind, and ``NAME`` untouched.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TextIO


class _WholeWrites(io.RawIOBase):
    """A file descriptor written with every byte asked for (``os.write`` may write fewer), and
    cut back to the last checkpoint when a write fails."""

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.checkpoint = 0  # bytes of whole articles

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        if self.descriptor < 0:
            raise ValueError("write to a closed output file")
        view = memoryview(data).cast("B")
        try:
            while view:
                written = os.write(self.descriptor, view)
                view = view[written:]
        except OSError:
            self.cut_back()
            raise
        return len(data)

    def cut_back(self) -> None:
        os.ftruncate(self.descriptor, self.checkpoint)
        os.lseek(self.descriptor, self.checkpoint, os.SEEK_SET)


class OutputFile:
    """A context manager: ``stream`` is the text stream to write; see the module docstring."""

    def __init__(self, path: Path) -> None:
        self.path = path
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent or "."
        )
        self._temporary = Path(temporary)
        os.fchmod(descriptor, _new_file_mode())  # mkstemp's 0600 would surprise: as open() does
        self._raw = _WholeWrites(descriptor)
        # newline="": line endings are the writer's; backslashreplace: an undecodable file
        # name must not abort the run.
        self.stream: TextIO = io.TextIOWrapper(
            self._raw, encoding="utf-8", newline="", errors="backslashreplace"
        )

    def checkpoint(self) -> None:
        """Everything written so far is whole articles: a later failure keeps it."""
        self.stream.flush()
        self._raw.checkpoint = os.lseek(self._raw.descriptor, 0, os.SEEK_CUR)

    def __enter__(self) -> OutputFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            try:
                self.stream.flush()
            except OSError:
                pass  # already cut back to the last whole article
            descriptor, self._raw.descriptor = self._raw.descriptor, -1
            os.close(descriptor)
        finally:
            # whatever stopped the run, what was written is whole rows in a closed format
            os.replace(self._temporary, self.path)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
