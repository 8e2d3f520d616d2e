"""Per-log indexes, computed once per log and kept on it: events grouped by activity, each case's first event
of a set, and the variant of each case (found by hashing each case's code sequence)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.log.eventlog import EventLog


def activity_events(log: EventLog, code: int) -> np.ndarray:
    """Positions (ascending) of the events of one activity; grouped once per log and kept on it."""
    order, bounds = log.memo("activity_events", lambda: _group_by_activity(log))
    return order[bounds[code] : bounds[code + 1]]


def _group_by_activity(log: EventLog) -> tuple[np.ndarray, np.ndarray]:
    n = len(log.activity_names)
    keys = log.activity.astype(np.uint16) if n <= 1 << 16 else log.activity
    # A stable radix sort groups the events by activity and keeps each group in event order.
    return (np.argsort(keys, kind="stable"), np.concatenate(([0], np.cumsum(np.bincount(log.activity, minlength=n)))))


def first_per_case(log: EventLog, events: np.ndarray) -> np.ndarray:
    """Per case of ``log``: the first of the (ascending) event positions ``events`` in it, -1 when none."""
    first = np.full(log.n_cases, -1, dtype=np.int64)
    if events.size:
        cases = log.case[events]
        starts = np.ones(events.size, dtype=bool)
        starts[1:] = cases[1:] != cases[:-1]
        first[cases[starts]] = events[starts]
    return first


_MULTIPLIERS = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))


@dataclass(frozen=True)
class VariantIndex:
    """``case_variant[c]`` is the variant code of case ``c``; codes index ``ids`` and ``sequences``.

    Variant codes are ordered by first appearance in case order; ``ids`` are stable across uploads
    (a digest of the activity names), so a variant can be named in a URL.
    """

    case_variant: np.ndarray
    ids: tuple[str, ...]
    sequences: tuple[tuple[str, ...], ...]


def variant_id(activities: tuple[str, ...]) -> str:
    """A short stable id for an activity sequence.

    >>> variant_id(("Create Sales Order", "Shipped"))
    '0a0d855de6aa'
    """
    return hashlib.sha1("\x1f".join(activities).encode("utf-8")).hexdigest()[:12]


def variant_index(log: EventLog) -> VariantIndex:
    """The variants of ``log``, computed once per log and kept on it."""
    return log.memo("variant_index", lambda: _compute(log))


def _compute(log: EventLog) -> VariantIndex:
    offsets = log.case_offsets
    lengths = np.diff(offsets)
    position = np.arange(log.n_events, dtype=np.int64) - offsets[log.case]
    symbols = log.activity.astype(np.uint64) + np.uint64(1)
    top = int(lengths.max()) if lengths.size else 0
    hashes = []
    with np.errstate(over="ignore"):  # wrap-around modulo 2**64 is the hash
        for multiplier in _MULTIPLIERS:
            weighted = symbols * _power_table(multiplier, top)[position]
            hashes.append(np.add.reduceat(weighted, offsets[:-1]) if weighted.size else weighted)
    case_variant, first_case = _classes(hashes[0], hashes[1], lengths.astype(np.uint64))
    names = log.activity_names
    sequences = tuple(tuple(names[a] for a in log.activity[offsets[c] : offsets[c + 1]]) for c in first_case)
    return VariantIndex(case_variant, tuple(variant_id(s) for s in sequences), sequences)


def _power_table(multiplier: np.uint64, top: int) -> np.ndarray:
    """``multiplier ** k`` modulo 2**64 for ``k = 0 .. top``: a running product, looked up per event position."""
    table = np.empty(top + 1, dtype=np.uint64)
    table[0] = 1
    with np.errstate(over="ignore"):
        for k in range(1, top + 1):  # once per position of the longest case, not per event
            table[k] = table[k - 1] * multiplier
    return table


def _classes(first: np.ndarray, second: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Variant codes per case, numbered by first appearance, and the first case of each code.

    Cases are grouped by the first hash with a hash table (linear); the grouping stands when the second
    hash and the length agree within every group, otherwise all three keys are sorted together.
    """
    codes, _ = pd.factorize(first)  # numbered by first appearance
    # A code appears first where the running maximum of the codes grows.
    seen = np.maximum.accumulate(codes)
    first_case = np.flatnonzero(np.concatenate(([True], seen[1:] > seen[:-1]))) if codes.size else codes
    if np.array_equal(second[first_case][codes], second) and np.array_equal(lengths[first_case][codes], lengths):
        return codes.astype(np.int32), first_case
    stacked = np.stack((lengths, first, second), axis=1)
    _, first_case, inverse = np.unique(stacked, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first_case, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return rank[inverse.ravel()].astype(np.int32), first_case[order]


def variant_case_mask(log: EventLog, ids: Iterable[str]) -> np.ndarray:
    """Boolean mask over the log's cases: the cases whose variant id is in ``ids`` (unknown ids match nothing)."""
    index = variant_index(log)
    chosen = pd.Index(index.ids).isin(list(ids))
    return np.asarray(chosen, dtype=bool)[index.case_variant]
