"""The scorecard of notebook 08: every tested finding has a row, and every row passes.

The checks are rows of ``src/ketamine_moa/data/findings.csv`` (published value, accepted range,
regimen, time); ``test_finding`` runs one test per finding.
"""

import re
from pathlib import Path

import pytest

from ketamine_moa.scorecard import (CHECKS, FINDINGS_CSV, READOUTS, FindingsFileError, findings,
                                    scorecard)

SRC = Path(__file__).resolve().parents[1] / "src" / "ketamine_moa"
#: The first finding's published value, range and unit as the file spells them (line 2), for the
#: edits below: no published value or range is typed in this file.
_FIRST = next(iter(findings().values()))
RANGE_TEXT = ",".join(["", _FIRST["published_value"], _FIRST["low"], _FIRST["high"],
                       _FIRST["check_unit"]])


def _with_low(low: str) -> str:
    """``RANGE_TEXT`` with the accepted range's low end replaced by ``low``."""
    return ",".join(["", _FIRST["published_value"], low, _FIRST["high"], _FIRST["check_unit"]])


def test_every_tested_finding_has_a_scorecard_row_and_back():
    tested = {fid for fid, row in findings().items() if row["test"].strip()}
    checked = [check.finding_id for check in CHECKS]
    assert len(checked) == len(set(checked)), "one headline check per finding"
    assert set(checked) == tested


def test_every_row_passes_or_is_an_open_miss_and_cites_a_source():
    rows = scorecard()
    failed = [(r.finding_id, r.model_value, r.accepted) for r in rows
              if r.result == "FAIL"]
    assert not failed, f"model outside the accepted range: {failed}"
    fixed = [r.finding_id for r in rows if r.passed and r.open]
    assert not fixed, f"open misses that now pass (clear their 'open' column): {fixed}"
    for row in rows:
        assert re.match(r"^(10\.\d{4,}/\S+|pmid:\d+)", row.doi), row.finding_id
        assert row.reference


@pytest.mark.parametrize("check", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=f"open: {c.open}")) if c.open
    else c for c in CHECKS], ids=lambda c: c.finding_id)
def test_finding(check):
    """The model's headline value for the finding lies in the range the findings file accepts."""
    value = check.measure()
    assert check.low <= value <= check.high, (
        f"{check.finding_id}: {check.quantity} = {value:.4g} {check.unit}, accepted "
        f"{check.low:g} to {check.high:g} (published: {check.published})")


def test_published_values_lie_in_their_accepted_range():
    for check in CHECKS:
        if check.published_value == check.published_value:  # not NaN
            assert check.low <= check.published_value <= check.high, check.finding_id


def test_no_published_range_is_written_in_the_scorecard_code():
    code = (SRC / "scorecard.py").read_text()
    assert not re.search(r'Check\(\s*"[A-Z]+-\d+"', code), "checks belong in findings.csv"
    for check in CHECKS:
        assert f"{check.low:g}, {check.high:g}" not in code, check.finding_id


def test_every_readout_is_used():
    assert {check.readout for check in CHECKS} == set(READOUTS)


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("id,stage,", "stage,", 1), r"line 1: missing column\(s\) id"),
    (lambda t: t.replace("10.1124/pr.117.015198", "pr.117", 1), r"line 2, column 'doi': 'pr.117'"),
    (lambda t: t + t.splitlines(keepends=True)[1], r"column 'id': empty or duplicate id 'PK-01'"),
    (lambda t: t.replace("tests/test_pk.py::test_peak", "test_peak", 1), r"line 2, column 'test'"),
    (lambda t: t.replace(",peak,single,", ",tallest,single,", 1),
     r"line 2, column 'readout': unknown readout 'tallest'"),
    (lambda t: t.replace(",peak,single,", ",peak,daily,", 1),
     r"line 2, column 'regimen': unknown regimen 'daily'"),
    (lambda t: t.replace(RANGE_TEXT, _with_low(f"{1.05 * float(_FIRST['high']):g}"), 1),
     r"line 2, column 'high': the accepted range needs low < high"),
    (lambda t: t.replace(RANGE_TEXT, _with_low("low"), 1),
     r"line 2, column 'low': 'low' is not a number"),
    (lambda t: t.replace(",interneuron_nmda_loss=1,", ",interneuron_nmda_loss,", 1),
     r"column 'condition': 'interneuron_nmda_loss' is not name=value"),
])
def test_broken_findings_file_names_file_line_column(tmp_path, edit, message):
    broken = tmp_path / "findings.csv"
    broken.write_text(edit(FINDINGS_CSV.read_text()))
    with pytest.raises(FindingsFileError, match=message) as error:
        findings(broken)
    assert str(broken) in str(error.value)
