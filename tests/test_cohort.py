"""Virtual cohorts against the published response and remission rates
(src/ketamine_moa/data/findings.csv)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from ketamine_moa import (Cohort, Dose, daily_citalopram, infusion_series, single_infusion,
                          virtual_cohort)
from ketamine_moa.cohort import trial_population
from ketamine_moa.scorecard import CHECK_BY_ID as FINDING

DAY_H = 24.0
WEEK_H = 7 * DAY_H
SEED = 1
SERIES_LAST_DOSE_H = max(d.start_h for d in infusion_series())
#: Murrough et al. 2013 followed responders for up to 83 days after the last infusion.
RELAPSE_FOLLOW_UP_H = SERIES_LAST_DOSE_H + 83 * DAY_H
#: Each finding's check (accepted range low-high) from src/ketamine_moa/data/findings.csv: no
#: published value or accepted range is typed in this file (issue 14).
#: Not a published number: the toy's late-remitter share (SSRI-11, an open miss) must not fall
#: below this while the miss is open.
LATE_REMITTER_FLOOR = 0.15


def inside(finding_id: str, value: float) -> bool:
    """Whether ``value`` lies in the finding's accepted range (findings.csv low-high)."""
    check = FINDING[finding_id]
    return check.low <= value <= check.high


@lru_cache(maxsize=None)
def cohort(regimen: str, control: str | None = None, weeks: float = 2, seed: int = SEED,
           population: str | None = None):
    doses = {"single": single_infusion(), "series": infusion_series(),
             "ssri": daily_citalopram(20.0, n_days=round(7 * weeks))}[regimen]
    return virtual_cohort(doses, n_patients=1000, seed=seed, t_end_h=weeks * WEEK_H,
                          control=control, population=population)


def test_single_infusion_response_at_24_h_against_active_and_inert_placebo():
    """CLIN-04, CLIN-05, CLIN-07: 24 h response ~45-52% with ketamine, 18-26% with midazolam
    (active placebo), ~1% with saline in the pooled model of Wilkinson 2019."""
    assert inside("CLIN-04", cohort("single").response_rate(DAY_H))
    assert inside("CLIN-07", cohort("single", "midazolam").response_rate(DAY_H))
    assert inside("CLIN-05", cohort("single", "saline").response_rate(DAY_H))


def test_single_infusion_response_falls_by_day_7():
    """CLIN-16: response falls from its 24 h value by day 7 (the toy loses the drug effect
    faster than the pooled trials), still above active placebo."""
    single = cohort("single")
    day7 = single.response_rate(7 * DAY_H)
    assert inside("CLIN-16", day7) and day7 < single.response_rate(DAY_H)
    assert day7 > cohort("single", "midazolam").response_rate(7 * DAY_H)


def test_six_infusions_raise_response():
    """CLIN-09: six infusions over two weeks give 59-71% response (Phillips 2019 59%,
    Murrough 2013 71%), about 1.4x one infusion's 24 h rate."""
    series_rate = cohort("series").response_rate(12 * DAY_H)
    assert inside("CLIN-09", series_rate)
    assert series_rate > 1.3 * cohort("single").response_rate(DAY_H)


def test_ssri_remission_takes_weeks():
    """SSRI-03 and SSRI-12: citalopram remission and response at exit (up to 14 weeks); little
    at week 2, and remission still rising from week 6 through week 14 (SSRI-11)."""
    ssri = cohort("ssri", weeks=14)
    # The toy overshoots STAR*D's 28-33% by a few points (its MDD population is calibrated to
    # the placebo arms of RCTs, Furukawa 2016, CLIN-14).
    assert inside("SSRI-03", ssri.remission_rate(14 * WEEK_H))
    assert inside("SSRI-12", ssri.response_rate(14 * WEEK_H))
    assert ssri.remission_rate(2 * WEEK_H) < 0.1
    weeks_6_to_14 = ssri.remission_rate(np.array([6, 8, 10, 12, 14]) * WEEK_H)
    assert weeks_6_to_14[-1] - weeks_6_to_14[0] >= 0.05
    assert weeks_6_to_14[-1] > weeks_6_to_14[1] > weeks_6_to_14[0]


