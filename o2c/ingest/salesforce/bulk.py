"""Bulk API 2.0 queries through simple-salesforce's ``sf.bulk2``: one query job per object, polled until done,
its CSV result pages (``Sforce-Locator``) read into one frame of text.

REST reads 2,000 records per call; a Bulk 2.0 job reads up to ``page_size`` (default 50,000) per results call
plus a few calls to create and poll the job, so it pays off above a few tens of thousands of records. Which path
an object takes is decided by ``use_bulk``: its record count (a ``SELECT COUNT()`` first) against the threshold.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from o2c.errors import ExtractError

BulkMode = Literal["auto", "always", "never"]
# The objects that grow with the org's history; the others (accounts, users, opportunities) stay on REST.
BULK_OBJECTS = frozenset(
    {
        "Order",
        "OrderHistory",
        "OrderItem",
        "Task",
        "blng__Invoice__c",
        "blng__Payment__c",
        "Invoice",
        "Payment",
        "PaymentLineInvoice",
    }
)


@dataclass(frozen=True)
class BulkOptions:
    """When to use Bulk API 2.0: ``mode`` "auto" (objects in ``BULK_OBJECTS`` with more than ``threshold``
    records), "always" (every object in ``BULK_OBJECTS``) or "never"; ``poll_seconds`` the first wait before
    asking for the job's state; ``page_size`` the records per results call (Salesforce's ``maxRecords``)."""

    mode: BulkMode = "auto"
    threshold: int = 50_000
    poll_seconds: float = 1.0
    page_size: int = 50_000


def needs_count(name: str, options: BulkOptions) -> bool:
    """Whether the choice between REST and Bulk for object ``name`` needs its record count first."""
    return options.mode == "auto" and name in BULK_OBJECTS


def use_bulk(name: str, count: int | None, options: BulkOptions) -> bool:
    """Whether object ``name`` with ``count`` matching records (None: not counted) is read with Bulk API 2.0."""
    if name not in BULK_OBJECTS or options.mode == "never":
        return False
    return options.mode == "always" or (count is not None and count > options.threshold)


def count_records(sf, soql_text: str) -> int:
    """The number of records a query matches: its ``SELECT ... FROM`` turned into ``SELECT COUNT() FROM``."""
    head, _, tail = soql_text.partition(" FROM ")
    return int(sf.query(f"SELECT COUNT() FROM {tail}")["totalSize"])


def bulk_frame(
    sf, name: str, soql_text: str, options: BulkOptions, include_deleted: bool, tick: Callable[[int], object]
) -> pd.DataFrame:
    """Every record of a Bulk API 2.0 query job as text columns (empty values as NaN), calling ``tick`` with the
    records read so far after each results page. A job that ends Failed or Aborted raises ``ExtractError``."""
    from simple_salesforce.exceptions import SalesforceOperationError  # noqa: PLC0415 - only extraction needs it

    handler = getattr(sf.bulk2, name)
    run = handler.query_all if include_deleted else handler.query
    frames: list[pd.DataFrame] = []
    read = 0
    try:
        for page in run(soql_text, max_records=options.page_size, wait=options.poll_seconds):
            if not page.strip():
                continue
            frame = pd.read_csv(io.StringIO(page), dtype=str, keep_default_na=False, na_values=[""])
            frames.append(frame)
            read += len(frame)
            tick(read)
    except SalesforceOperationError as error:
        raise ExtractError("refresh.bulk_failed", object=name, error=_job_error(error)) from error
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def _job_error(error: Exception) -> str:
    text = str(error)
    return text.split("Response content: ", 1)[-1][:300]
