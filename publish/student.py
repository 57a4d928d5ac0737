"""Write student copies of the executed notebooks to build/student/ (``make student``).

In each copy every cell tagged ``solution`` becomes an exercise stub: a code cell that names the
exercise and raises ``NotImplementedError`` until the student fills it in. Where the solution
declares its answer variables (``answer`` metadata, see ``ketamine_moa.answers``) the stub names
them, a check cell below it tests the student's values against the answer key
(``answers.json``, written beside the copies) and gives a hint, and the "*Expected result:*"
paragraph is taken out of the exercise text. A choice question (a letter, with per-option
feedback in the solution's ``options`` metadata) is keyed by a salted hash of the right letter
and the feedback of every option; the feedback never goes into the copy. Other stubs state the
expected result (taken from the markdown cell above the solution). All outputs, execution
counts and widget state are cleared, so students predict before they run; a note at the top
explains this. Everything else is unchanged. The solutions stay in the teacher's copy,
notebooks/NN_name.ipynb.

With ``--graded`` (``make student GRADED=1``) the copies are for graded work and go to
build/graded/: no expected result and no check cell anywhere (the exercise text's expected
result is replaced by a line asking for the result to be handed in). The model answers are in
docs/assessment.md and the teacher's copies.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

from ketamine_moa.answers import ANSWER_KEY_FILE, choice_digest
from ketamine_moa.build import NOTEBOOKS_DIR, PROJECT_ROOT, select

STUDENT_DIR = PROJECT_ROOT / "build" / "student"
GRADED_DIR = PROJECT_ROOT / "build" / "graded"
SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
CHECK_TAG = "check"
HEADING = re.compile(r"^#+\s+(.+?)\s*$", re.M)
EXPECTED = re.compile(r"\*Expected result:\*[ \t]*(.+?)\s*(?:\n[ \t]*\n|\Z)", re.S)
NOTE_CELL_ID = "student-copy-note"
NOTE = """\
**Your copy.** The outputs are cleared: run each cell yourself, from the top, and write down your
prediction before you run a demo. Each exercise ends in a code cell that raises
`NotImplementedError`: replace that line with your own solution, and run the check cell under
it, where there is one, to test your answer. *Run All* stops at the first exercise; run the
cells after it one by one."""
GRADED_NOTE = """\
**Your copy, for graded work.** The outputs are cleared: run each cell yourself, from the top.
Each exercise ends in a code cell that raises `NotImplementedError`: replace that line with your
own solution, and explain your result in a markdown cell below it. No expected results are given
in this copy. *Run All* stops at the first exercise; run the cells after it one by one."""
GRADED_PARAGRAPH = ("*Your result:* work it out, state it with its unit, and say in one or two "
                    "sentences what it means.")
#: Teacher-copy sentences about the solution cells, and what a student copy says instead.
FOR_STUDENTS = {
    "Exercises have worked solutions in cells tagged `solution`. Try them before you look.":
        "Each exercise ends in a cell for your own solution; where a check cell follows it, run "
        "that cell to test your answer and get a hint.",
    "Exercise solutions sit in cells tagged `solution`.":
        "Each exercise has a cell for your own solution, and most have a check cell that tests "
        "your answer.",
    "Try each before you open its\nsolution (the cell tagged `solution` under it).":
        "Write each solution in the cell under\nit, then run the check cell that follows.",
    'then read "What you should have seen".': 'then open "What you should have seen".',
}
#: Where the copies record what they wrote, so a copy a student has changed is never overwritten.
WRITTEN = ".written.json"


def notebook_paths(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The executed notebooks, in order (00_..., 01_..., ...)."""
    return sorted(notebooks_dir.glob("[0-9][0-9]_*.ipynb"))


def is_solution(cell: nbformat.NotebookNode) -> bool:
    return SOLUTION_TAG in cell.metadata.get("tags", [])


def exercise_text(cells: list[nbformat.NotebookNode], index: int, notebook: str) -> tuple[str, str]:
    """The heading and the expected-result paragraph of the solution cell at ``cells[index]``.

    Both come from the nearest markdown cell above it; the heading is its last heading line.
    Raises ValueError, naming the notebook and cell ids, when either is missing.
    """
    solution = cells[index]
    above = next((c for c in reversed(cells[:index]) if c.cell_type == "markdown"), None)
    if above is None:
        raise ValueError(f"{notebook}: solution cell {solution.id} has no markdown cell above it")
    headings = HEADING.findall(above.source)
    expected = EXPECTED.search(above.source)
    if not headings:
        raise ValueError(f"{notebook}: markdown cell {above.id} above solution cell "
                         f"{solution.id} has no heading naming the exercise")
    if expected is None:
        raise ValueError(f"{notebook}: markdown cell {above.id} above solution cell "
                         f"{solution.id} has no '*Expected result:* ...' paragraph")
    return headings[-1], expected.group(1)


