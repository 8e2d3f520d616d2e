"""Incremental refresh of a dataset folder against the local replay server: only changes are pulled, a run that
fails half way is safe to rerun, and the folder always equals a full pull."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from o2c.ingest.load import load_event_log
from o2c.ingest.salesforce.bulk import BulkOptions
from o2c.ingest.salesforce.dataset import dataset_log_bytes, load_dataset, read_state, refresh_dataset
from tests.sf_replay import Org, ReplayServer, generated_org

BULK = BulkOptions(mode="always", poll_seconds=0.01, page_size=3)


@pytest.fixture()
def org():
    org = Org(generated_org(6, start="2024-01-31T22:00:00Z", minutes_apart=60))  # orders in January and February
    with ReplayServer(org) as server:
        org.server = server
        yield org


def change(org: Org) -> None:
    """Order 1 gets a correction (a new history row, its SystemModstamp moves on); a new order 6 arrives."""
    history, order = org.tables["OrderHistory"], org.tables["Order"]
    org.tables["OrderHistory"] = pd.concat(
        [
            history,
            pd.DataFrame(
                [
                    ["017RX1", order.loc[1, "Id"], "Status", "Paid", "Invoiced", "2024-03-05T10:00:00.000Z"],
                    ["017RX2", "801RNEW", "Status", "Draft", "Activated", "2024-03-05T11:00:00.000Z"],
                ],
                columns=["Id", "OrderId", "Field", "OldValue", "NewValue", "CreatedDate"],
            ),
        ],
        ignore_index=True,
    )
    order = order.copy()
    order.loc[1, ["Status", "SystemModstamp"]] = ["Invoiced", "2024-03-05T10:00:00.000Z"]
    new = order.iloc[[0]].assign(
        Id="801RNEW",
        OrderNumber="00000099",
        CreatedDate="2024-03-05T09:00:00.000Z",
        SystemModstamp="2024-03-05T11:00:00.000Z",
        Status="Activated",
    )
    org.tables["Order"] = pd.concat([order, new], ignore_index=True)


def frames(folder) -> dict[str, pd.DataFrame]:
    return {
        name.removesuffix(".csv"): pd.read_csv(io.BytesIO(data), dtype=str).sort_values("Id", ignore_index=True)
        for name, data in load_dataset(folder).items()
    }


def assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert set(a) == set(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name][a[name].columns], check_like=True)


def test_first_run_pulls_everything_into_month_partitions(org, tmp_path) -> None:
    result = refresh_dataset(org.server.client(), tmp_path, bulk=BULK)
    assert result.pulled == {"Order": 6, "OrderHistory": 24}
    state = read_state(tmp_path)
    assert sorted(state.files["Order"]) == ["2024-01", "2024-02"]  # 22:00 and 23:00 on 31 Jan, then 1 Feb
    assert sorted(state.files["OrderHistory"]) == ["2024-01", "2024-02"]  # filed under their order's month
    assert state.watermarks == {"Order": "2024-02-02T07:00:00+00:00", "OrderHistory": "2024-02-02T07:00:00+00:00"}
    january = pd.read_parquet(tmp_path / state.files["OrderHistory"]["2024-01"])
    assert len(january) == 2 * 4 and set(january["OrderId"]) == set(org.tables["Order"]["Id"][:2])


def test_incremental_run_pulls_only_changes_and_equals_a_full_pull(org, tmp_path) -> None:
    client = org.server.client()
    refresh_dataset(client, tmp_path / "inc", bulk=BULK)
    change(org)
    org.calls.clear()
    result = refresh_dataset(client, tmp_path / "inc", bulk=BULK)
    assert result.pulled == {"Order": 2, "OrderHistory": 2}  # the changed order and the new one, two new rows
    assert (
        org.calls["bulk_results"] == 2 + 2
    )  # one page each for Order and OrderHistory, one empty page each for OrderItem and Task
    refresh_dataset(client, tmp_path / "full", bulk=BULK)
    assert_same(frames(tmp_path / "inc"), frames(tmp_path / "full"))
    order = frames(tmp_path / "inc")["Order"].set_index("Id")
    assert order.loc[org.tables["Order"]["Id"][1], "Status"] == "Invoiced" and len(order) == 7
    assert sorted(read_state(tmp_path / "inc").files["Order"]) == ["2024-01", "2024-02", "2024-03"]
    assert read_state(tmp_path / "inc").runs == 2


def test_a_run_killed_half_way_is_safe_to_rerun(org, tmp_path) -> None:
    client = org.server.client()
    refresh_dataset(client, tmp_path / "inc", bulk=BULK)
    before = (tmp_path / "inc" / "state.json").read_text()
    change(org)
    written = []

    def crash(name: str, month: str) -> None:
        written.append((name, month))
        if len(written) == 2:
            raise KeyboardInterrupt  # the job is killed after two of its partitions were written

    with pytest.raises(KeyboardInterrupt):
        refresh_dataset(client, tmp_path / "inc", bulk=BULK, on_partition=crash)
    assert (tmp_path / "inc" / "state.json").read_text() == before  # nothing committed, watermarks unchanged
    assert len(frames(tmp_path / "inc")["Order"]) == 6  # readers still see the last committed data
    org.calls.clear()
    result = refresh_dataset(client, tmp_path / "inc", bulk=BULK)
    assert result.pulled == {"Order": 2, "OrderHistory": 2}  # the same changes again
    refresh_dataset(client, tmp_path / "full", bulk=BULK)
    assert_same(frames(tmp_path / "inc"), frames(tmp_path / "full"))
    listed = {p for months in read_state(tmp_path / "inc").files.values() for p in months.values()}
    on_disk = {p.relative_to(tmp_path / "inc").as_posix() for p in (tmp_path / "inc").glob("*/month=*/*")}
    assert on_disk == listed  # the killed run's files and the replaced ones are gone


def test_a_dataset_loads_as_an_event_log(org, tmp_path) -> None:
    refresh_dataset(org.server.client(), tmp_path, bulk=BULK)
    result = load_event_log(dataset_log_bytes(tmp_path), "dataset.parquet", max_bytes=None)
    assert result.log is not None and result.log.n_cases == 6
    assert result.log.n_events == 6 * 5  # created + four status changes
    assert json.loads((tmp_path / "state.json").read_text())["version"] == 1


def test_command_line_refresh_then_analyze_the_folder(org, tmp_path, monkeypatch, capsys) -> None:
    import o2c.ingest.salesforce.extract as extract
    from o2c.cli.main import main

    sf = org.server.client()
    monkeypatch.setattr(extract, "connect", lambda credentials, session=None: sf)
    folder = tmp_path / "data"
    args = ["extract", "--incremental", "--dataset", str(folder), "--env-file", str(tmp_path / "none")]
    assert main(args) == 0
    assert "Refreshed" in capsys.readouterr().out
    change(org)
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "4 new or changed records" in captured.out and "Order: 2 records (REST)" in captured.err
    assert main(["analyze", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cases"] == 7
    assert main(["report", str(folder), "--out", str(tmp_path / "r.html")]) == 0
    assert "data.parquet" in (tmp_path / "r.html").read_text()  # the folder's name
    store, summary = str(tmp_path / "s.sqlite3"), tmp_path / "summary.txt"
    assert main(["monitor", str(folder), "--target", "orders>=7", "--store", store, "--summary", str(summary)]) == 0
    state = read_state(folder)
    assert f"Data: 7 orders, events 2024-01-31 to 2024-03-05, refreshed {state.refreshed_at}" in summary.read_text()
    assert main(["extract", "--incremental", "--env-file", str(tmp_path / "none")]) == 2  # no --dataset
