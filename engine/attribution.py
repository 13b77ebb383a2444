"""Backward attribution of one gradient entry: ∂L/∂x[idx] = Σ over through nodes y and their
entries j of ∂L/∂y[j] · ∂y[j]/∂x[idx], one term per (path, j).

The query a view calls on every click, on a pass computed once (`Session.records`):

    att = engine.attribute(session.records, "a[0,0]", through=None)  # or ("a", (0, 0))
    att.grad, att.total     # the engine's gradient entry, and the exact Σ of the products
    att.groups              # one Group per path x → … → y (fan-out), as numpy arrays:
                            #   .path, .node (y), .idx (flat entries of y), .local, .upstream
    att.ranges()            # [Range(name, kind, rows, cols, role)] (engine.ranges): the selected
                            #   entry ('grad', 'selected'), the feeding ∂L/∂y entries per through
                            #   node ('grad', 'upstream') and the entries the factors name
                            #   ('value', 'factor'), as blocks: a whole row is one Range
    att.count, att.term(n)  # the n-th term as the explain JSON's dict, built on demand
    att.to_dict()           # the explain JSON (every term)
    engine.chaintext.backward_text(att[, LATEX]), rule_notes(att)   # the text, the matrix rule

Nothing is built per term until asked: the query costs O(entries reached), about 0.5 ms for
an entry of a 1024×1024 `relu(a @ b + c)`. The forward direction is engine.forward.

The default through node of a path is the first named node on it (user names, the output and
the start node; not generated t-names). Local partials are composed sparsely from the per-op
rules in the registry (`OpDef.influence`, engine.influence): the set of entries one input
entry reaches, node by node, never a dense Jacobian."""
from typing import NamedTuple

import numpy as np

from .entries import format_entry, parse_entry
from .errors import InputError
from .factors import Concat, JoinedRoutes, Link, Merged, walk
from .influence import Site
from .ops import lookup
from .plan import ancestors, consumers
from .program import Const
from .ranges import ranges, unique_ranges


class Front(NamedTuple):
    """The entries of `node` that one input entry reaches along one path, with their locals."""
    node: str
    idx: np.ndarray
    local: np.ndarray
    trail: tuple


class Group(NamedTuple):
    path: tuple
    node: str
    idx: np.ndarray
    local: np.ndarray
    upstream: np.ndarray
    trail: tuple


def site_of(eqn, values):
    names = tuple(x if isinstance(x, str) else None for x in eqn.inputs)
    arrays = tuple(np.asarray(x.value, dtype=float) if isinstance(x, Const) else values[x]
                   for x in eqn.inputs)
    return Site(names, tuple(str(x) for x in eqn.inputs), arrays, eqn.out, values[eqn.out], eqn.kwargs)


def advance(front, effects, node, size):
    """The next front: locals multiply by the op's factor; routes that meet at one entry add
    (computed by counting, O(entries); the routes are sorted only if their text is asked for)."""
    factor = effects[0].factor if len(effects) == 1 else Concat([e.factor for e in effects])
    src = np.concatenate([e.src for e in effects])
    out = np.concatenate([e.out for e in effects])
    local = front.local[src] * factor.value
    if len(out) < 2 or (out[1:] > out[:-1]).all():  # each entry fed once, in order: the usual case
        return Front(node, out, local, front.trail + (Link(factor, src, np.arange(len(out))),))
    counts = np.bincount(out, minlength=size)
    if counts.max() == 1:
        order = np.argsort(out)
        return Front(node, out[order], local[order], front.trail + (Link(factor, src, order),))
    present = np.flatnonzero(counts)
    summed = np.bincount(out, weights=local, minlength=size)[present]
    merged = Merged(summed, front.trail + (Link(factor, src, None),), out, counts[present])
    return Front(node, present, summed, (Link(merged, None, np.arange(len(present))),))


def follow(rule, site, front, uses, size):
    """The front after one equation, whose operands `uses` hold the front's entries: the op's
    routes summed in closed form when it has such a rule for a large set, else route by route."""
    joined = rule.joined(site, uses[0], front.idx, front.local) if rule.joined and len(uses) == 1 else None
    if joined is None:
        return advance(front, [rule.feeds[i](site, i, front.idx) for i in uses], site.out, size)
    factor = JoinedRoutes(joined, front.trail)
    return Front(site.out, joined.out, joined.local, (Link(factor, None, np.arange(len(joined.out))),))


def propagate(program, values, x, flat, stops, reach):
    """Push x's entry forward eqn by eqn through non-stop nodes; (path, Front) at each stop node."""
    pending, done = {x: {(x,): Front(x, np.array([flat]), np.ones(1), ())}}, []
    for eqn in program.eqns:
        used = [(i, n) for i, n in enumerate(eqn.inputs) if isinstance(n, str) and n in pending]
        if not used or eqn.out not in reach:
            continue
        site, rule, by_path = site_of(eqn, values), lookup(eqn.op).influence, {}
        for i, name in used:
            for path, front in pending[name].items():
                by_path.setdefault(path, (front, []))[1].append(i)
        new = {path + (eqn.out,): follow(rule, site, front, uses, values[eqn.out].size)
               for path, (front, uses) in by_path.items()}
        if eqn.out in stops:
            done.extend(new.items())
        else:
            pending[eqn.out] = new
    return done


