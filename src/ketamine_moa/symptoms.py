"""Read-outs: a MADRS-like depression score and the dissociation that follows the drug level.

The score (0-60 points, lower is better) starts at a treatment-resistant baseline and falls
by a fast component carried by functional synaptic potentiation (hours) and a slow one
carried by spine density above its pre-treatment baseline (days)::

    score(t) = clip(baseline - g_fast * potentiation(t) - g_slow * (spines(t) - 1), 0, 60)

New spines are not needed for the first hours' improvement but are for its maintenance
(Moda-Sava et al. 2019, doi:10.1126/science.aat8078). Clinically the improvement is clear
within hours, peaks at about day 1 and is lost by days 10-12 (Kishimoto et al. 2016,
doi:10.1017/S0033291716000064), long after the drug has gone (half-life ~3 h).

Dissociation, by contrast, tracks the plasma level directly (a Hill function), so it peaks at
the end of an infusion and is gone within hours::

    dissociation(t) = c(t)^n / (c(t)^n + EC50^n)

Systolic blood pressure also rises with the drug level during an infusion and settles after it
(a sympathomimetic effect; mean peak +16 mmHg at 40 min over 2342 infusions of 0.5 mg/kg in
a Yale chart review, Gen Hosp Psychiatry 2024, doi:10.1016/j.genhosppsych.2024.07.001)::

    delta_SBP(t) = SBP_max c(t)^m / (c(t)^m + EC50_bp^m)

Neither is a clinical prediction for a person: the score is a population-average toy.
"""

from __future__ import annotations

import numpy as np

from .params import SymptomParams
from .validation import check_concentration_uM, check_time_series

SCORE_MAX_POINTS = 60.0
#: Largest plasma ketamine accepted (uM): a physical limit, not a model one. Ketamine
#: hydrochloride dissolves 1 g in 5 mL of water (USP monograph), about 0.73 M (MW 274.2), so
#: no plasma level can reach 1 M. Both Hill functions are defined for any level >= 0; the
#: declared ranges give at most about 84 uM per 10 mg/kg bolus (central volume 0.5 L/kg), and
#: doses given together add up, so a fixed clinical cap would reject valid regimens.
PLASMA_UM_MAX = 1e6
PLASMA_LIMIT = ("a bound above the solubility of ketamine hydrochloride in water, about 0.73 M, "
                "which no plasma level can exceed")


def symptom_score(t_h: np.ndarray, potentiation: np.ndarray, spine_density_rel: np.ndarray,
                  params: SymptomParams) -> np.ndarray:
    """MADRS-like score (points, 0-60, lower is better) over ``t_h`` (hours).

    ``baseline - fast_gain * potentiation - slow_gain * (spine_density_rel - 1)``, clipped to
    the scale. ``potentiation`` >= 0 (0 = none); ``spine_density_rel`` > 0 (1 = baseline).
    """
    _, series = check_time_series(t_h, potentiation=potentiation,
                                  spine_density_rel=spine_density_rel)
    pot, spines = series["potentiation"], series["spine_density_rel"]
    if pot.min() < 0.0:
        raise ValueError(f"potentiation must be >= 0 (0 = none); got minimum {pot.min():g}")
    if spines.min() <= 0.0:
        raise ValueError("spine_density_rel must be > 0 (1 = pre-treatment baseline); got "
                         f"minimum {spines.min():g}")
    score = params.baseline_score_points - params.fast_gain_points * pot \
        - params.slow_gain_points * (spines - 1.0)
    return np.clip(score, 0.0, SCORE_MAX_POINTS)


def dissociation(ketamine_plasma_uM: np.ndarray, params: SymptomParams) -> np.ndarray:
    """Dissociation intensity 0..1 from plasma ketamine (uM): c^n / (c^n + EC50^n)."""
    conc = check_concentration_uM("ketamine_plasma_uM", ketamine_plasma_uM, PLASMA_UM_MAX,
                                  PLASMA_LIMIT)
    ratio = conc / params.dissociation_ec50_uM
    powered = ratio ** params.dissociation_hill_n
    return powered / (1.0 + powered)


def systolic_bp_change_mmHg(ketamine_plasma_uM: np.ndarray, params: SymptomParams) -> np.ndarray:
    """Rise in systolic blood pressure (mmHg) from plasma ketamine (uM): Emax c^m/(c^m + EC50^m)."""
    conc = check_concentration_uM("ketamine_plasma_uM", ketamine_plasma_uM, PLASMA_UM_MAX,
                                  PLASMA_LIMIT)
    powered = (conc / params.bp_ec50_uM) ** params.bp_hill_n
    return params.bp_rise_max_mmHg * powered / (1.0 + powered)
