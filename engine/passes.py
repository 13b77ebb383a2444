"""Forward and backward passes as lists of step records, and `run_pass`, which computes
a whole pass once. Broadcasting is undone here, once, for every op.

Everything that depends only on the program, the start node and the input shapes (shape
inference, the memory guard, the backward plan, each equation's function and parameters) is
prepared once and kept in the program's Prepared (engine.prepare), so a pass does little more than
the numpy calls."""
import math
from functools import partial
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from .broadcast import unbroadcast
from .buffers import POOLED_BYTES, into_kept, keeping, writer
from .errors import InputError
from .ops import REGISTRY, lookup
from .plan import backward_plan
from .prepared import memo, prepare
from .program import Const, require_shapes
from .steps import PassRecords, Step
from .labels import given_arrays, initial
from .values import as_input_array, check_seed, freeze, guard_memory, out_of_memory


class Call(NamedTuple):
    """One equation, ready to run: fn(*operand_values(call, values), **kwargs)."""
    eqn: object
    inputs: tuple   # value names, or the constants' numbers
    kwargs: dict
    fetch: object   # values -> the operands' tuple


def prepared(eqn):
    inputs = tuple(x.value if isinstance(x, Const) else x for x in eqn.inputs)
    if not all(isinstance(x, str) for x in inputs):
        fetch = partial(mixed_operands, inputs)
    elif len(inputs) > 1:
        fetch = itemgetter(*inputs)
    else:
        fetch = partial(lone_operand, inputs[0])
    return Call(eqn, inputs, eqn.kwargs, fetch)


def lone_operand(name, values):
    return (values[name],)


def mixed_operands(inputs, values):
    return tuple(values[x] if x.__class__ is str else x for x in inputs)


def operand_values(call, values):
    return call.fetch(values)


def bound(fn, kwargs):
    """fn with the equation's parameters bound (fn itself when there are none, the common case)."""
    return partial(fn, **kwargs) if kwargs else fn


# A step record is built from its fields' tuple directly: NamedTuple's keyword-handling
# constructor costs as much as a small numpy call, and a pass builds one record per step.
record = partial(tuple.__new__, Step)
FORWARD_TAIL = tuple(Step._field_defaults[f] for f in Step._fields[5:])

# ops whose forward returns a view of an operand, or the operand itself
ALIASING_OPS = frozenset(name for name, op in REGISTRY.items() if op.aliases)
COPY, JOINT = "copy", "joint"   # what the forward loop does after an op's call (see forward_runs)


def forward_steps(runs, values, saved):
    """out = op(*operands) per equation, in program order, into `values`; what a joint op saves for
    its VJPs goes into `saved`. The step records are built from `values` when first read."""
    for name, run, fetch, after in runs:
        out = run(*fetch(values))
        if after is not None:
            if after is COPY:
                out = np.array(out)  # a view of an operand, or the operand: the record owns its array
            else:
                out, saved[name] = out
        values[name] = freeze(out)


def forward_calls(program):
    """(eqn, the op's forward, Call) per equation, kept in the program's Prepared."""
    cache = memo(program)
    calls = cache.get("forward")
    if calls is None:
        calls = cache["forward"] = tuple((e, lookup(e.op).forward, prepared(e)) for e in program.eqns)
    return calls


def forward_runs(prepared):
    """(out, forward with its parameters bound, operand fetch, what follows the call) per
    equation, the hot loop's: a joint op runs its joint forward, which also returns what it saves."""
    runs = prepared.memo.get("forward runs")
    if runs is None:
        runs = prepared.memo["forward runs"] = tuple(forward_run(e, call) for e, _, call in
                                                     forward_calls(prepared.program))
    return runs


def forward_run(eqn, call):
    opdef = lookup(eqn.op)
    after = COPY if eqn.op in ALIASING_OPS else JOINT if opdef.joint else None
    return eqn.out, bound(opdef.joint or opdef.forward, call.kwargs), call.fetch, after


def forward_records(prepared, values):
    """The forward step records of a computed pass, one per equation."""
    return [record((index, "forward", eqn.out, values[eqn.out], eqn) + FORWARD_TAIL)
            for index, (eqn, _, _) in enumerate(forward_calls(prepared.program), 1)]


