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
