"""Every command takes relative and absolute paths alike (issue 14: paths and modes).

Each command runs twice on the same layout, once with paths relative to the working folder
(in the forms people type: ``x``, ``./x``, ``sub/../x``) and once with absolute paths, and
must give the same result.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support import FIXTURES, run_cli

FORMS = {
    "relative": lambda p, base: str(p.relative_to(base)),
    "dot-relative": lambda p, base: "./" + str(p.relative_to(base)),
    "up-and-down": lambda p, base: str(Path("work/..") / p.relative_to(base)),
    "absolute": lambda p, base: str(p),
}


@pytest.fixture
def layout(tmp_path, monkeypatch):
    """tmp/work (the working folder), tmp/work/data/plans.lcplan, tmp/work/out/."""
    (tmp_path / "work" / "data").mkdir(parents=True)
    (tmp_path / "work" / "out").mkdir()
    shutil.copyfile(FIXTURES / "paper_directorate.txt", tmp_path / "work" / "paper.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _form(name, layout):
    return lambda path: FORMS[name](path, layout)


@pytest.fixture(params=list(FORMS))
def form(request, layout):
    return _form(request.param, layout)


def _import(capsys, layout, p):
    store = layout / "work" / "data" / "plans.lcplan"
    code, out, err = run_cli(capsys, "import", p(layout / "work" / "paper.txt"), "--into",
                             p(store))
    assert code == 0, err
    assert out.startswith("Imported 'Corporate Plan 2024/25' into plans.lcplan: ")
    return store


def test_import_and_stats(capsys, layout, form):
    store = _import(capsys, layout, form)
    code, out, err = run_cli(capsys, "stats", form(store), "--json")
    assert code == 0, err
    counts = json.loads(out)["plans"][0]["counts"]
    assert (counts["portfolios"], counts["service_groups"]) == (2, 5)
    code, out, _ = run_cli(capsys, "import", form(layout / "work" / "paper.txt"), "--dry-run",
                           "--into", form(store))
    assert code == 0 and "Directorate" in out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_export(capsys, layout, form, fmt):
    store = _import(capsys, layout, _form("absolute", layout))
    target = layout / "work" / "out" / f"plan.{fmt}"
    code, out, err = run_cli(capsys, "export", fmt, form(store), "-o", form(target))
    assert code == 0, err
    assert out == f"Wrote {form(target)}\n"
    assert target.stat().st_size > 1000
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_export_refuses_its_store_in_any_form(capsys, layout, form):
    store = _import(capsys, layout, _form("absolute", layout))
    before = store.read_bytes()
    code, _, err = run_cli(capsys, "export", "docx", form(store), "-o",
                           _form("dot-relative", layout)(store), "--force")
    assert code == 2 and "is the store being read" in err
    assert store.read_bytes() == before


@pytest.mark.parametrize("name", FORMS)
def test_backups_and_restore(capsys, layout, name):
    form = _form(name, layout)
    store = _import(capsys, layout, _form("absolute", layout))
    revised = layout / "work" / "paper2.txt"
    revised.write_text((layout / "work" / "paper.txt").read_text(encoding="utf-8")
                       + "\nA closing note.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "import", revised, "--into", store)
    assert code == 0, err  # an import into an existing store backs it up first
    code, out, _ = run_cli(capsys, "stats", store, "--json")
    assert len(json.loads(out)["plans"]) == 2
    code, out, err = run_cli(capsys, "backups", form(store))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].split("\t")[0].endswith("(import)")
    printed = Path(lines[0].split("\t")[1])
    assert printed.is_file()  # the path printed works from where the command was run
    backup = printed.resolve()
    assert backup.parent == store.parent / "plans.lcplan.backups"
    code, out, err = run_cli(capsys, "restore", form(backup), "--into", form(store))
    assert code == 0, err
    assert out.startswith(f"Restored {backup.name} into plans.lcplan")
    code, out, _ = run_cli(capsys, "stats", store, "--json")
    assert len(json.loads(out)["plans"]) == 1  # as it was before the second import
