"""Numerals that are no statistic: inside idioms and fixed words (numeral_words.tsv, made from
jieba's dictionary by tools/make_numeral_words.py), ranks and levels, weight classes and
events (names_after.tsv), relative times, ranks, coordinates, clock times and mileposts
(words_before.tsv), names in short quotations and titles, codes. Clauses from ../shared/corpus
(bulk and train); real figures beside them must survive."""

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
    # a kilometre post on a road; 千里 and 万里 are figures of speech (bulk, CEC and xwlb)
    ("午3时左右，海文高速公路文昌至海口方向37公里处发生一起重大交通事故", "37公里"),
    ("一辆普桑轿车在北洋镇官岙村拱沿线２１公里处路段一转弯处碰撞", "２１公里"),
    ("生态园寻梦等活动让游客感受到肇庆千里旅游走廊旅游“天天有节目”", "千里"),
    ("桥西龙城五交化市场内，一家销售三轮摩托车的门面房突然起火", "三轮"),
    # a lane and a phone number's tickets, not vehicles (bulk, xwlb and CEC)
    ("一辆上海牌照的丰田轿车，在沪杭高速公路第二车道上正常行驶时", "二车"),
    ("从铁路12306车票预售情况来看，北京往返上海", "12306车"),
    # hand rows for what the dictionary lacks
    ("春分，是二十四节气的第四个节气。", "二十四节"),
    ("共护一江水 万里长江焕发新活力", "万里"),
    ("“祝融”探火、“嫦娥”奔月、“奋斗者”号万米深潜", "万米"),
    ("万米高空中，国产大飞机C919振翅翱翔", "万米"),
    # a holiday named by its length (bulk, Sogou)
    ("数据：七天长假里，南京外出旅游度假的人数在百万以上", "七天"),
    # a phase of a project (bulk, xwlb)
    ("作为习近平主席特别代表出席复兴气田四期项目开工仪式", "四期"),
    ("湖北省博物馆三期扩建工程顺利完成", "三期"),
    # a place named with a numeral, a ward's size (bulk, xwlb and CEC)
    ("连接青森县八户市和岩手县久慈市的八户线由于部分路段受损", "八户"),
    ("此外，地震还在南郊八里村引发一起火灾", "八里"),
    ("“两重”建设支持改造4人间及以上病房1.5万间", "4人"),
    # and so are 百年, 千年 alone: an age told as a figure of speech (bulk, CEC and xwlb)
    ("江苏淮安的千年古镇马头镇迎来游客", "千年"),
    ("合川百年小吃店起大火", "百年"),
    ("李强表示，中斯传统友谊跨越千年。", "千年"),
    # a maturity is a class: 10年期国债, 五年期定期存款 (bulk, xwlb)
    ("日本“新发”10年期国债收益率今天一度升至1.755%", "10年"),
    ("公告显示，1年期和5年期以上贷款市场报价利率分别为3.35%和3.85%", "5年"),
    ("利率略高于大型银行五年期定期存款的挂牌利率", "五年"),
    ("特色文化活动吸引八方宾朋", "八方"),
    ("中国物流业景气指数创近六个月新高", "近六个月"),
    ("中秋、国庆两节临近，市场生活必需品供应充足", "两节"),
    # a bare number elsewhere stays none, an index's ordinal too
    ("上证指数第3次站上这一点位", "3"),
    ("指数编制方案共分为3个部分", "3"),
    ("劲往一处使、心往一处想", "一处"),
    ("几名歹徒把他打得半死", "半死"),
    # a plan and a stage of schooling, not spans of years (bulk, xwlb)
    ("科学制定和接续实施五年规划，是我们党治国理政一条重要经验", "五年"),
    # the span an average is taken over (bulk, xwlb)
    ("完成蓄水任务，可用水量超340亿立方米，比近五年平均值多11%。", "近五年"),
    # the reach a service or a road is planned for (bulk, xwlb)
    ("上海不断丰富社区商业业态，提升15分钟便民生活圈品质", "15分钟"),
    ("全线通车后对构建北京和雄安新区1小时交通圈、京津冀协同发展意义重大", "1小时"),
    # a session's ordinal (a count of two says 两次会议) (bulk, xwlb)
    ("审议通过了十四届全国人大二次会议重点督办建议选题。", "二次"),
    ("提请审议全国人大常委会关于召开十四届全国人大三次会议的决定草案", "三次"),
    # and a term's ordinal, whatever its number (bulk, xwlb)
    ("民族区域自治法于1984年5月经六届全国人大二次会议通过", "六届"),
    ("民进十五届四中全会在京开幕", "十五届"),
    ("家战略体系和能力，确保如期实现建军一百年奋斗目标", "一百年"),
    ("比上年提高1.6个百分点；九年义务教育巩固率为95.5%", "九年"),
    # ranks and levels
    ("证券行业基本面与二级市场估值出现“剪刀差”", "二级"),
    ("国家地震局启动一级预案救援队已集结", "一级"),
    ("时30分紧急启动国家四级救灾应急响应", "四级"),
    ("全国首家外商独资三级综合医院开诊", "三级"),
    ("辽宁正加快建设4个万亿级产业基地", "万亿级"),
    ("黑颈鹤是国家一级重点保护野生动物", "一级"),
    # a whole number in 级 with no cue of what is measured: a rank, a grade, a cohort (bulk)
    ("国家防灾减灾救灾委员会针对广东省严重洪涝灾害，将国家救灾应急响应级别提升至三级。", "三级"),
    ("该火山18日多次喷发，印尼相关机构将该火山喷发警戒级别提升至最高级4级。", "4级"),
    ("今天（9月10日）上午，北京师范大学2023级本科新生同上第一堂教师素养通识课。", "2023级"),
    # weight classes and events
    ("在速度滑冰男子1000米决赛中，宁忠岩以", "1000米"),
    ("中国队夺得短道速滑女子3000米接力金牌。", "3000米"),
    ("冬季两项女子4×6公里接力中国队摘金", "6公里"),
    ("超过1800枚MK84型2000磅炸弹和", "2000磅"),
    ("中国队夺得冬青奥会短道速滑2000米混合接力金牌", "2000米"),
    ("跳水赛场，中国选手曹缘稳定发挥，夺得男子10米台的金牌", "10米"),
    ("昌雅妮、陈艺文包揽跳水女子单人3米板冠、亚军", "3米"),
    # numeral words of the dictionary the generator used to leave out: a lexicalised count and
    # noun (三轮车), a bare 半 (北半球), an idiom or name ending in a figure (长三角 is a hand row)
    ("一辆三轮车与大货车相撞，导致4人当场死亡", "三轮"),
    ("这是北半球光学时域巡天能力最强的望远镜", "半球"),
    ("正值冬季的南半球国家智利也出现异常高温", "半球"),
    # relative time: the first months of a year, the days just past or to come (words_before.tsv)
    ("商务部最新数据显示，今年前十个月，全国新设立外商投资企业41947家", "十个月"),
    ("据深圳海关统计，前10个月，深圳先行示范区对亚太经合组织", "10个月"),
    ("“十四五”前四年，我国能耗强度累计降低11.6%", "四年"),
    ("美国国家气象局15日称，过去24小时美国有8个州共报告40多场龙卷风", "24小时"),
    ("超过一半的德资企业将在未来两年内增加投资。", "两年"),
    ("这两天，在厦门大街小巷，500辆智能网联汽车", "两天"),
    ("中央气象台预计，今明两天，福建、江西、浙江", "两天"),
    ("是近9年里夏粮增产幅度最大的一年", "近9年"),
    ("“五一”黄金周旅游的主要指标再次创下新高。七天里，南京共接待旅游者274万人次", "七天"),
    ("最近两年，我因为伤病的原因", "近两年"),
    # ranks, anniversaries and ordinals written with 二 (a count of two says 两)
    ("吞吐量突破2800万标准箱，稳居全球港口前六位。", "六位"),
    ("中国西班牙建交50周年主题活动“中西文化之旅”启动", "50周年"),
    ("为庆祝新疆维吾尔自治区成立七十周年，中央广播电视总台摄制", "七十周年"),
    ("目前，厦门市正在筹划建设二期低值可回收物分拣中心。", "二期"),
    ("北京、上海、深圳的二套及以上房贷利率将调整为", "二套"),
    ("地址：杭州华辰国际饭店 四层会议厅（杭州平海路27号）", "四层"),
    ("地址：山东大厦 一层多功能厅（济南市马鞍山路2-1号）", "一层多"),
    # coordinates, clock times and mileposts
    ("盈江县发生5．0级地震，震中位于北纬25．1度、东经97．9度", "97．9度"),
    ("盈江县发生5．0级地震，震中位于北纬25．1度、东经97．9度", "25．1度"),
    ("全国十大考古新发现”昨天晚上7点正式揭晓。25个参与评选的入围项目", "7点"),
    ("早晨起床时间在5点之前、晚上11点之后睡觉的人更容易吸烟", "5点"),
    ("早晨起床时间在5点之前、晚上11点之后睡觉的人更容易吸烟", "11点"),
    ("凌晨4点20发现火情，到6点多完全控制。", "20发"),
    ("今天凌晨3时零3分，登顶科考队从海拔8", "3分"),  # the minutes after 零
    # the hour after the day in brackets, and the hour not yet struck (bulk, xwlb and CEC)
    ("央视网消息（新闻联播）：今晚（2月9日）8点，中央广播电视总台", "8点"),
    ("节目将于今晚（9月1日）8点在总台央视综合频道播出", "8点"),
    ("“7点不到，我就听到报警器不停地响，一开始还以为是有贼偷车。", "7点"),
    ("上周五发生在槟城监狱的集体中毒", "五发"),
    # a road's number, a year, a group's name before a measure word of countries (bulk, CEC
    # and xwlb)
    ("8月26日早上，23省道富阳市新登镇军堰村附近发生一起两辆机动车相撞", "23省"),
    ("中央广播电视总台发布2025国内十大新闻 国际十大新闻", "2025国"),
    ("“77国集团和中国”23日在纽约举行会议", "77国"),
    # an address: a village's team, a neighbourhood's block (bulk, CEC)
    ("15日，温泉开发区泉塘村四组一村民和农行咸宁市支行一职工", "四组"),
    ("7月22号，华县大明镇高楼村四组村民高和群为其父亲办理丧事", "四组"),
    ("汕头市潮阳区谷饶镇上堡居委会五片张培雄家庭作坊发生火灾。", "五片"),
    ("营盘镇拉古村委会三组和四组交界处发生火灾，造成72户280间房", "三组"),
    ("13日凌晨3时40分许，二广高速1738公里+800米处湖北省荆门市沙洋县", "1738公里"),
    ("13日凌晨3时40分许，二广高速1738公里+800米处湖北省荆门市沙洋县", "800米"),
    ("途经23省道16公里720米附近，轿车翻过道路中央隔离花坛", "720米"),
    ("车行至回龙村委会灰山矿山自用公路K20+800米处时", "800米"),
    # names, slogans and titles: in a short quotation or in 《》
    ("到重点阐述推动长江经济带发展的“五个关系”，再到赋予", "五个"),
    ("“十年禁渔”让长江又“热闹”起来", "十年"),
    ("长江坚定实施十年禁渔，沿线1公里", "十年"),
    ("涉嫌职务侵占罪外逃的“百名红通人员”梁锦文回国投案", "百名"),
    ("各级税务机关将围绕“税惠千万家、共建现代化”的主题", "千万家"),
    ("《大唐诗人传》《东方人类百万年》《城市风华录》等55部精品力作", "百万年"),
    # a graduating class named by its year is a cohort (a date), no count of sessions
    ("教育部启动2023届高校毕业生就业促进周活动", "2023届"),
    ("今天（5月26日），2023届高校毕业生就业“百日冲刺”", "2023届"),
    # a stock index named by its number (stop_patterns.tsv), and 万得 (Wind), a firm
    ("上证50指数、沪深300指数分别上涨0.2%、0.3%", "300"),
    ("中证1000指数、万得微盘股指数分别下跌0.48%、1.47%", "1000"),
    ("中证1000指数、万得微盘股指数分别下跌0.48%、1.47%", "万"),
    # codes: a leading zero, a section number, a product of factors, a train number, a decade
    ("成功将宏图一号01组卫星发射升空", "01组"),
    ("根据《上海证券交易所股票上市规则（2026年4月修订）》第9.3.7条等规定", "7条"),
    ("为4200余艘往来闽台船舶提供7×24小时全天候通关服务", "24小时"),
    ("由西安开往乌鲁木齐的1043次旅客列车，运行至", "1043次"),
    ("【剧情简介】    30年代的上海。世钧和曼桢是同一工厂", "30年"),
    # the denominator of a rate
    ("每万人拥有5G基站数达22.78个", "万人"),
    ("计划到2027年，万元工业增加值用水量较2023年下降", "万元"),
    # demonstratives and articles
    ("截至5月末，这两类产品的存续规模占比分别为19.", "两类"),
    ("这一成果为多年生水稻育种提供了重要的", "一成"),
    ("网络支付只是交易过程中的一个附加品，单推一个支付平台是没有效果的", "一个"),
    # the time of a schedule half gone (bulk, Xinwen Lianbo); 过 of 经过 is no approximation
    ("假期过半，今天，南方部分地区", "过半"),
    ("中网赛程过半 进入关键阶段", "过半"),
    ("伊朗的军事行动穿过半岛北部", "过半"),
    # 一 of a person is an article unless a toll word follows it in its clause (bulk, Sogou)
    ("我咨询起诉事宜。其中一位就持有150万股科龙股票", "一位"),
    ("一名男子在商店门口受到惊吓，随后报警", "一名"),
    # a word opening with the unit's or the approximation word's character
    ("16时08分48秒发生4.4级余震。", "4.4级余"),
    ("伊德利卜省塞勒根附近一个村庄遭遇洪灾", "近一个"),
    ("使用血液754袋（1008.5单位）", "1008.5单"),
    ("火焰夹着浓烟冲出窗外，正在向四周蔓延。", "四周"),
    ("带着另一半一起回乡过年", "一半"),  # a partner, no half of anything
    ("力争一年内完成全部改造", "一年内"),  # within a year bounds a time, measures nothing
    ("在国际竞争中占据一席之地", "一席"),
    ("这对企业来说十分重要", "十分"),
    ("雙方意見十分一致", "十分一"),  # 十分 is "very", not a tenth
    ("今天（3月30日）18时50分，我国在太原卫星发射中心", "50分"),
    ("今天（3月30日）18時50分，我國在太原衛星發射中心", "50分"),
    ("全程用时1小时33分", "33分"),
    # the recent past opening a clause is a time, not a span measured
    ("算力供给更丰富。近两年围绕算力枢纽已建成超70条算力大通道", "近两年"),
    ("近两年，服务零售新业态新模式不断涌现", "近两年"),
    # places and units named with numerals
    ("凌晨4时16分，119接报称在三元里大道沙涌北村涌南街一出租屋发生火灾", "三元"),
    ("袭击了兰州军区五里铺干休所的军民共建项目", "五里"),
    ("据现场施救的湖北高警总队三支队支队长韩介绍", "三支"),
    # numbered lines and phases listed: no shared count
    ("乘坐地铁1、2、3号线可直达会场", "1"),
    ("第1、2期工程已经完工", "1"),
    # a round of a tournament, a score, a resolution's number: no fractions
    ("北京时间今晚结束的男子冰球1/4决赛中，中国队", "1/4"),
    ("初盘显示本场是“3/1”格局。", "3/1"),
    ("第十四届全国人民代表大会第五次会议第5/4号决定", "5/4"),
    ("大会历时1小时26分钟，于10时26分在雄壮的国际歌声中闭幕", "26分"),
    # a reduplicated adverb, idioms, China's history, admission tiers, a place in a
    # ranking (bulk, Sogou)
    ("旧日的善良一点一点地逼近振保", "一点一点"),
    ("一出世而惊四座，成为今年出版界的一大亮点", "四座"),
    ("七百余枚邮票成为中国上下五千年历史的形象载体", "五千年"),
    ("在本科一批、本科二批、本科三批和专科批次的正式录取", "一批"),
    ("在本科一批、本科二批、本科三批和专科批次的正式录取", "三批"),
    ("差额复试要排在48名左右，我的排在50名左右", "48名左右"),
    ("这段课文要再读一遍", "一遍"),
    # years and versions joined by 和 share no unit: only decimals before a decimal do
    ("2019和2020年的数据", "2019"),
    ("2.5与3.0版本的区别", "2.5"),
    # a year of study, a villager as an article, a year before a word for people (bulk)
    ("北京师范大学大三学生葛庆已经和父母商量好", "三"),
    ("泉塘村四组一村民和农行咸宁市支行一职工，分别于中午", "一"),
    ("该校2020学生会换届选举", "2020"),
    # a car on its roof, kinds of vehicle, the decade of the new era, the years to come
    # (bulk, CEC and xwlb)
    ("辆三菱跑车撞到路中央的护栏后，四轮朝天翻倒在路上。", "四轮"),
    ("这款自主研发的两轮电动车具备自主平衡功能", "两轮"),
    ("当晚请了邻村冯某的一辆货三轮送她们到京山", "三轮"),
    ("汪洋强调，新时代十年的发展历程极不平凡", "十年"),
    ("日本政府今后5年内将防卫费总额增加", "5年内"),
    # a lone 万 of a name, with a money word before it in its clause
    ("合同金额3亿美元的法国安万特集团签下订单", "万"),
    ("年营收20亿美元的克莱安万特药业公司", "万"),
    # a unit's character that opens a word with the next (bulk, xwlb)
    ("我国自主研制的大型加油机运油-20首次飞行展示，以蛇形机动", "-20首"),
    ("马英九首次大陆之旅，乘坐高铁前往南京、武汉、长沙等地", "九首"),
    ("阿布洛哈村三面环山、一面临崖，是全国最后一个", "一面"),
    ("智慧小二金融服务平台可以发放随借随还", "二金"),
    ("对退热药品以及其他紧缺防疫药品实行拆零发放。", "零发"),
    ("截至今天下午，铁路12306发售春运车票已超1亿张", "12306发"),
    ("2023首届中国纪录片大会昨晚", "2023首"),
    ("央视网消息（新闻联播）：2023金砖国家治国理政研讨会", "2023金"),
    ("习近平对78集团军调整组建以来部队", "78集"),
    ("并实地考察了新华三集团发展数字经济情况。", "三集"),
    ("给中央军委装备发展部某室、92730部队70分队分别记一等功。", "70分"),
    ("两名出舱航天员费俊龙、张陆圆满完成全部既定工作", "陆圆"),
    ("研发团队从零起步，短短5年时间", "零起"),
    # 五金 is hardware (bulk: xwlb, People's Daily)
    ("一个“五金”小镇，为何有这么多", "五金"),
    ("商品，还有机械设备、五金电器、汽车配", "五金"),
    ("广东图特精密五金科技股份有限公司", "五金"),
    # places named with a numeral (bulk, xwlb)
    ("在受灾较重的兴隆县六道河镇，随着交通、通信", "六道"),
    ("目前，六道沟、思家岭、罗圈厂3", "六道"),
    ("位于浙江宁波的金七门核电1号机组核岛建设", "七门"),
    ("湖北地区生产总值增长5.8%，总量迈上6万亿台阶。", "6万亿台"),
    ("外贸总量连跨两个万亿台阶，协同发展取得显著", "万亿台"),
    ("至72.9，自2024年6月以来首次降至80门槛下方。", "80门"),
    ("只需通过科目一和科目三道路驾驶技能考试等。", "三道"),
    ("印中建交75周年是两国关系发展的又一里程碑，印方愿同中方共", "一里"),
    ("25日晚，数千日本民众在日本国会前举行集会", "数千日"),
    ("今天（4月19日），2026人形机器人半程马拉松在", "2026人"),
    ("2025金熊猫国际文化论坛", "2025金"),
    # a number above ten is no share in tenths: 成 opens a place name
    ("2024成都世园会今日闭幕", "2024成"),
    ("2023成渝双城消费节在重庆启", "2023成"),
    ("，中国中央广播电视总台与2026米兰冬奥会官方", "2026米"),
    ("全球化学领域十大新兴技术、2024人工智能十大前沿技术", "2024人"),
    # a plan named by its span, like 三年行动 (bulk, xwlb)
    ("国家发布加快建设西部陆海新通道五年行动方案，通过打", "五年"),
    ("长春正在实施汽车产业集群攻坚三年行动计划，力争在智能", "三年"),
    # an event named by its crew (bulk, xwlb)
    ("中国赛艇队共在女子双人单桨、男子四人单桨、女子四人单桨和女子八人单桨有舵手等项目上夺",
     "八人"),
    ("男子500米四人皮艇", "四人"),
    # an event named by its distance (bulk, xwlb)
    ("宁忠岩、韩梅分别获速度滑冰男、女1500米比赛金牌。", "1500米"),
    ("在今天的比赛中，中国队夺得100米直道竞速赛的冠军。", "100米"),
    ("短道速滑赛场，刘少昂、林孝埈晋级男子500米四分之一决赛。", "500米"),
    ("皮划艇静水项目进行了男子500米双人划艇决赛，中国选", "500米"),
    # a figure listed before one that names a class, an event or a term names one too
    ("城站的比赛为期三天，将分别进行100米、200米、500米直道赛三个", "100米"),
    ("城站的比赛为期三天，将分别进行100米、200米、500米直道赛三个", "200米"),
    ("推动形成5分钟、10分钟托育服务圈", "5分钟"),
    ("其中，2年、3年、5年、15年期发行利率分", "3年"),
    ("中国人民政治协商会议第七届、八届、九届全国委员会副主", "八届"),
    ("包括了三人篮球、花样游泳、举重", "三人"),
    # the days to come and the time until (bulk, xwlb)
    ("中央气象台预计，今（4月23日）明两天，华南、江南等地的强", "两天"),
    ("中央气象台预计，明后两天，江南、华南一带的强", "两天"),
    ("预计再过十多天，小麦将开始大面积机", "十多天"),
    ("江苏3500多万亩小麦增产趋势明显，再过10天左右迎来大面积收获。", "10天左右"),
    # an article before a word that opens with 多 (bulk, xwlb); an idiom and a campaign
    ("南宁良庆区蟠龙社区是一个多民族聚居社区，居住生", "一个多"),
    ("新的一年，神山村正昂首阔步走", "一年"),  # a time named, no span measured
    ("放眼全球，我们看到的是一幅多种态势并存、交织、碰", "一幅多"),
    ("如今的安踏逐步走出一条多品牌、全渠道的发展道", "一条多"),
    ("今年当地在春管中新投入了一批多光谱测绘无人机，联合", "一批多"),
    ("同时向这些企业发出指令，一个上下游协同的智能供应链瞬", "一个上下"),
    ("近日，“中国·唐——一个多元开放的朝代”主题展", "一个多"),
    ("央视网消息（新闻联播）：春节是万家团圆的日子。", "万家"),
    ("2025年“我们的中国梦——文化进万家”活动启动", "万家"),
    ("其中一批示威者进入纽约一个地铁站进行抗议", "约一个"),
    # a holiday's days name its time (bulk, xwlb)
    ("交通运输部统计数据显示，端午假期三天，全国预计共发送旅客", "三天"),
    ("防联控机制春运工作专班数据显示，春节假日七天，全国春运客流总量达", "七天"),
    ("民族自治乡、同江街津口赫哲村等地“五一”七天宾客盈门。", "七天"),
    # a class of car by its seats (bulk, xwlb)
    ("交通运输部提醒，“五一”假期，七座及七座以下小型客车免费通行收费", "七座"),
    ("交通运输部提醒，“五一”假期，七座及七座以下小型客车免费通行收费", "七座以下"),
    ("全国高速公路免费通行7座及7座以下小客车的时间将截至今", "7座以下"),
    # the time since, a relative time (bulk, xwlb)
    ("如今，5年过去了，大山深处有哪些新变化？", "5年"),
    ("二十年过去了，101路公交", "二十年"),
    # places named with a numeral and 里 (bulk, xwlb and CEC)
    ("在天津七里海湿地，此次迁徙季已", "七里"),
    ("在受灾较为严重的开原镇、七里镇、金马镇、平安镇等", "七里"),
    ("29日下午4时许，八里街第三工业园区里的一", "八里"),
    # a plenary session named by its number, without its term before it (bulk, xwlb)
    ("他指出，学习宣传贯彻中央纪委三次全会精神，最关键的是", "三次"),
    # round numerals paired into a slogan (bulk, xwlb)
    ("6日），人力资源社会保障部启动2023年百日千万招聘专项行动，在", "百日"),
    # 二次 is the second, where a count says 两次 (bulk, xwlb)
    ("在确保被困人员不被二次伤害的情况下，决定用液压扩张器", "二次"),
    ("间隔不到1小时，又在温州二次登陆。", "二次"),
    # a word named by its characters, as many as the quotation right before (bulk, xwlb)
    ("十年来，“人民”二字，标定协调推进“四个全面”战略布局", "二字"),
    ("十八洞村抓住“精准”二字，立足资源禀赋", "二字"),
    ("习近平主席用“亲诚惠容”4个字，凝练概括了中国的周边外交理念", "4个"),
    ("大门上方“梅开春哨”四个字是18岁战士梅开春在", "四个"),
]


