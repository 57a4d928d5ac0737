"""The findings scorecard: each published finding the models are tested against, with the
model's value for one headline quantity, the published value, the range accepted and
pass/fail.

The checks are data: every row of ``src/ketamine_moa/data/findings.csv`` with a ``readout``
names the quantity, the regimen (``regimens.REGIMENS``), the output, the time ``t_h`` and
follow-up ``t_end_h`` (hours), a ``condition`` ("name=value; ..."; a cohort row may name its
``control`` and ``population``), the published value, the accepted range ``[low, high]`` and
its unit. ``READOUTS`` turns a row into the model's value;
no published value or range is written in code. ``scorecard()`` is used by notebook 08 and by
``tests/test_scorecard.py`` (one test per finding); the detailed tests named in a row's
``test`` column check more than the headline quantity.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from . import circuit, pk, receptors
from .chain import CONTRACT_INTERVENTIONS, Run
from .cohort import Cohort
from .params import DATA_DIR, model_parameters
from .readouts import (DAY_H, WEEK_H, day_mean, half_peak_time_h, peak, series,
                       time_to_half_peak_h, value_at)
from .regimens import REGIMENS, cohort, doses, run
from .tables import TableFileError, optional_number, read_table, where

FINDINGS_CSV = DATA_DIR / "findings.csv"
#: Hours per unit, for readouts that are times.
TIME_UNITS_H = {"min": 1 / 60, "h": 1.0, "days": DAY_H, "weeks": WEEK_H}
#: Condition keys that select a run (the rest are arguments of a readout).
RUN_KEYS = ("trigger", "ssri_hypothesis")


@dataclass(frozen=True)
class Check:
    """One headline quantity for a finding (a row of the findings file), accepted in
    [low, high]; ``measure()`` computes the model's value."""

    finding_id: str
    quantity: str
    readout: str
    regimen: str
    output: str
    t_h: float
    t_end_h: float
    condition: dict[str, str]
    published_value: float
    low: float
    high: float
    unit: str
    published: str            # the published value or description, as shown in the scorecard
    #: Why the model is known to miss this finding (empty if it should pass): an open miss is
    #: shown as "open" in the scorecard and its test is an expected failure until fixed.
    open: str = ""

    def number(self, key: str) -> float:
        return float(self.condition[key])

    def run(self, with_condition: bool = True, regimen: str | None = None) -> Run:
        """The row's regimen (or ``regimen``), with the row's condition, or the reference run
        without it (keeping any ``reference_<choice>`` of the condition)."""
        interventions, choices = {}, {}
        if with_condition:
            interventions = {k: float(v) for k, v in self.condition.items()
                             if k in CONTRACT_INTERVENTIONS}
            choices = {k: v for k, v in self.condition.items() if k in RUN_KEYS}
        else:  # the reference run: "reference_trigger=rest_block" keeps that choice
            choices = {k.removeprefix("reference_"): v for k, v in self.condition.items()
                       if k.removeprefix("reference_") in RUN_KEYS and k.startswith("reference_")}
        return run(regimen or self.regimen, self.t_end_h, interventions or None, **choices)

    def measure(self) -> float:
        value = READOUTS[self.readout](self)
        return value / TIME_UNITS_H[self.unit] if self.readout in TIME_READOUTS else value


@dataclass(frozen=True)
class Row:
    finding_id: str
    quantity: str
    model_value: float
    unit: str
    published: str
    accepted: str
    reference: str
    doi: str
    passed: bool
    open: str = ""            # why the model is known to miss the finding (see Check.open)

    @property
    def result(self) -> str:
        """"pass", "open" (a known miss, with its reason in ``open``) or "FAIL"."""
        return "pass" if self.passed else ("open" if self.open else "FAIL")


def _cohort(regimen: str, t_end_h: float, control: str | None,
            population: str | None = None) -> Cohort:
    return cohort(doses(regimen, t_end_h), n_patients=1000, seed=1, t_end_h=t_end_h,
                  control=control, population=population)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("inf")


def _gain_at(check: Check, with_condition: bool = True) -> float:
    return value_at(check.run(with_condition), check.output, check.t_h) - 1.0


def _clamped_surge(conc_uM: float) -> float:
    """Peak glutamate rise (fraction) with plasma held at ``conc_uM`` for 6 h."""
    t_h = np.arange(0.0, 6.0, 1 / 60)
    conc = np.where(t_h > 0, conc_uM, 0.0)
    mp = model_parameters()
    b_i = receptors.blocked_fraction(conc, mp.nmda.nmda_tonic_open_rate_interneuron_per_s, mp.nmda)
    b_e = receptors.blocked_fraction(conc, mp.nmda.nmda_tonic_open_rate_pyramidal_per_s, mp.nmda)
    return float(circuit.circuit_response(t_h, b_i, b_e, mp.circuit)["glutamate_rel"].max() - 1)


def _interneuron_lead_h(check: Check) -> float:
    """Time from half the interneuron fall to half the pyramidal rise."""
    bolus = check.run()
    fall = 1.0 - bolus["interneuron_rate_rel"]
    rise = bolus["pyramidal_rate_rel"] - 1.0
    return time_to_half_peak_h(bolus.t_h, rise) - time_to_half_peak_h(bolus.t_h, fall)


