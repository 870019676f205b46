"""What the recogniser made of each source block: the review step's starting point.

The review dialog shows the paper as blocks and lets the user give any block another role. To
start it from what the recogniser understood, each block is matched against the recognised
plan's items by its words (case, punctuation and list markers aside): a block that *is* an
item's text ("Economy and Growth" under "2. Economy and Growth") or holds several whole items
(a table row: action, lead officer, date, status) links to those items; a block that is part of
a longer item (a paragraph of a section's body) links to the same item as the block before it
if that one holds it, else to the shortest item that does. A block that matches nothing is
narrative text (the builder leaves it out when it holds only house-style labels, "Summary",
"Outputs", or words the recogniser kept elsewhere, such as the paper's header).

A text paper's blocks are paragraphs between blank lines, which in a typed paper often hold a
heading and the list under it; a PDF's paragraphs can hold a typed list. For review they are cut
at the logical lines the recogniser reads (one per heading, paragraph or list item), so each
item can be given its own role.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import inspect

from lcplanner.domain.model import CleanLine, CleanText, StatusLabel
from lcplanner.importers.blocks import SourceBlock
from lcplanner.importers.coverage import words
from lcplanner.importers.dates import find_dates
from lcplanner.importers.lines import _SUPERSCRIPTS, _strip_markers, logical_lines

__all__ = ["Link", "ROLE_OF", "HEAD_FIELD", "item_text", "review_blocks", "match_blocks",
           "role_of", "walk_items", "cut_words", "words_left"]

#: The role a block takes from the kind of item it is part of, and the part it plays there
#: (shown beside the role: a priority's outcome is part of the priority).
ROLE_OF = {
    "Portfolio": "grouping", "ServiceGroup": "grouping", "Priority": "priority",
    "Output": "output", "SubPoint": "sub-point", "Theme": "theme", "Objective": "objective",
    "SubPriority": "objective", "Milestone": "milestone", "Pledge": "pledge",
    "PledgePoint": "pledge", "PledgeArea": "pledge", "WorkArea": "work area",
    "Recommendation": "recommendation",
}
#: The field that names an item: a block holding it is the item's head.
HEAD_FIELD = {"Portfolio": "name", "ServiceGroup": "name", "Priority": "title",
              "Output": "text", "SubPoint": "text", "Theme": "name", "Objective": "title",
              "SubPriority": "title", "Milestone": "name", "Pledge": "text",
              "PledgePoint": "text", "PledgeArea": "name", "WorkArea": "text",
              "Recommendation": "text", "NarrativeSection": "title", "PaperSection": "title",
              "NarrativePoint": "text", "CoreArea": "name", "PolicyEvent": "text",
              "Appendix": "title", "BackgroundPaper": "text"}
_PARTS = {"ServiceGroup": "service group", "SubPriority": "sub-priority",
          "PledgePoint": "point", "PledgeArea": "pledge area", "CoreArea": "core area",
          "PolicyEvent": "policy event", "Appendix": "appendix",
          "BackgroundPaper": "background paper", "NarrativePoint": "point",
          "CommitteePaper": "paper header", "Plan": "plan header"}
_NOT_CONTENT = frozenset({"source_name", "source_digest"})
#: Items whose text runs on over many blocks.
_RUNNING_TEXT = frozenset({"PaperSection", "NarrativeSection"})


@dataclass(frozen=True)
class Link:
    """A block's part in a recognised item: the item and the field its words are in."""

    item: object
    field: str

    @property
    def kind(self) -> str:
        return type(self.item).__name__

    @property
    def is_head(self) -> bool:
        head = HEAD_FIELD.get(self.kind)
        if self.kind in ("NarrativeSection", "PaperSection") and not self.item.title:
            head = "body"
        return self.field == head


def role_of(links: list[Link]) -> str:
    """The role a block's links give it: the first structured item's, else narrative text."""
    for link in links:
        if link.kind in ROLE_OF:
            return ROLE_OF[link.kind]
    return "narrative text"


def part_of(links: list[Link]) -> str:
    """What part of its item the block is ("outcome", "sub-priority"), "" for an item's head."""
    for link in links:
        if link.kind in _PARTS:
            return _PARTS[link.kind]
        if link.kind in ROLE_OF:
            return "" if link.is_head else link.field.replace("_", " ")
    return ""