class BackwardCall(NamedTuple):
    """One backward step, ready to run: the plan item's fields and the op's VJP for its operand,
    its parameters bound; `joint` when the VJP takes what the op's joint forward saved."""
    out: str
    target: str
    target_shape: tuple
    k: int
    vjp: object
    fetch: object
    joint: bool
    item: object


def backward_calls(program, start, shapes):
    """A BackwardCall per backward step, cached per start node beside the shapes it was made for."""
    per_start = memo(program).setdefault(("backward", id(shapes)), {})
    calls = per_start.get(start)
    if calls is None:
        calls = per_start[start] = tuple(backward_call(item) for item in backward_plan(program, start, shapes))
    return calls


def backward_call(item):
    call, opdef = prepared(item.eqn), lookup(item.eqn.op)
    vjp = bound(opdef.vjps[item.operand_index], call.kwargs)
    return BackwardCall(item.eqn.out, item.target, item.target_shape, item.k, vjp, call.fetch,
                        opdef.joint is not None, item)


def backward_steps(calls, values, grads, saved):
    """∂L/∂x += VJP(∂L/∂out) per (equation, operand), summed back to x's shape, into `grads`.
    Returns each step's (contribution, total), from which its record is built when first read."""
    log = []
    for out, target, shape, k, vjp, fetch, joint, _ in calls:
        if joint:
            contribution = vjp(grads[out], values[out], *fetch(values), saved=saved[out])
        else:
            contribution = vjp(grads[out], values[out], *fetch(values))
        if contribution.shape != shape:
            contribution = unbroadcast(contribution, shape)
        contribution = freeze(contribution)
        grads[target] = total = contribution if k == 1 else freeze(grads[target] + contribution)
        log.append((contribution, total))
    return log


def backward_records(calls, values, grads, log, first_index):
    """The backward step records of a computed pass. A step's upstream ∂L/∂out is final when it
    runs (every use of out comes later in the program, so earlier in the backward order)."""
    return [record((index, "backward", call.target, total, call.item.eqn, call.item.operand_index,
                    contribution, grads[call.out], call.fetch(values), values[call.out], call.item.rule,
                    call.k, call.item.n, False))
            for index, (call, (contribution, total)) in enumerate(zip(calls, log), first_index)]


class PassPlan(NamedTuple):
    """What a pass needs that depends only on the program, the start node and the given inputs'
    names, shapes and dtypes: worked out on the first pass of that kind, then looked up."""
    shapes: dict     # every value's shape, inferred and memory-checked
    dtype: type      # the arithmetic's dtype: float32 when every given float is, else float64
    runs: tuple      # the forward loop's (see forward_runs)
    calls: tuple     # a BackwardCall per backward step (both: large outputs written into kept buffers)
    ones: np.ndarray  # G = ones, for L = sum(start)
    kept: tuple      # the lists of kept buffers the runs write into (engine.buffers.keeping)


def pass_plan(prepared, given, start):
    """The PassPlan for these given arrays, kept in the program's Prepared."""
    key = ("pass", start, tuple([(n, a.shape, a.dtype) for n, a in given.items()]))
    plan = prepared.memo.get(key)
    if plan is None:
        plan = prepared.memo[key] = make_plan(prepared, given, start)
    return plan


def make_plan(prepared, given, start):
    program = prepared.program
    unknown = set(given) - {i.name for i in program.inputs}
    if unknown:
        raise InputError(f"no input named {', '.join(sorted(unknown))} in the program; its inputs are: "
                         f"{', '.join(i.name for i in program.inputs) or 'none'}")
    floats = [a.dtype for a in given.values() if a.dtype.kind == "f"]   # labels are integers
    dtype = np.float32 if floats and all(d == np.float32 for d in floats) else np.float64
    shapes = input_shapes(program, given)
    runs, calls, kept = planned_runs(prepared, backward_calls(program, start, shapes), shapes,
                                     np.dtype(dtype).itemsize)
    return PassPlan(shapes, dtype, runs, calls, freeze(np.ones(shapes[start], dtype)), kept)


