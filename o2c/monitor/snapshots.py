"""KPI snapshots: the KPIs of a selection of orders saved under a label, kept in one SQLite file in the user's data
directory so this month's figures can be compared with last month's after the app has restarted.

Nothing touches the disk until a snapshot is saved: listing, reading or deleting in a store whose file does not
exist yet reads as an empty store. The schema carries its version in ``PRAGMA user_version``; ``MIGRATIONS``
brings an older file up to date, inside the same transaction as the first write.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from o2c.errors import SnapshotStoreError
from o2c.i18n import Language
from o2c.improve.settings import Settings
from o2c.log.eventlog import LogView
from o2c.log.filters import Filters
from o2c.log.periods import Period
from o2c.log.stack import loaded_orders
from o2c.monitor.kpis import KPIS, kpi_dict, kpi_trend
from o2c.monitor.monitoring import kpi_changes

APP_DIR = "o2c-explorer"
FILE_NAME = "snapshots.sqlite3"
DATA_ENV = "O2C_EXPLORER_DATA"
WORKSPACE_DIR = "workspaces"
WORKSPACE_SUFFIX = ".sqlite3"
MAX_WORKSPACE_NAME = 64
MAX_LABEL = 200
SESSION_PREFIX = "session-"
"""Workspaces named so belong to one browser session; the page does not list them."""
SCHEMA_VERSION = 2
# MIGRATIONS[v]: the statements that take a file from schema version v to v + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,          -- ISO 8601 in UTC
            source_name TEXT NOT NULL,
            filter_description TEXT NOT NULL,
            first_event TEXT,                  -- ISO 8601 in UTC, NULL without orders
            last_event TEXT,
            orders INTEGER NOT NULL,
            currency TEXT NOT NULL,
            settings TEXT NOT NULL,            -- which rules, systems and costs the KPIs used, in words
            kpis TEXT NOT NULL,                -- JSON {key: {value, unit, judged_orders, missing}}
            trend TEXT                         -- JSON {period, rows: [{period, key: value ...}]} or NULL
        )""",
        "CREATE INDEX snapshots_created ON snapshots (created_at)",
    ),
    (  # the scheduled monitor job's runs (o2c.monitor.runs): which segment a snapshot is, its targets and breaches
        """CREATE TABLE monitor_runs (
            snapshot_id INTEGER PRIMARY KEY,   -- snapshots.id (AUTOINCREMENT: never reused)
            segment TEXT NOT NULL,             -- "all" or an attribute filter such as "sales_channel=Online"
            targets TEXT NOT NULL,             -- JSON [{kpi, op, value, text}]
            breaches TEXT NOT NULL             -- JSON [kpi ...] of the targets that did not hold
        )""",
    ),
)
assert len(MIGRATIONS) == SCHEMA_VERSION
LIST_COLUMNS = ["id", "label", "created_at", "source_name", "filter_description", "first_event", "last_event", "orders"]


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The KPIs of one selection of orders at one moment.

    ``kpis`` is ``o2c.monitor.kpis.kpi_dict`` (key -> ``value`` or None, ``unit``, ``judged_orders``, ``missing``);
    ``trend`` is the KPIs per ``trend_period`` (``kpi_trend``), optional. ``first_event`` / ``last_event`` span
    the selected orders. ``id`` is set once the snapshot is stored.
    """

    label: str
    created_at: dt.datetime
    source_name: str
    filter_description: str
    first_event: dt.datetime | None
    last_event: dt.datetime | None
    orders: int
    kpis: Mapping[str, Mapping[str, object]]
    currency: str = "EUR"
    settings: str = ""
    trend: pd.DataFrame | None = None
    trend_period: Period | None = None
    id: int | None = field(default=None)

    def value(self, key: str) -> float | None:
        """The value of KPI ``key`` (None when missing, not judged or not a number)."""
        entry = self.kpis.get(key)
        value = entry.get("value") if isinstance(entry, Mapping) else None
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return None if math.isnan(number) else number

    def missing(self, key: str) -> str | None:
        """Why KPI ``key`` has no value ("needs invoice_due_date"), None when it has one or no reason is stored."""
        entry = self.kpis.get(key)
        reason = entry.get("missing") if isinstance(entry, Mapping) else None
        return reason if isinstance(reason, str) and reason else None

    def values(self) -> dict[str, float | None]:
        """Every KPI value, key -> value."""
        return {key: self.value(key) for key in self.kpis}


def data_dir(environ: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None) -> Path:
    """The operator's data directory: ``$O2C_EXPLORER_DATA`` when that variable is set, else the user's data
    directory: ``%APPDATA%`` on Windows, ``~/Library/Application Support`` on macOS, ``$XDG_DATA_HOME`` (default
    ``~/.local/share``) elsewhere, each with an ``o2c-explorer`` folder."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    if environ.get(DATA_ENV):
        return Path(environ[DATA_ENV]).expanduser()
    if platform.startswith("win"):
        base = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_DIR


