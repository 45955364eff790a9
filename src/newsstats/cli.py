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
from typing import Annotated, BinaryIO, TextIO

import typer

from . import __version__, conditions, engine_build
from .archive import Article, Result, Runner, abandoned_pools, default_jobs, pace_collector
from .dask import ClusterError  # newsstats.dask imports Dask only when a cluster is used
from .destination import OutputFile
from .model import COLUMNS
from .output import Writer, make_writer
from .progress import Bar, Tally
from .reading import ReadOptions, input_size
from .reading import tasks as read_tasks


class InputKind(str, Enum):
    text = "text"
    jsonl = "jsonl"
    json = "json"
    html = "html"


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    xlsx = "xlsx"
    parquet = "parquet"


FORMAT_BY_EXTENSION = {
    ".csv": OutputFormat.csv,
    ".tsv": OutputFormat.tsv,
    ".tab": OutputFormat.tsv,
    ".json": OutputFormat.json,
    ".jsonl": OutputFormat.jsonl,
    ".ndjson": OutputFormat.jsonl,
    ".xlsx": OutputFormat.xlsx,
    ".parquet": OutputFormat.parquet,
}

app = typer.Typer(
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
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


def _given_paths(paths: list[str] | None) -> list[str]:
    """The PATH arguments, or stdin when none is given and something is piped in."""
    if paths:
        return paths
    if sys.stdin is None or sys.stdin.isatty():
        raise typer.BadParameter("give a file or folder, or pipe text in", param_hint="PATH")
    return ["-"]


def _iso_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date as YYYY-MM-DD") from None


# Options that `extract` and `check` share: what to read and how.
Paths = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[PATH]...",
        help=(
            "Files, folders or - for stdin (the default when stdin is a pipe). A folder means "
            "every *.txt, *.jsonl, *.json, *.html and *.htm below it (also .gz, .bz2, .xz), "
            "sorted; *.jsonl files hold one article a line, *.json an array of articles."
        ),
        show_default=False,
    ),
]
InputFormat = Annotated[
    InputKind | None,
    typer.Option(
        "--input-format",
        help="Read every input as this, whatever its name. Default: by extension; stdin is "
        "JSONL when every line is a JSON object, else text.",
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
Where = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        "-w",
        metavar="CONDITION",
        help="Keep only the statistics where this holds; repeatable, all must hold: "
        "FIELD=A,B (one of), FIELD!=A, FIELD~TEXT (contains), FIELD>=N (also >, <=, <), "
        "e.g. 'dimension=currency', 'value>=1e8', 'approx=exact', 'entity~银行'.",
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
    paths: Paths = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: table on a terminal, else by the -o file's extension, else csv. "
            "xlsx: a typed Excel workbook. parquet: a folder (-o DIR) of Parquet files; "
            "needs newsstats[dask].",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            "-c",
            metavar="A,B,...",
            help=f"Write only these columns, in this order; of: {', '.join(COLUMNS)}.",
            show_default=False,
        ),
    ] = None,
    no_sentence: Annotated[
        bool, typer.Option("--no-sentence", help="Leave out the sentence column.")
    ] = False,
    where: Where = None,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for spreadsheets: UTF-8 BOM, formulas neutralised."),
    ] = False,
    encoding: Encoding = None,
    jobs: Jobs = None,
    patterns: Globs = None,
    input_format: InputFormat = None,
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
    paths = _given_paths(paths)
    chosen_format = _choose_format(output_format, output, excel)
    parquet = chosen_format is OutputFormat.parquet
    if parquet and output is None:
        raise typer.BadParameter(
            "parquet output is a folder: give it with -o DIR", param_hint="'--format'"
        )
    binary = chosen_format is OutputFormat.xlsx
    if binary and output is None and sys.stdout.isatty():
        raise typer.BadParameter(
            "an xlsx workbook is not for a terminal: give -o FILE.xlsx", param_hint="'--format'"
        )
    chosen_columns = _chosen_columns(columns, no_sentence)
    if parquet and chosen_columns is not None:
        raise typer.BadParameter("parquet always has every column", param_hint="'--columns'")
    kept = _conditions(where)
    _require_extra(parquet, scheduler)
    options = ReadOptions(
        encoding=encoding,
        jsonl_text=jsonl_text,
        jsonl_id=jsonl_id,
        date=_iso_date(date),
        input_format=input_format.value if input_format else None,
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
        # the output is opened only once the runner has started (inside the with statement):
        # a run that cannot start leaves no empty file behind
        with (
            _signals_as_interrupts(),
            runner,
            _open_error_log(errors) as error_log,
            _open_output(output, parquet, binary) as destination,
        ):
            writer = _make_writer(chosen_format, destination.stream, output, excel,
                                  chosen_columns)
            # closing(): a JSON array is still terminated when the run is interrupted.
            with closing(writer):
                with Bar(size) as bar:
                    for result in runner:
                        with _interrupt_deferred():
                            _write_result(names.of(result), writer, error_log, tally, unique,
                                          kept)
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
        raise _reader_gone() from None
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
    except OverflowError as error:  # more rows than an xlsx sheet holds
        _report(str(output) if output else "<stdout>", str(error))
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
        tasks = read_tasks(paths, patterns, input_format=options.input_format)
        return Runner(tasks, options, jobs or default_jobs())
    from .dask import Runner as ClusterRunner

    return ClusterRunner(paths, options, scheduler, jobs=jobs, patterns=patterns)


def _chosen_columns(columns: str | None, no_sentence: bool) -> tuple[str, ...] | None:
    """The --columns asked for (checked against COLUMNS), less the sentence with
    --no-sentence; None for every column."""
    if columns is None and not no_sentence:
        return None
    chosen = COLUMNS
    if columns is not None:
        chosen = tuple(name.strip().lower() for name in columns.split(",") if name.strip())
        unknown = [name for name in chosen if name not in COLUMNS]
        if unknown or not chosen:
            raise typer.BadParameter(
                f"no column {', '.join(map(repr, unknown)) or 'given'}; "
                f"the columns are {', '.join(COLUMNS)}",
                param_hint="'--columns'",
            )
    if no_sentence:
        chosen = tuple(name for name in chosen if name != "sentence")
    return chosen


def _conditions(where: list[str] | None) -> list[conditions.Condition]:
    try:
        return [conditions.parse(text) for text in where or ()]
    except conditions.ConditionError as error:
        raise typer.BadParameter(str(error), param_hint="'--where'") from None


def _make_writer(
    chosen: OutputFormat,
    stream: TextIO | BinaryIO | None,
    output: Path | None,
    excel: bool,
    columns: tuple[str, ...] | None = None,
) -> Writer:
    if chosen is not OutputFormat.parquet:
        assert stream is not None
        return make_writer(chosen.value, stream, excel=excel, columns=columns)
    from .parquet import ParquetWriter

    assert output is not None
    try:
        return ParquetWriter(output)
    except OSError as error:
        raise _DestinationError(str(output), error.strerror or str(error)) from None


class SummaryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def summary(
    paths: Paths = None,
    output_format: Annotated[
        SummaryFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: table on a terminal, else by the -o file's extension, else csv.",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    top: Annotated[
        int, typer.Option("--top", "-n", metavar="N", min=1, help="Entities and articles shown.")
    ] = 10,
    where: Where = None,
    encoding: Encoding = None,
    jobs: Jobs = None,
    patterns: Globs = None,
    input_format: InputFormat = None,
    jsonl_text: JsonlText = "text",
    jsonl_id: JsonlId = None,
    date: ArticleDate = None,
    quiet: Quiet = False,
    scheduler: Scheduler = None,
) -> None:
    """Count the statistics by dimension, unit, entity and article, with totals per unit."""
    from .summary import Summary

    paths = _given_paths(paths)
    if output_format is None:
        if output is not None:
            chosen = _format_of(output).value
            if chosen not in SummaryFormat.__members__:
                raise typer.BadParameter(
                    f"a summary is table, csv or json, not {chosen}", param_hint="'--output'"
                )
            output_format = SummaryFormat(chosen)
        else:
            output_format = SummaryFormat.table if sys.stdout.isatty() else SummaryFormat.csv
    _require_extra(False, scheduler)
    kept = _conditions(where)
    options = ReadOptions(
        encoding=encoding, jsonl_text=jsonl_text, jsonl_id=jsonl_id, date=_iso_date(date),
        input_format=input_format.value if input_format else None,
    )
    totals = Summary()
    try:
        with _runner(paths, patterns, options, jobs, scheduler) as runner:
            for result in runner:
                for article in result.articles:
                    if article.error is not None:
                        _report(article.name, article.error)
                        totals.failed += 1
                        continue
                    if article.warning is not None:
                        _report(article.name, article.warning)
                    totals.add_article(article.name)
                    for quantity in article.quantities:
                        if not kept or conditions.keeps(kept, article.name, quantity):
                            totals.add(article.name, quantity)
        with _open_output(output) as destination:
            write = {
                SummaryFormat.table: totals.write_table,
                SummaryFormat.csv: totals.write_csv,
                SummaryFormat.json: totals.write_json,
            }[output_format]
            write(destination.stream, top)  # type: ignore[arg-type]
    except KeyboardInterrupt:
        _report("interrupted", "no summary written")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        raise _reader_gone() from None
    except OSError as error:
        _report(str(output) if output else "<stdout>", error.strerror or str(error))
        raise typer.Exit(1) from None
    except ClusterError as error:
        _report(f"--scheduler {scheduler}", str(error))
        raise typer.Exit(1) from None
    if not quiet:
        failed = f", {totals.failed} failed" if totals.failed else ""
        sys.stderr.write(
            f"newsstats: {totals.articles} articles read{failed}, {totals.mentions} statistics\n"
        )
    if totals.failed:
        raise typer.Exit(1)


@app.command()
def show(
    paths: Paths = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the page here instead of stdout (page.html)."),
    ] = None,
    encoding: Encoding = None,
    input_format: InputFormat = None,
    jsonl_text: JsonlText = "text",
    jsonl_id: JsonlId = None,
    date: ArticleDate = None,
) -> None:
    """Write one self-contained HTML page: each article's text with every statistic marked,
    its fields on hover and in a table below. Meant for checking an article or a few."""
    from . import core
    from .page import write_page
    from .reading import Document, InputError, articles

    paths = _given_paths(paths)
    options = ReadOptions(
        encoding=encoding, jsonl_text=jsonl_text, jsonl_id=jsonl_id, date=_iso_date(date),
        input_format=input_format.value if input_format else None,
    )
    failed = 0

    def extracted() -> Iterator[tuple[str, str, list]]:
        nonlocal failed
        for task in read_tasks(paths, input_format=options.input_format):
            for item in articles(task, options):
                if isinstance(item, InputError):
                    _report(item.name, item.reason)
                    failed += 1
                    continue
                assert isinstance(item, Document)
                if item.warning is not None:
                    _report(item.name, item.warning)
                yield item.name, item.text, core.extract(item.text, date=options.date)

    try:
        with _open_output(output) as destination:
            assert destination.stream is not None
            write_page(destination.stream, extracted())  # type: ignore[arg-type]
    except BrokenPipeError:
        raise _reader_gone() from None
    except OSError as error:
        _report(str(output) if output else "<stdout>", error.strerror or str(error))
        raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)


class CheckFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"


CHECK_COLUMNS = (
    "file", "kind", "message", "first_start", "first_end", "first_text", "second_start",
    "second_end", "second_text", "first_sentence", "second_sentence",
)


@app.command()
def check(
    paths: Paths = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: table on a terminal, else by the -o file's extension, else jsonl.",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    encoding: Encoding = None,
    jobs: Jobs = None,
    patterns: Globs = None,
    input_format: InputFormat = None,
    jsonl_text: JsonlText = "text",
    jsonl_id: JsonlId = None,
    date: ArticleDate = None,
    quiet: Quiet = False,
    scheduler: Scheduler = None,
) -> None:
    """Report figures in an article that cannot all be true: parts that do not add up to
    their total, contradicting restatements, shares over 100%. Exit 1 when any is found."""
    paths = _given_paths(paths)
    _require_extra(False, scheduler)
    options = ReadOptions(
        encoding=encoding, jsonl_text=jsonl_text, jsonl_id=jsonl_id, date=_iso_date(date),
        check=True, input_format=input_format.value if input_format else None,
    )
    if output_format is None:
        output_format = _check_format(output)
    rows: list[dict[str, object]] = []
    failed = checked = 0
    try:
        runner = _runner(paths, patterns, options, jobs, scheduler)
        with runner, _open_output(output) as destination:
            stream = destination.stream
            assert stream is not None
            lines = _FindingLines(output_format, stream)
            for result in runner:
                for article in result.articles:
                    if article.error is not None:
                        _report(article.name, article.error)
                        failed += 1
                        continue
                    if article.warning is not None:
                        _report(article.name, article.warning)
                    checked += 1
                    for finding in article.findings:
                        rows.append(finding.row(article.name))
                        lines.write(rows[-1])
                destination.checkpoint()
            lines.close(rows)
    except KeyboardInterrupt:
        _report("interrupted", "the findings so far are written")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        raise _reader_gone() from None
    except _DestinationError as error:
        _report(error.name, error.reason)
        raise typer.Exit(1) from None
    except OSError as error:  # a full disk: the -o file holds the articles before it
        _report(str(output) if output else "<stdout>", error.strerror or str(error))
        raise typer.Exit(1) from None
    except ClusterError as error:
        _report(f"--scheduler {scheduler}", str(error))
        raise typer.Exit(1) from None
    if not quiet:
        found = f"{len(rows)} finding{'s' if len(rows) != 1 else ''}"
        sys.stderr.write(
            f"newsstats: {checked} article{'s' if checked != 1 else ''} checked, {found}, "
            f"{failed} failed\n"
        )
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


