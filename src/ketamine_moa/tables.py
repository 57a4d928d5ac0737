"""One strict reader for the package's CSV tables (parameters, claims, findings).

``read_table`` decodes the file as UTF-8 (a leading BOM, as spreadsheets write, is accepted),
parses it with the ``csv`` module in strict mode and checks the header and every row's field
count. Every problem raises the caller's ``TableFileError`` subclass with a message that names
the file, the line and the column: ``<file>, line 7, column 'doi': ...``, or ``column 12``
for a byte position or a field with no header name. No file name (``*.csv``) is written
here: ``build.py`` would take it for data this module reads.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from pathlib import Path
from typing import Sequence


class TableFileError(ValueError):
    """A malformed CSV table; the message names the file, line and column."""

    @classmethod
    def missing_columns(cls, path: Path, missing: Sequence[str],
                        required: Sequence[str]) -> TableFileError:
        """The error for a header that lacks ``missing`` (a subclass may reword it)."""
        return cls(f"{path}, line 1: missing column(s) {', '.join(missing)}")


def where(path: Path | str, line: int, column: str | int | None = None) -> str:
    """A location as used in error messages: ``path, line N, column 'name'`` (or ``column N``)."""
    if column is None:
        return f"{path}, line {line}"
    return f"{path}, line {line}, column {column if isinstance(column, int) else repr(column)}"


def optional_number(text: str, place: str, error: type[TableFileError],
                    default: float = math.nan) -> float:
    """A CSV field as a float, ``default`` when it is blank; ``error`` naming ``place`` (the file,
    line and column, from ``where``) when it is not a number."""
    if not text.strip():
        return default
    try:
        return float(text)
    except ValueError:
        raise error(f"{place}: {text!r} is not a number") from None


def _decode(path: Path, data: bytes, error: type[TableFileError]) -> str:
    """``data`` as text (UTF-8, BOM dropped); an invalid byte is reported by line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1   # byte position in the line
        raise error(f"{where(path, line, column)}: byte 0x{data[start]:02x} is not valid UTF-8 "
                    f"({exc.reason}); save the file as UTF-8") from None


def read_table(path: Path | str, required: Sequence[str],
               error: type[TableFileError] = TableFileError) -> list[tuple[int, dict[str, str]]]:
    """Read a CSV file whose header has the ``required`` columns.

    Returns ``(line, row)`` pairs in file order: ``line`` is the 1-based file line the record
    starts on, ``row`` maps every header column to its raw (unstripped) text. Blank lines are
    skipped. Raises ``error`` for invalid UTF-8, malformed quoting, a missing or duplicate
    column, or a row with more or fewer fields than the header (e.g. an unquoted comma).
    """
    path = Path(path)
    text = _decode(path, path.read_bytes(), error)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = "" if reader.line_num == start else f" on line {reader.line_num}"
            raise error(f"{where(path, start)}: malformed CSV ({exc}{end}); check the quotes: "
                        "a field holding a comma, a quote or a line break must be quoted, "
                        'its own quotes doubled ("")') from None
        if header is None:
            header = fields
            missing = [c for c in required if c not in header]
            if missing:
                raise error.missing_columns(path, missing, required)
            repeated = [c for i, c in enumerate(header) if c in header[:i]]
            if repeated:
                raise error(f"{where(path, 1, repeated[0])}: duplicate column")
            continue
        if not fields:
            continue
        if len(fields) != len(header):
            extra = len(fields) > len(header)
            column = len(header) + 1 if extra else header[len(fields)]
            spans = (f"; the record runs on to line {reader.line_num} (a quote left open?)"
                     if reader.line_num != start else "")
            hint = "an unquoted comma inside a field?" if extra else "a field left out?"
            raise error(f"{where(path, start, column)}: {len(fields)} fields, expected "
                        f"{len(header)} as in the header ({hint}){spans}")
        records.append((start, dict(zip(header, fields))))
    if header is None:
        raise error.missing_columns(path, list(required), required)
    return records
