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

import math
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
    same ``slope * (time - t[j]) + values[j]``, the end values outside the grid), with no
    numpy call: a right-hand side calls it at every solver evaluation, hundreds of thousands
    of times for a year of doses. The solver asks for times close to each other, so the
    interval of the last call, then the next one, are tried before the grid is searched.
    Returns a tuple with one float per series.
    """
    t = np.asarray(t, dtype=float)
    grid = t.tolist()
    columns = [np.asarray(values, dtype=float) for values in series]
    # np.interp's slope, (v[j+1] - v[j]) / (t[j+1] - t[j]), for every interval at once.
    slopes = [(np.diff(values) / np.diff(t)).tolist() for values in columns]
    columns = [values.tolist() for values in columns]
    last = len(grid) - 1
    first_values = tuple([values[0] for values in columns])
    last_values = tuple([values[last] for values in columns])
    if last == 0:  # a single time: every other time is outside the grid
        return lambda time: first_values
    grid.append(math.inf)  # so that grid[j + 2] exists for every interval j
    here = [0]  # the interval [grid[j], grid[j + 1]) of the last call

    def interval(time: float) -> int:
        """j with grid[j] <= time < grid[j + 1], or -1 outside the grid (``here`` updated)."""
        j = here[0] + 1
        if grid[j] <= time < grid[j + 1] and j < last:
            here[0] = j
            return j
        j = bisect_right(grid, time, 0, last + 1) - 1
        if j < 0 or j >= last:
            return -1
        here[0] = j
        return j

    if len(series) == 1:
        (values,), (slope,) = columns, slopes

        def at(time: float) -> tuple[float, ...]:
            j = here[0]
            if not grid[j] <= time < grid[j + 1]:
                j = interval(time)
                if j < 0:
                    return first_values if time < grid[0] else last_values
            offset = time - grid[j]
            if offset == 0.0:
                return (values[j],)
            return (slope[j] * offset + values[j],)
    elif len(series) == 3:
        (values0, values1, values2), (slope0, slope1, slope2) = columns, slopes

        def at(time: float) -> tuple[float, ...]:
            j = here[0]
            if not grid[j] <= time < grid[j + 1]:
                j = interval(time)
                if j < 0:
                    return first_values if time < grid[0] else last_values
            offset = time - grid[j]
            if offset == 0.0:
                return (values0[j], values1[j], values2[j])
            return (slope0[j] * offset + values0[j], slope1[j] * offset + values1[j],
                    slope2[j] * offset + values2[j])
    else:
        pairs = list(zip(slopes, columns))

        def at(time: float) -> tuple[float, ...]:
            j = here[0]
            if not grid[j] <= time < grid[j + 1]:
                j = interval(time)
                if j < 0:
                    return first_values if time < grid[0] else last_values
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
    """What ``LSODA._dense_output_impl`` reads after each step, kept for many steps.

    One row per recorded step, in arrays grown by doubling (``add``): the time the step
    reached, the orders (used, next: ``iwork[13:15]``), ``rwork[10:20 + columns * n]`` (h used,
    h next, ..., the Nordsieck history) and how many grid points are covered by then.
    """

    def __init__(self, columns: int, n: int, capacity: int = 1024) -> None:
        self.columns, self.n, self.count = columns, n, 0
        self.t = np.empty(capacity)
        self.orders = np.empty((capacity, 2), dtype=np.int64)
        self.work = np.empty((capacity, 10 + columns * n))
        self.reached = np.empty(capacity, dtype=np.int64)

    def add(self, now: float, iwork: np.ndarray, rwork: np.ndarray, reached: int) -> None:
        """Record the step LSODA has just taken (its work arrays are read, not kept)."""
        k = self.count
        if k == self.t.size:
            self.t, self.orders, self.work, self.reached = (
                np.concatenate([values, np.empty_like(values)])
                for values in (self.t, self.orders, self.work, self.reached))
        self.t[k] = now
        self.orders[k] = iwork[13:15]  # order used, order next
        self.work[k] = rwork[10:self.work.shape[1] + 10]  # h used, h next, history
        self.reached[k] = reached
        self.count = k + 1

    def evaluate(self, t: np.ndarray) -> np.ndarray:
        """The states on ``t`` (shape (n, len(t))), each point from the step it lies in.

        As ``LsodaDenseOutput``: ``y(s) = sum_k history_k ((s - t_step) / h) ** k`` with the
        history up to the order of the last step, scaled to h, the step to be tried next (a
        column about to be dropped is rescaled to h). Sums in another order than its
        ``np.dot`` and powers by products: the same values up to round-off.
        """
        steps, columns, n = self.count, self.columns, self.n
        order, next_order = self.orders[:steps, 0], self.orders[:steps, 1]
        work = self.work[:steps]
        h_used, h = work[:, 0], work[:, 1]
        history = work[:, 10:].reshape(steps, columns, n)  # [step, column, state]
        top = int(order.max(initial=0))  # columns above the highest order are not used
        history = history[:, :top + 1]
        history[np.arange(top + 1) > order[:, None]] = 0.0  # not part of the history
        rows = np.flatnonzero(next_order < order)
        history[rows, order[rows]] *= ((h[rows] / h_used[rows]) ** order[rows])[:, None]
        covered = np.diff(self.reached[:steps], prepend=0)  # grid points per step
        x = (t - np.repeat(self.t[:steps], covered)) / np.repeat(h, covered)
        out = np.repeat(history[:, 0], covered, axis=0)
        power = x.copy()
        for k in range(1, top + 1):
            out += np.repeat(history[:, k], covered, axis=0) * power[:, None]
            power *= x
        return out.T


def lsoda_integrator(rhs, t0: float, y0: np.ndarray, t_bound: float, first_step: float,
                     atol: float | list[float], rtol: float):
    """The low-level LSODA integrator ``solve_ivp(method="LSODA")`` builds (scipy's
    ``LSODA(...)._lsoda_solver._integrator``), to be restarted by ``lsoda_steps``."""
    solver = LSODA(rhs, t0, y0, t_bound, first_step=first_step, rtol=rtol, atol=atol)
    return solver._lsoda_solver._integrator


def _no_jacobian():  # LSODA's finite-difference Jacobian (jt = 2) never calls it
    return None


def lsoda_steps(integrator, rhs, t: np.ndarray, y0: np.ndarray, steps: _Steps, offset: int,
                last: bool) -> np.ndarray:
    """Step ``solve_ivp(rhs, (t[0], t[-1]), y0, "LSODA", first_step=t[1] - t[0])``'s solver.

    ``integrator`` (``lsoda_integrator``, one for all the pieces of a run) is restarted as
    ``LSODA.__init__`` starts a fresh one: its first step set to ``t[1] - t[0]``, its work
    arrays and saved state rebuilt (``reset``), its end ``t[-1]``, and ``istate`` 1. It is
    then called as ``LSODA.step`` calls it (one step, itask 5, never past t[-1]), without
    the per-step bookkeeping of scipy's wrappers: the same solver and the same steps as
    ``solve_ivp``. Each step that covers grid points (those in (t_old, t], plus t[0] in the
    first) is recorded in ``steps`` with how many points of the whole grid (``offset``
    before ``t[0]``) are covered by then. Unless this is the ``last`` piece, t[-1] is left
    to the next piece, which starts there (as ``solve_ivp`` pieces written one after the
    other: the next one's value stands). Returns the state at t[-1], where the last step
    ends (exactly the value ``solve_ivp`` gives there); RuntimeError if the solver fails.
    """
    y = np.array(y0, dtype=float)  # the solver overwrites it in place
    integrator.first_step = t[1] - t[0]
    integrator.reset(y.size, False)  # no Jacobian: finite differences, as solve_ivp
    rtol, atol, _, _, rwork, iwork, jt = integrator.call_args
    rwork[0] = t[-1]  # itask 5 never steps past rwork[0]
    runner, doubles, ints = integrator.runner, integrator.state_doubles, integrator.state_ints
    # ``rhs`` itself rather than the solver's wrapper of it (an evaluation count and an
    # ``np.asarray`` of the list it returns, which LSODA's wrapper converts anyway).
    record = steps.add
    grid, end = (t if last else t[:-1]).tolist(), float(t[-1])
    size = len(grid)
    done, next_point = 0, grid[0]  # points of t already covered by a step, the next one
    now, istate = float(t[0]), 1
    while now < end:
        y, now, istate = runner(rhs, y, now, end, rtol, atol, 5, istate, rwork, iwork,
                                _no_jacobian, jt, (), 1, (), doubles, ints)
        if istate < 0:
            raise RuntimeError(f"integration failed near t = {now:g} h: LSODA "
                               + integrator.messages.get(istate, f"istate {istate}"))
        istate = 2
        if now >= next_point:
            done = bisect_right(grid, now, done)
            record(now, iwork, rwork, offset + done)
            next_point = grid[done] if done < size else math.inf
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
    integrator = lsoda_integrator(rhs, t[0], state, t[-1], t[1] - t[0], atol, rtol)
    for start, stop in zip(cuts[:-1], cuts[1:]):
        state = lsoda_steps(integrator, rhs, t[start:stop + 1], state, steps, start,
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
