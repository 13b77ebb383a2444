"""Attribution on random programs, against one-hot VJPs (a test oracle only, on small shapes):
the terms sum to the gradient entry, and the listed upstream entries are exactly those whose
local partial is structurally non-zero, with the oracle's values."""
import math

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

import engine
from engine.passes import run_pass

from .op_samples import extend_with_ops

INPUTS = "a = randn(2, 2); b = randn(2, 2); c = randn(2); r = randn(1, 2); cls = labels(2, 2)\n"
LEAVES = st.sampled_from(["a", "b", "c", "r", "a", "b", "2"])
EXPRS = st.recursive(LEAVES, lambda inner: extend_with_ops(inner, labels="cls"), max_leaves=6)
PROGRAMS = st.tuples(EXPRS, EXPRS, st.booleans()).map(
    lambda t: INPUTS + f"h = {t[0]}\ny = {t[1].replace('b', 'h', 1) if t[2] else t[1]}")


def computed(text, inputs=None):
    try:
        records = run_pass(engine.parse(text), inputs)
    except engine.EngineError:
        assume(False)
    assume(all(np.isfinite(v).all() for v in list(records.values.values()) + list(records.grads.values())))
    return records


def entries(records, data):
    name = data.draw(st.sampled_from(sorted(records.grads)))
    shape = records.values[name].shape
    return name, tuple(data.draw(st.integers(0, n - 1)) for n in shape)


def close(x, y, scale):
    """1e-9 relative to the terms' size; when the terms cancel to (nearly) nothing, rounding
    of order 1e-17 is all that is left, so the scale has a floor."""
    return abs(x - y) <= 1e-9 * max(scale, 1e-6)


@given(PROGRAMS, st.data())
def test_terms_sum_to_the_gradient_entry(text, data):
    records = computed(text)
    name, index = entries(records, data)
    att = engine.attribute(records, (name, index))
    products = [g.upstream * g.local for g in att.groups]
    scale = max(abs(att.grad), math.fsum(np.abs(p).sum() for p in products))
    assert close(att.total, att.grad, scale)
    assert att.total == att.to_dict()["total"]
    assert close(math.fsum(t["product"] for t in att.to_dict()["terms"]), att.total, scale)


def oracle_locals(records, name, index, node):
    """∂node[j]/∂name[index] for every j, by one VJP per one-hot cotangent on node."""
    shape = records.values[node].shape
    values = {i.name: records.values[i.name] for i in records.program.inputs}
    out = np.zeros(int(np.prod(shape)))
    for j in range(out.size):
        onehot = np.zeros(out.size)
        onehot[j] = 1.0
        r = run_pass(records.program, values, onehot.reshape(shape), node)
        out[j] = r.grads[name][index]
    return out


@given(PROGRAMS, st.data())
def test_upstream_entries_are_the_structurally_non_zero_partials(text, data):
    # sigmoid has relu's structure and a derivative that is never 0, so structure shows in values
    records = computed(text.replace("relu(", "sigmoid("))
    name, index = entries(records, data)
    start = records.start
    att = engine.attribute(records, (name, index), through=start)
    want = oracle_locals(records, name, index, start)
    listed = np.zeros(want.size)
    for g in att.groups:
        np.add.at(listed, g.idx, g.local)
    listed_set = {int(j) for g in att.groups for j in g.idx}
    # every non-zero partial is listed; a listed one the oracle finds 0 must be 0 here too
    # (structural dependence that cancels, as in a − a, or a softmax over one entry)
    assert set(np.flatnonzero(want).tolist()) <= listed_set
    np.testing.assert_allclose(listed, want, rtol=1e-9, atol=1e-12)


@given(PROGRAMS, st.data())
def test_relu_off_entries_stay_listed(text, data):
    records = computed(text)
    name, index = entries(records, data)
    att = engine.attribute(records, (name, index), through=records.start)
    smooth_records = computed(text.replace("relu(", "sigmoid("))
    smooth = engine.attribute(smooth_records, (name, index), through=records.start)
    assert [g.idx.tolist() for g in att.groups] == [g.idx.tolist() for g in smooth.groups]


@given(PROGRAMS, st.data())
def test_routes_summed_in_closed_form_agree_with_listed_routes(text, data):
    import engine.closed_form
    records = computed(text)
    name, index = entries(records, data)
    routes = engine.attribute(records, (name, index))
    saved, engine.closed_form.JOIN_ABOVE = engine.closed_form.JOIN_ABOVE, 0
    try:
        joined = engine.attribute(records, (name, index))
    finally:
        engine.closed_form.JOIN_ABOVE = saved
    layout = [(g.path, g.idx.tolist()) for g in routes.groups]
    assert [(g.path, g.idx.tolist()) for g in joined.groups] == layout
    for a, b in zip(joined.groups, routes.groups):
        np.testing.assert_allclose(a.local, b.local, rtol=1e-9, atol=1e-12)
