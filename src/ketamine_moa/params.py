"""Model parameters: loaded from the package's ``data/parameters.csv`` into frozen dataclasses.

Every number a model uses lives in that CSV with its unit, species, source and DOI, so a
reader can trace it. This module validates the file (columns, numbers, units, duplicates,
each stage complete) and validates overrides passed by keyword, e.g.
``model_parameters({"ketamine_nmda_ic50_uM": 2.0})``.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Mapping

import numpy as np

from .tables import TableFileError, read_table, where

#: The package's data folder, shipped in the wheel as package data (``pyproject.toml``).
DATA_DIR = Path(files("ketamine_moa").joinpath("data"))
PARAMETERS_CSV = DATA_DIR / "parameters.csv"

REQUIRED_COLUMNS = (
    "name", "value", "unit", "min", "max", "stage", "species",
    "description", "reference", "doi", "note",
)

KNOWN_UNITS = frozenset({
    "g/mol", "L/kg", "1/h", "1/s", "1/(uM*s)", "uM", "fraction", "h", "s", "dimensionless",
    "points", "mmHg",
})


class ParameterFileError(TableFileError):
    """A malformed parameter file; the message names the file, line and column."""


@dataclass(frozen=True)
class KetaminePK:
    """Two-compartment ketamine disposition plus first-order absorption for non-IV routes."""

    ketamine_molar_mass_g_per_mol: float
    ketamine_central_volume_L_per_kg: float
    ketamine_k10_per_h: float
    ketamine_k12_per_h: float
    ketamine_k21_per_h: float
    ketamine_bioavailability_intranasal: float
    ketamine_bioavailability_sublingual: float
    ketamine_bioavailability_oral: float
    ketamine_ka_intranasal_per_h: float
    ketamine_ka_sublingual_per_h: float
    ketamine_ka_oral_per_h: float


@dataclass(frozen=True)
class CitalopramPK:
    """One-compartment citalopram with first-order oral absorption."""

    citalopram_molar_mass_g_per_mol: float
    citalopram_bioavailability_oral: float
    citalopram_ka_per_h: float
    citalopram_half_life_h: float
    citalopram_volume_L_per_kg: float


@dataclass(frozen=True)
class NMDAReceptor:
    """Hill block and the four-state open-channel trapping scheme for ketamine."""

    ketamine_nmda_ic50_uM: float
    ketamine_nmda_hill_n: float
    nmda_open_rate_agonist_per_s: float
    nmda_close_rate_per_s: float
    ketamine_kon_per_uM_per_s: float
    ketamine_koff_per_s: float
    ketamine_trapped_escape_per_s: float
    nmda_tonic_open_rate_interneuron_per_s: float
    nmda_tonic_open_rate_pyramidal_per_s: float


@dataclass(frozen=True)
class CircuitParams:
    """Parameters of the disinhibition circuit (see the module docstring for the equations)."""

    interneuron_nmda_drive_fraction: float   # f_I
    pyramidal_nmda_drive_fraction: float     # f_E
    inhibition_weight: float                 # w
    disinhibition_lag_h: float               # tau_lag
    adaptation_tau_h: float                  # tau_h


@dataclass(frozen=True)
class PlasticityParams:
    """Parameters of the plasticity chain (see the module docstring for the equations)."""

    rest_block_bdnf_gain: float               # BDNF rise per unit pyramidal block ("rest_block")
    val66met_release_cut_fraction: float      # release lost at Met/Met
    val66met_spine_cut_fraction: float        # activity-driven spine formation lost at Met/Met
    trkb_saturation_level: float              # K, BDNF excess giving half the linear TrkB rise
    mtorc1_tau_h: float
    protein_synthesis_rate_per_h: float       # k_protein
    protein_tau_h: float
    potentiation_rate_per_h: float            # k_pot
    potentiation_tau_h: float
    spine_formation_rate_per_h: float         # k_spine
    spine_maturation_tau_h: float             # tau_maturation
    spine_protein_threshold: float            # theta, synaptic protein above baseline (fraction)
    spine_decay_tau_h: float                  # tau_spine = 1 / elimination rate
    stress_spine_loss_fraction: float         # share of healthy spines stress removed
    spine_consolidation_rate_per_h: float     # k_cons, labile -> stable spines
    stable_spine_decay_tau_h: float           # tau_stable, loss of consolidated spines


    @property
    def healthy_spine_density_rel(self) -> float:
        """S_max: the healthy, pre-stress spine density on the stressed-baseline scale."""
        return 1.0 / (1.0 - self.stress_spine_loss_fraction)


@dataclass(frozen=True)
class SymptomParams:
    """Parameters of the score and dissociation read-outs."""

    baseline_score_points: float
    fast_gain_points: float          # points per unit potentiation
    slow_gain_points: float          # points per unit relative spine gain
    dissociation_ec50_uM: float
    dissociation_hill_n: float
    bp_rise_max_mmHg: float          # largest systolic rise (Emax)
    bp_ec50_uM: float                # plasma level giving half of it
    bp_hill_n: float                 # steepness (m)


@dataclass(frozen=True)
class MonoamineParams:
    """Parameters of the SSRI branch (see ``monoamine.py`` for the equations)."""

    sert_occupancy_max: float                     # occ_max
    citalopram_sert_ec50_uM: float                # EC50
    serotonin_non_sert_clearance_fraction: float  # q
    autoreceptor_feedback_max: float              # w
    autoreceptor_desensitisation_max: float       # D_max
    autoreceptor_desensitisation_tau_h: float     # tau_des
    slow_adaptation_tau_h: float                  # tau_adapt ("slow_plasticity" hypothesis)
    bdnf_transcription_gain: float                # g_bdnf
    bdnf_transcription_tau_h: float               # tau_bdnf
    trkb_coupling: float                          # extra TrkB activation per unit expression
    trkb_expression_saturation: float             # K_E: expression excess at half the linear drive
    neurogenesis_gain: float                      # g_prolif
    proliferation_tau_h: float                    # tau_prolif
    neuron_maturation_tau_h: float                # tau_neuron


@dataclass(frozen=True)
class CohortParams:
    """Distributions of the virtual patients (see ``cohort.py`` for the score equation)."""

    baseline_sd_points: float            # SD of baseline scores around the mechanism's baseline
    responsiveness_log_mean: float       # mean of log r, plasticity responsiveness
    responsiveness_log_sd: float         # SD of log r
    expectancy_mean_fraction: float      # mean of e_i (Beta), share of baseline
    expectancy_inert_factor: float       # x_arm without a psychoactive experience
    expectancy_onset_tau_h: float        # tau_on
    expectancy_decay_tau_h: float        # tau_off
    expectancy_hold_h: float             # expectancy holds this long after the latest dose
    expectancy_fade_tau_h: float         # ... then fades with this time constant
    natural_course_mean_fraction: float  # mean of n_i (Beta), share of baseline, MDD trials
    natural_course_trd_mean_fraction: float  # the same in treatment-resistant (TRD) trials
    natural_course_concentration: float  # a + b of the Beta distribution of n_i
    natural_course_max_fraction: float   # n_i's ceiling: natural recovery leaves residual symptoms
    natural_course_tau_h: float          # tau_nat (median over patients)
    natural_course_tau_log_sd: float     # SD of log tau_nat,i between patients
    beta_concentration: float            # a + b of the Beta distribution of e_i
    rating_noise_sd_points: float
    rating_noise_tau_h: float


STAGES: dict[str, type] = {
    "pk_ketamine": KetaminePK,
    "pk_citalopram": CitalopramPK,
    "nmda": NMDAReceptor,
    "circuit": CircuitParams,
    "plasticity": PlasticityParams,
    "symptoms": SymptomParams,
    "monoamine": MonoamineParams,
    "cohort": CohortParams,
}


@dataclass(frozen=True)
class Parameter:
    """One row of the parameter file."""

    name: str
    value: float
    unit: str
    min: float
    max: float
    stage: str
    species: str
    description: str
    reference: str
    doi: str
    note: str


@dataclass(frozen=True)
class ModelParameters:
    """All stages, each a frozen dataclass (``mp.pk_ketamine.ketamine_k10_per_h``)."""

    pk_ketamine: KetaminePK
    pk_citalopram: CitalopramPK
    nmda: NMDAReceptor
    circuit: CircuitParams
    plasticity: PlasticityParams
    symptoms: SymptomParams
    monoamine: MonoamineParams
    cohort: CohortParams


def _number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ParameterFileError(f"{where}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ParameterFileError(f"{where}: {text!r} is not a finite number")
    return value


def read_parameter_file(path: Path | str = PARAMETERS_CSV) -> dict[str, Parameter]:
    """Read and validate a parameter CSV; return its rows by name.

    Raises ParameterFileError naming the file, line and column of the first problem.
    """
    path = Path(path)
    rows: dict[str, Parameter] = {}
    for line, record in read_table(path, REQUIRED_COLUMNS, ParameterFileError):
        def at(column: str) -> str:
            return where(path, line, column)
        name = record["name"].strip()
        if not name:
            raise ParameterFileError(f"{at('name')}: empty parameter name")
        if name in rows:
            raise ParameterFileError(f"{at('name')}: duplicate parameter {name!r}")
        unit = record["unit"].strip()
        if unit not in KNOWN_UNITS:
            raise ParameterFileError(
                f"{at('unit')}: unknown unit {unit!r}; known units: {sorted(KNOWN_UNITS)}"
            )
        value = _number(record["value"], at("value"))
        low = _number(record["min"], at("min"))
        high = _number(record["max"], at("max"))
        if not low <= value <= high:
            raise ParameterFileError(
                f"{at('value')}: {value} lies outside its own range [{low}, {high}]"
            )
        stage = record["stage"].strip()
        if stage not in STAGES:
            raise ParameterFileError(
                f"{at('stage')}: unknown stage {stage!r}; known stages: {sorted(STAGES)}"
            )
        rows[name] = Parameter(
            name=name, value=value, unit=unit, min=low, max=high, stage=stage,
            species=record["species"].strip(), description=record["description"].strip(),
            reference=record["reference"].strip(), doi=record["doi"].strip(),
            note=record["note"].strip(),
        )
    for stage, cls in STAGES.items():
        expected = {f.name for f in dataclasses.fields(cls)}
        present = {n for n, p in rows.items() if p.stage == stage}
        if expected - present:
            raise ParameterFileError(
                f"{path}: stage {stage!r} lacks parameter(s) {sorted(expected - present)}"
            )
        if present - expected:
            raise ParameterFileError(
                f"{path}: stage {stage!r} has parameter(s) no model uses: "
                f"{sorted(present - expected)}"
            )
    return rows


@lru_cache(maxsize=4)
def _cached_rows(path: str, mtime_ns: int) -> dict[str, Parameter]:
    return read_parameter_file(path)


def parameter_table(path: Path | str = PARAMETERS_CSV) -> dict[str, Parameter]:
    """The validated rows of the parameter file (cached until the file changes)."""
    path = Path(path)
    return dict(_cached_rows(str(path), path.stat().st_mtime_ns))


def validate_overrides(overrides: Mapping[str, float] | None,
                       table: Mapping[str, Parameter]) -> dict[str, float]:
    """Check ``{name: value}`` overrides against the table; return them as floats."""
    if overrides is None:
        return {}
    if not isinstance(overrides, Mapping):
        raise TypeError("params must be a dict of {name: value} overrides, "
                        f"got {type(overrides).__name__}")
    checked: dict[str, float] = {}
    for name, value in overrides.items():
        if name not in table:
            raise ValueError(f"params: unknown parameter {name!r}; known parameters are the "
                             f"'name' column of src/ketamine_moa/data/parameters.csv")
        row = table[name]
        if isinstance(value, (bool, np.bool_)) or not isinstance(
                value, (int, float, np.integer, np.floating)):
            raise TypeError(f"params[{name!r}] must be a number in {row.unit}, "
                            f"got {type(value).__name__}")
        value = float(value)
        if not (math.isfinite(value) and row.min <= value <= row.max):
            raise ValueError(f"params[{name!r}] = {value} {row.unit} is outside the allowed range "
                             f"[{row.min:g}, {row.max:g}] {row.unit}")
        checked[name] = value
    return checked


def model_parameters(overrides: Mapping[str, float] | None = None,
                     path: Path | str = PARAMETERS_CSV) -> ModelParameters:
    """All stages' parameters from the CSV, with validated keyword overrides applied."""
    table = parameter_table(path)
    values = {name: row.value for name, row in table.items()}
    values.update(validate_overrides(overrides, table))
    stages = {}
    for stage, cls in STAGES.items():
        stages[stage] = cls(**{f.name: values[f.name] for f in dataclasses.fields(cls)})
    return ModelParameters(**stages)
