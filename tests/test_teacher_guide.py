"""docs/teacher_guide.md: one complete section per notebook, sound sources, no dosing advice.

Fast and kernel-free: the guide is parsed as Markdown text, the notebook sources are read with
jupytext (never executed), and the demo titles come from the ``DEMOS`` tuples of the demo
modules themselves.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jupytext
import pytest

from ketamine_moa.demos import all_demos

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "teacher_guide.md"
SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
FIGURES = ROOT / "figures"  # the repository's figures, not the test run's temporary folder

SUBSECTIONS = ("Lesson plan", "Predict prompts and answers", "Common misconceptions",
               "What to project when", "Exercises")
#: A plan's heading states its length: "Lesson plan (50 minutes)" or "(2 × 50 minutes)", one
#: table per lecture; the lab, pre-class and other plans of docs/src/lesson_plans.md likewise.
PLAN_LENGTH = re.compile(r"^(.+?) \((?:(\d+) × )?(\d+) minutes\)$")
LECTURE_MINUTES = 50
SECTION = re.compile(r"^## (\d\d) — (.+?)\s*$", re.M)
ANY_H2 = re.compile(r"^## ", re.M)
H3 = re.compile(r"^### (.+?)\s*$", re.M)
LIST_ITEM = re.compile(r"^(\d+)\.\s", re.M)
ANSWER = "**Answer:**"
EXERCISE_ITEM = re.compile(r"^[-*] \*\*Exercise (\d+)\b", re.M)
SOURCE_EXERCISE = re.compile(r"^#{2,4}\s*Exercise (\d+)\b", re.M)
DEMO_REF = re.compile(r"\bdemo \*([^*]+)\*", re.I)  # a title may wrap onto the next line
FIGURE_REF = re.compile(r"\b\d\d_[A-Za-z0-9_]+\.png\b")
DOI = re.compile(r"\b10\.\d{4,9}/[^\s\[\]<>\"`|]+")
NOTICE = re.compile(r"Educational use only.*not\s+medical advice.*no dosing recommendations",
                    re.S)
#: Phrases that would turn an explanation into advice about treatment or doses (the notebooks'
#: list in test_offline_and_notices.py, plus a few more that a teacher's text might slip into).
ADVICE = re.compile(
    r"\b(you should (take|start|stop|use|try|ask for)|we recommend|is recommended for you|"
    r"recommended dose|the right dose for you|ask your doctor for|best dose|safe dose is|"
    r"dose you need|treat yourself|self-medicat|should take|you can safely|"
    r"take \d+(\.\d+)?\s*(mg|µg|ug)\b)", re.I)


@dataclass(frozen=True)
class Notebook:
    number: str
    title: str
    markdown: str  # every markdown cell of the source, joined

    @property
    def predict_prompts(self) -> int:
        """How often "Predict first" occurs in the markdown (never fewer than the prompts)."""
        return len(re.findall(r"predict first", self.markdown, re.I))

    @property
    def exercises(self) -> list[int]:
        return [int(n) for n in SOURCE_EXERCISE.findall(self.markdown)]


@cache
def notebooks() -> dict[str, Notebook]:
    found = {}
    for source in SOURCES:
        nb = jupytext.read(source)
        markdown = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        title = re.search(r"^# (.+?)\s*$", markdown, re.M)
        assert title, f"{source.name}: no '# Title' line in its markdown"
        found[source.name[:2]] = Notebook(source.name[:2], title.group(1), markdown)
    return found


@cache
def guide() -> str:
    assert GUIDE.is_file(), f"missing {GUIDE.relative_to(ROOT)}"
    return GUIDE.read_text(encoding="utf-8")


@cache
def sections() -> dict[str, tuple[str, str]]:
    """Notebook number -> (title in the heading, text up to the next level-2 heading)."""
    text = guide()
    found = {}
    for match in SECTION.finditer(text):
        following = ANY_H2.search(text, match.end())
        body = text[match.end():following.start() if following else len(text)]
        assert match.group(1) not in found, f"two sections for notebook {match.group(1)}"
        found[match.group(1)] = (match.group(2), body)
    return found


def subsections(number: str) -> dict[str, str]:
    """Level-3 heading -> its text, within one notebook's section."""
    body = sections()[number][1]
    heads = list(H3.finditer(body))
    return {h.group(1): body[h.end():heads[i + 1].start() if i + 1 < len(heads) else len(body)]
            for i, h in enumerate(heads)}


