"""Run newsstats on a Dask cluster (the ``newsstats[dask]`` extra): the helpers behind
``newsstats extract --scheduler`` and the ones a notebook uses.

Inputs are shared out as references, so that each worker reads its own: a text file is its
path, and a plain JSONL archive is cut by the client into spans of lines (byte offset, length
and the number of the first line) that a worker reads with one seek.  Only what cannot be
read in pieces travels: standard input, and a compressed JSONL archive, which the streaming
``Runner`` decompresses and sends in blocks (a bag gives each such archive to one worker
whole).  Paths are made absolute, so the client and every worker must see the inputs at the
same place (one shared filesystem); the ``file`` column still names them as given.

``Runner`` (and ``results``) stream: tasks are grouped into partitions of about
``PARTITION_BYTES``, at most two per worker thread are in flight, and results come back in
input order, exactly as ``archive.Runner`` gives them.  A worker lost mid-run costs nothing
but time: Dask runs its partitions again elsewhere and each partition's result is taken once.
A partition that keeps killing its workers (Dask's ``KilledWorker``) is run again task by
task, and only a task that then kills its workers on its own is failed, as in archive mode.

This module is ``newsstats.dask``; ``import dask`` inside it is the real Dask (imports are
absolute), which is imported only on use, so the command line works without the extra.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from . import __version__, reading
from .archive import Article, Result, _sigint_ignored, default_jobs, process
from .archive import _failed as _failed_in_pool
from .reading import (
    READ_ERRORS,
    STDIN,
    InputError,
    JsonlBlock,
    ReadOptions,
    Task,
    is_jsonl,
)

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client, Future, LocalCluster

INSTALL = "pip install 'newsstats[dask]'"
# Input bytes per Dask task: a task costs the scheduler a few milliseconds, extraction about
# a second per megabyte, so a quarter megabyte keeps the overhead near 1% yet shares a modest
# archive among many workers.
PARTITION_BYTES = 256 * 1024
DIED = "worker process died (killed, or out of memory)"


class ClusterError(Exception):
    """The cluster cannot be used: no scheduler there, or workers without newsstats."""


def missing() -> str | None:
    """Why the cluster path cannot run here (the extra is not installed), or None."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        return f"Dask is not installed: {INSTALL}"
    return None


# --- tasks that name what the worker reads ---------------------------------------------------


@dataclass(frozen=True)
class File:
    """One article in a file that the worker reads at ``path``."""

    name: str  # as given: the file column
    path: str  # absolute
    size: int = 0  # bytes as stored, when listed


@dataclass(frozen=True)
class Span:
    """Lines ``first_line``..``last_line`` of a plain JSONL archive: ``length`` bytes at
    ``offset``, read by the worker."""

    name: str
    path: str
    first_line: int
    last_line: int
    offset: int
    length: int


@dataclass(frozen=True)
class Packed:
    """A compressed JSONL archive: it cannot be cut without being read through."""

    name: str
    path: str
    size: int = 0


ClusterTask = File | Span | Packed | Task | InputError


def tasks(
    paths: Iterable[str],
    patterns: Iterable[str] | None = None,
    block_bytes: int | None = None,
    input_format: str | None = None,
) -> Iterator[ClusterTask]:
    """Tasks for every input in argument order, as ``reading.tasks`` but by reference."""
    block_bytes = block_bytes or reading.BLOCK_BYTES
    for name in reading.inputs(paths, patterns):
        if isinstance(name, InputError):
            yield name
        elif name == STDIN:
            yield reading.whole_stdin()  # in one piece: parts would need joining again
        else:
            yield from _located(name, block_bytes, input_format)


def _located(name: str, block_bytes: int, input_format: str | None = None) -> Iterator[ClusterTask]:
    path = os.path.abspath(name)
    if not is_jsonl(name, input_format):
        yield File(name, path, _stat_size(path))
    elif reading._unpacked(name) != name:
        yield Packed(name, path, _stat_size(path))
    else:
        try:
            yield from _spans(name, path, block_bytes)
        except OSError as error:
            yield InputError(name, reading._reason(error))


def _stat_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker reports why


