"""The scorecard of notebook 08: every tested finding has a row, and every row passes."""

import re

import pytest

from ketamine_moa.scorecard import CHECKS, findings, scorecard


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
