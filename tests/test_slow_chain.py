"""Tests of the SSRI branch (monoamine.py) and of whole regimens: fast vs slow, series, mixed.

Each science test names the finding it checks (its id in src/ketamine_moa/data/findings.csv).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from ketamine_moa import (OUTPUTS, daily_citalopram, infusion_series, model_parameters, simulate,
                          single_infusion, weekly_boosters)
from ketamine_moa.monoamine import monoamine_response, sert_occupancy

DAY_H = 24.0
WEEK_H = 7 * DAY_H


@lru_cache(maxsize=None)
def run_of(regimen: str, weeks: int = 12, autoreceptor_block: float = 0.0,
           ssri_hypothesis: str = "autoreceptor", mg_per_day: float = 20.0):
    """Named regimens, cached: the slow runs take ~0.1 s each."""
    regimens = {
        "none": [],
        "single": single_infusion(),
        "series": infusion_series(),
        "series+boosters": infusion_series() + weekly_boosters(first_day=18, n_boosters=10),
        "ssri": daily_citalopram(mg_per_day, n_days=7 * weeks),
        "ssri+series": daily_citalopram(mg_per_day, n_days=7 * weeks) + infusion_series(),
    }
    return simulate(regimens[regimen], t_end_h=weeks * WEEK_H,
                    interventions={"autoreceptor_block": autoreceptor_block},
                    ssri_hypothesis=ssri_hypothesis)


def improvement(run) -> np.ndarray:
    """Points below the pre-treatment score (positive = better)."""
    return model_parameters().symptoms.baseline_score_points - run["symptom_score"]


def day_mean(run, key: str, day: float) -> float:
    """Mean of an output over one day (smooths the daily swing of a once-a-day tablet)."""
    inside = (run.t_h >= day * DAY_H) & (run.t_h < (day + 1) * DAY_H)
    return float(run[key][inside].mean())


def week_mean_improvement(run, week: int) -> float:
    """Mean improvement over one week (0 = the first), in points."""
    inside = (run.t_h >= week * WEEK_H) & (run.t_h < (week + 1) * WEEK_H)
    return float(improvement(run)[inside].mean())


def time_to_half_max_improvement_h(run) -> float:
    gain = improvement(run)
    return float(run.t_h[np.argmax(gain >= gain.max() / 2)])


# --- the SSRI branch ---------------------------------------------------------------------------

def test_target_occupied_in_days_benefit_in_weeks():
    """SSRI-01: ~80% SERT occupancy at 20 mg/day (77% for citalopram after 4 weeks), reached
    within a week, while the improvement at day 7 is well below its week-6 value."""
    run = run_of("ssri")
    assert day_mean(run, "sert_occupancy", 6) >= 0.75
    assert day_mean(run, "sert_occupancy", 27) == pytest.approx(0.77, abs=0.01)
    gain_day7 = float(run.at("symptom_score", 0) - run.at("symptom_score", 7 * DAY_H))
    gain_week6 = float(run.at("symptom_score", 0) - run.at("symptom_score", 6 * WEEK_H))
    assert gain_week6 > 8.0
    assert gain_day7 < 0.15 * gain_week6


def test_occupancy_saturates_near_85_percent():
    """SSRI-01/02: occupancy plateaus near 85%; doubling the dose adds only a few points."""
    params = model_parameters().monoamine
    steady_20 = day_mean(run_of("ssri", weeks=4), "sert_occupancy", 27)
    steady_40 = day_mean(run_of("ssri", weeks=4, mg_per_day=40.0), "sert_occupancy", 27)
    assert 0.0 < steady_40 - steady_20 < 0.06
    assert float(sert_occupancy(np.array([10.0]), params)[0]) == pytest.approx(0.85, abs=0.002)


def test_raphe_firing_drops_early_and_recovers():
    """SSRI-06: the SSRI first lowers raphe firing; as 5-HT1A autoreceptors desensitise
    (~40% by day 3, 60-80% by day 21 in rat raphe) firing recovers and terminal serotonin climbs
    over 2-3 weeks."""
    run = run_of("ssri")
    early = run.t_h <= 3 * DAY_H
    assert run["raphe_firing_rel"][early].min() < 0.65
    assert day_mean(run, "raphe_firing_rel", 21) > 0.85
    assert 0.25 < run.at("autoreceptor_desensitisation", 3 * DAY_H) < 0.5
    assert 0.6 <= run.at("autoreceptor_desensitisation", 21 * DAY_H) <= 0.85
    serotonin_gain_day1 = day_mean(run, "serotonin_rel", 1) - 1.0
    serotonin_gain_day21 = day_mean(run, "serotonin_rel", 21) - 1.0
    assert serotonin_gain_day1 < 0.5 * serotonin_gain_day21


def test_autoreceptor_block_speeds_the_improvement():
    """SSRI-06: pindolol-like autoreceptor block speeds the response (autoreceptor account)."""
    plain = time_to_half_max_improvement_h(run_of("ssri"))
    pindolol = time_to_half_max_improvement_h(run_of("ssri", autoreceptor_block=1.0))
    assert pindolol < 0.75 * plain
    assert run_of("ssri", autoreceptor_block=1.0)["raphe_firing_rel"].min() == pytest.approx(1.0)


def test_slow_plasticity_variant_has_the_same_time_course_and_ignores_pindolol():
    """SSRI-07: the autoreceptor account is contested; the 'slow plasticity' variant keeps the
    time course, and in it autoreceptor block no longer speeds anything."""
    autoreceptor = run_of("ssri")
    variant = run_of("ssri", ssri_hypothesis="slow_plasticity")
    assert time_to_half_max_improvement_h(variant) == pytest.approx(
        time_to_half_max_improvement_h(autoreceptor), rel=0.1)
    for week in (2, 4, 8, 12):
        assert abs(variant.at("symptom_score", week * WEEK_H)
                   - autoreceptor.at("symptom_score", week * WEEK_H)) < 1.5
    blocked = run_of("ssri", autoreceptor_block=1.0, ssri_hypothesis="slow_plasticity")
    np.testing.assert_allclose(blocked["symptom_score"], variant["symptom_score"], atol=1e-9)


def test_slow_bdnf_expression_versus_fast_release():
    """SSRI-09 and BDNF-01: the SSRI raises BDNF expression over weeks; ketamine releases BDNF
    within an hour or two."""
    ssri = run_of("ssri")
    expression_gain = ssri["bdnf_expression_rel"] - 1.0
    half_rise_h = ssri.t_h[np.argmax(expression_gain >= expression_gain.max() / 2)]
    assert half_rise_h > WEEK_H
    assert expression_gain.max() > 0.2
    ketamine = run_of("single", weeks=2)
    assert ketamine.t_h[np.argmax(ketamine["bdnf_release_rel"])] < 2.0


def test_neurogenesis_needs_weeks():
    """SSRI-08: hippocampal neurogenesis rises only with chronic treatment, and new neurons
    take weeks to mature; one week of treatment does next to nothing."""
    run = run_of("ssri")
    assert run.at("new_neurons_rel", WEEK_H) < 1.01
    assert run.at("new_neurons_rel", 8 * WEEK_H) > 1.15
    gain = run["new_neurons_rel"] - 1.0
    assert run.t_h[np.argmax(gain >= gain.max() / 2)] > 4 * WEEK_H


# --- fast vs slow ------------------------------------------------------------------------------

def test_ketamine_is_fast_and_the_ssri_slow():
    """CLIN-02/CLIN-03 vs SSRI-03: half the maximal improvement in under a day for one
    ketamine infusion, and in over a week (here over three) for daily citalopram."""
    assert time_to_half_max_improvement_h(run_of("single", weeks=2)) < DAY_H
    assert time_to_half_max_improvement_h(run_of("ssri")) > 3 * WEEK_H


def test_series_builds_fades_without_boosters_and_boosters_hold_it():
    """CLIN-09: six infusions over two weeks build beyond one; without maintenance the gain is
    mostly lost within ~3 weeks of the last infusion; weekly boosters keep a plateau (in the toy
    about half of the series peak: one infusion a week holds less than three)."""
    single = improvement(run_of("single", weeks=8)).max()
    series = run_of("series", weeks=8)
    series_peak = improvement(series).max()
    assert series_peak > 1.5 * single
    last_infusion_h = 11 * DAY_H
    assert float(np.interp(last_infusion_h + 19 * DAY_H, series.t_h, improvement(series))) \
        < 0.5 * series_peak
    boosted = run_of("series+boosters", weeks=8)
    for week in (4, 5, 6, 7):
        held = week_mean_improvement(boosted, week)
        assert held > 0.4 * series_peak
        assert held > 5 * week_mean_improvement(series, week)


def test_mixed_regimen_is_finite_and_keeps_both_effects():
    """A ketamine series on top of a daily SSRI shares one synaptic state and one score."""
    mixed = run_of("ssri+series")
    for name in OUTPUTS:
        assert np.all(np.isfinite(mixed[name])), name
    ssri, series = run_of("ssri"), run_of("series")
    assert mixed.at("symptom_score", DAY_H) <= series.at("symptom_score", DAY_H) + 0.1
    assert mixed.at("symptom_score", 8 * WEEK_H) <= ssri.at("symptom_score", 8 * WEEK_H) + 0.1
    assert (mixed["spine_density_rel"].max()
            <= model_parameters().plasticity.healthy_spine_density_rel)


def test_ssri_outputs_are_at_baseline_without_citalopram():
    run = run_of("single", weeks=2)
    assert np.all(run["sert_occupancy"] == 0.0)
    for name in ("raphe_firing_rel", "serotonin_rel", "bdnf_expression_rel", "new_neurons_rel"):
        assert np.all(run[name] == 1.0), name
    blocked = simulate(single_infusion(), t_end_h=2 * WEEK_H,
                       interventions={"autoreceptor_block": 1.0})
    np.testing.assert_array_equal(blocked["symptom_score"], run["symptom_score"])


# --- bad input ---------------------------------------------------------------------------------

def test_unknown_ssri_hypothesis_raises():
    with pytest.raises(ValueError, match="ssri_hypothesis.*'autoreceptor', 'slow_plasticity'"):
        simulate(daily_citalopram(n_days=3), t_end_h=72, ssri_hypothesis="monoamine")


@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan")])
def test_bad_autoreceptor_block_raises(value):
    with pytest.raises(ValueError, match=r"autoreceptor_block.*\[0, 1\]"):
        simulate(daily_citalopram(n_days=3), t_end_h=72,
                 interventions={"autoreceptor_block": value})


def test_bad_citalopram_level_raises():
    params = model_parameters().monoamine
    with pytest.raises(ValueError, match=r"citalopram_uM must lie in \[0, 20\] uM"):
        monoamine_response(np.arange(3.0), np.array([0.1, -1.0, 0.1]), params)
    with pytest.raises(ValueError, match="citalopram_uM contains NaN"):
        sert_occupancy(np.array([np.nan]), params)
