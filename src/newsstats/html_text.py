"""The readable text of an HTML page: what its body shows, a line per block, no script or style.

Built on the standard library's ``html.parser``: a real, lenient HTML tokenizer (it takes
``<script>`` and ``<style>`` content as raw text, decodes character references, survives
unclosed and stray tags).  A tree-building library (lxml, selectolax) would add a compiled
dependency and still leave the one thing this needs done by hand: where a line ends.  Their
``text(separator=...)`` puts the separator between *every* text node, so ``捐款<b>100</b>万元``
would become three lines and the figure would lose its sentence; here inline elements join
and only block elements (paragraphs, headings, cells, ``<br>``) break the line.
"""

from __future__ import annotations

from html.parser import HTMLParser

# content never shown as text
HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "iframe"})
# elements that start a new line of text
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    "body",
})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._hidden: list[str] = []  # the open hidden elements, innermost last

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "body":
            self._hidden.clear()  # a <head> never closed ends where the body starts
        if tag in HIDDEN:
            self._hidden.append(tag)
        elif tag in BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag in BLOCKS:  # <br/>, <hr/>
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass
        elif tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._line.append(data)

    def _break(self) -> None:
        # whitespace in HTML source is layout, not text: collapse it as a browser does
        line = " ".join("".join(self._line).split())
        if line:
            self.lines.append(line)
        self._line = []


def body_text(html: str) -> str:
    """The page's visible text, one line per block element."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser._break()
    return "\n".join(parser.lines)
