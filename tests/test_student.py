"""Student copies (publish/student.py): each solution cell becomes an exercise stub that names
the exercise, states its expected result and raises NotImplementedError; nothing else changes,
no solution code leaks, and every copy runs on a fresh kernel with the stubs as the only errors."""

import ast
import asyncio
import importlib.util
import json
import re

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from ketamine_moa.build import EXECUTION_TIMEOUT_S, NOTEBOOKS_DIR, PROJECT_ROOT

_SPEC = importlib.util.spec_from_file_location("student", PROJECT_ROOT / "publish" / "student.py")
student = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(student)

NOTEBOOKS = student.notebook_paths()
NAMES = [path.name for path in NOTEBOOKS]
CONCURRENT_KERNELS = 2  # the machine has 2 cores


def teacher(name):
    return nbformat.read(NOTEBOOKS_DIR / name, as_version=4)


def is_stub(cell):
    return "exercise" in cell.metadata.get("tags", [])


def is_check(cell):
    return "check" in cell.metadata.get("tags", [])


def is_checked(solution):
    """A solution whose answer the student copy checks (its stub names the variables)."""
    return bool(solution.metadata.get("answer"))


def words(text):
    """Text with all runs of whitespace made single spaces (markdown re-wrapped as comments)."""
    return " ".join(text.split())


def stub_parts(stub):
    """(heading, expected result, raise line) as a student reads them in the stub's source."""
    lines = stub.source.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# Expected result:"))
    expected = [lines[start].removeprefix("# Expected result:")]
    expected += [line.removeprefix("#") for line in lines[start + 1:-1]]
    return lines[0].removeprefix("# "), words(" ".join(expected)), lines[-1]


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("student")
    student.write_student_copies(NOTEBOOKS, out_dir)
    return out_dir


@pytest.fixture(scope="module")
def copies(student_dir):
    return {name: nbformat.read(student_dir / name, as_version=4) for name in NAMES}


@pytest.fixture(scope="module")
def executed(copies, student_dir):
    """Every student copy run on its own fresh kernel, two kernels at a time, errors allowed,
    in the folder the copies are written to (where a student runs them)."""
    runs = {name: nbformat.from_dict(nb) for name, nb in copies.items()}

    async def run_all():
        slots = asyncio.Semaphore(CONCURRENT_KERNELS)

        async def run(nb):
            async with slots:
                await NotebookClient(nb, timeout=EXECUTION_TIMEOUT_S, kernel_name="python3",
                                     allow_errors=True,
                                     resources={"metadata": {"path": str(student_dir)}}
                                     ).async_execute()

        await asyncio.gather(*(run(nb) for nb in runs.values()))

    asyncio.run(run_all())
    return runs


def test_every_notebook_has_a_student_copy_and_most_have_exercises(copies):
    assert list(copies) == NAMES and len(NAMES) >= 10
    stubs = {name: sum(map(is_stub, nb.cells)) for name, nb in copies.items()}
    assert stubs["00_start_here.ipynb"] == 0
    assert all(count >= 2 for name, count in stubs.items() if name != "00_start_here.ipynb")


