"""The paths of one gradient entry ∂L/∂x[idx], scalar entry to scalar entry: "multiply along a
path, sum across paths", bounded for large selections.

    listing = list_paths(session.records, "a[0,0]", through=None, expand=False, limit=6)
    listing.count      # every path at the depth asked: an exact int, counted, never enumerated
    listing.paths      # the first ⌈limit/2⌉ and the last ⌊limit/2⌋ Paths, in order
    listing.omitted    # count − len(paths), the gap after the first `listing.head`
    listing.omitted_run()  # the omitted paths' run along one index (d[3, 3…1020]), or None
    listing.total      # Σ of every path's product, listed or not: the terms' sum
    listing.to_dict()  # the CLI's JSON

By default a path is one term of the explanation (engine.attribution), in its order and with
its numbers: x[idx] → y[u], the local ∂y[u]/∂x[idx] summing the routes through hidden entries.
With expand=True the entries between are listed too (x → t1[..] → d[..], engine.chains), one
Edge per hop; the chains of one term subdivide it, their products summing to the term's.
For a value entry, `forward_listing` gives the reversed graph: the input entries of each
summand of its scalar equation (engine.forward) and the summand's value."""
import math
from typing import NamedTuple

import numpy as np

from .api import as_prepared
from .attribution import attribute, flat_index
from .chains import INT64_SAFE, Chains
from .entries import format_entry
from .errors import InputError
from .factors import product_text
from .forward import forward_attribute
from .passes import run_pass

LIMIT = 6
MAX_LISTED = 10_000   # paths listed at once; any number is counted


class TermEdge(NamedTuple):
    """A term's one edge x[idx] → y[u]: its local partial and the factors whose product it is."""
    local: float
    pairs: tuple

    def text(self, entry):
        """The factors' product; a sum of routes through hidden entries is elided (`… (256 terms)`)."""
        return product_text(self.pairs, entry, elide=True)

    def shown(self, entry):
        """(text, value) of each factor that is not 1, as the explanation writes a term."""
        texts = [(f.text(p, entry, True), float(f.value[p])) for f, p in self.pairs]
        return [(t, v) for t, v in texts if t != "1"]


class Path(NamedTuple):
    path: tuple            # node names, from the entry's node to the through node
    nodes: tuple           # (name, index) of each entry listed on it
    edges: tuple           # one edge (TermEdge or chains.Edge) between consecutive entries
    upstream: tuple        # (name, index) of the through entry
    upstream_grad: float
    product: float         # upstream_grad times every local

    def to_dict(self):
        return {"nodes": [format_entry(*e) for e in self.nodes], "path": list(self.path),
                "locals": [e.local for e in self.edges], "local_texts": [e.text(format_entry) for e in self.edges],
                "upstream": format_entry(*self.upstream), "upstream_grad": self.upstream_grad,
                "product": self.product}


class PathListing(NamedTuple):
    att: object            # the entry's engine.attribution.Attribution
    count: int
    paths: list
    expand: bool

    @property
    def omitted(self):
        return self.count - len(self.paths)

    @property
    def head(self):
        return gap_at(len(self.paths), self.omitted)

    @property
    def total(self):
        return self.att.total

    def through(self):
        return list(dict.fromkeys(g.node for g in self.att.groups))

    def omitted_run(self):
        """When the omitted paths are one term each of one fan-out group, their through entries
        differing in one index only and consecutively (row 4 of d, columns 3…1020): the node,
        that index's axis and its first and last value (0-based); else None."""
        if not self.omitted or self.count != self.att.count:
            return None
        (g, first), (h, last) = self.att.locate(self.head), self.att.locate(self.count - 1 - len(self.paths) + self.head)
        shape = self.att.records.values[g.node].shape
        if g is not h or not shape:
            return None
        coords = np.array(np.unravel_index(g.idx[first:last + 1], shape))
        varying = np.flatnonzero((coords != coords[:, :1]).any(axis=1))
        if len(varying) != 1 or not (np.diff(coords[varying[0]]) == 1).all():
            return None
        axis = int(varying[0])
        return {"node": g.node, "axis": axis, "first": int(coords[axis, 0]), "last": int(coords[axis, -1])}

    def to_dict(self):
        return {"entry": self.att.entry, "grad": self.att.grad, "total": self.total, "count": self.count,
                "through": self.through(), "expand": self.expand,
                "paths": [p.to_dict() for p in self.paths], "omitted": self.omitted,
                "omitted_run": self.omitted_run()}


