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


def _walk(model, parent=QModelIndex()):
    """Keys of every row the model shows views, in tree order."""
    keys = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        keys.append(model.key_at(index))
        keys.extend(_walk(model, index))
    return keys


def test_the_model_publishes_only_find_rows_and_stays_consistent_through_edits(doc):
    from lcplanner.ui.find import TreeFilter

    model = doc.model
    everything = _walk(model)
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    priority = _find(model, "priority")
    first, second, third = (model.key_at(i) for i in _children(model, priority, "output"))
    priority_key = model.key_at(priority)
    finder = TreeFilter()
    finder.setSourceModel(model)
    finder.set_needle(model.data(model.index_for(second), Role.TEXT))
    assert finder.match_keys() == [second]
    chain = [second]
    while model.parent_key(chain[-1]) is not None:
        chain.append(model.parent_key(chain[-1]))
    assert _walk(model) == list(reversed(chain))
    assert not finder.mapFromSource(model.index_for(first)).isValid()
    shown = finder.mapFromSource(model.index_for(second))
    assert (shown.row(), model.data(shown, Role.NUMBER)) == (0, "b")  # its own number, row 0

    # added while filtered: seen, in its place among what is seen
    doc.push(AddCommand(doc, "output", priority_key[1], 2, text="Fresh output"))
    fresh = next(k for k in _all_outputs(model, priority_key) if k not in (first, second, third))
    assert _walk(model)[-2:] == [second, fresh]
    assert model.data(finder.mapFromSource(model.index_for(fresh)), Role.NUMBER) == "c"
    # a hidden row moved: nothing seen changes; a seen row moved: still seen, in its new place
    doc.push(MoveCommand(doc, "output", first[1], priority_key[1], 3))
    assert _walk(model)[-2:] == [second, fresh]
    assert model.data(model.index_for(second), Role.NUMBER) == "a"
    doc.push(MoveCommand(doc, "output", second[1], priority_key[1], 3))
    assert _walk(model)[-2:] == [fresh, second]
    # deleted while seen, then back with Undo
    doc.push(DeleteCommand(doc, "output", fresh[1]))
    assert fresh not in _walk(model)
    doc.undo_stack.undo()
    assert fresh in _walk(model)

    for _ in range(4):
        doc.undo_stack.undo()
    finder.set_needle("")
    assert _walk(model) == everything
    outputs = _children(model, model.index_for(priority_key), "output")
    assert [model.key_at(i) for i in outputs] == [first, second, third]
    assert [model.data(i, Role.NUMBER) for i in outputs] == ["a", "b", "c"]
    del tester


def _all_outputs(model, priority_key):
    item = model.item_for(priority_key)
    return [child.key for child in item.children if child.kind == "output"]


def test_a_sub_point_dropped_onto_an_output_without_any_asks_to_move_there(window, qtbot):
    """A row without children says so to Qt, yet still takes drops onto it."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    model, tree = window.doc.model, window.tree
    items = model.items_in_order()
    point = next(i for i in items if i.kind == "sub_point")
    leaf = next(i for i in items if i.kind == "output" and not i.children)
    target = window.proxy.mapFromSource(model.index_for(leaf.key))
    tree.scrollTo(target)
    rect = tree.visualRect(target)
    assert rect.isValid() and model.flags(target) & Qt.ItemFlag.ItemNeverHasChildren
    data = model.mimeData([model.index_for(point.key)])
    # A drop made here has no drag behind it, which InternalMove refuses; DragDrop goes through
    # the same placing of the drop (on the row, above it, below it) that a real drag does.
    tree.setDragDropMode(tree.DragDropMode.DragDrop)
    event = QDropEvent(QPointF(rect.center()), Qt.DropAction.MoveAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    event.ignore()  # as Qt hands a drop to the view: not yet taken
    with qtbot.waitSignal(model.move_requested, timeout=1000) as blocker:
        tree.dropEvent(event)
    assert blocker.args == ["sub_point", point.id, leaf.id, 0]
