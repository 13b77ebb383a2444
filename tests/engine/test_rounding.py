"""Zero up to rounding (engine.rounding): below 8 ulp of the sum of the magnitudes of the terms
that made a value, it is displayed as 0; a value that is small because its terms are small is not."""
import numpy as np

import engine
from engine.chaintext import scalar_lines
from engine.rounding import Magnitudes, entry_magnitude, shown_number, snapped

SOFTMAX = "s = randn(3, 7)\ny = softmax(s, axis=0)"   # under L = sum(y), ∂L/∂s is exactly 0


def test_softmaxs_gradient_is_zero_up_to_rounding_but_computed_as_it_is():
    records = engine.grad(SOFTMAX).records
    raw = records.grads["s"]
    assert np.abs(raw).max() > 0
    shown = snapped(raw, Magnitudes(records).grad("s", len(records.steps)))
    assert np.all(shown == 0) and np.abs(raw).max() > 0
    assert engine.explain(SOFTMAX, "s[0,0]")["grad"] == float(raw[0, 0])   # the JSON keeps the number


def test_a_gradient_that_is_small_because_its_terms_are_is_not_zeroed():
    records = engine.grad("y = a * b", {"a": np.full((2, 2), 1e-300), "b": np.full((2, 2), 1e-20)}).records
    grad = records.grads["a"]
    assert np.array_equal(snapped(grad, Magnitudes(records).grad("a", len(records.steps))), grad)


def test_the_magnitudes_are_the_sums_of_the_terms_absolute_values():
    records = engine.grad("d = a @ b + c", upstream=np.array([[1.0, -2.0], [3.0, -4.0]])).records
    found = Magnitudes(records).grad("a", len(records.steps))
    np.testing.assert_allclose(found, np.abs(records.grads["d"]) @ np.abs(records.values["b"]).T)
    att = engine.attribute(records, "a[1,0]")
    assert entry_magnitude(att) == found[1, 0]


def test_the_chain_rule_writes_a_rounding_zero_as_0_only_for_display():
    records = engine.grad(SOFTMAX).records
    att = next(a for a in (engine.attribute(records, ("s", (i, j))) for i in range(3) for j in range(7))
               if a.total != 0)
    assert scalar_lines(att, rounding=True)[0].endswith("= 0")
    assert not scalar_lines(att)[0].endswith("= 0")
    assert shown_number(att.total, entry_magnitude(att)) == 0.0


def derived(text, inputs=None):
    """The matrix the last backward step's rule derives, raw and as displayed."""
    records = engine.grad(text, inputs).records
    step = records.steps[-1]
    arrays = step.rule_arrays()
    n = next(k for k, t in enumerate(step.rule.terms()) if t.kind == "derived")
    return arrays[n], Magnitudes(records).shown_factor(step, arrays, n)


def test_softmaxs_derived_factor_is_zero_where_its_product_is():
    raw, shown = derived(SOFTMAX)
    assert np.abs(raw).max() > 0 and np.all(shown == 0)


def test_a_derived_factor_that_is_exact_is_shown_as_computed():
    raw, shown = derived("y = relu(x)", {"x": np.array([[1.0, -2.0], [1e-300, -1e-300]])})
    assert shown is raw or np.array_equal(shown, raw)
    raw, shown = derived("y = tanh(x)", {"x": np.array([[40.0, 1e-9], [0.5, -3.0]])})   # 1 − y² ≈ 0 at 40
    assert np.array_equal(shown, raw)
