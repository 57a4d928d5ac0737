"""NMDA block: Hill occupancy and the four-state trapping scheme against published numbers."""

import numpy as np
import pytest

from ketamine_moa import model_parameters, simulate, single_infusion
from ketamine_moa import receptors
from ketamine_moa.published import published
from ketamine_moa.scorecard import CHECK_BY_ID as FINDING

NMDA = model_parameters().nmda
#: Each finding's check from src/ketamine_moa/data/findings.csv (no published range typed here).
SATURATING = NMDA.nmda_open_rate_agonist_per_s


def test_hill_block_matches_nmda02():
    """NMDA-02: the check's block at its concentration; at the highest measured concentration
    the Hill curve (n = 1 through the 1 uM point) blocks at least as much as measured (it sits
    above Mealing's 10 uM value: a known limit of the one-parameter curve)."""
    hill = FINDING["NMDA-02"]
    highest = max(published("nmda_block"), key=lambda v: v.x)
    block = receptors.hill_block([hill.number("conc_uM"), highest.x], NMDA.ketamine_nmda_ic50_uM,
                                 NMDA.ketamine_nmda_hill_n)
    assert hill.low <= block[0] <= hill.high
    assert highest.value - 2 * highest.sd <= block[1] < 1.0


def test_kinetic_scheme_agrees_with_hill_at_saturating_agonist():
    conc = np.array([0.1, 1.0, 10.0])
    kinetic = receptors.current_block(conc, SATURATING, NMDA)
    hill = receptors.hill_block(conc, NMDA.ketamine_nmda_ic50_uM, NMDA.ketamine_nmda_hill_n)
    np.testing.assert_allclose(kinetic, hill, atol=0.01)


def test_steady_state_is_a_distribution():
    p = receptors.steady_state(np.array([0.0, 0.5, 5.0, 500.0]), 0.05, NMDA)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)
    assert np.all(p >= 0)
    assert receptors.blocked_fraction(0.0, 0.05, NMDA) == pytest.approx(0.0, abs=1e-12)


def test_trapping_matches_nmda03():
    """NMDA-03: most of the block stays 120 s after agonist removal (the row's washout)."""
    washout = FINDING["NMDA-03"]
    remaining = receptors.block_remaining_after_washout(
        washout.number("conc_uM"), washout.number("washout_s"), NMDA, agonist_during_washout=0.0)
    assert washout.low < remaining < washout.high


def test_unblocking_needs_opening():
    """With agonist during the washout the channels open and the drug leaves within seconds."""
    with_agonist = receptors.block_remaining_after_washout(1.0, 120.0, NMDA,
                                                           agonist_during_washout=1.0)
    assert with_agonist < 0.01
    trace = receptors.run_protocol(receptors.washout_protocol(1.0, 120.0, 0.0, test_s=30.0), NMDA)
    before_test = trace.blocked[np.searchsorted(trace.t_s, 150.0)]
    assert before_test > 0.25          # still trapped until the agonist returns ...
    assert trace.blocked[-1] < 0.01    # ... and gone 30 s after it does


@pytest.mark.parametrize("conc_uM, washout_s, agonist", [(1.0, 120.0, 0.0), (10.0, 30.0, 0.5),
                                                         (0.1, 600.0, 1.0)])
def test_protocol_trace_is_the_ode_solution(conc_uM, washout_s, agonist):
    """``run_protocol`` (the exact solution, a matrix exponential per phase) agrees with the
    scheme's ODE integrated by ``solve_ivp`` at tight tolerances, at every output point."""
    from scipy.integrate import solve_ivp

    phases = receptors.washout_protocol(conc_uM, washout_s, agonist)
    trace = receptors.run_protocol(phases, NMDA)
    p = receptors.steady_state(0.0, SATURATING, NMDA)
    reference = [p[None, :]]
    for phase in phases:
        q = receptors.rate_matrix(phase.conc_uM, phase.agonist * SATURATING, NMDA)
        t_eval = np.linspace(0.0, phase.duration_s, 201)[1:]
        sol = solve_ivp(lambda _t, y, q=q: q @ y, (0.0, phase.duration_s), p, method="LSODA",
                        t_eval=t_eval, jac=lambda _t, _y, q=q: q, rtol=1e-11, atol=1e-13)
        reference.append(sol.y.T)
        p = sol.y[:, -1]
    np.testing.assert_allclose(trace.occupancy, np.vstack(reference), rtol=0, atol=1e-8)


