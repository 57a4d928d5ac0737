"""Pharmacokinetics: exact solutions, mass balance, published peak and half-life."""

import math
from dataclasses import replace

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.linalg import expm

from ketamine_moa import (Dose, daily_citalopram, infusion_series, model_parameters, simulate,
                          single_infusion)
from ketamine_moa import pk
from ketamine_moa.scorecard import CHECK_BY_ID as FINDING

#: Each finding's check (accepted range low-high) from src/ketamine_moa/data/findings.csv: no
#: published value or accepted range is typed in this file (issue 14).
PK = model_parameters().pk_ketamine
CIT = model_parameters().pk_citalopram
FINE_T_H = np.linspace(0.0, 72.0, 72 * 120 + 1)


def test_peak_after_standard_infusion_matches_pk01():
    """PK-01: 0.5 mg/kg over 40 min peaks inside the published range, at the end of the
    infusion."""
    conc = pk.ketamine_plasma_uM(single_infusion(), FINE_T_H, PK)
    assert FINDING["PK-01"].low <= conc.max() <= FINDING["PK-01"].high
    assert FINE_T_H[conc.argmax()] == pytest.approx(40 / 60, abs=1 / 60)


def test_terminal_half_life_and_24h_level():
    """PK-03: terminal half-life inside the published range, and the slope of the simulated
    plasma says the same; under 1% of the peak is left at 24 h."""
    half_life = FINDING["PK-03"]
    assert half_life.unit == "h"
    assert half_life.low <= pk.ketamine_terminal_half_life_h(PK) <= half_life.high
    conc = pk.ketamine_plasma_uM(single_infusion(), FINE_T_H, PK)
    late = (FINE_T_H >= 8) & (FINE_T_H <= 16)
    slope = np.polyfit(FINE_T_H[late], np.log(conc[late]), 1)[0]
    assert -math.log(2) / slope == pytest.approx(pk.ketamine_terminal_half_life_h(PK), rel=0.02)
    assert np.interp(24.0, FINE_T_H, conc) < 0.01 * conc.max()


@pytest.mark.parametrize("route", pk.KETAMINE_ROUTES)
def test_mass_balance(route):
    """Drug in the body plus drug eliminated equals the absorbed dose, at every time."""
    dose = Dose("ketamine", route, mg_per_kg=0.5, duration_h=40 / 60 if route == "iv" else 0.0)
    amounts = pk.ketamine_amounts_mg(dose, FINE_T_H, PK)
    _, _, central = pk.ketamine_rate_matrix(PK, route)
    eliminated = np.concatenate([[0.0], np.cumsum(
        0.5 * (amounts[1:, central] + amounts[:-1, central]) * np.diff(FINE_T_H))]
    ) * PK.ketamine_k10_per_h
    absorbed = dose.amount_mg * pk.ketamine_bioavailability(PK, route)
    after_dosing = FINE_T_H >= 1.0
    total = amounts.sum(axis=1) + eliminated
    np.testing.assert_allclose(total[after_dosing], absorbed, rtol=2e-3)


@pytest.mark.parametrize("route", pk.KETAMINE_ROUTES)
def test_exact_solution_agrees_with_solve_ivp(route):
    dose = Dose("ketamine", route, mg_per_kg=0.5, start_h=1.0,
                duration_h=40 / 60 if route == "iv" else 0.0)
    matrix, _, _ = pk.ketamine_rate_matrix(PK, route)
    t_eval = np.linspace(dose.start_h + dose.duration_h, 30.0, 200)
    start = pk.ketamine_amounts_mg(dose, t_eval[:1], PK)[0]
    sol = solve_ivp(lambda _t, a: matrix @ a, (t_eval[0], t_eval[-1]), start, t_eval=t_eval,
                    method="LSODA", rtol=1e-9, atol=1e-9)
    exact = pk.ketamine_amounts_mg(dose, t_eval, PK)
    np.testing.assert_allclose(exact, sol.y.T, atol=1e-6)


