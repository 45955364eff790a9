"""Throughput on a Dask LocalCluster beside the process pool, on the same input.

    python benchmarks/cluster.py                  # the first 500 articles of the bulk corpus
    python benchmarks/cluster.py --articles 4000 --jobs 2 --repeat 3

Three runs of the same JSONL slice, each timed from start to finish and given as MB/s of UTF-8
article text (the median of --repeat runs):

* ``newsstats extract --jobs N``: the process pool, in a fresh process (pool start-up and
  engine loading included);
* ``newsstats extract --scheduler local --jobs N``: a LocalCluster of N single-threaded
  workers started by the command, in a fresh process (cluster start-up included);
* ``newsstats.dask.results`` on an already running LocalCluster of N workers whose engine
  is loaded (by other articles): what a run costs on a cluster that stays up, as a real one
  does.

It also checks that the three give the same rows (the pool run with the workers' hash seed,
6640, as the engine's output still depends on it in a few places).  Needs newsstats[dask].
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "bulk" / "xinwenlianbo_2022_2024.jsonl"
MB = 1e6
SEED = "6640"  # the hash seed distributed's nannies give their workers


def newsstats() -> list[str]:
    beside = Path(sys.executable).parent / "newsstats"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "newsstats.cli"]


def cli_run(arguments: list[str], output: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [*newsstats(), "extract", *arguments, "-f", "jsonl", "-o", str(output), "-q"],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONHASHSEED": SEED},
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"newsstats {' '.join(arguments)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, output.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a JSONL file")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2, help="pool processes and cluster workers")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    import newsstats.dask as nd
    from newsstats.output import row

    scratch = Path(tempfile.mkdtemp(prefix="newsstats-cluster-bench-"))
    with args.corpus.open("rb") as corpus:
        lines = [line for line in (corpus.readline() for _ in range(args.articles)) if line]
        others = [line for line in (corpus.readline() for _ in range(20)) if line]
    sample = scratch / "sample.jsonl"
    sample.write_bytes(b"".join(lines))
    # other articles, to load the engine in a running cluster's workers without filling the
    # engine's caches with the very text to be timed
    warmup = scratch / "warmup.jsonl"
    warmup.write_bytes(b"".join(others or lines[:20]))
    text_mb = sum(len(json.loads(line)["text"].encode()) for line in lines) / MB
    print(
        f"input: the first {len(lines)} articles of {args.corpus.name}, {text_mb:.2f} MB of "
        f"UTF-8 text; {args.jobs} jobs; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}"
    )

    load = os.getloadavg()
    pool, local, outputs = [], [], set()
    for _ in range(args.repeat):  # alternately, so a change in the machine's load hits both
        seconds, out = cli_run([str(sample), "--jobs", str(args.jobs)], scratch / "pool.jsonl")
        pool.append(seconds)
        outputs.add(out)
        seconds, out = cli_run(
            [str(sample), "--scheduler", "local", "--jobs", str(args.jobs)], scratch / "dask.jsonl"
        )
        local.append(seconds)
        outputs.add(out)

    warm = []
    with LocalCluster(
        n_workers=args.jobs,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},  # its HTTP server: any free port
        silence_logs=logging.ERROR,
    ) as cluster, Client(cluster) as client:
        for _ in range(args.repeat):
            client.restart()  # fresh worker processes: empty caches
            list(nd.results([str(warmup)], client, partition_bytes=1))  # engine loaded in each
            started = time.perf_counter()
            rows = [
                json.dumps(row(article.name, quantity), ensure_ascii=False) + "\n"
                for result in nd.results([str(sample)], client)
                for article in result.articles
                for quantity in article.quantities
            ]
            warm.append(time.perf_counter() - started)
            outputs.add("".join(rows))

    print()
    print(f"| run ({args.jobs} workers) | seconds | MB/s |")
    print("|---|---|---|")
    for name, times in (
        (f"process pool: `newsstats extract --jobs {args.jobs}`", pool),
        (f"LocalCluster: `newsstats extract --scheduler local --jobs {args.jobs}`", local),
        ("LocalCluster already up: `newsstats.dask.results`", warm),
    ):
        seconds = statistics.median(times)
        print(f"| {name} | {seconds:.2f} | {text_mb / seconds:.3f} |")
    print()
    print(f"same rows in all runs: {'yes' if len(outputs) == 1 else 'NO'}")
    print(
        f"load average {load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end "
        "(figures are only comparable on an otherwise idle machine)"
    )


if __name__ == "__main__":
    main()
