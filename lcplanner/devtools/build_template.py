"""Build ``committee-paper.docx``, the house-style template, from lcplanner's style code.

Run after changing ``lcplanner/writers/docx_style.py``:

    python -m lcplanner.devtools.build_template

The template holds styles, page setup and language only (no content): Title, Heading 1–4,
Body Text, Summary, Note, Details, Numbered Paragraph, List Paragraph, Quote, Table Text,
Table Heading, TOC styles and the "Plan Table" table style with a shaded header row; A4 with
2.5 cm margins; Arial 12 pt; en-GB. A clerk may restyle it in Word and keep the names.
"""
from __future__ import annotations

import sys
from pathlib import Path

import docx

from lcplanner.resources import template_path
from lcplanner.writers.docx_style import apply_house_style

#: resources/templates/committee-paper.docx in a source tree (or an editable install).
OUT = template_path()


def build(path: Path = OUT) -> Path:
    document = docx.Document()
    body = document.element.body
    for el in list(body):
        if not el.tag.endswith("}sectPr"):
            body.remove(el)
    apply_house_style(document)
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
