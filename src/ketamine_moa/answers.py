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

**Choice checks.** A judgement question ("explain in a sentence why ...") lists lettered options
in its markdown; the student writes the sentence and sets, for example, ``choice_03 = "b"``. The
solution cell declares the variable in ``answer`` as for a number (the tolerance is not used for
a letter; write 0.01) and gives one line of feedback per option in ``options``
(``options={"a": "...", "b": "...", "c": "..."}``). The answer key stores no letter: only a salted
SHA-256 of the right one (``choice_digest``) and the feedback for *every* option, so neither the
student copy nor ``answers.json`` shows at a glance which option is right, and a wrong pick is
answered with the feedback written for that mistake.

Why a small in-house check and not otter-grader's ``grader.check`` or jupyterquiz: the student
copies must run offline with the package's own dependencies (no extra install, no JavaScript
widget that needs a CDN or a trusted notebook), stay plain ``.ipynb`` files that nbviewer and the
HTML export show, and take their expected values from the build (``make notebooks``) so that a
recalibration moves the answer key with the notebooks. The mechanism follows the otter/nbgrader
convention of a public check cell under each exercise.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any, Mapping

import numpy as np

ANSWER_KEY_FILE = "answers.json"


def expected_values(value: Any) -> str:
    """A variable's value as JSON (a number, a list of numbers, or the letter of a choice), for
    the answer key."""
    if isinstance(value, str):
        letter = normalise_choice(value)
        if not letter:
            raise ValueError("a choice answer must be one option letter, such as 'b'")
        return json.dumps(letter)
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


def normalise_choice(value: Any) -> str:
    """A student's choice as a bare lower-case option letter: "B", " b ", "(b)" -> "b"."""
    if not isinstance(value, str):
        return ""
    return value.strip().strip("()").strip().lower()


def choice_digest(notebook: str, exercise: str, name: str, letter: str) -> str:
    """Salted SHA-256 of an option letter: the answer key stores this, never the letter."""
    text = "\x1f".join((notebook, exercise, name, normalise_choice(letter)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_choice(notebook: str, exercise: str, name: str, value: Any, digest: str,
                  options: Mapping[str, str]) -> tuple[bool, str]:
    """(right?, the line to print) for the choice variable ``name``."""
    letter = normalise_choice(value)
    listed = ", ".join(f'"{option}"' for option in options)
    if letter not in options:
        return False, (f"- `{name}` = {value!r}: not one of the options. Set it to one letter: "
                       f"{listed}.")
    if choice_digest(notebook, exercise, name, letter) == digest:
        return True, f'- `{name}` = "{letter}": right. {options[letter]}'
    return False, f'- `{name}` = "{letter}": not yet. {options[letter]}'


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
        if name in namespace and isinstance(expected, dict) and "sha256" in expected:
            right, line = _check_choice(notebook, exercise, name, namespace[name],
                                        expected["sha256"], entry.get("options", {}))
            lines.append(line)
            all_right = all_right and right
            continue
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
