"""Slider-to-pixels latency in JupyterLab + Debian's chromium (a measurement, not a test).

Starts JupyterLab on 127.0.0.1 (tests/lab_driver.py), runs notebook 02, then presses an
arrow key on the concentration slider of its first demo 20 times (right, then back left)
and times each press until the demo's image has a new picture decoded and painted.

Budget: median <= 100 ms. Written to benchmarks/results.json as
"browser_slider_to_pixels_ms" {"median", "p95", "moves", "demo"}.
"""

import statistics
import sys
from pathlib import Path

import numpy as np

from _results import record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from lab_driver import (browser_available, chromium_page, jupyterlab,  # noqa: E402
                        move_and_time, open_lab, panel_title, run_notebook)

NOTEBOOK = "notebooks/02_blocking_the_nmda_channel.ipynb"
MOVES = 20
BUDGET_MS = 100.0


def main() -> int:
    missing = browser_available()
    if missing:
        print(f"browser benchmark skipped: {missing}")
        return 1
    with jupyterlab() as (base, token), chromium_page() as page:
        open_lab(page, base, token)
        run_notebook(page, NOTEBOOK)
        title = panel_title(page, 0)
        move_and_time(page, 0)  # warm-up: first comm round trip
        latencies_ms = [move_and_time(page, 0)["ms"] for _ in range(MOVES)]
    median = statistics.median(latencies_ms)
    record("browser_slider_to_pixels_ms",
           {"median": round(median, 1), "p95": round(float(np.percentile(latencies_ms, 95)), 1),
            "moves": MOVES, "demo": title.split("Predict first")[0]})
    verdict = "within" if median <= BUDGET_MS else "OVER"
    print(f"slider to pixels: median {median:.1f} ms over {MOVES} moves ({verdict} the "
          f"{BUDGET_MS:g} ms budget)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
