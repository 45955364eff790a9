"""Stage 3: drop candidates that are not statistics (GUIDELINES §1, Excluded).

Each rule is a small function of the candidate and its context, named for what
it recognises; the lexical knowledge lives in ``data/stop_patterns.tsv``.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Final

import regex

from . import lexicon
from .layout import CLAUSE_MARKS
from .scanning import CN_DIGIT, DECIMAL_JOINTS, Candidate, counted_words
from .tagging import is_han, reading_table
from .valuing import APPROXIMATED, Valued

D = "[0-9０-９]"
CN = "[〇零一二两兩三四五六七八九十]"
YEAR = rf"(?:[12１２]{D}{{3}}|{CN}{{4}})"
SMALL = rf"(?:{D}{{1,2}}|{CN}{{1,3}})"  # a month, day, hour or minute
TO = r"\s*[—–\-－~～至到]\s*"
# Patterns moved from regex to stdlib re spell \s as regex's: re's also takes \x1c-\x1f.
SPACE = r"[^\S\x1c-\x1f]"
# stdlib re, not regex: behind a lookahead on the characters a date opens with, re skips
# the other positions faster
DATE_TIME = re.compile(
    rf"""
    (?=[0-9０-９〇零一二两兩三四五六七八九十民])
    # a date starts where a run of numerals starts, never inside one: that also keeps a
    # megabyte of digits from being tried as a date at every position
    (?<![0-9０-９〇零一二两兩三四五六七八九十])
    (?:
      {YEAR}(?:{TO}{YEAR})?\s*年(?:度|代)?(?:\s*{SMALL}月(?:\s*{SMALL}[日号號])?)?
    # a graduating class named by its year (2023届高校毕业生): a cohort, not a count of
    # sessions (已培养12届毕业生 counts)
    | (?:19|20|１９|２０){D}{{2}}\s*[届屆]
    # a decade: 30年代, 八十年代
    | (?:{D}{{2}}|[二三四五六七八九]?十)\s*年代
    | {SMALL}(?:{TO}{SMALL})?\s*月(?:\s*{SMALL}(?:{TO}{SMALL})?\s*[日号號])?
    | (?<![个個]){SMALL}[日号號]
    # traditional forms too (時, 號, 鐘, 後): dates are looked for in the text as written
    | {SMALL}(?:[时時]|[点點](?=\s*(?:{SMALL}分|[钟鐘]|半|整|前|[后後]|之[前后後]|以[前后後]
                                    |左右|不到|[档檔多许許過过]))
        # 凌晨4点20发现火情: minutes after 点 without 分
      | [点點]{D}{{2}}(?![0-9０-９]))
        # 13时零5分: the minutes of a clock time, with 零 before one figure
        (?:\s*[零〇]?{SMALL}分(?:\s*(?:{D}{{1,2}}(?:\.{D}+)?|{CN}{{1,3}})秒)?)?
    | {D}{{1,2}}[:：]{D}{{2}}(?:[:：]{D}{{2}})?
    | {D}{{4}}[-/.]{D}{{1,2}}[-/.]{D}{{1,2}}
    # a Hong Kong or Taiwan fiscal year (2018/19年度) and a Republic-of-China year (民國110年)
    | {YEAR}\s*/\s*{D}{{2}}\s*年度?
    | 民[國国]\s*(?:{D}{{1,3}}|{CN}{{1,4}})\s*年
    )
    """.replace(r"\s", SPACE),
    re.VERBOSE,
)
# The three below are tested on a character or a prefix with str operations, cheaper than a
# regex call for each candidate.
# 半个月前, 一年多来, 三年以来: a duration measured back from now is a time, not a statistic
# 七天里, 十年间: the days and years a story spans are its time; 7年过去了: the time since
CLAUSE_OPENERS = frozenset("，,。；;：:！？!?\n \u3000、（(“\"")
RELATIVE_TIME_AFTER: tuple[str, ...] = (
    "来", "以来", "之前", "前", "后", "之后", "以后", "间里", "里", "间", "过去")
ORDINAL_BEFORE = frozenset("第初其")
ASCII_CODE = frozenset(string.ascii_letters + string.digits + "_")
DIGITS = frozenset("0123456789０１２３４５６７８９")
INDEFINITE = {"一", "壹"}
ARTICLE_DIMENSIONS = {"count", "duration"}
# The banker's numerals are words too (收拾, 拾起, 參加, 參股, 陸續, 隊伍): one of them alone is
# a number only as an amount of money (拾元); 壹佰, 拾萬, 參仟 are numerals whatever follows.
# a road named just before a distance and 处 (海文高速公路文昌至海口方向37公里处, 拱沿线２１公里
# 处) makes it a kilometre post; 伊基克市西南76公里处 measures how far the epicentre lies
ROAD_BEFORE = regex.compile(r"(?:高速|公路|国道|省道|方向|线)[^，,。；;\n]*$")
ROAD_REACH = 10
FINANCIAL = frozenset("壹贰貳叁參参叄肆伍陆陸柒捌玖拾佰仟")
LIST_MARKS = "、，,和及与"
CHINESE_NOT_WHOLE = "点點"  # 七点八级 is a magnitude
MAGNITUDE: Final = "级"
DECIMAL_POINTS: Final = frozenset(".．" + CHINESE_NOT_WHOLE)


# Markup and machine text left in scraped pages: a number inside a URL, an HTML tag, a
# character entity or a terminal escape sequence is never a statistic (`width="100%"`,
# `?q=30%25`, `&#20154;`, `&frac12;`, `\x1b[31m`). Every quantifier is bounded or stops at the next
# delimiter, so matching stays linear on megabytes of one-line text.
MARKUP = regex.compile(
    r"""
      (?:(?:https?|ftp)://|www\.)[^\s<>"'\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20]+
    | <[A-Za-z!/?][^<>]{0,2000}>
    | &(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{1,16}[0-9][A-Za-z0-9]{0,15});
    | \x1b\[[0-9;?]{0,32}[\x20-\x2f]{0,4}[\x40-\x7e]
    """,
    regex.VERBOSE,
)


class Spans:
    """Sorted, non-overlapping spans with a logarithmic overlap test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.ends, start)  # the first span ending after start
        return i < len(self.starts) and self.starts[i] < end


@cache
def _stop_index() -> tuple[frozenset[str], dict[str, tuple[int, ...]], int]:
    """The stop patterns, the lengths of those opening with each character (longest
    first), the longest."""
    patterns = frozenset(lexicon.stop_patterns())
    lengths: dict[str, set[int]] = {}
    for pattern in patterns:
        lengths.setdefault(pattern[0], set()).add(len(pattern))
    by_first = {char: tuple(sorted(sizes, reverse=True)) for char, sizes in lengths.items()}
    return patterns, by_first, max(map(len, patterns))


@dataclass(frozen=True)
class Exclusions:
    """What is never a statistic in one text: dates and times, and markup, each found in
    one linear pass. Stop patterns are looked up around each candidate instead."""

    dates: Spans
    markup: Spans


def exclusions(text: str) -> Exclusions:
    """Dates and times, and markup spans of ``text``; no statistic may overlap them."""
    dates = Spans([m.span() for m in DATE_TIME.finditer(text)])
    markup = Spans([m.span() for m in MARKUP.finditer(text)])
    return Exclusions(dates, markup)


def _in_stop_pattern(text: str, start: int, end: int) -> bool:
    """Whether a stop pattern covers the number's first character and either covers it
    all or opens before it: 统一 swallows 一 in 统一處理, but 三十分钟 is not 十分."""
    patterns, by_first, longest = _stop_index()
    # looked up around each candidate, not searched over the whole document
    for opening in range(max(0, start - longest + 1), start + 1):
        for length in by_first.get(text[opening], ()):
            closing = opening + length
            if closing <= start:
                break  # the rest are shorter still: none reaches the number
            if (closing >= end or opening < start) and text[opening:closing] in patterns:
                return True
    return False


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
    # ``text`` is read in simplified script (core.statistics_of): so are the number's parts
    parts = candidate.read
    if excluded.dates.overlaps(_number_start(candidate), end):
        return False
    if excluded.markup.overlaps(start, end):
        return False
    if _in_stop_pattern(text, _number_start(candidate), end):
        return False
    if start and text[start - 1] in ORDINAL_BEFORE and not parts.get("pre"):
        return False
    # A3, 2号线B2: a number glued after Latin letters is a code, unless the letter ends
    # markup (`\x1b[0m5人`)
    if start and text[start - 1] in ASCII_CODE:
        if not excluded.markup.overlaps(start - 1, start):
            return False
    if start > 1 and text[start - 1] in ".．" and text[start - 2] in DIGITS:
        return False  # 第9.3.7条: the last part of a section number
    if valued.unit.isascii() and end < len(text) and text[end] in ASCII_CODE:
        # 5G, 3M公司: a number glued to Latin letters is a code; but digits after a count
        # of 万 or 亿 start the next figure (1.27亿65岁及以上老年人)
        if valued.unit or text[end] not in DIGITS:
            return False
    unit_text = parts.get("unit", "")
    after = text[end : end + 3]
    if valued.dimension == "duration" and after.startswith(RELATIVE_TIME_AFTER):
        return False
    # 。近两年围绕算力枢纽……: a span of the recent past opening a clause is a time
    if (
        valued.dimension == "duration"
        and parts.get("pre") in lexicon.recent_words()
        and (start == 0 or text[start - 1] in CLAUSE_OPENERS)
    ):
        return False
    # 一个一个, 一面面, 一次又一次: repetition, not counting
    if unit_text and (after.startswith(unit_text) or after.startswith("又" + parts.get("num", ""))):
        return False
    if text[end : end + len(candidate.text)] == candidate.text.translate(reading_table()):
        return False
    # 一美元, 一公里, 一倍 are amounts; an article counts things or times (一场交接仪式,
    # 少挨一天冻)
    if (
        valued.dimension in ARTICLE_DIMENSIONS
        and _is_indefinite_article(candidate, valued.dimension)
        and not _in_list_of_counts(candidate, text, neighbours)
        and not _counts_a_toll(candidate, text)
        and not (valued.dimension == "duration" and _measures_a_span(candidate, text))
    ):
        return False
    if parts.get("num", "") in FINANCIAL and valued.dimension != "currency":
        return False
    if unit_text and _names_a_class(parts, unit_text, text, start, end):
        return False
    if unit_text == MAGNITUDE and not _is_magnitude(parts, text, end):
        return False  # 提升至三级, 国际零级, 2023级新生: a rank, a grade, a cohort
    if _after_a_naming_word(text, start, valued):
        return False
    if valued.dimension == "length" and text[end : end + 1] == "处" and ROAD_BEFORE.search(
        text, max(0, start - ROAD_REACH), start
    ):
        return False  # 海口方向37公里处: a kilometre post on a road, not a length
    number = parts.get("num", "")
    if len(number) > 1 and number[0] in "0０" and number[1] not in ".．":
        return False  # 宏图一号01组, 02号: a numeral with a leading zero is a serial number
    if _in_a_short_quote(text, start, end) or _in_a_title(text, start, end):
        return False
    if _counts_quoted_characters(text, start, end, unit_text, valued.value):
        return False
    # 百日千万招聘行动, 百县千乡万村: round numerals, each with one word, paired into a slogan
    if (number in ROUND and end - start == 2 and len(unit_text) == 1
            and text[end : end + 1] in ROUND):
        return False
    return True


ROUND = frozenset("十百千万")


# A name or slogan in quotation marks is short (“五个关系”, “十年禁渔”, “百名红通人员”,
# “税惠千万家、共建现代化”); a longer quotation is speech, whose figures count.
SHORT_QUOTE = 12
QUOTES = {"“": "”", "「": "」", "‘": "’"}
QUOTE_BREAKS = "。！？；\n"


def _in_a_short_quote(text: str, start: int, end: int) -> bool:
    """The number stands in a quoted name or slogan of at most SHORT_QUOTE characters that
    is more than the number itself (“100亿元” quotes a figure)."""
    window = text[max(0, start - SHORT_QUOTE) : start]
    for opening, closing in QUOTES.items():
        opened = window.rfind(opening)
        if opened < 0 or closing in window[opened:]:
            continue
        if any(mark in window[opened:] for mark in QUOTE_BREAKS):
            continue
        quote_start = start - len(window) + opened + 1
        close = text.find(closing, end, quote_start + SHORT_QUOTE + 1)
        if close < 0 or any(mark in text[end:close] for mark in QUOTE_BREAKS):
            continue
        return close - quote_start > end - start
    return False


CHARACTER = "字"
CLOSING_QUOTES = {closing: opening for opening, closing in QUOTES.items()}


def _counts_quoted_characters(text: str, start: int, end: int, unit: str, value: Decimal
                              ) -> bool:
    """抓住“精准”二字, “亲诚惠容”4个字: a word named by its characters, not a count; the
    number is that of the characters quoted right before it (全文8000字 counts)."""
    if not (unit == CHARACTER or (unit == "个" and text[end : end + 1] == CHARACTER)):
        return False
    if not start or text[start - 1] not in CLOSING_QUOTES:
        return False
    opened = text.rfind(CLOSING_QUOTES[text[start - 1]], max(0, start - SHORT_QUOTE - 1),
                        start - 1)
    if opened < 0:
        return False
    quoted = text[opened + 1 : start - 1]
    return value == sum(map(is_han, quoted))


LONGEST_TITLE = 40


def _in_a_title(text: str, start: int, end: int) -> bool:
    """《东方人类百万年》, 《……十一条措施》: a number in the title of a work or a document."""
    window = text[max(0, start - LONGEST_TITLE) : start]
    opened = window.rfind("《")
    if opened < 0 or "》" in window[opened:] or "\n" in window[opened:]:
        return False
    close = text.find("》", end, end + LONGEST_TITLE)
    return close >= 0 and "\n" not in text[end:close] and "《" not in text[end:close]


@cache
def _words_before_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(word) for word in lexicon.words_before()}, reverse=True))


