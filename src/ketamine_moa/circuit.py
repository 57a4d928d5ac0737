"""Disinhibition: interneuron -> pyramidal firing-rate model and the glutamate surge.

Ketamine blocks NMDA receptors on fast-spiking GABA interneurons more than on pyramidal
cells (``receptors``: interneurons open their channels more often at rest, so the open-channel
blocker finds them open). Interneurons lose part of their excitatory drive and fire less;
pyramidal cells, less inhibited, fire more, and so release more glutamate (Moghaddam et al.
1997, doi:10.1523/JNEUROSCI.17-08-02921.1997; Homayoun & Moghaddam 2007,
doi:10.1523/JNEUROSCI.2213-07.2007). At anaesthetic exposure the pyramidal cells' own NMDA
drive is blocked too and the surge disappears (inverted U).

All rates are relative to the untreated baseline (1). Neuronal time constants are
milliseconds, so firing rates are quasi-steady functions of the inputs; only two slow
processes are integrated (LSODA, ``ode.integrate_on_grid``, inputs interpolated linearly)::

    r_I(t) = 1 - f_I + f_I (1 - interneuron_nmda_loss)(1 - b_I(t))   interneuron rate
    e(t)   = 1 - f_E + f_E (1 - pyramidal_nmda_loss)(1 - b_E(t))     pyramidal excitatory drive
    u(t)   = (1 + w) e(t) - w r_I(t) - u_0 + 1        net pyramidal input (excitation - inhibition)
    dx/dt  = (u - x) / tau_lag                        input as felt, after a delay of minutes
    dh/dt  = (max(x - 1, 0) - h) / tau_h              adaptation, recruited by excess input
    r_E    = clip(x, 0, 1) + max(x - 1 - h, 0)        pyramidal rate; glutamate_rel = r_E

f_I, f_E: fractions of each cell type's excitatory drive carried by NMDA receptors; w:
strength of inhibition onto pyramidal cells (excitation 1 + w and inhibition w nearly cancel,
a balanced network, so a small fall in inhibition is a large rise in net input); tau_lag:
the delay between the interneuron fall and the pyramidal rise (Homayoun & Moghaddam 2007);
h: adaptation with time constant tau_h (tens of minutes) that returns the pyramidal rate to
its set point even while drug remains, so the surge is a transient (Milak et al. 2016,
doi:10.1038/mp.2015.83: +38% Glx at ~26 min). Adaptation is recruited only by input above
the set point: a fall in input (pyramidal block without disinhibition) is not compensated,
so it cannot wind up and rebound into a surge when the drug wears off. Adaptation can only
pull the rate down to its set point, never below it: when the input x falls back faster than
h decays, r_E returns to 1 and stays there (an earlier version used r_E = max(0, x - h), which
let the lingering h push glutamate 6% below baseline at ~1.9 h after the standard infusion, an
undershoot no cited study reports: microdialysis shows a rise, and human MRS at ~3 h shows no
change). Below the set point (x < 1, pyramidal block at anaesthetic exposure) r_E = x, rectified
at zero, as before. Extracellular glutamate follows the pyramidal rate (transporter clearance
takes milliseconds). The dynamics of x and h are linear; only the rate is clipped.

A lag shorter than ``LAG_FLOOR_H`` (1 s) is taken as its limit, no lag (x = u, only h is
integrated): x then follows u within a second, far below the 1-min output grid, and the
lagged equation would be too stiff for the solver (tau_lag = 0 is allowed and means no lag).

u_0 is the untreated value of (1 + w) e - w r_I for the genotype (1 in the wild type): a
knockout (``*_nmda_loss``) is chronic, and the circuit has compensated for it before the drug
arrives, so every genotype starts at x = 1, h = 0, r_E = 1.
Values and sources of every parameter: ``CircuitParams`` and the parameter table.
"""

from __future__ import annotations

import numpy as np

from .ode import GridInputs, integrate_on_grid
from .params import CircuitParams
from .stage import Stage
from .validation import check_fraction_series, check_number, check_time_series

#: Solver absolute tolerance: the states are rates relative to a baseline of 1.
ATOL = 1e-4
#: Lags (tau_lag) shorter than this (1 s) are the no-lag limit x = u.
LAG_FLOOR_H = 1 / 3600

STAGE = Stage(
    "circuit",
    inputs=("nmda_block_interneuron", "nmda_block_pyramidal"),
    outputs=("interneuron_rate_rel", "pyramidal_rate_rel", "glutamate_rel",
             "resting_block_pyramidal"),
    interventions=("interneuron_nmda_loss", "pyramidal_nmda_loss"),
    params=("circuit",),
)


def interneuron_rate_rel(block_interneuron: np.ndarray, params: CircuitParams,
                         interneuron_nmda_loss: float = 0.0) -> np.ndarray:
    """Interneuron rate r_I = 1 - f_I + f_I (1 - loss)(1 - b_I); 1 = untreated wild type."""
    f_i = params.interneuron_nmda_drive_fraction
    return 1.0 - f_i + f_i * (1.0 - interneuron_nmda_loss) * (1.0 - block_interneuron)


def pyramidal_drive_rel(block_pyramidal: np.ndarray, params: CircuitParams,
                        pyramidal_nmda_loss: float = 0.0) -> np.ndarray:
    """Pyramidal excitatory drive e = 1 - f_E + f_E (1 - loss)(1 - b_E); 1 = untreated."""
    f_e = params.pyramidal_nmda_drive_fraction
    return 1.0 - f_e + f_e * (1.0 - pyramidal_nmda_loss) * (1.0 - block_pyramidal)


