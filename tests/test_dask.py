"""Cluster mode (issue 6): ``--scheduler`` on a LocalCluster of two worker processes.

The rows must be exactly those of the single-machine path.  Dask's nannies start every worker
with PYTHONHASHSEED=6640; the engine must not depend on the seed (test_determinism.py), and
the single-machine reference runs in a subprocess with the same seed all the same.
Workers are spawned, so a stand-in engine cannot be patched in before a fork as in
test_archive.py; where one is needed, a worker plugin installs it (also in a worker that is
started again after a crash).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import interrupt_once_written
from test_cli import NEWSSTATS, app, invoke, problems, runner, write

from newsstats import parquet, reading
from newsstats.model import COLUMNS
from newsstats.reading import ReadOptions

pytest.importorskip("distributed")  # the test extra installs it: CI runs these

import dask  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402
from distributed.diagnostics.plugin import WorkerPlugin  # noqa: E402

import newsstats.dask as nd  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
BULK = SHARED / "corpus" / "bulk" / "xinwenlianbo_2022_2024.jsonl"
SEED = "6640"  # what distributed.nanny sets for its workers


def single_machine(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The single-machine path, in one process, with the workers' hash seed."""
    return subprocess.run(
        [str(NEWSSTATS), "extract", "--jobs", "1", *map(str, args)],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONHASHSEED": SEED},
        check=False,
    )


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},  # its HTTP server: any free port
        silence_logs=logging.ERROR,
    ) as local, Client(local, set_as_default=False) as client:
        yield client


@pytest.fixture
def client(cluster: Client):
    """The shared cluster, with both workers up and no plugin left from an earlier test."""
    cluster.wait_for_workers(2, timeout=60)
    yield cluster
    for name in list(cluster.run_on_scheduler(_plugin_names)):
        cluster.unregister_worker_plugin(name)
    cluster.wait_for_workers(2, timeout=60)


def _plugin_names(dask_scheduler) -> list[str]:  # noqa: ANN001 - run on the scheduler
    return [name for name in dask_scheduler.worker_plugins if name.startswith("engine-")]


class Engine(WorkerPlugin):
    """Put a stand-in engine into every worker (test_cli.digits_engine, or a deadly one)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.name = f"engine-{kind}"

    def setup(self, worker) -> None:  # noqa: ANN001
        from test_cli import digits_engine

        from newsstats import core

        self.original = core.extract

        def deadly(text: str, date: object = None):
            if text == "die":
                os._exit(3)  # as if killed: no exception, no result
            return digits_engine(text)

        core.extract = deadly if self.kind == "deadly" else digits_engine

    def teardown(self, worker) -> None:  # noqa: ANN001
        from newsstats import core

        core.extract = self.original


@pytest.fixture(scope="module")
def bulk_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 500 articles of the bulk corpus, as a plain JSONL archive."""
    if not BULK.exists():
        pytest.skip(f"{BULK} is not there")
    folder = tmp_path_factory.mktemp("bulk")
    with BULK.open("rb") as source:
        lines = [source.readline() for _ in range(500)]
    target = folder / "slice.jsonl"
    target.write_bytes(b"".join(lines))
    return target


@pytest.fixture(scope="module")
def bulk_reference(bulk_slice: Path) -> str:
    done = single_machine("-f", "jsonl", bulk_slice)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) > 1000
    return done.stdout


# --- the same rows as one machine --------------------------------------------------------------


def test_samples_give_the_same_rows_on_a_local_cluster() -> None:
    samples = SHARED / "samples"
    if not samples.is_dir():
        pytest.skip(f"{samples} is not there")
    reference = single_machine("-f", "jsonl", samples)
    assert reference.returncode == 0, reference.stderr
    # --scheduler local: the command line starts (and stops) its own LocalCluster
    result = invoke("--scheduler", "local", "--jobs", "2", "-f", "jsonl", samples)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == reference.stdout
    assert problems(result.stderr) == ""  # not a word from Dask
    assert "5 articles read, 0 failed" in result.stderr


