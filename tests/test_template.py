"""The Excel template: sheet layout, catalogue-driven headers and dictionary, and filling it with frames."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from o2c.conform.rules import DEFAULT_RULES, RULE_COLUMNS
from o2c.improve.cost import DEFAULT_COSTS
from o2c.log.activities import ACTIVITIES, ACTIVITY_NAMES
from o2c.log.columns import EVENT_COLUMNS, ORDER_COLUMNS
from o2c.log.vocabulary import match_role
from o2c.workbook.template import build_template

EVENT_NAMES = [c.name for c in EVENT_COLUMNS]
ORDER_NAMES = [c.name for c in ORDER_COLUMNS]


@pytest.fixture(scope="module")
def template() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_template()))


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def _header(ws) -> list:
    return [cell.value for cell in ws[1]]


def _letter(names: list[str], name: str) -> str:
    return get_column_letter(names.index(name) + 1)


def test_sheets_are_in_order(template):
    assert template.sheetnames == ["Instructions", "Events", "Orders", "Activities", "Rules", "Mapping", "Dictionary"]


def test_data_sheet_headers_are_the_catalogue(template):
    assert _header(template["Events"]) == EVENT_NAMES
    assert _header(template["Orders"]) == ORDER_NAMES


@pytest.mark.parametrize("sheet", ["Events", "Orders", "Activities", "Rules", "Mapping", "Dictionary"])
def test_header_row_is_frozen_and_filtered(template, sheet):
    ws = template[sheet]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"


def test_required_headers_look_different_and_explain_themselves(template):
    ws = template["Events"]
    fills = {cell.value: cell.fill.fgColor.rgb for cell in ws[1]}
    assert fills["case_id"] == fills["activity"] == fills["timestamp"]
    assert fills["resource"] != fills["case_id"]
    for cell, column in zip(ws[1], EVENT_COLUMNS):
        assert cell.font.bold
        assert column.description in cell.comment.text
        assert cell.comment.text.startswith("REQUIRED.") == column.required


def test_dictionary_has_one_row_per_column_with_every_alias(template):
    rows = _rows(template["Dictionary"])
    assert _header(template["Dictionary"]) == [
        "sheet",
        "column",
        "required",
        "type",
        "example",
        "salesforce_source",
        "aliases",
        "description",
    ]
    expected = [("Events", c) for c in EVENT_COLUMNS] + [("Orders", c) for c in ORDER_COLUMNS]
    assert [(r[0], r[1]) for r in rows] == [(sheet, c.name) for sheet, c in expected]
    for row, (_, column) in zip(rows, expected):
        assert row[2] == ("yes" if column.required else "no")
        assert (row[3], row[4], row[5], row[7]) == (
            column.type,
            column.example,
            column.salesforce_source,
            column.description,
        )
        assert tuple(row[6].split(", ")) == column.aliases


def test_activities_sheet_lists_the_catalogue(template):
    rows = _rows(template["Activities"])
    assert [r[0] for r in rows] == list(range(1, len(ACTIVITIES) + 1))
    assert [r[1] for r in rows] == list(ACTIVITY_NAMES)
    assert [r[6] for r in rows] == [a.name_zh for a in ACTIVITIES]
    assert [r[7] for r in rows] == [match_role(a.name) for a in ACTIVITIES]  # every template step has its role
    assert [r[8] for r in rows] == [DEFAULT_COSTS[a.name] for a in ACTIVITIES]
    assert rows[0][2:7] == ("Order", "yes", ACTIVITIES[0].salesforce_source, ACTIVITIES[0].description, "创建销售订单")


def test_example_events_form_a_plausible_order(template):
    events = _rows(template["Events"])
    assert 8 <= len(events) <= 12
    activities = [r[1] for r in events]
    assert set(activities) <= set(ACTIVITY_NAMES)
    assert [ACTIVITY_NAMES.index(a) for a in activities] == sorted(ACTIVITY_NAMES.index(a) for a in activities)
    times = [pd.Timestamp(r[2]) for r in events]
    assert times == sorted(times)
    assert all(r[3] and r[4] and r[5] for r in events)  # resource, role, department


def test_example_case_ids_all_appear_in_orders(template):
    event_cases = {r[0] for r in _rows(template["Events"])}
    order_cases = {r[0] for r in _rows(template["Orders"])}
    assert event_cases == {"8015g00000AbCdEAAV"}
    assert event_cases <= order_cases


def test_example_order_dates_are_date_cells(template):
    ws = template["Orders"]
    cell = ws[f"{_letter(ORDER_NAMES, 'order_date')}2"]
    assert cell.value == datetime(2024, 1, 15)
    assert cell.number_format == "yyyy-mm-dd"


def test_data_validations(template):
    events = {str(dv.sqref): dv for dv in template["Events"].data_validations.dataValidation}
    activity = events[f"{_letter(EVENT_NAMES, 'activity')}2:{_letter(EVENT_NAMES, 'activity')}1048576"]
    assert (activity.type, activity.errorStyle, activity.showErrorMessage) == ("list", "information", True)
    assert activity.formula1 == f"Activities!$B$2:$B${len(ACTIVITIES) + 1}"
    amount = events[f"{_letter(EVENT_NAMES, 'event_amount')}2:{_letter(EVENT_NAMES, 'event_amount')}1048576"]
    assert amount.type == "decimal"

    orders = {str(dv.sqref): dv for dv in template["Orders"].data_validations.dataValidation}
    channel = orders[f"{_letter(ORDER_NAMES, 'sales_channel')}2:{_letter(ORDER_NAMES, 'sales_channel')}1048576"]
    assert (channel.type, channel.errorStyle) == ("list", "information")
    assert channel.formula1 == '"Direct,Partner,Online,Distributor"'


def test_rules_sheet_holds_the_default_rules_with_help_and_pick_lists(template):
    ws = template["Rules"]
    assert _header(ws) == list(RULE_COLUMNS)
    assert all(cell.font.bold and cell.comment is not None for cell in ws[1])
    assert "four_eyes" in ws["B1"].comment.text
    rows = _rows(ws)
    assert [r[0] for r in rows] == [rule.name for rule in DEFAULT_RULES.rules]
    late = rows[[r[0] for r in rows].index("Activated within 3 days")]
    assert late[1:6] == ("time_limit", "Create Sales Order", "Order Activated", 3, "days")
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {
        "B2:B1048576": '"precedence,existence,absence,time_limit,four_eyes,authorised"',
        "J2:J1048576": '"high,medium,low"',
        "F2:F1048576": '"hours,days"',
    }


def test_instructions_cover_workflow_and_chinese(template):
    text = "\n".join(str(r[0]) for r in template["Instructions"].iter_rows(values_only=True) if r[0])
    for needle in (
        "python -m o2c analyze",
        "python -m o2c extract",
        "Details Only",
        "FROM OrderHistory",
        "Rules sheet",
        "2024-01-15T10:30:00.000+0000",
        "15.01.2024 10:30",
        "简体中文",
    ):
        assert needle in text
    assert template["Instructions"].column_dimensions["A"].width >= 80


def _small_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    events = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(["2024-01-15 10:30:00", "2024-01-16 09:00:05", None]).tz_localize(
                "Europe/Berlin"
            ),
            "activity": ["Create Sales Order", "Order Activated", "Shipped"],
            "case_id": ["801A", "801A", "801B"],
            "comment": ["=1+1", "bell\x07here", None],
            "priority": [1, 2, 3],
            # an object column mixing offset-aware datetimes and text, as a hand-built frame may have
            "received": [datetime(2024, 1, 15, 12, 0, tzinfo=timezone(timedelta(hours=8))), "later", None],
        }
    )
    orders = pd.DataFrame(
        {
            "case_id": ["801A", "801B"],
            "order_date": pd.to_datetime(["2024-01-15", "2024-02-01"]),
            "order_amount": [1250.5, None],
        }
    )
    return events, orders


def test_filled_template_holds_the_frames():
    events, orders = _small_frames()
    book = openpyxl.load_workbook(io.BytesIO(build_template(events, orders)))
    ws = book["Events"]
    assert _header(ws) == EVENT_NAMES + ["priority", "received"]
    rows = _rows(ws)
    col = {name: i for i, name in enumerate(_header(ws))}
    assert [r[col["case_id"]] for r in rows] == ["801A", "801A", "801B"]
    # Berlin is UTC+1 in January: written as naive UTC
    assert [r[col["timestamp"]] for r in rows] == [datetime(2024, 1, 15, 9, 30), datetime(2024, 1, 16, 8, 0, 5), None]
    assert ws[f"{_letter(EVENT_NAMES, 'timestamp')}2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert [r[col["comment"]] for r in rows] == ["=1+1", "bellhere", None]
    assert ws[f"{_letter(EVENT_NAMES, 'comment')}2"].data_type == "s"
    assert [r[col["priority"]] for r in rows] == [1, 2, 3]
    assert [r[col["received"]] for r in rows] == [datetime(2024, 1, 15, 4, 0), "later", None]
    assert all(r[col["resource"]] is None for r in rows)

    ws = book["Orders"]
    assert _header(ws) == ORDER_NAMES
    col = {name: i for i, name in enumerate(ORDER_NAMES)}
    assert [(r[col["case_id"]], r[col["order_date"]], r[col["order_amount"]]) for r in _rows(ws)] == [
        ("801A", datetime(2024, 1, 15), 1250.5),
        ("801B", datetime(2024, 2, 1), None),
    ]
    assert ws[f"{_letter(ORDER_NAMES, 'order_date')}2"].number_format == "yyyy-mm-dd"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(ORDER_NAMES))}3"


def test_events_only_leaves_orders_without_examples():
    events, _ = _small_frames()
    book = openpyxl.load_workbook(io.BytesIO(build_template(events=events)))
    assert _header(book["Orders"]) == ORDER_NAMES
    assert book["Orders"].max_row == 1


def test_duplicate_columns_are_rejected():
    frame = pd.DataFrame([["801A", "Shipped"]], columns=["case_id", "case_id"])
    with pytest.raises(ValueError, match="case_id"):
        build_template(events=frame)


def test_calamine_reads_the_template_back():
    back = pd.read_excel(io.BytesIO(build_template()), sheet_name="Events", engine="calamine")
    assert list(back.columns) == EVENT_NAMES
    assert back["timestamp"].iloc[2] == "2024-01-16T08:05:12Z"

    events, orders = _small_frames()
    back = pd.read_excel(io.BytesIO(build_template(events, orders)), sheet_name="Events", engine="calamine")
    assert list(back.columns) == EVENT_NAMES + ["priority", "received"]
    assert back["timestamp"].tolist()[:2] == [pd.Timestamp("2024-01-15 09:30:00"), pd.Timestamp("2024-01-16 08:00:05")]
    assert pd.isna(back["timestamp"].iloc[2])


def test_mapping_sheet_holds_the_default_salesforce_mapping():
    from o2c.ingest.salesforce.mapping import default_mapping, read_mapping

    data = build_template()
    rules, problems = read_mapping(data, "template.xlsx")
    assert problems == []
    assert len(rules) == len(default_mapping())
    sheet = pd.read_excel(io.BytesIO(data), sheet_name="Mapping", dtype=str, engine="calamine").fillna("")
    assert sheet.iloc[0].tolist() == default_mapping().astype(str).iloc[0].tolist()


def test_extra_column_names_are_never_formulas():
    """A Salesforce export's column name becomes a header cell of the filled template (issue #14)."""
    events = pd.DataFrame(
        {"case_id": ["SO-1"], "activity": ["a"], "timestamp": ["2024-01-01"], '=HYPERLINK("http://x")': ["v"]}
    )
    book = openpyxl.load_workbook(io.BytesIO(build_template(events=events)))
    header = [cell for cell in book["Events"][1] if cell.value == '=HYPERLINK("http://x")']
    assert header and header[0].data_type == "s"
