"""The pure core: text in, list of Quantity out."""

from __future__ import annotations

from . import filtering, linking, scanning, valuing
from .model import Quantity
from .numerals import to_plain


def extract(text: str) -> list[Quantity]:
    """Every statistic mention in ``text``, in text order."""
    valued = []
    for candidate in scanning.scan(text):
        reading = valuing.value(candidate)
        # a bare number with no unit is never a statistic, but ranges and lists need it first
        if reading is not None and reading.dimension:
            valued.append((candidate, reading))
    if not valued:
        return []
    excluded = filtering.exclusions(text)
    results = []
    for i, (candidate, reading) in enumerate(valued):
        neighbours = (
            valued[i - 1][0] if i else None,
            valued[i + 1][0] if i + 1 < len(valued) else None,
        )
        if not filtering.is_statistic(candidate, reading, text, excluded, neighbours):
            continue
        floor = neighbours[0].end if neighbours[0] else 0
        link = linking.link(text, candidate, reading, floor)
        previous = results[-1] if results else None
        if link.entity is None and previous and previous.end == candidate.start:
            # 受灾人口20480户44365人: figures glued together count the same thing
            link = linking.Link(previous.entity, previous.subject or link.subject, link.sentence)
        results.append(
            Quantity(
                start=candidate.start,
                end=candidate.end,
                text=candidate.text,
                value=to_plain(reading.value),
                value_max=None if reading.value_max is None else to_plain(reading.value_max),
                unit=reading.unit,
                dimension=reading.dimension,
                approx=reading.approx,
                entity=link.entity,
                subject=link.subject,
                sentence=link.sentence,
            )
        )
    return results
