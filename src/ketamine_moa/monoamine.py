"""The SSRI branch: SERT occupancy -> raphe 5-HT1A feedback -> terminal serotonin -> slow BDNF.

Citalopram blocks the serotonin transporter (SERT). Occupancy is a saturating function of
the plasma level (Meyer et al. 2001, doi:10.1176/appi.ajp.158.11.1843: ~77-83% at 20 mg/day,
a plateau near 85%)::

    occ(c) = occ_max * c / (c + EC50)

With a share ``q`` of serotonin cleared by routes other than SERT, blocking a fraction
``occ`` of the transporters multiplies extracellular serotonin (before any feedback) by::

    amp(occ) = 1 / ((1 - q)(1 - occ) + q),       x = amp - 1 (the excess)

In the raphe the extra serotonin acts on somatodendritic 5-HT1A autoreceptors and slows
firing; as the autoreceptors desensitise over days to weeks the firing recovers (Blier et
al. 1998, doi:10.1111/j.1749-6632.1998.tb10192.x; Le Poul et al. 1995, pmid:7477436)::

    a(t)   = (1 - D(t)) (1 - autoreceptor_block)           autoreceptor sensitivity
    F(t)   = 1 - w a x / (1 + x)                           raphe firing (1 = baseline)
    s(t)   = F amp                                         terminal serotonin (1 = baseline)
    dD/dt  = (D_max occ / occ_max - D) / tau_des           desensitised share of autoreceptors

Terminal serotonin drives slow, transcription-driven BDNF expression (chronic, not acute,
antidepressant treatment raises BDNF mRNA: Nibuya et al. 1995,
doi:10.1523/JNEUROSCI.15-11-07539.1995), which feeds the same TrkB -> mTORC1 -> spines chain
as ketamine (``plasticity.py``), and adult hippocampal neurogenesis, which needs weeks of
treatment and weeks of maturation (Santarelli et al. 2003, doi:10.1126/science.1083328)::

    dE/dt  = (g_bdnf u(t) - E) / tau_bdnf                  BDNF expression = 1 + E
    dP/dt  = (g_prolif E - P) / tau_prolif                 progenitor proliferation = 1 + P
    dN/dt  = (P - N) / tau_neuron                          mature new neurons = 1 + N

``u`` is what drives transcription. The two hypotheses (``SSRI_HYPOTHESES``) differ only there:

* ``"autoreceptor"`` (default): u = s - 1, the terminal serotonin excess, which stays small
  until the autoreceptors desensitise. Blocking them (pindolol-like ``autoreceptor_block``)
  removes the early brake and speeds the effect.
* ``"slow_plasticity"``: the autoreceptor account is contested (Commons & Linnros 2019,
  doi:10.1021/acschemneuro.8b00698). Here u = L, a generic slow adaptation,
  ``dL/dt = (x_adapted - L) / tau_adapt``, that reaches the same end state (x_adapted is the
  terminal serotonin excess once the autoreceptors have fully adapted to this occupancy)
  with a similar time course. Raphe firing is still computed (it is an observation) but
  does not gate the effect, so ``autoreceptor_block`` changes nothing downstream.

The branch adds ``trkb_coupling * E / (1 + E / K_E)`` to TrkB activation: only a small share
of the extra transcript appears as extra synaptic BDNF signalling, and that share saturates
(``trkb_expression_saturation``, K_E; a toy assumption: secretion and receptor availability,
not transcription, limit the sustained signal). So the TrkB signal is near its plateau while
BDNF expression is still climbing in week 2: BDNF expression needs a week or more to reach
half of its rise (Nibuya et al. 1995), yet about a third of the 6-week improvement is there by
week 1 (Taylor et al. 2006). This sustained signal (constitutive
BDNF secretion, which the Val66Met variant does not cut: Egan et al. 2003,
doi:10.1016/S0092-8674(03)00035-7) drives potentiation and, through mTORC1 and synaptic
protein, new spines *linearly*: unlike ketamine's brief burst it does not have to pass the
burst threshold of ``plasticity.py``, so no outcome hinges on a threshold. New spines form
within days of the BDNF rise, so the improvement starts in the first week and grows at a
decreasing rate for several weeks, the shape of the pooled placebo-controlled trials (Taylor
et al. 2006, doi:10.1001/archpsyc.63.11.1217), not a delayed switch.

A pindolol-like ``autoreceptor_block`` is a fraction 0..1 of autoreceptors blocked; PET puts
pindolol's 5-HT1A occupancy at a clinical dose at 7-21% (Andree et al. 1999,
doi:10.1007/s002130051009). This is a toy with the right time scales, not a model of human
serotonin physiology.
"""

from __future__ import annotations

import numpy as np

