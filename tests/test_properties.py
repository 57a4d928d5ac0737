"""Property tests (hypothesis, derandomised so every run draws the same examples) over the
ranges the notebooks' controls offer: outputs finite, fractions within 0..1, relative
quantities non-negative, scores on the 0-60 scale, and no warnings (pytest turns warnings
into errors). Every demo's controls accept every value of their own ranges."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from ketamine_moa.demos import all_demos
from ketamine_moa import (Dose, daily_citalopram, infusion_series, simulate, single_infusion,
                          virtual_cohort)
from ketamine_moa.chain import CONTRACT_INTERVENTIONS, SSRI_HYPOTHESES, TRIGGERS
from ketamine_moa.params import model_parameters, parameter_table
from ketamine_moa.pk import (KETAMINE_ROUTES, citalopram_plasma_uM, citalopram_rate_matrix,
                             disposition_rates_per_h, ketamine_bioavailability,
                             ketamine_plasma_uM, ketamine_rate_matrix, mg_per_L_to_uM)
from ketamine_moa.widgets import Slider

EXAMPLES = 200
PROFILE = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])
FRACTIONS = ("nmda_block_interneuron", "nmda_block_pyramidal", "sert_occupancy",
             "autoreceptor_desensitisation", "dissociation")
DEMOS = all_demos()

fraction = st.floats(0.0, 1.0)
interventions = st.dictionaries(st.sampled_from(CONTRACT_INTERVENTIONS), fraction, max_size=3)


def assert_physical(run) -> None:
    for name in run:
        values = run[name]
        assert np.all(np.isfinite(values)), name
        if name in FRACTIONS:
            assert values.min() >= 0.0 and values.max() <= 1.0, name
        elif name.endswith("_rel") or name.endswith("_uM") or name == "potentiation":
            assert values.min() >= 0.0, name
    assert 0.0 <= run["symptom_score"].min() and run["symptom_score"].max() <= 60.0


@PROFILE
@given(route=st.sampled_from(KETAMINE_ROUTES), mg_per_kg=st.floats(0.1, 2.0),
       infusion_min=st.floats(0.0, 120.0), chosen=interventions,
       trigger=st.sampled_from(TRIGGERS))
def test_ketamine_across_the_slider_ranges(route, mg_per_kg, infusion_min, chosen, trigger):
    duration_h = infusion_min / 60 if route == "iv" else 0.0
    run = simulate([Dose("ketamine", route, mg_per_kg=mg_per_kg, duration_h=duration_h)],
                   t_end_h=48.0, interventions=chosen, trigger=trigger)
    assert_physical(run)


@PROFILE
@given(mg=st.floats(5.0, 60.0), n_days=st.integers(1, 21), block=fraction,
       hypothesis_name=st.sampled_from(SSRI_HYPOTHESES), with_ketamine=st.booleans())
def test_citalopram_and_mixed_regimens(mg, n_days, block, hypothesis_name, with_ketamine):
    doses = daily_citalopram(mg, n_days=n_days) + (single_infusion(start_h=48.0)
                                                   if with_ketamine else [])
    run = simulate(doses, t_end_h=21 * 24.0, interventions={"autoreceptor_block": block},
                   ssri_hypothesis=hypothesis_name)
    assert_physical(run)


@PROFILE
@given(seed=st.integers(0, 2**32 - 1), n_patients=st.integers(1, 300),
       control=st.sampled_from([None, "saline", "midazolam"]), t_end_h=st.floats(1.0, 72.0))
def test_cohorts_give_rates_and_scores_in_range(seed, n_patients, control, t_end_h):
    cohort = virtual_cohort(single_infusion(), n_patients=n_patients, seed=seed,
                            t_end_h=t_end_h, control=control)
    assert np.all(np.isfinite(cohort.scores))
    assert cohort.scores.min() >= 0.0 and cohort.scores.max() <= 60.0
    for rate in (cohort.response_rate(t_end_h), cohort.remission_rate(t_end_h)):
        assert 0.0 <= rate <= 1.0


@PROFILE
@given(data=st.data())
def test_every_demo_accepts_every_value_of_its_controls(data):
    demo = data.draw(st.sampled_from(DEMOS))
    values = {}
    for control in demo.controls:
        if isinstance(control, Slider):
            values[control.name] = data.draw(st.floats(control.min, control.max))
        else:
            values[control.name] = data.draw(st.sampled_from([v for _, v in control.options]))
    assert demo.checked(values) == values


# --- plasma against an ODE solve, over the declared parameter ranges -------------------------

TABLE = parameter_table()
MP = model_parameters()
PK_EXAMPLES = 100


def in_range(name: str) -> st.SearchStrategy[float]:
    row = TABLE[name]
    return st.floats(row.min, row.max)


def ode_central(matrix, input_index, central, doses, amounts, t_eval):
    """Central amount by solve_ivp (rtol 1e-12), stepping between dose events with kicks."""
    events = sorted({0.0, *(d.start_h for d in doses), *(d.start_h + d.duration_h for d in doses),
                     float(t_eval[-1])})
    state, out = np.zeros(len(matrix)), np.zeros(t_eval.size)
    for left, right in zip(events[:-1], events[1:]):
        rate = np.zeros(len(matrix))
        for dose, amount in zip(doses, amounts):
            if dose.duration_h == 0 and dose.start_h == left:
                state[input_index] += amount
            elif dose.duration_h > 0 and dose.start_h <= left < dose.start_h + dose.duration_h:
                rate[input_index] += amount / dose.duration_h
        inside = (t_eval >= left) & (t_eval <= right)
        sol = solve_ivp(lambda _t, a: matrix @ a + rate, (left, right), state, method="LSODA",
                        jac=lambda _t, _a: matrix, rtol=1e-12, atol=1e-16 * max(amounts),
                        dense_output=True)
        if inside.any():
            out[inside] = sol.sol(t_eval[inside])[central]
        state = sol.y[:, -1]
    return out


def coincide(draw, rate, target, low, high):
    """``rate``, or ``target`` (times 1 + a tiny offset) when that is within [low, high]."""
    offset = draw(st.sampled_from([None, 0.0, 1e-12, 1e-8, 1e-4]))
    if offset is None or not low <= target * (1 + offset) <= high:
        return rate
    return target * (1 + offset)


@settings(max_examples=PK_EXAMPLES, derandomize=True, deadline=None)
@given(data=st.data(), route=st.sampled_from(KETAMINE_ROUTES))
def test_ketamine_plasma_matches_solve_ivp_on_every_route(data, route):
    draw = data.draw
    pk = replace(MP.pk_ketamine, ketamine_k10_per_h=draw(in_range("ketamine_k10_per_h")),
                 ketamine_k12_per_h=draw(in_range("ketamine_k12_per_h")),
                 ketamine_k21_per_h=draw(in_range("ketamine_k21_per_h")))
    if route != "iv":  # ka drawn in range, or on one of the disposition rates on purpose
        name = f"ketamine_ka_{route}_per_h"
        target = -draw(st.sampled_from(disposition_rates_per_h(pk)))
        pk = replace(pk, **{name: coincide(draw, draw(in_range(name)), target,
                                           TABLE[name].min, TABLE[name].max)})
    # Times on a 1-min lattice, so the reference never integrates over a vanishing interval.
    durations = [draw(st.integers(0, 180)) / 60 if route == "iv" else 0.0 for _ in range(2)]
    doses = [Dose("ketamine", route, mg_per_kg=draw(st.floats(0.1, 2.0)),
                  start_h=draw(st.integers(0, 720)) / 60, duration_h=duration)
             for duration in durations]
    t_eval = np.linspace(0.0, 48.0, 577)
    volume_L = pk.ketamine_central_volume_L_per_kg * 70.0
    matrix, input_index, central = ketamine_rate_matrix(pk, route)
    amounts = [d.amount_mg * ketamine_bioavailability(pk, route) for d in doses]
    expected = mg_per_L_to_uM(ode_central(matrix, input_index, central, doses, amounts, t_eval)
                              / volume_L, pk.ketamine_molar_mass_g_per_mol)
    got = ketamine_plasma_uM(doses, t_eval, pk)
    np.testing.assert_allclose(got, expected, rtol=1e-8, atol=1e-10 * expected.max())


@settings(max_examples=PK_EXAMPLES // 2, derandomize=True, deadline=None)
@given(data=st.data())
def test_daily_citalopram_plasma_matches_solve_ivp(data):
    draw = data.draw
    ka = draw(in_range("citalopram_ka_per_h"))
    half_life = coincide(draw, draw(in_range("citalopram_half_life_h")), math.log(2) / ka,
                         TABLE["citalopram_half_life_h"].min, TABLE["citalopram_half_life_h"].max)
    pk = replace(MP.pk_citalopram, citalopram_ka_per_h=ka, citalopram_half_life_h=half_life,
                 citalopram_volume_L_per_kg=draw(in_range("citalopram_volume_L_per_kg")))
    doses = daily_citalopram(draw(st.floats(5.0, 60.0)), n_days=draw(st.integers(1, 5)),
                             start_day=draw(st.integers(0, 24)) / 24)
    t_eval = np.linspace(0.0, 7 * 24.0, 673)
    matrix, _ = citalopram_rate_matrix(pk)
    amounts = [d.amount_mg * pk.citalopram_bioavailability_oral for d in doses]
    volume_L = pk.citalopram_volume_L_per_kg * 70.0
    expected = mg_per_L_to_uM(ode_central(matrix, 0, 1, doses, amounts, t_eval) / volume_L,
                              pk.citalopram_molar_mass_g_per_mol)
    got = citalopram_plasma_uM(doses, t_eval, pk)
    np.testing.assert_allclose(got, expected, rtol=1e-8, atol=1e-10 * expected.max())


def test_coincident_rates_give_the_ode_plasma():
    """Issue 19: ka = ke used to give citalopram 0 everywhere, ka = beta ketamine 82-85% off."""
    run = simulate(daily_citalopram(20, 84), t_end_h=2016,
                   params={"citalopram_ka_per_h": 0.1, "citalopram_half_life_h": math.log(2) / 0.1})
    assert run["ssri_plasma_uM"].max() == pytest.approx(0.030182, rel=1e-4)  # ODE: 0.0301818
    oral = {"ketamine_k10_per_h": 1.5, "ketamine_k12_per_h": 1.0, "ketamine_k21_per_h": 1.0}
    peaks = [simulate([Dose("ketamine", "oral", mg_per_kg=0.5)], t_end_h=24.0,
                      params={**oral, "ketamine_ka_oral_per_h": ka})["ketamine_plasma_uM"].max()
             for ka in (0.5, 0.5 * (1 + 1e-7))]  # beta = 0.5 per h
    assert peaks[0] == pytest.approx(peaks[1], rel=1e-6)
    assert peaks[0] == pytest.approx(0.035990, rel=1e-4)


# --- corners of the declared parameter ranges ----------------------------------------------

#: The mechanism's parameters (simulate), each drawn at its declared min or max below.
MECHANISM = sorted(name for name, row in TABLE.items() if row.stage != "cohort"
                   and row.min < row.max)
CORNER_EXAMPLES = 60  # 400 random (not derandomised) examples also passed, 19 s of CPU
CORNER_DOSES = (single_infusion() + [Dose("ketamine", "oral", mg_per_kg=10.0, start_h=6.0,
                                          body_weight_kg=30.0)]
                + [Dose("citalopram", "oral", mg=100.0, start_h=24.0 * day, body_weight_kg=30.0)
                   for day in range(3)])


@settings(max_examples=CORNER_EXAMPLES, derandomize=True, deadline=None)
@given(corner=st.dictionaries(st.sampled_from(MECHANISM), st.sampled_from(["min", "max"]),
                              min_size=2, max_size=8))
def test_corners_of_the_declared_ranges_run(corner):
    """Issue 19: two in-range parameters together broke the model (citalopram V 1 L/kg with a
    200-h half-life; tonic opening and escape both 0). Several parameters at once at their
    bounds give physical outputs (or a ValueError naming one of them), never an internal error."""
    params = {name: getattr(TABLE[name], bound) for name, bound in corner.items()}
    try:
        run = simulate(CORNER_DOSES, t_end_h=96.0, params=params)
    except ValueError as error:
        assert any(name in str(error) for name in params), str(error)
        return
    assert_physical(run)


# --- the fast LSODA driver against solve_ivp (issue 19, item 6) ------------------------------

ORDINARY_REGIMENS = {
    "single infusion": (lambda: single_infusion(), 14 * 24.0),
    "six-infusion series": (lambda: infusion_series(), 28 * 24.0),
    "daily citalopram 20 mg, 84 days": (lambda: daily_citalopram(20, 84), 84 * 24.0),
    "intranasal dose": (lambda: [Dose("ketamine", "intranasal", mg_per_kg=1.0, start_h=3.0)],
                        72.0),
    "series and weekly boosters, 12 weeks": (
        lambda: infusion_series() + [Dose("ketamine", "iv", mg_per_kg=0.5, start_h=24.0 * day,
                                          duration_h=40 / 60) for day in range(18, 82, 7)],
        84 * 24.0),
    "series on top of daily citalopram": (
        lambda: daily_citalopram(20, 28) + infusion_series(), 28 * 24.0),
    # One dose every 8.7 h (the spacing of the 1,000-infusion year of bench_simulate): the
    # input never rests, a piece per dose for plasticity, one long piece for the circuit.
    "30 infusions 8.7 h apart": (lambda: infusion_series(days=np.linspace(0.0, 10.6, 30)),
                                 12 * 24.0),
}
#: Model variants with their own right-hand sides or inputs (same doses: the series).
VARIANTS = {
    "rest_block trigger": {"trigger": "rest_block"},
    "slow_plasticity hypothesis": {"ssri_hypothesis": "slow_plasticity"},
    "no disinhibition lag": {"params": {"disinhibition_lag_h": 0.0}},
    "interventions": {"interventions": {"ampa_block": 0.3, "bdnf_val66met": 1.0,
                                        "mtorc1_block": 0.2}},
}


def assert_fast_driver_matches_solve_ivp(doses, t_end_h, monkeypatch, label, **kwargs):
    from ketamine_moa import circuit, monoamine, plasticity
    from ketamine_moa.ode import fast_driver_works, solve_ivp_on_grid

    assert fast_driver_works(), "the fast LSODA driver is off with this scipy: check ode.py"
    fast = simulate(doses(), t_end_h=t_end_h, **kwargs)
    with monkeypatch.context() as patch:
        for module in (circuit, monoamine, plasticity):
            patch.setattr(module, "integrate_on_grid", solve_ivp_on_grid)
        slow = simulate(doses(), t_end_h=t_end_h, **kwargs)
    np.testing.assert_array_equal(fast.t_h, slow.t_h)
    for name in slow:
        scale = max(np.abs(slow[name]).max(), 1e-300)
        worst = np.abs(fast[name] - slow[name]).max() / scale
        assert worst <= 1e-5, f"{label}: {name} differs by {worst:.2e} of its largest value"


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_output_matches_solve_ivp_on_model_variants(variant, monkeypatch):
    """As below, for the other trigger, the other SSRI hypothesis, the no-lag circuit and
    interventions (with citalopram added, so the SSRI branch is integrated too)."""
    assert_fast_driver_matches_solve_ivp(lambda: daily_citalopram(20, 28) + infusion_series(),
                                         28 * 24.0, monkeypatch, variant, **VARIANTS[variant])


@pytest.mark.parametrize("regimen", ORDINARY_REGIMENS)
def test_every_output_matches_solve_ivp_on_ordinary_regimens(regimen, monkeypatch):
    """Every output of ``simulate`` within 1e-5 (relative to its largest value) of the same
    chain integrated by ``solve_ivp`` piece by piece, the direct method it replaced. The two
    take the same steps from the same interpolant, summed in another order; where that
    round-off tips one of LSODA's step-size choices the paths part, by how much depends on the
    CPU's floating-point kernels: potentiation on the 84-day course parted by 1e-7 on one
    machine and 1.1e-6 on another, both far inside the solvers' own tolerance (rtol 1e-3)."""
    doses, t_end_h = ORDINARY_REGIMENS[regimen]
    assert_fast_driver_matches_solve_ivp(doses, t_end_h, monkeypatch, regimen)


