"""The Preview tab: the selected plan as its papers print, following the tree and edits."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex

from lcplanner.ui.tree_model import Role
from tests.ui.test_main_window import _find_row, _rows, _select


def _show_preview(window, qtbot):
    window.tabs.setCurrentWidget(window.preview)
    qtbot.waitUntil(lambda: window.preview.text.toPlainText() != "", timeout=3000)
    return window.preview


def test_preview_shows_the_committee_paper_with_its_numbers(window, qtbot):
    output = _find_row(window, "output")
    _select(window, output)
    preview = _show_preview(window, qtbot)
    text = preview.text.toPlainText()
    assert QModelIndex(output).data(Role.TEXT) in text
    # the output's letter as the exports print it
    assert f"{QModelIndex(output).data(Role.NUMBER)}  {QModelIndex(output).data(Role.TEXT)}" \
        in text


def test_preview_follows_an_edit_within_a_second(window, qtbot):
    output = _find_row(window, "output")
    pane = _select(window, output)
    preview = _show_preview(window, qtbot)
    field = pane.widgets["text"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Publish the borough compact in plain English")
    pane.flush()
    qtbot.waitUntil(lambda: "borough compact in plain English" in preview.text.toPlainText(),
                    timeout=1500)


def test_preview_scrolls_to_the_selected_item(window, qtbot):
    preview = _show_preview(window, qtbot)
    rows = []

    def walk(parent=QModelIndex()):
        for index in _rows(window, parent):
            rows.append(index)
            walk(index)
    walk()
    last_output = [i for i in rows if i.data(Role.KIND) == "output"][-1]
    window.tree.setCurrentIndex(last_output)
    cursor = preview.text.textCursor()
    block = cursor.block().text()
    assert last_output.data(Role.TEXT)[:30] in block


def test_portfolio_summary_needs_a_portfolio(window, qtbot):
    plan = _rows(window)[0]
    _select(window, plan)
    preview = _show_preview(window, qtbot)
    preview.kind.setCurrentIndex(preview.kind.findData("portfolio"))
    preview.kind.activated.emit(preview.kind.currentIndex())
    assert preview.text.toPlainText() == ""
    assert "Select a portfolio" in preview.note.text()
    _select(window, _find_row(window, "priority"))
    qtbot.waitUntil(lambda: preview.text.toPlainText() != "", timeout=2000)
    portfolio = QModelIndex(_find_row(window, "portfolio")).data(Role.TEXT)
    assert portfolio in preview.text.toPlainText()


def test_user_text_is_never_markup_in_the_preview():
    from lcplanner.compose import ir
    from lcplanner.writers.html_writer import render_html

    doc = ir.Document("T <b>", [ir.Heading("<i>R&D</i>", 1),
                                ir.Paragraph.of("x <script>alert(1)</script> & y"),
                                ir.ListBlock([ir.ListItem([ir.Run("<a href=x>a</a>")], "a")])])
    html = render_html(doc)
    assert "<script>" not in html and "<i>R&D" not in html and "<a href" not in html
    from PySide6.QtGui import QTextDocument

    text = QTextDocument()
    text.setHtml(html)
    plain = text.toPlainText()
    assert "<i>R&D</i>" in plain and "x <script>alert(1)</script> & y" in plain
    assert "<a href=x>a</a>" in plain
