"""newsstats: every statistic in Chinese news text, normalised and linked."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Quantity", "extract", "parse_number", "__version__"]


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
