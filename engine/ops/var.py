"""var(x, axis=, keepdims=, ddof=) = Σ (x − x̄)² / (N − ddof) along an axis (ddof 0 by default):
∂L/∂x = ∂L/∂v broadcast back ⊙ 2(x − x̄)/(N − ddof)."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import derived
from ._base import OpDef, ShapeRule
from ._reduce import (AXIS_SAMPLES, REDUCE_DEFAULTS, REDUCE_PARAMS, expand_text, expand_to, line_of, reduced,
                      reduced_count)


def forward(x, axis=None, keepdims=False, ddof=0):
    return np.var(x, axis=axis, keepdims=keepdims, ddof=ddof)


def var_shape(shape, axis=None, keepdims=False, ddof=0):
    out = reduced(shape, axis, keepdims)
    if reduced_count(shape, axis) - ddof <= 0:
        raise ShapeRule(f"var with ddof={ddof} needs more than {ddof} entries along its axis")
    return out


def slope(x, axis=None, ddof=0):
    """∂v/∂xᵢ = 2(xᵢ − x̄)/(N − ddof), the mean x̄ over the entry's line."""
    return 2 * (x - np.mean(x, axis=axis, keepdims=True)) / (reduced_count(np.shape(x), axis) - ddof)


def vjp(g, out, x, axis=None, keepdims=False, ddof=0):
    return slope(x, axis, ddof) * expand_to(g, np.shape(x), axis, keepdims)


def numpy_vjp(shapes, params):
    """vjp as exported numpy source, N − ddof written as a number."""
    n = reduced_count(shapes[0], params["axis"]) - params["ddof"]
    return f"2 * ({{0}} - np.mean({{0}}, axis={{axis}}, keepdims=True)) / {n} * {expand_text('{g}', params)}"


def feeds(site, i, idx):
    axis, ddof = site.params.get("axis"), site.params.get("ddof", 0)
    local = slope(np.asarray(site.values[0], dtype=float), axis, ddof).reshape(-1)[idx]
    ref = I.operand_at(site, 0, idx, site.shape(0))[1]
    text = f"2({{0}} − x̄)/{reduced_count(site.shape(0), axis) - ddof}"
    return I.Effect(np.arange(len(idx)), line_of(site, idx), Factor(local, (text,), (ref,)))


def scalar_form(ex, site, flat):
    """v = Σᵢ (xᵢ − (Σₖ xₖ)/N)² / (N − ddof)."""
    entries = S.along(site, flat, site.params.get("axis"))
    n, ddof = len(entries), site.params.get("ddof", 0)
    mean = S.quotient(S.total([ex(0, k) for k in entries], [1] * n), S.num(str(n), n))
    squares = [S.power(S.total([ex(0, k), mean], [1, -1]), 2) for k in entries]
    return S.quotient(S.total(squares, [1] * n), S.num(str(n - ddof), n - ddof))


OP = OpDef(
    "var", "var", forward, var_shape,
    vjps=(vjp,),
    formulas=([derived("expand(∂L/∂{y}) ⊙ 2({0} − x̄)/(N − ddof)", vjp)],),
    influence=I.EntryRule((feeds,), scalar_form),
    description="variance along an axis (or of all entries), dividing by N − ddof (ddof 0 by default)",
    group="reduction", params=REDUCE_PARAMS + ("ddof",), defaults=REDUCE_DEFAULTS + (("ddof", 0),),
    samples=AXIS_SAMPLES + ({"axis": 0, "keepdims": True, "ddof": 1},), latex=r"\mathrm{var}",
    numpy="np.var({0}, axis={axis}, keepdims={keepdims}, ddof={ddof})",
    torch="torch.var({0}, dim={axis}, keepdim={keepdims}, correction={ddof})",
    numpy_vjps=(numpy_vjp,))
