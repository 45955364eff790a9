"""When a statistic holds: the time expression that governs it, normalised to ISO 8601.

`截至2024年底` → 2024-12-31, `2025年` → 2025, `今年以来` → 2025-01-01/2025-07-11 (with
the article dated 2025-07-11). Relative words (`今年`, `去年`, `上半年`) are resolved
against the article's date: given by the caller, else found in its dateline or title.
The words and their templates are in ``data/periods.tsv``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import regex

from . import lexicon, tagging
from .filtering import SPACE, TO, YEAR, D
from .layout import CLAUSE_MARKS, Marks, inside_title, is_prose
from .numerals import parse_number

MONTH = rf"(?:{D}{{1,2}}|[一二三四五六七八九十]{{1,3}})"
DAY = rf"(?:{D}{{1,2}}|[一二三四五六七八九十]{{1,3}})"
FULL_DATE = regex.compile(
    rf"(?P<y>[12]{D}{{3}})\s*(?:年|[-/.])\s*(?P<m>{D}{{1,2}})\s*(?:月|[-/.])\s*(?P<d>{D}{{1,2}})"
)
# 新华社北京6月11日电, 本报大连5月3日讯: the day the report was filed
DATELINE = regex.compile(rf"(?P<m>{D}{{1,2}})\s*月\s*(?P<d>{D}{{1,2}})\s*日\s*(?:电|讯)")
COMPARED = regex.compile(r"(?:比|较|相比|与|同比|环比)$")
COMPARING = regex.compile(r"[比较]")
# 较去年同期多1948项, 是上年同期的1.3倍: the time compared with, written in two words
COMPARED_SAME_TIME = regex.compile(r"(?:比|较|相比|与|同比|环比|是)(?:去年|上年|上年度)$")
TITLE_YEAR = regex.compile(rf"(?P<y>[12]{D}{{3}})年")
# the clause opening `党纪学习教育开展以来`, `调整后`, `三年来`: an event the figures are
# counted from or after; an event said in a few words (`消防在接到报警后` has its own
# subject), and `…背后`, `扣除价格因素后` are no time; 上市以来最高点 is a superlative's
# reach, not a time. The standard library's engine: it runs this over the whole text three
# times faster than the regex module
EVENT_SINCE = re.compile(
    r"(?:^|(?<=[，,。；;：:\n…]))(?:[^，,。；;：:\n…]{2,14}?(?:以来(?![最首])|期间|时期)"
    r"|[^，,。；;：:\n…“‘0-9０-９]{2,6}?(?<!背)(?<!因素)后(?=[，,])"
    r"|[^，,。；;：:\n…]{1,14}?(?:个月|年|天|周|长假)[来间里](?=[，,]))"
)
# “十四五”期间, “十四五”前四年: the years of a five-year plan; 过去五年, 近3年内
# 假期前三天: the first days of a holiday
PLAN = regex.compile(
    # the characters the branches open with, checked first: most positions open none
    r"(?=[“十假长黄本当上次截过近0-9])"
    r"(?:“?十[一二三四五六七八九]?五”?(?:期间|时期|以来|前[一二三四两]年|末)"
    # 过去五年, 近3年内, 过去24小时, 过去几天: the stretch of time just before the report,
    # opening its clause (成立近3年 is an age)
    r"|(?<![^，,。；;：:\n在])(?:过去|近)的?(?:[0-9]{1,3}|[一二三四五六七八九十两几数]{1,3})个?"
    r"(?:年|月|周|星期|天|日|小时|季度)(?:来|间|内|里|中)?(?![0-9一二三四五六七八九十])"
    r"|(?:假期|长假|黄金周)前[一二三四五六七八两0-9]天"
    # 本月1日: a day of a month named by its place to the report's
    r"|(?:本月|当月|上月|次月)[0-9]{1,2}[日号]"
    # 20时09分， opening its clause: a time of the day the story is on
    r"|(?<![^，,。；;\n])[0-9]{1,2}时(?:[0-9]{1,2}分|整)?许?(?=[，,])"
    # 截至记者发稿时, 截至下午发稿时止: the moment the report was written
    r"|截[至止][^，,。；;\n]{0,6}?发稿时止?)"
)
# longer than any match of EVENT_SINCE or PLAN, with the character their lookaheads read
EVENT_REACH = 24
# what before 年内, 年中, 年底 makes them a count of years
COUNTED_YEARS = "0123456789０１２３４５６７８９一二两三四五六七八九十百千几多余半个"
TEMPLATE = regex.compile(r"\{(?P<base>Y|y|D)(?P<offset>[+-]\d+[yd]?)?\}")
HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class ArticleDate:
    year: int | None
    date: dt.date | None
    # the year a title reports on (`中华人民共和国2025年…统计公报`, out in 2026): 全年 and
    # 上半年 without a year of their own mean that year
    reported_year: int | None = None


class Period:
    """A time expression; never changed once made (a plain class, as scanning.Candidate)."""

    def __init__(self, start: int, end: int, text: str, norm: str | None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.norm = norm

    def __repr__(self) -> str:
        return f"Period({self.start}, {self.end}, {self.text!r}, {self.norm!r})"


@cache
def _words() -> dict[str, tuple[str, str]]:
    return {row["word"]: (row["role"], row["norm"]) for row in lexicon._rows("periods.tsv")}


@cache
def _roles(role: str) -> tuple[str, ...]:
    return tuple(word for word, (r, _) in _words().items() if r == role)


# a time of day after a date: 截至6月24日18时, 10日晚, 4月21日上午
CLOCK = (
    rf"(?:(?:[上下]午|凌晨|早上|晚上|晚|早)?\s*{D}{{1,2}}时(?:{D}{{1,2}}分(?:{D}{{1,2}}秒)?)?"
    # 截至2日18：00: a clock time written with a colon
    rf"|\s*{D}{{1,2}}[:：]{D}{{2}}(?!{D})"
    r"|[上下]午|晚些时候|晚上|晚间|深夜|午夜|晚|凌晨|早上|(?=收盘|发稿时))(?:收盘|发稿时)?"
)

# what joins the two calendar years of one year of account (2017/18, 2017-18, 2017至18)
FISCAL_JOINT = r"[/／\-－—–至到]"

# the characters every branch of _pattern opens with, besides its words' first characters:
# 截至/到, a year or a month in digits or numerals, 前三个月
OPENERS = "截到前0-9０-９〇零一二两三四五六七八九十"


@cache
def _pattern() -> re.Pattern:
    alt = lexicon.alternation
    months = (
        rf"(?P<m1>{MONTH})(?:{TO}(?P<m2>{MONTH}))?\s*月份?"
        rf"(?:\s*(?P<day>{DAY})\s*[日号](?:{CLOCK})?)?(?P<mpart>[上中下]旬|初|底|末)?"
    )
    part = (
        # 一季度末: the end of a part of the year
        rf"(?:(?P<part>{alt(_roles('part') + _roles('season'))})(?P<part_end>[末底])?|{months}"
        rf"|前(?P<first_months>{MONTH}|两)个月"
        # 13日, 10日晚: a day of the article's month, where no month or digit stands before
        rf"|(?<![0-9０-９月])(?P<day_only>{D}{{1,2}})日(?![电讯])(?:{CLOCK})?"
        rf"(?:{TO}(?P<day_to>{D}{{1,2}})日)?)"
    )
    # every branch needs an anchor (a year, a relative word, a part of a year, a month):
    # a pattern that could match nothing would stop at every character of the document.
    # A year (or relative year) with an optional part, else a part alone, is written with
    # each group named once, as stdlib re requires: the conditionals let the part be left
    # out only after a year.
    source = rf"""
        (?=[{OPENERS}{"".join(sorted({word[0] for word in _words()}))}])
        (?:
            (?P<now>{alt(_roles("now") + _roles("market"))})
          | (?P<span>{alt(_roles("span") + _roles("opening"))})
          | (?P<until>截至|截止到|截止|到)?
            (?:
                # a year of account written as Hong Kong and Taiwan write it: 2017/18年度,
                # 2017至18年度, 2018/19至2027/28年度 (a span of such years)
                (?P<fyear>{YEAR})\s*{FISCAL_JOINT}\s*(?P<fyear2>{D}{{2}}(?:{D}{{2}})?)
                (?:{TO}{YEAR}\s*{FISCAL_JOINT}\s*(?P<fyear4>{D}{{2}}(?:{D}{{2}})?))?\s*年度
                # 2022年至2025年; 2025年年报 is the year 2025 and its report
              | (?P<year>{YEAR})(?:(?:\s*年)?{TO}(?P<year2>{YEAR}|{D}{{2}}(?!{D})))?\s*年
                (?:(?P<fiscal>度)|(?P<year_part>[底末初]))?
              | (?P<relyear>{alt(_roles("year"))})(?P<rel_part>[底末])?
            )?
            (?:{part}|(?(year)|(?(relyear)|(?(fyear)|(?!)))))
            (?P<since>以来)?
        )
    """
    # stdlib re, not regex: behind the lookahead on opening characters, re skips the
    # positions no time expression opens at several times faster
    return re.compile(source.replace(r"\s", SPACE), re.VERBOSE)


def article_date(text: str, given: dt.date | None = None) -> ArticleDate:
    """The date to resolve 今年 and 目前 against: given, else the dateline's, else the
    title's year (`2022年全省工会工作综述`)."""
    head = [line for line in text[:600].splitlines() if line.strip()][:4]
    titled = next((TITLE_YEAR.search(line) for line in head[:2] if TITLE_YEAR.search(line)), None)
    reported = int(titled["y"]) if titled else None
    if given is not None:
        return ArticleDate(given.year, given, reported)
    for line in head:
        match = FULL_DATE.search(line)
        if match:
            try:
                date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            return ArticleDate(date.year, date, reported)
    dateline = next((DATELINE.search(line) for line in head if DATELINE.search(line)), None)
    if dateline is not None and reported is not None:
        try:  # 新华社北京6月11日电 under a title that names its year
            date = dt.date(reported, int(dateline["m"]), int(dateline["d"]))
            return ArticleDate(date.year, date, reported)
        except ValueError:
            pass
    return ArticleDate(reported, None, reported)


