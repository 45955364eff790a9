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


@cache
def _one_guard() -> re.Pattern:
    """The scanner with one guard, of the units opening with any multiplier, before each
    multiplier, where it has a guard of the units opening with that kind of multiplier."""
    fast = scanning.pattern()
    one = scanning._unit_guard(set(scanning.MULT_CHARS))
    source = fast.pattern
    for kind in ("十拾佰仟千百", "万萬亿億"):
        guard = scanning._unit_guard(set(kind))
        assert guard in source
        source = source.replace(f"(?=[{kind}]){guard}", f"(?=[{kind}]){one}")
    return re.compile(source, fast.flags)


# each speed-up of the scanner's pattern, and the plain form it must match as
PLAIN_FORMS = {"first-character lookahead": _without_lookahead,
               "a guard of each multiplier's own units": _one_guard}


@pytest.mark.parametrize("plain", PLAIN_FORMS.values(), ids=PLAIN_FORMS.keys())
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_alphabet(), max_size=40))
def test_a_speed_up_changes_no_match(plain, text):
    assert _matches(scanning.pattern(), text) == _matches(plain(), text)


@pytest.mark.parametrize("plain", PLAIN_FORMS.values(), ids=PLAIN_FORMS.keys())
def test_a_speed_up_changes_no_match_on_samples(plain):
    paths = sorted(SAMPLES.glob("*.txt"))
    if not paths:
        pytest.skip("no ../shared/samples")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _matches(scanning.pattern(), text) == _matches(plain(), text)


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


# A bracketed unit (15万台（套）) is looked up, not matched with the unit alternation, and
# money's subunits (五元三毛) are matched with one pattern for every unit: the results
# must be the plain forms'.
@cache
def _bracketed_unit() -> re.Pattern:
    return re.compile(rf"[（(](?P<unit>{scanning._unit_alternation()})[）)]")


def _alternative_unit_by_pattern(text: str, end: int, unit: str) -> str | None:
    match = _bracketed_unit().match(text, end)
    if match is None:
        return None
    units = lexicon.units()
    if not {units[match["unit"]].dimension, units[unit].dimension} <= {"count", ""}:
        return None
    return match.group()


def _either(function, *args):
    try:
        return function(*args)
    except KeyError as error:  # a split unit (个多月) in brackets has no row: both fail
        return ("KeyError", str(error))


def _alternatives_agree(text: str) -> None:
    for unit in ("台", "元", "个月"):
        for end in range(len(text)):
            assert _either(scanning._alternative_unit, text, end, unit) == _either(
                _alternative_unit_by_pattern, text, end, unit), (text, end, unit)


def test_bracketed_unit_look_up_is_the_alternations_match():
    units = [*lexicon.units(), *lexicon.prefix_units()]
    inside = [*(w for group in lexicon.approximations().values() for w in group), "半"]
    split = [u[0] + w + u[1:] for u in units if u[0] in "个個" for w in inside]
    for word in sorted({*units, *split}):
        for tail in ("", "）", ")", "）（套）", "）多", "等"):
            _alternatives_agree(f"（{word}{tail}")
            _alternatives_agree(f"({word}{tail}")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_alphabet() + "()（）/·WmK", max_size=30))
def test_bracketed_unit_look_up_on_any_text(text):
    _alternatives_agree(text)


@cache
def _own_subunits(unit: str) -> re.Pattern:
    subunits = lexicon.alternation(lexicon.subunits()[unit])
    part = rf"(?P<number#>{scanning.NUMBER})(?P<subunit#>{subunits})(?![钟鐘秒])"
    return re.compile(rf"又?{part.replace('#', '1')}(?:{part.replace('#', '2')})?")


def _found(match) -> tuple | None:
    return None if match is None else (match.span(), match.groups())


def _subunits_agree(text: str) -> None:
    for unit in lexicon.subunits():
        for end in range(len(text)):
            assert _found(scanning._subunit_match(unit, text, end)) == _found(
                _own_subunits(unit).match(text, end)), (text, end, unit)
        assert _found(scanning._subunit_match(unit, text, whole=True)) == _found(
            _own_subunits(unit).fullmatch(text)), (text, unit)


SUBUNIT_TEXTS = ["五元三毛", "6角三分", "两美元又三美分", "三分钟", "5元2毫", "3仙", "五港元三分",
                 "2欧分", "又三美分", "一角5分", "10分鐘", "三毛五分", "十二点五分"]


def test_one_subunit_pattern_matches_as_each_units_own():
    for text in SUBUNIT_TEXTS:
        _subunits_agree(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="".join(sorted(
    {c for subs in lexicon.subunits().values() for s in subs for c in s}
    | set("0123456789５一二两三五十百千万亿点.又钟鐘秒元"))), max_size=16))
def test_one_subunit_pattern_on_any_text(text):
    _subunits_agree(text)
