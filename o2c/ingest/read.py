"""Reading uploaded files (xlsx, csv/txt, parquet, xes) into raw tables, in memory and defensively.

Nothing here interprets columns; it finds the sheets and the header row and hands over raw cells.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, overload

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from o2c.errors import Term, UploadError
from o2c.ingest.safety import check_upload
from o2c.log.columns import EVENT_ALIASES, ORDER_ALIASES, normalise_header

MAX_UPLOAD_MB = 1024  # a million-order parquet with attributes is about 300 MB
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
# A zip or gzip member may inflate far beyond its size on disk; refuse before parsing (zip bombs).
GIB = 1024 * 1024 * 1024
MAX_WORKBOOK_INFLATED = 1 * GIB  # Excel's 1,048,576-row sheet limit keeps real workbooks well below this
MAX_GZIP_INFLATED = 2 * GIB  # a million-order CSV is about 1.7 GB
MAX_INFLATE_RATIO = 100  # event-log CSV and XES compress 5-30x; a bomb 1,000x
RATIO_FREE_BYTES = 64 * 1024 * 1024  # below this much inflated data any ratio is fine
INFLATE_CHUNK = 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024  # one CSV line (an event) is rarely over a few kB; a 50 MB line is an attack
HEADER_SEARCH_ROWS = 30
_HEAD_BYTES = 4 * 65536  # enough bytes for the 65,536 characters the header search looks at
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SUPPORTED = ".xlsx, .csv, .txt, .csv.gz, .parquet, .xes, .xes.gz"


@dataclass(frozen=True)
class RawTable:
    """Raw cells of one sheet; ``first_row`` is the spreadsheet row number of the first data row; ``source``
    names where they came from in the user's words (a sheet, the CSV). ``rows`` gives each frame row's number
    when rows were dropped (blank lines, report footers); None means consecutive from ``first_row``."""

    frame: pd.DataFrame
    first_row: int
    source: Term
    rows: np.ndarray | None = None

    def row_numbers(self) -> np.ndarray:
        """The row number the user sees for each frame row, ascending."""
        if self.rows is not None:
            return self.rows
        return np.arange(len(self.frame), dtype=np.int64) + self.first_row


@dataclass(frozen=True)
class RawUpload:
    """The events table and, when the file has one, the orders table."""

    events: RawTable
    orders: RawTable | None


def read_upload(data: bytes, filename: str, max_bytes: int | None = MAX_UPLOAD_BYTES) -> RawUpload:
    """Read an uploaded file's bytes; raises ``UploadError`` with a user-facing message and fix.

    ``max_bytes`` is the size limit (None: none, for files the user reads from their own disk).
    """
    if len(data) == 0:
        raise UploadError("validation.file.empty")
    if max_bytes is not None and len(data) > max_bytes:
        raise UploadError("validation.file.too_large", size=len(data) / 1024 / 1024, limit=max_bytes / 1024 / 1024)
    problem = check_upload(data, filename)
    if problem is not None:
        raise UploadError(problem.key, **dict(problem.values))
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return _read_workbook(data)
    if name.endswith((".xes", ".xes.gz")):
        return _read_xes(_gunzip(data) if name.endswith(".gz") else data)
    if name.endswith(".parquet"):
        return _read_parquet(data)
    if name.endswith((".csv", ".txt", ".csv.gz", ".txt.gz")):
        return RawUpload(_read_text_table(_gunzip(data) if name.endswith(".gz") else data), None)
    if name.endswith(".xls"):
        raise UploadError("validation.file.xls")
    raise UploadError("validation.file.type", filename=filename, types=SUPPORTED)


def _gunzip(data: bytes) -> bytes:
    """The inflated bytes of a .gz upload, refused while streaming as soon as they pass ``MAX_GZIP_INFLATED`` or
    grow more than ``MAX_INFLATE_RATIO`` times the compressed bytes read so far (a gzip bomb)."""
    raw = io.BytesIO(data)
    chunks, inflated = [], 0
    try:
        with gzip.GzipFile(fileobj=raw) as stream:
            while chunk := stream.read(INFLATE_CHUNK):
                inflated += len(chunk)
                _check_inflation(inflated, raw.tell(), MAX_GZIP_INFLATED, "gzip")
                chunks.append(chunk)
    except (OSError, EOFError, zlib.error) as error:
        raise UploadError("validation.file.gzip_damaged") from error
    return b"".join(chunks)


_INFLATION_KEYS = {  # (too large, zip bomb) per kind of compressed input
    "gzip": ("validation.file.gzip_too_large", "validation.file.gzip_bomb"),
    "workbook": ("validation.file.workbook_too_large", "validation.file.workbook_bomb"),
}


def _check_inflation(inflated: int, compressed: int, limit: int, kind: str) -> None:
    """Refuse data that inflates beyond ``limit`` bytes, or beyond ``MAX_INFLATE_RATIO`` times its compressed size
    once past ``RATIO_FREE_BYTES``."""
    if inflated > limit:
        raise UploadError(_INFLATION_KEYS[kind][0], gb=round(limit / GIB))
    if inflated > RATIO_FREE_BYTES and inflated > MAX_INFLATE_RATIO * max(compressed, 1):
        raise UploadError(_INFLATION_KEYS[kind][1], ratio=MAX_INFLATE_RATIO)


def _check_workbook_members(data: bytes) -> None:
    """Inflate every part of a workbook once, counting bytes as they come: declared sizes may lie, and the
    workbook reader would trust them. Refuses bombs as ``_check_inflation`` does, and damaged parts."""
    inflated = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                with archive.open(member) as stream:
                    while chunk := stream.read(INFLATE_CHUNK):
                        inflated += len(chunk)
                        _check_inflation(inflated, len(data), MAX_WORKBOOK_INFLATED, "workbook")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise UploadError("validation.file.workbook_damaged") from error


def _read_workbook(data: bytes) -> RawUpload:
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise UploadError("validation.file.protected")
    if data[:2] != b"PK":
        raise UploadError("validation.file.not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UploadError("validation.file.workbook_damaged") from error
    if inflated > MAX_WORKBOOK_INFLATED:
        raise UploadError("validation.file.workbook_too_large", gb=MAX_WORKBOOK_INFLATED // GIB)
    _check_workbook_members(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # skip_empty_area=False keeps leading empty rows, so list positions stay Excel row numbers.
        sheets = {
            name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in workbook.sheet_names
        }
    except Exception as error:  # calamine raises several unrelated types for broken files
        raise UploadError("validation.file.workbook_unreadable") from error
    headers = {name: _header_index(rows) for name, rows in sheets.items() if any(any(r) for r in rows[:100])}
    if not headers:
        raise UploadError("validation.file.workbook_empty")
    header_cells = {name: sheets[name][at] for name, at in headers.items()}
    events_name = _pick_sheet(header_cells, ("events", "event", "事件", "事件日志"), _looks_like_events)
    others = {n: cells for n, cells in header_cells.items() if n != events_name}
    orders_name = _pick_sheet(others, ("orders", "order", "订单"), _looks_like_orders, required=False)
    events = _table_from_rows(sheets[events_name], headers[events_name], _sheet(events_name))
    orders = _table_from_rows(sheets[orders_name], headers[orders_name], _sheet(orders_name)) if orders_name else None
    return RawUpload(events, orders)


@overload
def _pick_sheet(
    header_cells: dict[str, list],
    names: tuple[str, ...],
    looks_right: Callable[[list[str]], bool],
    required: Literal[True] = True,
) -> str: ...
@overload
def _pick_sheet(
    header_cells: dict[str, list], names: tuple[str, ...], looks_right: Callable[[list[str]], bool], required: bool
) -> str | None: ...
def _pick_sheet(
    header_cells: dict[str, list],
    names: tuple[str, ...],
    looks_right: Callable[[list[str]], bool],
    required: bool = True,
) -> str | None:
    for name in header_cells:
        if name.strip().lower() in names:
            return name
    for name, cells in header_cells.items():
        if looks_right([c for c in cells if isinstance(c, str)]):
            return name
    return next(iter(header_cells)) if required else None


def _recognised(columns, aliases: dict[str, tuple[str, int]]) -> set[str]:
    return {aliases[key][0] for key in map(normalise_header, columns) if key in aliases}


def _looks_like_events(columns) -> bool:
    return {"activity", "timestamp"} <= _recognised(columns, EVENT_ALIASES)


def _looks_like_orders(columns) -> bool:
    found = _recognised(columns, ORDER_ALIASES)
    return "case_id" in found and len(found) >= 2 and not _looks_like_events(columns)


def _header_index(rows: Sequence[Sequence[object]]) -> int:
    """The first row with at least two recognised headers (report exports put titles above it)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if not row:
            continue
        cells = [c for c in row if isinstance(c, str) and c.strip()]
        if len(_recognised(cells, EVENT_ALIASES) | _recognised(cells, ORDER_ALIASES)) >= 2:
            return index
    return 0


