"""Structure builder: logical lines → an outline of the plan (plain dataclasses, no ORM).

Works like a document reader with modes. A heading switches mode (portfolio, objectives,
pledges, work areas, themes, or plain text sections); within a mode, each logical line is read
by its marker, its shape (heading-like or a sentence) and what came before, the way a careful
reader would. Nothing here is keyed to one year's paper: the same rules read portfolios whose
priorities are numbered "1" under "1. Finance …", directorates whose areas hold bulleted
priorities, and typed-text numbering.
"""
from __future__ import annotations

import re

from lcplanner.domain.numbering import letter as letter_of
from lcplanner.importers.dates import leading_date
from lcplanner.importers.lines import Line
from lcplanner.importers.outline import (
    GROUP_LABEL, OBJECTIVE_LABEL, OUTCOME_LABEL, THEME_LABEL, TYPED_LABEL, ObjectiveB, Outline,
    OutputB, PortfolioB, PriorityB, SectionB, same_text, strip_label, unmark,
)
from lcplanner.importers.paper_parts import (
    _APPENDIX_HEAD, _IMPLICATIONS, _NOTE, _OUTPUTS, _RECS, PaperParts,
)
from lcplanner.importers.groupings import _GROUPING_WORD, _title_case, holder_fields
from lcplanner.importers.links import priority_links
from lcplanner.importers.plan_parts import _WE_WILL, PlanParts

_NOTE_IN_BRACKETS = re.compile(r"^(.*?)\s*\(([^()]{3,})\)\s*$")
#: Typed label words that open an output rather than a priority ("Output (a)", "Action 2:").
_OUTPUT_WORDS = ("output", "action", "deliverable")


