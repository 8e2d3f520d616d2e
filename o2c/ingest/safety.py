"""Cheap checks on an upload before any parser sees it: macros, disguised files, absurd sizes, zip bombs.

``check_upload`` returns a ``SafetyProblem`` (message + fix for the user) or None. It only peeks at the bytes
(zip directory, the first kilobytes of a sheet, a parquet footer) and never writes anything to disk.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

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
    (b"PK\x03\x04", "a zip archive or Excel workbook"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old or password-protected Office file"),
    (b"PAR1", "a parquet file"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"%PDF", "a PDF document"),
    (b"MZ\x90\x00", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class SafetyProblem:
    """Why an upload is refused and what the user can do about it."""

    message: str
    fix: str


def check_upload(data: bytes, filename: str) -> SafetyProblem | None:
    """The first safety problem of an upload, or None when the parsers may read it.

    Problems the readers already report (empty files, encrypted workbooks, damaged zips) are left to them.
    """
    name = filename.lower()
    kind = _sniff(data)
    if name.endswith((".xlsx", ".xlsm")):
        return _check_workbook(data, name, kind)
    if name.endswith(".gz"):
        if not data or kind == "a gzip-compressed file":
            return None
        return _mismatch(filename, kind or "not gzip data", "a gzip-compressed file")
    if name.endswith(".parquet"):
        return _check_parquet(data, filename, kind)
    if name.endswith((".csv", ".txt")):
        return _check_text(data, filename, kind)
    if name.endswith(".xes"):
        return _mismatch(filename, kind, "an XES (XML) file") if kind else None
    return None


def _sniff(data: bytes) -> str | None:
    return next((what for magic, what in _MAGIC if data.startswith(magic)), None)


def _mismatch(filename: str, found: str, expected: str) -> SafetyProblem:
    return SafetyProblem(f"'{filename}' is named like {expected}, but its content is {found}.",
                         "Upload the original export with its real extension, or export the data again.")


def _check_workbook(data: bytes, name: str, kind: str | None) -> SafetyProblem | None:
    if not data or kind == "an old or password-protected Office file":
        return None  # empty or encrypted: the workbook reader explains these
    if kind != "a zip archive or Excel workbook":
        return _mismatch(name, kind or "not a workbook (no zip signature)", "an Excel workbook")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return None  # the workbook reader reports damaged files
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if name.endswith(".xlsm") or any(n.lower().endswith("vbaproject.bin") for n in names) or \
                b"macroEnabled" in _read_head(archive, "[Content_Types].xml", 65536):
            return SafetyProblem("This workbook contains macros (a macro-enabled workbook), which we do not open.",
                                 "In Excel use File > Save As > 'Excel Workbook (.xlsx)', then upload that file.")
        if "xl/workbook.xml" not in names:
            return _mismatch(name, "a zip archive without an Excel workbook inside", "an Excel workbook")
        return _check_zip_sizes(members, len(data)) or _check_dimensions(archive, names)


def _check_zip_sizes(members: list[zipfile.ZipInfo], size: int) -> SafetyProblem | None:
    if len(members) > MAX_ZIP_MEMBERS:
        return SafetyProblem(f"The workbook holds {len(members):,} internal parts; real workbooks have a few dozen.",
                             "Save the data again as a plain .xlsx or export it as CSV.")
    inflated = sum(m.file_size for m in members)
    if inflated > RATIO_CHECK_ABOVE and inflated > MAX_COMPRESSION_RATIO * max(size, 1):
        return SafetyProblem(
            f"The workbook expands from {size / 1e6:.1f} MB to {inflated / 1e6:,.0f} MB when opened (a 'zip bomb').",
            "Export the data again from Salesforce or save it as .csv.gz.")
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
            return SafetyProblem(f"Worksheet {sheet} declares {rows:,} rows x {columns:,} columns, beyond Excel's "
                                 "limits, so the file was not written by Excel.",
                                 "Open it in Excel and save it again, or export the data as CSV.")
        if columns > MAX_COLUMNS or rows * columns > MAX_SHEET_CELLS:
            return SafetyProblem(f"Worksheet {sheet} declares {rows:,} rows x {columns:,} columns; that is not an "
                                 "event log.",
                                 "Delete the empty formatted rows and columns (Ctrl+End shows the last used cell), "
                                 "or copy only the data into the template.")
    return None


def _check_parquet(data: bytes, filename: str, kind: str | None) -> SafetyProblem | None:
    if kind != "a parquet file":
        return _mismatch(filename, kind or "not parquet data", "a parquet file") if data else None
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - only parquet uploads need it

        meta = pq.read_metadata(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - pyarrow raises its own types; the reader reports damaged files
        return None
    if meta.num_columns > MAX_COLUMNS or meta.num_rows > MAX_ROWS:
        return SafetyProblem(f"The parquet file declares {meta.num_rows:,} rows x {meta.num_columns:,} columns.",
                             f"Keep at most {MAX_COLUMNS:,} columns and {MAX_ROWS:,} rows; split it by date range.")
    inflated = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if inflated > RATIO_CHECK_ABOVE and inflated > MAX_COMPRESSION_RATIO * max(len(data), 1):
        return SafetyProblem(f"The parquet file expands from {len(data) / 1e6:.1f} MB to {inflated / 1e6:,.0f} MB "
                             "when read (a 'zip bomb').", "Write it again without extreme compression.")
    return None


def _check_text(data: bytes, filename: str, kind: str | None) -> SafetyProblem | None:
    if kind:
        return _mismatch(filename, kind, "a CSV text file")
    head = data[:65536]
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        return _mismatch(filename, "binary data", "a CSV text file")
    first_line = head.split(b"\n", 1)[0]
    separators = max(first_line.count(s) for s in (b",", b";", b"\t", b"|"))
    if separators + 1 > MAX_COLUMNS:
        return SafetyProblem(f"The first line has {separators + 1:,} columns; that is not an event log.",
                             "Check the export: one event per row, one field per column.")
    rows = data.count(b"\n")
    if rows > MAX_ROWS:
        return SafetyProblem(f"The file has {rows:,} lines; the limit is {MAX_ROWS:,}.",
                             "Split it by date range or save it as .parquet.")
    return None
