"""newsstats: every statistic in Chinese news text, normalised and linked."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Quantity", "extract", "parse_number", "__version__", "engine_build"]


def engine_build() -> str:
    """Whether this install's engine was compiled (``pip install .``, see setup.py) or
    runs as Python source (an editable install, or no C compiler at install time)."""
    import importlib.machinery
    import importlib.util

    spec = importlib.util.find_spec(".core", __name__)  # located, not imported: stays fast
    origin = spec.origin if spec and spec.origin else ""
    compiled = origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    return "compiled" if compiled else "pure Python"


def __getattr__(name: str):
    # Lazy: `newsstats --version` and the CLI start-up must not pay for jieba or regex tables.
    if name == "extract":
        from .core import extract

        return extract
    if name == "parse_number":
        from .numerals import parse_number

        return parse_number
    if name == "Quantity":
        from .model import Quantity

        return Quantity
    raise AttributeError(f"module 'newsstats' has no attribute {name!r}")
