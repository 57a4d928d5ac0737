"""One-at-a-time sensitivity of the two headline outcomes to the fitted parameters.

The two headline outcomes of the mechanism (``simulate``, one average patient) are

* the improvement (points) after 8 weeks of citalopram 20 mg once a day, and
* the improvement (points) 24 h after the start of one ketamine infusion (0.5 mg/kg IV over
  40 min).

``sensitivity_table()`` moves each fitted parameter of the mechanism by -20% and +20% (kept
inside its declared range in ``data/parameters.csv``), one at a time, and reports each outcome
relative to its default. A toy whose outcome hinges on a threshold shows ratios far from 1
(a factor of 5 for a 20% change was possible before issue 15); the collection requires every
ratio to stay within a factor of 2 (``FACTOR_BOUND``, tested in ``tests/test_sensitivity.py``).

Beside the two outcomes each row also gives the *shape* of the SSRI course: the improvement at
week 1 as a share of week 6 (finding SSRI-05, Taylor et al. 2006: about a third), with the
parameter moved down and up, so the table shows whether the early benefit hinges on one value.

"Fitted" means every parameter of the mechanism's stages whose declared range is not a single
value, except the read-outs that do not feed the score (dissociation and blood pressure).
The virtual-cohort parameters are not part of the mechanism.

The runs are the memoised named regimens of ``ketamine_moa.regimens`` ("ssri" and "single"),
so the table shares them with every other caller. Runs that cannot change a number are not
made: an outcome whose regimen gives no dose of a drug does not depend on the parameters of
that drug's own branch (``drug_branch_stages``: its kinetics and the stages driven only by its
plasma level, which stay at rest without it), and a move clipped to the default is the default
run. Such a ratio is exactly 1, as the full computation gives (``tests/test_sensitivity.py``
checks both).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .chain import PARAMETER_STAGES, PK, STAGES
from .params import model_parameters, parameter_table
from .regimens import doses, run

DAY_H = 24.0
WEEK_H = 7 * DAY_H
STEP_FRACTION = 0.2
FACTOR_BOUND = 2.0
#: The parameter stages the mechanism's stages declare (``chain.STAGES``).
MECHANISM_STAGES = PARAMETER_STAGES
#: Read-outs computed beside the score but not feeding it.
NOT_IN_SCORE = ("dissociation_ec50_uM", "dissociation_hill_n", "bp_rise_max_mmHg", "bp_ec50_uM",
                "bp_hill_n")
SSRI_WEEKS = 8
KETAMINE_T_H = DAY_H
#: The SSRI course's shape: improvement at week 1 as a share of week 6 (SSRI-05).
SHARE_WEEKS = (1, 6)
#: Outcome -> (named regimen of ``regimens``, follow-up of its run in h, time(s) read in h:
#: one time gives the improvement there, a pair the improvement at the first / at the second).
OUTCOMES = {"ssri_week8": ("ssri", SSRI_WEEKS * WEEK_H, SSRI_WEEKS * WEEK_H),
            "ketamine_24h": ("single", KETAMINE_T_H + 1.0, KETAMINE_T_H),
            "ssri_week1_share": ("ssri", SSRI_WEEKS * WEEK_H,
                                 (SHARE_WEEKS[0] * WEEK_H, SHARE_WEEKS[1] * WEEK_H))}
#: Outcomes reported relative to their default (the share is reported as it is).
RATIO_OUTCOMES = ("ssri_week8", "ketamine_24h")
#: Drug -> (the parameter stage of its kinetics, the plasma output of ``chain.PK`` it drives).
DRUG_INPUTS = {"ketamine": ("pk_ketamine", "ketamine_plasma_uM"),
               "citalopram": ("pk_citalopram", "ssri_plasma_uM")}


@dataclass(frozen=True)
class SensitivityRow:
    """Outcome ratios (changed / default) for one parameter moved down and up."""

    name: str
    stage: str
    unit: str
    default: float
    low: float                  # the value used for "-20%" (clipped to the declared range)
    high: float                 # the value used for "+20%"
    ssri_low: float             # SSRI week-8 improvement at ``low`` / at the default
    ssri_high: float
    ketamine_low: float         # ketamine 24 h improvement at ``low`` / at the default
    ketamine_high: float
    ssri_share_low: float       # SSRI week-1 / week-6 improvement at ``low`` (a share, not a ratio)
    ssri_share_high: float

    @property
    def worst_factor(self) -> float:
        """The largest factor by which either outcome moved (>= 1)."""
        ratios = np.array([self.ssri_low, self.ssri_high, self.ketamine_low, self.ketamine_high])
        if np.any(ratios <= 0):
            return float("inf")
        return float(np.max(np.maximum(ratios, 1 / ratios)))


def fitted_parameters() -> list[str]:
    """Names of the mechanism's parameters that can move (declared min < max), in file order."""
    return [row.name for row in parameter_table().values()
            if row.stage in MECHANISM_STAGES and row.min < row.max
            and row.name not in NOT_IN_SCORE]