def _after_a_naming_word(text: str, start: int, valued: Valued) -> bool:
    """今年前4个月, 过去24小时, 前六位, 北纬40.6度, 晚上7点, 高速1738公里: the word right before
    the number makes it a time, a rank, a position or a clock time (words_before.tsv)."""
    table = lexicon.words_before()
    for length in _words_before_lengths():
        if length > start:
            continue
        rows = table.get(text[start - length : start])
        if not rows:
            continue
        previous = text[start - length - 1] if start > length else ""
        for row in rows:
            if row.dimension not in ("*", valued.dimension):
                continue
            # the unit as written, in the table's simplified script (公裏 as 公里)
            if row.unit != "*" and row.unit != valued.unit.translate(reading_table()):
                continue
            if previous and previous in row.unless_after:
                continue
            return True
    return False


def _is_magnitude(parts: dict[str, str], text: str, end: int) -> bool:
    """A figure in 级 is a magnitude if written with a decimal (7.5级), or if a cue word of
    the clause before it (unit_cues.tsv: 风力, 震级) or a word right after it (names_after.tsv:
    地震, 大风) names what is measured."""
    if any(c in DECIMAL_POINTS for c in parts.get("num", "")) or "cue" in parts:
        return True
    return any(not row.is_name and row.after[:1].isalpha() and text.startswith(row.after, at)
               for at in _listed_ends(text, end, MAGNITUDE)  # 5级和6级地震
               for row in lexicon.names_after().get(MAGNITUDE, ()))  # a word, not 风力六级，'s ，


