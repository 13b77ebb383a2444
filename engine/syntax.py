"""The expression language's syntax tree. Nodes know where they came from (line, column)
and how to print themselves compactly; the compact text is what node ids are built from."""
from dataclasses import dataclass

# Printing precedence, loosest first (as in Python).
PREC = {"+": 1, "-": 1, "@": 2, "*": 2, "/": 2, "neg": 3, "**": 4, "postfix": 5, "atom": 6}


@dataclass(frozen=True)
class Node:
    line: int
    column: int


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class Number(Node):
    value: float
    text: str


@dataclass(frozen=True)
class Hole(Node):
    """`?`: an operand not wired yet."""


@dataclass(frozen=True)
class BinOp(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg(Node):
    operand: Node


@dataclass(frozen=True)
class Power(Node):
    base: Node
    exponent: float
    exponent_text: str


@dataclass(frozen=True)
class Transpose(Node):
    operand: Node


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple
    kwargs: tuple  # ((name, expression), ...)
    method: bool = False   # written `x.sum(0)`: args[0] is the receiver


@dataclass(frozen=True)
class Slice(Node):
    """`i:k` inside `[]`; a missing bound is None."""
    start: Node | None
    stop: Node | None


@dataclass(frozen=True)
class Index(Node):
    """`x[i, j:k]`: one item (an expression or a Slice) per axis."""
    base: Node
    items: tuple


@dataclass(frozen=True)
class Statement:
    name: str | None  # None for a bare expression
    expr: Node
    line: int
    column: int
    end_line: int = 0


def precedence(node):
    if isinstance(node, BinOp):
        return PREC[node.op]
    if isinstance(node, Neg):
        return PREC["neg"]
    if isinstance(node, Power):
        return PREC["**"]
    if isinstance(node, (Transpose, Index)) or isinstance(node, Call) and node.method:
        return PREC["postfix"]
    return PREC["atom"]


def compact(node):
    """The node's text without spaces and with minimal parentheses: `a@b+c`."""
    return render(node, sep="")


def render(node, sep=" "):
    """The node as source text with minimal parentheses; `sep` goes around binary operators."""
    return "".join(p if isinstance(p, str) else _wrap(*p, sep) for p in pieces(node, sep))


def pieces(node, sep=" "):
    """The node as the pieces it is written with: strings, and each operand as (child, the
    precedence it sits under, whether an equal precedence needs parentheses)."""
    if isinstance(node, BinOp):
        p = PREC[node.op]
        # left associative: a right operand of equal precedence needs parentheses
        return [(node.left, p, False), f"{sep}{node.op}{sep}", (node.right, p, True)]
    if isinstance(node, Neg):
        return ["-", (node.operand, PREC["neg"], False)]
    if isinstance(node, Power):
        return [(node.base, PREC["**"], True), f"{sep}**{sep}{node.exponent_text}"]
    if isinstance(node, Transpose):
        return [(node.operand, PREC["postfix"], False), ".T"]
    if isinstance(node, Call):
        return call_pieces(node, sep)
    if isinstance(node, Index):
        return index_pieces(node, sep)
    if isinstance(node, Slice):
        return [render(node.start, sep) if node.start else "", ":", render(node.stop, sep) if node.stop else ""]
    return [leaf_text(node)]


def equation_pieces(node):
    """The pieces of an equation's right-hand side; a lone operand (a new name, `h = x`) is
    itself the one operand piece."""
    return [(node, 0, False)] if isinstance(node, (Name, Number, Hole)) else pieces(node)


def call_pieces(node, sep):
    """`f(x, y, axis=0)` as `f(`, x, `, `, y, `, axis=0)`: the keywords ride on the closing piece;
    a method `x.sum(0)` as x, `.sum(`, 0, `)`."""
    comma = ", " if sep else ","
    args = node.args[1:] if node.method else node.args
    out = [(node.args[0], PREC["postfix"], False), f".{node.func}("] if node.method else [f"{node.func}("]
    for k, arg in enumerate(args):
        out += [comma] * (k > 0) + [(arg, 0, False)]
    keywords = "".join(f"{comma}{k}={render(v, sep)}" for k, v in node.kwargs)
    return out + [keywords[len(comma) * (not args):] + ")"]


def index_pieces(node, sep):
    """`x[0, 1:3]` as x, `[0, 1:3]`; `x[arange(n), y]` as x, `[arange(n), `, y, `]` (the constant
    items are text, an operand is a piece of its own)."""
    comma = ", " if sep else ","
    out = [(node.base, PREC["postfix"], False), "["]
    for k, item in enumerate(node.items):
        out += [comma] * (k > 0) + [render(item, sep) if static(item) else (item, 0, False)]
    return out + ["]"]


def static(item):
    """An index item that is text, not an operand: a number, a slice or `arange(n)`."""
    return isinstance(item, (Number, Slice)) or isinstance(item, Call) and not item.method and \
        all(isinstance(a, Number) for a in item.args)


def leaf_text(node):
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Number):
        return node.text
    if isinstance(node, Hole):
        return "?"
    raise TypeError(node)


def op_syntax(op, args, params, form=()):
    """The one printer of an equation: op `op` over the operand syntax nodes `args`, written as
    the language writes it (`x @ w`, `-x`, `x ** 2`, `x.T`, `relu(x)`, `sum(x, axis=0)`), in
    the `form` it was typed (engine.lower.FORMS: `x.sum(0)`, `keepdim=`, `transpose(x)`)."""
    from .ops import lookup   # the op files build syntax nodes themselves (x[…])
    opdef = lookup(op)
    notation = opdef.notation
    if opdef.written is not None:
        return opdef.written(args, dict(params))
    if notation == "infix":
        return BinOp(0, 0, opdef.symbol, *args)
    if notation == "prefix":
        return Neg(0, 0, args[0])
    if notation == "power":
        exponent = dict(params)["exponent"]
        return Power(0, 0, args[0], exponent, f"{exponent:g}")
    if notation == "postfix" and not isinstance(args[0], Number) and "call" not in form:   # `2.T` reads as `2.` `T`
        return Transpose(0, 0, args[0])
    if notation == "alias":
        return args[0]
    return call_syntax(op, args, params, form)


def call_syntax(op, args, params, form):
    """`op(args, key=value)`, with a positional axis, `keepdim=` and the method form as typed."""
    params = list(params)
    if "axis" in form and params and params[0][0] == "axis":
        args, params = list(args) + [constant(params[0][1])], params[1:]
    keywords = tuple(("keepdim" if k == "keepdims" and "keepdim" in form else k, constant(v)) for k, v in params)
    return Call(0, 0, op, tuple(args), keywords, "method" in form and not isinstance(args[0], Number))


def constant(value):
    return Number(0, 0, value, str(value))


def _wrap(child, parent_prec, strict, sep):
    text = render(child, sep)
    p = precedence(child)
    if p < parent_prec or (strict and p == parent_prec):
        return f"({text})"
    return text
