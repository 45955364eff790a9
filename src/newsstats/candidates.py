"""Candidates: the phrases a sentence offers as a mention's entity and subject.

A phrase is a run of tokens of the analysed sentence (sentences.py) that could name a
thing: it ends where a noun compound ends and starts at most a few words earlier. Entity
candidates lie after the measure word (`3名党员`) or before the figure, past change and
comparison words (`服务业增加值比上年增长5.4%`), in its clause or the two before it.
Subject candidates are the phrases of the sentence before the mention that do not open
inside a noun compound, and the heads of compounds (`戴尔|股价`). Which candidate wins
is not decided here: features.py describes each one and ranking.py scores them with
weights learned from the labelled gold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from . import lexicon
from .sentences import NUM, Sentence, Token

# Final: mypyc compiles a final name to a constant or a C static, where a module's global
# is a dict look-up at each use (in the loops run per phrase)
MAX_TOKENS: Final = 7  # a phrase of more words is a clause, not a column header
MAX_CHARS: Final = 24
CLAUSES_BACK: Final = 2  # entity candidates come from the mention's clause and the two before
QUOTES: Final = frozenset("“”‘’\"'《》「」『』")
LEVEL_ENDINGS: tuple[str, ...] = ("至", "到")  # 降至, 提高到: a change to a level
BRACKETS: Final = frozenset("(（[【)）]】")
# no phrase opens on a closing bracket or ends on an opening one (]增加值, 生产者价格[)
OPENING, CLOSING = frozenset("(（[【"), frozenset(")）]】")
# the token index of the subject candidate named before the sentence: the subject last chosen
CARRIED: Final = -1


@cache
def _roles() -> lexicon.Roles:
    return lexicon.words_by_role("link_words.tsv")


@cache
def role_of() -> dict[str, str]:
    """word → the one role class that features and phrase bounds read (first role wins)."""
    order = ("up", "down", "share_of", "copula", "compare", "adverb", "level", "skip_clause",
             "scope", "pronoun")
    roles = _roles()
    table: dict[str, str] = {}
    for role in order:
        for word in roles[role]:
            table.setdefault(word, role.upper())
    return table


def kind(token: Token) -> str:
    """A coarse class of a token: what phrase bounds and features read."""
    flag = token.flag
    if flag == NUM:
        return NUM
    if flag == "x":
        word = token.word
        if word == "、":
            return "SEP"
        if word in QUOTES or word in BRACKETS:
            return "Q"
        return "END" if word.strip() else "SPACE"
    if token.reading == "的":
        return "DE"
    role = role_of().get(token.reading)
    if role is not None:
        if role in ("UP", "DOWN") and flag[0] == "n":
            return "RATE"  # 增速, 涨幅: a noun naming a change, which a phrase may end with
        if role == "SHARE_OF" and flag[0] == "n":
            return "SHARE"  # 占比: a noun naming a share, which a phrase may end with
        return role
    if flag in ("ns",):
        return "NS"
    if flag in ("nr", "nrfg", "nrt"):
        return "NR"
    if flag == "nt":
        return "NT"
    if flag == "t":
        return "T"
    if flag == "m":
        return "M"
    if flag[0] == "n" or flag in ("vn", "j", "eng", "nz", "l", "b", "an", "g", "k", "h"):
        return "N"
    if flag == "r" and len(token.reading) == 2 and token.reading[0] in _demonstratives():
        # 该校, 本院: the school, the hospital named before; with a measure word (本届, 此次)
        # a determiner, which may open a phrase but never stands inside one
        return "DET" if token.reading[1] in _measure_words() else "N"
    if flag[0] == "v":
        # 提升到, 降至: one word for a change to a level, which ends a phrase like 至 does
        if token.reading.endswith(LEVEL_ENDINGS) and len(token.reading) > 1:
            return "LEVEL"
        # 同比增加, 大幅下降: one word that ends with a change word is that change
        return _change_endings().get(token.reading[-2:], "V")
    return flag[:1]


def kinds_of(tokens: tuple[Token, ...]) -> list[str]:
    """The kind of every token of a sentence; a time word's suffix right after its number
    (1997|年度, 2024|财年) is part of that time, as 年 is (2025|年): never a phrase of its
    own (由1997年度20%: no 年度 for the figure's entity). Written in digits, a date (2005|年度,
    10|月, 30|日) or a clock time (21|时|35|分) is a time, which ends a phrase as 今年 does:
    三九生化2005年度亏损 offers 三九生化 and 亏损, never the three as one."""
    found = [kind(t) for t in tokens]
    suffixes, dates, minutes = _time_suffixes(), _date_suffixes(), _roles()["minute_suffix"]
    for i in range(1, len(found)):
        if found[i - 1] != "M":
            continue
        reading = tokens[i].reading
        if tokens[i - 1].reading.isdigit() and (
            reading in dates or (reading in minutes and i > 1 and found[i - 2] == "T")
        ):
            found[i - 1] = found[i] = "T"  # 2025|年, 21|时|35|分
        elif reading in suffixes:
            found[i] = "M"
    return found


@cache
def _demonstratives() -> frozenset[str]:
    return _roles()["demonstrative"]


@cache
def _measure_words() -> frozenset[str]:
    """One-character measure words of counts and times (届, 次, 年): after 本 or 此 they make
    a determiner (本届奥运会), not a noun."""
    return frozenset(surface for surface, unit in lexicon.units().items()
                     if len(surface) == 1 and unit.dimension in ("count", "duration"))


@cache
def _time_suffixes() -> frozenset[str]:
    return _roles()["time_suffix"]


@cache
def _date_suffixes() -> frozenset[str]:
    """What makes a date of the digits before it: the suffixes of a year of account and the
    calendar's own (年, 月, 日)."""
    return _roles()["time_suffix"] | _roles()["date_suffix"]


