"""The command-line contract: output shapes and exit codes 0, 2 and 1."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lcplanner.cli import main
from lcplanner.domain.counts import COUNT_KEYS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_stats_json_has_every_key(capsys, sample_store, store_path):
    sample_store.close()
    code, out, err = run(capsys, "stats", str(store_path), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [p["title"] for p in report["plans"]] == ["Business Plan 2026/27"]
    counts = report["plans"][0]["counts"]
    assert set(counts) == set(COUNT_KEYS)
    assert counts["portfolios"] == 4 and counts["outputs"] == 19 and counts["milestones"] == 9
    assert counts["work_areas"] == 9 and counts["recommendations"] == 3


def test_stats_text(capsys, sample_store, store_path):
    sample_store.close()
    code, out, _ = run(capsys, "stats", str(store_path))
    assert code == 0
    assert out.startswith("Business Plan 2026/27\n") and "outputs" in out


def test_stats_of_a_missing_file_exits_2_and_creates_nothing(capsys, tmp_path):
    missing = tmp_path / "nope.lcplan"
    code, _, err = run(capsys, "stats", str(missing))
    assert code == 2 and "does not exist" in one_line(err)
    assert not missing.exists()


def test_stats_of_a_memo_exits_2(capsys, tmp_path):
    memo = tmp_path / "memo.lcplan"
    memo.write_text("Dear all, the kitchen will be closed on Friday.")
    code, _, err = run(capsys, "stats", str(memo))
    assert code == 2 and "not an lcplanner store" in one_line(err)


def test_usage_errors_exit_2_with_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "stats")
    assert code == 2 and "required" in one_line(err)
    code, _, err = run(capsys, "export", "odt", "x", "-o", "y")
    assert code == 2 and "invalid choice" in one_line(err)
    code, _, err = run(capsys, "import", "a.txt")
    assert code == 2 and "--into" in one_line(err)


def test_export_portfolio_needs_a_number(capsys, sample_store, store_path, tmp_path):
    sample_store.close()
    out = tmp_path / "p.docx"
    code, _, err = run(capsys, "export", "docx", str(store_path), "-o", str(out),
                       "--kind", "portfolio")
    assert code == 2 and "--portfolio N" in one_line(err)
    assert not out.exists()


def test_export_unknown_plan_exits_2(capsys, sample_store, store_path, tmp_path):
    sample_store.close()
    out = tmp_path / "p.docx"
    code, _, err = run(capsys, "export", "docx", str(store_path), "-o", str(out),
                       "--plan", "1999/00")
    assert code == 2 and "no plan's title contains '1999/00'" in one_line(err)
    assert not out.exists()


def test_entry_point_runs_as_a_module(sample_store, store_path):
    sample_store.close()
    result = subprocess.run([sys.executable, "-m", "lcplanner", "stats", str(store_path),
                             "--json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plans"][0]["counts"]["priorities"] == 7


@pytest.mark.parametrize("argv", [["--help"], ["stats", "--help"]])
def test_help_exits_0(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0
    assert "lcplanner" in capsys.readouterr().out