def test_ssri_cohort_course_is_gradual_not_a_delayed_step():
    """SSRI-05: citalopram separates from the inert tablet within a week and its gains shrink
    after weeks 1-2. Taylor 2006 found about a third of the 6-week difference in week 1; the
    mechanism and the cohort both give about a third (tests/test_slow_chain.py, SSRI-05)."""
    drug, tablet = cohort("ssri", weeks=8), cohort("ssri", "saline", weeks=8)

    def gap(week: float) -> float:
        t_h = week * WEEK_H
        return float(tablet._scores_at(t_h).mean() - drug._scores_at(t_h).mean())
    assert inside("SSRI-05", gap(1) / gap(6))
    gains = np.diff([0.0] + [gap(w) for w in (1, 2, 3, 4, 5, 6)])
    assert gains[:2].sum() > gains[2:].sum()


def test_response_times_differ_between_drugs():
    """Ketamine responders respond within a day; SSRI responders take weeks (SSRI-03). SSRI-11:
    of the patients in remission at exit (week 14), STAR*D found 40.3% first in remission at
    8 weeks or later; the toy's share (weekly visits) falls short of it (an open miss in the
    findings file): here only a floor that keeps it from falling further, and the finding's top."""
    ketamine = cohort("single").first_response_h()
    ssri = cohort("ssri", weeks=14)
    assert np.median(ketamine[np.isfinite(ketamine)]) < DAY_H
    responders = ssri.first_response_h()
    assert np.median(responders[np.isfinite(responders)]) > 2 * WEEK_H
    assert LATE_REMITTER_FLOOR <= ssri.late_remitter_share(8 * WEEK_H) <= FINDING["SSRI-11"].high


def test_titration_does_not_explain_the_missing_late_remitters():
    """SSRI-11 is open. STAR*D raised the dose of patients not yet in remission; giving every
    virtual patient that titration (to 40 mg/day at week 4, 60 at week 6) moves the late
    remitters and the week-14 remission by under 2 points each, so modelling the titration
    would not close the gap: the toy's SERT occupancy is near its plateau at 20 mg/day."""
    from ketamine_moa import trials

    doses = trials.titrated_citalopram_doses(14)
    assert len(doses) == 98 and [d.mg for d in doses[27:29]] == [20.0, 40.0]
    assert doses[42].mg == 60.0 and doses[-1].start_h == 97 * DAY_H
    effect = trials.titration_effect()
    for measure in ("late_remitter_percent", "remission_exit_percent"):
        assert effect["titrated"][measure] == pytest.approx(effect["fixed"][measure], abs=2.0)
    assert effect["titrated"]["late_remitter_percent"] < 100 * FINDING["SSRI-11"].low


def test_late_remitter_share_by_hand():
    """Exit remitters only; first remission at a weekly visit; a later dip does not count."""
    t_h = [0.0, WEEK_H, 2 * WEEK_H, 3 * WEEK_H]
    toy = _toy_cohort([[30, 8, 20, 8],       # remits at week 1 (dips, back at exit): early
                       [30, 20, 20, 8],      # first at week 3: late
                       [30, 20, 8, 20],      # not in remission at exit: not counted
                       [30, 20, 8, 8]],      # first at week 2: late
                      t_h)
    assert toy.late_remitter_share(2 * WEEK_H) == pytest.approx(2 / 3)
    assert toy.late_remitter_share(3 * WEEK_H) == pytest.approx(1 / 3)
    assert toy.late_remitter_share(WEEK_H, exit_h=2 * WEEK_H) == pytest.approx(1.0)
    assert np.isnan(_toy_cohort([[30, 20, 20, 20]], t_h).late_remitter_share(WEEK_H))
    with pytest.raises(ValueError, match=r"exit_h = 4000 h is outside the allowed range"):
        toy.late_remitter_share(WEEK_H, exit_h=4000.0)
    with pytest.raises(ValueError, match=r"after_h = -1 h is outside the allowed range"):
        toy.late_remitter_share(-1.0)


