"""gui.export_pdf: the highlighted PDF opens, reads, shows the highlights and is written atomically."""

from __future__ import annotations

import os
from collections import Counter
import shutil
import subprocess
from datetime import datetime

import pypdf
import pytest
from PySide6.QtGui import QColor, QImage

from copydesk.core import highlight
from copydesk.core import report as rpt
from copydesk.core.comparison import CompareOptions, compare_folder
from copydesk.gui.export import body as export_body
from copydesk.gui.export import pdf as export_pdf
from copydesk.gui.export import printpal
from copydesk.gui.export import style as st

EVIL = ("Storm hits <script>alert(1)</script> coast & floods town",
        "Officials said <img src=x onerror=alert(1)> nothing about the damage & the costs.")
LONG = " ".join(f"Sentence number {i} describes the flood damage in the lower town." for i in range(220))


def flat(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines and words where the layout wrapped."""
    return "".join(text.split())


def pdf_text(path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(str(path)).pages]


@pytest.fixture(scope="module")
def seeds_pdf(seeds_comparison, tmp_path_factory, qapp):
    """The seeds exported side by side once, with a few review marks."""
    from copydesk.core.differences import find_differences
    from copydesk.core.review import ReviewState

    diffs = find_differences(seeds_comparison)
    review = ReviewState(seeds_comparison.folder)
    review = review.with_mark(diffs[2].key, verdict="error", note="Date is wrong <b>here</b> & there")
    review = review.with_mark(diffs[6].key, verdict="check")
    path = tmp_path_factory.mktemp("pdf") / "seeds.pdf"
    pages = export_pdf.export_pdf(seeds_comparison, str(path), review=review, now=datetime(2024, 3, 5, 9, 7))
    return path, pages, pdf_text(path)  # text extraction is the slow part: once per module


def test_pdf_has_brief_body_and_notes_pages(seeds_pdf, seeds_comparison):
    path, pages, texts = seeds_pdf
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == pages >= 3
    texts = [flat(t) for t in texts]
    # the brief comes first: likely original, versions, findings; the legend in full follows it, once
    assert flat("COPYDESK BRIEF") in texts[0] and flat("Likely original:") in texts[0]
    assert flat("FINDINGS (") in texts[0]
    assert sum(flat("HOW TO READ THE MARKS") in t for t in texts) == 1
    assert flat("REVIEW VERDICTS AND NOTES") in texts[-1]
    for page in reader.pages:  # side by side is landscape throughout
        assert page.mediabox.width > page.mediabox.height


def test_text_is_searchable_titles_legend_and_page_numbers(seeds_pdf, seeds_comparison):
    _, pages, texts = seeds_pdf
    everything = flat(" ".join(texts))
    front = flat(" ".join(texts[:2]))
    for art in seeds_comparison.articles:
        assert flat(art.label()) in flat(texts[0]), art.label()  # '#3 Headline…' in the brief
        assert flat(art.title) in everything
        assert flat(art.path) in front  # the statistics table names the files
    for info in highlight.LEGEND:
        assert flat(info.label) in front
    assert flat("Review note") in front
    for n, text in enumerate(texts, start=1):
        assert flat(f"Page {n} of {pages}") in flat(text)
        assert flat("Copydesk · seeds") in flat(text)  # running header with the folder name
    assert flat("Exported 5 March 2024, 09:07") in flat(texts[0])
    for finding in seeds_comparison.findings:  # present once the editorial checks run
        assert flat(finding.message) in everything


def test_every_paragraph_of_every_article_is_printed(seeds_pdf, seeds_comparison):
    # A paragraph may break across pages (with headings in between), so compare characters here
    # and exact paragraphs in the document the pages are cut from.
    body = Counter(flat(" ".join(seeds_pdf[2])))
    story = Counter(flat(" ".join(p.text for art in seeds_comparison.articles for p in art.paragraphs)))
    assert not story - body
    report = rpt.build_report(seeds_comparison)
    items = export_body.side_by_side(report, seeds_comparison.articles, 1000, printpal.print_palette("default"))
    plain = "\n".join(unstruck(item.doc) for item in items).replace("\u2028", "\n")
    for art in seeds_comparison.articles:
        for para in art.paragraphs:
            assert para.text.replace("\xa0", " ") in plain, para.text[:60]  # Qt's plain text drops nbsp


def unstruck(doc) -> str:
    """A document's text without the struck-through words (what a version dropped), blocks on lines of their own."""
    out = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        text = []
        while not it.atEnd():
            frag = it.fragment()
            if not frag.charFormat().fontStrikeOut():
                text.append(frag.text())
            it += 1
        out.append("".join(text).replace("\xa0", " "))  # a struck fragment brings its own space: " can be"
        block = block.next()
    return "\n".join(out)


def test_review_verdicts_and_notes_next_to_the_text_and_listed(seeds_pdf):
    texts = seeds_pdf[2]
    note = flat("Date is wrong <b>here</b> & there")
    assert flat(" ".join(texts[:-1])).count(note) == 1  # boxed under its paragraph
    assert note in flat(texts[-1]) and flat("Check with desk") in flat(texts[-1])
    assert flat("2 of") in flat(" ".join(texts)) and flat("1 Error, 1 Check with desk") in flat(" ".join(texts))


def test_fonts_are_embedded(seeds_pdf):
    reader = pypdf.PdfReader(str(seeds_pdf[0]))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def _near(image: QImage, colour: QColor, tolerance: int = 6) -> int:
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            p = image.pixelColor(x, y)
            if (abs(p.red() - colour.red()) <= tolerance and abs(p.green() - colour.green()) <= tolerance
                    and abs(p.blue() - colour.blue()) <= tolerance):
                hits += 1
    return hits


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_rendered_page_shows_the_highlight_colours(seeds_pdf, tmp_path):
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "4", str(seeds_pdf[0]),
                    str(tmp_path / "page")], check=True)
    images = [QImage(str(p)) for p in sorted(tmp_path.glob("page*.png"))]
    assert len(images) == 3 and not any(i.isNull() for i in images)
    pal = printpal.print_palette("default")

    def count(colour: QColor) -> int:
        return sum(_near(image, colour) for image in images)

    assert count(st.highlight_format(highlight.UNIQUE, 0.0, pal).background().color()) > 200
    assert sum(count(st.highlight_format(highlight.SOME, k / 4, pal).background().color())
               for k in (1, 2, 3)) > 100
    assert sum(_near(image, QColor(pal.bar), 60) for image in images) > 20  # the change bars in the margins
    assert count(QColor("#FF00FF")) == 0  # the count can fail: a colour that is not there


