"""Reliability probe of the model API (issue 19): a measurement, not a test.

Each case runs in its own forked process with a 30-s limit and an address-space limit, and is
put in one of the issue's categories:

* clear error:         bad (or beyond a stated limit) input, ValueError/TypeError raised by the
                       project's own checks whose message names the argument (and the limit);
* correct result:      valid input, finite outputs on their physical scales (and equal to the
                       reference where the case has one);
* silent accept:       bad input that ran without an error;
* wrong output:        valid input that ran but gave NaN, out-of-scale or wrong values;
* error on valid input: valid input rejected (any exception);
* unclear error:       bad input rejected, but with another exception type, a message not naming
                       the argument, or an error raised inside numpy/scipy;
* hang:                still running after 30 s;
* memory blow-up:      MemoryError, killed by the memory limit, or more than 2 GiB resident.

Cases: every reproducer quoted in issue 19, every declared parameter at its min and at its max
(a single infusion and a week of daily citalopram; small cohorts in every arm for cohort
parameters), and adversarial Dose, regimen and virtual_cohort inputs.

The limit is wall-clock time: the slowest case, 1,000 infusions over a year (issue 19.6), needs
about 8-9 s of CPU; on the shared 2-core machine its wall time was 16-30 s, so under heavy load
it can pass 30 s and count as a hang.

    .venv/bin/python benchmarks/probe_hardening.py            # all cases, totals at the end
    .venv/bin/python benchmarks/probe_hardening.py -k cohort  # cases whose id contains "cohort"
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import resource
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy.integrate import solve_ivp

from ketamine_moa import (Dose, daily_citalopram, infusion_series, simulate, single_infusion,
                          virtual_cohort, weekly_boosters)
from ketamine_moa.params import model_parameters, parameter_table
from ketamine_moa.pk import ketamine_plasma_uM, ketamine_rate_matrix, mg_per_L_to_uM

TIMEOUT_S = 30.0
ADDRESS_SPACE_LIMIT = 6 * 2**30   # bytes, set in each child
RSS_LIMIT_MB = 2048.0             # resident memory above this counts as a blow-up
CATEGORIES = ("clear error", "correct result", "silent accept", "wrong output",
              "error on valid input", "unclear error", "hang", "memory blow-up")
FRACTIONS = ("nmda_block_interneuron", "nmda_block_pyramidal", "sert_occupancy",
             "dissociation", "autoreceptor_desensitisation")
TABLE = parameter_table()


@dataclass(frozen=True)
class Case:
    """``call`` returns None (fine) or a string saying what is wrong (valid cases)."""

    id: str
    valid: bool
    call: Callable[[], object]
    names: tuple[str, ...] = ()    # words a clear error message must contain (bad input)


# --- checks of valid results -----------------------------------------------------------------

def physical(*runs) -> str | None:
    """None if every output of every run is finite and on its scale, else what is wrong."""
    for run in runs:
        for name in run:
            values = run[name]
            if not np.all(np.isfinite(values)):
                return f"{name} has NaN or infinite values"
            if name in FRACTIONS and (values.min() < 0.0 or values.max() > 1.0):
                return f"{name} outside [0, 1]: [{values.min():g}, {values.max():g}]"
            if (name.endswith(("_rel", "_uM")) or name == "potentiation") and values.min() < 0:
                return f"{name} below 0: {values.min():g}"
        score = run["symptom_score"]
        if score.min() < 0.0 or score.max() > 60.0:
            return f"symptom_score outside [0, 60]: [{score.min():g}, {score.max():g}]"
    return None


def cohort_ok(cohort) -> str | None:
    scores = cohort.scores
    if not np.all(np.isfinite(scores)):
        return "cohort scores have NaN or infinite values"
    if scores.min() < 0.0 or scores.max() > 60.0:
        return f"cohort scores outside [0, 60]: [{scores.min():g}, {scores.max():g}]"
    return None


def close(got: float, expected: float, rel: float, what: str) -> str | None:
    if math.isfinite(got) and abs(got - expected) <= rel * abs(expected):
        return None
    return f"{what} = {got:.6g}, expected {expected:.6g} (rel. tol. {rel:g})"


def first(*problems: str | None) -> str | None:
    return next((p for p in problems if p), None)


# --- issue 19 reproducers --------------------------------------------------------------------

def lag_zero_untreated():
    run = simulate([], t_end_h=1.0, params={"disinhibition_lag_h": 0.0})
    return first(physical(run), None if np.ptp(run["glutamate_rel"]) < 1e-12
                 else "glutamate changes without a drug")


def lag_tiny(lag: float):
    def call():
        run = simulate(single_infusion(), t_end_h=48.0, params={"disinhibition_lag_h": lag})
        ref = simulate(single_infusion(), t_end_h=48.0, params={"disinhibition_lag_h": 1e-3})
        return first(physical(run), close(run["glutamate_rel"].max(),
                                          ref["glutamate_rel"].max(), 1e-3, "glutamate peak"))
    return call


def citalopram_coincident():
    ka = 0.1
    run = simulate(daily_citalopram(20, 84), t_end_h=2016,
                   params={"citalopram_ka_per_h": ka, "citalopram_half_life_h": math.log(2) / ka})
    # Reference: the same one-compartment model by solve_ivp, tablet by tablet.
    pk = model_parameters().pk_citalopram
    dose_uM = mg_per_L_to_uM(20.0 * pk.citalopram_bioavailability_oral
                             / (pk.citalopram_volume_L_per_kg * 70.0),
                             pk.citalopram_molar_mass_g_per_mol)
    state, peak = np.zeros(2), 0.0
    for _ in range(84):
        state[0] += dose_uM
        sol = solve_ivp(lambda _t, y: [-ka * y[0], ka * y[0] - ka * y[1]], (0.0, 24.0), state,
                        rtol=1e-10, atol=1e-14, dense_output=True)
        peak = max(peak, float(sol.sol(np.linspace(0.0, 24.0, 97))[1].max()))
        state = sol.y[:, -1]
    return first(physical(run), close(run["ssri_plasma_uM"].max(), peak, 1e-3, "citalopram peak"))


def ketamine_oral_coincident():
    params = {"ketamine_k10_per_h": 1.5, "ketamine_k12_per_h": 1.0, "ketamine_k21_per_h": 1.0,
              "ketamine_ka_oral_per_h": 0.5}
    run = simulate([Dose("ketamine", "oral", mg_per_kg=0.5)], t_end_h=24.0, params=params)
    pk = model_parameters(params).pk_ketamine
    matrix, _, central = ketamine_rate_matrix(pk, "oral")
    amount = 0.5 * 70.0 * pk.ketamine_bioavailability_oral
    t = np.linspace(0.0, 24.0, 1441)
    sol = solve_ivp(lambda _t, a: matrix @ a, (0.0, 24.0), [amount, 0.0, 0.0], t_eval=t,
                    rtol=1e-10, atol=1e-14)
    expected = mg_per_L_to_uM(sol.y[central] / (pk.ketamine_central_volume_L_per_kg * 70.0),
                              pk.ketamine_molar_mass_g_per_mol).max()
    return first(physical(run), close(run["ketamine_plasma_uM"].max(), expected, 1e-3,
                                      "oral ketamine peak"))


def tiny_duration(duration_h: float):
    def call():
        t = np.linspace(0.0, 24.0, 1441)
        pk = model_parameters().pk_ketamine
        bolus = ketamine_plasma_uM([Dose("ketamine", "iv", mg_per_kg=0.5)], t, pk)
        short = ketamine_plasma_uM([Dose("ketamine", "iv", mg_per_kg=0.5, duration_h=duration_h)],
                                   t, pk)
        auc_ratio = np.trapezoid(short, t) / np.trapezoid(bolus, t)
        return first(close(short.max(), bolus.max(), 1e-6, "peak"),
                     close(auc_ratio, 1.0, 1e-6, "AUC ratio to a bolus"))
    return call


def cohort_call(n: int, t_end_h: float):
    return lambda: cohort_ok(virtual_cohort(single_infusion(), n_patients=n, t_end_h=t_end_h))


def cohort_many_patients_ok():
    cohort = virtual_cohort(single_infusion(), n_patients=10_000, t_end_h=8 * 7 * 24.0)
    return cohort_ok(cohort)


def citalopram_over_old_cap():
    run = simulate(daily_citalopram(50, 84), t_end_h=2016,
                   params={"citalopram_volume_L_per_kg": 1.0, "citalopram_half_life_h": 200.0})
    occ_max = model_parameters().monoamine.sert_occupancy_max
    return first(physical(run), None if run["sert_occupancy"].max() > 0.99 * occ_max
                 else "occupancy does not saturate at a high plasma level")


def no_opening_no_escape():
    run = simulate(single_infusion(), t_end_h=24.0, params={
        "nmda_tonic_open_rate_interneuron_per_s": 0.0,
        "nmda_tonic_open_rate_pyramidal_per_s": 0.0, "ketamine_trapped_escape_per_s": 0.0})
    return first(physical(run), None if run["nmda_block_interneuron"].max() == 0.0
                 else "a channel that never opens is blocked")


def no_opening_one_cell(cell: str):
    def call():
        run = simulate(single_infusion(), t_end_h=24.0, params={
            f"nmda_tonic_open_rate_{cell}_per_s": 0.0, "ketamine_trapped_escape_per_s": 0.0})
        return physical(run)
    return call


def infusions_per_year(n: int):
    doses = [Dose("ketamine", "iv", mg_per_kg=0.5, start_h=i * 8760 / n, duration_h=40 / 60)
             for i in range(n)]
    return lambda: physical(simulate(doses, t_end_h=8760.0))


def run_at(t_h: float):
    return lambda: simulate(single_infusion(), t_end_h=24.0).at("ketamine_plasma_uM", t_h)


def numpy_override(value):
    def call():
        run = simulate(single_infusion(), t_end_h=24.0, params={"ketamine_koff_per_s": value})
        ref = simulate(single_infusion(), t_end_h=24.0,
                       params={"ketamine_koff_per_s": float(value)})
        return first(physical(run), None if np.array_equal(run["nmda_block_interneuron"],
                                                           ref["nmda_block_interneuron"])
                     else "numpy scalar gives another result than the float")
    return call


def reproducers() -> list[Case]:
    sim = simulate
    ket = single_infusion()
    return [
        Case("19.1 lag 0 untreated", True, lag_zero_untreated),
        Case("19.1 lag 0 infusion", True, lag_tiny(0.0)),
        Case("19.1 lag 1e-10", True, lag_tiny(1e-10)),
        Case("19.1 lag 1e-300", True, lag_tiny(1e-300)),
        Case("19.2 citalopram ka = ke", True, citalopram_coincident),
        Case("19.2 oral ketamine ka = beta", True, ketamine_oral_coincident),
        *[Case(f"19.3 IV duration {d:g} h", True, tiny_duration(d))
          for d in (1e-16, 1e-300, 5e-324, 0.5 / 3600)],
        Case("19.4 cohort 100,000 x 8 weeks", False, cohort_call(100_000, 8 * 168.0),
             ("n_patients", "limit")),
        Case("19.4 cohort 10,000 x a year", False, cohort_call(10_000, 8760.0),
             ("n_patients", "limit")),
        Case("19.4 cohort 100,000 x a year", False, cohort_call(100_000, 8760.0),
             ("n_patients", "limit")),
        Case("19.4 cohort 10,000 x 8 weeks (within the limit)", True, cohort_many_patients_ok),
        Case("19.5 citalopram V 1 L/kg, t1/2 200 h", True, citalopram_over_old_cap),
        Case("19.5 no tonic opening, no escape", True, no_opening_no_escape),
        Case("19.5 no interneuron opening, no escape", True, no_opening_one_cell("interneuron")),
        Case("19.5 no pyramidal opening, no escape", True, no_opening_one_cell("pyramidal")),
        Case("19.5 3,000 infusions a year", True, infusions_per_year(3000)),
        Case("19.6 1,000 infusions a year", True, infusions_per_year(1000)),
        Case("19.7 cohort bad intervention with control", False,
             lambda: virtual_cohort(ket, n_patients=5, control="saline",
                                    interventions={"nope": 1.0}), ("interventions", "nope")),
        Case("19.7 cohort bad intervention, no doses", False,
             lambda: virtual_cohort([], n_patients=5, interventions={"ampa_block": 7.0}),
             ("ampa_block", "[0, 1]")),
        Case("19.7 cohort interventions a string", False,
             lambda: virtual_cohort(ket, n_patients=5, interventions="ampa_block"),
             ("interventions", "dict")),
        Case("19.7 cohort interventions a list", False,
             lambda: virtual_cohort(ket, n_patients=5, interventions=[("ampa_block", 1.0)]),
             ("interventions", "dict")),
        Case("19.8 override np.float32", True, numpy_override(np.float32(0.8))),
        Case("19.8 override np.int64", True, numpy_override(np.int64(1))),
        Case("19.8 drug None", False, lambda: Dose(None, "iv", mg_per_kg=0.5), ("drug",)),
        Case("19.8 route None", False, lambda: Dose("ketamine", None, mg_per_kg=0.5), ("route",)),
        Case("19.8 trigger None", False, lambda: sim(ket, t_end_h=24.0, trigger=None),
             ("trigger",)),
        Case("19.8 hypothesis None", False,
             lambda: sim(ket, t_end_h=24.0, ssri_hypothesis=None), ("ssri_hypothesis",)),
        Case("19.8 control None is the drug arm", True,
             lambda: cohort_ok(virtual_cohort(ket, n_patients=5, control=None))),
        Case("19.8 infusion_series days None", False, lambda: infusion_series(days=None),
             ("days",)),
        Case("19.8 Run.at nan", False, run_at(float("nan")), ("t_h", "[0, 24]")),
        Case("19.8 Run.at after the end", False, run_at(30.0), ("t_h", "[0, 24]")),
        Case("19.8 Run.at before the start", False, run_at(-1.0), ("t_h", "[0, 24]")),
    ]


# --- every declared parameter at its min and max ---------------------------------------------

def at_bound(name: str, value: float) -> Callable[[], str | None]:
    params = {name: value}
    if TABLE[name].stage == "cohort":
        def call():
            return first(*(cohort_ok(virtual_cohort(single_infusion(), n_patients=20, seed=0,
                                                    t_end_h=48.0, control=control,
                                                    params=params, population=population))
                           for control in (None, "saline", "midazolam")
                           for population in ("trd", "mdd")))
        return call

    def call():
        return physical(simulate(single_infusion(), t_end_h=24.0, params=params),
                        simulate(daily_citalopram(20.0, n_days=7), t_end_h=8 * 24.0,
                                 params=params))
    return call


def parameter_cases() -> list[Case]:
    return [Case(f"param {name} at {bound} ({getattr(TABLE[name], bound):g})", True,
                 at_bound(name, getattr(TABLE[name], bound)))
            for name in sorted(TABLE) for bound in ("min", "max")]


# --- adversarial inputs ----------------------------------------------------------------------

def stacked_boluses():
    t = np.linspace(0.0, 12.0, 721)
    pk = model_parameters().pk_ketamine
    one = ketamine_plasma_uM([Dose("ketamine", "iv", mg_per_kg=10.0, body_weight_kg=30.0)], t, pk)
    run = simulate([Dose("ketamine", "iv", mg_per_kg=10.0, body_weight_kg=30.0)] * 100,
                   t_end_h=12.0, params={"ketamine_central_volume_L_per_kg": 0.5})
    many = ketamine_plasma_uM([Dose("ketamine", "iv", mg_per_kg=10.0, body_weight_kg=30.0)]
                              * 100, t, pk)
    return first(physical(run), close(many.max(), 100 * one.max(), 1e-9, "100 boluses peak"))


def heavy_citalopram_year():
    doses = [Dose("citalopram", "oral", mg=100.0, start_h=24.0 * d, body_weight_kg=30.0)
             for d in range(365)]
    run = simulate(doses, t_end_h=8760.0, params={
        "citalopram_volume_L_per_kg": 1.0, "citalopram_half_life_h": 200.0,
        "citalopram_bioavailability_oral": 1.0})
    return physical(run)


def adversarial_cases() -> list[Case]:
    ket, sim = single_infusion(), simulate
    k = {"drug": "ketamine", "route": "iv"}
    bad = [
        ("dose negative", lambda: Dose(**k, mg_per_kg=-1.0), ("mg_per_kg", "(0, 10]")),
        ("dose nan", lambda: Dose(**k, mg_per_kg=float("nan")), ("mg_per_kg", "finite")),
        ("dose string", lambda: Dose(**k, mg_per_kg="0.5"), ("mg_per_kg",)),
        ("dose a list", lambda: Dose(**k, mg_per_kg=[0.5]), ("mg_per_kg",)),
        ("dose bool", lambda: Dose(**k, mg_per_kg=True), ("mg_per_kg",)),
        ("ketamine in mg", lambda: Dose(**k, mg=35.0), ("mg_per_kg",)),
        ("citalopram in mg/kg", lambda: Dose("citalopram", "oral", mg_per_kg=0.3), ("mg",)),
        ("start inf", lambda: Dose(**k, mg_per_kg=0.5, start_h=float("inf")), ("start_h",)),
        ("start after a year", lambda: Dose(**k, mg_per_kg=0.5, start_h=1e5), ("start_h",)),
        ("weight 0", lambda: Dose(**k, mg_per_kg=0.5, body_weight_kg=0.0), ("body_weight_kg",)),
        ("infusion -1 h", lambda: Dose(**k, mg_per_kg=0.5, duration_h=-1.0), ("duration_h",)),
        ("tablet with a duration",
         lambda: Dose("citalopram", "oral", mg=20.0, duration_h=1.0), ("duration_h",)),
        ("route for the wrong drug", lambda: Dose("citalopram", "iv", mg=20.0), ("route",)),
        ("series day nan", lambda: infusion_series(days=[0, float("nan")]), ("start_h",)),
        ("series days a number", lambda: infusion_series(days=3), ("days",)),
        ("boosters 1000", lambda: weekly_boosters(first_day=14, n_boosters=1000),
         ("n_boosters", "[1, 52]")),
        ("boosters every 0.5 days", lambda: weekly_boosters(14, 2, every_days=0.5),
         ("every_days",)),
        ("citalopram 0 days", lambda: daily_citalopram(n_days=0), ("n_days",)),
        ("citalopram 1.5 days", lambda: daily_citalopram(n_days=1.5), ("n_days",)),
        ("citalopram 0 mg", lambda: daily_citalopram(mg=0.0), ("mg",)),
        ("simulate t_end bool", lambda: sim(ket, t_end_h=True), ("t_end_h",)),
        ("simulate t_end 2 years", lambda: sim(ket, t_end_h=2 * 8760.0), ("t_end_h", "8760")),
        ("simulate doses a dict", lambda: sim({"dose": 1}), ("doses",)),
        ("simulate params a list", lambda: sim(ket, t_end_h=24.0, params=[1.0]), ("params",)),
        ("simulate param bool", lambda: sim(ket, t_end_h=24.0,
                                            params={"mtorc1_tau_h": True}), ("mtorc1_tau_h",)),
        ("simulate param below min", lambda: sim(ket, t_end_h=24.0,
                                                 params={"ketamine_k10_per_h": 0.0}),
         ("ketamine_k10_per_h", "[0.05, 5]")),
        ("simulate param above max", lambda: sim(ket, t_end_h=24.0,
                                                 params={"citalopram_half_life_h": 1e4}),
         ("citalopram_half_life_h", "[5, 200]")),
        ("simulate fixed param changed", lambda: sim(ket, t_end_h=24.0, params={
            "ketamine_molar_mass_g_per_mol": 240.0}), ("ketamine_molar_mass_g_per_mol",)),
        ("simulate intervention None", lambda: sim(ket, t_end_h=24.0,
                                                   interventions={"ampa_block": None}),
         ("ampa_block",)),
        ("cohort n_patients float", lambda: virtual_cohort(ket, n_patients=10.0),
         ("n_patients",)),
        ("cohort seed 2**32", lambda: virtual_cohort(ket, n_patients=5, seed=2**32), ("seed",)),
        ("cohort mechanism param", lambda: virtual_cohort(ket, n_patients=5, params={
            "ketamine_k10_per_h": 1.0}), ("ketamine_k10_per_h", "cohort")),
        ("cohort population unknown", lambda: virtual_cohort(ket, n_patients=5,
                                                             population="elderly"),
         ("population",)),
        ("cohort t_end nan", lambda: virtual_cohort(ket, n_patients=5, t_end_h=float("nan")),
         ("t_end_h",)),
    ]
    good = [
        ("100 stacked 10 mg/kg boluses (central volume 0.5 L/kg)", stacked_boluses),
        ("100 mg citalopram daily for a year, 30 kg, V 1 L/kg, t1/2 200 h",
         heavy_citalopram_year),
        ("doses as a generator", lambda: physical(sim((d for d in ket), t_end_h=24.0))),
        ("doses a single Dose", lambda: physical(sim(ket[0], t_end_h=24.0))),
        ("t_end np.int64", lambda: physical(sim(ket, t_end_h=np.int64(48)))),
        ("dose np.float32", lambda: physical(sim(
            [Dose(**k, mg_per_kg=np.float32(0.5))], t_end_h=24.0))),
        ("dose after t_end", lambda: physical(sim(single_infusion(start_h=100.0),
                                                   t_end_h=24.0))),
        ("infusion 24 h at 10 mg/kg", lambda: physical(sim(
            [Dose(**k, mg_per_kg=10.0, duration_h=24.0, body_weight_kg=30.0)], t_end_h=48.0))),
        ("every intervention at 1", lambda: physical(sim(
            ket + daily_citalopram(n_days=3), t_end_h=96.0, interventions={
                name: 1.0 for name in ("ampa_block", "mtorc1_block", "bdnf_block", "trkb_block",
                                       "interneuron_nmda_loss", "pyramidal_nmda_loss",
                                       "spine_formation_block", "autoreceptor_block",
                                       "bdnf_val66met")}))),
        ("t_end 1 minute", lambda: physical(sim(ket, t_end_h=1 / 60))),
        ("a year untreated", lambda: physical(sim([], t_end_h=8760.0))),
        ("cohort of 1", lambda: cohort_ok(virtual_cohort(ket, n_patients=1))),
        ("cohort np.int64 size", lambda: cohort_ok(virtual_cohort(ket, n_patients=np.int64(7)))),
        ("cohort 1000 x a year", lambda: cohort_ok(virtual_cohort(
            daily_citalopram(n_days=365), n_patients=1000, t_end_h=8760.0))),
        ("cohort no doses", lambda: cohort_ok(virtual_cohort([], n_patients=20))),
    ]
    return ([Case(f"bad {label}", False, call, names) for label, call, names in bad]
            + [Case(f"valid {label}", True, call) for label, call in good])


# --- running and classifying -----------------------------------------------------------------

def child(case: Case, pipe) -> None:
    """Run one case in the forked process and send back what happened."""
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))
    outcome: dict[str, object] = {}
    try:
        problem = case.call()
        outcome.update(status="ok", problem=problem if isinstance(problem, str) else None)
    except MemoryError:
        outcome.update(status="memory")
    except BaseException as error:  # noqa: BLE001 - every failure is data here
        frames = traceback.extract_tb(error.__traceback__)
        outcome.update(status="error", type=type(error).__name__, message=str(error)[:400],
                       origin=frames[-1].filename if frames else "")
    outcome["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pipe.send(outcome)


def classify(case: Case, outcome: dict | None) -> tuple[str, str]:
    if outcome is None:
        return "hang", f"still running after {TIMEOUT_S:g} s"
    if outcome["status"] == "memory" or outcome.get("rss_mb", 0.0) > RSS_LIMIT_MB:
        return "memory blow-up", f"{outcome.get('rss_mb', 0.0):.0f} MB resident"
    if outcome["status"] == "killed":
        return "memory blow-up", f"killed by signal {outcome['signal']}"
    if outcome["status"] == "ok":
        if not case.valid:
            return "silent accept", "ran without an error"
        if outcome["problem"]:
            return "wrong output", outcome["problem"]
        return "correct result", ""
    message = f"{outcome['type']}: {outcome['message']}"
    if case.valid:
        return "error on valid input", message
    ours = "site-packages" not in str(outcome["origin"])
    named = all(name in outcome["message"] for name in case.names)
    if outcome["type"] in ("ValueError", "TypeError") and ours and named:
        return "clear error", message
    return "unclear error", message


def run_case(case: Case) -> tuple[str, str, float]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(case, send))
    started = time.perf_counter()
    process.start()
    send.close()
    outcome = receive.recv() if receive.poll(TIMEOUT_S) else None
    if outcome is None and not process.is_alive() and process.exitcode:
        outcome = {"status": "killed", "signal": -process.exitcode}
    if process.is_alive():
        process.kill()  # only this case's own child
    process.join()
    category, detail = classify(case, outcome)
    return category, detail, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="run only cases whose id contains this text")
    parser.add_argument("-v", action="store_true", help="print every case, not only problems")
    args = parser.parse_args()
    cases = [c for c in reproducers() + parameter_cases() + adversarial_cases() if args.k in c.id]
    totals: Counter[str] = Counter()
    by_group: dict[str, Counter[str]] = {}
    started = time.perf_counter()
    for case in cases:
        category, detail, seconds = run_case(case)
        totals[category] += 1
        group = "issue" if case.id[0].isdigit() else case.id.split(" ")[0]
        by_group.setdefault(group, Counter())[category] += 1
        good = category in ("clear error", "correct result")
        if args.v or not good:
            print(f"[{category}] {case.id} ({seconds:.1f} s){': ' + detail if detail else ''}",
                  flush=True)
    print(f"\n{len(cases)} cases in {time.perf_counter() - started:.0f} s")
    for group, counts in sorted(by_group.items()):
        print(f"  {group:>6}: " + ", ".join(f"{c} {counts[c]}" for c in CATEGORIES if counts[c]))
    print("totals: " + ", ".join(f"{c} {totals[c]}" for c in CATEGORIES))


if __name__ == "__main__":
    main()
