"""Predictions come before reveals: every "What you should have seen" answers a "Predict first"
prompt made earlier, in its own cell, with something to run or move in between; the student
copies fold each reveal away until it is opened."""

import importlib.util
import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
PREDICT = re.compile(r"^(?:#+ Predict first|\*\*Predict first[.:]\*\*)", re.M)
REVEAL = re.compile(r"^(?:#+ What you should have seen|\*\*What you should have seen\.\*\*)",
                    re.M)
_SPEC = importlib.util.spec_from_file_location("student", ROOT / "publish" / "student.py")
student = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(student)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_every_reveal_answers_an_earlier_prompt_in_another_cell(source):
    open_prompt, acted, reveals = None, False, 0
    for number, cell in enumerate(jupytext.read(source).cells):
        if cell.cell_type == "code":
            acted = acted or open_prompt is not None
            continue
        predicts, reveal = PREDICT.search(cell.source), REVEAL.search(cell.source)
        where = f"{source.stem} cell {number}"
        assert not (predicts and reveal), f"{where}: prompt and reveal share a cell"
        if reveal:
            assert reveal.start() == 0, f"{where}: a reveal must start its cell"
            assert open_prompt is not None, f"{where}: a reveal with no prompt before it"
            assert acted, f"{where}: nothing to run or move between prompt {open_prompt} and reveal"
            open_prompt, acted, reveals = None, False, reveals + 1
        if predicts:
            assert open_prompt is None, (f"{where}: a new prompt while prompt {open_prompt} "
                                         "has no reveal")
            open_prompt = number
    assert open_prompt is None, f"{source.stem}: prompt in cell {open_prompt} is never revealed"
    assert reveals >= (0 if source.stem.startswith("00") else 2)


def test_student_copies_fold_every_reveal():
    reveal = "### What you should have seen\n\n- The peak is higher."
    folded = student.for_students(reveal)
    assert folded.startswith("<details>\n<summary><b>What you should have seen</b>")
    assert folded.endswith("- The peak is higher.\n\n</details>")
    inline = student.for_students("**What you should have seen.** The peak is higher.")
    assert "<details>" in inline and inline.count("What you should have seen") == 1
    assert student.for_students("**Predict first.** Guess.") == "**Predict first.** Guess."
