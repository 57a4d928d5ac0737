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
from .params import CitalopramPK, KetaminePK, NMDAReceptor, SymptomParams, model_parameters
from .stage import Stage, StageOutputError
from .validation import SERIES_LEN_MAX, check_number

T_END_H_MAX = 365 * 24.0
BASE_STEP_H = 0.25          # grid step away from doses
DOSE_STEP_H = 1 / 60        # 1-min steps from the start of each ketamine dose ...
DOSE_WINDOW_H = 6.0         # ... until this long after it ends

# --- the stages: each declares its inputs, outputs, interventions and hypotheses once --------
# Three are declared here, next to the small functions that call their modules; circuit,
# monoamine and plasticity declare theirs (``STAGE``) next to their own stage function.

PK = Stage("pk", inputs=(), outputs=("ketamine_plasma_uM", "ssri_plasma_uM"),
           params=("pk_ketamine", "pk_citalopram"))
NMDA_BLOCK = Stage("nmda_block", inputs=("ketamine_plasma_uM",),
                   outputs=("nmda_block_interneuron", "nmda_block_pyramidal"), params=("nmda",))
SYMPTOMS = Stage("symptoms", inputs=("ketamine_plasma_uM", "potentiation", "spine_density_rel"),
                 outputs=("dissociation", "systolic_bp_change_mmHg", "symptom_score"),
                 params=("symptoms",))


@PK.declares
def plasma(doses: Sequence[pk.Dose], t_h: np.ndarray, ketamine: KetaminePK,
           citalopram: CitalopramPK) -> dict[str, np.ndarray]:
    """Plasma ketamine and citalopram (uM) on ``t_h`` (``pk``)."""
    return {"ketamine_plasma_uM": pk.ketamine_plasma_uM(doses, t_h, ketamine),
            "ssri_plasma_uM": pk.citalopram_plasma_uM(doses, t_h, citalopram)}


@NMDA_BLOCK.declares
def nmda_block(ketamine_plasma_uM: np.ndarray, nmda: NMDAReceptor) -> dict[str, np.ndarray]:
    """Fraction of NMDA receptors blocked on interneurons and pyramidal cells (``receptors``)."""
    return {"nmda_block_interneuron": receptors.blocked_fraction(
                ketamine_plasma_uM, nmda.nmda_tonic_open_rate_interneuron_per_s, nmda),
            "nmda_block_pyramidal": receptors.blocked_fraction(
                ketamine_plasma_uM, nmda.nmda_tonic_open_rate_pyramidal_per_s, nmda)}


@SYMPTOMS.declares
def symptom_readouts(t_h: np.ndarray, ketamine_plasma_uM: np.ndarray, potentiation: np.ndarray,
                     spine_density_rel: np.ndarray, params: SymptomParams
                     ) -> dict[str, np.ndarray]:
    """Dissociation and blood pressure from plasma, the score from synaptic state (``symptoms``)."""
    return {"dissociation": symptoms.dissociation(ketamine_plasma_uM, params),
            "systolic_bp_change_mmHg": symptoms.systolic_bp_change_mmHg(ketamine_plasma_uM,
                                                                        params),
            "symptom_score": symptoms.symptom_score(t_h, potentiation, spine_density_rel,
                                                    params)}


#: The stages in the order ``simulate`` runs them (each reads only outputs of earlier ones).
STAGES: tuple[Stage, ...] = (PK, NMDA_BLOCK, circuit.STAGE, monoamine.STAGE, plasticity.STAGE,
                             SYMPTOMS)

#: Every output of ``simulate``: the stages' declared outputs, in stage order.
OUTPUTS = tuple(name for stage in STAGES for name in stage.outputs)
#: Interventions named in the chain contract; each is a fraction 0..1, declared by one stage.
CONTRACT_INTERVENTIONS = tuple(name for stage in STAGES for name in stage.interventions)
#: ``{hypothesis argument of simulate: allowed values}`` (the first is the default).
HYPOTHESES = {name: allowed for stage in STAGES for name, allowed in stage.hypotheses.items()}
TRIGGERS = HYPOTHESES["trigger"]
SSRI_HYPOTHESES = HYPOTHESES["ssri_hypothesis"]
#: Parameter stages (``data/parameters.csv``) the mechanism reads, in stage order.
PARAMETER_STAGES = tuple(name for stage in STAGES for name in stage.params)


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


