"""House style as data: the fixed labels and headings a paper uses, per organisation.

lcplanner never writes a sentence for the user. What it may print of its own are labels and
fixed headings ("Summary", "Outcome:", "Report by:"), and those belong to the organisation's
house style, not to the code: :data:`DEFAULT_LABELS` holds generic British English labels, and an
organisation's own wording is read from ``house-style/<organisation>.json`` in lcplanner's data
folder (``{"labels": {...}, "required": [...], "appendix_numbering": "word"}``), so two bodies
sharing one installation each get their own.

Where a part of a paper is empty, the composers leave it out; where the house style requires
it (``required``), they show :data:`DEFAULT_LABELS` ``["to_be_completed"]`` in its place and
report it through :meth:`HouseStyle.missing`, so the command line and the export dialog tell the
clerk what is still to be written.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Generic labels in British English. Keys are stable; values are what a reader sees.
DEFAULT_LABELS: dict[str, str] = {
    # the committee header block
    "committee": "Committee:", "item_number": "Item no:", "meeting_date": "Date:",
    "report_by": "Report by:", "job_title": "Job title:", "contact_officer": "Contact officer:",
    "telephone": "Telephone:", "email": "Email:", "item": "Item",
    # the parts of a committee paper
    "summary": "Summary", "recommendations": "Recommendations",
    "financial_implications": "Financial implications",
    "legal_implications": "Legal implications",
    "equalities_implications": "Equalities implications",
    "appendices": "Appendices", "background_papers": "Background papers",
    "appendix": "Appendix", "changes_since": "Changes since",
    # plan content
    "outcome": "Outcome:", "note": "Note:", "portfolio_holder": "Portfolio holder:",
    "shadow_holder": "Shadow portfolio holder:", "lead": "Lead:", "theme": "Theme:",
    "pledge": "Pledge", "pledges_ref": "Pledges", "core_area": "Core area:",
    "sub_priorities": "Sub-priorities:", "not_set": "Not set", "no_date": "TBC",
    "no_tags": "None",
    # fixed headings of the plan's parts
    "themes": "Themes", "portfolio_priorities": "Portfolio priorities",
    "objectives_and_milestones": "Objectives and milestones", "milestones": "Milestones",
    "pledges": "Pledges", "work_areas": "Work areas by portfolio",
    "policy_events": "Policy events", "contents": "Contents",
    # table headers and captions
    "milestone": "Milestone", "date": "Date", "status": "Status", "event": "Event",
    "sub_priorities_column": "Sub-priorities",
    # the plan document's facts
    "period": "Period:", "plan_status": "Status:",
    # the timeline
    "timeline": "Timeline of milestones", "milestones_in_full": "Milestones in full",
    "number_column": "No.", "objective": "Objective",
    # the portfolio summary
    "portfolio": "Portfolio", "plan": "Plan:", "output_lead": "Output lead:",
    "output_leads": "Output leads:", "priorities": "Priorities",
    "work_areas_short": "Work areas", "progress_at_a_glance": "Progress at a glance",
    "outputs_column": "Outputs", "share_column": "Share of outputs",
    "outputs_count": "Outputs:", "exceptions": "Exceptions", "ref": "Ref",
    "output": "Output", "progress_note": "Progress note",
    "exceptions_caption": "Outputs at risk or off track",
    # the visible mark for a required part nobody has written yet
    "to_be_completed": "[To be completed]",
}

#: Parts a house style may require: key → what the warning calls it.
REQUIRABLE = {
    "summary": "summary", "recommendations": "recommendations",
    "financial_implications": "financial implications",
    "legal_implications": "legal implications",
    "equalities_implications": "equalities implications",
    "background_papers": "background papers",
}

#: Appendix numbering styles: "letter" (Appendix A), "word" (Appendix One), "number" (1).
_WORDS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
          "Eleven", "Twelve")
_APPENDIX_REF = re.compile(r"\bAppendix\s+(?:(?P<word>" + "|".join(_WORDS) + r")\b"
                           r"|(?P<letter>[A-H])\b(?![’'\w])|(?P<number>\d{1,2})\b)", re.IGNORECASE)


@dataclass
class HouseStyle:
    labels: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LABELS))
    #: Keys of :data:`REQUIRABLE` whose heading stays, marked, when the part is empty.
    required: frozenset[str] = frozenset()
    #: "letter", "word" or "number"; "" to follow the paper's own references.
    appendix_numbering: str = ""
    #: What is still to be completed, for the user (filled while composing).
    warnings: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> str:
        return self.labels.get(key) or DEFAULT_LABELS[key]

    def missing(self, what: str) -> str:
        """The visible mark for an empty part that must be shown; the gap is reported."""
        message = f"Nothing has been written for {what}: shown as " \
                  f"\u201c{self['to_be_completed']}\u201d."
        if message not in self.warnings:
            self.warnings.append(message)
        return self["to_be_completed"]

    def appendix_label(self, index: int, numbering: str) -> str:
        """"Appendix A", "Appendix One" or "Appendix 1" for the ``index``-th (0-based)."""
        style = self.appendix_numbering or numbering or "letter"
        if style == "word" and index < len(_WORDS):
            mark = _WORDS[index]
        elif style == "number":
            mark = str(index + 1)
        else:
            mark = chr(ord("A") + index) if index < 26 else str(index + 1)
        return f"{self['appendix']} {mark}"

    def all_labels(self) -> set[str]:
        """Every label this style can print (the checks' whitelist)."""
        return {v for v in {**DEFAULT_LABELS, **self.labels}.values() if v}


def appendix_numbering(texts) -> str:
    """How a paper refers to its appendices ("word", "letter", "number"), or "" if it never
    does: the first reference found in the paper's own text decides."""
    for text in texts:
        match = _APPENDIX_REF.search(text or "")
        if match:
            return next(k for k, v in match.groupdict().items() if v)
    return ""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (name or "").casefold()).strip("-")


def style_folder() -> Path:
    from lcplanner.store.default import data_folder

    return data_folder() / "house-style"


def for_organisation(organisation: str | None) -> HouseStyle:
    """The organisation's house style: its own file when there is one, else the defaults.

    A file that cannot be read is ignored with a warning (an export never fails over labels).
    """
    style = HouseStyle()
    slug = _slug(organisation or "")
    path = style_folder() / f"{slug or 'default'}.json"
    if not path.is_file():
        path = style_folder() / "default.json"
        if not path.is_file():
            return style
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        labels = data.get("labels", {})
        required = data.get("required", [])
        numbering = data.get("appendix_numbering", "")
        if not (isinstance(labels, dict) and isinstance(required, list)
                and numbering in ("", "letter", "word", "number")):
            raise ValueError("unexpected shape")
    except (OSError, ValueError, AttributeError) as exc:
        style.warnings.append(f"The house style {path.name} could not be read ({exc}); "
                              "used the default labels.")
        return style
    style.labels.update({k: str(v) for k, v in labels.items()
                         if k in DEFAULT_LABELS and isinstance(v, str) and v.strip()})
    style.required = frozenset(r for r in required if r in REQUIRABLE)
    style.appendix_numbering = numbering
    return style
