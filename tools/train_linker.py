#!/usr/bin/env python3
"""Rebuild the linker's weights (src/newsstats/data/linker_weights.json) from labelled gold,
or measure them cross-validated by article.

    python tools/train_linker.py                 # train on all the gold, write the weights
    python tools/train_linker.py --folds 5       # 5-fold cross-validation by article

Each gold set is a JSONL file (GUIDELINES §3) and the folder of the texts it labels; the
defaults are the project's own labels (gold/bulk.jsonl, gold/texts/), the shared
training gold (../shared/gold/train.jsonl, ../shared/corpus/train/) and the samples' gold
(../shared/gold/seeds.jsonl, samples/). Whether a candidate
phrase is right is decided by the scorer's own rule (../shared/eval/score.py, phrase_ok).

The model is a conditional logit over each mention's candidates (ranking.py scores it),
fitted by full-batch Adam with fixed hyper-parameters (numpy, in the ``train`` extra; the
engine never imports it), and written rounded: the same gold gives the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsstats import core, ranking  # noqa: E402
from newsstats.output import row as record  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_SETS = [
    (ROOT / "gold" / "bulk.jsonl", ROOT / "gold" / "texts"),
    (SHARED / "gold" / "train.jsonl", SHARED / "corpus" / "train"),
    (SHARED / "gold" / "seeds.jsonl", ROOT / "samples"),
]
WEIGHTS = ROOT / "src" / "newsstats" / "data" / ranking.WEIGHTS_FILE
# (L2 penalty, Adam steps) by choice, chosen by 5-fold cross-validation on the gold: the
# owner's choice, on which the gold's labellers agree least, wants the stronger penalty
SETTINGS = {"entity": (0.1, 100), "subject": (1.0, 200)}
RATE, BETA1, BETA2 = 0.05, 0.9, 0.999
LENIENT = 0.5  # the weight of a right candidate that is not one the gold lists
KINDS = ("entity", "subject")
# how often the gold's phrase is among the candidates at all: the ceiling of any ranker
ASKED: dict[str, int] = defaultdict(int)
MISSED: dict[str, int] = defaultdict(int)


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Article:
    def __init__(self, name: str, text: str, gold: list[dict]) -> None:
        self.name, self.text, self.gold = name, text, gold


def load_articles(sets: list[tuple[Path, Path]]) -> list[Article]:
    articles = []
    for gold_path, texts in sets:
        by_doc: dict[str, list[dict]] = defaultdict(list)
        with open(gold_path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    by_doc[row["doc"]].append(row)
        for doc in sorted(by_doc):
            text = (texts / doc).read_text(encoding="utf-8")
            articles.append(Article(f"{gold_path.stem}/{doc}", text, by_doc[doc]))
    return articles


def gold_for(article: Article, span: tuple[int, int]) -> dict | None:
    """The gold mention overlapping ``span`` most (the scorer pairs by overlap)."""
    best, overlap = None, 0
    for g in article.gold:
        o = min(span[1], g["end"]) - max(span[0], g["start"])
        if o > overlap:
            best, overlap = g, o
    return best


Example = tuple[str, list[list[str]], dict[int, float]]


def examples(article: Article, scorer) -> list[Example]:
    """(kind, candidates' features, the right ones with their weights) for each choice the linker
    makes in ``article``; the entity choice is forced to a right one, so that the subject's
    features see the entity a trained model would give."""
    found: list[Example] = []

    def recorder(kind, span, options, described):
        features = [d.names() for d in described]
        g = gold_for(article, span)
        if g is None or g.get("optional"):
            return ranking.best(kind, described)
        accepted = g.get(kind) or []
        if not accepted:
            right = {0: 1.0}  # options[0] is None: no phrase
        else:
            # the scorer accepts a phrase the gold lists, and also its head noun or a few
            # characters more; the listed ones weigh more, which teaches where phrases end
            listed = {scorer.norm_text(a) for a in accepted}
            right = {
                i: 1.0 if scorer.norm_text(text) in listed else LENIENT
                for i, text in enumerate(options)
                if text is not None and scorer.phrase_ok(accepted, text)
            }
        if right and len(right) < len(options):
            found.append((kind, features, right))
        MISSED[kind] += not right
        ASKED[kind] += 1
        return max(right, key=lambda i: (right[i], -i)) if right else ranking.best(kind, described)

    core.extract(article.text, choose=recorder)
    return found


def train(data: list[Example]) -> dict[str, dict[str, float]]:
    return {kind: _fit([(f, r) for k, f, r in data if k == kind], *SETTINGS[kind])
            for kind in KINDS}


def _fit(choices: list[tuple[list[list[str]], dict[int, float]]], l2: float, steps: int
         ) -> dict[str, float]:
    """Maximise the summed log-likelihood of the right candidates, less ``l2``/2 times the
    squared weights, by ``steps`` full-batch Adam steps from zero. Whole-batch sums in a fixed
    order keep the result the same for the same gold; per-feature steps let the rare word
    features (head=储能电站) move as far as the common shape features do."""
    index: dict[str, int] = {}
    rows: list[int] = []  # a feature's candidate row, for each (candidate, feature) pair
    columns: list[int] = []
    groups: list[int] = []  # each candidate's choice
    rightness: list[float] = []
    for choice, (features, right) in enumerate(choices):
        for i, names in enumerate(features):
            row = len(groups)
            for name in names:
                rows.append(row)
                columns.append(index.setdefault(name, len(index)))
            groups.append(choice)
            rightness.append(right.get(i, 0.0))
    row_of, column_of = np.array(rows), np.array(columns)
    group_of, right_of = np.array(groups), np.array(rightness)
    n_rows, n_choices, n_features = len(groups), len(choices), len(index)
    w, m, v = np.zeros(n_features), np.zeros(n_features), np.zeros(n_features)
    for t in range(1, steps + 1):
        scores = np.bincount(row_of, weights=w[column_of], minlength=n_rows)
        top = np.full(n_choices, -np.inf)
        np.maximum.at(top, group_of, scores)
        p = np.exp(scores - top[group_of])
        total = np.bincount(group_of, weights=p, minlength=n_choices)
        wanted = right_of * p
        wanted_total = np.bincount(group_of, weights=wanted, minlength=n_choices)
        # d log-likelihood / d score: the right candidates' share less the model's
        push = wanted / wanted_total[group_of] - p / total[group_of]
        gradient = np.bincount(column_of, weights=push[row_of], minlength=n_features) - l2 * w
        m = BETA1 * m + (1 - BETA1) * gradient
        v = BETA2 * v + (1 - BETA2) * gradient * gradient
        w += RATE * (m / (1 - BETA1**t)) / (np.sqrt(v / (1 - BETA2**t)) + 1e-8)
    return {name: round(float(w[i]), 4) for name, i in sorted(index.items())
            if round(float(w[i]), 4)}


def collect(articles: list[Article], scorer) -> list[Example]:
    ranking.use({kind: {} for kind in KINDS})
    data = []
    for article in articles:
        data.extend(examples(article, scorer))
    return data


def fold_of(article: Article, folds: int, salt: str = "") -> int:
    # by a digest of the name: articles from one source spread over the folds; another
    # salt deals them out afresh, which tells a change's gain from the folds' luck
    return int(hashlib.sha1((salt + article.name).encode()).hexdigest(), 16) % folds


def cross_validate(articles: list[Article], sets, folds: int, scorer, out: Path,
                   salt: str = "") -> dict:
    """Each fold extracted with weights learned from the other folds; the figures of every
    set, and of all of them together (``all``)."""
    predictions: dict[Path, list[dict]] = defaultdict(list)
    for k in range(folds):
        training = [a for a in articles if fold_of(a, folds, salt) != k]
        ranking.use(train(collect(training, scorer)))
        for article in articles:
            if fold_of(article, folds, salt) != k:
                continue
            doc = article.name.split("/", 1)[1]
            gold_path = next(g for g, _ in sets if article.name.startswith(g.stem + "/"))
            for q in core.extract(article.text):
                predictions[gold_path].append(record(doc, q))
    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, dict] = {}
    every_gold: list[dict] = []
    every_prediction: list[dict] = []
    for gold_path, _ in sets:
        rows = predictions[gold_path]
        with open(out / f"{gold_path.stem}.cv.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        gold = list(scorer.load_jsonl(str(gold_path)))
        report[str(gold_path)] = scorer.score(gold, rows)[0]
        # one document namespace for all sets: t001.txt of one set is not b001.txt's
        every_gold += [g | {"doc": f"{gold_path.stem}-{g['doc']}"} for g in gold]
        every_prediction += [r | {"file": f"{gold_path.stem}-{r['file']}"} for r in rows]
    report["all"] = scorer.score(every_gold, every_prediction)[0]
    return report


def measure(folds: int, cv_dir: Path, scorer_path: Path = SHARED / "eval" / "score.py") -> dict:
    """The cross-validated figures of all the default gold together."""
    sets = [(g, t) for g, t in DEFAULT_SETS if g.exists()]
    scorer = load_scorer(scorer_path)
    return cross_validate(load_articles(sets), sets, folds, scorer, cv_dir)["all"]


FIGURES = ("entity_acc", "subject_strict", "change_acc", "fact_f1", "mention_f1", "value_acc")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", nargs=2, action="append", metavar=("GOLD.jsonl", "TEXTS"),
                    help="a gold file and the folder of its texts (repeatable)")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    ap.add_argument("--folds", type=int, default=0, help="cross-validate instead of writing")
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--cv-dir", type=Path, default=Path("/tmp/newsstats-cv"))
    ap.add_argument("--fold-salt", default="",
                    help="deal the articles into other folds (a gain that holds across salts "
                         "is not the folds' luck)")
    args = ap.parse_args(argv)
    sets = [(Path(g), Path(t)) for g, t in args.gold] if args.gold else DEFAULT_SETS
    sets = [(g, t) for g, t in sets if g.exists()]
    scorer = load_scorer(args.scorer)
    articles = load_articles(sets)
    if args.folds:
        report = cross_validate(articles, sets, args.folds, scorer, args.cv_dir,
                                args.fold_salt)
        print(f"{args.folds}-fold cross-validation by article; predictions in {args.cv_dir}")
        print(f"{'gold':44}" + "".join(f"{k:>15}" for k in FIGURES))
        for name, figures in report.items():
            print(f"{name[-44:]:44}" + "".join(
                f"{figures[k]:>15.3f}" if k in figures else f"{'-':>15}" for k in FIGURES))
        return 0
    data = collect(articles, scorer)
    weights = train(data)
    # named from the project root, so that any checkout rebuilds the same file
    digest = {os.path.relpath(g, ROOT): hashlib.sha256(g.read_bytes()).hexdigest()[:16]
              for g, _ in sets}
    payload = {"gold": digest, "examples": len(data), "weights": weights}
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                        encoding="utf-8")
    print("; ".join(f"{k}: the gold's phrase among the candidates for "
                    f"{1 - MISSED[k] / max(ASKED[k], 1):.3f} of {ASKED[k]} mentions"
                    for k in KINDS))
    print(f"{args.out}: {len(data)} choices from {len(articles)} articles, "
          + ", ".join(f"{len(weights[k])} {k} weights" for k in KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
