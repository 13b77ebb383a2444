"""A draft: the program the canvas shows while it cannot be computed (a hole, shapes that do
not fit, or nothing yet), and the one line the window says about why."""
import engine
from engine import Const, HoleRef, Program, infer_shapes

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
