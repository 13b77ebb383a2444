"""What the cursor means for each canvas item, as plain data: the views only apply it.

Nodes: has a value, the gradient's state (engine.GradState, k of n), and whether the current step
is about this node (forward: its equation; seed: the start node; backward: the operand whose
gradient the step computes). Edges: 'lit' when the current forward step reads them, 'flow' when
the current backward step (or the seed) sends the gradient back along them, 'flowed' once a
gradient passed."""
from typing import NamedTuple

from engine import GradState
from gui.model.layout import LOSS_ID


class NodeState(NamedTuple):
    """What the cursor says about a node: forward value, gradient (engine.GradState), lit or not."""
    has_value: bool = False
    grad: str = GradState.NOT_YET
    k: int = 0
    n: int = 0
    active: bool = False


class EdgeState(NamedTuple):
    """How the cursor relates to an edge: 'idle', 'lit', 'flow' or 'flowed', and what flows."""
    kind: str = "idle"
    label: str = ""


def step_node(graph, step):
    """The node id the current step is about, or None before the first step."""
    if step is None:
        return None
    ids = graph.graph["ids"]
    return ids[step.eqn.out] if step.kind == "forward" else ids[step.target]


def node_states(graph, session):
    """{node_id: NodeState} after the session's cursor; all pending without a session (a draft)."""
    if session is None:
        return dict.fromkeys(graph.nodes, NodeState())
    active = step_node(graph, session.current_step())
    seeded = any(s.kind == "seed" for s in session.steps[:session.cursor])
    states = {}
    for node_id, data in graph.nodes(data=True):
        name = data["name"]
        if name:
            _, grad, k, n = session.grad(name)
            states[node_id] = NodeState(session.value(name) is not None, grad, k, n, node_id == active)
        else:  # constants, holes and the loss marker
            grad = GradState.DONE if data["kind"] == "loss" and seeded else GradState.NO_PATH
            states[node_id] = NodeState(data["kind"] == "const", grad)
    return states


def step_edges(graph, step):
    """The edge keys (source, target, port) a step reads or sends its gradient along."""
    ids = graph.graph["ids"]
    if step.kind == "seed":
        return [(ids[step.target], LOSS_ID, 0)]
    target = ids[step.eqn.out]
    if step.kind == "forward":
        return [(u, target, k) for u, _, k in graph.in_edges(target, keys=True)]
    return [(ids[step.target], target, step.operand_index)]


def edge_states(graph, session):
    """{(source, target, port): EdgeState} after the session's cursor (idle without one); the edge a
    gradient is flowing back along is labelled with it (`G`, `∂L/∂a`)."""
    states = dict.fromkeys(graph.edges(keys=True), EdgeState())
    if session is None:
        return states
    done = session.steps[:session.cursor]
    for step in done[:-1]:
        if step.kind != "forward":
            states.update((key, EdgeState("flowed")) for key in step_edges(graph, step) if key in states)
    if done:
        current = done[-1]
        if current.kind == "forward":
            state = EdgeState("lit")
        else:
            state = EdgeState("flow", "G" if current.kind == "seed" else f"∂L/∂{current.target}")
        states.update((key, state) for key in step_edges(graph, current) if key in states)
    return states
