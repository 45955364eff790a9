"""``-f parquet -o DIR``: the rows as a Parquet dataset, a folder of ``part-NNNNNN.parquet`` files.

The columns are ``COLUMNS`` with proper types: offsets and ``repeat_of`` int64, ``value``,
``value_max`` and ``base_value`` float64, the rest UTF-8 strings; then ``value_exact`` and
``value_max_exact``, the same numbers as text exactly as the JSON output writes them (a
float64 cannot hold ``12345678901234567`` or more than 15 or so significant digits).
Absent values are nulls.

A part is written whenever ``rows_per_file`` rows are waiting at the end of an article, and at
``close()``, so an article never straddles two parts and the parts, read in name order, are in
input order.  Each part is written under a hidden name and renamed, so a reader never sees half
a file; an interrupted run leaves a valid dataset of the articles written so far.  pyarrow
(from the ``newsstats[dask]`` extra) is imported on use.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import COLUMNS, Quantity

if TYPE_CHECKING:
    import pyarrow

INTEGERS = frozenset({"start", "end", "repeat_of"})
FLOATS = frozenset({"value", "value_max", "base_value"})
EXACT = {"value_exact": "value", "value_max_exact": "value_max"}
NULLABLE = frozenset({
    "value_max", "base_value", "base_unit", "change", "entity", "subject", "period",
    "period_norm", "place", "place_norm", "place_code", "repeat_of", "value_max_exact",
})
PARQUET_COLUMNS = COLUMNS + tuple(EXACT)
ROWS_PER_FILE = 100_000


def missing() -> str | None:
    """Why Parquet cannot be written here (pyarrow is not installed), or None."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return "pyarrow is not installed: pip install 'newsstats[dask]'"
    return None


def schema() -> pyarrow.Schema:
    import pyarrow as pa

    def kind(column: str) -> pyarrow.DataType:
        if column in INTEGERS:
            return pa.int64()
        if column in FLOATS:
            return pa.float64()
        return pa.string()

    return pa.schema(
        [pa.field(column, kind(column), column in NULLABLE) for column in PARQUET_COLUMNS]
    )


def exact(value: int | float | None) -> str | None:
    """The number as JSON writes it: every digit of an int, the shortest repr of a float."""
    return None if value is None else repr(value)


class ParquetWriter:
    """A ``Writer`` (see output.py) that fills a folder instead of a stream."""

    def __init__(self, directory: str | os.PathLike[str], rows_per_file: int | None = None):
        self._directory = Path(directory)
        self._rows_per_file = rows_per_file or ROWS_PER_FILE
        self._directory.mkdir(parents=True, exist_ok=True)
        if any(self._directory.glob("part-*.parquet")):
            reason = "already holds a Parquet dataset; remove it or choose another folder"
            raise FileExistsError(errno.EEXIST, reason, str(self._directory))
        self._schema = schema()
        self._columns: dict[str, list[Any]] = {column: [] for column in PARQUET_COLUMNS}
        self._parts = 0

    def write(self, file_name: str, quantity: Quantity) -> None:
        columns = self._columns
        columns["file"].append(file_name)
        for column in COLUMNS[1:]:
            value = getattr(quantity, column)
            if column in FLOATS and value is not None:
                value = float(value)  # pyarrow refuses an int that float64 cannot hold exactly
            columns[column].append(value)
        for column, number in EXACT.items():
            columns[column].append(exact(getattr(quantity, number)))

    def flush(self) -> None:
        """An article is complete: write a part if enough rows are waiting."""
        if len(self._columns["file"]) >= self._rows_per_file:
            self._write_part()

    def close(self) -> None:
        # an empty run still leaves one (empty) part, so the dataset has its schema
        if self._columns["file"] or self._parts == 0:
            self._write_part()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _write_part(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pydict(self._columns, schema=self._schema)
        name = f"part-{self._parts:06d}.parquet"
        hidden = self._directory / f".{name}.tmp"  # readers skip names starting with "."
        pq.write_table(table, hidden)
        os.replace(hidden, self._directory / name)
        self._parts += 1
        for values in self._columns.values():
            values.clear()
