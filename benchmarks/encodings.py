"""newsstats' encoding detection against charset-normalizer (the detector `requests` uses).

    python benchmarks/encodings.py      # needs charset-normalizer: pip install charset-normalizer

Cases: every training article (`../shared/corpus/train`) stored in GB18030 and every
traditional one (`train_hant`) in Big5-HKSCS and UTF-16-LE/BE without a byte-order mark,
whole and its first line alone (a headline: the short, hard case).  A case is right when
the decoded text equals the original.  Prints counts and seconds; asserts nothing.
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


def main() -> None:
    import charset_normalizer

    def ours(data: bytes) -> str:
        return reading.decode_text(data)[0]

    def theirs(data: bytes) -> str | None:
        best = charset_normalizer.from_bytes(data).best()
        return None if best is None else str(best)

    every = cases()
    for label, detect in (("newsstats", ours), ("charset-normalizer", theirs)):
        started = time.perf_counter()
        wrong = [(name, codec) for name, codec, text, data in every if detect(data) != text]
        seconds = time.perf_counter() - started
        print(f"{label}: {len(every) - len(wrong)} of {len(every)} right, {seconds:.2f} s")
        for name, codec in wrong[:10]:
            print(f"    wrong: {name} in {codec}")


if __name__ == "__main__":
    main()
