"""The one CSV reader (``ketamine_moa.tables``), tried on broken copies of each real table."""

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from ketamine_moa.claims import CLAIMS_CSV, ClaimsFileError, read_claims
from ketamine_moa.params import PARAMETERS_CSV, ParameterFileError, read_parameter_file
from ketamine_moa.scorecard import FINDINGS_CSV, FindingsFileError, findings
from ketamine_moa.tables import TableFileError, read_table


@dataclass(frozen=True)
class Table:
    source: Path
    load: Callable
    error: type
    text_column: str      # a free-text column, where a stray comma or quote is likely
    key_column: str       # a required column to drop


TABLES = [
    pytest.param(Table(PARAMETERS_CSV, read_parameter_file, ParameterFileError, "description",
                       "doi"), id="parameters"),
    pytest.param(Table(CLAIMS_CSV, read_claims, ClaimsFileError, "claim", "dois"), id="claims"),
    pytest.param(Table(FINDINGS_CSV, findings, FindingsFileError, "finding", "doi"),
                 id="findings"),
]


def _rows(table):
    with table.source.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _quoted(field):
    return '"' + field.replace('"', '""') + '"'


def _line(fields, raw_index=None, raw=""):
    """A CSV line with every field quoted except ``fields[raw_index]``, written as ``raw``."""
    cells = [raw if i == raw_index else _quoted(f) for i, f in enumerate(fields)]
    return ",".join(cells) + "\n"


def _write(folder, table, data):
    folder.mkdir(exist_ok=True)
    target = folder / table.source.name
    target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return target


def _edit_line(tmp_path, table, line, raw):
    """A copy whose file line ``line`` has its text column replaced by ``raw`` (unquoted)."""
    lines = table.source.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = _rows(table)[line - 1]
    lines[line - 1] = _line(fields, _rows(table)[0].index(table.text_column), raw(fields))
    return _write(tmp_path, table, "".join(lines))


def _raises(table, target):
    with pytest.raises(table.error) as error:
        table.load(target)
    assert isinstance(error.value, TableFileError) and isinstance(error.value, ValueError)
    message = str(error.value)
    assert message.startswith(f"{target}, line "), message
    return message


@pytest.mark.parametrize("table", TABLES)
def test_a_byte_order_mark_is_accepted(tmp_path, table):
    plain = _write(tmp_path / "plain", table, table.source.read_bytes())
    with_bom = _write(tmp_path / "bom", table, codecs.BOM_UTF8 + table.source.read_bytes())
    assert with_bom.read_bytes()[:3] == codecs.BOM_UTF8
    assert table.load(with_bom) == table.load(plain)
    header, *rows = _rows(table)
    records = read_table(with_bom, header)
    assert records == read_table(plain, header)
    assert [line for line, _ in records] == list(range(2, len(rows) + 2))
    assert list(records[0][1]) == header and list(records[0][1].values()) == rows[0]


@pytest.mark.parametrize("table", TABLES)
def test_an_invalid_byte_names_file_line_and_byte(tmp_path, table):
    data = table.source.read_bytes()
    lines = data.splitlines(keepends=True)
    value = _rows(table)[2][_rows(table)[0].index(table.text_column)].encode("utf-8")
    position = lines[2].index(value)             # a cp1252 "é" at the start of the text
    lines[2] = lines[2][:position] + b"\xe9" + lines[2][position:]
    target = _write(tmp_path, table, b"".join(lines))
    message = _raises(table, target)
    assert message.startswith(f"{target}, line 3, column {position + 1}: byte 0xe9 "), message
    assert "not valid UTF-8" in message


@pytest.mark.parametrize("table", TABLES)
def test_an_unquoted_comma_names_the_line_and_the_field_counts(tmp_path, table):
    n = len(_rows(table)[0])
    target = _edit_line(tmp_path, table, 4, lambda fields: "Clements & Nimmo 1981, Br J Anaesth")
    message = _raises(table, target)
    assert message.startswith(f"{target}, line 4, column {n + 1}: {n + 1} fields, expected {n} "
                              "as in the header"), message
    assert "unquoted comma" in message


@pytest.mark.parametrize("table", TABLES)
def test_a_field_left_out_names_the_line_the_column_and_the_counts(tmp_path, table):
    header, *rows = _rows(table)
    lines = table.source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = _line(rows[3][:-1])
    target = _write(tmp_path, table, "".join(lines))
    message = _raises(table, target)
    assert message.startswith(f"{target}, line 5, column {header[-1]!r}: {len(header) - 1} "
                              f"fields, expected {len(header)}"), message


@pytest.mark.parametrize("table", TABLES)
def test_a_missing_column_is_named(tmp_path, table):
    rows = _rows(table)
    index = rows[0].index(table.key_column)
    target = tmp_path / table.source.name
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(r[:index] + r[index + 1:] for r in rows)
    message = _raises(table, target)
    assert message.startswith(f"{target}, line 1"), message
    assert "missing column" in message
    assert re.search(rf"\b{table.key_column}\b", message), message


@pytest.mark.parametrize("table", TABLES)
def test_a_broken_quote_names_the_line(tmp_path, table):
    target = _edit_line(tmp_path, table, 3, lambda fields: _quoted("Ketamine") + " blocks NMDA")
    message = _raises(table, target)
    assert message.startswith(f"{target}, line 3: malformed CSV (',' expected after '\"')"), \
        message
    assert "quote" in message


@pytest.mark.parametrize("table", TABLES)
def test_a_quote_left_open_names_the_line_the_record_starts_on(tmp_path, table):
    lines = table.source.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = _rows(table)[2]
    lines[2] = _line(fields, len(fields) - 1, '"' + fields[-1])   # the last field runs on
    target = _write(tmp_path, table, "".join(lines))
    message = _raises(table, target)
    assert re.match(rf"{re.escape(str(target))}, line 3\b", message), message
    assert re.search(r"(on|to) line \d+", message), message   # where the parser gave up
