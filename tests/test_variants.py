"""Variants: exact numbers on a hand-made log, readable paths, the selection mask, and pm4py on real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATASETS, ORDERS_FLAT, SAMPLE_WORKBOOK

from o2c.discover.variants import (
    full_path,
    rework_marks,
    short_path,
    variant_export,
    variant_rows,
    variant_table,
    variants_summary,
)
from o2c.log.eventlog import build_event_log
from o2c.log.filters import Filters
from o2c.log.index import variant_case_mask, variant_index

LIFECYCLE = DATASETS / "order_management" / "orders_lifecycle_flat.csv.gz"
HOUR = 3600.0

# case -> (steps, hours from first to last event)
PATHS = {
    "A": ("a b c", 2),
    "B": ("a b c", 4),
    "C": ("a b c", 10),
    "D": ("a c", 1),
    "E": ("a b b c", 3),
    "F": ("a c", 5),
    "G": ("x y", 7),
}


def log_from(paths: dict[str, tuple[str, float]]):
    """A log whose orders run the given steps, evenly spread over the given hours."""
    rows = []
    start = pd.Timestamp("2024-01-01", tz="UTC")
    for case, (steps, hours) in paths.items():
        names = steps.split()
        for i, name in enumerate(names):
            offset = pd.Timedelta(hours=hours * i / (len(names) - 1))
            rows.append({"case_id": case, "activity": name, "timestamp": start + offset, "row": len(rows) + 2})
    return build_event_log(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def log():
    return log_from(PATHS)


def test_table_ranks_variants_with_exact_numbers(log):
    table = variant_table(log.view())
    sequences = variant_index(log).sequences
    assert [sequences[c] for c in table["code"]] == [("a", "b", "c"), ("a", "c"), ("a", "b", "b", "c"), ("x", "y")]
    assert table.index.tolist() == [1, 2, 3, 4]
    assert table["orders"].tolist() == [3, 2, 1, 1]
    assert table["share"].tolist() == pytest.approx([3 / 7, 2 / 7, 1 / 7, 1 / 7])
    assert table["cumulative_share"].tolist() == pytest.approx([3 / 7, 5 / 7, 6 / 7, 1.0])
    assert (table["median_seconds"] / HOUR).tolist() == pytest.approx([4, 3, 3, 7])
    # np.quantile's linear rule: 4 + 0.8 * (10 - 4) and 1 + 0.9 * (5 - 1)
    assert (table["p90_seconds"] / HOUR).tolist() == pytest.approx([8.8, 4.6, 3, 7])
    assert table["steps"].tolist() == [3, 2, 4, 2]
    assert table["variant_id"].tolist() == [variant_index(log).ids[c] for c in table["code"]]


def test_table_follows_the_view(log):
    mask = log.cases["case_id"].isin(["B", "D", "F", "E"]).to_numpy()
    table = variant_table(log.view(mask))
    sequences = variant_index(log).sequences
    assert [sequences[c] for c in table["code"]] == [("a", "c"), ("a", "b", "c"), ("a", "b", "b", "c")]
    assert table["orders"].tolist() == [2, 1, 1]
    assert table["share"].tolist() == pytest.approx([0.5, 0.25, 0.25])
    assert (table["median_seconds"] / HOUR).tolist() == pytest.approx([3, 4, 3])
    assert variant_table(log.view(np.zeros(log.n_cases, dtype=bool))).empty


def test_summary_lists_every_variant_most_frequent_first(log):
    assert variants_summary(log.view()) == [
        {"activities": ["a", "b", "c"], "cases": 3},
        {"activities": ["a", "c"], "cases": 2},
        {"activities": ["a", "b", "b", "c"], "cases": 1},
        {"activities": ["x", "y"], "cases": 1},
    ]


def test_selection_mask_picks_the_orders_of_the_chosen_variants(log):
    index = variant_index(log)
    ids = {index.sequences[v]: index.ids[v] for v in range(len(index.ids))}
    case_ids = log.cases["case_id"].to_numpy()
    assert case_ids[variant_case_mask(log, [ids[("a", "b", "c")]])].tolist() == ["A", "B", "C"]
    picked = variant_case_mask(log, (ids[("a", "c")], ids[("x", "y")]))
    assert case_ids[picked].tolist() == ["D", "F", "G"]
    assert not variant_case_mask(log, ["not-a-variant"]).any()
    assert not variant_case_mask(log, ()).any()
    # The shared filter state gives the same orders.
    assert np.array_equal(Filters(variants=(ids[("a", "c")], ids[("x", "y")])).case_mask(log), picked)


def test_rework_marks_and_full_path():
    family = {"Check Failed": "Check", "Check Passed": "Check"}
    steps = ["Create", "Check Failed", "Check Passed", "Ship", "Check Passed"]
    assert rework_marks(steps) == [False, False, False, False, True]
    assert rework_marks(steps, family) == [False, False, True, False, True]
    assert full_path(steps, family) == "Create → Check Failed → Check Passed ↺ → Ship → Check Passed ↺"
    assert full_path(["a", "a"]) == "a → a ↺"


def test_short_path_keeps_what_differs_from_the_most_common_variant():
    reference = ["Create", "Check", "Activate", "Confirm", "Allocate", "Pick", "Ship", "Invoice", "Pay"]
    assert short_path(reference, reference) == " → ".join(reference)
    changed = [
        "Create",
        "Check",
        "Activate",
        "Confirm",
        "Allocate",
        "Change",
        "Allocate",
        "Pick",
        "Ship",
        "Invoice",
        "Pay",
    ]
    assert short_path(changed, reference) == "… → Allocate → Change → Allocate ↺ → Pick → …"
    assert (
        short_path(
            ["Create", "Activate", "Confirm", "Allocate", "Pick", "Ship", "Invoice", "Pay"],
            reference,
            missing="without {steps}",
        )
        == "Create → Activate → … (without Check)"
    )
    assert short_path(reference[:-1], reference) == "… → Invoice (without Pay)"
    assert short_path(["Create", "Check", "Check", "Check"] + reference[2:], reference) == "Create → Check ×3 ↺ → …"
    assert (
        short_path(["Create", "Pay"], reference, missing="缺少 {steps}")
        == "Create → Pay (缺少 Check, Activate, Confirm, Allocate, Pick, Ship, Invoice)"
    )


def test_rows_and_export_carry_readable_paths(log):
    table = variant_table(log.view())
    rows = variant_rows(log.view(), table)
    assert rows["path"].tolist() == ["a → b → c", "a → c (without b)", "a → b ×2 ↺ → c", "x → y (without a, b, c)"]
    assert rows["full_path"].tolist() == ["a → b → c", "a → c", "a → b → b ↺ → c", "x → y"]
    export = variant_export(log.view())
    assert export.columns.tolist() == [
        "rank",
        "variant_id",
        "orders",
        "share",
        "cumulative_share",
        "median_days",
        "p90_days",
        "steps",
        "path",
    ]
    assert export["path"].tolist() == rows["full_path"].tolist()
    assert export["median_days"].tolist() == pytest.approx([4 / 24, 3 / 24, 3 / 24, 7 / 24])


# --- pm4py on real data --------------------------------------------------------------------------------------------


def _pm4py_variants(frame: pd.DataFrame) -> dict[tuple[str, ...], int]:
    import pm4py

    frame = frame.sort_values(["case:concept:name", "time:timestamp"], kind="stable")
    formatted = pm4py.format_dataframe(
        frame, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp"
    )
    return {tuple(k): int(v) for k, v in pm4py.get_variants(formatted).items()}


def _csv_frame(path) -> pd.DataFrame:
    frame = pd.read_csv(path)
    frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], utc=True)
    return frame


def _sample_frame() -> pd.DataFrame:
    events = pd.read_excel(SAMPLE_WORKBOOK, sheet_name="Events", engine="calamine")
    return pd.DataFrame(
        {
            "case:concept:name": events["case_id"].astype(str),
            "concept:name": events["activity"],
            "time:timestamp": pd.to_datetime(events["timestamp"], utc=True),
        }
    )


@pytest.fixture(scope="module")
def lifecycle_log():
    from o2c.ingest.load import load_event_log

    return load_event_log(LIFECYCLE.read_bytes(), LIFECYCLE.name).log


def _ours(log) -> list[tuple[tuple[str, ...], int]]:
    table = variant_table(log.view())
    sequences = variant_index(log).sequences
    return [(sequences[c], int(n)) for c, n in zip(table["code"], table["orders"])]


def test_orders_flat_variants_match_pm4py(orders_flat_log):
    ours = _ours(orders_flat_log)
    theirs = _pm4py_variants(_csv_frame(ORDERS_FLAT))
    assert dict(ours) == theirs
    start, end = ("place order", "confirm order"), ("pay order",)
    assert ours == [
        (start + end, 1557),
        (start + ("payment reminder",) + end, 344),
        (start + ("payment reminder",) * 2 + end, 78),
        (start + ("payment reminder",) * 3 + end, 18),
        (start + ("payment reminder",) * 4 + end, 3),
    ]


def test_lifecycle_variants_match_pm4py(lifecycle_log):
    ours = _ours(lifecycle_log)
    theirs = _pm4py_variants(_csv_frame(LIFECYCLE))
    assert len(ours) == len(theirs) == 1633
    assert dict(ours) == theirs
    assert [n for _, n in ours[:5]] == sorted(theirs.values(), reverse=True)[:5] == [23, 21, 15, 14, 14]
    assert ours[0][0] == (
        "place order",
        "confirm order",
        "pick item",
        "pick item",
        "create package",
        "send package",
        "package delivered",
        "pay order",
    )


def test_sample_variants_match_pm4py(sample_log):
    ours = _ours(sample_log)
    theirs = _pm4py_variants(_sample_frame())
    assert len(ours) == len(theirs) == 77
    assert dict(ours) == theirs
    assert [n for _, n in ours[:3]] == [946, 229, 149]
    assert sum(n for _, n in ours) == 2000