@pytest.mark.parametrize("name", NAMES)
def test_each_solution_is_replaced_by_one_stub_and_nothing_else_changes(copies, name):
    source, copy = teacher(name), copies[name]
    note = copy.cells[0]
    assert note.cell_type == "markdown" and "Your copy" in note.source
    assert "NotImplementedError" in note.source
    assert "notebooks/" not in note.source and "solution" not in note.source.replace(
        "your own solution", "")
    checks = [c for c in copy.cells if is_check(c)]
    assert len(checks) == sum(map(is_checked, source.cells))
    assert len(copy.cells) == len(source.cells) + 1 + len(checks)
    kept = [c for c in copy.cells[1:] if not is_check(c)]
    for index, (original, cell) in enumerate(zip(source.cells, kept)):
        if "solution" in original.metadata.get("tags", []):
            assert is_stub(cell) and cell.cell_type == "code"
            assert cell.metadata["ketamine_moa"] == {"solution_of": original.id}
            continue
        assert not is_stub(cell)
        assert (cell.cell_type, cell.id) == (original.cell_type, original.id)
        assert cell.metadata == original.metadata
        follows_checked = index + 1 < len(source.cells) and is_checked(source.cells[index + 1])
        if follows_checked:  # the exercise text loses its expected result, and only that
            assert "*Expected result:*" not in cell.source and "*Check:*" in cell.source
            assert cell.source.split("*Check:*")[0] == student.for_students(
                original.source).split("*Expected result:*")[0]
        else:
            assert cell.source == student.for_students(original.source)
    solution_ids = [c.id for c in source.cells if "solution" in c.metadata.get("tags", [])]
    stub_targets = [c.metadata["ketamine_moa"]["solution_of"] for c in copy.cells if is_stub(c)]
    assert stub_targets == solution_ids
    assert len({c.id for c in copy.cells}) == len(copy.cells), "cell ids must be unique"


@pytest.mark.parametrize("name", NAMES)
def test_outputs_counts_and_widget_state_are_cleared(copies, name):
    assert "widgets" in teacher(name).metadata  # the teacher's copy does store widget state
    copy = copies[name]
    assert "widgets" not in copy.metadata
    for cell in copy.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id
    nbformat.validate(copy)


@pytest.mark.parametrize("name", NAMES)
def test_stubs_name_the_exercise_and_state_its_expected_result(copies, name):
    source = teacher(name)
    cells_by_id = {c.id: i for i, c in enumerate(source.cells)}
    markdown = words("\n".join(c.source for c in source.cells if c.cell_type == "markdown"))
    for stub in filter(is_stub, copies[name].cells):
        solution = source.cells[cells_by_id[stub.metadata["ketamine_moa"]["solution_of"]]]
        if is_checked(solution):
            assert "Expected result" not in stub.source
            for variable in solution.metadata["answer"]:
                assert f"`{variable}`" in stub.source
            continue
        heading, expected, raise_line = stub_parts(stub)
        above = source.cells[cells_by_id[stub.metadata["ketamine_moa"]["solution_of"]] - 1]
        assert re.match(r"Exercise \d+: \S", heading), heading
        assert f" {heading}\n" in f"{above.source}\n"
        assert "Write your solution here" in stub.source
        assert len(expected) > 10 and expected in markdown
        assert expected in words(above.source.split("*Expected result:*")[1])
        assert raise_line == f"raise NotImplementedError({json.dumps(heading, ensure_ascii=False)})"


@pytest.mark.parametrize("name", NAMES)
def test_no_solution_code_leaks_into_the_student_copy(copies, name):
    source = teacher(name)
    shared_lines = {line.strip() for c in source.cells
                    if c.cell_type == "code" and "solution" not in c.metadata.get("tags", [])
                    for line in c.source.splitlines()}
    student_text = "\n".join(c.source for c in copies[name].cells)
    for cell in source.cells:
        if "solution" not in cell.metadata.get("tags", []):
            continue
        assert cell.source not in student_text
        own_lines = {line.strip() for line in cell.source.splitlines()} - shared_lines - {""}
        assert own_lines, f"solution {cell.id} has no line of its own to look for"
        leaked = [line for line in own_lines if line in student_text]
        assert not leaked, f"solution {cell.id} leaked: {leaked}"


@pytest.mark.parametrize("name", NAMES)
def test_student_copy_runs_and_only_the_stubs_raise(executed, name):
    nb = executed[name]
    errors = [(cell.id, out.ename, out.evalue) for cell in nb.cells if cell.cell_type == "code"
              for out in cell.outputs if out.output_type == "error"]
    expected = [(cell.id, "NotImplementedError", cell.source.splitlines()[0].removeprefix("# "))
                for cell in nb.cells if is_stub(cell)]
    assert errors == expected
    for cell in filter(is_check, nb.cells):  # nothing answered yet: each check says what to do
        printed = "".join(out.get("text", "") for out in cell.outputs)
        assert printed.startswith("Not yet: Exercise") and "not found" in printed, cell.id


