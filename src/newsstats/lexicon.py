"""The language resources, loaded from the tab-separated tables in ``data/``.

Control flow never names a unit, an approximation word or a slogan: it asks
these tables. A linguist extends newsstats by adding rows there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Base:
    """The base unit a reading converts to: a UCUM code (``m2``, ``kg``, ``m/s``) for a
    physical quantity, an ISO 4217 code for money. base = (value + offset) × factor / divisor,
    all Decimal: 亩 is 2000/3 m2 and km/h 5/18 m/s, factors no finite decimal holds."""

    unit: str
    factor: Decimal = Decimal(1)
    divisor: Decimal = Decimal(1)
    offset: Decimal = Decimal(0)  # °F: (value − 32) × 5/9 Cel

    def convert(self, value: Decimal) -> Decimal:
        if self.offset:
            value += self.offset
        if self.factor != 1:
            value *= self.factor
        if self.divisor != 1:
            value /= self.divisor
        return value


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    dimension: str
    scale: Decimal = Decimal(1)  # 三成 is 0.3: the unit 成 is tenths
    below: Decimal | None = None  # the reading must be less: 折 is a discount (十折 is none)
    base: Base | None = None  # None: the unit is kept (counts, %), or money of no one country


def base_of(row: dict[str, str]) -> Base | None:
    """A table row's ``base_unit``, ``base_factor`` (``1000``, ``2000/3``), ``base_offset``."""
    if not row.get("base_unit"):
        return None
    factor, _, divisor = (row.get("base_factor") or "1").partition("/")
    return Base(
        row["base_unit"], Decimal(factor), Decimal(divisor or 1),
        Decimal(row.get("base_offset") or 0),
    )


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("newsstats").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    # split at tabs, as csv.DictReader reads a table with no quoting (QUOTE_NONE), but not
    # in its Python code, which was a twentieth of a start; a short row's last fields are ""
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        values = line.split("\t")
        if len(values) > len(header):
            raise ValueError(f"{name}: more fields than the header names: {line!r}")
        values += [""] * (len(header) - len(values))
        rows.append({key: value.strip() for key, value in zip(header, values, strict=True)})
    return rows


@cache
def _unit_rows() -> dict[str, dict[str, Unit]]:
    tables: dict[str, dict[str, Unit]] = {"after": {}, "before": {}}
    for row in _rows("units.tsv"):
        unit = row["unit"] if "unit" in row else row["surface"]
        scale = Decimal(row.get("scale") or 1)
        below = Decimal(row["below"]) if row.get("below") else None
        position = row.get("position") or "after"
        tables[position][row["surface"]] = Unit(
            row["surface"], unit, row["dimension"], scale, below, base_of(row)
        )
    # every currency CLDR names (currencies.tsv), where units.tsv has no row of its own
    money = currencies()
    for name, code in money.names.items():
        tables["after"].setdefault(name, Unit(name, name, "currency", base=Base(code)))
    for short, codes in money.shorts.items():
        base = Base(next(iter(codes))) if len(codes) == 1 else None
        tables["after"].setdefault(short, Unit(short, short, "currency", base=base))
    # the scanner reads text in simplified script: a traditional row (港幣, 標準箱) is looked
    # up as its simplified rendering; valuing gives the unit back as written
    for table in tables.values():
        for surface, entry in list(table.items()):
            simple = in_simplified(surface)
            if simple != surface:
                table.setdefault(
                    simple, replace(entry, surface=simple, unit=in_simplified(entry.unit))
                )
    return tables


def in_simplified(word: str) -> str:
    """``word`` in simplified script, one character for one (萬→万): how the scanner reads."""
    from .tagging import simplified  # tagging reads this module's tables at import

    return word.translate(simplified())


def simplified_too(table: dict) -> dict:
    """``table`` with each traditional key (約, 數) also under its simplified rendering (约,
    数), where that has no row of its own."""
    for key, row in list(table.items()):
        table.setdefault(in_simplified(key), row)
    return table


def in_simplified_only(words) -> list[str]:
    """The words written in simplified script: the only ones the scanner can meet."""
    return [word for word in words if in_simplified(word) == word]


@dataclass(frozen=True)
class Currencies:
    """Chinese currency names from CLDR (data/currencies.tsv, tools/make_currencies.py)."""

    names: dict[str, str]  # 丹麦克朗 → DKK
    shorts: dict[str, frozenset[str]]  # 克朗 → {DKK, SEK, NOK, ISK, CZK}
    # short form → (country, code) pairs of the countries using it: 克朗 → (丹麦, DKK), …
    countries: dict[str, tuple[tuple[str, str], ...]]


