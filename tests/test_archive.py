"""Archive mode: several jobs, compressed and JSONL inputs, failures, --errors, interrupts.

Like test_cli.py these run a stand-in engine (patched into ``newsstats.core`` before the pool
forks, so workers inherit it) and check the runner, not extraction quality.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import interrupt_once_written
from test_cli import SUMMARY, csv_rows, digits_engine, invoke, problems, write

from newsstats import archive, core, reading
from newsstats.model import Quantity


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """JSONL blocks of a line or two, so a small archive makes many tasks."""
    monkeypatch.setattr(reading, "BLOCK_BYTES", 16)


def jsonl(path: Path, lines: list[object], packing=None) -> Path:
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    data = text.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(packing(data) if packing else data)
    return path


# --- order and parallelism -----------------------------------------------------------------


def test_order_is_kept_with_several_jobs(fake_engine: None, tmp_path: Path) -> None:
    # Sizes vary so workers finish out of order; the output must not.
    files = [
        write(tmp_path / f"{i:03}.txt", " ".join([str(i)] * (1 + i * 37 % 50))) for i in range(60)
    ]
    result = invoke("--jobs", "3", "-f", "jsonl", *files)
    assert result.exit_code == 0, result.stderr
    names = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert list(dict.fromkeys(names)) == [str(file) for file in files]
    assert [json.loads(line)["value"] for line in result.stdout.splitlines()] == [
        i for i in range(60) for _ in range(1 + i * 37 % 50)
    ]


def test_several_jobs_give_the_same_output_as_one(
    fake_engine: None, small_blocks: None, tmp_path: Path
) -> None:
    write(tmp_path / "a" / "1.txt", "12 3")
    jsonl(tmp_path / "b.jsonl", [{"text": f"{i} and {i * 2}"} for i in range(40)])
    write(tmp_path / "c.txt.gz", "12")  # not gzip: fails the same way whatever the jobs
    one, two = (invoke("--jobs", jobs, tmp_path) for jobs in ("1", "2"))
    assert one.stdout == two.stdout and len(csv_rows(one.stdout)) == 82
    assert problems(one.stderr) == problems(two.stderr) != ""
    assert one.exit_code == two.exit_code == 1


def test_a_single_input_runs_without_a_pool(
    fake_engine: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_pool(jobs: int) -> None:
        raise AssertionError("a pool was started for one file")

    monkeypatch.setattr(archive, "_start_pool", no_pool)
    result = invoke("--jobs", "4", write(tmp_path / "a.txt", "12"))
    assert result.exit_code == 0, result.stderr
    assert [row["text"] for row in csv_rows(result.stdout)] == ["12"]


def test_jobs_must_be_positive(fake_engine: None, tmp_path: Path) -> None:
    assert invoke("--jobs", "0", write(tmp_path / "a.txt", "12")).exit_code == 2


# --- failures among good inputs --------------------------------------------------------------


def test_failing_file_among_good_ones_with_several_jobs(fake_engine: None, tmp_path: Path):
    files = [write(tmp_path / f"{i}.txt", str(i)) for i in range(8)]
    bad = tmp_path / "4.txt"
    bad.write_bytes(b"4\x00\xfe")
    result = invoke("--jobs", "2", *files)
    assert result.exit_code == 1
    assert problems(result.stderr) == f"newsstats: {bad}: binary file (NUL byte at offset 1)\n"
    assert [row["file"] for row in csv_rows(result.stdout)] == [
        str(file) for file in files if file != bad
    ]
    assert "7 articles read, 1 failed, 7 mentions" in result.stderr


def test_a_worker_that_dies_fails_its_own_file_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def deadly_engine(text: str, date: object = None) -> list[Quantity]:
        if text == "die":
            os._exit(3)  # as if killed: no exception, no result
        return digits_engine(text)

    monkeypatch.setattr(core, "extract", deadly_engine)
    files = [write(tmp_path / f"{i}.txt", "die" if i == 3 else str(i)) for i in range(8)]
    result = invoke("--jobs", "2", *files)
    assert result.exit_code == 1
    assert (
        problems(result.stderr)
        == f"newsstats: {files[3]}: worker process died (killed, or out of memory)\n"
    )
    assert [row["value"] for row in csv_rows(result.stdout)] == ["0", "1", "2", "4", "5", "6", "7"]


def test_errors_file_lists_every_failure(fake_engine: None, tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "1")
    missing = tmp_path / "missing.txt"
    archive_file = jsonl(tmp_path / "a.jsonl", [{"text": "2"}, "{broken", {"body": "3"}])
    log = tmp_path / "errors.tsv"
    result = invoke("--errors", log, good, missing, archive_file)
    assert result.exit_code == 1
    rows = list(csv.reader(io.StringIO(log.read_text(encoding="utf-8")), dialect="excel-tab"))
    assert rows[0] == ["file", "reason"]
    assert [name for name, _ in rows[1:]] == [
        str(missing),
        f"{archive_file}#2",
        f"{archive_file}#3",
    ]
    # the same failures, in the same words, as on stderr
    assert problems(result.stderr) == "".join(
        f"newsstats: {name}: {reason}\n" for name, reason in rows[1:]
    )


def test_errors_file_is_written_even_when_nothing_fails(fake_engine: None, tmp_path: Path):
    log = tmp_path / "errors.tsv"
    result = invoke("--errors", log, write(tmp_path / "a.txt", "1"))
    assert result.exit_code == 0
    assert log.read_text(encoding="utf-8") == "file\treason\n"


def test_errors_file_that_cannot_be_created(fake_engine: None, tmp_path: Path) -> None:
    log = tmp_path / "no-such-folder" / "errors.tsv"
    result = invoke("--errors", log, write(tmp_path / "a.txt", "1"))
    assert result.exit_code == 1
    assert result.stderr == f"newsstats: {log}: No such file or directory\n"


# --- compressed inputs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "pack"), [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)]
)
def test_compressed_text_is_read_transparently(
    fake_engine: None, tmp_path: Path, suffix: str, pack
) -> None:
    article = tmp_path / f"a.txt{suffix}"
    article.write_bytes(pack("共12人".encode("gb18030")))
    result = invoke(article)
    assert result.exit_code == 0, result.stderr
    [row] = csv_rows(result.stdout)
    assert (row["file"], row["text"], row["sentence"]) == (str(article), "12", "共12人")


def test_folder_takes_compressed_and_jsonl_files_by_default(
    fake_engine: None, tmp_path: Path
) -> None:
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(b"2"))
    write(tmp_path / "a" / "z.txt", "1")
    jsonl(tmp_path / "c.jsonl.xz", [{"text": "3"}], lzma.compress)
    write(tmp_path / "d.md", "4")
    (tmp_path / "e.zip").write_bytes(b"5")
    result = invoke(tmp_path)
    assert [row["file"] for row in csv_rows(result.stdout)] == [
        str(tmp_path / "a" / "z.txt"),
        str(tmp_path / "b.txt.gz"),
        f"{tmp_path / 'c.jsonl.xz'}#1",
    ]


@pytest.mark.parametrize("damage", ["not gzip", "truncated"])
def test_damaged_gzip_is_one_failure(fake_engine: None, tmp_path: Path, damage: str) -> None:
    packed = gzip.compress(("12 " * 5000).encode())
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(b"plain text" if damage == "not gzip" else packed[: len(packed) // 2])
    good = write(tmp_path / "good.txt", "3")
    result = invoke(bad, good)
    assert result.exit_code == 1
    [line] = problems(result.stderr).splitlines()
    assert line.startswith(f"newsstats: {bad}: ")
    assert [row["file"] for row in csv_rows(result.stdout)] == [str(good)]


def test_glob_chooses_the_files_in_a_folder(fake_engine: None, tmp_path: Path) -> None:
    write(tmp_path / "2024" / "a.txt", "1")
    write(tmp_path / "2025" / "b.txt", "2")
    write(tmp_path / "notes.md", "3")
    result = invoke("--glob", "2024/*.txt", "--glob", "*.md", tmp_path)
    assert [row["file"] for row in csv_rows(result.stdout)] == [
        str(tmp_path / "2024" / "a.txt"),
        str(tmp_path / "notes.md"),
    ]


# --- JSONL archives ------------------------------------------------------------------------


def test_jsonl_archive_with_one_broken_line(
    fake_engine: None, small_blocks: None, tmp_path: Path
) -> None:
    archive_file = jsonl(
        tmp_path / "news.jsonl",
        [{"text": "a 1"}, {"text": "b 2"}, '{"text": "c 3"', {"text": "d 4"}, "", {"text": "e 5"}],
    )
    result = invoke("--jobs", "2", archive_file)
    assert result.exit_code == 1
    assert problems(result.stderr) == (
        f"newsstats: {archive_file}#3: not JSON: Expecting ',' delimiter (column 15)\n"
    )
    rows = csv_rows(result.stdout)
    # blank lines are skipped but still counted, so #N is always the line number
    assert [(row["file"], row["value"]) for row in rows] == [
        (f"{archive_file}#1", "1"),
        (f"{archive_file}#2", "2"),
        (f"{archive_file}#4", "4"),
        (f"{archive_file}#6", "5"),
    ]
    assert rows[0]["sentence"] == "a 1"


def test_jsonl_text_and_id_fields(fake_engine: None, tmp_path: Path) -> None:
    archive_file = jsonl(
        tmp_path / "news.jsonl.gz",
        [
            {"doc": "xwlb/1", "body": "共12人"},
            {"doc": 7, "body": "3"},
            {"body": "4"},
            {"doc": "x", "text": "5"},
            {"doc": "y", "body": 6},
            [1, 2],
        ],
        gzip.compress,
    )
    result = invoke("--jsonl-text", "body", "--jsonl-id", "doc", archive_file)
    assert [(row["file"], row["value"]) for row in csv_rows(result.stdout)] == [
        (f"{archive_file}#xwlb/1", "12"),
        (f"{archive_file}#7", "3"),
    ]
    assert problems(result.stderr).splitlines() == [
        f"newsstats: {archive_file}#3: no 'doc' field to name the article by",
        f"newsstats: {archive_file}#4: no 'body' field",
        f"newsstats: {archive_file}#5: the 'body' field is not a string",
        f"newsstats: {archive_file}#6: not a JSON object but list",
    ]
    assert result.exit_code == 1


def test_jsonl_line_that_is_not_utf8(fake_engine: None, tmp_path: Path) -> None:
    archive_file = tmp_path / "a.jsonl"
    archive_file.write_bytes(b'{"text": "1"}\n{"text": "\xff\xfe"}\n{"text": "3"}\n')
    result = invoke("--encoding", "utf-8", archive_file)
    assert [row["value"] for row in csv_rows(result.stdout)] == ["1", "3"]
    assert problems(result.stderr).startswith(f"newsstats: {archive_file}#2: cannot decode")


def test_truncated_compressed_jsonl_keeps_the_lines_before_the_break(
    fake_engine: None, tmp_path: Path
) -> None:
    lines = [{"text": f"{i} " + "x" * 200} for i in range(2000)]
    packed = gzip.compress("".join(json.dumps(line) + "\n" for line in lines).encode())
    archive_file = tmp_path / "a.jsonl.gz"
    archive_file.write_bytes(packed[: len(packed) // 2])
    result = invoke(archive_file)
    assert result.exit_code == 1
    values = [int(row["value"]) for row in csv_rows(result.stdout)]
    assert values and values == list(range(len(values)))
    assert problems(result.stderr).splitlines()[-1].startswith(f"newsstats: {archive_file}: ")


# --- stderr: summary, quiet, progress --------------------------------------------------------


def test_summary_line_closes_stderr(fake_engine: None, tmp_path: Path) -> None:
    result = invoke(write(tmp_path / "a.txt", "1 2 3"), write(tmp_path / "b.txt", "4"))
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert SUMMARY.fullmatch(result.stderr.strip())
    assert result.stderr.startswith("newsstats: 2 articles read, 0 failed, 4 mentions, ")


def test_quiet_leaves_only_errors(fake_engine: None, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    quiet = invoke("--quiet", write(tmp_path / "a.txt", "1"), missing)
    assert quiet.stderr == f"newsstats: {missing}: No such file or directory\n"
    assert invoke("-q", write(tmp_path / "a.txt", "1")).stderr == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(fake_engine: None, tmp_path: Path):
    # CliRunner's stderr is no terminal: not one control sequence may reach it.
    result = invoke("--jobs", "2", *(write(tmp_path / f"{i}.txt", str(i)) for i in range(5)))
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert SUMMARY.fullmatch(result.stderr.strip())


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal: the bar is drawn there, and stdout still gets clean rows."""
    pty = pytest.importorskip("pty")
    files = [write(tmp_path / f"{i}.txt", str(i)) for i in range(20)]
    target = tmp_path / "out.csv"
    slow = (
        "import sys, time; from newsstats import core, cli; "
        "from test_cli import digits_engine; "
        "core.extract = lambda text, date=None: (time.sleep(0.05), digits_engine(text))[1]; "
        "sys.argv[1:] = ['extract', '-j', '2', *sys.argv[1:]]; cli.main()"
    )
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", slow, "-o", str(target), *map(str, files)],
        stderr=follower,
        env=os.environ | {"PYTHONPATH": str(Path(__file__).parent), "COLUMNS": "120"},
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 0
    screen = shown.decode(errors="replace")
    assert "articles" in screen and "MB/s" in screen and "ETA" in screen
    assert SUMMARY.search(screen)
    assert [row["value"] for row in csv_rows(target.read_text(encoding="utf-8"))] == [
        str(i) for i in range(20)
    ]