def test_check_on_a_cluster_finds_what_one_machine_finds(client: Client, tmp_path: Path) -> None:
    total = "全省行业协会商会累计捐赠款物2543万元，其中，捐赠资金1254万元，捐赠物资价值1289万元。"
    good = write(tmp_path / "a_good.txt", total)
    bad = write(tmp_path / "b_bad.txt", total.replace("1254万元", "1354万元"))
    missing = tmp_path / "c_missing.txt"
    command = ["check", "-q", "-f", "jsonl", str(good), str(bad), str(missing)]
    reference = subprocess.run(
        [str(NEWSSTATS), *command, "--jobs", "1"], capture_output=True, text=True, check=False
    )
    result = runner.invoke(app, [*command, "--scheduler", client.scheduler.address])
    assert result.exit_code == reference.returncode == 1
    assert result.stdout == reference.stdout
    assert [json.loads(line)["kind"] for line in result.stdout.splitlines()] == ["parts_total"]
    assert result.stderr == reference.stderr == f"newsstats: {missing}: No such file or directory\n"


def test_bulk_slice_gives_the_same_rows_on_a_cluster(
    client: Client, bulk_slice: Path, bulk_reference: str
) -> None:
    result = invoke("--scheduler", client.scheduler.address, "-f", "jsonl", bulk_slice)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == bulk_reference
    assert "500 articles read, 0 failed" in result.stderr


