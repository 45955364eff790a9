"""Nothing hangs, nothing is orphaned, nothing is lost (issue 11): the real command line in a
subprocess, under signals, full disks, concurrent runs and hostile names.

Most run a stand-in engine (``digits_engine``, optionally slowed down) so they test the runner
and the output, not extraction.  Timeouts are generous and only there to catch a hang.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import interrupt_once_written
from test_cli import SUMMARY, csv_rows, problems, write

TESTS = Path(__file__).parent
# test_cli beside the path the tests run with (a worktree's src/ before an installed copy)
ENV = {"PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")]))}


def engine_script(delay: float = 0.0) -> str:
    """Python source running ``newsstats extract ARGS`` with the stand-in engine."""
    return (
        "import sys, time; from newsstats import core, cli; "
        "from test_cli import digits_engine; "
        f"core.extract = lambda text, date=None: (time.sleep({delay}), digits_engine(text))[1]; "
        "sys.argv[1:] = ['extract', *sys.argv[1:]]; cli.main()"
    )


def run(*args: str | Path, delay: float = 0.0, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", engine_script(delay), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | ENV,
        check=False,
        **kwargs,
    )


def archive_of(folder: Path, count: int, numbers: int = 20) -> list[str]:
    for i in range(count):
        write(folder / f"{i:04}.txt", f"{i} " * numbers)
    return [str(folder / f"{i:04}.txt") for i in range(count)]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def wait_for_rows(target: Path, process: subprocess.Popen, size: int = 3000) -> None:
    """Until the run's output (under its temporary name or its own) holds ``size`` bytes."""
    deadline = time.monotonic() + 60
    while True:
        written = [p for p in target.parent.glob(f".{target.name}.*.part")] + [target]
        if any(p.exists() and p.stat().st_size >= size for p in written):
            return
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)


# --- signals -------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["csv", "json", "jsonl"])
def test_sigterm_to_the_parent_is_a_ctrl_c_with_exit_143(
    tmp_path: Path, output_format: str
) -> None:
    expected = archive_of(tmp_path / "archive", 400)
    target = tmp_path / f"out.{output_format}"
    process = subprocess.Popen(
        [sys.executable, "-c", engine_script(0.05), "-j", "2", "-o", str(target),
         str(tmp_path / "archive")],
        stderr=subprocess.PIPE, text=True, env=os.environ | ENV,
    )
    wait_for_rows(target, process)
    workers = children_of(process.pid)
    assert workers
    process.send_signal(signal.SIGTERM)  # to the parent only, as `kill PID` does
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr
    assert problems(stderr) == "newsstats: terminated: the output so far is complete\n"
    text = target.read_text(encoding="utf-8")
    names = {
        "csv": lambda: [row["file"] for row in csv_rows(text)],
        "json": lambda: [record["file"] for record in json.loads(text)],
        "jsonl": lambda: [json.loads(line)["file"] for line in text.splitlines()],
    }[output_format]()
    assert 0 < len(names) < 20 * 400 and len(names) % 20 == 0
    assert names == [name for name in expected for _ in range(20)][: len(names)]
    assert not list(tmp_path.glob(".out.*"))  # the temporary file became the output
    deadline = time.monotonic() + 2
    while any(alive(worker) for worker in workers):
        assert time.monotonic() < deadline, "workers outlived the parent"
        time.sleep(0.05)


def test_workers_die_with_a_parent_killed_by_sigkill(tmp_path: Path) -> None:
    archive_of(tmp_path / "archive", 400)
    target = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-c", engine_script(0.05), "-j", "2", "-o", str(target),
         str(tmp_path / "archive")],
        stderr=subprocess.DEVNULL, env=os.environ | ENV,
    )
    wait_for_rows(target, process)
    workers = children_of(process.pid)
    assert len(workers) == 2
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 2
    while any(alive(worker) for worker in workers):
        assert time.monotonic() < deadline, "workers outlived a killed parent"
        time.sleep(0.05)


@pytest.mark.parametrize("attempt", range(5))
def test_ctrl_c_at_varying_moments_never_hangs(tmp_path: Path, attempt: int) -> None:
    """Interrupts land at different moments of the run; each run must end within the
    timeout with valid output (benchmarks/interrupts.py repeats this 100 times)."""
    archive_of(tmp_path / "archive", 300)
    target = tmp_path / "out.json"
    returncode, stderr = interrupt_once_written(
        [sys.executable, "-c", engine_script(0.01), "--jobs", "2", "-o", str(target),
         str(tmp_path / "archive")],
        target,
        200 + 1500 * attempt,
        ENV,
        wait=60,
        linger=10,
    )
    assert returncode in (0, 130), stderr
    assert "Traceback" not in stderr
    json.loads(target.read_text(encoding="utf-8"))