# --- interrupts ----------------------------------------------------------------------------


def test_interrupt_in_process_leaves_whole_articles_and_exit_130(
    interrupting_engine: None, tmp_path: Path
) -> None:
    first = write(tmp_path / "1.txt", "12 13")
    result = invoke("--jobs", "1", "-f", "jsonl", first, write(tmp_path / "2.txt", "stop"))
    assert result.exit_code == 130
    assert [json.loads(line)["value"] for line in result.stdout.splitlines()] == [12, 13]
    assert problems(result.stderr) == "newsstats: interrupted: the output so far is complete\n"


PARSERS = {
    "csv": lambda text: [row["file"] for row in csv_rows(text)],
    "json": lambda text: [record["file"] for record in json.loads(text)],
    "jsonl": lambda text: [json.loads(line)["file"] for line in text.splitlines()],
}


@pytest.mark.parametrize("output_format", sorted(PARSERS))
def test_ctrl_c_mid_run_stops_the_workers_and_leaves_valid_output(
    tmp_path: Path, output_format: str
) -> None:
    """A real SIGINT to the whole process group, as a terminal's Ctrl-C sends it."""
    folder = tmp_path / "archive"
    for i in range(400):
        write(folder / f"{i:04}.txt", f"{i} " * 20)
    target = tmp_path / f"out.{output_format}"
    slow = (
        "import sys, time; from newsstats import core, cli; "
        "from test_cli import digits_engine; "
        "core.extract = lambda text, date=None: (time.sleep(0.05), digits_engine(text))[1]; "
        "sys.argv[1:] = ['extract', *sys.argv[1:]]; cli.main()"
    )
    returncode, stderr = interrupt_once_written(
        [sys.executable, "-c", slow, "--jobs", "2", "-o", str(target), str(folder)],
        target,
        3000,  # some rows are out
        {"PYTHONPATH": str(Path(__file__).parent)},
        wait=60,
        linger=10,
    )
    assert returncode == 130, stderr
    assert "Traceback" not in stderr
    assert problems(stderr) == "newsstats: interrupted: the output so far is complete\n"
    names = PARSERS[output_format](target.read_text(encoding="utf-8"))
    # whole articles only, a prefix of the input in order, and not all of it
    expected = [str(folder / f"{i:04}.txt") for i in range(400)]
    assert 0 < len(names) < 20 * 400
    assert names == [name for name in expected for _ in range(20)][: len(names)]
    assert len(names) % 20 == 0


