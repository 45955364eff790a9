"""Turn command-line PATH arguments into tasks, and tasks into decoded articles.

Reading happens in two halves so that a process pool can share it out:

* ``tasks(paths)`` runs in the parent.  It expands each argument, lazily and in order, into
  small picklable tasks: a file to read (``FileTask``: plain text, HTML or a JSON array of
  articles, also ``.gz``/``.bz2``/``.xz``), standard input (``StdinTask``: text, or JSONL when
  every line is an object; past 2 MB, read as it comes in ``StdinPart``s or ``JsonlBlock``s),
  a part of a huge text file (``FilePart``) or a block of lines of a JSONL archive
  (``JsonlBlock``).
  A path that cannot even be expanded becomes an ``InputError`` in the stream.
* ``articles(task, options)`` runs wherever the task is processed (a worker).  It loads and
  decodes the task's text and yields one ``Document`` per article, or an ``InputError`` for a
  file that cannot be read or decoded, or a JSONL line that is broken.

Workers read files themselves, so a file's text crosses no pipe; a JSONL archive is read once
by the parent (it must find the line boundaries and count lines) and its blocks go to the
workers as raw bytes.  Nothing here holds more than one block or one folder listing at a time.
"""

from __future__ import annotations

import bz2
import codecs
import dataclasses
import datetime
import gzip
import io
import json
import lzma
import os
import re
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO

STDIN = "-"
COMPRESSED = (".gz", ".bz2", ".xz")
JSONL = (".jsonl", ".ndjson")
JSON = (".json",)  # one array of article objects
HTML = (".html", ".htm")
# What --input-format may force; by default a file's extension decides, and stdin its content.
INPUT_FORMATS = ("text", "jsonl", "json", "html")
# What a folder expands to when no --glob is given: every kind we read, compressed or not.
READ_KINDS = (".txt", *JSONL, *JSON, *HTML)
DEFAULT_PATTERNS = tuple(
    f"*{kind}{packing}" for kind in READ_KINDS for packing in ("", *COMPRESSED)
)
# A JSONL task is at least one line and about this many bytes: big enough that the pipe and
# pickling cost nothing next to extraction, small enough to share a modest archive evenly
# among the workers and to move the progress bar smoothly.
BLOCK_BYTES = 64 * 1024
# A plain-text file bigger than twice this is extracted in parts of about this size, cut at
# paragraph breaks: time stays linear and memory flat however big the file, and its rows
# come out as it goes.  An article is rarely more than a few tens of KB.
PART_BYTES = 1024 * 1024
# What reading a stored file can raise: OSError (unreadable, not gzip/bz2 data), EOFError
# (a truncated archive), and the decompressors' own errors.
READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)
# Whether a file is binary, and which encoding its text is in, is judged on its head.
BINARY_PROBE = 8192
# More NUL bytes than this share of the head (padding at the end aside) is not text: one
# stray NUL in an article is a character, an image or an office document has them all over.
NUL_SHARE = 0.01
# Formats that start with a signature, to be named in the error (many have few NULs early).
MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "zip archive or office document"),
    (b"\xd0\xcf\x11\xe0", "office document"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)