@lru_cache(maxsize=None)
def drug_branch_stages(drug: str) -> frozenset[str]:
    """The parameter stages only ``drug``'s branch of the chain reads (``chain.STAGES``).

    The branch is the drug's kinetics (``DRUG_INPUTS``) and every stage all of whose inputs
    come from its plasma level or from stages of the branch ("ketamine": the NMDA block and the
    circuit; "citalopram": the monoamine stage); a parameter stage that a stage outside the
    branch also reads is left out. Without a dose of the drug its plasma level is 0 and the
    branch stays at rest, so a run without the drug reads none of these parameters.
    """
    pk_stage, plasma = DRUG_INPUTS[drug]
    driven, branch, outside = {plasma}, {pk_stage}, set()
    for stage in STAGES:
        if stage is PK:
            continue
        if stage.inputs and all(name in driven for name in stage.inputs):
            driven.update(stage.outputs)
            branch.update(stage.params)
        else:
            outside.update(stage.params)
    return frozenset(branch - outside)


@lru_cache(maxsize=None)
def inert_stages(outcome: str) -> frozenset[str]:
    """Parameter stages that cannot change ``outcome``: the branches of the drugs its regimen
    does not give (``drug_branch_stages``)."""
    regimen, t_end_h, _ = OUTCOMES[outcome]
    given = {dose.drug for dose in doses(regimen, t_end_h)}
    return frozenset().union(*(drug_branch_stages(drug) for drug in DRUG_INPUTS
                               if drug not in given))


def outcome_value(outcome: str, params: dict[str, float] | None = None) -> float:
    """One outcome from the memoised run of its regimen (``regimens.run``): the improvement
    (points) at its time, or for a pair of times the improvement at the first / the second."""
    regimen, t_end_h, read_h = OUTCOMES[outcome]
    result = run(regimen, t_end_h, params=params or None)
    baseline = model_parameters(params or None).symptoms.baseline_score_points
    improvement = baseline - np.interp(np.atleast_1d(read_h), result.t_h, result["symptom_score"])
    return float(improvement[0] / improvement[1] if improvement.size == 2 else improvement[0])


def headline_outcomes(params: dict[str, float] | None = None) -> dict[str, float]:
    """``{"ssri_week8": points, "ketamine_24h": points, "ssri_week1_share": fraction}`` with
    optional parameter overrides (the share: SSRI improvement at week 1 / at week 6)."""
    return {outcome: outcome_value(outcome, params) for outcome in OUTCOMES}


def _moved(name: str, factor: float) -> float:
    row = parameter_table()[name]
    return float(np.clip(row.value * factor, row.min, row.max))


def sensitivity_row(name: str, step: float = STEP_FRACTION) -> SensitivityRow:
    """Both outcomes with ``name`` moved by -step and +step (fractions), relative to default."""
    table = parameter_table()
    if name not in table:
        raise ValueError(f"name: unknown parameter {name!r}; known parameters are the 'name' "
                         "column of src/ketamine_moa/data/parameters.csv")
    if not (isinstance(step, (int, float)) and 0.0 < step < 1.0):
        raise ValueError(f"step = {step!r} (fraction) is outside the allowed range (0, 1)")
    default = headline_outcomes()
    row = table[name]
    low, high = _moved(name, 1.0 - step), _moved(name, 1.0 + step)
    moved = {}  # (outcome, side) -> ratio to the default, or the share itself
    for outcome in OUTCOMES:
        scale = default[outcome] if outcome in RATIO_OUTCOMES else 1.0
        for side, value in (("low", low), ("high", high)):
            if value == row.value or row.stage in inert_stages(outcome):
                moved[outcome, side] = default[outcome] / scale  # the default run: not made
            else:
                moved[outcome, side] = outcome_value(outcome, {name: value}) / scale
    return SensitivityRow(
        name=name, stage=row.stage, unit=row.unit, default=row.value, low=low, high=high,
        ssri_low=moved["ssri_week8", "low"], ssri_high=moved["ssri_week8", "high"],
        ketamine_low=moved["ketamine_24h", "low"], ketamine_high=moved["ketamine_24h", "high"],
        ssri_share_low=moved["ssri_week1_share", "low"],
        ssri_share_high=moved["ssri_week1_share", "high"])


def sensitivity_table(names: list[str] | None = None,
                      step: float = STEP_FRACTION) -> list[SensitivityRow]:
    """One row per fitted parameter (or per name in ``names``), sorted by worst factor."""
    rows = [sensitivity_row(name, step) for name in (names or fitted_parameters())]
    return sorted(rows, key=lambda r: -r.worst_factor)
