"""Doses, schedules and plasma concentrations (pharmacokinetics).

Ketamine: two compartments (central V1, peripheral) with first-order elimination k10 and
exchange k12/k21; non-IV routes add a depot absorbed at rate ka with bioavailability F::

    dA_depot/dt = -ka A_depot
    dA_1/dt     =  ka A_depot + R(t) - (k10 + k12) A_1 + k21 A_2
    dA_2/dt     =  k12 A_1 - k21 A_2            C(t) = A_1 / V1

Citalopram: one compartment with oral absorption (ka, ke = ln 2 / t_half, V).

These are linear ODEs with piecewise-constant input, solved exactly by the matrix exponential
in Newton's divided-difference form (``propagate``), which stays exact when two rates
coincide (e.g. ka = ke), stepped from dose event to dose event; doses add up
(superposition). Tests check this against ``scipy.integrate.solve_ivp`` over the declared
parameter ranges. Sources of every
rate, volume and bioavailability: ``src/ketamine_moa/data/parameters.csv``.

Dose ranges accepted below are the limits of the model, not advice: nothing here is a dosing
recommendation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
from scipy.integrate import trapezoid
from scipy.special import exprel

from .params import CitalopramPK, KetaminePK
from .validation import check_number

KETAMINE_ROUTES = ("iv", "intranasal", "sublingual", "oral")
DRUG_ROUTES = {"ketamine": KETAMINE_ROUTES, "citalopram": ("oral",)}

#: Model limits for amounts and times (beyond them the toy is not meant to be used).
KETAMINE_MG_PER_KG_MAX = 10.0
CITALOPRAM_MG_MAX = 100.0
START_H_MAX = 365 * 24.0
INFUSION_H_MAX = 24.0
BODY_WEIGHT_KG_RANGE = (30.0, 200.0)
#: IV doses shorter than this (1 s) are given as a bolus: no slower than the drug mixes, and
#: a rate of amount/duration over a vanishing interval would lose the dose to round-off.
BOLUS_BELOW_H = 1 / 3600
STANDARD_INFUSION_H = 40 / 60  # 0.5 mg/kg over 40 min in the research trials (Zarate 2006)


@dataclass(frozen=True)
class Dose:
    """One administration of a drug.

    Arguments (units and allowed ranges; these are the limits of the model, not advice):

    - ``drug``: "ketamine" or "citalopram".
    - ``route``: for ketamine "iv", "intranasal", "sublingual" or "oral"; for citalopram
      "oral".
    - ``mg_per_kg``: a ketamine amount, mg per kg of body weight, in (0, 10]; not allowed
      for citalopram.
    - ``mg``: a citalopram tablet, mg, in (0, 100]; not allowed for ketamine.
    - ``start_h``: when the dose is given, hours after the start of the run, in [0, 8760].
    - ``duration_h``: for an IV dose the length of a constant-rate infusion, hours, in
      [0, 24] (0 = bolus; durations under ``BOLUS_BELOW_H``, 1 s, are given as a bolus, see
      ``infusion_h``); must be 0 for every other route (a tablet, spray or drop has none).
      The research-trial infusion is 0.5 mg/kg over 40 min: ``duration_h=40 / 60``.
    - ``body_weight_kg``: kg, in [30, 200] (default 70), turns ``mg_per_kg`` into mg.

    A value out of range raises ValueError naming the argument, its unit and the range.
    """

    drug: str
    route: str
    mg_per_kg: float | None = None
    mg: float | None = None
    start_h: float = 0.0
    duration_h: float = 0.0
    body_weight_kg: float = 70.0

    def __post_init__(self) -> None:
        if not isinstance(self.drug, str):
            raise TypeError("drug must be a string, one of "
                            + ", ".join(repr(d) for d in DRUG_ROUTES)
                            + f"; got {type(self.drug).__name__}")
        if self.drug not in DRUG_ROUTES:
            raise ValueError(f"drug: unknown drug {self.drug!r}; allowed: "
                             + ", ".join(repr(d) for d in DRUG_ROUTES))
        routes = DRUG_ROUTES[self.drug]
        if not isinstance(self.route, str):
            raise TypeError("route must be a string, one of "
                            + ", ".join(repr(r) for r in routes)
                            + f"; got {type(self.route).__name__}")
        if self.route not in routes:
            raise ValueError(f"route: unknown route {self.route!r} for {self.drug}; allowed: "
                             + ", ".join(repr(r) for r in routes))
        if self.drug == "ketamine":
            if self.mg is not None:
                raise ValueError("mg: give ketamine as mg_per_kg (mg per kg body weight), not mg")
            if self.mg_per_kg is None:
                raise ValueError("mg_per_kg: a ketamine dose needs mg_per_kg, "
                                 f"in mg/kg, within (0, {KETAMINE_MG_PER_KG_MAX:g}]")
            check_number("mg_per_kg", self.mg_per_kg, "mg/kg", 0.0, KETAMINE_MG_PER_KG_MAX,
                         low_open=True)
        else:
            if self.mg_per_kg is not None:
                raise ValueError("mg_per_kg: give citalopram as mg per tablet, not mg_per_kg")
            if self.mg is None:
                raise ValueError("mg: a citalopram dose needs mg, "
                                 f"within (0, {CITALOPRAM_MG_MAX:g}] mg")
            check_number("mg", self.mg, "mg", 0.0, CITALOPRAM_MG_MAX, low_open=True)
        check_number("start_h", self.start_h, "h", 0.0, START_H_MAX)
        check_number("body_weight_kg", self.body_weight_kg, "kg", *BODY_WEIGHT_KG_RANGE)
        if self.route == "iv":
            check_number("duration_h", self.duration_h, "h", 0.0, INFUSION_H_MAX)
        else:
            check_number("duration_h", self.duration_h, "h", 0.0, 0.0)

    @property
    def infusion_h(self) -> float:
        """Length of the constant-rate infusion, h: ``duration_h``, or 0 (bolus) under 1 s."""
        return self.duration_h if self.duration_h >= BOLUS_BELOW_H else 0.0

    @property
    def amount_mg(self) -> float:
        """Total amount given, mg."""
        if self.drug == "ketamine":
            return float(self.mg_per_kg) * float(self.body_weight_kg)
        return float(self.mg)


# --- schedules -----------------------------------------------------------------------------

def single_infusion(mg_per_kg: float = 0.5, start_h: float = 0.0,
                    duration_h: float = STANDARD_INFUSION_H) -> list[Dose]:
    """One IV ketamine infusion (the research-trial design: 0.5 mg/kg over 40 min).

    ``mg_per_kg``: mg per kg body weight, in (0, 10]; ``start_h``: hours after the start of
    the run, in [0, 8760]; ``duration_h``: length of the infusion in **hours**, in [0, 24]
    (100 min is ``100 / 60``). Returns a list of one ``Dose``, for ``simulate``.
    """
    return [Dose("ketamine", "iv", mg_per_kg=mg_per_kg, start_h=start_h, duration_h=duration_h)]


#: Days of the six-infusion research series, three a week for two weeks
#: (Murrough et al. 2013, doi:10.1016/j.biopsych.2012.06.022; Phillips et al. 2019).
SERIES_DAYS = (0, 2, 4, 7, 9, 11)


def infusion_series(mg_per_kg: float = 0.5, days: Sequence[float] = SERIES_DAYS,
                    duration_h: float = STANDARD_INFUSION_H) -> list[Dose]:
    """IV infusions on the given days (default: six over two weeks, as in the trials)."""
    try:
        days = list(days)
    except TypeError:
        raise TypeError("days must be a list of infusion days (days since the first, >= 0), "
                        f"got {type(days).__name__}") from None
    if not days:
        raise ValueError("days: give at least one infusion day (days since the first, >= 0)")
    return [Dose("ketamine", "iv", mg_per_kg=mg_per_kg, start_h=24.0 * d, duration_h=duration_h)
            for d in days]


def weekly_boosters(first_day: float, n_boosters: int, mg_per_kg: float = 0.5,
                    every_days: float = 7.0, duration_h: float = STANDARD_INFUSION_H) -> list[Dose]:
    """Maintenance infusions every ``every_days`` days from ``first_day`` (as in Phillips 2019)."""
    check_number("first_day", first_day, "days", 0.0, START_H_MAX / 24)
    check_count("n_boosters", n_boosters, 1, 52)
    check_number("every_days", every_days, "days", 1.0, 60.0)
    return infusion_series(mg_per_kg, [first_day + i * every_days for i in range(n_boosters)],
                           duration_h)


def daily_citalopram(mg: float = 20.0, n_days: int = 84, start_day: float = 0.0) -> list[Dose]:
    """One citalopram tablet a day for ``n_days`` days (20 mg/day as in Meyer et al. 2001).

    ``mg``: mg per tablet, in (0, 100]; ``n_days``: number of tablets, an integer 1..365;
    ``start_day``: day of the first tablet (days after the start of the run, >= 0). The
    tablets are 24 h apart. Returns a list of ``Dose``, for ``simulate``.
    """
    check_count("n_days", n_days, 1, 365)
    check_number("start_day", start_day, "days", 0.0, START_H_MAX / 24)
    return [Dose("citalopram", "oral", mg=mg, start_h=24.0 * (start_day + i))
            for i in range(n_days)]


def check_count(name: str, value: int, low: int, high: int) -> int:
    """A whole number of doses within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number (count) in [{low}, {high}], "
                        f"got {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{name} = {value} is outside the allowed range [{low}, {high}] (count)")
    return int(value)


