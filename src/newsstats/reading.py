"""Turn command-line PATH arguments into a stream of decoded documents.

Each argument expands to one or more sources (a name plus a way to load its bytes); every
source is then loaded and decoded on its own, so one bad file becomes an ``InputError`` item
in the stream instead of stopping the run.  Archive formats or parallel decoding can slot in
by adding source kinds to ``_sources`` or by consuming sources in a pool.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
# GB18030 is a superset of GBK and GB2312, so one fallback covers mainland legacy encodings.
FALLBACK_ENCODING = "gb18030"


@dataclass(frozen=True)
class Document:
    name: str
    text: str


@dataclass(frozen=True)
class InputError:
    name: str
    reason: str


Source = tuple[str, Callable[[], bytes]]


def read_inputs(
    paths: Iterable[str], encoding: str | None = None
) -> Iterator[Document | InputError]:
    """Yield one item per input file, in argument order; folders expand to sorted ``*.txt``."""
    for path in paths:
        for name, load in _sources(path):
            yield _read_source(name, load, encoding)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode with ``encoding`` if given, else UTF-8 (BOM or not), else GB18030."""
    if encoding is not None:
        text = data.decode(encoding)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode(FALLBACK_ENCODING)
    # A byte-order mark is never content, and leaving it would shift every offset by one.
    return text.removeprefix("\ufeff")


def _sources(path: str) -> Iterator[Source]:
    if path == STDIN:
        yield STDIN, sys.stdin.buffer.read
        return
    candidate = Path(path)
    if candidate.is_dir():
        for file in sorted(candidate.rglob("*.txt")):
            if file.is_file():
                yield str(file), file.read_bytes
    else:
        yield path, candidate.read_bytes


def _read_source(
    name: str, load: Callable[[], bytes], encoding: str | None
) -> Document | InputError:
    try:
        data = load()
    except OSError as error:
        return InputError(name, error.strerror or str(error))
    try:
        return Document(name, decode(data, encoding))
    except UnicodeDecodeError as error:
        tried = encoding or f"utf-8 or {FALLBACK_ENCODING}"
        return InputError(name, f"cannot decode as {tried} (byte offset {error.start})")
