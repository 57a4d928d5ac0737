"""Integrating a model's ODEs on the output grid of ``simulate`` (LSODA, as ``solve_ivp``).

``integrate_on_grid`` steps ``scipy.integrate.LSODA`` itself and reads each step's
Nordsieck history to evaluate the grid points inside that step: the same steps and the same
interpolant as ``solve_ivp(method="LSODA", t_eval=...)``, so the same numbers up to
round-off (within 1e-7 of each output's largest value on ordinary regimens), without its
per-step Python bookkeeping (a dense-output object per step, a search of the whole output
grid, one array per step joined at the end), which dominated runs with many doses on a
1-min grid (tests/test_properties.py compares the two). One low-level LSODA integrator serves
every piece of a run, restarted at each cut exactly as a new ``LSODA`` would start, and is
called directly (scipy's ``lsoda.run`` wrapper adds nothing ``lsoda_steps`` needs). Right-hand
sides read their inputs through ``GridInputs`` (np.interp's numbers, looked up inline).

Why not the public ``scipy.integrate.odeint(..., tcrit=[end], h0=...)`` (LSODA's itask 4,
with no Python per step): it takes exactly the same steps, but fills the output times with
LSODA's own ``intdy``, which evaluates the Nordsieck history at the order chosen for the
*next* step, while ``solve_ivp``'s dense output (scipy 1.15 on) uses the order of the step
just taken. Inside every step where the order changes (one step in seven to ten here) the
two interpolants differ by LSODA's local error estimate, and the outputs of ``simulate`` by
up to 4e-3 of their largest value on the ordinary regimens (potentiation; scipy 1.17.1), far
above round-off; ``odeint`` does not return the history it would take to correct them.
scipy 1.11's ``solve_ivp`` still interpolated as ``intdy`` does (and its LSODA steps are not
the C translation's), so there ``fast_driver_works`` is False and ``solve_ivp`` is used.
"""

from __future__ import annotations

import math
from array import array
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
#: Grid rows searched first, after the last one found (``GridInputs``, ``lsoda_steps``).
NEAR_ROWS = 32
#: Highest order LSODA uses (its non-stiff Adams methods; the stiff BDF ones stop at 5): the
#: Nordsieck history has at most this many columns plus one.
LSODA_MAX_ORDER = 12


def doubles(values: np.ndarray) -> array:
    """``values`` (a 1-D float array) as an ``array.array("d")``: the same doubles."""
    return array("d", np.ascontiguousarray(values, dtype=float).tobytes())


class GridInputs:
    """Series on an increasing grid ``t``, tabulated for ``np.interp``-exact lookups from
    Python, for right-hand sides that read their inputs at every solver evaluation (hundreds
    of thousands of times for a year of doses) and inline the lookup::

        j = here[0]
        if not edges[j] <= time < edges[j + 1]:
            j = locate(time)
        u = slopes[0][j] * (time - start[j]) + values[0][j]     # np.interp(time, t, series[0])

    Interval j + 1 of the tables is [t[j], t[j + 1]): ``start`` t[j], ``values`` the series
    at t[j] and ``slopes`` np.interp's slope (v[j+1] - v[j]) / (t[j+1] - t[j]), so the value
    is np.interp's ``slope * (time - t[j]) + v[j]`` (at time = t[j] exactly v[j]). Two
    more rows give the end values outside the grid, with slope 0: row 0 before t[0], row
    len(t) from t[-1] on (identical series share their tables, an all-zero one is built
    without conversion). ``here[0]`` is the row of the last lookup; ``locate`` tries the
    next row, then the ``NEAR_ROWS`` after it (the solver mostly moves forward, a few grid
    intervals per step), before searching the whole grid, and updates it.
    """

    def __init__(self, t: np.ndarray, *series: np.ndarray) -> None:
        t = np.asarray(t, dtype=float)
        columns = [np.asarray(values, dtype=float) for values in series]
        last = t.size - 1
        # The tables are ``array.array("d")``: the same doubles as lists of floats, read by
        # index as fast, but built by copying memory rather than making a Python float per
        # entry (the most of the build for a year's grid), and not tracked by the GC.
        grid = doubles(t)
        self.edges = doubles(np.concatenate([[-math.inf], t, [math.inf, math.inf]]))
        self.start = doubles(np.concatenate([t[:1], t]))
        self.values, self.slopes = [], []
        intervals = np.diff(t)
        for k, values in enumerate(columns):
            same = next((i for i in range(k) if np.array_equal(columns[i], values)), None)
            if same is not None:  # an identical series shares the tables of the first
                self.values.append(self.values[same])
                self.slopes.append(self.slopes[same])
            elif not values.any() and not np.signbit(values).any():  # +0.0 throughout
                zeros = doubles(np.zeros(last + 2))
                self.values.append(zeros)
                self.slopes.append(zeros)
            else:
                self.values.append(doubles(np.concatenate([values[:1], values])))
                # np.interp's slope for every interval at once; 0 outside the grid.
                self.slopes.append(doubles(np.concatenate([[0.0], np.diff(values) / intervals,
                                                           [0.0]])))
        self.here = here = [0]
        edges = self.edges

        def locate(time: float) -> int:
            """The row of ``time`` (np.interp's interval, or an end row), kept in ``here``."""
            j = here[0] + 1
            if edges[j] <= time:  # at or after the next row: search the 32 after it first
                if not time < edges[j + 1]:
                    ahead = j + NEAR_ROWS
                    j = bisect_right(grid, time, j, ahead) if ahead <= last and \
                        time < grid[ahead] else bisect_right(grid, time, j, last + 1)
            else:
                j = bisect_right(grid, time, 0, last + 1)
            here[0] = j
            return j

        self.locate = locate


