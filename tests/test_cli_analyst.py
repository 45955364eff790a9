"""The analyst's command line (issue 13), run as a user runs it: the installed script in a
subprocess, on real sentences, with real pipes, files and (where it matters) a terminal."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsstats.model import COLUMNS

NEWSSTATS = Path(sys.executable).parent / "newsstats"
# real sentences (../shared/corpus/train and the project's own examples)
DONATION = "辽宁绥四建设集团捐款100万元。"
EXPORTS = "其中，出口1.35万亿元，同比增长11.1%。"


def run(
    *args: str | Path, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [str(NEWSSTATS), *map(str, args)],
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def on_terminal(*args: str | Path, columns: int = 100) -> tuple[int, str]:
    """Run with stdin and stdout a pseudo-terminal ``columns`` wide: what a user sees."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [str(NEWSSTATS), *map(str, args)],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the program has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=120)
    assert process.stderr is not None
    process.stderr.close()
    return process.returncode, b"".join(chunks).decode("utf-8", "replace")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- 1. conventions --------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["extract"], ["check"], ["summary"], ["show"]])
def test_h_is_help(command: list[str]) -> None:
    short, long = run(*command, "-h"), run(*command, "--help")
    assert short.returncode == 0, short.stderr
    assert short.stdout == long.stdout
    assert "Usage: newsstats" in short.stdout


def test_no_path_reads_piped_stdin() -> None:
    result = run("extract", "-f", "jsonl", "-q", stdin=DONATION)
    assert result.returncode == 0, result.stderr
    [row] = jsonl(result.stdout)
    assert (row["file"], row["text"], row["value"]) == ("-", "100万元", 1000000)


def test_no_path_on_a_terminal_is_a_usage_error() -> None:
    status, shown = on_terminal("extract")
    assert status == 2
    # stdin was never waited on: the run ended by itself with the usage error (on stderr)


def test_jsonl_on_stdin_is_detected() -> None:
    lines = "\n".join(
        json.dumps({"text": text}, ensure_ascii=False) for text in (DONATION, EXPORTS)
    )
    result = run("extract", "-f", "jsonl", "-q", stdin=lines + "\n\n")
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    assert [(row["file"], row["text"]) for row in rows] == [
        ("-#1", "100万元"), ("-#2", "1.35万亿元"), ("-#2", "11.1%")
    ]


def test_text_with_one_json_line_is_still_text() -> None:
    mixed = DONATION + "\n" + json.dumps({"text": EXPORTS}, ensure_ascii=False)
    rows = jsonl(run("extract", "-", "-f", "jsonl", "-q", stdin=mixed).stdout)
    assert {row["file"] for row in rows} == {"-"}


def test_input_format_forces_jsonl_and_text(tmp_path: Path) -> None:
    archive = write(tmp_path / "articles.txt", json.dumps({"body": DONATION}, ensure_ascii=False))
    forced = run("extract", archive, "--input-format", "jsonl", "--jsonl-text", "body",
                 "-f", "jsonl", "-q")
    assert forced.returncode == 0, forced.stderr
    assert [row["file"] for row in jsonl(forced.stdout)] == [f"{archive}#1"]
    piped = json.dumps({"text": DONATION}, ensure_ascii=False)
    as_text = run("extract", "--input-format", "text", "-f", "jsonl", "-q", stdin=piped)
    assert [row["file"] for row in jsonl(as_text.stdout)] == ["-"]


def test_json_array_of_articles_reads_like_jsonl(tmp_path: Path) -> None:
    articles = [{"id": "a", "text": DONATION}, {"id": "b", "text": EXPORTS}]
    archive = write(tmp_path / "articles.json", json.dumps(articles, ensure_ascii=False))
    result = run("extract", archive, "--jsonl-id", "id", "-f", "jsonl", "-q")
    assert result.returncode == 0, result.stderr
    assert [row["file"] for row in jsonl(result.stdout)] == [
        f"{archive}#a", f"{archive}#b", f"{archive}#b"
    ]


def test_json_that_is_not_articles_is_an_error(tmp_path: Path) -> None:
    result = run("extract", write(tmp_path / "n.json", "[1, 2]"), "-f", "jsonl", "-q")
    assert result.returncode == 1
    assert "n.json#1: not a JSON object but int" in result.stderr