# --- the output file -----------------------------------------------------------------------


def test_two_runs_writing_the_same_output_leave_one_whole_output(tmp_path: Path) -> None:
    first = archive_of(tmp_path / "a", 30)
    second = archive_of(tmp_path / "b", 30, numbers=5)
    target = tmp_path / "out.jsonl"
    command = [sys.executable, "-c", engine_script(0.01), "-j", "1", "-o", str(target)]
    runs = [
        subprocess.Popen([*command, str(tmp_path / name)], env=os.environ | ENV,
                         stderr=subprocess.DEVNULL)
        for name in ("a", "b")
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    names = [json.loads(line)["file"] for line in target.read_text(encoding="utf-8").splitlines()]
    assert names in (
        [name for name in first for _ in range(20)],
        [name for name in second for _ in range(5)],
    )
    assert not list(tmp_path.glob(".out.*"))


def limit_file_size(size: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.parametrize("output_format", ["csv", "json", "jsonl"])
def test_a_full_disk_cuts_the_output_back_to_whole_articles(
    tmp_path: Path, output_format: str
) -> None:
    """``ulimit -f``: a write fails part-way through an article (EFBIG, as ENOSPC would)."""
    expected = archive_of(tmp_path / "archive", 50)
    target = tmp_path / f"out.{output_format}"
    result = run("-j", "1", "-o", target, tmp_path / "archive",
                 preexec_fn=limit_file_size(20_000))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"newsstats: {target}: File too large; the output holds the articles before it"
    )
    text = target.read_text(encoding="utf-8")
    names = {
        "csv": lambda: [row["file"] for row in csv_rows(text)],
        "json": lambda: [record["file"] for record in json.loads(text)],
        "jsonl": lambda: [json.loads(line)["file"] for line in text.splitlines()],
    }[output_format]()
    assert 0 < len(names) < 20 * 50 and len(names) % 20 == 0
    assert names == [name for name in expected for _ in range(20)][: len(names)]


def test_output_to_a_device_is_written_in_place(tmp_path: Path) -> None:
    result = run("-f", "jsonl", "-o", "/dev/stdout", write(tmp_path / "a.txt", "12 13"))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["value"] for line in result.stdout.splitlines()] == [12, 13]