def item_text(text: str, in_table: bool = False) -> str:
    """A block's text as an item's: list marker taken off (not a table cell's, and not the
    day of a date: "14 May 2025"), lines run together."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    first = _strip_markers(lines[0])
    if in_table or not first.text or (first.kind == "number" and first.style == "N"
                                      and any(start == 0 for start, _, _ in
                                              find_dates(lines[0]))):
        first = lines[0]
    else:
        first = first.text
    return _SUPERSCRIPTS.sub("", " ".join(" ".join([first, *lines[1:]]).split()))


def walk_items(plan):
    """(item, field, text) for every text the recognised plan stores, in the plan's order."""
    out: list[tuple[object, str, str]] = []

    def walk(obj, owner) -> None:
        mapper = inspect(obj).mapper
        name = mapper.class_.__name__
        for prop in mapper.column_attrs:
            kind = prop.columns[0].type
            if isinstance(kind, (CleanText, CleanLine)) and prop.key not in _NOT_CONTENT:
                if value := getattr(obj, prop.key):
                    if name == "MilestoneDate":
                        out.append((owner, "dates", value))
                    else:
                        out.append((obj, prop.key, value))
            elif prop.key == "date_text" and getattr(obj, prop.key):
                out.append((obj, "date_text", getattr(obj, prop.key)))
        if isinstance(getattr(obj, "status", None), StatusLabel):
            out.append((obj, "status", obj.status.name))
        for rel in mapper.relationships:
            if "delete-orphan" in rel.cascade and rel.key != "statuses":
                for child in getattr(obj, rel.key):
                    walk(child, obj)

    walk(plan, None)
    return out


def review_blocks(blocks: list[SourceBlock], kind: str, furniture_lines=()) -> list[SourceBlock]:
    """The blocks to review: a text paper's paragraphs cut at their logical lines (and at the
    lines the recogniser set aside as page furniture); other formats' blocks as they are."""
    if kind != "text":  # a paragraph a PDF's lines made, holding a typed list: its items
        out = []
        for block in blocks:
            if not block.text.strip():
                continue
            if "\n" not in block.text.strip() or block.is_furniture or block.in_table:
                out.append(block)
                continue
            pieces = _logical_pieces(list(enumerate(block.text.split("\n"))))
            for k, piece in enumerate(pieces):
                out.append(replace(block, text=piece.text) if k == 0 else replace(
                    block, text=piece.text, list_label="",
                    origin=f"{block.origin}, its line {int(piece.origin.split()[-1]) + 1}"))
        return out
    furniture = set(furniture_lines)
    out: list[SourceBlock] = []
    for block in blocks:
        first = int(block.origin.split()[-1]) if block.origin.startswith("line ") else 0
        physical = block.text.split("\n")
        run: list[tuple[int, str]] = []
        for offset, raw in enumerate(physical):
            number = first + offset
            if number in furniture:
                out += _logical_pieces(run)
                run = []
                out.append(SourceBlock(raw.rstrip(), origin=f"line {number}", is_furniture=True))
            else:
                run.append((number, raw))
        out += _logical_pieces(run)
    return out


def _logical_pieces(run: list[tuple[int, str]]) -> list[SourceBlock]:
    """Physical lines cut where a logical line starts (as the recogniser reads them)."""
    if not run:
        return []
    starts = [ln.raw for ln in logical_lines("\n".join(raw for _, raw in run))]
    pieces: list[list[tuple[int, str]]] = []
    for number, raw in run:
        stripped = raw.strip()
        if starts and stripped and starts[0].startswith(stripped) or not pieces:
            if starts and stripped and starts[0].startswith(stripped):
                starts.pop(0)
            pieces.append([])
        pieces[-1].append((number, raw))
    out = []
    for piece in pieces:
        text = "\n".join(raw.rstrip() for _, raw in piece).strip("\n")
        if text.strip():
            out.append(SourceBlock(text, origin=f"line {piece[0][0]}"))
    return out


def match_blocks(blocks: list[SourceBlock], plan) -> list[list[Link]]:
    """Each block's links into the recognised plan (see the module note)."""
    units = [(Link(item, field), words(text)) for item, field, text in walk_items(plan)]
    units = [(link, w) for link, w in units if w]
    by_first: dict[str, list[int]] = defaultdict(list)
    holding: dict[str, set[int]] = defaultdict(set)
    for index, (_, w) in enumerate(units):
        by_first[w[0]].append(index)
        for word in set(w):
            holding[word].add(index)
    keyed = [" " + " ".join(w) + " " for _, w in units]
    of_item: dict[int, list[int]] = defaultdict(list)
    for index, (link, _) in enumerate(units):
        of_item[id(link.item)].append(index)
    used: set[int] = set()
    out: list[list[Link]] = []
    previous: set[int] = set()  # the items the block before is part of
    for block in blocks:
        bw = words(item_text(block.text, block.in_table)) if not block.is_furniture else []
        if not bw:
            out.append([])
            continue
        near = {i for item in previous for i in of_item[item]}
        chosen = _inside(bw, units, by_first, used)
        covered = sum(len(units[i][1]) for i in chosen)
        if covered < len(bw):
            whole = _holder(bw, keyed, holding, used, near)
            if whole is not None and not (chosen and covered * 2 >= len(bw)
                                          and len(keyed[whole]) > 4 * len(" ".join(bw))):
                chosen = [whole]
            elif chosen:  # the rest of its words in another field of the same item ("Less
                # waste. We will:" is a theme's name and the start of its description)
                key = " " + " ".join(_uncovered(bw, units, chosen)) + " "
                more = [i for c in chosen for i in of_item[id(units[c][0].item)]
                        if i not in chosen and key.strip() and key in keyed[i]]
                if more:
                    chosen.append(more[0])
                elif covered * 2 < len(bw):
                    chosen = []
        elif near:  # an item's own words, met in the running text of a section (a summary
            # list in the paper's body): the block is part of that text too
            key = " " + " ".join(bw) + " "
            text = [i for i in sorted(near) if units[i][0].kind in _RUNNING_TEXT
                    and key in keyed[i] and i not in chosen]
            if text:
                chosen.append(text[0])
        used.update(chosen)
        out.append([units[i][0] for i in chosen])
        previous = {id(units[i][0].item) for i in chosen}
    return out