def _names_a_class(parts: dict[str, str], unit: str, text: str, start: int, end: int) -> bool:
    """81公斤级, 100米自由泳, 三级医院: what follows makes the figure a class, an event or a
    rank (names_after.tsv)."""
    rows = lexicon.names_after().get(unit)
    if not rows:
        return False
    number = parts.get("num", "")
    chinese = bool(number) and not any(c in CHINESE_NOT_WHOLE or c.isdigit() for c in number)
    for at in _listed_ends(text, end, unit):  # 100米、200米自由泳
        for row in rows:
            if row.chinese_only and not chinese:
                continue
            if row.bare and (number not in row.bare or not APPROXIMATED.isdisjoint(parts)):
                continue  # 不到百米, 近万米: a round numeral with an approximation is a figure
            if row.after_term and not _after_a_term(text, start):
                continue
            if row.after == "*" or text.startswith(row.after, at) or (
                    row.after.startswith(ANY_WORD) and _word_with(text, at, row.after[1:])):
                return row.is_name
    return False


LISTED_REACH = 4  # 100米、200米、500米直道赛: the name stands after the fourth figure at most
# a joint of a list (scanning.DECIMAL_JOINTS) and the next figure, in digits or numerals
LISTED_FIGURE = regex.compile(
    rf"[{''.join(sorted(DECIMAL_JOINTS))}]\s*(?:\d+(?:\.\d+)?|[{CN_DIGIT}十百千]+)")


