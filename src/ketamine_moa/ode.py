"""Integrating a model's ODEs on the output grid of ``simulate`` (LSODA, as ``solve_ivp``).

``integrate_on_grid`` steps ``scipy.integrate.LSODA`` itself and reads each step's
Nordsieck history to evaluate the grid points inside that step: the same steps and the same
interpolant as ``solve_ivp(method="LSODA", t_eval=...)``, so the same numbers up to
round-off (within 1e-7 of each output's largest value on ordinary regimens), without its
per-step Python bookkeeping (a dense-output object per step, a search of the whole output
grid, one array per step joined at the end), which dominated runs with many doses on a
1-min grid (tests/test_properties.py compares the two).
"""

from __future__ import annotations

import warnings
from bisect import bisect_right
from functools import lru_cache

import numpy as np
from scipy.integrate import LSODA, solve_ivp

#: An input is "changing" while it moves faster than this share of its range per hour ...
ONSET_REL_RATE_PER_H = 1e-2
#: ... and a change "starts" (a dose arriving) after at least this long without change.
QUIET_GAP_H = 1.0
#: A state changing slower than this (per hour) at constant inputs is at rest (round-off).
REST_RATE_PER_H = 1e-12
#: Highest order LSODA uses (its non-stiff Adams methods; the stiff BDF ones stop at 5): the
#: Nordsieck history has at most this many columns plus one.
LSODA_MAX_ORDER = 12


def grid_interpolant(t: np.ndarray, *series: np.ndarray):
    """``at(time)``: each of ``series`` (values on the increasing grid ``t``) at a scalar time.

    The same numbers as ``np.interp(time, t, values)`` for each series (the same index, the
    same ``slope * (time - t[j]) + values[j]``, the end values outside the grid), with one
    search of the grid for all of them and no numpy call: a right-hand side calls it at every
    solver evaluation, hundreds of thousands of times for a year of doses. Returns a tuple
    with one float per series.
    """
    t = np.asarray(t, dtype=float)
    grid = t.tolist()
    columns = [np.asarray(values, dtype=float) for values in series]
    # np.interp's slope, (v[j+1] - v[j]) / (t[j+1] - t[j]), for every interval at once.
    slopes = [(np.diff(values) / np.diff(t)).tolist() for values in columns]
    columns = [values.tolist() for values in columns]
    last = len(grid) - 1
    pairs = list(zip(slopes, columns))

    def at(time: float) -> tuple[float, ...]:
        j = bisect_right(grid, time) - 1
        if j < 0:
            return tuple([values[0] for values in columns])
        if j >= last:
            return tuple([values[last] for values in columns])
        offset = time - grid[j]
        if offset == 0.0:
            return tuple([values[j] for values in columns])
        return tuple([slope[j] * offset + values[j] for slope, values in pairs])

    return at


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


class _Steps:
    """What ``LSODA._dense_output_impl`` reads after each step, kept for many steps."""

    def __init__(self, columns: int, n: int) -> None:
        self.columns, self.n = columns, n
        self.t, self.orders, self.work, self.reached = [], [], [], []

    def evaluate(self, t: np.ndarray) -> np.ndarray:
        """The states on ``t`` (shape (n, len(t))), each point from the step it lies in.

        As ``LsodaDenseOutput``: ``y(s) = sum_k history_k ((s - t_step) / h) ** k`` with the
        history up to the order of the last step, scaled to h, the step to be tried next (a
        column about to be dropped is rescaled to h). Sums in another order than its
        ``np.dot`` and powers by products: the same values up to round-off.
        """
        steps, columns, n = len(self.reached), self.columns, self.n
        orders = np.asarray(self.orders, dtype=int)
        order, next_order = orders[:, 0], orders[:, 1]
        work = np.asarray(self.work)
        h_used, h = work[:, 0], work[:, 1]
        history = work[:, 10:].reshape(steps, columns, n)  # [step, column, state]
        history[np.arange(columns) > order[:, None]] = 0.0  # not part of the history
        rows = np.flatnonzero(next_order < order)
        history[rows, order[rows]] *= ((h[rows] / h_used[rows]) ** order[rows])[:, None]
        step = np.repeat(np.arange(steps), np.diff(self.reached, prepend=0))
        x = (t - np.asarray(self.t)[step]) / h[step]
        out = history[step, 0]
        power = x.copy()
        for k in range(1, int(order.max(initial=0)) + 1):
            out += history[step, k] * power[:, None]
            power *= x
        return out.T


