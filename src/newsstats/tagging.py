"""Words and part-of-speech tags for the sentences that hold mentions.

The lexicon is jieba's dictionary (with the corrections in ``data/jieba_overrides.tsv``),
and the segmentation is jieba's without its HMM: of all the ways to cut a run of Chinese
characters into dictionary words, the one whose words' frequencies multiply to the most.
The cut is made by rjieba (jieba-rs, the same algorithm in Rust: eight to ten times faster
than the same choice made here in compiled Python, which was a seventh of a cold pass),
loaded with jieba's own dictionary and told our corrections; jieba's Python segmenter takes
about two seconds to load and tags a few hundred KB a second.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Final

import rjieba

from . import lexicon

# jieba's words longer than this are left out of the cut: 云南省德宏傣族景颇族自治州 whole
# would hide the places the linker and the place finder read in it
LONGEST_WORD = 8
PACK_FORMAT = b"8"  # part of the cache key: a new layout of the packed file makes a new file
# a word no text holds (a private-use character), which carries the counts of the words
# left out, so that the dictionary's total, and so every word's share of it, is jieba's
PLACEHOLDER = "\ue000"
# runs that are not Chinese words: numbers and Latin letters are one token each
NUMBER_RUN = re.compile(r"[0-9０-９]+(?:[.．,][0-9０-９]+)*[%％‰]?")
LATIN_RUN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9&.\-]*")
# Chinese characters: the unified ideographs with extension A, and the compatibility block
# (Final: is_han reads them as constants, not as a module's globals looked up at each call)
HAN_FIRST: Final = "\u3400"
HAN_LAST: Final = "\u9fff"
COMPAT_FIRST: Final = "\uf900"
COMPAT_LAST: Final = "\ufaff"
HAN_RUN = re.compile(f"[{HAN_FIRST}-{HAN_LAST}{COMPAT_FIRST}-{COMPAT_LAST}]+")


def is_han(char: str) -> bool:
    """A character of HAN_RUN's ranges, compared: a regex call a character cost a tenth of
    finding places."""
    return HAN_FIRST <= char <= HAN_LAST or COMPAT_FIRST <= char <= COMPAT_LAST


# one pass over a fragment: a Chinese run, else a number, else a Latin word, else one
# character of punctuation (the group name is the flag)
TOKEN = re.compile(
    rf"(?P<han>{HAN_RUN.pattern})|(?P<m>{NUMBER_RUN.pattern})|(?P<eng>{LATIN_RUN.pattern})|(?s:.)"
)

Entries = dict[str, tuple[str, int]]  # word → (tag, count)


def jieba_dictionary() -> Entries:
    """jieba's dictionary as it ships, which rjieba holds too."""
    entries: Entries = {}
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            entries[fields[0]] = (fields[2], int(fields[1]))
    return entries


def corrected_dictionary(jieba: Entries) -> tuple[Entries, int]:
    """jieba's dictionary (``jieba_dictionary()``) with our corrections, as a copy, and the
    total of jieba's own counts (each word's share is of that total, as when the
    corrections were tuned)."""
    entries = dict(jieba)
    total = sum(count for _, count in entries.values())
    for row in lexicon._rows("jieba_overrides.tsv"):
        word = row["word"]
        if row["flag"] == "-":
            entries.pop(word, None)
        elif row.get("frequency"):
            entries[word] = (row["flag"], max(int(row["frequency"]), 1))
        elif word in entries:
            entries[word] = (row["flag"], entries[word][1])
        else:  # a word jieba lacks (占比)
            entries[word] = (row["flag"], _as_likely_as_its_characters(word, entries, total))
    for word in _hiding_a_change(entries):
        del entries[word]
    table = simplified()
    for row in lexicon._rows("organisations.tsv"):
        word = row["name"].translate(table)
        if word not in entries:  # 九巴, 考评局: a name
            entries[word] = ("nt", _as_likely_as_its_characters(word, entries, total))
    for row in lexicon._rows("listed_companies.tsv"):
        word = row["name"]
        if word not in entries:  # 云南锗业, not 云南|锗|业
            entries[word] = ("nt", _as_likely_as_its_best_cut(word, entries, total))
    return entries, total