def dose_windows(doses: Sequence[pk.Dose], t_end_h: float) -> list[tuple[float, float]]:
    """Spans of 1-min output steps, hours: each ketamine dose's start to 6 h after its end.

    Windows that overlap (a dose starting before the last one's window ends) are merged into
    one span, so close doses share one 1-min grid rather than interleaving several offset
    ones (3,000 infusions over a year need about 530,000 output times, not 1.24 million).
    Windows that only touch or are apart stay separate, each starting at its own dose.
    """
    windows = sorted((dose.start_h, min(dose.start_h + dose.infusion_h + DOSE_WINDOW_H, t_end_h))
                     for dose in doses if dose.drug == "ketamine" and dose.start_h < t_end_h)
    merged: list[tuple[float, float]] = []
    for start, end in windows:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def time_grid(doses: Sequence[pk.Dose], t_end_h: float) -> np.ndarray:
    """Output times: every 15 min, plus 1-min steps from each ketamine dose to 6 h after it.

    The 1-min spans are ``dose_windows`` (overlapping ones merged); every dose's start and
    infusion end is a grid point. More than ``SERIES_LEN_MAX`` times raise ValueError.
    """
    pieces = [np.arange(0.0, t_end_h, BASE_STEP_H), [t_end_h]]
    for start, end in dose_windows(doses, t_end_h):
        pieces.append(np.arange(start, end, DOSE_STEP_H))
    for dose in doses:
        if dose.drug == "ketamine" and dose.start_h < t_end_h:
            pieces.append([dose.start_h])
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
                             + ", ".join(sorted(CONTRACT_INTERVENTIONS)))
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
    check_choice("trigger", trigger, HYPOTHESES["trigger"])
    check_choice("ssri_hypothesis", ssri_hypothesis, HYPOTHESES["ssri_hypothesis"])
    mp = model_parameters(params)
    t_h = time_grid(doses, t_end_h)

    # Each call returns exactly its stage's declared outputs (StageOutputError otherwise).
    out: dict[str, np.ndarray] = {}
    out |= plasma(doses, t_h, mp.pk_ketamine, mp.pk_citalopram)
    out |= nmda_block(out["ketamine_plasma_uM"], mp.nmda)
    out |= circuit.circuit_response(
        t_h, out["nmda_block_interneuron"], out["nmda_block_pyramidal"], mp.circuit,
        **circuit.STAGE.chosen(chosen))
    out |= monoamine.monoamine_response(
        t_h, out["ssri_plasma_uM"], mp.monoamine, **monoamine.STAGE.chosen(chosen),
        hypothesis=ssri_hypothesis)
    out |= plasticity.plasticity_response(
        t_h, out["glutamate_rel"], out["resting_block_pyramidal"], mp.plasticity,
        plasticity.STAGE.chosen(chosen), trigger, slow_trkb_drive=out["ssri_trkb_drive"])
    out |= symptom_readouts(t_h, out["ketamine_plasma_uM"], out["potentiation"],
                            out["spine_density_rel"], mp.symptoms)
    return Run(t_h=t_h, outputs=collected(out), doses=doses, interventions=chosen)


def collected(outputs: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``outputs`` in the order of ``OUTPUTS``; StageOutputError unless it has exactly those."""
    missing = [name for name in OUTPUTS if name not in outputs]
    undeclared = [name for name in outputs if name not in OUTPUTS]
    if missing or undeclared:
        raise StageOutputError(f"simulate: outputs missing {missing}, undeclared {undeclared}; "
                               "every stage of STAGES must run once")
    return {name: outputs[name] for name in OUTPUTS}
