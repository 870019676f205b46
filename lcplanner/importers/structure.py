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
from lcplanner.importers.header import split_labels
from lcplanner.importers.dates import leading_date
from lcplanner.importers.lines import Line
from lcplanner.importers.outline import (
    GROUP_LABEL, OBJECTIVE_LABEL, OUTCOME_LABEL, THEME_LABEL, TYPED_LABEL, ActionB, ObjectiveB, Outline, OutputB, PortfolioB, PriorityB, SectionB,
    same_text, strip_label, text_key, unmark,
)

_RECS = re.compile(r"^\**\s*recommendations?\b\**\s*:?\**\s*(.*)$", re.IGNORECASE)
_SUMMARY = re.compile(r"^\**\s*summary\b\**\s*:?\**\s*(.*)$", re.IGNORECASE)
_IMPLICATIONS = re.compile(r"^(financial|legal|equalit\w*)\s+implications\b[^:]*:?\s*(.*)$",
                           re.IGNORECASE)
_APPENDICES = re.compile(r"^(?:list\s+of\s+)?appendi(?:ces|x)\s*:\s*(.*)$", re.IGNORECASE)
_BACKGROUND = re.compile(r"^background\s+papers?\s*:?\s*(.*)$", re.IGNORECASE)
_APPENDIX_HEAD = re.compile(r"^appendix\b", re.IGNORECASE)
_OBJECTIVE = re.compile(r"^([^:]{3,90}?):\s+(\S.*)$")
_NOTE_IN_BRACKETS = re.compile(r"^(.*?)\s*\(([^()]{3,})\)\s*$")
_OUTPUTS = re.compile(r"^outputs?\s*:?$", re.IGNORECASE)
_NOTE = re.compile(r"^note\s*:\s*(.*)$", re.IGNORECASE)
_MILESTONES_LABEL = re.compile(r"^\**\s*milestones\s*:?\s*\**$", re.IGNORECASE)
#: Who leads a portfolio, on labelled lines under its heading ("Portfolio holder: Cllr …").
_HOLDER_LABEL = re.compile(
    r"\b(?i:(shadow(?:\s+portfolio\s+holders?|\s+lead\s+members?|\s+executive\s+members?)?"
    r"|deputy(?:\s+portfolio\s+holders?|\s+lead\s+members?)?"
    r"|portfolio\s+holders?|lead\s+members?|executive\s+members?))(?:\s*:|\s+[–—-]\s)\s*")
#: Typed label words that open an output rather than a priority ("Output (a)", "Action 2:").
_OUTPUT_WORDS = ("output", "action", "deliverable")
_APPENDIX_ITEM = re.compile(r"^appendix\s+\w+\s*[:–-]\s*(.*)$", re.IGNORECASE)
#: Labels that only say what a line is (house style): the coverage measure does not count
#: them as content. The last group of each, where it has one, is the content after the label.
LABEL_PATTERNS = (_SUMMARY, _RECS, _IMPLICATIONS, _APPENDICES, _BACKGROUND, _APPENDIX_ITEM,
                  _OUTPUTS, _NOTE, _MILESTONES_LABEL)


#: "Inclusive growth – making sure that …": a name, a dash (or colon), what it means
_NAME_DASH = re.compile(r"^([A-Z][^–—:]{1,60}?)(?:\s+[–—-]\s+|:\s+)(\S.*)$")
#: "Less waste. We will:" — a theme's name, then what will be done under it
_WE_WILL = re.compile(r"^([A-Z][^.:;]{1,80}?)\.\s+((?:We|The\s+\w+|It|They)\s+will\b.{0,60})$")
_ASKED = re.compile(r"^(?:The\s+)?[\w'’ ]{3,50}?\s+(?:is|are)\s+(?:also\s+)?(?:asked|invited|"
                    r"recommended)\s+to\b", re.IGNORECASE)
_INLINE_ITEM = re.compile(r"(?:(?<=\s)|^)\(?([a-h]|[ivx]{1,4}|\d{1,2})\)\s+(?=\S)")


