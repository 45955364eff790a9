"""Command line: ``newsstats extract PATH...`` writes one row per statistic found."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable
from contextlib import AbstractContextManager, closing, nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from . import __version__
from .output import Writer, make_writer
from .reading import Document, InputError, read_inputs


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


FORMAT_BY_EXTENSION = {
    ".csv": OutputFormat.csv,
    ".json": OutputFormat.json,
    ".jsonl": OutputFormat.jsonl,
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
        typer.echo(f"newsstats {__version__}")
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


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Text files, folders (every *.txt below them) or - for stdin.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: table on a terminal, else by the -o file's extension, else csv.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of stdout."),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for spreadsheets: UTF-8 BOM, formulas neutralised."),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            callback=_known_encoding,
            help="Decode inputs with this encoding instead of guessing UTF-8 or GB18030.",
        ),
    ] = None,
) -> None:
    """Write one row per statistic found in each input."""
    chosen_format = _choose_format(output_format, output, excel)
    try:
        with _open_output(output) as stream:
            writer = make_writer(chosen_format.value, stream, excel=excel)
            # closing(): a JSON array is still terminated when the run is interrupted.
            with closing(writer):
                all_ok = _write_quantities(read_inputs(paths, encoding), writer)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`). As the Python docs advise, point stdout at
        # devnull so the interpreter's final flush cannot raise a second, noisy error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except OSError as error:
        # The destination failed (cannot create the -o file, disk full): nothing more can go out.
        _report(str(output) if output else "<stdout>", error.strerror or str(error))
        raise typer.Exit(1) from None
    if not all_ok:
        raise typer.Exit(1)


def _write_quantities(items: Iterable[Document | InputError], writer: Writer) -> bool:
    """Extract and write each input as it arrives; False if any input had to be skipped."""
    # Imported here because the engine loads jieba, which --help and usage errors never need.
    from . import core

    all_ok = True
    for item in items:
        if isinstance(item, InputError):
            _report(item.name, item.reason)
            all_ok = False
            continue
        try:
            quantities = core.extract(item.text)
        except Exception as error:  # one article must not sink the whole run
            _report(item.name, f"internal error: {type(error).__name__}: {error}")
            all_ok = False
            continue
        for quantity in quantities:
            writer.write(item.name, quantity)
        writer.flush()
    return all_ok


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


def _open_output(output: Path | None) -> AbstractContextManager[TextIO]:
    # Data formats promise UTF-8 whatever the locale; newline="" leaves line endings to the
    # writer; backslashreplace keeps an undecodable file name from aborting the run.
    if output is None:
        sys.stdout.reconfigure(encoding="utf-8", newline="", errors="backslashreplace")
        return nullcontext(sys.stdout)
    return output.open("w", encoding="utf-8", newline="", errors="backslashreplace")


def _report(name: str, reason: str) -> None:
    # Exactly one line per problem, so stderr stays greppable even for multi-line messages.
    sys.stderr.write(f"newsstats: {name}: {' '.join(reason.split())}\n")
    sys.stderr.flush()


def main() -> None:
    app(prog_name="newsstats")
