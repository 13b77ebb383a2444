"""Kept buffers: reused only once nothing holds them, and let go with the plans left behind."""
import numpy as np
import pytest

from engine import buffers


def test_an_output_is_written_into_its_earlier_buffer_only_once_nothing_holds_it():
    kept = []
    add = buffers.into_kept(np.add, kept)
    held = add(np.ones(3), 1.0)
    again = add(np.ones(3), 2.0)   # `held` still holds the first buffer: a new one
    assert again is not held and held.tolist() == [2.0] * 3
    del again
    assert add(np.ones(3), 3.0) is kept[-1] and len(kept) == buffers.POOL_SIZE


def test_the_least_recent_plans_let_their_buffers_go_past_the_budget(monkeypatch):
    monkeypatch.setattr(buffers, "_keeping", [])
    monkeypatch.setattr(buffers, "KEPT_BYTES", 3 * 2 * 8)   # three plans of two one-entry buffers
    plans = [([np.ones(1)], [np.ones(1)]) for _ in range(4)]
    for lists in plans + plans[-1:]:
        buffers.keeping(lists)
    assert all(kept == [] for kept in plans[0])
    assert all(len(kept) == 1 for lists in plans[1:] for kept in lists)
    buffers.keeping(plans[1])   # a plan run again moves to the end
    plans[0][0].append(np.ones(1))   # a pass of the first plan keeps a buffer again
    buffers.keeping(plans[0])
    assert all(kept == [] for kept in plans[2]) and len(plans[1][0]) == 1


def writers():
    """(op name, which function, the function) of every op function that writes into a buffer."""
    from engine.ops import REGISTRY
    for name, op in REGISTRY.items():
        for which, fn in [("forward", op.forward)] + [(f"vjp {i}", v) for i, v in enumerate(op.vjps)]:
            if getattr(fn, "writes_into", False):
                yield name, which, fn


@pytest.mark.parametrize("name, which, fn", list(writers()), ids=lambda x: x if isinstance(x, str) else "")
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_function_that_writes_into_a_buffer_gives_the_numbers_it_gives_alone(name, which, fn, dtype):
    from engine.ops import REGISTRY
    op, rng = REGISTRY[name], np.random.default_rng(0)
    shapes = [(3, 4), (4, 5)] if op.arity == 2 and op.name == "matmul" else [(3, 4)] * op.arity
    operands = [rng.standard_normal(s).astype(dtype) for s in shapes]
    out = op.forward(*operands)
    args = operands if which == "forward" else [np.ones_like(out), out, *operands]
    alone = fn(*args)
    buf = np.full_like(alone, np.nan)
    assert fn(*args, into=buf) is buf
    np.testing.assert_array_equal(buf, alone)
    assert buf.dtype == alone.dtype
