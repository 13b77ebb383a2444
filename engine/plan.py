"""The backward plan of a program for one start node: which (equation, operand) pairs get a
step, in which order, with which rule. It depends on structure and shapes only, so it is
computed once per program, start node and input shapes, and reused by every pass."""
from typing import NamedTuple

from .broadcast import stretched_axes
from .errors import InputError
from .ops import elementwise, lookup
from .prepared import memo
from .rules import Rule, rule_text, with_axis

class BackwardItem(NamedTuple):
    eqn: object
    operand_index: int
    target: str
    target_shape: tuple
    rule: Rule
    k: int
    n: int


def ancestors(program, start):
    """The values with a path to `start`, `start` included."""
    reach = {start}
    for eqn in reversed(program.eqns):
        if eqn.out in reach:
            reach.update(eqn.operand_names())
    return reach


def consumers(program):
    uses = {}
    for eqn in program.eqns:
        for x in set(eqn.operand_names()):
            uses.setdefault(x, []).append(eqn)
    return uses


def backward_plan(program, start, shapes):
    """The backward items for a pass from `start`, kept in the program's Prepared."""
    key = ("plan", start, tuple(sorted(shapes.items())))
    cache = memo(program)
    plan = cache.get(key)
    if plan is None:
        plan = cache[key] = tuple(build_plan(program, start, shapes))
    return plan


def check_start(program, start):
    if start not in program.names():
        raise InputError(f"start node {start!r} is not in the program; its values are: "
                         f"{', '.join(program.names())}")
    if (inp := program.input(start)) is not None and inp.labels:
        raise InputError(f"{start} holds class labels, which get no gradient; the backward pass starts from a "
                         "value computed from them")


def build_plan(program, start, shapes):
    check_start(program, start)
    reach = ancestors(program, start)
    pairs = [(eqn, i, x) for eqn in reversed(program.eqns) if eqn.out in reach
             for i, x in enumerate(eqn.inputs) if isinstance(x, str) and i not in lookup(eqn.op).labels]
    totals = {}
    for _, _, x in pairs:
        totals[x] = totals.get(x, 0) + 1
    seen, uses = {}, consumers(program)
    for eqn, i, x in pairs:
        seen[x] = seen.get(x, 0) + 1
        rule = make_rule(program, eqn, i, shapes, uses, reach)
        yield BackwardItem(eqn, i, x, shapes[x], rule, seen[x], totals[x])


def make_rule(program, eqn, i, shapes, uses, reach):
    """The Rule of eqn's VJP for operand i, naming the real operands (`∂L/∂a = ∂L/∂t1 @ bᵀ`)."""
    opdef = lookup(eqn.op)
    names = tuple(str(x) for x in eqn.inputs)
    out_shape = shapes[eqn.out]
    # only elementwise ops broadcast their operands to the output's shape
    summed = stretched_axes(shapes[names[i]], out_shape) if opdef.infer is elementwise else ()
    axis = eqn.kwargs.get("axis", -1)
    parts = tuple(with_axis(p, axis, len(out_shape)) for p in opdef.formulas[i]) if axis is not None \
        else tuple(opdef.formulas[i])
    text = rule_text(parts, names[i], eqn.out, names, summed, len(out_shape))
    return Rule(eqn.op, eqn.out, names, i, parts, summed, text, pass_through_note(program, eqn.out, uses, reach))


def pass_through_note(program, name, uses, reach):
    """For a generated value whose gradient is a named value's gradient unchanged (the seed's
    t1 under `d = t1 + c`), say so: `∂L/∂t1 = ∂L/∂d (d = t1 + c passes the gradient through)`."""
    chain, current = [], name
    while not program.producer(current).named:
        users = [e for e in uses.get(current, []) if e.out in reach]
        if len(users) != 1 or not lookup(users[0].op).pass_through or users[0].operand_names().count(current) != 1:
            return ""
        chain.append(users[0])
        current = users[0].out
    if not chain:
        return ""
    via = "; ".join(str(e) for e in chain)
    return f"∂L/∂{name} = ∂L/∂{current}: {via} passes the gradient through unchanged"
