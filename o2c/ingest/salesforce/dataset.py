"""A dataset folder kept up to date by incremental refreshes: each object's records as Parquet, partitioned by the
month its order was created, plus ``state.json`` with a watermark per object and the list of live files.

A refresh pulls what changed after each object's watermark (``SystemModstamp``, or ``CreatedDate`` for
history rows), upserts it by ``Id`` into the partitions of the months it belongs to, and rewrites each touched
partition whole into a new file. Only then is ``state.json`` replaced (one atomic rename) with the new file list
and the new watermarks. A run that stops half way leaves the previous state in charge: its new files are not
listed, are never read and are removed by the next run, which pulls the same changes again. So a rerun neither
duplicates nor loses a record.

A record belongs to the month its order was created: an order by its ``CreatedDate``, history rows, items and
invoices by their order, tasks by the order or invoice they are about, payments by their invoice; records that
name no known order (accounts, users, opportunities, standalone payments) live in the ``other`` partition.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from o2c.errors import ExtractError
from o2c.ingest.salesforce.bulk import BulkOptions
from o2c.ingest.salesforce.extract import QUERIES, ExtractResult, Progress, extract_exports

STATE_FILE = "state.json"
STATE_VERSION = 1
OTHER = "other"
# Where a record finds its order (or invoice): object -> link columns, tried in order.
LINKS: dict[str, tuple[str, ...]] = {
    "OrderHistory": ("OrderId",),
    "OrderItem": ("OrderId",),
    "Task": ("WhatId",),
    "blng__Invoice__c": ("blng__Order__c",),
    "Invoice": ("ReferenceEntityId",),
    "blng__Payment__c": ("blng__Invoice__c",),
    "PaymentLineInvoice": ("InvoiceId",),
}
OWNERS = ("Order", "blng__Invoice__c", "Invoice")  # the records other records are filed under
CHANGED = {q.name: q.changed_field for q in QUERIES}


@dataclass
class DatasetState:
    """What ``state.json`` holds: watermarks (object -> ISO time in UTC), live files (object -> month -> path
    relative to the folder), when the data was last refreshed, and the number of runs."""

    watermarks: dict[str, str] = field(default_factory=dict)
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    refreshed_at: str | None = None
    runs: int = 0


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh did: records pulled per object, partitions rewritten, the extraction's notes."""

    pulled: dict[str, int]
    partitions: int
    problems: list[str]
    methods: dict[str, str]


def read_state(folder: Path) -> DatasetState:
    """The dataset's state; an empty state for a folder without ``state.json``."""
    path = folder / STATE_FILE
    if not path.is_file():
        return DatasetState()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return DatasetState(
            watermarks=dict(data["watermarks"]),
            files={name: dict(months) for name, months in data["files"].items()},
            refreshed_at=data.get("refreshed_at"),
            runs=int(data.get("runs", 0)),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ExtractError("refresh.state_unreadable", path=path, error=error) from error


def is_dataset(path: Path) -> bool:
    """Whether ``path`` is a dataset folder (it holds ``state.json``)."""
    return path.is_dir() and (path / STATE_FILE).is_file()


def refresh_dataset(
    sf,
    folder: Path,
    bulk: BulkOptions | None = None,
    progress: Progress | None = None,
    on_partition: Callable[[str, str], object] | None = None,
) -> RefreshResult:
    """Pull what changed since the last run into ``folder`` (everything on the first run) and commit it with new
    watermarks; ``on_partition(object, month)`` is called after each partition file is written."""
    folder.mkdir(parents=True, exist_ok=True)
    state = read_state(folder)
    watermarks = {name: pd.Timestamp(moment).to_pydatetime() for name, moment in state.watermarks.items()}
    result = extract_exports(sf, progress=progress, bulk=bulk, watermarks=watermarks)
    frames = _frames(result)
    owners = _owner_months(folder, state, frames)
    run = state.runs + 1
    files = {name: dict(months) for name, months in state.files.items()}
    written = 0
    for name, frame in frames.items():
        months = _months(name, frame, owners)
        touched = set(months.unique()) | ({OTHER} if OTHER in files.get(name, {}) else set())
        for month in sorted(touched):
            old = _read(folder, files.get(name, {}).get(month))
            new = frame[(months == month).to_numpy()]
            # records filed under "other" before their order was known move to their month
            new_ids = frame["Id"] if month == OTHER else new["Id"]
            kept = old[~old["Id"].isin(new_ids)] if len(old) else old
            merged = pd.concat([kept, new], ignore_index=True) if len(kept) else new.reset_index(drop=True)
            files.setdefault(name, {})[month] = _write(folder, name, month, run, merged)
            written += 1
            if on_partition:
                on_partition(name, month)
    new_state = DatasetState(
        watermarks=state.watermarks | _watermarks(frames),
        files={name: {m: p for m, p in months.items() if p} for name, months in files.items()},
        refreshed_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        runs=run,
    )
    _commit(folder, new_state)
    _remove_unlisted(folder, new_state)
    pulled = {name: len(frame) for name, frame in frames.items()}
    return RefreshResult(pulled, written, result.problems, result.methods)


def load_dataset(folder: Path) -> dict[str, bytes]:
    """The dataset's records as one CSV per object (name -> bytes), as ``convert_exports`` reads exports."""
    state = read_state(folder)
    files = {}
    for name, months in state.files.items():
        parts = [_read(folder, path) for path in months.values()]
        frame = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
        if frame is not None:
            buffer = io.StringIO()
            frame.sort_values("Id", kind="stable").to_csv(buffer, index=False, lineterminator="\n")
            files[f"{name}.csv"] = buffer.getvalue().encode()
    return files


def dataset_log_bytes(folder: Path) -> bytes:
    """The dataset as one Parquet event table with the orders' attributes on each row, for ``load_event_log``."""
    from o2c.ingest.salesforce.convert import convert_exports  # noqa: PLC0415 - the converter only when loading

    converted = convert_exports(load_dataset(folder))
    if converted.events.empty:
        raise ExtractError("refresh.dataset_empty", path=folder)
    orders = converted.orders.drop(columns=[c for c in converted.orders.columns if c in converted.events.columns[1:]])
    table = converted.events.merge(orders, on="case_id", how="left")
    buffer = io.BytesIO()
    table.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _frames(result: ExtractResult) -> dict[str, pd.DataFrame]:
    frames = {}
    for name, data in result.files.items():
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""])
        if "Id" in frame.columns and len(frame):
            frames[name.removesuffix(".csv")] = frame.drop_duplicates("Id", keep="last")
    return frames


