"""What is shown of a Document, derived from it once: the program parsed once, and either its
computed pass or the reason there is none (a hole, shapes that do not fit, nothing yet) with
the inputs still drawn and what can be computed of it. A draft is simply a Shown without a
pass: nothing else marks it.

The canvas's graph and the places of its nodes are derived here too, when first asked for."""
from dataclasses import dataclass
from functools import cached_property

import numpy as np

import engine
from engine import Const, HoleRef, Program, infer_shapes
from gui.model.layout import LOSS_ID, layered_layout, program_graph

EMPTY = "the graph is empty: drag an input or an op from the palette onto the canvas"
ORDINALS = ("first", "second", "third")


def parse_program(text):
    """`text` parsed; blank text is the empty program (an empty canvas), not an error."""
    if not text.strip():
        return Program((), (), None, text)
    return engine.parse(text)


def inputs_only(program):
    """A program's inputs alone, as a program (its last input its output); raises IncompleteError
    when it has none."""
    if not program.inputs:
        raise engine.IncompleteError("the program has no inputs to show")
    return Program(program.inputs, (), program.inputs[-1].name, program.source)


def computable_part(program, input_shapes=None):
    """The computable part of a program without a pass: its inputs and every equation whose
    operands all have values (no hole before it, no broken shape rule on the way), in order,
    so that a draft still shows their numbers; its last equation is its output."""
    shapes = infer_shapes(program, input_shapes).shapes
    eqns = tuple(e for e in program.eqns if e.out in shapes)
    part = inputs_only(program)
    return part if not eqns else Program(program.inputs, eqns, eqns[-1].out, program.source)


def draft_pass(program, document, input_shapes):
    """The pass of a draft's computable part (the inputs alone when that part cannot be computed
    with the document's numbers; None without inputs): what the inputs panel and the inspector
    show while the whole program has no pass."""
    if not program.inputs:
        return None
    d = document
    try:
        return engine.Session(computable_part(program, input_shapes), dict(d.inputs), rng_seed=d.rng_seed)
    except engine.EngineError:
        return engine.Session(inputs_only(program), dict(d.inputs), rng_seed=d.rng_seed)


def draft_reason(program, input_shapes=None):
    """Why `program` has no pass: its first broken shape rule (`shapes do not fit: … a @ b:
    inner dimensions 3 and 4 differ`), its first hole (`the graph is incomplete: wire t3's
    second input`), both, or that it is empty."""
    if not program.eqns and not program.inputs:
        return EMPTY
    parts = [f"shapes do not fit: {p}" for p in broken_rules(program, input_shapes)[:1]]
    for eqn in program.eqns:
        holes = [k for k, x in enumerate(eqn.inputs) if isinstance(x, HoleRef)]
        if holes:
            which = "" if len(eqn.inputs) == 1 else f"{ORDINALS[holes[0]]} "
            parts.append(f"the graph is incomplete: wire {eqn.out}'s {which}input")
            break
    return "; ".join(parts) or "the graph cannot be computed"


def broken_rules(program, input_shapes=None):
    """The problems of equations whose operands all have shapes: the rules broken, not the
    values waiting for a wire or for an operand that has no shape."""
    result = infer_shapes(program, input_shapes)
    return [result.problems[e.out] for e in program.eqns if e.out in result.problems
            and all(isinstance(x, Const) or x in result.shapes for x in e.inputs)]


@dataclass(frozen=True, eq=False)
class Shown:
    """document: what it is derived from; program: its text parsed; session: the computed pass
    (an engine.Session, whose cursor the model keeps at the View's), or None; inputs: the pass
    that draws the program's inputs (the session itself, or without a pass that of its
    computable part, draft_pass; None when there are none); error: why there is no pass, as the
    engine said it (for the editor); reason: the one line the window says about it."""
    document: object
    program: Program
    session: object = None
    inputs: object = None
    error: object = None
    reason: str = None

    def input_shapes(self):
        """{input name: shape} the user gave or the pass drew, for shape inference."""
        if self.session is None:
            return {n: np.shape(a) for n, a in self.document.inputs.items()}
        return {i.name: self.session.records.values[i.name].shape for i in self.program.inputs}

    def input_values(self):
        """Every input's current array, given or drawn (also without a pass)."""
        s = self.inputs
        return {} if s is None else {i.name: s.records.values[i.name] for i in s.program.inputs}

    @cached_property
    def graph(self):
        """The canvas's graph (gui.model.layout.program_graph); L follows the pass's start node."""
        start = None if self.session is None else self.session.records.start
        return program_graph(self.program, self.input_shapes(), start)

    @cached_property
    def layout(self):
        """{node id: (x, y)}: the document's places, new nodes beside their neighbours."""
        return layered_layout(self.graph, dict(self.document.positions) or None)

    def laid_out(self):
        """Whether `layout` is made already (reading it then costs nothing)."""
        return "layout" in self.__dict__   # where cached_property keeps it

    def places(self):
        """The layout without the loss marker: what a document keeps."""
        return {n: p for n, p in self.layout.items() if n != LOSS_ID}


def derive(document, program=None):
    """The Shown of `document` (`program`: its text already parsed). A program that cannot be
    computed by itself (a hole, its own shapes) is shown without a pass; any other EngineError
    (inputs or G that do not fit the program) raises: such an edit is refused."""
    program = program if program is not None else parse_program(document.text)
    d = document
    try:
        if program.output is None:
            raise engine.IncompleteError("the program is empty")
        session = engine.Session(program, dict(d.inputs), d.upstream, d.start, d.rng_seed)
    except (engine.IncompleteError, engine.ShapeError) as exc:
        if program.output is not None and not (program.holes() or infer_shapes(program).problems):
            raise
        shapes = {n: np.shape(a) for n, a in d.inputs.items()}
        return Shown(d, program, None, draft_pass(program, d, shapes), exc, draft_reason(program, shapes))
    return Shown(d, program, session, session)