def test_output_through_a_symlink_replaces_its_target(tmp_path: Path) -> None:
    real = write(tmp_path / "real.jsonl", "old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    result = run("-o", link, write(tmp_path / "a.txt", "12"))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["value"] == 12


def test_pipe_closed_by_head_is_success(tmp_path: Path) -> None:
    archive_of(tmp_path / "archive", 200, numbers=200)
    result = subprocess.run(
        ["bash", "-c", '"$@" | head -1; exit "${PIPESTATUS[0]}"', "bash", sys.executable, "-c",
         engine_script(), "-j", "2", str(tmp_path / "archive")],
        capture_output=True, text=True, timeout=120, env=os.environ | ENV, check=False,
    )
    assert result.stdout.startswith("file,start,end")
    assert result.stderr == ""
    assert result.returncode == 0


def test_a_file_name_with_a_newline_is_one_error_line(tmp_path: Path) -> None:
    missing = tmp_path / "two\nlines.txt"
    errors = tmp_path / "errors.tsv"
    result = run("--errors", errors, missing)
    assert result.returncode == 1
    assert problems(result.stderr) == (
        f"newsstats: {tmp_path}/two\\nlines.txt: No such file or directory\n"
    )
    assert errors.read_text(encoding="utf-8").splitlines()[1] == (
        f"{tmp_path}/two\\nlines.txt\tNo such file or directory"
    )


def test_too_many_jobs_are_capped_with_a_warning(tmp_path: Path) -> None:
    archive_of(tmp_path / "archive", 10)
    cpus = len(os.sched_getaffinity(0))
    result = run("-j", "64", "-f", "jsonl", tmp_path / "archive")
    assert result.returncode == 0, result.stderr
    assert problems(result.stderr) == (
        f"newsstats: --jobs 64: warning: capped at {2 * cpus}, twice the {cpus} CPU(s) here\n"
    )
    assert len(result.stdout.splitlines()) == 200


def test_duplicate_jsonl_ids_are_made_unique_with_a_warning(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    lines = [{"id": "x", "text": "1"}, {"id": "y", "text": "2"}, {"id": "x", "text": "3"},
             {"id": "x", "text": "4"}]
    archive.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run("--jsonl-id", "id", "-f", "jsonl", archive)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [
        f"{archive}#x", f"{archive}#y", f"{archive}#x~2", f"{archive}#x~3"
    ]
    assert problems(result.stderr) == (
        f"newsstats: {archive}#x~2: warning: duplicate id, renamed from {archive}#x\n"
        f"newsstats: {archive}#x~3: warning: duplicate id, renamed from {archive}#x\n"
    )
    assert SUMMARY.search(result.stderr)


# --- hostile and legacy inputs -------------------------------------------------------------

PROJECT = TESTS.parent
# ../shared beside the repository (a worktree sits one level deeper)
SHARED = next(
    (p for p in (PROJECT.parent / "shared", PROJECT.parent.parent / "shared") if p.is_dir()),
    PROJECT.parent / "shared",
)
needs_corpus = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not here")


def bulk_article(article_id: str) -> str:
    archive = SHARED / "corpus" / "bulk" / "misc_cec_sogou_pdeco.jsonl"
    with archive.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] == article_id:
                return record["text"]
    raise LookupError(article_id)


def rows_of(stdout: str) -> list[dict[str, object]]:
    """The JSONL rows without the file column, which names different files."""
    return [
        {key: value for key, value in json.loads(line).items() if key != "file"}
        for line in stdout.splitlines()
    ]


@needs_corpus
@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_a_real_article_ending_in_nul_padding_is_read_with_a_warning(
    tmp_path: Path, codec: str
) -> None:
    """A Sogou article of the bulk corpus, stored as scraped: its text, then 311 NULs."""
    text = bulk_article("sogou/C000023/13.txt")
    padded_bytes = text.rstrip("\x00").encode(codec) + b"\x00" * 311
    padded = tmp_path / "padded.txt"
    padded.write_bytes(padded_bytes)
    clean = write(tmp_path / "clean.txt", text.rstrip("\x00"))
    result = run("-f", "jsonl", padded)
    assert result.returncode == 0, result.stderr
    assert problems(result.stderr) == (
        f"newsstats: {padded}: warning: 311 NUL byte(s) of padding at the end dropped\n"
    )
    assert rows_of(result.stdout) == rows_of(run("-f", "jsonl", clean).stdout)
    assert rows_of(result.stdout)


# Variant forms of Hong Kong script that Big5 (2003) has under their Taiwan form.
BIG5_FORMS = str.maketrans(
    "説税脱鋭悦閲啓羣户衞枱着峯裏温麪敍‑", "說稅脫銳悅閱啟群戶衛檯著峰裡溫麵敘-"
)


def hant_articles() -> list[Path]:
    return sorted((SHARED / "corpus" / "train_hant").glob("*.txt"))[:16]


@needs_corpus
@pytest.mark.parametrize(
    "codec", ["big5", "big5hkscs", "gb18030", "gbk", "utf-16-le", "utf-16-be", "utf-16",
              "utf-32", "utf-32-le", "utf-32-be"]
)
def test_every_legacy_and_wide_encoding_gives_the_rows_of_utf8(
    tmp_path: Path, codec: str
) -> None:
    """Traditional articles of the training set (and, for GBK, their simplified originals)
    stored in each encoding, without a byte-order mark where the codec has none."""
    stored, utf8 = tmp_path / "stored", tmp_path / "utf8"
    stored.mkdir(), utf8.mkdir()
    kept = 0
    for article in hant_articles():
        text = article.read_text(encoding="utf-8").translate(BIG5_FORMS)
        if codec in ("gb18030", "gbk"):
            simplified = SHARED / "corpus" / "train" / article.name.replace("h", "t", 1)
            text = simplified.read_text(encoding="utf-8")
        try:
            stored_bytes = text.encode(codec)
        except UnicodeEncodeError:  # a character plain Big5 lacks
            continue
        (stored / article.name).write_bytes(stored_bytes)
        (utf8 / article.name).write_text(text, encoding="utf-8")
        kept += 1
    assert kept >= 8
    result = run("-j", "1", "-f", "jsonl", stored)
    assert result.returncode == 0, result.stderr
    assert problems(result.stderr) == ""
    assert rows_of(result.stdout) == rows_of(run("-j", "1", "-f", "jsonl", utf8).stdout)


def test_utf16_without_a_bom_that_is_not_plausible_names_the_option(tmp_path: Path) -> None:
    article = tmp_path / "wide.txt"
    # NUL bytes at every other offset, as UTF-16 has, but Latin-1 symbols, not Chinese
    article.write_bytes(bytes(byte for code in range(0xC0, 0x100) for byte in (code, 0)) * 8)
    result = run(article)
    assert result.returncode == 1
    assert "give --encoding utf-16-le or utf-16-be" in result.stderr


def test_an_implausible_decoding_is_a_warning_naming_the_option(tmp_path: Path) -> None:
    # rare hanzi in GB18030 (the most intricate characters, a favourite of trivia articles):
    # not Chinese-looking to our check, nor placed elsewhere by the detector
    article = tmp_path / "rare.txt"
    article.write_bytes("龘靐齉齾爩鱻麤龗灪龖厵爨癵驫麣纞虋讟钃鸜麷鞻韽顟".encode("gb18030"))
    result = run(article)
    assert result.returncode == 0, result.stderr
    assert "warning: the encoding is unclear" in result.stderr
    assert "--encoding" in result.stderr


# Text our own check does not place (not UTF-8/16/32, not Chinese in GB18030 or Big5): read
# through charset-normalizer, with a warning naming the encoding it found and the option.
FOREIGN = [
    ("東京都は今年、12の区で3千人を採用したと発表した。", "shift_jis", "cp932"),
    ("東京都は今年、12の区で3千人を採用したと発表した。", "euc_jp", "euc_jp"),
    (
        "서울시는 올해 12개 구에서 3천 명을 채용했다고 밝혔다. 서울시 관계자는 이번 채용이 "
        "지역 경제에 도움이 될 것으로 기대한다고 말했다.",
        "euc_kr",
        "cp949",
    ),
    (
        "La société a annoncé une hausse de 12 % de son chiffre d’affaires, à 3 milliards "
        "d’euros.",
        "cp1252",
        "cp1252",
    ),
    ("Правительство объявило о росте экономики на 12 процентов за 3 года.", "cp1251", "cp1251"),
    ("Правительство объявило о росте экономики на 12 процентов за 3 года.", "koi8_r", "koi8-r"),
]


@pytest.mark.parametrize(("sentence", "codec", "found"), FOREIGN)
def test_text_in_another_legacy_encoding_is_read_through_the_detector(
    tmp_path: Path, sentence: str, codec: str, found: str
) -> None:
    article = tmp_path / "foreign.txt"
    article.write_bytes(sentence.encode(codec))
    result = run("-f", "jsonl", article)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["sentence"] for line in result.stdout.splitlines()] == [sentence] * 2
    assert f"read as {found} (detected)" in result.stderr
    assert "--encoding" in result.stderr


