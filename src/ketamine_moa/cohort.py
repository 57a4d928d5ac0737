"""Virtual cohorts: the mechanism turned into response and remission rates over time.

Each virtual patient ``i`` gets a baseline score ``b_i``, a plasticity responsiveness ``r_i``
(how strongly TrkB signalling drives potentiation and synaptic proteins; log-normal around
1), an expectancy response ``e_i`` and a natural-course improvement ``n_i`` (both Beta
distributed fractions of the baseline) and a slowly wandering rating error. Their score is::

    score_i(t) = clip(b_i - (b_i / b_ref) Drug(t; r_i) - e_i x_arm b_i X(t) - n_i b_i Nat(t)
                      + noise_i(t), 0, 60)

    X(t)   = (1 - exp(-t' / tau_on)) exp(-t' / tau_off),  t' = time since the first dose
    Nat(t) = 1 - exp(-t / tau_nat)

``Drug(t; r)`` is the improvement ``simulate`` gives for the arm's doses with the drive to
potentiation and protein synthesis scaled by r (interpolated in log r between runs on a
grid), ``b_ref`` the baseline of the mechanism. ``x_arm`` is 1 when the arm has a
psychoactive experience (ketamine, or midazolam as an active placebo) and
``expectancy_inert_factor`` when it does not (saline, or an SSRI tablet): blinding and
expectancy are why an active placebo shrinks ketamine's apparent effect (Wilkinson et al.
2019, doi:10.1038/s41386-019-0317-8). ``noise`` is an Ornstein-Uhlenbeck process (rating
error and day-to-day change).

Response: score <= 50% of the patient's own baseline; remission: score <= 10 points. The
distributions' parameters are toy values calibrated against trial summaries (see
``src/ketamine_moa/data/parameters.csv``, stage ``cohort``); a virtual patient is not a
prediction for anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

from . import pk
from .chain import T_END_H_MAX, check_doses, simulate
from .params import model_parameters
from .validation import check_number

CONTROLS = (None, "saline", "midazolam")
N_PATIENTS_MAX = 100_000
RESPONSE_FRACTION = 0.5        # response: score <= 50% of own baseline
REMISSION_POINTS = 10.0        # remission: score <= 10 points (MADRS-like)
BASELINE_RANGE_POINTS = (20.0, 50.0)   # trial entry: moderate to severe depression
SCORE_MAX_POINTS = 60.0
GRID_STEP_H = 0.5              # cohort output grid
NOISE_STEP_H = 24.0            # the rating error is drawn once a day and interpolated
#: Plasticity responsiveness grid (log-spaced); patients outside it are clipped to its ends.
RESPONSIVENESS_GRID = np.geomspace(0.2, 5.0, 9)


@dataclass(frozen=True)
class Cohort:
    """Scores of ``n_patients`` virtual patients on ``t_h``; rates by the usual definitions."""

    t_h: np.ndarray
    scores: np.ndarray            # (n_patients, len(t_h)), points 0-60
    baselines: np.ndarray         # (n_patients,), points
    control: str | None
    seed: int

    def __post_init__(self) -> None:
        # Cohorts are cached and shared (notebook 08, the scorecard): nobody may change them.
        for values in (self.t_h, self.scores, self.baselines):
            values.setflags(write=False)

    def _scores_at(self, t_h: float | Sequence[float]) -> np.ndarray:
        times = np.atleast_1d(np.asarray(t_h, dtype=float))
        if not np.all(np.isfinite(times)) or times.min() < 0 or times.max() > self.t_h[-1]:
            raise ValueError(f"t_h must lie in [0, {self.t_h[-1]:g}] h (the cohort's span)")
        idx = np.clip(np.searchsorted(self.t_h, times), 1, self.t_h.size - 1)
        left, right = self.t_h[idx - 1], self.t_h[idx]
        w = (times - left) / (right - left)
        return self.scores[:, idx - 1] * (1 - w) + self.scores[:, idx] * w

    def response_rate(self, t_h: float | Sequence[float]) -> np.ndarray | float:
        """Share of patients with a score <= 50% of their own baseline at ``t_h``."""
        rate = (self._scores_at(t_h) <= RESPONSE_FRACTION * self.baselines[:, None]).mean(axis=0)
        return float(rate[0]) if np.ndim(t_h) == 0 else rate

    def remission_rate(self, t_h: float | Sequence[float]) -> np.ndarray | float:
        """Share of patients with a score <= 10 points at ``t_h``."""
        rate = (self._scores_at(t_h) <= REMISSION_POINTS).mean(axis=0)
        return float(rate[0]) if np.ndim(t_h) == 0 else rate

    def first_response_h(self) -> np.ndarray:
        """Per patient, the first time (h) the score meets the response criterion (inf: never)."""
        return self._first_time_h(self.scores <= RESPONSE_FRACTION * self.baselines[:, None])

    def first_remission_h(self) -> np.ndarray:
        """Per patient, the first time (h) the score is <= 10 points (inf: never)."""
        return self._first_time_h(self.scores <= REMISSION_POINTS)

    def _first_time_h(self, meets: np.ndarray) -> np.ndarray:
        return np.where(meets.any(axis=1), self.t_h[np.argmax(meets, axis=1)], np.inf)


def cohort_times_h(t_end_h: float) -> np.ndarray:
    """The cohort's time grid: every ``GRID_STEP_H`` hours from 0, and ``t_end_h``."""
    return np.append(np.arange(0.0, t_end_h, GRID_STEP_H), t_end_h)


