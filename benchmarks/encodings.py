"""newsstats' encoding detection, with and without its fallback, against charset-normalizer
(the detector `requests` uses).

    python benchmarks/encodings.py      # needs charset-normalizer: pip install charset-normalizer

Chinese cases: every training article (`../shared/corpus/train`) stored in GB18030 and every
traditional one (`train_hant`) in Big5-HKSCS and UTF-16-LE/BE without a byte-order mark,
whole and its first line alone (a headline: the short, hard case).

Other cases, text our own check cannot place, for which newsstats falls back on
charset-normalizer: Japanese (Shift-JIS, EUC-JP, ISO-2022-JP), Korean (EUC-KR,
ISO-2022-KR), Western, Central European, Cyrillic, Greek and Turkish (the windows-125x code
pages, KOI8).  The texts are the translations of GNU coreutils' messages
(`/usr/share/locale/LANG/LC_MESSAGES/coreutils.mo`: real sentences, several lines, a few
per language) and the Japanese and Korean samples of CPython's codec tests
(`test/cjkencodings`); those missing on this machine are left out.

A case is right when the decoded text equals the original.  Prints counts and seconds per
detector and group; asserts nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))
# ../shared beside the repository (a worktree sits one level deeper)
SHARED = next(
    (p for p in (PROJECT.parent / "shared", PROJECT.parent.parent / "shared") if p.is_dir()),
    PROJECT.parent / "shared",
)

from newsstats import reading  # noqa: E402

# Hong Kong variant forms Big5-HKSCS lacks, written in their Taiwan form
FORMS = str.maketrans("説税脱鋭悦閲啓羣户衞枱着峯裏温麪敍‑", "說稅脫銳悅閱啟群戶衛檯著峰裡溫麵敘-")


def cases() -> list[tuple[str, str, str, bytes]]:
    found = []
    corpora = (("train_hant", ("big5hkscs", "utf-16-le", "utf-16-be")), ("train", ("gb18030",)))
    for corpus, codecs in corpora:
        for path in sorted((SHARED / "corpus" / corpus).glob("*.txt")):
            whole = path.read_text(encoding="utf-8").translate(FORMS)
            for name, text in ((path.name, whole), (f"{path.name}:title", whole.split("\n")[0])):
                for codec in codecs:
                    try:
                        found.append((name, codec, text, text.encode(codec)))
                    except UnicodeEncodeError:
                        pass
    return found


# the translations to store in each legacy code page of their script
FOREIGN = {
    "ja": ("shift_jis", "euc_jp", "iso2022_jp"),
    "ko": ("euc_kr", "iso2022_kr"),
    "fr": ("cp1252",), "de": ("cp1252",), "es": ("cp1252",), "it": ("cp1252",),
    "pt": ("cp1252",), "pl": ("cp1250",), "ru": ("cp1251", "koi8_r"), "uk": ("cp1251",),
    "el": ("cp1253",), "tr": ("cp1254",),
}
ARTICLES = 6  # texts of about ARTICLE_CHARS per language, and as many one-message titles
ARTICLE_CHARS = 1500
CJK_SAMPLES = ("shift_jis", "euc_jp", "iso2022_jp", "euc_kr", "iso2022_kr")


def foreign_cases() -> list[tuple[str, str, str, bytes]]:
    import gettext
    import sysconfig

    found = []
    for language, codecs in FOREIGN.items():
        catalog = Path(f"/usr/share/locale/{language}/LC_MESSAGES/coreutils.mo")
        if not catalog.is_file():
            continue
        with open(catalog, "rb") as stored:
            messages = gettext.GNUTranslations(stored)._catalog  # type: ignore[attr-defined]
        lines = [
            line.strip()
            for key, message in sorted(messages.items(), key=lambda item: str(item[0]))
            if key and isinstance(message, str)
            for line in message.splitlines()
            if len(line.strip()) >= 20
        ]
        texts, text = [], []
        for line in lines[200:]:  # past the option lists' first, terse lines
            text.append(line)
            if sum(map(len, text)) >= ARTICLE_CHARS:
                texts.append((f"coreutils.{language}#{len(texts) + 1}", "\n".join(text)))
                text = []
                if len(texts) == ARTICLES:
                    break
        step = len(lines) // ARTICLES
        texts += [(f"coreutils.{language}:title{n}", lines[n * step]) for n in range(ARTICLES)]
        for name, text in texts:
            for codec in codecs:
                try:
                    found.append((name, codec, text, text.encode(codec)))
                except UnicodeEncodeError:
                    pass
    samples = Path(sysconfig.get_paths()["stdlib"]) / "test" / "cjkencodings"
    for codec in CJK_SAMPLES:
        if (samples / f"{codec}-utf8.txt").is_file():
            text = (samples / f"{codec}-utf8.txt").read_text(encoding="utf-8")
            found.append((f"cjkencodings/{codec}", codec, text, text.encode(codec)))
    return found


def main() -> None:
    import charset_normalizer

    def ours(data: bytes) -> str:
        return reading.decode_text(data)[0]

    def ours_alone(data: bytes) -> str:
        guess = reading._detector_guess
        reading._detector_guess = lambda *args: None  # no fallback
        try:
            return reading.decode_text(data)[0]
        finally:
            reading._detector_guess = guess

    def theirs(data: bytes) -> str | None:
        best = charset_normalizer.from_bytes(data).best()
        return None if best is None else str(best)

    print(f"charset-normalizer {charset_normalizer.__version__}")
    groups = (("Chinese", cases()), ("other", foreign_cases()))
    detectors = (
        ("newsstats", ours),
        ("newsstats without the fallback", ours_alone),
        ("charset-normalizer", theirs),
    )
    for group, every in groups:
        print(f"{group}: {len(every)} cases")
        for label, detect in detectors:
            started = time.perf_counter()
            wrong = [(name, codec) for name, codec, text, data in every if detect(data) != text]
            seconds = time.perf_counter() - started
            print(f"  {label}: {len(every) - len(wrong)} of {len(every)} right, {seconds:.2f} s")
            for name, codec in wrong[:8]:
                print(f"      wrong: {name} in {codec}")


if __name__ == "__main__":
    main()
