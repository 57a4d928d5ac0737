"""Property tests (hypothesis, derandomised so every run draws the same examples) over the
ranges the notebooks' controls offer: outputs finite, fractions within 0..1, relative
quantities non-negative, scores on the 0-60 scale, and no warnings (pytest turns warnings
into errors). Every demo's controls accept every value of their own ranges."""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ketamine_moa.demos
from ketamine_moa import Dose, daily_citalopram, simulate, single_infusion, virtual_cohort
from ketamine_moa.chain import CONTRACT_INTERVENTIONS, SSRI_HYPOTHESES, TRIGGERS
from ketamine_moa.pk import KETAMINE_ROUTES
from ketamine_moa.widgets import Slider

EXAMPLES = 200
PROFILE = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])
FRACTIONS = ("nmda_block_interneuron", "nmda_block_pyramidal", "sert_occupancy",
             "autoreceptor_desensitisation", "dissociation")
DEMOS = [demo for info in pkgutil.iter_modules(ketamine_moa.demos.__path__)
         for demo in importlib.import_module(f"ketamine_moa.demos.{info.name}").DEMOS]

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
