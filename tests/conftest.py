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


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium under Playwright, shared by the export, slide and print tests (skipped,
    or failed with KETAMINE_MOA_REQUIRE_BROWSER=1, when it is missing)."""
    from test_exports import BROWSER_ARGS, CHROMIUM, skip_or_fail_without_browser

    skip_or_fail_without_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield chromium
        chromium.close()