def _check_format(output: Path | None) -> CheckFormat:
    if output is None:
        return CheckFormat.table if sys.stdout.isatty() else CheckFormat.jsonl
    chosen = _format_of(output).value
    if chosen not in CheckFormat.__members__:
        raise typer.BadParameter(f"check writes no {chosen}", param_hint="'--output'")
    return CheckFormat(chosen)


class _FindingLines:
    """The findings in the chosen format: the line formats as they come, the rest at close."""

    def __init__(self, chosen: CheckFormat, stream: TextIO) -> None:
        self._format, self._stream = chosen, stream
        self._csv = None
        if chosen in (CheckFormat.csv, CheckFormat.tsv):
            dialect = "excel-tab" if chosen is CheckFormat.tsv else "excel"
            self._csv = csv.DictWriter(stream, CHECK_COLUMNS, dialect=dialect,
                                       lineterminator="\n")
            self._csv.writeheader()

    def write(self, row: dict[str, object]) -> None:
        if self._format is CheckFormat.jsonl:
            self._stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self._csv is not None:
            self._csv.writerow(row)
        else:
            return
        self._stream.flush()

    def close(self, rows: list[dict[str, object]]) -> None:
        if self._format is CheckFormat.json:
            self._stream.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        elif self._format is CheckFormat.table:
            _findings_table(rows, self._stream)
        self._stream.flush()


