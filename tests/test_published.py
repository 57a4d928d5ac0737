"""Published values drawn as reference markers come from one data file, tied to findings."""

import ast
from pathlib import Path

import pytest

from ketamine_moa.published import (PUBLISHED_CSV, PublishedFileError, published,
                                    read_published)
from ketamine_moa.scorecard import findings

SRC = Path(__file__).resolve().parents[1] / "src" / "ketamine_moa"


def test_every_published_value_belongs_to_a_finding():
    ids = set(findings())
    for value in read_published():
        for finding in value.finding.split("; "):
            assert finding in ids, (finding, value.detail)


def test_no_distinctive_published_number_is_typed_in_the_code():
    """Numbers like 37.8 (% Glx) or 0.86 (trapped block) live only in the data file."""
    distinctive = set()
    for value in read_published():
        for number in (value.value, value.low, value.high):
            if number != number or round(number * 2) == number * 2:  # NaN, x.0 or x.5
                continue
            if number >= 1 or round(number, 1) != number:  # 37.8, 0.86; not 0.4
                distinctive.add(number)
    assert {37.8, 0.86, 25.9, 52.2} <= distinctive
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                assert node.value not in distinctive, f"{path.name}:{node.lineno} {node.value}"


def test_selection_by_quantity_and_fields():
    midazolam = published("response", regimen="single", control="midazolam")
    assert [(v.low, v.high) for v in midazolam] == [(18.0, 25.9)]
    assert [v.x for v in published("nmda_block")] == [1.0, 10.0]
    with pytest.raises(KeyError, match="no published value for \\('glx_fall',\\)"):
        published("glx_fall")


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("0.50,,,,fraction", "half,,,,fraction", 1),
     r"line 2, column 'value': 'half' is not a number"),
    (lambda t: t.replace("0.50,,,,fraction", ",,,,fraction", 1),
     r"line 2, column 'value': give a value or a low-high range"),
    (lambda t: t.replace("finding,quantity,", "finding,", 1), r"missing column\(s\) quantity"),
])
def test_a_broken_file_names_file_line_column(tmp_path, edit, message):
    broken = tmp_path / "published_values.csv"
    broken.write_text(edit(PUBLISHED_CSV.read_text()))
    with pytest.raises(PublishedFileError, match=message):
        read_published(broken)
