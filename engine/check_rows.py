"""The gradient check's rows: each checked entry's error, its ratio to the tolerance, and why an
entry beyond tolerance is or is not a failure.

An entry passes when error = |analytic − numeric| ≤ tolerance = 1e-6 + 1e-4·|numeric|; its
ratio is error / tolerance (1 = at tolerance). The worst entries are those of largest ratio, so
an ill-conditioned entry (analytic −7.4e6, off by 55: ratio 0.07) never outranks a real failure."""
import math

ATOL, RTOL = 1e-6, 1e-4

# ok: within tolerance; fail: beyond it, with no excuse; kink: a relu flips within ±h, where the
# derivative jumps; domain: L(x) is a number but L(x ± h) is not (log within h of 0);
# not_checkable: L(x) itself, or the gradient with its difference, is not a number: nothing there
# can be checked, and that is a failure too.
STATUSES = ("ok", "fail", "kink", "domain", "not_checkable")
FAILURES = ("fail", "not_checkable")


def tolerance(reference):
    """The check's tolerance around a reference value: 1e-6 + 1e-4·|reference|."""
    return ATOL + RTOL * abs(reference)


def entry_status(error, numeric, analytic, flipped, base_finite):
    """One of STATUSES for an entry with this error (see the module's docstring)."""
    if error <= tolerance(numeric):
        return "ok"
    if flipped:
        return "kink"
    if math.isfinite(numeric):
        return "fail"
    return "domain" if base_finite and math.isfinite(analytic) else "not_checkable"


def check_row(entry, analytic, numeric, flipped, base_finite):
    """The report's row of one checked entry: entry, analytic, numeric, error, ratio, status, and
    as flags `kink` (a relu flipped) and `not_checkable` (a difference that is not a number)."""
    error = abs(analytic - numeric)
    status = entry_status(error, numeric, analytic, flipped, base_finite)
    return {"entry": entry, "analytic": analytic, "numeric": numeric, "error": error,
            "ratio": error / tolerance(numeric), "status": status, "kink": status == "kink",
            "not_checkable": status in ("domain", "not_checkable")}


def worst_rows(rows, count):
    """The `count` rows of largest ratio, largest first; a ratio that is not a number comes first."""
    return sorted(rows, key=lambda r: -r["ratio"] if r["ratio"] == r["ratio"] else -math.inf)[:count]
