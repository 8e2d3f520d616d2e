"""The snapshot store: nothing on disk until a save, save/list/get/delete, a restart sees the snapshots, schema
version and migrations, and comparisons judged by each KPI's direction."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from o2c.errors import SnapshotStoreError
from o2c.improve.settings import Settings
from o2c.log.filters import Filters
from o2c.monitor.kpis import KPIS, kpi_dict, kpi_trend
from o2c.monitor.monitoring import delta_color, format_delta, format_value, kpi_changes
from o2c.monitor.snapshots import (
    SCHEMA_VERSION,
    Snapshot,
    SnapshotStore,
    compare_snapshots,
    default_store_path,
    snapshot_from_view,
)

UTC = dt.UTC


def snapshot(label: str, **values: float | None) -> Snapshot:
    kpis = {
        key: {"value": value, "unit": KPIS[key].unit, "judged_orders": 10, "missing": None}
        for key, value in values.items()
    }
    return Snapshot(
        label=label,
        created_at=dt.datetime(2024, 12, 1, 8, 30, tzinfo=UTC),
        source_name="o2c.xlsx",
        filter_description="Orders: 10 of 10",
        first_event=dt.datetime(2024, 11, 1, tzinfo=UTC),
        last_event=dt.datetime(2024, 11, 30, 18, tzinfo=UTC),
        orders=int(values.get("orders") or 0),
        kpis=kpis,
    )


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "data" / "snapshots.sqlite3"


def test_nothing_is_written_until_a_save(path):
    store = SnapshotStore(path)
    assert store.list().empty and list(store.list().columns)[:3] == ["id", "label", "created_at"]
    assert store.delete(1) is False
    with pytest.raises(KeyError):
        store.get(1)
    assert store.schema_version() == 0
    assert not path.parent.exists()
    store.save(snapshot("November", orders=10))
    assert path.is_file() and store.schema_version() == SCHEMA_VERSION


def test_save_list_get_delete(path):
    store = SnapshotStore(path)
    first = store.save(snapshot("October", orders=8, late_payment_rate=0.25))
    second = store.save(snapshot("November", orders=10, late_payment_rate=None))
    table = store.list()
    assert table["label"].tolist() == ["November", "October"]  # newest first (same time: higher id first)
    assert table["id"].tolist() == [second, first]
    assert table["orders"].tolist() == [10, 8]
    assert table["created_at"].iloc[0] == pd.Timestamp("2024-12-01 08:30", tz="UTC")
    assert table["last_event"].iloc[0] == pd.Timestamp("2024-11-30 18:00", tz="UTC")
    back = store.get(first)
    assert (back.id, back.label, back.source_name, back.orders) == (first, "October", "o2c.xlsx", 8)
    assert back.created_at == dt.datetime(2024, 12, 1, 8, 30, tzinfo=UTC)
    assert back.values() == {"orders": 8.0, "late_payment_rate": 0.25}
    assert store.get(second).value("late_payment_rate") is None
    assert store.delete(first) is True
    assert store.list()["id"].tolist() == [second]
    with pytest.raises(KeyError):
        store.get(first)


def test_a_restart_sees_the_snapshots(path):
    saved = SnapshotStore(path).save(snapshot("Before the restart", orders=3))
    reopened = SnapshotStore(path)  # a new store object on the same file, as after restarting the app
    assert reopened.list()["label"].tolist() == ["Before the restart"]
    assert reopened.get(saved).value("orders") == 3.0


def test_schema_version_and_migration_guard(path):
    store = SnapshotStore(path)
    store.save(snapshot("x", orders=1))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        columns = [row[1] for row in db.execute("PRAGMA table_info(snapshots)")]
        assert {"label", "created_at", "kpis", "trend", "filter_description", "first_event"} <= set(columns)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")  # a file from a later version of the app
    with pytest.raises(SnapshotStoreError, match="newer version"):
        store.list()
    with pytest.raises(SnapshotStoreError, match="newer version"):
        store.save(snapshot("y", orders=1))


def test_a_file_that_is_not_a_store(tmp_path):
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database, just some text that is long enough to be a header" * 10)
    with pytest.raises(SnapshotStoreError):
        SnapshotStore(bad).list()


def test_a_snapshot_that_cannot_be_stored_leaves_the_store_as_it_was(path):
    store = SnapshotStore(path)
    store.save(snapshot("kept", orders=1))
    broken = snapshot("broken", orders=1)
    object.__setattr__(broken, "kpis", {"orders": {"value": object()}})  # not JSON
    with pytest.raises(TypeError):
        store.save(broken)
    assert store.list()["label"].tolist() == ["kept"]


def test_default_store_path():
    from o2c.monitor.snapshots import data_dir

    assert data_dir({"O2C_EXPLORER_DATA": "/srv/o2c"}, "linux", Path("/home/ann")) == Path("/srv/o2c")
    home = Path("/home/ann")
    assert default_store_path({}, "linux", home) == home / ".local/share/o2c-explorer/snapshots.sqlite3"
    assert default_store_path({"XDG_DATA_HOME": "/data"}, "linux", home) == Path("/data/o2c-explorer/snapshots.sqlite3")
    assert (
        default_store_path({"APPDATA": r"C:\Users\ann\AppData\Roaming"}, "win32", home)
        == Path(r"C:\Users\ann\AppData\Roaming") / "o2c-explorer" / "snapshots.sqlite3"
    )
    assert default_store_path({}, "darwin", home) == home / "Library/Application Support/o2c-explorer/snapshots.sqlite3"
    assert default_store_path({"O2C_EXPLORER_DATA": "/srv/o2c", "XDG_DATA_HOME": "/data"}, "linux", home) == Path(
        "/srv/o2c/snapshots.sqlite3"
    )


def test_compare_snapshots_judges_each_kpi_by_its_direction():
    october = snapshot(
        "October",
        orders=100,
        end_to_end_median=30 * 86_400,
        on_time_delivery_rate=0.80,
        late_payment_rate=0.10,
        rework_rate=0.12,
        cost_per_order=None,
    )
    november = snapshot(
        "November",
        orders=120,
        end_to_end_median=27 * 86_400,
        on_time_delivery_rate=0.75,
        late_payment_rate=0.15,
        rework_rate=0.12,
        cost_per_order=50.0,
    )
    table = compare_snapshots(october, november).set_index("key")
    assert list(table.index) == [
        "orders",
        "end_to_end_median",
        "late_payment_rate",
        "on_time_delivery_rate",
        "rework_rate",
        "cost_per_order",
    ]  # catalogue order
    assert table.loc["end_to_end_median", "delta"] == -3 * 86_400
    assert table.loc["end_to_end_median", "pct_change"] == pytest.approx(-0.1)
    assert table.loc["end_to_end_median", "verdict"] == "better"  # shorter is better
    assert table.loc["on_time_delivery_rate", "verdict"] == "worse"  # lower is worse
    assert table.loc["late_payment_rate", "verdict"] == "worse"  # higher is worse
    assert table.loc["late_payment_rate", "pct_change"] == pytest.approx(0.5)
    assert table.loc["rework_rate", "verdict"] == "same"
    assert table.loc["orders", "verdict"] is None  # no good direction
    assert table.loc["cost_per_order", "verdict"] is None and np.isnan(table.loc["cost_per_order", "delta"])
    # st.metric colours: a rise is green when higher is better, red when lower is better
    assert delta_color(KPIS["on_time_delivery_rate"]) == "normal"
    assert delta_color(KPIS["late_payment_rate"]) == "inverse"
    assert delta_color(KPIS["orders"]) == "off"


def test_kpi_changes_with_a_zero_baseline():
    table = kpi_changes({"open_orders": 0.0}, {"open_orders": 4.0}).set_index("key")
    assert table.loc["open_orders", "delta"] == 4 and np.isnan(table.loc["open_orders", "pct_change"])
    assert table.loc["open_orders", "verdict"] == "worse"


def test_formatting():
    assert format_value(3.4 * 86_400, "seconds") == "3.4 d"
    assert format_value(0.1562, "share") == "15.6%"
    assert format_value(78.2295, "money", "EUR") == "78.23 EUR"
    assert format_value(2000.0, "orders") == "2,000"
    assert format_value(None, "share") == "–"
    assert format_delta(-0.021, -0.13, "share") == "-2.1 pp (-13.0%)"
    assert format_delta(3.2 * 86_400, 0.048, "seconds") == "+3.2 d (+4.8%)"
    assert format_delta(-5 * 3600, None, "seconds") == "-5.0 h"
    assert format_delta(0.05, None, "share", lang="zh") == "+5.0 个百分点"
    assert format_delta(float("nan"), None, "orders") is None
    assert format_delta(0.0, 0.0, "seconds") == "±0 min"


def test_snapshot_from_the_sample_round_trips(sample_log, path):
    partner = sample_log.cases["sales_channel"].astype(str).to_numpy() == "Partner"
    view = sample_log.view(partner)
    settings = Settings()
    filters = Filters({"sales_channel": ("Partner",)})
    made = snapshot_from_view(
        view, settings, "Partner, 2024", "o2c_sample.xlsx", "en", filters, settings_note="defaults"
    )
    assert made.filter_description == f"Partner orders: {view.n_cases:,} of 2,000"
    assert made.orders == view.n_cases and made.currency == "EUR"
    assert made.first_event == pd.Timestamp(sample_log.case_start_ns[partner].min(), tz="UTC")
    assert made.last_event == pd.Timestamp(sample_log.case_end_ns[partner].max(), tz="UTC")
    assert made.created_at.tzinfo is not None
    store = SnapshotStore(path)
    back = store.get(store.save(made))
    assert json.loads(json.dumps(kpi_dict(view, settings))) == back.kpis
    expected = kpi_trend(view, settings, "month")
    assert back.trend_period == "month"
    pd.testing.assert_frame_equal(back.trend[expected.columns], expected, check_dtype=False)
    assert compare_snapshots(back, made)["verdict"].dropna().eq("same").all()


# ---------------------------------------------------------------------------------------------- issue #14


def test_labels_are_unique_in_a_store(path):
    store = SnapshotStore(path)
    ids = [store.save(snapshot("November", orders=1)) for _ in range(3)]
    assert [store.get(i).label for i in ids] == ["November", "November (2)", "November (3)"]
    assert store.list()["label"].is_unique


def old_store_with(path, rows: list[dict]) -> SnapshotStore:
    """A store whose rows were written by hand, as older versions or other tools may have left them."""
    store = SnapshotStore(path)
    store.save(snapshot("seed", orders=1))
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM snapshots")
        for row in rows:
            full = {
                "label": "x",
                "created_at": "2024-12-01T08:30:00+00:00",
                "source_name": "a.csv",
                "filter_description": "",
                "first_event": None,
                "last_event": None,
                "orders": 1,
                "currency": "EUR",
                "settings": "",
                "kpis": "{}",
                "trend": None,
            } | row
            db.execute(
                f"INSERT INTO snapshots ({', '.join(full)}) VALUES ({', '.join('?' * len(full))})", tuple(full.values())
            )
    return store


def test_any_stored_row_reads(path):
    store = old_store_with(
        path,
        [
            {"label": "Same"},
            {"label": "Same"},
            {
                "kpis": json.dumps(
                    {
                        "orders": {"value": 5},
                        "late_payment_rate": {"value": None, "missing": None},
                        "unknown_kpi": {"value": 1},
                        "rework_rate": "not a mapping",
                    }
                )
            },
            {
                "kpis": "not json",
                "trend": "not json either",
                "created_at": "yesterday",
                "orders": "many",
                "label": "",
                "currency": "",
            },
        ],
    )
    table = store.list()
    assert len(table) == 4 and table["label"].tolist().count("Same") == 2
    snapshots = [store.get(i) for i in table["id"]]
    missing_inputs = next(s for s in snapshots if "orders" in s.kpis)
    assert missing_inputs.value("orders") == 5 and missing_inputs.value("late_payment_rate") is None
    assert missing_inputs.missing("rework_rate") is None
    broken = next(s for s in snapshots if s.label == "")
    assert broken.kpis == {} and broken.trend is None and broken.orders == 0
    changes = compare_snapshots(missing_inputs, broken)
    assert all(m is None or isinstance(m, str) for m in [*changes["missing_a"], *changes["missing_b"]])


def test_missing_reasons_stay_text_or_none():
    """pandas 3 turns a column of None into NaN: the page then called NaN.removeprefix."""
    a = snapshot("a", orders=1, late_payment_rate=None)
    a.kpis["late_payment_rate"]["missing"] = "needs invoice_due_date"
    changes = compare_snapshots(a, a)
    assert changes["missing_a"].tolist() == [None, "needs invoice_due_date"]


def test_workspace_names_cannot_leave_their_folder(tmp_path):
    from o2c.monitor.snapshots import list_workspaces, workspace_name, workspace_path

    assert workspace_name(" ../Finance team/ 2024 ") == "finance-team-2024"
    assert workspace_name("财务") == "财务"
    for hostile in ["..", "../../etc/passwd", "/abs/path", "a/../../b", "C:\\x", "\x00", "." * 300, "a" * 500]:
        try:
            target = workspace_path(hostile, tmp_path)
        except ValueError:
            continue
        assert target.parent == tmp_path / "workspaces" and len(target.stem) <= 64
    with pytest.raises(ValueError):
        workspace_name("../..")
    SnapshotStore(workspace_path("Team A", tmp_path)).save(snapshot("x", orders=1))
    (tmp_path / "workspaces" / "Not.Ours.sqlite3").write_text("")
    assert list_workspaces(tmp_path) == ["team-a"]
    assert list_workspaces(tmp_path / "nowhere") == []
