"""`newsstats check`: figures in one article that cannot all be true.

Three kinds of finding, each naming the two mentions involved:
- parts that do not add up to their stated total (`2543万元，其中，1254万元，1289万元`);
- the same thing, owned by the same subject in the same period, given values that
  contradict each other once their approximation and written precision are allowed for
  (`2543万余元` and `2543.7万元` agree; exact `2543万元` and `2600万元` do not);
- a share of something over 100%.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import regex

from . import layout, lexicon, linking
from .linking import _words as link_words
from .model import Quantity
from .repeats import entity_key, same_thing

ARABIC = regex.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
FRACTIONS = {"percent", "permille", "ratio"}


@dataclass(frozen=True)
class Finding:
    kind: str  # parts_total, contradiction, share_over_100
    message: str
    first: Quantity
    second: Quantity | None

    def row(self, file_name: str) -> dict[str, object]:
        """The output record: both mentions by file and offsets."""
        second = self.second
        return {
            "file": file_name,
            "kind": self.kind,
            "message": self.message,
            "first_start": self.first.start,
            "first_end": self.first.end,
            "first_text": self.first.text,
            "second_start": second.start if second else None,
            "second_end": second.end if second else None,
            "second_text": second.text if second else None,
            # the context a reader needs to judge the finding without opening the article
            "first_sentence": self.first.sentence,
            "second_sentence": second.sentence if second else None,
        }


def resolution(q: Quantity) -> float:
    """The step of the last written digit: 2543万 → 10000, 2543.7万 → 1000, 80.2% → 0.1."""
    written = ARABIC.search(q.text)
    if written:
        digits = written.group().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        shown = float(digits)
        decimals = len(digits.partition(".")[2])
        factor = q.value / shown if shown else 1
        return abs(factor) * 10.0**-decimals
    value = Decimal(str(q.value))
    if value != value.to_integral():
        return 10.0 ** value.as_tuple().exponent
    step = 1
    while value and value % (step * 10) == 0:
        step *= 10
    return float(step)


def interval(q: Quantity) -> tuple[float, float]:
    """The values the mention allows: 2543万 → 2542万..2544万 (a figure may be rounded or
    cut), 2543万余 → 2543万..2544万, 超727万 → 727万 and up, 3至5万 → 3万..5万."""
    value, step = float(q.value), resolution(q)
    if q.value_max is not None:
        return value, float(q.value_max)
    before = lexicon.approximations()["before"]
    open_ended = any(q.text.startswith(word) for word in before)
    if q.approx == "over":
        return value, math.inf if open_ended else value + step
    if q.approx == "under":
        return (-math.inf if open_ended else value - step), value
    if q.approx == "about":
        return value - step - 0.1 * abs(value), value + step + 0.1 * abs(value)
    return value - step, value + step


ENUMERATION_GAP = 16  # characters between two listed parts: `，捐赠物资价值`
LIST_ENDS = "。；;！？!?)）"


def _parts_of(text: str, total: Quantity, later: list[Quantity]) -> list[Quantity]:
    """The figures a `其中` right after ``total`` enumerates: same unit, one after another,
    up to the end of the sentence or of the bracket (`38人死亡（其中四川32人，云南6人）`)."""
    markers = link_words()["parts_follow"]
    opening = text[total.end : total.end + 6]
    if total.dimension in FRACTIONS or not any(m in opening for m in markers):
        return []
    parts: list[Quantity] = []
    cursor = total.end
    for q in later:
        gap = text[cursor : q.start]
        if len(gap) > ENUMERATION_GAP + (6 if not parts else 0) or any(c in gap for c in LIST_ENDS):
            break
        if (q.unit, q.dimension) != (total.unit, total.dimension):
            break
        if interval(q)[0] > interval(total)[1]:
            break  # a part bigger than the whole is the next statement, not a part
        parts.append(q)
        cursor = q.end
    names = [entity_key(p.entity) for p in parts]
    # 两款是3G手机，六款有照相功能: overlapping features, not parts of one whole
    return parts if all(names) and len(set(names)) == len(names) else []


def _check_parts(text: str, quantities: list[Quantity]) -> list[Finding]:
    findings = []
    for i, total in enumerate(quantities):
        parts = _parts_of(text, total, quantities[i + 1 :])
        if len(parts) < 2:
            continue
        low, high = interval(total)
        part_low = sum(interval(p)[0] for p in parts)
        part_high = sum(interval(p)[1] for p in parts)
        # parts may list only some of the total; but more than the total, or nearly all of
        # it and yet short, does not add up
        too_much = part_low > high
        # …314亿元，以及动物防疫等补助经费、渔业发展补助资金105亿元: a list that goes on
        # past the parts read is not short
        after = text[parts[-1].end : parts[-1].end + 2].strip()
        ended = not after or after[0] in LIST_ENDS
        nearly = ended and part_high < low and part_high >= 0.9 * low
        if too_much or nearly:
            listed = " + ".join(p.text for p in parts)
            findings.append(Finding(
                "parts_total",
                f"parts {listed} do not add up to {total.text}",
                total, parts[0] if len(parts) == 1 else parts[-1],
            ))
    return findings


def _comparable(a: Quantity, b: Quantity) -> bool:
    # a growth rate and a level, or a rise and a fall, are not two sizes of one thing
    if (a.dimension, a.unit, a.change) != (b.dimension, b.unit, b.change):
        return False
    # figures of one sentence are items of one account (50万元…30万元 from two donors):
    # a contradiction is one statement against another
    if a.sentence == b.sentence:
        return False
    # 增长38.0% and 增长9.8%: a verb is what happened, not a thing that has one size
    if not a.entity or linking.tag(a.entity)[-1][1] not in linking.NOUN_PROPER:
        return False
    # 工人, 议案: a bare two-character noun names a kind, and two counts of a kind are often
    # two groups (37名工人 in hospital, 200多名工人 on the site); 学生在该食堂就餐, 成就和经验:
    # a clause or a pair is not one thing with one size; ages and durations differ by person
    if len(entity_key(a.entity)) < 3 or a.dimension in ("age", "duration"):
        return False
    if any(flag in ("p", "c") for _, flag in linking.tag(a.entity)):
        return False
    if not (a.subject and b.subject) or entity_key(a.subject) != entity_key(b.subject):
        return False
    # 全国铁路…575万人次，预计全国水路发送旅客75万人次: an owner carried from another clause
    # is the linker's guess; one statement against another names its owner in both
    if not (_owner_in_clause(a) and _owner_in_clause(b)):
        return False
    # 全国 owns nothing in particular; and a share's base named as its subject is no owner
    if a.subject in link_words()["scope"] or entity_key(a.subject) == entity_key(
        a.entity
    ):
        return False
    if (a.period_norm or a.period) != (b.period_norm or b.period):
        return False
    # 确诊病例超9790万例 and 平均日增确诊病例约3.9万例: a day's or an average figure of a
    # thing is not a restatement of its total
    if _per_period(a) != _per_period(b):
        return False
    return same_thing(a.entity, b.entity)


# a data box's label and its figure, lines apart, are one clause
OWNER_CLAUSE_MARKS = layout.CLAUSE_MARKS.replace("\n", "")


def _owner_in_clause(q: Quantity) -> bool:
    """The figure's subject is named in its own clause, before the figure."""
    sentence, subject = q.sentence or "", q.subject or ""
    at = sentence.find(q.text)
    while at > 0 and sentence[at - 1].isdigit():  # 75万人次 inside 575万人次
        at = sentence.find(q.text, at + 1)
    if at < 0:
        return False
    opening = max(sentence.rfind(mark, 0, at) for mark in OWNER_CLAUSE_MARKS) + 1
    return subject in sentence[opening:at]


