"""Candidates (candidates.py): the phrases a sentence offers as a figure's entity, on real
sentences of the labelled bulk. Which one wins is learned; these pin what is offered: a
phrase the gold wants must be among the candidates, and a clipped or overlong one must not."""

from __future__ import annotations

import pytest

from newsstats import candidates, sentences


def analysed(text: str, figure: str):
    """The sentence, its tokens' kinds, its phrases and the figure's token."""
    start = text.index(figure)
    sentence = sentences.analyse(text, 0, len(text), [(0, start, start + len(figure))])
    kinds = candidates.kinds_of(sentence.tokens)
    every = candidates.phrases(sentence, kinds, 0, len(kinds))
    return sentence, kinds, every, sentence.position(0)


def offered(text: str, figure: str) -> set[str]:
    sentence, kinds, every, at = analysed(text, figure)
    return {o.text for o in candidates.entity_options(sentence, kinds, at, every)}


# (sentence, figure, a phrase that must be offered, a phrase that must not)
CASES = [
    # a number written against a Latin word is part of it
    ("每万人拥有5G基站数达22.78个，我国建成全球规模最大的5G网络。", "22.78个", "5G基站数", ""),
    ("截至3月底，全国5G基站总数已达495.8万个。", "495.8万个", "5G基站总数", ""),
    # 占比 is a noun a phrase may end with; 比重为 is 比重 / 为
    ("2024年，我国与自贸伙伴（含港澳台）货物贸易占比达到了43%。", "43%", "货物贸易占比",
     "货物贸易占"),
    ("截至5月末，这两类产品的存续规模占比分别为19.38%、77.62%。", "19.38%", "存续规模占比",
     "存续规模占"),
    ("高技术制造业增加值占规模以上工业增加值的比重为17.1%。", "17.1%", "比重", "比"),
    # 占B的X%: B is the whole the share is of, not what it measures; a ratio after 占 is
    ("去年，有28万中国游客赴澳旅游，占来澳游客总数的5.2%。", "5.2%", "中国游客", "来澳游客总数"),
    ("涉外标的额1376亿元，占全国涉外标的总额的69%。", "69%", "涉外标的额", "涉外标的总额"),
    ("直接持有魅视科技股份27,319,090股（占魅视科技总股本比例19.05%）。", "19.05%", "总股本比例",
     ""),
    # 比B增长X%: B is what is compared with
    ("来自212个国家和地区的19.9万名境外采购商线下参会，比上届同期增长3.4%，创新高。", "3.4%",
     "线下参会", "上届"),
    ("这意味着从2027年起英国国防开支将比当前水平增加134亿英镑。", "134亿英镑", "国防开支",
     "水平"),
    ("服务业生产指数同比增长5.2%，增速比去年12月份加快0.2个百分点。", "0.2个百分点", "增速",
     "月份"),
    # a forecast, an aim or a hold stands between the measure and its figure
    ("全年环保装备制造业总产值预计超过9700亿元。", "超过9700亿元", "环保装备制造业总产值",
     "环保装备制造业总产值预计"),
    ("到2027年，社会物流总费用与国内生产总值的比率力争降到13.5%左右。", "13.5%左右",
     "比率", "比率力争"),
    ("用于产业发展的比重保持在60%以上。", "60%以上", "比重", "比重保持"),
    ("货邮运输量持续保持高位，完成67.5万吨。", "67.5万吨", "货邮运输量",
     "货邮运输量持续保持高位"),
    ("过去四年社会消费品零售总额年均增长5.5%。", "5.5%", "社会消费品零售总额",
     "社会消费品零售总额年均"),
    # nouns jieba's dictionary tags otherwise: 车, 物 (zg), 点 (m)
    ("今年一季度，经港珠澳大桥珠海公路口岸出入境港澳单牌车达103万辆次。", "103万辆次",
     "港澳单牌车", "港澳单牌"),
    ("截至今年10月31日，厦门市已累计回收处理低值可回收物31263.3吨。", "31263.3吨",
     "低值可回收物", "处理低值可回收"),
    ("紧跟需求变化，增设了集成电路技术、智慧健康养老管理等6068个专业点。", "6068个",
     "专业点", ""),
    # a year's suffix after its number is part of the time, never a phrase (年度, 财年)
    ("薪俸稅一直是第二大收入來源，由2000年度15%，至2018年度仍佔18%。", "15%", "薪俸稅",
     "年度"),
    ("公司2024财年营业收入下降3%。", "3%", "营业收入", "财年营业收入"),
    # a date in digits ends a phrase: no phrase holds it, nor opens on it
    ("据年报，华星电器2023年度亏损3.2亿元。", "3.2亿元", "亏损", "华星电器2023年度亏损"),
    ("该市10月30日蓄水量达到2.1亿立方米。", "2.1亿立方米", "蓄水量", "该市10月30日蓄水量"),
    ("今天10时30分客流量达到2万人次。", "2万人次", "客流量", "分客流量"),
    ("截至18时30分景区接待游客5万人次。", "5万人次", "景区接待游客", "时30分景区接待游客"),
    # a cause's verb (导致, 令) never opens what a figure counts
    ("事故导致公路交通中断3小时。", "3小时", "公路交通中断", "导致公路交通中断"),
    ("措施令公共福利金開支增加4倍。", "4倍", "公共福利金開支", "令公共福利金開支"),
    # a modal (会) and an adverb (总共) before a figure are never what it counts
    ("该线路车资现时为20元，明年更会增加至22.6元，总共贵2.4元。", "22.6元", "车资", "会"),
    ("该线路车资现时为20元，明年更会增加至22.6元，总共贵2.4元。", "2.4元", "车资", "总共"),
]


