"""Plan parts that have a shape of their own: themes, pledges, work areas, action tables and
objectives with milestones (mixed into the Reader of :mod:`lcplanner.importers.structure`)."""
from __future__ import annotations

import re

from lcplanner.importers.lines import Line
from lcplanner.importers.outline import (
    GROUP_LABEL, OUTCOME_LABEL, ActionB, ObjectiveB, same_text, strip_label, text_key, unmark,
)
from lcplanner.importers.paper_parts import _MILESTONES_LABEL

_OBJECTIVE = re.compile(r"^([^:]{3,90}?):\s+(\S.*)$")
#: "Sub-priorities:" over the list of an objective's sub-priorities
_SUB_PRIORITIES = re.compile(r"^sub-?priorit(?:y|ies)\s*:?$", re.IGNORECASE)
#: "Core area: Our places" under an objective's heading: the core area it belongs to
_CORE_AREA = re.compile(r"^core\s+area\s*:\s*(\S.*)$", re.IGNORECASE)
#: "Inclusive growth – making sure that …": a name, a dash (or colon), what it means
_NAME_DASH = re.compile(r"^([A-Z][^–—:]{1,60}?)(?:\s+[–—-]\s+|:\s+)(\S.*)$")
#: "Less waste. We will:" — a theme's name, then what will be done under it
_WE_WILL = re.compile(r"^([A-Z][^.:;]{1,80}?)\.\s+((?:We|The\s+\w+|It|They)\s+will\b.{0,60})$")


