"""The window's actions and menus: standard shortcuts, every action reachable by keyboard."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

S = QKeySequence.StandardKey


class Actions:
    """Every QAction of the main window, by name."""

    def __init__(self, window):
        def make(text, slot=None, shortcut=None, tip="", tree_only=False):
            action = QAction(text, window)
            if shortcut is not None:
                if isinstance(shortcut, list):
                    action.setShortcuts(shortcut)
                else:
                    action.setShortcut(shortcut)
            if tip:
                action.setStatusTip(tip)
            if slot is not None:
                action.triggered.connect(slot)
            if tree_only:  # keys like Delete stay with text fields when one has focus
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                window.tree.addAction(action)
            return action

        w, ed = window, window.editor
        self.new = make("&New Store…", w.new_store, S.New, "Create a new store with an empty plan")
        self.open = make("&Open…", w.choose_and_open, S.Open, "Open a store")
        self.connect_server = make("Connec&t to Server…", w.connect_to_server,
                                   tip="Open a plan store kept on a PostgreSQL server")
        self.save_copy = make("Save a &Copy As…", w.save_copy, QKeySequence("Ctrl+Shift+S"),
                              "Write a copy of the store to another file")
        self.import_paper = make("&Import Paper…", lambda: _ui("import_dialog").import_paper(w),
                                 QKeySequence("Ctrl+I"),
                                 "Import a committee paper saved as text, after checking it")
        self.export_docx = make("&Word…", lambda: _ui("export_dialog").open_export(w, "docx"),
                                QKeySequence("Ctrl+Shift+E"), "Export a paper as a Word file")
        self.export_pdf = make("&PDF…", lambda: _ui("export_dialog").open_export(w, "pdf"),
                               tip="Export a paper or the timeline as a PDF")
        self.print_preview = make("Print Pre&view…", lambda: _ui("printing").print_preview(w),
                                  tip="Preview what prints: a portfolio's summary, the timeline or the "
                                      "plan document")
        self.print = make("&Print…", lambda: _ui("printing").print_document(w), S.Print,
                          "Print the selected portfolio's summary, or the plan's timeline")
        self.reload = make("Re&load", w.reload_store, [QKeySequence("F5")],
                           "Read the store again, with changes saved by other windows")
        self.quit = make("&Quit", w.close, S.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = make("&Undo", w.undo, S.Undo)
        self.redo = make("&Redo", w.redo, [QKeySequence(S.Redo), QKeySequence("Ctrl+Y")]
                         if QKeySequence(S.Redo) != QKeySequence("Ctrl+Y")
                         else QKeySequence(S.Redo))
        self.add_sibling = make("New Item &After", ed.add_sibling, QKeySequence("Ctrl+Return"),
                                "Add an item of the same kind after the selected one")
        self.add_child = make("New C&hild Item", lambda: ed.add_child(),
                              QKeySequence("Ctrl+Shift+Return"),
                              "Add an item inside the selected one")
        self.add_plan = make("Ne&w Plan", ed.add_plan, tip="Add a plan to this store")
        self.delete = make("&Delete", ed.delete, S.Delete,
                           "Delete the selected item and everything in it", tree_only=True)
        # A pane's text fields pass Ctrl+Up/Down on to these (panes/base.py); the pane's own
        # lists keep them for their rows.
        self.deleted_items = make("&Deleted Items…",
                                  lambda: _ui("deleted_items").show_deleted_items(w),
                                  tip="Restore something deleted in the last 30 days")
        self.history = make("&History…", lambda: _ui("history_dialog").show_item_history(w),
                            tip="What changed in the selected item, who changed it and when")
        self.changes_since = make("C&hanges Since…",
                                  lambda: _ui("history_dialog").show_changes_since(w),
                                  tip="The plan's changes from a date on: who, when, what")
        self.move_up = make("Mo&ve Up", lambda: ed.move(-1), QKeySequence("Ctrl+Up"),
                            "Move the selected item up among its siblings", tree_only=True)
        self.move_down = make("Mov&e Down", lambda: ed.move(1), QKeySequence("Ctrl+Down"),
                              "Move the selected item down among its siblings", tree_only=True)
        self.indent = make("&Indent", lambda: ed.indent(True), QKeySequence("Ctrl+]"),
                           "Make a sub-point a bullet under the one before", tree_only=True)
        self.outdent = make("&Outdent", lambda: ed.indent(False), QKeySequence("Ctrl+["),
                            tree_only=True)
        # Cut, Copy and Paste belong to the tree: in a text field the keys stay the field's own.
        sel = window.selection
        self.cut = make("Cu&t", sel.cut, S.Cut, "Move the selected items to the clipboard",
                        tree_only=True)
        self.copy = make("Cop&y", sel.copy, S.Copy,
                         "Copy the selected items, with everything in them", tree_only=True)
        self.paste = make("&Paste", sel.paste, S.Paste,
                          "Paste items, or lines of text, into or after the selected item",
                          tree_only=True)
        self.duplicate = make("Dup&licate", sel.duplicate, QKeySequence("Ctrl+D"),
                              "Put a copy of each selected item straight after it")
        self.replace = make("Find and Repla&ce…", lambda: _ui("replace_dialog").open_replace(w),
                            QKeySequence("Ctrl+H"), "Replace text everywhere in the plan")
        self.find = make("&Find…", w.start_find, S.Find, "Filter the tree")
        self.find_next = make("Find Ne&xt", w.find_next, [QKeySequence("F3")],
                              "Go to the next match of the search")
        self.find_previous = make("Find Previou&s", w.find_previous, [QKeySequence("Shift+F3")],
                                  "Go to the previous match of the search")
        self.rename = make("Rena&me", ed.rename, QKeySequence("F2"),
                           "Edit the selected item's title in the tree", tree_only=True)
        self.go_to_tree = make("&Go to Tree", w.focus_tree, [QKeySequence("F6")],
                               "Move the keyboard focus to the plan tree")
        self.expand = make("&Expand All", w.tree.expandAll)
        self.collapse = make("&Collapse All", w.tree.collapseAll)
        self.zoom_in = make("Zoom &In", w.zoom.zoom_in, [QKeySequence("Ctrl++"),
                                                         QKeySequence("Ctrl+=")],
                            "Make the text larger")
        self.zoom_out = make("Zoom &Out", w.zoom.zoom_out, [QKeySequence("Ctrl+-")],
                             "Make the text smaller")
        self.zoom_reset = make("&Normal Size", w.zoom.reset, [QKeySequence("Ctrl+0")],
                               "Show the text at its normal size")
        self.shortcuts = make("&Keyboard Shortcuts", w.show_shortcuts,
                              [QKeySequence("Ctrl+F1")], "List every keyboard shortcut")
        self.welcome = make("&Welcome", lambda: _ui("welcome").show_welcome(w),
                            tip="What the sample plan is, and how to begin")
        self.about = make("&About lcplanner", w.about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    @property
    def editing(self) -> list[QAction]:
        return [self.add_sibling, self.add_child, self.add_plan, self.delete, self.move_up,
                self.move_down, self.indent, self.outdent]


def _ui(name: str):
    """A dialog module, imported when first used (the window opens without them)."""
    import importlib

    return importlib.import_module(f"lcplanner.ui.{name}")


def build_menus(window, actions: Actions) -> dict[str, QMenu]:
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}
    file_menu = menus["file"] = bar.addMenu("&File")
    file_menu.addAction(actions.new)
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.connect_server)
    menus["recent"] = file_menu.addMenu("Open &Recent")
    file_menu.addAction(actions.save_copy)
    file_menu.addAction(actions.deleted_items)  # File → Backups… is put in before it
    file_menu.addAction(actions.changes_since)
    file_menu.addAction(actions.reload)
    file_menu.addSeparator()
    file_menu.addAction(actions.import_paper)
    export = menus["export"] = file_menu.addMenu("&Export")
    export.setObjectName("exportMenu")  # filled by the Word and PDF exports
    export.addAction(actions.export_docx)
    export.addAction(actions.export_pdf)
    file_menu.addSeparator()
    file_menu.addAction(actions.print_preview)
    file_menu.addAction(actions.print)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    edit = menus["edit"] = bar.addMenu("&Edit")
    edit.addAction(actions.undo)
    edit.addAction(actions.redo)
    edit.addSeparator()
    for action in (actions.cut, actions.copy, actions.paste, actions.duplicate):
        edit.addAction(action)
    edit.addSeparator()
    edit.addAction(actions.add_sibling)
    edit.addAction(actions.add_child)
    menus["add"] = edit.addMenu("&New")
    edit.addAction(actions.add_plan)
    edit.addAction(actions.rename)
    edit.addAction(actions.delete)
    edit.addSeparator()
    edit.addAction(actions.move_up)
    edit.addAction(actions.move_down)
    edit.addAction(actions.indent)
    edit.addAction(actions.outdent)
    edit.addSeparator()
    edit.addAction(actions.find)
    edit.addAction(actions.find_next)
    edit.addAction(actions.find_previous)
    edit.addAction(actions.replace)

    view = menus["view"] = bar.addMenu("&View")
    view.addAction(actions.expand)
    view.addAction(actions.collapse)
    view.addSeparator()
    view.addAction(actions.zoom_in)
    view.addAction(actions.zoom_out)
    view.addAction(actions.zoom_reset)
    view.addSeparator()
    view.addAction(actions.go_to_tree)

    help_menu = menus["help"] = bar.addMenu("&Help")
    help_menu.addAction(actions.welcome)
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)
    return menus