def _as_likely_as_its_characters(word: str, entries: Entries, total: int) -> int:
    """The count that makes a word jieba lacks as likely as its characters together: the
    cut then takes it where the characters alone would be cut."""
    together = math.prod(entries.get(c, ("", 1))[1] / total for c in word)
    return int(together * total) + 1


def _as_likely_as_its_best_cut(word: str, entries: Entries, total: int) -> int:
    """The count that makes a word jieba lacks just more likely than the likeliest cut of
    its characters into words jieba has (云南|锗|业): the cut then takes the whole name
    there, but not where a likelier word runs over its edge (恒兴新材|料 stays 恒兴|新材料)."""
    best = [1.0] + [0.0] * len(word)  # the likeliest cut of each prefix
    for end in range(1, len(word) + 1):
        for start in range(end):
            count = entries.get(word[start:end], ("", 1 if end - start == 1 else 0))[1]
            best[end] = max(best[end], best[start] * count / total)
    return int(best[-1] * total) + 1


def _hiding_a_change(entries: Entries) -> list[str]:
    """jieba's words that end in a verb of change of two characters or more after a word of
    their own (价格下降, 持续增长, 大大提高, tagged n, l or nr): the change must stand apart,
    as GUIDELINES §2 rule 5 reads it (工业生产者购进价格|下降3.0%). A rate's name (增长率,
    涨幅) is a measure, and so are the words ending in it (年增长率, 涨跌幅)."""
    roles = lexicon.words_by_role("link_words.tsv")
    changes = {w for w in roles.get("up", frozenset()) | roles.get("down", frozenset())
               if len(w) >= 2 and entries.get(w, ("",))[0].startswith("v")}
    lengths = sorted({len(w) for w in changes})
    return [word for word in entries if word not in changes and any(
        len(word) > n and word[-n:] in changes and word[:-n] in entries for n in lengths)]


def _cache_file() -> Path:
    """Keyed by jieba's version and our corrections: a new dictionary makes a new file."""
    import importlib.metadata

    data = resources.files("newsstats") / "data"
    overrides = b"".join((data / name).read_bytes() for name in (
        "jieba_overrides.tsv", "link_words.tsv", "organisations.tsv",
        "listed_companies.tsv"))
    key = PACK_FORMAT + importlib.metadata.version("jieba").encode() + overrides
    digest = hashlib.sha1(key).hexdigest()[:16]
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "newsstats" / f"lexicon-{digest}.tsv"


def _pack() -> str:
    """What turns jieba's dictionary into ours, a ``word, count, tag`` line each: the words
    corrected or added, the words removed or longer than LONGEST_WORD (counted 0: never
    cut), and the placeholder that keeps the total. Reading jieba's whole dictionary takes
    a third of a second; these few hundred lines are read in no time."""
    jieba_entries = jieba_dictionary()  # read once: a third of a second
    ours, total = corrected_dictionary(jieba_entries)
    rows: list[tuple[str, int, str]] = []
    for word in jieba_entries:
        if word not in ours or len(word) > LONGEST_WORD:
            # a character is always a word: a count of 0 would rule out every cut
            rows.append((word, 0 if len(word) > 1 else 1, "x"))
    for word, (flag, count) in ours.items():
        if len(word) <= LONGEST_WORD and jieba_entries.get(word) != (flag, count):
            rows.append((word, count, flag))
    counted = sum(count for _, count in jieba_entries.values())
    counted += sum(count - jieba_entries.get(word, ("", 0))[1] for word, count, _ in rows)
    if counted > total:
        raise ValueError("the corrections add more counts than they remove: "
                         "jieba's total cannot be kept")
    rows.append((PLACEHOLDER, total - counted, "x"))
    return "".join(f"{word}\t{count}\t{flag}\n" for word, count, flag in rows)


