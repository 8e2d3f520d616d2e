"""Variants: the distinct activity sequences of the orders, found by hashing each case's code sequence."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from o2c.eventlog import EventLog

# Two odd 64-bit multipliers: a collision would need both polynomial hashes and the length to agree.
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
    cached = log.__dict__.get("_variant_index")
    if cached is None:
        cached = _compute(log)
        log.__dict__["_variant_index"] = cached  # the log is immutable, so the index never goes stale
    return cached


def _compute(log: EventLog) -> VariantIndex:
    offsets = log.case_offsets
    starts = offsets[:-1]
    position = np.arange(log.n_events, dtype=np.int64) - np.repeat(starts, np.diff(offsets))
    symbols = log.activity.astype(np.uint64) + np.uint64(1)
    keys = [np.diff(offsets).astype(np.uint64)]
    with np.errstate(over="ignore"):  # wrap-around modulo 2**64 is the hash
        for multiplier in _MULTIPLIERS:
            weights = _powers(multiplier, position)
            keys.append(np.add.reduceat(symbols * weights, starts))
    stacked = np.stack(keys, axis=1)
    _, first_case, inverse = np.unique(stacked, axis=0, return_index=True, return_inverse=True)
    # Renumber by first appearance so codes do not depend on hash values.
    order = np.argsort(first_case, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    case_variant = rank[inverse.ravel()].astype(np.int32)
    names = log.activity_names
    sequences = tuple(
        tuple(names[a] for a in log.activity[offsets[c]:offsets[c + 1]]) for c in first_case[order])
    return VariantIndex(case_variant, tuple(variant_id(s) for s in sequences), sequences)


def _powers(multiplier: np.uint64, position: np.ndarray) -> np.ndarray:
    """``multiplier ** position`` modulo 2**64, by repeated squaring over the bits of the positions."""
    result = np.ones(position.shape, dtype=np.uint64)
    base = multiplier
    remaining = position.copy()
    with np.errstate(over="ignore"):
        while remaining.any():
            odd = (remaining & 1).astype(bool)
            result[odd] *= base
            base = base * base
            remaining >>= 1
    return result