@pytest.mark.parametrize(("clause", "false_hit"), NOT_STATISTICS)
def test_numeral_in_a_name_or_idiom_is_no_statistic(clause: str, false_hit: str) -> None:
    assert false_hit not in [q.text for q in extract(clause)]


def _in_hong_kong_script(text: str) -> str:
    import opencc  # a runtime dependency (the tagger's traditional table comes from it)

    return opencc.OpenCC("s2hk").convert(text)


@pytest.mark.parametrize(("clause", "false_hit"), NOT_STATISTICS)
def test_no_statistic_in_traditional_script_either(clause: str, false_hit: str) -> None:
    """The word tables are simplified; the filter reads traditional text as simplified."""
    clause, false_hit = _in_hong_kong_script(clause), _in_hong_kong_script(false_hit)
    assert false_hit not in [q.text for q in extract(clause)]


# (clause, a real figure that a word or name row must not take away)
STILL_STATISTICS = [
    # one unit of time after a word that measures a span is a duration, not an article
    ("中央网信办自即日起，开展为期一个月的“清朗•整治短视频", "一个月"),
    ("经过一个多月的反复排查和仿真试验", "一个多月"),
    ("路复线全线通车，从成都到峨边坐高铁只需要一个半小时。", "一个半小时"),
    ("日本气象厅称此次寒流将持续一周。", "一周"),
    # each magnitude of a list before 地震 (bulk: 先后发生7.5级和5.8级地震, here in whole numbers,
    # which alone would read as levels)
    ("8日和10日，青森县东部海域先后发生7级和5级地震。", "7级"),
    # rounds of a programme counted (bulk, xwlb)
    ("城中村改造以来，保定市主城区已持续进行了三期城中村改造，涉及69个村庄", "三期"),
    # a round numeral with an approximation word is a figure, no figure of speech (bulk, CEC)
    ("靠近火场不到百米的一座村庄数十栋居民房岌岌可危", "不到百米"),
    ("最负盛名的是一条只有2米宽、百米长的小巷：六尺巷", "百米"),
    ("“两重”建设支持改造4人间及以上病房1.5万间", "1.5万间"),
    # provinces, places and countries counted in digits (bulk, xwlb)
    ("古巴代表66国作共同发言坚定支持中国", "66国"),
    ("106地获第六批生态文明建设示范区称号", "106地"),
    ("引江济淮工程供水范围涉及安徽河南两省15市55县（市、区），受益人口将超过51", "55县"),
    ("全国800余县市区试点“紧密型县域医共体”", "800余县市区"),
    ("截至今天上午9时，广西、湖北、浙江等20省份保险机构累计接报案近38万件", "20省份"),
    # the damage beside an address (bulk, CEC)
    ("营盘镇拉古村委会三组和四组交界处发生火灾，造成72户280间房", "72户"),
    # people counted with no measure word, as headlines write them (bulk, CEC and xwlb)
    ("大马644囚犯食物中毒", "644"),
    ("北京40余工人食用扁豆", "40余"),
    ("江苏丹阳近百学生食物中毒", "近百"),
    ("驾驶员和车上一名乘客以及一村民受伤。", "一"),
    # times over (bulk, Sogou and xwlb); 一遍 stays an article
    ("专业课我是下了很大的功夫的，书看了十几遍吧，记不清了", "十几遍"),
    ("过去20年，柯晓宾每天都要重复上千遍这看似枯燥乏味的动作。", "上千遍"),
    # tents and volumes counted; a toll word before one person (bulk, CEC and Sogou)
    ("抢通修复，当地已调拨帐篷650顶，紧急转移2.1万人", "650顶"),
    ("按不同历史朝代的更替，分为八卷", "八卷"),
    ("发生一起重大交通事故，死亡一人。", "一人"),
    ("差额复试共有48名考生参加", "48名"),
    # a lone 万 or 亿 with an approximation word or a unit is an amount (bulk)
    ("2025年，公司市值突破万亿", "突破万亿"),
    ("受灾群众达万余人", "万余人"),
    ("线路全长近万公里", "近万公里"),
    # sessions counted, no class year (bulk, xwlb)
    ("中国企业全球形象高峰论坛已连续举办12届，成为对外宣介中国企业", "12届"),
    ("的天然气供应量将增加一倍。", "一倍"),
    ("数量和投资总额占比均超过半数。", "超过半数"),
    ("去年，这三家船厂平均5天就要", "5天"),
    ("发生事故的两辆车均属和田地区，", "两辆"),
    # a span of ten years is a real one; a round 里 written in digits is a length
    ("这项工程历时十年，终于建成", "十年"),
    ("全长1000里", "1000里"),
    ("智利北部地区发生8.2级地震，造成6人死亡", "8.2级"),
    ("发生七点八级地震", "七点八级"),
    # ... with a cue before it or a word after it, or a decimal (bulk and train gold)
    ("美国地质勘探局将此次地震的级别定为6级。", "6级"),
    ("加之火场天气条件恶劣，风力达7-8级，阵风达9级，气温最高达26℃", "9级"),
    ("受台风“摩羯”影响，局地最大风力将超过十级。", "超过十级"),
    ("１９７２年，马那瓜曾发生７级地震，致万余人伤亡", "７级"),
    ("8日和10日，青森县东部海域先后发生7.5级和5.8级地震。", "7.5级"),
    # meetings counted, no term's session (bulk, xwlb)
    ("文件起草过程中，中央政治局常委会先后召开3次会议、中央政治局召开2次会议", "3次"),
    ("消防人员登上距离火场50米外的一厂房顶", "50米"),
    ("比赛设置了51公斤、57公斤、64公斤、75公斤和91公斤5个级别，", "91公斤"),
    ("其中过江段设计速度250公里/小时", "250公里/小时"),
    # a distance from a city says where an epicentre lies (train)
    ("震中位于第一大区塔拉帕卡首府伊基克市西南76公里处的海域", "76公里"),
    # beside the false hits above
    ("美国国家气象局15日称，过去24小时美国有8个州共报告40多场龙卷风", "40多场"),
    ("这两天，在厦门大街小巷，500辆智能网联汽车", "500辆"),
    ("“十四五”前四年，我国能耗强度累计降低11.6%", "11.6%"),
    ("吞吐量突破2800万标准箱，稳居全球港口前六位。", "突破2800万标准箱"),
    ("已退市近两年的亿利洁能再度引发关注", "近两年"),
    ("随后组建三支队伍，开展拉网式巡查", "三支"),
    ("近两年围绕算力枢纽已建成超70条算力大通道", "超70条"),
    ("盈江县发生5．0级地震，震中位于北纬25．1度、东经97．9度", "5．0级"),
    ("全国十大考古新发现”昨天晚上7点正式揭晓。25个参与评选的入围项目", "25个"),
    ("一辆三轮车与大货车相撞，导致4人当场死亡", "4人"),
    ("《大唐诗人传》《东方人类百万年》《城市风华录》等55部精品力作", "55部"),
    ("为4200余艘往来闽台船舶提供7×24小时全天候通关服务", "4200余艘"),
    ("每万人拥有5G基站数达22.78个", "22.78个"),
    ("使用血液754袋（1008.5单位）", "754袋"),
    # what the rules above must leave alone
    ("按照提前15天售票的规定，", "15天"),
    ("这5万块钱贷款还不上。", "5万块钱"),
    ("平均每6分钟就发生一次余震", "6分钟"),
    ("震中位于第一大区塔拉帕卡首府伊基克市西南76公里处", "76公里"),
    ("而100多元的价位，服务标准化的经济型酒店", "100多元"),
    ("涵盖金融支持、跨境电商等9方面政策措施", "9方面"),
    (
        "“我们的目标是‘出了实验室，就能上战场’，如今已有近2000名学员在这里接受过对抗模拟演练。”",
        "近2000名",
    ),
    ("两国签署了双边本币互换协议，互换规模为1300亿元人民币/4.5万亿比索，有效期三年", "4.5万亿比索"),
    ("净增2000多家；全省形成3个万亿产业、十多个千亿产业，拥有4个国", "十多个"),
    # characters counted, not a quoted word's own (bulk, xwlb)
    ("《概论》由导论和正文15章组成，共约21万字，系统阐述", "约21万字"),
    ("通常不到100字的短文写在木牍上", "不到100字"),
    ("记者在现场看到“严禁超载”几个大字旁写着23字的说明", "23字"),
]


