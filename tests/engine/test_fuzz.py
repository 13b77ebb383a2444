"""Random well-formed and malformed programs: a result or a clear EngineError, never a traceback."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import engine

from .op_samples import extend_with_ops

NAMES = st.sampled_from(["a", "b", "c", "x"])
LEAVES = st.one_of(NAMES, st.sampled_from(["2", "0.5", "1e-3", "1e400", "randn(2, 2)", "ones(2)", "eye(2)",
                                          "randn(0, 2)", "randn(1e400)", "sum(a, axis=1e400)", "?"]))


def extend(inner):
    return extend_with_ops(inner)


EXPRS = st.recursive(LEAVES, extend, max_leaves=8)
NOISE = st.text(alphabet="ab+-*/@()=;.T?,0123456789 \n#[]:", max_size=40)


def run(text):
    try:
        result = engine.grad(text)
    except engine.EngineError as exc:
        assert str(exc).strip()
        return None
    for arr in result.grads.values():
        assert isinstance(arr, np.ndarray) and not arr.flags.writeable
    return result


@given(EXPRS)
def test_well_formed_programs_compute_or_explain(expr):
    run(f"lab = labels(2, 2)\ny = {expr}")


@given(NOISE)
def test_malformed_text_never_crashes(text):
    run(text)


@given(EXPRS, NOISE)
def test_edits_never_crash(expr, noise):
    run(f"y = {expr}{noise}")
