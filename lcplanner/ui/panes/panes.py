"""The edit pane for each kind of item, each a Designer form plus what is particular to it."""
from __future__ import annotations

from PySide6.QtWidgets import QListWidgetItem, QMenu

from lcplanner import services
from lcplanner.domain.fuzzy_date import FuzzyDate
from lcplanner.domain.model import PlanStatus
from lcplanner.ui.commands import AddCommand, DeleteCommand, MoveCommand, SetFieldCommand
from lcplanner.ui.forms.ui_milestone_pane import Ui_MilestonePane
from lcplanner.ui.forms.ui_output_pane import Ui_OutputPane
from lcplanner.ui.forms.ui_paper_pane import Ui_PaperPane
from lcplanner.ui.forms.ui_plan_pane import Ui_PlanPane
from lcplanner.ui.forms.ui_portfolio_pane import Ui_PortfolioPane
from lcplanner.ui.forms.ui_priority_pane import Ui_PriorityPane
from lcplanner.ui.forms.ui_simple_pane import Ui_SimplePane
from lcplanner.ui.panes.base import ID_ROLE, FieldPane, fill_combo


class PlanPane(FieldPane):
    form_class = Ui_PlanPane
    kinds = ("plan",)

    def fill_choices(self, details):
        fill_combo(self.ui.field_status, [(s.value, s.label) for s in PlanStatus])


class PortfolioPane(FieldPane):
    form_class = Ui_PortfolioPane
    kinds = ("portfolio",)

    def fill_choices(self, details):
        fill_combo(self.ui.field_kind, [("portfolio", "Portfolio"),
                                        ("directorate", "Directorate")])


class PriorityPane(FieldPane):
    form_class = Ui_PriorityPane
    kinds = ("priority",)

    def fill_choices(self, details):
        super().fill_choices(details)
        fill_combo(self.ui.field_service_group_id,
                   [(None, "None"), *details.choices.get("service_groups", [])])


class OutputPane(FieldPane):
    form_class = Ui_OutputPane
    kinds = ("output",)


def date_readings(lines: list[str], financial: bool = False) -> tuple[str, bool]:
    """"Autumn 2022 → Sep–Nov 2022" per line, and whether every date could be read."""
    readings, ok = [], True
    for line in lines:
        date = FuzzyDate.parse(line, financial=financial)
        if date.is_readable:
            readings.append(f"{line} → {date.reading()}")
        else:
            ok = False
            readings.append(f"⚠ {line}: cannot read this date; it will be printed as written "
                            "but left off the timeline")
    return "\n".join(readings) or "No dates yet (the milestone shows as TBC).", ok


class MilestonePane(FieldPane):
    form_class = Ui_MilestonePane
    kinds = ("milestone",)

    def loaded(self, details):
        self._show_readings(details.values.get("dates", []))

    def edited(self, name, value):
        if name == "dates":
            self._show_readings(value)

    def _show_readings(self, lines):
        financial = bool(self.details and self.details.financial_quarters)
        text, ok = date_readings(lines, financial)
        self.ui.reading_dates.setText(text)
        self.ui.reading_dates.setStyleSheet("" if ok else "color: #b71c1c;")