def _listed_ends(text: str, end: int, unit: str) -> Iterator[int]:
    """Where the figure ends, then where each figure of the same unit listed right after it
    ends: what follows the last of a list (100米、200米自由泳, 5级和6级地震) names them all."""
    yield end
    for _ in range(LISTED_REACH - 1):
        listed = LISTED_FIGURE.match(text, end)
        if listed is None or not text.startswith(unit, listed.end()):
            return
        end = listed.end() + len(unit)
        yield end


TERM_REACH = 12  # 十三届全国人民代表大会五次会议: the term stands this far before at most


def _after_a_term(text: str, start: int) -> bool:
    """A numbered term (十四届) stands earlier in the clause: 十四届全国人大三次会议 is the
    term's third session (本届会议共举行了5次会议 counts meetings)."""
    before = text[max(0, start - TERM_REACH) : start]
    clause = before[max(before.rfind(m) for m in CLAUSE_MARKS) + 1 :]
    at = clause.rfind(lexicon.TERM)
    return at > 0 and (clause[at - 1] in DIGITS or clause[at - 1] in CN_DIGIT + "十")


ANY_WORD = "…"  # names_after.tsv: …圈 is a few characters, no numeral, holding 圈
NAME_WORD = regex.compile(r"[^\p{Han}]|[零〇一二两三四五六七八九十百千万亿]")


