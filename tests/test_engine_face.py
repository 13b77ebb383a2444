"""The GUI reaches the engine through the names `engine/__init__.py` exports, never a submodule."""
import ast
import importlib
import os
import pkgutil

import engine

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUBMODULES = {m.name for m in pkgutil.iter_modules(engine.__path__)}


def gui_files():
    for folder, _, names in os.walk(os.path.join(ROOT, "gui")):
        yield from (os.path.join(folder, n) for n in names if n.endswith(".py"))


def engine_uses(tree):
    """(line, what) for every import from the engine and every `engine.NAME` in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("engine"):
            yield from ((node.lineno, f"{node.module}:{a.name}") for a in node.names)
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names if a.name.startswith("engine."))
        elif isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "engine":
            yield node.lineno, f"engine:{node.attr}"


def problems(source):
    bad = []
    for line, use in engine_uses(ast.parse(source)):
        module, _, name = use.partition(":")
        if module != "engine" or name not in engine.__all__ or name in SUBMODULES:
            bad.append(f"line {line}: {use}")
    return bad


def test_gui_uses_only_the_engines_exported_names():
    found = {os.path.relpath(p, ROOT): problems(open(p, encoding="utf-8").read()) for p in gui_files()}
    assert {p: b for p, b in found.items() if b} == {}


def test_a_submodule_import_is_caught():
    source = "import engine\nfrom engine.program import infer_shapes\nfrom engine import sketch\nengine.ops\n"
    assert len(problems(source)) == 3


def test_every_exported_name_resolves_to_a_value_not_a_module():
    for name in engine.__all__:
        assert not isinstance(getattr(engine, name), type(importlib)), name
    assert not set(engine.__all__) & SUBMODULES   # engine.parse is the function, the parser its module