class PaperPane(FieldPane):
    """The committee paper; its recommendations are an ordered list edited in place."""

    form_class = Ui_PaperPane
    kinds = ("paper",)

    def __init__(self, doc, save_delay_ms=1000, parent=None):
        super().__init__(doc, save_delay_ms, parent)
        self._list = self.ui.list_recommendations
        self._list.itemChanged.connect(self._recommendation_edited)
        self._list.setContextMenuPolicy(self._list.contextMenuPolicy().CustomContextMenu)
        self._list.customContextMenuRequested.connect(self._list_menu)

    def loaded(self, details):
        self._list.blockSignals(True)
        self._list.clear()
        for rec_id, text in details.values.get("recommendations", []):
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, rec_id)
            item.setFlags(item.flags() | item.flags().ItemIsEditable)
            self._list.addItem(item)
        self._list.blockSignals(False)

    def _recommendation_edited(self, item):
        if not self._loading:
            self.doc.push(SetFieldCommand(self.doc, "recommendation", item.data(ID_ROLE),
                                          "text", item.text(), merge=False))
            self.doc.item_changed.emit(self.kind, self.item_id)

    def _list_menu(self, pos):
        row = self._list.currentRow()
        menu = QMenu(self)
        menu.addAction("Add recommendation", lambda: self.doc.push(AddCommand(
            self.doc, "recommendation", self.item_id, row + 1 if row >= 0 else None,
            text="New recommendation")))
        if row >= 0:
            rec = self._list.item(row).data(ID_ROLE)
            menu.addAction("Move up", lambda: self.doc.push(MoveCommand(
                self.doc, "recommendation", rec, self.item_id, max(0, row - 1))))
            menu.addAction("Move down", lambda: self.doc.push(MoveCommand(
                self.doc, "recommendation", rec, self.item_id, row + 1)))
            menu.addAction("Delete recommendation", lambda: self.doc.push(DeleteCommand(
                self.doc, "recommendation", rec)))
        menu.exec(self._list.mapToGlobal(pos))


#: kind → (line field, its label, text field, its label) for the simple pane.
SIMPLE_FIELDS = {
    "section": ("title", "&Title:", "body", "&Text:"),
    "narrative_point": (None, "", "text", "&Point:"),
    "sub_point": (None, "", "text", "&Point:"),
    "theme": ("name", "&Name:", "description", "&Description:"),
    "service_group": ("name", "&Name:", None, ""),
    "work_area": (None, "", "text", "&Work area:"),
    "objective": ("title", "&Title:", "strapline", "&Strapline:"),
    "sub_priority": ("title", "&Title:", None, ""),
    "pledge_area": ("name", "&Name:", None, ""),
    "pledge": (None, "", "text", "&Pledge:"),
    "pledge_point": (None, "", "text", "&Point:"),
    "policy_event": ("date_text", "&Date:", "text", "&Event:"),
}


class SimplePane(FieldPane):
    """A name and/or a text: themes, sections, pledges, work areas, objectives …

    The form has one line field and one text field; which item fields they edit depends on the
    kind shown, so they are bound under placeholder names and mapped in :meth:`configure`.
    """

    form_class = Ui_SimplePane
    kinds = tuple(SIMPLE_FIELDS)

    def __init__(self, doc, save_delay_ms=1000, parent=None):
        super().__init__(doc, save_delay_ms, parent)
        self.bind("__line", self.ui.line)
        self.bind("__body", self.ui.body)
        self.widgets.clear()

    def configure(self, kind):
        line, line_label, body, body_label = SIMPLE_FIELDS[kind]
        self.widgets.clear()
        for field, label, widget, caption in ((line, line_label, self.ui.line, self.ui.label_line),
                                              (body, body_label, self.ui.body,
                                               self.ui.label_body)):
            widget.setVisible(field is not None)
            caption.setVisible(field is not None)
            if field is not None:
                caption.setText(label)
                widget.setAccessibleName(label.replace("&", "").rstrip(":"))
                self.widgets[field] = widget

    def _typed(self, name, value):
        if name in ("__line", "__body"):
            widget = self.ui.line if name == "__line" else self.ui.body
            name = next((n for n, w in self.widgets.items() if w is widget), None)
            if name is None:
                return
        super()._typed(name, value)


PANES = (PlanPane, PaperPane, PortfolioPane, PriorityPane, OutputPane, MilestonePane, SimplePane)


def pane_classes() -> dict[str, type[FieldPane]]:
    """kind → pane class; every tree kind has one."""
    found = {kind: cls for cls in PANES for kind in cls.kinds}
    missing = set(services.TREE_ORDER) - set(found)
    found.update({kind: SimplePane for kind in missing if kind in SIMPLE_FIELDS})
    return found
