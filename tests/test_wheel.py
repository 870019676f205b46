"""The product as installed: build the sdist and wheel, install the wheel in a fresh virtual
environment (no system site-packages), and export Word and PDF with it; then the same from an
editable install. The house-style template and the fonts must come from the install itself.

Slow (a minute or two): it downloads the build backend and lcplanner's dependencies through
pip (its cache makes later runs quicker). Set LCPLANNER_WHEELHOUSE to a folder of wheels to
install from it alone, without an index.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from tests.support import FIXTURES

ROOT = Path(__file__).resolve().parents[1]

_JUNK = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                               ".pytest_cache", ".hypothesis", "out", "*.lcplan*")

# Run by the fresh environment's python: export Word and PDF in-process, recording every font
# and Word file opened, and say where its lcplanner and its resources are.
_PROBE = """
import builtins, io, json, sys
opened = []
real_open = io.open


def watched(file, *args, **kwargs):
    opened.append(str(file))
    return real_open(file, *args, **kwargs)


builtins.open = io.open = watched
from lcplanner.cli import main

store, word, pdf = sys.argv[1:4]
codes = [main(["export", "docx", store, "-o", word]), main(["export", "pdf", store, "-o", pdf])]
builtins.open = io.open = real_open
import lcplanner, lcplanner.resources as r
print(json.dumps({"codes": codes, "package": lcplanner.__file__,
                  "template": str(r.template_path()), "fonts": str(r.fonts_dir()),
                  "opened": [p for p in opened if p.endswith((".ttf", ".otf", ".docx"))]}))
"""


def _run(args, cwd, env, timeout=900) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, (f"{args} failed ({result.returncode}):\n"
                                    f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(LCPLANNER_DATA=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


def _pip_source() -> list[str]:
    wheelhouse = os.environ.get("LCPLANNER_WHEELHOUSE")
    return ["--no-index", "--find-links", wheelhouse] if wheelhouse else []


def _no_noise(output: str) -> None:
    lowered = output.lower()
    for noise in ("deprecat", "package would be ignored", "absent from the `packages`"):
        assert noise not in lowered, f"{noise!r} in the output:\n{output[-4000:]}"


def _export_and_check(lcplanner: Path, python: Path, prefix: Path, work: Path, env) -> dict:
    """Export Word and PDF with the installed lcplanner; check both files and their sources."""
    store = work / "plans.lcplan"
    _run([lcplanner, "import", FIXTURES / "paper_directorate.txt", "--into", store], work, env)
    docx_out, pdf_out = work / "paper.docx", work / "paper.pdf"
    word = _run([lcplanner, "export", "docx", store, "-o", docx_out], work, env)
    pdf = _run([lcplanner, "export", "pdf", store, "-o", pdf_out], work, env)
    assert word.stderr == "" and pdf.stderr == "", word.stderr + pdf.stderr  # no warning

    probe_out = _run([python, "-c", _PROBE, store, work / "probe.docx", work / "probe.pdf"],
                     work, env)
    probe = json.loads(probe_out.stdout.strip().splitlines()[-1])
    assert probe["codes"] == [0, 0] and probe_out.stderr == "", probe_out.stderr
    fonts_dir = Path(probe["fonts"]).resolve()
    assert Path(probe["package"]).resolve().is_relative_to(prefix), probe
    assert fonts_dir.is_relative_to(prefix) and Path(probe["template"]).is_file()
    assert Path(probe["template"]).resolve().is_relative_to(prefix)
    fonts_opened = [Path(p).resolve() for p in probe["opened"] if p.endswith((".ttf", ".otf"))]
    assert fonts_opened and all(p.parent == fonts_dir for p in fonts_opened), probe["opened"]
    assert probe["template"] in probe["opened"]

    import docx
    import pypdf

    template_styles = {s.name for s in docx.Document(probe["template"]).styles}
    exported = docx.Document(str(docx_out))
    assert {"Summary", "Details", "Note", "Body Text", "Heading 1"} <= template_styles
    assert template_styles <= {s.name for s in exported.styles}
    used = {p.style.name for p in exported.paragraphs}
    assert "Heading 1" in used and used & {"Summary", "Details", "Body Text"}, used

    embedded = set()
    for page in pypdf.PdfReader(str(pdf_out)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            embedded.add(str(font["/BaseFont"]).split("+", 1)[-1])
    from reportlab.pdfbase.ttfonts import TTFontFile

    shipped = {TTFontFile(str(path)).name.decode() for path in set(fonts_opened)}
    assert embedded and embedded <= shipped, (embedded, shipped)
    return probe


@pytest.mark.slow
def test_wheel_and_editable_installs_carry_template_and_fonts(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=_JUNK)
    env = _clean_env(tmp_path)
    prefix = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(prefix)
    python, lcplanner = prefix / "bin" / "python", prefix / "bin" / "lcplanner"
    pip = [python, "-m", "pip", "--disable-pip-version-check"]

    # The sdist, then the wheel built from it (python -m build does both in that order).
    _run(pip + ["install", *_pip_source(), "build"], tmp_path, env)
    built = _run([python, "-m", "build", "--outdir", tmp_path / "dist", source], tmp_path, env)
    _no_noise(built.stdout + built.stderr)
    [wheel] = (tmp_path / "dist").glob("lcplanner-*.whl")
    [sdist] = (tmp_path / "dist").glob("lcplanner-*.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert "lcplanner/_resources/templates/committee-paper.docx" in names
    assert "lcplanner/_resources/fonts/DejaVuSans.ttf" in names
    assert "lcplanner/store/migrations/versions/0001_baseline.py" in names
    assert not any("__pycache__" in n or n.endswith("build_template.py") and "_resources" in n
                   for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert b"\nLicense-Expression: MIT\n" in metadata
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    assert {"LICENSE", "setup.py", "resources/templates/committee-paper.docx"} <= members

    installed = _run(pip + ["install", *_pip_source(), wheel], tmp_path, env)
    _no_noise(installed.stdout + installed.stderr)
    work = tmp_path / "wheel-run"
    work.mkdir()
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     work, env).stdout.strip()).resolve()
    _export_and_check(lcplanner, python, site, work, env)

    # The editable install of the same tree finds the same files in the tree itself.
    editable = _run(pip + ["install", *_pip_source(), "--no-deps", "-e", source], tmp_path, env)
    _no_noise(editable.stdout + editable.stderr)
    work = tmp_path / "editable-run"
    work.mkdir()
    probe = _export_and_check(lcplanner, python, source.resolve(), work, env)
    assert Path(probe["template"]) == source.resolve() / "resources/templates/committee-paper.docx"


def test_installed_metadata_matches_the_licence_file():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert "LICENSE" in project["license-files"]
    assert not any(c.startswith("License ::") for c in project["classifiers"])


def test_resources_resolve_to_the_shipped_files():
    from lcplanner import resources
    from lcplanner.writers import docx_writer

    assert resources.root() == ROOT / "resources"  # this source tree, run without installing
    assert resources.template_path() == ROOT / "resources/templates/committee-paper.docx"
    assert docx_writer.TEMPLATE == resources.template_path()
    assert any(resources.fonts_dir().glob("*.ttf"))  # the PDF fonts are there
