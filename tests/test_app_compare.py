"""The Compare page through AppTest, on the 2,000-order sample: presets, custom groups, the shared link."""

from __future__ import annotations

from conftest import open_app, open_app_with_sample

PAGE = "pages/compare.py"


TABLES = ("kpis", "paths", "variants", "rework")


def comparison_query(at) -> dict[str, list[str]]:
    """The comparison's keys in the URL, each with its list of values."""
    return {
        key: value if isinstance(value, list) else [value]
        for key, value in at.query_params.items()
        if key.startswith("_")
    }


def groups_line(at) -> str:
    return at.markdown[0].value


def summary(at) -> str:
    return at.markdown[1].value


def table(at, name: str):
    """One of the page's tables, in page order."""
    return at.dataframe[TABLES.index(name)].value


def dot(at) -> str:
    return at.get("graphviz_chart")[0].proto.spec


def partner_link_with_sample():
    """A fresh session opened from the shared link "Partner against the rest", then the sample loaded."""
    at = open_app()
    at.query_params["_a.sales_channel"] = "Partner"
    at.query_params["_b"] = "rest"
    at.query_params["_preset"] = "value"
    at.run()
    at.button(key="load_sample").click().run()
    return at


def test_shared_link_opens_the_partner_comparison():
    at = partner_link_with_sample()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Compare two groups of orders"
    assert at.button_group(key="cmp_preset").value == "value"
    assert at.selectbox(key="cmp_value_sales_channel").value == "Partner"
    assert groups_line(at) == (
        "**A** Partner: 486 orders · **B** other: 1,514 orders. The sidebar filters apply to both groups."
    )
    first, second, third = summary(at).split("\n")
    assert first == (
        "1. Partner orders wait 5.0 d on Credit Check Passed → Order Activated (median), other orders "
        "2.9 h. [details](#compare-paths)"
    )
    assert second == "2. 4.7% of Partner orders break none of the rules, 47% of other orders. [details](#compare-kpis)"
    assert third == "3. Partner orders take 39.8 d end to end (median), other orders 34.6 d. [details](#compare-kpis)"
    kpis = table(at, "kpis").set_index("measure")
    assert kpis.loc["End to end, median"].tolist() == ["39.8 d", "34.6 d", "+5.2 d", "+3.5 d … +6.9 d", "yes"]
    assert kpis.loc["Rework rate", "noise"] == "no"
    assert kpis.loc["Orders"].tolist() == ["486", "1,514", "−1,028", "", "–"]
    assert comparison_query(at) == {"_a.sales_channel": ["Partner"], "_b": ["rest"], "_preset": ["value"]}
    # Every "details" link lands on a section heading.
    anchors = {header.proto.anchor: header.value for header in at.main.subheader}
    assert anchors == {
        "compare-summary": "Biggest differences",
        "compare-kpis": "Key figures",
        "compare-map": "Difference map",
        "compare-paths": "Paths",
        "compare-variants": "Variants",
        "compare-rework": "Rework per activity",
    }


def test_default_is_the_biggest_channel_and_the_url_follows_the_choice():
    at = open_app_with_sample(PAGE)
    assert not at.exception
    assert at.selectbox(key="cmp_attr").value == "sales_channel"
    assert at.selectbox(key="cmp_value_sales_channel").value == "Direct"  # 810 orders
    assert groups_line(at).startswith("**A** Direct: 810 orders · **B** other: 1,190 orders.")
    at.selectbox(key="cmp_value_sales_channel").select("Online").run()
    assert comparison_query(at) == {"_preset": ["value"], "_a.sales_channel": ["Online"], "_b": ["rest"]}
    at.selectbox(key="cmp_attr").select("region").run()
    assert at.selectbox(key="cmp_value_region").value == "APAC"
    assert groups_line(at).startswith("**A** APAC: 309 orders · **B** other: 1,691 orders.")


def test_custom_groups_and_back_from_another_page():
    at = open_app_with_sample(PAGE)
    at.button_group(key="cmp_preset").set_value("custom").run()
    at.selectbox(key="cmp_a_attr").select("region").run()
    at.multiselect(key="cmp_a_values").select("EMEA").run()
    at.button_group(key="cmp_b_kind").set_value("filter").run()
    at.selectbox(key="cmp_b_attr").select("region").run()
    at.multiselect(key="cmp_b_values").select("APAC").run()
    assert not at.exception
    assert groups_line(at).startswith("**A** EMEA: 929 orders · **B** APAC: 309 orders.")
    assert comparison_query(at) == {"_preset": ["custom"], "_a.region": ["EMEA"], "_b.region": ["APAC"]}
    assert summary(at).startswith("1. From invoice to payment, EMEA orders take 25.3 d (median), APAC orders 41.3 d.")
    at.switch_page("pages/overview.py").run()
    at.switch_page(PAGE).run()  # the page's widgets were dropped meanwhile
    assert groups_line(at).startswith("**A** EMEA: 929 orders · **B** APAC: 309 orders.")
    at.button_group(key="cmp_b_kind").set_value("all").run()
    assert groups_line(at).startswith("**A** EMEA: 929 orders · **B** all: 2,000 orders.")
    assert comparison_query(at) == {"_preset": ["custom"], "_a.region": ["EMEA"], "_b": ["all"]}


