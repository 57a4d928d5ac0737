"""No model number is typed into prose: the notebooks' Markdown and the teacher guide's template
hold numbers about the model only as placeholders that the build fills in (``{{ expr:.0% }}``,
see ``ketamine_moa.build``).

A typed number is allowed where it is not a model output: in a sentence that cites its source
(a DOI, "et al.", a year, a PMID or a finding id such as CLIN-04: a published value), in maths,
code, links and headings, and when it is not shaped like a model result. Shaped like a model
result means a percentage, a concentration (nM, µM, mM), points, a fold change or a decimal
number that is not an amount of drug (mg, mg/kg). Integer times and amounts ("day 7", "40 min",
"0.5 mg/kg") are the inputs of the simulated designs, typed on purpose. A sentence may also say
that its numbers are typed on purpose with the invisible marker ``<!-- typed: why -->`` (e.g. the
options of a multiple-choice prompt); use it sparingly: a model output is never typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
GUIDE_TEMPLATE = ROOT / "docs" / "src" / "teacher_guide.md"
#: The other page templates rendered by the build (assessment, safeguarding, ...), by name.
PAGE_TEMPLATES = {f"page {p.stem}": p for p in sorted((ROOT / "docs" / "src").glob("*.md"))
                  if p != GUIDE_TEMPLATE}

TYPED_MARK = re.compile(r"\s*<!-- typed: [^>]*-->")  # counts for the sentence it ends
NOT_PROSE = re.compile(
    r"\{\{ .+? \}\}"                       # placeholders (filled by the build)
    r"|\$\$.+?\$\$|\$[^$\n]+\$"            # maths
    r"|```.*?```|`[^`\n]*`"                # code
    r"|\]\([^)]*\)|<[^>\n]+>|https?://\S+"  # link targets, HTML tags, URLs
    r"|^#+ [^\n]*$",                        # headings
    re.S | re.M)
CITED = re.compile(r"_TYPED_ON_PURPOSE|doi:|\b10\.\d{4,9}/|et al\.|\b(19|20)\d\d\b|PMID"
                   r"|\b[A-Z]{2,}-\d\d\b", re.I)
MODEL_SHAPED = re.compile(
    r"(?<![\w.])[-+−±~≈]?\d+(?:\.\d+)?\s?(?:%|percent\b)"
    r"|(?<![\w.])\d+(?:\.\d+)?\s?(?:nM|µM|uM|mM)\b"
    r"|(?<![\w.])\d+(?:\.\d+)?\s?points?\b"
    r"|(?<![\w.])\d+(?:\.\d+)?\s?(?:-fold|×|x\b)"
    r"|(?<![\w.\-])\d+\.\d+(?!\s?(?:mg|%|\d|\.\d))")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z*(\"'])|\n\s*\n|\n\s*[-*] |\n\s*\d+\. ")


def typed_model_numbers(markdown: str) -> list[str]:
    """Sentences of ``markdown`` holding a model-shaped number with no citation, each given
    as "number: sentence"."""
    prose = NOT_PROSE.sub(" ", TYPED_MARK.sub("_TYPED_ON_PURPOSE", markdown))
    found = []
    for sentence in SENTENCE_END.split(prose):
        if CITED.search(sentence):
            continue
        for match in MODEL_SHAPED.finditer(sentence):
            found.append(f"{match.group().strip()}: {' '.join(sentence.split())[:160]}")
    return found


def notebook_markdown(source: Path) -> str:
    return "\n\n".join(cell.source for cell in jupytext.read(source).cells
                       if cell.cell_type == "markdown")


def guide_sections() -> dict[str, str]:
    """The guide template by section: "guide intro" (before notebook 00), "guide 00", ..."""
    sections = {}
    for part in re.split(r"(?m)^(?=## \d\d — )", GUIDE_TEMPLATE.read_text(encoding="utf-8")):
        match = re.match(r"## (\d\d) — ", part)
        sections[f"guide {match.group(1) if match else 'intro'}"] = part
    return sections


def prose(name: str) -> str:
    """The Markdown of notebook ``name`` ("03"), of a guide section ("guide 03") or of another
    page template ("page assessment")."""
    if name in PAGE_TEMPLATES:
        return PAGE_TEMPLATES[name].read_text(encoding="utf-8")
    if name.startswith("guide"):
        return guide_sections()[name]
    return notebook_markdown(next(s for s in SOURCES if s.stem.startswith(name)))


#: Typed model numbers still to be replaced by placeholders, per file (none left): a file listed
#: here may hold at most that many, and the count may only fall.
STILL_TYPED: dict[str, int] = {}


def test_the_scan_finds_typed_model_numbers_and_spares_the_rest():
    sentence = "The block peaks at 43% near 0.75 µM."
    assert typed_model_numbers(sentence) == [f"43%: {sentence}", f"0.75 µM: {sentence}"]
    sentence = "Improvement 9.7 points, 2.9-fold."
    assert typed_model_numbers(sentence) == [f"9.7 points: {sentence}", f"2.9-fold: {sentence}"]
    for spared in ("The block peaks at {{ peak:.0% }} near {{ peak_uM:.2f }} µM.",
                   "Glx rose 38% (Abdallah et al. 2018).", "Response 71% at 24 h (CLIN-04).",
                   "Give 0.5 mg/kg over 40 min; look at day 7 and week 6.",
                   "## 3. A 50% heading", "Run `f(0.25)` and read $k = 0.5$.",
                   "Is it about 50%, 10% or 1%? <!-- typed: the options of a prompt -->",
                   "See [the figure](figures/a_2.5.png) and 5-HT1A, GluN2B, Val66Met."):
        assert typed_model_numbers(spared) == [], spared


def test_the_new_pages_are_scanned():
    assert {"page assessment", "page safeguarding", "page before_you_teach"} <= set(PAGE_TEMPLATES)


@pytest.mark.parametrize("name", [*(s.stem[:2] for s in SOURCES), *guide_sections(),
                                  *PAGE_TEMPLATES])
def test_no_model_number_is_typed_into_prose(name):
    found = typed_model_numbers(prose(name))
    allowed = STILL_TYPED.get(name, 0)
    assert len(found) <= allowed, (
        f"{len(found) - allowed} more model number(s) typed by hand than allowed ({allowed}); "
        "use a placeholder {{ expr:format }} instead:\n" + "\n".join(found))
