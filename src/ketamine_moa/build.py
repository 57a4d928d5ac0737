"""Build the executed notebooks from their text sources (``python -m ketamine_moa.build``).

Sources are jupytext percent scripts in ``notebooks/src/``; each is executed on a fresh
kernel and written to ``notebooks/<name>.ipynb`` with its outputs (for nbviewer), and the
figures it saves land in ``figures/``. Each executed notebook records a fingerprint of its
source, the package and ``data/``, so a test can tell when it is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
SOURCES_DIR = NOTEBOOKS_DIR / "src"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
EXECUTION_TIMEOUT_S = 600


def notebook_sources() -> list[Path]:
    """The notebook sources, in order (00_..., 01_..., ...)."""
    return sorted(SOURCES_DIR.glob("[0-9][0-9]_*.py"))


def select(paths: list[Path], prefixes: list[str]) -> list[Path]:
    """The ``paths`` whose name starts with one of ``prefixes`` ("03", "08_from"); all if none."""
    return [path for path in paths
            if not prefixes or any(path.stem.startswith(prefix) for prefix in prefixes)]


def model_files() -> list[Path]:
    """Package modules and data files that notebook outputs depend on.

    In a git checkout only tracked files count, so a half-written module lying untracked
    in the working tree does not change the fingerprint a clean clone computes.
    """
    candidates = [*sorted((PROJECT_ROOT / "src" / "ketamine_moa").rglob("*.py")),
                  *sorted((PROJECT_ROOT / "data").glob("*.csv"))]
    try:
        listed = subprocess.run(["git", "ls-files", "src/ketamine_moa", "data"], cwd=PROJECT_ROOT,
                                capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return candidates
    tracked = {PROJECT_ROOT / name for name in listed}
    return [path for path in candidates if path in tracked]


def fingerprint(source: Path) -> str:
    """SHA-256 of the notebook source and every (tracked) package module and data file."""
    digest = hashlib.sha256()
    for path in [source, *model_files()]:
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_source(source: Path) -> nbformat.NotebookNode:
    """The unexecuted notebook for a source, with a kernelspec so JupyterLab needs no prompt.

    Cell ids are numbered in order rather than random, so a rebuild does not rewrite them.
    """
    nb = jupytext.read(source)
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number:03d}"
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def execute(nb: nbformat.NotebookNode, cwd: Path = NOTEBOOKS_DIR) -> nbformat.NotebookNode:
    """Run every cell on a fresh kernel; drop per-run time stamps so rebuilds compare equal."""
    client = NotebookClient(nb, timeout=EXECUTION_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def slide_type(cell: nbformat.NotebookNode) -> str:
    """The reveal.js slide type for an executed cell (stored as ``metadata.slideshow``).

    A level-1 or level-2 heading starts a slide; other prose and every cell with output (a figure,
    a table, printed numbers) starts a sub-slide (so a figure fills the screen); solutions and cells
    without output (set-up, exercises left to run) are skipped in the slides.
    """
    if "solution" in cell.metadata.get("tags", []):
        return "skip"
    if cell.cell_type == "markdown":
        return "slide" if cell.source.startswith(("# ", "## ")) else "subslide"
    if cell.outputs:
        return "subslide"
    return "skip"


def build(source: Path, out_dir: Path = NOTEBOOKS_DIR) -> tuple[Path, float]:
    """Execute one source and write ``<out_dir>/<name>.ipynb``; return path and seconds."""
    started = time.perf_counter()
    nb = execute(read_source(source))
    for cell in nb.cells:
        cell.metadata["slideshow"] = {"slide_type": slide_type(cell)}
    nb.metadata["ketamine_moa"] = {"fingerprint": fingerprint(source)}
    target = out_dir / f"{source.stem}.ipynb"
    nbformat.write(nb, target)
    return target, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook names or prefixes (default: all)")
    args = parser.parse_args(argv)
    sources = select(notebook_sources(), args.names)
    if not sources:
        print("no notebook source matches", args.names, file=sys.stderr)
        return 1
    total = 0.0
    for source in sources:
        target, seconds = build(source)
        total += seconds
        print(f"{seconds:6.1f} s  {target.relative_to(PROJECT_ROOT)}")
    print(f"{total:6.1f} s  total")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
