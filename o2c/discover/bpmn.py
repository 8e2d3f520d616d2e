"""A BPMN model of a view, discovered with pm4py's inductive miner (imported only when asked for: ~4 s)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from o2c.log.eventlog import LogView
from o2c.log.index import variant_index


@dataclass(frozen=True)
class BpmnNode:
    """One BPMN element: ``kind`` is "task", "start", "end", "xor", "and" or "or"; ``label`` the task name."""

    id: str
    kind: str
    label: str


@dataclass(frozen=True)
class BpmnModel:
    """Nodes and sequence flows (pairs of node ids) of a discovered BPMN diagram, plus the process tree text."""

    nodes: tuple[BpmnNode, ...]
    flows: tuple[tuple[str, str], ...]
    tree: str


def variant_counts(view: LogView) -> Counter:
    """Orders per activity sequence in ``view``: the compressed log pm4py's inductive miner works on."""
    index = variant_index(view.log)
    counts = np.bincount(index.case_variant[view.case_mask], minlength=len(index.ids))
    return Counter({index.sequences[v]: int(counts[v]) for v in np.flatnonzero(counts)})


def discover_process_tree(view: LogView, noise_threshold: float = 0.2):
    """pm4py's inductive miner (IMf when ``noise_threshold`` > 0, else IM) on the variants of ``view``.

    Same tree as ``pm4py.discover_process_tree_inductive`` on the events, but fed the variant counts we
    already have instead of an event frame, so a million orders take seconds, not minutes.
    """
    from pm4py.algo.discovery.inductive.dtypes.im_ds import IMDataStructureUVCL  # noqa: PLC0415 - slow import
    from pm4py.algo.discovery.inductive.variants.im import IMUVCL  # noqa: PLC0415
    from pm4py.algo.discovery.inductive.variants.imf import IMFUVCL  # noqa: PLC0415
    from pm4py.objects.process_tree.utils import generic  # noqa: PLC0415

    parameters = {"noise_threshold": noise_threshold, "multiprocessing": False, "disable_fallthroughs": False}
    miner = IMFUVCL(parameters) if noise_threshold > 0 else IMUVCL(parameters)
    tree = miner.apply(IMDataStructureUVCL(variant_counts(view)), parameters)
    tree = generic.fold(tree)
    generic.tree_sort(tree)
    return tree


def discover_bpmn(view: LogView, noise_threshold: float = 0.2) -> BpmnModel:
    """The BPMN diagram of the inductive miner's process tree for ``view``."""
    from pm4py.objects.bpmn.obj import BPMN  # noqa: PLC0415
    from pm4py.objects.conversion.process_tree.variants import to_bpmn  # noqa: PLC0415

    tree = discover_process_tree(view, noise_threshold)
    diagram = to_bpmn.apply(tree)
    kinds = (
        (BPMN.Task, "task"),
        (BPMN.StartEvent, "start"),
        (BPMN.EndEvent, "end"),
        (BPMN.ExclusiveGateway, "xor"),
        (BPMN.ParallelGateway, "and"),
        (BPMN.InclusiveGateway, "or"),
    )
    found = {}
    for node in diagram.get_nodes():
        kind = next((name for cls, name in kinds if isinstance(node, cls)), "task")
        found[str(node.get_id())] = BpmnNode(str(node.get_id()), kind, str(node.get_name()) if kind == "task" else "")
    flows = [(str(f.get_source().get_id()), str(f.get_target().get_id())) for f in diagram.get_flows()]
    order = _flow_order(found, flows)
    return BpmnModel(
        tuple(found[i] for i in order), tuple(sorted(flows, key=lambda f: (order[f[0]], order[f[1]]))), str(tree)
    )


def _flow_order(nodes: dict[str, BpmnNode], flows: list[tuple[str, str]]) -> dict[str, int]:
    """Node id -> position in a breadth-first walk from the start event (pm4py's ids are random uuids)."""
    successors: dict[str, list[str]] = {}
    for source, target in flows:
        successors.setdefault(source, []).append(target)
    queue = sorted((i for i, n in nodes.items() if n.kind == "start"), key=lambda i: nodes[i].label)
    order: dict[str, int] = {}
    while queue:
        current = queue.pop(0)
        if current in order:
            continue
        order[current] = len(order)
        queue += sorted(successors.get(current, []), key=lambda i: (nodes[i].kind, nodes[i].label))
    for node_id in nodes:  # anything unreachable (should not happen) goes last
        order.setdefault(node_id, len(order))
    return order
