"""Engine pass (forward + backward with every step record) against hand-written numpy doing the
same maths, and against PyTorch CPU autograd when importable, on relu(a @ b + c) with L = sum
and with L = mse. Prints a markdown table of ratios.

Then the backprop-ninja exercise's whole pass against its own manual backward (bench/ninja.py).

The engine/numpy column runs the pass on inputs the engine already holds (as a Session does);
the grad columns go through the public API, `engine.grad(program, inputs=…)`, with the parsed
Program and with `engine.prepare(program)`, each passed again and again. grad copies a caller's
arrays once on entry (its records own their arrays; a copy of 128 KiB or more goes into a buffer
kept with the program once nothing holds it, so no fresh pages are faulted in, as the large arrays a pass
makes go into buffers kept with its plan: engine.buffers); the no-copy column passes arrays the engine
itself sealed, which it takes as they are, to show what that copy costs. grad/torch is
grad(Program) against PyTorch.

Bars (product spec), for the grad columns: ≤1.05× numpy at n ≥ 256, ≤1.5× at 64, ≤3× at n ≤ 16;
faster than torch at every n ≤ 64 (torch's figure at n ≥ 256 is reported, not a bar)."""
import argparse

from common import optional_torch, pin_threads, ratio
from ninja import table as ninja_table

import numpy as np

import engine
from engine.passes import run_pass
from engine.values import as_input_array

PROGRAMS = {"sum": "y = relu(a @ b + c)", "mse": "y = relu(a @ b + c)\nL = mse(y, t)"}


def numpy_sum(a, b, c, t):
    t1 = a @ b
    t2 = t1 + c
    y = np.maximum(t2, 0)
    g = np.ones_like(y)
    g2 = g * (t2 > 0)
    return g2 @ b.T, a.T @ g2, g2.sum(0)


def numpy_mse(a, b, c, t):
    t1 = a @ b
    t2 = t1 + c
    y = np.maximum(t2, 0)
    diff = y - t
    loss = np.mean(diff * diff)
    gy = (2.0 / diff.size) * diff
    g2 = gy * (t2 > 0)
    return loss, g2 @ b.T, a.T @ g2, g2.sum(0), -gy


def torch_pass(torch, loss):
    def run(a, b, c, t):
        leaves = [x.detach().requires_grad_() for x in (a, b, c)]
        y = torch.relu(leaves[0] @ leaves[1] + leaves[2])
        out = ((y - t) ** 2).mean() if loss == "mse" else y.sum()
        out.backward()
        return [x.grad for x in leaves]
    return run


def inputs(n, dtype):
    rng = np.random.default_rng(n)
    return {k: rng.standard_normal(s).astype(dtype) for k, s in
            (("a", (n, n)), ("b", (n, n)), ("c", (n,)), ("t", (n, n)))}


def public_api_ratio(program, raw, baseline, inner):
    """engine.grad(program, inputs=…) as a script calls it: the same Program (or its Prepared)
    passed again and again with the caller's own writable arrays, which the engine copies."""
    return ratio(lambda: engine.grad(program, inputs=raw), baseline, inner=inner)[0]


def row(n, dtype, loss, torch):
    arrays = inputs(n, dtype)
    program = engine.parse(PROGRAMS[loss])
    raw = arrays if loss == "mse" else {k: v for k, v in arrays.items() if k != "t"}
    hand = numpy_mse if loss == "mse" else numpy_sum
    inner = 1 if n >= 1024 else 3 if n >= 256 else 20
    given = {k: as_input_array(k, v) for k, v in raw.items()}  # as a Session holds them
    ours = lambda: run_pass(program, given)  # noqa: E731
    baseline = lambda: hand(**arrays)  # noqa: E731
    r_np, t_eng, t_np = ratio(ours, baseline, inner=inner)
    cells = [f"{n}", np.dtype(dtype).name, loss, f"{t_eng * 1e3:.3f}", f"{t_np * 1e3:.3f}", f"{r_np:.2f}×"]
    cells += [f"{public_api_ratio(p, raw, baseline, inner):.2f}×" for p in (program, engine.prepare(program))]
    cells.append(f"{public_api_ratio(engine.prepare(program), given, baseline, inner):.2f}×")
    if torch is None:
        return cells + ["—", "—"]
    targs = {k: torch.from_numpy(v) for k, v in arrays.items()}
    tfn = torch_pass(torch, loss)
    r_t, _, t_t = ratio(lambda: engine.grad(program, inputs=raw), lambda: tfn(**targs), inner=inner)
    return cells + [f"{t_t * 1e3:.3f}", f"{r_t:.2f}×"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2,4,16,64,256,1024")
    args = parser.parse_args()
    pin_threads()
    torch = optional_torch()
    print("| n | dtype | L | engine ms | numpy ms | engine/numpy | grad(Program)/numpy | grad(Prepared)/numpy "
          "| grad(no copy)/numpy | torch ms | grad/torch |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in map(int, args.sizes.split(",")):
        for dtype in (np.float64, np.float32):
            for loss in ("sum", "mse"):
                print("| " + " | ".join(row(n, dtype, loss, torch)) + " |", flush=True)
    ninja_table()
    if torch is None:
        print("\nPyTorch is not installed: `pip install torch==2.13.0` adds the engine/torch column.")


if __name__ == "__main__":
    main()
