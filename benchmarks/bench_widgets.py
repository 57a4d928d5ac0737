"""In-kernel cost of one widget move, for every demo (a measurement, not a test).

For each demo, 50 moves of its first slider (or its first control if it has none): one step
at a time, up 5, down 10, up 10, ... like a student nudging the slider with the keyboard, so
about 11 distinct values, each model run once (runs are memoised in ``regimens``; first
visits are in the numbers). Each move sets the real ipywidgets control of ``panel(demo)``,
which updates the artists and blits them (``widgets.LiveFigure``); a value shown before
reuses its picture, so ``first_visit_median`` (the moves to a value not shown yet, each with
its model run) is reported beside the median of all moves. ``naive_median`` is the first
``NAIVE_MOVES`` of the same moves drawn the way a plain ``interact`` would: a new figure each
time, rendered to a PNG, with the model runs already cached, so it isolates the drawing.

Budget: median (of all moves, and of first visits) <= 30 ms and p95 <= 60 ms per demo, and
first visits >= 4x faster than naive. Written to
benchmarks/results.json under "widget_update_ms" {demo: {"median", "p95",
"first_visit_median", "naive_median"}}.

``--cpu`` times each move by this process's CPU time instead of the wall clock, for a machine
shared with other work (where wall times swing two- to threefold from run to run); with
``--cpu`` or with demo names as arguments (only those demos) nothing is written. ``--help``
prints this and runs nothing.
"""

import statistics
import sys
import time

import numpy as np

from _results import record
from ketamine_moa.demos import all_demos
from ketamine_moa.plotting import use_house_style
from ketamine_moa.widgets import Slider, figure_png, panel

MOVES = 50
NAIVE_MOVES = 12  # a new figure per move is slow; its median settles within a dozen moves
BUDGET_MS = 30.0
P95_BUDGET_MS = 60.0
MIN_SPEED_UP = 4.0
#: The clock moves are timed by: the wall clock, or (``--cpu``) this process's CPU time.
clock = time.perf_counter


def move_values(control, moves: int = MOVES) -> list:
    """Values for ``moves`` single-step moves from the default, reflecting at the ends."""
    if not isinstance(control, Slider):
        options = [value for _, value in control.options]
        start = options.index(control.default)
        return [options[(start + 1 + i) % len(options)] for i in range(moves)]
    pattern = [1] * 5 + ([-1] * 10 + [1] * 10) * moves
    values, value = [], control.default
    for step in pattern[:moves]:
        if not control.min <= value + step * control.step <= control.max:
            step = -step
        value = round(value + step * control.step, 10)
        values.append(value)
    return values


def measure(demo) -> dict[str, float]:
    control = demo.controls[0] if not any(isinstance(c, Slider) for c in demo.controls) else \
        next(c for c in demo.controls if isinstance(c, Slider))
    box = panel(demo)
    widget = box.children[1 + demo.controls.index(control)]
    live_ms, first_ms, naive_ms = [], [], []
    values = move_values(control)
    shown = {control.default}
    for value in values:
        started = clock()
        widget.value = value
        live_ms.append(1000 * (clock() - started))
        if value not in shown:
            first_ms.append(live_ms[-1])
            shown.add(value)
    for value in values[:NAIVE_MOVES]:
        started = clock()
        figure_png(demo.draw(**{control.name: value}))
        naive_ms.append(1000 * (clock() - started))
    return {"control": control.name, "median": round(statistics.median(live_ms), 1),
            "p95": round(float(np.percentile(live_ms, 95)), 1),
            "first_visit_median": round(statistics.median(first_ms), 1),
            "naive_median": round(statistics.median(naive_ms), 1)}


def main(argv: list[str]) -> None:
    global clock
    if "--help" in argv or "-h" in argv:
        print(__doc__)
        return
    unknown = [arg for arg in argv if arg.startswith("-") and arg != "--cpu"]
    if unknown:
        raise SystemExit(f"unknown option(s) {' '.join(unknown)}; options: --cpu, --help")
    cpu = "--cpu" in argv
    only = [arg for arg in argv if not arg.startswith("--")]
    clock = time.process_time if cpu else time.perf_counter
    use_house_style()
    results = {}
    for demo in all_demos():
        if only and demo.name not in only:
            continue
        results[demo.name] = row = measure(demo)
        speed_up = row["naive_median"] / max(row["first_visit_median"], 0.1)
        verdict = ("ok" if max(row["median"], row["first_visit_median"]) <= BUDGET_MS
                   and row["p95"] <= P95_BUDGET_MS and speed_up >= MIN_SPEED_UP else "OVER")
        print(f"{demo.name:24s} {row['control']:22s} median {row['median']:6.1f} ms  "
              f"p95 {row['p95']:6.1f}  first visits {row['first_visit_median']:6.1f}  "
              f"naive {row['naive_median']:6.1f}  x{speed_up:4.1f}  {verdict}")
    if not (cpu or only):
        record("widget_update_ms", results)


if __name__ == "__main__":
    main(sys.argv[1:])