def path_avoiding(program, x, start, through):
    """A path of values from x to start that does not pass through `through`, or None."""
    uses, parent, todo = consumers(program), {x: None}, [x]
    while todo:
        node = todo.pop()
        for eqn in uses.get(node, []):
            if eqn.out != through and eqn.out not in parent:
                parent[eqn.out] = node
                todo.append(eqn.out)
    if start not in parent:
        return None
    path = [start]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]


def stop_nodes(program, x, start, through, reach):
    """Where terms are taken: `through` (checked to lie on every path), else every named node."""
    if through is None:
        return {e.out for e in program.eqns if e.named} | {start}
    if through not in program.names():
        raise InputError(f"through node {through!r} is not in the program; its values are: "
                         f"{', '.join(program.names())}")
    if through == x or through not in reach or x not in ancestors(program, through):
        raise InputError(f"through node {through} is not on a path from {x} to {start}")
    avoid = path_avoiding(program, x, start, through)
    if avoid:
        raise InputError(f"through node {through} is not on every path from {x} to {start}: "
                         f"the path {' → '.join(avoid)} avoids it")
    return {through}


class Attribution:
    """The terms of ∂L/∂x[idx] (see the module docstring)."""

    def __init__(self, records, name, index, groups, through):
        self.records, self.name, self.index, self.groups, self.through = records, name, index, groups, through
        self.grad = float(records.grads[name][index])
        self.count = sum(len(g.idx) for g in groups)
        self.total = float(sum(np.dot(g.upstream, g.local) for g in groups))

    @property
    def entry(self):
        return format_entry(self.name, self.index)

    def locate(self, n):
        """(group, position) of the n-th term, terms ordered by group then entry."""
        for g in self.groups:
            if n < len(g.idx):
                return g, n
            n -= len(g.idx)
        raise IndexError(n)

    def factors(self, n):
        """The (factor column, position) pairs of term n, oldest op first."""
        g, k = self.locate(n)
        return walk(g.trail, k)

    def upstream_index(self, n):
        g, k = self.locate(n)
        shape = self.records.values[g.node].shape
        return g.node, tuple(int(i) for i in np.unravel_index(int(g.idx[k]), shape))

    def term(self, n):
        """Term n as the explain JSON's dict."""
        g, k = self.locate(n)
        pairs = self.factors(n)
        exact = [f.exact_ref(p) for f, p in pairs if f.exact_ref(p) is not None]
        return {"path": list(g.path), "upstream": format_entry(*self.upstream_index(n)),
                "upstream_grad": float(g.upstream[k]), "local": float(g.local[k]),
                "factors": [{"text": f.text(p, format_entry), "value": float(f.value[p])} for f, p in pairs],
                "local_from": format_entry(*exact[0]) if len(exact) == 1 else None,
                "product": float(g.upstream[k] * g.local[k])}

    def to_dict(self):
        return {"entry": self.entry, "grad": self.grad, "total": self.total,
                "terms": [self.term(n) for n in range(self.count)]}

    def ranges(self):
        """The selection, the feeding upstream entries and the factors' operand entries, as blocks."""
        shape = self.records.values[self.name].shape
        out = ranges(self.name, "grad", [flat_index(self.index, shape)], shape, "selected")
        named = {}
        for g in self.groups:
            out += ranges(g.node, "grad", g.idx, self.records.values[g.node].shape, "upstream")
            for link in g.trail:
                for name, refs in link.factor.ref_sets():
                    named.setdefault(name, []).append(refs)
        for name, parts in named.items():
            out += ranges(name, "value", np.concatenate(parts), self.records.values[name].shape, "factor")
        return unique_ranges(out)


def attribute(records, entry, through=None):
    """The terms ∂L/∂y[j]·∂y[j]/∂x[idx] of the gradient entry `entry` ('a[0,0]' or (name, index))."""
    program, start = records.program, records.start
    name, index = entry if isinstance(entry, tuple) else parse_entry(entry, shapes_of(records))[:2]
    if name not in records.grads:
        raise InputError(f"{name} has no path to {start}, so ∂L/∂{name} is not computed")
    shape = records.values[name].shape
    if name == start:
        if through not in (None, start):
            raise InputError(f"through node {through} is not on a path from {name} to {start}")
        idx = np.array([flat_index(index, shape)])
        groups = [Group((start,), start, idx, np.ones(1), upstream_at(records, start, idx), ())]
        return Attribution(records, name, index, groups, through)
    reach = ancestors(program, start)
    stops = stop_nodes(program, name, start, through, reach)
    done = propagate(program, records.values, name, flat_index(index, shape), stops, reach)
    groups = [Group(path, f.node, f.idx, f.local, upstream_at(records, f.node, f.idx), f.trail)
              for path, f in done]
    return Attribution(records, name, index, groups, through)


def upstream_at(records, node, idx):
    return np.asarray(records.grads[node], dtype=float).reshape(-1)[idx]


def flat_index(index, shape):
    return int(np.ravel_multi_index(index, shape)) if shape else 0


def shapes_of(records):
    return {n: v.shape for n, v in records.values.items()}
