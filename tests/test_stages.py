"""The stage declarations (``ketamine_moa.stage``) and what ``chain`` derives from them.

Each stage declares its inputs, outputs, interventions, hypotheses and parameter stages once;
``OUTPUTS``, ``CONTRACT_INTERVENTIONS``, the hypothesis choices and the mechanism's parameter
stages are derived from those declarations, and a stage that returns other outputs than it
declared raises instead of having them silently dropped.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from ketamine_moa import chain, circuit, monoamine, plasticity, sensitivity, simulate
from ketamine_moa.chain import (CONTRACT_INTERVENTIONS, HYPOTHESES, OUTPUTS, PARAMETER_STAGES,
                                STAGES)
from ketamine_moa.params import STAGES as PARAMETER_STAGE_CLASSES
from ketamine_moa.pk import daily_citalopram, single_infusion
from ketamine_moa.stage import Stage, StageOutputError

#: The stage function of each declaration, as ``simulate`` calls it.
STAGE_FUNCTIONS = {
    "pk": chain.plasma,
    "nmda_block": chain.nmda_block,
    "circuit": circuit.circuit_response,
    "monoamine": monoamine.monoamine_response,
    "plasticity": plasticity.plasticity_response,
    "symptoms": chain.symptom_readouts,
}


@pytest.fixture(scope="module")
def mixed_run():
    """Both drugs, so every stage runs on a non-trivial input."""
    return simulate(daily_citalopram(20.0, n_days=3) + single_infusion(0.5), t_end_h=72.0)


# --- outputs ---------------------------------------------------------------------------------

def test_every_stage_output_is_in_outputs_and_vice_versa():
    declared = [name for stage in STAGES for name in stage.outputs]
    assert len(declared) == len(set(declared)), "an output is declared by two stages"
    assert set(declared) == set(OUTPUTS)
    assert len(OUTPUTS) == len(set(OUTPUTS))


def test_simulate_returns_exactly_the_declared_outputs(mixed_run):
    assert tuple(mixed_run) == OUTPUTS


def test_each_stage_reads_only_outputs_of_earlier_stages():
    available: set[str] = set()
    for stage in STAGES:
        missing = set(stage.inputs) - available
        assert not missing, f"stage {stage.name!r} reads {sorted(missing)} before they exist"
        available |= set(stage.outputs)


def test_every_stage_has_a_stage_function_carrying_its_declaration():
    assert [stage.name for stage in STAGES] == list(STAGE_FUNCTIONS)
    for stage in STAGES:
        assert STAGE_FUNCTIONS[stage.name].stage is stage


def test_the_ssri_trkb_drive_is_a_declared_output_feeding_plasticity(mixed_run):
    assert "ssri_trkb_drive" in monoamine.STAGE.outputs
    assert "ssri_trkb_drive" in plasticity.STAGE.inputs
    drive = mixed_run["ssri_trkb_drive"]
    assert drive.min() >= 0.0 and drive.max() > 0.0
    untreated = simulate([], t_end_h=24.0)
    assert np.all(untreated["ssri_trkb_drive"] == 0.0)


def _with_extra(returned):
    return {**returned, "surprise_rel": np.ones(3)}


def _with_one_missing(returned):
    return dict(list(returned.items())[1:])


@pytest.mark.parametrize("change, message", [
    (_with_extra, r"returned undeclared output\(s\) surprise_rel"),
    (_with_one_missing, r"lacks declared output\(s\) a_rel"),
])
def test_a_stage_returning_other_outputs_than_declared_raises(change, message):
    stage = Stage("toy", inputs=(), outputs=("a_rel", "b_rel"))

    @stage.declares
    def toy() -> dict[str, np.ndarray]:
        return change({"a_rel": np.ones(3), "b_rel": np.ones(3)})

    with pytest.raises(StageOutputError, match=message):
        toy()


def test_a_stage_returns_its_outputs_in_declared_order():
    stage = Stage("toy", inputs=(), outputs=("a_rel", "b_rel"))
    assert list(stage.checked({"b_rel": 1, "a_rel": 2})) == ["a_rel", "b_rel"]


@pytest.mark.parametrize("change", [_with_extra, _with_one_missing], ids=["extra", "missing"])
def test_simulate_raises_when_a_real_stage_returns_other_outputs(monkeypatch, change):
    # The SSRI branch's untreated shortcut is an inner function of a real stage: a key added to
    # or dropped from it must not pass through simulate unnoticed.
    untreated = monoamine._untreated
    monkeypatch.setattr(monoamine, "_untreated", lambda t: change(untreated(t)))
    with pytest.raises(StageOutputError, match="stage 'monoamine'"):
        simulate([], t_end_h=24.0)


def test_a_stage_declaring_a_name_twice_is_refused():
    with pytest.raises(ValueError, match="outputs lists a name twice"):
        Stage("toy", inputs=(), outputs=("a_rel", "a_rel"))


# --- interventions ---------------------------------------------------------------------------

def test_every_intervention_appears_in_exactly_one_stage_declaration():
    for name in CONTRACT_INTERVENTIONS:
        owners = [stage.name for stage in STAGES if name in stage.interventions]
        assert len(owners) == 1, (name, owners)
    declared = [name for stage in STAGES for name in stage.interventions]
    assert sorted(declared) == sorted(CONTRACT_INTERVENTIONS)


def test_simulate_accepts_exactly_the_declared_interventions():
    for name in CONTRACT_INTERVENTIONS:
        simulate([], t_end_h=1.0, interventions={name: 0.5})
    with pytest.raises(ValueError, match="unknown intervention 'ssri_block'"):
        simulate([], t_end_h=1.0, interventions={"ssri_block": 0.5})


def test_plasticity_takes_its_interventions_from_its_declaration():
    assert plasticity.INTERVENTIONS == plasticity.STAGE.interventions


@pytest.mark.parametrize("name", CONTRACT_INTERVENTIONS)
def test_each_intervention_changes_only_what_its_stage_and_later_stages_compute(name):
    # An intervention acts where it is declared: outputs of earlier stages stay bit for bit.
    doses = daily_citalopram(20.0, n_days=2) + single_infusion(0.5)
    base = simulate(doses, t_end_h=48.0)
    changed = simulate(doses, t_end_h=48.0, interventions={name: 1.0})
    owner = next(i for i, stage in enumerate(STAGES) if name in stage.interventions)
    for stage in STAGES[:owner]:
        for output in stage.outputs:
            np.testing.assert_array_equal(changed[output], base[output], err_msg=output)


# --- hypotheses and parameters ---------------------------------------------------------------

def test_every_hypothesis_argument_of_simulate_is_declared_by_exactly_one_stage():
    for name in HYPOTHESES:
        owners = [stage.name for stage in STAGES if name in stage.hypotheses]
        assert len(owners) == 1, (name, owners)
    signature = inspect.signature(simulate).parameters
    arguments = set(signature) - {"doses", "t_end_h", "interventions", "params"}
    assert arguments == set(HYPOTHESES)
    for name, allowed in HYPOTHESES.items():
        assert signature[name].default == allowed[0], name
    assert chain.TRIGGERS == plasticity.TRIGGERS and chain.SSRI_HYPOTHESES == \
        monoamine.SSRI_HYPOTHESES


def test_every_parameter_stage_of_the_mechanism_is_read_by_exactly_one_stage():
    assert len(PARAMETER_STAGES) == len(set(PARAMETER_STAGES))
    # Every parameter stage but the virtual cohort's belongs to one stage of the chain.
    assert set(PARAMETER_STAGES) == set(PARAMETER_STAGE_CLASSES) - {"cohort"}
    assert set(sensitivity.MECHANISM_STAGES) == set(PARAMETER_STAGES)


# --- the raphe-firing formula is written once ------------------------------------------------

def test_raphe_firing_is_the_one_formula_on_arrays_and_numbers():
    params = chain.model_parameters().monoamine
    occupancy = np.array([0.0, 0.3, 0.8])
    desensitised = np.array([0.0, 0.2, 0.5])
    excess = monoamine.serotonin_amplification(occupancy, params) - 1.0
    on_arrays = monoamine.raphe_firing_rel(occupancy, desensitised, 0.25, params)
    for i in range(3):
        assert on_arrays[i] == monoamine.raphe_firing_from_excess(
            float(excess[i]), float(desensitised[i]), 0.25, params)
    source = inspect.getsource(monoamine)
    assert source.count("autoreceptor_feedback_max *") == 1
