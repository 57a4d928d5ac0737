"""``simulate``: the whole chain from doses to every stage's time course (the chain contract).

    run = simulate([Dose("ketamine", "iv", mg_per_kg=0.5, duration_h=40/60)], t_end_h=48)
    run.t_h                      # hours, increasing
    run["nmda_block_interneuron"]

Stages feed forward: plasma (pk) -> NMDA block per cell type (receptors) -> interneuron and
pyramidal rates and glutamate (circuit) -> AMPA, BDNF, TrkB, mTORC1, proteins, spines
(plasticity) -> symptom score and dissociation (symptoms). The SSRI branch runs citalopram
plasma -> SERT occupancy -> raphe 5-HT1A feedback and its desensitisation -> terminal serotonin
-> slow BDNF expression (monoamine), which joins the same TrkB -> spines chain, so mixed
regimens (a ketamine series on top of a daily SSRI) share one synaptic state and one score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

import numpy as np

from . import circuit, monoamine, pk, plasticity, receptors, symptoms
from .params import model_parameters
from .validation import SERIES_LEN_MAX, check_number

T_END_H_MAX = 365 * 24.0
BASE_STEP_H = 0.25          # grid step away from doses
DOSE_STEP_H = 1 / 60        # 1-min steps from the start of each ketamine dose ...
DOSE_WINDOW_H = 6.0         # ... until this long after it ends

OUTPUTS = (
    "ketamine_plasma_uM",
    "ssri_plasma_uM",
    "nmda_block_interneuron",
    "nmda_block_pyramidal",
    "interneuron_rate_rel",
    "pyramidal_rate_rel",
    "glutamate_rel",
    "ampa_activation_rel",
    "bdnf_release_rel",
    "trkb_activation_rel",
    "mtorc1_activity_rel",
    "synaptic_protein_rel",
    "potentiation",
    "spine_density_rel",
    "stable_spine_density_rel",
    "sert_occupancy",
    "autoreceptor_desensitisation",
    "raphe_firing_rel",
    "serotonin_rel",
    "bdnf_expression_rel",
    "new_neurons_rel",
    "dissociation",
    "systolic_bp_change_mmHg",
    "symptom_score",
)
TRIGGERS = plasticity.TRIGGERS
SSRI_HYPOTHESES = monoamine.SSRI_HYPOTHESES

#: Interventions named in the chain contract; each is a fraction 0..1.
CONTRACT_INTERVENTIONS = (
    "ampa_block", "mtorc1_block", "bdnf_block", "trkb_block", "interneuron_nmda_loss",
    "pyramidal_nmda_loss", "spine_formation_block", "autoreceptor_block", "bdnf_val66met",
)


@dataclass(frozen=True)
class Run(Mapping):
    """Result of ``simulate``: ``run.t_h`` and ``run[output]``, 1-D arrays on ``t_h``.

    The arrays are read-only, so a run that is cached and shared (``regimens.run``) cannot be
    changed by the code that reads it: ``g = run["glutamate_rel"]; g -= 1`` raises
    ValueError; work on a copy (``g = run["glutamate_rel"] - 1``).
    """

    t_h: np.ndarray
    outputs: dict[str, np.ndarray]
    doses: tuple[pk.Dose, ...] = ()
    interventions: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.t_h.setflags(write=False)
        for values in self.outputs.values():
            values.setflags(write=False)

    def __getitem__(self, key: str) -> np.ndarray:
        try:
            return self.outputs[key]
        except KeyError:
            raise KeyError(f"no output {key!r}; available: {', '.join(self.outputs)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.outputs)

    def __len__(self) -> int:
        return len(self.outputs)

    def at(self, key: str, t_h: float | np.ndarray) -> np.ndarray | float:
        """An output linearly interpolated at ``t_h`` (hours within the run; ValueError else)."""
        times = np.asarray(t_h, dtype=float)
        if not np.all(np.isfinite(times)) or times.min(initial=0.0) < 0.0 \
                or times.max(initial=0.0) > self.t_h[-1]:
            raise ValueError(f"t_h must lie within the run, [0, {self.t_h[-1]:g}] h; got {t_h!r}")
        return np.interp(times, self.t_h, self[key])


def time_grid(doses: Sequence[pk.Dose], t_end_h: float) -> np.ndarray:
    """Output times: every 15 min, plus 1-min steps from each ketamine dose to 6 h after it."""
    pieces = [np.arange(0.0, t_end_h, BASE_STEP_H), [t_end_h]]
    for dose in doses:
        if dose.drug == "ketamine" and dose.start_h < t_end_h:
            window_end = min(dose.start_h + dose.infusion_h + DOSE_WINDOW_H, t_end_h)
            pieces.append(np.arange(dose.start_h, window_end, DOSE_STEP_H))
            pieces.append([dose.start_h + dose.infusion_h]
                          if dose.start_h + dose.infusion_h < t_end_h else [])
    grid = np.unique(np.concatenate([np.asarray(p, dtype=float) for p in pieces]))
    if grid.size > SERIES_LEN_MAX:
        n_ketamine = sum(dose.drug == "ketamine" for dose in doses)
        raise ValueError(f"doses: {n_ketamine} ketamine doses over t_end_h = {t_end_h:g} h need "
                         f"{grid.size} output times (1-min steps for {DOSE_WINDOW_H:g} h after "
                         f"each); the limit is {SERIES_LEN_MAX}: simulate fewer doses or a "
                         "shorter span")
    return grid


def check_choice(name: str, value: object, allowed: Sequence[str]) -> str:
    """``value`` if it is one of ``allowed`` (TypeError for a non-string, ValueError else)."""
    choices = ", ".join(repr(a) for a in allowed)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {choices}; got {type(value).__name__}")
    if value not in allowed:
        raise ValueError(f"{name}: unknown hypothesis {value!r}; allowed: {choices}")
    return value


def check_interventions(interventions: Mapping[str, float] | None) -> dict[str, float]:
    """Validate ``{name: fraction}``; names from the contract, values within 0..1."""
    if interventions is None:
        return {}
    if not isinstance(interventions, Mapping):
        raise TypeError("interventions must be a dict {name: fraction 0..1}, "
                        f"got {type(interventions).__name__}")
    checked = {}
    for name, value in interventions.items():
        if name not in CONTRACT_INTERVENTIONS:
            raise ValueError(f"interventions: unknown intervention {name!r}; known: "
                             + ", ".join(CONTRACT_INTERVENTIONS))
        checked[name] = check_number(f"interventions[{name!r}]", value, "(fraction)", 0.0, 1.0)
    return checked


def check_doses(doses: Iterable[pk.Dose]) -> tuple[pk.Dose, ...]:
    """A sequence of Dose objects (an empty one is the untreated course)."""
    if isinstance(doses, pk.Dose):
        return (doses,)
    try:
        doses = tuple(doses)
    except TypeError:
        raise TypeError("doses must be a list of Dose objects") from None
    for dose in doses:
        if not isinstance(dose, pk.Dose):
            raise TypeError(f"doses must contain Dose objects, got {type(dose).__name__}")
    return doses


def simulate(doses: Iterable[pk.Dose], t_end_h: float = 14 * 24.0,
             interventions: Mapping[str, float] | None = None,
             params: Mapping[str, float] | None = None,
             trigger: str = "disinhibition", ssri_hypothesis: str = "autoreceptor") -> Run:
    """Run every modelled stage of the chain for ``doses`` from 0 to ``t_end_h`` hours.

    ``doses``: a list of ``Dose`` (``help(Dose)``; ``single_infusion()``,
    ``daily_citalopram(...)``), empty for an untreated course; ``t_end_h``: hours, in
    (0, 8760] (``14 * 24.0`` is two weeks). ``params`` overrides parameters of
    ``src/ketamine_moa/data/parameters.csv`` by name (validated);
    ``interventions`` maps contract names (``CONTRACT_INTERVENTIONS``, e.g. "ampa_block",
    "bdnf_block", "mtorc1_block", "bdnf_val66met") to fractions 0..1; ``trigger`` selects the
    hypothesis that starts BDNF signalling: "disinhibition" (glutamate surge -> AMPA) or
    "rest_block" (block of resting NMDA receptors on pyramidal cells -> eEF2K off; a
    ``pyramidal_nmda_loss`` shrinks it, since deleted receptors cannot be blocked);
    ``ssri_hypothesis`` selects why the SSRI is slow: "autoreceptor" (5-HT1A feedback that
    desensitises over weeks) or "slow_plasticity" (a slow adaptation with the same time
    course that raphe feedback does not gate). Bad input
    raises ValueError (TypeError for a wrong type) naming the argument, its unit and the
    allowed range.
    """
    doses = check_doses(doses)
    t_end_h = check_number("t_end_h", t_end_h, "h", 0.0, T_END_H_MAX, low_open=True)
    chosen = check_interventions(interventions)
    check_choice("trigger", trigger, TRIGGERS)
    check_choice("ssri_hypothesis", ssri_hypothesis, SSRI_HYPOTHESES)
    mp = model_parameters(params)
    t_h = time_grid(doses, t_end_h)

    ketamine_uM = pk.ketamine_plasma_uM(doses, t_h, mp.pk_ketamine)
    nmda = mp.nmda
    outputs = {
        "ketamine_plasma_uM": ketamine_uM,
        "ssri_plasma_uM": pk.citalopram_plasma_uM(doses, t_h, mp.pk_citalopram),
        "nmda_block_interneuron": receptors.blocked_fraction(
            ketamine_uM, nmda.nmda_tonic_open_rate_interneuron_per_s, nmda),
        "nmda_block_pyramidal": receptors.blocked_fraction(
            ketamine_uM, nmda.nmda_tonic_open_rate_pyramidal_per_s, nmda),
    }
    outputs.update(circuit.circuit_response(
        t_h, outputs["nmda_block_interneuron"], outputs["nmda_block_pyramidal"], mp.circuit,
        interneuron_nmda_loss=chosen.get("interneuron_nmda_loss", 0.0),
        pyramidal_nmda_loss=chosen.get("pyramidal_nmda_loss", 0.0)))
    ssri = monoamine.monoamine_response(
        t_h, outputs["ssri_plasma_uM"], mp.monoamine,
        autoreceptor_block=chosen.get("autoreceptor_block", 0.0), hypothesis=ssri_hypothesis)
    slow_trkb_drive = ssri.pop("trkb_drive")
    outputs.update(ssri)
    # The rest-block trigger reads the block of the pyramidal NMDA receptors that exist: with
    # a share ``pyramidal_nmda_loss`` deleted there is less left to block (GLU-06, Miller 2014).
    resting_block = outputs["nmda_block_pyramidal"] * (1.0 - chosen.get("pyramidal_nmda_loss", 0.0))
    outputs.update(plasticity.plasticity_response(
        t_h, outputs["glutamate_rel"], resting_block, mp.plasticity,
        {name: chosen[name] for name in plasticity.INTERVENTIONS if name in chosen}, trigger,
        slow_trkb_drive=slow_trkb_drive))
    outputs["dissociation"] = symptoms.dissociation(ketamine_uM, mp.symptoms)
    outputs["systolic_bp_change_mmHg"] = symptoms.systolic_bp_change_mmHg(ketamine_uM, mp.symptoms)
    outputs["symptom_score"] = symptoms.symptom_score(
        t_h, outputs["potentiation"], outputs["spine_density_rel"], mp.symptoms)
    return Run(t_h=t_h, outputs={name: outputs[name] for name in OUTPUTS}, doses=doses,
               interventions=chosen)