@cache
def _causes() -> frozenset[str]:
    """造成, 导致, 令: a cause's verb never opens what a figure counts (导致3人死亡 counts
    死亡; none of the gold's 5,653 entities opens with one)."""
    return _roles()["cause"]


@cache
def _change_endings() -> dict[str, str]:
    """The two-character change words (增加 → UP), to read a longer verb by its ending."""
    return {word: role for word, role in role_of().items()
            if len(word) == 2 and role in ("UP", "DOWN")}


NOUNS: Final = frozenset({"N", "NS", "NT", "NR"})
# classes a phrase may end with: a noun, a verb naming an activity (现场咨询), a quote, a
# noun naming a change or a share (增速, 占比)
PHRASE_END: Final = NOUNS | {"V", "Q", "RATE", "SHARE", "SCOPE"}
# classes a phrase may not open with
NO_START: Final = frozenset({"DE", "SEP", "END", "SPACE", "NUM", "u", "c", "p", "y", "d",
                             "ADVERB", "COPULA", "LEVEL", "COMPARE", "M", "SHARE_OF"})
# classes that never stand inside a phrase: an adverb, a copula, a level word, a comparison
# or a time ends the phrase before it (鲁班工坊|已在全球建成, 增速|比上季度, 上年度|华润集团);
# a change word may stand inside one (对全国经济增长的贡献率) but never ends it (PHRASE_END)
BREAKS: Final = frozenset({"END", "NUM", "SPACE", "y", "e", "o", "d", "ADVERB", "COPULA",
                           "LEVEL", "COMPARE", "T"})


class Option:
    """A candidate phrase: tokens ``first..last`` (inclusive) of the sentence; never
    changed once made. A plain class, as sentences.Token is, for mypyc to compile."""

    def __init__(self, first: int, last: int, text: str, start: int, end: int) -> None:
        self.first = first
        self.last = last
        self.text = text
        self.start = start
        self.end = end

    def _key(self) -> tuple[int, int, str, int, int]:
        return (self.first, self.last, self.text, self.start, self.end)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Option) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Option({self.first}, {self.last}, {self.text!r})"


