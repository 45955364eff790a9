"""Features: what the ranker knows of a candidate phrase, as strings.

Each candidate (candidates.py) is described by where it stands against its mention (which
side, how many clauses back, which kinds of words lie between: `增长`, `比上年`, another
figure) and what it is made of (its first and last word classes, its head word, its
length); an owner also by its last and first characters, the clusters its words fall in
(data/word_clusters.tsv) and how often the article names it. The choice of no owner is
described by the figure's clause. ranking.py weighs them; the weights are learned
(tools/train_linker.py).
"""

from __future__ import annotations

from typing import Final

from . import lexicon, ranking
from .candidates import (
    CARRIED,
    NOUNS,
    Option,
    actor_heads,
    ends_on_actor,
    owner_endings,
    owner_kind,
    reporting_words,
    verb_classes,
)
from .sentences import NUM, Sentence
from .tagging import reading_table

# Features are listed in a fixed order (sets sorted): the trainer sums them in that order,
# and another order would round a weight differently under another hash seed.

# The tables below are Final: mypyc compiles a final name to a constant or a C static,
# where a module's global is a dict look-up at each use (in loops run per candidate).

# word classes that may stand between a measure and its figure without ending the link:
# change and comparison words, adverbs, copulas, times (服务业增加值比上年增长5.4%)
BRIDGES: Final = frozenset({"UP", "DOWN", "COMPARE", "ADVERB", "COPULA", "LEVEL", "T", "d",
                            "SPACE", "Q", "SHARE_OF"})
# and what joins the figures of a list (10.79亿元、13.03亿元和15.04亿元)
LIST_JOINS: Final = frozenset({"NUM", "SEP", "c"})
INSIDE_KINDS: Final = frozenset({"DE", "V", "NS", "NT", "NR", "T", "SEP", "UP", "DOWN", "Q",
                                 "f", "a", "SCOPE", "c"})
NO_PHRASE: Final = -100  # the group of the no-phrase choice
GAP_KEY: Final = 1 << 20  # token offsets below this make one int key of a span
GAP_READ: Final = 12  # tokens between a subject and its figure whose classes are read
NAME_FLAGS: Final = frozenset({"nt", "nr", "ns", "nz", "j", "eng"})
PLACES_ONLY: Final = frozenset({"NS", "SEP"})  # a phrase of these classes alone names places


_BUCKETS: Final[tuple[str, ...]] = ("0", "1", "2", "3", "4-6", "4-6", "4-6")


def _bucket(n: int) -> str:
    return _BUCKETS[n] if 0 <= n < 7 else "7+"


class Features:
    """A candidate's summed weight, and the keys its feature names are spelled from: the
    names are spelled out only when the trainer asks for them, as scoring needs just the
    sum. Keys, not closures: a closure over its own frame is a reference cycle, and a
    cycle per candidate kept the cyclic collector busy for a tenth of the engine's time."""

    __slots__ = ("score", "parts", "group")

    def __init__(self, score: float, parts: tuple[tuple, ...], group: int) -> None:
        self.score = score
        self.parts = parts
        # the sentence token the phrase ends on (ranking.best adds up phrases that end on
        # the same word); negative for a phrase named outside the sentence, or for none
        self.group = group

    def names(self) -> list[str]:
        found: list[str] = []
        for part in self.parts:
            found.extend(_render(part))
        return found


# A description is worked out from a small key (the word classes, sides and distances that
# the feature strings spell out), and its summed weight is remembered by that key until the
# weights change: most keys recur thousands of times in an archive, and building the strings
# and summing their weights for each candidate was most of the linker's time. Only the sum
# is kept (a few MB): the names are spelled out again from the key when the trainer asks.
def _weighed(kind: str, key: tuple, memo: dict[tuple, float]) -> float:
    score = memo.get(key)
    if score is None:
        score = ranking.score(kind, _render(key))
        memo[key] = score
    return score


def _render(key: tuple) -> list[str]:
    """The feature names a key spells: its first item says which description it is."""
    render = _RENDERERS.get(key[0])
    if render is not None:
        return render(key)
    if key[0] == "K":  # ("K", prefix, words): one name for each word, after the prefix
        return [key[1] + word for word in key[2]]
    if key[0] in WORD_PREFIXES:
        return [prefix + word for prefix, word in zip(WORD_PREFIXES[key[0]], key[1:], strict=True)]
    return list(key[1:])  # "W": the names themselves


