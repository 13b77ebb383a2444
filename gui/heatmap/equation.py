"""What the inspector lays out, as plain data: a step as the equation it satisfies.

A layout is a list of slots, each an operator symbol (str) or a `MatrixSlot`. Built from the
step record's rule (its Terms and operator strings), never by parsing the formula text."""
from typing import NamedTuple

import numpy as np

from engine import INDEX_LETTERS, GradState, equation_pieces, render_syntax, sum_note
from gui.model.upstream import seed_note

MATHS = {"-": "−", "*": "⊙", "/": "⊘", ".T": "ᵀ"}   # the language's operators as maths writes them
MAX_INPUTS = 4   # step 0 shows this many inputs; the inputs panel has them all


class MatrixSlot(NamedTuple):
    """One matrix of a layout. `source` = (name, is_grad, transposed) names the real array its
    cells stand for (None: not clickable); `missing` says why there are no numbers."""
    title: str
    array: object = None
    source: tuple = None
    badge: str = ""
    missing: str = ""
    shape: tuple = ()
    detail: str = ""   # with `missing`: when the numbers will come
    part: object = None   # in a step's equation: 'result', or which operand (engine.step_cells order)
    raw: object = None    # the computed numbers, when `array` shows values zero up to rounding as 0
    badge_tip: str = ""   # the badge's words in full, over the title


def step_layout(session, step, arrays, origin="ones"):
    """(heading, slots, note) for the step after the cursor; `arrays` are its rule's term arrays,
    `origin` the preset G is of (gui.model.upstream). Slots alternate matrix, operator, matrix…:
    most steps then share one arrangement of widgets."""
    heading, slots, note = raw_layout(session, step, arrays, origin)
    return heading, merge_operators(slots), note


def raw_layout(session, step, arrays, origin):
    if step is None:
        return "inputs (step 0: nothing computed yet)", input_slots(session), ""
    heading = step.describe(session.total)
    if step.kind == "forward":
        return heading, forward_slots(session, step), ""
    if step.kind == "seed":
        note = seed_note(origin if step.user_upstream else "ones", step.target)
        seed = MatrixSlot(f"∂L/∂{step.target} = G", step.array, (step.target, True, False), part="result")
        return heading, [seed], note
    sums = sum_note(step.rule, step.eqn, np.ndim(step.upstream))
    return heading, backward_slots(session, step, arrays), "; ".join(n for n in (step.rule.note, sums) if n)


def merge_operators(slots):
    """Consecutive operator symbols become one (`=` and `Σᵢ` give `= Σᵢ`)."""
    merged = []
    for slot in slots:
        if isinstance(slot, str) and merged and isinstance(merged[-1], str):
            merged[-1] = f"{merged[-1]} {slot}"
        else:
            merged.append(slot)
    return merged


def input_slots(session):
    """Step 0: the inputs side by side, separated by commas; past MAX_INPUTS, how many more."""
    return value_list(session, [i.name for i in session.program.inputs])


def draft_slots(part):
    """A program without a pass: the values its computable part (`part`, its pass) has computed,
    or while it computes none its inputs, as at step 0 (the inputs panel has them all)."""
    computed = [e.out for e in part.program.eqns]
    return value_list(part, computed) if computed else input_slots(part)


def value_list(session, names):
    """These values side by side, separated by commas; past MAX_INPUTS, how many more."""
    values = session.records.values
    shown = [MatrixSlot(n, values[n], (n, False, False)) for n in names[:MAX_INPUTS]]
    slots = [slot for x in shown for slot in (x, ",")][:-1]
    return slots + ([f"… {len(names) - MAX_INPUTS} more"] if len(names) > MAX_INPUTS else [])


def value_slot(values, x, part=None):
    """An operand of a forward equation: a value's heatmap, or a constant written as it is."""
    if isinstance(x, str):
        return MatrixSlot(x, values[x], (x, False, False), part=part)
    return str(x)


