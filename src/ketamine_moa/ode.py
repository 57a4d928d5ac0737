"""Integrating a model's ODEs on the output grid of ``simulate`` (``scipy.integrate.solve_ivp``)."""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

#: An input is "changing" while it moves faster than this share of its range per hour ...
ONSET_REL_RATE_PER_H = 1e-2
#: ... and a change "starts" (a dose arriving) after at least this long without change.
QUIET_GAP_H = 1.0
#: A state changing slower than this (per hour) at constant inputs is at rest (round-off).
REST_RATE_PER_H = 1e-12


def change_onsets(t: np.ndarray, inputs: tuple[np.ndarray, ...]) -> np.ndarray:
    """Sample indices where some input starts changing after a quiet spell, plus 0.

    An interval is "changing" when an input moves faster than ``ONSET_REL_RATE_PER_H`` of
    its range per hour; an onset is the first changing interval at all, or one after at least
    ``QUIET_GAP_H`` hours without change.
    """
    changing = np.zeros(t.size - 1, dtype=bool)
    for values in inputs:
        changing |= np.abs(np.diff(values)) > ONSET_REL_RATE_PER_H * np.ptp(values) * np.diff(t)
    idx = np.flatnonzero(changing)
    if idx.size == 0:
        return np.array([0])
    quiet_before_h = np.empty(idx.size)
    quiet_before_h[0] = np.inf
    quiet_before_h[1:] = t[idx[1:]] - t[idx[:-1] + 1]
    starts = idx[(quiet_before_h >= QUIET_GAP_H) & (idx > 0)]
    return np.concatenate([[0], starts])


def integrate_on_grid(rhs, t: np.ndarray, y0, inputs: tuple[np.ndarray, ...],
                      atol: float | list[float], rtol: float = 1e-3) -> np.ndarray:
    """Integrate ``dy/dt = rhs(t, y)`` with ``solve_ivp`` (LSODA) and sample it on ``t``.

    The span is cut wherever an input starts changing (``change_onsets``); each piece is
    started afresh there with a first step of one grid interval, so the adaptive solver, free
    to take long steps while inputs are quiet, cannot step over a dose (its own first-step
    guess, from a zero derivative, could). A system at rest (constant inputs, zero derivative
    at the start) is returned unchanged. Returns an array of shape (len(y0), len(t)).
    """
    state = np.asarray(y0, dtype=float)
    at_rest = all(np.ptp(values) == 0.0 for values in inputs) and np.allclose(
        rhs(t[0], state), 0.0, rtol=0.0, atol=REST_RATE_PER_H)
    if at_rest:  # constant inputs and a steady start: the state stays exactly where it is
        return np.repeat(state[:, None], t.size, axis=1)
    cuts = np.append(change_onsets(t, inputs), t.size - 1)
    out = np.empty((len(y0), t.size))
    for start, stop in zip(cuts[:-1], cuts[1:]):
        sol = solve_ivp(rhs, (t[start], t[stop]), state, method="LSODA",
                        t_eval=t[start:stop + 1], rtol=rtol, atol=atol,
                        first_step=t[start + 1] - t[start])
        if not sol.success:
            reached_h = sol.t[-1] if len(sol.t) else t[start]
            raise RuntimeError(f"integration failed near t = {reached_h:g} h: {sol.message}")
        out[:, start:stop + 1] = sol.y
        state = sol.y[:, -1]
    return out