def test_inert_tablet_placebo_responds_like_antidepressant_trials():
    """CLIN-14: placebo response in double-blind antidepressant trials (Furukawa 2016); the
    drug-placebo gap in response is modest: no wider than the published exit response on the
    drug (SSRI-12) over the tablet's published range allows, far smaller than ketamine's against
    saline at 24 h."""
    tablet = cohort("ssri", "saline", weeks=8)
    ssri = cohort("ssri", weeks=8)
    assert tablet.population == ssri.population == "mdd"
    assert inside("CLIN-14", tablet.response_rate(8 * WEEK_H))
    gap = ssri.response_rate(8 * WEEK_H) - tablet.response_rate(8 * WEEK_H)
    assert 0.0 < gap <= FINDING["SSRI-12"].published_value - FINDING["CLIN-14"].low
    assert gap < cohort("single").response_rate(DAY_H) \
        - cohort("single", "saline").response_rate(DAY_H)


def test_placebo_is_smaller_in_treatment_resistant_trials():
    """CLIN-17: the natural course is smaller in treatment-resistant (TRD) populations (the
    placebo response pooled over TRD trials against antidepressant trials at large, CLIN-14);
    the infusion trials are TRD trials, and a saline drip shows almost nothing at 24 h."""
    trd_tablet = cohort("ssri", "saline", weeks=8, population="trd")
    assert inside("CLIN-17", trd_tablet.response_rate(8 * WEEK_H))
    assert trd_tablet.response_rate(8 * WEEK_H) \
        < cohort("ssri", "saline", weeks=8).response_rate(8 * WEEK_H)
    assert cohort("single", "saline").population == "trd"
    assert inside("CLIN-05", cohort("single", "saline").response_rate(DAY_H))


def test_trial_population_follows_the_regimen():
    citalopram = daily_citalopram(20.0, n_days=7)
    assert trial_population(single_infusion(), None) == "trd"
    assert trial_population(single_infusion(), "saline") == "trd"
    assert trial_population([], "midazolam") == "trd"
    assert trial_population(citalopram, None) == trial_population(citalopram, "saline") == "mdd"
    assert trial_population(citalopram + single_infusion(), None) == "trd"
    assert trial_population([], None) == "mdd"


def _toy_cohort(scores: list[list[float]], t_h: list[float], doses=()) -> Cohort:
    return Cohort(t_h=np.array(t_h), scores=np.array(scores, dtype=float),
                  baselines=np.full(len(scores), 30.0), control=None, seed=0, doses=doses)


def test_relapse_days_by_hand():
    """Responders at the first visit; relapse at the first of two visits in a row above 50%
    of baseline; NaN for non-responders; inf (censored) if no relapse by the end."""
    t_h = [0.0, 24.0, 48.0, 72.0, 96.0, 120.0]
    toy = _toy_cohort([[30, 10, 20, 20, 20, 20],      # responder, relapses at day 2
                       [30, 10, 20, 10, 20, 20],      # one bad visit is not a relapse: day 4
                       [30, 10, 10, 10, 10, 20],      # censored: only the last visit is bad
                       [30, 20, 10, 10, 10, 10]],     # not a responder at the first visit
                      t_h)
    days = toy.relapse_days(last_dose_h=0.0)
    np.testing.assert_array_equal(days, [2.0, 4.0, np.inf, np.nan])
    assert toy.median_relapse_days(last_dose_h=0.0) == 4.0
    np.testing.assert_array_equal(toy.relapse_days(0.0, consecutive=1), [2.0, 2.0, 5.0, np.nan])
    with pytest.raises(ValueError, match="last_dose_h: this cohort has no doses"):
        toy.relapse_days()
    with pytest.raises(ValueError, match="follow-up too short"):
        toy.relapse_days(last_dose_h=72.0)
    with pytest.raises(ValueError, match=r"last_dose_h = 200 h is outside the allowed range"):
        toy.relapse_days(last_dose_h=200.0)
    with pytest.raises(ValueError, match=r"visit_every_h = 0 h is outside the allowed range"):
        toy.relapse_days(last_dose_h=0.0, visit_every_h=0.0)


