"""Which cells of each matrix in one step's equation feed one entry through that step.

A cell feeds when the step's result entry has a structurally non-zero partial derivative with
respect to it, the step's operands taken as independent (each matrix the equation shows is a
variable of its own, at generic values): for `∂L/∂a = ∂L/∂t1 @ bᵀ` and ∂L/∂a[k,l], row k of
∂L/∂t1 and column l of bᵀ (row l of b); for `∂L/∂x = ∂L/∂y ⊙ relu′(x)`, the cell of each at the
same place, so a relu that is off, or a zero in the data, never hides a cell.

    cells = step_cells(records, ("a", (0, 0)), is_grad=True, k=6)   # None: step 6 does not
    cells.result, cells.operands     # Cells: node, flat indices in the node's own shape, ranges()
    cells.to_dict()                  # the explain JSON's "step" object

Computed from index arithmetic (matmul: a row and a column; elementwise: the entries broadcasting
stretched the result entry over) and, for a forward step, from the op's scalar form: never from a
dense Jacobian, so a 1024×1024 query costs O(cells)."""
from typing import NamedTuple

import numpy as np

from .attribution import flat_index, site_of
from .errors import InputError
from .influence import source, stretch
from .ops import lookup
from .prepared import memo
from .ranges import blocks
from .scalar import leaf


class Cells(NamedTuple):
    """The cells of one matrix of a step's equation, in the own (untransposed) shape of the array
    they lie in. kind: 'result', 'grad', 'value', 'out' or 'derived' (a matrix the rule computes,
    such as relu′(x): its cells are its own, node None); slot: which input of the op a value is."""
    label: str
    node: object
    grad: bool
    slot: object
    transposed: bool
    kind: str
    shape: tuple
    flat: np.ndarray

    def indices(self):
        """The cells as 0-based index lists, in order."""
        coords = np.unravel_index(self.flat, self.shape) if self.shape else ()
        return [[int(c[n]) for c in coords] for n in range(len(self.flat))]

    def blocks(self):
        """The cells as (rows, cols) slices of the matrix view (a vector is one row)."""
        return blocks(self.flat, self.shape)

    def to_dict(self, with_slot=True):
        out = {"label": self.label, "node": self.node, "grad": self.grad}
        if with_slot:
            out |= {"slot": self.slot, "transposed": self.transposed}
        return out | {"cells": self.indices()}


class StepCells(NamedTuple):
    step: object
    result: Cells
    operands: tuple

    def to_dict(self):
        step = self.step
        op = "seed" if step.kind == "seed" else step.eqn.op
        return {"index": step.index, "equation": step.equation_text(), "op": op,
                "result": self.result.to_dict(with_slot=False),
                "operands": [c.to_dict() | {"kind": c.kind} for c in self.operands]}


def step_cells(records, entry, is_grad, k):
    """The cells of step k (1-based) that feed the entry (name, index) through it, or None when
    step k computes neither the entry nor a contribution to it."""
    steps = records.steps
    if not 1 <= k <= len(steps):
        raise InputError(f"step {k} is outside the pass's steps 1…{len(steps)}")
    step, (name, index) = steps[k - 1], entry
    if step.target != name or (step.kind == "forward") == is_grad:
        return None
    shape = records.values[name].shape
    flat = flat_index(index, shape)
    result_label = f"∂L/∂{name}" if is_grad else name
    result = Cells(result_label, name, is_grad, None, False, "result", shape, np.array([flat]))
    if step.kind == "seed":
        return StepCells(step, result, ())
    operands = backward_cells(records, step, flat) if is_grad else forward_cells(records, step, flat)
    return StepCells(step, result, tuple(operands))


# ---- backward: the rule's matrices, each an independent variable ---------------------------------

def backward_cells(records, step, flat):
    """One Cells per term of the step's rule, in the order the equation shows them."""
    rule = step.rule
    terms, labels = rule.terms(), rule.term_texts()
    shapes = [shown_shape(memo(records.program), step, t) for t in terms]
    found = matmul_cells(step, flat) if "@" in rule.parts else elementwise_cells(step, shapes, flat)
    return [term_cells(step, *parts) for parts in zip(terms, labels, shapes, found)]


