"""The command line for context (issue 4): `--date`, `--unique` and `newsstats check`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsstats.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TOTAL = (
    "全省行业协会商会累计向受灾地区捐赠款物2543万元，其中，捐赠资金1254万元，捐赠物资价值1289万元。"
)

runner = CliRunner()


def run(*args: str | Path):
    return runner.invoke(app, [*map(str, args)])


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_date_resolves_relative_periods(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "今年以来，全省新增企业300家。")
    result = run("extract", "-f", "jsonl", "--date", "2025-07-11", article)
    assert result.exit_code == 0, result.stderr
    [row] = jsonl(result.stdout)
    assert (row["period"], row["period_norm"]) == ("今年以来", "2025-01-01/2025-07-11")


def test_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "全省新增企业300家。")
    result = run("extract", "--date", "11/07/2025", article)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_unique_leaves_out_restated_figures(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "全省有党员19.8万名。其中，全省19.8万名党员参加培训。")
    everything = jsonl(run("extract", "-f", "jsonl", article).stdout)
    first = jsonl(run("extract", "-f", "jsonl", "--unique", article).stdout)
    assert [row["repeat_of"] for row in everything] == [None, 0]
    assert [row["text"] for row in first] == ["19.8万名"]


def test_new_columns_come_after_the_old_ones(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "截至2024年底，全省有党支部705个。")
    [row] = jsonl(run("extract", "-f", "jsonl", article).stdout)
    assert list(row)[-7:] == ["sentence", "period", "period_norm", "place", "place_norm",
                              "place_code", "repeat_of"]
    # 全省 of an article that names no province: neither path nor code
    assert (row["period_norm"], row["place"], row["place_norm"], row["place_code"]) == (
        "2024-12-31", "全省", None, None)


def test_places_are_coded_in_every_format(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "受美国关税政策等因素影响，预计2025年德国经济仅增长0.1%。")
    [row] = jsonl(run("extract", "-f", "jsonl", article).stdout)
    assert (row["place"], row["place_norm"], row["place_code"]) == ("德国", "德国", "DE")
    table = run("extract", "-f", "csv", article).stdout.splitlines()
    header = table[0].split(",")
    assert header[header.index("place_norm") + 1] == "place_code"
    assert table[1].split(",")[header.index("place_code")] == "DE"


def test_check_finds_nothing_in_the_samples() -> None:
    result = run("check", "-f", "jsonl", SAMPLES)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""


def test_check_reports_parts_that_do_not_add_up(tmp_path: Path) -> None:
    good = write(tmp_path / "a_good.txt", TOTAL)
    bad = write(tmp_path / "b_bad.txt", TOTAL.replace("1254万元", "1354万元"))
    result = run("check", "-f", "jsonl", good, bad)
    assert result.exit_code == 1
    [finding] = jsonl(result.stdout)
    assert finding["file"] == str(bad)
    assert finding["kind"] == "parts_total"
    assert (finding["first_start"], finding["first_text"]) == (TOTAL.index("2543"), "2543万元")
    assert finding["second_text"] == "1289万元"


def test_check_table_names_both_mentions(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", TOTAL + "省总结会上通报，全省行业协会商会捐赠款物2600万元。")
    result = run("check", "-f", "table", bad)
    assert result.exit_code == 1
    assert "contradiction" in result.stdout and "2600万元" in result.stdout


def test_check_reports_a_missing_file_and_goes_on(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", TOTAL.replace("2543万元", "2643万元"))
    result = run("check", "-f", "jsonl", tmp_path / "missing.txt", bad)
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr
    assert [f["kind"] for f in jsonl(result.stdout)] == ["parts_total"]
