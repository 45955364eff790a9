"""The shape of an article: blocks of text that context (a period, a place) carries across.

A block is a paragraph; a paragraph that breaks off mid-sentence goes on in the next
one, and the short lines of a data box (`截至2024年底` / `全省` / `新就业群体` / `705个`)
form one block, so the box's heading governs every item below it.
"""

from __future__ import annotations

import bisect
import re

SENTENCE_FINAL = "。！？!?…；;"
CLOSING_QUOTES = "”』」’\""
SHORT_LINE = 25  # a data-box line or a heading; prose lines run longer


def is_prose(line: str) -> bool:
    return len(line) > SHORT_LINE or any(mark in line for mark in "，,。")


def block_starts(text: str) -> list[int]:
    """Offsets where a new block begins, in order (the first is 0)."""
    starts = [0]
    previous = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        content = line.strip()
        if content:
            if previous and _starts_block(previous, content):
                starts.append(offset)
            previous = content
        offset += len(line)
    return starts


def _starts_block(previous: str, line: str) -> bool:
    ending = previous.rstrip(CLOSING_QUOTES) or previous
    if ending[-1] in SENTENCE_FINAL:  # 。 or 。” ends a paragraph; 建立“大党委” does not
        return True
    if is_prose(previous):
        return False  # a paragraph broken off mid-sentence goes on
    return is_prose(line)  # a box or heading ends where prose begins


HEADLINE = 40  # a news item's headline fits on one short line


def headlines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines that head a news item (`我国移动物联网连接数超过移动电话用户数`
    above its paragraph): short, not a sentence, and followed by prose. A bulletin of
    several items has one over each."""
    found = []
    offset = 0
    previous: tuple[int, int, str] | None = None
    for line in text.splitlines(keepends=True):
        content = line.strip()
        if content:
            if previous is not None and is_prose(content):
                found.append(previous[:2])
            ending = content.rstrip(CLOSING_QUOTES) or content
            short = len(content) <= HEADLINE and ending[-1] not in SENTENCE_FINAL
            heading = short and not any(mark in content for mark in "，,。；;：:")
            start = offset + line.index(content[0])
            previous = (start, start + len(content), content) if heading else None
        offset += len(line)
    return found


def block_start(starts: list[int], position: int) -> int:
    return starts[bisect.bisect_right(starts, position) - 1]


SENTENCE_MARKS = "。！？!?\n"
CLAUSE_MARKS = SENTENCE_MARKS + "，,；;：:"
_SENTENCE_MARK = re.compile("[" + re.escape(SENTENCE_MARKS) + "]")
_CLAUSE_MARK = re.compile("[" + re.escape(CLAUSE_MARKS) + "]")


class Marks:
    """Where sentences and clauses end in one document, found once and looked up by
    bisection: searching back from every mention for the nearest mark costs a scan of the
    whole prefix when the mark is rare."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.sentence_marks = [m.start() for m in _SENTENCE_MARK.finditer(text)]
        self.clause_marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]

    @staticmethod
    def _around(marks: list[int], start: int, end: int, length: int) -> tuple[int, int]:
        before = bisect.bisect_left(marks, start)
        after = bisect.bisect_left(marks, end)
        opening = marks[before - 1] + 1 if before else 0
        closing = marks[after] if after < len(marks) else length
        return opening, closing

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``start:end``: from after the mark before it to its closing
        mark (exclusive)."""
        return self._around(self.sentence_marks, start, end, self.length)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return self._around(self.clause_marks, start, end, self.length)


def inside_title(text: str, position: int) -> bool:
    """Inside 《…》: a document's or a work's name (《辽宁省关爱服务新就业群体十一条措施》),
    whose places and years are not the article's."""
    opening = text.rfind("《", max(0, position - 40), position)
    return opening >= 0 and text.find("》", opening, position) < 0