def _uncovered(bw: list[str], units, chosen: list[int]) -> list[str]:
    """The block's words that the chosen units do not hold (the first run of them)."""
    covered = [False] * len(bw)
    for index in chosen:
        uw = units[index][1]
        for k in range(len(bw) - len(uw) + 1):
            if bw[k:k + len(uw)] == uw:
                covered[k:k + len(uw)] = [True] * len(uw)
                break
    run: list[str] = []
    for word, held in zip(bw, covered):
        if not held:
            run.append(word)
        elif run:
            break
    return run


def _inside(bw: list[str], units, by_first, used: set[int]) -> list[int]:
    """Units found whole in the block's words, longest first, not overlapping."""
    found: list[tuple[int, int, int]] = []  # (start, length, unit)
    for k, word in enumerate(bw):
        for index in by_first.get(word, ()):
            uw = units[index][1]
            if bw[k:k + len(uw)] == uw and (len(uw) >= 3 or 2 * len(uw) >= len(bw)):
                found.append((k, len(uw), index))
    # longest first; then one not yet taken by another block; then an item of the plan's
    # structure before a section whose title repeats it
    found.sort(key=lambda f: (-f[1], f[2] in used, units[f[2]][0].kind not in ROLE_OF, f[2]))
    taken: list[tuple[int, int, int]] = []
    for start, length, index in found:
        if all(start + length <= s or s + n <= start for s, n, _ in taken) and \
                all(index != i for _, _, i in taken):
            taken.append((start, length, index))
    for start, length, index in found:  # the whole block held twice, by items of two
        # kinds (a heading that is both a section's title and a portfolio's name): the block
        # is part of both
        if start == 0 and length == len(bw) and len(taken) == 1 and index not in used and all(
                index != i and units[index][0].kind != units[i][0].kind
                for _, _, i in taken):
            taken.append((start, length, index))
    taken.sort()
    return [index for _, _, index in taken]


def _holder(bw: list[str], keyed: list[str], holding, used: set[int],
            near: set[int]) -> int | None:
    """The unit holding the block's words whole: one of the items the block before is part
    of (a paragraph goes on in the same section), else the shortest, unused ones first."""
    key = " " + " ".join(bw) + " "
    rarest = min(set(bw), key=lambda w: len(holding.get(w, ())))
    hits = [i for i in holding.get(rarest, ()) if key in keyed[i]]
    if len(bw) < 3:  # a word or two: only a unit that is little more than it, or that
        # opens with it (a heading the recogniser ran into the text below it), or one
        # or that the block before is part of (the end of its sentence, after a page break)
        hits = [i for i in hits if len(keyed[i]) <= 2 * len(key) + 10
                or keyed[i].startswith(key) or i in near]
    if not hits:
        return None
    return min(hits, key=lambda i: (i not in near, len(keyed[i]), i in used, i))


def relabel(block: SourceBlock, text: str, origin: str | None = None) -> SourceBlock:
    """A copy of ``block`` with new text (after a merge or split), its hints kept."""
    return replace(block, text=text, origin=block.origin if origin is None else origin)


def cut_words(value: str, taken: list[str]) -> str:
    """``value`` without the words of a corrected block (case, punctuation and markers
    aside), run by run as it holds them; the rest of its text is left as it was."""
    norm = value.casefold().replace("’", "'").replace("‘", "'")
    if len(norm) != len(value):
        return value
    rest, at = list(taken), 0
    while rest:
        found = _longest_run(norm, rest, at)  # in the block's order: after the last run cut
        if found is None:
            rest = rest[1:]  # a word the field does not hold here
            continue
        start, end, size = found
        value, norm = value[:start] + value[end:], norm[:start] + norm[end:]
        rest, at = rest[size:], start
    lines = [line.rstrip() if re.search(r"\w", line) else "" for line in value.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return re.sub(r"(?<=\S)[ \t]{2,}", " ", text)


def words_left(said: list[str], kept) -> list[str]:
    """A corrected block's words less those a block left as it was holds in the same field
    (the field keeps those for it)."""
    text = " " + " ".join(said) + " "
    for other in kept:
        if other.strip() and other in text:
            text = text.replace(other, " ", 1)
        elif text in other:
            return []
    return text.split()


def _longest_run(norm: str, rest: list[str], at: int = 0) -> tuple[int, int, int] | None:
    """Where the longest opening run of ``rest`` stands in ``norm`` (three words at least,
    unless fewer are left)."""
    for size in range(len(rest), 0, -1):
        if size < 3 and size < len(rest):
            return None
        pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in rest[:size]) + r"(?!\w)"
        found = re.compile(pattern).search(norm, at)
        if found:
            return found.start(), found.end(), size
    return None
