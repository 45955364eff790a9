"""Stage 1: find candidate spans with one compiled regex, without judging them.

A candidate is a numeral with what hangs on it (approximation words, a range's
upper bound, multipliers, the unit). Values are computed later (``valuing``),
exclusions judged later (``filtering``): this module only finds and labels parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import lexicon

DIGIT = "0-9０-９"
ARABIC = rf"[{DIGIT}]+(?:,[0-9]{{3}})*(?:[.．][{DIGIT}]+)?"
CN_DIGIT = "零〇一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖兩"
# 千 and 百 open units of their own (千克, 千米, 千瓦, 百分点): there they are not multipliers.
SMALL_MULT = r"(?:[十拾佰仟]|千(?![克米瓦卡焦帕伏])|百(?!分))"
BIG_MULT = r"(?:[万萬亿億])"
MULT = rf"(?:{SMALL_MULT}|{BIG_MULT})"
CHINESE = rf"(?:[{CN_DIGIT}]|{MULT})+(?:[点點][{CN_DIGIT}]+)?"
MIXED = rf"{ARABIC}(?:{MULT}+(?:{ARABIC}{MULT}*)?)?"
NUMBER = rf"(?:{MIXED}|{CHINESE})"
RANGE_SEP = r"(?:至|到|~|～|〜|-|－|—|–)"
# A data box puts the unit on the next line: `1.4万\n场次`.
GAP = r"[ \t\u3000\xa0]*(?:\n[ \t\u3000\xa0]*)?"
# 半 is a number only before a unit (半年, 半个月), never in 上半年 or 一半.
HALF = r"(?<![上下前后大一多])半"
# 四层半, 一年半: a trailing 半 adds one half, but 10家半导体企业 is no half
HALF_AFTER_UNIT = (
    r"(?P<plus_half>半(?=[\s，,。．.；;：:、！？!?（）()“”\"'《》【】…—-]|$|[以多左的时]))"
)


@dataclass(frozen=True)
class Candidate:
    """A span and its labelled parts, as strings; ``parts`` keys are the regex group names."""

    start: int
    end: int
    text: str
    parts: dict[str, str]


def _unit_alternation() -> str:
    # `个多月`, `个半小时`: an approximation word or 半 may sit inside a unit that opens with 个.
    between = lexicon.alternation(lexicon.approximations()["between"])
    plain, with_ge = [], []
    for surface in lexicon.units():
        (with_ge if surface[0] in "个個" and len(surface) > 1 else plain).append(surface)
    ge = "|".join(
        re.escape(s[0]) + f"(?:{between}|半)?" + re.escape(s[1:])
        for s in sorted(with_ge, key=len, reverse=True)
    )
    return f"(?:{ge}|{lexicon.alternation(plain)})" if ge else f"(?:{lexicon.alternation(plain)})"


@cache
def pattern() -> re.Pattern:
    approx = lexicon.approximations()
    before = lexicon.alternation(approx["before"])
    between = lexicon.alternation(approx["between"])
    after = lexicon.alternation(approx["after"])
    vague = lexicon.alternation(lexicon.vague_magnitudes())
    unit = _unit_alternation()
    source = rf"""
    (?P<pre>{before})?
    (?:
        # fractions and shares: no unit follows them
        (?:
            (?P<pct>百分之|千分之|万分之)(?P<pnum>{NUMBER})
          | (?P<den>{NUMBER})分之(?P<numer>{NUMBER})
          | (?P<half_share>半数)
        )
        (?P<post_share>{after})?
      |
        (?:
            (?P<vague>{vague})(?P<vmult>{MULT}+)
          | (?P<num>{NUMBER}|{HALF})
            (?:(?P<unit_lo>{unit})?(?P<sep>{RANGE_SEP})(?P<num2>{NUMBER}))?
        )
        (?P<mid>{between})?
        (?P<mult>{BIG_MULT}+|{SMALL_MULT}{BIG_MULT}*)?
        (?P<mid2>{between})?
        # a range written with its unit twice (40天至60天) must repeat the same unit
        (?:{GAP}(?P<unit>(?(unit_lo)(?P=unit_lo)|{unit})){HALF_AFTER_UNIT}?)?
        (?P<post>{after})?
    )
    """
    # stdlib re, not regex: the unit trie makes this a large pattern, which re runs
    # several times faster
    return re.compile(source, re.VERBOSE)


def scan(text: str) -> list[Candidate]:
    """Every candidate span in text order; overlapping matches are not produced."""
    found = []
    for match in pattern().finditer(text):
        parts = {k: v for k, v in match.groupdict().items() if v}
        if not parts.keys() - {"pre", "mid", "mid2", "post"}:
            continue
        found.append(Candidate(match.start(), match.end(), match.group(), parts))
    return found