def term_cells(step, term, label, shape, flat):
    """A term's Cells in the own shape of the array it shows (b for bᵀ)."""
    rule = step.rule
    own = shape[::-1] if term.transpose else shape
    if term.kind == "grad":
        return Cells(label, rule.output, True, None, term.transpose, "grad", own, flat)
    if term.kind == "out":
        return Cells(label, rule.output, False, None, term.transpose, "out", own, flat)
    if term.kind == "value":
        name = step.eqn.inputs[term.operand]
        node = name if isinstance(name, str) else None
        return Cells(label, node, False, term.operand, term.transpose, "value", own, flat)
    return Cells(label, None, False, None, term.transpose, "derived", own, flat)


def shown_shape(cache, step, term):
    """The shape of a term's matrix as the equation shows it (bᵀ: b's shape reversed). A derived
    matrix's shape is found by computing it, once per op, parameters and shapes (kept in the
    program's memo)."""
    if term.kind == "grad":
        shape = np.shape(step.upstream)
    elif term.kind == "out":
        shape = np.shape(step.output)
    elif term.kind == "value":
        shape = np.shape(step.operands[term.operand])
    else:
        return derived_shape(cache, step, term)
    return shape[::-1] if term.transpose else shape


def derived_shape(cache, step, term):
    key = ("derived shape", step.eqn.op, step.eqn.params, term.label, term.transpose, np.shape(step.upstream),
           np.shape(step.output), tuple(np.shape(x) for x in step.operands))
    if key not in cache:
        with np.errstate(all="ignore"):
            cache[key] = np.shape(term.array(step.upstream, step.output, step.operands, step.eqn.kwargs))
    return cache[key]


def elementwise_cells(step, shapes, flat):
    """Terms combined entry by entry (⊙, ⊘, a sign) and then summed back over the axes
    broadcasting stretched the target over: the result entry is the sum over the entries it was
    stretched to, each reading every term at that (broadcast) entry."""
    wide = np.broadcast_shapes(*shapes)
    _, spread = stretch(np.array([flat]), np.shape(step.contribution), wide)
    out = []
    for term, shape in zip(step.rule.terms(), shapes):
        cells = np.unique(source(spread, wide, shape))
        out.append(untranspose(cells, shape) if term.transpose else cells)
    return out


def untranspose(flat, shape):
    """Flat cells of a transposed matrix of `shape` as flat cells of the array it shows."""
    if len(shape) < 2:
        return flat
    rows, cols = np.divmod(flat, shape[1])
    return np.sort(cols * shape[0] + rows)


def matmul_cells(step, flat):
    """yᵢⱼ = Σₖ xᵢₖwₖⱼ read as matrices (a vector x is one row, a vector w one column):
    ∂L/∂x[i,l] = Σⱼ ∂L/∂y[i,j]·w[l,j] reads row i of ∂L/∂y and row l of w;
    ∂L/∂w[l,j] = Σᵢ x[i,l]·∂L/∂y[i,j] reads column l of x and column j of ∂L/∂y.
    Flat indices survive the reading as matrices, since only axes of length 1 are added."""
    x, w = (np.shape(v) for v in step.operands)
    m, inner = int(np.prod(x[:-1])), x[-1]
    n = w[1] if len(w) == 2 else 1
    if step.rule.target_index == 0:
        i, l = divmod(flat, inner)
        return [i * n + np.arange(n), l * n + np.arange(n)]      # ∂L/∂y, then wᵀ
    l, j = divmod(flat, n)
    return [np.arange(m) * inner + l, np.arange(m) * n + j]      # xᵀ, then ∂L/∂y


# ---- forward: the operands of the equation, from the op's scalar form ------------------------------

def forward_cells(records, step, flat):
    """One Cells per input of the equation (a constant has node None and one cell): the operand
    entries the op's scalar form of the output entry reads."""
    eqn = step.eqn
    site = site_of(eqn, records.values)
    read = [[] for _ in eqn.inputs]

    def operand(j, k):
        read[j].append(k)
        return leaf(site.texts[j], k, site.shape(j), np.asarray(site.values[j]).reshape(-1)[k])

    with np.errstate(all="ignore"):
        lookup(eqn.op).influence.scalar(operand, site, flat)
    found = [np.unique(np.array(cells, dtype=np.intp)) for cells in read]
    return [Cells(text, name, False, j, False, "value", site.shape(j), cells)
            for j, (name, text, cells) in enumerate(zip(site.names, site.texts, found))]


def step_json(records, entry, is_grad, k):
    """The explain JSON's "step" object for step k (None when it does not compute the entry)."""
    found = step_cells(records, entry, is_grad, k)
    return None if found is None else found.to_dict()
