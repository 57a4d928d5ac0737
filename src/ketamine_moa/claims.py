"""Graded claims about ketamine: loaded from the package's ``data/claims.csv`` into dataclasses.

Each row is one claim as it is commonly made (clinic pages, press), a grade, the evidence in
a few sentences, the references and their DOIs (or ``pmid:NNN`` where no DOI was verified),
and the notebook section whose demo illustrates it ("02 section 2"), if any. Grades:

* **A** (strong): well supported in humans;
* **B** (moderate): supported (robust in rodents plus some human evidence) but transient or
  condition-dependent;
* **C** (weak): mostly preclinical, or small, mixed or biased human studies;
* **D** (misleading): wrong or misleading as stated.

A pair such as "C/D" means the grade depends on how the claim is read; the evidence text
says which reading gets which letter. ``read_claims`` validates the file (columns, grades,
DOIs, unique ids, demo references) and raises ``ClaimsFileError`` naming the file, line and
column of the first problem, in the style of ``params.read_parameter_file``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .params import DATA_DIR
from .tables import TableFileError, read_table, where

CLAIMS_CSV = DATA_DIR / "claims.csv"

REQUIRED_COLUMNS = ("id", "claim", "grade", "evidence", "references", "dois", "demo")

#: One word per grade, so a grade is never shown by colour (or letter) alone.
GRADE_WORDS = {"A": "strong", "B": "moderate", "C": "weak", "D": "misleading"}
GRADE_MEANINGS = {
    "A": "well supported in humans",
    "B": "supported (robust in rodents plus some human evidence) but transient or "
         "condition-dependent",
    "C": "mostly preclinical, or small, mixed or biased human studies",
    "D": "wrong or misleading as stated",
}

GRADE_PATTERN = re.compile(r"^([ABCD])(?:/([ABCD]))?$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^pmid:\d+$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEMO_PATTERN = re.compile(r"^\d\d section \d+$")
SEPARATOR = "; "


class ClaimsFileError(TableFileError):
    """A malformed claims file; the message names the file, line and column."""

    @classmethod
    def missing_columns(cls, path: Path, missing: Sequence[str],
                        required: Sequence[str]) -> ClaimsFileError:
        """Names the first missing column, then lists the missing and the required ones."""
        return cls(f"{where(path, 1, missing[0])}: missing column(s) {', '.join(missing)} "
                   f"(required: {', '.join(required)})")


@dataclass(frozen=True)
class Claim:
    """One graded claim (one row of the claims file)."""

    id: str
    claim: str
    grade: str                      # "A".."D", or a pair such as "C/D"
    evidence: str
    references: str
    dois: tuple[str, ...]           # "10.NNNN/..." or "pmid:NNN"
    demo: tuple[str, ...]           # ("02 section 2", ...); empty if no demo shows it

    @property
    def letters(self) -> tuple[str, ...]:
        """The grade's letters: ("B",) or ("C", "D")."""
        return tuple(self.grade.split("/"))

    @property
    def grade_label(self) -> str:
        """The grade as letters and words, e.g. "B (moderate)" or "C/D (weak or misleading)"."""
        return f"{self.grade} ({' or '.join(GRADE_WORDS[g] for g in self.letters)})"

    @property
    def links(self) -> tuple[str, ...]:
        """A link for each identifier: doi.org for DOIs, PubMed for pmids."""
        return tuple(f"https://pubmed.ncbi.nlm.nih.gov/{d[5:]}/" if d.startswith("pmid:")
                     else f"https://doi.org/{d}" for d in self.dois)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def read_claims(path: Path | str = CLAIMS_CSV) -> list[Claim]:
    """Read and validate a claims CSV; return its claims in file order.

    Raises ClaimsFileError (a ValueError) naming the file, line and column of the first
    problem: a malformed CSV file (see ``tables.read_table``), a missing column, an empty
    field, an unknown grade, a claim without any DOI or pmid, a malformed identifier, a
    duplicate id or a malformed demo reference.
    """
    path = Path(path)
    claims: list[Claim] = []
    seen: set[str] = set()
    for line, record in read_table(path, REQUIRED_COLUMNS, ClaimsFileError):
        def at(column: str) -> str:
            return where(path, line, column)

        values = {c: record[c].strip() for c in REQUIRED_COLUMNS}
        for column in ("id", "claim", "grade", "evidence", "references"):
            if not values[column]:
                raise ClaimsFileError(f"{at(column)}: empty {column}")
        claim_id = values["id"]
        if not ID_PATTERN.match(claim_id):
            raise ClaimsFileError(f"{at('id')}: id {claim_id!r} must be lower-case "
                                  "words joined by '-'")
        if claim_id in seen:
            raise ClaimsFileError(f"{at('id')}: duplicate id {claim_id!r}")
        seen.add(claim_id)
        grade = values["grade"]
        match = GRADE_PATTERN.match(grade)
        if not match or match.group(1) == match.group(2):
            raise ClaimsFileError(f"{at('grade')}: unknown grade {grade!r}; use one of "
                                  "A, B, C, D or a pair such as 'C/D'")
        dois = _split(values["dois"])
        if not dois:
            raise ClaimsFileError(f"{at('dois')}: claim {claim_id!r} has no DOI or pmid")
        for doi in dois:
            if not (DOI_PATTERN.match(doi) or PMID_PATTERN.match(doi)):
                raise ClaimsFileError(f"{at('dois')}: {doi!r} is neither a DOI "
                                      "(10.NNNN/...) nor a pmid (pmid:NNN)")
        demo = _split(values["demo"])
        for item in demo:
            if not DEMO_PATTERN.match(item):
                raise ClaimsFileError(f"{at('demo')}: {item!r} is not of the form "
                                      "'NN section N'")
        claims.append(Claim(id=claim_id, claim=values["claim"], grade=grade,
                            evidence=values["evidence"], references=values["references"],
                            dois=dois, demo=demo))
    if not claims:
        raise ClaimsFileError(f"{path}, line 2, column 'id': the file has no claims")
    return claims


