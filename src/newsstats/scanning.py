"""Stage 1: find candidate spans with one compiled regex, without judging them.

A candidate is a numeral with what hangs on it (approximation words, a range's
upper bound, multipliers, the unit). Values are computed later (``valuing``),
exclusions judged later (``filtering``): this module only finds and labels parts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from operator import itemgetter

from . import lexicon
from .numerals import parse_number
from .tagging import simplified, tag

DIGIT = "0-9０-９"
# The longest numeral news writes is about 15 characters (一千二百三十四万五千六百七十八; none
# of 25 in 20,000 bulk articles): bounding its runs, and a multiplier's, keeps a megabyte of
# numeral characters from becoming one match, whose cost grew faster than its length.
LONGEST_NUMERAL = 40
ONE_OR_MORE, ANY = f"{{1,{LONGEST_NUMERAL}}}", f"{{0,{LONGEST_NUMERAL}}}"
# Thousands groups: ASCII commas between ASCII digits (2,928,502); in text set in full-width
# characters, full-width commas between full-width digits (９，９９９).
INTEGER = rf"[{DIGIT}]+(?:,[0-9]{{3}}(?![0-9])|，[０-９]{{3}}(?![０-９]))*"
ARABIC = rf"{INTEGER}(?:[.．][{DIGIT}]+)?"


def _mixed(mult: str) -> str:
    """Digits with multipliers: 1亿5000万 goes on after the multiplier, but a decimal does
    not (1.27亿65岁及以上老年人 is 1.27亿 and 65岁)."""
    return (rf"{INTEGER}(?:[.．][{DIGIT}]+{mult}{ANY}"
            rf"|{mult}{ONE_OR_MORE}(?:{ARABIC}{mult}{ANY})?)?")


CN_DIGIT = "零〇一二两三四五六七八九壹贰貳叁參叄肆伍陆陸柒捌玖兩"
# 千 and 百 open units of their own (千克, 千米, 千瓦, 百分点): there they are not multipliers.
SMALL_MULT = r"(?:[十拾佰仟]|千(?![克米瓦卡焦帕伏])|百(?!分))"
BIG_MULT = r"(?:[万萬亿億])"
MULT = rf"(?:{SMALL_MULT}|{BIG_MULT})"
# 兆 belongs to a numeral only inside one (四十九兆九千五百九十二億); 5兆瓦 is 5 megawatts.
# numerals.parse_number decides whether the numeral pins its value down.
PINNED = rf"兆(?=[{CN_DIGIT}十拾百佰千仟])"


def _chinese(mult: str) -> str:
    """A numeral in Chinese characters, with its decimals: 一千二百万, 三点五."""
    return rf"(?:[{CN_DIGIT}]|{mult}|{PINNED}){ONE_OR_MORE}(?:[点點][{CN_DIGIT}]{ONE_OR_MORE})?"


CHINESE = _chinese(MULT)
MIXED = _mixed(MULT)
NUMBER = rf"(?:{MIXED}|{CHINESE})"
# 6——6.5万个: older text writes a range with the doubled dash of a break
RANGE_SEP = r"(?:至|到|~|～|〜|——|-|－|—|–)"
# A data box puts the unit on the next line: `1.4万\n场次`. Scraped pages add a CR before
# the line feed, zero-width or soft-hyphen characters and the `&nbsp;` entity left as text.
SPACE = r"(?:[ \t\r\u3000\xa0\u200b\u200c\u200d\u2060\ufeff\xad]|&nbsp;)"
GAP = rf"{SPACE}{{0,16}}(?:\n{SPACE}{{0,16}})?"
# 半 is a number only before a unit (半年, 半个月), never in 上半年 or 一半.
HALF = r"(?<![上下前后大一多])半"
# Punctuation, spelled out because the scanner runs on stdlib re, which has no \\p{P}:
# ASCII, general (dashes, quotes, ellipsis), CJK and full-width forms.
PUNCT = (
    "!-/:-@\\[-`{-~\u00a1-\u00bf\u2010-\u2027\u2030-\u205e"
    "\u3001-\u303f\ufe10-\ufe6b\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# 四层半, 一年半: a trailing 半 adds one half, but 10家半导体企业 is no half
HALF_AFTER_UNIT = rf"(?P<plus_half>半(?=[{PUNCT}\s]|$|[以多左的时]))"
# 十个月大的宝宝, 三周大了: a span of time before 大 is an age (but not 3天大雨, 三个月大幅增长)
AGE_AFTER_UNIT = rf"(?P<age_mark>(?<=[月周週天])大(?=[的了時时]|[{PUNCT}\s]|$))"
# A sign: 负/負 after a word boundary (not 减负4600亿元, 肩负, 正负); a minus before a digit
# after a boundary or a word (净利润-3.07亿元, 同比-5.2%), but not after a digit, a numeral or
# a comma (2022-2023, 三-5人, a bullet in ，-10多名); 零下 before a temperature.
BOUNDARY = r"(?:^|(?<=[\s为為是的至到达達由从從降跌及和与與、：:（(“\"]))"
AFTER_WORD = rf"(?<=[{HAN}])(?<![{CN_DIGIT}十拾百佰千仟万萬亿億兆])"
SIGN = rf"""(?P<sign>
    {BOUNDARY}[负負]
  | (?:{BOUNDARY}|{AFTER_WORD})[-－−](?=[{DIGIT}])
  | 零下
)"""
SIGN2 = rf"(?P<sign2>[负負]|零下|[-－−](?=[{DIGIT}]))"
# 百分之, 千分之, 万分之, in financial and traditional characters too; never right after a
# numeral (五百分之2.2 is a fraction with denominator 500, not 2.2%)
# 分 is no unit of its own (a minute, a cent, a point); before seconds it is minutes. The digits
# after 秒 are its decimals, as a scoreboard writes them.
# 3/4, 1/3: a fraction written with a slash, of small whole numbers only (not a date's
# 2026-06-12/00, a score's "3/1", a section's 第5/4号: valuing.py keeps numerator < denominator)
SLASH_FRACTION = (
    rf"(?<![{DIGIT}.．/\-－])(?P<snum>[{DIGIT}]{{1,2}})/(?P<sden>[{DIGIT}]{{1,2}})"
    rf"(?![{DIGIT}.．/])"
)
# Hours may open it (2小时13分02秒); hours and minutes alone are one duration too (1小时33分钟,
# 3小时53分可达), in minutes: never a clock time, which writes 时 (10时26分).
HOURS = rf"(?:[{DIGIT}]{{1,3}}|[一二两三四五六七八九十]{{1,3}})"
RACE_TIME = (
    rf"(?:(?P<race_h>{HOURS})个?小时)?"
    rf"(?P<race_min>[{DIGIT}]{{1,3}})分(?P<race_sec>[{DIGIT}]{{1,2}}(?:[.．][{DIGIT}]+)?)秒"
    rf"(?P<race_frac>[{DIGIT}]{{1,3}})?(?![{DIGIT}])"
)
HOURS_MINUTES = (
    rf"(?P<hm_h>{HOURS})个?小时"
    rf"(?P<hm_min>[{DIGIT}]{{1,2}}|[一二三四五六七八九十]{{1,3}})分钟?(?![{DIGIT}秒])"
)
SHARE = rf"(?<![{DIGIT}{CN_DIGIT}十拾])(?P<pct>[百佰]分之|[千仟]分之|[万萬]分之)"


class Candidate:
    """A span and its labelled parts, as strings. ``parts`` keys are the regex group names,
    plus ``cue``: a word before the number that settles an ambiguous unit (温度…85度).

    ``parts`` are as written; ``simple`` holds them in simplified script (萬人次 as 万人次),
    which the tables are read in, where that differs (else None). Never changed once made
    (a plain class, whose constructor mypyc compiles: a frozen dataclass's stays Python,
    and every number of a text makes one)."""

    def __init__(self, start: int, end: int, text: str, parts: dict[str, str],
                 simple: dict[str, str] | None = None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.parts = parts
        self.simple = simple

    def __repr__(self) -> str:
        return f"Candidate({self.start}, {self.end}, {self.text!r}, {self.parts!r})"

    @property
    def read(self) -> dict[str, str]:
        """The parts in simplified script, as the tables are looked up."""
        return self.parts if self.simple is None else self.simple


def guarded(words) -> str:
    """``lexicon.alternation(words)`` behind a lookahead on their first characters; only the
    words in simplified script, the one the scanner reads text in.

    A regex engine tries a long alternation of literals one by one; the lookahead rejects
    in one step the common case, a character no word starts with. It changes no match.
    """
    words = lexicon.in_simplified_only(words)
    if not words:
        return "(?!)"
    firsts = "".join(sorted({w[0] for w in words}))
    return f"(?=[{re.escape(firsts)}])(?:{lexicon.alternation(words)})"


def _unit_kinds() -> tuple[list[str], list[str]]:
    """The units the scanner reads: those that open with 个 and go on (个月), and 分钟, which
    an approximation word or 半 may split after their first character (`个多月`, `个半小时`,
    `3分半钟`, `1分多钟`), and the others."""
    plain: list[str] = []
    splittable: list[str] = []
    for surface in lexicon.in_simplified_only(lexicon.units()):
        opens_with_ge = surface[0] in "个個" and len(surface) > 1
        (splittable if opens_with_ge or surface in SPLIT_TOO else plain).append(surface)
    return plain, splittable


SPLIT_TOO = frozenset({"分钟"})  # 3分半钟, 1分多钟


def _unit_alternation() -> str:
    between = lexicon.alternation(lexicon.approximations()["between"])
    plain, splittable = _unit_kinds()
    split = "|".join(
        re.escape(s[0]) + f"(?:{between}|半)?" + re.escape(s[1:])
        for s in sorted(splittable, key=len, reverse=True)
    )
    firsts = "".join(sorted({w[0] for w in plain + splittable}))
    alternatives = f"{split}|{lexicon.alternation(plain)}" if split else lexicon.alternation(plain)
    return f"(?=[{re.escape(firsts)}])(?:{alternatives})"


def _first_characters() -> str:
    """Every character a candidate can open with: its approximation word, prefix unit,
    vague magnitude, sign, 半 or numeral (a share such as 百分之 opens with a multiplier)."""
    approx = lexicon.approximations()
    words = [*approx["before"], *approx["half_before"], *lexicon.vague_magnitudes(),
             *lexicon.prefix_units()]
    firsts = {w[0] for w in words} | set(DIGIT_CHARS + CN_DIGIT + MULT_CHARS + SIGN_CHARS)
    return "".join(sorted(firsts))


# The characters the classes above spell as ranges or alternatives, for _first_characters.
DIGIT_CHARS = "0123456789０１２３４５６７８９"
MULT_CHARS = "十拾佰仟千百万萬亿億兆"
SIGN_CHARS = "半负負-－−零"


def _unit_guard(openers: set[str], more: tuple[str, ...] = ()) -> str:
    """A lookahead that fails where a unit opening with one of ``openers`` begins: 千, 百, 多
    and 几 open currency names too (3千里達及托巴哥元 is 3 TTD, not 3000 里 and the rest;
    100多米尼加比索, 20几内亚法郎), and the unit is the longer reading; or where one of the
    ``more`` words begins."""
    words = [surface for surface in lexicon.units() if surface[0] in openers] + list(more)
    words = lexicon.in_simplified_only(words)
    return f"(?!{guarded(words)})" if words else ""


def _guard_after_first(words, guard: str) -> str:
    """``guarded(words)`` with ``guard`` tried only where one of the words may begin."""
    words = lexicon.in_simplified_only(words)
    firsts = "".join(sorted({w[0] for w in words}))
    return f"(?=[{re.escape(firsts)}]){guard}(?:{lexicon.alternation(words)})"


def _not_inside(words, before) -> str:
    """Lookaheads that fail where a ``before`` word ends one of ``words`` (破 in 打破1项纪录)."""
    guards = []
    for word in lexicon.in_simplified_only(words):
        for tail in sorted(before, key=len, reverse=True):
            if word.endswith(tail) and len(word) > len(tail):
                head = word[: -len(tail)]
                guards.append(f"(?!(?<={re.escape(head)}){re.escape(tail)})")
                break
    return "".join(guards)


@cache
def _guarded_number() -> tuple[str, str, str, str]:
    """NUMBER, MULT, SMALL_MULT and BIG_MULT, with no multiplier where a unit begins."""
    # the multiplier first: the guard runs only where one stands, and holds only the units
    # that open with it (a shorter pattern compiles in a third less time)
    small = rf"(?:(?=[十拾佰仟千百]){_unit_guard(set('十拾佰仟千百'))}(?:[十拾佰仟]|千|百(?!分)))"
    big = rf"(?:(?=[万萬亿億]){_unit_guard(set('万萬亿億'))}[万萬亿億])"
    mult = rf"(?:{small}|{big})"
    return rf"(?:{_mixed(mult)}|{_chinese(mult)})", mult, small, big


@cache
def pattern() -> re.Pattern:
    approx = lexicon.approximations()
    before = _not_inside(approx["word_before"], approx["before"]) + guarded(approx["before"])
    half_before = _not_inside(approx["word_before"], approx["half_before"]) + guarded(
        approx["half_before"])
    # no approximation word where a unit begins (100多米尼加比索)
    # nor where a word opens with one (4.4级余震, 一层多功能厅: approx.tsv's `word` rows)
    approx_guard = _unit_guard(
        {word[0] for word in (*approx["between"], *approx["after"])}, tuple(approx["word"])
    )
    between = _guard_after_first(approx["between"], approx_guard)
    after = _guard_after_first(approx["after"], approx_guard)
    number, mult, small_mult, big_mult = _guarded_number()
    vague = guarded(lexicon.vague_magnitudes())
    prefix = guarded(lexicon.prefix_units())
    unit = _unit_alternation()
    # re tries the whole pattern at every position; this lookahead rejects in one step the
    # ~90% of positions where no candidate can start (it changes no match)
    source = rf"""
    (?=[{re.escape(_first_characters())}])
    # 进度过三成: a half_before word (过) is an approximation before a share in tenths too
    (?P<pre>{before}|{half_before}(?={TENTHS_AHEAD}))?
    (?:
        # a race time, minutes, seconds and their decimals: 2分05秒48, 2分46秒516
        {RACE_TIME}
      |
        {HOURS_MINUTES}
      |
        # fractions and shares: no unit follows them
        (?:
            {SHARE}(?P<pnum>{number})
          # 三份之一: Hong Kong writes 份, and often no 之 (高約三分一, 四分三的市民), a
          # fraction then only before a break, 的 or an approximation word (十分一致 is "very")
          | (?P<den>{number})[分份](?:之(?P<numer>{number})
                                  |(?P<bare_numer>[一二三四五六七八九])(?=[{PUNCT}\s]|$|的|{after}))
          | {SLASH_FRACTION}
          | (?P<half_share>半数|(?<![另])一半)
          # 收获进度过半, 过半数: 半 alone is a share only after these, ending its clause
          | (?P<pre_half>{half_before})(?P<bare_half>半)(?:数|(?=[{PUNCT}\s]|$|的|以上))
        )
        (?P<post_share>{after})?
      |
        (?P<unit_pre>{prefix})?
        (?:
            (?P<vague>{vague})(?P<vmult>{mult}{ONE_OR_MORE})
          | {SIGN}?(?P<num>{number}|{HALF})
            (?:(?P<unit_lo>{unit})?(?P<sep>{RANGE_SEP}){SIGN2}?(?P<num2>{number}))?
        )
        (?P<mid>{between})?
        (?P<mult>{big_mult}{ONE_OR_MORE}|{small_mult}{big_mult}{ANY})?
        (?P<mid2>{between})?
        # a range written with its unit twice (40天至60天) must repeat the same unit
        (?:
            {GAP}(?P<unit>(?(unit_lo)(?P=unit_lo)|{unit}))
            {HALF_AFTER_UNIT}?{AGE_AFTER_UNIT}?
        )?
        # ... and a range with its unit once on the lower bound is none: 回落1.32个百分点至2.08%
        # is a change and a level
        (?(unit_lo)(?(unit)|(?!)))
        (?P<post>{after})?
    )
    """
    # stdlib re, not regex: the unit trie makes this a large pattern, which re runs
    # several times faster
    return re.compile(source, re.VERBOSE)


TENTHS_AHEAD = rf"[{DIGIT}{CN_DIGIT}十]{{1,2}}成"


# Where a cue for an ambiguous unit may stand: the clause before the number, this far back.
CUE_WINDOW = 24
CLAUSE_MARKS = "，,。；;！？!?\n"


# An adjacent cue may be this far before the number: 时速达350公里, 时速可达350公里.
ADJACENT_GAP = 3
# the parts of a number written alone, with no unit, multiplier or approximation
BARE_NUMBER = frozenset({"num", "sign"})


@cache
def _cue_only() -> frozenset[str]:
    """Units with no dimension of their own: a statistic only after a cue (等5省)."""
    return frozenset(surface for surface, unit in lexicon.units().items() if not unit.dimension)


def _cue(
    text: str, number_start: int, unit: str, unit_end: int, adjacent_only: bool = False
) -> str | None:
    """The first cue word (in table order) for ``unit`` in the clause before the number,
    or right after the unit; with ``adjacent_only``, only a cue right before the number."""
    cues = lexicon.unit_cues().get(unit)
    if not cues:
        return None
    window = text[max(0, number_start - CUE_WINDOW) : number_start]
    cut = max(window.rfind(mark) for mark in CLAUSE_MARKS)
    window = window[cut + 1 :]
    for cue, reading in cues.items():
        if adjacent_only and not reading.adjacent:
            continue
        if reading.digits:
            if _counted_in_digits(text, number_start, unit, unit_end):
                return cue
        elif reading.after:
            if text.startswith(cue, unit_end):
                return cue
        elif reading.adjacent:
            found = window.rfind(cue)
            if found >= 0 and len(window) - found - len(cue) <= ADJACENT_GAP:
                return cue
        elif cue in window:
            return cue
    return None


# a count written in digits, at most three of them, perhaps with 余 or 多 after them (近80国,
# 800余县): a year (2025国内十大新闻) is none
DIGITS_COUNT = re.compile(rf"[{DIGIT}]{{1,3}}[余多]?")


def _counted_in_digits(text: str, number_start: int, unit: str, unit_end: int) -> bool:
    """The number before ``unit`` is written in digits, and the unit is a word of its own
    (66国|作共同发言, not 2025|国内 or 3|地区)."""
    unit_start = unit_end - len(unit)
    if not DIGITS_COUNT.fullmatch(text, number_start, unit_start):
        return False
    words = tag(text[unit_start : unit_end + 3])
    return bool(words) and words[0][0] == unit


@cache
def counted_words() -> tuple[str, ...]:
    """The words right after a number with no unit that make it a count of people (工人,
    学生: unit_cues.tsv, empty surface, reach after), in table order."""
    return tuple(cue for cue, reading in lexicon.unit_cues().get("", {}).items() if reading.after)


@cache
def _after_cues() -> dict[str, tuple[str, ...]]:
    """counted_words() by their first character: most bare numbers are followed by none of
    them, which one look-up says (trying each word cost a percent of the whole run)."""
    by_first: dict[str, list[str]] = {}
    for cue in counted_words():
        by_first.setdefault(cue[:1], []).append(cue)
    return {first: tuple(words) for first, words in by_first.items()}


# 大三学生, 高三学生, 初二学生: a year of study, not three students
SCHOOL_YEARS = frozenset("大高初")
# 2020学生 is a year's cohort, not 2,020 students
YEAR_CENTURIES = ("19", "20")


def _year_alone(parts: dict[str, str]) -> bool:
    number = parts.get("num", "")
    return (parts.keys() == {"num"} and len(number) == 4 and number.isdigit()
            and number.startswith(YEAR_CENTURIES))


def _counted_after(text: str, end: int) -> str | None:
    for cue in _after_cues().get(text[end : end + 1], ()):
        if text.startswith(cue, end):
            return cue
    return None


@cache
def _group_names() -> tuple[str, ...]:
    # match.groups() is much cheaper than groupdict(); every group of the pattern is named
    index = pattern().groupindex
    names = tuple(sorted(index, key=index.__getitem__))
    if len(names) != pattern().groups:
        raise RuntimeError("every capturing group of the scanner pattern must be named")
    return names


@cache
def _subunit_pattern(unit: str) -> re.Pattern:
    """The subunits of ``unit`` after it; of every unit, for ``ANY_UNIT``."""
    table = lexicon.subunits()
    words = [w for u in table for w in table[u]] if unit == ANY_UNIT else table[unit]
    part = rf"(?P<number#>{NUMBER})(?P<subunit#>{lexicon.alternation(words)})(?![钟鐘秒])"
    return re.compile(rf"又?{part.replace('#', '1')}(?:{part.replace('#', '2')})?")


ANY_UNIT = ""


def _subunit_match(unit: str, text: str, end: int = 0, whole: bool = False) -> re.Match | None:
    """``_subunit_pattern(unit)`` matched at ``end``, or on the whole text. The pattern of
    every unit's subunits finds the same match wherever the match holds only this unit's
    subunits (it tries the same readings in the same order, and more): a pattern costs as
    much to compile as four articles to read, and so only a match with another unit's
    subunits (五港元三分) compiles this unit's own."""
    own = lexicon.subunits()[unit]
    pattern = _subunit_pattern(ANY_UNIT)
    match = (pattern.fullmatch if whole else pattern.match)(text, end)
    if match is not None and not (
        match["subunit1"] in own and (match["subunit2"] is None or match["subunit2"] in own)
    ):
        pattern = _subunit_pattern(unit)
        match = (pattern.fullmatch if whole else pattern.match)(text, end)
    return match