QUALIFIER_REACH = 4  # characters before the entity where 日增, 平均, 累计 qualify it


def _per_period(q: Quantity) -> frozenset[str]:
    """The words of link_words.tsv's ``per_period`` right before the figure's entity in
    its sentence."""
    sentence, entity = q.sentence or "", q.entity or ""
    figure = sentence.find(q.text)
    at = sentence.rfind(entity, 0, figure) if figure >= 0 else -1
    if at < 0:
        at = sentence.find(entity)
    if at < 0:
        return frozenset()
    before = sentence[max(0, at - QUALIFIER_REACH) : at + len(entity)]
    return frozenset(word for word in link_words()["per_period"] if word in before)


def _check_contradictions(quantities: list[Quantity]) -> list[Finding]:
    findings = []
    for i, later in enumerate(quantities):
        for earlier in quantities[:i]:
            if not _comparable(earlier, later):
                continue
            (a_low, a_high), (b_low, b_high) = interval(earlier), interval(later)
            if a_high < b_low or b_high < a_low:
                findings.append(Finding(
                    "contradiction",
                    f"{later.entity} of {later.subject}: {earlier.text} and {later.text}",
                    earlier, later,
                ))
                break
    return findings


def _check_shares(text: str, quantities: list[Quantity]) -> list[Finding]:
    share_words = link_words()["share_of"]
    findings = []
    for q in quantities:
        if q.dimension not in FRACTIONS:
            continue
        whole = {"percent": 100, "permille": 1000, "ratio": 1}[q.dimension]
        clause = regex.split(r"[，,。；;：:]", text[max(0, q.start - 20) : q.start])[-1]
        if q.value > whole and any(word in clause for word in share_words):
            findings.append(Finding("share_over_100", f"a share of {q.text} is over the whole",
                                    q, None))
    return findings


def check(text: str, quantities: list[Quantity]) -> list[Finding]:
    """Every inconsistency among the statistics of one article, in text order."""
    findings = (
        _check_parts(text, quantities)
        + _check_contradictions(quantities)
        + _check_shares(text, quantities)
    )
    return sorted(findings, key=lambda f: f.first.start)