def test_median_relapse_is_censored_when_most_responders_hold():
    toy = _toy_cohort([[30, 10, 20, 20], [30, 10, 10, 10], [30, 10, 10, 10]],
                      [0.0, 24.0, 48.0, 72.0])
    assert toy.median_relapse_days(last_dose_h=0.0) == np.inf
    none = _toy_cohort([[30, 20, 20, 20]], [0.0, 24.0, 48.0, 72.0])
    assert np.isnan(none.median_relapse_days(last_dose_h=0.0))


def test_series_relapse_days_are_measured_after_the_last_infusion():
    """CLIN-08: the cohort gives each responder's time to relapse after the sixth infusion
    (the last dose by default), over Murrough's 83-day follow-up."""
    series = cohort("series", weeks=RELAPSE_FOLLOW_UP_H / WEEK_H)
    days = series.relapse_days()
    responders = ~np.isnan(days)
    assert responders.mean() == pytest.approx(series.response_rate(SERIES_LAST_DOSE_H + DAY_H))
    assert np.all(days[responders] >= 2.0)
    np.testing.assert_array_equal(days, series.relapse_days(last_dose_h=SERIES_LAST_DOSE_H))


def test_series_responders_relapse_after_two_to_four_weeks():
    """CLIN-15 (Murrough 2013, CLIN-08): among responders to six infusions over 12 days, the
    median time to relapse after the last infusion was 18 days. In the toy the mechanism fades
    over weeks and the expectancy response fades once the infusions stop."""
    series = cohort("series", weeks=RELAPSE_FOLLOW_UP_H / WEEK_H)
    assert 14.0 <= series.median_relapse_days() <= 28.0


def test_expectancy_holds_while_treatment_goes_on_and_fades_after():
    """Daily tablets never reach the fade; after the sixth infusion the expectancy course
    holds for ``expectancy_hold_h`` and then falls; a single infusion is the same at day 7."""
    from ketamine_moa.cohort import expectancy_course
    from ketamine_moa.params import model_parameters
    c = model_parameters().cohort
    t_h = np.arange(0.0, 12 * WEEK_H, 6.0)
    tablets = expectancy_course(t_h, daily_citalopram(20.0, n_days=12 * 7), c)
    no_fade = model_parameters({"expectancy_fade_tau_h": 1e4}).cohort
    np.testing.assert_allclose(tablets, expectancy_course(t_h, daily_citalopram(
        20.0, n_days=12 * 7), no_fade), rtol=1e-12)
    series = expectancy_course(t_h, infusion_series(), c)
    unfaded = expectancy_course(t_h, infusion_series(), no_fade)
    last_h = SERIES_LAST_DOSE_H
    held = t_h <= last_h + c.expectancy_hold_h
    faded = t_h > last_h + c.expectancy_hold_h + 2 * c.expectancy_fade_tau_h
    np.testing.assert_allclose(series[held], unfaded[held], rtol=1e-12)
    assert np.all(series[faded] < 0.2 * unfaded[faded])
    assert np.all(expectancy_course(t_h, [], c) == 0.0)


