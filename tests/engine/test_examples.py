"""The examples: each says first what it teaches, steps to the end, and passes the gradient
check; the backprop-ninja exercise matches its closed-form manual backward to 1e-10."""
from pathlib import Path

import numpy as np
import pytest

import engine

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
NINJA = (EXAMPLES / "backprop_ninja.txt").read_text()


def narrow_mlp5():
    """mlp5's inputs at batch 4 and width 8: checking its 256-wide weights entry by entry takes
    minutes (two forward passes per entry), so its program is checked at small widths."""
    rng = np.random.default_rng(0)
    shapes = {"x": (4, 8), "y": (4, 8)} | {f"w{k}": (8, 8) for k in range(1, 6)} | {f"b{k}": (8,) for k in range(1, 6)}
    return {name: rng.standard_normal(shape) for name, shape in shapes.items()}


CHECK_INPUTS = {"mlp5": narrow_mlp5}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_example_teaches_steps_to_the_end_and_passes_the_gradient_check(path):
    text = path.read_text()
    if path.stem != "seed":   # the spec writes the seed out as its four statements alone
        assert text.startswith("# ") and len(text.split("\n", 1)[0]) > 20, "a first comment says what it teaches"
    session = engine.Session(text)
    session.seek(session.total)
    assert session.current_step().kind == "backward" and all(step.describe(session.total) for step in session.steps)
    inputs = CHECK_INPUTS[path.stem]() if path.stem in CHECK_INPUTS else None
    assert engine.check(text, inputs=inputs)["ok"]


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def manual_backward(v, n):
    """The exercise's own closed forms: dlogits = (softmax(logits) − onehot(Yb))/n, then the
    batch-norm backward in one line (with Bessel's n/(n−1))."""
    dlogits = softmax(v["logits"])
    dlogits[np.arange(n), v["Yb"]] -= 1
    dlogits /= n
    dhpreact = (1.0 - v["h"] ** 2) * (dlogits @ v["W2"].T)
    bnraw, bnvar_inv = v["bnraw"], v["bnvar_inv"]
    dhprebn = v["bngain"] * bnvar_inv / n * (n * dhpreact - dhpreact.sum(0) - n / (n - 1) * bnraw
                                             * (dhpreact * bnraw).sum(0))
    return {"W2": v["h"].T @ dlogits, "b2": dlogits.sum(0), "bngain": (bnraw * dhpreact).sum(0, keepdims=True),
            "bnbias": dhpreact.sum(0, keepdims=True), "embcat": dhprebn @ v["W1"].T, "W1": v["embcat"].T @ dhprebn,
            "b1": dhprebn.sum(0)}


def test_the_ninja_gradients_match_the_exercise_manual_backward():
    result = engine.grad(NINJA)
    want = manual_backward(result.values, 32)
    for name, grad in want.items():
        np.testing.assert_allclose(result.grads[name], grad, rtol=0, atol=1e-10, err_msg=name)
    assert "Yb" not in result.grads and result.values["Yb"].dtype.kind == "i"


def test_cross_entropy_in_one_line_gives_the_ninja_loss_and_gradient():
    both = engine.parse(NINJA + "\nce = cross_entropy(logits, Yb)")
    ninja, one_line = engine.grad(both, start="loss"), engine.grad(both, start="ce")
    assert one_line.values["ce"] == pytest.approx(float(ninja.values["loss"]), abs=1e-12)
    np.testing.assert_allclose(one_line.grads["logits"], ninja.grads["logits"], rtol=0, atol=1e-12)
