"""Compare with mine: her own gradients, entry by entry, against the engine's.

For each node she gives ∂L/∂node for, error = |mine − engine| per entry; an entry is wrong when
error > 1e-6 + 1e-4·|engine| (the gradient check's tolerance, the engine's value as reference);
max_rel is the largest error / max(|engine|, 1e-6), the tolerance's absolute floor keeping a zero
gradient from dividing by zero. The worst entries are those of largest error over tolerance."""
import numpy as np

from .api import grad
from .check_rows import ATOL, tolerance
from .entries import format_entry
from .errors import InputError

WORST_REPORTED = 10


def compare(program, mine, *, inputs=None, upstream=None, rng_seed=0, start=None):
    """{"ok", "nodes": {name: {"max_abs", "max_rel", "wrong", "worst": [...]}}} for `mine`, a map
    from node names to her gradients of them, against the engine's pass of `program`."""
    return compare_result(grad(program, inputs, upstream, rng_seed=rng_seed, start=start), mine)


def compare_result(result, mine):
    """compare() against a pass already computed (a Result)."""
    nodes = {name: compare_node(name, her_gradient(name, array, result), result.grads[name])
             for name, array in mine.items()}
    return {"ok": all(node["wrong"] == 0 for node in nodes.values()), "nodes": nodes}


def her_gradient(name, array, result):
    """Her ∂L/∂name as float64, once it is known to fit a gradient the engine has."""
    if name not in result.values:
        raise InputError(f"no value named {name!r}; the program's values are: {', '.join(result.values)}")
    if name not in result.grads and result.values[name].dtype.kind in "iu":
        raise InputError(f"{name} holds class labels, which get no gradient to compare with")
    if name not in result.grads:
        raise InputError(f"{name} has no gradient to compare with: it has no path to L "
                         f"(the backward pass starts from {result.records.start})")
    try:
        array = np.asarray(array, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"your gradient of {name} is not an array of numbers") from None
    expected = result.grads[name].shape
    if array.shape != expected:
        raise InputError(f"your gradient of {name} has shape {array.shape}, but ∂L/∂{name} has {name}'s "
                         f"shape {expected}")
    return array


def compare_node(name, mine, engine_grad):
    """max_abs, max_rel, how many entries are wrong, and the worst rows of one node."""
    reference = np.asarray(engine_grad, dtype=np.float64)
    with np.errstate(all="ignore"):
        error = np.abs(mine - reference)
        ratio = error / tolerance(reference)
        relative = error / np.maximum(np.abs(reference), ATOL)
    wrong = int(np.count_nonzero(~(ratio <= 1)))   # a NaN is wrong too
    order = np.argsort(-np.nan_to_num(ratio, nan=np.inf).ravel(), kind="stable")[:WORST_REPORTED]
    worst = [worst_row(name, np.unravel_index(flat, mine.shape), mine, reference, error, ratio)
             for flat in order]
    return {"max_abs": float(np.max(error)), "max_rel": float(np.max(relative)), "wrong": wrong, "worst": worst}


def worst_row(name, idx, mine, reference, error, ratio):
    return {"entry": format_entry(name, idx), "mine": float(mine[idx]), "engine": float(reference[idx]),
            "error": float(error[idx]), "ratio": float(ratio[idx])}


def compare_text(report):
    """The report as lines of text: per node how many entries are off, and the worst of them."""
    lines = []
    for name, node in report["nodes"].items():
        off = node["wrong"]
        count = "every entry within tolerance" if not off else f"{off} {'entry' if off == 1 else 'entries'} off"
        lines.append(f"∂L/∂{name}: {count}; max abs error {node['max_abs']:.3g}, max rel {node['max_rel']:.3g}")
        for row in [r for r in node["worst"] if not r["ratio"] <= 1][:3]:
            lines.append(f"  {row['entry']}: mine {row['mine']:.6g}, engine {row['engine']:.6g}, "
                         f"error {row['error']:.3g} ({row['ratio']:.3g}× the tolerance)")
    lines.append("ok" if report["ok"] else "DIFFERENT: some of your gradients are off beyond tolerance")
    return "\n".join(lines)