def _owner_months(folder: Path, state: DatasetState, frames: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """Id -> month for every order and invoice, those stored and those just pulled."""
    owners: dict[str, str] = {}
    for name in OWNERS:
        for month, path in state.files.get(name, {}).items():
            if month != OTHER:
                owners.update(dict.fromkeys(_read(folder, path, ["Id"])["Id"], month))
    if "Order" in frames:
        order = frames["Order"]
        owners.update(zip(order["Id"], _month_of(order["CreatedDate"])))
    for name in OWNERS[1:]:
        if name in frames:
            owners.update(zip(frames[name]["Id"], _months(name, frames[name], owners)))
    return owners


def _months(name: str, frame: pd.DataFrame, owners: Mapping[str, str]) -> pd.Series:
    if name == "Order":
        return pd.Series(_month_of(frame["CreatedDate"]), index=frame.index)
    months = pd.Series(OTHER, index=frame.index, dtype=object)
    for column in LINKS.get(name, ()):
        if column in frame.columns:
            found = frame[column].map(owners)
            months = months.where(found.isna(), found)
    return months


def _month_of(values: pd.Series) -> list[str]:
    stamps = pd.to_datetime(values, utc=True, format="ISO8601", errors="coerce")
    return [OTHER if pd.isna(s) else f"{s:%Y-%m}" for s in stamps]


def _watermarks(frames: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    marks = {}
    for name, frame in frames.items():
        column = CHANGED.get(name)
        if column and column in frame.columns:
            latest = pd.to_datetime(frame[column], utc=True, format="ISO8601", errors="coerce").max()
            if pd.notna(latest):
                marks[name] = latest.isoformat()
    return marks


def _read(folder: Path, path: str | None, columns: list[str] | None = None) -> pd.DataFrame:
    if not path:
        return pd.DataFrame({"Id": pd.Series(dtype=object)})
    return pd.read_parquet(folder / path, columns=columns)


def _write(folder: Path, name: str, month: str, run: int, frame: pd.DataFrame) -> str:
    """Write one partition file (a temporary name first, renamed when complete); its path in the folder."""
    relative = Path(name) / f"month={month}" / f"part-{run:06d}.parquet"
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    frame.astype(object).where(frame.notna(), None).to_parquet(temporary, index=False)
    os.replace(temporary, target)
    return relative.as_posix()


def _commit(folder: Path, state: DatasetState) -> None:
    temporary = folder / (STATE_FILE + ".tmp")
    data = {
        "version": STATE_VERSION,
        "watermarks": state.watermarks,
        "files": state.files,
        "refreshed_at": state.refreshed_at,
        "runs": state.runs,
    }
    with temporary.open("w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, sort_keys=True)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, folder / STATE_FILE)


def _remove_unlisted(folder: Path, state: DatasetState) -> None:
    """Delete partition files no committed state lists (replaced ones, or left by a run that failed)."""
    listed = {folder / path for months in state.files.values() for path in months.values()}
    for path in list(folder.glob("*/month=*/*")):
        if path.suffix in (".parquet", ".tmp") and path not in listed:
            path.unlink(missing_ok=True)
