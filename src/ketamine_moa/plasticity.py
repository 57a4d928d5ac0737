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
    sat(x) = x / (1 + x / K)                                 TrkB saturation (slope 1 at 0)
    T(t)  = 1 + (1 - bdnf_block)(1 - trkb_block) (sat(R - 1) + B_ssri)   TrkB activation
    dM/dt   = ((1 - mtorc1_block)(T - 1) - M) / tau_mtorc1   mTORC1 activity = 1 + M
    dP/dt   = k_protein M - P / tau_protein                  synaptic proteins = 1 + P
    dPot/dt = k_pot (T - 1) - Pot / tau_pot                  functional potentiation (0 = none)
    dF/dt   = (k_spine g_f (g_met max(P - P_s - theta, 0) + P_s) - F) / tau_maturation
    dL/dt   = F (H - L - C) / H - L / tau_spine - J          labile new spines (excess density)
    dC/dt   = J - C / tau_stable                             consolidated (stable) new spines
    J       = k_cons Phi(t) L,   Phi = (1 - mtorc1_block)(1 - bdnf_block)(1 - trkb_block) sat(R - 1)
    S       = 1 + L + C                                      spine density

with g_f = 1 - spine_formation_block, g_met = 1 - val66met_spine_cut * bdnf_val66met, and
H = S_max - 1 the headroom. B_ssri is the SSRI branch's small, sustained TrkB signal
(``monoamine.py``; 0 without an SSRI); it adds after saturation, and P_s is the part of the
synaptic protein it makes (the same mTORC1 -> protein equations driven by B_ssri alone).
Only the activity-dependent protein *burst* P - P_s has to pass the threshold theta (a toy
assumption: theta stands for the local burst of protein synthesis that activity-dependent
release triggers); the SSRI's sustained protein forms spines linearly, so the SSRI's outcome
does not hinge on a threshold. F is the extra spine formation rate; it builds up over
~tau_maturation because new spines take hours to grow and stabilise, so they add little in
the first 6 h and much by 24 h.

**Two spine pools (an assumption of this toy).** New spines are labile at first and are lost
again with tau_spine (days). A labile spine becomes stable when a *later* burst of
activity-dependent TrkB signalling with protein synthesis (Phi, the signal of the next
infusion) meets it: synaptic "tagging and capture" of the late, protein-synthesis-dependent
phase of potentiation (Frey & Morris 1997, doi:10.1038/385533a0), and new spines that
survive are those that later training re-uses (Xu et al. 2009, doi:10.1038/nature08389).
One infusion leaves mostly labile spines, because its own TrkB burst is over (hours) before
its new spines exist (12-24 h); a series of infusions two to three days apart consolidates
the spines the previous infusions made, and weekly boosters keep topping the stable pool up.
The SSRI's tonic signal carries no bursts, so it does not consolidate. The sizes and time
constants of the pools are toy values fitted to clinical time courses (see
``data/parameters.csv``), not measured spine lifetimes.

S is spine density relative to the pre-treatment baseline of a stress-lowered state (Li et
al. 2011, Biol Psychiatry 69:754, PMC3068225; Moda-Sava 2019); S_max = 1 / (1 - loss) is the
healthy, pre-stress density on that scale (``stress_spine_loss_fraction`` of the spines
lost), so new spines restore what stress removed and no more. TrkB activation saturates
(K), so a large brief release is compressed and the chain does not amplify the size of the
glutamate surge; a burst forms spines only above the threshold theta. Met-BDNF
is released less on activity (Egan et al. 2003, doi:10.1016/S0092-8674(03)00035-7) *and*
fails to reach synapses (same paper), so Met/Met (Liu et al. 2012, pmid:22036038) cuts the
spine gain by more than the release alone: ``val66met_spine_cut``. Its constitutive secretion
is unchanged (Egan 2003), so the SSRI's tonic route is not cut. The baseline is a steady
state: a blocker alone changes nothing, since every intervention scales the drug-evoked
signal at its step. With the "rest_block" trigger ``ampa_block`` has no effect, because AMPA
receptors only carry the disinhibition trigger here; that account places them downstream, in
the expression of the potentiation (Nosyreva et al. 2013, doi:10.1523/JNEUROSCI.4998-12.2013),
which this toy does not model.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .ode import GridInputs, integrate_on_grid
from .params import PlasticityParams
from .stage import Stage
from .validation import check_fraction_series, check_number, check_time_series

