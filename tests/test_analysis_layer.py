"""The analysis layer: named regimens, one memoised run with read-only arrays, and read-outs
with one definition each."""

import math

import numpy as np
import pytest

from ketamine_moa import readouts, regimens
from ketamine_moa.chain import simulate
from ketamine_moa.params import parameter_table
from ketamine_moa.cohort import virtual_cohort
from ketamine_moa.pk import single_infusion


def test_a_cached_run_cannot_be_changed_by_a_reader():
    """The notebook-03 accident: a student's in-place edit used to corrupt every later view."""
    run = regimens.run("single", t_end_h=48.0)
    peak_before = run["glutamate_rel"].max()
    g = run["glutamate_rel"]
    with pytest.raises(ValueError, match="read-only"):
        g -= 1
    with pytest.raises(ValueError, match="read-only"):
        run.t_h[0] = 5.0
    assert regimens.run("single", t_end_h=48.0)["glutamate_rel"].max() == peak_before


def test_a_fresh_simulate_run_is_read_only_too():
    run = simulate(single_infusion(), t_end_h=6.0)
    with pytest.raises(ValueError, match="read-only"):
        run["ketamine_plasma_uM"][:] = 0.0


def test_cohort_arrays_are_read_only():
    cohort = virtual_cohort(single_infusion(), n_patients=5, seed=1, t_end_h=48.0)
    with pytest.raises(ValueError, match="read-only"):
        cohort.scores[0, 0] = 0.0


def test_run_is_memoised_on_every_argument():
    first = regimens.run("single", t_end_h=48.0)
    assert regimens.run("single", t_end_h=48) is first
    changed = regimens.run("single", t_end_h=48.0, params={"ketamine_koff_per_s": 2.0})
    assert changed is not first
    assert changed["nmda_block_interneuron"].max() < first["nmda_block_interneuron"].max()
    rest = regimens.run("single", t_end_h=48.0, trigger="rest_block")
    assert rest is not first
    assert not np.array_equal(rest["bdnf_release_rel"], first["bdnf_release_rel"])
    blocked = regimens.run("single", t_end_h=48.0, interventions={"ampa_block": 1.0})
    assert blocked["ampa_activation_rel"].max() == pytest.approx(1.0)
    # an override equal to the CSV value is the default run (a slider at its default)
    koff = parameter_table()["ketamine_koff_per_s"].value
    assert regimens.run("single", t_end_h=48.0, params={"ketamine_koff_per_s": koff}) is first
    with pytest.raises(ValueError, match="not_a_parameter"):
        regimens.run("single", t_end_h=48.0, params={"not_a_parameter": 1.0})


def test_named_regimens_are_the_study_designs():
    assert len(regimens.doses("series")) == 6
    assert len(regimens.doses("series+boosters")) == 6 + regimens.N_BOOSTERS
    assert len(regimens.doses("ssri", t_end_h=8 * readouts.WEEK_H)) == 56
    assert regimens.doses("untreated") == []
    with pytest.raises(ValueError, match="regimen: unknown regimen 'daily'; known: untreated"):
        regimens.run("daily")


def test_time_to_half_peak_interpolates_between_grid_points():
    t_h = np.array([0.0, 1.0, 2.0, 3.0])
    assert readouts.time_to_half_peak_h(t_h, np.array([0.0, 0.2, 1.0, 0.5])) == pytest.approx(
        1.375)
    assert readouts.time_to_half_peak_h(t_h, np.array([1.0, 0.2, 0.0, 0.0])) == 0.0
    assert math.isnan(readouts.time_to_half_peak_h(t_h, np.zeros(4)))


def test_improvement_and_day_means():
    run = regimens.run("single", t_end_h=72.0)
    improvement = readouts.improvement(run)
    assert improvement[0] == pytest.approx(0.0)
    top, when_h = readouts.peak(run, "improvement")
    assert top == pytest.approx(improvement.max()) and 12 < when_h < 48
    day1 = (run.t_h >= 24) & (run.t_h < 48)
    assert readouts.day_mean(run, "improvement", 1) == pytest.approx(improvement[day1].mean())
    with pytest.raises(ValueError, match="day must lie within the run"):
        readouts.day_mean(run, "improvement", 9)


def test_changes_half_times_and_fade_times_of_one_run():
    run = regimens.run("single", t_end_h=14 * readouts.DAY_H)
    change = readouts.change_from_start(run, "spine_density_rel")
    assert change[0] == 0.0 and change.max() == pytest.approx(run["spine_density_rel"].max() - 1)
    half_h = readouts.half_peak_time_h(run, "spine_density_rel")
    i = int(np.searchsorted(run.t_h, half_h))   # the half level is crossed in (t[i-1], t[i]]
    assert change[i - 1] < change.max() / 2 <= change[i]
    assert readouts.half_peak_day(run, "spine_density_rel") == pytest.approx(half_h / 24)
    # the fade time: after the peak, the interpolated crossing of the level, for any output
    for key, fraction in (("improvement", 0.5), ("ketamine_plasma_uM", 0.1)):
        values = readouts.series(run, key)
        fade_h = readouts.fade_time_h(run, fraction, key)
        top_h = run.t_h[int(np.argmax(values))]
        assert fade_h > top_h
        assert readouts.value_at(run, key, fade_h) == pytest.approx(fraction * values.max())
    assert math.isnan(readouts.fade_time_h(regimens.run("untreated", t_end_h=24.0)))
    with pytest.raises(ValueError, match=r"fraction: .* must lie in \(0, 1\); got 1.5"):
        readouts.fade_time_h(run, 1.5)


@pytest.mark.parametrize("t_h, text", [(0.6, "36 min"), (1.67, "100 min"), (5.2, "5.2 h"),
                                       (81.6, "3.4 days"), (600.0, "25 days")])
def test_format_duration(t_h, text):
    assert readouts.format_duration(t_h) == text


@pytest.mark.parametrize("t_h, text", [(0.25, "15 min"), (5.0, "5 h"), (60.0, "day 2.5")])
def test_format_time(t_h, text):
    assert readouts.format_time(t_h) == text


def test_format_percent():
    assert readouts.format_percent(0.434) == "43%"
    assert readouts.format_percent(0.4349, 1) == "43.5%"
