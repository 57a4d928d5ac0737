"""Keep Jupyter, IPython and matplotlib caches out of the home folder during tests, and keep
the suite offline: no process it starts may reach another machine (see offline/)."""

import os
import sys
import tempfile
from pathlib import Path

import pytest

_OFFLINE = Path(__file__).parent / "offline"
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(_OFFLINE), *filter(None, [os.environ.get("PYTHONPATH")])])
sys.path.insert(0, str(_OFFLINE))
import sitecustomize as _offline_guard  # noqa: E402,F401  (installs the guard in this process)

_CACHE = Path(tempfile.mkdtemp(prefix="ketamine_moa_test_"))
for _name in ("MPLCONFIGDIR", "IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
              "JUPYTER_RUNTIME_DIR"):
    _folder = _CACHE / _name.lower()
    _folder.mkdir()
    os.environ[_name] = str(_folder)
os.environ["KETAMINE_MOA_FIGURES_DIR"] = str(_CACHE / "figures")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium under Playwright, launched once and shared by the export, slide and
    print tests (skipped, or failed with KETAMINE_MOA_REQUIRE_BROWSER=1, when it is missing)."""
    from test_exports import BROWSER_ARGS, CHROMIUM, skip_or_fail_without_browser

    skip_or_fail_without_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield chromium
        chromium.close()


#: The exports (publish/export.py KIND, every committed notebook) and the fixture that waits
#: for each; test_exports.py, test_print_layout.py and test_slides_fit.py all read the same ones.
EXPORT_FIXTURES = {"html": "html_export", "slides": "slides_export", "pdf": "pdf_export"}


class SiteExports:
    """publish/export.py runs in the background, one per kind, into one folder."""

    def __init__(self, out: Path, kinds):
        from test_exports import Export

        self.out, self.start = out, lambda kind: Export(kind, out)
        self.runs = {kind: self.start(kind) for kind in kinds}

    def result(self, kind: str) -> tuple[Path, str]:
        """(output folder, stdout) of the export, once it has finished (started if it was not)."""
        if kind not in self.runs:
            self.runs[kind] = self.start(kind)
        return self.runs[kind].result()

    def stop(self) -> None:
        for run in self.runs.values():
            run.stop()


@pytest.fixture(scope="session")
def site_exports(request, tmp_path_factory):
    """Each export that a selected test reads, run once per session; all of them are started
    together, in the background, when the first is needed."""
    from test_exports import skip_or_fail_without_browser

    skip_or_fail_without_browser()
    needed = [kind for kind, name in EXPORT_FIXTURES.items()
              if any(name in getattr(item, "fixturenames", ()) for item in request.session.items)]
    exports = SiteExports(tmp_path_factory.mktemp("exports"), needed)
    yield exports
    exports.stop()


@pytest.fixture(scope="session")
def html_export(site_exports):
    return site_exports.result("html")


@pytest.fixture(scope="session")
def slides_export(site_exports):
    return site_exports.result("slides")


@pytest.fixture(scope="session")
def pdf_export(site_exports):
    return site_exports.result("pdf")


@pytest.fixture(scope="session")
def html_pages(html_export, browser):
    """What each HTML page (and the index) shows once its widgets and math have rendered, on
    screen (1200x900), and then, in the same tab, printed: print media at the printable width
    of each paper in test_print_layout.PAPER_MM (as a reader who opens the page and prints it)."""
    from test_exports import HTML_READY, HTML_SHOWN, NOTEBOOKS, notebook_facts, render_all
    from test_print_layout import measure_printed

    html_dir, stdout = html_export
    facts = {html_dir / f"{nb.stem}.html": notebook_facts(nb) for nb in NOTEBOOKS}
    shown = render_all(browser, [*facts, html_dir / "index.html"], {"width": 1200, "height": 900},
                       HTML_READY, HTML_SHOWN, ready_arg=lambda p: len(facts.get(p, {}).get(
                           "demo_titles", [])),
                       then=lambda path, page, *_: {"printed": measure_printed(page)}
                       if path in facts else {})
    return html_dir, stdout, shown


@pytest.fixture(scope="session")
def slide_decks(slides_export, browser):
    """What each deck shows on its first slide at 1280x800 (screenshots slides_NN.png in
    build/screenshots/), and then, in the same tab, every slide stepped through at 1920x1080
    (test_slides_fit.step_through; the deck is laid out at its own slide size and only scaled
    to the window, so a resize changes no slide's fit)."""
    from test_exports import NOTEBOOKS, SCREENSHOTS, SLIDES_READY, SLIDES_SHOWN, render_all
    from test_slides_fit import step_through

    slides_dir, _ = slides_export
    paths = [slides_dir / f"{nb.stem}.slides.html" for nb in NOTEBOOKS]
    shots = [SCREENSHOTS / f"slides_{nb.stem[:2]}.png" for nb in NOTEBOOKS]
    fits = {path: SCREENSHOTS / f"fit_{nb.stem[:2]}.png" for path, nb in zip(paths, NOTEBOOKS)}
    return slides_dir, render_all(
        browser, paths, {"width": 1280, "height": 800}, SLIDES_READY, SLIDES_SHOWN,
        screenshots=shots, then=lambda path, page, requests, errors: {
            "steps": step_through(page, fits[path], requests, errors)})
