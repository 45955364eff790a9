"""Streaming writers, one per output format; each takes rows one at a time.

Every writer has ``write(file_name, quantity)``, ``flush()`` (called after each input file)
and ``close()``.  The caller owns the stream: writers never close it.  Each writes the
``columns`` it is given (a selection of ``COLUMNS``, in the caller's order; default all).
"""

from __future__ import annotations

import csv
import datetime
import json
import re
from typing import IO, TYPE_CHECKING, Any, Protocol, TextIO

from .model import COLUMNS, Quantity

if TYPE_CHECKING:
    from rich.table import Table

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "xlsx")
# Spreadsheets treat cells starting with these as formulas (CSV injection, OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class Writer(Protocol):
    def write(self, file_name: str, quantity: Quantity) -> None: ...

    def flush(self) -> None:
        """An input file is complete: push everything written so far to the stream."""

    def close(self) -> None:
        """Finish the format (e.g. the closing bracket) and flush; the stream stays open."""


def row(
    file_name: str, quantity: Quantity, columns: tuple[str, ...] = COLUMNS
) -> dict[str, Any]:
    """The output record for one quantity, keyed and ordered by ``columns``."""
    return {
        column: file_name if column == "file" else getattr(quantity, column)
        for column in columns
    }


def neutralise_formula(cell: str) -> str:
    """Prefix a quote so a spreadsheet shows the cell as text rather than evaluating it."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


class CsvWriter:
    """CSV with a header row; ``excel=True`` adds a BOM, CRLF and formula neutralising."""

    def __init__(
        self, stream: TextIO, excel: bool = False, columns: tuple[str, ...] = COLUMNS
    ) -> None:
        self._stream = stream
        self._excel = excel
        self._columns = columns
        if excel:
            # Excel only detects UTF-8 when the file starts with a BOM.
            stream.write("\ufeff")
        # Plain CSV stays LF so it behaves in Unix pipelines; Excel mode follows RFC 4180.
        self._csv = csv.writer(stream, lineterminator="\r\n" if excel else "\n")
        self._csv.writerow(columns)

    def write(self, file_name: str, quantity: Quantity) -> None:
        cells = list(row(file_name, quantity, self._columns).values())
        if self._excel:
            # Only text can carry a formula; numbers such as -2 must stay numeric.
            cells = [neutralise_formula(c) if isinstance(c, str) else c for c in cells]
        self._csv.writerow(cells)

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


class TsvWriter:
    """Tab-separated values with a header row, as ``cut``, ``awk`` and ``sort -t`` read them:
    nothing is quoted, so a tab or line break inside a cell becomes a space (the IANA TSV
    format allows neither in a field); an empty cell is a missing value."""

    def __init__(self, stream: TextIO, columns: tuple[str, ...] = COLUMNS) -> None:
        self._stream = stream
        self._columns = columns
        self._line(columns)

    def write(self, file_name: str, quantity: Quantity) -> None:
        self._line(row(file_name, quantity, self._columns).values())

    def _line(self, cells: Any) -> None:
        self._stream.write("\t".join(_tsv_cell(cell) for cell in cells) + "\n")

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


def _tsv_cell(value: Any) -> str:
    return "" if value is None else _TSV_BREAKS.sub(" ", str(value))


_TSV_BREAKS = re.compile(r"[\t\r\n]")


class JsonWriter:
    """One JSON array, written element by element so close() always leaves it valid."""

    def __init__(self, stream: TextIO, columns: tuple[str, ...] = COLUMNS) -> None:
        self._stream = stream
        self._columns = columns
        self._separator = "\n"
        stream.write("[")

    def write(self, file_name: str, quantity: Quantity) -> None:
        self._stream.write(self._separator + _dumps(row(file_name, quantity, self._columns)))
        self._separator = ",\n"

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        self._stream.write("\n]\n")
        self._stream.flush()


class JsonlWriter:
    """One JSON object per line, flushed so a consumer sees each row as soon as it exists."""

    def __init__(self, stream: TextIO, columns: tuple[str, ...] = COLUMNS) -> None:
        self._stream = stream
        self._columns = columns

    def write(self, file_name: str, quantity: Quantity) -> None:
        self._stream.write(_dumps(row(file_name, quantity, self._columns)) + "\n")
        self._stream.flush()

    def flush(self) -> None:
        """Nothing pending: each line was flushed as it was written."""

    def close(self) -> None:
        """Nothing to finish: every line is complete once written."""


class XlsxWriter:
    """A typed Excel workbook: numbers as numbers, ISO dates as dates, everything else as text
    (never a formula), the header row frozen and filtered, each column as wide as its content.

    Written with XlsxWriter in constant-memory mode: each row goes to disk as it is written, so
    an archive's workbook needs no more memory than one row.  It writes to a binary stream.
    """

    MAX_ROWS = 1_048_576  # Excel's limit, header included
    MAX_WIDTH = 60  # characters: a sentence column should not push the rest off screen

    def __init__(self, stream: IO[bytes], columns: tuple[str, ...] = COLUMNS) -> None:
        # Imported here: only -f xlsx pays for it.
        import xlsxwriter

        self._columns = columns
        self._book = xlsxwriter.Workbook(
            stream, {"constant_memory": True, "strings_to_formulas": False,
                     "strings_to_urls": False, "strings_to_numbers": False},
        )
        self._sheet = self._book.add_worksheet("statistics")
        self._date = self._book.add_format({"num_format": "yyyy-mm-dd"})
        bold = self._book.add_format({"bold": True})
        self._widths = [_display_width(column) for column in columns]
        for index, column in enumerate(columns):
            self._sheet.write_string(0, index, column, bold)
        self._sheet.freeze_panes(1, 0)
        self._rows = 1

    def write(self, file_name: str, quantity: Quantity) -> None:
        if self._rows >= self.MAX_ROWS:
            raise OverflowError(f"an xlsx sheet holds at most {self.MAX_ROWS - 1} rows")
        cells = row(file_name, quantity, self._columns).values()
        for index, value in enumerate(cells):
            self._cell(self._rows, index, value)
        self._rows += 1

    def _cell(self, line: int, index: int, value: Any) -> None:
        if value is None:
            return  # an empty cell: the missing value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self._sheet.write_number(line, index, value)
            shown = f"{value:g}" if isinstance(value, float) else str(value)
        elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
            self._sheet.write_datetime(
                line, index, datetime.datetime.fromisoformat(value), self._date
            )
            shown = value
        else:
            shown = str(value)
            self._sheet.write_string(line, index, shown)
        self._widths[index] = max(self._widths[index], _display_width(shown))

    def flush(self) -> None:
        """Rows are on disk already (constant memory); the file is complete only at close."""

    def close(self) -> None:
        for index, width in enumerate(self._widths):
            self._sheet.set_column(index, index, min(width, self.MAX_WIDTH) + 2)
        self._sheet.autofilter(0, 0, max(self._rows - 1, 1), len(self._columns) - 1)
        self._book.close()


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _display_width(text: str) -> int:
    """Columns the text takes on screen: CJK characters are two wide."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class TableWriter:
    """One rich table per input file, fitted to the terminal: columns are taken in order of
    ``TABLE_PRIORITY`` while they fit, and a cell too long for its column ends in "…" rather
    than wrapping.  A table is laid out only once all its rows are known."""

    def __init__(self, stream: TextIO, columns: tuple[str, ...] | None = None) -> None:
        # Imported here so the csv/json paths never pay for rich's start-up.
        from rich.console import Console

        self._stream = stream
        self._console = Console(file=stream)
        # the file is each table's title; chosen columns keep their order, else by priority
        self._candidates = (
            [c for c in columns if c != "file"] if columns is not None else table_priority()
        )
        self._file: str | None = None
        self._rows: list[dict[str, str]] = []

    def write(self, file_name: str, quantity: Quantity) -> None:
        self._file = file_name
        cells = row(file_name, quantity)
        self._rows.append({column: _cell_text(cells[column]) for column in self._candidates})

    def flush(self) -> None:
        if self._file is not None and self._rows:
            widths = fit_columns(self._candidates, self._rows, self._console.width)
            self._console.print(_new_table(self._file, widths, self._rows))
        self._file, self._rows = None, []
        self._stream.flush()

    def close(self) -> None:
        self.flush()


