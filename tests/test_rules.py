"""No-code compliance rules: each rule type on tiny hand-made logs, the rules table and its problems, the Rules
sheet, the views and exports, and the planted problems of the sample found by the default rules."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import xlsx_bytes

from o2c.conform.rules import (
    DEFAULT_RULES,
    RULE_COLUMNS,
    Rule,
    RuleSet,
    adherence,
    adherence_trend,
    evaluate_rules,
    parse_rules,
    read_rules_sheet,
    rule_examples,
    rule_table,
    rule_trends,
    rules_summary,
    violations_export,
)
from o2c.export import to_csv_bytes, to_xlsx_bytes
from o2c.ingest.sample import LATE_CARRIER, LATE_PAYERS, SELF_CHECKING_REPS
from o2c.log.eventlog import build_event_log
from o2c.workbook.template import build_template
from ui.editable_table import apply_editor_changes


def make_log(rows: list[tuple], orders: dict[str, list] | None = None):
    """A log from (case, activity, time[, resource, role, department]) rows; times are UTC text, blank text is
    missing."""
    columns = ["case_id", "activity", "timestamp", "resource", "role", "department"][: len(rows[0])]
    events = pd.DataFrame(rows, columns=columns).replace("", None)
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True, format="ISO8601")
    events["row"] = np.arange(len(events)) + 2
    table = pd.DataFrame(orders) if orders else None
    if table is not None:
        for name in table.columns:
            if name.endswith("_date"):
                table[name] = pd.to_datetime(table[name], utc=True)
    return build_event_log(events, table)


def found(log, rule: Rule) -> dict[str, str]:
    """Violating case id -> details, for one rule."""
    results = evaluate_rules(log, RuleSet((rule,)))
    outcome = results.outcomes[0]
    assert outcome.evaluated
    slowest, _ = rule_examples(log.view(), results, 0, limit=100)
    return dict(zip(slowest["case_id"], slowest["details"]))


# ---------------------------------------------------------------------------------------------- rule types

PRECEDENCE = Rule("Check first", "precedence", "Credit Check Passed", "Order Activated")


def test_precedence():
    log = make_log(
        [
            ("ok", "Credit Check Passed", "2024-01-01 09:00"),
            ("ok", "Order Activated", "2024-01-01 10:00"),
            ("none", "Order Activated", "2024-01-02 10:00"),
            ("late", "Order Activated", "2024-01-03 10:00"),
            ("late", "Credit Check Passed", "2024-01-03 11:30"),
            ("tie", "Order Activated", "2024-01-04 10:00"),
            ("tie", "Credit Check Passed", "2024-01-04 10:00"),
            ("no_b", "Create Sales Order", "2024-01-05 10:00"),
            ("again", "Credit Check Passed", "2024-01-06 09:00"),
            ("again", "Order Activated", "2024-01-06 10:00"),
            ("again", "Order Activated", "2024-01-06 12:00"),
        ]
    )
    assert found(log, PRECEDENCE) == {
        "none": "Order Activated on 2024-01-02 10:00 with no Credit Check Passed before it",
        "late": "Order Activated on 2024-01-03 10:00, Credit Check Passed only on 2024-01-03 11:30",
    }


def test_existence_everywhere_and_in_scope():
    log = make_log(
        [
            ("ok", "Create Sales Order", "2024-01-01 08:00"),
            ("ok", "Credit Check Passed", "2024-01-01 09:00"),
            ("ok", "Shipped", "2024-01-02 09:00"),
            ("skipped", "Create Sales Order", "2024-01-03 08:00"),
            ("skipped", "Shipped", "2024-01-04 08:00"),
            ("young", "Create Sales Order", "2024-01-05 08:00"),
        ]
    )
    everywhere = Rule("Checked", "existence", "Credit Check Passed")
    assert found(log, everywhere) == {
        "skipped": "Credit Check Passed never happened",
        "young": "Credit Check Passed never happened",
    }
    shipped = Rule("Checked before shipping", "existence", "Credit Check Passed", "Shipped")
    assert found(log, shipped) == {"skipped": "Credit Check Passed never happened"}


def test_absence_everywhere_and_after():
    log = make_log(
        [
            ("before", "Order Changed", "2024-01-01 08:00"),
            ("before", "Order Confirmation Sent", "2024-01-01 09:00"),
            ("after", "Order Confirmation Sent", "2024-01-02 09:00"),
            ("after", "Order Changed", "2024-01-03 10:00"),
            ("after", "Order Changed", "2024-01-04 10:00"),
            ("tie", "Order Confirmation Sent", "2024-01-05 09:00"),
            ("tie", "Order Changed", "2024-01-05 09:00"),
            ("never", "Order Confirmation Sent", "2024-01-06 09:00"),
            ("unconfirmed", "Order Changed", "2024-01-07 09:00"),
        ]
    )
    after = Rule("No change after confirmation", "absence", "Order Changed", "Order Confirmation Sent")
    assert found(log, after) == {
        "after": "Order Changed on 2024-01-03 10:00, after Order Confirmation Sent on 2024-01-02 09:00"
    }
    never = Rule("Never changed", "absence", "Order Changed")
    assert set(found(log, never)) == {"before", "after", "tie", "unconfirmed"}
    assert found(log, never)["after"] == "Order Changed on 2024-01-03 10:00"


def test_time_limit_between_activities():
    log = make_log(
        [
            ("fast", "Create Sales Order", "2024-01-01 08:00"),
            ("fast", "Order Activated", "2024-01-02 08:00"),
            ("exact", "Create Sales Order", "2024-01-01 08:00"),
            ("exact", "Order Activated", "2024-01-04 08:00"),
            ("slow", "Create Sales Order", "2024-01-01 08:00"),
            ("slow", "Order Activated", "2024-01-04 08:00:01"),
            # an activation before creation does not count: the next one after it does
            ("odd", "Order Activated", "2024-01-01 07:00"),
            ("odd", "Create Sales Order", "2024-01-01 08:00"),
            ("odd", "Order Activated", "2024-01-05 08:00"),
            ("waiting", "Create Sales Order", "2024-01-02 08:00"),
            ("recent", "Create Sales Order", "2024-01-08 08:00"),
            ("cancelled", "Create Sales Order", "2024-01-01 08:00"),
            ("cancelled", "Order Cancelled", "2024-01-01 09:00"),
            ("no_start", "Order Activated", "2024-01-09 08:00"),
        ]
    )
    rule = Rule("Activated within 3 days", "time_limit", "Create Sales Order", "Order Activated", limit=3, unit="days")
    assert found(log, rule) == {
        "slow": "Order Activated 3.0 d after Create Sales Order (limit 3.0 d)",
        "odd": "Order Activated 4.0 d after Create Sales Order (limit 3.0 d)",
        # the log ends 2024-01-09 08:00: 7 days after creation, still no activation
        "waiting": "no Order Activated yet, 7.0 d after Create Sales Order (limit 3.0 d)",
    }
    hours = Rule("Activated within 30 h", "time_limit", "Create Sales Order", "Order Activated", limit=30, unit="hours")
    assert "fast" not in found(log, hours) and "exact" in found(log, hours)


def test_time_limit_by_an_order_date():
    log = make_log(
        [
            ("on_day", "Delivered", "2024-01-10 23:00"),
            ("next_day", "Delivered", "2024-01-11 00:00"),
            ("no_date", "Delivered", "2024-01-12 00:00"),
            ("overdue", "Shipped", "2024-01-05 10:00"),
            ("future", "Shipped", "2024-01-05 10:00"),
            ("cancelled", "Order Cancelled", "2024-01-05 10:00"),
            ("end", "Create Sales Order", "2024-01-20 12:00"),
        ],
        orders={
            "case_id": ["on_day", "next_day", "no_date", "overdue", "future", "cancelled", "end"],
            "requested_delivery_date": [
                "2024-01-10",
                "2024-01-10",
                None,
                "2024-01-15",
                "2024-01-25",
                "2024-01-12",
                None,
            ],
        },
    )
    rule = Rule("Delivered by requested date", "time_limit", "Delivered", date_field="requested_delivery_date")
    assert found(log, rule) == {
        "next_day": "Delivered on 2024-01-11 00:00, 0 min after requested delivery date 2024-01-10",
        "overdue": "no Delivered yet; requested delivery date was 2024-01-15",
    }
    grace = Rule(
        "Delivered within a day of the requested date",
        "time_limit",
        "Delivered",
        limit=1,
        unit="days",
        date_field="requested_delivery_date",
    )
    assert set(found(log, grace)) == {"overdue"}


def test_four_eyes():
    log = make_log(
        [
            ("same", "Create Sales Order", "2024-01-01 08:00", "Marco"),
            ("same", "Credit Check Passed", "2024-01-01 09:00", "Marco"),
            ("other", "Create Sales Order", "2024-01-02 08:00", "Marco"),
            ("other", "Credit Check Passed", "2024-01-02 09:00", "Anna"),
            ("second", "Create Sales Order", "2024-01-03 08:00", "Marco"),
            ("second", "Credit Check Passed", "2024-01-03 09:00", "Anna"),
            ("second", "Credit Check Passed", "2024-01-04 09:00", "Marco"),
            ("unknown", "Create Sales Order", "2024-01-05 08:00", None),
            ("unknown", "Credit Check Passed", "2024-01-05 09:00", None),
            ("crossed", "Create Sales Order", "2024-01-06 08:00", "Anna"),
            ("crossed", "Credit Check Passed", "2024-01-06 09:00", "Marco"),
        ]
    )
    rule = Rule("Four eyes", "four_eyes", "Create Sales Order", "Credit Check Passed")
    assert found(log, rule) == {
        "same": "Marco did both Create Sales Order and Credit Check Passed",
        "second": "Marco did both Create Sales Order and Credit Check Passed",
    }
    twice = Rule("Not twice", "four_eyes", "Credit Check Passed", "Credit Check Passed")
    assert set(found(log, twice)) == set()
    log = make_log(
        [
            ("a", "Credit Check Passed", "2024-01-01 08:00", "Li"),
            ("a", "Credit Check Passed", "2024-01-02 08:00", "Li"),
            ("b", "Credit Check Passed", "2024-01-01 08:00", "Li"),
            ("b", "Credit Check Passed", "2024-01-02 08:00", "Bo"),
        ]
    )
    assert found(log, twice) == {"a": "Li did both Credit Check Passed and Credit Check Passed"}


def test_authorised():
    log = make_log(
        [
            ("ok", "Credit Check Passed", "2024-01-01 08:00", "Anna", "Credit Controller", "Credit Control"),
            ("rep", "Credit Check Passed", "2024-01-02 08:00", "Marco", "Sales Rep", "Sales"),
            ("case", "Credit Check Passed", "2024-01-03 08:00", "Li", "Credit Controller", "credit control "),
            ("unknown", "Credit Check Passed", "2024-01-04 08:00", "Bo", None, None),
            ("role_only", "Credit Check Passed", "2024-01-05 08:00", "Ed", "Credit Control", "Finance"),
            ("later", "Credit Check Passed", "2024-01-06 08:00", "Anna", "Credit Controller", "Credit Control"),
            ("later", "Credit Check Passed", "2024-01-07 08:00", "Marco", "Sales Rep", "Sales"),
        ]
    )
    by_department = Rule(
        "Credit Control only",
        "authorised",
        "Credit Check Passed",
        attribute="department",
        allowed_values=("Credit Control",),
    )
    assert found(log, by_department) == {
        "rep": "Credit Check Passed by Marco (Sales)",
        "role_only": "Credit Check Passed by Ed (Finance)",
        "later": "Credit Check Passed by Marco (Sales)",
    }
    # no attribute: the role or the department may match
    either = Rule("Credit Control only", "authorised", "Credit Check Passed", allowed_values=("Credit Control",))
    assert found(log, either) == {
        "rep": "Credit Check Passed by Marco (Sales Rep, Sales)",
        "later": "Credit Check Passed by Marco (Sales Rep, Sales)",
    }


# ---------------------------------------------------------------------------------------------- the table


def table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**dict.fromkeys(RULE_COLUMNS), **row} for row in rows])


def test_defaults_round_trip_through_the_table():
    rules, problems = parse_rules(DEFAULT_RULES.to_frame())
    assert problems == []
    assert rules == DEFAULT_RULES
    assert [r.type for r in DEFAULT_RULES.rules].count("time_limit") == 4
    assert {r.type for r in DEFAULT_RULES.rules} == {
        "precedence",
        "existence",
        "absence",
        "time_limit",
        "four_eyes",
        "authorised",
    }


def test_bad_rows_are_named_and_left_out():
    frame = table(
        {"rule": "Good", "type": "precedence", "activity": "A", "other_activity": "B"},
        {"rule": "Typo", "type": "sla2", "activity": "A"},
        {"rule": None, "type": "absence", "activity": "A"},
        {"rule": "No second", "type": "four_eyes", "activity": "A"},
        {"rule": "Negative", "type": "time_limit", "activity": "A", "other_activity": "B", "limit": -1, "unit": "days"},
        {"rule": "No unit", "type": "time_limit", "activity": "A", "other_activity": "B", "limit": 2},
        {"rule": "Both", "type": "time_limit", "activity": "A", "other_activity": "B", "date_field": "due_date"},
        {"rule": "Neither", "type": "time_limit", "activity": "A"},
        {"rule": "Nobody", "type": "authorised", "activity": "A"},
        {"rule": "Loud", "type": "absence", "activity": "A", "severity": "critical"},
        {"rule": "good", "type": "existence", "activity": "A"},
        {},
        {"rule": "Same", "type": "precedence", "activity": "A", "other_activity": "a"},
    )
    rules, problems = parse_rules(frame, first_row=2)
    assert [r.name for r in rules.rules] == ["Good"]
    assert [p.message() for p in problems] == [
        "Row 3 (Typo): type “sla2” is not one of: precedence, existence, absence, time_limit, four_eyes, authorised.",
        "Row 4 (–): give the rule a name.",
        "Row 5 (No second): name the second activity (other_activity).",
        "Row 6 (Negative): limit “-1” is not a number of 0 or more.",
        "Row 7 (No unit): give the limit a unit: hours or days.",
        "Row 8 (Both): give either other_activity or date_field, not both.",
        "Row 9 (Neither): a time limit needs other_activity and a limit, or a date_field.",
        "Row 10 (Nobody): list the allowed roles or departments in allowed_values.",
        "Row 11 (Loud): severity “critical” is not high, medium or low.",
        "Row 12 (good): another rule already has this name; names must be unique.",
        "Row 14 (Same): activity and other_activity are the same.",
    ]
    assert problems[0].message("zh").startswith("第 3 行(Typo):类型“sla2”无效")


def test_aliases_and_lenient_cells():
    frame = pd.DataFrame(
        {
            "Name": ["Late pay"],
            "Kind": ["SLA"],
            "A": ["Payment Received"],
            "Grace": ["2,5"],
            "Unit": ["d"],
            "Date": ["invoice_due_date"],
            "Severity": ["High"],
        }
    )
    rules, problems = parse_rules(frame)
    assert problems == []
    assert rules.rules == (
        Rule(
            "Late pay",
            "time_limit",
            "Payment Received",
            limit=2.5,
            unit="days",
            date_field="invoice_due_date",
            severity="high",
        ),
    )
    _, problems = parse_rules(pd.DataFrame({"rule": ["x"]}))
    assert [p.message() for p in problems] == ["The rules table needs the columns type, activity."]


def test_editor_changes():
    base = DEFAULT_RULES.to_frame().head(3)
    changed = apply_editor_changes(
        base,
        {
            "edited_rows": {"1": {"severity": "low"}, 2: {"limit": 4.0}},
            "deleted_rows": [0],
            "added_rows": [{"rule": "New", "type": "existence", "activity": "Shipped"}, {}],
        },
    )
    assert changed["rule"].tolist() == ["Credit check before shipping", "Shipped before invoiced", "New"]
    assert changed["severity"].tolist()[:2] == ["low", "medium"] and pd.isna(changed["severity"].iloc[2])
    assert changed["limit"].tolist()[1] == 4.0
    rules, problems = parse_rules(changed)
    assert problems == [] and rules.rules[-1] == Rule("New", "existence", "Shipped")
    assert rules.rules[1].limit is None  # a precedence rule has no use for a limit
    assert apply_editor_changes(base, {}).equals(base)


def test_rules_that_do_not_fit_the_log_are_reported(tiny_log):
    rules = RuleSet(
        (
            Rule("Unknown step", "precedence", "Credit Check Passed", "Order Teleported"),
            Rule("No such date", "time_limit", "Shipped", date_field="promised_date"),
            Rule("No departments", "authorised", "Shipped", attribute="department", allowed_values=("Logistics",)),
            Rule("Who", "four_eyes", "Create Sales Order", "Shipped"),
        )
    )
    results = evaluate_rules(tiny_log, rules)
    assert [p.message() for p in results.problems] == [
        "Row 1 (Unknown step): the data has no activity “Order Teleported”; the rule is not applicable.",
        "Row 2 (No such date): the orders have no date column “promised_date”; the rule is skipped.",
        "Row 3 (No departments): the events have no column “department”; the rule is skipped.",
    ]
    # A rule on a step the data never shows is not applicable (it used to run and find 0 violations).
    assert [o.evaluated for o in results.outcomes] == [False, False, False, True]
    assert results.outcomes[0].not_applicable() == "not applicable: the data has no “Order Teleported” step."
    assert [o.cases.size for o in results.outcomes] == [0, 0, 0, 0]


def test_the_template_carries_the_default_rules():
    book = openpyxl.load_workbook(io.BytesIO(build_template()))
    assert [c.value for c in book["Rules"][1]] == list(RULE_COLUMNS)
    rules, problems = read_rules_sheet(build_template(), "o2c_template.xlsx")
    assert (rules, problems) == (DEFAULT_RULES, [])


def test_read_rules_sheet_names_excel_rows():
    rules_sheet = table(
        {
            "rule": "Paid on time",
            "type": "time_limit",
            "activity": "Payment Received",
            "date_field": "invoice_due_date",
        },
        {"rule": "Broken", "type": "four_eyes", "activity": "Create Sales Order"},
    )
    events = pd.DataFrame({"case_id": ["1"], "activity": ["Shipped"], "timestamp": ["2024-01-01"]})
    data = xlsx_bytes({"Events": events, "Rules": rules_sheet})
    rules, problems = read_rules_sheet(data, "mine.XLSX")
    assert [r.name for r in rules.rules] == ["Paid on time"]
    assert [p.message() for p in problems] == ["Row 3 (Broken): name the second activity (other_activity)."]
    assert read_rules_sheet(xlsx_bytes({"Events": events}), "mine.xlsx") == (None, [])
    assert read_rules_sheet(b"case_id,activity\n", "mine.csv") == (None, [])
    assert read_rules_sheet(b"not a zip", "broken.xlsx") == (None, [])


# ---------------------------------------------------------------------------------------------- views


def tiny_results(tiny_log):
    rules = RuleSet(
        (
            Rule("Checked", "existence", "Credit Check Passed"),
            Rule("Paid", "existence", "Payment Received"),
            Rule("Never fails", "absence", "Credit Check Failed", severity="low"),
        )
    )
    return evaluate_rules(tiny_log, rules)


def test_adherence_and_rule_table(tiny_log):
    # SO-1 is clean; SO-2 has no check and no payment; SO-3 failed a check once.
    results = tiny_results(tiny_log)
    assert adherence(tiny_log.view(), results).rate == pytest.approx(1 / 3)
    assert results.violations.tolist() == [0, 2, 1]
    rows = rule_table(tiny_log.view(), results)
    assert rows[["rule", "severity", "orders"]].values.tolist() == [
        ["Checked", "medium", 1],
        ["Paid", "medium", 1],
        ["Never fails", "low", 1],
    ]
    assert rows["last"].tolist() == [pd.Timestamp("2024-02-03 08:00", tz="UTC")] * 2 + [
        pd.Timestamp("2024-03-01 09:00", tz="UTC")
    ]
    partner = tiny_log.view(np.array([False, True, True]))
    assert adherence(partner, results).adherent == 0
    assert rule_table(partner, results)["share"].tolist() == [0.5, 0.5, 0.5]


def test_trends_per_period_and_group(tiny_log):
    results = tiny_results(tiny_log)
    trend = adherence_trend(tiny_log.view(), results, "month")
    assert trend[["orders", "adherent", "rate"]].values.tolist() == [[1, 1, 1.0], [1, 0, 0.0], [1, 0, 0.0]]
    assert trend["period"].dt.month.tolist() == [1, 2, 3]
    groups = (np.array([0, 1, 1]), ["Direct", "Partner"])
    split = adherence_trend(tiny_log.view(), results, "month", groups)
    assert split[["group", "orders"]].values.tolist() == [["Direct", 1], ["Partner", 1], ["Partner", 1]]
    assert rule_trends(tiny_log.view(), results, "month") == [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]


def test_export_is_formula_safe_in_csv_and_excel():
    # A third order with a credit check makes the rule applicable; the other two break it.
    log = make_log(
        [
            ('=HYPERLINK("http://x")', "Order Activated", "2024-01-01 08:00"),
            ("8015", "Order Activated", "2024-01-02 08:00"),
            ("9000", "Credit Check Passed", "2024-01-02 09:00"),
        ],
        orders={"case_id": ['=HYPERLINK("http://x")', "8015"], "account_name": ["@Acme", "Beta"]},
    )
    results = evaluate_rules(log, RuleSet((PRECEDENCE,)))
    frame = violations_export(log.view(), results)
    assert list(frame.columns) == ["Salesforce Order Id", "Account", "Rule", "Severity", "When (UTC)", "Details"]
    assert frame["Salesforce Order Id"].tolist() == ["8015", '=HYPERLINK("http://x")']
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), encoding="utf-8-sig", dtype=str)
    assert csv["Salesforce Order Id"].tolist() == ["8015", '\'=HYPERLINK("http://x")']
    assert csv["Account"].tolist() == ["Beta", "'@Acme"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, "Violations")))["Violations"]
    assert [c.value for c in sheet[1]] == list(frame.columns)
    assert sheet["A3"].value == '\'=HYPERLINK("http://x")' and sheet["A3"].data_type == "s"
    assert sheet["F2"].value == "Order Activated on 2024-01-02 08:00 with no Credit Check Passed before it"


# ---------------------------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def sample_results(sample_log):
    return evaluate_rules(sample_log, DEFAULT_RULES)


def _cases(sample_log, sample_results, name: str) -> np.ndarray:
    outcome = next(o for o in sample_results.outcomes if o.rule.name == name)
    return outcome.cases


def _per_case(sample_log) -> dict[str, pd.DataFrame]:
    frame = sample_log.to_frame()
    frame["activity"] = frame["activity"].astype(str)
    return dict(tuple(frame.groupby("case_id", sort=False)))


def test_every_default_rule_matches_a_plain_per_order_reading(sample_log, sample_results):
    """A slow, obvious per-order implementation of each default rule finds exactly the same orders."""
    orders = sample_log.cases.set_index("case_id")
    log_end = sample_log.to_frame()["timestamp"].max()

    def times(events, activity):
        return events.loc[events["activity"] == activity, "timestamp"]

    def deadline_missed(events, done, deadline):
        cancelled = (events["activity"] == "Order Cancelled").any()
        return done > deadline if pd.notna(done) else (deadline < log_end and not cancelled)

    def expected(rule: Rule, case_id: str, events: pd.DataFrame) -> bool:
        a, b = times(events, rule.activity), times(events, rule.other_activity)
        if rule.type == "precedence":
            return not b.empty and (a.empty or a.min() > b.min())
        if rule.type == "existence":
            return a.empty and (not rule.other_activity or not b.empty)
        if rule.type == "absence":
            return not a.empty and (not rule.other_activity or (not b.empty and (a > b.min()).any()))
        if rule.type == "four_eyes":
            creators = set(events.loc[events["activity"] == rule.activity, "resource"].dropna())
            checkers = set(events.loc[events["activity"] == rule.other_activity, "resource"].dropna())
            return bool(creators & checkers)
        if rule.type == "authorised":
            departments = events.loc[events["activity"] == rule.activity, "department"].dropna()
            return bool((~departments.isin(rule.allowed_values)).any())
        if rule.date_field:
            date = orders.at[case_id, rule.date_field]
            if pd.isna(date):
                return False
            return deadline_missed(
                events, a.min() if not a.empty else pd.NaT, date + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")
            )
        if a.empty:
            return False
        later = b[b >= a.min()]
        return deadline_missed(
            events, later.min() if not later.empty else pd.NaT, a.min() + pd.Timedelta(days=rule.limit)
        )

    per_case = _per_case(sample_log)
    ids = sample_log.cases["case_id"].to_numpy()
    for rule, outcome in zip(DEFAULT_RULES.rules, sample_results.outcomes):
        wanted = sorted(case_id for case_id, events in per_case.items() if expected(rule, case_id, events))
        assert sorted(ids[outcome.cases]) == wanted, rule.name


def test_the_planted_problems_are_found(sample_log, sample_results):
    cases = sample_log.cases
    amount = cases["order_amount"].to_numpy()
    # 4. skipped credit checks: only small orders, and most of them
    skipped = _cases(sample_log, sample_results, "Credit check before activation")
    small = np.flatnonzero(amount < 1_000)
    assert skipped.size > 0 and (amount[skipped] < 1_000).all()
    assert skipped.size / small.size > 0.8
    # 5. four eyes: the order owner passed the credit check, only for the two self-checking reps
    four_eyes = _cases(sample_log, sample_results, "Four eyes on credit")
    assert set(cases["owner"].iloc[four_eyes]) == set(SELF_CHECKING_REPS)
    assert 0.02 < four_eyes.size / len(cases) < 0.04
    assert np.array_equal(four_eyes, _cases(sample_log, sample_results, "Credit checks by Credit Control"))
    # 3. changes after confirmation: about 9% of orders
    changed = _cases(sample_log, sample_results, "No change after confirmation")
    assert 0.07 < changed.size / len(cases) < 0.10
    # 6. the late carrier misses the requested delivery date far more often
    late = np.zeros(len(cases), dtype=bool)
    late[_cases(sample_log, sample_results, "Delivered by requested date")] = True
    atlas = (cases["carrier"] == LATE_CARRIER).to_numpy()
    shipped = cases["carrier"].notna().to_numpy()
    assert late[atlas].mean() > 0.4 and late[shipped & ~atlas].mean() < 0.15
    # 7. late payers pay after the due date; the others mostly on time
    overdue = np.zeros(len(cases), dtype=bool)
    overdue[_cases(sample_log, sample_results, "Paid by due date")] = True
    payers = cases["account_name"].isin(LATE_PAYERS).to_numpy() & cases["invoice_due_date"].notna().to_numpy()
    others = ~cases["account_name"].isin(LATE_PAYERS).to_numpy() & cases["invoice_due_date"].notna().to_numpy()
    assert overdue[payers].mean() > 0.9 and overdue[others].mean() < 0.2
    # 2. the Partner wait shows in the activation time limit
    slow = np.zeros(len(cases), dtype=bool)
    slow[_cases(sample_log, sample_results, "Activated within 3 days")] = True
    partner = (cases["sales_channel"] == "Partner").to_numpy()
    assert slow[partner].mean() > 0.7 and slow[~partner].mean() < 0.2


def test_rules_summary_for_the_cli(sample_log, sample_results):
    summary = rules_summary(sample_log.view())
    assert [s["name"] for s in summary] == [r.name for r in DEFAULT_RULES.rules]
    assert [s["violations"] for s in summary] == [o.cases.size for o in sample_results.outcomes]
    partner = sample_log.view((sample_log.cases["sales_channel"] == "Partner").to_numpy())
    assert sum(s["violations"] for s in rules_summary(partner)) < sum(s["violations"] for s in summary)


def test_examples_are_the_slowest_and_the_most_recent(sample_log, sample_results):
    index = [r.name for r in DEFAULT_RULES.rules].index("No change after confirmation")
    slowest, recent = rule_examples(sample_log.view(), sample_results, index, limit=5)
    outcome = sample_results.outcomes[index]
    durations = sample_log.case_duration_seconds[outcome.cases]
    assert slowest["duration_seconds"].tolist() == sorted(durations, reverse=True)[:5]
    assert recent["when"].tolist() == [pd.Timestamp(t, tz="UTC") for t in sorted(outcome.when_ns, reverse=True)[:5]]
    assert all(d.startswith("Order Changed on ") for d in slowest["details"])
