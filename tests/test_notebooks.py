"""Every notebook: executes on a fresh kernel without errors or warnings, and the committed
copy is fresh (same code as its source, built from the files it depends on as they are now,
same text outputs as a new run, numbers equal up to a flip of their last printed digit).
Rebuilds are stable (the same bytes twice) and narrow (a module restales only its notebooks)."""

import json
import re

import nbformat
import pytest

from ketamine_moa import OUTPUTS

from ketamine_moa.build import (GUIDE, NOTEBOOKS_DIR, PACKAGE_DIR, PlaceholderError, build,
                                build_all, dependencies, execute, fingerprint,
                                guide_placeholders, is_stale, joined_streams, move_figures,
                                notebook_sources, placeholder_parts, placeholders, read_source,
                                render_guide, select, slide_type)

SOURCES = notebook_sources()
NOTICE = re.compile(r"Educational use only.*not\s+medical advice.*no dosing recommendations", re.S)


def text_outputs(nb):
    """The text a reader sees: stdout/stderr, plain-text reprs and errors, cell by cell, and
    the Markdown whose numbers the build filled in.

    Consecutive stream outputs of one cell are joined: how the kernel splits printed text
    into chunks depends on timing, not on the notebook.
    """
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "template" in cell.metadata.get("ketamine_moa", {}):
            texts.append(("markdown", cell.source, cell))
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
    glue = nb.metadata.get("ketamine_moa", {}).get("glue", {})
    return [(kind, text) for kind, text, _ in texts] + [
        ("guide", f"{{{{ {key} }}}} = {value}") for key, value in sorted(glue.items())]