def subunit_pieces(unit: str, text: str) -> list[tuple[str, str]]:
    """(numeral, subunit) pairs of a candidate's ``subunits`` part: 6角三分 → 6 角, 三 分."""
    match = _subunit_match(unit, text, whole=True)
    if match is None:
        return []
    return [
        (match[f"number{i}"], match[f"subunit{i}"]) for i in (1, 2) if match[f"number{i}"]
    ]


def _subunits(text: str, end: int, unit: str) -> str | None:
    """五元三毛, 50元6角三分, 两美元又三美分: the smaller units that follow an amount of money,
    if each adds less than the unit before it."""
    match = _subunit_match(unit, text, end)
    if match is None:
        return None
    factors = lexicon.subunits()[unit]
    ceiling = Decimal(1)
    for i in (1, 2):
        if match[f"number{i}"] is None:
            break
        value = parse_number(match[f"number{i}"])
        factor = factors[match[f"subunit{i}"]]
        if value is None or not 0 < value * factor < ceiling or value != int(value):
            return None
        ceiling = factor
    return match.group()


@cache
def _unit_words() -> tuple[frozenset[str], int]:
    """Every word _unit_alternation() matches, and the longest one's length: a look-up
    spares compiling that alternation again, which cost as much as eight articles."""
    plain, splittable = _unit_kinds()
    inside = [*lexicon.approximations()["between"], "半"]
    split = [s[0] + word + s[1:] for s in splittable for word in inside]
    words = frozenset([*plain, *splittable, *split])
    return words, max(map(len, words))


