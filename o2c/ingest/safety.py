"""Cheap checks on an upload before any parser sees it: macros, disguised files, absurd sizes, zip bombs.

``check_upload`` returns a ``SafetyProblem`` (message + fix for the user) or None. It only peeks at the bytes
(zip directory, the first kilobytes of a sheet, a parquet footer) and never writes anything to disk.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from o2c.errors import Explained, Term

MAX_COLUMNS = 1_000  # the template has under 60; more means a mis-saved or hostile sheet
MAX_ROWS = 50_000_000  # ~ 4x a million-order event log
MAX_SHEET_CELLS = 200_000_000
MAX_ZIP_MEMBERS = 10_000
MAX_COMPRESSION_RATIO = 250  # sheet XML rarely compresses beyond ~100x
RATIO_CHECK_ABOVE = 256 * 1024 * 1024  # a high ratio is only worrying when the inflated size is large
_EXCEL_MAX_ROWS = 1_048_576
_EXCEL_MAX_COLUMNS = 16_384
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "validation.kind.zip_or_workbook"),
    (b"PK\x05\x06", "validation.kind.zip"),
    (b"\xd0\xcf\x11\xe0", "validation.kind.old_office"),
    (b"PAR1", "validation.kind.parquet"),
    (b"\x1f\x8b", "validation.kind.gzip"),
    (b"%PDF", "validation.kind.pdf"),
    (b"MZ\x90\x00", "validation.kind.windows_program"),
    (b"\x7fELF", "validation.kind.program"),
    (b"\x89PNG", "validation.kind.png"),
    (b"\xff\xd8\xff", "validation.kind.jpeg"),
    (b"Rar!", "validation.kind.rar"),
    (b"7z\xbc\xaf", "validation.kind.7z"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class SafetyProblem(Explained):
    """Why an upload is refused (catalogue ``key``) and what the user can do about it (``key.fix``)."""

    key: str
    values: tuple[tuple[str, object], ...] = ()


def _problem(key: str, **values: object) -> SafetyProblem:
    return SafetyProblem(key, tuple(values.items()))


def check_upload(data: bytes, filename: str) -> SafetyProblem | None:
    """The first safety problem of an upload, or None when the parsers may read it.

    Problems the readers already report (empty files, encrypted workbooks, damaged zips) are left to them.
    """
    name = filename.lower()
    kind = _sniff(data)
    if name.endswith((".xlsx", ".xlsm")):
        return _check_workbook(data, name, kind)
    if name.endswith(".gz"):
        if not data or kind == "validation.kind.gzip":
            return None
        return _mismatch(filename, kind or "validation.kind.not_gzip", "validation.kind.gzip")
    if name.endswith(".parquet"):
        return _check_parquet(data, filename, kind)
    if name.endswith((".csv", ".txt")):
        return _check_text(data, filename, kind)
    if name.endswith(".xes"):
        return _mismatch(filename, kind, "validation.kind.xes") if kind else None
    return None


def _sniff(data: bytes) -> str | None:
    return next((what for magic, what in _MAGIC if data.startswith(magic)), None)


def _mismatch(filename: str, found: str, expected: str) -> SafetyProblem:
    return _problem("validation.safety.mismatch", filename=filename, found=Term(found), expected=Term(expected))


def _check_workbook(data: bytes, name: str, kind: str | None) -> SafetyProblem | None:
    if not data or kind == "validation.kind.old_office":
        return None  # empty or encrypted: the workbook reader explains these
    if kind != "validation.kind.zip_or_workbook":
        return _mismatch(name, kind or "validation.kind.not_workbook", "validation.kind.workbook")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return None  # the workbook reader reports damaged files
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if (
            name.endswith(".xlsm")
            or any(n.lower().endswith("vbaproject.bin") for n in names)
            or b"macroEnabled" in _read_head(archive, "[Content_Types].xml", 65536)
        ):
            return _problem("validation.safety.macros")
        if "xl/workbook.xml" not in names:
            return _mismatch(name, "validation.kind.zip_without_workbook", "validation.kind.workbook")
        return _check_zip_sizes(members, len(data)) or _check_dimensions(archive, names)


def _check_zip_sizes(members: list[zipfile.ZipInfo], size: int) -> SafetyProblem | None:
    if len(members) > MAX_ZIP_MEMBERS:
        return _problem("validation.safety.zip_members", parts=len(members))
    inflated = sum(m.file_size for m in members)
    if inflated > RATIO_CHECK_ABOVE and inflated > MAX_COMPRESSION_RATIO * max(size, 1):
        return _problem("validation.safety.zip_bomb", size=size / 1e6, inflated=inflated / 1e6)
    return None


def _read_head(archive: zipfile.ZipFile, member: str, limit: int) -> bytes:
    try:
        with archive.open(member) as stream:
            return stream.read(limit)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return b""


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number


def _check_dimensions(archive: zipfile.ZipFile, names: set[str]) -> SafetyProblem | None:
    for member in sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
        match = _DIMENSION.search(_read_head(archive, member, 4096))
        if not match or not match.group(3):
            continue
        rows, columns = int(match.group(4)), _column_number(match.group(3))
        sheet = member.rsplit("/", 1)[-1].removesuffix(".xml")
        if rows > _EXCEL_MAX_ROWS or columns > _EXCEL_MAX_COLUMNS:
            return _problem("validation.safety.beyond_excel", sheet=sheet, rows=rows, columns=columns)
        if columns > MAX_COLUMNS or rows * columns > MAX_SHEET_CELLS:
            return _problem("validation.safety.sheet_size", sheet=sheet, rows=rows, columns=columns)
    return None


def _check_parquet(data: bytes, filename: str, kind: str | None) -> SafetyProblem | None:
    if kind != "validation.kind.parquet":
        return _mismatch(filename, kind or "validation.kind.not_parquet", "validation.kind.parquet") if data else None
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - only parquet uploads need it

        meta = pq.read_metadata(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - pyarrow raises its own types; the reader reports damaged files
        return None
    if meta.num_columns > MAX_COLUMNS or meta.num_rows > MAX_ROWS:
        return _problem(
            "validation.safety.parquet_size",
            rows=meta.num_rows,
            columns=meta.num_columns,
            max_columns=MAX_COLUMNS,
            max_rows=MAX_ROWS,
        )
    inflated = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if inflated > RATIO_CHECK_ABOVE and inflated > MAX_COMPRESSION_RATIO * max(len(data), 1):
        return _problem("validation.safety.parquet_bomb", size=len(data) / 1e6, inflated=inflated / 1e6)
    return None


def _check_text(data: bytes, filename: str, kind: str | None) -> SafetyProblem | None:
    if kind:
        return _mismatch(filename, kind, "validation.kind.csv")
    head = data[:65536]
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        return _mismatch(filename, "validation.kind.binary", "validation.kind.csv")
    first_line = head.split(b"\n", 1)[0]
    separators = max(first_line.count(s) for s in (b",", b";", b"\t", b"|"))
    if separators + 1 > MAX_COLUMNS:
        return _problem("validation.safety.csv_columns", columns=separators + 1)
    rows = data.count(b"\n")
    if rows > MAX_ROWS:
        return _problem("validation.safety.csv_rows", rows=rows, max_rows=MAX_ROWS)
    return None
