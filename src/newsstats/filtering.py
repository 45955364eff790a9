"""Stage 3: drop candidates that are not statistics (GUIDELINES §1, Excluded).

Each rule is a small function of the candidate and its context, named for what
it recognises; the lexical knowledge lives in ``data/stop_patterns.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from . import lexicon
from .scanning import Candidate
from .valuing import Valued

D = "[0-9０-９]"
CN = "[〇零一二两三四五六七八九十]"
YEAR = rf"(?:[12１２]{D}{{3}}|{CN}{{4}})"
SMALL = rf"(?:{D}{{1,2}}|{CN}{{1,3}})"  # a month, day, hour or minute
TO = r"\s*[—–\-－~～至到]\s*"
DATE_TIME = regex.compile(
    rf"""
      {YEAR}(?:{TO}{YEAR})?\s*年(?:度|代)?(?:\s*{SMALL}月(?:\s*{SMALL}[日号])?)?
    | {SMALL}(?:{TO}{SMALL})?\s*月(?:\s*{SMALL}(?:{TO}{SMALL})?\s*[日号])?
    | (?<![个個]){SMALL}[日号]
    | {SMALL}(?:时|[点點](?=\s*(?:{SMALL}分|钟|半|整|前|后|左右)))
        (?:\s*{SMALL}分(?:\s*(?:{D}{{1,2}}(?:\.{D}+)?|{CN}{{1,3}})秒)?)?
    | {D}{{1,2}}[:：]{D}{{2}}(?:[:：]{D}{{2}})?
    | {D}{{4}}[-/.]{D}{{1,2}}[-/.]{D}{{1,2}}
    """,
    regex.VERBOSE,
)
# 半个月前, 一年多来, 三年以来: a duration measured back from now is a time, not a statistic
RELATIVE_TIME_AFTER = regex.compile(r"(?:来|以来|之前|前|后|之后|以后|间里)")
ORDINAL_BEFORE = regex.compile(r"(?:第|初|其)$")
ASCII_CODE = regex.compile(r"[A-Za-z0-9_]")
INDEFINITE = {"一", "壹"}
LIST_MARKS = "、，,和及与"


@cache
def _stop_index() -> tuple[frozenset[str], dict[str, tuple[int, ...]], int]:
    """The stop patterns, the lengths of those opening with each character, the longest."""
    patterns = frozenset(lexicon.stop_patterns())
    lengths: dict[str, set[int]] = {}
    for pattern in patterns:
        lengths.setdefault(pattern[0], set()).add(len(pattern))
    by_first = {char: tuple(sorted(sizes)) for char, sizes in lengths.items()}
    return patterns, by_first, max(map(len, patterns))


@dataclass(frozen=True)
class Exclusions:
    dates: list[tuple[int, int]]


def exclusions(text: str) -> Exclusions:
    """Dates and times in the text; no statistic may overlap them."""
    return Exclusions([m.span() for m in DATE_TIME.finditer(text)])


def _in_stop_pattern(text: str, start: int, end: int) -> bool:
    """Whether a stop pattern covers the number's first character and either covers it
    all or opens before it: 统一 swallows 一 in 统一處理, but 三十分钟 is not 十分."""
    patterns, by_first, longest = _stop_index()
    # looked up around each candidate, not searched over the whole document
    for opening in range(max(0, start - longest + 1), start + 1):
        for length in by_first.get(text[opening], ()):
            closing = opening + length
            if closing > start and (closing >= end or opening < start):
                if text[opening:closing] in patterns:
                    return True
    return False


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _number_start(candidate: Candidate) -> int:
    return candidate.start + len(candidate.parts.get("pre", ""))


def is_statistic(
    candidate: Candidate,
    valued: Valued,
    text: str,
    excluded: Exclusions,
    neighbours: tuple[Candidate | None, Candidate | None],
) -> bool:
    parts = candidate.parts
    start, end = candidate.start, candidate.end
    if not valued.dimension:
        return False
    if _overlaps(_number_start(candidate), end, excluded.dates):
        return False
    if _in_stop_pattern(text, _number_start(candidate), end):
        return False
    before = text[max(0, start - 2) : start]
    if ORDINAL_BEFORE.search(before[-1:]) and not parts.get("pre"):
        return False
    if start and ASCII_CODE.match(text[start - 1]):
        return False
    if valued.unit.isascii() and end < len(text) and ASCII_CODE.match(text[end]):
        return False  # 5G, 3M公司: a number glued to Latin letters is a code
    unit_text = parts.get("unit", "")
    after = text[end : end + 3]
    if valued.dimension == "duration" and RELATIVE_TIME_AFTER.match(after):
        return False
    # 一个一个, 一面面, 一次又一次: repetition, not counting
    if unit_text and (after.startswith(unit_text) or after.startswith("又" + parts.get("num", ""))):
        return False
    if text[end : end + len(candidate.text)] == candidate.text:
        return False
    if _is_indefinite_article(candidate) and not _in_list_of_counts(candidate, text, neighbours):
        return False
    return True


def _is_indefinite_article(candidate: Candidate) -> bool:
    parts = candidate.parts
    return parts.get("num") in INDEFINITE and not (parts.keys() - {"num", "unit"})


def _in_list_of_counts(
    candidate: Candidate, text: str, neighbours: tuple[Candidate | None, Candidate | None]
) -> bool:
    """一项一等奖、两项二等奖: 一 is a real count when it stands in a list of counts."""
    unit = candidate.parts.get("unit")
    for neighbour in neighbours:
        if neighbour is None or neighbour.parts.get("unit") != unit:
            continue
        gap = text[min(candidate.end, neighbour.end) : max(candidate.start, neighbour.start)]
        if len(gap) <= 8 and any(mark in gap for mark in LIST_MARKS):
            return True
    return False
