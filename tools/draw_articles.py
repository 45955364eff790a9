"""Draw bulk articles to label, reproducibly: a fixed seed, by source and kind of news.

    python tools/draw_articles.py OUT_DIR --first 81 --per-batch 8 [--batches a,b]

Writes OUT_DIR/<batch>/bNNN.txt (the text exactly as it will be labelled) and
OUT_DIR/INDEX.tsv (rows for gold/INDEX.tsv). Articles already in gold/INDEX.tsv, in
../shared/corpus/train or in an ``--taken`` index are never drawn; the held-out articles
are not in bulk at all. A round of drawing is reproduced from gold/INDEX.tsv as it stood
before the round (git history): b081–b115 were drawn with every batch but finance_dense,
b116–b118 with finance_dense and ``--taken`` of the first round's index, b119–b148 with
sogou_money,sogou_other,cec,xwlb_firms (10 each) and both indexes taken, b149– with
sogou_other,cec,xwlb_firms,xwlb_news,finance_dense (12 each) and the three taken; those
rounds ran before texts already taken were skipped (b123 and b152, copies of b092, were
dropped after). b193–b228: sogou_money,sogou_other,cec,xwlb_firms,xwlb_news (12 each; no
Sogou article was left); b229–b300 and b301–b372: cec,xwlb_firms,xwlb_news (24 each);
b373–b432: the same, 20 each; b433–b480 (pdeco had none left), b481–b528 and b529–b565 (CEC
had five left): the same, 16 each. b566–b613: xwlb_firms,xwlb_news (24 each; CEC was
exhausted); b614–b709, b710–b805 and b806–b901: the same, 48 each. b902–b941:
sogou_rest,cec_rest (20 each): what is left of the sources the linker does worst on, dense
or not (pdeco_rest found none).

The batches lean towards the sources the labelled set had least of (Sogou, the People's
Daily economy pages, CEC), and towards news where a company, port or industry owns the
figures, which the linker saw too little of.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk"
TRAIN_INDEX = ROOT.parent / "shared" / "corpus" / "train" / "INDEX.tsv"
NUMBER = re.compile(
    r"[0-9０-９.．%％,，]+|[零〇一二两三四五六七八九十百千万亿半几数壹贰叁肆伍陆柒捌玖拾佰仟萬億兩]+")
# figures written in digits: 数 and 几 of 数据 and 几乎 made essays look dense in numbers
DIGITS = re.compile(r"[0-9０-９]+")
SEED = 20261205

FIRMS = re.compile(r"企业|公司|集团|港口|港|行业|产业")
SOGOU, PDECO = "Jack-Cherish/Machine-Learning", "jiayangrui05160031-cmyk/people-daily-economy-daily"
XWLB, CEC = "DuckBurnIncense/xin-wen-lian-bo", "shijiebei2009/CEC-Corpus"


def _money(article: dict) -> bool:
    """Sogou's finance and IT classes."""
    return article.get("category") in ("财经", "IT") or any(
        c in article["id"] for c in ("C000008", "C000010"))


def _firms(article: dict) -> bool:
    return FIRMS.search(article["text"]) is not None


@dataclass(frozen=True)
class Batch:
    source: str
    fits: Callable[[dict], bool]
    most_numbers: int = 40  # the finance pages are denser in figures than the rest
    shortest: int = 300
    longest: int = 2400


BATCHES = {
    "sogou_money": Batch(SOGOU, _money),
    "sogou_other": Batch(SOGOU, lambda a: not _money(a)),
    "pdeco": Batch(PDECO, lambda a: True, most_numbers=100),
    "cec": Batch(CEC, lambda a: True),
    "xwlb_firms": Batch(XWLB, _firms),
    # the rest of the bulletin: sports, disasters, foreign news, society
    "xwlb_news": Batch(XWLB, lambda a: not _firms(a)),
    # markets and listed companies, by their figures in digits (see DIGITS); a market flash
    # is short, a listed companies' review long
    "finance_dense": Batch(PDECO, lambda a: len(DIGITS.findall(a["text"])) >= 10,
                           most_numbers=200, shortest=150, longest=3000),
    # what the rounds above left of the sources the linker does worst on: every article
    # of 150 to 3,000 characters with 8 figures or more, however dense
    "sogou_rest": Batch(SOGOU, lambda a: True, most_numbers=400, shortest=150, longest=3000),
    "pdeco_rest": Batch(PDECO, lambda a: True, most_numbers=400, shortest=150, longest=3000),
    "cec_rest": Batch(CEC, lambda a: True, most_numbers=400, shortest=150, longest=3000),
}
ROUND_ONE = ["sogou_money", "sogou_other", "pdeco", "cec", "xwlb_firms"]


def numbers(text: str) -> int:
    return sum(1 for m in NUMBER.finditer(text) if any(c not in ".．,，" for c in m.group()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--first", type=int, default=81)
    parser.add_argument("--per-batch", type=int, default=8)
    parser.add_argument("--batches", default=",".join(ROUND_ONE))
    parser.add_argument("--taken", type=Path, action="append", default=[])
    args = parser.parse_args()
    taken = set()
    for index in (ROOT / "gold" / "INDEX.tsv", TRAIN_INDEX, *args.taken):
        for line in index.read_text(encoding="utf-8").splitlines()[1:]:
            taken.add(line.split("\t")[2])
    # the same text under two ids (Sogou's sample repeats a few) is drawn once at most
    seen = {path.read_text(encoding="utf-8") for path in (ROOT / "gold" / "texts").glob("*.txt")}
    seen |= {path.read_text(encoding="utf-8") for path in TRAIN_INDEX.parent.glob("*.txt")}
    pool = []
    for file in sorted(BULK.glob("*.jsonl")):
        with open(file, encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                if article["id"] in taken or not 150 <= len(article["text"]) <= 3000:
                    continue
                if article["text"] in seen:
                    continue
                seen.add(article["text"])
                pool.append(article)
    rng = random.Random(SEED)
    number = args.first
    rows = ["file\tsource\tid\tchars"]
    drawn: set[str] = set()
    for batch in args.batches.split(","):
        spec = BATCHES[batch]
        fitting = [a for a in pool if a["source"] == spec.source and spec.fits(a)
                   and a["id"] not in drawn and 8 <= numbers(a["text"]) <= spec.most_numbers
                   and spec.shortest <= len(a["text"]) <= spec.longest]
        chosen = rng.sample(fitting, min(args.per_batch, len(fitting)))
        folder = args.out / batch
        folder.mkdir(parents=True, exist_ok=True)
        for article in chosen:
            drawn.add(article["id"])
            name = f"b{number:03d}.txt"
            (folder / name).write_text(article["text"], encoding="utf-8")
            rows.append(f"{name}\t{spec.source}\t{article['id']}\t{len(article['text'])}")
            number += 1
    (args.out / "INDEX.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
