"""The printed report reads on paper: grey levels, legend on every page, outline, page size, pagination rules."""

from __future__ import annotations

import pathlib
from collections import Counter

import pypdf
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from copydesk.core import highlight
from copydesk.core import report as rpt
from copydesk.gui.cli import main
from copydesk.gui.export import flow, legend, printpal
from copydesk.gui.export import pdf as export_pdf
from copydesk.gui.export import style as st

REPO = pathlib.Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


def flat(text: str) -> str:
    return "".join(text.split())


def _grey_levels(pal: printpal.PrintPalette) -> dict[str, int]:
    """Render the full legend to an image, turn it grey as a mono printer would, read each swatch's fill."""
    doc = legend.full(pal, 900, "#1")
    image = QImage(900, int(doc.size().height()) + 2, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    levels = {}
    for kind, rect in legend.swatch_rects(doc).items():
        values = Counter(grey.pixelColor(x, y).red()
                         for x in range(int(rect.left()) + 1, int(rect.right()) - 1)
                         for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1))
        levels[kind] = values.most_common(1)[0][0]  # the fill: most of the swatch's pixels
    return levels


@pytest.mark.parametrize("name", printpal.PALETTES_ORDER)
def test_greyscale_swatches_show_at_least_three_levels_ordered_by_strength(name, qapp):
    levels = _grey_levels(printpal.print_palette(name))
    assert set(levels) == {info.kind for info in highlight.LEGEND}
    story = [levels[k] for k in (highlight.ALL, highlight.SOME, highlight.UNIQUE)]
    assert levels[highlight.ALL] == max(levels.values())  # same in all: unmarked, the lightest
    assert levels[highlight.UNIQUE] == min(story)  # only here: the darkest fill
    distinct = sorted(set(levels.values()))
    assert len([v for i, v in enumerate(distinct) if i == 0 or v - distinct[i - 1] >= 12]) >= 3
    assert levels[highlight.ALL] - levels[highlight.UNIQUE] >= 50  # survives a printer that drops faint tints


def test_the_old_screen_tints_would_fail_the_measure(qapp):
    """The check can fail: printed with tints as pale as the app's, fewer than three levels stay apart."""
    pale = printpal.PrintPalette("pale", "pale", {
        highlight.ALL: printpal.PrintStyle("#E4F2FB"), highlight.SOME: printpal.PrintStyle("#DDEBF5", "#D8E8F3"),
        highlight.UNIQUE: printpal.PrintStyle("#FBEEDB")})
    levels = _grey_levels(pale)
    distinct = sorted(set(levels.values()))
    assert len([v for i, v in enumerate(distinct) if i == 0 or v - distinct[i - 1] >= 12]) < 3


@pytest.fixture(scope="module")
def seeds_pdf(tmp_path_factory, qapp):
    out = tmp_path_factory.mktemp("print") / "seeds.pdf"
    assert main(["export", str(SEEDS), "-o", str(out)]) == 0
    return out, pypdf.PdfReader(str(out))


def test_compact_legend_on_every_page(seeds_pdf):
    _, reader = seeds_pdf
    for page in reader.pages:
        text = flat(page.extract_text())
        for word in ("inall", "insome", "onlyhere", "cutfrom#2", "changed", "finding"):
            assert word in text


def test_outline_metadata_and_language(seeds_pdf, seeds_comparison):
    path, reader = seeds_pdf
    titles = [item.title for item in _walk(reader.outline)]
    assert titles[:2] == ["Brief", "Findings"] and "Statistics" in titles
    for art in seeds_comparison.articles:
        assert art.label() in titles
    meta = reader.metadata
    assert meta.title == "Copydesk comparison — seeds" and meta.author == "Copydesk"
    assert "likely original #2" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    findings = next(i for i in _walk(reader.outline) if i.title == "Findings")
    assert reader.get_destination_page_number(findings) == 0


