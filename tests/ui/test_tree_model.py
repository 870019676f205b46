"""The tree model passes Qt's model tester through loads, inserts, removes and moves."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from lcplanner import services
from lcplanner.ui.commands import AddCommand, DeleteCommand, MoveCommand, SetFieldCommand
from lcplanner.ui.tree_model import Role


def _find(model, kind, parent=QModelIndex()):
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if model.data(index, Role.KIND) == kind:
            return index
        found = _find(model, kind, index)
        if found is not None:
            return found
    return None


def _children(model, parent, kind):
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))
            if model.data(model.index(r, 0, parent), Role.KIND) == kind]


def test_model_tester_through_edits(doc):
    model = doc.model
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    priority = _find(model, "priority")
    outputs = _children(model, priority, "output")
    assert [model.data(i, Role.NUMBER) for i in outputs] == ["a", "b", "c"]
    first_id = model.data(outputs[0], Role.ID)
    priority_id = model.data(priority, Role.ID)

    doc.push(MoveCommand(doc, "output", first_id, priority_id, 2))
    outputs = _children(model, priority, "output")
    assert model.data(outputs[2], Role.ID) == first_id
    assert [model.data(i, Role.NUMBER) for i in outputs] == ["a", "b", "c"]
    doc.push(AddCommand(doc, "output", priority_id, 0, text="Fresh output"))
    outputs = _children(model, priority, "output")
    assert model.data(outputs[0], Qt.ItemDataRole.DisplayRole) == "Fresh output"
    assert [model.data(i, Role.NUMBER) for i in outputs] == ["a", "b", "c", "d"]
    assert len(outputs) == 4
    portfolio = priority.parent()
    doc.push(DeleteCommand(doc, "priority", priority_id))
    assert model.data(_children(model, portfolio, "priority")[0], Role.NUMBER) == "1.1"
    doc.undo_stack.undo()
    assert len(_children(model, model.index_for(("priority", priority_id)), "output")) == 4
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    outputs = _children(model, model.index_for(("priority", priority_id)), "output")
    assert model.data(outputs[0], Role.ID) == first_id
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    # moving a portfolio renumbers its priorities
    plan = model.index(0, 0)
    portfolios = _children(model, plan, "portfolio")
    second = model.data(portfolios[1], Role.ID)
    doc.push(MoveCommand(doc, "portfolio", second, model.data(plan, Role.ID), 0))
    moved = model.index_for(("portfolio", second))
    assert model.data(moved, Role.NUMBER) == "1"
    assert model.data(_children(model, moved, "priority")[1], Role.NUMBER) == "1.2"
    del tester


def test_model_matches_store_after_commands(doc):
    model = doc.model
    priority = _find(model, "priority")
    priority_id = model.data(priority, Role.ID)
    doc.push(SetFieldCommand(doc, "priority", priority_id, "title", "Renamed"))
    doc.push(SetFieldCommand(doc, "priority", priority_id, "title", "Renamed again"))
    assert doc.undo_stack.count() == 1  # typing in one field is one step
    assert model.data(priority, Role.TEXT) == "Renamed again"
    doc.undo_stack.undo()
    assert model.data(priority, Role.TEXT) == "Secure fair, long-term funding for local services"
    fresh = type(model)()
    fresh.load(services.load_tree(doc.store), services.load_statuses(doc.store))
    assert len(fresh) == len(model)


def test_drop_requests_a_move(doc, qtbot):
    model = doc.model
    priority = _find(model, "priority")
    outputs = _children(model, priority, "output")
    data = model.mimeData([outputs[0]])
    # dropping onto another priority's row appends there; onto a portfolio is refused
    other_priority = model.index(priority.row() + 1, 0, priority.parent())
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, priority.parent())
    with qtbot.waitSignal(model.move_requested) as blocker:
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, other_priority) is False
    assert blocker.args == ["output", model.data(outputs[0], Role.ID),
                            model.data(other_priority, Role.ID), 3]
    # dropped on a sibling: placed before it
    assert model.resolve_drop(data, -1, outputs[2])[2] == 1


def test_a_row_without_children_says_so_until_it_gets_one(window, qtbot):
    """Rows holding nothing carry ItemNeverHasChildren (the tree then asks no more about them
    while laying out); the first sub-point added under one makes it open like any other."""
    model, tree = window.doc.model, window.tree
    priority = _find(model, "priority")
    output = _children(model, priority, "output")[0]
    assert model.rowCount(output) == 0
    assert model.flags(output) & Qt.ItemFlag.ItemNeverHasChildren
    assert not model.flags(priority) & Qt.ItemFlag.ItemNeverHasChildren
    output_key = model.key_at(output)
    window.doc.push(AddCommand(window.doc, "sub_point", output_key[1], 0, text="A new step"))
    output = model.index_for(output_key)
    assert model.rowCount(output) == 1
    assert not model.flags(output) & Qt.ItemFlag.ItemNeverHasChildren
    shown = window.proxy.mapFromSource(output)
    tree.collapse(shown)
    tree.expand(shown)
    assert tree.isExpanded(shown)
    child = window.proxy.mapFromSource(model.index(0, 0, output))
    tree.scrollTo(child)
    assert tree.visualRect(child).isValid()
    assert child.data(Qt.ItemDataRole.DisplayRole) == "A new step"
    window.doc.undo_stack.undo()
    output = model.index_for(output_key)
    assert model.flags(output) & Qt.ItemFlag.ItemNeverHasChildren
    assert not tree.isExpanded(window.proxy.mapFromSource(output))
