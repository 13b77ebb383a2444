"""Forward and backward passes as lists of step records, and `run_pass`, which computes
a whole pass once. Broadcasting is undone here, once, for every op.

Everything that depends only on the program, the start node and the input shapes (shape
inference, the memory guard, the backward plan, each equation's function and parameters) is
prepared once and kept in the program's Prepared (engine.prepare), so a pass does little more than
the numpy calls."""
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from .broadcast import unbroadcast
from .errors import InputError
from .ops import REGISTRY, lookup
from .plan import backward_plan
from .prepared import memo, prepare
from .program import Const, require_shapes
from .steps import PassRecords, Step
from .labels import given_arrays, initial
from .values import as_input_array, check_seed, computing, freeze, guard_memory


class Call(NamedTuple):
    """One equation, ready to run: fn(*operand_values(call, values), **kwargs)."""
    eqn: object
    inputs: tuple   # value names, or the constants' numbers
    kwargs: dict
    fetch: object   # values -> the operands' tuple, when every operand is a name (the fast path)


def prepared(eqn):
    inputs = tuple(x.value if isinstance(x, Const) else x for x in eqn.inputs)
    fetch = None
    if all(isinstance(x, str) for x in inputs):
        fetch = itemgetter(*inputs) if len(inputs) > 1 else (lambda values, name=inputs[0]: (values[name],))
    return Call(eqn, inputs, eqn.kwargs, fetch)


def operand_values(call, values):
    if call.fetch is not None:
        return call.fetch(values)
    return tuple(values[x] if x.__class__ is str else x for x in call.inputs)


# ops whose forward returns a view of an operand, or the operand itself
ALIASING_OPS = frozenset(name for name, op in REGISTRY.items() if op.aliases)


def forward_steps(program, values):
    """One step per equation, in program order: out = op(*operands). Fills `values`."""
    steps = []
    for index, (eqn, fn, call) in enumerate(forward_calls(program), 1):
        out = fn(*operand_values(call, values), **call.kwargs)
        if eqn.op in ALIASING_OPS:
            out = np.array(out)  # a view of an operand, or the operand: the record owns its array
        values[eqn.out] = out = freeze(out)
        steps.append(Step(index, "forward", eqn.out, out, eqn))
    return steps


def forward_calls(program):
    cache = memo(program)
    calls = cache.get("forward")
    if calls is None:
        calls = cache["forward"] = tuple((e, lookup(e.op).forward, prepared(e)) for e in program.eqns)
    return calls


class BackwardCall(NamedTuple):
    """One backward step, ready to run: the plan item's fields and the op's VJP for its operand."""
    out: str
    target: str
    target_shape: tuple
    k: int
    vjp: object
    call: Call
    item: object


def backward_calls(program, start, shapes):
    """A BackwardCall per backward step, cached per start node beside the shapes it was made for."""
    per_start = memo(program).setdefault(("backward", id(shapes)), {})
    calls = per_start.get(start)
    if calls is None:
        calls = per_start[start] = tuple(
            BackwardCall(item.eqn.out, item.target, item.target_shape, item.k,
                         lookup(item.eqn.op).vjps[item.operand_index], prepared(item.eqn), item)
            for item in backward_plan(program, start, shapes))
    return calls


def backward_steps(calls, values, grads, first_index):
    """One step per (equation, operand): ∂L/∂x += VJP(∂L/∂out), summed back to x's shape."""
    steps = []
    for index, (out, target, shape, k, vjp, call, item) in enumerate(calls, first_index):
        upstream, operands = grads[out], operand_values(call, values)
        contribution = vjp(upstream, values[out], *operands, **call.kwargs)
        if contribution.shape != shape:
            contribution = unbroadcast(contribution, shape)
        contribution = freeze(contribution)
        total = contribution if k == 1 else freeze(grads[target] + contribution)
        grads[target] = total
        steps.append(Step(index, "backward", target, total, item.eqn, item.operand_index, contribution, upstream,
                          operands, values[out], item.rule, k, item.n))
    return steps


def input_shapes(program, given):
    """Every value's shape for these given input shapes: inferred and memory-checked once.
    The dict is kept in the program's Prepared for its life, so its id is a stable key."""
    key = ("shapes", tuple((n, a.shape, a.dtype.itemsize) for n, a in given.items()))
    cache = memo(program)
    shapes = cache.get(key)
    if shapes is None:
        shapes = require_shapes(program, {n: a.shape for n, a in given.items()})
        guard_memory(shapes, max([a.dtype.itemsize for a in given.values()], default=8))
        cache[key] = shapes
    return shapes


def prepare_inputs(program, inputs, rng_seed):
    """Every input's array: the given ones (owned, read-only) and seeded values for the rest."""
    check_seed(rng_seed)
    given = given_arrays(program, inputs)
    unknown = set(given) - {i.name for i in program.inputs}
    if unknown:
        raise InputError(f"no input named {', '.join(sorted(unknown))} in the program; its inputs are: "
                         f"{', '.join(i.name for i in program.inputs) or 'none'}")
    floats = [a.dtype for a in given.values() if a.dtype.kind == "f"]   # labels are integers
    dtype = np.float32 if floats and all(d == np.float32 for d in floats) else np.float64
    shapes = input_shapes(program, given)
    values = {}
    for inp in program.inputs:
        values[inp.name] = given.get(inp.name)
        if values[inp.name] is None:
            values[inp.name] = seeded_value(program, inp, shapes[inp.name], dtype, rng_seed)
    return values, shapes, dtype


def seeded_value(program, inp, shape, dtype, rng_seed):
    """The input's drawn values, kept for the last (shape, dtype, seed) asked: a pass recomputed
    with the same ones reuses them, and re-drawing with new seeds does not pile arrays up."""
    drawn_for = (shape, np.dtype(dtype).name, rng_seed)
    cache = memo(program)
    kept = cache.get(("seeded", inp.name))
    if kept is None or kept[0] != drawn_for:
        kept = (drawn_for, freeze(initial(inp, shape, dtype, rng_seed)))
        cache[("seeded", inp.name)] = kept
    return kept[1]


def seed_gradient(program, upstream, shape, dtype, start):
    """G = ∂L/∂start: the user's, or ones (L = sum(start)), made once per shape and dtype."""
    if upstream is None:
        key = ("ones", shape, np.dtype(dtype).name)
        cache = memo(program)
        ones = cache.get(key)
        if ones is None:
            ones = cache[key] = freeze(np.ones(shape, dtype))
        return ones
    g = as_input_array("G", upstream).astype(dtype, copy=False)
    if g.shape != tuple(shape):
        raise InputError(f"the upstream gradient G = ∂L/∂{start} must have {start}'s shape {tuple(shape)}, "
                         f"got {g.shape}")
    return freeze(g)


def run_pass(program, inputs=None, upstream=None, start=None, rng_seed=0):
    """Compute a whole pass once: forward steps, the seed step, backward steps (PassRecords).
    `program` is a Program or its Prepared (engine.prepare)."""
    program = prepare(program).program   # a Prepared is kept among the recent ones for this pass
    start = start or program.output
    values, shapes, dtype = prepare_inputs(program, inputs, rng_seed)
    calls = backward_calls(program, start, shapes)
    grads = {start: seed_gradient(program, upstream, shapes[start], dtype, start)}
    with computing():
        steps = forward_steps(program, values)
        steps.append(Step(len(steps) + 1, "seed", start, grads[start], user_upstream=upstream is not None))
        steps.extend(backward_steps(calls, values, grads, len(steps) + 1))
    return PassRecords(program, start, values, grads, tuple(steps))