def find_periods(text: str, article: ArticleDate, until: int | None = None) -> list[Period]:
    """Every time expression in the text, in order, with its ISO 8601 reading if any; with
    ``until``, only those that start before it. Traditional script is read as simplified
    (one character for one: the offsets and the verbatim text are the original's)."""
    until = len(text) if until is None else until
    written = text
    text = tagging.simplified_text(text)
    found = []
    compared_end = -1
    pattern = _pattern()
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None or match.start() >= until:
            break
        position = match.end()
        if (
            COMPARED.search(text, max(0, match.start() - 3), match.start())
            or COMPARED_SAME_TIME.search(text, max(0, match.start() - 5), match.start())
            or match.start() == compared_end  # 比2024年同期: one time compared with
        ):
            compared_end = match.end()
            continue  # 比上年增长5.0%: the year compared with, not the one the figure is for
        if match["day"] and text[match.end() : match.end() + 1] in ("电", "讯"):
            continue  # 新华网上海5月10日电: the day a report was filed, not a time it reports
        if inside_title(text, match.start()):
            continue  # 《节能装备高质量发展实施方案（2026—2028年）》 names a document
        if match["part"] and _in_a_name(text, match):
            position = match.start() + 1  # a time may still open inside it
            continue  # 高校毕业生秋季专场: a season naming an event
        before = text[match.start() - 1 : match.start()]
        if before == "是" and match.group().startswith(("去年", "上年")):
            continue  # 是去年全年的1.3倍
        if match.group().startswith("年") and before and before in COUNTED_YEARS:
            continue  # 三年内, 近两年中: a count of years, not a time of this one
        opening = match["span"] and _words()[match["span"]][0] == "opening"
        if opening and not _opens(text, match.start()):
            position = match.start() + 1
            continue  # 而此前“0”还是比较受欢迎的: 此前 a time only where it opens a clause
        if (match["now"] or match["span"]) and (
            text[match.start() - 1 : match.start() + 1] == "截至"  # 截至今早: not 至今
            or not _stands_alone(text, match.start(), match.end())
        ):
            position = match.start() + 1  # 截至今天: not 至今, but 今天 may still stand
            continue  # 全天候 is no time of day
        verbatim = written[match.start() : match.end()]
        found.append(Period(match.start(), match.end(), verbatim, _normalise(match, article)))
    # the time expressions above are in order and do not overlap: whether one covers a
    # position is a binary search, not a scan (a long text has thousands of each)
    starts = [p.start for p in found]
    expressions = len(found)
    # no event opening after ``until`` is kept: the text past it is not searched (it is
    # cut EVENT_REACH on, so that a match opening before it is not cut short)
    reach = min(len(text), until + EVENT_REACH)
    events = sorted([*EVENT_SINCE.finditer(text, 0, reach), *PLAN.finditer(text, 0, reach)],
                    key=lambda m: m.start())
    added_end = -1
    for match in events:
        # a clause opening a paragraph opens after its indent (　　在这5年里)
        start = match.end() - len(match.group().lstrip())
        if start >= until:
            break
        compared = COMPARED.search(text, max(0, start - 3), start)
        if start < added_end or compared or COMPARING.search(match.group()):
            continue  # 比“十三五”末, 分别比“十三五”时期: the time compared with
        covering = bisect.bisect_right(starts, start) - 1
        if covering < 0 or not start < found[covering].end:
            added_end = match.end()
            found.append(Period(start, match.end(), written[start : match.end()], None))
    if len(found) > expressions:
        found.sort(key=lambda p: p.start)
    bracketed = _with_dates_in_brackets(written, found)
    timed = _with_times_of_day(text, written, _market_moments_dated(text, bracketed))
    return _with_ranges(written, _with_events_since(text, written, timed))


