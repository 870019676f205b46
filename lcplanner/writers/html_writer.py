"""The paper IR as simple HTML: the editor's Preview tab shows it in a QTextDocument.

A third writer over the same IR, so the preview holds exactly the Word and PDF content, numbers
and order. It writes the subset of HTML that Qt's rich text understands (headings, paragraphs,
tables, spans); lists are written as indented paragraphs carrying their derived labels, so the
preview numbers items exactly as the exports do. Every user string is escaped: text is never
markup.
"""
from __future__ import annotations

from html import escape

from lcplanner.compose import ir

_INDENT_PX = 22
_HEADING_SIZE = {1: "160%", 2: "135%", 3: "118%", 4: "105%"}
_STATUS_MARK = "■"


def _runs(runs: list[ir.Run]) -> str:
    out = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br/>")
        if run.colour:  # a status mark: a coloured square, the status in words beside it
            text = f'<span style="color:{escape(run.colour)}">{_STATUS_MARK}</span> {text}'
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _label(label: str) -> str:
    return f'<span style="color:#555555">{escape(label)}</span>&nbsp;&nbsp;' if label else ""


def _paragraph(p: ir.Paragraph, indent: int = 0) -> str:
    style = {"lead": "font-weight:600;", "note": "color:#555555; font-size:90%;",
             "meta": "color:#333333;", "quote": "font-style:italic;"}.get(p.style, "")
    margin = indent * _INDENT_PX + (_INDENT_PX * 2 if p.continues else 0)
    return (f'<p style="margin-left:{margin}px; {style}">{_label(p.label)}'
            f"{_runs(p.runs)}</p>")


def _list(block: ir.ListBlock, depth: int, out: list[str]) -> None:
    base = depth + (2 if block.continues else 0)
    for item in block.items:
        out.append(f'<p style="margin-left:{(base + 1) * _INDENT_PX}px; '
                   f'text-indent:-{_INDENT_PX}px">{_label(item.label)}{_runs(item.runs)}</p>')
        for extra in item.extra:
            out.append(_paragraph(extra, base + 1))
        if item.children is not None:
            _list(item.children, base + 1, out)


def _table(block: ir.Table) -> str:
    cells = "".join(f'<th align="left">{escape(h)}</th>' for h in block.header)
    rows = [f'<tr style="background:#e8eef5">{cells}</tr>']
    for row in block.rows:
        rows.append("<tr>" + "".join(
            "<td>" + "<br/>".join(_runs(p.runs) for p in cell.paragraphs) + "</td>"
            for cell in row) + "</tr>")
    caption = f"<p><i>{escape(block.caption)}</i></p>" if block.caption else ""
    return (f'{caption}<table border="1" cellspacing="0" cellpadding="4" width="100%" '
            f'style="border-color:#9aa7b5">{"".join(rows)}</table>')


def _timeline(block: ir.Timeline) -> str:
    """The timeline as the table a reader needs: milestone, dates as written, status."""
    rows = []
    for group in block.groups:
        rows.append(f'<tr><td colspan="3"><b>{escape(group.title)}</b></td></tr>')
        for bar in group.bars:
            status = _runs([ir.Run(bar.status, colour=bar.colour)]) if bar.status else ""
            rows.append(f"<tr><td>{escape(bar.label)}</td><td>{escape(bar.date_text)}</td>"
                        f"<td>{status}</td></tr>")
    for event in block.events:
        rows.append(f"<tr><td><i>{escape(event.text)}</i></td>"
                    f"<td>{escape(event.date_text)}</td><td></td></tr>")
    head = '<tr style="background:#e8eef5"><th align="left">Milestone</th>' \
           '<th align="left">Date</th><th align="left">Status</th></tr>'
    return (f'<table border="1" cellspacing="0" cellpadding="4" width="100%" '
            f'style="border-color:#9aa7b5">{head}{"".join(rows)}</table>')


def render_html(document: ir.Document) -> str:
    """The whole document as one HTML string."""
    out = [f"<html><head><title>{escape(document.title)}</title></head><body>"]
    for block in document.blocks:
        if isinstance(block, ir.Heading):
            level = max(1, min(block.level, 4))
            style = "font-style:italic;" if block.kind == "service-group" else ""
            out.append(f'<h{level} style="font-size:{_HEADING_SIZE[level]}; {style}">'
                       f"{_label(block.label)}{escape(block.text)}</h{level}>")
        elif isinstance(block, ir.Paragraph):
            out.append(_paragraph(block))
        elif isinstance(block, ir.ListBlock):
            _list(block, 0, out)
        elif isinstance(block, ir.Table):
            out.append(_table(block))
        elif isinstance(block, ir.Fields):
            out.append('<table cellpadding="2">' + "".join(
                f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                for k, v in block.pairs) + "</table>")
        elif isinstance(block, ir.PageBreak):
            out.append('<hr style="border:0; border-top:1px dashed #9aa7b5"/>')
        elif isinstance(block, ir.Contents):
            continue  # page numbers mean nothing on a screen; the tree is the contents
        elif isinstance(block, ir.Timeline):
            out.append(_timeline(block))
    out.append("</body></html>")
    return "".join(out)
