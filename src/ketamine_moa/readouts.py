"""Read-outs: the few quantities the notebooks, demos, scorecard and tests compute from a run.

Every read-out takes a ``Run`` (``simulate``) and returns plain numbers; none runs the model.
One definition each:

* **improvement** (points): the mechanism's baseline score minus the score, so higher is
  better and 0 means no change.
* **peak**: the largest value of a series and the first time it is reached.
* **time to half of the peak**: the first time a series reaches half of its largest value
  over the run, by linear interpolation between grid points (0 if it starts there; NaN for
  a series that never rises above 0).
* **fade time**: the first time after a series' peak at which it is below a fraction of that
  peak, by linear interpolation between grid points.
* **day mean**: the mean over day ``d`` (``d * 24 <= t_h < (d + 1) * 24``), which smooths
  the swing of a daily tablet.
"""

from __future__ import annotations

import math

import numpy as np

from .chain import Run
from .params import model_parameters

DAY_H = 24.0
WEEK_H = 7 * DAY_H


def improvement(run: Run) -> np.ndarray:
    """Score improvement (points): the mechanism's baseline score minus ``symptom_score``."""
    return model_parameters().symptoms.baseline_score_points - run["symptom_score"]


def series(run: Run, key: str) -> np.ndarray:
    """An output of ``run``, or ``"improvement"`` (points)."""
    return improvement(run) if key == "improvement" else run[key]


def value_at(run: Run, key: str, t_h: float) -> float:
    """An output (or "improvement") at ``t_h`` hours, linearly interpolated."""
    return float(np.interp(t_h, run.t_h, series(run, key)))


def peak(run: Run, key: str) -> tuple[float, float]:
    """Largest value of an output (or "improvement") and the first time (h) it is reached."""
    values = series(run, key)
    i = int(np.argmax(values))
    return float(values[i]), float(run.t_h[i])


def time_to_half_peak_h(t_h: np.ndarray, values: np.ndarray) -> float:
    """First time (h) ``values`` reaches half of its maximum, interpolated between points.

    NaN when the maximum is not above 0 (nothing rises).
    """
    values = np.asarray(values, dtype=float)
    top = values.max()
    if not top > 0:
        return math.nan
    i = int(np.argmax(values >= top / 2))
    if i == 0:
        return float(t_h[0])
    before, after = values[i - 1], values[i]
    return float(t_h[i - 1] + (t_h[i] - t_h[i - 1]) * (top / 2 - before) / (after - before))


def change_from_start(run: Run, key: str) -> np.ndarray:
    """An output (or "improvement") minus its value at t = 0, before the first dose."""
    values = series(run, key)
    return values - values[0]


def half_peak_time_h(run: Run, key: str) -> float:
    """Time to half of the peak (h) of an output's change from its value at t = 0."""
    return time_to_half_peak_h(run.t_h, change_from_start(run, key))


def half_peak_day(run: Run, key: str = "improvement") -> float:
    """``half_peak_time_h`` in days (of the improvement unless ``key`` is given)."""
    return half_peak_time_h(run, key) / DAY_H


def fade_time_h(run: Run, fraction: float = 0.5, key: str = "improvement") -> float:
    """First time (h) after its peak at which an output (the improvement unless ``key`` is
    given) is below ``fraction`` of that peak, interpolated between grid points; NaN if it
    stays above within the run or never rises above 0."""
    if not 0 < fraction < 1:
        raise ValueError(f"fraction: the level as a fraction of the peak must lie in (0, 1); "
                         f"got {fraction!r}")
    values = series(run, key)
    i = int(np.argmax(values))
    level = fraction * values[i]
    below = np.nonzero(values[i:] < level)[0]
    if not values[i] > 0 or below.size == 0:
        return math.nan
    j = i + int(below[0])
    t0, t1, y0, y1 = run.t_h[j - 1], run.t_h[j], values[j - 1], values[j]
    return float(t0 + (y0 - level) / (y0 - y1) * (t1 - t0))


def day_mean(run: Run, key: str, day: int) -> float:
    """Mean of an output (or "improvement") over day ``day`` (0 = the first day)."""
    inside = (run.t_h >= day * DAY_H) & (run.t_h < (day + 1) * DAY_H)
    if not inside.any():
        raise ValueError(f"day must lie within the run (0 to {run.t_h[-1] / DAY_H:g} days); "
                         f"got {day}")
    return float(series(run, key)[inside].mean())


def window_mean(run: Run, key: str, start_h: float, end_h: float) -> float:
    """Mean of an output (or "improvement") over ``start_h <= t_h < end_h``."""
    inside = (run.t_h >= start_h) & (run.t_h < end_h)
    if not inside.any():
        raise ValueError(f"window [{start_h:g}, {end_h:g}) h holds no time point of the run")
    return float(series(run, key)[inside].mean())


def format_time(t_h: float) -> str:
    """A time as text: "25 min" below an hour, "5 h" below a day, else "day 9.3"."""
    if t_h < 1:
        return f"{60 * t_h:.0f} min"
    if t_h < DAY_H:
        return f"{t_h:.0f} h"
    return f"day {t_h / DAY_H:.1f}"


def format_duration(t_h: float) -> str:
    """A duration in words: "36 min" and "100 min" below 2 h, "5.2 h", "3.4 days", "25 days"."""
    if t_h < 2.0:
        return f"{60 * t_h:.0f} min"
    if t_h < 2 * DAY_H:
        return f"{t_h:.1f} h"
    if t_h < 10 * DAY_H:
        return f"{t_h / DAY_H:.1f} days"
    return f"{t_h / DAY_H:.0f} days"


def format_percent(fraction: float, digits: int = 0) -> str:
    """A fraction as a percentage: 0.434 -> "43%"."""
    return f"{100 * fraction:.{digits}f}%"
