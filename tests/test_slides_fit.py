"""Every slide of every deck fits a 1920x1080 screen, in headless Chromium (Playwright).

The decks are the slides export test_exports.py reads (exported once per session; the fixtures
are in conftest.py), stepped through slide by slide at 1920x1080. A slide fails when any
element on it (speaker notes aside) reaches past the screen, when the slide is taller or wider
than the deck's slide size, or when an element cuts its content off (a scrolling or clipped box
with more inside). Each deck must also suit a 50-minute class: at most 25 slides, no code, the
educational-use notice on the title slide, no slide that only says "Setup" or only carries the
notice; and every figure and demo of the notebook is on a slide (counted from the notebook's
"[Figure: ...]" outputs and widget views, whatever the picture's storage).
Skipped (with the reason) without /usr/bin/chromium, Playwright or publish/node_modules,
unless KETAMINE_MOA_REQUIRE_BROWSER=1, where that is a failure. Screenshots of each deck's
tallest figure slide go to build/screenshots/fit_NN.png.
"""

from __future__ import annotations

import re

import pytest

from test_exports import LOCAL_URL, MATHJAX_IDLE, NOTEBOOKS

MAX_SLIDES = 25
#: A static figure is shown at no less than this many screen pixels per picture pixel, so its
#: 12-14 pt text (18-21 px at the house 110 dpi) stays over about 16 px high at 1920x1080.
MIN_FIGURE_SCALE = 0.9
SCREEN = {"width": 1920, "height": 1080}
READY = ("() => window.Reveal && Reveal.isReady() && "
         "[...document.querySelectorAll('.demo-panel')].every(p => p.querySelector('img')) && "
         "[...document.images].every(i => i.complete && i.naturalWidth > 0) && "
         f"({MATHJAX_IDLE})")
#: What is wrong with the current slide: elements past the screen or cut off inside a box.
MEASURE = """() => {
    const slide = Reveal.getCurrentSlide(), config = Reveal.getConfig();
    const name = el => el.tagName.toLowerCase()
        + (el.className && el.className.baseVal === undefined
           ? '.' + String(el.className).trim().split(/\\s+/).slice(0, 2).join('.') : '');
    const problems = [];
    if (slide.scrollHeight > config.height + 1 || slide.scrollWidth > config.width + 1)
        problems.push(`slide content ${slide.scrollWidth}x${slide.scrollHeight} on a `
                      + `${config.width}x${config.height} slide`);
    for (const el of [slide, ...slide.querySelectorAll('*')]) {
        if (el.closest('aside.notes')) continue;
        // MathJax's screen-reader copy is clipped to 1 px on purpose (visually hidden)
        if (el.closest('.MJX_Assistive_MathML')) continue;
        const style = getComputedStyle(el), box = el.getBoundingClientRect();
        if (style.display === 'none' || style.visibility === 'hidden' || !box.width
            || !box.height) continue;
        if (box.bottom > innerHeight + 1 || box.right > innerWidth + 1 || box.top < -1
            || box.left < -1)
            problems.push(`${name(el)} at ${Math.round(box.left)},${Math.round(box.top)}-`
                          + `${Math.round(box.right)},${Math.round(box.bottom)} leaves the screen`);
        const clipsY = /auto|scroll|hidden|clip/.test(style.overflowY);
        const clipsX = /auto|scroll|hidden|clip/.test(style.overflowX);
        if ((clipsY && el.scrollHeight > el.clientHeight + 2)
            || (clipsX && el.scrollWidth > el.clientWidth + 2))
            problems.push(`${name(el)} cuts off its content (${el.scrollWidth}x${el.scrollHeight}`
                          + ` in ${el.clientWidth}x${el.clientHeight})`);
    }
    return {problems: [...new Set(problems)].slice(0, 8),
            text: slide.innerText.replace(/\\s+/g, ' ').trim().slice(0, 80),
            fullText: [...slide.childNodes].filter(n => !(n.closest && n.closest('aside.notes'))
                                                     && n.tagName !== 'ASIDE')
                .map(n => n.innerText || n.textContent).join(' ').replace(/\\s+/g, ' ').trim(),
            images: slide.querySelectorAll('img').length,
            // on-screen pixels per picture pixel of each static figure (demo panels aside)
            figureScales: [...slide.querySelectorAll('img')]
                .filter(i => !i.closest('.demo-panel') && !i.closest('aside.notes'))
                .map(i => i.getBoundingClientRect().height / i.naturalHeight),
            code: slide.querySelectorAll('.jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor')
                .length};
}"""


@pytest.fixture(scope="module")
def decks(slide_decks):
    """Every deck stepped through at 1920x1080: a list of measurements, one per slide."""
    slides_dir, shown = slide_decks
    return {nb.stem: shown[slides_dir / f"{nb.stem}.slides.html"]["steps"] for nb in NOTEBOOKS}


