"""Gradient check by central differences in float64.

For L = Σ G ⊙ start, each checked entry x[i] gets numeric = (L(x + h) − L(x − h)) / 2h with
h = 1e-6·max(1, |x[i]|), and passes when |analytic − numeric| ≤ 1e-6 + 1e-4·|numeric|. An entry
whose ±h perturbation changes any op's kink state (relu's on/off mask; each op file says where its
derivative jumps) is reported as at a kink, not a failure. An
entry whose ±h step leaves the function's domain (log of a value within h of 0: L is finite at
x but not at x ± h) is reported as not checkable there, not a failure. A gradient that is not a
number, or an L that is not finite at x itself, is a failure: nothing there can be checked.
Each row's status says which of these it is (see engine.check_rows).

Each numeric difference re-runs only the equations downstream of the perturbed input, and the
number of entries checked is bounded by the work one difference costs (WORK_PER_INPUT), so a
check of large matrices answers in seconds: inputs up to 4,096 entries are checked entry by entry
when that is affordable, larger ones by a seeded sample of 1,024 plus the 64 largest gradients,
fewer when even that would cost too much."""
import math

from typing import Callable, NamedTuple

import numpy as np

from .check_rows import FAILURES, check_row, worst_rows
from .entries import format_entry
from .ops import lookup
from .passes import forward_calls, operand_values, run_pass
from .plan import ancestors

FULL_CHECK_ENTRIES = 4096
SAMPLE_ENTRIES = 1024
LARGEST_ENTRIES = 64
MIN_ENTRIES = 16          # entries checked per input however costly its differences are
WORK_PER_INPUT = 3e9      # multiply-adds (and entry visits) spent on one input's differences
WORST_REPORTED = 10


def downstream_calls(program, name, needed):
    """The forward calls that depend on input `name` and reach the start node, in order."""
    moved, calls = {name}, []
    for eqn, fn, call in forward_calls(program):
        if eqn.out in needed and moved.intersection(eqn.operand_names()):
            moved.add(eqn.out)
            calls.append((eqn, fn, call))
    return calls


def loss_and_masks(calls, values, start, upstream):
    """L = Σ G ⊙ start after re-running `calls` on `values`, and the kink state of each of their
    ops that has one."""
    values = dict(values)
    masks = []
    for eqn, fn, call in calls:
        operands = operand_values(call, values)
        values[eqn.out] = fn(*operands, **call.kwargs)
        kink = lookup(eqn.op).kink
        if kink is not None:
            masks.append(kink(*operands, **call.kwargs))
    return float(np.sum(upstream * values[start])), masks


def difference_cost(calls, values, start):
    """The work of one numeric difference: two runs of `calls` (a matmul m×k @ k×n costs m·k·n
    multiply-adds, any other op one visit per entry it reads or writes) and of the loss."""
    def cost(eqn):
        out = np.shape(values[eqn.out])
        operands = [np.shape(values[x]) for x in eqn.operand_names()]
        if eqn.op == "matmul":
            return math.prod(out) * (operands[0][-1] if operands[0] else 1)
        return math.prod(out) + sum(math.prod(s) for s in operands)
    return 2 * (sum(cost(e) for e, _, _ in calls) + np.size(values[start]))


def entries_to_check(grad, rng, affordable=math.inf):
    """All entries up to 4,096; beyond, a seeded sample of 1,024 plus the 64 largest gradients;
    at most `affordable` entries (at least MIN_ENTRIES), the largest gradients half of them."""
    size, limit = grad.size, max(MIN_ENTRIES, affordable)
    if size <= min(FULL_CHECK_ENTRIES, limit):
        return np.arange(size)
    n_largest = int(min(LARGEST_ENTRIES, limit // 2, size))
    n_sample = int(min(SAMPLE_ENTRIES, limit - n_largest, size))
    sample = rng.choice(size, n_sample, replace=False)
    largest = np.argpartition(np.abs(grad).ravel(), -n_largest)[-n_largest:] if n_largest else []
    return np.unique(np.concatenate([sample, largest]).astype(np.intp))


def numeric_difference(calls, values, start, upstream, name, flat):
    """(index, numeric derivative, whether a relu flipped) for entry `flat` of input `name`."""
    x = values[name]
    idx = np.unravel_index(flat, x.shape) if x.shape else ()
    h = 1e-6 * max(1.0, abs(float(x[idx])))
    results = []
    for sign in (1, -1):
        moved = np.array(x, copy=True)
        moved[idx] += sign * h
        results.append(loss_and_masks(calls, {**values, name: moved}, start, upstream))
    (plus, masks_plus), (minus, masks_minus) = results
    flipped = any(not np.array_equal(a, b) for a, b in zip(masks_plus, masks_minus))
    return idx, (plus - minus) / (2 * h), flipped


class InputCheck(NamedTuple):
    """The check of one input, entry by entry: the flat indices it covers, and row(flat) ->
    (index, check_row) for one of them, so that a caller can show progress or stop between entries."""
    name: str
    shape: tuple
    flats: np.ndarray
    row: Callable


def input_check(program, records, upstream, name, rng):
    """The InputCheck of input `name`: its entries are drawn now, its differences run on demand."""
    values = {k: v if v.dtype.kind in "iu" else v.astype(np.float64) for k, v in records.values.items()}
    calls = downstream_calls(program, name, ancestors(program, records.start))
    grad = records.grads[name]
    with np.errstate(all="ignore"):
        base_finite = math.isfinite(loss_and_masks([], values, records.start, upstream)[0])
        affordable = WORK_PER_INPUT / max(1, difference_cost(calls, values, records.start))

    def row(flat):
        with np.errstate(all="ignore"):
            idx, numeric, flipped = numeric_difference(calls, values, records.start, upstream, name, flat)
        return idx, check_row(format_entry(name, idx), float(grad[idx]), numeric, flipped, base_finite)
    return InputCheck(name, grad.shape, entries_to_check(grad, rng, affordable), row)


def as_float64(value):
    """A given input in float64; integer class labels stay integers, and what is no array of
    real numbers is left for the pass to refuse with its message."""
    value = np.asarray(value)
    return value.astype(np.float64) if value.dtype.kind == "f" else value


def input_checks(program, inputs=None, upstream=None, rng_seed=0, start=None):
    """[InputCheck] of every input with a gradient, in program order (the entries engine.check covers)."""
    as64 = {k: as_float64(v) for k, v in (inputs or {}).items()}
    records = run_pass(program, as64, upstream, start, rng_seed)
    g = records.grads[records.start].astype(np.float64)
    rng = np.random.default_rng(rng_seed)   # drawn from input by input, in order, as the report reads
    return [input_check(program, records, g, inp.name, rng) for inp in program.inputs if inp.name in records.grads]


def gradient_check(program, inputs=None, upstream=None, rng_seed=0, start=None):
    """{"ok", "inputs": {name: {"checked", "worst": [...]}}} for every input with a gradient."""
    report, ok = {}, True
    for check in input_checks(program, inputs, upstream, rng_seed, start):
        rows = [check.row(flat)[1] for flat in check.flats]
        report[check.name] = {"checked": len(rows), "worst": worst_rows(rows, WORST_REPORTED)}
        ok &= not any(r["status"] in FAILURES for r in rows)
    return {"ok": bool(ok), "inputs": report}
