"""Stage 4: each reading in its dimension's base unit, and money as its ISO 4217 code.

The unit table (``data/units.tsv``) holds each unit's exact conversion; this stage applies
it, and settles what the table cannot: which dollar a bare 元 is (the article's region).
Counts, shares, ratios and multiples keep their value and unit.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from . import lexicon
from .valuing import Valued

# Characters written differently in the two scripts, each pair's traditional form first: an
# article using more of the traditional forms is set in traditional characters.
SCRIPT_PAIRS = (
    "這这們们來来說说為为國国會会時时與与對对發发後后過过還还經经點点當当開开關关業业區区"
    "萬万億亿個个"
)
TRADITIONAL = frozenset(SCRIPT_PAIRS[0::2])
SIMPLIFIED = frozenset(SCRIPT_PAIRS[1::2])
HOME_CURRENCY = "CNY"


def money_region(text: str) -> str:
    """The ISO code a bare 元 stands for in ``text``: CNY, or in an article set in
    traditional characters, the currency of the region it names most (HKD, MOP, TWD)."""
    traditional = simplified = 0
    for char in text:
        if char in TRADITIONAL:
            traditional += 1
        elif char in SIMPLIFIED:
            simplified += 1
    if traditional <= simplified:
        return HOME_CURRENCY
    counts: Counter[str] = Counter()
    for marker, code in lexicon.money_regions()[1].items():
        found = text.count(marker)
        if found:
            counts[code] += found
    return counts.most_common(1)[0][0] if counts else HOME_CURRENCY


def base(
    reading: Valued, region: str, text: str = "", start: int = 0, end: int = 0
) -> tuple[Decimal | None, str | None]:
    """``reading``'s value in its base unit and that unit's code, for the mention at
    ``text[start:end]``; ``region`` is the code of the article's own dollar
    (``money_region``). (None, None) when no base is known."""
    conversion = reading.base
    if reading.dimension == "currency" and reading.unit in lexicon.currencies().shorts:
        code = _named_country_currency(reading.unit, text, start)
        if code:  # 丹麦…5亿克朗: the country named last before the amount
            return reading.value, code
    if conversion is None:
        if reading.dimension in KEPT:
            return reading.value, reading.unit
        return None, None
    after = text[end : end + 3]
    code = conversion.unit
    # 元, 元/股, $: the region's dollar; 人民币 stays CNY wherever it is written
    if region != HOME_CURRENCY and reading.dimension == "currency":
        regional, _, renminbi = lexicon.money_regions()
        if reading.unit[:1] in regional and not after.startswith(renminbi):
            code = region + code[len(HOME_CURRENCY) :]
    return conversion.convert(reading.value), code


def _named_country_currency(short: str, text: str, start: int) -> str | None:
    """The currency of the country named last before ``start`` among those whose money
    ``short`` names (克朗: 丹麦, 瑞典, 挪威…), if the short form is ambiguous."""
    if len(lexicon.currencies().shorts[short]) < 2:
        return None
    best, code = -1, None
    for country, its_code in lexicon.currencies().countries[short]:
        found = text.rfind(country, 0, start)
        if found > best:
            best, code = found, its_code
    return code


# dimensions that are their own base: a count of 名 is not converted to anything else
KEPT = frozenset({"count", "percent", "permille", "percentage_point", "ratio", "multiple", "other"})
