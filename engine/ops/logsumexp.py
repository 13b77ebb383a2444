"""logsumexp(x, axis=, keepdims=) = log Σ eˣ along an axis (or of all entries), computed with the
largest entry taken out first; ∂L/∂x = ∂L/∂y broadcast back ⊙ softmax(x) along that axis."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import derived
from ._base import OpDef
from ._reduce import AXIS_SAMPLES, REDUCE_DEFAULTS, REDUCE_PARAMS, expand_text, expand_to, line_of, reduced


def forward(x, axis=None, keepdims=False):
    top = np.max(x, axis=axis, keepdims=True)
    out = top + np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True))
    return out if keepdims else (np.squeeze(out, axis) if axis is not None else out.reshape(()))


def weights(x, out, axis, keepdims):
    """softmax(x) along the axis: e^(x − y), y broadcast back."""
    return np.exp(x - expand_to(out, np.shape(x), axis, keepdims))


def vjp(g, out, x, axis=None, keepdims=False):
    return weights(x, out, axis, keepdims) * expand_to(g, np.shape(x), axis, keepdims)


def torch_source(params):
    """torch.logsumexp, which needs an axis: over all entries, that of the flattened array."""
    if params["axis"] is not None:
        return "torch.logsumexp({0}, dim={axis}, keepdim={keepdims})"
    return "torch.logsumexp({0}.reshape(-1), dim=0)" + (".reshape([1] * {0}.ndim)" if params["keepdims"] else "")


def numpy_vjp(shapes, params):
    """vjp as exported numpy source."""
    return f"np.exp({{0}} - {expand_text('{y}', params)}) * {expand_text('{g}', params)}"


def feeds(site, i, idx):
    """Every entry feeds its line's y, with local ∂y/∂xᵢ = e^(xᵢ − y)."""
    out = line_of(site, idx)
    (x, rx), (y, ry) = I.operand_at(site, 0, idx, site.shape(0)), I.output_at(site, out)
    return I.Effect(np.arange(len(idx)), out, Factor(np.exp(x - y), ("exp({0} − {1})",), (rx, ry)))


def scalar_form(ex, site, flat):
    """y = log Σₖ exp(xₖ)."""
    entries = S.along(site, flat, site.params.get("axis"))
    return S.log_sum_exp([ex(0, k) for k in entries])


OP = OpDef(
    "logsumexp", "logsumexp", forward, reduced,
    vjps=(vjp,),
    formulas=([derived("expand(∂L/∂{y}) ⊙ softmax({0})", vjp)],),
    influence=I.EntryRule((feeds,), scalar_form),
    description="log Σ eˣ along an axis (or of all entries); its gradient is softmax",
    group="reduction", params=REDUCE_PARAMS, defaults=REDUCE_DEFAULTS, samples=AXIS_SAMPLES,
    latex=r"\mathrm{logsumexp}",
    numpy="np.log(np.sum(np.exp({0}), axis={axis}, keepdims={keepdims}))",
    torch=torch_source, numpy_vjps=(numpy_vjp,))
