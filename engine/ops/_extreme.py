"""What max and min share: the gradient goes to the first extreme entry along the axis (as
numpy's argmax and argmin pick it); every entry feeds its output entry, with local 1 for that
entry and 0 for the others (listed, like a relu that is off). A tie is a kink."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor, Ref
from ..rules import derived
from ._base import OpDef
from ._reduce import AXIS_SAMPLES, REDUCE_DEFAULTS, REDUCE_PARAMS, expand_text, kept, line_of, reduced


def first(pick, x, axis):
    """True at the first extreme entry of each line along `axis` (of all entries with None)."""
    x = np.asarray(x)
    if axis is None:
        return (np.arange(x.size) == pick(x)).reshape(x.shape)
    axis %= x.ndim
    line = np.arange(x.shape[axis]).reshape((-1,) + (1,) * (x.ndim - 1 - axis))
    return line == pick(x, axis=axis, keepdims=True)


def torch_source(arg):
    """The first extreme entry picked by PyTorch's argmax (argmin), so that its gradient goes
    there as here (torch.amax would share it among ties)."""
    def source(params):
        if params["axis"] is None:
            picked = f"{{0}}.flatten()[{{0}}.{arg}()]"
            return f"{picked}.reshape([1] * {{0}}.ndim)" if params["keepdims"] else picked
        picked = f"{{0}}.gather({{axis}}, {{0}}.{arg}({{axis}}, keepdim=True))"
        return picked if params["keepdims"] else f"{picked}.squeeze({{axis}})"
    return source


def numpy_vjp(arg):
    """vjp as exported numpy source: ∂L/∂y broadcast back, at the first extreme entry only."""
    def source(shapes, params):
        if params["axis"] is None:
            first = f"(np.arange({{0}}.size).reshape({{0}}.shape) == np.{arg}({{0}}))"
        else:
            first = f"(np.indices({{0}}.shape)[{{axis}}] == np.expand_dims(np.{arg}({{0}}, axis={{axis}}), {{axis}}))"
        return f"{first} * {expand_text('{g}', params)}"
    return source


def extreme(name, ufunc, pick, word):
    """The OpDef of max or min: `ufunc` is np.maximum or np.minimum (its reduce is np.max without
    the Python wrapper), `pick` np.argmax or np.argmin."""
    def vjp(g, out, x, axis=None, keepdims=False):
        shape = np.shape(x)
        hit = x == (out if keepdims else kept(out, shape, axis))
        if np.count_nonzero(hit) != np.size(out):   # a tie: only the first extreme entry gets it
            hit = first(pick, x, axis)
        return np.multiply(hit, g if keepdims else kept(g, shape, axis), dtype=g.dtype)

    def feeds(site, i, idx):
        mask = first(pick, site.values[0], site.params.get("axis")).reshape(-1)[idx].astype(float)
        ref = Ref(site.names[0], site.shape(0), idx, site.texts[0])
        return I.Effect(np.arange(len(idx)), line_of(site, idx), Factor(mask, (f"[{{0}} is the first {word}]",), (ref,)))

    def scalar_form(ex, site, flat):
        entries = S.along(site, flat, site.params.get("axis"))
        return S.call(name, lambda *v: ufunc.reduce(v), *(ex(0, k) for k in entries))

    return OpDef(
        name, name, lambda x, axis=None, keepdims=False: ufunc.reduce(x, axis=axis, keepdims=keepdims), reduced,
        vjps=(vjp,),
        formulas=([derived(f"expand(∂L/∂{{y}}) ⊙ [{{0}} is the first {word}]", vjp)],),
        influence=I.EntryRule((feeds,), scalar_form),
        description=f"the {word} of x over all entries, or over one axis; the gradient goes to the first "
                    f"{word} entry (a tie is a kink)",
        group="reduction", params=REDUCE_PARAMS, defaults=REDUCE_DEFAULTS, samples=AXIS_SAMPLES,
        latex=rf"\{name}", kink=lambda x, axis=None, keepdims=False: pick(x, axis=axis),
        numpy=f"np.{name}({{0}}, axis={{axis}}, keepdims={{keepdims}})",
        torch=torch_source(f"arg{name}"), numpy_vjps=(numpy_vjp(f"arg{name}"),))
