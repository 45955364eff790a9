"""Stage 2: turn a candidate's labelled parts into value, range, unit, dimension, approx.

Everything is computed in Decimal; ``numerals.to_plain`` converts at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from . import lexicon
from .numerals import parse_number
from .scanning import Candidate

SHARE_UNITS = {"百分之": ("%", "percent", 1), "千分之": ("‰", "permille", 1)}
MULTIPLIER_VALUES = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
    "万": 10_000, "萬": 10_000, "亿": 10**8, "億": 10**8,
}
# 三四十, 两三个, 七八百万: two neighbouring digits give a range
NEIGHBOUR_DIGITS = regex.compile(
    r"^([一二两三四五六七八九])([二三四五六七八九])([十百千万亿萬億]*)$"
)
DIGIT_VALUES = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
HALF = Decimal("0.5")
TRAILING_MULTIPLIERS = regex.compile(r"[十拾百佰千仟万萬亿億]+$")


@dataclass(frozen=True)
class Valued:
    value: Decimal
    value_max: Decimal | None
    unit: str
    dimension: str
    approx: str


def _factor(multipliers: str) -> Decimal:
    factor = Decimal(1)
    for char in multipliers:
        factor *= MULTIPLIER_VALUES[char]
    return factor


def _approx(words: list[str | None], position: list[str]) -> str:
    table = lexicon.approximations()
    for word, where in zip(words, position, strict=True):
        if word and table[where].get(word, "exact") != "exact":
            return table[where][word]
    return "exact"


def _share(parts: dict[str, str]) -> Valued | None:
    approx = _approx([parts.get("pre"), parts.get("post_share")], ["before", "after"])
    if "pct" in parts:
        unit, dimension, _ = SHARE_UNITS.get(parts["pct"], ("", "ratio", 1))
        value = parse_number(parts["pnum"])
        if value is None:
            return None
        if parts["pct"] == "万分之":
            return Valued(value / 10_000, None, "", "ratio", approx)
        return Valued(value, None, unit, dimension, approx)
    if "den" in parts:
        denominator, numerator = parse_number(parts["den"]), parse_number(parts["numer"])
        if not denominator or numerator is None:
            return None
        return Valued(numerator / denominator, None, "", "ratio", approx)
    return Valued(Decimal("0.5"), None, "", "ratio", approx)


def _number_range(parts: dict[str, str]) -> tuple[Decimal, Decimal | None] | None:
    if "vague" in parts:
        vague = lexicon.vague_magnitudes()[parts["vague"]]
        magnitude = _factor(parts["vmult"])
        high = magnitude * vague.high if vague.high != vague.low else None
        return magnitude * vague.low, high
    text = parts["num"]
    neighbours = NEIGHBOUR_DIGITS.match(text)
    if neighbours and DIGIT_VALUES[neighbours[2]] == DIGIT_VALUES[neighbours[1]] + 1:
        factor = _factor(neighbours[3])
        return DIGIT_VALUES[neighbours[1]] * factor, DIGIT_VALUES[neighbours[2]] * factor
    low = parse_number(text)
    if low is None:
        return None
    if "num2" not in parts:
        return low, None
    high = parse_number(parts["num2"])
    if high is None:
        return None
    # 3至5万元: the upper bound's multiplier applies to the lower bound too
    shared = TRAILING_MULTIPLIERS.search(parts["num2"])
    if shared and not TRAILING_MULTIPLIERS.search(text) and low * _factor(shared[0]) <= high:
        low *= _factor(shared[0])
    return (low, high) if high > low else None


def value(candidate: Candidate) -> Valued | None:
    """The normalised reading of a candidate, or None when its parts do not make a number."""
    parts = candidate.parts
    if parts.keys() & {"pct", "den", "half_share"}:
        return _share(parts)
    bounds = _number_range(parts)
    if bounds is None:
        return None
    low, high = bounds
    approx = "range" if high is not None else "exact"
    between = lexicon.approximations()["between"]
    mid = parts.get("mid") or parts.get("mid2")
    if mid and between.get(mid) == "range":
        if high is not None or low % 10 or low < 10:
            return None
        low, high, approx = low + 1, low + 9, "range"
    factor = _factor(parts.get("mult", ""))
    low *= factor
    high = high * factor if high is not None else None

    unit_text = parts.get("unit", "")
    unit = lexicon.units().get(unit_text)
    inner_approx = None
    if unit is None and unit_text:
        # 个多月, 个半小时: an approximation word or 半 sits inside the unit
        inner_approx = unit_text[1]
        unit = lexicon.units().get(unit_text[0] + unit_text[2:])
    if inner_approx == "半" or "plus_half" in parts:
        low += HALF
        high = high + HALF if high is not None else None
    if unit is None:
        return Valued(low, high, "", "", approx)
    if approx != "range":
        approx = _approx(
            [parts.get("pre"), mid, inner_approx, parts.get("post")],
            ["before", "between", "between", "after"],
        )
        if approx == "exact" and "vague" in parts:
            approx = lexicon.vague_magnitudes()[parts["vague"]].approx
    scale = unit.scale
    if scale != 1:
        low *= scale
        high = high * scale if high is not None else None
    return Valued(low, high, unit.unit, unit.dimension, approx)
