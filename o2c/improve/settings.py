"""The session's analysis settings: what KPIs, the backlog, reports and comparisons depend on beyond the log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from o2c.conform.rules import DEFAULT_RULES, RuleSet
from o2c.improve.cost import CostTable


@dataclass(frozen=True)
class Settings:
    """What some KPIs depend on: the rules (adherence, first-time-right), which resources are systems
    (touchless; None = detected from the log), the cost table (None = the defaults) and which date on-time
    delivery is measured against."""

    rules: RuleSet = DEFAULT_RULES
    systems: tuple[str, ...] | None = None
    costs: CostTable | None = None
    on_time_basis: Literal["requested", "promised"] = "requested"
