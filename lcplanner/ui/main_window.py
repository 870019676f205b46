"""The editor window: the plan tree on the left, the selected item's pane on the right.

The window wires parts together and turns menu actions into calls; edits are commands
(``tree_actions``, panes), files are opened by ``opening``, settings are typed (``settings``).
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QFileDialog, QMainWindow, QMenu, QMessageBox,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from lcplanner.services.kinds import KINDS
from lcplanner.settings import Settings
from lcplanner.store.backup import copy_store
from lcplanner.store.errors import StoreError
from lcplanner.ui import opening
from lcplanner.ui.document import EditorDocument
from lcplanner.ui.find import FindBar, TreeDelegate, TreeFilter
from lcplanner.ui.live import LiveStore
from lcplanner.ui.menus import Actions, build_menus
from lcplanner.ui.panes.stack import PaneStack
from lcplanner.ui.preview_tab import PreviewTab
from lcplanner.ui.safety import SafetyNet
from lcplanner.ui.selection import SelectionEditor, status_menu
from lcplanner.ui.status_counts import StatusCounts
from lcplanner.ui.timeline_tab import TimelineTab
from lcplanner.ui.tree_actions import TreeEditor
from lcplanner.ui.tree_model import Role
from lcplanner.ui.tree_view import PlanTreeView
from lcplanner.ui.view_options import ShortcutsDialog, TextZoom, fit_to_screen, shortcut_rows

APP_TITLE = "lcplanner"
FILE_FILTER = "lcplanner stores (*.lcplan);;All files (*)"


def _recent_name(entry: str) -> str:
    """How File → Open Recent names a store: a file's name, or a server's database and host."""
    from lcplanner.store.server import describe, is_server_url

    if is_server_url(entry):
        try:
            return describe(entry)
        except Exception:  # noqa: BLE001 - an entry edited by hand: shown as it is
            return entry
    return Path(entry).name


def _access_key(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].casefold() if 0 <= at < len(text) - 1 else None


def with_access_key(text: str, used: set[str]) -> str:
    """``text`` with an access key no other entry of its menu has: the first letter of a word
    ("New output &inside"), else any letter; ``used`` gains it. Menus built on the fly (the
    New submenu) get keys this way, so no two entries share one."""
    words = [(m.start(), m.group()) for m in re.finditer(r"[^\W\d_]+", text)]
    candidates = [start for start, _ in reversed(words[1:])] + [words[0][0]] if words else []
    candidates += [n for n, ch in enumerate(text) if ch.isalpha()]
    for at in candidates:
        key = text[at].casefold()
        if key not in used:
            used.add(key)
            return text[:at] + "&" + text[at:]
    return text


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.doc: EditorDocument | None = None
        self._said_spelling = False
        self.resize(1200, 780)

        self.proxy = TreeFilter()  # Find; the tree shows the open store's model itself
        self.tree = PlanTreeView()
        self.find_bar = FindBar(self.proxy, self.tree)
        self.find_box = self.find_bar.edit
        self.find_bar.about_to_clear.connect(self.tree.collapseAll)
        self.find_bar.cleared.connect(self._expand_initial)
        self.find_bar.done.connect(lambda: self.tree.setFocus(Qt.FocusReason.OtherFocusReason))
        self.find_bar.applied.connect(self._find_applied)
        self.tree.setItemDelegate(TreeDelegate(self.proxy, self.tree))
        self.tree.current_key_changed.connect(self._current_changed)
        self.tree.customContextMenuRequested.connect(self._tree_menu)

        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.tree)

        self.panes = PaneStack(None, settings.save_delay_ms())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Item and timeline")
        self.tabs.addTab(self.panes, "&Details")
        self.timeline = TimelineTab.create(self._timeline_clicked)
        if self.timeline is not None:
            self.tabs.addTab(self.timeline, "&Timeline")
            self.tabs.currentChanged.connect(lambda _i: self._refresh_timeline())
        self.preview = PreviewTab()
        self.tabs.addTab(self.preview, "&Preview")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_preview())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([470, 730])
        self.setCentralWidget(self.splitter)

        self.counts = StatusCounts()
        self.statusBar().addPermanentWidget(self.counts)

        self.editor = TreeEditor(self)
        self.selection = SelectionEditor(self)  # several rows at once; the item clipboard
        self.zoom = TextZoom(self, settings)
        self.actions = Actions(self)
        self.menus = build_menus(self, self.actions)
        self.safety = SafetyNet(self)  # automatic backups, File → Backups…, read-only mark
        self.live = LiveStore(self)  # follows changes saved elsewhere; File → Reload
        from lcplanner.ui.reconnect import Reconnector

        self.reconnect = Reconnector(self)  # a server gone mid-edit: typing kept, then saved
        self.menus["add"].aboutToShow.connect(lambda: self._fill_add_menu(self.menus["add"]))
        self.menus["recent"].aboutToShow.connect(self._fill_recent_menu)
        self._restore_layout()
        self._update_actions()

    # --- the open store ---------------------------------------------------------------------

    def set_document(self, opened: opening.Opened | None) -> None:
        """Show ``opened`` (closing whatever was open)."""
        self._close_document()
        if opened is None:
            self._update_title()
            return
        doc = EditorDocument(opened.store, opened.lock, self)
        self.doc = doc
        self.find_bar.reset()  # a search in the last store would make this one look empty
        self.panes.set_document(doc)
        self.proxy.setSourceModel(doc.model)
        self.tree.setModel(doc.model)
        doc.model.move_requested.connect(self.editor.drop_move, Qt.ConnectionType.QueuedConnection)
        doc.model.rename_requested.connect(self.editor.rename_to,
                                           Qt.ConnectionType.QueuedConnection)
        doc.select_requested.connect(self.select_key)
        doc.error_occurred.connect(self._show_edit_error)
        stack = doc.undo_stack
        stack.canUndoChanged.connect(self._update_actions)
        stack.canRedoChanged.connect(self._update_actions)
        stack.undoTextChanged.connect(self._update_actions)
        stack.redoTextChanged.connect(self._update_actions)
        stack.indexChanged.connect(self._after_command)
        self.safety.attach(doc)
        speller = self.panes.speller
        if speller is not None and speller.problem and not self._said_spelling:
            self._said_spelling = True  # once a sitting, not on every store opened
            self.statusBar().showMessage(speller.problem, 15000)
        self.live.attach(doc)
        self.reconnect.attach(doc)
        self._expand_initial()
        if opened.store.path is not None:
            self.settings.add_recent_file(str(opened.store.path))
        elif opened.store.url:  # servers are kept with the recent files
            self.settings.add_recent_file(opened.store.url)
        self._update_title()
        self._update_actions()
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)

    def _close_document(self) -> None:
        if self.doc is None:
            return
        self.safety.detach()
        self.panes.flush()
        self.live.detach()
        self.reconnect.detach()
        self.panes.set_document(None)
        self.proxy.setSourceModel(None)
        self.tree.setModel(None)
        self.doc.close()
        self.doc.deleteLater()
        self.doc = None
        self.counts.clear()

    def open_path(self, path: str | Path) -> bool:
        opened = opening.open_path(self, path)
        if opened is not None:
            self.set_document(opened)
        return opened is not None

    def _expand_initial(self) -> None:
        """Plans and their portfolios or objectives open; deeper levels closed."""
        model = self.proxy
        for row in range(model.rowCount()):
            plan = model.index(row, 0)
            self.tree.expand(plan)
            if model.rowCount(plan) < 200:
                for child_row in range(model.rowCount(plan)):
                    child = model.index(child_row, 0, plan)
                    if child.data(Role.KIND) == "portfolio" and model.rowCount(child) < 50:
                        self.tree.expand(child)

    def _update_title(self) -> None:
        suffix = " [read-only]" if self.doc is not None and self.doc.readonly else ""
        if self.doc is not None and self.doc.store.url:
            self.setWindowTitle(f"{self.doc.store.name}{suffix} — {APP_TITLE}")
            return
        if self.doc is None or self.doc.store.path is None:
            self.setWindowTitle(APP_TITLE)
            return
        self.setWindowTitle(f"{self.doc.store.path.name}{suffix} — {APP_TITLE}")
        self.setWindowFilePath(str(self.doc.store.path))

    # --- file menu --------------------------------------------------------------------------

    def _folder(self) -> str:
        return self.settings.get("files/last_folder") or str(Path.home())

    def new_store(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New Store", self._folder(), FILE_FILTER)
        if path:
            self.create_store(path)

    def create_store(self, path: str | Path) -> bool:
        from lcplanner import services

        path = Path(path)
        if path.suffix != ".lcplan":
            path = path.with_suffix(".lcplan")
        if path.exists():
            opening.show_error(self, "Cannot create store",
                               f"{path.name} already exists; open it, or choose another name.")
            return False
        opened = opening.open_path(self, path, create=True)
        if opened is None:
            return False
        services.create(opened.store, "plan", None, title="New business plan")
        self.settings.set("files/last_folder", str(path.parent))
        self.set_document(opened)
        return True

    def connect_to_server(self):
        """File → Connect to Server…: ask for the server, then open its store."""
        from lcplanner.ui.connect_dialog import ConnectDialog
        from lcplanner.store.server import is_server_url

        recent = next((p for p in self.settings.recent_files() if is_server_url(p)), "")
        dialog = ConnectDialog(self, recent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.open_path(dialog.chosen_url()))
        dialog.open()
        self._connect_dialog = dialog
        return dialog

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Store", self._folder(), FILE_FILTER)
        if path:
            self.settings.set("files/last_folder", str(Path(path).parent))
            self.open_path(path)

    def save_copy(self) -> None:
        if self.doc is None or self.doc.store.path is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save a Copy As", self._folder(),
                                              FILE_FILTER)
        if path:
            self.save_copy_to(path)

    def save_copy_to(self, path: str | Path) -> bool:
        self.panes.flush()
        from lcplanner.writers.atomic import ExportError, atomic_path
        from lcplanner.writers.targets import check_target

        target = Path(path)
        try:
            # The output rule: never the open store (nor its links or companions), a backup,
            # a folder or a device; the copy gets the user's umask or the replaced file's mode.
            check_target(target, protect=[self.doc.store.path], replace_store=True)
            with atomic_path(target, replace_store=True) as tmp:
                copy_store(self.doc.store.path, tmp)
        except ExportError as exc:
            opening.show_error(self, "Cannot save a copy", str(exc))
            return False
        except (OSError, StoreError) as exc:  # a full disk or read-only folder: a StoreError
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            opening.show_error(self, "Cannot save a copy", f"{target.name}: {reason}")
            return False
        self.statusBar().showMessage(f"Saved a copy as {target}", 5000)
        return True

    def reload_store(self) -> None:
        self.live.reload()

    def _fill_recent_menu(self) -> None:
        menu = self.menus["recent"]
        menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, 1):
            name = _recent_name(path)
            action = menu.addAction(f"&{number} {name}" if number < 10 else name)
            action.setStatusTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._open_recent(p))
        if not files:
            menu.addAction("No recent stores").setEnabled(False)

    def _open_recent(self, path: str) -> None:
        from lcplanner.store.server import is_server_url

        if not is_server_url(path) and not Path(path).exists():
            self.settings.forget_recent_file(path)
            opening.show_error(self, "Cannot open store", f"{path} no longer exists.")
            return
        self.open_path(path)

    # --- edit menu --------------------------------------------------------------------------

    def undo(self) -> None:
        if self.doc is not None:
            self.panes.flush()
            self.doc.undo_stack.undo()

    def redo(self) -> None:
        if self.doc is not None:
            self.panes.flush()
            self.doc.undo_stack.redo()

    def start_find(self) -> None:
        self.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_box.selectAll()

    def _find_applied(self) -> None:
        if self.proxy.needle and self.settings.get("find/expand_matches"):
            for index in self.proxy.open_rows():
                self.tree.expand(index)

    def _find_done(self) -> None:
        """Apply the search now and go to its first match (Enter in the find box)."""
        self.find_bar._enter()
        if not self.tree.currentIndex().isValid() and self.proxy.rowCount():
            self.tree.setCurrentIndex(self.proxy.index(0, 0))

    def find_next(self) -> None:
        self.find_bar.step(1)

    def find_previous(self) -> None:
        self.find_bar.step(-1)

    def show_shortcuts(self) -> ShortcutsDialog:
        actions = [a for menu in self.menus.values() for a in menu.actions()]
        seen, unique = set(), []
        for action in actions:
            if id(action) not in seen:
                seen.add(id(action))
                unique.append(action)
        dialog = ShortcutsDialog(shortcut_rows(unique), self)
        dialog.show()
        return dialog

    def about(self) -> None:
        QMessageBox.about(self, "About lcplanner",
                          "lcplanner: the business plan editor for a representative body of "
                          "councils. Every change is saved as you make it.")

    # --- selection --------------------------------------------------------------------------

    def select_key(self, key) -> None:
        if self.doc is None:
            return
        source = self.doc.model.index_for(key)
        index = self.proxy.mapFromSource(source) if source.isValid() else QModelIndex()
        if not index.isValid():
            return
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def _current_changed(self, key) -> None:
        if self.doc is not None and self.doc.offline:
            # Nothing can be read from a server that has gone away: the pane stays on the item
            # being typed in (its typing kept) and follows the tree once it is back.
            self.statusBar().showMessage(self.reconnect.message)
            return
        if self.doc is None or key is None:
            self.panes.show_item(None, None)
        else:
            index = self.doc.model.index_for(key)
            number = self.doc.model.data(index, Role.NUMBER)
            title = KINDS[key[0]].title
            self.panes.show_item(key[0], key[1], f"{title} {number}" if number else title)
            if not self.doc.readonly and self.doc.access(*key).reason:
                self.statusBar().showMessage(self.doc.access(*key).reason)
        self.counts.show_for(self.doc, key)
        self._update_actions()
        self._refresh_timeline()
        self._refresh_preview()

    def focus_tree(self) -> None:
        """F6 or Esc: back to the tree from the pane or the find box."""
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def confirm_delete(self, question: str) -> bool:
        """Ask before deleting something large; Undo (and Deleted items) can still bring it
        back, but a plan gone by one key press is a fright."""
        box = QMessageBox(QMessageBox.Icon.Question, "Delete", question,
                          QMessageBox.StandardButton.Cancel, self)
        delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def focus_pane(self) -> None:
        pane = self.panes.current_pane()
        if pane is not None:
            pane.focus_first()

    def _after_command(self, _index: int) -> None:
        self.counts.show_for(self.doc, self.tree.current_key())
        self._update_actions()
        self._refresh_timeline()
        if self.tabs.currentWidget() is self.preview:
            self.preview.changed()

    def _show_edit_error(self, message: str) -> None:
        opening.show_error(self, "The change could not be saved", message)

    def _update_actions(self, *_args) -> None:
        a, doc = self.actions, self.doc
        stack = doc.undo_stack if doc else None
        a.undo.setEnabled(bool(stack and stack.canUndo()))
        a.redo.setEnabled(bool(stack and stack.canRedo()))
        a.undo.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
        a.redo.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")
        key = self.tree.current_key() if doc else None
        editable = doc is not None and not doc.readonly
        # A server store's roles: what the server would refuse is not offered (services.access)
        whole = editable and doc.rights.everything
        item = doc.access(*key) if editable and key is not None else None
        fields = editable and key is not None and item.edit
        structure = editable and key is not None and item.structure
        a.add_plan.setEnabled(whole)
        a.add_sibling.setEnabled(structure if key is not None else whole)
        a.add_child.setEnabled(editable and key is not None and bool(
            self.editor.addable_children(key)))
        a.delete.setEnabled(structure)
        a.rename.setEnabled(fields)
        a.move_up.setEnabled(structure and self.editor.can_move(key, -1))
        a.move_down.setEnabled(structure and self.editor.can_move(key, 1))
        a.indent.setEnabled(fields and self.editor.can_indent(key, True))
        a.outdent.setEnabled(fields and self.editor.can_indent(key, False))
        a.copy.setEnabled(key is not None)
        a.cut.setEnabled(structure)
        a.duplicate.setEnabled(structure)
        a.paste.setEnabled(whole or bool(item and (item.children or item.structure)))
        a.replace.setEnabled(whole)
        a.save_copy.setEnabled(doc is not None and doc.store.path is not None)
        for action in (a.export_docx, a.export_pdf, a.print, a.print_preview,
                       a.deleted_items, a.reload, a.changes_since):
            action.setEnabled(doc is not None)
        a.history.setEnabled(key is not None)
        self.menus["export"].setEnabled(doc is not None)
        a.import_paper.setEnabled(whole)

    def _fill_add_menu(self, menu: QMenu, reserved=()) -> None:
        menu.clear()
        key = self.tree.current_key() if self.doc else None
        editable = self.doc is not None and not self.doc.readonly
        used = {_access_key(a.text()) for a in menu.actions()} - {None} | set(reserved)
        if key is not None:
            title = KINDS[key[0]].title.lower()
            beside = editable and self.doc.access(*key).structure
            menu.addAction(with_access_key(f"New {title} after this", used),
                           self.editor.add_sibling).setEnabled(beside)
            for kind in self.editor.addable_children(key):
                menu.addAction(with_access_key(f"New {KINDS[kind].title.lower()} inside", used),
                               lambda k=kind: self.editor.add_child(k)).setEnabled(editable)
        else:
            menu.addAction("New &plan", self.editor.add_plan).setEnabled(
                editable and self.doc.rights.everything)

    def _tree_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        if index.isValid() and not self.tree.selectionModel().isSelected(index):
            self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        a = self.actions
        shown = (a.cut, a.copy, a.paste, a.duplicate, None, a.rename, a.delete,
                 a.move_up, a.move_down, a.indent, a.outdent, None, a.history)
        self._fill_add_menu(menu, {_access_key(x.text()) for x in shown if x} | {"s"})
        menu.addSeparator()
        for action in shown:
            if action is None:
                menu.addSeparator()
            elif action.isEnabled():
                menu.addAction(action)
        status_menu(self, menu)
        menu.addSeparator()
        menu.addAction(self.actions.undo)
        self.run_menu(menu, self.tree.viewport().mapToGlobal(pos))

    def run_menu(self, menu: QMenu, where) -> None:
        """Show a context menu until it is closed (a seam for tests)."""
        menu.exec(where)

    # --- timeline ---------------------------------------------------------------------------

    def _refresh_timeline(self) -> None:
        if self.timeline is None or self.doc is None or \
                self.tabs.currentWidget() is not self.timeline:
            return
        key = self.tree.current_key()
        plan = self.doc.model.ancestor(key, "plan") if key else None
        self.timeline.show_plan(self.doc.store, plan[1] if plan else None)
        if key is not None and key[0] == "milestone":
            self.timeline.view.select_milestone(key[1])

    def _refresh_preview(self) -> None:
        """Point the Preview tab at the selected item's plan and portfolio (when it shows)."""
        if self.doc is None or self.tabs.currentWidget() is not self.preview:
            return
        key = self.tree.current_key()
        model = self.doc.model
        plan = model.ancestor(key, "plan") if key else None
        portfolio = model.ancestor(key, "portfolio") if key else None
        number = int(model.index_for(portfolio).data(Role.NUMBER)) if portfolio else None
        focus = model.index_for(key).data(Role.TEXT) if key and key[0] != "plan" else ""
        self.preview.follow(self.doc.store, plan[1] if plan else None, number, focus or "")

    def _timeline_clicked(self, milestone_id: int) -> None:
        key = ("milestone", milestone_id)
        if self.doc is None or not self.doc.model.contains(key):
            return
        source = self.doc.model.index_for(key)
        if not self.proxy.mapFromSource(source).isValid():  # hidden by Find: show it anyway
            self.find_bar.clear()
            self.statusBar().showMessage("Find was cleared to show the milestone chosen on "
                                         "the timeline.", 8000)
        self.select_key(key)
        self.tabs.setCurrentWidget(self.panes)

    # --- layout and closing -----------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get("window/state")
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get("window/splitter")
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        screen = self.screen()
        if screen is not None:  # a saved size from a bigger screen, or 150% scaling
            fit_to_screen(self, screen.availableGeometry())

    def save_layout(self) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.set("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.panes.flush()
        if self.doc is not None and self.doc.offline and not self.reconnect.try_again() \
                and not self.reconnect.may_close():
            event.ignore()  # the server is away and typing would be lost: kept open
            return
        self.save_layout()
        self._close_document()
        event.accept()