def _word_with(text: str, end: int, tail: str) -> bool:
    """15分钟便民生活圈品质: ``tail`` stands among the few Chinese characters after
    ``end``, with no numeral before it (15分钟内绕城一圈 is a duration)."""
    stop = end
    while stop < min(len(text), end + 7) and not NAME_WORD.match(text, stop):
        stop += 1
    return text.find(tail, end, stop) >= 0


def _is_indefinite_article(candidate: Candidate, dimension: str) -> bool:
    parts = candidate.read
    if parts.get("num") not in INDEFINITE:
        return False
    more = parts.keys() - {"num", "unit"}
    if "unit" not in parts:
        more.discard("cue")  # 一村民: a person named by the word after (unit_cues, after)
    # 一年内, 一个月以内: "within a year" bounds a time, it measures nothing; 一个多民族国家,
    # 一幅多种态势并存, 一条多品牌的路, 一个上下游协同的链: 多 or 上下 opens the word after
    # an article (a count of one and more is no figure; 一个多月, 一米多 measure)
    if not more:
        return True
    return more == {"post"} and (
        lexicon.approximations()["after"].get(parts["post"]) == "under"
        or (parts["post"] in WORD_OPENERS and dimension == "count")
    )


WORD_OPENERS = frozenset({"多", "上下"})


TOLL_REACH = 12  # characters after 一人 within which its toll word stands (一名随军工程承包商死亡)


@cache
def _toll_words() -> tuple[lexicon.Roles, re.Pattern[str]]:
    roles = lexicon.words_by_role("link_words.tsv")
    return roles, re.compile(lexicon.alternation(roles["toll"]))


def _measures_a_span(candidate: Candidate, text: str) -> bool:
    """为期一个月, 经过一个多月, 提前一周, 只需要一个半小时: after a word that measures a span
    (link_words.tsv, span_measure) one unit of time is a duration, not an article (新的一年,
    有一天, 少挨一天冻)."""
    spans = lexicon.words_by_role("link_words.tsv")["span_measure"]
    before = text[max(0, candidate.start - max(map(len, spans))) : candidate.start]
    return any(before.translate(reading_table()).endswith(word) for word in spans)


def _counts_a_toll(candidate: Candidate, text: str) -> bool:
    """其中一人死亡, 死亡一人, 击落一架无人机: one person a toll word follows in the clause
    or stands right before, or one thing a strike downs, is counted (a disaster's or a
    war's figures), not an article."""
    roles, toll = _toll_words()
    unit = candidate.parts.get("unit", "").translate(reading_table())
    start, end = candidate.start, candidate.end
    before = text[max(0, start - 3) : start].translate(reading_table()).rstrip("了")
    if any(before.endswith(word) for word in roles["strike"]):
        return True
    # 一村民受伤: no measure word, the person named right after the number
    named = not unit and candidate.read.get("cue", "") in counted_words()
    if unit not in roles["person_measure"] and not named:
        return False
    if any(before.endswith(word) for word in roles["toll"]):
        return True  # 死亡一人: the toll word before the one
    after = text[end : end + TOLL_REACH]
    for mark in CLAUSE_MARKS:
        after = after.split(mark, 1)[0]
    return toll.search(after.translate(reading_table())) is not None


def _is_tally(unit: str | None) -> bool:
    """死, 伤, 男, 女: a count whose word says what is counted, with no unit of its own."""
    found = lexicon.units().get(unit or "")
    return found is not None and found.dimension == "count" and not found.unit


def _in_list_of_counts(
    candidate: Candidate, text: str, neighbours: tuple[Candidate | None, Candidate | None]
) -> bool:
    """一项一等奖、两项二等奖: 一 is a real count when it stands in a list of counts, as
    it does glued to another count of a tally (两男一女, 一死两伤)."""
    unit = candidate.parts.get("unit")
    for neighbour in neighbours:
        if neighbour is not None and _is_tally(unit) and _is_tally(neighbour.parts.get("unit")) \
                and (neighbour.end == candidate.start or candidate.end == neighbour.start):
            return True
        if neighbour is None or neighbour.parts.get("unit") != unit:
            continue
        if neighbour.parts.get("num") in INDEFINITE:
            continue  # 中的一个附加品，单推一个支付平台: two articles make no list
        gap = text[min(candidate.end, neighbour.end) : max(candidate.start, neighbour.start)]
        if len(gap) <= 8 and any(mark in gap for mark in LIST_MARKS):
            return True
    return False
