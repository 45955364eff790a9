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


# Traditional script is scanned as simplified, one character for one: every unit of the
# table is found in either script, and given back as written.
AS_WRITTEN = [
    ("寧波片港區每年新增集裝箱吞吐能力62萬標準箱", "62萬標準箱", 620000, "標準箱"),
    ("民航完成運輸總週轉量110.1億噸公里", "110.1億噸公里", 11010000000, "噸公里"),
    ("全社會用電量5.25萬億千瓦時", "5.25萬億千瓦時", 5250000000000, "千瓦時"),
    ("下調30個基點", "30個基點", 30, "個基點"),
    ("農業農村部等五部門聯合印發", "五部門", 5, "部門"),
    ("每斤賣5塊錢", "5塊錢", 5, "塊錢"),
    ("設計時速250公里/小時", "250公里/小時", 250, "公里/小時"),
    ("超過半數的受訪者", "超過半數", 0.5, ""),
    ("用了兩個多月", "兩個多月", 2, "個月"),
    ("參萬元捐款", "參萬元", 30000, "元"),  # 參 is the banker's three, not 参加's 参
]


@pytest.mark.parametrize(("sentence", "figure", "value", "unit"), AS_WRITTEN)
def test_traditional_script_is_read_as_simplified(sentence, figure, value, unit) -> None:
    from newsstats.core import extract

    found = {q.text: q for q in extract(sentence)}
    assert figure in found, list(found)
    assert float(found[figure].value) == value
    assert found[figure].unit == unit
