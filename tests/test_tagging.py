"""Words and tags around a mention: maximum matching over jieba's dictionary."""

from __future__ import annotations

import pytest

from newsstats import extract
from newsstats.tagging import tag


@pytest.mark.parametrize(
    ("fragment", "words"),
    [
        ("全省行业协会商会", ["全省", "行业协会", "商会"]),
        # forward reading wins where it gives fewer words: 科技成果/在, not 科技/成/果在
        ("科技成果在党建引领下", ["科技成果", "在", "党建", "引领", "下"]),
        ("19.8万名党员", ["19.8", "万名", "党员"]),
        ("SEMICON展会", ["SEMICON", "展会"]),
    ],
)
def test_segmentation(fragment, words):
    assert [word for word, _ in tag(fragment)] == words


def test_numbers_are_tagged_m_and_punctuation_x():
    assert tag("共2,926份，") == (("共", "d"), ("2,926", "m"), ("份", "q"), ("，", "x"))


def test_corrections_apply(monkeypatch):
    # data/jieba_overrides.tsv: jieba tags 选派 as a noun, we as a verb
    assert dict(tag("选派骨干"))["选派"] == "v"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("公營房屋單位", "公营房屋单位"), ("總房屋供應目標", "总房屋供应目标")],
)
def test_traditional_is_read_as_simplified_and_given_back_as_written(traditional, simplified):
    written = tag(traditional)
    assert "".join(word for word, _ in written) == traditional
    assert [flag for _, flag in written] == [flag for _, flag in tag(simplified)]


def test_traditional_entity_is_returned_as_written():
    [q] = extract("政府提供28萬個公營房屋單位。")
    assert (q.value, q.unit, q.entity) == (280000, "個", "公營房屋單位")