@cache
def _segmenter() -> tuple[rjieba.Jieba, dict[str, str]]:
    """rjieba with our dictionary, and the tags that differ from the ones it holds (telling
    it a word it knows changes the word's count, not its tag)."""
    cached = _cache_file()
    try:
        packed = cached.read_text(encoding="utf-8")
    except OSError:
        packed = _pack()
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(packed, encoding="utf-8")
            temporary.replace(cached)  # atomic: parallel workers may race to write it
        except OSError:
            pass  # a read-only home: rebuild on each run, still correct
    # the instance `import rjieba` made with jieba's dictionary: a new one would load the
    # dictionary again (a tenth of a second); nothing else here uses it. Its name is
    # rjieba's own, not its interface: a release without it costs that tenth again
    segmenter = getattr(rjieba, "_DEFAULT_JIEBA", None) or rjieba.Jieba()
    flags: dict[str, str] = {}
    for line in packed.splitlines():
        word, count, flag = line.split("\t")
        segmenter.add_word(word, int(count), flag)
        flags[word] = flag
    return segmenter, flags


def _segment_han(run: str) -> tuple[tuple[str, str], ...]:
    """jieba's choice without its HMM: the cut of ``run`` into dictionary words (or single
    characters) whose counts' shares of the dictionary multiply to the most; of equal
    cuts, the one with the longer word first."""
    segmenter, flags = _segmenter()
    return tuple((word, flags.get(word, flag)) for word, flag in segmenter.tag(run, False))


@lru_cache(maxsize=8192)  # the windows of neighbouring mentions share whole runs
def _words_of(run: str) -> tuple[tuple[str, str], ...]:
    """The cut of a Chinese run, with the names of people it splits made whole."""
    return _with_names(_segment_han(run))


# a person's given name is one or two characters after the surname
LONGEST_GIVEN_NAME = 2


