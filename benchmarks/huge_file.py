"""One huge plain-text article: does time stay linear in its size, and memory flat?

    python benchmarks/huge_file.py                       # 2 and 20 MB
    python benchmarks/huge_file.py --mb 2 20 200 --jobs 1
    python benchmarks/huge_file.py --mb 200 --stdin      # the same text piped to stdin
    python benchmarks/huge_file.py --layout lines        # no blank line: cut at line breaks

Each size is one `.txt` file made by joining the bulk corpus' articles
(`../shared/corpus/bulk/*.jsonl`, the "text" field; over again from the first when the
corpus runs out), separated by a blank line (``--layout paragraphs``), a line break
(``lines``) or nothing at all (``none``: one line per article's own lines, so a file with
few line breaks).  `newsstats extract FILE -f jsonl -o OUT` runs on it in a fresh process
(or `cat FILE | newsstats extract - ...` with ``--stdin``), from the same interpreter as
this script (install newsstats with `pip install .` for the compiled engine, or give
``--source`` to run this tree's `src/`; the report says which engine ran).  Per size it
prints wall and CPU seconds, seconds per MB (CPU, as the machine may be shared), the
ratio of seconds per MB to the smallest size's, the peak RSS of the largest process of the
run (``ru_maxrss`` of the waited-for command and its workers), and the rows written.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# ../shared beside the repository (a worktree sits one level deeper)
SHARED = next(
    (p for p in (PROJECT.parent / "shared", PROJECT.parent.parent / "shared") if p.is_dir()),
    PROJECT.parent / "shared",
)
CLI = "import sys; from newsstats import cli; sys.argv[0] = 'newsstats'; cli.main()"
SEPARATORS = {"paragraphs": "\n\n", "lines": "\n", "none": ""}


def texts() -> Iterator[str]:
    """The bulk corpus' article texts, in file order, over and over."""
    archives = sorted((SHARED / "corpus" / "bulk").glob("*.jsonl"))
    if not archives:
        sys.exit(f"no bulk corpus in {SHARED / 'corpus' / 'bulk'}")
    while True:
        for archive in archives:
            with open(archive, encoding="utf-8") as lines:
                for line in lines:
                    text = json.loads(line).get("text")
                    if isinstance(text, str) and text.strip():
                        yield text.strip()


def make(path: Path, megabytes: float, separator: str) -> int:
    """Write about ``megabytes`` MB of article text to ``path``; its size in bytes."""
    wanted = int(megabytes * 1e6)
    written = 0
    with open(path, "wb") as out:
        for text in texts():
            data = (text + separator).encode("utf-8")
            out.write(data)
            written += len(data)
            if written >= wanted:
                break
    return written


def run(path: Path, jobs: int, stdin: bool, out: Path) -> tuple[float, os.struct_rusage, int]:
    """Wall seconds, the resources of the run (with its workers) and its exit status."""
    command = [sys.executable, "-c", CLI, "extract", "-f", "jsonl", "-o", str(out), "--quiet"]
    command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    with open(path, "rb") as source:
        process = subprocess.Popen(
            [*command, "-" if stdin else str(path)],
            stdin=source if stdin else subprocess.DEVNULL,
            env=ENV,
        )
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage, process.returncode


ENV = dict(os.environ)


def engine(source: bool) -> str:
    """Which newsstats the runs use, and whether its engine is compiled."""
    if source:  # this tree's src/ first on the path, whatever is installed
        paths = [str(PROJECT / "src"), ENV.get("PYTHONPATH")]
        ENV["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    found = subprocess.run(
        [sys.executable, "-c", "import newsstats as n; print(n.engine_build(), n.__file__)"],
        capture_output=True, text=True, env=ENV,
    )
    if found.returncode:
        sys.exit("newsstats cannot be imported: install it, or give --source")
    build, _, where = found.stdout.strip().partition(" ")
    return f"{build} ({Path(where).parent})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[2, 20], help="sizes in MB")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--layout", choices=sorted(SEPARATORS), default="paragraphs")
    parser.add_argument("--stdin", action="store_true", help="pipe the file to stdin")
    parser.add_argument("--source", action="store_true",
                        help="run this tree's src/ (pure Python), not the installed newsstats")
    parser.add_argument("--dir", help="where to write the files (default: a temporary folder)")
    args = parser.parse_args()

    folder = Path(args.dir or tempfile.mkdtemp(prefix="huge-"))
    folder.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    print(f"engine: {engine(args.source)}; --jobs {args.jobs}; layout {args.layout}; "
          f"{'stdin' if args.stdin else 'file'}; load {load:.1f}", flush=True)
    print("| MB | wall s | CPU s | CPU s/MB | ratio | peak RSS MB | rows | exit |")
    print("|---|---|---|---|---|---|---|---|", flush=True)
    first = None
    try:
        for megabytes in args.mb:
            path = folder / f"huge-{megabytes:g}MB.txt"
            size = make(path, megabytes, SEPARATORS[args.layout])
            out = folder / "out.jsonl"
            wall, usage, status = run(path, args.jobs, args.stdin, out)
            cpu = usage.ru_utime + usage.ru_stime
            per_mb = cpu / (size / 1e6)
            first = first or per_mb
            rows = sum(1 for _ in open(out, "rb")) if out.exists() else 0
            print(f"| {size / 1e6:.1f} | {wall:.1f} | {cpu:.1f} | {per_mb:.2f} | "
                  f"{per_mb / first:.2f} | {usage.ru_maxrss / 1024:.0f} | {rows} | {status} |",
                  flush=True)
            path.unlink()
            out.unlink(missing_ok=True)
    finally:
        if not args.dir:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