@pytest.mark.parametrize(("text", "figure", "wanted", "unwanted"), CASES)
def test_the_phrases_a_figure_is_offered(text, figure, wanted, unwanted) -> None:
    found = offered(text, figure)
    assert wanted in found, sorted(found)
    assert unwanted not in found, sorted(found)


def owners_offered(text: str, figure: str) -> set[str]:
    sentence, kinds, every, at = analysed(text, figure)
    names = candidates.whole_names(sentence, kinds, every)
    return {o.text for o in candidates.subject_options(sentence, at, names)}


# (sentence, figure, an owner that must be offered, a phrase that must not): an owner named
# at the head of the compound that names what it owns
OWNER_CASES = [
    ("日本《朝日新闻》今天公布的最新民调显示，岸田内阁支持率为28.1%，创下新低。", "28.1%",
     "岸田内阁", ""),
    ("消息发布之后，戴尔股价一度下跌近６％，创下一年来的新低。", "近６％", "戴尔", ""),
    ("今年一季度，经港珠澳大桥珠海公路口岸出入境港澳单牌车达103万辆次。", "103万辆次",
     "港珠澳大桥珠海公路口岸", ""),
    ("中国农资流通协会最新数据显示，当前我国重点尿素生产企业日产尿素超过20万吨。",
     "超过20万吨", "重点尿素生产企业", ""),
    ("火灾过火面积约700平方米，价值140余万元的商品被大火吞噬。", "约700平方米", "火灾", ""),
    # a demonstrative and its noun in one word (该校, 本院) name a thing named before
    ("该校共有28个班级、1000多名学生，其中寄宿生有200多人。", "1000多名", "该校", ""),
    # but with a measure word (本届, 此次) it is a determiner: no noun joins the name to it
    ("李华本届比赛共参加5个项目，获得3枚金牌。", "3枚", "李华", "李华本届比赛"),
    # a time (节日期间, 上年度) is never an owner, nor part of one
    ("节日期间，全市共接待游客120万人次。", "120万人次", "全市", "节日期间"),
    ("上年度华润集团营业收入增长12%。", "12%", "华润集团", "上年度华润集团"),
    ("据年报，华星电器2023年度亏损3.2亿元。", "3.2亿元", "华星电器",
     "华星电器2023年度亏损"),
    # never a phrase opening inside a compound, nor one holding a preposition
    ("记者从银川市旅游局了解到，全市接待游客120万人次。", "120万人次", "银川市旅游局",
     "记者从银川市旅游局"),
]


