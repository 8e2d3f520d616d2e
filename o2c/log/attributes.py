"""Order attributes as groups: integer codes and labels per order (text values, number quartile bands, months),
rare values pooled, id-like columns left out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from o2c.log.eventlog import EventLog

MISSING_LABEL = "(missing)"
_SPLIT_MAX_DISTINCT = 5_000  # text attributes with more values are ids, not groups


def split_attributes(log: EventLog) -> list[str]:
    """Order attributes the end-to-end time can be split by: text with a few distinct values, numbers (as
    quartile bands) and dates (as months); id-like columns are left out. Computed once per log."""
    return list(
        log.memo(
            "split_attributes", lambda: [name for name in log.case_attribute_names() if _splittable(log.cases[name])]
        )
    )


def _splittable(column: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(column) or (
        pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
    ):
        return column.nunique() > 1
    distinct = len(column.cat.categories) if isinstance(column.dtype, pd.CategoricalDtype) else column.nunique()
    # More distinct values than half the orders means an id (order number, invoice number ...), not a group.
    return 1 < distinct <= min(_SPLIT_MAX_DISTINCT, max(20, len(column) // 2))


def case_attribute_codes(log: EventLog, name: str) -> tuple[np.ndarray, list[str]]:
    """``attribute_codes`` of the order attribute ``name`` over all of ``log``'s orders, built once per log (the
    whole log's quartile bands and months, so a filter change only masks them). The arrays are shared: read only."""
    return log.memo(f"case_attribute_codes:{name}", lambda: attribute_codes(log.cases[name]))


def attribute_codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes per order (-1 = missing) and their labels."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return _months(column)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return _quartile_bands(column.to_numpy(dtype=float))
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64), [str(c) for c in column.cat.categories]
    return _factorized(column.astype("string"))


def _months(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    months = column.dt.tz_localize(None) if column.dt.tz is not None else column
    values = months.to_numpy().astype("datetime64[M]")
    known = ~np.isnat(values)
    codes, uniques = pd.factorize(values[known].astype(np.int64), sort=True)
    full = np.full(values.size, -1, dtype=np.int64)
    full[known] = codes
    return full, [str(m) for m in uniques.astype("datetime64[M]")]


def _factorized(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    codes, uniques = pd.factorize(column, sort=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


def _quartile_bands(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    known = values[~np.isnan(values)]
    if known.size == 0:
        return np.full(values.size, -1, dtype=np.int64), []
    edges = np.unique(np.quantile(known, [0, 0.25, 0.5, 0.75, 1]))
    if edges.size == 1:
        return np.where(np.isnan(values), -1, 0).astype(np.int64), [f"{edges[0]:,.6g}"]
    # Band i holds edges[i] <= v < edges[i + 1]; the last band also holds the maximum.
    band = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, edges.size - 2)
    labels = [f"{_short_number(lo)} – {_short_number(hi)}" for lo, hi in zip(edges[:-1], edges[1:])]
    return np.where(np.isnan(values), -1, band).astype(np.int64), labels


def _short_number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.4g}"


def pool_rare(codes: np.ndarray, labels: list[str], max_values: int) -> tuple[np.ndarray, list[str]]:
    """Keep the ``max_values`` most frequent labels (missing excluded) and pool the rest into one code."""
    counts = np.bincount(codes, minlength=len(labels))
    known = np.flatnonzero(counts[:-1])
    if known.size <= max_values:
        return codes, labels
    # Most frequent first; ties by label code so the choice is stable.
    ranked = known[np.lexsort((known, -counts[known]))]
    kept, pooled = ranked[:max_values], ranked[max_values:]
    remap = np.full(len(labels), max_values, dtype=np.int64)
    remap[kept] = np.arange(max_values)
    remap[-1] = max_values + 1
    new_labels = [labels[k] for k in kept] + [f"Other ({pooled.size} values)", MISSING_LABEL]
    return remap[codes], new_labels
