"""Virtual trials: the cited study designs as cohorts, and what notebook 08 reads off them.

Every arm is ``ketamine_moa.cohort.virtual_cohort`` (memoised in ``regimens.cohort``) on the
design of a cited study; the functions below only count and summarise its scores. The
regimens are the study designs, used as references, not as advice:

* one infusion, 0.5 mg/kg IV over 40 min, followed for two weeks (Han et al. 2016,
  doi:10.2147/NDT.S117146; Wilkinson et al. 2019, doi:10.1038/s41386-019-0317-8);
* six infusions over two weeks (days 0, 2, 4, 7, 9, 11; Murrough et al. 2013,
  doi:10.1016/j.biopsych.2012.06.022; Phillips et al. 2019, doi:10.1176/appi.ajp.2018.18070834);
* daily citalopram 20 mg for up to 14 weeks (STAR*D level 1, Trivedi et al. 2006,
  doi:10.1176/appi.ajp.163.1.28);
* control arms: saline (inert placebo), midazolam (active placebo; Dean et al. 2021,
  doi:10.1002/14651858.CD011612.pub3) and an inert tablet on the citalopram schedule.

``trial_arm`` is the tests' cohort (1000 patients, seed 1, the follow-up of
``tests/test_cohort.py``), so every number read off it here is a tested one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import pk, regimens
from .cohort import Cohort
from .published import TIME_UNIT_H, published

DAY_H = 24.0
WEEK_H = 7 * DAY_H
SEED = 1                      # the tests' seed
N_PATIENTS = 1000             # the tests' cohort size
#: Follow-up of each regimen's trial arm, as in tests/test_cohort.py.
FOLLOW_UP_WEEKS = {"single": 2, "series": 2, "ssri": 14}
#: STAR*D: the share of level-1 remitters who needed 8 weeks or more (SSRI-11).
STARD_LATE_REMITTER_SHARE = published("late_remitter_share")[0].value
#: "Near the mean" is within this many points (of own baseline) of the mean; the low and high
#: bands are at most / above these percentages of own baseline.
NEAR_MEAN_POINTS = 10.0
LOW_BAND_PERCENT = 25.0
HIGH_BAND_PERCENT = 75.0

REGIMEN_LABELS = {"single": "one ketamine infusion", "series": "six ketamine infusions",
                  "ssri": f"daily citalopram {regimens.CITALOPRAM_MG_PER_DAY:.0f} mg"}
CONTROL_LABELS = {"saline": "inert placebo (saline drip)",
                  "midazolam": "active placebo (midazolam)"}
#: Saline on the citalopram schedule is an inert tablet.
PILL_PLACEBO_LABEL = "inert placebo tablet, daily"

#: Source -> DOI, for the published values below (all in src/ketamine_moa/data/findings.csv).
SOURCES = {
    "Han 2016": "10.2147/NDT.S117146",
    "Wilkinson 2019": "10.1038/s41386-019-0317-8",
    "Dean 2021": "10.1002/14651858.CD011612.pub3",
    "Phillips 2019": "10.1176/appi.ajp.2018.18070834",
    "Murrough 2013": "10.1016/j.biopsych.2012.06.022",
    "Trivedi 2006": "10.1176/appi.ajp.163.1.28",
    "Furukawa 2016": "10.1016/S2215-0366(16)30307-8",
}


@dataclass(frozen=True)
class Published:
    """A published rate (percent of patients) for one arm at one time."""

    finding: str                # id in src/ketamine_moa/data/findings.csv
    regimen: str
    control: str | None         # None: the drug arm
    measure: str                # "response" or "remission"
    t_h: float
    low: float                  # percent
    high: float                 # percent
    sources: tuple[str, ...]    # keys of SOURCES, with the value each reported
    detail: str


PUBLISHED = tuple(
    Published(v.finding, v.regimen, v.control, v.quantity, v.x * TIME_UNIT_H[v.x_unit],
              v.value if math.isnan(v.low) else v.low, v.value if math.isnan(v.high) else v.high,
              v.sources, v.detail)
    for v in published("response", "remission"))
#: Published 24 h response (%) of the one-infusion trials by source and arm (CLIN-05, CLIN-07).
PUBLISHED_24H: dict[str, dict[str | None, float]] = {}
for _value in published("response_by_source"):
    PUBLISHED_24H.setdefault(_value.sources[0], {})[_value.control] = _value.value
#: The arms of the one-infusion trial compared in the blinding section (None: ketamine).
BLINDING_CONTROLS = ("saline", "midazolam", None)


def regimen_doses(regimen: str, weeks: int) -> list:
    """The doses of one of this notebook's regimens over ``weeks`` (``regimens.doses``)."""
    if regimen not in REGIMEN_LABELS:
        raise ValueError(f"regimen: unknown regimen {regimen!r}; known: "
                         + ", ".join(REGIMEN_LABELS))
    return regimens.doses(regimen, weeks * WEEK_H)


