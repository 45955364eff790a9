"""The one record every stage produces and every output format writes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

DIMENSIONS = frozenset({
    "count", "currency", "percent", "permille", "percentage_point", "ratio", "multiple",
    "mass", "length", "area", "volume", "energy", "power", "data", "duration", "age",
    "temperature", "speed", "other",
})
APPROX = frozenset({"exact", "about", "over", "under", "range"})


@dataclass(frozen=True)
class Quantity:
    """One statistic mention; ``text == source[start:end]`` always holds."""

    start: int
    end: int
    text: str
    value: int | float
    value_max: int | float | None
    unit: str
    dimension: str
    # the value in its dimension's base unit (UCUM: m2, kg, m/s) or money's ISO 4217 code;
    # counts, shares and multiples keep value and unit; None where no base is known
    base_value: int | float | None
    base_unit: str | None
    approx: str
    change: str | None  # up, down or None: a figure of change and which way (GUIDELINES §2)
    entity: str | None
    subject: str | None
    sentence: str
    # context (issue 4): when and where the figure holds, and whether it restates another
    period: str | None = None
    period_norm: str | None = None
    place: str | None = None
    place_norm: str | None = None  # a stable path: 中国/辽宁省/大连市, 伊朗/德黑兰
    place_code: str | None = None  # ISO 3166: CN-LN, HK, IR
    repeat_of: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


COLUMNS = ("file",) + tuple(f.name for f in fields(Quantity))
