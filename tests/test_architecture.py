"""The code's layout as ARCHITECTURE.md promises it: no import circles, small files, one public face per package."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from _paths import ROOT_DIR

#: Folders of the project's own Python code (the Alembic history is generated, and not imported by name).
CODE_FOLDERS = ("geo", "bench")
#: Longest module, in lines ("a file past ~400 lines is split").
MAX_LINES = 400
#: The viewer's subpackages, each with a public ``__init__`` and private modules.
VIEW_SUBPACKAGES = ("edit", "files", "map", "scan", "server", "tools", "upload")


def _modules() -> dict[str, Path]:
    found = {}
    for folder in CODE_FOLDERS:
        for path in sorted((ROOT_DIR / folder).rglob("*.py")):
            if "node_modules" in path.parts or "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT_DIR).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imported(tree: ast.AST) -> Iterator[str]:
    """Every module name an import statement names, at the top or inside a function (lazy imports count)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named = [f"{node.module}.{alias.name}" for alias in node.names]
            yield from named
            if not all(name.rsplit(".", 1)[1].startswith("_") for name in named):  # not only submodules
                yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """Module -> the project's modules it imports (a ``from package import name`` counts for the package)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {target for target in _imported(ast.parse(path.read_text(encoding="utf-8"))) if target in modules}
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_circle_and_none_where_there_is_none() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_geo_or_bench_imports_itself_in_a_circle() -> None:
    assert cycles(import_graph()) == []


@pytest.mark.parametrize("folder", CODE_FOLDERS)
def test_no_module_is_past_the_line_limit(folder: str) -> None:
    long = {str(path.relative_to(ROOT_DIR)): n for name, path in _modules().items()
            if name.startswith(folder) and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these modules (over {MAX_LINES} lines): {long}"


def test_the_viewer_top_holds_only_the_page_and_what_every_part_shares() -> None:
    top = sorted(p.stem for p in (ROOT_DIR / "geo" / "view").glob("*.py"))
    assert top == ["__init__", "cache", "download", "i18n", "page", "sidebar", "state", "tables"]
    for name in VIEW_SUBPACKAGES:
        assert (ROOT_DIR / "geo" / "view" / name / "__init__.py").is_file()


@pytest.mark.parametrize("folder", ["geo", "geo/view", "geo/export",
                                    *(f"geo/view/{name}" for name in VIEW_SUBPACKAGES)])
def test_no_folder_marks_a_family_by_a_name_prefix(folder: str) -> None:
    """Three or more modules named ``<word>_…`` belong in a subpackage ``<word>/``."""
    stems = [p.stem.lstrip("_") for p in (ROOT_DIR / folder).glob("*.py") if p.stem != "__init__"]
    families: dict[str, list[str]] = {}
    for stem in stems:
        families.setdefault(stem.split("_")[0], []).append(stem)
    assert {word: names for word, names in families.items() if len(names) >= 3} == {}


def test_subpackages_are_used_through_their_public_face() -> None:
    """Outside a subpackage, code imports its ``__init__``, never one of its private modules."""
    private = re.compile(r"^(geo\.(?:edits|export|upload|publish|scan|view\.[a-z]+|export\.[a-z]+))\._")
    wrong = []
    for name, path in _modules().items():
        for target in _imported(ast.parse(path.read_text(encoding="utf-8"))):
            match = private.match(target)
            if match and not (name == match.group(1) or name.startswith(match.group(1) + ".")):
                wrong.append(f"{name} -> {target}")
    assert wrong == []