def planned_runs(prepared, calls, shapes, itemsize):
    """forward_runs and the backward calls, each large fresh array an op writes (a ufunc's output,
    or an op's that `writes_into`) written into a buffer kept with the plan once nothing holds an
    earlier pass's (engine.buffers); and the lists those buffers are kept in."""
    kept = []
    runs = tuple((name, kept_writer(run, shapes[name], itemsize, kept), fetch, after)
                 for name, run, fetch, after in forward_runs(prepared))
    calls = tuple(c._replace(vjp=kept_writer(c.vjp, c.target_shape, itemsize, kept)) for c in calls)
    return runs, calls, tuple(kept)


def kept_writer(fn, shape, itemsize, kept):
    """`fn` writing into kept buffers (a new list of them appended to `kept`) when it can and its
    result, of `shape`, is large; else `fn` itself."""
    keyword = writer(fn)
    if keyword is None or math.prod(shape) * itemsize < POOLED_BYTES:
        return fn
    kept.append([])
    return into_kept(fn, kept[-1], keyword)


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


def input_values(program, cache, given, plan, rng_seed):
    """Every input's array, in the program's order: the given ones and seeded values for the rest."""
    values = {}
    for inp in program.inputs:
        value = given.get(inp.name)
        values[inp.name] = value if value is not None else \
            seeded_value(cache, inp, plan.shapes[inp.name], plan.dtype, rng_seed)
    return values


def seeded_value(cache, inp, shape, dtype, rng_seed):
    """The input's drawn values, kept for the last (shape, dtype, seed) asked: a pass recomputed
    with the same ones reuses them, and re-drawing with new seeds does not pile arrays up."""
    drawn_for = (shape, dtype, rng_seed)
    kept = cache.get(("seeded", inp.name))
    if kept is None or kept[0] != drawn_for:
        kept = (drawn_for, freeze(initial(inp, shape, dtype, rng_seed)))
        cache[("seeded", inp.name)] = kept
    return kept[1]


def user_gradient(upstream, shape, dtype, start):
    """G = ∂L/∂start as the user gave it, in the pass's dtype."""
    g = as_input_array("G", upstream).astype(dtype, copy=False)
    if g.shape != tuple(shape):
        raise InputError(f"the upstream gradient G = ∂L/∂{start} must have {start}'s shape {tuple(shape)}, "
                         f"got {g.shape}")
    return freeze(g)


def run_pass(program, inputs=None, upstream=None, start=None, rng_seed=0):
    """Compute a whole pass once: forward steps, the seed step, backward steps (PassRecords).
    `program` is a Program or its Prepared (engine.prepare)."""
    prepared = prepare(program)   # a Prepared is kept among the recent ones for this pass
    program, cache = prepared.program, prepared.memo
    start = start or program.output
    check_seed(rng_seed)
    given = given_arrays(program, inputs)
    plan = pass_plan(prepared, given, start)
    if plan.kept:
        keeping(plan.kept)
    values = input_values(program, cache, given, plan, rng_seed)
    seed = plan.ones if upstream is None else user_gradient(upstream, plan.shapes[start], plan.dtype, start)
    grads = {start: seed}
    log = computed(plan.runs, plan.calls, values, grads)
    steps = partial(pass_steps, prepared, plan.calls, values, grads, log, start, upstream is not None)
    return PassRecords(program, start, values, grads, steps)


@np.errstate(all="ignore")   # as engine.values.computing: numpy's decorator costs less than its context
def computed(runs, calls, values, grads):
    """The forward and backward loops of a pass, filling `values` and `grads`; the backward log."""
    saved = {}
    try:
        forward_steps(runs, values, saved)
        return backward_steps(calls, values, grads, saved)
    except MemoryError:
        raise out_of_memory() from None


def pass_steps(prepared, calls, values, grads, log, start, user_upstream):
    """The step records of a computed pass: forward, seed, backward."""
    steps = forward_records(prepared, values)
    steps.append(Step(len(steps) + 1, "seed", start, grads[start], user_upstream=user_upstream))
    steps.extend(backward_records(calls, values, grads, log, len(steps) + 1))
    return tuple(steps)
