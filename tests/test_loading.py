"""The loader on good and bad inputs: every problem lands in the report with rows and a fix, never a traceback."""

import gzip
import io
import zipfile

import pandas as pd
import pytest
from conftest import ORDERS_FLAT, RUNNING_EXAMPLE, TINY_EVENTS, TINY_ORDERS, xlsx_bytes

from o2c.ingest import read as reading
from o2c.ingest.load import LoadOptions, load_event_log
from o2c.ingest.read import MAX_UPLOAD_BYTES

NOW = pd.Timestamp("2025-01-01", tz="UTC")


def load(data: bytes, name: str, **options):
    return load_event_log(data, name, LoadOptions(**options), now=NOW)


def codes(result) -> dict[str, tuple[str, int]]:
    return {i.code: (i.severity, i.count) for i in result.report.issues}


def issue(result, code):
    return next(i for i in result.report.issues if i.code == code)


def test_clean_csv_has_no_issues(tiny_csv):
    result = load(tiny_csv, "tiny.csv")
    assert result.report.issues == ()
    assert (result.log.n_cases, result.log.n_events) == (3, 11)


def test_workbook_joins_orders(tiny_workbook):
    result = load(tiny_workbook, "tiny.xlsx")
    assert result.report.issues == ()
    assert result.log.cases.set_index("case_id").loc["SO-1", "sales_channel"] == "Direct"


@pytest.mark.parametrize("encoding,delimiter", [("utf-8-sig", ";"), ("gb18030", "\t"), ("utf-8", "|")])
def test_csv_encodings_delimiters_and_chinese_headers(encoding, delimiter):
    text = (
        "订单编号{d}活动{d}时间{d}执行人\n"
        "SO-1{d}创建销售订单{d}2024-01-01 08:00{d}张伟\n"
        "SO-1{d}收到付款{d}2024-01-09 08:00{d}李娜\n"
    )
    result = load(text.format(d=delimiter).encode(encoding), "events.csv")
    assert result.report.ok, result.report.to_frame()
    assert result.columns == {"case_id": "订单编号", "activity": "活动", "timestamp": "时间", "resource": "执行人"}
    assert result.log.activity_names == ("创建销售订单", "收到付款")
    assert result.log.event_attributes["resource"].tolist() == ["张伟", "李娜"]


def test_salesforce_names_and_formats():
    text = (
        "ORDERID,Field / Event,CreatedDate,CreatedBy.Name\n"
        "8015g00000AbCdEAAV,Order Activated,2024-01-15T10:30:00.000+0000,Jane\n"
        "8015g00000AbCdEAAV,Shipped,2024-01-16T10:30:00.000+0100,Jane\n"
    )
    result = load(text.encode(), "orderhistory.csv")
    assert result.report.ok
    assert result.log.case_duration_seconds.tolist() == [23 * 3600]


def test_excel_dates_serials_and_leading_zeros():
    events = pd.DataFrame(
        {
            "case_id": ["00000100", "00000100", "00000100"],
            "activity": ["Create Sales Order", "Shipped", "Payment Received"],
            "timestamp": [pd.Timestamp("2024-01-15 10:30"), 45307.5, "2024-01-20T00:00:00Z"],
        }
    )
    result = load(xlsx_bytes({"Events": events}), "book.xlsx")
    assert result.report.ok, result.report.to_frame()
    assert list(result.log.cases["case_id"]) == ["00000100"]
    stamps = pd.to_datetime(result.log.timestamp, utc=True)
    assert [str(s) for s in stamps] == [
        "2024-01-15 10:30:00+00:00",
        "2024-01-16 12:00:00+00:00",
        "2024-01-20 00:00:00+00:00",
    ]


def test_naive_times_in_chosen_time_zone(tiny_csv):
    result = load(tiny_csv.replace(b"Z", b""), "tiny.csv", timezone="Asia/Shanghai")
    assert str(pd.Timestamp(int(result.log.timestamp[0]), tz="UTC")) == "2024-01-01 00:00:00+00:00"


def test_day_first_detected_and_reported():
    text = "case_id,activity,timestamp\nA,x,15.01.2024 10:30\nA,y,16.01.2024 09:00\n"
    result = load(text.encode(), "de.csv")
    assert codes(result)["date_order"] == ("info", 0)
    assert result.log.case_duration_seconds.tolist() == [22.5 * 3600]


