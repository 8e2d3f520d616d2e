"""One order in detail: its events and waits, attributes, variant and rework, and how to find it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.index import variant_index
from o2c.stats import longest_first

# Order attributes that name an order for people; shown with the case id in pickers and tables.
LABEL_COLUMNS = ("order_number", "account_name")


def find_order(log: EventLog, text: str) -> int | None:
    """The case code of the order whose case id or order number is ``text`` (trimmed, case-insensitive).

    An order number also matches without its leading zeros ("100" finds "00000100").
    """
    text = text.strip()
    if not text:
        return None
    for column in ("case_id", "order_number"):
        if column not in log.cases:
            continue
        values = log.cases[column]
        hits = np.flatnonzero((values == text).to_numpy(dtype=bool, na_value=False))
        if not hits.size:
            hits = np.flatnonzero(_matches(values, text.casefold(), strip_zeros=column == "order_number"))
        if hits.size:
            return int(hits[0])
    return None


def _matches(column: pd.Series, wanted: str, strip_zeros: bool) -> np.ndarray:
    def normalise(values: pd.Index) -> pd.Index:
        folded = values.astype(str).str.strip().str.casefold()
        return folded.str.lstrip("0") if strip_zeros else folded

    target = wanted.lstrip("0") if strip_zeros else wanted
    if isinstance(column.dtype, pd.CategoricalDtype):
        # Compare the distinct values only, then map back through the codes.
        allowed = np.append(normalise(column.cat.categories) == target, False)
        return allowed[column.cat.codes.to_numpy()]
    return np.asarray(normalise(pd.Index(column.fillna(""))) == target)


def order_label(log: EventLog, case_code: int) -> str:
    """How people name an order: its order number when the log has one, else its case id."""
    if "order_number" in log.cases:
        number = log.cases["order_number"].iloc[case_code]
        if pd.notna(number):
            return str(number)
    return str(log.cases["case_id"].iloc[case_code])


def slowest_orders(view: LogView, limit: int = 20) -> pd.DataFrame:
    """The selected orders with the longest end-to-end time: ``case_code``, ``case_id``, the order number
    and account when present, ``duration_seconds``. Longest first; ties by case id."""
    codes = view.case_codes
    codes = codes[longest_first(view.log.case_duration_seconds[codes], limit)]
    cases = view.log.cases
    table = cases.iloc[codes][["case_id", *[c for c in LABEL_COLUMNS if c in cases]]].reset_index(drop=True)
    table.insert(0, "case_code", codes)
    table["duration_seconds"] = view.log.case_duration_seconds[codes]
    return table


@dataclass(frozen=True)
class OrderDetail:
    """Everything the order explorer shows about one order.

    ``events``: one row per event with ``step``, ``activity``, ``timestamp`` (UTC), the event attributes and
    ``wait_seconds`` (since the previous event; NaN for the first). ``attributes``: the order attributes
    that have a value. ``rework``: activities done more than once, with ``times``, ``performers`` (distinct
    resources in order of appearance) and ``same_person`` (None without a resource column).
    """

    case_code: int
    case_id: str
    label: str
    events: pd.DataFrame
    attributes: pd.Series
    duration_seconds: float
    variant_id: str
    variant_rank: int  # 1 = the most frequent variant of the whole log
    variant_orders: int  # orders of the whole log that follow the same variant
    variant_count: int  # distinct variants in the whole log
    rework: pd.DataFrame


def order_detail(log: EventLog, case_code: int) -> OrderDetail:
    """The detail of the order with this case code."""
    start, stop = log.case_offsets[case_code], log.case_offsets[case_code + 1]
    events = _events(log, start, stop)
    index = variant_index(log)
    frequency = np.bincount(index.case_variant)
    variant = int(index.case_variant[case_code])
    # Rank by frequency, ties by first appearance (the variant code), so every variant has its own rank.
    rank = 1 + int((frequency > frequency[variant]).sum()) + int((frequency[:variant] == frequency[variant]).sum())
    return OrderDetail(
        case_code=case_code,
        case_id=str(log.cases["case_id"].iloc[case_code]),
        label=order_label(log, case_code),
        events=events,
        attributes=_attributes(log, case_code),
        duration_seconds=float(log.case_duration_seconds[case_code]),
        variant_id=index.ids[variant],
        variant_rank=rank,
        variant_orders=int(frequency[variant]),
        variant_count=int(frequency.size),
        rework=_rework(events),
    )


def _events(log: EventLog, start: int, stop: int) -> pd.DataFrame:
    timestamps = log.timestamp[start:stop]
    events = pd.DataFrame(
        {
            "step": np.arange(1, stop - start + 1),
            "activity": [log.activity_names[a] for a in log.activity[start:stop]],
            "timestamp": pd.to_datetime(timestamps, unit="ns", utc=True),
        }
    )
    for name, values in log.event_attributes.items():
        events[name] = np.asarray(values[start:stop], dtype=object)
    events["wait_seconds"] = np.concatenate(([np.nan], np.diff(timestamps) / NS_PER_SECOND))
    return events


def _attributes(log: EventLog, case_code: int) -> pd.Series:
    row = log.cases.iloc[case_code].drop(labels=["case_id", "n_events", "start", "end"])
    return row[row.notna()]


def _rework(events: pd.DataFrame) -> pd.DataFrame:
    counts = events["activity"].value_counts(sort=False)
    repeated = [a for a in dict.fromkeys(events["activity"]) if counts[a] > 1]  # in order of first occurrence
    rows = []
    for activity in repeated:
        performers = []
        if "resource" in events:
            done = events.loc[events["activity"] == activity, "resource"].dropna()
            performers = list(dict.fromkeys(str(r) for r in done))
        rows.append(
            {
                "activity": activity,
                "times": int(counts[activity]),
                "performers": ", ".join(performers),
                "same_person": (len(performers) == 1) if performers else None,
            }
        )
    return pd.DataFrame(rows, columns=["activity", "times", "performers", "same_person"])