def _with_names(cut: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A name jieba's dictionary lacks is cut into its characters (崔|燕|霞, 叶|伟|飞): a
    common surname (data/person_names.tsv) that the dictionary tags ``nr`` and the one or
    two single characters after it, none a function word (not_in_name) and no third after
    them, are one name, ``nr``. Without it a person never stood whole as an owner; the
    sounds of a foreign name (斯, 尔, 萨, all ``nr``) are no surnames."""
    names = _person_names()
    surnames, stops = names["surname"], names["not_in_name"]
    merged: list[tuple[str, str]] = []
    i = 0
    while i < len(cut):
        word, flag = cut[i]
        given = 0
        if flag == "nr" and word in surnames:
            while (i + given + 1 < len(cut) and len(cut[i + given + 1][0]) == 1
                   and cut[i + given + 1][0] not in stops):
                given += 1
        if 0 < given <= LONGEST_GIVEN_NAME:
            merged.append(("".join(w for w, _ in cut[i : i + given + 1]), "nr"))
            i += given + 1
            continue
        merged.append((word, flag))
        i += 1
    return tuple(merged) if len(merged) < len(cut) else cut


@cache
def _person_names() -> lexicon.Roles:
    return lexicon.words_by_role("person_names.tsv")


@cache
def simplified() -> dict[int, str]:
    """Traditional → simplified, one character for one (萬→万, 個→个), from OpenCC's table
    as shipped by opencc-python-reimplemented; read without importing the package. Hong
    Kong's and Taiwan's own variants (衞 of 食衞局, 敍, 枱, 粧) are read as the standard
    traditional character they stand for, and so as its simplified form. Empty when that
    package is not there: traditional text is then tagged as it is."""
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return {}
    tables = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    try:
        mapping = {ord(a): b for a, b in _one_for_one(tables / "TSCharacters.txt")}
        variants = [pair for name in ("HKVariantsRev.txt", "TWVariantsRev.txt")
                    for pair in _one_for_one(tables / name)]
    except OSError:
        return {}
    for variant, standard in variants:
        # only a variant of a character that has a simplified form: 著 of 著名 and 抬, which
        # the tables list as variants of 着 and 擡, are written in simplified text too
        if ord(variant) not in mapping and mapping.get(ord(standard), variant) != variant:
            mapping[ord(variant)] = mapping[ord(standard)]
    return mapping


def _one_for_one(table: Path) -> list[tuple[str, str]]:
    """An OpenCC table's single characters and the first character each is read as."""
    pairs = []
    for line in table.read_text(encoding="utf-8").splitlines():
        source, _, target = line.partition("\t")
        target = target.split(" ")[0]
        if len(source) == 1 and len(target) == 1:
            pairs.append((source, target))
    return pairs


# the blocks most text is written in: ASCII and Latin-1, general punctuation (“”…), CJK
# punctuation, the unified ideographs, full-width forms
COMMON_BLOCKS = ((0x0000, 0x0100), (0x2000, 0x2070), (0x3000, 0x3040), (0x4E00, 0xA000),
                 (0xFF00, 0xFFF0))


@cache
def reading_table() -> dict[int, int | str]:
    """simplified(), with every other character of COMMON_BLOCKS mapped to itself, for
    ``str.translate``: it raises and clears a KeyError for each character its table lacks,
    which was two thirds of the cost of reading a text in simplified script. (A code point
    maps to itself as an int: pairs zipped in C cost a third of building strings.)"""
    table: dict[int, int | str] = {}
    for first, end in COMMON_BLOCKS:
        codes = range(first, end)
        table.update(zip(codes, codes, strict=True))
    table.update(simplified())
    return table


# The filter, places and periods each read a whole article in simplified script: one
# translation an article serves them all (a 1 MB part of a huge file at most is kept).
@lru_cache(maxsize=2)
def simplified_text(text: str) -> str:
    """``text`` in simplified script, one character for one (offsets hold); ``text`` itself
    when it is all simplified already, which a reader may test with ``is``."""
    read = text.translate(reading_table())
    return text if read == text else read


# A fragment is asked about again while its mention, or its sentence, is being linked:
# a small cache catches that, and keeps the memory a long run needs flat (the cache of
# Chinese runs above does the rest).
@lru_cache(maxsize=2048)
def tag(fragment: str) -> tuple[tuple[str, str], ...]:
    """(word, ICTCLAS flag) pairs; numbers are `m`, Latin words `eng`, punctuation `x`.
    Traditional characters are read as their simplified forms, and given back as written."""
    result: list[tuple[str, str]] = []
    table = reading_table()
    for token in TOKEN.finditer(fragment):
        kind = token.lastgroup
        if kind == "han":
            written = token.group()
            reading = written.translate(table)
            if reading == written:
                result.extend(_words_of(reading))
                continue
            cursor = 0
            for word, flag in _words_of(reading):
                result.append((written[cursor : cursor + len(word)], flag))
                cursor += len(word)
        elif (kind == "m" and result and token.group() in _name_numbers()
              and _names_with_number(result, token.group(), table)):
            continue  # 沪深300: an index named by its number is one word
        else:
            result.append((token.group(), kind or "x"))
    return tuple(result)


NAME_BEFORE_NUMBER = 3  # words of a name the cut may part before its number
DIGIT_CHARS = "0123456789"  # as our dictionary writes a name's number


@cache
def _name_numbers() -> frozenset[str]:
    """The numbers our dictionary's names end in (300 of 沪深300): only a number among them
    is looked up with the words before it, not every number of every fragment."""
    return frozenset(
        word[len(word.rstrip(DIGIT_CHARS)):] for word in _segmenter()[1]
        if word[-1:] in DIGIT_CHARS and word.rstrip(DIGIT_CHARS)
    )


def _names_with_number(result: list[tuple[str, str]], number: str,
                       table: dict[int, int | str]) -> bool:
    """Join ``number`` to the word before it where our dictionary holds the two as one
    (jieba_overrides.tsv: 沪深300, 中证500), which the cut never sees: a run of Chinese and
    the number after it are cut apart."""
    flags = _segmenter()[1]
    name = number
    for words in range(1, min(NAME_BEFORE_NUMBER, len(result)) + 1):
        name = result[-words][0] + name  # 中|证 + 1000: the cut parts the name too
        flag = flags.get(name.translate(table))
        if flag is not None:
            del result[-words:]
            result.append((name, flag))
            return True
    return False
