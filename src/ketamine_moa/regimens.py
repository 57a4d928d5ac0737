"""Named regimens (the designs of the cited studies) and one memoised run of the model.

    run("single", t_end_h=48)                                  # one 0.5 mg/kg infusion
    run("ssri", t_end_h=12 * WEEK_H, params={"trkb_coupling": 0.01})

``run`` is ``simulate`` for a named regimen (``run_doses`` for any doses), memoised on every
argument (the regimen, the
follow-up, interventions, parameter overrides and both hypotheses), so notebooks, demos, the
scorecard and the tests that ask for the same run share one computation. Its arrays are
read-only (``chain.Run``): no caller can change what the others see. ``cohort`` is
``virtual_cohort`` memoised the same way (``cohort_arms``: several arms of the same
patients), and ``washout_run`` the channel protocol of notebook 02: every cache of a model
run is here (``clear_cache`` forgets them all). The amounts are the research designs,
simulated as fixed reference inputs; none is a dosing suggestion.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from . import pk
from .chain import Run, check_doses, simulate
from .params import model_parameters, parameter_table
from .receptors import (ChannelTrace, block_remaining_after_washout, run_protocol,
                        washout_protocol)
from .readouts import DAY_H, WEEK_H

if TYPE_CHECKING:
    from .cohort import Cohort

#: The SSRI dose of the cited designs (Meyer et al. 2001; STAR*D level 1, Trivedi et al. 2006).
CITALOPRAM_MG_PER_DAY = 20.0
#: Maintenance after the series: weekly from one week after its last infusion (day 11 + 7),
#: as in the maintenance phase of Phillips et al. 2019 (doi:10.1176/appi.ajp.2018.18070834).
BOOSTER_FIRST_DAY = 18.0
N_BOOSTERS = 10                 # weekly, days 18 to 81: to the end of 12 weeks


def _daily(mg: float) -> Callable[[float], list[pk.Dose]]:
    return lambda t_end_h: pk.daily_citalopram(mg, n_days=max(1, math.ceil(t_end_h / DAY_H)))


#: Regimen name -> function of the follow-up (h) giving its doses. Daily tablets continue
#: to the end of the follow-up.
REGIMENS: dict[str, Callable[[float], list[pk.Dose]]] = {
    "untreated": lambda t_end_h: [],
    "single": lambda t_end_h: pk.single_infusion(),
    "bolus": lambda t_end_h: [pk.Dose("ketamine", "iv", mg_per_kg=0.4)],
    "series": lambda t_end_h: pk.infusion_series(),
    "series+boosters": lambda t_end_h: pk.infusion_series()
    + pk.weekly_boosters(BOOSTER_FIRST_DAY, N_BOOSTERS),
    "ssri": _daily(CITALOPRAM_MG_PER_DAY),
    "ssri40": _daily(2 * CITALOPRAM_MG_PER_DAY),
    "ssri+series": lambda t_end_h: _daily(CITALOPRAM_MG_PER_DAY)(t_end_h) + pk.infusion_series(),
}


def doses(regimen: str, t_end_h: float = 14 * DAY_H) -> list[pk.Dose]:
    """The doses of a named regimen followed for ``t_end_h`` hours."""
    if regimen not in REGIMENS:
        raise ValueError(f"regimen: unknown regimen {regimen!r}; known: " + ", ".join(REGIMENS))
    return REGIMENS[regimen](t_end_h)


def _frozen(mapping: Mapping[str, float] | None, name: str) -> tuple[tuple[str, float], ...]:
    if mapping is None:
        return ()
    if not isinstance(mapping, Mapping):
        raise TypeError(f"{name} must be a dict {{name: value}}, got {type(mapping).__name__}")
    return tuple(sorted((str(key), float(value)) for key, value in mapping.items()))


def _overrides(params: Mapping[str, float] | None) -> tuple[tuple[str, float], ...]:
    """``_frozen`` params without the overrides equal to the CSV value (unknown names are kept
    for ``simulate`` to reject)."""
    table = parameter_table()
    return tuple((name, value) for name, value in _frozen(params, "params")
                 if name not in table or value != table[name].value)


def run(regimen: str, t_end_h: float = 14 * DAY_H,
        interventions: Mapping[str, float] | None = None,
        params: Mapping[str, float] | None = None, trigger: str = "disinhibition",
        ssri_hypothesis: str = "autoreceptor") -> Run:
    """``simulate(doses(regimen, t_end_h), ...)``, memoised; the arrays are read-only.

    Arguments as for ``simulate``. A parameter override equal to its CSV value is dropped from
    the key (a slider at its default shares the default run); interventions are part of the
    key as given (``{"ampa_block": 0}`` and ``None`` are cached separately but give equal
    runs).
    """
    return run_doses(doses(regimen, t_end_h), t_end_h, interventions, params, trigger,
                     ssri_hypothesis)


def run_doses(given: Iterable[pk.Dose], t_end_h: float = 14 * DAY_H,
              interventions: Mapping[str, float] | None = None,
              params: Mapping[str, float] | None = None, trigger: str = "disinhibition",
              ssri_hypothesis: str = "autoreceptor") -> Run:
    """``simulate`` for any doses (a demo's own amount or schedule), memoised the same way."""
    return _run(tuple(check_doses(given)), float(t_end_h),
                _frozen(interventions, "interventions"), _overrides(params), trigger,
                ssri_hypothesis)


@lru_cache(maxsize=512)
def _run(given: tuple[pk.Dose, ...], t_end_h: float, interventions: tuple, params: tuple,
         trigger: str, ssri_hypothesis: str) -> Run:
    return simulate(given, t_end_h=t_end_h, interventions=dict(interventions) or None,
                    params=dict(params) or None, trigger=trigger,
                    ssri_hypothesis=ssri_hypothesis)


def cohort(given: Iterable[pk.Dose], n_patients: int = 1000, seed: int = 0,
           t_end_h: float = 8 * WEEK_H, control: str | None = None,
           interventions: Mapping[str, float] | None = None,
           params: Mapping[str, float] | None = None, population: str | None = None,
           trigger: str = "disinhibition", ssri_hypothesis: str = "autoreceptor",
           t_h: Iterable[float] | None = None) -> Cohort:
    """``cohort.virtual_cohort`` with these arguments, memoised on all of them; its arrays are
    read-only (``cohort.Cohort``). ``t_h``: only these output times (a live demo's drawn
    times; the scores there are those of the whole cohort), None: all."""
    times = None if t_h is None else tuple(float(t) for t in t_h)
    return _cohort(tuple(check_doses(given)), n_patients, seed, float(t_end_h), control,
                   _frozen(interventions, "interventions"), _overrides(params),
                   population, trigger, ssri_hypothesis, times)


@lru_cache(maxsize=32)
def _cohort(given: tuple[pk.Dose, ...], n_patients: int, seed: int, t_end_h: float,
            control: str | None, interventions: tuple, params: tuple,
            population: str | None, trigger: str, ssri_hypothesis: str,
            t_h: tuple[float, ...] | None = None) -> Cohort:
    from .cohort import virtual_cohort  # cohort draws its mechanism runs from run_doses

    return virtual_cohort(list(given), n_patients=n_patients, seed=seed, t_end_h=t_end_h,
                          control=control, interventions=dict(interventions) or None,
                          params=dict(params) or None, population=population,
                          trigger=trigger, ssri_hypothesis=ssri_hypothesis, t_h=t_h)


def cohort_arms(given: Iterable[pk.Dose], controls: Iterable[str | None] = (None, "saline"),
                n_patients: int = 1000, seed: int = 0, t_end_h: float = 8 * WEEK_H,
                t_h: Iterable[float] | None = None) -> tuple[Cohort, ...]:
    """``cohort.virtual_cohorts``: the same patients in several arms (None: the drug arm,
    "saline", "midazolam"), each exactly ``cohort(given, control=arm, ...)``, drawn together
    and memoised on all the arguments; arrays read-only."""
    times = None if t_h is None else tuple(float(t) for t in t_h)
    return _cohort_arms(tuple(check_doses(given)), tuple(controls), n_patients, seed,
                        float(t_end_h), times)


#: Cohorts ``cohort_arms`` keeps (the live demos' arms, a few MB each). Few: the panels keep
#: the pictures of settings shown, and a new cohort then reuses the memory of one dropped,
#: where each fresh MiB costs 2-3 ms on the benchmark machines (with 32 kept, a drag through
#: seeds of the trial-arms demo took 28.5 ms median, 73 ms p90 per seed; with 8, 19 and 25).
COHORT_ARMS_KEPT = 8


@lru_cache(maxsize=COHORT_ARMS_KEPT)
def _cohort_arms(given: tuple[pk.Dose, ...], controls: tuple, n_patients: int, seed: int,
                 t_end_h: float, t_h: tuple[float, ...] | None) -> tuple[Cohort, ...]:
    from .cohort import virtual_cohorts

    return virtual_cohorts(list(given), controls, n_patients=n_patients, seed=seed,
                           t_end_h=t_end_h, t_h=t_h)


@lru_cache(maxsize=64)
def washout_run(conc_uM: float, washout_s: float, agonist: float, loading_s: float = 30.0,
                test_s: float = 30.0) -> tuple[ChannelTrace, float]:
    """The four-state channel through loading, washout and test (``receptors.washout_protocol``)
    and the share of the block left after the washout, memoised; the arrays are read-only."""
    nmda = model_parameters().nmda
    trace = run_protocol(washout_protocol(conc_uM, washout_s, agonist, loading_s, test_s), nmda)
    for values in (trace.t_s, trace.occupancy):
        values.setflags(write=False)
    return trace, block_left(conc_uM, washout_s, agonist, loading_s)


@lru_cache(maxsize=512)
def block_left(conc_uM: float, washout_s: float, agonist: float,
               loading_s: float = 30.0) -> float:
    """``receptors.block_remaining_after_washout`` with the model's receptor parameters,
    memoised (a sweep, its note and its alt text read the same washouts)."""
    return block_remaining_after_washout(conc_uM, washout_s, model_parameters().nmda, agonist,
                                         loading_s)


def clear_cache() -> None:
    """Forget every memoised run (after the parameter file changed on disk)."""
    for memoised in (_run, _cohort, _cohort_arms, washout_run, block_left):
        memoised.cache_clear()