@pytest.mark.parametrize("name", printpal.PALETTES_ORDER)
def test_print_marks_are_opaque_and_graded(name):
    """'Only here' is the strongest mark (fill, bold, solid underline); 'some' darkens as fewer versions carry it."""
    pal = printpal.print_palette(name)
    fmt = st.highlight_format(highlight.UNIQUE, 0.0, pal)
    assert fmt.background().color().alpha() == 255
    assert fmt.underlineStyle() == fmt.UnderlineStyle.SingleUnderline and fmt.fontWeight() >= 700
    assert st.highlight_format(highlight.ALL, 1.0, pal).background().style() == fmt.background().style().NoBrush
    few = st.highlight_format(highlight.SOME, 0.25, pal).background().color()
    many = st.highlight_format(highlight.SOME, 1.0, pal).background().color()
    assert few.lightness() < many.lightness()  # fewer versions, stronger tint
    assert fmt.background().color().lightness() < few.lightness()  # only here: stronger still


def _folder(tmp_path, texts, name="story"):
    folder = tmp_path / name
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"v{i}.txt").write_text(text, encoding="utf-8")
    return folder


def test_article_text_is_data_never_markup(tmp_path, qapp):
    folder = _folder(tmp_path, [f"{EVIL[0]}\n\n{EVIL[1]}\n\nResidents stayed indoors.",
                                f"{EVIL[0]}\n\nThe mayor & police said nothing.\n\nResidents stayed indoors."])
    c = compare_folder(str(folder), CompareOptions(run_checks=False))
    out = tmp_path / "evil.pdf"
    export_pdf.export_pdf(c, str(out))
    text = flat(" ".join(pdf_text(out)))
    assert flat("<script>alert(1)</script>") in text
    assert flat("<img src=x onerror=alert(1)>") in text
    assert flat("The mayor & police said nothing.") in text


