"""How many HTTP calls and how long a pull takes from a simulated org, served by the replay server
(tests/sf_replay.py): a full pull through Bulk API 2.0, the same through REST (2,000 records a call), and an
incremental refresh after a day's changes. Run with ``nice -n 10 python tests/measure_extract.py [ORDERS]``.

Times are this machine's transport and parsing only: a real org adds its own query and job processing time
(Bulk jobs wait in a queue), so the call counts are the figures to carry over, the times a lower bound.
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from o2c.ingest.salesforce.bulk import BulkOptions
from o2c.ingest.salesforce.dataset import refresh_dataset
from o2c.ingest.salesforce.extract import extract_exports
from tests.sf_replay import REST_PAGE, Org, ReplayServer, generated_org

FAST_POLL = BulkOptions(poll_seconds=0.05)


def timed(org: Org, run) -> tuple[float, dict[str, int]]:
    org.calls.clear()
    began = time.perf_counter()
    run()
    return time.perf_counter() - began, dict(org.calls)


def main(orders: int, rest_orders: int, changed: int) -> None:
    """Full Bulk pull of ``orders``, a REST pull of ``rest_orders`` (scaled up), an incremental refresh after
    ``changed`` orders got a new history row."""
    began = time.perf_counter()
    tables = generated_org(orders, start="2023-01-01", minutes_apart=24 * 60 * 730 / orders)
    org = Org(tables)
    records = len(tables["Order"]) + len(tables["OrderHistory"])
    print(
        f"org: {orders:,} orders, {len(tables['OrderHistory']):,} history rows "
        f"(built in {time.perf_counter() - began:.0f} s)"
    )
    with ReplayServer(org) as server, tempfile.TemporaryDirectory() as folder:
        sf = server.client()
        seconds, calls = timed(org, lambda: refresh_dataset(sf, Path(folder), bulk=FAST_POLL))
        print(
            f"full pull into a dataset (Bulk above 50,000 records): {sum(calls.values()):,} calls {calls}, "
            f"{seconds:.0f} s"
        )
        rest_calls_full = sum(math.ceil(len(t) / REST_PAGE) or 1 for t in tables.values())
        print(f"REST for the same org: {rest_calls_full:,} query calls (2,000 records a call)")

        history, order = org.tables["OrderHistory"], org.tables["Order"]
        late = order.tail(changed)
        stamp = "2025-01-02T08:00:00.000Z"
        org.tables["OrderHistory"] = pd.concat(
            [
                history,
                pd.DataFrame(
                    {
                        "Id": [f"017N{i:014d}" for i in range(changed)],
                        "OrderId": late["Id"].to_numpy(),
                        "Field": "Status",
                        "OldValue": "Paid",
                        "NewValue": "Invoiced",
                        "CreatedDate": stamp,
                    }
                ),
            ],
            ignore_index=True,
        )
        org.tables["Order"] = order.assign(
            SystemModstamp=order["SystemModstamp"].where(~order.index.isin(late.index), stamp)
        )
        seconds, calls = timed(org, lambda: refresh_dataset(sf, Path(folder), bulk=FAST_POLL))
        print(
            f"incremental refresh, {changed:,} orders changed: {sum(calls.values()):,} calls {calls}, {seconds:.1f} s"
        )

    small = Org(generated_org(rest_orders, start="2023-01-01", minutes_apart=24 * 60 * 730 / rest_orders))
    with ReplayServer(small) as server:
        sf = server.client()
        seconds, calls = timed(small, lambda: extract_exports(sf, bulk=BulkOptions(mode="never")))
        factor = orders / rest_orders
        print(
            f"REST pull of {rest_orders:,} orders: {sum(calls.values()):,} calls, {seconds:.1f} s; "
            f"scaled to {orders:,} orders: about {seconds * factor:.0f} s"
        )
        seconds, calls = timed(small, lambda: extract_exports(sf, bulk=BulkOptions(mode="always", poll_seconds=0.05)))
        print(f"Bulk pull of {rest_orders:,} orders: {sum(calls.values()):,} calls {calls}, {seconds:.1f} s")
    print(f"records in the org: {records:,}; total measurement {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000, 50_000, 10_000)
