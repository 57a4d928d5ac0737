"""The offline exports of publish/export.py, checked in headless Chromium (through Playwright).

The committed notebooks are exported once per test session into a temporary folder (HTML pages,
slides and PDFs; the three exports run side by side, and test_print_layout.py and
test_slides_fit.py read the same ones: the fixtures are in conftest.py). Every page is then
opened from file:// (all pages of a kind at once, in separate tabs) and must show its figures
with alt text, its widgets and its typeset math without asking any other machine for anything.
Browser tests skip when /usr/bin/chromium, Playwright or publish/node_modules is missing,
unless KETAMINE_MOA_REQUIRE_BROWSER=1 (as in CI), where they fail.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT / "publish" / "export.py"
NODE_MODULES = ROOT / "publish" / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "screenshots"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PDF_NOTEBOOKS = ("00", "02")  # the start page, and one with three demos and display math
REQUIRE_BROWSER = os.environ.get("KETAMINE_MOA_REQUIRE_BROWSER") == "1"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
NBCONVERT_DEFAULT_ALT = "No description has been provided for this image"
LOCAL_URL = re.compile(r"^(file://|data:|blob:|https?://127\.0\.0\.1[:/])")
#: How long a test waits for an export to finish (all three run at once; the PDFs, every notebook
#: printed once or twice by chromium, take longest).
EXPORT_TIMEOUT_S = 600
#: Every page of a kind is open at once; on two cores all of them render within this time.
RENDER_TIMEOUT_S = 120
#: True once MathJax (where the page loads it) has started and typeset everything queued.
MATHJAX_IDLE = ("!document.querySelector('script[src*=\"MathJax.js\"]') || (window.MathJax "
                "&& MathJax.isReady && MathJax.Hub.queue.pending === 0 "
                "&& !MathJax.Hub.queue.running)")
HTML_READY = ("n => document.querySelectorAll('.demo-panel img[alt]').length >= n && "
              "[...document.querySelectorAll('.demo-panel img')].every(i => i.naturalWidth > 0) "
              f"&& ({MATHJAX_IDLE})")
HTML_SHOWN = """() => ({
    images: [...document.images].map(i => ({width: i.naturalWidth, alt: i.alt,
                                            demo: !!i.closest('.demo-panel')})),
    sliders: document.querySelectorAll('.widget-slider, input[type=range]').length,
    dropdowns: document.querySelectorAll('.widget-dropdown').length,
    demoPanels: [...document.querySelectorAll('.demo-panel')].map(
        p => p.getAttribute('data-demo-title')),
    math: document.querySelectorAll('.MathJax_CHTML').length,
    prose: [...document.querySelectorAll('.jp-MarkdownCell')].map(c => c.innerText).join('\\n'),
    body: document.body.innerText,
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(
        h => Number(h.tagName[1])),
    links: [...document.querySelectorAll('ol.notebooks h2 a')].map(
        a => [a.getAttribute('href'), a.innerText]),
})"""
SLIDES_READY = f"() => window.Reveal && Reveal.isReady() && ({MATHJAX_IDLE})"
SLIDES_SHOWN = """() => document.fonts.ready.then(() => {
    if (!(window.Reveal && Reveal.isReady())) return {slides: 0};
    const first = Reveal.getCurrentSlide();
    return {slides: Reveal.getTotalSlides(), index: Reveal.getIndices(),
            overflowing: first.scrollHeight > first.clientHeight + 1,
            scrolls: getComputedStyle(first).overflowY};
})"""


def load_export_module():
    """publish/export.py as a module (a fresh copy each time, so monkeypatching stays local)."""
    spec = importlib.util.spec_from_file_location("publish_export", EXPORT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def displayed_models(models: dict, model_id: str) -> list[str]:
    """The model names of a displayed widget and of all its children, recursively."""
    state = models[model_id]["state"]
    children = [c.removeprefix("IPY_MODEL_") for c in state.get("children", [])]
    return [state["_model_name"], *(n for c in children for n in displayed_models(models, c))]


def panel_title(models: dict, model_id: str) -> str:
    """A demo panel's title: the bold first line of the first HTML widget inside it."""
    state = models[model_id]["state"]
    if state["_model_name"] == "HTMLModel" and (bold := re.search(r"<b>(.+?)</b>",
                                                                   state.get("value", ""))):
        return re.sub(r"<[^>]+>", "", bold[1]).strip()
    children = [c.removeprefix("IPY_MODEL_") for c in state.get("children", [])]
    return next(filter(None, (panel_title(models, c) for c in children)), "")


