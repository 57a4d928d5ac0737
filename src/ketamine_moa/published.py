"""Published values that figures and demos draw as reference markers, read from
``src/ketamine_moa/data/published_values.csv`` (one row per value; each row names the finding
of ``findings.csv`` it belongs to). No published number is typed in a demo.

    published("nmda_block")                 # the measured points of NMDA-02
    published("response", regimen="single", control="midazolam")
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .params import DATA_DIR
from .tables import TableFileError, optional_number, read_table, where

PUBLISHED_CSV = DATA_DIR / "published_values.csv"
#: Hours per time unit of the ``x_unit`` column.
TIME_UNIT_H = {"min": 1 / 60, "h": 1.0, "days": 24.0, "weeks": 168.0}
COLUMNS = ("finding", "quantity", "x", "x_unit", "value", "low", "high", "sd", "unit", "regimen",
           "control", "source", "detail")


class PublishedFileError(TableFileError):
    """A malformed published-values file; the message names the file, line and column."""


@dataclass(frozen=True)
class PublishedValue:
    """One published value: ``value`` (or the range ``low``-``high``) of ``quantity`` at ``x``
    (``x_unit``: a time or a concentration), with its SD where reported (NaN: none)."""

    finding: str
    quantity: str
    x: float
    x_unit: str
    value: float
    low: float
    high: float
    sd: float
    unit: str
    regimen: str
    control: str | None
    sources: tuple[str, ...]
    detail: str


def read_published(path: Path | str = PUBLISHED_CSV) -> tuple[PublishedValue, ...]:
    """Every row of the file; a row needs a finding, a quantity and a value or a range."""
    path = Path(path)
    values = []
    for line, row in read_table(path, COLUMNS, PublishedFileError):
        numbers = {c: optional_number(row[c], where(path, line, c), PublishedFileError)
                   for c in ("x", "value", "low", "high", "sd")}
        if not row["finding"].strip() or not row["quantity"].strip():
            raise PublishedFileError(f"{where(path, line)}: a value needs a finding and a quantity")
        if math.isnan(numbers["value"]) and (math.isnan(numbers["low"])
                                             or math.isnan(numbers["high"])):
            raise PublishedFileError(f"{where(path, line, 'value')}: give a value or a low-high "
                                     "range")
        values.append(PublishedValue(
            row["finding"].strip(), row["quantity"].strip(), numbers["x"], row["x_unit"].strip(),
            numbers["value"], numbers["low"], numbers["high"], numbers["sd"], row["unit"].strip(),
            row["regimen"].strip(), row["control"].strip() or None,
            tuple(s.strip() for s in row["source"].split(";") if s.strip()),
            row["detail"].strip()))
    return tuple(values)


@lru_cache(maxsize=1)
def _all() -> tuple[PublishedValue, ...]:
    return read_published()


def published(*quantities: str, **match: str | None) -> tuple[PublishedValue, ...]:
    """The published values of any of ``quantities``, in file order, whose fields equal
    ``match``; KeyError if there is none."""
    found = tuple(v for v in _all() if v.quantity in quantities
                  and all(getattr(v, key) == wanted for key, wanted in match.items()))
    if not found:
        raise KeyError(f"no published value for {quantities} with {match} in {PUBLISHED_CSV}")
    return found