@lru_cache(maxsize=32)
def drug_improvement_grid(doses: tuple[pk.Dose, ...], t_end_h: float,
                          interventions: tuple[tuple[str, float], ...] = ()) -> np.ndarray:
    """Mechanism improvement (points) on ``cohort_times_h(t_end_h)``, one row per
    responsiveness in the grid; ``interventions`` as sorted (name, value) pairs.

    It does not depend on the seed, so it is computed once per regimen, follow-up and
    interventions and shared (read-only) by every cohort drawn for them.
    """
    mp = model_parameters()
    base = mp.plasticity
    baseline = mp.symptoms.baseline_score_points
    t_h = cohort_times_h(t_end_h)
    rows = []
    for r in RESPONSIVENESS_GRID:
        run = simulate(list(doses), t_end_h=t_end_h, interventions=dict(interventions), params={
            "protein_synthesis_rate_per_h": base.protein_synthesis_rate_per_h * r,
            "potentiation_rate_per_h": base.potentiation_rate_per_h * r})
        rows.append(baseline - np.interp(t_h, run.t_h, run["symptom_score"]))
    grid = np.array(rows)
    grid.setflags(write=False)
    return grid


def _interpolate_rows(grid_rows: np.ndarray, responsiveness: np.ndarray) -> np.ndarray:
    """Each patient's course, interpolated in log r between the grid's rows."""
    position = np.interp(np.log(responsiveness), np.log(RESPONSIVENESS_GRID),
                         np.arange(RESPONSIVENESS_GRID.size))
    low = np.minimum(position.astype(int), RESPONSIVENESS_GRID.size - 2)
    w = (position - low)[:, None]
    return grid_rows[low] * (1 - w) + grid_rows[low + 1] * w


def _beta(rng: np.random.Generator, mean: float, concentration: float, n: int) -> np.ndarray:
    return rng.beta(mean * concentration, (1 - mean) * concentration, size=n)