@cache
def currencies() -> Currencies:
    names: dict[str, str] = {}
    shorts: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    for row in _rows("currencies.tsv"):
        if row["role"] == "name":
            names[row["word"]] = row["code"]
        elif row["role"] == "short":
            shorts.setdefault(row["word"], set()).add(row["code"])
        else:
            countries.setdefault(row["word"], set()).add(row["code"])
    # code → the countries using it, once: not every country's codes met for every short form
    users: dict[str, list[str]] = {}
    for country, cs in countries.items():
        for code in cs:
            users.setdefault(code, []).append(country)
    by_short = {
        short: tuple(sorted((country, code) for code in codes for country in users.get(code, [])))
        for short, codes in shorts.items()
    }
    return Currencies(
        names, {short: frozenset(codes) for short, codes in shorts.items()}, by_short
    )


def units() -> dict[str, Unit]:
    """Surface form → Unit. The surface follows the number once multipliers are removed."""
    return _unit_rows()["after"]


def prefix_units() -> dict[str, Unit]:
    """Units written before the number: ``$20``, ``￥300``."""
    return _unit_rows()["before"]


@dataclass(frozen=True)
class Cue:
    cue: str
    unit: str
    dimension: str
    base: Base | None = None
    adjacent: bool = False  # the cue must stand right before the number (时速350公里)
    after: bool = False  # the cue must follow the unit right away (两度会晤)
    # the number must be written in digits and the unit stand as a word of its own (66国,
    # 20省份: 两国关系 and 三省交界 are no counts)
    digits: bool = False


@cache
def unit_cues() -> dict[str, dict[str, Cue]]:
    """Ambiguous unit surface → {cue word: reading}, in table order (the first cue found in
    the clause wins): 温度…85度 is a temperature, where a bare 85度 is energy (kWh); an
    ``adjacent`` cue counts only right before the number (时速350公里 is a speed), an ``after``
    one only right after the unit (两度会晤 is twice)."""
    table: dict[str, dict[str, Cue]] = {}
    for row in _rows("unit_cues.tsv"):
        table.setdefault(row["surface"], {})[row["cue"]] = Cue(
            row["cue"], row["unit"], row["dimension"], base_of(row),
            row.get("reach") == "adjacent", row.get("reach") == "after",
            row.get("reach") == "digits",
        )
    # read in the scanner's simplified script; table order still decides
    simple: dict[str, dict[str, Cue]] = {}
    for surface, cues in table.items():
        for cue, reading in cues.items():
            simple.setdefault(in_simplified(surface), {}).setdefault(in_simplified(cue), reading)
    return simple


@cache
def approximations() -> dict[str, dict[str, str]]:
    """Position ('before', 'between', 'after') → {word: approx}; 'word' holds the words that
    open with an approximation word and are none (余震, 多功能); 'word_before' the words that
    end with a 'before' one and are none (打破 a record, 跌破 a level); 'half_before' the
    words that make a bare 半 a share (过半)."""
    table: dict[str, dict[str, str]] = {
        "before": {}, "between": {}, "after": {}, "word": {}, "word_before": {},
        "half_before": {},
    }
    for row in _rows("approx.tsv"):
        table[row["position"]][row["word"]] = row["approx"]
    return {position: simplified_too(words) for position, words in table.items()}


class Roles(dict):
    """role → its words; a role no row names has none."""

    def __missing__(self, role: str) -> frozenset[str]:
        return frozenset()


@cache
def words_by_role(name: str) -> Roles:
    """A `word<TAB>role` table (link_words.tsv, places.tsv) as role → its words."""
    roles: dict[str, set[str]] = {}
    for row in _rows(name):
        roles.setdefault(row["role"], set()).add(row["word"])
    return Roles({role: frozenset(words) for role, words in roles.items()})


@cache
def stop_patterns() -> dict[str, str]:
    """Literal names, slogans, idioms and words whose numerals are never statistics: the
    hand-kept table, and the numeral words of the tagger's dictionary (numeral_words.tsv)."""
    found = {row["pattern"]: row["kind"] for row in _rows("numeral_words.tsv")}
    found.update((row["pattern"], row["kind"]) for row in _rows("stop_patterns.tsv"))
    return found


