"""The edit pane for each kind of item, each a Designer form plus what is particular to it."""
from __future__ import annotations

from lcplanner import services
from lcplanner.domain.fuzzy_date import FuzzyDate
from PySide6.QtWidgets import QCheckBox, QLabel, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from lcplanner.services.due_dates import date_phrases, dates_after_toggle
from lcplanner.ui.colours import warning_colour
from lcplanner.ui.commands import SetFieldCommand
from lcplanner.ui.forms.ui_milestone_pane import Ui_MilestonePane
from lcplanner.ui.forms.ui_output_pane import Ui_OutputPane
from lcplanner.ui.forms.ui_paper_pane import Ui_PaperPane
from lcplanner.ui.forms.ui_plan_pane import Ui_PlanPane
from lcplanner.ui.forms.ui_pledge_pane import Ui_PledgePane
from lcplanner.ui.forms.ui_portfolio_pane import Ui_PortfolioPane
from lcplanner.ui.forms.ui_priority_pane import Ui_PriorityPane
from lcplanner.ui.forms.ui_section_pane import Ui_SectionPane
from lcplanner.ui.forms.ui_simple_pane import Ui_SimplePane
from lcplanner.ui.panes.base import FieldPane, fill_combo


class PlanPane(FieldPane):
    form_class = Ui_PlanPane
    kinds = ("plan",)

    def fill_choices(self, details):
        from lcplanner.domain.model import PlanStatus

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
    """A milestone: its wording, its dates, and which date phrases of the wording are due dates
    (a tick each: ticking one makes it a due date, as one undoable step)."""

    form_class = Ui_MilestonePane
    kinds = ("milestone",)

    def __init__(self, doc, save_delay_ms=1000, parent=None):
        super().__init__(doc, save_delay_ms, parent)
        self.due_box = QWidget(self)
        self.due_box.setObjectName("dueDates")
        self.due_box.setAccessibleName("Date phrases in the wording")
        self._due_layout = QVBoxLayout(self.due_box)
        self._due_layout.setContentsMargins(0, 0, 0, 0)
        self.due_none = QLabel("The name and text mention no dates.", self.due_box)
        self._due_layout.addWidget(self.due_none)
        self.due_checks: list[QCheckBox] = []
        label = QLabel("Due dates in the wording:", self)
        label.setWordWrap(True)
        row, _role = self.ui.form.getWidgetPosition(self.ui.reading_dates)
        self.ui.form.insertRow(row + 1, label, self.due_box)

    def loaded(self, details):
        self._show_readings(details.values.get("dates", []))
        self._show_phrases()

    def edited(self, name, value):
        if name == "dates":
            self._show_readings(value)
        if name in ("name", "text", "dates"):
            self._show_phrases()

    def _value(self, name):
        if name in self._pending:
            return self._pending[name]
        return self.details.values.get(name) if self.details is not None else None

    def _show_phrases(self) -> None:
        """One tick per date phrase of the name and text, ticked when it is a due date."""
        phrases = date_phrases(self._value("name") or "", self._value("text") or "",
                               self._value("dates") or [])
        if [c.property("phrase") for c in self.due_checks] != [p.phrase for p in phrases]:
            for check in self.due_checks:
                self._due_layout.removeWidget(check)
                check.hide()
                check.deleteLater()
            self.due_checks = []
            for phrase in phrases:
                check = QCheckBox(f"“{phrase.phrase}” is a due date", self.due_box)
                check.setProperty("phrase", phrase.phrase)
                check.setAccessibleName(f"{phrase.phrase} is a due date")
                check.setToolTip("Ticked, the milestone is due by this date and the timeline "
                                 "shows it so; unticked, the date stays in the wording only."
                                 + ("" if phrase.suggested else
                                    " This one reads as a date mentioned in passing."))
                check.clicked.connect(lambda on, p=phrase.phrase: self._due_clicked(p, on))
                self._due_layout.addWidget(check)
                self.due_checks.append(check)
        for check, phrase in zip(self.due_checks, phrases):
            check.blockSignals(True)
            check.setChecked(phrase.due)
            check.blockSignals(False)
            check.setEnabled(not self.doc.readonly)
        self.due_none.setVisible(not phrases)

    def _due_clicked(self, phrase: str, due: bool) -> None:
        if self._loading or self.item_id is None:
            return
        self.flush()  # the wording as typed so far is what the tick refers to
        dates = dates_after_toggle(self.doc.store, self.item_id, phrase, due)
        label = f"Make “{phrase}” a due date" if due else f"Take “{phrase}” off the due dates"
        version, base = self._read.get("dates", (None, None))  # the dates the tick was on
        key = (self.kind, self.item_id)
        self.doc.push(SetFieldCommand(
            self.doc, self.kind, self.item_id, "dates", dates, text=label, merge=False,
            expected_version=version, base=base,
            on_saved=lambda saved: self._saved(key, "dates", dates, saved),
            on_conflict=lambda conflict: self._conflict(conflict, dates)))

    def _show_readings(self, lines):
        financial = bool(self.details and self.details.financial_quarters)
        text, ok = date_readings(lines, financial)
        self.ui.reading_dates.setText(text)
        colour = warning_colour(self.ui.reading_dates.palette()).name()
        self.ui.reading_dates.setStyleSheet("" if ok else f"color: {colour};")


