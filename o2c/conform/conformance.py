"""Model-based conformance: token replay of every order against a reference model, alignments on demand.

pm4py does the replay (imported only here, inside the functions: the import takes seconds). Each distinct
activity sequence (variant) is replayed once and weighted by its number of orders, which gives the figures of
replaying every order, far faster; results are kept on the log per model, so a filter change only re-weights
them with numpy. Alignments explain *how* an order deviates; they are slower, so they run per variant, most
orders first, within a time limit.
"""

from __future__ import annotations

import hashlib
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from o2c.conform.reference_model import standard_tree_text
from o2c.conform.rules import RuleSet, rules_summary
from o2c.errors import ModelError
from o2c.log.eventlog import EventLog, LogView
from o2c.log.index import variant_case_mask, variant_index
from o2c.log.vocabulary import codes_of_role, match_role

ModelSource = Literal["standard", "bpmn", "variants"]
DeviationKind = Literal["skipped", "out_of_order", "repeated", "unexpected"]
DEVIATION_KINDS: tuple[DeviationKind, ...] = ("skipped", "out_of_order", "repeated", "unexpected")
SKIP = ">>"  # pm4py's mark for a move on one side only
_NET_CACHE_SIZE = 8


@dataclass(frozen=True)
class ReferenceModel:
    """A reference process: the shipped standard, an uploaded BPMN file, or a model of chosen variants.

    ``key`` identifies the model in caches (a digest of its content); ``tree`` holds a pm4py process tree or
    its text, ``bpmn`` the uploaded XML.
    """

    key: str
    source: ModelSource
    tree: Any = field(default=None, compare=False, repr=False)
    bpmn: bytes | None = field(default=None, compare=False, repr=False)


def standard_model(log: EventLog | None = None) -> ReferenceModel:
    """The shipped O2C reference process (see ``o2c.conform.reference_model``), named as ``log`` names its
    steps when given."""
    text = standard_tree_text(log)
    return ReferenceModel("standard:" + _digest(text.encode()), "standard", tree=text)


def _declares_entities(data: bytes) -> bool:
    """Whether XML holds a DOCTYPE or ENTITY declaration anywhere (in UTF-8 or, with a BOM, UTF-16 or -32)."""
    texts = [data]
    for bom, encoding in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            texts.append(data.decode(encoding, errors="replace").encode("utf-8"))
            break
    return any(b"<!DOCTYPE" in text.upper() or b"<!ENTITY" in text.upper() for text in texts)


def bpmn_model(data: bytes) -> ReferenceModel:
    """A reference model from an uploaded BPMN 2.0 file; raises ``ModelError`` when it is not usable."""
    if _declares_entities(data):
        raise ModelError("conformance.model.error.doctype")  # no entity tricks in uploaded XML
    model = ReferenceModel("bpmn:" + _digest(data), "bpmn", bpmn=data)
    try:
        net, _, _ = petri_net(model)
    except Exception as error:
        raise ModelError("conformance.model.error.read") from error
    if not any(t.label for t in net.transitions):
        _NETS.pop(model.key, None)
        raise ModelError("conformance.model.error.empty")
    return model


def variants_model(log: EventLog, variant_ids: Sequence[str]) -> ReferenceModel:
    """A reference model that accepts the chosen variants ("these variants are our standard"), discovered with
    pm4py's inductive miner without noise filtering, so every chosen variant fits it."""
    from o2c.discover.bpmn import discover_process_tree  # noqa: PLC0415 - pm4py

    ids = sorted(set(variant_ids))
    if not ids:
        raise ModelError("conformance.model.error.no_variants")
    tree = discover_process_tree(log.view(variant_case_mask(log, ids)), noise_threshold=0.0)
    return ReferenceModel("variants:" + _digest("\n".join(ids).encode()), "variants", tree=tree)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


_NETS: dict[str, tuple] = {}