class Reader(PaperParts, PlanParts):
    """Reads logical lines into an :class:`Outline`; see the module docstring."""

    def __init__(self, lines: list[Line], start: int, paper: dict[str, str]):
        self.lines = lines
        self.i = start
        self.out = Outline(paper=dict(paper))
        self.mode = "text"
        self.section: SectionB | None = None
        self.para_enum = ""  # the last typed paragraph number ("1.2") in the section
        self.embedded = False  # inside a flattened figure between numbered paragraphs
        self.pf: PortfolioB | None = None
        self.pri: PriorityB | None = None
        self.occ_section: SectionB | None = None
        self.group = ""
        self.outputs_expected = False
        self.note_mode = False
        self.outcome_expected = False  # an "Outcome:" label stood alone on its line
        self.holder_expected = ""  # a holder label whose name is on the next line
        self.obj: ObjectiveB | None = None
        self.in_milestones = False
        self.wa_pf: PortfolioB | None = None
        self.wa_group = ""
        self.pledge_area: tuple[str, list] | None = None
        self.pledge_glyph = ""
        self.priority_style = ""
        self.pri_number = 0
        self.theme = ""  # the typed "Theme 1: …" the reader is under
        if paper.get("extra"):  # header lines that are none of its fields: kept, first
            section = self._start_section("")
            for paragraph in paper["extra"].split("\n\n"):
                section.add_paragraph(paragraph)

    # --- helpers ---------------------------------------------------------------------------
    def peek(self, k: int = 1) -> Line | None:
        j = self.i + k
        return self.lines[j] if j < len(self.lines) else None

    def _paragraphs_until_heading(self) -> list[str]:
        """Consume unmarked sentences after the current line, stopping at headings."""
        found = []
        while (nxt := self.peek()) and not nxt.marked and not nxt.is_heading_like() \
                and not _RECS.match(nxt.text) and not _IMPLICATIONS.match(nxt.text):
            found.append(nxt.text)
            self.i += 1
        return found

    def _set_paper(self, name: str, value: str) -> None:
        if value and not self.out.paper.get(name):
            self.out.paper[name] = value

    # --- main loop -------------------------------------------------------------------------
    def read(self) -> Outline:
        while self.i < len(self.lines):
            self.step(self.lines[self.i])
            self.i += 1
        return self.out

    def step(self, line: Line) -> None:
        text = line.text
        if line.row is not None:
            self._table_row(line)
            return
        if self._paper_part(line):
            return
        if self.mode != "portfolio" and not line.marked and (match := _WE_WILL.match(text)):
            self._we_will_theme(match.group(1), match.group(2))
            return
        heading = line.is_heading_like() and not line.bullet and not text.endswith(":")
        if heading and not line.enum and re.search(r"\bwork areas\b", text, re.IGNORECASE):
            self.mode, self.wa_pf, self.wa_group = "workareas", None, ""
            self._start_section(text)  # the heading stays in its place
            return
        if self.mode == "workareas":
            if heading and _APPENDIX_HEAD.match(text) and not line.enum:
                self.mode = "text"
            else:
                self._work_area(line)
                return
        if heading and not line.enum and re.search(r"\b(?:pledges?|commitments?|promises)\b", text,
                                                   re.IGNORECASE):
            self.mode = "pledges"
            self._start_section(text)
            return
        if self.mode == "pledges":
            if heading and _APPENDIX_HEAD.match(text):
                self.mode = "text"
                return self.step(line)  # the next appendix may open a part of its own
            else:
                self._pledge(line)
                return
        if heading and not line.enum and line.words <= 4 and re.search(
                r"\bthemes\b", text, re.IGNORECASE):
            self.mode = "themes"
            self._start_section(text)
            return
        if self.mode == "themes":
            if self._theme(line):
                return
            self.mode = "text"
        if not line.marked and line.words <= 14 and (match := THEME_LABEL.match(text)):
            self._labelled_theme(text[match.end():].strip())
            return
        if self.mode != "portfolio" and not line.marked and line.words <= 16 and (
                match := OBJECTIVE_LABEL.match(text)):  # under a portfolio: a priority's label
            self.obj = ObjectiveB(title=text[match.end():].strip(), strapline="",
                                  heading=self.theme, labelled=True)
            self.out.objectives.append(self.obj)
            self.mode, self.in_milestones = "objectives", False
            return
        if self._part_start(line):
            return
        if self.mode == "objectives":
            if self._objective_line(line):
                return
            self.mode = "text"
        if self._portfolio_start(line):
            return
        if self.mode == "portfolio":
            if self._portfolio_line(line):
                if line.bullet or line.kind in ("letter", "roman"):
                    self.occ_section.add_point(unmark(line.text))
                else:
                    self.occ_section.add_paragraph(unmark(line.text))
                return
            self.mode = "text"
        self._text(line)

    # --- text sections ---------------------------------------------------------------------
    def _start_section(self, title: str) -> SectionB:
        self.section = SectionB(title=title)
        self.out.sections.append(self.section)
        self.para_enum, self.embedded = "", False
        return self.section

    def _numbering_resumes(self) -> bool:
        """Whether the section's typed paragraph numbers carry on after the current line.

        Papers number their paragraphs ("1.1", "1.2" …). When "1.3" follows a stretch of
        unnumbered headings and bullets, that stretch is a figure or table that extraction
        flattened into text (a diagram "summarised in the picture below"), not new sections.
        """
        if not self.para_enum:
            return False
        major, _, minor = self.para_enum.rpartition(".")
        expected = f"{major}.{int(minor) + 1}"
        for line in self.lines[self.i + 1:self.i + 80]:
            if line.kind == "dotted":
                return line.enum == expected
            if line.kind == "number" and line.is_heading_like() or _RECS.match(line.text) \
                    or _IMPLICATIONS.match(line.text):
                return False
        return False

    def _next_paragraph_number(self, enum: str) -> bool:
        """Whether ``enum`` ("4.3") is the paragraph number after the last one ("4.2"): a short
        numbered title line there is the section's next paragraph, not a new section."""
        major, _, minor = self.para_enum.rpartition(".")
        return bool(self.para_enum) and minor.isdigit() and enum == f"{major}.{int(minor) + 1}"

    def _text(self, line: Line) -> None:
        text = unmark(line.text)
        numbered = line.kind == "dotted"  # "- 2.4 That work led to…": the glyph is noise
        if line.bullet and not numbered and (event := leading_date(text)):
            self.out.policy_events.append(event)
            return
        heading = ((line.heading or line.is_heading_like(10)) and not line.bullet
                   and not line.kind == "letter" and not text.endswith(":")
                   # a reader that saw no heading style: a numbered paragraph, or a short
                   # one among numbered paragraphs (not a flattened figure's text)
                   and not (line.heading is False and (numbered or self.para_enum)))
        if heading and not (self.embedded or self._numbering_resumes()
                            or (numbered and self._next_paragraph_number(line.enum))):
            self._start_section(text)
            return
        if self.section is None:
            self._start_section("")
        if numbered:
            self.section.add_paragraph(text)
            self.para_enum, self.embedded = line.enum, False
            return
        if heading:
            self.embedded = True  # a figure's text: kept, as points under the paragraph
        if self.embedded or line.bullet or line.kind in ("letter", "roman"):
            self.section.add_point(text)
            if not self.embedded and line.words <= 8 and not line.ends_sentence():
                self.out.known_names.append(text)
        else:
            self.section.add_paragraph(text)

    # --- portfolios ------------------------------------------------------------------------
    def _portfolio(self, name: str, kind: str = "portfolio", note: str = "") -> PortfolioB:
        """Find the portfolio of this name (the body and the appendix both list them)."""
        for pf in self.out.portfolios:
            if same_text(pf.name, name):  # "Area 1" and "Area 2" are two portfolios
                break
        else:
            pf = PortfolioB(name=name, kind=kind)
            self.out.portfolios.append(pf)
        if note and note not in pf.note:
            pf.note = "\n\n".join(p for p in (pf.note, note) if p)
        pf.occurrences.append([])
        return pf

    def _portfolio_start(self, line: Line) -> bool:
        text = unmark(line.text)
        directorate = re.search(r"\bdirectorate$", text, re.IGNORECASE) and line.words <= 8 \
            and (not line.enum or line.kind == "number") and not line.bullet
        numbered = line.kind == "number" and not line.bullet and line.indent == 0 and (
            line.style in ("N.", "N)") or self._outline_below(line.enum))  # "1<tab>Name"
        labelled = GROUP_LABEL.match(text) if not line.marked else None
        capitals = (not line.marked and line.words <= 10 and _GROUPING_WORD.search(text)
                    and text == text.upper() and any(c.isalpha() for c in text))
        if not (directorate or numbered or labelled or capitals):
            return False
        if labelled and not text[labelled.end():].strip():
            return False  # "Strategic priorities" alone: a section heading
        directorate = directorate or re.search(r"\bdirectorate\b", text, re.IGNORECASE)
        if labelled:
            text = text[labelled.end():].strip()
        if capitals or (labelled and text == text.upper()):
            text = _title_case(text)  # "HOMES AND NEIGHBOURHOODS" → "Homes and Neighbourhoods"
        name, note = text, ""
        if match := _NOTE_IN_BRACKETS.match(text):
            name, note = match.group(1), match.group(2)
        probe = Line(text=name)
        if not probe.is_heading_like(10) or name.endswith(":"):
            return False
        if self.mode == "portfolio" and self.pf and numbered and self._continues_priorities(
                line, name):
            return False  # typed "1." under "1. Finance": a priority, not the next portfolio
        nxt = self.peek()
        if nxt is not None and nxt.kind == "dotted" and nxt.enum.split(".")[0] == line.enum \
                and not ((nxt.is_heading_like(15) or self._outcome_follows(2) or (
                    not nxt.ends_sentence() and (after := self.peek(2)) is not None
                    and after.kind == "letter")) and self._outline_below(line.enum)):
            return False  # "1. Introduction" over "1.1 …": a paper section
        self.pf = self._portfolio(name, "directorate" if directorate else "portfolio", note)
        self.pf.named = self.pf.named or bool(labelled or capitals)
        # the listing is also kept as text: if another listing of this portfolio becomes the
        # plan's, this one stays in the paper where it stands (see merge_occurrences)
        self.occ_section = SectionB(title=unmark(line.text), occurrence=(self.pf, len(self.pf.occurrences) - 1))
        self.out.sections.append(self.occ_section)
        self.section = None
        self.pri, self.group, self.mode = None, "", "portfolio"
        self.pri_number = 0
        self.outputs_expected = self.note_mode = self.outcome_expected = False
        self.holder_expected = ""
        return True

    def _continues_priorities(self, line: Line, name: str) -> bool:
        """Whether a typed "N." line is the next priority rather than the next portfolio.

        Papers with typed numbering write both as "1.", so we follow the sequence: a known
        portfolio name, or a line followed by a "1." of its own, opens a portfolio; a number
        that carries on the current priorities (or starts them at 1) is a priority.
        """
        if any(same_text(pf.name, name) for pf in self.out.portfolios):
            return False
        nxt = self.peek()
        if nxt is not None and nxt.kind == "number" and nxt.number == 1:
            return False
        started = bool(self.pf.occurrences[-1])
        same_style = not started or self.priority_style == line.style
        return line.number == self.pri_number + 1 and same_style

    def _new_priority(self, title: str, **flags) -> PriorityB:
        self.pri = PriorityB(title=strip_label(title), group=self.group, **flags)
        self.pf.occurrences[-1].append(self.pri)
        self.outputs_expected = self.note_mode = self.outcome_expected = False
        return self.pri

    def _add_output(self, text: str) -> None:
        self.pri.outputs.append(OutputB(strip_label(text)))

    def _holder_line(self, line: Line, text: str) -> bool:
        """Labelled holder lines right under the portfolio heading, before anything else."""
        if self.pri is not None or self.group or self.pf.occurrences[-1] or line.enum:
            self.holder_expected = ""
            return False
        found = holder_fields(text)
        if not found and self.holder_expected and not line.marked and line.words <= 8:
            found = [(self.holder_expected, text)]  # "Portfolio holder:" then the name below
        if not found:
            self.holder_expected = ""
            return False
        self.holder_expected = ""
        for field, value in found:
            if not value:
                self.holder_expected = field
            elif value not in getattr(self.pf, field).split("; "):
                setattr(self.pf, field, "; ".join(v for v in (getattr(self.pf, field), value) if v))
        return True

    def _labelled(self, line: Line, text: str) -> bool:
        """Lines that say what they are: "Priority 1: …", "Output (a) …", "Outcome: …"."""
        pri = self.pri
        if self.outcome_expected and pri is not None:
            if line.bullet and not line.enum:  # "Outcomes:" over a bulleted list
                pri.outcome = "\n".join(p for p in (pri.outcome, "\u2022 " + text) if p)
                return True
            self.outcome_expected = False
            if not line.marked and not pri.outcome:
                pri.outcome = text
                return True
        if line.enum:
            return False
        if pri is not None and (match := OUTCOME_LABEL.match(text)):
            rest = text[match.end():].strip()
            if rest:
                pri.outcome = "\n\n".join(p for p in (pri.outcome, rest) if p)
            else:
                self.outcome_expected = True
            self.note_mode = False
            return True
        if pri is not None and not line.marked and (links := priority_links(text)):
            pri.links.append((*links, text))  # resolved once the plan's themes are known
            return True
        if not (match := TYPED_LABEL.match(text)):
            return False
        rest = text[match.end():].strip()
        if text.split(None, 1)[0].casefold() in _OUTPUT_WORDS:
            if pri is None:
                return False
            if rest:
                self._add_output(rest)
            self.outputs_expected, self.note_mode = True, False
            return True
        self._new_priority(rest, numbered=True)
        return True

    def _sub_point(self, text: str, enumerated: bool, indent_bullet: bool = False) -> None:
        out = self.pri.outputs[-1]
        level = 1 if indent_bullet and any(e for _, _, e in out.subs) else 0
        out.subs.append((level, text, enumerated))

    def _portfolio_line(self, line: Line) -> bool:
        text = unmark(line.text)
        nxt = self.peek()
        if nxt is not None and nxt.row is not None and nxt.row.header and not line.marked \
                and line.is_heading_like(8) and not text.endswith(":"):
            return False  # a heading over a table of actions: the table's own section
        if _APPENDIX_HEAD.match(text) and not line.marked and line.is_heading_like(10):
            return False  # "Appendix B: …": the next appendix, not part of this portfolio
        if self._holder_line(line, text) or self._labelled(line, text):
            return True
        pri = self.pri
        if _OUTPUTS.match(text):
            self.outputs_expected, self.note_mode = True, False
            return True
        if pri and (match := _NOTE.match(text)):
            self.note_mode = True
            if match.group(1):
                pri.note = "\n\n".join(p for p in (pri.note, match.group(1)) if p)
            return True
        if self.note_mode and not line.marked and pri:
            pri.note = "\n\n".join(p for p in (pri.note, text) if p)
            return True
        if line.kind == "number":
            self.priority_style, self.pri_number = line.style, line.number
            self._new_priority(text, numbered=True)
            return True
        if line.kind == "dotted":  # typed outline: 1.1 a priority, 1.1.1 an output, then points
            depth = line.enum.count(".")
            nxt = self.peek()
            if depth == 1 and (line.is_heading_like(15) or self._outcome_follows(1) or (
                    not line.ends_sentence() and nxt is not None and nxt.kind == "letter")):
                self._new_priority(text, numbered=True)
                return True
            if depth == 2 and pri is not None:
                self._add_output(text)
                return True
            if depth >= 3 and pri is not None and pri.outputs:
                self._sub_point(text, enumerated=True)
                return True
            return False
        if line.kind in ("letter", "roman") and pri is not None:
            expected = letter_of(len(pri.outputs))
            as_letter = line.kind == "letter" or line.enum == expected
            if as_letter and (line.enum == expected or line.indent == 0 or not pri.outputs):
                self._add_output(text)
            elif pri.outputs:
                self._sub_point(text, enumerated=True)
            else:
                self._add_output(text)
            self.note_mode = False
            return True
        if line.bullet:
            return self._portfolio_bullet(line, text)
        return self._portfolio_paragraph(line, text)

    def _portfolio_bullet(self, line: Line, text: str) -> bool:
        pri = self.pri
        if pri and pri.outputs and line.indent > 0:
            self._sub_point(text, enumerated=False, indent_bullet=True)
        elif pri and not pri.bulleted and (pri.outputs or self.outputs_expected or pri.outcome
                                           or pri.numbered):
            self._add_output(text)  # an output whose letter extraction lost
        elif self.pf.kind == "directorate" or self.group or self.pf.named:
            self._new_priority(text, bulleted=True)
        else:
            self.pf.note = "\n\n".join(p for p in (self.pf.note, text) if p)
        return True

    def _starts_priority(self, k: int) -> bool:
        line = self.lines[k] if k < len(self.lines) else None
        if line is None:
            return False
        if line.kind == "number" and line.style not in ("N.", "N)"):
            return True
        if line.kind == "dotted" and line.enum.count(".") == 1 and self.pf.occurrences[-1] \
                and any(p.numbered for p in self.pf.occurrences[-1]):
            return True  # "7.3 Freedom Pass" after "7.2 …": the heading above it is a group
        if not line.enum and TYPED_LABEL.match(line.text) and \
                line.text.split(None, 1)[0].casefold() not in _OUTPUT_WORDS:
            return True  # "Priority 2: …"
        nxt = self.lines[k + 1] if k + 1 < len(self.lines) else None
        return (not line.marked and line.is_heading_like(14) and nxt is not None
                and not nxt.marked and not nxt.is_heading_like())

    def _portfolio_paragraph(self, line: Line, text: str) -> bool:
        pri, nxt = self.pri, self.peek()
        if pri is None and not self.pf.occurrences[-1] and nxt is not None \
                and nxt.kind == "dotted" and nxt.enum.count(".") == 1:
            self.pf.note = "\n\n".join(p for p in (self.pf.note, text) if p)
            return True  # under "3 Name", before "3.1 …": a remark on the portfolio
        if pri is not None and not pri.title and not (pri.outcome or pri.outputs):
            pri.title = text  # "Priority 1:" alone, its title on the next line
            return True
        if pri and pri.outputs and text[:1].islower():
            pri.outputs[-1].text += " " + text
            return True
        heading = line.is_heading_like(8) and not text.endswith(":")
        if heading and (self._starts_priority(self.i + 1) or (
                (self.pf.kind == "directorate" or pri is None or pri.bulleted)
                and nxt is not None and nxt.bullet)):
            self.group = text
            if text not in self.pf.groups:
                self.pf.groups.append(text)
            self.pri = None
            return True
        awaiting = pri is not None and not pri.outcome and not pri.outputs and not pri.bulleted
        if awaiting and (pri.numbered or line.ends_sentence() or pri.title.endswith(":")):
            pri.outcome = text
            return True
        if nxt is not None and not nxt.marked and nxt.text.rstrip().endswith(":") \
                and line.is_heading_like():
            return False  # "Key Questions …" over "… may help in that task:": a section
        if heading and (pri is None or pri.bulleted) and nxt is not None and not nxt.marked \
                and not nxt.is_heading_like() and any(
                    p.bulleted for occ in self.pf.occurrences for p in occ):
            return False  # bulleted priorities end at a heading over prose: a new section
        if pri is not None and pri.numbered:
            pri.note = "\n\n".join(p for p in (pri.note, text) if p)
            return True
        if self.pf.kind == "directorate" and not line.is_heading_like(14):
            self.pf.note = "\n\n".join(p for p in (self.pf.note, text) if p)
            return True
        self._new_priority(text)
        return True