def test_hypotheses_reach_every_run_of_the_drug_arm():
    """trigger and ssri_hypothesis go to the mechanism runs, as for simulate; control arms
    have no drug, so they are unchanged."""
    from ketamine_moa.cohort import drug_improvement_grid
    args = {"n_patients": 200, "seed": 3, "t_end_h": 2 * DAY_H}
    base = virtual_cohort(single_infusion(), **args)
    rest = virtual_cohort(single_infusion(), trigger="rest_block", **args)
    assert (base.trigger, rest.trigger) == ("disinhibition", "rest_block")
    grid = drug_improvement_grid(tuple(single_infusion()), 2 * DAY_H, (), "rest_block")
    assert not np.array_equal(grid, drug_improvement_grid(tuple(single_infusion()), 2 * DAY_H))
    assert not np.array_equal(base.scores, rest.scores)
    np.testing.assert_array_equal(
        virtual_cohort(single_infusion(), control="saline", **args).scores,
        virtual_cohort(single_infusion(), control="saline", trigger="rest_block", **args).scores)
    tablets = daily_citalopram(20.0, n_days=14)
    slow = virtual_cohort(tablets, ssri_hypothesis="slow_plasticity", n_patients=200, seed=3,
                          t_end_h=2 * WEEK_H)
    assert slow.ssri_hypothesis == "slow_plasticity"
    assert np.all(np.isfinite(slow.scores))


def test_same_seed_same_cohort_and_different_seed_differs():
    first = virtual_cohort(single_infusion(), n_patients=200, seed=7, t_end_h=WEEK_H)
    again = virtual_cohort(single_infusion(), n_patients=200, seed=7, t_end_h=WEEK_H)
    other = virtual_cohort(single_infusion(), n_patients=200, seed=8, t_end_h=WEEK_H)
    np.testing.assert_array_equal(first.scores, again.scores)
    assert not np.array_equal(first.scores, other.scores)


def test_scores_are_finite_and_on_the_scale():
    run = cohort("series")
    assert run.scores.shape == (1000, run.t_h.size)
    assert np.all(np.isfinite(run.scores))
    assert run.scores.min() >= 0.0 and run.scores.max() <= 60.0


def test_no_doses_is_the_untreated_course():
    untreated = virtual_cohort([], n_patients=500, seed=SEED, t_end_h=2 * WEEK_H)
    assert untreated.response_rate(DAY_H) == 0.0
    assert untreated.response_rate(2 * WEEK_H) < 0.1


@pytest.mark.parametrize("kwargs, error, message", [
    ({"n_patients": 0}, ValueError, r"n_patients = 0 is outside the allowed range \[1, 100000\]"),
    ({"n_patients": 2.5}, TypeError, "n_patients must be a whole number"),
    ({"seed": -1}, ValueError, r"seed = -1 is outside the allowed range"),
    ({"t_end_h": 0.0}, ValueError, r"t_end_h = 0 h is outside the allowed range \(0, 8760\] h"),
    ({"t_end_h": float("nan")}, ValueError, "t_end_h = nan is not a finite number"),
    ({"control": "sugar pill"}, ValueError, "control: unknown arm 'sugar pill'"),
    ({"population": "adolescents"}, ValueError, "population: unknown trial population"),
    ({"params": {"ketamine_nmda_ic50_uM": 2.0}}, ValueError,
     "params: 'ketamine_nmda_ic50_uM' is not a cohort parameter"),
    ({"params": {"natural_course_mean_fraction": 1.5}}, ValueError,
     r"params\['natural_course_mean_fraction'\] = 1.5 fraction is outside the allowed range "
     r"\[0, 0.9\] fraction"),
    ({"params": [("beta_concentration", 2.0)]}, TypeError, "params must be a dict"),
    ({"trigger": "surge"}, ValueError, "trigger: unknown hypothesis 'surge'; allowed: "
     "'disinhibition', 'rest_block'"),
    ({"trigger": 1}, TypeError, "trigger must be a string"),
    ({"ssri_hypothesis": "receptor"}, ValueError, "ssri_hypothesis: unknown hypothesis"),
    ({"params": {"expectancy_hold_h": -1.0}}, ValueError,
     r"params\['expectancy_hold_h'\] = -1(.0)? h is outside the allowed range"),
])
def test_bad_cohort_input_raises(kwargs, error, message):
    arguments = {"doses": single_infusion(), "n_patients": 10, "seed": 0, "t_end_h": 48.0}
    with pytest.raises(error, match=message):
        virtual_cohort(**{**arguments, **kwargs})


