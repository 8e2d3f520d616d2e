"""DOT output: a golden map for a tiny log, and activity names that try to break out of their strings."""

from __future__ import annotations

import re

import pytest
from test_process_map import make_log

from o2c.discover.bpmn import BpmnModel, BpmnNode
from o2c.discover.dot import bpmn_dot, escape, process_map_dot, quote
from o2c.discover.process_map import process_map
from o2c.format import short_duration

GOLDEN_FREQUENCY = r"""digraph process_map {
  graph [rankdir=TB, bgcolor="transparent", nodesep=0.35, ranksep=0.42, pad=0.15, fontname="Helvetica"];
  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, margin="0.18,0.07", color="#5b7083", penwidth=1];
  edge [fontname="Helvetica", fontsize=10, fontcolor="#2b2b2b", arrowsize=0.7];
  start [label="Start", shape=circle, style=filled, fillcolor="#4e9a6a", color="#3b7a52", fontcolor="white", fontsize=9, width=0.55, fixedsize=true];
  end [label="End", shape=circle, style=filled, fillcolor="#b55a5a", color="#8f4040", fontcolor="white", fontsize=9, width=0.55, fixedsize=true];
  a1 [label="Ship\n3", tooltip="Ship\nEvents: 3 · Orders: 2", fillcolor="#08306b", fontcolor="white"];
  a0 [label="Order\n2", tooltip="Order\nEvents: 2 · Orders: 2", fillcolor="#08519c", fontcolor="white"];
  start -> a0 [label="  2", tooltip="Start → Order\nTimes: 2 · Orders: 2", style=dashed, color="#9a9a9a", fontcolor="#6b6b6b", penwidth=2.50];
  a0 -> a1 [label="  2", tooltip="Order → Ship\nTimes: 2 · Orders: 2\nMedian wait: 16.0 h\nMean wait: 16.0 h\n90th percentile wait: 27.2 h", color="#08306b", penwidth=6.00];
  a1 -> a1 [label="  1", tooltip="Ship → Ship\nTimes: 1 · Orders: 1\nMedian wait: 1.0 h\nMean wait: 1.0 h\n90th percentile wait: 1.0 h", color="#08519c", penwidth=4.54];
  a1 -> end [label="  2", tooltip="Ship → End\nTimes: 2 · Orders: 2", style=dashed, color="#9a9a9a", fontcolor="#6b6b6b", penwidth=2.50];
}
"""

GOLDEN_PERFORMANCE_EDGES = [
    'start -> a0 [tooltip="Start → Order\\nTimes: 2 · Orders: 2", style=dashed, color="#b0b0b0", penwidth=1];',
    'a0 -> a1 [label="  16.0 h", tooltip="Order → Ship\\nTimes: 2 · Orders: 2\\nMedian wait: 16.0 h", '
    'color="#7f0000", penwidth=6.00];',
    'a1 -> a1 [label="  1.0 h", tooltip="Ship → Ship\\nTimes: 1 · Orders: 1\\nMedian wait: 1.0 h", '
    'color="#fc8d59", penwidth=2.25];',
    'a1 -> end [tooltip="Ship → End\\nTimes: 2 · Orders: 2", style=dashed, color="#b0b0b0", penwidth=1];',
]

NASTY = [
    'Say "hi"',
    "a{b}c",
    "<b>bold</b>",
    "two\nlines",
    "back\\slash",
    "ends with\\",
    "\\N node",
    'x"]; evil [label="',
    "} digraph g {",
    "R&D &lt;",
    "crlf\r\nline",
    "bell\x07char",
    '\\\\"',
]


@pytest.fixture
def small_log():
    # Order 1: Order -> Ship after 2 h; order 2: Order -> Ship after 30 h, then Ship again 1 h later.
    return make_log({"1": [("Order", 0), ("Ship", 2)], "2": [("Order", 0), ("Ship", 30), ("Ship", 31)]})


