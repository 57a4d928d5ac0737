"""The scorecard of notebook 08: every tested finding has a row, and every row passes."""

import re

import pytest

from ketamine_moa.scorecard import CHECKS, FINDINGS_CSV, FindingsFileError, findings, scorecard


def test_every_tested_finding_has_a_scorecard_row_and_back():
    tested = {fid for fid, row in findings().items() if row["test"].strip()}
    checked = [check.finding_id for check in CHECKS]
    assert len(checked) == len(set(checked)), "one headline check per finding"
    assert set(checked) == tested


def test_every_row_passes_and_cites_a_source():
    rows = scorecard()
    failed = [(r.finding_id, r.model_value, r.accepted) for r in rows if not r.passed]
    assert not failed, f"model outside the accepted range: {failed}"
    for row in rows:
        assert re.match(r"^(10\.\d{4,}/\S+|pmid:\d+)", row.doi), row.finding_id
        assert row.reference


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.finding_id)
def test_accepted_ranges_are_ordered(check):
    assert check.low < check.high


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("id,stage,", "stage,", 1), r"line 1: missing column\(s\) id"),
    (lambda t: t.replace("10.1124/pr.117.015198", "pr.117", 1), r"line 2, column 'doi': 'pr.117'"),
    (lambda t: t + t.splitlines(keepends=True)[1], r"column 'id': empty or duplicate id 'PK-01'"),
    (lambda t: t.replace("tests/test_pk.py::test_peak", "test_peak", 1), r"line 2, column 'test'"),
])
def test_broken_findings_file_names_file_line_column(tmp_path, edit, message):
    broken = tmp_path / "findings.csv"
    broken.write_text(edit(FINDINGS_CSV.read_text()))
    with pytest.raises(FindingsFileError, match=message) as error:
        findings(broken)
    assert str(broken) in str(error.value)
