"""Build the executed notebooks from their text sources (``python -m ketamine_moa.build``).

Sources are jupytext percent scripts in ``notebooks/src/``; each is executed on a fresh
kernel and written to ``notebooks/<name>.ipynb`` with its outputs (for nbviewer), and the
figures it saves land in ``figures/``. Each executed notebook records a fingerprint of the
files its outputs depend on (its source, the package modules it imports, the data they read), so
a test can tell when it is stale, and a rebuild re-executes only the stale notebooks. Widget model
ids are renamed in order of creation, so rebuilding an unchanged notebook rewrites no byte.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from .params import DATA_DIR
from .plotting import FIGURES_DIR_VARIABLE

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
SOURCES_DIR = NOTEBOOKS_DIR / "src"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
EXECUTION_TIMEOUT_S = 600
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"


def notebook_sources() -> list[Path]:
    """The notebook sources, in order (00_..., 01_..., ...)."""
    return sorted(SOURCES_DIR.glob("[0-9][0-9]_*.py"))


def select(paths: list[Path], prefixes: list[str]) -> list[Path]:
    """The ``paths`` whose name starts with one of ``prefixes`` ("03", "08_from"); all if none."""
    return [path for path in paths
            if not prefixes or any(path.stem.startswith(prefix) for prefix in prefixes)]


def _module_file(name: str) -> Path | None:
    """The file of package module ``name`` ("ketamine_moa.demos.channel"), if it is one."""
    parts = name.split(".")
    if parts[0] != PACKAGE_DIR.name:
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_modules(code: str, package: str) -> set[str]:
    """Absolute names of the modules ``code`` imports (``from x import y`` also yields x.y).

    ``package`` resolves relative imports ("ketamine_moa.demos" for a module in demos/).
    """
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *filter(None, [node.module])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _data_files(code: str) -> set[Path]:
    """The package data files a module names in a string ("parameters.csv")."""
    named = set(re.findall(r"[\w-]+\.csv", code))
    return {DATA_DIR / name for name in named if (DATA_DIR / name).is_file()}


def dependencies(source: Path) -> list[Path]:
    """Every file the outputs of ``source`` depend on: the source itself, each package module it
    imports (directly or through other package modules, with the packages' ``__init__``) and
    each data file those modules read; sorted, the source first.

    Found by reading the code (``ast``), so a module a notebook never imports cannot make it
    stale: a change to ``demos/channel.py`` restales only the notebook that uses it.
    """
    code = "\n".join(cell.source for cell in jupytext.read(source).cells
                     if cell.cell_type == "code"
                     and not cell.source.lstrip().startswith(("%", "!")))  # IPython magics
    pending = sorted(_imported_modules(code, ""))
    modules: dict[str, Path] = {}
    while pending:
        name = pending.pop()
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__
            prefix = ".".join(parts[:depth])
            path = _module_file(prefix)
            if path is None or prefix in modules:
                continue
            modules[prefix] = path
            package = prefix if path.name == "__init__.py" else prefix.rpartition(".")[0]
            pending.extend(_imported_modules(path.read_text(encoding="utf-8"), package))
    data = set().union(*(_data_files(path.read_text(encoding="utf-8"))
                         for path in modules.values()))
    return [source, *sorted({*modules.values(), *data})]


def fingerprint(source: Path) -> str:
    """SHA-256 over the relative path and bytes of every file in ``dependencies(source)``."""
    digest = hashlib.sha256()
    for path in dependencies(source):
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_stale(source: Path) -> bool:
    """True if the committed notebook is missing or was built from other code or data."""
    target = NOTEBOOKS_DIR / f"{source.stem}.ipynb"
    if not target.is_file():
        return True
    stored = nbformat.read(target, as_version=4).metadata.get("ketamine_moa", {})
    return stored.get("fingerprint") != fingerprint(source)


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


def stable_widget_ids(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """``nb`` with each widget's random model id replaced by one derived from ``name`` and the
    order in which the kernel created the widget, wherever the id appears (stored widget state,
    references between widgets, the outputs that display them)."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE_MIME, {}).get("state", {})
    if not state:
        return nb
    renamed = {old: hashlib.sha256(f"{name}/widget-{number}".encode()).hexdigest()[:32]
               for number, old in enumerate(state)}
    pattern = re.compile("|".join(map(re.escape, renamed)))
    text = pattern.sub(lambda match: renamed[match.group()], json.dumps(nb))
    return nbformat.from_dict(json.loads(text))


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


def build(source: Path, out_dir: Path = NOTEBOOKS_DIR,
          figures_dir: Path = FIGURES_DIR) -> tuple[Path, float]:
    """Execute one source and write ``<out_dir>/<name>.ipynb`` and its figures to
    ``figures_dir``; return the notebook's path and the seconds it took."""
    started = time.perf_counter()
    previous = os.environ.get(FIGURES_DIR_VARIABLE)
    os.environ[FIGURES_DIR_VARIABLE] = str(figures_dir)  # the kernel inherits it
    try:
        nb = execute(read_source(source))
    finally:
        if previous is None:
            os.environ.pop(FIGURES_DIR_VARIABLE)
        else:
            os.environ[FIGURES_DIR_VARIABLE] = previous
    for cell in nb.cells:
        cell.metadata["slideshow"] = {"slide_type": slide_type(cell)}
    nb = stable_widget_ids(nb, source.stem)
    nb.metadata["ketamine_moa"] = {
        "fingerprint": fingerprint(source),
        "depends_on": [path.relative_to(PROJECT_ROOT).as_posix() for path in dependencies(source)],
    }
    target = out_dir / f"{source.stem}.ipynb"
    nbformat.write(nb, target)
    return target, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook names or prefixes (default: all)")
    parser.add_argument("--all", action="store_true",
                        help="re-execute every selected notebook, stale or not")
    args = parser.parse_args(argv)
    sources = select(notebook_sources(), args.names)
    if not sources:
        print("no notebook source matches", args.names, file=sys.stderr)
        return 1
    total = 0.0
    for source in sources:
        if not args.all and not is_stale(source):
            print(f"{'fresh':>8}  notebooks/{source.stem}.ipynb")
            continue
        target, seconds = build(source)
        total += seconds
        print(f"{seconds:6.1f} s  {target.relative_to(PROJECT_ROOT)}")
    print(f"{total:6.1f} s  total")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