def _sheet(name: str) -> Term:
    return Term("validation.source.sheet", (("name", name),))


def _table_from_rows(rows: list[list], header_at: int, source: Term) -> RawTable:
    header = unique_names([_header_text(value, i) for i, value in enumerate(rows[header_at])])
    width = len(header)
    body = [row[:width] for row in rows[header_at + 1 :]]
    frame = pd.DataFrame(body, columns=header)
    # calamine gives empty cells as "": make them missing, as CSV reading does
    frame = frame.apply(
        lambda column: (
            column.mask(column == "")
            if column.dtype == object or pd.api.types.is_string_dtype(column.dtype)
            else column
        )
    )
    frame = frame.loc[:, [not name.startswith("column_") or bool(frame[name].notna().any()) for name in header]]
    # spreadsheet rows are 1-based and the header occupies row header_at + 1
    return RawTable(frame, first_row=header_at + 2, source=source)


def _header_text(value: object, position: int) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return f"column_{position + 1}"
    return str(value).strip()


def workbook_sheet_rows(data: bytes, filename: str, sheet: str) -> list[list] | None:
    """The rows of one sheet (name matched without case) of an uploaded workbook; None for other formats, a
    workbook without that sheet, or one that cannot be read (the loader reports broken files, not the readers of
    optional sheets)."""
    if not filename.lower().endswith((".xlsx", ".xlsm")):
        return None
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        name = next((n for n in workbook.sheet_names if n.strip().casefold() == sheet.casefold()), None)
        return None if name is None else workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - see above
        return None


