"""An elementwise function y = f(x) from its forward and its slope: every facet of its op file
follows (VJP ∂L/∂x = ∂L/∂y ⊙ f′, its formula, per-entry partial, scalar form, LaTeX name)."""
from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import GRAD, derived
from ._base import OpDef, same_shape


def function(name, forward, slope, text, description, via="x", **facets):
    """The OpDef of y = f(x) with f′ = slope(x, y), written `text` over `{0}`: x's entry (via
    'x') or y's (via 'y'), as `sign({0})` or `1/(2{0})`."""
    def vjp(g, out, x):
        return g * slope(x, out)

    def partial(site, i, out):
        x, y = I.operand_at(site, 0, out), I.output_at(site, out)
        return Factor(slope(x[0], y[0]), (text,), ((x if via == "x" else y)[1],))

    label = text.format("{0}" if via == "x" else "{y}")
    return OpDef(name, name, forward, same_shape, vjps=(vjp,),
                 formulas=([GRAD, "⊙", derived(label, lambda g, out, x: slope(x, out))],),
                 influence=I.EntryRule((I.pointwise(partial),), S.unary(lambda x: S.call(name, forward, x))),
                 description=description, latex=facets.pop("latex", rf"\mathrm{{{name}}}"), **facets)
