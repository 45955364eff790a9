"""Every example of the specification (shared/gold/GUIDELINES.md §1 and §2) as a test.

The guideline examples are fragments, so each one is embedded in a short news sentence.
The fragment under test is marked ``⟦…⟧`` in the sentence; the markers are removed before
the text reaches ``extract`` and give the exact span the mention must have.

* Positive tables assert on the mention found at the marked position: span, value,
  value_max, unit, dimension, approx and (where the guidelines name one) entity.
* Excluded tables assert that no mention overlaps the marked expression, while the real
  statistics listed beside it (``also``) are still found.
* The optional table accepts absence; a mention found there must carry the gold value.

Conventions follow the gold file where the guidelines leave room: integral values are
``int`` (``198000``, not ``198000.0``), ``80.2%`` is value 80.2 unit ``%``, ratios have an
empty unit, ``个月`` and ``个百分点`` keep their ``个``.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple

import pytest

OPEN, CLOSE = "⟦", "⟧"


# --------------------------------------------------------------------------- helpers


class Exp(NamedTuple):
    """What the mention at the marked span must hold."""

    value: int | float
    unit: str
    dimension: str
    approx: str = "exact"
    value_max: int | float | None = None
    entity: tuple[str, ...] | None = None  # accepted phrases, preferred first; None: unchecked


def x(value, unit, dimension, approx="exact", value_max=None, entity=None) -> Exp:
    if isinstance(entity, str):
        entity = (entity,)
    return Exp(value, unit, dimension, approx, value_max, entity)


def unmark(marked: str) -> tuple[str, int, int]:
    """The sentence without markers, and the start/end of the marked fragment in it."""
    assert marked.count(OPEN) == 1 and marked.count(CLOSE) == 1, marked
    start = marked.index(OPEN)
    end = marked.index(CLOSE) - len(OPEN)
    assert start < end, marked
    return marked.replace(OPEN, "").replace(CLOSE, ""), start, end


def locate(text: str, fragment: str) -> tuple[int, int]:
    assert text.count(fragment) == 1, f"{fragment!r} must occur exactly once in {text!r}"
    start = text.index(fragment)
    return start, start + len(fragment)


@functools.cache
def _extract_cached(text: str) -> tuple:
    # Imported late: an engine that does not import yet fails each test, not collection.
    from newsstats.core import extract

    return tuple(extract(text))


def run(text: str) -> tuple:
    return _extract_cached(text)


def show(quantities) -> str:
    rows = [
        f"  [{q.start}:{q.end}] {q.text!r} value={q.value!r} max={q.value_max!r} "
        f"unit={q.unit!r} dim={q.dimension} approx={q.approx} entity={q.entity!r}"
        for q in quantities
    ]
    return "\n".join(rows) or "  (nothing)"


def overlapping(quantities, start: int, end: int) -> list:
    return [q for q in quantities if q.start < end and start < q.end]


def mention_at(text: str, start: int, end: int):
    """The mention covering [start, end) exactly; fails with everything found otherwise."""
    found = run(text)
    hits = overlapping(found, start, end)
    assert hits, f"no mention at {text[start:end]!r} in {text!r}; found:\n{show(found)}"
    best = max(hits, key=lambda q: min(q.end, end) - max(q.start, start))
    assert (best.start, best.end) == (start, end) and best.text == text[start:end], (
        f"span should be {text[start:end]!r} [{start}:{end}] in {text!r}; found:\n{show(found)}"
    )
    return best


def same_number(actual, expected) -> bool:
    """Integral expectations compare exactly and must be ints; fractions compare approx."""
    if expected is None:
        return actual is None
    if actual is None or isinstance(actual, bool):
        return False
    if isinstance(expected, int):
        return type(actual) is int and actual == expected
    return actual == pytest.approx(expected, rel=1e-9, abs=1e-12)


# Mirrors phrase_ok() in shared/eval/score.py so these tests are exactly as lenient.
_QUOTES = str.maketrans("", "", "“”‘’\"'《》「」『』〈〉")
_EDGES = "()（）[]【】 \t\r\n"


def _norm_text(s) -> str:
    if s is None:
        return ""
    return unicodedata.normalize("NFKC", str(s)).translate(_QUOTES).strip(_EDGES)


def phrase_ok(accepted, predicted) -> bool:
    if isinstance(accepted, str):
        accepted = [accepted]
    accepted = [_norm_text(a) for a in accepted if _norm_text(a)]
    pred = _norm_text(predicted)
    if not accepted or not pred:
        return False
    if pred in accepted:
        return True
    head = accepted[0]
    longest = max(len(a) for a in accepted)
    if head in pred and len(pred) <= longest + 4:
        return True
    return len(pred) >= 2 and head.endswith(pred) and len(pred) * 2 >= len(head)


def check(marked: str, exp: Exp) -> None:
    text, start, end = unmark(marked)
    q = mention_at(text, start, end)
    wrong = []
    if not same_number(q.value, exp.value):
        wrong.append(f"value {q.value!r} != {exp.value!r}")
    if not same_number(q.value_max, exp.value_max):
        wrong.append(f"value_max {q.value_max!r} != {exp.value_max!r}")
    if q.unit != exp.unit:
        wrong.append(f"unit {q.unit!r} != {exp.unit!r}")
    if q.dimension != exp.dimension:
        wrong.append(f"dimension {q.dimension!r} != {exp.dimension!r}")
    if q.approx != exp.approx:
        wrong.append(f"approx {q.approx!r} != {exp.approx!r}")
    if exp.entity is not None and not phrase_ok(exp.entity, q.entity):
        wrong.append(f"entity {q.entity!r} not acceptable for {list(exp.entity)!r}")
    assert not wrong, f"{q.text!r} in {text!r}: " + "; ".join(wrong)


def check_excluded(marked: str, also: tuple[str, ...]) -> None:
    text, start, end = unmark(marked)
    found = run(text)
    bad = overlapping(found, start, end)
    assert not bad, (
        f"{text[start:end]!r} is not a statistic, but mentions overlap it in {text!r}:\n{show(bad)}"
    )
    for fragment in also:
        s, e = locate(text, fragment)
        assert any((q.start, q.end) == (s, e) for q in found), (
            f"the real statistic {fragment!r} in {text!r} must still be found; found:\n"
            f"{show(found)}"
        )


# --------------------------------------------------------------------------- §1 Included

INCLUDED = [
    # counts with a measure word
    pytest.param("活动当日共收取简历⟦2926份⟧。", x(2926, "份", "count"), id="count-2926fen"),
    pytest.param("全省⟦119家⟧行业协会商会参与捐赠。", x(119, "家", "count"), id="count-119jia"),
    pytest.param("全省建成⟦6261个⟧爱心驿站。", x(6261, "个", "count"), id="count-6261ge"),
    pytest.param("攻关小组中有⟦3名⟧党员。", x(3, "名", "count"), id="count-3ming"),
    pytest.param(
        "爱心驿站累计接待司机食宿⟦71.6万人次⟧。",
        x(716000, "人次", "count"),
        id="count-71.6wan-renci",
    ),
    pytest.param("全年结成师带徒⟦2.15万对⟧。", x(21500, "对", "count"), id="count-2.15wan-dui"),
    # money
    pytest.param(
        "省建筑业协会捐赠的总金额为⟦543万元⟧。", x(5430000, "元", "currency"), id="money-543wan"
    ),
    pytest.param(
        "全省性行业协会商会捐赠资金⟦2543.7万元⟧。",
        x(25437000, "元", "currency"),
        id="money-2543.7wan",
    ),
    pytest.param(
        "全省职工创新成果创收⟦120.87亿元⟧。",
        x(12087000000, "元", "currency"),
        id="money-120.87yi",
    ),
    pytest.param(
        "省总工会投入促进就业专项资金⟦500万元⟧。",
        x(5000000, "元", "currency"),
        id="money-500wan",
    ),
    # percentages
    pytest.param("建立对应关系的协会占比⟦80.2%⟧。", x(80.2, "%", "percent"), id="percent-80.2"),
    pytest.param("党员占员工总数的⟦88%⟧。", x(88, "%", "percent"), id="percent-88"),
    pytest.param(
        "⟦百分之八十⟧的受访职工表示满意。", x(80, "%", "percent"), id="percent-baifenzhibashi"
    ),
    # per mille
    pytest.param("全省人口自然增长率为⟦5.63‰⟧。", x(5.63, "‰", "permille"), id="permille-5.63"),
    pytest.param("该批产品次品率仅为⟦千分之三⟧。", x(3, "‰", "permille"), id="permille-qianfen3"),
    # percentage points
    pytest.param(
        "全省城镇化率提高⟦2.1个百分点⟧。",
        x(2.1, "个百分点", "percentage_point"),
        id="ppoint-2.1",
    ),
    # fractions and 成
    pytest.param("⟦三分之一⟧的棚区被划为专区。", x(1 / 3, "", "ratio"), id="ratio-sanfenzhiyi"),
    pytest.param(
        "受访企业中⟦半数以上⟧实现盈利。", x(0.5, "", "ratio", "over"), id="ratio-banshuyishang"
    ),
    pytest.param("有⟦三成⟧的企业实现了增收。", x(0.3, "", "ratio"), id="ratio-sancheng"),
    # multiples
    pytest.param("全年出口额增长⟦3倍⟧。", x(3, "倍", "multiple"), id="multiple-3bei"),
    # physical quantities
    pytest.param("大货车运来⟦150吨⟧水泥。", x(150, "吨", "mass"), id="mass-150dun"),
    pytest.param(
        "村子距建昌县高速口⟦20余公里⟧。",
        x(20, "公里", "length", "over"),
        id="length-20yu-gongli",
    ),
    pytest.param(
        "新建标准化厂房⟦3000平方米⟧。", x(3000, "平方米", "area"), id="area-3000pingfangmi"
    ),
    pytest.param("全县种植大豆⟦5万亩⟧。", x(50000, "亩", "area"), id="area-5wanmu"),
    pytest.param("新建蓄水池蓄水⟦1200立方米⟧。", x(1200, "立方米", "volume"), id="volume-1200"),
    # ages
    pytest.param("⟦60岁⟧的村民付怀军站在墙根下。", x(60, "岁", "age"), id="age-60sui"),
    # durations that measure something
    pytest.param(
        "当年他用⟦半年⟧熟背上千种零件代号。", x(0.5, "年", "duration"), id="duration-bannian"
    ),
    pytest.param("高温天气持续⟦3个月⟧。", x(3, "个月", "duration"), id="duration-3geyue"),
    # vague magnitudes
    pytest.param(
        "当年他用半年熟背⟦上千种⟧零件代号。",
        x(1000, "种", "count", "over"),
        id="vague-shangqian-zhong",
    ),
    pytest.param(
        "产业展现场达成合作意向⟦超百项⟧。", x(100, "项", "count", "over"), id="vague-chaobaixiang"
    ),
    pytest.param(
        "全省工业领域行业协会服务企业⟦超万家⟧。",
        x(10000, "家", "count", "over"),
        id="vague-chaowanjia",
    ),
    pytest.param(
        "招聘会吸引了⟦数千人⟧到场。",
        x(2000, "人", "count", "range", 9000),
        id="vague-shuqianren",
    ),
    # 一 as a real count in a list of counts
    pytest.param(
        "5名选手分获⟦一项⟧一等奖、两项二等奖和两项三等奖。",
        x(1, "项", "count"),
        id="list-yixiang",
    ),
    pytest.param(
        "5名选手分获一项一等奖、⟦两项⟧二等奖和两项三等奖。",
        x(2, "项", "count"),
        id="list-liangxiang",
    ),
]


@pytest.mark.parametrize(("marked", "exp"), INCLUDED)
def test_included(marked, exp):
    check(marked, exp)


# The mention span covers number, multiplier, unit and approximation words (§1 examples).
SPAN_COVERAGE = [
    pytest.param(
        "活动当日吸引了⟦4500余人⟧现场咨询。", x(4500, "人", "count", "over"), id="4500yuren"
    ),
    pytest.param(
        "年节约成本⟦超727万元⟧。", x(7270000, "元", "currency", "over"), id="chao727wanyuan"
    ),
    pytest.param("全年举办各类赛事⟦50项以上⟧。", x(50, "项", "count", "over"), id="50xiangyishang"),
    pytest.param(
        "有⟦近三分之一⟧的棚区被划为该行业专区。",
        x(1 / 3, "", "ratio", "under"),
        id="jinsanfenzhiyi",
    ),
    pytest.param("参与职工达⟦98万多人⟧。", x(980000, "人", "count", "over"), id="98wanduoren"),
]


@pytest.mark.parametrize(("marked", "exp"), SPAN_COVERAGE)
def test_span_covers_approximation_words(marked, exp):
    check(marked, exp)


# Numeral forms (§1: Arabic half/full width, Chinese, mixed): every surface form of a group
# must give the same value. (template, [forms], expected, id)
NUMERAL_GROUPS = [
    (
        "每袋样品含杂质{}。",
        ["2克", "二克", "两克", "２克"],
        x(2, "克", "mass"),
        "2ke",
    ),
    (
        "全省新兴领域共有{}党员。",
        ["19.8万名", "１９．８万名", "十九点八万名", "198000名"],
        x(198000, "名", "count"),
        "19.8wan",
    ),
    (
        "招聘会当天吸引{}到场。",
        ["三千人", "3000人", "3千人", "３０００人"],
        x(3000, "人", "count"),
        "3000",
    ),
    (
        "全年资助困难职工{}。",
        ["两万人", "二万人", "2万人", "20000人"],
        x(20000, "人", "count"),
        "20000",
    ),
    (
        "社区共有{}志愿者。",
        ["六十三名", "63名", "６３名"],
        x(63, "名", "count"),
        "63",
    ),
    (
        "受访职工中有{}表示满意。",
        ["百分之八十", "80%", "80％", "８０％"],
        x(80, "%", "percent"),
        "80pct",
    ),
    (
        "全年结成师带徒{}。",
        ["2.15万对", "21500对", "两万一千五百对"],
        x(21500, "对", "count"),
        "21500",
    ),
    (
        "全省共建立志愿团队{}。",
        ["3万余个", "三万余个"],
        x(30000, "个", "count", "over"),
        "3wanyu",
    ),
    (
        "该片票房收入{}。",
        ["1亿元", "一亿元", "10000万元"],
        x(100000000, "元", "currency"),
        "1yi",
    ),
]

NUMERAL_FORMS = [
    pytest.param(template.format(OPEN + form + CLOSE), exp, id=f"{gid}-{n}")
    for template, forms, exp, gid in NUMERAL_GROUPS
    for n, form in enumerate(forms)
]


@pytest.mark.parametrize(("marked", "exp"), NUMERAL_FORMS)
def test_numeral_forms(marked, exp):
    check(marked, exp)


# --------------------------------------------------------------------------- §2 fields

FIELDS = [
    pytest.param(
        "全省新兴领域共有⟦19.8万名⟧党员。", x(198000, "名", "count"), id="text-19.8wanming"
    ),
    pytest.param(
        "全省性行业协会商会捐赠资金⟦2543.7万元⟧。",
        x(25437000, "元", "currency"),
        id="value-25437000",
    ),
    pytest.param("⟦三分之一⟧的受访者选择线上求职。", x(1 / 3, "", "ratio"), id="value-one-third"),
    pytest.param(
        "每个小组配备⟦3至5人⟧。",
        x(3, "人", "count", "range", 5),
        id="value_max-3zhi5ren",
    ),
    pytest.param(
        "爱心驿站累计接待司机食宿⟦71.6万人次⟧。",
        x(716000, "人次", "count"),
        id="unit-renci",
    ),
    pytest.param("大货车运来⟦150吨⟧水泥。", x(150, "吨", "mass"), id="unit-dun"),
    pytest.param(
        "建立对应关系的协会占比⟦８０．２％⟧。",
        x(80.2, "%", "percent"),
        id="unit-fullwidth-percent-folded",
    ),
]


@pytest.mark.parametrize(("marked", "exp"), FIELDS)
def test_fields(marked, exp):
    check(marked, exp)


SUBJECTS = [
    pytest.param(
        "辽宁绥四建设集团捐款⟦100万元⟧，沈阳北方建设集团捐赠50万元。",
        ("辽宁绥四建设集团",),
        id="liaoning-suisi",
    ),
]


@pytest.mark.parametrize(("marked", "accepted"), SUBJECTS)
def test_subject(marked, accepted):
    text, start, end = unmark(marked)
    q = mention_at(text, start, end)
    assert phrase_ok(accepted, q.subject), (
        f"subject of {q.text!r} is {q.subject!r}, expected {list(accepted)!r}"
    )


VALUE_CONVENTIONS = [
    pytest.param("全省新增城镇就业⟦5万人⟧。", x(50000, "人", "count"), id="wan"),
    pytest.param("全年完成固定资产投资⟦3亿元⟧。", x(300000000, "元", "currency"), id="yi"),
    pytest.param(
        "全省地区生产总值为⟦3.02万亿元⟧。",
        x(3020000000000, "元", "currency"),
        id="wanyi",
    ),
    pytest.param(
        "建立对应关系的协会占比⟦80.2%⟧。", x(80.2, "%", "percent"), id="percent-keeps-80.2"
    ),
    pytest.param("⟦三分之一⟧的棚区被划为专区。", x(1 / 3, "", "ratio"), id="one-third-empty-unit"),
    pytest.param("有⟦三成⟧的企业实现了增收。", x(0.3, "", "ratio"), id="sancheng-0.3"),
    pytest.param(
        "全省有⟦上千家⟧企业参与其中。", x(1000, "家", "count", "over"), id="shangqian-over"
    ),
    pytest.param(
        "招聘会吸引了⟦数千人⟧到场。",
        x(2000, "人", "count", "range", 9000),
        id="shuqian-range",
    ),
]


@pytest.mark.parametrize(("marked", "exp"), VALUE_CONVENTIONS)
def test_value_conventions(marked, exp):
    check(marked, exp)


# approx: about (约 大约 左右 上下 许 来), over (余 多 超 超过 逾 突破 以上 上千),
# under (近 将近 接近 不到 不足 以下); 达 marks nothing and stays outside the span.
APPROX_WORDS = [
    # about
    pytest.param("活动共吸引⟦约3000人⟧参加。", x(3000, "人", "count", "about"), id="about-yue"),
    pytest.param("新修道路全程⟦大约15公里⟧。", x(15, "公里", "length", "about"), id="about-dayue"),
    pytest.param("每亩增产⟦100公斤左右⟧。", x(100, "公斤", "mass", "about"), id="about-zuoyou"),
    pytest.param("参赛选手年龄在⟦30岁上下⟧。", x(30, "岁", "age", "about"), id="about-shangxia"),
    pytest.param("村里尚有留守老人⟦四十许人⟧。", x(40, "人", "count", "about"), id="about-xu"),
    pytest.param(
        "村里只剩下⟦十来个⟧年轻人。", x(10, "个", "count", "about"), id="about-lai-shilaige"
    ),
    pytest.param(
        "每天有⟦20来人⟧在窗口排队。", x(20, "人", "count", "about"), id="about-lai-20lairen"
    ),
    # over
    pytest.param(
        "活动当日吸引了⟦4500余人⟧现场咨询。", x(4500, "人", "count", "over"), id="over-yu"
    ),
    pytest.param(
        "全省各级工会提供就业岗位⟦12万余个⟧。",
        x(120000, "个", "count", "over"),
        id="over-wan-yu",
    ),
    pytest.param("全市⟦800多家⟧企业参与竞赛。", x(800, "家", "count", "over"), id="over-duo"),
    pytest.param(
        "征集合理化建议⟦11.5万多个⟧。", x(115000, "个", "count", "over"), id="over-wan-duo"
    ),
    pytest.param("年节约成本⟦超727万元⟧。", x(7270000, "元", "currency", "over"), id="over-chao"),
    pytest.param("参与率⟦超过88%⟧。", x(88, "%", "percent", "over"), id="over-chaoguo"),
    pytest.param("展会吸引⟦逾5000名⟧观众。", x(5000, "名", "count", "over"), id="over-yu-prefix"),
    pytest.param("该片票房⟦突破1亿元⟧。", x(100000000, "元", "currency", "over"), id="over-tupo"),
    pytest.param("全年举办各类赛事⟦50项以上⟧。", x(50, "项", "count", "over"), id="over-yishang"),
    pytest.param(
        "港珠澳大桥口岸港澳单牌车单季出入境⟦破百万辆⟧。",
        x(1000000, "辆", "count", "over"),
        id="over-po",
    ),
    # 破 ending 打破/跌破 marks nothing: records broken, a level crossed
    pytest.param(
        "在游泳、射击、举重等项目上，打破⟦1项⟧世界纪录。", x(1, "项", "count"), id="exact-dapo"
    ),
    pytest.param(
        "当年他熟背⟦上千种⟧零件代号。", x(1000, "种", "count", "over"), id="over-shangqian"
    ),
    # under
    pytest.param("现场⟦近2000人⟧达成就业意向。", x(2000, "人", "count", "under"), id="under-jin"),
    pytest.param("⟦将近300家⟧企业进场招聘。", x(300, "家", "count", "under"), id="under-jiangjin"),
    pytest.param("线上求职者占比⟦接近40%⟧。", x(40, "%", "percent", "under"), id="under-jiejin"),
    pytest.param("全程用时⟦不到3小时⟧。", x(3, "小时", "duration", "under"), id="under-budao"),
    pytest.param("当天参会人数⟦不足50人⟧。", x(50, "人", "count", "under"), id="under-buzu"),
    pytest.param("规模在⟦10人以下⟧的企业占多数。", x(10, "人", "count", "under"), id="under-yixia"),
    # 达 / 达到: exact, and not part of the span
    pytest.param("累计服务群众达⟦3.5万人次⟧。", x(35000, "人次", "count"), id="exact-da"),
    pytest.param(
        "点赞数量达到⟦26万余人次⟧。",
        x(260000, "人次", "count", "over"),
        id="exact-dadao-then-yu",
    ),
]


@pytest.mark.parametrize(("marked", "exp"), APPROX_WORDS)
def test_approximation_words(marked, exp):
    check(marked, exp)


RANGES_AND_VAGUE = [
    pytest.param(
        "每户补贴⟦3至5万元⟧。",
        x(30000, "元", "currency", "range", 50000),
        id="3zhi5wanyuan",
    ),
    pytest.param("每个小组配备⟦3至5人⟧。", x(3, "人", "count", "range", 5), id="3zhi5ren"),
    pytest.param("每个服务队由⟦3-5人⟧组成。", x(3, "人", "count", "range", 5), id="3-5ren"),
    pytest.param(  # bulk (Sogou): older text writes a range with the doubled dash
        "台军在距离大陆沿海⟦16——60公里⟧的岛屿部署了大批导弹。",
        x(16, "公里", "length", "range", 60),
        id="double-dash-range",
    ),
    pytest.param(
        "每个街道选派⟦3～5家⟧企业参展。",
        x(3, "家", "count", "range", 5),
        id="3tilde5jia",
    ),
    pytest.param(
        "每场讲座有⟦三四十人⟧参加。",
        x(30, "人", "count", "range", 40),
        id="sansishiren",
    ),
    pytest.param("全省有⟦上千家⟧企业参与其中。", x(1000, "家", "count", "over"), id="shangqian"),
    pytest.param(
        "社区组织⟦数百名⟧志愿者上门服务。",
        x(200, "名", "count", "range", 900),
        id="shubai",
    ),
    pytest.param(
        "招聘会吸引了⟦数千人⟧到场。",
        x(2000, "人", "count", "range", 9000),
        id="shuqian",
    ),
    pytest.param(
        "村里建起了⟦十几个⟧蔬菜大棚。",
        x(11, "个", "count", "range", 19),
        id="shiji",
    ),
    pytest.param(
        "⟦几十家⟧企业进场招聘。",
        x(20, "家", "count", "range", 90),
        id="jishi",
    ),
]


@pytest.mark.parametrize(("marked", "exp"), RANGES_AND_VAGUE)
def test_ranges_and_vague_magnitudes(marked, exp):
    check(marked, exp)


# 千克 千米 千瓦 千瓦时 百分点 are units; 千 万 亿 before them are multipliers.
MULTIPLIER_VS_UNIT = [
    pytest.param("每袋大米重⟦5千克⟧。", x(5, "千克", "mass"), id="5qianke"),
    pytest.param("全年收购蔬菜⟦3万千克⟧。", x(30000, "千克", "mass"), id="3wanqianke"),
    pytest.param("全年运送钢材⟦3千吨⟧。", x(3000, "吨", "mass"), id="3qiandun-multiplier"),
    pytest.param("新修乡村公路⟦10千米⟧。", x(10, "千米", "length"), id="10qianmi"),
    pytest.param("新增光伏装机⟦200千瓦⟧。", x(200, "千瓦", "power"), id="200qianwa"),
    pytest.param("新增风电装机⟦2万千瓦⟧。", x(20000, "千瓦", "power"), id="2wanqianwa"),
    pytest.param("全年发电⟦50万千瓦时⟧。", x(500000, "千瓦时", "energy"), id="50wanqianwashi"),
    pytest.param(
        "全省城镇化率提高⟦2.1个百分点⟧。",
        x(2.1, "个百分点", "percentage_point"),
        id="2.1gebaifendian",
    ),
    pytest.param(
        "失业率同比下降⟦0.5百分点⟧。",
        x(0.5, "百分点", "percentage_point"),
        id="0.5baifendian",
    ),
    pytest.param("全年投入资金⟦2千万元⟧。", x(20000000, "元", "currency"), id="2qianwanyuan"),
]


@pytest.mark.parametrize(("marked", "exp"), MULTIPLIER_VS_UNIT)
def test_multiplier_vs_unit(marked, exp):
    check(marked, exp)


# The unit may follow after spaces or a line break (data boxes).
UNIT_AFTER_BREAK = [
    pytest.param(
        "数据\n\n开展主题志愿服务\n活动\n\n⟦1.4万\n场次⟧\n\n",
        x(14000, "场次", "count"),
        id="newline",
    ),
    pytest.param(
        "开展主题志愿服务活动 ⟦1.4万 场次⟧",
        x(14000, "场次", "count"),
        id="space",
    ),
    pytest.param(
        "截至2024年底\n\n全省\n新就业群体\n党支部有\n\n \n⟦705个⟧\n\n",
        x(705, "个", "count"),
        id="number-on-own-line",
    ),
]


@pytest.mark.parametrize(("marked", "exp"), UNIT_AFTER_BREAK)
def test_unit_after_break(marked, exp):
    check(marked, exp)


# Entity rules 1-4, in order, with the guidelines' own examples.
ENTITY_RULES = [
    # 1. number + measure word + noun phrase -> the noun phrase
    pytest.param(
        "截至目前，全省新兴领域共有⟦19.8万名⟧党员。",
        x(198000, "名", "count", entity="党员"),
        id="r1-dangyuan",
    ),
    pytest.param(
        "⟦239家⟧全省性行业协会商会与主要行业管理部门建立对应关系。",
        x(239, "家", "count", entity="全省性行业协会商会"),
        id="r1-hangye-xiehui",
    ),
    pytest.param(
        "全省建成⟦6261个⟧爱心驿站。",
        x(6261, "个", "count", entity="爱心驿站"),
        id="r1-aixin-yizhan",
    ),
    # 2. noun phrase or verb + number + unit -> the phrase before
    pytest.param(
        "活动当日共收取简历⟦2926份⟧。",
        x(2926, "份", "count", entity="简历"),
        id="r2-jianli",
    ),
    pytest.param(
        "全省行业协会商会捐赠资金⟦1254万元⟧。",
        x(12540000, "元", "currency", entity="捐赠资金"),
        id="r2-juanzeng-zijin",
    ),
    pytest.param(
        "该片票房⟦突破1亿元⟧。",
        x(100000000, "元", "currency", "over", entity="票房"),
        id="r2-piaofang",
    ),
    # 3. people counted by an activity -> the activity
    pytest.param(
        "活动当日吸引了⟦4500余人⟧现场咨询。",
        x(4500, "人", "count", "over", entity="现场咨询"),
        id="r3-xianchang-zixun",
    ),
    # 4. data box: label on lines above, number on a line of its own -> the label
    pytest.param(
        "数据\n\n截至2024年底\n\n党建工作指导员\n下沉一线达\n\n⟦1.1万名⟧\n\n",
        x(11000, "名", "count", entity="党建工作指导员"),
        id="r4-data-box",
    ),
]


@pytest.mark.parametrize(("marked", "exp"), ENTITY_RULES)
def test_entity_rules(marked, exp):
    check(marked, exp)


# --------------------------------------------------------------------------- §1 Excluded

EXCLUDED_DATES = [
    pytest.param("⟦2025年⟧，全省新增经营主体52万户。", ("52万户",), id="2025nian"),
    pytest.param("⟦5月中旬⟧，全省已完成春播3200万亩。", ("3200万亩",), id="5yue-zhongxun"),
    pytest.param(
        "⟦7月11日⟧，省工业领域行业协会召开座谈会，10个重点领域负责人参会。",
        ("10个",),
        id="7yue11ri",
    ),
    pytest.param("截至⟦2024年底⟧，全省建成705个新就业群体党支部。", ("705个",), id="2024niandi"),
    pytest.param(
        "从⟦1979年⟧85名创业者中的5名党员，发展到如今的312名党员。",
        ("85名", "312名"),
        id="1979nian",
    ),
    pytest.param(
        "⟦2022—2023年度⟧安康杯竞赛活动覆盖职工380万人。",
        ("380万人",),
        id="2022-2023niandu",
    ),
    pytest.param("全省⟦11月⟧共接待游客1200万人次。", ("1200万人次",), id="11yue"),
    pytest.param("该项目预计⟦明年1月⟧投产，年产值可达20亿元。", ("20亿元",), id="mingnian-1yue"),
]


@pytest.mark.parametrize(("marked", "also"), EXCLUDED_DATES)
def test_excluded_dates(marked, also):
    check_excluded(marked, also)


EXCLUDED_RELATIVE_TIME = [
    pytest.param(
        "⟦一年多来⟧，全省行业协会商会累计捐赠款物2543万元。",
        ("2543万元",),
        id="yinianduolai",
    ),
    pytest.param("⟦半个月前⟧，已有119家行业协会商会报名参与。", ("119家",), id="bangeyueqian"),
    pytest.param("⟦今年以来⟧，全省各级工会走访企业1478个。", ("1478个",), id="jinnianyilai"),
    pytest.param("设备于⟦次月⟧全部安装到位，共计36台。", ("36台",), id="ciyue"),
]


@pytest.mark.parametrize(("marked", "also"), EXCLUDED_RELATIVE_TIME)
def test_excluded_relative_time(marked, also):
    check_excluded(marked, also)


EXCLUDED_ORDINALS = [
    pytest.param("该片参评⟦第31届⟧电视剧金鹰奖。", (), id="di31jie"),
    pytest.param(
        "组织5名选手参加⟦第三届⟧全国中小学青年教师教学竞赛决赛。", ("5名",), id="disanjie"
    ),
    pytest.param("该报在⟦第一版⟧刊发了3篇报道。", ("3篇",), id="diyiban"),
    pytest.param("该项目荣获省科技进步⟦一等奖⟧。", (), id="yidengjiang"),
    pytest.param(
        "5名选手分获一项⟦一等奖⟧、两项二等奖和两项三等奖。",
        ("5名", "一项"),
        id="yidengjiang-in-list",
    ),
    pytest.param("万森⟦第一时间⟧对接儋州市相关部门。", (), id="diyishijian"),
    pytest.param("党建工作指导员下沉⟦一线⟧达1.1万名。", ("1.1万名",), id="yixian"),
]


@pytest.mark.parametrize(("marked", "also"), EXCLUDED_ORDINALS)
def test_excluded_ordinals_and_ranks(marked, also):
    check_excluded(marked, also)


EXCLUDED_NAMES = [
    pytest.param("该公司党委创新⟦“116X”⟧党建模式，198名党员参与其中。", ("198名",), id="116X"),
    pytest.param("服务⟦“2211”⟧产业体系建设，对接项目36个。", ("36个",), id="2211"),
    pytest.param("打造⟦“1+N”⟧党建融课堂。", (), id="1+N"),
    pytest.param(
        "省内企业在⟦SEMICONChina2026⟧国际半导体展会上集中参展。",
        (),
        id="SEMICONChina2026",
    ),
    pytest.param("“⟦十四五⟧”期间，全省新建通信基站8.6万个。", ("8.6万个",), id="shisiwu"),
    pytest.param("深入学习贯彻党的⟦二十大⟧精神。", (), id="ershida"),
    pytest.param("该片荣获辽宁省“⟦五个一工程⟧”奖。", (), id="wugeyigongcheng"),
    pytest.param("在辽宁全面振兴新突破⟦三年行动⟧中刻下鲜明印记。", (), id="sannianxingdong"),
    pytest.param("完善党建管理体制“⟦四梁八柱⟧”。", (), id="siliangbazhu"),
    pytest.param("理顺省级“⟦两新⟧”工委工作机制。", (), id="liangxin"),
    pytest.param("举办13期“⟦两企三新⟧”党组织书记培训班。", ("13期",), id="liangqisanxin"),
    pytest.param("深入开展“⟦五小⟧”创新活动，取得创新成果4.1万个。", ("4.1万个",), id="wuxiao"),
    pytest.param("将相关职责纳入部门“⟦三定⟧”规定。", (), id="sanding"),
    pytest.param(
        "出台⟦《辽宁省关爱服务新就业群体十一条措施》⟧，全省建成6261个爱心驿站。",
        ("6261个",),
        id="shiyitiao-cuoshi",
    ),
    pytest.param("做好服务结构调整“⟦三篇大文章⟧”。", (), id="sanpiandawenzhang"),
    pytest.param("深刻领悟“⟦两个确立⟧”的决定性意义。", (), id="liangequeli"),
    pytest.param("增强“⟦四个意识⟧”。", (), id="sigeyishi"),
    pytest.param("织密行业党建“⟦一张网⟧”。", (), id="yizhangwang"),
    pytest.param("创新建立“⟦一集群一协会⟧”支撑服务机制。", (), id="yijiqunyixiehui"),
    pytest.param(
        "举办“党建工建促就业 ⟦百会千企⟧助振兴”招聘会，现场提供岗位1.2万个。",
        ("1.2万个",),
        id="baihuiqianqi",
    ),
    pytest.param("探索劳动纠纷“⟦一站式⟧”联合调解工作模式。", (), id="yizhanshi"),
    pytest.param("居民们都给社区打出“⟦五星好评⟧”。", (), id="wuxinghaoping"),
]


@pytest.mark.parametrize(("marked", "also"), EXCLUDED_NAMES)
def test_excluded_names_codes_slogans(marked, also):
    check_excluded(marked, also)


EXCLUDED_IDIOMS = [
    pytest.param("党员们⟦一次又一次⟧做实验、做尝试。", (), id="yiciyouyici"),
    pytest.param(
        "基层治理问题⟦一个一个⟧被解决，全省组建789支志愿服务队。",
        ("789支",),
        id="yigeyige",
    ),
    pytest.param("⟦一面面⟧深棕底色的展板沿墙排开。", (), id="yimianmian"),
    pytest.param("他的目光扫过⟦几步外⟧的蓝色帐篷。", (), id="jibuwai"),
]


@pytest.mark.parametrize(("marked", "also"), EXCLUDED_IDIOMS)
def test_excluded_idioms_and_repetition(marked, also):
    check_excluded(marked, also)


EXCLUDED_ARTICLES = [
    pytest.param(
        "在高速口，⟦一场⟧交接仪式简单却热烈，29辆大货车整装待发。",
        ("29辆",),
        id="yichang",
    ),
    pytest.param("基地内，⟦一支⟧16人的参观队伍来到展览馆前。", ("16人",), id="yizhi-16ren"),
    pytest.param("快递小哥在忙碌之余有了⟦一个⟧温暖的去处。", (), id="yige"),
]


@pytest.mark.parametrize(("marked", "also"), EXCLUDED_ARTICLES)
def test_excluded_indefinite_article(marked, also):
    check_excluded(marked, also)


EXCLUDED_CODES = [
    pytest.param("咨询电话：⟦024-86893000⟧。", (), id="phone"),
    pytest.param("身份证号码为⟦210102199001011234⟧的申请人已登记。", (), id="id-number"),
    pytest.param("全年新购⟦ZL50G⟧型装载机12台。", ("12台",), id="model-number"),
    pytest.param(
        "全省工会工作综述\n\n⟦1⟧ 思想引领 唱响时代主旋律\n\n全年开展宣讲活动1200余场。",
        ("1200余场",),
        id="section-number",
    ),
]


@pytest.mark.parametrize(("marked", "also"), EXCLUDED_CODES)
def test_excluded_codes_and_numbers(marked, also):
    check_excluded(marked, also)


# --------------------------------------------------------------------------- §1 Optional

# Neither rewarded nor punished: absence passes; a mention found there must hold the gold
# value and dimension. The real statistics in ``also`` must be found either way.
OPTIONAL = [
    pytest.param(
        "他和老伴在帐篷里住了⟦近两个月⟧，全村29户都已搬进新房。",
        2,
        "duration",
        ("29户",),
        id="jinlianggeyue",
    ),
    pytest.param(
        "将⟦千万⟧职工思想统一起来，全年宣讲1200场。",
        10000000,
        "count",
        ("1200场",),
        id="qianwan-zhigong",
    ),
    pytest.param(
        "郭家爱心团队⟦六十三年⟧如一日守护着大院里的12名盲人居民。",
        63,
        "duration",
        ("12名",),
        id="liushisannian-ruyiri",
    ),
    pytest.param(
        "全省14个市中，⟦半数以上⟧的市延伸建立了工作机构。",
        0.5,
        "ratio",
        ("14个",),
        id="banshuyishang-deshi",
    ),
]


@pytest.mark.parametrize(("marked", "value", "dimension", "also"), OPTIONAL)
def test_optional(marked, value, dimension, also):
    text, start, end = unmark(marked)
    found = run(text)
    for q in overlapping(found, start, end):
        assert same_number(q.value, value) and q.dimension == dimension, (
            f"optional {text[start:end]!r} found with wrong reading:\n{show([q])}\n"
            f"expected value={value!r} dimension={dimension!r}"
        )
    for fragment in also:
        s, e = locate(text, fragment)
        assert any((q.start, q.end) == (s, e) for q in found), (
            f"{fragment!r} in {text!r} must be found; found:\n{show(found)}"
        )


# --------------------------------------------------------------------------- test data

POSITIVE_TABLES = {
    "INCLUDED": INCLUDED,
    "SPAN_COVERAGE": SPAN_COVERAGE,
    "NUMERAL_FORMS": NUMERAL_FORMS,
    "FIELDS": FIELDS,
    "VALUE_CONVENTIONS": VALUE_CONVENTIONS,
    "APPROX_WORDS": APPROX_WORDS,
    "RANGES_AND_VAGUE": RANGES_AND_VAGUE,
    "MULTIPLIER_VS_UNIT": MULTIPLIER_VS_UNIT,
    "UNIT_AFTER_BREAK": UNIT_AFTER_BREAK,
    "ENTITY_RULES": ENTITY_RULES,
}
EXCLUDED_TABLES = {
    "EXCLUDED_DATES": EXCLUDED_DATES,
    "EXCLUDED_RELATIVE_TIME": EXCLUDED_RELATIVE_TIME,
    "EXCLUDED_ORDINALS": EXCLUDED_ORDINALS,
    "EXCLUDED_NAMES": EXCLUDED_NAMES,
    "EXCLUDED_IDIOMS": EXCLUDED_IDIOMS,
    "EXCLUDED_ARTICLES": EXCLUDED_ARTICLES,
    "EXCLUDED_CODES": EXCLUDED_CODES,
}


def test_tables_are_well_formed():
    """The tables themselves: one marked span, fragments that occur once, sane values."""
    from newsstats.model import APPROX, DIMENSIONS

    ids = set()
    for name, table in {**POSITIVE_TABLES, **EXCLUDED_TABLES, "OPTIONAL": OPTIONAL}.items():
        for param in table:
            assert (name, param.id) not in ids, f"duplicate id {param.id} in {name}"
            ids.add((name, param.id))
            text, start, end = unmark(param.values[0])
            assert text.strip() and 0 <= start < end <= len(text)
    for table in POSITIVE_TABLES.values():
        for param in table:
            exp = param.values[1]
            assert exp.dimension in DIMENSIONS and exp.approx in APPROX, param.id
            assert (exp.value_max is not None) == (exp.approx == "range"), param.id
            assert isinstance(exp.value, (int, float)), param.id
    for table in [*EXCLUDED_TABLES.values(), OPTIONAL]:
        for param in table:
            text, start, end = unmark(param.values[0])
            for fragment in param.values[-1]:
                s, e = locate(text, fragment)
                assert e <= start or end <= s, f"{fragment!r} overlaps the marked span"
