"""What an op file declares (`OpDef`) and the shape rules several ops share.

Every VJP has the signature `(g, out, *inputs, **params) -> gradient for that input`, where g is
∂L/∂out; broadcasting is undone by the caller (`broadcast.unbroadcast`), never here."""
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..broadcast import broadcast_shapes
from ..errors import InputError

# How an op is written (the one printer, engine.syntax, dispatches on it):
# 'infix' x + y, 'prefix' -x, 'power' x ** p, 'postfix' x.T (also callable), 'call' f(x, axis=…),
# 'alias' a new name for a value (`h = x`), 'subscript' x[…] (the op's `written` prints it).
NOTATIONS = ("infix", "prefix", "power", "postfix", "call", "alias", "subscript")
GROUPS = ("arithmetic", "matrix", "elementwise", "reduction", "loss", "naming")


class ShapeRule(Exception):
    """Raised by a shape rule; the program prefixes the equation it came from."""


@dataclass(frozen=True)
class OpDef:
    """One op, every facet side by side.

    `formulas` hold, per input, the parts of its matrix rule (operators and rules.Terms);
    `influence` is its per-entry rule (engine.influence.EntryRule, with the scalar form);
    `kink(*inputs, **params)` returns what must not change between x ± h for the gradient check
    to trust central differences (relu's on/off mask), or the op has no kink (None);
    `numpy`/`torch` are the source it exports as, formatted with the operands' code and params
    (engine.ops.source; `source_params` writes params that are not plain numbers, as x[…]'s), or a
    function (params) -> that source where it depends on them; `numpy_vjps` the numpy source of
    each VJP (None for labels), formatted alike and with `g` (∂L/∂out) and `y` (out), or a
    function (operand shapes, params) -> that source;
    `domain` maps a random array into each input's domain for tests, and `samples` lists the
    params tests try (the first also gives a new canvas node its params, as `**`'s 2).
    `joint`, when given, is the forward that also returns what its VJPs would recompute (mse's
    y − t); a pass runs it instead of `forward` and hands that to each VJP as `saved=`.
    A VJP is None for an input of integer labels (`labels`), which is never differentiated."""
    name: str
    symbol: str           # how it is written: '@', '+', or the function's name
    forward: Callable
    infer: Callable       # (*shapes, **params) -> output shape, or raises ShapeRule
    vjps: tuple           # one per input: (g, out, *inputs, **params) -> ∂L/∂input
    formulas: tuple
    influence: object = field(compare=False)
    description: str
    notation: str = "call"
    group: str = "elementwise"
    params: tuple = ()    # keyword parameters it takes (`axis`), or ('exponent',) for **
    defaults: tuple = ()  # ((key, value), ...) for params not given
    latex: str = ""       # how LaTeX writes the function's name in explanations, if it is one
    kink: Callable | None = None
    numpy: str | Callable = ""
    torch: str | Callable = ""
    numpy_vjps: tuple = ()
    domain: tuple = ()    # per input: array -> array inside the op's domain (tests)
    samples: tuple = ({},)
    pass_through: bool = False   # its VJP hands ∂L/∂out on unchanged (add, a new name)
    aliases: bool = False        # its forward may return a view of an operand
    joint: Callable | None = None   # (*inputs, **params) -> (out, saved): see above
    labels: tuple = ()           # positions of inputs that are integer class labels (no gradient)
    written: Callable | None = None   # (operand syntax nodes, params) -> syntax node, for `x[…]`
    source_params: Callable | None = None   # params -> their text in `numpy`/`torch` (an index's items)

    @property
    def arity(self):
        return len(self.vjps)

    @property
    def callable(self):
        """Whether the language writes it as a function call, `name(…)`."""
        return self.notation in ("call", "postfix")


def writes_into(fn):
    """Mark an op's forward or VJP that takes `into=`, an array of its result's shape and dtype
    that nothing else holds, writes its result there and returns it: a pass hands it a buffer
    an earlier pass used (engine.buffers), as it hands a ufunc `out=`."""
    fn.writes_into = True
    return fn


# ---- shape rules -------------------------------------------------------------------------

def same_shape(shape, **params):
    return shape


def elementwise(*shapes):
    out = broadcast_shapes(*shapes)
    if out is None:
        raise ShapeRule("shapes " + " and ".join(map(str, shapes)) + " do not broadcast")
    return out


def check_axis(shape, axis):
    if axis is not None and not -len(shape) <= axis < len(shape):
        raise ShapeRule(f"axis {axis} is out of range for shape {shape}")


def within(y, x):
    """Labels y index x's columns (classes): refused with a message when one is past them."""
    if y.max() >= x.shape[-1]:   # labels are vectors of at least one entry (engine.labels)
        raise InputError(f"a label is {y.max()}, but there are only {x.shape[-1]} classes (columns) to pick from")
    return y


def positive(x):
    """A domain: entries moved away from 0 (for log, a divisor)."""
    return np.abs(x) + 0.5
