"""Student copies (publish/student.py): each solution cell becomes an exercise stub that names
the exercise, states its expected result and raises NotImplementedError; nothing else changes,
no solution code leaks, and every copy runs on a fresh kernel with the stubs as the only errors.

Answer checks (ketamine_moa.answers): every exercise has one; each exercise's own solution passes
it, and for each exercise a plausible wrong answer (``WRONG``: a unit slip, a log10/ln mix-up,
the wrong time point, a wrong option) fails it with its hint. Both are also run inside the
student copies: the test run pastes each solution under its stub and runs the check again, then
runs it once more with the wrong answer.
"""

import ast
import asyncio
import importlib.util
import json
import re
from concurrent.futures import ThreadPoolExecutor

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
LN10 = float(np.log(10))

#: For each exercise ("NN.k": notebook NN, Exercise k), a plausible wrong answer and a clue
#: the check must print for it. Each entry maps answer variables to a function of the expected
#: value (numbers) or to a wrong option letter (choices); variables it leaves out keep their
#: right values, so the check must single out the wrong one. The clue is checked besides the
#: exercise's own hint (numbers) or the feedback of the wrong option (choices).
WRONG = {
    "01.1": ({"half_life_fit_h": lambda e: e * LN10}, "log10 versus the natural log"),  # log10 fit
    "01.2": ({"oral_over_iv": lambda e: 100 * e}, "a fraction versus a percentage"),
    "01.3": ({"first_day": lambda e: e - 1}, "below the model's"),         # days counted from 0
    "01.4": ({"choice_01": "a"}, None),
    "02.1": ({"n_fit": lambda e: e * LN10}, "log10 versus the natural log"),  # ln 4, not log10 4
    "02.2": ({"remaining_closed": lambda e: 100 * e}, "a fraction versus a percentage"),
    "02.3": ({"interneuron": lambda e: 100 * e}, "a fraction versus a percentage"),
    "02.4": ({"choice_02": "a"}, None),
    "03.1": ({"t_peak_min_slow": lambda e: e / 60}, "minutes versus hours"),  # time left in h
    "03.2": ({"back_uM": lambda e: e / 3}, "below the model's"),       # search from the grid start
    "03.3": ({"t_peak_min_long": lambda e: e / 60}, "minutes versus hours"),
    "03.4": ({"choice_03": "a"}, None),
    "04.1": ({"share_half": lambda e: 100 * e}, "a fraction versus a percentage"),
    "04.2": ({"share_release_only": lambda e: 100 * e}, "a fraction versus a percentage"),
    "04.3": ({"gain_rest_block_pct": lambda e: e / 100}, "a fraction versus a percentage"),
    "04.4": ({"choice_04": "b"}, None),
    "05.1": ({"share_low_threshold": lambda e: 100 * e}, "a fraction versus a percentage"),
    "05.2": ({"fade_day_intact": lambda e: 24 * e}, "hours versus days"),   # hours, not days
    "05.3": ({"choice_05": "c"}, None),
    "06.1": ({"first": lambda e: e + 1}, "above the model's"),   # tablet number, not day number
    "06.2": ({"occupancy_40mg": lambda e: 100 * e}, "a fraction versus a percentage"),
    "06.3": ({"half_rise_day": lambda e: 24 * e}, "hours versus days"),
    "06.4": ({"choice_06": "a"}, None),
    "07.1": ({"ssri_half_days_fast": lambda e: 24 * e}, "hours versus days"),
    "07.2": ({"fade_days_after_last": lambda e: e + 11}, "above the model's"),  # from day 0
    "07.3": ({"share_of_second_week": lambda e: 100 * e}, "a fraction versus a percentage"),
    "07.4": ({"choice_07": "c"}, None),
    "08.1": ({"response_half_expectancy": lambda e: 100 * e}, "a fraction versus a percentage"),
    "08.2": ({"sd_100": lambda e: 100 * e}, "a fraction versus a percentage"),
    "08.3": ({"choice_08": "a"}, None),
    "09.1": ({"t_below_n1": lambda e: 60 * e}, "minutes versus hours"),
    "09.2": ({"choice_09": "b"}, None),        # B because the surge is real
    "09.3": ({"n_weak": lambda e: e - 2}, "below the model's"),   # the pairs D/C and C/D missed
}


def teacher(name):
    return nbformat.read(NOTEBOOKS_DIR / name, as_version=4)


def is_stub(cell):
    return "exercise" in cell.metadata.get("tags", [])


def is_check(cell):
    return "check" in cell.metadata.get("tags", [])