def test_a_scipy_whose_lsoda_internals_differ_falls_back_to_solve_ivp(monkeypatch):
    """If the fast driver cannot read LSODA's work arrays (another scipy's layout), the
    self-check says so and every run goes through ``solve_ivp``, with the same numbers."""
    from ketamine_moa import ode

    expected = simulate(single_infusion(), t_end_h=48.0)

    def missing_internals(*_args, **_kwargs):
        raise AttributeError("'LSODA' object has no attribute '_lsoda_solver'")

    ode.fast_driver_works.cache_clear()
    monkeypatch.setattr(ode, "lsoda_steps", missing_internals)
    try:
        assert not ode.fast_driver_works()
        fallback = simulate(single_infusion(), t_end_h=48.0)
    finally:
        ode.fast_driver_works.cache_clear()
    for name in expected:
        np.testing.assert_allclose(fallback[name], expected[name], rtol=0,
                                   atol=1e-8 * max(np.abs(expected[name]).max(), 1e-300))


def test_fast_driver_chunks_and_blocks_do_not_change_the_numbers(monkeypatch):
    """Steps recorded over many chunks (``_Steps.CHUNK``) and a grid evaluated in many blocks
    (``_Steps.BLOCK``), both made tiny here, give exactly the numbers of one chunk and one
    block: no step or grid point is lost or repeated at a seam, nor at a piece's start."""
    from ketamine_moa import ode

    expected = simulate(infusion_series(), t_end_h=10 * 24.0)
    monkeypatch.setattr(ode._Steps, "CHUNK", 7)
    monkeypatch.setattr(ode._Steps, "BLOCK", 5)
    seams = simulate(infusion_series(), t_end_h=10 * 24.0)
    for name in expected:
        np.testing.assert_array_equal(seams[name], expected[name], err_msg=name)


