"""Variants: the distinct activity sequences of the orders, found by hashing each case's code sequence."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.discover.rework import activity_families
from o2c.format import TimeUnit, time_unit
from o2c.log.eventlog import EventLog, LogView
from o2c.log.index import variant_index

# Two odd 64-bit multipliers: a collision would need both polynomial hashes and the length to agree.


# --- The variants table (Variants page, ``analyze --json``) ---------------------------------------------------

REWORK_MARK = "↺"
ARROW = " → "


def variant_table(view: LogView) -> pd.DataFrame:
    """The variants of the selected orders, most orders first (ties: first seen first).

    One row per variant with orders in the view, indexed by rank (1, 2, ...). Columns: ``variant_id``,
    ``code`` (index into ``variant_index(log).sequences``), ``orders``, ``share`` and ``cumulative_share``
    of the selected orders, ``median_seconds`` and ``p90_seconds`` (end-to-end, as ``np.quantile``) and
    ``steps`` (events in the sequence).
    """
    layout = _variant_layout(view.log)
    # The cached (variant, duration) order restricted to the view stays sorted, so groups are contiguous.
    durations = view.log.case_duration_seconds[layout.by_variant_then_duration]
    kept = view.case_mask[layout.by_variant_then_duration]
    durations = durations[kept]
    counts = np.bincount(layout.case_variant_sorted[kept], minlength=len(layout.steps))
    present = np.flatnonzero(counts)
    starts = np.concatenate(([0], np.cumsum(counts)))[present]
    sizes = counts[present]
    rank = np.argsort(-sizes, kind="stable")  # codes ascend by first appearance, so ties keep that order
    total = max(view.n_cases, 1)
    share = sizes[rank] / total
    table = pd.DataFrame(
        {
            "variant_id": np.asarray(variant_index(view.log).ids, dtype=object)[present[rank]],
            "code": present[rank],
            "orders": sizes[rank],
            "share": share,
            "cumulative_share": np.cumsum(sizes[rank]) / total,
            "median_seconds": _grouped_quantile(durations, starts, sizes, 0.5)[rank],
            "p90_seconds": _grouped_quantile(durations, starts, sizes, 0.9)[rank],
            "steps": layout.steps[present[rank]],
        },
        index=pd.RangeIndex(1, present.size + 1, name="rank"),
    )
    return table


def variants_summary(view: LogView) -> list[dict]:
    """All variants of the selected orders for ``analyze --json``: ``{"activities": [...], "cases": n}``,
    most frequent first."""
    table = variant_table(view)
    sequences = variant_index(view.log).sequences
    return [
        {"activities": list(sequences[code]), "cases": int(n)}
        for code, n in zip(table["code"].to_numpy(), table["orders"].to_numpy())
    ]


def rework_marks(sequence: Sequence[str], family: Mapping[str, str] | None = None) -> list[bool]:
    """For each step: True when the same activity (or one of its ``family``, e.g. the Passed and Failed outcomes
    of one check) already happened earlier in the sequence.

    >>> rework_marks(["Create", "Check Failed", "Check Passed", "Check Passed"], {"Check Failed": "Check",
    ...                                                                          "Check Passed": "Check"})
    [False, False, True, True]
    """
    family = family or {}
    seen: set[str] = set()
    marks = []
    for step in sequence:
        key = family.get(step, step)
        marks.append(key in seen)
        seen.add(key)
    return marks


def full_path(sequence: Sequence[str], family: Mapping[str, str] | None = None) -> str:
    """Every step joined by arrows, repeated steps marked with ↺.

    >>> full_path(["A", "B", "A"])
    'A → B → A ↺'
    """
    return ARROW.join(_label(step, 1, marked) for step, marked in zip(sequence, rework_marks(sequence, family)))


def short_path(
    sequence: Sequence[str],
    reference: Sequence[str],
    family: Mapping[str, str] | None = None,
    missing: str = "without {steps}",
    context: int = 1,
) -> str:
    """A compact path: stretches shared with ``reference`` (the most frequent variant) shrink to "…", keeping
    ``context`` steps around what differs; runs of one activity read "X ×3"; repeated steps are marked ↺;
    reference steps the variant never does are listed with ``missing``.

    >>> short_path(list("ABBCDEF"), list("ABCDEF"))
    'A → B ×2 ↺ → …'
    >>> short_path(list("ABCDEFGH"), list("AXBCDEFGHY"))
    'A → B → … → H (without X, Y)'
    """
    sequence, reference = list(sequence), list(reference)
    marks = rework_marks(sequence, family)
    if sequence == reference:
        return _join_runs(sequence, marks)
    shown = np.zeros(len(sequence), dtype=bool)
    present = set(sequence)
    lacking: list[str] = []  # reference steps the variant never does
    matcher = difflib.SequenceMatcher(None, reference, sequence, autojunk=False)
    opcodes = matcher.get_opcodes()
    for number, (tag, ref_start, ref_end, start, end) in enumerate(opcodes):
        if tag == "equal":  # keep context next to the differences only
            if number > 0:
                shown[start : start + context] = True
            if number < len(opcodes) - 1:
                shown[max(end - context, start) : end] = True
        else:
            shown[start:end] = True
            lacking.extend(step for step in reference[ref_start:ref_end] if step not in present)
    # A gap of one step saves nothing: show it.
    gaps = np.flatnonzero(~shown)
    lone = [g for g in gaps if (g == 0 or shown[g - 1]) and (g + 1 == len(shown) or shown[g + 1])]
    shown[lone] = True
    parts: list[str] = []
    i = 0
    while i < len(sequence):  # per step of one displayed variant, not per event of the log
        j = i
        while j < len(sequence) and shown[j] == shown[i]:
            j += 1
        parts.append(_join_runs(sequence[i:j], marks[i:j]) if shown[i] else "…")
        i = j
    text = ARROW.join(parts)
    lacking = list(dict.fromkeys(lacking))
    return text + (" (" + missing.format(steps=", ".join(lacking)) + ")" if lacking else "")


def _join_runs(steps: list[str], marks: list[bool]) -> str:
    labels: list[str] = []
    i = 0
    while i < len(steps):  # per step of one displayed variant, not per event of the log
        j = i
        while j + 1 < len(steps) and steps[j + 1] == steps[i]:
            j += 1
        labels.append(_label(steps[i], j - i + 1, any(marks[i : j + 1])))
        i = j + 1
    return ARROW.join(labels)


def _label(step: str, times: int, marked: bool) -> str:
    return step + (f" ×{times}" if times > 1 else "") + (f" {REWORK_MARK}" if marked else "")


@dataclass(frozen=True)
class _VariantLayout:
    """Per log, once: cases ordered by (variant, end-to-end time), so a view's groups are a boolean pick away."""

    by_variant_then_duration: np.ndarray
    case_variant_sorted: np.ndarray
    steps: np.ndarray  # events per variant