def claims_by_id(path: Path | str = CLAIMS_CSV) -> dict[str, Claim]:
    """The claims of the file keyed by id."""
    return {c.id: c for c in read_claims(path)}


# --- rendering (for notebooks: an HTML table with a plain-text fallback) -------------------

def claims_html(claims: list[Claim], with_demo: bool = True) -> str:
    """An HTML table of claims: claim, grade as letter and word, evidence, sources, demo.

    No colour is used; the grade column carries the letter and its word.
    """
    head = ["claim", "grade", "evidence", "sources"] + (["shown in"] if with_demo else [])
    rows = ["<table>", "<thead><tr>" + "".join(f"<th style='text-align:left'>{h}</th>"
                                                for h in head) + "</tr></thead>", "<tbody>"]
    for c in claims:
        links = ", ".join(f"<a href='{url}'>{html.escape(d)}</a>"
                          for d, url in zip(c.dois, c.links))
        cells = [f"<b>{html.escape(c.claim)}</b>", f"<b>{html.escape(c.grade_label)}</b>",
                 html.escape(c.evidence), f"{html.escape(c.references)}<br>{links}"]
        if with_demo:
            cells.append(html.escape(", ".join(c.demo)) if c.demo else "not modelled")
        rows.append("<tr>" + "".join(f"<td style='text-align:left;vertical-align:top'>{x}</td>"
                                     for x in cells) + "</tr>")
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)


def claims_text(claims: list[Claim]) -> str:
    """A plain-text list of claims with their grades (the table's text form)."""
    return "\n".join(f"{c.grade_label:<26} {c.claim}" for c in claims)


def show_claims(claims: list[Claim], with_demo: bool = True) -> None:
    """Display claims as an HTML table whose plain-text form lists claim and grade."""
    from IPython.display import display

    display({"text/html": claims_html(claims, with_demo), "text/plain": claims_text(claims)},
            raw=True)
