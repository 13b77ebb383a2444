"""Scalar chains of one gradient entry: x[idx] → v₁[j₁] → … → y[u], each hop a structurally
non-zero per-entry partial ∂vₜ₊₁[jₜ₊₁]/∂vₜ[jₜ] of one equation (the per-op rules of
engine.influence, every use of vₜ in the equation together), along a path of nodes.

The chains are counted, never listed: the number of chains reaching an entry is the sum of the
numbers reaching the entries that feed it (a dynamic programme over the entries each node path
reaches, O(partials of each hop), int64 while no sum can overflow it, Python ints beyond). So
a 5-layer MLP's 256³ chains per entry are counted from its 64×256 activations; a hop of more
than EDGE_BUDGET partials is refused with a message rather than attempted.

The k-th chain ending at u is found walking back from u: its last hop comes from the
predecessor p whose chains cover rank k (predecessors ranked by entry), then p's, and so on.
The chains of one term are so ordered by their entries nearest u first."""
from typing import NamedTuple

import numpy as np

from .attribution import site_of
from .errors import InputError
from .factors import Concat
from .ops import lookup

EDGE_BUDGET = 1 << 23  # partials one hop may list (~0.4 GB while listed): past it, refused, not swapped
INT64_SAFE = 2 ** 62   # a sum of counts below this cannot overflow int64
FLOAT_EXACT = 2 ** 53  # nor lose an integer when summed in float64 (numpy's bincount)


class Layer(NamedTuple):
    """The entries of `node` that chains along one path reach (flat, ascending), with how many
    chains reach each (int64, or object holding Python ints)."""
    node: str
    idx: np.ndarray
    counts: np.ndarray


class Hop(NamedTuple):
    """Every edge of one equation out of a layer: the layer position `src[e]` feeds the flat
    entry `out[e]` with the factor `factor.value[e]` (one edge per use of the layer's node)."""
    src: np.ndarray
    out: np.ndarray
    factor: object


class Edge(NamedTuple):
    """One hop of a listed chain: its local partial and the factor columns and positions that
    sum to it (two for `h * h`, one per use)."""
    local: float
    parts: tuple

    def text(self, entry):
        """The local's text, entries written by `entry(name, index)`: `b[0,1]`, `1`, `2·h[0] + …`."""
        return " + ".join(f.text(int(p), entry) for f, p in self.parts)

    def shown(self, entry):
        """[(text, local)], or nothing for a local of 1 (as a product leaves it out)."""
        text = self.text(entry)
        return [] if text == "1" else [(text, self.local)]


class Chain(NamedTuple):
    flats: tuple   # the flat entry at each node of the path
    edges: tuple   # one Edge per hop


class Chains:
    """Chains from the entry `flat` of `name`, along node paths starting at `name` (without a
    root, only the edges of hops are asked for: engine.scalargraph)."""

    def __init__(self, records, name=None, flat=0):
        self.records, self.sites = records, {}
        self.layers = {(name,): Layer(name, np.array([flat]), np.ones(1, dtype=np.int64))} if name else {}

    def layer(self, path):
        """The layer of path[-1] along `path` (each prefix's layer kept for paths that share it)."""
        known = max(n for n in range(1, len(path) + 1) if path[:n] in self.layers)
        for n in range(known + 1, len(path) + 1):
            prev = self.layers[path[:n - 1]]
            self.layers[path[:n]] = counted(prev, self.hop(prev, path[n - 1]), path[n - 1], self.size(path[n - 1]))
        return self.layers[path]

    def counts_at(self, path, idx):
        """How many chains along `path` end at each of the flat entries `idx` of path[-1]."""
        layer = self.layer(path)
        return layer.counts[np.searchsorted(layer.idx, idx)]

    def size(self, node):
        return self.records.values[node].size

    def hop(self, prev, node):
        """The edges from the entries of `prev` into `node`, by node's equation."""
        eqn = self.records.program.producer(node)
        if node not in self.sites:
            self.sites[node] = site_of(eqn, self.records.values)
        rule, site = lookup(eqn.op).influence, self.sites[node]
        uses = [i for i, x in enumerate(eqn.inputs) if x == prev.node]
        refuse_large(sum(len(rule.feeds[i](site, i, prev.idx[:1]).out) for i in uses) * len(prev.idx), node)
        effects = [rule.feeds[i](site, i, prev.idx) for i in uses]
        if len(effects) == 1:   # the usual case: no copy of what may be millions of partials
            return Hop(*effects[0])
        factor = Concat([e.factor for e in effects])
        return Hop(np.concatenate([e.src for e in effects]), np.concatenate([e.out for e in effects]), factor)

    def walk(self, path, requests):
        """The chains along `path` for each (u, k): the k-th (0-based) of those ending at the
        flat entry u of path[-1]. One hop's edges serve every request."""
        found = [([u], [], k) for u, k in requests]
        for n in range(len(path) - 1, 0, -1):
            prev = self.layer(path[:n])
            hop = self.hop(prev, path[n])
            into = edges_into(hop, [flats[-1] for flats, _, _ in found])
            found = [back(prev, hop, e, flats, edges, k) for e, (flats, edges, k) in zip(into, found)]
        return [Chain(tuple(flats[::-1]), tuple(edges[::-1])) for flats, edges, _ in found]


