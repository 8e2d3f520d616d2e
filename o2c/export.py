"""Safe exports: spreadsheets must never execute text that came from an upload."""

from __future__ import annotations

import html
import io

import pandas as pd

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells and column names that a spreadsheet would run as a formula are prefixed with an
    apostrophe. Works on any frame, also one with repeated column names.

    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "ok"]}))["a"].tolist()
    ["'=1+1", 'ok']
    >>> list(neutralise_formulas(pd.DataFrame({"=HYPERLINK()": [1]})).columns)
    ["'=HYPERLINK()"]
    """
    safe = frame.copy()
    for position in range(safe.shape[1]):  # by position: names may repeat
        column = safe.iloc[:, position]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            safe.isetitem(position, column.map(neutralise))
    safe.columns = [neutralise(name) for name in safe.columns]
    return safe


def neutralise(value: object) -> object:
    """One cell's value as ``neutralise_formulas`` writes it: text a spreadsheet would run gets an apostrophe.

    >>> neutralise("+49 30 1234"), neutralise(42)
    ("'+49 30 1234", 42)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel users: formula-safe, UTF-8 with BOM so Chinese text opens correctly."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "Data") -> bytes:
    """An Excel workbook with one sheet holding ``frame``: formula-safe text (as ``neutralise_formulas``, and
    every text cell stored as text), datetimes as naive UTC, a bold frozen header with a filter."""
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl only when an Excel file is asked for
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    safe = neutralise_formulas(frame)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name[:31])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(safe.columns), 1))}{len(safe) + 1}"
    for i, name in enumerate(safe.columns, 1):
        values = safe.iloc[:, i - 1].astype(str)
        sheet.column_dimensions[get_column_letter(i)].width = min(
            max(len(str(name)), int(values.str.len().max() or 0)) + 2, 60
        )

    def cell(value: object) -> object:
        if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
            return None
        if isinstance(value, pd.Timestamp):
            naive = value.tz_convert("UTC").tz_localize(None) if value.tzinfo else value
            return naive.to_pydatetime()
        if hasattr(value, "item"):  # numpy scalars
            value = value.item()
        if isinstance(value, str):
            text = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
            text.data_type = "s"  # never a formula, whatever the text
            return text
        return value

    header = []
    for name in safe.columns:
        title = WriteOnlyCell(sheet, str(name))
        title.font = Font(bold=True)
        header.append(title)
    sheet.append(header)
    for row in safe.itertuples(index=False, name=None):  # rows of an export, written once on download
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def escape_html(value: object) -> str:
    """User text made safe for HTML output (tags and quotes escaped); None becomes an empty string.

    >>> escape_html('<b onclick="x">Acme & Co</b>')
    '&lt;b onclick=&quot;x&quot;&gt;Acme &amp; Co&lt;/b&gt;'
    """
    return "" if value is None else html.escape(str(value), quote=True)
