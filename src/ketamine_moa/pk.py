"""Doses, schedules and plasma concentrations (pharmacokinetics).

Ketamine: two compartments (central V1, peripheral) with first-order elimination k10 and
exchange k12/k21; non-IV routes add a depot absorbed at rate ka with bioavailability F::

    dA_depot/dt = -ka A_depot
    dA_1/dt     =  ka A_depot + R(t) - (k10 + k12) A_1 + k21 A_2
    dA_2/dt     =  k12 A_1 - k21 A_2            C(t) = A_1 / V1

Citalopram: one compartment with oral absorption (ka, ke = ln 2 / t_half, V).

These are linear ODEs with piecewise-constant input, so each dose is solved exactly by the
matrix exponential (eigen-decomposition of the rate matrix) and doses add up
(superposition); tests check this against ``scipy.integrate.solve_ivp``. Sources of every
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
STANDARD_INFUSION_H = 40 / 60  # 0.5 mg/kg over 40 min in the research trials (Zarate 2006)


@dataclass(frozen=True)
class Dose:
    """One administration of a drug.

    ``drug`` "ketamine" (routes "iv", "intranasal", "sublingual", "oral"; amount
    ``mg_per_kg``) or "citalopram" (route "oral"; amount ``mg``). ``start_h`` >= 0;
    ``duration_h`` > 0 makes an IV dose a constant-rate infusion (0 = bolus or tablet).
    """

    drug: str
    route: str
    mg_per_kg: float | None = None
    mg: float | None = None
    start_h: float = 0.0
    duration_h: float = 0.0
    body_weight_kg: float = 70.0

    def __post_init__(self) -> None:
        if not isinstance(self.drug, str) or self.drug not in DRUG_ROUTES:
            raise ValueError(f"drug: unknown drug {self.drug!r}; allowed: "
                             + ", ".join(repr(d) for d in DRUG_ROUTES))
        routes = DRUG_ROUTES[self.drug]
        if not isinstance(self.route, str) or self.route not in routes:
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
    def amount_mg(self) -> float:
        """Total amount given, mg."""
        if self.drug == "ketamine":
            return float(self.mg_per_kg) * float(self.body_weight_kg)
        return float(self.mg)


# --- schedules -----------------------------------------------------------------------------

def single_infusion(mg_per_kg: float = 0.5, start_h: float = 0.0,
                    duration_h: float = STANDARD_INFUSION_H) -> list[Dose]:
    """One IV ketamine infusion (the research-trial design: 0.5 mg/kg over 40 min)."""
    return [Dose("ketamine", "iv", mg_per_kg=mg_per_kg, start_h=start_h, duration_h=duration_h)]


#: Days of the six-infusion research series, three a week for two weeks
#: (Murrough et al. 2013, doi:10.1016/j.biopsych.2012.06.022; Phillips et al. 2019).
SERIES_DAYS = (0, 2, 4, 7, 9, 11)


def infusion_series(mg_per_kg: float = 0.5, days: Sequence[float] = SERIES_DAYS,
                    duration_h: float = STANDARD_INFUSION_H) -> list[Dose]:
    """IV infusions on the given days (default: six over two weeks, as in the trials)."""
    days = list(days)
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
    """One citalopram tablet a day for ``n_days`` days (20 mg/day as in Meyer et al. 2001)."""
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

def compartment_amounts_mg(rate_matrix_per_h: np.ndarray, input_index: int, amount_mg: float,
                           start_h: float, duration_h: float, t_h: np.ndarray) -> np.ndarray:
    """Amount (mg) in each compartment after one dose into ``input_index``.

    Solves dA/dt = K A + b R(t) exactly: with K = V diag(lambda) V^-1 and a constant rate
    R = amount/duration over [start, start + duration] (a bolus when duration = 0),
    A(t) = V diag((e^{lambda tau} - e^{lambda (tau - u)}) / lambda) V^-1 b R,
    tau = t - start, u = min(tau, duration). Returns shape (len(t_h), n_compartments).
    """
    eigenvalues, vectors = np.linalg.eig(rate_matrix_per_h)
    eigenvalues, vectors = eigenvalues.real, vectors.real
    projection = np.linalg.solve(vectors, np.eye(len(eigenvalues))[:, input_index])
    tau = np.asarray(t_h, dtype=float)[:, None] - start_h
    after = tau >= 0
    tau = np.where(after, tau, 0.0)
    if duration_h > 0:
        rate = amount_mg / duration_h
        u = np.minimum(tau, duration_h)
        weights = (np.exp(eigenvalues * tau) - np.exp(eigenvalues * (tau - u))) / eigenvalues * rate
    else:
        weights = np.exp(eigenvalues * tau) * amount_mg
    weights = np.where(after, weights, 0.0)
    return (weights * projection) @ vectors.T


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


def ketamine_bioavailability(pk: KetaminePK, route: str) -> float:
    """Fraction of the dose reaching the circulation (1 for IV)."""
    return 1.0 if route == "iv" else getattr(pk, f"ketamine_bioavailability_{route}")


def ketamine_amounts_mg(dose: Dose, t_h: np.ndarray, pk: KetaminePK) -> np.ndarray:
    """Amounts (mg) in [depot,] central, peripheral for one ketamine dose."""
    matrix, input_index, _ = ketamine_rate_matrix(pk, dose.route)
    absorbed_mg = dose.amount_mg * ketamine_bioavailability(pk, dose.route)
    return compartment_amounts_mg(matrix, input_index, absorbed_mg, dose.start_h, dose.duration_h,
                                  t_h)


def mg_per_L_to_uM(conc_mg_per_L: np.ndarray, molar_mass_g_per_mol: float) -> np.ndarray:
    """mg/L -> umol/L: divide by the molar mass (g/mol = mg/mmol) and scale by 1000."""
    return np.asarray(conc_mg_per_L) / molar_mass_g_per_mol * 1000.0


def ketamine_plasma_uM(doses: Iterable[Dose], t_h: np.ndarray, pk: KetaminePK) -> np.ndarray:
    """Plasma ketamine (uM) from all ketamine doses (superposition)."""
    t_h = np.asarray(t_h, dtype=float)
    conc = np.zeros_like(t_h)
    for dose in doses:
        if dose.drug != "ketamine":
            continue
        _, _, central = ketamine_rate_matrix(pk, dose.route)
        central_mg = ketamine_amounts_mg(dose, t_h, pk)[:, central]
        volume_L = pk.ketamine_central_volume_L_per_kg * dose.body_weight_kg
        conc += mg_per_L_to_uM(central_mg / volume_L, pk.ketamine_molar_mass_g_per_mol)
    return np.maximum(conc, 0.0)  # the matrix exponential leaves round-off of order -1e-16


def auc_uM_h(t_h: np.ndarray, conc_uM: np.ndarray) -> float:
    """Area under a concentration curve (uM*h), by the trapezoid rule on its own grid."""
    return float(trapezoid(conc_uM, t_h))


def ketamine_terminal_half_life_h(pk: KetaminePK) -> float:
    """Terminal (beta) half-life, ln 2 / beta, beta the slower disposition eigenvalue."""
    matrix, _, _ = ketamine_rate_matrix(pk, "iv")
    beta = -np.linalg.eigvals(matrix).real.max()
    return math.log(2) / beta


def citalopram_rate_matrix(pk: CitalopramPK) -> np.ndarray:
    """[depot, central] rate matrix, 1/h."""
    ka = pk.citalopram_ka_per_h
    ke = math.log(2) / pk.citalopram_half_life_h
    return np.array([[-ka, 0.0], [ka, -ke]])


def citalopram_plasma_uM(doses: Iterable[Dose], t_h: np.ndarray, pk: CitalopramPK) -> np.ndarray:
    """Plasma citalopram (uM) from all citalopram doses (superposition)."""
    t_h = np.asarray(t_h, dtype=float)
    conc = np.zeros_like(t_h)
    matrix = citalopram_rate_matrix(pk)
    for dose in doses:
        if dose.drug != "citalopram":
            continue
        absorbed_mg = dose.amount_mg * pk.citalopram_bioavailability_oral
        central_mg = compartment_amounts_mg(matrix, 0, absorbed_mg, dose.start_h, 0.0, t_h)[:, 1]
        volume_L = pk.citalopram_volume_L_per_kg * dose.body_weight_kg
        conc += mg_per_L_to_uM(central_mg / volume_L, pk.citalopram_molar_mass_g_per_mol)
    return np.maximum(conc, 0.0)  # the matrix exponential leaves round-off of order -1e-16
