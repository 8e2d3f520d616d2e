"""Calendar periods of timestamps: weeks starting on Monday, or months, as integer codes for bincount."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from o2c.log.eventlog import NS_PER_SECOND

Period = Literal["week", "month"]
_NS_PER_DAY = 86_400 * NS_PER_SECOND


def period_codes(ns: np.ndarray, period: Period) -> np.ndarray:
    """Integer period codes of nanosecond timestamps: months since 1970-01, or weeks (Monday to Sunday)."""
    if period == "month":
        return ns.astype("datetime64[ns]").astype("datetime64[M]").astype(np.int64)
    days = np.floor_divide(ns, _NS_PER_DAY)
    return np.floor_divide(days + 3, 7)  # 1970-01-01 was a Thursday: shift so weeks start on Monday


def period_starts(codes: np.ndarray, period: Period) -> pd.DatetimeIndex:
    """The first day of each period code from ``period_codes`` (naive UTC)."""
    if period == "month":
        return pd.DatetimeIndex(codes.astype("datetime64[M]").astype("datetime64[ns]"))
    return pd.DatetimeIndex((codes * 7 - 3).astype("datetime64[D]").astype("datetime64[ns]"))