# a day named by its month or by its date: 2026年1月12日, 6月11日, 11日
# a day named by its number (13日, 十五日）)
DAY_END = r"[0-9０-９一二三四五六七八九十][日号]）?"
NAMED_DAY = regex.compile(DAY_END + "$")
SENTENCE_END = regex.compile(r"[。！？!?；;\n]")


def _market_moments_dated(text: str, periods: list[Period]) -> list[Period]:
    """2026年1月12日，公司股价盘中达到…: a market moment (periods.tsv's ``market``) after a
    day its sentence names is a moment of that day, which governs the figure; the moment
    alone would mean the article's own trading day."""
    market = _roles("market")
    kept: list[Period] = []
    for period in periods:
        if text[period.start : period.end] in market and _day_named_before(text, kept, period):
            continue
        kept.append(period)
    return kept


def _day_named_before(text: str, periods: list[Period], moment: Period) -> bool:
    for earlier in reversed(periods):
        if SENTENCE_END.search(text, earlier.end, moment.start):
            return False
        if NAMED_DAY.search(earlier.text):
            return True
    return False


def _opens(text: str, start: int) -> bool:
    """A time word of the `opening` role (此前) opens its clause here."""
    before = text[max(0, start - 3) : start].rstrip(" \t\u3000")
    return not before or before[-1] in CLAUSE_MARKS or before[-1] == "\n"


