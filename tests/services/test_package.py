"""The service package loads its modules on first use, and every name it offers exists."""
from __future__ import annotations

import subprocess
import sys


def test_every_exported_name_resolves_to_its_module():
    from lcplanner import services
    from lcplanner.services import edit, kinds, read

    modules = {"edit": edit, "kinds": kinds, "read": read}
    for name in services.__all__:
        module = modules[services._MODULE_OF[name]]
        assert getattr(services, name) is getattr(module, name), name
    assert services.read is read


def test_the_kinds_table_loads_without_sqlalchemy_and_resolves_its_classes():
    code = ("import sys\n"
            "from lcplanner.services import KINDS, TREE_ORDER\n"
            "before = 'sqlalchemy' in sys.modules\n"
            "table = KINDS['priority'].links['themes'][0]\n"
            "print(before, KINDS['output'].cls.__name__, table.name, TREE_ORDER[0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "Output", "priority_themes", "plan"]
