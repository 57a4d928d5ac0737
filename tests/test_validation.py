"""Bad input raises a clear error naming the argument, its unit and the allowed range."""

import math

import numpy as np
import pytest

from ketamine_moa import Dose, simulate, single_infusion, weekly_boosters, daily_citalopram


@pytest.mark.parametrize("kwargs, names", [
    (dict(drug="ketamine", route="iv", mg_per_kg=-0.5), ("mg_per_kg", "mg/kg", "(0, 10]")),
    (dict(drug="ketamine", route="iv", mg_per_kg=0.0), ("mg_per_kg", "mg/kg", "(0, 10]")),
    (dict(drug="ketamine", route="iv", mg_per_kg=math.nan), ("mg_per_kg", "(0, 10]")),
    (dict(drug="ketamine", route="iv", mg_per_kg=math.inf), ("mg_per_kg", "(0, 10]")),
    (dict(drug="ketamine", route="iv", mg_per_kg=500.0), ("mg_per_kg", "mg/kg", "(0, 10]")),
    (dict(drug="citalopram", route="oral", mg=-20.0), ("mg", "(0, 100]")),
    (dict(drug="citalopram", route="oral", mg=math.nan), ("mg", "(0, 100]")),
    (dict(drug="aspirin", route="oral", mg=20.0), ("drug", "'ketamine'", "'citalopram'")),
    (dict(drug="ketamine", route="rectal", mg_per_kg=0.5), ("route", "'iv'", "'intranasal'")),
    (dict(drug="citalopram", route="iv", mg=20.0), ("route", "'oral'")),
    (dict(drug="ketamine", route="iv", mg_per_kg=0.5, start_h=-1.0),
     ("start_h", " h", "[0, 8760]")),
    (dict(drug="ketamine", route="iv", mg_per_kg=0.5, start_h=math.inf), ("start_h", "[0, 8760]")),
    (dict(drug="ketamine", route="iv", mg_per_kg=0.5, duration_h=-0.1),
     ("duration_h", " h", "[0, 24]")),
    (dict(drug="ketamine", route="oral", mg_per_kg=0.5, duration_h=1.0), ("duration_h", "[0, 0]")),
    (dict(drug="ketamine", route="iv", mg_per_kg=0.5, body_weight_kg=5.0),
     ("body_weight_kg", "kg")),
    (dict(drug="ketamine", route="iv"), ("mg_per_kg",)),
    (dict(drug="citalopram", route="oral"), ("mg",)),
    (dict(drug="citalopram", route="oral", mg_per_kg=0.3), ("mg_per_kg",)),
])
def test_bad_dose_raises_value_error_naming_argument_unit_range(kwargs, names):
    with pytest.raises(ValueError) as error:
        Dose(**kwargs)
    for part in names:
        assert part in str(error.value)


def test_wrong_type_raises_type_error():
    with pytest.raises(TypeError, match="mg_per_kg"):
        Dose("ketamine", "iv", mg_per_kg="0.5")


@pytest.mark.parametrize("t_end_h", [0.0, -5.0, math.nan, math.inf, 1e9])
def test_bad_t_end(t_end_h):
    with pytest.raises(ValueError, match=r"t_end_h.*\(0, 8760\] h"):
        simulate(single_infusion(), t_end_h=t_end_h)


def test_bad_interventions_and_params():
    with pytest.raises(ValueError, match="unknown intervention 'magic'"):
        simulate(single_infusion(), 24, interventions={"magic": 1.0})
    with pytest.raises(ValueError, match=r"interventions\['ampa_block'\].*\[0, 1\]"):
        simulate(single_infusion(), 24, interventions={"ampa_block": 1.5})
    with pytest.raises(ValueError, match="unknown parameter 'nope'"):
        simulate(single_infusion(), 24, params={"nope": 1.0})
    with pytest.raises(ValueError, match=r"ketamine_nmda_ic50_uM.*uM.*\[0.01, 100\] uM"):
        simulate(single_infusion(), 24, params={"ketamine_nmda_ic50_uM": -1.0})
    with pytest.raises(TypeError, match="Dose"):
        simulate(["ketamine"], 24)


def test_schedule_helpers_validate():
    with pytest.raises(ValueError, match="n_boosters"):
        weekly_boosters(first_day=14, n_boosters=0)
    with pytest.raises(TypeError, match="n_days"):
        daily_citalopram(n_days=2.5)
    with pytest.raises(ValueError, match="mg"):
        daily_citalopram(mg=0.0)


def test_empty_regimen_is_the_untreated_course():
    """No doses: no drug, no block, every relative output at baseline, the score unchanged."""
    run = simulate([], t_end_h=48)
    for key in ("ketamine_plasma_uM", "ssri_plasma_uM", "nmda_block_interneuron",
                "nmda_block_pyramidal", "dissociation", "potentiation"):
        assert abs(run[key]).max() < 1e-4, key
    for key in run:
        if key.endswith("_rel"):
            np.testing.assert_allclose(run[key], 1.0, atol=1e-3, err_msg=key)
    np.testing.assert_allclose(run["symptom_score"], run["symptom_score"][0], atol=1e-2)


def test_parameter_override_changes_the_model():
    base = simulate(single_infusion(), 24)
    slow = simulate(single_infusion(), 24, params={"ketamine_k10_per_h": 0.3})
    assert slow.at("ketamine_plasma_uM", 12.0) > 2 * base.at("ketamine_plasma_uM", 12.0)
