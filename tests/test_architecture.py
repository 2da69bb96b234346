"""The import graph keeps its shape (docs/architecture.md): the contracts in pyproject.toml hold
(entry points over HTTP over ingestion over services over reads over the database; a pure
pipeline; no NLP model in the read path), and no module or package imports itself through others."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from app.config import PROJECT_ROOT


def test_import_contracts_hold():
    # In a process of its own: import-linter configures logging as a command line does, which
    # would switch off every logger this test process created before it (the app's incident log).
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=PROJECT_ROOT,  # reads pyproject.toml
                            capture_output=True, text=True, timeout=600)
    report = result.stdout + result.stderr
    assert "BROKEN" not in report and result.returncode == 0, report


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("app")


def test_no_module_imports_itself_through_others(graph):
    edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    assert cycles(edges) == []


def package_of(module: str) -> str:
    """app.web.admin.session -> app.web; app.config -> app.config."""
    return ".".join(module.split(".")[:2])


def test_no_package_imports_itself_through_others(graph):
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if package_of(imported) != package_of(module):
                edges.setdefault(package_of(module), set()).add(package_of(imported))
    assert cycles(edges) == []


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
