"""Stage 2: turn a candidate's labelled parts into value, range, unit, dimension, approx.

Everything is computed in Decimal; ``numerals.to_plain`` converts at the edge.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from . import lexicon
from .numerals import parse_number
from .scanning import Candidate, subunit_pieces

# 百分之 / 佰分之, 千分之 / 仟分之, 万分之 / 萬分之: keyed by the share word's first character
SHARE_UNITS = {
    "百": ("%", "percent", Decimal(1)), "佰": ("%", "percent", Decimal(1)),
    "千": ("‰", "permille", Decimal(1)), "仟": ("‰", "permille", Decimal(1)),
    "万": ("", "ratio", Decimal("0.0001")), "萬": ("", "ratio", Decimal("0.0001")),
}  # fmt: skip
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
TENTHS = Decimal("0.1")
# No quantity in the news comes near 10^30; a longer run of digits is a code or junk, and its
# value would not even print (Python refuses str() of an int with over 4300 digits).
LARGEST_VALUE = Decimal("1e30")
MULTIPLIER_CHARS = "".join(MULTIPLIER_VALUES)
BIG_MULTIPLIERS = frozenset("万萬亿億")
ROUND = frozenset("百佰千仟万萬亿億")
APPROXIMATED = frozenset({"vague", "pre", "mid", "mid2", "post"})
DIGITS = frozenset("0123456789０１２３４５６７８９")


class Valued:
    """A number's value, unit and dimension; never changed once made (a plain class, as
    scanning.Candidate is)."""

    def __init__(self, value: Decimal, value_max: Decimal | None, unit: str, dimension: str,
                 approx: str, base: lexicon.Base | None = None) -> None:
        self.value = value
        self.value_max = value_max
        self.unit = unit
        self.dimension = dimension
        self.approx = approx
        self.base = base  # the unit table's conversion (normalising.py applies it)

    def __repr__(self) -> str:
        return (f"Valued({self.value!r}, {self.value_max!r}, {self.unit!r}, "
                f"{self.dimension!r}, {self.approx!r})")


def _factor(multipliers: str) -> Decimal:
    factor = Decimal(1)
    for char in multipliers:
        factor *= MULTIPLIER_VALUES[char]
    return factor


def _trailing_multipliers(numeral: str) -> str:
    # str.rstrip, not a `[…]+$` search: that one is quadratic on a long run of multipliers
    return numeral[len(numeral.rstrip(MULTIPLIER_CHARS)) :]


def _approx(words: list[str | None], position: list[str]) -> str:
    table = lexicon.approximations()
    for word, where in zip(words, position, strict=True):
        if not word:
            continue
        # a half_before word stands before a share in tenths as well (进度过三成)
        found = table[where].get(word) or (
            table["half_before"].get(word) if where == "before" else None)
        if found and found != "exact":
            return found
    return "exact"


def _share(parts: dict[str, str]) -> Valued | None:
    approx = _approx([parts.get("pre"), parts.get("pre_half"), parts.get("post_share")],
                     ["before", "half_before", "after"])
    if "pct" in parts:
        unit, dimension, scale = SHARE_UNITS[parts["pct"][0]]
        value = parse_number(parts["pnum"])
        if value is None:
            return None
        return Valued(value * scale, None, unit, dimension, approx)
    if "den" in parts:
        denominator_text = parts["den"]
        if denominator_text[0] in MULTIPLIER_VALUES:
            denominator_text = "一" + denominator_text  # 百万分之五, 万万分之七: one million
        bare = parts.get("bare_numer")
        denominator = parse_number(denominator_text)
        numerator = parse_number(bare or parts["numer"])
        if not denominator or numerator is None:
            return None
        if bare and (numerator >= denominator or not _chinese_digits(parts["den"])):
            return None  # 三分一 is a third; 3分1 and 二分五 are no fraction
        return Valued(numerator / denominator, None, "", "ratio", approx)
    if "sden" in parts:
        numerator, denominator = parse_number(parts["snum"]), parse_number(parts["sden"])
        # a proper fraction only: 3/1 and 1/0 are scores, 5/4 a number
        if not numerator or not denominator or numerator >= denominator:
            return None
        return Valued(numerator / denominator, None, "", "ratio", approx)
    return Valued(Decimal("0.5"), None, "", "ratio", approx)


def _chinese_digits(numeral: str) -> bool:
    return all(char in "二三四五六七八九十" for char in numeral)


def _tenths(numeral: str) -> Decimal | None:
    """七五折, 75折, 三八折: two plain digits before a tenths unit are tenths and hundredths
    (7.5折), where 10成 and 十成 stay ten tenths."""
    if len(numeral) != 2:
        return None
    if numeral.isdigit() and numeral.isascii():
        digits = [int(c) for c in numeral]
    elif all(c in DIGIT_VALUES for c in numeral):
        digits = [DIGIT_VALUES[c] for c in numeral]
    else:
        return None
    if not digits[0] or not digits[1]:
        return None
    return digits[0] + Decimal(digits[1]) / 10


def _subunit_value(unit: str, text: str) -> Decimal:
    factors = lexicon.subunits()[unit]
    # the scanner keeps subunits only when each of their numbers parses
    pieces = subunit_pieces(unit, text)
    return sum((_parsed(number) * factors[subunit] for number, subunit in pieces), Decimal(0))


def _parsed(number: str) -> Decimal:
    value = parse_number(number)
    assert value is not None  # see scanning._subunits
    return value


def _neighbours(numeral: str) -> regex.Match | None:
    """三四十, 两三个: two neighbouring digits, a range."""
    found = NEIGHBOUR_DIGITS.match(numeral)
    if found and DIGIT_VALUES[found[2]] == DIGIT_VALUES[found[1]] + 1:
        return found
    return None


def _signed(sign: str | None, value: Decimal) -> Decimal:
    return -value if sign else value


def _number_range(parts: dict[str, str]) -> tuple[Decimal, Decimal | None] | None:
    if "vague" in parts:
        vague = lexicon.vague_magnitudes()[parts["vague"]]
        magnitude = _factor(parts["vmult"])
        high = magnitude * vague.high if vague.high != vague.low else None
        return magnitude * vague.low, high
    text = parts["num"]
    neighbours = _neighbours(text)
    if neighbours:
        factor = _factor(neighbours[3])
        return DIGIT_VALUES[neighbours[1]] * factor, DIGIT_VALUES[neighbours[2]] * factor
    low = parse_number(text)
    if low is None:
        return None
    low = _signed(parts.get("sign"), low)
    if "num2" not in parts:
        return low, None
    high = parse_number(parts["num2"])
    if high is None:
        return None
    high = _signed(parts.get("sign2"), high)
    # 3至5万元: the upper bound's multiplier applies to the lower bound too
    shared = _trailing_multipliers(parts["num2"])
    if shared and not _trailing_multipliers(text) and low * _factor(shared) <= high:
        low *= _factor(shared)
    if "sign" in parts or "sign2" in parts:
        low, high = min(low, high), max(low, high)  # 零下5至零下10度 is -10 to -5
    return (low, high) if high > low else None


# News repeats the same few readings (一个, 3人, 两年) endlessly; a reading depends on the
# parts alone and is immutable, so short candidates share it. Long ones are rare junk, and
# would keep their text alive in the cache.
CACHED_MAX_LENGTH = 32


def value(candidate: Candidate) -> Valued | None:
    """The normalised reading of a candidate, or None when its parts do not make a number.
    The parts are read in simplified script; the unit is given back as written."""
    parts = candidate.read
    if len(candidate.text) <= CACHED_MAX_LENGTH:
        reading = _cached_value(tuple(parts.items()))
    else:
        reading = _value(parts)
    if reading is None or candidate.simple is None or not reading.unit:
        return reading
    # the parts as read and as written are as long, part by part
    read, written = "".join(candidate.simple.values()), "".join(candidate.parts.values())
    unit = as_written(reading.unit, read, written)
    if unit == reading.unit:
        return reading
    return Valued(reading.value, reading.value_max, unit, reading.dimension, reading.approx,
                  reading.base)


def as_written(unit: str, read: str, written: str) -> str:
    """``unit``, read in simplified script from ``read``, in the script of ``written``: the
    characters ``read`` respells take their written form back (个月 in 兩個多月 is 個月)."""
    respelt = {a: b for a, b in zip(read, written, strict=True) if a != b}
    return "".join([respelt.get(char, char) for char in unit])


@lru_cache(maxsize=1024)
def _cached_value(parts: tuple[tuple[str, str], ...]) -> Valued | None:
    return _value(dict(parts))


def _value(parts: dict[str, str]) -> Valued | None:
    reading = _reading(parts)
    if reading is None:
        return None
    if abs(reading.value) >= LARGEST_VALUE:
        return None
    if reading.value_max is not None and abs(reading.value_max) >= LARGEST_VALUE:
        return None
    return reading


def _unit(parts: dict[str, str]) -> tuple[lexicon.Unit | None, str | None]:
    """The unit the parts name, and an approximation word found inside it (个多月)."""
    unit_text = parts.get("unit", "")
    if not unit_text:
        prefix = parts.get("unit_pre")
        return (lexicon.prefix_units().get(prefix) if prefix else None), None
    unit = lexicon.units().get(unit_text)
    if unit is not None:
        cue = parts.get("cue")
        if cue:  # 温度…85度: the clause settles an ambiguous unit
            reading = lexicon.unit_cues()[unit_text][cue]
            unit = lexicon.Unit(
                unit.surface, reading.unit, reading.dimension, unit.scale, base=reading.base
            )
        return unit, None
    # 个多月, 个半小时: an approximation word or 半 sits inside the unit
    return lexicon.units().get(unit_text[0] + unit_text[2:]), unit_text[1]


def _round_magnitude(number: str) -> bool:
    """千亩, 百亿元, 千万公里: a bare 百, 千, 万 or 亿 with no digit is a round magnitude, said
    as about so much (but 十部门 is ten)."""
    return bool(number) and number[0] in ROUND and all(c in MULTIPLIER_CHARS for c in number)


def _bare_magnitude(parts: dict[str, str]) -> bool:
    """10.4亿, 6500万, 近100万, 几千万, 突破千万: a number of ten thousands or more with no unit
    still says how many (GUIDELINES: a count, its unit empty) when it is written in digits,
    is vague or has an approximation word (百万以上); a Chinese numeral alone (一万, 千万) is
    too often part of a word."""
    number = parts.get("num", "") + parts.get("mult", "") + parts.get("vmult", "")
    if not any(char in BIG_MULTIPLIERS for char in number):
        return False
    if parts.keys() & APPROXIMATED:
        return True
    return any(char in DIGITS for char in parts.get("num", ""))


def _race_time(parts: dict[str, str]) -> Valued | None:
    """2分05秒48 is 125.48 seconds; 2小时13分02秒 7982 seconds."""
    minutes, seconds = parse_number(parts["race_min"]), parse_number(parts["race_sec"])
    hours = parse_number(parts["race_h"]) if "race_h" in parts else Decimal(0)
    if minutes is None or seconds is None or hours is None:
        return None
    minutes += hours * 60
    fraction = parts.get("race_frac", "")
    if fraction:
        if "." in parts["race_sec"] or "．" in parts["race_sec"]:
            return None  # 5.2秒48: decimals twice
        decimals = parse_number(fraction)
        if decimals is None:
            return None
        seconds += decimals.scaleb(-len(fraction))
    second = lexicon.units()["秒"]
    approx = _approx([parts.get("pre")], ["before"])
    return Valued(minutes * 60 + seconds, None, second.unit, second.dimension, approx, second.base)


def _hours_minutes(parts: dict[str, str]) -> Valued | None:
    """1小时33分钟 is 93 minutes; a minute figure of 60 or more is no such time."""
    hours, minutes = parse_number(parts["hm_h"]), parse_number(parts["hm_min"])
    if hours is None or minutes is None or minutes >= 60:
        return None
    minute = lexicon.units()["分钟"]
    approx = _approx([parts.get("pre")], ["before"])
    return Valued(hours * 60 + minutes, None, minute.unit, minute.dimension, approx, minute.base)


def _reading(parts: dict[str, str]) -> Valued | None:
    if "race_min" in parts:
        return _race_time(parts)
    if "hm_h" in parts:
        return _hours_minutes(parts)
    if parts.keys() & {"pct", "den", "half_share", "bare_half", "sden"}:
        return _share(parts)
    unit, inner_approx = _unit(parts)
    tenths = None
    if unit is not None and unit.scale == TENTHS and not parts.keys() & {"num2", "mult", "mid"}:
        if not _neighbours(parts.get("num", "")):  # 七八折, 两三成: ranges
            tenths = _tenths(parts.get("num", ""))
    bounds = (tenths, None) if tenths is not None else _number_range(parts)
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

    if "subunits" in parts:  # 五元三毛: 5 元 and 3 × 0.1 元
        low += _subunit_value(parts["unit"], parts["subunits"])
    if inner_approx == "半" or "plus_half" in parts:
        low += HALF
        high = high + HALF if high is not None else None
    if unit is None and not _bare_magnitude(parts) and "cue" not in parts:
        return Valued(low, high, "", "", approx)
    if approx != "range":
        approx = _approx(
            [parts.get("pre"), mid, inner_approx, parts.get("post")],
            ["before", "between", "between", "after"],
        )
        if approx == "exact" and "vague" in parts:
            approx = lexicon.vague_magnitudes()[parts["vague"]].approx
        elif approx == "exact" and _round_magnitude(parts.get("num", "") + parts.get("mult", "")):
            approx = "about"
    if unit is None:  # 10.4亿, 近100万: a count whose unit is left unsaid
        cue = parts.get("cue")
        if cue:  # 套现5.5亿: or money, as the clause says
            reading = lexicon.unit_cues()[""][cue]
            return Valued(low, high, reading.unit, reading.dimension, approx, reading.base)
        return Valued(low, high, "", "count", approx)
    scale = unit.scale
    if scale != 1:
        low *= scale
        high = high * scale if high is not None else None
    if unit.below is not None and max(low, high if high is not None else low) >= unit.below:
        return None  # 十折 is no discount
    dimension = unit.dimension
    if "age_mark" in parts and dimension == "duration":
        dimension = "age"  # 十个月大的宝宝
    # 15万台（套）: the bracketed alternative stays beside the unit
    return Valued(low, high, unit.unit + parts.get("unit_alt", ""), dimension, approx, unit.base)