def _alternative_unit(text: str, end: int, unit: str) -> str | None:
    """15万台（套）, 936万头（只）, 5省（市）: a measure word in brackets right after the
    measure word is an alternative one for the same count (but 100万元（人民币） only says
    which money)."""
    if not text.startswith(("（", "("), end):
        return None
    # the longest unit right after the bracket that a closing one follows, as the pattern
    # [（(](?:{_unit_alternation()})[）)] would match it (a unit may hold one: W/(m·K))
    words, longest = _unit_words()
    for close in range(min(end + 1 + longest, len(text) - 1), end + 1, -1):
        if text[close] in "）)" and text[end + 1 : close] in words:
            break
    else:
        return None
    units = lexicon.units()
    # a count, or a unit that is one only after its cue (等5省（市）: unit_cues.tsv)
    if not {units[text[end + 1 : close]].dimension, units[unit].dimension} <= {"count", ""}:
        return None
    return text[end : close + 1]


def scan(text: str) -> list[Candidate]:
    """Every candidate span in text order; overlapping matches are not produced.

    The text is read in simplified script (one character for one, so offsets hold): the
    tables then hold for traditional script too (塊錢 as 块钱, 標準箱 as 标准箱)."""
    written = text
    # most text has no character to respell: a set test says so faster than translating
    traditional = not _respelt().isdisjoint(text)
    if traditional:
        text = text.translate(_reading_table())
    found = []
    names = _group_names()
    covered = 0  # where the last candidate, extended by its subunits, ends
    for match in pattern().finditer(text):
        if match.start() < covered:
            continue
        # the groups that matched something, filtered in C rather than in a comprehension
        parts = dict(filter(_matched, zip(names, match.groups(), strict=True)))
        if parts.keys() <= WORDS_ONLY:
            continue
        end = match.end()
        if parts.get("unit") == TENTHS_UNIT and _not_tenths(parts):
            end = match.start("unit")
            del parts["unit"]
        if "unit" in parts and end == match.end("unit") and parts["unit"] in _cue_only():
            # 等5省 is a count; 10万市民 is 10万 and the word 市民 (units.tsv, no dimension)
            number_start = match.start() + len(parts.get("pre", "")) + len(parts.get("sign", ""))
            if _cue(text, number_start, parts["unit"], end) is None:
                end = match.start("unit")
                del parts["unit"]
        if "unit" in parts:
            prefix = (
                len(parts.get("pre", "")) + len(parts.get("unit_pre", ""))
                + len(parts.get("sign", ""))
            )
            cue = _cue(text, match.start() + prefix, parts["unit"], match.end("unit"))
            if cue is not None:
                parts["cue"] = cue
            if parts["unit"] in lexicon.subunits() and not parts.keys() & SINGLE_AMOUNT_ONLY:
                subunits = _subunits(text, end, parts["unit"])
                if subunits:
                    parts["subunits"] = subunits
                    end += len(subunits)
            if end == match.end("unit") and end < len(text) and text[end] in "（(":
                alternative = _alternative_unit(text, end, parts["unit"])
                if alternative:
                    parts["unit_alt"] = alternative
                    end += len(alternative)
        elif not BIG_MULTIPLIERS.isdisjoint(match.group()) and not (
            parts.keys() == {"num"} and BIG_MULTIPLIERS.issuperset(parts["num"])
        ):
            # 套现5.5亿: a count of 万 or 亿 with no unit may be money, as the clause says;
            # a lone 万 with neither digit, unit nor approximation is a name's character
            # (合同金额3亿美元的法国安万特集团) or an idiom's, no amount
            start = match.start() + len(parts.get("pre", "")) + len(parts.get("sign", ""))
            cue = _cue(text, start, "", end)
            if cue is not None:
                parts["cue"] = cue
        elif "unit" not in parts and not _year_alone(parts) and not (
            match.start() and text[match.start() - 1] in SCHOOL_YEARS
        ) and (cue := _counted_after(text, end)) is not None:
            # 大马644囚犯食物中毒, 40余工人送医: people counted with no measure word, as a
            # headline writes them (unit_cues.tsv: a count, reach after)
            parts["cue"] = cue
        elif parts.keys() <= BARE_NUMBER and any(c in DIGIT_CHARS for c in parts.get("num", "")):
            # 发展指数为89.0: a bare number right after its cue is an index's value
            start = match.start() + len(parts.get("sign", ""))
            cue = _cue(text, start, "", end, adjacent_only=True)
            if cue is not None:
                parts["cue"] = cue
        covered = end
        start = match.start()
        if traditional and written[start:end] != text[start:end]:
            found.append(_as_written(match, parts, written, end))
        else:
            found.append(Candidate(start, end, text[start:end], parts))
        if "unit" in parts and found[-1].read.keys() <= SHARED_UNIT_LAST:
            _share_the_unit(found, text)
    return found


