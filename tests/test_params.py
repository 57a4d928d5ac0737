"""The parameter file: sources for every row, and clear errors for broken copies."""

import csv
import re
import shutil
from pathlib import Path

import pytest

from ketamine_moa.params import (DATA_DIR, PARAMETERS_CSV, ParameterFileError, model_parameters,
                                 parameter_table, read_parameter_file)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DOI_OR_PMID = re.compile(r"^(10\.\d{4,9}/\S+|pmid:\d+)$")


def test_every_parameter_has_unit_source_and_doi():
    for row in parameter_table().values():
        assert row.description and row.reference and row.species
        assert DOI_OR_PMID.match(row.doi), f"{row.name}: doi {row.doi!r}"
        assert row.min <= row.value <= row.max


def test_every_finding_has_a_source_and_a_test():
    with (DATA_DIR / "findings.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        for doi in row["doi"].split("; "):
            assert DOI_OR_PMID.match(doi), f"{row['id']}: {doi!r}"
        for test in row["test"].split("; "):
            path, _, name = test.partition("::")
            assert f"def {name}(" in (PROJECT_ROOT / path).read_text(), test


def test_model_parameters_are_frozen():
    mp = model_parameters()
    with pytest.raises(AttributeError):
        mp.nmda.ketamine_nmda_ic50_uM = 2.0


def _broken_copy(tmp_path, edit):
    target = tmp_path / "parameters.csv"
    shutil.copy(PARAMETERS_CSV, target)
    lines = target.read_text().splitlines(keepends=True)
    target.write_text("".join(edit(lines)))
    return target


def _replace_field(line, column_index, value):
    fields = next(csv.reader([line]))
    fields[column_index] = value
    return ",".join(f'"{f}"' for f in fields) + "\n"


@pytest.mark.parametrize("edit, message", [
    (lambda ls: [ls[0].replace("unit,", "")] + ls[1:], r"line 1: missing column\(s\) unit"),
    (lambda ls: ls[:2] + [_replace_field(ls[2], 1, "abc")] + ls[3:],
     r"line 3, column 'value': 'abc' is not a number"),
    (lambda ls: ls[:3] + [_replace_field(ls[3], 2, "furlong")] + ls[4:],
     r"line 4, column 'unit': unknown unit 'furlong'"),
    (lambda ls: ls + [ls[2]],
     r"line \d+, column 'name': duplicate parameter 'ketamine_central_volume_L_per_kg'"),
    (lambda ls: ls[:2] + ls[3:], r"stage 'pk_ketamine' lacks parameter"),
])
def test_broken_parameter_file_names_file_line_column(tmp_path, edit, message):
    broken = _broken_copy(tmp_path, edit)
    with pytest.raises(ParameterFileError, match=message) as error:
        read_parameter_file(broken)
    assert str(broken) in str(error.value)