def grid_interpolant(t: np.ndarray, *series: np.ndarray):
    """``at(time)``: each of ``series`` (values on the increasing grid ``t``) at a scalar time.

    The same numbers as ``np.interp(time, t, values)`` for each series (``GridInputs``: the
    same index, the same ``slope * (time - t[j]) + values[j]``, the end values outside the
    grid), without a numpy call. Returns a tuple with one float per series.
    """
    inputs = GridInputs(t, *series)
    edges, start, here, locate = inputs.edges, inputs.start, inputs.here, inputs.locate
    pairs = list(zip(inputs.slopes, inputs.values))

    def at(time: float) -> tuple[float, ...]:
        j = here[0]
        if not edges[j] <= time < edges[j + 1]:
            j = locate(time)
        offset = time - start[j]
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
    """What ``LSODA._dense_output_impl`` reads after each step, kept for every step of a run.

    One row per step, in chunks of ``CHUNK`` rows (``lsoda_steps`` fills row ``count`` of
    the current chunk through ``views`` and calls ``next_chunk`` when it is full): the time
    the step reached, the orders (used, next: ``iwork[13:15]``) and ``rwork[10:20 + columns *
    n]`` (h used, h next, ..., the Nordsieck history). Which grid points a step covers is
    found once, at the end (``evaluate``), not per step.
    """

    CHUNK = 4096
    BLOCK = 8192  # grid points evaluated at a time

    def __init__(self, columns: int, n: int) -> None:
        self.columns, self.n, self.width = columns, n, 10 + columns * n
        self.chunks: list[tuple[np.ndarray, ...]] = []
        self.piece_rows: list[int] = []  # the first row of each piece (``start_piece``)
        self.next_chunk()

    def start_piece(self) -> None:
        """Note that the next row recorded is the first step of a new piece."""
        self.piece_rows.append((len(self.chunks) - 1) * self.CHUNK + self.count)

    def next_chunk(self) -> None:
        """Start a new chunk (the current one is full)."""
        self.count = 0
        self.t, self.orders = np.empty(self.CHUNK), np.empty((self.CHUNK, 2), dtype=np.int32)
        self.work = np.empty((self.CHUNK, self.width))
        self.chunks.append((self.t, self.orders, self.work))
        # Flat memoryviews of the same buffers: a row is copied in by slice assignment
        # from memoryviews of LSODA's work arrays, cheaper than numpy's indexing per step.
        self.views = (memoryview(self.t), memoryview(self.orders.reshape(-1)),
                      memoryview(self.work.reshape(-1)))

    def rows(self) -> tuple[np.ndarray, ...]:
        """Every recorded row: times, orders, and the h and history columns up to the highest
        order used (chunks joined; the columns above it are never read)."""
        *full, (t, orders, work) = self.chunks
        full.append((t[:self.count], orders[:self.count], work[:self.count]))
        times, orders = (np.concatenate(parts) for parts in list(zip(*full))[:2])
        used = 10 + (int(orders[:, 0].max(initial=0)) + 1) * self.n
        return times, orders, np.concatenate([work[:, :used] for _, _, work in full])

    def evaluate(self, t: np.ndarray, cuts: np.ndarray) -> np.ndarray:
        """The states on ``t`` (shape (n, len(t))), each point from the step it lies in.

        A point is evaluated from the first step that reaches it (the step whose interval
        (t_old, t_step] holds it), as ``solve_ivp``'s ``t_eval``, and as ``LsodaDenseOutput``:
        ``y(s) = sum_k history_k ((s - t_step) / h) ** k`` with the history up to the order of
        the last step, scaled to h, the step to be tried next (a column about to be dropped
        is rescaled to h). The first point of each piece (``cuts[:-1]``, indices into ``t``
        where the pieces start) is evaluated from that piece's first step (its start value
        up to round-off). Sums in another order than its ``np.dot`` and powers by products:
        the same values up to round-off. Points are done ``BLOCK`` at a time, so the
        temporaries stay in cache.
        """
        times, orders, work = self.rows()
        steps, n = times.size, self.n
        order, next_order = orders[:, 0].astype(int), orders[:, 1].astype(int)
        h_used, h = work[:, 0], work[:, 1]
        top = int(order.max(initial=0))  # columns above the highest order are not used
        history = work[:, 10:].reshape(steps, top + 1, n)  # [step, column, state]
        history[np.arange(top + 1) > order[:, None]] = 0.0  # not part of the history
        rows = np.flatnonzero(next_order < order)
        history[rows, order[rows]] *= ((h[rows] / h_used[rows]) ** order[rows])[:, None]
        step = np.searchsorted(times, t)  # the first step reaching each point ...
        step[cuts[:-1]] = self.piece_rows  # ... and each piece's start from its first step
        x = (t - times[step]) / h[step]
        # [column, state, step], so each column gathers straight into an (n, points) block;
        # the terms are added in ascending powers, as before (the same round-off).
        columns_first = np.ascontiguousarray(history.transpose(1, 2, 0))
        out = np.empty((n, t.size))
        for low in range(0, t.size, self.BLOCK):
            where, s = step[low:low + self.BLOCK], x[low:low + self.BLOCK]
            block = np.take(columns_first[0], where, axis=1, mode="clip")
            term, power = np.empty_like(block), s.copy()
            for k in range(1, top + 1):
                np.take(columns_first[k], where, axis=1, out=term, mode="clip")
                term *= power
                block += term
                power *= s
            out[:, low:low + self.BLOCK] = block
        return out