def test_no_student_copy_mentions_solution_cells(copies):
    for name, nb in copies.items():
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert "tagged `solution`" not in cell.source, (name, cell.id)


def test_checks_accept_the_teacher_answer_and_explain_a_wrong_one(student_dir, capsys):
    from ketamine_moa.answers import check_answer, load_answer_key

    key = load_answer_key(student_dir)
    assert sum(len(exercises) for exercises in key.values()) >= 10
    for notebook, exercises in key.items():
        for heading, entry in exercises.items():
            right = {name: value for name, value in entry["expected"].items()}
            assert check_answer(notebook, heading, right, student_dir), (notebook, heading)
            assert capsys.readouterr().out.startswith(f"Well done: {heading}")
            wrong = {name: float(np.sum(value)) * 1.5 + 1.0 for name, value in right.items()}
            assert not check_answer(notebook, heading, wrong, student_dir)
            printed = capsys.readouterr().out
            assert printed.startswith(f"Not yet: {heading}") and "not yet" in printed
            assert entry["hint"] and f"Hint: {entry['hint']}" in printed
            for value in entry["expected"].values():  # a wrong answer never shows the key
                assert f"{float(np.sum(value)):.4g}" not in printed.split("not yet")[1]


def test_a_half_life_fitted_on_log10_gets_a_clue(student_dir, capsys):
    from ketamine_moa.answers import check_answer, load_answer_key

    heading = "Exercise 1: read the half-life off the curve"
    expected = load_answer_key(student_dir)["01_ketamine_in_the_body"][heading]["expected"]
    log10_fit = {"half_life_fit_h": expected["half_life_fit_h"] * np.log(10)}
    assert not check_answer("01_ketamine_in_the_body", heading, log10_fit, student_dir)
    assert "log10 versus the natural log" in capsys.readouterr().out


def bound_and_read(code):
    """The names a cell binds (assignments, defs, imports) and the names it reads."""
    tree = ast.parse(code)
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, ast.Store) else read).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return bound, read


@pytest.mark.parametrize("name", NAMES)
def test_later_cells_do_not_read_names_a_solution_binds(name):
    """A later cell reading a solution's name would fail (or see an older value) without it."""
    from_solution = {}  # name -> id of the solution cell that last bound it
    for cell in teacher(name).cells:
        if cell.cell_type != "code":
            continue
        bound, read = bound_and_read(cell.source)
        if "solution" in cell.metadata.get("tags", []):
            from_solution.update(dict.fromkeys(bound, cell.id))
            continue
        used = {n: from_solution[n] for n in read - bound if n in from_solution}
        assert not used, f"cell {cell.id} reads names bound in solution cells: {used}"
        for rebound in bound:
            from_solution.pop(rebound, None)


@pytest.mark.parametrize("name", NAMES)
def test_every_demo_and_figure_comes_before_the_first_exercise(name):
    """JupyterLab's Run All stops at the first stub's NotImplementedError, so in a student
    copy every ordinary code cell must come before the first solution cell."""
    cells = teacher(name).cells
    first = next((i for i, cell in enumerate(cells)
                  if "solution" in cell.metadata.get("tags", [])), len(cells))
    late = [cell.id for cell in cells[first:] if cell.cell_type == "code"
            and "solution" not in cell.metadata.get("tags", [])]
    assert late == [], f"{name}: code cells after the first exercise: {late}"