def test_golden_frequency_map(small_log):
    assert process_map_dot(process_map(small_log.view())) == GOLDEN_FREQUENCY


def test_golden_performance_edges(small_log):
    dot = process_map_dot(process_map(small_log.view(), statistics=("median",)), "median")
    assert [line.strip() for line in dot.splitlines() if "->" in line] == GOLDEN_PERFORMANCE_EDGES
    assert 'a1 [label="Ship\\n3", tooltip="Ship\\nEvents: 3 · Orders: 2", fillcolor="#eef1f4"' in dot


def test_orders_metric_labels_orders(small_log):
    dot = process_map_dot(process_map(small_log.view()), "cases")
    assert 'a1 [label="Ship\\n2"' in dot  # 3 events, but 2 orders
    assert 'a1 -> end [label="  2"' in dot


def test_chinese_start_and_end(small_log):
    dot = process_map_dot(process_map(small_log.view()), lang="zh")
    assert 'start [label="开始"' in dot and 'end [label="结束"' in dot
    assert 'tooltip="Ship\\n事件:3 · 订单:2"' in dot


def test_escape_rules():
    assert escape('a"b') == 'a\\"b'
    assert escape("a\\b") == "a\\\\b"
    assert escape("a\nb\r\nc\rd") == "a\\nb\\nc\\nd"
    assert escape("R&D") == "R&amp;D"
    assert escape("a\x00b\x1bc") == "a b c"
    assert escape("<{|}>") == "<{|}>"  # only special in record shapes and HTML labels, which we never use
    assert quote("ends\\") == '"ends\\\\ "'  # a final escaped backslash must not touch the closing quote
    assert quote("x", "\\n3") == '"x\\n3"'


def test_short_durations():
    assert [short_duration(s) for s in (0, 35, 60, 5400, 2 * 86400)] == ["0 s", "35 s", "1 min", "1.5 h", "2.0 d"]


# --- a reader that follows Graphviz's own scanner, to prove names cannot break out ------------------------


def tokens(dot: str, old_scanner: bool = False) -> list[tuple[str, str]]:
    """(kind, text) tokens as Graphviz's lexer reads them; ``old_scanner`` lacks the ``\\\\`` rule (< 2.44)."""
    found, i = [], 0
    while i < len(dot):
        char = dot[i]
        if char.isspace():
            i += 1
        elif char == '"':
            text, i = _quoted(dot, i + 1, old_scanner)
            found.append(("string", text))
        elif char == "<":
            raise AssertionError(f"HTML string opened at {i}: {dot[i : i + 30]!r}")
        elif dot.startswith("->", i):
            found.append(("op", "->"))
            i += 2
        elif char in "{}[];,=":
            found.append(("op", char))
            i += 1
        else:
            match = re.compile(r"[A-Za-z0-9_.#\-]+").match(dot, i)
            assert match, f"unexpected character {char!r} at {i}"
            found.append(("id", match.group()))
            i = match.end()
    return found


def _quoted(dot: str, i: int, old_scanner: bool) -> tuple[str, int]:
    out = []
    while True:
        assert i < len(dot), "unterminated string"
        if dot[i] == '"':
            return "".join(out), i + 1
        if dot[i] == "\\" and i + 1 < len(dot) and dot[i + 1] == '"':
            out.append('"')
            i += 2
        elif dot[i] == "\\" and not old_scanner and i + 1 < len(dot) and dot[i + 1] == "\\":
            out.append("\\\\")
            i += 2
        else:
            out.append(dot[i])
            i += 1


