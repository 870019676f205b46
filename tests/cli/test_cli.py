"""The command-line contract: output shapes and exit codes 0, 2 and 1."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lcplanner.cli import main
from lcplanner.domain.counts import COUNT_KEYS


from tests.support import one_line, run_cli as run  # noqa: E402


def test_stats_json_has_every_key(capsys, target_sample_store, store_target):
    target_sample_store.close()
    code, out, err = run(capsys, "stats", store_target, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [p["title"] for p in report["plans"]] == ["Business Plan 2026/27"]
    counts = report["plans"][0]["counts"]
    assert set(counts) == set(COUNT_KEYS)
    assert counts["portfolios"] == 4 and counts["outputs"] == 19 and counts["milestones"] == 9
    assert counts["work_areas"] == 9 and counts["recommendations"] == 3


def test_stats_text(capsys, target_sample_store, store_target):
    target_sample_store.close()
    code, out, _ = run(capsys, "stats", store_target)
    assert code == 0
    assert out.startswith("#1  Business Plan 2026/27\n") and "outputs" in out


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


def test_export_unknown_plan_exits_2(capsys, target_sample_store, store_target, tmp_path):
    target_sample_store.close()
    out = tmp_path / "p.docx"
    code, _, err = run(capsys, "export", "docx", store_target, "-o", str(out),
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


# --- import ---------------------------------------------------------------------------------

from tests.support import FIXTURES, seed_path  # noqa: E402


def test_import_dry_run_prints_the_tree_and_writes_nothing(capsys, tmp_path):
    target = tmp_path / "new.lcplan"
    code, out, err = run(capsys, "import", str(FIXTURES / "paper_directorate.txt"), "--into",
                         str(target), "--dry-run")
    assert code == 0, err
    assert "Directorate" in out and "1.1" in out
    assert not target.exists()


def test_import_dry_run_prints_coverage_furniture_and_merges(capsys, tmp_path):
    target = tmp_path / "new.lcplan"
    code, out, err = run(capsys, "import", str(seed_path("000")), "--into", str(target),
                         "--dry-run")
    assert code == 0, err
    assert ("Coverage: words 100.0% (7356 of 7356); sentences stored whole 100.0% (370 of 370); "
            "items run together 0") in out.splitlines()
    assert "Page furniture set aside: 0" in out.splitlines()
    assert "Merged or kept as one: 34" in out.splitlines()
    assert "  merged: the recommendations, printed twice" in out.splitlines()
    assert not target.exists()


def test_import_dry_run_lists_the_page_furniture_it_set_aside(capsys, tmp_path):
    code, out, err = run(capsys, "import", str(FIXTURES / "family" / "caps_directorates.txt"),
                         "--into", str(tmp_path / "new.lcplan"), "--dry-run")
    assert code == 0, err
    lines = out.splitlines()
    assert "Page furniture set aside: 10" in lines
    assert "  line 4: Contents (contents list)" in lines
    assert "  line 27: Page 2 of 4 (page number)" in lines
    assert ("  line 52: Harrowfield Combined Authority | Annual Delivery Plan 2025/26 "
            "(running header or footer)") in lines
    assert "Merged or kept as one: 0" in lines


def test_import_summary_lists_what_was_merged(capsys, tmp_path):
    target = tmp_path / "plans.lcplan"
    source = FIXTURES / "family" / "split_header_summary_appendix.txt"
    code, out, err = run(capsys, "import", str(source), "--into", str(target))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == ("Imported 'Business Plan 2021-22' into plans.lcplan: 2 portfolios, "
                        "4 priorities, 9 outputs, 2 sub-points, 4 recommendations.")
    assert lines[1:] == [
        "  merged: 'Helping residents into better paid work' in Economy and Skills, listed twice",
        "  merged: 'Backing local firms to grow' in Economy and Skills, listed twice",
        "  merged: 'Safer town centres at night' in Communities and Safety, listed twice"]


def test_import_adds_a_plan_and_a_second_import_changes_nothing(capsys, store_target):
    from tests.support import store_label

    target = store_target
    source = FIXTURES / "paper_directorate.txt"
    code, out, err = run(capsys, "import", str(source), "--into", str(target))
    assert code == 0, err
    assert "Imported" in out
    code, out, _ = run(capsys, "stats", str(target), "--json")
    plans = json.loads(out)["plans"]
    assert len(plans) == 1 and plans[0]["counts"]["priorities"] > 0
    code, out, _ = run(capsys, "import", str(source), "--into", str(target))
    assert code == 0 and f"already in {store_label(target)} as" in out
    assert "nothing was changed" in out
    code, out, _ = run(capsys, "stats", str(target), "--json")
    assert len(json.loads(out)["plans"]) == 1


@pytest.mark.parametrize("name, content, message", [
    ("memo.txt", None, "not"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t \n", "empty"),
    ("photo.txt", bytes(range(256)) * 40, "binary"),
])
def test_import_of_bad_input_exits_2_and_writes_nothing(capsys, tmp_path, name, content,
                                                        message):
    source = tmp_path / name
    if content is None:
        source.write_bytes((FIXTURES / "paper_memo.txt").read_bytes())
    else:
        source.write_bytes(content)
    target = tmp_path / "plans.lcplan"
    code, out, err = run(capsys, "import", str(source), "--into", str(target))
    assert code == 2, out
    assert message in one_line(err).lower()
    assert not target.exists()


def test_import_of_a_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "nope.txt"), "--into",
                       str(tmp_path / "x.lcplan"))
    assert code == 2 and "does not exist" in one_line(err)


def test_import_into_a_non_store_exits_2_and_leaves_it(capsys, tmp_path):
    target = tmp_path / "notes.lcplan"
    target.write_text("my notes")
    code, _, err = run(capsys, "import", str(FIXTURES / "paper_directorate.txt"), "--into",
                       str(target))
    assert code == 2 and "not an lcplanner store" in one_line(err)
    assert target.read_text() == "my notes"


def test_seed_2020_21_imports_with_the_counts_a_reader_finds(capsys, store_target):
    seed = seed_path("000")
    target = store_target
    assert main(["import", str(seed), "--into", str(target)]) == 0
    capsys.readouterr()
    assert main(["stats", str(target), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["plans"][0]["counts"]
    assert counts["portfolios"] == 11 and counts["priorities"] == 33
    assert counts["outputs"] == 145 and counts["recommendations"] == 5
    assert 10 <= counts["sub_points"] <= 16


def test_all_three_seeds_share_one_store(capsys, tmp_path):
    target = tmp_path / "plans.lcplan"
    for prefix in ("000", "002", "003"):
        assert main(["import", str(seed_path(prefix)), "--into", str(target)]) == 0
    capsys.readouterr()
    assert main(["stats", str(target), "--json"]) == 0
    plans = json.loads(capsys.readouterr().out)["plans"]
    assert len(plans) == 3
    by_key = {k: sum(p["counts"][k] for p in plans) for k in COUNT_KEYS}
    assert by_key["milestones"] == 26 and by_key["pledges"] == 46 and by_key["work_areas"] == 55
    # an import into an existing store backed it up first
    from lcplanner.store.backup import list_backups
    assert len([b for b in list_backups(target) if b.reason == "import"]) == 2


def test_editor_without_a_display_says_so(capsys, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys)
    assert code == 2 and "no display found" in one_line(err)


# --- import from Word and PDF (told apart by content) ----------------------------------------


def test_import_of_word_and_pdf_papers(capsys, tmp_path):
    from tests.fixtures.make_docx import make_fenwick_pdf, make_harbour

    target = tmp_path / "plans.lcplan"
    for source in (make_harbour(tmp_path / "harbour.bin"), make_fenwick_pdf(tmp_path / "f.txt")):
        code, out, err = run(capsys, "import", str(source), "--into", str(target))
        assert code == 0, err
    code, out, _ = run(capsys, "stats", str(target), "--json")
    counts = [(p["counts"]["portfolios"], p["counts"]["priorities"], p["counts"]["outputs"])
              for p in json.loads(out)["plans"]]
    assert counts == [(2, 3, 7), (2, 3, 7)]


def test_import_dry_run_lists_page_furniture(capsys, tmp_path):
    from tests.fixtures.make_docx import make_fenwick_pdf

    source = make_fenwick_pdf(tmp_path / "fenwick.pdf")
    code, out, err = run(capsys, "import", str(source), "--into", str(tmp_path / "p.lcplan"),
                         "--dry-run")
    assert code == 0, err
    lines = out.splitlines()
    at = lines.index("Page furniture set aside: 4")
    assert lines[at:at + 4] == [
        "Page furniture set aside: 4",
        "  'Fenwick District Council: Business Plan 2025/26' (page 1, page 2)",
        "  'Page 1 of 2' (page 1)", "  'Page 2 of 2' (page 2)"]
    assert lines[at + 4:] == ["Merged or kept as one: 0"]
    assert not (tmp_path / "p.lcplan").exists()


@pytest.mark.parametrize("kind", ["bomb", "entities", "pdf"])
def test_import_of_a_hostile_file_exits_2_and_writes_nothing(capsys, tmp_path, kind):
    import zipfile

    from docx import Document

    source = tmp_path / "paper.docx"
    if kind == "pdf":
        source.write_bytes(b"%PDF-1.5\n1 0 obj << /Type /Catalog >>\ntrailer\n%%EOF\n")
    else:
        good = tmp_path / "good.docx"
        Document().save(good)
        with zipfile.ZipFile(good) as zin, \
                zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if kind == "entities" and item.filename == "word/document.xml":
                    data = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "x">]><w:document/>'
                zout.writestr(item, data)
            if kind == "bomb":
                zout.writestr("word/media/fill.bin", b"\0" * (210 * 2**20))
    target = tmp_path / "plans.lcplan"
    code, out, err = run(capsys, "import", str(source), "--into", str(target))
    assert code == 2 and out == ""
    expected = {"bomb": "zip bomb", "entities": "declares XML entities",
                "pdf": "damaged and cannot be read as a PDF"}[kind]
    assert one_line(err).startswith("lcplanner: paper.docx: The file ")
    assert expected in one_line(err)
    assert not target.exists()


def test_import_of_too_large_a_file_is_refused_at_once(capsys, tmp_path):
    source = tmp_path / "huge.txt"
    with open(source, "wb") as handle:
        handle.truncate(100 * 2**20)
    code, _, err = run(capsys, "import", str(source), "--into", str(tmp_path / "p.lcplan"))
    assert code == 2
    assert one_line(err) == ("lcplanner: huge.txt: The file holds 100 MB, more than the 20 MB "
                             "of text a paper may hold; it was not read.")
    assert not (tmp_path / "p.lcplan").exists()


def test_export_timeline_on_a3_and_paper_only_for_pdf_timelines(capsys, sample_store,
                                                                store_path, tmp_path):
    import pypdf

    sample_store.close()
    out = tmp_path / "t.pdf"
    code, _, _ = run(capsys, "export", "pdf", str(store_path), "-o", str(out),
                     "--kind", "timeline", "--paper", "a3")
    assert code == 0
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)
    for fmt, kind in (("docx", "timeline"), ("pdf", "plan")):
        bad = tmp_path / f"bad.{fmt}"
        code, _, err = run(capsys, "export", fmt, str(store_path), "-o", str(bad),
                           "--kind", kind, "--paper", "a3")
        assert code == 2 and "--paper a3 applies to PDF timelines" in one_line(err)
        assert not bad.exists()


def test_export_pdf_takes_its_style_from_the_template(capsys, sample_store, store_path,
                                                      tmp_path):
    import shutil

    import docx
    import pypdf
    from docx.shared import Pt

    from lcplanner.writers.pdf_style import TEMPLATE

    sample_store.close()
    template = tmp_path / "own.docx"
    shutil.copy(TEMPLATE, template)
    document = docx.Document(str(template))
    for name in ("Body Text", "Normal", "Table Text"):
        document.styles[name].font.size = Pt(16)
    document.save(str(template))
    pages = {}
    for label, extra in (("house", []), ("own", ["--template", str(template)])):
        out = tmp_path / f"{label}.pdf"
        code, _, _ = run(capsys, "export", "pdf", str(store_path), "-o", str(out), *extra)
        assert code == 0
        pages[label] = len(pypdf.PdfReader(str(out)).pages)
    assert pages["own"] > pages["house"]  # 16 pt text takes more pages than 12 pt
