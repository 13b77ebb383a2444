"""A program made ready to run, as a value: `prepare(program) -> Prepared`.

Everything a pass needs that depends only on the program (and, per query, on its start node and
input shapes) is worked out once and kept in the Prepared: each equation's function and
parameters, the backward plan, the shapes checked against memory, the drawn random inputs.
The Program itself stays a plain frozen value. A bare Program given to `grad`, `check`,
`explain` or `Session` is prepared through a small cache of the last few programs, so a
script that parses once and calls `grad` in a loop prepares once."""
from collections import OrderedDict
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


_recent = OrderedDict()   # id(program) -> Prepared; the entry holds the program, so the id stays its own


def prepare(program):
    """The Prepared of `program` (a Program or a Prepared, returned as it is); the same value for
    the same program while it is among the last few prepared."""
    if isinstance(program, Prepared):
        _remember(program)
        return program
    kept = _recent.get(id(program))
    if kept is not None and kept.program is program:
        _recent.move_to_end(id(program))
        return kept
    made = Prepared(program, MappingProxyType({e.out: e for e in program.eqns}))
    _remember(made)
    return made


def _remember(prepared):
    _recent[id(prepared.program)] = prepared
    _recent.move_to_end(id(prepared.program))
    while len(_recent) > RECENT:
        _recent.popitem(last=False)


def memo(program):
    """The memo dict of `program`'s preparation (for the passes that fill it)."""
    return prepare(program).memo