def refuse_large(edges, node):
    """Every entry of an operand feeds as many output entries (its fan-out), so one entry's
    fan-out times the entries reached is the hop's size, known before listing it."""
    if edges > EDGE_BUDGET:
        raise InputError(f"expanding these paths into {node} means following {edges:,} entry-to-entry "
                         f"partials at once (more than {EDGE_BUDGET:,}); count them unexpanded, or choose "
                         "a through node nearer the entry")


def edges_into(hop, targets):
    """The positions of the hop's edges into each target entry: a scan per target when they
    are few, else one sort of the edges by the entry they feed."""
    if len(targets) <= 8:
        return [np.flatnonzero(hop.out == v) for v in targets]
    order = np.argsort(hop.out, kind="stable")
    fed = hop.out[order]
    lo, hi = np.searchsorted(fed, targets, "left"), np.searchsorted(fed, targets, "right")
    return [order[a:b] for a, b in zip(lo, hi)]


def back(prev, hop, into, flats, edges, k):
    """One hop back from flats[-1] along the edges `into` it: the predecessor whose chains
    cover rank k, and the rest of k."""
    src = hop.src[into]                     # layer positions, so ascending entries once unique
    preds = src if (src[1:] > src[:-1]).all() else np.unique(src)
    ends = np.cumsum(prev.counts[preds])
    j = int(np.searchsorted(ends, k, side="right"))
    k -= ends[j - 1] if j else 0
    uses = into[src == preds[j]]
    edge = Edge(float(sum(hop.factor.value[uses])), tuple((hop.factor, p) for p in uses))
    return flats + [int(prev.idx[preds[j]])], edges + [edge], k


def counted(prev, hop, node, size):
    """The next layer: each reached entry's count is the sum of its distinct feeders' counts."""
    src, out = distinct(hop, size)
    if not len(src):   # an entry no output entry reads (the c[1] of `y = c[0]`)
        return Layer(node, out, prev.counts[:0])
    weights, bound = prev.counts[src], int(prev.counts.max()) * len(src)
    if bound < FLOAT_EXACT and len(out) * 8 >= size:   # many edges: O(edges + size) and exact
        present = np.flatnonzero(np.bincount(out, minlength=size))
        summed = np.bincount(out, weights=weights.astype(float), minlength=size)
        return Layer(node, present, summed[present].astype(np.int64))
    order = np.argsort(out, kind="stable")   # few edges, or sums past float64's integers
    out, weights = out[order], weights[order] if bound < INT64_SAFE else weights[order].astype(object)
    starts = np.flatnonzero(np.r_[True, out[1:] != out[:-1]])
    return Layer(node, out[starts], np.add.reduceat(weights, starts))


def distinct(hop, size):
    """The hop's (src, out) pairs, each once: routes that meet at one entry (`h * h`, or a
    broadcast operand of mse summed twice into the scalar) make one partial. A rule that lists
    its edges by source, each source's entries ascending, has none to merge (checked in O(edges))."""
    src, out = hop.src, hop.out
    step = np.diff(src)
    if (step >= 0).all() and ((step > 0) | (np.diff(out) > 0)).all():
        return src, out
    return np.divmod(np.unique(src * size + out), size)
