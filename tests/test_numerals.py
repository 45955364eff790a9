"""Tests for newsstats.numerals: value tables in the Duckling style, rejects, and properties."""

from __future__ import annotations

from decimal import Decimal, localcontext

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsstats.numerals import parse_number, to_plain

THIRD = Decimal(1) / Decimal(3)
TWO_THIRDS = Decimal(2) / Decimal(3)

# One expected value, many surface forms.
VALUE_TABLE: list[tuple[Decimal, list[str]]] = [
    (Decimal(0), ["0", "０", "零", "〇", "○", "0.0", "零点零", "-0", "负零"]),
    (Decimal("0.5"), ["0.5", "０．５", "零点五", "半", "二分之一", "2分之1", "四分之二"]),
    (Decimal("0.1"), ["0.1", "零点一", "十分之一"]),
    (Decimal("0.00001"), ["十万分之一"]),
    (THIRD, ["三分之一", "3分之1", "叁分之壹", "３分之１"]),
    (TWO_THIRDS, ["三分之二", "3分之2"]),
    (Decimal(1), ["1", "１", "一", "壹", "弌", "1.0"]),
    (Decimal(2), ["2", "二", "两", "兩", "贰", "貳", "弍"]),
    (Decimal(3), ["3", "三", "叁", "參", "叄", "+3"]),
    (Decimal(6), ["六", "陆", "陸"]),
    (Decimal("3.14"), ["3.14", "三点一四", "叁點壹肆", "３．１４"]),
    (Decimal(10), ["10", "十", "一十", "壹拾", "拾"]),
    (Decimal(15), ["15", "十五", "一十五", "壹拾伍"]),
    (Decimal("19.8"), ["19.8", "１９．８", "十九点八", "19.80"]),
    (Decimal(20), ["20", "二十", "贰拾", "貳拾", "二〇"]),
    (Decimal(63), ["63", "６３", "六十三", "陆拾叁", "陸拾參", " 63 ", "\u3000六十三\u3000"]),
    (Decimal("80.2"), ["80.2", "八十点二"]),
    (Decimal(90), ["九十", "九〇"]),
    (Decimal(100), ["100", "百", "一百", "壹佰", "佰"]),
    (Decimal(105), ["105", "一百零五", "一百〇五", "壹佰零伍"]),
    (Decimal(110), ["110", "一百一十", "一百一"]),
    (Decimal(250), ["250", "两百五", "二百五十", "兩百五", "2.5百"]),
    (Decimal(1000), ["1000", "1,000", "千", "一千", "1千", "仟"]),
    (Decimal(1001), ["一千零一", "壹仟零壹"]),
    (Decimal(1010), ["一千零一十", "一千零十"]),
    (Decimal(1998), ["1998", "一九九八"]),
    (Decimal(2025), ["2025", "二〇二五", "二零二五", "二○二五", "二千零二十五", "两千零二十五"]),
    (Decimal(3050), ["3050", "三千零五十", "叁仟零伍拾"]),
    (Decimal(3200), ["3200", "3,200", "三千二", "三千二百", "3千2百", "3.2千"]),
    (Decimal("1234.5"), ["1234.5", "1,234.5", "1，234.5", "１，２３４．５", "一千二百三十四点五"]),
    (Decimal(10000), ["10000", "10,000", "万", "萬", "一万", "壹万", "1万"]),
    (Decimal(10005), ["一万零五", "一万〇五"]),
    (Decimal(10015), ["一万零一十五", "一万零十五"]),
    (Decimal(14000), ["1.4万", "一万四", "一万四千"]),
    (Decimal(15000), ["一万五", "一万五千", "1.5万", "１．５万", "壹万伍仟", "1万5"]),
    (Decimal(21500), ["2.15万", "两万一千五", "两万一千五百"]),
    (Decimal(23000), ["两万三千", "二万三千", "兩萬三千", "2.3万", "2万3千", "两万三"]),
    (Decimal(30000), ["3万", "三万", "叁万", "30,000"]),
    (Decimal(34000), ["3万4000", "三万四千", "3.4万", "三万四", "3万4", "３万４０００"]),
    (Decimal(100010), ["十万零一十", "壹拾万零壹拾"]),
    (Decimal(198000), ["19.8万", "１９．８万", "十九万八千", "198,000", "19.8萬", "十九点八万"]),
    (Decimal(1000000), ["百万", "一百万", "1百万", "100万", "1,000,000"]),
    (Decimal(2928502), ["2,928,502", "２，９２８，５０２", "2928502"]),
    (Decimal(10**7), ["千万", "一千万", "1000万"]),
    (Decimal(30000000), ["3千万", "三千万", "3000万"]),
    (Decimal(89466700), ["8946.67万"]),
    (Decimal(10**8), ["亿", "億", "一亿", "1亿", "壹亿", "壹億"]),
    (Decimal(105000000), ["一亿零五百万", "1亿500万", "1.05亿"]),
    (Decimal(120000000), ["一亿二", "一亿二千万", "1.2亿", "1亿2000万", "一点二亿", "1亿2"]),
    (Decimal(12087000000), ["120.87亿"]),
    (Decimal(10**12), ["万亿", "一万亿", "1万亿", "壹万亿", "壹萬億"]),
    (Decimal(1200000000000), ["1.2万亿", "一万二千亿", "一点二万亿", "12000亿", "1.2萬億"]),
    (Decimal(3400000000000), ["3万4000亿", "三万四千亿", "3.4万亿"]),
    (Decimal(3500000000000), ["三万亿五千亿", "3.5万亿", "3万亿5000亿"]),
    (Decimal(20000000000000), ["二十万亿", "20万亿", "贰拾万亿"]),
    (Decimal(-3), ["-3", "－３", "−3", "负3", "负三", "負三"]),
    (Decimal("-0.5"), ["-0.5", "负零点五", "负半", "负二分之一"]),
    (-THIRD, ["负三分之一"]),
    (Decimal(-30000), ["负3万", "-3万"]),
]