def split_inline_items(text: str) -> tuple[str, list[str]]:
    """ "The Board is asked to: (a) note …; (b) agree …" → (intro, [items]) when the markers
    run a, b, c … (or i, ii …, or 1, 2 …) from the first; else (text, [])."""
    marks = list(_INLINE_ITEM.finditer(text))
    for first, series in (("a", "abcdefgh"), ("i", None), ("1", None)):
        if not marks or marks[0].group(1) != first:
            continue
        wanted = [series[k] if series else (str(k + 1) if first == "1" else None)
                  for k in range(len(marks))]
        if first == "i":
            wanted = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][:len(marks)]
        if [m.group(1) for m in marks] != wanted or len(marks) < 2:
            return text, []
        items = [text[m.end():(marks[k + 1].start() if k + 1 < len(marks) else len(text))]
                 .strip() for k, m in enumerate(marks)]
        return text[:marks[0].start()].strip(), items
    return text, []


def holder_fields(text: str) -> list[tuple[str, str]]:
    """[("holder", "Cllr A"), ("shadow_holder", "Cllr B")] from a line that starts with a
    holder label; [] for any other line. Shadow and deputy holders fill ``shadow_holder``."""
    matches = list(_HOLDER_LABEL.finditer(text))
    if not matches or matches[0].start() != 0:
        return []
    found = []
    for k, match in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        field = ("shadow_holder" if match.group(1)[:1].casefold() in "sd" else "holder")
        found.append((field, text[match.end():end].strip(" ;,/|")))
    return found


#: Words that name a top grouping of a plan, in any year's wording.
_GROUPING_WORD = re.compile(r"\b(?:directorates?|portfolios?|service\s+areas?|ambitions?"
                            r"|strategic\s+priorit(?:y|ies)|priority\s+areas?|departments?)\b",
                            re.IGNORECASE)


def _title_case(text: str) -> str:
    """ "CHILDREN'S SERVICES DIRECTORATE" → "Children's Services Directorate"; small words
    stay lower case, and a word with a digit ("2025/26") is left as written."""
    small = {"and", "of", "the", "for", "in", "to", "on", "at", "a", "an", "&"}
    out = []
    for k, word in enumerate(text.split()):
        low = word.lower()
        if any(c.isdigit() for c in word):
            out.append(word)
        elif k and low in small:
            out.append(low)
        else:
            out.append(low[:1].upper() + low[1:])
    return " ".join(out)