def test_long_paragraph_splits_across_pages_without_losing_text(tmp_path, qapp):
    folder = _folder(tmp_path, [f"Flood report\n\n{LONG}\n\nResidents were told to stay indoors.",
                                f"Flood report\n\n{LONG}\n\nResidents were asked to remain indoors."])
    c = compare_folder(str(folder), CompareOptions(run_checks=False))
    out = tmp_path / "long.pdf"
    pages = export_pdf.export_pdf(c, str(out))
    texts = pdf_text(out)
    assert pages >= 4  # the brief, at least three body pages (no notes page: there are no notes)
    body_pages = [t for t in texts if flat("Sentence number") in flat(t)]
    body = flat(" ".join(body_pages))
    assert body.count(flat("Sentence number 219 describes")) == 2
    assert flat("asked to remain indoors.") in body  # "Residents were [told to stay] asked…": struck words inline
    for text in body_pages:  # the column headings repeat on every body page
        assert flat("#1 Flood report") in flat(text) and flat("#2 Flood report") in flat(text)
    # the long row is split: each piece after the first says so and repeats the paragraph number
    assert sum(flat("continued on the next page") in flat(t) for t in body_pages) == len(body_pages) - 1
    assert all(flat("¶2 continued") in flat(t) for t in body_pages[1:])


def test_stacked_is_portrait_with_every_article_in_turn(seeds_comparison, tmp_path, qapp):
    out = tmp_path / "stacked.pdf"
    export_pdf.export_pdf(seeds_comparison, str(out), layout="stacked", articles=[4, 0])
    reader = pypdf.PdfReader(str(out))
    assert all(p.mediabox.width < p.mediabox.height for p in reader.pages)
    pages = [flat(t) for t in pdf_text(out)]
    first = next(i for i, t in enumerate(pages) if flat("ARTICLE 5 · 1 OF 2") in t)
    second = next(i for i, t in enumerate(pages) if flat("ARTICLE 1 · 2 OF 2") in t)
    assert 0 < first <= second  # in turn (the second starts on the first's last page when a third is left)
    # text of a neighbouring page is never drawn clipped into this one (search would land on the wrong page)
    assert sum(t.count(flat("ARTICLE 1 · 2 OF 2")) for t in pages) == 1
    tail = flat(seeds_comparison.articles[4].paragraphs[-1].text[:40])
    assert tail in "".join(pages[first:second + 1]).split(flat("ARTICLE 1 · 2 OF 2"))[0]


def test_failed_export_leaves_no_file_and_keeps_the_old_one(seeds_comparison, tmp_path, monkeypatch, qapp):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old report")

    def broken(*args, **kwargs):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(export_pdf, "render", broken)
    with pytest.raises(RuntimeError):
        export_pdf.export_pdf(seeds_comparison, str(out))
    assert out.read_bytes() == b"old report"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_unwritable_target_is_a_clear_error(seeds_comparison, tmp_path, qapp):
    with pytest.raises(export_pdf.ExportError, match="cannot write here"):
        export_pdf.export_pdf(seeds_comparison, str(tmp_path / "missing" / "x.pdf"))
    with pytest.raises(export_pdf.ExportError, match="is a folder"):
        export_pdf.export_pdf(seeds_comparison, str(tmp_path))
    assert os.listdir(tmp_path) == []


def test_works_without_findings_or_review(tmp_path, qapp):
    folder = _folder(tmp_path, ["Title A\n\nThe storm hit the coast on Monday.",
                                "Title B\n\nThe storm hit the coast on Tuesday."])
    c = compare_folder(str(folder), CompareOptions(run_checks=False))
    assert not c.findings
    out = tmp_path / "plain.pdf"
    export_pdf.export_pdf(c, str(out))
    texts = pdf_text(out)
    assert flat("Not reviewed yet") in flat(texts[0]) and flat("FINDINGS (") not in flat(texts[0])
    assert flat("REVIEW VERDICTS AND NOTES") not in flat(" ".join(texts))  # an empty section is not printed


def test_exported_file_is_readable_by_others_like_any_saved_file(seeds_pdf):
    """The temporary file is private; the finished PDF gets the usual umask-based mode."""
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(seeds_pdf[0]).st_mode & 0o777 == 0o666 & ~umask
