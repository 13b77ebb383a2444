"""Columns of local factors, written lazily: a factor's text is built only for the terms shown.

A `Factor` holds, for every entry k of a set, the value of one per-op factor of a local partial
and how to write it: a template (`relu′({0})`, `{0}`, `1`) filled with the entries of `refs`.
A `Trail` is the chain of factor columns from an input entry to a node: the factors of one
term are read by walking it back, so sets of 1024 entries never build 1024 strings."""
from functools import cached_property
from typing import NamedTuple

import numpy as np

from .notation import elide as elide_sum


class Ref(NamedTuple):
    """Entries of one value, one per entry of a set (flat indices); a constant has no name."""
    name: str
    shape: tuple
    flat: np.ndarray
    literal: str = ""

    def index(self, k):
        return tuple(int(i) for i in np.unravel_index(int(self.flat[k]), self.shape))


class Factor:
    """value[k] and its text: templates[which[k]] with {0}, {1} the entries refs[0][k], refs[1][k]."""

    def __init__(self, value, templates, refs=(), which=None):
        self.value, self.templates, self.refs, self.which = value, templates, refs, which

    def text(self, k, entry, elide=False):
        """The factor of entry k, its entries written by `entry(name, index)`; `elide` shortens
        long sums (of routes that meet)."""
        template = self.templates[0 if self.which is None else self.which[k]]
        return template.format(*(r.literal if r.name is None else entry(r.name, r.index(k))
                                 for r in self.refs))

    def exact_ref(self, k):
        """(name, index) when the factor is exactly an entry of a named value, else None."""
        if self.templates == ("{0}",) and self.refs[0].name is not None:
            return self.refs[0].name, self.refs[0].index(k)
        return None

    def ref_sets(self):
        """(name, flat indices) of every value entry this column names (for outlines)."""
        return [(r.name, r.flat) for r in self.refs if r.name is not None]


def constant(value, text, n):
    return Factor(np.full(n, value), (text,))


class Concat(Factor):
    """Factor columns side by side (`h * h`: both uses of h feed the same output)."""

    def __init__(self, parts):
        super().__init__(np.concatenate([p.value for p in parts]), ())
        self.parts, self.offsets = parts, np.cumsum([0] + [len(p.value) for p in parts])

    def part(self, k):
        j = int(np.searchsorted(self.offsets, k, side="right")) - 1
        return self.parts[j], k - int(self.offsets[j])

    def text(self, k, entry, elide=False):
        part, k = self.part(k)
        return part.text(k, entry, elide)

    def exact_ref(self, k):
        part, k = self.part(k)
        return part.exact_ref(k)

    def ref_sets(self):
        return [s for p in self.parts for s in p.ref_sets()]


class Link(NamedTuple):
    """One op on a trail: entry k of the new set is entry pos[k] of the op's effect, which came
    from entry src[pos[k]] of the previous set through `factor`. A merge has src None."""
    factor: Factor
    src: np.ndarray
    pos: np.ndarray


def walk(trail, k):
    """The (factor column, position) pairs of entry k of the trail's last set, oldest first."""
    found = []
    for link in reversed(trail):
        p = int(link.pos[k])
        found.append((link.factor, p))
        if link.src is None:
            break
        k = int(link.src[p])
    return found[::-1]


def product_text(pairs, entry, elide=False):
    """`b[0,1]·relu′(t2[0,1])`: the non-unit factors, or `1`."""
    texts = [f.text(p, entry, elide) for f, p in pairs]
    return "·".join(f"({t})" if loose(t) else t for t in texts if t != "1") or "1"


def loose(text):
    """True when a factor needs parentheses in a product: a sign in front, or + or − outside them."""
    depth = 0
    for n, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and ch in "+−" and (n == 0 or text[n - 1] == " "):
            return True
    return False


class Merged(Factor):
    """Several routes from the input entry to the same entry through one path (a matmul then a
    sum, or `h * h`): one factor, the sum over routes of each route's product of factors.

    `trail` ends with the op where the routes meet (its pos still unset), `out` is the entry
    each route meets at and `counts` how many routes meet at each merged entry, in order."""

    def __init__(self, value, trail, out, counts):
        super().__init__(value, ())
        self.trail, self.out, self.starts = trail, out, np.r_[0, np.cumsum(counts)]

    @cached_property
    def routes(self):
        """The trail with its last op's routes grouped by the entry they meet at."""
        return self.trail[:-1] + (self.trail[-1]._replace(pos=np.argsort(self.out, kind="stable")),)

    def text(self, k, entry, elide=False):
        first, count = int(self.starts[k]), int(self.starts[k + 1] - self.starts[k])
        route = (lambda r: product_text(walk(self.routes, first + r), entry, elide))
        return elide_sum(count, route) if elide else " + ".join(route(r) for r in range(count))

    def exact_ref(self, k):
        return None

    def ref_sets(self):
        return [s for link in self.trail for s in link.factor.ref_sets()]


class JoinedRoutes(Factor):
    """Routes an op summed per entry in closed form (engine.influence.Joined): each route's text,
    the earlier factors then the op's own, is built only when asked."""

    def __init__(self, joined, trail):
        super().__init__(joined.local, ())
        self.joined, self.trail = joined, trail

    def text(self, k, entry, elide=False):
        positions = self.joined.routes(k)

        def route(r):
            p = int(positions[r])
            return product_text(walk(self.trail, p) + [(self.joined.last(k, p), 0)], entry, elide)

        return elide_sum(len(positions), route) if elide else " + ".join(map(route, range(len(positions))))

    def exact_ref(self, k):
        return None

    def ref_sets(self):
        return [s for link in self.trail for s in link.factor.ref_sets()] + self.joined.refs
