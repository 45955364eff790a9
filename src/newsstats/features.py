"""Features: what the ranker knows of a candidate phrase, as strings.

Each candidate (candidates.py) is described by where it stands against its mention (which
side, how many clauses back, which kinds of words lie between: `增长`, `比上年`, another
figure), what it is made of (its first and last word classes, its head word, its length)
and whether the hand-written rules of linking.py chose it. ranking.py weighs them; the
weights are learned (tools/train_linker.py).
"""

from __future__ import annotations

from collections.abc import Callable

from . import ranking
from .candidates import CARRIED, NOUNS, Option, actor_heads
from .sentences import NUM, Sentence

# Features are listed in a fixed order (sets sorted): the trainer sums them in that order,
# and another order would round a weight differently under another hash seed.

# word classes that may stand between a measure and its figure without ending the link:
# change and comparison words, adverbs, copulas, times (服务业增加值比上年增长5.4%)
BRIDGES = frozenset({"UP", "DOWN", "COMPARE", "ADVERB", "COPULA", "LEVEL", "T", "d", "SPACE",
                     "Q", "SHARE_OF"})
INSIDE_KINDS = frozenset({"DE", "V", "NS", "NT", "NR", "T", "SEP", "UP", "DOWN", "Q", "f",
                          "a", "SCOPE", "c"})
NAME_FLAGS = frozenset({"nt", "nr", "ns", "nz", "j", "eng"})


_BUCKETS = ("0", "1", "2", "3", "4-6", "4-6", "4-6")


def _bucket(n: int) -> str:
    return _BUCKETS[n] if 0 <= n < 7 else "7+"


def _rule_relation(text: str, rule: str | None) -> str | None:
    if not rule:
        return None
    if text == rule:
        return "eq"
    if text in rule:
        return "in"
    if rule in text:
        return "has"
    return None


class Features:
    """A candidate's summed weight, and its features' names for the trainer: the names are
    spelled out only when asked for, as scoring needs just the sum."""

    __slots__ = ("score", "_names")

    def __init__(self, score: float, names: Callable[[], list[str]]) -> None:
        self.score = score
        self._names = names

    def names(self) -> list[str]:
        return self._names()


# A description is worked out from a small key (the word classes, sides and distances that
# the feature strings spell out), and its summed weight is remembered by that key until the
# weights change: most keys recur thousands of times in an archive, and building the strings
# and summing their weights for each candidate was most of the linker's time. Only the sum
# is kept (a few MB): the names are spelled out again when the trainer asks for them.
Described = tuple[Callable[[], list[str]], float]


def _described(kind: str, key: tuple, render: Callable[[], list[str]]) -> Described:
    memo = ranking.memo(kind)
    score = memo.get(key)
    if score is None:
        score = ranking.score(kind, render())
        memo[key] = score
    return render, score