def test_ambiguous_dates_warn_and_the_user_can_choose():
    text = "case_id,activity,timestamp\nA,x,01/02/2024\nA,y,03/02/2024\n"
    result = load(text.encode(), "us.csv")
    assert codes(result)["ambiguous_date_order"][0] == "warning"
    assert codes(result)["date_precision"][0] == "info"
    assert result.log.case_duration_seconds.tolist() == [2 * 86400]
    month_first = load(text.encode(), "us.csv", date_order="month-first")
    assert month_first.log.case_duration_seconds.tolist() == [60 * 86400]  # 2 Jan to 2 Mar 2024
    assert "ambiguous_date_order" not in codes(month_first)


def test_missing_required_column_blocks_with_accepted_names():
    result = load(b"order,when\nA,2024-01-01\n", "x.csv")
    assert result.log is None
    only = result.report.errors[0]
    assert only.code == "missing_column" and "activity" in only.message and "timestamp" in only.message
    assert "concept:name" in only.fix
    assert result.guess.missing_required() == ["activity", "timestamp"]


def test_every_row_problem_is_collected_with_excel_row_numbers():
    rows = (
        [
            "case_id,activity,timestamp",
            "A,Create Sales Order,2024-01-01T08:00:00Z",  # row 2
            "A,Create Sales Order,2024-01-01T08:00:00Z",  # row 3: duplicate of row 2
            ",Shipped,2024-01-02T08:00:00Z",  # row 4: empty case id
            "A,,2024-01-02T08:00:00Z",  # row 5: empty activity
            "A,Shipped,",  # row 6: empty timestamp
            "B,Create Sales Order,2031-01-01T00:00:00Z",  # row 7: future; B has one event
            "C,Create Sales Order,1999-05-01T00:00:00Z",  # row 8: before 2000
            "C,Shipped,2024-01-02T08:00:00Z",
        ]
        + [f"D,Step {i},2024-02-{i + 1:02d}T08:00:00Z" for i in range(20)]
        + [
            "D,Broken,not a time",  # row 30: unparseable (1 of 29 rows: a warning)
        ]
    )
    result = load("\n".join(rows).encode(), "bad.csv")
    assert result.log is not None
    found = codes(result)
    assert found["duplicate_event"] == ("warning", 1)
    assert found["empty_case_id"] == ("warning", 1)
    assert found["empty_activity"] == ("warning", 1)
    assert found["empty_timestamp"] == ("warning", 1)
    assert found["future_timestamp"] == ("warning", 1)
    assert found["old_timestamp"] == ("warning", 1)
    assert found["bad_timestamp"] == ("warning", 1)
    assert found["single_event"] == ("warning", 2)  # A keeps one event after the removals, B has one
    assert issue(result, "duplicate_event").rows == (3,)
    assert issue(result, "empty_case_id").rows == (4,)
    assert issue(result, "empty_activity").rows == (5,)
    assert issue(result, "empty_timestamp").rows == (6,)
    assert issue(result, "future_timestamp").rows == (7,)
    assert issue(result, "old_timestamp").rows == (8,)
    assert issue(result, "bad_timestamp").rows == (30,)
    assert issue(result, "bad_timestamp").examples == ("not a time",)
    assert result.log.n_events == 29 - 5  # 29 data rows, five left out


def test_mostly_unreadable_timestamps_block():
    text = "case_id,activity,timestamp\n" + "".join(f"A,x{i},yesterday\n" for i in range(5)) + "A,y,2024-01-01\n"
    result = load(text.encode(), "x.csv")
    assert result.log is None
    assert result.report.errors[0].code == "bad_timestamp"
    assert result.report.errors[0].rows == (2, 3, 4, 5, 6)


def test_orders_sheet_mismatches_are_reported(tiny_csv):
    events = pd.read_csv(io.StringIO(TINY_EVENTS))
    orders = pd.concat(
        [TINY_ORDERS.iloc[:2], pd.DataFrame({"case_id": ["SO-9", "SO-1"], "sales_channel": ["Online", "Online"]})]
    )
    result = load(xlsx_bytes({"Events": events, "Orders": orders}), "x.xlsx")
    assert codes(result)["orders_without_events"] == ("warning", 1)
    assert issue(result, "orders_without_events").rows == (4,)
    assert issue(result, "orders_without_events").sheet == "Orders"
    assert codes(result)["orders_duplicate"] == ("warning", 1)
    assert issue(result, "orders_duplicate").rows == (5,)
    assert codes(result)["events_without_order"] == ("warning", 1)
    assert issue(result, "events_without_order").examples == ("SO-3",)
    cases = result.log.cases.set_index("case_id")
    assert cases.loc["SO-1", "sales_channel"] == "Direct"  # first row wins
    assert pd.isna(cases.loc["SO-3", "sales_channel"])


