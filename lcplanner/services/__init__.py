"""The service layer: every edit and every editor read goes through here. No Qt.

Functions take an open :class:`~lcplanner.store.engine.Store` and ids; each edit is one short
transaction, committed when the function returns.

The names below are imported on first use (PEP 562), so ``from lcplanner import services`` is
cheap: the editor's window is built and painted before SQLAlchemy is loaded for its store.
"""
from __future__ import annotations

import importlib

_WHERE = {
    "edit": ("EditError", "Snapshot", "children", "create", "delete", "indent", "move",
             "outdent", "position_of", "restore", "set_field", "set_links", "set_status",
             "status_usage"),
    "kinds": ("KINDS", "TREE_ORDER", "Kind", "can_hold", "child_kinds", "kind"),
    "read": ("Details", "Node", "StatusInfo", "details", "load_node", "load_statuses",
             "load_subtree", "load_tree", "status_counts"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    if name in _WHERE:  # services.edit, services.read, services.kinds
        return importlib.import_module(f"{__name__}.{name}")
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
