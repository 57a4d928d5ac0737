"""The graded claims: every claim has a grade, sources and (where given) a real demo section;
broken copies of the file are rejected with a message naming file, line and column."""

import csv
import dataclasses
import re
import shutil

import pytest

from ketamine_moa.build import SOURCES_DIR
from ketamine_moa.claims import (CLAIMS_CSV, GRADE_WORDS, REQUIRED_COLUMNS, Claim,
                                 ClaimsFileError, claims_html, claims_text, read_claims)

GRADE = re.compile(r"^[A-D](/[A-D])?$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^pmid:\d+$")

#: The claims named in the issue for notebook 09 (mechanism, clinic, other indications).
ISSUE_CLAIMS = {
    "ion-influx": "influx",
    "glutamate-surge": "glutamate",
    "rewires-brain": "rewires",
    "bdnf-new-neurons": "new neurons",
    "anti-inflammatory": "anti-inflammatory",
    "no-dissociation-low-dose": "dissociation",
    "works-70-80": "70-80%",
    "six-infusions-standard": "six infusions",
    "differs-from-ssris": "SSRIs",
    "anxiety": "anxiety",
    "ptsd": "PTSD",
    "ocd": "obsessive-compulsive",
    "chronic-pain": "chronic pain",
    "suicidal-thoughts": "suicidal",
    "ssris-take-weeks": "4-6 weeks",
}


@pytest.fixture(scope="module")
def claims():
    return read_claims()


def test_every_claim_has_a_grade_and_a_well_formed_source(claims):
    assert len(claims) >= len(ISSUE_CLAIMS)
    for claim in claims:
        assert GRADE.match(claim.grade), f"{claim.id}: grade {claim.grade!r}"
        assert all(letter in GRADE_WORDS for letter in claim.letters)
        assert claim.dois, f"{claim.id}: no DOI or pmid"
        for identifier in claim.dois:
            assert DOI.match(identifier) or PMID.match(identifier), f"{claim.id}: {identifier!r}"
        assert claim.claim and claim.evidence and claim.references


def test_corrected_grades_and_evidence(claims):
    """Issue 15: grades and evidence corrected against the sources named in the claims."""
    by_id = {c.id: c for c in claims}
    rewires = by_id["rewires-brain"]
    assert rewires.grade == "C/D"
    assert "10.1038/s41380-022-01465-2" in rewires.dois          # SV2A PET, no change at 24 h
    assert "never been counted" not in rewires.evidence
    six = by_id["six-infusions-standard"]
    assert six.grade == "C" and "research convention" in six.evidence
    assert "51%" in six.evidence and "70%" in six.evidence        # SUSTAIN-1, Daly et al. 2019
    assert "roughly halved" not in six.evidence
    ssri = by_id["ssris-take-weeks"]
    assert ssri.grade == "C/D" and "10.1001/archpsyc.63.11.1217" in ssri.dois  # Taylor 2006
    assert "first week" in ssri.evidence and "a third" in ssri.evidence
    assert "within days while" not in by_id["differs-from-ssris"].evidence    # PET at 4 weeks


def test_ids_are_unique(claims):
    ids = [c.id for c in claims]
    assert len(ids) == len(set(ids))


def test_every_claim_in_the_issue_is_present(claims):
    by_id = {c.id: c for c in claims}
    for claim_id, words in ISSUE_CLAIMS.items():
        assert claim_id in by_id, f"missing claim {claim_id!r}"
        assert words.lower() in by_id[claim_id].claim.lower(), (claim_id, by_id[claim_id].claim)


def test_grades_read_as_letter_and_word(claims):
    labels = {c.grade_label for c in claims}
    assert "D (misleading)" in labels and "A (strong)" in labels
    pair = next(c for c in claims if "/" in c.grade)
    assert " or " in pair.grade_label
    html = claims_html(claims)
    assert "color" not in html.lower() and "colour" not in html.lower()
    for claim in claims:
        assert claim.grade_label in html
    assert claims_text(claims).count("\n") == len(claims) - 1


def test_demo_references_point_to_existing_notebook_sections(claims):
    sources = {path.stem[:2]: path for path in SOURCES_DIR.glob("[0-9][0-9]_*.py")}
    for claim in claims:
        for demo in claim.demo:
            number, _, section = demo.partition(" section ")
            assert number in sources, f"{claim.id}: no notebook {number}"
            assert f"# ## {section}. " in sources[number].read_text(), f"{claim.id}: {demo}"


def test_claims_are_frozen(claims):
    with pytest.raises(dataclasses.FrozenInstanceError):
        claims[0].grade = "A"
    assert isinstance(claims[0], Claim)


# --- broken copies --------------------------------------------------------------------------

def _rows():
    with CLAIMS_CSV.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _write(tmp_path, rows):
    target = tmp_path / "claims.csv"
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(rows)
    return target


def _set(rows, line, column, value):
    """Rows with ``column`` of file line ``line`` (1 = header) replaced by ``value``."""
    rows = [list(r) for r in rows]
    rows[line - 1][REQUIRED_COLUMNS.index(column)] = value
    return rows


def _drop_column(rows, column):
    index = rows[0].index(column)
    return [r[:index] + r[index + 1:] for r in rows]


@pytest.mark.parametrize("edit, pattern", [
    (lambda rows: _drop_column(rows, "grade"), r"line 1, column 'grade': missing column"),
    (lambda rows: _drop_column(rows, "dois"), r"line 1, column 'dois': missing column"),
    (lambda rows: _set(rows, 3, "grade", "E"), r"line 3, column 'grade': unknown grade 'E'"),
    (lambda rows: _set(rows, 4, "grade", "B+"), r"line 4, column 'grade': unknown grade 'B\+'"),
    (lambda rows: _set(rows, 5, "grade", "C/C"), r"line 5, column 'grade': unknown grade 'C/C'"),
    (lambda rows: _set(rows, 6, "dois", ""),
     r"line 6, column 'dois': claim '[a-z0-9-]+' has no DOI or pmid"),
    (lambda rows: _set(rows, 2, "dois", "doi:10.1/x"),
     r"line 2, column 'dois': 'doi:10.1/x' is neither a DOI"),
    (lambda rows: _set(rows, 7, "dois", "pmid:12ab"),
     r"line 7, column 'dois': 'pmid:12ab' is neither"),
    (lambda rows: _set(rows, 3, "id", rows[1][0]), r"line 3, column 'id': duplicate id"),
    (lambda rows: _set(rows, 4, "demo", "section 2 of 05"),
     r"line 4, column 'demo': 'section 2 of 05'"),
    (lambda rows: _set(rows, 5, "evidence", " "), r"line 5, column 'evidence': empty evidence"),
])
def test_broken_copies_are_rejected_with_file_line_and_column(tmp_path, edit, pattern):
    target = _write(tmp_path, edit(_rows()))
    with pytest.raises(ClaimsFileError, match=re.escape(str(target)) + ", " + pattern):
        read_claims(target)


def test_error_is_a_value_error_and_a_valid_copy_reads_back(tmp_path):
    assert issubclass(ClaimsFileError, ValueError)
    copy = tmp_path / "claims.csv"
    shutil.copy(CLAIMS_CSV, copy)
    assert read_claims(copy) == read_claims()
