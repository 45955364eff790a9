"""Streaming writers, one per output format; each takes rows one at a time.

Every writer has ``write(file_name, quantity)``, ``flush()`` (called after each input file)
and ``close()``.  The caller owns the stream: writers never close it.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from .model import COLUMNS, Quantity

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

FORMATS = ("table", "csv", "json", "jsonl")
# Spreadsheets treat cells starting with these as formulas (CSV injection, OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class Writer(Protocol):
    def write(self, file_name: str, quantity: Quantity) -> None: ...

    def flush(self) -> None:
        """An input file is complete: push everything written so far to the stream."""

    def close(self) -> None:
        """Finish the format (e.g. the closing bracket) and flush; the stream stays open."""


def row(file_name: str, quantity: Quantity) -> dict[str, Any]:
    """The output record for one quantity, keyed and ordered by COLUMNS."""
    return {"file": file_name} | {column: getattr(quantity, column) for column in COLUMNS[1:]}


def neutralise_formula(cell: str) -> str:
    """Prefix a quote so a spreadsheet shows the cell as text rather than evaluating it."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


class CsvWriter:
    """CSV with a header row; ``excel=True`` adds a BOM, CRLF and formula neutralising."""

    def __init__(self, stream: TextIO, excel: bool = False) -> None:
        self._stream = stream
        self._excel = excel
        if excel:
            # Excel only detects UTF-8 when the file starts with a BOM.
            stream.write("\ufeff")
        # Plain CSV stays LF so it behaves in Unix pipelines; Excel mode follows RFC 4180.
        self._csv = csv.writer(stream, lineterminator="\r\n" if excel else "\n")
        self._csv.writerow(COLUMNS)

    def write(self, file_name: str, quantity: Quantity) -> None:
        cells = list(row(file_name, quantity).values())
        if self._excel:
            # Only text can carry a formula; numbers such as -2 must stay numeric.
            cells = [neutralise_formula(c) if isinstance(c, str) else c for c in cells]
        self._csv.writerow(cells)

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


class JsonWriter:
    """One JSON array, written element by element so close() always leaves it valid."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._separator = "\n"
        stream.write("[")

    def write(self, file_name: str, quantity: Quantity) -> None:
        self._stream.write(self._separator + _dumps(row(file_name, quantity)))
        self._separator = ",\n"

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        self._stream.write("\n]\n")
        self._stream.flush()


class JsonlWriter:
    """One JSON object per line, flushed so a consumer sees each row as soon as it exists."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, file_name: str, quantity: Quantity) -> None:
        self._stream.write(_dumps(row(file_name, quantity)) + "\n")
        self._stream.flush()

    def flush(self) -> None:
        """Nothing pending: each line was flushed as it was written."""

    def close(self) -> None:
        """Nothing to finish: every line is complete once written."""


class TableWriter:
    """One rich table per input file: a table is laid out only once all its rows are known."""

    def __init__(self, stream: TextIO) -> None:
        # Imported here so the csv/json paths never pay for rich's start-up.
        from rich.console import Console

        self._stream = stream
        self._console = Console(file=stream)
        self._table: Table | None = None

    def write(self, file_name: str, quantity: Quantity) -> None:
        # the file is the table's title; context and the sentence where the terminal has room
        columns = [c for c in COLUMNS[1:] if self._console.width >= WIDTH_NEEDED.get(c, 0)]
        if self._table is None:
            self._table = _new_table(file_name, columns)
        cells = row(file_name, quantity)
        self._table.add_row(*(_table_cell(cells[column]) for column in columns))

    def flush(self) -> None:
        if self._table is not None:
            self._console.print(self._table)
            self._table = None
        self._stream.flush()

    def close(self) -> None:
        self.flush()


# terminal columns a table needs before it shows these too
WIDTH_NEEDED = dict.fromkeys(
    ("base_value", "base_unit", "period", "period_norm", "place", "place_norm", "repeat_of"), 160
)
WIDTH_NEEDED["sentence"] = 200


def make_writer(format_name: str, stream: TextIO, excel: bool = False) -> Writer:
    if format_name == "csv":
        return CsvWriter(stream, excel=excel)
    if format_name == "json":
        return JsonWriter(stream)
    if format_name == "jsonl":
        return JsonlWriter(stream)
    if format_name == "table":
        return TableWriter(stream)
    raise ValueError(f"unknown output format {format_name!r}; expected one of {FORMATS}")


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _new_table(file_name: str, columns: list[str]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(file_name), title_justify="left")
    for column in columns:
        if column == "sentence":
            # context for the eye, one line a row: the full sentence is in csv/json
            table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=60)
        else:
            # fold, not ellipsis: on a narrow terminal cells wrap but never lose data
            table.add_column(column, overflow="fold")
    return table


def _table_cell(value: Any) -> Text:
    from rich.text import Text

    # Text, not str: "[" in news text must not be read as rich markup or get highlighted.
    return Text("" if value is None else str(value))
