"""Article text is data: markup in titles, paragraphs and quotes shows literally in every tooltip and label."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from copydesk.core.comparison import compare_folder
from copydesk.gui.docks.article_model import ArticleListModel

MARKUP = "<b>bold</b> &amp; <img src=x>"

ARTICLE_A = f"""Minister says {MARKUP} plan will go ahead

PARIS (AP) — The minister said on Tuesday the plan was {MARKUP} and would go ahead next week after talks with unions.

"We will never accept {MARKUP} demands from anyone," the minister said on Tuesday.

Talks with the unions are expected to continue through the weekend, officials said, with 20 delegates attending.
"""

ARTICLE_B = f"""Plan with {MARKUP} goes ahead, minister says

The minister said on Tuesday the plan was {MARKUP} and would go ahead next week after talks with unions.

"We will never accept {MARKUP} proposals from anybody," the minister told reporters.

Talks with the unions are expected to continue through the weekend, officials said, with 25 delegates attending.

A spokesman for {MARKUP} declined to comment.
"""


def shown(text: str) -> str:
    """What Qt displays for a tooltip: rich text is parsed when Qt guesses the text is markup."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def test_markup_in_article_text_shows_literally_everywhere(qtbot, make_window, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    c = compare_folder(str(tmp_path))
    quote = next((f for f in c.findings if f.kind == "quote" and MARKUP in f.message), None)
    assert quote is not None, "the reworded quote should be a finding that quotes the markup"
    win = make_window()
    with qtbot.waitSignal(win.rendered):
        win.session.adopt(c)

    for pane in win.panes.panes:  # header: title label and tooltip
        title = c.articles[pane.article].title
        assert MARKUP in title
        assert pane.header.title.textFormat() == Qt.TextFormat.PlainText and MARKUP in pane.header.title.text()
        assert shown(pane.header.title.toolTip()).startswith(f"#{pane.article + 1} {title}")  # the text, escaped

    model = win.articles.model  # the article list: title and changes tooltips
    for row in range(model.rowCount()):
        tip = model.data(model.index(row, ArticleListModel.TITLE), Qt.ItemDataRole.ToolTipRole)
        assert shown(tip) == model.row(row).title
        changes = model.index(row, ArticleListModel.CHANGES)
        if "<b>" in model.data(changes):
            assert model.data(changes) in shown(model.data(changes, Qt.ItemDataRole.ToolTipRole))

    text = win.panes.panes[0].text  # a span's tooltip names the other article by its (markup) title
    doc = text.document()
    tips = set()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            tips.add(it.fragment().charFormat().toolTip())
            it += 1
        block = block.next()
    assert any(MARKUP in shown(tip) for tip in tips)

    win.findings.tree.setFocus()  # a finding's note: the note bar's label quotes the finding's message
    win.findings.tree.setCurrentItem(next(win.findings.tree.topLevelItem(i)
                                          for i in range(win.findings.tree.topLevelItemCount())
                                          if win.findings.findings()[i] == quote))
    win.marks.edit_note()
    label = win.note_bar.label
    assert label.textFormat() == Qt.TextFormat.PlainText and MARKUP in label.text()
    assert MARKUP in shown(win.findings.tree.currentItem().toolTip(2))
    assert win.status.current.textFormat() == Qt.TextFormat.PlainText
