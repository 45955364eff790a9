"""Stage 4: link each statistic to what it counts (entity), whose it is (subject) and
whether it is a change.

``link_all`` analyses each sentence that holds mentions once (sentences.py), takes the
candidates it offers (candidates.py), describes them (features.py) and lets the learned
ranker choose (ranking.py); changes.py reads the change. A number alone on its line, as in
a data box, takes its entity and subject from the label lines above it instead, read by
the phrase finders below (GUIDELINES §2).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Protocol

import regex

from . import candidates, changes, features, lexicon, ranking, sentences
from .layout import Marks
from .scanning import Candidate
from .tagging import tag
from .valuing import Valued

QUOTES = "“”‘’\"'《》「」『』"
OPEN_BRACKETS, CLOSE_BRACKETS = "(（[【", ")）]】"
# POS tags (jieba's ICTCLAS set) that can stand inside a noun phrase
NOUNISH = {"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "nl", "j", "vn", "an", "eng", "l",
           "b", "s", "zg", "g", "k", "h"}
VERBISH = {"v", "vd", "vi", "vq", "vg"}
NUMERALISH = regex.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")


# The phrase finders below are pure functions of a short fragment: the label lines of a data
# box, which its figures and a page's other boxes share.
_memo = lru_cache(maxsize=1024)


def _words() -> lexicon.Roles:
    return lexicon.words_by_role("link_words.tsv")


def _is_noun(word: str, flag: str) -> bool:
    if word in QUOTES or word in OPEN_BRACKETS or word in CLOSE_BRACKETS:
        return True
    if flag == "m":
        return not NUMERALISH.search(word)
    return flag in NOUNISH or flag.startswith("n")


def _strip_phrase(words: list[str]) -> str | None:
    # GUIDELINES §2: entities are verbatim, quotes stripped
    phrase = "".join(w for w in words if w not in QUOTES).strip(" \t\n\u3000、")
    if phrase.count("(") + phrase.count("（") != phrase.count(")") + phrase.count("）"):
        phrase = phrase.strip("()（）")
    return phrase or None


HARD_STOP_FLAGS = {"p", "c", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o", "t", "m", "r", "f"}
NOUN_PROPER = {"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "nl", "j", "eng", "zg"}
OPEN_QUOTES, CLOSE_QUOTES = "“‘「『《", "”’」』》"
JOINERS = {"和", "与", "及", "、"}  # 新经济组织、新社会组织; 劳动和技能竞赛
# _noun_phrase's tests, combined once rather than at each token (strings test substrings)
NOUN_OR_A, NOUN_OR_VN = NOUN_PROPER | {"a"}, NOUN_PROPER | {"vn"}
NOUN_OR_MODIFIER = NOUN_PROPER | {"b", "a"}
PREDICATE = VERBISH | {"l", "i", "a", "d", "ad"}
PHRASE_END_FLAGS = NOUN_PROPER | {"vn", "q", "v"}
QUOTES_OR_OPENING = QUOTES + OPEN_BRACKETS
OPENING, CLOSING = OPEN_BRACKETS + OPEN_QUOTES, CLOSE_BRACKETS + CLOSE_QUOTES
PHRASE_END_MARKS = CLOSE_QUOTES + "\"'" + CLOSE_BRACKETS


def _stops(word: str, flag: str, nested: bool) -> bool:
    if word in QUOTES or word in OPEN_BRACKETS or word in CLOSE_BRACKETS:
        return False
    if nested:  # inside quotes or brackets: a name or an aside, keep it whole
        return word in "。；;！？!?"
    if flag == "x":
        return True
    if flag == "m":
        return bool(NUMERALISH.search(word))
    return flag in HARD_STOP_FLAGS or flag.startswith("u") and word != "之"


def _noun_phrase(tokens: list[tuple[str, str]], leading_modifiers: bool) -> str | None:
    """The noun phrase opening ``tokens``: nouns and their modifiers, up to the predicate."""
    tokens = [*tokens, ("", "x")]
    words: list[str] = []
    flags: list[str] = []
    seen_noun = False
    depth = 0
    for i, (word, flag) in enumerate(tokens[:-1]):
        following = tokens[i + 1]
        after_next = tokens[i + 2] if i + 2 < len(tokens) else ("", "x")
        nested = depth > 0
        if seen_noun and not nested and word in JOINERS and following[1] in NOUN_OR_A:
            pass
        elif _stops(word, flag, nested):
            # 各级工会, 该片, 北方建设集团: a pronoun or locative may open or sit inside a
            # name; so may one numeral character between name parts (绥四建设集团)
            inside_name = flag in {"r", "f"} or (flag == "m" and seen_noun and len(word) == 1)
            if not (inside_name and following[1] in NOUN_OR_VN):
                break
        elif nested:
            pass
        elif word == "之" and not seen_noun:
            break
        elif not seen_noun and not leading_modifiers and flag not in NOUN_OR_MODIFIER:
            opens_name = flag == "l" and following[1] in NOUN_PROPER
            if word not in QUOTES_OR_OPENING and not opens_name:
                break
        elif seen_noun and flag in PREDICATE:
            # 党员带着团队: a verb after the head noun is the predicate; but 创新工作室,
            # 社会组织、: a verb inside a compound noun, or ending one, belongs to it
            head = following[1] in NOUN_PROPER or following[0] in _words()["actor_head"]
            compound = head and _stops(*after_next, False)
            ends_clause = following[1] == "x" and following[0] not in QUOTES_OR_OPENING
            if not (compound or flag in VERBISH and ends_clause):
                break
        elif seen_noun and flag == "vn" and following[1] in {"p", "d", "v", "uj", "ul", "uz"}:
            break
        depth += word in OPENING
        depth -= word in CLOSING
        depth = max(depth, 0)
        words.append(word)
        flags.append(flag)
        # a quoted name (“五小”) is a noun, whatever its parts
        seen_noun = seen_noun or flag in NOUN_PROPER or word == "之" or word in CLOSE_QUOTES
    while words and not (flags[-1] in PHRASE_END_FLAGS or words[-1] in PHRASE_END_MARKS):
        words.pop()
        flags.pop()
    return _strip_phrase(words) if seen_noun else None


@_memo
def noun_phrase_after(fragment: str) -> str | None:
    """`名党员带着…` → 党员: the noun phrase the measure word introduces."""
    tokens = list(tag(fragment))
    if tokens and tokens[0][0] == "的":
        tokens = tokens[1:]
    if tokens and tokens[0][0] in OPEN_BRACKETS:
        return None  # 四层半(局部五层): an aside, not the thing measured
    return _noun_phrase(tokens, leading_modifiers=True)


@_memo
def phrase_before(fragment: str) -> str | None:
    """`收取简历` → 收取简历, `捐款` → 捐款: the noun phrase or verb the number belongs to."""
    roles = _words()
    tokens = list(tag(fragment))
    while tokens and (tokens[-1][0] in roles["adverb"] | roles["copula"]
                      or tokens[-1][1] in {"d", "x", "p"} and tokens[-1][0] not in QUOTES
                      + CLOSE_BRACKETS):
        tokens.pop()
    words: list[str] = []
    while tokens and _is_noun(*tokens[-1]):
        if tokens[-1][1] in {"ns", "nr", "nt"} and words:
            break
        words.insert(0, tokens.pop()[0])
    if tokens and tokens[-1][1] in VERBISH and tokens[-1][0] not in roles["copula"]:
        words.insert(0, tokens.pop()[0])
    elif tokens and words and tokens[-1][0] == "之" and len(tokens) > 1 and _is_noun(*tokens[-2]):
        words.insert(0, tokens.pop()[0])
        words.insert(0, tokens.pop()[0])
    return _strip_phrase(words)


@_memo
def leading_noun_phrase(fragment: str) -> str | None:
    """`辽宁绥四建设集团捐款` → 辽宁绥四建设集团: who the clause is about."""
    roles = _words()
    tokens = list(tag(fragment))
    while tokens and tokens[0][1] == "t":  # 当年他用半年…: the time opens, the actor follows
        tokens = tokens[1:]
    if not tokens or tokens[0][1] in {"c", "d", "p"}:
        return None
    if tokens[0][0] in roles["skip_clause"]:
        return None
    if tokens[0][0] in roles["pronoun"] | roles["scope"]:
        phrase = _noun_phrase(tokens[1:], leading_modifiers=False)
        return tokens[0][0] + (phrase or "")
    return _noun_phrase(tokens, leading_modifiers=False)


# A data box's label lines are short; a longer line is running text, not a label, and
# bounding the look-up keeps one mention's cost independent of the document's length.
LABEL_LINE_MAX = 80


def _alone_on_line(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The line around ``start:end`` if nothing but spaces shares it with the span."""
    line_start = start
    while line_start > 0 and text[line_start - 1] != "\n":
        line_start -= 1
        if not text[line_start].isspace():
            return None
    line_end = end
    while line_end < len(text) and text[line_end] != "\n":
        if not text[line_end].isspace():
            return None
        line_end += 1
    return line_start, line_end


