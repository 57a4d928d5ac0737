"""Calibration of the virtual cohort (``ketamine_moa.cohort``) against published trial numbers.

Prints one line per cohort target: the model's value (seed 1, 1000 patients, the tests'
designs), the accepted range (the finding's check, the one the tests and the scorecard use),
the published value and the finding in ``src/ketamine_moa/data/findings.csv``. Re-run it after
any change to the mechanism (``monoamine.py``, ``plasticity.py``, ``symptoms.py``) to see which
cohort targets moved::

    .venv/bin/python benchmarks/calibrate_cohort.py                 # current parameters
    .venv/bin/python benchmarks/calibrate_cohort.py --set natural_course_tau_h=900
    .venv/bin/python benchmarks/calibrate_cohort.py --fit           # suggest new values

``--fit`` searches the free cohort parameters (Nelder-Mead from the current values, inside
each parameter's declared range) for values that put every calibrated target inside its fit
range (``Target.fit_range``: the finding's accepted range narrowed halfway towards its
published value), then prints the suggested values and their target lines. It writes nothing:
copy the values into ``parameters.csv`` by hand, update the notes there, and re-run the listed
tests. It takes a few minutes (each evaluation draws all arms; the mechanism runs are cached).

Every target is calibrated unless marked ``calibrated=False``, including the median relapse
after a six-infusion series (Murrough et al. 2013: the expectancy response holds while
treatment goes on and fades once it stops, ``expectancy_hold_h`` and ``expectancy_fade_tau_h``)
and the share of late citalopram remitters (Trivedi et al. 2006: remission still rising after
week 8, which the patient-to-patient spread of the natural course, ``natural_course_tau_log_sd``,
carries). Targets without a finding (published "(shape)") bound the shape of a time course.
``--sensitivity`` prints each
target with every fitted parameter moved by -20% and +20% (inside its declared range).
Education only: the regimens are the cited studies' designs, not recommendations.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np

from ketamine_moa import daily_citalopram, infusion_series, single_infusion, virtual_cohort
from ketamine_moa.params import parameter_table
from ketamine_moa.scorecard import CHECK_BY_ID as FINDING

DAY_H = 24.0
WEEK_H = 7 * DAY_H
SEED = 1
N_PATIENTS = 1000
#: Murrough 2013 followed responders for up to 83 days after the last infusion.
RELAPSE_FOLLOW_UP_DAYS = 83
SERIES_LAST_DOSE_H = max(d.start_h for d in infusion_series())

#: Parameters ``--fit`` may move, with the search box (inside each declared range).
FREE = {
    "responsiveness_log_mean": (-1.0, 0.3),
    "responsiveness_log_sd": (0.2, 1.2),
    "expectancy_mean_fraction": (0.1, 0.5),
    "expectancy_inert_factor": (0.1, 0.9),
    "beta_concentration": (0.8, 10.0),
    "natural_course_mean_fraction": (0.1, 0.6),
    "natural_course_trd_mean_fraction": (0.0, 0.4),
    "natural_course_concentration": (0.5, 5.0),
    "natural_course_tau_h": (300.0, 3000.0),
    "natural_course_tau_log_sd": (0.0, 2.0),
    "expectancy_hold_h": (24.0, 336.0),
    "expectancy_fade_tau_h": (48.0, 2000.0),
}


#: Each finding's check in ``src/ketamine_moa/data/findings.csv`` (published value, accepted
#: range): no published value or range is typed in this script.


@dataclass(frozen=True)
class Target:
    """One calibration target: the check of a finding (its accepted range is the tests' and
    the scorecard's), or, when ``finding`` is None, a bound on the shape of a time course
    (``shape``: the script's own bound, not a published value)."""

    key: str
    quantity: str
    finding: str | None
    measure: Callable[["Arms"], float]
    calibrated: bool = True           # False: a check of shape, reported but not fitted
    shape: tuple[float, float] | None = None

    @property
    def low(self) -> float:
        return FINDING[self.finding].low if self.finding else self.shape[0]

    @property
    def high(self) -> float:
        return FINDING[self.finding].high if self.finding else self.shape[1]

    @property
    def published(self) -> str:
        return FINDING[self.finding].published if self.finding else "(shape)"

    def fit_range(self) -> tuple[float, float]:
        """``--fit`` aims at the accepted range narrowed halfway towards the published value
        (the whole range for a shape bound or a finding without one number)."""
        centre = FINDING[self.finding].published_value if self.finding else math.nan
        if not math.isfinite(centre):
            return self.low, self.high
        return centre - (centre - self.low) / 2, centre + (self.high - centre) / 2


class Arms:
    """The tests' arms for one set of cohort-parameter overrides (drawn lazily, cached)."""

    def __init__(self, params: dict[str, float], seed: int = SEED, n: int = N_PATIENTS):
        self.params, self.seed, self.n = dict(params), seed, n
        self._cache: dict = {}

    def __call__(self, regimen: str, control: str | None = None, population: str | None = None):
        key = (regimen, control, population)
        if key not in self._cache:
            doses, t_end_h = _design(regimen)
            self._cache[key] = virtual_cohort(doses, n_patients=self.n, seed=self.seed,
                                              t_end_h=t_end_h, control=control,
                                              params=self.params, population=population)
        return self._cache[key]


@lru_cache(maxsize=None)
def _design(regimen: str):
    if regimen == "single":
        return single_infusion(), 2 * WEEK_H
    if regimen == "series":      # six infusions, then Murrough's 83-day follow-up
        return infusion_series(), SERIES_LAST_DOSE_H + RELAPSE_FOLLOW_UP_DAYS * DAY_H
    return daily_citalopram(20.0, n_days=14 * 7), 14 * WEEK_H


def _late_remitters(arms: Arms) -> float:
    """Of those in remission at the week-14 exit visit, the share first in remission at a
    weekly visit in week 8 or later (``Cohort.late_remitter_share``)."""
    return arms("ssri").late_remitter_share(8 * WEEK_H)


def _ssri_week1_share(arms: Arms) -> float:
    """Citalopram minus inert tablet, mean improvement at week 1 / at week 6 (SSRI-05)."""
    drug, tablet = arms("ssri"), arms("ssri", "saline")

    def gap(t_h: float) -> float:
        return float(np.mean(tablet._scores_at(t_h)) - np.mean(drug._scores_at(t_h)))
    return gap(WEEK_H) / gap(6 * WEEK_H)


def _median_first_response_h(cohort) -> float:
    first = cohort.first_response_h()
    return float(np.median(first[np.isfinite(first)]))


TARGETS = (
    Target("ketamine_24h", "response 24 h after one infusion", "CLIN-04",
           lambda a: a("single").response_rate(DAY_H)),
    Target("midazolam_24h", "response 24 h after midazolam (active placebo)", "CLIN-07",
           lambda a: a("single", "midazolam").response_rate(DAY_H)),
    Target("saline_24h", "response 24 h after a saline infusion", "CLIN-05",
           lambda a: a("single", "saline").response_rate(DAY_H)),
    Target("ketamine_day7", "response at day 7 after one infusion", "CLIN-16",
           lambda a: a("single").response_rate(7 * DAY_H)),
    Target("series_day12", "response 24 h after the sixth infusion", "CLIN-09",
           lambda a: a("series").response_rate(12 * DAY_H)),
    Target("citalopram_remission_w14", "citalopram 20 mg/day remission, week 14", "SSRI-03",
           lambda a: a("ssri").remission_rate(14 * WEEK_H)),
    Target("citalopram_response_w14", "citalopram 20 mg/day response, week 14", "SSRI-12",
           lambda a: a("ssri").response_rate(14 * WEEK_H)),
    Target("citalopram_remission_w8_of_w14", "citalopram remission, week 8 / week 14", None,
           lambda a: a("ssri").remission_rate(8 * WEEK_H) / a("ssri").remission_rate(14 * WEEK_H),
           shape=(0.5, 1.0)),
    Target("late_remitters", "exit remitters first in remission at week 8 or later", "SSRI-11",
           _late_remitters),
    Target("ssri_week1_share", "citalopram minus tablet, mean gain week 1 / week 6", "SSRI-05",
           _ssri_week1_share, calibrated=False),
    Target("tablet_placebo_w8", "inert tablet (MDD trial) response, week 8", "CLIN-14",
           lambda a: a("ssri", "saline").response_rate(8 * WEEK_H)),
    Target("ssri_minus_tablet_w8", "citalopram minus inert tablet, response at week 8", None,
           lambda a: a("ssri").response_rate(8 * WEEK_H)
           - a("ssri", "saline").response_rate(8 * WEEK_H), shape=(0.05, 0.2)),
    Target("trd_tablet_placebo_w8", "inert tablet in a TRD population, response at week 8",
           "CLIN-17", lambda a: a("ssri", "saline", "trd").response_rate(8 * WEEK_H)),
    Target("ketamine_first_response_h", "median first response after one infusion (h)", None,
           lambda a: _median_first_response_h(a("single")), shape=(0.0, 24.0)),
    Target("citalopram_first_response_weeks", "median first response on citalopram (weeks)",
           None, lambda a: _median_first_response_h(a("ssri")) / WEEK_H, shape=(1.0, 14.0)),
    Target("series_relapse_days", "median days to relapse after the sixth infusion", "CLIN-15",
           lambda a: a("series").median_relapse_days(SERIES_LAST_DOSE_H)),
)


def measure(params: dict[str, float], seed: int = SEED, n: int = N_PATIENTS) -> dict[str, float]:
    arms = Arms(params, seed, n)
    return {t.key: float(t.measure(arms)) for t in TARGETS}


def misfit(values: dict[str, float]) -> float:
    """Sum of squared distances (in percentage points) outside the fit ranges."""
    total = 0.0
    for t in TARGETS:
        if not t.calibrated:
            continue
        v = values[t.key]
        if not math.isfinite(v):
            total += 1e4
            continue
        scale = 100.0 if t.high <= 1.0 else 1.0
        fit_low, fit_high = t.fit_range()
        total += (scale * max(fit_low - v, 0.0, v - fit_high)) ** 2
    return total


def report(values: dict[str, float]) -> int:
    """Print one line per target; return the number outside the accepted range."""
    outside = 0
    for t in TARGETS:
        v = values[t.key]
        ok = t.low <= v <= t.high
        outside += not ok
        fraction = t.high <= 1.0
        shown = f"{100 * v:6.1f}%" if fraction else f"{v:7.1f}"
        accepted = (f"[{100 * t.low:g}, {100 * t.high:g}]%" if fraction
                    else f"[{t.low:g}, {t.high:g}]")
        print(f"{'ok ' if ok else 'OUT'} {t.key:<32} {shown}  accepted {accepted:<14} "
              f"{t.finding or '':<8} {t.quantity:<54} published {t.published}")
    return outside


def fit(start: dict[str, float], max_evaluations: int) -> dict[str, float]:
    from scipy.optimize import minimize

    table = parameter_table()
    names = list(FREE)
    low = np.array([max(FREE[k][0], table[k].min) for k in names])
    high = np.array([min(FREE[k][1], table[k].max) for k in names])

    def unpack(x: np.ndarray) -> dict[str, float]:
        return {k: float(v) for k, v in zip(names, low + np.clip(x, 0, 1) * (high - low))}

    def objective(x: np.ndarray) -> float:
        return misfit(measure({**start, **unpack(x)}))

    x0 = np.clip([(start.get(k, table[k].value) - lo) / (hi - lo)
                  for k, lo, hi in zip(names, low, high)], 0, 1)
    result = minimize(objective, x0, method="Nelder-Mead",
                      options={"maxfev": max_evaluations, "xatol": 1e-3, "fatol": 0.1})
    print(f"fit: misfit {objective(x0):.1f} -> {result.fun:.1f} after {result.nfev} evaluations")
    return {**start, **unpack(result.x)}


#: Targets shown by ``--sensitivity``.
SENSITIVITY_KEYS = ("series_relapse_days", "late_remitters", "citalopram_remission_w14",
                    "ketamine_24h", "tablet_placebo_w8", "ssri_minus_tablet_w8")


def sensitivity(params: dict[str, float], step: float = 0.2) -> None:
    """Each fitted parameter at (1 - step) and (1 + step) times its value (clipped to its
    declared range): the targets of ``SENSITIVITY_KEYS`` at both ends."""
    table = parameter_table()
    centre = measure(params)
    print(f"sensitivity: each fitted parameter x{1 - step:g} and x{1 + step:g} "
          "(clipped to its declared range)")
    print(f"{'parameter':<34}" + "".join(f"{k[:22]:>24}" for k in SENSITIVITY_KEYS))
    print(f"{'(default)':<34}" + "".join(f"{_shown(k, centre[k]):>24}" for k in SENSITIVITY_KEYS))
    for name in FREE:
        value = params.get(name, table[name].value)
        ends = []
        for factor in (1 - step, 1 + step):
            moved = min(max(value * factor, table[name].min), table[name].max)
            ends.append(measure({**params, name: moved}))
        print(f"{name:<34}" + "".join(
            f"{_shown(k, ends[0][k]) + ' .. ' + _shown(k, ends[1][k]):>24}"
            for k in SENSITIVITY_KEYS))


def _shown(key: str, value: float) -> str:
    target = next(t for t in TARGETS if t.key == key)
    return f"{100 * value:.1f}%" if target.high <= 1.0 else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a cohort parameter (repeatable)")
    parser.add_argument("--fit", action="store_true", help="search for new cohort values")
    parser.add_argument("--sensitivity", action="store_true",
                        help="targets with each fitted parameter moved by -20%% and +20%%")
    parser.add_argument("--evaluations", type=int, default=300, help="--fit budget")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--patients", type=int, default=N_PATIENTS)
    args = parser.parse_args(argv)
    params = {}
    for item in args.set:
        name, _, value = item.partition("=")
        params[name.strip()] = float(value)
    started = time.perf_counter()
    if args.fit:
        params = fit(params, args.evaluations)
        print("suggested values (copy into src/ketamine_moa/data/parameters.csv):")
        for name in FREE:
            print(f"  {name} = {params[name]:.3g}")
    values = measure(params, args.seed, args.patients)
    print(f"cohort targets, seed {args.seed}, {args.patients} patients"
          + (f", overrides {params}" if params and not args.fit else "") + ":")
    outside = report(values)
    print(f"{len(TARGETS) - outside} of {len(TARGETS)} inside the accepted range "
          f"(misfit {misfit(values):.1f}; {time.perf_counter() - started:.0f} s)")
    if args.sensitivity:
        sensitivity(params)
    return 0


if __name__ == "__main__":
    sys.exit(main())
