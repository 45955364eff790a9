"""The archive runner: tasks in, results out in input order, extracted by a pool of processes.

``Runner(tasks, options, jobs)`` is a context manager to iterate over.  With one job (or when
the input turns out to be a single task) everything runs in this process: no pool to start,
and a traceback or debugger sees the engine directly.  With more, a ``ProcessPoolExecutor``
gets at most ``window`` (2 x jobs) tasks ahead of the oldest unfinished one, so memory stays
flat however long the archive is, and results come back in the order the tasks went in.

Interrupts: workers ignore SIGINT (Ctrl-C reaches the whole process group), so only the parent
sees ``KeyboardInterrupt``; leaving the ``with`` block on an exception terminates the workers
at once, and the caller then finishes its output.  A worker that dies (killed, out of memory)
costs a fresh pool and fails the one task that killed it (see ``Runner._after_death``).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from .reading import Document, InputError, JsonlBlock, ReadOptions, Task, articles, stored_size

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .consistency import Finding
    from .model import Quantity


@dataclass(frozen=True)
class Article:
    """What became of one article: its quantities, or why it failed."""

    name: str
    quantities: list[Quantity]
    error: str | None = None
    size: int = 0  # bytes of its text in UTF-8
    findings: list[Finding] = field(default_factory=list)  # with ReadOptions.check
    warning: str | None = None  # read, but not cleanly: reported, not failed
    length: int = 0  # characters of its text
    continued: bool = False  # a later part of a file cut in parts: not a new article


@dataclass(frozen=True)
class Result:
    """Everything one task gave, in order, and how much stored input it covered."""

    articles: list[Article]
    stored: int = 0
    source: str = ""  # the input it came from (a file, an archive)


def default_jobs() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process(task: Task | InputError, options: ReadOptions) -> Result:
    """Read one task and extract every article in it; runs in a worker (or in-process)."""
    done = []
    try:
        for item in articles(task, options):
            if isinstance(item, InputError):
                done.append(Article(item.name, [], item.reason))
            else:
                done.append(_extract(item, options))
    except Exception as error:  # reading failed unexpectedly (MemoryError...): the rest fails
        done.append(_failed(task, f"internal error: {type(error).__name__}: {error}").articles[0])
    return Result(done, stored_size(task), task.name)


def _extract(document: Document, options: ReadOptions) -> Article:
    # Imported on first use: the engine loads its lexicons, which a run of only bad files
    # never needs.
    from . import consistency, core

    size = len(document.text.encode("utf-8", "surrogatepass"))
    try:
        quantities = core.extract(document.text, date=options.date)
        findings = consistency.check(document.text, quantities) if options.check else []
    except Exception as error:  # one article must not sink the whole run
        reason = f"internal error: {type(error).__name__}: {error}"
        return Article(document.name, [], reason, size)
    return Article(
        document.name, quantities, None, size, findings, document.warning,
        len(document.text), document.continued,
    )


class Runner:
    """Iterate to get one ``Result`` per task, in task order; see the module docstring."""

    def __init__(
        self,
        tasks: Iterable[Task | InputError],
        options: ReadOptions,
        jobs: int,
        window: int | None = None,
    ) -> None:
        self._tasks = iter(tasks)
        self._options = options
        # Look ahead: fewer tasks than jobs need fewer workers, and one task needs no pool.
        self._ahead = list(islice(self._tasks, max(jobs, 1)))
        real = sum(not isinstance(task, InputError) for task in self._ahead)
        self.jobs = max(1, min(jobs, real))
        self._window = window or 2 * self.jobs
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Runner:
        if self.jobs > 1:
            self._executor = _start_pool(self.jobs)
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if exc_type is None:
            executor.shutdown(wait=True)
        else:
            _terminate(executor)

    def __iter__(self) -> Iterator[Result]:
        joiner = Joiner()
        return (joiner.join(result) for result in self._results())

    def _results(self) -> Iterator[Result]:
        tasks = chain(self._ahead, self._tasks)
        self._ahead = []
        if self._executor is None:
            for task in tasks:
                yield process(task, self._options)
            return
        pending: deque[tuple[Task | InputError, Future[Result]]] = deque()
        for task in tasks:
            pending.append((task, self._submit(task)))
            if len(pending) >= self._window:
                yield self._collect(pending)
        while pending:
            yield self._collect(pending)

    def _submit(self, task: Task | InputError) -> Future[Result]:
        if isinstance(task, InputError):
            return _finished(process(task, self._options))  # nothing to read: no round trip
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        assert self._executor is not None
        try:
            return self._executor.submit(process, task, self._options)
        except BrokenProcessPool as error:
            # a worker died since the last collection: settled in order, by _collect
            broken: Future[Result] = Future()
            broken.set_exception(error)
            return broken

    def _collect(self, pending: deque[tuple[Task | InputError, Future[Result]]]) -> Result:
        from concurrent.futures.process import BrokenProcessPool

        task, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            return self._after_death(task, pending)
        except Exception as error:  # e.g. a result that could not be sent back
            return _failed(task, f"internal error: {type(error).__name__}: {error}")

    def _after_death(
        self, task: Task | InputError, pending: deque[tuple[Task | InputError, Future[Result]]]
    ) -> Result:
        """A worker died and took the pool with it; which task killed it is unknown.

        The oldest task runs again alone in a fresh pool, where a death can only be its own,
        and is failed only then; the others are queued again behind it.  Every death thus
        settles one task, and an innocent task is never failed.
        """
        from concurrent.futures.process import BrokenProcessPool

        self._restart()
        try:
            result = self._submit(task).result()
        except BrokenProcessPool:
            self._restart()
            result = _failed(task, "worker process died (killed, or out of memory)")
        for index, (other, future) in enumerate(pending):
            succeeded = future.done() and not future.cancelled() and future.exception() is None
            if not succeeded:
                pending[index] = (other, self._submit(other))
        return result

    def _restart(self) -> None:
        assert self._executor is not None
        _terminate(self._executor)
        self._executor = _start_pool(self.jobs)


class Joiner:
    """Rows of the parts of a file cut in parts (``reading.FilePart``), shifted to count from
    the file's start: offsets by the characters of the parts before, ``repeat_of`` by their
    rows.  Results must come in task order."""

    def __init__(self) -> None:
        self._name = ""
        self._characters = self._rows = 0

    def join(self, result: Result) -> Result:
        if not any(article.continued or article.length for article in result.articles):
            return result
        return replace(result, articles=[self._shifted(article) for article in result.articles])

    def _shifted(self, article: Article) -> Article:
        if article.error is not None:
            return article
        if not article.continued or article.name != self._name:
            self._name, self._characters, self._rows = article.name, 0, 0
        characters, rows = self._characters, self._rows
        self._characters += article.length
        self._rows += len(article.quantities)
        if not characters:
            return article
        return replace(
            article,
            quantities=[_moved(q, characters, rows) for q in article.quantities],
            findings=[
                replace(
                    finding,
                    first=_moved(finding.first, characters, rows),
                    second=finding.second and _moved(finding.second, characters, rows),
                )
                for finding in article.findings
            ],
        )


def _moved(quantity: Quantity, characters: int, rows: int) -> Quantity:
    repeat_of = quantity.repeat_of
    return replace(
        quantity,
        start=quantity.start + characters,
        end=quantity.end + characters,
        repeat_of=None if repeat_of is None else repeat_of + rows,
    )


def _failed(task: Task | InputError, reason: str) -> Result:
    name = task.name
    if isinstance(task, JsonlBlock):
        last = task.first_line + task.data.count(b"\n") - task.data.endswith(b"\n")
        reason = f"lines {task.first_line}-{last}: {reason}"
    return Result([Article(name, [], reason)], stored_size(task), task.name)


def _finished(result: Result) -> Future[Result]:
    from concurrent.futures import Future

    future: Future[Result] = Future()
    future.set_result(result)
    return future


def _start_pool(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts workers in milliseconds and shares the parent's imports; the parent has not
    # loaded the engine (core is imported by the first task), so no jieba is copied.  Elsewhere
    # the platform's default (spawn) is the safe choice.
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    # Forked children inherit an ignored SIGINT, so no Ctrl-C can hit them while starting,
    # and SIGTERM blocked, so that none reaches them before the initializer has put back its
    # default action (the parent's handler would raise in the worker); the initializer makes
    # that hold under spawn too.  The parent gets a SIGTERM that came meanwhile once unblocked.
    with _sigint_ignored(), _blocked(signal.SIGTERM):
        executor = ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
        )
        # start every worker now, before the caller starts any thread (a progress bar's)
        for future in [executor.submit(int) for _ in range(jobs)]:
            future.result()
    return executor


def pace_collector() -> None:
    """Extracting makes many short-lived objects and few reference cycles: the cyclic
    collector's default pace (a pass every 700 new objects) cost 2% of its instructions."""
    import gc

    gc.set_threshold(20_000, 20, 20)


