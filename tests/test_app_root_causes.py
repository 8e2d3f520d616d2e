"""The Root causes page on the sample: outcome picker, headline, ranked tables, behaviours, affected orders."""

from conftest import open_app_with_sample

PAGE = "pages/root_causes.py"
SEGMENTS, BEHAVIOURS, ORDERS = range(3)  # the page's tables, in drawing order


def headline(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**"))


def test_root_causes_page_ranks_segments_and_switches_outcome():
    at = open_app_with_sample(PAGE)
    assert not at.exception
    assert at.title[0].value == "Root causes"
    assert headline(at).startswith("**Slow end to end (over ") and "431 of 1,722 paid orders (25.0%)" in headline(at)
    assert any("associations, not proven causes" in c.value for c in at.caption)
    segments = at.dataframe[SEGMENTS].value
    assert (segments.iloc[0]["factor"], segments.iloc[0]["value"]) == ("payment_terms", "Net 60")
    assert segments.iloc[0]["lift"].endswith("×") and segments.iloc[0]["interval"].endswith("pts")
    behaviours = set(at.dataframe[BEHAVIOURS].value["factor"])
    assert {"repeated_credit_check", "changed_after_confirmation"} <= behaviours

    at.selectbox(key="rc_outcome").set_value("late_delivery").run()
    assert not at.exception
    top = at.dataframe[SEGMENTS].value.iloc[0]
    assert (top["factor"], top["value"], top["status"]) == ("carrier", "Atlas Freight", "✔ significant")
    assert "Late delivery: 321 of 1,900 delivered orders" in headline(at)

    at.selectbox(key="rc_outcome").set_value("late_payment").run()
    assert "Late payment: 269 of 1,722 paid orders (15.6%)" in headline(at)
    accounts = at.dataframe[SEGMENTS].value.query("factor == 'account_name'")
    assert accounts.iloc[0]["value"] == "Pacific Rim Electronics Pte Ltd"
    assert (accounts.iloc[1:4]["status"] == "too few orders").all()

    at.selectbox(key="rc_outcome").set_value("rule").run()
    at.selectbox(key="rc_rule").set_value("Activated within 3 days").run()
    assert not at.exception
    assert at.dataframe[SEGMENTS].value.iloc[0]["value"] == "Partner"


def test_threshold_and_affected_orders():
    at = open_app_with_sample(PAGE)
    at.number_input(key="rc_slow_days").set_value(60.0).run()
    assert not at.exception and "Slow end to end (over 60" in headline(at)
    pick = at.selectbox(key="rc_orders_pick")
    assert pick.value[:2] == ("segment", at.dataframe[SEGMENTS].value.iloc[0]["factor"])
    orders = at.dataframe[ORDERS].value
    assert list(orders.columns[:2]) == ["case_id", "order_number"] and len(orders) > 0


def test_root_causes_page_in_chinese():
    at = open_app_with_sample(PAGE)
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "根因分析"
    assert "端到端过慢" in headline(at)
    assert "✔ 显著" in set(at.dataframe[SEGMENTS].value["status"])


def test_segments_name_what_explains_them():
    at = open_app_with_sample("pages/root_causes.py")
    at.selectbox(key="rc_outcome").set_value("late_payment").run()
    assert not at.exception
    table = at.dataframe[0].value.set_index(["segment", "value"])
    assert table.loc[("region", "APAC"), "explained"].startswith("country = Singapore (")
    assert table.loc[("country", "Singapore"), "explained"] == ""  # two late payers there: no single account