@pytest.mark.parametrize(
    ("sentence", "codec"),
    [
        ("東京都は今年、12の区で3千人を採用したと発表した。", "iso2022_jp"),
        ("서울시는 올해 12개 구에서 3천 명을 채용했다고 밝혔다.", "iso2022_kr"),
    ],
)
def test_seven_bit_text_with_escape_sequences_is_iso_2022(sentence: str, codec: str) -> None:
    from newsstats.reading import decode_text

    assert decode_text(sentence.encode(codec)) == (sentence, None)


def test_a_mixed_file_keeps_its_utf8_lines_beside_the_detected_ones() -> None:
    from newsstats.reading import decode_text

    lines = [
        "全市新增就业岗位12万个。",
        "La société a annoncé une hausse de 12 % de son chiffre d’affaires, à 3 milliards.",
        "同比增长3%。",
    ]
    data = b"\n".join(
        line.encode("utf-8" if index != 1 else "cp1252") for index, line in enumerate(lines)
    )
    text, warning = decode_text(data)
    assert text == "\n".join(lines)
    assert warning is not None and "1 line(s) read as cp1252" in warning


@pytest.mark.parametrize(
    "data",
    [
        "全市新增就业岗位12万个，同比增长3%。".encode(),
        "全市新增就业岗位12万个，同比增长3%。".encode("gb18030"),
        "全市新增就業崗位12萬個，同比增長3%。".encode("big5"),
    ],
)
def test_chinese_text_does_not_load_the_detector(data: bytes) -> None:
    """Our own check places it: the detector is imported only for what it cannot."""
    script = (
        "import sys; from newsstats.reading import decode_text; "
        f"decode_text({data!r}); print('charset_normalizer' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_a_single_nul_in_the_text_is_not_binary(tmp_path: Path) -> None:
    article = tmp_path / "nul.txt"
    article.write_bytes("共12人。".encode() * 100 + b"\x00" + "共3人".encode())
    result = run("-f", "jsonl", article)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["value"] for line in result.stdout.splitlines()][-1] == 3