def is_checked(solution):
    """A solution whose answer the student copy checks (its stub names the variables)."""
    return bool(solution.metadata.get("answer"))


def exercise_id(notebook, heading):
    """ "NN.k" for Exercise k of notebook NN."""
    number = int(re.match(r"Exercise (\d+):", heading).group(1))
    return f"{notebook[:2]}.{number}"


def teacher_answers():
    """{"NN.k": (notebook stem, heading, {variable: the teacher solution's value})}."""
    found = {}
    for path in NOTEBOOKS:
        nb = teacher(path.name)
        for index, cell in enumerate(nb.cells):
            if "solution" in cell.metadata.get("tags", []) and cell.metadata.get("answer"):
                heading, _ = student.exercise_text(nb.cells, index, path.name)
                found[exercise_id(path.stem, heading)] = (
                    path.stem, heading, cell.metadata["ketamine_moa"]["expected"])
    return found


def wrong_answer(exercise, right):
    """The answers of ``WRONG[exercise]``: the right ones with the mistaken variables changed."""
    changes, _ = WRONG[exercise]
    wrong = dict(right)
    for name, change in changes.items():
        wrong[name] = (change if isinstance(change, str)
                       else change(np.asarray(right[name])).tolist())
    return wrong


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
    runs = {name: with_solutions_pasted(nb, name) for name, nb in copies.items()}

    async def run_all():
        slots = asyncio.Semaphore(CONCURRENT_KERNELS)

        async def run(nb):
            async with slots:
                await NotebookClient(nb, timeout=EXECUTION_TIMEOUT_S, kernel_name="python3",
                                     allow_errors=True,
                                     resources={"metadata": {"path": str(student_dir)}}
                                     ).async_execute()

        await asyncio.gather(*(run(nb) for nb in runs.values()))

    # In a thread of its own: the session's Playwright browser (tests/conftest.py) keeps an
    # event loop running in this one, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, run_all()).result()
    return runs


def with_solutions_pasted(copy, name):
    """``copy`` with, after each check cell, the teacher's solution pasted in and the check run
    again (tagged "check-solved"), then the check run with ``WRONG``'s answer (tagged
    "check-wrong"): the first check sees the stub (nothing answered), the second a student who
    solved the exercise, the third one who made the mistake."""
    nb = nbformat.from_dict(copy)
    solutions = {c.id: c for c in teacher(name).cells if "solution" in c.metadata.get("tags", [])}
    answers = teacher_answers()
    cells = []
    for index, cell in enumerate(nb.cells):
        cells.append(cell)
        if not is_check(cell):
            continue
        stub = nb.cells[index - 1]
        solution = solutions[stub.metadata["ketamine_moa"]["solution_of"]]
        heading = stub.source.splitlines()[0].removeprefix("# ")
        exercise = exercise_id(name, heading)
        wrong = wrong_answer(exercise, answers[exercise][2])
        again = cell.source
        cells += [
            nbformat.v4.new_code_cell(solution.source, id=f"{solution.id}-pasted"),
            nbformat.v4.new_code_cell(again, id=f"{solution.id}-solved",
                                      metadata={"tags": ["check-solved"]}),
            nbformat.v4.new_code_cell(
                again.replace("globals())", f"{{**globals(), **{wrong!r}}})"),
                id=f"{solution.id}-wrong", metadata={"tags": ["check-wrong"],
                                                     "exercise": exercise}),
        ]
    nb.cells = cells
    return nb


def printed(cell):
    return "".join(out.get("text", "") for out in cell.outputs)


def test_every_exercise_is_checked_and_has_a_wrong_answer_tested():
    total = checked = 0
    for path in NOTEBOOKS:
        for cell in teacher(path.name).cells:
            if "solution" in cell.metadata.get("tags", []):
                total += 1
                checked += bool(cell.metadata.get("answer")) and bool(cell.metadata.get("hint"))
    assert checked == total and total >= 33, (checked, total)
    assert sorted(teacher_answers()) == sorted(WRONG), "one wrong answer per exercise"
    choices = [e for e in WRONG if any(isinstance(v, str) for v in WRONG[e][0].values())]
    assert {e[:2] for e in choices} == {path.name[:2] for path in NOTEBOOKS[1:]}, (
        "one explain-it-in-a-sentence choice per notebook with exercises")


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
        said = printed(cell)
        assert said.startswith("Not yet: Exercise") and "not found" in said, cell.id