def stub_cell(solution: nbformat.NotebookNode, heading: str,
              expected: str | None) -> nbformat.NotebookNode:
    """The exercise stub that replaces ``solution`` (tagged ``exercise``, records its id).

    A stub for a checked exercise names the answer variables instead of the expected result;
    with ``expected`` None (graded copies) it states neither.
    """
    answer = solution.metadata.get("answer")
    if expected is None:
        told = []
    elif answer and solution.metadata.get("options"):
        told = ["# Write your sentence as a comment here, then store the letter of the option",
                "# closest to it in: " + ", ".join(f"`{name}`" for name in answer)
                + ' (for example "a"),', "# and run the check cell below."]
    elif answer:
        told = ["# Store your answer in: " + ", ".join(f"`{name}`" for name in answer),
                "# then run the check cell below."]
    else:
        expected_lines = expected.splitlines()
        told = [f"# Expected result: {expected_lines[0]}",
                *(f"# {line.strip()}" for line in expected_lines[1:])]
    source = "\n".join([
        f"# {heading}",
        "# Write your solution here, in place of the `raise` line below.",
        *(["#", *told] if told else []),
        f"raise NotImplementedError({json.dumps(heading, ensure_ascii=False)})",
    ])
    metadata = {key: value for key, value in solution.metadata.items() if key != "tags"}
    tags = [tag for tag in solution.metadata.get("tags", []) if tag != SOLUTION_TAG]
    metadata["tags"] = [*tags, EXERCISE_TAG]
    metadata.pop("answer", None)
    metadata.pop("hint", None)
    metadata.pop("options", None)  # a choice's feedback goes to the answer key only
    metadata["ketamine_moa"] = {"solution_of": solution.id}
    return nbformat.v4.new_code_cell(source, id=f"{solution.id}-exercise", metadata=metadata)


def check_cell(solution: nbformat.NotebookNode, notebook: str,
               heading: str) -> nbformat.NotebookNode:
    """The cell under a checked exercise's stub: compares the student's answer with the key."""
    source = ("from ketamine_moa.answers import check_answer\n\n"
              f"check_answer({json.dumps(notebook)}, {json.dumps(heading, ensure_ascii=False)}, "
              "globals())")
    return nbformat.v4.new_code_cell(source, id=f"{solution.id}-check",
                                     metadata={"tags": [CHECK_TAG]})


def answer_key_entry(solution: nbformat.NotebookNode, notebook: str,
                     heading: str = "") -> dict:
    """What the check of ``solution`` needs: expected values (stored by the build), tolerances
    and the hint. A choice (a letter) is stored as a salted hash, with the feedback for every
    option (``options`` metadata), so the key does not name the right letter."""
    expected = solution.metadata.get("ketamine_moa", {}).get("expected")
    if expected is None:
        raise ValueError(f"{notebook}: solution cell {solution.id} declares an answer but the "
                         "notebook has no stored value for it: run `make notebooks`")
    entry = {"expected": dict(expected), "tolerance": dict(solution.metadata["answer"]),
             "hint": solution.metadata.get("hint", "")}
    letters = {name: value for name, value in expected.items() if isinstance(value, str)}
    if letters:
        options = solution.metadata.get("options")
        if not isinstance(options, dict) or len(options) < 2 or any(
                letter not in options for letter in letters.values()):
            raise ValueError(f"{notebook}: solution cell {solution.id} answers with a letter but "
                             "its 'options' metadata does not give feedback for every option, "
                             "the right one included")
        entry["options"] = dict(options)
        for name, letter in letters.items():
            entry["expected"][name] = {"sha256": choice_digest(Path(notebook).stem, heading,
                                                               name, letter)}
    return entry


def without_expected_result(markdown: str, instead: str = "*Check:* run the check cell under "
                            "your solution.") -> str:
    """The exercise text with its "*Expected result:*" paragraph replaced by ``instead``."""
    return EXPECTED.sub(instead.replace("\\", "\\\\") + "\n\n", markdown,
                        count=1).rstrip() + "\n"


REVEAL = re.compile(r"^(?:#+ What you should have seen\s*\n|\*\*What you should have seen\.\*\*)")
REVEAL_SUMMARY = ("<summary><b>What you should have seen</b> (open this after you have written "
                  "down your prediction and tried the demo)</summary>")


def for_students(markdown: str) -> str:
    """``markdown`` with the teacher copy's sentences about solution cells replaced, and a
    "What you should have seen" reveal folded away until the student opens it."""
    for teacher_text, student_text in FOR_STUDENTS.items():
        markdown = markdown.replace(teacher_text, student_text)
    if REVEAL.match(markdown):
        body = REVEAL.sub("", markdown, count=1).strip()
        markdown = f"<details>\n{REVEAL_SUMMARY}\n\n{body}\n\n</details>"
    return markdown


