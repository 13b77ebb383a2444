"""The gradient check entry by entry, for heatmaps: per input, the ratio |numeric − analytic| /
tolerance of every checked entry (1 = at tolerance) and its status, one entry at a time so that a
worker can report progress and stop when cancelled. The entries, differences and statuses are
engine.check's own (engine.input_checks), so the heatmaps and `python -m engine check` agree.
Qt-free."""
from typing import NamedTuple

import numpy as np

import engine

WORST_LISTED = 10


class CheckMap(NamedTuple):
    """One input's check: ratio and status per entry (NaN and "" where not checked), worst rows."""
    ratio: np.ndarray
    status: np.ndarray
    rows: list


def check_maps(shown, cancelled=lambda: False, progress=lambda done, total: None):
    """{input: CheckMap} of the shown pass; None when `cancelled()` turns true part way."""
    s = shown.session
    checks = engine.input_checks(s.program, shown.input_values(), s.upstream, shown.document.rng_seed, s.start)
    total, done, maps = sum(len(c.flats) for c in checks), 0, {}
    for check in checks:
        ratio, status, rows = np.full(check.shape, np.nan), np.full(check.shape, "", dtype=object), []
        for flat in check.flats:
            if cancelled():
                return None
            idx, row = check.row(flat)
            ratio[idx], status[idx] = row["ratio"], row["status"]
            rows.append(row)
            done += 1
            progress(done, total)
        maps[check.name] = CheckMap(ratio, status, engine.worst_rows(rows, WORST_LISTED))
    return maps
