"""Numbers as people read them: durations in the unit that reads best, shares, signed differences.

One place for these so a duration reads the same on every page, in every report and in the CLI.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

MINUS = "−"  # U+2212: a real minus sign lines up with "+" in tables


@dataclass(frozen=True)
class TimeUnit:
    """The unit a set of durations reads best in: hours or days."""

    symbol: Literal["h", "d"]
    seconds: float

    def of(self, seconds: np.ndarray | float) -> np.ndarray | float:
        """``seconds`` expressed in this unit."""
        return seconds / self.seconds


HOURS = TimeUnit("h", 3_600.0)
DAYS = TimeUnit("d", 86_400.0)


def time_unit(seconds: np.ndarray | Sequence[float] | float) -> TimeUnit:
    """Hours when the typical (median) duration is under 2 days, else days, as ``format_duration`` switches.

    >>> time_unit([3_600, 7_200]).symbol, time_unit([5 * 86_400]).symbol
    ('h', 'd')
    """
    values = np.asarray(seconds, dtype=float).ravel()
    values = values[~np.isnan(values)]
    if values.size == 0:
        return DAYS
    return HOURS if np.median(values) < 2 * DAYS.seconds else DAYS


def format_duration(seconds: float | None) -> str:
    """A duration in the unit that reads best: '45 min', '5.2 h', '3.4 d'.

    >>> format_duration(3.4 * 86400)
    '3.4 d'
    """
    if seconds is None or np.isnan(seconds):
        return "–"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def short_duration(seconds: float) -> str:
    """A wait as "35 s", "45 min", "5.2 h" or "3.4 d".

    >>> short_duration(35), short_duration(2700)
    ('35 s', '45 min')
    """
    return f"{seconds:.0f} s" if seconds < 60 else format_duration(seconds)


def signed_duration(seconds: float, minus: str = MINUS) -> str:
    """A difference of durations with its sign: "+2.0 h", "−3.4 d"; "–" when unknown.

    ``st.metric`` reads a delta's direction from an ASCII "-": pass ``minus="-"`` for its deltas.

    >>> signed_duration(-3.4 * 86400), signed_duration(7200), signed_duration(-60, minus="-")
    ('−3.4 d', '+2.0 h', '-1 min')
    """
    if seconds != seconds:
        return "–"
    return ("+" if seconds >= 0 else minus) + format_duration(abs(seconds))


def signed_points(share: float) -> str:
    """A difference of shares in percentage points with its sign: "+4.5", "−12.0".

    >>> signed_points(-0.12)
    '−12.0'
    """
    return f"{share * 100:+.1f}".replace("-", MINUS)


def percent(share: float) -> str:
    """A share as "45%", or "4.5%" below 10%; "–" when unknown.

    >>> percent(0.45), percent(0.045), percent(float("nan"))
    ('45%', '4.5%', '–')
    """
    if math.isnan(share):
        return "–"
    if share == 0:
        return "0%"
    return f"{share:.0%}" if share >= 0.095 else f"{share:.1%}"
