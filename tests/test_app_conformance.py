"""The Conformance page on the sample: adherence and rule violations, the reference process and its deviations,
the rules editor's table and its problems, rules from a workbook, and the exports."""

from __future__ import annotations

import pytest
from conftest import metric, open_app_with_sample

from o2c.conform.conformance import finished_cases, fitness, replay_variants, standard_model
from o2c.conform.rules import DEFAULT_RULES, Rule, RuleProblem, RuleSet, adherence, evaluate_rules
from o2c.discover.variants import variant_table

PAGE = "pages/conformance.py"


@pytest.fixture(scope="module")
def page():
    return open_app_with_sample(PAGE)


def test_violations_section(page, sample_log):
    at = page
    assert not at.exception
    assert at.title[0].value == "Conformance"
    results = evaluate_rules(sample_log, DEFAULT_RULES)
    stats = adherence(sample_log.view(), results)
    assert metric(at, "Adherence") == f"{stats.rate:.1%}" == "36.8%"
    assert metric(at, "Orders with a violation") == f"{stats.orders - stats.adherent:,}" == "1,264"
    assert metric(at, "Rules broken") == "9 of 11"
    table = at.dataframe[0].value
    assert table["rule"].tolist() == [r.name for r in DEFAULT_RULES.rules]
    assert table["orders"].tolist() == [
        f"{o.cases.size:,}" for o in results.outcomes
    ]  # as shown: "–" if not applicable
    assert [b.label for b in at.get("download_button")] == ["Violations (CSV)", "Violations (Excel)"]
    assert [b.key for b in at.get("download_button")] == ["conf_export_csv", "conf_export_xlsx"]


def test_filters_and_splits(sample_log):
    at = open_app_with_sample(PAGE)
    at.sidebar.multiselect(key="filter_sales_channel").select("Partner").run()
    partner = sample_log.view((sample_log.cases["sales_channel"] == "Partner").to_numpy())
    stats = adherence(partner, evaluate_rules(sample_log, DEFAULT_RULES))
    assert metric(at, "Adherence") == f"{stats.rate:.1%}"
    at.selectbox(key="conf_split_en").set_value("region").run()
    at.segmented_control(key="conf_period").set_value("week").run()
    assert not at.exception
    assert at.dataframe[0].value["trend"].map(len).nunique() == 1  # one value per week for every rule


def test_reference_process_section(sample_log):
    at = open_app_with_sample(PAGE)
    at.segmented_control(key="conf_section").set_value("model").run()
    assert not at.exception
    model = standard_model()
    figures = fitness(sample_log.view(), replay_variants(sample_log, model), finished_cases(sample_log, model))
    assert metric(at, "Fitness") == f"{figures.log_fitness:.3f}" == "0.980"
    assert metric(at, "Orders that fit") == f"{figures.fitting / figures.orders:.1%}" == "72.1%"
    assert metric(at, "Orders checked") == "1,754"
    assert any(
        c.value.startswith("Standard process: Create Sales Order → Order Approved (optional)") for c in at.caption
    )
    at.button(key="conf_align").click().run()
    deviations = at.dataframe[0].value
    assert deviations[["kind", "activity", "orders"]].values.tolist()[:2] == [
        ["Skipped step", "Credit Check Passed", 275],
        ["Repeated step", "Inventory Allocated", 148],
    ]
    at.toggle(key="conf_open").set_value(True).run()
    assert metric(at, "Orders checked") == "2,000"
    assert metric(at, "Orders that fit") == "63.2%"
    assert "Download the model (BPMN)" in [b.label for b in at.get("download_button")]


def test_chosen_variants_as_the_standard(sample_log):
    at = open_app_with_sample(PAGE)
    at.segmented_control(key="conf_section").set_value("model").run()
    at.segmented_control(key="conf_model_source").set_value("variants").run()
    assert not at.exception
    top = variant_table(sample_log.view()).iloc[0]
    assert at.multiselect(key="conf_model_variants").value == [top["variant_id"]]
    at.toggle(key="conf_open").set_value(True).run()
    assert metric(at, "Orders that fit") == f"{top['orders'] / 2000:.1%}"
    at.multiselect(key="conf_model_variants").set_value([]).run()
    assert [i.value for i in at.info] == ["Pick at least one variant."]


def test_edited_rules_with_problems():
    at = open_app_with_sample(PAGE)
    table = DEFAULT_RULES.to_frame().head(2)
    table.loc[1, "type"] = "sla2"
    at.session_state["conf_rules_base"] = table
    at.run()
    assert not at.exception
    assert at.dataframe[0].value["rule"].tolist() == ["Credit check before activation"]
    assert "1 rule problem(s): see Edit rules." in [c.value for c in at.caption]
    at.segmented_control(key="conf_section").set_value("rules").run()
    assert not at.exception
    assert len(at.warning) == 1
    assert "Row 2 (Credit check before shipping): type “sla2” is not one of" in at.warning[0].value
    at.button(key="conf_rules_reset").click().run()
    at.segmented_control(key="conf_section").set_value("violations").run()
    assert len(at.dataframe[0].value) == len(DEFAULT_RULES)


def test_rules_from_the_workbook():
    at = open_app_with_sample()  # the sample's own Rules sheet is replaced before the page is first opened
    rules = RuleSet((Rule("Four eyes", "four_eyes", "Create Sales Order", "Credit Check Passed", severity="high"),))
    at.session_state["workbook_rules"] = {
        "digest": at.session_state["dataset"].digest,
        "rules": rules,
        "problems": [RuleProblem(5, "Bad", "conformance.problem.name")],
    }
    at.switch_page(PAGE).run()
    assert at.dataframe[0].value["rule"].tolist() == ["Four eyes"]
    assert metric(at, "Rules broken") == "1 of 1"
    at.segmented_control(key="conf_section").set_value("rules").run()
    assert at.caption[1].value.startswith("The rules from the Rules sheet of your workbook.")
    assert "Row 5 (Bad): give the rule a name." in at.warning[0].value


def test_chinese():
    at = open_app_with_sample(PAGE)
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "合规检查"
    assert metric(at, "合规率") == "36.8%"


def test_the_page_is_listed_after_the_order_explorer():
    from ui.navigation import PAGES

    paths = [p.url_path for p in PAGES]
    assert paths.index("order") < paths.index("conformance")
