"""A process map laid out by Graphviz: the SVG drawing and the geometry read back from it (where each node sits,
the line of each path), so a replay can move dots along the drawn paths.

Graphviz's ``dot`` program draws the DOT of :mod:`o2c.discover.dot`; its SVG names each node group by its DOT id
(``<title>a3</title>``) and each edge group by ``a3->a5``, which is how nodes and paths are found again.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import graphviz
import numpy as np

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
POINTS_PER_PATH = 32  # samples along each path; the browser interpolates between them
_STEPS_PER_CURVE = 16


@dataclass(frozen=True)
class Node:
    """A drawn node: centre and half width/height, in the SVG's viewBox coordinates."""

    x: float
    y: float
    half_width: float
    half_height: float


@dataclass(frozen=True)
class MapGeometry:
    """The drawing's size (its viewBox) and, by DOT id, its nodes and the points of each path (``(k, 2)`` arrays,
    equally spaced along the line from the source's border to the arrow's tip)."""

    width: float
    height: float
    nodes: dict[str, Node]
    paths: dict[tuple[str, str], np.ndarray]


def graphviz_available() -> bool:
    """Whether Graphviz's ``dot`` program is installed."""
    return shutil.which("dot") is not None


def render_svg(dot: str) -> str:
    """The SVG Graphviz draws for ``dot`` (needs the ``dot`` program)."""
    return graphviz.Source(dot).pipe(format="svg").decode("utf-8")


def map_geometry(svg: str) -> MapGeometry:
    """Nodes and paths of a Graphviz SVG, in its viewBox coordinates."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox", "0 0 0 0").split())
    graph = root.find(f"{_SVG}g")
    if graph is None:
        return MapGeometry(width, height, {}, {})
    transform = _transform(graph.get("transform", ""))
    nodes: dict[str, Node] = {}
    paths: dict[tuple[str, str], np.ndarray] = {}
    for group in graph.iter(f"{_SVG}g"):
        kind, title = group.get("class"), group.findtext(f"{_SVG}title", "")
        if kind == "node":
            nodes[title] = _node(group, transform)
        elif kind == "edge" and "->" in title:
            source, target = title.split("->", 1)
            line = _edge_points(group, transform)
            if line is not None:
                paths[(source, target)] = line
    return MapGeometry(width, height, nodes, paths)


def inline_svg(svg: str) -> str:
    """The SVG as an element to put inside an HTML page: without the XML prolog, doctype, comments, the DOT ids'
    titles and namespace declarations (HTML gives ``<svg>`` its namespace), so the page names no outside address."""
    start = svg.find("<svg")
    body = re.sub(r"<!--.*?-->", "", svg[start:], flags=re.DOTALL)
    # The ids in <title> (process_map, a3, a3->a5) would be the browser's tooltips; the labelled links stay.
    body = re.sub(r"<title>[^<]*</title>\n?", "", body)
    return re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", body, count=2).strip()


def _transform(text: str) -> tuple[float, float, float, float]:
    """Graphviz's ``scale(sx sy) rotate(0) translate(tx ty)`` as (sx, sy, tx, ty): x' = sx (x + tx)."""
    scale = re.search(r"scale\(([^)]*)\)", text)
    translate = re.search(r"translate\(([^)]*)\)", text)
    sx, sy = ([float(v) for v in _NUMBER.findall(scale.group(1))] + [1.0, 1.0])[:2] if scale else (1.0, 1.0)
    tx, ty = ([float(v) for v in _NUMBER.findall(translate.group(1))] + [0.0, 0.0])[:2] if translate else (0.0, 0.0)
    return sx, sy, tx, ty


def _apply(points: np.ndarray, transform: tuple[float, float, float, float]) -> np.ndarray:
    sx, sy, tx, ty = transform
    return np.column_stack((sx * (points[:, 0] + tx), sy * (points[:, 1] + ty)))


def _numbers(text: str) -> np.ndarray:
    values = np.array([float(v) for v in _NUMBER.findall(text)])
    return values[: values.size // 2 * 2].reshape(-1, 2)


def _node(group: ET.Element, transform: tuple[float, float, float, float]) -> Node:
    ellipse = group.find(f".//{_SVG}ellipse")
    if ellipse is not None:
        centre = _apply(np.array([[float(ellipse.get("cx", 0)), float(ellipse.get("cy", 0))]]), transform)[0]
        rx, ry = abs(transform[0]) * float(ellipse.get("rx", 0)), abs(transform[1]) * float(ellipse.get("ry", 0))
        return Node(float(centre[0]), float(centre[1]), rx, ry)
    shape = group.find(f".//{_SVG}path")
    outline = shape.get("d", "") if shape is not None else ""
    if not outline:
        polygon = group.find(f".//{_SVG}polygon")
        outline = polygon.get("points", "") if polygon is not None else ""
    points = _numbers(outline)
    if points.size == 0:
        return Node(0.0, 0.0, 0.0, 0.0)
    points = _apply(points, transform)
    low, high = points.min(axis=0), points.max(axis=0)
    centre, half = (low + high) / 2, (high - low) / 2
    return Node(float(centre[0]), float(centre[1]), float(half[0]), float(half[1]))


def _edge_points(group: ET.Element, transform: tuple[float, float, float, float]) -> np.ndarray | None:
    """Points equally spaced along an edge's Bézier line, ending at its arrow's tip."""
    path = group.find(f".//{_SVG}path")
    if path is None:
        return None
    controls = _numbers(path.get("d", ""))
    if controls.shape[0] < 4:
        return None
    line = _bezier_points(controls[: 1 + (controls.shape[0] - 1) // 3 * 3])
    arrow = group.find(f".//{_SVG}polygon")
    if arrow is not None:
        head = _numbers(arrow.get("points", ""))
        if head.size:
            tip = head[np.argmax(((head - line[-1]) ** 2).sum(axis=1))]
            line = np.vstack((line, tip))
    return _resample(_apply(line, transform), POINTS_PER_PATH)


def _bezier_points(controls: np.ndarray) -> np.ndarray:
    """Points along consecutive cubic Bézier curves (Graphviz's ``M p0 C p1 p2 p3 p4 p5 p6 ...``)."""
    t = np.linspace(0, 1, _STEPS_PER_CURVE + 1)[:, None]
    pieces = [controls[:1]]
    for i in range(0, controls.shape[0] - 1, 3):
        p0, p1, p2, p3 = controls[i : i + 4]
        curve = (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3
        pieces.append(curve[1:])
    return np.vstack(pieces)


def _resample(line: np.ndarray, k: int) -> np.ndarray:
    """``k`` points equally spaced by length along the polyline ``line``."""
    lengths = np.concatenate(([0.0], np.cumsum(np.hypot(*np.diff(line, axis=0).T))))
    if lengths[-1] == 0:
        return np.repeat(line[:1], k, axis=0)
    at = np.linspace(0, lengths[-1], k)
    return np.column_stack((np.interp(at, lengths, line[:, 0]), np.interp(at, lengths, line[:, 1])))
