"""Rules as data: the parts of a matrix formula such as `∂L/∂a = ∂L/∂t1 @ bᵀ`.

A backward step carries one `Rule`; the GUI lays out one heatmap per `Term` with the operator
symbols between them, and never parses the formula text."""
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Term:
    """One matrix in a formula.

    kind: 'grad' (∂L/∂ of the equation's output), 'value' (an operand's value, `operand` its
    position), 'out' (the output's value) or 'derived' (computed from them by `compute`)."""
    kind: str
    operand: int = 0
    transpose: bool = False
    label: str = ""  # for 'derived': a template with {0}, {1} (operand names) and {y} (output name)
    compute: Callable | None = field(default=None, compare=False)

    def text(self, out_name, operand_names):
        if self.kind == "grad":
            base = f"∂L/∂{out_name}"
        elif self.kind == "value":
            base = operand_names[self.operand]
        elif self.kind == "out":
            base = out_name
        else:
            base = self.label.format(*operand_names, y=out_name)
        return base + ("ᵀ" if self.transpose else "")

    def array(self, g, out, inputs, params):
        """This term's matrix, given the step's upstream gradient, output and operand values."""
        if self.kind == "grad":
            arr = g
        elif self.kind == "value":
            arr = np.asarray(inputs[self.operand])
        elif self.kind == "out":
            arr = out
        else:
            arr = np.asarray(self.compute(g, out, *inputs, **params))
        return arr.T if self.transpose else arr


GRAD = Term("grad")
OUT = Term("out")


def value(i, transpose=False):
    return Term("value", operand=i, transpose=transpose)


def derived(label, compute):
    return Term("derived", label=label, compute=compute)


@dataclass(frozen=True)
class Rule:
    """The formula of one backward step: ∂L/∂target = parts, summed over `summed_axes`.

    `parts` alternates operator symbols (str) and Terms; a leading str is a prefix (`−`).
    `summed_axes` are the output axes that broadcasting stretched the target over."""
    op: str
    output: str
    operands: tuple
    target_index: int
    parts: tuple
    summed_axes: tuple
    text: str
    note: str = ""

    @property
    def target(self):
        return self.operands[self.target_index]

    def terms(self):
        return tuple(p for p in self.parts if isinstance(p, Term))

    def term_texts(self):
        return tuple(t.text(self.output, self.operands) for t in self.terms())


INDEX_LETTERS = "ᵢⱼ"


def rule_rhs(parts, output, operands):
    """The right-hand side of a rule over its operands' names: `∂L/∂t1 @ bᵀ`, `−∂L/∂d`."""
    rhs = " ".join(p if isinstance(p, str) else p.text(output, operands) for p in parts)
    return rhs.replace("− ", "−", 1) if parts and parts[0] == "−" else rhs


def with_axis(part, axis, ndim):
    """A derived term whose label sums along the op's axis (`Σ ∂L/∂y ⊙ y`, softmax) names the
    index it runs over: `Σⱼ` for axis 1 of a matrix (along each row)."""
    if not isinstance(part, Term) or part.kind != "derived" or "Σ " not in part.label or not ndim:
        return part
    letter = INDEX_LETTERS[-ndim:][axis % ndim]
    return replace(part, label=part.label.replace("Σ ", f"Σ{letter} "))


def rule_text(parts, target, output, operands, summed_axes, out_ndim):
    """`∂L/∂a = ∂L/∂t1 @ bᵀ`; with broadcasting undone, the index form `∂L/∂cⱼ = Σᵢ ∂L/∂dᵢⱼ`."""
    rhs = rule_rhs(parts, output, operands)
    if not summed_axes:
        return f"∂L/∂{target} = {rhs}"
    letters = INDEX_LETTERS[-out_ndim:]   # arrays have at most 2 dimensions
    kept = "".join(letters[a] for a in range(out_ndim) if a not in summed_axes)
    summed = "".join(letters[a] for a in summed_axes)
    body = f"{rhs}{letters}" if len(parts) == 1 else f"({rhs}){letters}"   # one matrix needs no brackets
    return f"∂L/∂{target}{kept} = Σ{summed} {body}"
