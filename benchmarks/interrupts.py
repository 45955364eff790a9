"""Interrupt `newsstats extract --jobs 2` at random moments, many times: no run may hang,
leave a process behind or write invalid output.

    python benchmarks/interrupts.py                   # 100 runs, Ctrl-C to the process group
    python benchmarks/interrupts.py --signal TERM     # SIGTERM to the parent alone (`kill`)
    python benchmarks/interrupts.py --runs 20 --real  # the real engine on bulk articles

Each run writes JSON (the format whose output is only valid if it was closed) from a
generated archive of 2,000 short articles through a stand-in engine that sleeps a little per
article (or, with ``--real``, the first 500 articles of the bulk corpus through the real
engine), and is signalled a random delay after it has opened its output.  A run "hangs" if
it has not exited 10 s after the signal; processes of the run still alive 2 s after it
exited are "left behind".
Prints one line per failure and a summary; exits 1 if any run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# ../shared beside the repository (a worktree sits one level deeper)
SHARED = next(
    (p for p in (PROJECT.parent / "shared", PROJECT.parent.parent / "shared") if p.is_dir()),
    PROJECT.parent / "shared",
)
STAND_IN = (
    "import sys, time, re; from newsstats import core, cli; "
    "from newsstats.model import Quantity; "
    "core.extract = lambda text, date=None: (time.sleep(0.002), [Quantity(m.start(), m.end(), "
    "m.group(), int(m.group()), None, '', 'count', 'exact', None, None, None, text) "
    "for m in re.finditer('[0-9]+', text)])[1]; "
    "sys.argv[1:] = ['extract', *sys.argv[1:]]; cli.main()"
)
REAL = (
    "import sys; from newsstats import cli; "
    "sys.argv[1:] = ['extract', *sys.argv[1:]]; cli.main()"
)


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


LATENCIES: list[float] = []  # seconds from each signal to its run's exit


def one_run(source: Path, target: Path, real: bool, signum: int, delay: float) -> str | None:
    """None if the run behaved, else what went wrong."""
    target.unlink(missing_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-c", REAL if real else STAND_IN, "--jobs", "2", "-o", str(target),
         str(source)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    # the run has started once its output exists (under its temporary name): from then on
    deadline = time.monotonic() + 60
    while not list(target.parent.glob(f".{target.name}.*.part")) and not target.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            return f"never started writing: exit {process.returncode}"
        time.sleep(0.01)
    time.sleep(delay)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # as a terminal's Ctrl-C
    else:
        process.send_signal(signum)  # as `kill PID`
    signalled = time.monotonic()
    try:
        _, stderr = process.communicate(timeout=10)
        LATENCIES.append(time.monotonic() - signalled)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return f"hung (still running 10 s after the signal, {delay:.2f} s in)"
    deadline = time.monotonic() + 2
    while group_alive(process.pid):
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            return f"left processes behind ({delay:.2f} s in)"
        time.sleep(0.05)
    if "Traceback" in stderr:
        return f"traceback ({delay:.2f} s in):\n{stderr.strip()}"
    if process.returncode not in (0, 130, 143):
        return f"exit {process.returncode} ({delay:.2f} s in): {stderr.strip()[-200:]}"
    if target.exists():
        try:
            json.loads(target.read_text(encoding="utf-8"))
        except ValueError as error:
            return f"invalid JSON ({delay:.2f} s in): {error}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--signal", choices=["INT", "TERM"], default="INT")
    parser.add_argument("--real", action="store_true", help="the real engine on bulk articles")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    randomness = random.Random(arguments.seed)
    signum = getattr(signal, f"SIG{arguments.signal}")
    with tempfile.TemporaryDirectory(prefix="newsstats-interrupts-") as folder:
        work = Path(folder)
        if arguments.real:
            source = work / "bulk.jsonl"
            bulk = SHARED / "corpus" / "bulk" / "xinwenlianbo_2022_2024.jsonl"
            with bulk.open(encoding="utf-8") as lines:
                source.write_text("".join(next(lines) for _ in range(500)), encoding="utf-8")
            longest = 20.0
        else:
            source = work / "archive"
            source.mkdir()
            for i in range(2000):
                (source / f"{i:05}.txt").write_text(f"{i} " * 20, encoding="utf-8")
            longest = 4.0
        failures = 0
        started = time.monotonic()
        for run in range(arguments.runs):
            delay = randomness.uniform(0.0, longest)
            problem = one_run(source, work / "out.json", arguments.real, signum, delay)
            if problem:
                failures += 1
                print(f"run {run + 1}: {problem}", flush=True)
        latencies = sorted(LATENCIES) or [0.0]
        print(
            f"{arguments.runs} runs, SIG{arguments.signal}, {failures} failed, "
            f"{time.monotonic() - started:.0f} s; signal to exit: median "
            f"{latencies[len(latencies) // 2]:.2f} s, max {latencies[-1]:.2f} s"
        )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