class Reader:
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
        if self._objective_start(line):
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

    # --- paper parts -----------------------------------------------------------------------
    def _paper_part(self, line: Line) -> bool:
        text = line.text
        rest, fields = split_labels(text)
        if fields and not rest and all(not self.out.paper.get(n) for n, _ in fields):
            for name, value in fields:  # a header field stranded lower down ("Job title: …")
                self._set_paper(name, value)
            return True
        if (match := _SUMMARY.match(text)) and not self.out.paper.get("summary") \
                and (line.words < 3 or ":" in text[:14] or re.match(r"^Summary\s+[A-Z]", text)):
            body = [match.group(1)] + self._paragraphs_until_heading()
            self._set_paper("summary", "\n\n".join(b for b in body if b))
            self.mode = "text"
            return True
        if (match := _RECS.match(text)) and (line.words <= 8 or ":" in text[:20]):
            self._recommendations(match.group(1), text[:len(text) - len(match.group(1))]
                                  .strip(" *:") if match.group(1) else text.strip(" *:"))
            return True
        if _ASKED.match(text) and not line.marked and (
                text.rstrip().endswith(":") or len(split_inline_items(text)[1]) >= 2):
            self._recommendations(text, "")  # no label: "The Executive is asked to:"
            return True
        if match := _IMPLICATIONS.match(text):
            kind = match.group(1).casefold()
            name = ("financial" if kind == "financial" else "legal" if kind == "legal"
                    else "equalities") + "_implications"
            body = [match.group(2)]
            nxt = self.peek()
            if not match.group(2) and nxt is not None and not nxt.enum and not any(
                    p.match(nxt.text) for p in LABEL_PATTERNS):
                body.append(nxt.text)  # "None" under its label: short, but the body
                self.i += 1
            while (nxt := self.peek()) and nxt.kind == "dotted" and not nxt.is_heading_like():
                body.append(nxt.text)  # "2.1 All outputs will be met …": typed paragraphs
                self.i += 1
            body += self._paragraphs_until_heading()
            self._set_paper(name, "\n\n".join(b for b in body if b))
            self.mode = "text"
            return True
        for pattern, target in ((_APPENDICES, self.out.appendices),
                                (_BACKGROUND, self.out.background_papers)):
            if (match := pattern.match(text)) and line.words <= 6 + len(match.group(1).split()) \
                    and not (re.match(r"^appendix\s*:", text, re.IGNORECASE) and not (
                        (nxt := self.peek()) and nxt.marked)):  # "Appendix: Membership" heads
                items = [match.group(1)] if match.group(1) else []
                while (nxt := self.peek()) and (nxt.marked or re.match(
                        r"^appendix\s+\w+\s*:", nxt.text, re.IGNORECASE)):
                    items.append(nxt.text)
                    self.i += 1
                for item in items:
                    item = re.sub(r"^appendix\s+\w+\s*[:–-]\s*", "", item, flags=re.IGNORECASE)
                    target.append(item.rstrip(" ;.,"))
                self.mode = "text"
                return True
        return False

    def _recommendations(self, first: str, label: str = "Recommendations") -> None:
        """The intro sentence and the list under it; a second copy later on is skipped."""
        intro, items = "", []
        if first:
            if first.rstrip().endswith(":") or re.search(r"\basked to\b", first):
                intro = first
            else:
                items.append(first)
        signature = ""  # how the first marked item was marked: a later change ends the list
        while nxt := self.peek():
            mark = nxt.glyph or (nxt.kind + nxt.style if nxt.enum else "")
            if mark and signature and mark != signature and nxt.is_heading_like():
                break
            if mark and items and not signature and nxt.kind in ("number", "dotted") \
                    and nxt.is_heading_like():
                break
            if signature and (mark and mark != signature and not nxt.text[:1].islower()
                              or not mark and nxt.text[:1].isupper() and not nxt.indent):
                break  # a paragraph, or a list of another kind, after the recommendations
            signature = signature or mark
            looks_item = nxt.marked or nxt.text[:1].islower() or nxt.indent > 0 or (
                not nxt.is_heading_like() and not _IMPLICATIONS.match(nxt.text))
            if not intro and not items and not nxt.marked and nxt.text.rstrip().endswith(":"):
                intro = nxt.text
            elif looks_item and not (nxt.kind == "dotted" and nxt.is_heading_like()):
                if re.search(r"\basked to\b.*:$", nxt.text) and not items:
                    intro = nxt.text
                else:
                    items.append(nxt.text)
            else:
                break
            self.i += 1
        if intro and not items:  # "… asked to: (a) note …; (b) agree …" on one line
            intro, items = split_inline_items(intro)
        if not self.out.recommendations:
            self.out.recommendations_intro = intro
            self.out.recommendations = items
        elif text_key(" ".join([intro] + items)) == text_key(
                " ".join([self.out.recommendations_intro] + self.out.recommendations)):
            self.out.merges.append(("merged: the recommendations, printed twice",
                                    "\n".join([intro] + items)))
        else:  # a second, different list: the paper's text, kept where it stands
            section = self._start_section(label) if label else (self.section or
                                                               self._start_section(""))
            if intro:
                section.add_paragraph(intro)
            for item in items:
                section.add_point(item)
        if not self.out.paper.get("committee"):
            who = re.match(r"^(?:The\s+)?(.{3,40}?(?:Committee|Executive|Board|Members))\s+(?:is|are)"
                           r"\s+asked", intro or (items[0] if items else ""))
            if who and who.group(1) != "Members":
                self.out.paper["committee"] = who.group(1)
        self.mode = "text"

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

    def _text(self, line: Line) -> None:
        text = unmark(line.text)
        numbered = line.kind == "dotted"  # "- 1.3 This builds on…": the glyph is noise
        if line.bullet and not numbered and (event := leading_date(text)):
            self.out.policy_events.append(event)
            return
        heading = (line.is_heading_like(10) and not line.bullet and not line.kind == "letter"
                   and not text.endswith(":"))
        if heading and not (self.embedded or self._numbering_resumes()):
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

    # --- themes ----------------------------------------------------------------------------
    def _theme(self, line: Line) -> bool:
        """A theme is a heading with exactly one paragraph under it, a listed "Name – what it
        means" (numbered or bulleted), or a bulleted name after an introductory sentence;
        anything else ends them."""
        if line.marked and line.kind in ("", "number") and (
                match := _NAME_DASH.match(unmark(line.text))):
            self.out.themes.append((match.group(1).strip(), match.group(2).strip()))
            return True
        if line.bullet and not line.enum and line.words <= 8 and not line.ends_sentence() \
                and line.text[:1].isupper():
            self.out.themes.append((unmark(line.text), ""))  # a name in a bulleted list
            return True
        if not line.is_heading_like() or line.marked or line.text.endswith(":"):
            if not self.out.themes and not line.marked and self.section is not None:
                self.section.add_paragraph(line.text)  # "Our key themes are:"
                return True
            return False
        body = self.peek()
        after = self.peek(2)
        if (body is None or body.marked or body.is_heading_like()
                or (after is not None and not after.marked and not after.is_heading_like())):
            return False
        self.out.themes.append((line.text, body.text))
        self.i += 1
        return True

    def _we_will_theme(self, name: str, opening: str) -> None:
        """ "Less waste. We will:" and the bullets under it: a theme and its description."""
        lines = [opening]
        while (nxt := self.peek()) and nxt.bullet:
            lines.append("\u2022 " + unmark(nxt.text))
            self.i += 1
        self.out.themes.append((name, "\n".join(lines)))
        self.mode = "text"

    def _labelled_theme(self, name: str) -> None:
        """ "Theme 1: Name", its description below, then the objectives that serve it."""
        body = self._paragraphs_until_heading()
        self.out.themes.append((name, "\n\n".join(body)))
        self.out.theme_areas.append(name)
        self.theme, self.mode, self.section = name, "text", None

    # --- pledges ---------------------------------------------------------------------------
    def _pledge(self, line: Line) -> None:
        text = line.text
        areas = self.out.pledge_areas
        if line.is_heading_like() and not line.marked and not text.endswith(":"):
            if re.search(r"\b(pledge|commitment)", text, re.IGNORECASE) or not (
                    (nxt := self.peek()) and not nxt.is_heading_like()):
                self._start_section(text)
                self.pledge_area = None
            else:
                self.pledge_area = (text, [], [])
                areas.append(self.pledge_area)
            return
        area = self.pledge_area
        if area is None:
            self._text(line)
            return
        if line.marked and not area[1]:
            self.pledge_glyph = line.glyph  # the first pledge shows how this paper marks them
        sub = line.marked and (line.glyph == "o" or line.indent > 0
                               or line.glyph != (self.pledge_glyph or line.glyph))
        if sub and area[1]:
            area[1][-1][1].append(text)
        elif line.marked:
            area[1].append((text, []))
        else:  # the area's introduction
            area[2].append(text)

    # --- work areas ------------------------------------------------------------------------
    def _is_portfolio_name(self, k: int) -> bool:
        line = self.lines[k]
        if any(same_text(line.text, name) for name in self.out.known_names):
            return True
        if self.wa_pf is None:
            return True
        nxt = self.lines[k + 1] if k + 1 < len(self.lines) else None
        if nxt is None or nxt.marked or not nxt.is_heading_like():
            return False
        if nxt.text in self.wa_pf.groups or re.sub(r"\d+", "#", text_key(line.text)) == re.sub(
                r"\d+", "#", text_key(self.wa_pf.name)):
            return True  # its groups start again, or it is named like the last one ("Area 2")
        region = self.lines[k + 1:]
        return sum(1 for ln in region if ln.text == nxt.text) >= 2

    def _work_area(self, line: Line) -> None:
        if line.kind == "number" and self.wa_pf is not None:
            self.wa_pf.work_areas.append((self.wa_group, line.text))
        elif line.is_heading_like(10) and not line.marked:
            if self._is_portfolio_name(self.i):
                self.wa_pf = self._portfolio(line.text)
                self.wa_group = ""
            else:
                self.wa_group = line.text
                if line.text not in self.wa_pf.groups:
                    self.wa_pf.groups.append(line.text)
        elif self.wa_pf is not None:
            if self.wa_pf.work_areas and line.text[:1].islower():
                group, last = self.wa_pf.work_areas[-1]
                self.wa_pf.work_areas[-1] = (group, f"{last} {line.text}")
            else:
                self.wa_pf.note = "\n\n".join(p for p in (self.wa_pf.note, line.text) if p)
        else:
            self._text(line)

    # --- action tables ---------------------------------------------------------------------
    def _table_row(self, line: Line) -> None:
        """A table of dated actions: each row a milestone of the objective it stands under.

        The objective is the grouping or heading the table stands under: an "Ambition 1: …"
        read as a portfolio becomes an objective once its content turns out to be dated
        actions (what it said before the table is its strapline), and a plain heading over a
        table becomes an objective of that name.
        """
        row = line.row
        if not row.header:
            if self.mode != "objectives" or self.obj is None:
                self._objective_for_table()
            self.obj.milestones.append(ActionB(row.get("action"), row.get("owner"),
                                               row.get("date"), row.get("status")))
            return
        if self.mode == "objectives" and self.obj is not None and not any(
                isinstance(m, ActionB) for m in self.obj.milestones):
            return  # a table under an objective that has no actions yet: its milestones
        self._objective_for_table()

    def _objective_for_table(self) -> None:
        if self.mode == "portfolio" and self.pf is not None and self.occ_section is not None:
            pf, section = self.pf, self.occ_section
            title, strapline = pf.name, "\n\n".join(t for _, t in section.blocks)
            if pf.note:
                strapline = "\n\n".join(p for p in (pf.note, strapline) if p)
            pf.occurrences.pop()
            if not pf.occurrences:
                self.out.portfolios.remove(pf)
            self.out.sections.remove(section)
            self.pf = self.occ_section = None
        elif self.section is not None and not self.section.blocks:
            title, strapline = self.section.title, ""
            self.out.sections.remove(self.section)
            self.section = None
        else:
            title, strapline = "", ""
        self.obj = ObjectiveB(title=title, strapline=strapline)
        self.out.objectives.append(self.obj)
        self.mode, self.in_milestones = "objectives", True

    # --- objectives ------------------------------------------------------------------------
    def _objective_start(self, line: Line) -> bool:
        if line.kind != "dotted" or self.mode == "portfolio":
            return False
        match = _OBJECTIVE.match(strip_label(unmark(line.text)))
        if not match or len(match.group(1).split()) > 8 or not match.group(1)[:1].isupper():
            return False
        self.obj = ObjectiveB(title=match.group(1).strip(), strapline=match.group(2).strip(),
                              heading=self.section.title if self.section else "")
        self.out.objectives.append(self.obj)
        self.mode, self.in_milestones = "objectives", False
        return True

    def _objective_line(self, line: Line) -> bool:
        text = unmark(line.text)
        obj = self.obj
        if any(isinstance(m, ActionB) for m in obj.milestones):
            return False  # an objective whose milestones are a table ends with the table
        if obj.labelled and not (obj.strapline or obj.sub_priorities or obj.milestones) \
                and not line.marked and line.ends_sentence():
            obj.strapline = text  # what the objective means, under its label
            return True
        if _MILESTONES_LABEL.match(line.text):
            self.in_milestones = True
            return True
        if line.enum and line.kind in ("dotted", "number") and line.is_heading_like():
            return False
        short = line.words <= 10 and not line.ends_sentence() and ":" not in text
        if short and not self.in_milestones and (line.bullet or not line.is_heading_like(4)
                                                 or line.indent == 0):
            self.obj.sub_priorities.append(text)
            return True
        if line.is_heading_like() and not line.marked:
            return False
        if line.text[:1].islower() and self.obj.milestones:
            self.obj.milestones[-1] += " " + line.text
            return True
        self.in_milestones = True
        self.obj.milestones.append(line.text)
        return True

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
        numbered = line.kind == "number" and line.style in ("N.", "N)") and not line.bullet \
            and line.indent == 0
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
        elif capitals:
            text = _title_case(text)
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
                and not (nxt.is_heading_like(15) and self._outline_below(line.enum)):
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

    def _outline_below(self, major: str) -> bool:
        """Whether typed outline numbers three deep ("1.1.1") follow under "1.": a plan typed
        as an outline (grouping, priority, output), not a paper section's paragraphs."""
        for line in self.lines[self.i + 1:self.i + 60]:
            if line.kind == "number" and line.style in ("N.", "N)"):
                return False
            if line.kind == "dotted" and line.enum.count(".") >= 2 \
                    and line.enum.split(".")[0] == major:
                return True
        return False

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
            if depth == 1 and line.is_heading_like(15):
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
        if not line.enum and TYPED_LABEL.match(line.text) and \
                line.text.split(None, 1)[0].casefold() not in _OUTPUT_WORDS:
            return True  # "Priority 2: …"
        nxt = self.lines[k + 1] if k + 1 < len(self.lines) else None
        return (not line.marked and line.is_heading_like(14) and nxt is not None
                and not nxt.marked and not nxt.is_heading_like())

    def _portfolio_paragraph(self, line: Line, text: str) -> bool:
        pri, nxt = self.pri, self.peek()
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