def petri_net(model: ReferenceModel) -> tuple:
    """``(net, initial_marking, final_marking)`` of a model, built once per model."""
    if model.key not in _NETS:
        import pm4py  # noqa: PLC0415 - slow import, only when a model is checked

        if model.source == "bpmn":
            from pm4py.objects.bpmn.importer.variants.lxml import import_from_string  # noqa: PLC0415

            built = pm4py.convert_to_petri_net(import_from_string(model.bpmn))
        else:
            built = pm4py.convert_to_petri_net(_tree(model))
        if len(_NETS) >= _NET_CACHE_SIZE:
            oldest = next(iter(_NETS), None)
            if oldest is not None:
                _NETS.pop(oldest, None)
        _NETS[model.key] = built
    return _NETS[model.key]


def _tree(model: ReferenceModel):
    if isinstance(model.tree, str):
        from pm4py.objects.process_tree.utils.generic import parse  # noqa: PLC0415

        return parse(model.tree)
    return model.tree


def model_activities(model: ReferenceModel) -> frozenset[str]:
    """The activities (visible transitions) of the model."""
    net, _, _ = petri_net(model)
    return frozenset(t.label for t in net.transitions if t.label)


def end_activities(model: ReferenceModel) -> frozenset[str]:
    """Activities after which the model can finish (the final place is reachable through silent steps only)."""
    net, _, final = petri_net(model)
    finishing = set(final)
    changed = True
    while changed:  # per place of the model, a few dozen at most
        changed = False
        for transition in net.transitions:
            if (
                transition.label is None
                and transition not in finishing
                and any(arc.target in finishing for arc in transition.out_arcs)
            ):
                finishing |= {transition, *(arc.source for arc in transition.in_arcs)}
                changed = True
    return frozenset(t.label for t in net.transitions if t.label and any(arc.target in finishing for arc in t.out_arcs))


def model_bpmn_xml(model: ReferenceModel) -> bytes:
    """The model as a BPMN 2.0 file, to open and edit in a BPMN tool and upload again."""
    if model.source == "bpmn":
        if model.bpmn is None:  # an uploaded model always keeps its XML
            raise ValueError("BPMN model without its XML")
        return model.bpmn
    import pm4py  # noqa: PLC0415
    from pm4py.objects.bpmn.exporter.variants.etree import get_xml_string  # noqa: PLC0415

    return get_xml_string(pm4py.convert_to_bpmn(_tree(model)))


def finished_cases(log: EventLog, model: ReferenceModel) -> np.ndarray:
    """Boolean mask over the log's cases: orders whose last event ends the model, or that were cancelled.

    Orders still running when the data was extracted cannot fit a model that ends with payment; leaving them
    out keeps the fitness about the orders' paths, not about their age.
    """
    ends = end_activities(model)
    ending = [c for c, name in enumerate(log.activity_names) if name in ends]
    cancelling = codes_of_role(log, "cancellation")
    cancelled = np.zeros(log.n_cases, dtype=bool)
    cancelled[log.case[np.isin(log.activity, cancelling)]] = True
    return np.isin(log.activity[log.case_offsets[1:] - 1], ending) | cancelled


# ---------------------------------------------------------------------------------------------- token replay


@dataclass(frozen=True)
class VariantReplay:
    """pm4py's token-replay result per variant code: fit, fitness and the missing / consumed / remaining /
    produced token counts."""

    fit: np.ndarray
    fitness: np.ndarray
    missing: np.ndarray
    consumed: np.ndarray
    remaining: np.ndarray
    produced: np.ndarray


def replay_variants(log: EventLog, model: ReferenceModel, count_unexpected: bool = True) -> VariantReplay:
    """Token replay of one trace per variant; kept on the log per model.

    pm4py's replay skips activities the model does not know. ``count_unexpected`` makes an order with such an
    activity unfit, since it deviates; token counts and fitness values do not depend on it, and without it
    ``fit`` is pm4py's ``trace_is_fit`` (as in ``fitness_token_based_replay``). pm4py's own switch for this,
    ``consider_activities_not_in_model_in_fitness``, keeps one record for the whole log, so after the first
    such trace it marks every later trace unfit; hence the check here.
    """
    cache = log.memo("token_replay", dict)
    key = (model.key, count_unexpected)
    if key not in cache:
        cache[key] = _replay(variant_index(log).sequences, model, count_unexpected)
    return cache[key]


