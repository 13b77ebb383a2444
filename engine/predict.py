"""Predict first: judging a learner's guess before the step that completes a gradient reveals it.

A value counts when it is within 1% of the gradient entry, or within 0.01 of it absolutely
(so that entries near zero can be guessed too). Picked cells are judged against the entries
that really feed the gradient entry: right, missing and extra."""
from typing import NamedTuple

RELATIVE, ABSOLUTE = 0.01, 0.01


class ValueVerdict(NamedTuple):
    correct: bool
    predicted: float
    actual: float


class CellsVerdict(NamedTuple):
    right: frozenset
    missing: frozenset
    extra: frozenset

    @property
    def correct(self):
        return not self.missing and not self.extra


def judge_value(predicted, actual):
    """|predicted − actual| ≤ max(1% of |actual|, 0.01)."""
    predicted, actual = float(predicted), float(actual)
    return ValueVerdict(abs(predicted - actual) <= max(RELATIVE * abs(actual), ABSOLUTE), predicted, actual)


def judge_cells(picked, feeding):
    """Picked entries against the feeding ones, e.g. {("d", (0, 1)), …}."""
    picked, feeding = frozenset(picked), frozenset(feeding)
    return CellsVerdict(picked & feeding, feeding - picked, picked - feeding)