def test_use_dependence_blocks_busy_channels_more():
    conc = np.array([0.3, 0.75, 3.0])
    busy = receptors.blocked_fraction(conc, NMDA.nmda_tonic_open_rate_interneuron_per_s, NMDA)
    quiet = receptors.blocked_fraction(conc, NMDA.nmda_tonic_open_rate_pyramidal_per_s, NMDA)
    assert np.all(busy > 1.5 * quiet)


def test_simulate_blocks_interneurons_more_at_antidepressant_exposure():
    run = simulate(single_infusion(), t_end_h=24)
    peak = run["ketamine_plasma_uM"].argmax()
    assert 0.25 < run["nmda_block_interneuron"][peak] < 0.5
    assert run["nmda_block_pyramidal"][peak] < 0.5 * run["nmda_block_interneuron"][peak]
    assert run.at("nmda_block_interneuron", 24.0) < 0.01


@pytest.mark.parametrize("kwargs, name", [
    (dict(duration_s=0.0, conc_uM=1.0, agonist=1.0), "duration_s"),
    (dict(duration_s=1.0, conc_uM=-1.0, agonist=1.0), "conc_uM"),
    (dict(duration_s=1.0, conc_uM=1.0, agonist=1.5), "agonist"),
    (dict(duration_s=1.0, conc_uM=float("nan"), agonist=1.0), "conc_uM"),
])
def test_bad_protocol_phase(kwargs, name):
    with pytest.raises(ValueError, match=name):
        receptors.Phase(**kwargs)


def test_cell_type_ratio_is_an_assumption_resting_on_the_escape_rate():
    """The interneuron/pyramidal block ratio: 1 without escape, rising with it (its control)."""
    peak_uM = float(simulate(single_infusion(), t_end_h=6)["ketamine_plasma_uM"].max())
    rows = receptors.block_ratio_sensitivity(peak_uM, NMDA, (0.0, 0.3, 1.0, 3.0, 10.0))
    ratios = [row["ratio"] for row in rows]
    assert ratios[0] == pytest.approx(1.0, abs=1e-9)          # detailed balance: no difference
    assert all(a < b for a, b in zip(ratios, ratios[1:]))      # more escape, more difference
    default = rows[2]
    assert default["escape_per_s"] == NMDA.ketamine_trapped_escape_per_s
    assert 2.5 < default["ratio"] < 3.3                        # 33.8% vs 11.7% at the peak
    assert FINDING["NMDA-03"].low < default["washout_block_left"] < FINDING["NMDA-03"].high
    assert rows[-1]["ratio"] > 7.0                             # ten times the escape
    assert rows[-1]["washout_block_left"] < FINDING["NMDA-03"].low  # ... contradicts NMDA-03
    b_i, b_e = receptors.cell_type_blocks(peak_uM, NMDA)
    assert (b_i, b_e) == pytest.approx((default["block_interneuron"], default["block_pyramidal"]))


@pytest.mark.parametrize("kwargs, name", [
    (dict(conc_uM=-1.0), "conc_uM"),
    (dict(conc_uM=1.0, escape_multipliers=(-1.0,)), "escape_multipliers"),
    (dict(conc_uM=1.0, escape_multipliers=(1e6,)), "escape_multipliers"),
    (dict(conc_uM=1.0, escape_multipliers=()), "escape_multipliers"),
])
def test_bad_block_ratio_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        receptors.block_ratio_sensitivity(nmda=NMDA, **kwargs)


def test_washout_share_needs_a_block_to_start_from():
    with pytest.raises(ValueError, match=r"conc_uM.*\(0, "):
        receptors.block_remaining_after_washout(0.0, 120.0, NMDA)


NMDA_RATES = ("nmda_open_rate_agonist_per_s", "nmda_close_rate_per_s",
              "ketamine_kon_per_uM_per_s", "ketamine_koff_per_s",
              "ketamine_trapped_escape_per_s", "nmda_tonic_open_rate_interneuron_per_s",
              "nmda_tonic_open_rate_pyramidal_per_s")