# Legacy Chinese encodings to choose between when a text is not UTF-8: mainland (GB18030, a
# superset of GBK and GB2312) and Taiwan / Hong Kong (Big5-HKSCS, a superset of Big5).
LEGACY_ENCODINGS = ("gb18030", "big5hkscs")
# The encodings the detector chooses among: the legacy encodings of the WHATWG Encoding
# Standard (those a browser reads a web page in, which text files come in too), as Python
# names them; UTF-16 aside, which our own check places (a detector's guess of it for
# legacy bytes, cut into lines, would be garbage) and the classic Mac OS code pages (gone
# with it in 2001, and the detector's pick for short German or French lines), and with
# Python's wider twins of two (windows-31J for Shift_JIS, UHC for EUC-KR, as browsers read
# them).  Left to choose among all Python's codecs, it picks DOS code pages for Latin text.
WEB_ENCODINGS = (
    "cp866", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7",
    "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "koi8_r", "koi8_u", "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255",
    "cp1256", "cp1257", "cp1258", "gbk", "gb18030", "big5", "euc_jp", "iso2022_jp",
    "shift_jis", "cp932", "euc_kr", "cp949",
)
# Fewer non-ASCII bytes than this are too few to tell one code page from another: a
# detector finds some code page for any two bytes (two damaged ones would read as Cyrillic).
DETECTOR_EVIDENCE = 4
# 7-bit encodings that switch character sets by escape sequences (ESC $ B, ESC $ ) C...)
ESCAPED_ENCODINGS = ("iso2022_jp", "iso2022_jp_2", "iso2022_kr")
# More undecodable sequences than this per non-ASCII byte is text in another encoding, not
# a Chinese one with a few broken bytes.
BROKEN_SHARE = 0.02
# What our own check has weighed already (as codecs.lookup names them): when a detector
# guesses one of these for text the check found implausible in both, it adds nothing.
DECIDED_ENCODINGS = frozenset(
    ("gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "ascii", "utf-8")
)
# Below this share of common characters (see _commonness) a decoding is probably wrong.
PLAUSIBLE = 0.6
# A JSONL line longer than this is not read into memory (a compressed bomb, a dump that is
# not JSONL): it is reported and skipped.
MAX_LINE_BYTES = 64 * 1024 * 1024
# Nor is a compressed file read whole past this (decompressed): a plain file that big is
# read in parts (FilePart), but a compressed one cannot be cut without reading it through.
MAX_WHOLE_BYTES = 64 * 1024 * 1024
# Text in UTF-16 or UTF-32 has NUL bytes too, but says so with a byte-order mark.
WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
WIDE_BOM_BYTES = tuple(bom for bom, _ in WIDE_BOMS)

# ...and without one, recognised by reading like Chinese; the code unit's width in bytes
WIDE_WITHOUT_BOM = (("utf-16-le", 2), ("utf-16-be", 2), ("utf-32-le", 4), ("utf-32-be", 4))


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    warning: str | None = None  # read, but not cleanly (mixed encodings)
    continued: bool = False  # a later part of a file cut in parts (see FilePart)


@dataclass(frozen=True)
class InputError:
    name: str
    reason: str


@dataclass(frozen=True)
class ReadOptions:
    """How to read the inputs, and what the worker that reads them does with each article."""

    encoding: str | None = None
    jsonl_text: str = "text"
    jsonl_id: str | None = None
    date: datetime.date | None = None  # the articles' date, for 今年 and 目前
    check: bool = False  # also look for inconsistent figures (`newsstats check`)
    input_format: str | None = None  # one of INPUT_FORMATS, or None: by extension / content


@dataclass(frozen=True)
class FileTask:
    """One article in a file, read (and decompressed) by whoever processes the task."""

    name: str


@dataclass(frozen=True)
class StdinTask:
    data: bytes
    name: str = STDIN


@dataclass(frozen=True)
class JsonlBlock:
    """Consecutive lines of a JSONL archive; ``first_line`` is the 1-based number of the first."""

    name: str
    first_line: int
    data: bytes
    size: int  # bytes of the archive as stored (compressed if it is) that this block covers


@dataclass(frozen=True)
class FilePart:
    """Bytes ``offset`` to ``offset + length`` of a plain-text file too big to extract whole,
    cut at a paragraph break: the parts of one file are extracted apart, in parallel, and
    their rows joined again in order, with offsets counted from the file's start
    (``archive.Joiner``).  A figure is never split, as no statistic spans a line break."""

    name: str
    offset: int
    length: int


@dataclass(frozen=True)
class StdinPart:
    """Bytes ``offset`` to ``offset + len(data)`` of standard input too big to extract whole,
    cut at a paragraph break as a ``FilePart`` is: rows are joined again the same way."""

    data: bytes
    offset: int
    name: str = STDIN


Task = FileTask | StdinTask | JsonlBlock | FilePart | StdinPart


# --- the parent's half: arguments to tasks ---------------------------------------------------


def tasks(
    paths: Iterable[str],
    patterns: Iterable[str] | None = None,
    block_bytes: int | None = None,
    input_format: str | None = None,
) -> Iterator[Task | InputError]:
    """Tasks for every input, in argument order; folders expand to their matching files, sorted.

    ``patterns`` (default ``DEFAULT_PATTERNS``) choose the files below a folder; a file named
    on the command line is always read, whatever its name.  ``input_format`` "jsonl" cuts
    every file into blocks of lines whatever its extension, and any other value none.
    """
    block_bytes = block_bytes or BLOCK_BYTES
    for name in inputs(paths, patterns):
        if isinstance(name, InputError):
            yield name
        elif name == STDIN:
            yield from _stdin_tasks(sys.stdin.buffer, block_bytes, input_format)
        else:
            yield from _file_tasks(name, block_bytes, input_format)


def whole_stdin() -> StdinTask | InputError:
    """Standard input read whole, as one task (where parts could not be joined again)."""
    try:
        return StdinTask(sys.stdin.buffer.read())
    except OSError as error:
        return InputError(STDIN, _reason(error))


def _stdin_tasks(
    stream: IO[bytes], block_bytes: int, input_format: str | None = None
) -> Iterator[Task | InputError]:
    """Standard input as one task, or, past ``2 * PART_BYTES``, as a plain file would be:
    JSONL in blocks of lines, text in parts cut at paragraph breaks, read as they are needed,
    so that memory stays flat however much is piped in.  What cannot be cut at line breaks (a
    JSON array, an HTML page, UTF-16/32 text) is read whole."""
    try:
        head = stream.read(2 * PART_BYTES + 1)
        if len(head) <= 2 * PART_BYTES:
            yield StdinTask(head)
            return
        probe = head[:BINARY_PROBE]
        _sniff_head(probe)
        whole_lines = head[: head.rfind(b"\n") + 1]
        kind = input_format or _sniffed_format(whole_lines, None)
        if kind == "jsonl":
            replayed = io.BufferedReader(_Replayed(head, stream))
            yield from _jsonl_blocks(STDIN, replayed, block_bytes)
        elif kind != "text" or probe.startswith(WIDE_BOM_BYTES) or b"\x00" in probe:
            yield StdinTask(head + stream.read())
        else:
            for offset, data in _streamed_parts(head, stream):
                yield StdinPart(data, offset)
    except Unreadable as error:
        yield InputError(STDIN, str(error))
    except READ_ERRORS as error:
        yield InputError(STDIN, _reason(error))


def _streamed_parts(head: bytes, stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """``head`` and the rest of ``stream`` in parts, each with its offset, cut as
    ``_paragraph_cuts`` cuts a file: past ``PART_BYTES``, at a blank line within 64 KB, else
    at the next line break; at most about ``3 * PART_BYTES`` is held at a time."""
    window = 64 * 1024
    held = bytearray(head)
    offset = 0
    ended = False
    while True:
        while not ended and len(held) <= 2 * PART_BYTES:
            chunk = stream.read(PART_BYTES)
            ended = not chunk
            held += chunk
        if len(held) <= 2 * PART_BYTES:  # the end: the rest is the last part
            if held:
                yield offset, bytes(held)
            return
        blank = held.find(b"\n\n", PART_BYTES, PART_BYTES + window)
        cut = blank + 2 if blank >= 0 else held.find(b"\n", PART_BYTES) + 1
        while not cut and not ended:  # one long line: read on to its end
            searched = len(held)
            chunk = stream.read(PART_BYTES)
            ended = not chunk
            held += chunk
            cut = held.find(b"\n", searched) + 1
        if not cut:  # one line to the end: the rest is one part
            yield offset, bytes(held)
            return
        yield offset, bytes(held[:cut])
        offset += cut
        del held[:cut]


class _Replayed(io.RawIOBase):
    """The bytes of ``head``, already read, then the rest of ``stream``: standard input read
    on after its head was looked at.  Counts what it gives for ``tell``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._stream = stream
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
        else:
            data = self._stream.read(len(buffer))
            count = len(data)
            buffer[:count] = data
        self._position += count
        return count

    def tell(self) -> int:
        return self._position


def inputs(
    paths: Iterable[str], patterns: Iterable[str] | None = None
) -> Iterator[str | InputError]:
    """The files (and ``-``) the arguments name, in order: folders walked, lazily."""
    chosen = tuple(patterns or DEFAULT_PATTERNS)
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = False
            for item in walk(path, chosen):
                found = found or not isinstance(item, InputError)
                yield item
            if not found:
                # "0 articles read" and exit 0 would pass for an empty result, not a wrong path
                wanted = (
                    f"--glob {' '.join(repr(pattern) for pattern in patterns)}"
                    if patterns
                    else ", ".join(f"*{kind}" for kind in READ_KINDS)
                )
                yield InputError(path, f"no input: no file below it matches {wanted}")
        else:
            yield path


def walk(folder: str, patterns: tuple[str, ...]) -> Iterator[str | InputError]:
    """Files below ``folder`` matching any pattern, in the order of ``sorted(Path.rglob())``.

    A depth-first walk that sorts one folder's entries at a time, so memory grows with the
    largest folder, not with the whole tree.  Symlinked folders are not followed (as rglob);
    a folder that cannot be listed is an ``InputError`` rather than silently left out.
    """
    root = Path(folder)  # normalised as rglob's results are: no "./", no doubled "/"
    stack: list[Iterator[os.DirEntry[str]]] = []

    def enter(directory: str) -> InputError | None:
        try:
            with os.scandir(directory) as entries:
                stack.append(iter(sorted(entries, key=lambda entry: entry.name)))
        except OSError as error:
            return InputError(directory, _reason(error))
        return None

    problem = enter(str(root))
    if problem:
        yield problem
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            is_dir = entry.is_dir() and not entry.is_symlink()
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        if is_dir:
            problem = enter(entry.path)
            if problem:
                yield problem
        elif is_file:
            relative = PurePath(entry.path).relative_to(root)
            if any(relative.match(pattern) for pattern in patterns):
                yield entry.path


def input_size(paths: Iterable[str], patterns: Iterable[str] | None = None) -> int | None:
    """Bytes on disk of every input, for a progress bar's ETA; None if stdin is among them."""
    total = 0
    for name in inputs(paths, patterns):
        if name == STDIN:
            return None
        if isinstance(name, InputError):
            continue
        try:
            total += os.stat(name).st_size
        except OSError:
            pass
    return total


def is_jsonl(name: str, input_format: str | None = None) -> bool:
    if input_format is not None:
        return input_format == "jsonl"
    return _unpacked(name).lower().endswith(JSONL)


def file_format(name: str, input_format: str | None = None) -> str:
    """How a file is read: ``input_format`` if given, else by its (unpacked) extension."""
    if input_format is not None:
        return input_format
    unpacked = _unpacked(name).lower()
    if unpacked.endswith(JSONL):
        return "jsonl"
    if unpacked.endswith(JSON):
        return "json"
    if unpacked.endswith(HTML):
        return "html"
    return "text"


def _unpacked(name: str) -> str:
    """The name without a compression suffix: ``a.jsonl.gz`` -> ``a.jsonl``."""
    base, extension = os.path.splitext(name)
    return base if extension.lower() in COMPRESSED else name


def _file_tasks(
    name: str, block_bytes: int, input_format: str | None = None
) -> Iterator[Task | InputError]:
    if not is_jsonl(name, input_format):
        # only plain text is cut into parts: a JSON array or an HTML page is read whole
        if file_format(name, input_format) == "text":
            yield from _text_tasks(name)
        else:
            yield FileTask(name)
        return
    try:
        with open(name, "rb") as raw:
            yield from _jsonl_blocks(name, raw, block_bytes)
    except Unreadable as error:
        yield InputError(name, str(error))
    except READ_ERRORS as error:
        # unreadable, or the compressed stream is broken part-way through (the lines before
        # the break have been yielded)
        yield InputError(name, _reason(error))


def _text_tasks(name: str) -> Iterator[FileTask | FilePart]:
    """One task for a text file, or its parts if it is big, plain (seekable) and cut safely at
    line breaks: not UTF-16/32, where a newline byte may be half a character."""
    try:
        size = os.stat(name).st_size
        if size <= 2 * PART_BYTES or _unpacked(name) != name:
            yield FileTask(name)
            return
        with open(name, "rb") as raw:
            head = raw.read(BINARY_PROBE)
            if head.startswith(WIDE_BOM_BYTES) or b"\x00" in head:
                yield FileTask(name)
                return
            cuts = list(_paragraph_cuts(raw, size))
    except OSError:
        yield FileTask(name)  # the worker reports it
        return
    for start, end in zip([0, *cuts], [*cuts, size], strict=True):
        yield FilePart(name, start, end - start)


def _paragraph_cuts(raw: IO[bytes], size: int) -> Iterator[int]:
    """Offsets just past a line break, about ``PART_BYTES`` apart; a blank line (a paragraph
    break) near the target is preferred to any line break."""
    window = 64 * 1024
    position = 0
    while position + 2 * PART_BYTES < size:
        raw.seek(position + PART_BYTES)
        near = raw.read(window)
        blank = near.find(b"\n\n")
        if blank >= 0:
            cut = position + PART_BYTES + blank + 2
        else:
            cut = _next_line_break(raw, position + PART_BYTES, near, window)
            if cut is None:
                return  # one line to the end: the rest is one part
        yield cut
        position = cut


def _next_line_break(raw: IO[bytes], start: int, near: bytes, window: int) -> int | None:
    offset = start
    while near:
        found = near.find(b"\n")
        if found >= 0:
            return offset + found + 1
        offset += len(near)
        near = raw.read(window)
    return None


def _jsonl_blocks(
    name: str, raw: IO[bytes], block_bytes: int
) -> Iterator[JsonlBlock | InputError]:
    stream = _decompressor(name, raw)
    sniff(name, stream)
    lines: list[bytes] = []
    held = 0
    first_line = line_number = 1
    position = 0  # where in the stored archive the current block starts

    def block() -> JsonlBlock:
        nonlocal position
        end = raw.tell()
        done = JsonlBlock(name, first_line, b"".join(lines), end - position)
        position = end
        return done

    try:
        for line in _capped_lines(stream):
            if line is None:  # too long to hold: reported in its place, and skipped
                if lines:
                    yield block()
                limit = MAX_LINE_BYTES // 1024 // 1024
                yield InputError(f"{name}#{line_number}", f"line longer than {limit} MB: skipped")
                line_number += 1
                lines, held, first_line = [], 0, line_number
                continue
            lines.append(line)
            held += len(line)
            line_number += 1
            if held >= block_bytes:
                yield block()
                lines, held, first_line = [], 0, line_number
    except READ_ERRORS:
        # the stream broke part-way: the lines read before the break are still articles
        if lines:
            yield block()
        raise
    if lines:
        yield block()


def _capped_lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """The stream's lines; None for one longer than ``MAX_LINE_BYTES``, read past in pieces."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield line
            continue
        del line
        while True:
            rest = stream.readline(1024 * 1024)
            if not rest or rest.endswith(b"\n"):
                break
        yield None


# --- the worker's half: tasks to articles ----------------------------------------------------


def articles(task: Task | InputError, options: ReadOptions) -> Iterator[Document | InputError]:
    """The articles of one task, in order; problems become ``InputError`` items."""
    if isinstance(task, InputError):
        yield task
    elif isinstance(task, JsonlBlock):
        yield from _block_articles(task, options)
    elif isinstance(task, (FilePart, StdinPart)):
        part = task
        load = (lambda: _read_part(part)) if isinstance(part, FilePart) else (lambda: part.data)
        document = _document(task.name, load, options.encoding)
        if isinstance(document, Document) and task.offset:
            document = dataclasses.replace(document, continued=True)
        yield document
    elif isinstance(task, StdinTask):
        kind = options.input_format or _sniffed_format(task.data, options.encoding)
        yield from _typed_articles(task.name, lambda: task.data, kind, options)
    else:
        kind = file_format(task.name, options.input_format)
        yield from _typed_articles(task.name, lambda: _read(task.name), kind, options)


def _typed_articles(
    name: str, load: Callable[[], bytes], kind: str, options: ReadOptions
) -> Iterator[Document | InputError]:
    if kind == "jsonl":
        # a file forced to JSONL after all (a FileTask when the runner cut no blocks)
        try:
            data = load()
        except READ_ERRORS as error:
            yield InputError(name, _reason(error))
            return
        yield from _block_articles(JsonlBlock(name, 1, data, len(data)), options)
        return
    document = _document(name, load, options.encoding)
    if isinstance(document, InputError) or kind == "text":
        yield document
    elif kind == "html":
        from .html_text import body_text

        yield Document(name, body_text(document.text), document.warning)
    else:
        yield from _json_articles(document, options)


def _sniffed_format(data: bytes, encoding: str | None) -> str:
    """ "jsonl" when every non-blank line of ``data`` is a JSON object, else "text"."""
    try:
        text, _ = decode_text(data, encoding)
    except (UnicodeDecodeError, BinaryInput):
        return "text"  # reading it as text reports the problem
    seen = False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("{"):
            return "text"
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            return "text"
        if not isinstance(record, dict):
            return "text"
        seen = True
    return "jsonl" if seen else "text"


def _json_articles(document: Document, options: ReadOptions) -> Iterator[Document | InputError]:
    """The articles of a JSON file: an array of objects (or one object), named ``FILE#N``."""
    try:
        records = json.loads(document.text)
    except json.JSONDecodeError as error:
        yield InputError(
            document.name, f"not JSON: {error.msg} (line {error.lineno} column {error.colno})"
        )
        return
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        yield InputError(
            document.name, f"not a JSON array of articles but {type(records).__name__}"
        )
        return
    for number, record in enumerate(records, 1):
        yield _record_article(document.name, number, record, document.warning, options)


def stored_size(task: Task | InputError) -> int:
    """Bytes the task covers as stored, for the progress bar (0 where it cannot be known)."""
    if isinstance(task, JsonlBlock):
        return task.size
    if isinstance(task, (StdinTask, StdinPart)):
        return len(task.data)
    if isinstance(task, FilePart):
        return task.length
    if isinstance(task, FileTask):
        try:
            return os.stat(task.name).st_size
        except OSError:
            return 0
    return 0


class Unreadable(ValueError):
    """Input refused before it is decoded: why, in a line for the user."""


class BinaryInput(Unreadable):
    """Bytes that are not text at all."""


class TooBig(Unreadable):
    """More than can be held in memory at once."""


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """The text of ``data`` and, if it could not be read cleanly, a warning saying how.

    With ``encoding`` given, decoding is strict. Otherwise a UTF-16/32 byte-order mark picks
    that codec; NUL bytes padding the end are dropped (with a warning); a signature (PDF, PNG,
    zip…) or many NUL bytes in the head mean a binary file (``BinaryInput``), unless the head
    reads as UTF-16 without a byte-order mark. UTF-8 is tried (ISO-2022 if 7-bit text has
    escape sequences), then each line on its own as UTF-8 or else the legacy encoding
    (GB18030 or Big5-HKSCS) whose reading of the file looks most like Chinese text, so an
    archive pasted together from several keeps every line readable; a line that is neither
    has its bad bytes replaced.  Text that looks Chinese in neither legacy encoding is placed
    by charset-normalizer (``_detected``) if it can, still line by line.
    """
    if encoding is not None:
        return data.decode(encoding).removeprefix("\ufeff"), None
    wide = next((codec for bom, codec in WIDE_BOMS if data.startswith(bom)), None)
    if wide is not None:
        return data.decode(wide).removeprefix("\ufeff"), None
    body = data.rstrip(b"\x00")
    padding = len(data) - len(body)
    unpadded = (
        f"warning: {padding} NUL byte(s) of padding at the end dropped" if padding else None
    )
    if padding and not body:
        raise BinaryInput("binary file (nothing but NUL bytes)")
    head = body[:BINARY_PROBE]
    _refuse_binary(head)
    nuls = head.count(b"\x00")
    if nuls > NUL_SHARE * len(head):
        wide_text = _wide_without_bom(data)
        if wide_text is not None:
            return wide_text, None
        _refuse_nuls(head)
    try:
        # A byte-order mark is never content, and leaving it would shift every offset by one.
        utf8 = body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    else:
        # 7-bit text with escape sequences is ISO-2022 (Japanese, Korean) rather than ASCII
        escaped = _escaped(body) if b"\x1b" in body else None
        return escaped or utf8, unpadded
    if not nuls:
        wide_text = _wide_without_bom(data)  # UTF-16 Chinese may have no NUL byte at all
        if wide_text is not None:
            return wide_text, None
    fallback, score = _likeliest_legacy(body)
    ours = _lines(body, fallback)
    text, warning = _worded(ours, fallback)
    if score < PLAUSIBLE or ours.replaced > BROKEN_SHARE * _non_ascii(body):
        # Chinese in neither legacy encoding, or many bytes undecodable (more than a few
        # broken ones): a general detector may know what it is
        detected = _detected(body, ours.replaced)
        if detected is not None:
            text, warning = detected
        elif warning is None:
            warning = (
                f"warning: the encoding is unclear (read as {fallback}); if the rows look "
                "wrong, give it with --encoding"
            )
    if unpadded:
        warning = f"{unpadded}; {warning.removeprefix('warning: ')}" if warning else unpadded
    return text, warning


def _non_ascii(data: bytes) -> int:
    return len(data.translate(None, ASCII_BYTES))  # the bytes left when ASCII is deleted


ASCII_BYTES = bytes(range(128))


def _refuse_binary(head: bytes) -> None:
    for signature, kind in MAGIC:
        if head.startswith(signature):
            raise BinaryInput(f"binary file ({kind})")


def _refuse_nuls(head: bytes) -> None:
    first = head.find(b"\x00")
    hint = ""
    offsets = list(_nul_offsets(head))
    if len(offsets) > 1 and len({offset % 2 for offset in offsets}) == 1:
        hint = "; if it is UTF-16 text, give --encoding utf-16-le or utf-16-be"
    raise BinaryInput(f"binary file (NUL byte at offset {first}{hint})")


def _nul_offsets(head: bytes) -> Iterator[int]:
    offset = head.find(b"\x00")
    while offset >= 0:
        yield offset
        offset = head.find(b"\x00", offset + 1)


def sniff(name: str, stream: IO[bytes]) -> None:
    """Refuse a binary stream from its decompressed head, before reading on: a compressed
    bomb (a gigabyte of zeros in a megabyte of gzip) is rejected having cost 8 KB."""
    peek = getattr(stream, "peek", None)
    _sniff_head(peek(BINARY_PROBE)[:BINARY_PROBE] if peek is not None else b"")


def _sniff_head(head: bytes) -> None:
    if len(head) < BINARY_PROBE or head.startswith(WIDE_BOM_BYTES):
        return  # a short file is judged whole, by decode_text; a BOM says it is text
    _refuse_binary(head)
    if head.count(b"\x00") > NUL_SHARE * len(head) and _wide_head(head) is None:
        _refuse_nuls(head)


def _wide_head(head: bytes) -> str | None:
    return _wide_without_bom(head[: len(head) - len(head) % 2])


def _wide_without_bom(data: bytes) -> str | None:
    """The text, if ``data`` reads as Chinese in UTF-16 or UTF-32 (little or big endian)
    without a BOM."""
    best: tuple[float, str] | None = None
    for codec, width in WIDE_WITHOUT_BOM:
        if len(data) % width:
            continue
        try:
            head = data[:BINARY_PROBE].decode(codec)
        except UnicodeDecodeError:  # a surrogate cut at the probe's end, or not this codec
            try:
                head = data[: BINARY_PROBE - 2].decode(codec)
            except UnicodeDecodeError:
                continue
        score = _commonness(head)
        if score >= 0.9 and (best is None or score > best[0]):
            best = (score, codec)
    if best is None:
        return None
    try:
        return data.decode(best[1])
    except UnicodeDecodeError:
        return None


def _legacy_sample(data: bytes) -> bytes:
    """The lines of the head of ``data`` that are not UTF-8: what a legacy encoding must read."""
    sample = []
    held = 0
    for line in data.split(b"\n", 200)[:200]:
        if held >= 4 * BINARY_PROBE:
            break
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            sample.append(line)
            held += len(line)
    return b"\n".join(sample)


def _likeliest_legacy(data: bytes) -> tuple[str, float]:
    """The legacy encoding whose reading of the non-UTF-8 lines of the head looks most like
    Chinese text, and that reading's share of common characters (0 when the mainland reading
    shows the text to be Japanese or Korean: for a detector to place)."""
    probe = _legacy_sample(data)
    readings = [probe.decode(codec, "replace") for codec in LEGACY_ENCODINGS]
    if _euc_shaped(probe) and _japanese_or_korean(readings[0]):
        return LEGACY_ENCODINGS[0], 0.0
    scored = [
        (_commonness(reading, ascii_too=False), -rank, codec)
        for rank, (reading, codec) in enumerate(zip(readings, LEGACY_ENCODINGS, strict=True))
    ]
    score, _, codec = max(scored)
    return codec, score


def _euc_shaped(data: bytes) -> bool:
    """Whether every run of non-ASCII bytes is whole pairs, as in EUC-JP, EUC-KR and GB2312:
    Big5 and GBK have second halves in the ASCII range too, which cut runs at odd lengths."""
    runs = NON_ASCII_RUN.findall(data)
    return bool(runs) and all(len(run) % 2 == 0 for run in runs)


def _japanese_or_korean(gb_reading: str) -> bool:
    """Whether the GB18030 reading of legacy bytes betrays EUC-JP or EUC-KR, which share
    GB2312's layout: Japanese kana sit where GB2312 has its kana, and Korean's 2,350 hangul
    fill exactly GB2312's rows 16-40 (hanzi a Chinese text of any length mixes with those
    of rows 41-55, such as 是, 在, 中, 这 and 年)."""
    kana = len(gb_reading) - len(KANA.sub("", gb_reading))
    hanzi = len(gb_reading) - len(HANZI.sub("", gb_reading))
    if kana >= 5 and kana >= 0.1 * (kana + hanzi):
        return True
    return hanzi >= 30 and _later_level1().isdisjoint(gb_reading)


NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
KANA = re.compile("[\u3040-\u30ff]")
HANZI = re.compile("[\u4e00-\u9fff]")
_LATER: frozenset[str] = frozenset()


def _later_level1() -> frozenset[str]:
    """GB2312's level-1 hanzi of rows 41-55 (lead bytes 0xC9-0xD7), built once."""
    global _LATER
    if not _LATER:
        rows = bytes(
            byte for lead in range(0xC9, 0xD8) for trail in range(0xA1, 0xFF)
            for byte in (lead, trail)
        )
        _LATER = frozenset(rows.decode("gb2312", "ignore"))
    return _LATER


def _detected(data: bytes, replaced: int) -> tuple[str, str | None] | None:
    """The text and a warning, when charset-normalizer places the non-UTF-8 lines of ``data``
    in an encoding other than those ``_likeliest_legacy`` weighs (Shift-JIS, EUC-KR,
    windows-1252…) and that encoding leaves no more than ``replaced`` byte sequences
    undecodable (as many as our own reading did)."""
    sample = _legacy_sample(data)
    if _non_ascii(sample) < DETECTOR_EVIDENCE or _broken_utf8(sample):
        return None
    codec = _detector_guess(sample)
    if codec is None or codec in DECIDED_ENCODINGS:
        return None
    lines = _lines(data, codec)
    if lines.replaced > replaced:
        return None
    text, warning = _worded(lines, codec)
    guessed = (
        f"warning: not Chinese in GB18030 or Big5, read as {codec} (detected); if the rows "
        "look wrong, give the encoding with --encoding"
    )
    return text, f"{guessed}; {warning.removeprefix('warning: ')}" if warning else guessed


def _broken_utf8(sample: bytes) -> bool:
    """Whether lines that are not UTF-8 are mostly UTF-8 all the same, with a few bad bytes
    (a file cut mid-character, a damaged byte): nothing for a detector to place."""
    text = sample.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii - bad >= bad


def _escaped(data: bytes) -> str | None:
    """The text of 7-bit ``data`` that charset-normalizer finds to be ISO-2022, or None."""
    codec = _detector_guess(data[: 4 * BINARY_PROBE], ESCAPED_ENCODINGS)
    if codec is None or not codec.startswith("iso2022"):
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _detector_guess(sample: bytes, among: tuple[str, ...] = WEB_ENCODINGS) -> str | None:
    """charset-normalizer's likeliest encoding of ``sample`` ``among`` those given, as Python's
    codec name.

    Imported here, lazily: only text our own check cannot place pays for loading it.  It is
    a dependency; a source tree run without it reads such text as before it was (U+FFFD or
    the "unclear" warning) rather than fail the file."""
    try:
        import charset_normalizer
    except ImportError:
        return None

    best = charset_normalizer.from_bytes(sample, cp_isolation=list(among)).best()
    if best is None:
        return None
    return codecs.lookup(best.encoding).name


def _commonness(text: str, ascii_too: bool = True) -> float:
    """The share of non-space characters that are ordinary in Chinese text: ASCII, CJK and
    full-width punctuation, and the frequently used hanzi of GB2312 level 1 or Big5 level 1.
    A wrong decoding scatters over rare characters, other scripts and U+FFFD.  Without
    ``ascii_too``, of the non-ASCII characters alone: the only ones a legacy encoding decides,
    and a few of them in Latin text (an é read as half a hanzi) must not pass for Chinese."""
    common = total = 0
    frequent = _frequent_hanzi()
    # each distinct character judged once: a text repeats its few thousand characters
    for char, count in Counter(text).items():
        if char.isspace() or (char.isascii() and not ascii_too):
            continue
        total += count
        if (
            (char.isascii() and char.isprintable())
            or char in frequent
            or "\u3000" <= char <= "\u303f"
            or "\uff01" <= char <= "\uff5e"
            or "\u2010" <= char <= "\u2027"
        ):
            common += count
    return common / total if total else 1.0


_FREQUENT: frozenset[str] = frozenset()


def _frequent_hanzi() -> frozenset[str]:
    """The hanzi each standard encoding lists as frequently used: GB2312 level 1 (3,755,
    simplified) and Big5 level 1 (5,401, traditional); built once, from the codecs."""
    global _FREQUENT
    if not _FREQUENT:
        gb = bytes(
            byte for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)
            for byte in (lead, trail)
        )
        big5 = bytes(
            byte for lead in range(0xA4, 0xC7)
            for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF))
            for byte in (lead, trail)
        )
        chars = set(gb.decode("gb2312", "ignore")) | set(big5.decode("big5", "ignore"))
        _FREQUENT = frozenset(char for char in chars if "\u4e00" <= char <= "\u9fff")
    return _FREQUENT


