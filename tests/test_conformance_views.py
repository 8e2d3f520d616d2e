"""The Conformance page's computations in the core: editor choices, trend groups and the orders a deviation shows."""

from __future__ import annotations

import numpy as np
from test_rules import make_log

from o2c.conform.conformance import align_variants, deviation_table, replay_variants, standard_model
from o2c.conform.rules import DEFAULT_RULES
from o2c.conform.rules.choices import rule_choices
from o2c.conform.views import aligned_orders, scope_cases, slowest_deviation_cases, split_groups


def test_rule_choices_offer_the_logs_activities_and_those_the_table_names():
    log = make_log(
        [
            ("1", "Shipped", "2024-01-01 10:00", "ann", "Clerk", "Sales"),
            ("1", "Invoice Created", "2024-01-02 10:00", "bob", "Clerk", "Finance"),
        ]
    )
    choices = rule_choices(log, DEFAULT_RULES.to_frame())
    assert "Shipped" in choices.activities and "Credit Check Passed" in choices.activities
    assert choices.activities == sorted(choices.activities) and "" not in choices.activities
    assert choices.people == ["resource", "role", "department"]
    assert choices.date_fields == []


def test_split_groups_pool_missing_values_under_their_label(sample_log):
    assert split_groups(sample_log, None, "missing", 6) is None
    codes, labels = split_groups(sample_log, "sales_channel", "missing", 6)
    assert codes.size == sample_log.n_cases and len(labels) <= 7
    assert set(np.unique(codes)) <= set(range(len(labels)))


def test_deviation_examples_are_the_slowest_orders_within_the_scope(sample_log):
    view = sample_log.view()
    model = standard_model()
    replay = replay_variants(sample_log, model)
    run = align_variants(sample_log, model, np.arange(5), replay, 20.0)
    covered, orders = aligned_orders(view, run, None)
    assert orders == sample_log.n_cases and 0 < covered <= orders
    assert scope_cases(view, None).size == sample_log.n_cases
    first = deviation_table(view, run).iloc[0]
    slowest = slowest_deviation_cases(view, run, first["kind"], first["activity"], None, 3)
    durations = sample_log.case_duration_seconds[slowest]
    assert 0 < slowest.size <= 3 and list(durations) == sorted(durations, reverse=True)
    scope = np.zeros(sample_log.n_cases, dtype=bool)
    assert slowest_deviation_cases(view, run, first["kind"], first["activity"], scope, 3).size == 0
