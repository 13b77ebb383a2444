"""Syntax tree -> flat Program: names, generated names, node ids, input declarations."""
import math

from . import syntax as S
from .errors import ParseError
from .ops import REGISTRY
from .program import DEFAULT_SHAPE, INITIALISERS, Comment, Const, Eqn, HoleRef, Input, Program

MAX_EQUATIONS = 1000
MAX_INPUTS = 1000        # declared, unnamed and undeclared inputs together
BINARY_OPS = {"+": "add", "-": "sub", "*": "mul", "/": "div", "@": "matmul"}
CALLABLE_OPS = ("relu", "tanh", "sigmoid", "exp", "log", "sum", "mean", "softmax", "transpose", "mse")


class Lowering:
    def __init__(self, statements, lines, comments=()):
        self.statements, self.lines, self.comments = statements, lines, comments
        self.bound = {}          # user-bound name -> its statement
        self.inputs, self.eqns = [], []
        self.defined = set()
        self.counter = 0
        self.ids = set()
        self.referenced = {n.name for st in statements for n in walk(st.expr) if isinstance(n, S.Name)}
        self.renaming = None     # the identity call written for `d = a`: the only identity allowed

    def fail(self, node, message):
        raise ParseError(message, node.line, node.column, self.lines[node.line - 1])

    # -- names ------------------------------------------------------------------------------
    def bind_names(self):
        for st in self.statements:
            if st.name is None:
                continue
            if st.name in self.bound:
                first = self.bound[st.name]
                self.fail(st, f"{st.name} is already bound on line {first.line}; a name is bound once")
            if st.name in INITIALISERS or st.name in REGISTRY:
                self.fail(st, f"{st.name} is a function's name; choose another name")
            self.bound[st.name] = st

    def output_name(self):
        name, k = "out", 1
        while name in self.bound or name in self.referenced:
            k += 1
            name = f"out{k}"
        return name

    def fresh(self):
        while True:
            self.counter += 1
            name = f"t{self.counter}"
            if name not in self.bound and name not in self.referenced:
                return name

    def node_id(self, stmt_name, node):
        base = f"{stmt_name}:{S.compact(node)}"
        nid, k = base, 1
        while nid in self.ids:
            k += 1
            nid = f"{base}#{k}"
        self.ids.add(nid)
        return nid

    # -- statements ----------------------------------------------------------------------------
    def run(self, source):
        self.bind_names()
        output, names = None, []
        for idx, st in enumerate(self.statements):
            name = st.name or self.output_name()
            names.append(name)
            if st.name is None and idx != len(self.statements) - 1:
                self.fail(st, "a bare expression is allowed only as the last statement; write name = …")
            if is_initialiser(st.expr):
                self.declare(name, st.expr, name, place=0, declared=True)
            else:
                self.lower_root(name, st.expr, named=True)
            self.defined.add(name)
            output = name
        if output is None:
            raise ParseError("the program is empty: write a statement such as d = a @ b + c", 1, 1,
                             self.lines[0] if self.lines else "")
        return Program(tuple(self.inputs), tuple(self.eqns), output, source,
                       anchor_comments(self.comments, self.statements, names))

    def add_input(self, node, inp):
        if len(self.inputs) >= MAX_INPUTS:
            self.fail(node, f"a program may have at most {MAX_INPUTS:,} inputs")
        self.inputs.append(inp)

    def declare(self, name, call, stmt, place, declared):
        shape = initialiser_shape(call, self)
        node_id = name if declared else self.node_id(stmt, call)
        self.add_input(call, Input(name, shape, call.func, node_id, f"{stmt}:{place}", declared, call.line))
        return name

    def lower_root(self, name, expr, named):
        if isinstance(expr, (S.Name, S.Hole)):
            expr = self.renaming = S.Call(expr.line, expr.column, "identity", (expr,), ())
        elif isinstance(expr, S.Number) or isinstance(expr, S.Neg) and isinstance(expr.operand, S.Number):
            self.fail(expr, "a statement computes a value from inputs; a lone number is a constant, "
                            "use it inside an expression (a * 2)")
        self.place = 0
        self.lower(expr, name, out=name)

    def lower(self, node, stmt, out=None):
        """Lower `node`, appending equations; returns the operand it becomes (a name, Const or HoleRef)."""
        if isinstance(node, S.Number):
            return Const(node.value, node.text)
        if isinstance(node, S.Neg) and isinstance(node.operand, S.Number):
            return Const(-node.operand.value, "-" + node.operand.text)
        if isinstance(node, S.Hole):
            return HoleRef(node.line, node.column)
        if isinstance(node, S.Name):
            return self.reference(node)
        if is_initialiser(node):
            self.place += 1
            return self.declare(self.fresh(), node, stmt, self.place, declared=False)
        op, operands, params = self.split(node)
        inputs = tuple(self.lower(x, stmt) for x in operands)
        name = out or self.fresh()
        if len(self.eqns) >= MAX_EQUATIONS:
            self.fail(node, f"a program may have at most {MAX_EQUATIONS:,} equations")
        self.eqns.append(Eqn(op, inputs, params, name, self.node_id(stmt, node), out is not None,
                             node.line, node.column))
        return name

    def reference(self, node):
        name = node.name
        if name in self.bound and name not in self.defined:
            st = self.bound[name]
            self.fail(node, f"{name} is used before it is bound on line {st.line}")
        if name in INITIALISERS or name in REGISTRY:
            self.fail(node, f"{name} is a function: call it, as in {name}(…)")
        if name not in self.defined:   # undeclared: an input of the default shape
            self.add_input(node, Input(name, DEFAULT_SHAPE, "randn", name, f"{name}:0", False, node.line))
            self.defined.add(name)
        return name

    def split(self, node):
        """(op name, operand nodes, params) of an operator or call node."""
        if isinstance(node, S.BinOp):
            return BINARY_OPS[node.op], (node.left, node.right), ()
        if isinstance(node, S.Neg):
            return "neg", (node.operand,), ()
        if isinstance(node, S.Power):
            return "pow", (node.base,), (("exponent", node.exponent),)
        if isinstance(node, S.Transpose):
            return "transpose", (node.operand,), ()
        return self.split_call(node)

    def split_call(self, node):
        if node.func not in CALLABLE_OPS and node is not self.renaming:
            known = ", ".join(CALLABLE_OPS + INITIALISERS)
            self.fail(node, f"unknown function {node.func!r}; expected one of {known}")
        opdef = REGISTRY[node.func]
        if len(node.args) != opdef.arity:
            self.fail(node, f"{node.func} takes {opdef.arity} argument{'s' * (opdef.arity > 1)}, "
                            f"got {len(node.args)}")
        params = []
        for key, val in node.kwargs:
            if key in dict(params):
                self.fail(val, f"{node.func} is given {key!r} twice; give each keyword once")
            if key not in opdef.params:
                self.fail(val, f"{node.func} takes no keyword {key!r}" +
                          (f"; it takes {', '.join(opdef.params)}" if opdef.params else ""))
            if not is_whole(val.value):
                self.fail(val, f"{key} must be a whole number, got {val.text}")
            params.append((key, int(val.value)))
        return node.func, node.args, tuple(params)


