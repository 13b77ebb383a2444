"""Writing attributions for people, as plain text or LaTeX, in the seeds' form:

    ∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂ = (0.3)(0.5) + (−0.1)(−1) = 0.25

plus, per path, the matrix rule the entry is one entry of (`∂L/∂a = ∂L/∂d @ bᵀ`: row k of
∂L/∂d times column l of bᵀ) and, for a broadcast input, which column (row) of ∂L/∂d it sums.
Long sums are elided (engine.notation.elide); the total is always the exact one."""
from typing import Callable, NamedTuple

import numpy as np

from . import notation as N
from .factors import product_text
from .entry_rule import rule_notes
from .rounding import shown_number
from .scalar import render


class Style(NamedTuple):
    grad: Callable      # (name, index) -> ∂L/∂a₁₁
    entry: Callable     # (name, index) -> a₁₁
    number: Callable    # x -> 0.3
    maths: Callable     # a unicode-maths factor text in this style
    ellipsis: str


TEXT = Style(N.grad_sub, N.sub, N.number, lambda t: t, "…")
LATEX = Style(N.latex_grad, N.latex_sub, N.latex_number, N.to_latex, "\\dots")


def own_entry(group):
    """The start node's own entry: its one term is the upstream gradient G itself."""
    return len(group.path) == 1


def symbolic(att, n, style):
    """Term n as ∂L/∂d₁₁·b₁₁ (∂L/∂d₁₁ alone for the start node's own entry)."""
    up = style.grad(*att.upstream_index(n))
    if own_entry(att.locate(n)[0]):
        return up
    cdot = " \\cdot " if style is LATEX else "·"
    return up + cdot + style.maths(product_text(att.factors(n), style.entry, elide=True))


def numeric(att, n, style):
    """Term n's numbers: (0.3)(0.5), the upstream gradient then each factor that is not 1."""
    g, k = att.locate(n)
    values = [g.upstream[k]] + [f.value[p] for f, p in att.factors(n) if f.text(p, style.entry, True) != "1"]
    if len(values) == 1 and not own_entry(g):
        values.append(1.0)
    return "".join(f"({style.number(v)})" for v in values)


def chain_line(att, style, first=0, count=None):
    count = att.count if count is None else count
    sym = N.elide(count, lambda k: symbolic(att, first + k, style), ellipsis=style.ellipsis)
    nums = N.elide(count, lambda k: numeric(att, first + k, style), ellipsis=style.ellipsis)
    return sym, nums


def backward_text(att, style=TEXT):
    """The chain rule for the entry with numbers; per path for a fan-out; then the matrix rule."""
    return "\n".join(scalar_lines(att, style) + (rule_notes(att) if att.count and style is TEXT else []))


def scalar_lines(att, style=TEXT, numbers=True, rounding=False):
    """The chain rule for the entry with numbers, then one line per path for a fan-out. Without
    numbers (a gradient the pass has not reached yet) the symbols alone. With `rounding` (for
    display), a sum that is zero up to rounding of its terms is written 0 (engine.rounding)."""
    lhs = style.grad(att.name, att.index)
    if not att.count:
        return [f"{lhs} = 0 (no entry of a through node depends on it)"]

    def total(value, products):
        return shown_number(value, np.abs(products).sum()) if rounding else value

    sym, nums = chain_line(att, style)
    whole = total(att.total, np.concatenate([g.upstream * g.local for g in att.groups]))
    lines = [f"{lhs} = {sym}" + (f" = {nums} = {style.number(whole)}" if numbers else "")]
    if len(att.groups) > 1:
        first = 0
        for g in att.groups:
            sym, _ = chain_line(att, style, first, len(g.idx))
            part = total(float(g.upstream @ g.local), g.upstream * g.local)
            subtotal = f" = {style.number(part)}" if numbers else ""
            lines.append(f"  path {' → '.join(g.path)}: {sym}{subtotal}")
            first += len(g.idx)
    return lines


def forward_text(fwd, style=TEXT, numbers=True):
    """`d₁₁ = a₁₁b₁₁ + a₁₂b₂₁ + c₁ = (1)(0.5) + (2)(2) + (0.1) = 4.6` (the symbols alone before
    the pass has computed it)."""
    entry = (lambda e: style.entry(*e.entry))
    sym = style.maths(render(fwd.expr, entry, elide=True))
    if not numbers:
        return f"{style.entry(fwd.name, fwd.index)} = {sym}"
    nums = style.maths(render(fwd.expr, lambda e: f"({style.number(e.value)})", elide=True))
    return f"{style.entry(fwd.name, fwd.index)} = {sym} = {nums} = {style.number(fwd.value)}"
