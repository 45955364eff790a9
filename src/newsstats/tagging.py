"""Words and part-of-speech tags for the few words around a mention.

The lexicon is jieba's dictionary (with the corrections in ``data/jieba_overrides.tsv``),
and the segmentation is jieba's without its HMM: of all the ways to cut a run of Chinese
characters into dictionary words, the one whose words' frequencies multiply to the most.
jieba's own segmenter takes about two seconds to load and tags a few hundred KB a second
here, which alone would cap newsstats' start-up and throughput; a packed copy of its
dictionary loads in a tenth of a second, and the same choice made here tags several times
faster.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import zlib
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from . import lexicon

LONGEST_WORD = 8
RECORD, UNIT = "\x1e", "\x1f"  # the packed lexicon's block and field separators
PACK_FORMAT = b"6"  # part of the cache key: a new layout of the packed file makes a new file
# runs that are not Chinese words: numbers and Latin letters are one token each
NUMBER_RUN = re.compile(r"[0-9０-９]+(?:[.．,][0-9０-９]+)*[%％‰]?")
LATIN_RUN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9&.\-]*")
# Chinese characters: the unified ideographs with extension A, and the compatibility block
HAN_FIRST, HAN_LAST, COMPAT_FIRST, COMPAT_LAST = "\u3400", "\u9fff", "\uf900", "\ufaff"
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


def _cache_file() -> Path:
    """Keyed by jieba's version and our corrections: a new dictionary makes a new file."""
    import importlib.metadata

    overrides = (resources.files("newsstats") / "data" / "jieba_overrides.tsv").read_bytes()
    key = PACK_FORMAT + importlib.metadata.version("jieba").encode() + overrides
    digest = hashlib.sha1(key).hexdigest()[:16]
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "newsstats" / f"lexicon-{digest}.bin"


def _pack() -> bytes:
    """Our corrected copy of jieba's dictionary, packed to load fast: the total of its
    frequencies, then the words grouped by final character (blocks of the character, its
    words one a line, UNIT, their tags one a line, UNIT, their frequencies one a line;
    joined by RECORD), then the lengths of the words of two or more characters by first
    character (`char length length…` lines), the parts split by NULs; zlib'd."""
    entries: dict[str, tuple[str, int]] = {}
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            entries[fields[0]] = (fields[2], int(fields[1]))
    total = sum(frequency for _, frequency in entries.values())
    for row in lexicon._rows("jieba_overrides.tsv"):
        word = row["word"]
        if row["flag"] == "-":
            entries.pop(word, None)
        elif row.get("frequency"):
            entries[word] = (row["flag"], max(int(row["frequency"]), 1))
        elif word in entries:
            entries[word] = (row["flag"], entries[word][1])
        else:  # a word jieba lacks is made as likely as its characters together (占比)
            together = math.prod(entries.get(c, ("", 1))[1] / total for c in word)
            entries[word] = (row["flag"], int(together * total) + 1)
    by_final: dict[str, list[tuple[str, str, int]]] = {}
    openings: dict[str, set[int]] = {}
    for word, (flag, frequency) in entries.items():
        by_final.setdefault(word[-1], []).append((word, flag, frequency))
        if 1 < len(word) <= LONGEST_WORD:
            openings.setdefault(word[0], set()).add(len(word))
    words = RECORD.join(
        char + "\n".join(word for word, _, _ in group)
        + UNIT + "\n".join(flag for _, flag, _ in group)
        + UNIT + "\n".join(str(frequency) for _, _, frequency in group)
        for char, group in by_final.items()
    )

    lengths = "\n".join(
        char + " " + " ".join(map(str, sorted(n, reverse=True))) for char, n in openings.items()
    )
    packed = str(total) + "\0" + words + "\0" + lengths
    return zlib.compress(packed.encode("utf-8"), 6)


class Buckets(dict):
    """Words and their tags by final character, each bucket parsed when first asked for:
    a short article needs a few hundred of the 17,000, so start-up does not pay for
    building one dict of all 350,000 words. ``counts`` holds, by final character too, each
    word's count in the dictionary as written, read as a number only for a word a run
    holds (all of them read up front cost a cold pass 6%)."""

    def __init__(self, packed: str, total: int) -> None:
        super().__init__()
        self._blocks = {block[0]: block for block in packed.split(RECORD)}
        self.log_total = math.log(total)
        self.counts = Counts(self)

    def __missing__(self, char: str) -> dict[str, str]:
        block = self._blocks.pop(char, None)
        counts: dict[str, str] = {}
        if block is None:
            bucket: dict[str, str] = {}
        else:
            words_text, _, rest = block[1:].partition(UNIT)
            tags_text, _, counts_text = rest.partition(UNIT)
            words = words_text.split("\n")
            bucket = dict(zip(words, tags_text.split("\n"), strict=True))
            counts = dict(zip(words, counts_text.split("\n"), strict=True))
        self[char] = bucket
        self.counts[char] = counts
        return bucket


class Counts(dict):
    """A Buckets' counts by final character: asked for a character not parsed yet, it has
    the Buckets parse that character's block."""

    def __init__(self, buckets: Buckets) -> None:
        super().__init__()
        self._buckets = buckets

    def __missing__(self, char: str) -> dict[str, str]:
        self._buckets[char]  # fills this table's entry for the character
        return dict.__getitem__(self, char)


