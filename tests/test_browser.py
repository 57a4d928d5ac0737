"""Every notebook in a real JupyterLab in headless chromium: run all, no errors, every control
reachable with Tab, every demo answers the keyboard (sliders) or a new choice (drop-downs)
with a new picture, a dragged slider redraws while it moves and ends on the released value,
nothing fetched from outside 127.0.0.1.

Needs /usr/bin/chromium (`.ci/run` installs it with apt) and Playwright (test extra). Where
they are missing the tests are skipped, unless KETAMINE_MOA_REQUIRE_BROWSER=1 (set by CI),
which turns the skip into a failure. Screenshots go to build/browser/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from lab_driver import (PROJECT_ROOT, browser_available, chromium_page, drag_and_count,
                        error_outputs, image_digest, jupyterlab, move_and_time, open_lab,
                        panel_count, panel_title, run_notebook, wait_for_panels)

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SCREENSHOTS = PROJECT_ROOT / "build" / "browser"
MISSING = browser_available()
if MISSING and os.environ.get("KETAMINE_MOA_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"browser test required but {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=str(MISSING))


def demos_in_source(notebook: Path) -> list[str]:
    """The demo names passed to ``panel(...)`` in the notebook's source, in order."""
    source = (PROJECT_ROOT / "notebooks" / "src" / f"{notebook.stem}.py").read_text()
    return re.findall(r"^panel\(([\w.]+)\)", source, flags=re.MULTILINE)


@pytest.fixture(scope="module")
def lab_page():
    with jupyterlab() as (base, token), chromium_page() as page:
        open_lab(page, base, token)
        page.lab_base = base
        yield page


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem[:2])
def test_notebook_runs_and_every_demo_responds(lab_page, notebook):
    page = lab_page
    page.requested_urls.clear()
    run_notebook(page, f"notebooks/{notebook.name}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{notebook.stem}.png")
    assert error_outputs(page) == [], f"{notebook.name}: error output after Run All"

    expected = demos_in_source(notebook)
    wait_for_panels(page, len(expected))
    assert panel_count(page) == len(expected), (
        f"{notebook.name}: {panel_count(page)} demo panels rendered, source has {expected}")
    unreachable = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .widget-vbox .noUi-handle,'
            + ' .jp-NotebookPanel:not(.lm-mod-hidden) .widget-vbox select'))
        .filter(node => node.tabIndex < 0 || node.disabled).length""")
    assert unreachable == 0, f"{notebook.name}: {unreachable} controls not reachable by Tab"
    for index in range(len(expected)):
        title = panel_title(page, index)
        try:
            moved = move_and_time(page, index)
        except Exception as error:  # the message names the demo, not only the page script
            raise AssertionError(f"{notebook.name}: '{title}': {error}") from None
        assert moved["after"] != moved["before"], f"{notebook.name}: '{title}' did not redraw"
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-vbox:has(> .widget-image)"
                     ).nth(index).screenshot(path=SCREENSHOTS / f"{notebook.stem}_demo{index}.png")
    assert error_outputs(page) == [], f"{notebook.name}: error output after moving the demos"

    hosts = {urlparse(url).hostname for url in page.requested_urls
             if urlparse(url).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"127.0.0.1"}, f"{notebook.name}: requests to {hosts - {'127.0.0.1'}}"


def test_a_dragged_slider_redraws_while_moving_and_ends_on_the_released_value(lab_page):
    """Sliders update continuously; values arriving while a frame is drawn are coalesced by the
    panel's drawing thread (``widgets.LatestWins``: latest wins), so the last picture is the
    released value's, and drawing ahead afterwards never changes the picture shown."""
    page = lab_page
    run_notebook(page, "notebooks/02_blocking_the_nmda_channel.ipynb")
    wait_for_panels(page, 1)
    dragged = drag_and_count(page, 0, seconds=2.0)
    if dragged["frames"] < 5:   # one more try: a page still settling can swallow the first grab
        first, dragged = dragged, drag_and_count(page, 0, seconds=2.0)
        assert dragged["frames"] >= 5, (
            f"only {dragged['frames']} pictures during a 2 s drag: {dragged}; first try {first}")
    assert dragged["settled"] == dragged["released"]
    final = image_digest(page, 0)
    handle = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .noUi-handle").first
    at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    move_and_time(page, 0)        # one step away and back: a fresh draw at the released value
    page.keyboard.press("ArrowRight" if at_max else "ArrowLeft")
    page.wait_for_timeout(1500)
    assert handle.get_attribute("aria-valuenow") == dragged["released"]
    assert image_digest(page, 0) == final, "the picture after the drag is not the released value's"
