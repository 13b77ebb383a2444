"""A program made ready to run, as a value: `prepare(program) -> Prepared`.

Everything a pass needs that depends only on the program (and, per query, on its start node and
input shapes) is worked out once and kept in the Prepared: each equation's function and
parameters, the backward plan, the shapes checked against memory, the drawn random inputs.
The Program itself stays a plain frozen value. A bare Program given to `grad`, `check`,
`explain` or `Session` is prepared through a small cache of the last few programs, so a
script that parses once and calls `grad` in a loop prepares once."""
from dataclasses import dataclass, field
from types import MappingProxyType

from .program import Program

RECENT = 16   # programs whose preparation is kept for a bare Program


@dataclass(frozen=True, eq=False)
class Prepared:
    """`program` with its equations indexed by output, and memos of what a pass derives from the
    program, start node and input shapes; a memo never changes a result, only how soon it comes."""
    program: Program
    producers: MappingProxyType
    memo: dict = field(default_factory=dict, repr=False)


_recent = {}   # id(program) -> Prepared, oldest first; the entry holds the program, so the id stays its own


def prepare(program):
    """The Prepared of `program` (a Program or a Prepared, returned as it is); the same value for
    the same program while it is among the last few prepared."""
    kept = _recent.get(id(program))
    if kept is not None and kept.program is program:
        return kept   # the hot path: every pass asks a few times
    if isinstance(program, Prepared):   # kept under its program's id: found there when it is recent
        return program if _recent.get(id(program.program)) is program else _remember(program)
    return _remember(Prepared(program, MappingProxyType({e.out: e for e in program.eqns})))


def _remember(prepared):
    """Keep `prepared` among the recent ones (the oldest goes first)."""
    _recent[id(prepared.program)] = prepared
    while len(_recent) > RECENT:
        del _recent[next(iter(_recent))]
    return prepared


def memo(program):
    """The memo dict of `program`'s preparation (for the passes that fill it)."""
    return prepare(program).memo
