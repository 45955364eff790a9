"""What ``--where`` keeps: conditions on the output columns, e.g. ``dimension=currency``.

One mechanism covers every filter an analyst asks for first (only money, only percentages,
values above N, exact figures only, a given entity)::

    FIELD=A,B     the field is A or B (numbers compare as numbers; empty: the field is empty)
    FIELD!=A,B    the field is neither
    FIELD~TEXT    the field contains TEXT
    FIELD>=N      also >, <=, <: the field is a number and compares so (an empty field fails)

FIELD is any output column.  Several conditions must all hold.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from typing import Any

from .model import COLUMNS, Quantity

OPERATORS = ("!=", ">=", "<=", "~", "=", ">", "<")
# columns that hold numbers, from the record's own type annotations
NUMERIC = frozenset(
    field.name for field in fields(Quantity) if re.search(r"\b(int|float)\b", str(field.type))
)
_CONDITION = re.compile(r"\s*([A-Za-z_]+)\s*(!=|>=|<=|~|=|>|<)\s*(.*?)\s*", re.DOTALL)


class ConditionError(ValueError):
    """A --where that cannot be read; the message says why."""


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str
    wanted: tuple[Any, ...]  # alternatives for = and !=; one item otherwise

    def holds(self, file_name: str, quantity: Quantity) -> bool:
        value = file_name if self.field == "file" else getattr(quantity, self.field)
        if self.operator == "~":
            return value is not None and str(self.wanted[0]) in str(value)
        if self.operator in ("=", "!="):
            equal = any(_same(value, wanted) for wanted in self.wanted)
            return equal if self.operator == "=" else not equal
        if not isinstance(value, (int, float)):
            return False
        limit = self.wanted[0]
        if self.operator == ">=":
            return value >= limit
        if self.operator == "<=":
            return value <= limit
        if self.operator == ">":
            return value > limit
        return value < limit


def parse(text: str) -> Condition:
    """One ``--where`` argument as a Condition; ``ConditionError`` says what is wrong."""
    match = _CONDITION.fullmatch(text)
    if match is None:
        raise ConditionError(
            f"{text!r} is not FIELD=VALUE, FIELD!=VALUE, FIELD~TEXT or FIELD>=NUMBER"
        )
    field, operator, raw = match.group(1).lower(), match.group(2), match.group(3)
    if field not in COLUMNS:
        raise ConditionError(f"no column {field!r}; the columns are {', '.join(COLUMNS)}")
    if operator in ("=", "!="):
        alternatives = tuple(
            _number(part) if field in NUMERIC and part.strip() else part.strip()
            for part in raw.split(",")
        )
        return Condition(field, operator, alternatives)
    if operator == "~":
        return Condition(field, operator, (raw,))
    if field not in NUMERIC:
        raise ConditionError(f"{field} is not a number column: use = or ~ with it")
    return Condition(field, operator, (_number(raw),))


def keeps(conditions: list[Condition], file_name: str, quantity: Quantity) -> bool:
    return all(condition.holds(file_name, quantity) for condition in conditions)


def _number(raw: str) -> float:
    try:
        number = float(raw.replace("_", ""))
    except ValueError:
        raise ConditionError(f"{raw!r} is not a number") from None
    if math.isnan(number):
        raise ConditionError("NaN compares with nothing")
    return number


def _same(value: Any, wanted: Any) -> bool:
    if wanted == "":
        return value is None or value == ""
    if isinstance(wanted, float):
        return isinstance(value, (int, float)) and value == wanted
    return value is not None and str(value) == wanted