def default_store_path(
    environ: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None
) -> Path:
    """The command line's snapshot file when no ``--store`` or ``--workspace`` is given:
    ``snapshots.sqlite3`` in ``data_dir``."""
    return data_dir(environ, platform, home) / FILE_NAME


def workspace_name(text: str) -> str:
    """A workspace name made safe as a file name: letters (any script), digits, ``-`` and ``_``; other characters
    become ``-``, at most 64 characters. ValueError when nothing is left. It can never name a path outside the
    workspace folder (no dots, no separators).

    >>> workspace_name(" ../Finance team/ 2024 ")
    'finance-team-2024'
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    name = re.sub(r"[^\w-]+", "-", text, flags=re.UNICODE).strip("-_")[:MAX_WORKSPACE_NAME].strip("-_")
    if not name:
        raise ValueError(f"not a workspace name: {text!r}")
    return name


def workspace_path(name: str, base: Path | None = None) -> Path:
    """The snapshot file of workspace ``name`` (sanitised by ``workspace_name``) in ``base`` (default
    ``data_dir()``): ``workspaces/<name>.sqlite3``."""
    folder = (base if base is not None else data_dir()) / WORKSPACE_DIR
    path = folder / (workspace_name(name) + WORKSPACE_SUFFIX)
    if path.resolve().parent != folder.resolve():  # belt and braces: a name is one file in that folder
        raise ValueError(f"not a workspace name: {name!r}")
    return path


def list_workspaces(base: Path | None = None) -> list[str]:
    """The workspaces that hold a snapshot file in ``base`` (default ``data_dir()``), sorted by name."""
    folder = (base if base is not None else data_dir()) / WORKSPACE_DIR
    try:
        files = [p for p in folder.iterdir() if p.suffix == WORKSPACE_SUFFIX and p.is_file()]
    except OSError:
        return []
    names = []
    for file in files:
        try:
            if workspace_name(file.stem) == file.stem:  # only files this app named
                names.append(file.stem)
        except ValueError:
            continue
    return sorted(names)


def snapshot_from_view(
    view: LogView,
    settings: Settings = Settings(),
    label: str = "",
    source_name: str = "",
    lang: Language = "en",
    filters: Filters = Filters(),
    *,
    trend_period: Period | None = "month",
    settings_note: str = "",
) -> Snapshot:
    """A snapshot of the selected orders' KPIs now (not stored: pass it to ``SnapshotStore.save``).

    ``filters`` describe the selection in words (in ``lang``); ``trend_period`` None leaves the trend out."""
    codes = view.case_codes
    log = view.log
    first = _from_ns(int(log.case_start_ns[codes].min())) if codes.size else None
    last = _from_ns(int(log.case_end_ns[codes].max())) if codes.size else None
    currency = getattr(settings.costs, "currency", None) or _default_currency(view)
    return Snapshot(
        label=label.strip() or f"{dt.date.today():%Y-%m-%d}",
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        source_name=source_name,
        filter_description=filters.describe(view.n_cases, loaded_orders(log), lang),
        first_event=first,
        last_event=last,
        orders=int(view.n_cases),
        kpis=kpi_dict(view, settings),
        currency=currency,
        settings=settings_note,
        trend=kpi_trend(view, settings, trend_period) if trend_period else None,
        trend_period=trend_period,
    )


def compare_snapshots(a: Snapshot, b: Snapshot) -> pd.DataFrame:
    """Each KPI of two snapshots, ``a`` the baseline and ``b`` the later one: ``key``, ``unit``, ``a``, ``b``,
    ``delta`` (b - a), ``pct_change``, ``better`` (the KPI's good direction), ``verdict`` ("better", "worse",
    "same" or None) and ``missing_a`` / ``missing_b`` (why a value is missing)."""
    changes = kpi_changes(a.values(), b.values()).rename(columns={"baseline": "a", "latest": "b"})
    changes.insert(1, "unit", [KPIS[key].unit for key in changes["key"]])
    # object columns: pandas 3 would store an all-None list as NaN, which is not text
    changes["missing_a"] = pd.Series([a.missing(key) for key in changes["key"]], index=changes.index, dtype=object)
    changes["missing_b"] = pd.Series([b.missing(key) for key in changes["key"]], index=changes.index, dtype=object)
    return changes


class SnapshotStore:
    """Snapshots in one SQLite file (created with its folder by the first ``save``). Every call opens its own
    connection, so one store serves every session of the app."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path).expanduser() if path else default_store_path()

    def save(self, snapshot: Snapshot) -> int:
        """Store ``snapshot``; returns its id. Labels are unique in a store: a label already taken gets a number,
        "November (2)" (read the stored label back with ``get``)."""
        row = _to_row(snapshot)
        with self._transaction(create=True) as db:
            if db is None:  # create=True always opens (and creates) the file
                raise SnapshotStoreError(f"{self.path} could not be opened")
            taken = {label for (label,) in db.execute("SELECT label FROM snapshots")}
            row["label"] = unique_label(snapshot.label, taken)
            cursor = db.execute(
                f"INSERT INTO snapshots ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
            )
            if cursor.lastrowid is None:  # an INSERT always sets it
                raise SnapshotStoreError(f"{self.path}: the snapshot was not stored")
            return int(cursor.lastrowid)

    def list(self) -> pd.DataFrame:
        """The stored snapshots, newest first: ``id``, ``label``, ``created_at``, ``source_name``,
        ``filter_description``, ``first_event``, ``last_event`` (UTC datetimes) and ``orders``."""
        with self._transaction() as db:
            rows = (
                []
                if db is None
                else db.execute(
                    f"SELECT {', '.join(LIST_COLUMNS)} FROM snapshots ORDER BY created_at DESC, id DESC"
                ).fetchall()
            )
        table = pd.DataFrame(rows, columns=LIST_COLUMNS, dtype=object)
        for column in ("created_at", "first_event", "last_event"):  # a value that is not a date reads as none
            table[column] = pd.to_datetime(table[column], utc=True, format="ISO8601", errors="coerce")
        for column in ("label", "source_name", "filter_description"):
            table[column] = pd.Series([_text(v) for v in table[column]], index=table.index, dtype=object)
        table["orders"] = pd.to_numeric(table["orders"], errors="coerce").fillna(0)
        return table.astype({"id": "int64", "orders": "int64"})

    def get(self, snapshot_id: int) -> Snapshot:
        """The snapshot with this id; KeyError when there is none."""
        with self._transaction() as db:
            cursor = None if db is None else db.execute("SELECT * FROM snapshots WHERE id = ?", (int(snapshot_id),))
            row = None if cursor is None else cursor.fetchone()
            names = [] if cursor is None else [c[0] for c in cursor.description]
        if row is None:
            raise KeyError(snapshot_id)
        return _from_row(dict(zip(names, row)))

    def delete(self, snapshot_id: int) -> bool:
        """Remove the snapshot with this id; False when there was none."""
        with self._transaction() as db:
            return db is not None and db.execute("DELETE FROM snapshots WHERE id = ?", (int(snapshot_id),)).rowcount > 0

    def schema_version(self) -> int:
        """The file's schema version (0 while the file does not exist)."""
        if not self.path.exists():
            return 0
        with closing(sqlite3.connect(self.path)) as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    def transaction(self, create: bool = False) -> AbstractContextManager[sqlite3.Connection | None]:
        """One transaction on the store's file with its schema up to date (None when the file does not exist and
        ``create`` is False), for the tables other modules keep in it (``o2c.monitor.runs``)."""
        return self._transaction(create)

    @contextmanager
    def _transaction(self, create: bool = False) -> Iterator[sqlite3.Connection | None]:
        """A connection inside one transaction (committed on success, rolled back on error), with the schema
        brought up to date; None when the file does not exist and ``create`` is False."""
        if not create and not self.path.exists():
            yield None
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=10, isolation_level=None)) as db:
            try:
                db.execute("BEGIN IMMEDIATE")  # take the write lock now: two sessions may save at once
            except sqlite3.DatabaseError as error:
                raise SnapshotStoreError(f"{self.path} is not a snapshot store: {error}") from error
            try:
                _migrate(db, self.path)
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")