Lengths = dict[str, tuple[int, ...]]


@cache
def _lexicon() -> tuple[Buckets, Lengths]:
    """word → tag by final character, and the lengths of the words of two or more
    characters opening with each character."""
    cached = _cache_file()
    try:
        packed = cached.read_bytes()
    except OSError:
        packed = _pack()
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(packed)
            temporary.replace(cached)  # atomic: parallel workers may race to write it
        except OSError:
            pass  # a read-only home: rebuild on each run, still correct
    total, words, by_start = zlib.decompress(packed).decode("utf-8").split("\0")
    return Buckets(words, int(total)), _lengths(by_start)


def _lengths(table: str) -> Lengths:
    # some 17,000 entries hold a few dozen distinct tuples: one object for each tuple (made
    # once) keeps the table small and quick to load
    lengths = {}
    tuples: dict[str, tuple[int, ...]] = {}
    for line in table.split("\n"):
        char, _, sizes = line.partition(" ")
        found = tuples.get(sizes)
        if found is None:
            found = tuples[sizes] = tuple(map(int, sizes.split(" ")))
        lengths[char] = found
    return lengths


Tagged = list[tuple[str, str]]


def _segment(run: str, words_by_final: Buckets, openings: Lengths) -> Tagged:
    """jieba's choice without its HMM: the cut of ``run`` into dictionary words (or single
    characters) whose costs (minus the log of each word's share of the dictionary's counts)
    add up to the least, worked out from the end of the run back; of equal cuts, the one
    with the longer word first. A character that is no word costs as a word met once."""
    size = len(run)
    # each character made a string once: run[i] of a Chinese character allocates anew
    chars = list(run)
    counts = words_by_final.counts
    log_total = words_by_final.log_total
    best = [0.0] * (size + 1)  # the least cost of run[i:]
    step = [1] * (size + 1)  # the length of the first word of that cut
    for start in range(size - 1, -1, -1):
        char = chars[start]
        least = math.inf
        length_of_least = 1
        for length in openings.get(char, ()):  # longest first: a tie keeps the longer
            stop = start + length
            if stop <= size:
                count = counts[chars[stop - 1]].get(run[start:stop])
                if count is not None:
                    cost = log_total - math.log(float(count)) + best[stop]
                    if cost < least:
                        least = cost
                        length_of_least = length
        count = counts[char].get(char)
        single = log_total - (math.log(float(count)) if count else 0.0) + best[start + 1]
        if single < least:
            least = single
            length_of_least = 1
        best[start] = least
        step[start] = length_of_least
    tagged = []
    start = 0
    while start < size:
        stop = start + step[start]
        word = run[start:stop]
        tagged.append((word, words_by_final[chars[stop - 1]].get(word, "x")))
        start = stop
    return tagged


@lru_cache(maxsize=8192)  # the windows of neighbouring mentions share whole runs
def _segment_han(run: str) -> tuple[tuple[str, str], ...]:
    words_by_final, openings = _lexicon()
    return tuple(_segment(run, words_by_final, openings))


@cache
def simplified() -> dict[int, str]:
    """Traditional → simplified, one character for one (萬→万, 個→个), from OpenCC's table
    as shipped by opencc-python-reimplemented; read without importing the package. Empty
    when that package is not there: traditional text is then tagged as it is."""
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return {}
    table = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "TSCharacters.txt"
    try:
        lines = table.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    mapping = {}
    for line in lines:
        traditional, _, simplified = line.partition("\t")
        simplified = simplified.split(" ")[0]
        if len(traditional) == 1 and len(simplified) == 1:
            mapping[ord(traditional)] = simplified
    return mapping


# The filter, places and periods each read a whole article in simplified script: one
# translation an article serves them all (a 1 MB part of a huge file at most is kept).
@lru_cache(maxsize=2)
def simplified_text(text: str) -> str:
    """``text`` in simplified script, one character for one (offsets hold); ``text`` itself
    when it is all simplified already, which a reader may test with ``is``."""
    read = text.translate(simplified())
    return text if read == text else read


# A fragment is asked about again while its mention, or its sentence, is being linked:
# a small cache catches that, and keeps the memory a long run needs flat (the cache of
# Chinese runs above does the rest).
@lru_cache(maxsize=2048)
def tag(fragment: str) -> tuple[tuple[str, str], ...]:
    """(word, ICTCLAS flag) pairs; numbers are `m`, Latin words `eng`, punctuation `x`.
    Traditional characters are read as their simplified forms, and given back as written."""
    result: list[tuple[str, str]] = []
    for token in TOKEN.finditer(fragment):
        kind = token.lastgroup
        if kind == "han":
            written = token.group()
            reading = written.translate(simplified())
            if reading == written:
                result.extend(_segment_han(reading))
                continue
            cursor = 0
            for word, flag in _segment_han(reading):
                result.append((written[cursor : cursor + len(word)], flag))
                cursor += len(word)
        else:
            result.append((token.group(), kind or "x"))
    return tuple(result)
