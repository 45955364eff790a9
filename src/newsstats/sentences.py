"""Sentence analysis: each sentence that holds a mention is tagged once, whole.

Every decision about a mention's entity, subject and change reads this one analysis
(candidates.py), instead of tagging a window per mention. The mentions themselves stand
in it as single tokens flagged ``NUM``, so a tagger never splits a figure or glues it to
a neighbouring word (`达1.2万`).
"""

from __future__ import annotations

import re
from typing import Final

from .tagging import reading_table, tag

# Final: a constant to mypyc, not a module global looked up at each use (once per token)
NUM: Final = "NUM"
# 全国人口[5]140489万人, 高技术制造业[13]增加值: a bulletin's footnote mark is no word of its
# sentence, so that the words either side of it stand together
FOOTNOTE = re.compile(r"\[\d{1,3}\]")
# marks that close a clause inside a sentence; 、 joins list items and stays inside
CLAUSE_MARKS: Final = frozenset("，,；;：:。！？!?\n")


# Plain classes, not dataclasses: mypyc compiles their constructors, where a dataclass's
# generated __init__ stays interpreted Python (a tenth of a sentence's analysis).
class Token:
    """A word of an analysed sentence; never changed once made."""

    def __init__(self, word: str, flag: str, start: int, end: int, reading: str,
                 mention: int = -1) -> None:
        self.word = word  # as written
        self.flag = flag  # jieba's ICTCLAS tag; NUM for a mention, x for punctuation
        self.start = start  # offsets in the whole text
        self.end = end
        self.reading = reading  # the word in simplified script, for the lexicons
        self.mention = mention  # for a NUM token, the mention's index in the article

    def __repr__(self) -> str:
        return f"Token({self.word!r}, {self.flag!r}, {self.start}, {self.end})"


class Sentence:
    """A tagged sentence; never changed once made."""

    def __init__(self, start: int, end: int, tokens: tuple[Token, ...],
                 clause_of: tuple[int, ...]) -> None:
        self.start = start
        self.end = end
        self.tokens = tokens
        # token index → index of its clause (clauses counted from the sentence's start)
        self.clause_of = clause_of

    def position(self, mention: int) -> int:
        """The token index of a mention."""
        for i, token in enumerate(self.tokens):
            if token.mention == mention:
                return i
        raise ValueError(f"mention {mention} is not in this sentence")


def analyse(text: str, start: int, end: int, mentions: list[tuple[int, int, int]]) -> Sentence:
    """``text[start:end]`` tagged; ``mentions`` are (index, start, end) of the mentions
    inside it, in text order."""
    tokens: list[Token] = []
    cursor = start
    table = reading_table()

    def add_piece(piece_start: int, piece_end: int) -> None:
        piece = text[piece_start:piece_end]
        reading = piece.translate(table)  # once a piece: one character for one, so it aligns
        offset = 0
        for word, flag in tag(piece):
            size = len(word)
            tokens.append(Token(word, flag, piece_start + offset, piece_start + offset + size,
                                reading[offset : offset + size]))
            offset += size

    def add_text(piece_start: int, piece_end: int) -> None:
        if text.find("[", piece_start, piece_end) >= 0:
            for mark in FOOTNOTE.finditer(text, piece_start, piece_end):
                if mark.start() > piece_start:
                    add_piece(piece_start, mark.start())
                piece_start = mark.end()
        if piece_end > piece_start:
            add_piece(piece_start, piece_end)

    for index, m_start, m_end in mentions:
        if m_start < cursor:  # overlapping spans cannot happen, but never loop back
            continue
        if m_start > cursor:
            add_text(cursor, m_start)
        tokens.append(Token(text[m_start:m_end], NUM, m_start, m_end, "", index))
        cursor = m_end
    if end > cursor:
        add_text(cursor, end)
    clause_of = []
    clause = 0
    for token in tokens:
        clause_of.append(clause)
        if token.flag == "x" and token.word in CLAUSE_MARKS:
            clause += 1
    return Sentence(start, end, tuple(tokens), tuple(clause_of))
