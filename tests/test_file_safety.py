"""Uploads refused before parsing: macros, disguised content, absurd sizes, zip bombs; plus safe exports."""

from __future__ import annotations

import gzip
import io
import zipfile

import pandas as pd
import pytest
from conftest import TINY_EVENTS, TINY_ORDERS, xlsx_bytes

from o2c.export import escape_html, neutralise_formulas, to_csv_bytes
from o2c.ingest.safety import MAX_COLUMNS, check_upload


def tiny_csv() -> bytes:
    return TINY_EVENTS.encode()


def tiny_workbook() -> bytes:
    return xlsx_bytes({"Events": pd.read_csv(io.StringIO(TINY_EVENTS)), "Orders": TINY_ORDERS})


def rezip(workbook: bytes, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    """The workbook's parts re-packed, with members added or replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info.filename)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def test_clean_files_pass() -> None:
    assert check_upload(tiny_workbook(), "events.xlsx") is None
    assert check_upload(tiny_csv(), "events.csv") is None
    assert check_upload(gzip.compress(tiny_csv()), "events.csv.gz") is None
    buffer = io.BytesIO()
    pd.DataFrame({"case_id": ["1"], "activity": ["a"]}).to_parquet(buffer)
    assert check_upload(buffer.getvalue(), "events.parquet") is None


def test_workbook_with_vba_project_is_refused() -> None:
    problem = check_upload(rezip(tiny_workbook(), {"xl/vbaProject.bin": b"\x00" * 64}), "events.xlsx")
    assert problem is not None and "macros" in problem.message
    assert ".xlsx" in problem.fix


def test_macro_enabled_extension_is_refused() -> None:
    problem = check_upload(tiny_workbook(), "events.xlsm")
    assert problem is not None and "macro-enabled" in problem.message


def test_macro_enabled_content_type_is_refused() -> None:
    with zipfile.ZipFile(io.BytesIO(tiny_workbook())) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    problem = check_upload(rezip(tiny_workbook(), replace={"[Content_Types].xml": types}), "events.xlsx")
    assert problem is not None and "macros" in problem.message


@pytest.mark.parametrize(
    ("data", "name", "found"),
    [
        (b"%PDF-1.7\n...", "events.xlsx", "a PDF document"),
        (b"case_id,activity\n1,a\n", "events.xlsx", "not a workbook"),
        (b"PK\x03\x04" + b"\x00" * 100, "events.csv", "a zip archive or Excel workbook"),
        (b"MZ\x90\x00" + b"\x00" * 100, "events.csv", "a Windows program"),
        (b"case_id,activity\n1,a\n", "events.parquet", "not parquet data"),
        (b"case_id,activity\n1,a\n", "events.csv.gz", "not gzip data"),
        (b"\x89PNG\r\n\x1a\n", "log.xes", "a PNG image"),
    ],
)
def test_content_not_matching_the_extension(data: bytes, name: str, found: str) -> None:
    problem = check_upload(data, name)
    assert problem is not None and found in problem.message and name in problem.message


def test_zip_without_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    problem = check_upload(out.getvalue(), "events.xlsx")
    assert problem is not None and "without an Excel workbook" in problem.message


def test_binary_csv_is_refused_but_utf16_is_not() -> None:
    assert "binary data" in check_upload(b"case_id\x00\x01\x02", "events.csv").message
    assert check_upload("case_id,activity\n1,a\n".encode("utf-16"), "events.csv") is None


def test_absurd_declared_dimensions_are_refused() -> None:
    with zipfile.ZipFile(io.BytesIO(tiny_workbook())) as archive:
        sheet_name = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
        sheet = archive.read(sheet_name)
    marker = sheet.index(b"<sheetData")
    for ref, words in (
        (b"A1:XFD1048576", "not an event log"),
        (b"A1:XFE5", "beyond Excel's limits"),
        (b"A1:C2000000", "beyond Excel's limits"),
        (b"A1:AMK10", "not an event log"),
    ):
        declared = b'<dimension ref="' + ref + b'"/>'
        bloated = sheet[:marker] + declared + sheet[marker:]
        if b"<dimension" in sheet:
            start = sheet.index(b"<dimension")
            bloated = sheet[:start] + declared + sheet[sheet.index(b"/>", start) + 2 :]
        problem = check_upload(rezip(tiny_workbook(), replace={sheet_name: bloated}), "events.xlsx")
        assert problem is not None and words in problem.message, ref


def test_too_many_csv_columns_are_refused() -> None:
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 5))
    problem = check_upload(f"{header}\n".encode(), "events.csv")
    assert problem is not None and f"{MAX_COLUMNS + 5:,} columns" in problem.message


def test_zip_bomb_is_refused(monkeypatch) -> None:
    monkeypatch.setattr("o2c.ingest.safety.RATIO_CHECK_ABOVE", 1024 * 1024)  # the same rule, scaled down
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 * 1024 * 1024))
    problem = check_upload(out.getvalue(), "events.xlsx")
    assert problem is not None and "zip bomb" in problem.message
    assert check_upload(tiny_workbook(), "events.xlsx") is None  # small workbooks compress well too


def test_formulas_are_neutralised_in_csv_exports() -> None:
    frame = pd.DataFrame({"a": ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)", "\tx", "\rx", "ok"]})
    cells = to_csv_bytes(frame).decode("utf-8-sig").splitlines()[1:]
    assert cells[:4] == ["'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(1)"]
    assert neutralise_formulas(frame)["a"].tolist()[-1] == "ok"


def test_markup_is_escaped_for_html() -> None:
    assert escape_html('<script>alert("x")</script> & Co') == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"
    )
    assert escape_html(None) == "" and escape_html(3) == "3"