from .ode import GridInputs, integrate_on_grid
from .params import MonoamineParams
from .stage import Stage
from .validation import check_concentration_uM, check_number, check_time_series

SSRI_HYPOTHESES = ("autoreceptor", "slow_plasticity")
#: Largest plasma citalopram accepted (uM): a physical limit, not a model one. Citalopram
#: hydrobromide is "sparingly soluble" in water (US prescribing information), in the
#: pharmacopoeia's terms 1 g needs 30-100 mL: at most about 82 mM (MW 405.3), so no plasma
#: level can reach 0.1 M. The occupancy
#: formula is defined for any level >= 0 (it saturates at occ_max); the declared parameter
#: ranges give about 0.7 uM per 20 mg tablet at the smallest volume (1 L/kg), and up to about
#: 128 uM at steady state with 100 mg a day, a 30-kg body, full bioavailability and a
#: 200-h half-life.
PLASMA_UM_MAX = 1e5
PLASMA_LIMIT = ("a bound above the solubility of citalopram hydrobromide in water, about 82 mM, "
                "which no plasma level can exceed")
#: Solver absolute tolerance for the slow states (expression changes of order 0.1-1).
ATOL = 1e-5

STAGE = Stage(
    "monoamine",
    inputs=("ssri_plasma_uM",),
    outputs=("sert_occupancy", "autoreceptor_desensitisation", "raphe_firing_rel",
             "serotonin_rel", "bdnf_expression_rel", "new_neurons_rel", "ssri_trkb_drive"),
    interventions=("autoreceptor_block",),
    hypotheses={"ssri_hypothesis": SSRI_HYPOTHESES},
    params=("monoamine",),
)


def sert_occupancy(citalopram_uM: np.ndarray, params: MonoamineParams) -> np.ndarray:
    """SERT occupancy 0..occ_max from plasma citalopram (uM): occ_max c / (c + EC50)."""
    conc = check_concentration_uM("citalopram_uM", citalopram_uM, PLASMA_UM_MAX,
                                  PLASMA_LIMIT)
    return params.sert_occupancy_max * conc / (conc + params.citalopram_sert_ec50_uM)


def serotonin_amplification(occupancy: np.ndarray, params: MonoamineParams) -> np.ndarray:
    """Extracellular serotonin relative to baseline with SERT occupied, before feedback.

    ``amp = 1 / ((1 - q)(1 - occ) + q)``; q = share cleared by routes other than SERT.
    """
    q = params.serotonin_non_sert_clearance_fraction
    return 1.0 / ((1.0 - q) * (1.0 - np.asarray(occupancy, dtype=float)) + q)


def raphe_firing_from_excess(excess: np.ndarray | float, desensitised: np.ndarray | float,
                             autoreceptor_block: float, params: MonoamineParams
                             ) -> np.ndarray | float:
    """Raphe firing (1 = baseline) from the serotonin excess x = amp - 1 (before feedback).

    ``1 - w (1 - D)(1 - block) x / (1 + x)``: the one place the feedback formula is written,
    for numbers (the ODE's right-hand side) and arrays alike.
    """
    return 1.0 - params.autoreceptor_feedback_max * (1.0 - desensitised) \
        * (1.0 - autoreceptor_block) * excess / (1.0 + excess)


def raphe_firing_rel(occupancy: np.ndarray, desensitised: np.ndarray, autoreceptor_block: float,
                     params: MonoamineParams) -> np.ndarray:
    """Raphe firing (1 = baseline): ``1 - w (1 - D)(1 - block) x / (1 + x)``, x = amp - 1."""
    excess = serotonin_amplification(occupancy, params) - 1.0
    return raphe_firing_from_excess(excess, np.asarray(desensitised, dtype=float),
                                    autoreceptor_block, params)