def test_folder_matching_no_input_warns_and_fails(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", DONATION)
    result = run("extract", tmp_path, "-f", "csv")
    assert result.returncode == 1
    assert f"newsstats: {tmp_path}: no input: no file below it matches *.txt" in result.stderr
    assert run("extract", tmp_path, "--glob", "*.md", "-q").returncode == 0


HTML_PAGE = """<!doctype html><html><head><title>标题100</title>
<style>p { width: 200px }</style><script>var total = 300;</script></head>
<body><nav>首页</nav><p>辽宁绥四建设集团<b>捐款</b>100万元。</p>
<p>其中，出口1.35万亿元，&nbsp;同比增长11.1%。</p></body></html>"""


def test_html_is_read_as_its_body_text(tmp_path: Path) -> None:
    page = write(tmp_path / "page.html", HTML_PAGE)
    result = run("extract", tmp_path, "-f", "jsonl", "-q")  # a folder: .html is found too
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    assert [row["text"] for row in rows] == ["100万元", "1.35万亿元", "11.1%"]
    assert rows[0]["file"] == str(page)
    # inline <b> does not break the sentence; script, style and title are not text
    assert rows[0]["sentence"] == DONATION


# --- 2. output -------------------------------------------------------------------------------


def test_columns_chooses_and_orders(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", DONATION)
    [full] = jsonl(run("extract", article, "-f", "jsonl", "-q").stdout)
    result = run("extract", article, "--columns", "text,value,unit,entity,file", "-f", "csv")
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["text", "value", "unit", "entity", "file"],
        ["100万元", "1000000", "元", full["entity"] or "", str(article)],
    ]


def test_no_sentence_drops_only_the_sentence(tmp_path: Path) -> None:
    result = run("extract", write(tmp_path / "a.txt", DONATION), "--no-sentence", "-f", "json")
    [record] = json.loads(result.stdout)
    assert tuple(record) == tuple(column for column in COLUMNS if column != "sentence")


def test_unknown_column_is_a_usage_error(tmp_path: Path) -> None:
    result = run("extract", write(tmp_path / "a.txt", DONATION), "--columns", "text,amount")
    assert result.returncode == 2
    assert "'amount'" in result.stderr


def test_tsv_keeps_one_line_per_row(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "辽宁绥四建设集团\t捐款100万元。")
    result = run("extract", article, "-f", "tsv", "-q")
    header, line = result.stdout.splitlines()
    assert header.split("\t") == list(COLUMNS)
    cells = dict(zip(COLUMNS, line.split("\t"), strict=True))
    assert (cells["text"], cells["value"]) == ("100万元", "1000000")
    assert cells["sentence"] == "辽宁绥四建设集团 捐款100万元。"  # the tab became a space


@pytest.mark.parametrize(("name", "first"), [("out.tsv", "file\tstart"), ("out.csv", "file,start")])
def test_output_extension_chooses_the_format(tmp_path: Path, name: str, first: str) -> None:
    target = tmp_path / name
    result = run("extract", write(tmp_path / "a.txt", DONATION), "-o", target, "-q")
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith(first)


@pytest.mark.parametrize("name", ["out.xls", "out.txt", "out.parq"])
def test_unknown_output_extension_is_a_usage_error(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = run("extract", write(tmp_path / "a.txt", DONATION), "-o", target)
    assert result.returncode == 2
    assert "add -f FORMAT" in result.stderr
    assert not target.exists()
    forced = run("extract", write(tmp_path / "a.txt", DONATION), "-o", target, "-f", "csv", "-q")
    assert forced.returncode == 0


def xlsx_rows(path: Path) -> list[tuple]:
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(path).active
    return sheet, [tuple(cell.value for cell in line) for line in sheet.iter_rows()]


def test_xlsx_is_a_typed_workbook(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "2024年5月1日，" + EXPORTS + "\n" + "=1+1 共12人。")
    target = tmp_path / "out.xlsx"
    result = run("extract", article, "-o", target, "--date", "2025-07-11", "-q")
    assert result.returncode == 0, result.stderr
    sheet, rows = xlsx_rows(target)
    header, *body = rows
    assert header == COLUMNS
    records = [dict(zip(header, line, strict=True)) for line in body]
    exports = next(r for r in records if r["text"] == "1.35万亿元")
    assert exports["value"] == 1.35e12 and isinstance(exports["start"], int)
    assert exports["file"] == str(article) and exports["sentence"].startswith("2024年5月1日")
    assert exports["period_norm"] == datetime.datetime(2024, 5, 1)  # an ISO date: a date cell
    assert exports["value_max"] is None  # missing is an empty cell, not "None"
    # text stays text: a cell starting "=" is not a formula
    assert any(str(r["sentence"]).startswith("=1+1") for r in records)
    assert sheet.freeze_panes == "A2"
    widths = {sheet.cell(1, i + 1).column_letter: sheet.column_dimensions[
        sheet.cell(1, i + 1).column_letter].width for i in range(len(COLUMNS))}
    assert widths["D"] > len("1.35万亿元")  # the text column is fitted to its content


def test_xlsx_to_a_pipe_and_not_to_a_terminal(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", DONATION)
    result = subprocess.run(
        [str(NEWSSTATS), "extract", str(article), "-f", "xlsx", "-q"],
        capture_output=True, timeout=120, check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith(b"PK")  # a zip: the workbook
    status, shown = on_terminal("extract", article, "-f", "xlsx")
    assert status == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_xlsx_opens_in_libreoffice(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", EXPORTS)
    workbook = tmp_path / "out.xlsx"
    assert run("extract", article, "-o", workbook, "-q").returncode == 0
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
         str(tmp_path / "csv"), str(workbook)],
        capture_output=True, timeout=300, check=False,
    )
    assert converted.returncode == 0, converted.stderr
    rows = list(csv.DictReader(io.StringIO(
        (tmp_path / "csv" / "out.csv").read_text(encoding="utf-8"))))
    assert [row["text"] for row in rows] == ["1.35万亿元", "11.1%"]  # Chinese intact
    assert rows[0]["value"] == "1350000000000"  # a number, shown as one: no quote, no exponent
    assert rows[0]["sentence"] == EXPORTS


@pytest.mark.parametrize(
    ("where", "texts"),
    [
        (["dimension=currency"], ["1.35万亿元", "100万元"]),
        (["dimension=percent,currency", "value>=1e9"], ["1.35万亿元"]),
        (["unit=%"], ["11.1%"]),
        (["value<100"], ["11.1%"]),
        (["approx!=exact"], []),
    ],
)
def test_where_filters_rows(tmp_path: Path, where: list[str], texts: list[str]) -> None:
    article = write(tmp_path / "a.txt", EXPORTS + DONATION)
    args = [arg for condition in where for arg in ("--where", condition)]
    result = run("extract", article, *args, "-f", "jsonl", "-q")
    assert result.returncode == 0, result.stderr
    assert [row["text"] for row in jsonl(result.stdout)] == texts


def test_where_on_text_fields_splits_the_rows(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", EXPORTS + DONATION)

    def texts(*where: str) -> list[str]:
        args = [arg for condition in where for arg in ("--where", condition)]
        return [row["text"] for row in jsonl(run("extract", article, *args, "-f", "jsonl").stdout)]

    every = jsonl(run("extract", article, "-f", "jsonl", "-q").stdout)
    entity = next(row["entity"] for row in every if row["entity"])
    having = [row["text"] for row in every if row["entity"] == entity]
    assert texts(f"entity={entity}") == having
    assert texts(f"entity~{entity[1:]}") == [
        row["text"] for row in every if row["entity"] and entity[1:] in row["entity"]
    ]
    assert texts(f"entity!={entity}") == [row["text"] for row in every if row["text"] not in having]
    assert texts("entity=") + texts("entity!=") != []
    assert sorted(texts("entity=") + texts("entity!=")) == sorted(row["text"] for row in every)


@pytest.mark.parametrize("where", ["amount=1", "unit>=3", "value>=lots", "dimension"])
def test_bad_where_is_a_usage_error(tmp_path: Path, where: str) -> None:
    result = run("extract", write(tmp_path / "a.txt", DONATION), "--where", where)
    assert result.returncode == 2
    assert "--where" in result.stderr


# --- 3. summary ------------------------------------------------------------------------------


def test_summary_csv_counts_and_totals(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", EXPORTS + DONATION)
    other = write(tmp_path / "b.txt", DONATION)
    every = jsonl(run("extract", article, other, "-f", "jsonl", "-q").stdout)
    result = run("summary", article, other, "-f", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "newsstats: 2 articles read, 4 statistics\n"
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    counts = {(row["group"], row["key"]): row for row in rows}
    assert counts[("dimension", "currency")]["mentions"] == "3"
    assert counts[("dimension", "percent")]["mentions"] == "1"
    # money in one unit adds up; percentages do not
    assert counts[("unit", "元")]["total"] == str(1_350_000_000_000 + 2 * 1_000_000)
    assert counts[("unit", "%")]["total"] == ""
    assert counts[("article", str(article))]["mentions"] == "3"
    entities = {row["entity"] for row in every if row["entity"]}
    assert {key for group, key in counts if group == "entity"} == entities


def test_summary_json_top_n_and_where(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", EXPORTS + DONATION)
    other = write(tmp_path / "b.txt", DONATION)
    result = run("summary", article, other, "-f", "json", "-n", "1", "-w", "dimension=currency")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["articles"], record["mentions"], record["failed"]) == (2, 3, 0)
    assert record["dimension"] == [{"key": "currency", "mentions": 3}]
    assert record["article"] == [{"key": str(article), "mentions": 2}]  # the top 1 only
    assert len(record["entity"]) <= 1


def test_summary_on_a_terminal_draws_the_top_entities(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", EXPORTS + DONATION)
    every = jsonl(run("extract", article, "-f", "jsonl", "-q").stdout)
    status, shown = on_terminal("summary", article, "-q")
    assert status == 0
    assert "by dimension" in shown and "top entity by mentions" in shown
    top = max({row["entity"] for row in every if row["entity"]},
              key=lambda e: sum(row["entity"] == e for row in every))
    [bar_line] = [line for line in shown.splitlines() if top in line and "█" in line]
    assert bar_line


def test_summary_output_extension(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", DONATION)
    target = tmp_path / "counts.json"
    assert run("summary", article, "-o", target, "-q").returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["mentions"] == 1
    assert run("summary", article, "-o", tmp_path / "counts.xlsx").returncode == 2


# --- 4. the terminal table, and check ----------------------------------------------------------

LONG = (
    "澳门特别行政区政府统计暨普查局公布，2024年全年澳门特别行政区入境旅客达到34925000人次，"
    "其中，出口1.35万亿元，同比增长11.1%。"
)


@pytest.mark.parametrize("width", [60, 100, 200])
def test_table_fits_the_terminal_and_never_wraps(tmp_path: Path, width: int) -> None:
    article = write(tmp_path / "a.txt", LONG)
    rows = jsonl(run("extract", article, "-f", "jsonl", "-q").stdout)
    status, shown = on_terminal("extract", article, "-q", columns=width)
    assert status == 0
    from rich.cells import cell_len

    lines = [line.rstrip() for line in shown.splitlines() if line.startswith(("┃", "│"))]
    assert all(cell_len(_plain(line)) <= width for line in lines)
    header, *body = lines
    assert len(body) == len(rows)  # one line a row: nothing wrapped
    names = [cell.strip() for cell in _plain(header).split("┃")[1:-1]]
    assert names[0] == "text"
    from newsstats.output import table_priority

    assert names == table_priority()[: len(names)]  # the columns that fit, by priority
    if width >= 100:
        assert names[:4] == ["text", "value", "unit", "entity"]
    # each cell is the whole value, or its start cut with "…"
    for line, row in zip(body, rows, strict=True):
        cells = [cell.strip() for cell in _plain(line).split("│")[1:-1]]
        for name, cell in zip(names, cells, strict=True):
            value = "" if row[name] is None else str(row[name])
            assert cell == value or (cell.endswith("…") and value.startswith(cell[:-1])), name


def _plain(line: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", line)


CONTRADICTING = (
    "全省行业协会商会累计向受灾地区捐赠款物2543万元，其中，捐赠资金1354万元，"
    "捐赠物资价值1289万元。"
)


@pytest.mark.parametrize("chosen", ["csv", "tsv", "json", "jsonl"])
def test_check_formats_carry_the_sentence(tmp_path: Path, chosen: str) -> None:
    bad = write(tmp_path / "bad.txt", CONTRADICTING)
    target = tmp_path / f"findings.{chosen}"
    result = run("check", bad, "-o", target)
    assert result.returncode == 1
    assert result.stderr == "newsstats: 1 article checked, 1 finding, 0 failed\n"
    text = target.read_text(encoding="utf-8")
    if chosen == "json":
        [finding] = json.loads(text)
    elif chosen == "jsonl":
        [finding] = jsonl(text)
    else:
        [finding] = csv.DictReader(io.StringIO(text), dialect="excel-tab" if chosen == "tsv"
                                   else "excel")
    assert finding["kind"] == "parts_total"
    assert finding["first_sentence"] == CONTRADICTING
    assert finding["first_text"] == "2543万元"


def test_check_quiet_and_table(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", DONATION)
    quiet = run("check", good, "-q")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    bad = write(tmp_path / "bad.txt", CONTRADICTING)
    status, shown = on_terminal("check", bad, columns=200)
    assert status == 1
    assert "parts_total" in shown and "sentence" in shown and "2543万元" in shown


# --- 5. show: the statistics marked in their text ---------------------------------------------


def page_marks(page: str) -> list[dict[str, str]]:
    """Every <mark> of the page: its attributes and the text inside it."""
    from html.parser import HTMLParser

    marks: list[dict[str, str]] = []

    class Marks(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            if tag == "mark":
                marks.append(dict(attrs) | {"": ""})
                self.inside = True

        def handle_endtag(self, tag):
            self.inside = self.inside and tag != "mark"

        def handle_data(self, data):
            if self.inside:
                marks[-1][""] += data

    Marks().feed(page)
    return marks


RESTATED = "全省有党员19.8万名。其中，全省19.8万名党员参加培训。" + EXPORTS


def test_show_marks_every_statistic_with_its_fields(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", RESTATED)
    rows = jsonl(run("extract", article, "-f", "jsonl", "-q").stdout)
    target = tmp_path / "page.html"
    result = run("show", article, "-o", target)
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    marks = page_marks(page)
    assert [mark[""] for mark in marks] == [row["text"] for row in rows]
    for mark, row in zip(marks, rows, strict=True):
        assert mark["data-value"] == str(row["value"])
        assert mark["data-unit"] == row["unit"] and mark["data-dimension"] == row["dimension"]
        assert mark["class"] == f"dim-{row['dimension']}"
        assert f"unit: {row['unit']}" in mark["data-tip"]
    # the restated figure links to its first mention, and every mark to its table row
    assert rows[1]["repeat_of"] == 0 and 'href="#m0-0"' in page
    assert all(f'id="r0-{index}"' in page for index in range(len(rows)))
    # self-contained: nothing fetched, no script
    assert "<script" not in page and "src=" not in page and "http" not in page


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


HEADLESS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
]


@pytest.mark.skipif(chromium() is None, reason="no Chromium (apt-get install chromium)")
def test_show_renders_in_chromium(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", RESTATED)
    rows = jsonl(run("extract", article, "-f", "jsonl", "-q").stdout)
    page = tmp_path / "page.html"
    assert run("show", article, "-o", page).returncode == 0
    # What the browser drew: the test appends a script that writes, into the DOM it dumps,
    # how many marks are painted with a background of their own.
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", (
        "<script>const marks = [...document.querySelectorAll('mark')];"
        "document.body.dataset.marks = marks.length;"
        "document.body.dataset.painted = marks.filter(m => "
        "getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)' && "
        "m.getBoundingClientRect().width > 0).length;</script></body>")), encoding="utf-8")
    profile = tmp_path / "profile"
    dumped = subprocess.run(
        [chromium(), *HEADLESS, f"--user-data-dir={profile}", "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert dumped.returncode == 0, dumped.stderr
    assert f'data-marks="{len(rows)}"' in dumped.stdout
    assert f'data-painted="{len(rows)}"' in dumped.stdout
    shot = tmp_path / "page.png"
    subprocess.run(
        [chromium(), *HEADLESS, f"--user-data-dir={profile}", f"--screenshot={shot}",
         "--window-size=900,700", page.as_uri()],
        capture_output=True, timeout=120, check=False,
    )
    assert shot.read_bytes().startswith(b"\x89PNG")
