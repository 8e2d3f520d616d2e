"""People & teams and Partners & carriers pages: the sample's numbers, the detail controls, Chinese, pseudonyms,
and logs that lack the columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import TINY_EVENTS, metric, open_app, open_app_with_sample

from o2c.format import format_duration
from o2c.improve.partners import PARTNER_ACCOUNTS, on_time
from o2c.improve.people import handover_summary
from o2c.ingest.sample import LATE_CARRIER

PEOPLE, PARTNERS = "pages/people.py", "pages/partners.py"


def table_with(at, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def dot(at) -> str:
    return at.get("graphviz_chart")[0].proto.spec


@pytest.fixture(scope="module")
def real_names(sample_log) -> set[str]:
    names = set(np.asarray(sample_log.event_attributes["resource"]).astype(str))
    return names | set(sample_log.cases["account_name"].astype(str)) | set(sample_log.cases["owner"].astype(str))


def cells(table: pd.DataFrame) -> set[str]:
    return {str(value) for column in table.columns for value in table[column]}


# --- People & teams ------------------------------------------------------------------------------------------------


def test_people_page_on_the_sample(sample_log):
    at = open_app_with_sample(PEOPLE)
    assert not at.exception
    assert at.title[0].value == "People & teams"
    summary = handover_summary(sample_log.view(), "role")
    assert metric(at, "Roles at work") == "8"
    assert metric(at, "Handovers per order") == f"{summary.per_order:.1f}" == "6.7"
    assert metric(at, "Wait on a handover") == format_duration(summary.median_wait_seconds)
    performers = table_with(at, "weekly_peak")
    assert performers["performer"].iloc[0] == "System" and performers["events"].sum() == sample_log.n_events
    passes = table_with(at, "handovers")
    assert passes[["source", "target"]].iloc[0].tolist() == ["Order Desk Agent", "System"]
    assert 'label="Sales Rep\\n1,651"' in dot(at)
    balance = table_with(at, "top3_share")
    credit = balance.set_index("activity").loc["Credit Check Passed"]
    assert (credit["performers"], credit["top_performer"]) == (2, "Credit Controller")


def test_people_controls(sample_log):
    at = open_app_with_sample(PEOPLE)
    at.slider(key="people_top_role").set_value(3).run()
    assert not at.exception
    assert dot(at).count(" -> ") == 3
    at.segmented_control(key="people_level").set_value("resource").run()
    assert not at.exception
    people = len(set(np.asarray(sample_log.event_attributes["resource"])))
    assert metric(at, "People at work") == f"{people:,}"
    assert dot(at).count(" -> ") == 15  # the default for a new level
    at.selectbox(key="people_activity").set_value("Credit Check Passed").run()
    assert not at.exception
    at.selectbox(key="people_pick_resource").set_value("Marco Rossi").run()
    assert not at.exception


def test_people_page_in_chinese():
    at = open_app_with_sample(PEOPLE)
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "人员与团队"
    assert metric(at, "参与角色") == "8"


def test_people_page_shows_pseudonyms(real_names):
    at = open_app_with_sample(PEOPLE)
    at.sidebar.toggle(key="pseudonymise").set_value(True).run()
    at.segmented_control(key="people_level").set_value("resource").run()
    assert not at.exception
    shown = set().union(*(cells(d.value) for d in at.dataframe))
    assert any(value.startswith("Person ") for value in shown)
    assert not shown & real_names
    assert not any(name in dot(at) for name in real_names)


def test_people_page_without_a_people_column():
    at = open_app().run()
    events = "\n".join(line.rsplit(",", 1)[0] for line in TINY_EVENTS.strip().splitlines())
    at.file_uploader(key="upload").upload("tiny.csv", events.encode(), "text/csv").run()
    at.switch_page(PEOPLE).run()
    assert not at.exception
    assert "no resource, role or department column" in at.info[0].value
    at.switch_page(PARTNERS).run()
    assert not at.exception
    assert "Add a carrier or warehouse column" in at.info[0].value


# --- Partners & carriers -----------------------------------------------------------------------------------------


def test_partners_page_on_the_sample(sample_log):
    at = open_app_with_sample(PARTNERS)
    assert not at.exception
    assert at.title[0].value == "Partners & carriers"
    overall = on_time(sample_log.view())
    assert metric(at, "On-time delivery") == f"{overall.rate:.1%}" == "83.1%"
    assert metric(at, "Late orders") == f"{overall.late:,}"
    assert metric(at, "Lowest on-time rate") == LATE_CARRIER
    table = table_with(at, "late_share")
    assert table["partner"].iloc[0] == LATE_CARRIER
    assert table["late_share"].iloc[0] == table["late_share"].max() > 50  # percent of all late orders
    at.segmented_control(key="partners_target").set_value("promised").run()
    assert not at.exception
    assert metric(at, "On-time delivery") == f"{on_time(sample_log.view(), 'promised').rate:.1%}"
    assert metric(at, "Lowest on-time rate") == LATE_CARRIER


def test_partners_filter_and_other_partners(sample_log):
    at = open_app_with_sample(PARTNERS)
    at.sidebar.multiselect(key="filter_region").select("EMEA").run()
    assert not at.exception
    emea = (sample_log.cases["region"] == "EMEA").to_numpy()
    assert metric(at, "Late orders") == f"{on_time(sample_log.view(emea)).late:,}"
    at.selectbox(key="partners_attribute_en").set_value("warehouse").run()
    assert not at.exception
    assert set(table_with(at, "late_share")["partner"]) <= set(sample_log.cases["warehouse"].astype(str))


def test_partners_page_in_chinese():
    at = open_app_with_sample(PARTNERS)
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "合作伙伴与承运商"
    assert metric(at, "准时率最低") == LATE_CARRIER


def test_partner_accounts_are_pseudonymised(real_names, sample_log):
    at = open_app_with_sample(PARTNERS)
    at.sidebar.toggle(key="pseudonymise").set_value(True).run()
    at.selectbox(key="partners_attribute_en").set_value(PARTNER_ACCOUNTS).run()
    assert not at.exception
    # The headline counts only the Partner channel's orders, as the table does.
    assert metric(at, "Late orders") == f"{on_time(sample_log.view(), attribute=PARTNER_ACCOUNTS).late:,}"
    partners = table_with(at, "late_share")["partner"].str.rstrip(" *")
    assert partners.str.startswith("Account ").all() and len(partners) == 11
    assert not cells(table_with(at, "late_share")) & real_names


def test_partners_page_names_the_missing_date(tiny_workbook):
    at = open_app().run()
    at.file_uploader(key="upload").upload("tiny.xlsx", tiny_workbook, "application/octet-stream").run()
    at.switch_page(PARTNERS).run()
    assert not at.exception
    assert "requested_delivery_date" in at.info[0].value


def test_people_level_survives_a_page_switch():
    at = open_app_with_sample(PEOPLE)
    at.segmented_control(key="people_level").set_value("department").run()
    at.switch_page(PARTNERS).run()
    at.switch_page(PEOPLE).run()
    assert not at.exception
    assert metric(at, "Departments at work") == "6"
