"""parse_timestamps on the column shapes its shortcuts depend on: colons in number-like text, a time of day seen
only after the first probe, ISO years next to day/month/year dates, nullable text columns."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from o2c.ingest.timestamps import parse_timestamps


def texts(parsed) -> list[str]:
    return [str(value) for value in parsed.values]


def test_numbers_with_colons_are_not_serials():
    parsed = parse_timestamps(pd.Series(["45000", "45000:00", "12:30", "45000.5", ""], dtype="str"))
    assert texts(parsed) == ["2023-03-15 00:00:00+00:00", "NaT", "NaT", "2023-03-15 12:00:00+00:00", "NaT"]
    assert parsed.unparseable.tolist() == [False, True, True, False, False]
    assert parsed.empty.tolist() == [False, False, False, False, True]
    assert not parsed.date_only  # "45000:00" and "12:30" look like times of day


def test_serials_next_to_cells_and_text_in_a_spreadsheet_column():
    raw = pd.Series([dt.datetime(2024, 1, 15, 10, 30), 45307.5, "2024-01-20T00:00:00Z", "10:30", None], dtype=object)
    parsed = parse_timestamps(raw, timezone="Europe/Berlin")
    assert texts(parsed) == [
        "2024-01-15 09:30:00+00:00",
        "2024-01-16 11:00:00+00:00",
        "2024-01-20 00:00:00+00:00",
        "NaT",
        "NaT",
    ]
    assert parsed.unparseable.tolist() == [False, False, False, True, False]


def test_time_of_day_seen_only_after_the_first_probe():
    dates = pd.date_range("2023-01-01", periods=25_000, freq="h").strftime("%Y-%m-%d").to_numpy(dtype=object)
    assert parse_timestamps(pd.Series(dates, dtype="str")).date_only
    dates[24_000] = "2024-05-05 13:45"
    parsed = parse_timestamps(pd.Series(dates, dtype="str"))
    assert not parsed.date_only
    assert str(parsed.values[24_000]) == "2024-05-05 13:45:00+00:00"


def test_colons_without_a_time_of_day_keep_a_column_date_only():
    values = np.array(["2024-01-15"] * 25_000, dtype=object)
    values[::3] = "ref:1"  # colons in every probe, none of them a time
    parsed = parse_timestamps(pd.Series(values, dtype="str"))
    assert parsed.date_only
    assert parsed.unparseable.sum() == len(values[::3])


def test_salesforce_and_iso_offsets_are_honoured_and_naive_values_localised():
    raw = pd.Series(
        [
            "2024-01-15T10:30:00.000+0000",
            "2024-01-15T10:30:00.000-0700",
            "2024-01-15T10:30:00.5+05:30",
            "2024-01-15 10:30",
        ],
        dtype="str",
    )
    assert texts(parse_timestamps(raw, timezone="Europe/Berlin")) == [
        "2024-01-15 10:30:00+00:00",
        "2024-01-15 17:30:00+00:00",
        "2024-01-15 05:00:00.500000+00:00",
        "2024-01-15 09:30:00+00:00",
    ]


def test_day_and_month_first_dates_next_to_iso_years():
    day_first = parse_timestamps(pd.Series(["2024-01-15", "13/02/2024", "2024-01-16 08:00"], dtype="str"))
    assert texts(day_first) == ["2024-01-15 00:00:00+00:00", "2024-02-13 00:00:00+00:00", "2024-01-16 08:00:00+00:00"]
    assert (day_first.date_order, day_first.ambiguous) == ("day-first", False)
    month_first = parse_timestamps(pd.Series(["2024-01-15", "02/13/2024 9:05 PM"], dtype="str"))
    assert texts(month_first) == ["2024-01-15 00:00:00+00:00", "2024-02-13 21:05:00+00:00"]
    assert month_first.date_order == "month-first"


def test_nullable_text_column_with_a_missing_value():
    parsed = parse_timestamps(pd.Series(["2024-01-15", None, "45000"], dtype="string"))
    assert texts(parsed) == ["2024-01-15 00:00:00+00:00", "NaT", "2023-03-15 00:00:00+00:00"]
    assert parsed.empty.tolist() == [False, True, False]
    assert parsed.date_only


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31T10:00:00Z", "-1", "1677-01-01", "2262-05-01 08:00"])
def test_dates_outside_the_nanosecond_range_are_reported_not_raised(value):
    from o2c.ingest.load import load_event_log

    csv = f"case_id,activity,timestamp\nA,Create Sales Order,2024-01-01T08:00:00Z\nA,Shipped,{value}\n".encode()
    result = load_event_log(csv, "dates.csv")
    assert result.log is None
    [problem] = result.report.to_records()
    assert problem["severity"] == "error" and "could not be read: 1" in problem["message"]