def _spans(name: str, path: str, block_bytes: int, chunk_bytes: int = 1 << 20) -> Iterator[Span]:
    """Cut a plain JSONL file after the first line end past every ``block_bytes``.

    Reads the file once, a chunk at a time, only to count lines: the bytes stay where they are.
    """
    start = 0  # where the current span starts in the file
    first_line = 1
    lines = 0  # line ends in the current span so far
    position = 0  # where the current chunk starts in the file
    last = b"\n"
    with open(path, "rb") as raw:
        while chunk := raw.read(chunk_bytes):
            scanned = 0
            while True:
                wanted = max(start + block_bytes - 1 - position, scanned)
                cut = chunk.find(b"\n", wanted) if wanted < len(chunk) else -1
                if cut < 0:
                    break
                lines += chunk.count(b"\n", scanned, cut + 1)
                end = position + cut + 1
                yield Span(name, path, first_line, first_line + lines - 1, start, end - start)
                first_line += lines
                start, lines, scanned = end, 0, cut + 1
            lines += chunk.count(b"\n", scanned)
            position += len(chunk)
            last = chunk[-1:]
    if position > start:
        unended = last != b"\n"  # a last line without its newline is a line all the same
        last_line = first_line + lines - 1 + unended
        yield Span(name, path, first_line, last_line, start, position - start)


def partitions(
    tasks: Iterable[ClusterTask], partition_bytes: int = PARTITION_BYTES
) -> Iterator[list[ClusterTask]]:
    """Consecutive tasks grouped into lists of about ``partition_bytes`` of input each."""
    group: list[ClusterTask] = []
    size = 0
    for task in tasks:
        group.append(task)
        size += _work(task)
        if size >= partition_bytes:
            yield group
            group, size = [], 0
    if group:
        yield group


def _work(task: ClusterTask) -> int:
    if isinstance(task, (File, Packed)):
        return task.size
    if isinstance(task, Span):
        return task.length
    if isinstance(task, JsonlBlock):
        return len(task.data)
    return reading.stored_size(task)


# --- the worker's side -----------------------------------------------------------------------


def process_group(group: list[ClusterTask], options: ReadOptions) -> list[Result]:
    """Extract one partition on a worker: one ``Result`` per task (or per block of a packed
    archive), in order."""
    return [result for task in group for result in process_task(task, options)]


def process_task(task: ClusterTask, options: ReadOptions) -> list[Result]:
    if isinstance(task, File):
        result = process(reading.FileTask(task.path), options)
        # the file as given, keeping the #N of each article of a JSON array
        named = [
            replace(article, name=task.name + article.name.removeprefix(task.path))
            for article in result.articles
        ]
        return [Result(named, result.stored)]
    if isinstance(task, Span):
        try:
            with open(task.path, "rb") as raw:
                raw.seek(task.offset)
                data = raw.read(task.length)
        except OSError as error:
            return [_failed(task, reading._reason(error))]
        return [process(JsonlBlock(task.name, task.first_line, data, task.length), options)]
    if isinstance(task, Packed):
        results = []
        try:
            with open(task.path, "rb") as raw:
                for block in reading._jsonl_blocks(task.name, raw, reading.BLOCK_BYTES):
                    results.append(process(block, options))
        except (*READ_ERRORS, reading.Unreadable) as error:
            results.append(Result([Article(task.name, [], reading._reason(error))]))
        return results
    return [process(task, options)]


def _failed(task: ClusterTask, reason: str) -> Result:
    if isinstance(task, Span):
        where = f"lines {task.first_line}-{task.last_line}: {reason}"
        return Result([Article(task.name, [], where)], task.length)
    if isinstance(task, (File, Packed)):
        return Result([Article(task.name, [], reason)], task.size)
    return _failed_in_pool(task, reason)


def _version() -> str:
    return __version__


# --- the client's side: streaming, in order --------------------------------------------------


