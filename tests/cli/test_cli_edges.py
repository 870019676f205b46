"""Exact command-line edges: --version, missing folders, extensions, options that do not apply,
the default kind, plural forms, one wording for folders, and plans told apart by number."""
from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from lcplanner.cli import DEFAULT_KIND, main
from tests.support import FIXTURES, folder_state, one_line, run_cli

README = Path(__file__).resolve().parents[2] / "README.md"
ONE_GROUP = """Eastfold Council Partnership

Delivery Plan 2025/26

1. Resources Directorate

Digital Services
• Replace the payroll system by the autumn
• Open a single front door for council enquiries
"""


@pytest.fixture
def store_file(sample_store, store_path):
    sample_store.close()
    return store_path


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"lcplanner {version('lcplanner')}\n"


# --- a missing folder: the same refusal for import and export --------------------------------


def test_import_into_a_missing_folder_is_refused(capsys, tmp_path):
    target = tmp_path / "nodir" / "x.lcplan"
    code, out, err = run_cli(capsys, "import", FIXTURES / "paper_directorate.txt", "--into",
                             target)
    assert code == 2 and out == ""
    assert one_line(err) == f"lcplanner: The folder {target.parent} does not exist."
    assert not target.parent.exists()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_export_into_a_missing_folder_is_refused_alike(capsys, store_file, tmp_path, fmt):
    target = tmp_path / "nodir" / f"x.{fmt}"
    code, out, err = run_cli(capsys, "export", fmt, store_file, "-o", target)
    assert code == 2 and out == ""
    assert one_line(err) == (f"lcplanner: The folder {target.parent} does not exist. "
                             "Nothing was written.")
    assert not target.parent.exists()


# --- extensions -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, name, expected", [
    ("docx", "b.pdf", ".docx, the extension of a Word file"),
    ("pdf", "b.docx", ".pdf, the extension of a PDF file"),
    ("docx", "paper", ".docx, the extension of a Word file"),
])
def test_an_extension_that_is_not_the_formats_is_refused(capsys, store_file, tmp_path, fmt,
                                                         name, expected):
    before = folder_state(tmp_path)
    code, _, err = run_cli(capsys, "export", fmt, store_file, "-o", tmp_path / name)
    assert code == 2
    assert one_line(err) == (f"lcplanner: {tmp_path / name} does not end in {expected}. "
                             "Use --force to write it anyway. Nothing was written.")
    assert folder_state(tmp_path) == before


def test_force_writes_under_a_name_of_the_users_choosing(capsys, store_file, tmp_path):
    import docx

    target = tmp_path / "B.PDF"
    code, out, err = run_cli(capsys, "export", "docx", store_file, "-o", target, "--force")
    assert code == 0, err
    assert docx.Document(str(target)).core_properties.title == "Business Plan 2026/27"
    upper = tmp_path / "PAPER.DOCX"  # the extension is compared without case
    assert run_cli(capsys, "export", "docx", store_file, "-o", upper)[0] == 0


# --- options that do not apply are errors -----------------------------------------------------


@pytest.mark.parametrize("argv, message", [
    (["docx", "--portfolio", "2"], "--portfolio applies to --kind portfolio only (the kind "
                                   "is plan)"),
    (["pdf", "--kind", "timeline", "--portfolio", "1"],
     "--portfolio applies to --kind portfolio only (the kind is timeline)"),
    (["docx", "--tagged"], "--tagged applies to PDF exports only"),
    (["docx", "--kind", "timeline", "--paper", "a3"],
     "--paper a3 applies to PDF timelines (--kind timeline) only"),
    (["docx", "--kind", "portfolio"], "--kind portfolio needs --portfolio N"),
])
def test_an_option_that_does_not_apply_is_an_error(capsys, store_file, tmp_path, argv, message):
    fmt, *rest = argv
    before = folder_state(tmp_path)
    code, out, err = run_cli(capsys, "export", fmt, store_file, "-o", tmp_path / f"x.{fmt}",
                             *rest)
    assert code == 2 and out == ""
    assert one_line(err) == f"lcplanner: {message}"
    assert folder_state(tmp_path) == before