# The words of a candidate are weighed apart from its shape (with them in a key few keys
# would recur): a key ("hL", head, head) spells the features head=…, L|head=…, and its
# weight is the sum of each word's weight in the table of its prefix (ranking.by_word).
WORD_PREFIXES = {
    "hL": ("head=", "L|head="),
    "hR": ("head=", "R|head="),
    "w": ("head=", "prevword=", "nextword="),
    "nw": ("NULL|ehead=", "NULL|before="),
    "o": ("opens=",),
    "p": ("eprev=",),
    "c": ("hc=", "fc="),
    "cl": ("hcl=", "pcl=", "ncl="),
}
OWNS: Final = "owns="  # see _subject_clusters
NO_PAIRS: dict[str, float] = {}
UNCLUSTERED: Final = ("-", "-")  # a word word_clusters.tsv does not list


# A description is cut into parts that each read a few of its items: a key of every item
# recurred too seldom (a quarter of the keys of a long run were new, and spelling and
# weighing their names was a tenth of the engine's time), where a part of a few items
# takes a few thousand values at most. The word classes between a phrase and its figure
# make too many sets to remember: each class is weighed from a table ("K" keys).


def _entity_before(key: tuple) -> list[str]:
    _, side, prev, first = key
    # 行业协会|商会捐赠款物: a phrase that opens inside a noun compound
    return [f"{side}|prev={prev}", f"{side}|first={first}",
            f"{side}|cuts_compound={prev in NOUNS and first in NOUNS}"]


def _entity_end(key: tuple) -> list[str]:
    _, side, last, following = key
    found = [f"{side}|next={following}", f"{side}|last={last}"]
    if last not in NOUNS:
        found.append(f"{side}|last={last}|next={following}")
    return found


def _entity_size(key: tuple) -> list[str]:
    _, side, size, chars, inside = key
    found = ["side=" + side, f"{side}|len={size}", f"{side}|chars={chars}"]
    found.extend(f"{side}|has:{k}" for k in inside)
    return found


def _entity_relation(key: tuple) -> list[str]:
    _, before, length, clauses, bridged, listed, only_de, dimension = key
    side = "L" if before else "R"
    features = [
        f"{side}|gap={length}",
        f"{side}|clauses={clauses}",
        f"{side}|bridged={bridged}",
        f"{side}|bridged={bridged}|clauses={clauses}",
        f"{side}|dim={dimension}",
        f"{side}|bridged={bridged}|dim={dimension}",
    ]
    if before and listed:
        # 一、二、三产业分别增长…: a list of figures between the phrase and this one
        features.append(f"L|past_figures|list={listed}")
    if not before and only_de and length == "1":
        features.append("R|de")
    return features


def _subject_standing(key: tuple) -> list[str]:
    _, side, leads, following, owner, reports, opens, actor, only_places = key
    found = [
        f"{side}|leads={leads}|next={following}",
        "owner=" + owner,
        f"{side}|owner={owner}|leads={leads}",
        f"reports={reports}",
        f"{side}|next={following}",
        f"{side}|leads={leads}",
        f"first_phrase={opens}",
    ]
    if only_places:
        found.append("only_places")
    if actor:
        found.append("actor_head")
    return found


def _subject_opening(key: tuple) -> list[str]:
    _, side, prev, size = key
    return [f"{side}|prev={prev}", f"{side}|len={size}"]


def _subject_ends(key: tuple) -> list[str]:
    _, side, first, last = key
    return [f"{side}|last={last}", f"{side}|first={first}"]


def _subject_inside(key: tuple) -> list[str]:
    _, inside, flags = key
    return [f"has:{k}" for k in inside] + [f"flag:{f}" for f in flags]