class Runner:
    """Iterate to get one ``Result`` per task in input order, extracted on a Dask cluster.

    ``scheduler`` is an address (``tcp://host:8786``) or ``"local"`` for a ``LocalCluster`` of
    ``jobs`` single-threaded worker processes; or pass a ``client`` that is already connected
    (it is left open).  Use as a context manager: leaving it cancels what is still running.
    """

    def __init__(
        self,
        paths: Iterable[str],
        options: ReadOptions | None = None,
        scheduler: str | None = None,
        *,
        client: Client | None = None,
        jobs: int | None = None,
        patterns: Iterable[str] | None = None,
        partition_bytes: int = PARTITION_BYTES,
    ) -> None:
        if (scheduler is None) == (client is None):
            raise ValueError("give either a scheduler address or a client")
        self._paths = list(paths)
        self._options = options or ReadOptions()
        self._patterns = patterns
        self._scheduler = scheduler
        self._jobs = jobs
        self._partition_bytes = partition_bytes
        self.client: Client | None = client
        self._own_client = client is None
        self._cluster: LocalCluster | None = None
        self._pending: deque[tuple[list[ClusterTask], Future]] = deque()
        self._threads = 1

    def __enter__(self) -> Runner:
        problem = missing()
        if problem:
            raise ClusterError(problem)
        from distributed import Client

        try:
            if self.client is None:
                if self._scheduler == "local":
                    self._cluster = _local_cluster(self._jobs or default_jobs())
                    self.client = Client(self._cluster, set_as_default=False)
                else:
                    self.client = Client(self._scheduler, set_as_default=False)
            _check_workers(self.client)
        except ClusterError:
            self.__exit__(ClusterError)
            raise
        except (OSError, TimeoutError, ValueError) as error:
            self.__exit__(type(error))
            raise ClusterError(f"cannot reach the scheduler: {error}") from None
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if self.client is not None and self._pending:
            self.client.cancel([future for _, future in self._pending])
        self._pending.clear()
        if self._own_client and self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __iter__(self) -> Iterator[Result]:
        assert self.client is not None, "use the Runner in a with block"
        groups = partitions(self._client_side(), self._partition_bytes)
        for submitted, group in enumerate(groups):
            if submitted % 32 == 0:
                self._threads = max(1, sum(self.client.nthreads().values()))
            self._pending.append((group, self._submit(group)))
            while len(self._pending) >= 2 * self._threads:
                yield from self._collect()
        while self._pending:
            yield from self._collect()

    def _client_side(self) -> Iterator[ClusterTask]:
        """The tasks, with each packed archive read here and sent on in blocks."""
        forced = self._options.input_format
        for task in tasks(self._paths, self._patterns, input_format=forced):
            if isinstance(task, Packed):
                yield from reading.tasks([task.name], input_format=forced)
            else:
                yield task

    def _submit(self, group: list[ClusterTask]) -> Future:
        assert self.client is not None
        return self.client.submit(process_group, group, self._options, pure=False)

    def _collect(self) -> Iterator[Result]:
        group, future = self._pending.popleft()
        try:
            results = future.result()
        except Exception:
            self._check_client()
            results = self._one_by_one(group)
        finally:
            future.release()
        yield from results

    def _one_by_one(self, group: list[ClusterTask]) -> list[Result]:
        """A partition failed: run its tasks again one after the other, so that a task which
        kills its workers is never beside another of them, and fails alone."""
        from distributed import KilledWorker

        assert self.client is not None
        results: list[Result] = []
        for task in group:
            future = self.client.submit(process_task, task, self._options, pure=False)
            try:
                results.extend(future.result())
            except KilledWorker:
                results.append(_failed(task, DIED))
            except Exception as error:
                self._check_client()
                results.append(_failed(task, f"internal error: {type(error).__name__}: {error}"))
            finally:
                future.release()
        return results

    def _check_client(self) -> None:
        assert self.client is not None
        if self.client.status not in ("running", "connecting"):
            raise ClusterError(f"lost the scheduler ({self.client.status})")


def _local_cluster(jobs: int) -> LocalCluster:
    from distributed import LocalCluster

    # Extraction is pure Python: one process per CPU, one thread each.  No dashboard (it
    # needs bokeh), and the scheduler's HTTP server on any free port rather than a warning
    # when 8787 is taken; Dask's own log only for errors, as stderr is ours.
    # Ctrl-C is the client's to answer: workers start with SIGINT ignored, and the preload
    # keeps it so in a worker started again after a crash.
    with _sigint_ignored():
        return LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},  # its HTTP server: any free port
            silence_logs=logging.ERROR,
            preload=["newsstats._dask_worker"],
        )