def _in_a_name(text: str, match: re.Match) -> bool:
    """A season with no year of its own, written inside a noun phrase (a word runs on into
    it and on out of it: 高校毕业生秋季专场, 第33届夏季奥林匹克运动会), names an event."""
    if match["part"] not in _roles("season") or match.start() != match.start("part"):
        return False
    before = text[match.start() - 1 : match.start()]
    after = text[match.end() : match.end() + 1]
    return bool(before and after and HAN.match(before) and HAN.match(after))


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The word ends where a word of jieba's segmentation ends."""
    offset = start
    for word, _ in tagging.tag(text[start : end + 3]):
        offset += len(word)
        if offset >= end:
            return offset == end
    return True


def _with_dates_in_brackets(text: str, periods: list[Period]) -> list[Period]:
    """今天（10月12日）is one time: the word and the date it stands for."""
    merged: list[Period] = []
    for period in periods:
        bracketed = text[period.end : period.end + 1] == "）"
        if merged and text[merged[-1].end : period.start] == "（" and bracketed:
            word = merged.pop()
            end = period.end + 1
            # 今天 read against the article's date, which a title naming another year (a
            # plan's 2026—2028年) does not move; the bracketed date when it has none
            merged.append(Period(word.start, end, text[word.start : end], word.norm or period.norm))
            continue
        merged.append(period)
    return merged


