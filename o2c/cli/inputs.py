"""What a command reads: a file as it is, or a dataset folder kept by ``extract --incremental`` as one event table,
loaded as the upload loads it, with the workbook's and the user's activity mapping, checked against the filters.
``analyze``, ``report`` and ``animate`` all read their input through ``load_input``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from o2c.cli.columns import ColumnUsageError, load_with_columns
from o2c.errors import FixableError
from o2c.i18n import Language
from o2c.ingest.activity_sheet import read_activity_map_sheet
from o2c.ingest.load import LoadResult
from o2c.ingest.salesforce.dataset import dataset_log_bytes, is_dataset
from o2c.log.eventlog import EventLog
from o2c.log.filters import Filters
from o2c.log.stack import check_steps
from o2c.log.vocabulary import read_activity_map, with_activity_map


def add_filter_option(command: argparse.ArgumentParser) -> None:
    """``--filter``, repeatable, as ``analyze``, ``report`` and ``animate`` read it."""
    command.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="FILTER",
        help="keep orders whose attribute KEY is VALUE (KEY=VALUE; from=/to= take dates), or a filter of the stack "
        "applied in order: has=A, lacks=A, starts=A, ends=A, notends=A, follows=A>B, directly=A>B, 'duration>30d', "
        "resource=NAME, rework=yes, trim=A>B ... (repeatable; see o2c/log/stack/__init__.py)",
    )


def exists(path: Path) -> bool:
    """Whether ``path`` is a file or a dataset folder."""
    return path.is_file() or is_dataset(path)


def read_input(path: Path) -> tuple[bytes, str]:
    """The bytes to load and the name to load them under; raises ``ExtractError`` for an empty dataset."""
    if is_dataset(path):
        return dataset_log_bytes(path), f"{path.name}.parquet"
    return path.read_bytes(), path.name


def mapped_log(log: EventLog, path: Path | None, data: bytes = b"", filename: str = "") -> EventLog:
    """``log`` with the activity mapping of its workbook's Activities sheet (``data``, ``filename``) and then of
    the CSV at ``path`` applied; ``log`` itself without either. Raises ``FixableError`` for a map that cannot be
    used."""
    overrides, problems = read_activity_map_sheet(data, filename) if data else ({}, [])
    if problems:
        raise problems[0]
    if path is not None:
        overrides |= read_activity_map(path.read_bytes(), path.name)
    return with_activity_map(log, overrides) if overrides else log


@dataclass(frozen=True)
class Input:
    """A command's loaded input: the bytes and name it was read under (their Rules and Activities sheets apply),
    the load result with its validation report, and the mapped log (None when the file has blocking errors)."""

    data: bytes
    name: str
    result: LoadResult
    log: EventLog | None


def load_input(
    args: argparse.Namespace, command: str, filters: Filters, lang: Language = "en", *, need_log: bool = True
) -> Input | int:
    """``args.file`` loaded with the command's column options and ``args.activity_map``, its filters' names
    checked; or, after printing what went wrong to stderr, the exit code: 2 for an unusable input or option, 1 for
    a file with blocking errors when ``need_log`` (otherwise such a file comes back with ``log`` None)."""
    if not exists(args.file):
        print(f"No such file: {args.file}", file=sys.stderr)
        return 2
    try:
        data, name = read_input(args.file)
        result = load_with_columns(args, data, name)
        if result.log is None:
            if need_log:
                for issue in result.report.to_records():
                    print(f"[{issue['severity']}] {issue['message']} Fix: {issue['fix']}", file=sys.stderr)
                return 1
            return Input(data, name, result, None)
        log = mapped_log(result.log, args.activity_map, data, name)
        check_steps(log, filters.steps)
    except FixableError as error:  # the message names the file (and row) or the unknown name
        print(f"{error.message_in(lang)} {error.fix_in(lang)}", file=sys.stderr)
        return 2
    except ColumnUsageError as error:
        print(f"python -m o2c {command}: error: {error}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as error:
        print(error, file=sys.stderr)
        return 2
    return Input(data, name, result, log)
