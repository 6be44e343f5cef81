"""The domain core's imports point one way (ARCHITECTURE.md "Layers"; STYLE.md: no import cycles in a layer).

Read from the source with ``ast``, so a cycle hidden behind a function-level or ``TYPE_CHECKING``
import counts too: such an import is how a cycle is usually dodged rather than broken.
"""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "engine"
OUTER_LAYERS = ("flask", "flask_sqlalchemy", "api", "notifications")


def _modules() -> dict[str, ast.Module]:
    return {
        ".".join(path.relative_to(ENGINE.parent).with_suffix("").parts).removesuffix(".__init__"): ast.parse(
            path.read_text()
        )
        for path in ENGINE.rglob("*.py")
        if "migrations" not in path.parts
    }


def _imports(tree: ast.Module) -> list[tuple[ast.stmt, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node, node.module)] + [(node, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def test_engine_modules_import_each_other_without_a_cycle():
    modules = _modules()
    edges = {
        name: {target for _, target in _imports(tree) if target in modules and target != name}
        for name, tree in modules.items()
    }
    done, path = set(), []

    def visit(name):
        if name in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(name) :], name]))
        if name in done:
            return
        path.append(name)
        for target in sorted(edges[name]):
            visit(target)
        path.pop()
        done.add(name)

    for name in sorted(modules):
        visit(name)


def test_engine_modules_import_only_at_their_top():
    late = [
        f"{name}:{node.lineno} {target}"
        for name, tree in _modules().items()
        for node, target in _imports(tree)
        if node not in tree.body and target.startswith("engine")
    ]
    assert late == []


def test_engine_imports_neither_flask_nor_the_layers_above_it():
    outer = [
        f"{name}: {target}"
        for name, tree in _modules().items()
        for _, target in _imports(tree)
        if target.split(".")[0] in OUTER_LAYERS
    ]
    assert outer == []