def trial_arm(regimen: str, control: str | None = None) -> Cohort:
    """The tests' cohort for an arm: 1000 patients, seed 1, the trial's follow-up, at every
    time of its grid."""
    weeks = FOLLOW_UP_WEEKS[regimen]
    return regimens.cohort(regimen_doses(regimen, weeks), n_patients=N_PATIENTS, seed=SEED,
                           t_end_h=weeks * WEEK_H, control=control)


def rate_at(cohort: Cohort, measure: str, t_h: float) -> float:
    """Percent of patients meeting ``measure`` (response or remission) at ``t_h``."""
    rate = cohort.response_rate(t_h) if measure == "response" else cohort.remission_rate(t_h)
    return 100 * rate


def percent_of_baseline(cohort: Cohort, index=slice(None)) -> np.ndarray:
    """Each patient's score as a percentage of their own baseline at the indexed time(s)."""
    scores = cohort.scores[:, index]
    return 100 * scores / (cohort.baselines if scores.ndim == 1 else cohort.baselines[:, None])


def column(cohort: Cohort, t_h: float) -> int:
    """Index of the grid time nearest ``t_h``."""
    return int(np.argmin(np.abs(cohort.t_h - t_h)))


def describe_time(hours: float) -> str:
    """A time for titles and tables: "2 h", "24 h", "day 7", "week 8"."""
    if hours <= 48:
        return f"{hours:.0f} h"
    if hours < 4 * WEEK_H:
        return f"day {hours / DAY_H:.0f}"
    return f"week {hours / WEEK_H:.0f}"


def average_vs_individuals(cohort: Cohort, t_h: float) -> dict[str, float]:
    """The mean course against the patients at ``t_h`` (percent of own baseline)."""
    i = column(cohort, t_h)
    rel = percent_of_baseline(cohort, i)
    mean = float(rel.mean())
    return {"mean_percent_of_baseline": mean,
            "responders_percent": rate_at(cohort, "response", float(cohort.t_h[i])),
            "near_mean_percent": 100 * float(np.mean(np.abs(rel - mean) <= NEAR_MEAN_POINTS)),
            "below_25_percent": 100 * float(np.mean(rel <= LOW_BAND_PERCENT)),
            "above_75_percent": 100 * float(np.mean(rel > HIGH_BAND_PERCENT))}


def first_times(regimen: str) -> dict[str, np.ndarray]:
    """Per patient of the trial arm: first response and first remission time (h; inf: never)."""
    cohort = trial_arm(regimen)
    return {"response": cohort.first_response_h(), "remission": cohort.first_remission_h()}


def response_time_summary() -> dict[str, dict[str, float]]:
    """Median first times (h) among those who get there, and the share who never do.

    ``remission_after_week_8_percent`` of a follow-up longer than 8 weeks is STAR*D's count
    (``Cohort.late_remitter_share``): of those in remission at the last visit, the share first
    in remission at a weekly visit in week 8 or later."""
    out = {}
    for regimen in ("single", "ssri"):
        times = first_times(regimen)
        row = {"follow_up_h": FOLLOW_UP_WEEKS[regimen] * WEEK_H}
        for measure, t in times.items():
            reached = t[np.isfinite(t)]
            row[f"{measure}_ever_percent"] = 100 * reached.size / t.size
            row[f"{measure}_median_h"] = float(np.median(reached)) if reached.size else np.inf
            row[f"{measure}_after_week_8_percent"] = (100 * float(np.mean(reached >= 8 * WEEK_H))
                                                      if reached.size else 0.0)
        if row["follow_up_h"] > 8 * WEEK_H:   # as STAR*D counted them (SSRI-11)
            row["remission_after_week_8_percent"] = 100 * trial_arm(regimen).late_remitter_share(
                8 * WEEK_H)
        out[regimen] = row
    return out


