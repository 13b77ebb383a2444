"""The gradient check entry by entry, for heatmaps: per input, the ratio |numeric − analytic| /
tolerance of every checked entry (1 = at tolerance) and its status, one entry at a time so that a
worker can report progress and stop when cancelled. Qt-free.

With L(x) = Σ G ⊙ start, numeric = (L(x + h) − L(x − h)) / 2h, h = 1e-6·max(1, |x[i]|), in
float64. The rows and their statuses are engine.check_row's, so they read as the engine's check;
an entry is at a kink when the analytic gradient itself jumps between x − h and x + h (a relu
flips there) by at least the error, which needs no knowledge of the ops. Inputs up to 4,096 entries are checked whole,
larger ones by a seeded sample of 1,024 plus the 64 largest gradients, as the engine's check."""
from typing import NamedTuple

import numpy as np

import engine

WHOLE, SAMPLE, LARGEST = 4096, 1024, 64


class CheckMap(NamedTuple):
    """One input's check: ratio and status per entry (NaN and "" where not checked), worst rows."""
    ratio: np.ndarray
    status: np.ndarray
    rows: list


def as64(array):
    array = np.asarray(array)
    return array if array.dtype.kind in "iu" else array.astype(np.float64)


class EntryCheck:
    """The pass of the shown document in float64, ready to be perturbed one entry at a time."""

    def __init__(self, shown):
        s = shown.session
        self.prepared, self.start = s.prepared, s.records.start
        self.inputs = {k: as64(v) for k, v in shown.input_values().items()}
        base = engine.grad(self.prepared, self.inputs, s.upstream, start=s.start)
        self.upstream, self.base = as64(base.records.grads[self.start]), base
        self.base_finite = bool(np.isfinite(self.loss(self.inputs)[0]))
        self.names = [n for n in self.inputs if n in base.grads]

    def loss(self, inputs):
        """L = Σ G ⊙ start at these inputs, and every gradient there."""
        with np.errstate(all="ignore"):
            result = engine.grad(self.prepared, inputs, self.upstream, start=self.start)
            return float(np.sum(self.upstream * result.values[self.start])), result.grads

    def entries(self, name, rng):
        grad = self.base.grads[name]
        if grad.size <= WHOLE:
            return np.arange(grad.size)
        largest = np.argpartition(np.abs(grad).ravel(), -LARGEST)[-LARGEST:]
        return np.unique(np.concatenate([rng.choice(grad.size, SAMPLE, replace=False), largest]))

    def row(self, name, flat):
        """engine.check_row of entry `flat` of input `name`."""
        x = self.inputs[name]
        idx = np.unravel_index(flat, x.shape) if x.shape else ()
        h = 1e-6 * max(1.0, abs(float(x[idx])))
        ends = []
        for sign in (1, -1):
            moved = np.array(x, copy=True)
            moved[idx] += sign * h
            ends.append(self.loss({**self.inputs, name: moved}))
        (plus, grads_plus), (minus, grads_minus) = ends
        analytic = float(self.base.grads[name][idx])
        with np.errstate(all="ignore"):
            numeric = (plus - minus) / (2 * h)
            jump = abs(float(grads_plus[name][idx]) - float(grads_minus[name][idx]))
        # a jump as large as the error explains it; a wrong rule is off on both sides alike
        flipped = bool(jump > 1e-6 + 1e-4 * abs(analytic) and jump >= abs(analytic - numeric))
        return idx, engine.check_row(engine.format_entry(name, idx), analytic, numeric, flipped, self.base_finite)


def check_maps(shown, cancelled=lambda: False, progress=lambda done, total: None, rng_seed=0):
    """{input: CheckMap} of the shown pass; None when `cancelled()` turns true part way."""
    check = EntryCheck(shown)
    rng = np.random.default_rng(rng_seed)
    todo = {name: check.entries(name, rng) for name in check.names}
    total, done, maps = sum(len(e) for e in todo.values()), 0, {}
    for name, flats in todo.items():
        shape = check.inputs[name].shape
        ratio, status, rows = np.full(shape, np.nan), np.full(shape, "", dtype=object), []
        for flat in flats:
            if cancelled():
                return None
            idx, row = check.row(name, flat)
            ratio[idx], status[idx] = row["ratio"], row["status"]
            rows.append(row)
            done += 1
            progress(done, total)
        maps[name] = CheckMap(ratio, status, engine.worst_rows(rows, 10))
    return maps
