"""``newsstats show``: an article as one self-contained HTML page with its statistics marked.

Each statistic is one ``<mark>`` over exactly its text, coloured by dimension and carrying
every output column as a ``data-`` attribute (as displaCy marks entities); hovering shows its
fields, a table below lists them, a mark links to its row and back, and a restated figure
links to the mention it repeats.  No script and nothing fetched: the page works offline and
can be mailed as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TextIO

from .model import COLUMNS, DIMENSIONS, Quantity

# the fields a reader checks a statistic by, in the hover box and the table
SHOWN = ("value", "unit", "dimension", "approx", "change", "entity", "subject", "period", "place")
# colour-blind-safe where it matters most (currency, count, percent are the common ones)
COLOURS = {
    "currency": "#ffd27a", "count": "#9fd3ff", "percent": "#b8e6a0", "permille": "#b8e6a0",
    "percentage_point": "#d4f0c4", "ratio": "#e0c8ff", "multiple": "#e0c8ff", "mass": "#ffc2a8",
    "length": "#ffc2a8", "area": "#ffc2a8", "volume": "#ffc2a8", "energy": "#f7b6d2",
    "power": "#f7b6d2", "data": "#c7e9e5", "duration": "#f2e394", "age": "#f2e394",
    "temperature": "#ffb3b3", "speed": "#ffb3b3", "other": "#dddddd",
}
STYLE = """
body { font: 16px/1.9 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif;
       max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.1em; word-break: break-all; }
.text { white-space: pre-wrap; }
mark { position: relative; padding: 0.1em 0.15em; border-radius: 0.3em; color: inherit; }
a.stat { color: inherit; text-decoration: none; }
mark:hover::after { content: attr(data-tip); position: absolute; left: 0; top: 1.9em;
       z-index: 1; white-space: pre; background: #333; color: #fff; padding: 0.3em 0.6em;
       border-radius: 0.3em; font-size: 0.85em; line-height: 1.5; }
sup.repeat a { text-decoration: none; font-size: 0.75em; }
table { border-collapse: collapse; margin-top: 2em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
:target { outline: 2px solid #d33; }
.legend span { display: inline-block; margin: 0 0.4em 0.4em 0; padding: 0 0.4em;
       border-radius: 0.3em; font-size: 0.85em; }
"""


def write_page(stream: TextIO, articles: Iterable[tuple[str, str, list[Quantity]]]) -> int:
    """Write the page for these (name, text, statistics) articles; the number of marks."""
    parts = [
        "<!doctype html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<title>newsstats</title>\n<style>",
        STYLE,
        "".join(f"mark.dim-{d} {{ background: {COLOURS.get(d, '#ddd')}; }}\n" for d in DIMENSIONS),
        "</style>\n</head>\n<body>\n",
    ]
    stream.write("".join(parts))
    marks = 0
    for number, (name, text, quantities) in enumerate(articles):
        stream.write(_article(number, name, text, quantities))
        marks += len(quantities)
    stream.write("</body>\n</html>\n")
    return marks


def _article(number: int, name: str, text: str, quantities: list[Quantity]) -> str:
    seen = sorted({q.dimension for q in quantities})
    legend = "".join(
        f'<span style="background:{COLOURS.get(d, "#ddd")}">{escape(d)}</span>' for d in seen
    )
    out = [
        f'<article id="a{number}">\n<h1>{escape(name)}</h1>\n',
        f'<p class="legend">{len(quantities)} statistics {legend}</p>\n<div class="text">',
    ]
    position = 0
    for index, quantity in enumerate(quantities):
        out.append(escape(text[position : quantity.start]))
        out.append(_mark(number, index, quantity))
        position = quantity.end
    out.append(escape(text[position:]))
    out.append("</div>\n")
    out.append(_table(number, quantities))
    out.append("</article>\n")
    return "".join(out)


def _mark(article: int, index: int, quantity: Quantity) -> str:
    attributes = " ".join(
        f'data-{column.replace("_", "-")}="{escape(_field(getattr(quantity, column)))}"'
        for column in COLUMNS
        if column not in ("file", "sentence")
    )
    tip = "\n".join(
        f"{field}: {_field(getattr(quantity, field))}"
        for field in SHOWN
        if getattr(quantity, field) not in (None, "")
    )
    mark = (
        f'<a class="stat" href="#r{article}-{index}">'
        f'<mark id="m{article}-{index}" class="dim-{escape(quantity.dimension)}" '
        f'data-index="{index}" {attributes} data-tip="{escape(tip)}">'
        f"{escape(quantity.text)}</mark></a>"
    )
    if quantity.repeat_of is not None:
        target = f"m{article}-{quantity.repeat_of}"
        mark += (
            f'<sup class="repeat"><a href="#{target}" title="repeats">'
            f"↺{quantity.repeat_of}</a></sup>"
        )
    return mark


def _table(article: int, quantities: list[Quantity]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in ("#", "text", *SHOWN, "repeat_of"))
    rows = []
    for index, quantity in enumerate(quantities):
        cells = [
            f'<td>{index}</td><td><a href="#m{article}-{index}">{escape(quantity.text)}</a></td>'
        ]
        cells += [f"<td>{escape(_field(getattr(quantity, field)))}</td>" for field in SHOWN]
        repeat = quantity.repeat_of
        cells.append(
            f'<td><a href="#r{article}-{repeat}">{repeat}</a></td>' if repeat is not None
            else "<td></td>"
        )
        rows.append(f'<tr id="r{article}-{index}">{"".join(cells)}</tr>\n')
    return f"<table>\n<tr>{head}</tr>\n{''.join(rows)}</table>\n"


def _field(value: object) -> str:
    return "" if value is None else str(value)