class PlanParts:
    """Themes, pledges, work areas, action tables and objectives."""

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
                    (nxt := self.peek()) and (nxt.marked or nxt.ends_sentence()
                                              or not nxt.is_heading_like())):
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

    def _part_start(self, line: Line) -> bool:
        """Whether the line opens an objective or a run of pledge areas (and was read so)."""
        return (self._objective_start(line) or self._objective_heading(line)
                or self._pledge_areas(line))

    def _pledge_areas(self, line: Line) -> bool:
        """Headings, each over an introduction and a numbered list, whose numbers run on from
        one heading's list to the next (1–4 under the first, 5–13 under the second): pledges in
        their areas, however the part is titled."""
        if self.mode != "text" or line.marked or line.row is not None or line.heading is False \
                or not line.is_heading_like(10) or line.text.endswith(":"):
            return False
        last, k, areas = 0, self.i + 1, 0
        while k < len(self.lines) and areas < 2:
            intro = 0
            while k < len(self.lines) and not self.lines[k].marked and intro < 6 \
                    and self.lines[k].row is None and (self.lines[k].ends_sentence()
                                                       or not self.lines[k].is_heading_like(10)):
                k, intro = k + 1, intro + 1  # the area's introduction
            if k >= len(self.lines) or self.lines[k].kind != "number" \
                    or self.lines[k].number != last + 1:
                return False
            while k < len(self.lines) and (self.lines[k].marked or self.lines[k].text[:1]
                                           .islower()):
                if self.lines[k].kind == "number":
                    last = self.lines[k].number
                k += 1
            areas += 1
            if areas < 2:
                head = self.lines[k] if k < len(self.lines) else None
                if head is None or head.marked or not head.is_heading_like(10) or \
                        last < 2 or head.text.endswith(":"):
                    return False
                k += 1
        if areas < 2:
            return False
        self.mode, self.pledge_area = "pledges", None
        self._pledge(line)
        return True

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

    def _numbered_apart(self, line: Line) -> bool:
        """ "1<tab>Finance" whose next numbered line ("1. Policy support …", perhaps under a
        service group's heading or a remark) is numbered in another style: a portfolio's
        heading."""
        if not (line.kind == "number" and line.style == "N" and line.is_heading_like(10)):
            return False
        for k in range(1, 5):  # (its groups' headings, or a remark on it, may come first)
            nxt = self.peek(k)
            if nxt is None or nxt.bullet:
                return False
            if nxt.kind == "number":
                return nxt.style != "N"
            if nxt.marked or nxt.row is not None:
                return False
        return False

    def _work_area(self, line: Line) -> None:
        if self._numbered_apart(line):
            # "1<tab>Finance" over "1. Policy support …": the portfolios are numbered in a
            # style of their own, the work areas run on in theirs
            self.wa_pf, self.wa_group = self._portfolio(line.text), ""
            self.out.known_names.append(line.text)
            return
        if line.kind == "number" and self.wa_pf is not None:
            self.wa_pf.work_areas.append((self.wa_group, line.text))
        elif line.is_heading_like(10) and not line.marked:
            if self._is_portfolio_name(self.i):
                self.wa_pf = self._portfolio(line.text)
                self.wa_group = ""
                if len(self.wa_pf.occurrences) > 1:  # the same heading met again: one portfolio
                    self.out.merges.append((f"merged: '{line.text}', met twice", line.text))
            else:
                self.wa_group = line.text
                if line.text not in self.wa_pf.groups:
                    self.wa_pf.groups.append(line.text)
                else:  # the same group met again in this portfolio
                    self.out.merges.append((f"merged: group '{line.text}' in "
                                            f"{self.wa_pf.name}, met twice", line.text))
        elif self.wa_pf is not None:
            if self.wa_pf.work_areas and line.text[:1].islower():
                group, last = self.wa_pf.work_areas[-1]
                self.wa_pf.work_areas[-1] = (group, f"{last} {line.text}")
            else:
                self.wa_pf.note = "\n\n".join(p for p in (self.wa_pf.note, line.text) if p)
        else:
            self._text(line)

    # --- typed outlines -------------------------------------------------------------------
    def _outcome_follows(self, k: int) -> bool:
        """Whether the k-th line from here is an outcome label ("Outcome: …")."""
        line = self.peek(k)
        return line is not None and bool(OUTCOME_LABEL.match(line.text))

    def _outline_below(self, major: str) -> bool:
        """Whether a plan typed as an outline follows under "1.", not a paper section's
        paragraphs: numbers three deep ("1.1.1"), or a "1.1" heading whose next line is an
        outcome label or a lettered list (a priority with its outcome or outputs)."""
        lines = self.lines[self.i + 1:self.i + 60]
        for k, line in enumerate(lines):
            if line.kind == "number" and (line.style in ("N.", "N)") or line.heading):
                return False  # the next numbered heading: what is under "1." has ended
            if line.kind != "dotted" or line.enum.split(".")[0] != major:
                continue
            if line.enum.count(".") >= 2:
                return True
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if nxt is not None and (OUTCOME_LABEL.match(nxt.text) or (
                    (line.is_heading_like(15) or not line.ends_sentence())
                    and nxt.kind == "letter" and nxt.enum == "a")):
                return True  # a title with its outcome under it, however long
        return False

    # --- action tables ---------------------------------------------------------------------
    def _events_row(self, line: Line) -> None:
        """A table of dated policy events; the bare heading right over it only names it."""
        row = line.row
        if not row.header:
            self.out.policy_events.append((row.get("date"), row.get("event")))
            return
        section = self.section
        if section is not None and not section.blocks and section.title and \
                section is self.out.sections[-1]:
            self.out.sections.remove(section)
            self.out.merges.append((f"merged: the heading '{section.title}' into the policy "
                                    "events under it", section.title))
            self.section = None

    def _table_row(self, line: Line) -> None:
        """A table of dated actions: each row a milestone of the objective it stands under.

        The objective is the grouping or heading the table stands under: an "Ambition 1: …"
        read as a portfolio becomes an objective once its content turns out to be dated
        actions (what it said before the table is its strapline), and a plain heading over a
        table becomes an objective of that name.
        """
        row = line.row
        if row.events:
            self._events_row(line)
            return
        if not row.header:
            if self.mode != "objectives" or self.obj is None:
                self._objective_for_table()
            self.obj.milestones.append(ActionB(row.get("action"), row.get("owner"),
                                               row.get("date"), row.get("status"),
                                               row.get("tags")))
            return
        if self.mode == "objectives" and self.obj is not None and not any(
                isinstance(m, ActionB) for m in self.obj.milestones):
            return  # a table under an objective that has no actions yet: its milestones
        self._objective_for_table()

    def _objective_for_table(self) -> None:
        listed = self.mode == "portfolio" and self.pf is not None and any(
            p.outputs or p.numbered or p.bulleted for p in self.pf.occurrences[-1])
        if listed:  # a portfolio with priorities of its own, then a table of its actions
            title, strapline = self.pf.name, ""
        elif self.mode == "portfolio" and self.pf is not None and self.occ_section is not None:
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
        if self.mode == "text" and self.para_enum and self.para_enum.rpartition(".")[0] \
                == line.enum.rpartition(".")[0]:
            return False  # "4.4 Name: …" after "4.3 …": the section's next paragraph
        if self._outcome_follows(1):
            return False  # "1.4 Name: title" over "Outcome: …" is a priority, not an objective
        match = _OBJECTIVE.match(strip_label(unmark(line.text)))
        if not match or len(match.group(1).split()) > 8 or not match.group(1)[:1].isupper():
            return False
        self.obj = ObjectiveB(title=match.group(1).strip(), strapline=match.group(2).strip(),
                              heading=self.section.title if self.section else "")
        self.out.objectives.append(self.obj)
        self.mode, self.in_milestones = "objectives", False
        return True

    def _objective_heading(self, line: Line) -> bool:
        """An objective set out as a heading: its name, at most two lines under it (its
        strapline, "Core area: …"), then a "Sub-priorities:" label over their list or the
        table of its milestones."""
        text = unmark(line.text)
        nxt = self.peek()
        if self.mode == "objectives" and self.obj is not None and nxt is not None \
                and nxt.row is not None and nxt.row.header and ":" in text \
                and same_text(text.split(":", 1)[1], self.obj.title):
            # "Milestones: <the objective>" over its table: the table's caption, a label
            self.out.merges.append((f"merged: the caption '{text}' into the table under it",
                                    text))
            return True
        if line.marked or line.heading is False or not line.is_heading_like() \
                or line.text.endswith(":") or GROUP_LABEL.match(line.text):
            return False  # ("Ambition 1: …" is a grouping until its content says otherwise)
        between: list[Line] = []
        for k in range(1, 4):
            nxt = self.peek(k)
            if nxt is None:
                return False
            if _SUB_PRIORITIES.match(nxt.text):
                break
            if nxt.row is not None and nxt.row.header and not nxt.row.events:
                if any(ln.ends_sentence() for ln in between):
                    return False  # a heading and its prose over a table: a section's table
                break
            if nxt.marked or nxt.row is not None or nxt.heading or nxt.words > 25:
                return False
            between.append(nxt)
        else:
            return False
        core = [m.group(1).strip() for ln in between if (m := _CORE_AREA.match(ln.text))]
        strapline = [unmark(ln.text) for ln in between if not _CORE_AREA.match(ln.text)]
        if len(core) > 1 or len(strapline) > 1:
            return False
        self.obj = ObjectiveB(title=unmark(line.text), strapline="".join(strapline),
                              heading=self.section.title if self.section else "",
                              core_area="".join(core))
        self.out.objectives.append(self.obj)
        self.i += len(between) + (1 if _SUB_PRIORITIES.match(self.peek(len(between) + 1).text)
                                  else 0)
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

