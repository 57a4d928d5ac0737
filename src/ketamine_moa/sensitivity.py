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
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .chain import PARAMETER_STAGES, simulate
from .params import model_parameters, parameter_table
from .pk import daily_citalopram, single_infusion

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


def _improvement_at(run, t_h: float, baseline: float) -> float:
    return float(baseline - np.interp(t_h, run.t_h, run["symptom_score"]))


@lru_cache(maxsize=512)
def _outcomes(overrides: tuple[tuple[str, float], ...]) -> tuple[float, float, float]:
    params = dict(overrides) or None
    baseline = model_parameters(params).symptoms.baseline_score_points
    ssri = simulate(daily_citalopram(20.0, n_days=7 * SSRI_WEEKS), t_end_h=SSRI_WEEKS * WEEK_H,
                    params=params)
    ketamine = simulate(single_infusion(), t_end_h=KETAMINE_T_H + 1.0, params=params)
    return (_improvement_at(ssri, SSRI_WEEKS * WEEK_H, baseline),
            _improvement_at(ketamine, KETAMINE_T_H, baseline),
            _improvement_at(ssri, SHARE_WEEKS[0] * WEEK_H, baseline)
            / _improvement_at(ssri, SHARE_WEEKS[1] * WEEK_H, baseline))


def headline_outcomes(params: dict[str, float] | None = None) -> dict[str, float]:
    """``{"ssri_week8": points, "ketamine_24h": points, "ssri_week1_share": fraction}`` with
    optional parameter overrides (the share: SSRI improvement at week 1 / at week 6)."""
    overrides = tuple(sorted((params or {}).items()))
    ssri, ketamine, share = _outcomes(overrides)
    return {"ssri_week8": ssri, "ketamine_24h": ketamine, "ssri_week1_share": share}


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
    down, up = headline_outcomes({name: low}), headline_outcomes({name: high})
    return SensitivityRow(
        name=name, stage=row.stage, unit=row.unit, default=row.value, low=low, high=high,
        ssri_low=down["ssri_week8"] / default["ssri_week8"],
        ssri_high=up["ssri_week8"] / default["ssri_week8"],
        ketamine_low=down["ketamine_24h"] / default["ketamine_24h"],
        ketamine_high=up["ketamine_24h"] / default["ketamine_24h"],
        ssri_share_low=down["ssri_week1_share"], ssri_share_high=up["ssri_week1_share"])


def sensitivity_table(names: list[str] | None = None,
                      step: float = STEP_FRACTION) -> list[SensitivityRow]:
    """One row per fitted parameter (or per name in ``names``), sorted by worst factor."""
    rows = [sensitivity_row(name, step) for name in (names or fitted_parameters())]
    return sorted(rows, key=lambda r: -r.worst_factor)