# 今天（12月12日）上午, 13日凌晨3时40分许: the time of day a day's word or date runs on into
# the parts of a day a time may name after its day (10日凌晨, 14日夜间)
DAY_PARTS = "上午|下午|中午|凌晨|清晨|早晨|早上|傍晚|晚上|晚间|夜间|深夜|午夜"
TIME_OF_DAY = regex.compile(
    rf"(?:当天|当日|当晚)?"  # 10日当天
    rf"(?:{DAY_PARTS})?(?:{D}{{1,2}}时(?:{D}{{1,2}}分)?)?(?:许|左右)?"
)
BARE_CLOCK = regex.compile(r"[0-9０-９]{1,2}时(?:[0-9０-９]{1,2}分|整)?许?")
FROM_ON = regex.compile(r"(?:起|开始)(?=[，,]|将)")
DAY_LIKE = regex.compile(r"(?:[日号天）时分秒晨午上晚]|今早)$")
# 截至今天19时, 当地时间11日14时29分: words that open a day's time without being part of it
BEFORE_DAY = regex.compile(r"(?:截至|截止到|截止|当地时间|北京时间)$")
# 11日14时29分（北京时间12日4时29分）: the same moment on another clock, not a second time
OTHER_CLOCK = regex.compile(r"[（(](?:北京时间|当地时间)$")


# 自2022年3月进入本轮加息周期以来, 自7月1日铁路暑运启动至15日, 自当天凌晨起: a time and
# the event it opens, counted from (起至 opens a range of two times: _with_ranges)
SINCE_EVENT = regex.compile(
    r"[^，,。；;：:\n（）]{0,20}?(?:以来|(?:至|到)(?=\d{1,2}[日号]))|起(?!\s*[至到—–－~～])"
    r"|开始(?=[，,])"
)


def _with_events_since(text: str, written: str, periods: list[Period]) -> list[Period]:
    """自, a time, the event that began then and 以来 (or 至 and a later day) are one span."""
    merged: list[Period] = []
    skip_until = -1
    for i, period in enumerate(periods):
        if period.start < skip_until:
            continue
        opener = text[period.start - 1 : period.start]
        if opener not in ("自", "从") or period.text.startswith(("自", "从")):
            merged.append(period)
            continue
        event = SINCE_EVENT.match(text, period.end)
        if event is None or event.end() == period.end:
            merged.append(period)
            continue
        end = event.end()
        norm = period.norm
        if event.group() in ("起", "开始"):
            pass  # 自当天凌晨起, 从2017年开始: from then on
        elif not event.group().endswith("以来"):
            j = i + 1
            while j < len(periods) and periods[j].start < end:
                j += 1  # 暑运 inside the event
            following = periods[j] if j < len(periods) else None
            if following is None or following.start != end:
                merged.append(period)
                continue
            end = following.end
            first, last = (period.norm or "").split("/")[0], (following.norm or "").split("/")[-1]
            norm = f"{first}/{last}" if first and last else None
        elif period.norm and len(period.norm.split("/")[0]) >= 4:
            norm = period.norm.split("/")[0]
        skip_until = end
        merged.append(Period(period.start - 1, end, written[period.start - 1 : end], norm))
    return merged


def _with_times_of_day(text: str, written: str, periods: list[Period]) -> list[Period]:
    """A day's time runs on into its time of day and back over 截至 or 当地时间; the same
    moment given again in brackets on another clock is dropped."""
    extended: list[Period] = []
    grown_end = -1
    for period in periods:
        if period.start < grown_end:
            continue  # 当天 of 10日当天, now part of the day before it
        before = text[max(0, period.start - 5) : period.start]
        if extended and OTHER_CLOCK.search(before):
            opening = max(text.rfind("（", 0, period.start), text.rfind("(", 0, period.start))
            if extended[-1].end == opening:
                continue
        start, end = period.start, period.end
        opener = text[start - 1 : start]
        from_on = text[end - 1 : end] in ("年", "月", "日", "时") and opener not in ("自", "从")
        on = FROM_ON.match(text, end) if from_on else None
        if on is not None:
            end = on.end()  # 2023年起，…, 16日2时起, 2012年开始: from then on
        elif DAY_LIKE.search(period.text):
            suffix = TIME_OF_DAY.match(text, end)
            if suffix is not None:
                end = suffix.end()
        prefix = BEFORE_DAY.search(before) if DAY_LIKE.search(text[start:end]) else None
        if prefix is not None and not text.startswith(("截", "到"), start):
            start -= len(prefix.group())
        if end > period.end:
            grown_end = end
        if (start, end) != (period.start, period.end):
            period = Period(start, end, written[start:end], period.norm)
        extended.append(period)
    return extended


