"""What the reductions share: the reduced shape, the gradient broadcast back over the reduced
axis, and which output entry each input entry is summed into."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import constant
from ._base import check_axis


def reduced(shape, axis=None, keepdims=False, **params):
    """The shape left after reducing over `axis` (or all axes); with keepdims, as 1s."""
    check_axis(shape, axis)
    if axis is None:
        return (1,) * len(shape) if keepdims else ()
    axis %= len(shape)
    return shape[:axis] + (1,) * keepdims + shape[axis + 1:]


def expand_to(g, shape, axis, keepdims=False):
    """A reduced gradient repeated back over the reduced axis (or all axes), as its own array:
    a small copy costs less than numpy's broadcast_to wrapper, and a step record owns it anyway."""
    out = np.empty(shape, dtype=np.result_type(g, np.float32))
    out[...] = kept(g, shape, axis) if not keepdims else g
    return out


def kept(g, shape, axis):
    """g of a reduction without keepdims, with the reduced axis back as length 1 (to broadcast)."""
    if axis is None:
        return g
    axis %= len(shape)
    return g.reshape(shape[:axis] + (1,) + shape[axis + 1:])


def expand_text(g, params):
    """expand_to as exported numpy source: `g` (source) broadcast back to {0}'s shape."""
    if params["axis"] is not None and not params["keepdims"]:
        g = f"np.expand_dims({g}, {{axis}})"
    return f"np.broadcast_to({g}, {{0}}.shape)"


def expand_source(mean):
    """The sum's (or the mean's, g/N) VJP as exported numpy source."""
    def source(shapes, params):
        g = ("{g} / {0}.size" if params["axis"] is None else "{g} / {0}.shape[{axis}]") if mean else "{g}"
        return expand_text(g, params)
    return source


def reduced_count(shape, axis):
    return int(np.prod(shape)) if axis is None else shape[axis]


def reduced_flat(idx, shape, axis, keepdims=False):
    """The entry of the reduced output that input entry idx is summed into."""
    if axis is None or len(shape) < 2:
        return np.zeros_like(idx)
    axis %= len(shape)
    coords = list(np.unravel_index(idx, shape))
    coords[axis] = 0 * coords[axis]
    if not keepdims:
        del coords[axis]
    return np.ravel_multi_index(coords, reduced(shape, axis, keepdims))


def line_of(site, idx):
    """Per entry of `idx`, the output entry it is reduced into (the op's axis and keepdims)."""
    params = site.params
    return reduced_flat(idx, site.shape(0), params.get("axis"), params.get("keepdims", False))


def reduction(mean):
    """sum: each entry feeds the one output entry it is summed into, local 1 (mean: 1/N)."""
    def rule(site, i, idx):
        count = reduced_count(site.shape(0), site.params.get("axis"))
        factor = constant(1.0 / count, f"1/{count}", len(idx)) if mean else constant(1.0, "1", len(idx))
        return I.Effect(np.arange(len(idx)), line_of(site, idx), factor)
    return rule


def sum_form(ex, site, flat):
    """yⱼ = Σᵢ xᵢⱼ (or over all entries)."""
    entries = S.along(site, flat, site.params.get("axis"))
    return S.total([ex(0, k) for k in entries], [1] * len(entries))


def mean_form(ex, site, flat):
    """yⱼ = (Σᵢ xᵢⱼ)/N."""
    s = sum_form(ex, site, flat)
    return S.quotient(s, S.num(str(len(s.parts)), len(s.parts)))


AXIS_SAMPLES = ({}, {"axis": 0}, {"axis": -1}, {"axis": 1, "keepdims": True}, {"keepdims": True})
REDUCE_PARAMS = ("axis", "keepdims")
REDUCE_DEFAULTS = (("axis", None), ("keepdims", False))
