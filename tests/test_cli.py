"""The command line end to end: inputs, formats, errors, and real stdio where it matters.

Format, IO and error-handling tests run against a stand-in engine (``fake_engine``) so they
check this layer and not extraction quality; the ``real engine`` tests use newsstats.core.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsstats
from newsstats import core
from newsstats.cli import app
from newsstats.model import COLUMNS, Quantity
from newsstats.output import neutralise_formula, table_priority

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# The console script installed next to the interpreter running the tests.
NEWSSTATS = Path(sys.executable).parent / "newsstats"
DONATION = "辽宁绥四建设集团捐款100万元。"

runner = CliRunner()


def digits_engine(text: str, date: object = None) -> list[Quantity]:
    """Stand-in engine: every run of ASCII digits is a count; the sentence is the whole text."""
    return [
        Quantity(
            start=match.start(),
            end=match.end(),
            text=match.group(),
            value=int(match.group()),
            value_max=None,
            unit="",
            dimension="count",
            base_value=int(match.group()),
            base_unit="",
            approx="exact",
            change=None,
            entity=None,
            subject=None,
            sentence=text,
        )
        for match in re.finditer(r"[0-9]+", text)
    ]


def invoke(*args: str | Path, stdin: bytes | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, ["extract", *map(str, args)], input=stdin, env=env)


SUMMARY = re.compile(
    r"newsstats: \d+ articles? read, \d+ failed, \d+ mentions?, \d+\.\d s, \d+\.\d\d MB/s"
)


def problems(stderr: str) -> str:
    """stderr without the summary line that must close it."""
    *lines, summary = stderr.splitlines(keepends=True)
    assert SUMMARY.fullmatch(summary.rstrip("\n")), summary
    return "".join(lines)


def csv_rows(output: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(output))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --- formats -------------------------------------------------------------------------------


def test_csv_parses_back(fake_engine: None, tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "共12人,其中3人获奖。")
    result = invoke("-f", "csv", article)
    assert result.exit_code == 0, result.stderr
    rows = csv_rows(result.stdout)
    assert [(row["text"], row["value"], row["start"]) for row in rows] == [
        ("12", "12", "1"),
        ("3", "3", "7"),
    ]
    assert rows[0]["file"] == str(article)
    assert rows[0]["value_max"] == "" and rows[0]["entity"] == ""


def test_csv_is_the_default_when_stdout_is_not_a_terminal(fake_engine: None, tmp_path: Path):
    result = invoke(write(tmp_path / "a.txt", "12"))
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)


def test_json_parses_back_with_nulls_and_numbers(fake_engine: None, tmp_path: Path) -> None:
    result = invoke("-f", "json", write(tmp_path / "a.txt", "共12人,其中3人获奖。"))
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [tuple(record) for record in records] == [COLUMNS, COLUMNS]
    assert records[0]["value"] == 12 and isinstance(records[0]["value"], int)
    assert records[0]["value_max"] is None
    assert records[0]["sentence"] == "共12人,其中3人获奖。"
    # ensure_ascii=False: Chinese stays readable in the output.
    assert "共12人" in result.stdout


def test_json_with_no_rows_is_an_empty_array(fake_engine: None, tmp_path: Path) -> None:
    result = invoke("-f", "json", write(tmp_path / "a.txt", "没有数字。"))
    assert json.loads(result.stdout) == []


def test_json_array_is_closed_when_the_run_stops_part_way(
    interrupting_engine: None, tmp_path: Path
) -> None:
    first = write(tmp_path / "1.txt", "12")
    result = invoke("-f", "json", first, write(tmp_path / "2.txt", "stop"))
    assert result.exit_code != 0
    assert [record["file"] for record in json.loads(result.stdout)] == [str(first)]


def test_jsonl_parses_back_line_by_line(fake_engine: None, tmp_path: Path) -> None:
    result = invoke("-f", "jsonl", write(tmp_path / "a.txt", "12 and 3"))
    lines = result.stdout.splitlines()
    assert [json.loads(line)["value"] for line in lines] == [12, 3]
    assert all(tuple(json.loads(line)) == COLUMNS for line in lines)


def test_table_shows_every_column_and_value(fake_engine: None, tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "共12人")
    # Wide enough that no cell has to wrap, so each table row is one line.
    result = invoke("-f", "table", article, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].strip() == str(article)

    def cells(line: str) -> list[str]:
        return [cell.strip() for cell in re.split(r"[│┃]", line)[1:-1]]

    header, data = (cells(line) for line in lines if line.startswith(("┃", "│")))
    # the file is the title, not a column; the columns a reader looks at first come first
    assert header == table_priority()
    assert sorted(header) == sorted(COLUMNS[1:])
    expected = dict.fromkeys(COLUMNS[1:], "") | {
        "start": "1", "end": "3", "text": "12", "value": "12", "dimension": "count",
        "base_value": "12", "approx": "exact", "sentence": "共12人",
    }
    assert dict(zip(header, data, strict=True)) == expected


def test_table_does_not_read_brackets_as_markup(fake_engine: None, tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "[bold]12[/bold]")
    result = invoke("-f", "table", article, env={"COLUMNS": "400"})
    assert "[bold]12[/bold]" in result.stdout


# --- inputs --------------------------------------------------------------------------------


def test_stdin_dash(fake_engine: None) -> None:
    result = invoke("-", stdin="共12人".encode())
    rows = csv_rows(result.stdout)
    assert [(row["file"], row["text"]) for row in rows] == [("-", "12")]


def test_stdin_is_decoded_like_a_file(fake_engine: None) -> None:
    result = invoke("-", stdin="共12人".encode("gb18030"))
    assert csv_rows(result.stdout)[0]["sentence"] == "共12人"


def test_several_files_keep_argument_order(fake_engine: None, tmp_path: Path) -> None:
    second = write(tmp_path / "b.txt", "2")
    first = write(tmp_path / "a.txt", "1")
    result = invoke(second, first, second)
    assert [row["file"] for row in csv_rows(result.stdout)] == [
        str(second),
        str(first),
        str(second),
    ]


def test_folder_means_every_txt_below_it_sorted(fake_engine: None, tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "2")
    write(tmp_path / "a" / "z.txt", "1")
    write(tmp_path / "c.md", "3")
    result = invoke(tmp_path)
    assert [row["file"] for row in csv_rows(result.stdout)] == [
        str(tmp_path / "a" / "z.txt"),
        str(tmp_path / "b.txt"),
    ]


def test_folder_without_inputs_is_reported(fake_engine: None, tmp_path: Path) -> None:
    # an empty result would pass for "no statistics", not for a wrong folder or --glob
    result = invoke(tmp_path)
    assert result.exit_code == 1
    assert f"newsstats: {tmp_path}: no input: no file below it matches *.txt" in result.stderr
    assert result.stdout == ",".join(COLUMNS) + "\n"


def test_gb18030_file_is_detected(fake_engine: None, tmp_path: Path) -> None:
    article = write(tmp_path / "gbk.txt", "辽宁绥四建设集团捐款100万元。", "gb18030")
    rows = csv_rows(invoke(article).stdout)
    assert rows[0]["sentence"] == "辽宁绥四建设集团捐款100万元。"
    assert rows[0]["start"] == "10"


def test_utf8_bom_is_stripped_so_offsets_do_not_shift(fake_engine: None, tmp_path: Path) -> None:
    article = tmp_path / "bom.txt"
    article.write_bytes(b"\xef\xbb\xbf" + "共12人".encode())
    rows = csv_rows(invoke(article).stdout)
    assert (rows[0]["start"], rows[0]["sentence"]) == ("1", "共12人")


def test_encoding_option_forces_the_decoder(fake_engine: None, tmp_path: Path) -> None:
    # Big5 bytes also decode as GB18030, only to the wrong characters: forced, they do.
    article = write(tmp_path / "big5.txt", "價格12元", "big5")
    assert csv_rows(invoke("--encoding", "gb18030", article).stdout)[0]["sentence"] != "價格12元"
    assert csv_rows(invoke("--encoding", "big5", article).stdout)[0]["sentence"] == "價格12元"
    assert csv_rows(invoke(article).stdout)[0]["sentence"] == "價格12元"  # detected


# --- errors --------------------------------------------------------------------------------


def test_missing_file_is_reported_once_and_the_rest_still_written(
    fake_engine: None, tmp_path: Path
) -> None:
    before = write(tmp_path / "a.txt", "1")
    missing = tmp_path / "missing.txt"
    after = write(tmp_path / "b.txt", "2")
    result = invoke(before, missing, after)
    assert result.exit_code == 1
    assert problems(result.stderr) == f"newsstats: {missing}: No such file or directory\n"
    assert [row["file"] for row in csv_rows(result.stdout)] == [str(before), str(after)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_reported(fake_engine: None, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "1")
    secret.chmod(0)
    result = invoke(secret)
    assert result.exit_code == 1
    assert problems(result.stderr) == f"newsstats: {secret}: Permission denied\n"


def test_undecodable_file_under_forced_utf8(fake_engine: None, tmp_path: Path) -> None:
    legacy = write(tmp_path / "gbk.txt", "共12人", "gb18030")
    good = write(tmp_path / "good.txt", "3")
    result = invoke("--encoding", "utf-8", legacy, good)
    assert result.exit_code == 1
    [line] = problems(result.stderr).splitlines()
    assert line.startswith(f"newsstats: {legacy}: cannot decode as utf-8")
    assert [row["file"] for row in csv_rows(result.stdout)] == [str(good)]


def test_bytes_neither_utf8_nor_gb18030_are_replaced_with_a_warning(
    fake_engine: None, tmp_path: Path
) -> None:
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(b"12\xff\xff 3")
    result = invoke(garbage)
    assert result.exit_code == 0
    assert problems(result.stderr) == (
        f"newsstats: {garbage}: warning: mixed or broken encoding, 2 undecodable byte "
        "sequence(s) replaced with U+FFFD (first at byte offset 2)\n"
    )
    assert [row["text"] for row in csv_rows(result.stdout)] == ["12", "3"]


def test_lines_in_utf8_and_gb18030_are_each_read_right(fake_engine: None, tmp_path: Path):
    # an archive pasted together from a UTF-8 and a GBK source
    mixed = tmp_path / "mixed.txt"
    lines = ("第一行共12人\n".encode(), "第二行3吨\n".encode("gb18030"), "末行5家".encode())
    mixed.write_bytes(b"".join(lines))
    result = invoke("-f", "jsonl", mixed)
    assert result.exit_code == 0
    assert problems(result.stderr) == (
        f"newsstats: {mixed}: warning: mixed encodings, 1 line(s) read as gb18030\n"
    )
    # a line misread would shift every offset after it
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["text"], row["start"]) for row in rows] == [("12", 4), ("3", 11), ("5", 16)]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR 3", "PNG image"),
        (b"%PDF-1.7 12 0 obj\n\x00", "PDF document"),
        (b"\x01\x02\x03\x00\x00\x04\x05 3", "NUL byte at offset 3"),
    ],
    ids=["png", "pdf", "nul bytes"],
)
def test_binary_file_is_reported_and_skipped(
    fake_engine: None, tmp_path: Path, content: bytes, reason: str
) -> None:
    binary = tmp_path / "a.bin.txt"
    binary.write_bytes(content)
    good = write(tmp_path / "b.txt", "共3人")
    result = invoke(binary, good)
    assert result.exit_code == 1
    assert problems(result.stderr) == f"newsstats: {binary}: binary file ({reason})\n"
    assert [row["file"] for row in csv_rows(result.stdout)] == [str(good)]


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-16-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(
    fake_engine: None, tmp_path: Path, codec: str
) -> None:
    article = tmp_path / "wide.txt"
    bom = {"utf-16-be": b"\xfe\xff"}.get(codec, b"")
    article.write_bytes(bom + "共12人".encode(codec))
    result = invoke(article)
    assert result.exit_code == 0, result.stderr
    [row] = csv_rows(result.stdout)
    assert (row["text"], row["start"]) == ("12", "1")


def test_a_nul_byte_late_in_a_long_text_is_just_a_character(
    fake_engine: None, tmp_path: Path
) -> None:
    article = tmp_path / "long.txt"
    article.write_bytes("共12人。".encode() * 2000 + b"\x00" + "共3人".encode())
    result = invoke(article)
    assert result.exit_code == 0, result.stderr
    assert csv_rows(result.stdout)[-1]["text"] == "3"


def test_engine_failure_is_an_internal_error_for_that_file_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def fragile_engine(text: str, date: object = None) -> list[Quantity]:
        if "boom" in text:
            raise RuntimeError("boom\nwith a second line")
        return digits_engine(text)

    monkeypatch.setattr(core, "extract", fragile_engine)
    bad = write(tmp_path / "bad.txt", "boom 1")
    good = write(tmp_path / "good.txt", "2")
    result = invoke(bad, good)
    assert result.exit_code == 1
    assert problems(result.stderr) == (
        f"newsstats: {bad}: internal error: RuntimeError: boom with a second line\n"
    )
    assert [row["file"] for row in csv_rows(result.stdout)] == [str(good)]


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "xml", "x.txt"],
        ["--encoding", "no-such-codec", "x.txt"],
        ["--excel", "-f", "json", "x.txt"],
        ["-o", "x.xls", "x.txt"],
        ["--columns", "text,nope", "x.txt"],
        ["--where", "nope=1", "x.txt"],
    ],
    # no PATH on a terminal: tests/test_cli_analyst.py (it needs a real terminal)
    ids=["unknown format", "unknown encoding", "excel without csv", "unknown extension",
         "unknown column", "unknown where field"],
)
def test_usage_errors_exit_2(fake_engine: None, args: list[str]) -> None:
    assert invoke(*args).exit_code == 2


# --- excel ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("100万元", "100万元"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_formula(cell: str, shown: str) -> None:
    assert neutralise_formula(cell) == shown


def test_excel_csv_has_bom_and_no_live_formulas(fake_engine: None, tmp_path: Path) -> None:
    result = invoke("--excel", write(tmp_path / "a.txt", "=SUM(A)+12"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    [row] = csv_rows(result.stdout.removeprefix("\ufeff"))
    assert row["sentence"] == "'=SUM(A)+12"
    # Numbers are not text and cannot be formulas: they stay plain.
    assert (row["text"], row["value"]) == ("12", "12")


def test_excel_to_a_file_defaults_to_csv(fake_engine: None, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx.csv"
    invoke("--excel", "-o", target, write(tmp_path / "a.txt", "12"))
    assert target.read_bytes().startswith(b"\xef\xbb\xbf" + b"file,start")


# --- output file and version ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "parse"),
    [
        ("out.csv", lambda text: [row["value"] for row in csv_rows(text)]),
        ("out", lambda text: [row["value"] for row in csv_rows(text)]),
        ("out.tsv", lambda text: [line.split("\t")[4] for line in text.splitlines()[1:]]),
        ("out.json", lambda text: [str(record["value"]) for record in json.loads(text)]),
        ("out.JSONL", lambda text: [str(json.loads(line)["value"]) for line in text.splitlines()]),
    ],
)
def test_output_file_format_follows_its_extension(
    fake_engine: None, tmp_path: Path, name: str, parse
) -> None:
    target = tmp_path / name
    result = invoke("-o", target, write(tmp_path / "a.txt", "12 and 3"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert parse(target.read_text(encoding="utf-8")) == ["12", "3"]


def test_explicit_format_beats_the_output_extension(fake_engine: None, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    invoke("-f", "jsonl", "-o", target, write(tmp_path / "a.txt", "12"))
    assert json.loads(target.read_text(encoding="utf-8"))["value"] == 12


def test_unwritable_output_file_is_reported(fake_engine: None, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.csv"
    result = invoke("-o", target, write(tmp_path / "a.txt", "12"))
    assert result.exit_code == 1
    assert result.stderr == f"newsstats: {target}: No such file or directory\n"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    build = newsstats.engine_build()
    assert result.stdout == f"newsstats {newsstats.__version__} ({build} engine)\n"


def test_engine_build_names_what_runs() -> None:
    import importlib.machinery

    import newsstats.core

    compiled = newsstats.core.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    assert newsstats.engine_build() == ("compiled" if compiled else "pure Python")


# --- real stdio (subprocess) ---------------------------------------------------------------


def pipe_into_head(*command: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``command | head -1`` in bash; stdout is head's, stderr and status are command's."""
    return subprocess.run(
        ["bash", "-c", '"$@" | head -1; exit "${PIPESTATUS[0]}"', "bash", *map(str, command)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_file_stderr_from_the_installed_script(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = subprocess.run(
        [NEWSSTATS, "extract", missing], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert problems(result.stderr) == f"newsstats: {missing}: No such file or directory\n"
    assert "0 articles read, 1 failed, 0 mentions" in result.stderr
    assert result.stdout == ",".join(COLUMNS) + "\n"


def test_closed_pipe_ends_quietly_whatever_the_engine_does() -> None:
    # A stand-in engine with thousands of rows per file, so the pipe surely closes mid-run.
    flood = (
        "import sys; from newsstats import core, cli; from newsstats.model import Quantity; "
        "q = Quantity(0, 1, '1', 1, None, '', 'count', 1, '', 'exact', None, None, None, "
        "'x' * 100); "
        "core.extract = lambda text, date=None: [q] * 5000; "
        "sys.argv[1:] = ['extract', *sys.argv[1:]]; "
        "cli.main()"
    )
    result = pipe_into_head(sys.executable, "-c", flood, SAMPLES)
    assert result.stdout == ",".join(COLUMNS) + "\n"
    assert result.stderr == ""
    # the reader has what it wanted: success, as jq and csvkit; 120 would mean the final
    # flush of stdout failed
    assert result.returncode == 0


def test_cli_import_does_not_load_the_engine() -> None:
    check = "import sys, newsstats.cli; assert 'jieba' not in sys.modules"
    subprocess.run([sys.executable, "-c", check], check=True)


# --- real engine ---------------------------------------------------------------------------


def test_real_engine_donation(tmp_path: Path) -> None:
    result = invoke("-f", "json", write(tmp_path / "a.txt", DONATION))
    assert result.exit_code == 0, result.stderr
    assert any(
        record["text"] == "100万元" and record["value"] == 1_000_000
        for record in json.loads(result.stdout)
    )


def test_real_engine_no_numbers_gives_only_a_header(tmp_path: Path) -> None:
    result = invoke(write(tmp_path / "a.txt", "今天天气很好。"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ",".join(COLUMNS) + "\n"


def test_real_engine_rows_point_back_into_the_samples() -> None:
    result = invoke("-f", "jsonl", SAMPLES)
    assert result.exit_code == 0, result.stderr
    sources = {str(path): path.read_bytes().decode() for path in SAMPLES.glob("*.txt")}
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {record["file"] for record in records} == set(sources)
    for record in records:
        assert sources[record["file"]][record["start"] : record["end"]] == record["text"]


def test_real_pipeline_into_head_is_quiet() -> None:
    result = pipe_into_head(NEWSSTATS, "extract", SAMPLES)
    assert result.stdout == ",".join(COLUMNS) + "\n"
    assert result.stderr == "", result.stderr  # whole, should it ever fail again
    assert result.returncode == 0
