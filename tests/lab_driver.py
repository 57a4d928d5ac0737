"""Drive the notebooks in a real JupyterLab with Debian's chromium (shared by the browser test
and benchmarks/bench_browser.py).

JupyterLab is started on 127.0.0.1 with a random token and announcements turned off; chromium
is launched by Playwright from /usr/bin/chromium (no browser download). Each demo panel is a
VBox holding a header, its controls and an image; a "move" is one arrow-key press on a
control, and it counts as seen when the panel's image has a new picture decoded and painted.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
LAB_START_TIMEOUT_S = 90
RUN_ALL_TIMEOUT_S = 180
PANEL_SELECTOR = ".widget-vbox:has(> .widget-image)"


def browser_available() -> str | None:
    """None if chromium and Playwright are usable here, else what is missing."""
    if not CHROMIUM.exists():
        return "no /usr/bin/chromium (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def jupyterlab(root: Path = PROJECT_ROOT):
    """A JupyterLab server on 127.0.0.1 with a token; yields its base URL with ``?token=``.

    Settings, runtime files and the workspace live in a temporary folder, so the user's own
    JupyterLab is untouched and every run starts with no open tabs; the server settings are the
    project's (jupyter-config/), as with `make lab`.
    """
    home = Path(tempfile.mkdtemp(prefix="ketamine_moa_lab_"))
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port, token = _free_port(), secrets.token_hex(16)
    # The project's server settings (jupyter-config/, as `make lab` loads them), ahead of any
    # folder the caller adds to JUPYTER_CONFIG_PATH.
    config_path = os.pathsep.join(filter(None, [os.environ.get("JUPYTER_CONFIG_PATH"),
                                                str(PROJECT_ROOT / "jupyter-config")]))
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_CONFIG_PATH": config_path,
           # as `make lab` runs its kernels (the Makefile says why)
           "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
               "--LabApp.news_url=None", f"--LabApp.user_settings_dir={home / 'settings'}",
               f"--LabApp.workspaces_dir={home / 'workspaces'}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(home / "lab.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + LAB_START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n"
                                       + (home / "lab.log").read_text()[-3000:])
                time.sleep(0.3)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(home, ignore_errors=True)


@contextmanager
def chromium_page(viewport=(1400, 1000)):
    """A Playwright page in headless Debian chromium; records every request's URL."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.requested_urls = []
        page.on("request", lambda request: page.requested_urls.append(request.url))
        try:
            yield page
        finally:
            browser.close()


def open_lab(page, base: str, token: str) -> None:
    page.goto(f"{base}/lab?token={token}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
    page.wait_for_selector(".jp-LauncherCard, .jp-Launcher", timeout=60_000)


def run_notebook(page, path: str) -> float:
    """Open ``path``, clear its stored outputs, run every cell; return seconds taken.

    The notebook open before is closed unsaved and its kernel shut down. Waits until the kernel
    is idle and every code cell has an execution count.
    """
    page.evaluate("""async path => {
        const app = window.jupyterapp;
        for (const widget of Array.from(app.shell.widgets('main'))) {
            if (!widget.context) continue;   // the launcher
            widget.context.model.dirty = false;   // never save; no "save changes?" dialog
            await widget.sessionContext.shutdown();
        }
        await app.commands.execute('application:close-all');
        const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
        await panel.context.ready;
        await panel.sessionContext.ready;
        app.shell.activateById(panel.id);
    }""", path)
    started = time.perf_counter()
    page.evaluate("""async () => {
        const app = window.jupyterapp;
        await app.commands.execute('notebook:clear-all-cell-outputs');
        await app.commands.execute('notebook:run-all-cells');
    }""")
    page.wait_for_function("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
        if (!kernel || kernel.status !== 'idle') return false;
        const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
        // A cell not yet attached (JupyterLab renders off-screen cells lazily) has no prompt
        // node; its model's execution state still says whether it is running.
        return cells.every(cell => {
            const prompt = cell.node.querySelector('.jp-InputPrompt');
            return cell.model.executionCount !== null
                   && cell.model.executionState !== 'running'
                   && !(prompt && prompt.textContent.includes('*'));
        });
    }""", timeout=RUN_ALL_TIMEOUT_S * 1000, polling=250)
    return time.perf_counter() - started


def error_outputs(page) -> list[str]:
    """Text of every error or stderr output in the open notebook."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) '
            + '[data-mime-type="application/vnd.jupyter.stderr"]'
        )).map(node => node.textContent.slice(0, 500))""")


def panel_count(page) -> int:
    return page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {PANEL_SELECTOR}").count()


def wait_for_panels(page, count: int, timeout_s: float = 20.0) -> None:
    """Wait (at most ``timeout_s``) until ``count`` demo panels are rendered; widget views can
    appear a moment after the kernel went idle. Returns quietly on timeout: callers assert."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "([selector, count]) => document.querySelectorAll(selector).length >= count",
            arg=[f".jp-NotebookPanel:not(.lm-mod-hidden) {PANEL_SELECTOR}", count],
            timeout=timeout_s * 1000)
    except PlaywrightTimeout:
        pass


