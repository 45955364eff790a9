"""Command line: ``newsstats extract PATH...`` writes one row per statistic found;
``newsstats check PATH...`` reports figures that cannot all be true."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import json
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated, TextIO

import typer

from . import __version__, engine_build
from .archive import Article, Result, Runner, abandoned_pools, default_jobs
from .dask import ClusterError  # newsstats.dask imports Dask only when a cluster is used
from .destination import OutputFile
from .output import Writer, make_writer
from .progress import Bar, Tally
from .reading import ReadOptions, input_size
from .reading import tasks as read_tasks


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    parquet = "parquet"


FORMAT_BY_EXTENSION = {
    ".csv": OutputFormat.csv,
    ".json": OutputFormat.json,
    ".jsonl": OutputFormat.jsonl,
    ".parquet": OutputFormat.parquet,
}

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    # plain click messages: a usage error is an `Error:` line a script can read, not a box
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Extract every statistic from Chinese news text.",
)


def _print_version(requested: bool) -> None:
    if requested:
        typer.echo(f"newsstats {__version__} ({engine_build()} engine)")
        raise typer.Exit()


def _known_encoding(encoding: str | None) -> str | None:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {encoding!r}") from None
    return encoding


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Extract every statistic from Chinese news text."""


def _iso_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date as YYYY-MM-DD") from None


# Options that `extract` and `check` share: what to read and how.
Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help=(
            "Files, folders or - for stdin. A folder means every *.txt and *.jsonl below "
            "it (also .gz, .bz2, .xz), sorted; *.jsonl files hold one article a line."
        ),
        show_default=False,
    ),
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
Encoding = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        callback=_known_encoding,
        help="Decode inputs with this encoding instead of guessing UTF-8 or GB18030.",
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        min=1,
        help="Worker processes. Default: the number of CPUs. 1 runs in this process.",
        show_default=False,
    ),
]
Globs = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        metavar="PATTERN",
        help="Choose the files below a folder, e.g. '*.txt.gz' or '2024/*.jsonl'; repeatable.",
        show_default=False,
    ),
]
JsonlText = Annotated[
    str, typer.Option("--jsonl-text", metavar="FIELD", help="JSONL field holding the article.")
]
JsonlId = Annotated[
    str | None,
    typer.Option(
        "--jsonl-id",
        metavar="FIELD",
        help="JSONL field naming the article: file column ARCHIVE#ID. Default: #LINE.",
        show_default=False,
    ),
]
Errors = Annotated[
    Path | None,
    typer.Option(
        "--errors",
        metavar="FILE",
        help="Also list every failed input here (tab-separated: file, reason).",
        show_default=False,
    ),
]
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress bar and no summary line; errors only."),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on a Dask cluster: its scheduler (tcp://host:8786), or 'local' for a "
        "LocalCluster of --jobs workers. Needs newsstats[dask].",
        show_default=False,
    ),
]
ArticleDate = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="The articles' date, to resolve 今年, 去年, 目前. Default: each article's "
        "dateline or title.",
        show_default=False,
    ),
]


