"""The pure core: text in, list of Quantity out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from . import filtering, layout, linking, normalising, periods, places, repeats, scanning, valuing
from .model import Quantity
from .numerals import to_plain


def extract(
    text: str, date: dt.date | None = None, choose: linking.Chooser = linking.ranked
) -> list[Quantity]:
    """Every statistic mention in ``text``, in text order.

    ``date`` is the article's date, for resolving 今年 or 目前; without it the date is
    looked for in the article's dateline or title. ``choose`` picks each entity and
    subject among its candidates: the learned ranker, or a trainer's recorder.
    """
    valued = []
    for candidate in scanning.scan(text):
        reading = valuing.value(candidate)
        # a bare number with no unit is never a statistic, but ranges and lists need it first
        if reading is not None and reading.dimension:
            valued.append((candidate, reading))
    if not valued:
        return []
    excluded = filtering.exclusions(text)
    marks = layout.Marks(text)
    statistics = statistics_of(text, valued, excluded)
    if not statistics:
        return []  # a sixth of the articles with numbers: no time or place to look for
    links = linking.link_all(text, statistics, marks, choose)
    found: list[tuple[scanning.Candidate, valuing.Valued, linking.Link]] = []
    for (candidate, reading), link in zip(statistics, links, strict=True):
        if link.entity is None and found and found[-1][0].end == candidate.start:
            # 受灾人口20480户44365人: figures glued together count the same thing
            previous = found[-1][2]
            link = replace(link, entity=previous.entity, subject=previous.subject or link.subject)
        found.append((candidate, reading, link))
    return _with_context(text, marks, found, periods.article_date(text, date))


def statistics_of(
    text: str, valued: list[tuple[scanning.Candidate, valuing.Valued]], excluded
) -> list[tuple[scanning.Candidate, valuing.Valued]]:
    """The valued candidates that are statistics (filtering.py), in text order."""
    kept = []
    for i, (candidate, reading) in enumerate(valued):
        neighbours = (
            valued[i - 1][0] if i else None,
            valued[i + 1][0] if i + 1 < len(valued) else None,
        )
        if filtering.is_statistic(candidate, reading, text, excluded, neighbours):
            kept.append((candidate, reading))
    return kept


def _with_context(text, marks, found, article) -> list[Quantity]:
    # no mention is governed by a time that starts after its clause: the text after the
    # last mention's clause (a third of it in news) is not searched for times
    last_clause_end = max(marks.clause(c.start, c.end)[1] for c, _, _ in found)
    time_expressions = periods.find_periods(text, article, until=last_clause_end)
    named_places = places.find_places(text)
    region = places.article_region(named_places)
    heading_place = places.title_place(text, named_places)
    blocks = layout.block_starts(text)
    period_index = periods.Governor(text, marks, time_expressions)
    has_money = any(reading.dimension == "currency" for _, reading, _ in found)
    home_currency = normalising.money_region(text) if has_money else normalising.HOME_CURRENCY
    results = []
    for candidate, reading, link in found:
        block = layout.block_start(blocks, candidate.start)
        period = period_index.governing(candidate.start, candidate.end, block)
        place = (
            places.governing(marks, named_places, candidate.start, candidate.end, block)
            or heading_place
        )
        base_value, base_unit = normalising.base(
            reading, home_currency, text, candidate.start, candidate.end
        )
        results.append(
            Quantity(
                start=candidate.start,
                end=candidate.end,
                text=candidate.text,
                value=to_plain(reading.value),
                value_max=None if reading.value_max is None else to_plain(reading.value_max),
                unit=reading.unit,
                dimension=reading.dimension,
                base_value=None if base_value is None else to_plain(base_value),
                base_unit=base_unit,
                approx=reading.approx,
                change=link.change,
                entity=link.entity,
                subject=link.subject,
                sentence=link.sentence,
                period=period.text if period else None,
                period_norm=period.norm if period else None,
                place=place.text if place else None,
                place_norm=places.resolve(place, region) if place else None,
            )
        )
    links = repeats.first_mentions(results)
    # most mentions restate nothing: copy only those that do (replace is slow)
    return [
        q if link is None else replace(q, repeat_of=link)
        for q, link in zip(results, links, strict=True)
    ]