def lsoda_integrator(rhs, t0: float, y0: np.ndarray, t_bound: float, first_step: float,
                     atol: float | list[float], rtol: float):
    """The low-level LSODA integrator ``solve_ivp(method="LSODA")`` builds (scipy's
    ``LSODA(...)._lsoda_solver._integrator``), to be restarted by ``lsoda_steps``."""
    solver = LSODA(rhs, t0, y0, t_bound, first_step=first_step, rtol=rtol, atol=atol)
    return solver._lsoda_solver._integrator


def _no_jacobian():  # LSODA's finite-difference Jacobian (jt = 2) never calls it
    return None


def lsoda_steps(integrator, rhs, t0: float, t_end: float, first_step: float, y0: np.ndarray,
                steps: _Steps) -> np.ndarray:
    """Step ``solve_ivp(rhs, (t0, t_end), y0, "LSODA", first_step=first_step)``'s solver.

    ``integrator`` (``lsoda_integrator``, one for all the pieces of a run) is restarted as
    ``LSODA.__init__`` starts a fresh one: its first step set, its work arrays and saved
    state rebuilt (``reset``), its end ``t_end``, and ``istate`` 1. It is then called as
    ``LSODA.step`` calls it (one step, itask 5, never past t_end), without the per-step
    bookkeeping of scipy's wrappers: the same solver and the same steps as ``solve_ivp``.
    Every step is recorded in ``steps``. Returns the state at t_end, where the last step
    ends (exactly the value ``solve_ivp`` gives there); RuntimeError if the solver fails.
    """
    y = np.array(y0, dtype=float)  # the solver overwrites it in place
    integrator.first_step = first_step
    integrator.reset(y.size, False)  # no Jacobian: finite differences, as solve_ivp
    rtol, atol, _, _, rwork, iwork, jt = integrator.call_args
    rwork[0] = t_end  # itask 5 never steps past rwork[0]
    runner, doubles, ints = integrator.runner, integrator.state_doubles, integrator.state_ints
    # ``rhs`` itself rather than the solver's wrapper of it (an evaluation count and an
    # ``np.asarray`` of the list it returns, which LSODA's wrapper converts anyway).
    width, chunk = steps.width, steps.CHUNK
    work_end, rwork_view, iwork_view = 10 + width, memoryview(rwork), memoryview(iwork)
    count, (times, orders, work) = steps.count, steps.views
    now, istate = float(t0), 1
    while now < t_end:
        y, now, istate = runner(rhs, y, now, t_end, rtol, atol, 5, istate, rwork, iwork,
                                _no_jacobian, jt, (), 1, (), doubles, ints)
        if istate < 0:
            raise RuntimeError(f"integration failed near t = {now:g} h: LSODA "
                               + integrator.messages.get(istate, f"istate {istate}"))
        istate = 2
        if count == chunk:
            steps.next_chunk()
            count, (times, orders, work) = 0, steps.views
        times[count] = now
        orders[2 * count:2 * count + 2] = iwork_view[13:15]  # order used, order next
        work[width * count:width * (count + 1)] = rwork_view[10:work_end]  # h, history
        count += 1
    steps.count = count
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
    # Each piece's start, end and first step (one grid interval) as Python floats.
    starts, ends, firsts = t[cuts[:-1]].tolist(), t[cuts[1:]].tolist(), \
        (t[cuts[:-1] + 1] - t[cuts[:-1]]).tolist()
    for start, end, first_step in zip(starts, ends, firsts):
        steps.start_piece()
        state = lsoda_steps(integrator, rhs, start, end, first_step, state, steps)
    return steps.evaluate(t, cuts)


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