@app.command()
def extract(
    paths: Paths,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: table on a terminal, else by the -o file's extension, else csv. "
            "parquet: a folder (-o DIR) of Parquet files; needs newsstats[dask].",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for spreadsheets: UTF-8 BOM, formulas neutralised."),
    ] = False,
    encoding: Encoding = None,
    jobs: Jobs = None,
    patterns: Globs = None,
    jsonl_text: JsonlText = "text",
    jsonl_id: JsonlId = None,
    errors: Errors = None,
    quiet: Quiet = False,
    date: ArticleDate = None,
    unique: Annotated[
        bool,
        typer.Option("--unique", help="First mentions only: leave out restated figures."),
    ] = False,
    scheduler: Scheduler = None,
) -> None:
    """Write one row per statistic found in each input."""
    chosen_format = _choose_format(output_format, output, excel)
    parquet = chosen_format is OutputFormat.parquet
    if parquet and output is None:
        raise typer.BadParameter(
            "parquet output is a folder: give it with -o DIR", param_hint="'--format'"
        )
    _require_extra(parquet, scheduler)
    options = ReadOptions(
        encoding=encoding, jsonl_text=jsonl_text, jsonl_id=jsonl_id, date=_iso_date(date)
    )
    jobs = _capped_jobs(jobs, scheduler)
    tally = Tally()
    names = _UniqueNames(jsonl_id is not None)
    # The bar only where someone watches stderr and the rows are not drawn on the same screen.
    watched = not quiet and sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    size = partial(input_size, paths, patterns) if watched else None
    try:
        # The workers (or the cluster) first: a scheduler that cannot be reached fails the run
        # before any output file is created.
        runner = _runner(paths, patterns, options, jobs, scheduler)
        with _signals_as_interrupts(), runner, _open_error_log(errors) as error_log, \
                _open_output(output, parquet) as destination:
            writer = _make_writer(chosen_format, destination.stream, output, excel)
            # closing(): a JSON array is still terminated when the run is interrupted.
            with closing(writer):
                with Bar(size) as bar:
                    for result in runner:
                        with _interrupt_deferred():
                            _write_result(names.of(result), writer, error_log, tally, unique)
                            destination.checkpoint()
                        bar.advance(result.stored, tally)
    except KeyboardInterrupt as stop:
        terminated = isinstance(stop, _Terminated)
        _report("terminated" if terminated else "interrupted", "the output so far is complete")
        if not quiet:
            _summarise(tally)
        # the shell's convention: 128 + the signal's number
        raise typer.Exit(143 if terminated else 130) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): it has what it wanted, so no failure (as jq,
        # csvkit, sqlite-utils). As the Python docs advise, point stdout at devnull so the
        # interpreter's final flush cannot raise a second, noisy error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except _DestinationError as error:
        # A destination failed (cannot create the -o file, disk full): nothing more can go out.
        _report(error.name, error.reason)
        raise typer.Exit(1) from None
    except OSError as error:
        # The -o file has been cut back to its last whole article (see destination.py).
        where = str(output) if output else "<stdout>"
        reason = error.strerror or str(error)
        if output is not None and not parquet:
            reason += "; the output holds the articles before it"
        _report(where, reason)
        raise typer.Exit(1) from None
    except ClusterError as error:
        _report(f"--scheduler {scheduler}", str(error))
        raise typer.Exit(1) from None
    if not quiet:
        _summarise(tally)
    if tally.failed:
        raise typer.Exit(1)


def _require_extra(parquet: bool, scheduler: str | None) -> None:
    """One line, and exit 2, when what the options ask for is not installed."""
    if scheduler is not None:
        from .dask import missing

        problem = missing()
        if problem:
            _report("--scheduler", problem)
            raise typer.Exit(2)
    if parquet:
        from .parquet import missing

        problem = missing()
        if problem:
            _report("--format parquet", problem)
            raise typer.Exit(2)


def _runner(
    paths: list[str],
    patterns: list[str] | None,
    options: ReadOptions,
    jobs: int | None,
    scheduler: str | None,
) -> AbstractContextManager[Iterable[Result]]:
    if scheduler is None:
        return Runner(read_tasks(paths, patterns), options, jobs or default_jobs())
    from .dask import Runner as ClusterRunner

    return ClusterRunner(paths, options, scheduler, jobs=jobs, patterns=patterns)


def _make_writer(
    chosen: OutputFormat, stream: TextIO | None, output: Path | None, excel: bool
) -> Writer:
    if chosen is not OutputFormat.parquet:
        assert stream is not None
        return make_writer(chosen.value, stream, excel=excel)
    from .parquet import ParquetWriter

    assert output is not None
    try:
        return ParquetWriter(output)
    except OSError as error:
        raise _DestinationError(str(output), error.strerror or str(error)) from None


class CheckFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def check(
    paths: Paths,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help="Default: table on a terminal, else jsonl.", show_default=False
        ),
    ] = None,
    output: Output = None,
    encoding: Encoding = None,
    jobs: Jobs = None,
    patterns: Globs = None,
    jsonl_text: JsonlText = "text",
    jsonl_id: JsonlId = None,
    date: ArticleDate = None,
    scheduler: Scheduler = None,
) -> None:
    """Report figures in an article that cannot all be true: parts that do not add up to
    their total, contradicting restatements, shares over 100%. Exit 1 when any is found."""
    _require_extra(False, scheduler)
    options = ReadOptions(
        encoding=encoding, jsonl_text=jsonl_text, jsonl_id=jsonl_id, date=_iso_date(date),
        check=True,
    )
    if output_format is None:
        terminal = output is None and sys.stdout.isatty()
        output_format = CheckFormat.table if terminal else CheckFormat.jsonl
    rows: list[dict[str, object]] = []
    failed = 0
    try:
        runner = _runner(paths, patterns, options, jobs, scheduler)
        with runner, _open_output(output) as destination:
            stream = destination.stream
            for result in runner:
                for article in result.articles:
                    if article.error is not None:
                        _report(article.name, article.error)
                        failed += 1
                    elif article.warning is not None:
                        _report(article.name, article.warning)
                    for finding in article.findings:
                        rows.append(finding.row(article.name))
                        if output_format is CheckFormat.jsonl:
                            stream.write(json.dumps(rows[-1], ensure_ascii=False) + "\n")
                            stream.flush()
                destination.checkpoint()
            if output_format is CheckFormat.table:
                _findings_table(rows, stream)
    except KeyboardInterrupt:
        _report("interrupted", "the findings so far are written")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except _DestinationError as error:
        _report(error.name, error.reason)
        raise typer.Exit(1) from None
    except OSError as error:  # a full disk: the -o file holds the articles before it
        _report(str(output) if output else "<stdout>", error.strerror or str(error))
        raise typer.Exit(1) from None
    except ClusterError as error:
        _report(f"--scheduler {scheduler}", str(error))
        raise typer.Exit(1) from None
    if rows or failed:
        raise typer.Exit(1)