@dataclass(frozen=True)
class _Lines:
    """``data`` read line by line, as UTF-8 or else in a legacy encoding, and how it went."""

    text: str
    utf8: int  # lines with non-ASCII UTF-8
    legacy: int  # lines read in the legacy encoding
    replaced: int  # undecodable byte sequences replaced with U+FFFD
    first_bad: int | None  # the byte offset of the first


def _lines(data: bytes, fallback: str) -> _Lines:
    # b"\n" never occurs inside a character of the legacy encodings read here (their bytes
    # past the first are 0x30 and up, or 0x40 and up), so lines split the same in each.
    decoded = []
    utf8 = legacy = replaced = 0
    first_bad = None
    offset = 0
    for line in data.split(b"\n"):
        try:
            decoded.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            try:
                decoded.append(line.decode(fallback))
                legacy += 1
            except UnicodeDecodeError as error:
                first_bad = offset + error.start if first_bad is None else first_bad
                text = line.decode("utf-8", "replace")
                replaced += text.count("\ufffd") - line.decode("utf-8", "ignore").count("\ufffd")
                decoded.append(text)
        offset += len(line) + 1
    text = "\n".join(decoded).removeprefix("\ufeff")
    return _Lines(text, utf8, legacy, replaced, first_bad)


def _worded(lines: _Lines, fallback: str) -> tuple[str, str | None]:
    """The text, and a warning if it was not read cleanly in one encoding."""
    if lines.replaced:
        return lines.text, (
            f"warning: mixed or broken encoding, {lines.replaced} undecodable byte sequence(s) "
            f"replaced with U+FFFD (first at byte offset {lines.first_bad})"
        )
    if lines.utf8 and lines.legacy:
        return lines.text, f"warning: mixed encodings, {lines.legacy} line(s) read as {fallback}"
    return lines.text, None


