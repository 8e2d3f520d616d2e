"""What the cells of the rules table can hold for one log: the choices a rules editor offers."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from o2c.conform.rules.model import PEOPLE_ATTRIBUTES
from o2c.log.eventlog import EventLog


@dataclass(frozen=True)
class RuleChoices:
    """Activities (the log's and those the table already names), order date columns and people columns."""

    activities: list[str]
    date_fields: list[str]
    people: list[str]


def rule_choices(log: EventLog, table: pd.DataFrame) -> RuleChoices:
    """The choices for the ``activity``/``other_activity``, ``date_field`` and ``attribute`` cells of ``table``."""
    named = set(table["activity"].dropna()) | set(table["other_activity"].dropna())
    activities = sorted(set(log.activity_names) | named - {""})
    dates = [c for c in log.case_attribute_names() if pd.api.types.is_datetime64_any_dtype(log.cases[c])]
    people = [c for c in ("resource", *PEOPLE_ATTRIBUTES) if c in log.event_attributes]
    return RuleChoices(activities, dates, people)