# what a reader of a finding needs first; the sentence is context for the rest of the width
FINDING_COLUMNS = ["kind", "first", "second", "message", "file", "sentence"]


def _findings_table(rows: list[dict[str, object]], stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .output import fit_columns

    console = Console(file=stream)
    if not rows:
        console.print("no inconsistent figures found")
        return
    cells = []
    for row in rows:
        first = f"{row['first_start']}-{row['first_end']} {row['first_text']}"
        second = (
            f"{row['second_start']}-{row['second_end']} {row['second_text']}"
            if row["second_text"] is not None
            else ""
        )
        shown = (row["kind"], first, second, row["message"], row["file"], row["first_sentence"])
        cells.append({
            column: " ".join(str(cell).split())
            for column, cell in zip(FINDING_COLUMNS, shown, strict=True)
        })
    widths = fit_columns(FINDING_COLUMNS, cells, console.width, {"message": 80, "file": 40})
    table = Table()
    for column, width in widths.items():
        # one line a finding, cut with "…" where the terminal is too narrow: the full text is
        # in -f jsonl/csv/json
        table.add_column(column, width=width, no_wrap=True, overflow="ellipsis")
    for row_cells in cells:
        table.add_row(*(Text(row_cells[column]) for column in widths))
    console.print(table)


def _write_result(
    result: Result,
    writer: Writer,
    error_log: ErrorLog,
    tally: Tally,
    unique: bool = False,
    kept: list[conditions.Condition] | None = None,
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
            if unique and quantity.repeat_of is not None:
                continue
            if kept and not conditions.keeps(kept, article.name, quantity):
                continue
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
        return _format_of(output)
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.csv


class _Stream:
    """A destination written as it goes (stdout, a device, a pipe): nothing to cut back."""

    def __init__(self, stream: TextIO | BinaryIO | None) -> None:
        self.stream = stream

    def checkpoint(self) -> None:
        """Rows go out as written (the writer flushes each article)."""


def _format_of(output: Path) -> OutputFormat:
    """The format an -o file's extension names: CSV when it has none (/dev/stdout), and a
    usage error for one we do not write, rather than CSV under a name that says otherwise."""
    extension = output.suffix.lower()
    if not extension or output.is_char_device():
        return OutputFormat.csv
    try:
        return FORMAT_BY_EXTENSION[extension]
    except KeyError:
        known = ", ".join(FORMAT_BY_EXTENSION)
        raise typer.BadParameter(
            f"cannot tell the format from {extension!r} (known: {known}): add -f FORMAT",
            param_hint="'--output'",
        ) from None


def _open_output(
    output: Path | None, folder: bool = False, binary: bool = False
) -> AbstractContextManager[_Stream | OutputFile]:
    # Data formats promise UTF-8 whatever the locale; newline="" leaves line endings to the
    # writer; backslashreplace keeps an undecodable file name from aborting the run.
    if folder:
        return nullcontext(_Stream(None))  # the writer fills the -o folder itself
    if binary:  # a workbook: written whole when the writer closes
        if output is None:
            return nullcontext(_Stream(sys.stdout.buffer))
        return _closing_stream(output.open("wb"))
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
def _closing_stream(stream: TextIO | BinaryIO) -> Iterator[_Stream]:
    with stream:
        yield _Stream(stream)


def _summarise(tally: Tally) -> None:
    sys.stderr.write(f"newsstats: {tally.summary()}\n")
    sys.stderr.flush()


def _reader_gone() -> typer.Exit:
    """The reader went away (e.g. `| head`): it has what it wanted, so no failure (as jq,
    csvkit, sqlite-utils), for every command. As the Python docs advise, stdout points at
    devnull so that the interpreter's final flush cannot raise a second, noisy error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return typer.Exit(0)


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
    pace_collector()
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