def test_cohort_params_override_the_file():
    base = virtual_cohort(single_infusion(), n_patients=200, seed=3, t_end_h=WEEK_H)
    same = virtual_cohort(single_infusion(), n_patients=200, seed=3, t_end_h=WEEK_H, params={})
    more = virtual_cohort(single_infusion(), n_patients=200, seed=3, t_end_h=WEEK_H,
                          control="midazolam", params={"expectancy_mean_fraction": 0.6})
    np.testing.assert_array_equal(base.scores, same.scores)
    assert more.response_rate(DAY_H) > virtual_cohort(
        single_infusion(), n_patients=200, seed=3, t_end_h=WEEK_H,
        control="midazolam").response_rate(DAY_H)


def test_rates_outside_the_span_raise():
    run = virtual_cohort([Dose("ketamine", "iv", mg_per_kg=0.5, duration_h=2 / 3)],
                         n_patients=10, seed=0, t_end_h=48.0)
    with pytest.raises(ValueError, match=r"t_h must lie in \[0, 48\] h"):
        run.response_rate(49.0)


@pytest.mark.parametrize("regimen", ["single", "ssri"])
def test_arms_drawn_together_are_the_arms_drawn_alone(regimen):
    """``virtual_cohorts`` (the live trial demo's arms, drawn once) gives each arm exactly
    ``virtual_cohort``'s numbers, also for an arm of another trial population (midazolam
    after tablets)."""
    from ketamine_moa.cohort import virtual_cohorts

    doses = single_infusion() if regimen == "single" else daily_citalopram(20.0, n_days=14)
    controls = (None, "saline", "midazolam")
    together = virtual_cohorts(doses, controls, n_patients=200, seed=3, t_end_h=2 * WEEK_H)
    for control, arm in zip(controls, together):
        alone = virtual_cohort(doses, n_patients=200, seed=3, t_end_h=2 * WEEK_H,
                               control=control)
        assert arm.control == control and arm.population == alone.population
        assert np.array_equal(arm.scores, alone.scores)
        assert np.array_equal(arm.baselines, alone.baselines)


def test_a_cohort_on_some_output_times_has_the_whole_cohorts_scores_there():
    """``t_h``: a live demo asks only for the times it draws; the scores there are the whole
    cohort's, bit for bit, and the rates at those times the same."""
    from ketamine_moa.cohort import cohort_times_h

    whole = virtual_cohort(single_infusion(), n_patients=300, seed=5, t_end_h=2 * WEEK_H)
    grid = cohort_times_h(2 * WEEK_H)
    index = np.unique(np.concatenate([np.arange(1, 96), np.arange(96, grid.size, 4),
                                      [grid.size - 1]]))
    part = virtual_cohort(single_infusion(), n_patients=300, seed=5, t_end_h=2 * WEEK_H,
                          t_h=grid[index])
    assert np.array_equal(part.t_h, grid[index])
    assert np.array_equal(part.scores, whole.scores[:, index])
    for t in (DAY_H, 7 * DAY_H, 2 * WEEK_H):
        assert part.response_rate(t) == whole.response_rate(t)
        assert part.remission_rate(t) == whole.remission_rate(t)


@pytest.mark.parametrize("t_h", [[1.0, 0.5], [0.25], [], [[0.5]], [0.5, 2 * WEEK_H + 1]])
def test_output_times_off_the_grid_raise(t_h):
    with pytest.raises(ValueError, match="t_h: output times must be increasing times"):
        virtual_cohort(single_infusion(), n_patients=10, seed=1, t_end_h=2 * WEEK_H, t_h=t_h)