TRIGGERS = ("disinhibition", "rest_block")
STAGE = Stage(
    "plasticity",
    inputs=("glutamate_rel", "resting_block_pyramidal", "ssri_trkb_drive"),
    outputs=("ampa_activation_rel", "bdnf_release_rel", "trkb_activation_rel",
             "mtorc1_activity_rel", "synaptic_protein_rel", "potentiation", "spine_density_rel",
             "stable_spine_density_rel"),
    interventions=("ampa_block", "bdnf_block", "trkb_block", "mtorc1_block",
                   "spine_formation_block", "bdnf_val66met"),
    hypotheses={"trigger": TRIGGERS},
    params=("plasticity",),
)
INTERVENTIONS = STAGE.interventions
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


def trkb_saturation(bdnf_excess: np.ndarray, params: PlasticityParams) -> np.ndarray:
    """TrkB activation above baseline from extra BDNF: ``x / (1 + x / K)`` (K = saturation).

    Slope 1 for small signals (the SSRI's), half of the linear value at x = K: a large brief
    release (ketamine's) is compressed, so the chain downstream does not amplify the size of
    the glutamate surge.
    """
    return bdnf_excess / (1.0 + bdnf_excess / params.trkb_saturation_level)


@STAGE.declares
def plasticity_response(t_h: np.ndarray, glutamate_rel: np.ndarray, block_pyramidal: np.ndarray,
                        params: PlasticityParams, interventions: Mapping[str, float] | None = None,
                        trigger: str = "disinhibition",
                        slow_trkb_drive: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The plasticity chain over ``t_h`` (hours) from glutamate and pyramidal NMDA block.

    ``glutamate_rel`` (1 = baseline) drives the "disinhibition" trigger, ``block_pyramidal``
    (fraction 0..1; in ``simulate`` the circuit's ``resting_block_pyramidal``) the
    "rest_block" trigger. ``interventions``: fractions 0..1 for
    ``ampa_block`` (NBQX), ``bdnf_block`` (antibody), ``trkb_block``, ``mtorc1_block``
    (rapamycin), ``spine_formation_block`` and ``bdnf_val66met`` (0 Val/Val, 0.5 Val/Met,
    1 Met/Met). Returns ``ampa_activation_rel``, ``bdnf_release_rel``,
    ``trkb_activation_rel``, ``mtorc1_activity_rel``, ``synaptic_protein_rel`` (1 = baseline),
    ``potentiation`` (0 = none), ``spine_density_rel`` (1 = stressed pre-treatment level) and
    ``stable_spine_density_rel`` (1 + the consolidated pool C).
    ``slow_trkb_drive`` (>= 0, default none) is the SSRI branch's small, sustained extra TrkB
    signal (``monoamine``'s ``ssri_trkb_drive``); it adds after saturation, and the BDNF and
    TrkB blocks scale it.
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
    trkb_gain = (1.0 - x["bdnf_block"]) * (1.0 - x["trkb_block"])
    # The SSRI's small sustained signal adds after saturation (it is far below K anyway).
    tonic = trkb_gain * series["slow_trkb_drive"]
    trkb_excess = trkb_gain * trkb_saturation(release - 1.0, params) + tonic
    mtor_gain = 1.0 - x["mtorc1_block"]
    p = params
    formation_kept = 1.0 - x["spine_formation_block"]
    # Met-BDNF also fails to reach synapses (Egan 2003): less of the activity-dependent
    # signal builds spines, on top of the smaller release; constitutive (SSRI) BDNF is not cut.
    burst_share = 1.0 - p.val66met_spine_cut_fraction * x["bdnf_val66met"]
    # Phasic (activity-dependent) TrkB activation with protein synthesis intact: the signal
    # that consolidates labile spines; the SSRI's tonic signal does not take part.
    phasic = mtor_gain * trkb_gain * trkb_saturation(release - 1.0, params)
    headroom = p.healthy_spine_density_rel - 1.0
    # np.interp(time, t, ...) of each input, looked up inline (``GridInputs``).
    table = GridInputs(t, trkb_excess, phasic, tonic)
    edges, start, here, locate = table.edges, table.start, table.here, table.locate
    (trkb_values, phasic_values, tonic_values) = table.values
    (trkb_slopes, phasic_slopes, tonic_slopes) = table.slopes

    # The rate constants as local Python floats (the same values; the right-hand side runs
    # at every solver evaluation, hundreds of thousands of times for a year of doses).
    consolidation_rate, protein_threshold = (float(p.spine_consolidation_rate_per_h),
                                             float(p.spine_protein_threshold))
    mtor_tau, synthesis, protein_tau = (float(p.mtorc1_tau_h),
                                        float(p.protein_synthesis_rate_per_h),
                                        float(p.protein_tau_h))
    potentiation_rate, potentiation_tau = (float(p.potentiation_rate_per_h),
                                           float(p.potentiation_tau_h))
    formation_rate = float(formation_kept * p.spine_formation_rate_per_h)
    maturation_tau, decay_tau, stable_decay_tau = (float(p.spine_maturation_tau_h),
                                                   float(p.spine_decay_tau_h),
                                                   float(p.stable_spine_decay_tau_h))
    mtor_gain_f, burst_share_f, headroom_f = float(mtor_gain), float(burst_share), float(headroom)

    # The derivative is written into one array, which LSODA copies after each call: no list
    # to build and convert per evaluation. It is written through a memoryview (``slots``):
    # the same doubles, stored without numpy's scalar assignment (about half the cost).
    derivative = np.empty(8)
    slots = memoryview(derivative)

    def rhs(time: float, y: np.ndarray) -> np.ndarray:
        j = here[0]
        if not edges[j] <= time < edges[j + 1]:
            j = locate(time)
        offset = time - start[j]
        trkb = trkb_slopes[j] * offset + trkb_values[j]
        phasic_now = phasic_slopes[j] * offset + phasic_values[j]
        tonic_now = tonic_slopes[j] * offset + tonic_values[j]
        # Python floats: the same values as numpy's, faster arithmetic; ``0.0 if v < 0.0
        # else v`` is max(v, 0.0) without the call.
        mtor, protein, pot, formation, labile, stable, mtor_s, protein_s = y.tolist()
        consolidation = consolidation_rate * phasic_now * (0.0 if labile < 0.0 else labile)
        burst_protein = protein - protein_s - protein_threshold
        if burst_protein < 0.0:
            burst_protein = 0.0
        slots[0] = (mtor_gain_f * trkb - mtor) / mtor_tau
        slots[1] = synthesis * mtor - protein / protein_tau
        slots[2] = potentiation_rate * trkb - pot / potentiation_tau
        slots[3] = (formation_rate * (burst_share_f * burst_protein
                                      + (0.0 if protein_s < 0.0 else protein_s))
                    - formation) / maturation_tau
        slots[4] = formation * (headroom_f - labile - stable) / headroom_f \
            - labile / decay_tau - consolidation
        slots[5] = consolidation - stable / stable_decay_tau
        slots[6] = (mtor_gain_f * tonic_now - mtor_s) / mtor_tau
        slots[7] = synthesis * mtor_s - protein_s / protein_tau
        return derivative

    states = integrate_on_grid(rhs, t, [0.0] * 8, inputs=(trkb_excess, phasic), atol=ATOL)
    # Every input is >= 0, so every state is too; clip the solver's round-off below zero.
    mtor, protein, pot, _, labile, stable = np.maximum(states[:6], 0.0)
    spines = 1.0 + labile + stable
    return {
        "ampa_activation_rel": ampa,
        "bdnf_release_rel": release,
        "trkb_activation_rel": 1.0 + trkb_excess,
        "mtorc1_activity_rel": 1.0 + mtor,
        "synaptic_protein_rel": 1.0 + protein,
        "potentiation": pot,
        "spine_density_rel": spines,
        "stable_spine_density_rel": 1.0 + stable,
    }
