"""The fast Arrow readers give the same frames and logs as the pandas readers they replace."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from o2c.ingest import read as reading
from o2c.ingest.arrow import parquet_frame, text_table_frame
from o2c.ingest.load import load_event_log


def _values(column: pd.Series) -> list:
    return column.astype(object).where(column.notna(), None).tolist()


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 20_000
    ids = np.array([f"SO-{i}" for i in range(3_000)] + [" padded ", ""], dtype=object)
    case = rng.choice(ids, n)
    case[rng.integers(0, n, 50)] = None
    return pd.DataFrame(
        {
            "case_id": case,
            "channel": pd.Categorical(
                rng.choice(["Direct", "Partner", "Online"], n), categories=["Direct", "Partner", "Online", "unused"]
            ),
            "unique_text": [f"2024-01-01T00:00:{i:05d}Z" for i in range(n)],
            "timestamp": pd.date_range("2024-01-01", periods=n, freq="min", tz="UTC"),
            "amount": rng.random(n),
        }
    )


@pytest.mark.parametrize("layout", [{"row_group_size": 1_500}, {"row_group_size": 1_500, "use_dictionary": False}, {}])
def test_parquet_frame_has_the_values_pandas_reads(frame, layout):
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer, **layout)
    ours, theirs = parquet_frame(buffer.getvalue()), pd.read_parquet(io.BytesIO(buffer.getvalue()))
    assert list(ours.columns) == list(theirs.columns)
    assert isinstance(ours["case_id"].dtype, pd.CategoricalDtype)  # repetitive text: codes
    assert ours["unique_text"].dtype == theirs["unique_text"].dtype  # text that never repeats stays text
    for name in frame.columns:
        assert _values(ours[name]) == _values(theirs[name]), name


def test_parquet_index_and_categoricals_written_by_pandas_survive(frame):
    buffer = io.BytesIO()
    frame.set_index("unique_text").to_parquet(buffer, row_group_size=4_000)
    ours, theirs = parquet_frame(buffer.getvalue()), pd.read_parquet(io.BytesIO(buffer.getvalue()))
    assert ours.index.equals(theirs.index)
    assert [_values(ours[c]) for c in ours] == [_values(theirs[c]) for c in theirs]


def test_text_table_frame_turns_repeating_text_into_categoricals():
    table = pa.table({"case_id": ["A", "A", None, "B"], "time": ["1", "2", "3", "4"]})
    frame = text_table_frame(table)
    assert isinstance(frame["case_id"].dtype, pd.CategoricalDtype)
    assert _values(frame["case_id"]) == ["A", "A", None, "B"]
    assert frame["time"].tolist() == ["1", "2", "3", "4"] and not isinstance(frame["time"].dtype, pd.CategoricalDtype)


def test_csv_read_by_arrow_builds_the_same_log_as_the_pandas_reader(monkeypatch):
    rows = ["case_id;activity;timestamp;resource;sales_channel"]
    rows += [
        f"SO-{i % 40};Step {i % 7};2024-01-{1 + i % 28:02d}T{i % 24:02d}:00:00Z;{' Ann ' if i % 5 else ''};"
        f"{'Partner' if i % 3 else 'Direct'}"
        for i in range(600)
    ]
    rows += [rows[5], "SO-1;;2024-02-01T00:00:00Z;Bob;Direct", '"SO-2";"Multi\nline";2024-02-02T00:00:00Z;x;y']
    data = ("\ufeff" + "\n".join(rows) + "\n").encode()
    assert reading._read_plain_utf8_csv(data) is not None  # the fast path takes this file
    fast = load_event_log(data, "events.csv")
    monkeypatch.setattr(reading, "_read_plain_utf8_csv", lambda data: None)
    slow = load_event_log(data, "events.csv")
    assert fast.report.to_records() == slow.report.to_records()
    for name in ("case", "activity", "timestamp", "row"):
        assert np.array_equal(getattr(fast.log, name), getattr(slow.log, name))
    assert fast.log.activity_names == slow.log.activity_names
    pd.testing.assert_frame_equal(fast.log.cases, slow.log.cases)
    assert _values(pd.Series(fast.log.event_attributes["resource"])) == _values(
        pd.Series(slow.log.event_attributes["resource"])
    )


def test_csv_the_arrow_reader_refuses_goes_to_pandas():
    ragged = b"case_id,activity,timestamp\nA,x,2024-01-01\nA,y\n"
    assert reading._read_plain_utf8_csv(ragged) is None
    assert reading._read_plain_utf8_csv("case_id,activity,timestamp\nA,caf\xe9,2024-01-01\n".encode("cp1252")) is None
    result = load_event_log(ragged, "r.csv")  # pandas pads the short row, as before: it has no timestamp
    assert result.log.n_events == 1
    assert [(r["code"], r["rows"]) for r in result.report.to_records() if r["code"] == "empty_timestamp"] == [
        ("empty_timestamp", [3])
    ]
