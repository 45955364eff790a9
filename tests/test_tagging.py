"""Words and tags around a mention: jieba's segmentation over its dictionary."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from newsstats import extract
from newsstats.tagging import simplified_text, tag


@pytest.mark.parametrize(
    ("fragment", "words"),
    [
        ("全省行业协会商会", ["全省", "行业协会", "商会"]),
        # the likeliest cut, as jieba's: 科技成果/在, not 科技/成/果在; 年限/为, not 年/限为;
        # 能力/达, not 能/力达
        ("科技成果在党建引领下", ["科技成果", "在", "党建", "引领", "下"]),
        ("人口平均受教育年限为11.3年", ["人口", "平均", "受", "教育", "年限", "为", "11.3", "年"]),
        ("设计通过能力达3.6亿吨", ["设计", "通过", "能力", "达", "3.6", "亿吨"]),
        ("我们中出了一个叛徒", ["我们", "中", "出", "了", "一个", "叛徒"]),
        ("19.8万名党员", ["19.8", "万名", "党员"]),
        ("SEMICON展会", ["SEMICON", "展会"]),
        # market indexes are names (jieba_overrides.tsv), not 深证/成/指 or 标/普 (bulk, xwlb)
        ("深证成指报15103.14点", ["深证成指", "报", "15103.14", "点"]),
        ("创业板指报3859.75点", ["创业板指", "报", "3859.75", "点"]),
        ("标普500指数", ["标普500", "指数"]),
        # an index named by its number is one word, though the cut parts a number from the
        # Chinese before it (bulk, xwlb); 中国300家 stays apart
        ("沪深300、中证500、中证1000", ["沪深300", "、", "中证500", "、", "中证1000"]),
        ("上证50指数有5只成分股调整", ["上证50", "指数", "有", "5", "只", "成分股", "调整"]),
        ("中国300家企业", ["中国", "300", "家", "企业"]),
        # a share reached, not 占 and a transliterated name 比达 (bulk, xwlb)
        ("国家进出口的占比达51.7%", ["国家", "进出口", "的", "占比", "达", "51.7%"]),
    ],
)
def test_segmentation(fragment, words):
    assert [word for word, _ in tag(fragment)] == words


def test_numbers_are_tagged_m_and_punctuation_x():
    assert tag("共2,926份，") == (("共", "d"), ("2,926", "m"), ("份", "q"), ("，", "x"))


def test_corrections_apply(monkeypatch):
    # data/jieba_overrides.tsv: jieba tags 选派 as a noun, we as a verb
    assert dict(tag("选派骨干"))["选派"] == "v"
    # 故 alone is "therefore", never an owner's name
    assert dict(tag("需求上升，故价格上涨"))["故"] == "c"
    # 经 before an actor is "through, after", never a noun that would open an owner's name
    assert dict(tag("经双方协商，价格下调"))["经"] == "p"
    # a dictionary word ending in 期间 is a time
    assert dict(tag("春运期间客流增加"))["春运期间"] == "t"
    # so is a year of account (下个财政年度, 上年度)
    assert dict(tag("下个财政年度开支增加"))["财政年度"] == "t"


@pytest.mark.parametrize(
    ("fragment", "name"),
    [
        # data/organisations.tsv: Hong Kong's and Macau's bodies and firms are one word
        ("九巴車費上調", "九巴"),
        ("根據考評局回覆", "考評局"),
        ("食衞局公布數據", "食衞局"),
        ("澳門金融管理局公布", "澳門金融管理局"),
    ],
)
def test_hong_kong_and_macau_organisations_are_one_word(fragment, name):
    assert (name, "nt") in tag(fragment)


@pytest.mark.parametrize(
    ("fragment", "names"),
    [
        # data/listed_companies.tsv: listed firms by their stock short names (bulk sentences)
        ("上汽集团、海尔智家、陕西煤业、京沪高铁、中国核电调出", ["陕西煤业", "中国核电"]),
        ("兆易创新、生益科技、特变电工等科技制造龙头企业纳入",
         ["兆易创新", "生益科技", "特变电工"]),
        ("贵州轮胎目前已形成5大系列", ["贵州轮胎"]),
        # a short name that opens the full name's longer word does not cut it (新材|料)
        ("湖南恒兴新材料科技有限公司", ["恒兴新材料"]),
    ],
)
def test_listed_companies_are_one_word(fragment, names):
    cut = tag(fragment)
    assert all((name, "nt") in cut for name in names)


def test_hong_kong_and_taiwan_variants_read_as_their_simplified_form():
    # 衞 (Hong Kong's 衛), 敍, 枱; characters simplified text writes too stay as they are
    assert simplified_text("食物及衞生局敍述枱面") == "食物及卫生局叙述台面"
    assert simplified_text("著名人士抬头") == "著名人士抬头"
    assert tag("衞生條件改善")[0] == ("衞生條件", "n")


@pytest.mark.parametrize(
    ("fragment", "words"),
    [
        # jieba's words that end in a verb of change are cut before it (GUIDELINES §2 rule 5)
        ("工业生产者购进价格下降", ["工业", "生产者", "购进", "价格", "下降"]),
        ("营业收入持续增长", ["营业", "收入", "持续", "增长"]),
        ("作业效率大大提高", ["作业", "效率", "大大", "提高"]),
        # a rate's name is a measure, not a change: kept whole
        ("板块涨幅居前", ["板块", "涨幅", "居", "前"]),
        ("年均增长率", ["年均", "增长率"]),
    ],
)
def test_a_change_word_stands_apart(fragment, words):
    assert [word for word, _ in tag(fragment)] == words


@pytest.mark.parametrize(
    ("fragment", "word"),
    [
        # nouns jieba's dictionary tags otherwise, which no phrase could end on
        ("全国夏播粮食进度过七成", "进度"),  # d
        ("全年签订技术合同", "合同"),  # a
        ("建立问题清单", "清单"),  # a
        ("划定历史文化街区", "街区"),  # s
        ("修复湿地", "湿地"),  # z
        ("近千名青年", "青年"),  # t: a time would end the phrase
        ("国家发展改革委安排", "委"),  # zg, the catch-all of single characters
        ("龙湖村", "村"),
    ],
)
def test_nouns_jieba_tags_otherwise_are_nouns(fragment, word):
    assert dict(tag(fragment))[word] == "n"


def test_when_and_anonymised_people():
    # 时 after a clause is 'when', a time; 某, 某某 name a person the report does not
    assert dict(tag("事发时肇事司机方某受伤"))["时"] == "t"
    assert dict(tag("事发时肇事司机方某受伤"))["某"] == "nr"
    assert dict(tag("驾驶人王某某驾驶轿车"))["某某"] == "nr"


@pytest.mark.parametrize(
    ("fragment", "name"),
    [
        # a name jieba lacks, cut into its characters, is one person (bulk gold)
        ("公司实际控制人崔燕霞直接持有公司", "崔燕霞"),
        ("还有塔台上的这个“00后”女孩陈欣萌", "陈欣萌"),
        ("邓珉在一家知名房地产物业公司做行政人事主管", "邓珉"),
    ],
)
def test_a_person_jieba_lacks_is_one_name(fragment, name):
    assert dict(tag(fragment)).get(name) == "nr"


@pytest.mark.parametrize(
    ("fragment", "not_a_name"),
    [
        ("王在北京工作", "王在"),  # a function word is no given name
        ("共获得金银铜牌", "金银铜"),  # medals
        ("丁市长表示", "丁市"),  # the suffix of a place
        ("叶伟飞出席会议", "叶伟飞出"),  # three characters after the surname: no cut to guess
        ("俄罗斯方面表示", "斯方"),  # the sounds of a foreign name are no surname
    ],
)
def test_no_name_made_of_other_words(fragment, not_a_name):
    assert not_a_name not in dict(tag(fragment))


def test_a_frequency_override_changes_the_cut():
    # jieba counts 外包 3 times, too few to beat 外|包
    assert "外包" in dict(tag("承接服务外包合同额"))


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


def _likeliest_cut(run: str, entries: dict[str, tuple[str, int]], total: int) -> list[str]:
    """jieba's choice without its HMM, as jieba's Python code makes it (the words of at most
    LONGEST_WORD characters): what rjieba with our corrections must give."""
    from newsstats.tagging import LONGEST_WORD

    log_total = math.log(total)
    best = [0.0] * (len(run) + 1)
    step = [1] * (len(run) + 1)
    for start in range(len(run) - 1, -1, -1):
        count = entries.get(run[start], ("", 1))[1]
        best[start] = log_total - math.log(count) + best[start + 1]
        for length in range(2, min(LONGEST_WORD, len(run) - start) + 1):  # ties: the longer
            found = entries.get(run[start : start + length])
            if found is not None:
                cost = log_total - math.log(found[1]) + best[start + length]
                if cost <= best[start]:
                    best[start], step[start] = cost, length
    cut, start = [], 0
    while start < len(run):
        cut.append(run[start : start + step[start]])
        start += step[start]
    return cut


def test_the_cut_is_jiebas_over_our_dictionary():
    # rjieba holds its own copy of jieba's dictionary, which we correct by difference: a
    # release with another dictionary would cut otherwise, and this is where it shows
    from newsstats import tagging

    entries, total = tagging.corrected_dictionary(tagging.jieba_dictionary())
    texts = sorted((Path(__file__).resolve().parents[1] / "gold" / "texts").glob("*.txt"))
    runs = {run for path in texts for run in tagging.HAN_RUN.findall(path.read_text("utf-8"))}
    assert len(runs) > 30_000
    differ = [run for run in sorted(runs)
              if [w for w, _ in tagging._segment_han(run)] != _likeliest_cut(run, entries, total)]
    assert differ == []


def test_tags_are_ours_where_we_correct_jieba():
    from newsstats import lexicon, tagging

    entries, _ = tagging.corrected_dictionary(tagging.jieba_dictionary())
    for row in lexicon._rows("jieba_overrides.tsv"):
        if row["flag"] != "-" and len(row["word"]) <= tagging.LONGEST_WORD:
            assert tagging._segment_han(row["word"]) == ((row["word"], row["flag"]),)
            assert entries[row["word"]][0] == row["flag"]


def test_the_corrections_round_trip_through_their_cache_file(monkeypatch, tmp_path):
    from newsstats import tagging

    sentence = "候补委员和中央纪律检查委员会委员候选人名单，广泛开展春运期间服务外包"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    try:
        cuts = []
        for attempt in ("built", "read back"):
            tagging._segmenter.cache_clear()
            tagging._words_of.cache_clear()
            cuts.append(tagging._segment_han(sentence))
            assert list(tmp_path.glob("newsstats/lexicon-*.tsv")), attempt
        assert cuts[0] == cuts[1]
        assert [w for w, _ in cuts[0]][:6] == ["候补委员", "和", "中央", "纪律检查", "委员会",
                                               "委员"]
    finally:
        tagging._segmenter.cache_clear()
        tagging._words_of.cache_clear()
