"""What the Compare page offers to build a group from: attributes with their values, dates, and custom filters."""

from __future__ import annotations

import datetime as dt

from o2c.improve.compare.choices import attribute_values, date_bounds, group_filters
from o2c.log.filters import PRIMARY_ATTRIBUTES


def test_attribute_values_primary_first_values_sorted(sample_log):
    found = attribute_values(sample_log)
    names = list(found)
    primary = [n for n in names if n in PRIMARY_ATTRIBUTES]
    assert names[: len(primary)] == primary and primary
    assert names[len(primary) :] == sorted(names[len(primary) :])
    assert all(values == sorted(values) and values for values in found.values())
    assert attribute_values(sample_log, max_values=1) == {}  # every sample attribute has several values


def test_date_bounds_span_the_orders(sample_log):
    low, high = date_bounds(sample_log)
    assert isinstance(low, dt.date) and low <= high
    assert low == sample_log.cases["start"].min().date()


def test_group_filters_drop_what_does_not_filter():
    bounds = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    everything = group_filters("region", (), bounds, None, (), bounds)
    assert (everything.attributes, everything.date_from, everything.date_to) == ({}, None, None)
    half_picked = group_filters("", (), (dt.date(2024, 2, 1),), "ended", ("v1",), bounds)
    assert (half_picked.date_from, half_picked.date_mode, half_picked.variants) == (None, "ended", ("v1",))
    inside = group_filters("region", ("EU",), (dt.date(2024, 2, 1), dt.date(2024, 3, 31)), "started", (), bounds)
    assert (inside.attributes, inside.date_from, inside.date_to) == (
        {"region": ("EU",)},
        dt.date(2024, 2, 1),
        dt.date(2024, 3, 31),
    )