def notebook_facts(path: Path) -> dict:
    """What the page made from this notebook must show: its demos' titles and controls, math."""
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    titles, shown = [], []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                # The plain text does not name the demo ("[Live demo: ...]"); its panel does.
                titles.append(panel_title(state.get("state", {}), view["model_id"]))
                shown += displayed_models(state.get("state", {}), view["model_id"])
    return {"has_demos": "panel(" in code, "demo_titles": titles, "has_math": "$" in prose,
            "sliders": sum(name.endswith("SliderModel") for name in shown),
            "dropdowns": shown.count("DropdownModel"), "images": shown.count("ImageModel")}


def missing_browser_reason() -> str | None:
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is missing (pip install -e '.[test]')"
    if not NODE_MODULES.is_dir():
        return "publish/node_modules is missing (make publish/node_modules/.installed)"
    return None


def skip_or_fail_without_browser() -> None:
    reason = missing_browser_reason()
    if reason and REQUIRE_BROWSER:
        pytest.fail(f"KETAMINE_MOA_REQUIRE_BROWSER=1 but {reason}")
    if reason:
        pytest.skip(reason)


class Export:
    """One ``export.py`` run in the background; ``result()`` waits for it."""

    def __init__(self, kind: str, out: Path, names: tuple[str, ...] = ()):
        self.kind, self.out = kind, out
        self.process = subprocess.Popen(
            [sys.executable, str(EXPORT), kind, *names, "--out", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        self.output: tuple[str, str] | None = None

    def result(self) -> tuple[Path, str]:
        """(output folder, stdout); fails the test with export.py's message if it failed."""
        if self.output is None:
            self.output = self.process.communicate(timeout=EXPORT_TIMEOUT_S)
        stdout, stderr = self.output
        assert self.process.returncode == 0, f"export.py {self.kind} failed:\n{stderr}"
        return self.out / self.kind, stdout

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def render_all(browser, paths: list[Path], viewport: dict, ready: str, shown: str,
               ready_arg=None, screenshots: list[Path] | None = None,
               then=None) -> dict[Path, dict]:
    """Open every page at once, wait until ``ready`` holds in each, and return what each shows.

    Each result also says whether the page became ready in time, and lists its requests that
    left this machine and its script errors. ``then(path, page, requests, errors)``, if given, is
    called for each page once every page has been measured (before the tabs close), with the
    page's requests and script errors so far (and still being added to); its dict is added to
    the page's result.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    pages = {}
    for path in paths:
        page = browser.new_page(viewport=viewport)
        requests, errors = [], []
        page.on("request", lambda request, requests=requests: requests.append(request.url))
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.goto(path.as_uri(), wait_until="commit")
        pages[path] = (page, requests, errors)
    deadline = time.monotonic() + RENDER_TIMEOUT_S
    results = {}
    try:
        for number, (path, (page, requests, errors)) in enumerate(pages.items()):
            try:
                page.wait_for_function(ready, arg=ready_arg(path) if ready_arg else None,
                                       polling=100,
                                       timeout=max(deadline - time.monotonic(), 1) * 1000)
                ready_in_time = True
            except PlaywrightTimeout:
                ready_in_time = False
            results[path] = page.evaluate(shown)
            if screenshots:
                screenshots[number].parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshots[number]))
            results[path].update(ready=ready_in_time, errors=errors,
                                 external=[url for url in requests if not LOCAL_URL.match(url)])
        for path, (page, requests, errors) in pages.items():
            if then:
                results[path].update(then(path, page, requests, errors))
    finally:
        for page, _, _ in pages.values():
            page.close()
    return results


# --- export.py on its own ---------------------------------------------------------------------

def test_export_refuses_a_folder_without_notebooks(tmp_path, capsys):
    export = load_export_module()
    assert export.main(["html", "--notebooks", str(tmp_path), "--out", str(tmp_path)]) == 1
    assert "no executed notebooks" in capsys.readouterr().err
    assert not (tmp_path / "html").exists()


def test_export_refuses_an_unknown_notebook_name(tmp_path, capsys):
    export = load_export_module()
    assert export.main(["slides", "99_nothing", "--out", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "99_nothing" in error and NOTEBOOKS[0].stem in error


def test_pdf_without_chromium_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    export = load_export_module()
    monkeypatch.setattr(export, "CHROMIUM", tmp_path / "no-chromium")
    assert export.main(["pdf", "00", "--out", str(tmp_path)]) == 1
    assert "apt-get install chromium" in capsys.readouterr().err
    assert not list((tmp_path / "pdf").glob("*.pdf"))


def test_an_image_without_alt_text_is_refused():
    export = load_export_module()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=",
                                                     "text/plain": "<Figure size 640x480>"})])])
    with pytest.raises(ValueError, match="cell 0 shows an image without alt text"):
        export.AltTextPreprocessor().preprocess(nb, {"metadata": {"name": "99_test"}})


# --- HTML pages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_html_page_renders_offline(html_pages, notebook):
    html_dir, stdout, pages = html_pages
    path = html_dir / f"{notebook.stem}.html"
    shown, facts = pages[path], notebook_facts(notebook)
    assert re.search(rf"^\s*\d+\.\d s  .*{path.name}$", stdout, re.MULTILINE), stdout
    assert not shown["external"], shown["external"]
    assert not shown["errors"], shown["errors"]
    assert shown["images"], "no figure on the page"
    for image in shown["images"]:
        assert image["width"] > 0, f"image not loaded: {image['alt'][:60]!r}"
        assert image["alt"].strip() and image["alt"] != NBCONVERT_DEFAULT_ALT, image
    assert not re.findall(r"Traceback|Error|Warning", shown["body"])
    if facts["has_demos"]:
        assert shown["sliders"] + shown["dropdowns"] >= 1, "no demo control rendered"
        assert (shown["sliders"], shown["dropdowns"]) == (facts["sliders"], facts["dropdowns"])
        assert shown["demoPanels"] == facts["demo_titles"]
        demo_alts = [image["alt"] for image in shown["images"] if image["demo"]]
        assert len(demo_alts) == facts["images"] == len(facts["demo_titles"])
        assert all(title in alt for title, alt in zip(facts["demo_titles"], demo_alts, strict=True))
    if facts["has_math"]:
        assert shown["math"] > 0, "MathJax typeset nothing"
        assert not re.search(r"\$|\\[a-zA-Z]+", shown["prose"]), "raw LaTeX left in the prose"
    levels = shown["headings"]
    assert levels[0] == 1, levels
    assert all(b <= a + 1 for a, b in pairwise(levels)), f"heading level skipped: {levels}"
    assert shown["ready"], "widgets or math still not rendered after the time limit"


def test_html_index_lists_every_notebook_with_a_thumbnail(html_pages):
    html_dir, stdout, pages = html_pages
    shown = pages[html_dir / "index.html"]
    assert re.search(r"^\s*\d+\.\d s  .*index\.html$", stdout, re.MULTILINE), stdout
    assert [href for href, _ in shown["links"]] == [f"{nb.stem}.html" for nb in NOTEBOOKS]
    assert shown["links"][0][1].startswith("00. Start Here")
    assert len(shown["images"]) == len(NOTEBOOKS)
    assert all(i["width"] > 0 and len(i["alt"]) > 20 for i in shown["images"]), shown["images"]
    assert "Educational use only" in shown["body"]
    assert "Nothing here is medical advice" in shown["body"]
    assert shown["headings"] == [1] + [2] * len(NOTEBOOKS)
    assert not shown["external"], shown["external"]
    assert shown["ready"]


# --- slides -------------------------------------------------------------------------------------

@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_slides_load_reveal_offline(slide_decks, notebook):
    slides_dir, decks = slide_decks
    shown = decks[slides_dir / f"{notebook.stem}.slides.html"]
    assert not shown["external"], shown["external"]
    assert not shown["errors"], shown["errors"]
    assert shown["ready"], "reveal.js or MathJax not ready after the time limit"
    assert shown["slides"] > 5, (f"{notebook.name}: {shown['slides']} slides; does it carry "
                                 "metadata.slideshow (make notebooks)?")
    assert shown["index"]["h"] == 0 and shown["index"]["v"] == 0
    assert not shown["overflowing"] or shown["scrolls"] in ("auto", "scroll"), shown
    assert (SCREENSHOTS / f"slides_{notebook.stem[:2]}.png").stat().st_size > 10_000


# --- PDF ----------------------------------------------------------------------------------------

def test_pdfs_are_printed_with_every_page(pdf_export):
    pdf_dir, stdout = pdf_export
    pages = {}
    for prefix in PDF_NOTEBOOKS:
        [pdf] = pdf_dir.glob(f"{prefix}_*.pdf")
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        pages[prefix] = len(re.findall(rb"/Type\s*/Page\b", data))
        assert re.search(rf"^\s*\d+\.\d s  .*{pdf.name}$", stdout, re.MULTILINE), stdout
    # The start page is a few screens long; notebook 02 (three demos, tables, math) is longer.
    assert 3 <= pages["00"] <= 20, pages
    assert pages["00"] < pages["02"] <= 40, pages
