"""Fixtures and helpers shared by the tests.

Hardening tests import the helpers directly (``from conftest import check_invariants``):
pytest puts ``tests/`` on ``sys.path`` for its own modules, and Hypothesis tests cannot take
function-scoped fixtures.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from test_cli import digits_engine

from newsstats import core, engine_build
from newsstats.model import APPROX, DIMENSIONS, Quantity


def pytest_report_header() -> str:
    # CI runs the suite on both builds (.ci/run): say which one this run tests
    return f"newsstats engine: {engine_build()} ({Path(core.__file__).name})"


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in engine, so format and I/O tests do not depend on extraction quality."""
    monkeypatch.setattr(core, "extract", digits_engine)


@pytest.fixture
def interrupting_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in engine, but an article that reads ``stop`` is a Ctrl-C."""

    def interrupted_engine(text: str, date: object = None) -> list[Quantity]:
        if text == "stop":
            raise KeyboardInterrupt
        return digits_engine(text)

    monkeypatch.setattr(core, "extract", interrupted_engine)


def examples_from_env(name: str, default: int) -> int:
    """A Hypothesis example budget from the environment variable ``name``, else ``default``."""
    raw = os.environ.get(name, "").strip()
    try:
        return max(1, int(raw)) if raw else default
    except ValueError:
        return default


def check_invariants(text: str, quantities) -> None:
    """What every ``extract`` result must satisfy, whatever the input (GUIDELINES §2)."""
    assert isinstance(quantities, list), type(quantities)
    previous = None
    for q in quantities:
        assert isinstance(q, Quantity), q
        assert isinstance(q.start, int) and isinstance(q.end, int), q
        assert 0 <= q.start < q.end <= len(text), q
        assert q.text == text[q.start : q.end], q
        assert isinstance(q.value, (int, float)) and not isinstance(q.value, bool), q
        if q.value_max is not None:
            assert isinstance(q.value_max, (int, float)), q
            assert not isinstance(q.value_max, bool), q
            assert q.value_max >= q.value, q
        assert q.dimension in DIMENSIONS, q
        assert q.approx in APPROX, q
        assert isinstance(q.unit, str), q
        if previous is not None:
            assert previous.end <= q.start, f"overlapping or unsorted: {previous} then {q}"
        previous = q


def interrupt_once_written(
    command: list[str], target: Path, size: int, env: dict[str, str], wait: float, linger: float
) -> tuple[int, str]:
    """Run ``command``, wait until ``target`` holds ``size`` bytes, send SIGINT to its whole
    process group as a terminal's Ctrl-C does, and check that no process of the group
    outlives it by ``linger`` seconds. Its exit status and stderr."""
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, to signal it as a terminal would
        env=os.environ | env,
    )
    deadline = time.monotonic() + wait
    # the run writes under a temporary name beside the target, renamed at its end
    while not any(
        written.stat().st_size >= size
        for written in [*target.parent.glob(f".{target.name}.*.part"), target]
        if written.exists()
    ):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    deadline = time.monotonic() + linger
    while True:  # no worker outlives the run
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "workers left running"
        time.sleep(0.05)
    return process.returncode, stderr
