"""Shared benchmark discipline: pinned thread counts, a frozen garbage collector, warm-up, and
the median of interleaved pairs' ratios (absolute times drift ~10% run to run on a shared machine).
Times are the process's CPU time: with every thread pool pinned to one thread it is the wall time
of a quiet machine, and a process waiting for a core on a busy one is not charged for the wait."""
import gc
import os
import statistics
import sys
import time

THREADS = int(os.environ.get("BENCH_THREADS", "1"))
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, str(THREADS))

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pin_threads():
    """Pin BLAS (through threadpoolctl when installed) and torch to the same thread count."""
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(THREADS)
    except ImportError:
        pass  # the environment variables above already pin OpenBLAS at import
    torch = optional_torch()
    if torch is not None:
        torch.set_num_threads(THREADS)


def optional_torch():
    try:
        import torch
        return torch
    except ImportError:
        return None


def timed(fn, repeat):
    """Best-of-`repeat` seconds of one call: short calls are repeated to rise above timer noise."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def ratio(candidate, baseline, pairs=21, inner=3):
    """Median over interleaved pairs of candidate time / baseline time, and the median times."""
    for _ in range(3):  # warm-up
        candidate(), baseline()
    gc.collect()
    gc.freeze()
    ratios, tc, tb = [], [], []
    for _ in range(pairs):
        c = timed(candidate, inner)
        b = timed(baseline, inner)
        ratios.append(c / b)
        tc.append(c)
        tb.append(b)
    gc.unfreeze()
    return statistics.median(ratios), statistics.median(tc), statistics.median(tb)


def quiet_offscreen():
    """Drop the offscreen platform's "does not support propagateSizeHints()" line, printed for
    every window shown, as the app's own screenshot mode does."""
    from main import quiet_offscreen_warning
    quiet_offscreen_warning()