def unique_names(names: list[str]) -> list[str]:
    """Header names made unique the way pandas does: a repeated name gets .1, .2 ..."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name}.{seen[name] - 1}")
    return result


def decode_text(data: bytes) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), else GB18030 (what Chinese Excel writes), else cp1252."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _read_text_table(data: bytes) -> RawTable:
    if data[:2] in _UTF16_BOMS:  # Excel's "Unicode Text": UTF-16 with a byte order mark, tab-separated
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as error:
            raise UploadError("validation.file.utf16_invalid") from error
    if data[:2] == b"PK" or data[:4] == b"\xd0\xcf\x11\xe0" or b"\x00" in data[:4096]:
        raise UploadError("validation.file.csv_binary")
    _check_line_lengths(data)
    fast = _read_plain_utf8_csv(data)
    if fast is not None:
        return fast
    text = decode_text(data)
    head_lines = text[:65536].splitlines()[: HEADER_SEARCH_ROWS + 5]
    if not any(line.strip() for line in head_lines):
        raise UploadError("validation.file.empty")
    delimiter = _sniff_delimiter("\n".join(head_lines))
    head_rows = list(csv.reader(head_lines, delimiter=delimiter))
    header_at = _header_index(head_rows)
    try:
        # Blank lines are read as empty rows and dropped below, so the other rows keep the numbers Excel shows.
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            skiprows=header_at,
            header=0,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            on_bad_lines="error",
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise UploadError("validation.file.csv_unparseable", error=str(error).split("\n")[0]) from error
    frame.columns = unique_names([_header_text(c, i) for i, c in enumerate(frame.columns)])
    return _without_blank_rows(frame, header_at + 2)


def _without_blank_rows(frame: pd.DataFrame, first_row: int) -> RawTable:
    """The CSV's table without its empty rows, each remaining row keeping its number."""
    filled = frame.notna().any(axis=1).to_numpy()
    if filled.all():
        return RawTable(frame, first_row=first_row, source=Term("validation.source.csv"))
    rows = np.flatnonzero(filled).astype(np.int64) + first_row
    return RawTable(frame[filled].reset_index(drop=True), first_row, Term("validation.source.csv"), rows)


