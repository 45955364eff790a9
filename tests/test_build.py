"""The compiled build (setup.py): mypyc compiles the engine only if mypy passes on it, and
falls back to pure Python otherwise, silently for a user. These tests say so at once."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SETUP = ROOT / "setup.py"


def engine_modules() -> list[str]:
    # setup.py calls setup() when imported: read its ENGINE table instead
    tree = ast.parse(SETUP.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "ENGINE":
            return list(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no ENGINE table")


@pytest.mark.skipif(not SETUP.exists(), reason="runs from a source checkout")
def test_every_compiled_module_exists() -> None:
    modules = engine_modules()
    assert "core" in modules and "linking" in modules
    for name in modules:
        assert (ROOT / "src" / "newsstats" / f"{name}.py").is_file(), name


@pytest.mark.skipif(not SETUP.exists(), reason="runs from a source checkout")
def test_engine_type_checks_as_mypyc_needs() -> None:
    pytest.importorskip("mypy")
    paths = [str(ROOT / "src" / "newsstats" / f"{name}.py") for name in engine_modules()]
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", *paths],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