# --- reading internals ---------------------------------------------------------------------


def test_walk_matches_sorted_rglob(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a-b/x.txt", "a.txt", "A/q.txt", "a/b/c.txt", "x.md"]:
        write(tmp_path / name, "1")
    walked = list(reading.walk(str(tmp_path), ("*.txt",)))
    assert walked == [str(path) for path in sorted(tmp_path.rglob("*.txt"))]


def test_jsonl_blocks_cover_every_line_and_byte(tmp_path: Path) -> None:
    lines = [{"text": "x" * (i % 17)} for i in range(300)]
    archive_file = jsonl(tmp_path / "a.jsonl", lines)
    blocks = list(reading.tasks([str(archive_file)], block_bytes=100))
    assert len(blocks) > 10
    assert b"".join(block.data for block in blocks) == archive_file.read_bytes()
    assert sum(block.size for block in blocks) == archive_file.stat().st_size
    starts = [block.first_line for block in blocks]
    counts = [block.data.count(b"\n") for block in blocks]
    assert starts == [1 + sum(counts[:i]) for i in range(len(blocks))]


def test_unexpected_reading_failure_fails_that_input_only(
    fake_engine: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real_read = reading._read

    def fragile_read(name: str) -> bytes:
        if name.endswith("bad.txt"):
            raise MemoryError("too big")
        return real_read(name)

    monkeypatch.setattr(reading, "_read", fragile_read)
    bad, good = write(tmp_path / "bad.txt", "1"), write(tmp_path / "good.txt", "2")
    result = invoke("--jobs", "1", bad, good)
    assert result.exit_code == 1
    assert problems(result.stderr) == f"newsstats: {bad}: internal error: MemoryError: too big\n"
    assert [row["file"] for row in csv_rows(result.stdout)] == [str(good)]
