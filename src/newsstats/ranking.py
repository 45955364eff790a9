"""Ranking: a linear model learned from the labelled gold picks each mention's entity and
subject among its candidates.

The weights are data (``data/linker_weights.json``), rebuilt deterministically from the
gold by ``tools/train_linker.py``; scoring is a sum of weights, plain Python.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .features import Features

WEIGHTS_FILE = "linker_weights.json"

_weights: dict[str, dict[str, float]] | None = None
# the summed weights of features.py's descriptions, by kind and key: valid for the weights
# in use, so use() forgets them
_memo: dict[str, dict[tuple, float]] = {}
# the weights of the features that spell one word after a fixed prefix (head=储能电站), by
# kind and prefix and then by the word: the word's own string is looked up, with its hash
# already known, instead of a new string being built and hashed for every candidate
_by_word: dict[tuple[str, str], dict[str, float]] = {}
_by_pair: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
# keys a kind remembers before starting afresh: the long tail of word-class combinations
# must not grow a worker without bound (50,000 keys are a few MB; most hits are in far fewer)
MEMO_LIMIT = 50_000


def load(path: str | None = None) -> None:
    """Use the weights in ``path`` (the packaged file when None) from now on: the
    training script's cross-validation scores each fold with weights that never saw it."""
    global _weights
    if path is None:
        raw = (resources.files("newsstats") / "data" / WEIGHTS_FILE).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
    use(json.loads(raw)["weights"])


def use(weights: dict[str, dict[str, float]]) -> None:
    global _weights
    _weights = weights
    _memo.clear()
    _by_word.clear()
    _split.clear()
    _by_pair.clear()


def memo(kind: str) -> dict[tuple, float]:
    table = _memo.get(kind)
    if table is None or len(table) > MEMO_LIMIT:
        table = _memo[kind] = {}
    return table


def _table(kind: str) -> dict[str, float]:
    if _weights is None:
        load()
    assert _weights is not None
    return _weights.get(kind, {})


def by_word(kind: str, prefix: str) -> dict[str, float]:
    """word → the weight of the feature ``prefix + word``."""
    table = _by_word.get((kind, prefix))
    if table is None and kind not in _split and _prefix_end(prefix) == len(prefix) - 1:
        _split_names(kind)
        table = _by_word.get((kind, prefix))
    if table is None:
        size = len(prefix)
        table = _by_word[(kind, prefix)] = {
            name[size:]: weight for name, weight in _table(kind).items()
            if name.startswith(prefix)
        }
    return table


# the kinds whose names _split_names has filed in _by_word
_split: set[str] = set()


def _prefix_end(name: str) -> int:
    """Where the prefix of a feature's name ends (head=, L|gap:), or -1."""
    equals, colon = name.find("="), name.find(":")
    return equals if colon < 0 or 0 <= equals < colon else colon


def _split_names(kind: str) -> None:
    """File the names of ``kind`` in _by_word by their prefix, in one pass: a pass over
    every name for each prefix asked for cost a twentieth of a start. (A name starts with a
    prefix whose only separator is its last character exactly where its own prefix ends.)"""
    _split.add(kind)
    tables: dict[str, dict[str, float]] = {}
    for name, weight in _table(kind).items():
        end = _prefix_end(name)
        if end >= 0:
            prefix = name[: end + 1]
            table = tables.get(prefix)
            if table is None:
                table = tables[prefix] = {}
            table[name[end + 1 :]] = weight
    for prefix, table in tables.items():
        _by_word[(kind, prefix)] = table


def by_pair(kind: str, prefix: str) -> dict[str, dict[str, float]]:
    """first → second → the weight of the feature ``prefix + first|second``: a pair looked
    up without spelling its name."""
    table = _by_pair.get((kind, prefix))
    if table is None:
        table = _by_pair[(kind, prefix)] = {}
        for name, weight in by_word(kind, prefix).items():
            first, _, second = name.partition("|")
            table.setdefault(first, {})[second] = weight
    return table


def score(kind: str, features: list[str]) -> float:
    table = _table(kind)
    return sum(table.get(f, 0.0) for f in features)


def best(kind: str, choices: list[Features]) -> int:
    """The index of the best candidate: of the group of phrases ending on the same word
    whose probabilities add up to the most, its highest-scoring phrase (the first of
    equals). Phrases that end on the same word name the same thing (`储能电站`,
    `压气储能电站`), so a thing offered in five spans must not lose to no phrase at all
    because its probability is shared out among them."""
    top = max(features.score for features in choices)
    mass: dict[int, float] = {}
    for features in choices:
        mass[features.group] = mass.get(features.group, 0.0) + math.exp(features.score - top)
    winner, winning = 0, -1.0
    for group, total in mass.items():  # in the order first met: ties go to the earlier
        if total > winning:
            winner, winning = group, total
    best_index, best_score = 0, float("-inf")
    for i, features in enumerate(choices):
        if features.group == winner and features.score > best_score:
            best_index, best_score = i, features.score
    return best_index