def subsection(number: str, name: str) -> str:
    """The text of subsection ``name``; "Lesson plan" matches whatever length its heading states."""
    found = {plan_name(heading): text for heading, text in subsections(number).items()}
    assert name in found, (f"section {number}: no '### {name}' subsection; "
                           f"found: {sorted(found)}")
    return found[name]


def plan_name(heading: str) -> str:
    """``"Lesson plan"`` for ``"Lesson plan (2 × 50 minutes)"``; other headings unchanged."""
    match = PLAN_LENGTH.match(heading)
    return match.group(1) if match else heading


def plan_length(heading: str) -> tuple[int, int] | None:
    """(number of sessions, minutes each) stated by a plan heading, or None if it states none."""
    match = PLAN_LENGTH.match(heading)
    return (int(match.group(2) or 1), int(match.group(3))) if match else None


def all_tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Header and body rows of every Markdown table in ``text``."""
    found = []
    for table in re.finditer(r"^\|.*(?:\n\|.*)*", text, re.M):
        found.append(table_rows(table.group(0)))
    return found


def minutes_column(header: list[str], rows: list[list[str]], where: str) -> list[int]:
    """The whole minutes of a plan table's "min" column (each a positive whole number)."""
    assert "min" in header, f"{where}: plan table needs a 'min' column: {header}"
    column = header.index("min")
    for row in rows:
        assert re.fullmatch(r"[1-9]\d*", row[column]), (
            f"{where}: plan row {row} has {row[column]!r} minutes, not a positive whole number")
    return [int(row[column]) for row in rows]


def check_plan(heading: str, text: str, where: str) -> list[tuple[list[str], list[list[str]]]]:
    """Assert that each table of the plan under ``heading`` adds up to the stated length (one
    table per session); return the tables."""
    sessions, minutes = plan_length(heading)
    tables = all_tables(text)
    assert len(tables) == sessions, (f"{where}: '{heading}' states {sessions} session(s) but "
                                     f"has {len(tables)} table(s)")
    for number, (header, rows) in enumerate(tables, start=1):
        blocks = minutes_column(header, rows, where)
        assert sum(blocks) == minutes, (
            f"{where}: '{heading}', table {number}: blocks {blocks} add up to {sum(blocks)} min, "
            f"not the stated {minutes}")
    return tables


def list_items(text: str, start: re.Pattern) -> list[str]:
    """The list items in ``text`` that begin with ``start``, each with its continuation lines
    and with every run of whitespace (line breaks, indentation) folded into one space."""
    starts = [m.start() for m in start.finditer(text)]
    return [" ".join(text[a:b].split()) for a, b in zip(starts, [*starts[1:], len(text)])]


