"""The language as the classic exercises write it: constants, keepdims, positional axes,
methods, indexing, labels and cross-entropy; each with its message when misused."""
import subprocess
import sys

import numpy as np
import pytest

import engine
from engine.sketch import sketch_from_program
from engine.sketch_text import write_text


def eqns(text):
    return [str(e) for e in engine.parse(text).eqns]


def test_a_statement_that_depends_on_no_input_is_a_folded_constant():
    p = engine.parse("n = 4\nk = 2 * 3\nx = randn(n, k)\ny = 1/n * x.sum(0)")
    assert [i.shape for i in p.inputs] == [(4, 6)] and [c[:2] for c in p.constants] == [("n", 4.0), ("k", 6.0)]
    assert eqns("n = 4\nx = randn(n, 2)\ny = 1/n * x") == ["y = (1 / n) * x"]
    np.testing.assert_allclose(engine.grad("n = 4\nx = randn(n, 2)\ny = 1/n * x").grads["x"], 0.25)


@pytest.mark.parametrize("text,want", [
    ("y = sum(x, 0)", "y = sum(x, 0)"),
    ("y = sum(x, axis=0, keepdims=True)", "y = sum(x, axis=0, keepdims=True)"),
    ("y = x.sum(0, keepdim=True)", "y = x.sum(0, keepdim=True)"),
    ("y = x.max(1)", "y = x.max(1)"),
    ("y = x.exp()", "y = x.exp()"),
    ("y = transpose(x)", "y = transpose(x)"),
    ("y = x[0, 1:]", "y = x[0, 1:]"),
    ("y = x[:, -1]", "y = x[:, -1]"),
])
def test_each_call_is_written_back_as_it_was_typed(text, want):
    program = engine.parse("x = randn(2, 3)\n" + text)
    assert str(program.eqns[-1]) == want
    assert write_text(sketch_from_program(program))[0].endswith(want)


@pytest.mark.parametrize("text,shape", [
    ("sum(x, 0)", (3,)), ("x.sum(axis=0, keepdims=True)", (1, 3)), ("x.mean(1, keepdim=True)", (2, 1)),
    ("max(x, 0)", (3,)), ("maximum(x, 0)", (2, 3)), ("var(x, axis=0, keepdims=True, ddof=1)", (1, 3)),
    ("x[1]", (3,)), ("x[:, 1:3]", (2, 2)), ("x[-1, -1]", ()), ("logsumexp(x, 1, keepdims=True)", (2, 1)),
])
def test_shapes_follow_numpy(text, shape):
    x = np.arange(6.0).reshape(2, 3)
    result = engine.grad(f"x = randn(2, 3)\ny = {text}", inputs={"x": x})
    assert result.values["y"].shape == shape


def test_max_sends_the_gradient_to_the_first_largest_entry():
    x = np.array([[1.0, 3.0, 3.0], [2.0, 0.0, 1.0]])
    np.testing.assert_array_equal(engine.grad("y = x.max(1)", inputs={"x": x}).grads["x"], [[0, 1, 0], [1, 0, 0]])
    report = engine.check("y = x.max(1)", inputs={"x": x})
    assert report["ok"] and {w["entry"] for w in report["inputs"]["x"]["worst"] if w["kink"]} == {"x[0,1]", "x[0,2]"}


def test_indexing_scatters_into_zeros():
    result = engine.grad("x = randn(2, 3)\ny = x[:, 1:]")
    np.testing.assert_array_equal(result.grads["x"], [[0, 1, 1], [0, 1, 1]])
    step = [s for s in engine.Session("x = randn(2, 3)\ny = x[:, 1:]").steps if s.kind == "backward"][0]
    assert "scatter" in step.rule.text and "zeros" in step.rule.text


def test_labels_pick_one_entry_per_row_and_get_no_gradient():
    text = "x = randn(3, 4)\ny = labels(3, 4)\np = x[arange(3), y]"
    labels = np.array([2, 0, 3])
    result = engine.grad(text, inputs={"y": labels})
    np.testing.assert_array_equal(result.values["p"], result.values["x"][np.arange(3), labels])
    assert "y" not in result.grads and not [s for s in engine.Session(text).steps if s.target == "y"]
    with pytest.raises(engine.InputError, match="integers"):
        engine.grad(text, inputs={"y": labels.astype(float)})
    with pytest.raises(engine.InputError, match=r"\[0, 4\)"):
        engine.grad(text, inputs={"y": np.array([0, 4, 1])})


def test_cross_entropy_is_pytorchs_mean_reduction():
    x, y = np.random.default_rng(1).standard_normal((5, 3)), np.array([0, 2, 1, 1, 0])
    result = engine.grad("x = randn(5, 3)\ny = labels(5, 3)\nc = cross_entropy(x, y)", inputs={"x": x, "y": y})
    logp = x - np.log(np.exp(x).sum(1, keepdims=True))
    assert float(result.values["c"]) == pytest.approx(-logp[np.arange(5), y].mean(), abs=1e-12)


@pytest.mark.parametrize("text,words", [
    ("y = labels(2, 3)\nz = y * 2", "holds class labels"),
    ("x = randn(2, 3)\nz = cross_entropy(x, x)", "takes class labels"),
    ("x = randn(2, 3)\nz = x.sum(keepdims=1)", "True or False"),
    ("x = randn(2, 3)\nz = x[arange(2)]", r"arange\(n\) picks"),
    ("x = randn(2, 3)\nz = x[5]", "out of range"),
    ("True = randn(2)", "reserved"),
    ("z = True * 2", "keyword argument's value"),
    ("n = 2", "computes nothing"),
    ("x = randn(2)\n2 * 3", "is a constant"),
])
def test_misuse_gets_a_message(text, words):
    with pytest.raises(engine.EngineError, match=words):
        engine.grad(text)


def test_op_names_are_reserved_only_where_they_are_called():
    result = engine.grad("x = randn(2, 3)\nvar = x * 2\nmax = var.max(1)\nout = max.sum()")
    assert set(result.grads) >= {"var", "max"}


def test_the_command_line_takes_integer_labels_and_refuses_floats(tmp_path):
    text = "@resources/examples/cross_entropy.txt"
    np.save(tmp_path / "ints.npy", np.arange(32) % 27)
    np.save(tmp_path / "floats.npy", np.zeros(32))
    def run(path):
        return subprocess.run([sys.executable, "-m", "engine", "check", text, "--input", f"y={path}"],
                              capture_output=True, text=True)
    assert run(tmp_path / "ints.npy").returncode == 0
    refused = run(tmp_path / "floats.npy")
    assert refused.returncode == 2 and "class labels" in refused.stderr and "Traceback" not in refused.stderr


def test_explain_speaks_the_new_syntax():
    text = "n = 4\nx = randn(n, 3)\ny = labels(n, 3)\nl = x - x.max(1, keepdims=True)\nloss = -log_softmax(l)[arange(n), y].mean()"
    terms = engine.explain(text, "x[0,1]")
    assert terms["total"] == pytest.approx(terms["grad"], rel=1e-9, abs=1e-12)
    forward = engine.explain(text, "l[0,0]", forward=True)
    assert "max(" in forward["equation"]