class PaperPane(FieldPane):
    """The committee paper: header fields, summary, implications, and its recommendations,
    appendices and background papers as ordered lists (``list_*``, bound by the base class).
    The numbered body sections are tree rows under the paper, each with its own pane."""

    form_class = Ui_PaperPane
    kinds = ("paper",)


class SectionPane(FieldPane):
    """A plan's narrative section: title, text and its bullet points."""

    form_class = Ui_SectionPane
    kinds = ("section",)


class PledgePane(FieldPane):
    """A pledge: its text, its points, and the plan's priorities that serve it."""

    form_class = Ui_PledgePane
    kinds = ("pledge",)


#: kind → (line field, its label, text field, its label) for the simple pane.
SIMPLE_FIELDS = {
    "paper_section": ("title", "&Heading:", "body", "&Text:"),
    "narrative_point": (None, "", "text", "&Point:"),
    "sub_point": (None, "", "text", "&Point:"),
    "theme": ("name", "&Name:", "description", "&Description:"),
    "service_group": ("name", "&Name:", None, ""),
    "work_area": (None, "", "text", "&Work area:"),
    "objective": ("title", "&Title:", "strapline", "&Strapline:"),
    "sub_priority": ("title", "&Title:", None, ""),
    "pledge_area": ("name", "&Name:", "description", "&Description:"),
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
        # With no text field shown, the space below goes here: the fields stay at the top.
        self._tail = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.ui.outer.addItem(self._tail)

    def prose_widgets(self) -> list:
        return [self.ui.line, self.ui.body]

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
        self._tail.changeSize(0, 0, QSizePolicy.Policy.Minimum,
                              QSizePolicy.Policy.Minimum if body is not None
                              else QSizePolicy.Policy.Expanding)
        self.ui.outer.invalidate()

    def _typed(self, name, value):
        if name in ("__line", "__body"):
            widget = self.ui.line if name == "__line" else self.ui.body
            name = next((n for n, w in self.widgets.items() if w is widget), None)
            if name is None:
                return
        super()._typed(name, value)


PANES = (PlanPane, PaperPane, SectionPane, PledgePane, PortfolioPane, PriorityPane, OutputPane,
         MilestonePane, SimplePane)


def pane_classes() -> dict[str, type[FieldPane]]:
    """kind → pane class; every tree kind has one."""
    found = {kind: cls for cls in PANES for kind in cls.kinds}
    missing = set(services.TREE_ORDER) - set(found)
    found.update({kind: SimplePane for kind in missing if kind in SIMPLE_FIELDS})
    return found