# 覆盖30、27、35个中证二级行业: bare numbers listed with 、 before a count share its unit
SHARED_UNIT_LAST = frozenset({"num", "unit", "cue"})
DECIMAL_JOINTS = frozenset({"、", "和", "与", "及", "或"})


def _is_decimal(numeral: str) -> bool:
    """5.1, ５．１: digits, a point, digits (read with str methods: a pattern of unbounded
    digit runs would be quadratic on a megabyte of digits)."""
    whole, point, fraction = numeral.replace("．", ".").partition(".")
    return bool(point) and whole.isdigit() and fraction.isdigit()


def _share_the_unit(found: list[Candidate], text: str) -> None:
    last = found[-1]
    unit = last.read["unit"]
    row = lexicon.units().get(unit)
    if row is None:
        return
    # 发生5.1和4.5级地震: decimals joined by 和 share any unit (no year, no ordinal is one)
    counts = row.dimension == "count"
    listable = counts or _is_decimal(last.parts["num"])
    i = len(found) - 1
    while i > 0:
        before = found[i - 1]
        joint = text[before.end : found[i].start]
        # 上升26.7个、26.8个百分点, 8个和11个百分点: the first part of the unit is written
        # with each figure, the rest once
        if (before.parts.keys() == {"num", "unit"} and unit != before.read["unit"]
                and unit.startswith(before.read["unit"]) and joint in DECIMAL_JOINTS):
            i -= 1
            continue
        if not listable or before.parts.keys() != {"num"}:
            break
        if counts:
            if joint != "、" or not before.parts["num"].isdigit():
                break
        elif joint not in DECIMAL_JOINTS or not _is_decimal(before.parts["num"]):
            break
        i -= 1
    if i == len(found) - 1 or (found[i].start and text[found[i].start - 1] in "第、"):
        return  # no list, or an ordinal's (第1、2期) or a longer list's with other parts
    for j in range(i, len(found) - 1):
        listed = found[j]
        parts = {**listed.parts, "unit": last.parts["unit"]}
        simple = None if last.simple is None else {**listed.parts, "unit": unit}
        found[j] = Candidate(listed.start, listed.end, listed.text, parts, simple)