def _phrase_text(text: str) -> str:
    """A phrase's words as one string (without its quotes)."""
    return text.strip(" \t\u3000、")


def _balanced(text: str) -> bool:
    return text.count("(") + text.count("（") == text.count(")") + text.count("）")


def _glued_number(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """A number written against the Latin word after it names one thing with it (5G基站,
    4K电视): the phrase may open on the number."""
    if first >= last or tokens[first].flag != "m":
        return False
    after = tokens[first + 1]
    return after.flag == "eng" and after.start == tokens[first].end


def phrases(sentence: Sentence, kinds: list[str], lo: int, hi: int) -> list[Option]:
    """Every phrase inside tokens ``lo..hi-1``: ends at the end of a noun compound (the next
    token is no noun), starts at most MAX_TOKENS words earlier, never across a break."""
    tokens = sentence.tokens
    found: list[Option] = []
    for last in range(lo, hi):
        if kinds[last] not in PHRASE_END or tokens[last].word in OPENING:
            continue
        following = kinds[last + 1] if last + 1 < len(kinds) else "EOS"
        if following in NOUNS and last + 1 < hi:
            continue  # 规模以上工业|增加值: the compound goes on
        found.extend(_ending_on(tokens, kinds, lo, last))
    return found


def _ending_on(tokens: tuple[Token, ...], kinds: list[str], lo: int, last: int) -> list[Option]:
    """The phrases that end on token ``last``, from the shortest: each start at most
    MAX_TOKENS words and MAX_CHARS characters back, never across a break."""
    found: list[Option] = []
    causes = _causes()
    joined = ""  # the words first..last, quotes left out, grown one word at a time
    first = last
    while first >= lo and last - first < MAX_TOKENS:
        k = kinds[first]
        if k in BREAKS:
            break
        if tokens[last].end - tokens[first].start > MAX_CHARS:
            break
        word = tokens[first].word
        if word not in QUOTES:
            joined = word + joined
        if (k not in NO_START and word not in CLOSING
                and tokens[first].reading not in causes) or _glued_number(tokens, first, last):
            text = _phrase_text(joined)
            if text and _balanced(text):
                found.append(Option(first, last, text, tokens[first].start, tokens[last].end))
        if k == "DET":
            break  # 李华|本届比赛: a determiner opens its phrase
        first -= 1
    return found


def entity_options(
    sentence: Sentence, kinds: list[str], at: int, every: list[Option]
) -> list[Option]:
    """Entity candidates of the mention at token ``at`` among ``every`` phrase of its
    sentence (``kinds``: its tokens' kinds_of): those after it in its clause, and those
    before it in its clause and the CLAUSES_BACK clauses before that."""
    clause_of = sentence.clause_of
    clause = clause_of[at]
    tokens = sentence.tokens
    bases = base_words()  # 比上届同期增长3.4%: 上届 is what is compared with (rule 5)
    # a phrase ending at or after ``adjoining`` has only 的, quotes or spaces before the figure
    adjoining = at
    while adjoining > 0 and (tokens[adjoining - 1].reading == "的" or (
            tokens[adjoining - 1].flag == "x" and kinds[adjoining - 1] in BASE_GAP)):
        adjoining -= 1
    asides = _asides(tokens, at)
    return [
        o for o in every
        if ((o.last < at and clause_of[o.last] >= clause - CLAUSES_BACK
             and not (o.last + 1 >= adjoining and _share_base(tokens, kinds, o))
             and not _compared_with(tokens, kinds, o.first, bases))
            or (o.first > at and clause_of[o.first] == clause))
        and not any(first < o.first and o.last < last for first, last in asides)
    ]


ASIDE_OPENS: Final = frozenset("（(")
ASIDE_CLOSES: Final = frozenset("）)")


def _asides(tokens: tuple[Token, ...], at: int) -> list[tuple[int, int]]:
    """The bracketed asides of the sentence that the figure at ``at`` stands outside of
    (增长38.0%（按可比口径计算，详见附注二），比2019年增长41.3%): no phrase inside one
    measures it (the gold never has one)."""
    found: list[tuple[int, int]] = []
    opened = -1
    for i, token in enumerate(tokens):
        if token.reading in ASIDE_OPENS:
            opened = i
        elif token.reading in ASIDE_CLOSES and opened >= 0:
            if not opened < at < i:
                found.append((opened, i))
            opened = -1
    return found


# what may stand between 比 and the phrase it compares with (比当前水平, 比上年12月份)
BASE_OPENING: Final = frozenset({"T", "M", "Q", "SPACE", "COMPARE"})


def _compared_with(
    tokens: tuple[Token, ...], kinds: list[str], first: int, bases: frozenset[str]
) -> bool:
    """比当前水平增加134亿英镑: the phrase after 比 is the base of a comparison."""
    i = first - 1
    while i >= 0 and first - i <= 3:
        if tokens[i].reading in bases:
            return True
        if kinds[i] not in BASE_OPENING:
            return False
        i -= 1
    return False


# what may stand between the whole a share is of and its figure (占全国的72%)
BASE_GAP: Final = frozenset({"DE", "Q", "SPACE"})


def _share_base(tokens: tuple[Token, ...], kinds: list[str], option: Option) -> bool:
    """占B的X%: B is the whole the share is taken of, not what it measures (rule 5); but
    a ratio named after 占 is the measure (占总股本比例1%)."""
    if tokens[option.last].reading in ratio_words():
        return False
    i = option.first - 1
    while i >= 0 and option.first - i <= MAX_TOKENS:
        k = kinds[i]
        if k == "SHARE_OF":
            return True
        if k in BREAKS:
            return False
        i -= 1
    return False


def whole_names(sentence: Sentence, kinds: list[str], every: list[Option]) -> list[Option]:
    """The phrases that could name an owner, once per sentence: an owner is a whole name,
    and a phrase opening inside a noun compound (行业协会|商会) is not. A name may also open
    the compound that names what it owns (霍尔果斯公路口岸|出口商品车, 戴尔|股价), where
    ``every`` phrase runs on to the compound's end: the compound's heads are offered too."""
    tokens = sentence.tokens
    heads = [
        o
        for last in range(len(tokens) - 1)
        if kinds[last] in NOUNS and kinds[last + 1] in NOUNS
        for o in _ending_on(tokens, kinds, 0, last)
    ]
    return [
        o for o in every + heads
        if not (o.first > 0 and tokens[o.first - 1].flag[:1] == "n"
                and tokens[o.first].flag[:1] == "n")
        # 记者从银川市旅游局: a preposition introduces an adjunct; an owner's name has none
        and all(tokens[i].flag != "p" for i in range(o.first, o.last + 1))
    ]


def subject_options(sentence: Sentence, at: int, names: list[Option]) -> list[Option]:
    """Subject candidates among the sentence's ``names``: those before the mention (an
    owner is named before its figures, often at the head of a long sentence; one named
    after them the ranker chose 4 times in 1,900 figures: not worth their cost)."""
    return [o for o in names if o.last < at]


@cache
def base_words() -> frozenset[str]:
    return _roles()["base"]


@cache
def ratio_words() -> frozenset[str]:
    return _roles()["ratio"]


# The tables below are passed in by their caller, which fetches them once per sentence:
# from compiled code each call of a cached function goes through Python's call machinery,
# once per candidate.
@cache
def actor_heads() -> tuple[frozenset[str], tuple[int, ...]]:
    heads = _roles()["actor_head"]
    return frozenset(heads), tuple(sorted({len(head) for head in heads}))


def ends_on_actor(text: str, heads: frozenset[str], sizes: tuple[int, ...]) -> bool:
    """协会, 集团, 局: the phrase ends on a word that names who acts (a look-up for each
    length of those words: ``endswith`` over all of them cost a test each); ``heads`` and
    ``sizes`` are actor_heads()."""
    return any(text[-size:] in heads for size in sizes)


@cache
def owner_endings() -> dict[str, str]:
    """head ending → the kind of owner it names (owner_org → org)."""
    roles = _roles()
    return {word: role[len("owner_"):] for role in sorted(roles) if role.startswith("owner_")
            for word in roles[role]}


def owner_kind(text: str, endings: dict[str, str]) -> str:
    """The kind of owner a phrase names by its ending (海关 → org, 储能电站 → work);
    ``endings`` is owner_endings()."""
    for size in (3, 2, 1):
        found = endings.get(text[-size:])
        if found is not None:
            return found
    return "none"


@cache
def _sector_words() -> frozenset[str]:
    return _roles()["owner_sector"]


@cache
def reporting_words() -> frozenset[str]:
    return _roles()["report"]


@cache
def verb_classes() -> dict[str, str]:
    """verb → what it tells of the phrase before it: ``act`` (完成, 接待: what an owner
    does or has), ``cause`` (造成: an event's toll), ``report`` (发布: who tells a figure)."""
    roles = _roles()
    table = {word: "report" for word in roles["report"]}
    table.update((word, "cause") for word in roles["cause"])
    table.update((word, "act") for word in roles["owner_act"])
    return table


# 客流量、营业额同比分别增长26.9%和21.7%: the k-th figure is the k-th thing's
DISTRIBUTING: Final = "分别"
# word classes between a list of things and its 分别 (同比, 比上年, 今年)
BEFORE_DISTRIBUTING: Final = frozenset({"COMPARE", "SKIP_CLAUSE", "ADVERB", "T", "d", "SPACE"})


@dataclass(frozen=True)
class Distributed:
    """A figure that 分别 hands out: the ``place``-th (from 0) of ``count`` figures, with
    the things the list names before 分别 (token spans, in order) and the figures of the
    sentence before it (token indices) whose changes it may hand out: none if a noun
    stands between them and 分别. ``owners`` are the things the figures belong to: the
    list's own, or where they are not one for each figure, those of an earlier 分别 list
    of the sentence that are (东盟、拉美、非洲进出口分别增长…，占全国比重分别达…)."""

    place: int
    count: int
    things: tuple[tuple[int, int], ...]
    figures_before: tuple[int, ...]
    owners: tuple[tuple[int, int], ...]


def distributed(sentence: Sentence, kinds: list[str], at: int) -> Distributed | None:
    """The list the figure at token ``at`` stands in after a 分别 of its clause, if any."""
    tokens = sentence.tokens
    lead = -1
    for i in range(at - 1, -1, -1):
        if kinds[i] == "END":
            return None
        if tokens[i].reading == DISTRIBUTING:
            lead = i
            break
    if lead < 0:
        return None
    figures = []
    for j in range(lead + 1, len(tokens)):
        if kinds[j] == "END":
            break
        if kinds[j] == NUM:
            figures.append(j)
    if len(figures) < 2 or at not in figures:
        return None
    count = len(figures)
    things = _things_before(kinds, lead)
    # 有色金属、煤炭、非银金融行业的募资金额居前，分别为…: a 分别 opening its clause hands its
    # figures to the list of the clause before, whose measure that clause names too
    listed_before = [] if things else _list_of_clause_before(sentence, kinds, lead, count)
    before = tuple(j for j in range(lead) if kinds[j] == NUM)
    if before and _names_its_measure(sentence, kinds, before[-1], lead, things or listed_before,
                                     count):
        before = ()
    owners = things or listed_before
    if len(owners) != count:  # the things of the nearest earlier list with as many
        for i in range(lead - 1, -1, -1):
            if tokens[i].reading == DISTRIBUTING:
                earlier = _things_before(kinds, i)
                if len(earlier) == count:
                    owners = earlier
                    break
    return Distributed(figures.index(at), count, tuple(things), before, tuple(owners))


def _before_distributing(kinds: list[str], lead: int) -> int:
    """The last token before a 分别 at ``lead`` past the words that may stand between it
    and its list (同比, 今年), or -1."""
    i = lead - 1
    while i >= 0 and kinds[i] in BEFORE_DISTRIBUTING:
        i -= 1
    return i


def _things_before(kinds: list[str], lead: int) -> list[tuple[int, int]]:
    """The things a 分别 at token ``lead`` hands out to: the coordinated phrases right
    before it, split at 、 and conjunctions (token spans, in order)."""
    things: list[tuple[int, int]] = []
    i = _before_distributing(kinds, lead)
    last = i
    while i >= 0 and kinds[i] not in BREAKS:
        if kinds[i] in ("SEP", "c"):
            if last > i:
                things.append((i + 1, last))
            last = i - 1
        i -= 1
    if last > i:
        things.append((i + 1, last))
    things.reverse()
    return things


def _list_of_clause_before(sentence: Sentence, kinds: list[str], lead: int, count: int
                           ) -> list[tuple[int, int]]:
    """The ``count`` things listed in the clause right before the one a 分别 at token
    ``lead`` opens (token spans, in order), or none: items joined by 、 (and by conjunctions
    where 、 alone makes too few), each free of figures, adverbs and times; the last one
    runs on over nouns as long as the longest other, and over a sector word after them
    (非银金融|行业), not into the measure (平安银行|主力资金)."""
    i = _before_distributing(kinds, lead)
    if i < 1 or kinds[i] != "END":
        return []
    clause_of = sentence.clause_of
    close = i
    first = close - 1
    while first > 0 and clause_of[first - 1] == clause_of[close - 1]:
        first -= 1
    for joins in (("SEP",), ("SEP", "c")):
        items = _listed_items(sentence.tokens, kinds, first, close, joins, count)
        if items:
            return items
    return []


# what the first item of a list opens after: a locative or a preposition (板块中|招商银行)
ITEM_OPENS: Final = frozenset({"f", "p"})


def _listed_items(tokens: tuple[Token, ...], kinds: list[str], first: int, close: int,
                  joins: tuple[str, ...], count: int) -> list[tuple[int, int]]:
    marks = [j for j in range(first, close) if kinds[j] in joins]
    if len(marks) != count - 1:
        return []
    items: list[tuple[int, int]] = []
    start = marks[0] - 1
    while start >= first and kinds[start] not in BREAKS and kinds[start] not in ITEM_OPENS:
        start -= 1
    start += 1
    for mark in marks:
        if start >= mark or any(kinds[j] in BREAKS for j in range(start, mark)):
            return []
        items.append((start, mark - 1))
        start = mark + 1
    # in characters: the tagger cuts a name it does not know into pieces (非|银|金融)
    if start >= close or kinds[start] in BREAKS:
        return []
    room = max(len("".join(t.word for t in tokens[begin : last + 1])) for begin, last in items)
    last, size = start, len(tokens[start].word)
    while last + 1 < close and kinds[last + 1] in NOUNS and size < room:
        last += 1
        size += len(tokens[last].word)
    if last + 1 < close and tokens[last + 1].reading in _sector_words():
        last += 1  # 通信、电子、计算机|行业: the list's shared kind of thing
    items.append((start, last))
    return items


def _names_its_measure(sentence: Sentence, kinds: list[str], last_figure: int, lead: int,
                       things: list[tuple[int, int]], count: int) -> bool:
    """营业收入分别为…；净利润分别为…: a noun in the clause of 分别, not one of the things it
    hands out to (汽车、纺织等行业分别增长…), is the list's own measure, and its figures are
    not changes of the figures before it (同比分别增长…)."""
    clause_of = sentence.clause_of
    listed = things if len(things) == count else []
    # a list of the clause before (_list_of_clause_before) names its measure there
    opening = clause_of[listed[0][0]] if listed else clause_of[lead]
    return any(kinds[j] in NOUNS and opening <= clause_of[j] <= clause_of[lead]
               and not any(a <= j <= b for a, b in listed)
               for j in range(last_figure + 1, lead))
