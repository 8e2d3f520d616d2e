"""Filters shared by every page: case attributes, a date range, the filter stack (``o2c.log.stack``: behaviour,
time and people filters, and trims) and variants, round-tripped through URL query parameters.

Applied in that order: attributes and dates on the loaded log, then the stack's filters one after the other (a
trim replaces the log by its trimmed form), then the variants, which are those of the log the stack ends on (as
the Variants page lists them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, cast

import numpy as np
import pandas as pd

from o2c.i18n import Language
from o2c.i18n.filters import describe_filters
from o2c.log.columns import column_label
from o2c.log.eventlog import EventLog, LogView
from o2c.log.index import variant_case_mask
from o2c.log.stack import StackFilter, describe_step, parse_step, run_stack, stack_case_mask, step_text

DateMode = Literal["started", "completed", "intersecting"]
DATE_MODES: tuple[DateMode, ...] = ("started", "completed", "intersecting")
STACK_KEY = "f"  # one ``f=<filter>`` per filter of the stack, in order
# Query keys that are not case attributes. Keys starting with PAGE_KEY_PREFIX belong to pages (e.g. a comparison).
RESERVED_KEYS = frozenset({"from", "to", "dates", "lang", "page", "variant", STACK_KEY})
PAGE_KEY_PREFIX = "_"
PRIMARY_ATTRIBUTES = ("sales_channel", "account_name", "region")


@dataclass(frozen=True)
class Filters:
    """Which orders to look at: attribute values (any of the listed values) and a date range (inclusive)."""

    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    date_mode: DateMode = "started"
    variants: tuple[str, ...] = ()  # variant ids (o2c.discover.variants.variant_id)
    steps: tuple[StackFilter, ...] = ()  # the filter stack, in order

    @property
    def is_empty(self) -> bool:
        """True when no filter is set."""
        return (
            not any(self.attributes.values())
            and self.date_from is None
            and self.date_to is None
            and not self.variants
            and not self.steps
        )

    def case_mask(self, log: EventLog) -> np.ndarray:
        """Boolean mask over the log's cases that pass every filter; a trim of the stack counts as an order filter
        here (the orders that have its segment): ``apply`` trims."""
        mask = self._base_mask(log)
        if self.steps:
            mask &= stack_case_mask(log, mask, self.steps)
        if self.variants:
            mask &= variant_case_mask(log, self.variants)
        return mask

    def _base_mask(self, log: EventLog) -> np.ndarray:
        mask = np.ones(log.n_cases, dtype=bool)
        for name, values in self.attributes.items():
            if values and name in log.cases.columns:
                mask &= _isin(log.cases[name], values)
        if self.date_from is not None or self.date_to is not None:
            low = _day_start_ns(self.date_from) if self.date_from else np.iinfo(np.int64).min
            high = _day_start_ns(self.date_to + dt.timedelta(days=1)) if self.date_to else np.iinfo(np.int64).max
            start, end = log.case_start_ns, log.case_end_ns
            if self.date_mode == "started":
                mask &= (start >= low) & (start < high)
            elif self.date_mode == "completed":
                mask &= (end >= low) & (end < high)
            else:
                mask &= (start < high) & (end >= low)
        return mask

    def apply(self, log: EventLog) -> LogView:
        """The filtered view of ``log`` (of its trimmed form when the stack trims)."""
        return self.apply_counted(log)[0]

    def apply_counted(self, log: EventLog) -> tuple[LogView, list[int]]:
        """The filtered view and the number of orders kept after each filter of the stack."""
        final, mask, counts = run_stack(log, self._base_mask(log), self.steps)
        if self.variants:
            mask &= variant_case_mask(final, self.variants)
        return final.view(mask), counts

    def to_query(self) -> dict[str, list[str]]:
        """URL query parameters: ``sales_channel=Partner&from=2024-01-01&to=2024-03-31&dates=started``."""
        query: dict[str, list[str]] = {name: list(values) for name, values in self.attributes.items() if values}
        if self.date_from:
            query["from"] = [self.date_from.isoformat()]
        if self.date_to:
            query["to"] = [self.date_to.isoformat()]
        if (self.date_from or self.date_to) and self.date_mode != "started":
            query["dates"] = [self.date_mode]
        if self.variants:
            query["variant"] = list(self.variants)
        if self.steps:
            query[STACK_KEY] = [step_text(step) for step in self.steps]
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, list[str]]) -> Filters:
        """Filters from URL query parameters; unreadable values are ignored rather than failing."""
        attributes = {
            key: tuple(v for v in values if v)
            for key, values in query.items()
            if key not in RESERVED_KEYS and not key.startswith(PAGE_KEY_PREFIX) and any(values)
        }
        mode = (query.get("dates") or ["started"])[0]
        return cls(
            attributes,
            _parse_date(query.get("from")),
            _parse_date(query.get("to")),
            mode if mode in DATE_MODES else "started",
            tuple(v for v in query.get("variant", []) if v),
            tuple(step for step in map(parse_step, query.get(STACK_KEY, [])) if step is not None),
        )

    def describe(self, shown: int, total: int, lang: str = "en") -> str:
        """A sentence such as 'Partner orders created in Q1 2024: 312 of 2,000', in ``lang``."""
        return describe_filters(
            lang,
            self.attributes,
            lambda name: column_label(name, lang),
            self.date_from,
            self.date_to,
            self.date_mode,
            len(self.variants),
            [describe_step(step, cast(Language, lang)) for step in self.steps],
            shown,
            total,
        )


def _isin(column: pd.Series, values: tuple[str, ...]) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        # Compare the few categories, then index by code: O(cases) with no string work per row.
        codes = column.cat.codes.to_numpy()
        allowed = np.append(column.cat.categories.astype(str).isin(values), False)  # code -1 (missing) -> False
        return allowed[codes]
    return column.astype("string").isin(values).to_numpy(dtype=bool, na_value=False)


def _day_start_ns(day: dt.date) -> int:
    return pd.Timestamp(day, tz="UTC").value


def _parse_date(values: list[str] | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(values[0]) if values else None
    except ValueError:
        return None