def _replay(sequences: Sequence[tuple[str, ...]], model: ReferenceModel, count_unexpected: bool) -> VariantReplay:
    from pm4py.algo.conformance.tokenreplay.variants import token_replay  # noqa: PLC0415

    net, initial, final = petri_net(model)
    parameters = {token_replay.Parameters.SHOW_PROGRESS_BAR: False}
    results = token_replay.apply(_traces(sequences), net, initial, final, parameters=parameters)

    def column(name: str, dtype) -> np.ndarray:
        return np.array([r[name] for r in results], dtype=dtype)  # one entry per variant

    fit = column("trace_is_fit", bool)
    if count_unexpected:
        known = model_activities(model)
        fit &= np.array([known.issuperset(sequence) for sequence in sequences], dtype=bool)
    return VariantReplay(
        fit,
        column("trace_fitness", float),
        column("missing_tokens", np.int64),
        column("consumed_tokens", np.int64),
        column("remaining_tokens", np.int64),
        column("produced_tokens", np.int64),
    )


def _traces(sequences: Sequence[tuple[str, ...]]):
    from pm4py.objects.log.obj import Event, Trace  # noqa: PLC0415
    from pm4py.objects.log.obj import EventLog as Pm4pyLog  # noqa: PLC0415

    return Pm4pyLog([Trace([Event({"concept:name": a}) for a in sequence]) for sequence in sequences])


@dataclass(frozen=True)
class Fitness:
    """Token-replay figures of the orders of a view, as pm4py computes them for a log."""

    orders: int
    fitting: int
    log_fitness: float
    average_fitness: float

    @property
    def fitting_share(self) -> float | None:
        return self.fitting / self.orders if self.orders else None


def fitness(view: LogView, replay: VariantReplay, case_mask: np.ndarray | None = None) -> Fitness:
    """Weight the per-variant replay by the orders of the view (further restricted by ``case_mask``):
    log fitness = ½(1 − missing/consumed) + ½(1 − remaining/produced) over all orders, as pm4py."""
    mask = view.case_mask if case_mask is None else view.case_mask & case_mask
    counts = np.bincount(variant_index(view.log).case_variant[mask], minlength=replay.fit.size)
    orders = int(counts.sum())
    m, c, r, p = (
        int(counts @ values) for values in (replay.missing, replay.consumed, replay.remaining, replay.produced)
    )
    log_fitness = 0.5 * (1 - m / c) + 0.5 * (1 - r / p) if orders and c > 0 and p > 0 else 0.0
    # Summed one order after another in case order, as pm4py does, so the figure matches it to the last digit.
    average = (
        float(np.cumsum(replay.fitness[variant_index(view.log).case_variant[mask]])[-1]) / orders if orders else 0.0
    )
    return Fitness(orders, int(counts @ replay.fit), float(log_fitness), average)


def case_fit(log: EventLog, replay: VariantReplay) -> np.ndarray:
    """Per case of the log: True when the order fits the model."""
    return replay.fit[variant_index(log).case_variant]


# ---------------------------------------------------------------------------------------------- alignments


@dataclass(frozen=True)
class Deviation:
    """One way an order leaves the model: a ``kind`` of deviation on an ``activity``."""

    kind: DeviationKind
    activity: str


@dataclass(frozen=True)
class VariantAlignment:
    """An optimal alignment of one variant: its fitness, its deviations (each kind and activity once) and the
    moves as (log, model) labels, ``SKIP`` on the side that does not move."""

    fitness: float
    deviations: tuple[Deviation, ...]
    moves: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class AlignmentRun:
    """Alignments of the requested variants that were done, those left when the time limit stopped the run,
    and the seconds spent."""

    done: dict[int, VariantAlignment]
    missing: tuple[int, ...]
    seconds: float

    @property
    def complete(self) -> bool:
        return not self.missing