def student_copy(nb: nbformat.NotebookNode, name: str, answer_key: dict | None = None,
                 graded: bool = False) -> nbformat.NotebookNode:
    """A student copy of the executed notebook ``nb`` (named ``name``), leaving ``nb`` as is.

    The checked exercises' entries are added to ``answer_key[notebook stem][heading]``;
    ``graded`` copies state no expected result and have no check cells.
    """
    copy = nbformat.from_dict(nb)
    stem = Path(name).stem
    cells = []
    for index, cell in enumerate(copy.cells):
        if is_solution(cell):
            if cell.cell_type != "code":
                raise ValueError(f"{name}: cell {cell.id} is tagged {SOLUTION_TAG!r} "
                                 f"but is {cell.cell_type}, not code")
            heading, expected = exercise_text(copy.cells, index, name)
            if graded:
                markdown = next(c for c in reversed(cells) if c.cell_type == "markdown")
                markdown.source = without_expected_result(markdown.source, GRADED_PARAGRAPH)
                markdown.metadata.get("ketamine_moa", {}).pop("template", None)
                cells.append(stub_cell(cell, heading, None))
                continue
            if cell.metadata.get("answer"):
                entry = answer_key_entry(cell, name, heading)
                if answer_key is not None:
                    answer_key.setdefault(stem, {})[heading] = entry
                markdown = next(c for c in reversed(cells) if c.cell_type == "markdown")
                markdown.source = without_expected_result(markdown.source)
                cells.extend([stub_cell(cell, heading, expected), check_cell(cell, stem, heading)])
                continue
            cell = stub_cell(cell, heading, expected)
        elif cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        else:
            cell.source = for_students(cell.source)
        cells.append(cell)
    note = nbformat.v4.new_markdown_cell(GRADED_NOTE if graded else NOTE, id=NOTE_CELL_ID)
    copy.cells = [note, *cells]
    copy.metadata.pop("widgets", None)
    nbformat.validate(copy)
    return copy


def write_student_copies(paths: list[Path], out_dir: Path, keep_changed: bool = False,
                         graded: bool = False) -> list[tuple[Path, int | None]]:
    """Write a student copy of each notebook to ``out_dir``; return (path, number of stubs).

    With ``keep_changed``, a copy whose file differs from what was last written there (the
    student has worked in it) is kept as it is; its number of stubs is returned as None. Every
    notebook is checked before any file is written, so a bad one leaves no partial set. With
    ``graded`` the copies state no expected results and no answer key is written.
    """
    answer_key: dict = {}
    copies = [(path.name, student_copy(nbformat.read(path, as_version=4), path.name, answer_key,
                                       graded))
              for path in paths]
    out_dir.mkdir(parents=True, exist_ok=True)
    key_path = out_dir / ANSWER_KEY_FILE
    if not graded:
        stored_key = json.loads(key_path.read_text()) if key_path.exists() else {}
        key_path.write_text(json.dumps({**stored_key, **answer_key}, indent=1,
                                       ensure_ascii=False) + "\n", encoding="utf-8")
    record = out_dir / WRITTEN
    hashes = json.loads(record.read_text()) if record.exists() else {}
    written = []
    for name, copy in copies:
        target = out_dir / name
        if keep_changed and target.exists() and _sha256(target) != hashes.get(name):
            written.append((target, None))
            continue
        nbformat.write(copy, target)
        hashes[name] = _sha256(target)
        stubs = sum(EXERCISE_TAG in c.metadata.get("tags", []) for c in copy.cells)
        written.append((target, stubs))
    record.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n")
    return written


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook names or prefixes (default: all)")
    parser.add_argument("--keep-changed", action="store_true",
                        help="keep every copy the student has changed since it was written")
    parser.add_argument("--graded", action="store_true",
                        help="copies for graded work: no expected results or checks (default "
                             f"folder: {GRADED_DIR.relative_to(PROJECT_ROOT)})")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"output folder (default: {STUDENT_DIR.relative_to(PROJECT_ROOT)})")
    args = parser.parse_args(argv)
    out = args.out or (GRADED_DIR if args.graded else STUDENT_DIR)
    paths = select(notebook_paths(), args.names)
    if not paths:
        print("no notebook matches", args.names, file=sys.stderr)
        return 1
    try:
        written = write_student_copies(paths, out, keep_changed=args.keep_changed,
                                       graded=args.graded)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path, stubs in written:
        print(f"{'kept':>11}  {path} (changed by you)" if stubs is None
              else f"{stubs:2d} exercises  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
