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


def step_edges(graph, step):
    """The edge keys (source, target, port) a step reads or sends its gradient along."""
    ids = graph.graph["ids"]
    if step.kind == "seed":
        return [(ids[step.target], LOSS_ID, 0)]
    target = ids[step.eqn.out]
    if step.kind == "forward":
        return [(u, target, k) for u, _, k in graph.in_edges(target, keys=True)]
    return [(ids[step.target], target, step.operand_index)]


class CursorStates:
    """The states of a graph's items after any cursor of one pass (all pending without a pass, a
    draft). What each step touches is worked out once, so moving the cursor from one place to
    another restyles only the items of the steps it passes (`touched`), not the whole graph."""

    def __init__(self, graph, session):
        self.graph, self.session = graph, session
        steps = session.steps if session is not None else ()
        self.keys = dict.fromkeys(graph.edges(keys=True))   # ordered, and a quick membership test
        self.step_nodes = [step_node(graph, s) for s in steps]   # step i's node at [i - 1]
        self.step_keys = [[k for k in step_edges(graph, s) if k in self.keys] for s in steps]
        self.flows = {}   # edge key → the first step that sends a gradient back along it
        for step, keys in zip(steps, self.step_keys):
            if step.kind != "forward":
                for key in keys:
                    self.flows.setdefault(key, step.index)
        self.seed = next((s.index for s in steps if s.kind == "seed"), None)

    def touched(self, before, after):
        """(node ids, edge keys) whose state may differ between cursors `before` and `after`: those
        of the steps done or undone between them, and of the two current steps."""
        first, last = max(1, min(before, after)), max(before, after)
        nodes = {self.step_nodes[i - 1] for i in range(first, last + 1)}
        keys = {k for i in range(first, last + 1) for k in self.step_keys[i - 1]}
        if self.seed is not None and first <= self.seed <= last:
            nodes.add(LOSS_ID)
        return nodes, keys

    def nodes(self, cursor, ids=None):
        """{node id: NodeState} after `cursor` steps, for `ids` (default: every node)."""
        ids = self.graph.nodes if ids is None else ids
        if self.session is None:
            return dict.fromkeys(ids, NodeState())
        active = self.step_nodes[cursor - 1] if cursor else None
        seeded = self.seed is not None and self.seed <= cursor
        return {n: self.node_state(n, cursor, n == active, seeded) for n in ids}

    def node_state(self, node_id, cursor, active, seeded):
        data, session = self.graph.nodes[node_id], self.session
        name = data["name"]
        if name:
            _, grad, k, n = session.grad(name, cursor)
            return NodeState(session.value(name, cursor) is not None, grad, k, n, active)
        # constants, holes and the loss marker
        grad = GradState.DONE if data["kind"] == "loss" and seeded else GradState.NO_PATH
        return NodeState(data["kind"] == "const", grad)

    def edges(self, cursor, keys=None):
        """{(source, target, port): EdgeState} after `cursor` steps, for `keys` (default: every
        edge): the edge a gradient is flowing back along is labelled with it (`G`, `∂L/∂a`)."""
        keys = self.keys if keys is None else keys
        if self.session is None or not cursor:
            return dict.fromkeys(keys, EdgeState())
        current, now = self.session.steps[cursor - 1], set(self.step_keys[cursor - 1])
        if current.kind == "forward":
            state = EdgeState("lit")
        else:
            state = EdgeState("flow", "G" if current.kind == "seed" else f"∂L/∂{current.target}")
        return {k: state if k in now else EdgeState("flowed") if self.flows.get(k, cursor) < cursor
                else EdgeState() for k in keys}