# 明天（11月21日）起至24日: two times joined as the ends of one span
RANGE_JOINT = regex.compile(r"起?\s*(?:至|到|—|–|－|~|～)\s*")
FULL_DAY = regex.compile(r"\d{4}-\d{2}-\d{2}")
FULL_MONTH = regex.compile(r"\d{4}-\d{2}")
# 14日, 14日夜间, 9日凌晨: a day, or a time of a day, one end of a span (14日夜间至15日)
DAY_AT = regex.compile(rf"{DAY_END}(?:{DAY_PARTS}|晚)?$")
# 2月, 2017年10月: a month named by its number (not 个月, a count of months)
NAMED_MONTH = regex.compile(r"(?<!个)[0-9０-９一二三四五六七八九十]月份?$")
BARE_DAY = regex.compile(r"(\d{1,2})[日号]")


def _with_ranges(text: str, periods: list[Period]) -> list[Period]:
    """A day, 至 and a later day are one span: its text runs from the first to the last,
    its reading from the first's day to the last's (a bare 24日 is in the first's month)."""
    merged: list[Period] = []
    for period in periods:
        first = merged[-1] if merged else None
        joint = text[first.end : period.start] if first is not None else None
        if first is not None and period.text == "至今" and joint in ("", "起"):
            # 今年3月至今: from the time named until the report
            since = first.norm.split("/")[0] if first.norm else None
            norm = f"{since}/{period.norm}" if since and period.norm else None
            merged[-1] = Period(first.start, period.end, text[first.start : period.end], norm)
            continue
        if (
            first is not None
            and (DAY_AT.search(first.text) or NAMED_MONTH.search(first.text))
            and (DAY_AT.search(period.text) or NAMED_MONTH.search(period.text))
            # 4月30日到5月2日: the second may have taken the 到 as its own (截至, 到)
            and (RANGE_JOINT.fullmatch(text, first.end, period.start)
                 or (first.end == period.start and period.text[:1] in ("至", "到")))
        ):
            norm = None
            if first.norm and period.norm and FULL_DAY.fullmatch(first.norm):
                last = period.norm.split("/")[-1]
                bare = BARE_DAY.fullmatch(period.text)
                if bare:
                    last = f"{first.norm[:8]}{int(bare[1]):02d}"
                norm = f"{first.norm}/{last}"
            elif first.norm and period.norm and FULL_MONTH.fullmatch(first.norm):
                norm = f"{first.norm}/{period.norm.split('/')[-1]}"  # 2012年11月至2017年10月
            # 自2026年7月6日起至2026年10月5日止: the words that open and close the span
            start = first.start - (text[first.start - 1 : first.start] in ("自", "从"))
            end = period.end + (text[period.end : period.end + 1] == "止")
            merged[-1] = Period(start, end, text[start:end], norm)
            continue
        merged.append(period)
    return merged


RESPECTIVELY = re.compile("分别")
LISTED = regex.compile(r"[\s、，,和及与至到—–\-－~～]*")


def distribute(
    text: str, marks: Marks, periods: list[Period], mentions: list[tuple[int, int]]
) -> dict[int, Period]:
    """`2023年和2024年分别收缩0.3%和0.2%`: the times listed before 分别 go to the figures
    listed after it, in order, when there are as many of each; a range of years counts
    as its years (`2022年至2025年…分别为10.79亿元、13.03亿元、15.04亿元和15.70亿元`).
    Returns the index of each mention so governed and its period."""
    text = tagging.simplified_text(text)  # 分別 as 分别
    # found once and bisected: searching each mention's sentence costs a pass over it
    words = [m.start() for m in RESPECTIVELY.finditer(text)]
    assigned: dict[int, Period] = {}
    starts = [p.start for p in periods]
    i = 0
    while i < len(mentions):
        start, end = mentions[i]
        sentence_start, _ = marks.sentence(start, end)
        before = bisect.bisect_right(words, start - 2) - 1
        respectively = words[before] if before >= 0 else -1
        if respectively < sentence_start:
            i += 1
            continue
        clause_start, clause_end = marks.clause(start, end)
        group = [i]
        while group[-1] + 1 < len(mentions) and mentions[group[-1] + 1][1] <= clause_end:
            group.append(group[-1] + 1)
        listed = _listed_before(text, periods, starts, sentence_start, respectively)
        times = _each_time(text, listed)
        if len(times) == len(group) > 1:
            assigned.update(zip(group, times, strict=True))
        i = group[-1] + 1
    return assigned


