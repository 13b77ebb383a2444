"""An op is one file: the registry finds it, and every list of ops is computed from the registry."""
import ast
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from engine.ops import REGISTRY
from engine.ops._base import GROUPS, NOTATIONS

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ["engine", "gui", "main.py"]

SOFTPLUS = '''
"""softplus(x) = log(1 + eˣ); softplus′ = σ(x)."""
import numpy as np

from ._function import function


def slope(x, y):
    return 0.5 * (1 + np.tanh(0.5 * x))


OP = function("softplus", lambda x: np.logaddexp(0.0, x), slope, "σ({0})", "log(1 + eˣ); softplus′ = σ",
              numpy="np.logaddexp(0, {0})", torch="torch.nn.functional.softplus({0})")
'''

# Run inside a copy of the engine with softplus.py added: nothing else of the product is edited.
PICKED_UP = '''
import numpy as np
import engine
from engine.ops import REGISTRY
from gui.panels.palette import entries
from tests.engine import op_samples
from tests.engine.test_attribution_property import oracle_locals
from tests.engine.test_fuzz import test_well_formed_programs_compute_or_explain
from engine.passes import run_pass

assert engine.ops.__file__.startswith(COPY), engine.ops.__file__
assert [e.op for e in engine.parse("y = softplus(x)").eqns] == ["softplus"]
assert "softplus" in [e.op for e in entries() if e.kind == "op"]
checked = [engine.check(text, inputs=inputs)["ok"] for _, text, inputs in op_samples.cases(REGISTRY["softplus"])]
assert len(checked) == 4 and all(checked), checked
assert "softplus" in [op for op, _ in op_samples.forms()]
records = run_pass(engine.parse("a = randn(2, 2); b = randn(2, 2)\\nh = softplus(a @ b)\\ny = softplus(h) * a"))
att = engine.attribute(records, ("a", (0, 1)), through="y")
listed = np.zeros(4)
for g in att.groups:
    np.add.at(listed, g.idx, g.local)
np.testing.assert_allclose(listed, oracle_locals(records, "a", (0, 1), "y"), rtol=1e-9, atol=1e-12)
assert abs(att.total - att.grad) < 1e-9
assert "softplus" in engine.forward_attribute(records, "h[0,0]").equation()
test_well_formed_programs_compute_or_explain()
print("picked up")
'''


def code_mentions(path, word):
    """Whether `word` occurs in the file's code: names, attributes, definitions, imports and
    string constants, but not its docstrings or comments."""
    tree = ast.parse(path.read_text())
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        texts = [getattr(node, key, None) for key in ("id", "attr", "name", "arg", "module")]
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            texts.append(node.value)
        if any(isinstance(t, str) and word in t for t in texts):
            return True
    return False


def product_files():
    for part in PRODUCT:
        path = ROOT / part
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def test_relu_is_code_only_in_its_op_file():
    found = [str(p.relative_to(ROOT)) for p in product_files() if code_mentions(p, "relu")]
    assert found == ["engine/ops/relu.py"]


def test_the_scan_sees_code_and_skips_docstrings(tmp_path):
    path = tmp_path / "x.py"
    path.write_text('"""relu in a docstring"""\n# relu in a comment\nx = 1\n')
    assert not code_mentions(path, "relu")
    path.write_text('"""doc"""\nname = "relu"\n')
    assert code_mentions(path, "relu")


def test_every_op_declares_its_facets():
    for name, op in REGISTRY.items():
        assert op.notation in NOTATIONS and op.group in GROUPS, name
        assert len(op.formulas) == op.arity == len(op.influence.feeds), name
        assert op.numpy and op.torch, name
        assert not op.callable or op.latex or op.group != "elementwise", name


def test_a_new_op_file_is_picked_up_everywhere(tmp_path):
    shutil.copytree(ROOT / "engine", tmp_path / "engine", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "engine" / "ops" / "softplus.py").write_text(SOFTPLUS)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    script = f"COPY = {str(tmp_path)!r}\n" + textwrap.dedent(PICKED_UP)
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "picked up" in done.stdout


def test_every_op_exports_numpy_source_that_computes_its_forward():
    """Each op's numpy source, on the sample cases' arrays, gives the op's own forward (the
    source is the op file's own template, evaluated here only)."""
    import numpy as np

    import engine
    from engine.ops import source
    from tests.engine.op_samples import cases
    for name, op in REGISTRY.items():
        for _, text, given in cases(op):
            eqn = engine.parse(text).eqns[-1]
            want = op.forward(*given.values(), **eqn.kwargs)
            code = source(name, "numpy", list(given), eqn.params)
            got = eval(code, {"np": np, **given})   # noqa: S307 - the op file's template, not user text
            np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12, err_msg=f"{name}: {code}")