def linear_solve_steady_state(conc_uM: np.ndarray, open_rate_per_s: float,
                              nmda) -> np.ndarray:
    """The steady state as ``receptors.steady_state`` computed it before its closed form: one
    balance row of Q replaced by sum(p) = 1 and the system solved per concentration."""
    rows = []
    for conc in np.atleast_1d(conc_uM):
        q = receptors.rate_matrix(float(conc), open_rate_per_s, nmda)
        q[3, :] = 1.0
        rows.append(np.clip(np.linalg.solve(q, [0.0, 0.0, 0.0, 1.0]), 0.0, 1.0))
    return np.array(rows)


@pytest.mark.parametrize("seed", range(40))
def test_closed_form_steady_state_is_the_linear_solve(seed):
    """``steady_state`` (closed form) equals the linear solve it replaced (within the solve's
    own round-off) and makes Q p vanish, over random in-range rates (log-uniform within each
    declared range, each rate at its declared minimum (0 for escape and the tonic opening
    rates) in some draws) and concentrations from 0 to 1000 uM."""
    from ketamine_moa.params import parameter_table

    rng = np.random.default_rng(seed)
    table = parameter_table()
    values = {}
    for name in NMDA_RATES:
        low, high = table[name].min, table[name].max
        if rng.random() < 0.25:
            values[name] = low  # the declared minimum, 0 for escape and the tonic rates
        else:
            values[name] = float(np.exp(rng.uniform(np.log(max(low, 1e-6)), np.log(high))))
    nmda = model_parameters(values).nmda
    conc = np.concatenate([[0.0], 10.0 ** rng.uniform(-4.0, 3.0, size=20), [1000.0]])
    for open_rate in (nmda.nmda_open_rate_agonist_per_s,
                      nmda.nmda_tonic_open_rate_interneuron_per_s,
                      nmda.nmda_tonic_open_rate_pyramidal_per_s):
        closed = receptors.steady_state(conc, open_rate, nmda)
        np.testing.assert_allclose(closed.sum(axis=-1), 1.0, rtol=0, atol=1e-12)
        if open_rate == 0.0:  # never opens: all closed (Q may be singular, no solve)
            np.testing.assert_array_equal(closed, np.tile([1.0, 0.0, 0.0, 0.0], (conc.size, 1)))
            continue
        reference = linear_solve_steady_state(conc, open_rate, nmda)
        # The linear solve carries LU round-off of up to ~1e-10 when the rates span six
        # decades; the closed form has none (sums of products of rates >= 0).
        np.testing.assert_allclose(closed, reference, rtol=1e-5, atol=1e-9,
                                   err_msg=f"{values}, open rate {open_rate}")
        # ... and it is the solution: Q p = 0 to round-off of the largest flux.
        for c, p in zip(conc, closed):
            q = receptors.rate_matrix(float(c), open_rate, nmda)
            assert np.abs(q @ p).max() <= 1e-14 * np.abs(q).max(), (values, open_rate, c)


def test_closed_form_steady_state_at_declared_minima():
    """Every rate at its declared minimum at once (escape 0: detailed balance), and the
    escape alone at 0: block = b / (b + koff) as the linear solve gives."""
    from ketamine_moa.params import parameter_table

    table = parameter_table()
    lowest = model_parameters({name: table[name].min for name in NMDA_RATES
                               if not name.startswith("nmda_tonic")}).nmda
    conc = np.array([0.0, 1e-3, 0.75, 10.0, 1000.0])
    for nmda in (lowest, model_parameters({"ketamine_trapped_escape_per_s": 0.0}).nmda):
        for open_rate in (nmda.nmda_open_rate_agonist_per_s, 0.05):
            closed = receptors.steady_state(conc, open_rate, nmda)
            np.testing.assert_allclose(closed, linear_solve_steady_state(conc, open_rate, nmda),
                                       rtol=1e-5, atol=1e-9)
            bind = nmda.ketamine_kon_per_uM_per_s * conc
            np.testing.assert_allclose(closed[:, 2] + closed[:, 3],
                                       bind / (bind + nmda.ketamine_koff_per_s), rtol=1e-12)
