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
from .program import Const
from .ranges import ranges, unique_ranges
from .scalar import leaf, num, render

# Expanding hidden values stops (they stay as leaves) past this many expansions: a long
# unnamed chain of matmuls would otherwise grow as nᵈ.
BUDGET = 100_000


class Expander:
    def __init__(self, records):
        self.records, self.left, self.sites = records, BUDGET, {}

    def entry(self, name, flat, root=False):
        """name's entry `flat` as an Expr: a leaf for inputs and named values (but the root)."""
        self.left -= 1
        eqn, site = self.sites.get(name) or self.site(name)
        if eqn is None or (not root and (eqn.named or self.left < 0)):
            values = self.records.values[name]
            return leaf(name, flat, values.shape, values.reshape(-1)[flat])
        return lookup(eqn.op).influence.scalar(lambda j, k: self.operand(eqn, j, k), site, flat)

    def site(self, name):
        """A value's equation and Site, found once per query."""
        eqn = self.records.program.producer(name)
        found = self.sites[name] = (eqn, site_of(eqn, self.records.values) if eqn else None)
        return found

    def operand(self, eqn, j, flat):
        x = eqn.inputs[j]
        return num(str(x), x.value) if isinstance(x, Const) else self.entry(x, flat)


def entry_text(e):
    return sub(*e.entry)


def leaf_entries(e):
    """The distinct leaf entries of an expression, in order of appearance, as program entries."""
    return list(dict.fromkeys(format_entry(*x.entry) for x in e.leaves()))


class ForwardAttribution:
    def __init__(self, records, name, index):
        self.records, self.name, self.index = records, name, index
        flat = flat_index(index, records.values[name].shape)
        self.expr = Expander(records).entry(name, flat, root=True)
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
    return ForwardAttribution(records, name, index)