def _capped_jobs(jobs: int | None, scheduler: str | None) -> int | None:
    """More workers than twice the CPUs only cost memory and time: cap them, and say so."""
    if jobs is None or scheduler is not None:  # a cluster's workers are not this machine's
        return jobs
    cpus = default_jobs()
    cap = 2 * cpus
    if jobs > cap:
        _report(f"--jobs {jobs}", f"warning: capped at {cap}, twice the {cpus} CPU(s) here")
        return cap
    return jobs


class _UniqueNames:
    """Articles named by ``--jsonl-id`` keep distinct names: a repeated ``#ID`` becomes
    ``#ID~2``, ``#ID~3``…, with a warning.  Names are remembered per archive, so memory grows
    with the largest archive's ids, not with the whole run."""

    def __init__(self, active: bool) -> None:
        self._active = active
        self._source = ""
        self._seen: dict[str, int] = {}

    def of(self, result: Result) -> Result:
        if not self._active:
            return result
        if result.source != self._source:
            self._source, self._seen = result.source, {}
        renamed = [self._unique(article) for article in result.articles]
        return dataclasses.replace(result, articles=renamed)

    def _unique(self, article: Article) -> Article:
        count = self._seen.get(article.name, 0) + 1
        self._seen[article.name] = count
        if count == 1 or article.error is not None or article.continued:
            return article
        name = f"{article.name}~{count}"
        while name in self._seen:  # an id that itself ends in ~N
            count += 1
            name = f"{article.name}~{count}"
        self._seen[article.name] = count
        self._seen[name] = 1
        warning = f"warning: duplicate id, renamed from {_escaped(article.name)}"
        if article.warning:
            warning = f"{warning}; {article.warning.removeprefix('warning: ')}"
        return dataclasses.replace(article, name=name, warning=warning)


def _findings_table(rows: list[dict[str, object]], stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream)
    if not rows:
        console.print("no inconsistent figures found")
        return
    table = Table()
    for column in ("file", "kind", "first", "second", "message"):
        table.add_column(column, overflow="fold")
    for row in rows:
        first = f"{row['first_start']}-{row['first_end']} {row['first_text']}"
        second = (
            f"{row['second_start']}-{row['second_end']} {row['second_text']}"
            if row["second_text"] is not None
            else ""
        )
        cells = (row["file"], row["kind"], first, second, row["message"])
        table.add_row(*(Text(str(cell)) for cell in cells))
    console.print(table)


def _write_result(
    result: Result, writer: Writer, error_log: ErrorLog, tally: Tally, unique: bool = False
) -> None:
    """Write one task's rows, or report its failures; every article is flushed whole."""
    for article in result.articles:
        if article.error is not None:
            _report(article.name, article.error)
            error_log.add(article.name, article.error)
            tally.failed += 1
            continue
        if article.warning is not None:
            _report(article.name, article.warning)
        for quantity in article.quantities:
            if not (unique and quantity.repeat_of is not None):
                writer.write(article.name, quantity)
        writer.flush()
        tally.read += not article.continued  # the parts of a big file are one article
        tally.mentions += len(article.quantities)
        tally.text_bytes += article.size


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Let a Ctrl-C wait until one task's rows are written, so output holds whole articles.

    A second Ctrl-C does not wait.  Where SIGINT is not Python's (ignored, or a thread), the
    rows are simply written.
    """
    main = threading.current_thread() is threading.main_thread()
    if not main or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    received: list[int] = []

    def defer(signum: int, frame: object) -> None:
        if received:
            _raise_for(signum)
        received.append(signum)

    previous_term = signal.signal(signal.SIGTERM, defer)
    signal.signal(signal.SIGINT, defer)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, previous_term)
    if received:
        _raise_for(received[0])


class _Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, ``timeout``, a scheduler stopping a job): stops the run as Ctrl-C."""


def _raise_for(signum: int) -> None:
    raise _Terminated if signum == signal.SIGTERM else KeyboardInterrupt