# What a reader looks at first; every other column follows in COLUMNS order.
TABLE_PRIORITY = ("text", "value", "unit", "entity", "subject", "period", "place")
# The widest a column may be on screen before its cells are cut with "…".
TABLE_MAX_WIDTH = {"sentence": 60}
TABLE_DEFAULT_MAX_WIDTH = 30
TABLE_MIN_WIDTH = 6  # narrower than this a column shows little more than "…"


def table_priority() -> list[str]:
    rest = [c for c in COLUMNS if c != "file" and c not in TABLE_PRIORITY]
    return [c for c in TABLE_PRIORITY if c in COLUMNS] + rest


def fit_columns(
    candidates: list[str],
    rows: list[dict[str, str]],
    width: int,
    max_widths: dict[str, int] | None = None,
) -> dict[str, int]:
    """The columns to show and their widths, taken in the candidates' order while they fit in
    ``width`` terminal cells (each column costs 3 cells of border and padding more, the table
    1).  A column that does not fit whole is shown cut to the room left, if that is at least
    its header (and ``TABLE_MIN_WIDTH``); the columns after it are left out."""
    from rich.cells import cell_len

    limits = TABLE_MAX_WIDTH | (max_widths or {})
    chosen: dict[str, int] = {}
    room = width - 1
    for column in candidates:
        natural = max([cell_len(column)] + [cell_len(r[column]) for r in rows])
        wanted = min(natural, limits.get(column, TABLE_DEFAULT_MAX_WIDTH))
        if wanted + 3 <= room:
            chosen[column] = wanted
            room -= wanted + 3
        elif room - 3 >= max(TABLE_MIN_WIDTH, cell_len(column)) or not chosen:
            chosen[column] = max(room - 3, 1)  # the first column is always shown
            break
    return chosen


