"""Where lcplanner's own files are: the house-style template and the PDF fonts.

They live in ``resources/`` at the top of the repository and are shipped inside the package as
``lcplanner._resources`` (the build maps that package onto ``resources/``; see setup.py),
so a wheel, ``pip install .`` and an editable install all find them through
:mod:`importlib.resources`. Only when lcplanner runs straight from a source tree that was never
installed (``PYTHONPATH=.``) is there no such package; then the ``resources/`` folder beside
the package is the same folder. Every look-up goes through this module.
"""
from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

PACKAGE = "lcplanner._resources"
#: The repository's resources/ folder, for a source tree used without installing it.
_SOURCE_TREE = Path(__file__).resolve().parents[1] / "resources"


@cache
def root() -> Path:
    """The folder holding ``templates/`` and ``fonts/``, as a real path on disk."""
    try:
        files = importlib.resources.files(PACKAGE)
    except ModuleNotFoundError:
        return _SOURCE_TREE
    # Installed from a wheel or a source tree, the package is a folder on disk (reportlab and
    # python-docx want real file names; lcplanner is never imported from a zip).
    return Path(str(files))


def resource_path(name: str) -> Path:
    """``name`` (for example ``"templates/committee-paper.docx"``) inside the resources."""
    return root().joinpath(*name.split("/"))


def fonts_dir() -> Path:
    return resource_path("fonts")


def template_path() -> Path:
    """The shipped house-style Word template."""
    return resource_path("templates/committee-paper.docx")