@contextmanager
def _signals_as_interrupts() -> Iterator[None]:
    """While a run writes: SIGTERM ends it as Ctrl-C does (output closed, a message, the
    summary; exit 143), and SIGXFSZ is ignored so that ``ulimit -f`` is a write error
    (EFBIG) the output survives, not a kill."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise _Terminated

    previous_term = signal.signal(signal.SIGTERM, terminate)
    previous_xfsz = signal.signal(signal.SIGXFSZ, signal.SIG_IGN) if _HAS_XFSZ else None
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        if previous_xfsz is not None:
            signal.signal(signal.SIGXFSZ, previous_xfsz)


_HAS_XFSZ = hasattr(signal, "SIGXFSZ")  # not on Windows


class _DestinationError(OSError):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, reason)
        self.name, self.reason = name, reason


class ErrorLog:
    """The --errors file: one tab-separated line per failure, flushed as it happens."""

    def __init__(self, stream: TextIO | None, name: str = "") -> None:
        self._stream, self._name = stream, name
        if stream is not None:
            self._csv = csv.writer(stream, dialect="excel-tab", lineterminator="\n")
            self._write(("file", "reason"))

    def add(self, name: str, reason: str) -> None:
        if self._stream is not None:
            self._write((_escaped(name), " ".join(reason.split())))

    def _write(self, cells: tuple[str, str]) -> None:
        try:
            self._csv.writerow(cells)
            assert self._stream is not None
            self._stream.flush()
        except OSError as error:
            raise _DestinationError(self._name, error.strerror or str(error)) from None


@contextmanager
def _open_error_log(path: Path | None) -> Iterator[ErrorLog]:
    if path is None:
        yield ErrorLog(None)
        return
    try:
        stream = path.open("w", encoding="utf-8", newline="", errors="backslashreplace")
    except OSError as error:
        raise _DestinationError(str(path), error.strerror or str(error)) from None
    with stream:
        yield ErrorLog(stream, str(path))


def _choose_format(
    requested: OutputFormat | None, output: Path | None, excel: bool
) -> OutputFormat:
    if requested is not None:
        if excel and requested is not OutputFormat.csv:
            raise typer.BadParameter("only applies to csv output", param_hint="'--excel'")
        return requested
    if excel:
        return OutputFormat.csv
    if output is not None:
        return FORMAT_BY_EXTENSION.get(output.suffix.lower(), OutputFormat.csv)
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.csv


class _Stream:
    """A destination written as it goes (stdout, a device, a pipe): nothing to cut back."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def checkpoint(self) -> None:
        """Rows go out as written (the writer flushes each article)."""


def _open_output(
    output: Path | None, folder: bool = False
) -> AbstractContextManager[_Stream | OutputFile]:
    # Data formats promise UTF-8 whatever the locale; newline="" leaves line endings to the
    # writer; backslashreplace keeps an undecodable file name from aborting the run.
    if folder:
        return nullcontext(_Stream(None))  # the writer fills the -o folder itself
    if output is None:
        sys.stdout.reconfigure(encoding="utf-8", newline="", errors="backslashreplace")
        return nullcontext(_Stream(sys.stdout))
    if output.exists() and not output.is_file():  # /dev/stdout, a FIFO: written in place
        stream = output.open("w", encoding="utf-8", newline="", errors="backslashreplace")
        return _closing_stream(stream)
    # a regular file: written under a temporary name and renamed (a symlink's target is)
    try:
        return OutputFile(output.resolve() if output.is_symlink() else output)
    except OSError as error:
        raise _DestinationError(str(output), error.strerror or str(error)) from None


@contextmanager
def _closing_stream(stream: TextIO) -> Iterator[_Stream]:
    with stream:
        yield _Stream(stream)


def _summarise(tally: Tally) -> None:
    sys.stderr.write(f"newsstats: {tally.summary()}\n")
    sys.stderr.flush()


def _report(name: str, reason: str) -> None:
    # Exactly one line per problem, so stderr stays greppable even for multi-line messages
    # and for file names with a newline in them.
    sys.stderr.write(f"newsstats: {_escaped(name)}: {' '.join(reason.split())}\n")
    sys.stderr.flush()


def _escaped(name: str) -> str:
    """A file name on one line: control characters as Python escapes (``\\n``, ``\\x1b``)."""
    if name.isprintable():
        return name
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in name)


def main() -> None:
    try:
        app(prog_name="newsstats")
    except KeyboardInterrupt:  # before a run began writing (which handles its own)
        _report("interrupted", "nothing written")
        sys.exit(130)
    except SystemExit as exit:
        if abandoned_pools():
            _exit_now(exit.code)
        raise


def _exit_now(code: object) -> None:
    """Exit without the interpreter's shutdown, once the output is closed.

    After workers were terminated mid-run (Ctrl-C, SIGTERM), concurrent.futures' exit handler
    joins a manager thread that may be stuck reading a result a killed worker half sent: the
    process would hang after its summary line (or print a traceback). Everything this run
    writes is closed by now, so only stdio needs flushing.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    status = code if isinstance(code, int) else (0 if code is None else 1)
    os._exit(status)