def _subject_relation(key: tuple) -> list[str]:
    _, before, clauses, dimension, placed, leads, same_as_last, gap_size, verbs = key
    side = "L" if before else "R"
    features = ["side=" + side, f"{side}|clauses={clauses}", f"dim={dimension}",
                "entity=" + placed, f"{side}|clauses={clauses}|leads={leads}",
                f"entity={placed}|leads={leads}"]
    if same_as_last:
        features.append("same_as_last")
    features += [f"{side}|gap={gap_size}", f"{side}|verbs={verbs}",
                 f"{side}|verbs={verbs}|leads={leads}"]
    return features


def _subject_clusters(key: tuple) -> list[str]:
    """Who counts what: the kind of owner (its head word's coarse cluster) with the kind of
    measure (its entity's), and with the figure's dimension."""
    _, owner, measure, dimension = key
    return [f"{OWNS}{owner}|{measure}", f"{OWNS}{owner}|dim={dimension}"]


def _no_phrase(key: tuple) -> list[str]:
    _, kind, dimension, options = key
    return [f"{kind}|NULL", f"{kind}|NULL|dim={dimension}", f"{kind}|NULL|n={options}"]


def _no_owner(key: tuple) -> list[str]:
    """The choice of no owner, and what the figure's clause says of one."""
    _, dimension, options, entity, opens, change, order, named = key
    return _no_phrase(("N", "subject", dimension, options)) + [
        "NULL|entity=" + entity, "NULL|opens=" + opens, "NULL|change=" + change,
        "NULL|order=" + order, f"NULL|named={named}", f"NULL|named={named}|entity={entity}"]


_RENDERERS = {
    "Eb": _entity_before, "Ee": _entity_end, "Es": _entity_size,
    "e": _entity_relation,
    "Ss": _subject_standing, "So": _subject_opening, "Se": _subject_ends, "Si": _subject_inside,
    "s": _subject_relation, "Sc": _subject_clusters,
    "N": _no_phrase,  # the choice of no phrase
    "n": _no_owner,
}


class Article:
    """What the whole article says of a phrase: a name its headline or its text repeats is
    what the report is about (常泰长江大桥…全长约10公里), a phrase said once seldom owns."""

    def __init__(self, text: str) -> None:
        self.text = text
        line = text.find("\n", 1)
        self.headline_end = line if line > 0 else 0
        self._seen: dict[str, tuple[str, str]] = {}

    def salience(self, phrase: str, sentence_start: int) -> tuple[str, str]:
        found = self._seen.get(phrase)
        if found is None:
            found = self._seen[phrase] = (
                "seen=" + _bucket(self.text.count(phrase)),
                f"headline={0 <= self.text.find(phrase, 0, self.headline_end)}")
        if sentence_start < self.headline_end:
            return found[0], "headline=self"
        return found


# the word classes between a phrase and its figure: see Describer._gap
Gap = tuple[tuple[str, ...], int, bool, str]
# what a phrase is made of, worked out once per sentence: its keys and their summed weight
Static = tuple[tuple[tuple, ...], float]
# and for a subject, whether it leads its clause, and its head word's coarse cluster with
# that cluster's weights by measure (_subject_clusters), which the relation to a mention reads
StaticSubject = tuple[tuple[tuple, ...], float, bool, str, dict[str, float]]


class Tables:
    """The tables a candidate is weighed with, fetched once per article, not once for each
    sentence's Describer."""

    def __init__(self) -> None:
        self.head = ranking.by_word("entity", "head=")
        self.side_head = {side: ranking.by_word("entity", side + "|head=") for side in "LR"}
        self.opens = ranking.by_word("entity", "opens=")
        # by side (before the figure or not): word class → weight of the gap holding it
        self.entity_gap_kinds = {before: ranking.by_word("entity", side + "|gap:")
                                 for before, side in ((True, "L"), (False, "R"))}
        self.subject_gap_kinds = {before: ranking.by_word("subject", side + "|gap:")
                                  for before, side in ((True, "L"), (False, "R"))}
        self.to_entity = ranking.by_word("subject", "to_entity:")
        self.eprev = ranking.by_word("entity", "eprev=")
        self.subject_words = [ranking.by_word("subject", prefix)
                              for prefix in WORD_PREFIXES["w"]]
        self.no_owner_words = [ranking.by_word("subject", prefix)
                               for prefix in WORD_PREFIXES["nw"]]
        self.cluster_words = [ranking.by_word("subject", prefix)
                              for prefix in WORD_PREFIXES["cl"]]
        self.clusters = lexicon.word_clusters()
        self.owns = ranking.by_pair("subject", OWNS)
        self.last_chars, self.first_chars = (ranking.by_word("subject", prefix)
                                             for prefix in WORD_PREFIXES["c"])
        # candidates.py's word tables: from compiled code a cached function's call goes
        # through Python's call machinery, once per candidate
        self.verb_classes = verb_classes()
        self.reporting = reporting_words()
        self.owner_endings = owner_endings()
        self.actor_heads, self.actor_sizes = actor_heads()