@pytest.mark.parametrize("name", NAMES)
def test_student_copy_with_the_solutions_passes_every_check_and_the_wrong_answers_fail(
        executed, student_dir, name):
    from ketamine_moa.answers import load_answer_key

    nb = executed[name]
    key = load_answer_key(student_dir)
    solved = [c for c in nb.cells if "check-solved" in c.metadata.get("tags", [])]
    wrong = [c for c in nb.cells if "check-wrong" in c.metadata.get("tags", [])]
    assert len(solved) == len(wrong) == sum(map(is_check, nb.cells))
    for cell in solved:
        assert printed(cell).startswith("Well done: Exercise"), (cell.id, printed(cell))
    for cell in wrong:
        exercise = cell.metadata["exercise"]
        heading = printed(cell).splitlines()[0].removeprefix("Not yet: ")
        assert printed(cell).startswith("Not yet: Exercise"), (cell.id, printed(cell))
        entry = key[name.removesuffix(".ipynb")][heading]
        changes, clue = WRONG[exercise]
        assert f"Hint: {entry['hint']}" in printed(cell)
        for variable, change in changes.items():
            if isinstance(change, str):
                assert entry["options"][change] in printed(cell)
            else:
                assert clue in printed(cell), (exercise, printed(cell))


def test_no_student_copy_mentions_solution_cells(copies):
    for name, nb in copies.items():
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert "tagged `solution`" not in cell.source, (name, cell.id)


def test_checks_accept_the_teacher_answer_and_explain_a_wrong_one(student_dir, capsys):
    from ketamine_moa.answers import check_answer, load_answer_key

    key = load_answer_key(student_dir)
    answers = teacher_answers()
    assert sum(len(exercises) for exercises in key.values()) == len(answers) >= 33
    for exercise, (notebook, heading, right) in answers.items():
        entry = key[notebook][heading]
        assert check_answer(notebook, heading, right, student_dir), (notebook, heading)
        assert capsys.readouterr().out.startswith(f"Well done: {heading}")
        wrong = wrong_answer(exercise, right)
        assert not check_answer(notebook, heading, wrong, student_dir), exercise
        out = capsys.readouterr().out
        assert out.startswith(f"Not yet: {heading}") and "not yet" in out
        assert entry["hint"] and f"Hint: {entry['hint']}" in out
        changes, clue = WRONG[exercise]
        for name, change in changes.items():
            if isinstance(change, str):   # a wrong option is answered with its own feedback
                assert entry["options"][change] in out
                assert entry["options"][right[name]] not in out, "the right option's text"
            else:
                assert clue in out, (exercise, out)
        for name, value in right.items():  # a wrong answer never shows the key
            if not isinstance(value, str) and name in changes:
                assert f"{float(np.sum(value)):.4g}" not in out.split("not yet")[1], exercise


def test_a_choice_takes_any_spelling_of_a_letter_and_rejects_a_non_option(student_dir, capsys):
    from ketamine_moa.answers import check_answer

    notebook, heading, right = teacher_answers()["09.2"]
    for spelling in (right["choice_09"].upper(), f" ({right['choice_09']}) "):
        assert check_answer(notebook, heading, {"choice_09": spelling}, student_dir)
    capsys.readouterr()
    assert not check_answer(notebook, heading, {"choice_09": "z"}, student_dir)
    assert "not one of the options" in capsys.readouterr().out
    assert not check_answer(notebook, heading, {"choice_09": 4}, student_dir)
    assert "not one of the options" in capsys.readouterr().out


def test_choices_are_hidden_in_the_stub_and_the_answer_key(copies, student_dir):
    """The right letter is in neither the student copy nor answers.json: the key holds a salted
    hash and the feedback for every option (so the missing one does not give it away)."""
    key = json.loads((student_dir / "answers.json").read_text())
    answers = teacher_answers()
    n_choices = 0
    for exercise, (notebook, heading, right) in answers.items():
        entry = key[notebook][heading]
        for name, value in right.items():
            if not isinstance(value, str):
                continue
            n_choices += 1
            assert set(entry["expected"][name]) == {"sha256"}
            assert len(entry["options"]) >= 3 and value in entry["options"]
            copy_text = json.dumps(copies[f"{notebook}.ipynb"].cells)
            assert f'{name} = \\"{value}\\"' not in copy_text
            assert entry["options"][value] not in copy_text, "feedback only in the answer key"
            hashes = {option: student.choice_digest(notebook, heading, name, option)
                      for option in entry["options"]}
            assert len(set(hashes.values())) == len(hashes)
    assert n_choices == 9


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