class Describer:
    """The features of one analysed sentence's candidates. What a phrase is made of is the
    same for every mention of the sentence and is worked out once per phrase; only where
    it stands against each mention is worked out per mention."""

    def __init__(self, sentence: Sentence, kinds: list[str]) -> None:
        self.sentence = sentence
        self.kinds = kinds
        self._entity_static: dict[tuple[int, int, bool], Described] = {}
        self._subject_static: dict[tuple[int, int, bool], Described] = {}

    def _static_entity(self, option: Option, before: bool) -> Described:
        key = (option.first, option.last, before)
        cached = self._entity_static.get(key)
        if cached is not None:
            return cached
        kinds, tokens = self.kinds, self.sentence.tokens
        side = "L" if before else "R"
        prev = kinds[option.first - 1] if option.first > 0 else "BOS"
        following = kinds[option.last + 1] if option.last + 1 < len(kinds) else "EOS"
        first, last = kinds[option.first], kinds[option.last]
        head = tokens[option.last].reading
        inside = tuple(sorted({kinds[i] for i in range(option.first, option.last + 1)}
                              & INSIDE_KINDS))
        size = _bucket(option.last - option.first + 1)
        chars = _bucket(len(option.text) // 2)

        def render() -> list[str]:
            found = [
                "side=" + side,
                f"{side}|prev={prev}",
                f"{side}|next={following}",
                f"{side}|first={first}",
                f"{side}|last={last}",
                f"{side}|len={size}",
                f"{side}|chars={chars}",
                # 行业协会|商会捐赠款物: a phrase that opens inside a noun compound
                f"{side}|cuts_compound={prev in NOUNS and first in NOUNS}",
            ]
            found.extend(f"{side}|has:{k}" for k in inside)
            if last not in NOUNS:
                found.append(f"{side}|last={last}|next={following}")
            return found

        # the head word is weighed apart: with it in the key few keys would recur
        words = ["head=" + head, side + "|head=" + head]
        shape, shape_score = _described(
            "entity", ("E", side, prev, following, first, last, size, chars, inside), render)
        cached = (lambda: shape() + words, shape_score + ranking.score("entity", words))
        self._entity_static[key] = cached
        return cached

    def entity(self, at: int, option: Option, dimension: str, rule: str | None) -> Features:
        kinds, sentence = self.kinds, self.sentence
        before = option.last < at
        gap = kinds[option.last + 1 : at] if before else kinds[at + 1 : option.first]
        clauses = sentence.clause_of[at] - sentence.clause_of[option.last] if before else 0
        static, static_score = self._static_entity(option, before)
        gap_kinds = tuple(sorted(set(gap)))
        length = _bucket(len(gap))
        relation = _rule_relation(option.text, rule)

        def render() -> list[str]:
            side = "L" if before else "R"
            bridged = all(k in BRIDGES for k in gap_kinds)
            features = [
                f"{side}|gap={length}",
                f"{side}|clauses={clauses}",
                f"{side}|bridged={bridged}",
                f"{side}|dim={dimension}",
                f"{side}|bridged={bridged}|clauses={clauses}",
                f"{side}|bridged={bridged}|dim={dimension}",
            ]
            features.extend(f"{side}|gap:{k}" for k in gap_kinds)
            if before and NUM in gap_kinds:
                # 一、二、三产业分别增长…: a list of figures between the phrase and this one
                listed = all(k in BRIDGES or k in ("NUM", "SEP") for k in gap_kinds)
                features.append(f"L|past_figures|list={listed}")
            if not before and gap_kinds == ("DE",) and length == "1":
                features.append("R|de")
            if relation:
                features.append("rule=" + relation)
            return features

        relational, relational_score = _described(
            "entity", ("e", before, length, clauses, gap_kinds, dimension, relation), render)
        return Features(static_score + relational_score, lambda: static() + relational())

    def _static_subject(self, option: Option, before: bool) -> Described:
        key = (option.first, option.last, before)
        cached = self._subject_static.get(key)
        if cached is not None:
            return cached
        kinds, tokens, sentence = self.kinds, self.sentence.tokens, self.sentence
        side = "L" if before else "R"
        prev = kinds[option.first - 1] if option.first > 0 else "BOS"
        following = kinds[option.last + 1] if option.last + 1 < len(kinds) else "EOS"
        inside_all = {kinds[i] for i in range(option.first, option.last + 1)}
        inside = tuple(sorted(k for k in inside_all if k in INSIDE_KINDS or k in NOUNS))
        flags = tuple(sorted({tokens[i].flag for i in range(option.first, option.last + 1)}
                             & NAME_FLAGS))
        leads = prev in ("BOS", "END", "T", "SKIP_CLAUSE") or (
            option.first > 0
            and sentence.clause_of[option.first - 1] < sentence.clause_of[option.first]
        )
        last, first = kinds[option.last], kinds[option.first]
        size = _bucket(option.last - option.first + 1)
        head = tokens[option.last].reading
        prevword = tokens[option.first - 1].reading if option.first > 0 else "BOS"
        nextword = tokens[option.last + 1].reading if option.last + 1 < len(tokens) else "EOS"
        opens = option.first == 0 or prev == "BOS"
        only_places = inside_all <= {"NS", "SEP"}
        actor = option.text.endswith(actor_heads())

        def render() -> list[str]:
            found = [
                f"{side}|prev={prev}",
                f"{side}|next={following}",
                f"{side}|last={last}",
                f"{side}|first={first}",
                f"{side}|leads={leads}",
                f"{side}|len={size}",
                f"first_phrase={opens}",
            ]
            found.extend(f"has:{k}" for k in inside)
            found.extend(f"flag:{f}" for f in flags)
            if only_places:
                found.append("only_places")
            if actor:
                found.append("actor_head")
            return found

        # the words are weighed apart: with them in the key few keys would recur
        words = ["head=" + head, "prevword=" + prevword, "nextword=" + nextword]
        shape, shape_score = _described(
            "subject", ("S", side, prev, following, last, first, leads, size, opens, inside,
                        flags, only_places, actor), render)
        cached = (lambda: shape() + words, shape_score + ranking.score("subject", words))
        self._subject_static[key] = cached
        return cached

    def subject(
        self, at: int, option: Option, dimension: str, entity: Option | None,
        rule: str | None, last_subject: str | None,
    ) -> Features:
        if option.first < 0:  # the subject of the figures before, not in this sentence
            how = "carried" if option.first == CARRIED else "carried_rule"
            names = [how, f"{how}|dim={dimension}",
                     f"{how}|entity={'none' if entity is None else 'some'}"]
            return Features(ranking.score("subject", names), lambda: names)
        kinds = self.kinds
        before = option.last < at
        clauses = _bucket(self.sentence.clause_of[at] - self.sentence.clause_of[option.last])
        static, static_score = self._static_subject(option, before)
        between: tuple[str, ...] = ()
        distance = ""
        if entity is None:
            placed = "none"
        elif option.first <= entity.first and entity.last <= option.last:
            placed = "inside"
        elif entity.first <= option.first and option.last <= entity.last:
            placed = "contains"
        elif option.last + 1 == entity.first:
            placed = "right_after"
        elif option.last < entity.first:
            placed = "after"
            between = tuple(sorted({kinds[i] for i in range(option.last + 1, entity.first)}))
            distance = _bucket(entity.first - option.last - 1)
        else:
            placed = "before"
        same_as_last = option.text == last_subject
        relation = _rule_relation(option.text, rule)

        def render() -> list[str]:
            side = "L" if before else "R"
            features = ["side=" + side, f"{side}|clauses={clauses}", f"dim={dimension}",
                        "entity=" + placed]
            if placed == "after":
                features.extend(f"to_entity:{k}" for k in between)
                features.append(f"to_entity={distance}")
            if same_as_last:
                features.append("same_as_last")
            if relation:
                features.append("rule=" + relation)
            return features

        relational, relational_score = _described(
            "subject", ("s", before, clauses, dimension, placed, between, distance,
                        same_as_last, relation), render)
        return Features(static_score + relational_score, lambda: static() + relational())


def null_features(kind: str, dimension: str, options: int) -> Features:
    names = [f"{kind}|NULL", f"{kind}|NULL|dim={dimension}", f"{kind}|NULL|n={_bucket(options)}"]
    return Features(ranking.score(kind, names), lambda: names)