class Describer:
    """The features of one analysed sentence's candidates. What a phrase is made of is the
    same for every mention of the sentence and is worked out once per phrase; only where
    it stands against each mention is worked out per mention."""

    def __init__(self, sentence: Sentence, kinds: list[str], article: Article,
                 tables: Tables) -> None:
        self.sentence = sentence
        self.kinds = kinds
        self.article = article
        self._entity_static: dict[tuple[int, int, bool], Static] = {}
        self._subject_static: dict[tuple[int, int, bool], StaticSubject] = {}
        self._written_traditional = -1  # unknown until a phrase asks
        self._gaps: dict[int, Gap] = {}
        # a figure's token → the class of the verbs back to each token within GAP_READ
        self._verbs: dict[int, list[str]] = {}
        self.tables = tables
        # the sums remembered by key, fetched once per sentence: memo() starts a kind afresh
        # past its limit
        self._entity_memo = ranking.memo("entity")
        self._subject_memo = ranking.memo("subject")

    def _static_entity(self, option: Option, before: bool) -> Static:
        key = (option.first, option.last, before)
        cached = self._entity_static.get(key)
        if cached is not None:
            return cached
        kinds = self.kinds
        side = "L" if before else "R"
        prev = kinds[option.first - 1] if option.first > 0 else "BOS"
        following = kinds[option.last + 1] if option.last + 1 < len(kinds) else "EOS"
        inside_kinds = {kinds[i] for i in range(option.first, option.last + 1)} & INSIDE_KINDS
        # 民航完成运输总周转量: an owner's verb inside the phrase parts the owner from what
        # it counts (a phrase may open on one: 接待游客)
        acts = self.tables.verb_classes
        tokens = self.sentence.tokens
        if any(kinds[i] == "V" and acts.get(tokens[i].reading) == "act"
               for i in range(option.first + 1, option.last)):
            inside_kinds.add("ACT")
        inside = tuple(sorted(inside_kinds))
        memo = self._entity_memo
        # keys typed as plain tuples: mypyc keeps a tuple of known shape unboxed and makes
        # a new object of it each time it is handed on, a dozen tuples a phrase
        opening: tuple = ("Eb", side, prev, kinds[option.first])
        end: tuple = ("Ee", side, kinds[option.last], following)
        size: tuple = ("Es", side, _bucket(option.last - option.first + 1),
                _bucket(len(option.text) // 2), inside)
        head = self.sentence.tokens[option.last].reading
        words: tuple = ("h" + side, head, head)
        weight = _weighed("entity", opening, memo) + _weighed("entity", end, memo)
        weight += _weighed("entity", size, memo)
        weight += self.tables.head.get(head, 0.0) + self.tables.side_head[side].get(head, 0.0)
        parts: tuple[tuple, ...] = (opening, end, size, words)
        if kinds[option.first] == "V":
            # 发送旅客 and 接待游客 are measures; 完成运输总周转量 is what an owner did
            opener = tokens[option.first].reading
            weight += self.tables.opens.get(opener, 0.0)
            parts += (("o", opener),)
        before_word = tokens[option.first - 1].reading if option.first > 0 else "BOS"
        weight += self.tables.eprev.get(before_word, 0.0)
        parts += (("p", before_word),)
        cached = (parts, weight)
        self._entity_static[key] = cached
        return cached

    def entity(self, at: int, option: Option, dimension: str, listed: str = "") -> Features:
        """``listed``: how the phrase stands in a 分别 list that hands out this figure
        (``thing``: the list's thing in this figure's place; ``other_thing``; ``figure``:
        the entity of the earlier figure in this figure's place)."""
        found = self._entity(at, option, dimension)
        if not listed:
            return found
        names = ("W", "list=" + listed, f"list={listed}|dim={dimension}")
        return Features(found.score + ranking.score("entity", _render(names)),
                        found.parts + (names,), found.group)

    def _entity(self, at: int, option: Option, dimension: str) -> Features:
        kinds, sentence = self.kinds, self.sentence
        if option.first == at:  # the figure's own measure word (39金, 10部门)
            following = kinds[at + 1] if at + 1 < len(kinds) else "EOS"
            names = ("W", "unit", "unit=" + option.text.translate(reading_table()),
                     f"unit|next={following}",
                     f"unit|dim={dimension}")
            return Features(ranking.score("entity", _render(names)), (names,), at)
        before = option.last < at
        gap, size, bridged, listed = (
            self._gap(option.last + 1, at) if before else self._gap(at + 1, option.first))
        clauses = sentence.clause_of[at] - sentence.clause_of[option.last] if before else 0
        parts, static_score = self._static_entity(option, before)
        length = _bucket(size)
        relation: tuple = ("e", before, length, clauses, bridged, listed, gap == ("DE",),
                           dimension)
        weight = static_score + _weighed("entity", relation, self._entity_memo)
        table = self.tables.entity_gap_kinds[before]
        for kind in gap:
            weight += table.get(kind, 0.0)
        between: tuple = ("K", "L|gap:" if before else "R|gap:", gap)
        return Features(weight, parts + (relation, between), option.last)

    def _static_subject(self, option: Option, before: bool) -> StaticSubject:
        key = (option.first, option.last, before)
        cached = self._subject_static.get(key)
        if cached is not None:
            return cached
        kinds, tokens, sentence = self.kinds, self.sentence.tokens, self.sentence
        prev = kinds[option.first - 1] if option.first > 0 else "BOS"
        # the phrase in simplified script, which the word tables are written in (總工會)
        reading = option.text.translate(reading_table()) if self._traditional() else option.text
        inside_all = {kinds[i] for i in range(option.first, option.last + 1)}
        leads = prev in ("BOS", "END", "T", "SKIP_CLAUSE") or (
            option.first > 0
            and sentence.clause_of[option.first - 1] < sentence.clause_of[option.first]
        )
        side = "L" if before else "R"
        shape: tuple[tuple, ...] = (
            ("Ss", side, leads, kinds[option.last + 1] if option.last + 1 < len(kinds) else "EOS",
             owner_kind(reading, self.tables.owner_endings), self._reports(option.last),
             option.first == 0 or prev == "BOS",
             ends_on_actor(reading, self.tables.actor_heads, self.tables.actor_sizes),
             inside_all <= PLACES_ONLY),
            ("So", side, prev, _bucket(option.last - option.first + 1)),
            ("Se", side, kinds[option.first], kinds[option.last]),
            ("Si", tuple(sorted(k for k in inside_all if k in INSIDE_KINDS or k in NOUNS)),
             tuple(sorted({tokens[i].flag for i in range(option.first, option.last + 1)}
                          & NAME_FLAGS))),
        )
        words: tuple = (
            "w",
            tokens[option.last].reading,
            tokens[option.first - 1].reading if option.first > 0 else "BOS",
            tokens[option.last + 1].reading if option.last + 1 < len(tokens) else "EOS",
        )
        head_words, previous_words, next_words = self.tables.subject_words
        memo = self._subject_memo
        weight = head_words.get(words[1], 0.0)
        for part in shape:
            weight += _weighed("subject", part, memo)
        weight += previous_words.get(words[2], 0.0) + next_words.get(words[3], 0.0)
        # its last and first characters (局, 司, 船, 火): the kind of thing a name never seen
        # names, where its head word is one feature among thousands
        last_char, first_char = reading[-1:], reading[:1]
        chars: tuple = ("c", last_char, first_char)
        tables = self.tables
        weight += tables.last_chars.get(last_char, 0.0) + tables.first_chars.get(first_char, 0.0)
        salience: tuple = ("W",) + self.article.salience(option.text, self.sentence.start)
        weight += _weighed("subject", salience, memo)
        # the words' clusters: what the head words of its kind taught, for a name never seen
        clusters = self.tables.clusters
        head = clusters.get(words[1], UNCLUSTERED)
        previous = clusters.get(words[2], UNCLUSTERED)
        following = clusters.get(words[3], UNCLUSTERED)
        grouped: tuple = ("cl", head[1], previous[1], following[1])
        heads, previous_words, next_words = self.tables.cluster_words
        weight += heads.get(head[1], 0.0) + previous_words.get(previous[1], 0.0)
        weight += next_words.get(following[1], 0.0)
        cached = (shape + (words, chars, salience, grouped), weight, leads, head[0],
                  self.tables.owns.get(head[0], NO_PAIRS))
        self._subject_static[key] = cached
        return cached

    def _traditional(self) -> bool:
        """Whether any word of the sentence reads otherwise in simplified script."""
        if self._written_traditional < 0:
            self._written_traditional = int(
                any(t.reading and t.reading != t.word for t in self.sentence.tokens))
        return self._written_traditional > 0

    def _gap(self, lo: int, hi: int) -> Gap:
        """The word classes of tokens ``lo..hi-1`` (sorted, once each), their number, whether
        they all bridge a measure to its figure, and for a gap with figures in it, whether
        it is a list of them (``True``/``False``; else empty): the phrases that end on one
        word share their gap to a figure."""
        key = lo * GAP_KEY + hi
        found = self._gaps.get(key)
        if found is None:
            between = self.kinds[lo:hi]
            kinds = tuple(sorted(set(between)))
            listed = ""
            if NUM in kinds:
                # 1.2亿元、1.5亿元和0.9亿元: a conjunction joins a list's last figure
                listed = str(all(k in BRIDGES or k in LIST_JOINS for k in kinds))
            found = self._gaps[key] = (kinds, len(between), all(k in BRIDGES for k in kinds),
                                       listed)
        return found

    def _verb_class(self, lo: int, hi: int) -> str:
        """What the verbs of tokens ``lo..hi-1`` (at most GAP_READ) say of the phrase before
        them, read from the words, not their classes: 广州港完成货物吞吐量… (``act``) carries
        to an owner never seen, where the word 完成 alone is one feature among thousands.
        Worked out once per figure, for every ``lo`` of its reach in one walk back."""
        found = self._verbs.get(hi)
        if found is None:
            classes = self.tables.verb_classes
            tokens, kinds = self.sentence.tokens, self.kinds
            seen: set[str] = set()
            found = ["none"]
            for i in range(hi - 1, max(hi - GAP_READ, 0) - 1, -1):
                known = classes.get(tokens[i].reading)
                if known is not None:
                    seen.add(known)
                elif kinds[i] == "V":
                    seen.add("other")
                found.append("+".join(sorted(seen)) or "none")
            self._verbs[hi] = found
        return found[hi - lo]

    def _reports(self, last: int) -> bool:
        """A reporting verb follows the phrase in its clause (国家能源局今天发布数据…)."""
        tokens, kinds = self.sentence.tokens, self.kinds
        words = self.tables.reporting
        for i in range(last + 1, min(last + 5, len(tokens))):
            if kinds[i] == "END":
                return False
            if tokens[i].reading in words:
                return True
        return False

    def subject(
        self, at: int, option: Option, dimension: str, entity: Option | None,
        last_subject: str | None, listed: str = "",
    ) -> Features:
        """``listed``: how the phrase stands in a 分别 list that hands out this figure
        (``thing``: inside the thing in this figure's place; ``other_thing``)."""
        if option.first == CARRIED:  # the subject of the figures before, not in this sentence
            names = ("W", "carried", f"carried|dim={dimension}",
                     f"carried|entity={'none' if entity is None else 'some'}")
            return Features(ranking.score("subject", _render(names)), (names,), option.first)
        before = option.last < at
        parts, static_score, leads, owner_cluster, owns_by_measure = self._static_subject(
            option, before)
        between: tuple[str, ...] = ()
        distance = ""
        if entity is None:
            placed = "none"
        elif option.first <= entity.first and entity.last <= option.last:
            placed = "inside"
        elif entity.first == option.first and option.last < entity.last:
            placed = "opens"
        elif entity.first <= option.first and option.last <= entity.last:
            placed = "contains"
        elif option.last + 1 == entity.first:
            placed = "right_after"
        elif option.last < entity.first:
            placed = "after"
            between, gap_size, _, _ = self._gap(option.last + 1, entity.first)
            distance = _bucket(gap_size)
        else:
            placed = "before"
        clause_of = self.sentence.clause_of
        # the word classes between the phrase and its figure: a verb (该工程投资7.7亿元), a
        # 的 (电站的储能容量), a reporting verb's clause (…发布数据显示，用电量…)
        lo, hi = (option.last + 1, at) if before else (at + 1, option.first)
        if hi - lo > GAP_READ:
            # the classes of a far gap are not read: its length alone, not worked out
            gap: tuple[str, ...] = ("far",)
            size = hi - lo
        else:
            gap, size, _, _ = self._gap(lo, hi)
        described: tuple = (
            "s", before, _bucket(clause_of[at] - clause_of[option.last]), dimension, placed,
            leads, option.text == last_subject, _bucket(size),
            self._verb_class(option.last + 1, at) if before and size <= GAP_READ else "far")
        weight = static_score + _weighed("subject", described, self._subject_memo)
        table = self.tables.subject_gap_kinds[before]
        for kind in gap:
            weight += table.get(kind, 0.0)
        measure = "none" if entity is None else self.tables.clusters.get(
            self.sentence.tokens[entity.last].reading, UNCLUSTERED)[0]
        owns: tuple = ("Sc", owner_cluster, measure, dimension)
        weight += owns_by_measure.get(measure, 0.0)
        weight += owns_by_measure.get("dim=" + dimension, 0.0)
        relation: tuple[tuple, ...] = (
            described, ("K", "L|gap:" if before else "R|gap:", gap), owns)
        if placed == "after":
            for kind in between:
                weight += self.tables.to_entity.get(kind, 0.0)
            reach: tuple = ("W", "to_entity=" + distance)
            weight += _weighed("subject", reach, self._subject_memo)
            relation += (("K", "to_entity:", between), reach)
        if not listed:
            return Features(weight, parts + relation, option.last)
        owned = ("W", "owner_list=" + listed, f"owner_list={listed}|entity={placed}")
        return Features(weight + ranking.score("subject", _render(owned)),
                        parts + relation + (owned,), option.last)

    def no_owner(self, at: int, dimension: str, options: int, entity: Option | None,
                 change: str | None) -> Features:
        """The choice of no owner, described by what the figure's clause offers one: 全长约
        10公里 of a bridge named before, 气温 of nobody."""
        kinds, tokens, clause_of = self.kinds, self.sentence.tokens, self.sentence.clause_of
        clause = clause_of[at]
        first = at
        while first > 0 and clause_of[first - 1] == clause:
            first -= 1
        if entity is None:
            placed = "none"
        elif entity.first == at:
            placed = "unit"
        else:
            placed = "before" if entity.last < at else "after"
        named = any(tokens[i].flag in NAME_FLAGS for i in range(first, at))
        order = _bucket(sum(1 for k in kinds[:at] if k == NUM))
        key: tuple = ("n", dimension, _bucket(options), placed,
                      kinds[first] if first < at else "FIGURE", change or "none", order, named)
        head = tokens[entity.last].reading if entity is not None and entity.first != at else ""
        before = tokens[at - 1].reading if at > 0 else "BOS"
        words: tuple = ("nw", head, before)
        ehead, previous = self.tables.no_owner_words
        weight = _weighed("subject", key, self._subject_memo)
        weight += ehead.get(head, 0.0) + previous.get(before, 0.0)
        return Features(weight, (key, words), NO_PHRASE)



def null_features(kind: str, dimension: str, options: int) -> Features:
    key: tuple = ("N", kind, dimension, _bucket(options))
    return Features(_weighed(kind, key, ranking.memo(kind)), (key,), NO_PHRASE)