def lsoda_steps(rhs, t: np.ndarray, y0: np.ndarray, atol: float | list[float],
                rtol: float, steps: _Steps, offset: int, last: bool) -> np.ndarray:
    """Step ``solve_ivp(rhs, (t[0], t[-1]), y0, "LSODA", first_step=t[1] - t[0])``'s solver.

    The same solver and steps as ``solve_ivp``; each step that covers grid points (those in
    (t_old, t], plus t[0] in the first) is recorded in ``steps`` with how many points of the
    whole grid (``offset`` before ``t[0]``) are covered by then. Unless this is the ``last``
    piece, t[-1] is left to the next piece, which starts there (as ``solve_ivp`` pieces
    written one after the other: the next one's value stands). Returns the state at t[-1],
    where the last step ends (exactly the value ``solve_ivp`` gives there); RuntimeError if
    the solver fails.
    """
    solver = LSODA(rhs, t[0], y0, t[-1], first_step=t[1] - t[0], rtol=rtol, atol=atol)
    # LSODA.step, without its per-step bookkeeping: one step (itask 5), never past t[-1].
    ode_solver = solver._lsoda_solver
    integrator = ode_solver._integrator
    integrator.call_args[2] = 5
    rwork, iwork, n = integrator.rwork, integrator.iwork, solver.n
    # ``rhs`` itself rather than the solver's wrapper of it (an evaluation count and an
    # ``np.asarray`` of the list it returns, which LSODA's wrapper converts anyway).
    fun, jac = rhs, ode_solver.jac or (lambda: None)
    work_end = 20 + steps.columns * n
    grid, end = (t if last else t[:-1]).tolist(), float(t[-1])
    done = 0  # points of t already covered by a step
    y, now = ode_solver._y, float(t[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a failure is raised below, with LSODA's message
        while now < end:
            y, now = integrator.run(fun, jac, y, now, end, ode_solver.f_params,
                                    ode_solver.jac_params)
            if not integrator.success:
                raise RuntimeError(f"integration failed near t = {now:g} h: LSODA "
                                   + integrator.messages.get(integrator.istate,
                                                             f"istate {integrator.istate}"))
            covered = bisect_right(grid, now)
            if covered > done:
                steps.t.append(now)
                steps.orders.append(iwork[13:15].copy())  # order used, order next
                steps.work.append(rwork[10:work_end].copy())  # h used, h next, history
                steps.reached.append(offset + covered)
                done = covered
    return np.array(y, dtype=float)


def integrate_on_grid(rhs, t: np.ndarray, y0, inputs: tuple[np.ndarray, ...],
                      atol: float | list[float], rtol: float = 1e-3, *,
                      direct: bool = False) -> np.ndarray:
    """Integrate ``dy/dt = rhs(t, y)`` with LSODA and sample it on ``t`` (as ``solve_ivp``).

    The span is cut wherever an input starts changing (``change_onsets``); each piece is
    started afresh there with a first step of one grid interval, so the adaptive solver, free
    to take long steps while inputs are quiet, cannot step over a dose (its own first-step
    guess, from a zero derivative, could). A system at rest (constant inputs, zero derivative
    at the start) is returned unchanged. Every piece is stepped by ``lsoda_steps`` and the
    grid evaluated once at the end (``_Steps.evaluate``); with a scipy whose LSODA internals
    do not give ``solve_ivp``'s numbers (``fast_driver_works``), or with ``direct``, each piece
    goes to ``solve_ivp`` instead. Returns an array of shape (len(y0), len(t)).
    """
    state = np.asarray(y0, dtype=float)
    at_rest = all(np.ptp(values) == 0.0 for values in inputs) and np.allclose(
        rhs(t[0], state), 0.0, rtol=0.0, atol=REST_RATE_PER_H)
    if at_rest:  # constant inputs and a steady start: the state stays exactly where it is
        return np.repeat(state[:, None], t.size, axis=1)
    cuts = np.append(change_onsets(t, inputs), t.size - 1)
    if direct or not fast_driver_works():
        return _solve_ivp_pieces(rhs, t, state, cuts, atol, rtol)
    return _lsoda_pieces(rhs, t, state, cuts, atol, rtol)


def _lsoda_pieces(rhs, t, state, cuts, atol, rtol) -> np.ndarray:
    steps = _Steps(columns=LSODA_MAX_ORDER + 1, n=state.size)
    for start, stop in zip(cuts[:-1], cuts[1:]):
        state = lsoda_steps(rhs, t[start:stop + 1], state, atol, rtol, steps, start,
                            last=stop == t.size - 1)
    return steps.evaluate(t)


def solve_ivp_on_grid(*args, **kwargs) -> np.ndarray:
    """``integrate_on_grid`` with every piece solved by ``solve_ivp(t_eval=...)``: the direct
    method (slower by its per-step bookkeeping), the reference the fast driver is checked
    against."""
    return integrate_on_grid(*args, direct=True, **kwargs)


def _solve_ivp_pieces(rhs, t, state, cuts, atol, rtol) -> np.ndarray:
    out = np.empty((state.size, t.size))
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


@lru_cache(maxsize=1)
def fast_driver_works() -> bool:
    """Whether ``lsoda_steps`` (which reads LSODA's work arrays, as scipy's own dense output
    does) gives ``solve_ivp``'s numbers with the installed scipy: checked once, on a driven
    two-state system with a dose-like input, to 1e-9 of its largest value. Any other scipy
    layout, or a missing internal, makes this False and ``integrate_on_grid`` use the
    direct method."""
    t = np.concatenate([np.arange(0.0, 2.0, 1 / 60), np.arange(2.0, 48.0, 0.25)])
    drive = np.where((t >= 0.5) & (t <= 1.2), 1.0, 0.0)
    at = grid_interpolant(t, drive)

    def rhs(time, y):
        (u,) = at(time)
        return [u - 0.8 * y[0], 0.3 * y[0] - 0.05 * y[1] * (1.0 + y[1])]

    start, cuts = np.zeros(2), np.append(change_onsets(t, (drive,)), t.size - 1)
    try:
        fast = _lsoda_pieces(rhs, t, start, cuts, 1e-9, 1e-3)
    except Exception:  # noqa: BLE001 -- any failure of the internals means "use solve_ivp"
        return False
    slow = _solve_ivp_pieces(rhs, t, start, cuts, 1e-9, 1e-3)
    return bool(np.all(np.abs(fast - slow) <= 1e-9 * np.abs(slow).max()))