def unique_label(label: str, taken: set[str] | frozenset[str]) -> str:
    """``label`` (trimmed, at most 200 characters), or with the first free number, "label (2)", when taken."""
    label = " ".join(str(label).split())[:MAX_LABEL] or "snapshot"
    candidate, number = label, 2
    while candidate in taken:
        candidate, number = f"{label} ({number})", number + 1
    return candidate


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise SnapshotStoreError(f"{path} was written by a newer version of O2C Explorer (schema {version}).")
    for step in range(version, SCHEMA_VERSION):
        for statement in MIGRATIONS[step]:
            db.execute(statement)
    if version < SCHEMA_VERSION:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _to_row(snapshot: Snapshot) -> dict[str, object]:
    return {
        "label": snapshot.label,
        "created_at": _iso(snapshot.created_at),
        "source_name": snapshot.source_name,
        "filter_description": snapshot.filter_description,
        "first_event": _iso(snapshot.first_event),
        "last_event": _iso(snapshot.last_event),
        "orders": int(snapshot.orders),
        "currency": snapshot.currency,
        "settings": snapshot.settings,
        "kpis": json.dumps(_plain(snapshot.kpis), ensure_ascii=False),
        "trend": _trend_json(snapshot.trend, snapshot.trend_period),
    }


def _from_row(row: dict[str, Any]) -> Snapshot:
    """A stored row (SQLite values of any type) as a snapshot, whatever wrote it: KPIs that are not in the
    catalogue, not numbers or missing altogether read as missing values; a trend that cannot be read is left out."""
    try:
        trend, period = _trend_from_json(row.get("trend"))
    except (ValueError, TypeError, KeyError):
        trend, period = None, None
    try:
        kpis = json.loads(str(row.get("kpis") or "{}"))
    except ValueError:
        kpis = {}
    kpis = {str(k): v for k, v in kpis.items() if isinstance(v, Mapping)} if isinstance(kpis, Mapping) else {}
    try:
        orders = int(row.get("orders") or 0)
    except (TypeError, ValueError):
        orders = 0
    return Snapshot(
        label=_text(row.get("label")),
        created_at=_parse(row.get("created_at")) or _EPOCH,
        source_name=_text(row.get("source_name")),
        filter_description=_text(row.get("filter_description")),
        first_event=_parse(row.get("first_event")),
        last_event=_parse(row.get("last_event")),
        orders=orders,
        kpis=kpis,
        currency=_text(row.get("currency")) or "EUR",
        settings=_text(row.get("settings")),
        trend=trend,
        trend_period=period,
        id=int(row["id"]),
    )


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _trend_json(trend: pd.DataFrame | None, period: Period | None) -> str | None:
    if trend is None:
        return None
    frame = trend[["period", *(key for key in trend.columns if key in KPIS)]]
    records = frame.assign(period=pd.to_datetime(frame["period"]).dt.strftime("%Y-%m-%d")).to_dict("records")
    return json.dumps({"period": period, "rows": [_plain(record) for record in records]})


