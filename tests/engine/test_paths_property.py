"""Paths on random programs, against an oracle that knows nothing of the per-entry rules: each
equation's Jacobian, one use of an operand at a time, by central differences on the op's
forward at generic random operands (a test oracle only, for small shapes); every chain of its
non-zero entries from the entry to the through nodes is a path."""
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from engine.entries import parse_entry
from engine.ops import lookup
from engine.pathlist import list_paths
from engine.passes import run_pass
from engine import parse
from tests.engine.test_attribution_property import INPUTS, PROGRAMS, close, computed, entries

ALL = 10 ** 9   # a limit that lists every path of these small programs
H = 1e-5


def column(f, operands, i, q):
    """∂f/∂operands[i][q] (flat), every output entry, by a central difference."""
    plus, minus = list(operands), list(operands)   # the others as they are (integer labels stay integers)
    plus[i], minus[i] = np.array(operands[i], dtype=float), np.array(operands[i], dtype=float)
    plus[i].reshape(-1)[q] += H
    minus[i].reshape(-1)[q] -= H
    return ((np.asarray(f(*plus)) - np.asarray(f(*minus))) / (2 * H)).reshape(-1)


def eqn_edges(eqn, values, rng, draws=16):
    """{operand name: {(q, p)}}: output entry p depends on the operand's entry q through some use,
    each use at its own random operands in [0.25, 4] (so `a − a` is two uses, not a zero), over
    several draws (maximum(x, 2) passes x's entries only where x ≥ 2 in a draw); integer labels
    keep their values and are no operand to differentiate."""
    op, edges = lookup(eqn.op), {}
    f = (lambda *xs: op.forward(*xs, **eqn.kwargs))
    for _, i, x in ((d, i, x) for d in range(draws) for i, x in enumerate(eqn.inputs)):
        if not isinstance(x, str) or i in op.labels:
            continue
        operands = [values[y] if k in op.labels else rng.uniform(0.25, 4.0, np.shape(values[y]))
                    if isinstance(y, str) else y.value for k, y in enumerate(eqn.inputs)]
        for q in range(values[x].size):
            found = np.flatnonzero(np.abs(column(f, operands, i, q)) > 1e-7)
            edges.setdefault(x, set()).update((q, int(p)) for p in found)
    return edges


def oracle_chains(records, name, flat, through):
    """Every chain of non-zero per-entry partials from name[flat] to a through node."""
    program, start, rng = records.program, records.start, np.random.default_rng(1)
    reach = {start}
    for eqn in reversed(program.eqns):
        if eqn.out in reach:
            reach.update(x for x in eqn.inputs if isinstance(x, str))
    stops = {through} if through else {e.out for e in program.eqns if e.named} | {start}
    edges = {e.out: eqn_edges(e, records.values, rng) for e in program.eqns if e.out in reach}
    found, todo = [], [((name, flat),)]
    while todo:
        chain = todo.pop()
        node, f = chain[-1]
        if node == start or (len(chain) > 1 and node in stops):
            found.append(chain)
            continue
        for out, by_operand in edges.items():
            todo += [chain + ((out, p),) for q, p in by_operand.get(node, ()) if q == f]
    return found


def as_flat(records, nodes):
    return tuple((n, int(np.ravel_multi_index(i, records.values[n].shape)) if i else 0) for n, i in nodes)


def through_of(records, data):
    return data.draw(st.sampled_from([None, records.start]))


CONSTANT_ON_ONE = {"softmax": -1, "log_softmax": -1, "var": None}   # op: its default axis


def no_constant_softmax(records):
    """Over a line of one entry, softmax is 1, log_softmax 0 and var 0 whatever the input: their
    partials are structural (listed) yet zero everywhere, so no oracle by values can see them."""
    for e in records.program.eqns:
        if e.op in CONSTANT_ON_ONE and isinstance(e.inputs[0], str):
            shape, axis = records.values[e.inputs[0]].shape, e.kwargs.get("axis", CONSTANT_ON_ONE[e.op])
            assume((int(np.prod(shape)) if axis is None else shape[axis]) > 1)


@given(PROGRAMS, st.data())
def test_the_paths_are_the_oracles_chains(text, data):
    records = computed(text)
    no_constant_softmax(records)
    (name, index), through = entries(records, data), through_of(records, data)
    flat = int(np.ravel_multi_index(index, records.values[name].shape)) if index else 0
    listing = list_paths(records, (name, index), through, expand=True, limit=ALL)
    mine = [as_flat(records, p.nodes) for p in listing.paths]
    want = oracle_chains(records, name, flat, through)
    assert len(mine) == len(set(mine)) == listing.count
    assert set(mine) == set(want) and len(want) == len(set(want))


