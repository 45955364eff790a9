"""Fuzzing with the project's own language: text assembled from the lexicon tables.

Hypothesis strings together numerals (Arabic, full-width, Chinese, financial, traditional),
multipliers, the units and measure words of ``units.tsv``, the approximation words of
``approx.tsv``, the vague magnitudes of ``vague.tsv``, stop patterns, dates and punctuation,
and checks the invariants every ``extract`` result must keep: no exception, spans inside the
input with ``text == input[start:end]``, no overlapping spans, ``value_max >= value`` where
both are set, ``dimension`` and ``approx`` from the documented sets (GUIDELINES §2).

Examples per test: NEWSSTATS_FUZZ_EXAMPLES (default 150 for a quick local run; CI sets more).
"""

from __future__ import annotations

from conftest import check_invariants, examples_from_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsstats import lexicon
from newsstats.core import extract
from newsstats.model import APPROX, DIMENSIONS

FUZZ = settings(
    max_examples=examples_from_env("NEWSSTATS_FUZZ_EXAMPLES", 150),
    deadline=None,  # the first call loads jieba's dictionary
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NUMERALS = [
    "0", "1", "3", "12", "19.8", "2543.7", "1,234", "2,928,502", "１９．８", "９，９９９", "-3",
    "一", "两", "兩", "三", "十", "十五", "六十三", "一百零五", "三千二", "两万三千", "一万五",
    "壹", "贰", "參", "拾", "佰", "仟", "壹拾", "伍佰", "陸拾", "半", "半数", "三分之一",
    "百分之八十", "千分之三", "佰分之五", "万分之一", "十九点八", "零点五", "二〇二五", "三四",
    "负", "零下", "又", "/", "几", "幾", "数", "數", "上",
]  # fmt: skip
MULTIPLIERS = ["万", "萬", "亿", "億", "万亿", "千", "百", "兆", "万万"]
DATES = ["2025年", "7月11日", "2024年底", "2018/19年度", "民國110年", "10:30", "2025-07-11"]
PUNCTUATION = list("，。、；：！？“”《》（）【】—-～~至到/ \n\t\u3000") + ["\r\n", "&nbsp;", "<p>"]
CONTEXT = ["党员", "简历", "收取", "全省", "企业", "捐款", "第", "届", "的", "温度", "收拾"]


def _lexicon_words() -> dict[str, list[str]]:
    approx = lexicon.approximations()
    return {
        "units": sorted(lexicon.units()) + sorted(lexicon.prefix_units()),
        "approx": sorted({w for words in approx.values() for w in words}),
        "vague": sorted(lexicon.vague_magnitudes()),
        "stops": sorted(lexicon.stop_patterns())[::7],
        "subunits": sorted({s for subs in lexicon.subunits().values() for s in subs}),
    }


WORDS = _lexicon_words()
ATOMS = st.one_of(
    st.sampled_from(NUMERALS),
    st.sampled_from(MULTIPLIERS),
    st.sampled_from(WORDS["units"]),
    st.sampled_from(WORDS["approx"]),
    st.sampled_from(WORDS["vague"]),
    st.sampled_from(WORDS["stops"]),
    st.sampled_from(WORDS["subunits"]),
    st.sampled_from(DATES),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(CONTEXT),
)
# A statistic-shaped phrase: [approx] numeral [multiplier] [approx] unit [approx]
PHRASES = st.tuples(
    st.sampled_from(["", *WORDS["approx"]]),
    st.sampled_from(NUMERALS),
    st.sampled_from(["", *MULTIPLIERS]),
    st.sampled_from(["", *WORDS["approx"]]),
    st.sampled_from(["", *WORDS["units"]]),
    st.sampled_from(["", *WORDS["approx"], *PUNCTUATION]),
).map("".join)
TEXTS = st.lists(st.one_of(ATOMS, PHRASES), max_size=30).map("".join)


def test_documented_sets_cover_the_tables() -> None:
    # every dimension a table can produce is one GUIDELINES §2 documents, and so is every
    # approximation
    tables = [*lexicon.units().values(), *lexicon.prefix_units().values()]
    # a unit with no dimension (省) is a statistic only through a cue, which names one
    assert {unit.dimension for unit in tables} <= DIMENSIONS | {""}
    cues = lexicon.unit_cues().values()
    assert {cue.dimension for by_word in cues for cue in by_word.values()} <= DIMENSIONS
    approx = lexicon.approximations()
    # the `word` and `word_before` rows name words that only open or end like an
    # approximation word (余震, 打破): none
    none = ("word", "word_before")
    readings = {a for where, words in approx.items() if where not in none for a in words.values()}
    assert readings <= APPROX
    assert set(approx["word"].values()) | set(approx["word_before"].values()) <= {""}
    assert {v.approx for v in lexicon.vague_magnitudes().values()} <= APPROX


@FUZZ
@given(TEXTS)
def test_lexicon_text_keeps_the_invariants(text: str) -> None:
    check_invariants(text, extract(text))


@FUZZ
@given(st.lists(PHRASES, min_size=1, max_size=8), st.sampled_from(["", "，", "。\n", "、"]))
def test_lists_of_statistics_keep_the_invariants(phrases: list[str], joiner: str) -> None:
    text = joiner.join(phrases)
    check_invariants(text, extract(text))