def align_variants(
    log: EventLog,
    model: ReferenceModel,
    codes: Sequence[int],
    replay: VariantReplay | None = None,
    time_limit: float = 30.0,
) -> AlignmentRun:
    """Align the variants ``codes`` (in the given order, most important first) until ``time_limit`` seconds.

    Variants that token replay finds fitting need no alignment. Results are kept on the log per model, so a
    later call only aligns what is new.
    """
    replay = replay if replay is not None else replay_variants(log, model)
    by_model: dict[str, dict[int, VariantAlignment]] = log.memo("alignments", dict)
    cache = by_model.setdefault(model.key, {})
    sequences = variant_index(log).sequences
    started = time.perf_counter()
    aligner = None
    missing: list[int] = []
    for code in codes:  # per variant, bounded by the time limit
        code = int(code)
        if code in cache:
            continue
        if replay.fit[code]:
            cache[code] = VariantAlignment(1.0, (), tuple((a, a) for a in sequences[code]))
            continue
        left = time_limit - (time.perf_counter() - started)
        if left <= 0:
            missing.append(code)
            continue
        aligner = aligner or _Aligner(model)
        result = aligner.align(sequences[code], left)
        if result is None:
            missing.append(code)
            continue
        cache[code] = result
    done = {int(c): cache[int(c)] for c in codes if int(c) in cache}
    return AlignmentRun(done, tuple(missing), time.perf_counter() - started)


class _Aligner:
    """pm4py's A* alignment with the model's best-worst cost computed once, not per trace."""

    def __init__(self, model: ReferenceModel) -> None:
        from pm4py.algo.conformance.alignments.petri_net import algorithm  # noqa: PLC0415

        self.algorithm = algorithm
        self.net, self.initial, self.final = petri_net(model)
        self.alphabet = model_activities(model)
        self.parameters = {algorithm.Parameters.SHOW_PROGRESS_BAR: False}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            worst = algorithm.DEFAULT_VARIANT.value.get_best_worst_cost(
                self.net, self.initial, self.final, parameters={}
            )
        self.parameters[algorithm.Parameters.BEST_WORST_COST_INTERNAL] = worst

    def align(self, sequence: tuple[str, ...], seconds: float) -> VariantAlignment | None:
        parameters = {**self.parameters, self.algorithm.Parameters.PARAM_MAX_ALIGN_TIME_TRACE: seconds}
        with warnings.catch_warnings():  # pm4py's A* uses numpy.matrix, which warns on every trace
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            result = self.algorithm.apply_trace(
                _traces([sequence])[0], self.net, self.initial, self.final, parameters=parameters
            )
        if result is None or result.get("alignment") is None:
            return None
        moves = tuple(
            (str(log_label), model_label if model_label is None else str(model_label))
            for log_label, model_label in result["alignment"]
        )
        return VariantAlignment(float(result.get("fitness", 0.0)), classify(sequence, moves, self.alphabet), moves)


def classify(
    sequence: Sequence[str], moves: Sequence[tuple[str, str | None]], alphabet: frozenset[str]
) -> tuple[Deviation, ...]:
    """Name the deviations of an alignment, each kind and activity once, in the order met.

    A log move (the order does a step the model cannot take there) is an *unexpected step* when the model has
    no such activity, a *repeated step* when the order does that activity elsewhere in step with the model or
    did it before, else *out of order*. A model move (the model needs a step the order lacks there) is *out of
    order* when the order does that activity only where the model cannot take it, else a *skipped step*.
    In a cancelled order, the model's steps after its last step in line with the model are not counted as
    skipped: the order ended there.

    >>> [(d.kind, d.activity) for d in classify(
    ...     ["A", "C", "C"], [("A", "A"), (">>", "B"), ("C", "C"), ("C", ">>")], frozenset("ABC"))]
    [('skipped', 'B'), ('repeated', 'C')]
    """
    synced_at = [
        i for i, (log_label, model_label) in enumerate(moves) if log_label != SKIP and model_label == log_label
    ]
    synced = {moves[i][0] for i in synced_at}
    # A cancelled order never reaches the steps after its last step in line with the model: not skipped.
    cancelled = any(match_role(step) == "cancellation" for step in sequence)
    reached = synced_at[-1] if synced_at and cancelled else len(moves)
    present = set(sequence)
    seen: set[str] = set()
    found: dict[Deviation, None] = {}
    for position, (log_label, model_label) in enumerate(moves):
        if log_label == SKIP:
            if model_label is None or position > reached:  # a silent step, or one the cancelled order never reached
                continue
            kind: DeviationKind = "out_of_order" if model_label in present - synced else "skipped"
            found[Deviation(kind, model_label)] = None
        elif model_label == SKIP:
            if log_label not in alphabet:
                kind = "unexpected"
            else:
                kind = "repeated" if log_label in synced or log_label in seen else "out_of_order"
            found[Deviation(kind, log_label)] = None
            seen.add(log_label)
        else:
            seen.add(log_label)
    return tuple(found)


