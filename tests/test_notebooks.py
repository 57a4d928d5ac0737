"""Every notebook: executes on a fresh kernel without errors or warnings, and the committed
copy is fresh (same code as its source, built from the current package and data, same text
outputs as a new run)."""

import re

import nbformat
import pytest

from ketamine_moa.build import NOTEBOOKS_DIR, execute, fingerprint, notebook_sources, read_source

SOURCES = notebook_sources()
NOTICE = re.compile(r"Educational use only.*not\s+medical advice.*no dosing recommendations", re.S)


def text_outputs(nb):
    """The text a reader sees: stdout/stderr, plain-text reprs and errors, cell by cell.

    Consecutive stream outputs of one cell are joined: how the kernel splits printed text
    into chunks depends on timing, not on the notebook.
    """
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if output.output_type == "stream":
                if texts and texts[-1][0] == output.name and texts[-1][2] is cell:
                    texts[-1] = (output.name, texts[-1][1] + output.text, cell)
                else:
                    texts.append((output.name, output.text, cell))
            elif output.output_type == "error":
                texts.append(("error", output.ename, cell))
            else:
                texts.append(("text/plain", output.get("data", {}).get("text/plain", ""), cell))
    return [(kind, text) for kind, text, _ in texts]


def committed(source):
    return nbformat.read(NOTEBOOKS_DIR / f"{source.stem}.ipynb", as_version=4)


def test_the_first_notebooks_exist():
    names = [s.stem for s in SOURCES]
    for expected in ("00_start_here", "01_ketamine_in_the_body", "02_blocking_the_nmda_channel"):
        assert expected in names


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_committed_notebook_is_fresh(source):
    nb = committed(source)
    assert nb.metadata.get("ketamine_moa", {}).get("fingerprint") == fingerprint(source), (
        f"{source.stem}.ipynb is stale: run `make notebooks` and commit the result")
    fresh = read_source(source)
    assert [(c.cell_type, c.source) for c in nb.cells] == [(c.cell_type, c.source) for c in fresh.cells]
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_notebook_runs_cleanly_and_reproduces_committed_outputs(source):
    nb = execute(read_source(source))
    texts = text_outputs(nb)
    assert not [t for t in texts if t[0] == "error"], "a cell raised an error"
    assert not [t for t in texts if t[0] == "stderr"], f"warnings in outputs: {texts}"
    assert not any("Warning" in t[1] or "Traceback" in t[1] for t in texts)
    assert texts == text_outputs(committed(source)), "outputs differ from the committed notebook"


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_notebook_follows_the_template(source):
    nb = read_source(source)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert markdown.lstrip().startswith("# ")
    for heading in ("## Summary", "## What th", "## References"):
        assert heading in markdown, f"missing section {heading!r}"
    assert NOTICE.search(nb.cells[-1].source), "the last cell must be the educational-use notice"
    assert "doi:10." in markdown
    assert "import matplotlib.pyplot" not in "\n".join(code)
    for i, cell in enumerate(code):
        if cell.startswith("panel("):  # every live demo is followed by its static figure
            assert code[i + 1].startswith("show_sweep("), f"demo in cell {i} lacks a static figure"
    if not source.stem.startswith("00"):
        solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
        assert len(solutions) >= 2, "at least two exercises with solutions"
        assert "Predict first" in markdown
