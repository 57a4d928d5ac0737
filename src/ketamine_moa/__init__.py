"""ketamine_moa: small, cited toy models of how ketamine works as a rapid antidepressant.

Educational use only: not medical advice, and nothing here is a dosing recommendation.
"""

from .chain import OUTPUTS, Run, simulate
from .cohort import Cohort, virtual_cohort
from .params import model_parameters, parameter_table
from .pk import Dose, daily_citalopram, infusion_series, single_infusion, weekly_boosters

__all__ = [
    "Cohort", "Dose", "OUTPUTS", "Run", "daily_citalopram", "infusion_series", "model_parameters",
    "parameter_table", "simulate", "single_infusion", "virtual_cohort", "weekly_boosters",
]
__version__ = "0.1.0"