def table_rows(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and body rows of the first Markdown table in ``text``, as stripped cells."""
    table = re.search(r"^\|.*(?:\n\|.*)*", text, re.M)  # the first run of lines starting "|"
    lines = table.group(0).splitlines() if table else []
    assert len(lines) >= 3, "no Markdown table (header, separator and at least one row)"
    cells = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines]
    assert all(set(c) <= set("-: ") for c in cells[1]), (
        f"second table line is not a separator: {lines[1]}")
    return cells[0], cells[2:]


def demo_titles(text: str) -> set[str]:
    """Titles written as ``demo *title*`` in ``text``, with line breaks folded into spaces."""
    return {" ".join(title.split()) for title in DEMO_REF.findall(text)}


def clean_doi(raw: str) -> str:
    """A DOI as written in running text, without trailing punctuation or an unmatched bracket."""
    doi = raw
    while doi and (doi[-1] in ".,;:*_'" or (doi[-1] == ")" and doi.count(")") > doi.count("("))):
        doi = doi[:-1]
    return doi.lower()


#: Sources the educators' pages cite that no notebook or data file does (misconceptions across
#: the unit, safeguarding). Each was checked, at the level of its abstract, in a public index
#: when it was added; the guide's "Licence and sources" section names them as abstract-level.
VERIFIED_ELSEWHERE = {
    "10.1038/s41380-022-01661-0": "Moncrieff et al. 2022 Mol Psychiatry, serotonin umbrella review",
    "10.1038/s41380-023-02095-y": "reply to Moncrieff et al., Mol Psychiatry 2023",
    "10.1126/science.2660263": "Olney et al. 1989 Science 244:1360, NMDA-antagonist neurotoxicity",
    "10.1016/s2215-0366(16)30307-8": "Furukawa et al. 2016 Lancet Psychiatry, placebo response",
    "10.1038/s41467-020-20190-4": "Ballard & Zarate 2020 Nat Commun, dissociation and effect",
    "10.1136/bmj.b2880": "Stone et al. 2009 BMJ, suicidality in adult antidepressant trials by age",
    "10.1016/s2215-0366(24)00133-0": "Henssler et al. 2024 Lancet Psychiatry, discontinuation",
    "10.1001/archpsyc.63.11.1217": "Taylor et al. 2006 Arch Gen Psychiatry, early SSRI onset",
}


@cache
def known_dois() -> frozenset[str]:
    """Every DOI in a notebook source or in data/*.csv, and the few in VERIFIED_ELSEWHERE."""
    texts = [s.read_text(encoding="utf-8") for s in SOURCES]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((ROOT / "src" / "ketamine_moa" / "data").glob("*.csv"))]
    return frozenset({*(clean_doi(d) for text in texts for d in DOI.findall(text)),
                      *VERIFIED_ELSEWHERE})


@cache
def demos() -> dict[str, object]:
    """Title -> Demo, from the DEMOS tuple of every module in ketamine_moa.demos."""
    return {demo.title: demo for demo in all_demos()}


def test_there_are_notebooks_and_demos_to_check():
    assert len(SOURCES) >= 10, f"expected the ten notebook sources, found {len(SOURCES)}"
    assert len(demos()) >= 20, f"expected the demos of all notebooks, found {len(demos())}"


def test_the_guide_starts_with_notice_and_how_to_teach_with_it():
    intro = guide()[:SECTION.search(guide()).start()]
    assert NOTICE.search(intro), "the educational-use notice must come before the first notebook"
    for needed in ("`solution`", "make student", "build/student/", "make slides",
                   "build/slides/", "reveal.js", "make html", "make pdf", "3-lesson",
                   "6-lesson", "kernel"):
        assert needed in intro, f"the introduction does not mention {needed!r}"


def test_every_notebook_has_its_section_with_the_notebook_title():
    missing = sorted(set(notebooks()) - set(sections()))
    assert not missing, f"no '## NN — <title>' section for notebook(s) {missing}"
    extra = sorted(set(sections()) - set(notebooks()))
    assert not extra, f"sections for notebooks that have no source: {extra}"
    for number, nb in notebooks().items():
        title = sections()[number][0]
        assert title == nb.title, (f"section {number} is titled {title!r}, but the notebook's "
                                   f"title is {nb.title!r}")


@pytest.mark.parametrize("number", [s.name[:2] for s in SOURCES])
def test_each_section_has_the_five_subsections_in_order(number):
    found = [plan_name(name) for name in subsections(number) if plan_name(name) in SUBSECTIONS]
    assert found == list(SUBSECTIONS), (f"section {number}: subsections {found}, expected "
                                        f"exactly {list(SUBSECTIONS)} in that order")


@pytest.mark.parametrize("number", [s.name[:2] for s in SOURCES])
def test_lesson_plan_minutes_add_up_to_the_stated_length(number):
    (heading,) = [h for h in subsections(number) if plan_name(h) == SUBSECTIONS[0]]
    assert plan_length(heading), f"section {number}: '{heading}' states no length in minutes"
    assert plan_length(heading)[1] == LECTURE_MINUTES, (
        f"section {number}: a lecture is {LECTURE_MINUTES} minutes: '{heading}'")
    for header, rows in check_plan(heading, subsections(number)[heading], f"section {number}"):
        assert "block" in header, f"section {number}: lesson-plan table needs a 'block' column"
        blocks = " ".join(row[header.index("block")].lower() for row in rows)
        for part in ("hook", "wrap-up"):
            assert part in blocks, f"section {number}: a lesson plan has no {part!r} block"


def test_the_longest_notebooks_are_split_or_trimmed_honestly():
    """Notebooks 03, 06, 08 and 09 hold more than 50 minutes: each plan says so and either
    splits into two lectures or names what moves to the lab or homework."""
    for number in ("03", "06", "08", "09"):
        (heading,) = [h for h in subsections(number) if plan_name(h) == SUBSECTIONS[0]]
        text = subsections(number)[heading]
        sessions = plan_length(heading)[0]
        assert sessions == 2 or re.search(r"Trimmed honestly.*(lab|homework)", text, re.S), (
            f"section {number}: a 50-minute plan for more than 50 minutes of content must be "
            "split or say what it leaves out")


def test_plan_checker_reads_stated_lengths():
    assert plan_length("Lesson plan (2 × 50 minutes)") == (2, 50)
    assert plan_length("Lab plan (120 minutes)") == (1, 120)
    assert plan_name("Lesson plan (50 minutes)") == "Lesson plan"
    assert plan_length("Exercises") is None
    table = "| min | block |\n|---|---|\n| 20 | Hook |\n| 30 | Wrap-up |\n"
    check_plan("Lesson plan (50 minutes)", table, "example")
    with pytest.raises(AssertionError, match="add up to 50 min, not the stated 120"):
        check_plan("Lab plan (120 minutes)", table, "example")
    with pytest.raises(AssertionError, match="states 2 session"):
        check_plan("Lesson plan (2 × 50 minutes)", table, "example")


@pytest.mark.parametrize("number", [s.name[:2] for s in SOURCES])
def test_every_predict_prompt_has_an_answer_with_a_number(number):
    text = subsection(number, SUBSECTIONS[1])
    answered = list_items(text, LIST_ITEM)
    prompts = notebooks()[number].predict_prompts
    assert len(answered) >= prompts, (
        f"section {number}: {len(answered)} answered prompts for {prompts} 'Predict first' "
        "in the notebook source")
    assert text.count(ANSWER) == len(answered), (
        f"section {number}: {text.count(ANSWER)} '{ANSWER}' markers for {len(answered)} prompts")
    for item in answered:
        assert ANSWER in item, f"section {number}: prompt without an answer: {item[:80]!r}"
        answer = item.split(ANSWER, 1)[1]
        assert re.search(r"\d", answer), (f"section {number}: an answer quotes no number from "
                                          f"the model: {answer[:80]!r}")


@pytest.mark.parametrize("number", [s.name[:2] for s in SOURCES])
def test_three_to_five_misconceptions_each_with_a_cited_source(number):
    beliefs = list_items(subsection(number, SUBSECTIONS[2]), LIST_ITEM)
    assert 3 <= len(beliefs) <= 5, f"section {number}: {len(beliefs)} misconceptions, expected 3-5"
    for item in beliefs:
        assert "*Evidence:*" in item, (
            f"section {number}: misconception without evidence: {item[:80]!r}")
        assert re.search(r"doi:10\.|PMID \d+", item), (
            f"section {number}: misconception cites no DOI or PMID: {item[:80]!r}")


@pytest.mark.parametrize("number", [s.name[:2] for s in SOURCES])
def test_projection_rows_name_a_demo_or_figure_and_a_question(number):
    header, rows = table_rows(subsection(number, SUBSECTIONS[3]))
    assert header == ["when", "project", "ask the room"], f"section {number}: header {header}"
    for when, project, question in rows:
        assert DEMO_REF.search(project) or FIGURE_REF.search(project), (
            f"section {number}: row {when!r} names neither a demo (demo *title*) nor a figure")
        assert question.rstrip('"”').endswith("?"), (
            f"section {number}: row {when!r} asks no question: {question!r}")


@pytest.mark.parametrize("number", [s.name[:2] for s in SOURCES])
def test_every_demo_and_static_figure_of_a_notebook_is_projected(number):
    text = subsection(number, SUBSECTIONS[3])
    named = demo_titles(text)
    own_demos = {t for t, d in demos().items() if d.sweep_file.startswith(f"{number}_")}
    assert own_demos <= named, (f"section {number}: demos never put on the projector: "
                                f"{sorted(own_demos - named)}")
    own_figures = {p.name for p in FIGURES.glob(f"{number}_*.png")}
    shown = set(FIGURE_REF.findall(text))
    assert own_figures <= shown, (f"section {number}: figures never put on the projector: "
                                  f"{sorted(own_figures - shown)}")


@pytest.mark.parametrize("number", [s.name[:2] for s in SOURCES])
def test_one_line_per_exercise_with_expected_result_and_pitfall(number):
    text = subsection(number, SUBSECTIONS[4])
    listed = [int(n) for n in EXERCISE_ITEM.findall(text)]
    expected = notebooks()[number].exercises
    assert listed == expected, (f"section {number}: exercises {listed} in the guide, "
                                f"{expected} in the notebook source")
    for item in list_items(text, EXERCISE_ITEM):
        assert "*Expected:*" in item and "go wrong" in item, (
            f"section {number}: exercise item lacks '*Expected:*' or where students go wrong: "
            f"{item[:80]!r}")


def test_every_demo_title_named_in_the_guide_exists():
    unknown = sorted(demo_titles(guide()) - set(demos()))
    assert not unknown, (f"demo titles in the guide that no DEMOS tuple defines: {unknown}; "
                         f"known titles: {sorted(demos())}")


def test_every_figure_named_in_the_guide_exists():
    named = sorted(set(FIGURE_REF.findall(guide())))
    assert named, "the guide names no figure"
    missing = [name for name in named if not (FIGURES / name).is_file()]
    assert not missing, f"figures named in the guide but not in figures/: {missing}"


def test_every_doi_in_the_guide_comes_from_a_notebook_or_the_data():
    cited = {clean_doi(d) for d in DOI.findall(guide())}
    assert cited, "the guide cites no DOI"
    unknown = sorted(cited - known_dois())
    assert not unknown, ("DOIs in the guide that appear in no notebook source, no data/*.csv "
                         f"and not in VERIFIED_ELSEWHERE (invented or mistyped?): {unknown}")


def intro_section(title: str) -> str:
    """The text of the guide's level-2 section ``title`` (before the notebook sections)."""
    match = re.search(rf"^## {re.escape(title)}\s*$", guide(), re.M)
    assert match, f"the guide has no '## {title}' section"
    following = ANY_H2.search(guide(), match.end())
    return guide()[match.end():following.start() if following else len(guide())]


UNIT_MISCONCEPTIONS = ("chemical imbalance", "excitotoxicity", "placebo means fake",
                       "dissociative experience is the treatment", "under 25",
                       "stopping them has no effects", "SSRIs do nothing for weeks")


def test_misconceptions_across_the_unit_have_evidence_and_a_way_to_surface_them():
    items = list_items(intro_section("Misconceptions across the unit"), LIST_ITEM)
    assert len(items) >= len(UNIT_MISCONCEPTIONS)
    for topic in UNIT_MISCONCEPTIONS:
        found = [item for item in items if topic.lower() in item.lower()]
        assert found, f"no unit-wide misconception about {topic!r}"
        assert "*Evidence:*" in found[0] and DOI.search(found[0].split("*Evidence:*")[1]), topic
        assert "*Surface it:*" in found[0], f"{topic!r}: no classroom way to surface it"


def test_the_sources_section_names_every_abstract_level_source():
    text = intro_section("Licence and sources")
    assert "BSD-3-Clause" in text and "CC BY 4.0" in text and "abstract" in text
    named = {clean_doi(d) for d in DOI.findall(text)}
    data = ROOT / "src" / "ketamine_moa" / "data"
    for table in sorted(data.glob("*.csv")):
        for row in csv.DictReader(table.read_text(encoding="utf-8").splitlines()):
            if re.search(r"abstract", " ".join(v or "" for v in row.values()), re.I):
                # the abstract-level source may be the row's own or one its note names
                dois = {clean_doi(d) for d in DOI.findall(" ".join(v or "" for v in row.values()))}
                assert dois & named, f"{table.name} row {row} notes an abstract-level source"
    for doi, source in VERIFIED_ELSEWHERE.items():
        assert doi in named, f"the sources section does not name {source} (doi:{doi})"


def test_the_guide_links_the_pages_for_educators():
    text = intro_section("More for educators")
    for page in ("before_you_teach.md", "assessment.md", "lesson_plans.md", "safeguarding.md"):
        assert f"]({page})" in text, f"no link to {page}"
        assert (GUIDE.parent / page).is_file(), f"docs/{page} is not rendered"


def test_no_dosing_advice():
    found = [m.group(0) for m in ADVICE.finditer(guide())]
    assert not found, f"phrases in the guide that read as dosing or treatment advice: {found}"


@pytest.mark.parametrize(("raw", "doi"), [
    ("doi:10.1016/S0092-8674(03)00035-7).", "10.1016/s0092-8674(03)00035-7"),
    ("(doi:10.1172/JCI130808);", "10.1172/jci130808"),
    ("10.1038/mp.2015.83.", "10.1038/mp.2015.83"),
])
def test_doi_cleaning_keeps_brackets_that_belong_to_the_doi(raw, doi):
    assert clean_doi(DOI.search(raw).group(0)) == doi
