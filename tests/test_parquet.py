"""``-f parquet -o DIR``: a Parquet dataset with typed columns, read back by pyarrow, pandas,
polars and DuckDB (all in the test extra).  Runs in-process with the stand-in engine of
test_cli.py; test_dask.py checks the dataset a cluster writes against the real engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import invoke, problems, write

from newsstats import parquet
from newsstats.model import COLUMNS, Quantity

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parquet, "ROWS_PER_FILE", 5)


def articles(folder: Path, count: int = 12) -> list[Path]:
    # article i holds the numbers i, 10*i, ... : 1 to 3 rows each
    return [
        write(folder / f"{i:02}.txt", " ".join(str(i * 10**k) for k in range(1 + i % 3)))
        for i in range(count)
    ]


def test_dataset_has_typed_columns_and_every_row_in_order(
    fake_engine: None, small_parts: None, tmp_path: Path
) -> None:
    files = articles(tmp_path / "in")
    target = tmp_path / "out"
    result = invoke("-f", "parquet", "-o", target, tmp_path / "in")
    assert result.exit_code == 0, result.stderr
    parts = sorted(path.name for path in target.iterdir())
    assert parts == [f"part-{n:06d}.parquet" for n in range(len(parts))] and len(parts) > 2
    table = pq.read_table(target)
    assert table.schema == parquet.schema()
    assert table.column_names == [*COLUMNS, "value_exact", "value_max_exact"]
    types = {field.name: str(field.type) for field in table.schema}
    assert {types[c] for c in ("start", "end", "repeat_of")} == {"int64"}
    assert {types[c] for c in ("value", "value_max")} == {"double"}
    assert {types[c] for c in ("file", "text", "unit", "value_exact", "entity")} == {"string"}
    jsonl = invoke("-f", "jsonl", tmp_path / "in")
    expected = [json.loads(line) for line in jsonl.stdout.splitlines()]
    rows = table.to_pylist()
    assert [{c: row[c] for c in COLUMNS} for row in rows] == expected
    assert [row["value_exact"] for row in rows] == [json.dumps(r["value"]) for r in expected]
    assert [row["file"] for row in rows][0] == str(files[0])
    # an article never straddles two parts
    for part in parts:
        names = pq.read_table(target / part).column("file").to_pylist()
        assert not set(names) & {
            n
            for p in parts
            if p != part
            for n in pq.read_table(target / p).column("file").to_pylist()
        }


def test_pandas_polars_and_duckdb_read_it(
    fake_engine: None, small_parts: None, tmp_path: Path
) -> None:
    articles(tmp_path / "in")
    target = tmp_path / "out.parquet"  # the extension chooses the format
    assert invoke("-o", target, tmp_path / "in").exit_code == 0
    expected = pq.read_table(target).to_pylist()
    values = [row["value"] for row in expected]

    pd = pytest.importorskip("pandas")
    frame = pd.read_parquet(target, engine="pyarrow")
    assert list(frame.columns) == [*COLUMNS, "value_exact", "value_max_exact"]
    assert str(frame["start"].dtype) == "int64" and str(frame["value"].dtype) == "float64"
    assert frame["value"].tolist() == values
    typed = pd.read_parquet(target, dtype_backend="numpy_nullable")
    assert str(typed["repeat_of"].dtype) == "Int64"  # nulls kept as nulls, not NaN

    pl = pytest.importorskip("polars")
    table = pl.read_parquet(str(target / "*.parquet"))
    assert table.schema["start"] == pl.Int64 and table.schema["value"] == pl.Float64
    assert table.schema["text"] == pl.String and table.schema["repeat_of"] == pl.Int64
    assert table["value"].to_list() == values

    duckdb = pytest.importorskip("duckdb")
    query = duckdb.sql(
        f"select count(*), sum(value), typeof(first(start)), typeof(first(value)), "
        f"typeof(first(text)) from read_parquet('{target}/*.parquet')"
    )
    assert query.fetchall() == [(len(values), sum(values), "BIGINT", "DOUBLE", "VARCHAR")]


def test_value_exact_keeps_what_float64_cannot(tmp_path: Path) -> None:
    quantities = [
        Quantity(
            0,
            5,
            "x",
            12345678901234567,
            12345678901234568,
            "元",
            "currency",
            12345678901234567,
            "CNY",
            "range",
            None,
            None,
            None,
            "x",
        ),
        Quantity(
            0, 5, "x", 0.3333333333333333, None, "", "ratio", 0.3333333333333333, "", "exact",
            None, None, None, "x",
        ),
    ]
    with parquet.ParquetWriter(tmp_path / "out") as writer:
        for quantity in quantities:
            writer.write("a.txt", quantity)
    rows = pq.read_table(tmp_path / "out").to_pylist()
    assert [row["value_exact"] for row in rows] == ["12345678901234567", "0.3333333333333333"]
    assert [row["value_max_exact"] for row in rows] == ["12345678901234568", None]
    assert rows[0]["value"] == 12345678901234567.0 and rows[1]["value_max"] is None


def test_no_rows_still_make_a_dataset_with_its_schema(fake_engine: None, tmp_path: Path):
    target = tmp_path / "out"
    result = invoke("-f", "parquet", "-o", target, write(tmp_path / "a.txt", "none"))
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(target)
    assert table.num_rows == 0 and table.schema == parquet.schema()


def test_an_existing_dataset_is_not_overwritten(fake_engine: None, tmp_path: Path) -> None:
    target = tmp_path / "out"
    source = write(tmp_path / "a.txt", "1")
    assert invoke("-f", "parquet", "-o", target, source).exit_code == 0
    before = (target / "part-000000.parquet").read_bytes()
    result = invoke("-f", "parquet", "-o", target, source)
    assert result.exit_code == 1
    assert result.stderr == (
        f"newsstats: {target}: already holds a Parquet dataset; remove it or choose another "
        "folder\n"
    )
    assert (target / "part-000000.parquet").read_bytes() == before


def test_parquet_needs_a_folder(tmp_path: Path) -> None:
    result = invoke("-f", "parquet", write(tmp_path / "a.txt", "1"))
    assert result.exit_code == 2
    assert "give it with -o DIR" in result.stderr


def test_interrupted_run_leaves_a_valid_dataset(interrupting_engine: None, tmp_path: Path) -> None:
    target = tmp_path / "out"
    first = write(tmp_path / "1.txt", "12 13")
    result = invoke(
        "--jobs", "1", "-f", "parquet", "-o", target, first, write(tmp_path / "2.txt", "stop")
    )
    assert result.exit_code == 130
    assert problems(result.stderr) == "newsstats: interrupted: the output so far is complete\n"
    assert pq.read_table(target).column("value").to_pylist() == [12.0, 13.0]
    assert [path.name for path in target.iterdir()] == ["part-000000.parquet"]
