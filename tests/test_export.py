"""Exports that leave the app (issue #14): formula-safe in every cell and every header, whatever the frame."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from o2c.export import neutralise_formulas, to_csv_bytes, to_xlsx_bytes


def test_headers_are_neutralised_too():
    frame = pd.DataFrame({"kpi": ["Orders"], '=HYPERLINK("http://x")': ["1"], "+cmd": ["2"]})
    text = to_csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines()[0] == 'kpi,"\'=HYPERLINK(""http://x"")",\'+cmd'
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert [c.value for c in sheet[1]] == ["kpi", '\'=HYPERLINK("http://x")', "'+cmd"]


def test_repeated_column_names():
    """Two snapshots with one label gave a comparison with two columns of one name: export.py crashed."""
    frame = pd.DataFrame([["Orders", "=1+1", "2"]], columns=["kpi", "Same", "Same"])
    assert to_csv_bytes(frame).decode("utf-8-sig").splitlines() == ["kpi,Same,Same", "Orders,'=1+1,2"]
    assert load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active["B2"].value == "'=1+1"
    assert neutralise_formulas(frame).shape == (1, 3)
