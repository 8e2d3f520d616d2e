"""``--column ROLE=HEADER`` and ``--columns FILE``: which header of the file is which template column, for
scripts that cannot answer the app's column mapping step."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

from o2c.i18n import t
from o2c.ingest.load import LoadOptions, LoadResult, load_event_log
from o2c.log.columns import EVENT_COLUMN_NAMES


class ColumnUsageError(ValueError):
    """A column mapping the command line cannot use; the message names the choices."""


def add_column_options(parser: argparse.ArgumentParser) -> None:
    """The ``--column`` and ``--columns`` options of a command that reads an event log."""
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="ROLE=HEADER",
        help="the header of a template column, e.g. case_id=Key (repeatable; roles: "
        + ", ".join(EVENT_COLUMN_NAMES)
        + ")",
    )
    parser.add_argument(
        "--columns",
        type=Path,
        default=None,
        metavar="FILE",
        help="a CSV (role,header per line) or JSON object {role: header} with the column mapping",
    )


def column_mapping(pairs: list[str], path: Path | None) -> dict[str, str] | None:
    """The mapping template column -> header from ``--columns`` (read first) and ``--column`` (wins); None when
    neither was given. Raises ``ColumnUsageError`` for an unknown role or a malformed pair or file."""
    mapping: dict[str, str] = {}
    if path is not None:
        try:
            mapping.update(_read_file(path))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise ColumnUsageError(t("cli.columns.file", path=path, error=error)) from error
    for pair in pairs:
        role, sep, header = pair.partition("=")
        if not sep or not role.strip() or not header.strip():
            raise ColumnUsageError(t("cli.column.pair", pair=pair))
        mapping[role.strip()] = header.strip()
    for role in mapping:
        if role not in EVENT_COLUMN_NAMES:
            raise ColumnUsageError(t("cli.column.role", role=role, roles=", ".join(EVENT_COLUMN_NAMES)))
    return mapping or None


def check_headers(mapping: dict[str, str] | None, headers: list[str]) -> None:
    """Raises ``ColumnUsageError`` when a mapped header is not one of the file's ``headers``."""
    for role, header in (mapping or {}).items():
        if header not in headers:
            raise ColumnUsageError(t("cli.column.header", role=role, header=header, headers=", ".join(headers)))


def load_with_columns(args: argparse.Namespace, data: bytes, name: str | None = None) -> LoadResult:
    """Load ``data`` (the file ``args.file``) with the columns and reading options given on the command line, no
    upload limit (scheduled jobs read files larger than the app accepts). Raises ``ColumnUsageError`` for a column
    mapping that does not fit the file."""
    columns = column_mapping(args.column, args.columns)
    options = LoadOptions(columns, args.timezone, args.date_order)
    result = load_event_log(data, name or args.file.name, options, max_bytes=None)
    check_headers(columns, result.headers)
    return result


def _read_file(path: Path) -> dict[str, str]:
    text = path.read_bytes().decode("utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object {role: header}")
        return {str(role).strip(): str(header).strip() for role, header in data.items()}
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if rows and [cell.strip().casefold() for cell in rows[0][:2]] == ["role", "header"]:
        rows = rows[1:]  # the optional header line
    if any(len(row) < 2 for row in rows):
        raise ValueError("each line needs role,header")
    return {row[0].strip(): row[1].strip() for row in rows}
