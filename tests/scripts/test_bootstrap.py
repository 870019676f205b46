"""scripts/bootstrap.sh's logic, without root and without touching the machine.

The script runs from a copy of the repository layout with fake ``dpkg``, ``apt-get``, ``sudo``
and ``id`` first on PATH and a fake ``.venv/bin/python``; each fake writes its arguments to a
log, so the tests see which packages were asked for, how, and what pip was told to install.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCK_WAIT = "-o DPkg::Lock::Timeout=300"

_FAKES = {
    # dpkg -s PACKAGE: installed unless named in $MISSING.
    "dpkg": 'for m in $MISSING; do [ "$m" = "$2" ] && exit 1; done; exit 0',
    "apt-get": 'echo "apt-get $*" >> "$LOG"',
    "sudo": 'echo "sudo" >> "$LOG"; exec "$@"',
    "id": 'echo "$FAKE_UID"',
}


def _bootstrap(tmp_path: Path, mode: str | None, missing: str, uid: int):
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", repo / "scripts" / "bootstrap.sh")
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for name, body in {**_FAKES, "python": 'echo "python $*" >> "$LOG"'}.items():
        target = (repo / ".venv" / "bin" / name) if name == "python" else fake_bin / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"#!/bin/sh\n{body}\n")
        target.chmod(0o755)
    log = tmp_path / "log"
    log.touch()
    env = {"PATH": f"{fake_bin}:/usr/bin:/bin", "LOG": str(log), "MISSING": missing,
           "FAKE_UID": str(uid), "HOME": str(tmp_path)}
    args = ["sh", str(repo / "scripts" / "bootstrap.sh")] + ([mode] if mode else [])
    result = subprocess.run(args, env=env, cwd=tmp_path, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result, log.read_text().splitlines()


@pytest.mark.skipif(not shutil.which("sh"), reason="needs a POSIX shell")
def test_missing_packages_are_installed_with_sudo_waiting_for_the_lock(tmp_path):
    result, log = _bootstrap(tmp_path, None, "libegl1 fonts-dejavu-core xvfb", uid=1000)
    assert log == [
        "sudo", f"apt-get {LOCK_WAIT} update -qq",
        "sudo", f"apt-get {LOCK_WAIT} install -y -qq --no-install-recommends "
                "libegl1 fonts-dejavu-core",  # xvfb is for the tests only
        "python -m pip install -q --upgrade pip",
        "python -m pip install -q -e .",
    ]
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "Installing system packages: libegl1 fonts-dejavu-core"
    assert lines[-1] == "Ready. Start the editor with: .venv/bin/lcplanner"


@pytest.mark.skipif(not shutil.which("sh"), reason="needs a POSIX shell")
def test_test_mode_as_root_asks_for_the_test_tools_without_sudo(tmp_path):
    result, log = _bootstrap(tmp_path, "test", "poppler-utils libreoffice-writer-nogui", uid=0)
    assert log == [
        f"apt-get {LOCK_WAIT} update -qq",
        f"apt-get {LOCK_WAIT} install -y -qq --no-install-recommends "
        "poppler-utils libreoffice-writer-nogui",
        "python -m pip install -q --upgrade pip",
        "python -m pip install -q -e .[test]",
    ]
    assert result.stdout.strip().splitlines()[-1] == \
        "Ready. Run the tests with: .venv/bin/python -m pytest"


@pytest.mark.skipif(not shutil.which("sh"), reason="needs a POSIX shell")
def test_nothing_missing_means_no_apt_get_at_all(tmp_path):
    result, log = _bootstrap(tmp_path, "test", "", uid=1000)
    assert not any(line.startswith(("apt-get", "sudo")) for line in log)
    assert log[-1] == "python -m pip install -q -e .[test]"
    assert "Installing system packages" not in result.stdout


def test_the_readme_names_the_commands_the_script_ends_with():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    script = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    for command in (".venv/bin/lcplanner", ".venv/bin/python -m pytest"):
        assert f"with: {command}\"" in script
        assert command in readme
