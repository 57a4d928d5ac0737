"""The educators' pages beside the teacher guide (docs/src/*.md, rendered to docs/*.md by the
build): the assessment covers every learning objective with model answers and rubrics and keys
every room question and exit ticket of the guide; every lab, pre-class and lecture plan adds up to
its stated length; the safeguarding page and the students' content notes exist; no page gives
dosing advice or cites an unknown DOI. Kernel-free: notebook sources are read with jupytext,
rendered pages from the values the committed notebooks store."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jupytext
import nbformat
import pytest

from ketamine_moa.build import (PlaceholderError, doc_templates, guide_placeholders, render_page,
                                render_pages, rendered_path)
from test_teacher_guide import (ADVICE, DOI, H3, LIST_ITEM, SOURCES, check_plan, clean_doi,
                                known_dois, list_items, plan_length)

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "docs" / "src"
NUMBERS = [s.name[:2] for s in SOURCES]
SECTION = re.compile(r"^## (\d\d) — (.+?)\s*$", re.M)
QUESTION = re.compile(r"^\d+\.\s+\*\*Q(\d\d)\.(\d+)\*\* \(objectives? ([\d, ]+); "
                      r"(recall|reasoning|judgement)\)", re.M)
CONTENT_NOTE = "**Content note.**"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def page_sections(name: str) -> dict[str, str]:
    """Notebook number -> text of its "## NN — title" section in page ``name``."""
    text = page(name)
    heads = list(SECTION.finditer(text))
    return {h.group(1): text[h.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)]
            for i, h in enumerate(heads)}


def h3(text: str) -> dict[str, str]:
    heads = list(H3.finditer(text))
    return {h.group(1): text[h.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)]
            for i, h in enumerate(heads)}


def words(text: str) -> str:
    return " ".join(text.split())


@cache
def objectives(number: str) -> int:
    """How many learning objectives notebook ``number`` lists in its opening cells."""
    source = next(s for s in SOURCES if s.name.startswith(number))
    for cell in jupytext.read(source).cells:
        if cell.cell_type == "markdown" and "Learning objectives" in cell.source:
            text = cell.source.split("Learning objectives", 1)[1].split("\n>", 1)[0]
            return len(re.findall(r"^(?:\d+\.|-)\s", text, re.M))
    raise AssertionError(f"notebook {number} has no learning objectives")


def questions(number: str) -> list[tuple[str, str, set[int], str]]:
    """(id, kind, objectives, item text) of each assessment question of notebook ``number``."""
    text = h3(page_sections("assessment.md")[number])["Questions"]
    found = []
    for item in list_items(text, LIST_ITEM):
        match = QUESTION.match(item)
        assert match, (f"assessment {number}: question not in the form "
                       f"'**Qnn.k** (objective N; kind)': {item[:80]!r}")
        assert match.group(1) == number, f"assessment {number}: {item[:40]!r} has another number"
        found.append((f"Q{number}.{match.group(2)}", match.group(4),
                      {int(n) for n in match.group(3).replace(" ", "").split(",")}, item))
    return found


def test_every_notebook_has_its_assessment_section():
    assert sorted(page_sections("assessment.md")) == NUMBERS
    assert {n: objectives(n) for n in NUMBERS} == {
        "00": 4, "01": 5, "02": 5, "03": 5, "04": 5, "05": 5, "06": 5, "07": 4, "08": 6, "09": 6}


@pytest.mark.parametrize("number", NUMBERS)
def test_four_questions_covering_every_objective_with_model_answers(number):
    found = questions(number)
    assert len(found) >= 4, f"assessment {number}: {len(found)} questions, need at least 4"
    assert len({q[0] for q in found}) == len(found), f"assessment {number}: duplicate ids"
    thinking = [q for q in found if q[1] in ("reasoning", "judgement")]
    assert len(thinking) >= 2, f"assessment {number}: need 2 reasoning or judgement questions"
    covered = set().union(*(q[2] for q in found))
    wanted = set(range(1, objectives(number) + 1))
    assert covered == wanted, (f"assessment {number}: objectives {sorted(wanted - covered)} have "
                               f"no question; {sorted(covered - wanted)} do not exist")
    for qid, kind, _, item in found:
        assert "*Model answer:*" in item, f"{qid}: no model answer"
        if kind in ("reasoning", "judgement"):
            assert "*Rubric:*" in item, f"{qid} ({kind}) has no rubric"
            rubric = item.split("*Rubric:*", 1)[1]
            assert re.search(r"\bmarks?\b", rubric), f"{qid}: rubric gives no marks"


@cache
def guide_template_sections() -> dict[str, str]:
    text = page("teacher_guide.md")
    heads = list(SECTION.finditer(text))
    return {h.group(1): text[h.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)]
            for i, h in enumerate(heads)}


@pytest.mark.parametrize("number", NUMBERS)
def test_every_room_question_and_exit_ticket_of_the_guide_has_a_key(number):
    # Compared as templates, so placeholders in a question match.
    body = guide_template_sections()[number]
    asked = []
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and not set(cells[0]) <= set("-: ") \
                and cells != ["when", "project", "ask the room"]:
            asked.append(("Room", cells[2].strip('"')))
        asked += [("Exit ticket", m.group(1).strip())
                  for m in re.finditer(r"Exit ticket: ([^|]+?)\s*\|", line)]
    assert asked, f"guide section {number} has no room question"
    keys = words(h3(page_sections("assessment.md")[number])[
        "Keys: room questions and exit tickets"])
    for kind, question in asked:
        entry = f'*{kind}:* "{words(question)}"' if kind == "Room" else \
            f"*{kind}:* {words(question)}"
        assert entry in keys, f"assessment {number}: no key for {kind.lower()} {question!r}"
        after = keys.split(entry, 1)[1].split("- *", 1)[0]
        assert "**Key:**" in after and len(after.split("**Key:**")[1].split()) >= 5, (
            f"assessment {number}: the key to {question!r} is missing or empty")


@pytest.mark.parametrize("number", NUMBERS)
def test_lab_preclass_and_homework_per_notebook_with_timings_that_add_up(number):
    parts = h3(page_sections("lesson_plans.md")[number])
    lab = [h for h in parts if h.startswith("Lab plan")]
    pre = [h for h in parts if h.startswith("Flipped class")]
    assert lab and plan_length(lab[0]) == (1, 120), f"lesson plans {number}: no 2-hour lab plan"
    assert pre and plan_length(pre[0]), f"lesson plans {number}: no timed pre-class version"
    for heading in (*lab, *pre):
        check_plan(heading, parts[heading], f"lesson plans {number}")
    assert len(list_items(parts.get("Homework", ""), LIST_ITEM)) >= 3, (
        f"lesson plans {number}: the homework set needs at least three items")
    for qid in re.findall(r"\bQ\d\d\.\d+\b", parts.get("Homework", "")):
        assert qid in page("assessment.md"), f"lesson plans {number}: {qid} does not exist"


def test_every_plan_anywhere_states_its_length_and_adds_up():
    checked = 0
    for template in doc_templates():
        text = template.read_text(encoding="utf-8")
        heads = list(H3.finditer(text))
        for i, head in enumerate(heads):
            if plan_length(head.group(1)) and re.search(r"plan|class", head.group(1), re.I):
                end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
                body = re.split(r"^## ", text[head.end():end], maxsplit=1, flags=re.M)[0]
                check_plan(head.group(1), body, template.name)
                checked += 1
    assert checked >= 30, f"only {checked} plans found"


def content_note(number: str) -> str:
    source = next(s for s in SOURCES if s.name.startswith(number))
    cells = jupytext.read(source).cells
    notes = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
             and CONTENT_NOTE in c.source]
    assert len(notes) == 1, f"notebook {number}: {len(notes)} content notes, expected one"
    assert notes[0] <= 2, f"notebook {number}: the content note is not near the top"
    return cells[notes[0]].source


@pytest.mark.parametrize("number", ["00", "09"])
def test_students_see_the_content_note_in_notebooks_00_and_09(number):
    note = words(content_note(number).replace(">", " "))
    for needed in ("suicidal thoughts", "sections 4 and 7", "local support services",
                   "do not change it", "clinician"):
        assert needed in note, f"notebook {number}: content note lacks {needed!r}"
    shown = words(page("safeguarding.md").replace(">", " "))
    assert note in shown, "the safeguarding page must show the students' note word for word"
    stored = nbformat.read(next((ROOT / "notebooks").glob(f"{number}_*.ipynb")), as_version=4)
    assert any(CONTENT_NOTE in c.source for c in stored.cells[:3]), "rebuild the notebook"


def test_the_safeguarding_page_covers_what_the_brief_requires():
    text = words(page("safeguarding.md"))
    for needed in ("disclos", "local support services", "Do not give advice",
                   "Do not change your medication", "clinician", "recreational",
                   "2 mg/kg", "boxed warning", "under 25", "FDA", "no dosing recommendation"):
        assert needed.lower() in text.lower(), f"safeguarding lacks {needed!r}"
    table = text.split("Where the sensitive passages are", 1)[1]
    for flagged in ("**section 4**", "**section 7**"):
        assert flagged in table, f"the table does not flag notebook 09 {flagged}"


def test_before_you_teach_covers_set_up_and_the_teacher_copies():
    text = words(page("before_you_teach.md"))
    for needed in ("Audience and prerequisites", "Python primer", "np.polyfit",
                   "cohort.scores", "make student-lab", "JupyterHub", "Binder", "nbviewer",
                   "teacher copies", "make student GRADED=1", "What works without a kernel"):
        assert needed in text, f"before you teach lacks {needed!r}"
    rows = re.findall(r"^\| (\d\d) \|", page("before_you_teach.md"), re.M)
    assert rows == [n for n in NUMBERS if n != "00"], "a no-code route for each notebook 01-09"


@pytest.mark.parametrize("template", [p.name for p in doc_templates()])
def test_pages_give_no_dosing_advice_and_cite_known_dois(template):
    text = (PAGES / template).read_text(encoding="utf-8")
    found = [m.group(0) for m in ADVICE.finditer(text)]
    assert not found, f"{template}: phrases that read as advice: {found}"
    unknown = sorted({clean_doi(d) for d in DOI.findall(text)} - known_dois())
    assert not unknown, f"{template}: DOIs from no notebook, data file or verified list: {unknown}"


@pytest.mark.parametrize("template", doc_templates(), ids=lambda p: p.name)
def test_every_rendered_page_is_up_to_date(template):
    target = rendered_path(template)
    assert target.is_file(), f"{target.name} not rendered: run `make notebooks`"
    assert target.read_text(encoding="utf-8") == render_page(template), (
        f"docs/{target.name} is stale: edit docs/src/{template.name} and run `make notebooks`")


def test_render_pages_covers_every_template_and_staleness_sees_them(tmp_path, monkeypatch):
    guide_template = tmp_path / "src" / "teacher_guide.md"
    guide_template.parent.mkdir()
    guide_template.write_text("Guide {{ [02] 'g' }}.")
    (guide_template.parent / "extra.md").write_text("Extra {{ [02] 1 + 1 }} and {{ [07] 3 }}.")
    monkeypatch.setattr("ketamine_moa.build.GUIDE_TEMPLATE", guide_template)
    monkeypatch.setattr("ketamine_moa.build.GUIDE", tmp_path / "teacher_guide.md")
    assert [p.name for p in doc_templates()] == ["teacher_guide.md", "extra.md"]
    assert guide_placeholders("02") == ["'g'", "1 + 1"]  # a page's value makes a notebook stale
    notebooks_dir = tmp_path / "notebooks"
    notebooks_dir.mkdir()
    for name, glue in (("02_a", {"'g'": "g", "1 + 1": "2"}), ("07_b", {"3": "3"})):
        nb = nbformat.v4.new_notebook()
        nb.metadata["ketamine_moa"] = {"glue": glue}
        nbformat.write(nb, notebooks_dir / f"{name}.ipynb")
    pages = render_pages(notebooks_dir)
    assert list(pages) == [tmp_path / "teacher_guide.md", tmp_path / "extra.md"]
    assert pages[tmp_path / "extra.md"].endswith("Extra 2 and 3.")
    assert "from docs/src/extra.md" in pages[tmp_path / "extra.md"].splitlines()[0]
    (guide_template.parent / "extra.md").write_text("{{ [02] 9 }}")
    with pytest.raises(PlaceholderError, match=r"docs/src/extra\.md: notebook 02 has no value"):
        render_pages(notebooks_dir)


def test_assessment_answers_do_not_teach_that_ssris_do_nothing_for_weeks():
    for name in ("assessment.md", "lesson_plans.md", "safeguarding.md", "before_you_teach.md"):
        text = words(page(name)).lower()
        for wrong in ("no effect for weeks", "nothing for the first", "only after weeks does"):
            assert wrong not in text, f"{name}: {wrong!r}"
    assert "first week" in words(page("assessment.md"))
