"""Input checks shared by the models: clear messages naming the argument, unit and range."""

from __future__ import annotations

import math

import numpy as np


def check_number(name: str, value: object, unit: str, low: float, high: float,
                 low_open: bool = False) -> float:
    """Return ``value`` as a float if it is a finite number in [low, high] (or (low, high]).

    Raises TypeError for a non-number and ValueError, naming ``name``, ``unit`` and the
    allowed range, for NaN, infinity or a value outside the range.
    """
    interval = f"{'(' if low_open else '['}{low:g}, {high:g}] {unit}"
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number in {interval}, got {type(value).__name__}")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name} = {number} is not a finite number; allowed range {interval}")
    below = number <= low if low_open else number < low
    if below or number > high:
        raise ValueError(f"{name} = {number:g} {unit} is outside the allowed range {interval}")
    return number


#: Largest number of samples a time series may have (12 weeks on a 1-min grid is ~121,000).
SERIES_LEN_MAX = 1_000_000
#: Fractions computed upstream may miss [0, 1] by floating-point rounding; this much is clipped.
FRACTION_ROUNDING = 1e-9


def check_time_series(t_h: object, **series: object) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Validate a time grid and series sampled on it; return them as float arrays.

    ``t_h`` must be 1-D, finite and strictly increasing with at least two points; each
    named series must be 1-D, finite and as long as ``t_h``. Raises ValueError naming the
    offending argument (TypeError if it is not numeric).
    """
    arrays = {}
    for name, values in {"t_h": t_h, **series}.items():
        try:
            array = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a 1-D array of numbers") from None
        if array.ndim != 1:
            raise ValueError(f"{name} must be a 1-D array, got shape {array.shape}")
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{name} contains NaN or infinite values")
        arrays[name] = array
    t = arrays.pop("t_h")
    if not 2 <= t.size <= SERIES_LEN_MAX:
        raise ValueError(f"t_h must have 2..{SERIES_LEN_MAX} points, got {t.size}")
    if np.any(np.diff(t) <= 0):
        raise ValueError("t_h (h) must be strictly increasing")
    for name, array in arrays.items():
        if array.size != t.size:
            raise ValueError(f"{name} has {array.size} points but t_h has {t.size}")
    return t, arrays


def check_fraction_series(name: str, values: np.ndarray) -> np.ndarray:
    """Values clipped to [0, 1]; ValueError if any lies outside by more than rounding (1e-9)."""
    if values.min() < -FRACTION_ROUNDING or values.max() > 1.0 + FRACTION_ROUNDING:
        raise ValueError(f"{name} must lie in [0, 1] (fraction); got values in "
                         f"[{values.min():g}, {values.max():g}]")
    return np.clip(values, 0.0, 1.0)


def check_concentration_uM(name: str, values: object, high_uM: float,
                           limit: str = "") -> np.ndarray:
    """A plasma level (number or 1-D array, uM) within [0, high_uM], as a float array.

    Round-off below zero (down to -1e-9) is clipped; anything else outside the range, NaN or
    infinity raises ValueError naming ``name``, the unit and the range. ``limit`` says what
    the upper bound is (e.g. the drug's solubility) and goes into the message.
    """
    conc = np.asarray(values, dtype=float)
    if conc.ndim > 1:
        raise ValueError(f"{name} must be a number or 1-D array, got shape {conc.shape}")
    if not np.all(np.isfinite(conc)):
        raise ValueError(f"{name} contains NaN or infinite values")
    if conc.size and (conc.min() < -FRACTION_ROUNDING or conc.max() > high_uM):
        raise ValueError(f"{name} must lie in [0, {high_uM:g}] uM"
                         + (f" ({limit})" if limit else "")
                         + f"; got [{conc.min():g}, {conc.max():g}]")
    return np.clip(conc, 0.0, None)