def data_box_label(text: str, candidate: Candidate) -> tuple[int, str] | None:
    """The label lines above a number that stands on a line of its own, as in a data box."""
    alone = _alone_on_line(text, candidate.start, candidate.end)
    if alone is None:
        return None
    line_start = alone[0]
    lines: list[str] = []
    cursor = line_start - 1
    label_start = line_start
    while cursor > 0:
        previous = text.rfind("\n", max(0, cursor - LABEL_LINE_MAX), cursor) + 1
        if previous == 0 and cursor > LABEL_LINE_MAX:
            break  # a line this long is running text, not a label
        line = text[previous:cursor].strip()
        if line:
            lines.insert(0, line)
            label_start = previous
        elif lines:
            break
        if len(lines) >= 4:
            break
        cursor = previous - 1
    if not lines or any(c in "".join(lines)[-1:] for c in "。！？!?"):
        return None
    return label_start, "".join(lines)


def entity_from_label(label: str) -> str | None:
    roles = _words()
    tokens = tag(label)
    if tokens and (tokens[-1][1] in VERBISH or tokens[-1][0] in roles["copula"]):
        # 党建工作指导员/下沉一线达: the label opens with the thing counted
        while tokens and tokens[0][0] in roles["scope"]:
            tokens = tokens[1:]
        return noun_phrase_after("".join(word for word, _ in tokens))
    return phrase_before(label)