@settings(max_examples=50, derandomize=True, deadline=None)
@given(data=st.data())
def test_grid_interpolant_is_np_interp(data):
    """``ode.grid_interpolant`` gives exactly ``np.interp``'s numbers: between, on and
    outside the grid points."""
    from ketamine_moa.ode import grid_interpolant

    steps = data.draw(st.lists(st.floats(1e-3, 10.0), min_size=1, max_size=30))
    t = np.concatenate([[data.draw(st.floats(0.0, 100.0))], steps]).cumsum()
    values = [np.asarray(data.draw(st.lists(st.floats(-1e3, 1e3), min_size=t.size,
                                            max_size=t.size))) for _ in range(2)]
    at = grid_interpolant(t, *values)
    times = data.draw(st.lists(st.one_of(st.floats(t[0] - 5.0, t[-1] + 5.0),
                                         st.sampled_from(t.tolist())), min_size=1, max_size=20))
    for time in times:
        assert at(time) == tuple(float(np.interp(time, t, v)) for v in values)


@pytest.mark.parametrize("series", [1, 2, 3, "shared"])
def test_grid_interpolant_is_np_interp_along_a_solver_path(series):
    """On a long grid (1-min and 15-min steps) at times that move as a solver's do (mostly
    forward, by less than an interval up to many, sometimes back, on and off grid points,
    before and after the grid), ``grid_interpolant`` and the ``GridInputs`` rows it reads
    give exactly ``np.interp``'s numbers ("shared": a series repeated, one all zeros and one
    of zeros partly signed -0.0, whose tables are built differently)."""
    from ketamine_moa.ode import GridInputs, grid_interpolant

    rng = np.random.default_rng(0 if series == "shared" else series)
    t = np.unique(np.concatenate([np.arange(0.0, 200.0, 0.25), np.arange(30.0, 37.0, 1 / 60),
                                  np.arange(100.0, 106.0, 1 / 60)]))
    if series == "shared":
        first = rng.normal(size=t.size).cumsum()
        values = [first, first.copy(), np.zeros(t.size), np.where(first > 0, 0.0, -0.0)]
    else:
        values = [rng.normal(size=t.size).cumsum() for _ in range(series)]
    at = grid_interpolant(t, *values)
    table = GridInputs(t, *values)
    moves = rng.choice([1e-3, 0.01, 0.1, 0.5, 2.0, 20.0], size=3000) \
        * rng.choice([1.0, 1.0, 1.0, -0.5], size=3000)
    path = np.cumsum(moves) % 215.0 - 5.0  # wraps round: from before the grid to after it
    assert np.mean((path > 30.0) & (path < 37.0)) > 0.01  # some in each 1-min stretch
    times = np.concatenate([[-1.0], path, t[rng.integers(0, t.size, 300)],
                            [t[-1], t[-1] + 1.0, -5.0, t[0]]])
    for time in times.tolist():
        expected = tuple(float(np.interp(time, t, v)) for v in values)
        # Equal values (a -0.0 sample may read as +0.0, as ``==`` and every right-hand side's
        # arithmetic treat them: no right-hand side divides by an input).
        assert at(time) == expected, time
        j = table.locate(time)
        assert table.edges[j] <= time < table.edges[j + 1]
        assert tuple(slopes[j] * (time - table.start[j]) + v[j]
                     for slopes, v in zip(table.slopes, table.values)) == expected, time