@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.jsonl.gz"])
def test_a_gzip_bomb_is_refused_from_its_head_in_bounded_memory(
    tmp_path: Path, name: str
) -> None:
    """200 MB of zeros in 200 KB of gzip: refused having read a few KB of it."""
    import zlib

    bomb = tmp_path / name
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip framing
    zeros = bytes(1024 * 1024)
    with bomb.open("wb") as out:
        for _ in range(200):
            out.write(compressor.compress(zeros))
        out.write(compressor.flush())
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-c", engine_script(), str(bomb)],
        capture_output=True, text=True, timeout=120, env=os.environ | ENV, check=False,
    )
    assert "binary file (NUL byte at offset 0" in result.stderr
    peak_mb = int(result.stdout.splitlines()[-1]) / 1024
    assert peak_mb < 150, peak_mb  # a run of nothing takes about 50 MB


def test_a_jsonl_line_too_long_to_hold_is_skipped_and_reported(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    archive.write_text(
        json.dumps({"text": "12"}) + "\n" + json.dumps({"text": "3" * 3000}) + "\n"
        + json.dumps({"text": "45"}) + "\n",
        encoding="utf-8",
    )
    script = engine_script().replace(
        "cli.main()", "from newsstats import reading; reading.MAX_LINE_BYTES = 1000; cli.main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "-f", "jsonl", str(archive)],
        capture_output=True, text=True, timeout=120, env=os.environ | ENV, check=False,
    )
    assert result.returncode == 1
    assert problems(result.stderr) == f"newsstats: {archive}#2: line longer than 0 MB: skipped\n"
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [
        f"{archive}#1", f"{archive}#3"
    ]


# --- one huge file -------------------------------------------------------------------------

LENGTH_ENGINE = (
    "import re, sys; from newsstats import core, cli, reading; "
    "from newsstats.model import Quantity; "
    "reading.PART_BYTES = 64 * 1024; "
    # every digit run is a row whose sentence is the length of the text the engine was given
    "core.extract = lambda text, date=None: [Quantity(start=m.start(), end=m.end(), "
    "text=m.group(), value=int(m.group()), value_max=None, unit='', dimension='count', "
    "base_value=None, base_unit=None, approx='exact', change=None, entity=None, subject=None, "
    "sentence=str(len(text))) for m in re.finditer('[0-9]+', text)]; "
    "sys.argv[1:] = ['extract', *sys.argv[1:]]; cli.main()"
)


@pytest.mark.parametrize(("jobs", "source"), [("1", "file"), ("2", "file"), ("2", "stdin")])
def test_a_huge_text_file_is_extracted_in_parts_with_offsets_from_its_start(
    tmp_path: Path, jobs: str, source: str
) -> None:
    """Cut at paragraph breaks into parts of about PART_BYTES (64 KB here): no part the engine
    sees grows with the file, every figure is found once, offsets count from the file's
    start, and it is still one article.  Piped to stdin, the same, read as it comes."""
    paragraphs = [
        f"第{i}段：全省共有{i}个市，常住人口4259万人。" + "经济运行总体平稳。" * (i % 50)
        for i in range(6000)
    ]
    text = "\n\n".join(paragraphs[:3000]) + "\n" + "\n".join(paragraphs[3000:]) + "\n"
    article = tmp_path / "huge.txt"
    article.write_text(text, encoding="utf-8")
    assert article.stat().st_size > 20 * 64 * 1024
    result = subprocess.run(
        [sys.executable, "-c", LENGTH_ENGINE, "-j", jobs, "-f", "jsonl",
         "-" if source == "stdin" else str(article)],
        input=text if source == "stdin" else None,
        capture_output=True, text=True, timeout=300, env=os.environ | ENV, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "1 article read" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["start"], row["end"]) for row in rows] == [
        match.span() for match in re.finditer("[0-9]+", text)
    ]
    assert all(text[row["start"] : row["end"]] == row["text"] for row in rows)
    # each part is about 64 KB of UTF-8, far below the file's length
    assert max(int(row["sentence"]) for row in rows) < 64 * 1024
    assert len({row["sentence"] for row in rows}) > 10  # it was cut


