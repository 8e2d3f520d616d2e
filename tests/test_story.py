"""The Overview's story (o2c/monitor/story.py, findings.py): the six outcomes against a baseline window, the five
findings with exact content on the sample (matching what o2c/ingest/sample.py planted), the links that open their
evidence, and the page itself in English and Chinese."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs

import pytest
from conftest import metric, open_app, open_app_with_sample

from o2c.log.filters import Filters
from o2c.monitor.findings import findings
from o2c.monitor.story import OUTCOME_KPIS, Window, outcome_kpis, windows
from ui.navigation import PAGES

D = dt.date


def test_windows_without_dates_split_the_selection_into_halves(tiny_log):
    # Orders start on 1 Jan, 1 Feb and 1 Mar 2024: 61 days, the later 30 against the 31 before.
    assert windows(tiny_log, Filters()) == (
        Window(D(2024, 2, 1), D(2024, 3, 1)),
        Window(D(2024, 1, 1), D(2024, 1, 31)),
    )


def test_windows_with_dates_compare_with_the_period_before_or_a_year_earlier(tiny_log):
    chosen = Filters(date_from=D(2024, 2, 1), date_to=D(2024, 3, 31))
    current = Window(D(2024, 2, 1), D(2024, 3, 31))
    assert current.days == 60
    assert windows(tiny_log, chosen) == (current, Window(D(2023, 12, 3), D(2024, 1, 31)))
    assert windows(tiny_log, chosen, "year") == (current, Window(D(2023, 2, 1), D(2023, 3, 31)))
    picked = Window(D(2024, 1, 1), D(2024, 1, 15))
    assert windows(tiny_log, chosen, "custom", picked) == (current, picked)
    assert windows(tiny_log, Filters({"sales_channel": ("Nobody",)})) is None


def test_outcomes_of_the_tiny_log(tiny_log):
    # SO-1 (Direct, paid after 4 d) in the baseline; SO-2 (unpaid) and SO-3 (paid after 10 d, a repeated credit
    # check) in the current window.
    outcomes = outcome_kpis(tiny_log, Filters())
    cards = {card.value.kpi.key: card for card in outcomes.kpis}
    assert list(cards) == list(OUTCOME_KPIS)
    end_to_end = cards["end_to_end_median"]
    day, hour = 86400, 3600
    assert end_to_end.current == 10 * day + hour and end_to_end.baseline == 4 * day
    assert end_to_end.value.value == (4 * day + 10 * day + hour) / 2  # the median of both paid orders
    assert end_to_end.delta == 6 * day + hour and end_to_end.verdict == "worse"
    # A failed check passed later is a check family, not a repeated step: no rework in either window.
    assert (cards["rework_rate"].current, cards["rework_rate"].baseline) == (0.0, 0.0)
    assert cards["rework_rate"].verdict == "same" and cards["rework_rate"].pct_change is None  # none against 0
    assert cards["invoice_to_cash"].value.missing == "Invoice Created"  # not applicable, needs the step
    assert cards["invoice_to_cash"].delta is None
    assert (outcomes.current_orders, outcomes.baseline_orders, outcomes.open_share) == (2, 1, 0.5)
    assert outcomes.still_open


def test_five_findings_on_the_sample_name_the_planted_problems(sample_log):
    found, left = findings(sample_log.view(Filters().case_mask(sample_log)))
    assert left == []
    by_kind = {f.kind: f for f in found}
    assert list(by_kind) == ["bottleneck", "late_payment", "rule", "rework", "automation"]

    # Planted 2: Partner orders wait about 4.5 days before activation.
    bottleneck = by_kind["bottleneck"]
    assert bottleneck.headline == "Orders wait between Credit Check Passed and Order Activated"
    assert bottleneck.text == (
        "The median wait is 5.0 h; 827 orders wait longer, 2,430 order-days in all beyond it. Orders with sales "
        "channel = Partner wait 5.0 d there (median), the others 2.9 h."
    )
    assert bottleneck.link == "/process-map?_map=performance&sales_channel=Partner"

    # Planted 7: the late payers; two of them are the Singapore accounts.
    late = by_kind["late_payment"]
    assert late.headline == "Late payment goes with country = Singapore"
    assert late.text.startswith("Late payment: 82% of country = Singapore (75 of 92) against 12% of the other orders")
    assert late.text.endswith("Most of them: Pacific Rim Electronics Pte Ltd (57), Little Lion Retail Pte Ltd (17).")
    assert late.link == "/root-causes?_outcome=late_payment"

    # Planted 2 again, as a rule: activation within 3 days is what Partner orders break.
    rule = by_kind["rule"]
    assert rule.headline == "“Activated within 3 days” is broken most often"
    assert rule.text == (
        "586 orders (29%) break it (severity low). 91% of the orders with sales channel = Partner do, against 10% "
        "of the others."
    )
    assert rule.link == "/conformance?sales_channel=Partner"

    # Planted 1: repeated credit checks.
    rework = by_kind["rework"]
    assert rework.headline == "Credit Check (Failed / Passed) is done again and again"
    assert rework.text == (
        "Repeated in 299 orders (15%), 299 extra executions; these orders take 2.7 d longer end to end (median)."
    )
    assert rework.link == "/rework?_focus=Credit+Check+%28Failed+%2F+Passed%29"

    automation = by_kind["automation"]
    assert automation.headline == "Automate Credit Check Passed"
    assert automation.text.startswith("100% of 1,757 executions are done by people (mostly Credit Controller)")
    assert automation.link == "/automation"


def test_findings_keep_the_selection_and_the_language_in_their_links(sample_log):
    chosen = Filters({"region": ("EMEA",)})
    found, _ = findings(chosen.apply(sample_log), chosen, lang="zh")
    bottleneck = next(f for f in found if f.kind == "bottleneck")
    assert bottleneck.headline == "订单卡在 Credit Check Passed 与 Order Activated 之间"
    assert parse_qs(bottleneck.link.split("?")[1]) == {
        "region": ["EMEA"],
        "lang": ["zh"],
        "_map": ["performance"],
        "sales_channel": ["Partner"],
    }


def test_a_finding_the_data_cannot_support_is_left_out_with_the_reason(orders_flat_log):
    found, left = findings(orders_flat_log.view(Filters().case_mask(orders_flat_log)))
    assert [f.kind for f in found] == ["bottleneck", "rework", "automation"]
    reasons = {o.kind: o.reason for o in left}
    assert reasons["late_payment"] == "needs invoice due date"
    assert reasons["rule"].startswith("needs rules that fit the data (none of the 11 rules applies; the data lacks")


# --- the page ---------------------------------------------------------------------------------------------------

OVERVIEW = "pages/overview.py"


@pytest.fixture(scope="module")
def overview_en():
    return open_app_with_sample(OVERVIEW)


def test_overview_shows_the_six_outcomes_with_their_change(overview_en):
    at = overview_en
    assert not at.exception
    assert metric(at, "Orders") == "2,000"
    cards = {m.label: (m.value, m.delta) for m in at.metric}
    assert cards["End-to-end time"] == ("37.8 d", "-2.1 d (-5.3%)")
    assert cards["Invoice to cash"] == ("28.2 d", "-23.7 h (-3.5%)")
    assert cards["Rework"] == ("13.5%", "-0.8 pp (-5.6%)")
    assert cards["On-time delivery"] == ("83.1%", "-0.6 pp (-0.7%)")
    assert cards["Standard process"] == ("36.8%", "+5.7 pp (+16.8%)")
    assert cards["Cost per order"] == ("78.23 EUR", "-3.21 EUR (-4.0%)")
    # Colour by which direction is good (st.metric's colours: 0 red, 1 green): shorter, less and cheaper are green
    # when they fall, adherence when it rises; on-time delivery fell, so it is red.
    colours = {m.label: m.proto.color for m in at.metric}
    assert [colours[label] for label in list(cards)[-6:]] == [1, 1, 1, 0, 1, 1]
    captions = [c.value for c in at.caption]
    assert "Half of the paid orders went from creation to cash in 37.8 d or less." in captions
    assert any(c.startswith("Values: the 2,000 selected orders. Change: orders from 2024-07-02") for c in captions)
    assert any(c.startswith("23% of the orders from 2024-07-02 – 2024-12-31 are still open") for c in captions)


def test_overview_lists_the_findings_with_their_links(overview_en):
    at = overview_en
    texts = [m.value for m in at.markdown]
    assert any("**Orders wait between Credit Check Passed and Order Activated**" in t for t in texts)
    links = at.get("page_link")
    assert [link.proto.page for link in links] == ["process-map", "root-causes", "conformance", "rework", "automation"]
    assert links[0].proto.query_string == "_map=performance&sales_channel=Partner&_link=1"
    assert links[0].proto.help == "/process-map?_map=performance&sales_channel=Partner"


def test_overview_in_chinese():
    at = open_app_with_sample(OVERVIEW)
    at.sidebar.button_group(key="lang_choice").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == "概览"
    labels = [m.label for m in at.metric]
    assert labels[-6:] == ["端到端用时", "开票到收款", "返工", "准时交付", "遵循标准流程", "单笔订单成本"]
    assert at.selectbox(key="overview_baseline_zh").value == "previous"
    texts = [m.value for m in at.markdown]
    assert any("**规则“3 天内激活”被违反最多**" in t for t in texts)
    assert "lang=zh" in at.get("page_link")[0].proto.query_string


def test_a_picked_baseline_changes_the_comparison(overview_en):
    at = overview_en
    at.selectbox(key="overview_baseline_en").set_value("year").run()
    captions = [c.value for c in at.caption]
    assert any("against 2023-07-02 – 2023-12-31 (1,073 against 0 orders)" in c for c in captions)
    assert {m.label: m.delta for m in at.metric}["End-to-end time"] in ("", None)  # no orders a year earlier
    at.selectbox(key="overview_baseline_en").set_value("previous").run()


# --- each link opens its evidence --------------------------------------------------------------------------------

PAGE_FILES = {p.url_path: p.file for p in PAGES}


def follow(link: str):
    """A session with the sample loaded that follows ``link`` (as a click on the Overview's page link does)."""
    at = open_app_with_sample()
    path, _, query = link.partition("?")
    for key, values in {**parse_qs(query), "_link": ["1"]}.items():
        at.query_params[key] = values
    at.switch_page(PAGE_FILES[path.strip("/")]).run()
    assert not at.exception
    return at


def test_bottleneck_link_opens_the_partner_performance_map(sample_log):
    at = follow("/process-map?_map=performance&sales_channel=Partner")
    assert at.sidebar.multiselect(key="filter_sales_channel").value == ["Partner"]
    assert at.caption[0].value == "Partner orders: 486 of 2,000"
    assert at.session_state["map_view"] == "performance"
    assert "_map" not in at.query_params and "_link" not in at.query_params


def test_late_payment_link_opens_root_causes_of_late_payment():
    at = follow("/root-causes?_outcome=late_payment")
    assert at.selectbox(key="rc_outcome").value == "late_payment"
    segments = at.dataframe[0].value
    # Singapore ranks second by extra orders and explains the first (Net 30) too: the backlog skips Net 30, whose
    # late orders are not slower on average.
    assert segments["value"].tolist()[:2] == ["Net 30", "Singapore"]
    assert segments["explained"].iloc[0] == "country = Singapore (72%)"


def test_rule_link_opens_conformance_for_partner_orders():
    at = follow("/conformance?sales_channel=Partner")
    assert at.caption[0].value == "Partner orders: 486 of 2,000"
    table = next(df.value for df in at.dataframe if "rule" in df.value.columns)
    row = table.loc[table["rule"] == "Activated within 3 days"].iloc[0]
    assert row["orders"] == "441"  # 91% of Partner's 486 orders


def test_rework_link_focuses_the_credit_check_orders():
    at = follow("/rework?_focus=Credit+Check+%28Failed+%2F+Passed%29")
    assert at.selectbox(key="rework_focus").value == "Credit Check (Failed / Passed)"


def test_automation_link_opens_the_candidates():
    at = follow("/automation")
    assert at.title[0].value == "Automation & cost"


# --- small things users saw ----------------------------------------------------------------------------------------


def _chart_specs(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("vega_lite_chart")]


def test_chart_month_names_follow_the_language():
    at = open_app_with_sample("pages/cycle_times.py")
    specs = _chart_specs(at)
    assert specs and not any('"locale"' in spec for spec in specs)  # English: Vega's own names
    at.sidebar.button_group(key="lang_choice").set_value("zh").run()
    configs = [json.loads(spec)["config"] for spec in _chart_specs(at)]
    assert configs and all(c["locale"]["time"]["months"][2] == "三月" for c in configs)


def test_a_baseline_of_dates_the_user_picks(overview_en):
    at = overview_en
    at.selectbox(key="overview_baseline_en").set_value("custom").run()
    at.date_input(key="overview_baseline_dates").set_value((D(2024, 3, 1), D(2024, 3, 31))).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any("2024-07-02 – 2024-12-31 against 2024-03-01 – 2024-03-31" in c for c in captions)
    at.selectbox(key="overview_baseline_en").set_value("previous").run()


def test_presentation_mode_folds_the_sidebar_and_enlarges_the_charts():
    at = open_app_with_sample("pages/cycle_times.py")
    at.sidebar.toggle(key="presentation").set_value(True).run()
    assert not at.exception
    assert at.caption[0].value == "Orders: 2,000 of 2,000"  # the one-line filter summary, above the title
    links = {link.proto.label: link.proto.page for link in at.get("page_link")}
    assert links == {"Previous": "rework", "Next: Order explorer": "order"}
    configs = [json.loads(spec)["config"] for spec in _chart_specs(at)]
    assert configs and all(c["axis"]["labelFontSize"] == 15 for c in configs)
    at.button(key="presentation_exit").click().run()
    assert not at.get("page_link") and at.sidebar.toggle(key="presentation").value is False


def test_one_order_without_a_resource_supports_no_finding():
    from conftest import log_from_csv

    log = log_from_csv("case_id,activity,timestamp\nA,Create Sales Order,2024-01-01T08:00:00Z\n")
    found, left = findings(log.view(Filters().case_mask(log)))
    assert found == []
    reasons = {o.kind: o.reason for o in left}
    assert list(reasons) == ["bottleneck", "late_payment", "rule", "rework", "automation"]
    assert reasons["bottleneck"] == "no step waits longer than its median"
    assert reasons["rework"] == "no order repeats a step"
    assert reasons["automation"] == "needs the resource column (who did each step)"
    assert windows(log, Filters()) == (Window(D(2024, 1, 1), D(2024, 1, 1)), Window(D(2023, 12, 31), D(2023, 12, 31)))


def test_too_few_orders_show_no_change_and_say_why():
    at = open_app()
    at.query_params["f"] = ["has:Credit Check Failed", "duration>30d", "rework:yes"]  # a shared link
    at.run()
    at.button(key="load_sample").click().run()
    at.switch_page(OVERVIEW).run()
    assert not at.exception
    assert metric(at, "Orders") == "15"
    outcomes = [m for m in at.metric if m.label in ("End-to-end time", "Rework", "Standard process")]
    assert len(outcomes) == 3 and not any(m.delta for m in outcomes)  # 8 against 7 orders: a change is chance
    captions = [c.value for c in at.caption]
    assert any(c.startswith("No change is shown: 8 against 7 orders is too few") for c in captions)
