"""The printed pages (the PDFs, and a browser's Print of the HTML pages) fit the paper.

The HTML pages are exported once (publish/export.py html, as in test_exports.py), opened in
headless Chromium with print media emulated at the printable width of A4 and of US Letter
(the page less the print stylesheet's 12 mm margins), and measured once every demo and
formula has rendered: no element may reach past the page's right edge, no box may cut its
content off or scroll (scrollbars would be printed), and the print stylesheet must keep
figures with their cells and wrap printouts. Skipped (with the reason) without
/usr/bin/chromium, Playwright or publish/node_modules, unless KETAMINE_MOA_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import pytest

from test_exports import HTML_READY, NOTEBOOKS, exported, notebook_facts

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
    const figureCell = document.querySelector('.jp-CodeCell img')?.closest('.jp-CodeCell');
    return {wide: [...new Set(wide)].slice(0, 10), cut: [...new Set(cut)].slice(0, 10),
            preWraps: pre ? getComputedStyle(pre).whiteSpace : 'pre-wrap',
            figureKept: figureCell ? getComputedStyle(figureCell).breakInside : 'avoid',
            page: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory, browser):
    """{(notebook stem, paper): measurement} for every HTML page on both papers."""
    html_dir = exported("html", tmp_path_factory.mktemp("print"))
    results = {}
    for notebook in NOTEBOOKS:
        demos = len(notebook_facts(notebook)["demo_titles"])
        for paper, paper_mm in PAPER_MM.items():
            width = round((paper_mm - 2 * MARGIN_MM) * MM)
            page = browser.new_page(viewport={"width": width, "height": 1000})
            try:
                page.emulate_media(media="print")
                page.goto((html_dir / f"{notebook.stem}.html").as_uri())
                page.wait_for_function(HTML_READY, arg=demos, polling=100, timeout=90_000)
                results[notebook.stem, paper] = page.evaluate(MEASURE, width)
            finally:
                page.close()
    return results


@pytest.mark.parametrize("paper", PAPER_MM)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_nothing_is_wider_than_the_printed_page(printed, notebook, paper):
    shown = printed[notebook.stem, paper]
    assert not shown["wide"], f"{notebook.stem} on {paper}: wider than the page: {shown['wide']}"
    assert not shown["cut"], f"{notebook.stem} on {paper}: content cut off: {shown['cut']}"
    assert shown["preWraps"] in ("pre-wrap", "break-spaces"), shown
    assert shown["figureKept"] == "avoid", "a figure may be printed apart from its cell"
