"""Write student copies of the executed notebooks to build/student/ (``make student``).

In each copy every cell tagged ``solution`` becomes an exercise stub: a code cell that names the
exercise, states the expected result (both taken from the markdown cell above the solution) and
raises ``NotImplementedError`` until the student fills it in. All outputs, execution counts and
widget state are cleared, so students predict before they run; a note at the top explains this.
Everything else is unchanged. The solutions stay in the teacher's copy, notebooks/NN_name.ipynb.
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
              expected: str) -> nbformat.NotebookNode:
    """The exercise stub that replaces ``solution`` (tagged ``exercise``, records its id)."""
    expected_lines = expected.splitlines()
    source = "\n".join([
        f"# {heading}",
        "# Write your solution here, in place of the `raise` line below.",
        "#",
        f"# Expected result: {expected_lines[0]}",
        *(f"# {line.strip()}" for line in expected_lines[1:]),
        f"raise NotImplementedError({json.dumps(heading, ensure_ascii=False)})",
    ])
    metadata = {key: value for key, value in solution.metadata.items() if key != "tags"}
    tags = [tag for tag in solution.metadata.get("tags", []) if tag != SOLUTION_TAG]
    metadata["tags"] = [*tags, EXERCISE_TAG]
    metadata["ketamine_moa"] = {"solution_of": solution.id}
    return nbformat.v4.new_code_cell(source, id=f"{solution.id}-exercise", metadata=metadata)


def student_copy(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """A student copy of the executed notebook ``nb`` (named ``name``), leaving ``nb`` as is."""
    copy = nbformat.from_dict(nb)
    cells = []
    for index, cell in enumerate(copy.cells):
        if is_solution(cell):
            if cell.cell_type != "code":
                raise ValueError(f"{name}: cell {cell.id} is tagged {SOLUTION_TAG!r} "
                                 f"but is {cell.cell_type}, not code")
            cell = stub_cell(cell, *exercise_text(copy.cells, index, name))
        elif cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    note = nbformat.v4.new_markdown_cell(NOTE.format(name=name), id=NOTE_CELL_ID)
    copy.cells = [note, *cells]
    copy.metadata.pop("widgets", None)
    nbformat.validate(copy)
    return copy


def write_student_copies(paths: list[Path], out_dir: Path,
                         keep_changed: bool = False) -> list[tuple[Path, int | None]]:
    """Write a student copy of each notebook to ``out_dir``; return (path, number of stubs).

    With ``keep_changed``, a copy whose file differs from what was last written there (the
    student has worked in it) is kept as it is; its number of stubs is returned as None. Every
    notebook is checked before any file is written, so a bad one leaves no partial set.
    """
    copies = [(path.name, student_copy(nbformat.read(path, as_version=4), path.name))
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
    parser.add_argument("--out", type=Path, default=STUDENT_DIR,
                        help=f"output folder (default: {STUDENT_DIR.relative_to(PROJECT_ROOT)})")
    args = parser.parse_args(argv)
    paths = select(notebook_paths(), args.names)
    if not paths:
        print("no notebook matches", args.names, file=sys.stderr)
        return 1
    try:
        written = write_student_copies(paths, args.out, keep_changed=args.keep_changed)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path, stubs in written:
        print(f"{'kept':>11}  {path} (changed by you)" if stubs is None
              else f"{stubs:2d} exercises  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
