"""Export as code: the exported module, imported and run, gives the engine's values and gradients."""
import importlib.util
import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import engine
from engine.ops import REGISTRY

SEED = "a = randn(2, 3)\nb = randn(3, 4)\nc = randn(4)\nd = a @ b + c"
TOLERANCE = dict(rtol=1e-12, atol=1e-12, equal_nan=True)
modules = itertools.count()
needs_torch = pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                                 reason="PyTorch is optional: pip install torch==2.13.0")


def load(source, folder):
    """The exported source as a module, imported from a file as its user would."""
    path = folder / f"exported_{next(modules)}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_export(program, to, folder, upstream=None, start=None):
    """(engine's Result, the module's values, the module's gradients) for the same inputs."""
    result = engine.grad(program, upstream=upstream, start=start)
    module = load(engine.export_source(program, to, start=start), folder)
    inputs = {inp.name: np.array(result.values[inp.name]) for inp in result.records.program.inputs}
    with np.errstate(all="ignore"):   # inf and NaN are compared, not raised
        values = module.forward(inputs)
        return result, values, module.backward(values, upstream)


def as_numpy(x):
    return x.detach().numpy() if hasattr(x, "detach") else np.asarray(x)


def assert_same(result, values, grads):
    for name, value in result.values.items():
        np.testing.assert_allclose(as_numpy(values[name]), value, **TOLERANCE, err_msg=name)
    assert set(result.grads) <= set(grads)
    for name, g in result.grads.items():
        np.testing.assert_allclose(as_numpy(grads[name]), g, **TOLERANCE, err_msg=f"grad {name}")


def test_the_seed_backward_is_written_out_one_line_per_step(tmp_path):
    source = engine.export_source(SEED, "numpy")
    assert "    grad_a = grad_t1 @ b.T" in source and "# ∂L/∂a = ∂L/∂t1 @ bᵀ" in source
    assert "grad_c = unbroadcast(grad_d, (4,))" in source and "# ∂L/∂cⱼ = Σᵢ ∂L/∂dᵢⱼ" in source
    steps = engine.Session(SEED).records.steps
    assert source.count("  # ∂L/∂") == sum(step.kind != "forward" for step in steps)
    assert "import numpy as np" in source and "torch" not in source
    assert_same(*run_export(SEED, "numpy", tmp_path))


def test_a_given_upstream_and_start_node(tmp_path):
    program = "h = tanh(a @ b)\ny = sum(h * h, axis=0)"
    assert_same(*run_export(program, "numpy", tmp_path, upstream=np.array([0.3, -2.0])))
    assert_same(*run_export(program, "numpy", tmp_path, start="h"))


def test_a_second_use_accumulates(tmp_path):
    source = engine.export_source("h = a * a", "numpy")
    assert "grad_a = grad_a + grad_h * a" in source and "# ∂L/∂a += " in source
    assert_same(*run_export("h = a * a", "numpy", tmp_path))


@pytest.mark.parametrize("name", ["np", "grad_a", "forward", "values"])
def test_a_value_the_module_could_not_name_is_refused(name):
    with pytest.raises(engine.InputError, match=f"cannot export a value named '{name}'"):
        engine.export_source(f"{name} = a + 1", "numpy")


# ---- random programs over the registry ---------------------------------------------------------

def keywords(sample):
    return "".join(f", {k}={v}" for k, v in sample.items())


def forms(op, inner):
    """The op as the language writes it, with each of its sample parameters, on (2, 2) operands."""
    if op.notation == "infix":
        return [st.tuples(inner, inner).map(lambda t, s=op.symbol: f"({t[0]} {s} {t[1]})")]
    if op.notation == "prefix":
        return [inner.map(lambda e, s=op.symbol: f"({s}{e})")]
    if op.notation == "power":
        return [inner.map(lambda e, p=sample["exponent"]: f"({e} ** {p})") for sample in op.samples]
    if not op.callable:
        return []
    if op.arity == 2:
        return [st.tuples(inner, inner).map(lambda t, n=op.name: f"{n}({t[0]}, {t[1]})")]
    if op.domain:   # inside it
        return [inner.map(lambda e, n=op.name: f"{n}(({e}) * ({e}) + 1)")]
    return [inner.map(lambda e, n=op.name, k=keywords(sample): f"{n}({e}{k})") for sample in op.samples]


def grows(inner):
    return st.one_of([form for op in REGISTRY.values() for form in forms(op, inner)])


@pytest.mark.parametrize("op", REGISTRY.values(), ids=lambda op: op.name)
def test_every_op_carries_its_export_source(op):
    assert op.numpy and op.torch and len(op.numpy_vjps) == op.arity


EXPRS = st.recursive(st.sampled_from(["a", "b", "c", "randn(2, 2)", "randn(2)", "2"]), grows, max_leaves=6)
PROGRAMS = st.tuples(EXPRS, EXPRS).map(lambda t: f"h = {t[0]}\ny = {t[1]} + h")


@given(PROGRAMS)
def test_random_programs_export_to_numpy_exactly(tmp_path_factory, program):
    try:
        engine.grad(program)
    except engine.EngineError:
        assume(False)
    assert_same(*run_export(program, "numpy", tmp_path_factory.mktemp("numpy")))


@needs_torch
@given(PROGRAMS)
def test_random_programs_export_to_torch_exactly(tmp_path_factory, program):
    """Where every number is finite: a NaN flows on through torch.where's unchosen side as 0."""
    try:
        result = engine.grad(program)
    except engine.EngineError:
        assume(False)
    assume(all(np.isfinite(a).all() for a in [*result.values.values(), *result.grads.values()]))
    assert_same(*run_export(program, "torch", tmp_path_factory.mktemp("torch")))


@needs_torch
def test_the_torch_export_backward_is_autograds(tmp_path):
    source = engine.export_source(SEED, "torch")
    assert "import torch" in source and "d.backward(" in source and "import numpy" not in source
    assert_same(*run_export(SEED, "torch", tmp_path, upstream=np.arange(8.0).reshape(2, 4)))


EXAMPLES = sorted((Path(__file__).parents[2] / "resources" / "examples").glob("*.txt"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_exports_to_numpy_exactly(tmp_path, path):
    assert_same(*run_export(path.read_text(encoding="utf-8"), "numpy", tmp_path))


@needs_torch
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_exports_to_torch_exactly(tmp_path, path):
    assert_same(*run_export(path.read_text(encoding="utf-8"), "torch", tmp_path))


def test_the_mean_of_a_number_is_float64_as_the_program_is():
    records = engine.grad("h = a\ny = exp(mean(2, keepdims=True)) + h").records
    assert records.values["t1"].dtype == np.float64