class Link:
    """A mention's entity, subject, sentence and change; never changed once made (a plain
    class, which mypyc compiles, as sentences.Token is)."""

    def __init__(self, entity: str | None, subject: str | None, sentence: str,
                 change: str | None = None) -> None:
        self.entity = entity
        self.subject = subject
        self.sentence = sentence
        self.change = change


def box_link(text: str, candidate: Candidate, change: str | None) -> Link | None:
    """A data box's number takes its entity and subject from its label lines, as they are
    (GUIDELINES §2); None for a number in running text."""
    box = data_box_label(text, candidate)
    if box is None:
        return None
    label_start, label = box
    entity = entity_from_label(label)
    subject = leading_noun_phrase(label)
    if subject and entity and (subject in entity or entity in subject):
        subject = None
    return Link(entity, subject, text[label_start : candidate.end], change)


# A sentence longer than this (a table flattened to one line, a run-on text) is analysed
# in pieces around each mention: a mention's cost must not grow with its sentence.
LONGEST_SENTENCE = 400


def _analysed_span(marks: Marks, sentence: tuple[int, int], start: int, end: int
                   ) -> tuple[int, int]:
    """The span of ``sentence`` (its start and end) analysed for the mention at
    ``start:end``."""
    sentence_start, sentence_end = sentence
    if sentence_end - sentence_start <= LONGEST_SENTENCE:
        return sentence_start, sentence_end
    # the whole clauses around the mention within a bounded reach: a cut inside a word made
    # phrases of its pieces (易中心 of 中国外汇交易中心)
    reach_start = max(sentence_start, start - LONGEST_SENTENCE // 2)
    reach_end = min(sentence_end, end + LONGEST_SENTENCE // 4)
    first, first_end = marks.clause(reach_start, reach_start)
    if first < reach_start:
        first = first_end + 1 if first_end < start else reach_start
    last_start, last = marks.clause(reach_end, reach_end)
    if last > reach_end:
        last = last_start - 1 if last_start - 1 >= end else reach_end
    return first, last


class Chooser(Protocol):
    """Picks one of a mention's candidates: ``kind`` is entity or subject, ``span`` the
    mention's offsets, ``options`` the candidates' texts (None first, for no phrase)."""

    def __call__(
        self, kind: str, span: tuple[int, int], options: list[str | None],
        described: list[features.Features],
    ) -> int: ...


def ranked(
    kind: str, span: tuple[int, int], options: list[str | None],
    described: list[features.Features],
) -> int:
    return ranking.best(kind, described)


def _listed(
    sentence: sentences.Sentence, spread: candidates.Distributed | None,
    every: list[candidates.Option], options: list[candidates.Option | None], links: list[Link],
) -> dict[candidates.Option, str]:
    """How the entity candidates stand in a 分别 list that hands out the figure at ``at``:
    the thing named in its place (客流量、营业额同比分别增长26.9%和21.7%), another of the
    list's things, a phrase holding several of them, or the entity of the earlier figure in
    its place (合同额2599亿元，执行额1615亿元，同比分别增长10.3%和10.6%). Phrases of the
    sentence the figure's own window misses join the candidates."""
    if spread is None:
        return {}
    found: dict[candidates.Option, str] = {}
    if len(spread.things) == spread.count:
        ends = {end: k for k, (_, end) in enumerate(spread.things)}
        for o in every:
            k = ends.get(o.last)
            if k is not None and o.first >= spread.things[k][0]:
                found[o] = "thing" if k == spread.place else "other_thing"
            elif sum(o.first <= end <= o.last for _, end in spread.things) > 1:
                found[o] = "several_things"  # 客流量、营业额: the whole list, no one figure's
    if len(spread.figures_before) >= spread.count:
        token = spread.figures_before[len(spread.figures_before) - spread.count + spread.place]
        earlier = sentence.tokens[token].mention
        entity = links[earlier].entity if 0 <= earlier < len(links) else None
        for o in every:
            if o.text == entity and o.last < token:
                found[o] = "figure"
    for o in found:
        if o not in options:
            options.append(o)
    return found


def _listed_owners(
    spread: candidates.Distributed | None, options: list[candidates.Option | None]
) -> dict[candidates.Option, str]:
    """How the subject candidates stand in a 分别 list: inside the thing named in this
    figure's place (韩国、德国…实际对华投资分别增长106.2%、95.8%…: 韩国 owns the first
    figure), or inside another of its things."""
    if spread is None or len(spread.owners) != spread.count:
        return {}
    found: dict[candidates.Option, str] = {}
    for o in options:
        if o is None:
            continue
        for k, (first, last) in enumerate(spread.owners):
            if first <= o.first and o.last <= last:
                found[o] = "thing" if k == spread.place else "other_thing"
                break
    return found


def link_all(
    text: str,
    mentions: list[tuple[Candidate, Valued]],
    marks: Marks,
    choose: Chooser = ranked,
) -> list[Link]:
    """Entity, subject, change and sentence of every mention of an article: each sentence
    that holds mentions is analysed once, and each choice is made among its candidates."""
    links: list[Link] = []
    # mentions come in text order, so one sentence's are consecutive: keep the last analysis
    analysed_span = (-1, -1)
    sentence = sentences.Sentence(0, 0, (), ())
    kinds: list[str] = []
    every: list[candidates.Option] = []
    names: list[candidates.Option] = []
    article = features.Article(text)
    tables = features.Tables()
    describer = features.Describer(sentence, kinds, article, tables)
    last_subject: str | None = None
    previous_entity: candidates.Option | None = None
    bounds = [marks.sentence(c.start, c.end) for c, _ in mentions]
    spans = [_analysed_span(marks, bounds[i], c.start, c.end)
             for i, (c, _) in enumerate(mentions)]
    starts = [c.start for c, _ in mentions]
    for i, (candidate, valued) in enumerate(mentions):
        span = spans[i]
        if span != analysed_span:
            inside = [
                (j, mentions[j][0].start, mentions[j][0].end)
                for j in range(bisect_left(starts, span[0]), bisect_left(starts, span[1]))
                if mentions[j][0].end <= span[1]
            ]
            sentence = sentences.analyse(text, span[0], span[1], inside)
            kinds = candidates.kinds_of(sentence.tokens)
            every = candidates.phrases(sentence, kinds, 0, len(kinds))
            names = candidates.whole_names(sentence, kinds, every)
            describer = features.Describer(sentence, kinds, article, tables)
            analysed_span = span
            previous_entity = None
        at = sentence.position(i)
        change = changes.change_of(sentence, kinds, at)
        box = box_link(text, candidate, change)
        if box is not None:
            links.append(box)
            continue
        entity_options: list[candidates.Option | None] = [None]
        entity_options += candidates.entity_options(sentence, kinds, at, every)
        unit = candidate.parts.get("unit", "")
        if valued.dimension == "count" and unit and unit.isalpha():
            # 39金27银, 农业农村部等10部门: the measure word itself names what is counted
            entity_options.append(
                candidates.Option(at, at, unit, candidate.end - len(unit), candidate.end))
        spread = candidates.distributed(sentence, kinds, at)
        listed = _listed(sentence, spread, every, entity_options, links)
        if previous_entity is not None and previous_entity not in entity_options:
            # 一季度国内生产总值增长5.4%，…，四季度增长4.5%: a clause that names no measure
            # of its own goes on with the one of the figure before, however far back
            entity_options.append(previous_entity)
            listed[previous_entity] = "previous"  # _listed made the dict for this figure
        entity_features = [features.null_features("entity", valued.dimension,
                                                  len(entity_options) - 1)]
        # most figures stand in no 分别 list: hashing each option for nothing is not free
        entity_features += [
            describer.entity(at, o, valued.dimension, listed.get(o, "") if listed else "")
            for o in entity_options[1:] if o is not None
        ]
        mention_span = (candidate.start, candidate.end)
        pick = choose("entity", mention_span, [o.text if o else None for o in entity_options],
                      entity_features)
        entity = entity_options[pick]
        # an entity read in the sentence (not the measure word of the figure itself)
        previous_entity = entity if entity is not None and entity.first != at else None
        subject_options: list[candidates.Option | None] = [None]
        # not the entity, nor a phrase inside it (民营企业数量 holds 民营企业: of 3,326 such
        # phrases in the gold, 4 were the owner), unless it opens the entity: a name before
        # the measure it owns (戴尔|股价, 延长石油|天然气年产量)
        subject_options += [
            o for o in candidates.subject_options(sentence, at, names)
            if entity is None or not (o.text == entity.text
                                      or entity.first < o.first and o.last <= entity.last)
        ]
        if last_subject and all(o is None or o.text != last_subject for o in subject_options):
            # the owner of the figures before, named in an earlier sentence or clause
            carried = candidates.CARRIED
            subject_options.append(candidates.Option(carried, carried, last_subject, -1, -1))
        subject_features = [describer.no_owner(at, valued.dimension, len(subject_options) - 1,
                                               entity, change)]
        owners = _listed_owners(spread, subject_options)
        subject_features += [
            describer.subject(at, o, valued.dimension, entity, last_subject,
                              owners.get(o, "") if owners else "")
            for o in subject_options[1:] if o is not None
        ]
        pick = choose("subject", mention_span, [o.text if o else None for o in subject_options],
                      subject_features)
        subject = subject_options[pick]
        last_subject = subject.text if subject else last_subject
        sentence_start, sentence_end = bounds[i]
        links.append(Link(entity.text if entity else None, subject.text if subject else None,
                          text[sentence_start : sentence_end + 1].strip(), change))
    return links
