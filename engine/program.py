"""The flat program: inputs and equations over named values, and shape inference on it.

`d = a @ b + c` becomes inputs a, b, c and the equations `t1 = a @ b`, `d = t1 + c`. Named
statements keep their names; sub-expressions get generated names t1, t2, … in program order."""
from dataclasses import dataclass, field

from .errors import IncompleteError, ShapeError
from .ops import ShapeRule, lookup
from .syntax import Hole, Name, Number, op_syntax, render

DEFAULT_SHAPE = (2, 2)
INITIALISERS = ("randn", "ones", "zeros", "eye", "arange", "labels")


@dataclass(frozen=True)
class Const:
    """A number written in the program; it gets no gradient."""
    value: float
    text: str

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class HoleRef:
    """An operand not wired yet (`?`), at a place in the text."""
    line: int
    column: int

    def __str__(self):
        return "?"


@dataclass(frozen=True)
class Input:
    """A leaf value: declared (`a = randn(2, 3)`), undeclared (a bare name) or unnamed (inline)."""
    name: str
    shape: tuple
    init: str           # one of INITIALISERS
    node_id: str
    seed_key: str       # statement name and place: random values follow it, not program order
    declared: bool
    line: int = 0
    classes: int = 0    # labels(n, k): the labels are drawn in [0, k)

    @property
    def labels(self):
        """Integer class labels: never differentiated, given as integers."""
        return self.init == "labels"


@dataclass(frozen=True)
class Eqn:
    """`out = op(*inputs, **params)`; inputs are value names, Consts or HoleRefs."""
    op: str
    inputs: tuple
    params: tuple       # ((key, value), ...)
    out: str
    node_id: str
    named: bool         # bound by the user (or the output), not a generated t-name
    line: int
    column: int
    form: tuple = ()    # how it was typed, kept when it is written again (engine.lower.FORMS)

    @property
    def kwargs(self):
        return dict(self.params)

    def operand_names(self):
        """The value names among the inputs, in order, with repeats (`h * h` gives h twice)."""
        return [x for x in self.inputs if isinstance(x, str)]

    def syntax(self):
        """The equation's right-hand side as a syntax node over its operands (engine.syntax)."""
        return op_syntax(self.op, [operand_syntax(x) for x in self.inputs], self.params, self.form)

    def expression(self):
        """The equation's right-hand side over operand names: `t1 + c`, `relu(t2)`, `x ** 2`."""
        return render(self.syntax())

    def __str__(self):
        return f"{self.out} = {self.expression()}"


def operand_syntax(x):
    """An equation's operand as a syntax leaf: a name, a number or the hole `?`."""
    if isinstance(x, Const):
        return Number(0, 0, x.value, x.text)
    return Hole(0, 0) if isinstance(x, HoleRef) else Name(0, 0, x)


@dataclass(frozen=True)
class Comment:
    """A `#` comment of the source, anchored to a statement by its name (None: the end)."""
    anchor: str | None
    where: str          # 'before' or 'after' the anchor statement, or 'end'
    text: str


@dataclass(frozen=True)
class Program:
    inputs: tuple
    eqns: tuple
    output: str
    source: str = ""
    comments: tuple = ()
    constants: tuple = ()   # (name, value, text) per constant statement (`n = 32`), folded into the eqns

    def names(self):
        return [i.name for i in self.inputs] + [e.out for e in self.eqns]

    def input(self, name):
        return next((i for i in self.inputs if i.name == name), None)

    def producer(self, name):
        """The equation that computes `name`, or None for an input."""
        from .prepared import prepare   # prepare imports this module
        return prepare(self).producers.get(name)

    def holes(self):
        return [x for e in self.eqns for x in e.inputs if isinstance(x, HoleRef)]

    def named_values(self):
        """Inputs, user-named values and the output: the values the user can refer to."""
        return [i.name for i in self.inputs] + [e.out for e in self.eqns if e.named]

    def node_ids(self):
        return {i.name: i.node_id for i in self.inputs} | {e.out: e.node_id for e in self.eqns}

    def __str__(self):
        return "\n".join(str(e) for e in self.eqns)


@dataclass(frozen=True)
class Shapes:
    """Shape inference over a possibly incomplete program: a shape or a problem per value.
    `places` holds each problem's (line, column, reason without its place)."""
    shapes: dict
    problems: dict
    places: dict = field(default_factory=dict)

    def first_problem(self):
        return next(iter(self.problems.values()), None)


def infer_shapes(program, input_shapes=None):
    """Each value's shape, or the rule it breaks; never raises for holes or mismatches."""
    given = input_shapes or {}
    shapes = {i.name: tuple(given.get(i.name, i.shape)) for i in program.inputs}
    places = {}
    for eqn in program.eqns:
        operand_shapes, waiting = [], None
        for x in eqn.inputs:
            if isinstance(x, HoleRef):
                waiting = (x.line, x.column, f"{eqn}: the hole ? is not wired yet")
            elif isinstance(x, Const):
                operand_shapes.append(())
            elif x in shapes:
                operand_shapes.append(shapes[x])
            else:
                waiting = waiting or (eqn.line, eqn.column, f"{eqn}: needs {x}, which has no shape")
        if waiting:
            places[eqn.out] = waiting
            continue
        try:
            shapes[eqn.out] = tuple(lookup(eqn.op).infer(*operand_shapes, **eqn.kwargs))
        except ShapeRule as rule:
            places[eqn.out] = (eqn.line, eqn.column, f"{eqn.expression()}: {rule}")
    problems = {name: f"line {line}, column {column}: {reason}" for name, (line, column, reason) in places.items()}
    return Shapes(shapes, problems, places)


def require_shapes(program, input_shapes=None):
    """Every value's shape; raises IncompleteError for a hole, ShapeError for a broken rule."""
    result = infer_shapes(program, input_shapes)
    lines = program.source.split("\n")
    holes = program.holes()
    if holes:
        hole = holes[0]
        raise IncompleteError("the program has a hole ? (an operand not wired yet); wire it before computing",
                              hole.line, hole.column, source_line(lines, hole.line))
    if result.places:
        line, column, reason = next(iter(result.places.values()))
        raise ShapeError(reason, line, column, source_line(lines, line))
    return result.shapes


def source_line(lines, line):
    return lines[line - 1] if 0 < line <= len(lines) else None
