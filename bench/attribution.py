"""Attribution queries at interactive sizes: the engine's query (terms as arrays plus the range
description a view outlines) must take ≤5 ms at 1024×1024, the whole text ≤16 ms.

    .venv/bin/python bench/attribution.py [--runs 30]

Prints a markdown table of the median ms per query over ≥20 runs after warm-up, with the
garbage collector frozen after set-up and BLAS threads pinned (bench/common.py)."""
import argparse
import gc
import statistics
import time

from common import pin_threads

import engine
from engine.chaintext import backward_text, forward_text
from engine.passes import run_pass

N = 1024
MLP = ("x = randn(64, 256); t = randn(64, 10)\n"
       + "".join(f"w{k} = randn(256, 256); b{k} = randn(256)\n"
                 f"h{k} = relu({'x' if k == 1 else f'h{k - 1}'} @ w{k} + b{k})\n" for k in range(1, 5))
       + "w5 = randn(256, 10); b5 = randn(10); y = h4 @ w5 + b5\nL = mse(y, t)")
CASES = [
    (f"relu(a @ b + c), n={N}",
     f"a = randn({N}, {N}); b = randn({N}, {N}); c = randn({N}); d = relu(a @ b + c)",
     ["a[3,5]", "b[7,2]", "c[9]"], "d[3,5]"),
    ("5-layer MLP, 256 wide, batch 64", MLP, ["w1[0,0]", "b3[7]", "h2[5,9]", "x[1,2]"], "y[0,0]"),
    # a dense row Jacobian: a[i,k] reaches n² routes into softmax's row, summed per line in closed form
    (f"softmax(a @ b), n={N}", f"a = randn({N}, {N}); b = randn({N}, {N}); s = softmax(a @ b)", ["a[3,5]"], "s[3,5]"),
]


def median_ms(fn, runs):
    for _ in range(3):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return 1000 * statistics.median(samples)


def queries(records, entries, forward_entry):
    """(label, bar in ms, callable) for each query on one computed pass."""
    out = []
    for e in entries:
        out.append((f"backward {e}: terms + ranges", 5, lambda e=e: engine.attribute(records, e).ranges()))
        out.append((f"backward {e}: terms + ranges + text", 16, lambda e=e: whole(engine.attribute(records, e),
                                                                                    backward_text)))
    out.append((f"forward {forward_entry}: equation + ranges", 5,
                lambda: engine.forward_attribute(records, forward_entry).ranges()))
    out.append((f"forward {forward_entry}: equation + ranges + text", 16,
                lambda: whole(engine.forward_attribute(records, forward_entry), forward_text)))
    return out


def whole(att, write):
    """What one selection asks of the engine: the ranges to outline and the text to show."""
    return att.ranges(), write(att)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = max(20, parser.parse_args().runs)
    pin_threads()
    print("| program | query | median ms | bar ms |")
    print("|---|---|---:|---:|")
    for label, text, entries, forward_entry in CASES:
        records = run_pass(engine.parse(text))
        gc.collect()
        gc.freeze()
        for name, bar, fn in queries(records, entries, forward_entry):
            print(f"| {label} | {name} | {median_ms(fn, runs):.2f} | {bar} |")
        gc.unfreeze()


if __name__ == "__main__":
    main()
