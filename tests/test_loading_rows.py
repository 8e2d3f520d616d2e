"""Row numbers the user sees after blank lines, and a file with headers but no rows."""

from __future__ import annotations

import pytest

from o2c.ingest.load import load_event_log

BLANK_LINE = (
    b"case_id,activity,timestamp\nA,Create Sales Order,2024-01-01 10:00\n\nA,Shipped,not a date\n"
    b"B,Create Sales Order,2024-01-02 09:00\n"
)


@pytest.mark.parametrize("prefix", [b"", b"Order report\n\n"], ids=["plain", "title rows"])
def test_csv_row_numbers_count_blank_lines(prefix: bytes) -> None:
    result = load_event_log(prefix + BLANK_LINE + b",,\n", "log.csv")
    shift = prefix.count(b"\n")
    assert [(i.code, i.rows) for i in result.report.issues] == [("bad_timestamp", (4 + shift,))]


def test_headers_only_says_there_are_no_rows() -> None:
    result = load_event_log(b"case_id,activity,timestamp\n", "log.csv")
    assert [i.code for i in result.report.issues] == ["no_rows"]
    assert "no data rows" in result.report.issues[0].message
    assert "listed" not in result.report.issues[0].fix
    assert "没有数据行" in result.report.issues[0].message_in("zh")
