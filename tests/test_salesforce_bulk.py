"""Bulk API 2.0 extraction with the real simple-salesforce client against the local replay server (tests/sf_replay.py):
query jobs created, polled from InProgress to JobComplete, CSV results followed by ``Sforce-Locator``."""

from __future__ import annotations

import pandas as pd
import pytest

from o2c.errors import ExtractError
from o2c.ingest.salesforce.bulk import BulkOptions, use_bulk
from o2c.ingest.salesforce.convert import convert_exports
from o2c.ingest.salesforce.extract import extract_exports
from tests.sf_replay import Org, ReplayServer, generated_org

FAST = {"poll_seconds": 0.01, "page_size": 4}


@pytest.fixture()
def org():
    org = Org(generated_org(5))
    with ReplayServer(org) as server:
        org.server = server
        yield org


def test_auto_uses_bulk_above_the_threshold_and_follows_locators(org) -> None:
    ticks = []
    result = extract_exports(
        org.server.client(),
        bulk=BulkOptions(threshold=10, **FAST),
        progress=lambda name, n, done, total: ticks.append((name, n)),
    )
    assert result.methods["OrderHistory"] == "bulk" and result.methods["Order"] == "rest"  # 20 > 10 >= 5
    assert result.counts["OrderHistory"] == 20 and result.counts["Order"] == 5
    assert org.calls["bulk_create"] == 1  # OrderHistory only (the optional objects' COUNT() said: not in this org)
    assert org.calls["bulk_poll"] == 2  # InProgress, then JobComplete
    assert org.calls["bulk_results"] == 5  # 20 records, 4 a page: four locators, the last one "null"
    assert [n for name, n in ticks if name == "OrderHistory"][:5] == [4, 8, 12, 16, 20]
    counted = [q for q in org.queries if q.startswith("SELECT COUNT() FROM")]
    assert {q.split()[3] for q in counted} == {
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


def test_bulk_and_rest_give_the_same_events(org) -> None:
    sf = org.server.client()
    bulk = extract_exports(sf, bulk=BulkOptions(mode="always", **FAST))
    rest = extract_exports(sf, bulk=BulkOptions(mode="never"))
    assert set(bulk.methods.values()) == {"bulk", "rest"} and set(rest.methods.values()) == {"rest"}
    events = [
        convert_exports(r.files).events.sort_values(["case_id", "timestamp"], ignore_index=True) for r in (bulk, rest)
    ]
    assert len(events[0]) == 5 * 5  # created + four status changes per order
    pd.testing.assert_frame_equal(events[0], events[1])


def test_a_failed_job_is_a_clear_error(org) -> None:
    org.fail_objects.add("OrderHistory")
    with pytest.raises(ExtractError) as raised:
        extract_exports(org.server.client(), bulk=BulkOptions(mode="always", **FAST))
    assert raised.value.message == (
        "The Bulk API 2.0 query job for OrderHistory failed: "
        "QUERY_TIMEOUT: Your query request was running for too long."
    )
    assert "--no-bulk" in raised.value.fix


def test_watermarks_select_only_later_changes(org) -> None:
    result = extract_exports(
        org.server.client(),
        bulk=BulkOptions(mode="always", **FAST),
        watermarks={"OrderHistory": pd.Timestamp("2024-01-01T20:00:00Z").to_pydatetime()},
    )
    job = next(q for q in org.queries if "FROM OrderHistory" in q and "COUNT" not in q)
    assert job.endswith("WHERE CreatedDate > 2024-01-01T20:00:00Z")
    # order i changes 7, 14, 21 and 28 hours after its creation at 00:00 + 30 min * i: the last two are later
    assert result.counts["OrderHistory"] == 5 * 2


def test_choice_of_path() -> None:
    assert use_bulk("Order", 50_001, BulkOptions()) and not use_bulk("Order", 50_000, BulkOptions())
    assert not use_bulk("Account", 10**6, BulkOptions(mode="always"))
    assert not use_bulk("Order", 10**6, BulkOptions(mode="never"))