VALUE_CASES = [(form, value) for value, forms in VALUE_TABLE for form in forms]

NOT_NUMBERS = [
    "", " ", "abc", "12a", "一些", "统一", "万众", "几十", "数百", "半半", "一半",
    # Thousands separators must group by three.
    "1,23", "1,2345", "1234,567", ",123", "1,", "1.", ".5", "1..2", "1.2.3", "1,234,56",
    # Things Decimal() alone would accept.
    "NaN", "nan", "Infinity", "1e5", "1E5", "1_000", "٣", "¹", "Ⅲ", "3 000", "一 万",
    # 兆 is not a multiplier here (10^6 or 10^12 depending on region).
    "兆", "3兆", "一兆",
    # Percent, permille and per-myriad belong to the scanner.
    "百分之八十", "百分之80", "千分之五", "万分之一", "百万分之一", "80%",
    # Malformed fractions.
    "分之一", "三分之", "零分之一", "0分之1", "三分之一分之二", "三分之负一",
    # Malformed Chinese numerals.
    "十十", "百千", "十百", "千百万", "亿万", "万万", "一亿亿", "万一", "万五", "百五",
    "零五", "〇〇七", "一百零", "一百零零五", "十零", "一亿零万", "二十十", "十二十",
    # Two adjacent digits mean "three or four": a range, not 34.
    "三四", "三四万", "两三百", "十二五", "一二三万",
    # An elided place before a multiplier is ambiguous (250万 or 205万?).
    "两百五万", "一万五亿", "3万4亿", "一百十五",
    # Arabic parts that do not fit their place.
    "3万40000", "3万4.5", "3千400.5", "12.5千", "二十35", "三千4000万", "1亿20000万", "3万0",
    # Chinese decimals.
    "三点", "点五", "3点5", "三点五十", "三点五千", "一万点五", "一百五点三", "三点两点",
    # Signs.
    "负", "-", "+", "--3", "负负三", "3-", "3负", "-负3",
]  # fmt: skip


@pytest.mark.parametrize(("form", "expected"), VALUE_CASES, ids=[f for f, _ in VALUE_CASES])
def test_value_table(form: str, expected: Decimal) -> None:
    value = parse_number(form)
    assert isinstance(value, Decimal)
    assert value == expected


@pytest.mark.parametrize("form", NOT_NUMBERS)
def test_not_a_number(form: str) -> None:
    assert parse_number(form) is None


def test_values_are_exact_decimals() -> None:
    assert str(parse_number("19.8万")) == "198000"
    assert str(parse_number("8946.67万")) == "89466700"
    assert parse_number("0.1万") + parse_number("0.2万") == Decimal(3000)
    assert parse_number("三分之一") == Decimal(1) / Decimal(3)


def test_values_ignore_the_callers_decimal_context() -> None:
    with localcontext() as context:
        context.prec = 3
        assert parse_number("８９４６．６７万") == 89466700
        assert parse_number("一千二百三十四万五千六百七十八") == 12345678


def test_long_inputs_do_not_raise() -> None:
    assert parse_number("1" * 5000) == Decimal("1" * 5000)
    assert parse_number("1" * 5000 + "万") is None  # not a numeral anyone writes
    assert parse_number("一" * 5000) == Decimal("1" * 5000)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("198000"), 198000),
        (Decimal("198000.0"), 198000),
        (Decimal("1E+3"), 1000),
        (Decimal("-3"), -3),
        (Decimal("80.2"), 80.2),
        (Decimal(1) / Decimal(3), 0.3333333333333333),
        (Decimal("0.5"), 0.5),
    ],
)
def test_to_plain(value: Decimal, expected: int | float) -> None:
    plain = to_plain(value)
    assert plain == expected
    assert type(plain) is type(expected)


# Integers with long runs of zeros exercise 零 and the 万/亿 boundaries far more than uniform
# draws, which are almost all dense twelve-digit numbers.
sparse_integers = st.lists(st.sampled_from("0000000125"), min_size=1, max_size=13).map(
    lambda digits: int("1" + "".join(digits)) % (10**12 + 1)
)
integers_to_a_trillion = st.one_of(st.integers(0, 10**12), sparse_integers)
TRADITIONAL = str.maketrans("万亿贰叁陆", "萬億貳參陸")


@given(integers_to_a_trillion)
def test_cn2an_lowercase_round_trip(n: int) -> None:
    assert parse_number(cn2an.an2cn(n, "low")) == n


@given(integers_to_a_trillion)
def test_cn2an_financial_round_trip(n: int) -> None:
    financial = cn2an.an2cn(n, "up")
    assert parse_number(financial) == n
    assert parse_number(financial.translate(TRADITIONAL)) == n


FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False
    )
)
def test_arabic_round_trip(d: Decimal) -> None:
    for text in (f"{d:f}", f"{d:,f}", f"{d:,f}".translate(FULL_WIDTH)):
        assert parse_number(text) == d


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    assert parse_number(text) is None or isinstance(parse_number(text), Decimal)


NUMERAL_ALPHABET = list(
    "0123456789０５９,.，．一二两三四五六七八九十百千万亿萬億零〇○壹贰叁拾佰仟点點分之半负-年 "
) + ["分之"] * 3  # fmt: skip


@given(st.lists(st.sampled_from(NUMERAL_ALPHABET), max_size=40).map("".join))
def test_parse_never_raises_on_numeral_soup(text: str) -> None:
    assert parse_number(text) is None or isinstance(parse_number(text), Decimal)

