"""Features: what the ranker knows of a candidate phrase, as strings.

Each candidate (candidates.py) is described by where it stands against its mention (which
side, how many clauses back, which kinds of words lie between: `增长`, `比上年`, another
figure), what it is made of (its first and last word classes, its head word, its length)
and whether the hand-written rules of linking.py chose it. ranking.py weighs them; the
weights are learned (tools/train_linker.py).
"""

from __future__ import annotations

from . import ranking
from .candidates import NOUNS, Option, actor_heads
from .sentences import NUM, Sentence

# Features are listed in a fixed order (sets sorted): the trainer sums them in that order,
# and another order would round a weight differently under another hash seed.

# word classes that may stand between a measure and its figure without ending the link:
# change and comparison words, adverbs, copulas, times (服务业增加值比上年增长5.4%)
BRIDGES = frozenset({"UP", "DOWN", "COMPARE", "ADVERB", "COPULA", "LEVEL", "T", "d", "SPACE",
                     "Q", "SHARE_OF"})
INSIDE_KINDS = frozenset({"DE", "V", "NS", "NT", "NR", "T", "SEP", "UP", "DOWN", "Q", "f",
                          "a", "SCOPE", "c"})


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
    """A candidate's features: ``static`` ones (what the phrase is made of, shared by every
    mention of the sentence, with their summed weight worked out once) and ``relational``
    ones (where it stands against this mention)."""

    __slots__ = ("static", "static_score", "relational")

    def __init__(self, static: list[str], static_score: float, relational: list[str]) -> None:
        self.static = static
        self.static_score = static_score
        self.relational = relational

    def names(self) -> list[str]:
        return self.static + self.relational


