"""The pure core: text in, list of Quantity out. (Placeholder until the engine lands.)"""

from __future__ import annotations

from .model import Quantity


def extract(text: str) -> list[Quantity]:
    raise NotImplementedError("engine not written yet")
