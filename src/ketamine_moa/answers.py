"""Answer checks for the exercises of the student copies.

A solution cell declares the variables its answer is stored in and how close an answer must be,
in its metadata (in the notebook source: ``# %% tags=["solution"] answer={"t_half_h": 0.05}``,
name -> relative tolerance) and, optionally, a hint (``hint="..."``). The build stores the
teacher solution's values of those variables (``expected_values``); ``make student`` writes
them with the tolerances and hints to ``answers.json`` beside the student copies, and puts a
check cell under each exercise stub::

    check_answer("01_ketamine_in_the_body", "Exercise 1: read the half-life off the curve",
                 globals())

The check reads the student's variables, compares each with the stored value and prints what
is right, what is not yet, and the hint; it never prints the expected value of a wrong answer.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Mapping

import numpy as np

ANSWER_KEY_FILE = "answers.json"


def expected_values(value: Any) -> str:
    """A variable's value as JSON (a number or a list of numbers), for the answer key."""
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        raise ValueError("an answer must be finite numbers")
    return json.dumps(array.tolist())


def is_close(answer: Any, expected: Any, rtol: float) -> bool:
    """True when ``answer`` has the expected shape and every number is within ``rtol``
    (relative; for an expected 0, within ``rtol`` absolute)."""
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape or not np.all(np.isfinite(got)):
        return False
    scale = np.where(want == 0, 1.0, np.abs(want))
    return bool(np.all(np.abs(got - want) <= rtol * scale))


def _describe(value: Any) -> str:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return f"{value!r} (not a number)"
    if array.ndim == 0:
        return f"{float(array):.4g}"
    return f"an array of shape {array.shape}"


def _hint_for(answer: Any, expected: Any) -> str:
    """A generic clue from how a wrong number relates to the expected one."""
    try:
        got, want = float(answer), float(expected)
    except (TypeError, ValueError):
        return ""
    if want == 0 or got == 0 or not math.isfinite(got):
        return ""
    ratio = got / want
    if ratio < 0:
        return "The sign is wrong."
    for factor, clue in ((100.0, "a fraction versus a percentage?"),
                         (60.0, "minutes versus hours?"), (24.0, "hours versus days?"),
                         (math.log(10), "log10 versus the natural log?")):
        if abs(ratio / factor - 1) < 0.05 or abs(ratio * factor - 1) < 0.05:
            return f"Off by a factor of about {factor:g}: {clue}"
    return f"Your value is {'above' if ratio > 1 else 'below'} the model's."


def load_answer_key(folder: Path | str = ".") -> dict[str, Any]:
    path = Path(folder) / ANSWER_KEY_FILE
    if not path.exists():
        raise FileNotFoundError(f"no answer key {path}: the student copies are written with it "
                                "by `make student`")
    return json.loads(path.read_text(encoding="utf-8"))


def check_answer(notebook: str, exercise: str, namespace: Mapping[str, Any],
                 folder: Path | str = ".") -> bool:
    """Print whether the variables ``namespace`` holds answer ``exercise``; True if all do."""
    entry = load_answer_key(folder)[notebook][exercise]
    all_right = True
    lines = []
    for name, expected in entry["expected"].items():
        rtol = entry["tolerance"][name]
        if name not in namespace:
            lines.append(f"- `{name}`: not found. Store your answer in a variable called "
                         f"`{name}` and run this cell again.")
            all_right = False
        elif is_close(namespace[name], expected, rtol):
            lines.append(f"- `{name}` = {_describe(namespace[name])}: right "
                         f"(within {rtol:.0%} of the model's value).")
        else:
            clue = _hint_for(namespace[name], expected)
            lines.append(f"- `{name}` = {_describe(namespace[name])}: not yet. {clue}".rstrip())
            all_right = False
    if not all_right and entry.get("hint"):
        lines.append(f"Hint: {entry['hint']}")
    print(f"{'Well done' if all_right else 'Not yet'}: {exercise}")
    print("\n".join(lines))
    return all_right