#: A printed number: optional sign, digits with optional thousands commas, decimals, exponent.
NUMBER = re.compile(r"[-+\u2212]?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _last_digit_unit(number: str) -> float:
    """One unit in the last printed digit of ``number`` ("14.6" -> 0.1, "2.5e-03" -> 1e-4)."""
    mantissa, _, exponent = number.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def _value(number: str) -> float:
    return float(number.replace("\u2212", "-").replace(",", ""))


def same_printed_text(expected: str, actual: str) -> bool:
    """True if the texts are equal once each printed number may differ by one unit in its last
    digit (a rounding flip between machines or library versions); all other text exactly."""
    if NUMBER.split(expected) != NUMBER.split(actual):
        return False
    for a, b in zip(NUMBER.findall(expected), NUMBER.findall(actual)):
        unit = max(_last_digit_unit(a), _last_digit_unit(b))
        if abs(_value(a) - _value(b)) > unit * (1 + 1e-9):
            return False
    return True


def same_outputs(expected, actual) -> bool:
    return len(expected) == len(actual) and all(
        kind_e == kind_a and same_printed_text(text_e, text_a)
        for (kind_e, text_e), (kind_a, text_a) in zip(expected, actual))


@pytest.mark.parametrize("expected, actual", [
    ("half the maximum improvement on day 14.6", "half the maximum improvement on day 14.5"),
    ("43% respond", "44% respond"),
    ("peak 9.95 uM", "peak 9.94 uM"),
    ("1,000 patients, p = 2.5e-03", "1,000 patients, p = 2.6e-03"),
    ("change -0.0 points", "change 0.0 points"),
])
def test_a_last_digit_flip_is_the_same_text(expected, actual):
    assert same_printed_text(expected, actual)


@pytest.mark.parametrize("expected, actual", [
    ("half the maximum improvement on day 14.6", "half the maximum improvement on day 16.0"),
    ("half the maximum improvement on day 14.6", "half the maximum response on day 14.6"),
    ("43% respond", "45% respond"),
    ("peak 1.20 uM at 40 min", "peak 1.20 uM"),
    ("day 14.6", "day 14.60 "),
    ("blocked 75%", "blocked -75%"),
])
def test_a_real_change_is_a_different_text(expected, actual):
    assert not same_printed_text(expected, actual)


def template(cell):
    """The source a cell was built from (a filled Markdown cell keeps its template)."""
    return cell.metadata.get("ketamine_moa", {}).get("template", cell.source)


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
    assert ([(c.cell_type, template(c)) for c in nb.cells]
            == [(c.cell_type, c.source) for c in fresh.cells])
    for cell in nb.cells:
        assert not placeholders(cell.source), f"unfilled placeholder in {cell.id}"
    assert [c.metadata["slideshow"]["slide_type"] for c in nb.cells] == [
        slide_type(c) for c in nb.cells], "slide types differ from what the build assigns"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_notebook_runs_cleanly_and_reproduces_committed_outputs(source):
    nb = execute(read_source(source), glue=guide_placeholders(source.stem[:2]))
    texts = text_outputs(nb)
    assert not [t for t in texts if t[0] == "error"], "a cell raised an error"
    assert not [t for t in texts if t[0] == "stderr"], f"warnings in outputs: {texts}"
    assert not any("Warning" in t[1] or "Traceback" in t[1] for t in texts)
    assert same_outputs(text_outputs(committed(source)), texts), (
        "outputs differ from the committed notebook (beyond a last-digit flip): "
        "run `make notebooks` and commit the result")


def _notebook(*cells):
    """A notebook of Markdown cells (those starting "# ") and code cells (the others)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("# ")
                else nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def test_markdown_placeholders_are_filled_where_they_stand():
    nb = execute(_notebook("peak_uM = 0.7512", "# Peak {{ peak_uM:.2f }} uM, {{ peak_uM:.0% }}",
                           "peak_uM = 2.0", "# Then {{ peak_uM }} and {{ 'a:b' }}"))
    assert [c.source for c in nb.cells if c.cell_type == "markdown"] == [
        "# Peak 0.75 uM, 75%", "# Then 2.0 and a:b"]
    assert nb.cells[1].metadata["ketamine_moa"]["template"] == (
        "# Peak {{ peak_uM:.2f }} uM, {{ peak_uM:.0% }}")
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2]


def test_the_teacher_guide_is_rendered_from_the_numbers_the_notebooks_store(tmp_path):
    assert GUIDE.read_text(encoding="utf-8") == render_guide(), (
        "docs/teacher_guide.md is stale: edit docs/src/teacher_guide.md and run `make notebooks`")
    for source in SOURCES:
        assert not is_stale(source), f"{source.stem} lacks a value the guide needs"
    template = tmp_path / "guide.md"
    template.write_text("Peak {{ [02] 1 + 1:.1f }} and {{ [02] 'x' }}; {{ [07] 3 }}.")
    assert guide_placeholders("02", template) == ["1 + 1:.1f", "'x'"]
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name, glue in (("02_a", {"1 + 1:.1f": "2.0", "'x'": "x"}), ("07_b", {"3": "3"})):
        nb = nbformat.v4.new_notebook()
        nb.metadata["ketamine_moa"] = {"glue": glue}
        nbformat.write(nb, notebooks / f"{name}.ipynb")
    assert render_guide(notebooks, template).endswith("Peak 2.0 and x; 3.")
    template.write_text("{{ [02] 2 + 2 }}")
    with pytest.raises(PlaceholderError, match="notebook 02 has no value"):
        render_guide(notebooks, template)
    template.write_text("{{ 2 + 2 }}")
    with pytest.raises(PlaceholderError, match="does not start with the notebook"):
        guide_placeholders("02", template)


def test_guide_values_are_evaluated_after_the_last_cell():
    nb = execute(_notebook("x = 0.25", "# Done", "x = 0.5", "# End"), glue=["x:.0%", "x * 2"])
    assert nb.metadata["ketamine_moa"]["glue"] == {"x:.0%": "50%", "x * 2": "1.0"}


def test_a_placeholder_that_fails_names_itself():
    with pytest.raises(PlaceholderError, match=r"\{\{ no_such_name:\.1f \}\}.*NameError"):
        execute(_notebook("x = 1", "# Value {{ no_such_name:.1f }}"))
    assert placeholder_parts("d[1:2]") == ("d[1:2]", "")
    assert placeholder_parts(" t_h / 24 :.1f") == ("t_h / 24", ".1f")
    with pytest.raises(PlaceholderError, match="not a Python expression"):
        placeholder_parts("2 +")


def test_rebuilding_an_unchanged_notebook_writes_the_same_bytes(tmp_path, monkeypatch):
    source = select(notebook_sources(), ["00"])[0]
    guide = tmp_path / "guide.md"
    guide.write_text("The toy has {{ [00] len(__import__('ketamine_moa').OUTPUTS) }} outputs.")
    monkeypatch.setattr("ketamine_moa.build.GUIDE_TEMPLATE", guide)
    written = []
    for run in ("first", "second"):
        (tmp_path / run).mkdir()
        target, _ = build(source, out_dir=tmp_path / run, figures_dir=tmp_path / run / "figures")
        written.append((target.read_bytes(), sorted(
            (p.name, p.read_bytes()) for p in (tmp_path / run / "figures").iterdir())))
    assert b"widget-view+json" in written[0][0], "the notebook should hold a live demo"
    assert written[0] == written[1]
    stored = nbformat.reads(written[0][0].decode(), as_version=4).metadata["ketamine_moa"]
    assert stored["glue"] == {"len(__import__('ketamine_moa').OUTPUTS)": str(len(OUTPUTS))}
    assert stored["fingerprint"]


def _written(folder):
    return sorted((p.relative_to(folder).as_posix(), p.read_bytes())
                  for p in folder.rglob("*") if p.is_file())


def test_notebooks_built_at_once_are_those_built_one_after_another(tmp_path):
    """Two kernels at once (``make notebooks`` on two cores) write the same notebooks, figures
    and alt texts, byte for byte, as one after the other."""
    sources = select(notebook_sources(), ["00", "09"])
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        seconds = build_all(sources, out_dir=out, figures_dir=out / "figures", jobs=jobs)
        assert sorted(seconds) == [s.stem for s in sources]
    assert _written(tmp_path / "jobs1") == _written(tmp_path / "jobs2")
    alt_texts = json.loads((tmp_path / "jobs2" / "figures" / "alt_text.json").read_text())
    assert {name[:2] for name in alt_texts} == {"00", "09"}, "both kernels' alt texts are kept"


def test_a_failing_notebook_stops_the_build_and_raises(monkeypatch, tmp_path):
    started = []

    def fake_build(source, out_dir, figures_dir):
        started.append(source.stem)
        if source.stem.startswith("01"):
            raise RuntimeError("cell 3 failed")
        return out_dir / f"{source.stem}.ipynb", 0.0

    monkeypatch.setattr("ketamine_moa.build.build", fake_build)
    with pytest.raises(RuntimeError, match="cell 3 failed"):
        build_all(SOURCES, out_dir=tmp_path, jobs=1)
    assert started == [s.stem for s in SOURCES[:2]], "no notebook starts after one failed"
    with pytest.raises(ValueError, match="jobs"):
        build_all(SOURCES, jobs=0)


def test_a_kernels_figures_join_those_already_there(tmp_path):
    own, shared = tmp_path / "own", tmp_path / "figures"
    for folder, name in ((own, "09_new.png"), (shared, "00_old.png")):
        folder.mkdir()
        (folder / name).write_bytes(b"png " + name.encode())
        (folder / "alt_text.json").write_text(json.dumps({name: f"alt of {name}"}))
    move_figures(own, shared)
    assert json.loads((shared / "alt_text.json").read_text()) == {
        "00_old.png": "alt of 00_old.png", "09_new.png": "alt of 09_new.png"}
    assert (shared / "09_new.png").read_bytes() == b"png 09_new.png"
    assert not (own / "09_new.png").exists()


def test_printed_text_is_stored_in_one_output_per_stream():
    """The kernel's flush timing splits printed text at random; the build joins the pieces, so
    a rebuild stores the same outputs whatever the timing."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": "x"}),
        nbformat.v4.new_output("stream", name="stdout", text="c\n"),
        nbformat.v4.new_output("stream", name="stderr", text="d\n")])])
    outputs = joined_streams(nb).cells[0].outputs
    assert [(o.output_type, o.get("text")) for o in outputs] == [
        ("stream", "a\nb\n"), ("display_data", None), ("stream", "c\n"), ("stream", "d\n")]
    for source in SOURCES:
        for cell in committed(source).cells:
            kinds = [(o.output_type, o.get("name")) for o in cell.get("outputs", [])]
            assert all(a != b or a[0] != "stream" for a, b in zip(kinds, kinds[1:])), (
                f"{source.stem}: printed text split over outputs")


def test_a_demo_module_restales_only_the_notebooks_that_import_it():
    def users(module):
        return [s.stem[:2] for s in SOURCES if PACKAGE_DIR / module in dependencies(s)]
    assert users("demos/channel.py") == ["02", "03"]  # 03 draws 02's reference ranges
    assert users("demos/cohort_demo.py") == users("trials.py") == ["08"]
    assert users("data/claims.csv") == ["09"]
    assert users("chain.py") == [s.stem[:2] for s in SOURCES]
    for source in SOURCES:
        assert dependencies(source)[0] == source
        assert PACKAGE_DIR / "build.py" not in dependencies(source)


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