def anchor_comments(comments, statements, names):
    """Attach each comment to a statement: `after` one that ends on its line, else `before` the
    next statement, else at the `end` of the program."""
    anchored = []
    for line, text in comments:
        ending = [n for st, n in zip(statements, names) if st.end_line == line]
        following = [n for st, n in zip(statements, names) if st.line > line]
        if ending:
            anchored.append(Comment(ending[-1], "after", text))
        else:
            anchored.append(Comment(following[0], "before", text) if following else Comment(None, "end", text))
    return tuple(anchored)


def walk(node):
    yield node
    for child in children(node):
        yield from walk(child)


def children(node):
    if isinstance(node, S.BinOp):
        return (node.left, node.right)
    if isinstance(node, (S.Neg, S.Transpose)):
        return (node.operand,)
    if isinstance(node, S.Power):
        return (node.base,)
    if isinstance(node, S.Call):
        return node.args
    return ()


def is_whole(value):
    """A finite whole number (`1e400` is a float infinity, not a size)."""
    return math.isfinite(value) and value == int(value)


def is_initialiser(node):
    return isinstance(node, S.Call) and node.func in INITIALISERS


def initialiser_shape(call, lowering):
    """The shape an initialiser declares: randn(m, n), ones(n), eye(n) (n×n), arange(n)."""
    if call.kwargs:
        lowering.fail(call, f"{call.func} takes no keyword arguments")
    dims = []
    for arg in call.args:
        if not isinstance(arg, S.Number) or not is_whole(arg.value) or arg.value < 1:
            lowering.fail(arg, f"{call.func} takes whole, positive numbers as its dimensions")
        dims.append(int(arg.value))
    allowed = {"eye": (1,), "arange": (1,)}.get(call.func, (0, 1, 2))
    if len(dims) not in allowed:
        lowering.fail(call, f"{call.func} takes {' or '.join(map(str, allowed))} dimension(s), got {len(dims)}")
    return (dims[0], dims[0]) if call.func == "eye" else tuple(dims)