def _read_part(part: FilePart) -> bytes:
    with open(part.name, "rb") as raw:
        raw.seek(part.offset)
        return raw.read(part.length)


def _read(name: str) -> bytes:
    with open(name, "rb") as raw:
        stream = _decompressor(name, raw)
        sniff(name, stream)
        if stream is raw:  # a plain file: its size is known, and big ones come in parts
            return raw.read()
        data = stream.read(MAX_WHOLE_BYTES + 1)
    if len(data) > MAX_WHOLE_BYTES:
        limit = MAX_WHOLE_BYTES // 1024 // 1024
        raise TooBig(
            f"too big to read whole: over {limit} MB decompressed; "
            "decompress it to have it read in parts"
        )
    return data


def _decompressor(name: str, raw: IO[bytes]) -> IO[bytes]:
    extension = os.path.splitext(name)[1].lower()
    if extension == ".gz":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if extension == ".bz2":
        return bz2.BZ2File(raw, mode="rb")
    if extension == ".xz":
        return lzma.LZMAFile(raw, mode="rb")
    return raw


def _document(name: str, load: Callable[[], bytes], encoding: str | None) -> Document | InputError:
    try:
        data = load()
    except READ_ERRORS as error:
        return InputError(name, _reason(error))
    except Unreadable as error:
        return InputError(name, str(error))
    try:
        return Document(name, *decode_text(data, encoding))
    except UnicodeDecodeError as error:
        return InputError(name, _undecodable(error, encoding))
    except BinaryInput as error:
        return InputError(name, str(error))