def alternation(words) -> str:
    """A regex alternation that prefers the longest word (人次 before 人).

    Written as a trie (`辽(?:宁省|宁|阳市)`), so that at each position the engine follows
    one branch instead of trying thousands of words in turn."""
    import regex

    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [
            regex.escape(char) + emit(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # longest first: the continuation is greedy, the word may also end here
        return f"(?:{body})?" if ends else body

    return emit(trie)


@dataclass(frozen=True)
class Vague:
    approx: str
    low: int
    high: int


@cache
def vague_magnitudes() -> dict[str, Vague]:
    """Words that turn a bare multiplier into a magnitude: 上千, 数百, 几十."""
    return simplified_too({
        row["word"]: Vague(row["approx"], int(row["low"]), int(row["high"]))
        for row in _rows("vague.tsv")
    })


@cache
def subunits() -> dict[str, dict[str, Decimal]]:
    """Unit surface → {subunit: factor}: 五元三毛 is 5 元 + 3 × 0.1 元."""
    table: dict[str, dict[str, Decimal]] = {}
    for row in _rows("subunits.tsv"):
        table.setdefault(row["unit"], {})[row["subunit"]] = Decimal(row["factor"])
    return simplified_too({unit: simplified_too(rows) for unit, rows in table.items()})


@cache
def money_regions() -> tuple[frozenset[str], dict[str, str], tuple[str, ...]]:
    """The units that mean the article region's dollar (元), region marker → ISO code, and
    the words that make an amount renminbi when they follow it (100億元人民幣)."""
    regional: set[str] = set()
    markers: dict[str, str] = {}
    renminbi: list[str] = []
    for row in _rows("money_regions.tsv"):
        if row["role"] == "regional":
            regional.add(row["word"])
        elif row["role"] == "renminbi":
            renminbi.append(row["word"])
        else:
            markers[row["word"]] = row["code"]
    return frozenset(regional), markers, tuple(renminbi)


@dataclass(frozen=True)
class NameAfter:
    after: str  # "*": whatever follows
    chinese_only: bool  # only a whole number in Chinese numerals (三级, not 7.6级)
    is_name: bool  # False: a figure after all, an exception to a broader row
    # only these numerals alone: 二 (二期 is an ordinal, as a count says 两); 十百千万 (千里
    # 走廊, 万里长江 are figures of speech); "" any
    bare: frozenset[str] = frozenset()
    # only after a term of office earlier in the clause: 十四届全国人大三次会议 is a session
    after_term: bool = False


TERM = "届"  # names_after.tsv's ``numerals`` for a row that holds after a term of office
# the other ``numerals`` values that name a kind, not the bare numerals a row holds for
NUMERALS_KINDS = frozenset({"any", "chinese", TERM})


@cache
def names_after() -> dict[str, tuple[NameAfter, ...]]:
    """Unit surface → what may follow it to make a rank, class or event name (names_after.tsv),
    the most specific first: longer words before shorter, ``*`` last."""
    table: dict[str, list[NameAfter]] = {}
    for row in _rows("names_after.tsv"):
        numerals, is_name = row["numerals"], row["reading"] == "name"
        table.setdefault(row["unit"], []).append(
            NameAfter(row["after"], numerals == "chinese", is_name,
                      frozenset(numerals) if numerals not in NUMERALS_KINDS else frozenset(),
                      numerals == TERM)
        )
    return {
        unit: tuple(sorted(rows, key=lambda r: (r.after == "*", -len(r.after))))
        for unit, rows in table.items()
    }


@dataclass(frozen=True)
class WordBefore:
    dimension: str  # "*": any
    unit: str  # "*": any
    unless_after: str  # characters that, before the word, make it another word (提前)


RECENT = "recent"


@cache
def recent_words() -> frozenset[str]:
    """Approximation words that, opening a clause before a span of time, make it the recent
    past (words_before.tsv, reading `recent`): 近两年， is a time, 用了近两年 a figure."""
    return frozenset(
        simplified_too({row["word"]: "" for row in _rows("words_before.tsv")
                        if row["reading"] == RECENT})
    )


@cache
def words_before() -> dict[str, tuple[WordBefore, ...]]:
    """Word → the readings it makes no statistic when it stands right before a number
    (words_before.tsv): 前 in 今年前4个月, 北纬 in 北纬40.6度."""
    table: dict[str, list[WordBefore]] = {}
    for row in _rows("words_before.tsv"):
        if row["reading"] == RECENT:
            continue  # an approximation word inside the figure: recent_words()
        table.setdefault(row["word"], []).append(
            WordBefore(row["dimension"], row["unit"], row["unless_after"])
        )
    return {word: tuple(rows) for word, rows in table.items()}


@cache
def word_clusters() -> dict[str, tuple[str, str]]:
    """Word → its (coarse, fine) cluster, by the words around it in unlabelled news
    (word_clusters.tsv, made by tools/make_word_clusters.py). Read line by line: the
    csv reader took four times as long over its 28,000 rows."""
    text = resources.files("newsstats").joinpath("data", "word_clusters.tsv").read_text(
        encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines()[1:]:
        if not line.startswith("#"):
            word, coarse, fine = line.split("\t")
            table[word] = (coarse, fine)
    return table