@pytest.mark.parametrize(("text", "figure", "wanted", "unwanted"), OWNER_CASES)
def test_the_owners_a_figure_is_offered(text, figure, wanted, unwanted) -> None:
    found = owners_offered(text, figure)
    assert wanted in found, sorted(found)
    assert unwanted not in found, sorted(found)


# 分别 hands each figure to a thing in order: a later list of the sentence whose own things
# are no list (占全国同期比重) belongs to the things of the earlier list (bulk gold: the
# shares are 东盟's, 拉美's and 非洲's)
SHARED_OWNERS = (
    "前11个月，长三角区域对东盟、拉美、非洲进出口分别增长7.4%、6.9%、9.4%，"
    "占全国同期比重分别达33.4%、37.6%、36.1%，发展势头强劲。"
)


@pytest.mark.parametrize(("figure", "owner"), [
    ("6.9%", "拉美"), ("33.4%", "东盟"), ("37.6%", "拉美"), ("36.1%", "非洲")])
def test_a_later_list_belongs_to_the_things_of_an_earlier_one(figure, owner) -> None:
    figures = ["7.4%", "6.9%", "9.4%", "33.4%", "37.6%", "36.1%"]
    spans = [(i, SHARED_OWNERS.index(f), SHARED_OWNERS.index(f) + len(f))
             for i, f in enumerate(figures)]
    sentence = sentences.analyse(SHARED_OWNERS, 0, len(SHARED_OWNERS), spans)
    kinds = candidates.kinds_of(sentence.tokens)
    spread = candidates.distributed(sentence, kinds, sentence.position(figures.index(figure)))
    assert spread is not None
    # the things run from the list's opening to its measure: 长三角区域对东盟 … 非洲进出口
    texts = ["".join(t.word for t in sentence.tokens[a : b + 1]) for a, b in spread.owners]
    assert [owner in text for text in texts] == [k == spread.place for k in range(3)]


def _owners_handed_out(text: str, figures: list[str], figure: str) -> list[str]:
    spans = [(i, text.index(f), text.index(f) + len(f)) for i, f in enumerate(figures)]
    sentence = sentences.analyse(text, 0, len(text), spans)
    kinds = candidates.kinds_of(sentence.tokens)
    spread = candidates.distributed(sentence, kinds, sentence.position(figures.index(figure)))
    assert spread is not None
    return ["".join(t.word for t in sentence.tokens[a : b + 1]) for a, b in spread.owners]


# a 分别 that opens its clause hands its figures to the list of the clause before (bulk
# gold: each figure is its own item's; finance news lists sectors and stocks so)
@pytest.mark.parametrize(("text", "figures", "owners"), [
    ("有色金属、煤炭、非银金融行业的募资金额居前，分别为698.22亿元、696.68亿元、452.85亿元。",
     ["698.22亿元", "696.68亿元", "452.85亿元"], ["有色金属", "煤炭", "非银金融行业"]),
    ("其中，教育、卫生健康、社会保障和就业支出，分别同比增长6.9%、8.7%和10.3%。",
     ["6.9%", "8.7%", "10.3%"], ["教育", "卫生健康", "社会保障"]),
    # the last item stops before the measure (平安银行|主力资金) and after a locative
    ("银行板块中招商银行、兴业银行、平安银行主力资金净流入金额居前，分别为5.12亿元、3.27亿元、1.86亿元。",
     ["5.12亿元", "3.27亿元", "1.86亿元"], ["招商银行", "兴业银行", "平安银行"]),
    # a list of figures is no list of owners
    ("累计培育国家级先进制造业集群41家、战略性新兴产业集群30家，分别占全国的51%和45%。",
     ["41家", "30家", "51%", "45%"], []),
])
def test_a_list_of_the_clause_before_owns_the_figures(text, figures, owners) -> None:
    assert _owners_handed_out(text, figures, figures[-1]) == owners