def test_a_missing_expected_result_is_a_clear_error_and_writes_nothing(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("### Exercise 1: no target\n\nDo it.", id="ask"),
        nbformat.v4.new_code_cell("answer = 42", id="answer",
                                  metadata={"tags": ["solution"]}),
    ])
    path = tmp_path / "99_broken.ipynb"
    nbformat.write(nb, path)
    out_dir = tmp_path / "out"
    with pytest.raises(ValueError, match=r"99_broken\.ipynb: .*cell ask .*cell answer .*"
                                         r"Expected result"):
        student.write_student_copies([NOTEBOOKS_DIR / NAMES[1], path], out_dir)
    assert not out_dir.exists()


def test_name_prefixes_limit_the_copies(tmp_path, capsys):
    assert student.main(["--out", str(tmp_path), "02", "05"]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    assert written == [n for n in NAMES if n.startswith(("02", "05"))] and len(written) == 2
    assert student.main(["--out", str(tmp_path), "nope"]) == 1
    assert "no notebook matches" in capsys.readouterr().err


def test_student_lab_keeps_a_copy_the_student_changed(tmp_path):
    first = student.write_student_copies(NOTEBOOKS[:2], tmp_path, keep_changed=True)
    assert all(stubs is not None for _, stubs in first)
    worked_in = tmp_path / NAMES[0]
    worked_in.write_text(worked_in.read_text().replace("NotImplementedError", "my answer", 1))
    again = dict(student.write_student_copies(NOTEBOOKS[:2], tmp_path, keep_changed=True))
    assert again[worked_in] is None and "my answer" in worked_in.read_text()
    assert again[tmp_path / NAMES[1]] is not None   # untouched copies are refreshed
    assert dict(student.write_student_copies(NOTEBOOKS[:1], tmp_path))[worked_in] is not None


def test_make_student_lab_opens_the_copies():
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    recipe = re.search(r"^student-lab:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "publish/student.py --keep-changed" in recipe
    assert "--ip=127.0.0.1" in recipe and "root_dir=$(CURDIR)/build/student" in recipe
    assert "build/student/00_start_here.ipynb" in recipe


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("graded")
    student.write_student_copies(NOTEBOOKS, out_dir, graded=True)
    return {name: nbformat.read(out_dir / name, as_version=4) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_graded_copies_state_no_expected_result(copies, graded, name):
    copy, normal = graded[name], copies[name]
    assert "graded work" in copy.cells[0].source
    assert not any(map(is_check, copy.cells)), "graded copies have no answer checks"
    normal_cells = [c for c in normal.cells if not is_check(c)]
    assert len(copy.cells) == len(normal_cells)
    stubs = [c for c in copy.cells if is_stub(c)]
    assert len(stubs) == sum(map(is_stub, normal.cells))
    for cell, plain in zip(copy.cells[1:], normal_cells[1:]):
        assert "Expected result" not in cell.source, f"{name}: {cell.id} states its result"
        assert "Expected result" not in json.dumps(cell.metadata), f"{name}: {cell.id} metadata"
        if is_stub(cell):
            assert cell.source.splitlines()[0] == plain.source.splitlines()[0]  # the heading
            assert cell.source.splitlines()[-1] == plain.source.splitlines()[-1]  # the raise
    expected_paragraphs = [student.for_students(c.source) for c in teacher(name).cells
                           if "*Expected result:*" in c.source]
    replaced = [c for c in copy.cells if student.GRADED_PARAGRAPH in c.source]
    assert len(replaced) == len(expected_paragraphs) == len(stubs)
    for before, after in zip(expected_paragraphs, replaced):
        heading = before.split("*Expected result:*")[0]
        assert after.source.startswith(heading), "only the expected result is taken out"
    nbformat.validate(copy)


def test_graded_copies_go_to_their_own_folder(tmp_path, capsys):
    assert student.GRADED_DIR != student.STUDENT_DIR
    assert student.main(["--graded", "--out", str(tmp_path), "05"]) == 0
    (written,) = tmp_path.glob("*.ipynb")
    assert "Expected result" not in written.read_text()
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    recipe = re.search(r"^student:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "publish/student.py $(if $(GRADED),--graded,)" in recipe
