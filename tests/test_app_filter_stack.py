"""The sidebar's filter stack through AppTest: a shared link's stack, the Add filter form, removing a filter, the
same counts as ``analyze --filter``, and every page on a trimmed log."""

from __future__ import annotations

import json

from conftest import ROOT, SAMPLE_WORKBOOK, metric, open_app

from o2c.cli.main import main

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
STACK = ["has:Credit Check Failed", "duration>30d"]


def _with_link(query: dict) -> object:
    at = open_app()
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.button(key="load_sample").click().run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    return at


def _analyze(capsys, *filters: str) -> dict:
    args = [arg for text in filters for arg in ("--filter", text)]
    assert main(["analyze", str(SAMPLE_WORKBOOK), "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_shared_stack_filters_the_app_as_analyze_does(capsys):
    at = _with_link({"f": STACK, "sales_channel": "Partner"})
    summary = _analyze(capsys, "sales_channel=Partner", "has=Credit Check Failed", "duration>30d")
    assert metric(at, "Orders") == f"{summary['cases']:,}"
    assert at.caption[0].value == summary["filter"]
    assert at.caption[0].value.startswith("Partner orders, has Credit Check Failed; end-to-end time over 30d: ")
    lines = [c.value for c in at.sidebar.caption if c.value.startswith(("1\\.", "2\\."))]
    has = _analyze(capsys, "sales_channel=Partner", "has=Credit Check Failed")["cases"]
    assert lines == [
        f"1\\. has Credit Check Failed · {has:,} orders",
        f"2\\. end-to-end time over 30d · {summary['cases']:,} orders",
    ]
    assert at.query_params["f"] == STACK  # the stack stays in the link


def test_add_and_remove_filters_in_the_sidebar(capsys):
    at = _with_link({})
    at.sidebar.selectbox(key="stack_kind_en").set_value("rework").run()
    at.sidebar.button(key="stack_add_en").click().run()
    assert not at.exception
    rework = _analyze(capsys, "rework=yes")["cases"]
    assert metric(at, "Orders") == f"{rework:,}"
    at.sidebar.selectbox(key="stack_kind_en").set_value("presence").run()
    at.sidebar.selectbox(key="stack_mode_presence_en").set_value("lacks").run()
    at.sidebar.multiselect(key="stack_names_en").set_value(["Payment Received"]).run()
    at.sidebar.button(key="stack_add_en").click().run()
    both = _analyze(capsys, "rework=yes", "lacks=Payment Received")["cases"]
    assert metric(at, "Orders") == f"{both:,}"
    assert at.query_params["f"] == ["rework:yes", "lacks:Payment Received"]
    at.sidebar.button(key="stack_remove_0").click().run()
    lacks = _analyze(capsys, "lacks=Payment Received")["cases"]
    assert metric(at, "Orders") == f"{lacks:,}"
    assert at.query_params["f"] == "lacks:Payment Received"


def test_add_a_time_filter(capsys):
    at = _with_link({})
    at.sidebar.selectbox(key="stack_kind_en").set_value("performance").run()
    at.sidebar.number_input(key="stack_amount_en").set_value(20.0).run()
    at.sidebar.button(key="stack_add_en").click().run()
    assert metric(at, "Orders") == f"{_analyze(capsys, 'duration>20d')['cases']:,}"


def test_every_page_works_on_a_trimmed_log(capsys):
    at = _with_link({"f": ["trim:Order Activated>Shipped", "duration>2d"]})
    summary = _analyze(capsys, "trim=Order Activated>Shipped", "duration>2d")
    assert metric(at, "Orders") == f"{summary['cases']:,}"
    assert at.caption[0].value.endswith(f": {summary['cases']:,} of 2,000")
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_filter_to_these_orders_from_the_map_rework_and_root_causes():
    at = _with_link({})
    at.switch_page("pages/process_map.py").run()
    at.selectbox(key="map_filter_pick").set_value("Create Sales Order → Credit Check Failed").run()
    at.button(key="map_filter").click().run()
    assert not at.exception
    assert at.caption[0].value == "Orders, Create Sales Order directly followed by Credit Check Failed: 209 of 2,000"
    at.switch_page("pages/rework.py").run()
    at.button(key="rework_filter").click().run()  # any rework: exactly the listed orders
    assert not at.exception
    steps = at.query_params["f"]
    assert steps[0] == "directly:Create Sales Order>Credit Check Failed"
    picked = len(steps[1].removeprefix("orders:").split("|"))
    assert at.caption[0].value.endswith(f"; {picked:,} picked orders: {picked:,} of 2,000")
    at.switch_page("pages/root_causes.py").run()
    at.button(key="rc_filter").click().run()
    assert not at.exception
    assert len(at.query_params["f"]) == 3


def test_compare_groups_take_stack_filters_from_the_link():
    at = _with_link({"_a.f": ["has:Credit Check Failed"], "_b.f": ["lacks:Credit Check Failed"], "_preset": "custom"})
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert at.markdown[0].value.startswith(
        "**A** has Credit Check Failed: 218 orders · **B** lacks Credit Check Failed: 1,782 orders."
    )
    assert at.query_params["_a.f"] == "has:Credit Check Failed"


def test_the_add_form_builds_each_kind():
    from o2c.log.stack import Endpoint, EventAttribute, Follows, Performance, Presence, Rework, Trim
    from ui.filter_stack import built_step

    assert built_step("presence", {"mode_presence": "lacks", "names": ["X"]}) == Presence(("X",), False)
    assert built_step("presence", {"names": []}) is None
    assert built_step("endpoint", {"mode_endpoint": "notends", "names": ["X"]}) == Endpoint(("X",), True, False)
    follows = {"mode_follows": "directly", "a": "A", "b": "B", "limit": "within", "amount": 4.0, "unit": "h"}
    assert built_step("follows", follows) == Follows("A", "B", True, True, "within", 14400.0)
    assert built_step("performance", {"amount": 30.0, "unit": "d"}) == Performance(2592000.0)
    band = {"mode_performance": "band", "band": (90, 100), "measure": "between", "a": "A", "b": "B"}
    assert built_step("performance", band) == Performance(90.0, 100.0, True, "A", "B")
    people = {"attribute": "resource", "values": ["Ann"], "activity": ""}
    assert built_step("attribute", people) == EventAttribute("resource", ("Ann",))
    assert built_step("rework", {"mode_rework": "no", "activity": "A"}) == Rework(False, "A")
    assert built_step("trim", {"a": "A", "b": "B"}) == Trim("A", "B")


def test_stack_in_chinese():
    at = _with_link({"f": ["has:Credit Check Failed", "trim:Order Activated>Shipped"]})
    at.sidebar.button_group(key="lang_choice").set_value("zh").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="stack_kind_zh").value == "presence"
    assert "含 Credit Check Failed;仅保留 Order Activated 至 Shipped 的部分" in at.caption[0].value
    assert at.caption[0].value.endswith(" / 2,000")


def test_a_link_naming_an_unknown_activity_warns_and_keeps_no_orders():
    at = _with_link({"f": ["has:Credit Chek"]})
    assert not at.exception and not at.metric  # the page says it has no orders to show
    assert at.sidebar.warning[0].value.startswith("This data has no activity called Credit Chek")
    assert at.caption[0].value == "Orders, has Credit Chek: 0 of 2,000"


def test_filter_to_the_slowest_orders_of_a_transition():
    at = _with_link({})
    at.switch_page("pages/cycle_times.py").run()
    at.button(key="cycle_slow_filter").click().run()
    assert not at.exception
    picked = len(at.query_params["f"].removeprefix("orders:").split("|"))
    assert at.caption[0].value == f"Orders, {picked:,} picked orders: {picked:,} of 2,000"
