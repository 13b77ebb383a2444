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
    kwargs: tuple  # ((name, Number), ...)


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
    if isinstance(node, Transpose):
        return PREC["postfix"]
    return PREC["atom"]


def compact(node):
    """The node's text without spaces and with minimal parentheses: `a@b+c`."""
    return render(node, sep="")


def render(node, sep=" "):
    """The node as source text with minimal parentheses; `sep` goes around binary operators."""
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Number):
        return node.text
    if isinstance(node, Hole):
        return "?"
    if isinstance(node, BinOp):
        p = PREC[node.op]
        # left associative: a right operand of equal precedence needs parentheses
        left = _wrap(node.left, p, sep, strict=False)
        right = _wrap(node.right, p, sep, strict=True)
        return f"{left}{sep}{node.op}{sep}{right}"
    if isinstance(node, Neg):
        return "-" + _wrap(node.operand, PREC["neg"], sep, strict=False)
    if isinstance(node, Power):
        return f"{_wrap(node.base, PREC['**'], sep, strict=True)}{sep}**{sep}{node.exponent_text}"
    if isinstance(node, Transpose):
        return _wrap(node.operand, PREC["postfix"], sep, strict=False) + ".T"
    if isinstance(node, Call):
        parts = [render(a, sep) for a in node.args]
        parts += [f"{k}={render(v, sep)}" for k, v in node.kwargs]
        return f"{node.func}({(', ' if sep else ',').join(parts)})"
    raise TypeError(node)


def _wrap(child, parent_prec, sep, strict):
    text = render(child, sep)
    p = precedence(child)
    if p < parent_prec or (strict and p == parent_prec):
        return f"({text})"
    return text
