"""House rules checked on the package's source with ``ast``: short functions, and a
leading underscore that means local (no private name used across modules).

A function's length is its lines from ``def`` to its last line less its docstring's:
the docstring documents the equation and the parameters, and is not held against it."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pybamm_alloying"
SOURCES = sorted(PACKAGE.rglob("*.py"))
#: Longest function allowed, in lines from its ``def`` to its last line, less its docstring.
MAX_FUNCTION_LINES = 60


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from ``def`` to the function's last line, less its docstring's."""
    lines = node.end_lineno - node.lineno + 1
    first = node.body[0]
    if ast.get_docstring(node, clean=False) is not None:
        lines -= first.end_lineno - first.lineno + 1
    return lines


def long_functions(tree: ast.Module) -> list[str]:
    """``name (n lines)`` of each function or method longer than the limit."""
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    return [f"{f.name} ({length(f)} lines)" for f in functions if length(f) > MAX_FUNCTION_LINES]


def private_imports(tree: ast.Module) -> list[str]:
    """Private names taken from another module: ``from m import _x`` or ``m._x`` where
    ``m`` is a name this module imported."""
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found += [f"from {node.module} import {a.name}" for a in node.names if _private(a.name)]
            modules |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            modules |= {(a.asname or a.name).split(".")[0] for a in node.names}
    found += [
        f"{node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and _private(node.attr)
    ]
    return found


def test_the_checks_see_what_they_look_for():
    body = "    pass\n" * (MAX_FUNCTION_LINES - 1)
    tree = ast.parse(
        "from a import _x, y\nimport b\nfrom c import d\n"
        f"def f():\n{body}    pass\n"
        f'def g():\n    """Two\n    lines."""\n{body}'
        "b._y\nd._z\ny._w\nself._v\n"
    )
    assert long_functions(tree) == [f"f ({MAX_FUNCTION_LINES + 1} lines)"]
    assert sorted(private_imports(tree)) == ["b._y", "d._z", "from a import _x", "y._w"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_function_is_longer_than_sixty_lines(path):
    assert long_functions(_tree(path)) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_crosses_a_module_boundary(path):
    assert private_imports(_tree(path)) == []
