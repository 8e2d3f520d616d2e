"""The O2C activity vocabulary: roles, matching, the per-log mapping and its overrides, and the analyses that
speak roles (KPIs, rules, automation) on logs in Chinese, German and without shipping or due dates.

The fixtures in tests/fixtures are small hand-made logs; every expected number below is worked out by hand in
the comments.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from o2c.cli.main import main
from o2c.conform.rules import DEFAULT_RULES, RuleSet, evaluate_rules, rules_fit
from o2c.errors import FixableError
from o2c.improve.automation import automation_candidates
from o2c.improve.backlog import improvement_backlog
from o2c.improve.cost import default_cost_table
from o2c.improve.settings import Settings
from o2c.improve.what_if import is_external
from o2c.ingest.load import load_event_log
from o2c.log.activities import ACTIVITIES
from o2c.log.vocabulary import (
    ROLES,
    ActivityMap,
    activity_map,
    activity_map_csv,
    codes_of_role,
    kind_of,
    match_role,
    normalise,
    read_activity_map,
    with_activity_map,
)
from o2c.monitor.kpis import kpi_values
from o2c.report.content import kpi_note

FIXTURES = Path(__file__).parent / "fixtures"
DAY = 86_400


def load(name: str):
    result = load_event_log((FIXTURES / name).read_bytes(), name)
    assert result.log is not None
    return result.log


def analyze(capsys, *args: str) -> dict:
    assert main(["analyze", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def kpis(log) -> dict:
    return {v.kpi.key: v for v in kpi_values(log.view())}


# ---------------------------------------------------------------------------------------------- matching


def test_no_two_roles_share_a_name():
    seen: dict[str, str] = {}
    for role in ROLES:
        for name in role.names:
            assert seen.setdefault(normalise(name), role.key) == role.key, name


def test_every_catalogue_activity_and_its_chinese_name_has_a_role():
    for activity in ACTIVITIES:
        assert match_role(activity.name) is not None, activity.name
        assert match_role(activity.name_zh) == match_role(activity.name), activity.name_zh


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Payment Received", "payment_received"),
        ("收到付款", "payment_received"),
        ("开具发票", "invoice_created"),
        ("信用检查通过", "credit_check_passed"),
        ("Zahlung eingegangen", "payment_received"),
        ("Rechnung erstellt", "invoice_created"),
        ("Draft", "order_created"),
        ("Activated", "activation"),
        ("Credit Review", "credit_check_started"),
        ("On Hold", "credit_check_started"),
        ("Invoiced", "invoice_created"),
        ("Paid", "payment_received"),
        ("Closed", "closed"),
        ("Shipped", "ship"),
        ("Delivered", "deliver"),
        # normalised: case, spaces, punctuation, full-width
        ("  payment-RECEIVED ", "payment_received"),
        ("ＰＡＩＤ", "payment_received"),
        ("credit_review", "credit_check_started"),
        # a status wrapped in its field's name, and any cancellation
        ("Order Status Credit Review", "credit_check_started"),
        ("Auftrag storniert durch Kunde", "cancellation"),
        ("Order cancelled by customer", "cancellation"),
    ],
)
def test_names_match_their_role(name, role):
    assert match_role(name) == role


def test_unknown_names_stay_unmatched_and_unchanged():
    mapping = ActivityMap.match(["Status", "Sonderfreigabe", "Paid"])
    assert mapping.unmatched == ["Status", "Sonderfreigabe"]
    assert mapping.roles == {"Status": None, "Sonderfreigabe": None, "Paid": "payment_received"}


def test_the_mapping_is_computed_once_per_log_and_overrides_make_a_new_log():
    log = load("o2c_de.csv")
    assert activity_map(log) is activity_map(log)
    assert activity_map(log).unmatched == ["Sonderfreigabe"]
    assert kind_of(log, "Versandt") == "physical" and kind_of(log, "Zahlung eingegangen") == "customer"
    mapped = with_activity_map(log, read_activity_map((FIXTURES / "o2c_de_map.csv").read_bytes()))
    assert mapped is not log and mapped.activity_names == log.activity_names
    assert activity_map(mapped).unmatched == ["Geliefert"]
    assert [mapped.activity_names[c] for c in codes_of_role(mapped, "approval")] == ["Sonderfreigabe"]
    assert activity_map(log).unmatched == ["Sonderfreigabe"]  # the original log keeps its mapping


def test_the_activity_map_csv_round_trips():
    log = load("o2c_de.csv")
    text = activity_map_csv(log).decode("utf-8-sig")
    assert text.splitlines()[:2] == [
        "activity,role,events,role_name,role_name_zh",
        "Auftrag angelegt,order_created,2,Create Sales Order,创建销售订单",
    ]
    assert "Sonderfreigabe,,1,," in text.splitlines()
    assert read_activity_map(activity_map_csv(log)) == dict(activity_map(log).pairs)


def test_activity_map_csv_takes_keys_names_and_synonyms_and_rejects_unknown_roles():
    data = "activity,role\nA,payment_received\nB,Invoice Created\nC,开具发票\nD,ignore\nE,\n".encode()
    assert read_activity_map(data) == {
        "A": "payment_received",
        "B": "invoice_created",
        "C": "invoice_created",
        "D": None,
        "E": None,
    }
    with pytest.raises(FixableError, match="row 2: unknown role 'teleport'"):
        read_activity_map(b"activity,role\nA,teleport\n")
    with pytest.raises(FixableError, match="needs the columns activity and role"):
        read_activity_map(b"name,step\nA,paid\n")


# ---------------------------------------------------------------------------------------------- Chinese


def test_chinese_step_names_give_the_kpis(capsys):
    summary = analyze(capsys, str(FIXTURES / "o2c_zh.csv"))
    assert summary["unmatched"] == []
    assert [(r["activity"], r["role"]) for r in summary["activity_map"]][:3] == [
        ("创建销售订单", "order_created"),
        ("信用检查通过", "credit_check_passed"),
        ("订单激活", "activation"),
    ]
    values = {key: kpi["value"] for key, kpi in summary["kpis"].items()}
    # Z-1 created 01-01 08:00, paid 01-15 08:00: 14 d; Z-2 01-10 08:00 to 02-20 08:00: 41 d; Z-3 unpaid.
    assert values["end_to_end_median"] == (14 + 41) / 2 * DAY
    # Invoice to cash: Z-1 01-05 08:00 to 01-15 08:00 (10 d); Z-2 01-13 12:00 to 02-20 08:00 (37 d 20 h).
    assert values["invoice_to_cash"] == (10 * DAY + 37 * DAY + 20 * 3_600) / 2
    assert values["order_to_delivery"] == 3 * DAY  # both delivered orders after 3 days
    assert values["late_payment_rate"] == 0.5  # Z-2 paid 02-20, due 02-12
    assert values["open_orders"] == 1 and values["open_order_age"] == 31 * DAY  # Z-3, to the log's end 02-20
    # Z-1 breaks no rule; Z-2 is paid late; Z-3 is activated and shipped without a credit check.
    assert values["adherence_rate"] == values["first_time_right"] == pytest.approx(1 / 3)
    # Default costs by role: Z-1 51 EUR, Z-2 51 + a failed credit check 22.5, Z-3 11 + 4 + 9 + 6 = 30.
    assert values["cost_per_order"] == pytest.approx((51 + 73.5 + 30) / 3)
    # The reference model speaks the log's names (its fitness was 0.0 when it knew only the English ones); no
    # order fits, since none has a confirmation, allocation, picking or invoice-sent step.
    assert summary["conformance"]["fitness"] == pytest.approx(0.68)
    assert summary["conformance"]["fitting_cases"] == 0
    rules = {r["name"]: r["violations"] for r in summary["conformance"]["rules"]}
    assert rules == {
        "Credit check before activation": 1,
        "Credit check before shipping": 1,
        "Shipped before invoiced": 0,
        "Invoiced before paid": 0,
        "No change after confirmation": None,
        "Four eyes on credit": 0,
        "Credit checks by Credit Control": None,
        "Activated within 3 days": 0,
        "Shipped by promised date": None,
        "Delivered by requested date": None,
        "Paid by due date": 1,
    }


def test_automation_never_ranks_warehouse_customer_or_carrier_work():
    log = load("o2c_zh.csv")
    table = automation_candidates(log.view(), (), default_cost_table(log)).set_index("activity")
    assert table.loc[["发货", "已交付", "收到付款"], "score"].tolist() == [0, 0, 0]
    assert table.loc[["发货", "已交付", "收到付款"], "kind"].tolist() == ["physical", "partner", "customer"]
    assert table.loc["开具发票", "score"] > 0 and table.loc["开具发票", "kind"] == "clerical"
    assert is_external("收到付款", log) and is_external("已交付", log) and not is_external("发货", log)


# ---------------------------------------------------------------------------------------------- German


def test_german_step_names_and_an_activity_map(capsys):
    summary = analyze(capsys, str(FIXTURES / "o2c_de.csv"))
    assert summary["unmatched"] == ["Sonderfreigabe"]
    values = {key: kpi["value"] for key, kpi in summary["kpis"].items()}
    # D-1 03-01 08:00 to 03-24 12:00 (23 d 4 h); D-2 03-05 08:00 to 04-08 08:00 (34 d).
    assert values["end_to_end_median"] == (23 * DAY + 4 * 3_600 + 34 * DAY) / 2
    assert values["order_to_delivery"] == 3 * DAY  # 3 d for both
    assert values["adherence_rate"] == 1.0
    assert values["cost_per_order"] == 51.0  # the unmatched step costs nothing

    mapped = analyze(capsys, str(FIXTURES / "o2c_de.csv"), "--activity-map", str(FIXTURES / "o2c_de_map.csv"))
    assert mapped["unmatched"] == ["Geliefert"]
    assert {r["activity"]: r["role"] for r in mapped["activity_map"]}["Sonderfreigabe"] == "approval"
    assert mapped["kpis"]["order_to_delivery"] == {
        "value": None,
        "unit": "seconds",
        "judged_orders": 0,
        "missing": "needs Delivered",
    }
    assert mapped["kpis"]["cost_per_order"]["value"] == 55.0  # 51 - 1.5 for delivery, + 11 approval on D-2 / 2


def test_a_bad_activity_map_is_a_usage_error(capsys, tmp_path):
    bad = tmp_path / "map.csv"
    bad.write_text("activity,role\nVersandt,teleport\n", encoding="utf-8")
    assert main(["analyze", str(FIXTURES / "o2c_de.csv"), "--json", "--activity-map", str(bad)]) == 2
    assert "unknown role 'teleport'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------- not applicable


def test_rules_on_steps_the_data_lacks_are_not_applicable(capsys):
    summary = analyze(capsys, str(FIXTURES / "o2c_no_shipping.csv"))
    rules = {r["name"]: r for r in summary["conformance"]["rules"]}
    assert rules["Shipped before invoiced"] == {
        "name": "Shipped before invoiced",
        "violations": None,
        "not_applicable": "not applicable: the data has no “Shipped” step.",
    }
    assert rules["Credit check before activation"]["violations"] == 1  # N-2
    assert rules["Invoiced before paid"] == {"name": "Invoiced before paid", "violations": 0, "not_applicable": None}
    # Only applicable rules count: N-1 breaks none, N-2 one.
    assert summary["kpis"]["adherence_rate"]["value"] == 0.5


def test_without_due_dates_late_payment_is_not_applicable(capsys):
    summary = analyze(capsys, str(FIXTURES / "o2c_no_shipping.csv"))
    assert summary["kpis"]["late_payment_rate"] == {
        "value": None,
        "unit": "share",
        "judged_orders": 0,
        "missing": "needs invoice_due_date",
    }
    paid = {r["name"]: r for r in summary["conformance"]["rules"]}["Paid by due date"]
    assert paid["violations"] is None
    assert paid["not_applicable"] == "not applicable: the orders have no date column “invoice_due_date”."


def test_no_applicable_rule_means_no_adherence():
    log = load("o2c_no_shipping.csv")
    only_shipping = RuleSet(tuple(r for r in DEFAULT_RULES.rules if "Shipped" in r.name))
    results = evaluate_rules(log, only_shipping)
    assert not rules_fit(log, results)
    values = {v.kpi.key: v for v in kpi_values(log.view(), Settings(rules=only_shipping))}
    assert values["adherence_rate"].value is None and values["first_time_right"].value is None
    assert values["adherence_rate"].missing.startswith("rules that fit the data (none of the 2 rules applies")


def test_reports_list_the_rules_that_do_not_apply(tmp_path):
    html = tmp_path / "report.html"
    assert (
        main(
            [
                "report",
                str(FIXTURES / "o2c_de.csv"),
                "--out",
                str(html),
                "--activity-map",
                str(FIXTURES / "o2c_de_map.csv"),
            ]
        )
        == 0
    )
    text = html.read_text(encoding="utf-8")
    assert (
        "Not applicable to this data: No change after confirmation (not applicable: the data has no “Order "
        "Changed” step; the data has no “Order Confirmation Sent” step.)" in text
    )
    assert (
        "Delivered by requested date (not applicable: the data has no “Delivered” step; the orders have no "
        "date column “requested delivery date”.)" in text
    )
    workbook = tmp_path / "报告.xlsx"
    assert main(["report", str(FIXTURES / "o2c_zh.csv"), "--out", str(workbook), "--lang", "zh"]) == 0
    book = openpyxl.load_workbook(workbook)
    cells = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    reason = "不适用:订单数据中没有日期列“承诺日期”。"  # the template column by its Chinese label
    assert any(c.startswith("不适用于此数据的规则:") and reason in c for c in cells)


def test_org_status_labels_are_steps_and_credit_review_is_no_passed_check(capsys):
    summary = analyze(capsys, str(FIXTURES / "o2c_org_status.csv"))
    assert summary["unmatched"] == []
    assert {r["activity"]: r["role"] for r in summary["activity_map"]} == {
        "Draft": "order_created",
        "Credit Review": "credit_check_started",
        "Activated": "activation",
        "Shipped": "ship",
        "Invoiced": "invoice_created",
        "Paid": "payment_received",
        "Closed": "closed",
        "On Hold": "credit_check_started",
        "Cancelled": "cancellation",
    }
    values = {key: kpi["value"] for key, kpi in summary["kpis"].items()}
    assert values["end_to_end_median"] == 23 * DAY + 3_600  # 06-03 08:00 to 06-26 09:00; the other is cancelled
    assert values["invoice_to_cash"] == 20 * DAY
    assert values["open_orders"] == 0  # one paid, one cancelled
    assert summary["paid_share"] == 0.5
    rules = {r["name"]: r for r in summary["conformance"]["rules"]}
    # A credit review is not a passed credit check: the rule cannot be checked (it used to flag every order).
    assert rules["Credit check before activation"] == {
        "name": "Credit check before activation",
        "violations": None,
        "not_applicable": "not applicable: the data has no “Credit Check Passed” step.",
    }
    assert rules["Shipped before invoiced"]["violations"] == 1  # the second order is invoiced before it ships
    assert values["adherence_rate"] == 0.5
    # Default costs by role: 11 + 4 + 9 + 6 + 4.5 (the review and closing cost nothing by default), and
    # 11 + 4 + 6 + 9 + 9 for the cancelled order.
    assert values["cost_per_order"] == (34.5 + 39) / 2


def test_automation_on_the_sample_backlog_skips_warehouse_and_customer_steps(sample_log):
    titles = improvement_backlog(sample_log.view())["title"].tolist()
    automated = [title for title in titles if title.startswith("Automate ")]
    assert automated and not {
        "Automate Picked",
        "Automate Shipped",
        "Automate Delivered",
        "Automate Payment Received",
    } & set(automated)


def test_a_chinese_report_names_missing_steps_in_chinese():
    log = load("o2c_no_shipping.csv")
    values = {v.kpi.key: v for v in kpi_values(log.view())}
    assert kpi_note(values["order_to_delivery"], "zh") == "需要 已交付"
    assert kpi_note(values["order_to_delivery"], "en") == "needs Delivered"
    assert kpi_note(values["late_payment_rate"], "zh") == "需要 到期日"  # a template column by its Chinese label