# --- linear compartment solutions ----------------------------------------------------------

def exp_divided_differences(rates_per_h: Sequence[float], tau_h: np.ndarray) -> list[np.ndarray]:
    """Newton divided differences f[x_0], f[x_0, x_1], ..., f[x_0..x_{n-1}] of f(x) = e^{x tau}.

    ``rates_per_h`` x_i are sorted ascending. Adjacent pairs use the form that stays exact
    when two rates coincide, ``f[a, b] = tau e^{b tau} exprel((a - b) tau)`` for a <= b
    (exprel(z) = (e^z - 1)/z, 1 at z = 0); higher orders use the recursion
    ``f[x_i..x_j] = (f[x_{i+1}..x_j] - f[x_i..x_{j-1}]) / (x_j - x_i)``, which needs
    x_j - x_i > 0 for j >= i + 2 (no three rates coincide; true for every declared range).
    Each array has the shape of ``tau_h``.
    """
    x = np.sort(np.asarray(rates_per_h, dtype=float))
    tau = np.asarray(tau_h, dtype=float)
    table = [tau * np.exp(b * tau) * exprel((a - b) * tau) for a, b in zip(x[:-1], x[1:])]
    differences = [np.exp(x[0] * tau), table[0]]
    for order in range(2, x.size):
        table = [(table[i + 1] - table[i]) / (x[i + order] - x[i]) for i in range(len(table) - 1)]
        differences.append(table[0])
    return differences


