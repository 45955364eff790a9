"""The pure core: text in, list of Quantity out."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import replace

from . import (
    filtering,
    layout,
    linking,
    normalising,
    periods,
    places,
    repeats,
    scanning,
    tagging,
    valuing,
)
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
            link = linking.Link(previous.entity, previous.subject or link.subject, link.sentence,
                                link.change)
        found.append((candidate, reading, link))
    return _with_context(text, marks, found, periods.article_date(text, date))


HEADLINE_GAP = 8  # blank lines between a headline and its paragraph


def _leads(text: str, headline: tuple[int, int], block: int) -> bool:
    """The block is the paragraph right under the headline: what the headline sums up."""
    return block - headline[1] <= HEADLINE_GAP and not text[headline[1] : block].strip()


def statistics_of(
    text: str, valued: list[tuple[scanning.Candidate, valuing.Valued]], excluded
) -> list[tuple[scanning.Candidate, valuing.Valued]]:
    """The valued candidates that are statistics (filtering.py), in text order. The text is
    read in simplified script (one character for one, so offsets hold): the word tables
    around a number (屆, 萬里, 以來) then hold for traditional script too."""
    text = tagging.simplified_text(text)
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
    headline_spans = layout.headlines(text)
    headline_starts = [start for start, _ in headline_spans]
    headline_places = places.headline_places(named_places, headline_spans)
    period_index = periods.Governor(text, marks, time_expressions)
    respectively = periods.distribute(
        text, marks, time_expressions, [(c.start, c.end) for c, _, _ in found]
    )
    has_money = any(reading.dimension == "currency" for _, reading, _ in found)
    home_currency = normalising.money_region(text) if has_money else normalising.HOME_CURRENCY
    results = []
    for index, (candidate, reading, link) in enumerate(found):
        block = layout.block_start(blocks, candidate.start)
        period = respectively.get(index) or period_index.governing(
            candidate.start, candidate.end, block
        )
        # the news item's headline, if the text below it names no place
        item = bisect.bisect_right(headline_starts, candidate.start) - 1
        place = (
            places.governing(marks, named_places, candidate.start, candidate.end, block)
            or (
                headline_places[item]
                if item >= 0 and _leads(text, headline_spans[item], block)
                else None
            )
            or heading_place
        )
        norm, code = places.resolve(place, region) if place else (None, None)
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
                place_norm=norm,
                place_code=code,
            )
        )
    links = repeats.first_mentions(results)
    # most mentions restate nothing: copy only those that do (replace is slow)
    return [
        q if link is None else replace(q, repeat_of=link)
        for q, link in zip(results, links, strict=True)
    ]