def _as_written(match: re.Match, simple: dict[str, str], written: str, end: int) -> Candidate:
    """A candidate in traditional script: its parts as written, and as read."""
    parts = {}
    for name, part in simple.items():
        if name in AFTER_MATCH:
            parts[name] = part if name == "cue" else written[end - len(part) : end]
        else:
            parts[name] = written[match.start(name) : match.end(name)]
    start = match.start()
    return Candidate(start, end, written[start:end], parts, simple)


@cache
def _reading_table() -> dict[int, str]:
    """Traditional → simplified (tagging.simplified), but for a numeral whose simplified
    form is none: 參 is the banker's three, where 参 is only 参加's."""
    numerals = set(CN_DIGIT)
    return {
        code: char for code, char in simplified().items()
        if chr(code) not in numerals or char in numerals
    }


@cache
def _respelt() -> frozenset[str]:
    """The characters the scanner reads in another form."""
    return frozenset(map(chr, _reading_table()))


BIG_MULTIPLIERS = frozenset("万亿")
TENTHS_UNIT = "成"  # tenths (三成), where valuing.TENTHS is their scale
WHOLE = Decimal(10)  # a share in tenths is at most ten of them (十成把握)


def _not_tenths(parts: dict[str, str]) -> bool:
    """约9亿成员, 2024成都世园会: a count of 万 or 亿, or a number above ten, is no share in
    tenths; 成 opens the word after it."""
    if not BIG_MULTIPLIERS.isdisjoint(
            parts.get("num", "") + parts.get("mult", "") + parts.get("vmult", "")):
        return True
    value = parse_number(parts.get("num", ""))
    return value is not None and value > WHOLE


# parts found after the match: a cue word (read in simplified script only), the subunits or
# a bracketed alternative unit (one or the other, at the candidate's end)
AFTER_MATCH = frozenset({"cue", "subunits", "unit_alt"})
# a match of these parts alone holds no number
WORDS_ONLY = frozenset({"pre", "mid", "mid2", "post", "sign", "unit_pre"})
_matched = itemgetter(1)
# A range, an approximation after the unit or a trailing 半 leaves no room for subunits
SINGLE_AMOUNT_ONLY = {"num2", "post", "plus_half", "vague", "mid", "mid2"}
