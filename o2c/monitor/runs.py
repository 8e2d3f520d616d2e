"""The scheduled monitor job's runs in a snapshot store: each run saves one snapshot per segment with the targets
it was checked against and those it breached, so the Monitoring page can draw each segment's series, the targets
as lines and the breaches as marks."""

from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd

from o2c.monitor.kpis import KPIS
from o2c.monitor.snapshots import Snapshot, SnapshotStore
from o2c.monitor.targets import Check, Target

ALL = "all"
"""The segment of every order."""
_COLUMNS = ["snapshot_id", "segment", "created_at", "last_event", "orders", "currency", "kpis", "targets", "breaches"]


def save_run(store: SnapshotStore, snapshot: Snapshot, segment: str, checks: list[Check]) -> int:
    """Store ``snapshot`` as the run's snapshot of ``segment`` with its target checks; returns the snapshot id."""
    snapshot_id = store.save(snapshot)
    targets = json.dumps([asdict(c.target) for c in checks])
    breaches = json.dumps([c.target.kpi for c in checks if c.breached])
    with store.transaction(create=True) as db:
        if db is not None:
            db.execute(
                "INSERT OR REPLACE INTO monitor_runs (snapshot_id, segment, targets, breaches) VALUES (?, ?, ?, ?)",
                (snapshot_id, segment, targets, breaches),
            )
    return snapshot_id


def previous_run(store: SnapshotStore, segment: str, before: int | None = None) -> Snapshot | None:
    """The newest stored run snapshot of ``segment`` (older than snapshot id ``before`` when given)."""
    with store.transaction() as db:
        row = (
            None
            if db is None
            else db.execute(
                "SELECT snapshot_id FROM monitor_runs JOIN snapshots ON snapshots.id = snapshot_id "
                "WHERE segment = ? AND snapshot_id < ? ORDER BY snapshot_id DESC LIMIT 1",
                (segment, before if before is not None else 2**62),
            ).fetchone()
        )
    return None if row is None else store.get(int(row[0]))


def run_series(store: SnapshotStore) -> pd.DataFrame:
    """Every run's snapshots, oldest first: ``run`` (numbered from 1), ``snapshot_id``, ``segment``,
    ``created_at`` and ``last_event`` (UTC), ``orders``, ``currency`` (of the money KPIs), one column per KPI key
    (NaN without a value), ``targets`` (list of ``Target``) and ``breaches`` (set of KPI keys)."""
    with store.transaction() as db:
        rows = (
            []
            if db is None
            else db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM monitor_runs JOIN snapshots ON snapshots.id = snapshot_id "
                "ORDER BY snapshot_id"
            ).fetchall()
        )
    table = pd.DataFrame(rows, columns=_COLUMNS, dtype=object)
    for column in ("created_at", "last_event"):
        table[column] = pd.to_datetime(table[column], utc=True, format="ISO8601", errors="coerce")
    values = [_values(text) for text in table["kpis"]]
    for key in KPIS:
        table[key] = pd.Series([v.get(key) for v in values], index=table.index, dtype=float)
    table["targets"] = pd.Series([_targets(text) for text in table["targets"]], index=table.index, dtype=object)
    table["breaches"] = pd.Series([set(_list(text)) for text in table["breaches"]], index=table.index, dtype=object)
    table.insert(0, "run", (table["segment"] == ALL).cumsum().astype("int64"))  # every run saves "all" first
    return table.drop(columns="kpis")


def newest_run(store: SnapshotStore) -> pd.Timestamp | None:
    """When the job last saved a run in ``store`` (UTC), or None when it never did."""
    with store.transaction() as db:
        row = (
            None
            if db is None
            else db.execute(
                "SELECT MAX(created_at) FROM monitor_runs JOIN snapshots ON snapshots.id = snapshot_id"
            ).fetchone()
        )
    if row is None or row[0] is None:
        return None
    stamp = pd.to_datetime(row[0], utc=True, format="ISO8601", errors="coerce")
    return None if pd.isna(stamp) else stamp


def _values(text: object) -> dict[str, float]:
    try:
        data = json.loads(str(text))
    except ValueError:
        return {}
    found = {}
    for key, entry in data.items() if isinstance(data, dict) else ():
        value = entry.get("value") if isinstance(entry, dict) else None
        if isinstance(value, (int, float)):
            found[key] = float(value)
    return found


def _targets(text: object) -> list[Target]:
    targets = []
    for entry in _list(text):
        try:
            targets.append(Target(str(entry["kpi"]), str(entry["op"]), float(entry["value"]), str(entry["text"])))
        except (KeyError, TypeError, ValueError):
            continue
    return [t for t in targets if t.kpi in KPIS]


def _list(text: object) -> list:
    try:
        data = json.loads(str(text))
    except ValueError:
        return []
    return data if isinstance(data, list) else []
