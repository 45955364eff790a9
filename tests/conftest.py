"""Fixtures shared by the command-line, archive and Parquet tests."""

from __future__ import annotations

import pytest
from test_cli import digits_engine

from newsstats import core


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in engine, so format and I/O tests do not depend on extraction quality."""
    monkeypatch.setattr(core, "extract", digits_engine)
