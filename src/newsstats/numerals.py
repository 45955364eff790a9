"""Bare numeral strings to exact values.

``parse_number`` turns one numeral (``19.8万``, ``两万三千``, ``三分之一``, ``1,234.5``) into a
``Decimal``, or ``None`` when the string is not a number; ``to_plain`` is the output-edge
conversion to ``int``/``float``. Finding numerals in running text is scanning.py's job.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Context, Decimal
from functools import lru_cache

__all__ = [
    "DIGIT_VALUES",
    "LARGE_MULTIPLIERS",
    "SMALL_MULTIPLIERS",
    "parse_number",
    "to_plain",
]

# --------------------------------------------------------------------------------------------
# Character tables
# --------------------------------------------------------------------------------------------

# Chinese digits: everyday, financial (大写) and traditional forms. 参 is deliberately absent:
# it is the everyday word "take part", while 叁/參 are the unambiguous financial threes.
DIGIT_VALUES: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "弌": 1,
    "二": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2, "贰": 2, "貳": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "弎": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip

# Multipliers inside a four-digit section.
SMALL_MULTIPLIERS: dict[str, int] = {
    "十": 10, "拾": 10,
    "百": 100, "佰": 100,
    "千": 1000, "仟": 1000,
}  # fmt: skip

# Section multipliers. 兆 is left out on purpose: it means 10^6 in mainland science writing,
# 10^12 in Taiwan and "omen" in ordinary prose, so no single value is right.
LARGE_MULTIPLIERS: dict[str, int] = {
    "万": 10**4, "萬": 10**4,
    "亿": 10**8, "億": 10**8,
}  # fmt: skip

# ... except where the numeral itself settles it: a 兆 followed by a 亿 group can only be
# 10^12 (四十九兆九千五百九十二億, 五兆六十二亿四万五千二). A numeral with 兆 and no 亿 after it
# (3兆) is not a number.
PINNED_MULTIPLIERS: dict[str, tuple[int, str]] = {
    "兆": (10**12, "亿億"),
}  # fmt: skip

# 万万 after a coefficient is an old way to write 亿 (四万万同胞, 一万万分之七); on its own it is
# the adverb "by no means" (万万不可).
DOUBLE_WAN: dict[str, str] = {"万万": "亿", "萬萬": "億"}

CHINESE_DECIMAL_POINTS: frozenset[str] = frozenset("点點")

# Full-width and typographic forms folded to ASCII before parsing.
ASCII_FOLDING: dict[str, str] = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "，": ",", "－": "-", "＋": "+", "−": "-", "／": "/",
}  # fmt: skip

SIGNS: dict[str, int] = {"-": -1, "负": -1, "負": -1, "+": 1}

FRACTION_MARKER = "分之"
# 三又三分之一: a whole number and a fraction. 3/5: a fraction written with a slash.
MIXED_FRACTION_MARKER = "又"
SLASH = "/"

WORD_VALUES: dict[str, Decimal] = {"半": Decimal("0.5"), "半百": Decimal(50)}

# What the pattern may match on its own in running text. 拾/佰/仟 alone are words (拾 "pick
# up"), and ○ alone is usually a bullet, so only these stand alone; the parser accepts all.
STANDALONE_MULTIPLIERS = "十百千万亿萬億"
STANDALONE_ZEROS = "零〇"

# --------------------------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------------------------

# Integer arithmetic throughout, so values are exact and independent of the caller's Decimal
# context; only a fraction's division is rounded, always to the default 28 digits.
_DIVISION_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
_CACHED_MAX_LENGTH = 32  # news repeats short numerals endlessly; long strings are rare junk
_MAX_MIXED_DIGITS = 400  # far beyond any real numeral, well under int()'s str-length limit

# Token kinds. A token is (kind, value, extra): for Arabic numbers extra is the digit count,
# which tells a lone digit ("3万4" = 34000, an elided place) from a written-out "3万4000"; for
# decimals value is the digits without the point and extra is the number of places.
_DIGIT, _NUMBER, _DECIMAL, _SMALL, _LARGE, _POINT = range(6)
_Token = tuple[int, int, int]

_CHAR_TOKENS: dict[str, _Token] = {
    **{char: (_DIGIT, value, 1) for char, value in DIGIT_VALUES.items()},
    **{char: (_SMALL, value, 0) for char, value in SMALL_MULTIPLIERS.items()},
    **{char: (_LARGE, value, 0) for char, value in LARGE_MULTIPLIERS.items()},
    **{char: (_LARGE, value, 0) for char, (value, _) in PINNED_MULTIPLIERS.items()},
    **{char: (_POINT, 0, 0) for char in CHINESE_DECIMAL_POINTS},
}

# One-character numerals (一, 两, 百, 万, 半) are most of what a scanner asks about.
_SINGLE_CHAR_VALUES: dict[str, Decimal] = {
    **{str(value): Decimal(value) for value in range(10)},
    **{char: Decimal(value) for char, value in DIGIT_VALUES.items()},
    **{char: Decimal(value) for char, value in SMALL_MULTIPLIERS.items()},
    **{char: Decimal(value) for char, value in LARGE_MULTIPLIERS.items()},
    **WORD_VALUES,
}

_ASCII_FOLDING_TABLE = str.maketrans(ASCII_FOLDING)

# Thousands groups must be exactly three digits after a 1-3 digit head ("1,23" is not a number).
_ARABIC = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")

# A denominator written as a bare 百/千/万 is a percent, permille or per-myriad: the scanner's job.
_PERCENT_LIKE_LEADS = frozenset(
    char
    for table in (SMALL_MULTIPLIERS, LARGE_MULTIPLIERS)
    for char, value in table.items()
    if value >= 100
)


def parse_number(text: str) -> Decimal | None:
    """Exact value of a bare numeral string, or None when it is not a number.

    Accepts Arabic numerals (full-width too, thousands groups of three), Chinese numerals in
    everyday, financial and traditional characters, mixes (3万4000, 1.2万亿), elided last
    places (一万五), digit-by-digit years (二〇二五), lone multipliers (百, 万), fractions
    (三分之一), 半, and a leading sign (-3, 负三). Results are cached: they are immutable.
    """
    if len(text) <= _CACHED_MAX_LENGTH:
        return _parse_cached(text)
    return _parse(text)


def to_plain(d: Decimal) -> int | float:
    """Output-edge conversion: int when integral (198000, never 198000.0), else float."""
    if d.is_finite() and d == d.to_integral_value():
        return int(d)
    return float(d)


def _parse(text: str) -> Decimal | None:
    s = text.strip()
    if not s:
        return None
    if not s.isascii():
        s = s.translate(_ASCII_FOLDING_TABLE)
    sign = SIGNS.get(s[0])
    if sign is not None:
        s = s[1:]
    value = _unsigned_value(s)
    if value is None:
        return None
    return -value if sign == -1 and value else value


_parse_cached = lru_cache(maxsize=1 << 16)(_parse)


def _unsigned_value(s: str) -> Decimal | None:
    if len(s) == 1:
        return _SINGLE_CHAR_VALUES.get(s)
    word_value = WORD_VALUES.get(s)
    if word_value is not None:
        return word_value
    if MIXED_FRACTION_MARKER in s:
        whole_text, _, fraction_text = s.partition(MIXED_FRACTION_MARKER)
        if FRACTION_MARKER in whole_text or FRACTION_MARKER not in fraction_text:
            return None
        whole, fraction = _numeral_value(whole_text), _unsigned_value(fraction_text)
        if whole is None or fraction is None:
            return None
        return whole + fraction
    if SLASH in s:
        numerator_text, _, denominator_text = s.partition(SLASH)
        if not (_ARABIC.fullmatch(numerator_text) and _ARABIC.fullmatch(denominator_text)):
            return None
        divisor = Decimal(denominator_text.replace(",", ""))
        if not divisor:
            return None
        return _DIVISION_CONTEXT.divide(Decimal(numerator_text.replace(",", "")), divisor)
    if FRACTION_MARKER in s:
        denominator_text, _, numerator_text = s.partition(FRACTION_MARKER)
        if not denominator_text or denominator_text[0] in _PERCENT_LIKE_LEADS:
            return None
        denominator = _numeral_value(denominator_text)
        numerator = _numeral_value(numerator_text)
        if denominator is None or numerator is None or not denominator:
            return None
        return _DIVISION_CONTEXT.divide(numerator, denominator)
    return _numeral_value(s)


def _numeral_value(s: str) -> Decimal | None:
    """A numeral without sign or fraction marker."""
    for double, single in DOUBLE_WAN.items():
        if double in s:
            if s.startswith(double):
                return None
            s = s.replace(double, single)
    for char, (_, required_after) in PINNED_MULTIPLIERS.items():
        at = s.find(char)
        if at >= 0 and not any(c in required_after for c in s[at + 1 :]):
            return None
    if _ARABIC.fullmatch(s):
        value = Decimal(s.replace(",", ""))
        if "." in s and value == value.to_integral_value():
            value = value.to_integral_value()  # "198000.0" -> Decimal('198000')
        return value
    tokens = _tokenize(s)
    if not tokens:
        return None
    point_count = 0
    all_digits = True
    for kind, _, _ in tokens:
        point_count += kind == _POINT
        all_digits = all_digits and kind == _DIGIT
    if all_digits and len(tokens) > 1:
        return _digit_by_digit_value(tokens)
    if point_count == 0:
        return _scaled_integer_value(tokens)
    if point_count > 1:
        return None
    return _chinese_decimal_value(tokens)


def _tokenize(s: str) -> list[_Token] | None:
    tokens = []
    index, length = 0, len(s)
    while index < length:
        char = s[index]
        token = _CHAR_TOKENS.get(char)
        if token is not None:
            tokens.append(token)
            index += 1
        elif "0" <= char <= "9":
            match = _ARABIC.match(s, index)
            assert match is not None  # a digit always opens an Arabic number
            integer_digits, _, fraction_digits = match.group().replace(",", "").partition(".")
            if len(integer_digits) + len(fraction_digits) > _MAX_MIXED_DIGITS:
                return None
            if fraction_digits:
                mantissa = int(integer_digits + fraction_digits)
                tokens.append((_DECIMAL, mantissa, len(fraction_digits)))
            else:
                tokens.append((_NUMBER, int(integer_digits), len(integer_digits)))
            index = match.end()
        else:
            return None
    return tokens


def _scaled(mantissa: int, places: int) -> Decimal:
    while places and not mantissa % 10:
        mantissa //= 10  # 19.8万 -> Decimal('198000'), not '198000.0'
        places -= 1
    if not places:
        return Decimal(mantissa)
    return Decimal(f"{mantissa}E-{places}")  # exact: the constructor never rounds


def _digit_by_digit_value(tokens: list[_Token]) -> Decimal | None:
    # 二〇二五 is a year read digit by digit, but two plain digits (三四, 五六) are the
    # "three or four" approximation, a range the scanner must see; so require a zero or 3+ digits.
    values = [token[1] for token in tokens]
    if values[0] == 0 or (len(values) == 2 and values[1] != 0):
        return None
    return Decimal("".join(map(str, values)))


def _chinese_decimal_value(tokens: list[_Token]) -> Decimal | None:
    """零点五, 三点一四, 十九点八万: a Chinese integer part, 点, digits, then 万/亿 only."""
    point = next(i for i, token in enumerate(tokens) if token[0] == _POINT)
    integer_tokens = tokens[:point]
    if not integer_tokens or any(token[0] not in (_DIGIT, _SMALL) for token in integer_tokens):
        return None
    integer_part = _integer_value(integer_tokens, allow_elision=False, allow_bare=False)
    if integer_part is None:
        return None
    end = point + 1
    while end < len(tokens) and tokens[end][0] == _DIGIT:
        end += 1
    fraction_digits = "".join(str(token[1]) for token in tokens[point + 1 : end])
    multipliers = tokens[end:]
    # No 十/百/千 after a Chinese decimal: 三点五十分 is a clock time, not 35.
    if not fraction_digits or any(token[0] != _LARGE for token in multipliers):
        return None
    if len(fraction_digits) > _MAX_MIXED_DIGITS:
        return None
    mantissa = int(f"{integer_part[0]}{fraction_digits}")
    return _scaled_integer_value([(_DECIMAL, mantissa, len(fraction_digits)), *multipliers])


def _scaled_integer_value(tokens: list[_Token]) -> Decimal | None:
    result = _integer_value(tokens)
    return None if result is None else _scaled(*result)


def _is_lone_digit(token: _Token) -> bool:
    return token[0] != _DECIMAL and token[2] == 1 and token[1] != 0


def _integer_value(
    tokens: list[_Token],
    *,
    allow_elision: bool = True,
    allow_bare: bool = True,
) -> tuple[int, int] | None:
    """(mantissa, decimal places) of digits, Arabic numbers and multipliers, or None.

    Sections below 10^4 are built from 十/百/千 terms in falling order; 万/亿 close a section.
    A 万/亿 larger than everything before it scales the whole prefix (一万亿, 二十万亿); a
    smaller one starts a new additive group (一亿二千万). 零 marks a skipped place and must
    follow 百 or larger. A lone digit after a unit of 100+ is an elided place (一万五 = 15000),
    unambiguous only at the very end of the numeral. A decimal coefficient must come first
    and only multipliers may follow it, so the whole value shares its scale.
    """
    first_kind, first_value, first_extra = tokens[0]
    places = first_extra if first_kind == _DECIMAL else 0
    if len(tokens) == 1 and first_kind in (_DIGIT, _NUMBER, _DECIMAL):
        return first_value, places
    total = section = 0
    total_magnitude = 0  # magnitude of the whole prefix summed into total; 0 before any 万/亿
    last_large = 0  # place of the latest 万/亿 group
    last_small = 0  # latest 十/百/千 within the current section
    previous_unit = 0  # the multiplier right before the pending coefficient
    coefficient: _Token | None = None
    zero_gap = False
    bare_start = False  # 百万, 千亿: only multipliers may follow an implicit leading 1
    decimal_used = False

    for index, token in enumerate(tokens):
        kind, value, _ = token
        if kind in (_DIGIT, _NUMBER, _DECIMAL):
            if coefficient is not None or bare_start or decimal_used:
                return None
            if kind == _DECIMAL and index:
                return None
            if kind == _DIGIT and not value:
                if previous_unit < 100 or zero_gap:
                    return None
                zero_gap = True
                continue
            coefficient = token
        elif kind == _SMALL:
            if coefficient is None:
                if value == 10 and (not last_small or zero_gap):
                    multiplier = 1  # 十五, 一万零十
                elif index == 0 and allow_bare:
                    multiplier = 1  # 百, 千万
                    bare_start = True
                else:
                    return None
            else:
                coefficient_kind, multiplier, _ = coefficient
                if coefficient_kind == _DECIMAL:
                    if multiplier >= 10 * 10**places:
                        return None  # 12.5千 is not a way to write 12500
                    decimal_used = True
                elif not _is_lone_digit(coefficient):
                    return None
            if last_small and value >= last_small:
                return None
            section += multiplier * value
            last_small = previous_unit = value
            coefficient = None
            zero_gap = False
        elif kind == _LARGE:
            if zero_gap and coefficient is None:
                return None
            scales_prefix = bool(total_magnitude) and value > total_magnitude
            part = section
            if coefficient is not None:
                coefficient_kind, coefficient_value, digit_count = coefficient
                if coefficient_kind == _DECIMAL:
                    decimal_used = True
                elif not previous_unit:
                    pass
                elif zero_gap:
                    if coefficient_value >= previous_unit:
                        return None
                elif previous_unit == 10:
                    if not _is_lone_digit(coefficient):
                        return None
                elif previous_unit < 10**4:
                    return None  # 两百五万: 250万 or 205万? Ambiguous, so not a number.
                elif scales_prefix:
                    # 3万4000亿 is clear; 一万五亿 is not (an elided place before a multiplier).
                    if digit_count < 2 or coefficient_value >= previous_unit:
                        return None
                part += coefficient_value
            elif not section and not last_small:
                if index == 0:
                    if not allow_bare:
                        return None
                    part = 1
                    bare_start = True
                elif not scales_prefix:
                    return None  # 亿万: nothing to multiply
            if not total_magnitude:
                total = part * value
                total_magnitude = last_large = value
            elif scales_prefix:
                total = (total + part) * value
                last_large = value if part else total_magnitude * value
                total_magnitude *= value
            elif value < last_large and part * value < last_large:
                total += part * value
                last_large = value
            else:
                return None
            section = last_small = 0
            previous_unit = value
            coefficient = None
            zero_gap = False
        else:
            return None

    if zero_gap and coefficient is None:
        return None
    tail = 0
    if coefficient is not None:
        coefficient_kind, coefficient_value, digit_count = coefficient
        if coefficient_kind == _DECIMAL:
            return None  # decimals cannot trail (3万4.5)
        if zero_gap:
            if coefficient_value >= previous_unit:
                return None
            tail = coefficient_value
        elif previous_unit == 10:
            if not _is_lone_digit(coefficient):
                return None
            tail = coefficient_value
        elif _is_lone_digit(coefficient):
            if not allow_elision:
                return None
            tail = coefficient_value * previous_unit // 10  # 一万五, 三千二, 一亿二
        elif digit_count >= 2 and coefficient_value < previous_unit:
            tail = coefficient_value  # 3万4000
        else:
            return None
    return total + section + tail, places
