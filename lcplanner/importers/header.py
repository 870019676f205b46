"""The committee-paper header block: committee, item, date, title, report by, contacts.

PDF extraction scatters the header: fields share a line ("Report by: … Job title: …"), run
together ("Telephone:0207 …Email: …"), hide inside the title ("… Item no: 4 Milestones"), or
leave a label with its value on a neighbouring line. We therefore find every label wherever it
sits and cut the line at the labels, instead of expecting one field per line.
"""
from __future__ import annotations

import re

from lcplanner.importers.lines import Line

#: label pattern → CommitteePaper field
_LABELS = {
    r"item\s+(?:no|number)\.?": "item_number",
    r"report\s+by": "report_by",
    r"job\s+title": "job_title",
    r"(?:date(?:\s+of\s+meeting)?|meeting\s+date)": "meeting_date",
    r"contact\s+officers?": "contact_officer",
    r"tel(?:ephone)?": "telephone",
    r"e-?mail": "email",
    r"^committee": "committee",  # "Committee: Executive", only where a line opens with it
}
_LABEL_RE = re.compile(r"(" + "|".join(f"(?:{p})" for p in _LABELS) + r")\s*:", re.IGNORECASE)
_COMMITTEE = re.compile(r"^(?:(?:[A-Z][\w'’&,]*|and|of|&)\s+){0,5}(?:Committee|Executive|Board|Forum|Panel"
                        r"|Council|Sub-Committee|Assembly|Cabinet)$")
#: A plan's title among the header's loose lines: "Business Plan 2021-22", "… Plan 2025–2028".
_PLAN_TITLE = re.compile(r"\b(?i:plan|strategy)\b.*\b(?:19|20)\d\d\b")
#: A line that is only a name: capitalised words ("Kestrel Valley Councils Partnership").
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'’&.-]*)(?:\s+(?:[A-Z][\w'’&.-]*|and|of|for|the|&)){1,7}$")
#: Where the header stops: the first labelled summary or recommendations, or the sentence
#: that introduces recommendations when the paper gives them no label.
HEADER_END = re.compile(r"^\**\s*(?:summary|recommendations?)\b|^(?:The\s+)?[\w'’ ]{3,50}?\s+"
                        r"(?:is|are)\s+(?:also\s+)?(?:asked|invited|recommended)\s+to\b",
                        re.IGNORECASE)


def _field_for(label: str) -> str:
    for pattern, name in _LABELS.items():
        if re.fullmatch(pattern, label.strip(), re.IGNORECASE):
            return name
    return ""


def split_labels(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Cut a line at its labels: ("… Milestones", [("item_number", "4")]) and so on."""
    matches = list(_LABEL_RE.finditer(text))
    if not matches:
        return text, []
    loose = [text[:matches[0].start()]]
    fields = []
    for k, match in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        value = text[match.end():end].strip()
        name = _field_for(match.group(1))
        if name == "item_number":  # "Item no: 4 Milestones": only the number is the item
            item = re.match(r"(\w{1,6})\b\s*(.*)", value)
            if item:
                value = item.group(1)
                loose.append(item.group(2))
        elif name == "telephone":
            value = re.sub(r"[^\d+() ]+$", "", value).strip()
        elif name == "email":
            found = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value)
            value = found.group(0) if found else value
        fields.append((name, value))
    return " ".join(p.strip() for p in loose if p.strip()), fields


def parse_header(lines: list[Line]) -> tuple[dict[str, str], int]:
    """Header fields and the index of the first line after the header block."""
    end = next((k for k, ln in enumerate(lines[:40]) if HEADER_END.match(ln.text)), None)
    if end is None:
        end = min(len(lines), 12)
    fields: dict[str, str] = {}
    loose: list[tuple[int, str]] = []
    waiting: list[str] = []  # labels whose value was not on their own line
    k = 0
    while k < end:
        rest, found = split_labels(lines[k].text)
        if found and not rest and not found[-1][1] and k + 1 < end \
                and not split_labels(lines[k + 1].text)[1] and len(lines[k + 1].raw.split()) <= 8:
            # "Date:" with its value on the next line, as extraction often leaves it
            found[-1] = (found[-1][0], split_labels(lines[k + 1].raw or lines[k + 1].text)[0])
            k += 1
        for name, value in found:
            if value:
                fields.setdefault(name, value)
            else:
                waiting.append(name)
        if rest:
            loose.append((k, rest))
        k += 1
    labelled = len(fields) + len(waiting)
    if labelled < 2:
        return {}, 0
    titled = next((k for k, rest in loose if _PLAN_TITLE.search(rest)), None)
    first_label = next((k for k in range(end) if split_labels(lines[k].text)[1]), end)
    if titled is None and loose and loose[0][0] < first_label and _NAME_LINE.match(loose[0][1]) \
            and not _COMMITTEE.match(loose[0][1]) and any(
                k > first_label and not _COMMITTEE.match(rest) for k, rest in loose[1:]):
        # a name over the labelled fields, the paper's title below them: the name is the
        # organisation's (its letterhead), the title is the later line
        fields["organisation"] = loose.pop(0)[1]
    extra: list[str] = []
    for k, rest in loose:
        if k == titled:
            fields["title"] = rest  # "Strategic Action Plan 2025–2028" over other loose lines
        elif "committee" not in fields and _COMMITTEE.match(rest):
            fields["committee"] = rest
        elif waiting and len(rest.split()) <= 6 and not re.search(r"\d", rest) and (
                "title" in fields or k + 1 < end and not split_labels(lines[k + 1].text)[1]):
            # a value stranded beside its label ("Alison Griffin" above "Report by:")
            fields.setdefault(waiting.pop(0), rest)
        elif "title" not in fields and titled is None:
            fields["title"] = rest
        elif "organisation" not in fields and _NAME_LINE.match(rest):
            fields["organisation"] = rest  # "Kestrel Valley Councils Partnership"
        else:
            extra.append(rest)
    if extra:
        fields["extra"] = "\n\n".join(extra)
    return fields, end
