"""Syntax tree -> flat Program: names, generated names, node ids, input declarations, constants.

A statement whose value depends on no input (`n = 32`, `k = 2 * 3`) is a constant: folded
wherever it is used (sizes, `arange(n)`, `1/n`), not a node. An equation keeps in `form` how it
was typed (FORMS), so it is written back that way."""
from . import calls
from . import syntax as S
from .errors import ParseError
from .ops import REGISTRY, by_notation, function_names, infix_ops
from .program import DEFAULT_SHAPE, INITIALISERS, Comment, Const, Eqn, HoleRef, Input, Program

# 'method' x.sum(0); 'axis' a positional axis, sum(x, 0); 'keepdim' PyTorch's spelling;
# 'call' a postfix op typed as a function, transpose(x)
FORMS = ("method", "axis", "keepdim", "call")
RESERVED = INITIALISERS + tuple(calls.BOOLEANS)

MAX_EQUATIONS = 1000
MAX_INPUTS = 1000        # declared, unnamed and undeclared inputs together


class Lowering:
    def __init__(self, statements, lines, comments=()):
        self.statements, self.lines, self.comments = statements, lines, comments
        self.bound = {}          # user-bound name -> its statement
        self.inputs, self.eqns = [], []
        self.defined = set()
        self.counter = 0
        self.ids = set()
        self.constants = {}      # name -> Const, for constant statements
        self.referenced = {n.name for st in statements for n in walk(st.expr) if isinstance(n, S.Name)}
        self.renaming = None     # the alias call written for `d = a`: no alias is typed by the user

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
            if st.name in RESERVED:   # op names are reserved only where they are called
                self.fail(st, f"{st.name} is a reserved name; choose another name")
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
        output, names, constants = None, [], []
        for idx, st in enumerate(self.statements):
            name = st.name or self.output_name()
            names.append(name)
            if st.name is None and idx != len(self.statements) - 1:
                self.fail(st, "a bare expression is allowed only as the last statement; write name = …")
            if is_initialiser(st.expr):
                self.declare(name, st.expr, name, place=0, declared=True)
            elif isinstance(const := self.lower_root(name, st), Const):
                self.constants[name] = Const(const.value, name)
                constants.append((name, const.value, S.render(st.expr)))
                continue
            self.defined.add(name)
            output = name
        if output is None:
            raise ParseError("the program computes nothing: write a statement such as d = a @ b + c", 1, 1,
                             self.lines[0] if self.lines else "")
        self.check_labels()
        return Program(tuple(self.inputs), tuple(self.eqns), output, source,
                       anchor_comments(self.comments, self.statements, names), tuple(constants))

    def add_input(self, node, inp):
        if len(self.inputs) >= MAX_INPUTS:
            self.fail(node, f"a program may have at most {MAX_INPUTS:,} inputs")
        self.inputs.append(inp)

    def declare(self, name, call, stmt, place, declared):
        shape, classes = initialiser_shape(call, self)
        node_id = name if declared else self.node_id(stmt, call)
        self.add_input(call, Input(name, shape, call.func, node_id, f"{stmt}:{place}", declared, call.line, classes))
        return name

    def lower_root(self, name, st):
        """Lower a statement's expression; a Const when it depends on no input (a constant)."""
        expr = st.expr
        if isinstance(expr, S.Hole) or isinstance(expr, S.Name) and expr.name not in self.constants:
            expr = self.renaming = S.Call(expr.line, expr.column, by_notation("alias"), (expr,), ())
        self.place = 0
        result = self.lower(expr, name, out=name)
        if isinstance(result, Const) and st.name is None:
            self.fail(expr, "the last statement is a constant; a program computes a value from inputs (a * 2)")
        return result

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
        op, operands, params, form = self.split_form(node)
        inputs = tuple(self.lower(x, stmt) for x in operands)
        if all(isinstance(x, Const) for x in inputs) and (value := calls.fold(op, [x.value for x in inputs],
                                                                              params)) is not None:
            return Const(value, calls.constant_text(node))
        name = out or self.fresh()
        if len(self.eqns) >= MAX_EQUATIONS:
            self.fail(node, f"a program may have at most {MAX_EQUATIONS:,} equations")
        self.eqns.append(Eqn(op, inputs, params, name, self.node_id(stmt, node), out is not None,
                             node.line, node.column, form))
        return name

    def reference(self, node):
        name = node.name
        if name in self.constants:
            return self.constants[name]
        if name in self.bound and name not in self.defined:
            st = self.bound[name]
            self.fail(node, f"{name} is used before it is bound on line {st.line}")
        if name in calls.BOOLEANS:
            self.fail(node, f"{name} is a keyword argument's value, as in sum(x, axis=0, keepdims={name})")
        if name not in self.bound and (name in INITIALISERS or name in REGISTRY):
            self.fail(node, f"{name} is a function: call it, as in {name}(…)")
        if name not in self.defined:   # undeclared: an input of the default shape
            self.add_input(node, Input(name, DEFAULT_SHAPE, "randn", name, f"{name}:0", False, node.line))
            self.defined.add(name)
        return name

    def split(self, node):
        return self.split_form(node)[:3]

    def split_form(self, node):
        """(op name, operand nodes, params, form) of an operator, call or index node."""
        if isinstance(node, S.BinOp):
            return infix_ops()[node.op], (node.left, node.right), (), ()
        if isinstance(node, S.Neg):
            return by_notation("prefix"), (node.operand,), (), ()
        if isinstance(node, S.Power):
            return by_notation("power"), (node.base,), (("exponent", node.exponent),), ()
        if isinstance(node, S.Transpose):
            return by_notation("postfix"), (node.operand,), (), ()
        if isinstance(node, S.Index):
            return calls.split_index(self, node)
        if isinstance(node, S.Slice):
            self.fail(node, "a slice i:k is written inside [], as in x[0:2]")
        return calls.split_call(self, node)

    def check_labels(self):
        """Integer labels go exactly where an op takes labels (x[arange(n), y], cross_entropy)."""
        labels = {i.name for i in self.inputs if i.labels}
        for eqn in self.eqns:
            wanted = REGISTRY[eqn.op].labels
            for k, x in enumerate(eqn.inputs):
                if isinstance(x, HoleRef) or (x in labels) == (k in wanted):
                    continue
                node = S.Name(eqn.line, eqn.column, "")
                if k in wanted:
                    self.fail(node, f"{eqn.op} takes class labels as input {k + 1}: declare them, "
                                    f"as in y = labels(n, k)")
                self.fail(node, f"{x} holds class labels (integers), which are used as x[arange(n), {x}] "
                                f"or in cross_entropy(x, {x}), not in {eqn.expression()}")


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


def is_initialiser(node):
    return isinstance(node, S.Call) and node.func in INITIALISERS and not node.method


def initialiser_shape(call, lowering):
    """(shape, classes) an initialiser declares: randn(m, n), ones(n), eye(n) (n×n), arange(n),
    labels(n, k) (n labels in [0, k)); sizes are whole positive numbers or constants."""
    if call.kwargs:
        lowering.fail(call, f"{call.func} takes no keyword arguments")
    dims = [calls.whole(lowering, arg, f"a dimension of {call.func}", 1) for arg in call.args]
    allowed = {"eye": (1,), "arange": (1,), "labels": (2,)}.get(call.func, (0, 1, 2))
    if len(dims) not in allowed:
        lowering.fail(call, f"{call.func} takes {' or '.join(map(str, allowed))} dimension(s), got {len(dims)}")
    if call.func == "labels":
        return (dims[0],), dims[1]
    return ((dims[0], dims[0]) if call.func == "eye" else tuple(dims)), 0
