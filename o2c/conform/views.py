"""What the Conformance page computes beyond the rules and the model: trend groups and deviation examples."""

from __future__ import annotations

import numpy as np

from o2c.conform.conformance import AlignmentRun, DeviationKind, deviation_cases
from o2c.log.attributes import case_attribute_codes, pool_rare
from o2c.log.eventlog import EventLog, LogView
from o2c.log.index import variant_index


def split_groups(
    log: EventLog, attribute: str | None, missing_label: str, max_groups: int
) -> tuple[np.ndarray, list[str]] | None:
    """A code per case of the log and the labels for splitting a trend by an order ``attribute``: missing values
    get ``missing_label``, values beyond the ``max_groups`` most frequent are pooled. None without an attribute."""
    if not attribute:
        return None
    codes, labels = case_attribute_codes(log, attribute)
    codes = np.where(codes < 0, len(labels), codes)
    return pool_rare(codes, [*labels, missing_label], max_groups)


def scope_cases(view: LogView, scope: np.ndarray | None) -> np.ndarray:
    """The case codes of the view, within ``scope`` (a case mask of the log) when given."""
    return np.flatnonzero(view.case_mask if scope is None else view.case_mask & scope)


def aligned_orders(view: LogView, run: AlignmentRun, scope: np.ndarray | None) -> tuple[int, int]:
    """How many orders of the view (within ``scope``) an alignment run covered, and how many there are."""
    analysed = np.isin(variant_index(view.log).case_variant[scope_cases(view, scope)], list(run.done))
    return int(analysed.sum()), int(analysed.size)


def slowest_deviation_cases(
    view: LogView, run: AlignmentRun, kind: DeviationKind, activity: str, scope: np.ndarray | None, limit: int
) -> np.ndarray:
    """The ``limit`` slowest orders (longest end to end) of the view, within ``scope``, with one deviation."""
    cases = deviation_cases(view, run, kind, activity)
    if scope is not None:
        cases = cases[scope[cases]]
    return cases[np.argsort(-view.log.case_duration_seconds[cases], kind="stable")[:limit]]
