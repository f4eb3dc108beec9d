"""The package's layout rules, checked on its source: data flows one way, nothing private leaks.

The import graph is read with ``ast`` from every module under ``src/tokencost``, including
imports inside functions (a function-level import still runs, just later) and under
``if TYPE_CHECKING:`` (a type-only import still says which module knows about which: two
modules that need each other's names are one subject split in two, or a layer upside down).
"""

from __future__ import annotations

import ast
import importlib
import sys
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "tokencost"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _base(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    pkg = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    pkg = pkg[: len(pkg) - (node.level - 1)]
    return ".".join(pkg + ([node.module] if node.module else []))


@cache  # the source does not change during a test run
def imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import of the package's own modules."""
    path = MODULES[module]
    out: list[tuple[str, str | None, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name.startswith("tokencost")]
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, path, node)
            if not base.startswith("tokencost"):
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                if sub in MODULES:  # ``from . import claims``: the submodule itself
                    out.append((sub, None, node.lineno))
                else:
                    out.append((base, a.name, node.lineno))
    return out


@cache
def import_graph() -> dict[str, set[str]]:
    return {m: {target for target, _, _ in imports(m) if target in MODULES and target != m} for m in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_function_level_imports():
    # cli/usage.py imports the usage pipeline inside its command function, so the CLI starts fast
    assert "tokencost._usage.api" in import_graph()["tokencost.cli.usage"]


def test_cycle_finder_finds_a_two_module_cycle_and_ignores_a_chain():
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_cycles_in_the_package():
    assert cycles(import_graph()) == []


def test_no_module_imports_another_modules_private_name():
    leaks = [
        f"{MODULES[m].relative_to(SRC)}:{line} imports {name} from {target}"
        for m in MODULES
        for target, name, line in imports(m)
        if name is not None and name.startswith("_") and not name.startswith("__") and target != m
    ]
    assert leaks == []


def test_data_flows_one_way_between_layers():
    # data -> catalog -> pricing rule -> calculators (engine; usage, claims) -> claim drafting, reports -> CLI:
    # a lower layer never imports a higher one
    # _data (dataset importers, cross-check) reads catalogs like a calculator does;
    # _display and _plot are leaves the result classes call through one-line hooks (repr, HTML,
    # .plot()): they read the objects they are handed and import nothing above errors/_time
    layer = {"_display": 0, "_plot": 0, "_catalog": 1, "_pricing": 2, "_engine": 3, "_usage": 4, "_claims": 4,
             "_data": 4, "_extract": 5, "_report": 5, "cli": 6, "testing": 7}
    for helper in PKG.glob("*.py"):  # single-file helpers (errors, _time, _exact, _yaml, ...): the bottom
        layer.setdefault(helper.stem, 0)
    wrong = []
    graph = import_graph()
    for m in MODULES:
        parts = m.split(".")
        if len(parts) < 2:
            continue  # tokencost/__init__ re-exports every layer lazily
        for target in graph[m]:
            tparts = target.split(".")
            if len(tparts) < 2:
                wrong.append(f"{m} imports the package root")
            elif layer[tparts[1]] > layer[parts[1]]:
                wrong.append(f"{m} -> {target}")
    assert wrong == []


@pytest.mark.parametrize("pkg", sorted(m for m, p in MODULES.items() if p.name == "__init__.py"))
def test_no_package_attribute_is_shadowed_by_a_submodule_of_the_same_name(pkg):
    # importing a submodule sets it as an attribute of its package: a function of the same
    # name exported by the package would be replaced by the module (tc.explain once was)
    mod = importlib.import_module(pkg)
    subs = {m.rsplit(".", 1)[1] for m in MODULES if m.rsplit(".", 1)[0] == pkg and m != pkg}
    assert sorted(set(getattr(mod, "__all__", ())) & subs) == []


def test_every_private_module_declares_all():
    missing = [m for m, p in MODULES.items()
               if p.name not in ("__init__.py", "__main__.py")
               and any(part.startswith("_") for part in m.split(".")[1:])
               and "__all__" not in p.read_text(encoding="utf-8")]
    assert missing == []
