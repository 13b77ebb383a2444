"""A whole small program one node per scalar entry, as micrograd draws scalars: every entry of
every value with its number and gradient, and one edge per structurally non-zero per-entry
partial ∂y[j]/∂x[i] of each equation (every use of x in it summed: `h * h` is one edge).

    graph = scalar_graph(session.records)   # refused past MAX_ENTRIES entries in all
    graph.nodes    # [ScalarNode(name, index, value, grad)]; grad None where no path to L
    graph.edges    # [ScalarEdge(source, target, edge)], entries as (name, index); edge.local
                   #   and edge.text(entry) as engine.chains.Edge writes it (`b[0,1]`, `1`)

The seed has 4 + 4 + 2 + 4 + 4 = 18 entries and 24 edges. The expanded paths of a selected
entry (engine.pathlist) are chains of these edges."""
from typing import NamedTuple

import numpy as np

from .chains import Chains, Edge, Layer
from .errors import InputError

MAX_ENTRIES = 64


class ScalarNode(NamedTuple):
    name: str
    index: tuple
    value: float
    grad: float | None


class ScalarEdge(NamedTuple):
    source: tuple     # (name, index) of the operand entry
    target: tuple     # (name, index) of the output entry it feeds
    edge: Edge        # ∂target/∂source, its value and its text

    @property
    def local(self):
        return self.edge.local


class ScalarGraph(NamedTuple):
    nodes: list
    edges: list


def scalar_graph(records, limit=MAX_ENTRIES):
    """Every entry of the program and every per-entry partial between them."""
    values, program = records.values, records.program
    total = sum(v.size for v in values.values())
    if total > limit:
        raise InputError(f"the scalar view draws programs of at most {limit} entries; this one has {total:,}")
    names = [i.name for i in program.inputs] + [e.out for e in program.eqns]
    nodes = [ScalarNode(n, at(values[n], k), float(values[n].reshape(-1)[k]), grad_at(records, n, k))
             for n in names for k in range(values[n].size)]
    chains = Chains(records)
    edges = [e for eqn in program.eqns for x in dict.fromkeys(eqn.operand_names())
             for e in equation_edges(chains, values, x, eqn.out)]
    return ScalarGraph(nodes, edges)


def equation_edges(chains, values, x, y):
    """The edges from every entry of x into y, in order of x's entries then y's; routes that
    meet at one entry (two uses, or a broadcast entry summed twice) are one edge."""
    size = values[y].size
    hop = chains.hop(Layer(x, np.arange(values[x].size), np.ones(values[x].size, dtype=np.int64)), y)
    keys = hop.src * size + hop.out
    edges = []
    for key in np.unique(keys):
        parts = np.flatnonzero(keys == key)
        edge = Edge(float(hop.factor.value[parts].sum()), tuple((hop.factor, p) for p in parts))
        source, target = divmod(int(key), size)
        edges.append(ScalarEdge((x, at(values[x], source)), (y, at(values[y], target)), edge))
    return edges


def at(array, flat):
    return tuple(int(i) for i in np.unravel_index(flat, array.shape))


def grad_at(records, name, flat):
    grad = records.grads.get(name)
    return None if grad is None else float(np.asarray(grad).reshape(-1)[flat])