def panel_title(page, index: int) -> str:
    panel = page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {PANEL_SELECTOR}").nth(index)
    # The title is the heading widget's bold first line (its prompt follows it).
    heading = panel.locator(".widget-html").first
    bold = heading.locator("b, strong")
    text = bold.first.text_content() if bold.count() else heading.text_content()
    return text.strip()[:80]


def control_count(page, index: int) -> tuple[int, int]:
    """How many sliders and drop-downs demo ``index`` has."""
    panel = page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {PANEL_SELECTOR}").nth(index)
    return (panel.locator(".widget-slider .noUi-handle").count(),
            panel.locator(".widget-dropdown select").count())


def move_and_time(page, index: int, control_index: int = 0) -> dict:
    """Move control ``control_index`` (sliders first, then drop-downs; default the first
    control) of demo ``index`` one step: a slider by one arrow-key press
    (ArrowRight, or ArrowLeft at its maximum), a drop-down to its next option (the previous
    one at the end; chosen directly, since headless chromium answers arrow keys on a
    closed drop-down with a pop-up). Returns the milliseconds from the key press until the
    panel's image shows a new picture (new source, decoded, one frame painted), and the sources
    before and after.
    """
    panel = page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {PANEL_SELECTOR}").nth(index)
    panel.scroll_into_view_if_needed()
    control = panel.locator(".widget-slider .noUi-handle, .widget-dropdown select").nth(
        control_index)
    is_select = control.evaluate("node => node.tagName") == "SELECT"
    control.focus()
    image = panel.locator(".widget-image").first
    before = image.get_attribute("src")
    page.evaluate("""([image]) => {
        window.__moved = new Promise(resolve => {
            let pressed = null;
            const start = () => { if (pressed === null) pressed = performance.now(); };
            document.addEventListener('keydown', start, {once: true, capture: true});
            document.addEventListener('change', start, {once: true, capture: true});
            new MutationObserver((_, observer) => {
                observer.disconnect();
                image.decode().then(() => requestAnimationFrame(() =>
                    resolve(performance.now() - pressed)));
            }).observe(image, {attributes: true, attributeFilter: ['src']});
        });
    }""", [image.element_handle()])
    if is_select:  # headless chromium opens a pop-up on arrow keys, so choose directly
        last = control.evaluate("select => select.options.length - 1")
        at_end = control.evaluate("select => select.selectedIndex") == last
        control.select_option(index=last - 1 if at_end else control.evaluate(
            "select => select.selectedIndex") + 1)
    else:
        at_end = control.get_attribute("aria-valuenow") == control.get_attribute("aria-valuemax")
        page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
    latency_ms = page.evaluate("() => Promise.race([window.__moved, new Promise((_, reject) =>"
                               " setTimeout(() => reject(new Error('image did not change')),"
                               " 15000))])")
    return {"ms": latency_ms, "before": before, "after": image.get_attribute("src")}


def image_digest(page, index: int) -> str:
    """SHA-256 of the picture demo ``index`` shows now (its blob's bytes, not its URL)."""
    panel = page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {PANEL_SELECTOR}").nth(index)
    return panel.locator(".widget-image").first.evaluate("""async image => {
        const bytes = await (await fetch(image.src)).arrayBuffer();
        const digest = await crypto.subtle.digest('SHA-256', bytes);
        return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
    }""")