def shown(count, limit):
    """The ranks listed: all when they fit, else the first ⌈limit/2⌉ and the last ⌊limit/2⌋."""
    if limit < 0:
        raise InputError(f"a path limit is a count of paths, 0 or more; got {limit}")
    if min(count, limit) > MAX_LISTED:
        raise InputError(f"at most {MAX_LISTED:,} paths are listed at once (of {count:,}); ask for a smaller limit")
    if count <= limit:
        return list(range(count))
    return list(range((limit + 1) // 2)) + list(range(count - limit // 2, count))


def gap_at(listed, omitted):
    """How many listed paths come before the omitted ones (all, when none are omitted)."""
    return (listed + 1) // 2 if omitted else listed


def list_paths(records, entry, through=None, expand=False, limit=LIMIT):
    """The paths of the gradient entry `entry` ('a[0,0]' or (name, index)) up to its through
    node(s) (default: the first named node on each path; see engine.attribution). Infinite
    and NaN locals are listed as they are, as the pass shows them, without warnings."""
    with np.errstate(all="ignore"):
        att = attribute(records, entry, through)
        if not expand:
            return PathListing(att, att.count, [term_path(att, n) for n in shown(att.count, limit)], False)
        chains = Chains(records, att.name, flat_index(att.index, records.values[att.name].shape))
        ends = exact_cumsum([chains.counts_at(g.path, g.idx) for g in att.groups])
        count = int(ends[-1]) if len(ends) else 0
        return PathListing(att, count, chain_paths(att, chains, ends, shown(count, limit)), True)


def term_path(att, n):
    """Term n of the attribution as a path of one edge (none for the start node's own entry)."""
    g, k = att.locate(n)
    x, up = (att.name, att.index), att.upstream_index(n)
    own = len(g.path) == 1
    edges = () if own else (TermEdge(float(g.local[k]), tuple(att.factors(n))),)
    return Path(g.path, (x,) if own else (x, up), edges, up, float(g.upstream[k]), float(g.upstream[k] * g.local[k]))


def exact_cumsum(parts):
    """Running totals of the chains per term, terms in the attribution's order: int64 while
    the total cannot overflow it, Python ints beyond."""
    sizes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    if sizes.dtype != object and len(sizes) and int(sizes.max()) * len(sizes) >= INT64_SAFE:
        sizes = sizes.astype(object)
    return np.cumsum(sizes)


def chain_paths(att, chains, ends, ranks):
    """The chains of the given global ranks: term n holds ranks ends[n-1] … ends[n]-1; one walk
    per node path serves every rank that falls in its terms."""
    starts, wanted = np.cumsum([len(g.idx) for g in att.groups]), {}
    for slot, r in enumerate(ranks):
        gi, pos, k = locate(ends, starts, r)
        wanted.setdefault(gi, []).append((slot, pos, k))
    out = [None] * len(ranks)
    for gi, asked in wanted.items():
        g = att.groups[gi]
        walked = chains.walk(g.path, [(int(g.idx[pos]), k) for _, pos, k in asked])
        for (slot, pos, _), chain in zip(asked, walked):
            out[slot] = chain_path(att, g, pos, chain)
    return out


def locate(ends, starts, r):
    """(group, term position in it, rank within the term) of global rank r; `ends` are the
    running totals of chains per term, `starts` of terms per group."""
    n = int(np.searchsorted(ends, r, side="right"))
    gi = int(np.searchsorted(starts, n, side="right"))
    return gi, n - (int(starts[gi - 1]) if gi else 0), r - (ends[n - 1] if n else 0)


def chain_path(att, g, pos, chain):
    values = att.records.values
    nodes = tuple((name, unravel(flat, values[name].shape)) for name, flat in zip(g.path, chain.flats))
    upstream_grad = float(g.upstream[pos])
    product = upstream_grad * math.prod(e.local for e in chain.edges)
    return Path(g.path, nodes, chain.edges, nodes[-1], upstream_grad, product)


def unravel(flat, shape):
    return tuple(int(i) for i in np.unravel_index(int(flat), shape))


def forward_listing(records, entry, limit=LIMIT):
    """The value entry's scalar equation as paths into it: each summand's input entries and
    value, bounded as the backward listing is; `total` sums every summand."""
    fwd = forward_attribute(records, entry)
    terms = fwd.terms()
    ranks = shown(len(terms), limit)
    return {"entry": fwd.entry, "value": fwd.value, "total": math.fsum(t["value"] for t in terms),
            "count": len(terms), "omitted": len(terms) - len(ranks),
            "paths": [{"inputs": terms[r]["inputs"], "product": terms[r]["value"]} for r in ranks]}


def path_query(program, entry, *, inputs=None, upstream=None, rng_seed=0, start=None, through=None,
               forward=False, expand=False, limit=LIMIT):
    """The PathListing behind `paths` (for a value entry, forward=True, its listing dict)."""
    if forward and (through is not None or expand):
        raise InputError("--through and --expand are for a gradient entry's paths; a value's are its summands")
    records = run_pass(as_prepared(program), inputs, upstream, start, rng_seed)
    if forward:
        return forward_listing(records, entry, limit)
    return list_paths(records, entry, through, expand, limit)


def paths(program, entry, **options):
    """The paths of ∂L/∂entry (products along, summed across: `total` = Σ products = `grad`),
    bounded to `limit` listed with `count` and `omitted` exact, as the CLI's paths JSON. Takes
    path_query's options: inputs, upstream, rng_seed, start, through, forward, expand, limit."""
    found = path_query(program, entry, **options)
    return found if isinstance(found, dict) else found.to_dict()