def test_the_default_kind_is_named_in_help_and_readme(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"what to export (default: {DEFAULT_KIND})" in text
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert f"The default kind is `{DEFAULT_KIND}`" in readme


def test_the_default_kind_is_what_is_exported(capsys, store_file, tmp_path):
    import docx

    paths = {kind: tmp_path / f"{kind}.docx" for kind in (None, DEFAULT_KIND)}
    for kind, path in paths.items():
        extra = ["--kind", kind] if kind else []
        assert run_cli(capsys, "export", "docx", store_file, "-o", path, *extra)[0] == 0
    texts = [[p.text for p in docx.Document(str(path)).paragraphs] for path in paths.values()]
    assert texts[0] == texts[1] and len(texts[0]) > 20


# --- plural forms -----------------------------------------------------------------------------


def test_import_summary_counts_in_the_singular_for_one(capsys, tmp_path):
    source = tmp_path / "one.txt"
    source.write_text(ONE_GROUP, encoding="utf-8")
    code, out, err = run_cli(capsys, "import", source, "--into", tmp_path / "one.lcplan")
    assert code == 0, err
    assert out.endswith(": 1 portfolio, 1 service group, 2 priorities.\n")


def test_counted_for_every_count_key():
    from lcplanner.domain.counts import COUNT_KEYS, counted

    singular = [counted(1, key) for key in COUNT_KEYS]
    assert singular == [
        "1 portfolio", "1 service group", "1 priority", "1 output", "1 sub-point",
        "1 objective", "1 sub-priority", "1 milestone", "1 milestone tag", "1 theme",
        "1 pledge area", "1 pledge", "1 work area", "1 policy event", "1 recommendation",
        "1 narrative section"]
    assert counted(2, "sub_priorities") == "2 sub-priorities"
    assert counted(0, "service_groups") == "0 service groups"


def test_no_plural_after_one_anywhere_in_the_output(capsys, tmp_path):
    source = tmp_path / "one.txt"
    source.write_text(ONE_GROUP, encoding="utf-8")
    store = tmp_path / "one.lcplan"
    outputs = []
    for argv in (["import", source, "--into", store, "--dry-run"],
                 ["import", source, "--into", store], ["stats", store], ["backups", store]):
        code, out, err = run_cli(capsys, *argv)
        assert code == 0, err
        outputs.append(out)
    text = "\n".join(outputs)
    assert not re.search(r"\b1 (portfolios|service groups|priorities|plans|backups)\b", text)


# --- one wording for a folder where a file belongs -------------------------------------------


def _folder_cases(store: Path, folder: Path, backup: Path):
    paper = FIXTURES / "paper_directorate.txt"
    return {
        "import source": (["import", folder, "--into", store], "a paper"),
        "import into": (["import", paper, "--into", folder], "an lcplanner store"),
        "stats": (["stats", folder], "an lcplanner store"),
        "backups": (["backups", folder], "an lcplanner store"),
        "restore from": (["restore", folder, "--into", store], "a backup"),
        "restore into": (["restore", backup, "--into", folder], "an lcplanner store"),
        "export from": (["export", "docx", folder, "-o", folder.parent / "x.docx"],
                        "an lcplanner store"),
        "export to": (["export", "pdf", store, "-o", folder], "a file"),
        "template": (["export", "docx", store, "-o", folder.parent / "x.docx", "--template",
                      folder], "a Word template"),
    }


@pytest.mark.parametrize("case", ["import source", "import into", "stats", "backups",
                                  "restore from", "restore into", "export from", "export to",
                                  "template"])
def test_a_folder_gets_the_same_wording_everywhere(capsys, store_file, tmp_path, case):
    from lcplanner.store.backup import backup_before

    folder = tmp_path / "folder.lcplan"
    folder.mkdir()
    backup = backup_before(store_file, reason="test")
    argv, what = _folder_cases(store_file, folder, backup)[case]
    before = folder_state(tmp_path)
    code, out, err = run_cli(capsys, *argv)
    assert code == 2, out
    line = one_line(err)
    assert re.fullmatch(rf"lcplanner: \S*folder\.lcplan is a folder, not {what}\.( Nothing "
                        r"was written\.)?", line), line
    assert folder_state(tmp_path) == before


# --- plans told apart by number ---------------------------------------------------------------


@pytest.fixture
def twins(capsys, tmp_path, store_target):
    """A store holding two plans with the same title (a paper and its revision), in a file and
    in a server database."""
    store = store_target
    first = FIXTURES / "paper_directorate.txt"
    revised = tmp_path / "revised.txt"
    revised.write_text(first.read_text(encoding="utf-8").replace(
        "Move all pass applications online", "Move all pass renewals to a postal service"),
        encoding="utf-8")
    for source in (first, revised):
        assert run_cli(capsys, "import", source, "--into", store)[0] == 0
    return store


def test_stats_numbers_the_plans(capsys, twins):
    code, out, _ = run_cli(capsys, "stats", twins)
    assert code == 0
    headings = [line for line in out.splitlines() if not line.startswith(" ")]
    assert headings == ["#1  Corporate Plan 2024/25", "#2  Corporate Plan 2024/25"]
    code, out, _ = run_cli(capsys, "stats", twins, "--json")
    assert [(p["number"], p["title"]) for p in json.loads(out)["plans"]] == [
        (1, "Corporate Plan 2024/25"), (2, "Corporate Plan 2024/25")]


def test_repeated_titles_say_how_to_choose(capsys, twins, tmp_path):
    target = tmp_path / "p.docx"
    code, _, err = run_cli(capsys, "export", "docx", twins, "-o", target, "--plan", "2024/25")
    assert code == 2 and not target.exists()
    assert one_line(err) == ("lcplanner: 2 plans match '2024/25' (#1 Corporate Plan 2024/25; "
                             "#2 Corporate Plan 2024/25); use --plan #N to choose one")
    code, _, err = run_cli(capsys, "export", "docx", twins, "-o", target)
    assert code == 2 and "choose one with --plan MATCH or --plan #N (#1 Corporate" in \
        one_line(err)


@pytest.mark.parametrize("number, present, absent", [
    ("#1", "Move all pass applications online", "postal service"),
    ("#2", "Move all pass renewals to a postal service", "applications online"),
    ("# 2", "postal service", "applications online"),
])
def test_plan_by_number(capsys, twins, tmp_path, number, present, absent):
    import docx

    target = tmp_path / "p.docx"
    code, out, err = run_cli(capsys, "export", "docx", twins, "-o", target, "--plan", number)
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert present in text and absent not in text


def test_a_plan_number_out_of_range(capsys, twins, tmp_path):
    code, _, err = run_cli(capsys, "export", "pdf", twins, "-o", tmp_path / "p.pdf", "--plan",
                           "#3")
    assert code == 2
    assert one_line(err) == ("lcplanner: there is no plan #3: the store holds 2 plans (see "
                             "'lcplanner stats')")