def step_through(page, screenshot, requests: list[str], errors: list[str]) -> dict:
    """Step an open deck through every slide at 1920x1080 and measure each; ``requests`` and
    ``errors`` are the page's requests and script errors since it was opened."""
    page.set_viewport_size(SCREEN)
    page.wait_for_function(READY, polling=100, timeout=90_000)
    page.evaluate("Reveal.configure({transition: 'none'})")
    total = page.evaluate("Reveal.getTotalSlides()")
    slides, tallest = [], (-1, 0)
    for number in range(total):
        page.evaluate(f"Reveal.slide(...Object.values(Reveal.getIndices("
                      f"Reveal.getSlides()[{number}])))")
        page.wait_for_timeout(120)          # the deck refits a slide 50 ms after it changes
        shown = page.evaluate(MEASURE)
        slides.append(shown)
        if shown["images"] and page.evaluate(
                "Reveal.getCurrentSlide().scrollHeight") > tallest[1]:
            tallest = (number, page.evaluate("Reveal.getCurrentSlide().scrollHeight"))
    if tallest[0] >= 0:
        page.evaluate(f"Reveal.slide(...Object.values(Reveal.getIndices("
                      f"Reveal.getSlides()[{tallest[0]}])))")
        page.wait_for_timeout(300)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot))
    return {"slides": slides, "external": [url for url in requests if not LOCAL_URL.match(url)],
            "errors": errors}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_slide_fits_the_screen(decks, notebook):
    deck = decks[notebook.stem]
    overflowing = {f"slide {n + 1} ({s['text'][:50]!r})": s["problems"]
                   for n, s in enumerate(deck["slides"]) if s["problems"]}
    assert not overflowing, f"{notebook.stem}: slides that do not fit 1920x1080: {overflowing}"
    assert not deck["external"] and not deck["errors"], deck


def pictures_in(notebook) -> int:
    """How many figures and demos the notebook shows: outputs whose plain-text stand-in is
    "[Figure: <alt text>]", and widget views; not read from how a figure's picture is stored
    (a PNG, or HTML with an <img>, since figures carry their alt text there)."""
    import nbformat

    return sum(map(pictures_in_cell, nbformat.read(notebook, as_version=4).cells))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_figure_and_demo_is_on_a_slide(decks, notebook):
    # Once figures were stored as HTML (<figure><img alt=...>) the slide plan, which looked for
    # PNG outputs, left every static figure out: 23 picture slides instead of 51.
    slides = decks[notebook.stem]["slides"]
    assert sum(s["images"] for s in slides) == pictures_in(notebook), (
        f"{notebook.stem}: pictures per slide {[s['images'] for s in slides]}")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_figure_is_shown_large_enough_to_read_from_the_back(decks, notebook):
    # A tall figure was scaled to the slide's height: 08's 1375x1320 cohort figure showed at
    # 0.71 (tick labels about 13 px). The build now stores a 16:8 slide layout of tall figures.
    small = {f"slide {n + 1}": [round(x, 2) for x in s["figureScales"] if x < MIN_FIGURE_SCALE]
             for n, s in enumerate(decks[notebook.stem]["slides"])}
    assert not {k: v for k, v in small.items() if v}, f"{notebook.stem}: figures shown small"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_deck_suits_a_fifty_minute_class(decks, notebook):
    slides = decks[notebook.stem]["slides"]
    assert 5 < len(slides) <= MAX_SLIDES, f"{notebook.stem}: {len(slides)} slides"
    assert not [s["text"] for s in slides if s["code"]], "code shown on a slide"
    assert re.search(r"Educational use only", slides[0]["fullText"]), slides[0]["fullText"]
    for number, slide in enumerate(slides[1:], start=2):
        text = slide["fullText"]
        assert not re.fullmatch(r"(?i)setup", text), f"slide {number} only says Setup"
        assert not re.match(r"(?i)educational use only", text), (
            f"slide {number} only carries the notice: {text[:80]!r}")
    figures = sum(bool(s["images"]) for s in slides)
    assert figures >= 1, "no figure or demo on any slide"


# --- the slide plan on its own (no browser) ---------------------------------------------------

