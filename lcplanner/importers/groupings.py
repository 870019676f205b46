"""How a paper names its groupings and who leads them: holder labels under a portfolio's
heading, the words that name a top grouping, and names set in capitals brought to title case."""
from __future__ import annotations

import re

__all__ = ["holder_fields", "_GROUPING_WORD", "_title_case"]

#: Who leads a portfolio, on labelled lines under its heading ("Portfolio holder: Cllr …").
_HOLDER_LABEL = re.compile(
    r"\b(?i:(shadow(?:\s+portfolio\s+holders?|\s+lead\s+members?|\s+executive\s+members?)?"
    r"|deputy(?:\s+portfolio\s+holders?|\s+lead\s+members?)?"
    r"|portfolio\s+holders?|lead\s+members?|executive\s+members?))(?:\s*:|\s+[–—-]\s)\s*")


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
