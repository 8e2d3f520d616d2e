"""Targets for the KPIs a scheduled job checks: ``late_payment_rate<=0.10``, ``end_to_end_median<=30d``,
``on_time_delivery_rate>=90%``. KPI names are the catalogue keys (those of ``analyze --json``'s ``kpis``); times
take a unit (s, min, h, d, w; seconds without one), shares a fraction or a percentage."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from o2c.i18n import Language, t
from o2c.monitor.kpis import KPIS
from o2c.monitor.monitoring import format_value

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}
_UNITS = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0, "d": 86_400.0, "w": 604_800.0}
_PATTERN = re.compile(r"^\s*([a-z_0-9]+)\s*(<=|>=|<|>)\s*([0-9.]+)\s*([a-z%]*)\s*$")


@dataclass(frozen=True)
class Target:
    """A KPI bound: ``kpi`` ``op`` ``value`` (in the KPI's unit: seconds, a fraction, orders or money)."""

    kpi: str
    op: str
    value: float
    text: str

    def holds(self, value: float | None) -> bool | None:
        """Whether ``value`` meets the target; None when there is no value to judge."""
        if value is None or math.isnan(value):
            return None
        return _OPERATORS[self.op](value, self.value)

    def bound_text(self, currency: str = "EUR") -> str:
        """The bound as a card shows values: '≤ 30.0 d', '≤ 10.0%'."""
        symbol = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"}[self.op]
        return f"{symbol} {format_value(self.value, KPIS[self.kpi].unit, currency)}"


def parse_target(text: str) -> Target:
    """A target from its text; ValueError naming the problem (unknown KPI, operator, unit)."""
    match = _PATTERN.match(text.strip().lower())
    if match is None:
        raise ValueError(f"not a target: {text!r} (write it like late_payment_rate<=0.10 or end_to_end_median<=30d)")
    key, op, number, unit = match.groups()
    if key not in KPIS:
        raise ValueError(f"unknown KPI {key!r} in {text!r}; KPIs: {', '.join(KPIS)}")
    value = float(number)
    kind = KPIS[key].unit
    if unit == "%" and kind == "share":
        value /= 100
    elif kind == "seconds" and unit in _UNITS:
        value *= _UNITS[unit]
    elif unit:
        raise ValueError(f"unit {unit!r} does not fit {key} (a {kind} KPI) in {text!r}")
    return Target(key, op, value, text.strip())


@dataclass(frozen=True)
class Check:
    """One target judged on one segment: ``holds`` None when the KPI has no value (``missing`` says why)."""

    segment: str
    target: Target
    value: float | None
    holds: bool | None
    missing: str | None = None

    @property
    def breached(self) -> bool:
        """A target that does not hold, or cannot be judged, is breached."""
        return self.holds is not True

    def line(self, currency: str = "EUR", lang: Language = "en") -> str:
        """One line for the job's output: 'BREACH all: late_payment_rate = 15.6%, target ≤ 10.0%'."""
        unit = KPIS[self.target.kpi].unit
        if self.value is not None:
            shown = format_value(self.value, unit, currency)
        else:
            shown = t("refresh.job.na", lang, missing=self.missing or "–")
        return t(
            "refresh.job.breach" if self.breached else "refresh.job.ok",
            lang,
            segment=self.segment,
            kpi=self.target.kpi,
            value=shown,
            bound=self.target.bound_text(currency),
        )


def check_targets(
    segment: str, kpis: Mapping[str, Mapping[str, object]], targets: list[Target] | tuple[Target, ...]
) -> list[Check]:
    """Every target judged on a segment's KPIs (``kpi_dict``)."""
    checks = []
    for target in targets:
        entry = kpis.get(target.kpi, {})
        raw = entry.get("value")
        value = float(raw) if isinstance(raw, (int, float)) else None
        missing = entry.get("missing")
        checks.append(Check(segment, target, value, target.holds(value), missing if isinstance(missing, str) else None))
    return checks