def _start_worker(parent: int) -> None:
    pace_collector()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def _die_with(parent: int) -> None:
    """A worker must not outlive the parent, even one killed with SIGKILL (nothing of the
    parent runs then): Linux kills the worker itself; elsewhere a thread watches."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        watched = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):  # not Linux
        watched = False
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    if not watched:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _watch(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


class _sigint_ignored:
    def __enter__(self) -> None:
        self._previous: Callable[..., Any] | int | None = None
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *_: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


class _blocked:
    """Signals held back (pending, not lost) in this thread and the processes it forks."""

    def __init__(self, *signals: int) -> None:
        self._signals = set(signals)

    def __enter__(self) -> None:
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, self._signals)

    def __exit__(self, *_: object) -> None:
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, self._signals)


def abandoned_pools() -> int:
    """How many pools were terminated with their workers mid-task (see ``_terminate``)."""
    return _abandoned


_abandoned = 0


def _terminate(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now, mid-task, and drop the queued tasks.

    The pool's manager thread may be left blocked on a result a worker was sending when
    killed; the interpreter's exit would wait for it forever, so the command line ends with
    ``os._exit`` once its output is closed (``abandoned_pools()``).
    """
    global _abandoned
    _abandoned += 1
    terminate_workers = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate_workers is not None:
        terminate_workers()
        return
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for worker in processes:
        if worker.is_alive():
            worker.terminate()
    for worker in processes:
        worker.join(timeout=10)
