"""Compile the Qt Designer forms in ``forms/`` into ``lcplanner/ui/forms/ui_*.py``.

The forms are compiled ahead of time (never loaded at run time), and the generated modules are
committed. ``python -m lcplanner.devtools.build_forms`` rebuilds them; ``--check`` exits 1 when a
committed module differs from what its ``.ui`` compiles to (the test suite runs the same check).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
TARGET = ROOT / "lcplanner" / "ui" / "forms"


def _uic() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or \
        shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: install PySide6 in this environment.")
    return found


def target_for(ui: Path) -> Path:
    return TARGET / f"ui_{ui.stem}.py"


def compile_form(ui: Path) -> str:
    """The Python source ``pyside6-uic`` makes of ``ui`` (with a stable header)."""
    result = subprocess.run([_uic(), "-g", "python", str(ui)],
                            check=True, capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines()
             if not line.startswith("## Created by: Qt User Interface Compiler version")]
    return "\n".join(lines).rstrip() + "\n"


def stale_forms() -> list[Path]:
    """Forms whose compiled module is missing or differs from a fresh compile."""
    stale = []
    for ui in sorted(FORMS.glob("*.ui")):
        target = target_for(ui)
        if not target.exists() or target.read_text(encoding="utf-8") != compile_form(ui):
            stale.append(ui)
    return stale


def build() -> list[Path]:
    TARGET.mkdir(parents=True, exist_ok=True)
    init = TARGET / "__init__.py"
    if not init.exists():
        init.write_text('"""Generated from forms/*.ui by lcplanner.devtools.build_forms; do not '
                        'edit."""\n', encoding="utf-8")
    written = []
    for ui in sorted(FORMS.glob("*.ui")):
        target = target_for(ui)
        text = compile_form(ui)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale forms")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_forms()
        for ui in stale:
            print(f"stale: {target_for(ui).relative_to(ROOT)} (from {ui.relative_to(ROOT)})")
        return 1 if stale else 0
    for path in build():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
