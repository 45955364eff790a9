"""Restated figures: a mention that repeats a statistic the article already gave.

`19.8万名党员` three times, or a data box restating the text: same value, same unit,
the same thing counted and no conflicting period. Each repeat points at the first
mention (its index in the article's list).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .model import Quantity

NOT_IN_NAME = regex.compile(r"[\p{P}\p{S}\s]+")


def entity_key(entity: str | None) -> str:
    """捐赠款(物) and 捐赠款物, “司机之家” and 司机之家 name the same thing."""
    return NOT_IN_NAME.sub("", entity or "")


def same_thing(a: str | None, b: str | None) -> bool:
    """The same entity, or one inside the other (党员 and 职工党员, 科技成果 and 科技成果转化)."""
    a, b = entity_key(a), entity_key(b)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 2 and shorter in longer


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Equal value in the same unit; counts may change measure word (618项 and 618个), and
    then only the entity tells 1金 from 1银 and 30间 from 30户."""
    if (a.value, a.value_max, a.dimension) != (b.value, b.value_max, b.dimension):
        return False
    return a.unit == b.unit or a.dimension == "count"


def same_owner(a: str | None, b: str | None) -> bool:
    """Owners that do not conflict: the same one (民航 and 中国民航), or one left unsaid
    when the figure is restated."""
    return not a or not b or same_thing(a, b)


def restates(later: Quantity, earlier: Quantity) -> bool:
    """The same value, unit, entity, subject and change, and no conflicting period: 早稻
    增产1.2% does not restate 粮食总产量增长1.2%."""
    if not same_measure(later, earlier) or later.change != earlier.change:
        return False
    if later.period_norm and earlier.period_norm and later.period_norm != earlier.period_norm:
        return False
    return same_thing(later.entity, earlier.entity) and same_owner(later.subject, earlier.subject)


def first_mentions(quantities: Sequence[Quantity]) -> list[int | None]:
    """For each mention, the index of the earlier mention it restates, else None."""
    links: list[int | None] = []
    # only a mention of equal value, range and dimension can be restated (same_measure):
    # first mentions are grouped by those, in text order, and each mention is tried
    # against its group alone
    firsts: dict[tuple, list[int]] = {}
    for i, later in enumerate(quantities):
        same = firsts.setdefault((later.value, later.value_max, later.dimension), [])
        link = next((j for j in same if restates(later, quantities[j])), None)
        links.append(link)
        if link is None:
            same.append(i)
    return links