def _block_articles(block: JsonlBlock, options: ReadOptions) -> Iterator[Document | InputError]:
    lines = block.data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()  # the newline ending the last line
    for number, line in enumerate(lines, block.first_line):
        if line.strip():  # blank lines (often one at the end) are not articles
            yield _jsonl_article(block.name, number, line, options)


def _jsonl_article(archive: str, number: int, line: bytes, options: ReadOptions):
    where = f"{archive}#{number}"
    try:
        line_text, warning = decode_text(line, options.encoding)
        record = json.loads(line_text)
    except UnicodeDecodeError as error:
        return InputError(where, _undecodable(error, options.encoding))
    except BinaryInput:
        return InputError(where, "not JSON: a NUL byte in the line")
    except json.JSONDecodeError as error:
        return InputError(where, f"not JSON: {error.msg} (column {error.colno})")
    return _record_article(archive, number, record, warning, options)


def _record_article(
    archive: str, number: int, record: object, warning: str | None, options: ReadOptions
) -> Document | InputError:
    """One article object of a JSONL line or a JSON array, named ``ARCHIVE#NUMBER`` or by id."""
    where = f"{archive}#{number}"
    if not isinstance(record, dict):
        return InputError(where, f"not a JSON object but {type(record).__name__}")
    text = record.get(options.jsonl_text)
    if text is None:
        return InputError(where, f"no {options.jsonl_text!r} field")
    if not isinstance(text, str):
        return InputError(where, f"the {options.jsonl_text!r} field is not a string")
    if options.jsonl_id is None:
        return Document(where, text.removeprefix("\ufeff"), warning)
    identifier = record.get(options.jsonl_id)
    if identifier is None or isinstance(identifier, (dict, list)):
        return InputError(where, f"no {options.jsonl_id!r} field to name the article by")
    return Document(f"{archive}#{identifier}", text.removeprefix("\ufeff"), warning)


def _undecodable(error: UnicodeDecodeError, encoding: str | None) -> str:
    return f"cannot decode as {encoding or error.encoding} (byte offset {error.start})"


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    if isinstance(error, EOFError):
        return f"truncated: {error}"
    return str(error) or type(error).__name__
