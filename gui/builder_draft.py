"""A draft: the program the canvas shows while it cannot be computed (a hole, shapes that do
not fit, or nothing yet), and the one line the window says about why."""
import engine
from engine.program import HoleRef, Program, infer_shapes

EMPTY = "the graph is empty: drag an input or an op from the palette onto the canvas"
ORDINALS = ("first", "second", "third")


def parse_program(text):
    """`text` parsed; blank text is the empty program (an empty canvas), not an error."""
    if not text.strip():
        return Program((), (), None, text)
    return engine.parse(text)


def inputs_only(program):
    """The computable part of a draft that is all there is at startup: its inputs (so the
    inputs panel has them); raises the draft's own error when it has none."""
    if not program.inputs:
        raise engine.IncompleteError("the program has no inputs to show")
    return Program(program.inputs, (), program.inputs[-1].name, program.source)


def draft_reason(program, input_shapes=None):
    """Why `program` has no pass: `the graph is incomplete: wire t3's second input`, the first
    broken shape rule, or that it is empty."""
    if not program.eqns and not program.inputs:
        return EMPTY
    for eqn in program.eqns:
        holes = [k for k, x in enumerate(eqn.inputs) if isinstance(x, HoleRef)]
        if holes:
            which = "" if len(eqn.inputs) == 1 else f"{ORDINALS[holes[0]]} "
            return f"the graph is incomplete: wire {eqn.out}'s {which}input"
    problem = infer_shapes(program, input_shapes).first_problem()
    return f"shapes do not fit: {problem}" if problem else "the graph cannot be computed"
