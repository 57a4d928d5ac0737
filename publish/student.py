"""Write student copies of the executed notebooks to build/student/ (``make student``).

In each copy every cell tagged ``solution`` becomes an exercise stub: a code cell that names the
exercise, states the expected result (both taken from the markdown cell above the solution) and
raises ``NotImplementedError`` until the student fills it in. All outputs, execution counts and
widget state are cleared, so students predict before they run; a note at the top explains this.
Everything else is unchanged. The solutions stay in the teacher's copy, notebooks/NN_name.ipynb.

With ``--graded`` (``make student GRADED=1``) the copies are for graded work and go to
build/graded/: each exercise's expected result is left out too, both from its stub and from the
markdown cell that sets the exercise (that paragraph is replaced by a line saying the result is
to be handed in). The model answers are in docs/assessment.md and the teacher's copies.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

from ketamine_moa.build import NOTEBOOKS_DIR, PROJECT_ROOT, select

STUDENT_DIR = PROJECT_ROOT / "build" / "student"
GRADED_DIR = PROJECT_ROOT / "build" / "graded"
SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
HEADING = re.compile(r"^#+\s+(.+?)\s*$", re.M)
EXPECTED = re.compile(r"\*Expected result:\*[ \t]*(.+?)\s*(?:\n[ \t]*\n|\Z)", re.S)
NOTE_CELL_ID = "student-copy-note"
NOTE = """\
**Your copy.** The outputs are cleared: run each cell yourself, from the top, and write down your
prediction before you run a demo. Each exercise ends in a code cell that raises
`NotImplementedError`: replace that line with your own solution. *Run All* stops at the first
exercise; run the cells after it one by one."""
GRADED_NOTE = """\
**Your copy, for graded work.** The outputs are cleared: run each cell yourself, from the top.
Each exercise ends in a code cell that raises `NotImplementedError`: replace that line with your
own solution, and explain your result in a markdown cell below it. No expected results are given
in this copy. *Run All* stops at the first exercise; run the cells after it one by one."""
GRADED_PARAGRAPH = ("*Your result:* work it out, state it with its unit, and say in one or two "
                    "sentences what it means.")
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
    """The exercise stub that replaces ``solution`` (tagged ``exercise``, records its id); with
    ``expected`` None (graded copies) it states no expected result."""
    expected_lines = expected.splitlines() if expected is not None else []
    stated = ["#", f"# Expected result: {expected_lines[0]}",
              *(f"# {line.strip()}" for line in expected_lines[1:])] if expected_lines else []
    source = "\n".join([
        f"# {heading}",
        "# Write your solution here, in place of the `raise` line below.",
        *stated,
        f"raise NotImplementedError({json.dumps(heading, ensure_ascii=False)})",
    ])
    metadata = {key: value for key, value in solution.metadata.items() if key != "tags"}
    tags = [tag for tag in solution.metadata.get("tags", []) if tag != SOLUTION_TAG]
    metadata["tags"] = [*tags, EXERCISE_TAG]
    metadata["ketamine_moa"] = {"solution_of": solution.id}
    return nbformat.v4.new_code_cell(source, id=f"{solution.id}-exercise", metadata=metadata)


def without_expected_result(markdown: str) -> str:
    """``markdown`` with its "*Expected result:* ..." paragraph replaced by GRADED_PARAGRAPH."""
    match = EXPECTED.search(markdown)
    if match is None:
        return markdown
    end = markdown[match.end(1):match.end()]  # the blank line (or end of text) after it
    return markdown[:match.start()] + GRADED_PARAGRAPH + end + markdown[match.end():]


def student_copy(nb: nbformat.NotebookNode, name: str,
                 graded: bool = False) -> nbformat.NotebookNode:
    """A student copy of the executed notebook ``nb`` (named ``name``), leaving ``nb`` as is;
    ``graded`` leaves out every exercise's expected result too."""
    copy = nbformat.from_dict(nb)
    cells = []
    for index, cell in enumerate(copy.cells):
        if is_solution(cell):
            if cell.cell_type != "code":
                raise ValueError(f"{name}: cell {cell.id} is tagged {SOLUTION_TAG!r} "
                                 f"but is {cell.cell_type}, not code")
            heading, expected = exercise_text(copy.cells, index, name)
            cell = stub_cell(cell, heading, None if graded else expected)
        elif cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    if graded:
        for position, cell in enumerate(cells):
            following = cells[position + 1] if position + 1 < len(cells) else None
            if (cell.cell_type == "markdown" and following is not None
                    and EXERCISE_TAG in following.metadata.get("tags", [])):
                cell.source = without_expected_result(cell.source)
                cell.metadata.get("ketamine_moa", {}).pop("template", None)
    note = nbformat.v4.new_markdown_cell((GRADED_NOTE if graded else NOTE).format(name=name),
                                         id=NOTE_CELL_ID)
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
    ``graded`` the copies state no expected results (``student_copy``).
    """
    copies = [(path.name, student_copy(nbformat.read(path, as_version=4), path.name, graded))
              for path in paths]
    out_dir.mkdir(parents=True, exist_ok=True)
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
                        help="copies for graded work: no expected results (default folder: "
                             f"{GRADED_DIR.relative_to(PROJECT_ROOT)})")
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
