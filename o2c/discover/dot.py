"""Graphviz DOT text for the process map and the BPMN model, with every user string escaped.

Nodes get generated ids (``a3``, ``start``); user text only ever appears inside double-quoted ``label`` and
``tooltip`` values, escaped by ``quote``, so activity names cannot end a string, open a record or HTML label,
or add statements.
"""

from __future__ import annotations

import math
import textwrap
import unicodedata
from typing import TYPE_CHECKING

from o2c.discover.process_map import END, START, ProcessMap
from o2c.format import short_duration
from o2c.i18n import Language, t

if TYPE_CHECKING:
    from o2c.discover.bpmn import BpmnModel

FREQUENCY_METRICS = ("events", "cases")
PERFORMANCE_METRICS = ("median", "mean", "p90")
_WAIT_COLUMNS = {"median": "median_seconds", "mean": "mean_seconds", "p90": "p90_seconds"}
_BLUES = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
_REDS = ("#fdae6b", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000")
_WRAP = 22
MAX_NAME = 120  # characters of a name drawn in a node; Graphviz fails on labels of thousands of lines
MAX_TEXT = 2000  # characters of any label or tooltip
_FONT = "Helvetica"


def escape(text: str) -> str:
    """The body of a DOT double-quoted string that Graphviz displays as ``text``.

    Backslashes are doubled (so ``\\N`` or ``\\l`` stay literal), quotes are escaped, line breaks become
    Graphviz's ``\\n`` and other control characters a space. ``&`` becomes ``&amp;`` because Graphviz
    expands entities such as ``&lt;`` in labels.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = []
    for char in text:
        if char == "\\":
            parts.append("\\\\")
        elif char == '"':
            parts.append('\\"')
        elif char == "&":
            parts.append("&amp;")
        elif char == "\n":
            parts.append("\\n")
        elif unicodedata.category(char) == "Cc":
            parts.append(" ")
        else:
            parts.append(char)
    return "".join(parts)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(text: str, raw_suffix: str = "") -> str:
    """``text`` escaped and double-quoted (cut to ``MAX_TEXT`` characters), followed inside the quotes by
    ``raw_suffix`` (trusted DOT text)."""
    body = escape(shorten(text, MAX_TEXT)) + raw_suffix
    # Graphviz before 2.44 reads a final \\" as an escaped quote; a trailing space keeps the string closed.
    return f'"{body} "' if body.endswith("\\") else f'"{body}"'


def map_preamble(name: str, lang: Language = "en", rankdir: str = "TB") -> list[str]:
    """The opening lines every map shares: graph, node and edge styles and the Start and End nodes."""
    return [
        f"digraph {name} {{",
        f'  graph [rankdir={_rankdir(rankdir)}, bgcolor="transparent", nodesep=0.35, ranksep=0.42, pad=0.15, '
        f'fontname="{_FONT}"];',
        f'  node [shape=box, style="rounded,filled", fontname="{_FONT}", fontsize=11, margin="0.18,0.07", '
        'color="#5b7083", penwidth=1];',
        f'  edge [fontname="{_FONT}", fontsize=10, fontcolor="#2b2b2b", arrowsize=0.7];',
        f'  start [label={quote(t("process_map.start", lang))}, shape=circle, style=filled, fillcolor="#4e9a6a", '
        'color="#3b7a52", fontcolor="white", fontsize=9, width=0.55, fixedsize=true];',
        f'  end [label={quote(t("process_map.end", lang))}, shape=circle, style=filled, fillcolor="#b55a5a", '
        'color="#8f4040", fontcolor="white", fontsize=9, width=0.55, fixedsize=true];',
    ]


def process_map_dot(pm: ProcessMap, metric: str = "events", lang: Language = "en", rankdir: str = "TB") -> str:
    """DOT for a process map: node labels "Activity\\n1,234", edge labels "1,234" or "2.3 d".

    ``metric`` is a frequency metric ("events": times, "cases": orders) or a waiting-time statistic ("median",
    "mean", "p90"); it sets the labels, the thickness and the colour of the paths.
    """
    performance = metric in PERFORMANCE_METRICS
    node_metric = "cases" if metric == "cases" else "events"
    lines = map_preamble("process_map", lang, rankdir)
    top = max(int(pm.activities[node_metric].max()), 1) if len(pm.activities) else 1
    for row in pm.activities.itertuples(index=False):
        lines.append(_node_line(row, node_metric, top, performance, lang))
    inner = pm.edges[(pm.edges["source"] >= 0) & (pm.edges["target"] >= 0)]
    values = inner[_WAIT_COLUMNS[metric]] if performance else pm.edges["count" if metric == "events" else "cases"]
    largest = float(values.max()) if len(values) and values.max() > 0 else 1.0
    for edge in pm.edges.itertuples(index=False):
        lines.append(_edge_line(pm, edge, metric, largest, lang))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_line(row, metric: str, top: int, performance: bool, lang: Language) -> str:
    value = int(getattr(row, metric))
    label = quote(_wrap(row.name), f"\\n{value:,}")
    tip = quote(t("process_map.tip.node", lang, name=row.name, events=int(row.events), cases=int(row.cases)))
    if performance:
        fill, font = "#eef1f4", "#1f1f1f"  # per-activity time needs start times, which the data lacks
    else:
        level = _level(value / top, len(_BLUES))
        fill, font = _BLUES[level], "white" if level >= 4 else "#1f1f1f"
    return f'  a{row.code} [label={label}, tooltip={tip}, fillcolor="{fill}", fontcolor="{font}"];'


def _edge_line(pm: ProcessMap, edge, metric: str, largest: float, lang: Language) -> str:
    source, target = _node_id(edge.source), _node_id(edge.target)
    tip = _edge_tooltip(pm, edge, lang)
    boundary = edge.source == START or edge.target == END
    if metric in PERFORMANCE_METRICS:
        seconds = getattr(edge, _WAIT_COLUMNS[metric])
        if boundary or math.isnan(seconds):
            return f'  {source} -> {target} [tooltip={tip}, style=dashed, color="#b0b0b0", penwidth=1];'
        ratio = seconds / largest
        label, color = short_duration(seconds), _REDS[_level(ratio, len(_REDS))]
    else:
        value = edge.count if metric == "events" else edge.cases
        ratio = min(value / largest, 1.0)
        label, color = f"{int(value):,}", _BLUES[2 + _level(ratio, len(_BLUES) - 2)]
    width = 1 + 5 * math.sqrt(max(ratio, 0.0))
    label = "  " + label  # Graphviz places labels against the line, ignoring its width: keep a gap
    if boundary:
        return (
            f'  {source} -> {target} [label={quote(label)}, tooltip={tip}, style=dashed, color="#9a9a9a", '
            f'fontcolor="#6b6b6b", penwidth={min(width, 2.5):.2f}];'
        )
    return f'  {source} -> {target} [label={quote(label)}, tooltip={tip}, color="{color}", penwidth={width:.2f}];'


def _edge_tooltip(pm: ProcessMap, edge, lang: Language) -> str:
    names = {START: t("process_map.start", lang), END: t("process_map.end", lang)}
    source = names.get(edge.source) or pm.name(edge.source)
    target = names.get(edge.target) or pm.name(edge.target)
    lines = [
        t("process_map.tip.edge", lang, source=source, target=target, count=int(edge.count), cases=int(edge.cases))
    ]
    for name, column in _WAIT_COLUMNS.items():
        seconds = getattr(edge, column)
        if not math.isnan(seconds):  # only the statistics that were computed
            label = t(f"process_map.metric.{name}", lang)
            lines.append(t("process_map.tip.stat", lang, label=label, value=short_duration(seconds)))
    return quote("\n".join(lines))


def _level(ratio: float, steps: int) -> int:
    return min(steps - 1, max(0, int(round(math.sqrt(max(ratio, 0.0)) * (steps - 1)))))


def _node_id(code: int) -> str:
    return "start" if code == START else "end" if code == END else f"a{int(code)}"


def _rankdir(value: str) -> str:
    return value if value in ("TB", "LR", "BT", "RL") else "TB"


def _wrap(name: str) -> str:
    name = shorten(name, MAX_NAME)
    lines = [piece for line in name.splitlines() or [""] for piece in (textwrap.wrap(line, _WRAP) or [""])]
    return "\n".join(lines)


# --- BPMN ------------------------------------------------------------------------------------------------

_GATEWAY_SYMBOLS = {"xor": "×", "and": "+", "or": "○"}


def bpmn_dot(model: BpmnModel, rankdir: str = "TB") -> str:
    """DOT for a BPMN model: rounded tasks, diamond gateways, start and end circles (top to bottom by default)."""
    lines = [
        "digraph bpmn {",
        f'  graph [rankdir={_rankdir(rankdir)}, bgcolor="transparent", nodesep=0.3, ranksep=0.22, pad=0.15, '
        f'fontname="{_FONT}"];',
        f'  node [fontname="{_FONT}", fontsize=10];',
        '  edge [arrowsize=0.7, color="#5b7083"];',
    ]
    for index, node in enumerate(model.nodes):
        lines.append(f"  n{index} [{_bpmn_node_style(node.kind, node.label)}];")
    ids = {node.id: index for index, node in enumerate(model.nodes)}
    for source, target in model.flows:
        lines.append(f"  n{ids[source]} -> n{ids[target]};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _bpmn_node_style(kind: str, label: str) -> str:
    if kind == "task":
        return (
            f'label={quote(_wrap(label))}, shape=box, style="rounded,filled", fillcolor="#eef4fb", '
            'color="#4a6d8c", margin="0.15,0.06"'
        )
    if kind == "start":
        return 'label="", shape=circle, width=0.3, style=filled, fillcolor="#e8f5e9", color="#3b7a52"'
    if kind == "end":
        return 'label="", shape=circle, width=0.3, penwidth=3, style=filled, fillcolor="#fdecea", color="#8f4040"'
    symbol = _GATEWAY_SYMBOLS.get(kind, "")
    return (
        f"label={quote(symbol)}, shape=diamond, width=0.32, height=0.32, fixedsize=true, style=filled, "
        'fillcolor="#fff8e1", color="#a07c1c", fontsize=12'
    )
