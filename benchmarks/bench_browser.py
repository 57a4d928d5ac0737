"""Every demo in JupyterLab + Debian's chromium, as a student uses it (a measurement, not a test).

Starts JupyterLab on 127.0.0.1 (tests/lab_driver.py) and runs each notebook. For every demo:
(a) each slider gets arrow-key presses (right, then back left) timed from the key press until
the demo's image has a new picture decoded and painted; (b) the first slider is dragged with the
mouse back and forth for 2 s: the distinct pictures shown while the button is down (frames per
second) and the time from release to the last picture. Drop-downs get a timed change of option.

Budgets (issue 18): key press to pixels median <= 80 ms for every demo; >= 15 frames per second
during a drag; final picture <= 150 ms after release. Written to benchmarks/results.json as
"browser_demos" {demo title: {...}} and "browser_summary"; the first slider of notebook 02's
first demo also as "browser_slider_to_pixels_ms" (the figure earlier runs reported).
`python benchmarks/bench_browser.py 00 02` measures only those notebooks and records nothing.
"""

import statistics
import sys
from pathlib import Path

import numpy as np

from _results import record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from lab_driver import (PROJECT_ROOT, browser_available, chromium_page,  # noqa: E402
                        control_count, drag_and_count, jupyterlab, move_and_time, open_lab,
                        panel_count, panel_title, run_notebook, wait_for_panels)

PRESSES_PER_SLIDER = 6
KEY_BUDGET_MS = 80.0
DRAG_FPS_BUDGET = 15.0
RELEASE_BUDGET_MS = 150.0


def _timed_moves(page, index: int, control: int, moves: int, unchanged: list) -> list[float]:
    """Milliseconds of each move that drew a new picture; a move that drew none (a control
    that changes nothing visible at this setting) is counted in ``unchanged``."""
    times = []
    for _ in range(moves):
        try:
            times.append(move_and_time(page, index, control)["ms"])
        except Exception as error:  # Playwright reports "image did not change" as an Error
            if "image did not change" not in str(error):
                raise
            unchanged.append(control)
    return times


def measure_demo(page, index: int) -> dict:
    sliders, dropdowns = control_count(page, index)
    unchanged: list[int] = []
    _timed_moves(page, index, 0, 1, unchanged)  # warm-up: the panel's first comm round trip
    key_ms = [ms for control in range(sliders)
              for ms in _timed_moves(page, index, control, PRESSES_PER_SLIDER, unchanged)]
    choice_ms = [ms for control in range(dropdowns)
                 for ms in _timed_moves(page, index, sliders + control, 2, unchanged)]
    result = {"sliders": sliders, "dropdowns": dropdowns, "moves_without_new_picture":
              len(unchanged)}
    if key_ms:
        result.update(key_median_ms=round(statistics.median(key_ms), 1),
                      key_p95_ms=round(float(np.percentile(key_ms, 95)), 1))
    if choice_ms:
        result["choice_median_ms"] = round(statistics.median(choice_ms), 1)
    if sliders:
        drag = drag_and_count(page, index, seconds=2.0)
        result.update(drag_fps=round(drag["fps"], 1), drag_frames=drag["frames"],
                      drag_mouse_moves=drag["mouse_moves"],
                      release_to_final_ms=round(drag["release_to_final_ms"], 1),
                      ends_on_released_value=drag["settled"] == drag["released"])
    return result


def main(only: list[str]) -> int:
    """Every notebook, recorded; or only the notebooks whose number prefixes are in ``only``,
    printed but not recorded (a quick look at a few demos)."""
    missing = browser_available()
    if missing:
        print(f"browser benchmark skipped: {missing}")
        return 1
    demos = {}
    with jupyterlab() as (base, token), chromium_page() as page:
        open_lab(page, base, token)
        for notebook in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            if only and notebook.stem[:2] not in only:
                continue
            run_notebook(page, f"notebooks/{notebook.name}")
            source = (PROJECT_ROOT / "notebooks" / "src" / f"{notebook.stem}.py").read_text()
            wait_for_panels(page, source.count("\npanel("))
            for index in range(panel_count(page)):
                title = panel_title(page, index)
                name = f"{notebook.stem[:2]} {title}"
                demos[name] = measure_demo(page, index)
                print(f"{name[:54]:54} {demos[name]}")
    if only:
        return 0
    keyed = [d for d in demos.values() if "key_median_ms" in d]
    dragged = [d for d in demos.values() if "drag_fps" in d]
    summary = {
        "demos": len(demos),
        "key_median_ms_worst": max(d["key_median_ms"] for d in keyed),
        "key_over_budget": [name for name, d in demos.items()
                            if d.get("key_median_ms", 0) > KEY_BUDGET_MS],
        "drag_fps_lowest": min(d["drag_fps"] for d in dragged),
        "drag_under_budget": [name for name, d in demos.items()
                              if "drag_fps" in d and d["drag_fps"] < DRAG_FPS_BUDGET],
        "release_to_final_ms_worst": max(d["release_to_final_ms"] for d in dragged),
        "release_over_budget": [name for name, d in demos.items()
                                if d.get("release_to_final_ms", 0) > RELEASE_BUDGET_MS],
        "budgets": {"key_median_ms": KEY_BUDGET_MS, "drag_fps": DRAG_FPS_BUDGET,
                    "release_to_final_ms": RELEASE_BUDGET_MS},
    }
    record("browser_demos", demos)
    record("browser_summary", summary)
    first = next(d for name, d in demos.items() if name.startswith("02"))
    record("browser_slider_to_pixels_ms", {"median": first["key_median_ms"],
                                           "p95": first["key_p95_ms"]})
    print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
