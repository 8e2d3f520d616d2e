"""Model-based conformance: the standard reference process, token replay per variant cross-checked against pm4py's
own functions on the event frame, alignments and their deviation classes, and the ``analyze --json`` summary."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATASETS

from o2c.conform.conformance import (
    Deviation,
    align_variants,
    bpmn_model,
    case_fit,
    classify,
    conformance_summary,
    deviation_cases,
    deviation_table,
    end_activities,
    finished_cases,
    fitness,
    model_activities,
    model_bpmn_xml,
    order_conformance,
    petri_net,
    replay_variants,
    standard_model,
    variants_model,
)
from o2c.conform.reference_model import standard_steps, standard_tree_text
from o2c.conform.rules import DEFAULT_RULES, evaluate_rules
from o2c.discover.variants import variant_table
from o2c.errors import ModelError
from o2c.log.activities import STANDARD_PATH
from o2c.log.eventlog import build_event_log
from o2c.log.index import variant_index

LIFECYCLE = DATASETS / "order_management" / "orders_lifecycle_flat.csv.gz"


def pm4py_frame(log) -> pd.DataFrame:
    frame = log.to_frame()[["case_id", "activity", "timestamp"]]
    return frame.assign(activity=frame["activity"].astype(str)).rename(
        columns={"case_id": "case:concept:name", "activity": "concept:name", "timestamp": "time:timestamp"}
    )


def tiny(sequences: dict[str, list[str]]):
    """A log with one order per entry, its steps an hour apart (order i starts on day i)."""
    rows = [
        (case, activity, pd.Timestamp("2024-01-01", tz="UTC") + pd.Timedelta(days=i, hours=h))
        for i, (case, steps) in enumerate(sequences.items())
        for h, activity in enumerate(steps)
    ]
    events = pd.DataFrame(rows, columns=["case_id", "activity", "timestamp"]).assign(row=lambda f: f.index + 2)
    return build_event_log(events)


STANDARD = list(STANDARD_PATH)
SKIPPED_CHECK = [s for s in STANDARD if s != "Credit Check Passed"]
CHANGED = STANDARD[:5] + ["Order Changed", "Inventory Allocated"] + STANDARD[5:]
TWICE_CHECKED = STANDARD[:2] + ["Credit Check Passed"] + STANDARD[2:]
SWAPPED = STANDARD[:5] + ["Shipped", "Picked"] + STANDARD[7:]
CANCELLED = STANDARD[:4] + ["Order Cancelled"]
OPEN = STANDARD[:6]


@pytest.fixture(scope="module")
def tiny_model_log():
    return tiny(
        {
            "clean": STANDARD,
            "approved": STANDARD[:1] + ["Order Approved"] + STANDARD[1:],
            "reminded": STANDARD[:-1] + ["Payment Reminder Sent"] * 2 + STANDARD[-1:],
            "skipped": SKIPPED_CHECK,
            "changed": CHANGED,
            "twice": TWICE_CHECKED,
            "swapped": SWAPPED,
            "cancelled": CANCELLED,
            "open": OPEN,
        }
    )


def test_the_standard_process_is_the_template_path_with_optional_steps():
    steps = standard_steps()
    assert [s.activity for s in steps if s.kind == "required"] == STANDARD
    assert [(s.activity, s.kind) for s in steps if s.kind != "required"] == [
        ("Order Approved", "optional"),
        ("Credit Check Failed", "optional"),
        ("Payment Reminder Sent", "repeatable"),
    ]
    assert standard_tree_text().startswith("->( 'Create Sales Order', X( tau, 'Order Approved' ), X( tau, ")
    model = standard_model()
    assert model_activities(model) == {s.activity for s in steps}
    assert end_activities(model) == {"Payment Received"}


def test_fit_per_order(tiny_model_log):
    replay = replay_variants(tiny_model_log, standard_model())
    fits = dict(zip(tiny_model_log.cases["case_id"], case_fit(tiny_model_log, replay)))
    assert fits == {
        "approved": True,
        "cancelled": False,
        "changed": False,
        "clean": True,
        "open": False,
        "reminded": True,
        "skipped": False,
        "swapped": False,
        "twice": False,
    }
    finished = dict(zip(tiny_model_log.cases["case_id"], finished_cases(tiny_model_log, standard_model())))
    assert [case for case, done in finished.items() if not done] == ["open"]


def test_unknown_activities_make_an_order_unfit_only_when_asked():
    # "Order Changed" before activation is skipped by pm4py's replay: with nothing else wrong, the order fits it.
    log = tiny({"noted": STANDARD[:2] + ["Order Changed"] + STANDARD[2:]})
    assert replay_variants(log, standard_model(), count_unexpected=False).fit.tolist() == [True]
    assert replay_variants(log, standard_model()).fit.tolist() == [False]


def test_deviation_classes(tiny_model_log):
    model = standard_model()
    run = align_variants(tiny_model_log, model, range(len(variant_index(tiny_model_log).ids)))
    assert run.complete
    by_case = {
        case: run.done[int(code)].deviations
        for case, code in zip(tiny_model_log.cases["case_id"], variant_index(tiny_model_log).case_variant)
    }
    assert by_case["clean"] == by_case["approved"] == by_case["reminded"] == ()
    assert by_case["skipped"] == (Deviation("skipped", "Credit Check Passed"),)
    assert set(by_case["changed"]) == {
        Deviation("unexpected", "Order Changed"),
        Deviation("repeated", "Inventory Allocated"),
    }
    assert by_case["twice"] == (Deviation("repeated", "Credit Check Passed"),)
    assert by_case["swapped"] in ((Deviation("out_of_order", "Shipped"),), (Deviation("out_of_order", "Picked"),))
    assert by_case["cancelled"] == (Deviation("unexpected", "Order Cancelled"),)
    assert set(by_case["open"]) == {Deviation("skipped", s) for s in STANDARD[6:]}


def test_classify_reads_moves():
    alphabet = frozenset("ABC")
    assert classify("ACB", [("A", "A"), (">>", "B"), ("C", "C"), ("B", ">>")], alphabet) == (
        Deviation("out_of_order", "B"),
    )
    assert classify("AXBC", [("A", "A"), ("X", ">>"), (">>", None), ("B", "B"), ("C", "C")], alphabet) == (
        Deviation("unexpected", "X"),
    )
    assert classify("BABC", [("B", ">>"), ("A", "A"), ("B", "B"), ("C", "C")], alphabet) == (
        Deviation("repeated", "B"),
    )


def test_deviation_table_counts_orders_and_time(tiny_model_log):
    model = standard_model()
    view = tiny_model_log.view()
    run = align_variants(tiny_model_log, model, range(len(variant_index(tiny_model_log).ids)))
    table = deviation_table(view, run).set_index(["kind", "activity"])
    durations = dict(zip(tiny_model_log.cases["case_id"], tiny_model_log.case_duration_seconds))
    row = table.loc[("skipped", "Credit Check Passed")]
    assert (row["orders"], row["share"]) == (1, 1 / 9)
    others = [d for case, d in durations.items() if case != "skipped"]
    assert row["median_with_seconds"] == durations["skipped"]
    assert row["median_without_seconds"] == np.median(others)
    assert row["extra_seconds"] == durations["skipped"] - np.median(others)
    assert table.loc[("repeated", "Inventory Allocated"), "orders"] == 1
    cases = deviation_cases(view, run, "unexpected", "Order Changed")
    assert tiny_model_log.cases["case_id"].iloc[cases].tolist() == ["changed"]
    finished = finished_cases(tiny_model_log, model)
    assert ("skipped", "Shipped") in deviation_table(view, run).set_index(["kind", "activity"]).index
    assert ("skipped", "Shipped") not in deviation_table(view, run, finished).set_index(["kind", "activity"]).index


def test_alignments_stop_at_the_time_limit(tiny_model_log):
    log = tiny({"a": SKIPPED_CHECK, "b": SWAPPED, "c": STANDARD})
    run = align_variants(log, standard_model(), [0, 1, 2], time_limit=0.0)
    assert not run.complete
    assert sorted(run.missing) == [0, 1]
    assert list(run.done) == [2]  # token replay says it fits: no alignment needed
    again = align_variants(log, standard_model(), [0, 1, 2], time_limit=30.0)
    assert again.complete and sorted(again.done) == [0, 1, 2]


def test_order_conformance(tiny_model_log):
    code = int(np.flatnonzero(tiny_model_log.cases["case_id"] == "skipped")[0])
    result = order_conformance(tiny_model_log, standard_model(), code)
    assert not result.fits and result.fitness < 1
    assert result.deviations == (Deviation("skipped", "Credit Check Passed"),)


# ---------------------------------------------------------------------------------------------- pm4py


def check_against_pm4py(log, model, view_mask=None):
    import pm4py

    view = log.view(view_mask)
    frame = pm4py_frame(log)
    if view_mask is not None:
        frame = frame[frame["case:concept:name"].isin(set(log.cases["case_id"][view_mask]))]
    net, initial, final = petri_net(model)
    theirs = pm4py.fitness_token_based_replay(frame, net, initial, final)
    ours = fitness(view, replay_variants(log, model, count_unexpected=False))
    assert ours.log_fitness == theirs["log_fitness"]
    assert ours.average_fitness == theirs["average_trace_fitness"]
    assert 100 * ours.fitting / ours.orders == theirs["percentage_of_fitting_traces"]

    diagnostics = pm4py.conformance_diagnostics_token_based_replay(
        frame, net, initial, final, return_diagnostics_dataframe=True
    )
    diagnostics = diagnostics.set_index("case_id").loc[log.cases["case_id"][view.case_mask]]
    replay = replay_variants(log, model, count_unexpected=False)
    per_case = variant_index(log).case_variant[view.case_mask]
    assert diagnostics["is_fit"].tolist() == replay.fit[per_case].tolist()
    assert diagnostics["trace_fitness"].tolist() == replay.fitness[per_case].tolist()
    for column, ours_column in (
        ("missing", replay.missing),
        ("consumed", replay.consumed),
        ("remaining", replay.remaining),
        ("produced", replay.produced),
    ):
        assert diagnostics[column].tolist() == ours_column[per_case].tolist()
    return ours


def test_token_replay_equals_pm4py_on_the_sample(sample_log):
    ours = check_against_pm4py(sample_log, standard_model())
    assert (ours.orders, ours.fitting) == (2000, 1265)
    partner = (sample_log.cases["sales_channel"] == "Partner").to_numpy()
    check_against_pm4py(sample_log, standard_model(), partner)


def test_token_replay_equals_pm4py_on_public_data_with_a_discovered_model():
    from o2c.conform.conformance import ReferenceModel
    from o2c.discover.bpmn import discover_process_tree
    from o2c.ingest.load import load_event_log

    log = load_event_log(LIFECYCLE.read_bytes(), LIFECYCLE.name).log
    assert len(variant_index(log).ids) == 1633
    model = ReferenceModel("test:lifecycle-imf", "variants", tree=discover_process_tree(log.view(), 0.2))
    ours = check_against_pm4py(log, model)
    assert 0 < ours.fitting < ours.orders


def test_bpmn_round_trip_and_bad_files(sample_log):
    xml = model_bpmn_xml(standard_model())
    assert xml.startswith(b"<?xml") and b"Credit Check Passed" in xml
    uploaded = bpmn_model(xml)
    assert uploaded.source == "bpmn" and model_activities(uploaded) == model_activities(standard_model())
    assert fitness(sample_log.view(), replay_variants(sample_log, uploaded)).fitting == 1265
    assert model_bpmn_xml(uploaded) == xml
    for data, key in (
        (b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>", "conformance.model.error.doctype"),
        (b"not xml at all", "conformance.model.error.read"),
    ):
        with pytest.raises(ModelError) as error:
            bpmn_model(data)
        assert error.value.key == key


def test_a_model_of_chosen_variants(sample_log):
    table = variant_table(sample_log.view())
    top = table.iloc[0]
    model = variants_model(sample_log, [top["variant_id"]])
    figures = fitness(sample_log.view(), replay_variants(sample_log, model))
    assert figures.fitting == top["orders"]
    with pytest.raises(ModelError):
        variants_model(sample_log, [])


def test_finished_orders_of_the_sample(sample_log):
    finished = finished_cases(sample_log, standard_model())
    frame = sample_log.to_frame()
    last = frame.groupby("case_id", sort=True)["activity"].last().astype(str)
    cancelled = frame.loc[frame["activity"] == "Order Cancelled", "case_id"].unique()
    expected = last.eq("Payment Received") | last.index.isin(cancelled)
    assert finished.tolist() == expected.tolist()
    assert finished.sum() == 1754


def test_sample_deviations(sample_log):
    model = standard_model()
    finished = finished_cases(sample_log, model)
    run = align_variants(sample_log, model, variant_table(sample_log.view())["code"].to_numpy())
    table = deviation_table(sample_log.view(), run, finished).set_index(["kind", "activity"])
    # the planted problems, in the model's words
    assert table.loc[("skipped", "Credit Check Passed"), "orders"] == 275
    assert (
        table.loc[("unexpected", "Order Changed"), "orders"]
        == table.loc[("repeated", "Inventory Allocated"), "orders"]
        == 148
    )
    assert table.loc[("repeated", "Credit Check Passed"), "orders"] == 68
    assert table.loc[("unexpected", "Order Cancelled"), "orders"] == 32
    assert table.loc[("unexpected", "Order Changed"), "extra_seconds"] > 86_400


def test_conformance_summary(sample_log):
    summary = conformance_summary(sample_log.view())
    replay = replay_variants(sample_log, standard_model())
    assert summary["fitness"] == fitness(sample_log.view(), replay).log_fitness
    assert summary["fitting_cases"] == 1265
    assert summary["rules"] == [
        {"name": o.rule.name, "violations": int(o.cases.size), "not_applicable": None}
        for o in evaluate_rules(sample_log, DEFAULT_RULES).outcomes
    ]


def test_a_doctype_anywhere_in_a_bpmn_upload_is_refused():
    """Issue #14: only the first 4 KB were checked; a DOCTYPE after a long comment slipped through."""
    from o2c.conform.conformance import ModelError, bpmn_model

    declaration = b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    for data in (
        b'<?xml version="1.0"?>' + b"<!--" + b"x" * 10_000 + b"-->" + declaration + b"<definitions/>",
        ('<?xml version="1.0" encoding="UTF-16"?>' + declaration.decode() + "<definitions/>").encode("utf-16"),
    ):
        with pytest.raises(ModelError) as error:
            bpmn_model(data)
        assert error.value.key == "conformance.model.error.doctype"
