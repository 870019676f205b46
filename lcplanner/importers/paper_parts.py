"""The parts of a committee paper around the plan: summary, recommendations, implications,
appendices and background papers, with the labels that introduce them.

Labels are house style (data per organisation, never content): the coverage measure takes
:data:`LABEL_PATTERNS` from here so that what counts as a label is decided in one place.
"""
from __future__ import annotations

import re

from lcplanner.importers.header import split_labels
from lcplanner.importers.lines import Line
from lcplanner.importers.outline import text_key

_RECS = re.compile(r"^\**\s*recommendations?\b\**\s*:?\**\s*(.*)$", re.IGNORECASE)
_SUMMARY = re.compile(r"^\**\s*summary\b\**\s*:?\**\s*(.*)$", re.IGNORECASE)
_IMPLICATIONS = re.compile(r"^(financial|legal|equalit\w*)\s+implications\b[^:]*:?\s*(.*)$",
                           re.IGNORECASE)
_APPENDICES = re.compile(r"^(?:list\s+of\s+)?appendi(?:ces|x)\s*:\s*(.*)$", re.IGNORECASE)
#: "Appendices" (or "List of appendices") as a heading of its own, no colon
_APPENDICES_HEADING = re.compile(r"^(?:list\s+of\s+)?appendices$", re.IGNORECASE)
_BACKGROUND = re.compile(r"^background\s+papers?\s*:?\s*(.*)$", re.IGNORECASE)
_OUTPUTS = re.compile(r"^outputs?\s*:?$", re.IGNORECASE)
_NOTE = re.compile(r"^note\s*:\s*(.*)$", re.IGNORECASE)
_MILESTONES_LABEL = re.compile(r"^\**\s*milestones\s*:?\s*\**$", re.IGNORECASE)
_APPENDIX_HEAD = re.compile(r"^appendix\b", re.IGNORECASE)
_APPENDIX_ITEM = re.compile(r"^appendix\s+\w+\s*[:–-]\s*(.*)$", re.IGNORECASE)
#: Labels that only say what a line is (house style): the coverage measure does not count
#: them as content. The last group of each, where it has one, is the content after the label.
LABEL_PATTERNS = (_SUMMARY, _RECS, _IMPLICATIONS, _APPENDICES, _BACKGROUND, _APPENDIX_ITEM,
                  _OUTPUTS, _NOTE, _MILESTONES_LABEL)
#: "The Executive is asked to:", "Members are recommended to …": recommendations unlabelled
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



class PaperParts:
    """The reader's handling of the paper's own parts (mixed into the Reader)."""

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
            value = "\n\n".join(b for b in body if b)
            held = self.out.paper.get(name, "")
            if not held:
                self._set_paper(name, value)
            elif text_key(held) == text_key(value):
                self.out.merges.append((f"merged: the {kind} implications, printed twice", value))
            elif value:  # a second, different statement: the paper's text, where it stands
                section = self._start_section(text)
                for paragraph in body[1:] if not match.group(2) else body:
                    section.add_paragraph(paragraph)
            self.mode = "text"
            return True
        listed = _APPENDICES_HEADING.match(text) and (nxt := self.peek()) is not None \
            and bool(_APPENDIX_ITEM.match(nxt.text))  # "Appendices" over "Appendix A: …"
        for pattern, target in ((_APPENDICES, self.out.appendices),
                                (_BACKGROUND, self.out.background_papers)):
            if listed and target is self.out.appendices:
                match = re.match(r"^.*?()$", text)  # the heading alone: its items follow
            else:
                match = pattern.match(text)
            if match and line.words <= 6 + len(match.group(1).split()) \
                    and not (re.match(r"^appendix\s*:", text, re.IGNORECASE) and not (
                        (nxt := self.peek()) and nxt.marked)):  # "Appendix: Membership" heads
                items = [match.group(1)] if match.group(1) else []
                while (nxt := self.peek()) and not nxt.heading and (nxt.marked or re.match(
                        r"^appendix\s+\w+\s*:", nxt.text, re.IGNORECASE) or (
                            nxt.heading is False and target is self.out.background_papers
                            and not any(p.match(nxt.text) for p in LABEL_PATTERNS))):
                    # (a reader that saw the headings says where a plain list ends)
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