def _listed_before(
    text: str, periods: list[Period], starts: list[int], low: int, position: int
) -> list[Period]:
    """The last run of times before ``position`` joined only by 、, 和, 至 and the like."""
    run: list[Period] = []
    i = bisect.bisect_left(starts, position) - 1
    while i >= 0 and periods[i].start >= low and periods[i].end <= position:
        joint = text[periods[i].end : run[0].start] if run else ""
        if run and LISTED.fullmatch(joint) is None:
            break
        run.insert(0, periods[i])
        i -= 1
    return run


def _each_time(text: str, listed: list[Period]) -> list[Period]:
    """One period for each time the list names: a range of years gives each of its years,
    with the range as its text."""
    if len(listed) == 1 and listed[0].norm and regex.fullmatch(r"\d{4}/\d{4}", listed[0].norm):
        first, last = (int(year) for year in listed[0].norm.split("/"))
        if 0 < last - first < 20:
            range_ = listed[0]
            years = range(first, last + 1)
            return [Period(range_.start, range_.end, range_.text, str(y)) for y in years]
    return listed


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def _fill(template: str, year: int | None, article: ArticleDate) -> str | None:
    def replace(match: regex.Match) -> str:
        base, offset = match["base"], match["offset"] or ""
        if base in "Yy":
            if year is None:
                raise LookupError
            return str(year + int(offset or 0))
        if article.date is None:
            raise LookupError
        date = article.date
        if offset.endswith("y"):
            years = int(offset[:-1])
            date = date.replace(year=date.year + years, day=min(date.day, 28))
        elif offset.endswith("d"):
            date = date + dt.timedelta(days=int(offset[:-1]))
        return date.isoformat()

    if not template:
        return None
    try:
        return TEMPLATE.sub(replace, template)
    except LookupError:
        return None