def propagate(matrix: np.ndarray, rates_per_h: Sequence[float], tau_h: np.ndarray,
              states: np.ndarray) -> np.ndarray:
    """``expm(K tau) a`` for each row ``a`` of ``states`` and its ``tau`` (shape (m, n)).

    Newton's form of the matrix exponential, exact whatever the multiplicity of the rates
    (the eigenvalues x_i of K, ascending): ``expm(K tau) = sum_k f[x_0..x_k] P_k`` with
    ``P_0 = I``, ``P_k = P_{k-1} (K - x_{k-1} I)`` (Cayley-Hamilton, so no eigenvectors).
    """
    x = np.sort(np.asarray(rates_per_h, dtype=float))
    term = np.asarray(states, dtype=float)
    result = np.zeros_like(term)
    for k, difference in enumerate(exp_divided_differences(x, tau_h)):
        if k:
            term = term @ (matrix - x[k - 1] * np.eye(len(matrix))).T
        result += difference[:, None] * term
    return result


def advance(matrix: np.ndarray, rates_per_h: Sequence[float], input_index: int,
            tau_h: np.ndarray, amounts: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Amounts ``tau`` later under a constant input ``rate`` into ``input_index`` (rows).

    ``A(tau) = expm(K tau) A + int_0^tau expm(K s) b R ds``; the integral is the top of
    ``expm(M tau) [0; R]``, ``M = [[K, b], [0, 0]]`` (rates: those of K and 0). Rows with
    R = 0 get no term from M, whose extra rate 0 would cost accuracy at low levels.
    """
    n = len(matrix)
    result = propagate(matrix, rates_per_h, tau_h, amounts)
    infusing = rate != 0
    if infusing.any():
        augmented = np.zeros((n + 1, n + 1))
        augmented[:n, :n] = matrix
        augmented[input_index, n] = 1.0
        constant = np.zeros((int(infusing.sum()), n + 1))
        constant[:, n] = rate[infusing]
        result[infusing] += propagate(augmented, (*rates_per_h, 0.0), tau_h[infusing],
                                      constant)[:, :n]
    return result


def compartment_amounts(rate_matrix_per_h: np.ndarray, rates_per_h: Sequence[float],
                        input_index: int, starts_h: Sequence[float],
                        durations_h: Sequence[float], amounts: Sequence[float],
                        t_h: np.ndarray) -> np.ndarray:
    """Amount in each compartment of ``dA/dt = K A + b R(t)`` after doses into ``input_index``.

    Dose i puts ``amounts[i]`` into the input compartment at ``starts_h[i]`` (a bolus when
    ``durations_h[i]`` = 0) or at the constant rate amount/duration over
    [start, start + duration]. ``rates_per_h`` are the eigenvalues of K (1/h). Between two
    dose events (starts and ends, "knots") the input rate is constant and the solution is
    exact (``advance``): the state is stepped from knot to knot (the propagators of all the
    intervals computed at once), boluses added at their knot, and every output time is
    reached from the knot before it, so the cost grows with the number of times plus doses,
    not their product. Shape (len(t_h), n).
    """
    starts = np.asarray(starts_h, dtype=float)
    durations = np.asarray(durations_h, dtype=float)
    doses = np.asarray(amounts, dtype=float)
    infused = durations > 0
    ends = starts + durations
    knots = np.unique(np.concatenate([starts, ends[infused]]))
    n = len(rate_matrix_per_h)
    bolus = np.zeros((knots.size, n))
    np.add.at(bolus[:, input_index], np.searchsorted(knots, starts[~infused]), doses[~infused])
    rate = doses[infused] / durations[infused]
    rate_change = np.zeros(knots.size)
    np.add.at(rate_change, np.searchsorted(knots, starts[infused]), rate)
    np.add.at(rate_change, np.searchsorted(knots, ends[infused]), -rate)
    rate_after = np.cumsum(rate_change)  # input rate from each knot to the next
    after_knot = bolus.copy()
    if knots.size > 1:
        # From knot k - 1 to k the state is mapped affinely, A -> E_k A + g_k (``advance``
        # is linear in the amounts and the rate): E_k = expm(K tau_k), column by column,
        # and g_k the infused amount, for all intervals at once; then one small product per
        # knot in order.
        tau = np.diff(knots)
        basis = np.eye(n)
        columns = [propagate(rate_matrix_per_h, rates_per_h, tau,
                             np.broadcast_to(basis[j], (tau.size, n))) for j in range(n)]
        step = np.stack(columns, axis=-1)  # step[k - 1] = E_k, shape (n, n)
        infused_amounts = advance(rate_matrix_per_h, rates_per_h, input_index, tau,
                                  np.zeros((tau.size, n)), rate_after[:-1])
        after_knot[1:] += infused_amounts
        for k in range(1, knots.size):
            after_knot[k] += step[k - 1] @ after_knot[k - 1]
    t = np.asarray(t_h, dtype=float)
    last = np.searchsorted(knots, t, side="right") - 1
    out = np.zeros((t.size, n))
    reached = last >= 0
    out[reached] = advance(rate_matrix_per_h, rates_per_h, input_index,
                           t[reached] - knots[last[reached]], after_knot[last[reached]],
                           rate_after[last[reached]])
    return out


def disposition_rates_per_h(pk: KetaminePK) -> tuple[float, float]:
    """Eigenvalues -alpha < -beta < 0 of the two-compartment disposition (1/h).

    ``alpha, beta = (s +- sqrt(s^2 - 4 k10 k21)) / 2``, s = k10 + k12 + k21; beta is taken as
    k10 k21 / alpha (no cancellation when it is small). They never coincide: alpha - beta
    >= 2 sqrt(k12 k21) > 0.
    """
    k10, k12, k21 = pk.ketamine_k10_per_h, pk.ketamine_k12_per_h, pk.ketamine_k21_per_h
    total = k10 + k12 + k21
    alpha = 0.5 * (total + math.sqrt(total**2 - 4.0 * k10 * k21))
    return -alpha, -k10 * k21 / alpha


def ketamine_rate_matrix(pk: KetaminePK, route: str) -> tuple[np.ndarray, int, int]:
    """Rate matrix (1/h), input compartment and central compartment for a ketamine route."""
    k10, k12, k21 = pk.ketamine_k10_per_h, pk.ketamine_k12_per_h, pk.ketamine_k21_per_h
    disposition = np.array([[-(k10 + k12), k21], [k12, -k21]])
    if route == "iv":
        return disposition, 0, 0
    ka = getattr(pk, f"ketamine_ka_{route}_per_h")
    matrix = np.zeros((3, 3))
    matrix[0, 0] = -ka
    matrix[1, 0] = ka
    matrix[1:, 1:] = disposition
    return matrix, 0, 1


def ketamine_rates_per_h(pk: KetaminePK, route: str) -> tuple[float, ...]:
    """Eigenvalues of ``ketamine_rate_matrix`` (1/h): the disposition's, and -ka with a depot."""
    if route == "iv":
        return disposition_rates_per_h(pk)
    return (-getattr(pk, f"ketamine_ka_{route}_per_h"), *disposition_rates_per_h(pk))


def ketamine_bioavailability(pk: KetaminePK, route: str) -> float:
    """Fraction of the dose reaching the circulation (1 for IV)."""
    return 1.0 if route == "iv" else getattr(pk, f"ketamine_bioavailability_{route}")


def ketamine_amounts_mg(dose: Dose, t_h: np.ndarray, pk: KetaminePK) -> np.ndarray:
    """Amounts (mg) in [depot,] central, peripheral for one ketamine dose."""
    matrix, input_index, _ = ketamine_rate_matrix(pk, dose.route)
    absorbed_mg = dose.amount_mg * ketamine_bioavailability(pk, dose.route)
    return compartment_amounts(matrix, ketamine_rates_per_h(pk, dose.route), input_index,
                               [dose.start_h], [dose.infusion_h], [absorbed_mg], t_h)


def mg_per_L_to_uM(conc_mg_per_L: np.ndarray, molar_mass_g_per_mol: float) -> np.ndarray:
    """mg/L -> umol/L: divide by the molar mass (g/mol = mg/mmol) and scale by 1000."""
    return np.asarray(conc_mg_per_L) / molar_mass_g_per_mol * 1000.0


def ketamine_plasma_uM(doses: Iterable[Dose], t_h: np.ndarray, pk: KetaminePK) -> np.ndarray:
    """Plasma ketamine (uM) from all ketamine doses (superposition, one solve per route).

    Each dose enters as its absorbed amount over its own central volume (V1 x body weight),
    in uM, so the central "amount" of the solution is the plasma level.
    """
    doses, t_h = tuple(doses), np.asarray(t_h, dtype=float)
    conc = np.zeros_like(t_h)
    for route in KETAMINE_ROUTES:
        given = [d for d in doses if d.drug == "ketamine" and d.route == route]
        if not given:
            continue
        matrix, input_index, central = ketamine_rate_matrix(pk, route)
        uM = [mg_per_L_to_uM(d.amount_mg * ketamine_bioavailability(pk, route)
                             / (pk.ketamine_central_volume_L_per_kg * d.body_weight_kg),
                             pk.ketamine_molar_mass_g_per_mol) for d in given]
        conc += compartment_amounts(matrix, ketamine_rates_per_h(pk, route), input_index,
                                    [d.start_h for d in given], [d.infusion_h for d in given],
                                    uM, t_h)[:, central]
    return np.maximum(conc, 0.0)  # the matrix exponential leaves round-off of order -1e-16


def auc_uM_h(t_h: np.ndarray, conc_uM: np.ndarray) -> float:
    """Area under a concentration curve (uM*h), by the trapezoid rule on its own grid.

    ``t_h``: the times, hours, increasing (``run.t_h``); ``conc_uM``: the concentrations at
    those times, µM (``run["ketamine_plasma_uM"]``). Use this rather than ``np.trapz``,
    which numpy 2 removed (its new name is ``np.trapezoid``).
    """
    return float(trapezoid(conc_uM, t_h))


def ketamine_terminal_half_life_h(pk: KetaminePK) -> float:
    """Terminal (beta) half-life, ln 2 / beta, beta the slower disposition rate."""
    return math.log(2) / -disposition_rates_per_h(pk)[1]


def citalopram_rate_matrix(pk: CitalopramPK) -> tuple[np.ndarray, tuple[float, float]]:
    """[depot, central] rate matrix (1/h) and its eigenvalues -ka, -ke (ke = ln 2 / t_half)."""
    ka = pk.citalopram_ka_per_h
    ke = math.log(2) / pk.citalopram_half_life_h
    return np.array([[-ka, 0.0], [ka, -ke]]), (-ka, -ke)


def citalopram_plasma_uM(doses: Iterable[Dose], t_h: np.ndarray, pk: CitalopramPK) -> np.ndarray:
    """Plasma citalopram (uM) from all citalopram doses (superposition, as for ketamine)."""
    t_h = np.asarray(t_h, dtype=float)
    given = [d for d in doses if d.drug == "citalopram"]
    if not given:
        return np.zeros_like(t_h)
    matrix, rates = citalopram_rate_matrix(pk)
    uM = [mg_per_L_to_uM(d.amount_mg * pk.citalopram_bioavailability_oral
                         / (pk.citalopram_volume_L_per_kg * d.body_weight_kg),
                         pk.citalopram_molar_mass_g_per_mol) for d in given]
    conc = compartment_amounts(matrix, rates, 0, [d.start_h for d in given], [0.0] * len(given),
                               uM, t_h)[:, 1]
    return np.maximum(conc, 0.0)  # the matrix exponential leaves round-off of order -1e-16
