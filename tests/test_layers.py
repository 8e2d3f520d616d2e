"""The core reads top to bottom as the product's stages: a module imports only its own stage and earlier ones.

Drawn from the code (every ``import`` and ``from ... import``, also inside functions), so a shortcut from an early
stage to a later one fails here instead of growing into a tangle. The order is documented in docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "o2c"
BASE = ("errors", "format", "stats", "export", "i18n")
STAGES = ("log", "ingest", "discover", "conform", "improve", "monitor", "engines", "workbook", "report", "cli")


def rank(module: str) -> int:
    """0 for the shared base modules, then one rank per stage in product order; the package root is last."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return len(STAGES) + 1  # o2c/__init__.py and __main__.py: the entry points may use anything
    head = parts[1]
    if head in BASE:
        return 0
    return STAGES.index(head) + 1


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def core_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of an o2c module in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "o2c" and not node.level:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "o2c"]
    return found


MODULES = sorted(CORE.rglob("*.py"))


def test_every_core_module_belongs_to_a_known_stage():
    unknown = [
        module_name(p)
        for p in MODULES
        if module_name(p).count(".") >= 1 and module_name(p).split(".")[1] not in (*BASE, *STAGES, "__main__")
    ]
    assert unknown == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CORE)))
def test_imports_only_earlier_stages(path: Path):
    own = rank(module_name(path))
    later = [f"line {line}: {target}" for line, target in core_imports(path) if target != "o2c" and rank(target) > own]
    assert later == [], f"{module_name(path)} (stage {own}) imports later stages"


def test_base_modules_import_no_stage():
    for name in BASE:
        path = CORE / f"{name}.py" if (CORE / f"{name}.py").exists() else CORE / name / "__init__.py"
        assert [t for _, t in core_imports(path) if rank(t) > 0] == []


def test_the_core_never_imports_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in MODULES
        if "streamlit"
        in {
            (n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else a.name.split(".")[0]
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(n, (ast.Import, ast.ImportFrom))
            for a in (n.names if isinstance(n, ast.Import) else [n])
        }
    ]
    assert offenders == []