def _month_end(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _normalise(match: re.Match, article: ArticleDate) -> str | None:
    words = _words()
    if match["now"] or match["span"]:
        word = match["now"] or match["span"]
        return _fill(words[word][1], article.year, article)
    if match["fyear"]:  # 2017/18年度 → 2017/2018; 2018/19至2027/28年度 → 2018/2028
        return _span_of_years(_number(match["fyear"]), _number(match["fyear4"] or match["fyear2"]))
    year = _number(match["year"])
    if match["year"] and match["year2"]:
        return _span_of_years(year, _number(match["year2"]))  # 2022—2023年度, 2015年至18年
    if match["relyear"]:
        relative = _fill(words[match["relyear"]][1], article.year, article)
        year = int(relative) if relative else None
        if relative is None:
            return None
    elif year is None:
        year = article.reported_year or article.year
    reading = _part(match, year, article)
    if reading is None:
        return None
    if match["until"]:
        reading = reading.split("/")[-1]
        if len(reading) == 4:
            reading += "-12-31"
        elif len(reading) == 7:
            y, m = map(int, reading.split("-"))
            reading += f"-{_month_end(y, m):02d}"
    if match["since"]:
        start = reading.split("/")[0]
        if len(start) == 4:
            start += "-01-01"
        end = article.date.isoformat() if article.date else None
        return f"{start}/{end}" if end else start
    return reading


def _span_of_years(first: int | None, last: int | None) -> str | None:
    """first/last, where the last year may be written by its last two digits (2015年至18年,
    2017/18年度), in the first year's century or the next."""
    if first is None or last is None:
        return None
    if last < 100:
        last += first // 100 * 100
        if last < first:
            last += 100
    return f"{first}/{last}" if first < last <= first + 100 else None


def _part(match: re.Match, year: int | None, article: ArticleDate) -> str | None:
    if match["part"] or match["year_part"] or match["rel_part"]:
        # 2024年底, 去年底 read as 年底
        word = match["part"] or "年" + (match["year_part"] or match["rel_part"])
        reading = _fill(_words()[word][1], year, article)
        if match["part_end"] and reading is not None:
            return reading.split("/")[-1]  # 一季度末: the last day of the quarter
        return reading
    if year is None:
        return None
    if match["day_only"]:
        day = _number(match["day_only"])
        date = article.date
        if date is None or day is None or not 1 <= day <= _month_end(date.year, date.month):
            return None
        reading = f"{date.year}-{date.month:02d}-{day:02d}"
        last = _number(match["day_to"])
        if last is not None and day < last <= _month_end(date.year, date.month):
            reading += f"/{date.year}-{date.month:02d}-{last:02d}"  # 14日至15日
        return reading
    if match["first_months"]:
        last = _number(match["first_months"]) or 12
        return f"{year}-01-01/{year}-{last:02d}-{_month_end(year, last):02d}"
    first = _number(match["m1"])
    if first is None or not 1 <= first <= 12:
        return f"{year}"
    last_month = _number(match["m2"])
    if last_month is not None and 1 <= last_month <= 12:
        return (
            f"{year}-{first:02d}-01/{year}-{last_month:02d}-{_month_end(year, last_month):02d}"
        )
    day = _number(match["day"])
    if day is not None and 1 <= day <= _month_end(year, first):
        return f"{year}-{first:02d}-{day:02d}"
    if match["mpart"] in {"底", "末"}:
        return f"{year}-{first:02d}-{_month_end(year, first):02d}"
    return f"{year}-{first:02d}"


def _opens_clause(text: str, period: Period) -> bool:
    """`今年，…`, `截至目前` on its own line: a time set as the topic, not inside a phrase."""
    before = text[max(0, period.start - 6) : period.start].rstrip(" \t\u3000")
    if before.endswith(("在", "于")):  # 在去年…救援现场: still the topic
        before = before[:-1]
    return not before or before[-1] in CLAUSE_MARKS or before.endswith(("据统计", "其中"))


def _is_moment(text: str, period: Period) -> bool:
    """目前 or 今天 in prose; as a data box's heading (`截至目前` on its own line) it still
    governs the box."""
    word = text[period.start : period.end].split("（")[0]
    if _words().get(word, ("", ""))[0] not in ("now", "market"):
        return False
    line_start = text.rfind("\n", 0, period.start) + 1
    line_end = text.find("\n", period.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return is_prose(line.strip())


class Governor:
    """The periods of one document, indexed so that finding the one governing a mention
    costs a bisection, not a pass over every period of the document."""

    def __init__(self, text: str, marks: Marks, periods: list[Period]) -> None:
        self.marks = marks
        self.periods = periods  # sorted by start (find_periods)
        self.starts = [p.start for p in periods]
        reading = tagging.simplified_text(text)  # 據統計 as 据统计
        # 目前, 今天（9月11日）: a moment of the news, said of its own sentence only
        # 接到报警后, 4时50分: the moment after an event, or a time of the day with no day,
        # said of its own sentence too
        self.topical = [
            p
            for p in periods
            if _opens_clause(reading, p)
            and not _is_moment(reading, p)
            and reading[p.end - 1 : p.end] != "后"  # 後 read as 后
            and not BARE_CLOCK.fullmatch(reading, p.start, p.end)
        ]
        self.topical_starts = [p.start for p in self.topical]

    def governing(self, start: int, end: int, block_start: int) -> Period | None:
        """The time that governs the mention at ``start:end``: one in its own clause; else
        the nearest before it in its sentence; else the nearest one that opens a clause
        earlier in its block (a paragraph, or a data box under its heading)."""
        clause_start, clause_end = self.marks.clause(start, end)
        sentence_start, _ = self.marks.sentence(start, end)
        first = bisect.bisect_left(self.starts, clause_start)
        last = bisect.bisect_left(self.starts, clause_end)
        in_clause = [p for p in self.periods[first:last] if p.end <= clause_end]
        if in_clause:
            return min(in_clause, key=lambda p: abs(p.start - start))
        nearest = _last_ending_by(self.periods, self.starts, start)
        if nearest is not None and nearest.start >= max(sentence_start, block_start):
            return nearest
        topical = _last_ending_by(self.topical, self.topical_starts, start)
        return topical if topical is not None and topical.start >= block_start else None


# Periods hardly ever nest, so the one ending before a position is a step or two back.
def _last_ending_by(periods: list[Period], starts: list[int], position: int) -> Period | None:
    """The last period (in start order) that ends at or before ``position``."""
    i = bisect.bisect_right(starts, position)
    while i:
        i -= 1
        if periods[i].end <= position:
            return periods[i]
    return None
