"""End-to-end throughput of ``newsstats extract`` on real articles, next to jieba and jionlp.

    python benchmarks/throughput.py                   # the whole ../shared/corpus/bulk
    python benchmarks/throughput.py --limit-mb 2      # a quick look on the first 2 MB

One run prints, for the same UTF-8 text:

* ``newsstats extract`` end to end (process start, reading, extraction, CSV written to a
  file) with 1 job and with every CPU: MB/s, MB/s per CPU, parallel efficiency, mentions;
* ``jieba.posseg.lcut`` on each article, and ``jionlp.ner.extract_money`` on each line, in
  fresh processes, dictionary loading and imports timed apart from the MB/s;
* the ratios between them; peak memory of each run (largest process, and all processes of the
  run together: RSS, and PSS, which counts pages shared by forked workers once);
* cold start: wall time of ``newsstats extract`` on one short article, median of 5.

It prints figures and asserts none.  jionlp is not a dependency of newsstats: it is looked for
in ``--jionlp-python`` (default: this interpreter) and reported "not installed" if absent; see
benchmarks/README.md for the separate environment.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "bulk"
MB = 1e6


# --- the corpus ----------------------------------------------------------------------------


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.jsonl")) if corpus.is_dir() else [corpus]


def articles(files: list[str | Path]) -> list[str]:
    texts = []
    for file in files:
        with open(file, encoding="utf-8") as lines:
            texts.extend(json.loads(line)["text"] for line in lines if line.strip())
    return texts


def utf8_bytes(texts: list[str]) -> int:
    return sum(len(text.encode("utf-8")) for text in texts)


# --- memory of a process tree --------------------------------------------------------------


@dataclass
class Memory:
    """Peaks over a process and its descendants, sampled from /proc every 200 ms."""

    root: int
    parent: int = 0  # VmHWM of the command's own process (the runner, without its workers)
    largest: int = 0  # highest VmHWM of any one process (kernel-tracked, exact)
    tree_rss: int = 0  # highest sum of VmRSS over the tree at one sample
    tree_pss: int = 0  # same with PSS: shared pages (forked workers) counted once
    parent_cpu: float = 0.0  # CPU seconds of the command's own process, last seen
    processes: set[int] = field(default_factory=set)

    def watch(self) -> threading.Thread:
        thread = threading.Thread(target=self._poll, daemon=True)
        thread.start()
        return thread

    def _poll(self) -> None:
        while _alive(self.root):
            tree = [self.root, *_descendants(self.root)]
            self.processes.update(tree)
            rss = pss = 0
            for pid in tree:
                status = _status(pid)
                self.largest = max(self.largest, status.get("VmHWM", 0))
                if pid == self.root:
                    self.parent = max(self.parent, status.get("VmHWM", 0))
                    self.parent_cpu = max(self.parent_cpu, _cpu_seconds(pid))
                rss += status.get("VmRSS", 0)
                pss += _pss(pid)
            self.tree_rss = max(self.tree_rss, rss)
            self.tree_pss = max(self.tree_pss, pss)
            time.sleep(0.2)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _status(pid: int) -> dict[str, int]:
    values = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    values[key] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    return values


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# --- runs ----------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the command and every process it waited for
    memory: Memory
    stdout: str
    stderr: str
    returncode: int


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], **kwargs) -> Run:
    cpu = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )
    memory = Memory(process.pid)
    watcher = memory.watch()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    watcher.join(timeout=1)
    return Run(seconds, _children_cpu() - cpu, memory, stdout, stderr, process.returncode)


def newsstats_command() -> list[str]:
    beside = Path(sys.executable).parent / "newsstats"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("newsstats")
    if found:
        return [found]
    return [sys.executable, "-c", "from newsstats.cli import main; main()"]


def newsstats_version() -> str:
    """`newsstats 0.1.0 (compiled engine)`: which build the figures are of."""
    run = subprocess.run([*newsstats_command(), "--version"], capture_output=True, text=True)
    return run.stdout.strip() or run.stderr.strip()


def mentions_in(summary: str) -> int | None:
    # "newsstats: 19961 articles read, 0 failed, 123 mentions, ..." (the CLI's own count)
    for line in summary.splitlines():
        if " articles read, " in line or " article read, " in line:
            return int(line.split(", ")[2].split()[0])
    return None


def worker(kind: str, files: list[str]) -> None:
    """Hidden entry point: time one tool on the corpus in this fresh process; print JSON."""
    started = time.perf_counter()
    if kind == "jieba":
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.posseg.lcut("预热一下词典。")  # load the dictionary before the clock starts
        tool = jieba.posseg.lcut
    else:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
            import jionlp

        tool = jionlp.ner.extract_money
        tool("预热2万元。")
    load = time.perf_counter() - started
    texts = articles(files)
    units = texts if kind == "jieba" else [line for t in texts for line in t.split("\n") if line]
    started = time.perf_counter()
    found = 0
    for unit in units:
        found += len(tool(unit))
    seconds = time.perf_counter() - started
    print(json.dumps({"load": load, "seconds": seconds, "found": found}))


def tool_run(python: str, kind: str, files: list[str]) -> tuple[dict | None, Run]:
    run = timed([python, str(Path(__file__).resolve()), "--worker", kind, *files])
    if run.returncode != 0:
        return None, run
    return json.loads(run.stdout.strip().splitlines()[-1]), run


def has_jionlp(python: str) -> bool:
    """Whether ``python`` imports jionlp; False for a ``--jionlp-python`` that is not there."""
    try:
        probe = subprocess.run(
            [
                python,
                "-c",
                "import importlib.util, sys; sys.exit(importlib.util.find_spec('jionlp') is None)",
            ],
            capture_output=True,
            check=False,
        )
    except OSError:
        return False
    return probe.returncode == 0


def short_article(texts: list[str]) -> str:
    """The shortest article of at least 200 characters with a statistic linked to an entity.

    Linking is what needs jieba, so this times the whole start-up an article really costs
    (an article whose figures are all dates would never load the dictionary).
    """
    from newsstats.core import extract

    for text in sorted((t for t in texts if len(t) >= 200), key=len):
        if any(quantity.entity for quantity in extract(text)):
            return text
    return min(texts, key=len)


# --- report --------------------------------------------------------------------------------


def mb(n: float) -> str:
    return f"{n / MB:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit-mb", type=float, help="only the first articles, up to this")
    parser.add_argument("--jobs", type=int, help="the 'all CPUs' run (default: every CPU)")
    parser.add_argument("--jionlp-python", default=sys.executable, help="a Python with jionlp")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.worker:
        worker(args.worker, rest)
        return

    from newsstats.archive import default_jobs

    cpus = args.jobs or default_jobs()
    files = corpus_files(args.corpus)
    texts = articles(files)
    scratch = Path(tempfile.mkdtemp(prefix="newsstats-bench-"))
    if args.limit_mb:
        kept, size = [], 0
        for text in texts:
            if size >= args.limit_mb * MB:
                break
            kept.append(text)
            size += len(text.encode())
        texts = kept
        sample = scratch / "sample.jsonl"
        sample.write_text(
            "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts),
            encoding="utf-8",
        )
        files = [sample]
    text_bytes = utf8_bytes(texts)
    inputs = [str(file) for file in files]
    load_before = os.getloadavg()
    print(
        f"corpus: {args.corpus} ({len(files)} files, {len(texts)} articles, "
        f"{mb(text_bytes)} of UTF-8 text)"
    )
    print(
        f"machine: {os.cpu_count()} CPUs ({default_jobs()} usable), Python "
        f"{sys.version.split()[0]}, load average {load_before[0]:.2f} at the start"
    )
    print(f"engine: {newsstats_version()}")
    print()

    newsstats = newsstats_command()
    results: dict[str, tuple[float | None, str]] = {}
    memory: dict[str, Memory] = {}
    cpu: dict[int, tuple[float, float, float]] = {}  # jobs: (wall, CPU s, main process CPU s)

    def extract_run(jobs: int) -> float | None:
        out = scratch / f"out-{jobs}.csv"
        run = timed([*newsstats, "extract", *inputs, "-f", "csv", "-o", str(out), "-j", str(jobs)])
        if run.returncode not in (0, 1):
            print(f"newsstats --jobs {jobs} failed ({run.returncode}):\n{run.stderr}")
            return None
        rate = text_bytes / MB / run.seconds
        memory[f"newsstats extract --jobs {jobs}"] = run.memory
        found = mentions_in(run.stderr)
        results[f"newsstats extract --jobs {jobs}"] = (
            rate,
            f"{run.seconds:.1f} s wall, {run.cpu:.1f} s CPU, {found} mentions",
        )
        cpu[jobs] = (run.seconds, run.cpu, run.memory.parent_cpu)
        print(f"  newsstats --jobs {jobs}: {run.seconds:.1f} s", flush=True)
        return rate

    print("running (each in a fresh process) ...", flush=True)
    one = extract_run(1)
    many = extract_run(cpus) if cpus > 1 else one

    posseg, run = tool_run(sys.executable, "jieba", inputs)
    if posseg:
        rate = text_bytes / MB / posseg["seconds"]
        note = f"{posseg['seconds']:.1f} s + {posseg['load']:.1f} s dictionary load, per article"
        results["jieba.posseg.lcut"] = (rate, note)
        memory["jieba.posseg.lcut"] = run.memory
        print(f"  jieba.posseg.lcut: {posseg['seconds']:.1f} s", flush=True)
    else:
        results["jieba.posseg.lcut"] = (None, f"failed: {run.stderr.strip()[-200:]}")

    if has_jionlp(args.jionlp_python):
        money, run = tool_run(args.jionlp_python, "jionlp", inputs)
        if money:
            rate = text_bytes / MB / money["seconds"]
            note = f"{money['seconds']:.1f} s + {money['load']:.1f} s import, line by line"
            results["jionlp.ner.extract_money"] = (rate, note)
            memory["jionlp.ner.extract_money"] = run.memory
            print(f"  jionlp.ner.extract_money: {money['seconds']:.1f} s", flush=True)
        else:
            results["jionlp.ner.extract_money"] = (None, f"failed: {run.stderr.strip()[-200:]}")
    else:
        results["jionlp.ner.extract_money"] = (
            None,
            "not installed (see benchmarks/README.md)",
        )

    short = short_article(texts)
    article = scratch / "short.txt"
    article.write_text(short, encoding="utf-8")
    cold = [
        timed([*newsstats, "extract", str(article), "-f", "csv", "-o", os.devnull]).seconds
        for _ in range(5)
    ]
    bare = [timed([*newsstats, "--version"]).seconds for _ in range(5)]
    load_after = os.getloadavg()

    jieba_rate = results["jieba.posseg.lcut"][0]
    print()
    print("| run | MB/s | MB/s per CPU | × jieba.posseg | notes |")
    print("|---|---|---|---|---|")
    for name, (rate, note) in results.items():
        cpus_used = cpus if name.endswith(f"--jobs {cpus}") and cpus > 1 else 1
        per_cpu = f"{rate / cpus_used:.3f}" if rate else "–"
        ratio = f"{rate / jieba_rate:.2f}" if rate and jieba_rate else "–"
        print(f"| {name} | {f'{rate:.3f}' if rate else '–'} | {per_cpu} | {ratio} | {note} |")
    print()
    if one and many and cpus > 1:
        print(
            f"parallel efficiency on {cpus} CPUs: {many / (cpus * one):.0%} "
            f"({many / one:.2f}× the 1-job rate)"
        )
        (wall_1, cpu_1, _), (wall_n, cpu_n, main_n) = cpu[1], cpu[cpus]
        # Busy CPUs over the run: below N with work left means the machine was shared (or
        # the runner starved its workers); CPU seconds above the 1-job run's are overhead.
        print(
            f"  CPUs kept busy: {cpu_1 / wall_1:.2f} of 1 with 1 job, {cpu_n / wall_n:.2f} of "
            f"{cpus} with {cpus}; CPU seconds with {cpus} jobs: {cpu_n / cpu_1:.2f}× the 1-job "
            f"run, of which the main process (reading, writing): {main_n:.1f} s"
        )
    print("peak memory (main process / largest process / whole run RSS / whole run PSS):")
    for name, peak in memory.items():
        print(
            f"  {name}: {mb(peak.parent)} / {mb(peak.largest)} / {mb(peak.tree_rss)} / "
            f"{mb(peak.tree_pss)}"
        )
    print(
        f"cold start, one short article ({len(short)} characters, "
        f"{len(short.encode())} bytes): median {statistics.median(cold):.2f} s, "
        f"min {min(cold):.2f} s; `newsstats --version` alone: median "
        f"{statistics.median(bare):.2f} s"
    )
    print(
        f"load average at the end: {load_after[0]:.2f} "
        "(figures are only comparable on an otherwise idle machine)"
    )
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
