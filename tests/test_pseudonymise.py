"""Pseudonymisation: stable per key, different across keys, structure and analytics unchanged."""

from __future__ import annotations

import numpy as np
import pandas as pd

from o2c.log.eventlog import build_event_log
from o2c.log.index import variant_index
from o2c.log.pseudonymise import new_key, pseudonym, pseudonymise_log

KEY = b"k" * 32


def small_log():
    events = pd.DataFrame(
        {
            "case_id": ["A", "A", "B", "B"],
            "activity": ["Create Sales Order", "Shipped"] * 2,
            "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-05"], utc=True),
            "row": [2, 3, 4, 5],
            "resource": ["Jane Miller", "Tom Becker", "Jane Miller", "Jane Miller"],
            "comment": ["call Jane on +49 170 1234", None, "ok", "ok"],
            "role": ["Sales", "Ops", "Sales", "Sales"],
        }
    )
    orders = pd.DataFrame(
        {
            "case_id": ["A", "B"],
            "account_name": ["Acme GmbH", "Acme GmbH"],
            "owner": ["Jane Miller", "Tom Becker"],
            "region": ["EMEA", "APAC"],
        }
    )
    return build_event_log(events, orders)


def test_people_accounts_and_comments_are_replaced() -> None:
    log = small_log()
    masked = pseudonymise_log(log, KEY)
    resources = list(masked.event_attributes["resource"])
    assert resources[0] == resources[2] == pseudonym("Jane Miller", "Person", KEY)
    assert resources[1] == pseudonym("Tom Becker", "Person", KEY) != resources[0]
    assert list(masked.cases["owner"]) == [
        pseudonym("Jane Miller", "Person", KEY),
        pseudonym("Tom Becker", "Person", KEY),
    ]
    assert set(masked.cases["account_name"]) == {pseudonym("Acme GmbH", "Account", KEY)}
    comments = list(masked.event_attributes["comment"])
    assert comments[0].startswith("Comment ") and "Jane" not in comments[0]
    assert pd.isna(comments[1])  # missing stays missing
    text = " ".join(map(str, [*resources, *comments, *masked.cases["owner"], *masked.cases["account_name"]]))
    assert "Jane" not in text and "Acme" not in text and "Tom" not in text


def test_other_data_is_untouched() -> None:
    log = small_log()
    masked = pseudonymise_log(log, KEY)
    assert np.array_equal(masked.case, log.case) and np.array_equal(masked.activity, log.activity)
    assert np.array_equal(masked.timestamp, log.timestamp)
    assert list(masked.event_attributes["role"]) == list(log.event_attributes["role"])
    assert list(masked.cases["region"]) == ["EMEA", "APAC"]
    assert list(log.cases["owner"]) == ["Jane Miller", "Tom Becker"]  # the original is not modified
    assert variant_index(masked).sequences == variant_index(log).sequences


def test_stable_per_key_and_different_across_keys() -> None:
    a, b = new_key(), new_key()
    assert a != b and len(a) == 32
    assert pseudonym("Acme GmbH", "Account", a) == pseudonym("Acme GmbH", "Account", a)
    assert pseudonym("Acme GmbH", "Account", a) != pseudonym("Acme GmbH", "Account", b)
    assert pseudonym("Acme GmbH", "Account", a) != pseudonym("Acme GmbH", "Person", a)


def test_sample_log_keeps_its_counts(sample_log) -> None:
    masked = pseudonymise_log(sample_log, KEY)
    for name in ("resource",):
        before = pd.Series(np.asarray(sample_log.event_attributes[name])).value_counts().sort_values().to_numpy()
        after = pd.Series(np.asarray(masked.event_attributes[name])).value_counts().sort_values().to_numpy()
        assert np.array_equal(before, after)
    assert masked.cases["account_name"].nunique() == sample_log.cases["account_name"].nunique()
    assert not set(masked.cases["account_name"].astype(str)) & set(sample_log.cases["account_name"].astype(str))
