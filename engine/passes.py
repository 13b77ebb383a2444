"""Forward and backward passes as generators of step records, and `run_pass`, which computes
a whole pass once. Broadcasting is undone here, once, for every op."""
import numpy as np

from .broadcast import unbroadcast
from .errors import InputError
from .ops import lookup
from .plan import backward_plan
from .program import Const, require_shapes
from .steps import PassRecords, Step
from .values import as_input_array, freeze, guard_memory, initial_value


def operand_values(eqn, values):
    return tuple(x.value if isinstance(x, Const) else values[x] for x in eqn.inputs)


def evaluate(eqn, values):
    """out = op(*operands) for one equation, as an array."""
    return np.asarray(lookup(eqn.op).forward(*operand_values(eqn, values), **eqn.kwargs))


def forward_steps(program, values):
    """One step per equation, in program order: out = op(*operands). Fills `values`."""
    for index, eqn in enumerate(program.eqns, 1):
        out = evaluate(eqn, values)
        if out.base is not None or out is values.get(str(eqn.inputs[0])):
            out = out.copy()  # a view (transpose) or the operand itself: the record owns its array
        values[eqn.out] = freeze(out)
        yield Step(index, "forward", eqn.out, values[eqn.out], eqn)


def backward_steps(plan, values, grads, first_index):
    """One step per (equation, operand) in the plan: ∂L/∂x += VJP(∂L/∂out), summed back to x's shape."""
    for index, item in enumerate(plan, first_index):
        eqn = item.eqn
        upstream, operands = grads[eqn.out], operand_values(eqn, values)
        vjp = lookup(eqn.op).vjps[item.operand_index]
        contribution = freeze(unbroadcast(np.asarray(vjp(upstream, values[eqn.out], *operands, **eqn.kwargs)),
                                          item.target_shape))
        total = contribution if item.k == 1 else freeze(grads[item.target] + contribution)
        grads[item.target] = total
        yield Step(index, "backward", item.target, total, eqn, item.operand_index, contribution, upstream,
                   operands, values[eqn.out], item.rule, item.k, item.n)


def prepare_inputs(program, inputs, rng_seed):
    """Every input's array: the given ones (copied, read-only) and seeded values for the rest."""
    given = {name: as_input_array(name, arr) for name, arr in (inputs or {}).items()}
    unknown = set(given) - {i.name for i in program.inputs}
    if unknown:
        raise InputError(f"no input named {', '.join(sorted(unknown))} in the program; its inputs are: "
                         f"{', '.join(i.name for i in program.inputs) or 'none'}")
    dtype = np.float32 if given and all(a.dtype == np.float32 for a in given.values()) else np.float64
    shapes = require_shapes(program, {n: a.shape for n, a in given.items()})
    guard_memory(shapes, np.dtype(dtype).itemsize)
    values = {}
    for inp in program.inputs:
        values[inp.name] = given.get(inp.name)
        if values[inp.name] is None:
            values[inp.name] = freeze(initial_value(inp, shapes[inp.name], dtype, rng_seed))
    return values, shapes, dtype


def seed_gradient(upstream, shape, dtype, start):
    if upstream is None:
        return freeze(np.ones(shape, dtype))
    g = as_input_array("G", upstream).astype(dtype, copy=False)
    if g.shape != tuple(shape):
        raise InputError(f"the upstream gradient G = ∂L/∂{start} must have {start}'s shape {tuple(shape)}, "
                         f"got {g.shape}")
    return freeze(g)


def run_pass(program, inputs=None, upstream=None, start=None, rng_seed=0):
    """Compute a whole pass once: forward steps, the seed step, backward steps (PassRecords)."""
    start = start or program.output
    values, shapes, dtype = prepare_inputs(program, inputs, rng_seed)
    plan = backward_plan(program, start, shapes)
    grads = {start: seed_gradient(upstream, shapes[start], dtype, start)}
    with np.errstate(all="ignore"):  # inf and NaN are shown to the user, not raised
        steps = list(forward_steps(program, values))
        steps.append(Step(len(steps) + 1, "seed", start, grads[start], user_upstream=upstream is not None))
        steps.extend(backward_steps(plan, values, grads, len(steps) + 1))
    return PassRecords(program, start, values, grads, tuple(steps), len(program.eqns))