MOUSE_EVENT_INTERVAL_S = 0.008   # a USB mouse reports at about 125 Hz


def drag_and_count(page, index: int, seconds: float = 2.0, settle_s: float = 1.5) -> dict:
    """Drag the first slider of demo ``index`` with the mouse, back and forth along its track for
    ``seconds``, then release it. Returns the distinct pictures shown while the button was down
    (``frames``), their rate (``fps``), the milliseconds from release to the last new picture
    (``release_to_final_ms``; 0 if the final picture came before the release), and the slider's
    value at release and after everything settled (``released``, ``settled``)."""
    panel = page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {PANEL_SELECTOR}").nth(index)
    panel.scroll_into_view_if_needed()
    handle = panel.locator(".widget-slider .noUi-handle").first
    _wait_until_still(page, handle)
    track = panel.locator(".widget-slider .noUi-target").first.bounding_box()
    image = panel.locator(".widget-image").first
    image.evaluate("""image => {
        window.__frames = [];
        new MutationObserver(() => window.__frames.push(performance.now()))
            .observe(image, {attributes: true, attributeFilter: ['src']});
    }""")
    for _attempt in range(3):   # grab the handle where it is now; retry if the page moved
        handle.hover()
        box = handle.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.down()
        grabbed = handle.evaluate("node => node.classList.contains('noUi-active')")
        if grabbed:
            break
        page.mouse.up()
        _wait_until_still(page, handle)
        track = panel.locator(".widget-slider .noUi-target").first.bounding_box()
    pressed = page.evaluate("() => performance.now()")
    value_before = handle.get_attribute("aria-valuenow")
    # The hand, not the driver, sets the pace: the page itself sends mouse moves (what ipywidgets'
    # noUiSlider listens to in Chromium) at a mouse's ~125 Hz for `seconds`, out to 90% of the
    # track and back. One Python round trip per move is slower than a hand (35 ms quiet, 100+ ms
    # loaded) and capped the frames counted at the moves sent.
    moves = page.evaluate("""([left, width, y, seconds, intervalMs]) => new Promise(done => {
        const started = performance.now();
        let moves = 0;
        const timer = setInterval(() => {
            const phase = (performance.now() - started) / (1000 * seconds);
            if (phase >= 1) { clearInterval(timer); done(moves); return; }
            const x = left + (0.1 + 0.8 * (1 - Math.abs(2 * phase - 1))) * width;
            const target = document.elementFromPoint(x, y) || document.documentElement;
            target.dispatchEvent(new MouseEvent('mousemove', {clientX: x, clientY: y,
                bubbles: true, buttons: 1}));
            moves += 1;
        }, intervalMs);
    })""", [track["x"], track["width"], y, seconds, 1000 * MOUSE_EVENT_INTERVAL_S])
    page.mouse.move(track["x"] + 0.7 * track["width"], y)
    released_at = page.evaluate("() => performance.now()")
    page.mouse.up()
    released = handle.get_attribute("aria-valuenow")
    page.wait_for_timeout(1000 * settle_s)
    frames = page.evaluate("() => window.__frames")
    during = [t for t in frames if pressed <= t <= released_at]
    last = max(frames) if frames else released_at
    return {"frames": len(set(during)), "fps": len(during) / max(released_at - pressed, 1) * 1000,
            "release_to_final_ms": max(last - released_at, 0.0), "released": released,
            "settled": handle.get_attribute("aria-valuenow"), "grabbed": grabbed,
            "value_before": value_before, "frames_after_release": len(frames) - len(during),
            "mouse_moves": moves}


def _wait_until_still(page, locator, timeout_s: float = 10.0) -> None:
    """Wait until ``locator``'s box stops moving (JupyterLab attaches and sizes off-screen cells
    lazily, so a scroll can shift the page for a moment afterwards)."""
    deadline = time.monotonic() + timeout_s
    previous = locator.bounding_box()
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        current = locator.bounding_box()
        if current == previous:
            return
        previous = current
