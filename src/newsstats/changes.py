"""Change: whether a figure is an amount or rate of change, and which way (GUIDELINES §2).

`比上年增长5.0%` is up, `下降3.4%` down, `跌幅17.53%` down; a level reached (`降至2.08%`,
`提升到85%`) is no change, and neither is `新增` naming a noun (`新增装机2亿千瓦`, where a
noun stands between the verb and the figure). The change words are the `up` and `down`
rows of data/link_words.tsv.
"""

from __future__ import annotations

from .candidates import LEVEL_ENDINGS, role_of
from .sentences import Sentence

# what may stand between a change word and its figure: adverbs, comparison bases and
# times (同比增长, 比上年同期增长, 较2019年增长), 了, spaces and quotes
PASSABLE = frozenset({"ADVERB", "d", "COMPARE", "T", "SPACE", "Q", "u", "M", "q", "COPULA"})
# the figures of a list share its change word: 分别增长5.1%、2.7%和8.4%
LIST = frozenset({"NUM", "SEP", "c"})
LOOK_BACK = 12  # tokens


def change_of(sentence: Sentence, kinds: list[str], at: int) -> str | None:
    """``up``, ``down`` or None for the mention at token ``at``."""
    tokens = sentence.tokens
    level = False  # a word between the change word and the figure names a level: 降至
    for i in range(at - 1, max(at - 1 - LOOK_BACK, -1), -1):
        k = kinds[i]
        if k in ("UP", "DOWN", "RATE"):
            if level:
                return None
            # a rate noun (增速, 跌幅) takes its direction from its own row
            direction = role_of().get(tokens[i].reading) if k == "RATE" else k
            return "up" if direction == "UP" else "down"
        reading = tokens[i].reading
        if k == "LEVEL":  # 至, 到, and one-word 增至, 降至, 提高到: a change to a level
            level = level or reading.endswith(LEVEL_ENDINGS)
        elif k not in PASSABLE and k not in LIST:
            return None
    return None