def test_month_preset_finds_no_difference_beyond_noise():
    at = open_app_with_sample(PAGE)
    at.button_group(key="cmp_preset").set_value("month").run()
    assert not at.exception
    assert groups_line(at).startswith("**A** 2024-10: 202 orders · **B** 2024-09: 187 orders.")
    assert summary(at) == "No difference between the groups is larger than noise."
    assert comparison_query(at) == {
        "_preset": ["month"],
        "_a.from": ["2024-10-01"],
        "_a.to": ["2024-10-31"],
        "_b.from": ["2024-09-01"],
        "_b.to": ["2024-09-30"],
    }


def test_sidebar_filters_apply_to_both_groups():
    at = open_app()
    at.query_params["_a.region"] = "EMEA"
    at.query_params["_preset"] = "value"
    at.run()
    at.button(key="load_sample").click().run()
    at.switch_page(PAGE).run()
    at.sidebar.multiselect(key="filter_sales_channel").select("Partner").run()
    assert not at.exception
    assert at.caption[0].value == "Partner orders: 486 of 2,000"
    assert groups_line(at).startswith("**A** EMEA: 233 orders · **B** other: 253 orders.")  # 486 Partner orders
    assert at.query_params["sales_channel"] == "Partner"


def test_difference_map_and_tables():
    at = open_app()
    at.query_params["_a.sales_channel"] = "Partner"
    at.run()
    at.button(key="load_sample").click().run()
    at.switch_page(PAGE).run()
    assert at.caption[1].value == (
        "Adherence: the share of orders that break none of the rules of the Conformance page (as edited there)."
    )
    assert at.caption[2].value.startswith("16 of 16 activities, 22 of 37 paths. Labels: share of orders in A · in B.")
    assert 'label="Credit Check Passed\\n91% · 82%"' in dot(at)
    at.button_group(key="cmp_map_view").set_value("performance").run()
    assert not at.exception
    assert 'label="  5.0 d · 2.9 h"' in dot(at) and 'color="#a63603"' in dot(at)
    paths = table(at, "paths")
    assert paths.iloc[0][["path", "wait_a", "wait_b", "wait_noise"]].tolist() == [
        "Credit Check Passed → Order Activated",
        "5.0 d",
        "2.9 h",
        "yes",
    ]
    variants = table(at, "variants")
    assert variants.iloc[0]["path"] == "Create Sales Order → Order Activated → … (without Credit Check Passed)"
    rework = table(at, "rework")
    assert rework.iloc[0]["activity"] == "Credit Check (Failed / Passed)"


def test_chinese():
    at = open_app()
    at.query_params["_a.sales_channel"] = "Partner"
    at.run()
    at.button(key="load_sample").click().run()
    at.switch_page(PAGE).run()
    at.sidebar.button_group(key="lang_choice").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == "对比两组订单"
    assert groups_line(at).startswith("**A** Partner:486 个订单 · **B** 其他:1,514 个订单。")
    assert summary(at).startswith("1. Partner订单在 Credit Check Passed → Order Activated 的等待时间中位数为 5.0 d")
    assert table(at, "kpis").iloc[1].tolist() == [
        "端到端耗时中位数",
        "39.8 d",
        "34.6 d",
        "+5.2 d",
        "+3.5 d … +6.9 d",
        "是",
    ]


def test_page_without_data_says_what_to_do():
    at = open_app()
    at.query_params["_a.sales_channel"] = "Partner"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.info[0].value == "No data yet. Load a file or the sample on the Data page."


def test_adherence_follows_the_rules_edited_on_the_conformance_page(sample_log):
    from o2c.conform.rules import evaluate_rules, parse_rules

    at = partner_link_with_sample()
    at.switch_page("pages/conformance.py").run()
    base = at.session_state["conf_rules_base"]
    four_eyes = base[base["rule"] == "Four eyes on credit"].reset_index(drop=True)
    at.session_state["conf_rules_base"] = four_eyes  # as if the user deleted every other rule
    at.switch_page(PAGE).run()
    assert not at.exception
    rules, _ = parse_rules(four_eyes)
    clean = evaluate_rules(sample_log, rules).violations == 0
    partner = sample_log.cases["sales_channel"].eq("Partner").to_numpy()
    adherence = table(at, "kpis").set_index("measure").loc["Adherence to the rules", "a"]
    assert adherence == f"{clean[partner].mean():.1%}"
    assert adherence != "4.7%"  # the standard rules' figure
