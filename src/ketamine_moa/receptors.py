"""NMDA-receptor block by ketamine: Hill occupancy and open-channel trapping kinetics.

Ketamine is an open-channel blocker: it enters the pore of an *open* NMDA channel and plugs
it, so ions stop flowing (it does not open channels or cause an ion influx). The channel can
close with the drug inside (trapping), and the drug leaves mainly when the channel opens
again. Four states::

        C  --alpha-->  O  --kon*c-->  OB  --beta-->  CB
        C  <--beta--   O  <--koff--   OB  <--alpha-- CB        CB --escape--> C

C closed, O open, OB open-blocked, CB closed-blocked; alpha is the opening rate (set by
agonist or tonic activity), beta the closing rate. Sources and calibration of each rate:
``src/ketamine_moa/data/parameters.csv`` (trapping: Mealing et al. 1999, PMID 9862772).

Why busy channels are blocked more at steady state: drug can enter only an open channel but
a trapped drug can slowly escape a closed one (``escape``). Without that escape the scheme
obeys detailed balance and the blocked fraction is c / (c + Kd) whatever the activity; with
it, rarely opening channels lose block faster than they regain it. The whole difference
between interneurons and pyramidal cells in ``simulate`` rests on this one escape rate,
calibrated to a single 120-s washout in cultured neurons, and on two invented tonic opening
rates: no cell-type-resolved measurement of ketamine block was found to ground it. It is
therefore an assumption of the model, and ``block_ratio_sensitivity`` is its control: the
interneuron/pyramidal block ratio is exactly 1 without escape and grows with the escape rate.

The IC50 (1 uM) and the trapping data were measured without Mg2+. Physiological Mg2+ (about
1 mM) competes with ketamine for the pore at resting potentials and lowers its potency, so the
block computed here is an upper bound; no verified value of ketamine's IC50 in 1 mM Mg2+ is
used (see the parameter note of ``ketamine_nmda_ic50_uM``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np
from scipy.linalg import expm

from .params import NMDAReceptor
from .validation import check_number

STATES = ("closed", "open", "open_blocked", "closed_blocked")
CONC_UM_MAX = 1000.0
OPEN_RATE_MAX_PER_S = 1000.0
ESCAPE_MAX_PER_S = 1.0          # the declared maximum of ketamine_trapped_escape_per_s
#: Multiples of the calibrated escape rate shown by ``block_ratio_sensitivity`` by default.
ESCAPE_MULTIPLIERS = (0.0, 0.1, 0.3, 1.0, 3.0, 10.0)


def hill_block(conc_uM: np.ndarray | float, ic50_uM: float, hill_n: float) -> np.ndarray:
    """Fraction of NMDA current blocked at equilibrium: c^n / (c^n + IC50^n).

    ``conc_uM``: ketamine, µM (a number or an array; negative values count as 0);
    ``ic50_uM``: the concentration of half block, µM (> 0); ``hill_n``: the Hill coefficient,
    dimensionless (> 0). Returns fractions 0..1.
    """
    conc = np.clip(np.asarray(conc_uM, dtype=float), 0.0, None)
    return conc**hill_n / (conc**hill_n + ic50_uM**hill_n)


def rate_matrix(conc_uM: float, open_rate_per_s: float, nmda: NMDAReceptor) -> np.ndarray:
    """Generator Q (1/s) of the four-state scheme; dp/dt = Q p, p over STATES."""
    alpha, beta = open_rate_per_s, nmda.nmda_close_rate_per_s
    bind, unbind = nmda.ketamine_kon_per_uM_per_s * conc_uM, nmda.ketamine_koff_per_s
    escape = nmda.ketamine_trapped_escape_per_s
    q = np.zeros((4, 4))
    transitions = {  # (from, to): rate
        (0, 1): alpha, (1, 0): beta,
        (1, 2): bind, (2, 1): unbind,
        (2, 3): beta, (3, 2): alpha,
        (3, 0): escape,
    }
    for (src, dst), rate in transitions.items():
        q[dst, src] += rate
        q[src, src] -= rate
    return q


def steady_state(conc_uM: np.ndarray | float, open_rate_per_s: float,
                 nmda: NMDAReceptor) -> np.ndarray:
    """State occupancies at steady state, shape (..., 4): the solution of Q p = 0 with
    sum(p) = 1, in closed form (``steady_state_closed_form``; no linear solve).

    Vectorised over concentrations. ``simulate`` uses this quasi-steady state at each time
    point. That is an approximation: with agonist the block settles in seconds, but at tonic
    opening rates it relaxes over minutes (about 4 min for the interneuron-like rate and 11 min
    for the pyramidal-like rate at 0.75 uM), so during a 40-min infusion the true block lags
    the value reported here by minutes.

    A channel that never opens (``open_rate_per_s`` = 0, the declared minimum of the tonic
    rates) stays closed and unblocked: ketamine enters only open channels, so from a drug-free
    start no receptor is ever blocked. This is also the limit of the steady state as the
    opening rate falls to 0 with any escape of trapped drug (the block vanishes in proportion
    to the opening rate). Without escape as well, closed (C) and trapped (CB) channels would
    both be absorbing and Q singular; the answer is still the drug-free start, all closed.
    (For opening rates above 0 without escape, detailed balance gives c / (c + Kd) however
    rarely the channel opens, but only after about 1 / rate seconds: the quasi-steady state
    overstates the block of nearly silent channels.)
    """
    alpha = check_number("open_rate_per_s", open_rate_per_s, "1/s", 0.0, OPEN_RATE_MAX_PER_S)
    conc = np.atleast_1d(np.asarray(conc_uM, dtype=float))
    if alpha == 0.0:
        p = np.zeros(conc.shape + (4,))
        p[..., 0] = 1.0
        return p.reshape(np.shape(conc_uM) + (4,))
    p = np.clip(steady_state_closed_form(conc, alpha, nmda), 0.0, 1.0)  # round-off only
    return p.reshape(np.shape(conc_uM) + (4,))


def steady_state_closed_form(conc_uM: np.ndarray, open_rate_per_s: float,
                             nmda: NMDAReceptor) -> np.ndarray:
    """The solution of Q p = 0, sum(p) = 1 for an opening rate alpha > 0, shape (..., 4).

    Written out instead of a linear solve per concentration (the scheme is a chain with one
    shortcut, CB -> C, so each balance equation gives the next state): with b = kon c,
    beta the closing, koff the unbinding and e the escape rate, and
    ``d = koff (alpha + e) + beta e``, the unnormalised occupancies are::

        C = beta (d + e b),  O = alpha d,  OB = alpha b (alpha + e),  CB = alpha beta b

    (CB from the CB balance, OB from the OB balance, C from the C balance). Every term is a
    sum of products of rates >= 0, so there is no cancellation; with alpha > 0, beta > 0 and
    koff > 0 (their declared minima are 0.1 and 0.001 per s) O > 0 and the sum is positive.
    Without escape (e = 0) it reduces to detailed balance, OB + CB = b / (b + koff).
    ``tests/test_receptors.py`` checks it against the linear solve over random in-range
    rates, each also at its declared minimum.
    """
    alpha, beta = open_rate_per_s, nmda.nmda_close_rate_per_s
    unbind, escape = nmda.ketamine_koff_per_s, nmda.ketamine_trapped_escape_per_s
    bind = nmda.ketamine_kon_per_uM_per_s * np.asarray(conc_uM, dtype=float)
    d = unbind * (alpha + escape) + beta * escape
    p = np.empty(bind.shape + (4,))
    p[..., 0] = beta * (d + escape * bind)
    p[..., 1] = alpha * d
    p[..., 2] = alpha * (alpha + escape) * bind
    p[..., 3] = alpha * beta * bind
    return p / p.sum(axis=-1, keepdims=True)


def blocked_fraction(conc_uM: np.ndarray | float, open_rate_per_s: float,
                     nmda: NMDAReceptor) -> np.ndarray:
    """Fraction of receptors with ketamine in the pore (OB + CB) at steady state.

    ``conc_uM``: ketamine, µM (a number or an array, >= 0); ``open_rate_per_s``: how often a
    channel opens, 1/s (``nmda.nmda_tonic_open_rate_interneuron_per_s`` or
    ``..._pyramidal_per_s`` for the resting cells of the toy, ``nmda_open_rate_agonist_per_s``
    with glutamate); ``nmda``: ``model_parameters().nmda``. Returns fractions 0..1, the shape
    of ``conc_uM``.
    """
    p = steady_state(conc_uM, open_rate_per_s, nmda)
    return p[..., 2] + p[..., 3]


def current_block(conc_uM: np.ndarray | float, open_rate_per_s: float,
                  nmda: NMDAReceptor) -> np.ndarray:
    """Fractional reduction of the NMDA current, 1 - P_open(c) / P_open(0).

    ``open_rate_per_s`` must be > 0: a channel that never opens carries no current to reduce.
    """
    check_number("open_rate_per_s", open_rate_per_s, "1/s", 0.0, OPEN_RATE_MAX_PER_S,
                 low_open=True)
    control = steady_state(0.0, open_rate_per_s, nmda)[..., 1]
    return 1.0 - steady_state(conc_uM, open_rate_per_s, nmda)[..., 1] / control


@dataclass(frozen=True)
class Phase:
    """One step of a patch-clamp-like protocol: hold drug and agonist for ``duration_s``.

    ``agonist`` 0..1 scales the opening rate (0 = no glutamate, channels stay shut).
    """

    duration_s: float
    conc_uM: float
    agonist: float

    def __post_init__(self) -> None:
        check_number("duration_s", self.duration_s, "s", 0.0, 3600.0, low_open=True)
        check_number("conc_uM", self.conc_uM, "uM", 0.0, CONC_UM_MAX)
        check_number("agonist", self.agonist, "fraction of saturating agonist", 0.0, 1.0)


@dataclass(frozen=True)
class ChannelTrace:
    """Time course of the four states through a protocol."""

    t_s: np.ndarray
    occupancy: np.ndarray  # (len(t_s), 4) over STATES

    @property
    def open(self) -> np.ndarray:
        return self.occupancy[:, 1]

    @property
    def blocked(self) -> np.ndarray:
        return self.occupancy[:, 2] + self.occupancy[:, 3]

    @property
    def trapped(self) -> np.ndarray:
        return self.occupancy[:, 3]


def run_protocol(phases: Sequence[Phase], nmda: NMDAReceptor,
                 start_conc_uM: float = 0.0, start_agonist: float = 1.0,
                 points_per_phase: int = 200) -> ChannelTrace:
    """The four-state scheme through ``phases``, ``points_per_phase`` equal steps each.

    Within a phase the rates are constant, so ``dp/dt = Q p`` has the exact solution
    ``p(t + dt) = expm(Q dt) p(t)``: one matrix exponential per phase, then one 4x4 product per
    output step (no ODE solver, no tolerance). Starts from the steady state at
    ``start_conc_uM`` and ``start_agonist``.
    """
    if not phases:
        raise ValueError("phases: give at least one Phase(duration_s, conc_uM, agonist)")
    alpha_max = nmda.nmda_open_rate_agonist_per_s
    p = steady_state(start_conc_uM, start_agonist * alpha_max, nmda)
    times, states, t0 = [np.array([0.0])], [p[None, :]], 0.0
    for phase in phases:
        step_s = phase.duration_s / points_per_phase
        advance = expm(rate_matrix(phase.conc_uM, phase.agonist * alpha_max, nmda) * step_s)
        phase_states = np.empty((points_per_phase, 4))
        for k in range(points_per_phase):
            p = advance @ p
            phase_states[k] = p
        times.append(t0 + step_s * np.arange(1, points_per_phase + 1))
        states.append(phase_states)
        t0 += phase.duration_s
    return ChannelTrace(np.concatenate(times), np.clip(np.vstack(states), 0.0, 1.0))


def washout_protocol(conc_uM: float, washout_s: float, agonist_during_washout: float,
                     loading_s: float = 30.0, test_s: float = 30.0) -> list[Phase]:
    """Mealing et al. (1999) style: drug + agonist, then drug-free washout, then agonist test."""
    return [
        Phase(loading_s, conc_uM, 1.0),
        Phase(washout_s, 0.0, agonist_during_washout),
        Phase(test_s, 0.0, 1.0),
    ]


def block_remaining_after_washout(conc_uM: float, washout_s: float, nmda: NMDAReceptor,
                                  agonist_during_washout: float = 0.0,
                                  loading_s: float = 30.0) -> float:
    """Share of the block present at the end of loading still present after the washout.

    The protocol of Mealing et al. (1999): ``loading_s`` of drug with saturating glutamate,
    then ``washout_s`` with no drug. Arguments (units and allowed ranges):

    - ``conc_uM``: ketamine during loading, µM, in (0, 1000] (at 0 there is no block to
      keep, and the share is undefined).
    - ``washout_s``: length of the drug-free washout, s, in (0, 3600].
    - ``nmda``: the receptor parameters, ``model_parameters().nmda``.
    - ``agonist_during_washout``: glutamate during the washout as a fraction of saturating,
      0..1 (0 = none: the channels stay shut and keep their drug; 1 = saturating).
    - ``loading_s``: length of the loading phase, s, in (0, 3600].

    Returns a fraction 0..1 (1 = all of the block remains). A value out of range raises
    ValueError naming the argument (from ``Phase``).
    """
    # at 0 µM there is no block whose share could remain
    conc = check_number("conc_uM", conc_uM, "uM", 0.0, CONC_UM_MAX, low_open=True)
    loading = Phase(loading_s, conc, 1.0)
    washout = Phase(washout_s, 0.0, agonist_during_washout)
    trace = run_protocol([loading, washout], nmda)
    end_of_loading = np.searchsorted(trace.t_s, loading.duration_s)
    return float(trace.blocked[-1] / trace.blocked[end_of_loading])


def cell_type_blocks(conc_uM: float, nmda: NMDAReceptor,
                     escape_per_s: float | None = None) -> tuple[float, float]:
    """Steady-state block (fraction of receptors) on interneuron-like and pyramidal-like cells.

    ``conc_uM``: plasma ketamine (uM, 0..1000); ``escape_per_s``: escape rate of trapped drug
    (1/s, 0..1), the calibrated ``ketamine_trapped_escape_per_s`` if None. Uses the two tonic
    opening rates of ``nmda``.
    """
    conc = check_number("conc_uM", conc_uM, "uM", 0.0, CONC_UM_MAX)
    if escape_per_s is not None:
        escape = check_number("escape_per_s", escape_per_s, "1/s", 0.0, ESCAPE_MAX_PER_S)
        nmda = replace(nmda, ketamine_trapped_escape_per_s=escape)
    b_i = float(blocked_fraction(conc, nmda.nmda_tonic_open_rate_interneuron_per_s, nmda))
    b_e = float(blocked_fraction(conc, nmda.nmda_tonic_open_rate_pyramidal_per_s, nmda))
    return b_i, b_e


def block_ratio_sensitivity(conc_uM: float, nmda: NMDAReceptor,
                            escape_multipliers: Sequence[float] = ESCAPE_MULTIPLIERS,
                            ) -> list[dict[str, float]]:
    """The interneuron/pyramidal block ratio at ``conc_uM`` over a range of escape rates.

    The cell-type difference of the model is an assumption resting on the escape rate of
    trapped drug (and the invented tonic opening rates); this is its control. Each multiplier
    (>= 0) scales the calibrated ``ketamine_trapped_escape_per_s``; the result lies within its
    declared range (0..1 per s). Returns one row per multiplier: ``escape_multiplier``,
    ``escape_per_s``, ``washout_block_left`` (share of the block left after the 120-s
    agonist-free washout of NMDA-03, measured 0.86), ``block_interneuron``, ``block_pyramidal``
    and ``ratio`` (1 when nothing escapes: detailed balance, block = c / (c + Kd) for both).
    """
    if len(escape_multipliers) == 0:
        raise ValueError("escape_multipliers: give at least one multiple of the calibrated "
                         "escape rate (dimensionless, >= 0)")
    calibrated = nmda.ketamine_trapped_escape_per_s
    largest = ESCAPE_MAX_PER_S / calibrated if calibrated > 0 else 0.0
    rows = []
    for multiplier in escape_multipliers:
        multiplier = check_number("escape_multipliers", multiplier,
                                  "(multiple of the calibrated escape rate)", 0.0, largest)
        escape = multiplier * calibrated
        b_i, b_e = cell_type_blocks(conc_uM, nmda, escape)
        washout = block_remaining_after_washout(
            1.0, 120.0, replace(nmda, ketamine_trapped_escape_per_s=escape))
        rows.append({"escape_multiplier": multiplier, "escape_per_s": escape,
                     "washout_block_left": washout, "block_interneuron": b_i,
                     "block_pyramidal": b_e, "ratio": b_i / b_e if b_e > 0 else float("nan")})
    return rows