def displayed(text: str) -> str:
    """What Graphviz shows for a label: escString sequences and the ``&amp;`` entity decoded."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            assert nxt in "nlr\\", f"escape \\{nxt} would be interpreted by Graphviz"
            out.append("\n" if nxt in "nlr" else "\\")
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out).replace("&amp;", "&")


def statements(found: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    body = found[3:-1]  # digraph NAME { ... }
    assert found[:3] == [("id", "digraph"), ("id", found[1][1]), ("op", "{")] and found[-1] == ("op", "}")
    result, current = [], []
    for token in body:
        if token == ("op", ";"):
            result.append(current)
            current = []
        else:
            current.append(token)
    assert current == []
    return result


def attributes(statement: list[tuple[str, str]]) -> dict[str, str]:
    start = statement.index(("op", "["))
    assert statement[-1] == ("op", "]")
    inner = [t for t in statement[start + 1 : -1] if t != ("op", ",")]
    assert len(inner) % 3 == 0 and all(inner[k + 1] == ("op", "=") for k in range(0, len(inner), 3))
    return {inner[k][1]: inner[k + 2][1] for k in range(0, len(inner), 3)}


@pytest.mark.parametrize("old_scanner", [False, True])
def test_nasty_names_stay_inside_their_labels(old_scanner):
    log = make_log({f"c{i}": [("Start", 0), (name, 1), ("Finish", 2)] for i, name in enumerate(NASTY)})
    pm = process_map(log.view())
    dot = process_map_dot(pm)
    parsed = statements(tokens(dot, old_scanner))
    node_ids = {"start", "end"} | {f"a{c}" for c in pm.activities["code"]}
    nodes = [s for s in parsed if s[0][0] == "id" and s[1] == ("op", "[") and s[0][1] in node_ids]
    edges = [s for s in parsed if len(s) > 2 and s[1] == ("op", "->")]
    assert len(nodes) == len(node_ids) and len(edges) == len(pm.edges)
    assert len(parsed) == 3 + len(nodes) + len(edges)  # graph, node and edge defaults
    assert all(s[0][1] in node_ids and s[2][1] in node_ids for s in edges)
    labels = {s[0][1]: displayed(attributes(s)["label"]) for s in nodes}
    for code, name, events in pm.activities[["code", "name", "events"]].itertuples(index=False):
        expected_name = name.replace("\r\n", "\n").replace("\x07", " ")
        assert labels[f"a{code}"] == f"{expected_name}\n{events:,}"
    for s in edges:
        source, target = s[0][1], s[2][1]
        tip = displayed(attributes(s)["tooltip"])
        expected = [
            labels.get(node, "").rsplit("\n", 1)[0] or {"start": "Start", "end": "End"}[node]
            for node in (source, target)
        ]
        assert tip.startswith(f"{expected[0]} → {expected[1]}\nTimes: ")


def test_nasty_names_in_bpmn_labels():
    nodes = tuple(BpmnNode(f"id{i}", "task", name) for i, name in enumerate(NASTY))
    model = BpmnModel(
        (BpmnNode("s", "start", ""), *nodes, BpmnNode("e", "end", "")), (("s", "id0"), ("id0", "e")), "tree"
    )
    for old_scanner in (False, True):
        parsed = statements(tokens(bpmn_dot(model), old_scanner))
        assert len(parsed) == 3 + len(model.nodes) + 2
        shown = [displayed(attributes(s)["label"]).rstrip(" ") for s in parsed[3 : 3 + len(model.nodes)]]
        assert shown[1:-1] == [n.replace("\r\n", "\n").replace("\x07", " ") for n in NASTY]


def test_a_100000_character_name_is_drawn_shortened():
    """Issue #14: Graphviz failed on such a label, so the SVG download failed and the report said Graphviz was
    missing."""
    import shutil

    from o2c.discover.dot import MAX_TEXT

    name = "x" * 100_000
    assert len(quote(name)) <= MAX_TEXT + 2
    log = make_log({"c1": [(name, 0), ("B", 1)], "c2": [(name, 0), ("B", 2)]})
    dot = process_map_dot(process_map(log.view()), "events")
    assert len(dot) < 10 * MAX_TEXT and "…" in dot
    if shutil.which("dot"):
        from o2c.report.html import render_svg

        assert render_svg(dot) is not None