def _check_workers(client: Client) -> None:
    """Every worker there now must run this version of newsstats, or rows would differ."""
    try:
        versions = client.run(_version)
    except Exception as error:
        raise ClusterError(
            f"a worker cannot run newsstats ({type(error).__name__}: {error}); "
            f"{INSTALL} on every worker"
        ) from None
    for worker, version in sorted(versions.items()):
        if version != __version__:
            raise ClusterError(
                f"worker {worker} has newsstats {version}, this client {__version__}: "
                "install the same version everywhere"
            )


def results(
    paths: Iterable[str],
    client: Client | None = None,
    options: ReadOptions | None = None,
    **kwargs: Any,
) -> Iterator[Result]:
    """Stream one ``Result`` per task, in input order, from ``client`` (default: the current
    Dask client).  Keyword arguments as for ``Runner``."""
    with Runner(paths, options, client=client or _default_client(), **kwargs) as runner:
        yield from runner


def rows(
    paths: Iterable[str],
    client: Client | None = None,
    options: ReadOptions | None = None,
    **kwargs: Any,
) -> Iterator[dict[str, Any]]:
    """Stream the output rows (``file`` and the other ``COLUMNS``) in input order; failed
    inputs are left out (use ``results`` to see them)."""
    from .output import row

    for result in results(paths, client, options, **kwargs):
        for article in result.articles:
            for quantity in article.quantities:
                yield row(article.name, quantity)


def to_parquet(
    paths: Iterable[str],
    directory: str | os.PathLike[str],
    client: Client | None = None,
    options: ReadOptions | None = None,
    **kwargs: Any,
) -> list[Article]:
    """Write the rows as a Parquet dataset in ``directory``, as ``-f parquet -o DIR`` does;
    return the articles that failed."""
    from .parquet import ParquetWriter

    failed = []
    with ParquetWriter(directory) as writer:
        for result in results(paths, client, options, **kwargs):
            for article in result.articles:
                if article.error is not None:
                    failed.append(article)
                for quantity in article.quantities:
                    writer.write(article.name, quantity)
                writer.flush()
    return failed


def _default_client() -> Client:
    from distributed import get_client

    try:
        return get_client()
    except ValueError:
        raise ClusterError("no Dask client: connect one first, e.g. Client(address)") from None


# --- lazy: a dask.bag for a notebook ---------------------------------------------------------


def articles(
    paths: Iterable[str],
    options: ReadOptions | None = None,
    patterns: Iterable[str] | None = None,
    partition_bytes: int = PARTITION_BYTES,
) -> dask.bag.Bag:
    """A ``dask.bag`` of ``Article`` records (name, quantities, error), in input order.

    The inputs are listed (and plain JSONL archives cut into spans) now; everything is read
    and extracted on the workers when the bag is computed.  A compressed JSONL archive is
    one partition, read whole by one worker.
    """
    import dask
    import dask.bag

    options = options or ReadOptions()
    groups = partitions(tasks(paths, patterns), partition_bytes)
    parts = [dask.delayed(_articles_of, pure=False)(group, options) for group in groups]
    if not parts:
        return dask.bag.from_sequence([], npartitions=1)
    return dask.bag.from_delayed(parts)


def bag(
    paths: Iterable[str],
    options: ReadOptions | None = None,
    patterns: Iterable[str] | None = None,
    partition_bytes: int = PARTITION_BYTES,
) -> dask.bag.Bag:
    """A ``dask.bag`` of output rows (dicts keyed by ``COLUMNS``), in input order; failed
    inputs are left out (``articles`` has them)."""
    return articles(paths, options, patterns, partition_bytes).map(_rows_of).flatten()


def _articles_of(group: list[ClusterTask], options: ReadOptions) -> list[Article]:
    return [article for result in process_group(group, options) for article in result.articles]


def _rows_of(article: Article) -> list[dict[str, Any]]:
    from .output import row

    return [row(article.name, quantity) for quantity in article.quantities]