def forward_slots(session, step):
    """`t1 = a @ b`: the output, `=`, then the equation as the engine prints it (its pieces),
    each operand a heatmap and the operators in maths (`⊙` for `*`)."""
    eqn, values = step.eqn, session.records.values
    slots = [MatrixSlot(step.target, step.array, (step.target, False, False), part="result"), "="]
    operands = iter(enumerate(eqn.inputs))
    for piece in equation_pieces(eqn.syntax()):
        if not isinstance(piece, str):   # an operand, or a constant param written in place (`sum(x, 0)`)
            found = next(operands, None)
            slots.append(render_syntax(piece[0]) if found is None else value_slot(values, found[1], found[0]))
        elif slots[-1] != "=" and isinstance(slots[-1], str):
            slots[-1] += MATHS.get(piece.strip(), piece.strip())
        else:
            slots.append(MATHS.get(piece.strip(), piece.strip()))
    return slots


def backward_slots(session, step, arrays):
    """`∂L/∂a = ∂L/∂t1 @ bᵀ`: the contribution (`+=` when accumulating), then the rule's terms
    with its operators; `Σᵢ` before them when broadcasting is undone."""
    rule = step.rule
    letters = INDEX_LETTERS[-step.upstream.ndim:] if step.upstream.ndim else ""
    kept = "".join(c for a, c in enumerate(letters) if a not in rule.summed_axes)
    # the lhs is this step's addend; a short badge keeps a row of three matrices on one line
    badge = f"{step.k} of {step.n}" if step.n > 1 else ""
    tip = (f"∂L/∂{step.target} sums {step.n} contributions, one per use of {step.target}: "
           f"this is contribution {step.k}")
    contribution = session.magnitudes.shown_contribution(step)
    lhs = MatrixSlot(f"∂L/∂{step.target}{kept if rule.summed_axes else ''}", contribution,
                     (step.target, True, False), badge, part="result", raw=step.contribution,
                     badge_tip=tip if badge else "")
    slots = [lhs, "+=" if step.accumulates else "="]
    if rule.summed_axes:
        slots.append("Σ" + "".join(letters[a] for a in rule.summed_axes))
    terms = iter(enumerate(zip(rule.terms(), rule.term_texts(), arrays)))
    for part in rule.parts:
        slots.append(part if isinstance(part, str) else term_slot(session, step, arrays, *next(terms)))
    return slots


def term_slot(session, step, arrays, n, found):
    """Term n of a rule as a matrix, clickable when it is a real array (b for bᵀ, not relu′); the
    upstream gradient, and a matrix the rule derives, with values zero up to rounding shown as 0."""
    rule, (term, text, array) = step.rule, found
    if term.kind == "grad":
        shown = session.magnitudes.shown_grad(rule.output, session.cursor, array, term.transpose)
        return MatrixSlot(text, shown, (rule.output, True, term.transpose), part=n, raw=array)
    if term.kind == "out":
        source = (rule.output, False, False)
    elif term.kind == "value" and isinstance(step.eqn.inputs[term.operand], str):
        source = (rule.operands[term.operand], False, term.transpose)
    else:
        shown = session.magnitudes.shown_factor(step, arrays, n)
        return MatrixSlot(text, shown, None, part=n, raw=array)
    return MatrixSlot(text, array, source, part=n)


def node_slots(session, name):
    """The value and the gradient of one node, each possibly not computed yet."""
    shape = session.records.values[name].shape
    value = session.value(name)
    value_shown = MatrixSlot(name, value, (name, False, False)) if value is not None else \
        MatrixSlot(name, missing="not yet", shape=shape, detail=f"computed at step {session.value_step[name]}",
              source=(name, False, False))
    inp = session.program.input(name)
    if inp is not None and inp.labels:   # class labels choose entries; they have no gradient to show
        return [value_shown]
    grad, state, k, n = session.grad(name)
    title = f"∂L/∂{name}"
    if state == GradState.NO_PATH:
        return [value_shown, MatrixSlot(title, missing=state, shape=shape, detail="it gets no gradient")]
    if state == GradState.NOT_YET:
        final = session.completing_step(name).index
        return [value_shown, MatrixSlot(title, missing=state, shape=shape, detail=f"complete at step {final}",
                                   source=(name, True, False))]
    badge = f"partial {k} of {n}" if state == GradState.PARTIAL else ""
    shown = session.magnitudes.shown_grad(name, session.cursor, grad)
    return [value_shown, MatrixSlot(title, shown, (name, True, False), badge, raw=grad)]
