"""Named regimens (the designs of the cited studies) and one memoised run of the model.

    run("single", t_end_h=48)                                  # one 0.5 mg/kg infusion
    run("ssri", t_end_h=12 * WEEK_H, params={"trkb_coupling": 0.01})

``run`` is ``simulate`` for a named regimen (``run_doses`` for any doses), memoised on every
argument (the regimen, the
follow-up, interventions, parameter overrides and both hypotheses), so notebooks, demos, the
scorecard and the tests that ask for the same run share one computation. Its arrays are
read-only (``chain.Run``): no caller can change what the others see. The amounts are the
research designs, simulated as fixed reference inputs; none is a dosing suggestion.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Callable

from . import pk
from .chain import Run, check_doses, simulate
from .readouts import DAY_H

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


def run(regimen: str, t_end_h: float = 14 * DAY_H,
        interventions: Mapping[str, float] | None = None,
        params: Mapping[str, float] | None = None, trigger: str = "disinhibition",
        ssri_hypothesis: str = "autoreceptor") -> Run:
    """``simulate(doses(regimen, t_end_h), ...)``, memoised; the arrays are read-only.

    Arguments as for ``simulate``; interventions or overrides equal to 0 / the default are
    part of the key as given (``{"ampa_block": 0}`` and ``None`` are cached separately but
    give equal runs).
    """
    return run_doses(doses(regimen, t_end_h), t_end_h, interventions, params, trigger,
                     ssri_hypothesis)


def run_doses(given: Iterable[pk.Dose], t_end_h: float = 14 * DAY_H,
              interventions: Mapping[str, float] | None = None,
              params: Mapping[str, float] | None = None, trigger: str = "disinhibition",
              ssri_hypothesis: str = "autoreceptor") -> Run:
    """``simulate`` for any doses (a demo's own amount or schedule), memoised the same way."""
    return _run(tuple(check_doses(given)), float(t_end_h),
                _frozen(interventions, "interventions"), _frozen(params, "params"), trigger,
                ssri_hypothesis)


@lru_cache(maxsize=512)
def _run(given: tuple[pk.Dose, ...], t_end_h: float, interventions: tuple, params: tuple,
         trigger: str, ssri_hypothesis: str) -> Run:
    return simulate(given, t_end_h=t_end_h, interventions=dict(interventions) or None,
                    params=dict(params) or None, trigger=trigger,
                    ssri_hypothesis=ssri_hypothesis)


def clear_cache() -> None:
    """Forget every memoised run (after the parameter file changed on disk)."""
    _run.cache_clear()
