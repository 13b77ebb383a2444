"""log_softmax(x, axis=-1) = x − logsumexp(x) along the axis: ∂yⱼ/∂xₖ = δⱼₖ − sₖ with s = eʸ,
so ∂L/∂x = ∂L/∂y − s ⊙ Σ ∂L/∂y along the axis."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor, Ref
from ..rules import GRAD, derived
from ._base import OpDef
from .softmax import along_lines, softmax_shape


def forward(x, axis=-1):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def spread(g, out, x, axis=-1):
    return np.exp(out) * np.sum(g, axis=axis, keepdims=True)


def feeds(site, i, idx):
    """x[k] feeds its whole line: ∂yⱼ/∂xₖ = 1 − sₖ for j = k, −sₖ otherwise (sₖ = exp(yₖ))."""
    src, out = along_lines(site, idx)
    k = idx[src]
    s = np.exp(site.out_value.reshape(-1)[k])
    diag = out == k
    ref = Ref(site.out, site.out_shape, k)
    factor = Factor(np.where(diag, 1 - s, -s), ("1 − exp({0})", "−exp({0})"), (ref,), (~diag).astype(np.int8))
    return I.Effect(src, out, factor)


def scalar_form(ex, site, flat):
    """yⱼ = xⱼ − log Σₖ exp(xₖ) along the axis."""
    entries = S.along(site, flat, site.params.get("axis", -1))
    return S.total([ex(0, flat), S.log_sum_exp([ex(0, k) for k in entries])], [1, -1])


OP = OpDef(
    "log_softmax", "log_softmax", forward, softmax_shape,
    vjps=(lambda g, out, x, axis=-1: g - spread(g, out, x, axis),),
    formulas=([GRAD, "−", derived("exp({y}) ⊙ Σ ∂L/∂{y}", spread)],),
    influence=I.EntryRule((feeds,), scalar_form),
    description="x − log Σ eˣ along an axis (default the last)",
    group="reduction", params=("axis",), defaults=(("axis", -1),), samples=({}, {"axis": 0}),
    latex=r"\mathrm{log\_softmax}",
    numpy="{0} - np.log(np.sum(np.exp({0}), axis={axis}, keepdims=True))",
    torch="torch.log_softmax({0}, dim={axis})",
    numpy_vjps=("{g} - np.exp({y}) * np.sum({g}, axis={axis}, keepdims=True)",))
