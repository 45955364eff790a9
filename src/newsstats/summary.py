"""``newsstats summary``: what an archive's statistics add up to, by dimension, unit, entity
and article, as a terminal report (tables and a bar chart), CSV or JSON.

Totals are given per unit, so every figure summed is in the same unit, and only for
dimensions whose figures add up (money, counts, mass...: not percentages, ratios, ages,
temperatures or speeds).  A restated figure (``repeat_of``) is counted as a mention but not
added to a total twice; a range adds its lower bound.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from .model import Quantity

GROUPS = ("dimension", "unit", "entity", "article")
# the dimensions whose figures in one unit can be summed into a meaningful total
NOT_ADDITIVE = frozenset({
    "percent", "permille", "percentage_point", "ratio", "multiple", "age", "temperature",
    "speed", "other",
})
CSV_COLUMNS = ("group", "key", "mentions", "total")


@dataclass
class Summary:
    articles: int = 0
    failed: int = 0
    mentions: int = 0
    counts: dict[str, Counter[str]] = field(
        default_factory=lambda: {group: Counter() for group in GROUPS}
    )
    totals: dict[str, float] = field(default_factory=dict)  # by unit, additive dimensions

    def add_article(self, name: str) -> None:
        self.articles += 1
        self.counts["article"][name] += 0  # an article with no statistics still counts

    def add(self, article: str, quantity: Quantity) -> None:
        self.mentions += 1
        self.counts["dimension"][quantity.dimension] += 1
        unit = quantity.unit or "(none)"
        self.counts["unit"][unit] += 1
        if quantity.entity:
            self.counts["entity"][quantity.entity] += 1
        self.counts["article"][article] += 1
        if quantity.dimension not in NOT_ADDITIVE and quantity.repeat_of is None:
            self.totals[unit] = self.totals.get(unit, 0) + quantity.value

    def top(self, group: str, limit: int | None) -> list[tuple[str, int]]:
        """The group's keys by mentions, most first (ties by key, so the order is stable)."""
        ranked = sorted(self.counts[group].items(), key=lambda item: (-item[1], item[0]))
        return ranked if limit is None or group in ("dimension", "unit") else ranked[:limit]

    def rows(self, limit: int | None) -> list[dict[str, Any]]:
        """Long format: one row per (group, key), as the CSV and JSON outputs carry them."""
        return [
            {
                "group": group,
                "key": key,
                "mentions": mentions,
                "total": (
                    _tidy(self.totals[key]) if group == "unit" and key in self.totals else None
                ),
            }
            for group in GROUPS
            for key, mentions in self.top(group, limit)
        ]

    def write_csv(self, stream: TextIO, limit: int | None) -> None:
        import csv

        writer = csv.DictWriter(stream, CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows(limit))

    def write_json(self, stream: TextIO, limit: int | None) -> None:
        record: dict[str, Any] = {
            "articles": self.articles, "failed": self.failed, "mentions": self.mentions
        }
        for group in GROUPS:
            record[group] = [
                {
                    key: value
                    for key, value in row.items()
                    if key != "group" and (key != "total" or group == "unit")
                }
                for row in self.rows(limit)
                if row["group"] == group
            ]
        stream.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")

    def write_table(self, stream: TextIO, limit: int | None) -> None:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console(file=stream)
        console.print(
            f"{self.articles} articles, {self.mentions} statistics"
            + (f", {self.failed} failed" if self.failed else "")
        )
        for group in ("dimension", "unit"):
            table = Table(title=f"by {group}", title_justify="left")
            table.add_column(group, no_wrap=True, overflow="ellipsis", max_width=30)
            table.add_column("mentions", justify="right")
            if group == "unit":
                table.add_column("total", justify="right", no_wrap=True)
            for key, mentions in self.top(group, limit):
                cells = [Text(key), str(mentions)]
                if group == "unit":
                    cells.append(f"{_tidy(self.totals[key]):,}" if key in self.totals else "")
                table.add_row(*cells)
            console.print(table)
        console.print(self._bars("entity", limit, console.width))
        console.print(self._bars("article", limit, console.width))

    def _bars(self, group: str, limit: int | None, width: int) -> Any:
        """The group's top keys as a bar chart: one row a key, bars scaled to the largest."""
        from rich.table import Table
        from rich.text import Text

        ranked = self.top(group, limit)
        table = Table(title=f"top {group} by mentions", title_justify="left", box=None)
        table.add_column(group, no_wrap=True, overflow="ellipsis", max_width=min(40, width // 3))
        table.add_column("mentions", justify="right")
        table.add_column("", no_wrap=True)
        most = max((mentions for _, mentions in ranked), default=0)
        room = max(width - min(40, width // 3) - 16, 10)
        for key, mentions in ranked:
            length = round(room * mentions / most) if most else 0
            table.add_row(Text(key), str(mentions), Text("█" * length, style="cyan"))
        return table


def _tidy(number: float) -> int | float:
    """A total as an int when it is whole: 1000000, not 1000000.0."""
    return int(number) if float(number).is_integer() else round(number, 6)
