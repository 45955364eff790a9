"""Property tests: ``extract`` never raises and every Quantity it returns is well formed.

Examples per test default to 200; set NEWSSTATS_HYPOTHESIS_EXAMPLES to run more (CI may).
The settings profile is registered here and applied per test, so other test modules'
Hypothesis settings are left alone.
"""

from __future__ import annotations

from conftest import check_invariants, examples_from_env
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

settings.register_profile(
    "newsstats-properties",
    max_examples=examples_from_env("NEWSSTATS_HYPOTHESIS_EXAMPLES", 200),
    deadline=None,  # the first call loads jieba's dictionary
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = settings.get_profile("newsstats-properties")


def extract(text: str) -> list:
    from newsstats.core import extract as _extract

    return _extract(text)


# --------------------------------------------------------------------------- strategies

DIGITS = "0123456789０１２３４５６７８９.．,，"
CHINESE_NUMERALS = "零〇一二两三四五六七八九十百千万亿点分之半数几余多来壹贰叁拾佰仟"
UNIT_CHARS = "元人名家个份项次吨亩米克岁年月日天倍成%％‰度场期条户"
APPROX_CHARS = "约近超逾达余多来上下以左右不到足许第"
PUNCTUATION = "，。、；：！？“”‘’《》（）()【】—-～~至到/+ \n\t\u3000"
ALPHABET = DIGITS + CHINESE_NUMERALS + UNIT_CHARS + APPROX_CHARS + PUNCTUATION

# fmt: off
TOKENS = [
    # numbers
    "0", "1", "3", "19.8", "2543.7", "0.5", "１９．８", "１２", "100", "2025", "1979",
    "一", "两", "三", "十", "六十三", "三千", "两万", "三分之一", "百分之八十", "千分之三",
    "半", "数", "几", "十几", "三四", "上千", "上万",
    # multipliers
    "万", "亿", "万亿", "千", "百",
    # units and measure words
    "元", "人", "名", "人次", "家", "个", "份", "对", "吨", "公里", "平方米", "亩",
    "%", "％", "‰", "个百分点", "百分点", "倍", "成", "岁", "年", "个月", "月", "日",
    "千克", "千米", "千瓦", "千瓦时", "场次", "场",
    # approximation and range words
    "约", "近", "将近", "超", "超过", "逾", "突破", "达", "不到", "不足", "余", "多",
    "来", "以上", "以下", "左右", "上下", "至", "-", "～", "—",
    # context
    "第", "届", "党员", "简历", "收取", "全省", "企业", "“", "”", "《", "》",
    "，", "。", "、", " ", "\n", "\n\n",
]
# fmt: on

ARBITRARY_TEXT = st.text()
NUMERIC_TEXT = st.text(alphabet=ALPHABET, max_size=80)
TOKEN_TEXT = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
ANY_TEXT = st.one_of(ARBITRARY_TEXT, NUMERIC_TEXT, TOKEN_TEXT)

SEEDS = [
    "",
    " ",
    "\n\n",
    "全省累计收取简历2926份。",
    "数据\n\n开展主题志愿服务\n活动\n\n1.4万\n场次\n\n",
    "每户补贴3至5万元，每组3-5人，每场3～5家。",
    "有近三分之一的棚区；超727万元；50项以上；98万多人；数千人；十几个。",
    "2022—2023年度，“116X”党建模式，第31届，一支16人的参观队伍。",
    "１９．８万名８０．２％提高2.1个百分点5千克3万千克",
    "万",
    "%",
    "亿元",
    "3万",
    "至",
    "3至",
    "至5",
    "-5",
    "5-",
    "．",
    "1.",
    ".5",
    "三分之",
    "分之一",
    "百分之",
    "1" * 400,
    "9" * 400 + ".5万亿",
    "上十成",  # a vague magnitude in tenths: no digits to read a multiplier from
]


def _with_seeds(test):
    for seed in SEEDS:
        test = example(seed)(test)
    return test


# --------------------------------------------------------------------------- tests


@settings(PROFILE)
@given(ARBITRARY_TEXT)
def test_never_raises_on_arbitrary_text(text):
    extract(text)


@settings(PROFILE)
@_with_seeds
@given(st.one_of(NUMERIC_TEXT, TOKEN_TEXT))
def test_never_raises_on_numeral_text(text):
    extract(text)


@settings(PROFILE)
@_with_seeds
@given(ANY_TEXT)
def test_quantities_are_well_formed(text):
    check_invariants(text, extract(text))


@settings(PROFILE)
@_with_seeds
@given(ANY_TEXT)
def test_value_max_only_on_ranges(text):
    """value_max is the upper bound of a range, else null (GUIDELINES §2)."""
    for q in extract(text):
        assert (q.value_max is not None) == (q.approx == "range"), q


@settings(PROFILE)
@given(st.lists(st.one_of(NUMERIC_TEXT, TOKEN_TEXT), min_size=2, max_size=4))
def test_mentions_found_inside_a_longer_text_keep_their_offsets(parts):
    """Text offsets are Python str indices into the whole input, whatever precedes them."""
    text = "。\n".join(parts)
    check_invariants(text, extract(text))
