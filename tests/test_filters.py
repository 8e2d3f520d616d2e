import datetime as dt

from o2c.log.filters import Filters


def test_attribute_and_date_filters(tiny_log):
    assert Filters({"sales_channel": ("Partner",)}).case_mask(tiny_log).tolist() == [False, True, True]
    both = Filters({"sales_channel": ("Partner",), "account_name": ("Acme",)})
    assert both.case_mask(tiny_log).tolist() == [False, False, True]
    feb = Filters(date_from=dt.date(2024, 2, 1), date_to=dt.date(2024, 2, 29))
    assert feb.case_mask(tiny_log).tolist() == [False, True, False]
    # SO-1 runs 1-5 Jan: started and active in 2-31 Jan differ
    jan = dict(date_from=dt.date(2024, 1, 2), date_to=dt.date(2024, 1, 31))
    assert Filters(**jan).case_mask(tiny_log).tolist() == [False, False, False]
    assert Filters(**jan, date_mode="intersecting").case_mask(tiny_log).tolist() == [True, False, False]
    assert Filters(**jan, date_mode="completed").case_mask(tiny_log).tolist() == [True, False, False]
    assert Filters({"unknown_column": ("x",)}).case_mask(tiny_log).tolist() == [True, True, True]


def test_query_round_trip():
    filters = Filters(
        {"sales_channel": ("Partner", "Direct"), "carrier": ("DHL",)},
        dt.date(2024, 1, 1),
        dt.date(2024, 3, 31),
        "completed",
    )
    query = filters.to_query()
    assert query == {
        "sales_channel": ["Partner", "Direct"],
        "carrier": ["DHL"],
        "from": ["2024-01-01"],
        "to": ["2024-03-31"],
        "dates": ["completed"],
    }
    assert Filters.from_query(query) == filters
    with_variant = Filters(variants=("0a0d855de6aa",))
    assert with_variant.to_query() == {"variant": ["0a0d855de6aa"]}
    assert Filters.from_query(with_variant.to_query()) == with_variant
    assert Filters.from_query({"from": ["not a date"], "dates": ["bogus"], "lang": ["zh"], "_cmp": ["x"]}) == Filters()


def test_describe():
    q1 = Filters({"sales_channel": ("Partner",)}, dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert q1.describe(312, 2000) == "Partner orders created in Q1 2024: 312 of 2,000"
    assert Filters().describe(5, 5) == "Orders: 5 of 5"
    several = Filters(
        {"sales_channel": ("Direct", "Online"), "region": ("EMEA",)},
        dt.date(2024, 5, 1),
        dt.date(2024, 5, 31),
        "completed",
    )
    assert several.describe(1, 9) == "Direct or Online orders with region EMEA completed in May 2024: 1 of 9"
    assert Filters(date_from=dt.date(2024, 2, 3)).describe(1, 2) == "Orders created from 03 Feb 2024: 1 of 2"


def test_describe_in_chinese():
    q1 = Filters({"sales_channel": ("Partner",)}, dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert q1.describe(312, 2000, "zh") == "订单(销售渠道=Partner;2024-01-01 至 2024-03-31 创建):312 / 2,000"
    assert Filters().describe(5, 5, "zh") == "订单:5 / 5"


def test_variant_filter(tiny_log):
    from o2c.log.index import variant_id

    so1 = variant_id(("Create Sales Order", "Credit Check Passed", "Shipped", "Payment Received"))
    so2 = variant_id(("Create Sales Order", "Shipped"))
    assert Filters(variants=(so1,)).case_mask(tiny_log).tolist() == [True, False, False]
    assert Filters(variants=(so1, so2)).case_mask(tiny_log).tolist() == [True, True, False]
    assert Filters(variants=("unknown",)).case_mask(tiny_log).tolist() == [False, False, False]
    assert Filters(variants=(so1, so2)).describe(2, 3) == "Orders in 2 selected variants: 2 of 3"