def net_pyramidal_input(block_interneuron: np.ndarray, block_pyramidal: np.ndarray,
                        params: CircuitParams, interneuron_nmda_loss: float = 0.0,
                        pyramidal_nmda_loss: float = 0.0) -> np.ndarray:
    """Net pyramidal input u = (1 + w) e - w r_I (1 = untreated wild type)."""
    w = params.inhibition_weight
    return (1.0 + w) * pyramidal_drive_rel(block_pyramidal, params, pyramidal_nmda_loss) \
        - w * interneuron_rate_rel(block_interneuron, params, interneuron_nmda_loss)


def unadapted_pyramidal_rate_rel(block_interneuron: np.ndarray, block_pyramidal: np.ndarray,
                                 params: CircuitParams) -> np.ndarray:
    """Pyramidal rate max(0, u) at steady blocks before any adaptation: the inverted U.

    Shows how the size of the disinhibition push depends on exposure (rises to ~1.5 uM, back
    to baseline near 7 uM with the default parameters).
    """
    return np.maximum(net_pyramidal_input(block_interneuron, block_pyramidal, params), 0.0)


@STAGE.declares
def circuit_response(t_h: np.ndarray, block_interneuron: np.ndarray, block_pyramidal: np.ndarray,
                     params: CircuitParams, interneuron_nmda_loss: float = 0.0,
                     pyramidal_nmda_loss: float = 0.0) -> dict[str, np.ndarray]:
    """Interneuron rate, pyramidal rate and extracellular glutamate over ``t_h`` (hours).

    Inputs: fractions of NMDA receptors blocked on interneurons and pyramidal cells (0..1) on
    the increasing grid ``t_h``; the ``*_nmda_loss`` fractions (0..1) remove that share of
    each cell type's NMDA receptors (a knockout, e.g. GluN2B deletion in interneurons, Gerhard
    et al. 2020, doi:10.1172/JCI130808). Returns ``interneuron_rate_rel``,
    ``pyramidal_rate_rel`` and ``glutamate_rel`` (1 = untreated baseline), and
    ``resting_block_pyramidal`` (0..1), the share of the wild type's pyramidal NMDA receptors
    that is blocked, ``block_pyramidal * (1 - pyramidal_nmda_loss)``: the receptors a knockout
    deleted cannot be blocked (the "rest_block" trigger of ``plasticity`` reads it; GLU-06,
    Miller et al. 2014).
    """
    t, series = check_time_series(t_h, block_interneuron=block_interneuron,
                                  block_pyramidal=block_pyramidal)
    b_i = check_fraction_series("block_interneuron", series["block_interneuron"])
    b_e = check_fraction_series("block_pyramidal", series["block_pyramidal"])
    loss_i = check_number("interneuron_nmda_loss", interneuron_nmda_loss, "(fraction)", 0.0, 1.0)
    loss_e = check_number("pyramidal_nmda_loss", pyramidal_nmda_loss, "(fraction)", 0.0, 1.0)

    # A knockout is chronic: the circuit has compensated for it, so its untreated input is 1.
    untreated = float(net_pyramidal_input(0.0, 0.0, params, loss_i, loss_e))
    net_input = net_pyramidal_input(b_i, b_e, params, loss_i, loss_e) - untreated + 1.0
    tau_lag, tau_h = params.disinhibition_lag_h, params.adaptation_tau_h
    # np.interp(time, t, net_input), looked up inline (``GridInputs``): the right-hand side
    # runs at every solver evaluation, hundreds of thousands of times for a year of doses.
    table = GridInputs(t, net_input)
    edges, start, here, locate = table.edges, table.start, table.here, table.locate
    (u_values,), (u_slopes,) = table.values, table.slopes

    # The derivative is written into one array, which LSODA copies after each call: no list
    # to build and convert per evaluation. It is written through a memoryview (``slots``):
    # the same doubles, stored without numpy's scalar assignment (about half the cost).
    derivative, adaptation_rate = np.empty(2), np.empty(1)
    slots, adaptation_slot = memoryview(derivative), memoryview(adaptation_rate)

    if tau_lag < LAG_FLOOR_H:  # no lag: x = u, and only the adaptation is integrated
        def rhs_no_lag(time: float, y: np.ndarray) -> np.ndarray:
            j = here[0]
            if not edges[j] <= time < edges[j + 1]:
                j = locate(time)
            excess = u_slopes[j] * (time - start[j]) + u_values[j] - 1.0
            adaptation_slot[0] = ((0.0 if excess < 0.0 else excess) - float(y[0])) / tau_h
            return adaptation_rate

        x = net_input
        (h,) = integrate_on_grid(rhs_no_lag, t, [0.0], inputs=(net_input,), atol=ATOL)
    else:
        def rhs(time: float, y: np.ndarray) -> np.ndarray:
            j = here[0]
            if not edges[j] <= time < edges[j + 1]:
                j = locate(time)
            x, h = y.tolist()  # Python floats: the same values, faster arithmetic
            excess = x - 1.0
            slots[0] = (u_slopes[j] * (time - start[j]) + u_values[j] - x) / tau_lag
            slots[1] = ((0.0 if excess < 0.0 else excess) - h) / tau_h
            return derivative

        x, h = integrate_on_grid(rhs, t, [1.0, 0.0], inputs=(net_input,), atol=ATOL)
    # Adaptation pulls the rate down to its set point (1), never below: excess input x - 1 is
    # reduced by h, a deficit (x < 1) is passed on unchanged.
    r_e = np.clip(x, 0.0, 1.0) + np.maximum(x - 1.0 - h, 0.0)
    return {"interneuron_rate_rel": interneuron_rate_rel(b_i, params, loss_i),
            "pyramidal_rate_rel": r_e, "glutamate_rel": r_e.copy(),
            "resting_block_pyramidal": b_e * (1.0 - loss_e)}