def _rating_noise(rng: np.random.Generator, t_h: np.ndarray, n: int, sd: float,
                  tau_h: float) -> np.ndarray:
    """A stationary Ornstein-Uhlenbeck process (sd, correlation time tau), drawn daily.

    Knots always cover the longest allowed span, so a seed gives the same patients whatever
    ``t_end_h`` is.
    """
    knots = np.arange(0.0, T_END_H_MAX + 2 * NOISE_STEP_H, NOISE_STEP_H)
    keep = np.exp(-NOISE_STEP_H / tau_h)
    draws = rng.standard_normal((n, knots.size))
    values = np.empty_like(draws)
    values[:, 0] = sd * draws[:, 0]
    for k in range(1, knots.size):
        values[:, k] = keep * values[:, k - 1] + sd * np.sqrt(1 - keep**2) * draws[:, k]
    idx = np.minimum((t_h // NOISE_STEP_H).astype(int), knots.size - 2)
    w = (t_h - knots[idx]) / NOISE_STEP_H
    return values[:, idx] * (1 - w) + values[:, idx + 1] * w


def virtual_cohort(doses: Iterable[pk.Dose], n_patients: int = 1000, seed: int = 0,
                   t_end_h: float = 8 * 7 * 24.0, control: str | None = None,
                   interventions: dict | None = None) -> Cohort:
    """Draw ``n_patients`` seeded virtual patients and give them ``doses`` (or a placebo).

    ``control``: None (the drug arm), "saline" (inert placebo) or "midazolam" (active
    placebo: expectancy plus a psychoactive experience); a control arm gets no drug, only the
    same schedule. The same seed gives the same cohort. Bad input raises ValueError (TypeError
    for a wrong type) naming the argument, its unit and the allowed range.
    """
    doses = check_doses(doses)
    n = pk.check_count("n_patients", n_patients, 1, N_PATIENTS_MAX)
    seed = pk.check_count("seed", seed, 0, 2**32 - 1)
    t_end_h = check_number("t_end_h", t_end_h, "h", 0.0, T_END_H_MAX, low_open=True)
    if control not in CONTROLS:
        raise ValueError(f"control: unknown arm {control!r}; allowed: None (the drug), "
                         "'saline' or 'midazolam'")
    mp = model_parameters()
    c = mp.cohort
    rng = np.random.default_rng(seed)
    t_h = cohort_times_h(t_end_h)

    baselines = np.clip(rng.normal(mp.symptoms.baseline_score_points,
                                   c.baseline_sd_points, n), *BASELINE_RANGE_POINTS)
    responsiveness = np.exp(rng.normal(c.responsiveness_log_mean, c.responsiveness_log_sd, n))
    expectancy = _beta(rng, c.expectancy_mean_fraction, c.beta_concentration, n)
    natural = _beta(rng, c.natural_course_mean_fraction, c.beta_concentration, n)
    noise = _rating_noise(rng, t_h, n, c.rating_noise_sd_points, c.rating_noise_tau_h)

    severity = (baselines / mp.symptoms.baseline_score_points)[:, None]
    if control is None and doses:
        grid = drug_improvement_grid(tuple(doses), t_end_h,
                                     tuple(sorted((interventions or {}).items())))
        drug = severity * _interpolate_rows(grid, responsiveness)
    else:
        drug = 0.0
    psychoactive = control == "midazolam" or (
        control is None and any(d.drug == "ketamine" for d in doses))
    arm_factor = 1.0 if psychoactive else c.expectancy_inert_factor
    if doses:
        since_first_h = np.clip(t_h - min(d.start_h for d in doses), 0.0, None)
        course = (1 - np.exp(-since_first_h / c.expectancy_onset_tau_h)) \
            * np.exp(-since_first_h / c.expectancy_decay_tau_h)
    else:
        course = np.zeros_like(t_h)
    nonspecific = arm_factor * expectancy[:, None] * course \
        + natural[:, None] * (1 - np.exp(-t_h / c.natural_course_tau_h))
    scores = baselines[:, None] * (1.0 - nonspecific) - drug + noise
    return Cohort(t_h=t_h, scores=np.clip(scores, 0.0, SCORE_MAX_POINTS), baselines=baselines,
                  control=control, seed=seed)
