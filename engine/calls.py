"""Lowering what a call or an index says: its op, operands and params, and constants.

A call's params come as keywords or, after its operands, positionally (`sum(x, 0)` is
`sum(x, axis=0)`); `keepdim=` (PyTorch's spelling) is `keepdims=`; a method `x.sum(0)` is the
call with x first. How it was typed is kept in the equation's `form`, so it is written back the
same way. Constants are numbers, named constants (`n = 32`) and + − * / ** over them, folded
by the ops' own forwards."""
import math

import numpy as np

from . import syntax as S
from .errors import InputError
from .ops import REGISTRY, ShapeRule, by_notation, function_names
from .program import INITIALISERS, Const

FOLDED = ("infix", "prefix", "power")   # the notations a constant expression is made of
BOOLEANS = {"True": True, "False": False}


def fold(op, values, params):
    """The number `op` gives on constant operands, or None when it does not fold."""
    opdef = REGISTRY[op]
    if opdef.notation not in FOLDED:
        return None
    try:
        opdef.infer(*[()] * len(values), **dict(params))
    except ShapeRule:
        return None
    with np.errstate(all="ignore"):
        return float(opdef.forward(*values, **dict(params)))


def constant_text(node):
    """How a folded constant is written where it is used: `n`, `0.5`, or `(1 / n)`."""
    text = S.render(node)
    return text if S.precedence(node) == S.PREC["atom"] else f"({text})"


def constant_of(lowering, node):
    """The value of a constant expression (numbers, named constants, + − * / ** over them), or None."""
    if isinstance(node, S.Number):
        return node.value
    if isinstance(node, S.Name):
        const = lowering.constants.get(node.name)
        return const.value if const else None
    if not isinstance(node, (S.BinOp, S.Neg, S.Power)):
        return None
    op, operands, params = lowering.split(node)
    values = [constant_of(lowering, x) for x in operands]
    return None if None in values else fold(op, values, params)


def whole(lowering, node, what, least=None):
    """A constant whole number (a size, an axis, an index), or a message at `node`."""
    value = constant_of(lowering, node)
    if value is None or not math.isfinite(value) or value != int(value) or least is not None and value < least:
        lowering.fail(node, f"{what} must be a whole{' positive' * (least == 1)} number or a constant, "
                            f"got {S.render(node)}")
    return int(value)


# ---- calls --------------------------------------------------------------------------------------

def split_call(lowering, node):
    """(op, operand nodes, params, form) of a call `f(x, 0, keepdims=True)` or `x.f(0)`."""
    if node.func not in function_names() and node is not lowering.renaming:   # `identity` is never typed
        known = ", ".join(function_names() + INITIALISERS)
        lowering.fail(node, f"unknown function {node.func!r}; expected one of {known}")
    opdef = REGISTRY[node.func]
    arity = opdef.arity
    if not arity <= len(node.args) <= arity + len(opdef.params):
        lowering.fail(node, f"{node.func} takes {arity} argument{'s' * (arity > 1)}"
                            + (f" (then {', '.join(opdef.params)})" if opdef.params else "") + f", got {len(node.args)}")
    positional = tuple(zip(opdef.params, node.args[arity:]))
    form = ("method",) * node.method + ("axis",) * bool(positional) + ("call",) * (opdef.notation == "postfix")
    keywords = []
    for key, value in node.kwargs:
        form += ("keepdim",) * (key == "keepdim")
        keywords.append(("keepdims" if key == "keepdim" else key, value))
    return node.func, node.args[:arity], params(lowering, node, opdef, positional + tuple(keywords)), form


def params(lowering, node, opdef, given):
    """The call's params as (key, value), each checked: a bool where the default is one
    (keepdims=True), else a constant whole number (axis, ddof)."""
    defaults, out = dict(opdef.defaults), {}
    for key, value in given:
        if key not in opdef.params:
            lowering.fail(value, f"{node.func} takes no keyword {key!r}"
                          + (f"; it takes {', '.join(opdef.params)}" if opdef.params else ""))
        if key in out:
            lowering.fail(value, f"{node.func} is given {key} twice")
        out[key] = boolean(lowering, value, key) if isinstance(defaults.get(key), bool) else whole(lowering, value, key)
    return tuple(out.items())


def boolean(lowering, node, key):
    if not (isinstance(node, S.Name) and node.name in BOOLEANS):
        lowering.fail(node, f"{key} must be True or False, got {S.render(node)}")
    return BOOLEANS[node.name]


# ---- indexing -----------------------------------------------------------------------------------

def split_index(lowering, node):
    """(op, operand nodes, params, form) of `x[i, j:k]` (constants: op `index`) or
    `x[arange(n), y]` (one entry per row at the labels y: op `pick`)."""
    items = node.items
    if len(items) == 2 and is_arange(items[0]):
        return "pick", (node.base, items[1]), (("rows", whole(lowering, items[0].args[0], "n", 1)),), ()
    if len(items) > 2:
        lowering.fail(node, f"arrays have at most 2 dimensions; this index has {len(items)} items")
    return "index", (node.base,), (("at", tuple(index_item(lowering, item) for item in items)),), ()


def is_arange(item):
    return isinstance(item, S.Call) and item.func == "arange" and not item.method and len(item.args) == 1 \
        and not item.kwargs


def index_item(lowering, item):
    """A whole number, or a slice as ('slice', start, stop) with None for a missing bound."""
    if isinstance(item, S.Slice):
        bounds = [None if b is None else whole(lowering, b, "a slice's bound") for b in (item.start, item.stop)]
        return ("slice", *bounds)
    if isinstance(item, S.Call) and item.func == "arange":
        lowering.fail(item, "arange(n) picks one entry per row together with labels: x[arange(n), y]")
    return whole(lowering, item, "an index")


def subscript_params(op, text):
    """The params of a subscript op as the palette's parameter field gives them: the items of
    x[…] (`0, 1:3`) for `index`, the row count n of x[arange(n), y] for `pick`."""
    from .parser import parse
    source = f"z = x[{text}]" if op == "index" else f"y = labels({text}, 2)\nz = x[arange({text}), y]"
    eqn = parse(source).eqns[-1]
    if eqn.op != op:
        raise InputError(f"{text!r} is not an index of x[…] with constants; write it as 0, 1:3 or :, -1")
    return eqn.params