def test_live_cohort_demos_draw_only_times_they_have():
    """The live demos' cohorts hold only the drawn times (``drawn_times_h``): every time their
    titles and histograms read must be one of them, and a drawn cohort is drawn whole."""
    from ketamine_moa.demos import cohort_demo as cd

    demo_times = cd.drawn_times_h(cd.DEMO_WEEKS * WEEK_H)
    for times in cd.ARM_KEY_TIMES_H.values():
        assert np.isin(times, demo_times).all()
    for regimen, t_eval in cd.COURSE_T_EVAL_H.items():
        assert np.isin(t_eval, cd.drawn_times_h(cd.COURSE_WEEKS_DEMO[regimen] * WEEK_H))
    drug, placebo = cd.demo_arms("single", (None, "midazolam"), 1, 40)
    assert np.array_equal(drug.t_h, demo_times) and cd.drawn(drug).size == demo_times.size
    assert np.array_equal(drug.baselines, placebo.baselines)


def test_scores_are_the_same_whatever_the_block_size(monkeypatch):
    """The scores are computed a block of patients at a time (``BLOCK_ENTRIES``); the block
    size changes only memory use, never a score (the same operations, entry by entry)."""
    import ketamine_moa.cohort as cohort_module

    def arms(block_entries):
        monkeypatch.setattr(cohort_module, "BLOCK_ENTRIES", block_entries)
        return cohort_module.virtual_cohorts(single_infusion(), (None, "saline", "midazolam"),
                                             n_patients=203, seed=4, t_end_h=2 * WEEK_H)

    whole = arms(10**9)          # one block
    for block_entries in (1, 5000, 2**19):   # a patient per block, 7 per block, the default
        for a, b in zip(whole, arms(block_entries)):
            assert np.array_equal(a.scores, b.scores)


def test_memory_is_one_array_of_scores_per_arm():
    """A cohort's peak memory is its arms' scores plus a few blocks of ``BLOCK_ENTRIES`` and
    the daily rating-error draws: 2000 patients over 8 weeks in two arms (2 arrays of 43 MB)
    peak at 2.27 arrays, where computing each intermediate for the whole cohort at once peaked
    at 4.01."""
    import tracemalloc

    from ketamine_moa.cohort import cohort_times_h, virtual_cohorts

    doses = daily_citalopram(20.0, n_days=56)
    # the same draw once before, so that the mechanism runs it needs are memoised already
    virtual_cohorts(doses, (None, "saline"), n_patients=2000, seed=1, t_end_h=8 * WEEK_H)
    array_bytes = 2000 * cohort_times_h(8 * WEEK_H).size * 8
    tracemalloc.start()
    try:
        arms = virtual_cohorts(doses, (None, "saline"), n_patients=2000, seed=1,
                               t_end_h=8 * WEEK_H)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(arms) == 2
    assert peak < 2.5 * array_bytes, f"peak {peak / array_bytes:.2f} arrays of scores"


def test_drawn_points_are_as_dense_as_the_log_time_axes_show():
    """Past day 2 the figures draw a point every 1-2% of the time (``DRAWN_SPACING_FRACTION``
    at most; 1-2 px apart on the log axes): 8 weeks in a few hundred points."""
    from ketamine_moa.demos import cohort_demo as cd

    t = cd.drawn_times_h(14 * WEEK_H)
    assert np.all(t[t <= 2 * DAY_H] == np.arange(cd.T_MIN_H, 2 * DAY_H + 0.25, 0.5))
    late = t[t > 2 * DAY_H]
    gaps = np.diff(late)[:-1] / late[:-2]          # the last point is the follow-up's end
    assert gaps.max() <= cd.DRAWN_SPACING_FRACTION and gaps.min() >= cd.DRAWN_SPACING_FRACTION / 2
    assert cd.drawn_times_h(8 * WEEK_H).size < 400
