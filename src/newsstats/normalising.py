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


def base(reading: Valued, region: str, after: str = "") -> tuple[Decimal | None, str | None]:
    """``reading``'s value in its base unit and that unit's code; ``region`` is the code of
    the article's own dollar (``money_region``), ``after`` the text right after the mention.
    (None, None) when no base is known."""
    conversion = reading.base
    if conversion is None:
        if reading.dimension in KEPT:
            return reading.value, reading.unit
        return None, None
    code = conversion.unit
    # 元, 元/股: the region's dollar; 人民币 stays CNY wherever it is written
    if region != HOME_CURRENCY and code.startswith(HOME_CURRENCY):
        regional, _, renminbi = lexicon.money_regions()
        if reading.unit[:1] in regional and not after.startswith(renminbi):
            code = region + code[len(HOME_CURRENCY) :]
    return conversion.convert(reading.value), code


# dimensions that are their own base: a count of 名 is not converted to anything else
KEPT = frozenset({"count", "percent", "permille", "percentage_point", "ratio", "multiple", "other"})