#: STAR*D's titration, given to every patient (an upper bound: the trial raised the dose only
#: of those not yet in remission; mean exit dose 41.8 mg/day, Trivedi et al. 2006): mg/day from
#: the day given.
STARD_TITRATION_MG_FROM_DAY = ((20.0, 0), (40.0, 28), (60.0, 42))


def titrated_citalopram_doses(weeks: int) -> list:
    """Daily citalopram over ``weeks`` on ``STARD_TITRATION_MG_FROM_DAY``."""
    days = 7 * weeks
    starts = [day for _, day in STARD_TITRATION_MG_FROM_DAY] + [days]
    return [dose for (mg, start), end in zip(STARD_TITRATION_MG_FROM_DAY, starts[1:])
            if end > start
            for dose in pk.daily_citalopram(mg, end - start, start_day=start)]


def titration_effect() -> dict[str, dict[str, float]]:
    """What STAR*D's dose increases would change in the toy's 14-week citalopram arm: the late
    remitters (%, as SSRI-11 counts them) and remission at week 14 (%), on the fixed 20 mg/day
    (``fixed``) and with every patient titrated (``titrated``). SERT occupancy is near its
    plateau at 20 mg/day, so the toy's mechanism barely changes with the dose."""
    weeks = FOLLOW_UP_WEEKS["ssri"]
    out = {}
    for name, given in (("fixed", regimen_doses("ssri", weeks)),
                        ("titrated", titrated_citalopram_doses(weeks))):
        arm = regimens.cohort(given, n_patients=N_PATIENTS, seed=SEED, t_end_h=weeks * WEEK_H)
        out[name] = {"late_remitter_percent": 100 * arm.late_remitter_share(8 * WEEK_H),
                     "remission_exit_percent": rate_at(arm, "remission", weeks * WEEK_H)}
    return out


def blinding_numbers(t_h: float) -> dict[str, float]:
    """Response (%) in each arm of the one-infusion trial at ``t_h``, and the differences."""
    out = {str(control): rate_at(trial_arm("single", control), "response", t_h)
           for control in BLINDING_CONTROLS}
    out["effect_vs_saline"] = out["None"] - out["saline"]
    out["effect_vs_midazolam"] = out["None"] - out["midazolam"]
    out["share_kept"] = (out["effect_vs_midazolam"] / out["effect_vs_saline"]
                         if out["effect_vs_saline"] else float("nan"))
    return out


def verdict(model: float, low: float, high: float) -> str:
    """Where a model percentage lies against a published range, in words."""
    distance = round(low - model) if model < low else round(model - high) if model > high else 0
    if distance == 0:
        return "inside"
    points = "point" if distance == 1 else "points"
    return f"{distance} {points} {'below' if model < low else 'above'}"


def comparison_rows() -> list[dict[str, str]]:
    """Model vs published for every entry of ``PUBLISHED``, plus the late remitters."""
    rows = []
    for target in PUBLISHED:
        label = (REGIMEN_LABELS[target.regimen] if target.control is None
                 else PILL_PLACEBO_LABEL if target.regimen == "ssri"
                 else CONTROL_LABELS[target.control])
        model = rate_at(trial_arm(target.regimen, target.control), target.measure, target.t_h)
        reported = (f"{target.low:g}" if target.low == target.high
                    else f"{target.low:g}–{target.high:g}")
        rows.append({"arm": label, "quantity": f"{target.measure} at {describe_time(target.t_h)}",
                     "model": f"{model:.0f}%", "published": f"{reported}% ({target.detail})",
                     "verdict": verdict(model, target.low, target.high),
                     "finding": target.finding, "sources": target.sources})
    late = response_time_summary()["ssri"]["remission_after_week_8_percent"]
    star_d = 100 * STARD_LATE_REMITTER_SHARE
    rows.append({"arm": REGIMEN_LABELS["ssri"],
                 "quantity": "share of week-14 remitters first in remission in week 8 or later",
                 "model": f"{late:.0f}%", "published": f"{star_d:g}%",
                 "verdict": verdict(late, star_d, star_d), "finding": "SSRI-11",
                 "sources": ("Trivedi 2006",)})
    return rows
