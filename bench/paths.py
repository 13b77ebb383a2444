"""Counting the paths of one gradient entry in a deep program: the 5-layer MLP example (batch 64,
widths 256), ∂L/∂w1[3,5], at the default depth (terms through h1) and expanded through every
entry up to the loss (64·256⁴ chains, counted by a dynamic programme, never listed). Prints a
markdown table of median times; the bar is only that it answers (seconds, not a hang)."""
import os
import statistics
import time

import common  # noqa: F401  (pins BLAS threads and puts the project on sys.path)

RUNS = 5
EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "examples", "mlp5.txt")
QUERIES = {"terms through h1 (default)": dict(), "terms through loss": dict(through="loss"),
           "every chain through loss (expanded)": dict(through="loss", expand=True)}


def main():
    import engine
    from engine.passes import run_pass
    from engine.pathlist import list_paths

    with open(EXAMPLE, encoding="utf-8") as f:
        records = run_pass(engine.parse(f.read()))
    print("| ∂L/∂w1[3,5] in mlp5.txt | paths counted | median ms |")
    print("|---|---:|---:|")
    for label, options in QUERIES.items():
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            count = list_paths(records, "w1[3,5]", **options).count
            times.append(time.perf_counter() - t0)
        print(f"| {label} | {count:,} | {1e3 * statistics.median(times):.1f} |")


if __name__ == "__main__":
    main()
