"""Pages stay thin: each reads state, calls the core and draws, in at most ``MAX_LINES`` lines; and every
session-state key is a name from ui/keys.py, never a string typed where it is used."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "pages").glob("*.py"))
UI = sorted(p for p in (ROOT / "ui").glob("*.py") if p.name != "keys.py")
MAX_LINES = 200
STATE_METHODS = {"get", "pop", "setdefault", "__contains__"}


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_page_is_short(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def is_session_state(node: ast.AST) -> bool:
    """``st.session_state`` (or ``streamlit.session_state``)."""
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def is_text(node: ast.AST) -> bool:
    """A string literal, or an f-string (a key spelt out where it is used either way)."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def literal_keys(path: Path) -> list[str]:
    """Where ``path`` names a session-state key with a string of its own: a subscript, ``.get``/``.pop``/
    ``.setdefault``, ``in``, or keyword arguments to ``.update``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript):
            literal = is_session_state(node.value) and is_text(node.slice)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, args = node.func.attr, node.args
            literal = is_session_state(node.func.value) and (
                (method in STATE_METHODS and bool(args) and is_text(args[0]))
                or (method == "update" and any(k.arg for k in node.keywords))
            )
        elif isinstance(node, ast.Compare):
            literal = is_text(node.left) and any(is_session_state(c) for c in node.comparators)
        else:
            literal = False
        if literal:
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_session_state_keys_come_from_ui_keys() -> None:
    found = [where for path in [*PAGES, *UI, ROOT / "app.py"] for where in literal_keys(path)]
    assert found == []


def test_the_check_finds_literal_keys(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'import streamlit as st\nst.session_state["a"] = 1\nst.session_state.get("b")\n'
        'x = "c" in st.session_state\nst.session_state.update(d=1)\nst.session_state[f"e_{x}"]\n'
        "st.session_state[Key.A]\nst.session_state.get(Key.B)\n"
    )
    assert literal_keys(sample) == ["sample.py:2", "sample.py:3", "sample.py:4", "sample.py:5", "sample.py:6"]
