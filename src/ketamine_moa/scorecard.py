"""The findings scorecard: each published finding the models are tested against, with the
model's value for one headline quantity, the published value, the range accepted and
pass/fail.

``scorecard()`` is used by notebook 08 and by ``tests/test_scorecard.py``, which requires
every row to pass and every finding in ``src/ketamine_moa/data/findings.csv`` with a test to
have a row here. The detailed tests named in the findings file check more than the headline
quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from . import circuit, pk, receptors
from .chain import Run, simulate
from .cohort import virtual_cohort
from .params import DATA_DIR, model_parameters
from .tables import TableFileError, read_table, where

FINDINGS_CSV = DATA_DIR / "findings.csv"
DAY_H = 24.0
WEEK_H = 7 * DAY_H


@dataclass(frozen=True)
class Check:
    """One headline quantity for a finding: measured by ``measure``, accepted in [low, high]."""

    finding_id: str
    quantity: str
    unit: str
    published: str
    low: float
    high: float
    measure: Callable[[], float]


@dataclass(frozen=True)
class Row:
    finding_id: str
    quantity: str
    model_value: float
    unit: str
    published: str
    accepted: str
    reference: str
    doi: str
    passed: bool


@lru_cache(maxsize=None)
def _run(regimen: str, weeks: float = 2.0, **interventions: float) -> Run:
    regimens = {"single": pk.single_infusion, "series": pk.infusion_series,
                "ssri": lambda: pk.daily_citalopram(20.0, n_days=round(7 * weeks)),
                "ssri40": lambda: pk.daily_citalopram(40.0, n_days=round(7 * weeks)),
                "bolus": lambda: [pk.Dose("ketamine", "iv", mg_per_kg=0.4)]}
    doses = regimens[regimen]()
    return simulate(doses, t_end_h=weeks * WEEK_H, interventions=interventions or None)


@lru_cache(maxsize=None)
def _cohort(regimen: str, control: str | None = None, weeks: int = 2):
    regimens = {"single": pk.single_infusion, "series": pk.infusion_series,
                "ssri": lambda: pk.daily_citalopram(20.0, n_days=7 * weeks)}
    doses = regimens[regimen]()
    return virtual_cohort(doses, n_patients=1000, seed=1, t_end_h=weeks * WEEK_H, control=control)


def _improvement(run: Run) -> np.ndarray:
    return model_parameters().symptoms.baseline_score_points - run["symptom_score"]


def _at(run: Run, key: str, t_h: float) -> float:
    return float(run.at(key, t_h))


def _gain_at(run: Run, key: str, t_h: float) -> float:
    return _at(run, key, t_h) - 1.0


def _peak_time_h(run: Run, values: np.ndarray) -> float:
    return float(run.t_h[np.argmax(values)])


def _half_time_h(run: Run, values: np.ndarray) -> float:
    return float(run.t_h[np.argmax(values >= values.max() / 2)])


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("inf")


def _spine_gain_ratio(**interventions: float) -> float:
    """24 h spine gain after one infusion with ``interventions``, relative to without."""
    return _ratio(_gain_at(_run("single", **interventions), "spine_density_rel", DAY_H),
                  _gain_at(_run("single"), "spine_density_rel", DAY_H))


def _improvement_ratio(t_h: float, **interventions: float) -> float:
    """Improvement at ``t_h`` after one infusion with ``interventions``, relative to without."""
    def improvement_at(run: Run) -> float:
        return float(np.interp(t_h, run.t_h, _improvement(run)))
    return _ratio(improvement_at(_run("single", **interventions)), improvement_at(_run("single")))


def _day_mean(run: Run, key: str, day: int) -> float:
    inside = (run.t_h >= day * DAY_H) & (run.t_h < (day + 1) * DAY_H)
    return float(run[key][inside].mean())


def _improvement_at(run: Run, t_h: float) -> float:
    return float(np.interp(t_h, run.t_h, _improvement(run)))


def _series_half_fade_days() -> float:
    """Days after the last of the six infusions (day 11) until the improvement first falls
    below half its peak."""
    run = _run("series", weeks=8)
    gain = _improvement(run)
    last_h = pk.SERIES_DAYS[-1] * DAY_H
    after = run.t_h > last_h + DAY_H
    below = gain[after] < gain.max() / 2
    return float((run.t_h[after][np.argmax(below)] - last_h) / DAY_H) if below.any() \
        else float("inf")


def _clamped_surge(conc_uM: float) -> float:
    """Peak glutamate rise (fraction) with plasma held at ``conc_uM`` for 6 h."""
    t_h = np.arange(0.0, 6.0, 1 / 60)
    conc = np.where(t_h > 0, conc_uM, 0.0)
    mp = model_parameters()
    b_i = receptors.blocked_fraction(conc, mp.nmda.nmda_tonic_open_rate_interneuron_per_s, mp.nmda)
    b_e = receptors.blocked_fraction(conc, mp.nmda.nmda_tonic_open_rate_pyramidal_per_s, mp.nmda)
    return float(circuit.circuit_response(t_h, b_i, b_e, mp.circuit)["glutamate_rel"].max() - 1)


def _interneuron_lead_min() -> float:
    run = _run("bolus", weeks=1 / 28)
    fall = 1.0 - run["interneuron_rate_rel"]
    rise = run["pyramidal_rate_rel"] - 1.0
    return 60 * (_half_time_h(run, rise) - _half_time_h(run, fall))


def _citalopram_day7_share() -> float:
    run = _run("ssri", weeks=4)
    return _day_mean(run, "ssri_plasma_uM", 6) / _day_mean(run, "ssri_plasma_uM", 27)


def _auc_ratio(route: str) -> float:
    t_h = np.linspace(0.0, 96.0, 96 * 60 + 1)
    params = model_parameters().pk_ketamine

    def auc(dose_route: str) -> float:
        dose = pk.Dose("ketamine", dose_route, mg_per_kg=0.5)
        return pk.auc_uM_h(t_h, pk.ketamine_plasma_uM([dose], t_h, params))
    return auc(route) / auc("iv")


CHECKS = (
    Check("PK-01", "peak plasma after 0.5 mg/kg over 40 min", "uM", "0.78 uM", 0.65, 0.9,
          lambda: float(_run("single")["ketamine_plasma_uM"].max())),
    Check("PK-03", "terminal half-life", "h", "about 3 h", 2.5, 3.2,
          lambda: pk.ketamine_terminal_half_life_h(model_parameters().pk_ketamine)),
    Check("PK-04", "intranasal AUC relative to IV", "fraction", "about 0.45", 0.4, 0.5,
          lambda: _auc_ratio("intranasal")),
    Check("PK-07", "citalopram day-7 level as a share of steady state", "fraction",
          "steady state within about a week", 0.9, 1.0, _citalopram_day7_share),
    Check("NMDA-02", "block at 1 uM (Hill curve)", "fraction", "about 0.50", 0.45, 0.55,
          lambda: float(receptors.hill_block(
              [1.0], model_parameters().nmda.ketamine_nmda_ic50_uM,
              model_parameters().nmda.ketamine_nmda_hill_n)[0])),
    Check("NMDA-03", "block left after 120 s of agonist-free washout", "fraction",
          "0.86 +/- 0.01", 0.80, 0.92,
          lambda: receptors.block_remaining_after_washout(1.0, 120.0, model_parameters().nmda,
                                                           agonist_during_washout=0.0)),
    Check("GLU-01", "surge at 7 uM held / surge at 1 uM held", "ratio",
          "anaesthetic exposure gives no surge (inverted U)", -1.0, 0.25,
          lambda: _clamped_surge(7.0) / _clamped_surge(1.0)),
    Check("GLU-02", "interneurons fall before pyramidal cells rise (lead)", "min",
          "interneurons first, pyramidal cells later", 1.0, 30.0, _interneuron_lead_min),
    Check("GLU-03", "surge with interneuron NMDA loss / intact surge", "ratio",
          "interneuron deletion blocks the effect", 0.0, 0.5,
          lambda: _ratio(_run("single", interneuron_nmda_loss=1.0)["glutamate_rel"].max() - 1,
                         _run("single")["glutamate_rel"].max() - 1)),
    Check("GLU-04", "glutamate peak above baseline", "fraction", "+0.38 at ~26 min", 0.2, 0.6,
          lambda: float(_run("single")["glutamate_rel"].max() - 1)),
    Check("AMPA-01", "24 h spine gain with AMPA block / without", "ratio",
          "NBQX weakens the effect", 0.0, 0.2,
          lambda: _spine_gain_ratio(ampa_block=1.0)),
    Check("BDNF-01", "24 h improvement with anti-BDNF / without", "ratio",
          "antibody blocks the 24 h effect", 0.0, 0.2,
          lambda: _improvement_ratio(DAY_H, bdnf_block=1.0)),
    Check("BDNF-02", "24 h spine gain Met/Met / Val/Val", "ratio",
          "synaptogenesis markedly impaired", 0.0, 0.35,
          lambda: _spine_gain_ratio(bdnf_val66met=1.0)),
    Check("MTOR-01", "24 h spine gain with rapamycin / without", "ratio",
          "rapamycin blocks synaptogenesis", 0.0, 0.1,
          lambda: _spine_gain_ratio(mtorc1_block=1.0)),
    Check("NMDA-05", "24 h spine gain, rest-block trigger / disinhibition trigger", "ratio",
          "rest block alone is enough (eEF2K route)", 0.9, 1.1,
          lambda: _ratio(_gain_at(simulate(pk.single_infusion(), t_end_h=48.0,
                                           trigger="rest_block"), "spine_density_rel", DAY_H),
                         _gain_at(_run("single"), "spine_density_rel", DAY_H))),
    Check("SYN-01", "6 h improvement with spine formation blocked / intact", "ratio",
          "new spines are not needed to start the effect", 0.85, 1.0,
          lambda: _improvement_ratio(6.0, spine_formation_block=1.0)),
    Check("SYN-02", "spine gain left at day 14 / peak gain", "fraction",
          "raised for up to ~2 weeks", 0.0, 0.3,
          lambda: _ratio(_gain_at(_run("single"), "spine_density_rel", 14 * DAY_H),
                         float(_run("single")["spine_density_rel"].max() - 1))),
    Check("CLIN-02", "improvement at 2 h / peak improvement", "fraction",
          "significant within ~110 min", 0.4, 1.0,
          lambda: float(np.interp(2.0, _run("single").t_h, _improvement(_run("single"))))
          / float(_improvement(_run("single")).max())),
    Check("CLIN-03", "time of the peak improvement", "h", "day 1; lost by days 10-12", 12.0, 48.0,
          lambda: _peak_time_h(_run("single"), _improvement(_run("single")))),
    Check("CLIN-12", "time of peak dissociation", "h", "during the 40-min infusion",
          35 / 60, 45 / 60, lambda: _peak_time_h(_run("single"), _run("single")["dissociation"])),
    Check("SAFE-01", "peak systolic blood pressure rise", "mmHg", "+16.0 (SD 11.2) at 40 min",
          12.0, 20.0, lambda: float(_run("single")["systolic_bp_change_mmHg"].max())),
    Check("SSRI-01", "SERT occupancy, day 28 of 20 mg/day", "fraction", "0.77 (citalopram)",
          0.75, 0.80, lambda: _day_mean(_run("ssri", weeks=4), "sert_occupancy", 27)),
    Check("SSRI-02", "occupancy gain from doubling the dose (20 to 40 mg/day)", "fraction",
          "about +0.05 (0.80 to 0.85)", 0.0, 0.06,
          lambda: _day_mean(_run("ssri40", weeks=4), "sert_occupancy", 27)
          - _day_mean(_run("ssri", weeks=4), "sert_occupancy", 27)),
    Check("SSRI-03", "cohort remission at week 8 on citalopram 20 mg/day", "fraction",
          "0.28-0.33 after up to 14 weeks", 0.25, 0.35,
          lambda: _cohort("ssri", weeks=8).remission_rate(8 * WEEK_H)),
    Check("SSRI-05", "improvement at week 1 / at week 6 on 20 mg/day", "fraction",
          "early onset, gains shrinking after (about a third by week 1)", 0.2, 0.45,
          lambda: _ratio(_improvement_at(_run("ssri", weeks=6), WEEK_H),
                         _improvement_at(_run("ssri", weeks=6), 6 * WEEK_H))),
    Check("SSRI-06", "autoreceptor desensitisation at day 21", "fraction",
          "60-80% of raphe neurons (rat)", 0.6, 0.85,
          lambda: _at(_run("ssri", weeks=4), "autoreceptor_desensitisation", 21 * DAY_H)),
    Check("SSRI-07", "time to half the improvement, slow-plasticity / autoreceptor", "ratio",
          "same time course, different cause", 0.9, 1.1,
          lambda: _ratio(_half_time_h(*_ssri_improvement("slow_plasticity")),
                         _half_time_h(*_ssri_improvement("autoreceptor")))),
    Check("SSRI-08", "time to half the rise in new neurons", "weeks", "weeks of treatment",
          4.0, 12.0, lambda: _half_time_h(_run("ssri", weeks=12),
                                          _run("ssri", weeks=12)["new_neurons_rel"] - 1) / WEEK_H),
    Check("SSRI-09", "time to half the rise in BDNF expression", "days", "weeks, not hours",
          7.0, 28.0,
          lambda: _half_time_h(_run("ssri", weeks=12),
                               _run("ssri", weeks=12)["bdnf_expression_rel"] - 1) / DAY_H),
    Check("SSRI-10", "week-6 improvement with a 20% (pindolol-like) autoreceptor block / without",
          "ratio", "faster in weeks 1-4, no gain by weeks 5-6 (OR 1.28, n.s.)", 0.97, 1.05,
          lambda: _ratio(_improvement_at(_run("ssri", weeks=6, autoreceptor_block=0.2),
                                         6 * WEEK_H),
                         _improvement_at(_run("ssri", weeks=6), 6 * WEEK_H))),
    Check("CLIN-08", "days after the sixth infusion until the improvement is below half its peak",
          "days", "median relapse 18 days after the last infusion", 7.0, 28.0,
          _series_half_fade_days),
    Check("CLIN-09", "cohort response 24 h after the sixth infusion", "fraction",
          "0.59 (Phillips 2019); 0.71 in CLIN-08 (Murrough 2013)", 0.59, 0.71,
          lambda: _cohort("series").response_rate(12 * DAY_H)),
    Check("CLIN-04", "cohort response 24 h after one infusion", "fraction", "0.52", 0.45, 0.56,
          lambda: _cohort("single").response_rate(DAY_H)),
    Check("CLIN-05", "cohort response at 24 h with saline", "fraction", "0.01", 0.0, 0.05,
          lambda: _cohort("single", "saline").response_rate(DAY_H)),
    Check("CLIN-07", "cohort response at 24 h with midazolam", "fraction", "0.26 (0.18 in CLIN-05)",
          0.18, 0.26, lambda: _cohort("single", "midazolam").response_rate(DAY_H)),
)


def _ssri_improvement(hypothesis: str) -> tuple[Run, np.ndarray]:
    run = simulate(pk.daily_citalopram(20.0, n_days=84), t_end_h=12 * WEEK_H,
                   ssri_hypothesis=hypothesis)
    return run, _improvement(run)


FINDINGS_COLUMNS = ("id", "stage", "finding", "value", "unit", "species", "reference", "doi",
                    "test")
DOI_OR_PMID = re.compile(r"^(10\.\d{4,}/\S+|pmid:\d+)$")
TEST_NODE = re.compile(r"^tests/[\w/]+\.py::\w+$")


class FindingsFileError(TableFileError):
    """A malformed findings file; the message names the file, line and column."""


def findings(path: Path | str = FINDINGS_CSV) -> dict[str, dict[str, str]]:
    """The validated rows of ``src/ketamine_moa/data/findings.csv`` by id.

    Raises FindingsFileError naming the file, line and column of a malformed CSV file (see
    ``tables.read_table``), a missing column, an empty or duplicate id, a DOI that is neither
    ``10.xxxx/...`` nor ``pmid:N``, or a malformed test.
    """
    path = Path(path)
    rows: dict[str, dict[str, str]] = {}
    for line, row in read_table(path, FINDINGS_COLUMNS, FindingsFileError):
        finding_id = row["id"].strip()
        if not finding_id or finding_id in rows:
            raise FindingsFileError(f"{where(path, line, 'id')}: empty or duplicate id "
                                    f"{finding_id!r}")
        for doi in row["doi"].split("; "):
            if not DOI_OR_PMID.match(doi):
                raise FindingsFileError(f"{where(path, line, 'doi')}: {doi!r} is not a DOI "
                                        "(10.xxxx/...) or pmid:N")
        for test in filter(None, row["test"].split("; ")):
            if not TEST_NODE.match(test):
                raise FindingsFileError(f"{where(path, line, 'test')}: {test!r} is not "
                                        "tests/<file>.py::<test name>")
        rows[finding_id] = row
    return rows


def scorecard() -> list[Row]:
    """Every check, measured now, with its source from ``src/ketamine_moa/data/findings.csv``."""
    table = findings()
    rows = []
    for check in CHECKS:
        value = float(check.measure())
        source = table[check.finding_id]
        rows.append(Row(check.finding_id, check.quantity, value, check.unit, check.published,
                        f"{check.low:g} to {check.high:g}", source["reference"], source["doi"],
                        bool(check.low <= value <= check.high)))
    return rows