def deviation_table(view: LogView, run: AlignmentRun, case_mask: np.ndarray | None = None) -> pd.DataFrame:
    """Per deviation kind and activity, over the view's orders whose variant was analysed: ``kind``,
    ``activity``, ``orders``, ``share`` (of the analysed orders), ``median_with_seconds`` and
    ``median_without_seconds`` (end-to-end time of the orders with and without the deviation) and
    ``extra_seconds`` (the difference: what the deviation costs in time). Most orders first."""
    columns = ["kind", "activity", "orders", "share", "median_with_seconds", "median_without_seconds", "extra_seconds"]
    mask = view.case_mask if case_mask is None else view.case_mask & case_mask
    case_variant = variant_index(view.log).case_variant
    n_variants = len(variant_index(view.log).ids)
    analysed = np.zeros(n_variants, dtype=bool)
    analysed[list(run.done)] = True
    cases = np.flatnonzero(mask & analysed[case_variant])
    variants = case_variant[cases]
    durations = view.log.case_duration_seconds[cases]
    rows = []
    for deviation, codes in _variants_by_deviation(run).items():  # per deviation, a few dozen
        has = np.zeros(n_variants, dtype=bool)
        has[codes] = True
        hit = has[variants]
        count = int(np.count_nonzero(hit))
        if count == 0:
            continue
        with_median = float(np.median(durations[hit]))
        without = durations[~hit]
        without_median = float(np.median(without)) if without.size else float("nan")
        rows.append(
            {
                "kind": deviation.kind,
                "activity": deviation.activity,
                "orders": count,
                "share": count / cases.size,
                "median_with_seconds": with_median,
                "median_without_seconds": without_median,
                "extra_seconds": with_median - without_median,
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["orders", "kind", "activity"], ascending=[False, True, True], ignore_index=True)


def _variants_by_deviation(run: AlignmentRun) -> dict[Deviation, list[int]]:
    found: dict[Deviation, list[int]] = {}
    for code, alignment in run.done.items():
        for deviation in alignment.deviations:
            found.setdefault(deviation, []).append(code)
    return found


def deviation_cases(view: LogView, run: AlignmentRun, kind: DeviationKind, activity: str) -> np.ndarray:
    """Case codes of the view's orders with this deviation (among the analysed variants)."""
    codes = _variants_by_deviation(run).get(Deviation(kind, activity), [])
    return np.flatnonzero(view.case_mask & np.isin(variant_index(view.log).case_variant, codes))


@dataclass(frozen=True)
class OrderConformance:
    """One order against the model: fits or not, its token-replay fitness, and its deviations (None when the
    alignment did not finish in time)."""

    fits: bool
    fitness: float
    deviations: tuple[Deviation, ...] | None


def order_conformance(
    log: EventLog, model: ReferenceModel, case_code: int, time_limit: float = 10.0
) -> OrderConformance:
    """Conformance of one order (for the Order explorer): token replay, then an alignment of its variant."""
    replay = replay_variants(log, model)
    code = int(variant_index(log).case_variant[case_code])
    run = align_variants(log, model, [code], replay, time_limit)
    alignment = run.done.get(code)
    return OrderConformance(
        bool(replay.fit[code]), float(replay.fitness[code]), alignment.deviations if alignment else None
    )


# ---------------------------------------------------------------------------------------------- summary


def conformance_summary(view: LogView, rules: RuleSet | None = None, model: ReferenceModel | None = None) -> dict:
    """``analyze --json``'s ``conformance``: token-replay log fitness and fitting orders of the view against the
    model (the standard one by default), and violating orders per rule (the default rules by default)."""
    model = model or standard_model(view.log)
    figures = fitness(view, replay_variants(view.log, model))
    return {"fitness": figures.log_fitness, "fitting_cases": figures.fitting, "rules": rules_summary(view, rules)}