def test_propagator_is_the_matrix_exponential_even_for_coincident_rates():
    """Newton's form equals scipy.linalg.expm, also where ka equals a disposition rate."""
    taus = np.array([0.0, 1e-6, 1 / 60, 0.7, 5.0, 48.0])
    for ka in (2.0, 0.5, 0.5 * (1 + 1e-9)):   # distinct; = beta; within 1e-9 of beta
        slow = replace(PK, ketamine_k10_per_h=1.5, ketamine_k12_per_h=1.0,
                       ketamine_k21_per_h=1.0, ketamine_ka_oral_per_h=ka)  # alpha 3, beta 0.5
        matrix, _, _ = pk.ketamine_rate_matrix(slow, "oral")
        rates = pk.ketamine_rates_per_h(slow, "oral")
        np.testing.assert_allclose(np.sort(rates), np.sort(np.linalg.eigvals(matrix).real),
                                   rtol=1e-7)
        for tau in taus:
            expected = expm(matrix * tau)
            got = pk.propagate(matrix, rates, np.full(3, tau), np.eye(3)).T
            np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


def test_auc_scales_with_dose_and_bioavailability():
    """PK-04: AUC = F * dose / (k10 V1); doubling the dose doubles it; routes scale by F."""
    t_h = np.linspace(0.0, 96.0, 96 * 60 + 1)
    clearance_L_per_h = PK.ketamine_k10_per_h * PK.ketamine_central_volume_L_per_kg * 70.0

    def auc_uM_h(route, mg_per_kg):
        dose = Dose("ketamine", route, mg_per_kg=mg_per_kg)
        return pk.auc_uM_h(t_h, pk.ketamine_plasma_uM([dose], t_h, PK))

    iv = auc_uM_h("iv", 0.5)
    expected = 0.5 * 70.0 / clearance_L_per_h / PK.ketamine_molar_mass_g_per_mol * 1000
    assert iv == pytest.approx(expected, rel=0.01)
    assert auc_uM_h("iv", 1.0) == pytest.approx(2 * iv, rel=1e-6)
    for route in ("intranasal", "sublingual", "oral"):
        ratio = auc_uM_h(route, 0.5) / iv
        assert ratio == pytest.approx(pk.ketamine_bioavailability(PK, route), rel=0.01)


def test_routes_peak_in_order_of_absorption():
    peaks = {r: FINE_T_H[pk.ketamine_plasma_uM([Dose("ketamine", r, mg_per_kg=0.5)], FINE_T_H,
                                               PK).argmax()]
             for r in pk.KETAMINE_ROUTES}
    assert peaks["iv"] == 0.0
    assert 0.2 < peaks["intranasal"] < peaks["sublingual"] < peaks["oral"] < 1.0


def test_doses_add_up():
    two = pk.ketamine_plasma_uM(single_infusion() + single_infusion(start_h=1.0), FINE_T_H, PK)
    one = pk.ketamine_plasma_uM(single_infusion(), FINE_T_H, PK)
    later = pk.ketamine_plasma_uM(single_infusion(start_h=1.0), FINE_T_H, PK)
    np.testing.assert_allclose(two, one + later, atol=1e-12)


def test_citalopram_reaches_steady_state_within_a_week():
    """PK-07: daily citalopram: ~90% of steady state by day 5-7; peak 2-4 h after a dose."""
    t_h = np.arange(0.0, 28 * 24.0, 0.25)
    conc = pk.citalopram_plasma_uM(daily_citalopram(mg=20.0, n_days=28), t_h, CIT)
    daily_mean = conc[: 28 * 96].reshape(28, 96).mean(axis=1)
    assert daily_mean[6] >= 0.9 * daily_mean[-1]
    assert daily_mean[1] < 0.7 * daily_mean[-1]
    single = pk.citalopram_plasma_uM(daily_citalopram(mg=20.0, n_days=1), t_h, CIT)
    assert 2.0 <= t_h[single.argmax()] <= 4.0
    last_day = conc[-96:]
    assert last_day.max() / last_day.min() < 2.0
    assert 0.08 < daily_mean[-1] < 0.25  # 20 mg/day gives roughly 30-80 ng/mL


def test_schedules():
    series = infusion_series()
    assert [d.start_h / 24 for d in series] == [0, 2, 4, 7, 9, 11]
    assert all(d.duration_h == pytest.approx(40 / 60) for d in series)
    assert len(daily_citalopram(n_days=10)) == 10


def test_simulate_outputs_and_series_peaks():
    run = simulate(infusion_series(), t_end_h=14 * 24)
    assert np.all(np.diff(run.t_h) > 0)
    for key in ("ketamine_plasma_uM", "ssri_plasma_uM", "nmda_block_interneuron",
                "nmda_block_pyramidal"):
        assert run[key].shape == run.t_h.shape and np.all(np.isfinite(run[key]))
    assert np.all(run["ssri_plasma_uM"] == 0.0)
    for dose in run.doses:
        assert run.at("ketamine_plasma_uM", dose.start_h + 40 / 60) > 0.7
