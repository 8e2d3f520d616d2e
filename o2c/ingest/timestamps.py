"""Timestamp parsing: ISO 8601, Salesforce, Excel cells and serials, day-first text; all to UTC."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

DateOrder = Literal["auto", "day-first", "month-first"]

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Serial numbers between 1982 and 2173 are taken as Excel dates; other numbers are not timestamps.
_SERIAL_RANGE = (30000.0, 100000.0)
_SLASHED = re.compile(
    r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*$"
)
_TIME_PART = re.compile(r"\d{1,2}:\d{2}")
_EARLIEST, _LATEST = pd.Timestamp("1678-01-01", tz="UTC"), pd.Timestamp("2261-12-31", tz="UTC")
_TIME_PROBE = 10_000  # values tried at a time when looking for a time of day


@dataclass(frozen=True)
class ParsedTimestamps:
    """Result of parsing one column.

    ``values`` are tz-aware UTC (NaT where empty or unparseable); ``unparseable`` marks non-empty values
    that could not be read. ``date_order`` is the order used for slashed or dotted dates, ``ambiguous``
    says whether the data itself could not tell day-first from month-first, and ``date_only`` whether no
    value carried a time of day.
    """

    values: pd.Series
    empty: np.ndarray
    unparseable: np.ndarray
    date_order: DateOrder
    ambiguous: bool
    date_only: bool


def parse_timestamps(raw: pd.Series, *, timezone: str = "UTC", date_order: DateOrder = "auto") -> ParsedTimestamps:
    """Parse a raw column; naive values are read in ``timezone`` and everything is converted to UTC."""
    raw = raw.reset_index(drop=True)
    if isinstance(raw.dtype, pd.DatetimeTZDtype):
        values = raw.dt.tz_convert("UTC")
        empty = values.isna().to_numpy()
        return ParsedTimestamps(values, empty, np.zeros(len(raw), bool), date_order, False, _no_time(values))
    if pd.api.types.is_datetime64_dtype(raw.dtype):
        values = _localise(raw, timezone)
        empty = values.isna().to_numpy()
        return ParsedTimestamps(values, empty, np.zeros(len(raw), bool), date_order, False, _no_time(values))

    result = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns, UTC]")
    is_datetime = np.zeros(len(raw), dtype=bool)
    if raw.dtype == object:  # spreadsheets mix real date cells with text in one column
        is_datetime = raw.map(lambda v: isinstance(v, (dt.datetime, dt.date)), na_action="ignore")
        is_datetime = is_datetime.fillna(False).astype(bool).to_numpy()
    if is_datetime.any():
        result[is_datetime] = _localise(pd.to_datetime(raw[is_datetime].astype(object)), timezone)
    numeric = _numbers(raw, ~is_datetime)
    is_serial = numeric.between(*_SERIAL_RANGE).to_numpy()
    if is_serial.any():
        serial = _EXCEL_EPOCH + pd.to_timedelta(numeric[is_serial].to_numpy(), unit="D")
        result[is_serial] = _localise(pd.Series(serial, index=raw.index[is_serial]).dt.round("s"), timezone)

    text = raw.where(~(is_datetime | is_serial)).astype("string").str.strip()
    empty = (text.isna() | (text == "")).to_numpy() & ~(is_datetime | is_serial)
    pending = ~(is_datetime | is_serial | empty)
    order, ambiguous = date_order, False
    has_time = False
    if pending.any():
        candidates = text[pending]
        has_time = _any_time_of_day(candidates)
        slashed = _slashed(candidates)
        if slashed.any():
            parts = candidates[slashed].str.extract(_SLASHED)
            order, ambiguous = _decide_date_order(parts, date_order)
            result.loc[candidates.index[slashed]] = _from_parts(parts, order, timezone).array
        iso = candidates[~slashed]
        if len(iso):
            result.loc[iso.index] = _iso_to_utc(iso, timezone).array  # .to_numpy() would box every value
    unparseable = pending & result.isna().to_numpy()
    date_only = not has_time and _no_time(result[is_datetime | is_serial])
    return ParsedTimestamps(result, empty, unparseable, order, ambiguous, date_only)


def _numbers(raw: pd.Series, wanted: np.ndarray) -> pd.Series:
    """``pd.to_numeric`` of the ``wanted`` values (NaN elsewhere). Text with a colon is never a number, so
    a column of date-times skips the (slow) attempt."""
    if pd.api.types.is_string_dtype(raw.dtype) and raw.dtype != object:
        wanted = wanted & ~raw.str.contains(":", regex=False).fillna(False).to_numpy(dtype=bool)
    numeric = pd.Series(np.nan, index=raw.index)
    if wanted.any():
        numeric[wanted] = pd.to_numeric(raw[wanted], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return numeric


def _any_time_of_day(text: pd.Series) -> bool:
    """Whether some value carries a time of day; a first slice usually answers it."""
    with_colon = text[text.str.contains(":", regex=False).fillna(False).to_numpy(dtype=bool)]
    for start in range(0, len(with_colon), _TIME_PROBE):
        if with_colon.iloc[start : start + _TIME_PROBE].str.contains(_TIME_PART).any():
            return True
    return False


def _slashed(text: pd.Series) -> np.ndarray:
    """Which stripped values are day/month/year dates. Values opening with three ASCII digits (ISO 8601's
    year) cannot be, so the pattern is tried on the others only."""
    slashed = np.zeros(len(text), dtype=bool)
    maybe = ~text.str.match(r"[0-9]{3}").fillna(False).to_numpy(dtype=bool)
    if maybe.any():
        slashed[maybe] = text[maybe].str.match(_SLASHED).fillna(False).to_numpy(dtype=bool)
    return slashed


def _localise(values: pd.Series, timezone: str) -> pd.Series:
    values = pd.to_datetime(values)
    if values.dt.tz is None:
        values = values.dt.tz_localize(timezone, ambiguous="NaT", nonexistent="shift_forward")
    return _utc_ns(values)


def _utc_ns(values: pd.Series) -> pd.Series:
    """Aware values as UTC nanoseconds. pandas reads "0001-01-01" or "9999-12-31" at a coarser unit; outside the
    nanosecond range (1677-2262) they cannot be stored, so they count as unparseable (a row in the report)."""
    values = values.dt.tz_convert("UTC")
    return values.where(values.between(_EARLIEST, _LATEST)).astype("datetime64[ns, UTC]")


def _iso_to_utc(text: pd.Series, timezone: str) -> pd.Series:
    """ISO text with and without offsets: offsets are honoured, naive values read in ``timezone``."""
    has_offset = text.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True).fillna(False).to_numpy(dtype=bool)
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")
    if has_offset.any():  # positional .array: assigning a Series would align millions of index labels
        out[has_offset] = _utc_ns(pd.to_datetime(text[has_offset], format="ISO8601", errors="coerce", utc=True)).array
    if (~has_offset).any():
        naive = pd.to_datetime(text[~has_offset], format="ISO8601", errors="coerce")
        out[~has_offset] = _localise(naive, timezone).array
    return out


def _decide_date_order(parts: pd.DataFrame, requested: DateOrder) -> tuple[DateOrder, bool]:
    if requested != "auto":
        return requested, False
    first = parts[0].astype(int)
    second = parts[1].astype(int)
    if (first > 12).any():
        return "day-first", False
    if (second > 12).any():
        return "month-first", False
    return "day-first", True


def _from_parts(parts: pd.DataFrame, order: DateOrder, timezone: str) -> pd.Series:
    day, month = (parts[0], parts[1]) if order == "day-first" else (parts[1], parts[0])
    year = parts[2].astype(int)
    year = year.where(year >= 100, year + 2000)
    hour = _int(parts[3])
    pm = parts[6].fillna("").str.lower() == "pm"
    hour = hour.where(~(pm & (hour < 12)), hour + 12)
    hour = hour.where(~((parts[6].fillna("").str.lower() == "am") & (hour == 12)), 0)
    frame = pd.DataFrame(
        {
            "year": year,
            "month": month.astype(int),
            "day": day.astype(int),
            "hour": hour,
            "minute": _int(parts[4]),
            "second": _int(parts[5]),
        }
    )
    return _localise(pd.to_datetime(frame, errors="coerce"), timezone)


def _int(part: pd.Series) -> pd.Series:
    return pd.to_numeric(part).fillna(0).astype(int)


def _no_time(values: pd.Series) -> bool:
    values = values.dropna()
    if values.empty:
        return True
    naive = values.dt.tz_convert(None) if values.dt.tz is not None else values
    return bool((naive == naive.dt.normalize()).all())
