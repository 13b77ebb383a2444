"""The canvas items' states after a cursor, and the items a cursor move touches: a move restyles
only those, so they must cover every item whose state differs."""
import itertools

import pytest

import engine
from engine import GradState
from gui.model.canvas_state import CursorStates, EdgeState, step_edges
from gui.model.layout import LOSS_ID, program_graph

PROGRAMS = {
    "seed": ("a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c", None),
    "reuse": ("h = randn(2, 3)\nw = randn(3, 3)\nh1 = tanh(h @ w)\nh2 = tanh(h1 @ w)\ne = h2 * h2 + 2", None),
    "start": ("a = randn(2, 2)\nb = relu(a)\nc = b @ a\nd = sum(c)", "b"),
}


def pass_of(name):
    text, start = PROGRAMS[name]
    session = engine.Session(text, start=start)
    return program_graph(session.program, None, session.records.start), session


def edges_walked(graph, session, cursor):
    """The edges' states found by walking every step done (the oracle)."""
    states = dict.fromkeys(graph.edges(keys=True), EdgeState())
    done = session.steps[:cursor]
    for step in done[:-1]:
        if step.kind != "forward":
            states.update((k, EdgeState("flowed")) for k in step_edges(graph, step) if k in states)
    if done:
        kind = "lit" if done[-1].kind == "forward" else "flow"
        label = "" if kind == "lit" else "G" if done[-1].kind == "seed" else f"∂L/∂{done[-1].target}"
        states.update((k, EdgeState(kind, label)) for k in step_edges(graph, done[-1]) if k in states)
    return states


@pytest.mark.parametrize("name", PROGRAMS)
def test_edge_states_match_walking_every_step(name):
    graph, session = pass_of(name)
    states = CursorStates(graph, session)
    for cursor in range(session.total + 1):
        assert states.edges(cursor) == edges_walked(graph, session, cursor)


@pytest.mark.parametrize("name", PROGRAMS)
def test_node_states_follow_the_session(name):
    graph, session = pass_of(name)
    states = CursorStates(graph, session)
    for cursor in range(session.total + 1):
        nodes = states.nodes(cursor)
        for node_id, data in graph.nodes(data=True):
            if data["name"]:
                assert nodes[node_id].grad == session.grad(data["name"], cursor)[1]
                assert nodes[node_id].has_value == (session.value(data["name"], cursor) is not None)
        seeded = any(s.kind == "seed" for s in session.steps[:cursor])
        assert (nodes[LOSS_ID].grad == GradState.DONE) == seeded
        assert sum(s.active for s in nodes.values()) == (cursor > 0)


@pytest.mark.parametrize("name", PROGRAMS)
def test_a_cursor_move_touches_every_item_whose_state_changes(name):
    graph, session = pass_of(name)
    states = CursorStates(graph, session)
    for before, after in itertools.product(range(session.total + 1), repeat=2):
        nodes, keys = states.touched(before, after)
        old_nodes, new_nodes = states.nodes(before), states.nodes(after)
        old_edges, new_edges = states.edges(before), states.edges(after)
        assert {n for n in graph if old_nodes[n] != new_nodes[n]} <= nodes
        assert {k for k in old_edges if old_edges[k] != new_edges[k]} <= keys


def test_a_one_step_move_touches_a_few_items_of_a_long_chain():
    lines = ["h0 = randn(2, 2)", "w = randn(2, 2)"] + [f"h{i} = tanh(h{i - 1} @ w)" for i in range(1, 60)]
    session = engine.Session("\n".join(lines))
    states = CursorStates(program_graph(session.program, None, session.records.start), session)
    middle = session.total // 2
    nodes, keys = states.touched(middle, middle + 1)
    assert len(nodes) <= 2 and len(keys) <= 2


def test_a_draft_is_all_pending():
    graph = program_graph(engine.parse("a = randn(2, 2)\nd = a @ ?"))
    states = CursorStates(graph, None)
    assert set(states.nodes(3).values()) == {states.nodes(0)["a"]}
    assert set(states.edges(3).values()) == {EdgeState()}
