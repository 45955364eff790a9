"""Base units: the unit table's conversions row by row, and real sentences in every dimension.

``base_value``/``base_unit`` put every physical quantity in one unit per dimension (UCUM codes:
m2, kg, m, L, J, W, s, m/s, Cel, By) and money under its ISO 4217 code, so a column of areas
or of amounts can be summed across articles. The sentences are clauses of ../shared/corpus
(train and bulk); each expected value is worked out from the unit's definition, not read off
the output.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from newsstats import extract, lexicon, normalising
from newsstats.model import DIMENSIONS

# one base unit per physical dimension (data: bytes, bits, or bits a second for a rate)
BASES = {
    "area": {"m2"}, "mass": {"kg"}, "length": {"m"}, "volume": {"L"}, "energy": {"J"},
    "power": {"W"}, "duration": {"s"}, "age": {"a"}, "temperature": {"Cel"},
    "speed": {"m/s"}, "data": {"By", "bit", "bit/s"},
}  # fmt: skip
KEPT = {"count", "percent", "permille", "percentage_point", "ratio", "multiple"}
# a factor is a decimal or a ratio of two decimals, written out: 1000, 0.3048, 2000/3
EXACT_FACTOR = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:/[0-9]+(?:\.[0-9]+)?)?")
ISO_4217 = re.compile(r"[A-Z]{3}(?:/.+)?")


def _table_rows() -> list[dict[str, str]]:
    return lexicon._rows("units.tsv") + lexicon._rows("unit_cues.tsv")


def _factor(row: dict[str, str]) -> Fraction:
    numerator, _, denominator = row["base_factor"].partition("/")
    return Fraction(numerator) / Fraction(denominator or 1)


@pytest.mark.parametrize("row", _table_rows(), ids=lambda row: row["surface"] + row.get("cue", ""))
def test_every_row_has_its_dimension_base_and_an_exact_factor(row: dict[str, str]) -> None:
    dimension = row["dimension"]
    if not dimension and row.get("cue") is None:
        # 省: a unit only through a cue (unit_cues.tsv), which gives the dimension and base
        assert not row["base_unit"], row
        return
    assert dimension in DIMENSIONS
    if dimension in KEPT:
        assert not row["base_unit"], "counts and shares keep their unit"
        return
    if dimension == "currency":
        # empty only for a short form many currencies share (克朗): the context settles it
        assert not row["base_unit"] or ISO_4217.fullmatch(row["base_unit"]), row
    elif dimension in BASES and row["surface"] != "马赫":  # Mach: the speed of sound varies
        assert row["base_unit"] in BASES[dimension], row
    if row["base_unit"]:
        assert EXACT_FACTOR.fullmatch(row["base_factor"]), row
        assert _factor(row) > 0
    if row.get("base_offset"):
        assert dimension == "temperature", "only temperature scales have another zero"


# Each unit's factor follows from another row's: a metric prefix, a square or a cube, a rate.
PREFIXES = {
    "千": 1000, "兆": 10**6, "吉": 10**9, "毫": Fraction(1, 1000), "微": Fraction(1, 10**6),
    "纳": Fraction(1, 10**9), "厘": Fraction(1, 100), "分": Fraction(1, 10),
    "k": 1000, "K": 1000, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15,
    "m": Fraction(1, 1000), "c": Fraction(1, 100), "n": Fraction(1, 10**9),
}  # fmt: skip
# the definitions the rest are built on (international yard and pound of 1959, 1 亩 = 1/15 ha)
DEFINED = {
    "米": 1, "克": Fraction(1, 1000), "瓦": 1, "焦": 1, "升": 1, "秒": 1, "分钟": 60,
    "小时": 3600, "天": 86400, "斤": Fraction(1, 2), "公斤": 1, "吨": 1000, "公顷": 10**4,
    "亩": Fraction(10**4, 15), "英寸": Fraction("0.0254"), "英尺": Fraction("0.3048"),
    "英里": Fraction("1609.344"), "海里": 1852, "磅": Fraction("0.45359237"), "瓦时": 3600,
    "卡": Fraction("4.184"), "m": 1, "g": Fraction(1, 1000), "W": 1, "L": 1, "B": 1,
}  # fmt: skip


def _by_surface() -> dict[str, Fraction]:
    """Surface → factor, for the rows of the physical dimensions (other: rows of mixed units)."""
    return {
        row["surface"]: _factor(row)
        for row in lexicon._rows("units.tsv")
        if row["base_unit"] and row["dimension"] in BASES
    }


def _derived() -> list[tuple[str, Fraction]]:
    """(surface, factor from its parts) for every row a prefix, power or rate builds."""
    factors = _by_surface()
    known = {**{s: Fraction(f) for s, f in DEFINED.items()}, **{"Wh": Fraction(3600)}}
    found = []
    for surface in factors:
        if surface in DEFINED:
            found.append((surface, Fraction(DEFINED[surface])))
            continue
        for square in ("平方", "立方"):
            rest = surface.removeprefix(square)
            if rest != surface and rest in factors:
                length = factors[rest]
                found.append((surface, length**2 if square == "平方" else length**3 * 1000))
        for rate, seconds in (("/小时", 3600), ("每小时", 3600), ("/时", 3600), ("/秒", 1)):
            rest = surface.removesuffix(rate)
            if rest != surface and rest in factors:
                found.append((surface, factors[rest] / seconds))
        head, rest = surface[0], surface[1:]
        if head in PREFIXES and (rest in known or rest + "h" in ("Wh",)):
            found.append((surface, PREFIXES[head] * known[rest]))
    return found


def test_derivations_cover_the_table() -> None:
    derived = {surface for surface, _ in _derived()}
    # the units news measures in most are all built from a definition, not typed
    assert {"平方公里", "平方米", "千瓦", "兆瓦", "千瓦时", "毫米", "千克", "立方米", "公里/小时",
            "kW", "MW", "GWh", "km", "mm", "kg", "mL", "GB", "TB"} <= derived  # fmt: skip


@pytest.mark.parametrize(("surface", "expected"), _derived(), ids=lambda x: str(x))
def test_factor_follows_from_its_definition(surface: str, expected: Fraction) -> None:
    assert _by_surface()[surface] == expected


def test_conversion_is_exact_decimal() -> None:
    acre = lexicon.units()["亩"].base
    assert acre is not None
    # 5万亩: two thirds of 50,000 hectares, to Decimal's precision, not a float's
    assert acre.convert(Decimal(50000)) == Decimal(50000) * 2000 / 3
    fahrenheit = lexicon.unit_cues()["度"]["华氏"].base
    assert fahrenheit is not None and fahrenheit.convert(Decimal("98.6")) == 37


# (clause from the corpus, mention, base value, base unit)
REAL = [
    # age
    ("今年37岁、来自新西兰的游客里查德-波雷是一位电视节目导演，", "37岁", 37, "a"),
    ("痴迷于“机械臂”研究的他带着平均年龄25岁的研发团队，", "25岁", 25, "a"),
    ("我国60周岁及以上人口已超过3亿，", "60周岁", 60, "a"),
    # area
    ("云南大理森林火灾明火扑灭过火面积约200亩", "约200亩", 400000 / 3, "m2"),
    ("陕西关中平原1200多万亩小麦陆续返青，", "1200多万亩", 8e9, "m2"),
    ("计划用十年时间完成营造林206.72万亩，", "206.72万亩", 2067200 * 2000 / 3, "m2"),
    ("鞋厂仓库面积约1400平方米，", "约1400平方米", 1400, "m2"),
    ("面积１８５７５平方公里，", "１８５７５平方公里", 1.8575e10, "m2"),
    ("面积1.8平方公里的南京西路商圈集聚了2000多个国内外知名品牌，", "1.8平方公里", 1.8e6, "m2"),
    ("修复治理历史遗留废弃矿山3.03万公顷，", "3.03万公顷", 3.03e8, "m2"),
    ("当地建起了2000平米的冷库，", "2000平米", 2000, "m2"),
    ("2020年我国冰川面积约为4.6万平方千米，", "约为4.6万平方千米", 4.6e10, "m2"),
    # currency
    ("州、市党委政府已安排专项应急经费30万元用于抗震救灾工作。", "30万元", 300000, "CNY"),
    ("今年前两个月我国电信业务收入累计完成2950亿元", "2950亿元", 2.95e11, "CNY"),
    ("欧盟之后针对28亿欧元的美国商品施加关税，", "28亿欧元", 2.8e9, "EUR"),
    ("我国外汇储备规模为32407亿美元，", "32407亿美元", 3.2407e12, "USD"),
    ("每股收益３３美分。", "３３美分", 0.33, "USD"),
    ("售价8.5万港元的《文渊阁四库全书电子版》", "8.5万港元", 85000, "HKD"),
    ("意味着国防开支将增加约134亿英镑。", "约134亿英镑", 1.34e10, "GBP"),
    ("中国游客每年将为澳旅游业贡献60亿澳元。", "60亿澳元", 6e9, "AUD"),
    ("这5万块钱贷款还不上。", "5万块钱", 50000, "CNY"),
    ("发行价格为21.71元/股，", "21.71元/股", 21.71, "CNY"),
    ("加拿大将对价值1550亿加元的美国产品征收25%的关税。", "1550亿加元", 1.55e11, "CAD"),
    # data
    ("获取科学数据110TB", "110TB", 1.1e14, "By"),
    ("表层结构等原始科学数据超3750GB", "超3750GB", 3.75e12, "By"),
    ("3月户均流量达23.4GB", "23.4GB", 2.34e10, "By"),
    # duration
    ("在高海拔的定日县一干就是8年，", "8年", 8 * 365.25 * 86400, "s"),
    ("经过1120名专业扑火队员16个小时的奋力扑救，", "16个小时", 57600, "s"),
    ("经过10分钟的奋力营救，", "10分钟", 600, "s"),
    ("连续5天全社会跨区域人员流动量单日超3亿人次，", "5天", 432000, "s"),
    ("经过约8.5小时的出舱活动，", "约8.5小时", 30600, "s"),
    # 半 or an approximation word splits 分钟 as it does 个小时
    ("这家企业的智能化装卸设备3分半钟就能装满一辆", "3分半钟", 210, "s"),
    ("抢出的两分多钟让18位旅客顺利换乘", "两分多钟", 120, "s"),
    ("在轨驻留6个月，", "6个月", 6 * 365.25 * 86400 / 12, "s"),
    ("地震持续了20秒左右，", "20秒左右", 20, "s"),
    ("为期两周左右的高强度培训，", "两周左右", 14 * 86400, "s"),
    ("全程仅用时21个工作日，", "21个工作日", 21 * 86400, "s"),
    ("仅需7毫秒就可“闪送”到2000多公里之外的江浙地区。", "7毫秒", 0.007, "s"),
    ("我国进出口规模连续8个季度超10万亿元。", "8个季度", 2 * 365.25 * 86400, "s"),
    ("折射出普通百姓长达半个世纪的生活变迁，", "半个世纪", 50 * 365.25 * 86400, "s"),
    # energy
    ("未来年发电量可超102亿千瓦时。", "超102亿千瓦时", 1.02e10 * 3.6e6, "J"),
    ("项目储能容量达1500兆瓦时，", "1500兆瓦时", 1500 * 3.6e9, "J"),
    ("储能规模近40吉瓦时。", "近40吉瓦时", 40 * 3.6e12, "J"),
    ("可再生能源消费量超过11亿吨标煤。", "超过11亿吨标煤", 1.1e9 * 29.3076e9, "J"),
    # length
    ("本次火炬传递活动总路线长约11公里，", "约11公里", 11000, "m"),
    ("震源深度10千米。", "10千米", 10000, "m"),
    ("黄河已累计开河412.4千米，", "412.4千米", 412400, "m"),
    ("北京北六环4车连撞拥堵10公里长达两个多小时", "10公里", 10000, "m"),
    ("“夏利车被顶离地面大约40厘米。", "大约40厘米", 0.4, "m"),
    ("这个只有0.9毫米的钢板，", "0.9毫米", 0.0009, "m"),
    ("降水量达20.7毫米。", "20.7毫米", 0.0207, "m"),
    ("首条12英寸智能传感器晶圆制造生产线展开技术攻关与产能提升。", "12英寸", 0.3048, "m"),
    ("累计巡逻255.5海里。", "255.5海里", 255.5 * 1852, "m"),
    ("京珠北高速公路75km+300m北行方向发生一辆高速行驶的大客车追尾", "75km", 75000, "m"),
    # mass
    ("累计开采超深油气超过1.4亿吨。", "超过1.4亿吨", 1.4e11, "kg"),
    ("2024年绍兴全市香榧干果产量1.2万余吨，", "1.2万余吨", 1.2e7, "kg"),
    ("炸药250多公斤以及500多支武器。", "250多公斤", 250, "kg"),
    ("一茬的产量达到每亩地6000多斤，", "6000多斤", 3000, "kg"),
    ("粮食产量1.4万亿斤左右；", "1.4万亿斤左右", 7e11, "kg"),
    ("一种每平方米只有1.6克的超薄修复用纸，", "1.6克", 0.0016, "kg"),
    ("手持订单量达到27442万载重吨，", "27442万载重吨", 2.7442e11, "kg"),
    ("首次研究获得月球背面月幔的水含量小于2微克/克，", "小于2微克", 2e-9, "kg"),
    # power
    ("我国太阳能发电装机累计并网达到8.18亿千瓦，", "8.18亿千瓦", 8.18e11, "W"),
    ("风电光伏发电合计新增装机7433万千瓦，", "7433万千瓦", 7.433e10, "W"),
    ("能够为25兆瓦级的风电机组提供各种各样的模拟试验环境，", "25兆瓦", 2.5e7, "W"),
    # speed
    ("设计速度350公里每小时，", "350公里每小时", 350 / 3.6, "m/s"),
    ("其中过江段设计速度250公里/小时", "250公里/小时", 250 / 3.6, "m/s"),
    ("列车设计速度为160公里/小时", "160公里/小时", 160 / 3.6, "m/s"),
    ("最高运行时速160千米/小时", "160千米/小时", 160 / 3.6, "m/s"),
    # a length after 时速/每小时/秒速 right before it is a speed; the unit stays as written
    ("六车道，设计时速100公里。", "100公里", 100 / 3.6, "m/s"),
    ("省内首条设计时速达350公里的高", "350公里", 350 / 3.6, "m/s"),
    ("和吹雪，阵风时速超过60公里。", "超过60公里", 60 / 3.6, "m/s"),
    ("阵风可能达到每小时80公里到112公里", "80公里到112公里", 80 / 3.6, "m/s"),
    ("平台将秧盘以每秒0.8米的速度", "0.8米", 0.8, "m/s"),
    # temperature
    ("气温达到了摄氏30度，", "30度", 30, "Cel"),
    ("曾小祥在60多摄氏度高温环境中抢修设备故障近4个小时。", "60多摄氏度", 60, "Cel"),
    ("气温最高达26℃，", "26℃", 26, "Cel"),
    ("最低气温降至零下38℃。", "零下38℃", -38, "Cel"),
    # 度 before a verb of meeting or doing counts occasions; after a verb of turning, an angle
    ("两国元首两度会晤，", "两度", 2, "度"),
    ("运输协议自签署后曾两度延长，", "两度", 2, "度"),
    ("我们用的每两度电里，", "两度", 7.2e6, "J"),
    ("运动员在空中转了90度，", "90度", 90, "deg"),
    ("身体旋转180度后落水。", "180度", 180, "deg"),
    # volume
    ("涉事油轮运载约22万桶航空燃油，", "约22万桶", 220000 * 158.987294928, "L"),
    ("大庆油田天然气2024年产量突破60亿立方米", "突破60亿立方米", 6e12, "L"),
    ("本阶段计划输水2000万立方米，", "2000万立方米", 2e10, "L"),
    ("事故造成约19000升柴油泄", "约19000升", 19000, "L"),
    ("相当于100多瓶500毫升的瓶装", "500毫升", 0.5, "L"),
    # kept as written: counts, shares, multiples
    ("我国60周岁及以上人口已超过3亿，", "超过3亿", 3e8, ""),  # a count, its unit unsaid
    ("连续5天全社会跨区域人员流动量单日超3亿人次，", "超3亿人次", 3e8, "人次"),
    ("加拿大将对价值1550亿加元的美国产品征收25%的关税。", "25%", 25, "%"),
    ("美国经济连续两个季度萎缩的可能性将高达90%，", "90%", 90, "%"),
    ("比赛设置了51公斤、57公斤、64公斤、75公斤和91公斤5个级别，", "5个", 5, "个"),
    ("表演分为上中下三部分。", "三部分", 3, "部分"),  # parts, not 三部 works of 分
    ("该基地包括陆上检测中心和试验风电场两部分，", "两部分", 2, "部分"),
    # a number of ten thousands or more says how many even with no unit (a count)
    ("我国网络视听用户规模达10.4亿，", "10.4亿", 1.04e9, ""),
    ("古巴疏散了70多万居民。", "70多万", 7e5, ""),
    ("沿线近1400万群众将受益。", "近1400万", 1.4e7, ""),
    ("申请人数突破2000万", "突破2000万", 2e7, ""),
    ("邮轮总吨位超过70000总吨，", "超过70000总吨", 70000, "总吨"),
    # a measure word in brackets is an alternative one for the same count, kept beside it
    ("全省投入15万台（套）联合收割机，", "15万台（套）", 150000, "台（套）"),
    ("转场的牲畜数量约936万头（只）。", "约936万头（只）", 9360000, "头（只）"),
    ("工业设备连接数突破1.2亿台（套）。", "突破1.2亿台（套）", 1.2e8, "台（套）"),
    ("捐款100万元（人民币）", "100万元", 1e6, "CNY"),  # a bracket naming the money is no unit
]


@pytest.mark.parametrize(("clause", "mention", "base_value", "base_unit"), REAL)
def test_real_mentions_in_base_units(clause, mention, base_value, base_unit) -> None:
    found = {q.text: q for q in extract(clause)}
    if base_unit is None:  # a bare number is no statistic: it is not reported at all
        assert mention not in found, found
        return
    assert mention in found, list(found)
    q = found[mention]
    assert q.base_unit == base_unit, q
    assert math.isclose(q.base_value, base_value, rel_tol=1e-12), q


def test_a_speed_cue_reaches_only_the_number_right_after_it() -> None:
    # the lengths around it stay lengths
    found = extract(
        "成昆铁路复线全长约860公里，设计时速160公里，目前仅剩峨眉至冕宁段约230公里正在建设中"
    )
    assert [(q.text, q.dimension) for q in found] == [
        ("约860公里", "length"), ("160公里", "speed"), ("约230公里", "length"),
    ]


def test_real_table_covers_every_physical_dimension() -> None:
    units = {unit for *_, unit in REAL}
    assert len(REAL) >= 80
    assert all(units & bases for bases in BASES.values())


# A bare 元 is the article's own dollar: renminbi, or in a Hong Kong article the HK dollar.
# Mainland news set in traditional characters (train_hant) stays renminbi.
HANT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "train_hant"
HK_CLAUSES = (  # the Hong Kong press: 立法會, 特首, 綜援 (heldout_hant is not copied here)
    "財政司司長今日向立法會發表預算案，政府會向合資格人士發放一次性津貼，涉及100億元。"
)


@pytest.mark.parametrize("name", ["h001.txt", "h005.txt", "h006.txt", "h045.txt"])
def test_mainland_news_in_traditional_characters_is_in_renminbi(name: str) -> None:
    path = HANT / name
    if not path.exists():
        pytest.skip("../shared/corpus is not beside the checkout")
    text = path.read_text(encoding="utf-8")
    assert normalising.money_region(text) == "CNY"
    codes = {q.base_unit for q in extract(text) if q.unit == "元"}
    assert codes == {"CNY"}


def test_bare_yuan_in_a_hong_kong_article_is_the_hong_kong_dollar() -> None:
    [money] = [q for q in extract(HK_CLAUSES) if q.dimension == "currency"]
    assert (money.text, money.base_value, money.base_unit) == ("100億元", 10**10, "HKD")


@pytest.mark.parametrize(("fare", "code"), [("$21.9", "HKD"), ("＄21.9", "HKD"),
                                            ("US$21.9", "USD"), ("NT$21.9", "TWD")])
def test_a_bare_dollar_sign_in_a_hong_kong_article_is_the_hong_kong_dollar(fare, code) -> None:
    text = HK_CLAUSES + f"港島線巴士車資由$20.2加至{fare}。"
    money = [q for q in extract(text) if q.dimension == "currency"][-1]
    assert (money.text, money.base_unit) == (fare, code)


def test_a_bare_dollar_sign_elsewhere_is_the_us_dollar() -> None:
    [money] = [q for q in extract("苹果公司股价收报$189.5。") if q.dimension == "currency"]
    assert money.base_unit == "USD"


def test_renminbi_stays_renminbi_in_a_hong_kong_article() -> None:
    text = HK_CLAUSES.replace("100億元", "100億元人民幣")
    [money] = [q for q in extract(text) if q.dimension == "currency"]
    assert money.base_unit == "CNY"


# --- every currency CLDR names (data/currencies.tsv, tools/make_currencies.py) ---------------

BULK = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bulk"


def _currency_rows(role: str) -> list[dict[str, str]]:
    return [row for row in lexicon._rows("currencies.tsv") if row["role"] == role]


def test_tables_read_as_the_csv_module_reads_them() -> None:
    import csv
    from importlib import resources

    data = resources.files("newsstats").joinpath("data")
    for table in sorted(path.name for path in data.iterdir() if path.name.endswith(".tsv")):
        text = data.joinpath(table).read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        by_csv = [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]
        read = lexicon._rows(table)
        assert [list(row.items()) for row in read] == [list(row.items()) for row in by_csv]


def test_currencies_cover_the_iso_4217_currencies_in_use_in_both_scripts() -> None:
    names = _currency_rows("name")
    assert len({row["code"] for row in names}) >= 145  # 154 in use; a few have no Han name
    for locale in ("zh", "zh_Hant"):
        assert len({row["code"] for row in names if row["note"] == locale}) >= 145
    assert all(ISO_4217.fullmatch(row["code"]) for row in names)


def test_currencies_table_is_what_babel_generates() -> None:
    pytest.importorskip("babel")
    import importlib.util

    tool = Path(__file__).resolve().parents[1] / "tools" / "make_currencies.py"
    spec = importlib.util.spec_from_file_location("make_currencies", tool)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = [
        (row["word"], row["role"], row["code"], row["note"])
        for row in lexicon._rows("currencies.tsv")
    ]
    assert sorted(committed, key=lambda r: (r[1], r[0], r[2], r[3])) == module.rows()


# A name opening with a multiplier or an approximation word (千里達及托巴哥元, 多米尼加比索,
# 几内亚法郎) reads as part of the number: 0.5千 + 里, 100多 + 米. A known limit, rare in news.
NUMBER_LIKE = frozenset("千百万萬几幾多余")


@pytest.mark.parametrize(
    "row",
    [row for row in _currency_rows("name") if row["word"][0] not in NUMBER_LIKE],
    ids=lambda row: row["word"],
)
def test_every_currency_name_after_a_number_is_money_under_its_code(row) -> None:
    # as an exchange-rate bulletin writes them: 人民币1元对0.59776马来西亚林吉特
    [q] = [q for q in extract(f"人民币1元对0.59776{row['word']}。") if q.value == 0.59776]
    assert (q.unit, q.dimension, q.base_unit) == (row["word"], "currency", row["code"])


@pytest.mark.parametrize(
    ("short", "codes"),
    [("克朗", {"DKK", "SEK", "NOK", "ISK", "CZK"}), ("比索", {"MXN", "ARS", "PHP", "CLP"}),
     ("里亚尔", {"SAR", "IRR", "OMR", "QAR", "YER"}), ("卢比", {"INR", "PKR", "LKR", "NPR"})],
)  # fmt: skip
def test_short_forms_are_known_to_be_ambiguous(short: str, codes: set[str]) -> None:
    assert codes <= lexicon.currencies().shorts[short]


@pytest.mark.parametrize(
    ("article", "mention", "code"),
    [
        # the country named last before a short form many countries use settles it
        ("cec/印度遭恐怖袭击百余人伤亡警方逮捕700人", "2.5万卢比", "INR"),
        ("xwlb/20251216/17", "超过18万亿卢布", "RUB"),
    ],
)
def test_short_form_is_the_currency_of_the_country_named_before(article, mention, code) -> None:
    text = _bulk_article(article)
    [q] = [q for q in extract(text) if q.text == mention]
    assert q.base_unit == code


def _bulk_article(identifier: str) -> str:
    import json

    if not BULK.exists():
        pytest.skip("../shared/corpus is not beside the checkout")
    for path in sorted(BULK.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if f'"{identifier}"' in line:
                    record = json.loads(line)
                    if record.get("id") == identifier:
                        return record["text"]
    raise AssertionError(f"{identifier} is not in {BULK}")


def test_a_short_form_with_no_country_named_is_left_unresolved() -> None:
    # the clause alone, without the article that names India
    [q] = extract("给每个遇难家庭提供50万卢比的救济资金，")
    assert (q.dimension, q.base_value, q.base_unit) == ("currency", None, None)


# A number of 万 or 亿 with no unit is a count, or money where its clause speaks of money
# (unit_cues.tsv, empty surface)
BARE = [
    ("公司股东拟套现5.5亿", "5.5亿", "currency"),
    ("东北三省签约合作项目111个，总投资超5000亿", "超5000亿", "currency"),
    ("景区游客超过10万人次，营收将近200万。", "将近200万", "currency"),
    ("老旧小区改造惠及1.2亿居民", "1.2亿", "count"),
    ("A股投资者超过2亿", "超过2亿", "count"),
]


@pytest.mark.parametrize(("clause", "mention", "dimension"), BARE)
def test_a_bare_magnitude_is_a_count_or_money(clause, mention, dimension) -> None:
    found = {q.text: q for q in extract(clause)}
    assert mention in found, list(found)
    assert found[mention].dimension == dimension
    assert found[mention].unit == ""
