"""The service layer: every edit and every editor read goes through here. No Qt.

Functions take an open :class:`~lcplanner.store.engine.Store` and ids; each edit is one short
transaction, committed when the function returns.
"""
from lcplanner.services.edit import (EditError, Snapshot, children, create, delete, indent, move,
                                     outdent, position_of, restore, set_field, set_links,
                                     set_status, status_usage)
from lcplanner.services.kinds import KINDS, TREE_ORDER, Kind, can_hold, child_kinds, kind
from lcplanner.services.read import (Details, Node, StatusInfo, details, load_node,
                                     load_statuses, load_subtree, load_tree, status_counts)

__all__ = ["EditError", "Snapshot", "children", "status_usage", "create", "delete", "indent", "move", "outdent",
           "position_of", "restore", "set_field", "set_links", "set_status", "KINDS",
           "TREE_ORDER", "Kind", "can_hold", "child_kinds", "kind", "Details", "Node",
           "StatusInfo", "details", "load_node", "load_statuses", "load_subtree", "load_tree",
           "status_counts"]
