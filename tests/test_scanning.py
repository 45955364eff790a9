"""The scanner's speed-ups must change no match: each is checked against the plain form."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsstats import lexicon, scanning

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


@cache
def _without_lookahead() -> re.Pattern:
    fast = scanning.pattern()
    lookahead = f"(?=[{re.escape(scanning._first_characters())}])"
    assert lookahead in fast.pattern
    return re.compile(fast.pattern.replace(lookahead, "", 1), fast.flags)


def _matches(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _alphabet() -> str:
    approx = lexicon.approximations()
    words = [
        *lexicon.units(), *lexicon.prefix_units(), *lexicon.vague_magnitudes(),
        *(w for group in approx.values() for w in group),
    ]
    chars = set("".join(words)) | set(scanning.DIGIT_CHARS + scanning.CN_DIGIT)
    chars |= set(scanning.MULT_CHARS + scanning.SIGN_CHARS + "分之点點.,，至到~～-—　 \n的上下大了")
    return "".join(sorted(chars))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_alphabet(), max_size=40))
def test_first_character_lookahead_changes_no_match(text):
    assert _matches(scanning.pattern(), text) == _matches(_without_lookahead(), text)


def test_first_character_lookahead_on_samples():
    paths = sorted(SAMPLES.glob("*.txt"))
    if not paths:
        pytest.skip("no ../shared/samples")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _matches(scanning.pattern(), text) == _matches(_without_lookahead(), text)
