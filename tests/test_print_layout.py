"""The printed pages (the PDFs, and a browser's Print of the HTML pages) fit the paper.

The HTML pages are the ones test_exports.py exports and renders (the session fixtures in
conftest.py): once every demo and formula has rendered on screen, the same tab is switched to
print media at the printable width of A4 and then of US Letter (the page less the print
stylesheet's 12 mm margins), as when a reader opens the page and prints it, and measured: no
element may reach past the page's right edge, no box may cut its content off or scroll
(scrollbars would be printed), and the print stylesheet must keep each picture whole (its code
may stay on the page before), let code cells split, and wrap printouts.

Every PDF (publish/export.py pdf, the same export test_exports.py reads) is measured with poppler
(publish/pdf_pages.py): at most MAX_QUARTER_BLANK pages that are not the last of their PDF may
end more than a quarter blank, no PDF may end on an empty page, and no picture is printed
narrower than the 100 mm the print stylesheet shrinks pictures to. Skipped (with the reason)
without /usr/bin/chromium, Playwright, publish/node_modules or poppler-utils, unless
KETAMINE_MOA_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from test_exports import NOTEBOOKS, REQUIRE_BROWSER, skip_or_fail_without_browser

PDF_PAGES = Path(__file__).resolve().parents[1] / "publish" / "pdf_pages.py"
#: Non-final pages more than a quarter blank, in all PDFs (159 pages with 43 such before the
#: print fit; 144 with 4 after it; now 140 with none): a sweep figure that does not fit under
#: its demo even at 100 mm wide shrinks the demo too (02, 08), and a demo's title, prompt and
#: controls are set as text on paper instead of at the 28 px widget row height (04, 05). The
#: cap allows one, not zero: 05 page 3 ends exactly a quarter blank, so a font or chromium that
#: sets a line a pixel taller would tip it over.
MAX_QUARTER_BLANK = 1

MM = 96 / 25.4                    # CSS pixels per millimetre
MARGIN_MM = 12                    # @page margin in the print stylesheet (ketamine_outputs.j2)
PAPER_MM = {"A4": 210.0, "Letter": 215.9}
#: Elements reaching past the page, boxes that cut content off, and what the print CSS does.
MEASURE = """(width) => {
    const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className
        ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '');
    const wide = [], cut = [];
    for (const el of document.body.querySelectorAll('*')) {
        // MathJax's copy of each formula for screen readers is visually hidden (1 px clip).
        if (el.closest('.MJX_Assistive_MathML')) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const box = el.getBoundingClientRect();
        if (!box.width && !box.height) continue;
        if (box.right > width + 1 || box.left < -1)
            wide.push(`${name(el)} spans ${Math.round(box.left)}-${Math.round(box.right)} px`);
        const clipsX = /auto|scroll|hidden|clip/.test(style.overflowX);
        const clipsY = /auto|scroll|hidden|clip/.test(style.overflowY);
        if ((clipsX && el.scrollWidth > el.clientWidth + 2)
            || (clipsY && el.scrollHeight > el.clientHeight + 2 && el.tagName !== 'BODY'))
            cut.push(`${name(el)} cuts off its content (${el.scrollWidth}x${el.scrollHeight} `
                     + `in ${el.clientWidth}x${el.clientHeight})`);
    }
    const pre = document.querySelector('.jp-OutputArea-output pre');
    const img = document.querySelector('.jp-CodeCell img');
    const picture = img?.closest('.demo-panel, figure, .jp-RenderedImage');
    const cell = img?.closest('.jp-CodeCell');
    return {wide: [...new Set(wide)].slice(0, 10), cut: [...new Set(cut)].slice(0, 10),
            preWraps: pre ? getComputedStyle(pre).whiteSpace : 'pre-wrap',
            pictureKept: picture ? getComputedStyle(picture).breakInside : 'avoid',
            cellSplits: cell ? getComputedStyle(cell).breakInside : 'auto',
            page: document.documentElement.scrollWidth};
}"""


#: Two animation frames: the page has handled the resize and the change to print media.
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
PRINT_VIEWPORT_HEIGHT = 1000


def measure_printed(page) -> dict:
    """{paper: measurement} of a rendered page, switched to print media at each paper's width."""
    results = {}
    page.emulate_media(media="print")
    for paper, paper_mm in PAPER_MM.items():
        width = round((paper_mm - 2 * MARGIN_MM) * MM)
        page.set_viewport_size({"width": width, "height": PRINT_VIEWPORT_HEIGHT})
        page.evaluate(NEXT_FRAMES)
        results[paper] = page.evaluate(MEASURE, width)
    return results


