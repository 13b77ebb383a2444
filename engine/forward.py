"""Forward attribution of one value entry: the scalar equation of y[idx] over the entries that
feed it, hidden intermediates (generated t-names) expanded down to named values and inputs.

    fwd = forward_attribute(records, "d[0,0]")
    fwd.expr                      # the scalar form (engine.scalar.Expr), with values
    fwd.terms()                   # the summands of the outermost sum (one term when there is none)
    fwd.ranges()                  # the feeding entries as Ranges ('value', role 'feeds')
    fwd.to_dict()                 # {"entry", "value", "equation", "terms": [{"inputs", "value"}]}"""

import numpy as np

from .attribution import flat_index, shapes_of, site_of
from .entries import format_entry, parse_entry
from .notation import sub
from .ops import lookup
from .prepared import memo
from .program import Const
from .ranges import ranges, unique_ranges
from .scalar import leaf, num, render

# Past this many leaves, hidden values are not expanded (they stay leaves, shown by their
# t-name): a softmax over a hidden matmul, or a chain of them, would grow as n² or nᵈ.
BUDGET = 20_000


class Expander:
    def __init__(self, records, expand_hidden=True):
        self.records, self.expand_hidden, self.sites = records, expand_hidden, {}
        # sizes depend on the program and shapes only: kept with the program for later queries
        shapes = tuple(sorted((n, v.shape) for n, v in records.values.items()))
        self.sizes = memo(records.program).setdefault(("forward sizes", shapes), {})

    def entry(self, name, flat, root=False):
        """name's entry `flat` as an Expr: a leaf for inputs and named values (but the root)."""
        eqn, site = self.sites.get(name) or self.site(name)
        if eqn is None or (not root and (eqn.named or not self.expand_hidden)):
            values = self.records.values[name]
            return leaf(name, flat, values.shape, values.reshape(-1)[flat])
        return lookup(eqn.op).influence.scalar(lambda j, k: self.operand(eqn, j, k), site, flat)

    def size(self, name):
        """How many leaves one entry of `name` has once hidden values are expanded (its entry 0
        stands for all: an op combines as many operand entries for each of its entries)."""
        if name not in self.sizes:
            eqn = (self.sites.get(name) or self.site(name))[0]
            hidden = eqn is not None and not eqn.named
            leaves = self.entry(name, 0, root=True).leaves() if hidden else ()
            self.sizes[name] = sum(self.size(x.data[0]) for x in leaves) if hidden else 1
        return self.sizes[name]

    def site(self, name):
        """A value's equation and Site, found once per query."""
        eqn = self.records.program.producer(name)
        found = self.sites[name] = (eqn, site_of(eqn, self.records.values) if eqn else None)
        return found

    def operand(self, eqn, j, flat):
        x = eqn.inputs[j]
        return num(str(x), x.value) if isinstance(x, Const) else self.entry(x, flat)


def expand(records, name, flat):
    """The entry's scalar form, hidden values expanded unless that passes BUDGET leaves."""
    shallow = Expander(records, expand_hidden=False)
    expr = shallow.entry(name, flat, root=True)
    if sum(shallow.size(x.data[0]) for x in expr.leaves()) > BUDGET:
        return expr
    return Expander(records).entry(name, flat, root=True)


def entry_text(e):
    return sub(*e.entry)


def leaf_entries(e):
    """The distinct leaf entries of an expression, in order of appearance, as program entries."""
    return list(dict.fromkeys(format_entry(*x.entry) for x in e.leaves()))


class ForwardAttribution:
    def __init__(self, records, name, index):
        self.records, self.name, self.index = records, name, index
        flat = flat_index(index, records.values[name].shape)
        self.expr = expand(records, name, flat)
        self.value = float(records.values[name].reshape(-1)[flat])

    @property
    def entry(self):
        return format_entry(self.name, self.index)

    def summands(self):
        """(sign, Expr) of the outermost sum, or the whole expression."""
        e = self.expr
        return list(zip(e.data, e.parts)) if e.kind == "sum" else [(1, e)]

    def terms(self):
        return [{"inputs": leaf_entries(part), "value": sign * part.value} for sign, part in self.summands()]

    def equation(self, elide=False, leaf_text=entry_text):
        return f"{sub(self.name, self.index)} = {render(self.expr, leaf_text, elide)}"

    def to_dict(self):
        return {"entry": self.entry, "value": self.value, "equation": self.equation(), "terms": self.terms()}

    def ranges(self):
        """The entries that feed this one, per value, as blocks."""
        by_name = {}
        for x in self.expr.leaves():
            by_name.setdefault(x.data[0], []).append(x.data[1])
        return unique_ranges([r for name, flats in by_name.items()
                              for r in ranges(name, "value", flats, self.records.values[name].shape,
                                              "feeds")])


def forward_attribute(records, entry):
    """The scalar equation of the value entry `entry` ('d[0,0]' or (name, index))."""
    name, index = entry if isinstance(entry, tuple) else parse_entry(entry, shapes_of(records))[:2]
    with np.errstate(all="ignore"):   # inf and NaN are shown, as in the pass itself
        return ForwardAttribution(records, name, index)