def _walk(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _walk(item)
        else:
            yield item


def test_findings_name_the_page_their_paragraph_is_on(seeds_pdf, seeds_comparison):
    _, reader = seeds_pdf
    report = rpt.build_report(seeds_comparison)
    texts = [flat(p.extract_text()) for p in reader.pages]
    first = texts[0] + texts[1]
    for f in report.summary.findings:
        head = flat(f"{f.place}, p. ")
        at = first.index(head) + len(head)
        page = int("".join(ch for ch in first[at:at + 3] if ch.isdigit()))
        assert flat(f"F{f.number}") in texts[page - 1], (f.number, page)  # its badge is on that page


def test_side_by_side_takes_fewer_pages_than_stacked_for_the_seeds(seeds_pdf, tmp_path, qapp):
    # Side by side packs rows, and what follows the brief no longer wastes lines (the review on one line,
    # the folder on its heading's line, the scores beside the likely original, one-line boilerplate):
    # the seeds take 7 pages side by side, 8 stacked (which shares pages between articles).
    _, side = seeds_pdf
    out = tmp_path / "stacked.pdf"
    assert main(["export", str(SEEDS), "-o", str(out), "--layout", "stacked"]) == 0
    assert len(side.pages) < len(pypdf.PdfReader(str(out)).pages)


def test_stacked_articles_share_pages_and_the_outline_points_at_each_start(seeds_comparison, tmp_path, qapp):
    out = tmp_path / "stacked.pdf"
    assert main(["export", str(SEEDS), "-o", str(out), "--layout", "stacked"]) == 0
    reader = pypdf.PdfReader(str(out))
    texts = [flat(p.extract_text()) for p in reader.pages]
    marks = {item.title: reader.get_destination_page_number(item) for item in _walk(reader.outline)}
    order = rpt.build_report(seeds_comparison, "stacked").columns
    shared = 0
    for k, a in enumerate(order):
        art = seeds_comparison.articles[a]
        page = marks[art.label()]
        kicker = flat(f"ARTICLE {a + 1} · {k + 1} OF {len(order)}")
        assert kicker in texts[page], art.label()  # the outline entry lands on the article's start
        if k:  # the previous article's last words above it: no page of its own for a short tail
            before = texts[page].split(kicker)[0]
            shared += flat(seeds_comparison.articles[order[k - 1]].paragraphs[-1].text)[-30:] in before
    assert shared >= 2  # before, every article started a page; one page held a 3-line tail alone


def test_each_cell_extracts_as_one_block_in_reading_order(seeds_pdf, seeds_comparison):
    """Content order is cell by cell: a paragraph comes out whole, not interleaved with its neighbours' lines."""
    _, reader = seeds_pdf
    pages = [flat(p.extract_text()) for p in reader.pages]
    reference = seeds_comparison.articles[1]  # the likely original leads; nothing of it is struck
    checked = 0
    for para in reference.paragraphs:
        words = para.text.split()
        if para.boilerplate or len(words) < 12:
            continue
        head, tail = flat(" ".join(words[:4])), flat(" ".join(words[-4:]))
        for page in pages:
            if head in page and tail in page[page.index(head):]:  # the paragraph is on one page
                assert flat(para.text) in page, para.text[:60]  # whole: no line of a neighbour inside it
                checked += 1
    assert checked >= 10


def test_page_size_by_option_and_locale(tmp_path, qapp):
    out = tmp_path / "letter.pdf"
    assert main(["export", str(SEEDS), "-o", str(out), "--page-size", "letter", "--articles", "1,2"]) == 0
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)  # landscape US Letter
    assert export_pdf.page_size_for("auto", {"LANG": "en_US.UTF-8"}) == "letter"
    assert export_pdf.page_size_for("auto", {"LC_PAPER": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}) == "a4"
    assert export_pdf.page_size_for("auto", {"LANG": "C"}) == "a4"
    assert export_pdf.page_size_for("a4", {"LANG": "en_US.UTF-8"}) == "a4"


def test_greyscale_palette_prints_no_colour_and_too_many_articles_says_so(tmp_path, capsys, qapp):
    import subprocess
    import shutil

    folder = tmp_path / "seven"
    folder.mkdir()
    for i, p in enumerate(sorted(SEEDS.glob("*.txt"))[:4] * 2):
        if i < 7:
            (folder / f"{i}_{p.name}").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "grey.pdf"
    assert main(["export", str(folder), "-o", str(out), "--palette", "greyscale"]) == 0
    captured = capsys.readouterr()
    assert "7 articles are too many to read side by side; printing them stacked" in captured.err
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "2", "-l", "3", str(out), str(tmp_path / "g")],
                       check=True)
        for png in tmp_path.glob("g*.png"):
            image = QImage(str(png))
            for y in range(0, image.height(), 3):
                for x in range(0, image.width(), 3):
                    c = image.pixelColor(x, y)
                    assert max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) < 24


def _item(height: float, **kw) -> flow.Item:
    doc = st.new_document(400, 10)
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(doc)
    lines = max(1, int(height // 15))
    st.write(cursor, "\u2028".join(f"line {i}" for i in range(lines)), st.char(10))
    return flow.Item(doc, **kw)


def test_pagination_keeps_headings_and_short_rows_whole(qapp):
    page = 600.0
    items = [_item(500), _item(20, keep_with_next=True), _item(150), _item(180), _item(500)]
    pages = flow.paginate(items, page)
    for p in pages:  # no heading ends a page
        assert not p.pieces[-1].item.keep_with_next
    short = items[3]  # shorter than a third of a page: never split
    assert len([pc for p in pages for pc in p.pieces if pc.item is short]) == 1
    tall = items[4]
    pieces = [pc for p in pages for pc in p.pieces if pc.item is tall]
    assert pieces[0].top == 0 and pieces[-1].bottom == pytest.approx(tall.height)
    spans = flow._line_spans(tall.doc)
    for pc in pieces[1:]:  # cut between lines only
        assert not any(top < pc.top - 0.01 and bottom > pc.top + 0.01 for top, bottom in spans)


def test_swatch_rects_find_every_kind(qapp):
    rects = legend.swatch_rects(legend.full(printpal.print_palette("default"), 800, "#2"))
    assert set(rects) == {info.kind for info in highlight.LEGEND}
    assert all(isinstance(r, QRectF) and r.width() > 0 for r in rects.values())


def test_break_below_starts_a_new_page_only_when_little_is_left(qapp):
    page = 600.0
    early = [_item(300), _item(30, keep_with_next=True, break_below=1 / 3, before=20), _item(60)]
    pages = flow.paginate(early, page)  # half the page left: the article starts under the previous one
    assert len(pages) == 1
    late = [_item(450), _item(30, keep_with_next=True, break_below=1 / 3, before=20), _item(60)]
    pages = flow.paginate(late, page)  # a quarter left: a new page, the heading with its first paragraph
    assert len(pages) == 2 and pages[1].pieces[0].item is late[1] and pages[1].pieces[1].item is late[2]