@pytest.fixture(scope="module")
def printed(html_pages):
    """{(notebook stem, paper): measurement} for every HTML page on both papers, and whether its
    demos and math had rendered in time (from the session's html_pages)."""
    html_dir, _, pages = html_pages
    return {(notebook.stem, paper): {**measured, "ready": shown["ready"]}
            for notebook in NOTEBOOKS
            for shown in [pages[html_dir / f"{notebook.stem}.html"]]
            for paper, measured in shown["printed"].items()}


@pytest.mark.parametrize("paper", PAPER_MM)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_nothing_is_wider_than_the_printed_page(printed, notebook, paper):
    shown = printed[notebook.stem, paper]
    assert shown["ready"], f"{notebook.stem}: demos or math not rendered before measuring"
    assert not shown["wide"], f"{notebook.stem} on {paper}: wider than the page: {shown['wide']}"
    assert not shown["cut"], f"{notebook.stem} on {paper}: content cut off: {shown['cut']}"
    assert shown["preWraps"] in ("pre-wrap", "break-spaces"), shown
    assert shown["pictureKept"] == "avoid", "a picture may be cut in two"
    assert shown["cellSplits"] == "auto", "a figure's cell is kept whole and pushed to a new page"


def load_pdf_pages():
    spec = importlib.util.spec_from_file_location("pdf_pages", PDF_PAGES)
    module = sys.modules.setdefault("pdf_pages", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pdf_pages(pdf_export):
    """{PDF name: its measured pages} for every notebook's PDF."""
    skip_or_fail_without_browser()
    measure = load_pdf_pages()
    missing = measure.missing_tools()
    if missing and REQUIRE_BROWSER:
        pytest.fail(f"KETAMINE_MOA_REQUIRE_BROWSER=1 but {', '.join(missing)} is missing "
                    "(apt-get install poppler-utils)")
    if missing:
        pytest.skip(f"{', '.join(missing)} is missing (apt-get install poppler-utils)")
    pdf_dir, _ = pdf_export
    return {pdf.name: measure.measure(pdf) for pdf in sorted(pdf_dir.glob("*.pdf"))}, measure


def test_few_printed_pages_end_more_than_a_quarter_blank(pdf_pages):
    pages, _ = pdf_pages
    assert len(pages) == len(NOTEBOOKS)
    offenders = [f"{name} page {page.number}: {page.blank:.0%} blank, {page.why()}"
                 for name, measured in pages.items() for page in measured if page.offends]
    assert len(offenders) <= MAX_QUARTER_BLANK, "\n".join(offenders)


def test_no_pdf_ends_on_an_empty_page(pdf_pages):
    # 07 did: its last cell ended at the foot of page 15 and the cell's bottom padding
    # printed a sixteenth page with nothing on it.
    pages, _ = pdf_pages
    empty = [f"{name} page {measured[-1].number}" for name, measured in pages.items()
             if measured[-1].empty]
    assert not empty, f"PDFs ending on an empty page: {empty}"


def test_no_printed_picture_is_narrower_than_the_fit_allows(pdf_pages):
    pages, measure = pdf_pages
    narrow = []
    for name, measured in pages.items():
        for page in measured:
            for width, height in measure.pictures_mm(page.path, page.number):
                if width < measure.MIN_PICTURE_WIDTH_MM - 2:
                    narrow.append(f"{name} page {page.number}: {width:.0f} x {height:.0f} mm")
    assert not narrow, narrow


def test_an_empty_last_page_is_a_fault():
    measure = load_pdf_pages()
    inked = measure.Page(Path("a.pdf"), 1, False, 255.0, 10.0)
    empty = measure.Page(Path("a.pdf"), 2, True, 255.0, 255.0)
    assert empty.empty and not inked.empty and not empty.offends
    assert measure.faults([inked, empty]) == 1 and measure.faults([inked]) == 0