class Describer:
    """The features of one analysed sentence's candidates. What a phrase is made of is the
    same for every mention of the sentence and is worked out once per phrase; only where
    it stands against each mention is worked out per mention."""

    def __init__(self, sentence: Sentence, kinds: list[str]) -> None:
        self.sentence = sentence
        self.kinds = kinds
        self._entity_static: dict[tuple[int, int, str], tuple[list[str], float]] = {}
        self._subject_static: dict[tuple[int, int, str], tuple[list[str], float]] = {}

    def _static_entity(self, option: Option, side: str) -> tuple[list[str], float]:
        key = (option.first, option.last, side)
        cached = self._entity_static.get(key)
        if cached is not None:
            return cached
        kinds, tokens = self.kinds, self.sentence.tokens
        prev = kinds[option.first - 1] if option.first > 0 else "BOS"
        following = kinds[option.last + 1] if option.last + 1 < len(kinds) else "EOS"
        first, last = kinds[option.first], kinds[option.last]
        head = tokens[option.last].reading
        found = [
            "side=" + side,
            f"{side}|prev={prev}",
            f"{side}|next={following}",
            f"{side}|first={first}",
            f"{side}|last={last}",
            f"{side}|len={_bucket(option.last - option.first + 1)}",
            f"{side}|chars={_bucket(len(option.text) // 2)}",
            # 行业协会|商会捐赠款物: a phrase that opens inside a noun compound
            f"{side}|cuts_compound={prev in NOUNS and first in NOUNS}",
            "head=" + head,
            f"{side}|head={head}",
        ]
        found.extend(
            f"{side}|has:{k}"
            for k in sorted({kinds[i] for i in range(option.first, option.last + 1)})
            if k in INSIDE_KINDS
        )
        if last not in NOUNS:
            found.append(f"{side}|last={last}|next={following}")
        cached = (found, ranking.score("entity", found))
        self._entity_static[key] = cached
        return cached

    def entity(self, at: int, option: Option, dimension: str, rule: str | None) -> Features:
        kinds, sentence = self.kinds, self.sentence
        before = option.last < at
        side = "L" if before else "R"
        gap = kinds[option.last + 1 : at] if before else kinds[at + 1 : option.first]
        clauses = sentence.clause_of[at] - sentence.clause_of[option.last] if before else 0
        bridged = all(k in BRIDGES for k in gap)
        static, static_score = self._static_entity(option, side)
        features = [
            f"{side}|gap={_bucket(len(gap))}",
            f"{side}|clauses={clauses}",
            f"{side}|bridged={bridged}",
            f"{side}|dim={dimension}",
            f"{side}|bridged={bridged}|clauses={clauses}",
            f"{side}|bridged={bridged}|dim={dimension}",
        ]
        features.extend(f"{side}|gap:{k}" for k in sorted(set(gap)))
        if before and NUM in gap:
            # 一、二、三产业分别增长…: a list of figures between the phrase and this one
            listed = all(k in BRIDGES or k in ("NUM", "SEP") for k in gap)
            features.append(f"L|past_figures|list={listed}")
        if not before and gap == ["DE"]:
            features.append("R|de")
        relation = _rule_relation(option.text, rule)
        if relation:
            features.append("rule=" + relation)
        return Features(static, static_score, features)

    def _static_subject(self, option: Option, side: str) -> tuple[list[str], float]:
        key = (option.first, option.last, side)
        cached = self._subject_static.get(key)
        if cached is not None:
            return cached
        kinds, tokens, sentence = self.kinds, self.sentence.tokens, self.sentence
        prev = kinds[option.first - 1] if option.first > 0 else "BOS"
        following = kinds[option.last + 1] if option.last + 1 < len(kinds) else "EOS"
        inside = {kinds[i] for i in range(option.first, option.last + 1)}
        flags = {tokens[i].flag for i in range(option.first, option.last + 1)}
        leads = prev in ("BOS", "END", "T", "SKIP_CLAUSE") or (
            option.first > 0
            and sentence.clause_of[option.first - 1] < sentence.clause_of[option.first]
        )
        found = [
            f"{side}|prev={prev}",
            f"{side}|next={following}",
            f"{side}|last={kinds[option.last]}",
            f"{side}|first={kinds[option.first]}",
            f"{side}|leads={leads}",
            f"{side}|len={_bucket(option.last - option.first + 1)}",
            "head=" + tokens[option.last].reading,
            "prevword=" + (tokens[option.first - 1].reading if option.first > 0 else "BOS"),
            "nextword="
            + (tokens[option.last + 1].reading if option.last + 1 < len(tokens) else "EOS"),
            f"first_phrase={option.first == 0 or prev == 'BOS'}",
        ]
        found.extend(f"has:{k}" for k in sorted(inside) if k in INSIDE_KINDS or k in NOUNS)
        found.extend(
            f"flag:{f}" for f in sorted(flags) if f in ("nt", "nr", "ns", "nz", "j", "eng")
        )
        if inside <= {"NS", "SEP"}:
            found.append("only_places")
        if option.text.endswith(actor_heads()):
            found.append("actor_head")
        cached = (found, ranking.score("subject", found))
        self._subject_static[key] = cached
        return cached

    def subject(
        self, at: int, option: Option, dimension: str, entity: Option | None,
        rule: str | None, last_subject: str | None,
    ) -> Features:
        if option.first < 0:  # the subject of the figures before, not in this sentence
            return Features([], 0.0, ["carried", f"carried|dim={dimension}",
                                      f"carried|entity={'none' if entity is None else 'some'}"])
        kinds = self.kinds
        before = option.last < at
        side = "L" if before else "R"
        clauses = self.sentence.clause_of[at] - self.sentence.clause_of[option.last]
        static, static_score = self._static_subject(option, side)
        features = [
            "side=" + side,
            f"{side}|clauses={_bucket(clauses)}",
            f"dim={dimension}",
        ]
        if entity is None:
            features.append("entity=none")
        elif option.first <= entity.first and entity.last <= option.last:
            features.append("entity=inside")
        elif entity.first <= option.first and option.last <= entity.last:
            features.append("entity=contains")
        elif option.last + 1 == entity.first:
            features.append("entity=right_after")
        elif option.last < entity.first:
            features.append("entity=after")
            between = {kinds[i] for i in range(option.last + 1, entity.first)}
            features.extend(f"to_entity:{k}" for k in sorted(between))
            features.append(f"to_entity={_bucket(entity.first - option.last - 1)}")
        else:
            features.append("entity=before")
        if option.text == last_subject:
            features.append("same_as_last")
        relation = _rule_relation(option.text, rule)
        if relation:
            features.append("rule=" + relation)
        return Features(static, static_score, features)


def null_features(kind: str, dimension: str, options: int) -> Features:
    return Features([], 0.0, [f"{kind}|NULL", f"{kind}|NULL|dim={dimension}",
                              f"{kind}|NULL|n={_bucket(options)}"])