# (clause, mention, value, unit): a race time is one figure in seconds; a currency name that
# opens with 千, 百, 多 or 几 is the unit, not a multiplier or an approximation word
READINGS = [
    # decimals joined by 和 share the unit of the last (bulk: bulletins, earthquakes)
    ("制造业采购经理指数分别为51.9%和50.5%，比上月分别上升1.3和0.2个百分点。", "1.3", 1.3,
     "个百分点"),
    ("比科技服务、信息服务总体销售收入增速快2.6和3.4个百分点。", "2.6", 2.6, "个百分点"),
    ("智利又再次发生5.1和4.5级地震", "5.1", 5.1, "级"),
    ("智利又再次发生５．１和４．５级地震", "５．１", 5.1, "级"),
    ("中国队选手覃海洋以2分05秒48的成绩夺得冠军", "2分05秒48", 125.48, "秒"),
    ("以2分46秒516的成绩摘得2000米混合接力的金牌", "2分46秒516", 166.516, "秒"),
    # no count of 万 or 亿 is in tenths: 成 opens the word after (bulk, xwlb); 三成 is
    ("集体资产上了“户口”，确认了约9亿成员，农民获得感、幸福感", "约9亿", 9e8, ""),
    ("安徽小麦主产区收获已过六成，在蒙城", "过六成", 0.6, ""),
    # the first part of a unit written with each figure, the rest once (bulk, xwlb)
    ("全国餐饮收入、限额以上餐饮收入增速分别比上年同期上升26.7个、26.8个百分点", "26.7个", 26.7,
     "个百分点"),
    ("度、上年同期分别回落0.1个和0.2个百分点", "0.1个", 0.1, "个百分点"),
    ("同期全国工业和制造业1个和0.8个百分点", "1个", 1, "个百分点"),
    # a streak counts games (bulk, Sogou and CEC)
    ("辽宁女篮在联赛中不仅终结了山西女篮的12连胜", "12连胜", 12, "连胜"),
    ("沈足曾在换帅之后创造了三连胜和四轮不败的骄人战绩", "三连胜", 3, "连胜"),
    # groups of animals (bulk, xwlb)
    ("海南长臂猿野外种群数量从40年前的仅存2群不足10只，恢复到7群42只", "7群", 7, "群"),
    # vehicles in a crash (bulk, CEC)
    ("后车避让不及，导致了一场6车连环追尾事故，所幸并未造成人员伤亡", "6车", 6, "车"),
    ("北京北六环4车连撞拥堵10公里长达两个多小时", "4车", 4, "车"),
    # a casualty tally in a headline counts the dead and the injured (bulk, CEC)
    ("广西南丹交通事故致6死10伤一人伤势较重", "6死", 6, ""),
    ("广西南丹交通事故致6死10伤一人伤势较重", "10伤", 10, ""),
    ("浙江黄岩一客车与轿车相撞两死两重伤数人轻伤", "两重伤", 2, ""),
    # and a tally of men and women, 一 included when it stands in one (bulk, CEC)
    ("迎面撞上一辆大型货车，尼桑轿车内的三男两女全部死亡。", "两女", 2, ""),
    ("当日21时50分，轿车主副驾驶的一男一女被救出。", "一女", 1, ""),
    ("约20分钟后，两男一女三名伤者被救出。", "一女", 1, ""),
    # one person a toll word follows, or one thing a strike downs, is counted (bulk, CEC
    # and Xinwen Lianbo)
    ("造成两人当场死亡，一人重伤一人轻伤。", "一人", 1, "人"),
    ("10名木工不同程度烧伤，其中一人死亡。", "一人", 1, "人"),
    ("小轿车撞上一辆施工车辆，造成一名施工人员当场死亡", "一名", 1, "名"),
    ("隧道内发生一起交通事故，有一名司机被困，请前往处置。", "一名", 1, "名"),
    ("俄防空部队击落了一架乌军米-8直升机，并拦截", "一架", 1, "架"),
    ("其防空系统25日下午击中一架美国F-18战斗机", "一架", 1, "架"),
    # Hong Kong writes a fraction with 份 (三份之一)
    ("每月交通開支超出400元的市民可獲得三份之一補貼", "三份之一", 1 / 3, ""),
    # and often with no 之 at all, before a break, 的 or an approximation
    ("每月津貼較現行高約三分一。", "約三分一", 1 / 3, ""),
    ("調查發現四分三的受訪市民支持方案", "四分三", 0.75, ""),
    # a slash fraction is a ratio, as 四分之三 is
    ("近3/4的脱贫人口与新型农业经营主体建立利益联结机制", "近3/4", 0.75, ""),
    ("太阳能发电装机规模占全球比重达1/3", "1/3", 1 / 3, ""),
    # bare numbers listed before a count share its unit
    ("中证A50、中证A100和中证A500指数分别覆盖30、27、35个中证二级行业", "30", 30, "个"),
    ("中证A50、中证A100和中证A500指数分别覆盖30、27、35个中证二级行业", "27", 27, "个"),
    ("中证A50、中证A100和中证A500指数分别覆盖30、27、35个中证二级行业", "35个", 35, "个"),
    # 等 sums up a list with a count of provinces or countries
    ("途经四川、重庆、湖北、安徽、浙江等5省（市），止于浙江省杭州市", "5省（市）", 5, "省（市）"),
    ("北京、天津、河北等3省市联合开展专项行动", "3省市", 3, "省市"),
    # without it 市, 国 open the next word: 10万 of 市民, 14亿 of 国人
    ("全市近10万市民参与投票", "近10万", 1e5, ""),
    ("吸引14亿国人关注", "14亿", 1.4e9, ""),
    # hours and minutes are one duration, in minutes (with seconds, in seconds)
    ("北京到唐山的运行时间将从过去的1小时33分钟压缩至39分钟以内", "1小时33分钟", 93, "分钟"),
    ("旅客乘高铁从重庆至长沙最快3小时53分可达", "3小时53分", 233, "分钟"),
    ("车运行时间将从原来的最快两个小时25分钟缩短至约40分钟", "两个小时25分钟", 145, "分钟"),
    ("中国选手何杰以2小时13分02秒的成绩夺得男子组冠军", "2小时13分02秒", 7982, "秒"),
    # the layout of a bank's rate table (made up: no such line is in train, bulk or samples)
    ("100千里達及托巴哥元兑换人民币105.6元", "100千里達及托巴哥元", 100, "千里達及托巴哥元"),
    ("100多米尼加比索兑换人民币12.1元", "100多米尼加比索", 100, "多米尼加比索"),
    ("100几内亚法郎兑换人民币0.08元", "100几内亚法郎", 100, "几内亚法郎"),
    # a unit on the lower bound only makes no range: a change and the level it reached
    ("收益率较4月份回落1.32个百分点至2.08%。", "1.32个百分点", 1.32, "个百分点"),
    ("收益率较4月份回落1.32个百分点至2.08%。", "2.08%", 2.08, "%"),
    # digits after a decimal number and its multiplier start the next figure
    ("服务项目累计为1.27亿65岁及以上老年人提供", "1.27亿", 1.27e8, ""),
    ("服务项目累计为1.27亿65岁及以上老年人提供", "65岁", 65, "岁"),
    ("全国一半以上红树林得到保护", "一半以上", 0.5, ""),
    # a bare number right after an index's name is its value (bulk, xwlb)
    ("1月中国中小企业发展指数为89.0，相比去年12月上升", "89.0", 89, ""),
    ("美国消费者信心指数初值为50.8，低于4月的终值52.2", "52.2", 52.2, ""),
    ("11月中国快递发展指数达478.1，同比增长3%。", "478.1", 478.1, ""),
    # 过半 ending its clause is a share over one half (bulk, Xinwen Lianbo)
    ("当前，全国早稻收获进度过半。南方稻区", "过半", 0.5, ""),
    ("活力凸显 高端装备出口全国占比过半 央视网消息", "过半", 0.5, ""),
    ("执政联盟未能获得过半数议席", "过半数", 0.5, ""),
    ("执政党工党仅获1000余席，且在多个传统票仓失守", "1000余席", 1000, "席"),
    ("南京外出旅游度假的人数在百万以上，其中", "百万以上", 1e6, ""),
    ("色彩：彩色片长：125min语言：普通话", "125min", 125, "min"),
    # 分 after digits is a score; in Chinese numerals it is a word (十分), at a clock a minute
    ("在跳水男子一米板决赛中，中国选手彭健烽以440.45分夺得冠军", "440.45分", 440.45, "分"),
    ("最终以69.800分的总成绩摘得桂冠", "69.800分", 69.8, "分"),
    ("利率目标区间下调25个基点到3.75%至4.00%之间", "3.75%至4.00%", 3.75, "%"),
    ("其中近一半人务工", "近一半", 0.5, ""),
]