def make_writer(
    format_name: str,
    stream: TextIO | IO[bytes],
    excel: bool = False,
    columns: tuple[str, ...] | None = None,
) -> Writer:
    chosen = columns or COLUMNS
    if format_name == "xlsx":
        return XlsxWriter(stream, chosen)  # type: ignore[arg-type]
    assert not isinstance(stream, (bytes, bytearray))
    text: TextIO = stream  # type: ignore[assignment]
    if format_name == "csv":
        return CsvWriter(text, excel=excel, columns=chosen)
    if format_name == "tsv":
        return TsvWriter(text, chosen)
    if format_name == "json":
        return JsonWriter(text, chosen)
    if format_name == "jsonl":
        return JsonlWriter(text, chosen)
    if format_name == "table":
        return TableWriter(text, columns)
    raise ValueError(f"unknown output format {format_name!r}; expected one of {FORMATS}")


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _new_table(file_name: str, widths: dict[str, int], rows: list[dict[str, str]]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(file_name), title_justify="left")
    for column, width in widths.items():
        # one line a row, cut with "…": never a word broken over lines; the full cell is in
        # csv/json
        table.add_column(column, width=width, no_wrap=True, overflow="ellipsis")
    for cells in rows:
        # Text, not str: "[" in news text must not be read as rich markup or highlighted.
        table.add_row(*(Text(cells[column]) for column in widths))
    return table


def _cell_text(value: Any) -> str:
    # one line: a line break inside a cell would wrap the row after all
    return "" if value is None else " ".join(str(value).split())