def _check_line_lengths(data: bytes) -> None:
    """Refuse a CSV with a line over ``MAX_LINE_BYTES``: parsers hold a whole line (and copies of it) in memory."""
    import numpy as np  # noqa: PLC0415

    block = 64 * 1024 * 1024
    last_newline = -1  # position of the newline before the current line
    for start in range(0, len(data), block):
        newlines = np.flatnonzero(np.frombuffer(data, np.uint8, min(block, len(data) - start), start) == 10) + start
        if newlines.size == 0:
            if start + block - last_newline > MAX_LINE_BYTES:
                break
            continue
        gaps = np.diff(newlines, prepend=last_newline)
        if int(gaps.max()) > MAX_LINE_BYTES:
            break
        last_newline = int(newlines[-1])
    else:
        if len(data) - last_newline <= MAX_LINE_BYTES:
            return
    raise UploadError("validation.file.line_too_long", mb=MAX_LINE_BYTES // (1024 * 1024))


def _read_plain_utf8_csv(data: bytes) -> RawTable | None:
    """The common case read by pyarrow on both cores, without decoding the whole file into one Python string:
    UTF-8 text whose first line is the header, with distinct, non-empty column names.

    Returns None for anything else (other encodings, title rows above the header, ragged or blank-looking
    rows pyarrow refuses), which the pandas reader then handles exactly as before.
    """
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.csv as pa_csv  # noqa: PLC0415

    from o2c.ingest.arrow import text_table_frame  # noqa: PLC0415

    head = _utf8_head(data)
    if head is None:
        return None
    head_lines = head[:65536].splitlines()[: HEADER_SEARCH_ROWS + 5]
    if not head_lines or not head_lines[0].strip():
        return None
    delimiter = _sniff_delimiter("\n".join(head_lines))
    head_rows = list(csv.reader(head_lines, delimiter=delimiter))
    header = head_rows[0]
    if _header_index(head_rows) != 0 or not all(name.strip() for name in header) or len(set(header)) < len(header):
        return None
    strings = {name: pa.string() for name in header}
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(data).slice(3 if data[:3] == codecs.BOM_UTF8 else 0)),  # no copy
            # Blank lines are read as empty rows (dropped later) so that the other rows keep their numbers.
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=strings, strings_can_be_null=True, null_values=[""], quoted_strings_can_be_null=True
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # pandas reads it, or explains why it cannot
        return None
    if table.column_names != header:
        return None
    frame = text_table_frame(table)
    frame.columns = unique_names([_header_text(c, i) for i, c in enumerate(frame.columns)])
    return _without_blank_rows(frame, 2)


def _utf8_head(data: bytes) -> str | None:
    """The first characters of ``data`` when it starts as UTF-8 text (without a BOM), else None."""
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data[:_HEAD_BYTES], final=len(data) <= _HEAD_BYTES)
    except UnicodeDecodeError:
        return None


def _sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t|"}
        return max(counts, key=counts.__getitem__)


def _read_parquet(data: bytes) -> RawUpload:
    from o2c.ingest.arrow import parquet_frame  # noqa: PLC0415 - pyarrow.parquet only for parquet uploads

    try:
        frame = parquet_frame(data)
    except Exception as error:  # pyarrow raises its own error types for broken files
        raise UploadError("validation.file.parquet_unreadable") from error
    return RawUpload(RawTable(frame, first_row=1, source=Term("validation.source.parquet")), None)


def _read_xes(data: bytes) -> RawUpload:
    from pm4py import convert_to_dataframe  # noqa: PLC0415 - pm4py costs ~4 s to import; only XES needs it
    from pm4py.objects.log.importer.xes import importer as xes_importer  # noqa: PLC0415

    try:
        log = xes_importer.deserialize(
            data, variant=xes_importer.Variants.ITERPARSE, parameters={"show_progress_bar": False}
        )
        frame = convert_to_dataframe(log)
    except Exception as error:  # lxml and pm4py raise many types for malformed XML
        raise UploadError("validation.file.xes_unreadable") from error
    if frame.empty:
        raise UploadError("validation.file.xes_empty")
    return RawUpload(RawTable(frame.reset_index(drop=True), first_row=1, source=Term("validation.source.xes")), None)
