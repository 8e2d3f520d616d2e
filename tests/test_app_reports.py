"""The Reports page on the sample: two downloads for the current filters, built on click, and what they hold."""

from conftest import open_app_with_sample

PAGE = "pages/reports.py"


def test_reports_page_offers_both_downloads():
    at = open_app_with_sample(PAGE)
    assert not at.exception
    assert at.title[0].value == "Reports"
    assert at.caption[0].value == "Orders: 2,000 of 2,000"
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == ["Excel report", "HTML report"]
    assert [b.key for b in buttons] == ["reports_excel", "reports_html"]
    assert any("**Violations**" in m.value for m in at.markdown)


def test_reports_page_follows_the_filters_and_language():
    at = open_app_with_sample(PAGE)
    at.sidebar.multiselect(key="filter_sales_channel").select("Partner").run()
    assert at.caption[0].value.startswith("Partner orders: ")
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "报告"
    assert [b.label for b in at.get("download_button")] == ["Excel 报告", "HTML 报告"]
