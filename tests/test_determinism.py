"""The same text gives the same rows whatever Python's hash seed (worker processes on a
cluster each get their own)."""

from __future__ import annotations

import os
import subprocess
import sys

TEXT = "全年第三产业增加值占GDP的比重为28.1%，我省新兴领域19.8万名党员，6261个爱心驿站。"
PROGRAM = (
    "import sys; from newsstats import extract; "
    "print([(q.entity, q.subject) for q in extract(sys.argv[1])])"
)


def rows_with_seed(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, TEXT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_rows_do_not_depend_on_the_hash_seed():
    assert len({rows_with_seed(seed) for seed in ("0", "4", "5", "7")}) == 1
