"""Hostile input: every regex stays linear, and odd text is processed, never a traceback.

Users feed newsstats whatever their archives hold: scraped pages with markup residue, 10 MB
one-line dumps, binary junk, text decoded with the wrong codec. Two kinds of test here:

* **Linearity.** Every compiled regex of the engine (found by looking, so a new one cannot
  slip past) and the engine's own stages are timed on a 10 KB and a 1 MB text built from the
  same repeating run of digits, separators, numeral characters and unit words. The time per
  character may not grow by more than ``MAX_RATIO`` between the two: catastrophic
  backtracking shows up as a ratio of hundreds, not as an absolute time on some machine.
* **Hostile content.** NUL and control characters, mojibake and lone surrogates, HTML tags and
  entities, URLs, terminal escapes, 10 MB on one line: ``extract`` returns well-formed
  mentions and finds no number inside markup.

Hypothesis examples: NEWSSTATS_HOSTILE_EXAMPLES (default 3; each example times every regex on
a megabyte, so CI may raise it).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

import pytest
import regex
from conftest import check_invariants, examples_from_env
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsstats import filtering, linking, numerals, scanning, valuing
from newsstats.core import extract

SMALL, LARGE = 10_000, 1_000_000
MAX_RATIO = 5.0  # per-character time, 1 MB over 10 KB; quadratic behaviour gives ~100
REGEX_TIMEOUT = 120  # seconds; the regex module raises TimeoutError instead of hanging

ENGINE_MODULES = (scanning, numerals, valuing, filtering, linking)

# The atoms a repeating run is made of: digits and separators, Chinese and financial
# numerals, multipliers, units and measure words, approximation and range words, dates,
# punctuation, whitespace and markup.
ATOMS = [
    "1", "9", "0", "１", "12", "2025", ",", "，", ".", "．", "1,000", "1,", "1.", ":",
    "一", "两", "十", "百", "千", "万", "亿", "萬", "億", "兆", "零", "〇", "点", "點", "半",
    "壹", "拾", "佰", "仟", "參", "分之", "百分之", "千分之", "万万",
    "元", "萬元", "个", "個", "人", "人次", "个百分点", "%", "％", "‰", "吨", "米", "千米",
    "平方米", "成", "折", "倍", "岁", "度", "年", "月", "日", "个月", "天大",
    "约", "近", "超过", "余", "多", "几", "来", "以上", "左右", "至", "到", "-", "—", "～",
    "数", "上", "第", "又", "负", "零下", "华氏", "温度",
    "。", "、", " ", "\n", "\r\n", "\t", "&nbsp;", "<", ">", "<p>", "&#", ";", "http://",
    "\x00", "\x1b[", "m",
]  # fmt: skip

# Runs known to be the worst for one regex or another: kept as explicit examples.
NASTY_RUNS = ["1,", "3万", "2025年1月1日", "十", "约3万余元以上，", "<a", "1至", "百分之1"]


def engine_regexes() -> dict[str, re.Pattern | regex.Pattern]:
    """Every compiled regex at module level in the engine, plus the built ones."""
    found: dict[str, re.Pattern | regex.Pattern] = {}
    for module in ENGINE_MODULES:
        for name, value in vars(module).items():
            if isinstance(value, (re.Pattern, regex.Pattern)):
                found[f"{module.__name__}.{name}"] = value
    found["scanning.pattern()"] = scanning.pattern()
    found["scanning.NUMBER"] = re.compile(scanning.NUMBER)
    return found


def engine_without_linking(text: str) -> int:
    """core.extract's stages that newsstats owns besides linking: scan, value, filter."""
    valued = []
    for candidate in scanning.scan(text):
        reading = valuing.value(candidate)
        if reading is not None and reading.dimension:
            valued.append((candidate, reading))
    excluded = filtering.exclusions(text)
    kept = 0
    for i, (candidate, reading) in enumerate(valued):
        neighbours = (
            valued[i - 1][0] if i else None,
            valued[i + 1][0] if i + 1 < len(valued) else None,
        )
        kept += filtering.is_statistic(candidate, reading, text, excluded, neighbours)
    return kept


def _finditer(pattern) -> Callable[[str], None]:
    if isinstance(pattern, regex.Pattern):
        return lambda text: [None for _ in pattern.finditer(text, timeout=REGEX_TIMEOUT)]
    return lambda text: [None for _ in pattern.finditer(text)]