# deeper chains than random programs usually have: fan-out then fan-in, several hops
DEEP = ["h = a @ b\ny = sum(h @ b)", "y = sum(softmax(relu(a @ b) * c, axis=0) ** 2)",
        "h = tanh(a @ b + c)\ny = mse(h @ b, a)", "y = sum(a * a @ b - transpose(a))",
        "y = mean(exp(a @ a) / sigmoid(b @ r.T))"]


@pytest.mark.parametrize("text", DEEP)
@pytest.mark.parametrize("through", [None, "y"])
def test_deep_chains_are_the_oracles_chains(text, through):
    records = run_pass(parse(INPUTS + text))
    for name in ("a", "b", "c", "r"):
        for flat in range(records.values[name].size) if name in records.grads else ():
            index = np.unravel_index(flat, records.values[name].shape)
            listing = list_paths(records, (name, index), through, expand=True, limit=ALL)
            mine = [as_flat(records, p.nodes) for p in listing.paths]
            assert len(mine) == listing.count and set(mine) == set(oracle_chains(records, name, flat, through))


def magnitude(path):
    """|product| before the uses of one edge cancel (a/a: 1/a − a/a²): the size rounding is relative to."""
    return abs(path.upstream_grad) * math.prod(sum(abs(f.value[p]) for f, p in e.parts) for e in path.edges)


@given(PROGRAMS, st.data())
def test_the_products_sum_to_the_gradient_and_subdivide_the_terms(text, data):
    records = computed(text)
    (name, index), through = entries(records, data), through_of(records, data)
    terms = list_paths(records, (name, index), through, limit=ALL)
    chains = list_paths(records, (name, index), through, expand=True, limit=ALL)
    scale = max(abs(terms.att.grad), math.fsum(magnitude(p) for p in chains.paths))
    assert close(math.fsum(p.product for p in chains.paths), terms.att.grad, scale)
    assert terms.total == chains.total == terms.att.total
    per_term = {}
    for p in chains.paths:
        key = (p.path, p.upstream)
        per_term[key] = per_term.get(key, 0.0) + p.product
    assert list(per_term) == [(p.path, p.upstream) for p in terms.paths]   # chains in term order
    for p in terms.paths:
        assert close(per_term[(p.path, p.upstream)], p.product, scale)


@given(PROGRAMS, st.data())
def test_at_the_default_depth_the_paths_are_the_explanations_terms(text, data):
    records = computed(text)
    (name, index), through = entries(records, data), through_of(records, data)
    listing = list_paths(records, (name, index), through, limit=ALL)
    terms = listing.att.to_dict()["terms"]
    assert listing.count == len(terms) == len(listing.paths)
    for p, t in zip(listing.to_dict()["paths"], terms):
        assert (p["path"], p["upstream"], p["upstream_grad"], p["product"]) == \
               (t["path"], t["upstream"], t["upstream_grad"], t["product"])
        assert p["locals"] == ([t["local"]] if len(t["path"]) > 1 else [])
        assert p["nodes"] == [listing.att.entry] + ([t["upstream"]] if len(t["path"]) > 1 else [])


@given(PROGRAMS, st.data(), st.integers(0, 7), st.booleans())
def test_a_limit_lists_the_first_and_last_paths(text, data, limit, expand):
    records = computed(text)
    entry = entries(records, data)
    every = [p.to_dict() for p in list_paths(records, entry, expand=expand, limit=ALL).paths]
    listing = list_paths(records, entry, expand=expand, limit=limit)
    head, tail = (limit + 1) // 2, limit // 2
    want = every if len(every) <= limit else every[:head] + every[len(every) - tail:]
    assert [p.to_dict() for p in listing.paths] == want
    assert listing.count == len(every) and listing.omitted == len(every) - len(want)
    run = listing.omitted_run()
    if run is not None:   # the omitted paths end at consecutive entries along one index of one node
        gone = [parse_entry(p["upstream"]) for p in every[listing.head:len(every) - limit // 2]]
        assert {name for name, _, _ in gone} == {run["node"]}
        assert [index[run["axis"]] for _, index, _ in gone] == list(range(run["first"], run["last"] + 1))
        assert len({index[:run["axis"]] + index[run["axis"] + 1:] for _, index, _ in gone}) == 1