# (clause, mention, approx): 以内, 之内 and 内 after the unit are at most; a bare 百, 千, 万 or 亿
# is a round magnitude, about so much
APPROXIMATIONS = [
    ("力争上岗通关时间控制在15秒以内", "15秒以内", "under"),
    ("确保60小时内完成抢修", "60小时内", "under"),
    ("全国早稻收获进度过半。", "过半", "over"),
    ("申请人6个工作日内办结", "6个工作日内", "under"),
    ("涵盖就业、教育等3项内容", "3项", "exact"),
    # 约为, 约有, 大约有 before a figure (bulk, xwlb and CEC)
    ("本次下调后，金融机构加权平均存款准备金率约为7.6%。", "约为7.6%", "about"),
    ("格林达维克镇约有3800名居民，距离首都", "约有3800名", "about"),
    ("德斯岛，该岛距离智利本土大约有667公里。", "大约有667公里", "about"),
    # 不超 is at most, 小于 below, 大于 above, 出头 a little over; 多伤 is many hurt (bulk)
    ("实控人等拟套现2.2亿 正拟定增募不超15.5亿", "不超15.5亿", "under"),
    ("治等地还出现了能见度小于500米的大雾天气。", "小于500米", "under"),
    ("葫芦岛部分区县出现了大于250毫米的特大暴雨。", "大于250毫米", "over"),
    ("近于光头，微胖，身高1.7米出头，事发当天穿", "1.7米出头", "over"),
    ("土耳其发生5.8级地震 致1死多伤", "1死", "exact"),
    # 过 before a share in tenths, as before 半 (bulk, xwlb); 通过 and 经过 are no 过
    ("薯类已播过三成，春小麦过四成，春玉米过一成", "过四成", "over"),
    ("有序推进，目前收获已过八成半。", "过八成半", "over"),
    # a word that ends with 约 or 超 is none before a number; 约 after 持续 is (bulk, xwlb)
    ("29家央企与辽宁签约64个项目，总投资", "64个", "exact"),
    ("今年一季度，太仓新签约亿元以上产业项目32个", "亿元以上", "over"),
    ("本届东博会已签约100多个重大项目。", "100多个", "over"),
    ("经过周密策划和准备，持续约17分钟。", "约17分钟", "about"),
    # 近 ends 附近 (nearby) and 邻近, no approximation (bulk, CEC)
    ("发生爆炸的夜总会的玻璃被炸到比较远的地方，爆炸还导致附近15辆汽车被毁。", "15辆", "exact"),
    ("绵延千万公里的输电线路", "千万公里", "about"),
    ("打造千亿元级产业集群", "千亿元", "about"),
    ("十部门联合印发通知", "十部门", "exact"),
    # a cap is an upper bound: 不得超过, 不会超过 (超过 alone is over)
    ("在电子支付领域，牌照数量不会超过10张", "不会超过10张", "under"),
    ("服务费预收的周期最长不得超过12个月", "不得超过12个月", "under"),
    ("每人分摊的额度不能超过每月1500元", "1500元", "exact"),
    # a slash fraction takes its approximation words like 三分之一
    ("1.7万亿元，近3/4的脱贫人口与新型农业经营主体建立利益联结机制", "近3/4", "under"),
    ("全国超过1/3的县已实现快递进村", "超过1/3", "over"),
    ("产量占全国秋粮1/4左右。", "1/4左右", "about"),
]


@pytest.mark.parametrize(("clause", "mention", "approx"), APPROXIMATIONS)
def test_approximation(clause: str, mention: str, approx: str) -> None:
    found = {q.text: q for q in extract(clause)}
    assert mention in found, list(found)
    assert found[mention].approx == approx


@pytest.mark.parametrize(("clause", "mention", "value", "unit"), READINGS)
def test_one_reading(clause: str, mention: str, value: float, unit: str) -> None:
    found = {q.text: q for q in extract(clause)}
    assert mention in found, list(found)
    assert float(found[mention].value) == pytest.approx(value)
    assert found[mention].unit == unit


@pytest.mark.parametrize(("clause", "figure"), STILL_STATISTICS)
def test_real_figures_beside_them_survive(clause: str, figure: str) -> None:
    assert figure in [q.text for q in extract(clause)]


# the scanner reads traditional script as simplified (塊錢, 標準箱, 公里/小時, 超過半數)
@pytest.mark.parametrize(("clause", "figure"), STILL_STATISTICS)
def test_real_figures_survive_in_traditional_script(clause: str, figure: str) -> None:
    clause, figure = _in_hong_kong_script(clause), _in_hong_kong_script(figure)
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