def slide_plan(notebook):
    import nbformat

    from test_exports import load_export_module
    export = load_export_module()
    return export, export.plan_class_slides(nbformat.read(notebook, as_version=4), notebook.stem)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_the_plan_shows_every_figure_and_demo_once_and_keeps_the_rest_in_the_notes(notebook):
    import nbformat

    export, plan = slide_plan(notebook)
    original = nbformat.read(notebook, as_version=4)
    types = [c.metadata.slideshow.slide_type for c in plan.cells]
    assert 5 < types.count("slide") + types.count("subslide") <= MAX_SLIDES
    visuals = [c for c in plan.cells if export.is_visual(c)]
    assert len(visuals) == sum(export.is_visual(c) for c in original.cells)
    assert sum(map(pictures_in_cell, visuals)) == pictures_in(notebook), "a figure is left out"
    assert all(c.metadata.slideshow.slide_type in ("-", "subslide") for c in visuals)
    first = plan.cells[0]
    assert first.metadata.slideshow.slide_type == "slide" and "Educational use only" in first.source
    shown = [c.source for c in plan.cells if c.cell_type == "markdown"
             and c.metadata.slideshow.slide_type != "notes"]
    assert not [s for s in shown if re.match(r"#+ Setup\s*$", s)]
    assert sum("Educational use only" in s for s in shown) == 1
    solutions = [c for c in plan.cells if "solution" in c.metadata.get("tags", [])]
    assert not solutions, "a worked solution is in the deck (even its notes can be read)"


def pictures_in_cell(cell) -> int:
    return sum(output.get("data", {}).get("text/plain", "").startswith("[Figure: ")
               or "application/vnd.jupyter.widget-view+json" in output.get("data", {})
               for output in cell.get("outputs", []))


def test_a_figure_stored_as_html_is_a_visual():
    import nbformat

    from test_exports import load_export_module
    export = load_export_module()
    cell = nbformat.v4.new_code_cell("show_figure(fig, alt)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": '<figure style="margin: 0"><img src="data:image/png;base64,iVBORw0KGgo=" '
                     'alt="a curve"><figcaption>A curve.</figcaption></figure>',
        "text/plain": "[Figure: a curve]"})]
    assert export.is_visual(cell) and pictures_in_cell(cell) == 1
    table = nbformat.v4.new_code_cell("table")
    table.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "table"})]
    assert not export.is_visual(table)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_a_tall_figure_shows_its_slide_layout_on_the_slide(notebook):
    import base64
    import struct

    from ketamine_moa.widgets import SLIDE_ASPECT_MAX, SLIDE_PNG_KEY

    def size(data_uri: str) -> tuple[int, int]:
        png = base64.b64decode(data_uri)
        return struct.unpack(">II", png[16:24])

    export, plan = slide_plan(notebook)
    for cell in plan.cells:
        for output in cell.get("outputs", []):
            found = export.PNG_DATA_URI.search(output.get("data", {}).get("text/html", ""))
            if not found or "widget-view" in str(output.get("data", {})):
                continue
            width, height = size(found.group().split(",", 1)[1])
            if SLIDE_PNG_KEY in output.get("metadata", {}):
                assert height / width <= 0.5 + 1e-3, f"slide layout {width}x{height}"
            else:
                assert height / width <= SLIDE_ASPECT_MAX, (
                    f"{notebook.stem}: a {width}x{height} figure has no slide layout")


def test_the_slide_layout_replaces_the_picture_only_on_slides():
    import nbformat

    from test_exports import load_export_module
    export = load_export_module()
    page = ('<figure style="margin: 0"><img src="data:image/png;base64,AAAA" alt="tall">'
            '<figcaption>Tall.</figcaption></figure>')
    cell = nbformat.v4.new_code_cell("show_figure(fig, alt)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": page},
                                           metadata={export.SLIDE_PNG_KEY: "BBBB"})]
    swapped = export.with_slide_layouts(cell).outputs[0].data["text/html"]
    assert swapped == page.replace("AAAA", "BBBB")


def test_a_long_table_is_summarised_with_a_pointer_to_the_notebook():
    from test_exports import load_export_module
    export = load_export_module()
    rows = "\n".join(f"| row {i} | short | {'a long explanation ' * 8} |" for i in range(20))
    table, note = export.summarise_table("| name | value | evidence |\n|---|---|---|\n" + rows,
                                         html=False)
    assert table.count("\n") == export.SLIDE_TABLE_ROWS + 1 and "evidence" not in table
    assert "first 7 of 20 rows" in note and "without the column evidence" in note
    assert "full table is in the notebook" in note
    html = ("<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>"
            + "<tr><td>1</td><td>2</td></tr>" * 3 + "</tbody></table>")
    assert export.summarise_table(html, html=True) == (html, None)


def test_a_long_list_keeps_its_bold_lead_ins():
    from test_exports import load_export_module
    export = load_export_module()
    items = "\n".join(f"- **Point {i}.** " + "details " * 30 for i in range(9))
    short = export.shorten_list(items)
    assert short.startswith("- **Point 0**") and "details" not in short
    assert "2 more in the notebook" in short
