"""Each analysis page computes through one core function (or its sections), and ``bench`` times exactly those
functions: the benchmark holds no copy of what a page computes."""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from o2c.cli import bench
from o2c.discover.bottlenecks import slowest_on_transition, transition_ranking
from o2c.discover.cycle_times import cycle_times_page, default_milestones, segment_table
from o2c.discover.overview import overview, overview_page
from o2c.discover.process_map import detailed_map, map_page
from o2c.discover.rework import affected_orders, rework_page
from o2c.discover.variants import variants_page
from o2c.monitor.story import story_page

ROOT = Path(__file__).resolve().parent.parent


def called_names(tree: ast.AST) -> set[str]:
    """Names of the functions called in ``tree`` (``f(...)`` and ``module.f(...)``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
    return names


def imported_from(tree: ast.AST, module: str) -> set[str]:
    """Names ``tree`` imports from ``module``."""
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == module
        for alias in node.names
    }


def sections(function: Callable) -> set[str]:
    """The functions of ``function``'s own module that it calls: the sections a page calls one by one."""
    module = inspect.getmodule(function)
    body = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return {
        name
        for name in called_names(body)
        if inspect.isfunction(getattr(module, name, None)) and name != function.__name__
    }


@pytest.fixture(scope="module")
def view():
    return bench.generated_log(60, seed=2).view()


def test_bench_times_the_discover_functions(view):
    computations = bench.page_computations(view)
    expected = {
        "Overview": story_page,
        "Process map + DOT": map_page,
        "Variants": variants_page,
        "Rework": rework_page,
        "Cycle times": cycle_times_page,
    }
    assert list(computations) == list(bench.PAGE_FILES) == list(expected)
    for name, compute in computations.items():
        assert isinstance(compute, functools.partial)
        assert compute.func is expected[name] and compute.args == (view,) and not compute.keywords
        assert compute() is not None


def page_and_its_ui_modules(path: Path) -> list[ast.Module]:
    """The page's syntax tree and those of the ``ui`` modules it imports (sections too big for the page)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("ui.")}
    return [tree] + [ast.parse((ROOT / (m.replace(".", "/") + ".py")).read_text(encoding="utf-8")) for m in modules]


@pytest.mark.parametrize("page", list(bench.PAGE_FILES))
def test_each_page_calls_the_function_bench_times(page):
    function = bench.page_functions()[page]
    calls: set[str] = set()
    for tree in page_and_its_ui_modules(ROOT / bench.PAGE_FILES[page]):
        calls |= called_names(tree) & imported_from(tree, function.__module__)
    if function.__name__ in calls:
        return
    wanted = sections(function)  # a page that computes section by section, each after its widget
    assert wanted and wanted <= calls, f"{bench.PAGE_FILES[page]} calls neither {function.__name__} nor {wanted}"


def test_the_check_knows_the_cycle_times_sections():
    assert sections(cycle_times_page) == {
        "end_to_end",
        "duration_trend",
        "attribute_split",
        "milestone_segments",
        "bottleneck_ranking",
        "slowest_orders",
    }


def test_defaults_are_the_pages_defaults(view):
    page = overview_page(view)
    assert page.stats == overview(view) and list(page.per_activity.columns) == ["activity", "events"]
    shown, full = detailed_map(view, 1.0, 0.3, ())
    drawn = map_page(view)
    assert drawn.shown.edges.equals(shown.edges) and len(drawn.full.edges) == len(full.edges)
    assert drawn.dot.startswith("digraph")
    cycle = cycle_times_page(view)
    ranking = transition_ranking(view).head(10)
    assert cycle.ranking.equals(ranking)
    assert cycle.slowest is not None
    assert cycle.slowest.equals(slowest_on_transition(view, ranking["source"].iloc[0], ranking["target"].iloc[0]))
    assert cycle.segments is not None and cycle.segments.equals(segment_table(view, default_milestones(view.log)))
    variants = variants_page(view, max_rows=3)
    assert len(variants.rows) == min(3, len(variants.table)) and 1 <= variants.cover80 <= len(variants.table)


def test_rework_focus_that_does_not_repeat_counts_as_any(view):
    page = rework_page(view, "No such activity")
    assert page.focus is None and page.affected.equals(affected_orders(view))
    if not page.result.by_activity.empty:
        focus = page.result.by_activity["activity"].iloc[0]
        assert rework_page(view, focus).affected.equals(affected_orders(view, focus))