def test_parquet_from_a_cluster_has_the_same_rows(
    client: Client,
    bulk_slice: Path,
    bulk_reference: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(parquet, "ROWS_PER_FILE", 500)
    target = tmp_path / "stats"
    result = invoke("--scheduler", client.scheduler.address, "-f", "parquet", "-o", target,
                    bulk_slice)
    assert result.exit_code == 0, result.stderr
    assert len(list(target.glob("part-*.parquet"))) > 2
    rows = pq.read_table(target).to_pylist()
    expected = [json.loads(line) for line in bulk_reference.splitlines()]
    assert [{column: row[column] for column in COLUMNS} for row in rows] == expected
    assert [row["value_exact"] for row in rows] == [json.dumps(r["value"]) for r in expected]


def test_mixed_inputs_and_failures_as_on_one_machine(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files, folders, compressed text and JSONL, and every kind of failure, reported per file."""
    write(tmp_path / "in" / "a.txt", "全省共有12个市，常住人口4259万人。")
    (tmp_path / "in" / "b.txt.gz").write_bytes(gzip.compress("捐款100万元。".encode("gb18030")))
    (tmp_path / "in" / "c.txt").write_bytes(b"12\x00\xff")  # binary
    (tmp_path / "in" / "d.txt.gz").write_bytes(b"not gzip")
    lines = [{"text": f"第{i}篇：共{i + 10}人参加。"} for i in range(30)]
    lines[7] = "{broken"  # type: ignore[call-overload]
    text = "".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n"
                   for x in lines)
    (tmp_path / "in" / "e.jsonl").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "f.jsonl.gz").write_bytes(gzip.compress(text.encode()))
    (tmp_path / "in" / "g.jsonl").write_text('{"text": "3人"}\n\n{"text": "4人"}', "utf-8")
    monkeypatch.chdir(tmp_path)  # relative names stay relative in the file column
    arguments = ["in", "missing.txt", "in/a.txt"]
    reference = single_machine("-f", "jsonl", *arguments)
    result = invoke("--scheduler", client.scheduler.address, "-f", "jsonl", *arguments)
    assert result.stdout == reference.stdout
    assert problems(result.stderr) == problems(reference.stderr)
    assert problems(result.stderr).count("\n") == 5
    assert result.exit_code == reference.returncode == 1


# --- workers that die ------------------------------------------------------------------------


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(
    client: Client, bulk_slice: Path, bulk_reference: str
) -> None:
    expected = [json.loads(line) for line in bulk_reference.splitlines()]
    pids = client.run(os.getpid)
    rows, killed = [], None
    # small partitions: many tasks, so the run goes on long after the kill
    with nd.Runner([str(bulk_slice)], client=client, partition_bytes=32 * 1024) as runner:
        for result in runner:
            # kill the first worker seen at work, while later partitions are still to come
            busy = [] if killed else [w for w, keys in client.processing().items() if keys]
            if busy:
                killed = busy[0]
                os.kill(pids[killed], signal.SIGKILL)
            for article in result.articles:
                assert article.error is None, article.error
                rows.extend(nd._rows_of(article))
    assert killed is not None
    assert pids[killed] not in client.run(os.getpid).values()  # it was really gone
    assert rows == expected  # every row, once, in order


def test_a_task_that_kills_every_worker_fails_alone(client: Client, tmp_path: Path) -> None:
    client.register_plugin(Engine("deadly"))
    files = [write(tmp_path / f"{i}.txt", "die" if i == 3 else str(i)) for i in range(8)]
    # Dask gives up on a task after the first worker it kills, not the fourth: a faster test
    before = client.run_on_scheduler(_allow_failures, 0)
    try:
        result = invoke("--scheduler", client.scheduler.address, *files)
    finally:
        client.run_on_scheduler(_allow_failures, before)
    assert result.exit_code == 1
    assert (
        problems(result.stderr)
        == f"newsstats: {files[3]}: worker process died (killed, or out of memory)\n"
    )
    values = [line.split(",")[4] for line in result.stdout.splitlines()[1:]]
    assert values == ["0", "1", "2", "4", "5", "6", "7"]


def _allow_failures(allowed: int, dask_scheduler) -> int:  # noqa: ANN001
    before = dask_scheduler.allowed_failures
    dask_scheduler.allowed_failures = allowed
    return before


def test_ctrl_c_stops_a_local_cluster_quietly(
    bulk_slice: Path, bulk_reference: str, tmp_path: Path
) -> None:
    """A terminal's Ctrl-C reaches the workers too: only the client answers it."""
    target = tmp_path / "out.jsonl"
    returncode, stderr = interrupt_once_written(
        [str(NEWSSTATS), "extract", "--scheduler", "local", "-j", "2", "-o", str(target),
         str(bulk_slice)],
        target,
        20_000,
        {"PYTHONHASHSEED": SEED},
        wait=120,
        linger=30,
    )
    assert returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert problems(stderr) == "newsstats: interrupted: the output so far is complete\n"
    # whole articles, a prefix of the input in order, and not all of it
    written, expected = target.read_text("utf-8").splitlines(), bulk_reference.splitlines()
    assert 0 < len(written) < len(expected) and written == expected[: len(written)]
    file_of = [json.loads(line)["file"] for line in expected]
    assert file_of[len(written)] != file_of[len(written) - 1]


def _distributed_log_level() -> int:
    return logging.getLogger("distributed").getEffectiveLevel()


def test_a_local_worker_keeps_its_stop_noise_off_the_commands_stderr() -> None:
    """A heartbeat in flight when the scheduler closes logged a traceback at ERROR (a CI run
    of the Ctrl-C test above): a local worker's log is the command's stderr, and the client
    reports every failure itself."""
    with nd._local_cluster(1) as local, Client(local, set_as_default=False) as client:
        levels = client.run(_distributed_log_level)
    assert list(levels.values()) == [logging.CRITICAL]


# --- the helpers a notebook uses ---------------------------------------------------------------


def test_bag_and_stream_give_the_rows_in_input_order(
    client: Client, bulk_slice: Path, bulk_reference: str
) -> None:
    expected = [json.loads(line) for line in bulk_reference.splitlines()]
    bag = nd.bag([str(bulk_slice)], partition_bytes=128 * 1024)
    assert bag.npartitions > 2
    assert bag.compute(scheduler=client) == expected
    assert list(nd.rows([str(bulk_slice)], client)) == expected


def test_articles_bag_has_the_failures(client: Client, tmp_path: Path) -> None:
    client.register_plugin(Engine("digits"))
    good, missing = write(tmp_path / "a.txt", "1 2"), tmp_path / "missing.txt"
    articles = nd.articles([str(good), str(missing)]).compute(scheduler=client)
    assert [(a.name, len(a.quantities), a.error) for a in articles] == [
        (str(good), 2, None),
        (str(missing), 0, "No such file or directory"),
    ]


def test_bag_reads_a_compressed_archive_on_a_worker(client: Client, tmp_path: Path) -> None:
    client.register_plugin(Engine("digits"))
    archive = tmp_path / "a.jsonl.gz"
    archive.write_bytes(gzip.compress(b"".join(b'{"text": "%d"}\n' % i for i in range(100))))
    rows = nd.bag([str(archive)]).compute(scheduler=client)
    assert [(row["file"], row["value"]) for row in rows] == [
        (f"{archive}#{i + 1}", i) for i in range(100)
    ]


def test_to_parquet_writes_the_dataset_and_returns_the_failures(
    client: Client, tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    client.register_plugin(Engine("digits"))
    files = [str(write(tmp_path / "in" / f"{i}.txt", f"{i} {i + 1}")) for i in range(5)]
    missing = str(tmp_path / "missing.txt")
    failed = nd.to_parquet([*files, missing], tmp_path / "out", client)
    assert [(article.name, article.error) for article in failed] == [
        (missing, "No such file or directory")
    ]
    table = pq.read_table(tmp_path / "out")
    assert table.column("value_exact").to_pylist() == [str(n) for i in range(5) for n in (i, i + 1)]
    assert table.column("file").to_pylist() == [file for file in files for _ in range(2)]


def test_runner_needs_a_client_without_one(bulk_slice: Path) -> None:
    with pytest.raises(nd.ClusterError, match="no Dask client"):
        list(nd.rows([str(bulk_slice)]))


# --- tasks by reference --------------------------------------------------------------------------


@pytest.mark.parametrize("ending", [b"\n", b""])
def test_spans_cover_every_line_as_the_blocks_do(tmp_path: Path, ending: bytes) -> None:
    lines = [b'{"text": "%s"}' % (b"x" * (i % 23)) for i in range(300)]
    lines[40] = lines[41] = b""  # blank lines still count
    archive = tmp_path / "a.jsonl"
    archive.write_bytes(b"\n".join(lines) + ending)
    spans = list(nd.tasks([str(archive)], block_bytes=100))
    blocks = list(reading.tasks([str(archive)], block_bytes=100))
    assert len(spans) == len(blocks) > 10
    data = archive.read_bytes()
    for span, block in zip(spans, blocks, strict=True):
        assert span.path == str(archive.resolve())
        assert data[span.offset : span.offset + span.length] == block.data
        assert span.first_line == block.first_line
        assert span.last_line == span.first_line + block.data.rstrip(b"\n").count(b"\n")
    assert spans[-1].last_line == 300
    # and small reads give the same cuts as one big one
    assert list(nd._spans(str(archive), str(archive), 100, chunk_bytes=7)) == spans


def test_tasks_name_inputs_as_given_and_read_them_by_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "d" / "a.txt", "1")
    (tmp_path / "d" / "b.jsonl.xz").write_bytes(b"")
    write(tmp_path / "d" / "c.jsonl", "")
    got = list(nd.tasks(["d", "missing.txt"]))
    assert got == [
        nd.File("d/a.txt", str(tmp_path / "d" / "a.txt"), 1),
        nd.Packed("d/b.jsonl.xz", str(tmp_path / "d" / "b.jsonl.xz"), 0),
        nd.File("missing.txt", str(tmp_path / "missing.txt"), 0),
    ]
    [result] = nd.process_task(got[0], ReadOptions())
    assert result.articles[0].name == "d/a.txt"


# --- without the extra, and other errors ---------------------------------------------------------


def test_without_dask_scheduler_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for module in ("dask", "dask.bag", "distributed"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    target = tmp_path / "out.csv"
    result = invoke("--scheduler", "local", "-o", target, write(tmp_path / "a.txt", "1"))
    assert result.exit_code == 2
    assert result.stderr == (
        "newsstats: --scheduler: Dask is not installed: pip install 'newsstats[dask]'\n"
    )
    assert not target.exists()


def test_without_pyarrow_parquet_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for module in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, module, None)
    result = invoke("-f", "parquet", "-o", tmp_path / "out", write(tmp_path / "a.txt", "1"))
    assert result.exit_code == 2
    assert result.stderr == (
        "newsstats: --format parquet: pyarrow is not installed: pip install 'newsstats[dask]'\n"
    )
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_one_line_and_no_output(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = invoke("--scheduler", "tcp://127.0.0.1:9", "-o", target, tmp_path)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("newsstats: --scheduler tcp://127.0.0.1:9: cannot reach the scheduler")
    assert not target.exists()


def test_the_module_does_not_hide_the_real_dask() -> None:
    """newsstats.dask imports no Dask until used, and `import dask` in it is the real one."""
    code = (
        "import sys, newsstats.dask as nd; assert 'dask' not in sys.modules; "
        "assert nd.missing() is None; import dask, dask.bag; "
        "assert dask is not nd and dask.bag.Bag and 'site-packages' in dask.__file__; "
        "print(nd.__name__, dask.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "newsstats.dask dask\n"
