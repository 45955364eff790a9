"""Numerals that are no statistic: inside idioms and fixed words (numeral_words.tsv, made from
jieba's dictionary by tools/make_numeral_words.py), ranks and levels, weight classes and
events (names_after.tsv). Clauses from ../shared/corpus (bulk and train); real figures beside
them must survive."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsstats import extract, lexicon

TOOLS = Path(__file__).resolve().parents[1] / "tools"

# (clause, a false hit that must not be reported)
NOT_STATISTICS = [
    # idioms and fixed words from the tagger's dictionary
    ("一砖一瓦守护历史印记。", "一瓦"),
    ("一方有难、八方支援。", "八方"),
    ("主席台帷幕正中的国徽与会场穹顶上的五角星灯交相辉映。", "五角"),
    ("坚持和平共处五项原则，抵制单边主义", "五项"),
    ("据六年级学生宋文忠说，", "六年"),
    ("电网运维检修装上了“千里眼”和“顺风耳”", "千里"),
    ("文章指出，经济工作千头万绪，必须统筹好", "千头"),
    ("郑芹立刻和志愿者到附近四处寻找购买", "近四处"),
    # hand rows for what the dictionary lacks
    ("春分，是二十四节气的第四个节气。", "二十四节"),
    ("共护一江水 万里长江焕发新活力", "万里"),
    ("劲往一处使、心往一处想", "一处"),
    # ranks and levels
    ("证券行业基本面与二级市场估值出现“剪刀差”", "二级"),
    ("国家地震局启动一级预案救援队已集结", "一级"),
    ("时30分紧急启动国家四级救灾应急响应", "四级"),
    ("全国首家外商独资三级综合医院开诊", "三级"),
    ("辽宁正加快建设4个万亿级产业基地", "万亿级"),
    ("黑颈鹤是国家一级重点保护野生动物", "一级"),
    # weight classes and events
    ("在速度滑冰男子1000米决赛中，宁忠岩以", "1000米"),
    ("中国队夺得短道速滑女子3000米接力金牌。", "3000米"),
    ("冬季两项女子4×6公里接力中国队摘金", "6公里"),
    ("超过1800枚MK84型2000磅炸弹和", "2000磅"),
]


@pytest.mark.parametrize(("clause", "false_hit"), NOT_STATISTICS)
def test_numeral_in_a_name_or_idiom_is_no_statistic(clause: str, false_hit: str) -> None:
    assert false_hit not in [q.text for q in extract(clause)]


# (clause, a real figure that a word or name row must not take away)
STILL_STATISTICS = [
    ("的天然气供应量将增加一倍。", "一倍"),
    ("数量和投资总额占比均超过半数。", "超过半数"),
    ("去年，这三家船厂平均5天就要", "三家"),
    ("发生事故的两辆车均属和田地区，", "两辆"),
    ("智利北部地区发生8.2级地震，造成6人死亡", "8.2级"),
    ("发生七点八级地震", "七点八级"),
    ("消防人员登上距离火场50米外的一厂房顶", "50米"),
    ("比赛设置了51公斤、57公斤、64公斤、75公斤和91公斤5个级别，", "91公斤"),
    ("其中过江段设计速度250公里/小时", "250公里/小时"),
]


@pytest.mark.parametrize(("clause", "figure"), STILL_STATISTICS)
def test_real_figures_beside_them_survive(clause: str, figure: str) -> None:
    assert figure in [q.text for q in extract(clause)]


def test_numeral_words_table_is_what_the_tool_makes_of_jiebas_dictionary() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_numeral_words", TOOLS / "make_numeral_words.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = [
        (row["pattern"], row["kind"], int(row["frequency"]), row["tag"])
        for row in lexicon._rows("numeral_words.tsv")
    ]
    assert committed == module.rows()
    assert len(committed) >= 1000  # idioms and words with a figure inside, most frequent first


def test_names_after_rows_name_known_units() -> None:
    for unit, rows in lexicon.names_after().items():
        assert unit in lexicon.units(), unit
        assert rows[-1].after == "*" or all(row.after != "*" for row in rows)
