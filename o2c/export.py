"""Safe exports: spreadsheets must never execute text that came from an upload."""

from __future__ import annotations

import pandas as pd

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.

    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "ok"]}))["a"].tolist()
    ["'=1+1", 'ok']
    """
    def escape(value: object) -> object:
        if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
            return "'" + value
        return value

    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(escape) for c in text_columns})


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel users: formula-safe, UTF-8 with BOM so Chinese text opens correctly."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")
