"""Synaptic plasticity: AMPA -> BDNF -> TrkB -> mTORC1 -> synaptic proteins -> spines.

Two triggers start the same downstream chain (``trigger``):

* ``"disinhibition"`` (default): the glutamate surge activates AMPA receptors (NMDA receptors
  are partly blocked, so AMPA receptors carry the drive); the depolarisation releases BDNF
  (Maeng et al. 2008, doi:10.1016/j.biopsych.2007.05.028; Lepack et al. 2015,
  doi:10.1093/ijnp/pyu033).
* ``"rest_block"``: blocking resting NMDA receptors on pyramidal cells switches eEF2 kinase
  off, which lets BDNF be translated; no surge is needed (Autry et al. 2011,
  doi:10.1038/nature10130).

BDNF activates TrkB, TrkB activates mTORC1 (minutes to ~2 h), mTORC1 drives synaptic protein
synthesis (hours), and the proteins raise the spine *formation* rate while the elimination
rate stays as it was (Li et al. 2010, doi:10.1126/science.1190287; Phoumthipphavong et al.
2016, doi:10.1523/ENEURO.0133-15.2016). TrkB signalling also potentiates existing synapses
within hours (fast functional potentiation, the onset of the effect); new spines maintain it
(Moda-Sava et al. 2019, doi:10.1126/science.aat8078). Equations, with the interventions
(fractions 0..1, applied for the whole run) where they act::

    A(t)  = 1 + (1 - ampa_block) (G(t) - 1)                 AMPA activation (G = glutamate_rel)
    D(t)  = max(A - 1, 0)                                    "disinhibition" trigger
          = rest_block_bdnf_gain * b_E(t)                    "rest_block" trigger
    R(t)  = 1 + (1 - val66met_release_cut * bdnf_val66met) D      BDNF release
    T(t)  = 1 + (1 - bdnf_block)(1 - trkb_block)(R - 1 + B_ssri)   TrkB activation
    dM/dt   = ((1 - mtorc1_block)(T - 1) - M) / tau_mtorc1   mTORC1 activity = 1 + M
    dP/dt   = k_protein M - P / tau_protein                  synaptic proteins = 1 + P
    dPot/dt = k_pot (T - 1) - Pot / tau_pot                  functional potentiation (0 = none)
    dF/dt   = (k_spine (1 - spine_formation_block) max(P - theta, 0) - F) / tau_maturation
    dS/dt   = (1 - S) / tau_spine + F (S_max - S) / (S_max - 1)     spine density S

B_ssri is the SSRI branch's slow, transcription-driven BDNF signal (``monoamine.py``; 0 without
an SSRI). F is the extra spine formation rate; it builds up over ~tau_maturation because new spines
take hours to grow and stabilise, so they add little in the first 6 h and much by 24 h.

S is spine density relative to the pre-treatment baseline of a stress-lowered state (Li et
al. 2011, Biol Psychiatry 69:754, PMC3068225; Moda-Sava 2019); S_max is the healthy,
pre-stress density on that scale, so new spines restore what stress removed and no more.
Formation needs synaptic protein above a threshold theta; that threshold is why halving BDNF
release (Met/Met: Egan et al. 2003, doi:10.1016/S0092-8674(03)00035-7; Liu et al. 2012,
pmid:22036038) shrinks the spine gain by well over half. The baseline is a steady state: a
blocker alone changes nothing, since every intervention scales the drug-evoked signal at its
step. With the "rest_block" trigger ``ampa_block`` has no effect, because AMPA receptors
only carry the disinhibition trigger here; that account places them downstream, in the
expression of the potentiation (Nosyreva et al. 2013, doi:10.1523/JNEUROSCI.4998-12.2013),
which this toy does not model.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .ode import integrate_on_grid
from .params import PlasticityParams
from .validation import check_fraction_series, check_number, check_time_series

TRIGGERS = ("disinhibition", "rest_block")
INTERVENTIONS = ("ampa_block", "bdnf_block", "trkb_block", "mtorc1_block",
                 "spine_formation_block", "bdnf_val66met")
#: Largest glutamate level accepted, relative to baseline (a surge is tens of percent).
GLUTAMATE_REL_MAX = 100.0
#: Solver absolute tolerance: states are relative changes of order 0.1 (0.1% of a typical gain).
ATOL = 1e-4


def check_interventions(interventions: Mapping[str, float] | None) -> dict[str, float]:
    """All six plasticity interventions as fractions (missing = 0); bad input raises.

    Unknown names and values outside 0..1 raise ValueError naming the key and the range.
    """
    if interventions is None:
        interventions = {}
    if not isinstance(interventions, Mapping):
        raise TypeError("interventions must be a dict {name: fraction 0..1}, "
                        f"got {type(interventions).__name__}")
    unknown = sorted(set(interventions) - set(INTERVENTIONS), key=str)
    if unknown:
        raise ValueError(f"interventions: unknown intervention {unknown[0]!r}; known: "
                         + ", ".join(INTERVENTIONS) + " (each a fraction in [0, 1])")
    return {name: check_number(f"interventions[{name!r}]", interventions.get(name, 0.0),
                               "(fraction)", 0.0, 1.0)
            for name in INTERVENTIONS}


def bdnf_release_rel(ampa_activation: np.ndarray, block_pyramidal: np.ndarray,
                     params: PlasticityParams, bdnf_val66met: float, trigger: str) -> np.ndarray:
    """Activity-dependent BDNF release R (1 = baseline) for either trigger.

    ``R = 1 + (1 - cut * val66met) * D``, D = AMPA activation above baseline
    ("disinhibition") or ``rest_block_bdnf_gain * block_pyramidal`` ("rest_block").
    """
    if trigger == "disinhibition":
        drive = np.maximum(ampa_activation - 1.0, 0.0)
    else:
        drive = params.rest_block_bdnf_gain * block_pyramidal
    return 1.0 + (1.0 - params.val66met_release_cut_fraction * bdnf_val66met) * drive


def plasticity_response(t_h: np.ndarray, glutamate_rel: np.ndarray, block_pyramidal: np.ndarray,
                        params: PlasticityParams, interventions: Mapping[str, float] | None = None,
                        trigger: str = "disinhibition",
                        slow_trkb_drive: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The plasticity chain over ``t_h`` (hours) from glutamate and pyramidal NMDA block.

    ``glutamate_rel`` (1 = baseline) drives the "disinhibition" trigger, ``block_pyramidal``
    (fraction 0..1) the "rest_block" trigger. ``interventions``: fractions 0..1 for
    ``ampa_block`` (NBQX), ``bdnf_block`` (antibody), ``trkb_block``, ``mtorc1_block``
    (rapamycin), ``spine_formation_block`` and ``bdnf_val66met`` (0 Val/Val, 0.5 Val/Met,
    1 Met/Met). Returns ``ampa_activation_rel``, ``bdnf_release_rel``,
    ``trkb_activation_rel``, ``mtorc1_activity_rel``, ``synaptic_protein_rel`` (1 = baseline),
    ``potentiation`` (0 = none) and ``spine_density_rel`` (1 = stressed pre-treatment level).
    ``slow_trkb_drive`` (>= 0, default none) is extra TrkB activation from the SSRI branch's
    slow BDNF expression (``monoamine.py``); it adds to the released BDNF before the blocks.
    """
    if slow_trkb_drive is None:
        slow_trkb_drive = np.zeros_like(np.asarray(t_h, dtype=float))
    t, series = check_time_series(t_h, glutamate_rel=glutamate_rel,
                                  block_pyramidal=block_pyramidal,
                                  slow_trkb_drive=slow_trkb_drive)
    if series["slow_trkb_drive"].min() < 0.0:
        raise ValueError("slow_trkb_drive must be >= 0 (extra TrkB activation); got minimum "
                         f"{series['slow_trkb_drive'].min():g}")
    glutamate = series["glutamate_rel"]
    if glutamate.min() < 0.0 or glutamate.max() > GLUTAMATE_REL_MAX:
        raise ValueError(f"glutamate_rel must lie in [0, {GLUTAMATE_REL_MAX:g}] (relative to "
                         f"baseline); got [{glutamate.min():g}, {glutamate.max():g}]")
    b_e = check_fraction_series("block_pyramidal", series["block_pyramidal"])
    if trigger not in TRIGGERS:
        raise ValueError(f"trigger must be one of {', '.join(TRIGGERS)}; got {trigger!r}")
    x = check_interventions(interventions)

    ampa = 1.0 + (1.0 - x["ampa_block"]) * (glutamate - 1.0)
    release = bdnf_release_rel(ampa, b_e, params, x["bdnf_val66met"], trigger)
    trkb_excess = (1.0 - x["bdnf_block"]) * (1.0 - x["trkb_block"]) \
        * (release - 1.0 + series["slow_trkb_drive"])
    mtor_gain = 1.0 - x["mtorc1_block"]
    p = params
    formation_gain = p.spine_formation_rate_per_h * (1.0 - x["spine_formation_block"])
    headroom = p.healthy_spine_density_rel - 1.0

    def rhs(time: float, y: np.ndarray) -> list[float]:
        mtor, protein, pot, formation, spines = y
        trkb = np.interp(time, t, trkb_excess)
        return [
            (mtor_gain * trkb - mtor) / p.mtorc1_tau_h,
            p.protein_synthesis_rate_per_h * mtor - protein / p.protein_tau_h,
            p.potentiation_rate_per_h * trkb - pot / p.potentiation_tau_h,
            (formation_gain * max(protein - p.spine_protein_threshold, 0.0) - formation)
            / p.spine_maturation_tau_h,
            (1.0 - spines) / p.spine_decay_tau_h
            + formation * (p.healthy_spine_density_rel - spines) / headroom,
        ]

    states = integrate_on_grid(rhs, t, [0.0, 0.0, 0.0, 0.0, 1.0], inputs=(trkb_excess,),
                               atol=ATOL)
    # Every input is >= 0, so M, P and Pot are too; clip the solver's round-off below zero.
    mtor, protein, pot = np.maximum(states[:3], 0.0)
    spines = states[4]
    return {
        "ampa_activation_rel": ampa,
        "bdnf_release_rel": release,
        "trkb_activation_rel": 1.0 + trkb_excess,
        "mtorc1_activity_rel": 1.0 + mtor,
        "synaptic_protein_rel": 1.0 + protein,
        "potentiation": pot,
        "spine_density_rel": spines,
    }
