"""The whole program one node per entry (engine.scalargraph): the seed by hand, and on random
small programs the edges of the per-entry rules against finite-difference Jacobians."""
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import engine
from engine.entries import format_entry
from engine.passes import run_pass
from engine.scalargraph import scalar_graph
from tests.conftest import SEED_G
from tests.engine.test_attribution_property import PROGRAMS, computed
from tests.engine.test_paths_property import eqn_edges, no_constant_softmax


def test_the_seed_has_18_entries_and_24_partials(seed_inputs):
    graph = scalar_graph(run_pass(engine.parse("d = a @ b + c"), seed_inputs, SEED_G))
    assert [(n.name, n.index) for n in graph.nodes][:5] == [("a", (0, 0)), ("a", (0, 1)), ("a", (1, 0)),
                                                             ("a", (1, 1)), ("b", (0, 0))]
    assert len(graph.nodes) == 18 and len(graph.edges) == 24
    a11 = graph.nodes[0]
    assert (a11.value, a11.grad) == (1.0, pytest.approx(0.25))
    # a₁₁ feeds t1₁₁ with b₁₁ = 0.5 and t1₁₂ with b₁₂ = −1; c₁ feeds d₁₁ and d₂₁ with 1
    out_of = {e.target: (e.local, e.edge.text(format_entry)) for e in graph.edges if e.source == ("a", (0, 0))}
    assert out_of == {("t1", (0, 0)): (0.5, "b[0,0]"), ("t1", (0, 1)): (-1.0, "b[0,1]")}
    assert sorted(e.target for e in graph.edges if e.source == ("c", (0,))) == [("d", (0, 0)), ("d", (1, 0))]


def test_a_program_past_64_entries_is_refused():
    with pytest.raises(engine.InputError, match="at most 64 entries; this one has 300"):
        scalar_graph(run_pass(engine.parse("a = randn(10, 10); b = randn(10, 10); d = a @ b")))


def test_values_with_no_path_to_the_start_have_no_gradient():
    graph = scalar_graph(run_pass(engine.parse("h = a * 2; d = sum(a)")))
    assert {n.grad for n in graph.nodes if n.name == "h"} == {None}


@given(PROGRAMS)
def test_the_edges_are_the_non_zero_partials(text):
    records = computed(text)
    assume(sum(v.size for v in records.values.values()) <= 64)
    no_constant_softmax(records)
    rng = np.random.default_rng(2)
    want = {(x, q, e.out, p) for e in records.program.eqns
            for x, pairs in eqn_edges(e, records.values, rng).items() for q, p in pairs}
    flat = (lambda name, index: int(np.ravel_multi_index(index, records.values[name].shape)) if index else 0)
    got = [(e.source[0], flat(*e.source), e.target[0], flat(*e.target)) for e in scalar_graph(records).edges]
    assert len(got) == len(set(got)) and set(got) == want