def _variant_layout(log: EventLog) -> _VariantLayout:
    return log.memo("variant_layout", lambda: _build_layout(log))


def _build_layout(log: EventLog) -> _VariantLayout:
    index = variant_index(log)
    order = np.lexsort((log.case_duration_seconds, index.case_variant))
    _, first_case = np.unique(index.case_variant, return_index=True)
    steps = np.diff(log.case_offsets)[first_case]
    return _VariantLayout(order, index.case_variant[order], steps)


def _grouped_quantile(values: np.ndarray, starts: np.ndarray, sizes: np.ndarray, q: float) -> np.ndarray:
    """The ``q`` quantile (linear interpolation, as ``np.quantile``) of each sorted group
    ``values[start:start + size]``."""
    if sizes.size == 0:
        return np.empty(0)
    position = starts + q * (sizes - 1)
    low = np.floor(position).astype(np.int64)
    high = np.ceil(position).astype(np.int64)
    return values[low] + (values[high] - values[low]) * (position - low)


def variant_rows(
    view: LogView, table: pd.DataFrame, family: Mapping[str, str] | None = None, missing: str = "without {steps}"
) -> pd.DataFrame:
    """``table`` (from ``variant_table``) with the readable ``path`` (short, see ``short_path``) and
    ``full_path`` of each row; the most frequent variant of the view is the reference."""
    sequences = variant_index(view.log).sequences
    codes = table["code"].to_numpy()
    reference = sequences[codes[0]] if codes.size else ()
    return table.assign(
        path=[short_path(sequences[c], reference, family, missing) for c in codes],
        full_path=[full_path(sequences[c], family) for c in codes],
    )


def variant_export(view: LogView, family: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Every variant of the selected orders for a CSV: rank, variant_id, orders, share, cumulative_share,
    median_days, p90_days, steps and the full path."""
    table = variant_table(view)
    sequences = variant_index(view.log).sequences
    return pd.DataFrame(
        {
            "rank": table.index.to_numpy(),
            "variant_id": table["variant_id"].to_numpy(),
            "orders": table["orders"].to_numpy(),
            "share": table["share"].to_numpy(),
            "cumulative_share": table["cumulative_share"].to_numpy(),
            "median_days": table["median_seconds"].to_numpy() / 86_400,
            "p90_days": table["p90_seconds"].to_numpy() / 86_400,
            "steps": table["steps"].to_numpy(),
            "path": [full_path(sequences[c], family) for c in table["code"].to_numpy()],
        }
    )


# --- The Variants page ------------------------------------------------------------------------------------------

VARIANT_ROWS = 1000  # rows the Variants page draws; its CSV has every variant


@dataclass(frozen=True)
class VariantsPage:
    """What the Variants page shows: the activity families that mark rework, every variant (``variant_table``),
    how many variants cover 80 % of the orders, the first ``max_rows`` rows with their paths (``variant_rows``,
    rank as a column) and the time unit that reads best for the variants' medians."""

    families: dict[str, str]
    table: pd.DataFrame
    cover80: int
    rows: pd.DataFrame
    unit: TimeUnit


def variants_page(view: LogView, max_rows: int = VARIANT_ROWS, missing: str = "without {steps}") -> VariantsPage:
    """Everything the Variants page computes for a view with orders; ``missing`` is the page's text for left-out
    steps (English by default)."""
    families = activity_families(view.log.activity_names)
    table = variant_table(view)
    cover80 = int(np.searchsorted(table["cumulative_share"].to_numpy(), 0.8 - 1e-12) + 1)
    rows = variant_rows(view, table.head(max_rows), families, missing).reset_index()
    return VariantsPage(families, table, min(cover80, len(table)), rows, time_unit(table["median_seconds"].to_numpy()))