def _auc_ratio_to_iv(check: Check) -> float:
    t_h = np.linspace(0.0, 96.0, 96 * 60 + 1)
    params = model_parameters().pk_ketamine

    def auc(route: str) -> float:
        return pk.auc_uM_h(t_h, pk.ketamine_plasma_uM([pk.Dose("ketamine", route, mg_per_kg=0.5)],
                                                      t_h, params))
    return auc(check.condition["route"]) / auc("iv")


def _day_mean(check: Check, t_h: float, regimen: str | None = None) -> float:
    return day_mean(check.run(regimen=regimen), check.output, int(t_h // DAY_H))


def _half_fade_after_last_dose_h(check: Check) -> float:
    """Time from the start of the last dose until the series first falls below half its peak
    (after the day that follows that dose); inf if it never does within the run."""
    course = check.run()
    values = series(course, check.output)
    last_h = max(dose.start_h for dose in course.doses)
    after = course.t_h > last_h + DAY_H
    below = values[after] < values.max() / 2
    return float(course.t_h[after][np.argmax(below)] - last_h) if below.any() else math.inf


def _cohort_of(check: Check) -> Cohort:
    return _cohort(check.regimen, check.t_end_h, check.condition.get("control"),
                   check.condition.get("population"))


#: Readout name -> the model's value for a row. Times are in hours (converted to the row's
#: unit by ``Check.measure``).
READOUTS: dict[str, Callable[[Check], float]] = {
    "peak": lambda c: peak(c.run(), c.output)[0],
    "peak_rise": lambda c: peak(c.run(), c.output)[0] - 1.0,
    "peak_time": lambda c: peak(c.run(), c.output)[1],
    "value_at": lambda c: value_at(c.run(), c.output, c.t_h),
    "day_mean": lambda c: _day_mean(c, c.t_h),
    "day_mean_ratio": lambda c: _day_mean(c, c.t_h) / _day_mean(c, c.number("reference_t_h")),
    "day_mean_difference": lambda c: _day_mean(c, c.t_h)
    - _day_mean(c, c.t_h, regimen=c.condition["reference_regimen"]),
    "terminal_half_life": lambda c: pk.ketamine_terminal_half_life_h(
        model_parameters().pk_ketamine),
    "auc_ratio_to_iv": _auc_ratio_to_iv,
    "hill_block": lambda c: float(receptors.hill_block(
        [c.number("conc_uM")], model_parameters().nmda.ketamine_nmda_ic50_uM,
        model_parameters().nmda.ketamine_nmda_hill_n)[0]),
    "washout_block_left": lambda c: receptors.block_remaining_after_washout(
        c.number("conc_uM"), c.number("washout_s"), model_parameters().nmda,
        agonist_during_washout=0.0),
    "clamped_surge_ratio": lambda c: _clamped_surge(c.number("conc_uM"))
    / _clamped_surge(c.number("reference_conc_uM")),
    "interneuron_lead": _interneuron_lead_h,
    "peak_rise_ratio": lambda c: _ratio(peak(c.run(), c.output)[0] - 1.0,
                                        peak(c.run(False), c.output)[0] - 1.0),
    "gain_ratio": lambda c: _ratio(_gain_at(c), _gain_at(c, False)),
    "value_ratio": lambda c: _ratio(value_at(c.run(), c.output, c.t_h),
                                    value_at(c.run(False), c.output, c.t_h)),
    "gain_left_fraction": lambda c: _ratio(_gain_at(c), peak(c.run(), c.output)[0] - 1.0),
    "fraction_of_peak": lambda c: _ratio(value_at(c.run(), c.output, c.t_h),
                                         peak(c.run(), c.output)[0]),
    "value_at_ratio": lambda c: _ratio(value_at(c.run(), c.output, c.t_h),
                                        value_at(c.run(), c.output, c.number("reference_t_h"))),
    "half_fade_after_last_dose": _half_fade_after_last_dose_h,
    "half_peak_time": lambda c: half_peak_time_h(c.run(), c.output),
    "half_peak_time_ratio": lambda c: _ratio(half_peak_time_h(c.run(), c.output),
                                             half_peak_time_h(c.run(False), c.output)),
    "response_rate": lambda c: _cohort_of(c).response_rate(c.t_h),
    "remission_rate": lambda c: _cohort_of(c).remission_rate(c.t_h),
    "median_relapse": lambda c: _cohort_of(c).median_relapse_days(c.t_h) * DAY_H,
    "late_remitter_share": lambda c: _cohort_of(c).late_remitter_share(c.t_h),
}
TIME_READOUTS = ("peak_time", "terminal_half_life", "interneuron_lead", "half_peak_time",
                 "half_fade_after_last_dose", "median_relapse")


FINDINGS_COLUMNS = ("id", "stage", "finding", "value", "unit", "species", "reference", "doi",
                    "test")
#: Columns of a finding the model is checked against (empty for one that is not).
CHECK_COLUMNS = ("quantity", "readout", "regimen", "output", "t_h", "t_end_h", "condition",
                 "published", "published_value", "low", "high", "check_unit", "open")
DOI_OR_PMID = re.compile(r"^(10\.\d{4,}/\S+|pmid:\d+)$")
TEST_NODE = re.compile(r"^tests/[\w/]+\.py::\w+$")


class FindingsFileError(TableFileError):
    """A malformed findings file; the message names the file, line and column."""


def findings(path: Path | str = FINDINGS_CSV) -> dict[str, dict[str, str]]:
    """The validated rows of ``src/ketamine_moa/data/findings.csv`` by id.

    Raises FindingsFileError naming the file, line and column of a malformed CSV file (see
    ``tables.read_table``), a missing column, an empty or duplicate id, a DOI that is neither
    ``10.xxxx/...`` nor ``pmid:N``, a malformed test, or a malformed check (an unknown
    readout, regimen or unit, a number that does not parse, low >= high, a tested finding
    with no readout).
    """
    path = Path(path)
    rows: dict[str, dict[str, str]] = {}
    for line, row in read_table(path, FINDINGS_COLUMNS + CHECK_COLUMNS, FindingsFileError):
        finding_id = row["id"].strip()
        if not finding_id or finding_id in rows:
            raise FindingsFileError(f"{where(path, line, 'id')}: empty or duplicate id "
                                    f"{finding_id!r}")
        for doi in row["doi"].split("; "):
            if not DOI_OR_PMID.match(doi):
                raise FindingsFileError(f"{where(path, line, 'doi')}: {doi!r} is not a DOI "
                                        "(10.xxxx/...) or pmid:N")
        for test in filter(None, row["test"].split("; ")):
            if not TEST_NODE.match(test):
                raise FindingsFileError(f"{where(path, line, 'test')}: {test!r} is not "
                                        "tests/<file>.py::<test name>")
        if row["test"].strip() and not row["readout"].strip():
            raise FindingsFileError(f"{where(path, line, 'readout')}: a tested finding needs a "
                                    "readout (one of " + ", ".join(READOUTS) + ")")
        if row["readout"].strip():
            _check_from_row(row, lambda column: where(path, line, column))
        rows[finding_id] = row
    return rows


def _number(text: str, column: str, place: Callable[[str], str], default: float = math.nan
            ) -> float:
    return optional_number(text, place(column), FindingsFileError, default)


def _check_from_row(row: dict[str, str], place: Callable[[str], str]) -> Check:
    """The check a findings row describes; FindingsFileError names the bad column."""
    readout = row["readout"].strip()
    if readout not in READOUTS:
        raise FindingsFileError(f"{place('readout')}: unknown readout {readout!r}; known: "
                                + ", ".join(READOUTS))
    regimen = row["regimen"].strip()
    if regimen and regimen not in REGIMENS:
        raise FindingsFileError(f"{place('regimen')}: unknown regimen {regimen!r}; known: "
                                + ", ".join(REGIMENS))
    unit = row["check_unit"].strip()
    if readout in TIME_READOUTS and unit not in TIME_UNITS_H:
        raise FindingsFileError(f"{place('check_unit')}: a time needs one of "
                                + ", ".join(TIME_UNITS_H) + f"; got {unit!r}")
    condition = {}
    for item in filter(None, (part.strip() for part in row["condition"].split(";"))):
        key, sep, value = item.partition("=")
        if not sep:
            raise FindingsFileError(f"{place('condition')}: {item!r} is not name=value")
        condition[key.strip()] = value.strip()
    low = _number(row["low"], "low", place)
    high = _number(row["high"], "high", place)
    if not low < high:
        raise FindingsFileError(f"{place('high')}: the accepted range needs low < high; got "
                                f"[{row['low']}, {row['high']}]")
    return Check(row["id"].strip(), row["quantity"].strip(), readout, regimen,
                 row["output"].strip(), _number(row["t_h"], "t_h", place),
                 _number(row["t_end_h"], "t_end_h", place, 14 * DAY_H), condition,
                 _number(row["published_value"], "published_value", place), low, high, unit,
                 row["published"].strip(), row["open"].strip())


def checks(path: Path | str = FINDINGS_CSV) -> tuple[Check, ...]:
    """The check of every finding with a readout, in file order."""
    place = str  # rows were validated by findings(); a message is never needed here
    return tuple(_check_from_row(row, place) for row in findings(path).values()
                 if row["readout"].strip())


CHECKS = checks()
#: The check of each finding by its id ("PK-01"), for tests and benchmarks that need one.
CHECK_BY_ID = {check.finding_id: check for check in CHECKS}


def scorecard() -> list[Row]:
    """Every check, measured now, with its source from ``src/ketamine_moa/data/findings.csv``."""
    table = findings()
    rows = []
    for check in CHECKS:
        value = float(check.measure())
        source = table[check.finding_id]
        rows.append(Row(check.finding_id, check.quantity, value, check.unit, check.published,
                        f"{check.low:g} to {check.high:g}", source["reference"], source["doi"],
                        bool(check.low <= value <= check.high), check.open))
    return rows