def _seconds(function: Callable[[str], object], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return max(best, 1e-6)


def growth(function: Callable[[str], object], run: str, small: int, large: int) -> float:
    """Per-character time on ``large`` characters of ``run`` repeated over that on ``small``."""
    small_text = (run * (small // len(run) + 1))[:small]
    large_text = (run * (large // len(run) + 1))[:large]
    function(small_text)  # warm caches (lexicon tables, compiled patterns)
    ratio = float("inf")
    for _ in range(2):  # once more before failing: a GC pause or a busy CI box is not a bug
        per_char_small = _seconds(function, small_text, repeat=5) / small
        per_char_large = _seconds(function, large_text, repeat=1) / large
        ratio = min(ratio, per_char_large / per_char_small)
        if ratio <= MAX_RATIO:
            break
    return ratio


# --------------------------------------------------------------------------- linearity


def test_every_engine_regex_is_timed() -> None:
    names = set(engine_regexes())
    for expected in (
        "scanning.pattern()",
        "scanning.NUMBER",
        "newsstats.filtering.DATE_TIME",
        "newsstats.filtering.MARKUP",
        "newsstats.numerals._ARABIC",
    ):
        assert expected in names
    assert len(names) >= 8, names


RUNS = st.lists(st.sampled_from(ATOMS), min_size=1, max_size=6).map("".join)


@settings(
    max_examples=examples_from_env("NEWSSTATS_HOSTILE_EXAMPLES", 3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@example(NASTY_RUNS[0])
@example(NASTY_RUNS[1])
@given(RUNS)
def test_regex_time_per_character_stays_flat(run: str) -> None:
    """Every engine regex, 10 KB against 1 MB of the same run."""
    slow = {}
    for name, pattern in engine_regexes().items():
        ratio = growth(_finditer(pattern), run, SMALL, LARGE)
        if ratio > MAX_RATIO:
            slow[name] = round(ratio, 1)
    assert not slow, f"superlinear on {run!r} repeated: {slow}"


# The Python stages cost microseconds per candidate, so they are timed on 10 KB against
# 200 KB: enough to show a quadratic step (a ratio near 20) without minutes per run.
STAGE_LARGE = 200_000


def _stops_everywhere(text: str) -> int:
    return sum(filtering._in_stop_pattern(text, i, i + 1) for i in range(len(text)))


@pytest.mark.parametrize("run", ["1,", "2025年1月1日", "约3万余元以上，", "十"])
def test_stage_time_per_character_stays_flat(run: str) -> None:
    stages = {
        "scan+value+filter": engine_without_linking,
        "stop patterns": _stops_everywhere,
    }
    slow = {}
    for name, function in stages.items():
        ratio = growth(function, run, SMALL, STAGE_LARGE)
        if ratio > MAX_RATIO:
            slow[name] = round(ratio, 1)
    assert not slow, f"superlinear on {run!r} repeated: {slow}"


def test_trailing_multipliers_of_a_long_run_is_linear() -> None:
    # was `[十…]+$`.search: quadratic on a long run of multipliers before a non-multiplier
    ratio = growth(lambda text: valuing._trailing_multipliers(text + "一"), "十", SMALL, LARGE)
    assert ratio <= MAX_RATIO


def test_extract_time_per_character_stays_flat_on_one_line_text() -> None:
    article = "全省累计收取简历2926份，提供就业岗位1.2万个，4500余人现场咨询，同比增长19.8%，"
    assert growth(extract, article, SMALL, LARGE) <= MAX_RATIO


# --------------------------------------------------------------------------- hostile content


def _one_line_dump(statistics: int) -> str:
    """10 MB of prose with its line breaks lost and ``statistics`` mentions spread over it."""
    filler = "数据显示经济运行总体平稳稳中有进新动能持续壮大高质量发展扎实推进，"
    chunk = 10_000_000 // statistics
    parts = []
    for i in range(statistics):
        mention = f"全省新增就业岗位{i + 1}万个，"
        parts.append((filler * (chunk // len(filler) + 1))[: chunk - len(mention)] + mention)
    text = "".join(parts)
    text += (filler * (10_000_000 // len(filler)))[: 10_000_000 - len(text)]
    assert "\n" not in text and len(text) == 10_000_000
    return text


def test_ten_megabytes_on_one_line_with_dense_statistics_are_processed() -> None:
    # 7,500 mentions: any per-mention search to the ends of the line would take minutes
    text = _one_line_dump(7_500)
    found = extract(text)
    check_invariants(text, found)
    assert [(q.value, q.unit, q.dimension) for q in found] == [
        ((i + 1) * 10_000, "个", "count") for i in range(7_500)
    ]


HOSTILE_TEXTS = {
    "nul bytes": "全省\x00累计收取简历\x002926份\x00\x00。",
    "nul between number and unit": "共3\x00人，5\x00\x00吨",
    "every C0 and C1 control": "".join(map(chr, range(0x20)))
    + "3人"
    + "".join(map(chr, range(0x7F, 0xA0)))
    + "5吨",
    "lone surrogates": "\udcff3人\ud800的\udfff5家企业\udc80",
    "utf-8 bytes read as gb18030": "全省累计收取简历2926份。".encode().decode("gb18030", "replace"),
    "gb18030 bytes read as utf-8": "全省累计收取简历2926份。".encode("gb18030").decode(
        "utf-8", "surrogateescape"
    ),
    "utf-8 bytes read as latin-1": "共2926份，增长19.8%".encode().decode("latin-1"),
    "replacement characters": "\ufffd\ufffd3\ufffd人\ufffd19.8\ufffd%",
    "byte-order marks inside": "\ufeff共3人\ufeff\ufeff，增长5%\ufeff",
    "bidi and zero-width": "\u202e共3\u200b人\u202c，\u2066增长5%\u2069\u200d",
    "html page": '<html><body><p style="width:100%">共<b>3</b>人</p>'
    '<td width="20%">5万元</td><img src="a.png" height="300"></body></html>',
    "html entities": "共3&nbsp;人&#12290;增长&#37;5&nbsp;%&lt;10%&gt;&#x4eba;&frac12;",
    "unterminated tag": "<div class='a" + "1" * 5000 + "万元",
    "url with percent escapes": "详见https://www.test.com/search?q=30%25%2020%与www.a.cn/3人",
    "terminal escapes": "\x1b[31m共5人\x1b[0m，\x1b[1;32m增长3%\x1b[0m",
    "a million digits": "1" * 1_000_000 + "元",
    "a long run of multipliers": "十" * 100_000 + "一人",
    "a long run of zeros and points": "0." * 50_000 + "5%",
    "many separators": "1,000," * 20_000 + "元",
    "only punctuation": "，。、；：！？“”‘’《》（）【】—…" * 1000,
    "private use and astral": "\ue000\U0001f600共3人\U00020000\U0010ffff",
}


@pytest.mark.parametrize("text", HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS.keys())
def test_hostile_text_never_raises(text: str) -> None:
    check_invariants(text, extract(text))


def test_no_number_inside_markup_is_a_statistic() -> None:
    # width="100%" and width="20%" are markup; the cell's 5万元 is text
    assert [q.text for q in extract(HOSTILE_TEXTS["html page"])] == ["5万元"]
    assert [q.text for q in extract(HOSTILE_TEXTS["url with percent escapes"])] == []
    terminal = [(q.text, q.value) for q in extract(HOSTILE_TEXTS["terminal escapes"])]
    assert terminal == [("5人", 5), ("3%", 3)]


def test_html_space_entities_and_crlf_are_whitespace() -> None:
    found = [(q.text, q.value, q.unit) for q in extract("共3&nbsp;人，增长5&nbsp;%")]
    assert found == [("3&nbsp;人", 3, "人"), ("5&nbsp;%", 5, "%")]
    box = "数据\r\n\r\n开展主题志愿服务\r\n活动\r\n\r\n1.4万\r\n场次\r\n"
    assert [(q.value, q.unit) for q in extract(box)] == [(14000, "场次")]


def test_fiscal_and_roc_years_are_dates() -> None:
    # 2018/19至2027/28年度 (Hong Kong), 民國110年 (Taiwan): years, never durations
    assert extract("為2018/19至2027/28年度訂下目標") == []
    assert [q.text for q in extract("民國110年增加3人")] == ["3人"]


def test_a_five_thousand_digit_number_does_not_break_output() -> None:
    # Regression: 5000 digits before 元 came out as an int that str(), json and csv refuse
    # ("Exceeds the limit (4300 digits) for integer string conversion"): a traceback in the
    # CLI. No statistic comes near 10^30 (valuing.LARGEST_VALUE); such a run is junk.
    for text in ("1" * 5000 + "元", "百分之" + "9" * 5000, "1" * 40 + "万亿元"):
        found = extract(text)
        check_invariants(text, found)
        for q in found:
            json.dumps(q.to_dict())
            str(q.value)
    assert [q.value for q in extract("202107211321363588510367 美元")] == [
        202107211321363588510367
    ]
