"""Virtual cohorts: the mechanism turned into response and remission rates over time.

Each virtual patient ``i`` gets a baseline score ``b_i``, a plasticity responsiveness ``r_i``
(how strongly TrkB signalling drives potentiation and synaptic proteins; log-normal around
1), an expectancy response ``e_i`` and a natural-course improvement ``n_i`` (Beta distributed
fractions of the baseline; ``n_i`` at most ``natural_course_max_fraction``) and a slowly
wandering rating error. Their score is::

    score_i(t) = clip(b_i - (b_i / b_ref) Drug(t; r_i) - e_i x_arm b_i X(t) - n_i b_i Nat_i(t)
                      + noise_i(t), 0, 60)

    X(t)     = (1 - exp(-t' / tau_on)) exp(-t' / tau_off) exp(-max(0, t'' - hold) / tau_fade)
               t' = time since the first dose, t'' = time since the latest dose
    Nat_i(t) = 1 - exp(-t / tau_nat_i),  tau_nat_i = tau_nat exp(s_nat z_i)

``Drug(t; r)`` is the improvement ``simulate`` gives for the arm's doses with the drive to
potentiation and protein synthesis scaled by r (interpolated in log r between runs on a
grid), ``b_ref`` the baseline of the mechanism. ``x_arm`` is 1 when the arm has a
psychoactive experience (ketamine, or midazolam as an active placebo) and
``expectancy_inert_factor`` when it does not (saline, or a tablet: an SSRI or an inert one):
blinding and expectancy are why an active placebo shrinks ketamine's apparent effect
(Wilkinson et al. 2019, doi:10.1038/s41386-019-0317-8). ``noise`` is an Ornstein-Uhlenbeck
process (rating error and day-to-day change).

Expectancy lasts while treatment goes on. ``X`` holds for ``expectancy_hold_h`` after the
latest dose (daily tablets or weekly boosters never reach the fade) and then fades with
``expectancy_fade_tau_h``: once a series of infusions stops, its responders lose the
expectancy part of their gain as well as the mechanism's, which is what brings the median
relapse after six infusions to the 18 days of Murrough et al. 2013
(doi:10.1016/j.biopsych.2012.06.022). The natural course differs between patients in its
time as well as its size (``natural_course_tau_log_sd``: episodes end after a median of about
3 months, with a long tail; Spijker et al. 2002, doi:10.1192/bjp.181.3.208), so some
citalopram patients reach remission only after week 8, as a large share did in STAR*D
(Trivedi et al. 2006, doi:10.1176/appi.ajp.163.1.28).

Two placebos, one model. A saline drip shows almost no response at 24 h (1% in Wilkinson
2019) while an inert tablet shows 35-40% by week 8 (Furukawa et al. 2016,
doi:10.1016/S2215-0366(16)30307-8). Most of the tablet's response is natural course and
regression to the mean, which accrue over weeks (``Nat`` is a few percent of its final value
at 24 h). The trial populations differ too: the infusion trials enrolled treatment-resistant
patients ("trd"), whose placebo response is lower (23.5% pooled over TRD trials; JAMA Netw
Open 2021 4:e2127952, doi:10.1001/jamanetworkopen.2021.27952), while tablet trials of SSRIs
enrol major depression at large ("mdd"). So the mean of ``n_i`` depends on the population:
``natural_course_trd_mean_fraction`` or ``natural_course_mean_fraction``
(``trial_population`` picks it from the regimen; ``population=`` overrides it).

Response: score <= 50% of the patient's own baseline; remission: score <= 10 points. The
distributions' parameters are toy values calibrated against trial summaries (see
``src/ketamine_moa/data/parameters.csv``, stage ``cohort``); a virtual patient is not a
prediction for anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import dataclasses

import numpy as np

from . import pk
from .chain import (SSRI_HYPOTHESES, T_END_H_MAX, TRIGGERS, check_choice, check_doses,
                    check_interventions)
from .params import CohortParams, model_parameters
from .validation import check_number

CONTROLS = (None, "saline", "midazolam")
#: Trial populations: "trd" (treatment-resistant; the infusion trials) and "mdd" (major
#: depression at large; the tablet trials of SSRIs).
POPULATIONS = ("trd", "mdd")
N_PATIENTS_MAX = 100_000
#: Largest cohort (patients x output times) drawn at once: 10,000 patients over 8 weeks fit,
#: 100,000 do not (each array of scores is 8 bytes per entry, one per arm).
SCORES_SIZE_MAX = 30_000_000
RESPONSE_FRACTION = 0.5        # response: score <= 50% of own baseline
DAY_H = 24.0
WEEK_H = 7 * DAY_H
#: Relapse (``Cohort.relapse_days``): response lost at this many follow-up visits in a row.
RELAPSE_CONSECUTIVE_VISITS = 2
RELAPSE_CONSECUTIVE_MAX = 100
REMISSION_POINTS = 10.0        # remission: score <= 10 points (MADRS-like)
BASELINE_RANGE_POINTS = (20.0, 50.0)   # trial entry: moderate to severe depression
SCORE_MAX_POINTS = 60.0
GRID_STEP_H = 0.5              # cohort output grid
NOISE_STEP_H = 24.0            # the rating error is drawn once a day and interpolated
#: Plasticity responsiveness grid (log-spaced); patients outside it are clipped to its ends.
RESPONSIVENESS_GRID = np.geomspace(0.2, 5.0, 9)


@dataclass(frozen=True)
class Cohort:
    """Scores of ``n_patients`` virtual patients on ``t_h``; rates by the usual definitions.

    Usually made by ``virtual_cohort``; a sub-group is a ``Cohort`` of a slice of the rows
    (``Cohort(t_h=c.t_h, scores=c.scores[i:j], baselines=c.baselines[i:j], control=c.control,
    seed=c.seed)``). Fields (units and ranges):

    - ``t_h``: the times of the scores, hours from the first dose, increasing, from 0.
    - ``scores``: MADRS-like scores, points 0-60, one row per patient, shape
      ``(n_patients, len(t_h))``.
    - ``baselines``: each patient's score before treatment, points, shape ``(n_patients,)``.
    - ``control``: None (the drug arm), "saline" or "midazolam".
    - ``seed``: the integer seed the patients were drawn with (>= 0).
    - ``doses``: the arm's schedule (for a control arm, the doses it mimics); optional.
    - ``population``: "trd" or "mdd" (see ``trial_population``); optional.

    The rates take a time ``t_h`` in hours within ``[0, t_h[-1]]`` (a number or a list) and
    return fractions 0..1, not percentages.
    """

    t_h: np.ndarray
    scores: np.ndarray            # (n_patients, len(t_h)), points 0-60
    baselines: np.ndarray         # (n_patients,), points
    control: str | None
    seed: int
    doses: tuple[pk.Dose, ...] = ()   # the arm's schedule (a control arm: the doses it mimics)
    population: str | None = None     # "trd" or "mdd" (see ``trial_population``)
    trigger: str = "disinhibition"    # the hypotheses of the mechanism runs (``simulate``)
    ssri_hypothesis: str = "autoreceptor"

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
        """Share of patients with a score <= 50% of their own baseline at ``t_h``.

        ``t_h``: hours, a number or a list within the cohort's span ``[0, t_h[-1]]`` (else
        ValueError). Returns a fraction 0..1 (an array for a list of times).
        """
        rate = (self._scores_at(t_h) <= RESPONSE_FRACTION * self.baselines[:, None]).mean(axis=0)
        return float(rate[0]) if np.ndim(t_h) == 0 else rate

    def remission_rate(self, t_h: float | Sequence[float]) -> np.ndarray | float:
        """Share of patients with a score <= 10 points at ``t_h``.

        ``t_h``: hours within ``[0, t_h[-1]]``, a number or a list; returns a fraction 0..1.
        """
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

    def late_remitter_share(self, after_h: float, exit_h: float | None = None,
                            visit_every_h: float = WEEK_H) -> float:
        """Among the patients in remission at the exit visit, the share whose first visit in
        remission came at or after ``after_h`` (NaN: nobody remits at exit).

        Visits are every ``visit_every_h`` hours from the first (at ``visit_every_h``) to
        ``exit_h`` (default: the end of the cohort), with a last visit at ``exit_h``. This is
        how STAR*D counted its late
        remitters (Trivedi et al. 2006, doi:10.1176/appi.ajp.163.1.28: 40% of those in
        remission at exit first remitted at 8 weeks or later); the weekly visits are the toy's
        (STAR*D's visit schedule is not modelled).
        """
        end_h = float(self.t_h[-1])
        exit_h = end_h if exit_h is None else check_number("exit_h", exit_h, "h", 0.0, end_h,
                                                             low_open=True)
        visit_every_h = check_number("visit_every_h", visit_every_h, "h", 0.0, exit_h,
                                     low_open=True)
        after_h = check_number("after_h", after_h, "h", 0.0, exit_h)
        visits_h = visit_every_h * np.arange(1, int(np.floor(exit_h / visit_every_h + 1e-9)) + 1)
        if visits_h[-1] < exit_h - 1e-9:          # the exit visit, if off the weekly schedule
            visits_h = np.append(visits_h, exit_h)
        remitted = self._scores_at(visits_h) <= REMISSION_POINTS
        at_exit = remitted[:, -1]
        if not at_exit.any():
            return float("nan")
        first_h = visits_h[np.argmax(remitted[at_exit], axis=1)]
        return float(np.mean(first_h >= after_h - 1e-9))

    def relapse_days(self, last_dose_h: float | None = None, visit_every_h: float = DAY_H,
                     consecutive: int = RELAPSE_CONSECUTIVE_VISITS) -> np.ndarray:
        """Per patient, days from the last dose to relapse (NaN: not a responder; inf: censored).

        Follow-up visits are every ``visit_every_h`` hours after ``last_dose_h`` (default: the
        start of the cohort's last dose). Responders are the patients who meet the response
        criterion (score <= 50% of own baseline) at the first visit. A responder relapses at
        the first visit that begins ``consecutive`` visits in a row at which the score is above
        50% of baseline again (no longer a responder); the time is counted in days from
        ``last_dose_h``. Censoring: a responder with no such run of visits by the end of the
        cohort's follow-up gets ``inf`` (relapse after follow-up, or never); every virtual
        patient stays to the end, so that is the only censoring. This definition is the toy's
        (Murrough et al. 2013, doi:10.1016/j.biopsych.2012.06.022, followed responders for up
        to 83 days; their exact relapse criterion is not verified here).
        """
        last_dose_h = self._last_dose_h(last_dose_h)
        end_h = float(self.t_h[-1])
        visit_every_h = check_number("visit_every_h", visit_every_h, "h", 0.0,
                                     end_h, low_open=True)
        consecutive = pk.check_count("consecutive", consecutive, 1, RELAPSE_CONSECUTIVE_MAX)
        n_visits = int(np.floor((end_h - last_dose_h) / visit_every_h + 1e-9))
        if n_visits < 1 + consecutive:
            raise ValueError(f"follow-up too short: {end_h - last_dose_h:g} h after the last dose "
                             f"holds {n_visits} visit(s) every {visit_every_h:g} h; relapse needs "
                             f"at least {1 + consecutive} (one to find responders, {consecutive} "
                             "in a row for a relapse)")
        visits_h = last_dose_h + visit_every_h * np.arange(1, n_visits + 1)
        lost = self._scores_at(visits_h) > RESPONSE_FRACTION * self.baselines[:, None]
        responder = ~lost[:, 0]
        runs = np.ones((lost.shape[0], n_visits - consecutive + 1), dtype=bool)
        for k in range(consecutive):
            runs &= lost[:, k:n_visits - consecutive + 1 + k]
        runs[:, 0] = False                     # the first visit defines response
        days = np.where(runs.any(axis=1),
                        (visits_h[np.argmax(runs, axis=1)] - last_dose_h) / DAY_H, np.inf)
        return np.where(responder, days, np.nan)

    def median_relapse_days(self, last_dose_h: float | None = None,
                            visit_every_h: float = DAY_H,
                            consecutive: int = RELAPSE_CONSECUTIVE_VISITS) -> float:
        """Median days to relapse among responders (``relapse_days``), censoring included.

        With censoring only at the end of follow-up this is the Kaplan-Meier median: the
        ceil(n/2)-th shortest time of the n responders. It is ``inf`` when half or more of the
        responders are still responders at the end (the median lies beyond the follow-up), and
        NaN when there are no responders.
        """
        days = self.relapse_days(last_dose_h, visit_every_h, consecutive)
        days = np.sort(days[~np.isnan(days)])
        if days.size == 0:
            return float("nan")
        return float(days[(days.size + 1) // 2 - 1])

    def _last_dose_h(self, last_dose_h: float | None) -> float:
        if last_dose_h is None:
            if not self.doses:
                raise ValueError("last_dose_h: this cohort has no doses; give the time (h) of "
                                 "the last dose")
            last_dose_h = max(d.start_h for d in self.doses)
        return check_number("last_dose_h", last_dose_h, "h", 0.0, float(self.t_h[-1]))


def cohort_times_h(t_end_h: float) -> np.ndarray:
    """The cohort's time grid: every ``GRID_STEP_H`` hours from 0, and ``t_end_h``."""
    return np.append(np.arange(0.0, t_end_h, GRID_STEP_H), t_end_h)


def output_times_h(t_end_h: float, t_h: Sequence[float] | None = None) -> np.ndarray:
    """A cohort's output times: ``t_h`` (hours), which must be increasing times of
    ``cohort_times_h(t_end_h)``, or all of them (None).

    Every quantity of a patient at a time is computed from that time alone, so a cohort on
    some of the grid's times has exactly the scores of the whole cohort at those times (a
    live demo asks only for the times it draws)."""
    grid = cohort_times_h(t_end_h)
    if t_h is None:
        return grid
    times = np.asarray(t_h, dtype=float)
    if (times.ndim != 1 or times.size == 0 or not np.all(np.diff(times) > 0)
            or not np.all(np.isin(times, grid))):
        raise ValueError(f"t_h: output times must be increasing times (h) of the cohort's grid "
                         f"(every {GRID_STEP_H:g} h from 0, and t_end_h = {t_end_h:g} h)")
    return times


def drug_improvement_grid(doses: tuple[pk.Dose, ...], t_end_h: float,
                          interventions: tuple[tuple[str, float], ...] = (),
                          trigger: str = "disinhibition",
                          ssri_hypothesis: str = "autoreceptor",
                          rows: frozenset[int] | None = None,
                          t_h: np.ndarray | None = None) -> np.ndarray:
    """Mechanism improvement (points) on ``cohort_times_h(t_end_h)`` (or on the output times
    ``t_h``, some of them), one row per
    responsiveness in the grid; ``interventions`` as sorted (name, value) pairs, ``trigger``
    and ``ssri_hypothesis`` as for ``simulate``. ``rows``: only these row indices are run
    (the others are NaN); None: all.

    It does not depend on the seed; its runs are memoised in ``regimens`` (``run_doses``), so
    every cohort drawn for the same regimen, follow-up, interventions and hypotheses shares
    them.
    """
    from .regimens import run_doses  # regimens memoises cohorts, so it imports this module

    mp = model_parameters()
    base = mp.plasticity
    baseline = mp.symptoms.baseline_score_points
    t_h = output_times_h(t_end_h, t_h)
    grid = np.full((RESPONSIVENESS_GRID.size, t_h.size), np.nan)
    for i, r in enumerate(RESPONSIVENESS_GRID):
        if rows is not None and i not in rows:
            continue
        run = run_doses(list(doses), t_end_h, dict(interventions), trigger=trigger,
                        ssri_hypothesis=ssri_hypothesis, params={
            "protein_synthesis_rate_per_h": base.protein_synthesis_rate_per_h * r,
            "potentiation_rate_per_h": base.potentiation_rate_per_h * r})
        grid[i] = baseline - np.interp(t_h, run.t_h, run["symptom_score"])
    grid.setflags(write=False)
    return grid


def _grid_position(responsiveness: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each patient's lower grid row and the weight of the row above it (log r)."""
    position = np.interp(np.log(responsiveness), np.log(RESPONSIVENESS_GRID),
                         np.arange(RESPONSIVENESS_GRID.size))
    low = np.minimum(position.astype(int), RESPONSIVENESS_GRID.size - 2)
    return low, position - low


def _rows_used(responsiveness: np.ndarray) -> frozenset[int]:
    """The grid rows ``_interpolate_rows`` reads for these patients."""
    low, _ = _grid_position(responsiveness)
    return frozenset(np.union1d(low, low + 1).tolist())


def _interpolate_rows(grid_rows: np.ndarray, responsiveness: np.ndarray) -> np.ndarray:
    """Each patient's course, interpolated in log r between the grid's rows."""
    low, w = _grid_position(responsiveness)
    w = w[:, None]
    course = grid_rows[low]
    course *= 1 - w
    upper = grid_rows[low + 1]
    upper *= w
    course += upper
    return course


def _beta(rng: np.random.Generator, mean: float, concentration: float, n: int) -> np.ndarray:
    """Beta draws by mean and concentration; mean 0 (a declared minimum) is its limit, all 0."""
    if mean == 0.0:  # Beta(0, b) is undefined; as the mean falls to 0 all mass goes to 0
        return np.zeros(n)
    return rng.beta(mean * concentration, (1 - mean) * concentration, size=n)


@dataclass(frozen=True)
class _RatingNoise:
    """A stationary Ornstein-Uhlenbeck process (sd, correlation time tau), drawn daily
    (``values``, patients x knots) and interpolated linearly between the knots."""

    values: np.ndarray        # (patients, knots)
    knot_below: np.ndarray    # each output time's knot below it
    weight_above: np.ndarray  # each output time's weight of the knot above it

    def rows(self, block: slice) -> np.ndarray:
        """The noise of the patients in ``block`` on the output times."""
        values = self.values[block]
        noise = values[:, self.knot_below]
        noise *= 1 - self.weight_above
        upper = values[:, self.knot_below + 1]
        upper *= self.weight_above
        noise += upper
        return noise


def _rating_noise(rng: np.random.Generator, t_h: np.ndarray, n: int, sd: float,
                  tau_h: float) -> _RatingNoise:
    """The rating error of ``n`` patients on ``t_h``: an OU process drawn at daily knots.

    Knots are always drawn for the longest allowed span, so a seed gives the same patients
    whatever ``t_end_h`` is; the process is followed only up to the last knot ``t_h`` needs.
    """
    knots = np.arange(0.0, T_END_H_MAX + 2 * NOISE_STEP_H, NOISE_STEP_H)
    keep = np.exp(-NOISE_STEP_H / tau_h)
    draws = rng.standard_normal((n, knots.size))
    idx = np.minimum((t_h // NOISE_STEP_H).astype(int), knots.size - 2)
    used = int(idx.max()) + 2
    # One knot per row, so that each step of the recursion reads and writes contiguous memory.
    steps = np.ascontiguousarray(draws[:, :used].T)
    values = np.empty_like(steps)
    values[0] = sd * steps[0]
    scale = sd * np.sqrt(1 - keep**2)
    for k in range(1, used):
        values[k] = keep * values[k - 1] + scale * steps[k]
    return _RatingNoise(np.ascontiguousarray(values.T), idx, (t_h - knots[idx]) / NOISE_STEP_H)


COHORT_PARAMETERS = tuple(f.name for f in dataclasses.fields(CohortParams))


def check_cohort_params(params: Mapping[str, float] | None) -> dict[str, float]:
    """Cohort-stage overrides as given (validated by ``model_parameters``); other names raise."""
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise TypeError("params must be a dict of {name: value} cohort-parameter overrides, "
                        f"got {type(params).__name__}")
    for name in params:
        if name not in COHORT_PARAMETERS:
            raise ValueError(f"params: {name!r} is not a cohort parameter; allowed: "
                             + ", ".join(COHORT_PARAMETERS)
                             + " (the mechanism's parameters go to simulate)")
    return dict(params)


def trial_population(doses: Sequence[pk.Dose], control: str | None) -> str:
    """The population of the trials a regimen comes from: "trd" for ketamine infusions and
    their controls (or midazolam), "mdd" for tablets (an SSRI or an inert tablet) or nothing."""
    if control == "midazolam" or any(d.drug == "ketamine" for d in doses):
        return "trd"
    return "mdd"


def expectancy_course(t_h: np.ndarray, doses: Sequence[pk.Dose], c: CohortParams
                      ) -> np.ndarray:
    """The expectancy course X(t) (0-1) for an arm given ``doses`` (see the module docstring).

    It builds up after the first dose (``expectancy_onset_tau_h``), decays slowly
    (``expectancy_decay_tau_h``) and, once treatment stops, fades: it holds for
    ``expectancy_hold_h`` after the latest dose and then falls with
    ``expectancy_fade_tau_h``. Daily tablets that go on to the end of follow-up never reach
    the fade; after the last of a series of infusions it does. No doses: zero.
    """
    if not doses:
        return np.zeros_like(t_h)
    starts = np.sort([d.start_h for d in doses])
    since_first_h = np.clip(t_h - starts[0], 0.0, None)
    latest = starts[np.clip(np.searchsorted(starts, t_h, side="right") - 1, 0, None)]
    off_h = np.clip(t_h - latest - c.expectancy_hold_h, 0.0, None)
    return ((1 - np.exp(-since_first_h / c.expectancy_onset_tau_h))
            * np.exp(-since_first_h / c.expectancy_decay_tau_h)
            * np.exp(-off_h / c.expectancy_fade_tau_h))


def virtual_cohort(doses: Iterable[pk.Dose], n_patients: int = 1000, seed: int = 0,
                   t_end_h: float = 8 * 7 * 24.0, control: str | None = None,
                   interventions: dict | None = None,
                   params: Mapping[str, float] | None = None,
                   population: str | None = None, trigger: str = "disinhibition",
                   ssri_hypothesis: str = "autoreceptor",
                   t_h: Sequence[float] | None = None) -> Cohort:
    """Draw ``n_patients`` seeded virtual patients and give them ``doses`` (or a placebo).

    ``control``: None (the drug arm), "saline" (inert placebo) or "midazolam" (active
    placebo: expectancy plus a psychoactive experience); a control arm gets no drug, only the
    same schedule. ``n_patients``: an integer, 1 to ``N_PATIENTS_MAX`` (100 000); ``seed``:
    an integer 0 to 2**32 - 1; ``t_end_h``: the follow-up, hours after the first dose, in
    (0, ``T_END_H_MAX``] (24.0 for one day, ``14 * 24.0`` for two weeks). ``params``:
    overrides of the cohort-stage parameters (``{name: value}``,
    names from ``src/ketamine_moa/data/parameters.csv``, stage ``cohort``), for calibration
    (``benchmarks/calibrate_cohort.py``); the mechanism is not changed by them.
    ``interventions``, ``trigger`` and ``ssri_hypothesis`` go to every mechanism run of the
    drug arm, as for ``simulate`` (a control arm has no drug, so they do not change it). The
    same seed gives the same cohort. ``t_h``: the output times (hours), increasing times of
    the cohort's grid (every 0.5 h from 0, and ``t_end_h``); None (the default): all of
    them. The scores at those times are exactly those of the whole cohort (a live demo asks
    only for what it draws); rates between them interpolate between them. Bad input raises
    ValueError (TypeError for a wrong type) naming the argument, its unit and the allowed
    range.
    """
    return virtual_cohorts(doses, (control,), n_patients, seed, t_end_h, interventions, params,
                           population, trigger, ssri_hypothesis, t_h)[0]


def virtual_cohorts(doses: Iterable[pk.Dose], controls: Sequence[str | None] = (None,),
                    n_patients: int = 1000, seed: int = 0, t_end_h: float = 8 * 7 * 24.0,
                    interventions: dict | None = None,
                    params: Mapping[str, float] | None = None,
                    population: str | None = None, trigger: str = "disinhibition",
                    ssri_hypothesis: str = "autoreceptor",
                    t_h: Sequence[float] | None = None) -> tuple[Cohort, ...]:
    """The same seeded patients in several arms of a trial: one ``Cohort`` per entry of
    ``controls`` (None: the drug arm, "saline", "midazolam"), each exactly
    ``virtual_cohort(doses, control=that entry, ...)`` with the other arguments as given.

    Arms of the same trial population (``trial_population``) share one draw of the patients
    and of their natural course, drawn once (a drug arm and its control arm then cost little
    more than one).
    """
    doses = check_doses(doses)
    n = pk.check_count("n_patients", n_patients, 1, N_PATIENTS_MAX)
    seed = pk.check_count("seed", seed, 0, 2**32 - 1)
    t_end_h = check_number("t_end_h", t_end_h, "h", 0.0, T_END_H_MAX, low_open=True)
    check_choice("trigger", trigger, TRIGGERS)
    check_choice("ssri_hypothesis", ssri_hypothesis, SSRI_HYPOTHESES)
    for control in controls:
        if control is not None and not isinstance(control, str):
            raise TypeError("control must be None (the drug), 'saline' or 'midazolam'; got "
                            f"{type(control).__name__}")
        if control not in CONTROLS:
            raise ValueError(f"control: unknown arm {control!r}; allowed: None (the drug), "
                             "'saline' or 'midazolam'")
    interventions = check_interventions(interventions)
    size = n * cohort_times_h(t_end_h).size
    if size > SCORES_SIZE_MAX:
        raise ValueError(f"n_patients x output times = {n} x {size // n} = {size:,} scores is "
                         f"more than the limit of {SCORES_SIZE_MAX:,} (about "
                         f"{SCORES_SIZE_MAX * 8 / 2**20:.0f} MiB per arm); "
                         "simulate fewer patients or a shorter t_end_h")
    populations = [trial_population(doses, control) if population is None else population
                   for control in controls]
    for arm_population in populations:
        if arm_population not in POPULATIONS:
            raise ValueError(f"population: unknown trial population {arm_population!r}; "
                             "allowed: None (from the regimen), 'trd' or 'mdd'")
    mp = model_parameters(check_cohort_params(params))
    t_h = output_times_h(t_end_h, t_h)
    course = expectancy_course(t_h, doses, mp.cohort)
    arms = [None] * len(controls)
    for arm_population in dict.fromkeys(populations):
        drawn = _draw_patients(mp, seed, n, t_h, arm_population)
        members = [i for i, population in enumerate(populations) if population == arm_population]
        all_scores = _arms_scores(drawn, mp, t_h, t_end_h, doses,
                                  [controls[i] for i in members], course, interventions,
                                  trigger, ssri_hypothesis)
        for i, scores in zip(members, all_scores):
            arms[i] = Cohort(t_h=t_h, scores=scores, baselines=drawn.baselines,
                             control=controls[i], seed=seed, doses=tuple(doses),
                             population=arm_population, trigger=trigger,
                             ssri_hypothesis=ssri_hypothesis)
    return tuple(arms)


#: Scores are computed for a block of patients at a time, at most this many entries
#: (patients x times) per block: a block's intermediate arrays (a few MiB) reuse freed memory,
#: where whole-cohort arrays would each touch fresh pages, which costs about 2-3 ms per MiB on
#: the 2-core machines of the benchmarks (a 14-week cohort of 1000 patients made six arrays of
#: 36 MiB each). Every entry is computed by the same operations in the same order either way.
BLOCK_ENTRIES = 2**18


@dataclass(frozen=True)
class _Patients:
    """One seed's patients (``virtual_cohort``): their draws, per patient."""

    baselines: np.ndarray
    responsiveness: np.ndarray
    expectancy: np.ndarray
    noise: _RatingNoise
    natural: np.ndarray           # n_i, the natural course's size (fraction of baseline)
    natural_tau_h: np.ndarray     # tau_nat_i

    def natural_part(self, t_h: np.ndarray, block: slice) -> np.ndarray:
        """n_i (1 - exp(-t / tau_nat_i)) for the patients in ``block``, computed in place."""
        part = np.divide(-t_h, self.natural_tau_h[block, None])
        np.exp(part, out=part)
        np.subtract(1, part, out=part)
        part *= self.natural[block, None]
        return part


def _draw_patients(mp, seed: int, n: int, t_h: np.ndarray, population: str) -> _Patients:
    c = mp.cohort
    rng = np.random.default_rng(seed)
    baselines = np.clip(rng.normal(mp.symptoms.baseline_score_points,
                                   c.baseline_sd_points, n), *BASELINE_RANGE_POINTS)
    responsiveness = np.exp(rng.normal(c.responsiveness_log_mean, c.responsiveness_log_sd, n))
    expectancy = _beta(rng, c.expectancy_mean_fraction, c.beta_concentration, n)
    natural_mean = (c.natural_course_trd_mean_fraction if population == "trd"
                    else c.natural_course_mean_fraction)
    if natural_mean >= c.natural_course_max_fraction:
        raise ValueError(f"params: the natural course's mean ({natural_mean:g} fraction, "
                         f"population {population!r}) must be below natural_course_max_fraction "
                         f"({c.natural_course_max_fraction:g} fraction)")
    natural = c.natural_course_max_fraction * _beta(
        rng, natural_mean / c.natural_course_max_fraction, c.natural_course_concentration, n)
    noise = _rating_noise(rng, t_h, n, c.rating_noise_sd_points, c.rating_noise_tau_h)
    # Drawn last, so that the other draws of a seed do not depend on it.
    natural_tau_h = c.natural_course_tau_h * np.exp(
        c.natural_course_tau_log_sd * rng.standard_normal(n))
    return _Patients(baselines, responsiveness, expectancy, noise, natural, natural_tau_h)


def _arms_scores(drawn: _Patients, mp, t_h: np.ndarray, t_end_h: float,
                 doses: Sequence[pk.Dose], controls: Sequence[str | None], course: np.ndarray,
                 interventions: dict, trigger: str, ssri_hypothesis: str
                 ) -> list[np.ndarray]:
    """The scores of the drawn patients in each arm of ``controls`` (``virtual_cohort``),
    computed ``BLOCK_ENTRIES`` at a time; the noise and natural course of a block are shared
    by the arms."""
    c = mp.cohort
    baselines, responsiveness = drawn.baselines, drawn.responsiveness
    severity = (baselines / mp.symptoms.baseline_score_points)[:, None]
    arms = []
    for control in controls:
        grid = None
        if control is None and doses:
            # Only the rows these patients fall between are run (their runs are memoised).
            grid = drug_improvement_grid(tuple(doses), t_end_h,
                                         tuple(sorted(interventions.items())), trigger,
                                         ssri_hypothesis, _rows_used(responsiveness), t_h)
        psychoactive = control == "midazolam" or (
            control is None and any(d.drug == "ketamine" for d in doses))
        arm_factor = 1.0 if psychoactive else c.expectancy_inert_factor
        arms.append((grid, arm_factor, np.empty((baselines.size, t_h.size))))
    block_rows = max(1, BLOCK_ENTRIES // t_h.size)
    for first in range(0, baselines.size, block_rows):
        block = slice(first, first + block_rows)
        noise = drawn.noise.rows(block)
        natural_part = drawn.natural_part(t_h, block)
        for grid, arm_factor, all_scores in arms:
            # clip(b (1 - (x e X + n (1 - exp(-t / tau_nat)))) - drug + noise, 0, max)
            scores = all_scores[block]
            np.multiply(arm_factor * drawn.expectancy[block, None], course, out=scores)
            scores += natural_part
            np.subtract(1.0, scores, out=scores)
            scores *= baselines[block, None]
            if grid is not None:
                drug = _interpolate_rows(grid, responsiveness[block])
                drug *= severity[block]
                scores -= drug
            scores += noise
            np.clip(scores, 0.0, SCORE_MAX_POINTS, out=scores)
    return [all_scores for _, _, all_scores in arms]