def _trend_from_json(text: object) -> tuple[pd.DataFrame | None, Period | None]:
    if text is None:
        return None, None
    data = json.loads(str(text))
    table = pd.DataFrame(data["rows"])
    if table.empty:
        table = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]")})
    table["period"] = pd.to_datetime(table["period"]).astype("datetime64[ns]")
    return table.astype({c: float for c in table.columns if c != "period"}), data["period"]


def _plain(value: object) -> object:
    """JSON-safe: numpy numbers as Python numbers, NaN as null."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (np.integer, np.floating)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _from_ns(ns: int) -> dt.datetime:
    return pd.Timestamp(ns, tz="UTC").to_pydatetime()


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else pd.Timestamp(moment).tz_convert("UTC").isoformat()


def _parse(text: object) -> dt.datetime | None:
    if text is None:
        return None
    try:
        stamp = pd.Timestamp(str(text))
    except (ValueError, TypeError):
        return None
    if stamp is pd.NaT:
        return None
    return (stamp.tz_convert("UTC") if stamp.tzinfo else stamp.tz_localize("UTC")).to_pydatetime()


def _default_currency(view: LogView) -> str:
    from o2c.improve.cost import default_cost_table  # noqa: PLC0415 - as o2c.monitor.kpis does

    return default_cost_table(view.log).currency
