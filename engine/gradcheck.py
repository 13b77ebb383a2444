"""Gradient check by central differences in float64.

For L = Σ G ⊙ start, each checked entry x[i] gets numeric = (L(x + h) − L(x − h)) / 2h with
h = 1e-6·max(1, |x[i]|), and passes when |analytic − numeric| ≤ 1e-6 + 1e-4·|numeric|. An entry
whose ±h perturbation changes any op's kink state (relu's on/off mask; each op file says where its
derivative jumps) is reported as at a kink, not a failure; so is one whose ±h step leaves the
function's domain (log of a value within h of 0), where the numeric derivative is not a number
while the analytic one is. Each row's status says which (see engine.check_rows)."""
import numpy as np

from .check_rows import FAILURES, check_row, worst_rows
from .entries import format_entry
from .ops import lookup
from .passes import forward_calls, operand_values, run_pass
from .plan import ancestors

FULL_CHECK_ENTRIES = 4096
SAMPLE_ENTRIES = 1024
LARGEST_ENTRIES = 64
WORST_REPORTED = 10


def loss_and_masks(program, values, needed, start, upstream):
    """L = Σ G ⊙ start for the given input values, and the kink state of every op that has one."""
    values = dict(values)
    masks = []
    for eqn, fn, call in forward_calls(program):
        if eqn.out in needed:
            operands = operand_values(call, values)
            values[eqn.out] = fn(*operands, **call.kwargs)
            kink = lookup(eqn.op).kink
            if kink is not None:
                masks.append(kink(*operands, **call.kwargs))
    return float(np.sum(upstream * values[start])), masks


def entries_to_check(grad, rng):
    """All entries up to 4,096; beyond, a seeded sample of 1,024 plus the 64 largest gradients."""
    size = grad.size
    if size <= FULL_CHECK_ENTRIES:
        return np.arange(size)
    sample = rng.choice(size, SAMPLE_ENTRIES, replace=False)
    largest = np.argpartition(np.abs(grad).ravel(), -LARGEST_ENTRIES)[-LARGEST_ENTRIES:]
    return np.unique(np.concatenate([sample, largest]))


def check_entry(program, values, needed, start, upstream, name, flat):
    x = values[name]
    idx = np.unravel_index(flat, x.shape) if x.shape else ()
    h = 1e-6 * max(1.0, abs(float(x[idx])))
    results = []
    for sign in (1, -1):
        moved = np.array(x, copy=True)
        moved[idx] += sign * h
        results.append(loss_and_masks(program, {**values, name: moved}, needed, start, upstream))
    (plus, masks_plus), (minus, masks_minus) = results
    flipped = any(not np.array_equal(a, b) for a, b in zip(masks_plus, masks_minus))
    return idx, (plus - minus) / (2 * h), flipped


def check_input(program, records, upstream, name, rng):
    """The check of one input: how many entries were checked and the worst ones."""
    values = {k: v if v.dtype.kind in "iu" else v.astype(np.float64) for k, v in records.values.items()}
    needed = ancestors(program, records.start)
    grad = records.grads[name]
    rows = []
    with np.errstate(all="ignore"):
        base_finite = np.isfinite(loss_and_masks(program, values, needed, records.start, upstream)[0])
        for flat in entries_to_check(grad, rng):
            idx, numeric, flipped = check_entry(program, values, needed, records.start, upstream, name, flat)
            rows.append(check_row(format_entry(name, idx), float(grad[idx]), numeric, flipped, base_finite))
    failed = any(r["status"] in FAILURES for r in rows)
    return {"checked": len(rows), "worst": worst_rows(rows, WORST_REPORTED)}, failed


def as_float64(value):
    """A given input in float64; integer class labels stay integers."""
    value = np.asarray(value)
    return value if value.dtype.kind in "iu" else value.astype(np.float64)


def gradient_check(program, inputs=None, upstream=None, rng_seed=0, start=None):
    """{"ok", "inputs": {name: {"checked", "worst": [...]}}} for every input with a gradient."""
    as64 = {k: as_float64(v) for k, v in (inputs or {}).items()}
    records = run_pass(program, as64, upstream, start, rng_seed)
    g = records.grads[records.start].astype(np.float64)
    rng = np.random.default_rng(rng_seed)
    report, ok = {}, True
    for inp in program.inputs:
        if inp.name in records.grads:
            report[inp.name], failed = check_input(program, records, g, inp.name, rng)
            ok &= not failed
    return {"ok": bool(ok), "inputs": report}