@STAGE.declares
def monoamine_response(t_h: np.ndarray, citalopram_uM: np.ndarray, params: MonoamineParams,
                       autoreceptor_block: float = 0.0,
                       hypothesis: str = "autoreceptor") -> dict[str, np.ndarray]:
    """The SSRI branch over ``t_h`` (hours) from plasma citalopram (uM).

    ``autoreceptor_block``: fraction 0..1 of 5-HT1A autoreceptors blocked (pindolol-like).
    ``hypothesis``: "autoreceptor" or "slow_plasticity" (see the module docstring).
    Returns ``sert_occupancy`` (0..1), ``autoreceptor_desensitisation`` (0..1),
    ``raphe_firing_rel``, ``serotonin_rel`` (terminals), ``bdnf_expression_rel`` and
    ``new_neurons_rel`` (1 = baseline), and ``ssri_trkb_drive`` (extra TrkB activation, >= 0,
    0 = none, the ``slow_trkb_drive`` of ``plasticity.plasticity_response``).
    """
    t, series = check_time_series(t_h, citalopram_uM=citalopram_uM)
    block = check_number("autoreceptor_block", autoreceptor_block, "(fraction)", 0.0, 1.0)
    if hypothesis not in SSRI_HYPOTHESES:
        raise ValueError(f"ssri_hypothesis: unknown hypothesis {hypothesis!r}; allowed: "
                         + ", ".join(repr(h) for h in SSRI_HYPOTHESES))
    p = params
    occupancy = sert_occupancy(series["citalopram_uM"], p)
    if not occupancy.any():
        return _untreated(t)
    amp = serotonin_amplification(occupancy, p)
    fully_desensitised = p.autoreceptor_desensitisation_max * occupancy / p.sert_occupancy_max
    adapted_excess = raphe_firing_rel(occupancy, fully_desensitised, 0.0, p) * amp - 1.0

    # The right-hand side runs a few thousand times per run (a live demo's move): its inputs
    # are looked up inline (``GridInputs``, np.interp's numbers) and the parameters read once,
    # with the same arithmetic as ``raphe_firing_from_excess`` and the equations above.
    inputs = GridInputs(t, occupancy, amp, adapted_excess)
    edges, start, here, locate = inputs.edges, inputs.start, inputs.here, inputs.locate
    (occ_slope, amp_slope, adapted_slope), (occ_at, amp_at, adapted_at) = (inputs.slopes,
                                                                          inputs.values)
    w, unblocked = p.autoreceptor_feedback_max, 1.0 - block
    d_max, occ_max = p.autoreceptor_desensitisation_max, p.sert_occupancy_max
    tau_des, tau_adapt = p.autoreceptor_desensitisation_tau_h, p.slow_adaptation_tau_h
    gain, tau_bdnf = p.bdnf_transcription_gain, p.bdnf_transcription_tau_h
    neuro_gain, tau_prolif = p.neurogenesis_gain, p.proliferation_tau_h
    tau_neuron = p.neuron_maturation_tau_h
    gated = hypothesis == "autoreceptor"

    def rhs(time: float, y: np.ndarray) -> list[float]:
        desensitised, adapted, expression, proliferation, neurons = y.tolist()  # floats
        j = here[0]
        if not edges[j] <= time < edges[j + 1]:
            j = locate(time)
        offset = time - start[j]
        adapted_now = adapted_slope[j] * offset + adapted_at[j]
        if gated:
            excess = amp_slope[j] * offset + amp_at[j] - 1.0
            firing = 1.0 - w * (1.0 - desensitised) * unblocked * excess / (1.0 + excess)
            drive = firing * (1.0 + excess) - 1.0
        else:
            drive = adapted
        return [
            (d_max * (occ_slope[j] * offset + occ_at[j]) / occ_max - desensitised) / tau_des,
            (adapted_now - adapted) / tau_adapt,
            (gain * drive - expression) / tau_bdnf,
            (neuro_gain * expression - proliferation) / tau_prolif,
            (proliferation - neurons) / tau_neuron,
        ]

    states = integrate_on_grid(rhs, t, [0.0] * 5, inputs=(occupancy,), atol=ATOL)
    desensitised = np.clip(states[0], 0.0, 1.0)
    firing = raphe_firing_rel(occupancy, desensitised, block, p)
    expression = np.maximum(states[2], -1.0)
    return {
        "sert_occupancy": occupancy,
        "autoreceptor_desensitisation": desensitised,
        "raphe_firing_rel": firing,
        "serotonin_rel": firing * amp,
        "bdnf_expression_rel": 1.0 + expression,
        "new_neurons_rel": 1.0 + np.maximum(states[4], -1.0),
        "ssri_trkb_drive": ssri_trkb_drive(expression, p),
    }


def ssri_trkb_drive(expression_excess: np.ndarray, params: MonoamineParams) -> np.ndarray:
    """Extra TrkB activation (>= 0) from the BDNF expression excess E: ``k E / (1 + E / K_E)``.

    Slope ``trkb_coupling`` for small E, half of the linear value at E = K_E
    (``trkb_expression_saturation``); a fall in expression (E < 0) gives no extra signal.
    """
    excess = np.maximum(np.asarray(expression_excess, dtype=float), 0.0)
    return params.trkb_coupling * excess / (1.0 + excess / params.trkb_expression_saturation)


def _untreated(t: np.ndarray) -> dict[str, np.ndarray]:
    """Baseline outputs when no citalopram is present."""
    zeros, ones = np.zeros_like(t), np.ones_like(t)
    return {"sert_occupancy": zeros, "autoreceptor_desensitisation": zeros.copy(),
            "raphe_firing_rel": ones, "serotonin_rel": ones.copy(),
            "bdnf_expression_rel": ones.copy(), "new_neurons_rel": ones.copy(),
            "ssri_trkb_drive": zeros.copy()}