def test_report_export_with_title_rows_finds_the_header():
    frame = pd.DataFrame(
        [
            ["Order History Report", None, None],
            ["Filtered By: all", None, None],
            [None, None, None],
            ["Order ID", "Activity", "Created Date"],
            ["801A", "Create Sales Order", "2024-01-01 08:00"],
            ["801A", "Shipped", "2024-01-03 08:00"],
        ]
    )
    buffer = io.BytesIO()
    frame.to_excel(buffer, header=False, index=False, sheet_name="Report")
    result = load(buffer.getvalue(), "report.xlsx")
    assert result.report.ok and result.log.n_events == 2
    bad = frame.copy()
    bad.iloc[5, 2] = "garbage"
    buffer = io.BytesIO()
    bad.to_excel(buffer, header=False, index=False, sheet_name="Report")
    assert issue(load(buffer.getvalue(), "report.xlsx"), "bad_timestamp").rows == (6,)


@pytest.mark.parametrize(
    "data,name,expected",
    [
        (b"", "empty.xlsx", "The file is empty."),
        (b"", "empty.csv", "The file is empty."),
        (b"\n\n", "blank.csv", "The file is empty."),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "secret.xlsx", "password-protected"),
        (b"%PDF-1.4 hello", "renamed.xlsx", "its content is a PDF document"),
        (b"PK\x03\x04 truncated", "broken.xlsx", "damaged"),
        (b"PK\x03\x04" + b"\x00" * 50, "workbook.csv", "its content is a zip archive or Excel workbook"),
        (b"hello", "notes.docx", "not a file type we read"),
        (b"hello", "old.xls", "Old .xls"),
        (b"not gzip", "events.csv.gz", "its content is not gzip data"),
        (b"<log><trace>", "broken.xes", "XES file could not be read"),
        (
            b"case_id,activity,timestamp\nA,x,2024-01-01\nA,y,2024-01-02,extra,more\n",
            "ragged.csv",
            "Expected 3 fields in line 3, saw 5",
        ),
    ],
)
def test_unreadable_files_get_one_clear_error(data, name, expected):
    result = load(data, name)
    assert result.log is None
    assert len(result.report.issues) == 1
    assert expected in result.report.issues[0].message
    assert result.report.issues[0].fix


def test_oversized_upload_is_refused_before_parsing():
    result = load(b"x" * (MAX_UPLOAD_BYTES + 1), "huge.csv")
    assert "the limit is" in result.report.errors[0].message


def test_zip_bomb_is_refused_from_declared_sizes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (1024 * 1024 * 1024 + 10))
    result = load(buffer.getvalue(), "bomb.xlsx")
    assert "(a 'zip bomb')" in result.report.errors[0].message


def test_gzip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_GZIP_INFLATED", reading.GIB)  # the real limit (2 GiB) is costly to test
    data = gzip.compress(b"a" * (reading.GIB + 1), compresslevel=1)
    message = load(data, "bomb.csv.gz").report.errors[0].message
    assert "more than 1 GB" in message or "(a 'zip bomb')" in message


def test_encrypted_or_corrupt_workbook_with_valid_zip_but_no_sheets():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert "without an Excel workbook inside" in load(buffer.getvalue(), "fake.xlsx").report.errors[0].message


def test_report_csv_is_formula_safe():
    text = "case_id,activity,timestamp\nA,x,=HYPERLINK(1)\n" + "".join(f"A,y{i},2024-01-0{i + 1}\n" for i in range(9))
    csv_text = load(text.encode(), "x.csv").report.to_csv().decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv_text


def test_orders_flat_dataset_is_recognised_by_itself():
    result = load(ORDERS_FLAT.read_bytes(), ORDERS_FLAT.name)
    assert result.report.issues == ()
    assert (result.log.n_cases, result.log.n_events) == (2000, 6566)
    assert result.columns == {
        "case_id": "case:concept:name",
        "activity": "concept:name",
        "timestamp": "time:timestamp",
        "resource": "org:resource",
    }
    assert set(result.log.case_attribute_names()) == {"order_amount", "account_name"}


def test_xes_is_read_through_pm4py():
    result = load(RUNNING_EXAMPLE.read_bytes(), RUNNING_EXAMPLE.name)
    assert result.report.ok
    assert (result.log.n_cases, result.log.n_events, len(result.log.activity_names)) == (6, 42, 8)


def test_parquet(tiny_csv):
    frame = pd.read_csv(io.BytesIO(tiny_csv))
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    result = load(buffer.getvalue(), "log.parquet")
    assert result.report.issues == () and result.log.n_events == 11