def test_a_huge_file_in_utf16_is_not_cut_mid_character(tmp_path: Path) -> None:
    text = "\n\n".join(f"第{i}段：全省共有{i}个市。" for i in range(20000)) + "\n"
    article = tmp_path / "wide.txt"
    article.write_bytes(text.encode("utf-16"))
    result = subprocess.run(
        [sys.executable, "-c", LENGTH_ENGINE, "-j", "1", "-f", "jsonl", str(article)],
        capture_output=True, text=True, timeout=300, env=os.environ | ENV, check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 40000
    assert all(text[row["start"] : row["end"]] == row["text"] for row in rows)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_huge_jsonl_archive_on_stdin_is_read_in_blocks(tmp_path: Path, encoding: str) -> None:
    """Piped JSONL past two parts is cut in blocks of lines as it comes, named -#LINE."""
    lines = [
        json.dumps({"text": f"第{i}篇：全省共有{i}个市。" + "经济平稳。" * (i % 40)},
                   ensure_ascii=False)
        for i in range(4000)
    ]
    data = ("\n".join(lines) + "\n").encode(encoding)
    assert len(data) > 2 * 64 * 1024
    result = subprocess.run(
        [sys.executable, "-c", LENGTH_ENGINE, "-j", "2", "-f", "jsonl", "-"],
        input=data, capture_output=True, timeout=300, env=os.environ | ENV, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "4000 articles read" in result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["file"], row["value"]) for row in rows[::2]] == [
        (f"-#{i + 1}", i) for i in range(4000)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "\n\n".join(f"第{i}段：全省共有{i}个市。" for i in range(3000)),  # paragraphs
        "\n".join(f"第{i}段：全省共有{i}个市。" for i in range(3000)),  # lines only
        "全省共有12个市。" * 2000 + "\n" + "共3人。" * 100,  # a line longer than a part
        "全省共有12个市。" * 3000,  # no line break at all
    ],
)
def test_stdin_is_cut_like_a_file(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """The parts of a stream are those of the same bytes in a file: same offsets, nothing
    lost or doubled, every cut just past a line break."""
    from newsstats import reading

    monkeypatch.setattr(reading, "PART_BYTES", 4096)
    data = text.encode()
    parts = list(reading._streamed_parts(data[:100], io.BytesIO(data[100:])))
    assert b"".join(part for _, part in parts) == data
    assert [offset for offset, _ in parts] == list(
        itertools.accumulate([0, *(len(part) for _, part in parts[:-1])])
    )
    assert all(part.endswith(b"\n") for _, part in parts[:-1])
    file_cuts = list(reading._paragraph_cuts(io.BytesIO(data), len(data)))
    assert [offset for offset, _ in parts[1:]] == file_cuts


def test_binary_data_on_stdin_is_refused_from_its_head(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 2000
    result = subprocess.run(
        [sys.executable, "-c", LENGTH_ENGINE, "-"],
        input=data, capture_output=True, timeout=120, env=os.environ | ENV, check=False,
    )
    assert result.returncode == 1
    assert b"binary file (PDF document)" in result.stderr


def test_a_compressed_text_too_big_to_hold_is_refused_with_a_way_out(tmp_path: Path) -> None:
    bomb = tmp_path / "a.txt.gz"
    bomb.write_bytes(gzip.compress("共12人。".encode() * 200_000, 1))  # 2 MB of text
    script = engine_script().replace(
        "cli.main()", "from newsstats import reading; reading.MAX_WHOLE_BYTES = 2**20; cli.main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(bomb), write(tmp_path / "b.txt", "3")],
        capture_output=True, text=True, timeout=120, env=os.environ | ENV, check=False,
    )
    assert result.returncode == 1
    assert problems(result.stderr) == (
        f"newsstats: {bomb}: too big to read whole: over 1 MB decompressed; "
        "decompress it to have it read in parts\n"
    )
    assert [row["value"] for row in csv_rows(result.stdout)] == ["3"]
